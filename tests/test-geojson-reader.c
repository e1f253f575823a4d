/* test-geojson-reader.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "bp-geojson-reader.h"
#include "bp-store-areas.h"

/* tests/data/geojson/sectors-31370.geojson holds the sectors of
 * sectors-4326.geojson in Belgian Lambert 72, computed once with PROJ 9.1
 * (proj_create_crs_to_crs EPSG:31370 → EPSG:4326, inverse, rounded to the
 * millimetre), in Statbel's schema: upper-case keys, the REFNIS code as a
 * number, a population for the first sector only. */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "geojson", name, NULL);
}

static GPtrArray *
read_fixture (BpAreaLevel   level,
              const char   *name,
              GError      **error)
{
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (level);
  g_autofree char *path = data_path (name);

  return bp_geojson_reader_read_path (reader, path, error);
}

static BpAreaRecord *
find_record (GPtrArray  *records,
             const char *code)
{
  for (guint i = 0; i < records->len; i++)
    {
      BpAreaRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->code, code))
        return record;
    }

  g_assert_not_reached ();
}

static void
test_geojson_read_shipped_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) municipalities = read_fixture (BP_AREA_LEVEL_MUNICIPALITY, "municipality.geojson", &error);
  g_autoptr(GPtrArray) sectors = NULL;
  BpAreaRecord *record;
  const double *ring;
  guint n_points;

  g_assert_no_error (error);
  g_assert_cmpuint (municipalities->len, ==, 1);
  record = g_ptr_array_index (municipalities, 0);
  g_assert_cmpstr (record->code, ==, "11001");
  g_assert_cmpstr (record->parent_code, ==, "elz43");
  g_assert_cmpstr (record->name_nl, ==, "Aartselaar");
  g_assert_cmpint (record->population, ==, 14427);
  g_assert_cmpstr (record->population_ref_date, ==, "2020-01-01");
  g_assert_cmpint (record->population_by_age[0], ==, 1345);
  g_assert_cmpint (record->population_by_age[8], ==, 1036);
  g_assert_cmpfloat_with_epsilon (record->area_km2, 11.014, 1e-9);
  /* Kept: the arrondissement. Left out: the empty merged_from, and the
   * care zone, which is the parent already. */
  g_assert_cmpstr (record->properties_json, ==, "{\"arrondissement_code\":\"11000\"}");

  sectors = read_fixture (BP_AREA_LEVEL_SECTOR, "sectors-4326.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sectors->len, ==, 3);

  record = find_record (sectors, "11001A00-");
  g_assert_cmpstr (record->parent_code, ==, "11001");
  g_assert_cmpstr (record->name_fr, ==, "AARTSELAAR-CENTRUM");
  g_assert_cmpint (record->population, ==, 2509);
  g_assert_cmpint (record->population_by_age[0], ==, -1);
  g_assert_cmpstr (record->geometry_source, ==, "synthetic");
  g_assert_cmpstr (record->properties_json, ==,
                   "{\"wijk_code\":\"11001W05\",\"deelgemeente_code\":\"11001A\","
                   "\"geometry_method\":\"synthetic_area_bisection\",\"geometry_cell_id\":\"C00008\"}");

  /* The file's ring has 8 positions; the repeated closing one is dropped. */
  g_assert_cmpuint (bp_geometry_get_n_polygons (record->geometry), ==, 1);
  ring = bp_geometry_get_ring (record->geometry, 0, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 7);
  g_assert_cmpfloat (ring[0], ==, 4.3788);
  g_assert_cmpfloat (ring[1], ==, 51.132922);
  g_assert_cmpfloat (ring[12], ==, 4.386218);

  record = find_record (sectors, "11001A020");
  g_assert_null (record->name_fr);
  g_assert_cmpstr (record->geometry_source, ==, "statbel_unverified");
}

static void
test_geojson_read_hole_and_multipolygon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = read_fixture (BP_AREA_LEVEL_SECTOR, "sectors-4326.geojson", &error);
  BpAreaRecord *multi;
  BpAreaRecord *holed;
  guint n_points;

  g_assert_no_error (error);

  multi = find_record (sectors, "11001A01-");
  g_assert_cmpuint (bp_geometry_get_n_polygons (multi->geometry), ==, 2);
  g_assert_cmpuint (bp_geometry_get_n_rings (multi->geometry, 1), ==, 1);
  bp_geometry_get_ring (multi->geometry, 1, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 3);
  g_assert_true (bp_geometry_contains (multi->geometry, 4.383, 51.140));

  holed = find_record (sectors, "11001A020");
  g_assert_cmpuint (bp_geometry_get_n_polygons (holed->geometry), ==, 1);
  g_assert_cmpuint (bp_geometry_get_n_rings (holed->geometry, 0), ==, 2);
  g_assert_true (bp_geometry_contains (holed->geometry, 4.373, 51.123));
  g_assert_false (bp_geometry_contains (holed->geometry, 4.375, 51.125));
}

static void
assert_same_outline (BpGeometry *a,
                     BpGeometry *b,
                     double      tolerance)
{
  g_assert_cmpuint (bp_geometry_get_n_polygons (a), ==, bp_geometry_get_n_polygons (b));
  for (guint p = 0; p < bp_geometry_get_n_polygons (a); p++)
    {
      g_assert_cmpuint (bp_geometry_get_n_rings (a, p), ==, bp_geometry_get_n_rings (b, p));
      for (guint r = 0; r < bp_geometry_get_n_rings (a, p); r++)
        {
          guint n_a, n_b;
          const double *xy_a = bp_geometry_get_ring (a, p, r, &n_a);
          const double *xy_b = bp_geometry_get_ring (b, p, r, &n_b);

          g_assert_cmpuint (n_a, ==, n_b);
          for (guint i = 0; i < 2 * n_a; i++)
            g_assert_cmpfloat_with_epsilon (xy_a[i], xy_b[i], tolerance);
        }
    }
}

static void
test_geojson_read_statbel_lambert (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wgs84 = read_fixture (BP_AREA_LEVEL_SECTOR, "sectors-4326.geojson", &error);
  g_autoptr(GPtrArray) lambert = NULL;

  g_assert_no_error (error);
  lambert = read_fixture (BP_AREA_LEVEL_SECTOR, "sectors-31370.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lambert->len, ==, wgs84->len);

  for (guint i = 0; i < lambert->len; i++)
    {
      BpAreaRecord *official = g_ptr_array_index (lambert, i);
      BpAreaRecord *shipped = find_record (wgs84, official->code);

      g_assert_cmpstr (official->parent_code, ==, "11001");
      g_assert_cmpstr (official->name_nl, ==, shipped->name_nl);
      g_assert_cmpstr (official->geometry_source, ==, BP_GEOJSON_SOURCE_STATBEL_OFFICIAL);
      /* The store keeps the shipped wijk and deelgemeente. */
      g_assert_null (official->properties_json);
      /* 1e-5° is under a metre. */
      assert_same_outline (official->geometry, shipped->geometry, 1e-5);
    }

  /* Only the first sector has MS_POPULATION; the others leave it to the store. */
  g_assert_cmpint (find_record (lambert, "11001A00-")->population, ==, 2600);
  g_assert_cmpint (find_record (lambert, "11001A01-")->population, ==, -1);
  g_assert_cmpfloat_with_epsilon (find_record (lambert, "11001A00-")->area_km2, 0.5316, 1e-9);
}

static char *
make_collection (const char *crs,
                 const char *properties,
                 const char *geometry)
{
  return g_strdup_printf ("{\"type\": \"FeatureCollection\",%s%s%s \"features\": ["
                          "{\"type\": \"Feature\", \"properties\": %s, \"geometry\": %s}]}",
                          crs ? "\"crs\": " : "", crs ? crs : "", crs ? "," : "",
                          properties, geometry);
}

#define MUNICIPALITY "{\"code\": \"11001\", \"name_nl\": \"Aartselaar\", \"parent_code\": \"elz43\"}"
#define SQUARE "{\"type\": \"Polygon\", \"coordinates\": [[[4.37, 51.12], [4.40, 51.12], [4.40, 51.15], [4.37, 51.12]]]}"

static void
test_geojson_crs_known_point (void)
{
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_MUNICIPALITY);
  g_autofree char *data = make_collection ("{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:31370\"}}",
                                           MUNICIPALITY,
                                           "{\"type\": \"Polygon\", \"coordinates\": [[[150000, 170000],"
                                           " [150100, 170000], [150100, 170100], [150000, 170000]]]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bp_geojson_reader_read_data (reader, data, strlen (data), "known-point", &error);
  const double *ring;
  guint n_points;

  g_assert_no_error (error);
  ring = bp_geometry_get_ring (((BpAreaRecord *)g_ptr_array_index (records, 0))->geometry, 0, 0, &n_points);

  /* Lambert 72 (150000, 170000) lies in Brussels, on the projection's central
   * meridian (4°22'02.952"E = 4.367487°); BD72 → WGS84 moves it about 90 m
   * east. Longitude first, as GeoJSON. */
  g_assert_cmpfloat_with_epsilon (ring[0], 4.368752, 1e-4);
  g_assert_cmpfloat_with_epsilon (ring[1], 50.840411, 1e-4);
  g_assert_cmpfloat (fabs (ring[0] - 4.367487), <, 0.002);
}

static void
test_geojson_crs_names (void)
{
  static const struct {
    const char *crs;
    gboolean    is_lambert;
    int         error_code;   /* -1 when the CRS is read */
  } cases[] = {
    { "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::31370\"}}", TRUE, -1 },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:31370\"}}", TRUE, -1 },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"http://www.opengis.net/def/crs/EPSG/0/31370\"}}", TRUE, -1 },
    { "{\"type\": \"EPSG\", \"properties\": {\"code\": 31370}}", TRUE, -1 },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}}", FALSE, -1 },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4326\"}}", FALSE, -1 },
    { "null", FALSE, -1 },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}}", FALSE, BP_GEOJSON_ERROR_UNSUPPORTED_CRS },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::4258\"}}", FALSE, BP_GEOJSON_ERROR_UNSUPPORTED_CRS },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"Lambert\"}}", FALSE, BP_GEOJSON_ERROR_UNSUPPORTED_CRS },
    { "{\"type\": \"name\"}", FALSE, BP_GEOJSON_ERROR_UNSUPPORTED_CRS },
    { "31370", FALSE, BP_GEOJSON_ERROR_UNSUPPORTED_CRS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_MUNICIPALITY);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      /* The same numbers are Brussels in Lambert 72 and (after a shift) near
       * Aartselaar in degrees, so both readings pass the range check. */
      if (cases[i].is_lambert)
        data = make_collection (cases[i].crs, MUNICIPALITY,
                                "{\"type\": \"Polygon\", \"coordinates\": [[[150000, 170000],"
                                " [150100, 170000], [150100, 170100], [150000, 170000]]]}");
      else
        data = make_collection (cases[i].crs, MUNICIPALITY, SQUARE);

      records = bp_geojson_reader_read_data (reader, data, strlen (data), "crs-case", &error);
      if (cases[i].error_code >= 0)
        {
          g_assert_error (error, BP_GEOJSON_ERROR, cases[i].error_code);
          g_assert_null (records);
          g_assert_nonnull (strstr (error->message, "crs-case"));
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 1);
      {
        guint n_points;
        const double *ring = bp_geometry_get_ring (((BpAreaRecord *)g_ptr_array_index (records, 0))->geometry,
                                                   0, 0, &n_points);

        g_assert_cmpuint (n_points, ==, 3);
        g_assert_cmpfloat_with_epsilon (ring[0], cases[i].is_lambert ? 4.368752 : 4.37, 1e-4);
      }
    }
}

static void
test_geojson_read_gzip (void)
{
  g_autofree char *source = data_path ("sectors-4326.geojson");
  g_autofree char *contents = NULL;
  g_autofree char *gz_path = g_build_filename (g_get_user_cache_dir (), "sectors.geojson.gz", NULL);
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) gzip = g_converter_output_stream_new (memory, compressor);
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_SECTOR);
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GPtrArray) from_file = NULL;
  g_autoptr(GPtrArray) from_data = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (source, &contents, &size, &error));
  g_assert_true (g_output_stream_write_all (gzip, contents, size, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (gzip, NULL, &error));
  g_assert_no_error (error);
  compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (gz_path, g_bytes_get_data (compressed, NULL),
                                      g_bytes_get_size (compressed), &error));

  from_file = bp_geojson_reader_read_path (reader, gz_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_file->len, ==, 3);
  g_assert_cmpstr (((BpAreaRecord *)g_ptr_array_index (from_file, 2))->code, ==, "11001A020");

  from_data = bp_geojson_reader_read_data (reader, g_bytes_get_data (compressed, NULL),
                                           g_bytes_get_size (compressed), "sectors.geojson.gz", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_data->len, ==, 3);

  /* A damaged archive is an error, not a crash. */
  {
    g_autoptr(GPtrArray) none = bp_geojson_reader_read_data (reader, g_bytes_get_data (compressed, NULL),
                                                             g_bytes_get_size (compressed) / 2,
                                                             "half.geojson.gz", &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "half.geojson.gz"));
  }
}

static void
read_file_async_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GPtrArray **records = user_data;
  g_autoptr(GError) error = NULL;

  *records = bp_geojson_reader_read_file_finish (BP_GEOJSON_READER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_geojson_read_async (void)
{
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_SECTOR);
  g_autofree char *path = data_path ("sectors-31370.geojson");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) records = NULL;

  bp_geojson_reader_read_file_async (reader, file, NULL, read_file_async_cb, &records);
  while (records == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (records->len, ==, 3);
}

/* Bad files: the message names the file, and the feature by number and code. */
static void
test_geojson_errors_files (void)
{
  static const struct {
    const char  *file;
    BpAreaLevel  level;
    int          error_code;
    const char  *expected[3];
  } cases[] = {
    { "truncated.geojson", BP_AREA_LEVEL_SECTOR, BP_GEOJSON_ERROR_INVALID_JSON, { "line 4", "column" } },
    { "coordinates-nan.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_INVALID_JSON, { "line 6", "NaN" } },
    { "not-a-feature-collection.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION, { "FeatureCollection" } },
    { "crs-3857.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_UNSUPPORTED_CRS, { "EPSG::3857", "31370" } },
    { "no-code.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_INVALID_FEATURE, { "Feature 2 ", "no code" } },
    { "point.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY, { "Feature 1 ", "11001", "Point" } },
    { "coordinates-string.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_INVALID_COORDINATES, { "Feature 1 ", "11001" } },
    { "coordinates-infinite.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_INVALID_COORDINATES, { "Feature 1 ", "11001", "finite" } },
    { "lambert-undeclared.geojson", BP_AREA_LEVEL_SECTOR, BP_GEOJSON_ERROR_UNKNOWN_PROJECTION, { "11001A00-", "EPSG:31370" } },
    { "sectors-4326.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_WRONG_LEVEL, { "statistical_sector", "municipality" } },
    { "sectors-31370.geojson", BP_AREA_LEVEL_MUNICIPALITY, BP_GEOJSON_ERROR_WRONG_LEVEL, { "Statbel" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = read_fixture (cases[i].level, cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (records);
      g_assert_error (error, BP_GEOJSON_ERROR, cases[i].error_code);
      g_assert_nonnull (strstr (error->message, cases[i].file));
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[j]; j++)
        g_assert_nonnull (strstr (error->message, cases[i].expected[j]));
    }
}

static void
test_geojson_errors_inline (void)
{
  static const struct {
    const char *crs;
    const char *properties;
    const char *geometry;
    int         error_code;
    const char *expected;
  } cases[] = {
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[[4.37, 51.12], [4.40, 51.12], [4.37, 51.12]]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "fewer than 4" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[[4.37, 51.12], [4.40, 51.12], [4.40, 51.15], [4.38, 51.15]]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "not closed" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "outside Belgium" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[[51.12, 4.37], [51.12, 4.40], [51.15, 4.40], [51.12, 4.37]]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "outside Belgium" },
    { "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:31370\"}}", MUNICIPALITY, SQUARE,
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "outside Belgium" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[[4.37, 51.12], [4.40], [4.40, 51.15], [4.37, 51.12]]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "pair of finite numbers" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[4.37, 51.12, 4.40, 51.15]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "nested as a Polygon" },
    { NULL, MUNICIPALITY, "{\"type\": \"MultiPolygon\", \"coordinates\": [5]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "nested as a MultiPolygon" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": [[]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "fewer than 4" },
    { NULL, MUNICIPALITY, "{\"type\": \"Polygon\", \"coordinates\": []}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "without coordinates" },
    { NULL, MUNICIPALITY, "{\"type\": \"MultiPolygon\", \"coordinates\": [[]]}",
      BP_GEOJSON_ERROR_INVALID_COORDINATES, "without rings" },
    { NULL, MUNICIPALITY, "{\"type\": \"LineString\", \"coordinates\": [[4.37, 51.12], [4.40, 51.12]]}",
      BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY, "LineString" },
    { NULL, MUNICIPALITY, "{\"coordinates\": []}", BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY, "without a type" },
    { NULL, MUNICIPALITY, "null", BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY, "no geometry" },
    { NULL, "{\"code\": \"11001\", \"name_nl\": \"Aartselaar\"}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "parent" },
    { NULL, "{\"code\": \"11001\", \"parent_code\": \"elz43\", \"name_nl\": null}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "no name" },
    { NULL, "{\"code\": \"11001\", \"name_nl\": \"A\", \"parent_code\": \"elz43\", \"population\": \"many\"}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "population" },
    { NULL, "{\"code\": \"11001\", \"name_nl\": \"A\", \"parent_code\": \"elz43\", \"pop_age_80_plus\": -3}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "pop_age_80_plus" },
    { NULL, "{\"code\": \"11001\", \"name_nl\": [\"A\"], \"parent_code\": \"elz43\"}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "name_nl" },
    { NULL, "{\"code\": 11001.5, \"name_nl\": \"A\", \"parent_code\": \"elz43\"}", SQUARE,
      BP_GEOJSON_ERROR_INVALID_FEATURE, "no code" },
    { NULL, "{\"level\": \"province\", \"code\": \"11001\", \"name_nl\": \"A\", \"parent_code\": \"elz43\"}", SQUARE,
      BP_GEOJSON_ERROR_WRONG_LEVEL, "province" },
    { NULL, "{\"level\": \"wijk\", \"code\": \"11001W05\", \"name_nl\": \"A\", \"parent_code\": \"11001\"}", SQUARE,
      BP_GEOJSON_ERROR_WRONG_LEVEL, "wijk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_MUNICIPALITY);
      g_autofree char *data = make_collection (cases[i].crs, cases[i].properties, cases[i].geometry);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = bp_geojson_reader_read_data (reader, data, strlen (data), "inline.geojson", &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (records);
      g_assert_error (error, BP_GEOJSON_ERROR, cases[i].error_code);
      g_assert_nonnull (strstr (error->message, "inline.geojson"));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      if (cases[i].error_code != BP_GEOJSON_ERROR_WRONG_LEVEL && !strstr (cases[i].expected, "no code"))
        g_assert_nonnull (strstr (error->message, "Feature 1 (“11001”)"));
    }
}

static void
test_geojson_errors_collection (void)
{
  static const struct {
    const char *data;
    int         error_code;
    const char *expected;
  } cases[] = {
    { "", BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION, "FeatureCollection" },
    { "[]", BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION, "FeatureCollection" },
    { "{\"type\": \"FeatureCollection\"}", BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION, "FeatureCollection" },
    { "{\"type\": \"FeatureCollection\", \"features\": []}", BP_GEOJSON_ERROR_EMPTY, "no areas" },
    { "{\"type\": \"FeatureCollection\", \"features\": [1]}", BP_GEOJSON_ERROR_INVALID_FEATURE, "Feature 1 " },
    { "{\"type\": \"FeatureCollection\", \"features\": []} x", BP_GEOJSON_ERROR_INVALID_JSON, "line 1" },
    { "{\"type\": \"FeatureCollection\",\n \"features\": [\xff]}", BP_GEOJSON_ERROR_INVALID_JSON, "UTF-8" },
    { "{\"type\": \"FeatureCollection\", \"features\": ["
      "{\"type\": \"Feature\", \"properties\": " MUNICIPALITY ", \"geometry\": " SQUARE "},"
      "{\"type\": \"Feature\", \"properties\": " MUNICIPALITY ", \"geometry\": " SQUARE "}]}",
      BP_GEOJSON_ERROR_INVALID_FEATURE, "Feature 2 (“11001”) in “inline.geojson” has the same code as feature 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_MUNICIPALITY);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = bp_geojson_reader_read_data (reader, cases[i].data, strlen (cases[i].data),
                                                                  "inline.geojson", &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (records);
      g_assert_error (error, BP_GEOJSON_ERROR, cases[i].error_code);
      g_assert_nonnull (strstr (error->message, "inline.geojson"));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

static void
test_geojson_errors_missing_file (void)
{
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (BP_AREA_LEVEL_REGION);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bp_geojson_reader_read_path (reader, "/nonexistent/region.geojson", &error);

  g_assert_null (records);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

typedef struct
{
  char    *path;
  BpStore *store;
} StoreFixture;

static void
import_fixture (BpStore     *store,
                BpAreaLevel  level,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_fixture (level, name, &error);

  g_assert_no_error (error);
  g_assert_true (bp_store_import_areas (store, level, records, name, "test licence", &error));
  g_assert_no_error (error);
}

/* A store with one area of each level above the sectors, and the three
 * shipped sectors. */
static void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->path = g_build_filename (g_get_user_data_dir (), "store.db", NULL);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  import_fixture (fixture->store, BP_AREA_LEVEL_REGION, "region.geojson");
  import_fixture (fixture->store, BP_AREA_LEVEL_PROVINCE, "province.geojson");
  import_fixture (fixture->store, BP_AREA_LEVEL_CARE_ZONE, "elz.geojson");
  import_fixture (fixture->store, BP_AREA_LEVEL_MUNICIPALITY, "municipality.geojson");
  import_fixture (fixture->store, BP_AREA_LEVEL_SECTOR, "sectors-4326.geojson");
}

static void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

static void
test_geojson_store_shipped (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpArea) sector = NULL;
  g_autoptr(GListModel) sectors = NULL;
  BpOutlineSummary summary;

  /* The fixture has no neighbourhoods: they are an optional level. */
  for (guint level = 0; level < BP_AREA_N_LEVELS; level++)
    g_assert_cmpuint (bp_store_count_areas (fixture->store, level), ==,
                      level == BP_AREA_LEVEL_SECTOR ? 3 : level == BP_AREA_LEVEL_WIJK ? 0 : 1);

  sector = bp_store_dup_area (fixture->store, BP_AREA_LEVEL_SECTOR, "11001A01-", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_area_get_parent_code (sector), ==, "11001");
  g_assert_cmpint (bp_area_get_population (sector), ==, 2687);

  sectors = bp_store_list_areas (fixture->store, BP_AREA_LEVEL_SECTOR, "11001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sectors), ==, 3);

  g_assert_true (bp_store_get_outline_summary (fixture->store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_real, ==, 1);
  g_assert_cmpuint (summary.n_unverified, ==, 1);
  g_assert_cmpuint (summary.n_approximate, ==, 1);
}

/* One sector of the file lies in a municipality the store does not have:
 * nothing of the file is imported, and the sectors there stay as they were. */
static void
test_geojson_store_unknown_parent (StoreFixture  *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_fixture (BP_AREA_LEVEL_SECTOR, "sector-unknown-municipality.geojson", &error);
  g_autoptr(BpArea) before = NULL;
  g_autoptr(BpArea) after = NULL;

  g_assert_no_error (error);
  before = bp_store_dup_area (fixture->store, BP_AREA_LEVEL_SECTOR, "11001A00-", &error);
  g_assert_no_error (error);

  g_assert_false (bp_store_import_areas (fixture->store, BP_AREA_LEVEL_SECTOR, records, "bad", NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "99999A00-"));
  g_assert_nonnull (strstr (error->message, "99999"));
  g_clear_error (&error);

  g_assert_cmpuint (bp_store_count_areas (fixture->store, BP_AREA_LEVEL_SECTOR), ==, 3);
  after = bp_store_dup_area (fixture->store, BP_AREA_LEVEL_SECTOR, "11001A00-", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_area_get_id (after), ==, bp_area_get_id (before));
  g_assert_cmpstr (bp_area_get_name_nl (after), ==, "Aartselaar-Centrum");
  g_assert_cmpint (bp_area_get_population (after), ==, 2509);
}

static gboolean
run_tool (const char * const  *argv,
          int                 *exit_status,
          char               **out,
          char               **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *exit_status = WEXITSTATUS (wait_status);

  return TRUE;
}

/* Official outlines over the shipped ones: the sectors keep their ids (and
 * so their counts), the ones without a population in the file keep theirs,
 * and "About the data" counts them as real. */
static void
test_geojson_tool_official_over_shipped (StoreFixture  *fixture,
                                         gconstpointer  user_data)
{
  g_autofree char *file = data_path ("sectors-31370.geojson");
  const char * const argv[] = { TEST_TOOL, "import-areas", file, "--level", "sector",
                                "--store", fixture->path, "--source", "Statbel 2025", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpArea) before = bp_store_dup_area (fixture->store, BP_AREA_LEVEL_SECTOR, "11001A01-", NULL);
  g_autoptr(BpArea) after = NULL;
  g_autoptr(BpArea) first = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  BpOutlineSummary summary;
  int status;

  g_clear_object (&fixture->store);
  run_tool (argv, &status, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "3"));
  g_assert_nonnull (strstr (out, "sectors-31370.geojson"));

  store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_store_count_areas (store, BP_AREA_LEVEL_SECTOR), ==, 3);

  after = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, "11001A01-", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_area_get_id (after), ==, bp_area_get_id (before));
  g_assert_cmpint (bp_area_get_population (after), ==, 2687);
  first = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, "11001A00-", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_area_get_population (first), ==, 2600);

  g_assert_true (bp_store_get_outline_summary (store, &summary, &error));
  g_assert_cmpuint (summary.n_sectors, ==, 3);
  g_assert_cmpuint (summary.n_real, ==, 3);
  g_assert_cmpuint (summary.n_approximate, ==, 0);

  sources = bp_store_list_area_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((BpAreaSource *)g_ptr_array_index (sources, sources->len - 1))->source, ==, "Statbel 2025");
}

static void
test_geojson_tool_bad_file (void)
{
  g_autofree char *file = data_path ("no-code.geojson");
  g_autofree char *store_path = g_build_filename (g_get_user_data_dir (), "never.db", NULL);
  const char * const bad_file[] = { TEST_TOOL, "import-areas", file, "--level", "municipality",
                                    "--store", store_path, NULL };
  const char * const no_level[] = { TEST_TOOL, "import-areas", file, "--store", store_path, NULL };
  const char * const bad_level[] = { TEST_TOOL, "import-areas", file, "--level", "hamlet",
                                     "--store", store_path, NULL };
  const char * const no_file[] = { TEST_TOOL, "import-areas", "--level", "region", "--store", store_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_tool (bad_file, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Feature 2 "));
  g_assert_nonnull (strstr (err, "no-code.geojson"));
  g_assert_cmpstr (out, ==, "");
  /* A bad file leaves no new store behind. */
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool (no_level, &status, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--level"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool (bad_level, &status, &out, &err);
  g_assert_cmpint (status, ==, 2);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool (no_file, &status, &out, &err);
  g_assert_cmpint (status, ==, 2);
}

/* The reference store built from data/geography (data/geography/meson.build)
 * holds every shipped area, and a new profile gets them all. */
static void
test_geojson_reference_db (void)
{
  g_autofree char *reference = g_test_build_filename (G_TEST_BUILT, "..", "data", "geography",
                                                      "reference-areas.db", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "profile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  BpOutlineSummary summary;
  static const guint expected[BP_AREA_N_LEVELS] = { 2, 6, 57, 304, 10594, 2767 };

  if (!g_file_test (reference, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("reference-areas.db is not built");
      return;
    }

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bp_store_import_reference (store, reference, &error));
  g_assert_no_error (error);

  for (guint level = 0; level < BP_AREA_N_LEVELS; level++)
    g_assert_cmpuint (bp_store_count_areas (store, level), ==, expected[level]);

  g_assert_true (bp_store_get_outline_summary (store, &summary, &error));
  g_assert_cmpuint (summary.n_real, ==, 1221);
  g_assert_cmpuint (summary.n_unverified, ==, 572);
  g_assert_cmpuint (summary.n_approximate, ==, 8801);

  /* Every sector lies in a neighbourhood of its own municipality, and each
   * neighbourhood counts the residents of its sectors. */
  {
    g_autoptr(BpArea) wijk = bp_store_dup_area (store, BP_AREA_LEVEL_WIJK, "11001W02", &error);
    g_autoptr(GListModel) sectors = NULL;
    gint64 population = 0;
    guint n_in_wijk = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (bp_area_get_name_nl (wijk), ==, "Bruynenbaert");
    g_assert_cmpstr (bp_area_get_parent_code (wijk), ==, "11001");

    sectors = bp_store_list_areas (store, BP_AREA_LEVEL_SECTOR, "11001", &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (sectors); i++)
      {
        g_autoptr(BpArea) sector = g_list_model_get_item (sectors, i);
        g_autoptr(BpArea) sector_wijk = bp_store_dup_sector_wijk (store, bp_area_get_code (sector), &error);

        g_assert_no_error (error);
        g_assert_nonnull (sector_wijk);
        g_assert_cmpstr (bp_area_get_parent_code (sector_wijk), ==, "11001");
        if (g_str_equal (bp_area_get_code (sector_wijk), "11001W02"))
          {
            population += bp_area_get_population (sector);
            n_in_wijk++;
          }
      }
    g_assert_cmpuint (n_in_wijk, >, 0);
    g_assert_cmpint (bp_area_get_population (wijk), ==, population);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/geojson/read/shipped-schema", test_geojson_read_shipped_schema);
  g_test_add_func ("/geojson/read/hole-and-multipolygon", test_geojson_read_hole_and_multipolygon);
  g_test_add_func ("/geojson/read/statbel-lambert", test_geojson_read_statbel_lambert);
  g_test_add_func ("/geojson/read/gzip", test_geojson_read_gzip);
  g_test_add_func ("/geojson/read/async", test_geojson_read_async);
  g_test_add_func ("/geojson/crs/known-point", test_geojson_crs_known_point);
  g_test_add_func ("/geojson/crs/names", test_geojson_crs_names);
  g_test_add_func ("/geojson/errors/files", test_geojson_errors_files);
  g_test_add_func ("/geojson/errors/features", test_geojson_errors_inline);
  g_test_add_func ("/geojson/errors/collection", test_geojson_errors_collection);
  g_test_add_func ("/geojson/errors/missing-file", test_geojson_errors_missing_file);
  g_test_add ("/geojson/store/shipped", StoreFixture, NULL,
              store_fixture_set_up, test_geojson_store_shipped, store_fixture_tear_down);
  g_test_add ("/geojson/store/unknown-parent", StoreFixture, NULL,
              store_fixture_set_up, test_geojson_store_unknown_parent, store_fixture_tear_down);
  g_test_add ("/geojson/tool/official-over-shipped", StoreFixture, NULL,
              store_fixture_set_up, test_geojson_tool_official_over_shipped, store_fixture_tear_down);
  g_test_add_func ("/geojson/tool/bad-file", test_geojson_tool_bad_file);
  g_test_add_func ("/geojson/reference-db/shipped-levels", test_geojson_reference_db);

  return g_test_run ();
}
