/* bench-hit-test.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times bp_sector_map_load() and bp_sector_map_hit_test() on the reference
 * areas: the median of 200 batches of 1,000 random points inside the bounds
 * of Flanders and Brussels. */

#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>

#include "bp-sector-map.h"
#include "bp-store-areas.h"

#define N_BATCHES 200
#define BATCH     1000

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-hit-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *reference = bp_dup_reference_areas_path ();
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261115);
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  double times[N_BATCHES];
  static double points[BATCH][2];
  BpWorldRect bounds;
  guint n_hits = 0;

  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bp_store_import_reference (store, reference, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 5; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      g_clear_object (&map);
      map = bp_sector_map_load (store, NULL, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (loads, ms);
    }
  g_array_sort (loads, compare_double);

  bp_sector_map_get_world_bounds (map, &bounds);
  for (guint b = 0; b < N_BATCHES; b++)
    {
      gint64 t0;

      for (guint i = 0; i < BATCH; i++)
        {
          points[i][0] = g_rand_double_range (rand, bounds.min_x, bounds.max_x);
          points[i][1] = g_rand_double_range (rand, bounds.min_y, bounds.max_y);
        }

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < BATCH; i++)
        n_hits += bp_sector_map_hit_test (map, points[i][0], points[i][1]) >= 0;
      times[b] = (double)(g_get_monotonic_time () - t0) / BATCH;
    }
  qsort (times, N_BATCHES, sizeof (double), (int (*) (const void *, const void *))compare_double);

  g_print ("sector map load: median %.0f ms (%u sectors)\n",
           g_array_index (loads, double, loads->len / 2), bp_sector_map_get_n_sectors (map));
  for (guint l = 0; l < bp_sector_map_get_n_lods (map); l++)
    g_print ("lod %u: %" G_GSIZE_FORMAT " points\n", l, bp_sector_map_get_n_points (map, l));
  g_print ("hit test: median %.3f µs a point (%u of %u points in a sector)\n",
           times[N_BATCHES / 2], n_hits, N_BATCHES * BATCH);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
