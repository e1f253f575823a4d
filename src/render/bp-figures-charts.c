/* bp-figures-charts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-figures-charts.h"
#include "bp-map-metric.h"

/* The dashboard's charts, from its figures: the same for the page, the
 * presentation and the report. Small daily counts are hidden here when the
 * figures say so, as the charts draw what they are given. */

static void
copy_shown (const gint64 *counts,
            guint         n_days,
            gboolean      suppress_small,
            gint64       *shown)
{
  for (guint i = 0; i < n_days; i++)
    shown[i] = suppress_small && bp_count_is_small (counts[i]) ? -1 : counts[i];
}

/* The daily cases of each source, for bars stacked by source. */
static void
set_source_counts (BpEpicurveData     *data,
                   BpDashboardFigures *figures,
                   gboolean            suppress,
                   gint64             *shown)
{
  const gint64 *by_source[BP_N_CASE_SOURCES];
  int first_day;
  guint n_days = 0;

  for (guint source = 0; source < BP_N_CASE_SOURCES; source++)
    by_source[source] = bp_dashboard_figures_get_daily_cases_by_source (figures, source, &first_day, &n_days);

  for (guint source = 0; source < BP_N_CASE_SOURCES; source++)
    {
      for (guint i = 0; i < n_days; i++)
        {
          gboolean any_small = FALSE;

          /* With two sources, one shown part and the total give the
           * other away: a day with any small part hides its whole split. */
          for (guint other = 0; suppress && other < BP_N_CASE_SOURCES; other++)
            any_small |= bp_count_is_small (by_source[other][i]);
          shown[i] = any_small ? BP_COUNT_SUPPRESSED : by_source[source][i];
        }
      bp_epicurve_data_set_source_counts (data, source, shown);
    }
}

/**
 * bp_epicurve_data_new_for_figures:
 * @figures: a #BpDashboardFigures
 *
 * Returns: (transfer full): the daily counts of the scope, all ages, per
 *   band and per case source, for the epidemic curve
 */
BpEpicurveData *
bp_epicurve_data_new_for_figures (BpDashboardFigures *figures)
{
  gboolean suppress = bp_dashboard_figures_get_small_suppressed (figures);
  g_autofree gint64 *shown = NULL;
  BpEpicurveData *data;
  const gint64 *counts;
  int first_day;
  guint n_days;

  counts = bp_dashboard_figures_get_daily_cases (figures, -1, &first_day, &n_days);
  shown = g_new (gint64, MAX (n_days, 1));
  copy_shown (counts, n_days, suppress, shown);
  data = bp_epicurve_data_new (first_day, n_days, shown);

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      counts = bp_dashboard_figures_get_daily_cases (figures, band, &first_day, &n_days);
      copy_shown (counts, n_days, suppress, shown);
      bp_epicurve_data_set_band_counts (data, band, shown);
    }

  /* One source chosen, there is nothing to split: plain bars. */
  if (bp_dashboard_figures_get_sources (figures) == BP_CASE_SOURCE_FILTER_ALL)
    set_source_counts (data, figures, suppress, shown);

  return data;
}

/**
 * bp_age_distribution_new_for_figures:
 * @figures: a #BpDashboardFigures
 *
 * Returns: (transfer full): cases per age band in the last 14 days and the
 *   14 before, with the population of each band
 */
BpAgeDistribution *
bp_age_distribution_new_for_figures (BpDashboardFigures *figures)
{
  BpAgeDistribution *distribution = bp_age_distribution_new (bp_dashboard_figures_get_day (figures), 14);

  bp_dashboard_figures_get_age_cases (figures, distribution->n_cases, distribution->previous_n_cases,
                                      distribution->population);
  return distribution;
}
