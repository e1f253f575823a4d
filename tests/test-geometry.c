/* test-geometry.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <math.h>

#include "bp-geometry.h"

/* A 1 × 1 degree square with a 0.5 × 0.5 hole in its middle, and a second
 * square east of it: a multipolygon with a hole. */
static BpGeometry *
make_square_with_hole (void)
{
  BpGeometry *geometry = bp_geometry_new ();

  bp_geometry_begin_polygon (geometry);
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, 4.0, 51.0);
  bp_geometry_add_point (geometry, 5.0, 51.0);
  bp_geometry_add_point (geometry, 5.0, 52.0);
  bp_geometry_add_point (geometry, 4.0, 52.0);
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, 4.25, 51.25);
  bp_geometry_add_point (geometry, 4.25, 51.75);
  bp_geometry_add_point (geometry, 4.75, 51.75);
  bp_geometry_add_point (geometry, 4.75, 51.25);
  bp_geometry_begin_polygon (geometry);
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, 6.0, 51.0);
  bp_geometry_add_point (geometry, 6.123457, 51.0);
  bp_geometry_add_point (geometry, 6.123457, 51.1);

  return geometry;
}

static void
test_geometry_encode_round_trip (void)
{
  g_autoptr(BpGeometry) geometry = make_square_with_hole ();
  g_autoptr(BpGeometry) decoded = NULL;
  g_autoptr(GBytes) bytes = bp_geometry_encode (geometry);
  g_autoptr(GError) error = NULL;
  const double *ring;
  guint n_points;

  /* 11 points as doubles would take 176 bytes. */
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 80);

  decoded = bp_geometry_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_geometry_get_n_polygons (decoded), ==, 2);
  g_assert_cmpuint (bp_geometry_get_n_rings (decoded, 0), ==, 2);
  g_assert_cmpuint (bp_geometry_get_n_rings (decoded, 1), ==, 1);
  g_assert_cmpuint (bp_geometry_get_n_points (decoded), ==, 11);

  ring = bp_geometry_get_ring (decoded, 1, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 3);
  g_assert_cmpfloat_with_epsilon (ring[2], 6.123457, 1e-9);
  g_assert_cmpfloat_with_epsilon (ring[5], 51.1, 1e-9);
}

static void
test_geometry_decode_damaged (void)
{
  g_autoptr(BpGeometry) geometry = make_square_with_hole ();
  g_autoptr(GBytes) bytes = bp_geometry_encode (geometry);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);

  /* Every truncation of a valid blob is refused, never read past its end. */
  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpGeometry) decoded = bp_geometry_decode (data, cut, &error);

      g_assert_null (decoded);
      g_assert_error (error, BP_GEOMETRY_ERROR, BP_GEOMETRY_ERROR_INVALID);
    }

  {
    guint8 bad[] = { 'G', 1, 0xff, 0xff, 0xff, 0xff, 0x0f };
    g_autoptr(GError) error = NULL;

    g_assert_null (bp_geometry_decode (bad, sizeof bad, &error));
    g_assert_error (error, BP_GEOMETRY_ERROR, BP_GEOMETRY_ERROR_INVALID);
  }
}

static void
test_geometry_contains_hole_and_multipolygon (void)
{
  g_autoptr(BpGeometry) geometry = make_square_with_hole ();
  static const struct {
    double lon, lat;
    gboolean inside;
  } cases[] = {
    { 4.1, 51.1, TRUE },     /* in the outer ring */
    { 4.5, 51.5, FALSE },    /* in the hole */
    { 4.9, 51.9, TRUE },
    { 5.5, 51.5, FALSE },    /* between the two polygons */
    { 6.1, 51.01, TRUE },    /* in the second polygon */
    { 6.01, 51.09, FALSE },
    { 3.9, 51.5, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bp_geometry_contains (geometry, cases[i].lon, cases[i].lat), ==, cases[i].inside);
}

static void
test_geometry_bounds_and_area (void)
{
  g_autoptr(BpGeometry) geometry = bp_geometry_new ();
  BpBounds bounds;
  double expected;

  /* 0.01 × 0.01 degrees at 51° N: 1.112 km north-south and 0.700 km east-west. */
  bp_geometry_begin_polygon (geometry);
  bp_geometry_begin_ring (geometry);
  bp_geometry_add_point (geometry, 4.00, 51.00);
  bp_geometry_add_point (geometry, 4.01, 51.00);
  bp_geometry_add_point (geometry, 4.01, 51.01);
  bp_geometry_add_point (geometry, 4.00, 51.01);

  bp_geometry_get_bounds (geometry, &bounds);
  g_assert_cmpfloat (bounds.min_lon, ==, 4.00);
  g_assert_cmpfloat (bounds.max_lat, ==, 51.01);

  expected = (6371.0088 * G_PI / 180 * 0.01) * (6371.0088 * G_PI / 180 * 0.01 * cos (51.005 * G_PI / 180));
  g_assert_cmpfloat_with_epsilon (bp_geometry_get_area_km2 (geometry), expected, expected * 1e-3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/geometry/encode/round-trip", test_geometry_encode_round_trip);
  g_test_add_func ("/geometry/decode/damaged", test_geometry_decode_damaged);
  g_test_add_func ("/geometry/contains/hole-and-multipolygon", test_geometry_contains_hole_and_multipolygon);
  g_test_add_func ("/geometry/bounds-and-area", test_geometry_bounds_and_area);

  return g_test_run ();
}
