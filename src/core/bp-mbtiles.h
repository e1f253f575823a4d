/* bp-mbtiles.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BP_MBTILES_ERROR (bp_mbtiles_error_quark ())

typedef enum
{
  BP_MBTILES_ERROR_INVALID,
  BP_MBTILES_ERROR_UNSUPPORTED,
  BP_MBTILES_ERROR_NOT_FOUND,
  BP_MBTILES_ERROR_FAILED,
} BpMbtilesError;

#define BP_TYPE_MBTILES (bp_mbtiles_get_type ())
G_DECLARE_FINAL_TYPE (BpMbtiles, bp_mbtiles, BP, MBTILES, GObject)

GQuark      bp_mbtiles_error_quark      (void);
BpMbtiles  *bp_mbtiles_open             (const char  *path,
                                         GError     **error);
const char *bp_mbtiles_get_path         (BpMbtiles   *self);
const char *bp_mbtiles_get_name         (BpMbtiles   *self);
const char *bp_mbtiles_get_attribution  (BpMbtiles   *self);
const char *bp_mbtiles_get_format       (BpMbtiles   *self);
int         bp_mbtiles_get_min_zoom     (BpMbtiles   *self);
int         bp_mbtiles_get_max_zoom     (BpMbtiles   *self);
GBytes     *bp_mbtiles_dup_tile         (BpMbtiles   *self,
                                         int          zoom,
                                         int          x,
                                         int          y,
                                         GError     **error);

G_END_DECLS
