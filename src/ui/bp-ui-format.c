/* bp-ui-format.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chart-axis.h"
#include "bp-day.h"
#include "bp-map-metric.h"
#include "bp-ui-format.h"

/* How figures read on screen: digits grouped as the locale groups them,
 * long dates in the locale's words, and hidden counts as "<5". */

/**
 * bp_ui_format_count:
 * @n_cases: a count, or %BP_COUNT_SUPPRESSED
 * @suppress_small: whether counts of 1 to 4 are hidden
 *
 * Returns: (transfer full): the count as the interface shows it
 */
char *
bp_ui_format_count (gint64   n_cases,
                    gboolean suppress_small)
{
  if (n_cases == BP_COUNT_SUPPRESSED || (suppress_small && bp_count_is_small (n_cases)))
    return g_strdup (_("<5"));
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n_cases);
}

/**
 * bp_ui_format_freshness:
 * @figures: the figures shown
 * @age_days: (out) (optional): how many days before today the newest
 *   count is, or -1 without counts
 *
 * Returns: (transfer full): how fresh the counts are, in a sentence
 */
char *
bp_ui_format_freshness (BpDashboardFigures *figures,
                        int                *age_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *newest = NULL;
  g_autofree char *text = NULL;
  int first_day, last_day, today, age;

  if (!bp_dashboard_figures_get_data_range (figures, &first_day, &last_day))
    {
      if (age_days)
        *age_days = -1;
      return g_strdup (_("No counts in the store"));
    }

  today = bp_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
  age = today - last_day;
  newest = bp_chart_format_full_date (last_day);
  if (age_days)
    *age_days = age;

  if (age <= 0)
    text = g_strdup_printf (_("Counts up to %s, today"), newest);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Counts up to %s, %d day old",
                                         "Counts up to %s, %d days old", age), newest, age);

  if (bp_dashboard_figures_get_small_suppressed (figures))
    return g_strdup_printf (_("%s · counts under 5 hidden"), text);
  return g_steal_pointer (&text);
}
