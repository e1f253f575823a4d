/* bp-case-source.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bp-case-source.h"

static const struct {
  const char *name;
  const char *display_name;
} source_names[BP_N_CASE_SOURCES] = {
  { "confirmed", N_("Laboratory-confirmed") },
  { "clinical", N_("Clinical (reported by a GP without a test)") },
  { "unrecorded", N_("Source not recorded") },
};

/* The filters a user chooses from; "all" includes counts without a source. */
static const struct {
  const char         *name;
  BpCaseSourceFilter  filter;
  const char         *display_name;
} filter_names[] = {
  { "all", BP_CASE_SOURCE_FILTER_ALL, N_("All cases") },
  { "confirmed", BP_CASE_SOURCE_FILTER_CONFIRMED, N_("Laboratory-confirmed only") },
  { "clinical", BP_CASE_SOURCE_FILTER_CLINICAL, N_("Clinical only") },
};

const char *
bp_case_source_to_string (BpCaseSource source)
{
  g_return_val_if_fail (source < BP_N_CASE_SOURCES, NULL);

  return source_names[source].name;
}

gboolean
bp_case_source_from_string (const char   *name,
                            BpCaseSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);

  for (guint i = 0; name && i < BP_N_CASE_SOURCES; i++)
    if (g_str_equal (name, source_names[i].name))
      {
        *source = i;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_case_source_get_display_name (BpCaseSource source)
{
  g_return_val_if_fail (source < BP_N_CASE_SOURCES, NULL);

  return _(source_names[source].display_name);
}

/**
 * bp_case_source_filter_from_string:
 * @name: `all`, `confirmed` or `clinical`, as the tool takes them
 * @filter: (out): the filter
 *
 * Returns: %TRUE when @name names a filter
 */
gboolean
bp_case_source_filter_from_string (const char         *name,
                                   BpCaseSourceFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  for (guint i = 0; name && i < G_N_ELEMENTS (filter_names); i++)
    if (g_str_equal (name, filter_names[i].name))
      {
        *filter = filter_names[i].filter;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_case_source_filter_to_string (BpCaseSourceFilter filter)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    if (filter_names[i].filter == filter)
      return filter_names[i].name;

  g_return_val_if_reached (NULL);
}

const char *
bp_case_source_filter_get_display_name (BpCaseSourceFilter filter)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    if (filter_names[i].filter == filter)
      return _(filter_names[i].display_name);

  g_return_val_if_reached (NULL);
}
