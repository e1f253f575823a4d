/* bp-rrn.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-rrn"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-day.h"
#include "bp-rrn.h"

/* The Belgian national register number (rijksregisternummer, INSZ) is
 * YYMMDD SSS CC: birth date, a serial that is odd for men and even for women,
 * and a check number 97 - (YYMMDDSSS mod 97). For people born from 2000 on,
 * the check is computed over "2" followed by the nine digits. A BIS number
 * (for people outside the register) adds 20 to the month when the sex was
 * unknown when it was given and 40 when it was known. See the description of
 * the INSZ by the Crossroads Bank for Social Security (KSZ-BCSS). */

#define RRN_LENGTH 11

G_DEFINE_QUARK (bp-rrn-error-quark, bp_rrn_error)

static int
check_number (gint64   first_nine,
              gboolean born_from_2000)
{
  return 97 - (int)((born_from_2000 ? 2000000000 + first_nine : first_nine) % 97);
}

static int
digits_value (const char *digits,
              guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (digits[i] - '0');

  return value;
}

/**
 * bp_rrn_parse:
 * @text: a national register number, as 11 digits or written with
 *   separators such as `YY.MM.DD-SSS.CC`
 * @digits: (out) (optional) (transfer full): the 11 digits without separators
 * @info: (out caller-allocates) (optional): what the number says
 * @error: return location for a #BpRrnError
 *
 * Checks a national register number or BIS number: its length, its check
 * number (in both century variants), the birth date it holds and its serial.
 * The number itself is never put in an error message.
 *
 * Returns: %TRUE when @text is a valid number
 */
gboolean
bp_rrn_parse (const char  *text,
              char       **digits,
              BpRrnInfo   *info,
              GError     **error)
{
  char clean[RRN_LENGTH + 1];
  guint n_digits = 0;
  gint64 first_nine;
  int check;
  gboolean born_from_2000;
  int year;
  int month;
  int day_of_month;
  int serial;
  gboolean is_bis = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p++)
    {
      if (*p == '.' || *p == '-' || *p == ' ')
        continue;

      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_NOT_DIGITS,
                       _("A national register number holds only digits, with dots, dashes or spaces between them."));
          return FALSE;
        }

      if (n_digits < RRN_LENGTH)
        clean[n_digits] = *p;
      n_digits++;
    }

  if (n_digits < RRN_LENGTH)
    {
      g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_TOO_SHORT,
                   _("A national register number has 11 digits; this one is too short."));
      return FALSE;
    }

  if (n_digits > RRN_LENGTH)
    {
      g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_TOO_LONG,
                   _("A national register number has 11 digits; this one is too long."));
      return FALSE;
    }

  clean[RRN_LENGTH] = '\0';
  first_nine = g_ascii_strtoll (clean, NULL, 10) / 100;
  check = digits_value (clean + 9, 2);

  if (check == check_number (first_nine, FALSE))
    born_from_2000 = FALSE;
  else if (check == check_number (first_nine, TRUE))
    born_from_2000 = TRUE;
  else
    {
      g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_CHECKSUM,
                   _("The national register number is mistyped: its last two digits do not match the rest."));
      return FALSE;
    }

  year = (born_from_2000 ? 2000 : 1900) + digits_value (clean, 2);
  month = digits_value (clean + 2, 2);
  day_of_month = digits_value (clean + 4, 2);
  serial = digits_value (clean + 6, 3);

  if (month >= 40)
    {
      month -= 40;
      is_bis = TRUE;
    }
  else if (month >= 20)
    {
      month -= 20;
      is_bis = TRUE;
    }

  /* The register writes 00 for an unknown month or day; a known day in an
   * unknown month cannot be. */
  if (month > 12 ||
      (month == 0 && day_of_month != 0) ||
      (month > 0 && day_of_month > 0 && !bp_day_is_valid_ymd (year, month, day_of_month)) ||
      (month > 0 && day_of_month > 31))
    {
      g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_DATE,
                   _("The national register number holds a birth date that does not exist."));
      return FALSE;
    }

  if (serial < 1 || serial > 998)
    {
      g_set_error (error, BP_RRN_ERROR, BP_RRN_ERROR_SERIAL,
                   _("The national register number has a serial number (digits 7 to 9) outside 001 to 998."));
      return FALSE;
    }

  if (digits)
    *digits = g_strdup (clean);

  if (info)
    {
      info->birth_year = year;
      info->birth_month = month;
      info->birth_day_of_month = day_of_month;
      info->serial = serial;
      info->sex = serial % 2 ? BP_RRN_SEX_MALE : BP_RRN_SEX_FEMALE;
      info->is_bis = is_bis;
    }

  return TRUE;
}

/**
 * bp_rrn_validate:
 * @text: a national register number, with or without separators
 * @error: return location for a #BpRrnError
 *
 * Checks a national register number as bp_rrn_parse() does. The error
 * message is a whole sentence for the person who typed the number.
 *
 * Returns: %TRUE when @text is a valid number
 */
gboolean
bp_rrn_validate (const char  *text,
                 GError     **error)
{
  return bp_rrn_parse (text, NULL, NULL, error);
}

/**
 * bp_rrn_format:
 * @digits: the 11 digits of a valid number
 *
 * Returns: (transfer full): the number as written on an identity card,
 *   `YY.MM.DD-SSS.CC`
 */
char *
bp_rrn_format (const char *digits)
{
  g_return_val_if_fail (digits != NULL && strlen (digits) == RRN_LENGTH, NULL);

  return g_strdup_printf ("%.2s.%.2s.%.2s-%.3s.%.2s",
                          digits, digits + 2, digits + 4, digits + 6, digits + 9);
}

/**
 * bp_rrn_make_fake:
 * @rand: the random source, so a seed gives the same numbers
 * @birth_day: the birth date, in days since 1970-01-01, from 1900 to 2099
 * @sex: the sex the serial shows; %BP_RRN_SEX_UNKNOWN picks one
 *
 * Makes a synthetic number with a valid check number, for demo data and
 * tests only. It is not reserved: a real person may hold the same number,
 * so it must never leave demo data.
 *
 * Returns: (transfer full): the 11 digits
 */
char *
bp_rrn_make_fake (GRand    *rand,
                  int       birth_day,
                  BpRrnSex  sex)
{
  int year;
  int month;
  int day_of_month;
  int serial;
  gint64 first_nine;

  g_return_val_if_fail (rand != NULL, NULL);

  bp_day_to_ymd (birth_day, &year, &month, &day_of_month);
  g_return_val_if_fail (year >= 1900 && year <= 2099, NULL);

  /* 1..998, odd for men and even for women. */
  serial = g_rand_int_range (rand, 1, 999);
  if (sex == BP_RRN_SEX_MALE && serial % 2 == 0)
    serial -= 1;
  else if (sex == BP_RRN_SEX_FEMALE && serial % 2 == 1)
    serial += 1;

  first_nine = ((gint64)(year % 100) * 10000 + month * 100 + day_of_month) * 1000 + serial;

  return g_strdup_printf ("%09" G_GINT64_FORMAT "%02d", first_nine,
                          check_number (first_nine, year >= 2000));
}
