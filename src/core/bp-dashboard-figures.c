/* bp-dashboard-figures.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-dashboard-figures"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-alert-rules.h"
#include "bp-dashboard-figures.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"
#include "bp-store-private.h"

/* Days a nursing home's signal counts for the key figure. */
#define SIGNAL_WINDOW_DAYS 14
/* The age chart compares two periods of this length. */
#define AGE_PERIOD_DAYS 14

/**
 * BpDashboardFigures:
 *
 * Everything the dashboard shows for one area at one reference day, for
 * the cases of the chosen sources: the key figures with their split by
 * source, the daily counts for the epidemic curve (all ages, per band, and
 * per source to stack the bars), the age distribution, the ranking of the sub-areas and sectors,
 * the alerts and the open clusters. The report and the presentation mode
 * show the same object, so that they never disagree with the page.
 *
 * Counts come from a [class@CountCube]; alerts, clusters and nursing homes
 * from the store. Immutable once computed.
 */
struct _BpDashboardFigures
{
  GObject             parent_instance;

  BpArea             *area;
  int                 day;
  gboolean            suppress_small;
  BpCaseSourceFilter  sources;
  int                 last_seen_day;
  int                 data_first_day;
  int                 data_last_day;
  gboolean            has_data;

  BpIndicatorSummary  summary;
  BpIndicatorRow      row_14;
  guint               n_sectors;
  guint               n_sectors_above;
  double              threshold;
  guint               n_signalling_homes;
  GPtrArray          *open_clusters;   /* JsonObject */

  int                 curve_first_day;
  guint               curve_n_days;
  gint64             *daily[BP_N_AGE_BANDS + 1]; /* [0] all ages, [1 + band] */
  gint64             *daily_by_source[BP_N_CASE_SOURCES]; /* all ages */

  gint64              age_current[BP_N_AGE_BANDS];
  gint64              age_previous[BP_N_AGE_BANDS];
  gint64              age_population[BP_N_AGE_BANDS];

  BpIndicators       *children;
  BpIndicators       *sectors;
  GListModel         *alerts;
};

G_DEFINE_FINAL_TYPE (BpDashboardFigures, bp_dashboard_figures, G_TYPE_OBJECT)

static void
bp_dashboard_figures_finalize (GObject *object)
{
  BpDashboardFigures *self = (BpDashboardFigures *)object;

  g_clear_object (&self->area);
  g_clear_pointer (&self->open_clusters, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->daily); i++)
    g_clear_pointer (&self->daily[i], g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->daily_by_source); i++)
    g_clear_pointer (&self->daily_by_source[i], g_free);
  g_clear_object (&self->children);
  g_clear_object (&self->sectors);
  g_clear_object (&self->alerts);

  G_OBJECT_CLASS (bp_dashboard_figures_parent_class)->finalize (object);
}

static void
bp_dashboard_figures_class_init (BpDashboardFiguresClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_dashboard_figures_finalize;
}

static void
bp_dashboard_figures_init (BpDashboardFigures *self)
{
  self->threshold = BP_DASHBOARD_DEFAULT_SECTOR_THRESHOLD;
}

/* Whether a sector with code @sector_code lies in the scope. */
static gboolean
sector_in_scope (BpCountCube *cube,
                 const char  *sector_code,
                 BpAreaLevel  scope_level,
                 guint        scope_position)
{
  guint position;

  if (sector_code == NULL ||
      !bp_count_cube_find_area_by_code (cube, BP_AREA_LEVEL_SECTOR, sector_code, &position))
    return FALSE;

  return bp_count_cube_get_area_ancestor (cube, BP_AREA_LEVEL_SECTOR, position, scope_level) == scope_position;
}

/* The areas the ranking lists for a scope: one level down, through the
 * neighbourhoods when the store has them. */
static BpAreaLevel
ranking_level (BpCountCube *cube,
               BpAreaLevel  scope_level)
{
  const BpAreaLevel *levels = bp_area_levels_in_rank_order ();

  for (guint rank = bp_area_level_get_rank (scope_level) + 1; rank < BP_AREA_N_LEVELS; rank++)
    if (levels[rank] != BP_AREA_LEVEL_WIJK || bp_count_cube_get_n_areas (cube, BP_AREA_LEVEL_WIJK) > 0)
      return levels[rank];

  return BP_AREA_LEVEL_SECTOR;
}

static gboolean
compute_indicators (BpDashboardFigures  *self,
                    BpCountCube         *cube,
                    BpAreaLevel          scope_level,
                    GError             **error)
{
  BpIndicatorQuery query;
  gint64 area_id = bp_area_get_id (self->area);

  if (!bp_indicators_compute_summary (cube, area_id, self->day, -1, self->sources, self->suppress_small,
                                      &self->summary, error) ||
      !bp_indicators_compute_area (cube, area_id, self->day, 14, -1, self->sources, self->suppress_small,
                                   &self->row_14, error))
    return FALSE;

  /* The ranking: the areas one level down, and all sectors of the scope. */
  bp_indicator_query_init (&query, ranking_level (cube, scope_level), self->day);
  query.within_area_id = area_id;
  query.window_days = 14;
  query.sources = self->sources;
  query.suppress_small = self->suppress_small;
  if (!(self->children = bp_indicators_compute (cube, &query, error)))
    return FALSE;

  query.level = BP_AREA_LEVEL_SECTOR;
  if (!(self->sectors = bp_indicators_compute (cube, &query, error)))
    return FALSE;

  self->n_sectors = bp_indicators_get_n_rows (self->sectors);
  for (guint i = 0; i < self->n_sectors; i++)
    {
      const BpIndicatorRow *row = bp_indicators_get_row (self->sectors, i);

      /* A hidden value is not counted: the card must agree with the map. */
      if (row->incidence_flags == BP_VALUE_NONE && row->incidence_per_100k >= self->threshold)
        self->n_sectors_above++;
    }

  return TRUE;
}

static void
compute_curve (BpDashboardFigures *self,
               BpCountCube        *cube,
               BpAreaLevel         scope_level,
               guint               scope_position)
{
  g_autofree gint64 *by_source = NULL;
  int first_day = self->day - BP_DASHBOARD_MAX_CURVE_DAYS + 1;

  /* No bars before the first count: the curve starts with the data. */
  if (self->has_data)
    first_day = MAX (first_day, self->data_first_day);
  first_day = MIN (first_day, self->day);

  self->curve_first_day = first_day;
  self->curve_n_days = self->day - first_day + 1;

  /* All ages is the sum of the bands, and a band the sum of its sources:
   * one pass over the rows of each band gives them all. */
  by_source = g_new (gint64, (gsize)BP_N_CASE_SOURCES * self->curve_n_days);
  self->daily[0] = g_new0 (gint64, self->curve_n_days);
  for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
    self->daily_by_source[s] = g_new0 (gint64, self->curve_n_days);
  for (int band = 0; band < BP_N_AGE_BANDS; band++)
    {
      gint64 *counts = g_new0 (gint64, self->curve_n_days);

      bp_count_cube_sum_days_by_source (cube, scope_level, scope_position, band, first_day, self->day,
                                        by_source, NULL);
      for (guint s = 0; s < BP_N_CASE_SOURCES; s++)
        {
          const gint64 *of_source = &by_source[s * self->curve_n_days];

          if (!((self->sources >> s) & 1))
            continue;

          for (guint i = 0; i < self->curve_n_days; i++)
            {
              counts[i] += of_source[i];
              self->daily_by_source[s][i] += of_source[i];
            }
        }
      for (guint i = 0; i < self->curve_n_days; i++)
        self->daily[0][i] += counts[i];
      self->daily[band + 1] = counts;
    }
}

static gboolean
compute_ages (BpDashboardFigures  *self,
              BpCountCube         *cube,
              BpAreaLevel          scope_level,
              guint                scope_position,
              GError             **error)
{
  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      BpIndicatorRow row;

      if (!bp_indicators_compute_area (cube, bp_area_get_id (self->area), self->day, AGE_PERIOD_DAYS, band,
                                       self->sources, self->suppress_small, &row, error))
        return FALSE;

      self->age_current[band] = row.cases_flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : row.n_cases;
      self->age_previous[band] = row.previous_flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : row.n_cases_previous;
      self->age_population[band] = row.population;
    }

  return TRUE;
}

/* The nursing homes of the scope that reported a signal in the window.
 * A handful of homes have signals: find them first and place them through
 * the cube, rather than list the thousands of sectors of a region in SQL. */
static gboolean
count_signalling_homes (BpDashboardFigures  *self,
                        BpStore             *store,
                        BpCountCube         *cube,
                        BpAreaLevel          scope_level,
                        guint                scope_position,
                        GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT h.sector_id FROM nursing_home h"
                                  " WHERE EXISTS (SELECT 1 FROM nursing_home_signal s"
                                  "               WHERE s.nursing_home_id = h.id"
                                  "                 AND s.day > ?1 - ?2 AND s.day <= ?1"
                                  "                 AND s.n_residents + s.n_staff > 0)",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, self->day);
  sqlite3_bind_int (stmt, 2, SIGNAL_WINDOW_DAYS);
  self->n_signalling_homes = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BpAreaLevel level;
      guint position;

      if (bp_count_cube_find_area (cube, sqlite3_column_int64 (stmt, 0), &level, &position) &&
          level == BP_AREA_LEVEL_SECTOR &&
          bp_count_cube_get_area_ancestor (cube, level, position, scope_level) == scope_position)
        self->n_signalling_homes++;
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
compute_store_figures (BpDashboardFigures  *self,
                       BpStore             *store,
                       BpCountCube         *cube,
                       BpAreaLevel          scope_level,
                       guint                scope_position,
                       GError             **error)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(BpAlertRules) rules = NULL;
  g_autoptr(GError) rules_error = NULL;

  if (!count_signalling_homes (self, store, cube, scope_level, scope_position, error))
    return FALSE;

  if (!(clusters = bp_store_list_documents_by_type (store, "cluster", error)))
    return FALSE;

  self->open_clusters = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < clusters->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (cluster, "status", ""), "open") == 0 &&
          sector_in_scope (cube, json_object_get_string_member_with_default (cluster, "sector_code", NULL),
                           scope_level, scope_position))
        g_ptr_array_add (self->open_clusters, json_object_ref (cluster));
    }

  if (self->last_seen_day == BP_DASHBOARD_SKIP_ALERTS)
    {
      self->alerts = G_LIST_MODEL (g_list_store_new (BP_TYPE_ALERT));
      return TRUE;
    }

  /* Without a rules file the dashboard still shows its figures; the alerts
   * list then says why it is empty. */
  if (!(rules = bp_alert_rules_new_default (&rules_error)))
    {
      g_warning ("No alert rules: %s", rules_error->message);
      self->alerts = G_LIST_MODEL (g_list_store_new (BP_TYPE_ALERT));
      return TRUE;
    }

  self->alerts = bp_alert_rules_list_alerts (rules, store, bp_area_get_id (self->area), self->day,
                                             self->last_seen_day, error);
  return self->alerts != NULL;
}

/**
 * bp_dashboard_figures_compute:
 * @store: the store
 * @cube: the counts of @store
 * @area: the scope: a region, province, care zone or municipality
 * @day: the reference day
 * @suppress_small: whether counts of 1 to 4 are hidden, for users without
 *   medical access
 * @sources: the sources of the cases the figures count; the curve by
 *   source has the days of each of them
 * @last_seen_day: the reference day of the user's last visit: alerts that
 *   began after it are new; or %BP_DASHBOARD_SKIP_ALERTS to leave them out
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the figures
 */
BpDashboardFigures *
bp_dashboard_figures_compute (BpStore             *store,
                              BpCountCube         *cube,
                              BpArea              *area,
                              int                  day,
                              gboolean             suppress_small,
                              BpCaseSourceFilter   sources,
                              int                  last_seen_day,
                              GError             **error)
{
  g_autoptr(BpDashboardFigures) self = NULL;
  BpAreaLevel scope_level;
  guint scope_position;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (BP_IS_STORE (store), NULL);
  g_return_val_if_fail (BP_IS_COUNT_CUBE (cube), NULL);
  g_return_val_if_fail (BP_IS_AREA (area), NULL);

  if (!bp_count_cube_find_area (cube, bp_area_get_id (area), &scope_level, &scope_position))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("The area “%s” is not in the store."), bp_area_get_display_name (area));
      return NULL;
    }

  self = g_object_new (BP_TYPE_DASHBOARD_FIGURES, NULL);
  self->area = g_object_ref (area);
  self->day = day;
  self->suppress_small = suppress_small;
  self->sources = sources;
  self->last_seen_day = last_seen_day;
  self->has_data = bp_count_cube_get_day_range (cube, &self->data_first_day, &self->data_last_day);

#define LAP(what) g_debug ("%s: %.1f ms", what, (g_get_monotonic_time () - started) / 1000.0)
  if (!compute_indicators (self, cube, scope_level, error))
    return NULL;
  LAP ("indicators");
  if (!compute_ages (self, cube, scope_level, scope_position, error))
    return NULL;
  LAP ("ages");
  if (!compute_store_figures (self, store, cube, scope_level, scope_position, error))
    return NULL;
  LAP ("alerts, clusters, nursing homes");
  compute_curve (self, cube, scope_level, scope_position);
  LAP ("curve");
#undef LAP

  return g_steal_pointer (&self);
}

typedef struct
{
  char        *path;
  BpCountCube *cube;
  BpArea      *area;
  int          day;
  gboolean            suppress_small;
  BpCaseSourceFilter  sources;
  int                 last_seen_day;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  g_free (compute->path);
  g_clear_object (&compute->cube);
  g_clear_object (&compute->area);
  g_free (compute);
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BpDashboardFigures *figures;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own: SQLite handles are not shared between threads. */
  if (!(store = bp_store_open (data->path, &error)) ||
      !(figures = bp_dashboard_figures_compute (store, data->cube, data->area, data->day,
                                                data->suppress_small, data->sources, data->last_seen_day,
                                                &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, figures, g_object_unref);
}

/**
 * bp_dashboard_figures_compute_async:
 *
 * Runs bp_dashboard_figures_compute() in a worker thread, on a connection
 * of its own to the store's file.
 */
void
bp_dashboard_figures_compute_async (BpStore             *store,
                                    BpCountCube         *cube,
                                    BpArea              *area,
                                    int                  day,
                                    gboolean             suppress_small,
                                    BpCaseSourceFilter   sources,
                                    int                  last_seen_day,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (BP_IS_COUNT_CUBE (cube));
  g_return_if_fail (BP_IS_AREA (area));

  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (bp_store_get_path (store));
  data->cube = g_object_ref (cube);
  data->area = g_object_ref (area);
  data->day = day;
  data->suppress_small = suppress_small;
  data->sources = sources;
  data->last_seen_day = last_seen_day;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_dashboard_figures_compute_async);
  g_task_set_task_data (task, data, compute_data_free);
  g_task_run_in_thread (task, compute_worker);
}

BpDashboardFigures *
bp_dashboard_figures_compute_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

BpArea *
bp_dashboard_figures_get_area (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);

  return self->area;
}

int
bp_dashboard_figures_get_day (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  return self->day;
}

gboolean
bp_dashboard_figures_get_small_suppressed (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), FALSE);

  return self->suppress_small;
}

BpCaseSourceFilter
bp_dashboard_figures_get_sources (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), BP_CASE_SOURCE_FILTER_ALL);

  return self->sources;
}

/**
 * bp_dashboard_figures_get_cases_by_source:
 * @self: a #BpDashboardFigures
 * @window_days: 1, 7 or 14
 * @source: a source of cases
 *
 * Gives the cases of one source in the last @window_days days, for the
 * split of a key figure. The sources of the figures add up to
 * bp_dashboard_figures_get_cases().
 *
 * Returns: the cases, 0 for a source the figures leave out, or
 *   %BP_COUNT_SUPPRESSED when the split must be shown as "<5"
 */
gint64
bp_dashboard_figures_get_cases_by_source (BpDashboardFigures *self,
                                          int                 window_days,
                                          BpCaseSource        source)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);
  g_return_val_if_fail (source < BP_N_CASE_SOURCES, 0);

  switch (window_days)
    {
    case 1:
      return self->summary.last_day_by_source[source];
    case 7:
      return self->summary.last_7_days_by_source[source];
    case 14:
      return self->summary.last_14_days_by_source[source];
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * bp_dashboard_figures_get_data_range:
 * @self: a #BpDashboardFigures
 * @first_day: (out) (optional): the first day with counts in the store
 * @last_day: (out) (optional): the last day with counts, how fresh the data is
 *
 * Returns: %FALSE when the store holds no counts
 */
gboolean
bp_dashboard_figures_get_data_range (BpDashboardFigures *self,
                                     int                *first_day,
                                     int                *last_day)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), FALSE);

  if (first_day)
    *first_day = self->data_first_day;
  if (last_day)
    *last_day = self->data_last_day;
  return self->has_data;
}

const BpIndicatorSummary *
bp_dashboard_figures_get_summary (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);

  return &self->summary;
}

gint64
bp_dashboard_figures_get_population (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  return self->row_14.population;
}

static const BpIndicatorRow *
window_row (BpDashboardFigures *self,
            int                 window_days)
{
  switch (window_days)
    {
    case 1:
      return &self->summary.last_day;
    case 7:
      return &self->summary.last_7_days;
    case 14:
      return &self->summary.last_14_days;
    default:
      g_return_val_if_reached (&self->summary.last_14_days);
    }
}

/**
 * bp_dashboard_figures_get_cases:
 * @self: a #BpDashboardFigures
 * @window_days: 1, 7 or 14
 *
 * Returns: the cases of the last @window_days days, or
 *   %BP_COUNT_SUPPRESSED when the count must be shown as "<5"
 */
gint64
bp_dashboard_figures_get_cases (BpDashboardFigures *self,
                                int                 window_days)
{
  const BpIndicatorRow *row;

  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  row = window_row (self, window_days);
  return row->cases_flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : row->n_cases;
}

/**
 * bp_dashboard_figures_get_previous_cases:
 * @self: a #BpDashboardFigures
 * @window_days: 1, 7 or 14
 *
 * Returns: the cases of the @window_days days before the last ones, or
 *   %BP_COUNT_SUPPRESSED
 */
gint64
bp_dashboard_figures_get_previous_cases (BpDashboardFigures *self,
                                         int                 window_days)
{
  const BpIndicatorRow *row;

  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  row = window_row (self, window_days);
  return row->previous_flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : row->n_cases_previous;
}

/**
 * bp_dashboard_figures_get_incidence:
 * @self: a #BpDashboardFigures
 * @window_days: 1, 7 or 14
 *
 * Returns: cases per 100,000 residents in the window; NaN when hidden or
 *   without population
 */
double
bp_dashboard_figures_get_incidence (BpDashboardFigures *self,
                                    int                 window_days)
{
  const BpIndicatorRow *row;

  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NAN);

  row = window_row (self, window_days);
  return row->incidence_flags != BP_VALUE_NONE ? NAN : row->incidence_per_100k;
}

/**
 * bp_dashboard_figures_get_change:
 * @self: a #BpDashboardFigures
 *
 * Returns: the change of the last 7 days on the 7 before, in percent; NaN
 *   when hidden or when the 7 before had no cases
 */
double
bp_dashboard_figures_get_change (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NAN);

  return self->summary.last_7_days.trend_flags != BP_VALUE_NONE ? NAN : self->summary.last_7_days.trend_percent;
}

guint
bp_dashboard_figures_get_n_sectors (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  return self->n_sectors;
}

/**
 * bp_dashboard_figures_get_n_sectors_above:
 * @self: a #BpDashboardFigures
 * @threshold: (out) (optional): the 14-day incidence per 100,000 it counts from
 *
 * Returns: the sectors of the scope whose 14-day incidence is at or above
 *   the threshold; hidden values are not counted
 */
guint
bp_dashboard_figures_get_n_sectors_above (BpDashboardFigures *self,
                                          double             *threshold)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  if (threshold)
    *threshold = self->threshold;
  return self->n_sectors_above;
}

guint
bp_dashboard_figures_get_n_open_clusters (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  return self->open_clusters->len;
}

/**
 * bp_dashboard_figures_get_open_clusters:
 * @self: a #BpDashboardFigures
 *
 * Returns: (transfer none) (element-type JsonObject): the open clusters in
 *   a sector of the scope
 */
GPtrArray *
bp_dashboard_figures_get_open_clusters (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);

  return self->open_clusters;
}

guint
bp_dashboard_figures_get_n_signalling_homes (BpDashboardFigures *self,
                                             int                *window_days)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), 0);

  if (window_days)
    *window_days = SIGNAL_WINDOW_DAYS;
  return self->n_signalling_homes;
}

/**
 * bp_dashboard_figures_get_daily_cases:
 * @self: a #BpDashboardFigures
 * @age_band: an age band, or -1 for all ages
 * @first_day: (out): the day of the first count
 * @n_days: (out): the number of days, up to the reference day
 *
 * Gives the daily cases for the epidemic curve: up to
 * %BP_DASHBOARD_MAX_CURVE_DAYS days, not before the first count. These are
 * the true counts; a caller that shows them must hide small ones when
 * bp_dashboard_figures_get_small_suppressed() says so.
 *
 * Returns: (transfer none) (array length=n_days): the counts
 */
const gint64 *
bp_dashboard_figures_get_daily_cases (BpDashboardFigures *self,
                                      int                 age_band,
                                      int                *first_day,
                                      guint              *n_days)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);
  g_return_val_if_fail (age_band >= -1 && age_band < BP_N_AGE_BANDS, NULL);

  *first_day = self->curve_first_day;
  *n_days = self->curve_n_days;
  return self->daily[age_band + 1];
}

/**
 * bp_dashboard_figures_get_daily_cases_by_source:
 * @self: a #BpDashboardFigures
 * @source: a source of cases
 * @first_day: (out): the day of the first count
 * @n_days: (out): the number of days, up to the reference day
 *
 * Gives the daily cases of all ages of one source, to stack the bars of
 * the epidemic curve by source: over the sources of the figures they add
 * up to bp_dashboard_figures_get_daily_cases() for all ages. A source the
 * figures leave out has no cases. These are the true counts, as for
 * bp_dashboard_figures_get_daily_cases().
 *
 * Returns: (transfer none) (array length=n_days): the counts
 */
const gint64 *
bp_dashboard_figures_get_daily_cases_by_source (BpDashboardFigures *self,
                                                BpCaseSource        source,
                                                int                *first_day,
                                                guint              *n_days)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);
  g_return_val_if_fail (source < BP_N_CASE_SOURCES, NULL);

  *first_day = self->curve_first_day;
  *n_days = self->curve_n_days;
  return self->daily_by_source[source];
}

/**
 * bp_dashboard_figures_get_age_cases:
 * @self: a #BpDashboardFigures
 * @current: (out caller-allocates): cases per band in the last 14 days
 * @previous: (out caller-allocates): cases per band in the 14 days before
 * @population: (out caller-allocates): residents per band
 *
 * Hidden counts are %BP_COUNT_SUPPRESSED.
 */
void
bp_dashboard_figures_get_age_cases (BpDashboardFigures *self,
                                    gint64              current[BP_N_AGE_BANDS],
                                    gint64              previous[BP_N_AGE_BANDS],
                                    gint64              population[BP_N_AGE_BANDS])
{
  g_return_if_fail (BP_IS_DASHBOARD_FIGURES (self));

  memcpy (current, self->age_current, sizeof self->age_current);
  memcpy (previous, self->age_previous, sizeof self->age_previous);
  memcpy (population, self->age_population, sizeof self->age_population);
}

/**
 * bp_dashboard_figures_get_ranking:
 * @self: a #BpDashboardFigures
 * @sectors: %TRUE for the statistical sectors of the scope, %FALSE for its
 *   areas one level down
 *
 * Returns: (transfer none): 14-day indicators of each area
 */
BpIndicators *
bp_dashboard_figures_get_ranking (BpDashboardFigures *self,
                                  gboolean            sectors)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);

  return sectors ? self->sectors : self->children;
}

/**
 * bp_dashboard_figures_get_alerts:
 * @self: a #BpDashboardFigures
 *
 * Returns: (transfer none): the alerts ([class@Alert]) of the scope
 */
GListModel *
bp_dashboard_figures_get_alerts (BpDashboardFigures *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (self), NULL);

  return self->alerts;
}
