/* bp-indicators.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-indicators"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bp-day.h"
#include "bp-indicators.h"
#include "bp-store-private.h"

/* The mark of a hidden count. The same in Dutch and French, so it is not
 * translated. */
#define SUPPRESSED_TEXT "<5"

/* The largest count that is hidden when small counts are. */
#define MAX_SMALL_COUNT 4

/* Reference days this far from 1970 keep the windows' arithmetic within an
 * int; that is some 270,000 years either way. */
#define MAX_ABS_DAY 100000000

/**
 * BpIndicators:
 *
 * The indicators of the areas of one level at a reference day, as the
 * dashboard's tables, reports and `brandpunt-tool indicators` show them:
 * population, cases in the window, incidence per 100,000, the cases of the
 * window before and the change on it. Rows come in the order of the areas'
 * codes, with a total for the areas together. Immutable, so a worker
 * thread may build it and the main thread read it.
 */
struct _BpIndicators
{
  GObject           parent_instance;

  BpCountCube      *cube;   /* owns the codes and names of the rows */
  BpIndicatorQuery  query;
  GArray           *rows;   /* BpIndicatorRow */
  BpIndicatorRow    total;
};

G_DEFINE_FINAL_TYPE (BpIndicators, bp_indicators, G_TYPE_OBJECT)

/* The sums an indicator row is made from. */
typedef struct
{
  gint64 n_cases;
  gint64 n_cases_previous;
  guint  n_suppressed;           /* source rows marked suppressed, in the window */
  guint  n_suppressed_previous;
} WindowSums;

static gboolean
is_small (gint64 n_cases)
{
  return n_cases >= 1 && n_cases <= MAX_SMALL_COUNT;
}

/* Works the values of a row out of its sums. With suppress_small, a count
 * of 1 to 4, or one the source marked as suppressed, is hidden, and so is
 * every value it could be worked back from: the incidence of the window,
 * and the trend, which links the two windows. */
static void
fill_values (BpIndicatorRow   *row,
             const WindowSums *sums,
             gboolean          suppress_small)
{
  gboolean hide_cases = suppress_small && (is_small (sums->n_cases) || sums->n_suppressed > 0);
  gboolean hide_previous = suppress_small && (is_small (sums->n_cases_previous) || sums->n_suppressed_previous > 0);

  row->n_cases = sums->n_cases;
  row->n_cases_previous = sums->n_cases_previous;
  row->cases_flags = BP_VALUE_NONE;
  row->previous_flags = BP_VALUE_NONE;
  row->incidence_flags = BP_VALUE_NONE;
  row->trend_flags = BP_VALUE_NONE;

  if (row->population > 0)
    row->incidence_per_100k = (double)sums->n_cases * 100000.0 / (double)row->population;
  else
    {
      row->incidence_per_100k = NAN;
      row->incidence_flags |= BP_VALUE_NO_POPULATION;
    }

  if (sums->n_cases_previous != 0)
    row->trend_percent = (double)(sums->n_cases - sums->n_cases_previous) * 100.0 /
                         (double)sums->n_cases_previous;
  else
    {
      row->trend_percent = NAN;
      row->trend_flags |= BP_VALUE_NO_PREVIOUS;
    }

  if (hide_cases)
    {
      row->n_cases = BP_COUNT_SUPPRESSED;
      row->cases_flags |= BP_VALUE_SUPPRESSED;
      row->incidence_per_100k = NAN;
      row->incidence_flags |= BP_VALUE_SUPPRESSED;
    }

  if (hide_previous)
    {
      row->n_cases_previous = BP_COUNT_SUPPRESSED;
      row->previous_flags |= BP_VALUE_SUPPRESSED;
    }

  if (hide_cases || hide_previous)
    {
      row->trend_percent = NAN;
      row->trend_flags |= BP_VALUE_SUPPRESSED;
    }
}

static gboolean
check_window (int                  day,
              int                  window_days,
              int                  age_band,
              BpCaseSourceFilter   sources,
              GError             **error)
{
  if (day < -MAX_ABS_DAY || day > MAX_ABS_DAY)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Day %d lies too far from today to compute indicators for."), day);
      return FALSE;
    }

  if (window_days < 1 || window_days > BP_INDICATORS_MAX_WINDOW_DAYS)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("A window of %d days is not possible; it runs from 1 to %d days."),
                   window_days, BP_INDICATORS_MAX_WINDOW_DAYS);
      return FALSE;
    }

  if (age_band < -1 || age_band >= BP_N_AGE_BANDS)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Age band %d does not exist; bands run from 0 (0-9 years) to 8 (80 and over)."),
                   age_band);
      return FALSE;
    }

  if (sources == 0 || (sources & ~BP_CASE_SOURCE_FILTER_ALL) != 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("No source of cases is chosen, or one that does not exist."));
      return FALSE;
    }

  return TRUE;
}

/* Finds an area, or all of them for 0 (position BP_COUNT_CUBE_NO_AREA). */
static gboolean
find_scope (BpCountCube  *cube,
            gint64        area_id,
            BpAreaLevel  *level,
            guint        *position,
            GError      **error)
{
  if (area_id == 0)
    {
      *level = BP_AREA_LEVEL_REGION;
      *position = BP_COUNT_CUBE_NO_AREA;
      return TRUE;
    }

  if (!bp_count_cube_find_area (cube, area_id, level, position))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("Area %lld is not in the store."), (long long)area_id);
      return FALSE;
    }

  return TRUE;
}

/* The name, code and population of an area, or of all areas together:
 * the regions' residents. */
static void
fill_identity (BpIndicatorRow *row,
               BpCountCube    *cube,
               BpAreaLevel     level,
               guint           position,
               int             age_band)
{
  if (position == BP_COUNT_CUBE_NO_AREA)
    {
      row->area_id = 0;
      row->code = NULL;
      row->name = _("Flanders and Brussels");
      row->population = 0;
      for (guint i = 0; i < bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_REGION); i++)
        row->population += bp_count_cube_get_area_population (cube, BP_AREA_LEVEL_REGION, i, age_band);
      return;
    }

  row->area_id = bp_count_cube_get_area_id (cube, level, position);
  row->code = bp_count_cube_get_area_code (cube, level, position);
  row->name = bp_count_cube_get_area_name (cube, level, position);
  row->population = bp_count_cube_get_area_population (cube, level, position, age_band);
}

/* The first day of the n_days ending on day; check_window() keeps it
 * within an int. */
static int
window_start (int day,
              int n_days)
{
  return day - n_days + 1;
}

static void
query_data_free (gpointer data)
{
  g_free (data);
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BpCountCube *cube = source_object;
  const BpIndicatorQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  BpIndicators *indicators;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The cube is immutable, so this thread may read it beside others. */
  if (!(indicators = bp_indicators_compute (cube, query, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, indicators, g_object_unref);
}

static void
bp_indicators_finalize (GObject *object)
{
  BpIndicators *self = (BpIndicators *)object;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_object (&self->cube);

  G_OBJECT_CLASS (bp_indicators_parent_class)->finalize (object);
}

static void
bp_indicators_class_init (BpIndicatorsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_indicators_finalize;
}

static void
bp_indicators_init (BpIndicators *self)
{
}

/**
 * bp_format_count:
 * @n_cases: a count of cases, or %BP_COUNT_SUPPRESSED
 * @suppress_small: whether counts of 1 to 4 are hidden
 *
 * Writes a count as tables, exports and the interface show it: in digits
 * without grouping, or “<5” for a hidden count: %BP_COUNT_SUPPRESSED, or a
 * count of 1 to 4 when @suppress_small is set.
 *
 * Returns: (transfer full): the text
 */
char *
bp_format_count (gint64   n_cases,
                 gboolean suppress_small)
{
  if (n_cases == BP_COUNT_SUPPRESSED || (suppress_small && is_small (n_cases)))
    return g_strdup (SUPPRESSED_TEXT);

  return g_strdup_printf ("%" G_GINT64_FORMAT, n_cases);
}

/**
 * bp_indicator_query_init:
 * @query: (out caller-allocates): a query
 * @level: the level of the areas
 * @day: the reference day, the last of the window
 *
 * Sets @query to every area of @level at @day, over 14 days, all ages,
 * cases of every source, with every count shown.
 */
void
bp_indicator_query_init (BpIndicatorQuery *query,
                         BpAreaLevel       level,
                         int               day)
{
  g_return_if_fail (query != NULL);

  query->level = level;
  query->within_area_id = 0;
  query->day = day;
  query->window_days = 14;
  query->age_band = -1;
  query->sources = BP_CASE_SOURCE_FILTER_ALL;
  query->suppress_small = FALSE;
}

/**
 * bp_indicators_compute:
 * @cube: the counts
 * @query: what to compute
 * @error: return location for a #GError
 *
 * Computes the indicators of every area of @query's level, or of those
 * inside its `within_area_id` (the municipalities of a care zone, the
 * sectors of a municipality), in the order of their codes. Areas without
 * counts have rows too, with 0 cases.
 *
 * For a window of N days ending on day D:
 *
 * - cases: the cases of `sources` in [D - N + 1, D], and those of the N
 *   days before; counts without a recorded source count only when
 *   `sources` is %BP_CASE_SOURCE_FILTER_ALL;
 * - incidence: the cases per 100,000 residents (of the age band for one
 *   band; see bp_count_cube_get_area_population()), NaN with
 *   %BP_VALUE_NO_POPULATION when there are none;
 * - trend: the change on the window before, in percent, NaN with
 *   %BP_VALUE_NO_PREVIOUS when that had no cases.
 *
 * With `suppress_small`, a count of 1 to 4, or one that includes a count
 * the source marked as suppressed, is %BP_COUNT_SUPPRESSED and flagged
 * %BP_VALUE_SUPPRESSED, and so are the incidence and trend worked out from
 * it. Without it, every count is shown as the store holds it.
 *
 * This is one pass over the rows of the two windows and a roll-up of
 * the sectors: under a millisecond for every sector of Flanders and
 * Brussels, so the interface may call it on the main thread, though
 * bp_indicators_compute_async() is there too.
 *
 * Returns: (transfer full) (nullable): the indicators
 */
BpIndicators *
bp_indicators_compute (BpCountCube             *cube,
                       const BpIndicatorQuery  *query,
                       GError                 **error)
{
  g_autoptr(BpIndicators) self = NULL;
  g_autofree gint64 *sector_cases = NULL;
  g_autofree gint64 *sector_previous = NULL;
  g_autofree guint *sector_suppressed = NULL;
  g_autofree guint *sector_suppressed_previous = NULL;
  g_autofree WindowSums *area_sums = NULL;
  const guint *scope_of_sector;
  const guint *area_of_sector;
  BpAreaLevel level, scope_level;
  guint scope_position;
  guint n_sectors, n_areas;
  WindowSums total = { 0, };
  int day, window_days, age_band;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (cube), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->level < BP_AREA_N_LEVELS, NULL);

  level = query->level;
  day = query->day;
  window_days = query->window_days;
  age_band = query->age_band;

  if (!check_window (day, window_days, age_band, query->sources, error) ||
      !find_scope (cube, query->within_area_id, &scope_level, &scope_position, error))
    return NULL;

  if (scope_position != BP_COUNT_CUBE_NO_AREA && scope_level != level &&
      !bp_area_level_contains (scope_level, level))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Areas of the level “%1$s” do not lie inside an area of the level “%2$s”."),
                   bp_area_level_to_string (level), bp_area_level_to_string (scope_level));
      return NULL;
    }

  n_sectors = bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_SECTOR);
  n_areas = bp_count_cube_get_n_areas (cube, level);

  self = g_object_new (BP_TYPE_INDICATORS, NULL);
  self->cube = g_object_ref (cube);
  self->query = *query;
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (BpIndicatorRow), n_areas);
  sector_cases = g_new (gint64, MAX (n_sectors, 1));
  sector_previous = g_new (gint64, MAX (n_sectors, 1));
  sector_suppressed = g_new (guint, MAX (n_sectors, 1));
  sector_suppressed_previous = g_new (guint, MAX (n_sectors, 1));

  bp_count_cube_sum_sectors (cube, window_start (day, window_days), day, age_band, query->sources,
                             sector_cases, sector_suppressed);
  bp_count_cube_sum_sectors (cube, window_start (day, 2 * window_days), window_start (day, window_days) - 1,
                             age_band, query->sources, sector_previous, sector_suppressed_previous);

  /* Roll the sectors up to the level of the rows and to the scope. */
  area_sums = g_new0 (WindowSums, MAX (n_areas, 1));
  area_of_sector = bp_count_cube_get_sector_ancestors (cube, level);
  scope_of_sector = bp_count_cube_get_sector_ancestors (cube, scope_level);
  for (guint s = 0; s < n_sectors; s++)
    {
      guint a = area_of_sector[s];

      if (a != BP_COUNT_CUBE_NO_AREA)
        {
          area_sums[a].n_cases += sector_cases[s];
          area_sums[a].n_cases_previous += sector_previous[s];
          area_sums[a].n_suppressed += sector_suppressed[s];
          area_sums[a].n_suppressed_previous += sector_suppressed_previous[s];
        }

      if (scope_position == BP_COUNT_CUBE_NO_AREA || scope_of_sector[s] == scope_position)
        {
          total.n_cases += sector_cases[s];
          total.n_cases_previous += sector_previous[s];
          total.n_suppressed += sector_suppressed[s];
          total.n_suppressed_previous += sector_suppressed_previous[s];
        }
    }

  fill_identity (&self->total, cube, scope_level, scope_position, age_band);
  fill_values (&self->total, &total, query->suppress_small);

  for (guint a = 0; a < n_areas; a++)
    {
      BpIndicatorRow row;

      if (scope_position != BP_COUNT_CUBE_NO_AREA &&
          bp_count_cube_get_area_ancestor (cube, level, a, scope_level) != scope_position)
        continue;

      fill_identity (&row, cube, level, a, age_band);
      fill_values (&row, &area_sums[a], query->suppress_small);
      g_array_append_val (self->rows, row);
    }

  return g_steal_pointer (&self);
}

/**
 * bp_indicators_compute_async:
 * @cube: the counts
 * @query: what to compute; it is copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the indicators
 * @user_data: data for @callback
 *
 * Runs bp_indicators_compute() in a worker thread.
 */
void
bp_indicators_compute_async (BpCountCube            *cube,
                             const BpIndicatorQuery *query,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_COUNT_CUBE (cube));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (cube, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_indicators_compute_async);
  g_task_set_task_data (task, g_memdup2 (query, sizeof *query), query_data_free);
  g_task_run_in_thread (task, compute_worker);
}

/**
 * bp_indicators_compute_finish:
 * @cube: the counts
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the indicators
 */
BpIndicators *
bp_indicators_compute_finish (BpCountCube   *cube,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BP_IS_COUNT_CUBE (cube), NULL);
  g_return_val_if_fail (g_task_is_valid (result, cube), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sums the daily counts of an area into the windows of a row. */
static void
sum_window (const gint64 *n_cases,
            const guint  *n_suppressed,
            guint         n_days,
            guint         window_days,
            WindowSums   *sums)
{
  memset (sums, 0, sizeof *sums);
  for (guint i = 0; i < 2 * window_days; i++)
    {
      guint d = n_days - 1 - i;

      if (i < window_days)
        {
          sums->n_cases += n_cases[d];
          sums->n_suppressed += n_suppressed[d];
        }
      else
        {
          sums->n_cases_previous += n_cases[d];
          sums->n_suppressed_previous += n_suppressed[d];
        }
    }
}

/**
 * bp_indicators_compute_area:
 * @cube: the counts
 * @area_id: an area of any level, or 0 for all areas together
 * @day: the reference day, the last of the window
 * @window_days: the length of the window, 1 to 365
 * @age_band: an age band, or -1 for all ages
 * @sources: the sources of the cases to count
 * @suppress_small: whether counts of 1 to 4 are hidden
 * @row: (out caller-allocates): the indicators
 * @error: return location for a #GError
 *
 * Computes the indicators of one area, as bp_indicators_compute() does for
 * many. The population of all areas together is that of the regions.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_indicators_compute_area (BpCountCube         *cube,
                            gint64               area_id,
                            int                  day,
                            int                  window_days,
                            int                  age_band,
                            BpCaseSourceFilter   sources,
                            gboolean             suppress_small,
                            BpIndicatorRow      *row,
                            GError             **error)
{
  g_autofree gint64 *n_cases = NULL;
  g_autofree guint *n_suppressed = NULL;
  BpAreaLevel level;
  guint position;
  WindowSums sums;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (cube), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  if (!check_window (day, window_days, age_band, sources, error) ||
      !find_scope (cube, area_id, &level, &position, error))
    return FALSE;

  n_cases = g_new (gint64, 2 * window_days);
  n_suppressed = g_new (guint, 2 * window_days);
  bp_count_cube_sum_days (cube, level, position, age_band, sources,
                          window_start (day, 2 * window_days), window_start (day, 2 * window_days) + 2 * window_days - 1,
                          n_cases, n_suppressed);
  sum_window (n_cases, n_suppressed, 2 * window_days, window_days, &sums);

  fill_identity (row, cube, level, position, age_band);
  fill_values (row, &sums, suppress_small);

  return TRUE;
}

/**
 * bp_indicators_compute_summary:
 * @cube: the counts
 * @area_id: an area of any level, or 0 for all areas together
 * @day: the reference day
 * @age_band: an age band, or -1 for all ages
 * @sources: the sources of the cases to count
 * @suppress_small: whether counts of 1 to 4 are hidden
 * @summary: (out caller-allocates): the key figures
 * @error: return location for a #GError
 *
 * Computes the key figures of the dashboard for an area: windows of 1, 7
 * and 14 days ending on @day, each with the window before, as
 * bp_indicators_compute_area() would, and the cases of each window split
 * by source, in one pass over 28 days of counts.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_indicators_compute_summary (BpCountCube         *cube,
                               gint64               area_id,
                               int                  day,
                               int                  age_band,
                               BpCaseSourceFilter   sources,
                               gboolean             suppress_small,
                               BpIndicatorSummary  *summary,
                               GError             **error)
{
  static const int windows[] = { 1, 7, 14 };
  gint64 by_source[BP_N_CASE_SOURCES * 28];
  guint suppressed_by_source[BP_N_CASE_SOURCES * 28];
  gint64 n_cases[28] = { 0, };
  guint n_suppressed[28] = { 0, };
  BpIndicatorRow *rows[G_N_ELEMENTS (windows)];
  gint64 *splits[G_N_ELEMENTS (windows)];
  BpAreaLevel level;
  guint position;

  g_return_val_if_fail (BP_IS_COUNT_CUBE (cube), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!check_window (day, 1, age_band, sources, error) ||
      !find_scope (cube, area_id, &level, &position, error))
    return FALSE;

  bp_count_cube_sum_days_by_source (cube, level, position, age_band,
                                    window_start (day, 28), window_start (day, 28) + 27,
                                    by_source, suppressed_by_source);
  for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
    if ((sources >> s) & 1)
      for (guint d = 0; d < 28; d++)
        {
          n_cases[d] += by_source[s * 28 + d];
          n_suppressed[d] += suppressed_by_source[s * 28 + d];
        }

  fill_identity (&summary->last_day, cube, level, position, age_band);
  summary->last_7_days = summary->last_day;
  summary->last_14_days = summary->last_day;

  rows[0] = &summary->last_day;
  rows[1] = &summary->last_7_days;
  rows[2] = &summary->last_14_days;
  splits[0] = summary->last_day_by_source;
  splits[1] = summary->last_7_days_by_source;
  splits[2] = summary->last_14_days_by_source;
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      WindowSums sums;
      gboolean hide_split;

      sum_window (n_cases, n_suppressed, 28, windows[w], &sums);
      fill_values (rows[w], &sums, suppress_small);

      /* A hidden window hides its split, and so does a hidden source:
       * the others would give it away by difference. */
      hide_split = rows[w]->cases_flags & BP_VALUE_SUPPRESSED;
      for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
        {
          WindowSums source_sums;

          splits[w][s] = 0;
          if (!((sources >> s) & 1))
            continue;

          sum_window (&by_source[s * 28], &suppressed_by_source[s * 28], 28, windows[w], &source_sums);
          splits[w][s] = source_sums.n_cases;
          hide_split |= suppress_small && (is_small (source_sums.n_cases) || source_sums.n_suppressed > 0);
        }

      for (guint s = 0; hide_split && s < BP_N_CASE_SOURCES; s++)
        if ((sources >> s) & 1)
          splits[w][s] = BP_COUNT_SUPPRESSED;
    }

  return TRUE;
}

const BpIndicatorQuery *
bp_indicators_get_query (BpIndicators *self)
{
  g_return_val_if_fail (BP_IS_INDICATORS (self), NULL);

  return &self->query;
}

/**
 * bp_indicators_get_cube:
 * @self: a #BpIndicators
 *
 * Returns: (transfer none): the counts the indicators were computed from
 */
BpCountCube *
bp_indicators_get_cube (BpIndicators *self)
{
  g_return_val_if_fail (BP_IS_INDICATORS (self), NULL);

  return self->cube;
}

guint
bp_indicators_get_n_rows (BpIndicators *self)
{
  g_return_val_if_fail (BP_IS_INDICATORS (self), 0);

  return self->rows->len;
}

/**
 * bp_indicators_get_row:
 * @self: a #BpIndicators
 * @position: a row, from 0 to the number of rows - 1
 *
 * Returns: (transfer none): the indicators of one area
 */
const BpIndicatorRow *
bp_indicators_get_row (BpIndicators *self,
                       guint         position)
{
  g_return_val_if_fail (BP_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return &g_array_index (self->rows, BpIndicatorRow, position);
}

/**
 * bp_indicators_get_total:
 * @self: a #BpIndicators
 *
 * Gives the indicators of the scope together: the area the rows lie
 * within, or all areas (area id 0, the population of the regions).
 *
 * Returns: (transfer none): the total
 */
const BpIndicatorRow *
bp_indicators_get_total (BpIndicators *self)
{
  g_return_val_if_fail (BP_IS_INDICATORS (self), NULL);

  return &self->total;
}

/* RFC 4180: a field with a comma, quote or line break goes in quotes, with
 * its quotes doubled. */
static void
append_csv_text (GString    *out,
                 const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_count (GString *out,
                  gint64   n_cases)
{
  if (n_cases == BP_COUNT_SUPPRESSED)
    g_string_append (out, SUPPRESSED_TEXT);
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, n_cases);
}

static void
append_csv_value (GString *out,
                  double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

/**
 * bp_indicators_dup_csv:
 * @self: a #BpIndicators
 *
 * Writes the rows as CSV (RFC 4180, with a header line and `\n` line ends)
 * in these columns:
 *
 * 1. `code`: the area's code;
 * 2. `name`: its name, as bp_count_cube_get_area_name() gives it;
 * 3. `population`: its residents, of the age band for one band;
 * 4. `cases`: the cases in the window;
 * 5. `incidence_per_100k`: those per 100,000 residents, with two decimals;
 * 6. `previous_cases`: the cases in the window before;
 * 7. `trend_percent`: the change on the window before, with two decimals.
 *
 * A hidden count is written “<5”; a value that is missing or hidden is
 * left empty. Numbers have a decimal point whatever the locale.
 *
 * Returns: (transfer full): the CSV text
 */
char *
bp_indicators_dup_csv (BpIndicators *self)
{
  GString *out;

  g_return_val_if_fail (BP_IS_INDICATORS (self), NULL);

  out = g_string_sized_new (64 + self->rows->len * 64);
  g_string_append (out, "code,name,population,cases,incidence_per_100k,previous_cases,trend_percent\n");
  for (guint i = 0; i < self->rows->len; i++)
    {
      const BpIndicatorRow *row = &g_array_index (self->rows, BpIndicatorRow, i);

      append_csv_text (out, row->code);
      g_string_append_c (out, ',');
      append_csv_text (out, row->name);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",", row->population);
      append_csv_count (out, row->n_cases);
      g_string_append_c (out, ',');
      append_csv_value (out, row->incidence_per_100k);
      g_string_append_c (out, ',');
      append_csv_count (out, row->n_cases_previous);
      g_string_append_c (out, ',');
      append_csv_value (out, row->trend_percent);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static gboolean
write_all (int          fd,
           GString     *buffer,
           const char  *path,
           GError     **error)
{
  gsize done = 0;

  while (done < buffer->len)
    {
      gssize n = write (fd, buffer->str + done, buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write “%s”: %s. Nothing was saved."), path, g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }

  g_string_truncate (buffer, 0);
  return TRUE;
}

static gboolean
write_counts (BpStore      *store,
              int           fd,
              const char   *path,
              gboolean      suppress_small,
              gint64       *n_rows,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (1 << 20);
  char date[16] = "";
  int current_day = 0;
  gboolean have_day = FALSE;
  int rc;

  /* By date, then sector code, age band and source, as a person reads it. */
  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT c.day, coalesce (a.code, c.sector_id), c.age_band, c.n_cases, c.is_suppressed,"
                                  "       c.source"
                                  " FROM case_count c LEFT JOIN area a ON a.id = c.sector_id"
                                  " ORDER BY c.day, 2, c.age_band, c.source",
                                  error)))
    return FALSE;

  g_string_append (buffer, "date,sector,age_band,source,count,suppressed\n");
  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = sqlite3_column_int (stmt, 0);
      gint64 n_cases = sqlite3_column_int64 (stmt, 3);
      gboolean is_suppressed = sqlite3_column_int (stmt, 4) != 0;
      int source = sqlite3_column_int (stmt, 5);

      if (!have_day || day != current_day)
        {
          g_autofree char *iso = bp_day_to_iso (day);

          g_strlcpy (date, iso, sizeof date);
          current_day = day;
          have_day = TRUE;
        }

      g_string_append (buffer, date);
      g_string_append_c (buffer, ',');
      append_csv_text (buffer, (const char *)sqlite3_column_text (stmt, 1));
      g_string_append_printf (buffer, ",%d,%s,", sqlite3_column_int (stmt, 2),
                              bp_case_source_to_string (CLAMP (source, 0, BP_N_CASE_SOURCES - 1)));
      if (suppress_small && (is_suppressed || is_small (n_cases)))
        g_string_append (buffer, SUPPRESSED_TEXT ",1\n");
      else
        g_string_append_printf (buffer, "%" G_GINT64_FORMAT ",%d\n", n_cases, is_suppressed);

      (*n_rows)++;
      if (buffer->len >= (1 << 20) - 256 && !write_all (fd, buffer, path, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  return write_all (fd, buffer, path, error);
}

static gboolean
fail_export (const char  *temp_path,
             const char  *path,
             int          saved_errno,
             GError     **error)
{
  g_unlink (temp_path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s. Nothing was saved."), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * bp_store_export_counts:
 * @store: a #BpStore
 * @path: the CSV file to write
 * @suppress_small: whether to hide counts of 1 to 4
 * @n_rows: (out) (optional): the rows written, without the header
 * @error: return location for a #GError
 *
 * Writes every row of the case counts as CSV, sorted by date, sector code,
 * age band and source, in the columns `date` (YYYY-MM-DD), `sector` (its
 * code), `age_band` (0 to 8), `source` (`confirmed`, `clinical`, or
 * `unrecorded` for counts an older store held without one), `count` and
 * `suppressed` (1 when the source marked the count as suppressed). A
 * sector, band and day has a row per source with cases. With @suppress_small, a count of 1 to 4 or one
 * the source marked is written “<5”, with `suppressed` 1.
 *
 * The file is written beside @path under a temporary name and renamed when
 * it is complete, so a failure leaves no part of a file, and an earlier
 * file at @path stays as it was.
 *
 * Returns: %TRUE when the file is written
 */
gboolean
bp_store_export_counts (BpStore     *store,
                        const char  *path,
                        gboolean     suppress_small,
                        gint64      *n_rows,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  gint64 n_written = 0;
  int saved_errno;
  int fd;

  g_return_val_if_fail (BP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  if ((fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666)) < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s. Nothing was saved."), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_counts (store, fd, path, suppress_small, &n_written, error))
    {
      close (fd);
      g_unlink (temp_path);
      return FALSE;
    }

  /* The data reaches the disk before the name does, so a crash leaves
   * either the old file or the whole new one. */
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      return fail_export (temp_path, path, saved_errno, error);
    }

  if (close (fd) != 0 || g_rename (temp_path, path) != 0)
    return fail_export (temp_path, path, errno, error);

  if (n_rows)
    *n_rows = n_written;

  return TRUE;
}
