/* bp-tool-export-counts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-indicators.h"
#include "bp-tool.h"

int
bp_tool_export_counts (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write the daily case counts to a CSV file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *out_path = NULL;
  gboolean suppress_small = FALSE;
  gint64 n_rows = 0;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("The CSV file to write"), N_("FILE") },
    { "suppress-small", 0, 0, G_OPTION_ARG_NONE, &suppress_small, N_("Hide counts of 1 to 4, as for roles without medical access"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Writes one line per count, sorted by date, sector, age band and source,\n"
                                      "with the columns date (YYYY-MM-DD), sector (its code), age_band (0 to 8),\n"
                                      "source (confirmed, clinical, or unrecorded for counts stored before\n"
                                      "counts had a source), count and suppressed (1 when the count is hidden\n"
                                      "or the control tower marked it). With --suppress-small, counts of 1 to 4\n"
                                      "and counts the control tower marked are written “<5”. The file appears\n"
                                      "only once it is complete."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("export-counts", error);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("brandpunt-tool export-counts: unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  if (!out_path)
    {
      g_printerr ("brandpunt-tool export-counts: %s\n", _("Say where to write the counts with --out FILE.csv."));
      return 2;
    }

  if (store_path && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("brandpunt-tool export-counts: there is no store “%s”.\n"), store_path);
      return 1;
    }
  if (!(store = bp_tool_open_store (store_path)))
    return store_path ? 1 : 2;

  if (!bp_store_export_counts (store, out_path, suppress_small, &n_rows, &error))
    {
      bp_tool_print_error ("export-counts", error);
      return 1;
    }

  /* Tab-separated, like "demo", so scripts and tests can read it. */
  g_print ("rows\t%" G_GINT64_FORMAT "\n", n_rows);

  return 0;
}
