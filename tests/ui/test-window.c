/* test-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bp-about-data-window.h"
#include "bp-day.h"
#include "bp-demo-generator.h"
#include "bp-store-documents.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-window-private.h"
#include "ui-test-util.h"

/* A short scenario keeps the test quick; the full one is tested in core. */
#define TEST_DEMO_DAYS 60

static BpStore *store;

static void
test_window_pages (void)
{
  BpWindow *window = bp_window_new (NULL);
  static const char *pages[] = { "map", "dashboard", "clusters", "tasks" };
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree char *clusters_text = NULL;
  g_autoptr(GDate) date = NULL;
  int first_day, last_day, year, month, day_of_month;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  ui_test_iterate_until_idle ();

  /* Demo data is always labelled as such. */
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Demo data"));

  /* The scope starts on Flanders and the date on the newest data. */
  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "02000");
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Vlaams Gewest"));
  g_assert_true (bp_store_get_count_range (store, &first_day, &last_day, NULL));
  date = bp_window_dup_date (window);
  bp_day_to_ymd (last_day, &year, &month, &day_of_month);
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day_of_month);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      bp_window_set_page (window, pages[i]);
      ui_test_iterate_until_idle ();
      g_assert_cmpstr (bp_window_get_page (window), ==, pages[i]);
      ui_test_save_screenshot (GTK_WIDGET (window), pages[i]);
    }

  /* The empty Clusters page says how many clusters the store holds. */
  bp_window_set_page (window, "clusters");
  ui_test_iterate_until_idle ();
  clusters = bp_store_list_documents_by_type (store, "cluster", NULL);
  g_assert_cmpuint (clusters->len, >, 0);
  clusters_text = g_strdup_printf ("The store holds %'u clusters.", clusters->len);
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), clusters_text));

  /* Keyboard: Alt+1 goes back to the map. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "map"));
  g_assert_cmpstr (bp_window_get_page (window), ==, "map");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

static void
test_window_scope_follows_choice (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BpArea) leuven = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;
  g_autofree char *saved = NULL;

  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  ui_test_iterate_until_idle ();

  leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", &error);
  g_assert_no_error (error);

  chooser = GTK_WIDGET (_bp_window_get_scope_chooser (window));
  g_assert_nonnull (chooser);
  g_signal_emit_by_name (chooser, "area-activated", leuven);
  ui_test_iterate_until_idle ();

  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "24062");
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Leuven"));
  saved = g_settings_get_string (settings, "scope-code");
  g_assert_cmpstr (saved, ==, "24062");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();

  /* A new window opens on the area chosen last. */
  window = bp_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "24062");
  g_settings_reset (settings, "scope-code");
  g_settings_reset (settings, "scope-level");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

static void
test_window_restores_page_and_size (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  int width, height;

  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  bp_window_set_page (window, "tasks");
  ui_test_iterate_until_idle ();
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();

  window = bp_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_window_get_page (window), ==, "tasks");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 700);

  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

static void
test_window_about_data (void)
{
  BpAboutDataWindow *about = bp_about_data_window_new (store);
  g_autofree char *count = NULL;
  g_autofree char *note_start = NULL;
  BpOutlineSummary summary;

  gtk_window_set_default_size (GTK_WINDOW (about), 640, 900);
  gtk_window_present (GTK_WINDOW (about));
  ui_test_iterate_until_idle ();

  /* The share of approximate outlines is stated, from the store. */
  g_assert_true (bp_store_get_outline_summary (store, &summary, NULL));
  g_assert_cmpuint (summary.n_approximate, >, 0);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (about), "Approximate outlines"));
  count = g_strdup_printf ("%'u (%.0f %%)", summary.n_approximate,
                           100.0 * summary.n_approximate / summary.n_sectors);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (about), count));
  ui_test_save_screenshot (GTK_WIDGET (about), "about-data");

  gtk_window_destroy (GTK_WINDOW (about));
  ui_test_iterate_until_idle ();
}

static void
test_window_error (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GError) error = g_error_new (BP_STORE_ERROR, BP_STORE_ERROR_TOO_NEW,
                                         "“/tmp/x.db” was saved by a newer Brandpunt. It was not changed.");

  gtk_window_present (GTK_WINDOW (window));
  bp_window_show_error (window, error);
  ui_test_iterate_until_idle ();
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "The Store Could Not Be Opened"));
  ui_test_save_screenshot (GTK_WIDGET (window), "error");

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

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/scope-follows-choice", test_window_scope_follows_choice);
  g_test_add_func ("/window/restores-page-and-size", test_window_restores_page_and_size);
  g_test_add_func ("/window/about-data", test_window_about_data);
  g_test_add_func ("/window/error", test_window_error);

  result = g_test_run ();

  g_clear_object (&store);
  ui_test_remove_tree (dir);
  return result;
}
