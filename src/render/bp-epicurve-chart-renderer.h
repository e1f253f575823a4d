/* bp-epicurve-chart-renderer.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bp-case-source.h"
#include "bp-chart-axis.h"

G_BEGIN_DECLS

/* The days a curve shows when no range is set: 90 ending at the reference
 * day. */
#define BP_EPICURVE_DEFAULT_DAYS 90

/* How the bars of an epidemic curve are split: not at all, by age band, or
 * by the source of the cases. */
typedef enum
{
  BP_EPICURVE_STACKING_NONE,
  BP_EPICURVE_STACKING_AGE_BANDS,
  BP_EPICURVE_STACKING_SOURCES,
} BpEpicurveStacking;

/* Daily case counts of one area, for an epidemic curve: a total per day
 * and, optionally, a count per age band and per case source. Counts below
 * 0 are suppressed
 * ("<5"). Fill it, then hand it to charts, which share it: it must not
 * change after that. */
typedef struct _BpEpicurveData BpEpicurveData;

/* What lies under a point of the chart; see
 * bp_epicurve_chart_renderer_hit_test(). */
typedef struct
{
  int    day;
  int    age_band;       /* the band whose part of a stacked bar is there, or -1 */
  int    source;         /* the BpCaseSource whose part is there, or -1 */
  gint64 n_cases;        /* the day's total; below 0 when suppressed */
  gint64 band_n_cases;   /* the band's count when age_band >= 0 */
  gint64 source_n_cases; /* the source's count when source >= 0 */
  double average;        /* the 7-day average ending that day, NaN when unknown */
} BpEpicurveHit;

#define BP_TYPE_EPICURVE_STACKING (bp_epicurve_stacking_get_type ())
#define BP_TYPE_EPICURVE_DATA     (bp_epicurve_data_get_type ())

GType            bp_epicurve_stacking_get_type       (void) G_GNUC_CONST;

GType            bp_epicurve_data_get_type           (void) G_GNUC_CONST;
BpEpicurveData  *bp_epicurve_data_new                (int                      first_day,
                                                      guint                    n_days,
                                                      const gint64            *n_cases);
BpEpicurveData  *bp_epicurve_data_ref                (BpEpicurveData          *self);
void             bp_epicurve_data_unref              (BpEpicurveData          *self);
void             bp_epicurve_data_set_band_counts    (BpEpicurveData          *self,
                                                      guint                    age_band,
                                                      const gint64            *n_cases);
void             bp_epicurve_data_set_source_counts  (BpEpicurveData          *self,
                                                      BpCaseSource             source,
                                                      const gint64            *n_cases);
int              bp_epicurve_data_get_first_day      (BpEpicurveData          *self);
int              bp_epicurve_data_get_last_day       (BpEpicurveData          *self);
guint            bp_epicurve_data_get_n_days         (BpEpicurveData          *self);
gboolean         bp_epicurve_data_has_bands          (BpEpicurveData          *self);
gboolean         bp_epicurve_data_has_sources        (BpEpicurveData          *self);
gint64           bp_epicurve_data_get_n_cases        (BpEpicurveData          *self,
                                                      int                      day);
gint64           bp_epicurve_data_get_band_n_cases   (BpEpicurveData          *self,
                                                      int                      day,
                                                      guint                    age_band);
gint64           bp_epicurve_data_get_source_n_cases (BpEpicurveData          *self,
                                                      int                      day,
                                                      BpCaseSource             source);
double           bp_epicurve_data_get_average        (BpEpicurveData          *self,
                                                      int                      day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpEpicurveData, bp_epicurve_data_unref)

#define BP_TYPE_EPICURVE_CHART_RENDERER (bp_epicurve_chart_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BpEpicurveChartRenderer, bp_epicurve_chart_renderer, BP, EPICURVE_CHART_RENDERER, GObject)

BpEpicurveChartRenderer *bp_epicurve_chart_renderer_new                (void);
void                     bp_epicurve_chart_renderer_set_data           (BpEpicurveChartRenderer  *self,
                                                                        BpEpicurveData           *data);
BpEpicurveData          *bp_epicurve_chart_renderer_get_data           (BpEpicurveChartRenderer  *self);
void                     bp_epicurve_chart_renderer_set_range          (BpEpicurveChartRenderer  *self,
                                                                        int                       first_day,
                                                                        int                       last_day);
void                     bp_epicurve_chart_renderer_unset_range        (BpEpicurveChartRenderer  *self);
void                     bp_epicurve_chart_renderer_get_range          (BpEpicurveChartRenderer  *self,
                                                                        int                      *first_day,
                                                                        int                      *last_day);
void                     bp_epicurve_chart_renderer_set_reference_day  (BpEpicurveChartRenderer  *self,
                                                                        int                       day);
int                      bp_epicurve_chart_renderer_get_reference_day  (BpEpicurveChartRenderer  *self);
void                     bp_epicurve_chart_renderer_set_stacking       (BpEpicurveChartRenderer  *self,
                                                                        BpEpicurveStacking        stacking);
BpEpicurveStacking       bp_epicurve_chart_renderer_get_stacking       (BpEpicurveChartRenderer  *self);
void                     bp_epicurve_chart_renderer_set_title          (BpEpicurveChartRenderer  *self,
                                                                        const char               *title);
const char              *bp_epicurve_chart_renderer_get_title          (BpEpicurveChartRenderer  *self);
void                     bp_epicurve_chart_renderer_set_style          (BpEpicurveChartRenderer  *self,
                                                                        const BpChartStyle       *style);
void                     bp_epicurve_chart_renderer_set_size           (BpEpicurveChartRenderer  *self,
                                                                        int                       width,
                                                                        int                       height);
void                     bp_epicurve_chart_renderer_set_highlight_day  (BpEpicurveChartRenderer  *self,
                                                                        int                       day);

void                     bp_epicurve_chart_renderer_draw               (BpEpicurveChartRenderer  *self,
                                                                        cairo_t                  *cr);
gboolean                 bp_epicurve_chart_renderer_hit_test           (BpEpicurveChartRenderer  *self,
                                                                        double                    x,
                                                                        double                    y,
                                                                        BpEpicurveHit            *hit);
gboolean                 bp_epicurve_chart_renderer_render_to_file     (BpEpicurveChartRenderer  *self,
                                                                        const char               *path,
                                                                        int                       width,
                                                                        int                       height,
                                                                        GError                  **error);

void                     bp_epicurve_chart_renderer_get_plot_area      (BpEpicurveChartRenderer  *self,
                                                                        BpChartRect              *rect);
double                   bp_epicurve_chart_renderer_get_axis_max       (BpEpicurveChartRenderer  *self,
                                                                        double                   *step);
gboolean                 bp_epicurve_chart_renderer_get_bar_extents    (BpEpicurveChartRenderer  *self,
                                                                        int                       day,
                                                                        double                   *x0,
                                                                        double                   *x1);
double                   bp_epicurve_chart_renderer_value_to_y         (BpEpicurveChartRenderer  *self,
                                                                        double                    value);
double                   bp_epicurve_chart_renderer_get_stub_height    (BpEpicurveChartRenderer  *self);

G_END_DECLS
