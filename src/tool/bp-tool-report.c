/* bp-tool-report.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-count-cube.h"
#include "bp-dashboard-figures.h"
#include "bp-day.h"
#include "bp-map-metric.h"
#include "bp-map-renderer.h"
#include "bp-sector-map.h"
#include "bp-situation-report.h"
#include "bp-store-areas.h"
#include "bp-tool.h"

/* The map of the report: 14-day incidence, as on the dashboard's map,
 * with the legend counting the sectors of the area only. */
static BpMapRenderer *
make_map_renderer (BpStore            *store,
                   BpArea             *area,
                   int                 day,
                   BpCaseSourceFilter  sources,
                   gboolean            suppress_small,
                   GError            **error)
{
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(BpSectorValues) values = NULL;
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_INCIDENCE_14);
  g_autoptr(GArray) area_sectors = g_array_new (FALSE, FALSE, sizeof (guint));
  BpMapRenderer *renderer;

  if (!(map = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_LAZY_LODS, NULL, error)) ||
      !(values = bp_store_compute_sector_values (store, BP_MAP_METRIC_INCIDENCE_14, day, -1,
                                                 sources, error)))
    return NULL;

  if (suppress_small)
    {
      BpSectorValues *suppressed = bp_sector_values_suppress_small (values);

      g_object_unref (values);
      values = suppressed;
    }

  renderer = bp_map_renderer_new (map);
  bp_map_renderer_set_values (renderer, values);
  bp_map_renderer_set_breaks (renderer, breaks);
  bp_sector_map_list_area_sectors (map, bp_area_get_level (area), bp_area_get_code (area), area_sectors);
  bp_map_renderer_set_legend_sectors (renderer, area_sectors);

  return renderer;
}

int
bp_tool_report (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write a situation report as PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpArea) area = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  g_autoptr(BpDashboardFigures) figures = NULL;
  g_autoptr(BpMapRenderer) renderer = NULL;
  g_autoptr(BpSituationReport) report = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *area_code = NULL;
  g_autofree char *date = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *source_name = NULL;
  BpCaseSourceFilter sources = BP_CASE_SOURCE_FILTER_ALL;
  gboolean suppress_small = FALSE;
  int first_day, last_day, day;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The kind of report: situation"), N_("KIND") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_code, N_("The region, province, care zone or municipality (default: the Flemish Region, 02000)"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The reference day (default: the last day with counts)"), N_("YYYY-MM-DD") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("The PDF file to write"), N_("FILE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("The cases counted: all (default), confirmed or clinical"), N_("SOURCE") },
    { "suppress-small", 0, 0, G_OPTION_ARG_NONE, &suppress_small, N_("Show counts of 1 to 4 as “<5”, for readers without medical access"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("report", error);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("brandpunt-tool report: unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  if (kind && !g_str_equal (kind, "situation"))
    {
      g_printerr (_("brandpunt-tool report: unknown kind of report “%s”. The one kind is “situation”.\n"), kind);
      return 1;
    }

  if (!out_path)
    {
      g_printerr ("brandpunt-tool report: %s\n", _("Say where to write the report with --out FILE.pdf."));
      return 2;
    }

  {
    g_autofree char *lower = g_ascii_strdown (out_path, -1);

    if (!g_str_has_suffix (lower, ".pdf"))
      {
        g_printerr (_("brandpunt-tool report: cannot write “%s”: the report is a .pdf file.\n"), out_path);
        return 1;
      }
  }

  if (!(store = bp_tool_open_store (store_path)))
    return 1;

  if (!(cube = bp_count_cube_new (store, &error)))
    {
      bp_tool_print_error ("report", error);
      return 1;
    }

  if (!bp_count_cube_get_day_range (cube, &first_day, &last_day))
    {
      g_printerr ("brandpunt-tool report: %s\n", _("The store holds no counts to report on."));
      return 1;
    }

  day = last_day;
  if (date && !bp_day_from_iso (date, &day, &error))
    {
      bp_tool_print_error ("report", error);
      return 1;
    }

  if (source_name && !bp_case_source_filter_from_string (source_name, &sources))
    {
      g_printerr (_("brandpunt-tool report: unknown source “%s”. Use all, confirmed or clinical.\n"), source_name);
      return 1;
    }

  if (!area_code)
    area_code = g_strdup ("02000");
  area = bp_tool_find_area (store, area_code, FALSE);
  if (!area)
    {
      g_printerr (_("brandpunt-tool report: there is no region, province, care zone or municipality with code “%s”.\n"),
                  area_code);
      return 1;
    }

  /* Nothing is "new" in a report: it has no last visit. */
  if (!(figures = bp_dashboard_figures_compute (store, cube, area, day, suppress_small,
                                                sources, day, &error)) ||
      !(renderer = make_map_renderer (store, area, day, sources, suppress_small, &error)))
    {
      bp_tool_print_error ("report", error);
      return 1;
    }

  report = bp_situation_report_new (figures, renderer);
  if (!bp_situation_report_save_pdf (report, out_path, &error))
    {
      bp_tool_print_error ("report", error);
      return 1;
    }

  return 0;
}
