/* bp-dashboard-page.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-area.h"
#include "bp-dashboard-figures.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_TYPE_DASHBOARD_PAGE (bp_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (BpDashboardPage, bp_dashboard_page, BP, DASHBOARD_PAGE, AdwBin)

void                bp_dashboard_page_set_store       (BpDashboardPage *self,
                                                       BpStore         *store);
void                bp_dashboard_page_set_scope       (BpDashboardPage *self,
                                                       BpArea          *area);
void                bp_dashboard_page_set_day         (BpDashboardPage *self,
                                                       int              day);
BpDashboardFigures *bp_dashboard_page_get_figures     (BpDashboardPage *self);
GListModel         *bp_dashboard_page_get_alerts      (BpDashboardPage *self);
gboolean            bp_dashboard_page_is_ready        (BpDashboardPage *self);
gint64              bp_dashboard_page_get_last_refresh_time (BpDashboardPage *self);
gint64              bp_dashboard_page_get_last_compute_time (BpDashboardPage *self);

G_END_DECLS
