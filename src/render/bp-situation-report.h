/* bp-situation-report.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bp-dashboard-figures.h"
#include "bp-map-renderer.h"

G_BEGIN_DECLS

/* A4 in points. */
#define BP_SITUATION_REPORT_PAGE_WIDTH  595.0
#define BP_SITUATION_REPORT_PAGE_HEIGHT 842.0

#define BP_TYPE_SITUATION_REPORT (bp_situation_report_get_type ())
G_DECLARE_FINAL_TYPE (BpSituationReport, bp_situation_report, BP, SITUATION_REPORT, GObject)

BpSituationReport *bp_situation_report_new         (BpDashboardFigures  *figures,
                                                    BpMapRenderer       *map_renderer);
void               bp_situation_report_set_created (BpSituationReport   *self,
                                                    GDateTime           *created);
void               bp_situation_report_set_alerts  (BpSituationReport   *self,
                                                    GListModel          *alerts);
guint              bp_situation_report_get_n_pages (BpSituationReport   *self);
void               bp_situation_report_draw_page   (BpSituationReport   *self,
                                                    cairo_t             *cr,
                                                    guint                page,
                                                    double               width,
                                                    double               height);
gboolean           bp_situation_report_save_pdf    (BpSituationReport   *self,
                                                    const char          *path,
                                                    GError             **error);

G_END_DECLS
