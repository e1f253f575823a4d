/* test-map-metric.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <locale.h>
#include <math.h>

#include <glib/gstdio.h>

#include "bp-demo-generator.h"
#include "bp-map-metric.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-private.h"

#define FIRST_DAY 20000
#define N_DAYS    60

/* The sectors of the small store. */
enum {
  SECTOR_SIMPLE,      /* one case a day, ages 0-9, for 30 days */
  SECTOR_MIXED,       /* a pseudo-random series in every band */
  SECTOR_UNPEOPLED,   /* population 0 */
  SECTOR_SUPPRESSED,  /* a few cases, one count suppressed */
  N_SECTORS
};

static const struct {
  const char *code;
  gint64      population;
} sectors[N_SECTORS] = {
  { "99001A00-", 1000 },
  { "99001B00-", 2500 },
  { "99001C00-", 0 },
  { "99001D00-", 400 },
};

/* The municipality's residents per age band: 4000 in all. */
static const gint64 municipality_by_age[BP_N_AGE_BANDS] = { 400, 500, 600, 700, 600, 500, 400, 200, 100 };

#define SUPPRESSED_BAND 2
#define SUPPRESSED_DAY  (FIRST_DAY + 20)

typedef struct
{
  char    *path;
  BpStore *store;
  gint64   sector_ids[N_SECTORS];
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
              GPtrArray    *records)
{
  g_autoptr(GError) error = NULL;

  bp_store_import_areas (store, level, records, "test", NULL, &error);
  g_assert_no_error (error);
}

static GPtrArray *
records_of (BpAreaRecord *record)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);

  g_ptr_array_add (records, record);
  return records;
}

/* The cases of day i (from FIRST_DAY) in sector s and band b. */
static int
series_value (guint s,
              guint b,
              int   i)
{
  guint hash;

  switch (s)
    {
    case SECTOR_SIMPLE:
      return b == 0 && i < 30 ? 1 : 0;

    case SECTOR_MIXED:
    case SECTOR_UNPEOPLED:
      hash = (s * 7919u + b * 104729u + (guint)i * 2654435761u) >> 7;
      return i < 3 || hash % 3 == 0 ? 0 : hash % 11;

    case SECTOR_SUPPRESSED:
    default:
      if (b == SUPPRESSED_BAND && i == SUPPRESSED_DAY - FIRST_DAY)
        return 3;
      if (b == 5 && i == 18)
        return 6;
      return 0;
    }
}

/* The first days have no recorded source, as in a store written before
 * counts had one; from then on part of some days' cases are clinical. */
#define FIRST_RECORDED_DAY (FIRST_DAY + 4)

static int
series_source_value (guint        s,
                     guint        b,
                     int          i,
                     BpCaseSource source)
{
  int n = series_value (s, b, i);
  int n_clinical = (s + b + (guint)i) % 4 == 1 ? (n + 1) / 2 : 0;

  if (FIRST_DAY + i < FIRST_RECORDED_DAY)
    return source == BP_CASE_SOURCE_UNRECORDED ? n : 0;
  if (source == BP_CASE_SOURCE_CONFIRMED)
    return n - n_clinical;
  if (source == BP_CASE_SOURCE_CLINICAL)
    return n_clinical;
  return 0;
}

static void
store_set_up (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(BpCountWriter) writer = NULL;
  g_autoptr(sqlite3_stmt) suppress = NULL;
  BpAreaRecord *municipality;

  fixture->path = g_build_filename (g_get_user_data_dir (), "metric.db", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  records = records_of (make_record ("02000", NULL, 3900, 4.0));
  import_level (fixture->store, BP_AREA_LEVEL_REGION, records);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = records_of (make_record ("10000", "02000", 3900, 4.0));
  import_level (fixture->store, BP_AREA_LEVEL_PROVINCE, records);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = records_of (make_record ("elz99", "10000", 3900, 4.0));
  import_level (fixture->store, BP_AREA_LEVEL_CARE_ZONE, records);
  g_clear_pointer (&records, g_ptr_array_unref);

  municipality = make_record ("99001", "elz99", 3900, 4.0);
  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    municipality->population_by_age[b] = municipality_by_age[b];
  records = records_of (municipality);
  import_level (fixture->store, BP_AREA_LEVEL_MUNICIPALITY, records);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  for (guint s = 0; s < N_SECTORS; s++)
    g_ptr_array_add (records, make_record (sectors[s].code, "99001", sectors[s].population, 4.0 + s * 0.01));
  import_level (fixture->store, BP_AREA_LEVEL_SECTOR, records);

  for (guint s = 0; s < N_SECTORS; s++)
    {
      g_autoptr(BpArea) area = bp_store_dup_area (fixture->store, BP_AREA_LEVEL_SECTOR, sectors[s].code, &error);

      g_assert_no_error (error);
      fixture->sector_ids[s] = bp_area_get_id (area);
    }

  writer = bp_store_begin_counts (fixture->store, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < N_SECTORS; s++)
    for (guint b = 0; b < BP_N_AGE_BANDS; b++)
      for (BpCaseSource source = 0; source < BP_N_CASE_SOURCES; source++)
        for (int i = 0; i < N_DAYS; i++)
          {
            bp_count_writer_add (writer, fixture->sector_ids[s], b, source, FIRST_DAY + i,
                                 series_source_value (s, b, i, source), &error);
            g_assert_no_error (error);
          }
  bp_count_writer_commit (writer, &error);
  g_assert_no_error (error);

  /* The writer has no flag: the control tower marks a count of 1 to 4, of
   * one source. */
  suppress = _bp_store_prepare (fixture->store,
                                "UPDATE case_count SET is_suppressed = 1"
                                " WHERE sector_id = ?1 AND age_band = ?2 AND day = ?3"
                                " AND source = (SELECT min (c.source) FROM case_count c"
                                "               WHERE c.sector_id = ?1 AND c.age_band = ?2 AND c.day = ?3)",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (suppress, 1, fixture->sector_ids[SECTOR_SUPPRESSED]);
  sqlite3_bind_int (suppress, 2, SUPPRESSED_BAND);
  sqlite3_bind_int (suppress, 3, SUPPRESSED_DAY);
  g_assert_cmpint (sqlite3_step (suppress), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (_bp_store_get_db (fixture->store)), ==, 1);
}

static void
store_tear_down (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* The cases of @sources in (last_day - window_days, last_day] and whether
 * one is suppressed, by a plain scan of the table. */
static gint64
sql_window_sum (BpStore            *store,
                gint64              sector_id,
                int                 age_band,
                BpCaseSourceFilter  sources,
                int                 last_day,
                int                 window_days,
                gboolean           *is_suppressed)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store,
                                                    "SELECT total (n_cases), total (is_suppressed) FROM case_count"
                                                    " WHERE sector_id = ?1 AND day > ?2 AND day <= ?3"
                                                    " AND (?4 < 0 OR age_band = ?4) AND (?5 >> source) & 1",
                                                    NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, sector_id);
  sqlite3_bind_int (stmt, 2, last_day - window_days);
  sqlite3_bind_int (stmt, 3, last_day);
  sqlite3_bind_int (stmt, 4, age_band);
  sqlite3_bind_int (stmt, 5, sources);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  *is_suppressed = sqlite3_column_double (stmt, 1) > 0;
  return (gint64)sqlite3_column_double (stmt, 0);
}

/* What a metric must give, worked out from the window sums. */
static void
expected_value (BpMapMetric   metric,
                gint64        cases_7,
                gint64        cases_14,
                gboolean      suppressed_7,
                gboolean      suppressed_14,
                double        population,
                double       *value,
                BpValueFlags *flags)
{
  gint64 previous = cases_14 - cases_7;

  *flags = 0;
  switch (metric)
    {
    case BP_MAP_METRIC_CASES_7:
      *value = cases_7;
      break;
    case BP_MAP_METRIC_CASES_14:
      *value = cases_14;
      break;
    case BP_MAP_METRIC_INCIDENCE_7:
    case BP_MAP_METRIC_INCIDENCE_14:
      if (population == 0)
        {
          *flags |= BP_VALUE_NO_POPULATION;
          *value = NAN;
        }
      else
        /* Multiplying first keeps a rate that is a whole number exact, so
         * that it falls in the class of the threshold it equals. */
        *value = (metric == BP_MAP_METRIC_INCIDENCE_7 ? cases_7 : cases_14) * 1e5 / population;
      break;
    case BP_MAP_METRIC_TREND:
    default:
      if (previous == 0)
        {
          *flags |= BP_VALUE_NO_PREVIOUS;
          *value = cases_7 == 0 ? 0 : NAN;
        }
      else
        *value = 100.0 * (cases_7 - previous) / previous;
      break;
    }

  if ((bp_map_metric_get_window_days (metric) == 7 && suppressed_7) ||
      (bp_map_metric_get_window_days (metric) == 14 && suppressed_14))
    {
      *flags |= BP_VALUE_SUPPRESSED;
      *value = NAN;
    }
}

static void
assert_same_value (double actual,
                   double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, 1e-9 * MAX (1.0, fabs (expected)));
}

/* The population of a band: the sector's share of the municipality's band. */
static double
band_population (gint64 sector_population,
                 int    age_band)
{
  gint64 total = 0;

  if (age_band < 0)
    return sector_population;

  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    total += municipality_by_age[b];

  return round ((double)sector_population * municipality_by_age[age_band] / total);
}

static void
test_metric_small_store_all (StoreFixture  *fixture,
                             gconstpointer  data)
{
  static const int bands[] = { -1, 0, SUPPRESSED_BAND, 5, 8 };
  static const BpCaseSourceFilter filters[] = {
    BP_CASE_SOURCE_FILTER_ALL,
    BP_CASE_SOURCE_FILTER_CONFIRMED,
    BP_CASE_SOURCE_FILTER_CLINICAL,
  };

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    for (int day = FIRST_DAY - 3; day <= FIRST_DAY + N_DAYS + 16; day++)
      {
        /* Each filter on a third of the days, and all on the suppressed
         * day, whose count is of one source. */
        BpCaseSourceFilter sources = day == SUPPRESSED_DAY ? BP_CASE_SOURCE_FILTER_ALL
                                     : filters[(guint)(day + b) % G_N_ELEMENTS (filters)];
        gint64 cases_7[N_SECTORS], cases_14[N_SECTORS];
        gboolean suppressed_7[N_SECTORS], suppressed_14[N_SECTORS];

        for (guint s = 0; s < N_SECTORS; s++)
          {
            cases_7[s] = sql_window_sum (fixture->store, fixture->sector_ids[s], bands[b], sources, day, 7,
                                         &suppressed_7[s]);
            cases_14[s] = sql_window_sum (fixture->store, fixture->sector_ids[s], bands[b], sources, day, 14,
                                          &suppressed_14[s]);
          }

        for (BpMapMetric metric = 0; metric < BP_MAP_METRIC_N_METRICS; metric++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(BpSectorValues) values = NULL;

            values = bp_store_compute_sector_values (fixture->store, metric, day, bands[b], sources, &error);
            g_assert_no_error (error);
            g_assert_cmpint (bp_sector_values_get_sources (values), ==, sources);
            g_assert_cmpint (bp_sector_values_get_metric (values), ==, metric);
            g_assert_cmpint (bp_sector_values_get_day (values), ==, day);
            g_assert_cmpint (bp_sector_values_get_age_band (values), ==, bands[b]);
            g_assert_cmpuint (bp_sector_values_get_n_sectors (values), ==, N_SECTORS);

            for (guint s = 0; s < N_SECTORS; s++)
              {
                double population = band_population (sectors[s].population, bands[b]);
                gint64 got_7, got_14, got_population;
                double expected, value;
                BpValueFlags expected_flags, flags;

                expected_value (metric, cases_7[s], cases_14[s], suppressed_7[s], suppressed_14[s], population,
                                &expected, &expected_flags);
                g_assert_true (bp_sector_values_lookup (values, fixture->sector_ids[s], &value, &flags));
                g_assert_cmphex (flags, ==, expected_flags);
                assert_same_value (value, expected);

                g_assert_true (bp_sector_values_get_counts (values, fixture->sector_ids[s],
                                                            &got_7, &got_14, &got_population));
                g_assert_cmpint (got_7, ==, suppressed_7[s] ? -1 : cases_7[s]);
                g_assert_cmpint (got_14, ==, suppressed_14[s] ? -1 : cases_14[s]);
                g_assert_cmpint (got_population, ==, (gint64)population);
              }

            /* As a user without medical access sees them: counts of 1 to 4
             * and everything made from one are hidden as well. */
            {
              g_autoptr(BpSectorValues) small = bp_sector_values_suppress_small (values);

              g_assert_true (bp_sector_values_get_small_suppressed (small));
              g_assert_false (bp_sector_values_get_small_suppressed (values));
              for (guint s = 0; s < N_SECTORS; s++)
                {
                  double population = band_population (sectors[s].population, bands[b]);
                  gint64 previous = cases_14[s] - cases_7[s];
                  gboolean hide_7 = suppressed_7[s] || (cases_7[s] >= 1 && cases_7[s] <= 4);
                  gboolean hide_14 = suppressed_14[s] || (cases_14[s] >= 1 && cases_14[s] <= 4);
                  gboolean hide_trend = hide_7 || hide_14 || (previous >= 1 && previous <= 4);
                  gint64 got_7, got_14;
                  double expected, value;
                  BpValueFlags expected_flags, flags;

                  expected_value (metric, cases_7[s], cases_14[s], hide_7,
                                  metric == BP_MAP_METRIC_TREND ? hide_trend : hide_14,
                                  population, &expected, &expected_flags);
                  g_assert_true (bp_sector_values_lookup (small, fixture->sector_ids[s], &value, &flags));
                  g_assert_cmphex (flags, ==, expected_flags);
                  assert_same_value (value, expected);
                  g_assert_true (bp_sector_values_get_counts (small, fixture->sector_ids[s], &got_7, &got_14, NULL));
                  g_assert_cmpint (got_7, ==, hide_7 ? -1 : cases_7[s]);
                  g_assert_cmpint (got_14, ==, hide_14 ? -1 : cases_14[s]);
                }
            }
          }
      }
}

/* Values worked out by hand from the series above. */
static void
test_metric_small_store_by_hand (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  static const struct {
    guint        sector;
    BpMapMetric  metric;
    int          day;       /* from FIRST_DAY */
    int          age_band;
    double       value;
    BpValueFlags flags;
  } cases[] = {
    /* One case a day from day 0: windows reaching before the first count. */
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_7, -1, -1, 0, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_7, 0, -1, 1, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_7, 2, -1, 3, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_14, 2, -1, 3, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_INCIDENCE_14, 2, -1, 300, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, 2, -1, NAN, BP_VALUE_NO_PREVIOUS },
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, -5, -1, 0, BP_VALUE_NO_PREVIOUS },
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, 8, -1, 100.0 * (7 - 2) / 2, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_7, 13, -1, 7, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_14, 13, -1, 14, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_INCIDENCE_14, 13, -1, 1400, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_INCIDENCE_7, 13, -1, 700, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, 13, -1, 0, 0 },
    /* Ages 0-9: 1000 × 400 / 4000 = 100 residents. */
    { SECTOR_SIMPLE, BP_MAP_METRIC_INCIDENCE_7, 13, 0, 7000, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_INCIDENCE_7, 13, 1, 0, 0 },
    /* The last case is on day 29. */
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, 36, -1, -100, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_CASES_14, 36, -1, 7, 0 },
    { SECTOR_SIMPLE, BP_MAP_METRIC_TREND, 50, -1, 0, BP_VALUE_NO_PREVIOUS },
    /* No residents: no incidence, but the cases count. */
    { SECTOR_UNPEOPLED, BP_MAP_METRIC_INCIDENCE_14, 30, -1, NAN, BP_VALUE_NO_POPULATION },
    { SECTOR_UNPEOPLED, BP_MAP_METRIC_INCIDENCE_7, 30, 4, NAN, BP_VALUE_NO_POPULATION },
    /* 3 suppressed cases (ages 20-29) on day 20, 6 (ages 50-59) on day 18. */
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_7, 19, -1, 6, 0 },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_7, 20, -1, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_INCIDENCE_7, 20, -1, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_7, 20, 5, 6, 0 },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_7, 20, SUPPRESSED_BAND, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_7, 27, -1, 0, 0 },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_14, 27, -1, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_TREND, 27, -1, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_TREND, 34, -1, 0, BP_VALUE_NO_PREVIOUS },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_TREND, 26, -1, NAN, BP_VALUE_SUPPRESSED },
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_CASES_14, 34, -1, 0, 0 },
    /* Ages 50-59 of 400 residents: 400 × 500 / 4000 = 50. */
    { SECTOR_SUPPRESSED, BP_MAP_METRIC_INCIDENCE_14, 27, 5, 12000, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpSectorValues) values = NULL;
      double value;
      BpValueFlags flags;

      g_test_message ("case %u", i);
      values = bp_store_compute_sector_values (fixture->store, cases[i].metric, FIRST_DAY + cases[i].day,
                                               cases[i].age_band, BP_CASE_SOURCE_FILTER_ALL, &error);
      g_assert_no_error (error);
      g_assert_true (bp_sector_values_lookup (values, fixture->sector_ids[cases[i].sector], &value, &flags));
      g_assert_cmphex (flags, ==, cases[i].flags);
      assert_same_value (value, cases[i].value);
    }
}

/* The cases of the sectors add up over the sources, with counts of no
 * recorded source under all only. */
static void
test_metric_small_store_sources_add_up (StoreFixture  *fixture,
                                        gconstpointer  data)
{
  guint n_both = 0;

  for (int day = FIRST_DAY; day <= FIRST_DAY + N_DAYS + 7; day += 3)
    for (int band = -1; band < BP_N_AGE_BANDS; band += 4)
      {
        g_autoptr(BpSectorValues) all = NULL;
        g_autoptr(BpSectorValues) confirmed = NULL;
        g_autoptr(BpSectorValues) clinical = NULL;
        g_autoptr(GError) error = NULL;

        all = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_14, day, band,
                                              BP_CASE_SOURCE_FILTER_ALL, &error);
        g_assert_no_error (error);
        confirmed = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_14, day, band,
                                                    BP_CASE_SOURCE_FILTER_CONFIRMED, &error);
        g_assert_no_error (error);
        clinical = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_14, day, band,
                                                   BP_CASE_SOURCE_FILTER_CLINICAL, &error);
        g_assert_no_error (error);

        for (guint s = 0; s < N_SECTORS; s++)
          {
            gint64 a7, a14, c7, c14, k7, k14;
            gboolean is_suppressed;
            gint64 u7 = sql_window_sum (fixture->store, fixture->sector_ids[s], band,
                                        BP_CASE_SOURCE_FILTER_UNRECORDED, day, 7, &is_suppressed);
            gint64 u14 = sql_window_sum (fixture->store, fixture->sector_ids[s], band,
                                         BP_CASE_SOURCE_FILTER_UNRECORDED, day, 14, &is_suppressed);

            g_assert_true (bp_sector_values_get_counts (all, fixture->sector_ids[s], &a7, &a14, NULL));
            g_assert_true (bp_sector_values_get_counts (confirmed, fixture->sector_ids[s], &c7, &c14, NULL));
            g_assert_true (bp_sector_values_get_counts (clinical, fixture->sector_ids[s], &k7, &k14, NULL));
            /* A suppressed count hides the sum, so there is nothing to add. */
            if (a7 >= 0 && c7 >= 0 && k7 >= 0)
              g_assert_cmpint (a7, ==, c7 + k7 + u7);
            if (a14 >= 0 && c14 >= 0 && k14 >= 0)
              g_assert_cmpint (a14, ==, c14 + k14 + u14);
            n_both += c14 > 0 && k14 > 0;
          }
      }

  g_assert_cmpuint (n_both, >, 0);
}

/* A suppressed count is never given out, not even by the side panel. */
static void
test_metric_small_store_suppressed (StoreFixture  *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpSectorValues) values = NULL;
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_CASES_14);
  gint64 cases_7, cases_14, population;
  double value;
  BpValueFlags flags;
  guint counts[6 + 2];

  values = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_14, SUPPRESSED_DAY, -1,
                                           BP_CASE_SOURCE_FILTER_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (bp_sector_values_lookup (values, fixture->sector_ids[SECTOR_SUPPRESSED], &value, &flags));
  g_assert_true (isnan (value));
  g_assert_true (flags & BP_VALUE_SUPPRESSED);
  g_assert_true (bp_sector_values_get_counts (values, fixture->sector_ids[SECTOR_SUPPRESSED],
                                              &cases_7, &cases_14, &population));
  g_assert_cmpint (cases_7, ==, -1);
  g_assert_cmpint (cases_14, ==, -1);
  g_assert_cmpint (population, ==, 400);
  g_assert_cmpint (bp_class_breaks_classify_value (breaks, value, flags), ==, BP_CLASS_SUPPRESSED);

  g_assert_cmpuint (bp_class_breaks_get_n_classes (breaks), ==, 6);
  bp_class_breaks_count (breaks, values, counts);
  g_assert_cmpuint (counts[6 + 1], ==, 1);

  /* Not a sector, or not an area at all. */
  g_assert_false (bp_sector_values_lookup (values, fixture->sector_ids[SECTOR_SUPPRESSED] + 1000, &value, &flags));
  g_assert_false (bp_sector_values_get_counts (values, 0, &cases_7, NULL, NULL));
}

static void
test_metric_small_store_invalid_band (StoreFixture  *fixture,
                                      gconstpointer  data)
{
  static const int bands[] = { -2, BP_N_AGE_BANDS, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpSectorValues) values = NULL;

      values = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_7, FIRST_DAY, bands[i],
                                               BP_CASE_SOURCE_FILTER_ALL, &error);
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
      g_assert_null (values);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpSectorValues) values = NULL;

      values = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_CASES_7, FIRST_DAY, -1,
                                               i == 0 ? 0 : 1 << BP_N_CASE_SOURCES, &error);
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
      g_assert_null (values);
    }
}

typedef struct
{
  GMainLoop      *loop;
  BpSectorValues *values;
  GError         *error;
} AsyncData;

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->values = bp_store_compute_sector_values_finish (BP_STORE (object), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_metric_small_store_async (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(BpSectorValues) expected = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData async = { loop, NULL, NULL };

  bp_store_compute_sector_values_async (fixture->store, BP_MAP_METRIC_INCIDENCE_14, FIRST_DAY + 30, 5,
                                        BP_CASE_SOURCE_FILTER_CLINICAL, BP_AREA_LEVEL_SECTOR, NULL, compute_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.values);
  g_assert_cmpint (bp_sector_values_get_sources (async.values), ==, BP_CASE_SOURCE_FILTER_CLINICAL);

  expected = bp_store_compute_sector_values (fixture->store, BP_MAP_METRIC_INCIDENCE_14, FIRST_DAY + 30, 5,
                                             BP_CASE_SOURCE_FILTER_CLINICAL, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < N_SECTORS; s++)
    {
      double value, expected_value;
      BpValueFlags flags, expected_flags;

      g_assert_true (bp_sector_values_lookup (async.values, fixture->sector_ids[s], &value, &flags));
      g_assert_true (bp_sector_values_lookup (expected, fixture->sector_ids[s], &expected_value, &expected_flags));
      g_assert_cmphex (flags, ==, expected_flags);
      assert_same_value (value, expected_value);
    }

  g_object_unref (async.values);
}

static void
test_metric_names (void)
{
  static const struct {
    const char  *name;
    BpMapMetric  metric;
    int          window_days;
    gboolean     is_incidence;
  } names[] = {
    { "cases7", BP_MAP_METRIC_CASES_7, 7, FALSE },
    { "cases14", BP_MAP_METRIC_CASES_14, 14, FALSE },
    { "incidence7", BP_MAP_METRIC_INCIDENCE_7, 7, TRUE },
    { "incidence14", BP_MAP_METRIC_INCIDENCE_14, 14, TRUE },
    { "trend", BP_MAP_METRIC_TREND, 14, FALSE },
  };
  static const char * const invalid[] = { "", "cases", "Cases7", "incidence 14", "trend ", "7" };
  BpMapMetric metric;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == BP_MAP_METRIC_N_METRICS);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (bp_map_metric_from_string (names[i].name, &metric));
      g_assert_cmpint (metric, ==, names[i].metric);
      g_assert_cmpstr (bp_map_metric_to_string (metric), ==, names[i].name);
      g_assert_cmpint (bp_map_metric_get_window_days (metric), ==, names[i].window_days);
      g_assert_cmpint (bp_map_metric_is_incidence (metric), ==, names[i].is_incidence);
      g_assert_nonnull (bp_map_metric_get_display_name (metric));
    }
  g_assert_cmpstr (bp_map_metric_get_display_name (BP_MAP_METRIC_INCIDENCE_14), ==, "14-day incidence per 100,000");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (bp_map_metric_from_string (invalid[i], &metric));
  g_assert_false (bp_map_metric_from_string (NULL, &metric));
}

static void
test_metric_classify (void)
{
  static const struct {
    BpMapMetric metric;
    double      value;
    int         class_index;
  } cases[] = {
    { BP_MAP_METRIC_INCIDENCE_14, -1, 0 },
    { BP_MAP_METRIC_INCIDENCE_14, 0, 0 },
    { BP_MAP_METRIC_INCIDENCE_14, 19.999, 0 },
    { BP_MAP_METRIC_INCIDENCE_14, 20, 1 },
    { BP_MAP_METRIC_INCIDENCE_14, 59.9, 1 },
    { BP_MAP_METRIC_INCIDENCE_14, 60, 2 },
    { BP_MAP_METRIC_INCIDENCE_14, 120, 3 },
    { BP_MAP_METRIC_INCIDENCE_14, 239.9, 3 },
    { BP_MAP_METRIC_INCIDENCE_14, 240, 4 },
    { BP_MAP_METRIC_INCIDENCE_14, 480, 5 },
    { BP_MAP_METRIC_INCIDENCE_14, 959.99, 5 },
    { BP_MAP_METRIC_INCIDENCE_14, 960, 6 },
    { BP_MAP_METRIC_INCIDENCE_14, 1e9, 6 },
    { BP_MAP_METRIC_INCIDENCE_14, INFINITY, 6 },
    { BP_MAP_METRIC_INCIDENCE_14, NAN, BP_CLASS_NO_DATA },
    { BP_MAP_METRIC_INCIDENCE_7, 9.9, 0 },
    { BP_MAP_METRIC_INCIDENCE_7, 10, 1 },
    { BP_MAP_METRIC_INCIDENCE_7, 479, 5 },
    { BP_MAP_METRIC_INCIDENCE_7, 480, 6 },
    { BP_MAP_METRIC_CASES_7, 0, 0 },
    { BP_MAP_METRIC_CASES_7, 1, 1 },
    { BP_MAP_METRIC_CASES_7, 4, 1 },
    { BP_MAP_METRIC_CASES_7, 5, 2 },
    { BP_MAP_METRIC_CASES_7, 9, 2 },
    { BP_MAP_METRIC_CASES_7, 10, 3 },
    { BP_MAP_METRIC_CASES_7, 20, 4 },
    { BP_MAP_METRIC_CASES_7, 49, 4 },
    { BP_MAP_METRIC_CASES_7, 50, 5 },
    { BP_MAP_METRIC_CASES_7, NAN, BP_CLASS_NO_DATA },
    { BP_MAP_METRIC_CASES_14, 0, 0 },
    { BP_MAP_METRIC_CASES_14, 9, 1 },
    { BP_MAP_METRIC_CASES_14, 10, 2 },
    { BP_MAP_METRIC_CASES_14, 99, 4 },
    { BP_MAP_METRIC_CASES_14, 100, 5 },
    { BP_MAP_METRIC_TREND, -100, 0 },
    { BP_MAP_METRIC_TREND, -50.001, 0 },
    { BP_MAP_METRIC_TREND, -50, 1 },
    { BP_MAP_METRIC_TREND, -10.001, 1 },
    { BP_MAP_METRIC_TREND, -10, 2 },
    { BP_MAP_METRIC_TREND, 0, 2 },
    { BP_MAP_METRIC_TREND, 9.999, 2 },
    { BP_MAP_METRIC_TREND, 10, 3 },
    { BP_MAP_METRIC_TREND, 50, 4 },
    { BP_MAP_METRIC_TREND, 99.9, 4 },
    { BP_MAP_METRIC_TREND, 100, 5 },
    { BP_MAP_METRIC_TREND, 5000, 5 },
    { BP_MAP_METRIC_TREND, NAN, BP_CLASS_NO_DATA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (cases[i].metric);

      g_test_message ("%s %g", bp_map_metric_to_string (cases[i].metric), cases[i].value);
      g_assert_cmpint (bp_class_breaks_classify (breaks, cases[i].value), ==, cases[i].class_index);
      g_assert_cmpint (bp_class_breaks_classify_value (breaks, cases[i].value, BP_VALUE_NONE), ==, cases[i].class_index);
      g_assert_cmpint (bp_class_breaks_classify_value (breaks, cases[i].value, BP_VALUE_SUPPRESSED), ==,
                       BP_CLASS_SUPPRESSED);
    }
}

static void
test_metric_defaults (void)
{
  static const struct {
    BpMapMetric metric;
    const char *thresholds;
  } defaults[] = {
    { BP_MAP_METRIC_CASES_7, "1,5,10,20,50" },
    { BP_MAP_METRIC_CASES_14, "1,10,20,40,100" },
    { BP_MAP_METRIC_INCIDENCE_7, "10,30,60,120,240,480" },
    { BP_MAP_METRIC_INCIDENCE_14, "20,60,120,240,480,960" },
    { BP_MAP_METRIC_TREND, "-50,-10,10,50,100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (defaults[i].metric);
      g_autofree char *text = bp_class_breaks_to_string (breaks);
      guint n_thresholds;

      g_assert_cmpstr (text, ==, defaults[i].thresholds);
      g_assert_cmpint (bp_class_breaks_get_metric (breaks), ==, defaults[i].metric);
      g_assert_nonnull (bp_class_breaks_get_thresholds (breaks, &n_thresholds));
      g_assert_cmpuint (bp_class_breaks_get_n_classes (breaks), ==, n_thresholds + 1);
    }
}

static double
luminance (const BpColour *colour)
{
  return 0.2126 * colour->red + 0.7152 * colour->green + 0.0722 * colour->blue;
}

static gboolean
colour_equal (const BpColour *a,
              const BpColour *b)
{
  return fabs (a->red - b->red) < 1e-6 && fabs (a->green - b->green) < 1e-6 && fabs (a->blue - b->blue) < 1e-6;
}

/* Sequential classes darken step by step; the trend's run from dark blue
 * through the neutral grey to dark red; the fixed classes differ from all. */
static void
test_metric_colours (void)
{
  static const char * const user_breaks[] = { "5", "1,2", "1,2,3", "1,2,3,4,5,6,7,8", "-3,-2,-1,0,1,2,3,4", "-1" };
  BpColour no_data, suppressed;

  for (BpMapMetric metric = 0; metric <= BP_MAP_METRIC_TREND + G_N_ELEMENTS (user_breaks); metric++)
    {
      g_autoptr(BpClassBreaks) breaks = NULL;
      g_autoptr(GError) error = NULL;
      guint n_classes;

      if (metric < BP_MAP_METRIC_N_METRICS)
        breaks = bp_class_breaks_new_default (metric);
      else
        breaks = bp_class_breaks_new_from_string (metric == BP_MAP_METRIC_N_METRICS + 4 ? BP_MAP_METRIC_TREND
                                                                                        : BP_MAP_METRIC_INCIDENCE_14,
                                                  user_breaks[metric - BP_MAP_METRIC_N_METRICS], &error);
      g_assert_no_error (error);
      n_classes = bp_class_breaks_get_n_classes (breaks);

      bp_class_breaks_get_colour (breaks, BP_CLASS_NO_DATA, &no_data);
      bp_class_breaks_get_colour (breaks, BP_CLASS_SUPPRESSED, &suppressed);
      g_assert_false (colour_equal (&no_data, &suppressed));

      for (guint c = 0; c < n_classes; c++)
        {
          BpColour colour, next;

          bp_class_breaks_get_colour (breaks, c, &colour);
          g_assert_cmpfloat (colour.red, >=, 0);
          g_assert_cmpfloat (colour.blue, <=, 1);
          g_assert_false (colour_equal (&colour, &no_data));
          g_assert_false (colour_equal (&colour, &suppressed));
          if (c + 1 == n_classes)
            continue;

          bp_class_breaks_get_colour (breaks, c + 1, &next);
          g_assert_false (colour_equal (&colour, &next));
          if (bp_class_breaks_get_metric (breaks) != BP_MAP_METRIC_TREND)
            g_assert_cmpfloat (luminance (&next), <, luminance (&colour));
        }

      if (bp_class_breaks_get_metric (breaks) == BP_MAP_METRIC_TREND)
        {
          BpColour neutral, lowest, highest;

          bp_class_breaks_get_colour (breaks, bp_class_breaks_classify (breaks, 0), &neutral);
          g_assert_true (colour_equal (&neutral, &(BpColour) { 0xf7 / 255.0, 0xf7 / 255.0, 0xf7 / 255.0 }));
          bp_class_breaks_get_colour (breaks, 0, &lowest);
          bp_class_breaks_get_colour (breaks, n_classes - 1, &highest);
          g_assert_cmpfloat (lowest.blue, >, lowest.red);
          g_assert_cmpfloat (highest.red, >, highest.blue);
        }
    }
}

static void
test_metric_labels (void)
{
  static const struct {
    BpMapMetric  metric;
    const char  *thresholds;  /* NULL for the default */
    int          class_index;
    const char  *label;
  } cases[] = {
    { BP_MAP_METRIC_INCIDENCE_14, NULL, 0, "< 20" },
    { BP_MAP_METRIC_INCIDENCE_14, NULL, 1, "20 – 60" },
    { BP_MAP_METRIC_INCIDENCE_14, NULL, 3, "120 – 240" },
    { BP_MAP_METRIC_INCIDENCE_14, NULL, 6, "≥ 960" },
    { BP_MAP_METRIC_INCIDENCE_7, NULL, 6, "≥ 480" },
    { BP_MAP_METRIC_CASES_7, NULL, 0, "0" },
    { BP_MAP_METRIC_CASES_7, NULL, 1, "1 – 4" },
    { BP_MAP_METRIC_CASES_7, NULL, 2, "5 – 9" },
    { BP_MAP_METRIC_CASES_7, NULL, 4, "20 – 49" },
    { BP_MAP_METRIC_CASES_7, NULL, 5, "≥ 50" },
    { BP_MAP_METRIC_CASES_14, NULL, 1, "1 – 9" },
    { BP_MAP_METRIC_CASES_14, NULL, 5, "≥ 100" },
    { BP_MAP_METRIC_CASES_7, "3,4", 0, "0 – 2" },
    { BP_MAP_METRIC_CASES_7, "3,4", 1, "3" },
    { BP_MAP_METRIC_CASES_7, "0.5,2.25", 0, "< 0.5" },
    { BP_MAP_METRIC_CASES_7, "0.5,2.25", 1, "0.5 – 2.25" },
    { BP_MAP_METRIC_TREND, NULL, 0, "< −50 %" },
    { BP_MAP_METRIC_TREND, NULL, 2, "−10 % – +10 %" },
    { BP_MAP_METRIC_TREND, NULL, 3, "+10 % – +50 %" },
    { BP_MAP_METRIC_TREND, NULL, 5, "≥ +100 %" },
    { BP_MAP_METRIC_TREND, "0,25", 1, "0 % – +25 %" },
    { BP_MAP_METRIC_INCIDENCE_14, NULL, BP_CLASS_NO_DATA, "No data" },
    { BP_MAP_METRIC_INCIDENCE_14, NULL, BP_CLASS_SUPPRESSED, "Fewer than 5 cases (hidden)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpClassBreaks) breaks = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;

      if (cases[i].thresholds)
        breaks = bp_class_breaks_new_from_string (cases[i].metric, cases[i].thresholds, &error);
      else
        breaks = bp_class_breaks_new_default (cases[i].metric);
      g_assert_no_error (error);

      label = bp_class_breaks_dup_label (breaks, cases[i].class_index);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_metric_user_breaks (void)
{
  static const struct {
    const char *text;
    guint       n_classes;
    const char *normalised;
  } valid[] = {
    { "20,60,120", 4, "20,60,120" },
    { " 20 , 60,120 ", 4, "20,60,120" },
    { "-50,-10,10", 4, "-50,-10,10" },
    { "0.5,1.25", 3, "0.5,1.25" },
    { "7", 2, "7" },
    { "1,2,3,4,5,6,7,8", 9, "1,2,3,4,5,6,7,8" },
  };
  static const char * const invalid[] = {
    "", " ", "20,10", "20,20", "abc", "1,,2", "20,60,", ",20", "nan", "inf", "1,inf", "1e999",
    "1,2,3,4,5,6,7,8,9", "20;60", "20 60", "20%",
  };
  static const struct {
    double thresholds[3];
    guint  n_thresholds;
  } invalid_arrays[] = {
    { { 0 }, 0 },
    { { NAN }, 1 },
    { { 1, INFINITY }, 2 },
    { { -INFINITY, 1 }, 2 },
    { { 1, 2, 2 }, 3 },
    { { 3, 2, 1 }, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_from_string (BP_MAP_METRIC_INCIDENCE_14, valid[i].text,
                                                                         &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (bp_class_breaks_get_n_classes (breaks), ==, valid[i].n_classes);
      text = bp_class_breaks_to_string (breaks);
      g_assert_cmpstr (text, ==, valid[i].normalised);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpClassBreaks) breaks = NULL;

      g_test_message ("“%s”", invalid[i]);
      breaks = bp_class_breaks_new_from_string (BP_MAP_METRIC_INCIDENCE_14, invalid[i], &error);
      g_assert_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS);
      g_assert_null (breaks);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_arrays); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpClassBreaks) breaks = NULL;

      breaks = bp_class_breaks_new (BP_MAP_METRIC_TREND, invalid_arrays[i].thresholds,
                                    invalid_arrays[i].n_thresholds, &error);
      g_assert_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS);
      g_assert_null (breaks);
    }
}

/* Sector id, population and both window sums of every sector, found
 * through the primary key rather than the day index. */
static GHashTable *
sql_sector_sums (BpStore            *store,
                 int                 day,
                 int                 age_band,
                 BpCaseSourceFilter  sources)
{
  GHashTable *sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _bp_store_prepare (store,
                            "SELECT s.id, s.population,"
                            "  (SELECT sum (p.population) FROM area_age_population p"
                            "   WHERE p.area_id = s.parent_id AND (?2 < 0 OR p.age_band = ?2)),"
                            "  (SELECT sum (p.population) FROM area_age_population p WHERE p.area_id = s.parent_id),"
                            "  (SELECT total (n_cases) FROM case_count c WHERE c.sector_id = s.id"
                            "   AND c.day BETWEEN ?1 - 6 AND ?1 AND (?2 < 0 OR c.age_band = ?2) AND (?3 >> c.source) & 1),"
                            "  (SELECT total (n_cases) FROM case_count c WHERE c.sector_id = s.id"
                            "   AND c.day BETWEEN ?1 - 13 AND ?1 AND (?2 < 0 OR c.age_band = ?2) AND (?3 >> c.source) & 1),"
                            "  (SELECT count (*) FROM case_count c WHERE c.sector_id = s.id AND c.is_suppressed"
                            "   AND c.day BETWEEN ?1 - 6 AND ?1 AND (?2 < 0 OR c.age_band = ?2) AND (?3 >> c.source) & 1),"
                            "  (SELECT count (*) FROM case_count c WHERE c.sector_id = s.id AND c.is_suppressed"
                            "   AND c.day BETWEEN ?1 - 13 AND ?1 AND (?2 < 0 OR c.age_band = ?2) AND (?3 >> c.source) & 1)"
                            " FROM area s WHERE s.level = 4",
                            NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_int (stmt, 1, day);
  sqlite3_bind_int (stmt, 2, age_band);
  sqlite3_bind_int (stmt, 3, sources);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *row = g_new0 (gint64, 6);
      double population = sqlite3_column_int64 (stmt, 1);

      if (age_band >= 0)
        population = sqlite3_column_double (stmt, 3) > 0
                     ? round (population * sqlite3_column_double (stmt, 2) / sqlite3_column_double (stmt, 3))
                     : 0;

      row[0] = sqlite3_column_int64 (stmt, 0);
      row[1] = (gint64)population;
      row[2] = sqlite3_column_int64 (stmt, 4);
      row[3] = sqlite3_column_int64 (stmt, 5);
      row[4] = sqlite3_column_int64 (stmt, 6);
      row[5] = sqlite3_column_int64 (stmt, 7);
      g_hash_table_insert (sums, row, row);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  return sums;
}

static void
test_metric_demo_store (void)
{
  const char *data_dir = g_getenv ("BRANDPUNT_DATA_DIR");
  g_autofree char *reference = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  BpDemoOptions options;
  BpDemoSummary summary;
  guint n_sectors;
  guint n_suppressed_seen = 0;
  guint n_no_population_seen = 0;
  /* The last day, the middle, and windows reaching before the first count. */
  static const int days_back[] = { 0, 25, 57, 59 };
  static const int bands[] = { -1, 4 };

  if (data_dir == NULL ||
      !g_file_test ((reference = g_build_filename (data_dir, "reference-areas.db", NULL)), G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The reference areas are not built (BRANDPUNT_DATA_DIR).");
      return;
    }

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), "demo.db", NULL);
  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  bp_store_import_reference (store, reference, &error);
  g_assert_no_error (error);

  bp_demo_options_init (&options);
  options.n_days = 60;
  bp_demo_generate (store, &options, &summary, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The demo has no suppressed counts; mark some small ones as the control
   * tower would. */
  g_assert_true (_bp_store_exec (store,
                                 "UPDATE case_count SET is_suppressed = 1"
                                 " WHERE n_cases BETWEEN 1 AND 4 AND sector_id % 5 = 0",
                                 &error));
  g_assert_no_error (error);

  n_sectors = bp_store_count_areas (store, BP_AREA_LEVEL_SECTOR);
  g_assert_cmpuint (n_sectors, >, 10000);

  for (guint d = 0; d < G_N_ELEMENTS (days_back); d++)
    for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
      {
        g_autoptr(GHashTable) sums = NULL;
        int day = summary.last_day - days_back[d];
        /* The demo reports confirmed and clinical cases: each filter on
         * some days. */
        BpCaseSourceFilter sources = (d + b) % 3 == 0 ? BP_CASE_SOURCE_FILTER_ALL
                                     : (d + b) % 3 == 1 ? BP_CASE_SOURCE_FILTER_CONFIRMED
                                     : BP_CASE_SOURCE_FILTER_CLINICAL;

        sums = sql_sector_sums (store, day, bands[b], sources);
        g_assert_cmpuint (g_hash_table_size (sums), ==, n_sectors);

        for (BpMapMetric metric = 0; metric < BP_MAP_METRIC_N_METRICS; metric++)
          {
            g_autoptr(BpSectorValues) values = NULL;
            g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (metric);
            g_autofree guint *counts = NULL;
            g_autofree guint *expected_counts = NULL;
            guint n_classes = bp_class_breaks_get_n_classes (breaks);
            guint n_thresholds;
            const double *thresholds = bp_class_breaks_get_thresholds (breaks, &n_thresholds);
            GHashTableIter iter;
            gint64 *row;
            guint total = 0;

            values = bp_store_compute_sector_values (store, metric, day, bands[b], sources, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (bp_sector_values_get_n_sectors (values), ==, n_sectors);

            expected_counts = g_new0 (guint, n_classes + 2);
            g_hash_table_iter_init (&iter, sums);
            while (g_hash_table_iter_next (&iter, (gpointer *)&row, NULL))
              {
                double expected, value;
                BpValueFlags expected_flags, flags;
                guint class_index = 0;

                expected_value (metric, row[2], row[3], row[4] > 0, row[5] > 0, row[1],
                                &expected, &expected_flags);
                g_assert_true (bp_sector_values_lookup (values, row[0], &value, &flags));
                g_assert_cmphex (flags, ==, expected_flags);
                assert_same_value (value, expected);

                if (expected_flags & BP_VALUE_SUPPRESSED)
                  {
                    expected_counts[n_classes + 1]++;
                    n_suppressed_seen++;
                    continue;
                  }
                if (isnan (expected))
                  {
                    expected_counts[n_classes]++;
                    n_no_population_seen += (expected_flags & BP_VALUE_NO_POPULATION) != 0;
                    continue;
                  }
                while (class_index < n_thresholds && expected >= thresholds[class_index])
                  class_index++;
                expected_counts[class_index]++;
              }

            counts = g_new0 (guint, n_classes + 2);
            bp_class_breaks_count (breaks, values, counts);
            for (guint c = 0; c < n_classes + 2; c++)
              {
                g_assert_cmpuint (counts[c], ==, expected_counts[c]);
                total += counts[c];
              }
            g_assert_cmpuint (total, ==, n_sectors);
          }
      }

  g_assert_cmpuint (n_suppressed_seen, >, 0);
  g_assert_cmpuint (n_no_population_seen, >, 0);

  g_clear_object (&store);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-metric/names", test_metric_names);
  g_test_add_func ("/map-metric/breaks/classify", test_metric_classify);
  g_test_add_func ("/map-metric/breaks/defaults", test_metric_defaults);
  g_test_add_func ("/map-metric/breaks/colours", test_metric_colours);
  g_test_add_func ("/map-metric/breaks/labels", test_metric_labels);
  g_test_add_func ("/map-metric/breaks/user", test_metric_user_breaks);
  g_test_add ("/map-metric/values/all", StoreFixture, NULL,
              store_set_up, test_metric_small_store_all, store_tear_down);
  g_test_add ("/map-metric/values/by-hand", StoreFixture, NULL,
              store_set_up, test_metric_small_store_by_hand, store_tear_down);
  g_test_add ("/map-metric/values/sources-add-up", StoreFixture, NULL,
              store_set_up, test_metric_small_store_sources_add_up, store_tear_down);
  g_test_add ("/map-metric/values/suppressed", StoreFixture, NULL,
              store_set_up, test_metric_small_store_suppressed, store_tear_down);
  g_test_add ("/map-metric/values/invalid-band", StoreFixture, NULL,
              store_set_up, test_metric_small_store_invalid_band, store_tear_down);
  g_test_add ("/map-metric/values/async", StoreFixture, NULL,
              store_set_up, test_metric_small_store_async, store_tear_down);
  g_test_add_func ("/map-metric/values/demo-store", test_metric_demo_store);

  return g_test_run ();
}
