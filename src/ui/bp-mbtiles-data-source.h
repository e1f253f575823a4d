/* bp-mbtiles-data-source.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "bp-mbtiles.h"

G_BEGIN_DECLS

#define BP_TYPE_MBTILES_DATA_SOURCE (bp_mbtiles_data_source_get_type ())
G_DECLARE_FINAL_TYPE (BpMbtilesDataSource, bp_mbtiles_data_source, BP, MBTILES_DATA_SOURCE, ShumateDataSource)

BpMbtilesDataSource *bp_mbtiles_data_source_new (BpMbtiles *mbtiles);

G_END_DECLS
