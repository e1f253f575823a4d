/* bp-tool-import-areas.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-geojson-reader.h"
#include "bp-store-areas.h"
#include "bp-tool.h"

/* Statbel's outline files give no population (the reader says -1): keep what
 * the store has for the area, so incidence rates stay right, or 0 for an area
 * that is new. */
static void
keep_stored_populations (BpStore     *store,
                         BpAreaLevel  level,
                         GPtrArray   *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      BpAreaRecord *record = g_ptr_array_index (records, i);
      g_autoptr(BpArea) area = NULL;

      if (record->population >= 0)
        continue;

      area = bp_store_dup_area (store, level, record->code, NULL);
      record->population = area ? bp_area_get_population (area) : 0;
    }
}

/* For --skip-unknown-parents: Statbel publishes all of Belgium in one file,
 * and the store holds Flanders and Brussels. */
static guint
remove_unknown_parents (BpStore     *store,
                        BpAreaLevel  level,
                        GPtrArray   *records)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) parents = NULL;
  guint n_removed = 0;

  if (level == BP_AREA_LEVEL_REGION)
    return 0;

  if (!(parents = bp_store_list_areas (store, bp_area_level_get_parent_level (level), NULL, NULL)))
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (parents); i++)
    {
      g_autoptr(BpArea) parent = g_list_model_get_item (parents, i);

      /* The model holds the area, so its code outlives the table. */
      g_hash_table_add (known, (gpointer)bp_area_get_code (parent));
    }

  for (guint i = records->len; i > 0; i--)
    {
      BpAreaRecord *record = g_ptr_array_index (records, i - 1);

      if (!g_hash_table_contains (known, record->parent_code))
        {
          g_ptr_array_remove_index (records, i - 1);
          n_removed++;
        }
    }

  return n_removed;
}

int
bp_tool_import_areas (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — import reference areas from a GeoJSON file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpGeojsonReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *licence = NULL;
  g_autofree char *file_name = NULL;
  gboolean skip_unknown_parents = FALSE;
  guint n_skipped = 0;
  BpOutlineSummary summary;
  gint64 started;
  BpAreaLevel level;
  const GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_name,
      N_("The level of the areas: region, province, elz, municipality, wijk or sector"), N_("LEVEL") },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Where the outlines come from, shown in “About the data”"), N_("TEXT") },
    { "licence", 0, 0, G_OPTION_ARG_STRING, &licence,
      N_("Their licence or required attribution"), N_("TEXT") },
    { "skip-unknown-parents", 0, 0, G_OPTION_ARG_NONE, &skip_unknown_parents,
      N_("Leave out areas whose parent is not in the store, such as Walloon sectors"), NULL },
    { NULL }
  };

  started = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("import-areas", error);
      return 2;
    }

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Say which GeoJSON file to import."));
      return 2;
    }

  if (level_name == NULL || !bp_area_level_from_string (level_name, &level))
    {
      g_printerr ("%s\n", _("Say the level of the areas with --level: region, province, elz, municipality, wijk or sector."));
      return 2;
    }

  if (store_path == NULL)
    {
      g_printerr ("%s\n", _("Say which store to use with --store FILE."));
      return 2;
    }

  /* Read before opening the store, so a bad file leaves no new store behind. */
  file_name = g_path_get_basename (argv[1]);
  reader = bp_geojson_reader_new (level);
  if (!(records = bp_geojson_reader_read_path (reader, argv[1], &error)))
    {
      bp_tool_print_error ("import-areas", error);
      return 1;
    }

  if (!(store = bp_tool_open_store (store_path)))
    return 1;

  if (skip_unknown_parents)
    n_skipped = remove_unknown_parents (store, level, records);
  keep_stored_populations (store, level, records);

  if (!bp_store_import_areas (store, level, records, source ? source : file_name, licence, &error))
    {
      bp_tool_print_error ("import-areas", error);
      return 1;
    }

  g_print (ngettext ("Imported %u area of level %s from “%s” in %.1f s.",
                     "Imported %u areas of level %s from “%s” in %.1f s.",
                     records->len),
           records->len, bp_area_level_to_string (level), file_name,
           (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);
  if (n_skipped > 0)
    g_print (ngettext (" Left out %u area whose parent is not in the store.",
                       " Left out %u areas whose parent is not in the store.",
                       n_skipped),
             n_skipped);
  g_print ("\n");

  /* Official outlines replace approximate ones sector by sector: say how
   * many are left, so a partial file shows what it covered. */
  if (level == BP_AREA_LEVEL_SECTOR && bp_store_get_outline_summary (store, &summary, NULL))
    g_print (ngettext ("%u of %u sector outlines is approximate.\n",
                       "%u of %u sector outlines are approximate.\n",
                       summary.n_approximate),
             summary.n_approximate, summary.n_sectors);

  return 0;
}
