/* bp-age-chart-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-age-chart-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "bp-age-chart-renderer.h"
#include "bp-day.h"

/* Draws the dashboard's age distribution with cairo, for its widget and
 * for report images: for each of the nine age bands a bar for the previous
 * period and one for the current period, as case counts or as incidence
 * per 100,000. Incidence bars take the colour of their class on the
 * incidence map, so that the chart and the map tell the same story. */

struct _BpAgeChartRenderer
{
  GObject            parent_instance;

  BpAgeDistribution  distribution;
  gboolean           has_distribution;
  BpAgeChartMode     mode;
  BpClassBreaks     *breaks;
  BpClassBreaks     *default_breaks;  /* for the period length, when no breaks are set */
  char              *title;
  BpChartStyle       style;
  int                width;
  int                height;
  int                highlight_band;
  BpColour           case_colour;

  /* the layout at the size set, worked out with a measuring context */
  gboolean           geometry_valid;
  BpChartRect        plot;
  double             slot;
  double             axis_max;
  double             step;
  guint              n_steps;
  int                decimals;
  double             title_y;
  double             subtitle_y;
  double             y_label_y;
  double             band_label_y;
  double             x_label_y;
  double             legend_y;
  double             stub_height;
  GArray            *keys;
};

enum {
  PROP_0,
  PROP_DISTRIBUTION,
  PROP_MODE,
  PROP_BREAKS,
  PROP_TITLE,
  N_PROPS
};

G_DEFINE_ENUM_TYPE (BpAgeChartMode, bp_age_chart_mode,
                    G_DEFINE_ENUM_VALUE (BP_AGE_CHART_MODE_COUNT, "count"),
                    G_DEFINE_ENUM_VALUE (BP_AGE_CHART_MODE_INCIDENCE, "incidence"))

G_DEFINE_BOXED_TYPE (BpAgeDistribution, bp_age_distribution, bp_age_distribution_copy, bp_age_distribution_free)

G_DEFINE_FINAL_TYPE (BpAgeChartRenderer, bp_age_chart_renderer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ---- distribution ---- */

/**
 * bp_age_distribution_new:
 * @last_day: the last day of the current period
 * @period_days: the length of each period, such as 7 or 14
 *
 * Returns: (transfer full): a distribution without cases or population
 */
BpAgeDistribution *
bp_age_distribution_new (int last_day,
                         int period_days)
{
  BpAgeDistribution *self;

  g_return_val_if_fail (period_days > 0, NULL);

  self = g_new0 (BpAgeDistribution, 1);
  self->last_day = last_day;
  self->period_days = period_days;
  return self;
}

BpAgeDistribution *
bp_age_distribution_copy (const BpAgeDistribution *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof (BpAgeDistribution));
}

void
bp_age_distribution_free (BpAgeDistribution *self)
{
  g_free (self);
}

/**
 * bp_age_distribution_get_rate:
 * @self: a #BpAgeDistribution
 * @age_band: an age band
 * @previous: %TRUE for the previous period
 *
 * Returns: the cases per 100,000 inhabitants of the band in the period, or
 *   NaN when the count is suppressed or the population unknown
 */
double
bp_age_distribution_get_rate (const BpAgeDistribution *self,
                              guint                    age_band,
                              gboolean                 previous)
{
  gint64 n_cases;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (age_band < BP_N_AGE_BANDS, NAN);

  n_cases = previous ? self->previous_n_cases[age_band] : self->n_cases[age_band];
  if (n_cases < 0 || self->population[age_band] <= 0)
    return NAN;

  return n_cases * 100000.0 / self->population[age_band];
}

/* ---- values and colours ---- */

static gint64
band_count (BpAgeChartRenderer *self,
            guint               band,
            gboolean            previous)
{
  return previous ? self->distribution.previous_n_cases[band] : self->distribution.n_cases[band];
}

/* The height of a bar: a count or rate; NaN for no bar. Sets @suppressed
 * for a "<5" count. */
static double
bar_value (BpAgeChartRenderer *self,
           guint               band,
           gboolean            previous,
           gboolean           *suppressed)
{
  gint64 n = band_count (self, band, previous);

  *suppressed = n < 0;
  if (!self->has_distribution || n < 0)
    return NAN;
  if (self->mode == BP_AGE_CHART_MODE_COUNT)
    return n;

  return bp_age_distribution_get_rate (&self->distribution, band, previous);
}

static BpClassBreaks *
current_breaks (BpAgeChartRenderer *self)
{
  if (self->breaks)
    return self->breaks;

  /* The map's default classes fit 7- and 14-day incidence only. */
  if (self->distribution.period_days != 7 && self->distribution.period_days != 14)
    return NULL;

  if (self->default_breaks == NULL ||
      bp_map_metric_get_window_days (bp_class_breaks_get_metric (self->default_breaks)) != self->distribution.period_days)
    {
      g_clear_object (&self->default_breaks);
      self->default_breaks = bp_class_breaks_new_default (self->distribution.period_days == 7 ? BP_MAP_METRIC_INCIDENCE_7 : BP_MAP_METRIC_INCIDENCE_14);
    }

  return self->default_breaks;
}

/* The previous period in a neutral grey: the foreground faded into the
 * background, solid so that the legend's swatch matches. */
static void
previous_colour (BpAgeChartRenderer *self,
                 BpColour           *rgb)
{
  const double alpha = 0.3;

  rgb->red = self->style.foreground.red * alpha + self->style.background.red * (1 - alpha);
  rgb->green = self->style.foreground.green * alpha + self->style.background.green * (1 - alpha);
  rgb->blue = self->style.foreground.blue * alpha + self->style.background.blue * (1 - alpha);
}

static void
bar_colour (BpAgeChartRenderer *self,
            double              value,
            gboolean            previous,
            BpColour           *rgb)
{
  BpClassBreaks *breaks = current_breaks (self);

  if (previous)
    previous_colour (self, rgb);
  else if (self->mode == BP_AGE_CHART_MODE_INCIDENCE && breaks)
    bp_class_breaks_get_colour (breaks, bp_class_breaks_classify (breaks, value), rgb);
  else
    *rgb = self->case_colour;
}

static int
value_decimals (BpAgeChartRenderer *self,
                double              value)
{
  if (self->mode == BP_AGE_CHART_MODE_COUNT || value == 0)
    return 0;

  return value < 10 ? 1 : 0;
}

/* ---- layout ---- */

static void
invalidate_geometry (BpAgeChartRenderer *self)
{
  self->geometry_valid = FALSE;
}

static void
build_keys (BpAgeChartRenderer *self,
            gboolean            any_suppressed)
{
  const BpAgeDistribution *d = &self->distribution;
  g_autofree char *current = bp_chart_format_period (d->last_day - d->period_days + 1, d->last_day);
  g_autofree char *previous = bp_chart_format_period (d->last_day - 2 * d->period_days + 1,
                                                      d->last_day - d->period_days);
  BpClassBreaks *breaks = current_breaks (self);
  BpColour rgb;

  g_array_set_size (self->keys, 0);
  if (!self->has_distribution)
    return;

  previous_colour (self, &rgb);
  bp_chart_keys_add (self->keys, BP_CHART_KEY_BAR, &rgb, previous);

  if (self->mode == BP_AGE_CHART_MODE_INCIDENCE && breaks)
    {
      /* Translators: a period in a chart legend, followed by the colours of
       * the incidence classes, as in “9 – 15 Nov 2026:” */
      g_autofree char *heading = g_strdup_printf (_("%s:"), current);

      bp_chart_keys_add (self->keys, BP_CHART_KEY_TEXT, NULL, heading);
      for (guint c = 0; c < bp_class_breaks_get_n_classes (breaks); c++)
        {
          g_autofree char *label = bp_class_breaks_dup_label (breaks, c);

          bp_class_breaks_get_colour (breaks, c, &rgb);
          bp_chart_keys_add (self->keys, BP_CHART_KEY_OUTLINED_BAR, &rgb, label);
        }
    }
  else
    bp_chart_keys_add (self->keys, BP_CHART_KEY_BAR, &self->case_colour, current);

  if (any_suppressed)
    bp_chart_keys_add (self->keys, BP_CHART_KEY_SUPPRESSED, NULL, _("<5 cases (hidden)"));
}

static char *
dup_y_label (BpAgeChartRenderer *self)
{
  int days = self->distribution.period_days;

  if (self->mode == BP_AGE_CHART_MODE_INCIDENCE)
    /* Translators: the value axis of the age chart, as in “14-day incidence per 100,000” */
    return g_strdup_printf (_("%d-day incidence per 100,000"), days);

  /* Translators: the value axis of the age chart */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cases in %d day", "Cases in %d days", days), days);
}

static void
text_size (cairo_t            *cr,
           const BpChartStyle *style,
           double              scale,
           PangoWeight         weight,
           const char         *text,
           int                *width,
           int                *height)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, style, scale, weight);

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
ensure_geometry (BpAgeChartRenderer *self)
{
  double f = self->style.font_size;
  double margin = round (f);
  double top = round (f * 0.8);
  double max_value = 0, tick_w = 0, legend_h, bottom;
  gboolean any_suppressed = FALSE;
  g_autofree char *y_label = NULL;
  guint max_ticks;
  int w, h;
  cairo_t *cr;

  if (self->geometry_valid)
    return;

  cr = bp_chart_create_measure_context ();

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    for (int previous = 0; previous <= 1; previous++)
      {
        gboolean suppressed;
        double value = bar_value (self, band, previous, &suppressed);

        any_suppressed |= suppressed;
        if (!isnan (value))
          max_value = MAX (max_value, value);
      }
  if (self->mode == BP_AGE_CHART_MODE_COUNT)
    max_value = MAX (max_value, any_suppressed ? 5 : 1);

  build_keys (self, any_suppressed);

  if (self->title)
    {
      self->title_y = top;
      text_size (cr, &self->style, 1.35, PANGO_WEIGHT_BOLD, self->title, &w, &h);
      top += h + round (f * 0.15);
      self->subtitle_y = top;
      text_size (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL, "Ag", &w, &h);
      top += h + round (f * 0.6);
    }
  self->y_label_y = top;
  y_label = dup_y_label (self);
  text_size (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL, y_label, &w, &h);
  top += h + round (f * 0.8);

  legend_h = bp_chart_draw_legend (cr, &self->style, self->keys, 0, 0, self->width - 2 * margin, TRUE);
  bottom = self->height - round (f * 0.6) - legend_h;
  self->legend_y = bottom;
  if (legend_h > 0)
    bottom -= round (f * 0.8);
  /* the band labels and, under them, the axis label */
  bottom -= 2 * h + round (f * 0.5);
  self->band_label_y = bottom + round (f * 0.4);
  self->x_label_y = self->band_label_y + h;

  self->plot.y = top;
  self->plot.height = MAX (bottom - top, 1.0);

  max_ticks = (guint)MAX (1.0, floor (self->plot.height / (f * 2.6)));
  self->axis_max = bp_chart_nice_ticks (max_value, max_ticks,
                                        self->mode == BP_AGE_CHART_MODE_COUNT ? 1.0 : 0.0,
                                        &self->step, &self->n_steps);
  self->decimals = bp_chart_get_tick_decimals (self->step);

  for (guint k = 0; k <= self->n_steps; k++)
    {
      g_autofree char *label = bp_chart_format_number (k * self->step, self->decimals);

      text_size (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL, label, &w, &h);
      tick_w = MAX (tick_w, w);
    }
  self->plot.x = margin + tick_w + round (f * 0.5);
  self->plot.width = MAX (self->width - margin - self->plot.x, 1.0);
  self->slot = self->plot.width / BP_N_AGE_BANDS;
  self->stub_height = MAX (3.0, round (f * 0.45));

  cairo_destroy (cr);
  self->geometry_valid = TRUE;
}

static double
value_to_y (BpAgeChartRenderer *self,
            double              value)
{
  return self->plot.y + self->plot.height - value / self->axis_max * self->plot.height;
}

/* Two bars side by side in the middle of the band's slot, the previous
 * period on the left, on whole pixels. */
static void
bar_extents (BpAgeChartRenderer *self,
             guint               band,
             gboolean            previous,
             double             *x0,
             double             *x1)
{
  double left = self->plot.x + band * self->slot;
  double group = self->slot * 0.76;
  double gap = MAX (1.0, round (self->slot * 0.03));
  double bar = (group - gap) / 2;
  double start = left + (self->slot - group) / 2 + (previous ? 0 : bar + gap);

  *x0 = round (start);
  *x1 = MAX (round (start + bar), *x0 + 1);
}

/* ---- drawing ---- */

static void
draw_grid (BpAgeChartRenderer *self,
           cairo_t            *cr)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  if (self->highlight_band >= 0 && self->highlight_band < BP_N_AGE_BANDS)
    {
      cairo_rectangle (cr, self->plot.x + self->highlight_band * self->slot, self->plot.y,
                       self->slot, self->plot.height);
      bp_chart_style_set_source (&self->style, cr, 0.07);
      cairo_fill (cr);
    }

  for (guint k = 1; k <= self->n_steps; k++)
    {
      double y = round (value_to_y (self, k * self->step)) + 0.5;

      cairo_move_to (cr, self->plot.x, y);
      cairo_line_to (cr, self->plot.x + self->plot.width, y);
    }
  bp_chart_style_set_source (&self->style, cr, 0.12);
  cairo_stroke (cr);

  cairo_restore (cr);
}

static void
draw_bars (BpAgeChartRenderer *self,
           cairo_t            *cr)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, &self->style, 0.85, PANGO_WEIGHT_NORMAL);
  double base = self->plot.y + self->plot.height;
  gboolean outline = self->mode == BP_AGE_CHART_MODE_INCIDENCE && current_breaks (self) != NULL;
  gboolean labels_fit = TRUE;
  int w, h;

  cairo_save (cr);

  /* values over the bars, when every one of them fits over its bar */
  for (guint band = 0; band < BP_N_AGE_BANDS && labels_fit; band++)
    for (int previous = 0; previous <= 1 && labels_fit; previous++)
      {
        gboolean suppressed;
        double value = bar_value (self, band, previous, &suppressed);
        g_autofree char *label = NULL;
        double x0, x1;

        if (isnan (value) && !suppressed)
          continue;
        label = suppressed ? bp_chart_format_count (BP_COUNT_SUPPRESSED)
                           : bp_chart_format_number (value, value_decimals (self, value));
        pango_layout_set_text (layout, label, -1);
        pango_layout_get_pixel_size (layout, &w, &h);
        bar_extents (self, band, previous, &x0, &x1);
        labels_fit = w + 2 <= x1 - x0 + round (self->slot * 0.03);
      }

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    for (int previous = 0; previous <= 1; previous++)
      {
        gboolean suppressed;
        double value = bar_value (self, band, previous, &suppressed);
        double x0, x1, y;
        BpColour rgb;

        bar_extents (self, band, previous, &x0, &x1);
        if (suppressed)
          {
            y = round (base - self->stub_height);
            bp_chart_fill_suppressed (cr, &self->style, x0, y, x1 - x0, base - y);
          }
        else if (!isnan (value) && value > 0)
          {
            y = value_to_y (self, value);
            bar_colour (self, value, previous, &rgb);
            cairo_rectangle (cr, x0, y, x1 - x0, base - y);
            cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
            cairo_fill (cr);
            /* the lightest classes would vanish on white without an edge */
            if (outline && !previous && x1 - x0 >= 3)
              {
                cairo_rectangle (cr, x0 + 0.5, round (y) + 0.5, x1 - x0 - 1, round (base) - round (y) - 1);
                bp_chart_style_set_source (&self->style, cr, 0.35);
                cairo_set_line_width (cr, 1.0);
                cairo_stroke (cr);
              }
          }
        else
          y = base;

        if (labels_fit && (suppressed || !isnan (value)))
          {
            g_autofree char *label = suppressed ? bp_chart_format_count (BP_COUNT_SUPPRESSED)
                                                : bp_chart_format_number (value, value_decimals (self, value));

            pango_layout_set_text (layout, label, -1);
            pango_layout_get_pixel_size (layout, &w, &h);
            bp_chart_style_set_source (&self->style, cr, previous ? 0.6 : 0.9);
            cairo_move_to (cr, (x0 + x1) / 2 - w / 2.0, y - h - 1);
            pango_cairo_show_layout (cr, layout);
          }
      }

  cairo_restore (cr);
}

static void
draw_axes (BpAgeChartRenderer *self,
           cairo_t            *cr)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
  double f = self->style.font_size;
  double base = round (self->plot.y + self->plot.height) + 0.5;
  double widest = 0, scale;
  int w, h;

  cairo_save (cr);

  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, self->plot.x, base);
  cairo_line_to (cr, self->plot.x + self->plot.width, base);
  bp_chart_style_set_source (&self->style, cr, 0.6);
  cairo_stroke (cr);

  bp_chart_style_set_source (&self->style, cr, 0.8);
  for (guint k = 0; k <= self->n_steps; k++)
    {
      g_autofree char *label = bp_chart_format_number (k * self->step, self->decimals);

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, self->plot.x - round (f * 0.5) - w, value_to_y (self, k * self->step) - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* band labels shrink rather than run into each other on a narrow chart */
  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      pango_layout_set_text (layout, bp_age_band_get_label (band), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  scale = CLAMP ((self->slot - 4) / MAX (widest, 1), 0.6, 1.0);
  if (scale < 1.0)
    {
      g_object_unref (layout);
      layout = bp_chart_create_layout (cr, &self->style, scale, PANGO_WEIGHT_NORMAL);
    }
  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      pango_layout_set_text (layout, bp_age_band_get_label (band), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, self->plot.x + (band + 0.5) * self->slot - w / 2.0, self->band_label_y);
      pango_cairo_show_layout (cr, layout);
    }

  g_object_unref (layout);
  layout = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
  /* Translators: the label under the age bands of the age chart */
  pango_layout_set_text (layout, _("Age in years"), -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  bp_chart_style_set_source (&self->style, cr, 0.65);
  cairo_move_to (cr, self->plot.x + self->plot.width / 2 - w / 2.0, self->x_label_y);
  pango_cairo_show_layout (cr, layout);

  cairo_restore (cr);
}

static void
draw_text (BpAgeChartRenderer *self,
           cairo_t            *cr)
{
  g_autoptr(PangoLayout) layout = bp_chart_create_layout (cr, &self->style, 1.0, PANGO_WEIGHT_NORMAL);
  g_autofree char *y_label = dup_y_label (self);
  double margin = round (self->style.font_size);

  cairo_save (cr);

  if (self->title)
    {
      const BpAgeDistribution *d = &self->distribution;
      g_autoptr(PangoLayout) title = bp_chart_create_layout (cr, &self->style, 1.35, PANGO_WEIGHT_BOLD);
      g_autofree char *current = bp_chart_format_period (d->last_day - d->period_days + 1, d->last_day);
      g_autofree char *previous = bp_chart_format_period (d->last_day - 2 * d->period_days + 1,
                                                          d->last_day - d->period_days);
      /* Translators: the periods the age chart compares, as in “9 – 15 Nov 2026 against 2 – 8 Nov 2026” */
      g_autofree char *periods = g_strdup_printf (_("%s against %s"), current, previous);

      pango_layout_set_width (title, (int)((self->width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (title, self->title, -1);
      bp_chart_style_set_source (&self->style, cr, 1.0);
      cairo_move_to (cr, margin, self->title_y);
      pango_cairo_show_layout (cr, title);

      if (self->has_distribution)
        {
          pango_layout_set_text (layout, periods, -1);
          bp_chart_style_set_source (&self->style, cr, 0.7);
          cairo_move_to (cr, margin, self->subtitle_y);
          pango_cairo_show_layout (cr, layout);
        }
    }

  pango_layout_set_text (layout, y_label, -1);
  bp_chart_style_set_source (&self->style, cr, 0.75);
  cairo_move_to (cr, margin, self->y_label_y);
  pango_cairo_show_layout (cr, layout);

  bp_chart_draw_legend (cr, &self->style, self->keys, margin, self->legend_y, self->width - 2 * margin, FALSE);

  cairo_restore (cr);
}

/**
 * bp_age_chart_renderer_draw:
 * @self: a #BpAgeChartRenderer
 * @cr: a cairo context in the chart's units, (0, 0) at its top left
 *
 * Draws the chart at the size set with bp_age_chart_renderer_set_size().
 */
void
bp_age_chart_renderer_draw (BpAgeChartRenderer *self,
                            cairo_t            *cr)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);

  if (self->width <= 0 || self->height <= 0)
    return;

  ensure_geometry (self);

  cairo_save (cr);
  if (self->style.background_alpha > 0)
    {
      cairo_set_source_rgba (cr, self->style.background.red, self->style.background.green,
                             self->style.background.blue, self->style.background_alpha);
      cairo_paint (cr);
    }

  draw_grid (self, cr);
  if (self->has_distribution)
    draw_bars (self, cr);
  draw_axes (self, cr);
  draw_text (self, cr);
  cairo_restore (cr);
}

/**
 * bp_age_chart_renderer_hit_test:
 * @self: a #BpAgeChartRenderer
 * @x: x in the chart's units
 * @y: y in the chart's units
 * @hit: (out caller-allocates): the band and period under (@x, @y)
 *
 * Finds the age band under a point of the plot or its labels, and which of
 * its two bars is nearer, for a tooltip.
 *
 * Returns: %TRUE when (@x, @y) lies over a band
 */
gboolean
bp_age_chart_renderer_hit_test (BpAgeChartRenderer *self,
                                double              x,
                                double              y,
                                BpAgeChartHit      *hit)
{
  double x0, x1;
  int band;

  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  if (!self->has_distribution || self->width <= 0 || self->height <= 0)
    return FALSE;

  ensure_geometry (self);
  if (x < self->plot.x || x >= self->plot.x + self->plot.width ||
      y < self->plot.y || y > self->x_label_y)
    return FALSE;

  band = MIN ((int)floor ((x - self->plot.x) / self->slot), BP_N_AGE_BANDS - 1);
  bar_extents (self, band, FALSE, &x0, &x1);
  hit->age_band = band;
  hit->is_previous = x < x0;

  return TRUE;
}

static void
draw_file_cb (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  user_data)
{
  bp_age_chart_renderer_draw (user_data, cr);
}

/**
 * bp_age_chart_renderer_render_to_file:
 * @self: a #BpAgeChartRenderer
 * @path: the file to write; its extension (.png, .pdf or .svg) sets the format
 * @width: the width in pixels (PNG) or points (PDF, SVG)
 * @height: the height in pixels (PNG) or points (PDF, SVG)
 * @error: return location for a #GError
 *
 * Writes the chart as a report image: dark on white, with the title and
 * periods on top when a title is set. The size and style of @self stay as
 * they were.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_age_chart_renderer_render_to_file (BpAgeChartRenderer  *self,
                                      const char          *path,
                                      int                  width,
                                      int                  height,
                                      GError             **error)
{
  BpChartStyle saved_style;
  int saved_width, saved_height, saved_highlight;
  gboolean ok;

  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved_style = self->style;
  saved_width = self->width;
  saved_height = self->height;
  saved_highlight = self->highlight_band;

  bp_chart_style_init_print (&self->style, width, height);
  self->width = width;
  self->height = height;
  self->highlight_band = -1;
  invalidate_geometry (self);

  ok = bp_chart_render_to_file (path, width, height, draw_file_cb, self, error);

  self->style = saved_style;
  self->width = saved_width;
  self->height = saved_height;
  self->highlight_band = saved_highlight;
  invalidate_geometry (self);

  return ok;
}

/* ---- geometry, for tests ---- */

/**
 * bp_age_chart_renderer_get_plot_area:
 * @self: a #BpAgeChartRenderer
 * @rect: (out caller-allocates): the area inside the axes, at the size set
 */
void
bp_age_chart_renderer_get_plot_area (BpAgeChartRenderer *self,
                                     BpChartRect        *rect)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (rect != NULL);

  ensure_geometry (self);
  *rect = self->plot;
}

/**
 * bp_age_chart_renderer_get_axis_max:
 * @self: a #BpAgeChartRenderer
 * @step: (out) (optional): the step between the ticks of the value axis
 *
 * Returns: the value at the top of the plot area
 */
double
bp_age_chart_renderer_get_axis_max (BpAgeChartRenderer *self,
                                    double             *step)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  if (step)
    *step = self->step;
  return self->axis_max;
}

/**
 * bp_age_chart_renderer_get_bar_extents:
 * @self: a #BpAgeChartRenderer
 * @age_band: an age band
 * @previous: %TRUE for the bar of the previous period
 * @x0: (out): the left edge of the bar
 * @x1: (out): the right edge of the bar
 */
void
bp_age_chart_renderer_get_bar_extents (BpAgeChartRenderer *self,
                                       guint               age_band,
                                       gboolean            previous,
                                       double             *x0,
                                       double             *x1)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (age_band < BP_N_AGE_BANDS);
  g_return_if_fail (x0 != NULL && x1 != NULL);

  ensure_geometry (self);
  bar_extents (self, age_band, previous, x0, x1);
}

/**
 * bp_age_chart_renderer_value_to_y:
 * @self: a #BpAgeChartRenderer
 * @value: a count or rate, as the mode shows
 *
 * Returns: the height of @value in the plot, in the chart's units from its top
 */
double
bp_age_chart_renderer_value_to_y (BpAgeChartRenderer *self,
                                  double              value)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  return value_to_y (self, value);
}

/**
 * bp_age_chart_renderer_get_stub_height:
 * @self: a #BpAgeChartRenderer
 *
 * Returns: the height of the hatched stub that stands for a suppressed count
 */
double
bp_age_chart_renderer_get_stub_height (BpAgeChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), 0.0);

  ensure_geometry (self);
  return self->stub_height;
}

/* ---- GObject ---- */

static void
bp_age_chart_renderer_dispose (GObject *object)
{
  BpAgeChartRenderer *self = (BpAgeChartRenderer *)object;

  g_clear_object (&self->breaks);
  g_clear_object (&self->default_breaks);

  G_OBJECT_CLASS (bp_age_chart_renderer_parent_class)->dispose (object);
}

static void
bp_age_chart_renderer_finalize (GObject *object)
{
  BpAgeChartRenderer *self = (BpAgeChartRenderer *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->keys, g_array_unref);

  G_OBJECT_CLASS (bp_age_chart_renderer_parent_class)->finalize (object);
}

static void
bp_age_chart_renderer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BpAgeChartRenderer *self = BP_AGE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      g_value_set_boxed (value, bp_age_chart_renderer_get_distribution (self));
      break;

    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_BREAKS:
      g_value_set_object (value, self->breaks);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_age_chart_renderer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BpAgeChartRenderer *self = BP_AGE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      bp_age_chart_renderer_set_distribution (self, g_value_get_boxed (value));
      break;

    case PROP_MODE:
      bp_age_chart_renderer_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_BREAKS:
      bp_age_chart_renderer_set_breaks (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
      bp_age_chart_renderer_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_age_chart_renderer_class_init (BpAgeChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_age_chart_renderer_dispose;
  object_class->finalize = bp_age_chart_renderer_finalize;
  object_class->get_property = bp_age_chart_renderer_get_property;
  object_class->set_property = bp_age_chart_renderer_set_property;

  properties[PROP_DISTRIBUTION] =
    g_param_spec_boxed ("distribution", NULL, NULL, BP_TYPE_AGE_DISTRIBUTION,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, BP_TYPE_AGE_CHART_MODE, BP_AGE_CHART_MODE_COUNT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BREAKS] =
    g_param_spec_object ("breaks", NULL, NULL, BP_TYPE_CLASS_BREAKS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_age_chart_renderer_init (BpAgeChartRenderer *self)
{
  const BpColour ink = { 0.12, 0.12, 0.14 };

  self->distribution.period_days = 7;
  self->highlight_band = -1;
  self->keys = g_array_new (FALSE, FALSE, sizeof (BpChartKey));
  g_array_set_clear_func (self->keys, (GDestroyNotify)bp_chart_key_clear);
  bp_chart_style_init (&self->style, &ink, 12.0);
  bp_chart_get_case_colour (&self->case_colour);
}

/**
 * bp_age_chart_renderer_new:
 *
 * Returns: (transfer full): a renderer without data or size
 */
BpAgeChartRenderer *
bp_age_chart_renderer_new (void)
{
  return g_object_new (BP_TYPE_AGE_CHART_RENDERER, NULL);
}

/**
 * bp_age_chart_renderer_set_distribution:
 * @self: a #BpAgeChartRenderer
 * @distribution: (nullable): the cases per band, copied
 */
void
bp_age_chart_renderer_set_distribution (BpAgeChartRenderer      *self,
                                        const BpAgeDistribution *distribution)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (distribution == NULL || distribution->period_days > 0);

  if (distribution == NULL && !self->has_distribution)
    return;
  if (distribution && self->has_distribution &&
      memcmp (distribution, &self->distribution, sizeof (BpAgeDistribution)) == 0)
    return;

  self->has_distribution = distribution != NULL;
  if (distribution)
    self->distribution = *distribution;
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRIBUTION]);
}

/**
 * bp_age_chart_renderer_get_distribution:
 * @self: a #BpAgeChartRenderer
 *
 * Returns: (transfer none) (nullable): the cases per band
 */
const BpAgeDistribution *
bp_age_chart_renderer_get_distribution (BpAgeChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), NULL);

  return self->has_distribution ? &self->distribution : NULL;
}

/**
 * bp_age_chart_renderer_set_mode:
 * @self: a #BpAgeChartRenderer
 * @mode: whether the bars show counts or incidence
 */
void
bp_age_chart_renderer_set_mode (BpAgeChartRenderer *self,
                                BpAgeChartMode      mode)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (mode == BP_AGE_CHART_MODE_COUNT || mode == BP_AGE_CHART_MODE_INCIDENCE);

  if (self->mode == mode)
    return;

  self->mode = mode;
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

BpAgeChartMode
bp_age_chart_renderer_get_mode (BpAgeChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), BP_AGE_CHART_MODE_COUNT);

  return self->mode;
}

/**
 * bp_age_chart_renderer_set_breaks:
 * @self: a #BpAgeChartRenderer
 * @breaks: (nullable): the incidence classes to colour bars by, as on the
 *   map; %NULL for the map's default classes of the period's length
 */
void
bp_age_chart_renderer_set_breaks (BpAgeChartRenderer *self,
                                  BpClassBreaks      *breaks)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (breaks == NULL || BP_IS_CLASS_BREAKS (breaks));

  if (!g_set_object (&self->breaks, breaks))
    return;

  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKS]);
}

/**
 * bp_age_chart_renderer_get_breaks:
 * @self: a #BpAgeChartRenderer
 *
 * Returns: (transfer none) (nullable): the incidence classes set
 */
BpClassBreaks *
bp_age_chart_renderer_get_breaks (BpAgeChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), NULL);

  return self->breaks;
}

/**
 * bp_age_chart_renderer_set_title:
 * @self: a #BpAgeChartRenderer
 * @title: (nullable): the title, drawn with the periods under it; %NULL
 *   for neither
 */
void
bp_age_chart_renderer_set_title (BpAgeChartRenderer *self,
                                 const char         *title)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  invalidate_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bp_age_chart_renderer_get_title (BpAgeChartRenderer *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART_RENDERER (self), NULL);

  return self->title;
}

/**
 * bp_age_chart_renderer_set_style:
 * @self: a #BpAgeChartRenderer
 * @style: the colours and type size
 */
void
bp_age_chart_renderer_set_style (BpAgeChartRenderer *self,
                                 const BpChartStyle *style)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));
  g_return_if_fail (style != NULL);

  if (memcmp (&self->style, style, sizeof (BpChartStyle)) == 0)
    return;

  self->style = *style;
  invalidate_geometry (self);
}

/**
 * bp_age_chart_renderer_set_size:
 * @self: a #BpAgeChartRenderer
 * @width: the width to draw at
 * @height: the height to draw at
 */
void
bp_age_chart_renderer_set_size (BpAgeChartRenderer *self,
                                int                 width,
                                int                 height)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));

  if (self->width == width && self->height == height)
    return;

  self->width = width;
  self->height = height;
  invalidate_geometry (self);
}

/**
 * bp_age_chart_renderer_set_highlight_band:
 * @self: a #BpAgeChartRenderer
 * @age_band: the band under the pointer, or -1
 */
void
bp_age_chart_renderer_set_highlight_band (BpAgeChartRenderer *self,
                                          int                 age_band)
{
  g_return_if_fail (BP_IS_AGE_CHART_RENDERER (self));

  self->highlight_band = age_band;
}
