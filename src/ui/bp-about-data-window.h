/* bp-about-data-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-store.h"

G_BEGIN_DECLS

#define BP_TYPE_ABOUT_DATA_WINDOW (bp_about_data_window_get_type ())
G_DECLARE_FINAL_TYPE (BpAboutDataWindow, bp_about_data_window, BP, ABOUT_DATA_WINDOW, AdwPreferencesWindow)

BpAboutDataWindow *bp_about_data_window_new (BpStore *store);

G_END_DECLS
