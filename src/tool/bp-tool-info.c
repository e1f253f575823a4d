/* bp-tool-info.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-store-areas.h"
#include "bp-tool.h"

int
bp_tool_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— show what a store holds"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autofree char *store_path = NULL;
  BpOutlineSummary summary;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("info", error);
      return 2;
    }

  if (!(store = bp_tool_open_store (store_path)))
    return 1;

  g_print ("store-version\t%d\n", bp_store_get_schema_version (store));
  g_print ("demo\t%s\n", bp_store_is_demo (store) ? "yes" : "no");
  for (guint level = 0; level < BP_AREA_N_LEVELS; level++)
    g_print ("areas-%s\t%u\n", bp_area_level_to_string (level), bp_store_count_areas (store, level));

  if (!bp_store_get_outline_summary (store, &summary, &error))
    {
      bp_tool_print_error ("info", error);
      return 1;
    }
  g_print ("sector-outlines-real\t%u\n", summary.n_real);
  g_print ("sector-outlines-unverified\t%u\n", summary.n_unverified);
  g_print ("sector-outlines-approximate\t%u\n", summary.n_approximate);

  return 0;
}
