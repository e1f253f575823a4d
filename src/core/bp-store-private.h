/* bp-store-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-sqlite-private.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_STORE_APPLICATION_ID 0x42506e74 /* "BPnt" */

sqlite3      *_bp_store_get_db              (BpStore     *self);
sqlite3_stmt *_bp_store_prepare             (BpStore     *self,
                                             const char  *sql,
                                             GError     **error);
gboolean      _bp_store_exec                (BpStore     *self,
                                             const char  *sql,
                                             GError     **error);
gboolean      _bp_store_begin               (BpStore     *self,
                                             GError     **error);
gboolean      _bp_store_commit              (BpStore     *self,
                                             GError     **error);
void          _bp_store_rollback            (BpStore     *self);
void          _bp_store_set_sqlite_error    (BpStore     *self,
                                             GError     **error);
BpStore      *_bp_store_open_at_version     (const char  *path,
                                             int          version,
                                             GError     **error);

G_END_DECLS
