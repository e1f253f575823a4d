/* bp-map-page.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_TYPE_MAP_PAGE (bp_map_page_get_type ())
G_DECLARE_FINAL_TYPE (BpMapPage, bp_map_page, BP, MAP_PAGE, AdwBin)

void        bp_map_page_set_store         (BpMapPage  *self,
                                           BpStore    *store);
void        bp_map_page_set_scope         (BpMapPage  *self,
                                           BpArea     *scope);
void        bp_map_page_set_day           (BpMapPage  *self,
                                           int         day);
gboolean    bp_map_page_is_ready          (BpMapPage  *self);
gboolean    bp_map_page_select_at         (BpMapPage  *self,
                                           double      x,
                                           double      y);
const char *bp_map_page_get_selected_code (BpMapPage  *self);
void        bp_map_page_show_area         (BpMapPage   *self,
                                           BpAreaLevel  level,
                                           const char  *code);

G_END_DECLS
