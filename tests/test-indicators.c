/* test-indicators.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "bp-count-cube.h"
#include "bp-dashboard-figures.h"
#include "bp-day.h"
#include "bp-demo-generator.h"
#include "bp-indicators.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-private.h"

#define FIRST_DAY 20000
#define N_DAYS    50
#define LAST_DAY  (FIRST_DAY + N_DAYS - 1)

/* The areas of the small store. Two regions; a province without age
 * figures; a municipality without them, whose sector has no counts at all;
 * a sector with age figures of its own and one without residents. */
static const struct {
  BpAreaLevel  level;
  const char  *code;
  const char  *parent_code;
  gint64       population;
  gboolean     has_bands;
  gboolean     has_counts;
} areas[] = {
  { BP_AREA_LEVEL_REGION, "02000", NULL, 3400, TRUE, FALSE },
  { BP_AREA_LEVEL_REGION, "04000", NULL, 2000, TRUE, FALSE },
  { BP_AREA_LEVEL_PROVINCE, "10000", "02000", 3400, TRUE, FALSE },
  { BP_AREA_LEVEL_PROVINCE, "21000", "04000", 2000, FALSE, FALSE },
  { BP_AREA_LEVEL_CARE_ZONE, "elz01", "10000", 3100, TRUE, FALSE },
  { BP_AREA_LEVEL_CARE_ZONE, "elz02", "10000", 300, TRUE, FALSE },
  { BP_AREA_LEVEL_CARE_ZONE, "elz03", "21000", 2000, TRUE, FALSE },
  { BP_AREA_LEVEL_MUNICIPALITY, "11001", "elz01", 2300, TRUE, FALSE },
  { BP_AREA_LEVEL_MUNICIPALITY, "11002", "elz01", 800, TRUE, FALSE },
  { BP_AREA_LEVEL_MUNICIPALITY, "12001", "elz02", 300, FALSE, FALSE },
  { BP_AREA_LEVEL_MUNICIPALITY, "21001", "elz03", 2000, TRUE, FALSE },
  { BP_AREA_LEVEL_SECTOR, "11001A00-", "11001", 1000, FALSE, TRUE },
  { BP_AREA_LEVEL_SECTOR, "11001B00-", "11001", 600, TRUE, TRUE },
  { BP_AREA_LEVEL_SECTOR, "11001C00-", "11001", 0, FALSE, TRUE },
  { BP_AREA_LEVEL_SECTOR, "11002A00-", "11002", 800, FALSE, TRUE },
  { BP_AREA_LEVEL_SECTOR, "12001A00-", "12001", 300, FALSE, FALSE },
  { BP_AREA_LEVEL_SECTOR, "21001A00-", "21001", 2000, FALSE, TRUE },
};

/* A name a CSV file has to quote. */
#define QUOTED_CODE "11002A00-"
#define QUOTED_NAME "Zuid, \"Oude\" Kern"

#define N_AREAS G_N_ELEMENTS (areas)

typedef struct
{
  char        *path;
  BpStore     *store;
  BpCountCube *cube;
  gint64       ids[N_AREAS];
} StoreFixture;

static BpAreaRecord *
make_record (guint i)
{
  BpAreaRecord *record = bp_area_record_new ();
  double lon = 4.0 + i * 0.01;

  record->code = g_strdup (areas[i].code);
  record->parent_code = g_strdup (areas[i].parent_code);
  if (g_str_equal (areas[i].code, QUOTED_CODE))
    record->name_nl = g_strdup (QUOTED_NAME);
  else
    record->name_nl = g_strdup_printf ("Testgebied %s", areas[i].code);
  record->population = areas[i].population;
  for (guint b = 0; areas[i].has_bands && b < BP_N_AGE_BANDS; b++)
    record->population_by_age[b] = areas[i].population / 12 + (i * 31 + b * 17) % 40;
  record->geometry = bp_geometry_new ();
  bp_geometry_begin_polygon (record->geometry);
  bp_geometry_begin_ring (record->geometry);
  bp_geometry_add_point (record->geometry, lon, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.01);
  bp_geometry_add_point (record->geometry, lon, 51.01);

  return record;
}

/* The cases of day i (from FIRST_DAY) in area a and band b: mostly small
 * counts with gaps, and larger ones in the last sector. See
 * series_source_value() for how they split over the sources. */
static int
series_value (guint a,
              guint b,
              int   i)
{
  guint hash = (a * 7919u + b * 104729u + (guint)i * 2654435761u) >> 9;

  if (hash % 3 == 0)
    return 0;
  if (g_str_equal (areas[a].code, "21001A00-"))
    return hash % 31;
  return hash % 7;
}

/* The first days have no recorded source, as counts an older store held;
 * from then on part of the cases are clinical on some days. */
#define FIRST_RECORDED_DAY (FIRST_DAY + 8)

static int
series_source_value (guint        a,
                     guint        b,
                     int          i,
                     BpCaseSource source)
{
  int n = series_value (a, b, i);
  int n_clinical = (a + b + (guint)i) % 3 == 0 ? (n + 1) / 2 : 0;

  if (FIRST_DAY + i < FIRST_RECORDED_DAY)
    return source == BP_CASE_SOURCE_UNRECORDED ? n : 0;

  switch (source)
    {
    case BP_CASE_SOURCE_CONFIRMED:
      return n - n_clinical;
    case BP_CASE_SOURCE_CLINICAL:
      return n_clinical;
    case BP_CASE_SOURCE_UNRECORDED:
    default:
      return 0;
    }
}

static void
store_set_up (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpCountWriter) writer = NULL;
  gint64 municipality_id = 0;

  fixture->path = g_build_filename (g_get_user_data_dir (), "indicators.db", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);

      for (guint i = 0; i < N_AREAS; i++)
        if (areas[i].level == level)
          g_ptr_array_add (records, make_record (i));
      bp_store_import_areas (fixture->store, level, records, "test", NULL, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < N_AREAS; i++)
    {
      g_autoptr(BpArea) area = bp_store_dup_area (fixture->store, areas[i].level, areas[i].code, &error);

      g_assert_no_error (error);
      fixture->ids[i] = bp_area_get_id (area);
      if (g_str_equal (areas[i].code, "11001"))
        municipality_id = bp_area_get_id (area);
    }

  writer = bp_store_begin_counts (fixture->store, &error);
  g_assert_no_error (error);
  for (guint a = 0; a < N_AREAS; a++)
    for (guint b = 0; areas[a].has_counts && b < BP_N_AGE_BANDS; b++)
      for (BpCaseSource source = 0; source < BP_N_CASE_SOURCES; source++)
        for (int i = 0; i < N_DAYS; i++)
          {
            bp_count_writer_add (writer, fixture->ids[a], b, source, FIRST_DAY + i,
                                 series_source_value (a, b, i, source), &error);
            g_assert_no_error (error);
          }
  /* A count filed on a municipality: no sector holds it, so no indicator
   * may include it, but an export of the raw counts does. */
  bp_count_writer_add (writer, municipality_id, 0, BP_CASE_SOURCE_CONFIRMED, FIRST_DAY + 5, 7, &error);
  g_assert_no_error (error);
  bp_count_writer_commit (writer, &error);
  g_assert_no_error (error);

  /* The writer has no flag: the control tower marks some counts as
   * suppressed, small ones and, here, large ones too. */
  g_assert_true (_bp_store_exec (fixture->store,
                                 "UPDATE case_count SET is_suppressed = 1"
                                 " WHERE (day * 9 + age_band + sector_id) % 23 = 0",
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_changes (_bp_store_get_db (fixture->store)), >, 10);

  fixture->cube = bp_count_cube_new (fixture->store, &error);
  g_assert_no_error (error);
}

static void
store_tear_down (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_clear_object (&fixture->cube);
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* One area as the reference computation sees it. */
typedef struct
{
  gint64  id;
  char   *code;
  gint64  population;
  gint64  n_cases;
  gint64  n_cases_previous;
  gint64  n_suppressed;
  gint64  n_suppressed_previous;
} Expected;

static void
expected_clear (gpointer data)
{
  Expected *expected = data;

  g_free (expected->code);
}

static gint64
query_int (BpStore    *store,
           const char *sql,
           gint64      a,
           gint64      b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Every sector with each area it lies in, itself included, found by
 * following the parents: a table for the reference queries. Made once a
 * connection, as even a CREATE that does nothing writes to the disk. */
static void
ensure_hierarchy_table (BpStore *store)
{
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (store), "test-up"))
    return;
  g_object_set_data (G_OBJECT (store), "test-up", GINT_TO_POINTER (TRUE));

  g_assert_true (_bp_store_exec (store,
                                 "CREATE TEMP TABLE IF NOT EXISTS test_up AS"
                                 " WITH RECURSIVE up (sector_id, area_id) AS ("
                                 "   SELECT id, id FROM area WHERE level = 4"
                                 "   UNION ALL"
                                 "   SELECT up.sector_id, a.parent_id FROM up JOIN area a ON a.id = up.area_id"
                                 "   WHERE a.parent_id IS NOT NULL"
                                 " ) SELECT * FROM up;"
                                 "CREATE INDEX IF NOT EXISTS test_up_area ON test_up (area_id);",
                                 &error));
  g_assert_no_error (error);
}

/* The reference: a plain GROUP BY over the raw rows of the sources in
 * @sources, joined up the area hierarchy from each sector to every area
 * above it, for the areas of a level inside within_id (0 for all). The
 * residents of a band are the
 * store's figure, or for a sector without figures of its own its share of
 * its municipality's band, rounded. */
static GArray *
expected_rows (BpStore            *store,
               BpAreaLevel         level,
               gint64              within_id,
               int                 day,
               int                 window_days,
               int                 age_band,
               BpCaseSourceFilter  sources)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Expected));
  int rc;

  g_array_set_clear_func (rows, expected_clear);
  ensure_hierarchy_table (store);
  stmt = _bp_store_prepare (store,
                            "WITH RECURSIVE down (id) AS ("
                            "  SELECT ?5"
                            "  UNION ALL"
                            "  SELECT a.id FROM area a JOIN down ON a.parent_id = down.id"
                            ")"
                            " SELECT a.id, a.code, CASE"
                            "    WHEN ?4 < 0 THEN a.population"
                            "    WHEN a.level < 4 OR (SELECT count (*) FROM area_age_population p WHERE p.area_id = a.id) = 9"
                            "      THEN coalesce ((SELECT p.population FROM area_age_population p"
                            "                      WHERE p.area_id = a.id AND p.age_band = ?4), 0)"
                            "    ELSE coalesce (CAST (round (a.population * 1.0"
                            "      * (SELECT p.population FROM area_age_population p WHERE p.area_id = a.parent_id AND p.age_band = ?4)"
                            "      / (SELECT sum (p.population) FROM area_age_population p WHERE p.area_id = a.parent_id))"
                            "      AS INTEGER), 0)"
                            "  END,"
                            "   coalesce (sum (c.n_cases) FILTER (WHERE c.day BETWEEN ?2 - ?3 + 1 AND ?2), 0),"
                            "   coalesce (sum (c.n_cases) FILTER (WHERE c.day BETWEEN ?2 - 2 * ?3 + 1 AND ?2 - ?3), 0),"
                            "   coalesce (sum (c.is_suppressed) FILTER (WHERE c.day BETWEEN ?2 - ?3 + 1 AND ?2), 0),"
                            "   coalesce (sum (c.is_suppressed) FILTER (WHERE c.day BETWEEN ?2 - 2 * ?3 + 1 AND ?2 - ?3), 0)"
                            " FROM area a"
                            " LEFT JOIN test_up up ON up.area_id = a.id"
                            " LEFT JOIN case_count c ON c.sector_id = up.sector_id"
                            "   AND (?4 < 0 OR c.age_band = ?4)"
                            "   AND (?6 >> c.source) & 1"
                            "   AND c.day BETWEEN ?2 - 2 * ?3 + 1 AND ?2"
                            " WHERE a.level = ?1 AND (?5 = 0 OR a.id IN (SELECT id FROM down))"
                            /* Codes are unique within a level: grouping by
                             * them follows the index, without sorting. */
                            " GROUP BY a.code ORDER BY a.code",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, window_days);
  sqlite3_bind_int (stmt, 4, age_band);
  sqlite3_bind_int64 (stmt, 5, within_id);
  sqlite3_bind_int (stmt, 6, sources);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Expected expected;

      expected.id = sqlite3_column_int64 (stmt, 0);
      expected.code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      expected.population = sqlite3_column_int64 (stmt, 2);
      expected.n_cases = sqlite3_column_int64 (stmt, 3);
      expected.n_cases_previous = sqlite3_column_int64 (stmt, 4);
      expected.n_suppressed = sqlite3_column_int64 (stmt, 5);
      expected.n_suppressed_previous = sqlite3_column_int64 (stmt, 6);
      g_array_append_val (rows, expected);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  return rows;
}

static gboolean
is_small (gint64 n)
{
  return n >= 1 && n <= 4;
}

static gboolean
expected_hides_cases (const Expected *expected,
                      gboolean        suppress_small)
{
  return suppress_small && (is_small (expected->n_cases) || expected->n_suppressed > 0);
}

static gboolean
expected_hides_previous (const Expected *expected,
                         gboolean        suppress_small)
{
  return suppress_small && (is_small (expected->n_cases_previous) || expected->n_suppressed_previous > 0);
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

/* Counts what the comparisons met, so that a test cannot pass without
 * meeting the cases it is about. */
typedef struct
{
  guint n_rows;
  guint n_hidden;
  guint n_hidden_large;   /* hidden for a source flag, though 5 or more */
  guint n_shown_nonzero;
  guint n_no_population;
  guint n_no_previous;
  guint n_zero_rows;
} Seen;

static void
assert_row (const BpIndicatorRow *row,
            const Expected       *expected,
            gboolean              suppress_small,
            Seen                 *seen)
{
  gboolean hide_cases = expected_hides_cases (expected, suppress_small);
  gboolean hide_previous = expected_hides_previous (expected, suppress_small);
  BpValueFlags incidence_flags = 0, trend_flags = 0;
  double incidence, trend;

  g_assert_cmpint (row->area_id, ==, expected->id);
  g_assert_cmpstr (row->code, ==, expected->code);
  g_assert_nonnull (row->name);
  g_assert_cmpint (row->population, ==, expected->population);
  g_assert_cmpint (row->n_cases, ==, hide_cases ? BP_COUNT_SUPPRESSED : expected->n_cases);
  g_assert_cmpint (row->n_cases_previous, ==, hide_previous ? BP_COUNT_SUPPRESSED : expected->n_cases_previous);
  g_assert_cmphex (row->cases_flags, ==, hide_cases ? BP_VALUE_SUPPRESSED : 0);
  g_assert_cmphex (row->previous_flags, ==, hide_previous ? BP_VALUE_SUPPRESSED : 0);

  if (expected->population == 0)
    {
      incidence = NAN;
      incidence_flags |= BP_VALUE_NO_POPULATION;
    }
  else
    incidence = expected->n_cases * 100000.0 / expected->population;
  if (expected->n_cases_previous == 0)
    {
      trend = NAN;
      trend_flags |= BP_VALUE_NO_PREVIOUS;
    }
  else
    trend = 100.0 * (expected->n_cases - expected->n_cases_previous) / expected->n_cases_previous;
  if (hide_cases)
    {
      incidence = NAN;
      incidence_flags |= BP_VALUE_SUPPRESSED;
    }
  if (hide_cases || hide_previous)
    {
      trend = NAN;
      trend_flags |= BP_VALUE_SUPPRESSED;
    }

  assert_same_value (row->incidence_per_100k, incidence);
  assert_same_value (row->trend_percent, trend);
  g_assert_cmphex (row->incidence_flags, ==, incidence_flags);
  g_assert_cmphex (row->trend_flags, ==, trend_flags);

  seen->n_rows++;
  seen->n_hidden += hide_cases;
  seen->n_hidden_large += hide_cases && expected->n_cases > 4;
  seen->n_shown_nonzero += !hide_cases && expected->n_cases > 0;
  seen->n_no_population += expected->population == 0;
  seen->n_no_previous += expected->n_cases_previous == 0;
  seen->n_zero_rows += expected->n_cases == 0 && expected->n_cases_previous == 0;
}

/* Compares a whole query with the reference, its total included, with
 * small counts shown and hidden; query->suppress_small is not used. */
static void
check_query (BpStore                *store,
             BpCountCube            *cube,
             const BpIndicatorQuery *query,
             Seen                   *seen)
{
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) expected_total = NULL;
  Expected all = { 0, };

  expected = expected_rows (store, query->level, query->within_area_id, query->day, query->window_days,
                            query->age_band, query->sources);

  /* The total is the scope's own row one level up, or for everything the
   * regions together. */
  if (query->within_area_id != 0)
    {
      BpAreaLevel scope_level;

      g_assert_true (bp_count_cube_find_area (cube, query->within_area_id, &scope_level, NULL));
      expected_total = expected_rows (store, scope_level, query->within_area_id, query->day,
                                      query->window_days, query->age_band, query->sources);
      g_assert_cmpuint (expected_total->len, ==, 1);
    }
  else
    {
      expected_total = expected_rows (store, BP_AREA_LEVEL_REGION, 0, query->day, query->window_days,
                                      query->age_band, query->sources);
      for (guint i = 0; i < expected_total->len; i++)
        {
          const Expected *region = &g_array_index (expected_total, Expected, i);

          all.population += region->population;
          all.n_cases += region->n_cases;
          all.n_cases_previous += region->n_cases_previous;
          all.n_suppressed += region->n_suppressed;
          all.n_suppressed_previous += region->n_suppressed_previous;
        }
    }

  for (int suppress = 0; suppress < 2; suppress++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpIndicators) indicators = NULL;
      BpIndicatorQuery with = *query;
      const BpIndicatorRow *total;

      with.suppress_small = suppress;
      indicators = bp_indicators_compute (cube, &with, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (bp_indicators_get_n_rows (indicators), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        assert_row (bp_indicators_get_row (indicators, i), &g_array_index (expected, Expected, i), suppress, seen);

      total = bp_indicators_get_total (indicators);
      if (query->within_area_id != 0)
        {
          assert_row (total, &g_array_index (expected_total, Expected, 0), suppress, seen);
          continue;
        }

      g_assert_cmpint (total->area_id, ==, 0);
      g_assert_null (total->code);
      g_assert_cmpint (total->population, ==, all.population);
      g_assert_cmpint (total->n_cases, ==, expected_hides_cases (&all, suppress) ? BP_COUNT_SUPPRESSED : all.n_cases);
      g_assert_cmpint (total->n_cases_previous, ==,
                       expected_hides_previous (&all, suppress) ? BP_COUNT_SUPPRESSED : all.n_cases_previous);
    }
}

static void
test_cube_basics (StoreFixture  *fixture,
                  gconstpointer  data)
{
  BpCountCube *cube = fixture->cube;
  int first_day, last_day;
  guint position;
  gint64 n_sector_rows;

  g_assert_true (bp_count_cube_get_day_range (cube, &first_day, &last_day));
  g_assert_cmpint (first_day, ==, query_int (fixture->store, "SELECT min (day) FROM case_count WHERE ?1 = ?2", 0, 0));
  g_assert_cmpint (last_day, ==, LAST_DAY);

  /* Every row of a sector, and not the one filed on a municipality. */
  n_sector_rows = query_int (fixture->store,
                             "SELECT count (*) FROM case_count c JOIN area a ON a.id = c.sector_id"
                             " WHERE a.level = 4 AND ?1 = ?2", 0, 0);
  g_assert_cmpint (bp_count_cube_get_n_rows (cube), ==, n_sector_rows);
  g_assert_cmpint (n_sector_rows + 1, ==, query_int (fixture->store, "SELECT count (*) FROM case_count WHERE ?1 = ?2", 0, 0));
  g_assert_cmpuint (bp_count_cube_get_memory_size (cube), >=, n_sector_rows * 8);

  for (guint i = 0; i < N_AREAS; i++)
    {
      BpAreaLevel level;
      guint by_id;

      g_assert_true (bp_count_cube_find_area_by_code (cube, areas[i].level, areas[i].code, &position));
      g_assert_true (bp_count_cube_find_area (cube, fixture->ids[i], &level, &by_id));
      g_assert_cmpint (level, ==, areas[i].level);
      g_assert_cmpuint (by_id, ==, position);
      g_assert_cmpint (bp_count_cube_get_area_id (cube, level, position), ==, fixture->ids[i]);
      g_assert_cmpstr (bp_count_cube_get_area_code (cube, level, position), ==, areas[i].code);
      g_assert_cmpint (bp_count_cube_get_area_population (cube, level, position, -1), ==, areas[i].population);
      for (int b = 0; b < BP_N_AGE_BANDS; b++)
        {
          g_autoptr(GArray) expected = expected_rows (fixture->store, level, fixture->ids[i], LAST_DAY, 1, b,
                                                      BP_CASE_SOURCE_FILTER_ALL);

          g_assert_cmpuint (expected->len, ==, 1);
          g_assert_cmpint (bp_count_cube_get_area_population (cube, level, position, b), ==,
                           g_array_index (expected, Expected, 0).population);
        }

      /* The parent is the ancestor one level up. */
      if (areas[i].parent_code)
        {
          guint parent;

          g_assert_true (bp_count_cube_find_area_by_code (cube, level - 1, areas[i].parent_code, &parent));
          g_assert_cmpuint (bp_count_cube_get_area_ancestor (cube, level, position, level - 1), ==, parent);
        }
      g_assert_cmpuint (bp_count_cube_get_area_ancestor (cube, level, position, level), ==, position);
    }

  g_assert_false (bp_count_cube_find_area_by_code (cube, BP_AREA_LEVEL_SECTOR, "11001", NULL));
  g_assert_false (bp_count_cube_find_area (cube, 987654321, NULL, NULL));
  g_assert_true (bp_count_cube_find_area_by_code (cube, BP_AREA_LEVEL_SECTOR, QUOTED_CODE, &position));
  g_assert_cmpstr (bp_count_cube_get_area_name (cube, BP_AREA_LEVEL_SECTOR, position), ==, QUOTED_NAME);
}

/* Daily sums of an area against the raw rows, grouped by day. */
static void
test_cube_days (StoreFixture  *fixture,
                gconstpointer  data)
{
  static const BpCaseSourceFilter filters[] = {
    BP_CASE_SOURCE_FILTER_ALL,
    BP_CASE_SOURCE_FILTER_CONFIRMED,
    BP_CASE_SOURCE_FILTER_CLINICAL,
    BP_CASE_SOURCE_FILTER_UNRECORDED,
  };
  gint64 n_cases[N_DAYS + 20];
  guint n_suppressed[N_DAYS + 20];
  int first = FIRST_DAY - 10;
  guint n_nonzero[G_N_ELEMENTS (filters)] = { 0, };

  ensure_hierarchy_table (fixture->store);

  for (guint i = 0; i < N_AREAS; i++)
    for (int band = -1; band < BP_N_AGE_BANDS; band += 3)
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(sqlite3_stmt) stmt = NULL;
          gint64 expected_cases[N_DAYS + 20] = { 0, };
          gint64 expected_suppressed[N_DAYS + 20] = { 0, };
          gint64 by_source[BP_N_CASE_SOURCES * (N_DAYS + 20)];
            guint by_source_suppressed[BP_N_CASE_SOURCES * (N_DAYS + 20)];
          guint position;
          int rc;

          stmt = _bp_store_prepare (fixture->store,
                                    "SELECT c.day, sum (c.n_cases), sum (c.is_suppressed)"
                                    " FROM test_up up JOIN case_count c ON c.sector_id = up.sector_id"
                                    " WHERE up.area_id = ?1 AND (?2 < 0 OR c.age_band = ?2)"
                                    "   AND (?3 >> c.source) & 1"
                                    " GROUP BY c.day",
                                    &error);
          g_assert_no_error (error);
          sqlite3_bind_int64 (stmt, 1, fixture->ids[i]);
          sqlite3_bind_int (stmt, 2, band);
          sqlite3_bind_int (stmt, 3, filters[f]);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              int d = sqlite3_column_int (stmt, 0) - first;

              g_assert_cmpint (d, >=, 0);
              g_assert_cmpint (d, <, N_DAYS + 20);
              expected_cases[d] = sqlite3_column_int64 (stmt, 1);
              expected_suppressed[d] = sqlite3_column_int64 (stmt, 2);
            }
          g_assert_cmpint (rc, ==, SQLITE_DONE);

          g_assert_true (bp_count_cube_find_area (fixture->cube, fixture->ids[i], NULL, &position));
          bp_count_cube_sum_days (fixture->cube, areas[i].level, position, band, filters[f],
                                  first, first + N_DAYS + 19, n_cases, n_suppressed);
          for (int d = 0; d < N_DAYS + 20; d++)
            {
              g_assert_cmpint (n_cases[d], ==, expected_cases[d]);
              g_assert_cmpint (n_suppressed[d], ==, expected_suppressed[d]);
              n_nonzero[f] += n_cases[d] > 0;
            }

          /* Per source in one pass, the same as one filter per source. */
          if (filters[f] != BP_CASE_SOURCE_FILTER_ALL)
            continue;
          bp_count_cube_sum_days_by_source (fixture->cube, areas[i].level, position, band,
                                            first, first + N_DAYS + 19, by_source, by_source_suppressed);
          for (BpCaseSource source = 0; source < BP_N_CASE_SOURCES; source++)
            {
              bp_count_cube_sum_days (fixture->cube, areas[i].level, position, band, 1 << source,
                                      first, first + N_DAYS + 19, n_cases, NULL);
              for (int d = 0; d < N_DAYS + 20; d++)
                g_assert_cmpint (by_source[source * (N_DAYS + 20) + d], ==, n_cases[d]);
            }
          for (int d = 0; d < N_DAYS + 20; d++)
            {
              g_assert_cmpint (by_source[d] + by_source[N_DAYS + 20 + d] + by_source[2 * (N_DAYS + 20) + d],
                               ==, expected_cases[d]);
              g_assert_cmpuint (by_source_suppressed[d] + by_source_suppressed[N_DAYS + 20 + d] +
                                by_source_suppressed[2 * (N_DAYS + 20) + d], ==, expected_suppressed[d]);
            }
        }

  /* Every filter met cases. */
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    g_assert_cmpuint (n_nonzero[f], >, 0);
}

/* The filters a user chooses from. */
static const BpCaseSourceFilter chosen_filters[] = {
  BP_CASE_SOURCE_FILTER_ALL,
  BP_CASE_SOURCE_FILTER_CONFIRMED,
  BP_CASE_SOURCE_FILTER_CLINICAL,
};

static void
test_indicators_small_store (StoreFixture  *fixture,
                             gconstpointer  data)
{
  /* Before any count, the first days (windows reaching before them), the
   * middle, the last day and after it. */
  static const int days[] = { FIRST_DAY - 40, FIRST_DAY, FIRST_DAY + 2, FIRST_DAY + 20, LAST_DAY, LAST_DAY + 5 };
  static const int windows[] = { 1, 7, 14, 28 };
  static const int bands[] = { -1, 3 };
  Seen seen = { 0, };

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
        for (guint f = 0; f < G_N_ELEMENTS (chosen_filters); f++)
          for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
            {
              BpIndicatorQuery query;

              bp_indicator_query_init (&query, level, days[d]);
              query.window_days = windows[w];
              query.age_band = bands[b];
              query.sources = chosen_filters[f];
              check_query (fixture->store, fixture->cube, &query, &seen);
            }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_hidden_large, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
  g_assert_cmpuint (seen.n_no_population, >, 0);
  g_assert_cmpuint (seen.n_no_previous, >, 0);
  g_assert_cmpuint (seen.n_zero_rows, >, 0);
}

/* The dashboard's scopes: the areas one level down, the sectors inside. */
static void
test_indicators_within (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char  *scope;
    BpAreaLevel  scope_level;
    BpAreaLevel  level;
  } cases[] = {
    { "elz01", BP_AREA_LEVEL_CARE_ZONE, BP_AREA_LEVEL_MUNICIPALITY },
    { "elz01", BP_AREA_LEVEL_CARE_ZONE, BP_AREA_LEVEL_SECTOR },
    { "10000", BP_AREA_LEVEL_PROVINCE, BP_AREA_LEVEL_CARE_ZONE },
    { "10000", BP_AREA_LEVEL_PROVINCE, BP_AREA_LEVEL_SECTOR },
    { "04000", BP_AREA_LEVEL_REGION, BP_AREA_LEVEL_SECTOR },
    { "11001", BP_AREA_LEVEL_MUNICIPALITY, BP_AREA_LEVEL_SECTOR },
    { "11001", BP_AREA_LEVEL_MUNICIPALITY, BP_AREA_LEVEL_MUNICIPALITY },
    { "12001", BP_AREA_LEVEL_MUNICIPALITY, BP_AREA_LEVEL_SECTOR },
  };
  Seen seen = { 0, };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int day = FIRST_DAY + 1; day <= LAST_DAY + 2; day += 6)
      for (int band = -1; band < BP_N_AGE_BANDS; band += 5)
        {
          BpIndicatorQuery query;
          guint position;

          g_assert_true (bp_count_cube_find_area_by_code (fixture->cube, cases[c].scope_level, cases[c].scope,
                                                          &position));
          bp_indicator_query_init (&query, cases[c].level, day);
          query.within_area_id = bp_count_cube_get_area_id (fixture->cube, cases[c].scope_level, position);
          query.window_days = 7;
          query.age_band = band;
          query.sources = chosen_filters[(c + day + band + 1) % G_N_ELEMENTS (chosen_filters)];
          check_query (fixture->store, fixture->cube, &query, &seen);
        }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
}

/* One area, and the dashboard's key figures, against the same reference,
 * for each filter; the key figures' split by source against the reference
 * of each source. */
static void
test_indicators_area_and_summary (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  static const int windows[] = { 1, 7, 14 };
  Seen seen = { 0, };
  guint n_split_shown = 0;
  guint n_split_hidden = 0;

  for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
    for (int day = FIRST_DAY - 2; day <= LAST_DAY + 2; day += 9)
      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        for (guint f = 0; f < G_N_ELEMENTS (chosen_filters); f++)
          {
            BpCaseSourceFilter sources = chosen_filters[f];
            g_autoptr(GArray) all_ages = expected_rows (fixture->store, level, 0, day, windows[w], -1, sources);
            g_autoptr(GArray) band_2 = expected_rows (fixture->store, level, 0, day, windows[w], 2, sources);
            GArray *by_source[BP_N_CASE_SOURCES];

            for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
              by_source[s] = expected_rows (fixture->store, level, 0, day, windows[w], -1, 1 << s);

            g_assert_cmpuint (all_ages->len, ==, bp_count_cube_get_n_areas (fixture->cube, level));
            for (guint i = 0; i < all_ages->len; i++)
              for (int suppress = 0; suppress < 2; suppress++)
                {
                  const Expected *expected = &g_array_index (all_ages, Expected, i);
                  g_autoptr(GError) error = NULL;
                  BpIndicatorSummary summary;
                  const BpIndicatorRow *in_summary;
                  const gint64 *split;
                  gboolean hide_split;
                  BpIndicatorRow row;

                  bp_indicators_compute_summary (fixture->cube, expected->id, day, -1, sources, suppress,
                                                 &summary, &error);
                  g_assert_no_error (error);
                  in_summary = w == 0 ? &summary.last_day : w == 1 ? &summary.last_7_days : &summary.last_14_days;
                  split = w == 0 ? summary.last_day_by_source
                          : w == 1 ? summary.last_7_days_by_source : summary.last_14_days_by_source;
                  assert_row (in_summary, expected, suppress, &seen);

                  /* No source can be worked out from the others and the
                   * total: one hidden hides them all. */
                  hide_split = expected_hides_cases (expected, suppress);
                  for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
                    if ((sources >> s) & 1)
                      hide_split |= expected_hides_cases (&g_array_index (by_source[s], Expected, i), suppress);
                  for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
                    {
                      const Expected *of_source = &g_array_index (by_source[s], Expected, i);

                      if (!((sources >> s) & 1))
                        g_assert_cmpint (split[s], ==, 0);
                      else
                        g_assert_cmpint (split[s], ==, hide_split ? BP_COUNT_SUPPRESSED : of_source->n_cases);
                    }
                  if (!hide_split)
                    g_assert_cmpint (split[0] + split[1] + split[2], ==, expected->n_cases);
                  n_split_shown += !hide_split && expected->n_cases > 0 && split[0] > 0 && split[1] > 0;
                  n_split_hidden += hide_split && !expected_hides_cases (expected, suppress);

                  bp_indicators_compute_area (fixture->cube, expected->id, day, windows[w], 2, sources, suppress,
                                              &row, &error);
                  g_assert_no_error (error);
                  assert_row (&row, &g_array_index (band_2, Expected, i), suppress, &seen);
                }

            for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
              g_array_unref (by_source[s]);
          }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
  g_assert_cmpuint (n_split_shown, >, 0);
  g_assert_cmpuint (n_split_hidden, >, 0);
}

/* The cases of the sources add up to those of all sources, in every
 * area, window and band; counts without a recorded source (as an older
 * store's) count under all only. */
static void
test_indicators_sources_add_up (StoreFixture  *fixture,
                                gconstpointer  data)
{
  static const int days[] = { FIRST_DAY + 3, FIRST_DAY + 7, FIRST_DAY + 12, FIRST_DAY + 30, LAST_DAY };
  static const int windows[] = { 1, 7, 14 };
  static const int bands[] = { -1, 0, 5 };
  guint n_unrecorded = 0;
  guint n_both = 0;

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
        for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
          {
            g_autoptr(BpIndicators) all = NULL;
            g_autoptr(BpIndicators) confirmed = NULL;
            g_autoptr(BpIndicators) clinical = NULL;
            g_autoptr(GArray) unrecorded = NULL;
            g_autoptr(GError) error = NULL;
            BpIndicatorQuery query;

            bp_indicator_query_init (&query, level, days[d]);
            query.window_days = windows[w];
            query.age_band = bands[b];
            all = bp_indicators_compute (fixture->cube, &query, &error);
            g_assert_no_error (error);
            query.sources = BP_CASE_SOURCE_FILTER_CONFIRMED;
            confirmed = bp_indicators_compute (fixture->cube, &query, &error);
            g_assert_no_error (error);
            query.sources = BP_CASE_SOURCE_FILTER_CLINICAL;
            clinical = bp_indicators_compute (fixture->cube, &query, &error);
            g_assert_no_error (error);
            unrecorded = expected_rows (fixture->store, level, 0, days[d], windows[w], bands[b],
                                        BP_CASE_SOURCE_FILTER_UNRECORDED);

            g_assert_cmpuint (bp_indicators_get_n_rows (all), ==, unrecorded->len);
            for (guint i = 0; i <= unrecorded->len; i++)
              {
                const BpIndicatorRow *a, *c, *k;
                gint64 n_unrecorded_cases = 0, n_unrecorded_previous = 0;

                if (i < unrecorded->len)
                  {
                    a = bp_indicators_get_row (all, i);
                    c = bp_indicators_get_row (confirmed, i);
                    k = bp_indicators_get_row (clinical, i);
                    n_unrecorded_cases = g_array_index (unrecorded, Expected, i).n_cases;
                    n_unrecorded_previous = g_array_index (unrecorded, Expected, i).n_cases_previous;
                  }
                else
                  {
                    a = bp_indicators_get_total (all);
                    c = bp_indicators_get_total (confirmed);
                    k = bp_indicators_get_total (clinical);
                    for (guint j = 0; level == BP_AREA_LEVEL_REGION && j < unrecorded->len; j++)
                      {
                        n_unrecorded_cases += g_array_index (unrecorded, Expected, j).n_cases;
                        n_unrecorded_previous += g_array_index (unrecorded, Expected, j).n_cases_previous;
                      }
                    if (level != BP_AREA_LEVEL_REGION)
                      continue;
                  }

                g_assert_cmpint (a->area_id, ==, c->area_id);
                g_assert_cmpint (a->population, ==, k->population);
                g_assert_cmpint (a->n_cases, ==, c->n_cases + k->n_cases + n_unrecorded_cases);
                g_assert_cmpint (a->n_cases_previous, ==,
                                 c->n_cases_previous + k->n_cases_previous + n_unrecorded_previous);
                n_unrecorded += n_unrecorded_cases > 0;
                n_both += c->n_cases > 0 && k->n_cases > 0;

                /* Before the first recorded day, only all counts them. */
                if (days[d] < FIRST_RECORDED_DAY)
                  {
                    g_assert_cmpint (c->n_cases, ==, 0);
                    g_assert_cmpint (k->n_cases, ==, 0);
                    g_assert_cmpint (a->n_cases, ==, n_unrecorded_cases);
                  }
              }
          }

  g_assert_cmpuint (n_unrecorded, >, 0);
  g_assert_cmpuint (n_both, >, 0);
}

/* The dashboard's figures of each filter: key figures as the indicators
 * give them, split by source, and a curve by source that adds up to the
 * curve of all ages and agrees with the cube. */
static void
test_indicators_dashboard_sources (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  static const struct {
    BpAreaLevel  level;
    const char  *code;
  } scopes[] = {
    { BP_AREA_LEVEL_REGION, "02000" },
    { BP_AREA_LEVEL_CARE_ZONE, "elz01" },
    { BP_AREA_LEVEL_MUNICIPALITY, "21001" },
  };
  static const int windows[] = { 1, 7, 14 };
  guint n_stacked = 0;

  for (guint c = 0; c < G_N_ELEMENTS (scopes); c++)
    for (int day = FIRST_DAY + 6; day <= LAST_DAY; day += 13)
      for (guint f = 0; f < G_N_ELEMENTS (chosen_filters); f++)
        for (int suppress = 0; suppress < 2; suppress++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(BpArea) area = bp_store_dup_area (fixture->store, scopes[c].level, scopes[c].code, &error);
            g_autoptr(BpDashboardFigures) figures = NULL;
            BpCaseSourceFilter sources = chosen_filters[f];
            const gint64 *all_ages;
            guint position;
            int first_day;
            guint n_days;

            g_assert_no_error (error);
            figures = bp_dashboard_figures_compute (fixture->store, fixture->cube, area, day, suppress, sources,
                                                    BP_DASHBOARD_SKIP_ALERTS, &error);
            g_assert_no_error (error);
            g_assert_cmpint (bp_dashboard_figures_get_sources (figures), ==, sources);

            for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
              {
                BpIndicatorRow row;
                gint64 cases = bp_dashboard_figures_get_cases (figures, windows[w]);
                gint64 sum = 0;
                gboolean any_hidden = FALSE;

                bp_indicators_compute_area (fixture->cube, bp_area_get_id (area), day, windows[w], -1, sources,
                                            suppress, &row, &error);
                g_assert_no_error (error);
                g_assert_cmpint (cases, ==, row.cases_flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : row.n_cases);

                for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
                  {
                    gint64 n = bp_dashboard_figures_get_cases_by_source (figures, windows[w], s);

                    if (!((sources >> s) & 1))
                      g_assert_cmpint (n, ==, 0);
                    any_hidden |= n == BP_COUNT_SUPPRESSED;
                    sum += n == BP_COUNT_SUPPRESSED ? 0 : n;
                  }
                if (!any_hidden)
                  g_assert_cmpint (sum, ==, cases);
                else
                  g_assert_true (suppress);
              }

            all_ages = bp_dashboard_figures_get_daily_cases (figures, -1, &first_day, &n_days);
            g_assert_cmpuint (n_days, >, 0);
            g_assert_true (bp_count_cube_find_area (fixture->cube, bp_area_get_id (area), NULL, &position));
            for (guint i = 0; i < n_days; i++)
              {
                gint64 stacked = 0;

                for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
                  {
                    int source_first_day;
                    guint source_n_days;
                    const gint64 *daily = bp_dashboard_figures_get_daily_cases_by_source (figures, s, &source_first_day,
                                                                                         &source_n_days);

                    g_assert_cmpint (source_first_day, ==, first_day);
                    g_assert_cmpuint (source_n_days, ==, n_days);
                    stacked += daily[i];
                    n_stacked += daily[i] > 0 && s == BP_CASE_SOURCE_CLINICAL;
                  }
                g_assert_cmpint (stacked, ==, all_ages[i]);
              }

            /* Against the cube, one source at a time, and the bands. */
            for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
              {
                g_autofree gint64 *expected = g_new (gint64, n_days);
                int source_first_day;
                guint source_n_days;
                const gint64 *daily = bp_dashboard_figures_get_daily_cases_by_source (figures, s, &source_first_day,
                                                                                     &source_n_days);

                bp_count_cube_sum_days (fixture->cube, scopes[c].level, position, -1, 1 << s,
                                        first_day, first_day + n_days - 1, expected, NULL);
                for (guint i = 0; i < n_days; i++)
                  g_assert_cmpint (daily[i], ==, (sources >> s) & 1 ? expected[i] : 0);
              }
            for (guint i = 0; i < n_days; i++)
              {
                gint64 bands = 0;

                for (int b = 0; b < BP_N_AGE_BANDS; b++)
                  bands += bp_dashboard_figures_get_daily_cases (figures, b, &first_day, &n_days)[i];
                g_assert_cmpint (bands, ==, all_ages[i]);
              }
          }

  g_assert_cmpuint (n_stacked, >, 0);
}

static void
test_indicators_invalid (StoreFixture  *fixture,
                         gconstpointer  data)
{
  BpIndicatorQuery query;
  BpIndicatorRow row;
  BpIndicatorSummary summary;
  guint position;

  bp_indicator_query_init (&query, BP_AREA_LEVEL_SECTOR, LAST_DAY);

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpIndicators) indicators = NULL;
      BpIndicatorQuery bad = query;

      if (i == 0)
        bad.window_days = 0;
      else if (i == 1)
        bad.window_days = BP_INDICATORS_MAX_WINDOW_DAYS + 1;
      else if (i == 2)
        bad.age_band = BP_N_AGE_BANDS;
      else if (i == 3)
        bad.sources = 0;
      else if (i == 4)
        bad.sources = 1 << BP_N_CASE_SOURCES;
      else
        bad.day = G_MININT + 3;

      indicators = bp_indicators_compute (fixture->cube, &bad, &error);
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
      g_assert_null (indicators);
    }

  {
    g_autoptr(GError) error = NULL;
    BpIndicatorQuery bad = query;

    bad.within_area_id = 987654321;
    g_assert_null (bp_indicators_compute (fixture->cube, &bad, &error));
    g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    /* Regions do not lie inside a municipality. */
    g_assert_true (bp_count_cube_find_area_by_code (fixture->cube, BP_AREA_LEVEL_MUNICIPALITY, "11001", &position));
    bad.within_area_id = bp_count_cube_get_area_id (fixture->cube, BP_AREA_LEVEL_MUNICIPALITY, position);
    bad.level = BP_AREA_LEVEL_REGION;
    g_assert_null (bp_indicators_compute (fixture->cube, &bad, &error));
    g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_false (bp_indicators_compute_area (fixture->cube, 0, LAST_DAY, 7, 9, BP_CASE_SOURCE_FILTER_ALL, FALSE,
                                                &row, &error));
    g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (bp_indicators_compute_summary (fixture->cube, 987654321, LAST_DAY, -1, BP_CASE_SOURCE_FILTER_ALL,
                                                   FALSE, &summary, &error));
    g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  }
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_indicators_async (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  g_autoptr(BpIndicators) sync = NULL;
  g_autoptr(BpIndicators) async = NULL;
  BpIndicatorQuery query;

  bp_count_cube_new_async (fixture->store, NULL, async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cube = bp_count_cube_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_count_cube_get_n_rows (cube), ==, bp_count_cube_get_n_rows (fixture->cube));
  g_clear_object (&result);

  bp_indicator_query_init (&query, BP_AREA_LEVEL_MUNICIPALITY, FIRST_DAY + 30);
  query.suppress_small = TRUE;
  bp_indicators_compute_async (cube, &query, NULL, async_cb, &result);
  /* The query was copied: changing it now changes nothing. */
  query.window_days = 3;
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  async = bp_indicators_compute_finish (cube, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_indicators_get_query (async)->window_days, ==, 14);
  g_assert_true (bp_indicators_get_cube (async) == cube);

  query.window_days = 14;
  sync = bp_indicators_compute (fixture->cube, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_indicators_get_n_rows (async), ==, bp_indicators_get_n_rows (sync));
  for (guint i = 0; i < bp_indicators_get_n_rows (sync); i++)
    {
      const BpIndicatorRow *a = bp_indicators_get_row (async, i);
      const BpIndicatorRow *s = bp_indicators_get_row (sync, i);

      g_assert_cmpstr (a->code, ==, s->code);
      g_assert_cmpint (a->n_cases, ==, s->n_cases);
      g_assert_cmpint (a->n_cases_previous, ==, s->n_cases_previous);
      assert_same_value (a->incidence_per_100k, s->incidence_per_100k);
      assert_same_value (a->trend_percent, s->trend_percent);
    }

  /* A cancelled load returns the cancellation, not a cube. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) cancelled = NULL;
    g_autoptr(BpCountCube) none = NULL;

    g_cancellable_cancel (cancellable);
    bp_count_cube_new_async (fixture->store, cancellable, async_cb, &cancelled);
    while (cancelled == NULL)
      g_main_context_iteration (NULL, TRUE);
    none = bp_count_cube_new_finish (cancelled, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (none);
  }
}

static void
test_format_count (void)
{
  static const struct {
    gint64      n_cases;
    gboolean    suppress_small;
    const char *text;
  } cases[] = {
    { 0, FALSE, "0" },
    { 0, TRUE, "0" },
    { 1, FALSE, "1" },
    { 1, TRUE, "<5" },
    { 4, TRUE, "<5" },
    { 5, TRUE, "5" },
    { 3, FALSE, "3" },
    { 12345, TRUE, "12345" },
    { BP_COUNT_SUPPRESSED, FALSE, "<5" },
    { BP_COUNT_SUPPRESSED, TRUE, "<5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bp_format_count (cases[i].n_cases, cases[i].suppress_small);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* RFC 4180 lines into fields; enough for the files of these tests. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (lines, g_ptr_array_steal (fields, NULL));
          g_ptr_array_set_free_func (fields, g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0); /* the last line ends in \n */

  return lines;
}

static void
assert_csv_value (const char *text,
                  double      expected)
{
  if (isnan (expected))
    g_assert_cmpstr (text, ==, "");
  else
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      g_assert_true (*text != '\0' && *end == '\0');
      /* Two decimals, rounded. */
      g_assert_cmpfloat (fabs (value - expected), <=, 0.005 + 1e-9 * fabs (expected));
    }
}

/* Checks CSV from bp_indicators_dup_csv() or the tool against the
 * reference: the columns, "<5" for hidden counts, never a number from 1
 * to 4 in a count column when small counts are hidden. */
static void
assert_csv (const char     *csv,
            GArray         *expected,
            gboolean        suppress_small,
            Seen           *seen)
{
  g_autoptr(GPtrArray) lines = parse_csv (csv);
  const char * const header[] = { "code", "name", "population", "cases", "incidence_per_100k",
                                  "previous_cases", "trend_percent", NULL };

  g_assert_cmpuint (lines->len, ==, expected->len + 1);
  g_assert_cmpstrv (g_ptr_array_index (lines, 0), header);

  for (guint i = 0; i < expected->len; i++)
    {
      char **fields = g_ptr_array_index (lines, i + 1);
      const Expected *e = &g_array_index (expected, Expected, i);
      gboolean hide_cases = expected_hides_cases (e, suppress_small);
      gboolean hide_previous = expected_hides_previous (e, suppress_small);
      g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT, e->population);
      g_autofree char *cases = g_strdup_printf ("%" G_GINT64_FORMAT, e->n_cases);
      g_autofree char *previous = g_strdup_printf ("%" G_GINT64_FORMAT, e->n_cases_previous);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_cmpstr (fields[0], ==, e->code);
      if (g_str_equal (e->code, QUOTED_CODE))
        g_assert_cmpstr (fields[1], ==, QUOTED_NAME);
      g_assert_cmpstr (fields[2], ==, population);
      g_assert_cmpstr (fields[3], ==, hide_cases ? "<5" : cases);
      g_assert_cmpstr (fields[5], ==, hide_previous ? "<5" : previous);
      if (suppress_small)
        {
          g_assert_false (fields[3][0] >= '1' && fields[3][0] <= '4' && fields[3][1] == '\0');
          g_assert_false (fields[5][0] >= '1' && fields[5][0] <= '4' && fields[5][1] == '\0');
        }
      assert_csv_value (fields[4], hide_cases || e->population == 0 ? NAN : e->n_cases * 1e5 / e->population);
      assert_csv_value (fields[6], hide_cases || hide_previous || e->n_cases_previous == 0
                                   ? NAN : 100.0 * (e->n_cases - e->n_cases_previous) / e->n_cases_previous);

      seen->n_rows++;
      seen->n_hidden += hide_cases;
      seen->n_shown_nonzero += !hide_cases && e->n_cases > 0;
    }
}

static void
test_indicators_csv (StoreFixture  *fixture,
                     gconstpointer  data)
{
  Seen seen = { 0, };

  for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
    for (int suppress = 0; suppress < 2; suppress++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(BpIndicators) indicators = NULL;
        g_autoptr(GArray) expected = NULL;
        g_autofree char *csv = NULL;
        BpIndicatorQuery query;

        bp_indicator_query_init (&query, level, FIRST_DAY + 25);
        query.window_days = 7;
        query.suppress_small = suppress;
        indicators = bp_indicators_compute (fixture->cube, &query, &error);
        g_assert_no_error (error);
        csv = bp_indicators_dup_csv (indicators);
        expected = expected_rows (fixture->store, level, 0, FIRST_DAY + 25, 7, -1, BP_CASE_SOURCE_FILTER_ALL);
        assert_csv (csv, expected, suppress, &seen);
      }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
}

/* Runs brandpunt-tool and gives its exit status. */
static int
run_tool (const char * const  *args,
          char               **out,
          char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *)TEST_TOOL);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static void
test_tool_indicators (StoreFixture  *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char  *level;
    BpAreaLevel  area_level;
    const char  *area;
    int          window_days;
    int          age_band;
    const char  *source;  /* NULL for the default, all */
  } cases[] = {
    { "sector", BP_AREA_LEVEL_SECTOR, NULL, 7, -1, NULL },
    { "municipality", BP_AREA_LEVEL_MUNICIPALITY, NULL, 14, -1, "all" },
    { "elz", BP_AREA_LEVEL_CARE_ZONE, NULL, 1, -1, "confirmed" },
    { "province", BP_AREA_LEVEL_PROVINCE, NULL, 28, 3, "clinical" },
    { "region", BP_AREA_LEVEL_REGION, NULL, 7, 6, NULL },
    { "sector", BP_AREA_LEVEL_SECTOR, "elz01", 7, -1, "clinical" },
    { "municipality", BP_AREA_LEVEL_MUNICIPALITY, NULL, 28, -1, "confirmed" },
  };
  Seen seen = { 0, };
  g_autofree char *date = bp_day_to_iso (FIRST_DAY + 30);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int suppress = 0; suppress < 2; suppress++)
      {
        g_autofree char *window = g_strdup_printf ("%d", cases[c].window_days);
        g_autofree char *band = g_strdup_printf ("%d", cases[c].age_band);
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autoptr(GArray) expected = NULL;
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        gint64 within = 0;
        BpCaseSourceFilter sources = BP_CASE_SOURCE_FILTER_ALL;

        g_ptr_array_add (args, "indicators");
        g_ptr_array_add (args, "--store");
        g_ptr_array_add (args, fixture->path);
        g_ptr_array_add (args, "--date");
        g_ptr_array_add (args, date);
        g_ptr_array_add (args, "--window");
        g_ptr_array_add (args, window);
        g_ptr_array_add (args, "--level");
        g_ptr_array_add (args, (char *)cases[c].level);
        g_ptr_array_add (args, "--format");
        g_ptr_array_add (args, "csv");
        if (cases[c].age_band >= 0)
          {
            g_ptr_array_add (args, "--age-band");
            g_ptr_array_add (args, band);
          }
        if (cases[c].area)
          {
            guint position;

            g_ptr_array_add (args, "--area");
            g_ptr_array_add (args, (char *)cases[c].area);
            g_assert_true (bp_count_cube_find_area_by_code (fixture->cube, BP_AREA_LEVEL_CARE_ZONE, cases[c].area,
                                                            &position));
            within = bp_count_cube_get_area_id (fixture->cube, BP_AREA_LEVEL_CARE_ZONE, position);
          }
        if (cases[c].source)
          {
            g_ptr_array_add (args, "--source");
            g_ptr_array_add (args, (char *)cases[c].source);
            g_assert_true (bp_case_source_filter_from_string (cases[c].source, &sources));
          }
        if (suppress)
          g_ptr_array_add (args, "--suppress-small");
        g_ptr_array_add (args, NULL);

        g_assert_cmpint (run_tool ((const char * const *)args->pdata, &out, &err), ==, 0);
        expected = expected_rows (fixture->store, cases[c].area_level, within, FIRST_DAY + 30,
                                  cases[c].window_days, cases[c].age_band, sources);
        assert_csv (out, expected, suppress, &seen);
      }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
}

static void
test_tool_export_counts (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "export", NULL);
  g_autofree char *path = g_build_filename (dir, "counts.csv", NULL);
  gint64 n_rows = query_int (fixture->store, "SELECT count (*) FROM case_count WHERE ?1 = ?2", 0, 0);
  gint64 n_cases = query_int (fixture->store, "SELECT sum (n_cases) FROM case_count WHERE ?1 = ?2", 0, 0);
  gint64 n_flagged = query_int (fixture->store, "SELECT sum (is_suppressed) FROM case_count WHERE ?1 = ?2", 0, 0);
  gint64 n_hidden = query_int (fixture->store,
                               "SELECT count (*) FROM case_count"
                               " WHERE (n_cases BETWEEN ?1 AND ?2) OR is_suppressed = 1",
                               1, 4);

  g_mkdir_with_parents (dir, 0700);
  /* An earlier file is replaced whole. */
  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));

  for (int suppress = 0; suppress < 2; suppress++)
    {
      const char *args[] = { "export-counts", "--store", fixture->path, "--out", path,
                             suppress ? "--suppress-small" : NULL, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *expected_out = g_strdup_printf ("rows\t%" G_GINT64_FORMAT "\n", n_rows);
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GDir) listing = NULL;
      const char * const header[] = { "date", "sector", "age_band", "source", "count", "suppressed", NULL };
      gint64 sum = 0, n_suppressed = 0, n_small_text = 0;
      gint64 n_by_source[BP_N_CASE_SOURCES] = { 0, };
      int last_day = G_MININT;

      g_assert_cmpint (run_tool (args, &out, &err), ==, 0);
      g_assert_cmpstr (out, ==, expected_out);
      g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
      lines = parse_csv (csv);
      g_assert_cmpint (lines->len, ==, n_rows + 1);
      g_assert_cmpstrv (g_ptr_array_index (lines, 0), header);

      for (guint i = 1; i < lines->len; i++)
        {
          char **fields = g_ptr_array_index (lines, i);
          g_autoptr(GError) error = NULL;
          int day;

          BpCaseSource source;

          g_assert_cmpuint (g_strv_length (fields), ==, 6);
          bp_day_from_iso (fields[0], &day, &error);
          g_assert_no_error (error);
          g_assert_cmpint (day, >=, last_day);
          last_day = day;
          g_assert_true (bp_case_source_from_string (fields[3], &source));
          g_assert_true (g_str_equal (fields[5], "0") || g_str_equal (fields[5], "1"));
          n_suppressed += fields[5][0] == '1';

          if (g_str_equal (fields[4], "<5"))
            {
              g_assert_true (suppress);
              g_assert_cmpstr (fields[5], ==, "1");
              n_small_text++;
            }
          else
            {
              gint64 n = g_ascii_strtoll (fields[4], NULL, 10);

              if (suppress)
                g_assert_false (n >= 1 && n <= 4);
              sum += n;
              n_by_source[source] += n;
            }
        }

      if (suppress)
        {
          g_assert_cmpint (n_small_text, ==, n_hidden);
          g_assert_cmpint (n_suppressed, ==, n_hidden);
          g_assert_cmpint (sum, <, n_cases);
        }
      else
        {
          g_assert_cmpint (sum, ==, n_cases);
          g_assert_cmpint (n_suppressed, ==, n_flagged);
          for (BpCaseSource s = 0; s < BP_N_CASE_SOURCES; s++)
            g_assert_cmpint (n_by_source[s], ==,
                             query_int (fixture->store, "SELECT sum (n_cases) FROM case_count WHERE source = ?1 AND ?2 = 0",
                                        s, 0));
        }

      /* No temporary file is left beside it. */
      listing = g_dir_open (dir, 0, NULL);
      g_assert_cmpstr (g_dir_read_name (listing), ==, "counts.csv");
      g_assert_null (g_dir_read_name (listing));
    }
}

/* An export loaded into a table of its own, with the areas each sector
 * lies in: a reference that shares nothing with the cube but the file. */
static sqlite3 *
open_exported_counts (const char *store_path)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "reference.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const char *args[] = { "export-counts", "--store", store_path, "--out", path, NULL };
  sqlite3_stmt *insert = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (run_tool (args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = parse_csv (csv);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE counts (day INTEGER, sector TEXT, age_band INTEGER,"
                                 "                     source TEXT, n INTEGER);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO counts VALUES"
                                       " (CAST (julianday (?1) - 2440587.5 AS INTEGER), ?2, ?3, ?4, ?5)",
                                       -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 1; i < lines->len; i++)
    {
      char **fields = g_ptr_array_index (lines, i);

      for (int f = 0; f < 5; f++)
        sqlite3_bind_text (insert, f + 1, fields[f], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);

  /* The areas come from the store file, read as plain tables. */
  {
    char *attach = sqlite3_mprintf ("ATTACH %Q AS store", store_path);

    g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_free (attach);
  }
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE up AS"
                                 " WITH RECURSIVE up (sector, area_id, parent_id) AS ("
                                 "   SELECT code, id, parent_id FROM store.area WHERE level = 4"
                                 "   UNION ALL"
                                 "   SELECT up.sector, a.id, a.parent_id FROM up JOIN store.area a ON a.id = up.parent_id"
                                 " ) SELECT sector, area_id FROM up;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_unlink (path);

  return db;
}

/* The cases of every area of a level from the export, in code order:
 * those of the window and of the window before. */
static GArray *
exported_sums (sqlite3    *db,
               BpAreaLevel level,
               int         day,
               int         window_days,
               int         age_band,
               const char *source)
{
  GArray *sums = g_array_new (FALSE, TRUE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT a.code,"
                                       "  coalesce (sum (c.n) FILTER (WHERE c.day > ?2 - ?3), 0),"
                                       "  coalesce (sum (c.n) FILTER (WHERE c.day <= ?2 - ?3), 0)"
                                       " FROM store.area a"
                                       " LEFT JOIN up ON up.area_id = a.id"
                                       " LEFT JOIN counts c ON c.sector = up.sector"
                                       "   AND c.day > ?2 - 2 * ?3 AND c.day <= ?2"
                                       "   AND (?4 < 0 OR c.age_band = ?4)"
                                       "   AND (?5 = 'all' OR c.source = ?5)"
                                       " WHERE a.level = ?1"
                                       " GROUP BY a.code ORDER BY a.code",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, window_days);
  sqlite3_bind_int (stmt, 4, age_band);
  sqlite3_bind_text (stmt, 5, source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      g_array_append_vals (sums, pair, 2);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return sums;
}

/* The indicators of each source, at every level, on several days, windows
 * and age bands, against a GROUP BY over the exported counts; and the
 * sources add up to all, so the export's own split does too. */
static void
test_tool_export_agrees (StoreFixture  *fixture,
                         gconstpointer  data)
{
  static const char * const sources[] = { "all", "confirmed", "clinical", "unrecorded" };
  static const int days[] = { FIRST_DAY + 4, FIRST_DAY + 9, FIRST_DAY + 23, LAST_DAY };
  static const int windows[] = { 1, 7, 14 };
  static const int bands[] = { -1, 2, 8 };
  sqlite3 *db = open_exported_counts (fixture->path);
  guint n_nonzero[G_N_ELEMENTS (sources)] = { 0, };

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
        for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
          {
            GArray *expected[G_N_ELEMENTS (sources)];

            for (guint f = 0; f < G_N_ELEMENTS (sources); f++)
              {
                g_autoptr(BpIndicators) indicators = NULL;
                g_autoptr(GError) error = NULL;
                BpIndicatorQuery query;

                expected[f] = exported_sums (db, level, days[d], windows[w], bands[b], sources[f]);
                if (f == 3)
                  continue; /* no filter of its own: it is what all adds */

                bp_indicator_query_init (&query, level, days[d]);
                query.window_days = windows[w];
                query.age_band = bands[b];
                g_assert_true (bp_case_source_filter_from_string (sources[f], &query.sources));
                indicators = bp_indicators_compute (fixture->cube, &query, &error);
                g_assert_no_error (error);

                g_assert_cmpuint (bp_indicators_get_n_rows (indicators), ==, expected[f]->len / 2);
                for (guint i = 0; i < bp_indicators_get_n_rows (indicators); i++)
                  {
                    const BpIndicatorRow *row = bp_indicators_get_row (indicators, i);

                    g_assert_cmpint (row->n_cases, ==, g_array_index (expected[f], gint64, 2 * i));
                    g_assert_cmpint (row->n_cases_previous, ==, g_array_index (expected[f], gint64, 2 * i + 1));
                    n_nonzero[f] += row->n_cases > 0;
                  }
              }

            for (guint i = 0; i < expected[0]->len; i++)
              {
                g_assert_cmpint (g_array_index (expected[0], gint64, i), ==,
                                 g_array_index (expected[1], gint64, i) + g_array_index (expected[2], gint64, i) +
                                 g_array_index (expected[3], gint64, i));
                n_nonzero[3] += g_array_index (expected[3], gint64, i) > 0;
              }

            for (guint f = 0; f < G_N_ELEMENTS (sources); f++)
              g_array_unref (expected[f]);
          }

  for (guint f = 0; f < G_N_ELEMENTS (sources); f++)
    g_assert_cmpuint (n_nonzero[f], >, 0);

  sqlite3_close (db);
}

static void
test_tool_bad_arguments (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (g_get_user_data_dir (), "no-such-dir", "counts.csv", NULL);
  g_autofree char *missing_store = g_build_filename (g_get_user_data_dir (), "no-such.db", NULL);
  const char *store = fixture->path;
  const char * const bad[][12] = {
    { "indicators", "--store", store, "--date", "2026-02-30", NULL },
    { "indicators", "--store", store, "--date", "yesterday", NULL },
    { "indicators", "--store", store, "--level", "county", NULL },
    { "indicators", "--store", store, "--window", "0", NULL },
    { "indicators", "--store", store, "--window", "366", NULL },
    { "indicators", "--store", store, "--window", "seven", NULL },
    { "indicators", "--store", store, "--window", "-7", NULL },
    { "indicators", "--store", store, "--age-band", "9", NULL },
    { "indicators", "--store", store, "--age-band", "-1", NULL },
    { "indicators", "--store", store, "--format", "json", NULL },
    { "indicators", "--store", store, "--source", "lab", NULL },
    { "indicators", "--store", store, "--source", "unrecorded", NULL },
    { "indicators", "--store", store, "--source", "", NULL },
    { "indicators", "--store", store, "--area", "99999", NULL },
    { "indicators", "--store", store, "--area", "11001", "--level", "region", NULL },
    { "indicators", "--store", missing_store, NULL },
    { "export-counts", "--store", missing_store, "--out", missing_dir, NULL },
    { "export-counts", "--store", store, "--out", missing_dir, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("brandpunt-tool %s %s %s", bad[i][0], bad[i][3] ? bad[i][3] : "",
                      bad[i][3] && bad[i][4] ? bad[i][4] : "");
      g_assert_cmpint (run_tool (bad[i], &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "brandpunt-tool"));
      g_assert_cmpuint (strlen (err), >, 30);
    }

  g_assert_false (g_file_test (missing_store, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
}

/* The neighbourhoods of a demo store against the exported counts grouped
 * by each sector's wijk in plain SQL, for each source, on several days,
 * windows and age bands; and through the tool for one municipality. */
static void
check_wijken_against_export (const char          *store_path,
                             BpCountCube         *cube,
                             const BpDemoSummary *summary)
{
  static const char * const sources[] = { "all", "confirmed", "clinical" };
  const int days[] = { summary->last_day, summary->last_day - 17 };
  static const int windows[] = { 1, 7, 14 };
  static const int bands[] = { -1, 3 };
  sqlite3 *db = open_exported_counts (store_path);
  sqlite3_stmt *stmt = NULL;
  guint n_nonzero = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT w.code, w.population,"
                                       "  coalesce (sum (c.n) FILTER (WHERE c.day > ?1 - ?2), 0),"
                                       "  coalesce (sum (c.n) FILTER (WHERE c.day <= ?1 - ?2), 0)"
                                       " FROM store.area w"
                                       " LEFT JOIN store.area s ON s.wijk_id = w.id AND s.level = 4"
                                       " LEFT JOIN counts c ON c.sector = s.code"
                                       "   AND c.day > ?1 - 2 * ?2 AND c.day <= ?1"
                                       "   AND (?3 < 0 OR c.age_band = ?3)"
                                       "   AND (?4 = 'all' OR c.source = ?4)"
                                       " WHERE w.level = 5"
                                       " GROUP BY w.code ORDER BY w.code",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
        for (guint f = 0; f < G_N_ELEMENTS (sources); f++)
          {
            g_autoptr(BpIndicators) indicators = NULL;
            g_autoptr(GError) error = NULL;
            BpIndicatorQuery query;
            guint row_index = 0;
            int rc;

            bp_indicator_query_init (&query, BP_AREA_LEVEL_WIJK, days[d]);
            query.window_days = windows[w];
            query.age_band = bands[b];
            g_assert_true (bp_case_source_filter_from_string (sources[f], &query.sources));
            indicators = bp_indicators_compute (cube, &query, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (bp_indicators_get_n_rows (indicators), ==, 2767);

            sqlite3_bind_int (stmt, 1, days[d]);
            sqlite3_bind_int (stmt, 2, windows[w]);
            sqlite3_bind_int (stmt, 3, bands[b]);
            sqlite3_bind_text (stmt, 4, sources[f], -1, SQLITE_STATIC);
            while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
              {
                const BpIndicatorRow *row = bp_indicators_get_row (indicators, row_index++);

                g_assert_cmpstr (row->code, ==, (const char *)sqlite3_column_text (stmt, 0));
                if (bands[b] < 0)
                  g_assert_cmpint (row->population, ==, sqlite3_column_int64 (stmt, 1));
                g_assert_cmpint (row->n_cases, ==, sqlite3_column_int64 (stmt, 2));
                g_assert_cmpint (row->n_cases_previous, ==, sqlite3_column_int64 (stmt, 3));
                n_nonzero += row->n_cases > 0;
              }
            g_assert_cmpint (rc, ==, SQLITE_DONE);
            g_assert_cmpuint (row_index, ==, 2767);
            sqlite3_reset (stmt);
          }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_nonzero, >, 1000);

  /* The tool gives the same for Leuven's neighbourhoods, clinical cases only. */
  {
    g_autofree char *date = bp_day_to_iso (summary->last_day);
    const char *args[] = { "indicators", "--store", store_path, "--date", date, "--window", "14",
                           "--level", "wijk", "--area", "24062", "--source", "clinical", "--format", "csv", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GPtrArray) lines = NULL;
    guint n_rows = 0;

    g_assert_cmpint (run_tool (args, &out, &err), ==, 0);
    lines = parse_csv (out);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT coalesce (sum (c.n), 0) FROM store.area w"
                                         " JOIN store.area s ON s.wijk_id = w.id"
                                         " JOIN counts c ON c.sector = s.code AND c.source = 'clinical'"
                                         "   AND c.day > ?2 - 14 AND c.day <= ?2"
                                         " WHERE w.level = 5 AND w.code = ?1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    for (guint i = 1; i < lines->len; i++)
      {
        char **fields = g_ptr_array_index (lines, i);

        g_assert_true (g_str_has_prefix (fields[0], "24062W"));
        sqlite3_bind_text (stmt, 1, fields[0], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int (stmt, 2, summary->last_day);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (g_ascii_strtoll (fields[3], NULL, 10), ==, sqlite3_column_int64 (stmt, 0));
        sqlite3_reset (stmt);
        n_rows++;
      }
    sqlite3_finalize (stmt);
    g_assert_cmpuint (n_rows, ==, 24);
  }

  sqlite3_close (db);
}

/* The broad comparison: a demo outbreak over every real area. */
static void
test_indicators_demo_store (void)
{
  const char *data_dir = g_getenv ("BRANDPUNT_DATA_DIR");
  g_autofree char *reference = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  BpDemoOptions options;
  BpDemoSummary summary;
  Seen seen = { 0, };

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
  options.n_days = 45;
  bp_demo_generate (store, &options, &summary, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The demo has no suppressed counts; mark some as the control tower
   * would. */
  g_assert_true (_bp_store_exec (store,
                                 "UPDATE case_count SET is_suppressed = 1"
                                 " WHERE n_cases BETWEEN 1 AND 4 AND sector_id % 97 = 0",
                                 &error));
  g_assert_no_error (error);

  cube = bp_count_cube_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_count_cube_get_n_rows (cube), ==, summary.n_rows);
  g_assert_cmpuint (bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_SECTOR), >, 10000);

  for (BpAreaLevel level = BP_AREA_LEVEL_REGION; level <= BP_AREA_LEVEL_SECTOR; level++)
    {
      const int days[] = { summary.last_day, summary.last_day - 20, summary.first_day + 2 };
      const int windows[] = { 7, 28 };
      const int bands[] = { -1, 4 };

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
          for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
            {
              BpIndicatorQuery query;

              bp_indicator_query_init (&query, level, days[d]);
              query.window_days = windows[w];
              query.age_band = bands[b];
              check_query (store, cube, &query, &seen);
            }
    }

  g_assert_cmpuint (seen.n_hidden, >, 0);
  g_assert_cmpuint (seen.n_shown_nonzero, >, 0);
  g_assert_cmpuint (seen.n_no_population, >, 0);
  g_assert_cmpuint (seen.n_zero_rows, >, 0);

  check_wijken_against_export (path, cube, &summary);

  g_clear_object (&store);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/indicators/format-count", test_format_count);
  g_test_add ("/indicators/cube/basics", StoreFixture, NULL,
              store_set_up, test_cube_basics, store_tear_down);
  g_test_add ("/indicators/cube/days", StoreFixture, NULL,
              store_set_up, test_cube_days, store_tear_down);
  g_test_add ("/indicators/small/levels", StoreFixture, NULL,
              store_set_up, test_indicators_small_store, store_tear_down);
  g_test_add ("/indicators/small/within", StoreFixture, NULL,
              store_set_up, test_indicators_within, store_tear_down);
  g_test_add ("/indicators/small/area-and-summary", StoreFixture, NULL,
              store_set_up, test_indicators_area_and_summary, store_tear_down);
  g_test_add ("/indicators/small/sources-add-up", StoreFixture, NULL,
              store_set_up, test_indicators_sources_add_up, store_tear_down);
  g_test_add ("/indicators/small/dashboard-sources", StoreFixture, NULL,
              store_set_up, test_indicators_dashboard_sources, store_tear_down);
  g_test_add ("/indicators/small/invalid", StoreFixture, NULL,
              store_set_up, test_indicators_invalid, store_tear_down);
  g_test_add ("/indicators/small/async", StoreFixture, NULL,
              store_set_up, test_indicators_async, store_tear_down);
  g_test_add ("/indicators/small/csv", StoreFixture, NULL,
              store_set_up, test_indicators_csv, store_tear_down);
  g_test_add ("/indicators/tool/indicators", StoreFixture, NULL,
              store_set_up, test_tool_indicators, store_tear_down);
  g_test_add ("/indicators/tool/export-counts", StoreFixture, NULL,
              store_set_up, test_tool_export_counts, store_tear_down);
  g_test_add ("/indicators/tool/export-agrees", StoreFixture, NULL,
              store_set_up, test_tool_export_agrees, store_tear_down);
  g_test_add ("/indicators/tool/bad-arguments", StoreFixture, NULL,
              store_set_up, test_tool_bad_arguments, store_tear_down);
  g_test_add_func ("/indicators/demo-store", test_indicators_demo_store);

  return g_test_run ();
}
