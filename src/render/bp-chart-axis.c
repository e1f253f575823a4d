/* bp-chart-axis.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chart-axis"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bp-area.h"
#include "bp-chart-axis.h"
#include "bp-day.h"

/* What the dashboard's charts share: their style, colours, tick steps,
 * labels for dates and numbers in the user's locale, the legend, and
 * writing a chart to PNG, PDF or SVG. */

#define FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

/* The charts' own colours for the nine age bands: viridis (Stéfan van der
 * Walt and Nathaniel Smith, CC0), without its darkest and lightest tenth so
 * that each band stands out on a light and on a dark background. Its
 * lightness rises with age, so the order reads in greyscale too. Kept apart
 * from the map's YlOrRd, so that a stacked band never looks like an
 * incidence class. */
static const guint32 age_band_colours[BP_N_AGE_BANDS] = {
  0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26,
};

/* The case sources, in the hue of the case bars (the map's 0xfd8d3c) so
 * that a split bar still reads as one disease: confirmed cases a deep shade
 * and clinical ones a light tint of it, from ColorBrewer's Oranges, apart
 * in lightness for greyscale too. Counts without a source are a neutral
 * grey. No hatching: that means "<5" in every chart. */
static const guint32 case_source_colours[BP_N_CASE_SOURCES] = {
  0xd94801, 0xfdae6b, 0xa3a3a3,
};

G_DEFINE_QUARK (bp-chart-error-quark, bp_chart_error)

static void
colour_from_rgb (guint32   rgb,
                 BpColour *colour)
{
  colour->red = ((rgb >> 16) & 0xff) / 255.0;
  colour->green = ((rgb >> 8) & 0xff) / 255.0;
  colour->blue = (rgb & 0xff) / 255.0;
}

/* ---- style ---- */

/**
 * bp_chart_style_init:
 * @style: (out caller-allocates): the style
 * @foreground: the colour of text and lines, such as a widget's text colour
 * @font_size: the size of tick labels, in pixels
 *
 * Sets up a style for a chart on screen: the background is left to the
 * widget, and halos take white under dark text or a dark grey under light
 * text (dark mode).
 */
void
bp_chart_style_init (BpChartStyle   *style,
                     const BpColour *foreground,
                     double          font_size)
{
  double luminance;

  g_return_if_fail (style != NULL);
  g_return_if_fail (foreground != NULL);

  style->foreground = *foreground;
  luminance = 0.2126 * foreground->red + 0.7152 * foreground->green + 0.0722 * foreground->blue;
  if (luminance > 0.5)
    style->background = (BpColour) { 0.14, 0.14, 0.14 };
  else
    style->background = (BpColour) { 1.0, 1.0, 1.0 };
  style->background_alpha = 0.0;
  style->font_size = MAX (font_size, 6.0);
}

/**
 * bp_chart_style_init_print:
 * @style: (out caller-allocates): the style
 * @width: the width of the image
 * @height: the height of the image
 *
 * Sets up the style of a chart in a file: dark text on white, and type
 * that grows with the image so that it stays readable on a projector.
 */
void
bp_chart_style_init_print (BpChartStyle *style,
                           int           width,
                           int           height)
{
  const BpColour ink = { 0.12, 0.12, 0.14 };

  g_return_if_fail (style != NULL);

  bp_chart_style_init (style, &ink, CLAMP (sqrt ((double)width * height) / 60.0, 11.0, 28.0));
  style->background_alpha = 1.0;
}

/**
 * bp_chart_style_set_source:
 * @style: a style
 * @cr: a cairo context
 * @alpha: the opacity of the foreground colour
 *
 * Sets the source of @cr to the foreground colour of @style.
 */
void
bp_chart_style_set_source (const BpChartStyle *style,
                           cairo_t            *cr,
                           double              alpha)
{
  cairo_set_source_rgba (cr, style->foreground.red, style->foreground.green,
                         style->foreground.blue, alpha);
}

/* ---- colours ---- */

/**
 * bp_chart_get_case_colour:
 * @rgb: (out caller-allocates): the colour
 *
 * Gives the colour of case bars: the orange of the map's middle class of
 * case counts, so that cases look the same on the map and in the charts.
 */
void
bp_chart_get_case_colour (BpColour *rgb)
{
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_CASES_7);

  g_return_if_fail (rgb != NULL);

  bp_class_breaks_get_colour (breaks, bp_class_breaks_get_n_classes (breaks) / 2, rgb);
}

/**
 * bp_chart_get_suppressed_colour:
 * @rgb: (out caller-allocates): the colour
 *
 * Gives the colour the map fills suppressed ("<5") sectors with.
 */
void
bp_chart_get_suppressed_colour (BpColour *rgb)
{
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_CASES_7);

  g_return_if_fail (rgb != NULL);

  bp_class_breaks_get_colour (breaks, BP_CLASS_SUPPRESSED, rgb);
}

/**
 * bp_chart_get_age_band_colour:
 * @age_band: an age band, 0 to %BP_N_AGE_BANDS - 1
 * @rgb: (out caller-allocates): the colour
 */
void
bp_chart_get_age_band_colour (guint     age_band,
                              BpColour *rgb)
{
  g_return_if_fail (age_band < BP_N_AGE_BANDS);
  g_return_if_fail (rgb != NULL);

  colour_from_rgb (age_band_colours[age_band], rgb);
}

/**
 * bp_chart_get_case_source_colour:
 * @source: a case source
 * @rgb: (out caller-allocates): the colour
 */
void
bp_chart_get_case_source_colour (BpCaseSource  source,
                                 BpColour     *rgb)
{
  g_return_if_fail (source < BP_N_CASE_SOURCES);
  g_return_if_fail (rgb != NULL);

  colour_from_rgb (case_source_colours[source], rgb);
}

/**
 * bp_chart_create_hatch_pattern:
 *
 * Returns: (transfer full): the diagonal hatching the map draws over
 *   suppressed sectors, in user units
 */
cairo_pattern_t *
bp_chart_create_hatch_pattern (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;

  cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 0.55);
  cairo_set_line_width (cr, 1.2);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (cr, k * 8, 8);
      cairo_line_to (cr, (k + 1) * 8, 0);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (surface);

  return pattern;
}

/**
 * bp_chart_fill_suppressed:
 * @cr: a cairo context
 * @style: the chart's style
 * @x: the left edge
 * @y: the top edge
 * @width: the width
 * @height: the height
 *
 * Draws a suppressed value: the map's suppressed colour, hatched and
 * outlined, so that it never reads as a bar of some height.
 */
void
bp_chart_fill_suppressed (cairo_t            *cr,
                          const BpChartStyle *style,
                          double              x,
                          double              y,
                          double              width,
                          double              height)
{
  cairo_pattern_t *hatch = bp_chart_create_hatch_pattern ();
  BpColour rgb;

  bp_chart_get_suppressed_colour (&rgb);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
  cairo_fill_preserve (cr);
  cairo_set_source (cr, hatch);
  cairo_fill_preserve (cr);
  if (width >= 4 && height >= 4)
    {
      cairo_new_path (cr);
      cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
      cairo_set_source_rgba (cr, 0.25, 0.27, 0.33, 0.9);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (hatch);
}

/* ---- ticks ---- */

/**
 * bp_chart_nice_ticks:
 * @max_value: the largest value the axis must show
 * @max_ticks: the most steps that fit on the axis, at least 1
 * @min_step: the smallest step worth showing: 1 for counts, 0 for any
 * @step: (out): the step between ticks: 1, 2 or 5 times a power of ten
 * @n_steps: (out): the number of steps from 0 to the top of the axis
 *
 * Picks the ticks of a value axis that starts at 0: the smallest step of
 * 1, 2 or 5 times a power of ten that covers @max_value in at most
 * @max_ticks steps.
 *
 * Returns: the top of the axis, @step × @n_steps, at least @max_value
 */
double
bp_chart_nice_ticks (double  max_value,
                     guint   max_ticks,
                     double  min_step,
                     double *step,
                     guint  *n_steps)
{
  static const double multiples[] = { 1, 2, 5 };
  double magnitude;

  g_return_val_if_fail (step != NULL, 0.0);
  g_return_val_if_fail (n_steps != NULL, 0.0);

  max_ticks = MAX (max_ticks, 1);
  if (!(max_value > 0) || !isfinite (max_value))
    max_value = MAX (min_step, 1e-9);

  magnitude = pow (10, floor (log10 (max_value / max_ticks)));
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
        {
          double candidate = multiples[i] * magnitude;
          double n;

          if (candidate < min_step)
            continue;

          /* a tiny slack, so that 3 × 0.1 still covers 0.3 */
          n = ceil (max_value / candidate - 1e-9);
          if (n <= max_ticks)
            {
              *step = candidate;
              *n_steps = MAX ((guint)n, 1);
              return *step * *n_steps;
            }
        }
      magnitude *= 10;
    }
}

/**
 * bp_chart_get_tick_decimals:
 * @step: a tick step from bp_chart_nice_ticks()
 *
 * Returns: how many decimals the tick labels need
 */
int
bp_chart_get_tick_decimals (double step)
{
  if (!(step > 0) || step >= 1)
    return 0;

  return (int)ceil (-log10 (step) - 1e-9);
}

static gboolean
is_date_tick (int             day,
              BpChartDateStep step)
{
  int year, month, dom;

  switch (step)
    {
    case BP_CHART_DATE_STEP_DAY:
      return TRUE;

    case BP_CHART_DATE_STEP_WEEK:
      return bp_day_get_weekday (day) == 1;

    case BP_CHART_DATE_STEP_TWO_WEEKS:
      /* every other Monday counted from 1970-01-05, so that the ticks stay
       * put while the range moves */
      return bp_day_get_weekday (day) == 1 && ((day - 4) / 7) % 2 == 0;

    case BP_CHART_DATE_STEP_MONTH:
    case BP_CHART_DATE_STEP_QUARTER:
    case BP_CHART_DATE_STEP_HALF_YEAR:
    case BP_CHART_DATE_STEP_YEAR:
      bp_day_to_ymd (day, &year, &month, &dom);
      if (dom != 1)
        return FALSE;
      if (step == BP_CHART_DATE_STEP_QUARTER)
        return (month - 1) % 3 == 0;
      if (step == BP_CHART_DATE_STEP_HALF_YEAR)
        return (month - 1) % 6 == 0;
      if (step == BP_CHART_DATE_STEP_YEAR)
        return month == 1;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * bp_chart_list_date_ticks:
 * @first_day: the first day on the axis
 * @last_day: the last day on the axis
 * @step: the step between ticks
 * @days: (element-type int): an array that receives the days with a tick
 *
 * Lists the days of a time axis that start a step of the calendar:
 * Mondays for weeks, the first of the month for months.
 */
void
bp_chart_list_date_ticks (int             first_day,
                          int             last_day,
                          BpChartDateStep step,
                          GArray         *days)
{
  g_return_if_fail (days != NULL);
  g_return_if_fail (step < BP_CHART_DATE_STEP_N_STEPS);

  g_array_set_size (days, 0);
  for (int day = first_day; day <= last_day; day++)
    if (is_date_tick (day, step))
      g_array_append_val (days, day);
}

/**
 * bp_chart_date_step_get_min_days:
 * @step: a step
 *
 * Returns: the fewest days between two ticks of @step
 */
int
bp_chart_date_step_get_min_days (BpChartDateStep step)
{
  static const int min_days[] = { 1, 7, 14, 28, 90, 181, 365 };

  g_return_val_if_fail (step < BP_CHART_DATE_STEP_N_STEPS, 1);

  return min_days[step];
}

static char *
format_day (int         day,
            const char *format)
{
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, dom;

  bp_day_to_ymd (day, &year, &month, &dom);
  date_time = g_date_time_new_utc (year, month, dom, 12, 0, 0);
  if (date_time == NULL)
    return bp_day_to_iso (day);

  return g_date_time_format (date_time, format);
}

/**
 * bp_chart_format_date_tick:
 * @day: a day with a tick
 * @step: the step of the ticks
 *
 * Returns: (transfer full): the label of a date tick in the user's
 *   language: a day and month for daily and weekly ticks, a month for
 *   monthly ones, a year for yearly ones
 */
char *
bp_chart_format_date_tick (int             day,
                           BpChartDateStep step)
{
  if (step <= BP_CHART_DATE_STEP_TWO_WEEKS)
    /* Translators: a date under a tick of a chart's time axis, as in “9 Nov”;
     * see g_date_time_format() */
    return format_day (day, C_("chart date tick", "%-d %b"));
  if (step < BP_CHART_DATE_STEP_YEAR)
    /* Translators: a month under a tick of a chart's time axis, as in “Nov” */
    return format_day (day, C_("chart month tick", "%b"));

  return format_day (day, "%Y");
}

/**
 * bp_chart_format_year:
 * @day: a day
 *
 * Returns: (transfer full): the year of @day
 */
char *
bp_chart_format_year (int day)
{
  return format_day (day, "%Y");
}

/**
 * bp_chart_format_date:
 * @day: a day
 *
 * Returns: (transfer full): a short date with the year, as in “9 Nov 2026”
 */
char *
bp_chart_format_date (int day)
{
  /* Translators: a short date with the year, as in “9 Nov 2026”; see g_date_time_format() */
  return format_day (day, C_("chart date", "%-d %b %Y"));
}

/**
 * bp_chart_format_full_date:
 * @day: a day
 *
 * Returns: (transfer full): the date in words, as in “15 November 2026”,
 *   for headings of pages, reports and the presentation
 */
char *
bp_chart_format_full_date (int day)
{
  /* Translators: a date as in "15 November 2026", see g_date_time_format() */
  return format_day (day, _("%-d %B %Y"));
}

/**
 * bp_chart_format_long_date:
 * @day: a day
 *
 * Returns: (transfer full): a full date, as in “Monday 9 November 2026”
 */
char *
bp_chart_format_long_date (int day)
{
  /* Translators: a full date in a chart's tooltip, as in “Monday 9 November 2026”;
   * see g_date_time_format() */
  return format_day (day, C_("chart long date", "%A %-d %B %Y"));
}

/**
 * bp_chart_format_period:
 * @first_day: the first day
 * @last_day: the last day
 *
 * Returns: (transfer full): a period, as in “18 Aug – 15 Nov 2026”, with the
 *   year once when both ends fall in the same year
 */
char *
bp_chart_format_period (int first_day,
                        int last_day)
{
  g_autofree char *first = NULL;
  g_autofree char *last = bp_chart_format_date (last_day);
  int first_year, last_year, month, dom;

  bp_day_to_ymd (first_day, &first_year, &month, &dom);
  bp_day_to_ymd (last_day, &last_year, &month, &dom);
  if (first_day == last_day)
    return g_steal_pointer (&last);
  if (first_year == last_year)
    /* Translators: the first day of a period within one year, as in “18 Aug”;
     * see g_date_time_format() */
    first = format_day (first_day, C_("chart period start", "%-d %b"));
  else
    first = bp_chart_format_date (first_day);

  /* Translators: a period of days, as in “18 Aug – 15 Nov 2026” */
  return g_strdup_printf (C_("chart period", "%s – %s"), first, last);
}

/**
 * bp_chart_format_number:
 * @value: a number
 * @decimals: how many decimals to show
 *
 * Returns: (transfer full): @value with the locale's digit grouping and
 *   decimal mark
 */
char *
bp_chart_format_number (double value,
                        int    decimals)
{
  /* no “-0” for a value that rounds to zero */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0.0;

  return g_strdup_printf ("%'.*f", MAX (decimals, 0), value);
}

/**
 * bp_chart_format_count:
 * @n_cases: a count, or %BP_COUNT_SUPPRESSED
 *
 * Returns: (transfer full): the count with the locale's digit grouping, or
 *   “<5” for a suppressed count
 */
char *
bp_chart_format_count (gint64 n_cases)
{
  if (n_cases < 0)
    /* Translators: a count of 1 to 4 that is not shown */
    return g_strdup (_("<5"));

  return g_strdup_printf ("%'" G_GINT64_FORMAT, n_cases);
}

/* ---- text ---- */

/**
 * bp_chart_create_layout:
 * @cr: the cairo context the text is for
 * @style: the chart's style
 * @scale: the size relative to the style's font size
 * @weight: the weight
 *
 * Returns: (transfer full): a layout in the chart's typeface
 */
PangoLayout *
bp_chart_create_layout (cairo_t            *cr,
                        const BpChartStyle *style,
                        double              scale,
                        PangoWeight         weight)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  return layout;
}

/**
 * bp_chart_create_measure_context:
 *
 * Gives a context to measure text with before anything is drawn, with the
 * font options of an image: charts lay themselves out with it, so that
 * hit tests agree with what is drawn.
 *
 * Returns: (transfer full): a cairo context on a one-pixel image
 */
cairo_t *
bp_chart_create_measure_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/* ---- legend ---- */

void
bp_chart_key_clear (BpChartKey *key)
{
  g_clear_pointer (&key->label, g_free);
}

/**
 * bp_chart_keys_add:
 * @keys: (element-type BpChartKey): an array with bp_chart_key_clear() as
 *   its clear function
 * @kind: what the key shows
 * @colour: (nullable): its colour; %NULL for text and suppressed keys
 * @label: its label
 */
void
bp_chart_keys_add (GArray         *keys,
                   BpChartKeyKind  kind,
                   const BpColour *colour,
                   const char     *label)
{
  BpChartKey key = { kind, { 0, 0, 0 }, g_strdup (label) };

  if (colour)
    key.colour = *colour;
  g_array_append_val (keys, key);
}

static void
draw_key_symbol (cairo_t            *cr,
                 const BpChartStyle *style,
                 const BpChartKey   *key,
                 double              x,
                 double              cy,
                 double              width,
                 double              height)
{
  double y = round (cy - height / 2);

  switch (key->kind)
    {
    case BP_CHART_KEY_TEXT:
      break;

    case BP_CHART_KEY_BAR:
    case BP_CHART_KEY_OUTLINED_BAR:
      cairo_rectangle (cr, x, y, width, height);
      cairo_set_source_rgb (cr, key->colour.red, key->colour.green, key->colour.blue);
      cairo_fill (cr);
      if (key->kind == BP_CHART_KEY_OUTLINED_BAR)
        {
          cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
          bp_chart_style_set_source (style, cr, 0.45);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
      break;

    case BP_CHART_KEY_SUPPRESSED:
      bp_chart_fill_suppressed (cr, style, x, y, width, height);
      break;

    case BP_CHART_KEY_LINE:
    case BP_CHART_KEY_DASHED_LINE:
      cairo_save (cr);
      cairo_move_to (cr, x, round (cy) + 0.5);
      cairo_line_to (cr, x + width, round (cy) + 0.5);
      cairo_set_source_rgb (cr, key->colour.red, key->colour.green, key->colour.blue);
      if (key->kind == BP_CHART_KEY_DASHED_LINE)
        {
          double dashes[] = { 4.0, 3.0 };

          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_set_line_width (cr, 1.5);
        }
      else
        cairo_set_line_width (cr, MAX (2.0, style->font_size / 6));
      cairo_stroke (cr);
      cairo_restore (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * bp_chart_draw_legend:
 * @cr: a cairo context
 * @style: the chart's style
 * @keys: (element-type BpChartKey): the keys
 * @x: the left edge
 * @y: the top edge
 * @width: the width to fill; keys wrap to a new line at its end
 * @measure_only: only work out the height
 *
 * Draws the keys of a chart in a row, wrapping as needed.
 *
 * Returns: the height of the legend, 0 without keys
 */
double
bp_chart_draw_legend (cairo_t            *cr,
                      const BpChartStyle *style,
                      GArray             *keys,
                      double              x,
                      double              y,
                      double              width,
                      gboolean            measure_only)
{
  g_autoptr(PangoLayout) layout = NULL;
  double f = style->font_size;
  double swatch_w = round (f * 1.3), swatch_h = round (f * 0.85);
  double line_w = round (f * 1.8);
  double gap = round (f * 0.4), spacing = round (f * 1.2);
  double line_h, cx = x, cy = y;
  int text_w, text_h;

  g_return_val_if_fail (keys != NULL, 0.0);

  if (keys->len == 0)
    return 0.0;

  layout = bp_chart_create_layout (cr, style, 1.0, PANGO_WEIGHT_NORMAL);
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  line_h = MAX (text_h, swatch_h) + round (f * 0.35);

  for (guint i = 0; i < keys->len; i++)
    {
      const BpChartKey *key = &g_array_index (keys, BpChartKey, i);
      double symbol_w = 0;
      double item_w;

      if (key->kind == BP_CHART_KEY_LINE || key->kind == BP_CHART_KEY_DASHED_LINE)
        symbol_w = line_w + gap;
      else if (key->kind != BP_CHART_KEY_TEXT)
        symbol_w = swatch_w + gap;

      pango_layout_set_text (layout, key->label, -1);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      item_w = symbol_w + text_w;

      /* a heading stays on the line of the key after it */
      if (cx > x && cx + item_w > x + width)
        {
          cx = x;
          cy += line_h;
        }

      if (!measure_only)
        {
          if (symbol_w > 0)
            draw_key_symbol (cr, style, key, cx, cy + line_h / 2, symbol_w - gap, swatch_h);
          bp_chart_style_set_source (style, cr, key->kind == BP_CHART_KEY_TEXT ? 0.7 : 0.9);
          cairo_move_to (cr, cx + symbol_w, cy + (line_h - text_h) / 2);
          pango_cairo_show_layout (cr, layout);
        }

      cx += item_w + (key->kind == BP_CHART_KEY_TEXT ? gap : spacing);
    }

  return cy + line_h - y;
}

/* ---- files ---- */

typedef enum
{
  FORMAT_PNG,
  FORMAT_PDF,
  FORMAT_SVG,
} FileFormat;

/**
 * bp_chart_render_to_file:
 * @path: the file to write; its extension (.png, .pdf or .svg) sets the format
 * @width: the width in pixels (PNG) or points (PDF, SVG)
 * @height: the height in pixels (PNG) or points (PDF, SVG)
 * @draw_func: (scope call): draws the chart
 * @user_data: data for @draw_func
 * @error: return location for a #GError
 *
 * Writes a chart to a file, drawn by @draw_func at the size given.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_chart_render_to_file (const char       *path,
                         int               width,
                         int               height,
                         BpChartDrawFunc   draw_func,
                         gpointer          user_data,
                         GError          **error)
{
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  FileFormat format;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    format = FORMAT_SVG;
  else
    {
      g_set_error (error, BP_CHART_ERROR, BP_CHART_ERROR_UNSUPPORTED_FORMAT,
                   _("Cannot write “%s”: a chart can be saved as .png, .pdf or .svg only."), path);
      return FALSE;
    }

  if (width < 200 || height < 120 || width > 20000 || height > 20000)
    {
      g_set_error (error, BP_CHART_ERROR, BP_CHART_ERROR_INVALID_SIZE,
                   _("A chart of %d × %d cannot be drawn: the size must be from 200 × 120 to 20000 × 20000."),
                   width, height);
      return FALSE;
    }

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  else if (format == FORMAT_PDF)
    surface = cairo_pdf_surface_create (path, width, height);
  else
    surface = cairo_svg_surface_create (path, width, height);

  cr = cairo_create (surface);
  /* PNG has no transparency here: a white page under the chart */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_func (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BP_CHART_ERROR, BP_CHART_ERROR_FAILED,
                   _("Could not write the chart to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
