/* test-store-documents.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <string.h>

#include "bp-store-documents.h"

#define DEMO_1 "{\"title\":\"Demo cluster 1\",\"type\":\"cluster\"}"
#define DEMO_1_EDITED "{\"title\":\"Demo cluster 1 (edited)\",\"type\":\"cluster\"}"

typedef struct
{
  char    *path;
  BpStore *store;
} StoreFixture;

static void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = g_build_filename (g_get_user_data_dir (), "documents.db", NULL);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

static JsonObject *
object_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static char *
put (BpStore    *store,
     const char *id,
     const char *base_rev,
     const char *json)
{
  g_autoptr(JsonObject) body = object_from_json (json);
  g_autoptr(GError) error = NULL;
  char *rev = NULL;

  g_assert_true (bp_store_put_document (store, id, base_rev, body, &rev, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rev);

  return rev;
}

/* @path lists revisions newest first, separated by spaces. */
static void
insert (BpStore    *store,
        const char *id,
        const char *path,
        const char *json,
        gboolean    is_deleted)
{
  g_auto(GStrv) rev_path = g_strsplit (path, " ", -1);
  g_autoptr(JsonObject) body = object_from_json (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_store_insert_revision (store, id, (const char * const *)rev_path, body,
                                           is_deleted, &error));
  g_assert_no_error (error);
}

static void
assert_document (BpStore    *store,
                 const char *id,
                 const char *expected_rev,
                 const char *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) body = bp_store_dup_document (store, id, &rev, &error);

  g_assert_no_error (error);
  json = object_to_json (body);
  g_assert_cmpstr (json, ==, expected_json);
  if (expected_rev)
    g_assert_cmpstr (rev, ==, expected_rev);
}

static void
assert_revision (BpStore    *store,
                 const char *id,
                 const char *rev,
                 const char *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) body = bp_store_dup_revision (store, id, rev, &error);

  g_assert_no_error (error);
  json = object_to_json (body);
  g_assert_cmpstr (json, ==, expected_json);
}

/* @expected lists the leaves winner first, separated by spaces. */
static void
assert_leaves (BpStore    *store,
               const char *id,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = bp_store_dup_leaf_revs (store, id, &error);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  joined = g_strjoinv (" ", leaves);
  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_rev_shape (const char *rev,
                  const char *generation)
{
  gsize prefix = strlen (generation);

  g_assert_nonnull (rev);
  g_assert_true (g_str_has_prefix (rev, generation));
  g_assert_cmpint (rev[prefix], ==, '-');
  g_assert_cmpuint (strlen (rev + prefix + 1), ==, 32);
  for (const char *p = rev + prefix + 1; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
}

static void
test_documents_create_read (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autofree char *rev = NULL;

  missing = bp_store_dup_document (fixture->store, "cluster:demo-1", NULL, &error);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 0);

  /* Metadata members are not part of the body. */
  rev = put (fixture->store, "cluster:demo-1", NULL,
             "{\"type\":\"cluster\",\"_id\":\"cluster:demo-1\",\"title\":\"Demo cluster 1\"}");
  assert_rev_shape (rev, "1");
  assert_document (fixture->store, "cluster:demo-1", rev, DEMO_1);
  assert_leaves (fixture->store, "cluster:demo-1", rev);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 1);
}

static void
test_documents_update (StoreFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *rev2 = put (fixture->store, "cluster:demo-1", rev1, DEMO_1_EDITED);

  assert_rev_shape (rev2, "2");
  assert_document (fixture->store, "cluster:demo-1", rev2, DEMO_1_EDITED);
  assert_leaves (fixture->store, "cluster:demo-1", rev2);
  /* The parent's body stays, for a later three-way merge. */
  assert_revision (fixture->store, "cluster:demo-1", rev1, DEMO_1);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);
}

static void
test_documents_update_stale (StoreFixture  *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *rev2 = put (fixture->store, "cluster:demo-1", rev1, DEMO_1_EDITED);
  g_autoptr(JsonObject) body = object_from_json ("{\"type\":\"cluster\",\"title\":\"Demo cluster 1 (stale)\"}");
  struct
  {
    const char *id;
    const char *base_rev;
  } cases[] = {
    { "cluster:demo-1", rev1 },              /* an ancestor of the winner */
    { "cluster:demo-1", NULL },              /* a "new" document that exists */
    { "cluster:demo-1", "2-0123456789abcdef0123456789abcdef" },
    { "cluster:demo-2", rev1 },              /* a revision of a missing document */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) missing_error = NULL;
      g_autoptr(JsonObject) missing = NULL;
      char *new_rev = NULL;

      g_test_message ("case %u", i);
      g_assert_false (bp_store_put_document (fixture->store, cases[i].id, cases[i].base_rev, body,
                                             &new_rev, &error));
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT);
      g_assert_nonnull (strstr (error->message, cases[i].id));
      g_assert_null (new_rev);

      assert_document (fixture->store, "cluster:demo-1", rev2, DEMO_1_EDITED);
      assert_leaves (fixture->store, "cluster:demo-1", rev2);
      g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);
      missing = bp_store_dup_document (fixture->store, "cluster:demo-2", NULL, &missing_error);
      g_assert_error (missing_error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
    }
}

static void
test_documents_delete (StoreFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *tombstone = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;
  BpChange *change;

  g_assert_true (bp_store_delete_document (fixture->store, "cluster:demo-1", rev1, &tombstone, &error));
  g_assert_no_error (error);
  assert_rev_shape (tombstone, "2");

  body = bp_store_dup_document (fixture->store, "cluster:demo-1", NULL, &error);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_assert_null (body);
  g_clear_error (&error);

  /* The tombstone keeps the type, for replication filtered by type. */
  assert_revision (fixture->store, "cluster:demo-1", tombstone, "{\"type\":\"cluster\"}");
  assert_revision (fixture->store, "cluster:demo-1", rev1, DEMO_1);

  changes = bp_store_list_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->seq, ==, 2);
  g_assert_cmpstr (change->id, ==, "cluster:demo-1");
  g_assert_cmpstr (change->winning_rev, ==, tombstone);
  g_assert_true (change->is_deleted);
  g_assert_cmpuint (g_strv_length (change->leaf_revs), ==, 1);
  g_assert_cmpstr (change->leaf_revs[0], ==, tombstone);

  clusters = bp_store_list_documents_by_type (fixture->store, "cluster", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 0);
  g_assert_cmpuint (bp_store_count_documents_by_type (fixture->store, "cluster"), ==, 0);

  /* Deleting again, or from a stale revision, changes nothing. */
  g_assert_false (bp_store_delete_document (fixture->store, "cluster:demo-1", tombstone, NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bp_store_delete_document (fixture->store, "cluster:demo-1", rev1, NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (bp_store_delete_document (fixture->store, "cluster:demo-2", rev1, NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  assert_leaves (fixture->store, "cluster:demo-1", tombstone);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);
}

static void
test_documents_recreate (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *tombstone = NULL;
  g_autofree char *rev3 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_store_delete_document (fixture->store, "cluster:demo-1", rev1, &tombstone, &error));
  g_assert_no_error (error);

  /* The new life continues the branch of the tombstone, as in CouchDB. */
  rev3 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1_EDITED);
  assert_rev_shape (rev3, "3");
  assert_document (fixture->store, "cluster:demo-1", rev3, DEMO_1_EDITED);
  assert_leaves (fixture->store, "cluster:demo-1", rev3);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 3);
}

static void
test_documents_rev_deterministic (StoreFixture  *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) other = bp_store_open (other_path, &error);
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;
  g_autofree char *other_rev1 = NULL;
  g_autofree char *other_rev2 = NULL;
  g_autofree char *changed = NULL;

  g_assert_no_error (error);

  /* The same edit on two peers gives the same revision, whatever order the
   * members were written in. */
  rev1 = put (fixture->store, "cluster:demo-1", NULL,
              "{\"type\":\"cluster\",\"title\":\"Demo cluster 1\",\"tags\":[\"b\",\"a\"],"
              "\"place\":{\"sector\":\"demo-sector\",\"n\":3}}");
  other_rev1 = put (other, "cluster:demo-1", NULL,
                    "{\"place\":{\"n\":3,\"sector\":\"demo-sector\"},\"tags\":[\"b\",\"a\"],"
                    "\"title\":\"Demo cluster 1\",\"type\":\"cluster\"}");
  g_assert_cmpstr (rev1, ==, other_rev1);

  rev2 = put (fixture->store, "cluster:demo-1", rev1, DEMO_1);
  other_rev2 = put (other, "cluster:demo-1", other_rev1, DEMO_1);
  g_assert_cmpstr (rev2, ==, other_rev2);

  /* Array order is content, and so is the parent: going back to an older
   * body is a new revision. */
  changed = put (other, "cluster:demo-2", NULL,
                 "{\"type\":\"cluster\",\"title\":\"Demo cluster 1\",\"tags\":[\"a\",\"b\"],"
                 "\"place\":{\"sector\":\"demo-sector\",\"n\":3}}");
  g_assert_cmpstr (changed, !=, rev1);
  rev3 = put (fixture->store, "cluster:demo-1", rev2,
              "{\"type\":\"cluster\",\"title\":\"Demo cluster 1\",\"tags\":[\"b\",\"a\"],"
              "\"place\":{\"sector\":\"demo-sector\",\"n\":3}}");
  g_assert_cmpstr (rev3 + 2, !=, rev1 + 2);
}

typedef struct
{
  const char *local_path;
  gboolean    local_deleted;
  const char *remote_path;
  gboolean    remote_deleted;
  gboolean    local_wins;
} ConflictCase;

static const ConflictCase conflict_cases[] = {
  /* higher-generation */
  { "2-b2 1-a1", FALSE, "3-c3 2-c2 1-a1", FALSE, FALSE },
  /* higher-generation-beats-hash */
  { "3-11 2-b2 1-a1", FALSE, "2-ff 1-a1", FALSE, TRUE },
  /* greater-hash */
  { "2-aa 1-a1", FALSE, "2-bb 1-a1", FALSE, FALSE },
  /* greater-hash-arrived-first */
  { "2-bb 1-a1", FALSE, "2-aa 1-a1", FALSE, TRUE },
  /* hash-as-bytes: "a" sorts after "9" */
  { "2-9f 1-a1", FALSE, "2-a0 1-a1", FALSE, FALSE },
  /* deleted-loses */
  { "2-b2 1-a1", FALSE, "3-d3 2-d2 1-a1", TRUE, TRUE },
  /* both-deleted */
  { "2-b2 1-a1", TRUE, "3-d3 2-d2 1-a1", TRUE, FALSE },
};

static const char * const conflict_case_names[] = {
  "higher-generation",
  "higher-generation-beats-hash",
  "greater-hash",
  "greater-hash-arrived-first",
  "hash-as-bytes",
  "deleted-loses",
  "both-deleted",
};

G_STATIC_ASSERT (G_N_ELEMENTS (conflict_cases) == G_N_ELEMENTS (conflict_case_names));

#define LOCAL_BODY "{\"title\":\"Demo cluster 1 (local)\",\"type\":\"cluster\"}"
#define REMOTE_BODY "{\"title\":\"Demo cluster 1 (remote)\",\"type\":\"cluster\"}"

static void
test_documents_conflict (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  const ConflictCase *test = user_data;
  g_auto(GStrv) local = g_strsplit (test->local_path, " ", -1);
  g_auto(GStrv) remote = g_strsplit (test->remote_path, " ", -1);
  const char *winner = test->local_wins ? local[0] : remote[0];
  const char *loser = test->local_wins ? remote[0] : local[0];
  gboolean winner_deleted = test->local_wins ? test->local_deleted : test->remote_deleted;
  gboolean loser_deleted = test->local_wins ? test->remote_deleted : test->local_deleted;
  g_autofree char *expected_leaves = g_strdup_printf ("%s %s", winner, loser);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stub = NULL;
  BpChange *change;

  insert (fixture->store, "cluster:demo-1", test->local_path,
          test->local_deleted ? "{\"type\":\"cluster\"}" : LOCAL_BODY, test->local_deleted);
  insert (fixture->store, "cluster:demo-1", test->remote_path,
          test->remote_deleted ? "{\"type\":\"cluster\"}" : REMOTE_BODY, test->remote_deleted);

  /* Both leaves are kept, and neither body is dropped. */
  assert_leaves (fixture->store, "cluster:demo-1", expected_leaves);
  if (winner_deleted)
    {
      g_autoptr(JsonObject) body = bp_store_dup_document (fixture->store, "cluster:demo-1", NULL, &error);

      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
      g_assert_null (body);
      g_clear_error (&error);
    }
  else
    {
      assert_document (fixture->store, "cluster:demo-1", winner,
                       test->local_wins ? LOCAL_BODY : REMOTE_BODY);
    }
  if (!loser_deleted)
    assert_revision (fixture->store, "cluster:demo-1", loser,
                     test->local_wins ? REMOTE_BODY : LOCAL_BODY);

  /* The common ancestor came only as history. */
  stub = bp_store_dup_revision (fixture->store, "cluster:demo-1", "1-a1", &error);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_assert_null (stub);
  g_clear_error (&error);

  changes = bp_store_list_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->seq, ==, 2);
  g_assert_cmpstr (change->winning_rev, ==, winner);
  g_assert_cmpint (change->is_deleted, ==, winner_deleted);
  g_assert_cmpuint (g_strv_length (change->leaf_revs), ==, 2);
}

static void
test_documents_conflict_resolve (StoreFixture  *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *local = put (fixture->store, "cluster:demo-1", rev1, LOCAL_BODY);
  g_autofree char *remote_path = g_strdup_printf ("2-ffffffffffffffffffffffffffffffff %s", rev1);
  g_autofree char *tombstone = NULL;
  g_autofree char *expected_leaves = NULL;
  g_autoptr(GError) error = NULL;

  insert (fixture->store, "cluster:demo-1", remote_path, REMOTE_BODY, FALSE);
  expected_leaves = g_strdup_printf ("2-ffffffffffffffffffffffffffffffff %s", local);
  assert_leaves (fixture->store, "cluster:demo-1", expected_leaves);
  assert_document (fixture->store, "cluster:demo-1", "2-ffffffffffffffffffffffffffffffff", REMOTE_BODY);
  assert_revision (fixture->store, "cluster:demo-1", local, LOCAL_BODY);
  /* The last revision both sides had, the base of a three-way merge. */
  assert_revision (fixture->store, "cluster:demo-1", rev1, DEMO_1);

  /* Deleting the losing leaf settles the conflict, as in CouchDB. */
  g_assert_true (bp_store_delete_document (fixture->store, "cluster:demo-1", local, &tombstone, &error));
  g_assert_no_error (error);
  assert_rev_shape (tombstone, "3");
  g_free (expected_leaves);
  expected_leaves = g_strdup_printf ("2-ffffffffffffffffffffffffffffffff %s", tombstone);
  assert_leaves (fixture->store, "cluster:demo-1", expected_leaves);
  assert_document (fixture->store, "cluster:demo-1", "2-ffffffffffffffffffffffffffffffff", REMOTE_BODY);
  assert_revision (fixture->store, "cluster:demo-1", local, LOCAL_BODY);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 4);
}

static void
test_documents_insert_known (StoreFixture  *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  insert (fixture->store, "cluster:demo-1", "3-c3 2-b2 1-a1", DEMO_1_EDITED, FALSE);
  insert (fixture->store, "cluster:demo-2", "1-e1", DEMO_1, FALSE);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);

  /* Again, with a shorter history, and with a longer one. */
  insert (fixture->store, "cluster:demo-1", "3-c3 2-b2 1-a1", DEMO_1_EDITED, FALSE);
  insert (fixture->store, "cluster:demo-1", "3-c3", DEMO_1_EDITED, FALSE);
  insert (fixture->store, "cluster:demo-2", "1-e1", DEMO_1, FALSE);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);

  /* An ancestor known only as history gets its content, still without a
   * new sequence: the winner did not change. */
  insert (fixture->store, "cluster:demo-1", "2-b2 1-a1", DEMO_1, FALSE);
  assert_revision (fixture->store, "cluster:demo-1", "2-b2", DEMO_1);
  assert_document (fixture->store, "cluster:demo-1", "3-c3", DEMO_1_EDITED);
  assert_leaves (fixture->store, "cluster:demo-1", "3-c3");

  changes = bp_store_list_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpint (((BpChange *)g_ptr_array_index (changes, 0))->seq, ==, 1);
  g_assert_cmpint (((BpChange *)g_ptr_array_index (changes, 1))->seq, ==, 2);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 2);
}

static void
test_documents_insert_stem (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  /* A history cut short by the peer's revision limit, then the rest. */
  insert (fixture->store, "cluster:demo-1", "3-c3", DEMO_1, FALSE);
  insert (fixture->store, "cluster:demo-1", "4-d4 3-c3 2-b2", DEMO_1_EDITED, FALSE);
  assert_leaves (fixture->store, "cluster:demo-1", "4-d4");
  assert_revision (fixture->store, "cluster:demo-1", "3-c3", DEMO_1);

  /* A branch off the older part of the history is a conflict. */
  insert (fixture->store, "cluster:demo-1", "3-c9 2-b2 1-a1", LOCAL_BODY, FALSE);
  assert_leaves (fixture->store, "cluster:demo-1", "4-d4 3-c9");
  assert_document (fixture->store, "cluster:demo-1", "4-d4", DEMO_1_EDITED);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 3);
}

static const char * const invalid_paths[] = {
  "",
  "1-",
  "0-ab",
  "x-ab",
  "2ab",
  "2-xyz",
  "-1-ab",
  "02-ab",
  "99999999999999999999-ab",
  "3-cc 1-a1",
  "2-cc 2-b2",
  "1-a1 2-b2",
  "3-cc 2-b2 1-a1 0-00",
};

static void
test_documents_insert_invalid (StoreFixture  *fixture,
                               gconstpointer  user_data)
{
  const char * const ids[] = { "cluster:demo-1", "cluster:demo-2" };
  g_autoptr(JsonObject) body = object_from_json (REMOTE_BODY);

  insert (fixture->store, "cluster:demo-1", "2-b2 1-a1", DEMO_1, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_paths); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ids); j++)
      {
        g_auto(GStrv) rev_path = g_strsplit (invalid_paths[i], " ", -1);
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) missing_error = NULL;
        g_auto(GStrv) missing = NULL;

        g_test_message ("path '%s', document %s", invalid_paths[i], ids[j]);
        g_assert_false (bp_store_insert_revision (fixture->store, ids[j],
                                                  (const char * const *)rev_path, body, FALSE,
                                                  &error));
        g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, ids[j]));

        assert_document (fixture->store, "cluster:demo-1", "2-b2", DEMO_1);
        assert_leaves (fixture->store, "cluster:demo-1", "2-b2");
        missing = bp_store_dup_leaf_revs (fixture->store, "cluster:demo-2", &missing_error);
        g_assert_error (missing_error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
        g_assert_null (missing);
        g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 1);
      }
}

static void
test_documents_insert_wrong_parent (StoreFixture  *fixture,
                                    gconstpointer  user_data)
{
  const char * const rev_path[] = { "3-c3", "2-b2", "1-ff", NULL };
  g_autoptr(JsonObject) body = object_from_json (REMOTE_BODY);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stub = NULL;

  insert (fixture->store, "cluster:demo-1", "2-b2 1-a1", DEMO_1, FALSE);

  /* 2-b2 is stored as a child of 1-a1, not of 1-ff. */
  g_assert_false (bp_store_insert_revision (fixture->store, "cluster:demo-1", rev_path, body,
                                            FALSE, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cluster:demo-1"));
  g_clear_error (&error);

  assert_leaves (fixture->store, "cluster:demo-1", "2-b2");
  assert_document (fixture->store, "cluster:demo-1", "2-b2", DEMO_1);
  stub = bp_store_dup_revision (fixture->store, "cluster:demo-1", "1-ff", &error);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 1);
}

static void
test_documents_invalid_id (StoreFixture  *fixture,
                           gconstpointer  user_data)
{
  const char * const rev_path[] = { "1-a1", NULL };
  g_autoptr(JsonObject) body = object_from_json (DEMO_1);
  g_autoptr(GError) error = NULL;

  g_assert_false (bp_store_put_document (fixture->store, "", NULL, body, NULL, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bp_store_insert_revision (fixture->store, "", rev_path, body, FALSE, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 0);
}

static void
test_documents_changes (StoreFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *a1 = put (fixture->store, "cluster:demo-a", NULL, DEMO_1);
  g_autofree char *b1 = put (fixture->store, "cluster:demo-b", NULL, DEMO_1);
  g_autofree char *c1 = put (fixture->store, "cluster:demo-c", NULL, DEMO_1);
  g_autofree char *a2 = put (fixture->store, "cluster:demo-a", a1, DEMO_1_EDITED);
  g_autofree char *b_remote = g_strdup_printf ("2-00000000000000000000000000000000 %s", b1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  BpChange *change;

  insert (fixture->store, "cluster:demo-b", b_remote, REMOTE_BODY, FALSE);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 5);

  /* One entry per document, at its latest sequence. */
  all = bp_store_list_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  change = g_ptr_array_index (all, 0);
  g_assert_cmpstr (change->id, ==, "cluster:demo-c");
  g_assert_cmpint (change->seq, ==, 3);
  g_assert_cmpstr (change->winning_rev, ==, c1);
  change = g_ptr_array_index (all, 1);
  g_assert_cmpstr (change->id, ==, "cluster:demo-a");
  g_assert_cmpint (change->seq, ==, 4);
  g_assert_cmpstr (change->winning_rev, ==, a2);
  g_assert_cmpuint (g_strv_length (change->leaf_revs), ==, 1);
  g_assert_cmpstr (change->leaf_revs[0], ==, a2);
  change = g_ptr_array_index (all, 2);
  g_assert_cmpstr (change->id, ==, "cluster:demo-b");
  g_assert_cmpint (change->seq, ==, 5);
  g_assert_false (change->is_deleted);
  /* The replicated edit continues the local revision: no conflict. */
  g_assert_cmpuint (g_strv_length (change->leaf_revs), ==, 1);
  g_assert_cmpstr (change->winning_rev, ==, "2-00000000000000000000000000000000");

  later = bp_store_list_changes (fixture->store, 3, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 2);
  g_assert_cmpstr (((BpChange *)g_ptr_array_index (later, 0))->id, ==, "cluster:demo-a");
  g_assert_cmpstr (((BpChange *)g_ptr_array_index (later, 1))->id, ==, "cluster:demo-b");

  first = bp_store_list_changes (fixture->store, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((BpChange *)g_ptr_array_index (first, 1))->id, ==, "cluster:demo-a");

  none = bp_store_list_changes (fixture->store, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_documents_changes_conflict (StoreFixture  *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *local = put (fixture->store, "cluster:demo-1", rev1, LOCAL_BODY);
  g_autofree char *other = put (fixture->store, "cluster:demo-2", NULL, DEMO_1);
  g_autofree char *remote_path = g_strdup_printf ("2-00000000000000000000000000000000 %s", rev1);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  BpChange *change;

  insert (fixture->store, "cluster:demo-1", remote_path, REMOTE_BODY, FALSE);

  changes = bp_store_list_changes (fixture->store, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->id, ==, "cluster:demo-2");
  g_assert_cmpint (change->seq, ==, 3);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->id, ==, "cluster:demo-1");
  g_assert_cmpint (change->seq, ==, 4);
  /* The local hash is greater than 000…, so the local edit still wins. */
  g_assert_cmpstr (change->winning_rev, ==, local);
  g_assert_cmpuint (g_strv_length (change->leaf_revs), ==, 2);
  g_assert_cmpstr (change->leaf_revs[0], ==, local);
  g_assert_cmpstr (change->leaf_revs[1], ==, "2-00000000000000000000000000000000");
}

static void
test_documents_by_type (StoreFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *rev2 = put (fixture->store, "cluster:demo-2", NULL,
                               "{\"type\":\"cluster\",\"title\":\"Demo cluster 2\"}");
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *task = put (fixture->store, "task:demo-1", NULL,
                               "{\"type\":\"task\",\"title\":\"Demo task 1\"}");
  g_autofree char *rev3 = put (fixture->store, "cluster:demo-3", NULL,
                               "{\"type\":\"cluster\",\"title\":\"Demo cluster 3\"}");
  g_autofree char *untyped = put (fixture->store, "note:demo-1", NULL, "{\"type\":7}");
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_store_delete_document (fixture->store, "cluster:demo-3", rev3, NULL, &error));
  g_assert_no_error (error);

  clusters = bp_store_list_documents_by_type (fixture->store, "cluster", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 2);
  g_assert_cmpuint (bp_store_count_documents_by_type (fixture->store, "cluster"), ==, 2);

  json = object_to_json (g_ptr_array_index (clusters, 0));
  expected = g_strdup_printf ("{\"_id\":\"cluster:demo-1\",\"_rev\":\"%s\","
                              "\"title\":\"Demo cluster 1\",\"type\":\"cluster\"}", rev1);
  g_assert_cmpstr (json, ==, expected);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&expected, g_free);
  json = object_to_json (g_ptr_array_index (clusters, 1));
  expected = g_strdup_printf ("{\"_id\":\"cluster:demo-2\",\"_rev\":\"%s\","
                              "\"title\":\"Demo cluster 2\",\"type\":\"cluster\"}", rev2);
  g_assert_cmpstr (json, ==, expected);
}

static void
test_documents_reopen (StoreFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *rev1 = put (fixture->store, "cluster:demo-1", NULL, DEMO_1);
  g_autofree char *local = put (fixture->store, "cluster:demo-1", rev1, LOCAL_BODY);
  g_autofree char *other = put (fixture->store, "cluster:demo-2", NULL, DEMO_1);
  g_autofree char *remote_path = g_strdup_printf ("3-ffffffffffffffffffffffffffffffff 2-ee %s", rev1);
  g_autofree char *expected_leaves = NULL;
  g_autofree char *next = NULL;
  g_autoptr(JsonObject) deleted = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  insert (fixture->store, "cluster:demo-1", remote_path, REMOTE_BODY, FALSE);
  g_assert_true (bp_store_delete_document (fixture->store, "cluster:demo-2", other, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  expected_leaves = g_strdup_printf ("3-ffffffffffffffffffffffffffffffff %s", local);
  assert_leaves (fixture->store, "cluster:demo-1", expected_leaves);
  assert_document (fixture->store, "cluster:demo-1", "3-ffffffffffffffffffffffffffffffff", REMOTE_BODY);
  assert_revision (fixture->store, "cluster:demo-1", local, LOCAL_BODY);
  assert_revision (fixture->store, "cluster:demo-1", rev1, DEMO_1);
  deleted = bp_store_dup_document (fixture->store, "cluster:demo-2", NULL, &error);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (bp_store_get_last_seq (fixture->store), ==, 5);

  /* Sequences go on from where they were. */
  next = put (fixture->store, "cluster:demo-3", NULL, DEMO_1);
  changes = bp_store_list_changes (fixture->store, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (((BpChange *)g_ptr_array_index (changes, 0))->seq, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/store/documents/create-read", test_documents_create_read);
  ADD ("/store/documents/update", test_documents_update);
  ADD ("/store/documents/update-stale", test_documents_update_stale);
  ADD ("/store/documents/delete", test_documents_delete);
  ADD ("/store/documents/recreate", test_documents_recreate);
  ADD ("/store/documents/rev-deterministic", test_documents_rev_deterministic);
  ADD ("/store/documents/conflict/resolve", test_documents_conflict_resolve);
  ADD ("/store/documents/insert/known", test_documents_insert_known);
  ADD ("/store/documents/insert/stem", test_documents_insert_stem);
  ADD ("/store/documents/insert/invalid", test_documents_insert_invalid);
  ADD ("/store/documents/insert/invalid-id", test_documents_invalid_id);
  ADD ("/store/documents/insert/wrong-parent", test_documents_insert_wrong_parent);
  ADD ("/store/documents/changes/since", test_documents_changes);
  ADD ("/store/documents/changes/conflict", test_documents_changes_conflict);
  ADD ("/store/documents/by-type", test_documents_by_type);
  ADD ("/store/documents/reopen", test_documents_reopen);

#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (conflict_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/store/documents/conflict/winner/",
                                           conflict_case_names[i], NULL);

      g_test_add (path, StoreFixture, &conflict_cases[i],
                  store_fixture_set_up, test_documents_conflict, store_fixture_tear_down);
    }

  return g_test_run ();
}
