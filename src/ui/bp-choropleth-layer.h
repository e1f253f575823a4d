/* bp-choropleth-layer.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "bp-map-renderer.h"

G_BEGIN_DECLS

#define BP_TYPE_CHOROPLETH_LAYER (bp_choropleth_layer_get_type ())
G_DECLARE_FINAL_TYPE (BpChoroplethLayer, bp_choropleth_layer, BP, CHOROPLETH_LAYER, ShumateLayer)

BpChoroplethLayer *bp_choropleth_layer_new          (ShumateViewport   *viewport,
                                                     BpMapRenderer     *renderer);
BpMapRenderer     *bp_choropleth_layer_get_renderer (BpChoroplethLayer *self);
void               bp_choropleth_layer_get_view     (BpChoroplethLayer *self,
                                                     BpMapView         *view);
int                bp_choropleth_layer_hit_test     (BpChoroplethLayer *self,
                                                     double             x,
                                                     double             y);
void               bp_choropleth_layer_changed      (BpChoroplethLayer *self);
gboolean           bp_choropleth_layer_is_current   (BpChoroplethLayer *self);

G_END_DECLS
