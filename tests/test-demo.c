/* test-demo.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>

#include "bp-day.h"
#include "bp-demo-generator.h"
#include "bp-rrn.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"
#include "bp-store-private.h"

#define GRID_COLUMNS 8
#define GRID_ROWS    6

static const gint64 age_populations[3][BP_N_AGE_BANDS] = {
  { 1300, 1250, 1400, 1500, 1450, 1500, 1300, 900, 650 },
  { 1500, 1400, 1900, 1800, 1500, 1400, 1100, 700, 400 },
  { 1100, 1100, 1200, 1300, 1400, 1600, 1500, 1100, 900 },
};

static char *
dup_store_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static BpAreaRecord *
make_record (const char *code,
             const char *parent_code,
             gint64      population,
             double      lon,
             double      lat,
             double      size)
{
  BpAreaRecord *record = bp_area_record_new ();

  record->code = g_strdup (code);
  record->parent_code = g_strdup (parent_code);
  record->name_nl = g_strdup_printf ("Testgebied %s", code);
  record->population = population;
  record->geometry = bp_geometry_new ();
  bp_geometry_begin_polygon (record->geometry);
  bp_geometry_begin_ring (record->geometry);
  bp_geometry_add_point (record->geometry, lon, lat);
  bp_geometry_add_point (record->geometry, lon + size, lat);
  bp_geometry_add_point (record->geometry, lon + size, lat + size);
  bp_geometry_add_point (record->geometry, lon, lat + size);

  return record;
}

static void
import_one_level (BpStore     *store,
                  BpAreaLevel  level,
                  GPtrArray   *records)
{
  g_autoptr(GError) error = NULL;

  bp_store_import_areas (store, level, records, "test", NULL, &error);
  g_assert_no_error (error);
}

/* A small made-up province: three municipalities over a grid of 48 sectors,
 * one of them empty and some very small, so every rule has a case. */
static void
add_small_areas (BpStore *store)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);

  g_ptr_array_add (records, make_record ("02000", NULL, 35000, 4.0, 51.0, 0.08));
  import_one_level (store, BP_AREA_LEVEL_REGION, records);
  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, make_record ("10000", "02000", 35000, 4.0, 51.0, 0.08));
  import_one_level (store, BP_AREA_LEVEL_PROVINCE, records);
  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, make_record ("elz99", "10000", 35000, 4.0, 51.0, 0.08));
  import_one_level (store, BP_AREA_LEVEL_CARE_ZONE, records);
  g_ptr_array_set_size (records, 0);

  for (guint m = 0; m < 3; m++)
    {
      g_autofree char *code = g_strdup_printf ("9900%u", m + 1);
      BpAreaRecord *record = make_record (code, "elz99", 0, 4.0 + m * 0.03, 51.0, 0.03);

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        {
          record->population_by_age[b] = age_populations[m][b];
          record->population += age_populations[m][b];
        }
      g_ptr_array_add (records, record);
    }
  import_one_level (store, BP_AREA_LEVEL_MUNICIPALITY, records);
  g_ptr_array_set_size (records, 0);

  for (guint i = 0; i < GRID_COLUMNS * GRID_ROWS; i++)
    {
      guint column = i % GRID_COLUMNS;
      guint row = i / GRID_COLUMNS;
      guint m = MIN (column * 3 / GRID_COLUMNS, 2);
      g_autofree char *code = g_strdup_printf ("9900%uA%02u-", m + 1, i);
      g_autofree char *parent = g_strdup_printf ("9900%u", m + 1);
      gint64 population = i == 5 ? 0 : i % 11 == 3 ? 4 + i % 5 : 300 + (i * 7919) % 1200;

      g_ptr_array_add (records, make_record (code, parent, population,
                                             4.0 + column * 0.01, 51.0 + row * 0.01, 0.01));
    }
  import_one_level (store, BP_AREA_LEVEL_SECTOR, records);
}

static BpStore *
open_small_store (const char *name)
{
  g_autofree char *path = dup_store_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;

  g_unlink (path);
  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  add_small_areas (store);

  return g_steal_pointer (&store);
}

static void
generate (BpStore       *store,
          guint64        seed,
          int            n_days,
          BpDemoSummary *summary)
{
  g_autoptr(GError) error = NULL;
  BpDemoOptions options;

  bp_demo_options_init (&options);
  options.seed = seed;
  options.n_days = n_days;
  bp_demo_generate (store, &options, summary, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
add_query_to_checksum (BpStore    *store,
                       GChecksum  *checksum,
                       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const guchar *text = sqlite3_column_text (stmt, i);

        g_checksum_update (checksum, text ? text : (const guchar *)"", -1);
        g_checksum_update (checksum, (const guchar *)"\t", 1);
      }
}

/* What the demo wrote, as one checksum: its counts, nursing homes and their
 * signals, and its documents. Revisions are left out: a replaced document
 * is a later revision of the same content. */
static char *
dup_store_checksum (BpStore *store)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  add_query_to_checksum (store, checksum,
                         "SELECT sector_id, age_band, source, day, n_cases, cumulative, is_suppressed"
                         " FROM case_count ORDER BY sector_id, age_band, source, day");
  add_query_to_checksum (store, checksum,
                         "SELECT code, name, sector_id, n_beds FROM nursing_home ORDER BY code");
  add_query_to_checksum (store, checksum,
                         "SELECT h.code, s.day, s.n_residents, s.n_staff FROM nursing_home_signal s"
                         " JOIN nursing_home h ON h.id = s.nursing_home_id ORDER BY h.code, s.day");
  add_query_to_checksum (store, checksum,
                         "SELECT id, body FROM document WHERE is_deleted = 0 ORDER BY id");

  return g_strdup (g_checksum_get_string (checksum));
}

static gint64
query_int64 (BpStore    *store,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  g_assert_true (json_object_has_member (object, member));

  return json_object_get_string_member (object, member);
}

static int
get_day (JsonObject *object,
         const char *member)
{
  g_autoptr(GError) error = NULL;
  int day = 0;

  bp_day_from_iso (get_string (object, member), &day, &error);
  g_assert_no_error (error);

  return day;
}

static void
check_person (JsonObject *document)
{
  JsonObject *person = json_object_get_object_member (document, "person");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (person);
  g_assert_cmpstr (get_string (person, "given_name"), ==, "Demo");
  g_assert_true (g_str_has_prefix (get_string (person, "family_name"), "Testpersoon-"));
  g_assert_true (g_str_has_prefix (get_string (person, "phone"), "0470 00 00 "));
  bp_rrn_validate (get_string (person, "rrn"), &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_documents (BpStore    *store,
                const char *type)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = bp_store_list_documents_by_type (store, type, &error);

  g_assert_no_error (error);
  return documents;
}

/* The clinical share of all cases lies within [@min_share, @max_share].
 * Over periods of four weeks with enough cases to tell, it stays between
 * a few and about a third, low in some and at least twice as high in
 * others, as waves outgrow testing and testing catches up. */
static void
check_clinical_share (BpStore *store,
                      double   min_share,
                      double   max_share)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double share = (double)query_int64 (store, "SELECT sum (n_cases) FROM case_count WHERE source = 1") /
                 query_int64 (store, "SELECT sum (n_cases) FROM case_count");
  double lowest = 1;
  double highest = 0;
  guint n_periods = 0;

  g_test_message ("clinical share: %.1f %%", 100 * share);
  g_assert_cmpfloat (share, >=, min_share);
  g_assert_cmpfloat (share, <=, max_share);

  stmt = _bp_store_prepare (store,
                            "SELECT total (n_cases * (source = 1)) / total (n_cases) FROM case_count"
                            " GROUP BY day / 28 HAVING total (n_cases) >= 500",
                            NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double period_share = sqlite3_column_double (stmt, 0);

      g_assert_cmpfloat (period_share, >=, 0.02);
      g_assert_cmpfloat (period_share, <=, 0.40);
      lowest = MIN (lowest, period_share);
      highest = MAX (highest, period_share);
      n_periods++;
    }

  g_test_message ("clinical share over 4 weeks: %.1f to %.1f %%", 100 * lowest, 100 * highest);
  g_assert_cmpuint (n_periods, >=, 5);
  g_assert_cmpfloat (lowest, <, 0.08);
  g_assert_cmpfloat (highest, >, 0.15);
  g_assert_cmpfloat (highest, >, 2 * lowest);
}

/* What every demo store must hold, small or full. */
static void
check_demo_store (BpStore             *store,
                  const BpDemoSummary *summary,
                  int                  end_day)
{
  g_autoptr(GPtrArray) clusters = list_documents (store, "cluster");
  g_autoptr(GPtrArray) index_cases = list_documents (store, "index_case");
  g_autoptr(GPtrArray) contacts = list_documents (store, "contact");
  g_autoptr(GPtrArray) tasks = list_documents (store, "task");
  g_autoptr(GHashTable) cluster_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *seed = bp_store_dup_meta (store, "demo-seed");
  g_autofree char *end_iso = bp_store_dup_meta (store, "demo-end-day");
  g_autofree char *expected_end_iso = bp_day_to_iso (end_day);
  guint n_open = 0;

  g_assert_true (bp_store_is_demo (store));
  g_assert_nonnull (seed);
  g_assert_cmpstr (end_iso, ==, expected_end_iso);

  /* Counts: only days with cases, never negative, each series' cumulative
   * the running sum of its days, and no day outside the period. */
  g_assert_cmpint (query_int64 (store, "SELECT min (n_cases) FROM case_count"), >, 0);
  g_assert_cmpint (query_int64 (store,
                                "SELECT count (*) FROM (SELECT cumulative, sum (n_cases) OVER"
                                " (PARTITION BY sector_id, age_band, source ORDER BY day) AS running FROM case_count)"
                                " WHERE cumulative != running"),
                   ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT max (day) FROM case_count"), <=, end_day);
  g_assert_cmpint (query_int64 (store, "SELECT min (day) FROM case_count"), >=, summary->first_day);
  g_assert_cmpint (query_int64 (store, "SELECT sum (n_cases) FROM case_count"), ==, summary->n_cases);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM case_count"), ==, summary->n_rows);

  /* Cases are laboratory-confirmed or clinical; a demo has no counts
   * without a source. */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM case_count WHERE source NOT IN (0, 1)"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM case_count WHERE source = 0"), >, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM case_count WHERE source = 1"), >, 0);
  check_clinical_share (store, 0.04, 0.30);

  /* Every inhabited sector had cases at some time, and no empty one did. */
  g_assert_cmpint (query_int64 (store,
                                "SELECT count (*) FROM area a WHERE level = 4 AND population > 0"
                                " AND NOT EXISTS (SELECT 1 FROM case_count c WHERE c.sector_id = a.id)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (store,
                                "SELECT count (*) FROM case_count c JOIN area a ON a.id = c.sector_id"
                                " WHERE a.population = 0"),
                   ==, 0);

  /* Clusters, recent ones open and older ones closed. */
  g_assert_cmpuint (clusters->len, ==, summary->n_clusters);
  g_assert_cmpuint (clusters->len, >=, 30);
  g_assert_cmpuint (clusters->len, <=, 60);
  for (guint i = 0; i < clusters->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);
      int opened_on = get_day (cluster, "opened_on");
      const char *status = get_string (cluster, "status");
      g_autoptr(GError) error = NULL;
      g_autoptr(BpArea) sector = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR,
                                                    get_string (cluster, "sector_code"), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (bp_area_get_parent_code (sector), ==, get_string (cluster, "municipality_code"));
      g_assert_nonnull (get_string (cluster, "care_zone_code"));
      g_assert_nonnull (get_string (cluster, "title"));
      g_assert_nonnull (get_string (cluster, "setting_kind"));
      g_assert_cmpint (opened_on, <=, end_day);
      g_assert_cmpint (opened_on, >=, summary->first_day);
      if (g_str_equal (status, "open"))
        {
          n_open++;
          g_assert_cmpint (opened_on, >=, end_day - 21);
        }
      else
        {
          g_assert_cmpstr (status, ==, "closed");
          g_assert_cmpint (get_day (cluster, "closed_on"), >, opened_on);
          g_assert_cmpint (get_day (cluster, "closed_on"), <=, end_day);
        }
      g_hash_table_add (cluster_ids, (gpointer)get_string (cluster, "_id"));
    }
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpuint (n_open, <, clusters->len);

  /* Index cases and contacts: synthetic people with valid numbers. */
  g_assert_cmpuint (index_cases->len, ==, summary->n_index_cases);
  g_assert_cmpuint (index_cases->len, >=, 2 * clusters->len);
  for (guint i = 0; i < index_cases->len; i++)
    {
      JsonObject *index_case = g_ptr_array_index (index_cases, i);

      g_assert_true (g_hash_table_contains (cluster_ids, get_string (index_case, "cluster_id")));
      g_assert_cmpint (get_day (index_case, "isolation_until"), >, get_day (index_case, "confirmed_on"));
      check_person (index_case);
    }

  g_assert_cmpuint (contacts->len, ==, summary->n_contacts);
  g_assert_cmpuint (contacts->len, >=, 2 * index_cases->len);
  for (guint i = 0; i < contacts->len; i++)
    {
      JsonObject *contact = g_ptr_array_index (contacts, i);
      const char *risk = get_string (contact, "risk");

      g_assert_true (g_hash_table_contains (cluster_ids, get_string (contact, "cluster_id")));
      g_assert_true (g_str_has_prefix (get_string (contact, "index_case_id"), "index_case:"));
      g_assert_true (g_str_equal (risk, "high") || g_str_equal (risk, "low"));
      if (g_str_equal (risk, "high"))
        g_assert_cmpint (get_day (contact, "quarantine_until"), >, get_day (contact, "last_contact_on"));
      check_person (contact);
    }

  g_assert_cmpuint (tasks->len, ==, summary->n_tasks);
  g_assert_cmpuint (tasks->len, >=, clusters->len);
  for (guint i = 0; i < tasks->len; i++)
    {
      JsonObject *task = g_ptr_array_index (tasks, i);
      const char *status = get_string (task, "status");

      g_assert_true (g_hash_table_contains (cluster_ids, get_string (task, "cluster_id")));
      g_assert_nonnull (get_string (task, "kind"));
      g_assert_nonnull (get_string (task, "assignee_role"));
      get_day (task, "due_on");
      if (g_str_equal (status, "done"))
        g_assert_nonnull (get_string (task, "outcome_code"));
      else
        g_assert_cmpstr (status, ==, "open");
    }
}

static void
test_demo_small (void)
{
  g_autoptr(BpStore) store = open_small_store ("small.db");
  BpDemoSummary summary;
  double population;
  double share_80_plus;
  gint64 cases_80_plus;

  generate (store, 7, BP_DEMO_DEFAULT_N_DAYS, &summary);
  check_demo_store (store, &summary, BP_DEMO_DEFAULT_END_DAY);

  g_assert_cmpint (summary.last_day - summary.first_day + 1, ==, BP_DEMO_DEFAULT_N_DAYS);
  population = query_int64 (store, "SELECT sum (population) FROM area WHERE level = 4");
  /* Two years of waves confirm 10 to 40 % of a small population. */
  g_assert_cmpfloat (summary.n_cases / population, >, 0.10);
  g_assert_cmpfloat (summary.n_cases / population, <, 0.40);

  /* Over the whole period, the oldest are hit less than their share. */
  cases_80_plus = query_int64 (store, "SELECT sum (n_cases) FROM case_count WHERE age_band = 8");
  share_80_plus = (double)(age_populations[0][8] + age_populations[1][8] + age_populations[2][8]) /
                  query_int64 (store, "SELECT sum (population) FROM area WHERE level = 3");
  g_assert_cmpfloat ((double)cases_80_plus / summary.n_cases, <, share_80_plus);
}

static void
test_demo_deterministic (void)
{
  g_autoptr(BpStore) first = open_small_store ("first.db");
  g_autoptr(BpStore) second = open_small_store ("second.db");
  g_autoptr(BpStore) other = open_small_store ("other.db");
  g_autofree char *first_checksum = NULL;
  g_autofree char *second_checksum = NULL;
  g_autofree char *other_checksum = NULL;
  BpDemoSummary summary;

  generate (first, 42, 400, &summary);
  generate (second, 42, 400, &summary);
  generate (other, 43, 400, &summary);

  first_checksum = dup_store_checksum (first);
  second_checksum = dup_store_checksum (second);
  other_checksum = dup_store_checksum (other);
  g_assert_cmpstr (first_checksum, ==, second_checksum);
  g_assert_cmpstr (first_checksum, !=, other_checksum);
}

static void
test_demo_refuse_without_areas (void)
{
  g_autofree char *path = dup_store_path ("empty.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (path, &error);
  BpDemoOptions options;

  g_assert_no_error (error);
  bp_demo_options_init (&options);
  g_assert_false (bp_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_NO_AREAS);
  g_assert_false (bp_store_is_demo (store));

  g_clear_error (&error);
  options.n_days = 0;
  g_assert_false (bp_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_INVALID);
}

static void
test_demo_refuse_with_data (void)
{
  g_autoptr(BpStore) store = open_small_store ("again.db");
  g_autoptr(BpStore) fresh = open_small_store ("fresh.db");
  g_autoptr(BpStore) real = open_small_store ("real.db");
  g_autoptr(BpCountWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *expected = NULL;
  BpDemoOptions options;
  BpDemoSummary summary;

  generate (store, 5, 120, &summary);
  before = dup_store_checksum (store);

  /* A second run is refused and changes nothing... */
  bp_demo_options_init (&options);
  options.seed = 6;
  options.n_days = 120;
  g_assert_false (bp_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_HAS_DATA);
  g_clear_error (&error);
  after = dup_store_checksum (store);
  g_assert_cmpstr (before, ==, after);

  /* ...unless it replaces the earlier demo, which gives what a new store
   * would hold. */
  options.replace = TRUE;
  bp_demo_generate (store, &options, &summary, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  generate (fresh, 6, 120, &summary);
  replaced = dup_store_checksum (store);
  expected = dup_store_checksum (fresh);
  g_assert_cmpstr (replaced, ==, expected);

  /* A store with real counts is never replaced. */
  writer = bp_store_begin_counts (real, &error);
  g_assert_no_error (error);
  bp_count_writer_add (writer, query_int64 (real, "SELECT max (id) FROM area WHERE level = 4"),
                       3, BP_CASE_SOURCE_CONFIRMED, BP_DEMO_DEFAULT_END_DAY, 2, &error);
  g_assert_no_error (error);
  bp_count_writer_commit (writer, &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dup_store_checksum (real);

  g_assert_false (bp_demo_generate (real, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_HAS_DATA);
  g_clear_pointer (&after, g_free);
  after = dup_store_checksum (real);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (bp_store_is_demo (real));
}

typedef struct
{
  GMainLoop     *loop;
  GThread       *main_thread;
  double         last_fraction;
  guint          n_progress;
  gboolean       is_done;
  BpDemoSummary  summary;
  GError        *error;
} AsyncData;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncData *data = user_data;

  /* Progress comes in the caller's thread, and only goes up. */
  g_assert_true (g_thread_self () == data->main_thread);
  g_assert_cmpfloat (fraction, >=, data->last_fraction);
  data->last_fraction = fraction;
  data->n_progress++;
}

static void
generate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  bp_demo_generate_finish (BP_STORE (object), result, &data->summary, &data->error);
  data->is_done = TRUE;
  g_main_loop_quit (data->loop);
}

static void
test_demo_async (void)
{
  g_autoptr(BpStore) store = open_small_store ("async.db");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, g_thread_self (), 0, 0, FALSE, { 0 }, NULL };
  BpDemoOptions options;
  gint64 n_cases;

  bp_demo_options_init (&options);
  options.n_days = 200;
  bp_demo_generate_async (store, &options, NULL, progress_cb, &data, NULL, generate_cb, &data);
  g_main_loop_run (loop);

  g_assert_no_error (data.error);
  g_assert_true (data.is_done);
  g_assert_cmpuint (data.n_progress, >, 3);

  /* The worker wrote through its own connection; ours sees the result. */
  n_cases = query_int64 (store, "SELECT sum (n_cases) FROM case_count");
  g_assert_cmpint (n_cases, ==, data.summary.n_cases);
  g_assert_true (bp_store_is_demo (store));
}

static void
test_demo_cancel (void)
{
  g_autoptr(BpStore) store = open_small_store ("cancel.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  BpDemoOptions options;

  bp_demo_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_false (bp_demo_generate (store, &options, NULL, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (bp_store_is_demo (store));
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM case_count"), ==, 0);
}

/* 14-day sums per 100,000 of a daily series. */
static double
incidence_14 (GArray *daily,
              guint   index,
              double  population)
{
  gint64 sum = 0;

  for (guint i = index >= 13 ? index - 13 : 0; i <= index; i++)
    sum += g_array_index (daily, gint64, i);

  return sum * 1e5 / population;
}

static int
day_of (const char *iso)
{
  int day = 0;

  g_assert_true (bp_day_from_iso (iso, &day, NULL));
  return day;
}

static gint64
cases_between (BpStore    *store,
               const char *first,
               const char *last,
               int         age_band)
{
  g_autoptr(sqlite3_stmt) stmt = _bp_store_prepare (store,
                                                    "SELECT total (n_cases) FROM case_count"
                                                    " WHERE day BETWEEN ? AND ? AND (? < 0 OR age_band = ?)",
                                                    NULL);

  sqlite3_bind_int (stmt, 1, day_of (first));
  sqlite3_bind_int (stmt, 2, day_of (last));
  sqlite3_bind_int (stmt, 3, age_band);
  sqlite3_bind_int (stmt, 4, age_band);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* The default scenario over the real reference areas, as the app and the
 * benchmarks use it. */
static void
test_demo_full (void)
{
  const char *data_dir = g_getenv ("BRANDPUNT_DATA_DIR");
  g_autofree char *reference = NULL;
  g_autofree char *path = dup_store_path ("full.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpArea) flanders = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GPtrArray) homes = NULL;
  gint64 by_band[BP_N_AGE_BANDS];
  double population;
  double peak = 0;
  double lowest_summer = G_MAXDOUBLE;
  double lowest_2026 = G_MAXDOUBLE;
  double population_80_plus_share;
  gint64 window_sum;
  guint homes_at_peak;
  guint homes_in_summer;
  BpDemoSummary summary;
  static const struct {
    const char *first;
    const char *last;
    double      min_share;   /* of the population */
    double      max_share;
  } waves[] = {
    { "2024-12-01", "2025-04-30", 0.01, 0.08 },   /* winter */
    { "2025-07-01", "2025-09-15", 0.003, 0.04 },  /* summer bump */
    { "2025-09-16", "2026-01-31", 0.04, 0.15 },   /* the big autumn wave */
    { "2026-02-01", "2026-06-30", 0.01, 0.08 },   /* spring */
  };

  if (data_dir == NULL ||
      !g_file_test ((reference = g_build_filename (data_dir, "reference-areas.db", NULL)), G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The reference areas are not built (BRANDPUNT_DATA_DIR).");
      return;
    }

  g_unlink (path);
  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  bp_store_import_reference (store, reference, &error);
  g_assert_no_error (error);

  generate (store, BP_DEMO_DEFAULT_SEED, BP_DEMO_DEFAULT_N_DAYS, &summary);
  check_demo_store (store, &summary, BP_DEMO_DEFAULT_END_DAY);

  /* Giving counts a source split them and added none: the cases of each
   * sector, band and day over both sources are what this seed gave before,
   * as a fingerprint of (sector, band, day, cases). Sector ids count from
   * the first sector: the neighbourhoods imported before them shift them. */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM (SELECT 1 FROM case_count GROUP BY sector_id, age_band, day)"),
                   ==, 1283588);
  g_assert_cmpint (summary.n_cases, ==, 1426146);
  g_assert_cmpint (query_int64 (store,
                                "SELECT sum (n * ((sector_id - (SELECT min (id) FROM area WHERE level = 4)) * 1000003"
                                "                 + age_band * 10007 + day * 31)) FROM"
                                " (SELECT sector_id, age_band, day, sum (n_cases) AS n FROM case_count"
                                "  GROUP BY sector_id, age_band, day)"),
                   ==, G_GINT64_CONSTANT (6741431941420404));

  population = query_int64 (store, "SELECT sum (population) FROM area WHERE level = 0");
  g_assert_cmpfloat (summary.n_cases / population, >=, 0.15);
  g_assert_cmpfloat (summary.n_cases / population, <=, 0.40);
  g_assert_cmpint (summary.n_rows, >=, 500000);

  for (guint w = 0; w < G_N_ELEMENTS (waves); w++)
    {
      double share = cases_between (store, waves[w].first, waves[w].last, -1) / population;

      g_test_message ("wave from %s: %.2f %% of the population", waves[w].first, 100 * share);
      g_assert_cmpfloat (share, >=, waves[w].min_share);
      g_assert_cmpfloat (share, <=, waves[w].max_share);
    }

  /* The 14-day incidence of Flanders: a big peak in autumn, low between
   * the waves. */
  flanders = bp_store_dup_area (store, BP_AREA_LEVEL_REGION, "02000", &error);
  g_assert_no_error (error);
  daily = bp_store_dup_daily_counts (store, bp_area_get_id (flanders), -1,
                                     summary.first_day, summary.last_day, &error);
  g_assert_no_error (error);
  for (guint i = 13; i < daily->len; i++)
    {
      int day = summary.first_day + i;
      double incidence = incidence_14 (daily, i, bp_area_get_population (flanders));

      if (day >= day_of ("2025-09-16") && day <= day_of ("2026-01-31"))
        peak = MAX (peak, incidence);
      if (day >= day_of ("2025-05-01") && day <= day_of ("2025-07-15"))
        lowest_summer = MIN (lowest_summer, incidence);
      if (day >= day_of ("2026-06-01") && day <= day_of ("2026-09-30"))
        lowest_2026 = MIN (lowest_2026, incidence);
    }
  g_test_message ("Flanders 14-day incidence: peak %.0f, lows %.0f and %.0f per 100,000",
                  peak, lowest_summer, lowest_2026);
  g_assert_cmpfloat (peak, >=, 500);
  g_assert_cmpfloat (peak, <=, 2500);
  g_assert_cmpfloat (lowest_summer, <, 100);
  g_assert_cmpfloat (lowest_2026, <, 100);

  /* The window sum from the cumulative counts agrees with the daily counts. */
  bp_store_get_area_window_sum (store, bp_area_get_id (flanders), -1, summary.last_day, 14,
                                &window_sum, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (window_sum * 1e5 / bp_area_get_population (flanders), ==,
                     incidence_14 (daily, daily->len - 1, bp_area_get_population (flanders)));

  /* Fewer of the oldest outside the nursing-home wave than their share. */
  bp_store_get_area_window_sums_by_band (store, 0, day_of ("2025-04-30"), 150, by_band, &error);
  g_assert_no_error (error);
  population_80_plus_share = (double)query_int64 (store,
                                                  "SELECT sum (p.population) FROM area_age_population p"
                                                  " JOIN area a ON a.id = p.area_id"
                                                  " WHERE a.level = 3 AND p.age_band = 8") /
                             query_int64 (store, "SELECT sum (population) FROM area WHERE level = 3");
  {
    gint64 total = 0;

    for (guint b = 0; b < BP_N_AGE_BANDS; b++)
      total += by_band[b];
    g_assert_cmpfloat ((double)by_band[8] / total, <, population_80_plus_share);
    /* Children and young adults carry the summer bump. */
    g_assert_cmpfloat ((double)cases_between (store, "2025-07-01", "2025-09-15", 2) /
                       cases_between (store, "2025-07-01", "2025-09-15", -1), >, 0.18);
  }

  /* Nursing homes, with more signals in the big wave than in summer. */
  homes = bp_store_list_nursing_homes (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (homes->len, >=, 150);
  g_assert_cmpuint (homes->len, <=, 250);
  for (guint i = 0; i < homes->len; i++)
    g_assert_true (g_str_has_prefix (((BpNursingHome *)g_ptr_array_index (homes, i))->name, "WZC Demo "));
  bp_store_count_nursing_homes_with_signals (store, 0, day_of ("2025-11-30"), 28, &homes_at_peak, &error);
  g_assert_no_error (error);
  bp_store_count_nursing_homes_with_signals (store, 0, day_of ("2025-06-30"), 28, &homes_in_summer, &error);
  g_assert_no_error (error);
  g_test_message ("nursing homes with signals: %u at the peak, %u in summer", homes_at_peak, homes_in_summer);
  g_assert_cmpuint (homes_at_peak, >, 3 * homes_in_summer);
  g_assert_cmpuint (homes_at_peak, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/refuse/without-areas", test_demo_refuse_without_areas);
  g_test_add_func ("/demo/refuse/with-data", test_demo_refuse_with_data);
  g_test_add_func ("/demo/cancel", test_demo_cancel);
  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/small", test_demo_small);
  g_test_add_func ("/demo/async", test_demo_async);
  g_test_add_func ("/demo/full", test_demo_full);

  return g_test_run ();
}
