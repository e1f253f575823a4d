/* bp-preferences-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-preferences-window.h"
#include "bp-settings.h"

/* The application's settings. */
struct _BpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *follow_latest_switch;
  GtkSwitch            *suppress_small_switch;
  AdwActionRow         *store_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
bp_preferences_window_dispose (GObject *object)
{
  BpPreferencesWindow *self = (BpPreferencesWindow *)object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (bp_preferences_window_parent_class)->dispose (object);
}

static void
bp_preferences_window_class_init (BpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               BP_RESOURCE_PATH "/ui/bp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, follow_latest_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, store_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, suppress_small_switch);
}

static void
bp_preferences_window_init (BpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_FOLLOW_LATEST_DATE,
                   self->follow_latest_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_SUPPRESS_SMALL,
                   self->suppress_small_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

BpPreferencesWindow *
bp_preferences_window_new (const char *store_path)
{
  BpPreferencesWindow *self = g_object_new (BP_TYPE_PREFERENCES_WINDOW, NULL);

  adw_action_row_set_subtitle (self->store_row, store_path ? store_path : _("No store is open"));
  return self;
}
