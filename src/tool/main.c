/* main.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bp-store-areas.h"
#include "bp-tool.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "info", bp_tool_info, N_("Show what a store holds") },
  { "demo", bp_tool_demo, N_("Generate the synthetic demo outbreak in a store") },
  { "import-areas", bp_tool_import_areas, N_("Import reference areas from a GeoJSON file") },
  { "render-map", bp_tool_render_map, N_("Draw the sector map to a PNG or PDF file") },
  { "report", bp_tool_report, N_("Write the situation report of an area as PDF") },
  { "indicators", bp_tool_indicators, N_("Compute the indicators of every area of a level") },
  { "export-counts", bp_tool_export_counts, N_("Write the daily case counts to a CSV file") },
  { "alerts", bp_tool_alerts, N_("List the alerts of a day, or acknowledge one") },
};

void
bp_tool_print_error (const char *command,
                     GError     *error)
{
  g_printerr ("brandpunt-tool %s: %s\n", command, error->message);
}

BpStore *
bp_tool_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autofree char *dir = NULL;

  if (path == NULL)
    {
      g_printerr ("%s\n", _("Say which store to use with --store FILE."));
      return NULL;
    }

  dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);

  if (!(store = bp_store_open (path, &error)))
    {
      g_printerr ("brandpunt-tool: %s\n", error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/**
 * bp_tool_find_area:
 * @store: the store
 * @code: what --area said
 * @with_sectors: whether a statistical sector may be meant too
 *
 * Looks up an area by its code at every level where it may be, most
 * specific first: codes are unique within a level only.
 *
 * Returns: (transfer full) (nullable): the area
 */
BpArea *
bp_tool_find_area (BpStore    *store,
                   const char *code,
                   gboolean    with_sectors)
{
  static const BpAreaLevel levels[] = {
    BP_AREA_LEVEL_MUNICIPALITY,
    BP_AREA_LEVEL_CARE_ZONE,
    BP_AREA_LEVEL_PROVINCE,
    BP_AREA_LEVEL_REGION,
    BP_AREA_LEVEL_WIJK,
    BP_AREA_LEVEL_SECTOR,
  };
  BpArea *area = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (levels) && !area; i++)
    if (with_sectors || levels[i] != BP_AREA_LEVEL_SECTOR)
      area = bp_store_dup_area (store, levels[i], code, NULL);

  return area;
}

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: brandpunt-tool COMMAND [OPTION…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-14s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “brandpunt-tool COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage ();
      return argc < 2 ? 2 : 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("brandpunt-tool: unknown command “%s”.\n"), argv[1]);
  print_usage ();
  return 2;
}
