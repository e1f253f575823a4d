/* bp-application.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bp-application.h"
#include "bp-demo-generator.h"
#include "bp-preferences-window.h"
#include "bp-settings.h"
#include "bp-store-areas.h"
#include "bp-window.h"

struct _BpApplication
{
  AdwApplication  parent_instance;

  char           *store_path;
  gboolean        use_demo;
  gboolean        quit_after_first_frame;
  gint64          started_at_us;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

typedef struct
{
  char      *path;
  gboolean   use_demo;
  BpWindow  *window; /* owned; touched on the main thread only */
} OpenStoreData;

typedef struct
{
  BpWindow *window;
  double    fraction;
} ProgressData;

static void
open_store_data_free (OpenStoreData *data)
{
  g_free (data->path);
  g_clear_object (&data->window);
  g_free (data);
}

static gboolean
report_progress_idle (gpointer user_data)
{
  ProgressData *progress = user_data;

  /* A late report must not cover the window once the store is shown. */
  if (bp_window_get_store (progress->window) == NULL)
    bp_window_set_loading (progress->window, _("Preparing the Demo Data"), progress->fraction);
  g_object_unref (progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  OpenStoreData *data = user_data;
  ProgressData *progress = g_new0 (ProgressData, 1);

  /* The generator runs in the worker; the window is updated on the main
   * thread. */
  progress->window = g_object_ref (data->window);
  progress->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, report_progress_idle, progress, NULL);
}

static void
open_store_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpenStoreData *data = task_data;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (data->path);
  g_autofree char *reference = bp_dup_reference_areas_path ();

  g_mkdir_with_parents (dir, 0700);

  if (!(store = bp_store_open (data->path, &error)) ||
      !bp_store_import_reference (store, reference, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->use_demo && !bp_store_is_demo (store))
    {
      BpDemoOptions options;

      /* The default scenario, the same as `brandpunt-tool demo` makes. */
      bp_demo_options_init (&options);
      if (!bp_demo_generate (store, &options, NULL, cancellable, demo_progress_cb, data, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
window_after_paint_cb (GdkFrameClock *frame_clock,
                       BpApplication *self)
{
  BpWindow *window = BP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));

  if (window == NULL || bp_window_get_store (window) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, window_after_paint_cb, self);
  g_print ("first-frame-ms\t%.1f\n", (g_get_monotonic_time () - self->started_at_us) / 1000.0);
  g_application_quit (G_APPLICATION (self));
}

static void
open_store_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BpApplication) self = user_data;
  OpenStoreData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          bp_window_show_error (data->window, error);
          if (self->quit_after_first_frame)
            {
              g_printerr ("%s\n", error->message);
              g_application_quit (G_APPLICATION (self));
            }
        }
      return;
    }

  bp_window_set_store (data->window, store);
}

static void
open_store (BpApplication *self,
            BpWindow      *window)
{
  g_autoptr(GTask) task = NULL;
  OpenStoreData *data = g_new0 (OpenStoreData, 1);

  data->path = g_strdup (self->store_path);
  data->use_demo = self->use_demo;
  data->window = g_object_ref (window);

  task = g_task_new (self, self->cancellable, open_store_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_store);
  g_task_set_task_data (task, data, (GDestroyNotify)open_store_data_free);
  g_task_run_in_thread (task, open_store_worker);
}

static char *
choose_store_path (BpApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *configured = g_settings_get_string (settings, BP_SETTINGS_KEY_STORE_PATH);

  if (self->store_path)
    return g_strdup (self->store_path);
  if (self->use_demo)
    return g_build_filename (g_get_user_data_dir (), "brandpunt", "demo.db", NULL);
  if (*configured)
    return g_steal_pointer (&configured);
  return bp_store_dup_default_path ();
}

static void
bp_application_activate (GApplication *application)
{
  BpApplication *self = BP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (bp_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);

  if (self->quit_after_first_frame)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                             "after-paint", G_CALLBACK (window_after_paint_cb), self, 0);

  /* choose_store_path() reads the --store path: replace it only after. */
  {
    char *path = choose_store_path (self);

    g_free (self->store_path);
    self->store_path = path;
  }
  open_store (self, BP_WINDOW (window));
}

static int
bp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  BpApplication *self = BP_APPLICATION (application);
  g_autofree char *store = NULL;

  if (g_variant_dict_lookup (options, "store", "^ay", &store))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (store);

      self->store_path = g_file_get_path (file);
    }
  self->use_demo = g_variant_dict_contains (options, "demo");
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");

  return -1;
}

static void
bp_application_shutdown (GApplication *application)
{
  BpApplication *self = BP_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (bp_application_parent_class)->shutdown (application);
}

static void
bp_application_finalize (GObject *object)
{
  BpApplication *self = (BpApplication *)object;

  g_clear_pointer (&self->store_path, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bp_application_parent_class)->finalize (object);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences = GTK_WINDOW (bp_preferences_window_new (self->store_path));

  gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BpApplication *self = user_data;
  static const char *developers[] = { "The Brandpunt Authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Brandpunt"),
                        "application-icon", APP_ID,
                        "developer-name", "The Brandpunt Authors",
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://brandpunt.be",
                        "comments", _("Maps, figures and cluster investigations for the teams that manage local outbreaks of infectious disease in Flanders and Brussels."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Brandpunt Authors",
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

/* Whether OpenGL here is drawn by the processor (Mesa's llvmpipe, as on
 * machines and virtual desktops without a graphics card). */
static gboolean
gl_is_software (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  if (display == NULL || !(context = gdk_display_create_gl_context (display, NULL)) ||
      !gdk_gl_context_realize (context, NULL))
    return FALSE;

  gdk_gl_context_make_current (context);
  renderer = (const char *)glGetString (GL_RENDERER);
  software = renderer != NULL &&
             (strstr (renderer, "llvmpipe") || strstr (renderer, "softpipe") || strstr (renderer, "swrast"));
  gdk_gl_context_clear_current ();

  return software;
}

static void
bp_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (bp_application_parent_class)->startup (application);

  /* With OpenGL in software, GTK's GL renderer takes 30 ms a frame to
   * composite the map, its cairo renderer 3 ms: pick that one, unless the
   * user chose a renderer. Windows made afterwards use it. */
  if (g_getenv ("GSK_RENDERER") == NULL && gl_is_software ())
    {
      g_debug ("OpenGL is drawn in software: using GSK's cairo renderer");
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
}

static void
bp_application_class_init (BpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bp_application_finalize;
  app_class->activate = bp_application_activate;
  app_class->startup = bp_application_startup;
  app_class->shutdown = bp_application_shutdown;
  app_class->handle_local_options = bp_application_handle_local_options;
}

static void
bp_application_init (BpApplication *self)
{
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the store in FILE instead of the default one"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the synthetic demo data, preparing it on first use"), NULL },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print the time to the first frame with the store loaded, then quit (for benchmarks)", NULL },
    { NULL }
  };

  self->started_at_us = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

BpApplication *
bp_application_new (void)
{
  return g_object_new (BP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", BP_RESOURCE_PATH,
                       NULL);
}
