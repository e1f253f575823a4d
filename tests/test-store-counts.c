/* test-store-counts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>

#include "bp-day.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-private.h"

typedef struct
{
  char    *path;
  BpStore *store;
  gint64   sector_ids[4];
  gint64   municipality_ids[2];
  gint64   province_id;
  gint64   region_id;
} StoreFixture;

static BpAreaRecord *
make_record (const char *code,
             const char *parent_code,
             gint64      population,
             double      lon)
{
  BpAreaRecord *record = bp_area_record_new ();

  record->code = g_strdup (code);
  record->parent_code = g_strdup (parent_code);
  record->name_nl = g_strdup_printf ("Testgebied %s", code);
  record->population = population;
  record->geometry = bp_geometry_new ();
  bp_geometry_begin_polygon (record->geometry);
  bp_geometry_begin_ring (record->geometry);
  bp_geometry_add_point (record->geometry, lon, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.01);
  bp_geometry_add_point (record->geometry, lon, 51.01);

  return record;
}

static void
import_level (BpStore      *store,
              BpAreaLevel   level,
              BpAreaRecord *first,
              ...)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (BpAreaRecord *record = first; record; record = va_arg (args, BpAreaRecord *))
    g_ptr_array_add (records, record);
  va_end (args);

  bp_store_import_areas (store, level, records, "test", NULL, &error);
  g_assert_no_error (error);
}

static gint64
area_id (BpStore     *store,
         BpAreaLevel  level,
         const char  *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpArea) area = bp_store_dup_area (store, level, code, &error);

  g_assert_no_error (error);
  return bp_area_get_id (area);
}

/* One region and province, a care zone with two municipalities of two
 * sectors each. */
static void
store_set_up (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const sectors[] = { "99001A00-", "99001B00-", "99002A00-", "99002B00-" };

  fixture->path = g_build_filename (g_get_user_data_dir (), "counts.db", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  import_level (fixture->store, BP_AREA_LEVEL_REGION, make_record ("02000", NULL, 4000, 4.0), NULL);
  import_level (fixture->store, BP_AREA_LEVEL_PROVINCE, make_record ("10000", "02000", 4000, 4.0), NULL);
  import_level (fixture->store, BP_AREA_LEVEL_CARE_ZONE, make_record ("elz99", "10000", 4000, 4.0), NULL);
  import_level (fixture->store, BP_AREA_LEVEL_MUNICIPALITY,
                make_record ("99001", "elz99", 2000, 4.0), make_record ("99002", "elz99", 2000, 4.02), NULL);
  import_level (fixture->store, BP_AREA_LEVEL_SECTOR,
                make_record (sectors[0], "99001", 1000, 4.0), make_record (sectors[1], "99001", 1000, 4.01),
                make_record (sectors[2], "99002", 1000, 4.02), make_record (sectors[3], "99002", 1000, 4.03),
                NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    fixture->sector_ids[i] = area_id (fixture->store, BP_AREA_LEVEL_SECTOR, sectors[i]);
  fixture->municipality_ids[0] = area_id (fixture->store, BP_AREA_LEVEL_MUNICIPALITY, "99001");
  fixture->municipality_ids[1] = area_id (fixture->store, BP_AREA_LEVEL_MUNICIPALITY, "99002");
  fixture->province_id = area_id (fixture->store, BP_AREA_LEVEL_PROVINCE, "10000");
  fixture->region_id = area_id (fixture->store, BP_AREA_LEVEL_REGION, "02000");
}

static void
store_tear_down (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

#define FIRST_DAY 20000
#define N_DAYS    60

/* A series with gaps: day i of sector s, band b has this many cases; zero
 * on many days, including the first ones. */
static int
series_value (guint s,
              guint b,
              int   i)
{
  guint hash = (s * 7919u + b * 104729u + (guint)i * 2654435761u) >> 7;

  if (i < 3 || hash % 3 == 0)
    return 0;
  return hash % 17;
}

static void
write_series (StoreFixture *fixture,
              int           first,
              int           last)
{
  g_autoptr(BpCountWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  writer = bp_store_begin_counts (fixture->store, &error);
  g_assert_no_error (error);

  /* Day-major, the order a simulation gives, which the writer accepts. */
  for (int i = first; i <= last; i++)
    for (guint s = 0; s < G_N_ELEMENTS (fixture->sector_ids); s++)
      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        {
          int n = series_value (s, b, i);
          /* Part of a day's cases are clinical, so every series has two
           * running sums that a window must add up. */
          int n_clinical = (s + b + i) % 4 == 0 ? n / 3 : 0;

          bp_count_writer_add (writer, fixture->sector_ids[s], b, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + i,
                               n - n_clinical, &error);
          g_assert_no_error (error);
          bp_count_writer_add (writer, fixture->sector_ids[s], b, BP_CASE_SOURCE_CLINICAL, FIRST_DAY + i,
                               n_clinical, &error);
          g_assert_no_error (error);
        }

  bp_count_writer_commit (writer, &error);
  g_assert_no_error (error);
}

static gint64
brute_force_sum (guint s_first,
                 guint s_last,
                 int   band,
                 int   last_day,
                 int   window_days)
{
  gint64 sum = 0;

  for (guint s = s_first; s <= s_last; s++)
    for (guint b = 0; b < BP_N_AGE_BANDS; b++)
      for (int i = 0; i < N_DAYS; i++)
        {
          int day = FIRST_DAY + i;

          if ((band < 0 || (guint)band == b) && day > last_day - window_days && day <= last_day)
            sum += series_value (s, b, i);
        }

  return sum;
}

static void
check_all_windows (StoreFixture *fixture)
{
  static const int windows[] = { 1, 7, 14 };

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    for (int last_day = FIRST_DAY - 3; last_day <= FIRST_DAY + N_DAYS + 15; last_day++)
      {
        g_autoptr(GError) error = NULL;
        gint64 n;

        for (guint s = 0; s < G_N_ELEMENTS (fixture->sector_ids); s++)
          for (int band = -1; band < BP_N_AGE_BANDS; band += 4)
            {
              bp_store_get_window_sum (fixture->store, fixture->sector_ids[s], band, last_day, windows[w], &n, &error);
              g_assert_no_error (error);
              g_assert_cmpint (n, ==, brute_force_sum (s, s, band, last_day, windows[w]));
            }

        bp_store_get_area_window_sum (fixture->store, fixture->municipality_ids[1], 2, last_day, windows[w], &n, &error);
        g_assert_no_error (error);
        g_assert_cmpint (n, ==, brute_force_sum (2, 3, 2, last_day, windows[w]));

        bp_store_get_area_window_sum (fixture->store, fixture->province_id, -1, last_day, windows[w], &n, &error);
        g_assert_no_error (error);
        g_assert_cmpint (n, ==, brute_force_sum (0, 3, -1, last_day, windows[w]));

        bp_store_get_area_window_sum (fixture->store, 0, -1, last_day, windows[w], &n, &error);
        g_assert_no_error (error);
        g_assert_cmpint (n, ==, brute_force_sum (0, 3, -1, last_day, windows[w]));
      }
}

static void
test_counts_window_sums (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) daily = NULL;
  gint64 by_band[BP_N_AGE_BANDS];
  int first_day;
  int last_day;

  bp_store_get_count_range (fixture->store, &first_day, &last_day, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_day, >, last_day);

  write_series (fixture, 0, N_DAYS - 1);

  bp_store_get_count_range (fixture->store, &first_day, &last_day, &error);
  g_assert_no_error (error);
  /* The first three days have no cases, so no rows. */
  g_assert_cmpint (first_day, ==, FIRST_DAY + 3);
  g_assert_cmpint (last_day, <=, FIRST_DAY + N_DAYS - 1);

  check_all_windows (fixture);

  bp_store_get_area_window_sums_by_band (fixture->store, fixture->region_id, FIRST_DAY + 30, 14, by_band, &error);
  g_assert_no_error (error);
  for (int b = 0; b < BP_N_AGE_BANDS; b++)
    g_assert_cmpint (by_band[b], ==, brute_force_sum (0, 3, b, FIRST_DAY + 30, 14));

  daily = bp_store_dup_daily_counts (fixture->store, fixture->municipality_ids[0], -1,
                                     FIRST_DAY - 2, FIRST_DAY + N_DAYS + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (daily->len, ==, N_DAYS + 5);
  for (guint i = 0; i < daily->len; i++)
    {
      int day = FIRST_DAY - 2 + i;

      g_assert_cmpint (g_array_index (daily, gint64, i), ==, brute_force_sum (0, 1, -1, day, 1));
    }
}

static void
test_counts_append (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A second load continues each series' running sum. */
  write_series (fixture, 0, 24);
  write_series (fixture, 25, N_DAYS - 1);
  check_all_windows (fixture);
}

static void
test_counts_refused (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(BpCountWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = -1;
  int first_day;
  int last_day;

  write_series (fixture, 10, 20);

  writer = bp_store_begin_counts (fixture->store, &error);
  g_assert_no_error (error);

  g_assert_false (bp_count_writer_add (writer, fixture->sector_ids[0], 9, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 30, 1, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bp_count_writer_add (writer, fixture->sector_ids[0], 0, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 30, -1, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Not before or on a day already stored. */
  g_assert_false (bp_count_writer_add (writer, fixture->sector_ids[1], 1, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 20, 5, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bp_count_writer_add (writer, fixture->sector_ids[1], 1, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 40, 5, &error));
  g_assert_no_error (error);
  g_assert_false (bp_count_writer_add (writer, fixture->sector_ids[1], 1, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 39, 5, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A writer freed without a commit leaves nothing. */
  g_clear_pointer (&writer, bp_count_writer_free);
  bp_store_get_count_range (fixture->store, &first_day, &last_day, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_day, <=, FIRST_DAY + 20);

  g_assert_false (bp_store_get_window_sum (fixture->store, fixture->sector_ids[0], 12, FIRST_DAY, 7, &n, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bp_store_get_area_window_sum (fixture->store, 123456, -1, FIRST_DAY, 7, &n, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
}

static void
test_counts_nursing_homes (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) homes = NULL;
  gint64 first = 0;
  gint64 second = 0;
  guint n_homes;

  bp_store_add_nursing_home (fixture->store, "wzc-1", "WZC Demo Testgebied 1", fixture->sector_ids[0], 90, &first, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home (fixture->store, "wzc-2", "WZC Demo Testgebied 2", fixture->sector_ids[3], 120, &second, &error);
  g_assert_no_error (error);
  g_assert_false (bp_store_add_nursing_home (fixture->store, "wzc-3", "WZC Demo Testgebied 3",
                                             fixture->sector_ids[3], 0, NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  homes = bp_store_list_nursing_homes (fixture->store, fixture->municipality_ids[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (homes->len, ==, 1);
  g_assert_cmpstr (((BpNursingHome *)g_ptr_array_index (homes, 0))->code, ==, "wzc-2");
  g_clear_pointer (&homes, g_ptr_array_unref);
  homes = bp_store_list_nursing_homes (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (homes->len, ==, 2);

  bp_store_add_nursing_home_signal (fixture->store, first, FIRST_DAY, 2, 1, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home_signal (fixture->store, second, FIRST_DAY + 10, 0, 1, &error);
  g_assert_no_error (error);

  {
    static const struct {
      int   area;        /* 0 all, 1 municipality 99002 */
      int   last_day;
      int   window_days;
      guint expected;
    } cases[] = {
      { 0, FIRST_DAY - 1, 14, 0 },
      { 0, FIRST_DAY, 1, 1 },
      { 0, FIRST_DAY + 10, 14, 2 },
      { 0, FIRST_DAY + 10, 10, 1 },    /* (day - 10, day] leaves out the first */
      { 1, FIRST_DAY + 10, 14, 1 },
      { 0, FIRST_DAY + 30, 14, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        bp_store_count_nursing_homes_with_signals (fixture->store,
                                                   cases[i].area ? fixture->municipality_ids[1] : 0,
                                                   cases[i].last_day, cases[i].window_days,
                                                   &n_homes, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (n_homes, ==, cases[i].expected);
      }
  }
}

static void
test_day_iso (void)
{
  static const struct {
    const char *text;
    int         day;   /* -1: refused; -2: day -1 */
  } cases[] = {
    { "1970-01-01", 0 },
    { "1969-12-31", -2 },  /* day -1 */
    { "2000-02-29", 11016 },
    { "2024-02-29", 19782 },
    { "2026-11-15", 20772 },
    { "2026-02-30", -1 },
    { "2025-02-29", -1 },
    { "1900-02-29", -1 },
    { "2026-13-01", -1 },
    { "2026-00-10", -1 },
    { "2026-04-31", -1 },
    { "2026-1-5", -1 },
    { "2026-11-15x", -1 },
    { "15-11-2026", -1 },
    { "", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int day = 0;
      gboolean ok = bp_day_from_iso (cases[i].text, &day, &error);

      if (cases[i].day == -1)
        {
          g_assert_false (ok);
          g_assert_error (error, BP_DAY_ERROR, BP_DAY_ERROR_INVALID);
        }
      else if (cases[i].day == -2)
        {
          /* Before 1970 is a negative day. */
          g_assert_no_error (error);
          g_assert_cmpint (day, ==, -1);
        }
      else
        {
          g_autofree char *back = NULL;

          g_assert_no_error (error);
          g_assert_cmpint (day, ==, cases[i].day);
          back = bp_day_to_iso (day);
          g_assert_cmpstr (back, ==, cases[i].text);
        }
    }

  /* Every day from 1900 to 2100 agrees with GDate, weekday too. */
  for (int day = bp_day_from_ymd (1900, 1, 1); day <= bp_day_from_ymd (2100, 12, 31); day++)
    {
      g_autoptr(GDate) date = g_date_new_dmy (1, 1, 1970);
      int year;
      int month;
      int day_of_month;

      if (day >= 0)
        g_date_add_days (date, day);
      else
        g_date_subtract_days (date, -day);

      bp_day_to_ymd (day, &year, &month, &day_of_month);
      g_assert_cmpint (year, ==, g_date_get_year (date));
      g_assert_cmpint (month, ==, g_date_get_month (date));
      g_assert_cmpint (day_of_month, ==, g_date_get_day (date));
      g_assert_cmpint (bp_day_get_weekday (day), ==, g_date_get_weekday (date));
      g_assert_cmpint (bp_day_from_ymd (year, month, day_of_month), ==, day);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-counts/day/iso", test_day_iso);
  g_test_add ("/store-counts/window/sums", StoreFixture, NULL,
              store_set_up, test_counts_window_sums, store_tear_down);
  g_test_add ("/store-counts/window/append", StoreFixture, NULL,
              store_set_up, test_counts_append, store_tear_down);
  g_test_add ("/store-counts/writer/refused", StoreFixture, NULL,
              store_set_up, test_counts_refused, store_tear_down);
  g_test_add ("/store-counts/nursing-homes", StoreFixture, NULL,
              store_set_up, test_counts_nursing_homes, store_tear_down);

  return g_test_run ();
}
