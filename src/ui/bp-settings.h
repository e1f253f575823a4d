/* bp-settings.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define BP_SETTINGS_KEY_WINDOW_WIDTH       "window-width"
#define BP_SETTINGS_KEY_WINDOW_HEIGHT      "window-height"
#define BP_SETTINGS_KEY_WINDOW_MAXIMIZED   "window-maximized"
#define BP_SETTINGS_KEY_LAST_PAGE          "last-page"
#define BP_SETTINGS_KEY_SCOPE_LEVEL        "scope-level"
#define BP_SETTINGS_KEY_SCOPE_CODE         "scope-code"
#define BP_SETTINGS_KEY_FOLLOW_LATEST_DATE "follow-latest-date"
#define BP_SETTINGS_KEY_REFERENCE_DATE     "reference-date"
#define BP_SETTINGS_KEY_STORE_PATH         "store-path"
#define BP_SETTINGS_KEY_BASEMAP            "basemap"
#define BP_SETTINGS_KEY_MBTILES_PATH       "mbtiles-path"
#define BP_SETTINGS_KEY_SUPPRESS_SMALL     "suppress-small-counts"
#define BP_SETTINGS_KEY_ALERTS_SEEN_DAY    "alerts-seen-day"
#define BP_SETTINGS_KEY_CASE_SOURCES       "case-sources"
