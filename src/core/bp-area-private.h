/* bp-area-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-area.h"

G_BEGIN_DECLS

void _bp_area_set_parent_names (BpArea     *self,
                                const char *name_nl,
                                const char *name_fr);

G_END_DECLS
