/* bp-ranking-item.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-area.h"
#include "bp-indicators.h"

G_BEGIN_DECLS

#define BP_TYPE_RANKING_ITEM (bp_ranking_item_get_type ())
G_DECLARE_FINAL_TYPE (BpRankingItem, bp_ranking_item, BP, RANKING_ITEM, GObject)

BpRankingItem        *bp_ranking_item_new                  (BpAreaLevel           level,
                                                            const BpIndicatorRow *row,
                                                            gboolean              suppress_small);
void                  bp_ranking_item_update               (BpRankingItem        *self,
                                                            BpAreaLevel           level,
                                                            const BpIndicatorRow *row,
                                                            gboolean              suppress_small);
BpAreaLevel           bp_ranking_item_get_level            (BpRankingItem        *self);
const BpIndicatorRow *bp_ranking_item_get_row              (BpRankingItem        *self);
gboolean              bp_ranking_item_get_small_suppressed (BpRankingItem        *self);
const char           *bp_ranking_item_get_code             (BpRankingItem        *self);
const char           *bp_ranking_item_get_name             (BpRankingItem        *self);
char                 *bp_ranking_item_dup_cases_text       (BpRankingItem        *self,
                                                            gboolean              previous);
char                 *bp_ranking_item_dup_incidence_text   (BpRankingItem        *self);
char                 *bp_ranking_item_dup_trend_text       (BpRankingItem        *self);
char                 *bp_ranking_item_dup_population_text  (BpRankingItem        *self);

G_END_DECLS
