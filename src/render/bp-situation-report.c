/* bp-situation-report.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-situation-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bp-day.h"
#include "bp-chart-axis.h"
#include "bp-figures-charts.h"
#include "bp-situation-report.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, Sans"
#define MARGIN      40.0
/* Rows of the top-sectors and clusters tables. */
#define N_TOP_SECTORS 25
#define N_CLUSTERS    20

enum {
  PAGE_TITLE,
  PAGE_MAP,
  PAGE_CHARTS,
  PAGE_TABLES,
  N_PAGES
};

/**
 * BpSituationReport:
 *
 * The report a crisis cell takes into its meeting: a title page with the
 * area, the date and how fresh the data is, with the key figures; the map;
 * the epidemic curve and the age chart; the sectors with the highest
 * incidence and the open clusters. Drawn with cairo, to a PDF file or to
 * the pages of a print operation, from the same [class@DashboardFigures]
 * the dashboard shows.
 */
struct _BpSituationReport
{
  GObject             parent_instance;

  BpDashboardFigures *figures;
  BpMapRenderer      *map_renderer;
  GListModel         *alerts;
  GDateTime          *created;
};

G_DEFINE_FINAL_TYPE (BpSituationReport, bp_situation_report, G_TYPE_OBJECT)

static void
bp_situation_report_finalize (GObject *object)
{
  BpSituationReport *self = (BpSituationReport *)object;

  g_clear_object (&self->figures);
  g_clear_object (&self->map_renderer);
  g_clear_object (&self->alerts);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (bp_situation_report_parent_class)->finalize (object);
}

static void
bp_situation_report_class_init (BpSituationReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_situation_report_finalize;
}

static void
bp_situation_report_init (BpSituationReport *self)
{
  self->created = g_date_time_new_now_local ();
}

/**
 * bp_situation_report_new:
 * @figures: what the report shows
 * @map_renderer: (nullable): draws the map page, with the values and
 *   classes to show; without one, the map page says there is no map
 *
 * Returns: (transfer full): a new report
 */
BpSituationReport *
bp_situation_report_new (BpDashboardFigures *figures,
                         BpMapRenderer      *map_renderer)
{
  BpSituationReport *self;

  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (figures), NULL);
  g_return_val_if_fail (!map_renderer || BP_IS_MAP_RENDERER (map_renderer), NULL);

  self = g_object_new (BP_TYPE_SITUATION_REPORT, NULL);
  self->figures = g_object_ref (figures);
  self->map_renderer = map_renderer ? g_object_ref (map_renderer) : NULL;
  self->alerts = g_object_ref (bp_dashboard_figures_get_alerts (figures));

  return self;
}

/**
 * bp_situation_report_set_alerts:
 * @self: a #BpSituationReport
 * @alerts: the alerts ([class@Alert]) to report, when they were evaluated
 *   apart from the figures
 */
void
bp_situation_report_set_alerts (BpSituationReport *self,
                                GListModel        *alerts)
{
  g_return_if_fail (BP_IS_SITUATION_REPORT (self));
  g_return_if_fail (G_IS_LIST_MODEL (alerts));

  g_set_object (&self->alerts, alerts);
}

/**
 * bp_situation_report_set_created:
 * @self: a #BpSituationReport
 * @created: when the report was made, printed on its title page
 */
void
bp_situation_report_set_created (BpSituationReport *self,
                                 GDateTime         *created)
{
  g_return_if_fail (BP_IS_SITUATION_REPORT (self));
  g_return_if_fail (created != NULL);

  g_clear_pointer (&self->created, g_date_time_unref);
  self->created = g_date_time_ref (created);
}

guint
bp_situation_report_get_n_pages (BpSituationReport *self)
{
  g_return_val_if_fail (BP_IS_SITUATION_REPORT (self), 0);

  return N_PAGES;
}

/* ---- text ---- */

/* Draws @text at (@x, @y) in a box @width wide; returns its height. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      size,
           PangoWeight weight,
           double      grey,
           PangoAlignment alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  int text_width, text_height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  g_object_unref (layout);

  return text_height;
}

static char *
format_count (BpDashboardFigures *figures,
              gint64              n)
{
  return bp_format_count (n, bp_dashboard_figures_get_small_suppressed (figures));
}

static double
draw_page_header (BpSituationReport *self,
                  cairo_t           *cr,
                  double             width,
                  const char        *heading)
{
  BpArea *area = bp_dashboard_figures_get_area (self->figures);
  g_autofree char *date = bp_chart_format_full_date (bp_dashboard_figures_get_day (self->figures));
  g_autofree char *line = g_strdup_printf ("%s — %s", bp_area_get_display_name (area), date);
  double y = MARGIN;

  y += draw_text (cr, line, MARGIN, y, width - 2 * MARGIN, 9, PANGO_WEIGHT_NORMAL, 0.4, PANGO_ALIGN_LEFT) + 4;
  y += draw_text (cr, heading, MARGIN, y, width - 2 * MARGIN, 18, PANGO_WEIGHT_BOLD, 0.1, PANGO_ALIGN_LEFT) + 12;
  return y;
}

static void
draw_footer (BpSituationReport *self,
             cairo_t           *cr,
             guint              page,
             double             width,
             double             height)
{
  g_autofree char *text = NULL;

  /* Translators: the footer of each page of the report */
  text = g_strdup_printf (_("Brandpunt situation report · page %u of %u · aggregated figures, no personal data"),
                          page + 1, N_PAGES);
  draw_text (cr, text, MARGIN, height - MARGIN + 12, width - 2 * MARGIN, 8, PANGO_WEIGHT_NORMAL, 0.45,
             PANGO_ALIGN_CENTER);
}

/* ---- pages ---- */

static void
draw_figure_box (cairo_t    *cr,
                 double      x,
                 double      y,
                 double      width,
                 double      height,
                 const char *title,
                 const char *value,
                 const char *detail)
{
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.97);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.87);
  cairo_set_line_width (cr, 0.75);
  cairo_rectangle (cr, x + 0.375, y + 0.375, width - 0.75, height - 0.75);
  cairo_stroke (cr);

  draw_text (cr, title, x + 10, y + 8, width - 20, 9, PANGO_WEIGHT_BOLD, 0.4, PANGO_ALIGN_LEFT);
  draw_text (cr, value, x + 10, y + 24, width - 20, 24, PANGO_WEIGHT_BOLD, 0.1, PANGO_ALIGN_LEFT);
  draw_text (cr, detail, x + 10, y + 56, width - 20, 8.5, PANGO_WEIGHT_NORMAL, 0.3, PANGO_ALIGN_LEFT);
}

static void
draw_title_page (BpSituationReport *self,
                 cairo_t           *cr,
                 double             width,
                 double             height)
{
  BpDashboardFigures *figures = self->figures;
  BpArea *area = bp_dashboard_figures_get_area (figures);
  g_autofree char *date = bp_chart_format_full_date (bp_dashboard_figures_get_day (figures));
  g_autofree char *created = g_date_time_format (self->created, "%Y-%m-%d %H:%M");
  g_autofree char *freshness = NULL;
  g_autofree char *made = NULL;
  g_autofree char *population = NULL;
  double box_width = (width - 2 * MARGIN - 3 * 10) / 2;
  double y = MARGIN + 60;
  int first_day, last_day;
  struct {
    const char *title;
    char       *value;
    char       *detail;
  } boxes[8] = { { 0 } };
  double incidence, change, threshold;
  int signal_days;
  char *previous[3];

  y += draw_text (cr, _("Situation Report"), MARGIN, y, width - 2 * MARGIN, 14, PANGO_WEIGHT_BOLD, 0.35,
                  PANGO_ALIGN_LEFT) + 6;
  y += draw_text (cr, bp_area_get_display_name (area), MARGIN, y, width - 2 * MARGIN, 30, PANGO_WEIGHT_HEAVY, 0.05,
                  PANGO_ALIGN_LEFT) + 4;
  y += draw_text (cr, date, MARGIN, y, width - 2 * MARGIN, 18, PANGO_WEIGHT_NORMAL, 0.15, PANGO_ALIGN_LEFT) + 14;

  if (bp_dashboard_figures_get_data_range (figures, &first_day, &last_day))
    {
      g_autofree char *first = bp_chart_format_full_date (first_day);
      g_autofree char *last = bp_chart_format_full_date (last_day);

      /* Translators: how fresh the data of the report are */
      freshness = g_strdup_printf (_("Data: daily counts from %s to %s."), first, last);
    }
  else
    freshness = g_strdup (_("Data: the store holds no counts."));
  y += draw_text (cr, freshness, MARGIN, y, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL, 0.2, PANGO_ALIGN_LEFT) + 4;
  population = bp_format_count (bp_dashboard_figures_get_population (figures), FALSE);
  made = g_strdup_printf (_("Made on %s. Area code %s, %s residents."), created, bp_area_get_code (area),
                          population);
  y += draw_text (cr, made, MARGIN, y, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL, 0.2, PANGO_ALIGN_LEFT) + 4;
  {
    BpCaseSourceFilter sources = bp_dashboard_figures_get_sources (figures);
    g_autofree char *counted = NULL;

    if (sources == BP_CASE_SOURCE_FILTER_ALL)
      {
        gboolean suppress = bp_dashboard_figures_get_small_suppressed (figures);
        g_autofree char *confirmed = bp_format_count (bp_dashboard_figures_get_cases_by_source (figures, 14, BP_CASE_SOURCE_CONFIRMED), suppress);
        g_autofree char *clinical = bp_format_count (bp_dashboard_figures_get_cases_by_source (figures, 14, BP_CASE_SOURCE_CLINICAL), suppress);

        /* Translators: the two numbers are the cases of the last 14 days by source */
        counted = g_strdup_printf (_("Cases counted: laboratory-confirmed and clinical (reported by a GP without a test); in the last 14 days %s confirmed and %s clinical."),
                                   confirmed, clinical);
      }
    else
      /* Translators: %s is which cases are counted, e.g. "Clinical only" */
      counted = g_strdup_printf (_("Cases counted: %s."), bp_case_source_filter_get_display_name (sources));
    y += draw_text (cr, counted, MARGIN, y, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL, 0.2, PANGO_ALIGN_LEFT) + 4;
  }
  if (bp_dashboard_figures_get_small_suppressed (figures))
    y += draw_text (cr, _("Counts of 1 to 4 cases, and figures computed from them, are shown as “<5”."),
                    MARGIN, y, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL, 0.2, PANGO_ALIGN_LEFT) + 4;
  y += 20;

  y += draw_text (cr, _("Key Figures"), MARGIN, y, width - 2 * MARGIN, 14, PANGO_WEIGHT_BOLD, 0.1,
                  PANGO_ALIGN_LEFT) + 10;

  boxes[0].title = _("New cases, last day");
  boxes[0].value = format_count (figures, bp_dashboard_figures_get_cases (figures, 1));
  previous[0] = format_count (figures, bp_dashboard_figures_get_previous_cases (figures, 1));
  boxes[0].detail = g_strdup_printf (_("Day before: %s"), previous[0]);
  boxes[1].title = _("New cases, 7 days");
  boxes[1].value = format_count (figures, bp_dashboard_figures_get_cases (figures, 7));
  previous[1] = format_count (figures, bp_dashboard_figures_get_previous_cases (figures, 7));
  boxes[1].detail = g_strdup_printf (_("7 days before: %s"), previous[1]);
  boxes[2].title = _("New cases, 14 days");
  boxes[2].value = format_count (figures, bp_dashboard_figures_get_cases (figures, 14));
  previous[2] = format_count (figures, bp_dashboard_figures_get_previous_cases (figures, 14));
  boxes[2].detail = g_strdup_printf (_("14 days before: %s"), previous[2]);
  incidence = bp_dashboard_figures_get_incidence (figures, 14);
  boxes[3].title = _("14-day incidence per 100,000");
  boxes[3].value = isnan (incidence) ? g_strdup (_("<5 cases")) : g_strdup_printf ("%.0f", incidence);
  boxes[3].detail = g_strdup (_("ECDC classes from 20, 60, 120, 240, 480, 960"));
  change = bp_dashboard_figures_get_change (figures);
  boxes[4].title = _("Change on the previous 7 days");
  boxes[4].value = isnan (change) ? g_strdup (_("—")) : g_strdup_printf (_("%+.0f %%"), change);
  boxes[4].detail = g_strdup (isnan (change) ? "" : change >= 5 ? _("Rising") : change <= -5 ? _("Falling") : _("Stable"));
  boxes[5].title = _("Sectors above the alert threshold");
  boxes[5].value = g_strdup_printf ("%u", bp_dashboard_figures_get_n_sectors_above (figures, &threshold));
  boxes[5].detail = g_strdup_printf (_("of %u sectors; 14-day incidence ≥ %.0f"),
                                     bp_dashboard_figures_get_n_sectors (figures), threshold);
  boxes[6].title = _("Open clusters");
  boxes[6].value = g_strdup_printf ("%u", bp_dashboard_figures_get_n_open_clusters (figures));
  boxes[6].detail = g_strdup (_("Under investigation"));
  boxes[7].title = _("Nursing homes with signals");
  boxes[7].value = g_strdup_printf ("%u", bp_dashboard_figures_get_n_signalling_homes (figures, &signal_days));
  boxes[7].detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %d day", "Last %d days", signal_days),
                                     signal_days);

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      draw_figure_box (cr, MARGIN + (i % 2) * (box_width + 10), y + (i / 2) * 84, box_width, 74,
                       boxes[i].title, boxes[i].value, boxes[i].detail);
      g_free (boxes[i].value);
      g_free (boxes[i].detail);
    }
  for (guint i = 0; i < G_N_ELEMENTS (previous); i++)
    g_free (previous[i]);

  {
    GListModel *alerts = self->alerts;
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert fired for this area and date.",
                                                          "%u alerts fired for this area and date.",
                                                          g_list_model_get_n_items (alerts)),
                                             g_list_model_get_n_items (alerts));

    draw_text (cr, text, MARGIN, y + 4 * 84 + 6, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL, 0.2,
               PANGO_ALIGN_LEFT);
  }
}

static void
draw_map_page (BpSituationReport *self,
               cairo_t           *cr,
               double             width,
               double             height)
{
  BpArea *area = bp_dashboard_figures_get_area (self->figures);
  double y = draw_page_header (self, cr, width, _("Map of the Statistical Sectors"));
  double map_height = height - y - MARGIN - 20;
  BpSectorMap *map;
  BpWorldRect rect;
  BpBounds bounds;
  BpMapView view = { 0 };
  double legend_width = 210;
  double legend_height;
  gboolean had_approximate_key;

  if (self->map_renderer == NULL ||
      !bp_sector_map_get_area_bounds ((map = bp_map_renderer_get_map (self->map_renderer)),
                                      bp_area_get_level (area), bp_area_get_code (area), &bounds))
    {
      draw_text (cr, _("No map: the store holds no outline for this area."), MARGIN, y, width - 2 * MARGIN, 11,
                 PANGO_WEIGHT_NORMAL, 0.3, PANGO_ALIGN_LEFT);
      return;
    }

  bp_world_rect_from_bounds (&rect, &bounds);
  view.tile_size = 256;
  view.scale_factor = 1;
  bp_map_view_fit (&view, &rect, (int)(width - 2 * MARGIN), (int)map_height, 8);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  cairo_rectangle (cr, 0, 0, width - 2 * MARGIN, map_height);
  cairo_clip (cr);
  bp_map_renderer_draw (self->map_renderer, cr, &view);
  cairo_restore (cr);

  /* The renderer is the map page's: its legend explains the dashes of that
   * page's view, and gets its own back once this one is drawn. */
  had_approximate_key = bp_map_renderer_get_approximate_key (self->map_renderer);
  bp_map_renderer_set_approximate_key (self->map_renderer,
                                       bp_map_renderer_shows_approximate (self->map_renderer, &view));
  legend_height = bp_map_renderer_measure_legend (self->map_renderer, legend_width);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_rectangle (cr, MARGIN + 6, y + map_height - legend_height - 18, legend_width + 12, legend_height + 12);
  cairo_fill (cr);
  bp_map_renderer_draw_legend (self->map_renderer, cr, MARGIN + 12, y + map_height - legend_height - 12,
                               legend_width);
  bp_map_renderer_set_approximate_key (self->map_renderer, had_approximate_key);

  {
    BpSectorMap *sectors = bp_map_renderer_get_map (self->map_renderer);
    BpOutlineSummary summary;
    g_autofree char *note = NULL;

    bp_sector_map_get_outline_summary (sectors, &summary);

    /* Translators: the footnote under the report's map */
    note = g_strdup_printf (_("%u of %u sector outlines are approximate: where such a sector lies inside its area is not known; its counts and population are exact."),
                            summary.n_approximate, summary.n_sectors);
    draw_text (cr, note, MARGIN, y + map_height + 4, width - 2 * MARGIN, 8, PANGO_WEIGHT_NORMAL, 0.35,
               PANGO_ALIGN_LEFT);
  }
}

static void
draw_charts_page (BpSituationReport *self,
                  cairo_t           *cr,
                  double             width,
                  double             height)
{
  double y = draw_page_header (self, cr, width, _("Epidemic Curve and Ages"));
  double chart_height = (height - y - MARGIN - 24) / 2;
  g_autoptr(BpEpicurveChartRenderer) curve = bp_epicurve_chart_renderer_new ();
  g_autoptr(BpAgeChartRenderer) ages = bp_age_chart_renderer_new ();
  g_autoptr(BpEpicurveData) data = bp_epicurve_data_new_for_figures (self->figures);
  g_autoptr(BpAgeDistribution) distribution = bp_age_distribution_new_for_figures (self->figures);
  int day = bp_dashboard_figures_get_day (self->figures);
  BpChartStyle style;

  bp_chart_style_init_print (&style, (int)(width - 2 * MARGIN), (int)chart_height);
  bp_epicurve_chart_renderer_set_style (curve, &style);
  bp_age_chart_renderer_set_style (ages, &style);
  bp_epicurve_chart_renderer_set_data (curve, data);
  bp_epicurve_chart_renderer_set_reference_day (curve, day);
  bp_epicurve_chart_renderer_set_range (curve, MAX (day - 89, bp_epicurve_data_get_first_day (data)), day);
  bp_epicurve_chart_renderer_set_title (curve, _("Cases per day, last 90 days"));
  /* With every source counted, the bars show the split as on the dashboard. */
  if (bp_dashboard_figures_get_sources (self->figures) == BP_CASE_SOURCE_FILTER_ALL)
    bp_epicurve_chart_renderer_set_stacking (curve, BP_EPICURVE_STACKING_SOURCES);
  bp_epicurve_chart_renderer_set_size (curve, (int)(width - 2 * MARGIN), (int)chart_height);
  /* A chart paints its background over all it may: keep it to its box. */
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  cairo_rectangle (cr, 0, 0, width - 2 * MARGIN, chart_height);
  cairo_clip (cr);
  bp_epicurve_chart_renderer_draw (curve, cr);
  cairo_restore (cr);

  bp_age_chart_renderer_set_distribution (ages, distribution);
  bp_age_chart_renderer_set_title (ages, _("Cases by age band, last 14 days and the 14 before"));
  bp_age_chart_renderer_set_size (ages, (int)(width - 2 * MARGIN), (int)chart_height);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y + chart_height + 24);
  cairo_rectangle (cr, 0, 0, width - 2 * MARGIN, chart_height);
  cairo_clip (cr);
  bp_age_chart_renderer_draw (ages, cr);
  cairo_restore (cr);
}

static int
compare_incidence (gconstpointer a,
                   gconstpointer b)
{
  const BpIndicatorRow *row_a = *(const BpIndicatorRow **)a;
  const BpIndicatorRow *row_b = *(const BpIndicatorRow **)b;
  double value_a = row_a->incidence_flags ? -1 : row_a->incidence_per_100k;
  double value_b = row_b->incidence_flags ? -1 : row_b->incidence_per_100k;

  return value_a < value_b ? 1 : value_a > value_b ? -1 : g_strcmp0 (row_a->code, row_b->code);
}

static void
draw_row (cairo_t           *cr,
          double             y,
          const double      *x,
          const double      *widths,
          const char *const *cells,
          guint              n_cells,
          gboolean           bold)
{
  for (guint i = 0; i < n_cells; i++)
    draw_text (cr, cells[i], x[i], y, widths[i], 8.5, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, 0.1,
               i >= 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static void
draw_tables_page (BpSituationReport *self,
                  cairo_t           *cr,
                  double             width,
                  double             height)
{
  BpIndicators *sectors = bp_dashboard_figures_get_ranking (self->figures, TRUE);
  GPtrArray *clusters = bp_dashboard_figures_get_open_clusters (self->figures);
  gboolean suppress = bp_dashboard_figures_get_small_suppressed (self->figures);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  static const double x_sector[] = { MARGIN, MARGIN + 62, MARGIN + 250, MARGIN + 330, MARGIN + 420 };
  static const double w_sector[] = { 60, 185, 75, 85, 95 };
  static const double x_cluster[] = { MARGIN, MARGIN + 250, MARGIN + 335 };
  static const double w_cluster[] = { 245, 80, 180 };
  const char *header[] = { _("Code"), _("Sector"), _("Cases 14 days"), _("Per 100,000"), _("Trend") };
  const char *cluster_header[] = { _("Cluster"), _("Sector"), _("Opened on") };
  double y = draw_page_header (self, cr, width, _("Sectors with the Highest Incidence"));

  for (guint i = 0; i < bp_indicators_get_n_rows (sectors); i++)
    g_ptr_array_add (rows, (gpointer)bp_indicators_get_row (sectors, i));
  g_ptr_array_sort (rows, compare_incidence);

  draw_row (cr, y, x_sector, w_sector, header, G_N_ELEMENTS (header), TRUE);
  y += 16;
  for (guint i = 0; i < MIN (rows->len, N_TOP_SECTORS); i++)
    {
      const BpIndicatorRow *row = g_ptr_array_index (rows, i);
      g_autofree char *cases = bp_format_count (row->cases_flags ? BP_COUNT_SUPPRESSED : row->n_cases, suppress);
      g_autofree char *incidence = row->incidence_flags & BP_VALUE_SUPPRESSED ? g_strdup (_("<5 cases"))
                                   : row->incidence_flags ? g_strdup (_("—"))
                                   : g_strdup_printf ("%.1f", row->incidence_per_100k);
      g_autofree char *trend = row->trend_flags & BP_VALUE_SUPPRESSED ? g_strdup (_("hidden"))
                               : row->trend_flags ? g_strdup (_("—"))
                               : g_strdup_printf (_("%+.0f %%"), row->trend_percent);
      const char *cells[] = { row->code, row->name, cases, incidence, trend };

      if (i % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.95, 0.95, 0.96);
          cairo_rectangle (cr, MARGIN - 4, y - 2, width - 2 * MARGIN + 8, 15);
          cairo_fill (cr);
        }
      draw_row (cr, y, x_sector, w_sector, cells, G_N_ELEMENTS (cells), FALSE);
      y += 15;
    }

  y += 24;
  y += draw_text (cr, _("Open Clusters"), MARGIN, y, width - 2 * MARGIN, 18, PANGO_WEIGHT_BOLD, 0.1,
                  PANGO_ALIGN_LEFT) + 10;
  if (clusters->len == 0)
    {
      draw_text (cr, _("No open clusters in this area."), MARGIN, y, width - 2 * MARGIN, 10, PANGO_WEIGHT_NORMAL,
                 0.3, PANGO_ALIGN_LEFT);
      return;
    }

  draw_row (cr, y, x_cluster, w_cluster, cluster_header, G_N_ELEMENTS (cluster_header), TRUE);
  y += 16;
  for (guint i = 0; i < MIN (clusters->len, N_CLUSTERS) && y < height - MARGIN - 20; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);
      const char *cells[] = {
        json_object_get_string_member_with_default (cluster, "title", ""),
        json_object_get_string_member_with_default (cluster, "sector_code", ""),
        json_object_get_string_member_with_default (cluster, "opened_on", ""),
      };

      draw_row (cr, y, x_cluster, w_cluster, cells, G_N_ELEMENTS (cells), FALSE);
      y += 15;
    }

  if (clusters->len > N_CLUSTERS)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), clusters->len - N_CLUSTERS);

      draw_text (cr, more, MARGIN, y + 4, width - 2 * MARGIN, 9, PANGO_WEIGHT_NORMAL, 0.3, PANGO_ALIGN_LEFT);
    }
}

/**
 * bp_situation_report_draw_page:
 * @self: a #BpSituationReport
 * @cr: where to draw, in points
 * @page: the page, from 0
 * @width: the page width
 * @height: the page height
 */
void
bp_situation_report_draw_page (BpSituationReport *self,
                               cairo_t           *cr,
                               guint              page,
                               double             width,
                               double             height)
{
  g_return_if_fail (BP_IS_SITUATION_REPORT (self));
  g_return_if_fail (page < N_PAGES);

  cairo_save (cr);
  switch (page)
    {
    case PAGE_TITLE:
      draw_title_page (self, cr, width, height);
      break;
    case PAGE_MAP:
      draw_map_page (self, cr, width, height);
      break;
    case PAGE_CHARTS:
      draw_charts_page (self, cr, width, height);
      break;
    case PAGE_TABLES:
    default:
      draw_tables_page (self, cr, width, height);
      break;
    }
  cairo_restore (cr);
  draw_footer (self, cr, page, width, height);
}

/**
 * bp_situation_report_save_pdf:
 * @self: a #BpSituationReport
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes the report as an A4 PDF. The file appears whole or not at all:
 * it is written next to @path and renamed.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_situation_report_save_pdf (BpSituationReport  *self,
                              const char         *path,
                              GError            **error)
{
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (BP_IS_SITUATION_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tmp_path = g_strdup_printf ("%s.part", path);
  surface = cairo_pdf_surface_create (tmp_path, BP_SITUATION_REPORT_PAGE_WIDTH, BP_SITUATION_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Situation Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Brandpunt");
  cr = cairo_create (surface);

  for (guint page = 0; page < N_PAGES; page++)
    {
      bp_situation_report_draw_page (self, cr, page, BP_SITUATION_REPORT_PAGE_WIDTH,
                                     BP_SITUATION_REPORT_PAGE_HEIGHT);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
