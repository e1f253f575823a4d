/* bp-dashboard-figures.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"
#include "bp-count-cube.h"
#include "bp-indicators.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* Days of counts the figures hold for the epidemic curve, ending at the
 * reference day: enough for the curve's longest range. */
#define BP_DASHBOARD_MAX_CURVE_DAYS 730

/* 14-day incidence per 100,000 above which a sector counts as "above the
 * alert threshold" when the rules give none. */
#define BP_DASHBOARD_DEFAULT_SECTOR_THRESHOLD 500.0

/* For last_seen_day: leave the alerts out, for a caller that evaluates
 * them on its own (they take longest). */
#define BP_DASHBOARD_SKIP_ALERTS G_MININT

#define BP_TYPE_DASHBOARD_FIGURES (bp_dashboard_figures_get_type ())
G_DECLARE_FINAL_TYPE (BpDashboardFigures, bp_dashboard_figures, BP, DASHBOARD_FIGURES, GObject)

BpDashboardFigures *bp_dashboard_figures_compute               (BpStore             *store,
                                                                BpCountCube         *cube,
                                                                BpArea              *area,
                                                                int                  day,
                                                                gboolean             suppress_small,
                                                                BpCaseSourceFilter   sources,
                                                                int                  last_seen_day,
                                                                GError             **error);
void                bp_dashboard_figures_compute_async         (BpStore             *store,
                                                                BpCountCube         *cube,
                                                                BpArea              *area,
                                                                int                  day,
                                                                gboolean             suppress_small,
                                                                BpCaseSourceFilter   sources,
                                                                int                  last_seen_day,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
BpDashboardFigures *bp_dashboard_figures_compute_finish        (GAsyncResult        *result,
                                                                GError             **error);

BpArea             *bp_dashboard_figures_get_area              (BpDashboardFigures  *self);
int                 bp_dashboard_figures_get_day               (BpDashboardFigures  *self);
gboolean            bp_dashboard_figures_get_small_suppressed  (BpDashboardFigures  *self);
BpCaseSourceFilter  bp_dashboard_figures_get_sources           (BpDashboardFigures  *self);
gboolean            bp_dashboard_figures_get_data_range        (BpDashboardFigures  *self,
                                                                int                 *first_day,
                                                                int                 *last_day);
gint64              bp_dashboard_figures_get_population        (BpDashboardFigures  *self);
gint64              bp_dashboard_figures_get_cases             (BpDashboardFigures  *self,
                                                                int                  window_days);
gint64              bp_dashboard_figures_get_cases_by_source   (BpDashboardFigures  *self,
                                                                int                  window_days,
                                                                BpCaseSource         source);
gint64              bp_dashboard_figures_get_previous_cases    (BpDashboardFigures  *self,
                                                                int                  window_days);
double              bp_dashboard_figures_get_incidence         (BpDashboardFigures  *self,
                                                                int                  window_days);
double              bp_dashboard_figures_get_change            (BpDashboardFigures  *self);
guint               bp_dashboard_figures_get_n_sectors         (BpDashboardFigures  *self);
guint               bp_dashboard_figures_get_n_sectors_above   (BpDashboardFigures  *self,
                                                                double              *threshold);
guint               bp_dashboard_figures_get_n_open_clusters   (BpDashboardFigures  *self);
guint               bp_dashboard_figures_get_n_signalling_homes (BpDashboardFigures *self,
                                                                int                 *window_days);
const gint64       *bp_dashboard_figures_get_daily_cases       (BpDashboardFigures  *self,
                                                                int                  age_band,
                                                                int                 *first_day,
                                                                guint               *n_days);
const gint64       *bp_dashboard_figures_get_daily_cases_by_source (BpDashboardFigures *self,
                                                                BpCaseSource         source,
                                                                int                 *first_day,
                                                                guint               *n_days);
void                bp_dashboard_figures_get_age_cases         (BpDashboardFigures  *self,
                                                                gint64               current[BP_N_AGE_BANDS],
                                                                gint64               previous[BP_N_AGE_BANDS],
                                                                gint64               population[BP_N_AGE_BANDS]);
const BpIndicatorSummary *bp_dashboard_figures_get_summary   (BpDashboardFigures  *self);
BpIndicators       *bp_dashboard_figures_get_ranking           (BpDashboardFigures  *self,
                                                                gboolean             sectors);
GListModel         *bp_dashboard_figures_get_alerts            (BpDashboardFigures  *self);
GPtrArray          *bp_dashboard_figures_get_open_clusters     (BpDashboardFigures  *self);

G_END_DECLS
