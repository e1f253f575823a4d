/* bp-count-cube.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-count-cube"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bp-count-cube.h"
#include "bp-store-private.h"

/* A row's count, source and flag share 32 bits:
 * n_cases << 3 | source << 1 | is_suppressed. */
#define COUNT_SHIFT   3
#define SOURCE_SHIFT  1
#define MAX_ROW_CASES (G_MAXUINT32 >> COUNT_SHIFT)

G_STATIC_ASSERT (BP_N_CASE_SOURCES <= 1 << (COUNT_SHIFT - SOURCE_SHIFT));
/* bp_count_cube_sum_days_by_source() keeps a sum for each of three. */
G_STATIC_ASSERT (BP_N_CASE_SOURCES == 3);

static inline guint32
row_n_cases (guint32 count)
{
  return count >> COUNT_SHIFT;
}

static inline guint32
row_source (guint32 count)
{
  return (count >> SOURCE_SHIFT) & ((1 << (COUNT_SHIFT - SOURCE_SHIFT)) - 1);
}

static inline gboolean
row_in_filter (guint32            count,
               BpCaseSourceFilter sources)
{
  return (sources >> row_source (count)) & 1;
}

/* How many rows to read between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 65536

typedef struct
{
  gint64  id;
  char   *code;     /* in the cube's string chunk, like the names */
  char   *name_nl;
  char   *name_fr;  /* nullable */
  gint64  population;
  gint64  population_by_band[BP_N_AGE_BANDS];
  guint   ancestors[BP_AREA_N_LEVELS]; /* positions; its own at its level */
  gint64  parent_id;                   /* 0 for none; only while loading */
  guint   band_mask;                   /* the bands with a figure of its own */
} CubeArea;

/**
 * BpCountCube:
 *
 * The control-tower counts of a store and its areas, loaded once into
 * memory for the dashboard, reports and the tool, which ask for many
 * windows, levels and age bands in a row.
 *
 * The rows are sorted by day and, within a day, by age band, with an offset
 * for each (day, age band): the counts of a window of days are one
 * contiguous run for all ages, or one run a day for one age band. A window
 * sum is then a pass over just the rows of that window, without looking up
 * any key. Each row takes 8 bytes (the sector's position and its count with
 * its source and the suppression flag), some 10 MB for two years of a full
 * outbreak. A sum counts the sources of a #BpCaseSourceFilter; the rows of
 * a sector, band and day for different sources stay apart.
 *
 * Areas of each level are kept sorted by code with their population, their
 * population per age band and their ancestors at every level, so that sums
 * of sectors roll up to municipalities, care zones, provinces and regions
 * without SQL.
 *
 * A cube is a snapshot: it is immutable once loaded, so threads may share
 * it, and it does not see counts added to the store afterwards; load a new
 * one then.
 */
struct _BpCountCube
{
  GObject       parent_instance;

  int           first_day;
  int           n_days;        /* 0 when the store has no counts */
  gsize         n_rows;
  guint32      *row_sectors;   /* the position of each row's sector */
  guint32      *row_counts;    /* n_cases << 3 | source << 1 | is_suppressed */
  guint32      *offsets;       /* n_days * BP_N_AGE_BANDS + 1 row offsets */
  GArray       *areas[BP_AREA_N_LEVELS];           /* CubeArea, sorted by code */
  guint        *sector_ancestors[BP_AREA_N_LEVELS]; /* per sector, for the hot loops */
  GHashTable   *positions;     /* &CubeArea.id → level << 28 | position */
  GStringChunk *strings;
  gboolean      prefers_french;
};

G_DEFINE_FINAL_TYPE (BpCountCube, bp_count_cube, G_TYPE_OBJECT)

static inline CubeArea *
get_area (BpCountCube *self,
          BpAreaLevel  level,
          guint        position)
{
  return &g_array_index (self->areas[level], CubeArea, position);
}

static gboolean
lookup_area (BpCountCube *self,
             gint64       area_id,
             BpAreaLevel *level,
             guint       *position)
{
  gpointer value;
  guint packed;

  if (!g_hash_table_lookup_extended (self->positions, &area_id, NULL, &value))
    return FALSE;

  packed = GPOINTER_TO_UINT (value);
  *level = packed >> 28;
  *position = packed & ((1u << 28) - 1);
  return TRUE;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
load_areas (BpCountCube   *self,
            BpStore       *store,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _bp_store_prepare (store,
                                  /* A sector in a wijk reaches its municipality through it. */
                                  "SELECT id, level, code, coalesce (wijk_id, parent_id), name_nl, name_fr, population"
                                  " FROM area ORDER BY level, code, id",
                                  error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int level = sqlite3_column_int (stmt, 1);
      const char *name_fr = (const char *)sqlite3_column_text (stmt, 5);
      CubeArea area = { 0, };

      if (level < 0 || level >= BP_AREA_N_LEVELS)
        continue;

      area.id = sqlite3_column_int64 (stmt, 0);
      area.code = g_string_chunk_insert (self->strings, (const char *)sqlite3_column_text (stmt, 2));
      area.name_nl = g_string_chunk_insert (self->strings, (const char *)sqlite3_column_text (stmt, 4));
      area.name_fr = name_fr ? g_string_chunk_insert (self->strings, name_fr) : NULL;
      area.population = sqlite3_column_int64 (stmt, 6);
      area.parent_id = sqlite3_column_int64 (stmt, 3); /* 0 for NULL */
      g_array_append_val (self->areas[level], area);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  /* A position has 28 bits in the look-up table. */
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    if (self->areas[l]->len >= (1u << 28))
      {
        g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                     _("The store holds too many areas to load its counts."));
        return FALSE;
      }

  /* The arrays are complete, so pointers into them hold from here on. */
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    for (guint i = 0; i < self->areas[l]->len; i++)
      g_hash_table_insert (self->positions, &get_area (self, l, i)->id, GUINT_TO_POINTER (l << 28 | i));

  /* Parents come a level higher up, so going down the levels finds every
   * parent's ancestors complete. A parent that is not higher up (a broken
   * import) is left out rather than followed round in a loop. */
  for (guint rank = 0; rank < BP_AREA_N_LEVELS; rank++)
    for (guint l = bp_area_levels_in_rank_order ()[rank], i = 0; i < self->areas[l]->len; i++)
      {
        CubeArea *area = get_area (self, l, i);
        BpAreaLevel parent_level;
        guint parent_position;

        for (guint a = 0; a < BP_AREA_N_LEVELS; a++)
          area->ancestors[a] = BP_COUNT_CUBE_NO_AREA;

        if (area->parent_id != 0 &&
            lookup_area (self, area->parent_id, &parent_level, &parent_position) &&
            bp_area_level_contains (parent_level, l))
          memcpy (area->ancestors, get_area (self, parent_level, parent_position)->ancestors,
                  sizeof area->ancestors);

        area->ancestors[l] = i;
      }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = _bp_store_prepare (store, "SELECT area_id, age_band, population FROM area_age_population", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 area_id = sqlite3_column_int64 (stmt, 0);
      int band = sqlite3_column_int (stmt, 1);
      BpAreaLevel level;
      guint position;

      if (band < 0 || band >= BP_N_AGE_BANDS || !lookup_area (self, area_id, &level, &position))
        continue;

      get_area (self, level, position)->population_by_band[band] = sqlite3_column_int64 (stmt, 2);
      get_area (self, level, position)->band_mask |= 1u << band;
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  /* Statbel publishes no age groups for statistical sectors. A sector
   * without figures of its own gets its population times its parent's
   * (municipality's) share of the band, rounded to the nearest person, as
   * the map does (bp-map-metric.c). Other areas without figures count 0
   * residents in a band, so they have no incidence for it. */
  for (guint i = 0; i < self->areas[BP_AREA_LEVEL_SECTOR]->len; i++)
    {
      CubeArea *sector = get_area (self, BP_AREA_LEVEL_SECTOR, i);
      CubeArea *parent = NULL;
      gint64 total = 0;

      if (sector->band_mask == (1u << BP_N_AGE_BANDS) - 1)
        continue;

      for (int l = BP_AREA_LEVEL_SECTOR - 1; l >= 0 && !parent; l--)
        if (sector->ancestors[l] != BP_COUNT_CUBE_NO_AREA)
          parent = get_area (self, l, sector->ancestors[l]);

      for (guint b = 0; parent && b < BP_N_AGE_BANDS; b++)
        total += parent->population_by_band[b];

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        sector->population_by_band[b] =
          total > 0 ? (2 * sector->population * parent->population_by_band[b] + total) / (2 * total) : 0;
    }

  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    {
      guint n_sectors = self->areas[BP_AREA_LEVEL_SECTOR]->len;

      self->sector_ancestors[l] = g_new (guint, MAX (n_sectors, 1));
      for (guint i = 0; i < n_sectors; i++)
        self->sector_ancestors[l][i] = get_area (self, BP_AREA_LEVEL_SECTOR, i)->ancestors[l];
    }

  return TRUE;
}

/* Finds the position of a sector from its id. Area ids are rowids, so
 * they are mostly dense: then a table does it, without hashing. */
typedef struct
{
  guint32 *table;  /* id → position + 1, 0 for no sector; or NULL */
  gint64   n_ids;
} SectorIndex;

static void
sector_index_init (SectorIndex *index,
                   BpCountCube *self)
{
  GArray *sectors = self->areas[BP_AREA_LEVEL_SECTOR];
  gint64 max_id = -1;

  index->table = NULL;
  index->n_ids = 0;
  for (guint i = 0; i < sectors->len; i++)
    max_id = MAX (max_id, g_array_index (sectors, CubeArea, i).id);

  if (max_id < 0 || max_id > 16 * (gint64)sectors->len + 65536)
    return;

  index->n_ids = max_id + 1;
  index->table = g_new0 (guint32, index->n_ids);
  for (guint i = 0; i < sectors->len; i++)
    {
      gint64 id = g_array_index (sectors, CubeArea, i).id;

      if (id >= 0)
        index->table[id] = i + 1;
    }
}

static guint
sector_index_lookup (SectorIndex *index,
                     BpCountCube *self,
                     gint64       sector_id)
{
  BpAreaLevel level;
  guint position;

  if (index->table)
    return sector_id >= 0 && sector_id < index->n_ids && index->table[sector_id] != 0
           ? index->table[sector_id] - 1 : BP_COUNT_CUBE_NO_AREA;

  if (!lookup_area (self, sector_id, &level, &position) || level != BP_AREA_LEVEL_SECTOR)
    return BP_COUNT_CUBE_NO_AREA;

  return position;
}

/* A count as read, while the rows of its day are gathered. */
typedef struct
{
  guint32 sector;
  guint32 count;
  guint32 age_band;
} DayRow;

/* Appends the rows of one day, grouped by age band, and their offsets.
 * Days without counts between the last one and this get empty groups. */
static void
append_day (BpCountCube *self,
            GArray      *day_rows,
            int          day,
            gsize       *capacity)
{
  guint band_counts[BP_N_AGE_BANDS] = { 0, };
  gsize cursor[BP_N_AGE_BANDS];
  gsize at = self->n_rows;
  int n_days = day - self->first_day + 1;

  self->offsets = g_renew (guint32, self->offsets, (gsize)n_days * BP_N_AGE_BANDS + 1);
  for (gsize k = (gsize)self->n_days * BP_N_AGE_BANDS + 1; k <= (gsize)(n_days - 1) * BP_N_AGE_BANDS; k++)
    self->offsets[k] = at;

  for (guint r = 0; r < day_rows->len; r++)
    band_counts[g_array_index (day_rows, DayRow, r).age_band]++;

  for (guint b = 0; b < BP_N_AGE_BANDS; b++)
    {
      cursor[b] = at;
      at += band_counts[b];
      self->offsets[(gsize)(n_days - 1) * BP_N_AGE_BANDS + b + 1] = at;
    }

  if (at > *capacity)
    {
      *capacity = MAX (at, *capacity * 2);
      self->row_sectors = g_renew (guint32, self->row_sectors, *capacity);
      self->row_counts = g_renew (guint32, self->row_counts, *capacity);
    }

  for (guint r = 0; r < day_rows->len; r++)
    {
      const DayRow *row = &g_array_index (day_rows, DayRow, r);
      gsize i = cursor[row->age_band]++;

      self->row_sectors[i] = row->sector;
      self->row_counts[i] = row->count;
    }

  self->n_rows = at;
  self->n_days = n_days;
  g_array_set_size (day_rows, 0);
}

static gboolean
load_counts (BpCountCube   *self,
             BpStore       *store,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) day_rows = g_array_new (FALSE, FALSE, sizeof (DayRow));
  SectorIndex index;
  gsize capacity = 0;
  gsize n_read = 0;
  int current_day = 0;
  int rc;

  /* In day order, which the covering index on day gives without sorting:
   * the rows then only need grouping by age band within each day. One
   * statement is one consistent snapshot of the table. */
  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT day, age_band, sector_id, n_cases, is_suppressed, source FROM case_count"
                                  " ORDER BY day",
                                  error)))
    return FALSE;

  sector_index_init (&index, self);
  self->offsets = g_new0 (guint32, 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = sqlite3_column_int (stmt, 0);
      int band = sqlite3_column_int (stmt, 1);
      gint64 n_cases = sqlite3_column_int64 (stmt, 3);
      int source = sqlite3_column_int (stmt, 5);
      DayRow row;

      if ((++n_read % CANCEL_CHECK_ROWS) == 0 && !check_cancelled (cancellable, error))
        break;

      if (self->n_days == 0 && day_rows->len == 0)
        self->first_day = current_day = day;

      if (day != current_day)
        {
          /* The offsets are 32 bits, and a day index times the bands must
           * stay within an int. */
          if (self->n_rows + day_rows->len >= G_MAXUINT32 ||
              (gint64)day - self->first_day >= G_MAXINT / BP_N_AGE_BANDS - 1)
            {
              g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                           _("The counts of the store span too many days or rows to load."));
              break;
            }
          append_day (self, day_rows, current_day, &capacity);
          current_day = day;
        }

      row.sector = sector_index_lookup (&index, self, sqlite3_column_int64 (stmt, 2));

      /* Counts of an area that is no statistical sector belong to no
       * sector, so no sum could include them. */
      if (row.sector == BP_COUNT_CUBE_NO_AREA || band < 0 || band >= BP_N_AGE_BANDS)
        continue;

      /* The table's CHECK keeps sources in range; a row from elsewhere
       * without a known source counts as one not recorded. */
      if (source < 0 || source >= BP_N_CASE_SOURCES)
        source = BP_CASE_SOURCE_UNRECORDED;

      if (n_cases < 0 || n_cases > MAX_ROW_CASES)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT,
                       _("The store holds a count of %lld cases, which cannot be right."),
                       (long long)n_cases);
          break;
        }

      row.count = (guint32)n_cases << COUNT_SHIFT | (guint32)source << SOURCE_SHIFT |
                  (sqlite3_column_int (stmt, 4) != 0);
      row.age_band = band;
      g_array_append_val (day_rows, row);
    }

  g_free (index.table);

  if (rc == SQLITE_ROW)
    return FALSE; /* the error is set */

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  if (day_rows->len > 0)
    append_day (self, day_rows, current_day, &capacity);

  /* Give back what the doubling left over. */
  self->row_sectors = g_renew (guint32, self->row_sectors, MAX (self->n_rows, 1));
  self->row_counts = g_renew (guint32, self->row_counts, MAX (self->n_rows, 1));

  return TRUE;
}

static gboolean
load_cube (BpCountCube   *self,
           BpStore       *store,
           GCancellable  *cancellable,
           GError       **error)
{
  return load_areas (self, store, error) &&
         check_cancelled (cancellable, error) &&
         load_counts (self, store, cancellable, error);
}

static void
new_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpCountCube) cube = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own: SQLite handles are not shared between
   * threads here. */
  cube = g_object_new (BP_TYPE_COUNT_CUBE, NULL);
  if (!(store = bp_store_open (path, &error)) || !load_cube (cube, store, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&cube), g_object_unref);
}

static void
bp_count_cube_finalize (GObject *object)
{
  BpCountCube *self = (BpCountCube *)object;

  g_clear_pointer (&self->row_sectors, g_free);
  g_clear_pointer (&self->row_counts, g_free);
  g_clear_pointer (&self->offsets, g_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    {
      g_clear_pointer (&self->areas[l], g_array_unref);
      g_clear_pointer (&self->sector_ancestors[l], g_free);
    }
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (bp_count_cube_parent_class)->finalize (object);
}

static void
bp_count_cube_class_init (BpCountCubeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_count_cube_finalize;
}

static void
bp_count_cube_init (BpCountCube *self)
{
  const char * const *languages = g_get_language_names ();

  /* Asked once: g_get_language_names() takes a lock, and a table asks for
   * thousands of names. */
  self->prefers_french = languages[0] != NULL && g_str_has_prefix (languages[0], "fr");
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    self->areas[l] = g_array_new (FALSE, TRUE, sizeof (CubeArea));
  self->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->strings = g_string_chunk_new (64 * 1024);
}

/**
 * bp_count_cube_new:
 * @store: a #BpStore
 * @error: return location for a #GError
 *
 * Loads the areas and every count of @store. That reads the whole
 * case_count table, a few hundred milliseconds for two years of counts of
 * every sector; the interface uses bp_count_cube_new_async().
 *
 * Counts of an area that is not a statistical sector are left out.
 *
 * Returns: (transfer full) (nullable): the cube
 */
BpCountCube *
bp_count_cube_new (BpStore  *store,
                   GError  **error)
{
  g_autoptr(BpCountCube) self = NULL;

  g_return_val_if_fail (BP_IS_STORE (store), NULL);

  self = g_object_new (BP_TYPE_COUNT_CUBE, NULL);
  if (!load_cube (self, store, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * bp_count_cube_new_async:
 * @store: a #BpStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the cube
 * @user_data: data for @callback
 *
 * Runs bp_count_cube_new() in a worker thread on its own connection to the
 * store's file.
 */
void
bp_count_cube_new_async (BpStore             *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_count_cube_new_async);
  g_task_set_task_data (task, g_strdup (bp_store_get_path (store)), g_free);
  g_task_run_in_thread (task, new_worker);
}

/**
 * bp_count_cube_new_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cube
 */
BpCountCube *
bp_count_cube_new_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_count_cube_get_day_range:
 * @self: a #BpCountCube
 * @first_day: (out) (optional): the first day with a count
 * @last_day: (out) (optional): the last day with a count
 *
 * Returns: %FALSE when the cube has no counts; the range is then 0 to -1
 */
gboolean
bp_count_cube_get_day_range (BpCountCube *self,
                             int         *first_day,
                             int         *last_day)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), FALSE);

  if (first_day)
    *first_day = self->first_day;
  if (last_day)
    *last_day = self->first_day + self->n_days - 1;

  return self->n_days > 0;
}

gsize
bp_count_cube_get_n_rows (BpCountCube *self)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), 0);

  return self->n_rows;
}

/**
 * bp_count_cube_get_memory_size:
 * @self: a #BpCountCube
 *
 * Gives the bytes the cube holds, roughly: its rows, offsets, areas, names
 * and look-up table, without what malloc adds.
 *
 * Returns: the size in bytes
 */
gsize
bp_count_cube_get_memory_size (BpCountCube *self)
{
  gsize size;
  guint n_areas = 0;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), 0);

  size = sizeof *self + self->n_rows * 2 * sizeof (guint32);
  size += ((gsize)self->n_days * BP_N_AGE_BANDS + 1) * sizeof (guint32);
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    {
      n_areas += self->areas[l]->len;
      size += self->areas[l]->len * sizeof (CubeArea);
      size += self->areas[BP_AREA_LEVEL_SECTOR]->len * sizeof (guint);
    }

  /* The strings, and a hash table node of three words per area. */
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    for (guint i = 0; i < self->areas[l]->len; i++)
      {
        const CubeArea *area = get_area (self, l, i);

        size += strlen (area->code) + strlen (area->name_nl) + 2;
        size += area->name_fr ? strlen (area->name_fr) + 1 : 0;
      }
  size += n_areas * 3 * sizeof (gpointer);

  return size;
}

guint
bp_count_cube_get_n_areas (BpCountCube *self,
                           BpAreaLevel  level)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), 0);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, 0);

  return self->areas[level]->len;
}

/**
 * bp_count_cube_find_area:
 * @self: a #BpCountCube
 * @area_id: an area's id in the store
 * @level: (out) (optional): its level
 * @position: (out) (optional): its position among the areas of @level,
 *   which are sorted by code
 *
 * Returns: %FALSE when the cube has no area @area_id
 */
gboolean
bp_count_cube_find_area (BpCountCube *self,
                         gint64       area_id,
                         BpAreaLevel *level,
                         guint       *position)
{
  BpAreaLevel found_level;
  guint found_position;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), FALSE);

  if (!lookup_area (self, area_id, &found_level, &found_position))
    return FALSE;

  if (level)
    *level = found_level;
  if (position)
    *position = found_position;

  return TRUE;
}

/**
 * bp_count_cube_find_area_by_code:
 * @self: a #BpCountCube
 * @level: the level of the area
 * @code: its code, such as `44021` or `11001A00-`
 * @position: (out) (optional): its position among the areas of @level
 *
 * Returns: %FALSE when @level has no area @code
 */
gboolean
bp_count_cube_find_area_by_code (BpCountCube *self,
                                 BpAreaLevel  level,
                                 const char  *code,
                                 guint       *position)
{
  GArray *areas;
  guint lo = 0, hi;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), FALSE);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  /* SQLite sorted the codes with memcmp(), as strcmp() does. */
  areas = self->areas[level];
  hi = areas->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (g_array_index (areas, CubeArea, mid).code, code);

      if (cmp == 0)
        {
          if (position)
            *position = mid;
          return TRUE;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

gint64
bp_count_cube_get_area_id (BpCountCube *self,
                           BpAreaLevel  level,
                           guint        position)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), 0);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, 0);
  g_return_val_if_fail (position < self->areas[level]->len, 0);

  return get_area (self, level, position)->id;
}

const char *
bp_count_cube_get_area_code (BpCountCube *self,
                             BpAreaLevel  level,
                             guint        position)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), NULL);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);
  g_return_val_if_fail (position < self->areas[level]->len, NULL);

  return get_area (self, level, position)->code;
}

/**
 * bp_count_cube_get_area_name:
 * @self: a #BpCountCube
 * @level: the level of the area
 * @position: its position among the areas of @level
 *
 * Returns: (transfer none): the French name when the interface is in French
 *   and the area has one, else the Dutch name, as bp_area_get_display_name()
 */
const char *
bp_count_cube_get_area_name (BpCountCube *self,
                             BpAreaLevel  level,
                             guint        position)
{
  CubeArea *area;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), NULL);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);
  g_return_val_if_fail (position < self->areas[level]->len, NULL);

  area = get_area (self, level, position);
  if (area->name_fr != NULL && self->prefers_french)
    return area->name_fr;

  return area->name_nl;
}

/**
 * bp_count_cube_get_area_population:
 * @self: a #BpCountCube
 * @level: the level of the area
 * @position: its position among the areas of @level
 * @age_band: an age band, or -1 for all ages
 *
 * Gives the residents of an area, or of one of its age bands. For a band
 * this is the store's figure for the area (area_age_population); a
 * statistical sector without figures of its own, as Statbel publishes none,
 * gets its population times its municipality's share of the band, rounded
 * to the nearest person, as the map does. Other areas without figures
 * have 0 residents in a band.
 *
 * Returns: the number of residents
 */
gint64
bp_count_cube_get_area_population (BpCountCube *self,
                                   BpAreaLevel  level,
                                   guint        position,
                                   int          age_band)
{
  CubeArea *area;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), 0);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, 0);
  g_return_val_if_fail (position < self->areas[level]->len, 0);
  g_return_val_if_fail (age_band >= -1 && age_band < BP_N_AGE_BANDS, 0);

  area = get_area (self, level, position);
  return age_band < 0 ? area->population : area->population_by_band[age_band];
}

/**
 * bp_count_cube_get_area_ancestor:
 * @self: a #BpCountCube
 * @level: the level of the area
 * @position: its position among the areas of @level
 * @ancestor_level: a level at or above @level
 *
 * Follows the parents of an area up to @ancestor_level, such as the care
 * zone of a statistical sector. At @level itself that is the area.
 *
 * Returns: the position of the ancestor among the areas of
 *   @ancestor_level, or %BP_COUNT_CUBE_NO_AREA when there is none
 */
guint
bp_count_cube_get_area_ancestor (BpCountCube *self,
                                 BpAreaLevel  level,
                                 guint        position,
                                 BpAreaLevel  ancestor_level)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), BP_COUNT_CUBE_NO_AREA);
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, BP_COUNT_CUBE_NO_AREA);
  g_return_val_if_fail (position < self->areas[level]->len, BP_COUNT_CUBE_NO_AREA);
  g_return_val_if_fail (ancestor_level < BP_AREA_N_LEVELS, BP_COUNT_CUBE_NO_AREA);

  if (ancestor_level != level && !bp_area_level_contains (ancestor_level, level))
    return BP_COUNT_CUBE_NO_AREA;

  return get_area (self, level, position)->ancestors[ancestor_level];
}

/**
 * bp_count_cube_get_sector_ancestors:
 * @self: a #BpCountCube
 * @ancestor_level: a level
 *
 * Gives, for every statistical sector in the order of their positions, the
 * position of its ancestor at @ancestor_level, to roll up the sums of
 * bp_count_cube_sum_sectors().
 *
 * Returns: (transfer none) (array): one position per sector, or
 *   %BP_COUNT_CUBE_NO_AREA for a sector without an ancestor at that level
 */
const guint *
bp_count_cube_get_sector_ancestors (BpCountCube *self,
                                    BpAreaLevel  ancestor_level)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (self), NULL);
  g_return_val_if_fail (ancestor_level < BP_AREA_N_LEVELS, NULL);

  return self->sector_ancestors[ancestor_level];
}

/* Clamps [first_day, last_day] to the days of the cube, as day indices. */
static gboolean
clamp_days (BpCountCube *self,
            int          first_day,
            int          last_day,
            gsize       *first_index,
            gsize       *last_index)
{
  gint64 first = MAX ((gint64)first_day - self->first_day, 0);
  gint64 last = MIN ((gint64)last_day - self->first_day, (gint64)self->n_days - 1);

  if (first > last)
    return FALSE;

  *first_index = first;
  *last_index = last;
  return TRUE;
}

/* The loops for all sources test no row's source, as they did before
 * counts had one. */
static inline void
add_rows (BpCountCube        *self,
          gsize               start,
          gsize               end,
          BpCaseSourceFilter  sources,
          gint64             *n_cases,
          guint              *n_suppressed)
{
  const guint32 *sectors = self->row_sectors;
  const guint32 *counts = self->row_counts;

  if (sources == BP_CASE_SOURCE_FILTER_ALL)
    {
      if (n_suppressed)
        for (gsize r = start; r < end; r++)
          {
            n_cases[sectors[r]] += row_n_cases (counts[r]);
            n_suppressed[sectors[r]] += counts[r] & 1;
          }
      else
        for (gsize r = start; r < end; r++)
          n_cases[sectors[r]] += row_n_cases (counts[r]);
    }
  else
    for (gsize r = start; r < end; r++)
      if (row_in_filter (counts[r], sources))
        {
          n_cases[sectors[r]] += row_n_cases (counts[r]);
          if (n_suppressed)
            n_suppressed[sectors[r]] += counts[r] & 1;
        }
}

/**
 * bp_count_cube_sum_sectors:
 * @self: a #BpCountCube
 * @first_day: the first day of the window
 * @last_day: the last day of the window, included
 * @age_band: an age band, or -1 for all ages
 * @sources: the sources of the cases to count
 * @n_cases: (out caller-allocates) (array): one sum per statistical sector,
 *   in the order of the sectors' positions
 * @n_suppressed: (out caller-allocates) (array) (optional): per sector, the
 *   rows of the window that the source marked as suppressed
 *
 * Sums the cases of @sources of every sector over [@first_day, @last_day].
 * Days without counts, before the first or after the last, count 0. The
 * work is one pass over the rows of the window.
 */
void
bp_count_cube_sum_sectors (BpCountCube        *self,
                           int                 first_day,
                           int                 last_day,
                           int                 age_band,
                           BpCaseSourceFilter  sources,
                           gint64             *n_cases,
                           guint              *n_suppressed)
{
  guint n_sectors;
  gsize first, last;

  g_return_if_fail (BP_IS_COUNT_CUBE (self));
  g_return_if_fail (age_band >= -1 && age_band < BP_N_AGE_BANDS);
  g_return_if_fail (n_cases != NULL);

  n_sectors = self->areas[BP_AREA_LEVEL_SECTOR]->len;
  memset (n_cases, 0, n_sectors * sizeof (gint64));
  if (n_suppressed)
    memset (n_suppressed, 0, n_sectors * sizeof (guint));

  if (!clamp_days (self, first_day, last_day, &first, &last))
    return;

  /* All bands of consecutive days are one run of rows. */
  if (age_band < 0)
    add_rows (self, self->offsets[first * BP_N_AGE_BANDS], self->offsets[(last + 1) * BP_N_AGE_BANDS],
              sources, n_cases, n_suppressed);
  else
    for (gsize d = first; d <= last; d++)
      add_rows (self, self->offsets[d * BP_N_AGE_BANDS + age_band],
                self->offsets[d * BP_N_AGE_BANDS + age_band + 1], sources, n_cases, n_suppressed);
}

/**
 * bp_count_cube_sum_days:
 * @self: a #BpCountCube
 * @level: the level of an area
 * @position: its position among the areas of @level, or
 *   %BP_COUNT_CUBE_NO_AREA for all sectors
 * @age_band: an age band, or -1 for all ages
 * @sources: the sources of the cases to count
 * @first_day: the first day
 * @last_day: the last day, included
 * @n_cases: (out caller-allocates) (array): the cases of each day from
 *   @first_day to @last_day
 * @n_suppressed: (out caller-allocates) (array) (optional): per day, the
 *   rows the source marked as suppressed
 *
 * Gives the daily cases of @sources of an area, as for an epidemic curve,
 * or of all sectors together.
 */
void
bp_count_cube_sum_days (BpCountCube        *self,
                        BpAreaLevel         level,
                        guint               position,
                        int                 age_band,
                        BpCaseSourceFilter  sources,
                        int                 first_day,
                        int                 last_day,
                        gint64             *n_cases,
                        guint              *n_suppressed)
{
  const guint *ancestors;
  gsize first, last;
  gsize n_out;

  g_return_if_fail (BP_IS_COUNT_CUBE (self));
  g_return_if_fail (level < BP_AREA_N_LEVELS);
  g_return_if_fail (position == BP_COUNT_CUBE_NO_AREA || position < self->areas[level]->len);
  g_return_if_fail (age_band >= -1 && age_band < BP_N_AGE_BANDS);
  g_return_if_fail (first_day <= last_day);
  g_return_if_fail (n_cases != NULL);

  n_out = (gsize)((gint64)last_day - first_day + 1);
  memset (n_cases, 0, n_out * sizeof (gint64));
  if (n_suppressed)
    memset (n_suppressed, 0, n_out * sizeof (guint));

  if (!clamp_days (self, first_day, last_day, &first, &last))
    return;

  ancestors = self->sector_ancestors[level];
  for (gsize d = first; d <= last; d++)
    {
      gsize out = d + self->first_day - first_day;
      gsize start = self->offsets[d * BP_N_AGE_BANDS + (age_band < 0 ? 0 : age_band)];
      gsize end = self->offsets[d * BP_N_AGE_BANDS + (age_band < 0 ? BP_N_AGE_BANDS : age_band + 1)];

      for (gsize r = start; r < end; r++)
        {
          guint32 count = self->row_counts[r];

          if ((position != BP_COUNT_CUBE_NO_AREA && ancestors[self->row_sectors[r]] != position) ||
              (sources != BP_CASE_SOURCE_FILTER_ALL && !row_in_filter (count, sources)))
            continue;

          n_cases[out] += row_n_cases (count);
          if (n_suppressed)
            n_suppressed[out] += count & 1;
        }
    }
}

/**
 * bp_count_cube_sum_days_by_source:
 * @self: a #BpCountCube
 * @level: the level of an area
 * @position: its position among the areas of @level, or
 *   %BP_COUNT_CUBE_NO_AREA for all sectors
 * @age_band: an age band, or -1 for all ages
 * @first_day: the first day
 * @last_day: the last day, included
 * @n_cases: (out caller-allocates) (array): %BP_N_CASE_SOURCES runs of
 *   the days from @first_day to @last_day, one per #BpCaseSource in order
 * @n_suppressed: (out caller-allocates) (array) (optional): as @n_cases,
 *   the rows the source marked as suppressed
 *
 * Gives the daily cases of an area per source, as for an epidemic curve
 * stacked by source, in the one pass bp_count_cube_sum_days() takes.
 */
void
bp_count_cube_sum_days_by_source (BpCountCube *self,
                                  BpAreaLevel  level,
                                  guint        position,
                                  int          age_band,
                                  int          first_day,
                                  int          last_day,
                                  gint64      *n_cases,
                                  guint       *n_suppressed)
{
  const guint *ancestors;
  gsize first, last;
  gsize n_out;

  g_return_if_fail (BP_IS_COUNT_CUBE (self));
  g_return_if_fail (level < BP_AREA_N_LEVELS);
  g_return_if_fail (position == BP_COUNT_CUBE_NO_AREA || position < self->areas[level]->len);
  g_return_if_fail (age_band >= -1 && age_band < BP_N_AGE_BANDS);
  g_return_if_fail (first_day <= last_day);
  g_return_if_fail (n_cases != NULL);

  n_out = (gsize)((gint64)last_day - first_day + 1);
  memset (n_cases, 0, BP_N_CASE_SOURCES * n_out * sizeof (gint64));
  if (n_suppressed)
    memset (n_suppressed, 0, BP_N_CASE_SOURCES * n_out * sizeof (guint));

  if (!clamp_days (self, first_day, last_day, &first, &last))
    return;

  ancestors = self->sector_ancestors[level];
  for (gsize d = first; d <= last; d++)
    {
      gsize out = d + self->first_day - first_day;
      gsize start = self->offsets[d * BP_N_AGE_BANDS + (age_band < 0 ? 0 : age_band)];
      gsize end = self->offsets[d * BP_N_AGE_BANDS + (age_band < 0 ? BP_N_AGE_BANDS : age_band + 1)];

      /* One sum per source in registers, which the compiler can keep in
       * vectors for all sectors: adding into the arrays by each row's
       * source would make every row a store. */
      gint64 cases_0 = 0, cases_1 = 0, cases_2 = 0;
      guint suppressed_0 = 0, suppressed_1 = 0, suppressed_2 = 0;

      for (gsize r = start; r < end; r++)
        {
          guint32 count = self->row_counts[r];
          guint32 source = row_source (count);
          gint64 n = row_n_cases (count);

          if (position != BP_COUNT_CUBE_NO_AREA && ancestors[self->row_sectors[r]] != position)
            continue;

          cases_0 += source == 0 ? n : 0;
          cases_1 += source == 1 ? n : 0;
          cases_2 += source == 2 ? n : 0;
          suppressed_0 += source == 0 ? count & 1 : 0;
          suppressed_1 += source == 1 ? count & 1 : 0;
          suppressed_2 += source == 2 ? count & 1 : 0;
        }

      n_cases[out] = cases_0;
      n_cases[n_out + out] = cases_1;
      n_cases[2 * n_out + out] = cases_2;
      if (n_suppressed)
        {
          n_suppressed[out] = suppressed_0;
          n_suppressed[n_out + out] = suppressed_1;
          n_suppressed[2 * n_out + out] = suppressed_2;
        }
    }
}
