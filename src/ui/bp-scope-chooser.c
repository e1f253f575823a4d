/* bp-scope-chooser.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-scope-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-area.h"
#include "bp-scope-chooser.h"

/* The popover of the header's area button: Flanders, Brussels, provinces,
 * care zones and municipalities, searchable by name or code. */
struct _BpScopeChooser
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;

  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (BpScopeChooser, bp_scope_chooser, GTK_TYPE_POPOVER)

static guint signals[N_SIGNALS];

static char *
describe_level (gpointer  instance,
                BpArea   *area)
{
  const char *municipality;

  if (area == NULL)
    return NULL;

  /* Neighbourhood names repeat from town to town ("Centrum"). */
  if (bp_area_get_level (area) == BP_AREA_LEVEL_WIJK &&
      (municipality = bp_area_get_parent_display_name (area)))
    /* Translators: a neighbourhood's municipality and code, e.g. "Neighbourhood in Leuven · 24062W03" */
    return g_strdup_printf (_("Neighbourhood in %s · %s"), municipality, bp_area_get_code (area));

  /* Translators: an area's level and its code, e.g. "Municipality · 11001" */
  return g_strdup_printf (_("%s · %s"),
                          bp_area_level_get_display_name (bp_area_get_level (area)),
                          bp_area_get_code (area));
}

static gboolean
area_matches (gpointer item,
              gpointer user_data)
{
  BpScopeChooser *self = user_data;
  BpArea *area = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (bp_area_get_display_name (area), -1);

  return strstr (name, needle) != NULL || g_str_has_prefix (bp_area_get_code (area), text);
}

static void
search_entry_search_changed_cb (BpScopeChooser *self,
                                GtkSearchEntry *entry)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->filtered);

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
activate_area (BpScopeChooser *self,
               guint           position)
{
  g_autoptr(BpArea) area = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (area == NULL)
    return;

  g_signal_emit (self, signals[AREA_ACTIVATED], 0, area);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
list_view_activate_cb (BpScopeChooser *self,
                       guint           position,
                       GtkListView    *list_view)
{
  activate_area (self, position);
}

static void
search_entry_activate_cb (BpScopeChooser *self,
                          GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    activate_area (self, 0);
}

static void
bp_scope_chooser_show (GtkWidget *widget)
{
  BpScopeChooser *self = BP_SCOPE_CHOOSER (widget);

  GTK_WIDGET_CLASS (bp_scope_chooser_parent_class)->show (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
bp_scope_chooser_dispose (GObject *object)
{
  BpScopeChooser *self = (BpScopeChooser *)object;

  g_clear_object (&self->filtered);
  g_clear_object (&self->selection);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_SCOPE_CHOOSER);

  G_OBJECT_CLASS (bp_scope_chooser_parent_class)->dispose (object);
}

static void
bp_scope_chooser_class_init (BpScopeChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_scope_chooser_dispose;
  widget_class->show = bp_scope_chooser_show;

  /**
   * BpScopeChooser::area-activated:
   * @area: the chosen #BpArea
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BP_TYPE_AREA);

  g_type_ensure (BP_TYPE_AREA);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BP_RESOURCE_PATH "/ui/bp-scope-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, BpScopeChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BpScopeChooser, list_view);
  gtk_widget_class_bind_template_callback (widget_class, describe_level);
}

static void
bp_scope_chooser_init (BpScopeChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filtered = gtk_filter_list_model_new (NULL,
                                              GTK_FILTER (gtk_custom_filter_new (area_matches, self, NULL)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_entry_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (list_view_activate_cb), self, G_CONNECT_SWAPPED);
}

void
bp_scope_chooser_set_areas (BpScopeChooser *self,
                            GListModel     *areas)
{
  g_return_if_fail (BP_IS_SCOPE_CHOOSER (self));
  g_return_if_fail (!areas || G_IS_LIST_MODEL (areas));

  gtk_filter_list_model_set_model (self->filtered, areas);
}
