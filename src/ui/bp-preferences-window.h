/* bp-preferences-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BP_TYPE_PREFERENCES_WINDOW (bp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, BP, PREFERENCES_WINDOW, AdwPreferencesWindow)

BpPreferencesWindow *bp_preferences_window_new (const char *store_path);

G_END_DECLS
