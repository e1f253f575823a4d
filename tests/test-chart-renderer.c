/* test-chart-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-age-chart-renderer.h"
#include "bp-chart-axis.h"
#include "bp-day.h"
#include "bp-epicurve-chart-renderer.h"

#define WIDTH  900
#define HEIGHT 450

static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  pixel = *(const guint32 *)(data + y * stride + x * 4);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const BpColour  *colour)
{
  int rgb[3];

  read_pixel (surface, x, y, rgb);
  return abs (rgb[0] - (int)round (colour->red * 255)) <= 3 &&
         abs (rgb[1] - (int)round (colour->green * 255)) <= 3 &&
         abs (rgb[2] - (int)round (colour->blue * 255)) <= 3;
}

static gboolean
pixel_is_dark (cairo_surface_t *surface,
               int              x,
               int              y)
{
  int rgb[3];

  read_pixel (surface, x, y, rgb);
  return rgb[0] < 80 && rgb[1] < 80 && rgb[2] < 80;
}

/* The map's suppressed grey-blue, under the hatching or not. */
static gboolean
pixel_is_suppressed (cairo_surface_t *surface,
                     int              x,
                     int              y)
{
  int rgb[3];

  read_pixel (surface, x, y, rgb);
  return rgb[2] > rgb[0] + 15 && rgb[2] < 230;
}

/* The topmost row of the run of @colour that goes up from (@x, @y). */
static int
scan_up (cairo_surface_t *surface,
         int              x,
         int              y,
         const BpColour  *colour)
{
  g_assert_true (pixel_is (surface, x, y, colour));
  while (y > 0 && pixel_is (surface, x, y - 1, colour))
    y--;

  return y;
}

static cairo_surface_t *
load_png (const char *path,
          int         width,
          int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  /* what was asked for, to the pixel */
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  return surface;
}

static gboolean
is_nice_step (double step)
{
  double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

  return fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 || fabs (mantissa - 5) < 1e-6;
}

/* The axis covers @max_value in nice steps, with no step to spare. */
static void
assert_nice_axis (double axis_max,
                  double step,
                  double max_value)
{
  double n_steps = axis_max / step;

  g_assert_true (is_nice_step (step));
  g_assert_cmpfloat (fabs (n_steps - round (n_steps)), <, 1e-6);
  g_assert_cmpfloat (axis_max, >=, max_value - 1e-9);
  g_assert_cmpfloat (axis_max - step, <, max_value);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* ---- ticks ---- */

static void
test_chart_renderer_nice_ticks (void)
{
  static const struct {
    double max_value;
    guint  max_ticks;
    double min_step;
  } cases[] = {
    { 0, 5, 1 }, { 1, 5, 1 }, { 3, 5, 1 }, { 4.5, 5, 1 }, { 5, 6, 1 }, { 7, 4, 1 }, { 10, 5, 1 },
    { 13, 8, 1 }, { 40, 6, 1 }, { 99, 5, 1 }, { 101, 5, 1 }, { 2300, 6, 1 }, { 12345, 7, 1 },
    { 0.3, 5, 0 }, { 0.75, 4, 0 }, { 17.5, 3, 0 }, { 960, 10, 0 }, { 1e6 + 1, 5, 1 }, { 8, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double max_value = MAX (cases[i].max_value, cases[i].min_step > 0 ? cases[i].min_step : 1e-9);
      double step = 0, best = INFINITY, top;
      guint n_steps = 0;

      top = bp_chart_nice_ticks (cases[i].max_value, cases[i].max_ticks, cases[i].min_step, &step, &n_steps);

      /* the smallest step of 1, 2 or 5 × 10^k, at least min_step, that
       * needs no more than max_ticks steps, found by trying them all */
      for (int k = -4; k <= 8; k++)
        for (int m = 0; m < 3; m++)
          {
            double candidate = (const double[]) { 1, 2, 5 }[m] * pow (10, k);

            if (candidate >= cases[i].min_step && ceil (max_value / candidate - 1e-9) <= cases[i].max_ticks)
              best = MIN (best, candidate);
          }

      g_assert_cmpfloat_with_epsilon (step, best, best * 1e-9);
      g_assert_cmpuint (n_steps, <=, cases[i].max_ticks);
      g_assert_cmpfloat_with_epsilon (top, step * n_steps, step * 1e-9);
      assert_nice_axis (top, step, max_value);
    }
}

static void
test_chart_renderer_date_ticks (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  int first = bp_day_from_ymd (2025, 11, 20);
  int last = bp_day_from_ymd (2026, 11, 15);
  guint n_mondays = 0, n_firsts = 0;

  for (int day = first; day <= last; day++)
    {
      int year, month, dom;

      bp_day_to_ymd (day, &year, &month, &dom);
      n_mondays += bp_day_get_weekday (day) == 1;
      n_firsts += dom == 1;
    }

  bp_chart_list_date_ticks (first, last, BP_CHART_DATE_STEP_WEEK, days);
  g_assert_cmpuint (days->len, ==, n_mondays);
  for (guint i = 0; i < days->len; i++)
    {
      g_autofree char *label = bp_chart_format_date_tick (g_array_index (days, int, i), BP_CHART_DATE_STEP_WEEK);

      g_assert_cmpint (bp_day_get_weekday (g_array_index (days, int, i)), ==, 1);
      g_assert_cmpstr (label, !=, "");
    }

  bp_chart_list_date_ticks (first, last, BP_CHART_DATE_STEP_MONTH, days);
  g_assert_cmpuint (days->len, ==, n_firsts);
  for (guint i = 0; i < days->len; i++)
    {
      int year, month, dom;

      bp_day_to_ymd (g_array_index (days, int, i), &year, &month, &dom);
      g_assert_cmpint (dom, ==, 1);
    }

  /* every other Monday, each 14 days after the one before */
  bp_chart_list_date_ticks (first, last, BP_CHART_DATE_STEP_TWO_WEEKS, days);
  g_assert_cmpuint (days->len, >=, n_mondays / 2);
  for (guint i = 1; i < days->len; i++)
    g_assert_cmpint (g_array_index (days, int, i) - g_array_index (days, int, i - 1), ==, 14);

  bp_chart_list_date_ticks (first, last, BP_CHART_DATE_STEP_YEAR, days);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpint (g_array_index (days, int, 0), ==, bp_day_from_ymd (2026, 1, 1));
}

/* ---- epidemic curve ---- */

#define N_DAYS     42
#define TALL_DAY   20
#define EMPTY_DAY  10

static const int suppressed_days[] = { 25, 30 };

static void
make_counts (gint64 *counts)
{
  for (int i = 0; i < N_DAYS; i++)
    counts[i] = (i * 7) % 13 + 5;
  counts[TALL_DAY] = 40;
  counts[EMPTY_DAY] = 0;
  for (guint k = 0; k < G_N_ELEMENTS (suppressed_days); k++)
    counts[suppressed_days[k]] = BP_COUNT_SUPPRESSED;
}

/* The mean of the 7 days ending on day @i, or NaN when one is unknown. */
static double
expected_average (const gint64 *counts,
                  int           i)
{
  double sum = 0;

  if (i < 6)
    return NAN;
  for (int k = i - 6; k <= i; k++)
    {
      if (counts[k] < 0)
        return NAN;
      sum += counts[k];
    }

  return sum / 7;
}

static BpEpicurveChartRenderer *
make_epicurve (const gint64 *counts,
               int           first_day)
{
  BpEpicurveChartRenderer *renderer = bp_epicurve_chart_renderer_new ();
  g_autoptr(BpEpicurveData) data = bp_epicurve_data_new (first_day, N_DAYS, counts);
  BpChartStyle style;

  bp_epicurve_chart_renderer_set_data (renderer, data);
  bp_epicurve_chart_renderer_set_range (renderer, first_day, first_day + N_DAYS - 1);
  bp_epicurve_chart_renderer_set_reference_day (renderer, first_day + N_DAYS - 1);
  /* the style and size render_to_file() uses, so that the geometry calls
   * describe the file */
  bp_chart_style_init_print (&style, WIDTH, HEIGHT);
  bp_epicurve_chart_renderer_set_style (renderer, &style);
  bp_epicurve_chart_renderer_set_size (renderer, WIDTH, HEIGHT);

  return renderer;
}

static double
expected_y (const BpChartRect *plot,
            double             axis_max,
            double             value)
{
  return plot->y + plot->height * (1 - value / axis_max);
}

static void
test_chart_renderer_epicurve_bars (void)
{
  gint64 counts[N_DAYS];
  int first_day = bp_day_from_ymd (2026, 9, 1);
  g_autoptr(BpEpicurveChartRenderer) renderer = NULL;
  g_autofree char *path = work_path ("epicurve.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  BpColour bar, suppressed;
  BpChartRect plot;
  double axis_max, step, max_value = 0, x0, x1, top, stub;
  int base, x, top_row;

  make_counts (counts);
  renderer = make_epicurve (counts, first_day);
  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  surface = load_png (path, WIDTH, HEIGHT);

  bp_chart_get_case_colour (&bar);
  bp_chart_get_suppressed_colour (&suppressed);
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  axis_max = bp_epicurve_chart_renderer_get_axis_max (renderer, &step);
  g_assert_cmpfloat (plot.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.height, >, HEIGHT / 2);

  /* the value axis covers the tallest bar and the highest average */
  for (int i = 0; i < N_DAYS; i++)
    {
      double average = expected_average (counts, i);

      max_value = MAX (max_value, counts[i]);
      if (!isnan (average))
        max_value = MAX (max_value, average);
    }
  assert_nice_axis (axis_max, step, max_value);

  /* the tallest bar rises in its colour to where 40 lies on the axis */
  g_assert_true (bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + TALL_DAY, &x0, &x1));
  g_assert_cmpfloat (x1 - x0, >, 4);
  x = (int)((x0 + x1) / 2);
  base = (int)floor (plot.y + plot.height) - 1;
  top = expected_y (&plot, axis_max, counts[TALL_DAY]);
  /* from just under the top: the average line crosses the bar lower down */
  top_row = scan_up (surface, (int)x0 + 1, (int)round (top) + 3, &bar);
  g_assert_cmpint (abs (top_row - (int)round (top)), <=, 1);
  for (int y = (int)ceil (top) + 1; y <= base; y++)
    {
      double average_y = expected_y (&plot, axis_max, expected_average (counts, TALL_DAY));

      /* the average line crosses the bar */
      if (fabs (y - average_y) > 8)
        g_assert_true (pixel_is (surface, x, y, &bar));
    }
  g_assert_false (pixel_is (surface, x, (int)floor (top) - 2, &bar));

  /* an empty day has no bar, nor any day before the data */
  g_assert_true (bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + EMPTY_DAY, &x0, &x1));
  for (int y = (int)plot.y; y <= base; y++)
    g_assert_false (pixel_is (surface, (int)((x0 + x1) / 2), y, &bar));

  /* the average line passes where the mean of the week lies */
  for (int i = 6; i < N_DAYS; i++)
    {
      double average = expected_average (counts, i);
      gboolean found = FALSE;
      int column;

      column = (int)floor (plot.x + (i + 0.5) * plot.width / N_DAYS);
      if (isnan (average))
        {
          /* no line through a week with a suppressed day */
          if (counts[i] >= 0 && i < N_DAYS - 1 && isnan (expected_average (counts, i - 1)) &&
              isnan (expected_average (counts, i + 1)))
            for (int y = (int)plot.y; y < base; y++)
              g_assert_false (pixel_is_dark (surface, column, y));
          continue;
        }

      /* at the end of a stretch of line, look where the line comes from */
      if (i == N_DAYS - 1 || isnan (expected_average (counts, i + 1)))
        column -= 1;
      else if (isnan (expected_average (counts, i - 1)))
        column += 1;

      for (int dy = -2; dy <= 2 && !found; dy++)
        found = pixel_is_dark (surface, column, (int)round (expected_y (&plot, axis_max, average)) + dy);
      g_assert_true (found);
    }

  /* a suppressed day is a hatched stub in the suppressed colour, not a bar */
  stub = bp_epicurve_chart_renderer_get_stub_height (renderer);
  g_assert_cmpfloat (stub, >=, 3);
  for (guint k = 0; k < G_N_ELEMENTS (suppressed_days); k++)
    {
      int day = first_day + suppressed_days[k];

      bp_epicurve_chart_renderer_get_bar_extents (renderer, day, &x0, &x1);
      x = (int)((x0 + x1) / 2);
      g_assert_true (pixel_is_suppressed (surface, x, base - (int)(stub / 2)));
      for (int y = (int)plot.y; y <= base; y++)
        g_assert_false (pixel_is (surface, x, y, &bar));
      for (int y = (int)plot.y; y < base - (int)stub - 1; y++)
        g_assert_false (pixel_is_suppressed (surface, x, y));
    }

  cairo_surface_destroy (surface);
}

static void
test_chart_renderer_epicurve_stacked (void)
{
  static const gint64 stacked_day[BP_N_AGE_BANDS] = { 1, 2, 3, 0, 5, 6, BP_COUNT_SUPPRESSED, 2, 3 };
  g_autoptr(BpEpicurveChartRenderer) renderer = NULL;
  g_autoptr(BpEpicurveData) data = NULL;
  g_autofree char *path = work_path ("stacked.png");
  g_autoptr(GError) error = NULL;
  gint64 counts[N_DAYS] = { 0 };
  gint64 bands[BP_N_AGE_BANDS][N_DAYS] = { { 0 } };
  int first_day = bp_day_from_ymd (2026, 10, 1);
  int day = 3; /* before the first full week: no average line there */
  cairo_surface_t *surface;
  BpChartRect plot;
  BpEpicurveHit hit;
  double axis_max, x0, x1, below = 0;
  int x;

  for (int i = 0; i < N_DAYS; i++)
    for (guint b = 0; b < BP_N_AGE_BANDS; b++)
      {
        bands[b][i] = i == day ? stacked_day[b] : (gint64)((i + b) % 4);
        counts[i] += MAX (bands[b][i], 0);
      }
  counts[day] += 3; /* the total knows the suppressed band */

  renderer = make_epicurve (counts, first_day);
  data = bp_epicurve_data_new (first_day, N_DAYS, counts);
  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    bp_epicurve_data_set_band_counts (data, b, bands[b]);
  bp_epicurve_chart_renderer_set_data (renderer, data);
  bp_epicurve_chart_renderer_set_stacking (renderer, BP_EPICURVE_STACKING_AGE_BANDS);
  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  surface = load_png (path, WIDTH, HEIGHT);

  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  axis_max = bp_epicurve_chart_renderer_get_axis_max (renderer, NULL);
  bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + day, &x0, &x1);
  x = (int)((x0 + x1) / 2);

  /* from the bottom up, each band in its colour, youngest first */
  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    {
      double y0, y1;
      BpColour colour;

      if (stacked_day[b] <= 0)
        continue;

      y0 = expected_y (&plot, axis_max, below);
      y1 = expected_y (&plot, axis_max, below + stacked_day[b]);
      bp_chart_get_age_band_colour (b, &colour);
      g_assert_true (pixel_is (surface, x, (int)((y0 + y1) / 2), &colour));

      g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, x, (y0 + y1) / 2, &hit));
      g_assert_cmpint (hit.day, ==, first_day + day);
      g_assert_cmpint (hit.age_band, ==, (int)b);
      g_assert_cmpint (hit.band_n_cases, ==, stacked_day[b]);
      g_assert_cmpint (hit.source, ==, -1);
      g_assert_cmpint (hit.n_cases, ==, counts[day]);
      below += stacked_day[b];
    }

  /* the suppressed band is a stub on top of the known ones */
  g_assert_true (pixel_is_suppressed (surface, x,
                                      (int)(expected_y (&plot, axis_max, below) -
                                            bp_epicurve_chart_renderer_get_stub_height (renderer) / 2)));

  cairo_surface_destroy (surface);
}

/* Days of cases by source: a day of 12 confirmed and 9 clinical cases, one
 * whose clinical count is hidden, and one whose every count is hidden. All
 * lie before the first full week, so no average line crosses them. */
#define SOURCES_DAY            3
#define SOURCES_HIDDEN_PART    4
#define SOURCES_HIDDEN_DAY     5

static BpEpicurveData *
make_source_data (int     first_day,
                  gint64  n_unrecorded,
                  gint64 *counts)
{
  gint64 sources[BP_N_CASE_SOURCES][N_DAYS] = { { 0 } };
  BpEpicurveData *data;

  for (int i = 0; i < N_DAYS; i++)
    {
      sources[BP_CASE_SOURCE_CONFIRMED][i] = (i * 5) % 9 + 4;
      sources[BP_CASE_SOURCE_CLINICAL][i] = (i * 3) % 7 + 2;
    }
  sources[BP_CASE_SOURCE_CONFIRMED][SOURCES_DAY] = 12;
  sources[BP_CASE_SOURCE_CLINICAL][SOURCES_DAY] = 9;
  sources[BP_CASE_SOURCE_UNRECORDED][SOURCES_DAY] = n_unrecorded;
  sources[BP_CASE_SOURCE_CONFIRMED][SOURCES_HIDDEN_PART] = 8;
  sources[BP_CASE_SOURCE_CLINICAL][SOURCES_HIDDEN_PART] = BP_COUNT_SUPPRESSED;
  sources[BP_CASE_SOURCE_CONFIRMED][SOURCES_HIDDEN_DAY] = BP_COUNT_SUPPRESSED;
  sources[BP_CASE_SOURCE_CLINICAL][SOURCES_HIDDEN_DAY] = 0;

  for (int i = 0; i < N_DAYS; i++)
    {
      counts[i] = 0;
      for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
        counts[i] += MAX (sources[s][i], 0);
    }
  counts[SOURCES_HIDDEN_PART] += 3; /* the total knows the hidden clinical cases */
  counts[SOURCES_HIDDEN_DAY] = BP_COUNT_SUPPRESSED;

  data = bp_epicurve_data_new (first_day, N_DAYS, counts);
  for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
    bp_epicurve_data_set_source_counts (data, s, sources[s]);

  return data;
}

/* The column of a day's bar, and the PNG of the chart. */
static cairo_surface_t *
render_epicurve (BpEpicurveChartRenderer *renderer,
                 const char              *name,
                 int                      day,
                 int                     *x)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;
  double x0, x1;

  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (bp_epicurve_chart_renderer_get_bar_extents (renderer, day, &x0, &x1));
  g_assert_cmpfloat (x1 - x0, >, 4);
  *x = (int)((x0 + x1) / 2);

  return load_png (path, WIDTH, HEIGHT);
}

static char *
render_epicurve_text (BpEpicurveChartRenderer *renderer)
{
  g_autofree char *pdf = work_path ("epicurve-legend.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, pdf, 842, 420, &error));
  g_assert_no_error (error);
  return pdf_text (pdf);
}

static void
test_chart_renderer_epicurve_sources (void)
{
  static const gint64 day_parts[] = { 12, 9 };
  g_autoptr(BpEpicurveChartRenderer) renderer = NULL;
  g_autoptr(BpEpicurveData) data = NULL;
  g_autofree char *text = NULL;
  gint64 counts[N_DAYS];
  int first_day = bp_day_from_ymd (2026, 10, 1);
  cairo_surface_t *surface;
  BpColour colours[BP_N_CASE_SOURCES], bar;
  BpChartRect plot;
  BpEpicurveHit hit;
  double axis_max, stub, below = 0;
  int x, base;

  data = make_source_data (first_day, 0, counts);
  renderer = make_epicurve (counts, first_day);
  bp_epicurve_chart_renderer_set_data (renderer, data);
  bp_epicurve_chart_renderer_set_stacking (renderer, BP_EPICURVE_STACKING_SOURCES);
  surface = render_epicurve (renderer, "sources.png", first_day + SOURCES_DAY, &x);

  for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
    bp_chart_get_case_source_colour (s, &colours[s]);
  bp_chart_get_case_colour (&bar);
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  axis_max = bp_epicurve_chart_renderer_get_axis_max (renderer, NULL);
  stub = bp_epicurve_chart_renderer_get_stub_height (renderer);
  base = (int)floor (plot.y + plot.height) - 1;

  /* confirmed cases at the bottom, clinical ones on top of them, each up to
   * where its count ends on the axis */
  for (guint s = 0; s < G_N_ELEMENTS (day_parts); s++)
    {
      double y0 = expected_y (&plot, axis_max, below);
      double y1 = expected_y (&plot, axis_max, below + day_parts[s]);
      int top = scan_up (surface, x, s == 0 ? base : (int)round ((y0 + y1) / 2), &colours[s]);

      g_assert_cmpint (abs (top - (int)round (y1)), <=, 1);
      if (s == 0)
        g_assert_true (pixel_is (surface, x, base, &colours[s]));

      g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, x, (y0 + y1) / 2, &hit));
      g_assert_cmpint (hit.day, ==, first_day + SOURCES_DAY);
      g_assert_cmpint (hit.source, ==, (int)s);
      g_assert_cmpint (hit.source_n_cases, ==, day_parts[s]);
      g_assert_cmpint (hit.age_band, ==, -1);
      g_assert_cmpint (hit.n_cases, ==, counts[SOURCES_DAY]);
      below += day_parts[s];
    }
  /* nothing above the clinical part, and no grey without unrecorded cases */
  g_assert_false (pixel_is (surface, x, (int)round (expected_y (&plot, axis_max, below)) - 2, &colours[1]));
  for (int y = (int)plot.y; y <= base; y++)
    {
      g_assert_false (pixel_is (surface, x, y, &colours[BP_CASE_SOURCE_UNRECORDED]));
      g_assert_false (pixel_is (surface, x, y, &bar));
    }

  /* above a bar, no source */
  g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, x, expected_y (&plot, axis_max, below) - 5, &hit));
  g_assert_cmpint (hit.source, ==, -1);

  /* a hidden clinical count is a stub on top of the confirmed cases */
  {
    double x0, x1, top = expected_y (&plot, axis_max, 8);
    int column;

    bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + SOURCES_HIDDEN_PART, &x0, &x1);
    column = (int)((x0 + x1) / 2);
    g_assert_true (pixel_is (surface, column, base, &colours[BP_CASE_SOURCE_CONFIRMED]));
    g_assert_true (pixel_is_suppressed (surface, column, (int)(top - stub / 2)));
    g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, column, top - stub / 2, &hit));
    g_assert_cmpint (hit.source, ==, -1);
    g_assert_cmpint (hit.n_cases, ==, counts[SOURCES_HIDDEN_PART]);

    /* a hidden day is a stub on the axis, never a bar */
    bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + SOURCES_HIDDEN_DAY, &x0, &x1);
    column = (int)((x0 + x1) / 2);
    g_assert_true (pixel_is_suppressed (surface, column, base - (int)(stub / 2)));
    for (int y = (int)plot.y; y < base - (int)stub - 1; y++)
      g_assert_false (pixel_is_suppressed (surface, column, y));
    for (int y = (int)plot.y; y <= base; y++)
      for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
        g_assert_false (pixel_is (surface, column, y, &colours[s]));
  }
  cairo_surface_destroy (surface);

  /* the legend names both sources, and not a source no count has */
  text = render_epicurve_text (renderer);
  g_assert_nonnull (strstr (text, "Laboratory-confirmed"));
  g_assert_nonnull (strstr (text, "Clinical (reported by a GP without a test)"));
  g_assert_null (strstr (text, "Source not recorded"));
  g_assert_null (strstr (text, "Age:"));
  g_clear_pointer (&text, g_free);

  /* cases without a source: grey, on top, and in the legend */
  {
    g_autoptr(BpEpicurveData) unrecorded = make_source_data (first_day, 4, counts);
    double y0, y1;

    bp_epicurve_chart_renderer_set_data (renderer, unrecorded);
    surface = render_epicurve (renderer, "sources-unrecorded.png", first_day + SOURCES_DAY, &x);
    bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
    axis_max = bp_epicurve_chart_renderer_get_axis_max (renderer, NULL);
    y0 = expected_y (&plot, axis_max, below);
    y1 = expected_y (&plot, axis_max, below + 4);
    g_assert_cmpint (abs (scan_up (surface, x, (int)round ((y0 + y1) / 2), &colours[BP_CASE_SOURCE_UNRECORDED]) -
                          (int)round (y1)), <=, 1);
    g_assert_true (pixel_is (surface, x, (int)round (y0) + 2, &colours[BP_CASE_SOURCE_CLINICAL]));
    g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, x, (y0 + y1) / 2, &hit));
    g_assert_cmpint (hit.source, ==, BP_CASE_SOURCE_UNRECORDED);
    g_assert_cmpint (hit.source_n_cases, ==, 4);
    cairo_surface_destroy (surface);

    text = render_epicurve_text (renderer);
    g_assert_nonnull (strstr (text, "Source not recorded"));
    g_clear_pointer (&text, g_free);
  }

  /* counts without sources: plain bars, whatever was asked */
  bp_epicurve_chart_renderer_set_data (renderer, NULL);
  g_clear_pointer (&data, bp_epicurve_data_unref);
  data = bp_epicurve_data_new (first_day, N_DAYS, counts);
  bp_epicurve_chart_renderer_set_data (renderer, data);
  g_assert_cmpint (bp_epicurve_chart_renderer_get_stacking (renderer), ==, BP_EPICURVE_STACKING_SOURCES);
  surface = render_epicurve (renderer, "sources-missing.png", first_day + SOURCES_DAY, &x);
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  axis_max = bp_epicurve_chart_renderer_get_axis_max (renderer, NULL);
  g_assert_cmpint (abs (scan_up (surface, x, base, &bar) -
                        (int)round (expected_y (&plot, axis_max, counts[SOURCES_DAY]))), <=, 1);
  g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, x, base - 2, &hit));
  g_assert_cmpint (hit.source, ==, -1);
  cairo_surface_destroy (surface);

  text = render_epicurve_text (renderer);
  g_assert_null (strstr (text, "Laboratory-confirmed"));
}

static void
test_chart_renderer_epicurve_hit_test (void)
{
  gint64 counts[N_DAYS];
  int first_day = bp_day_from_ymd (2026, 9, 1);
  g_autoptr(BpEpicurveChartRenderer) renderer = NULL;
  BpChartRect plot;
  BpEpicurveHit hit;
  double x0, x1;

  make_counts (counts);
  renderer = make_epicurve (counts, first_day);
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);

  for (int i = 0; i < N_DAYS; i++)
    {
      double average = expected_average (counts, i);

      bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + i, &x0, &x1);
      g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, (x0 + x1) / 2, plot.y + plot.height / 2, &hit));
      g_assert_cmpint (hit.day, ==, first_day + i);
      g_assert_cmpint (hit.n_cases, ==, counts[i]);
      g_assert_cmpint (hit.age_band, ==, -1);
      g_assert_cmpint (hit.source, ==, -1);
      if (isnan (average))
        g_assert_true (isnan (hit.average));
      else
        g_assert_cmpfloat_with_epsilon (hit.average, average, 1e-9);
    }

  g_assert_false (bp_epicurve_chart_renderer_hit_test (renderer, plot.x - 2, plot.y + 10, &hit));
  g_assert_false (bp_epicurve_chart_renderer_hit_test (renderer, plot.x + 10, plot.y - 5, &hit));

  /* zoomed out to days before the data: nothing to show there */
  bp_epicurve_chart_renderer_set_range (renderer, first_day - N_DAYS, first_day + N_DAYS - 1);
  bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day - 5, &x0, &x1);
  g_assert_false (bp_epicurve_chart_renderer_hit_test (renderer, (x0 + x1) / 2, plot.y + 10, &hit));
  bp_epicurve_chart_renderer_get_bar_extents (renderer, first_day + TALL_DAY, &x0, &x1);
  g_assert_true (bp_epicurve_chart_renderer_hit_test (renderer, (x0 + x1) / 2, plot.y + 10, &hit));
  g_assert_cmpint (hit.day, ==, first_day + TALL_DAY);

  /* without a range: 90 days ending on the reference day */
  bp_epicurve_chart_renderer_unset_range (renderer);
  bp_epicurve_chart_renderer_get_range (renderer, &first_day, NULL);
  g_assert_cmpint (first_day, ==, bp_epicurve_chart_renderer_get_reference_day (renderer) - BP_EPICURVE_DEFAULT_DAYS + 1);
}

static void
test_chart_renderer_epicurve_files (void)
{
  gint64 counts[N_DAYS];
  g_autoptr(BpEpicurveChartRenderer) renderer = NULL;
  g_autofree char *pdf = work_path ("epicurve.pdf");
  g_autofree char *svg = work_path ("epicurve.svg");
  g_autofree char *txt = work_path ("epicurve.txt");
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  make_counts (counts);
  renderer = make_epicurve (counts, bp_day_from_ymd (2026, 9, 1));
  bp_epicurve_chart_renderer_set_title (renderer, "Epidemic curve of Testgem");

  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, pdf, 842, 420, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Epidemic curve of Testgem"));
  g_assert_nonnull (strstr (text, "<5"));

  g_assert_true (bp_epicurve_chart_renderer_render_to_file (renderer, svg, 842, 420, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  /* wrong extension or size: an error, and no file */
  g_assert_false (bp_epicurve_chart_renderer_render_to_file (renderer, txt, 842, 420, &error));
  g_assert_error (error, BP_CHART_ERROR, BP_CHART_ERROR_UNSUPPORTED_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  g_assert_false (bp_epicurve_chart_renderer_render_to_file (renderer, pdf, 20, 10, &error));
  g_assert_error (error, BP_CHART_ERROR, BP_CHART_ERROR_INVALID_SIZE);
}

/* ---- age distribution ---- */

/* ending on 2026-11-15, set in main () */
static BpAgeDistribution distribution = {
  .period_days = 14,
  .n_cases = { 12, 30, 55, 41, BP_COUNT_SUPPRESSED, 20, 8, 0, 3 },
  .previous_n_cases = { 10, 25, 60, 20, 6, BP_COUNT_SUPPRESSED, 5, 2, 0 },
  .population = { 70000, 72000, 80000, 85000, 90000, 88000, 75000, 50000, 0 },
};

static BpAgeChartRenderer *
make_age_chart (BpAgeChartMode mode)
{
  BpAgeChartRenderer *renderer = bp_age_chart_renderer_new ();
  BpChartStyle style;

  bp_age_chart_renderer_set_distribution (renderer, &distribution);
  bp_age_chart_renderer_set_mode (renderer, mode);
  bp_chart_style_init_print (&style, WIDTH, HEIGHT);
  bp_age_chart_renderer_set_style (renderer, &style);
  bp_age_chart_renderer_set_size (renderer, WIDTH, HEIGHT);

  return renderer;
}

static void
test_chart_renderer_age (gconstpointer user_data)
{
  BpAgeChartMode mode = GPOINTER_TO_INT (user_data);
  g_autoptr(BpAgeChartRenderer) renderer = make_age_chart (mode);
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_INCIDENCE_14);
  g_autofree char *path = work_path (mode == BP_AGE_CHART_MODE_COUNT ? "age-count.png" : "age-incidence.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  BpChartRect plot;
  BpColour bar, grey;
  double axis_max, step, max_value = 0, stub;
  int base;

  g_assert_true (bp_age_chart_renderer_render_to_file (renderer, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  surface = load_png (path, WIDTH, HEIGHT);

  bp_age_chart_renderer_get_plot_area (renderer, &plot);
  axis_max = bp_age_chart_renderer_get_axis_max (renderer, &step);
  stub = bp_age_chart_renderer_get_stub_height (renderer);
  base = (int)floor (plot.y + plot.height) - 1;
  bp_chart_get_case_colour (&bar);

  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    for (int previous = 0; previous <= 1; previous++)
      {
        gint64 n = previous ? distribution.previous_n_cases[b] : distribution.n_cases[b];
        double value = n;

        if (mode == BP_AGE_CHART_MODE_INCIDENCE)
          value = n >= 0 && distribution.population[b] > 0 ? n * 1e5 / distribution.population[b] : NAN;
        if (!isnan (value) && n >= 0)
          max_value = MAX (max_value, value);
      }
  assert_nice_axis (axis_max, step, max_value);

  /* the grey of the previous period: the ink faded into white */
  grey.red = 0.12 * 0.3 + 0.7;
  grey.green = 0.12 * 0.3 + 0.7;
  grey.blue = 0.14 * 0.3 + 0.7;

  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    for (int previous = 0; previous <= 1; previous++)
      {
        gint64 n = previous ? distribution.previous_n_cases[b] : distribution.n_cases[b];
        gint64 population = distribution.population[b];
        BpAgeChartHit hit;
        double x0, x1, value;
        BpColour colour;
        int x;

        bp_age_chart_renderer_get_bar_extents (renderer, b, previous, &x0, &x1);
        g_assert_cmpfloat (x1 - x0, >=, 8);
        x = (int)((x0 + x1) / 2);

        g_assert_true (bp_age_chart_renderer_hit_test (renderer, x, plot.y + plot.height / 2, &hit));
        g_assert_cmpint (hit.age_band, ==, (int)b);
        g_assert_cmpint (hit.is_previous, ==, previous);

        if (n < 0)
          {
            g_assert_true (pixel_is_suppressed (surface, x, base - (int)(stub / 2)));
            g_assert_false (pixel_is_suppressed (surface, x, base - (int)stub - 3));
            continue;
          }

        value = mode == BP_AGE_CHART_MODE_COUNT ? n : (population > 0 ? n * 1e5 / population : NAN);
        if (previous)
          colour = grey;
        else if (mode == BP_AGE_CHART_MODE_INCIDENCE && !isnan (value))
          bp_class_breaks_get_colour (breaks, bp_class_breaks_classify (breaks, value), &colour);
        else
          colour = bar;

        if (isnan (value) || value == 0)
          {
            /* no population or no cases: no bar at all */
            for (int y = (int)plot.y; y <= base; y++)
              g_assert_false (pixel_is (surface, x, y, &colour));
            continue;
          }

        /* up from the axis in its colour to its value; incidence bars have
         * a one-pixel edge */
        {
          int edge = !previous && mode == BP_AGE_CHART_MODE_INCIDENCE ? 1 : 0;
          int top = scan_up (surface, x, base - edge, &colour);

          g_assert_cmpint (abs (top - edge - (int)round (expected_y (&plot, axis_max, value))), <=, 1);
        }
      }

  cairo_surface_destroy (surface);
}

static void
test_chart_renderer_age_pdf (void)
{
  g_autoptr(BpAgeChartRenderer) renderer = make_age_chart (BP_AGE_CHART_MODE_INCIDENCE);
  g_autofree char *pdf = work_path ("age.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  bp_age_chart_renderer_set_title (renderer, "Cases by age in Testgem");
  g_assert_true (bp_age_chart_renderer_render_to_file (renderer, pdf, 600, 400, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Cases by age in Testgem"));
  g_assert_nonnull (strstr (text, "80+"));
  g_assert_nonnull (strstr (text, "<5"));
}

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = work_path (name);

      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  distribution.last_day = bp_day_from_ymd (2026, 11, 15);
  work_dir = g_dir_make_tmp ("test-chart-renderer-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/chart-renderer/ticks/nice", test_chart_renderer_nice_ticks);
  g_test_add_func ("/chart-renderer/ticks/dates", test_chart_renderer_date_ticks);
  g_test_add_func ("/chart-renderer/epicurve/bars", test_chart_renderer_epicurve_bars);
  g_test_add_func ("/chart-renderer/epicurve/stacked", test_chart_renderer_epicurve_stacked);
  g_test_add_func ("/chart-renderer/epicurve/sources", test_chart_renderer_epicurve_sources);
  g_test_add_func ("/chart-renderer/epicurve/hit-test", test_chart_renderer_epicurve_hit_test);
  g_test_add_func ("/chart-renderer/epicurve/files", test_chart_renderer_epicurve_files);
  g_test_add_data_func ("/chart-renderer/age/count", GINT_TO_POINTER (BP_AGE_CHART_MODE_COUNT),
                        test_chart_renderer_age);
  g_test_add_data_func ("/chart-renderer/age/incidence", GINT_TO_POINTER (BP_AGE_CHART_MODE_INCIDENCE),
                        test_chart_renderer_age);
  g_test_add_func ("/chart-renderer/age/pdf", test_chart_renderer_age_pdf);

  result = g_test_run ();

  remove_work_dir ();
  g_free (work_dir);
  return result;
}
