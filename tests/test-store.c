/* test-store.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "bp-count-cube.h"
#include "bp-indicators.h"
#include "bp-map-metric.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-private.h"

static char *
store_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stores", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)contents, length);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
raw_count (const char *path,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static BpAreaRecord *
make_record (const char *code,
             const char *parent_code,
             const char *name,
             gint64      population)
{
  BpAreaRecord *record = bp_area_record_new ();

  record->code = g_strdup (code);
  record->parent_code = g_strdup (parent_code);
  record->name_nl = g_strdup (name);
  record->population = population;
  record->geometry_source = g_strdup ("statbel");
  return record;
}

static void
import_region (BpStore    *store,
               const char *code,
               const char *name)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, make_record (code, NULL, name, 1000));
  g_assert_true (bp_store_import_areas (store, BP_AREA_LEVEL_REGION, records, "test", NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_create_new (void)
{
  g_autofree char *path = store_path ("new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autofree char *journal = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (bp_store_get_schema_version (store), ==, BP_STORE_SCHEMA_VERSION);
  g_assert_false (bp_store_is_demo (store));

  /* WAL and foreign keys are what later writers rely on. */
  db = _bp_store_get_db (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  journal = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (journal, ==, "wal");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_store_meta (void)
{
  g_autofree char *path = store_path ("meta.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpStore) reopened = NULL;
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (bp_store_set_meta (store, "demo-seed", "42", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  reopened = bp_store_open (path, &error);
  g_assert_no_error (error);
  value = bp_store_dup_meta (reopened, "demo-seed");
  g_assert_cmpstr (value, ==, "42");
  g_assert_true (bp_store_is_demo (reopened));

  g_assert_true (bp_store_set_meta (reopened, "demo-seed", NULL, &error));
  g_assert_false (bp_store_is_demo (reopened));
}

/* A file of each earlier version, written as that version did, opens
 * with its data intact and ends at the current version. */
static void
test_store_migrate_from_each_version (void)
{
  for (int version = 1; version < BP_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", version);
      g_autofree char *path = store_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(BpStore) old = _bp_store_open_at_version (path, version, &error);
      g_autoptr(BpStore) store = NULL;
      g_autoptr(BpArea) area = NULL;
      g_autofree char *seed = NULL;
      g_autoptr(GListModel) regions = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (bp_store_get_schema_version (old), ==, version);
      import_region (old, "02000", "Vlaams Gewest");
      g_assert_true (bp_store_set_meta (old, "demo-seed", "7", &error));
      g_clear_object (&old);

      store = bp_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bp_store_get_schema_version (store), ==, BP_STORE_SCHEMA_VERSION);

      area = bp_store_dup_area (store, BP_AREA_LEVEL_REGION, "02000", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bp_area_get_name_nl (area), ==, "Vlaams Gewest");
      g_assert_cmpint (bp_area_get_population (area), ==, 1000);
      seed = bp_store_dup_meta (store, "demo-seed");
      g_assert_cmpstr (seed, ==, "7");

      /* The tables of the later versions exist and work. */
      regions = bp_store_list_areas (store, BP_AREA_LEVEL_REGION, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (regions), ==, 1);
      raw_exec (path, "INSERT INTO case_count (sector_id, age_band, source, day, n_cases, cumulative) VALUES (1, 0, 1, 100, 2, 2)");
      raw_exec (path, "INSERT INTO document (id, winning_rev, local_seq, body) VALUES ('x', '1-a', 1, '{}')");

      /* the built sector map is dropped when the areas change */
      raw_exec (path, "INSERT INTO sector_map_cache (format, data) VALUES (1, x'00')");
      g_assert_cmpint (raw_count (path, "sector_map_cache"), ==, 1);
      import_region (store, "04000", "Brussels Hoofdstedelijk Gewest");
      g_assert_cmpint (raw_count (path, "sector_map_cache"), ==, 0);
    }
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A version 5 store with areas, counts, age bands and nursing homes,
 * written with the SQL that version used: the upgrade rebuilds the area and
 * count tables, and must keep every row and every reference. */
static void
test_store_migrate_counts_from_v5 (void)
{
  g_autofree char *path = store_path ("v5-counts.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) old = _bp_store_open_at_version (path, 5, &error);
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpArea) sector = NULL;
  gint64 n_rows, n_cases, n_suppressed, checksum;

  g_assert_no_error (error);
  g_clear_object (&old);

  raw_exec (path,
            "INSERT INTO area (id, level, code, parent_id, name_nl, population, geometry_source) VALUES"
            " (1, 0, '02000', NULL, 'Testgewest', 900, 'statbel'),"
            " (2, 1, '10000', 1, 'Testprovincie', 900, 'statbel'),"
            " (3, 2, 'elz1', 2, 'Testzone', 900, 'statbel'),"
            " (4, 3, '11001', 3, 'Testgemeente', 900, 'statbel'),"
            " (5, 4, '11001A00-', 4, 'Testsector A', 500, 'synthetic'),"
            " (6, 4, '11001A01-', 4, 'Testsector B', 400, 'statbel');"
            "INSERT INTO area_age_population (area_id, age_band, population) VALUES (4, 0, 100), (4, 8, 50);"
            "INSERT INTO nursing_home (id, code, name, sector_id, n_beds) VALUES (1, 'WZC-TEST', 'Testhuis', 6, 80);"
            "INSERT INTO nursing_home_signal (nursing_home_id, day, n_residents, n_staff) VALUES (1, 18000, 3, 1);"
            "INSERT INTO sector_map_cache (format, data) VALUES (1, x'00');"
            "WITH RECURSIVE d (day) AS (SELECT 18000 UNION ALL SELECT day + 1 FROM d WHERE day < 18099)"
            " INSERT INTO case_count (sector_id, age_band, day, n_cases, cumulative, is_suppressed)"
            "   SELECT s, b, day, 1 + (day * 7 + s * 3 + b) % 5,"
            "          sum (1 + (day * 7 + s * 3 + b) % 5) OVER (PARTITION BY s, b ORDER BY day),"
            "          (day % 11 = 0)"
            "   FROM d, (SELECT 5 AS s UNION ALL SELECT 6), (SELECT 0 AS b UNION ALL SELECT 4 UNION ALL SELECT 8);");

  n_rows = raw_int (path, "SELECT count (*) FROM case_count");
  n_cases = raw_int (path, "SELECT sum (n_cases) FROM case_count");
  n_suppressed = raw_int (path, "SELECT sum (is_suppressed) FROM case_count");
  checksum = raw_int (path, "SELECT sum (sector_id * 1000003 + age_band * 10007 + day * 31 + n_cases * 7 + cumulative) FROM case_count");
  g_assert_cmpint (n_rows, ==, 600);

  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_store_get_schema_version (store), ==, BP_STORE_SCHEMA_VERSION);

  /* Every count, flag and running total is kept, marked as of no recorded source. */
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM case_count"), ==, n_rows);
  g_assert_cmpint (raw_int (path, "SELECT sum (n_cases) FROM case_count"), ==, n_cases);
  g_assert_cmpint (raw_int (path, "SELECT sum (is_suppressed) FROM case_count"), ==, n_suppressed);
  g_assert_cmpint (raw_int (path, "SELECT sum (sector_id * 1000003 + age_band * 10007 + day * 31 + n_cases * 7 + cumulative) FROM case_count"),
                   ==, checksum);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM case_count WHERE source = 2"), ==, n_rows);

  /* The rows that refer to areas survive the rebuilt area table. */
  g_assert_cmpint (raw_count (path, "area"), ==, 6);
  g_assert_cmpint (raw_count (path, "area_age_population"), ==, 2);
  g_assert_cmpint (raw_count (path, "nursing_home"), ==, 1);
  g_assert_cmpint (raw_count (path, "nursing_home_signal"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT parent_id FROM area WHERE code = '11001A01-'"), ==, 4);
  g_assert_cmpint (raw_count (path, "sector_map_cache"), ==, 0);
  sector = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, "11001A00-", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_area_get_population (sector), ==, 500);
  g_assert_cmpstr (bp_area_get_parent_code (sector), ==, "11001");

  /* References are enforced again after the upgrade. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM area WHERE id = 5", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (raw_count (path, "area"), ==, 6);

  /* New counts carry their source beside the old ones. */
  {
    g_autoptr(BpCountWriter) writer = bp_store_begin_counts (store, &error);

    g_assert_no_error (error);
    g_assert_true (bp_count_writer_add (writer, 5, 0, BP_CASE_SOURCE_CLINICAL, 18050, 4, &error));
    g_assert_no_error (error);
    g_assert_true (bp_count_writer_commit (writer, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_int (path, "SELECT cumulative FROM case_count WHERE source = 1"), ==, 4);
  g_assert_cmpint (raw_int (path, "SELECT sum (n_cases) FROM case_count"), ==, n_cases + 4);

  /* The old counts count under all sources only: not as confirmed, nor
   * as clinical, where only the new count is. */
  {
    static const struct {
      BpCaseSourceFilter sources;
      int                extra;   /* the clinical count of 18050 */
    } filters[] = {
      { BP_CASE_SOURCE_FILTER_ALL, 4 },
      { BP_CASE_SOURCE_FILTER_CONFIRMED, 0 },
      { BP_CASE_SOURCE_FILTER_CLINICAL, 4 },
    };
    g_autoptr(BpCountCube) cube = bp_count_cube_new (store, &error);
    gint64 old_in_window = raw_int (path, "SELECT sum (n_cases) FROM case_count WHERE source = 2"
                                          " AND day BETWEEN 18037 AND 18050");
    /* No day of these 7 is one the control tower marked (day % 11 = 0). */
    gint64 old_of_a = raw_int (path, "SELECT sum (n_cases) FROM case_count WHERE source = 2 AND sector_id = 5"
                                     " AND day BETWEEN 18044 AND 18050");

    g_assert_no_error (error);
    g_assert_cmpint (old_in_window, >, 0);
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(BpIndicators) indicators = NULL;
        g_autoptr(BpSectorValues) values = NULL;
        gboolean all = filters[f].sources == BP_CASE_SOURCE_FILTER_ALL;
        BpIndicatorQuery query;
        gint64 cases_7;

        bp_indicator_query_init (&query, BP_AREA_LEVEL_REGION, 18050);
        query.sources = filters[f].sources;
        indicators = bp_indicators_compute (cube, &query, &error);
        g_assert_no_error (error);
        g_assert_cmpint (bp_indicators_get_row (indicators, 0)->n_cases, ==,
                         (all ? old_in_window : 0) + filters[f].extra);

        values = bp_store_compute_sector_values (store, BP_MAP_METRIC_CASES_7, 18050, -1, filters[f].sources, &error);
        g_assert_no_error (error);
        g_assert_true (bp_sector_values_get_counts (values, 5, &cases_7, NULL, NULL));
        g_assert_cmpint (cases_7, ==, (all ? old_of_a : 0) + filters[f].extra);
      }
  }
}

typedef struct
{
  const char *name;
  void (*prepare) (const char *path);
  int expected;
} BadStoreCase;

static void
prepare_garbage (const char *path)
{
  g_autofree char *garbage = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
}

static void
prepare_too_new (const char *path)
{
  g_autoptr(BpStore) store = bp_store_open (path, NULL);

  g_assert_nonnull (store);
  import_region (store, "02000", "Vlaams Gewest");
  g_clear_object (&store);
  raw_exec (path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
}

static void
prepare_foreign_database (const char *path)
{
  raw_exec (path, "CREATE TABLE patients (name TEXT); INSERT INTO patients VALUES ('Demo Testpersoon')");
}

static void
prepare_damaged_store (const char *path)
{
  g_autoptr(BpStore) store = bp_store_open (path, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_nonnull (store);
  import_region (store, "02000", "Vlaams Gewest");
  g_clear_object (&store);
  raw_exec (path, "PRAGMA journal_mode = DELETE");

  /* Keep the header, overwrite the pages after the first one. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 4096, 0xa5, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_store_refuses_bad_files (void)
{
  static const BadStoreCase cases[] = {
    { "garbage.db", prepare_garbage, BP_STORE_ERROR_CORRUPT },
    { "too-new.db", prepare_too_new, BP_STORE_ERROR_TOO_NEW },
    { "foreign.db", prepare_foreign_database, BP_STORE_ERROR_NOT_A_STORE },
    { "damaged.db", prepare_damaged_store, BP_STORE_ERROR_CORRUPT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = store_path (cases[i].name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BpStore) store = NULL;
      g_autoptr(BpArea) area = NULL;

      cases[i].prepare (path);
      before = file_checksum (path);

      store = bp_store_open (path, &error);
      if (store != NULL)
        area = bp_store_dup_area (store, BP_AREA_LEVEL_REGION, "02000", &error);

      g_test_message ("%s: %s", cases[i].name, error ? error->message : "(no error)");
      g_assert_error (error, BP_STORE_ERROR, cases[i].expected);
      /* The message names the file, so the user knows which one. */
      g_assert_nonnull (strstr (error->message, path));
      g_clear_object (&store);

      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_store_refuses_locked (void)
{
  g_autofree char *path = store_path ("locked.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) first = bp_store_open (path, &error);
  g_autoptr(BpStore) second = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_clear_object (&first);

  /* Another program holds the store exclusively, as the sqlite3 shell
   * does with "PRAGMA locking_mode = EXCLUSIVE" and a write. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                     "INSERT INTO store_meta VALUES ('x', 'y');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  second = bp_store_open (path, &error);
  g_assert_null (second);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_LOCKED);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
test_store_refuses_unopenable (void)
{
  g_autofree char *folder = store_path ("a-folder.db");
  g_autofree char *missing_dir = store_path ("no-such-dir/store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  store = bp_store_open (folder, &error);
  g_assert_null (store);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_UNREADABLE);
  g_clear_error (&error);

  store = bp_store_open (missing_dir, &error);
  g_assert_null (store);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_UNREADABLE);
}

static void
test_store_tool_reports_bad_store (void)
{
  g_autofree char *path = store_path ("tool-garbage.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status = 0;
  const char *argv[] = { TEST_TOOL, "info", "--store", path, NULL };

  prepare_garbage (path);
  before = file_checksum (path);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "damaged"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_store_import_rolls_back (void)
{
  g_autofree char *path = store_path ("rollback.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(BpArea) area = NULL;

  g_assert_no_error (error);
  import_region (store, "02000", "Vlaams Gewest");

  /* The second province names a region that does not exist: nothing of
   * the file may stay, not even the first province. */
  g_ptr_array_add (records, make_record ("10000", "02000", "Antwerpen", 10));
  g_ptr_array_add (records, make_record ("20001", "09999", "Vlaams-Brabant", 10));
  g_assert_false (bp_store_import_areas (store, BP_AREA_LEVEL_PROVINCE, records, "test", NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "20001"));
  g_assert_nonnull (strstr (error->message, "09999"));
  g_assert_cmpuint (bp_store_count_areas (store, BP_AREA_LEVEL_PROVINCE), ==, 0);
  g_clear_error (&error);

  area = bp_store_dup_area (store, BP_AREA_LEVEL_PROVINCE, "10000", &error);
  g_assert_null (area);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
}

/* Two stores starting at once both copy the reference areas; one must not
 * wait for the other over a file neither writes. */
static void
test_store_reference_import_ignores_locks (void)
{
  g_autofree char *shipped = bp_dup_reference_areas_path ();
  g_autofree char *reference = store_path ("reference-copy.db");
  g_autofree char *path = store_path ("from-reference.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  gsize length;
  sqlite3 *holder = NULL;

  g_assert_true (g_file_get_contents (shipped, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (reference, contents, length, NULL));

  /* Another connection holds the write lock of the reference file. */
  g_assert_cmpint (sqlite3_open (reference, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bp_store_import_reference (store, reference, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_store_count_areas (store, BP_AREA_LEVEL_SECTOR), ==, 10594);
  g_assert_cmpuint (bp_store_count_areas (store, BP_AREA_LEVEL_MUNICIPALITY), ==, 304);

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/create-new", test_store_create_new);
  g_test_add_func ("/store/meta", test_store_meta);
  g_test_add_func ("/store/migrate/from-each-version", test_store_migrate_from_each_version);
  g_test_add_func ("/store/migrate/counts-from-v5", test_store_migrate_counts_from_v5);
  g_test_add_func ("/store/open/refuses-bad-files", test_store_refuses_bad_files);
  g_test_add_func ("/store/open/refuses-locked", test_store_refuses_locked);
  g_test_add_func ("/store/open/refuses-unopenable", test_store_refuses_unopenable);
  g_test_add_func ("/store/open/tool-reports-bad-store", test_store_tool_reports_bad_store);
  g_test_add_func ("/store/areas/import-rolls-back", test_store_import_rolls_back);
  g_test_add_func ("/store/areas/reference-import-ignores-locks", test_store_reference_import_ignores_locks);

  return g_test_run ();
}
