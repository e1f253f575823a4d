/* test-mbtiles.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <sqlite3.h>
#include <string.h>

#include "bp-mbtiles.h"

/* The 8-byte PNG signature and a marker: enough to tell tiles apart. */
static const guint8 tile_a[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'A' };
static const guint8 tile_b[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'B' };

static char *
make_mbtiles (const char *name,
              const char *format)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autofree char *metadata = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  metadata = g_strdup_printf ("CREATE TABLE metadata (name TEXT, value TEXT);"
                              "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                              "                    tile_row INTEGER, tile_data BLOB);"
                              "INSERT INTO metadata VALUES ('name', 'Demo basemap'),"
                              " ('format', '%s'), ('minzoom', '7'), ('maxzoom', '9'),"
                              " ('attribution', '© Demo contributors');", format);
  g_assert_cmpint (sqlite3_exec (db, metadata, NULL, NULL, NULL), ==, SQLITE_OK);

  /* Zoom 8, column 131: row 170 from the top is TMS row 255 - 170 = 85. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, 8);
  sqlite3_bind_int (stmt, 2, 131);
  sqlite3_bind_int (stmt, 3, 85);
  sqlite3_bind_blob (stmt, 4, tile_a, sizeof tile_a, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 3, 170);
  sqlite3_bind_blob (stmt, 4, tile_b, sizeof tile_b, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static void
test_mbtiles_reads_tiles_top_down (void)
{
  g_autofree char *path = make_mbtiles ("basemap.mbtiles", "png");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpMbtiles) mbtiles = bp_mbtiles_open (path, &error);
  g_autoptr(GBytes) tile = NULL;
  g_autoptr(GBytes) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bp_mbtiles_get_name (mbtiles), ==, "Demo basemap");
  g_assert_cmpstr (bp_mbtiles_get_attribution (mbtiles), ==, "© Demo contributors");
  g_assert_cmpint (bp_mbtiles_get_min_zoom (mbtiles), ==, 7);
  g_assert_cmpint (bp_mbtiles_get_max_zoom (mbtiles), ==, 9);

  /* libshumate counts rows from the top; the file from the bottom. */
  tile = bp_mbtiles_dup_tile (mbtiles, 8, 131, 170, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (tile, NULL), g_bytes_get_size (tile), tile_a, sizeof tile_a);

  missing = bp_mbtiles_dup_tile (mbtiles, 8, 132, 170, &error);
  g_assert_null (missing);
  g_assert_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_NOT_FOUND);
}

static void
test_mbtiles_refuses_bad_files (void)
{
  g_autofree char *vector = make_mbtiles ("vector.mbtiles", "pbf");
  g_autofree char *text = g_build_filename (g_get_user_data_dir (), "notes.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.mbtiles", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpMbtiles) mbtiles = NULL;

  g_assert_true (g_file_set_contents (text, "not a database", -1, NULL));

  mbtiles = bp_mbtiles_open (vector, &error);
  g_assert_null (mbtiles);
  g_assert_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "pbf"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (text, &before, NULL, NULL));
  mbtiles = bp_mbtiles_open (text, &error);
  g_assert_null (mbtiles);
  g_assert_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (text, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  mbtiles = bp_mbtiles_open (missing, &error);
  g_assert_null (mbtiles);
  g_assert_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mbtiles/reads-tiles-top-down", test_mbtiles_reads_tiles_top_down);
  g_test_add_func ("/mbtiles/refuses-bad-files", test_mbtiles_refuses_bad_files);

  return g_test_run ();
}
