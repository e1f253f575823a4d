/* ui-test-util.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bp-demo-generator.h"
#include "bp-store-areas.h"
#include "ui-test-util.h"

/**
 * ui_test_init:
 *
 * Private user directories, as G_TEST_OPTION_ISOLATE_DIRS would give, but
 * keeping the system XDG_DATA_DIRS: without shared-mime-info GTK cannot tell
 * that its own icons are SVG. Also loads the app's icons and style sheet,
 * which AdwApplication does from its resource base path.
 *
 * Returns: (transfer full): the temporary directory, for ui_test_remove_tree()
 */
char *
ui_test_init (int    *argc,
              char ***argv)
{
  static const char *user_dirs[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GError) error = NULL;
  char *dir;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  dir = g_dir_make_tmp ("brandpunt-ui-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *user_dir = g_build_filename (dir, user_dirs[i], NULL);

      g_setenv (user_dirs[i], user_dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  adw_init ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    BP_RESOURCE_PATH "/icons");
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, BP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  return dir;
}

/**
 * ui_test_make_demo_store:
 * @dir: where to put the store
 * @n_days: length of the scenario; short ones keep UI tests quick
 *
 * Returns: (transfer full): a store with the reference areas and the demo
 *   scenario ending on its default day
 */
BpStore *
ui_test_make_demo_store (const char *dir,
                         int         n_days)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *reference = bp_dup_reference_areas_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  BpDemoOptions options;

  g_assert_no_error (error);
  g_assert_true (bp_store_import_reference (store, reference, &error));
  g_assert_no_error (error);
  bp_demo_options_init (&options);
  options.n_days = n_days;
  g_assert_true (bp_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

void
ui_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autoptr(GFileInfo) owned = info;
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (owned), NULL);

      if (g_file_info_get_file_type (owned) == G_FILE_TYPE_DIRECTORY)
        ui_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

void
ui_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (10000);
}

void
ui_test_iterate_until_idle (void)
{
  /* Let layout, CSS and frame clocks settle. */
  for (guint i = 0; i < 20; i++)
    ui_test_iterate ();
}

void
ui_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);

  /* Between a queued redraw and the next frame a widget has no render node
   * to copy; wait for a frame that has one. */
  for (guint i = 0; i < 100 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        ui_test_iterate ();
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
find_label (GtkWidget  *root,
            const char *text,
            gboolean    whole)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child))
        {
          const char *label = gtk_label_get_label (GTK_LABEL (child));

          if (whole ? g_strcmp0 (label, text) == 0 : strstr (label, text) != NULL)
            return TRUE;
        }

      if (find_label (child, text, whole))
        return TRUE;
    }

  return FALSE;
}

/* A label with exactly @text is on screen. */
gboolean
ui_test_label_shown (GtkWidget  *root,
                     const char *text)
{
  return find_label (root, text, TRUE);
}

/* A label that contains @text is on screen. */
gboolean
ui_test_label_containing_shown (GtkWidget  *root,
                                const char *text)
{
  return find_label (root, text, FALSE);
}
