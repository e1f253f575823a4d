/* bp-map-page-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-choropleth-layer.h"
#include "bp-map-page.h"
#include "bp-sector-panel.h"

G_BEGIN_DECLS

BpChoroplethLayer *_bp_map_page_get_layer        (BpMapPage *self);
BpSectorPanel     *_bp_map_page_get_sector_panel (BpMapPage *self);
AdwFlap           *_bp_map_page_get_flap         (BpMapPage *self);
BpSectorValues    *_bp_map_page_get_values       (BpMapPage *self);
GtkDropDown       *_bp_map_page_get_level_dropdown (BpMapPage *self);
GtkDropDown       *_bp_map_page_get_source_dropdown (BpMapPage *self);

G_END_DECLS
