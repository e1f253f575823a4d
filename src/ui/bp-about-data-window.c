/* bp-about-data-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-about-data-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-about-data-window.h"
#include "bp-store-areas.h"

/* Where the reference areas come from, their licences, and how many sector
 * outlines are approximate, so no one reads a drawn line as a street. */
struct _BpAboutDataWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *outlines_group;
  AdwPreferencesGroup  *sources_group;
  AdwActionRow         *real_row;
  AdwActionRow         *unverified_row;
  AdwActionRow         *approximate_row;
};

G_DEFINE_FINAL_TYPE (BpAboutDataWindow, bp_about_data_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
add_count_suffix (AdwActionRow *row,
                  guint         count,
                  guint         total)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: a number of sectors and its share, e.g. "8 801 (83 %)" */
  text = g_strdup_printf (_("%'u (%.0f %%)"), count, total ? 100.0 * count / total : 0.0);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, label);
}

static void
fill (BpAboutDataWindow *self,
      BpStore           *store)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  BpOutlineSummary summary;

  if (!bp_store_get_outline_summary (store, &summary, &error))
    {
      adw_preferences_group_set_description (self->outlines_group, error->message);
      return;
    }

  if (summary.n_approximate > 0)
    note = g_strdup_printf (_("%'u of the %'u sector outlines are approximate. Their codes, names, populations and counts are real, and so is the outer boundary of the area they share with their neighbours, but where each sector lies inside that area is invented. Do not use them to find a street. Importing official outlines replaces them."),
                            summary.n_approximate, summary.n_sectors);
  else
    note = g_strdup_printf (_("All %'u sector outlines are real."), summary.n_sectors);
  adw_preferences_group_set_description (self->outlines_group, note);

  add_count_suffix (self->real_row, summary.n_real, summary.n_sectors);
  add_count_suffix (self->unverified_row, summary.n_unverified, summary.n_sectors);
  add_count_suffix (self->approximate_row, summary.n_approximate, summary.n_sectors);

  if (!(sources = bp_store_list_area_sources (store, &error)))
    return;

  for (guint i = 0; i < sources->len; i++)
    {
      BpAreaSource *source = g_ptr_array_index (sources, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: the source of a level's outlines, its licence and when it was loaded */
      subtitle = g_strdup_printf (_("%s\nLicence: %s\nLoaded on %.10s"),
                                  source->source,
                                  source->licence ? source->licence : _("not stated"),
                                  source->imported_at);
      /* Before the text: attributions such as "Data & Analyse" are no markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     bp_area_level_get_display_name (source->level));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->sources_group, row);
    }
}

static void
bp_about_data_window_class_init (BpAboutDataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               BP_RESOURCE_PATH "/ui/bp-about-data-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpAboutDataWindow, sources_group);
  gtk_widget_class_bind_template_child (widget_class, BpAboutDataWindow, outlines_group);
  gtk_widget_class_bind_template_child (widget_class, BpAboutDataWindow, real_row);
  gtk_widget_class_bind_template_child (widget_class, BpAboutDataWindow, unverified_row);
  gtk_widget_class_bind_template_child (widget_class, BpAboutDataWindow, approximate_row);
}

static void
bp_about_data_window_init (BpAboutDataWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BpAboutDataWindow *
bp_about_data_window_new (BpStore *store)
{
  BpAboutDataWindow *self;

  g_return_val_if_fail (BP_IS_STORE (store), NULL);

  self = g_object_new (BP_TYPE_ABOUT_DATA_WINDOW, NULL);
  fill (self, store);
  return self;
}
