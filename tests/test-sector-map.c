/* test-sector-map.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bp-outline-origin.h"
#include "bp-sector-map.h"
#include "bp-store-areas.h"
#include "bp-store-private.h"

static BpStore *reference_store;
static BpSectorMap *reference_map;

static char *
store_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stores", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* Other tests import the same reference file at the same time; under the
 * sanitizers that can outlast the store's busy timeout. */
static void
import_reference (BpStore    *store,
                  const char *reference)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) error = NULL;

      if (bp_store_import_reference (store, reference, &error))
        return;
      if (attempt >= 30 || !g_error_matches (error, BP_STORE_ERROR, BP_STORE_ERROR_LOCKED))
        g_assert_no_error (error);
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

static BpSectorMap *
get_reference_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reference = NULL;
  gint64 started;

  if (reference_map)
    return reference_map;

  path = store_path ("reference.db");
  reference = bp_dup_reference_areas_path ();
  reference_store = bp_store_open (path, &error);
  g_assert_no_error (error);
  import_reference (reference_store, reference);

  started = g_get_monotonic_time ();
  reference_map = bp_sector_map_load (reference_store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reference_map);
  g_test_message ("loaded %u sectors in %.0f ms", bp_sector_map_get_n_sectors (reference_map),
                  (g_get_monotonic_time () - started) / 1000.0);

  return reference_map;
}

/* A point well inside an outline, found independently of BpSectorMap: the
 * grid point of the bounding box that is inside with the most inside
 * neighbours around it. */
static gboolean
find_inner_point (BpGeometry *geometry,
                  double     *lon,
                  double     *lat)
{
  BpBounds bounds;
  int best_score = -1;
  const int n = 40;

  *lon = *lat = 0.0;
  bp_geometry_get_bounds (geometry, &bounds);
  for (int i = 1; i < n; i++)
    for (int j = 1; j < n; j++)
      {
        double x = bounds.min_lon + i * (bounds.max_lon - bounds.min_lon) / n;
        double y = bounds.min_lat + j * (bounds.max_lat - bounds.min_lat) / n;
        double dx = (bounds.max_lon - bounds.min_lon) / n, dy = (bounds.max_lat - bounds.min_lat) / n;
        int score = 0;

        if (!bp_geometry_contains (geometry, x, y))
          continue;
        for (int k = 1; k <= 3; k++)
          score += bp_geometry_contains (geometry, x + k * dx, y) + bp_geometry_contains (geometry, x - k * dx, y) +
                   bp_geometry_contains (geometry, x, y + k * dy) + bp_geometry_contains (geometry, x, y - k * dy);
        if (score > best_score)
          {
            best_score = score;
            *lon = x;
            *lat = y;
          }
      }

  return best_score >= 0;
}

static void
test_sector_map_hit_test_reference (void)
{
  /* the first sectors of a few municipalities: Gent, Antwerpen, Leuven,
   * Hasselt, Brugge, and Brussels */
  static const char * const municipalities[] = { "44021", "11002", "24062", "71072", "31005", "21004" };
  BpSectorMap *map = get_reference_map ();
  guint n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (municipalities); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) sectors = bp_store_list_areas (reference_store, BP_AREA_LEVEL_SECTOR,
                                                            municipalities[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (sectors), >, 3);

      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(BpArea) sector = g_list_model_get_item (sectors, k);
          g_autoptr(BpGeometry) geometry = bp_store_dup_area_geometry (reference_store, bp_area_get_id (sector), &error);
          double lon, lat, x, y;
          int hit;

          g_assert_no_error (error);
          g_assert_true (find_inner_point (geometry, &lon, &lat));
          g_assert_true (bp_geometry_contains (geometry, lon, lat));

          bp_world_project (lon, lat, &x, &y);
          hit = bp_sector_map_hit_test (map, x, y);
          g_assert_cmpint (hit, >=, 0);
          g_assert_cmpstr (bp_sector_map_get_sector_code (map, hit), ==, bp_area_get_code (sector));
          g_assert_cmpint (bp_sector_map_get_sector_id (map, hit), ==, bp_area_get_id (sector));
          g_assert_cmpint (bp_sector_map_lookup_sector (map, bp_area_get_id (sector)), ==, hit);
          g_assert_cmpint (bp_sector_map_lookup_sector_code (map, bp_area_get_code (sector)), ==, hit);
          g_assert_cmpstr (bp_sector_map_get_municipality_code (map, bp_sector_map_get_sector_municipality (map, hit)),
                           ==, municipalities[i]);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, ==, 3 * G_N_ELEMENTS (municipalities));
}

static void
test_sector_map_hit_test_outside (void)
{
  BpSectorMap *map = get_reference_map ();
  static const double points[][2] = {
    { 2.60, 51.40 },   /* North Sea */
    { 4.40, 50.30 },   /* Wallonia, Charleroi */
    { 6.50, 51.00 },   /* Germany */
    { -120.0, 10.0 },  /* far away */
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double x, y;

      bp_world_project (points[i][0], points[i][1], &x, &y);
      g_assert_cmpint (bp_sector_map_hit_test (map, x, y), ==, -1);
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

static void
test_sector_map_hit_test_speed (void)
{
  BpSectorMap *map = get_reference_map ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  BpWorldRect bounds;
  guint n_hits = 0;

  bp_sector_map_get_world_bounds (map, &bounds);
  for (guint batch = 0; batch < 100; batch++)
    {
      double points[200][2];
      gint64 t0;
      double per_call;

      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          points[i][0] = g_rand_double_range (rand, bounds.min_x, bounds.max_x);
          points[i][1] = g_rand_double_range (rand, bounds.min_y, bounds.max_y);
        }

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        n_hits += bp_sector_map_hit_test (map, points[i][0], points[i][1]) >= 0;
      per_call = (double)(g_get_monotonic_time () - t0) / G_N_ELEMENTS (points);
      g_array_append_val (times, per_call);
    }

  g_array_sort (times, compare_double);
  g_test_message ("hit test: median %.2f µs a point", g_array_index (times, double, times->len / 2));
  /* the bounding box of Flanders and Brussels is about half sectors */
  g_assert_cmpuint (n_hits, >, 5000);
  /* generous, for sanitizer builds; the benchmark gives the real figure */
  g_assert_cmpfloat (g_array_index (times, double, times->len / 2), <, 500.0);
}

static void
test_sector_map_lods (void)
{
  BpSectorMap *map = get_reference_map ();
  guint n_lods = bp_sector_map_get_n_lods (map);
  gsize full = bp_sector_map_get_n_points (map, n_lods - 1);

  g_assert_cmpuint (n_lods, >=, 3);
  g_assert_cmpfloat (bp_sector_map_get_lod_tolerance (map, n_lods - 1), ==, 0.0);
  for (guint l = 0; l < n_lods; l++)
    g_test_message ("lod %u: %" G_GSIZE_FORMAT " points", l, bp_sector_map_get_n_points (map, l));

  /* every coarser level has fewer points, and the coarsest far fewer */
  for (guint l = 1; l < n_lods; l++)
    g_assert_cmpuint (bp_sector_map_get_n_points (map, l - 1), <=, bp_sector_map_get_n_points (map, l));
  g_assert_cmpuint (bp_sector_map_get_n_points (map, 0) * 3, <, full);
  g_assert_cmpuint (full, >=, 300000);

  g_assert_cmpuint (bp_sector_map_pick_lod (map, 3.0), ==, 0);
  g_assert_cmpuint (bp_sector_map_pick_lod (map, 18.0), ==, n_lods - 1);
  for (double z = 4.0; z < 18.0; z += 0.25)
    g_assert_cmpuint (bp_sector_map_pick_lod (map, z), <=, bp_sector_map_pick_lod (map, z + 0.25));
}

static guint
point_hash (gconstpointer data)
{
  const double *p = data;
  guint64 bits[2];

  memcpy (bits, p, sizeof bits);
  bits[0] = (bits[0] ^ (bits[1] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  return (guint)(bits[0] >> 32) ^ (guint)bits[0];
}

static gboolean
point_equal (gconstpointer a,
             gconstpointer b)
{
  const double *pa = a, *pb = b;

  return pa[0] == pb[0] && pa[1] == pb[1];
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ia = *(const guint *)a, ib = *(const guint *)b;

  return ia < ib ? -1 : ia > ib;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 ia = *(const gint64 *)a, ib = *(const gint64 *)b;

  return ia < ib ? -1 : ia > ib;
}

/* The sorted ids of the vertices of a sector at a level of detail; @ids
 * numbers every full-detail point. */
static GArray *
dup_vertex_ids (BpSectorMap *map,
                GHashTable  *ids,
                guint        sector,
                guint        lod)
{
  GArray *set = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint r = 0; r < bp_sector_map_get_n_rings (map, sector, lod); r++)
    {
      guint n;
      const double *xy = bp_sector_map_get_ring (map, sector, lod, r, &n);

      for (guint i = 0; i < n; i++)
        {
          gpointer id;

          /* a simplified vertex is always one of the full outline */
          g_assert_true (g_hash_table_lookup_extended (ids, &xy[i * 2], NULL, &id));
          g_array_append_val (set, id);
        }
    }

  g_array_sort (set, compare_uint);
  return set;
}

static gboolean
set_contains (GArray *set,
              guint   id)
{
  return bsearch (&id, set->data, set->len, sizeof (guint), compare_uint) != NULL;
}

/* For every pair of sectors that share vertices at full detail, the shared
 * vertices each keeps at a coarser level must be the same on both sides:
 * then neighbours meet exactly, with no gap or sliver. */
static void
test_sector_map_shared_boundaries (void)
{
  BpSectorMap *map = get_reference_map ();
  guint n_sectors = bp_sector_map_get_n_sectors (map);
  guint full = bp_sector_map_get_n_lods (map) - 1;
  g_autoptr(GHashTable) ids = g_hash_table_new (point_hash, point_equal);
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autoptr(GPtrArray) full_sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autoptr(GArray) pair_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_mismatches = 0, n_pairs = 0;

  /* number the full-detail points, and note who owns each */
  for (guint s = 0; s < n_sectors; s++)
    for (guint r = 0; r < bp_sector_map_get_n_rings (map, s, full); r++)
      {
        guint n;
        const double *xy = bp_sector_map_get_ring (map, s, full, r, &n);

        for (guint i = 0; i < n; i++)
          {
            gpointer id;

            if (!g_hash_table_lookup_extended (ids, &xy[i * 2], NULL, &id))
              {
                id = GUINT_TO_POINTER (owners->len);
                g_hash_table_insert (ids, (gpointer)&xy[i * 2], id);
                g_ptr_array_add (owners, g_array_new (FALSE, FALSE, sizeof (guint)));
              }
            g_array_append_val (g_ptr_array_index (owners, GPOINTER_TO_UINT (id)), s);
          }
      }

  for (guint s = 0; s < n_sectors; s++)
    g_ptr_array_add (full_sets, dup_vertex_ids (map, ids, s, full));

  for (guint v = 0; v < owners->len; v++)
    {
      GArray *list = g_ptr_array_index (owners, v);

      for (guint i = 0; i < list->len; i++)
        for (guint j = i + 1; j < list->len; j++)
          {
            guint a = MIN (g_array_index (list, guint, i), g_array_index (list, guint, j));
            guint b = MAX (g_array_index (list, guint, i), g_array_index (list, guint, j));
            gint64 key = ((gint64)a << 32) | b;

            if (a != b)
              g_array_append_val (pair_keys, key);
          }
    }
  g_array_sort (pair_keys, compare_int64);

  for (guint lod = 0; lod < full; lod++)
    {
      g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
      gint64 previous = -1;

      for (guint s = 0; s < n_sectors; s++)
        g_ptr_array_add (sets, dup_vertex_ids (map, ids, s, lod));

      for (guint k = 0; k < pair_keys->len; k++)
        {
          gint64 key = g_array_index (pair_keys, gint64, k);
          guint ab[2] = { (guint)(key >> 32), (guint)(key & 0xffffffff) };

          if (key == previous)
            continue;
          previous = key;
          n_pairs++;

          /* a vertex of one at this level on the boundary shared with the
           * other is a vertex of the other too */
          for (guint side = 0; side < 2; side++)
            {
              GArray *mine = g_ptr_array_index (sets, ab[side]);
              GArray *other_full = g_ptr_array_index (full_sets, ab[!side]);
              GArray *other = g_ptr_array_index (sets, ab[!side]);

              for (guint i = 0; i < mine->len; i++)
                {
                  guint id = g_array_index (mine, guint, i);

                  if (set_contains (other_full, id) && !set_contains (other, id))
                    {
                      if (n_mismatches++ < 5)
                        g_test_message ("lod %u: %s keeps a vertex %s drops", lod,
                                        bp_sector_map_get_sector_code (map, ab[side]),
                                        bp_sector_map_get_sector_code (map, ab[!side]));
                    }
                }
            }
        }
    }

  g_test_message ("%u neighbour pairs checked at %u levels", n_pairs / full, full);
  g_assert_cmpuint (n_pairs / full, >, 20000);
  g_assert_cmpuint (n_mismatches, ==, 0);
}

static void
test_sector_map_arcs (void)
{
  BpSectorMap *map = get_reference_map ();
  guint n_levels[BP_AREA_N_LEVELS] = { 0 };
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (guint));
  BpWorldRect bounds;

  for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
    {
      guint n;

      n_levels[bp_sector_map_get_arc_level (map, arc)]++;
      g_assert_nonnull (bp_sector_map_get_arc (map, arc, 0, &n));
      g_assert_cmpuint (n, >=, 2);
    }

  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    if (l != BP_AREA_LEVEL_WIJK)
      g_assert_cmpuint (n_levels[l], >, 0);

  /* Lines between neighbourhoods are sector lines, and real: a real area
   * (cell) never straddles two neighbourhoods. */
  {
    guint n_wijk_edges = 0;

    for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
      if (bp_sector_map_arc_is_wijk_edge (map, arc))
        {
          g_assert_cmpint (bp_sector_map_get_arc_level (map, arc), ==, BP_AREA_LEVEL_SECTOR);
          g_assert_false (bp_sector_map_arc_is_approximate (map, arc));
          n_wijk_edges++;
        }
    /* 2,767 neighbourhoods in 304 municipalities: thousands of such lines,
     * and fewer than all sector lines. */
    g_assert_cmpuint (n_wijk_edges, >, 2767);
    g_assert_cmpuint (n_wijk_edges, <, n_levels[BP_AREA_LEVEL_SECTOR]);
  }

  bp_sector_map_get_world_bounds (map, &bounds);
  g_assert_cmpuint (bp_sector_map_query_arcs (map, &bounds, BP_AREA_LEVEL_PROVINCE, arcs), ==,
                    n_levels[BP_AREA_LEVEL_REGION] + n_levels[BP_AREA_LEVEL_PROVINCE]);
}

static void
test_sector_map_bounds (void)
{
  BpSectorMap *map = get_reference_map ();
  g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint));
  BpBounds bounds, gent;
  BpWorldRect rect, world;
  guint n_inside = 0;

  bp_sector_map_get_bounds (map, &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.min_lon, 2.54, 0.05);
  g_assert_cmpfloat_with_epsilon (bounds.max_lat, 51.51, 0.05);

  g_assert_true (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_MUNICIPALITY, "44021", &gent));
  g_assert_cmpfloat (gent.min_lon, <, 3.72);
  g_assert_cmpfloat (gent.max_lon, >, 3.72);
  g_assert_true (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_CARE_ZONE, "elz7", &bounds));
  g_assert_true (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_PROVINCE, "40000", &bounds));
  g_assert_false (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_MUNICIPALITY, "99999", &bounds));

  bp_world_rect_from_bounds (&rect, &gent);
  g_assert_cmpuint (bp_sector_map_query_sectors (map, &rect, sectors), >, 200);
  for (guint k = 0; k < sectors->len; k++)
    {
      guint s = g_array_index (sectors, guint, k);

      if (g_str_has_prefix (bp_sector_map_get_sector_code (map, s), "44021"))
        n_inside++;
    }
  /* every Gent sector is found */
  {
    g_autoptr(GListModel) list = bp_store_list_areas (reference_store, BP_AREA_LEVEL_SECTOR, "44021", NULL);

    g_assert_cmpuint (n_inside, ==, g_list_model_get_n_items (list));
  }

  bp_sector_map_get_world_bounds (map, &world);
  g_assert_cmpuint (bp_sector_map_query_sectors (map, &world, sectors), ==, bp_sector_map_get_n_sectors (map));
}

static void
test_sector_map_projection (void)
{
  static const double cases[][4] = {
    /* lon, lat, x, y */
    { 0.0, 0.0, 0.5, 0.5 },
    { -180.0, 0.0, 0.0, 0.5 },
    { 180.0, 0.0, 1.0, 0.5 },
    { 0.0, 85.0511287798, 0.5, 0.0 },
    { 3.7174, 51.0543, 0.510326, 0.334 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double x, y, lon, lat;

      bp_world_project (cases[i][0], cases[i][1], &x, &y);
      g_assert_cmpfloat_with_epsilon (x, cases[i][2], 1e-5);
      g_assert_cmpfloat_with_epsilon (y, cases[i][3], 1e-3);
      bp_world_unproject (x, y, &lon, &lat);
      g_assert_cmpfloat_with_epsilon (lon, cases[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (lat, cases[i][1], 1e-7);
    }
}

static void
test_sector_map_labels (void)
{
  BpSectorMap *map = get_reference_map ();

  g_assert_cmpuint (bp_sector_map_get_n_municipalities (map), ==, 304);
  for (guint m = 0; m < bp_sector_map_get_n_municipalities (map); m++)
    {
      double x, y;
      int hit;

      bp_sector_map_get_municipality_label_point (map, m, &x, &y);
      hit = bp_sector_map_hit_test (map, x, y);
      /* the label point lies in a sector of the municipality itself */
      g_assert_cmpint (hit, >=, 0);
      g_assert_cmpuint (bp_sector_map_get_sector_municipality (map, hit), ==, m);
    }
}

/* ---- a small hand-made store ---- */

static BpAreaRecord *
make_record (const char *code,
             const char *parent_code,
             BpGeometry *geometry)
{
  BpAreaRecord *record = bp_area_record_new ();

  record->code = g_strdup (code);
  record->parent_code = g_strdup (parent_code);
  record->name_nl = g_strdup (code);
  record->population = 1000;
  record->geometry_source = g_strdup ("statbel");
  record->geometry = geometry ? bp_geometry_ref (geometry) : NULL;
  return record;
}

static void
add_square (BpGeometry *geometry,
            double      lon,
            double      lat,
            double      size)
{
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, lon, lat);
  bp_geometry_add_point (geometry, lon + size, lat);
  bp_geometry_add_point (geometry, lon + size, lat + size);
  bp_geometry_add_point (geometry, lon, lat + size);
}

static void
import_level (BpStore     *store,
              BpAreaLevel  level,
              const char  *code,
              const char  *parent_code,
              BpGeometry  *geometry)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, make_record (code, parent_code, geometry));
  g_assert_true (bp_store_import_areas (store, level, records, "test", NULL, &error));
  g_assert_no_error (error);
}

static void
test_sector_map_constructed (void)
{
  g_autofree char *path = store_path ("constructed.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(BpGeometry) outline = bp_geometry_new ();
  g_autoptr(BpGeometry) ring = bp_geometry_new ();
  g_autoptr(BpGeometry) island = bp_geometry_new ();
  g_autoptr(BpGeometry) parts = bp_geometry_new ();
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  static const struct {
    double      lon;
    double      lat;
    const char *sector;
  } cases[] = {
    { 4.005, 51.005, "11001A00-" }, /* the ring around the hole */
    { 4.035, 51.035, "11001A00-" },
    { 4.020, 51.020, "11001B00-" }, /* the island in the hole */
    { 4.045, 51.005, "11001C00-" }, /* first part of the multipolygon */
    { 4.055, 51.035, "11001C00-" }, /* its second part */
    { 4.045, 51.025, "11001D00-" }, /* the sector between the two parts */
    { 3.990, 51.020, NULL },
    { 4.100, 51.020, NULL },
  };

  g_assert_no_error (error);

  /* ring: the square 4.00-4.04 with a hole 4.01-4.03; island fills the hole;
   * parts: two squares east of it, with sector D between them */
  bp_geometry_begin_polygon (ring);
  add_square (ring, 4.00, 51.00, 0.04);
  bp_geometry_begin_ring (ring);
  bp_geometry_add_point (ring, 4.01, 51.01);
  bp_geometry_add_point (ring, 4.01, 51.03);
  bp_geometry_add_point (ring, 4.03, 51.03);
  bp_geometry_add_point (ring, 4.03, 51.01);
  bp_geometry_begin_polygon (island);
  add_square (island, 4.01, 51.01, 0.02);
  bp_geometry_begin_polygon (parts);
  bp_geometry_begin_ring (parts);
  bp_geometry_add_point (parts, 4.04, 51.00);
  bp_geometry_add_point (parts, 4.06, 51.00);
  bp_geometry_add_point (parts, 4.06, 51.02);
  bp_geometry_add_point (parts, 4.04, 51.02);
  bp_geometry_add_point (parts, 4.04, 51.01);
  bp_geometry_begin_polygon (parts);
  bp_geometry_begin_ring (parts);
  bp_geometry_add_point (parts, 4.04, 51.03);
  bp_geometry_add_point (parts, 4.06, 51.03);
  bp_geometry_add_point (parts, 4.06, 51.04);
  bp_geometry_add_point (parts, 4.04, 51.04);
  bp_geometry_begin_polygon (outline);
  add_square (outline, 4.00, 51.00, 0.06);

  import_level (store, BP_AREA_LEVEL_REGION, "02000", NULL, outline);
  import_level (store, BP_AREA_LEVEL_PROVINCE, "10000", "02000", outline);
  import_level (store, BP_AREA_LEVEL_CARE_ZONE, "elz1", "10000", outline);
  import_level (store, BP_AREA_LEVEL_MUNICIPALITY, "11001", "elz1", outline);

  {
    g_autoptr(BpGeometry) middle = bp_geometry_new ();

    bp_geometry_begin_polygon (middle);
    bp_geometry_begin_ring (middle);
    bp_geometry_add_point (middle, 4.04, 51.02);
    bp_geometry_add_point (middle, 4.06, 51.02);
    bp_geometry_add_point (middle, 4.06, 51.03);
    bp_geometry_add_point (middle, 4.04, 51.03);
    g_ptr_array_add (sectors, make_record ("11001A00-", "11001", ring));
    g_ptr_array_add (sectors, make_record ("11001B00-", "11001", island));
    g_ptr_array_add (sectors, make_record ("11001C00-", "11001", parts));
    g_ptr_array_add (sectors, make_record ("11001D00-", "11001", middle));
  }
  g_assert_true (bp_store_import_areas (store, BP_AREA_LEVEL_SECTOR, sectors, "test", NULL, &error));
  g_assert_no_error (error);

  map = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_sector_map_get_n_sectors (map), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double x, y;
      int hit;

      bp_world_project (cases[i].lon, cases[i].lat, &x, &y);
      hit = bp_sector_map_hit_test (map, x, y);
      if (cases[i].sector)
        {
          g_assert_cmpint (hit, >=, 0);
          g_assert_cmpstr (bp_sector_map_get_sector_code (map, hit), ==, cases[i].sector);
        }
      else
        g_assert_cmpint (hit, ==, -1);
    }

  /* the ring of A has two rings at every level, C two parts */
  for (guint lod = 0; lod < bp_sector_map_get_n_lods (map); lod++)
    {
      int a = bp_sector_map_lookup_sector_code (map, "11001A00-");
      int c = bp_sector_map_lookup_sector_code (map, "11001C00-");

      g_assert_cmpuint (bp_sector_map_get_n_rings (map, a, lod), ==, 2);
      g_assert_cmpuint (bp_sector_map_get_n_rings (map, c, lod), ==, 2);
    }

  /* all boundaries inside the single municipality are sector edges; the
   * outline of the whole is a region boundary */
  for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
    {
      BpAreaLevel level = bp_sector_map_get_arc_level (map, arc);

      g_assert_true (level == BP_AREA_LEVEL_SECTOR || level == BP_AREA_LEVEL_REGION);
    }
}

/* The sectors on the two sides of the middle of an arc's longest segment,
 * found by hit tests a little way off it; -1 where there is none. */
static void
find_arc_sides (BpSectorMap *map,
                guint        arc,
                int         *left,
                int         *right)
{
  guint full = bp_sector_map_get_n_lods (map) - 1;
  guint n, longest = 0;
  const double *xy = bp_sector_map_get_arc (map, arc, full, &n);
  double longest_len = -1.0, dx, dy, len, mx, my, probe;

  for (guint i = 0; i + 1 < n; i++)
    {
      double l = hypot (xy[i * 2 + 2] - xy[i * 2], xy[i * 2 + 3] - xy[i * 2 + 1]);

      if (l > longest_len)
        {
          longest_len = l;
          longest = i;
        }
    }

  dx = xy[longest * 2 + 2] - xy[longest * 2];
  dy = xy[longest * 2 + 3] - xy[longest * 2 + 1];
  len = hypot (dx, dy);
  mx = xy[longest * 2] + dx / 2.0;
  my = xy[longest * 2 + 1] + dy / 2.0;
  /* about a metre, and never past a short segment's neighbours */
  probe = MIN (4e-8, len / 4.0);
  *left = bp_sector_map_hit_test (map, mx - dy / len * probe, my + dx / len * probe);
  *right = bp_sector_map_hit_test (map, mx + dy / len * probe, my - dx / len * probe);
}

/* The shipped outlines: 1,221 + 572 reconstructed from real areas, 8,801
 * approximate; a line is drawn as approximate exactly where it runs
 * inside one real area (geometry_cell_id) between approximate sectors. */
static void
test_sector_map_outlines_reference (void)
{
  BpSectorMap *map = get_reference_map ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  guint n_origins[BP_N_OUTLINE_ORIGINS] = { 0 };
  guint n_approximate_arcs = 0, n_checked = 0, n_wrong = 0, n_cell_edges = 0;

  for (guint s = 0; s < bp_sector_map_get_n_sectors (map); s++)
    {
      BpOutlineOrigin origin =
        bp_outline_origin_from_geometry_source (bp_sector_map_get_sector_geometry_source (map, s));

      n_origins[origin]++;
      g_assert_cmpint (bp_sector_map_sector_is_approximate (map, s), ==, origin == BP_OUTLINE_ORIGIN_APPROXIMATE);
    }
  g_assert_cmpuint (n_origins[BP_OUTLINE_ORIGIN_REAL], ==, 0);
  g_assert_cmpuint (n_origins[BP_OUTLINE_ORIGIN_RECONSTRUCTED], ==, 1221 + 572);
  g_assert_cmpuint (n_origins[BP_OUTLINE_ORIGIN_APPROXIMATE], ==, 8801);
  g_assert_cmpuint (bp_sector_map_count_approximate_sectors (map, NULL), ==, 8801);

  /* the cells as the shipped file gives them, read past the map */
  stmt = _bp_store_prepare (reference_store,
                            "SELECT code, json_extract (properties, '$.geometry_cell_id'),"
                            "       json_extract (properties, '$.geometry_cell_sector_count')"
                            " FROM area WHERE level = 4",
                            &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int s = bp_sector_map_lookup_sector_code (map, (const char *)sqlite3_column_text (stmt, 0));
      const char *code;

      g_assert_cmpint (s, >=, 0);
      code = bp_sector_map_get_sector_code (map, s);
      g_hash_table_insert (cells, (gpointer)code, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
      g_assert_cmpuint (bp_sector_map_get_sector_cell_size (map, s), ==, sqlite3_column_int (stmt, 2));
      /* a sector of a cell of its own is reconstructed, never approximate */
      g_assert_cmpint (sqlite3_column_int (stmt, 2) == 1, ==, !bp_sector_map_sector_is_approximate (map, s));
    }

  for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
    {
      gboolean is_approximate = bp_sector_map_arc_is_approximate (map, arc);
      gboolean same_cell;
      int left, right;

      if (is_approximate)
        {
          n_approximate_arcs++;
          g_assert_cmpint (bp_sector_map_get_arc_level (map, arc), ==, BP_AREA_LEVEL_SECTOR);
        }
      else if (bp_sector_map_get_arc_level (map, arc) != BP_AREA_LEVEL_SECTOR)
        continue;

      find_arc_sides (map, arc, &left, &right);
      if (left < 0 || right < 0 || left == right)
        continue;

      /* both sides approximate and of one cell, exactly when marked */
      n_checked++;
      same_cell = bp_sector_map_sector_is_approximate (map, left) && bp_sector_map_sector_is_approximate (map, right) &&
                  g_str_equal (g_hash_table_lookup (cells, bp_sector_map_get_sector_code (map, left)),
                               g_hash_table_lookup (cells, bp_sector_map_get_sector_code (map, right)));
      if (same_cell != is_approximate)
        n_wrong++;
      else if (!same_cell && bp_sector_map_sector_is_approximate (map, left) &&
               bp_sector_map_sector_is_approximate (map, right))
        n_cell_edges++;
    }

  g_test_message ("%u approximate arcs; %u arcs checked, %u not as found; %u between approximate sectors of two cells",
                  n_approximate_arcs, n_checked, n_wrong, n_cell_edges);
  g_assert_cmpuint (n_approximate_arcs, >, 5000);
  g_assert_cmpuint (n_checked, >, 20000);
  /* A probe can land in a neighbour that overlaps the outline by a sliver
   * (5e-6 of the area, data/geography/README.md): a handful of arcs. */
  g_assert_cmpuint (n_wrong, <=, 20);
  /* the real boundaries of cells between approximate sectors stay solid */
  g_assert_cmpuint (n_cell_edges, >, 1000);
}

static BpAreaRecord *
make_cell_record (const char *code,
                  const char *geometry_source,
                  const char *cell,
                  double      lon)
{
  g_autoptr(BpGeometry) geometry = bp_geometry_new ();
  BpAreaRecord *record;

  bp_geometry_begin_polygon (geometry);
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, lon, 51.00);
  bp_geometry_add_point (geometry, lon + 0.01, 51.00);
  bp_geometry_add_point (geometry, lon + 0.01, 51.02);
  bp_geometry_add_point (geometry, lon, 51.02);

  record = make_record (code, "11001", geometry);
  g_free (record->geometry_source);
  record->geometry_source = g_strdup (geometry_source);
  if (cell)
    record->properties_json = g_strdup_printf ("{\"geometry_cell_id\":\"%s\"}", cell);
  return record;
}

/* The arc that runs north–south at @lon. */
static int
find_meridian_arc (BpSectorMap *map,
                   double       lon)
{
  guint full = bp_sector_map_get_n_lods (map) - 1;
  double x, y;

  bp_world_project (lon, 51.01, &x, &y);
  for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
    {
      guint n;
      const double *xy = bp_sector_map_get_arc (map, arc, full, &n);

      if (n == 2 && fabs (xy[0] - x) < 1e-9 && fabs (xy[2] - x) < 1e-9)
        return arc;
    }

  return -1;
}

/* Five sectors side by side in one municipality: A and B split cell C1,
 * C and D split cell C2, E is a real area of its own. Only the lines
 * inside C1 and C2 are approximate; once D's official outline is
 * imported, only the line inside C1 is. */
static void
test_sector_map_outlines_constructed (void)
{
  g_autofree char *path = store_path ("cells.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(BpGeometry) outline = bp_geometry_new ();
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GPtrArray) official = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  static const struct {
    double   lon;
    gboolean before;
    gboolean after;
  } lines[] = {
    { 4.01, TRUE, TRUE },   /* A | B, inside C1 */
    { 4.02, FALSE, FALSE }, /* B | C, between cells */
    { 4.03, TRUE, FALSE },  /* C | D, inside C2 */
    { 4.04, FALSE, FALSE }, /* D | E */
  };

  g_assert_no_error (error);
  bp_geometry_begin_polygon (outline);
  bp_geometry_begin_ring (outline);
  bp_geometry_add_point (outline, 4.00, 51.00);
  bp_geometry_add_point (outline, 4.05, 51.00);
  bp_geometry_add_point (outline, 4.05, 51.02);
  bp_geometry_add_point (outline, 4.00, 51.02);
  import_level (store, BP_AREA_LEVEL_REGION, "02000", NULL, outline);
  import_level (store, BP_AREA_LEVEL_PROVINCE, "10000", "02000", outline);
  import_level (store, BP_AREA_LEVEL_CARE_ZONE, "elz1", "10000", outline);
  import_level (store, BP_AREA_LEVEL_MUNICIPALITY, "11001", "elz1", outline);

  g_ptr_array_add (sectors, make_cell_record ("11001A00-", "synthetic", "C1", 4.00));
  g_ptr_array_add (sectors, make_cell_record ("11001B00-", "synthetic", "C1", 4.01));
  g_ptr_array_add (sectors, make_cell_record ("11001C00-", "synthetic", "C2", 4.02));
  g_ptr_array_add (sectors, make_cell_record ("11001D00-", "synthetic", "C2", 4.03));
  g_ptr_array_add (sectors, make_cell_record ("11001E00-", "statbel", "C3", 4.04));
  g_assert_true (bp_store_import_areas (store, BP_AREA_LEVEL_SECTOR, sectors, "test", NULL, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_clear_object (&map);
      map = bp_sector_map_load (store, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (bp_sector_map_count_approximate_sectors (map, NULL), ==, pass == 0 ? 4 : 3);
      g_assert_cmpuint (bp_sector_map_get_sector_cell_size (map, bp_sector_map_lookup_sector_code (map, "11001A00-")), ==, 2);
      g_assert_cmpuint (bp_sector_map_get_sector_cell_size (map, bp_sector_map_lookup_sector_code (map, "11001E00-")), ==, 1);
      g_assert_cmpint (bp_sector_map_sector_is_approximate (map, bp_sector_map_lookup_sector_code (map, "11001D00-")),
                       ==, pass == 0);

      for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
        {
          int arc = find_meridian_arc (map, lines[i].lon);

          g_assert_cmpint (arc, >=, 0);
          g_assert_cmpint (bp_sector_map_arc_is_approximate (map, arc), ==, pass == 0 ? lines[i].before : lines[i].after);
        }
      /* the outline of the whole is real */
      for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
        if (bp_sector_map_get_arc_level (map, arc) != BP_AREA_LEVEL_SECTOR)
          g_assert_false (bp_sector_map_arc_is_approximate (map, arc));

      /* D's outline from an official file, which does not say where an
       * outline comes from: only D is touched */
      if (pass == 0)
        {
          g_ptr_array_add (official, make_cell_record ("11001D00-", NULL, NULL, 4.03));
          g_assert_true (bp_store_import_areas (store, BP_AREA_LEVEL_SECTOR, official, "Statbel", NULL, &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_sector_map_empty (void)
{
  g_autofree char *path = store_path ("empty.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) map = NULL;

  g_assert_no_error (error);
  map = bp_sector_map_load (store, NULL, &error);
  g_assert_error (error, BP_SECTOR_MAP_ERROR, BP_SECTOR_MAP_ERROR_NO_SECTORS);
  g_assert_null (map);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BpSectorMap **map = user_data;
  g_autoptr(GError) error = NULL;

  *map = bp_sector_map_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_sector_map_load_async (void)
{
  g_autoptr(BpSectorMap) map = NULL;
  g_autofree char *path = store_path ("async.db");
  g_autofree char *reference = bp_dup_reference_areas_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);

  g_assert_no_error (error);
  import_reference (store, reference);
  get_reference_map ();
  bp_sector_map_load_async (store, NULL, load_cb, &map);
  while (map == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (bp_sector_map_get_n_sectors (map), ==, bp_sector_map_get_n_sectors (reference_map));
  g_assert_cmpuint (bp_sector_map_get_n_points (map, 0), ==, bp_sector_map_get_n_points (reference_map, 0));
}

/* A map built with only what render-map needs draws and hit-tests the
 * same: every level built on demand, in any order, equals the eager one. */
static void
test_sector_map_load_with_flags (void)
{
  BpSectorMap *full = get_reference_map ();
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(GError) error = NULL;
  guint n_lods;

  map = bp_sector_map_load_with_flags (reference_store,
                                       BP_SECTOR_MAP_LOAD_LAZY_LODS | BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS |
                                       BP_SECTOR_MAP_LOAD_NO_CACHE,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);

  n_lods = bp_sector_map_get_n_lods (map);
  g_assert_cmpuint (n_lods, ==, bp_sector_map_get_n_lods (full));
  g_assert_cmpuint (bp_sector_map_get_n_sectors (map), ==, bp_sector_map_get_n_sectors (full));
  g_assert_cmpuint (bp_sector_map_get_n_arcs (map), ==, bp_sector_map_get_n_arcs (full));

  /* the level render-map draws first, then the others from coarse to full */
  for (guint k = 0; k <= n_lods; k++)
    {
      guint lod = k == 0 ? bp_sector_map_pick_lod (map, 8.8) : k - 1;

      g_assert_cmpfloat (bp_sector_map_get_lod_tolerance (map, lod), ==,
                         bp_sector_map_get_lod_tolerance (full, lod));
      g_assert_cmpuint (bp_sector_map_get_n_points (map, lod), ==, bp_sector_map_get_n_points (full, lod));

      for (guint s = 0; s < bp_sector_map_get_n_sectors (map); s++)
        {
          g_assert_cmpuint (bp_sector_map_get_n_rings (map, s, lod), ==, bp_sector_map_get_n_rings (full, s, lod));
          for (guint r = 0; r < bp_sector_map_get_n_rings (map, s, lod); r++)
            {
              guint n, n_full;
              const double *xy = bp_sector_map_get_ring (map, s, lod, r, &n);
              const double *xy_full = bp_sector_map_get_ring (full, s, lod, r, &n_full);

              g_assert_cmpuint (n, ==, n_full);
              g_assert_true (n == 0 || memcmp (xy, xy_full, n * 2 * sizeof (double)) == 0);
            }
        }

      for (guint arc = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
        {
          guint n, n_full;
          const double *xy = bp_sector_map_get_arc (map, arc, lod, &n);
          const double *xy_full = bp_sector_map_get_arc (full, arc, lod, &n_full);

          g_assert_cmpuint (bp_sector_map_get_arc_level (map, arc), ==, bp_sector_map_get_arc_level (full, arc));
          g_assert_cmpuint (n, ==, n_full);
          g_assert_true (n == 0 || memcmp (xy, xy_full, n * 2 * sizeof (double)) == 0);
        }
    }

  /* hit tests at the label points of the full map find the same sectors */
  for (guint m = 0; m < bp_sector_map_get_n_municipalities (full); m++)
    {
      BpWorldRect bbox, bbox_full;
      double x, y;

      bp_sector_map_get_municipality_label_point (full, m, &x, &y);
      g_assert_cmpint (bp_sector_map_hit_test (map, x, y), ==, bp_sector_map_hit_test (full, x, y));
      /* the bounds are kept without label points, for placing labels */
      bp_sector_map_get_municipality_bounds (map, m, &bbox);
      bp_sector_map_get_municipality_bounds (full, m, &bbox_full);
      g_assert_true (memcmp (&bbox, &bbox_full, sizeof bbox) == 0);
    }
}

/* The ids of the sectors inside an area, found through the store one level
 * down at a time: independent of the hierarchy BpSectorMap keeps. */
static void
collect_store_sectors (BpStore     *store,
                       BpAreaLevel  level,
                       const char  *code,
                       GArray      *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) children = bp_store_list_areas (store, level + 1, code, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(BpArea) child = g_list_model_get_item (children, i);

      if (level + 1 == BP_AREA_LEVEL_SECTOR)
        {
          gint64 id = bp_area_get_id (child);

          g_array_append_val (ids, id);
        }
      else
        collect_store_sectors (store, level + 1, bp_area_get_code (child), ids);
    }
}

static void
test_sector_map_area_sectors (void)
{
  static const struct {
    BpAreaLevel  level;
    const char  *code;
  } areas[] = {
    { BP_AREA_LEVEL_REGION, "02000" },
    { BP_AREA_LEVEL_REGION, "04000" },
    { BP_AREA_LEVEL_PROVINCE, "40000" },
    { BP_AREA_LEVEL_PROVINCE, "04000" },
    { BP_AREA_LEVEL_CARE_ZONE, "elz7" },
    { BP_AREA_LEVEL_CARE_ZONE, "elz13" },
    { BP_AREA_LEVEL_MUNICIPALITY, "44021" },
  };
  BpSectorMap *map = get_reference_map ();
  g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_in_regions = 0;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));

      collect_store_sectors (reference_store, areas[i].level, areas[i].code, expected);
      g_array_sort (expected, compare_int64);

      g_assert_true (bp_sector_map_list_area_sectors (map, areas[i].level, areas[i].code, sectors));
      for (guint k = 0; k < sectors->len; k++)
        {
          gint64 id = bp_sector_map_get_sector_id (map, g_array_index (sectors, guint, k));

          /* in increasing order */
          if (k > 0)
            g_assert_cmpuint (g_array_index (sectors, guint, k - 1), <, g_array_index (sectors, guint, k));
          g_array_append_val (found, id);
        }
      g_array_sort (found, compare_int64);

      g_test_message ("%s: %u sectors", areas[i].code, found->len);
      g_assert_cmpuint (found->len, >, 0);
      g_assert_cmpuint (found->len, ==, expected->len);
      g_assert_true (memcmp (found->data, expected->data, found->len * sizeof (gint64)) == 0);
      if (areas[i].level == BP_AREA_LEVEL_REGION)
        n_in_regions += found->len;
    }

  /* every sector lies in one of the two regions */
  g_assert_cmpuint (n_in_regions, ==, bp_sector_map_get_n_sectors (map));

  g_assert_true (bp_sector_map_list_area_sectors (map, BP_AREA_LEVEL_SECTOR,
                                                  bp_sector_map_get_sector_code (map, 7), sectors));
  g_assert_cmpuint (sectors->len, ==, 1);
  g_assert_cmpuint (g_array_index (sectors, guint, 0), ==, 7);

  g_assert_false (bp_sector_map_list_area_sectors (map, BP_AREA_LEVEL_MUNICIPALITY, "99999", sectors));
  g_assert_cmpuint (sectors->len, ==, 0);
  /* a code of another level */
  g_assert_false (bp_sector_map_list_area_sectors (map, BP_AREA_LEVEL_MUNICIPALITY, "elz7", sectors));
}

/* A municipality of four square sectors, two by two; the western pair is
 * @west degrees wide. */
static void
import_grid (BpStore *store,
             double   west)
{
  static const char * const codes[] = { "11001A00-", "11001B00-", "11001C00-", "11001D00-" };
  g_autoptr(BpGeometry) outline = bp_geometry_new ();
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GError) error = NULL;

  bp_geometry_begin_polygon (outline);
  add_square (outline, 4.00, 51.00, 0.04);
  import_level (store, BP_AREA_LEVEL_REGION, "02000", NULL, outline);
  import_level (store, BP_AREA_LEVEL_PROVINCE, "10000", "02000", outline);
  import_level (store, BP_AREA_LEVEL_CARE_ZONE, "elz1", "10000", outline);
  import_level (store, BP_AREA_LEVEL_MUNICIPALITY, "11001", "elz1", outline);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(BpGeometry) geometry = bp_geometry_new ();
      double x0 = i % 2 == 0 ? 4.00 : 4.00 + west;
      double x1 = i % 2 == 0 ? 4.00 + west : 4.04;
      double y0 = i < 2 ? 51.00 : 51.02;

      bp_geometry_begin_polygon (geometry);
      bp_geometry_begin_ring (geometry);
      bp_geometry_add_point (geometry, x0, y0);
      bp_geometry_add_point (geometry, x1, y0);
      bp_geometry_add_point (geometry, x1, y0 + 0.02);
      bp_geometry_add_point (geometry, x0, y0 + 0.02);
      g_ptr_array_add (sectors, make_record (codes[i], "11001", geometry));
    }
  g_assert_true (bp_store_import_areas (store, BP_AREA_LEVEL_SECTOR, sectors, "test", NULL, &error));
  g_assert_no_error (error);
}

static const char *
sector_at (BpSectorMap *map,
           double       lon,
           double       lat)
{
  double x, y;
  int hit;

  bp_world_project (lon, lat, &x, &y);
  hit = bp_sector_map_hit_test (map, x, y);
  return hit >= 0 ? bp_sector_map_get_sector_code (map, hit) : NULL;
}

/* Asserts that two maps give the same answers to every question. */
static void
assert_maps_equal (BpSectorMap *a,
                   BpSectorMap *b)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  BpOutlineSummary summary_a, summary_b;
  BpWorldRect world_a, world_b;
  BpBounds bounds_a, bounds_b;
  guint n_lods = bp_sector_map_get_n_lods (a);

  g_assert_cmpuint (bp_sector_map_get_n_sectors (a), ==, bp_sector_map_get_n_sectors (b));
  g_assert_cmpuint (bp_sector_map_get_n_municipalities (a), ==, bp_sector_map_get_n_municipalities (b));
  g_assert_cmpuint (bp_sector_map_get_n_arcs (a), ==, bp_sector_map_get_n_arcs (b));
  g_assert_cmpuint (n_lods, ==, bp_sector_map_get_n_lods (b));

  bp_sector_map_get_outline_summary (a, &summary_a);
  bp_sector_map_get_outline_summary (b, &summary_b);
  g_assert_true (memcmp (&summary_a, &summary_b, sizeof summary_a) == 0);
  bp_sector_map_get_world_bounds (a, &world_a);
  bp_sector_map_get_world_bounds (b, &world_b);
  g_assert_true (memcmp (&world_a, &world_b, sizeof world_a) == 0);
  bp_sector_map_get_bounds (a, &bounds_a);
  bp_sector_map_get_bounds (b, &bounds_b);
  g_assert_true (memcmp (&bounds_a, &bounds_b, sizeof bounds_a) == 0);

  for (guint s = 0; s < bp_sector_map_get_n_sectors (a); s++)
    {
      const char *code = bp_sector_map_get_sector_code (a, s);
      BpWorldRect rect_a, rect_b;
      gboolean known;

      g_assert_cmpint (bp_sector_map_get_sector_id (a, s), ==, bp_sector_map_get_sector_id (b, s));
      g_assert_cmpstr (code, ==, bp_sector_map_get_sector_code (b, s));
      g_assert_cmpstr (bp_sector_map_get_sector_name (a, s), ==, bp_sector_map_get_sector_name (b, s));
      g_assert_cmpstr (bp_sector_map_get_sector_geometry_source (a, s), ==,
                       bp_sector_map_get_sector_geometry_source (b, s));
      g_assert_cmpint (bp_sector_map_sector_is_approximate (a, s), ==, bp_sector_map_sector_is_approximate (b, s));
      g_assert_cmpuint (bp_sector_map_get_sector_cell_size (a, s), ==, bp_sector_map_get_sector_cell_size (b, s));
      g_assert_cmpint (bp_sector_map_get_sector_municipality_id (a, s), ==,
                       bp_sector_map_get_sector_municipality_id (b, s));
      g_assert_cmpuint (bp_sector_map_get_sector_municipality (a, s), ==, bp_sector_map_get_sector_municipality (b, s));
      g_assert_cmpint (bp_sector_map_lookup_sector_code (b, code), ==, (int)s);
      g_assert_cmpint (bp_sector_map_lookup_sector (b, bp_sector_map_get_sector_id (a, s)), ==, (int)s);
      bp_sector_map_get_sector_bounds (a, s, &rect_a);
      bp_sector_map_get_sector_bounds (b, s, &rect_b);
      g_assert_true (memcmp (&rect_a, &rect_b, sizeof rect_a) == 0);

      known = bp_sector_map_get_area_bounds (a, BP_AREA_LEVEL_SECTOR, code, &bounds_a);
      g_assert_true (known == bp_sector_map_get_area_bounds (b, BP_AREA_LEVEL_SECTOR, code, &bounds_b));
      g_assert_true (!known || memcmp (&bounds_a, &bounds_b, sizeof bounds_a) == 0);
    }

  for (guint m = 0; m < bp_sector_map_get_n_municipalities (a); m++)
    {
      const char *code = bp_sector_map_get_municipality_code (a, m);
      BpWorldRect rect_a, rect_b;
      double xa, ya, xb, yb;
      gboolean known;

      g_assert_cmpint (bp_sector_map_get_municipality_id (a, m), ==, bp_sector_map_get_municipality_id (b, m));
      g_assert_cmpstr (code, ==, bp_sector_map_get_municipality_code (b, m));
      g_assert_cmpstr (bp_sector_map_get_municipality_name (a, m), ==, bp_sector_map_get_municipality_name (b, m));
      bp_sector_map_get_municipality_label_point (a, m, &xa, &ya);
      bp_sector_map_get_municipality_label_point (b, m, &xb, &yb);
      g_assert_cmpfloat (xa, ==, xb);
      g_assert_cmpfloat (ya, ==, yb);
      bp_sector_map_get_municipality_bounds (a, m, &rect_a);
      bp_sector_map_get_municipality_bounds (b, m, &rect_b);
      g_assert_true (memcmp (&rect_a, &rect_b, sizeof rect_a) == 0);

      known = bp_sector_map_get_area_bounds (a, BP_AREA_LEVEL_MUNICIPALITY, code, &bounds_a);
      g_assert_true (known == bp_sector_map_get_area_bounds (b, BP_AREA_LEVEL_MUNICIPALITY, code, &bounds_b));
      g_assert_true (!known || memcmp (&bounds_a, &bounds_b, sizeof bounds_a) == 0);
    }

  for (guint lod = 0; lod < n_lods; lod++)
    {
      g_assert_cmpfloat (bp_sector_map_get_lod_tolerance (a, lod), ==, bp_sector_map_get_lod_tolerance (b, lod));
      g_assert_cmpuint (bp_sector_map_get_n_points (a, lod), ==, bp_sector_map_get_n_points (b, lod));

      for (guint s = 0; s < bp_sector_map_get_n_sectors (a); s++)
        {
          g_assert_cmpuint (bp_sector_map_get_n_rings (a, s, lod), ==, bp_sector_map_get_n_rings (b, s, lod));
          for (guint r = 0; r < bp_sector_map_get_n_rings (a, s, lod); r++)
            {
              guint n_a, n_b;
              const double *xy_a = bp_sector_map_get_ring (a, s, lod, r, &n_a);
              const double *xy_b = bp_sector_map_get_ring (b, s, lod, r, &n_b);

              g_assert_cmpuint (n_a, ==, n_b);
              g_assert_true (n_a == 0 || memcmp (xy_a, xy_b, n_a * 2 * sizeof (double)) == 0);
            }
        }

      for (guint arc = 0; arc < bp_sector_map_get_n_arcs (a); arc++)
        {
          guint n_a, n_b;
          const double *xy_a = bp_sector_map_get_arc (a, arc, lod, &n_a);
          const double *xy_b = bp_sector_map_get_arc (b, arc, lod, &n_b);

          g_assert_cmpuint (bp_sector_map_get_arc_level (a, arc), ==, bp_sector_map_get_arc_level (b, arc));
          g_assert_cmpint (bp_sector_map_arc_is_approximate (a, arc), ==, bp_sector_map_arc_is_approximate (b, arc));
          g_assert_cmpuint (n_a, ==, n_b);
          g_assert_true (memcmp (xy_a, xy_b, n_a * 2 * sizeof (double)) == 0);
        }
    }

  for (guint i = 0; i < 2000; i++)
    {
      double x = g_rand_double_range (rand, world_a.min_x, world_a.max_x);
      double y = g_rand_double_range (rand, world_a.min_y, world_a.max_y);

      g_assert_cmpint (bp_sector_map_hit_test (a, x, y), ==, bp_sector_map_hit_test (b, x, y));
    }
}

static gint64
count_cache_rows (BpStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, "SELECT count(*) FROM sector_map_cache", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GBytes *
dup_cache (BpStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, "SELECT data FROM sector_map_cache", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static void
replace_cache (BpStore *store,
               GBytes  *data)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, "UPDATE sector_map_cache SET data = ?", NULL);
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  g_assert_nonnull (stmt);
  sqlite3_bind_blob (stmt, 1, bytes, (int)size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (_bp_store_get_db (store)), ==, 1);
}

/* Where @needle first occurs in @haystack, or %NULL. */
static guint8 *
find_bytes (guint8       *haystack,
            gsize         size,
            const guint8 *needle,
            gsize         needle_size)
{
  for (gsize i = 0; i + needle_size <= size; i++)
    if (memcmp (haystack + i, needle, needle_size) == 0)
      return haystack + i;

  return NULL;
}

/* A map read back from the store equals one built from the outlines, with
 * or without label points and coarse levels built up front. */
static void
test_sector_map_cache_same_as_built (void)
{
  BpSectorMap *first = get_reference_map ();
  BpStore *store = reference_store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpSectorMap) built = NULL;
  g_autoptr(BpSectorMap) cached = NULL;
  g_autoptr(BpSectorMap) lazy = NULL;
  g_autoptr(BpSectorMap) marked = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) marked_data = NULL;
  g_autoptr(GByteArray) needle = g_byte_array_new ();
  g_autofree guint8 *bytes = NULL;
  const char *code, *name;
  char mark;
  gsize size;
  guint8 *found;
  gint64 started;

  /* the first load wrote the cache; building anew leaves it alone */
  g_assert_cmpint (count_cache_rows (store), ==, 1);
  data = dup_cache (store);
  built = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_NO_CACHE, NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (first, built);

  started = g_get_monotonic_time ();
  cached = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("read back in %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
  assert_maps_equal (cached, built);

  /* render-map's flags: the label points are kept all the same */
  lazy = bp_sector_map_load_with_flags (store,
                                        BP_SECTOR_MAP_LOAD_LAZY_LODS | BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS,
                                        NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (lazy, built);

  /* It is the cache that is read: a name changed in it shows. The first
   * sector's code and name follow each other, NUL-terminated. */
  code = bp_sector_map_get_sector_code (built, 0);
  name = bp_sector_map_get_sector_name (built, 0);
  mark = name[0] == 'X' ? 'Y' : 'X';
  g_byte_array_append (needle, (const guint8 *)code, strlen (code) + 1);
  g_byte_array_append (needle, (const guint8 *)name, strlen (name) + 1);
  g_bytes_get_data (data, &size);
  bytes = g_memdup2 (g_bytes_get_data (data, NULL), size);
  found = find_bytes (bytes, size, needle->data, needle->len);
  g_assert_nonnull (found);
  found[strlen (code) + 1] = mark;
  marked_data = g_bytes_new (bytes, size);
  replace_cache (store, marked_data);

  marked = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_sector_map_get_sector_name (marked, 0)[0], ==, mark);
  g_assert_cmpstr (bp_sector_map_get_sector_name (marked, 0) + 1, ==, name + 1);

  replace_cache (store, data);
}

/* A cache that does not check out is rebuilt, and written again. */
static void
test_sector_map_cache_damaged (void)
{
  g_autofree char *path = store_path ("damaged.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) built = NULL;
  g_autoptr(GBytes) good = NULL;
  gsize size;

  g_assert_no_error (error);
  import_grid (store, 0.02);
  built = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  good = dup_cache (store);
  g_bytes_get_data (good, &size);

  for (guint damage = 0; damage < 3; damage++)
    {
      g_autoptr(BpSectorMap) map = NULL;
      g_autoptr(GBytes) bad = NULL;
      g_autoptr(GBytes) rewritten = NULL;
      g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (good, NULL), size);

      if (damage == 0)
        /* cut short */
        bad = g_bytes_new (bytes, size / 2);
      else if (damage == 1)
        {
          /* the second half overwritten */
          memset (bytes + size / 2, 0xff, size - size / 2);
          bad = g_bytes_new (bytes, size);
        }
      else
        {
          /* the header garbled */
          bytes[0] ^= 0x40;
          bad = g_bytes_new (bytes, size);
        }
      replace_cache (store, bad);

      map = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_LAZY_LODS, NULL, &error);
      g_assert_no_error (error);
      assert_maps_equal (map, built);
      rewritten = dup_cache (store);
      g_assert_true (g_bytes_equal (rewritten, good));
    }
}

/* Importing other outlines drops the cache: the next load has them. */
static void
test_sector_map_cache_new_outlines (void)
{
  g_autofree char *path = store_path ("new-outlines.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) before = NULL;
  g_autoptr(BpSectorMap) after = NULL;
  g_autoptr(BpSectorMap) built = NULL;

  g_assert_no_error (error);
  import_grid (store, 0.02);
  before = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cache_rows (store), ==, 1);
  g_assert_cmpstr (sector_at (before, 4.025, 51.01), ==, "11001B00-");

  /* the boundary between the western and eastern sectors moves east */
  import_grid (store, 0.03);
  g_assert_cmpint (count_cache_rows (store), ==, 0);

  after = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cache_rows (store), ==, 1);
  g_assert_cmpstr (sector_at (after, 4.025, 51.01), ==, "11001A00-");
  g_assert_cmpstr (sector_at (after, 4.035, 51.03), ==, "11001D00-");

  built = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_NO_CACHE, NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (after, built);

  /* a new name drops it too */
  g_assert_true (_bp_store_exec (store, "UPDATE area SET name_nl = 'Noord' WHERE code = '11001C00-'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cache_rows (store), ==, 0);
}

/* A cache written without label points, as render-map leaves them out,
 * gets them from the first load that wants them. */
static void
test_sector_map_cache_label_points (void)
{
  g_autofree char *path = store_path ("label-points.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpSectorMap) quick = NULL;
  g_autoptr(BpSectorMap) built = NULL;
  g_autoptr(BpSectorMap) full = NULL;
  g_autoptr(BpSectorMap) later = NULL;
  double quick_x, quick_y, x, y;

  g_assert_no_error (error);
  import_grid (store, 0.02);
  quick = bp_sector_map_load_with_flags (store,
                                         BP_SECTOR_MAP_LOAD_LAZY_LODS | BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cache_rows (store), ==, 1);
  built = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_NO_CACHE, NULL, &error);
  g_assert_no_error (error);

  /* the corner of the bounds stands in for the label point at first */
  bp_sector_map_get_municipality_label_point (quick, 0, &quick_x, &quick_y);
  bp_sector_map_get_municipality_label_point (built, 0, &x, &y);
  g_assert_true (quick_x != x || quick_y != y);

  full = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (full, built);

  /* and the cache keeps them from then on */
  later = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS, NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (later, built);
}

/* A store that cannot be written just now loads as usual, without a cache:
 * read-only, locked by another writer, or in the caller's transaction. */
static void
test_sector_map_cache_not_writable (void)
{
  g_autofree char *path = store_path ("not-writable.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  g_autoptr(BpStore) other = NULL;
  g_autoptr(BpSectorMap) built = NULL;

  g_assert_no_error (error);
  import_grid (store, 0.02);
  built = bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_NO_CACHE, NULL, &error);
  g_assert_no_error (error);

  for (guint how = 0; how < 3; how++)
    {
      g_autoptr(BpSectorMap) map = NULL;
      gint64 started;

      if (how == 0)
        g_assert_true (_bp_store_exec (store, "PRAGMA query_only = ON", &error));
      else if (how == 1)
        {
          other = bp_store_open (path, &error);
          g_assert_no_error (error);
          g_assert_true (_bp_store_begin (other, &error));
        }
      else
        g_assert_true (_bp_store_begin (store, &error));
      g_assert_no_error (error);

      started = g_get_monotonic_time ();
      map = bp_sector_map_load (store, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("case %u: loaded in %.0f ms", how, (g_get_monotonic_time () - started) / 1000.0);
      assert_maps_equal (map, built);

      if (how == 0)
        g_assert_true (_bp_store_exec (store, "PRAGMA query_only = OFF", &error));
      else if (how == 1)
        {
          _bp_store_rollback (other);
          g_clear_object (&other);
        }
      else
        _bp_store_rollback (store);
      g_assert_no_error (error);
      g_assert_cmpint (count_cache_rows (store), ==, 0);
    }

  /* and once it can be written, it is */
  g_clear_object (&built);
  built = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cache_rows (store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sector-map/projection", test_sector_map_projection);
  g_test_add_func ("/sector-map/constructed", test_sector_map_constructed);
  g_test_add_func ("/sector-map/empty", test_sector_map_empty);
  g_test_add_func ("/sector-map/hit-test/reference", test_sector_map_hit_test_reference);
  g_test_add_func ("/sector-map/hit-test/outside", test_sector_map_hit_test_outside);
  g_test_add_func ("/sector-map/hit-test/speed", test_sector_map_hit_test_speed);
  g_test_add_func ("/sector-map/lods", test_sector_map_lods);
  g_test_add_func ("/sector-map/shared-boundaries", test_sector_map_shared_boundaries);
  g_test_add_func ("/sector-map/arcs", test_sector_map_arcs);
  g_test_add_func ("/sector-map/bounds", test_sector_map_bounds);
  g_test_add_func ("/sector-map/labels", test_sector_map_labels);
  g_test_add_func ("/sector-map/outlines/reference", test_sector_map_outlines_reference);
  g_test_add_func ("/sector-map/outlines/constructed", test_sector_map_outlines_constructed);
  g_test_add_func ("/sector-map/load-async", test_sector_map_load_async);
  g_test_add_func ("/sector-map/load-with-flags", test_sector_map_load_with_flags);
  g_test_add_func ("/sector-map/area-sectors", test_sector_map_area_sectors);
  g_test_add_func ("/sector-map/cache/same-as-built", test_sector_map_cache_same_as_built);
  g_test_add_func ("/sector-map/cache/damaged", test_sector_map_cache_damaged);
  g_test_add_func ("/sector-map/cache/new-outlines", test_sector_map_cache_new_outlines);
  g_test_add_func ("/sector-map/cache/label-points", test_sector_map_cache_label_points);
  g_test_add_func ("/sector-map/cache/not-writable", test_sector_map_cache_not_writable);

  result = g_test_run ();

  g_clear_object (&reference_map);
  g_clear_object (&reference_store);
  return result;
}
