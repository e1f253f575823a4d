/* bp-age-chart-renderer.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bp-area.h"
#include "bp-chart-axis.h"

G_BEGIN_DECLS

/* What the bars of the age chart measure. */
typedef enum
{
  BP_AGE_CHART_MODE_COUNT,
  BP_AGE_CHART_MODE_INCIDENCE,
} BpAgeChartMode;

/* The cases of one area per age band in a period and in the period of the
 * same length before it, with the population of each band. Counts below 0
 * are suppressed ("<5"); a population of 0 or less is unknown. */
typedef struct
{
  int    last_day;     /* the last day of the current period */
  int    period_days;  /* the length of each period */
  gint64 n_cases[BP_N_AGE_BANDS];
  gint64 previous_n_cases[BP_N_AGE_BANDS];
  gint64 population[BP_N_AGE_BANDS];
} BpAgeDistribution;

/* What lies under a point of the chart; see bp_age_chart_renderer_hit_test(). */
typedef struct
{
  int      age_band;
  gboolean is_previous; /* over the bar of the previous period */
} BpAgeChartHit;

#define BP_TYPE_AGE_CHART_MODE   (bp_age_chart_mode_get_type ())
#define BP_TYPE_AGE_DISTRIBUTION (bp_age_distribution_get_type ())

GType              bp_age_chart_mode_get_type      (void) G_GNUC_CONST;

GType              bp_age_distribution_get_type    (void) G_GNUC_CONST;
BpAgeDistribution *bp_age_distribution_new         (int                      last_day,
                                                    int                      period_days);
BpAgeDistribution *bp_age_distribution_copy        (const BpAgeDistribution *self);
void               bp_age_distribution_free        (BpAgeDistribution       *self);
double             bp_age_distribution_get_rate    (const BpAgeDistribution *self,
                                                    guint                    age_band,
                                                    gboolean                 previous);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpAgeDistribution, bp_age_distribution_free)

#define BP_TYPE_AGE_CHART_RENDERER (bp_age_chart_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BpAgeChartRenderer, bp_age_chart_renderer, BP, AGE_CHART_RENDERER, GObject)

BpAgeChartRenderer      *bp_age_chart_renderer_new                (void);
void                     bp_age_chart_renderer_set_distribution   (BpAgeChartRenderer       *self,
                                                                   const BpAgeDistribution  *distribution);
const BpAgeDistribution *bp_age_chart_renderer_get_distribution   (BpAgeChartRenderer       *self);
void                     bp_age_chart_renderer_set_mode           (BpAgeChartRenderer       *self,
                                                                   BpAgeChartMode            mode);
BpAgeChartMode           bp_age_chart_renderer_get_mode           (BpAgeChartRenderer       *self);
void                     bp_age_chart_renderer_set_breaks         (BpAgeChartRenderer       *self,
                                                                   BpClassBreaks            *breaks);
BpClassBreaks           *bp_age_chart_renderer_get_breaks         (BpAgeChartRenderer       *self);
void                     bp_age_chart_renderer_set_title          (BpAgeChartRenderer       *self,
                                                                   const char               *title);
const char              *bp_age_chart_renderer_get_title          (BpAgeChartRenderer       *self);
void                     bp_age_chart_renderer_set_style          (BpAgeChartRenderer       *self,
                                                                   const BpChartStyle       *style);
void                     bp_age_chart_renderer_set_size           (BpAgeChartRenderer       *self,
                                                                   int                       width,
                                                                   int                       height);
void                     bp_age_chart_renderer_set_highlight_band (BpAgeChartRenderer       *self,
                                                                   int                       age_band);

void                     bp_age_chart_renderer_draw               (BpAgeChartRenderer       *self,
                                                                   cairo_t                  *cr);
gboolean                 bp_age_chart_renderer_hit_test           (BpAgeChartRenderer       *self,
                                                                   double                    x,
                                                                   double                    y,
                                                                   BpAgeChartHit            *hit);
gboolean                 bp_age_chart_renderer_render_to_file     (BpAgeChartRenderer       *self,
                                                                   const char               *path,
                                                                   int                       width,
                                                                   int                       height,
                                                                   GError                  **error);

void                     bp_age_chart_renderer_get_plot_area      (BpAgeChartRenderer       *self,
                                                                   BpChartRect              *rect);
double                   bp_age_chart_renderer_get_axis_max       (BpAgeChartRenderer       *self,
                                                                   double                   *step);
void                     bp_age_chart_renderer_get_bar_extents    (BpAgeChartRenderer       *self,
                                                                   guint                     age_band,
                                                                   gboolean                  previous,
                                                                   double                   *x0,
                                                                   double                   *x1);
double                   bp_age_chart_renderer_value_to_y         (BpAgeChartRenderer       *self,
                                                                   double                    value);
double                   bp_age_chart_renderer_get_stub_height    (BpAgeChartRenderer       *self);

G_END_DECLS
