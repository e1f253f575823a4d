/* bp-indicators.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"
#include "bp-case-source.h"
#include "bp-count-cube.h"
#include "bp-map-metric.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* The longest window the indicators take, a year. */
#define BP_INDICATORS_MAX_WINDOW_DAYS 365

/* What to compute: the areas of one level, all of them or those inside one
 * area, at a reference day over a window of days. */
typedef struct
{
  BpAreaLevel         level;
  gint64              within_area_id;  /* 0 for every area of the level */
  int                 day;             /* the last day of the window */
  int                 window_days;
  int                 age_band;        /* -1 for all ages */
  BpCaseSourceFilter  sources;         /* the sources of the cases counted */
  gboolean            suppress_small;  /* hide counts of 1 to 4, for roles without medical access */
} BpIndicatorQuery;

/* The indicators of one area. The window is [day - window_days + 1, day],
 * the previous window as many days just before it. A hidden count is
 * BP_COUNT_SUPPRESSED, and a value that is missing or hidden is NaN; the
 * flags say why. code and name belong to the cube. */
typedef struct
{
  gint64        area_id;                /* 0 for all areas together */
  const char   *code;                   /* NULL for all areas together */
  const char   *name;
  gint64        population;             /* of the age band, for one band */
  gint64        n_cases;
  gint64        n_cases_previous;
  double        incidence_per_100k;
  double        trend_percent;          /* change on the previous window */
  BpValueFlags  cases_flags;            /* BP_VALUE_SUPPRESSED */
  BpValueFlags  previous_flags;         /* BP_VALUE_SUPPRESSED */
  BpValueFlags  incidence_flags;        /* BP_VALUE_SUPPRESSED, BP_VALUE_NO_POPULATION */
  BpValueFlags  trend_flags;            /* BP_VALUE_SUPPRESSED, BP_VALUE_NO_PREVIOUS */
} BpIndicatorRow;

/* The key figures of an area for the dashboard: the cases of the day
 * (last_day.n_cases), of 7 days with the change on the 7 before
 * (last_7_days.trend_percent), and of 14 days with the 14-day incidence.
 * The *_by_source arrays split the cases of each window by BpCaseSource:
 * 0 for a source the filter leaves out; when small counts are hidden and
 * the window's cases or any source's are, every source of the filter is
 * BP_COUNT_SUPPRESSED. */
typedef struct
{
  BpIndicatorRow last_day;
  BpIndicatorRow last_7_days;
  BpIndicatorRow last_14_days;
  gint64         last_day_by_source[BP_N_CASE_SOURCES];
  gint64         last_7_days_by_source[BP_N_CASE_SOURCES];
  gint64         last_14_days_by_source[BP_N_CASE_SOURCES];
} BpIndicatorSummary;

#define BP_TYPE_INDICATORS (bp_indicators_get_type ())
G_DECLARE_FINAL_TYPE (BpIndicators, bp_indicators, BP, INDICATORS, GObject)

char                     *bp_format_count                 (gint64                   n_cases,
                                                           gboolean                 suppress_small);

void                      bp_indicator_query_init         (BpIndicatorQuery        *query,
                                                           BpAreaLevel              level,
                                                           int                      day);

BpIndicators             *bp_indicators_compute           (BpCountCube             *cube,
                                                           const BpIndicatorQuery  *query,
                                                           GError                 **error);
void                      bp_indicators_compute_async     (BpCountCube             *cube,
                                                           const BpIndicatorQuery  *query,
                                                           GCancellable            *cancellable,
                                                           GAsyncReadyCallback      callback,
                                                           gpointer                 user_data);
BpIndicators             *bp_indicators_compute_finish    (BpCountCube             *cube,
                                                           GAsyncResult            *result,
                                                           GError                 **error);
gboolean                  bp_indicators_compute_area      (BpCountCube             *cube,
                                                           gint64                   area_id,
                                                           int                      day,
                                                           int                      window_days,
                                                           int                      age_band,
                                                           BpCaseSourceFilter       sources,
                                                           gboolean                 suppress_small,
                                                           BpIndicatorRow          *row,
                                                           GError                 **error);
gboolean                  bp_indicators_compute_summary   (BpCountCube             *cube,
                                                           gint64                   area_id,
                                                           int                      day,
                                                           int                      age_band,
                                                           BpCaseSourceFilter       sources,
                                                           gboolean                 suppress_small,
                                                           BpIndicatorSummary      *summary,
                                                           GError                 **error);

const BpIndicatorQuery   *bp_indicators_get_query         (BpIndicators            *self);
BpCountCube              *bp_indicators_get_cube          (BpIndicators            *self);
guint                     bp_indicators_get_n_rows        (BpIndicators            *self);
const BpIndicatorRow     *bp_indicators_get_row           (BpIndicators            *self,
                                                           guint                    position);
const BpIndicatorRow     *bp_indicators_get_total         (BpIndicators            *self);
char                     *bp_indicators_dup_csv           (BpIndicators            *self);

gboolean                  bp_store_export_counts          (BpStore                 *store,
                                                           const char              *path,
                                                           gboolean                 suppress_small,
                                                           gint64                  *n_rows,
                                                           GError                 **error);

G_END_DECLS
