/* bp-epicurve-chart.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-epicurve-chart-renderer.h"

G_BEGIN_DECLS

/* The fewest days the curve zooms in to. */
#define BP_EPICURVE_CHART_MIN_DAYS 14

#define BP_TYPE_EPICURVE_CHART (bp_epicurve_chart_get_type ())
G_DECLARE_FINAL_TYPE (BpEpicurveChart, bp_epicurve_chart, BP, EPICURVE_CHART, GtkWidget)

GtkWidget               *bp_epicurve_chart_new               (void);
void                     bp_epicurve_chart_set_data          (BpEpicurveChart    *self,
                                                              BpEpicurveData     *data);
BpEpicurveData          *bp_epicurve_chart_get_data          (BpEpicurveChart    *self);
void                     bp_epicurve_chart_set_reference_day (BpEpicurveChart    *self,
                                                              int                 day);
int                      bp_epicurve_chart_get_reference_day (BpEpicurveChart    *self);
void                     bp_epicurve_chart_set_stacking      (BpEpicurveChart    *self,
                                                              BpEpicurveStacking  stacking);
BpEpicurveStacking       bp_epicurve_chart_get_stacking      (BpEpicurveChart    *self);
void                     bp_epicurve_chart_set_title         (BpEpicurveChart    *self,
                                                              const char         *title);
const char              *bp_epicurve_chart_get_title         (BpEpicurveChart    *self);
void                     bp_epicurve_chart_set_range         (BpEpicurveChart    *self,
                                                              int                 first_day,
                                                              int                 last_day);
void                     bp_epicurve_chart_reset_range       (BpEpicurveChart    *self);
int                      bp_epicurve_chart_get_first_day     (BpEpicurveChart    *self);
int                      bp_epicurve_chart_get_last_day      (BpEpicurveChart    *self);
void                     bp_epicurve_chart_zoom              (BpEpicurveChart    *self,
                                                              double              factor,
                                                              int                 anchor_day);
void                     bp_epicurve_chart_pan               (BpEpicurveChart    *self,
                                                              int                 n_days);
BpEpicurveChartRenderer *bp_epicurve_chart_get_renderer      (BpEpicurveChart    *self);
char                    *bp_epicurve_chart_dup_tooltip       (BpEpicurveChart    *self,
                                                              double              x,
                                                              double              y);
gboolean                 bp_epicurve_chart_save_to_file      (BpEpicurveChart    *self,
                                                              const char         *path,
                                                              int                 width,
                                                              int                 height,
                                                              GError            **error);

G_END_DECLS
