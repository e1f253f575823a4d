/* bp-tool-indicators.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bp-area.h"
#include "bp-count-cube.h"
#include "bp-day.h"
#include "bp-indicators.h"
#include "bp-tool.h"

/* Levels an --area code may name, most specific first. */
static const BpAreaLevel area_levels[] = {
  BP_AREA_LEVEL_WIJK,
  BP_AREA_LEVEL_MUNICIPALITY,
  BP_AREA_LEVEL_CARE_ZONE,
  BP_AREA_LEVEL_PROVINCE,
  BP_AREA_LEVEL_REGION,
};

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           int        *value)
{
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, min, max, &number, NULL))
    return FALSE;

  *value = (int)number;
  return TRUE;
}

int
bp_tool_indicators (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— compute the indicators of every area of a level"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  g_autoptr(BpIndicators) indicators = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *date = NULL;
  g_autofree char *window_text = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *area_code = NULL;
  g_autofree char *band_text = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *csv = NULL;
  gboolean suppress_small = FALSE;
  BpIndicatorQuery query;
  BpAreaLevel level = BP_AREA_LEVEL_SECTOR;
  BpCaseSourceFilter sources = BP_CASE_SOURCE_FILTER_ALL;
  int window_days = 14;
  int age_band = -1;
  int day = 0;
  int last_day;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The last day of the window (default: the last day with counts)"), N_("YYYY-MM-DD") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_text, N_("The window in days, 1 to 365 (default 14)"), N_("N") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_name, N_("The areas: sector (default), wijk, municipality, elz, province or region"), N_("LEVEL") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_code, N_("Only the areas inside a region, province, care zone or municipality"), N_("CODE") },
    { "age-band", 0, 0, G_OPTION_ARG_STRING, &band_text, N_("Only one age band, 0 (0-9) to 8 (80+)"), N_("BAND") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("The cases counted: all (default), confirmed or clinical"), N_("SOURCE") },
    { "suppress-small", 0, 0, G_OPTION_ARG_NONE, &suppress_small, N_("Hide counts of 1 to 4, as for roles without medical access"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The output format: csv (default)"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Writes CSV to standard output: a header line, then one line per area,\n"
                                      "sorted by code, with these columns:\n"
                                      "  code                the area's code\n"
                                      "  name                its name\n"
                                      "  population          its residents (of the age band, with --age-band)\n"
                                      "  cases               the cases in the window, which ends on --date\n"
                                      "                      (of one source with --source; all includes cases\n"
                                      "                      whose source was not recorded)\n"
                                      "  incidence_per_100k  those cases per 100,000 residents\n"
                                      "  previous_cases      the cases in as many days before the window\n"
                                      "  trend_percent       the change of the cases on the window before\n"
                                      "With --suppress-small, counts of 1 to 4 and counts the source marked\n"
                                      "as suppressed are written “<5”, and the incidence and trend worked out\n"
                                      "from them are left empty. Empty also means no residents (incidence)\n"
                                      "or no cases in the window before (trend)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("indicators", error);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("brandpunt-tool indicators: unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  if (format && !g_str_equal (format, "csv"))
    {
      g_printerr (_("brandpunt-tool indicators: unknown format “%s”. The indicators can be written as csv only.\n"),
                  format);
      return 1;
    }

  if (level_name && !bp_area_level_from_string (level_name, &level))
    {
      g_printerr (_("brandpunt-tool indicators: unknown level “%s”. Use sector, wijk, municipality, elz, province or region.\n"),
                  level_name);
      return 1;
    }

  if (window_text && !parse_int (window_text, 1, BP_INDICATORS_MAX_WINDOW_DAYS, &window_days))
    {
      g_printerr (_("brandpunt-tool indicators: “%s” is not a window. Give a number of days from 1 to %d.\n"),
                  window_text, BP_INDICATORS_MAX_WINDOW_DAYS);
      return 1;
    }

  if (band_text && !parse_int (band_text, 0, BP_N_AGE_BANDS - 1, &age_band))
    {
      g_printerr (_("brandpunt-tool indicators: there is no age band “%s”. Use 0 (0-9) to 8 (80+).\n"), band_text);
      return 1;
    }

  if (source_name && !bp_case_source_filter_from_string (source_name, &sources))
    {
      g_printerr (_("brandpunt-tool indicators: unknown source “%s”. Use all, confirmed or clinical.\n"),
                  source_name);
      return 1;
    }

  if (date && !bp_day_from_iso (date, &day, &error))
    {
      bp_tool_print_error ("indicators", error);
      return 1;
    }

  if (store_path && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("brandpunt-tool indicators: there is no store “%s”.\n"), store_path);
      return 1;
    }
  if (!(store = bp_tool_open_store (store_path)))
    return store_path ? 1 : 2;

  if (!(cube = bp_count_cube_new (store, &error)))
    {
      bp_tool_print_error ("indicators", error);
      return 1;
    }

  if (!date)
    {
      if (!bp_count_cube_get_day_range (cube, NULL, &last_day))
        {
          g_printerr ("brandpunt-tool indicators: %s\n",
                      _("The store holds no counts, so there is no last day. Say which day with --date."));
          return 1;
        }
      day = last_day;
    }

  bp_indicator_query_init (&query, level, day);
  query.window_days = window_days;
  query.age_band = age_band;
  query.sources = sources;
  query.suppress_small = suppress_small;

  if (area_code)
    {
      guint position;
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (area_levels) && !found; i++)
        if ((found = bp_count_cube_find_area_by_code (cube, area_levels[i], area_code, &position)))
          query.within_area_id = bp_count_cube_get_area_id (cube, area_levels[i], position);

      if (!found)
        {
          g_printerr (_("brandpunt-tool indicators: there is no region, province, care zone, municipality or neighbourhood with code “%s”.\n"),
                      area_code);
          return 1;
        }
    }

  if (!(indicators = bp_indicators_compute (cube, &query, &error)))
    {
      bp_tool_print_error ("indicators", error);
      return 1;
    }

  csv = bp_indicators_dup_csv (indicators);
  if (fputs (csv, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr ("brandpunt-tool indicators: %s\n", _("Could not write the indicators to standard output."));
      return 1;
    }

  return 0;
}
