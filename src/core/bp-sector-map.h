/* bp-sector-map.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"
#include "bp-store.h"
#include "bp-store-areas.h"

G_BEGIN_DECLS

#define BP_SECTOR_MAP_ERROR (bp_sector_map_error_quark ())

typedef enum
{
  BP_SECTOR_MAP_ERROR_NO_SECTORS,
  BP_SECTOR_MAP_ERROR_UNKNOWN_AREA,
} BpSectorMapError;

/* A rectangle in world units: Web Mercator normalised to [0, 1] × [0, 1],
 * x growing east and y growing south, as libshumate's viewport at zoom 0
 * divided by the tile size. */
typedef struct
{
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} BpWorldRect;

/* What bp_sector_map_load_with_flags() may leave out or build later. */
typedef enum
{
  BP_SECTOR_MAP_LOAD_DEFAULT          = 0,
  BP_SECTOR_MAP_LOAD_LAZY_LODS        = 1 << 0,
  BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS  = 1 << 1,
  BP_SECTOR_MAP_LOAD_NO_CACHE         = 1 << 2,
} BpSectorMapLoadFlags;

#define BP_TYPE_SECTOR_MAP (bp_sector_map_get_type ())
G_DECLARE_FINAL_TYPE (BpSectorMap, bp_sector_map, BP, SECTOR_MAP, GObject)

GQuark        bp_sector_map_error_quark                 (void);

void          bp_world_project                          (double              lon,
                                                         double              lat,
                                                         double             *x,
                                                         double             *y);
void          bp_world_unproject                        (double              x,
                                                         double              y,
                                                         double             *lon,
                                                         double             *lat);
void          bp_world_rect_from_bounds                 (BpWorldRect        *rect,
                                                         const BpBounds     *bounds);

BpSectorMap  *bp_sector_map_load                        (BpStore            *store,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
BpSectorMap  *bp_sector_map_load_with_flags             (BpStore            *store,
                                                         BpSectorMapLoadFlags flags,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
void          bp_sector_map_load_async                  (BpStore            *store,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer            user_data);
BpSectorMap  *bp_sector_map_load_finish                 (GAsyncResult       *result,
                                                         GError            **error);

/* Sectors */
guint         bp_sector_map_get_n_sectors               (BpSectorMap        *self);
gint64        bp_sector_map_get_sector_id               (BpSectorMap        *self,
                                                         guint               sector);
const char   *bp_sector_map_get_sector_code             (BpSectorMap        *self,
                                                         guint               sector);
const char   *bp_sector_map_get_sector_name             (BpSectorMap        *self,
                                                         guint               sector);
gint64        bp_sector_map_get_sector_municipality_id  (BpSectorMap        *self,
                                                         guint               sector);
guint         bp_sector_map_get_sector_municipality     (BpSectorMap        *self,
                                                         guint               sector);
const char   *bp_sector_map_get_sector_geometry_source  (BpSectorMap        *self,
                                                         guint               sector);
gboolean      bp_sector_map_sector_is_approximate       (BpSectorMap        *self,
                                                         guint               sector);
guint         bp_sector_map_get_sector_cell_size        (BpSectorMap        *self,
                                                         guint               sector);
guint         bp_sector_map_count_approximate_sectors   (BpSectorMap        *self,
                                                         GArray             *sectors);
void          bp_sector_map_get_sector_bounds           (BpSectorMap        *self,
                                                         guint               sector,
                                                         BpWorldRect        *rect);
int           bp_sector_map_lookup_sector               (BpSectorMap        *self,
                                                         gint64              area_id);
int           bp_sector_map_lookup_sector_code          (BpSectorMap        *self,
                                                         const char         *code);
int           bp_sector_map_hit_test                    (BpSectorMap        *self,
                                                         double              x,
                                                         double              y);
guint         bp_sector_map_query_sectors               (BpSectorMap        *self,
                                                         const BpWorldRect  *rect,
                                                         GArray             *sectors);
gboolean      bp_sector_map_list_area_sectors           (BpSectorMap        *self,
                                                         BpAreaLevel         level,
                                                         const char         *code,
                                                         GArray             *sectors);

/* Municipalities (for labels) */
guint         bp_sector_map_get_n_municipalities        (BpSectorMap        *self);
gint64        bp_sector_map_get_municipality_id         (BpSectorMap        *self,
                                                         guint               municipality);
const char   *bp_sector_map_get_municipality_code       (BpSectorMap        *self,
                                                         guint               municipality);
const char   *bp_sector_map_get_municipality_name       (BpSectorMap        *self,
                                                         guint               municipality);
void          bp_sector_map_get_municipality_label_point (BpSectorMap       *self,
                                                         guint               municipality,
                                                         double             *x,
                                                         double             *y);
void          bp_sector_map_get_municipality_bounds     (BpSectorMap        *self,
                                                         guint               municipality,
                                                         BpWorldRect        *rect);

/* Extents */
void          bp_sector_map_get_bounds                  (BpSectorMap        *self,
                                                         BpBounds           *bounds);
void          bp_sector_map_get_world_bounds            (BpSectorMap        *self,
                                                         BpWorldRect        *rect);
gboolean      bp_sector_map_get_area_bounds             (BpSectorMap        *self,
                                                         BpAreaLevel         level,
                                                         const char         *code,
                                                         BpBounds           *bounds);
void          bp_sector_map_get_outline_summary         (BpSectorMap        *self,
                                                         BpOutlineSummary   *summary);

/* Levels of detail: 0 is the coarsest, n_lods - 1 is the full outline. */
guint         bp_sector_map_get_n_lods                  (BpSectorMap        *self);
guint         bp_sector_map_pick_lod                    (BpSectorMap        *self,
                                                         double              zoom);
double        bp_sector_map_get_lod_tolerance           (BpSectorMap        *self,
                                                         guint               lod);
gsize         bp_sector_map_get_n_points                (BpSectorMap        *self,
                                                         guint               lod);

/* Simplified sector outlines: open rings of x, y world pairs. Holes and the
 * parts of a multipolygon are all rings of the sector: fill them even-odd. */
guint         bp_sector_map_get_n_rings                 (BpSectorMap        *self,
                                                         guint               sector,
                                                         guint               lod);
const double *bp_sector_map_get_ring                    (BpSectorMap        *self,
                                                         guint               sector,
                                                         guint               lod,
                                                         guint               ring,
                                                         guint              *n_points);

/* Boundary arcs: the shared edges between sectors, each stored once. An arc's
 * level is the coarsest level whose areas differ on its two sides
 * (BP_AREA_LEVEL_REGION on the outer edge, BP_AREA_LEVEL_SECTOR inside a
 * municipality). Arcs are open polylines of x, y world pairs. */
guint         bp_sector_map_get_n_arcs                  (BpSectorMap        *self);
BpAreaLevel   bp_sector_map_get_arc_level               (BpSectorMap        *self,
                                                         guint               arc);
gboolean      bp_sector_map_arc_is_approximate          (BpSectorMap        *self,
                                                         guint               arc);
gboolean      bp_sector_map_arc_is_wijk_edge            (BpSectorMap        *self,
                                                         guint               arc);
const double *bp_sector_map_get_arc                     (BpSectorMap        *self,
                                                         guint               arc,
                                                         guint               lod,
                                                         guint              *n_points);
guint         bp_sector_map_query_arcs                  (BpSectorMap        *self,
                                                         const BpWorldRect  *rect,
                                                         BpAreaLevel         finest_level,
                                                         GArray             *arcs);

G_END_DECLS
