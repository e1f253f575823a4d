/* test-charts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bp-age-chart.h"
#include "bp-day.h"
#include "bp-epicurve-chart.h"
#include "ui-test-util.h"

#define N_DAYS 180

typedef struct
{
  GtkWindow       *window;
  BpEpicurveChart *epicurve;
  BpAgeChart      *age_chart;
  gint64           counts[N_DAYS];
  int              first_day;
  int              reference_day;
} ChartsFixture;

static void
charts_set_up (ChartsFixture *fixture,
               gconstpointer  user_data)
{
  g_autoptr(BpEpicurveData) data = NULL;
  gint64 bands[BP_N_AGE_BANDS][N_DAYS];
  gint64 sources[BP_N_CASE_SOURCES][N_DAYS] = { { 0 } };
  BpAgeDistribution *distribution;
  GtkWidget *box;

  fixture->first_day = bp_day_from_ymd (2026, 5, 20);
  fixture->reference_day = fixture->first_day + N_DAYS - 1;

  /* a wave with a few suppressed days in its quiet start */
  for (int i = 0; i < N_DAYS; i++)
    {
      gint64 total = 0;

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        {
          bands[b][i] = (gint64)round ((8 + 3 * b % 7) * exp (-pow ((i - 120.0) / 25.0, 2)));
          total += bands[b][i];
        }
      fixture->counts[i] = total > 0 && total < 5 ? BP_COUNT_SUPPRESSED : total;

      /* three in five confirmed by a laboratory, the rest clinical */
      sources[BP_CASE_SOURCE_CONFIRMED][i] = fixture->counts[i] < 0 ? BP_COUNT_SUPPRESSED : total * 3 / 5;
      sources[BP_CASE_SOURCE_CLINICAL][i] = fixture->counts[i] < 0 ? BP_COUNT_SUPPRESSED : total - total * 3 / 5;
    }

  data = bp_epicurve_data_new (fixture->first_day, N_DAYS, fixture->counts);
  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    bp_epicurve_data_set_band_counts (data, b, bands[b]);
  for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
    bp_epicurve_data_set_source_counts (data, s, sources[s]);

  distribution = bp_age_distribution_new (fixture->reference_day, 14);
  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    {
      distribution->n_cases[b] = 20 + 13 * b % 40;
      distribution->previous_n_cases[b] = 30 + 7 * b % 25;
      distribution->population[b] = 60000 + 5000 * b;
    }
  distribution->n_cases[8] = BP_COUNT_SUPPRESSED;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  fixture->epicurve = BP_EPICURVE_CHART (bp_epicurve_chart_new ());
  fixture->age_chart = BP_AGE_CHART (bp_age_chart_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->epicurve), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->age_chart), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->epicurve));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->age_chart));
  gtk_window_set_child (fixture->window, box);
  gtk_window_set_default_size (fixture->window, 900, 760);

  bp_epicurve_chart_set_data (fixture->epicurve, data);
  bp_epicurve_chart_set_reference_day (fixture->epicurve, fixture->reference_day);
  bp_epicurve_chart_set_title (fixture->epicurve, "Daily cases in Testgem");
  bp_age_chart_set_distribution (fixture->age_chart, distribution);
  bp_age_chart_set_title (fixture->age_chart, "Cases by age in Testgem");
  bp_age_distribution_free (distribution);

  gtk_window_present (fixture->window);
  ui_test_iterate_until_idle ();
}

static void
charts_tear_down (ChartsFixture *fixture,
                  gconstpointer  user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (fixture->window);
  ui_test_iterate_until_idle ();
}

static void
test_charts_show (ChartsFixture *fixture,
                  gconstpointer  user_data)
{
  BpEpicurveChartRenderer *renderer = bp_epicurve_chart_get_renderer (fixture->epicurve);
  int peak = 0;
  g_autofree char *tooltip = NULL;
  g_autofree char *peak_cases = NULL;
  g_autofree char *age_tooltip = NULL;
  BpChartRect plot;
  double x0, x1;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->epicurve)), >=, 320);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->epicurve)), >=, 220);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->age_chart)), >=, 220);

  /* 90 days ending on the reference day */
  g_assert_cmpint (bp_epicurve_chart_get_last_day (fixture->epicurve), ==, fixture->reference_day);
  g_assert_cmpint (bp_epicurve_chart_get_first_day (fixture->epicurve), ==,
                   fixture->reference_day - BP_EPICURVE_DEFAULT_DAYS + 1);

  /* the tooltip over the highest bar gives its day and count */
  for (int i = 0; i < N_DAYS; i++)
    if (fixture->counts[i] > fixture->counts[peak])
      peak = i;
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  g_assert_true (bp_epicurve_chart_renderer_get_bar_extents (renderer, fixture->first_day + peak, &x0, &x1));
  tooltip = bp_epicurve_chart_dup_tooltip (fixture->epicurve, (x0 + x1) / 2, plot.y + plot.height - 2);
  g_assert_nonnull (tooltip);
  peak_cases = g_strdup_printf ("%'" G_GINT64_FORMAT " cases", fixture->counts[peak]);
  g_assert_nonnull (strstr (tooltip, peak_cases));
  g_assert_nonnull (strstr (tooltip, "7-day average"));
  g_assert_null (bp_epicurve_chart_dup_tooltip (fixture->epicurve, 1, 1));

  /* the band under the pointer, with both periods */
  bp_age_chart_renderer_get_plot_area (bp_age_chart_get_renderer (fixture->age_chart), &plot);
  age_tooltip = bp_age_chart_dup_tooltip (fixture->age_chart, plot.x + plot.width * 2.5 / BP_N_AGE_BANDS,
                                          plot.y + plot.height / 2);
  g_assert_nonnull (age_tooltip);
  g_assert_nonnull (strstr (age_tooltip, "Ages 20-29"));
  g_assert_nonnull (strstr (age_tooltip, "per 100,000"));

  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "charts");
}

static void
test_charts_zoom (ChartsFixture *fixture,
                  gconstpointer  user_data)
{
  BpEpicurveChart *chart = fixture->epicurve;
  int first, last, anchor;

  /* + shows fewer days, around the middle */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.zoom", "i", 1));
  first = bp_epicurve_chart_get_first_day (chart);
  last = bp_epicurve_chart_get_last_day (chart);
  g_assert_cmpint (last - first + 1, ==, (int)round (BP_EPICURVE_DEFAULT_DAYS / 1.25));

  /* a zoom keeps the day under the pointer where it was */
  anchor = first + (last - first) / 4;
  bp_epicurve_chart_zoom (chart, 0.5, anchor);
  g_assert_cmpint (bp_epicurve_chart_get_last_day (chart) - bp_epicurve_chart_get_first_day (chart) + 1, ==,
                   (last - first + 1) / 2);
  g_assert_cmpfloat (fabs ((anchor - bp_epicurve_chart_get_first_day (chart) + 0.5) /
                           (bp_epicurve_chart_get_last_day (chart) - bp_epicurve_chart_get_first_day (chart) + 1) -
                           (anchor - first + 0.5) / (last - first + 1)), <, 0.05);

  /* never fewer than two weeks, never beyond the data */
  for (guint i = 0; i < 10; i++)
    bp_epicurve_chart_zoom (chart, 0.5, BP_CHART_NO_DAY);
  g_assert_cmpint (bp_epicurve_chart_get_last_day (chart) - bp_epicurve_chart_get_first_day (chart) + 1, ==,
                   BP_EPICURVE_CHART_MIN_DAYS);
  for (guint i = 0; i < 30; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.zoom", "i", -1));
  g_assert_cmpint (bp_epicurve_chart_get_first_day (chart), ==, fixture->first_day);
  g_assert_cmpint (bp_epicurve_chart_get_last_day (chart), ==, fixture->reference_day);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.pan", "i", 1));
  g_assert_cmpint (bp_epicurve_chart_get_last_day (chart), ==, fixture->reference_day);
  ui_test_iterate_until_idle ();
  ui_test_save_screenshot (GTK_WIDGET (chart), "epicurve-all-days");

  /* 0 goes back to the default range */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.zoom", "i", 0));
  g_assert_cmpint (bp_epicurve_chart_get_first_day (chart), ==,
                   fixture->reference_day - BP_EPICURVE_DEFAULT_DAYS + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.pan", "i", -1));
  g_assert_cmpint (bp_epicurve_chart_get_first_day (chart), ==,
                   fixture->reference_day - BP_EPICURVE_DEFAULT_DAYS + 1 - BP_EPICURVE_DEFAULT_DAYS / 10);
}

/* What @widget shows, as premultiplied ARGB pixels, @width to a row. */
static guint32 *
render_pixels (GtkWidget *widget,
               int       *width,
               int       *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint32 *pixels;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);

  /* Between a queued redraw and the next frame a widget has no render node
   * to copy; wait for a frame that has one. */
  for (guint i = 0; i < 100 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        ui_test_iterate ();
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)*width * *height * 4);
  gdk_texture_download (texture, (guchar *)pixels, (gsize)*width * 4);

  return pixels;
}

/* The luminance of the brightest and darkest opaque pixels of the part of
 * the epidemic curve above its plot: the text of its axis label. The
 * widget draws no background of its own. */
static void
measure_axis_label (BpEpicurveChart *chart,
                    double          *darkest,
                    double          *brightest)
{
  g_autofree guint32 *pixels = NULL;
  int width, height;
  BpChartRect plot;

  bp_epicurve_chart_renderer_get_plot_area (bp_epicurve_chart_get_renderer (chart), &plot);
  g_assert_cmpfloat (plot.y, >, 10);

  pixels = render_pixels (GTK_WIDGET (chart), &width, &height);

  *darkest = 1;
  *brightest = 0;
  for (int y = 0; y < (int)plot.y - 8; y++)
    for (int x = 0; x < MIN (width, 300); x++)
      {
        guint32 pixel = pixels[y * width + x];
        double alpha = (pixel >> 24) / 255.0;
        double luminance;

        if (alpha < 0.5)
          continue;
        /* premultiplied */
        luminance = (0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff) +
                     0.0722 * (pixel & 0xff)) / 255 / alpha;

        *darkest = MIN (*darkest, luminance);
        *brightest = MAX (*brightest, luminance);
      }
}

static void
test_charts_dark (ChartsFixture *fixture,
                  gconstpointer  user_data)
{
  double darkest, brightest;

  /* Light: dark text. */
  measure_axis_label (fixture->epicurve, &darkest, &brightest);
  g_assert_cmpfloat (darkest, <=, brightest);
  g_assert_cmpfloat (brightest, <, 0.35);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->epicurve), "epicurve.stacking", "s", "ages"));
  g_assert_cmpint (bp_epicurve_chart_get_stacking (fixture->epicurve), ==, BP_EPICURVE_STACKING_AGE_BANDS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->age_chart), "age-chart.mode", "s", "incidence"));
  g_assert_cmpint (bp_age_chart_get_mode (fixture->age_chart), ==, BP_AGE_CHART_MODE_INCIDENCE);
  ui_test_iterate_until_idle ();

  /* Dark: the chart's text turns light with the window's own. */
  measure_axis_label (fixture->epicurve, &darkest, &brightest);
  g_assert_cmpfloat (darkest, <=, brightest);
  g_assert_cmpfloat (darkest, >, 0.65);
  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "charts-dark");
}

/* Whether the opaque pixel at (@x, @y) has @colour. */
static gboolean
pixel_is (const guint32  *pixels,
          int             width,
          double          x,
          double          y,
          const BpColour *colour)
{
  guint32 pixel = pixels[(int)y * width + (int)x];

  return (pixel >> 24) == 0xff &&
         abs ((int)((pixel >> 16) & 0xff) - (int)round (colour->red * 255)) <= 3 &&
         abs ((int)((pixel >> 8) & 0xff) - (int)round (colour->green * 255)) <= 3 &&
         abs ((int)(pixel & 0xff) - (int)round (colour->blue * 255)) <= 3;
}

static void
stacking_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_charts_stacking (ChartsFixture *fixture,
                      gconstpointer  user_data)
{
  static const int peak = 120;
  BpEpicurveChart *chart = fixture->epicurve;
  BpEpicurveChartRenderer *renderer = bp_epicurve_chart_get_renderer (chart);
  g_autofree guint32 *pixels = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;
  gint64 n_confirmed = fixture->counts[peak] * 3 / 5;
  BpColour case_colour, confirmed, clinical, youngest;
  guint n_notifies = 0;
  BpChartRect plot;
  double x0, x1, x, base, confirmed_top, top, average_y, clinical_y = 0;
  int width, height;

  bp_chart_get_case_colour (&case_colour);
  bp_chart_get_case_source_colour (BP_CASE_SOURCE_CONFIRMED, &confirmed);
  bp_chart_get_case_source_colour (BP_CASE_SOURCE_CLINICAL, &clinical);
  bp_chart_get_age_band_colour (0, &youngest);
  g_signal_connect (chart, "notify::stacking", G_CALLBACK (stacking_notify_cb), &n_notifies);

  /* plain bars at first */
  g_assert_cmpint (bp_epicurve_chart_get_stacking (chart), ==, BP_EPICURVE_STACKING_NONE);
  bp_epicurve_chart_renderer_get_plot_area (renderer, &plot);
  g_assert_true (bp_epicurve_chart_renderer_get_bar_extents (renderer, fixture->first_day + peak, &x0, &x1));
  x = (x0 + x1) / 2;
  base = plot.y + plot.height - 3;
  pixels = render_pixels (GTK_WIDGET (chart), &width, &height);
  g_assert_true (pixel_is (pixels, width, x, base, &case_colour));
  g_clear_pointer (&pixels, g_free);

  /* by source: confirmed cases at the bottom, clinical ones on top */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.stacking", "s", "sources"));
  g_assert_cmpint (bp_epicurve_chart_get_stacking (chart), ==, BP_EPICURVE_STACKING_SOURCES);
  g_assert_cmpuint (n_notifies, ==, 1);
  ui_test_iterate_until_idle ();
  pixels = render_pixels (GTK_WIDGET (chart), &width, &height);
  confirmed_top = bp_epicurve_chart_renderer_value_to_y (renderer, n_confirmed);
  top = bp_epicurve_chart_renderer_value_to_y (renderer, fixture->counts[peak]);
  average_y = bp_epicurve_chart_renderer_value_to_y (renderer, bp_epicurve_data_get_average (bp_epicurve_chart_get_data (chart),
                                                                                            fixture->first_day + peak));
  g_assert_true (pixel_is (pixels, width, x, base, &confirmed));
  /* in the clinical part, away from the average line that crosses it */
  for (double y = top + 3; y < confirmed_top - 3; y++)
    if (fabs (y - average_y) > fabs (clinical_y - average_y))
      clinical_y = y;
  g_assert_cmpfloat (fabs (clinical_y - average_y), >, 5);
  g_assert_true (pixel_is (pixels, width, x, clinical_y, &clinical));
  g_assert_false (pixel_is (pixels, width, x, base, &case_colour));
  g_clear_pointer (&pixels, g_free);

  tooltip = bp_epicurve_chart_dup_tooltip (chart, x, clinical_y);
  g_assert_nonnull (tooltip);
  expected = g_strdup_printf ("Clinical (reported by a GP without a test): %'" G_GINT64_FORMAT " of %'"
                              G_GINT64_FORMAT " cases", fixture->counts[peak] - n_confirmed, fixture->counts[peak]);
  g_assert_nonnull (strstr (tooltip, expected));
  ui_test_save_screenshot (GTK_WIDGET (chart), "epicurve-sources");

  /* by age band, and back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.stacking", "s", "ages"));
  g_assert_cmpint (bp_epicurve_chart_get_stacking (chart), ==, BP_EPICURVE_STACKING_AGE_BANDS);
  ui_test_iterate_until_idle ();
  pixels = render_pixels (GTK_WIDGET (chart), &width, &height);
  g_assert_true (pixel_is (pixels, width, x, base, &youngest));
  g_clear_pointer (&pixels, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "epicurve.stacking", "s", "none"));
  g_assert_cmpint (bp_epicurve_chart_get_stacking (chart), ==, BP_EPICURVE_STACKING_NONE);
  g_assert_cmpuint (n_notifies, ==, 3);
  ui_test_iterate_until_idle ();
  pixels = render_pixels (GTK_WIDGET (chart), &width, &height);
  g_assert_true (pixel_is (pixels, width, x, base, &case_colour));
}

static void
test_charts_save (ChartsFixture *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "chart-epicurve.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (bp_epicurve_chart_save_to_file (fixture->epicurve, path, 1200, 600, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  cairo_surface_destroy (surface);
  g_test_message ("saved: %s", path);

  g_free (path);
  path = g_test_build_filename (G_TEST_BUILT, "chart-age.png", NULL);
  g_assert_true (bp_age_chart_save_to_file (fixture->age_chart, path, 900, 520, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int result;

  dir = ui_test_init (&argc, &argv);

  g_test_add ("/charts/show", ChartsFixture, NULL, charts_set_up, test_charts_show, charts_tear_down);
  g_test_add ("/charts/zoom", ChartsFixture, NULL, charts_set_up, test_charts_zoom, charts_tear_down);
  g_test_add ("/charts/dark", ChartsFixture, NULL, charts_set_up, test_charts_dark, charts_tear_down);
  g_test_add ("/charts/stacking", ChartsFixture, NULL, charts_set_up, test_charts_stacking, charts_tear_down);
  g_test_add ("/charts/save", ChartsFixture, NULL, charts_set_up, test_charts_save, charts_tear_down);

  result = g_test_run ();

  ui_test_remove_tree (dir);
  return result;
}
