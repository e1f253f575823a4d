/* bp-tool-alerts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-alert-rules.h"
#include "bp-area.h"
#include "bp-day.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-tool.h"

/* Tabs and line breaks in a note would break the columns. */
static char *
dup_single_line (const char *text)
{
  return g_strdelimit (g_strdup (text ? text : ""), "\t\r\n", ' ');
}

/* One line per alert with tab-separated columns: severity, rule, area,
 * message, key and status. Like the keys of `info`, severity and status
 * are not translated, so that scripts can read them. */
static void
print_alert (BpAlert *alert)
{
  BpArea *area = bp_alert_get_area (alert);
  g_autofree char *status = NULL;

  if (bp_alert_get_is_acknowledged (alert))
    {
      g_autofree char *note = dup_single_line (bp_alert_get_acknowledgement_note (alert));
      g_autofree char *at = g_date_time_format_iso8601 (bp_alert_get_acknowledged_at (alert));

      status = g_strdup_printf ("acknowledged %s: %s", at, note);
    }
  else if (bp_alert_get_is_new (alert))
    status = g_strdup ("new");
  else
    status = g_strdup ("-");

  g_print ("%s\t%s\t%s %s\t%s\t%s\t%s\n",
           bp_alert_severity_to_string (bp_alert_get_severity (alert)),
           bp_alert_get_rule_id (alert),
           bp_area_get_code (area),
           bp_area_get_display_name (area),
           bp_alert_get_message (alert),
           bp_alert_get_key (alert),
           status);
}

static int
acknowledge (BpStore    *store,
             const char *key,
             const char *note)
{
  g_autoptr(GError) error = NULL;

  if (note == NULL)
    {
      g_printerr ("brandpunt-tool alerts: %s\n", _("Say what was done about the alert with --note TEXT."));
      return 1;
    }

  if (!bp_store_acknowledge_alert (store, key, note, &error))
    {
      bp_tool_print_error ("alerts", error);
      return 1;
    }

  g_print (_("Acknowledged “%s”.\n"), key);
  return 0;
}

int
bp_tool_alerts (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the alerts of a day, or acknowledge one"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpAlertRules) rules = NULL;
  g_autoptr(BpArea) area = NULL;
  g_autoptr(GListModel) alerts = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *date = NULL;
  g_autofree char *since = NULL;
  g_autofree char *area_code = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *note = NULL;
  int first_day, last_day, day;
  int last_seen_day = -1;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day to evaluate (default: the last day with counts)"), N_("YYYY-MM-DD") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_code, N_("Only a region, province, care zone, municipality or sector (default: everything)"), N_("CODE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("The alert rules (default: those shipped with Brandpunt)"), N_("FILE") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Mark as new the alerts that started after this day, the last one seen"), N_("YYYY-MM-DD") },
    { "acknowledge", 0, 0, G_OPTION_ARG_STRING, &key, N_("Acknowledge the alert with this key"), N_("KEY") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was done about the alert, with --acknowledge"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("alerts", error);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("brandpunt-tool alerts: unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  if (store_path && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("brandpunt-tool alerts: there is no store “%s”.\n"), store_path);
      return 1;
    }
  if (!(store = bp_tool_open_store (store_path)))
    return 1;

  if (key)
    return acknowledge (store, key, note);

  if (note)
    {
      g_printerr ("brandpunt-tool alerts: %s\n", _("A note goes with --acknowledge KEY."));
      return 1;
    }

  if ((date && !bp_day_from_iso (date, &day, &error)) ||
      (since && !bp_day_from_iso (since, &last_seen_day, &error)))
    {
      bp_tool_print_error ("alerts", error);
      return 1;
    }

  if (!date)
    {
      if (!bp_store_get_count_range (store, &first_day, &last_day, &error))
        {
          bp_tool_print_error ("alerts", error);
          return 1;
        }
      if (last_day < first_day)
        {
          g_printerr ("brandpunt-tool alerts: %s\n", _("The store holds no counts. Say which day to evaluate with --date."));
          return 1;
        }
      day = last_day;
    }

  if (area_code)
    {
      area = bp_tool_find_area (store, area_code, TRUE);

      if (!area)
        {
          g_printerr (_("brandpunt-tool alerts: there is no region, province, care zone, municipality or sector with code “%s”.\n"),
                      area_code);
          return 1;
        }
    }

  if (rules_path)
    rules = bp_alert_rules_new_from_file (rules_path, &error);
  else
    rules = bp_alert_rules_new_default (&error);
  if (!rules)
    {
      bp_tool_print_error ("alerts", error);
      return 1;
    }

  if (!(alerts = bp_alert_rules_list_alerts (rules, store, area ? bp_area_get_id (area) : 0,
                                             day, last_seen_day, &error)))
    {
      bp_tool_print_error ("alerts", error);
      return 1;
    }

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);

      print_alert (alert);
    }

  return 0;
}
