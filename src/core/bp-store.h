/* bp-store.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema version this build writes; see the migrations in bp-store.c. */
#define BP_STORE_SCHEMA_VERSION 6

#define BP_STORE_ERROR (bp_store_error_quark ())

typedef enum
{
  BP_STORE_ERROR_CORRUPT,
  BP_STORE_ERROR_LOCKED,
  BP_STORE_ERROR_TOO_NEW,
  BP_STORE_ERROR_NOT_A_STORE,
  BP_STORE_ERROR_UNREADABLE,
  BP_STORE_ERROR_FAILED,
  BP_STORE_ERROR_NOT_FOUND,
  BP_STORE_ERROR_CONFLICT,
  BP_STORE_ERROR_INVALID,
} BpStoreError;

#define BP_TYPE_STORE (bp_store_get_type ())
G_DECLARE_FINAL_TYPE (BpStore, bp_store, BP, STORE, GObject)

GQuark      bp_store_error_quark         (void);
BpStore    *bp_store_open                (const char  *path,
                                          GError     **error);
const char *bp_store_get_path            (BpStore     *self);
int         bp_store_get_schema_version  (BpStore     *self);
char       *bp_store_dup_meta            (BpStore     *self,
                                          const char  *key);
gboolean    bp_store_set_meta            (BpStore     *self,
                                          const char  *key,
                                          const char  *value,
                                          GError     **error);
gboolean    bp_store_is_demo             (BpStore     *self);
char       *bp_store_dup_default_path    (void);

G_END_DECLS
