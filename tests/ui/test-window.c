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

/* A short scenario keeps the test quick; the full one is tested in core. */
#define TEST_DEMO_DAYS 60

static BpStore *store;

static void
rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autoptr(GFileInfo) owned = info;
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (owned), NULL);

      if (g_file_info_get_file_type (owned) == G_FILE_TYPE_DIRECTORY)
        rm_rf (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
iterate_until_idle (void)
{
  /* Let layout, CSS and frame clocks settle. */
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
find_by_buildable_id (GtkWidget  *root,
                      GType       type,
                      const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && GTK_IS_LABEL (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;

      if ((found = find_by_buildable_id (child, type, text)))
        return found;
    }

  return NULL;
}

static gboolean
label_containing_shown (GtkWidget  *root,
                        const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL)
        return TRUE;

      if (label_containing_shown (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  GtkWidget *label = find_by_buildable_id (root, GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_is_visible (label);
}

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
  iterate_until_idle ();

  /* Demo data is always labelled as such. */
  g_assert_true (label_shown (GTK_WIDGET (window), "Demo data"));

  /* The scope starts on Flanders and the date on the newest data. */
  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "02000");
  g_assert_true (label_shown (GTK_WIDGET (window), "Vlaams Gewest"));
  g_assert_true (bp_store_get_count_range (store, &first_day, &last_day, NULL));
  date = bp_window_dup_date (window);
  bp_day_to_ymd (last_day, &year, &month, &day_of_month);
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day_of_month);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      bp_window_set_page (window, pages[i]);
      iterate_until_idle ();
      g_assert_cmpstr (bp_window_get_page (window), ==, pages[i]);
      save_screenshot (GTK_WIDGET (window), pages[i]);
    }

  /* The empty Clusters page says how many clusters the store holds. */
  bp_window_set_page (window, "clusters");
  iterate_until_idle ();
  clusters = bp_store_list_documents_by_type (store, "cluster", NULL);
  g_assert_cmpuint (clusters->len, >, 0);
  clusters_text = g_strdup_printf ("The store holds %'u clusters.", clusters->len);
  g_assert_true (label_containing_shown (GTK_WIDGET (window), clusters_text));

  /* Keyboard: Alt+1 goes back to the map. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "map"));
  g_assert_cmpstr (bp_window_get_page (window), ==, "map");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
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
  iterate_until_idle ();

  leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", &error);
  g_assert_no_error (error);

  chooser = GTK_WIDGET (_bp_window_get_scope_chooser (window));
  g_assert_nonnull (chooser);
  g_signal_emit_by_name (chooser, "area-activated", leuven);
  iterate_until_idle ();

  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "24062");
  g_assert_true (label_shown (GTK_WIDGET (window), "Leuven"));
  saved = g_settings_get_string (settings, "scope-code");
  g_assert_cmpstr (saved, ==, "24062");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();

  /* A new window opens on the area chosen last. */
  window = bp_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  iterate_until_idle ();
  g_assert_cmpstr (bp_area_get_code (bp_window_get_scope (window)), ==, "24062");
  g_settings_reset (settings, "scope-code");
  g_settings_reset (settings, "scope-level");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
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
  iterate_until_idle ();
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();

  window = bp_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  iterate_until_idle ();
  g_assert_cmpstr (bp_window_get_page (window), ==, "tasks");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 700);

  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
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
  iterate_until_idle ();

  /* The share of approximate outlines is stated, from the store. */
  g_assert_true (bp_store_get_outline_summary (store, &summary, NULL));
  g_assert_cmpuint (summary.n_approximate, >, 0);
  g_assert_true (label_shown (GTK_WIDGET (about), "Approximate outlines"));
  count = g_strdup_printf ("%'u (%.0f %%)", summary.n_approximate,
                           100.0 * summary.n_approximate / summary.n_sectors);
  g_assert_true (label_shown (GTK_WIDGET (about), count));
  save_screenshot (GTK_WIDGET (about), "about-data");

  gtk_window_destroy (GTK_WINDOW (about));
  iterate_until_idle ();
}

static void
test_window_error (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GError) error = g_error_new (BP_STORE_ERROR, BP_STORE_ERROR_TOO_NEW,
                                         "“/tmp/x.db” was saved by a newer Brandpunt. It was not changed.");

  gtk_window_present (GTK_WINDOW (window));
  bp_window_show_error (window, error);
  iterate_until_idle ();
  g_assert_true (label_shown (GTK_WIDGET (window), "The Store Could Not Be Opened"));
  save_screenshot (GTK_WIDGET (window), "error");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *reference = NULL;
  static const char *user_dirs[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autoptr(GtkCssProvider) css = NULL;
  BpDemoOptions options;
  int result;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  /* Private user directories, as G_TEST_OPTION_ISOLATE_DIRS would give, but
   * keeping the system XDG_DATA_DIRS: without shared-mime-info GTK cannot
   * tell that its own icons are SVG. */
  dir = g_dir_make_tmp ("brandpunt-ui-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *user_dir = g_build_filename (dir, user_dirs[i], NULL);

      g_setenv (user_dirs[i], user_dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  /* AdwApplication does this from its resource base path. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    BP_RESOURCE_PATH "/icons");
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, BP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  path = g_build_filename (dir, "store.db", NULL);
  reference = bp_dup_reference_areas_path ();
  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bp_store_import_reference (store, reference, &error));
  g_assert_no_error (error);
  bp_demo_options_init (&options);
  options.n_days = TEST_DEMO_DAYS;
  g_assert_true (bp_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/scope-follows-choice", test_window_scope_follows_choice);
  g_test_add_func ("/window/restores-page-and-size", test_window_restores_page_and_size);
  g_test_add_func ("/window/about-data", test_window_about_data);
  g_test_add_func ("/window/error", test_window_error);

  result = g_test_run ();

  g_clear_object (&store);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  rm_rf (dir);
  return result;
}
