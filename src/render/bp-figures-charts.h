/* bp-figures-charts.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-age-chart-renderer.h"
#include "bp-dashboard-figures.h"
#include "bp-epicurve-chart-renderer.h"

G_BEGIN_DECLS

BpEpicurveData    *bp_epicurve_data_new_for_figures    (BpDashboardFigures *figures);
BpAgeDistribution *bp_age_distribution_new_for_figures (BpDashboardFigures *figures);

G_END_DECLS
