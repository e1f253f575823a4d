/* test-rrn.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <string.h>

#include "bp-day.h"
#include "bp-rrn.h"

/* Every number here is synthetic, made for this table; none is taken from a
 * person. The check number is 97 - (first nine digits mod 97), with a "2" in
 * front of the nine digits for people born from 2000 on. */
static const struct {
  const char *text;
  int         error_code;   /* -1: valid */
  int         birth_year;
  int         birth_month;
  int         birth_day_of_month;
  BpRrnSex    sex;
  gboolean    is_bis;
} cases[] = {
  /* 850730033 = 97 × 8770412 + 69; 97 - 69 = 28. 1985-07-30, serial 033 odd. */
  { "85073003328", -1, 1985, 7, 30, BP_RRN_SEX_MALE, FALSE },
  { "85.07.30-033.28", -1, 1985, 7, 30, BP_RRN_SEX_MALE, FALSE },
  { "850730 033 28", -1, 1985, 7, 30, BP_RRN_SEX_MALE, FALSE },
  /* Born 2000-02-29, a leap day: 2000229002 = 97 × 20620917 + 53; 97 - 53 = 44. */
  { "00022900244", -1, 2000, 2, 29, BP_RRN_SEX_FEMALE, FALSE },
  /* 2241115417 = 97 × 23104282 + 63; 97 - 63 = 34. 2024-11-15. */
  { "24.11.15-417.34", -1, 2024, 11, 15, BP_RRN_SEX_MALE, FALSE },
  /* Birth month and day unknown (00): 930000018 = 97 × 9587629 + 5; 97 - 5 = 92. */
  { "93000001892", -1, 1993, 0, 0, BP_RRN_SEX_FEMALE, FALSE },
  /* BIS, month + 40, day unknown: 934100055 = 97 × 9629897 + 46; 97 - 46 = 51. */
  { "93410005551", -1, 1993, 1, 0, BP_RRN_SEX_MALE, TRUE },
  /* BIS, month + 20: 712215001 = 97 × 7342422 + 67; 97 - 67 = 30. */
  { "71221500130", -1, 1971, 2, 15, BP_RRN_SEX_MALE, TRUE },
  /* Highest serial: 900101998 = 97 × 9279402 + 4; 97 - 4 = 93. */
  { "90010199893", -1, 1990, 1, 1, BP_RRN_SEX_FEMALE, FALSE },

  { "", BP_RRN_ERROR_TOO_SHORT },
  { "8507300332", BP_RRN_ERROR_TOO_SHORT },
  { "85.07.30-033", BP_RRN_ERROR_TOO_SHORT },
  { "850730033281", BP_RRN_ERROR_TOO_LONG },
  { "85O73003328", BP_RRN_ERROR_NOT_DIGITS },
  { "85/07/30-033.28", BP_RRN_ERROR_NOT_DIGITS },
  /* One digit off, and two digits swapped. */
  { "85073003329", BP_RRN_ERROR_CHECKSUM },
  { "58073003328", BP_RRN_ERROR_CHECKSUM },
  /* The check of the other century: 850730033 would need 57 only if born in 2085. */
  { "85073003357", -1, 2085, 7, 30, BP_RRN_SEX_MALE, FALSE },
  /* 1985-02-30: 850230033 = 97 × 8765258 + 7; 97 - 7 = 90. */
  { "85023003390", BP_RRN_ERROR_DATE },
  /* 2001-02-29 is no leap day: 2010229002 = 97 × 20724010 + 32; 97 - 32 = 65. */
  { "01022900265", BP_RRN_ERROR_DATE },
  /* Nor is 1900-02-29: 000229002 = 97 × 2360 + 82; 97 - 82 = 15. */
  { "00022900215", BP_RRN_ERROR_DATE },
  /* Month 13: 851301001 = 97 × 8776298 + 95; 97 - 95 = 2. */
  { "85130100102", BP_RRN_ERROR_DATE },
  /* A day in an unknown month: 930005001 = 97 × 9587680 + 41; 97 - 41 = 56. */
  { "93000500156", BP_RRN_ERROR_DATE },
  /* Serial 000: 850730000 = 97 × 8770412 + 36; 97 - 36 = 61. */
  { "85073000061", BP_RRN_ERROR_SERIAL },
  /* Serial 999: 850730999 = 97 × 8770422 + 65; 97 - 65 = 32. */
  { "85073099932", BP_RRN_ERROR_SERIAL },
};

static void
test_rrn_validate_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = NULL;
      BpRrnInfo info = { 0 };
      gboolean ok;

      g_test_message ("case %u", i);
      ok = bp_rrn_parse (cases[i].text, &digits, &info, &error);

      if (cases[i].error_code >= 0)
        {
          g_assert_false (ok);
          g_assert_error (error, BP_RRN_ERROR, cases[i].error_code);
          /* The message is a sentence, and never repeats the number. */
          g_assert_true (g_str_has_suffix (error->message, "."));
          if (*cases[i].text)
            g_assert_null (strstr (error->message, cases[i].text));
          g_assert_false (bp_rrn_validate (cases[i].text, NULL));
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (bp_rrn_validate (cases[i].text, NULL));
      g_assert_cmpuint (strlen (digits), ==, 11);
      g_assert_cmpint (info.birth_year, ==, cases[i].birth_year);
      g_assert_cmpint (info.birth_month, ==, cases[i].birth_month);
      g_assert_cmpint (info.birth_day_of_month, ==, cases[i].birth_day_of_month);
      g_assert_cmpint (info.sex, ==, cases[i].sex);
      g_assert_cmpint (info.is_bis, ==, cases[i].is_bis);
    }
}

static void
test_rrn_format (void)
{
  g_autofree char *formatted = bp_rrn_format ("85073003328");

  g_assert_cmpstr (formatted, ==, "85.07.30-033.28");
  g_assert_true (bp_rrn_validate (formatted, NULL));
}

static void
test_rrn_make_fake (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261115);
  g_autoptr(GRand) again = g_rand_new_with_seed (20261115);
  static const char * const births[] = {
    "1900-01-01", "1931-12-31", "1999-12-31", "2000-01-01", "2000-02-29", "2026-11-15", "2099-12-31",
  };

  for (guint i = 0; i < G_N_ELEMENTS (births); i++)
    for (BpRrnSex sex = BP_RRN_SEX_UNKNOWN; sex <= BP_RRN_SEX_MALE; sex++)
      for (guint k = 0; k < 200; k++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *rrn = NULL;
          g_autofree char *same = NULL;
          BpRrnInfo info;
          int birth_day;
          int year;
          int month;
          int day_of_month;

          g_assert_true (bp_day_from_iso (births[i], &birth_day, NULL));
          rrn = bp_rrn_make_fake (rand, birth_day, sex);
          same = bp_rrn_make_fake (again, birth_day, sex);

          /* The same seed gives the same numbers. */
          g_assert_cmpstr (rrn, ==, same);
          g_assert_true (bp_rrn_parse (rrn, NULL, &info, &error));
          g_assert_no_error (error);

          bp_day_to_ymd (birth_day, &year, &month, &day_of_month);
          g_assert_cmpint (info.birth_year, ==, year);
          g_assert_cmpint (info.birth_month, ==, month);
          g_assert_cmpint (info.birth_day_of_month, ==, day_of_month);
          g_assert_false (info.is_bis);
          if (sex != BP_RRN_SEX_UNKNOWN)
            g_assert_cmpint (info.sex, ==, sex);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rrn/validate/table", test_rrn_validate_table);
  g_test_add_func ("/rrn/format", test_rrn_format);
  g_test_add_func ("/rrn/make-fake", test_rrn_make_fake);

  return g_test_run ();
}
