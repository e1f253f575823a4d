/* bp-case-source-choice.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-case-source-choice.h"
#include "bp-settings.h"

/* The choices, in the order of the drop-down. */
static const BpCaseSourceFilter filters[] = {
  BP_CASE_SOURCE_FILTER_ALL,
  BP_CASE_SOURCE_FILTER_CONFIRMED,
  BP_CASE_SOURCE_FILTER_CLINICAL,
};

static gboolean
get_mapping (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  BpCaseSourceFilter filter;

  if (!bp_case_source_filter_from_string (g_variant_get_string (variant, NULL), &filter))
    filter = BP_CASE_SOURCE_FILTER_ALL;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (filters[i] == filter)
      g_value_set_uint (value, i);

  return TRUE;
}

static GVariant *
set_mapping (const GValue       *value,
             const GVariantType *expected_type,
             gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (filters))
    return NULL;

  return g_variant_new_string (bp_case_source_filter_to_string (filters[position]));
}

/**
 * bp_case_source_choice_bind:
 * @dropdown: a #GtkDropDown
 * @settings: the app's settings
 *
 * Fills @dropdown with the sources of cases a user can choose from and
 * keeps it in step with the case-sources setting, which the map and the
 * dashboard share.
 */
void
bp_case_source_choice_bind (GtkDropDown *dropdown,
                            GSettings   *settings)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (G_IS_SETTINGS (settings));

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_string_list_append (names, bp_case_source_filter_get_display_name (filters[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));

  g_settings_bind_with_mapping (settings, BP_SETTINGS_KEY_CASE_SOURCES, dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_mapping, set_mapping, NULL, NULL);
}

/**
 * bp_case_source_choice_get_filter:
 * @settings: the app's settings
 *
 * Returns: the sources of cases the user chose to see
 */
BpCaseSourceFilter
bp_case_source_choice_get_filter (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, BP_SETTINGS_KEY_CASE_SOURCES);
  BpCaseSourceFilter filter;

  if (!bp_case_source_filter_from_string (name, &filter))
    filter = BP_CASE_SOURCE_FILTER_ALL;

  return filter;
}
