/* bp-mbtiles.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mbtiles"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bp-mbtiles.h"
#include "bp-sqlite-private.h"

/**
 * BpMbtiles:
 *
 * An MBTiles file (https://github.com/mapbox/mbtiles-spec, version 1.3) of
 * raster tiles, the offline basemap a user can choose. Opened read-only; the
 * file is never changed.
 */
struct _BpMbtiles
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  char    *name;
  char    *attribution;
  char    *format;
  int      min_zoom;
  int      max_zoom;
};

G_DEFINE_FINAL_TYPE (BpMbtiles, bp_mbtiles, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-mbtiles-error-quark, bp_mbtiles_error)

static char *
dup_metadata (BpMbtiles  *self,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
bp_mbtiles_finalize (GObject *object)
{
  BpMbtiles *self = (BpMbtiles *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (bp_mbtiles_parent_class)->finalize (object);
}

static void
bp_mbtiles_class_init (BpMbtilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_mbtiles_finalize;
}

static void
bp_mbtiles_init (BpMbtiles *self)
{
}

/**
 * bp_mbtiles_open:
 * @path: an MBTiles file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tile set, or %NULL when @path is
 *   not an MBTiles file of PNG, JPEG or WebP tiles
 */
BpMbtiles *
bp_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(BpMbtiles) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *min_zoom = NULL;
  g_autofree char *max_zoom = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_NOT_FOUND,
                   _("The basemap “%s” does not exist."), path);
      return NULL;
    }

  self = g_object_new (BP_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);

  /* Read-only and immutable, so a basemap on a read-only stick opens too
   * and nothing is ever written to it. Tiles are asked for from several
   * threads at once, hence the serialized connection. */
  uri = g_strdup_printf ("file:%s?immutable=1", path);
  if (sqlite3_open_v2 (uri, &self->db,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT 1 FROM tiles LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles basemap: it has no tiles table."), path);
      return NULL;
    }

  self->name = dup_metadata (self, "name");
  self->attribution = dup_metadata (self, "attribution");
  self->format = dup_metadata (self, "format");
  min_zoom = dup_metadata (self, "minzoom");
  max_zoom = dup_metadata (self, "maxzoom");
  self->min_zoom = min_zoom ? CLAMP (atoi (min_zoom), 0, 22) : 0;
  self->max_zoom = max_zoom ? CLAMP (atoi (max_zoom), self->min_zoom, 22) : 18;

  if (self->format == NULL)
    self->format = g_strdup ("png");

  /* Vector tiles need a renderer Debian's libshumate 1.0 does not have. */
  if (!g_str_equal (self->format, "png") && !g_str_equal (self->format, "jpg") &&
      !g_str_equal (self->format, "jpeg") && !g_str_equal (self->format, "webp"))
    {
      g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_UNSUPPORTED,
                   _("The basemap “%s” holds %s tiles; only raster tiles (PNG, JPEG, WebP) can be shown."),
                   path, self->format);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bp_mbtiles_get_path (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), NULL);

  return self->path;
}

const char *
bp_mbtiles_get_name (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), NULL);

  return self->name;
}

const char *
bp_mbtiles_get_attribution (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), NULL);

  return self->attribution;
}

const char *
bp_mbtiles_get_format (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), NULL);

  return self->format;
}

int
bp_mbtiles_get_min_zoom (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), 0);

  return self->min_zoom;
}

int
bp_mbtiles_get_max_zoom (BpMbtiles *self)
{
  g_return_val_if_fail (BP_IS_MBTILES (self), 0);

  return self->max_zoom;
}

/**
 * bp_mbtiles_dup_tile:
 * @self: a #BpMbtiles
 * @zoom: zoom level
 * @x: tile column
 * @y: tile row, counted from the top as in libshumate (XYZ)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the encoded image, or %NULL with
 *   %BP_MBTILES_ERROR_NOT_FOUND when the file has no such tile
 */
GBytes *
bp_mbtiles_dup_tile (BpMbtiles  *self,
                     int         zoom,
                     int         x,
                     int         y,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_MBTILES (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles"
                          " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_FAILED,
                   _("The basemap “%s” could not be read: %s"), self->path, sqlite3_errmsg (self->db));
      return NULL;
    }

  /* MBTiles numbers rows from the bottom (TMS). */
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << zoom) - 1 - y);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_NOT_FOUND,
                 _("The basemap has no tile %d/%d/%d."), zoom, x, y);
  else
    g_set_error (error, BP_MBTILES_ERROR, BP_MBTILES_ERROR_FAILED,
                 _("The basemap “%s” could not be read: %s"), self->path, sqlite3_errmsg (self->db));

  return NULL;
}
