/* bp-day.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-day"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-day.h"

G_DEFINE_QUARK (bp-day-error-quark, bp_day_error)

static int
days_in_month (int year,
               int month)
{
  static const int lengths[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean is_leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_assert (month >= 1 && month <= 12);

  return month == 2 && is_leap ? 29 : lengths[month - 1];
}

/**
 * bp_day_is_valid_ymd:
 * @year: the year, 1 to 9999
 * @month: the month, 1 to 12
 * @day_of_month: the day in the month, from 1
 *
 * Returns: %TRUE when the date exists, so 2024-02-29 does and 2026-02-30
 *   does not
 */
gboolean
bp_day_is_valid_ymd (int year,
                     int month,
                     int day_of_month)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day_of_month >= 1 && day_of_month <= days_in_month (year, month);
}

/**
 * bp_day_from_ymd:
 * @year: the year
 * @month: the month, 1 to 12
 * @day_of_month: the day in the month
 *
 * Converts a valid calendar date to a day number. The date must be valid,
 * see bp_day_is_valid_ymd().
 *
 * Returns: the days since 1970-01-01
 */
int
bp_day_from_ymd (int year,
                 int month,
                 int day_of_month)
{
  int era;
  int year_of_era;
  int day_of_year;
  int day_of_era;

  g_return_val_if_fail (bp_day_is_valid_ymd (year, month, day_of_month), 0);

  /* Howard Hinnant's days_from_civil(): years start on 1 March, so the leap
   * day is the last day of a year. */
  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day_of_month - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

/**
 * bp_day_to_ymd:
 * @day: days since 1970-01-01
 * @year: (out) (optional): the year
 * @month: (out) (optional): the month, 1 to 12
 * @day_of_month: (out) (optional): the day in the month
 */
void
bp_day_to_ymd (int  day,
               int *year,
               int *month,
               int *day_of_month)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int day_of_era = z - era * 146097;
  int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int mp = (5 * day_of_year + 2) / 153;
  int d = day_of_year - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = year_of_era + era * 400 + (m <= 2);
  if (month)
    *month = m;
  if (day_of_month)
    *day_of_month = d;
}

/**
 * bp_day_get_weekday:
 * @day: days since 1970-01-01
 *
 * Returns: the ISO weekday, 1 for Monday to 7 for Sunday
 */
int
bp_day_get_weekday (int day)
{
  /* 1970-01-01 was a Thursday. */
  int weekday = (day + 3) % 7;

  if (weekday < 0)
    weekday += 7;

  return weekday + 1;
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

/**
 * bp_day_from_iso:
 * @text: a date as `YYYY-MM-DD`
 * @day: (out): the days since 1970-01-01
 * @error: return location for a #BpDayError
 *
 * Parses a calendar date. Dates that do not exist, such as 2026-02-30, and
 * any other form are refused with %BP_DAY_ERROR_INVALID.
 *
 * Returns: %TRUE when @text is a valid date
 */
gboolean
bp_day_from_iso (const char  *text,
                 int         *day,
                 GError     **error)
{
  int year;
  int month;
  int day_of_month;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !parse_digits (text, 4, &year) ||
      !parse_digits (text + 5, 2, &month) ||
      !parse_digits (text + 8, 2, &day_of_month))
    {
      g_set_error (error, BP_DAY_ERROR, BP_DAY_ERROR_INVALID,
                   _("“%s” is not a date. Write dates as YYYY-MM-DD, for example 2026-11-15."),
                   text);
      return FALSE;
    }

  if (!bp_day_is_valid_ymd (year, month, day_of_month))
    {
      g_set_error (error, BP_DAY_ERROR, BP_DAY_ERROR_INVALID,
                   _("The date %s does not exist."), text);
      return FALSE;
    }

  *day = bp_day_from_ymd (year, month, day_of_month);
  return TRUE;
}

/**
 * bp_day_to_iso:
 * @day: days since 1970-01-01
 *
 * Returns: (transfer full): the date as `YYYY-MM-DD`
 */
char *
bp_day_to_iso (int day)
{
  int year;
  int month;
  int day_of_month;

  bp_day_to_ymd (day, &year, &month, &day_of_month);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day_of_month);
}
