/* bp-ui-format.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-chart-axis.h"
#include "bp-dashboard-figures.h"

G_BEGIN_DECLS

char *bp_ui_format_count     (gint64              n_cases,
                              gboolean            suppress_small);
char *bp_ui_format_freshness (BpDashboardFigures *figures,
                              int                *age_days);

G_END_DECLS
