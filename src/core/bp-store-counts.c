/* bp-store-counts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store-counts"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-day.h"
#include "bp-store-counts.h"
#include "bp-store-private.h"

/* The running state of one series (sector × age band) while writing. */
typedef struct
{
  gint64 key;
  int    last_day;
  gint64 cumulative;
} SeriesState;

/**
 * BpCountWriter:
 *
 * Writes daily counts per sector and age band in one transaction with
 * prepared statements, keeping the `cumulative` column a running sum per
 * series so that a window sum is two lookups. Rows of one series must come
 * in date order and after the days already stored; rows of different series
 * may interleave, but adding them in primary-key order (sector, band, day)
 * is fastest.
 */
struct _BpCountWriter
{
  BpStore      *store;
  sqlite3_stmt *insert;
  sqlite3_stmt *find_last;
  GHashTable   *series;
  SeriesState  *current;
  gint64        n_rows;
  gint64        n_cases;
  gboolean      store_was_empty;
  gboolean      is_open;
};

/* All statistical sectors in area ?1, any level; 0 means every area. */
#define SECTORS_IN_AREA \
  "WITH RECURSIVE sub (id, level) AS (" \
  "  SELECT id, level FROM area WHERE (?1 = 0 AND level = 0) OR id = ?1" \
  "  UNION ALL" \
  "  SELECT a.id, a.level FROM area a JOIN sub ON a.parent_id = sub.id WHERE sub.level < 4" \
  "), sector (id) AS (SELECT id FROM sub WHERE level = 4) "

/* The cumulative count runs per series, and a series is a sector, an age
 * band and a source: a window sum takes the difference for each source. */
#define SOURCES "source (s) AS (VALUES (0), (1), (2))"

#define LAST_CUMULATIVE(sector, band, source, day) \
  "coalesce ((SELECT c.cumulative FROM case_count c" \
  "           WHERE c.sector_id = " sector " AND c.age_band = " band \
  "           AND c.source = " source " AND c.day <= " day \
  "           ORDER BY c.day DESC LIMIT 1), 0)"

void
bp_nursing_home_free (BpNursingHome *home)
{
  if (home == NULL)
    return;

  g_free (home->code);
  g_free (home->name);
  g_free (home);
}

static gboolean
check_age_band (int      age_band,
                gboolean allow_all,
                GError **error)
{
  if ((allow_all && age_band == -1) || (age_band >= 0 && age_band < BP_N_AGE_BANDS))
    return TRUE;

  g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
               _("Age band %d does not exist; bands run from 0 (0-9 years) to 8 (80 and over)."),
               age_band);
  return FALSE;
}

static gboolean
check_area (BpStore  *self,
            gint64    area_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (area_id == 0)
    return TRUE;

  if (!(stmt = _bp_store_prepare (self, "SELECT 1 FROM area WHERE id = ?", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, area_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                 _("Area %lld is not in the store."), (long long)area_id);
  else
    _bp_store_set_sqlite_error (self, error);

  return FALSE;
}

/**
 * bp_store_begin_counts:
 * @self: a #BpStore
 * @error: return location for a #GError
 *
 * Starts a transaction for writing counts. Feed it with
 * bp_count_writer_add() and finish with bp_count_writer_commit(); freeing
 * the writer without committing leaves the store as it was. Nothing else
 * may write through @self while the writer is open.
 *
 * Returns: (transfer full) (nullable): the writer
 */
BpCountWriter *
bp_store_begin_counts (BpStore  *self,
                       GError  **error)
{
  g_autoptr(BpCountWriter) writer = NULL;
  g_autoptr(sqlite3_stmt) any = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  writer = g_new0 (BpCountWriter, 1);
  writer->store = g_object_ref (self);
  writer->series = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  if (!(writer->insert = _bp_store_prepare (self,
                                            "INSERT INTO case_count (sector_id, age_band, source, day, n_cases, cumulative)"
                                            " VALUES (?, ?, ?, ?, ?, ?)",
                                            error)) ||
      !(writer->find_last = _bp_store_prepare (self,
                                               "SELECT day, cumulative FROM case_count"
                                               " WHERE sector_id = ? AND age_band = ? AND source = ?"
                                               " ORDER BY day DESC LIMIT 1",
                                               error)) ||
      !(any = _bp_store_prepare (self, "SELECT 1 FROM case_count LIMIT 1", error)))
    return NULL;

  if (!_bp_store_begin (self, error))
    return NULL;
  writer->is_open = TRUE;

  /* A first load skips the look-up of each series' last row. */
  writer->store_was_empty = sqlite3_step (any) == SQLITE_DONE;

  return g_steal_pointer (&writer);
}

static SeriesState *
lookup_series (BpCountWriter  *writer,
               gint64          sector_id,
               int             age_band,
               BpCaseSource    source,
               GError        **error)
{
  gint64 key = (sector_id * BP_N_AGE_BANDS + age_band) * BP_N_CASE_SOURCES + source;
  SeriesState *state;
  int rc;

  if (writer->current && writer->current->key == key)
    return writer->current;

  if ((state = g_hash_table_lookup (writer->series, &key)))
    return writer->current = state;

  state = g_new0 (SeriesState, 1);
  state->key = key;
  state->last_day = G_MININT;

  if (!writer->store_was_empty)
    {
      sqlite3_bind_int64 (writer->find_last, 1, sector_id);
      sqlite3_bind_int (writer->find_last, 2, age_band);
      sqlite3_bind_int (writer->find_last, 3, source);
      rc = sqlite3_step (writer->find_last);
      if (rc == SQLITE_ROW)
        {
          state->last_day = sqlite3_column_int (writer->find_last, 0);
          state->cumulative = sqlite3_column_int64 (writer->find_last, 1);
        }
      sqlite3_reset (writer->find_last);

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _bp_store_set_sqlite_error (writer->store, error);
          g_free (state);
          return NULL;
        }
    }

  g_hash_table_insert (writer->series, &state->key, state);

  return writer->current = state;
}

/**
 * bp_count_writer_add:
 * @writer: a #BpCountWriter
 * @sector_id: the statistical sector's area id
 * @age_band: the age band, 0 to %BP_N_AGE_BANDS - 1
 * @source: where the cases come from
 * @day: the day, in days since 1970-01-01
 * @n_cases: the cases of @source reported that day
 * @error: return location for a #GError
 *
 * Adds the count of one day. Days without cases get no row, so a zero is
 * accepted and not written. Within a series, days must increase and follow
 * the last day already stored.
 *
 * Returns: %TRUE when the count was added
 */
gboolean
bp_count_writer_add (BpCountWriter  *writer,
                     gint64          sector_id,
                     int             age_band,
                     BpCaseSource    source,
                     int             day,
                     int             n_cases,
                     GError        **error)
{
  SeriesState *state;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (writer->is_open, FALSE);

  if (!check_age_band (age_band, FALSE, error))
    return FALSE;

  if (n_cases < 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("A count of cases cannot be negative (%d)."), n_cases);
      return FALSE;
    }

  if ((guint)source >= BP_N_CASE_SOURCES)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("%d is not a source of cases."), (int)source);
      return FALSE;
    }

  if (n_cases == 0)
    return TRUE;

  if (!(state = lookup_series (writer, sector_id, age_band, source, error)))
    return FALSE;

  if (day <= state->last_day)
    {
      g_autofree char *date = bp_day_to_iso (day);
      g_autofree char *last_date = bp_day_to_iso (state->last_day);

      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("The count of %s for area %lld, ages %s, %s, does not follow the last count of that series (%s). Counts are added in date order."),
                   date, (long long)sector_id, bp_age_band_get_label (age_band),
                   bp_case_source_get_display_name (source), last_date);
      return FALSE;
    }

  state->cumulative += n_cases;
  state->last_day = day;

  sqlite3_bind_int64 (writer->insert, 1, sector_id);
  sqlite3_bind_int (writer->insert, 2, age_band);
  sqlite3_bind_int (writer->insert, 3, source);
  sqlite3_bind_int (writer->insert, 4, day);
  sqlite3_bind_int (writer->insert, 5, n_cases);
  sqlite3_bind_int64 (writer->insert, 6, state->cumulative);
  if (sqlite3_step (writer->insert) != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (writer->store, error);
      sqlite3_reset (writer->insert);
      /* The series state is ahead of the table now; only rolling back helps. */
      _bp_store_rollback (writer->store);
      writer->is_open = FALSE;
      return FALSE;
    }
  sqlite3_reset (writer->insert);

  writer->n_rows++;
  writer->n_cases += n_cases;

  return TRUE;
}

gint64
bp_count_writer_get_n_rows (BpCountWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);

  return writer->n_rows;
}

gint64
bp_count_writer_get_n_cases (BpCountWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);

  return writer->n_cases;
}

/**
 * bp_count_writer_commit:
 * @writer: a #BpCountWriter
 * @error: return location for a #GError
 *
 * Commits every count added. Afterwards the writer can only be freed.
 *
 * Returns: %TRUE when the counts are stored
 */
gboolean
bp_count_writer_commit (BpCountWriter  *writer,
                        GError        **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);

  if (!writer->is_open)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED,
                   _("The counts were not stored because an earlier count failed."));
      return FALSE;
    }

  writer->is_open = FALSE;
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->find_last, sqlite3_finalize);

  return _bp_store_commit (writer->store, error);
}

/**
 * bp_count_writer_free:
 * @writer: (transfer full): a #BpCountWriter
 *
 * Frees @writer, rolling back what was not committed.
 */
void
bp_count_writer_free (BpCountWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->find_last, sqlite3_finalize);
  if (writer->is_open)
    _bp_store_rollback (writer->store);
  g_clear_pointer (&writer->series, g_hash_table_unref);
  g_clear_object (&writer->store);
  g_free (writer);
}

/**
 * bp_store_get_count_range:
 * @self: a #BpStore
 * @first_day: (out): the first day with a count
 * @last_day: (out): the last day with a count
 * @error: return location for a #GError
 *
 * Gives the days the counts cover. A store without counts gives
 * @first_day 0 and @last_day -1, an empty range.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_get_count_range (BpStore  *self,
                          int      *first_day,
                          int      *last_day,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_day != NULL && last_day != NULL, FALSE);

  if (!(stmt = _bp_store_prepare (self, "SELECT min (day), max (day) FROM case_count", error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      *first_day = 0;
      *last_day = -1;
    }
  else
    {
      *first_day = sqlite3_column_int (stmt, 0);
      *last_day = sqlite3_column_int (stmt, 1);
    }

  return TRUE;
}

/**
 * bp_store_get_window_sum:
 * @self: a #BpStore
 * @sector_id: the statistical sector's area id
 * @age_band: an age band, or -1 for all ages
 * @last_day: the last day of the window
 * @window_days: the length of the window, such as 7 or 14
 * @n_cases: (out): the cases reported in (@last_day - @window_days, @last_day]
 * @error: return location for a #GError
 *
 * Sums the cases of one sector over a window from the cumulative counts:
 * the running sum at the last row on or before @last_day minus the one on
 * or before @last_day - @window_days. That is two primary-key look-ups per
 * age band, however long the window.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_get_window_sum (BpStore  *self,
                         gint64    sector_id,
                         int       age_band,
                         int       last_day,
                         int       window_days,
                         gint64   *n_cases,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (window_days > 0, FALSE);
  g_return_val_if_fail (n_cases != NULL, FALSE);

  if (!check_age_band (age_band, TRUE, error))
    return FALSE;

  if (age_band >= 0)
    stmt = _bp_store_prepare (self,
                              "WITH " SOURCES
                              " SELECT sum (" LAST_CUMULATIVE ("?1", "?2", "source.s", "?3")
                              "             - " LAST_CUMULATIVE ("?1", "?2", "source.s", "?3 - ?4") ")"
                              " FROM source",
                              error);
  else
    stmt = _bp_store_prepare (self,
                              "WITH RECURSIVE band (b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM band WHERE b < 8)"
                              ", " SOURCES
                              " SELECT sum (" LAST_CUMULATIVE ("?1", "band.b", "source.s", "?3")
                              "             - " LAST_CUMULATIVE ("?1", "band.b", "source.s", "?3 - ?4") ")"
                              " FROM band, source",
                              error);
  if (!stmt)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sector_id);
  sqlite3_bind_int (stmt, 2, age_band);
  sqlite3_bind_int (stmt, 3, last_day);
  sqlite3_bind_int (stmt, 4, window_days);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *n_cases = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * bp_store_get_area_window_sums_by_band:
 * @self: a #BpStore
 * @area_id: an area of any level, or 0 for all areas
 * @last_day: the last day of the window
 * @window_days: the length of the window
 * @n_cases: (out caller-allocates) (array fixed-size=9): the cases per age
 *   band in (@last_day - @window_days, @last_day]
 * @error: return location for a #GError
 *
 * Sums the cases over a window for every sector in @area_id, found through
 * the parents of the areas, per age band.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_get_area_window_sums_by_band (BpStore  *self,
                                       gint64    area_id,
                                       int       last_day,
                                       int       window_days,
                                       gint64    n_cases[BP_N_AGE_BANDS],
                                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (window_days > 0, FALSE);
  g_return_val_if_fail (n_cases != NULL, FALSE);

  if (!check_area (self, area_id, error))
    return FALSE;

  if (!(stmt = _bp_store_prepare (self,
                                  SECTORS_IN_AREA
                                  ", band (b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM band WHERE b < 8)"
                                  ", " SOURCES
                                  " SELECT band.b, sum (" LAST_CUMULATIVE ("sector.id", "band.b", "source.s", "?2")
                                  "                     - " LAST_CUMULATIVE ("sector.id", "band.b", "source.s", "?2 - ?3") ")"
                                  " FROM sector, band, source GROUP BY band.b",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, last_day);
  sqlite3_bind_int (stmt, 3, window_days);

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    n_cases[band] = 0;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_cases[sqlite3_column_int (stmt, 0)] = sqlite3_column_int64 (stmt, 1);

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_get_area_window_sum:
 * @self: a #BpStore
 * @area_id: an area of any level (region, province, care zone,
 *   municipality or sector), or 0 for all areas
 * @age_band: an age band, or -1 for all ages
 * @last_day: the last day of the window
 * @window_days: the length of the window
 * @n_cases: (out): the cases in (@last_day - @window_days, @last_day]
 * @error: return location for a #GError
 *
 * Sums the cases over a window for every sector in @area_id, as
 * bp_store_get_area_window_sums_by_band() does.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_get_area_window_sum (BpStore  *self,
                              gint64    area_id,
                              int       age_band,
                              int       last_day,
                              int       window_days,
                              gint64   *n_cases,
                              GError  **error)
{
  gint64 by_band[BP_N_AGE_BANDS];

  g_return_val_if_fail (n_cases != NULL, FALSE);

  if (!check_age_band (age_band, TRUE, error) ||
      !bp_store_get_area_window_sums_by_band (self, area_id, last_day, window_days, by_band, error))
    return FALSE;

  *n_cases = 0;
  for (int band = 0; band < BP_N_AGE_BANDS; band++)
    if (age_band < 0 || band == age_band)
      *n_cases += by_band[band];

  return TRUE;
}

/**
 * bp_store_dup_daily_counts:
 * @self: a #BpStore
 * @area_id: an area of any level, or 0 for all areas
 * @age_band: an age band, or -1 for all ages
 * @first_day: the first day
 * @last_day: the last day
 * @error: return location for a #GError
 *
 * Gives the daily cases of an area, for an epidemic curve.
 *
 * Returns: (transfer full) (element-type gint64): one count per day from
 *   @first_day to @last_day
 */
GArray *
bp_store_dup_daily_counts (BpStore  *self,
                           gint64    area_id,
                           int       age_band,
                           int       first_day,
                           int       last_day,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) counts = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (first_day <= last_day + 1, NULL);

  if (!check_age_band (age_band, TRUE, error) || !check_area (self, area_id, error))
    return NULL;

  if (area_id == 0)
    stmt = _bp_store_prepare (self,
                              "SELECT day, sum (n_cases) FROM case_count"
                              " WHERE day BETWEEN ?2 AND ?3 AND (?4 < 0 OR age_band = ?4)"
                              " AND ?1 = 0 GROUP BY day",
                              error);
  else
    stmt = _bp_store_prepare (self,
                              SECTORS_IN_AREA
                              "SELECT c.day, sum (c.n_cases) FROM sector JOIN case_count c ON c.sector_id = sector.id"
                              " WHERE c.day BETWEEN ?2 AND ?3 AND (?4 < 0 OR c.age_band = ?4)"
                              " GROUP BY c.day",
                              error);
  if (!stmt)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, first_day);
  sqlite3_bind_int (stmt, 3, last_day);
  sqlite3_bind_int (stmt, 4, age_band);

  counts = g_array_sized_new (FALSE, TRUE, sizeof (gint64), last_day - first_day + 1);
  g_array_set_size (counts, last_day - first_day + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = sqlite3_column_int (stmt, 0) - first_day;

      g_array_index (counts, gint64, index) = sqlite3_column_int64 (stmt, 1);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/**
 * bp_store_add_nursing_home:
 * @self: a #BpStore
 * @code: a unique code
 * @name: the name shown
 * @sector_id: the statistical sector it lies in
 * @n_beds: its number of beds, at least 1
 * @id: (out) (optional): the new nursing home's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the nursing home was added
 */
gboolean
bp_store_add_nursing_home (BpStore     *self,
                           const char  *code,
                           const char  *name,
                           gint64       sector_id,
                           int          n_beds,
                           gint64      *id,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL && name != NULL, FALSE);

  if (n_beds <= 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Nursing home “%s” needs at least one bed."), code);
      return FALSE;
    }

  if (!(stmt = _bp_store_prepare (self,
                                  "INSERT INTO nursing_home (code, name, sector_id, n_beds)"
                                  " VALUES (?, ?, ?, ?) RETURNING id",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, sector_id);
  sqlite3_bind_int (stmt, 4, n_beds);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      g_prefix_error (error, _("Nursing home “%s” was not added: "), code);
      return FALSE;
    }

  if (id)
    *id = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/**
 * bp_store_list_nursing_homes:
 * @self: a #BpStore
 * @area_id: an area of any level, or 0 for all areas
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BpNursingHome): the nursing homes
 *   in @area_id, sorted by name
 */
GPtrArray *
bp_store_list_nursing_homes (BpStore  *self,
                             gint64    area_id,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) homes = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!check_area (self, area_id, error))
    return NULL;

  homes = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_nursing_home_free);
  if (!(stmt = _bp_store_prepare (self,
                                  SECTORS_IN_AREA
                                  "SELECT h.id, h.code, h.name, h.sector_id, h.n_beds"
                                  " FROM nursing_home h JOIN sector ON sector.id = h.sector_id"
                                  " ORDER BY h.name, h.code",
                                  error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, area_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BpNursingHome *home = g_new0 (BpNursingHome, 1);

      home->id = sqlite3_column_int64 (stmt, 0);
      home->code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      home->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      home->sector_id = sqlite3_column_int64 (stmt, 3);
      home->n_beds = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (homes, home);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&homes);
}

/**
 * bp_store_add_nursing_home_signal:
 * @self: a #BpStore
 * @nursing_home_id: the nursing home
 * @day: the day of the signal
 * @n_residents: residents who tested positive
 * @n_staff: staff members who tested positive
 * @error: return location for a #GError
 *
 * Records the signal of one day, replacing an earlier one of that day.
 *
 * Returns: %TRUE when stored
 */
gboolean
bp_store_add_nursing_home_signal (BpStore  *self,
                                  gint64    nursing_home_id,
                                  int       day,
                                  int       n_residents,
                                  int       n_staff,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);

  if (n_residents < 0 || n_staff < 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("A nursing-home signal cannot count fewer than zero people."));
      return FALSE;
    }

  if (!(stmt = _bp_store_prepare (self,
                                  "INSERT OR REPLACE INTO nursing_home_signal"
                                  " (nursing_home_id, day, n_residents, n_staff) VALUES (?, ?, ?, ?)",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nursing_home_id);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, n_residents);
  sqlite3_bind_int (stmt, 4, n_staff);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_count_nursing_homes_with_signals:
 * @self: a #BpStore
 * @area_id: an area of any level, or 0 for all areas
 * @last_day: the last day of the window
 * @window_days: the length of the window
 * @n_homes: (out): the nursing homes in @area_id with at least one positive
 *   resident or staff member in (@last_day - @window_days, @last_day]
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
bp_store_count_nursing_homes_with_signals (BpStore  *self,
                                           gint64    area_id,
                                           int       last_day,
                                           int       window_days,
                                           guint    *n_homes,
                                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (window_days > 0, FALSE);
  g_return_val_if_fail (n_homes != NULL, FALSE);

  if (!check_area (self, area_id, error))
    return FALSE;

  if (!(stmt = _bp_store_prepare (self,
                                  SECTORS_IN_AREA
                                  "SELECT count (*) FROM nursing_home h JOIN sector ON sector.id = h.sector_id"
                                  " WHERE EXISTS (SELECT 1 FROM nursing_home_signal s"
                                  "               WHERE s.nursing_home_id = h.id"
                                  "                 AND s.day > ?2 - ?3 AND s.day <= ?2"
                                  "                 AND s.n_residents + s.n_staff > 0)",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, last_day);
  sqlite3_bind_int (stmt, 3, window_days);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *n_homes = sqlite3_column_int (stmt, 0);
  return TRUE;
}
