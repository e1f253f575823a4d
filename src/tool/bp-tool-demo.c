/* bp-tool-demo.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "bp-day.h"
#include "bp-demo-generator.h"
#include "bp-store-areas.h"
#include "bp-tool.h"

static void
print_progress_cb (double   fraction,
                   gpointer user_data)
{
  int *last_percent = user_data;
  int percent = (int)(fraction * 100);

  if (percent == *last_percent)
    return;

  *last_percent = percent;
  g_printerr ("\r%3d %%", percent);
  if (percent == 100)
    g_printerr ("\r");
}

int
bp_tool_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— generate the synthetic demo outbreak in a store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *end_date = NULL;
  g_autofree char *reference_path = NULL;
  g_autofree char *first_iso = NULL;
  g_autofree char *last_iso = NULL;
  gint64 seed = BP_DEMO_DEFAULT_SEED;
  int n_days = BP_DEMO_DEFAULT_N_DAYS;
  gboolean replace = FALSE;
  int last_percent = -1;
  gboolean show_progress = isatty (STDERR_FILENO);
  BpDemoOptions options;
  BpDemoSummary summary;
  gint64 started;
  double seconds;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The seed of the scenario (default 20261115)"), N_("N") },
    { "days", 0, 0, G_OPTION_ARG_INT, &n_days, N_("How many days to generate (default 730)"), N_("N") },
    { "end-date", 0, 0, G_OPTION_ARG_STRING, &end_date, N_("The last day (default 2026-11-15)"), N_("YYYY-MM-DD") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("Replace an earlier demo outbreak in the store"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("demo", error);
      return 2;
    }

  bp_demo_options_init (&options);
  options.seed = (guint64)seed;
  options.n_days = n_days;
  options.replace = replace;
  if (end_date && !bp_day_from_iso (end_date, &options.end_day, &error))
    {
      bp_tool_print_error ("demo", error);
      return 2;
    }

  if (!(store = bp_tool_open_store (store_path)))
    return 1;

  started = g_get_monotonic_time ();

  reference_path = bp_dup_reference_areas_path ();
  if (!bp_store_import_reference (store, reference_path, &error) ||
      !bp_demo_generate (store, &options, &summary, NULL,
                         show_progress ? print_progress_cb : NULL, &last_percent, &error))
    {
      if (show_progress && last_percent >= 0)
        g_printerr ("\n");
      bp_tool_print_error ("demo", error);
      return 1;
    }

  seconds = (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC;
  first_iso = bp_day_to_iso (summary.first_day);
  last_iso = bp_day_to_iso (summary.last_day);

  /* Tab-separated, like "info", so scripts and tests can read it. */
  g_print ("seed\t%" G_GUINT64_FORMAT "\n", options.seed);
  g_print ("days\t%d\n", summary.last_day - summary.first_day + 1);
  g_print ("first-day\t%s\n", first_iso);
  g_print ("last-day\t%s\n", last_iso);
  g_print ("count-rows\t%" G_GINT64_FORMAT "\n", summary.n_rows);
  g_print ("cases\t%" G_GINT64_FORMAT "\n", summary.n_cases);
  g_print ("nursing-homes\t%u\n", summary.n_nursing_homes);
  g_print ("nursing-home-signals\t%u\n", summary.n_signals);
  g_print ("clusters\t%u\n", summary.n_clusters);
  g_print ("index-cases\t%u\n", summary.n_index_cases);
  g_print ("contacts\t%u\n", summary.n_contacts);
  g_print ("tasks\t%u\n", summary.n_tasks);
  g_print ("seconds\t%.1f\n", seconds);

  return 0;
}
