/* bp-age-chart.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-age-chart-renderer.h"

G_BEGIN_DECLS

#define BP_TYPE_AGE_CHART (bp_age_chart_get_type ())
G_DECLARE_FINAL_TYPE (BpAgeChart, bp_age_chart, BP, AGE_CHART, GtkWidget)

GtkWidget               *bp_age_chart_new              (void);
void                     bp_age_chart_set_distribution (BpAgeChart               *self,
                                                        const BpAgeDistribution  *distribution);
const BpAgeDistribution *bp_age_chart_get_distribution (BpAgeChart               *self);
void                     bp_age_chart_set_mode         (BpAgeChart               *self,
                                                        BpAgeChartMode            mode);
BpAgeChartMode           bp_age_chart_get_mode         (BpAgeChart               *self);
void                     bp_age_chart_set_breaks       (BpAgeChart               *self,
                                                        BpClassBreaks            *breaks);
BpClassBreaks           *bp_age_chart_get_breaks       (BpAgeChart               *self);
void                     bp_age_chart_set_title        (BpAgeChart               *self,
                                                        const char               *title);
const char              *bp_age_chart_get_title        (BpAgeChart               *self);
BpAgeChartRenderer      *bp_age_chart_get_renderer     (BpAgeChart               *self);
char                    *bp_age_chart_dup_tooltip      (BpAgeChart               *self,
                                                        double                    x,
                                                        double                    y);
gboolean                 bp_age_chart_save_to_file     (BpAgeChart               *self,
                                                        const char               *path,
                                                        int                       width,
                                                        int                       height,
                                                        GError                  **error);

G_END_DECLS
