/* bp-sector-panel.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-map-metric.h"
#include "bp-sector-map.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_TYPE_SECTOR_PANEL (bp_sector_panel_get_type ())
G_DECLARE_FINAL_TYPE (BpSectorPanel, bp_sector_panel, BP, SECTOR_PANEL, AdwBin)

void        bp_sector_panel_show_sector (BpSectorPanel  *self,
                                         BpStore        *store,
                                         BpSectorMap    *map,
                                         BpSectorValues *values,
                                         guint           sector);
const char *bp_sector_panel_get_code    (BpSectorPanel  *self);

G_END_DECLS
