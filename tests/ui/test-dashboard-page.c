/* test-dashboard-page.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "bp-day.h"
#include "bp-epicurve-chart.h"
#include "bp-key-figure-card.h"
#include "bp-presentation-window.h"
#include "bp-ranking-item.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-window-private.h"
#include "ui-test-util.h"

#define TEST_DEMO_DAYS 60

static BpStore *store;

static void
wait_for_dashboard (BpDashboardPage *page)
{
  /* The counts load and the figures compute in worker threads. */
  for (guint i = 0; i < 1000 && !bp_dashboard_page_is_ready (page); i++)
    ui_test_iterate ();
  g_assert_true (bp_dashboard_page_is_ready (page));
  ui_test_iterate_until_idle ();
}

/* The cases of the sectors inside area @code of @level in the days
 * (@day - @window, @day], by a plain GROUP BY over the stored rows. */
static gint64
sql_cases_of_source (const char *level,
                     const char *code,
                     int         day,
                     int         window,
                     int         source)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (bp_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "WITH RECURSIVE sub (id, level) AS ("
                                       "  SELECT id, level FROM area WHERE code = ?1 AND level = ?2"
                                       "  UNION ALL SELECT a.id, a.level FROM area a JOIN sub ON a.parent_id = sub.id)"
                                       " SELECT total (c.n_cases) FROM case_count c"
                                       " WHERE c.sector_id IN (SELECT id FROM sub WHERE level = 4)"
                                       " AND c.day > ?3 AND c.day <= ?4 AND (?5 < 0 OR c.source = ?5)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, g_str_equal (level, "region") ? 0 : 3);
  sqlite3_bind_int (stmt, 3, day - window);
  sqlite3_bind_int (stmt, 4, day);
  sqlite3_bind_int (stmt, 5, source);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (gint64)sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static gint64
sql_cases (const char *level,
           const char *code,
           int         day,
           int         window)
{
  return sql_cases_of_source (level, code, day, window, -1);
}

static gint64
sql_count (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (bp_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
assert_cards_match (BpWindow   *window,
                    const char *level,
                    const char *code,
                    int         day)
{
  static const int windows[] = { 1, 7, 14 };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, sql_cases (level, code, day, windows[i]));

      g_assert_true (ui_test_label_shown (GTK_WIDGET (window), text));
    }
}

/* The nursing homes with signals, as the store counts them in SQL. */
static void
assert_homes_match (BpDashboardFigures *figures)
{
  g_autoptr(GError) error = NULL;
  guint n_homes = 0;
  int window_days;
  guint n_shown = bp_dashboard_figures_get_n_signalling_homes (figures, &window_days);

  g_assert_true (bp_store_count_nursing_homes_with_signals (store, bp_area_get_id (bp_dashboard_figures_get_area (figures)),
                                                            bp_dashboard_figures_get_day (figures), window_days,
                                                            &n_homes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_shown, ==, n_homes);
}

static BpKeyFigureCard *
find_card (GtkWidget  *root,
           const char *title)
{
  if (BP_IS_KEY_FIGURE_CARD (root) && g_strcmp0 (bp_key_figure_card_get_title (BP_KEY_FIGURE_CARD (root)), title) == 0)
    return BP_KEY_FIGURE_CARD (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      BpKeyFigureCard *found = find_card (child, title);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_dashboard_scope_and_date (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(BpArea) leuven = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpDashboardPage *page;
  BpDashboardFigures *figures;
  int day;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  bp_window_set_page (window, "dashboard");
  page = _bp_window_get_dashboard_page (window);
  wait_for_dashboard (page);

  /* The whole region at the newest day: the cards say what the rows say. */
  figures = bp_dashboard_page_get_figures (page);
  day = bp_dashboard_figures_get_day (figures);
  g_assert_cmpstr (bp_area_get_code (bp_dashboard_figures_get_area (figures)), ==, "02000");
  assert_cards_match (window, "region", "02000", day);
  assert_homes_match (figures);
  g_assert_cmpuint (bp_dashboard_figures_get_n_signalling_homes (figures, NULL), >, 0);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "New cases, 14 days"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Epidemic Curve"));
  /* The curve shows the split between confirmed and clinical cases. */
  {
    BpEpicurveChart *curve = BP_EPICURVE_CHART (find_widget (GTK_WIDGET (page), BP_TYPE_EPICURVE_CHART));

    g_assert_cmpint (bp_epicurve_chart_get_stacking (curve), ==, BP_EPICURVE_STACKING_SOURCES);
    g_assert_nonnull (bp_epicurve_chart_get_data (curve));
  }
  g_assert_cmpuint (bp_dashboard_figures_get_n_sectors (figures), >, 9000);
  ui_test_save_screenshot (GTK_WIDGET (window), "dashboard-region");
  g_test_message ("dashboard refresh: %.1f ms", bp_dashboard_page_get_last_refresh_time (page) / 1000.0);

  /* Leuven, a week earlier. */
  leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", NULL);
  /* The chooser offers neighbourhoods under their municipality's name. */
  {
    GtkWidget *chooser = GTK_WIDGET (_bp_window_get_scope_chooser (window));

    gtk_popover_popup (GTK_POPOVER (chooser));
    ui_test_iterate_until_idle ();
    gtk_editable_set_text (GTK_EDITABLE (find_widget (chooser, GTK_TYPE_SEARCH_ENTRY)), "Blauwput");
    for (guint i = 0; i < 100 && !ui_test_label_shown (chooser, "Neighbourhood in Leuven · 24062W01"); i++)
      ui_test_iterate ();
    g_assert_true (ui_test_label_shown (chooser, "Neighbourhood in Leuven · 24062W01"));
    ui_test_save_screenshot (GTK_WIDGET (window), "scope-chooser-neighbourhood");
    gtk_popover_popdown (GTK_POPOVER (chooser));
    ui_test_iterate_until_idle ();
  }
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", leuven);
  {
    g_autofree char *iso = bp_day_to_iso (day - 7);

    g_settings_set_boolean (settings, "follow-latest-date", FALSE);
    g_settings_set_string (settings, "reference-date", iso);
  }
  bp_dashboard_page_set_day (page, day - 7);
  bp_map_page_set_day (_bp_window_get_map_page (window), day - 7);
  wait_for_dashboard (page);
  figures = bp_dashboard_page_get_figures (page);
  g_assert_cmpstr (bp_area_get_code (bp_dashboard_figures_get_area (figures)), ==, "24062");
  g_assert_cmpint (bp_dashboard_figures_get_day (figures), ==, day - 7);
  assert_cards_match (window, "municipality", "24062", day - 7);
  assert_homes_match (figures);
  /* A card's tooltip says what it counts, for the area and day shown. */
  {
    BpKeyFigureCard *card = find_card (GTK_WIDGET (page), "New cases, 14 days");

    g_assert_nonnull (card);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (card)));
    g_assert_nonnull (strstr (bp_key_figure_card_get_explanation (card), "Leuven"));
    g_assert_nonnull (strstr (bp_key_figure_card_get_explanation (card), "last 14 days"));
  }
  /* Leuven's ranking lists its neighbourhoods, one level down, which hold
   * the cases of all its sectors. */
  {
    BpIndicators *wijken = bp_dashboard_figures_get_ranking (figures, FALSE);
    BpIndicators *sectors = bp_dashboard_figures_get_ranking (figures, TRUE);
    gint64 wijk_cases = 0, sector_cases = 0;

    g_assert_cmpint (bp_indicators_get_query (wijken)->level, ==, BP_AREA_LEVEL_WIJK);
    g_assert_cmpuint (bp_indicators_get_n_rows (wijken), ==,
                      sql_count ("SELECT count (*) FROM area w JOIN area m ON m.id = w.parent_id"
                                 " WHERE w.level = 5 AND m.level = 3 AND m.code = '24062'"));
    g_assert_cmpuint (bp_indicators_get_n_rows (wijken), <, bp_indicators_get_n_rows (sectors));
    for (guint i = 0; i < bp_indicators_get_n_rows (wijken); i++)
      wijk_cases += bp_indicators_get_row (wijken, i)->n_cases;
    for (guint i = 0; i < bp_indicators_get_n_rows (sectors); i++)
      sector_cases += bp_indicators_get_row (sectors, i)->n_cases;
    g_assert_cmpint (wijk_cases, ==, sector_cases);
    g_assert_cmpint (wijk_cases, ==, sql_cases ("municipality", "24062", day - 7, 14));
    g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Neighbourhoods in Leuven, last 14 days"));
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "dashboard-leuven");
  /* The table is sorted by incidence, highest first, with the figures of
   * this refresh (its rows are reused from the last one). */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
    BpIndicators *shown = bp_dashboard_figures_get_ranking (figures, FALSE);
    g_autoptr(BpRankingItem) first = g_list_model_get_item (rows, 0);
    double top = -1, first_value = -1;

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, bp_indicators_get_n_rows (shown));
    for (guint i = 0; i < bp_indicators_get_n_rows (shown); i++)
      {
        const BpIndicatorRow *row = bp_indicators_get_row (shown, i);

        if (row->incidence_flags == 0)
          top = MAX (top, row->incidence_per_100k);
        if (g_str_equal (row->code, bp_ranking_item_get_code (first)))
          first_value = row->incidence_per_100k;
      }
    g_assert_cmpfloat (first_value, ==, top);
  }

  /* All cases, with the split of the sources on the cards. */
  {
    g_autofree char *split = g_strdup_printf ("%'" G_GINT64_FORMAT " confirmed · %'" G_GINT64_FORMAT " clinical",
                                              sql_cases_of_source ("municipality", "24062", day - 7, 7, BP_CASE_SOURCE_CONFIRMED),
                                              sql_cases_of_source ("municipality", "24062", day - 7, 7, BP_CASE_SOURCE_CLINICAL));

    g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), split));
  }

  /* Clinical cases only: the cards count them alone. */
  g_settings_set_string (settings, "case-sources", "clinical");
  for (guint i = 0; i < 600 && bp_dashboard_figures_get_sources (bp_dashboard_page_get_figures (page)) != BP_CASE_SOURCE_FILTER_CLINICAL; i++)
    ui_test_iterate ();
  wait_for_dashboard (page);
  figures = bp_dashboard_page_get_figures (page);
  g_assert_cmpint (bp_dashboard_figures_get_sources (figures), ==, BP_CASE_SOURCE_FILTER_CLINICAL);
  for (guint w = 7; w <= 14; w += 7)
    {
      gint64 clinical = sql_cases_of_source ("municipality", "24062", day - 7, w, BP_CASE_SOURCE_CLINICAL);
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, clinical);

      g_assert_cmpint (bp_dashboard_figures_get_cases (figures, w), ==, clinical);
      g_assert_cmpint (clinical, <, sql_cases ("municipality", "24062", day - 7, w));
      g_assert_true (ui_test_label_shown (GTK_WIDGET (window), text));
    }
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "The alert rules count every case"));
  ui_test_save_screenshot (GTK_WIDGET (window), "dashboard-leuven-clinical");
  g_settings_set_string (settings, "case-sources", "all");
  for (guint i = 0; i < 600 && bp_dashboard_figures_get_sources (bp_dashboard_page_get_figures (page)) != BP_CASE_SOURCE_FILTER_ALL; i++)
    ui_test_iterate ();
  wait_for_dashboard (page);
  figures = bp_dashboard_page_get_figures (page);
  g_assert_false (ui_test_label_containing_shown (GTK_WIDGET (window), "The alert rules count every case"));


  /* Without medical access, no count of 1 to 4 reaches the page's models. */
  g_settings_set_boolean (settings, "suppress-small-counts", TRUE);
  wait_for_dashboard (page);
  figures = bp_dashboard_page_get_figures (page);
  g_assert_true (bp_dashboard_figures_get_small_suppressed (figures));
  {
    BpIndicators *sectors = bp_dashboard_figures_get_ranking (figures, TRUE);
    guint n_hidden = 0;

    for (guint i = 0; i < bp_indicators_get_n_rows (sectors); i++)
      {
        const BpIndicatorRow *row = bp_indicators_get_row (sectors, i);
        g_autoptr(BpRankingItem) item = bp_ranking_item_new (BP_AREA_LEVEL_SECTOR, row, TRUE);
        g_autofree char *text = bp_ranking_item_dup_cases_text (item, FALSE);

        if (row->cases_flags & BP_VALUE_SUPPRESSED)
          {
            g_assert_cmpstr (text, ==, "<5");
            n_hidden++;
          }
        else
          g_assert_false (row->n_cases >= 1 && row->n_cases <= 4);
      }
    g_assert_cmpuint (n_hidden, >, 0);
  }
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "counts under 5 hidden"));
  ui_test_save_screenshot (GTK_WIDGET (window), "dashboard-leuven-suppressed");
  g_settings_set_boolean (settings, "suppress-small-counts", FALSE);
  wait_for_dashboard (page);

  /* A row of the ranking shows its area on the map: the sector with the
   * highest incidence, as the table sorts it first. */
  {
    BpIndicators *sectors = bp_dashboard_figures_get_ranking (bp_dashboard_page_get_figures (page), TRUE);
    const BpIndicatorRow *top = NULL;

    for (guint i = 0; i < bp_indicators_get_n_rows (sectors); i++)
      {
        const BpIndicatorRow *row = bp_indicators_get_row (sectors, i);

        if (row->incidence_flags == 0 && (top == NULL || row->incidence_per_100k > top->incidence_per_100k))
          top = row;
      }
    g_assert_nonnull (top);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.show-area", "(ss)", "sector", top->code));
    ui_test_iterate_until_idle ();
    g_assert_cmpstr (bp_window_get_page (window), ==, "map");
    g_assert_cmpstr (bp_map_page_get_selected_code (_bp_window_get_map_page (window)), ==, top->code);
  }

  /* Presentation mode: the same figures, full screen, with the data's age. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    BpPresentationWindow *presentation = NULL;
    g_autofree char *cases_7 = g_strdup_printf ("%'" G_GINT64_FORMAT, sql_cases ("municipality", "24062", day - 7, 7));

    for (guint i = 0; i < 600 && !bp_map_page_is_ready (_bp_window_get_map_page (window)); i++)
      ui_test_iterate ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
    ui_test_iterate_until_idle ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !presentation; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (BP_IS_PRESENTATION_WINDOW (toplevel))
          presentation = BP_PRESENTATION_WINDOW (toplevel);
      }
    g_assert_nonnull (presentation);
    g_assert_nonnull (strstr (bp_presentation_window_get_banner (presentation), "Leuven"));
    g_assert_nonnull (strstr (bp_presentation_window_get_banner (presentation), "days old"));
    g_assert_true (ui_test_label_shown (GTK_WIDGET (presentation), cases_7));
    /* Its legend counts Leuven's sectors, not the whole region's. */
    {
      BpMapRenderer *renderer = bp_presentation_window_get_renderer (presentation);
      g_autoptr(GArray) leuven_sectors = g_array_new (FALSE, FALSE, sizeof (guint));

      g_assert_true (bp_sector_map_list_area_sectors (bp_map_renderer_get_map (renderer), BP_AREA_LEVEL_MUNICIPALITY,
                                                      "24062", leuven_sectors));
      g_assert_cmpuint (leuven_sectors->len, ==, bp_dashboard_figures_get_n_sectors (bp_dashboard_page_get_figures (page)));
      g_assert_cmpuint (bp_map_renderer_get_legend_sectors (renderer)->len, ==, leuven_sectors->len);
    }
    ui_test_save_screenshot (GTK_WIDGET (presentation), "presentation-leuven");
    gtk_window_destroy (GTK_WINDOW (presentation));
    ui_test_iterate_until_idle ();
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

/* The incidence by which the table sorts an area, hidden values lowest. */
static double
incidence_sort_key (const BpIndicatorRow *row)
{
  g_autoptr(BpRankingItem) item = bp_ranking_item_new (BP_AREA_LEVEL_WIJK, row, FALSE);
  double key;

  g_object_get (item, "incidence", &key, NULL);
  return key;
}

/* The ranking shows the areas with the highest incidence first, and every
 * other area of the scope once the user asks for all of them. */
static void
test_dashboard_ranking_show_all (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(BpArea) antwerpen = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *show_all = NULL;
  BpDashboardPage *page;
  BpIndicators *areas;
  GListModel *rows;
  GtkWidget *view;
  GtkWidget *ranking_card;
  double lowest_shown = G_MAXDOUBLE;
  guint n_first, n_areas;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  bp_window_set_page (window, "dashboard");
  page = _bp_window_get_dashboard_page (window);
  wait_for_dashboard (page);

  /* Antwerp has more neighbourhoods than the table shows at first. */
  antwerpen = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "11002", NULL);
  g_assert_nonnull (antwerpen);
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", antwerpen);
  wait_for_dashboard (page);
  areas = bp_dashboard_figures_get_ranking (bp_dashboard_page_get_figures (page), FALSE);
  n_areas = bp_indicators_get_n_rows (areas);
  view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  n_first = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpuint (n_first, <, n_areas);
  show_all = g_strdup_printf ("Show All %u Areas", n_areas);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), show_all));
  ranking_card = gtk_widget_get_parent (gtk_widget_get_parent (view));
  ui_test_save_screenshot (ranking_card, "dashboard-antwerpen-first-areas");

  /* The rows shown are the highest incidences: no area left out is higher. */
  for (guint i = 0; i < n_first; i++)
    {
      g_autoptr(BpRankingItem) item = g_list_model_get_item (rows, i);

      g_hash_table_add (codes, (gpointer)bp_ranking_item_get_code (item));
      lowest_shown = MIN (lowest_shown, incidence_sort_key (bp_ranking_item_get_row (item)));
    }
  for (guint i = 0; i < n_areas; i++)
    {
      const BpIndicatorRow *row = bp_indicators_get_row (areas, i);

      if (!g_hash_table_contains (codes, row->code))
        g_assert_cmpfloat (incidence_sort_key (row), <=, lowest_shown);
    }

  /* Every area is a row once asked for, with its own figures. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.show-all-areas", NULL));
  ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_areas);
  g_hash_table_remove_all (codes);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(BpRankingItem) item = g_list_model_get_item (rows, i);

      g_hash_table_insert (codes, (gpointer)bp_ranking_item_get_code (item), item);
    }
  for (guint i = 0; i < n_areas; i++)
    {
      const BpIndicatorRow *row = bp_indicators_get_row (areas, i);
      BpRankingItem *item = g_hash_table_lookup (codes, row->code);

      g_assert_nonnull (item);
      g_assert_cmpint (bp_ranking_item_get_row (item)->n_cases, ==, row->n_cases);
    }
  ui_test_save_screenshot (ranking_card, "dashboard-antwerpen-all-areas");

  /* And back to the first rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.show-all-areas", NULL));
  ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_first);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), show_all));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int result;

  dir = ui_test_init (&argc, &argv);
  store = ui_test_make_demo_store (dir, TEST_DEMO_DAYS);

  g_test_add_func ("/dashboard-page/scope-and-date", test_dashboard_scope_and_date);
  g_test_add_func ("/dashboard-page/ranking/show-all", test_dashboard_ranking_show_all);

  result = g_test_run ();

  g_clear_object (&store);
  ui_test_remove_tree (dir);
  return result;
}
