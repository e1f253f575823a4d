/* bp-geojson-reader.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-geojson-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <proj.h>
#include <string.h>

#include "bp-geojson-reader.h"

/* Belgium lies within 2.546–6.408°E and 49.497–51.505°N. A margin of 0.1°
 * (about 10 km) lets a generous outline through, but not swapped axes, a
 * wrong projection (Lambert 72's origin is at 2.31°E 49.29°N) or a file of
 * somewhere else. */
#define BELGIUM_MIN_LON 2.4
#define BELGIUM_MAX_LON 6.5
#define BELGIUM_MIN_LAT 49.4
#define BELGIUM_MAX_LAT 51.6

#define EPSG_WGS84      4326
#define EPSG_LAMBERT_72 31370

/* How often a long read looks at its GCancellable, in features. */
#define CANCEL_CHECK_INTERVAL 256

/**
 * BpGeojsonReader:
 *
 * Reads reference areas of one level from a GeoJSON FeatureCollection, in
 * the schema of the shipped files (`code`, `name_nl`, `parent_code`, …) or
 * of Statbel's statistical-sector files (`cd_sector`, `tx_sector_descr_nl`,
 * `cd_munty_refnis`, …, keys in any case), in WGS84 or Belgian Lambert 72.
 * A `.gz` file is decompressed on the fly.
 *
 * The reader holds only its level and never changes, so one reader may
 * serve several threads at once; each read has its own PROJ context.
 */
struct _BpGeojsonReader
{
  GObject      parent_instance;

  BpAreaLevel  level;
};

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

/* Where each property we read lands. The shipped and the Statbel name of a
 * field have their own slot, so a file that has both is read consistently. */
typedef enum
{
  SLOT_LEVEL,
  SLOT_CODE,
  SLOT_PARENT_CODE,
  SLOT_NAME_NL,
  SLOT_NAME_FR,
  SLOT_POPULATION,
  SLOT_POPULATION_REF_DATE,
  SLOT_GEOMETRY_SOURCE,
  SLOT_AREA_KM2,
  SLOT_STATBEL_CODE,
  SLOT_STATBEL_PARENT_CODE,
  SLOT_STATBEL_NAME_NL,
  SLOT_STATBEL_NAME_FR,
  SLOT_STATBEL_POPULATION,
  SLOT_STATBEL_AREA_HA,
  SLOT_POP_AGE_FIRST,
  SLOT_FIRST_EXTRA = SLOT_POP_AGE_FIRST + BP_N_AGE_BANDS,
} Slot;

G_DEFINE_FINAL_TYPE (BpGeojsonReader, bp_geojson_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-geojson-error-quark, bp_geojson_error)

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  Slot        slot;
} field_keys[] = {
  { "level", SLOT_LEVEL },
  { "code", SLOT_CODE },
  { "parent_code", SLOT_PARENT_CODE },
  { "name_nl", SLOT_NAME_NL },
  { "name_fr", SLOT_NAME_FR },
  { "population", SLOT_POPULATION },
  { "population_ref_date", SLOT_POPULATION_REF_DATE },
  { "geometry_source", SLOT_GEOMETRY_SOURCE },
  { "area_km2", SLOT_AREA_KM2 },
  { "cd_sector", SLOT_STATBEL_CODE },
  { "cd_munty_refnis", SLOT_STATBEL_PARENT_CODE },
  { "tx_sector_descr_nl", SLOT_STATBEL_NAME_NL },
  { "tx_sector_descr_fr", SLOT_STATBEL_NAME_FR },
  { "ms_population", SLOT_STATBEL_POPULATION },
  { "ms_area_ha", SLOT_STATBEL_AREA_HA },
};

/* The bands of bp_age_band_get_label(). */
static const char * const age_keys[BP_N_AGE_BANDS] = {
  "pop_age_0_9",
  "pop_age_10_19",
  "pop_age_20_29",
  "pop_age_30_39",
  "pop_age_40_49",
  "pop_age_50_59",
  "pop_age_60_69",
  "pop_age_70_79",
  "pop_age_80_plus",
};

/* Properties of the shipped files that the app uses beyond the columns of
 * the area table (wijk and cell aggregation, care-zone membership, where a
 * population or outline comes from). They go to the area's properties JSON.
 * Codes of levels further up are left out: the parent chain has them. */
static const char * const extra_keys[] = {
  "wijk_code",
  "deelgemeente_code",
  "geometry_method",
  "geometry_cell_id",
  "geometry_cell_sector_count",
  "population_source",
  "statbel_area_km2_2019",
  "arrondissement_code",
  "merged_from",
  "member_province_codes",
  "municipality_codes",
  "is_pseudo_province",
};

#define N_SLOTS (SLOT_FIRST_EXTRA + G_N_ELEMENTS (extra_keys))

typedef struct
{
  BpAreaLevel    level;
  const char    *name;         /* the file, for messages */
  PJ_CONTEXT    *proj_context;
  PJ            *to_wgs84;     /* NULL when the file is in WGS84 */
  gboolean       has_crs;
  GArray        *xy;           /* one ring's positions, lon/lat pairs */
  GHashTable    *codes;        /* code → feature number, to find repeats */
  guint          index;        /* the feature being read, counted from 1 */
  const char    *code;         /* its code once known */
} ReadContext;

/* Property keys compare without case: Statbel has published both
 * `CD_SECTOR` and `cd_sector`. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p; p++)
    hash = (hash << 5) + hash + g_ascii_tolower (*p);

  return hash;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

/* Key → slot + 1, built once and only read afterwards. */
static GHashTable *
get_slot_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *new_table = g_hash_table_new (ascii_case_hash, ascii_case_equal);

      for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
        g_hash_table_insert (new_table, (gpointer)field_keys[i].key,
                             GUINT_TO_POINTER (field_keys[i].slot + 1));
      for (guint i = 0; i < BP_N_AGE_BANDS; i++)
        g_hash_table_insert (new_table, (gpointer)age_keys[i],
                             GUINT_TO_POINTER (SLOT_POP_AGE_FIRST + i + 1));
      for (guint i = 0; i < G_N_ELEMENTS (extra_keys); i++)
        g_hash_table_insert (new_table, (gpointer)extra_keys[i],
                             GUINT_TO_POINTER (SLOT_FIRST_EXTRA + i + 1));

      g_once_init_leave (&table, new_table);
    }

  return table;
}

static void
read_context_clear (ReadContext *ctx)
{
  g_clear_pointer (&ctx->to_wgs84, proj_destroy);
  g_clear_pointer (&ctx->proj_context, proj_context_destroy);
  g_clear_pointer (&ctx->xy, g_array_unref);
  g_clear_pointer (&ctx->codes, g_hash_table_unref);
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Unlike JSON_NODE_HOLDS_OBJECT(), these take the NULL of a missing member. */
static gboolean
node_holds_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_OBJECT;
}

static gboolean
node_holds_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_ARRAY;
}

static gboolean
node_get_number (JsonNode *node,
                 double   *value)
{
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else
    return FALSE;

  /* json-glib reads 1e999 as infinity. */
  return isfinite (*value);
}

/* A text property: a string, or a whole number written as one (REFNIS codes
 * often are; @min_digits puts back their leading zeros). *text is NULL for a
 * missing, null or blank value. FALSE for any other type. */
static gboolean
node_dup_text (JsonNode  *node,
               int        min_digits,
               char     **text)
{
  *text = NULL;

  if (node_is_null (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *text = g_strstrip (g_strdup (json_node_get_string (node)));
      if (**text == '\0')
        g_clear_pointer (text, g_free);
      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    {
      *text = g_strdup_printf ("%0*" G_GINT64_FORMAT, min_digits, json_node_get_int (node));
      return TRUE;
    }

  return FALSE;
}

/* A count such as a population: -1 when missing or null. FALSE for anything
 * but a whole number of zero or more (10.0 is accepted). */
static gboolean
node_get_count (JsonNode *node,
                gint64   *count)
{
  double value;

  *count = -1;
  if (node_is_null (node))
    return TRUE;

  if (!node_get_number (node, &value) || value < 0 || value > (double)G_MAXINT64 / 2 ||
      value != floor (value))
    return FALSE;

  *count = (gint64)value;
  return TRUE;
}

static gboolean
read_text (ReadContext  *ctx,
           JsonNode     *node,
           const char   *key,
           int           min_digits,
           char        **text,
           GError      **error)
{
  if (node_dup_text (node, min_digits, text))
    return TRUE;

  g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
               _("Feature %u (“%s”) in “%s” has a “%s” that is not text."),
               ctx->index, ctx->code, ctx->name, key);
  return FALSE;
}

static gboolean
read_count (ReadContext  *ctx,
            JsonNode     *node,
            const char   *key,
            gint64       *count,
            GError      **error)
{
  if (node_get_count (node, count))
    return TRUE;

  g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
               _("Feature %u (“%s”) in “%s” has a “%s” that is not a whole number of zero or more."),
               ctx->index, ctx->code, ctx->name, key);
  return FALSE;
}

/* Reads a CRS name such as "urn:ogc:def:crs:EPSG::31370", "EPSG:4326",
 * "http://www.opengis.net/def/crs/EPSG/0/31370" or
 * "urn:ogc:def:crs:OGC:1.3:CRS84": the EPSG code is the last number. */
static int
parse_crs_name (const char *name)
{
  const char *end;
  const char *start;

  if (strstr (name, "CRS84") != NULL || strstr (name, "crs84") != NULL)
    return EPSG_WGS84;

  if (strstr (name, "EPSG") == NULL && strstr (name, "epsg") == NULL)
    return 0;

  end = name + strlen (name);
  while (end > name && !g_ascii_isdigit (end[-1]))
    end--;
  start = end;
  while (start > name && g_ascii_isdigit (start[-1]))
    start--;
  if (start == end || end - start > 6)
    return 0;

  return (int)g_ascii_strtoll (start, NULL, 10);
}

/* The legacy (pre-RFC 7946) `crs` member. Without one, RFC 7946 says WGS84
 * longitude/latitude. */
static gboolean
read_crs (ReadContext  *ctx,
          JsonObject   *root,
          GError      **error)
{
  JsonNode *crs_node = json_object_get_member (root, "crs");
  JsonObject *crs_properties = NULL;
  JsonNode *name_node = NULL;
  g_autofree char *crs_name = NULL;
  int epsg = 0;

  if (node_is_null (crs_node))
    return TRUE;

  ctx->has_crs = TRUE;

  if (node_holds_object (crs_node))
    {
      JsonObject *crs = json_node_get_object (crs_node);

      if (node_holds_object (json_object_get_member (crs, "properties")))
        crs_properties = json_object_get_object_member (crs, "properties");
    }

  if (crs_properties != NULL)
    {
      name_node = json_object_get_member (crs_properties, "name");
      if (name_node == NULL)
        name_node = json_object_get_member (crs_properties, "code");
    }

  if (name_node != NULL && JSON_NODE_TYPE (name_node) == JSON_NODE_VALUE)
    {
      if (json_node_get_value_type (name_node) == G_TYPE_STRING)
        {
          crs_name = g_strdup (json_node_get_string (name_node));
          epsg = parse_crs_name (crs_name);
        }
      else if (json_node_get_value_type (name_node) == G_TYPE_INT64)
        {
          /* {"type": "EPSG", "properties": {"code": 31370}} */
          epsg = CLAMP (json_node_get_int (name_node), 0, G_MAXINT);
          crs_name = g_strdup_printf ("EPSG:%d", epsg);
        }
    }

  if (crs_name == NULL)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNSUPPORTED_CRS,
                   _("“%s” has a “crs” member that does not name a coordinate reference system."),
                   ctx->name);
      return FALSE;
    }

  if (epsg == EPSG_WGS84)
    return TRUE;

  if (epsg != EPSG_LAMBERT_72)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNSUPPORTED_CRS,
                   _("“%s” uses the coordinate reference system “%s”. Brandpunt reads WGS84 (EPSG:4326) and Belgian Lambert 72 (EPSG:31370) only."),
                   ctx->name, crs_name);
      return FALSE;
    }

  /* One PROJ context per read, so readers in other threads never share one.
   * proj_create_crs_to_crs() picks "BD72 to WGS 84 (3)" (about 1 m) inside
   * Belgium, the operation the shipped files were made with. */
  ctx->proj_context = proj_context_create ();
  proj_log_level (ctx->proj_context, PJ_LOG_NONE);
  proj_context_set_enable_network (ctx->proj_context, FALSE);

  {
    PJ *lambert_to_wgs84 = proj_create_crs_to_crs (ctx->proj_context, "EPSG:31370", "EPSG:4326", NULL);

    /* EPSG:4326 is latitude first; GeoJSON and BpGeometry are longitude first. */
    if (lambert_to_wgs84 != NULL)
      {
        ctx->to_wgs84 = proj_normalize_for_visualization (ctx->proj_context, lambert_to_wgs84);
        proj_destroy (lambert_to_wgs84);
      }
  }

  if (ctx->to_wgs84 == NULL)
    {
      int errnum = proj_context_errno (ctx->proj_context);

      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_PROJECTION_FAILED,
                   _("Could not prepare the conversion of “%s” from Belgian Lambert 72 to WGS84: %s"),
                   ctx->name, errnum ? proj_context_errno_string (ctx->proj_context, errnum) : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_nesting_error (ReadContext  *ctx,
                   const char   *geometry_type,
                   GError      **error)
{
  g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
               _("Feature %u (“%s”) in “%s” has coordinates that are not nested as a %s requires."),
               ctx->index, ctx->code, ctx->name, geometry_type);
  return FALSE;
}

static gboolean
read_ring (ReadContext  *ctx,
           JsonArray    *positions,
           const char   *geometry_type,
           BpGeometry   *geometry,
           GError      **error)
{
  guint n_positions = json_array_get_length (positions);
  double *xy;

  if (n_positions < 4)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                   _("Feature %u (“%s”) in “%s” has a ring with fewer than 4 positions."),
                   ctx->index, ctx->code, ctx->name);
      return FALSE;
    }

  g_array_set_size (ctx->xy, 2 * (gsize)n_positions);
  xy = &g_array_index (ctx->xy, double, 0);

  for (guint i = 0; i < n_positions; i++)
    {
      JsonNode *position_node = json_array_get_element (positions, i);
      JsonArray *position;

      if (!node_holds_array (position_node))
        return set_nesting_error (ctx, geometry_type, error);

      /* A third number (height) is allowed and ignored. */
      position = json_node_get_array (position_node);
      if (json_array_get_length (position) < 2 ||
          !node_get_number (json_array_get_element (position, 0), &xy[2 * i]) ||
          !node_get_number (json_array_get_element (position, 1), &xy[2 * i + 1]))
        {
          g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                       _("Feature %u (“%s”) in “%s” has a position that is not a pair of finite numbers."),
                       ctx->index, ctx->code, ctx->name);
          return FALSE;
        }

      if (!ctx->has_crs && (fabs (xy[2 * i]) > 180 || fabs (xy[2 * i + 1]) > 90))
        {
          g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNKNOWN_PROJECTION,
                       _("Feature %u (“%s”) in “%s” has a position (%.1f, %.1f) that is not a longitude and latitude, and the file does not say which projection it uses. Brandpunt does not guess: if the file is in Belgian Lambert 72, declare it with \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:31370\"}}."),
                       ctx->index, ctx->code, ctx->name, xy[2 * i], xy[2 * i + 1]);
          return FALSE;
        }
    }

  if (xy[0] != xy[2 * (n_positions - 1)] || xy[1] != xy[2 * (n_positions - 1) + 1])
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                   _("Feature %u (“%s”) in “%s” has a ring that is not closed: its last position differs from its first."),
                   ctx->index, ctx->code, ctx->name);
      return FALSE;
    }

  /* BpGeometry keeps rings open. */
  n_positions--;

  if (ctx->to_wgs84 != NULL)
    proj_trans_generic (ctx->to_wgs84, PJ_FWD,
                        &xy[0], 2 * sizeof (double), n_positions,
                        &xy[1], 2 * sizeof (double), n_positions,
                        NULL, 0, 0, NULL, 0, 0);

  bp_geometry_begin_ring (geometry);
  for (guint i = 0; i < n_positions; i++)
    {
      double lon = xy[2 * i];
      double lat = xy[2 * i + 1];

      /* PROJ marks a position it cannot convert with HUGE_VAL. */
      if (!isfinite (lon) || !isfinite (lat))
        {
          g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                       _("Feature %u (“%s”) in “%s” has a position that could not be converted from Belgian Lambert 72."),
                       ctx->index, ctx->code, ctx->name);
          return FALSE;
        }

      if (lon < BELGIUM_MIN_LON || lon > BELGIUM_MAX_LON ||
          lat < BELGIUM_MIN_LAT || lat > BELGIUM_MAX_LAT)
        {
          g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                       _("Feature %u (“%s”) in “%s” has a position (longitude %.6f, latitude %.6f) outside Belgium."),
                       ctx->index, ctx->code, ctx->name, lon, lat);
          return FALSE;
        }

      bp_geometry_add_point (geometry, lon, lat);
    }

  return TRUE;
}

static gboolean
read_polygon (ReadContext  *ctx,
              JsonNode     *rings_node,
              const char   *geometry_type,
              BpGeometry   *geometry,
              GError      **error)
{
  JsonArray *rings;
  guint n_rings;

  if (!node_holds_array (rings_node))
    return set_nesting_error (ctx, geometry_type, error);

  rings = json_node_get_array (rings_node);
  n_rings = json_array_get_length (rings);
  if (n_rings == 0)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                   _("Feature %u (“%s”) in “%s” has a polygon without rings."),
                   ctx->index, ctx->code, ctx->name);
      return FALSE;
    }

  bp_geometry_begin_polygon (geometry);
  for (guint i = 0; i < n_rings; i++)
    {
      JsonNode *ring_node = json_array_get_element (rings, i);

      if (!node_holds_array (ring_node))
        return set_nesting_error (ctx, geometry_type, error);

      if (!read_ring (ctx, json_node_get_array (ring_node), geometry_type, geometry, error))
        return FALSE;
    }

  return TRUE;
}

static BpGeometry *
read_geometry (ReadContext  *ctx,
               JsonNode     *geometry_node,
               GError      **error)
{
  g_autoptr(BpGeometry) geometry = NULL;
  JsonObject *object;
  JsonNode *type_node;
  JsonNode *coordinates;
  const char *type;

  if (node_is_null (geometry_node))
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
                   _("Feature %u (“%s”) in “%s” has no geometry."),
                   ctx->index, ctx->code, ctx->name);
      return NULL;
    }

  type_node = node_holds_object (geometry_node)
    ? json_object_get_member (json_node_get_object (geometry_node), "type")
    : NULL;
  if (type_node == NULL || JSON_NODE_TYPE (type_node) != JSON_NODE_VALUE ||
      json_node_get_value_type (type_node) != G_TYPE_STRING)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
                   _("Feature %u (“%s”) in “%s” has a geometry without a type."),
                   ctx->index, ctx->code, ctx->name);
      return NULL;
    }

  object = json_node_get_object (geometry_node);
  type = json_node_get_string (type_node);
  if (!g_str_equal (type, "Polygon") && !g_str_equal (type, "MultiPolygon"))
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
                   _("Feature %u (“%s”) in “%s” is a %s; only Polygon and MultiPolygon outlines can be imported."),
                   ctx->index, ctx->code, ctx->name, type);
      return NULL;
    }

  coordinates = json_object_get_member (object, "coordinates");
  if (!node_holds_array (coordinates) || json_array_get_length (json_node_get_array (coordinates)) == 0)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_COORDINATES,
                   _("Feature %u (“%s”) in “%s” is a %s without coordinates."),
                   ctx->index, ctx->code, ctx->name, type);
      return NULL;
    }

  geometry = bp_geometry_new ();

  if (g_str_equal (type, "Polygon"))
    {
      if (!read_polygon (ctx, coordinates, type, geometry, error))
        return NULL;
    }
  else
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      for (guint i = 0; i < json_array_get_length (polygons); i++)
        if (!read_polygon (ctx, json_array_get_element (polygons, i), type, geometry, error))
          return NULL;
    }

  return g_steal_pointer (&geometry);
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar)*p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint)(guchar)*p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* JsonGenerator writes 0.5316 as 0.53159999999999996; this writes the
 * shortest form that reads back the same double. */
static void
append_json_double (GString *json,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 6; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (json, buffer);
}

static void
append_json (GString  *json,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (json, '{');
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &member))
          {
            if (!first)
              g_string_append_c (json, ',');
            first = FALSE;
            append_json_string (json, key);
            g_string_append_c (json, ':');
            append_json (json, member);
          }
        g_string_append_c (json, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (json, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (json, ',');
            append_json (json, json_array_get_element (array, i));
          }
        g_string_append_c (json, ']');
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        append_json_string (json, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (json, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)))
        append_json_double (json, json_node_get_double (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append (json, json_node_get_boolean (node) ? "true" : "false");
      else
        g_string_append (json, "null");
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (json, "null");
      break;
    }
}

/* The properties worth keeping beyond the table columns, as compact JSON;
 * NULL when there are none. */
static char *
build_properties_json (JsonNode **slots)
{
  GString *json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (extra_keys); i++)
    {
      JsonNode *node = slots[SLOT_FIRST_EXTRA + i];

      if (node_is_null (node) ||
          (node_holds_array (node) && json_array_get_length (json_node_get_array (node)) == 0))
        continue;

      if (json == NULL)
        json = g_string_new ("{");
      else
        g_string_append_c (json, ',');

      append_json_string (json, extra_keys[i]);
      g_string_append_c (json, ':');
      append_json (json, node);
    }

  if (json == NULL)
    return NULL;

  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

static gboolean
check_level (ReadContext  *ctx,
             JsonNode     *level_node,
             gboolean      is_statbel,
             GError      **error)
{
  g_autofree char *level_name = NULL;
  BpAreaLevel level;

  if (is_statbel)
    {
      if (ctx->level == BP_AREA_LEVEL_SECTOR)
        return TRUE;

      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_WRONG_LEVEL,
                   _("“%s” holds Statbel statistical sectors, not areas of level “%s”. Import it as level “sector”."),
                   ctx->name, bp_area_level_to_string (ctx->level));
      return FALSE;
    }

  if (!node_dup_text (level_node, 0, &level_name) || level_name == NULL)
    return TRUE;

  if (!bp_area_level_from_string (level_name, &level))
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_WRONG_LEVEL,
                   _("“%s” holds areas of level “%s”, which Brandpunt does not import."),
                   ctx->name, level_name);
      return FALSE;
    }

  if (level != ctx->level)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_WRONG_LEVEL,
                   _("“%s” holds areas of level “%s”, not “%s”. Import it as level “%s”."),
                   ctx->name, level_name, bp_area_level_to_string (ctx->level),
                   bp_area_level_to_string (level));
      return FALSE;
    }

  return TRUE;
}

static BpAreaRecord *
read_feature (ReadContext  *ctx,
              JsonNode     *feature_node,
              GError      **error)
{
  g_autoptr(BpAreaRecord) record = bp_area_record_new ();
  JsonNode *slots[N_SLOTS] = { NULL, };
  GHashTable *slot_table = get_slot_table ();
  JsonObject *feature;
  JsonNode *properties_node;
  JsonNode *type_node;
  gboolean is_statbel;
  gpointer first_index;

  ctx->code = NULL;

  type_node = node_holds_object (feature_node)
    ? json_object_get_member (json_node_get_object (feature_node), "type")
    : NULL;
  if (type_node == NULL || JSON_NODE_TYPE (type_node) != JSON_NODE_VALUE ||
      g_strcmp0 (json_node_get_string (type_node), "Feature") != 0)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
                   _("Feature %u in “%s” is not a GeoJSON Feature."),
                   ctx->index, ctx->name);
      return NULL;
    }

  feature = json_node_get_object (feature_node);
  properties_node = json_object_get_member (feature, "properties");
  if (node_holds_object (properties_node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (properties_node));
      while (json_object_iter_next (&iter, &key, &value))
        {
          guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (slot_table, key));

          if (slot > 0)
            slots[slot - 1] = value;
        }
    }

  /* The shipped schema wins when a file has both kinds of key. */
  is_statbel = node_is_null (slots[SLOT_CODE]) && !node_is_null (slots[SLOT_STATBEL_CODE]);

  if (!node_dup_text (is_statbel ? slots[SLOT_STATBEL_CODE] : slots[SLOT_CODE], 0, &record->code) ||
      record->code == NULL)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
                   _("Feature %u in “%s” has no code."),
                   ctx->index, ctx->name);
      return NULL;
    }
  ctx->code = record->code;

  if (ctx->index == 1 && !check_level (ctx, slots[SLOT_LEVEL], is_statbel, error))
    return NULL;

  if (g_hash_table_lookup_extended (ctx->codes, record->code, NULL, &first_index))
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
                   _("Feature %u (“%s”) in “%s” has the same code as feature %u."),
                   ctx->index, ctx->code, ctx->name, GPOINTER_TO_UINT (first_index));
      return NULL;
    }

  if (is_statbel)
    {
      double area_ha;

      /* Statbel's REFNIS codes are five digits; a number loses leading zeros.
       * The population is optional in Statbel's outline files. */
      if (!read_text (ctx, slots[SLOT_STATBEL_PARENT_CODE], "cd_munty_refnis", 5, &record->parent_code, error) ||
          !read_text (ctx, slots[SLOT_STATBEL_NAME_NL], "tx_sector_descr_nl", 0, &record->name_nl, error) ||
          !read_text (ctx, slots[SLOT_STATBEL_NAME_FR], "tx_sector_descr_fr", 0, &record->name_fr, error) ||
          !read_count (ctx, slots[SLOT_STATBEL_POPULATION], "ms_population", &record->population, error) ||
          (record->population < 0 &&
           !read_count (ctx, slots[SLOT_POPULATION], "population", &record->population, error)))
        return NULL;
      if (node_get_number (slots[SLOT_STATBEL_AREA_HA], &area_ha) && area_ha > 0)
        record->area_km2 = area_ha / 100.0;

      record->geometry_source = g_strdup (BP_GEOJSON_SOURCE_STATBEL_OFFICIAL);
      /* properties_json stays NULL, so the store keeps what the shipped file
       * said about the sector (its wijk, its deelgemeente). */
    }
  else
    {
      double area_km2;

      if (!read_text (ctx, slots[SLOT_PARENT_CODE], "parent_code", 0, &record->parent_code, error) ||
          !read_text (ctx, slots[SLOT_NAME_NL], "name_nl", 0, &record->name_nl, error) ||
          !read_text (ctx, slots[SLOT_NAME_FR], "name_fr", 0, &record->name_fr, error) ||
          !read_count (ctx, slots[SLOT_POPULATION], "population", &record->population, error) ||
          !read_text (ctx, slots[SLOT_POPULATION_REF_DATE], "population_ref_date", 0,
                      &record->population_ref_date, error) ||
          !read_text (ctx, slots[SLOT_GEOMETRY_SOURCE], "geometry_source", 0,
                      &record->geometry_source, error))
        return NULL;

      for (guint band = 0; band < BP_N_AGE_BANDS; band++)
        if (!read_count (ctx, slots[SLOT_POP_AGE_FIRST + band], age_keys[band],
                         &record->population_by_age[band], error))
          return NULL;

      if (node_get_number (slots[SLOT_AREA_KM2], &area_km2) && area_km2 > 0)
        record->area_km2 = area_km2;

      record->properties_json = build_properties_json (slots);
    }

  /* A region lies in no other area; every other level names its parent. */
  if (ctx->level == BP_AREA_LEVEL_REGION)
    g_clear_pointer (&record->parent_code, g_free);
  else if (record->parent_code == NULL)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
                   _("Feature %u (“%s”) in “%s” does not say which area it lies in (it has no parent code)."),
                   ctx->index, ctx->code, ctx->name);
      return NULL;
    }

  /* The store shows name_nl first; a sector with only a French name keeps it. */
  if (record->name_nl == NULL)
    record->name_nl = g_strdup (record->name_fr);
  if (record->name_nl == NULL)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_FEATURE,
                   _("Feature %u (“%s”) in “%s” has no name."),
                   ctx->index, ctx->code, ctx->name);
      return NULL;
    }

  if (!(record->geometry = read_geometry (ctx, json_object_get_member (feature, "geometry"), error)))
    return NULL;

  g_hash_table_insert (ctx->codes, record->code, GUINT_TO_POINTER (ctx->index));

  return g_steal_pointer (&record);
}

static GPtrArray *
read_collection (BpGeojsonReader  *self,
                 JsonNode         *root_node,
                 const char       *name,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GPtrArray) records = NULL;
  ReadContext ctx = { 0, };
  JsonObject *root;
  JsonNode *type_node;
  JsonNode *features_node;
  JsonArray *features;
  guint n_features;

  type_node = node_holds_object (root_node)
    ? json_object_get_member (json_node_get_object (root_node), "type")
    : NULL;
  features_node = node_holds_object (root_node)
    ? json_object_get_member (json_node_get_object (root_node), "features")
    : NULL;
  if (type_node == NULL || JSON_NODE_TYPE (type_node) != JSON_NODE_VALUE ||
      g_strcmp0 (json_node_get_string (type_node), "FeatureCollection") != 0 ||
      !node_holds_array (features_node))
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION,
                   _("“%s” is not a GeoJSON FeatureCollection."), name);
      return NULL;
    }

  root = json_node_get_object (root_node);
  features = json_node_get_array (features_node);
  n_features = json_array_get_length (features);
  if (n_features == 0)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_EMPTY,
                   _("“%s” holds no areas."), name);
      return NULL;
    }

  ctx.level = self->level;
  ctx.name = name;
  ctx.xy = g_array_new (FALSE, FALSE, sizeof (double));
  /* Keys are the records' own codes, which outlive the table. */
  ctx.codes = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_crs (&ctx, root, error))
    {
      read_context_clear (&ctx);
      return NULL;
    }

  records = g_ptr_array_new_full (n_features, (GDestroyNotify)bp_area_record_free);
  for (guint i = 0; i < n_features; i++)
    {
      BpAreaRecord *record;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          read_context_clear (&ctx);
          return NULL;
        }

      ctx.index = i + 1;
      if (!(record = read_feature (&ctx, json_array_get_element (features, i), error)))
        {
          read_context_clear (&ctx);
          return NULL;
        }

      g_ptr_array_add (records, record);
    }

  read_context_clear (&ctx);

  return g_steal_pointer (&records);
}

typedef struct
{
  guint line;
  guint column;
} ParseErrorPosition;

static void
parser_error_cb (JsonParser   *parser,
                 const GError *parse_error,
                 gpointer      user_data)
{
  ParseErrorPosition *position = user_data;

  /* Only valid while the parser runs, hence the signal. */
  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
}

static void
set_parse_error (const char                *name,
                 const ParseErrorPosition  *position,
                 const GError              *parse_error,
                 GError                   **error)
{
  g_autofree char *prefix = NULL;
  const char *detail = parse_error->message;
  const char *p;

  if (parse_error->domain != JSON_PARSER_ERROR)
    {
      g_propagate_prefixed_error (error, g_error_copy (parse_error), _("Could not read “%s”: "), name);
      return;
    }

  if (position->line == 0)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_JSON,
                   _("“%s” is not valid JSON: %s"), name, detail);
      return;
    }

  /* json-glib's message starts with "<data>:LINE:COLUMN: "; we say it in a
   * sentence of our own. */
  prefix = g_strdup_printf (":%u:%u: ", position->line, position->column);
  if ((p = strstr (detail, prefix)) != NULL)
    detail = p + strlen (prefix);

  g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_JSON,
               _("“%s” is not valid JSON (line %u, column %u): %s"),
               name, position->line, position->column, detail);
}

static gboolean
is_gzip (const char *data,
         gsize       size)
{
  return size >= 2 && (guint8)data[0] == 0x1f && (guint8)data[1] == 0x8b;
}

static GPtrArray *
read_data (BpGeojsonReader  *self,
           const char       *data,
           gsize             size,
           const char       *name,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  ParseErrorPosition position = { 0, 0 };
  gboolean parsed;

  g_signal_connect (parser, "error", G_CALLBACK (parser_error_cb), &position);

  if (is_gzip (data, size))
    {
      g_autoptr(GInputStream) compressed = g_memory_input_stream_new_from_data (data, size, NULL);
      g_autoptr(GConverter) decompressor = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      g_autoptr(GInputStream) stream = g_converter_input_stream_new (compressed, decompressor);

      parsed = json_parser_load_from_stream (parser, stream, cancellable, &parse_error);
    }
  else if (size > G_MAXSSIZE)
    {
      g_set_error (error, BP_GEOJSON_ERROR, BP_GEOJSON_ERROR_INVALID_JSON,
                   _("“%s” is too large to read."), name);
      return NULL;
    }
  else
    parsed = json_parser_load_from_data (parser, size ? data : "", size, &parse_error);

  if (!parsed)
    {
      set_parse_error (name, &position, parse_error, error);
      return NULL;
    }

  return read_collection (self, json_parser_get_root (parser), name, cancellable, error);
}

static void
read_file_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BpGeojsonReader *self = source_object;
  GFile *file = task_data;
  GPtrArray *records;
  GError *error = NULL;

  if ((records = bp_geojson_reader_read_file (self, file, cancellable, &error)))
    g_task_return_pointer (task, records, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
bp_geojson_reader_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BpGeojsonReader *self = BP_GEOJSON_READER (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_geojson_reader_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BpGeojsonReader *self = BP_GEOJSON_READER (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      self->level = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_geojson_reader_class_init (BpGeojsonReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bp_geojson_reader_get_property;
  object_class->set_property = bp_geojson_reader_set_property;

  /* An int, as BpArea's "level": BpAreaLevel has no registered GType. */
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, BP_AREA_N_LEVELS - 1, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_geojson_reader_init (BpGeojsonReader *self)
{
}

/**
 * bp_geojson_reader_new:
 * @level: the level of the areas the files hold
 *
 * Returns: (transfer full): a new reader
 */
BpGeojsonReader *
bp_geojson_reader_new (BpAreaLevel level)
{
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);

  return g_object_new (BP_TYPE_GEOJSON_READER, "level", level, NULL);
}

BpAreaLevel
bp_geojson_reader_get_level (BpGeojsonReader *self)
{
  g_return_val_if_fail (BP_IS_GEOJSON_READER (self), 0);

  return self->level;
}

/**
 * bp_geojson_reader_read_data:
 * @self: a #BpGeojsonReader
 * @data: (array length=size): GeoJSON text, or gzip-compressed GeoJSON
 * @size: the length of @data in bytes
 * @display_name: how error messages name the data, such as its file name
 * @error: return location for a #BpGeojsonError
 *
 * Reads the areas of a FeatureCollection. Outlines in Belgian Lambert 72
 * (a legacy `crs` member naming EPSG:31370) are converted to WGS84.
 *
 * Each record has a code, a name and, below region level, a parent code.
 * Its population is -1 when the file does not give one (Statbel's outline
 * files do not); bp_store_import_areas() refuses that, so the caller keeps
 * the population the store has, or sets 0. Official Statbel outlines get the
 * geometry source %BP_GEOJSON_SOURCE_STATBEL_OFFICIAL.
 *
 * The first problem stops the read. Its message names the feature by its
 * number, counted from 1, and by its code when it has one.
 *
 * Returns: (transfer full) (element-type BpAreaRecord): the areas in file
 *   order, or %NULL with @error set
 */
GPtrArray *
bp_geojson_reader_read_data (BpGeojsonReader  *self,
                             const char       *data,
                             gsize             size,
                             const char       *display_name,
                             GError          **error)
{
  g_return_val_if_fail (BP_IS_GEOJSON_READER (self), NULL);
  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_data (self, data, size, display_name, NULL, error);
}

/**
 * bp_geojson_reader_read_file:
 * @self: a #BpGeojsonReader
 * @file: a `.geojson` or `.geojson.gz` file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the areas of @file as bp_geojson_reader_read_data() does. Takes
 * about a second for the 13.7 MB of the shipped statistical sectors, so the
 * app calls bp_geojson_reader_read_file_async().
 *
 * Returns: (transfer full) (element-type BpAreaRecord): the areas, or %NULL
 *   with @error set
 */
GPtrArray *
bp_geojson_reader_read_file (BpGeojsonReader  *self,
                             GFile            *file,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  gsize size = 0;

  g_return_val_if_fail (BP_IS_GEOJSON_READER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  /* A local file is mapped rather than copied: the parser's tree is what
   * costs memory. */
  if ((path = g_file_get_path (file)) != NULL)
    {
      if (!(mapped = g_mapped_file_new (path, FALSE, error)))
        return NULL;

      return read_data (self, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                        name, cancellable, error);
    }

  if (!g_file_load_contents (file, cancellable, &contents, &size, NULL, error))
    return NULL;

  return read_data (self, contents, size, name, cancellable, error);
}

/**
 * bp_geojson_reader_read_path:
 * @self: a #BpGeojsonReader
 * @path: a `.geojson` or `.geojson.gz` file name
 * @error: return location for a #GError
 *
 * Reads the areas of the file at @path; see bp_geojson_reader_read_file().
 *
 * Returns: (transfer full) (element-type BpAreaRecord): the areas, or %NULL
 *   with @error set
 */
GPtrArray *
bp_geojson_reader_read_path (BpGeojsonReader  *self,
                             const char       *path,
                             GError          **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (BP_IS_GEOJSON_READER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);

  return bp_geojson_reader_read_file (self, file, NULL, error);
}

/**
 * bp_geojson_reader_read_file_async:
 * @self: a #BpGeojsonReader
 * @file: a `.geojson` or `.geojson.gz` file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been read
 * @user_data: data for @callback
 *
 * Reads @file in a worker thread; see bp_geojson_reader_read_file().
 */
void
bp_geojson_reader_read_file_async (BpGeojsonReader     *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_GEOJSON_READER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_geojson_reader_read_file_async);
  /* The reader never changes, so the worker may share it. */
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_worker);
}

/**
 * bp_geojson_reader_read_file_finish:
 * @self: a #BpGeojsonReader
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpAreaRecord): the areas, or %NULL
 *   with @error set
 */
GPtrArray *
bp_geojson_reader_read_file_finish (BpGeojsonReader  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (BP_IS_GEOJSON_READER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
