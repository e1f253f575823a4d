/* bp-map-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-map-renderer"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <stdio.h>

#include "bp-area.h"
#include "bp-day.h"
#include "bp-map-renderer.h"

/* Draws the sector choropleth with cairo, for the map page (from its
 * snapshot) and for report images. Fills are batched per class: one path
 * per class, filled with the non-zero rule (rings are oriented, so holes
 * stay open), once without antialiasing under the antialiased fill to close
 * the seams between neighbours. Boundaries are the shared arcs of
 * BpSectorMap, one path per level, coarser on top. */

/* From this zoom on, streets can be read under the map (about 1:40,000 at
 * 96 dpi in Flanders, 12 m a pixel, where a base map names the main
 * streets), so a drawn sector line could send a team to the wrong one:
 * lines inside a real area between approximate outlines are dashed there.
 * Further out they are too short to read as streets and look as before. */
#define APPROXIMATE_LINE_ZOOM 13.0

#define FONT_FAMILY       "Cantarell, DejaVu Sans, Sans"
#define LABEL_MIN_ZOOM    8.6
#define SECTOR_LINE_ZOOM  10.8
/* Coloured by neighbourhood, their outlines show from the zoom where a
 * town's neighbourhoods can be told apart. */
#define WIJK_LINE_ZOOM    9.5
#define LEGEND_SWATCH     18.0
#define LEGEND_ROW        26.0
#define LEGEND_PAD        14.0
#define REPORT_SIDE_WIDTH 0.2
#define BAND_SLACK        4.0

struct _BpMapRenderer
{
  GObject         parent_instance;

  BpSectorMap    *map;
  BpSectorValues *values;
  BpClassBreaks  *breaks;
  gboolean        show_boundaries;
  gboolean        show_labels;
  double          fill_opacity;
  int             selected_sector;
  GArray         *legend_sectors;  /* guint, or NULL for every sector */
  gboolean        approximate_key;

  /* per sector class, recomputed when values or breaks change */
  gint8          *classes;
  gboolean        classes_valid;
  GArray         *sectors;  /* scratch for queries */
  GArray         *arcs;
};

enum {
  PROP_0,
  PROP_MAP,
  PROP_VALUES,
  PROP_BREAKS,
  PROP_SHOW_BOUNDARIES,
  PROP_SHOW_LABELS,
  PROP_FILL_OPACITY,
  PROP_SELECTED_SECTOR,
  PROP_LEGEND_SECTORS,
  PROP_APPROXIMATE_KEY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpMapRenderer, bp_map_renderer, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-map-renderer-error-quark, bp_map_renderer_error)

static GParamSpec *properties[N_PROPS];

/* ---- views ---- */

static double
view_scale (const BpMapView *view)
{
  return (view->tile_size > 0 ? view->tile_size : 256) * exp2 (view->zoom);
}

/**
 * bp_map_view_fit:
 * @view: (out caller-allocates): the view
 * @rect: the part of the world to show, in world units
 * @width: the width of the target in logical pixels
 * @height: the height of the target in logical pixels
 * @padding: the margin to keep around @rect, in logical pixels
 *
 * Sets @view to show all of @rect as large as fits, with 256-pixel tiles
 * and a scale factor of 1.
 */
void
bp_map_view_fit (BpMapView         *view,
                 const BpWorldRect *rect,
                 int                width,
                 int                height,
                 double             padding)
{
  double rw, rh, avail_w, avail_h, scale;

  g_return_if_fail (view != NULL);
  g_return_if_fail (rect != NULL);

  rw = MAX (rect->max_x - rect->min_x, 1e-9);
  rh = MAX (rect->max_y - rect->min_y, 1e-9);
  avail_w = MAX (width - 2 * padding, 1.0);
  avail_h = MAX (height - 2 * padding, 1.0);
  scale = MIN (avail_w / rw, avail_h / rh);

  view->center_x = (rect->min_x + rect->max_x) / 2.0;
  view->center_y = (rect->min_y + rect->max_y) / 2.0;
  view->tile_size = 256;
  view->zoom = log2 (scale / view->tile_size);
  view->width = width;
  view->height = height;
  view->scale_factor = 1.0;
}

/**
 * bp_map_view_get_world_rect:
 * @view: a view
 * @rect: (out caller-allocates): the part of the world the view shows
 */
void
bp_map_view_get_world_rect (const BpMapView *view,
                            BpWorldRect     *rect)
{
  double scale;

  g_return_if_fail (view != NULL);
  g_return_if_fail (rect != NULL);

  scale = view_scale (view);
  rect->min_x = view->center_x - view->width / 2.0 / scale;
  rect->max_x = view->center_x + view->width / 2.0 / scale;
  rect->min_y = view->center_y - view->height / 2.0 / scale;
  rect->max_y = view->center_y + view->height / 2.0 / scale;
}

/**
 * bp_map_view_world_to_pixel:
 * @view: a view
 * @x: x in world units
 * @y: y in world units
 * @px: (out): x in logical pixels from the left edge
 * @py: (out): y in logical pixels from the top edge
 */
void
bp_map_view_world_to_pixel (const BpMapView *view,
                            double           x,
                            double           y,
                            double          *px,
                            double          *py)
{
  double scale;

  g_return_if_fail (view != NULL);

  scale = view_scale (view);
  *px = (x - view->center_x) * scale + view->width / 2.0;
  *py = (y - view->center_y) * scale + view->height / 2.0;
}

/**
 * bp_map_view_pixel_to_world:
 * @view: a view
 * @px: x in logical pixels from the left edge
 * @py: y in logical pixels from the top edge
 * @x: (out): x in world units
 * @y: (out): y in world units
 */
void
bp_map_view_pixel_to_world (const BpMapView *view,
                            double           px,
                            double           py,
                            double          *x,
                            double          *y)
{
  double scale;

  g_return_if_fail (view != NULL);

  scale = view_scale (view);
  *x = (px - view->width / 2.0) / scale + view->center_x;
  *y = (py - view->height / 2.0) / scale + view->center_y;
}

/* ---- classes ---- */

static void
invalidate_classes (BpMapRenderer *self)
{
  self->classes_valid = FALSE;
}

static void
ensure_classes (BpMapRenderer *self)
{
  guint n_sectors = bp_sector_map_get_n_sectors (self->map);

  if (self->classes_valid)
    return;

  for (guint s = 0; s < n_sectors; s++)
    {
      double value = NAN;
      BpValueFlags flags = BP_VALUE_NONE;

      if (self->values && self->breaks &&
          bp_sector_values_lookup (self->values, bp_sector_map_get_sector_id (self->map, s),
                                   &value, &flags))
        self->classes[s] = (gint8)bp_class_breaks_classify_value (self->breaks, value, flags);
      else
        self->classes[s] = BP_CLASS_NO_DATA;
    }

  self->classes_valid = TRUE;
}

static void
class_colour (BpMapRenderer *self,
              int            class_index,
              BpColour      *rgb)
{
  if (self->breaks)
    bp_class_breaks_get_colour (self->breaks, class_index, rgb);
  else
    *rgb = (BpColour) { 0.85, 0.85, 0.85 };
}

/* ---- drawing ---- */

static cairo_pattern_t *
create_hatch_pattern (double scale_factor)
{
  int size = (int)ceil (8 * scale_factor);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 0.55);
  cairo_set_line_width (cr, 1.2 * scale_factor);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (cr, k * size, size);
      cairo_line_to (cr, (k + 1) * size, 0);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_scale (&matrix, scale_factor, scale_factor);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_surface_destroy (surface);

  return pattern;
}

/* Appends a polyline or ring in world units to the path, in pixels,
 * dropping points that fall within a quarter pixel of the previous one. */
static void
append_points (cairo_t      *cr,
               const double *xy,
               guint         n,
               gboolean      close,
               double        scale,
               double        ox,
               double        oy)
{
  double last_x = 0.0, last_y = 0.0;

  for (guint i = 0; i < n; i++)
    {
      double px = xy[i * 2] * scale - ox;
      double py = xy[i * 2 + 1] * scale - oy;

      if (i == 0)
        cairo_move_to (cr, px, py);
      else if (i == n - 1 || fabs (px - last_x) + fabs (py - last_y) >= 0.25)
        cairo_line_to (cr, px, py);
      else
        continue;

      last_x = px;
      last_y = py;
    }

  if (close)
    cairo_close_path (cr);
}

/* Draws only the sectors that reach from @y0 to @y1 in pixels: the others
 * would be clipped away anyway, and leaving them out of the path spares
 * the time to build it. */
static void
draw_fills (BpMapRenderer   *self,
            cairo_t         *cr,
            const BpMapView *view,
            guint            lod,
            double           scale,
            double           ox,
            double           oy,
            double           y0,
            double           y1)
{
  guint n_classes = self->breaks ? bp_class_breaks_get_n_classes (self->breaks) : 0;
  cairo_pattern_t *hatch = NULL;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  for (int c = BP_CLASS_SUPPRESSED; c < (int)n_classes; c++)
    {
      BpColour rgb;
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint k = 0; k < self->sectors->len; k++)
        {
          guint s = g_array_index (self->sectors, guint, k);
          guint n_rings;

          if (self->classes[s] != c)
            continue;

          if (isfinite (y0) || isfinite (y1))
            {
              BpWorldRect bbox;

              /* a few pixels to spare: a simplified ring need not stay
               * exactly inside the bounds of the full outline */
              bp_sector_map_get_sector_bounds (self->map, s, &bbox);
              if (bbox.max_y * scale - oy < y0 - BAND_SLACK || bbox.min_y * scale - oy > y1 + BAND_SLACK)
                continue;
            }

          n_rings = bp_sector_map_get_n_rings (self->map, s, lod);
          for (guint r = 0; r < n_rings; r++)
            {
              guint n;
              const double *xy = bp_sector_map_get_ring (self->map, s, lod, r, &n);

              if (n < 3)
                continue;
              append_points (cr, xy, n, TRUE, scale, ox, oy);
              any = TRUE;
            }
        }

      if (!any)
        continue;

      class_colour (self, c, &rgb);
      cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, self->fill_opacity);
      if (self->fill_opacity >= 1.0)
        {
          /* first without antialiasing, so that the antialiased edges of
           * the second pass blend with the neighbour rather than with
           * the background: no light seams between sectors */
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          cairo_fill_preserve (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
        }
      cairo_fill_preserve (cr);

      if (c == BP_CLASS_SUPPRESSED)
        {
          if (!hatch)
            hatch = create_hatch_pattern (MAX (view->scale_factor, 1.0));
          cairo_set_source (cr, hatch);
          cairo_fill_preserve (cr);
        }
      cairo_new_path (cr);
    }

  g_clear_pointer (&hatch, cairo_pattern_destroy);
  cairo_restore (cr);
}

typedef struct
{
  BpAreaLevel level;
  gboolean    is_approximate;
  gboolean    is_wijk_edge;   /* for sector lines when coloured by neighbourhood */
  double      width;
  double      alpha;
} LineStyle;

static gboolean
colours_by_wijk (BpMapRenderer *self)
{
  return self->values && bp_sector_values_get_level (self->values) == BP_AREA_LEVEL_WIJK;
}

/* Dashes of a line inside a real area between approximate outlines, in
 * logical pixels: long enough to read as a pattern at any width, the gaps
 * shorter so the sectors still look closed. */
static const double approximate_dashes[] = { 6.0, 4.0 };

static void
set_approximate_dashes (cairo_t *cr)
{
  cairo_set_dash (cr, approximate_dashes, G_N_ELEMENTS (approximate_dashes), 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* The finest level of boundaries worth drawing at the zoom of @view. Lines
 * between neighbourhoods are sector lines (see bp_sector_map_arc_is_wijk_edge()). */
static BpAreaLevel
finest_boundary_level (BpMapRenderer   *self,
                       const BpMapView *view)
{
  double z = view->zoom;

  if (z < 6.5)
    return BP_AREA_LEVEL_PROVINCE;
  if (z < 7.5)
    return BP_AREA_LEVEL_CARE_ZONE;
  return z >= (colours_by_wijk (self) ? WIJK_LINE_ZOOM : SECTOR_LINE_ZOOM) ? BP_AREA_LEVEL_SECTOR
                                                                             : BP_AREA_LEVEL_MUNICIPALITY;
}

/* Whether an arc comes within a few pixels of rows @y0 to @y1: looking at
 * its points costs less than adding them to a path to be clipped away. */
static gboolean
arc_reaches_rows (const double *xy,
                  guint         n,
                  double        scale,
                  double        oy,
                  double        y0,
                  double        y1)
{
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  if (!isfinite (y0) && !isfinite (y1))
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      min_y = MIN (min_y, xy[i * 2 + 1]);
      max_y = MAX (max_y, xy[i * 2 + 1]);
    }

  return max_y * scale - oy >= y0 - BAND_SLACK && min_y * scale - oy <= y1 + BAND_SLACK;
}

/* Strokes the arcs in self->arcs, which the caller has filled with
 * bp_sector_map_query_arcs() at finest_boundary_level(); only those that
 * reach from @y0 to @y1 in pixels, as draw_fills(). */
static void
draw_boundaries (BpMapRenderer     *self,
                 cairo_t           *cr,
                 const BpMapView   *view,
                 guint              lod,
                 double             scale,
                 double             ox,
                 double             oy,
                 double             y0,
                 double             y1)
{
  double z = view->zoom;
  double sector_width = 0.35 + 0.15 * CLAMP (z - SECTOR_LINE_ZOOM, 0, 3);
  /* finest first, so that coarser lines end up on top; the dashes a little
   * wider and darker, or their gaps would make them fade away */
  const LineStyle styles[] = {
    { BP_AREA_LEVEL_SECTOR, TRUE, FALSE, MAX (sector_width * 1.5, 1.2), 0.75 },
    { BP_AREA_LEVEL_SECTOR, FALSE, FALSE, sector_width, 0.35 },
    { BP_AREA_LEVEL_SECTOR, FALSE, TRUE, CLAMP (0.4 + 0.15 * (z - 9), 0.4, 1.0), 0.6 },
    { BP_AREA_LEVEL_MUNICIPALITY, FALSE, FALSE, CLAMP (0.45 + 0.15 * (z - 8), 0.45, 1.3), 0.75 },
    { BP_AREA_LEVEL_CARE_ZONE, FALSE, FALSE, CLAMP (0.9 + 0.2 * (z - 8), 0.9, 2.0), 0.8 },
    { BP_AREA_LEVEL_PROVINCE, FALSE, FALSE, CLAMP (1.6 + 0.25 * (z - 8), 1.6, 3.0), 0.9 },
    { BP_AREA_LEVEL_REGION, FALSE, FALSE, CLAMP (2.0 + 0.25 * (z - 8), 2.0, 3.5), 0.95 },
  };
  BpAreaLevel finest = finest_boundary_level (self, view);
  gboolean by_wijk = colours_by_wijk (self);
  /* Coloured by neighbourhood, the lines inside one are left out, and so
   * are their dashes. */
  gboolean mark_approximate = z >= APPROXIMATE_LINE_ZOOM && !by_wijk;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      gboolean any = FALSE;

      if (styles[i].level > finest || (styles[i].is_approximate && !mark_approximate) ||
          (styles[i].is_wijk_edge && !by_wijk) ||
          (by_wijk && styles[i].level == BP_AREA_LEVEL_SECTOR && !styles[i].is_wijk_edge))
        continue;

      cairo_new_path (cr);
      for (guint k = 0; k < self->arcs->len; k++)
        {
          guint arc = g_array_index (self->arcs, guint, k);
          guint n;
          const double *xy;

          if (bp_sector_map_get_arc_level (self->map, arc) != styles[i].level ||
              (mark_approximate && bp_sector_map_arc_is_approximate (self->map, arc) != styles[i].is_approximate) ||
              (styles[i].is_wijk_edge && !bp_sector_map_arc_is_wijk_edge (self->map, arc)))
            continue;

          xy = bp_sector_map_get_arc (self->map, arc, lod, &n);
          if (n < 2 || !arc_reaches_rows (xy, n, scale, oy, y0, y1))
            continue;
          append_points (cr, xy, n, FALSE, scale, ox, oy);
          any = TRUE;
        }

      if (!any)
        continue;

      cairo_save (cr);
      if (styles[i].is_approximate)
        set_approximate_dashes (cr);
      cairo_set_source_rgba (cr, 0.16, 0.16, 0.2, styles[i].alpha);
      cairo_set_line_width (cr, styles[i].width);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_restore (cr);
}

static void
draw_selection (BpMapRenderer *self,
                cairo_t       *cr,
                guint          lod,
                double         scale,
                double         ox,
                double         oy)
{
  guint s = (guint)self->selected_sector;
  guint n_rings = bp_sector_map_get_n_rings (self->map, s, lod);

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *xy = bp_sector_map_get_ring (self->map, s, lod, r, &n);

      if (n >= 3)
        append_points (cr, xy, n, TRUE, scale, ox, oy);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.11, 0.35, 0.75);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  guint  municipality;
  double size;
} LabelCandidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const LabelCandidate *ca = a, *cb = b;

  if (ca->size != cb->size)
    return ca->size > cb->size ? -1 : 1;
  return (int)ca->municipality - (int)cb->municipality;
}

static gboolean
boxes_overlap (const double *a,
               const double *b)
{
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

static void
draw_labels (BpMapRenderer     *self,
             cairo_t           *cr,
             const BpMapView   *view,
             const BpWorldRect *rect)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (LabelCandidate));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  double font_px = CLAMP (10.5 + 0.8 * (view->zoom - 9), 10.5, 15.0);
  double scale = view_scale (view);
  double min_size = 28.0;

  for (guint m = 0; m < bp_sector_map_get_n_municipalities (self->map); m++)
    {
      BpWorldRect bbox;
      LabelCandidate c;

      bp_sector_map_get_municipality_bounds (self->map, m, &bbox);
      if (bbox.min_x > bbox.max_x || bbox.max_x < rect->min_x || bbox.min_x > rect->max_x ||
          bbox.max_y < rect->min_y || bbox.min_y > rect->max_y)
        continue;

      c.municipality = m;
      c.size = sqrt ((bbox.max_x - bbox.min_x) * (bbox.max_y - bbox.min_y)) * scale;
      if (c.size >= min_size)
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_absolute_size (font, font_px * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < candidates->len; i++)
    {
      guint m = g_array_index (candidates, LabelCandidate, i).municipality;
      PangoRectangle ink, logical;
      double x, y, px, py, box[4];
      gboolean free_spot = TRUE;

      bp_sector_map_get_municipality_label_point (self->map, m, &x, &y);
      bp_map_view_world_to_pixel (view, x, y, &px, &py);

      pango_layout_set_text (layout, bp_sector_map_get_municipality_name (self->map, m), -1);
      pango_layout_get_pixel_extents (layout, &ink, &logical);

      box[0] = px - logical.width / 2.0 - 3;
      box[1] = py - logical.height / 2.0 - 1;
      box[2] = px + logical.width / 2.0 + 3;
      box[3] = py + logical.height / 2.0 + 1;
      if (box[0] < 0 || box[1] < 0 || box[2] > view->width || box[3] > view->height)
        continue;

      for (guint k = 0; k < placed->len && free_spot; k++)
        free_spot = !boxes_overlap (box, &g_array_index (placed, double, k * 4));
      if (!free_spot)
        continue;

      g_array_append_vals (placed, box, 1);

      cairo_move_to (cr, px - logical.width / 2.0, py - logical.height / 2.0);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

/* What one drawing of a view needs, worked out before any drawing, so that
 * several threads can then draw parts of the same view without writing to
 * the renderer or the map. */
typedef struct
{
  const BpMapView *view;
  BpWorldRect      rect;
  double           scale;
  double           ox;
  double           oy;
  guint            lod;
} DrawSetup;

static void
prepare_draw (BpMapRenderer   *self,
              const BpMapView *view,
              DrawSetup       *setup)
{
  double margin;

  ensure_classes (self);

  setup->view = view;
  setup->scale = view_scale (view);
  /* pixel = world × scale − origin */
  setup->ox = view->center_x * setup->scale - view->width / 2.0;
  setup->oy = view->center_y * setup->scale - view->height / 2.0;
  setup->lod = bp_sector_map_pick_lod (self->map, view->zoom + log2 (MAX (view->scale_factor, 1.0)));

  bp_map_view_get_world_rect (view, &setup->rect);
  margin = 4.0 / setup->scale;
  setup->rect.min_x -= margin;
  setup->rect.min_y -= margin;
  setup->rect.max_x += margin;
  setup->rect.max_y += margin;

  bp_sector_map_query_sectors (self->map, &setup->rect, self->sectors);
  if (self->show_boundaries)
    bp_sector_map_query_arcs (self->map, &setup->rect, finest_boundary_level (self, view), self->arcs);
}

/* Fills, boundaries and the selection, of the sectors from @y0 to @y1 in
 * pixels: only reads the renderer and the map, so it may run on several
 * threads at once, each with its own cairo_t. */
static void
draw_shapes (BpMapRenderer   *self,
             cairo_t         *cr,
             const DrawSetup *setup,
             double           y0,
             double           y1)
{
  draw_fills (self, cr, setup->view, setup->lod, setup->scale, setup->ox, setup->oy, y0, y1);
  if (self->show_boundaries)
    draw_boundaries (self, cr, setup->view, setup->lod, setup->scale, setup->ox, setup->oy, y0, y1);
  if (self->selected_sector >= 0)
    draw_selection (self, cr, setup->lod, setup->scale, setup->ox, setup->oy);
}

static void
draw_labels_if_shown (BpMapRenderer   *self,
                      cairo_t         *cr,
                      const DrawSetup *setup)
{
  if (self->show_labels && setup->view->zoom >= LABEL_MIN_ZOOM)
    draw_labels (self, cr, setup->view, &setup->rect);
}

/**
 * bp_map_renderer_draw:
 * @self: a #BpMapRenderer
 * @cr: a cairo context in logical pixels, (0, 0) at the view's top left
 * @view: what part of the world to draw
 *
 * Draws the visible sectors in their class colours, hatching suppressed
 * ones, then the boundaries, the selected sector and municipality names.
 * Nothing is drawn outside the sectors, so a base map may show through.
 */
void
bp_map_renderer_draw (BpMapRenderer   *self,
                      cairo_t         *cr,
                      const BpMapView *view)
{
  DrawSetup setup;

  g_return_if_fail (BP_IS_MAP_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  if (view->width <= 0 || view->height <= 0)
    return;

  prepare_draw (self, view, &setup);

  cairo_save (cr);
  draw_shapes (self, cr, &setup, -INFINITY, INFINITY);
  draw_labels_if_shown (self, cr, &setup);
  cairo_restore (cr);
}

/* ---- legend ---- */

static PangoLayout *
create_text_layout (cairo_t    *cr,
                    double      size_px,
                    PangoWeight weight,
                    double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
}

/* Draws a layout at (x, y) and returns its height. */
static double
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static char *
dup_period (BpSectorValues *values)
{
  BpMapMetric metric = bp_sector_values_get_metric (values);
  int day = bp_sector_values_get_day (values);
  /* the trend compares the last 7 days with the 7 before them */
  int window = metric == BP_MAP_METRIC_TREND ? 7 : bp_map_metric_get_window_days (metric);
  g_autofree char *first = bp_day_to_iso (day - window + 1);
  g_autofree char *last = bp_day_to_iso (day);

  if (metric == BP_MAP_METRIC_TREND)
    {
      g_autofree char *previous_first = bp_day_to_iso (day - 2 * window + 1);
      g_autofree char *previous_last = bp_day_to_iso (day - window);

      /* Translators: the period of the trend map: the last 7 days against the 7 before */
      return g_strdup_printf (_("%s – %s against %s – %s"), first, last,
                              previous_first, previous_last);
    }

  /* Translators: a period of days, such as “2026-11-09 – 2026-11-15” */
  return g_strdup_printf (_("%s – %s"), first, last);
}

/* The counts bp_class_breaks_count() gives, of the legend's sectors only. */
static void
count_legend_sectors (BpMapRenderer *self,
                      guint          n_classes,
                      guint         *counts)
{
  ensure_classes (self);

  for (guint k = 0; k < self->legend_sectors->len; k++)
    {
      int c = self->classes[g_array_index (self->legend_sectors, guint, k)];

      if (c == BP_CLASS_NO_DATA)
        counts[n_classes]++;
      else if (c == BP_CLASS_SUPPRESSED)
        counts[n_classes + 1]++;
      else
        counts[c]++;
    }
}

/* The key to the dashed line, under the classes: a sample of the line as
 * the map draws it, and what it means. */
static double
draw_approximate_key (cairo_t     *cr,
                      PangoLayout *body,
                      double       x,
                      double       y,
                      double       width)
{
  double text_x = x + LEGEND_SWATCH * 1.6 + 8;
  int tw, th;

  cairo_save (cr);
  cairo_move_to (cr, x + 0.5, y + LEGEND_SWATCH / 2.0);
  cairo_line_to (cr, x + LEGEND_SWATCH * 1.6, y + LEGEND_SWATCH / 2.0);
  set_approximate_dashes (cr);
  cairo_set_source_rgba (cr, 0.16, 0.16, 0.2, 0.8);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  pango_layout_set_width (body, (int)((width - (text_x - x)) * PANGO_SCALE));
  /* Translators: in the map legend, beside a dashed line */
  pango_layout_set_text (body, _("Approximate sector outline: where the line runs is not known"), -1);
  pango_layout_get_pixel_size (body, &tw, &th);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  show_text (cr, body, text_x, y + MAX ((LEGEND_SWATCH - th) / 2.0, 0.0));

  return MAX (LEGEND_ROW, th + 8.0);
}

/* The legend's line on sources when all are counted: the share of clinical
 * cases in the last 14 days over the legend's sectors, or NULL without
 * cases. A share worked out from a count of 1 to 4 is not shown when small
 * counts are hidden. */
static char *
dup_source_split (BpMapRenderer *self)
{
  g_autofree gint64 *ids = NULL;
  gint64 cases[BP_N_CASE_SOURCES];
  gint64 total = 0, others;
  guint n = 0;

  if (self->legend_sectors)
    {
      ids = g_new (gint64, MAX (self->legend_sectors->len, 1));
      for (n = 0; n < self->legend_sectors->len; n++)
        ids[n] = bp_sector_map_get_sector_id (self->map, g_array_index (self->legend_sectors, guint, n));
    }
  bp_sector_values_sum_sources (self->values, ids, n, cases);
  for (guint source = 0; source < BP_N_CASE_SOURCES; source++)
    total += cases[source];
  if (total == 0)
    return NULL;

  others = total - cases[BP_CASE_SOURCE_CLINICAL];
  if (bp_sector_values_get_small_suppressed (self->values) &&
      (bp_count_is_small (cases[BP_CASE_SOURCE_CLINICAL]) || bp_count_is_small (others)))
    /* Translators: in the map legend, all cases counted, the split hidden */
    return g_strdup (_("All cases; the share of clinical cases is hidden (<5)"));

  /* Translators: in the map legend; clinical cases are reported by a GP without a test */
  return g_strdup_printf (_("All cases, of which %.0f %% clinical (last 14 days)"),
                          100.0 * (double)cases[BP_CASE_SOURCE_CLINICAL] / (double)total);
}

static double
draw_legend (BpMapRenderer *self,
             cairo_t       *cr,
             double         x,
             double         y,
             double         width,
             gboolean       approximate_key)
{
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) body = NULL;
  g_autofree guint *counts = NULL;
  guint n_classes;
  double top = y;
  int age_band;
  BpCaseSourceFilter sources;

  if (!self->breaks)
    return 0.0;

  n_classes = bp_class_breaks_get_n_classes (self->breaks);
  counts = g_new0 (guint, n_classes + 2);
  if (self->values && self->legend_sectors)
    count_legend_sectors (self, n_classes, counts);
  else if (self->values)
    bp_class_breaks_count (self->breaks, self->values, counts);

  cairo_save (cr);
  heading = create_text_layout (cr, 15.0, PANGO_WEIGHT_BOLD, width);
  body = create_text_layout (cr, 12.5, PANGO_WEIGHT_NORMAL, width);

  pango_layout_set_text (heading, bp_map_metric_get_display_name (bp_class_breaks_get_metric (self->breaks)), -1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  y += show_text (cr, heading, x, y) + 2;

  if (self->values)
    {
      g_autofree char *period = dup_period (self->values);

      pango_layout_set_text (body, period, -1);
      y += show_text (cr, body, x, y);

      age_band = bp_sector_values_get_age_band (self->values);
      if (age_band >= 0)
        {
          /* Translators: the age band of the map legend, such as “Ages 20-29” */
          g_autofree char *ages = g_strdup_printf (_("Ages %s"), bp_age_band_get_label (age_band));

          pango_layout_set_text (body, ages, -1);
          y += show_text (cr, body, x, y);
        }

      sources = bp_sector_values_get_sources (self->values);
      if (sources != BP_CASE_SOURCE_FILTER_ALL)
        {
          pango_layout_set_text (body, bp_case_source_filter_get_display_name (sources), -1);
          y += show_text (cr, body, x, y);
        }
      else
        {
          g_autofree char *split = dup_source_split (self);

          if (split)
            {
              pango_layout_set_text (body, split, -1);
              y += show_text (cr, body, x, y);
            }
        }

      if (bp_sector_values_get_level (self->values) == BP_AREA_LEVEL_WIJK)
        {
          /* Translators: in the map legend, when each sector shows its neighbourhood's figure */
          pango_layout_set_text (body, _("Per neighbourhood (wijk)"), -1);
          y += show_text (cr, body, x, y);
        }
    }
  y += 10;

  /* highest class on top, then suppressed, then no data */
  for (int row = 0; row < (int)n_classes + 2; row++)
    {
      int c = row < (int)n_classes ? (int)n_classes - 1 - row : (row == (int)n_classes ? BP_CLASS_SUPPRESSED : BP_CLASS_NO_DATA);
      guint count = c >= 0 ? counts[c] : (c == BP_CLASS_NO_DATA ? counts[n_classes] : counts[n_classes + 1]);
      g_autofree char *label = bp_class_breaks_dup_label (self->breaks, c);
      g_autofree char *number = g_strdup_printf ("%u", count);
      BpColour rgb;
      int tw, th;

      class_colour (self, c, &rgb);
      cairo_rectangle (cr, x + 0.5, y + 0.5, LEGEND_SWATCH * 1.6, LEGEND_SWATCH);
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_fill_preserve (cr);
      if (c == BP_CLASS_SUPPRESSED)
        {
          cairo_pattern_t *hatch = create_hatch_pattern (1.0);

          cairo_set_source (cr, hatch);
          cairo_fill_preserve (cr);
          cairo_pattern_destroy (hatch);
        }
      cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.6);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      pango_layout_set_width (body, -1);
      pango_layout_set_text (body, label, -1);
      pango_layout_get_pixel_size (body, &tw, &th);
      show_text (cr, body, x + LEGEND_SWATCH * 1.6 + 8, y + (LEGEND_SWATCH - th) / 2.0);

      pango_layout_set_text (body, number, -1);
      pango_layout_get_pixel_size (body, &tw, &th);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
      show_text (cr, body, x + width - tw, y + (LEGEND_SWATCH - th) / 2.0);

      y += LEGEND_ROW;
    }

  if (approximate_key)
    y += draw_approximate_key (cr, body, x, y, width);

  /* Translators: under the map legend: the numbers are counts of sectors */
  pango_layout_set_width (body, (int)(width * PANGO_SCALE));
  pango_layout_set_text (body, _("Numbers: statistical sectors per class"), -1);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  y += show_text (cr, body, x, y + 2) + 2;

  cairo_restore (cr);
  return y - top;
}

/**
 * bp_map_renderer_draw_legend:
 * @self: a #BpMapRenderer
 * @cr: a cairo context
 * @x: the left edge of the legend
 * @y: the top edge of the legend
 * @width: the width of the legend
 *
 * Draws the legend: the metric, its period and age band, one row per class
 * with its colour and number of sectors (of #BpMapRenderer:legend-sectors
 * when set), the rows for suppressed sectors ("<5") and sectors with no
 * data, and with #BpMapRenderer:approximate-key the dashed line of
 * approximate sector outlines.
 *
 * Returns: the height of the legend
 */
double
bp_map_renderer_draw_legend (BpMapRenderer *self,
                             cairo_t       *cr,
                             double         x,
                             double         y,
                             double         width)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), 0.0);
  g_return_val_if_fail (cr != NULL, 0.0);

  return draw_legend (self, cr, x, y, width, self->approximate_key);
}

/**
 * bp_map_renderer_measure_legend:
 * @self: a #BpMapRenderer
 * @width: the width of the legend
 *
 * Returns: the height bp_map_renderer_draw_legend() would take
 */
double
bp_map_renderer_measure_legend (BpMapRenderer *self,
                                double         width)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), 0.0);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  height = bp_map_renderer_draw_legend (self, cr, 0, 0, width);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return height;
}

/* ---- report images ---- */

typedef enum
{
  FORMAT_PNG,
  FORMAT_PDF,
} FileFormat;

#define REPORT_MARGIN(width)  MAX (16.0, (width) * 0.012)
#define REPORT_TITLE(height)  CLAMP ((height) * 0.03, 16.0, 30.0)
#define REPORT_FOOT(height)   CLAMP ((height) * 0.014, 9.0, 13.0)

/**
 * bp_map_renderer_get_report_view:
 * @width: the width of the report image
 * @height: the height of the report image
 * @rect: the part of the world the report shows, in world units
 * @view: (out caller-allocates): the view of the map in the report
 * @map_x: (out): the left edge of the map in the image
 * @map_y: (out): the top edge of the map in the image
 *
 * Gives where bp_map_renderer_render_to_file() puts the map, so that a
 * pixel of the image can be traced to a point in the world.
 */
void
bp_map_renderer_get_report_view (int                width,
                                 int                height,
                                 const BpWorldRect *rect,
                                 BpMapView         *view,
                                 double            *map_x,
                                 double            *map_y)
{
  double margin = REPORT_MARGIN (width);
  double side_w = MAX (220.0, width * REPORT_SIDE_WIDTH);
  double title_h = REPORT_TITLE (height) * 1.5 + margin * 0.6;
  double foot_h = REPORT_FOOT (height) * 1.4 * 3 + margin * 0.6;
  double map_w = MAX (width - 2 * margin - side_w - margin, 10.0);
  double map_h = MAX (height - margin - title_h - foot_h - margin, 10.0);

  g_return_if_fail (rect != NULL);
  g_return_if_fail (view != NULL);

  *map_x = margin;
  *map_y = margin + title_h;
  bp_map_view_fit (view, rect, (int)map_w, (int)map_h, 8.0);
}

typedef struct
{
  BpMapRenderer   *self;
  cairo_surface_t *surface;
  const DrawSetup *setup;
  double           map_x;
  double           map_y;
  int              y0;
  int              y1;
} Band;

/* Draws the shapes of the map in rows @y0 to @y1 of the image. */
static gpointer
draw_band (gpointer data)
{
  Band *band = data;
  cairo_t *cr = cairo_create (band->surface);

  /* the same clip and offset as draw_report() gives the whole map, so that
   * every pixel comes out as when the map is drawn in one go */
  cairo_rectangle (cr, band->map_x, band->map_y, band->setup->view->width, band->setup->view->height);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, band->y0, cairo_image_surface_get_width (band->surface), band->y1 - band->y0);
  cairo_clip (cr);
  cairo_translate (cr, band->map_x, band->map_y);
  draw_shapes (band->self, cr, band->setup, band->y0 - band->map_y, band->y1 - band->map_y);
  cairo_destroy (cr);
  cairo_surface_flush (band->surface);

  return NULL;
}

/* Finds the row of the image that halves the work of drawing the sectors,
 * taken as the number of points of their rings: the sectors are far from
 * evenly spread over the map, and the halves of the area of the map were a
 * third and two thirds of the work. */
static int
find_split (BpMapRenderer   *self,
            const DrawSetup *setup,
            int              height,
            double           map_y)
{
  g_autofree guint64 *work = g_new0 (guint64, height);
  guint64 total = 0, sum = 0;

  for (guint k = 0; k < self->sectors->len; k++)
    {
      guint s = g_array_index (self->sectors, guint, k);
      guint n_rings = bp_sector_map_get_n_rings (self->map, s, setup->lod);
      guint n_points = 0;
      BpWorldRect bbox;
      double y;

      for (guint r = 0; r < n_rings; r++)
        {
          guint n;

          bp_sector_map_get_ring (self->map, s, setup->lod, r, &n);
          n_points += n;
        }

      bp_sector_map_get_sector_bounds (self->map, s, &bbox);
      y = map_y + (bbox.min_y + bbox.max_y) / 2.0 * setup->scale - setup->oy;
      work[CLAMP ((int)y, 0, height - 1)] += n_points;
      total += n_points;
    }

  for (int y = 0; y < height; y++)
    {
      sum += work[y];
      if (sum * 2 >= total)
        return y + 1;
    }

  return height;
}

/* Draws the map of a report into an image surface with two threads, the
 * rows above and below find_split() each on one: filling and stroking
 * tens of thousands of rings is most of the drawing time. Each thread has a
 * surface of its own on the rows it owns of the image's pixels, since
 * cairo draws to a surface from one thread at a time only. The labels,
 * which are few, follow in this thread on @cr. */
static void
draw_map_banded (BpMapRenderer   *self,
                 cairo_t         *cr,
                 cairo_surface_t *surface,
                 const BpMapView *view,
                 double           map_x,
                 double           map_y)
{
  g_autoptr(GThread) thread = NULL;
  cairo_format_t format = cairo_image_surface_get_format (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guchar *data;
  DrawSetup setup;
  Band bands[2];
  int split;

  prepare_draw (self, view, &setup);

  /* Build the level of detail here, not under the threads, where one
   * would wait for the other to build it. */
  for (guint k = 0; k < self->sectors->len; k++)
    {
      guint s = g_array_index (self->sectors, guint, k);
      guint n;

      if (bp_sector_map_get_n_rings (self->map, s, setup.lod) > 0)
        {
          bp_sector_map_get_ring (self->map, s, setup.lod, 0, &n);
          break;
        }
    }

  split = find_split (self, &setup, height, map_y);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      bands[i].self = self;
      bands[i].setup = &setup;
      bands[i].map_x = map_x;
      bands[i].map_y = map_y;
      bands[i].y0 = i == 0 ? 0 : split;
      bands[i].y1 = i == 0 ? split : height;
      /* The upper surface ends at the split and the lower one starts at
       * the top of the image, so that both keep the coordinates of the
       * image: moving the origin could round some points differently. */
      bands[i].surface = cairo_image_surface_create_for_data (data, format, width, bands[i].y1, stride);
    }

  thread = g_thread_new ("bp-map-band", draw_band, &bands[1]);
  draw_band (&bands[0]);
  g_thread_join (g_steal_pointer (&thread));

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    cairo_surface_destroy (bands[i].surface);
  cairo_surface_mark_dirty (surface);

  cairo_save (cr);
  draw_labels_if_shown (self, cr, &setup);
  cairo_restore (cr);
}

/* The line of a report's footnote on the outlines of the sectors it is
 * about: those of #BpMapRenderer:legend-sectors, or all. */
static char *
dup_outline_note (BpMapRenderer *self)
{
  guint n_sectors = self->legend_sectors ? self->legend_sectors->len : bp_sector_map_get_n_sectors (self->map);
  guint n_approximate = bp_sector_map_count_approximate_sectors (self->map, self->legend_sectors);
  guint percent = n_sectors > 0 ? (guint)round (100.0 * n_approximate / n_sectors) : 0;
  const char *format;

  /* a few approximate outlines are not none, nor are a few real ones none */
  if (n_approximate > 0 && n_approximate < n_sectors)
    percent = CLAMP (percent, 1, 99);

  if (n_approximate == 0)
    format = self->legend_sectors
      /* Translators: the footnote of a map of an area; %u %% is a percentage, here 0 % */
      ? _("%u %% of the sector outlines of the area are approximate.")
      /* Translators: the footnote of a map; %u %% is a percentage, here 0 % */
      : _("%u %% of the sector outlines shown are approximate.");
  else if (self->legend_sectors)
    format = g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: the footnote of a map of an area; %u %% is a percentage */
                          "%u %% of the sector outlines of the area are approximate (dashed where streets can "
                          "be read): where such a sector lies inside its real area is not known; its code, "
                          "population and counts are exact.",
                          "%u %% of the sector outlines of the area are approximate (dashed where streets can "
                          "be read): where such a sector lies inside its real area is not known; its code, "
                          "population and counts are exact.",
                          percent);
  else
    format = g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: the footnote of a map; %u %% is a percentage */
                          "%u %% of the sector outlines shown are approximate (dashed where streets can be "
                          "read): where such a sector lies inside its real area is not known; its code, "
                          "population and counts are exact.",
                          "%u %% of the sector outlines shown are approximate (dashed where streets can be "
                          "read): where such a sector lies inside its real area is not known; its code, "
                          "population and counts are exact.",
                          percent);

  return g_strdup_printf (format, percent);
}

static void
draw_report (BpMapRenderer  *self,
             cairo_t        *cr,
             int             width,
             int             height,
             const BpBounds *area,
             const char     *title,
             const char     *footnote)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) foot_layout = NULL;
  g_autoptr(GString) foot = g_string_new (NULL);
  g_autofree char *outline_note = NULL;
  BpWorldRect rect;
  BpMapView view;
  double margin = REPORT_MARGIN (width);
  double side_w = MAX (220.0, width * REPORT_SIDE_WIDTH);
  double map_x, map_y;
  int tw, th;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (area)
    bp_world_rect_from_bounds (&rect, area);
  else
    bp_sector_map_get_world_bounds (self->map, &rect);
  bp_map_renderer_get_report_view (width, height, &rect, &view, &map_x, &map_y);

  cairo_save (cr);
  cairo_rectangle (cr, map_x, map_y, view.width, view.height);
  cairo_set_source_rgb (cr, 0.93, 0.94, 0.95);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_translate (cr, map_x, map_y);
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
      view.width > 0 && view.height > 0)
    draw_map_banded (self, cr, cairo_get_target (cr), &view, map_x, map_y);
  else
    bp_map_renderer_draw (self, cr, &view);
  cairo_restore (cr);

  if (title && *title)
    {
      title_layout = create_text_layout (cr, REPORT_TITLE (height), PANGO_WEIGHT_BOLD, width - 2 * margin);
      pango_layout_set_text (title_layout, title, -1);
      pango_layout_set_ellipsize (title_layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      show_text (cr, title_layout, margin, margin);
    }

  draw_legend (self, cr, map_x + view.width + margin, map_y, side_w,
               bp_map_renderer_shows_approximate (self, &view));

  if (footnote && *footnote)
    g_string_append_printf (foot, "%s\n", footnote);
  outline_note = dup_outline_note (self);
  g_string_append (foot, outline_note);
  foot_layout = create_text_layout (cr, REPORT_FOOT (height), PANGO_WEIGHT_NORMAL, width - 2 * margin);
  pango_layout_set_text (foot_layout, foot->str, -1);
  pango_layout_get_pixel_size (foot_layout, &tw, &th);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.33);
  show_text (cr, foot_layout, margin, height - margin * 0.6 - th);
}

/* cairo writes PNG at zlib's default level, which takes longer than the
 * drawing; flat map colours compress well at the fastest level. */
static cairo_status_t
write_png (cairo_surface_t *surface,
           const char      *path)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  g_autofree guint8 *row = g_new (guint8, (gsize)width * 3);
  png_structp png;
  png_infop info;
  FILE *file;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);

  if (!(file = fopen (path, "wb")))
    return CAIRO_STATUS_WRITE_ERROR;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png ? png_create_info_struct (png) : NULL;
  if (!png || !info || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      fclose (file);
      return CAIRO_STATUS_WRITE_ERROR;
    }

  png_init_io (png, file);
  png_set_compression_level (png, 1);
  png_set_filter (png, 0, PNG_FILTER_SUB);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *)(data + (gsize)y * stride);

      for (int x = 0; x < width; x++)
        {
          row[x * 3] = (pixels[x] >> 16) & 0xff;
          row[x * 3 + 1] = (pixels[x] >> 8) & 0xff;
          row[x * 3 + 2] = pixels[x] & 0xff;
        }
      png_write_row (png, row);
    }

  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return fclose (file) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * bp_map_renderer_render_to_file:
 * @self: a #BpMapRenderer
 * @path: the file to write; its extension (.png or .pdf) sets the format
 * @width: the width in pixels (PNG) or points (PDF)
 * @height: the height in pixels (PNG) or points (PDF)
 * @area: (nullable): the bounds to fit in WGS84, or %NULL for every sector
 * @title: (nullable): the title above the map
 * @footnote: (nullable): the data sources, printed under the map above the
 *   line on approximate outlines
 * @error: return location for a #GError
 *
 * Renders a report image: title, map, legend and footnote.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_map_renderer_render_to_file (BpMapRenderer   *self,
                                const char      *path,
                                int              width,
                                int              height,
                                const BpBounds  *area,
                                const char      *title,
                                const char      *footnote,
                                GError         **error)
{
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  FileFormat format;
  cairo_t *cr;

  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = FORMAT_PDF;
  else
    {
      g_set_error (error, BP_MAP_RENDERER_ERROR, BP_MAP_RENDERER_ERROR_UNSUPPORTED_FORMAT,
                   _("Cannot write “%s”: the map can be saved as .png or .pdf only."), path);
      return FALSE;
    }

  if (width < 200 || height < 150 || width > 20000 || height > 20000)
    {
      g_set_error (error, BP_MAP_RENDERER_ERROR, BP_MAP_RENDERER_ERROR_INVALID_SIZE,
                   _("A map of %d × %d cannot be drawn: the size must be from 200 × 150 to 20000 × 20000."),
                   width, height);
      return FALSE;
    }

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  else
    surface = cairo_pdf_surface_create (path, width, height);

  cr = cairo_create (surface);
  draw_report (self, cr, width, height, area, title, footnote);
  cairo_destroy (cr);

  if (format == FORMAT_PNG)
    {
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = write_png (surface, path);
    }
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BP_MAP_RENDERER_ERROR, BP_MAP_RENDERER_ERROR_FAILED,
                   _("Could not write the map to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/* ---- GObject ---- */

static void
bp_map_renderer_dispose (GObject *object)
{
  BpMapRenderer *self = (BpMapRenderer *)object;

  g_clear_object (&self->values);
  g_clear_object (&self->breaks);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (bp_map_renderer_parent_class)->dispose (object);
}

static void
bp_map_renderer_finalize (GObject *object)
{
  BpMapRenderer *self = (BpMapRenderer *)object;

  g_clear_pointer (&self->classes, g_free);
  g_clear_pointer (&self->legend_sectors, g_array_unref);
  g_clear_pointer (&self->sectors, g_array_unref);
  g_clear_pointer (&self->arcs, g_array_unref);

  G_OBJECT_CLASS (bp_map_renderer_parent_class)->finalize (object);
}

static void
bp_map_renderer_constructed (GObject *object)
{
  BpMapRenderer *self = (BpMapRenderer *)object;

  G_OBJECT_CLASS (bp_map_renderer_parent_class)->constructed (object);

  g_assert (BP_IS_SECTOR_MAP (self->map));
  self->classes = g_new0 (gint8, bp_sector_map_get_n_sectors (self->map) + 1);
}

static void
bp_map_renderer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpMapRenderer *self = BP_MAP_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_VALUES:
      g_value_set_object (value, self->values);
      break;

    case PROP_BREAKS:
      g_value_set_object (value, self->breaks);
      break;

    case PROP_SHOW_BOUNDARIES:
      g_value_set_boolean (value, self->show_boundaries);
      break;

    case PROP_SHOW_LABELS:
      g_value_set_boolean (value, self->show_labels);
      break;

    case PROP_FILL_OPACITY:
      g_value_set_double (value, self->fill_opacity);
      break;

    case PROP_SELECTED_SECTOR:
      g_value_set_int (value, self->selected_sector);
      break;

    case PROP_LEGEND_SECTORS:
      g_value_set_boxed (value, self->legend_sectors);
      break;

    case PROP_APPROXIMATE_KEY:
      g_value_set_boolean (value, self->approximate_key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_map_renderer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BpMapRenderer *self = BP_MAP_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;

    case PROP_VALUES:
      bp_map_renderer_set_values (self, g_value_get_object (value));
      break;

    case PROP_BREAKS:
      bp_map_renderer_set_breaks (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BOUNDARIES:
      bp_map_renderer_set_show_boundaries (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_LABELS:
      bp_map_renderer_set_show_labels (self, g_value_get_boolean (value));
      break;

    case PROP_FILL_OPACITY:
      bp_map_renderer_set_fill_opacity (self, g_value_get_double (value));
      break;

    case PROP_SELECTED_SECTOR:
      bp_map_renderer_set_selected_sector (self, g_value_get_int (value));
      break;

    case PROP_LEGEND_SECTORS:
      bp_map_renderer_set_legend_sectors (self, g_value_get_boxed (value));
      break;

    case PROP_APPROXIMATE_KEY:
      bp_map_renderer_set_approximate_key (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_map_renderer_class_init (BpMapRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bp_map_renderer_constructed;
  object_class->dispose = bp_map_renderer_dispose;
  object_class->finalize = bp_map_renderer_finalize;
  object_class->get_property = bp_map_renderer_get_property;
  object_class->set_property = bp_map_renderer_set_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, BP_TYPE_SECTOR_MAP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUES] =
    g_param_spec_object ("values", NULL, NULL, BP_TYPE_SECTOR_VALUES,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BREAKS] =
    g_param_spec_object ("breaks", NULL, NULL, BP_TYPE_CLASS_BREAKS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BOUNDARIES] =
    g_param_spec_boolean ("show-boundaries", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_LABELS] =
    g_param_spec_boolean ("show-labels", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILL_OPACITY] =
    g_param_spec_double ("fill-opacity", NULL, NULL, 0.0, 1.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_SECTOR] =
    g_param_spec_int ("selected-sector", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BpMapRenderer:legend-sectors: (type GArray(guint))
   *
   * The sectors the legend counts, such as those of the area a report
   * shows, or %NULL for every sector with a value.
   */
  properties[PROP_LEGEND_SECTORS] =
    g_param_spec_boxed ("legend-sectors", NULL, NULL, G_TYPE_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BpMapRenderer:approximate-key:
   *
   * Whether the legend explains the dashed lines of approximate sector
   * outlines; see bp_map_renderer_shows_approximate().
   */
  properties[PROP_APPROXIMATE_KEY] =
    g_param_spec_boolean ("approximate-key", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_map_renderer_init (BpMapRenderer *self)
{
  self->show_boundaries = TRUE;
  self->show_labels = TRUE;
  self->fill_opacity = 1.0;
  self->selected_sector = -1;
  self->sectors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->arcs = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * bp_map_renderer_new:
 * @map: the sectors to draw
 *
 * Returns: (transfer full): a renderer with no values yet: every sector
 *   shows as "no data"
 */
BpMapRenderer *
bp_map_renderer_new (BpSectorMap *map)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (map), NULL);

  return g_object_new (BP_TYPE_MAP_RENDERER, "map", map, NULL);
}

/**
 * bp_map_renderer_get_map:
 * @self: a #BpMapRenderer
 *
 * Returns: (transfer none): the sector map
 */
BpSectorMap *
bp_map_renderer_get_map (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), NULL);

  return self->map;
}

/**
 * bp_map_renderer_set_values:
 * @self: a #BpMapRenderer
 * @values: (nullable): the values to colour the sectors by
 */
void
bp_map_renderer_set_values (BpMapRenderer  *self,
                            BpSectorValues *values)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));
  g_return_if_fail (!values || BP_IS_SECTOR_VALUES (values));

  if (!g_set_object (&self->values, values))
    return;

  invalidate_classes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUES]);
}

/**
 * bp_map_renderer_get_values:
 * @self: a #BpMapRenderer
 *
 * Returns: (transfer none) (nullable): the values
 */
BpSectorValues *
bp_map_renderer_get_values (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), NULL);

  return self->values;
}

/**
 * bp_map_renderer_set_breaks:
 * @self: a #BpMapRenderer
 * @breaks: (nullable): the classes and their colours
 */
void
bp_map_renderer_set_breaks (BpMapRenderer *self,
                            BpClassBreaks *breaks)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));
  g_return_if_fail (!breaks || BP_IS_CLASS_BREAKS (breaks));

  if (!g_set_object (&self->breaks, breaks))
    return;

  invalidate_classes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKS]);
}

/**
 * bp_map_renderer_get_breaks:
 * @self: a #BpMapRenderer
 *
 * Returns: (transfer none) (nullable): the class breaks
 */
BpClassBreaks *
bp_map_renderer_get_breaks (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), NULL);

  return self->breaks;
}

/**
 * bp_map_renderer_set_show_boundaries:
 * @self: a #BpMapRenderer
 * @show_boundaries: whether to draw municipality, care zone, province and
 *   region boundaries (and sector edges when zoomed in)
 */
void
bp_map_renderer_set_show_boundaries (BpMapRenderer *self,
                                     gboolean       show_boundaries)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));

  show_boundaries = !!show_boundaries;
  if (self->show_boundaries == show_boundaries)
    return;

  self->show_boundaries = show_boundaries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BOUNDARIES]);
}

/**
 * bp_map_renderer_get_show_boundaries:
 * @self: a #BpMapRenderer
 *
 * Returns: whether boundaries are drawn
 */
gboolean
bp_map_renderer_get_show_boundaries (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), FALSE);

  return self->show_boundaries;
}

/**
 * bp_map_renderer_set_show_labels:
 * @self: a #BpMapRenderer
 * @show_labels: whether to write municipality names
 */
void
bp_map_renderer_set_show_labels (BpMapRenderer *self,
                                 gboolean       show_labels)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));

  show_labels = !!show_labels;
  if (self->show_labels == show_labels)
    return;

  self->show_labels = show_labels;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LABELS]);
}

/**
 * bp_map_renderer_get_show_labels:
 * @self: a #BpMapRenderer
 *
 * Returns: whether municipality names are written
 */
gboolean
bp_map_renderer_get_show_labels (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), FALSE);

  return self->show_labels;
}

/**
 * bp_map_renderer_set_fill_opacity:
 * @self: a #BpMapRenderer
 * @fill_opacity: the opacity of the sector fills, from 0 to 1
 *
 * Lets a base map show through the fills. Below 1 the seams between
 * neighbours are not closed with a hairline, which would show.
 */
void
bp_map_renderer_set_fill_opacity (BpMapRenderer *self,
                                  double         fill_opacity)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));

  fill_opacity = CLAMP (fill_opacity, 0.0, 1.0);
  if (self->fill_opacity == fill_opacity)
    return;

  self->fill_opacity = fill_opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILL_OPACITY]);
}

/**
 * bp_map_renderer_get_fill_opacity:
 * @self: a #BpMapRenderer
 *
 * Returns: the opacity of the fills
 */
double
bp_map_renderer_get_fill_opacity (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), 1.0);

  return self->fill_opacity;
}

/**
 * bp_map_renderer_set_selected_sector:
 * @self: a #BpMapRenderer
 * @sector: the index of the sector to outline, or -1
 */
void
bp_map_renderer_set_selected_sector (BpMapRenderer *self,
                                     int            sector)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));
  g_return_if_fail (sector < (int)bp_sector_map_get_n_sectors (self->map));

  sector = MAX (sector, -1);
  if (self->selected_sector == sector)
    return;

  self->selected_sector = sector;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SECTOR]);
}

/**
 * bp_map_renderer_get_selected_sector:
 * @self: a #BpMapRenderer
 *
 * Returns: the index of the outlined sector, or -1
 */
int
bp_map_renderer_get_selected_sector (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), -1);

  return self->selected_sector;
}

/**
 * bp_map_renderer_set_legend_sectors:
 * @self: a #BpMapRenderer
 * @sectors: (nullable) (element-type guint): the indices of the sectors the
 *   legend counts, or %NULL for every sector with a value; copied
 *
 * Makes the legend count only the sectors of the area a report is about:
 * sectors of the neighbours that show at its edges are not counted.
 */
void
bp_map_renderer_set_legend_sectors (BpMapRenderer *self,
                                    GArray        *sectors)
{
  guint n_sectors;

  g_return_if_fail (BP_IS_MAP_RENDERER (self));
  g_return_if_fail (!sectors || g_array_get_element_size (sectors) == sizeof (guint));

  n_sectors = bp_sector_map_get_n_sectors (self->map);
  for (guint k = 0; sectors && k < sectors->len; k++)
    g_return_if_fail (g_array_index (sectors, guint, k) < n_sectors);

  if (!sectors && !self->legend_sectors)
    return;

  g_clear_pointer (&self->legend_sectors, g_array_unref);
  if (sectors)
    self->legend_sectors = g_array_copy (sectors);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_SECTORS]);
}

/**
 * bp_map_renderer_get_legend_sectors:
 * @self: a #BpMapRenderer
 *
 * Returns: (transfer none) (nullable) (element-type guint): the sectors the
 *   legend counts, or %NULL for every sector with a value
 */
GArray *
bp_map_renderer_get_legend_sectors (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), NULL);

  return self->legend_sectors;
}

/**
 * bp_map_renderer_set_approximate_key:
 * @self: a #BpMapRenderer
 * @approximate_key: whether the legend explains dashed sector lines
 */
void
bp_map_renderer_set_approximate_key (BpMapRenderer *self,
                                     gboolean       approximate_key)
{
  g_return_if_fail (BP_IS_MAP_RENDERER (self));

  approximate_key = !!approximate_key;
  if (self->approximate_key == approximate_key)
    return;

  self->approximate_key = approximate_key;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROXIMATE_KEY]);
}

/**
 * bp_map_renderer_get_approximate_key:
 * @self: a #BpMapRenderer
 *
 * Returns: whether the legend explains dashed sector lines
 */
gboolean
bp_map_renderer_get_approximate_key (BpMapRenderer *self)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), FALSE);

  return self->approximate_key;
}

/**
 * bp_map_renderer_shows_approximate:
 * @self: a #BpMapRenderer
 * @view: a view
 *
 * Whether drawing @view dashes any line: at zooms where streets can be
 * read, the lines inside a real area between approximate sector outlines
 * (see bp_sector_map_arc_is_approximate()). Set
 * #BpMapRenderer:approximate-key from it, so the legend says what the
 * dashes mean while they show.
 *
 * Returns: %TRUE when @view shows dashed sector lines
 */
gboolean
bp_map_renderer_shows_approximate (BpMapRenderer   *self,
                                   const BpMapView *view)
{
  g_autoptr(GArray) arcs = NULL;
  BpWorldRect rect;

  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  if (!self->show_boundaries || view->zoom < APPROXIMATE_LINE_ZOOM || view->width <= 0 || view->height <= 0 ||
      colours_by_wijk (self))
    return FALSE;

  arcs = g_array_new (FALSE, FALSE, sizeof (guint));
  bp_map_view_get_world_rect (view, &rect);
  bp_sector_map_query_arcs (self->map, &rect, BP_AREA_LEVEL_SECTOR, arcs);
  for (guint k = 0; k < arcs->len; k++)
    if (bp_sector_map_arc_is_approximate (self->map, g_array_index (arcs, guint, k)))
      return TRUE;

  return FALSE;
}

/**
 * bp_map_renderer_get_sector_class:
 * @self: a #BpMapRenderer
 * @sector: a sector index
 *
 * Returns: the class the sector is drawn in: 0 to n_classes - 1,
 *   %BP_CLASS_NO_DATA or %BP_CLASS_SUPPRESSED
 */
int
bp_map_renderer_get_sector_class (BpMapRenderer *self,
                                  guint          sector)
{
  g_return_val_if_fail (BP_IS_MAP_RENDERER (self), BP_CLASS_NO_DATA);
  g_return_val_if_fail (sector < bp_sector_map_get_n_sectors (self->map), BP_CLASS_NO_DATA);

  ensure_classes (self);
  return self->classes[sector];
}
