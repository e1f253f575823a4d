/* bench-indicators.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the indicators on a store, in process:
 *
 *   bench-indicators STORE YYYY-MM-DD WINDOW [REPETITIONS]
 *
 * - loading the count cube (median of 5), and what it holds in memory;
 * - the indicators of every statistical sector at the date over the window
 *   (median, 95th percentile), the benchmark's main figure, and of the
 *   other levels, one age band, and the key figures;
 * - a dashboard refresh: the child areas of a random area, the sectors in
 *   it and its key figures, at a random day (95th percentile of 500);
 * - the same sector indicators as one SQL GROUP BY on the store through
 *   SQLite (median of 20), the plain way without the cube.
 *
 * Prints one "name<TAB>value" line per figure for bench-indicators.sh. */

#undef G_DISABLE_ASSERT

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp-count-cube.h"
#include "bp-day.h"
#include "bp-indicators.h"
#include "bp-store-private.h"

#define N_LOADS    5
#define N_SQLITE   20
#define N_REFRESH  500

typedef gboolean (*BenchFunc) (gpointer data);

static int
compare_double (const void *a,
                const void *b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

/* The resident memory of this process in KiB, from /proc. */
static long
get_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

/* Runs func n times and gives the median and 95th percentile in ms. */
static void
time_runs (BenchFunc  func,
           gpointer   data,
           guint      n,
           double    *median,
           double    *p95)
{
  g_autofree double *times = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_assert_true (func (data));
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  qsort (times, n, sizeof (double), compare_double);
  *median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  *p95 = times[MIN (n - 1, (guint)ceil (n * 0.95) - 1)];
}

typedef struct
{
  BpCountCube      *cube;
  BpIndicatorQuery  query;
  gint64            n_cases;   /* of the last run, to check */
} IndicatorsRun;

static gboolean
run_indicators (gpointer data)
{
  IndicatorsRun *run = data;
  g_autoptr(BpIndicators) indicators = bp_indicators_compute (run->cube, &run->query, NULL);

  if (!indicators)
    return FALSE;

  run->n_cases = bp_indicators_get_total (indicators)->n_cases;
  return TRUE;
}

static gboolean
run_summary (gpointer data)
{
  IndicatorsRun *run = data;
  BpIndicatorSummary summary;

  return bp_indicators_compute_summary (run->cube, 0, run->query.day, -1, BP_CASE_SOURCE_FILTER_ALL, FALSE, &summary, NULL);
}

typedef struct
{
  BpCountCube *cube;
  GRand       *rand;
  int          first_day;
  int          last_day;
} RefreshRun;

/* What the dashboard computes when a user picks a scope or a day: the
 * areas one level down, the sectors inside, and the key figures. */
static gboolean
run_refresh (gpointer data)
{
  RefreshRun *run = data;
  BpAreaLevel level = g_rand_int_range (run->rand, BP_AREA_LEVEL_PROVINCE, BP_AREA_LEVEL_MUNICIPALITY + 1);
  guint position = g_rand_int_range (run->rand, 0, bp_count_cube_get_n_areas (run->cube, level));
  gint64 area_id = bp_count_cube_get_area_id (run->cube, level, position);
  int day = g_rand_int_range (run->rand, run->first_day, run->last_day + 1);
  g_autoptr(BpIndicators) children = NULL;
  g_autoptr(BpIndicators) sectors = NULL;
  BpIndicatorSummary summary;
  BpIndicatorQuery query;

  bp_indicator_query_init (&query, level + 1, day);
  query.within_area_id = area_id;
  query.suppress_small = TRUE;
  children = bp_indicators_compute (run->cube, &query, NULL);
  query.level = BP_AREA_LEVEL_SECTOR;
  sectors = bp_indicators_compute (run->cube, &query, NULL);

  return children && sectors &&
         bp_indicators_compute_summary (run->cube, area_id, day, -1, BP_CASE_SOURCE_FILTER_ALL, TRUE, &summary, NULL);
}

typedef struct
{
  sqlite3_stmt *stmt;
  int           day;
  int           window_days;
  gint64        n_cases;
  guint         n_rows;
} SqliteRun;

static gboolean
run_sqlite (gpointer data)
{
  SqliteRun *run = data;
  int rc;

  run->n_cases = 0;
  run->n_rows = 0;
  sqlite3_reset (run->stmt);
  sqlite3_bind_int (run->stmt, 1, run->day);
  sqlite3_bind_int (run->stmt, 2, run->window_days);
  while ((rc = sqlite3_step (run->stmt)) == SQLITE_ROW)
    {
      /* Read every column, as a caller would. */
      g_assert_nonnull (sqlite3_column_text (run->stmt, 0));
      g_assert_nonnull (sqlite3_column_text (run->stmt, 1));
      run->n_cases += sqlite3_column_int64 (run->stmt, 3);
      (void)sqlite3_column_int64 (run->stmt, 2);
      (void)sqlite3_column_double (run->stmt, 4);
      (void)sqlite3_column_int64 (run->stmt, 5);
      (void)sqlite3_column_double (run->stmt, 6);
      run->n_rows++;
    }

  return rc == SQLITE_DONE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261115);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double loads[N_LOADS];
  double median, p95, p95_unused;
  long rss_before, rss_after;
  int day, window_days, first_day, last_day;
  guint repetitions = 200;
  IndicatorsRun run = { NULL, };
  RefreshRun refresh = { NULL, };
  SqliteRun sqlite_run = { NULL, };
  static const struct {
    const char *name;
    BpAreaLevel level;
    int         age_band;
  } variants[] = {
    { "sectors", BP_AREA_LEVEL_SECTOR, -1 },
    { "sectors-band-4", BP_AREA_LEVEL_SECTOR, 4 },
    { "municipalities", BP_AREA_LEVEL_MUNICIPALITY, -1 },
    { "care-zones", BP_AREA_LEVEL_CARE_ZONE, -1 },
    { "regions", BP_AREA_LEVEL_REGION, -1 },
  };

  if (argc < 4)
    {
      g_printerr ("usage: bench-indicators STORE YYYY-MM-DD WINDOW [REPETITIONS]\n");
      return 2;
    }

  bp_day_from_iso (argv[2], &day, &error);
  g_assert_no_error (error);
  window_days = atoi (argv[3]);
  if (argc > 4)
    repetitions = MAX (atoi (argv[4]), 1);

  store = bp_store_open (argv[1], &error);
  g_assert_no_error (error);

  rss_before = get_rss_kib ();
  for (guint i = 0; i < N_LOADS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_object (&cube);
      cube = bp_count_cube_new (store, &error);
      g_assert_no_error (error);
      loads[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  rss_after = get_rss_kib ();
  qsort (loads, N_LOADS, sizeof (double), compare_double);
  g_assert_true (bp_count_cube_get_day_range (cube, &first_day, &last_day));

  g_print ("cube-rows\t%" G_GSIZE_FORMAT "\n", bp_count_cube_get_n_rows (cube));
  g_print ("cube-sectors\t%u\n", bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_SECTOR));
  g_print ("cube-load-median-ms\t%.1f\n", loads[N_LOADS / 2]);
  g_print ("cube-memory-mib\t%.1f\n", bp_count_cube_get_memory_size (cube) / 1048576.0);
  g_print ("process-rss-growth-mib\t%.1f\n", (rss_after - rss_before) / 1024.0);

  run.cube = cube;
  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      bp_indicator_query_init (&run.query, variants[v].level, day);
      run.query.window_days = window_days;
      run.query.age_band = variants[v].age_band;
      /* Warm the caches first, as a dashboard that stays open has them. */
      run_indicators (&run);
      time_runs (run_indicators, &run, repetitions, &median, &p95);
      g_print ("brandpunt-%s-median-ms\t%.3f\n", variants[v].name, median);
      g_print ("brandpunt-%s-p95-ms\t%.3f\n", variants[v].name, p95);
      if (v == 0)
        sqlite_run.n_cases = run.n_cases;
    }

  bp_indicator_query_init (&run.query, BP_AREA_LEVEL_SECTOR, day);
  time_runs (run_summary, &run, repetitions, &median, &p95);
  g_print ("brandpunt-summary-median-ms\t%.3f\n", median);

  refresh.cube = cube;
  refresh.rand = rand;
  refresh.first_day = first_day;
  refresh.last_day = last_day;
  time_runs (run_refresh, &refresh, N_REFRESH, &median, &p95);
  g_print ("dashboard-refresh-median-ms\t%.3f\n", median);
  g_print ("dashboard-refresh-p95-ms\t%.3f\n", p95);

  /* The same table by SQL: every sector with its population, the sums of
   * both windows from one GROUP BY, 0 for sectors without counts. */
  stmt = _bp_store_prepare (store,
                            "SELECT a.code, a.name_nl, a.population, coalesce (w.cur, 0),"
                            "       coalesce (w.cur, 0) * 100000.0 / nullif (a.population, 0),"
                            "       coalesce (w.prev, 0),"
                            "       (coalesce (w.cur, 0) - w.prev) * 100.0 / nullif (w.prev, 0)"
                            " FROM area a LEFT JOIN ("
                            "   SELECT sector_id,"
                            "          sum (n_cases) FILTER (WHERE day > ?1 - ?2) AS cur,"
                            "          sum (n_cases) FILTER (WHERE day <= ?1 - ?2) AS prev"
                            "   FROM case_count WHERE day > ?1 - 2 * ?2 AND day <= ?1"
                            "   GROUP BY sector_id) w ON w.sector_id = a.id"
                            " WHERE a.level = 4 ORDER BY a.code",
                            &error);
  g_assert_no_error (error);
  sqlite_run.stmt = stmt;
  sqlite_run.day = day;
  sqlite_run.window_days = window_days;
  {
    gint64 expected = sqlite_run.n_cases;

    run_sqlite (&sqlite_run);
    /* Both ways must agree before their times mean anything. */
    g_assert_cmpint (sqlite_run.n_cases, ==, expected);
    g_assert_cmpuint (sqlite_run.n_rows, ==, bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_SECTOR));
    g_print ("sectors-cases\t%" G_GINT64_FORMAT "\n", expected);
  }
  time_runs (run_sqlite, &sqlite_run, N_SQLITE, &median, &p95_unused);
  g_print ("sqlite-sectors-median-ms\t%.3f\n", median);

  return 0;
}
