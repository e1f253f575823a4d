/* bp-map-metric.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-map-metric"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-area.h"
#include "bp-map-metric.h"
#include "bp-store-private.h"

/* Thresholds a user may set: enough for the ECDC classes and the 9 steps of
 * the longest ColorBrewer sequential scheme. */
#define MAX_THRESHOLDS 8

/* One statistical sector's counts and value. The population is that of the
 * age band when the values are for one. */
typedef struct
{
  gint64       sector_id;
  gint64       population;
  gint64       cases_7;
  gint64       cases_14;
  gint64       cases_14_by_source[BP_N_CASE_SOURCES];
  gint64       group_id;    /* the neighbourhood whose figures it carries, or 0 */
  gboolean     is_suppressed_7;
  gboolean     is_suppressed_14;
  gboolean     is_suppressed_previous; /* the 7 days before the last 7 */
  double       value;
  BpValueFlags flags;
} SectorEntry;

/**
 * BpSectorValues:
 *
 * The value of one [enum@MapMetric] for every statistical sector at a
 * reference day, for all ages or one age band, as the choropleth map, its
 * legend and the side panel show it. Immutable once computed, so a worker
 * thread may build it and the main thread read it.
 */
struct _BpSectorValues
{
  GObject      parent_instance;

  BpMapMetric  metric;
  int          day;
  int                 age_band;
  BpCaseSourceFilter  sources;
  BpAreaLevel         level;   /* the areas whose figures the sectors carry */
  gboolean            small_suppressed;
  GArray             *entries; /* SectorEntry, sorted by sector_id */
};

/**
 * BpClassBreaks:
 *
 * The classes of a choropleth map: ordered thresholds, a colour for each
 * class and labels for the legend. A value equal to a threshold belongs to
 * the class above it. Immutable.
 */
struct _BpClassBreaks
{
  GObject      parent_instance;

  BpMapMetric  metric;
  double      *thresholds;
  guint        n_thresholds;
  BpColour    *colours; /* n_thresholds + 1 */
};

G_DEFINE_FINAL_TYPE (BpSectorValues, bp_sector_values, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BpClassBreaks, bp_class_breaks, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-map-metric-error-quark, bp_map_metric_error)

static const struct {
  const char *name;
  const char *display_name;
  int         window_days;
} metric_info[BP_MAP_METRIC_N_METRICS] = {
  { "cases7", N_("Cases in the last 7 days"), 7 },
  { "cases14", N_("Cases in the last 14 days"), 14 },
  { "incidence7", N_("7-day incidence per 100,000"), 7 },
  { "incidence14", N_("14-day incidence per 100,000"), 14 },
  { "trend", N_("Change on the previous 7 days"), 14 },
};

/* The default classes. Incidence: the 14-day notification rate classes of
 * ECDC's maps of the EU/EEA ("Maps in support of the Council Recommendation
 * on a coordinated approach to the restriction of free movement", combined
 * indicator, 2020-2021): <20, 20-59.9, 60-119.9, 120-239.9, 240-479.9,
 * 480-959.9 and ≥960 per 100,000; the 7-day rate uses half of each.
 * Cases: 0, 1-4, 5-9, 10-19, 20-49 and ≥50 in 7 days; 14 days doubles the
 * upper bounds and keeps 0 a class of its own. Trend: diverging around
 * "stable" (-10 % to +10 %). */
static const double incidence_14_thresholds[] = { 20, 60, 120, 240, 480, 960 };
static const double incidence_7_thresholds[] = { 10, 30, 60, 120, 240, 480 };
static const double cases_7_thresholds[] = { 1, 5, 10, 20, 50 };
static const double cases_14_thresholds[] = { 1, 10, 20, 40, 100 };
static const double trend_thresholds[] = { -50, -10, 10, 50, 100 };

/* ColorBrewer 2.0 (Cynthia Brewer, Mark Harrower, The Pennsylvania State
 * University; https://colorbrewer2.org, Apache-2.0 licence), sequential
 * YlOrRd for 3 to 9 classes. Its lightness rises steadily, so the classes
 * stay in order for colour-blind readers and in greyscale. */
static const guint32 ylorrd[][9] = {
  { 0xffeda0, 0xfeb24c, 0xf03b20 },
  { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xe31a1c },
  { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026 },
  { 0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026 },
  { 0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026 },
  { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026 },
  { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026 },
};

/* ColorBrewer 2.0 diverging RdBu, which ColorBrewer marks colour-blind
 * safe: the neutral middle of every odd scheme is 0xf7f7f7, and these are
 * the halves of the 3- to 11-class schemes from the middle outwards, blue
 * for a fall and red for a rise. */
static const guint32 rdbu_blues[][5] = {
  { 0x67a9cf },
  { 0x92c5de, 0x0571b0 },
  { 0xd1e5f0, 0x67a9cf, 0x2166ac },
  { 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac },
  { 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061 },
};
static const guint32 rdbu_reds[][5] = {
  { 0xef8a62 },
  { 0xf4a582, 0xca0020 },
  { 0xfddbc7, 0xef8a62, 0xb2182b },
  { 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b },
  { 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f },
};
#define RDBU_NEUTRAL 0xf7f7f7

/* Outside the palettes: no data is a light grey, lighter than any class
 * but the trend's neutral; suppressed sectors a mid grey-blue that the map
 * also hatches. */
#define NO_DATA_COLOUR    0xd0d0d0
#define SUPPRESSED_COLOUR 0x8795ad

static void
colour_from_rgb (guint32   rgb,
                 BpColour *colour)
{
  colour->red = ((rgb >> 16) & 0xff) / 255.0;
  colour->green = ((rgb >> 8) & 0xff) / 255.0;
  colour->blue = (rgb & 0xff) / 255.0;
}

static SectorEntry *
find_entry (GArray *entries,
            gint64  sector_id)
{
  guint lo = 0;
  guint hi = entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      SectorEntry *entry = &g_array_index (entries, SectorEntry, mid);

      if (entry->sector_id == sector_id)
        return entry;
      if (entry->sector_id < sector_id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static void
compute_value (SectorEntry *entry,
               BpMapMetric  metric)
{
  gboolean is_suppressed;
  gint64 cases;

  switch (metric)
    {
    case BP_MAP_METRIC_CASES_7:
    case BP_MAP_METRIC_INCIDENCE_7:
      cases = entry->cases_7;
      is_suppressed = entry->is_suppressed_7;
      break;

    case BP_MAP_METRIC_CASES_14:
    case BP_MAP_METRIC_INCIDENCE_14:
      cases = entry->cases_14;
      is_suppressed = entry->is_suppressed_14;
      break;

    case BP_MAP_METRIC_TREND:
    default:
      cases = entry->cases_7;
      is_suppressed = entry->is_suppressed_14 || entry->is_suppressed_7 ||
                      entry->is_suppressed_previous;
      break;
    }

  entry->flags = BP_VALUE_NONE;

  if (metric == BP_MAP_METRIC_TREND)
    {
      gint64 previous = entry->cases_14 - entry->cases_7;

      if (previous == 0)
        {
          entry->flags |= BP_VALUE_NO_PREVIOUS;
          entry->value = cases == 0 ? 0.0 : NAN;
        }
      else
        entry->value = (double)(cases - previous) * 100.0 / (double)previous;
    }
  else if (bp_map_metric_is_incidence (metric))
    {
      if (entry->population <= 0)
        {
          entry->flags |= BP_VALUE_NO_POPULATION;
          entry->value = NAN;
        }
      else
        entry->value = (double)cases * 100000.0 / (double)entry->population;
    }
  else
    entry->value = (double)cases;

  /* A count of 1 to 4 must not be shown, nor anything it could be worked
   * back from, so the whole value goes. */
  if (is_suppressed)
    {
      entry->flags |= BP_VALUE_SUPPRESSED;
      entry->value = NAN;
    }
}

static gboolean
load_sectors (BpStore  *store,
              int       age_band,
              GArray   *entries,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The population of an age band in a sector is not published; it is the
   * sector's population times its municipality's share of that band in
   * area_age_population, rounded to the nearest person:
   * (2 × sector × band + total) / (2 × total) in integers, with total the
   * sum over the municipality's bands. A municipality without age figures
   * gives 0, so no incidence. */
  if (age_band < 0)
    stmt = _bp_store_prepare (store,
                              "SELECT id, population, 1, 1 FROM area"
                              " WHERE level = 4 ORDER BY id",
                              error);
  else
    stmt = _bp_store_prepare (store,
                              "SELECT s.id, s.population, coalesce (b.population, 0), coalesce (t.total, 0)"
                              " FROM area s"
                              " LEFT JOIN area_age_population b ON b.area_id = s.parent_id AND b.age_band = ?1"
                              " LEFT JOIN (SELECT area_id, sum (population) AS total"
                              "            FROM area_age_population GROUP BY area_id) t"
                              "   ON t.area_id = s.parent_id"
                              " WHERE s.level = 4 ORDER BY s.id",
                              error);
  if (!stmt)
    return FALSE;

  sqlite3_bind_int (stmt, 1, age_band);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SectorEntry entry = { 0 };
      gint64 band = sqlite3_column_int64 (stmt, 2);
      gint64 total = sqlite3_column_int64 (stmt, 3);

      entry.sector_id = sqlite3_column_int64 (stmt, 0);
      entry.population = sqlite3_column_int64 (stmt, 1);
      if (age_band >= 0)
        entry.population = total > 0 ? (2 * entry.population * band + total) / (2 * total) : 0;
      g_array_append_val (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_window_sums (BpStore             *store,
                  int                  day,
                  int                  age_band,
                  BpCaseSourceFilter   sources,
                  GArray              *entries,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SectorEntry *entry = NULL;
  int rc;

  /* One pass over the 14 days through the day index gives both windows,
   * (day - 14, day] and (day - 7, day], however long the series. The sums
   * are made here rather than by a GROUP BY, which would sort every row of
   * the window first: at the peak of a wave that is 140,000 rows. */
  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT sector_id, day, n_cases, is_suppressed, source FROM case_count"
                                  " WHERE day > ?1 AND day <= ?2 AND (?3 < 0 OR age_band = ?3)"
                                  "   AND (?4 >> source) & 1",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, day - 14);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, age_band);
  sqlite3_bind_int (stmt, 4, sources);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 sector_id = sqlite3_column_int64 (stmt, 0);
      gboolean is_recent = sqlite3_column_int (stmt, 1) > day - 7;
      gint64 n_cases = sqlite3_column_int64 (stmt, 2);
      gboolean is_suppressed = sqlite3_column_int (stmt, 3) != 0;
      guint source = (guint)sqlite3_column_int (stmt, 4);

      /* The index gives the bands of a sector and day one after another. */
      if ((entry == NULL || entry->sector_id != sector_id) &&
          !(entry = find_entry (entries, sector_id)))
        continue; /* counts of an area that is no sector are not on the map */

      entry->cases_14 += n_cases;
      if (source < BP_N_CASE_SOURCES)
        entry->cases_14_by_source[source] += n_cases;
      entry->is_suppressed_14 |= is_suppressed;
      if (is_recent)
        {
          entry->cases_7 += n_cases;
          entry->is_suppressed_7 |= is_suppressed;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char               *path;
  BpMapMetric         metric;
  int                 day;
  int                 age_band;
  BpCaseSourceFilter  sources;
  BpAreaLevel         level;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  g_free (compute->path);
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
  g_autoptr(BpSectorValues) values = NULL;
  BpSectorValues *grouped;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own, as SQLite handles are not shared between
   * threads here. */
  if (!(store = bp_store_open (data->path, &error)) ||
      !(values = bp_store_compute_sector_values (store, data->metric, data->day, data->age_band,
                                                 data->sources, &error)) ||
      !(grouped = bp_store_group_sector_values (store, values, data->level, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, grouped, g_object_unref);
}

static void
bp_sector_values_finalize (GObject *object)
{
  BpSectorValues *self = (BpSectorValues *)object;

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (bp_sector_values_parent_class)->finalize (object);
}

static void
bp_sector_values_class_init (BpSectorValuesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_sector_values_finalize;
}

static void
bp_sector_values_init (BpSectorValues *self)
{
  self->level = BP_AREA_LEVEL_SECTOR;
  self->entries = g_array_new (FALSE, TRUE, sizeof (SectorEntry));
}

static void
bp_class_breaks_finalize (GObject *object)
{
  BpClassBreaks *self = (BpClassBreaks *)object;

  g_clear_pointer (&self->thresholds, g_free);
  g_clear_pointer (&self->colours, g_free);

  G_OBJECT_CLASS (bp_class_breaks_parent_class)->finalize (object);
}

static void
bp_class_breaks_class_init (BpClassBreaksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_class_breaks_finalize;
}

static void
bp_class_breaks_init (BpClassBreaks *self)
{
}

/**
 * bp_map_metric_from_string:
 * @name: a metric name as settings and the tool use it: `cases7`,
 *   `cases14`, `incidence7`, `incidence14` or `trend`
 * @metric: (out): the metric
 *
 * Returns: %TRUE when @name names a metric
 */
gboolean
bp_map_metric_from_string (const char  *name,
                           BpMapMetric *metric)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < BP_MAP_METRIC_N_METRICS; i++)
    if (g_str_equal (name, metric_info[i].name))
      {
        *metric = i;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_map_metric_to_string (BpMapMetric metric)
{
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);

  return metric_info[metric].name;
}

/**
 * bp_map_metric_get_display_name:
 * @metric: a #BpMapMetric
 *
 * Returns: (transfer none): the translated name of @metric, such as
 *   “14-day incidence per 100,000”
 */
const char *
bp_map_metric_get_display_name (BpMapMetric metric)
{
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);

  return _(metric_info[metric].display_name);
}

/**
 * bp_map_metric_get_window_days:
 * @metric: a #BpMapMetric
 *
 * Gives the days a value depends on: a value at day D uses the counts of
 * (D - window_days, D]. The trend compares two weeks, so it is 14.
 *
 * Returns: 7 or 14
 */
int
bp_map_metric_get_window_days (BpMapMetric metric)
{
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, 0);

  return metric_info[metric].window_days;
}

/**
 * bp_map_metric_is_incidence:
 * @metric: a #BpMapMetric
 *
 * Returns: %TRUE when @metric is a rate per 100,000 residents, which needs
 *   a population
 */
gboolean
bp_map_metric_is_incidence (BpMapMetric metric)
{
  return metric == BP_MAP_METRIC_INCIDENCE_7 || metric == BP_MAP_METRIC_INCIDENCE_14;
}

/**
 * bp_store_compute_sector_values:
 * @store: a #BpStore
 * @metric: what to compute
 * @day: the reference day, in days since 1970-01-01
 * @age_band: an age band from 0 to %BP_N_AGE_BANDS - 1, or -1 for all ages
 * @sources: the sources of the cases to count; counts without a recorded
 *   source count only for %BP_CASE_SOURCE_FILTER_ALL
 * @error: return location for a #GError
 *
 * Computes @metric for every statistical sector at @day, from the counts of
 * @sources in (@day - 14, @day] in one pass over the day index:
 *
 * - cases 7 and 14: the cases of (@day - N, @day];
 * - incidence 7 and 14: those cases per 100,000 residents of the sector
 *   (or of the age band, see below), %BP_VALUE_NO_POPULATION and NaN when
 *   that population is 0;
 * - trend: the change of the last 7 days on the 7 before, in percent.
 *   Without cases in the 7 before it is flagged %BP_VALUE_NO_PREVIOUS and
 *   is NaN, or 0 when the last 7 days have none either.
 *
 * A sector with a suppressed count (a true count of 1 to 4) anywhere in the
 * days its value uses is flagged %BP_VALUE_SUPPRESSED and its value is NaN.
 *
 * For one age band, the population is the sector's population times its
 * municipality's share of that band (area_age_population), rounded to the
 * nearest person. Days before the first count count as zero.
 *
 * This takes some tens of milliseconds for all of Flanders and Brussels;
 * the map uses bp_store_compute_sector_values_async().
 *
 * Returns: (transfer full) (nullable): the values
 */
BpSectorValues *
bp_store_compute_sector_values (BpStore             *store,
                                BpMapMetric          metric,
                                int                  day,
                                int                  age_band,
                                BpCaseSourceFilter   sources,
                                GError             **error)
{
  g_autoptr(BpSectorValues) self = NULL;

  g_return_val_if_fail (BP_IS_STORE (store), NULL);
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);

  if (age_band < -1 || age_band >= BP_N_AGE_BANDS)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Age band %d does not exist; bands run from 0 (0-9 years) to 8 (80 and over)."),
                   age_band);
      return NULL;
    }

  if (sources == 0 || (sources & ~BP_CASE_SOURCE_FILTER_ALL) != 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("No source of cases is chosen, or one that does not exist."));
      return NULL;
    }

  self = g_object_new (BP_TYPE_SECTOR_VALUES, NULL);
  self->metric = metric;
  self->day = day;
  self->age_band = age_band;
  self->sources = sources;

  if (!load_sectors (store, age_band, self->entries, error) ||
      !load_window_sums (store, day, age_band, sources, self->entries, error))
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    compute_value (&g_array_index (self->entries, SectorEntry, i), metric);

  return g_steal_pointer (&self);
}

/**
 * bp_sector_values_suppress_small:
 * @self: a #BpSectorValues
 *
 * Gives the values as a user without medical access may see them: besides
 * the counts already suppressed at the source, every count of 1 to 4 cases
 * (7 days, 14 days, and the 7 days before the last 7 that the trend rests
 * on) is suppressed, and so is every value computed from one.
 *
 * Returns: (transfer full): new values, or @self again when it already is
 *   suppressed this way
 */
BpSectorValues *
bp_sector_values_suppress_small (BpSectorValues *self)
{
  BpSectorValues *copy;

  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), NULL);

  if (self->small_suppressed)
    return g_object_ref (self);

  copy = g_object_new (BP_TYPE_SECTOR_VALUES, NULL);
  copy->metric = self->metric;
  copy->day = self->day;
  copy->age_band = self->age_band;
  copy->level = self->level;
  copy->sources = self->sources;
  copy->small_suppressed = TRUE;
  g_array_append_vals (copy->entries, self->entries->data, self->entries->len);

  for (guint i = 0; i < copy->entries->len; i++)
    {
      SectorEntry *entry = &g_array_index (copy->entries, SectorEntry, i);
      gint64 previous = entry->cases_14 - entry->cases_7;

      entry->is_suppressed_7 |= bp_count_is_small (entry->cases_7);
      entry->is_suppressed_14 |= bp_count_is_small (entry->cases_14);
      entry->is_suppressed_previous |= bp_count_is_small (previous);
      compute_value (entry, copy->metric);
    }

  return copy;
}

/**
 * bp_store_group_sector_values:
 * @store: the store @self was computed from
 * @self: a #BpSectorValues of statistical sectors
 * @level: %BP_AREA_LEVEL_SECTOR, or %BP_AREA_LEVEL_WIJK to colour by
 *   neighbourhood
 * @error: return location for a #GError
 *
 * Gives each sector the figures of the neighbourhood it lies in: the cases
 * and residents of all its sectors, with their value computed from those
 * sums. A sector outside any neighbourhood keeps its own. Suppress small
 * counts after grouping, so that the rule applies to what is shown.
 *
 * Returns: (transfer full) (nullable): the grouped values
 */
BpSectorValues *
bp_store_group_sector_values (BpStore         *store,
                              BpSectorValues  *self,
                              BpAreaLevel      level,
                              GError         **error)
{
  g_autoptr(BpSectorValues) copy = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree gint64 *group_of_entry = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (store), NULL);
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), NULL);
  g_return_val_if_fail (!self->small_suppressed, NULL);

  if (level != BP_AREA_LEVEL_WIJK || self->level == level)
    return g_object_ref (self);

  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT id, wijk_id FROM area WHERE level = ?1 AND wijk_id IS NOT NULL",
                                  error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, BP_AREA_LEVEL_SECTOR);

  copy = g_object_new (BP_TYPE_SECTOR_VALUES, NULL);
  copy->metric = self->metric;
  copy->day = self->day;
  copy->age_band = self->age_band;
  copy->sources = self->sources;
  copy->level = level;
  g_array_append_vals (copy->entries, self->entries->data, self->entries->len);
  group_of_entry = g_new0 (gint64, MAX (copy->entries->len, 1));
  groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SectorEntry *entry = find_entry (copy->entries, sqlite3_column_int64 (stmt, 0));
      gint64 wijk_id = sqlite3_column_int64 (stmt, 1);
      SectorEntry *sum;

      if (entry == NULL)
        continue;

      if (!(sum = g_hash_table_lookup (groups, &wijk_id)))
        {
          sum = g_new0 (SectorEntry, 1);
          sum->sector_id = wijk_id;
          g_hash_table_insert (groups, g_memdup2 (&wijk_id, sizeof wijk_id), sum);
        }

      sum->population += entry->population;
      sum->cases_7 += entry->cases_7;
      sum->cases_14 += entry->cases_14;
      for (guint source = 0; source < BP_N_CASE_SOURCES; source++)
        sum->cases_14_by_source[source] += entry->cases_14_by_source[source];
      sum->is_suppressed_7 |= entry->is_suppressed_7;
      sum->is_suppressed_14 |= entry->is_suppressed_14;
      sum->is_suppressed_previous |= entry->is_suppressed_previous;
      group_of_entry[entry - (SectorEntry *)copy->entries->data] = wijk_id;
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return NULL;
    }

  for (guint i = 0; i < copy->entries->len; i++)
    {
      SectorEntry *entry = &g_array_index (copy->entries, SectorEntry, i);
      SectorEntry *sum;

      if (group_of_entry[i] == 0 || !(sum = g_hash_table_lookup (groups, &group_of_entry[i])))
        continue;

      entry->population = sum->population;
      entry->cases_7 = sum->cases_7;
      entry->cases_14 = sum->cases_14;
      memcpy (entry->cases_14_by_source, sum->cases_14_by_source, sizeof entry->cases_14_by_source);
      entry->group_id = group_of_entry[i];
      entry->is_suppressed_7 = sum->is_suppressed_7;
      entry->is_suppressed_14 = sum->is_suppressed_14;
      entry->is_suppressed_previous = sum->is_suppressed_previous;
      compute_value (entry, copy->metric);
    }

  return g_steal_pointer (&copy);
}

/**
 * bp_sector_values_get_level:
 * @self: a #BpSectorValues
 *
 * Returns: the areas whose figures each sector carries, see
 *   bp_store_group_sector_values()
 */
BpAreaLevel
bp_sector_values_get_level (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), BP_AREA_LEVEL_SECTOR);

  return self->level;
}

/**
 * bp_sector_values_get_small_suppressed:
 * @self: a #BpSectorValues
 *
 * Returns: whether counts of 1 to 4 are suppressed, see
 *   bp_sector_values_suppress_small()
 */
gboolean
bp_sector_values_get_small_suppressed (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), FALSE);

  return self->small_suppressed;
}

/**
 * bp_count_is_small:
 * @n_cases: a count of cases
 *
 * Returns: whether @n_cases is a small count (1 to 4) that users without
 *   medical access must see as "<5"
 */
gboolean
bp_count_is_small (gint64 n_cases)
{
  return n_cases > 0 && n_cases < 5;
}

/**
 * bp_store_compute_sector_values_async:
 * @store: a #BpStore
 * @metric: what to compute
 * @day: the reference day, in days since 1970-01-01
 * @age_band: an age band, or -1 for all ages
 * @sources: the sources of the cases to count
 * @level: %BP_AREA_LEVEL_SECTOR, or %BP_AREA_LEVEL_WIJK for the figures of
 *   each sector's neighbourhood
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the values
 * @user_data: data for @callback
 *
 * Runs bp_store_compute_sector_values() and bp_store_group_sector_values()
 * in a worker thread on its own connection to the store's file.
 */
void
bp_store_compute_sector_values_async (BpStore             *store,
                                      BpMapMetric          metric,
                                      int                  day,
                                      int                  age_band,
                                      BpCaseSourceFilter   sources,
                                      BpAreaLevel          level,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (metric < BP_MAP_METRIC_N_METRICS);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (bp_store_get_path (store));
  data->metric = metric;
  data->day = day;
  data->age_band = age_band;
  data->sources = sources;
  data->level = level;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_store_compute_sector_values_async);
  g_task_set_task_data (task, data, compute_data_free);
  g_task_run_in_thread (task, compute_worker);
}

/**
 * bp_store_compute_sector_values_finish:
 * @store: a #BpStore
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the values
 */
BpSectorValues *
bp_store_compute_sector_values_finish (BpStore       *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (BP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

BpMapMetric
bp_sector_values_get_metric (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), 0);

  return self->metric;
}

int
bp_sector_values_get_day (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), 0);

  return self->day;
}

int
bp_sector_values_get_age_band (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), -1);

  return self->age_band;
}

BpCaseSourceFilter
bp_sector_values_get_sources (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), BP_CASE_SOURCE_FILTER_ALL);

  return self->sources;
}

guint
bp_sector_values_get_n_sectors (BpSectorValues *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), 0);

  return self->entries->len;
}

/**
 * bp_sector_values_lookup:
 * @self: a #BpSectorValues
 * @sector_id: a statistical sector's area id
 * @value: (out) (optional): the value, NaN when there is none or it is
 *   suppressed
 * @flags: (out) (optional): why the value is missing or hidden
 *
 * Returns: %FALSE when @sector_id is not a statistical sector of the store
 */
gboolean
bp_sector_values_lookup (BpSectorValues *self,
                         gint64          sector_id,
                         double         *value,
                         BpValueFlags   *flags)
{
  SectorEntry *entry;

  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), FALSE);

  if (!(entry = find_entry (self->entries, sector_id)))
    return FALSE;

  if (value)
    *value = entry->value;
  if (flags)
    *flags = entry->flags;

  return TRUE;
}

/**
 * bp_sector_values_get_counts:
 * @self: a #BpSectorValues
 * @sector_id: a statistical sector's area id
 * @cases_7: (out) (optional): the cases of the last 7 days, or -1 when a
 *   count among them is suppressed (show “<5”)
 * @cases_14: (out) (optional): the cases of the last 14 days, or -1 when
 *   suppressed
 * @population: (out) (optional): the population the incidence uses, that
 *   of the age band when @self is for one
 *
 * Gives the counts behind a sector's value, for the side panel, whatever
 * the metric.
 *
 * Returns: %FALSE when @sector_id is not a statistical sector of the store
 */
gboolean
bp_sector_values_get_counts (BpSectorValues *self,
                             gint64          sector_id,
                             gint64         *cases_7,
                             gint64         *cases_14,
                             gint64         *population)
{
  SectorEntry *entry;

  g_return_val_if_fail (BP_IS_SECTOR_VALUES (self), FALSE);

  if (!(entry = find_entry (self->entries, sector_id)))
    return FALSE;

  if (cases_7)
    *cases_7 = entry->is_suppressed_7 ? -1 : entry->cases_7;
  if (cases_14)
    *cases_14 = entry->is_suppressed_14 ? -1 : entry->cases_14;
  if (population)
    *population = entry->population;

  return TRUE;
}

/**
 * bp_sector_values_sum_sources:
 * @self: a #BpSectorValues
 * @sector_ids: (array length=n_sectors) (nullable): the sectors to add up,
 *   or %NULL for all
 * @n_sectors: the number of @sector_ids
 * @cases: (out caller-allocates) (array fixed-size=3): the cases of the last
 *   14 days of each #BpCaseSource
 *
 * Adds up the true counts of each source over sectors, for a share such as
 * the map legend's; the caller hides what must be hidden. Sectors that
 * carry a neighbourhood's figures count it once.
 */
void
bp_sector_values_sum_sources (BpSectorValues *self,
                              const gint64   *sector_ids,
                              guint           n_sectors,
                              gint64          cases[BP_N_CASE_SOURCES])
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  g_return_if_fail (BP_IS_SECTOR_VALUES (self));

  memset (cases, 0, BP_N_CASE_SOURCES * sizeof (gint64));

  for (guint i = 0; i < (sector_ids ? n_sectors : self->entries->len); i++)
    {
      SectorEntry *entry = sector_ids ? find_entry (self->entries, sector_ids[i])
                                      : &g_array_index (self->entries, SectorEntry, i);

      if (entry == NULL)
        continue;
      /* the sectors of one neighbourhood hold its sums: count them once */
      if (entry->group_id != 0)
        {
          if (g_hash_table_contains (seen, &entry->group_id))
            continue;
          g_hash_table_add (seen, &entry->group_id);
        }
      for (guint source = 0; source < BP_N_CASE_SOURCES; source++)
        cases[source] += entry->cases_14_by_source[source];
    }
}

/**
 * bp_sector_values_foreach:
 * @self: a #BpSectorValues
 * @func: (scope call): called for each sector, in the order of their ids
 * @user_data: data for @func
 *
 * Calls @func with the value and flags of every statistical sector.
 */
void
bp_sector_values_foreach (BpSectorValues    *self,
                          BpSectorValueFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (BP_IS_SECTOR_VALUES (self));
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const SectorEntry *entry = &g_array_index (self->entries, SectorEntry, i);

      func (entry->sector_id, entry->value, entry->flags, user_data);
    }
}

static void
fill_sequential_colours (BpClassBreaks *self)
{
  guint n_classes = self->n_thresholds + 1;

  /* Two classes take the ends of the 3-class scheme. */
  if (n_classes == 2)
    {
      colour_from_rgb (ylorrd[0][0], &self->colours[0]);
      colour_from_rgb (ylorrd[0][2], &self->colours[1]);
      return;
    }

  for (guint i = 0; i < n_classes; i++)
    colour_from_rgb (ylorrd[n_classes - 3][i], &self->colours[i]);
}

static void
half_colour (const guint32 half[][5],
             guint         n_steps,
             guint         step,
             BpColour     *colour)
{
  double position;
  guint lo;
  BpColour a, b;

  if (n_steps <= 5)
    {
      colour_from_rgb (half[n_steps - 1][step], colour);
      return;
    }

  /* More steps than ColorBrewer has: interpolate along the 11-class half. */
  position = (double)step * 4.0 / (double)(n_steps - 1);
  lo = MIN ((guint)position, 3);
  colour_from_rgb (half[4][lo], &a);
  colour_from_rgb (half[4][lo + 1], &b);
  position -= lo;
  colour->red = a.red + (b.red - a.red) * position;
  colour->green = a.green + (b.green - a.green) * position;
  colour->blue = a.blue + (b.blue - a.blue) * position;
}

static void
fill_diverging_colours (BpClassBreaks *self)
{
  guint n_classes = self->n_thresholds + 1;
  int neutral = bp_class_breaks_classify (self, 0.0);
  guint n_below = neutral;
  guint n_above = n_classes - 1 - neutral;
  guint n_steps = MAX (n_below, n_above);

  /* Both sides come from the same scheme, so a fall and a rise of the same
   * rank have the same strength. */
  colour_from_rgb (RDBU_NEUTRAL, &self->colours[neutral]);
  for (guint i = 0; i < n_below; i++)
    half_colour (rdbu_blues, n_steps, i, &self->colours[neutral - 1 - i]);
  for (guint i = 0; i < n_above; i++)
    half_colour (rdbu_reds, n_steps, i, &self->colours[neutral + 1 + i]);
}

static BpClassBreaks *
class_breaks_new (BpMapMetric   metric,
                  const double *thresholds,
                  guint         n_thresholds)
{
  BpClassBreaks *self = g_object_new (BP_TYPE_CLASS_BREAKS, NULL);

  self->metric = metric;
  self->thresholds = g_memdup2 (thresholds, n_thresholds * sizeof (double));
  self->n_thresholds = n_thresholds;
  self->colours = g_new0 (BpColour, n_thresholds + 1);

  if (metric == BP_MAP_METRIC_TREND)
    fill_diverging_colours (self);
  else
    fill_sequential_colours (self);

  return self;
}

/**
 * bp_class_breaks_new_default:
 * @metric: a #BpMapMetric
 *
 * Gives the standard classes of @metric: ECDC's notification-rate classes
 * for the incidence, 0, 1-4, 5-9, 10-19, 20-49 and 50 or more cases in 7
 * days, and a diverging scale around −10 % to +10 % for the trend.
 *
 * Returns: (transfer full): the class breaks
 */
BpClassBreaks *
bp_class_breaks_new_default (BpMapMetric metric)
{
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);

  switch (metric)
    {
    case BP_MAP_METRIC_CASES_7:
      return class_breaks_new (metric, cases_7_thresholds, G_N_ELEMENTS (cases_7_thresholds));
    case BP_MAP_METRIC_CASES_14:
      return class_breaks_new (metric, cases_14_thresholds, G_N_ELEMENTS (cases_14_thresholds));
    case BP_MAP_METRIC_INCIDENCE_7:
      return class_breaks_new (metric, incidence_7_thresholds, G_N_ELEMENTS (incidence_7_thresholds));
    case BP_MAP_METRIC_INCIDENCE_14:
      return class_breaks_new (metric, incidence_14_thresholds, G_N_ELEMENTS (incidence_14_thresholds));
    case BP_MAP_METRIC_TREND:
    default:
      return class_breaks_new (metric, trend_thresholds, G_N_ELEMENTS (trend_thresholds));
    }
}

/**
 * bp_class_breaks_new:
 * @metric: the metric the classes are for
 * @thresholds: (array length=n_thresholds): the lower bound of each class
 *   but the first, strictly increasing
 * @n_thresholds: the number of thresholds, 1 to 8
 * @error: return location for a #GError
 *
 * Makes classes from thresholds a user chose: n thresholds give n + 1
 * classes.
 *
 * Returns: (transfer full) (nullable): the class breaks, or %NULL with
 *   %BP_MAP_METRIC_ERROR_INVALID_BREAKS
 */
BpClassBreaks *
bp_class_breaks_new (BpMapMetric    metric,
                     const double  *thresholds,
                     guint          n_thresholds,
                     GError       **error)
{
  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);
  g_return_val_if_fail (thresholds != NULL || n_thresholds == 0, NULL);

  if (n_thresholds < 1 || n_thresholds > MAX_THRESHOLDS)
    {
      g_set_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS,
                   _("A map needs between 1 and %d class breaks, not %u."),
                   MAX_THRESHOLDS, n_thresholds);
      return NULL;
    }

  for (guint i = 0; i < n_thresholds; i++)
    {
      if (!isfinite (thresholds[i]))
        {
          g_set_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS,
                       _("Class break %u is not a finite number."), i + 1);
          return NULL;
        }

      if (i > 0 && !(thresholds[i] > thresholds[i - 1]))
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE];
          char b[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (a, sizeof a, "%.15g", thresholds[i - 1]);
          g_ascii_formatd (b, sizeof b, "%.15g", thresholds[i]);
          g_set_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS,
                       _("Class breaks must increase, but %s follows %s."), b, a);
          return NULL;
        }
    }

  return class_breaks_new (metric, thresholds, n_thresholds);
}

/**
 * bp_class_breaks_new_from_string:
 * @metric: the metric the classes are for
 * @text: thresholds separated by commas, with a decimal point, such as
 *   `20,60,120` or `-50, -10, 10`
 * @error: return location for a #GError
 *
 * Parses class breaks as settings store them (see
 * bp_class_breaks_to_string()) and checks them as bp_class_breaks_new()
 * does.
 *
 * Returns: (transfer full) (nullable): the class breaks
 */
BpClassBreaks *
bp_class_breaks_new_from_string (BpMapMetric   metric,
                                 const char   *text,
                                 GError      **error)
{
  g_auto(GStrv) parts = NULL;
  double thresholds[MAX_THRESHOLDS];
  guint n = 0;

  g_return_val_if_fail (metric < BP_MAP_METRIC_N_METRICS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *part = g_strstrip (parts[i]);
      char *end = NULL;
      double value;

      value = g_ascii_strtod (part, &end);
      if (*part == '\0' || end == part || *end != '\0')
        {
          g_set_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS,
                       _("“%s” is not a number. Class breaks are numbers separated by commas, such as “20,60,120”."),
                       part);
          return NULL;
        }

      if (n == MAX_THRESHOLDS)
        {
          g_set_error (error, BP_MAP_METRIC_ERROR, BP_MAP_METRIC_ERROR_INVALID_BREAKS,
                       _("A map needs between 1 and %d class breaks, not %u."),
                       MAX_THRESHOLDS, g_strv_length (parts));
          return NULL;
        }
      thresholds[n++] = value;
    }

  return bp_class_breaks_new (metric, thresholds, n, error);
}

/**
 * bp_class_breaks_to_string:
 * @self: a #BpClassBreaks
 *
 * Returns: (transfer full): the thresholds as bp_class_breaks_new_from_string()
 *   reads them, independent of the locale
 */
char *
bp_class_breaks_to_string (BpClassBreaks *self)
{
  GString *text;

  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->n_thresholds; i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_ascii_formatd (buffer, sizeof buffer, "%.15g", self->thresholds[i]));
    }

  return g_string_free (text, FALSE);
}

BpMapMetric
bp_class_breaks_get_metric (BpClassBreaks *self)
{
  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), 0);

  return self->metric;
}

guint
bp_class_breaks_get_n_classes (BpClassBreaks *self)
{
  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), 0);

  return self->n_thresholds + 1;
}

/**
 * bp_class_breaks_get_thresholds:
 * @self: a #BpClassBreaks
 * @n_thresholds: (out): the number of thresholds
 *
 * Returns: (transfer none) (array length=n_thresholds): the thresholds
 */
const double *
bp_class_breaks_get_thresholds (BpClassBreaks *self,
                                guint         *n_thresholds)
{
  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), NULL);
  g_return_val_if_fail (n_thresholds != NULL, NULL);

  *n_thresholds = self->n_thresholds;
  return self->thresholds;
}

/**
 * bp_class_breaks_classify:
 * @self: a #BpClassBreaks
 * @value: a value of the metric
 *
 * Finds the class of @value. A value equal to a threshold belongs to the
 * class above it; one below the first threshold to class 0.
 *
 * Returns: the class index, or %BP_CLASS_NO_DATA for NaN
 */
int
bp_class_breaks_classify (BpClassBreaks *self,
                          double         value)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), BP_CLASS_NO_DATA);

  if (isnan (value))
    return BP_CLASS_NO_DATA;

  /* The number of thresholds at or below value. */
  hi = self->n_thresholds;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->thresholds[mid] <= value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * bp_class_breaks_classify_value:
 * @self: a #BpClassBreaks
 * @value: a value from bp_sector_values_lookup()
 * @flags: its flags
 *
 * Returns: the class index, %BP_CLASS_SUPPRESSED for a suppressed value or
 *   %BP_CLASS_NO_DATA for NaN
 */
int
bp_class_breaks_classify_value (BpClassBreaks *self,
                                double         value,
                                BpValueFlags   flags)
{
  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), BP_CLASS_NO_DATA);

  if (flags & BP_VALUE_SUPPRESSED)
    return BP_CLASS_SUPPRESSED;

  return bp_class_breaks_classify (self, value);
}

/**
 * bp_class_breaks_get_colour:
 * @self: a #BpClassBreaks
 * @class_index: a class from 0 to n_classes - 1, %BP_CLASS_NO_DATA or
 *   %BP_CLASS_SUPPRESSED
 * @rgb: (out caller-allocates): the fill colour
 *
 * Gives the fill colour of a class: ColorBrewer YlOrRd for counts and
 * incidence, RdBu for the trend.
 */
void
bp_class_breaks_get_colour (BpClassBreaks *self,
                            int            class_index,
                            BpColour      *rgb)
{
  g_return_if_fail (BP_IS_CLASS_BREAKS (self));
  g_return_if_fail (rgb != NULL);
  g_return_if_fail (class_index >= BP_CLASS_SUPPRESSED && class_index <= (int)self->n_thresholds);

  if (class_index == BP_CLASS_NO_DATA)
    colour_from_rgb (NO_DATA_COLOUR, rgb);
  else if (class_index == BP_CLASS_SUPPRESSED)
    colour_from_rgb (SUPPRESSED_COLOUR, rgb);
  else
    *rgb = self->colours[class_index];
}

static gboolean
is_integer (double value)
{
  return value == floor (value) && fabs (value) < 1e15;
}

/* A number for people: the locale's decimal mark and digit grouping, and
 * no more than two decimals. */
static char *
format_number (double value)
{
  int decimals = 0;

  if (!is_integer (value))
    decimals = is_integer (value * 10) ? 1 : 2;

  return g_strdup_printf ("%'.*f", decimals, value);
}

static char *
format_value (BpClassBreaks *self,
              double         value)
{
  g_autofree char *number = NULL;

  if (self->metric != BP_MAP_METRIC_TREND)
    return format_number (value);

  number = format_number (fabs (value));
  if (value > 0)
    /* Translators: a rise in percent in the map legend, such as “+10 %” */
    return g_strdup_printf (_("+%s %%"), number);
  if (value < 0)
    /* Translators: a fall in percent in the map legend, such as “−10 %”; the
     * sign is U+2212 MINUS SIGN */
    return g_strdup_printf (_("−%s %%"), number);
  /* Translators: zero percent in the map legend */
  return g_strdup_printf (_("%s %%"), number);
}

/**
 * bp_class_breaks_dup_label:
 * @self: a #BpClassBreaks
 * @class_index: a class from 0 to n_classes - 1, %BP_CLASS_NO_DATA or
 *   %BP_CLASS_SUPPRESSED
 *
 * Gives the legend's label of a class, with the numbers as the locale
 * writes them: “< 20”, “120 – 240”, “≥ 960”, “+10 % – +50 %”. Case counts
 * are whole numbers, so their classes read “0”, “1 – 4”, “≥ 50”.
 *
 * Returns: (transfer full): the translated label
 */
char *
bp_class_breaks_dup_label (BpClassBreaks *self,
                           int            class_index)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  gboolean whole = FALSE;
  int last;

  g_return_val_if_fail (BP_IS_CLASS_BREAKS (self), NULL);
  g_return_val_if_fail (class_index >= BP_CLASS_SUPPRESSED && class_index <= (int)self->n_thresholds,
                        NULL);

  if (class_index == BP_CLASS_NO_DATA)
    return g_strdup (_("No data"));
  if (class_index == BP_CLASS_SUPPRESSED)
    return g_strdup (_("Fewer than 5 cases (hidden)"));

  last = self->n_thresholds;

  if (self->metric == BP_MAP_METRIC_CASES_7 || self->metric == BP_MAP_METRIC_CASES_14)
    {
      whole = self->thresholds[0] >= 1;
      for (guint i = 0; i < self->n_thresholds; i++)
        whole = whole && is_integer (self->thresholds[i]);
    }

  if (class_index == last)
    {
      low = format_value (self, self->thresholds[last - 1]);
      /* Translators: the top class of the map legend, such as “≥ 960” */
      return g_strdup_printf (_("≥ %s"), low);
    }

  if (whole)
    {
      double first = class_index == 0 ? 0 : self->thresholds[class_index - 1];
      double final = self->thresholds[class_index] - 1;

      low = format_value (self, first);
      if (first == final)
        return g_steal_pointer (&low);
      high = format_value (self, final);
    }
  else if (class_index == 0)
    {
      high = format_value (self, self->thresholds[0]);
      /* Translators: the bottom class of the map legend, such as “< 20” */
      return g_strdup_printf (_("< %s"), high);
    }
  else
    {
      low = format_value (self, self->thresholds[class_index - 1]);
      high = format_value (self, self->thresholds[class_index]);
    }

  /* Translators: a class of the map legend from the first number up to the
   * second, such as “120 – 240” or “1 – 4” */
  return g_strdup_printf (_("%1$s – %2$s"), low, high);
}

/**
 * bp_class_breaks_count:
 * @self: a #BpClassBreaks
 * @values: values of the metric of @self
 * @counts: (out caller-allocates) (array): n_classes + 2 counts: the
 *   sectors in each class, then those without data, then the suppressed ones
 *
 * Counts the sectors of each class for the legend.
 */
void
bp_class_breaks_count (BpClassBreaks  *self,
                       BpSectorValues *values,
                       guint          *counts)
{
  guint n_classes;

  g_return_if_fail (BP_IS_CLASS_BREAKS (self));
  g_return_if_fail (BP_IS_SECTOR_VALUES (values));
  g_return_if_fail (counts != NULL);

  n_classes = self->n_thresholds + 1;
  memset (counts, 0, (n_classes + 2) * sizeof (guint));

  for (guint i = 0; i < values->entries->len; i++)
    {
      const SectorEntry *entry = &g_array_index (values->entries, SectorEntry, i);
      int class_index = bp_class_breaks_classify_value (self, entry->value, entry->flags);

      if (class_index == BP_CLASS_NO_DATA)
        counts[n_classes]++;
      else if (class_index == BP_CLASS_SUPPRESSED)
        counts[n_classes + 1]++;
      else
        counts[class_index]++;
    }
}
