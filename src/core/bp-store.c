/* bp-store.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bp-store-private.h"

/**
 * BpStore:
 *
 * The local SQLite store of one profile: reference areas, control-tower
 * counts and synchronised documents. One connection per object; a worker
 * thread opens its own BpStore on the same path.
 */
struct _BpStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (BpStore, bp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-store-error-quark, bp_store_error)

/* Forward-only migrations: migrations[N - 1] takes a store from version N - 1
 * to N. A released entry is never edited; a change is a new entry, tested from
 * a file of the version before it (tests/test-store.c). */
static const char * const migrations[] = {
  /* 1: reference areas */
  "CREATE TABLE store_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* level: 0 region, 1 province, 2 care zone, 3 municipality, 4 statistical sector */
  "CREATE TABLE area ("
  "  id                  INTEGER PRIMARY KEY,"
  "  level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),"
  "  code                TEXT NOT NULL,"
  "  parent_id           INTEGER REFERENCES area (id),"
  "  name_nl             TEXT NOT NULL,"
  "  name_fr             TEXT,"
  "  population          INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),"
  "  population_ref_date TEXT,"
  "  geometry_source     TEXT NOT NULL DEFAULT 'unknown',"
  "  area_km2            REAL,"
  "  geometry            BLOB,"
  "  properties          TEXT,"
  "  UNIQUE (level, code)"
  ");"
  "CREATE INDEX area_parent ON area (parent_id);"
  "CREATE TABLE area_age_population ("
  "  area_id    INTEGER NOT NULL REFERENCES area (id) ON DELETE CASCADE,"
  "  age_band   INTEGER NOT NULL CHECK (age_band BETWEEN 0 AND 8),"
  "  population INTEGER NOT NULL CHECK (population >= 0),"
  "  PRIMARY KEY (area_id, age_band)"
  ") WITHOUT ROWID;"
  "CREATE VIRTUAL TABLE area_bbox USING rtree (id, min_lon, max_lon, min_lat, max_lat);"
  /* Provenance of each level's outlines, shown in "About the data". */
  "CREATE TABLE area_source ("
  "  level       INTEGER PRIMARY KEY,"
  "  source      TEXT NOT NULL,"
  "  licence     TEXT,"
  "  ref_date    TEXT,"
  "  imported_at TEXT NOT NULL"
  ");",

  /* 2: control-tower counts. Rows exist only for days with cases; cumulative
   * lets a window sum be two lookups on the primary key. */
  "CREATE TABLE case_count ("
  "  sector_id     INTEGER NOT NULL REFERENCES area (id),"
  "  age_band      INTEGER NOT NULL CHECK (age_band BETWEEN 0 AND 8),"
  "  day           INTEGER NOT NULL,"
  "  n_cases       INTEGER NOT NULL CHECK (n_cases >= 0),"
  "  cumulative    INTEGER NOT NULL CHECK (cumulative >= n_cases),"
  "  is_suppressed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (sector_id, age_band, day)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_count_day ON case_count (day);"
  "CREATE TABLE nursing_home ("
  "  id        INTEGER PRIMARY KEY,"
  "  code      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL,"
  "  sector_id INTEGER NOT NULL REFERENCES area (id),"
  "  n_beds    INTEGER NOT NULL CHECK (n_beds > 0)"
  ");"
  "CREATE TABLE nursing_home_signal ("
  "  nursing_home_id INTEGER NOT NULL REFERENCES nursing_home (id) ON DELETE CASCADE,"
  "  day             INTEGER NOT NULL,"
  "  n_residents     INTEGER NOT NULL CHECK (n_residents >= 0),"
  "  n_staff         INTEGER NOT NULL CHECK (n_staff >= 0),"
  "  PRIMARY KEY (nursing_home_id, day)"
  ") WITHOUT ROWID;",

  /* 3: synchronised documents with CouchDB revision trees. */
  "CREATE TABLE document ("
  "  id          TEXT PRIMARY KEY,"
  "  winning_rev TEXT NOT NULL,"
  "  is_deleted  INTEGER NOT NULL DEFAULT 0,"
  "  local_seq   INTEGER NOT NULL UNIQUE,"
  "  type        TEXT,"
  "  body        TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE INDEX document_type ON document (type) WHERE is_deleted = 0;"
  "CREATE TABLE revision ("
  "  doc_id     TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  rev        TEXT NOT NULL,"
  "  generation INTEGER NOT NULL CHECK (generation > 0),"
  "  parent_rev TEXT,"
  "  is_leaf    INTEGER NOT NULL,"
  "  is_deleted INTEGER NOT NULL,"
  "  body       TEXT,"
  "  PRIMARY KEY (doc_id, rev)"
  ") WITHOUT ROWID;"
  "CREATE INDEX revision_leaf ON revision (doc_id) WHERE is_leaf = 1;",

  /* 4: the map sums every sector over a window of days. An index on day
   * alone made that one table lookup per row (140,000 at a wave's peak);
   * this one covers the query, and a WITHOUT ROWID index already holds
   * the sector and age band. */
  "CREATE INDEX case_count_day_cover ON case_count (day, n_cases, is_suppressed);"
  "DROP INDEX case_count_day;",

  /* 5: the sector map as BpSectorMap builds it from the outlines, which
   * takes longer than reading it back. A change to what it is built from
   * drops it; area_bbox is written with area, and an R*Tree table cannot
   * have triggers. */
  "CREATE TABLE sector_map_cache ("
  "  format INTEGER PRIMARY KEY,"
  "  data   BLOB NOT NULL"
  ");"
  "CREATE TRIGGER area_insert_drops_sector_map AFTER INSERT ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;"
  "CREATE TRIGGER area_update_drops_sector_map"
  "  AFTER UPDATE OF id, level, code, parent_id, name_nl, geometry_source, geometry ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;"
  "CREATE TRIGGER area_delete_drops_sector_map AFTER DELETE ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;",

  /* 6: neighbourhoods (wijken, level 5) group whole sectors of one
   * municipality beside the parent chain, so a sector keeps its municipality
   * as parent and names its wijk in wijk_id. Each count says where it comes
   * from: 0 laboratory-confirmed, 1 clinical (reported by a GP without a
   * test), 2 not recorded, which is what every count of an earlier store is.
   * SQLite cannot widen a CHECK or a primary key in place, so both tables
   * are rebuilt; this runs with foreign keys off (see migrate()). */
  "CREATE TABLE area_v6 ("
  "  id                  INTEGER PRIMARY KEY,"
  "  level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),"
  "  code                TEXT NOT NULL,"
  "  parent_id           INTEGER REFERENCES area (id),"
  "  wijk_id             INTEGER REFERENCES area (id),"
  "  name_nl             TEXT NOT NULL,"
  "  name_fr             TEXT,"
  "  population          INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),"
  "  population_ref_date TEXT,"
  "  geometry_source     TEXT NOT NULL DEFAULT 'unknown',"
  "  area_km2            REAL,"
  "  geometry            BLOB,"
  "  properties          TEXT,"
  "  UNIQUE (level, code)"
  ");"
  "INSERT INTO area_v6 (id, level, code, parent_id, name_nl, name_fr, population,"
  "                     population_ref_date, geometry_source, area_km2, geometry, properties)"
  "  SELECT id, level, code, parent_id, name_nl, name_fr, population,"
  "         population_ref_date, geometry_source, area_km2, geometry, properties FROM area;"
  "DROP TABLE area;"
  "ALTER TABLE area_v6 RENAME TO area;"
  "CREATE INDEX area_parent ON area (parent_id);"
  "CREATE INDEX area_wijk ON area (wijk_id) WHERE wijk_id IS NOT NULL;"
  "DELETE FROM sector_map_cache;"
  "CREATE TRIGGER area_insert_drops_sector_map AFTER INSERT ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;"
  "CREATE TRIGGER area_update_drops_sector_map"
  "  AFTER UPDATE OF id, level, code, parent_id, wijk_id, name_nl, geometry_source, geometry ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;"
  "CREATE TRIGGER area_delete_drops_sector_map AFTER DELETE ON area"
  "  BEGIN DELETE FROM sector_map_cache; END;"
  "CREATE TABLE case_count_v6 ("
  "  sector_id     INTEGER NOT NULL REFERENCES area (id),"
  "  age_band      INTEGER NOT NULL CHECK (age_band BETWEEN 0 AND 8),"
  "  source        INTEGER NOT NULL CHECK (source BETWEEN 0 AND 2),"
  "  day           INTEGER NOT NULL,"
  "  n_cases       INTEGER NOT NULL CHECK (n_cases >= 0),"
  "  cumulative    INTEGER NOT NULL CHECK (cumulative >= n_cases),"
  "  is_suppressed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (sector_id, age_band, source, day)"
  ") WITHOUT ROWID;"
  "INSERT INTO case_count_v6 (sector_id, age_band, source, day, n_cases, cumulative, is_suppressed)"
  "  SELECT sector_id, age_band, 2, day, n_cases, cumulative, is_suppressed FROM case_count;"
  "DROP TABLE case_count;"
  "ALTER TABLE case_count_v6 RENAME TO case_count;"
  "CREATE INDEX case_count_day_cover ON case_count (day, n_cases, is_suppressed);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BP_STORE_SCHEMA_VERSION);

static void
set_error_from_code (const char  *path,
                     int          code,
                     const char  *detail,
                     GError     **error)
{
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged or is not a database. It was not changed."), path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_LOCKED,
                   _("“%s” is in use by another program. Close it and try again."), path);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_UNREADABLE,
                   _("“%s” cannot be opened for reading and writing: %s"), path, detail);
      break;

    default:
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED,
                   _("The store “%s” reported an error: %s"), path, detail);
      break;
    }
}

void
_bp_store_set_sqlite_error (BpStore  *self,
                            GError  **error)
{
  set_error_from_code (self->path,
                       sqlite3_extended_errcode (self->db),
                       sqlite3_errmsg (self->db),
                       error);
}

sqlite3 *
_bp_store_get_db (BpStore *self)
{
  return self->db;
}

sqlite3_stmt *
_bp_store_prepare (BpStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return stmt;
}

gboolean
_bp_store_exec (BpStore     *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_bp_store_begin (BpStore  *self,
                 GError  **error)
{
  /* IMMEDIATE takes the write lock up front, so a busy store fails here and
   * not half-way through a user's action. */
  return _bp_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_bp_store_commit (BpStore  *self,
                  GError  **error)
{
  if (!_bp_store_exec (self, "COMMIT", error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_bp_store_rollback (BpStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (BpStore     *self,
           const char  *sql,
           int         *out_value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self, sql, error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *out_value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
query_text (BpStore     *self,
            const char  *sql,
            char       **out_value,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self, sql, error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *out_value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
migrate (BpStore     *self,
         int          from_version,
         int          to_version,
         GError     **error)
{
  if (from_version >= to_version)
    return TRUE;

  if (!_bp_store_begin (self, error))
    return FALSE;

  for (int version = from_version + 1; version <= to_version; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!_bp_store_exec (self, migrations[version - 1], error) ||
          !_bp_store_exec (self, set_version, error))
        {
          g_prefix_error (error, _("Could not upgrade the store to version %d: "), version);
          _bp_store_rollback (self);
          return FALSE;
        }
    }

  if (from_version == 0)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                 BP_STORE_APPLICATION_ID);
      if (!_bp_store_exec (self, set_id, error))
        {
          _bp_store_rollback (self);
          return FALSE;
        }
    }

  /* Foreign keys are off while migrating (see open_store()). */
  {
    g_autoptr(sqlite3_stmt) check = NULL;

    if (!(check = _bp_store_prepare (self, "PRAGMA foreign_key_check", error)))
      {
        _bp_store_rollback (self);
        return FALSE;
      }
    if (sqlite3_step (check) == SQLITE_ROW)
      {
        g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT,
                     _("Could not upgrade the store to version %d: table “%s” refers to a row that does not exist. It was not changed."),
                     to_version, (const char *)sqlite3_column_text (check, 0));
        g_clear_pointer (&check, sqlite3_finalize);
        _bp_store_rollback (self);
        return FALSE;
      }
  }

  if (!_bp_store_commit (self, error))
    return FALSE;

  self->schema_version = to_version;
  return TRUE;
}

static BpStore *
open_store (const char  *path,
            int          target_version,
            GError     **error)
{
  g_autoptr(BpStore) self = NULL;
  g_autofree char *journal_mode = NULL;
  gboolean exists;
  int application_id = 0;
  int version = 0;
  int n_tables = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_UNREADABLE,
                   _("“%s” is a folder, not a Brandpunt store."), path);
      return NULL;
    }
  if (exists && g_access (path, R_OK | W_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_UNREADABLE,
                   _("“%s” cannot be opened for reading and writing: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (BP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* A connection serves one thread (workers open their own), so SQLite
   * need not lock a mutex for every call: reading the counts makes
   * millions of them. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
                        (exists ? 0 : SQLITE_OPEN_CREATE),
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (path, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                           error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 1000);

  /* Read the header before anything writes to the file: a store that is
   * not ours, or from a newer Brandpunt, must stay byte-identical. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;

  if (application_id != BP_STORE_APPLICATION_ID && (version != 0 || n_tables != 0))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is a database, but not a Brandpunt store. It was not changed."), path);
      return NULL;
    }

  if (version > BP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer Brandpunt (store version %d; this one reads up to %d). It was not changed."),
                   path, version, BP_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!query_text (self, "PRAGMA journal_mode", &journal_mode, error))
    return NULL;

  /* Switching to WAL or migrating writes to the file: check its pages first
   * (quick_check costs a full read, so only when we are about to write). */
  if ((version < target_version && exists) || g_strcmp0 (journal_mode, "wal") != 0)
    {
      g_autofree char *check = NULL;

      if (exists && (!query_text (self, "PRAGMA quick_check", &check, error) ||
                     g_strcmp0 (check, "ok") != 0))
        {
          g_clear_error (error);
          set_error_from_code (path, SQLITE_CORRUPT, check ? check : "", error);
          return NULL;
        }

      if (!_bp_store_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
    }

  /* Migrations rebuild tables that others refer to: dropping the old one
   * with foreign keys on would delete or refuse the rows that refer to it.
   * migrate() checks every reference before it commits instead. */
  if (!_bp_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  self->schema_version = version;
  if (!migrate (self, version, target_version, error) ||
      !_bp_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
bp_store_finalize (GObject *object)
{
  BpStore *self = (BpStore *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (bp_store_parent_class)->finalize (object);
}

static void
bp_store_class_init (BpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_store_finalize;
}

static void
bp_store_init (BpStore *self)
{
}

/**
 * bp_store_open:
 * @path: the store file; created when it does not exist
 * @error: return location for a #BpStoreError
 *
 * Opens the store at @path and brings it to the current schema version.
 * A file that is damaged, locked, not a Brandpunt store or from a newer
 * Brandpunt gives an error and is left untouched.
 *
 * Returns: (transfer full) (nullable): the store
 */
BpStore *
bp_store_open (const char  *path,
               GError     **error)
{
  return open_store (path, BP_STORE_SCHEMA_VERSION, error);
}

/* For tests: writes a store as an older Brandpunt would have. */
BpStore *
_bp_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (version > 0 && version <= BP_STORE_SCHEMA_VERSION, NULL);

  return open_store (path, version, error);
}

const char *
bp_store_get_path (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  return self->path;
}

int
bp_store_get_schema_version (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * bp_store_dup_meta:
 * @self: a #BpStore
 * @key: a key such as `is-demo`
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
bp_store_dup_meta (BpStore    *self,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self, "SELECT value FROM store_meta WHERE key = ?", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * bp_store_set_meta:
 * @self: a #BpStore
 * @key: the key
 * @value: (nullable): the value, or %NULL to remove the key
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored
 */
gboolean
bp_store_set_meta (BpStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _bp_store_prepare (self,
                            value ? "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"
                                  : "DELETE FROM store_meta WHERE key = ?",
                            error);
  if (!stmt)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_is_demo:
 * @self: a #BpStore
 *
 * Returns: %TRUE when the store holds the synthetic demo scenario
 */
gboolean
bp_store_is_demo (BpStore *self)
{
  g_autofree char *value = bp_store_dup_meta (self, "demo-seed");

  return value != NULL;
}

/**
 * bp_store_dup_default_path:
 *
 * Returns: (transfer full): the store of the default profile, under the
 *   XDG data directory
 */
char *
bp_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "brandpunt", "brandpunt.db", NULL);
}
