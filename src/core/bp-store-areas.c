/* bp-store-areas.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store-areas"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-area-private.h"
#include "bp-outline-origin.h"
#include "bp-store-areas.h"
#include "bp-store-private.h"

void
bp_area_source_free (BpAreaSource *source)
{
  if (source == NULL)
    return;

  g_free (source->source);
  g_free (source->licence);
  g_free (source->ref_date);
  g_free (source->imported_at);
  g_free (source);
}

/**
 * bp_dup_reference_areas_path:
 *
 * The reference areas are built from data/geography when Brandpunt is
 * built; `BRANDPUNT_DATA_DIR` points at the build tree when it runs
 * uninstalled (`meson devenv`).
 *
 * Returns: (transfer full): the path of the reference-area store
 */
char *
bp_dup_reference_areas_path (void)
{
  const char *dir = g_getenv ("BRANDPUNT_DATA_DIR");

  return g_build_filename (dir && *dir ? dir : PKGDATADIR, "reference-areas.db", NULL);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
step_done (BpStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_one (BpStore        *self,
            BpAreaLevel     level,
            BpAreaRecord   *record,
            sqlite3_stmt   *find_parent,
            sqlite3_stmt   *upsert,
            sqlite3_stmt   *delete_ages,
            sqlite3_stmt   *insert_age,
            sqlite3_stmt   *upsert_bbox,
            GError        **error)
{
  gint64 parent_id = 0;
  gint64 id;
  int rc;

  if (record->code == NULL || *record->code == '\0' || record->name_nl == NULL)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("An area has no code or no name."));
      return FALSE;
    }

  if (record->population < 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Area “%s” has a negative population."), record->code);
      return FALSE;
    }

  if (level != BP_AREA_LEVEL_REGION)
    {
      BpAreaLevel parent_level = bp_area_level_get_parent_level (level);

      if (record->parent_code == NULL)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                       _("Area “%s” does not say which %s it lies in."),
                       record->code, bp_area_level_get_display_name (parent_level));
          return FALSE;
        }

      sqlite3_bind_int (find_parent, 1, parent_level);
      sqlite3_bind_text (find_parent, 2, record->parent_code, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (find_parent);
      if (rc == SQLITE_ROW)
        parent_id = sqlite3_column_int64 (find_parent, 0);
      sqlite3_reset (find_parent);

      if (rc != SQLITE_ROW)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                       _("Area “%s” lies in %s “%s”, which is not in the store. Import that level first."),
                       record->code, bp_area_level_get_display_name (bp_area_level_get_parent_level (level)),
                       record->parent_code);
          return FALSE;
        }
    }

  sqlite3_bind_int (upsert, 1, level);
  sqlite3_bind_text (upsert, 2, record->code, -1, SQLITE_TRANSIENT);
  if (parent_id)
    sqlite3_bind_int64 (upsert, 3, parent_id);
  else
    sqlite3_bind_null (upsert, 3);
  sqlite3_bind_text (upsert, 4, record->name_nl, -1, SQLITE_TRANSIENT);
  bind_text_or_null (upsert, 5, record->name_fr);
  sqlite3_bind_int64 (upsert, 6, record->population);
  bind_text_or_null (upsert, 7, record->population_ref_date);
  sqlite3_bind_text (upsert, 8, record->geometry_source ? record->geometry_source : "unknown",
                     -1, SQLITE_TRANSIENT);
  if (record->geometry)
    {
      g_autoptr(GBytes) blob = bp_geometry_encode (record->geometry);
      gsize size;
      gconstpointer data = g_bytes_get_data (blob, &size);

      sqlite3_bind_double (upsert, 9, record->area_km2 > 0 ? record->area_km2
                                                            : bp_geometry_get_area_km2 (record->geometry));
      sqlite3_bind_blob (upsert, 10, data, size, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (upsert, 9);
      sqlite3_bind_null (upsert, 10);
    }
  bind_text_or_null (upsert, 11, record->properties_json);

  rc = sqlite3_step (upsert);
  id = rc == SQLITE_ROW ? sqlite3_column_int64 (upsert, 0) : 0;
  sqlite3_reset (upsert);
  if (rc != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      g_prefix_error (error, _("Area “%s”: "), record->code);
      return FALSE;
    }

  sqlite3_bind_int64 (delete_ages, 1, id);
  if (!step_done (self, delete_ages, error))
    return FALSE;

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      if (record->population_by_age[band] < 0)
        continue;

      sqlite3_bind_int64 (insert_age, 1, id);
      sqlite3_bind_int (insert_age, 2, band);
      sqlite3_bind_int64 (insert_age, 3, record->population_by_age[band]);
      if (!step_done (self, insert_age, error))
        return FALSE;
    }

  if (record->geometry && bp_geometry_get_n_points (record->geometry) > 0)
    {
      BpBounds bounds;

      bp_geometry_get_bounds (record->geometry, &bounds);
      sqlite3_bind_int64 (upsert_bbox, 1, id);
      sqlite3_bind_double (upsert_bbox, 2, bounds.min_lon);
      sqlite3_bind_double (upsert_bbox, 3, bounds.max_lon);
      sqlite3_bind_double (upsert_bbox, 4, bounds.min_lat);
      sqlite3_bind_double (upsert_bbox, 5, bounds.max_lat);
      if (!step_done (self, upsert_bbox, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_import_areas:
 * @self: a #BpStore
 * @level: the level of every record
 * @records: (element-type BpAreaRecord): the areas
 * @source: where the outlines come from, shown in "About the data"
 * @licence: (nullable): their licence or required attribution
 * @error: return location for a #GError
 *
 * Adds or replaces the areas of @records in one transaction. Areas already
 * in the store keep their identity, so counts attached to them stay. When an
 * area fails, the store is left as it was.
 *
 * Returns: %TRUE when every area was imported
 */
gboolean
bp_store_import_areas (BpStore      *self,
                       BpAreaLevel   level,
                       GPtrArray    *records,
                       const char   *source,
                       const char   *licence,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) find_parent = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) delete_ages = NULL;
  g_autoptr(sqlite3_stmt) insert_age = NULL;
  g_autoptr(sqlite3_stmt) upsert_bbox = NULL;
  g_autoptr(sqlite3_stmt) upsert_source = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_iso = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!(find_parent = _bp_store_prepare (self, "SELECT id FROM area WHERE level = ? AND code = ?", error)) ||
      !(upsert = _bp_store_prepare (self,
                                    "INSERT INTO area (level, code, parent_id, name_nl, name_fr, population,"
                                    "                  population_ref_date, geometry_source, area_km2, geometry,"
                                    "                  properties)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                    " ON CONFLICT (level, code) DO UPDATE SET"
                                    "   parent_id = excluded.parent_id, name_nl = excluded.name_nl,"
                                    "   name_fr = excluded.name_fr, population = excluded.population,"
                                    "   population_ref_date = excluded.population_ref_date,"
                                    "   geometry_source = excluded.geometry_source,"
                                    "   area_km2 = excluded.area_km2, geometry = excluded.geometry,"
                                    "   properties = coalesce (excluded.properties, properties)"
                                    " RETURNING id",
                                    error)) ||
      !(delete_ages = _bp_store_prepare (self, "DELETE FROM area_age_population WHERE area_id = ?", error)) ||
      !(insert_age = _bp_store_prepare (self,
                                        "INSERT INTO area_age_population (area_id, age_band, population)"
                                        " VALUES (?, ?, ?)",
                                        error)) ||
      !(upsert_bbox = _bp_store_prepare (self,
                                         "INSERT OR REPLACE INTO area_bbox (id, min_lon, max_lon, min_lat, max_lat)"
                                         " VALUES (?, ?, ?, ?, ?)",
                                         error)) ||
      !(upsert_source = _bp_store_prepare (self,
                                           "INSERT OR REPLACE INTO area_source (level, source, licence, ref_date, imported_at)"
                                           " VALUES (?, ?, ?, NULL, ?)",
                                           error)))
    return FALSE;

  if (!_bp_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    if (!import_one (self, level, g_ptr_array_index (records, i),
                     find_parent, upsert, delete_ages, insert_age, upsert_bbox, error))
      {
        _bp_store_rollback (self);
        return FALSE;
      }

  /* A sector names its wijk in its properties; whichever of the two levels
   * comes in second links them. A wijk of another municipality is no link. */
  if ((level == BP_AREA_LEVEL_SECTOR || level == BP_AREA_LEVEL_WIJK) &&
      !_bp_store_exec (self,
                       "UPDATE area SET wijk_id = ("
                       "    SELECT w.id FROM area w"
                       "    WHERE w.level = 5 AND w.code = json_extract (area.properties, '$.wijk_code')"
                       "      AND w.parent_id IS area.parent_id)"
                       "  WHERE level = 4 AND wijk_id IS NOT ("
                       "    SELECT w.id FROM area w"
                       "    WHERE w.level = 5 AND w.code = json_extract (area.properties, '$.wijk_code')"
                       "      AND w.parent_id IS area.parent_id);"
                       /* The wijk file gives no population of its own: its
                        * sectors' sum keeps incidences of the two levels alike. */
                       "UPDATE area SET population = ("
                       "    SELECT coalesce (sum (s.population), 0) FROM area s WHERE s.wijk_id = area.id)"
                       "  WHERE level = 5 AND population = 0",
                       error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  sqlite3_bind_int (upsert_source, 1, level);
  sqlite3_bind_text (upsert_source, 2, source, -1, SQLITE_STATIC);
  bind_text_or_null (upsert_source, 3, licence);
  sqlite3_bind_text (upsert_source, 4, now_iso, -1, SQLITE_STATIC);
  if (!step_done (self, upsert_source, error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  return _bp_store_commit (self, error);
}

/**
 * bp_store_import_reference:
 * @self: a #BpStore
 * @reference_path: a store holding only reference areas, built with the app
 * @error: return location for a #GError
 *
 * Copies the reference areas of @reference_path into a store that has none
 * yet: the quick first start. A store that already has areas is left alone.
 *
 * Returns: %TRUE when the store has its reference areas
 */
gboolean
bp_store_import_reference (BpStore     *self,
                           const char  *reference_path,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) attach = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  static const char copy_sql[] =
    "INSERT INTO area (id, level, code, parent_id, wijk_id, name_nl, name_fr, population,"
    "                  population_ref_date, geometry_source, area_km2, geometry, properties)"
    "  SELECT id, level, code, parent_id, wijk_id, name_nl, name_fr, population, population_ref_date,"
    "         geometry_source, area_km2, geometry, properties FROM reference.area ORDER BY id;"
    "INSERT INTO area_age_population SELECT area_id, age_band, population FROM reference.area_age_population;"
    "INSERT INTO area_bbox SELECT id, min_lon, max_lon, min_lat, max_lat FROM reference.area_bbox;"
    "INSERT INTO area_source SELECT level, source, licence, ref_date, imported_at FROM reference.area_source;";
  gboolean ok;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (reference_path != NULL, FALSE);

  if (bp_store_count_areas (self, BP_AREA_LEVEL_REGION) > 0)
    return TRUE;

  if (!g_file_test (reference_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("The reference areas “%s” are missing. Reinstall Brandpunt."), reference_path);
      return FALSE;
    }

  /* Read-only and immutable: a BEGIN IMMEDIATE would otherwise also take
   * the write lock of the attached file, and two stores starting at once
   * would wait for each other over a file neither writes. */
  escaped = g_uri_escape_string (reference_path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
  if (!(attach = _bp_store_prepare (self, "ATTACH DATABASE ? AS reference", error)))
    return FALSE;
  sqlite3_bind_text (attach, 1, uri, -1, SQLITE_STATIC);
  if (!step_done (self, attach, error))
    return FALSE;

  ok = _bp_store_begin (self, error) &&
       _bp_store_exec (self, copy_sql, error) &&
       _bp_store_commit (self, error);
  if (!ok)
    {
      _bp_store_rollback (self);
      g_prefix_error (error, _("Could not load the reference areas: "));
    }

  _bp_store_exec (self, "DETACH DATABASE reference", NULL);

  return ok;
}

guint
bp_store_count_areas (BpStore     *self,
                      BpAreaLevel  level)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), 0);

  if (!(stmt = _bp_store_prepare (self, "SELECT count(*) FROM area WHERE level = ?", NULL)))
    return 0;

  sqlite3_bind_int (stmt, 1, level);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int (stmt, 0);
}

#define AREA_COLUMNS \
  "SELECT a.id, a.level, a.code, a.name_nl, a.name_fr, a.population, p.code, p.name_nl, p.name_fr" \
  " FROM area a LEFT JOIN area p ON p.id = a.parent_id "

static BpArea *
area_from_row (sqlite3_stmt *stmt)
{
  BpArea *area = bp_area_new (sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_int (stmt, 1),
                              (const char *)sqlite3_column_text (stmt, 2),
                              (const char *)sqlite3_column_text (stmt, 3),
                              (const char *)sqlite3_column_text (stmt, 4),
                              sqlite3_column_int64 (stmt, 5),
                              (const char *)sqlite3_column_text (stmt, 6));

  _bp_area_set_parent_names (area,
                             (const char *)sqlite3_column_text (stmt, 7),
                             (const char *)sqlite3_column_text (stmt, 8));
  return area;
}

/**
 * bp_store_dup_area:
 * @self: a #BpStore
 * @level: the level
 * @code: the area's code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the area, or %NULL with
 *   %BP_STORE_ERROR_NOT_FOUND
 */
BpArea *
bp_store_dup_area (BpStore      *self,
                   BpAreaLevel   level,
                   const char   *code,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self, AREA_COLUMNS "WHERE a.level = ? AND a.code = ?", error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return area_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                 _("There is no %s with code “%s”."),
                 bp_area_level_get_display_name (level), code);
  else
    _bp_store_set_sqlite_error (self, error);

  return NULL;
}

/**
 * bp_store_dup_sector_wijk:
 * @self: a #BpStore
 * @sector_code: a statistical sector's code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the neighbourhood the sector lies in,
 *   or %NULL without an error when the store has none for it
 */
BpArea *
bp_store_dup_sector_wijk (BpStore     *self,
                          const char  *sector_code,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (sector_code != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  AREA_COLUMNS "WHERE a.id = (SELECT s.wijk_id FROM area s"
                                  "                 WHERE s.level = ? AND s.code = ?)",
                                  error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, BP_AREA_LEVEL_SECTOR);
  sqlite3_bind_text (stmt, 2, sector_code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return area_from_row (stmt);

  if (rc != SQLITE_DONE)
    _bp_store_set_sqlite_error (self, error);

  return NULL;
}

/**
 * bp_store_list_areas:
 * @self: a #BpStore
 * @level: the level to list
 * @parent_code: (nullable): only the areas directly in this area of the
 *   level above
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BpArea, sorted by name
 */
GListModel *
bp_store_list_areas (BpStore     *self,
                     BpAreaLevel  level,
                     const char  *parent_code,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) areas = g_list_store_new (BP_TYPE_AREA);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  AREA_COLUMNS "WHERE a.level = ?1 AND (?2 IS NULL OR p.code = ?2)"
                                  " ORDER BY a.name_nl COLLATE NOCASE, a.code",
                                  error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, level);
  bind_text_or_null (stmt, 2, parent_code);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, area_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  g_list_store_splice (areas, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&areas));
}

/**
 * bp_store_dup_area_geometry:
 * @self: a #BpStore
 * @area_id: the area's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the outline
 */
BpGeometry *
bp_store_dup_area_geometry (BpStore  *self,
                            gint64    area_id,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!(stmt = _bp_store_prepare (self, "SELECT geometry FROM area WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, area_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("The area has no outline in the store."));
      return NULL;
    }

  return bp_geometry_decode (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), error);
}

/**
 * bp_store_get_outline_summary:
 * @self: a #BpStore
 * @summary: (out caller-allocates): the counts
 * @error: return location for a #GError
 *
 * Counts the statistical-sector outlines by origin, for the note on
 * approximate outlines.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_get_outline_summary (BpStore           *self,
                              BpOutlineSummary  *summary,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT geometry_source, count(*) FROM area WHERE level = ?"
                                  " GROUP BY geometry_source",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, BP_AREA_LEVEL_SECTOR);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *origin = (const char *)sqlite3_column_text (stmt, 0);
      guint n = sqlite3_column_int (stmt, 1);

      summary->n_sectors += n;
      if (bp_outline_origin_from_geometry_source (origin) == BP_OUTLINE_ORIGIN_APPROXIMATE)
        summary->n_approximate += n;
      else if (g_strcmp0 (origin, "statbel_unverified") == 0)
        summary->n_unverified += n;
      else
        summary->n_real += n;
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_list_area_sources:
 * @self: a #BpStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpAreaSource): the provenance of
 *   each imported level, ordered by level
 */
GPtrArray *
bp_store_list_area_sources (BpStore  *self,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_source_free);
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT level, source, licence, ref_date, imported_at"
                                  " FROM area_source ORDER BY level",
                                  error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BpAreaSource *source = g_new0 (BpAreaSource, 1);

      source->level = sqlite3_column_int (stmt, 0);
      source->source = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      source->licence = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      source->ref_date = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      source->imported_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      g_ptr_array_add (sources, source);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&sources);
}
