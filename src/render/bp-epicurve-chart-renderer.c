/* bp-epicurve-chart-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-epicurve-chart-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "bp-area.h"
#include "bp-day.h"
#include "bp-epicurve-chart-renderer.h"

/* Draws the epidemic curve of the dashboard with cairo, for its widget
 * (from a snapshot) and for report images: a bar per day, stacked by age
 * band or by case source if asked, the 7-day average as a line, and the
 * reference day. The layout is worked out once per size and data, with a
 * measuring context, so that hit tests and the geometry calls used by
 * tests see exactly what is drawn. */

#define AVERAGE_DAYS 7

struct _BpEpicurveData
{
  gatomicrefcount  ref_count;
  int              first_day;
  guint            n_days;
  gint64          *n_cases;
  gint64          *band_n_cases;    /* n_days × BP_N_AGE_BANDS, day by day; NULL until set */
  gint64          *source_n_cases;  /* n_days × BP_N_CASE_SOURCES, day by day; NULL until set */
  double          *averages;
};

G_DEFINE_BOXED_TYPE (BpEpicurveData, bp_epicurve_data, bp_epicurve_data_ref, bp_epicurve_data_unref)

G_DEFINE_ENUM_TYPE (BpEpicurveStacking, bp_epicurve_stacking,
                    G_DEFINE_ENUM_VALUE (BP_EPICURVE_STACKING_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (BP_EPICURVE_STACKING_AGE_BANDS, "ages"),
                    G_DEFINE_ENUM_VALUE (BP_EPICURVE_STACKING_SOURCES, "sources"))

typedef struct
{
  int                first_day;
  int                last_day;
  guint              n_days;
  BpChartRect        plot;
  double             slot;            /* the width of one day */
  double             axis_max;
  double             step;
  guint              n_steps;
  double             title_y;
  double             subtitle_y;
  double             y_label_y;
  double             legend_y;
  double             tick_length;
  double             tick_label_gap;
  double             stub_height;
  BpEpicurveStacking stacking;        /* as asked, when the data has its parts; else none */
  gboolean           has_unrecorded;  /* a day shown counts cases without a source */
  BpChartDateStep    date_step;
} Geometry;

struct _BpEpicurveChartRenderer
{
  GObject            parent_instance;

  BpEpicurveData    *data;
  int                first_day;
  int                last_day;
  gboolean           has_range;
  int                reference_day;
  BpEpicurveStacking stacking;
  char              *title;
  BpChartStyle       style;
  int                width;
  int                height;
  int                highlight_day;
  BpColour           case_colour;

  Geometry           geometry;
  gboolean           geometry_valid;
  GArray            *keys;        /* BpChartKey, for the legend */
  GArray            *date_ticks;  /* int */
};

enum {
  PROP_0,
  PROP_DATA,
  PROP_REFERENCE_DAY,
  PROP_STACKING,
  PROP_TITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpEpicurveChartRenderer, bp_epicurve_chart_renderer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ---- data ---- */

/**
 * bp_epicurve_data_new:
 * @first_day: the day of the first count
 * @n_days: the number of days
 * @n_cases: (array length=n_days) (nullable): the cases per day, below 0
 *   when suppressed; %NULL for none
 *
 * Returns: (transfer full): the counts, copied
 */
BpEpicurveData *
bp_epicurve_data_new (int           first_day,
                      guint         n_days,
                      const gint64 *n_cases)
{
  BpEpicurveData *self = g_new0 (BpEpicurveData, 1);
  gint64 sum = 0;
  guint n_known = 0;

  g_atomic_ref_count_init (&self->ref_count);
  self->first_day = first_day;
  self->n_days = n_days;
  self->n_cases = g_new0 (gint64, MAX (n_days, 1));
  self->averages = g_new0 (double, MAX (n_days, 1));
  if (n_cases)
    memcpy (self->n_cases, n_cases, sizeof (gint64) * n_days);

  /* A trailing mean over the 7 days ending on each day; unknown while the
   * window holds a suppressed day or reaches before the first. */
  for (guint i = 0; i < n_days; i++)
    {
      if (self->n_cases[i] >= 0)
        {
          sum += self->n_cases[i];
          n_known++;
        }
      if (i >= AVERAGE_DAYS && self->n_cases[i - AVERAGE_DAYS] >= 0)
        {
          sum -= self->n_cases[i - AVERAGE_DAYS];
          n_known--;
        }
      self->averages[i] = n_known == AVERAGE_DAYS ? (double)sum / AVERAGE_DAYS : NAN;
    }

  return self;
}

BpEpicurveData *
bp_epicurve_data_ref (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_epicurve_data_unref (BpEpicurveData *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->n_cases);
  g_free (self->band_n_cases);
  g_free (self->source_n_cases);
  g_free (self->averages);
  g_free (self);
}

/**
 * bp_epicurve_data_set_band_counts:
 * @self: a #BpEpicurveData
 * @age_band: an age band
 * @n_cases: (array): the band's cases per day, one per day of @self; below
 *   0 when suppressed
 *
 * Sets the counts of one age band, for stacked bars. Bands never set count
 * 0 cases.
 */
void
bp_epicurve_data_set_band_counts (BpEpicurveData *self,
                                  guint           age_band,
                                  const gint64   *n_cases)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (age_band < BP_N_AGE_BANDS);
  g_return_if_fail (n_cases != NULL || self->n_days == 0);

  if (self->band_n_cases == NULL)
    self->band_n_cases = g_new0 (gint64, (gsize)MAX (self->n_days, 1) * BP_N_AGE_BANDS);

  for (guint i = 0; i < self->n_days; i++)
    self->band_n_cases[i * BP_N_AGE_BANDS + age_band] = n_cases[i];
}

/**
 * bp_epicurve_data_set_source_counts:
 * @self: a #BpEpicurveData
 * @source: a case source
 * @n_cases: (array): the source's cases per day, one per day of @self;
 *   below 0 when suppressed
 *
 * Sets the counts of one case source, for bars stacked by source. Sources
 * never set count 0 cases.
 */
void
bp_epicurve_data_set_source_counts (BpEpicurveData *self,
                                    BpCaseSource    source,
                                    const gint64   *n_cases)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (source < BP_N_CASE_SOURCES);
  g_return_if_fail (n_cases != NULL || self->n_days == 0);

  if (self->source_n_cases == NULL)
    self->source_n_cases = g_new0 (gint64, (gsize)MAX (self->n_days, 1) * BP_N_CASE_SOURCES);

  for (guint i = 0; i < self->n_days; i++)
    self->source_n_cases[i * BP_N_CASE_SOURCES + source] = n_cases[i];
}

int
bp_epicurve_data_get_first_day (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->first_day;
}

int
bp_epicurve_data_get_last_day (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->first_day + (int)self->n_days - 1;
}

guint
bp_epicurve_data_get_n_days (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_days;
}

gboolean
bp_epicurve_data_has_bands (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->band_n_cases != NULL;
}

gboolean
bp_epicurve_data_has_sources (BpEpicurveData *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->source_n_cases != NULL;
}

static gboolean
data_has_day (BpEpicurveData *self,
              int             day)
{
  return self != NULL && day >= self->first_day && day - self->first_day < (int)self->n_days;
}

/**
 * bp_epicurve_data_get_n_cases:
 * @self: a #BpEpicurveData
 * @day: a day
 *
 * Returns: the cases on @day, 0 outside the days of @self, or
 *   %BP_COUNT_SUPPRESSED
 */
gint64
bp_epicurve_data_get_n_cases (BpEpicurveData *self,
                              int             day)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!data_has_day (self, day))
    return 0;

  return MAX (self->n_cases[day - self->first_day], BP_COUNT_SUPPRESSED);
}

/**
 * bp_epicurve_data_get_band_n_cases:
 * @self: a #BpEpicurveData
 * @day: a day
 * @age_band: an age band
 *
 * Returns: the cases of @age_band on @day, 0 outside the days of @self or
 *   without bands, or %BP_COUNT_SUPPRESSED
 */
gint64
bp_epicurve_data_get_band_n_cases (BpEpicurveData *self,
                                   int             day,
                                   guint           age_band)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (age_band < BP_N_AGE_BANDS, 0);

  if (!data_has_day (self, day) || self->band_n_cases == NULL)
    return 0;

  return MAX (self->band_n_cases[(day - self->first_day) * BP_N_AGE_BANDS + age_band],
              BP_COUNT_SUPPRESSED);
}

/**
 * bp_epicurve_data_get_source_n_cases:
 * @self: a #BpEpicurveData
 * @day: a day
 * @source: a case source
 *
 * Returns: the cases from @source on @day, 0 outside the days of @self or
 *   without sources, or %BP_COUNT_SUPPRESSED
 */
gint64
bp_epicurve_data_get_source_n_cases (BpEpicurveData *self,
                                     int             day,
                                     BpCaseSource    source)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (source < BP_N_CASE_SOURCES, 0);

  if (!data_has_day (self, day) || self->source_n_cases == NULL)
    return 0;

  return MAX (self->source_n_cases[(day - self->first_day) * BP_N_CASE_SOURCES + source],
              BP_COUNT_SUPPRESSED);
}

/**
 * bp_epicurve_data_get_average:
 * @self: a #BpEpicurveData
 * @day: a day
 *
 * Returns: the mean of the daily cases over the 7 days ending on @day, or
 *   NaN when one of them is suppressed or not in @self
 */
double
bp_epicurve_data_get_average (BpEpicurveData *self,
                              int             day)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (!data_has_day (self, day))
    return NAN;

  return self->averages[day - self->first_day];
}

/* ---- layout ---- */

static void
invalidate_geometry (BpEpicurveChartRenderer *self)
{
  self->geometry_valid = FALSE;
}

static void
effective_range (BpEpicurveChartRenderer *self,
                 int                     *first_day,
                 int                     *last_day)
{
  int last;

  if (self->has_range)
    {
      *first_day = self->first_day;
      *last_day = self->last_day;
      return;
    }

  if (self->reference_day != BP_CHART_NO_DAY)
    last = self->reference_day;
  else if (self->data && self->data->n_days > 0)
    last = bp_epicurve_data_get_last_day (self->data);
  else
    last = 0;

  *first_day = last - BP_EPICURVE_DEFAULT_DAYS + 1;
  *last_day = last;
}

/* ---- the parts of a stacked bar, bottom up ---- */

static gboolean
data_has_parts (BpEpicurveData     *data,
                BpEpicurveStacking  stacking)
{
  switch (stacking)
    {
    case BP_EPICURVE_STACKING_AGE_BANDS:
      return bp_epicurve_data_has_bands (data);
    case BP_EPICURVE_STACKING_SOURCES:
      return bp_epicurve_data_has_sources (data);
    case BP_EPICURVE_STACKING_NONE:
    default:
      return FALSE;
    }
}

static guint
get_n_parts (BpEpicurveStacking stacking)
{
  switch (stacking)
    {
    case BP_EPICURVE_STACKING_AGE_BANDS:
      return BP_N_AGE_BANDS;
    case BP_EPICURVE_STACKING_SOURCES:
      return BP_N_CASE_SOURCES;
    case BP_EPICURVE_STACKING_NONE:
    default:
      return 0;
    }
}

static gint64
get_part_n_cases (BpEpicurveData     *data,
                  BpEpicurveStacking  stacking,
                  int                 day,
                  guint               part)
{
  if (stacking == BP_EPICURVE_STACKING_SOURCES)
    return bp_epicurve_data_get_source_n_cases (data, day, part);

  g_assert (stacking == BP_EPICURVE_STACKING_AGE_BANDS);
  return bp_epicurve_data_get_band_n_cases (data, day, part);
}

static void
get_part_colour (BpEpicurveStacking  stacking,
                 guint               part,
                 BpColour           *rgb)
{
  if (stacking == BP_EPICURVE_STACKING_SOURCES)
    bp_chart_get_case_source_colour (part, rgb);
  else
    bp_chart_get_age_band_colour (part, rgb);
}

static const char *
get_part_label (BpEpicurveStacking stacking,
                guint              part)
{
  if (stacking == BP_EPICURVE_STACKING_SOURCES)
    return bp_case_source_get_display_name (part);

  return bp_age_band_get_label (part);
}

/* Every age band and the two main sources are always in the legend, so
 * that it stays put while the days shown move. Counts without a source
 * only come from stores written before counts had one: they are listed
 * when a day shown has some. */
static gboolean
part_is_listed (const Geometry *g,
                guint           part)
{
  return g->stacking != BP_EPICURVE_STACKING_SOURCES || part != BP_CASE_SOURCE_UNRECORDED ||
         g->has_unrecorded;
}

/* The known cases of the parts under @part on @day. */
static gint64
sum_parts_below (BpEpicurveData     *data,
                 BpEpicurveStacking  stacking,
                 int                 day,
                 guint               part)
{
  gint64 below = 0;

  for (guint p = 0; p < part; p++)
    below += MAX (get_part_n_cases (data, stacking, day, p), 0);

  return below;
}

/* The height of the bar of @day: its total, or the sum of the known parts
 * when stacked. Sets @has_suppressed when a part of it is "<5". */
static double
bar_value (BpEpicurveChartRenderer *self,
           int                      day,
           BpEpicurveStacking       stacking,
           gboolean                *has_suppressed)
{
  gint64 total;

  *has_suppressed = FALSE;
  if (!data_has_day (self->data, day))
    return 0.0;

  total = bp_epicurve_data_get_n_cases (self->data, day);
  if (stacking != BP_EPICURVE_STACKING_NONE)
    {
      guint n_parts = get_n_parts (stacking);

      for (guint part = 0; part < n_parts; part++)
        *has_suppressed |= get_part_n_cases (self->data, stacking, day, part) < 0;
      return sum_parts_below (self->data, stacking, day, n_parts);
    }

  if (total < 0)
    {
      *has_suppressed = TRUE;
      return 0.0;
    }

  return total;
}

static void
build_keys (BpEpicurveChartRenderer *self,
            const Geometry          *g,
            gboolean                 any_suppressed,
            gboolean                 shows_reference)
{
  g_array_set_size (self->keys, 0);

  if (g->stacking != BP_EPICURVE_STACKING_NONE)
    {
      if (g->stacking == BP_EPICURVE_STACKING_AGE_BANDS)
        /* Translators: the heading of the age bands in a chart legend */
        bp_chart_keys_add (self->keys, BP_CHART_KEY_TEXT, NULL, _("Age:"));

      for (guint part = 0; part < get_n_parts (g->stacking); part++)
        {
          BpColour rgb;

          if (!part_is_listed (g, part))
            continue;
          get_part_colour (g->stacking, part, &rgb);
          bp_chart_keys_add (self->keys, BP_CHART_KEY_BAR, &rgb, get_part_label (g->stacking, part));
        }
    }
  else
    bp_chart_keys_add (self->keys, BP_CHART_KEY_BAR, &self->case_colour, _("Cases"));

  bp_chart_keys_add (self->keys, BP_CHART_KEY_LINE, &self->style.foreground, _("7-day average"));

  if (any_suppressed)
    bp_chart_keys_add (self->keys, BP_CHART_KEY_SUPPRESSED, NULL, _("<5 cases (hidden)"));

  if (shows_reference)
    {
      g_autofree char *date = bp_chart_format_date (self->reference_day);
      /* Translators: the legend of the line that marks the reference day of a chart */
      g_autofree char *label = g_strdup_printf (_("Reference day (%s)"), date);

      bp_chart_keys_add (self->keys, BP_CHART_KEY_DASHED_LINE, &self->style.foreground, label);
    }
}

static double
layout_height (cairo_t            *cr,
               const BpChartStyle *style,
               double              scale,
               PangoWeight         weight,
               const char         *text)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, style, scale, weight);
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

static double
layout_width (PangoLayout *layout,
              const char  *text)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/* Picks the finest calendar step whose labels do not touch. */
static BpChartDateStep
pick_date_step (BpEpicurveChartRenderer *self,
                PangoLayout             *layout,
                const Geometry          *g)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));

  for (int step = 0; step < BP_CHART_DATE_STEP_N_STEPS; step++)
    {
      double widest = 0;

      bp_chart_list_date_ticks (g->first_day, g->last_day, step, days);
      for (guint i = 0; i < days->len; i++)
        {
          g_autofree char *label = bp_chart_format_date_tick (g_array_index (days, int, i), step);

          widest = MAX (widest, layout_width (layout, label));
        }

      if (bp_chart_date_step_get_min_days (step) * g->slot >= widest + self->style.font_size * 1.2)
        return step;
    }

  return BP_CHART_DATE_STEP_YEAR;
}

static void
ensure_geometry (BpEpicurveChartRenderer *self)
{
  Geometry *g = &self->geometry;
  cairo_t *cr;
  g_autoptr(PangoLayout) tick_layout = NULL;
  double f = self->style.font_size;
  double margin = round (f);
  double top = round (f * 0.8);
  double max_value = 0, tick_w = 0, legend_h, text_h, bottom;
  gboolean any_suppressed = FALSE;
  guint max_ticks;

  if (self->geometry_valid)
    return;

  cr = bp_chart_create_measure_context ();
  memset (g, 0, sizeof (Geometry));
  effective_range (self, &g->first_day, &g->last_day);
  g->n_days = (guint)MAX (g->last_day - g->first_day + 1, 1);
  g->stacking = BP_EPICURVE_STACKING_NONE;
  if (self->data && data_has_parts (self->data, self->stacking))
    g->stacking = self->stacking;

  for (int day = g->first_day; day <= g->last_day; day++)
    {
      gboolean has_suppressed;
      double average;

      max_value = MAX (max_value, bar_value (self, day, g->stacking, &has_suppressed));
      any_suppressed |= has_suppressed;
      if (!data_has_day (self->data, day))
        continue;
      average = bp_epicurve_data_get_average (self->data, day);
      if (!isnan (average))
        max_value = MAX (max_value, average);
      if (g->stacking != BP_EPICURVE_STACKING_NONE)
        max_value = MAX (max_value, bp_epicurve_data_get_n_cases (self->data, day));
      if (g->stacking == BP_EPICURVE_STACKING_SOURCES)
        g->has_unrecorded |= get_part_n_cases (self->data, g->stacking, day, BP_CASE_SOURCE_UNRECORDED) != 0;
    }
  /* A stub stands for 1-4 cases: let the axis reach 5 then. */
  max_value = MAX (max_value, any_suppressed ? 5 : 1);

  build_keys (self, g, any_suppressed,
              self->reference_day >= g->first_day && self->reference_day <= g->last_day);

  if (self->title)
    {
      g->title_y = top;
      top += layout_height (cr, &self->style, 1.35, PANGO_WEIGHT_BOLD, self->title) + round (f * 0.15);
      g->subtitle_y = top;
      top += layout_height (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL, "Ag") + round (f * 0.6);
    }
  g->y_label_y = top;
  text_h = layout_height (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL, "Ag");
  top += text_h + round (f * 0.8);

  legend_h = bp_chart_draw_legend (cr, &self->style, self->keys, 0, 0, self->width - 2 * margin, TRUE);
  g->tick_length = round (f * 0.4);
  g->tick_label_gap = round (f * 0.3);
  bottom = self->height - round (f * 0.6) - legend_h;
  g->legend_y = bottom;
  if (legend_h > 0)
    bottom -= round (f * 0.8);
  /* two lines under the axis: the dates, and the year where it changes */
  bottom -= g->tick_length + g->tick_label_gap + 2 * text_h;

  g->plot.y = top;
  g->plot.height = MAX (bottom - top, 1.0);

  max_ticks = (guint)MAX (1.0, floor (g->plot.height / (f * 2.6)));
  g->axis_max = bp_chart_nice_ticks (max_value, max_ticks, 1.0, &g->step, &g->n_steps);

  tick_layout = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
  for (guint k = 0; k <= g->n_steps; k++)
    {
      g_autofree char *label = bp_chart_format_number (k * g->step, 0);

      tick_w = MAX (tick_w, layout_width (tick_layout, label));
    }
  g->plot.x = margin + tick_w + round (f * 0.5);
  g->plot.width = MAX (self->width - margin - g->plot.x, 1.0);
  g->slot = g->plot.width / g->n_days;
  g->stub_height = MAX (3.0, round (f * 0.45));
  g->date_step = pick_date_step (self, tick_layout, g);
  bp_chart_list_date_ticks (g->first_day, g->last_day, g->date_step, self->date_ticks);

  cairo_destroy (cr);
  self->geometry_valid = TRUE;
}

static double
value_to_y (const Geometry *g,
            double          value)
{
  return g->plot.y + g->plot.height - value / g->axis_max * g->plot.height;
}

static double
day_centre (const Geometry *g,
            int             day)
{
  return g->plot.x + (day - g->first_day + 0.5) * g->slot;
}

/* The edges of the bar of a day, on whole pixels so that bars are crisp,
 * with a gap between bars that are wide enough for one. */
static void
bar_extents (const Geometry *g,
             int             day,
             double         *x0,
             double         *x1)
{
  double left = g->plot.x + (day - g->first_day) * g->slot;
  double pad = g->slot >= 4 ? MIN (g->slot * 0.12, 4.0) : 0.0;

  *x0 = round (left + pad);
  *x1 = round (left + g->slot - pad);
  if (*x1 <= *x0)
    *x1 = *x0 + 1;
}

/* ---- drawing ---- */

static void
draw_grid (BpEpicurveChartRenderer *self,
           cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  for (guint k = 1; k <= g->n_steps; k++)
    {
      double y = round (value_to_y (g, k * g->step)) + 0.5;

      cairo_move_to (cr, g->plot.x, y);
      cairo_line_to (cr, g->plot.x + g->plot.width, y);
    }
  bp_chart_style_set_source (&self->style, cr, 0.12);
  cairo_stroke (cr);

  for (guint i = 0; i < self->date_ticks->len; i++)
    {
      double x = round (day_centre (g, g_array_index (self->date_ticks, int, i))) + 0.5;

      cairo_move_to (cr, x, g->plot.y);
      cairo_line_to (cr, x, g->plot.y + g->plot.height);
    }
  bp_chart_style_set_source (&self->style, cr, 0.06);
  cairo_stroke (cr);

  cairo_restore (cr);
}

static void
draw_highlight (BpEpicurveChartRenderer *self,
                cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;
  double x0;

  if (self->highlight_day < g->first_day || self->highlight_day > g->last_day)
    return;

  x0 = g->plot.x + (self->highlight_day - g->first_day) * g->slot;
  cairo_rectangle (cr, x0, g->plot.y, g->slot, g->plot.height);
  bp_chart_style_set_source (&self->style, cr, 0.08);
  cairo_fill (cr);
}

/* The reference day: a dashed line down to its bar, which stays whole, and
 * a mark on the axis under it. */
static void
draw_reference_day (BpEpicurveChartRenderer *self,
                    cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;
  double dashes[] = { 4.0, 3.0 };
  double f = self->style.font_size;
  double base = round (g->plot.y + g->plot.height);
  double x = round (day_centre (g, self->reference_day)) + 0.5;
  double bar_top = base, mark = MAX (3.0, round (f * 0.35));
  gboolean has_suppressed;

  if (self->reference_day < g->first_day || self->reference_day > g->last_day)
    return;

  if (self->data)
    {
      double value = bar_value (self, self->reference_day, g->stacking, &has_suppressed);

      bar_top = value_to_y (g, value) - (has_suppressed ? g->stub_height : 0);
    }

  cairo_save (cr);
  if (bar_top - 3 > g->plot.y)
    {
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, g->plot.y - round (f * 0.4));
      cairo_line_to (cr, x, bar_top - 3);
      bp_chart_style_set_source (&self->style, cr, 0.75);
      cairo_stroke (cr);
    }

  cairo_move_to (cr, x, base + 1);
  cairo_line_to (cr, x + mark, base + 1 + mark * 1.4);
  cairo_line_to (cr, x - mark, base + 1 + mark * 1.4);
  cairo_close_path (cr);
  bp_chart_style_set_source (&self->style, cr, 0.9);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_bars (BpEpicurveChartRenderer *self,
           cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;
  double base = g->plot.y + g->plot.height;
  int first = MAX (g->first_day, self->data->first_day);
  int last = MIN (g->last_day, bp_epicurve_data_get_last_day (self->data));

  cairo_save (cr);

  if (g->stacking != BP_EPICURVE_STACKING_NONE)
    {
      /* one path per part, bottom part first */
      for (guint part = 0; part < get_n_parts (g->stacking); part++)
        {
          BpColour rgb;

          for (int day = first; day <= last; day++)
            {
              gint64 n = get_part_n_cases (self->data, g->stacking, day, part);
              double below, x0, x1, y0, y1;

              if (n <= 0)
                continue;
              below = sum_parts_below (self->data, g->stacking, day, part);
              bar_extents (g, day, &x0, &x1);
              y0 = value_to_y (g, below);
              y1 = value_to_y (g, below + n);
              cairo_rectangle (cr, x0, y1, x1 - x0, y0 - y1);
            }
          get_part_colour (g->stacking, part, &rgb);
          cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
          cairo_fill (cr);
        }
    }
  else
    {
      for (int day = first; day <= last; day++)
        {
          gint64 n = bp_epicurve_data_get_n_cases (self->data, day);
          double x0, x1, y;

          if (n <= 0)
            continue;
          bar_extents (g, day, &x0, &x1);
          y = value_to_y (g, n);
          cairo_rectangle (cr, x0, y, x1 - x0, base - y);
        }
      cairo_set_source_rgb (cr, self->case_colour.red, self->case_colour.green, self->case_colour.blue);
      cairo_fill (cr);
    }

  /* "<5" as a hatched stub on top of what is known, never as a bar */
  for (int day = first; day <= last; day++)
    {
      gboolean has_suppressed;
      double value = bar_value (self, day, g->stacking, &has_suppressed);
      double x0, x1, y;

      if (!has_suppressed)
        continue;
      bar_extents (g, day, &x0, &x1);
      y = value_to_y (g, value);
      bp_chart_fill_suppressed (cr, &self->style, x0, round (y - g->stub_height), x1 - x0, g->stub_height);
    }

  cairo_restore (cr);
}

static void
draw_average (BpEpicurveChartRenderer *self,
              cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;
  double line_width = MAX (2.0, self->style.font_size / 6);
  gboolean drawing = FALSE;

  cairo_save (cr);
  cairo_new_path (cr);
  for (int day = g->first_day; day <= g->last_day; day++)
    {
      double average = data_has_day (self->data, day) ? bp_epicurve_data_get_average (self->data, day) : NAN;

      if (isnan (average))
        {
          drawing = FALSE;
          continue;
        }

      if (drawing)
        cairo_line_to (cr, day_centre (g, day), value_to_y (g, average));
      else
        cairo_move_to (cr, day_centre (g, day), value_to_y (g, average));
      drawing = TRUE;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* a halo keeps the line readable over bars of any colour */
  cairo_set_source_rgba (cr, self->style.background.red, self->style.background.green,
                         self->style.background.blue, 0.85);
  cairo_set_line_width (cr, line_width + 3);
  cairo_stroke_preserve (cr);
  bp_chart_style_set_source (&self->style, cr, 1.0);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_axes (BpEpicurveChartRenderer *self,
           cairo_t                 *cr)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
  const Geometry *g = &self->geometry;
  double f = self->style.font_size;
  double base = round (g->plot.y + g->plot.height) + 0.5;
  double margin = round (f);
  double label_y = base + g->tick_length + g->tick_label_gap;
  double previous_right = -G_MAXDOUBLE;
  g_autoptr(GArray) year_days = g_array_new (FALSE, FALSE, sizeof (int));
  int previous_year = G_MININT;
  int w, h;

  cairo_save (cr);

  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, g->plot.x, base);
  cairo_line_to (cr, g->plot.x + g->plot.width, base);
  for (guint i = 0; i < self->date_ticks->len; i++)
    {
      double x = round (day_centre (g, g_array_index (self->date_ticks, int, i))) + 0.5;

      cairo_move_to (cr, x, base);
      cairo_line_to (cr, x, base + g->tick_length);
    }
  bp_chart_style_set_source (&self->style, cr, 0.6);
  cairo_stroke (cr);

  bp_chart_style_set_source (&self->style, cr, 0.8);
  for (guint k = 0; k <= g->n_steps; k++)
    {
      g_autofree char *label = bp_chart_format_number (k * g->step, 0);

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, g->plot.x - round (f * 0.5) - w, value_to_y (g, k * g->step) - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint i = 0; i < self->date_ticks->len; i++)
    {
      int day = g_array_index (self->date_ticks, int, i);
      g_autofree char *label = bp_chart_format_date_tick (day, g->date_step);
      int year, month, dom;
      double x;

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      x = CLAMP (day_centre (g, day) - w / 2.0, margin / 2, self->width - margin / 2 - w);
      if (x < previous_right + f * 0.3)
        continue;
      cairo_move_to (cr, x, label_y);
      pango_cairo_show_layout (cr, layout);
      previous_right = x + w;

      bp_day_to_ymd (day, &year, &month, &dom);
      if (year != previous_year)
        g_array_append_val (year_days, day);
      previous_year = year;
    }

  /* The year under the first date and wherever it changes; from the right,
   * so that a new year's label wins over the first one when they crowd. */
  if (g->date_step != BP_CHART_DATE_STEP_YEAR)
    {
      double next_left = G_MAXDOUBLE;

      bp_chart_style_set_source (&self->style, cr, 0.55);
      for (guint i = year_days->len; i-- > 0;)
        {
          int day = g_array_index (year_days, int, i);
          g_autofree char *year_label = bp_chart_format_year (day);
          double x;

          pango_layout_set_text (layout, year_label, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          x = CLAMP (day_centre (g, day) - w / 2.0, margin / 2, self->width - margin / 2 - w);
          if (x + w + f * 0.6 > next_left)
            continue;
          cairo_move_to (cr, x, label_y + h);
          pango_cairo_show_layout (cr, layout);
          next_left = x;
        }
    }

  cairo_restore (cr);
}

static void
draw_text (BpEpicurveChartRenderer *self,
           cairo_t                 *cr)
{
  const Geometry *g = &self->geometry;
  double margin = round (self->style.font_size);

  cairo_save (cr);

  if (self->title)
    {
      g_autoptr(PangoLayout) title = bp_chart_create_layout (cr, &self->style, 1.35, PANGO_WEIGHT_BOLD);
      g_autoptr(PangoLayout) subtitle = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
      g_autofree char *period = bp_chart_format_period (g->first_day, g->last_day);

      pango_layout_set_width (title, (int)((self->width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (title, self->title, -1);
      bp_chart_style_set_source (&self->style, cr, 1.0);
      cairo_move_to (cr, margin, g->title_y);
      pango_cairo_show_layout (cr, title);

      pango_layout_set_text (subtitle, period, -1);
      bp_chart_style_set_source (&self->style, cr, 0.7);
      cairo_move_to (cr, margin, g->subtitle_y);
      pango_cairo_show_layout (cr, subtitle);
    }

  {
    g_autoptr(PangoLayout) y_label = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);

    pango_layout_set_text (y_label, _("Cases per day"), -1);
    bp_chart_style_set_source (&self->style, cr, 0.75);
    cairo_move_to (cr, margin, g->y_label_y);
    pango_cairo_show_layout (cr, y_label);
  }

  bp_chart_draw_legend (cr, &self->style, self->keys, margin, g->legend_y, self->width - 2 * margin, FALSE);

  cairo_restore (cr);
}

/**
 * bp_epicurve_chart_renderer_draw:
 * @self: a #BpEpicurveChartRenderer
 * @cr: a cairo context in the chart's units, (0, 0) at its top left
 *
 * Draws the chart at the size set with
 * bp_epicurve_chart_renderer_set_size().
 */
void
bp_epicurve_chart_renderer_draw (BpEpicurveChartRenderer *self,
                                 cairo_t                 *cr)
{
  const Geometry *g;

  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);

  if (self->width <= 0 || self->height <= 0)
    return;

  ensure_geometry (self);
  g = &self->geometry;

  cairo_save (cr);
  if (self->style.background_alpha > 0)
    {
      cairo_set_source_rgba (cr, self->style.background.red, self->style.background.green,
                             self->style.background.blue, self->style.background_alpha);
      cairo_paint (cr);
    }

  draw_grid (self, cr);
  draw_highlight (self, cr);

  cairo_save (cr);
  /* a bar never spills over the axes, whatever the range */
  cairo_rectangle (cr, g->plot.x, 0, g->plot.width, g->plot.y + g->plot.height);
  cairo_clip (cr);
  if (self->data && self->data->n_days > 0)
    {
      draw_bars (self, cr);
      draw_average (self, cr);
    }
  cairo_restore (cr);

  draw_axes (self, cr);
  draw_reference_day (self, cr);
  draw_text (self, cr);
  cairo_restore (cr);
}

/**
 * bp_epicurve_chart_renderer_hit_test:
 * @self: a #BpEpicurveChartRenderer
 * @x: x in the chart's units
 * @y: y in the chart's units
 * @hit: (out caller-allocates): what lies under (@x, @y)
 *
 * Finds the day under a point of the plot, for a tooltip, and the age band
 * or case source under it when bars are stacked.
 *
 * Returns: %TRUE when (@x, @y) lies over a day with data
 */
gboolean
bp_epicurve_chart_renderer_hit_test (BpEpicurveChartRenderer *self,
                                     double                   x,
                                     double                   y,
                                     BpEpicurveHit           *hit)
{
  const Geometry *g;
  int day;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  if (self->width <= 0 || self->height <= 0)
    return FALSE;

  ensure_geometry (self);
  g = &self->geometry;

  if (x < g->plot.x || x >= g->plot.x + g->plot.width ||
      y < g->plot.y || y > g->plot.y + g->plot.height + g->tick_length)
    return FALSE;

  day = g->first_day + (int)floor ((x - g->plot.x) / g->slot);
  day = MIN (day, g->last_day);
  if (!data_has_day (self->data, day))
    return FALSE;

  hit->day = day;
  hit->n_cases = bp_epicurve_data_get_n_cases (self->data, day);
  hit->average = bp_epicurve_data_get_average (self->data, day);
  hit->age_band = -1;
  hit->band_n_cases = 0;
  hit->source = -1;
  hit->source_n_cases = 0;

  for (guint part = 0; part < get_n_parts (g->stacking); part++)
    {
      gint64 n = get_part_n_cases (self->data, g->stacking, day, part);
      gint64 below;

      if (n <= 0)
        continue;
      below = sum_parts_below (self->data, g->stacking, day, part);
      if (y > value_to_y (g, below) || y < value_to_y (g, below + n))
        continue;

      if (g->stacking == BP_EPICURVE_STACKING_SOURCES)
        {
          hit->source = part;
          hit->source_n_cases = n;
        }
      else
        {
          hit->age_band = part;
          hit->band_n_cases = n;
        }
      break;
    }

  return TRUE;
}

static void
draw_file_cb (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  user_data)
{
  BpEpicurveChartRenderer *self = user_data;

  bp_epicurve_chart_renderer_draw (self, cr);
}

/**
 * bp_epicurve_chart_renderer_render_to_file:
 * @self: a #BpEpicurveChartRenderer
 * @path: the file to write; its extension (.png, .pdf or .svg) sets the format
 * @width: the width in pixels (PNG) or points (PDF, SVG)
 * @height: the height in pixels (PNG) or points (PDF, SVG)
 * @error: return location for a #GError
 *
 * Writes the chart as a report image: dark on white, with the title and
 * period on top when a title is set. The size and style of @self stay as
 * they were.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_epicurve_chart_renderer_render_to_file (BpEpicurveChartRenderer  *self,
                                           const char               *path,
                                           int                       width,
                                           int                       height,
                                           GError                  **error)
{
  BpChartStyle saved_style;
  int saved_width, saved_height, saved_highlight;
  gboolean ok;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved_style = self->style;
  saved_width = self->width;
  saved_height = self->height;
  saved_highlight = self->highlight_day;

  bp_chart_style_init_print (&self->style, width, height);
  self->width = width;
  self->height = height;
  self->highlight_day = BP_CHART_NO_DAY;
  invalidate_geometry (self);

  ok = bp_chart_render_to_file (path, width, height, draw_file_cb, self, error);

  self->style = saved_style;
  self->width = saved_width;
  self->height = saved_height;
  self->highlight_day = saved_highlight;
  invalidate_geometry (self);

  return ok;
}

/* ---- geometry, for tests ---- */

/**
 * bp_epicurve_chart_renderer_get_plot_area:
 * @self: a #BpEpicurveChartRenderer
 * @rect: (out caller-allocates): the area inside the axes, at the size set
 */
void
bp_epicurve_chart_renderer_get_plot_area (BpEpicurveChartRenderer *self,
                                          BpChartRect             *rect)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));
  g_return_if_fail (rect != NULL);

  ensure_geometry (self);
  *rect = self->geometry.plot;
}

/**
 * bp_epicurve_chart_renderer_get_axis_max:
 * @self: a #BpEpicurveChartRenderer
 * @step: (out) (optional): the step between the ticks of the value axis
 *
 * Returns: the value at the top of the plot area
 */
double
bp_epicurve_chart_renderer_get_axis_max (BpEpicurveChartRenderer *self,
                                         double                  *step)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  if (step)
    *step = self->geometry.step;
  return self->geometry.axis_max;
}

/**
 * bp_epicurve_chart_renderer_get_bar_extents:
 * @self: a #BpEpicurveChartRenderer
 * @day: a day
 * @x0: (out): the left edge of the day's bar
 * @x1: (out): the right edge of the day's bar
 *
 * Returns: %TRUE when @day is in the range shown
 */
gboolean
bp_epicurve_chart_renderer_get_bar_extents (BpEpicurveChartRenderer *self,
                                            int                      day,
                                            double                  *x0,
                                            double                  *x1)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (x0 != NULL && x1 != NULL, FALSE);

  ensure_geometry (self);
  if (day < self->geometry.first_day || day > self->geometry.last_day)
    return FALSE;

  bar_extents (&self->geometry, day, x0, x1);
  return TRUE;
}

/**
 * bp_epicurve_chart_renderer_value_to_y:
 * @self: a #BpEpicurveChartRenderer
 * @value: a number of cases
 *
 * Returns: the height of @value in the plot, in the chart's units from its top
 */
double
bp_epicurve_chart_renderer_value_to_y (BpEpicurveChartRenderer *self,
                                       double                   value)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  return value_to_y (&self->geometry, value);
}

/**
 * bp_epicurve_chart_renderer_get_stub_height:
 * @self: a #BpEpicurveChartRenderer
 *
 * Returns: the height of the hatched stub that stands for a suppressed count
 */
double
bp_epicurve_chart_renderer_get_stub_height (BpEpicurveChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  return self->geometry.stub_height;
}

/* ---- GObject ---- */

static void
bp_epicurve_chart_renderer_finalize (GObject *object)
{
  BpEpicurveChartRenderer *self = (BpEpicurveChartRenderer *)object;

  g_clear_pointer (&self->data, bp_epicurve_data_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->date_ticks, g_array_unref);

  G_OBJECT_CLASS (bp_epicurve_chart_renderer_parent_class)->finalize (object);
}

static void
bp_epicurve_chart_renderer_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  BpEpicurveChartRenderer *self = BP_EPICURVE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;

    case PROP_REFERENCE_DAY:
      g_value_set_int (value, self->reference_day);
      break;

    case PROP_STACKING:
      g_value_set_enum (value, self->stacking);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_epicurve_chart_renderer_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  BpEpicurveChartRenderer *self = BP_EPICURVE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DATA:
      bp_epicurve_chart_renderer_set_data (self, g_value_get_boxed (value));
      break;

    case PROP_REFERENCE_DAY:
      bp_epicurve_chart_renderer_set_reference_day (self, g_value_get_int (value));
      break;

    case PROP_STACKING:
      bp_epicurve_chart_renderer_set_stacking (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      bp_epicurve_chart_renderer_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_epicurve_chart_renderer_class_init (BpEpicurveChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_epicurve_chart_renderer_finalize;
  object_class->get_property = bp_epicurve_chart_renderer_get_property;
  object_class->set_property = bp_epicurve_chart_renderer_set_property;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, BP_TYPE_EPICURVE_DATA,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REFERENCE_DAY] =
    g_param_spec_int ("reference-day", NULL, NULL, G_MININT, G_MAXINT, BP_CHART_NO_DAY,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STACKING] =
    g_param_spec_enum ("stacking", NULL, NULL, BP_TYPE_EPICURVE_STACKING, BP_EPICURVE_STACKING_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_epicurve_chart_renderer_init (BpEpicurveChartRenderer *self)
{
  const BpColour ink = { 0.12, 0.12, 0.14 };

  self->reference_day = BP_CHART_NO_DAY;
  self->highlight_day = BP_CHART_NO_DAY;
  self->keys = g_array_new (FALSE, FALSE, sizeof (BpChartKey));
  g_array_set_clear_func (self->keys, (GDestroyNotify)bp_chart_key_clear);
  self->date_ticks = g_array_new (FALSE, FALSE, sizeof (int));
  bp_chart_style_init (&self->style, &ink, 12.0);
  bp_chart_get_case_colour (&self->case_colour);
}

/**
 * bp_epicurve_chart_renderer_new:
 *
 * Returns: (transfer full): a renderer without data or size
 */
BpEpicurveChartRenderer *
bp_epicurve_chart_renderer_new (void)
{
  return g_object_new (BP_TYPE_EPICURVE_CHART_RENDERER, NULL);
}

/**
 * bp_epicurve_chart_renderer_set_data:
 * @self: a #BpEpicurveChartRenderer
 * @data: (nullable): the daily counts
 */
void
bp_epicurve_chart_renderer_set_data (BpEpicurveChartRenderer *self,
                                     BpEpicurveData          *data)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  if (self->data == data)
    return;

  g_clear_pointer (&self->data, bp_epicurve_data_unref);
  if (data)
    self->data = bp_epicurve_data_ref (data);
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

BpEpicurveData *
bp_epicurve_chart_renderer_get_data (BpEpicurveChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), NULL);

  return self->data;
}

/**
 * bp_epicurve_chart_renderer_set_range:
 * @self: a #BpEpicurveChartRenderer
 * @first_day: the first day to show
 * @last_day: the last day to show, at least @first_day
 *
 * Shows the days from @first_day to @last_day, to zoom in or out. Days
 * without data show no bar.
 */
void
bp_epicurve_chart_renderer_set_range (BpEpicurveChartRenderer *self,
                                      int                      first_day,
                                      int                      last_day)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));
  g_return_if_fail (first_day <= last_day);

  if (self->has_range && self->first_day == first_day && self->last_day == last_day)
    return;

  self->has_range = TRUE;
  self->first_day = first_day;
  self->last_day = last_day;
  invalidate_geometry (self);
}

/**
 * bp_epicurve_chart_renderer_unset_range:
 * @self: a #BpEpicurveChartRenderer
 *
 * Goes back to the default range: %BP_EPICURVE_DEFAULT_DAYS days ending at
 * the reference day, or at the last day of the data without one.
 */
void
bp_epicurve_chart_renderer_unset_range (BpEpicurveChartRenderer *self)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  if (!self->has_range)
    return;

  self->has_range = FALSE;
  invalidate_geometry (self);
}

/**
 * bp_epicurve_chart_renderer_get_range:
 * @self: a #BpEpicurveChartRenderer
 * @first_day: (out) (optional): the first day shown
 * @last_day: (out) (optional): the last day shown
 */
void
bp_epicurve_chart_renderer_get_range (BpEpicurveChartRenderer *self,
                                      int                     *first_day,
                                      int                     *last_day)
{
  int first, last;

  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  effective_range (self, &first, &last);
  if (first_day)
    *first_day = first;
  if (last_day)
    *last_day = last;
}

/**
 * bp_epicurve_chart_renderer_set_reference_day:
 * @self: a #BpEpicurveChartRenderer
 * @day: the day the dashboard reports on, or %BP_CHART_NO_DAY
 *
 * Marks @day with a dashed line; without a range set, the chart ends there.
 */
void
bp_epicurve_chart_renderer_set_reference_day (BpEpicurveChartRenderer *self,
                                              int                      day)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  if (self->reference_day == day)
    return;

  self->reference_day = day;
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE_DAY]);
}

int
bp_epicurve_chart_renderer_get_reference_day (BpEpicurveChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), BP_CHART_NO_DAY);

  return self->reference_day;
}

/**
 * bp_epicurve_chart_renderer_set_stacking:
 * @self: a #BpEpicurveChartRenderer
 * @stacking: how to split each bar
 *
 * Splits each bar by age band or by case source. Data without the counts
 * of those parts shows plain bars.
 */
void
bp_epicurve_chart_renderer_set_stacking (BpEpicurveChartRenderer *self,
                                         BpEpicurveStacking       stacking)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));
  g_return_if_fail (stacking <= BP_EPICURVE_STACKING_SOURCES);

  if (self->stacking == stacking)
    return;

  self->stacking = stacking;
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKING]);
}

BpEpicurveStacking
bp_epicurve_chart_renderer_get_stacking (BpEpicurveChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), BP_EPICURVE_STACKING_NONE);

  return self->stacking;
}

/**
 * bp_epicurve_chart_renderer_set_title:
 * @self: a #BpEpicurveChartRenderer
 * @title: (nullable): the title, drawn with the period under it; %NULL
 *   for neither, as on the dashboard, which has headings of its own
 */
void
bp_epicurve_chart_renderer_set_title (BpEpicurveChartRenderer *self,
                                      const char              *title)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bp_epicurve_chart_renderer_get_title (BpEpicurveChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self), NULL);

  return self->title;
}

/**
 * bp_epicurve_chart_renderer_set_style:
 * @self: a #BpEpicurveChartRenderer
 * @style: the colours and type size
 */
void
bp_epicurve_chart_renderer_set_style (BpEpicurveChartRenderer *self,
                                      const BpChartStyle      *style)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));
  g_return_if_fail (style != NULL);

  if (memcmp (&self->style, style, sizeof (BpChartStyle)) == 0)
    return;

  self->style = *style;
  invalidate_geometry (self);
}

/**
 * bp_epicurve_chart_renderer_set_size:
 * @self: a #BpEpicurveChartRenderer
 * @width: the width to draw at
 * @height: the height to draw at
 */
void
bp_epicurve_chart_renderer_set_size (BpEpicurveChartRenderer *self,
                                     int                      width,
                                     int                      height)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  if (self->width == width && self->height == height)
    return;

  self->width = width;
  self->height = height;
  invalidate_geometry (self);
}

/**
 * bp_epicurve_chart_renderer_set_highlight_day:
 * @self: a #BpEpicurveChartRenderer
 * @day: the day under the pointer, or %BP_CHART_NO_DAY
 *
 * Shades the column of @day, to show which bar a tooltip is about.
 */
void
bp_epicurve_chart_renderer_set_highlight_day (BpEpicurveChartRenderer *self,
                                              int                      day)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART_RENDERER (self));

  self->highlight_day = day;
}
