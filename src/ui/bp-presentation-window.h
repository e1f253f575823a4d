/* bp-presentation-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-dashboard-figures.h"
#include "bp-map-renderer.h"

G_BEGIN_DECLS

#define BP_TYPE_PRESENTATION_WINDOW (bp_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (BpPresentationWindow, bp_presentation_window, BP, PRESENTATION_WINDOW, AdwWindow)

BpPresentationWindow *bp_presentation_window_new          (GtkWindow          *parent,
                                                           BpDashboardFigures *figures,
                                                           BpMapRenderer      *renderer);
const char           *bp_presentation_window_get_banner   (BpPresentationWindow *self);
BpMapRenderer        *bp_presentation_window_get_renderer (BpPresentationWindow *self);

G_END_DECLS
