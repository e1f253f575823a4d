/* bp-outline-origin.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far the drawn outline of a statistical sector can be trusted. The
 * shipped outlines are mostly synthetic splits of a real area (see
 * data/geography/README.md): their codes, names, populations and counts are
 * real, but where each lies inside that area is invented. */
typedef enum
{
  BP_OUTLINE_ORIGIN_REAL,
  BP_OUTLINE_ORIGIN_RECONSTRUCTED,
  BP_OUTLINE_ORIGIN_APPROXIMATE,
} BpOutlineOrigin;

#define BP_N_OUTLINE_ORIGINS 3

BpOutlineOrigin  bp_outline_origin_from_geometry_source (const char      *geometry_source);
const char      *bp_outline_origin_get_display_name     (BpOutlineOrigin  origin);

G_END_DECLS
