/* bp-map-renderer.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bp-map-metric.h"
#include "bp-sector-map.h"

G_BEGIN_DECLS

#define BP_MAP_RENDERER_ERROR (bp_map_renderer_error_quark ())

typedef enum
{
  BP_MAP_RENDERER_ERROR_UNSUPPORTED_FORMAT,
  BP_MAP_RENDERER_ERROR_INVALID_SIZE,
  BP_MAP_RENDERER_ERROR_FAILED,
} BpMapRendererError;

/* What part of the world a drawing shows, in libshumate's terms: the centre
 * in world units (see BpWorldRect), the zoom level (fractional), the tile
 * size in logical pixels (256), and the size of the target in logical pixels.
 * scale_factor is the number of device pixels per logical pixel. The cairo
 * context given to bp_map_renderer_draw() is in logical pixels with (0, 0) at
 * the top-left corner of the view. */
typedef struct
{
  double center_x;
  double center_y;
  double zoom;
  int    tile_size;
  int    width;
  int    height;
  double scale_factor;
} BpMapView;

#define BP_TYPE_MAP_RENDERER (bp_map_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BpMapRenderer, bp_map_renderer, BP, MAP_RENDERER, GObject)

GQuark          bp_map_renderer_error_quark         (void);

void            bp_map_view_fit                     (BpMapView          *view,
                                                     const BpWorldRect  *rect,
                                                     int                 width,
                                                     int                 height,
                                                     double              padding);
void            bp_map_view_get_world_rect          (const BpMapView    *view,
                                                     BpWorldRect        *rect);
void            bp_map_view_world_to_pixel          (const BpMapView    *view,
                                                     double              x,
                                                     double              y,
                                                     double             *px,
                                                     double             *py);
void            bp_map_view_pixel_to_world          (const BpMapView    *view,
                                                     double              px,
                                                     double              py,
                                                     double             *x,
                                                     double             *y);

BpMapRenderer  *bp_map_renderer_new                 (BpSectorMap        *map);
BpSectorMap    *bp_map_renderer_get_map             (BpMapRenderer      *self);
void            bp_map_renderer_set_values          (BpMapRenderer      *self,
                                                     BpSectorValues     *values);
BpSectorValues *bp_map_renderer_get_values          (BpMapRenderer      *self);
void            bp_map_renderer_set_breaks          (BpMapRenderer      *self,
                                                     BpClassBreaks      *breaks);
BpClassBreaks  *bp_map_renderer_get_breaks          (BpMapRenderer      *self);
void            bp_map_renderer_set_show_boundaries (BpMapRenderer      *self,
                                                     gboolean            show_boundaries);
gboolean        bp_map_renderer_get_show_boundaries (BpMapRenderer      *self);
void            bp_map_renderer_set_show_labels     (BpMapRenderer      *self,
                                                     gboolean            show_labels);
gboolean        bp_map_renderer_get_show_labels     (BpMapRenderer      *self);
void            bp_map_renderer_set_fill_opacity    (BpMapRenderer      *self,
                                                     double              fill_opacity);
double          bp_map_renderer_get_fill_opacity    (BpMapRenderer      *self);
void            bp_map_renderer_set_selected_sector (BpMapRenderer      *self,
                                                     int                 sector);
int             bp_map_renderer_get_selected_sector (BpMapRenderer      *self);
void            bp_map_renderer_set_legend_sectors  (BpMapRenderer      *self,
                                                     GArray             *sectors);
GArray         *bp_map_renderer_get_legend_sectors  (BpMapRenderer      *self);
void            bp_map_renderer_set_approximate_key (BpMapRenderer      *self,
                                                     gboolean            approximate_key);
gboolean        bp_map_renderer_get_approximate_key (BpMapRenderer      *self);
gboolean        bp_map_renderer_shows_approximate   (BpMapRenderer      *self,
                                                     const BpMapView    *view);
int             bp_map_renderer_get_sector_class    (BpMapRenderer      *self,
                                                     guint               sector);

void            bp_map_renderer_draw                (BpMapRenderer      *self,
                                                     cairo_t            *cr,
                                                     const BpMapView    *view);
double          bp_map_renderer_draw_legend         (BpMapRenderer      *self,
                                                     cairo_t            *cr,
                                                     double              x,
                                                     double              y,
                                                     double              width);
double          bp_map_renderer_measure_legend      (BpMapRenderer      *self,
                                                     double              width);
void            bp_map_renderer_get_report_view     (int                 width,
                                                     int                 height,
                                                     const BpWorldRect  *rect,
                                                     BpMapView          *view,
                                                     double             *map_x,
                                                     double             *map_y);
gboolean        bp_map_renderer_render_to_file      (BpMapRenderer      *self,
                                                     const char         *path,
                                                     int                 width,
                                                     int                 height,
                                                     const BpBounds     *area,
                                                     const char         *title,
                                                     const char         *footnote,
                                                     GError            **error);

G_END_DECLS
