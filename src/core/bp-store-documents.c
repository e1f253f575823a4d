/* bp-store-documents.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-store-documents.h"
#include "bp-store-private.h"

/* The local sequence lives in store_meta rather than being max(local_seq):
 * personal data is purged after its retention period (DESIGN.md, Privacy),
 * and purging the document that held the highest sequence would hand that
 * number out again. A peer that checkpointed "since N" would then miss the
 * change, so a sequence is never reused. Reading max() as well keeps the
 * counter right for a store whose key was lost. */
#define LAST_SEQ_KEY "last-seq"

/* CouchDB's deterministic winner among the leaves: a live leaf beats a
 * deleted one, then the highest generation, then the greatest revision
 * string (byte order, as Erlang compares binaries). Every peer picks the
 * same winner without talking to the others.
 * https://docs.couchdb.org/en/stable/replication/conflicts.html */
#define LEAF_ORDER " ORDER BY is_deleted, generation DESC, rev DESC"

/**
 * bp_change_free:
 * @change: (nullable) (transfer full): a #BpChange
 *
 * Frees @change and its strings.
 */
void
bp_change_free (BpChange *change)
{
  if (change == NULL)
    return;

  g_free (change->id);
  g_free (change->winning_rev);
  g_strfreev (change->leaf_revs);
  g_free (change);
}

/* A revision is "N-hex": a generation without leading zeros, above zero. */
static gboolean
parse_rev (const char *rev,
           gint64     *generation)
{
  const char *p = rev;
  gint64 value = 0;

  if (rev == NULL || *p < '1' || *p > '9')
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      if (value > (G_MAXINT64 - 9) / 10)
        return FALSE;
      value = value * 10 + (*p - '0');
    }

  if (*p++ != '-' || *p == '\0')
    return FALSE;

  for (; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  *generation = value;
  return TRUE;
}

static int
compare_member_names (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (a, b);
}

static JsonObject *canonical_object (JsonObject *object,
                                     gboolean    is_body);

static JsonNode *
canonical_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, canonical_object (json_node_get_object (node), FALSE));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, canonical_node (json_array_get_element (array, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Members sorted by name at every level, so the same content gives the same
 * text, and so the same revision, whatever order it was built in. */
static JsonObject *
canonical_object (JsonObject *object,
                  gboolean    is_body)
{
  g_autoptr(GList) names = g_list_sort (json_object_get_members (object), compare_member_names);
  JsonObject *copy = json_object_new ();

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      /* As in CouchDB, _id, _rev, _deleted, _revisions and the like are
       * metadata kept in columns, never part of the body. */
      if (is_body && name[0] == '_')
        continue;

      json_object_set_member (copy, name, canonical_node (json_object_get_member (object, name)));
    }

  return copy;
}

/* The body as stored and hashed: without pretty printing, members sorted. */
static char *
dup_canonical_json (JsonObject *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, canonical_object (body, TRUE));
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Revisions need only be unique and the same on every peer that makes the
 * same edit; CouchDB hashes its own term format, and accepts ours as-is with
 * new_edits=false. The parent and deleted flag are part of the hash, so the
 * same body saved on two branches gives two revisions. */
static char *
compute_rev (gint64      generation,
             const char *parent_rev,
             gboolean    is_deleted,
             const char *json)
{
  g_autofree char *input = NULL;
  g_autofree char *digest = NULL;

  input = g_strdup_printf ("%s\n%d\n%s", parent_rev ? parent_rev : "", is_deleted ? 1 : 0, json);
  digest = g_compute_checksum_for_string (G_CHECKSUM_MD5, input, -1);

  return g_strdup_printf ("%" G_GINT64_FORMAT "-%s", generation, digest);
}

static JsonObject *
parse_body (BpStore     *self,
            const char  *id,
            const char  *json,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;

  if (json == NULL ||
      !json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT,
                   _("Document “%1$s” is damaged in the store “%2$s”."),
                   id, bp_store_get_path (self));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The body's `type` member, when it is a string. */
static char *
dup_body_type (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "type");

  if (node == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static gboolean
step_done (BpStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_last_seq (BpStore     *self,
               gint64      *seq,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT max (coalesce ((SELECT CAST (value AS INTEGER) FROM store_meta"
                                  "                       WHERE key = ?), 0),"
                                  "            coalesce ((SELECT max (local_seq) FROM document), 0))",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, LAST_SEQ_KEY, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
write_last_seq (BpStore  *self,
                gint64    seq,
                GError  **error)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, seq);
  return bp_store_set_meta (self, LAST_SEQ_KEY, value, error);
}

typedef struct
{
  gint64    generation;
  gboolean  is_leaf;
  gboolean  is_deleted;
  gboolean  has_body;
  char     *parent_rev;
} RevInfo;

static void
rev_info_clear (RevInfo *info)
{
  g_clear_pointer (&info->parent_rev, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RevInfo, rev_info_clear)

/* Sets *found, and fills @info when the revision is stored. */
static gboolean
lookup_revision (BpStore     *self,
                 const char  *id,
                 const char  *rev,
                 gboolean    *found,
                 RevInfo     *info,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT generation, is_leaf, is_deleted, body IS NOT NULL, parent_rev"
                                  " FROM revision WHERE doc_id = ? AND rev = ?",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *found = rc == SQLITE_ROW;
  if (*found)
    {
      info->generation = sqlite3_column_int64 (stmt, 0);
      info->is_leaf = sqlite3_column_int (stmt, 1);
      info->is_deleted = sqlite3_column_int (stmt, 2);
      info->has_body = sqlite3_column_int (stmt, 3);
      g_free (info->parent_rev);
      info->parent_rev = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
    }

  return TRUE;
}

/* Sets *found, and the winning revision when the document is stored. */
static gboolean
lookup_document (BpStore     *self,
                 const char  *id,
                 gboolean    *found,
                 char       **winning_rev,
                 gboolean    *is_deleted,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _bp_store_prepare (self, "SELECT winning_rev, is_deleted FROM document WHERE id = ?",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  *found = rc == SQLITE_ROW;
  if (*found)
    {
      *winning_rev = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      *is_deleted = sqlite3_column_int (stmt, 1);
    }

  return TRUE;
}

/* Creates the document row, which the revisions reference. Its winner
 * columns are filled in by update_winner() in the same transaction. */
static gboolean
insert_document (BpStore     *self,
                 const char  *id,
                 const char  *rev,
                 gint64       seq,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self,
                                  "INSERT INTO document (id, winning_rev, is_deleted, local_seq, body)"
                                  " VALUES (?, ?, 0, ?, '{}')",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, seq);

  return step_done (self, stmt, error);
}

/* Bodies of every revision are kept, not only of the leaves: the three-way
 * merge of a synchronised document needs the body of the last revision both
 * sides had (DESIGN.md, Synchronisation), and that is usually an ancestor by
 * the time a conflict arrives. Ancestors that only came as history from a
 * peer are stubs without a body. */
static gboolean
insert_revision_row (BpStore     *self,
                     const char  *id,
                     const char  *rev,
                     gint64       generation,
                     const char  *parent_rev,
                     gboolean     is_deleted,
                     const char  *json,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A revision is a leaf exactly when no stored revision names it as its
   * parent. */
  if (!(stmt = _bp_store_prepare (self,
                                  "INSERT INTO revision (doc_id, rev, generation, parent_rev, is_leaf,"
                                  "                      is_deleted, body)"
                                  " VALUES (?1, ?2, ?3, ?4,"
                                  "         NOT EXISTS (SELECT 1 FROM revision"
                                  "                     WHERE doc_id = ?1 AND parent_rev = ?2),"
                                  "         ?5, ?6)",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, generation);
  if (parent_rev)
    sqlite3_bind_text (stmt, 4, parent_rev, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, is_deleted);
  if (json)
    sqlite3_bind_text (stmt, 6, json, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);

  return step_done (self, stmt, error);
}

static gboolean
clear_leaf (BpStore     *self,
            const char  *id,
            const char  *rev,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self,
                                  "UPDATE revision SET is_leaf = 0"
                                  " WHERE doc_id = ? AND rev = ? AND is_leaf = 1",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

/* Copies the winning leaf into the document row and gives it sequence @seq. */
static gboolean
update_winner (BpStore     *self,
               const char  *id,
               gint64       seq,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *type = NULL;
  const char *json;

  if (!(select = _bp_store_prepare (self,
                                    "SELECT rev, is_deleted, body FROM revision"
                                    " WHERE doc_id = ? AND is_leaf = 1" LEAF_ORDER " LIMIT 1",
                                    error)) ||
      !(update = _bp_store_prepare (self,
                                    "UPDATE document SET winning_rev = ?2, is_deleted = ?3, body = ?4,"
                                    "                    type = ?5, local_seq = ?6"
                                    " WHERE id = ?1",
                                    error)))
    return FALSE;

  sqlite3_bind_text (select, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (select) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  /* Leaves always have a body; only ancestors can be stubs. */
  json = (const char *)sqlite3_column_text (select, 2);
  if (!(body = parse_body (self, id, json, error)))
    return FALSE;
  type = dup_body_type (body);

  sqlite3_bind_text (update, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_value (update, 2, sqlite3_column_value (select, 0));
  sqlite3_bind_int (update, 3, sqlite3_column_int (select, 1));
  sqlite3_bind_text (update, 4, json, -1, SQLITE_TRANSIENT);
  if (type)
    sqlite3_bind_text (update, 5, type, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (update, 5);
  sqlite3_bind_int64 (update, 6, seq);

  return step_done (self, update, error);
}

/* A tombstone keeps the type of the revision it deletes, so a replication
 * filtered by type also passes on the deletion. */
static JsonObject *
new_tombstone (BpStore     *self,
               const char  *id,
               const char  *base_rev,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) base_body = NULL;
  g_autofree char *type = NULL;
  JsonObject *tombstone;

  if (!(stmt = _bp_store_prepare (self, "SELECT body FROM revision WHERE doc_id = ? AND rev = ?",
                                  error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, base_rev, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  if (!(base_body = parse_body (self, id, (const char *)sqlite3_column_text (stmt, 0), error)))
    return NULL;

  tombstone = json_object_new ();
  if ((type = dup_body_type (base_body)))
    json_object_set_string_member (tombstone, "type", type);

  return tombstone;
}

/* A local edit on top of @base_rev, inside the caller's transaction. A
 * deletion has no @body. */
static gboolean
write_edit (BpStore     *self,
            const char  *id,
            const char  *base_rev,
            JsonObject  *body,
            gboolean     is_deletion,
            char       **new_rev,
            GError     **error)
{
  g_autofree char *winning_rev = NULL;
  g_autofree char *json = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  const char *parent_rev = NULL;
  gboolean doc_found = FALSE;
  gboolean winner_deleted = FALSE;
  gboolean rev_found = FALSE;
  g_auto(RevInfo) parent = { 0, };
  gint64 seq;

  if (!lookup_document (self, id, &doc_found, &winning_rev, &winner_deleted, error))
    return FALSE;

  if (!doc_found)
    {
      if (is_deletion)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                       _("There is no document “%s”, so it was not deleted."), id);
          return FALSE;
        }
      if (base_rev != NULL)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT,
                       _("Document “%1$s” is not in the store, so revision %2$s of it cannot be changed. Nothing was saved."),
                       id, base_rev);
          return FALSE;
        }
    }
  else if (base_rev == NULL)
    {
      if (!winner_deleted)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT,
                       _("Document “%s” already exists. Nothing was saved."), id);
          return FALSE;
        }

      /* Recreating a deleted document continues from its tombstone, as
       * CouchDB does, so the peers see one history. */
      parent_rev = winning_rev;
    }
  else
    {
      parent_rev = base_rev;
    }

  if (parent_rev != NULL)
    {
      if (!lookup_revision (self, id, parent_rev, &rev_found, &parent, error))
        return FALSE;

      /* Any leaf may be edited, as in CouchDB: the winner in the usual case,
       * a losing leaf to settle a conflict. An edit on anything else would
       * hide a newer revision, so it is refused and nothing is overwritten. */
      if (!rev_found || !parent.is_leaf)
        {
          if (is_deletion)
            g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT,
                         _("Document “%1$s” was changed after revision %2$s. It was not deleted."),
                         id, parent_rev);
          else
            g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT,
                         _("Document “%1$s” was changed after revision %2$s. Nothing was saved."),
                         id, parent_rev);
          return FALSE;
        }

      if (is_deletion && parent.is_deleted)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                       _("Revision %2$s of document “%1$s” is already deleted."), id, parent_rev);
          return FALSE;
        }
    }

  if (is_deletion)
    {
      if (!(tombstone = new_tombstone (self, id, parent_rev, error)))
        return FALSE;
      body = tombstone;
    }

  json = dup_canonical_json (body);
  rev = compute_rev (parent.generation + 1, parent_rev, is_deletion, json);

  if (!read_last_seq (self, &seq, error))
    return FALSE;
  seq++;

  if (!(doc_found || insert_document (self, id, rev, seq, error)) ||
      !insert_revision_row (self, id, rev, parent.generation + 1, parent_rev, is_deletion, json,
                            error) ||
      !(parent_rev == NULL || clear_leaf (self, id, parent_rev, error)) ||
      !update_winner (self, id, seq, error) ||
      !write_last_seq (self, seq, error))
    return FALSE;

  if (new_rev)
    *new_rev = g_steal_pointer (&rev);

  return TRUE;
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (*id == '\0')
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("A document has an empty id. Nothing was changed."));
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_put_document:
 * @self: a #BpStore
 * @id: the document id
 * @base_rev: (nullable): the revision the edit starts from, or %NULL for a
 *   new document
 * @body: the content; members whose name starts with `_` are not stored
 * @new_rev: (out) (optional) (transfer full): return location for the new
 *   revision
 * @error: return location for a #BpStoreError
 *
 * Saves a local edit as a new revision, in one transaction. @base_rev must be
 * a leaf revision of the document, normally the one read with
 * bp_store_dup_document(); a stale revision gives %BP_STORE_ERROR_CONFLICT
 * and leaves the store as it was. With a %NULL @base_rev the document must
 * not exist, or be deleted: it is then recreated on top of its tombstone.
 *
 * The new revision is `N-hash`, one generation above @base_rev, where hash
 * is the MD5 of the parent revision, the deleted flag and @body with its
 * members sorted, so the same edit gives the same revision on every peer.
 * A string `type` member is indexed for bp_store_list_documents_by_type().
 *
 * Returns: %TRUE when the revision was saved
 */
gboolean
bp_store_put_document (BpStore     *self,
                       const char  *id,
                       const char  *base_rev,
                       JsonObject  *body,
                       char       **new_rev,
                       GError     **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (new_rev == NULL || *new_rev == NULL, FALSE);

  if (!check_id (id, error) || !_bp_store_begin (self, error))
    return FALSE;

  if (!write_edit (self, id, base_rev, body, FALSE, new_rev, error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  return _bp_store_commit (self, error);
}

/**
 * bp_store_delete_document:
 * @self: a #BpStore
 * @id: the document id
 * @base_rev: the leaf revision to delete, normally the winning one
 * @new_rev: (out) (optional) (transfer full): return location for the
 *   revision of the tombstone
 * @error: return location for a #BpStoreError
 *
 * Deletes a document by adding a tombstone revision on top of @base_rev,
 * under the same rules as bp_store_put_document(). The tombstone keeps the
 * document's `type`, so filtered replication passes the deletion on.
 * Deleting a losing leaf settles a conflict and keeps the winner.
 *
 * Returns: %TRUE when the tombstone was saved
 */
gboolean
bp_store_delete_document (BpStore     *self,
                          const char  *id,
                          const char  *base_rev,
                          char       **new_rev,
                          GError     **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (base_rev != NULL, FALSE);
  g_return_val_if_fail (new_rev == NULL || *new_rev == NULL, FALSE);

  if (!check_id (id, error) || !_bp_store_begin (self, error))
    return FALSE;

  if (!write_edit (self, id, base_rev, NULL, TRUE, new_rev, error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  return _bp_store_commit (self, error);
}

/**
 * bp_store_dup_document:
 * @self: a #BpStore
 * @id: the document id
 * @rev: (out) (optional) (transfer full): return location for the winning
 *   revision
 * @error: return location for a #BpStoreError
 *
 * Reads the winning revision of a document. A missing or deleted document
 * gives %BP_STORE_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the body, without `_id` or `_rev`
 */
JsonObject *
bp_store_dup_document (BpStore     *self,
                       const char  *id,
                       char       **rev,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *body;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (rev == NULL || *rev == NULL, NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT winning_rev, is_deleted, body FROM document WHERE id = ?",
                                  error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("There is no document “%s”."), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }
  if (sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("Document “%s” was deleted."), id);
      return NULL;
    }

  if (!(body = parse_body (self, id, (const char *)sqlite3_column_text (stmt, 2), error)))
    return NULL;

  if (rev)
    *rev = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return body;
}

/**
 * bp_store_dup_revision:
 * @self: a #BpStore
 * @id: the document id
 * @rev: the revision
 * @error: return location for a #BpStoreError
 *
 * Reads one revision of a document, such as the losing side of a conflict
 * or the last synchronised revision for a three-way merge. A revision that
 * is not stored, or that is known only as history without its content,
 * gives %BP_STORE_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the body of @rev
 */
JsonObject *
bp_store_dup_revision (BpStore     *self,
                       const char  *id,
                       const char  *rev,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (rev != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self, "SELECT body FROM revision WHERE doc_id = ? AND rev = ?",
                                  error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("Document “%1$s” has no revision %2$s in the store."), id, rev);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("Only the history of revision %2$s of document “%1$s” is in the store, not its content."),
                   id, rev);
      return NULL;
    }

  return parse_body (self, id, (const char *)sqlite3_column_text (stmt, 0), error);
}

/* Validates a revision path from a peer before anything is written. */
static gboolean
check_rev_path (const char          *id,
                const char * const  *rev_path,
                gint64              *generations,
                GError             **error)
{
  for (guint i = 0; rev_path[i] != NULL; i++)
    {
      if (!parse_rev (rev_path[i], &generations[i]))
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                       _("Document “%1$s” came with an invalid revision “%2$s”. Nothing was changed."),
                       id, rev_path[i]);
          return FALSE;
        }

      if (i > 0 && generations[i] != generations[i - 1] - 1)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                       _("The history of document “%1$s” goes from revision %2$s to %3$s, which is not its parent. Nothing was changed."),
                       id, rev_path[i - 1], rev_path[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
set_parent (BpStore     *self,
            const char  *id,
            const char  *rev,
            const char  *parent_rev,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self,
                                  "UPDATE revision SET parent_rev = ?3"
                                  " WHERE doc_id = ?1 AND rev = ?2 AND parent_rev IS NULL",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, parent_rev, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
set_body (BpStore     *self,
          const char  *id,
          const char  *rev,
          gboolean     is_deleted,
          const char  *json,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (self,
                                  "UPDATE revision SET is_deleted = ?3, body = ?4"
                                  " WHERE doc_id = ?1 AND rev = ?2 AND body IS NULL",
                                  error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, is_deleted);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

/* Merges @rev_path into the stored tree, inside the caller's transaction. */
static gboolean
merge_rev_path (BpStore             *self,
                const char          *id,
                const char * const  *rev_path,
                const gint64        *generations,
                guint                n_revs,
                gboolean             is_deleted,
                const char          *json,
                GError             **error)
{
  g_autofree char *winning_rev = NULL;
  gboolean doc_found = FALSE;
  gboolean winner_deleted = FALSE;
  gboolean added_leaf = FALSE;
  gint64 seq;

  if (!lookup_document (self, id, &doc_found, &winning_rev, &winner_deleted, error) ||
      !read_last_seq (self, &seq, error))
    return FALSE;
  seq++;

  if (!doc_found && !insert_document (self, id, rev_path[0], seq, error))
    return FALSE;

  /* Oldest first, so each revision's parent is stored before it. */
  for (guint i = n_revs; i-- > 0;)
    {
      const char *parent_rev = i + 1 < n_revs ? rev_path[i + 1] : NULL;
      gboolean is_newest = i == 0;
      gboolean found = FALSE;
      g_auto(RevInfo) info = { 0, };

      if (!lookup_revision (self, id, rev_path[i], &found, &info, error))
        return FALSE;

      /* The hash of a revision covers its parent, so a peer that names
       * another parent is broken; its history is refused as a whole. */
      if (found && parent_rev != NULL && info.parent_rev != NULL &&
          strcmp (parent_rev, info.parent_rev) != 0)
        {
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                       _("The history of document “%1$s” gives revision %2$s the parent %3$s, but the store has %4$s. Nothing was changed."),
                       id, rev_path[i], parent_rev, info.parent_rev);
          return FALSE;
        }

      if (!found)
        {
          if (!insert_revision_row (self, id, rev_path[i], generations[i], parent_rev,
                                    is_newest && is_deleted, is_newest ? json : NULL, error))
            return FALSE;
          added_leaf |= is_newest;
        }
      else
        {
          /* A revision stored as the oldest of a shorter history learns
           * its parent; a stub gets the content it lacked. Neither changes
           * the leaves, so the document keeps its sequence. */
          if (parent_rev != NULL && info.parent_rev == NULL &&
              !set_parent (self, id, rev_path[i], parent_rev, error))
            return FALSE;
          if (is_newest && !info.has_body &&
              !set_body (self, id, rev_path[i], is_deleted, json, error))
            return FALSE;
        }

      if (parent_rev != NULL && !clear_leaf (self, id, parent_rev, error))
        return FALSE;
    }

  if (!added_leaf)
    return TRUE;

  return update_winner (self, id, seq, error) && write_last_seq (self, seq, error);
}

/**
 * bp_store_insert_revision:
 * @self: a #BpStore
 * @id: the document id
 * @rev_path: (array zero-terminated=1): the revision and its ancestors,
 *   newest first, as full `N-hash` strings (CouchDB's `_revisions` expanded)
 * @body: (nullable): the content of the newest revision; members whose name
 *   starts with `_` are not stored. %NULL only for a deletion.
 * @is_deleted: whether the newest revision is a tombstone
 * @error: return location for a #BpStoreError
 *
 * Stores a revision that came from a peer, as CouchDB's `_bulk_docs` does
 * with `new_edits=false`: the revision and every ancestor the store lacks
 * are added, ancestors as history without content, and nothing already
 * stored is replaced. Storing a known revision again changes nothing.
 *
 * A revision that branches off an older one is a conflict: both leaves are
 * kept, with their content, and the winner is chosen as CouchDB does (a live
 * leaf, then the highest generation, then the greatest revision). When a leaf
 * was added, the document gets a new local sequence.
 *
 * A malformed revision, or a history whose generations do not go down by
 * one, gives %BP_STORE_ERROR_INVALID and leaves the store unchanged.
 *
 * Returns: %TRUE when the revision is stored
 */
gboolean
bp_store_insert_revision (BpStore             *self,
                          const char          *id,
                          const char * const  *rev_path,
                          JsonObject          *body,
                          gboolean             is_deleted,
                          GError             **error)
{
  g_autoptr(JsonObject) empty = NULL;
  g_autofree gint64 *generations = NULL;
  g_autofree char *json = NULL;
  guint n_revs = 0;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (rev_path != NULL, FALSE);
  g_return_val_if_fail (body != NULL || is_deleted, FALSE);

  if (!check_id (id, error))
    return FALSE;

  while (rev_path[n_revs] != NULL)
    n_revs++;
  if (n_revs == 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("Document “%s” came without a revision. Nothing was changed."), id);
      return FALSE;
    }

  generations = g_new (gint64, n_revs);
  if (!check_rev_path (id, rev_path, generations, error))
    return FALSE;

  if (body == NULL)
    body = empty = json_object_new ();
  json = dup_canonical_json (body);

  if (!_bp_store_begin (self, error))
    return FALSE;

  if (!merge_rev_path (self, id, rev_path, generations, n_revs, is_deleted, json, error))
    {
      _bp_store_rollback (self);
      return FALSE;
    }

  return _bp_store_commit (self, error);
}

static GStrv
collect_leaf_revs (BpStore       *self,
                   sqlite3_stmt  *stmt,
                   const char    *id,
                   GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

#define LEAF_REVS_SQL "SELECT rev FROM revision WHERE doc_id = ? AND is_leaf = 1" LEAF_ORDER

/**
 * bp_store_dup_leaf_revs:
 * @self: a #BpStore
 * @id: the document id
 * @error: return location for a #BpStoreError
 *
 * Lists the leaves of a document's revision tree: one revision, or more when
 * the document is in conflict. Deleted leaves are included.
 *
 * Returns: (transfer full) (nullable): the leaf revisions, the winner first,
 *   or %NULL with %BP_STORE_ERROR_NOT_FOUND for an unknown document
 */
GStrv
bp_store_dup_leaf_revs (BpStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) leaf_revs = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self, LEAF_REVS_SQL, error)) ||
      !(leaf_revs = collect_leaf_revs (self, stmt, id, error)))
    return NULL;

  if (leaf_revs[0] == NULL)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("There is no document “%s”."), id);
      return NULL;
    }

  return g_steal_pointer (&leaf_revs);
}

/**
 * bp_store_list_changes:
 * @self: a #BpStore
 * @since_seq: the last sequence already seen, 0 for all
 * @limit: the most changes to return, 0 for no limit
 * @error: return location for a #GError
 *
 * Lists the documents changed after @since_seq, one entry per document with
 * its latest sequence, ordered by sequence: the base of CouchDB's `_changes`
 * with `style=all_docs`.
 *
 * Returns: (transfer full) (element-type BpChange) (nullable): the changes
 */
GPtrArray *
bp_store_list_changes (BpStore     *self,
                       gint64       since_seq,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) leaves = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_change_free);
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT local_seq, id, winning_rev, is_deleted FROM document"
                                  " WHERE local_seq > ? ORDER BY local_seq LIMIT ?",
                                  error)) ||
      !(leaves = _bp_store_prepare (self, LEAF_REVS_SQL, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since_seq);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BpChange) change = g_new0 (BpChange, 1);

      change->seq = sqlite3_column_int64 (stmt, 0);
      change->id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      change->winning_rev = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      change->is_deleted = sqlite3_column_int (stmt, 3);
      if (!(change->leaf_revs = collect_leaf_revs (self, leaves, change->id, error)))
        return NULL;

      g_ptr_array_add (changes, g_steal_pointer (&change));
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/**
 * bp_store_get_last_seq:
 * @self: a #BpStore
 *
 * Returns: the sequence of the latest change, 0 when there is none
 */
gint64
bp_store_get_last_seq (BpStore *self)
{
  gint64 seq = 0;

  g_return_val_if_fail (BP_IS_STORE (self), 0);

  if (!read_last_seq (self, &seq, NULL))
    return 0;

  return seq;
}

/**
 * bp_store_count_documents_by_type:
 * @self: a #BpStore
 * @type: a document type such as `cluster`
 *
 * Returns: how many documents of @type exist and are not deleted
 */
guint
bp_store_count_documents_by_type (BpStore    *self,
                                  const char *type)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), 0);
  g_return_val_if_fail (type != NULL, 0);

  if (!(stmt = _bp_store_prepare (self, "SELECT count(*) FROM document WHERE type = ? AND is_deleted = 0", NULL)))
    return 0;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int (stmt, 0);
}

/**
 * bp_store_list_documents_by_type:
 * @self: a #BpStore
 * @type: the `type` member to match, such as `cluster`
 * @error: return location for a #BpStoreError
 *
 * Reads the winning revision of every document of @type that is not
 * deleted, ordered by id. Each body starts with `_id` and `_rev` members,
 * as CouchDB gives them.
 *
 * Returns: (transfer full) (element-type JsonObject) (nullable): the
 *   documents
 */
GPtrArray *
bp_store_list_documents_by_type (BpStore     *self,
                                 const char  *type,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  int rc;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (!(stmt = _bp_store_prepare (self,
                                  "SELECT id, winning_rev, body FROM document"
                                  " WHERE type = ? AND is_deleted = 0 ORDER BY id",
                                  error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(GList) names = NULL;
      JsonObject *document;

      if (!(body = parse_body (self, id, (const char *)sqlite3_column_text (stmt, 2), error)))
        return NULL;

      document = json_object_new ();
      json_object_set_string_member (document, "_id", id);
      json_object_set_string_member (document, "_rev", (const char *)sqlite3_column_text (stmt, 1));
      names = json_object_get_members (body);
      for (const GList *l = names; l != NULL; l = l->next)
        json_object_set_member (document, l->data, json_object_dup_member (body, l->data));

      g_ptr_array_add (documents, document);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}
