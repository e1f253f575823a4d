/* bp-window-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-dashboard-page.h"
#include "bp-map-page.h"
#include "bp-scope-chooser.h"
#include "bp-window.h"

G_BEGIN_DECLS

BpScopeChooser *_bp_window_get_scope_chooser (BpWindow *self);
BpMapPage      *_bp_window_get_map_page      (BpWindow *self);
BpDashboardPage *_bp_window_get_dashboard_page (BpWindow *self);

G_END_DECLS
