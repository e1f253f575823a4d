/* bp-store-documents.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-store.h"

G_BEGIN_DECLS

/* One entry of the local changes feed, as CouchDB's _changes gives it with
 * style=all_docs: leaf_revs holds every leaf, deleted ones too, winner first. */
typedef struct
{
  gint64    seq;
  char     *id;
  char     *winning_rev;
  gboolean  is_deleted;
  GStrv     leaf_revs;
} BpChange;

void        bp_change_free                  (BpChange            *change);

gboolean    bp_store_put_document           (BpStore             *self,
                                             const char          *id,
                                             const char          *base_rev,
                                             JsonObject          *body,
                                             char               **new_rev,
                                             GError             **error);
gboolean    bp_store_delete_document        (BpStore             *self,
                                             const char          *id,
                                             const char          *base_rev,
                                             char               **new_rev,
                                             GError             **error);
JsonObject *bp_store_dup_document           (BpStore             *self,
                                             const char          *id,
                                             char               **rev,
                                             GError             **error);
JsonObject *bp_store_dup_revision           (BpStore             *self,
                                             const char          *id,
                                             const char          *rev,
                                             GError             **error);
gboolean    bp_store_insert_revision        (BpStore             *self,
                                             const char          *id,
                                             const char * const  *rev_path,
                                             JsonObject          *body,
                                             gboolean             is_deleted,
                                             GError             **error);
GStrv       bp_store_dup_leaf_revs          (BpStore             *self,
                                             const char          *id,
                                             GError             **error);
GPtrArray  *bp_store_list_changes           (BpStore             *self,
                                             gint64               since_seq,
                                             guint                limit,
                                             GError             **error);
gint64      bp_store_get_last_seq           (BpStore             *self);
guint       bp_store_count_documents_by_type (BpStore            *self,
                                             const char         *type);
GPtrArray  *bp_store_list_documents_by_type (BpStore             *self,
                                             const char          *type,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChange, bp_change_free)

G_END_DECLS
