/* test-alerts.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "bp-alert-rules.h"
#include "bp-day.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"
#include "bp-store-private.h"

/* The small store: a region, province and care zone of 10,000 people with
 * three municipalities. The sectors' populations sit on the edges the
 * rules test: 500 is a small sector, 501 is not. */
enum {
  S1A,
  S1B,
  S2A,
  S2B,
  S3A,
  N_SECTORS
};

enum {
  M1,
  M2,
  M3,
  N_MUNICIPALITIES
};

static const struct {
  const char *code;
  guint       municipality;
  gint64      population;
} sector_info[N_SECTORS] = {
  { "99001A00-", M1, 500 },
  { "99001B00-", M1, 1500 },
  { "99002A00-", M2, 501 },
  { "99002B00-", M2, 1499 },
  { "99003A00-", M3, 0 },
};

static const struct {
  const char *code;
  gint64      population;
} municipality_info[N_MUNICIPALITIES] = {
  { "99001", 2000 },
  { "99002", 2000 },
  { "99003", 0 },
};

#define TOP_POPULATION 10000
#define N_DAYS         400
/* The reference day of the hand-made cases: index 300 of the series. */
#define D              300

typedef struct
{
  char    *path;
  BpStore *store;
  int      first_day;
  gint64   sector_ids[N_SECTORS];
  gint64   municipality_ids[N_MUNICIPALITIES];
  gint64   zone_id;
  gint64   province_id;
  gint64   region_id;
  int      cases[N_SECTORS][N_DAYS];
} Fixture;

static BpAreaRecord *
make_record (const char *code,
             const char *parent_code,
             gint64      population,
             double      lon)
{
  BpAreaRecord *record = bp_area_record_new ();

  record->code = g_strdup (code);
  record->parent_code = g_strdup (parent_code);
  record->name_nl = g_strdup_printf ("Testgebied %s", code);
  record->population = population;
  record->geometry = bp_geometry_new ();
  bp_geometry_begin_polygon (record->geometry);
  bp_geometry_begin_ring (record->geometry);
  bp_geometry_add_point (record->geometry, lon, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.0);
  bp_geometry_add_point (record->geometry, lon + 0.01, 51.01);
  bp_geometry_add_point (record->geometry, lon, 51.01);

  return record;
}

static void
import_one (BpStore      *store,
            BpAreaLevel   level,
            BpAreaRecord *record)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, record);
  bp_store_import_areas (store, level, records, "test", NULL, &error);
  g_assert_no_error (error);
}

static gint64
area_id (BpStore     *store,
         BpAreaLevel  level,
         const char  *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpArea) area = bp_store_dup_area (store, level, code, &error);

  g_assert_no_error (error);
  return bp_area_get_id (area);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify)bp_area_record_free);

  fixture->path = g_build_filename (g_get_user_data_dir (), "alerts.db", NULL);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->first_day = bp_day_from_ymd (2025, 6, 1);

  import_one (fixture->store, BP_AREA_LEVEL_REGION, make_record ("02000", NULL, TOP_POPULATION, 4.0));
  import_one (fixture->store, BP_AREA_LEVEL_PROVINCE, make_record ("10000", "02000", TOP_POPULATION, 4.0));
  import_one (fixture->store, BP_AREA_LEVEL_CARE_ZONE, make_record ("elz99", "10000", TOP_POPULATION, 4.0));

  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    g_ptr_array_add (municipalities, make_record (municipality_info[m].code, "elz99",
                                                  municipality_info[m].population, 4.0 + m * 0.02));
  bp_store_import_areas (fixture->store, BP_AREA_LEVEL_MUNICIPALITY, municipalities, "test", NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < N_SECTORS; s++)
    g_ptr_array_add (sectors, make_record (sector_info[s].code,
                                           municipality_info[sector_info[s].municipality].code,
                                           sector_info[s].population, 4.0 + s * 0.01));
  bp_store_import_areas (fixture->store, BP_AREA_LEVEL_SECTOR, sectors, "test", NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < N_SECTORS; s++)
    fixture->sector_ids[s] = area_id (fixture->store, BP_AREA_LEVEL_SECTOR, sector_info[s].code);
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    fixture->municipality_ids[m] = area_id (fixture->store, BP_AREA_LEVEL_MUNICIPALITY,
                                            municipality_info[m].code);
  fixture->zone_id = area_id (fixture->store, BP_AREA_LEVEL_CARE_ZONE, "elz99");
  fixture->province_id = area_id (fixture->store, BP_AREA_LEVEL_PROVINCE, "10000");
  fixture->region_id = area_id (fixture->store, BP_AREA_LEVEL_REGION, "02000");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* The cases of one day in one age band: a day's cases are spread over the
 * bands, starting at a band that moves with the day, so that the rules
 * must add up the bands. */
static int
band_share (int n_cases,
            int index,
            int band)
{
  int first = index % BP_N_AGE_BANDS;
  int rank = (band - first + BP_N_AGE_BANDS) % BP_N_AGE_BANDS;

  return n_cases / BP_N_AGE_BANDS + (rank < n_cases % BP_N_AGE_BANDS ? 1 : 0);
}

static void
write_cases (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpCountWriter) writer = bp_store_begin_counts (fixture->store, &error);

  g_assert_no_error (error);
  for (guint s = 0; s < N_SECTORS; s++)
    for (int b = 0; b < BP_N_AGE_BANDS; b++)
      for (int i = 0; i < N_DAYS; i++)
        {
          bp_count_writer_add (writer, fixture->sector_ids[s], b, BP_CASE_SOURCE_CONFIRMED, fixture->first_day + i,
                               band_share (fixture->cases[s][i], i, b), &error);
          g_assert_no_error (error);
        }

  bp_count_writer_commit (writer, &error);
  g_assert_no_error (error);
}

static void
add_cases (Fixture *fixture,
           guint    sector,
           int      from,
           int      to,
           int      per_day)
{
  for (int i = from; i <= to; i++)
    fixture->cases[sector][i] += per_day;
}

static BpAlertRules *
rules_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  BpAlertRules *rules = bp_alert_rules_new_from_data (json, -1, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

static GListModel *
list_alerts (Fixture      *fixture,
             BpAlertRules *rules,
             gint64        scope,
             int           index,
             int           last_seen_index)
{
  g_autoptr(GError) error = NULL;
  GListModel *alerts = bp_alert_rules_list_alerts (rules, fixture->store, scope,
                                                   fixture->first_day + index,
                                                   fixture->first_day + last_seen_index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (alerts);
  return alerts;
}

/* The only alert of @rule_id for the area @code, or NULL. */
static BpAlert *
find_alert (GListModel *alerts,
            const char *rule_id,
            const char *code)
{
  BpAlert *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);
      const char *alert_code = bp_alert_get_subject_code (alert);

      if (!alert_code)
        alert_code = bp_area_get_code (bp_alert_get_area (alert));
      if (g_str_equal (bp_alert_get_rule_id (alert), rule_id) && g_str_equal (alert_code, code))
        {
          g_assert_null (found);
          found = alert;
        }
    }

  return found;
}

/* The alerts by rule and area code, for many look-ups. */
static GHashTable *
index_alerts (GListModel *alerts)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      BpAlert *alert = g_list_model_get_item (alerts, i);
      const char *code = bp_alert_get_subject_code (alert);

      if (!code)
        code = bp_area_get_code (bp_alert_get_area (alert));
      g_assert_true (g_hash_table_insert (index, g_strconcat (bp_alert_get_rule_id (alert), "\t", code, NULL),
                                          alert));
    }

  return index;
}

static BpAlert *
lookup_alert (GHashTable *index,
              const char *rule_id,
              const char *code)
{
  g_autofree char *key = g_strconcat (rule_id, "\t", code, NULL);

  return g_hash_table_lookup (index, key);
}

static guint
count_rule_alerts (GListModel *alerts,
                   const char *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);

      n += g_str_equal (bp_alert_get_rule_id (alert), rule_id);
    }

  return n;
}

static char *
dup_key (const char *rule_id,
         const char *code,
         int         first_day)
{
  g_autofree char *date = bp_day_to_iso (first_day);

  return g_strdup_printf ("%s:%s:%s", rule_id, code, date);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

/* Rules */

static void
test_rules_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpAlertRules) rules = bp_alert_rules_new_default (&error);
  g_autoptr(BpAlertRules) source = NULL;
  g_autofree char *source_path = g_test_build_filename (G_TEST_DIST, "..", "data", "alert-rules.json", NULL);
  gboolean has_kind[BP_ALERT_N_KINDS] = { FALSE, };

  g_assert_no_error (error);
  g_assert_nonnull (rules);

  /* What the build put beside the reference areas is the shipped file. */
  source = bp_alert_rules_new_from_file (source_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_alert_rules_get_n_rules (rules), ==, bp_alert_rules_get_n_rules (source));

  for (guint i = 0; i < bp_alert_rules_get_n_rules (rules); i++)
    {
      g_assert_cmpstr (bp_alert_rules_get_rule_id (rules, i), ==, bp_alert_rules_get_rule_id (source, i));
      has_kind[bp_alert_rules_get_rule_kind (rules, i)] = TRUE;
    }

  /* Every kind has a default rule. */
  for (guint k = 0; k < BP_ALERT_N_KINDS; k++)
    g_assert_true (has_kind[k]);
}

static void
test_rules_names (void)
{
  BpAlertKind kind;
  BpAlertSeverity severity;

  for (BpAlertKind k = 0; k < BP_ALERT_N_KINDS; k++)
    {
      g_assert_true (bp_alert_kind_from_string (bp_alert_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (bp_alert_kind_get_title (k));
    }
  for (BpAlertSeverity s = 0; s < BP_ALERT_N_SEVERITIES; s++)
    {
      g_assert_true (bp_alert_severity_from_string (bp_alert_severity_to_string (s), &severity));
      g_assert_cmpint (severity, ==, s);
      g_assert_nonnull (bp_alert_severity_get_display_name (s));
    }
  g_assert_false (bp_alert_kind_from_string ("sunspots", &kind));
  g_assert_false (bp_alert_severity_from_string ("urgent", &severity));
}

#define RULE(id, kind, params) \
  "{\"id\": \"" id "\", \"kind\": \"" kind "\", \"severity\": \"warning\", \"parameters\": {" params "}}"
#define RULES(...) "{\"rules\": [" __VA_ARGS__ "]}"

static const struct {
  const char *json;
  int         code;
  const char *mentions[3];
} malformed_rules[] = {
  /* Not JSON at all, or not the right shape. */
  { "{\"rules\": [", BP_ALERT_RULES_ERROR_PARSE, { "test", "JSON" } },
  { "[]", BP_ALERT_RULES_ERROR_INVALID, { "rules" } },
  { "{\"rules\": {}}", BP_ALERT_RULES_ERROR_INVALID, { "rules" } },
  { "{\"rules\": [], \"rulez\": []}", BP_ALERT_RULES_ERROR_INVALID, { "rulez" } },
  { RULES ("5"), BP_ALERT_RULES_ERROR_INVALID, { "Rule 1", "object" } },
  /* Fields of a rule. */
  { RULES ("{\"kind\": \"doubling\", \"severity\": \"info\", \"parameters\": {}}"),
    BP_ALERT_RULES_ERROR_MISSING, { "Rule 1", "“id”" } },
  { RULES (RULE ("a:b", "doubling", "\"level\": \"municipality\", \"min_cases\": 10")),
    BP_ALERT_RULES_ERROR_INVALID, { "a:b" } },
  { RULES (RULE ("x", "sunspots", "")), BP_ALERT_RULES_ERROR_UNKNOWN_KIND, { "“x”", "sunspots" } },
  { RULES ("{\"id\": \"x\", \"kind\": \"doubling\", \"severity\": \"urgent\","
           " \"parameters\": {\"level\": \"municipality\", \"min_cases\": 10}}"),
    BP_ALERT_RULES_ERROR_INVALID, { "“x”", "urgent" } },
  { RULES ("{\"id\": \"x\", \"kind\": \"doubling\", \"severity\": \"info\"}"),
    BP_ALERT_RULES_ERROR_MISSING, { "“x”", "parameters" } },
  { RULES ("{\"id\": \"x\", \"kind\": \"doubling\", \"sevrity\": \"info\", \"parameters\": {}}"),
    BP_ALERT_RULES_ERROR_INVALID, { "“x”", "sevrity" } },
  /* Parameters. */
  { RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\"")),
    BP_ALERT_RULES_ERROR_MISSING, { "“inc”", "threshold_per_100k" } },
  { RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 500, \"treshold\": 1")),
    BP_ALERT_RULES_ERROR_INVALID, { "“inc”", "treshold" } },
  { RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": -5")),
    BP_ALERT_RULES_ERROR_INVALID, { "“inc”", "threshold_per_100k" } },
  { RULES (RULE ("inc", "incidence-threshold", "\"level\": \"planet\", \"threshold_per_100k\": 500")),
    BP_ALERT_RULES_ERROR_INVALID, { "“inc”", "level" } },
  { RULES (RULE ("dbl", "doubling", "\"level\": \"municipality\", \"min_cases\": \"10\"")),
    BP_ALERT_RULES_ERROR_INVALID, { "“dbl”", "min_cases" } },
  { RULES (RULE ("dbl", "doubling", "\"level\": \"municipality\", \"min_cases\": 10, \"factor\": 1")),
    BP_ALERT_RULES_ERROR_INVALID, { "“dbl”", "factor" } },
  { RULES (RULE ("small", "small-sector-cases", "\"min_cases\": 5, \"max_population\": 500, \"window_days\": 0")),
    BP_ALERT_RULES_ERROR_INVALID, { "“small”", "window_days" } },
  { RULES (RULE ("small", "small-sector-cases", "\"min_cases\": 5, \"max_population\": 500, \"window_days\": 7.5")),
    BP_ALERT_RULES_ERROR_INVALID, { "“small”", "window_days" } },
  { RULES (RULE ("small", "small-sector-cases", "\"min_cases\": 5, \"level\": \"sector\", \"max_population\": 500")),
    BP_ALERT_RULES_ERROR_INVALID, { "“small”", "level" } },
  { RULES (RULE ("wzc", "nursing-home-signal", "\"min_cases\": 1")),
    BP_ALERT_RULES_ERROR_MISSING, { "“wzc”", "window_days" } },
  /* A good rule does not save a file with a bad one. */
  { RULES (RULE ("wzc", "nursing-home-signal", "\"window_days\": 7") ", "
           RULE ("wzc", "nursing-home-signal", "\"window_days\": 14")),
    BP_ALERT_RULES_ERROR_INVALID, { "Rule 2", "“wzc”" } },
};

static void
test_rules_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed_rules); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpAlertRules) rules = bp_alert_rules_new_from_data (malformed_rules[i].json, -1,
                                                                     "test", &error);

      g_test_message ("%s", malformed_rules[i].json);
      g_assert_null (rules);
      g_assert_error (error, BP_ALERT_RULES_ERROR, malformed_rules[i].code);
      for (guint m = 0; m < G_N_ELEMENTS (malformed_rules[i].mentions) && malformed_rules[i].mentions[m]; m++)
        assert_contains (error->message, malformed_rules[i].mentions[m]);
    }
}

static void
test_rules_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpAlertRules) rules = NULL;
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-rules.json", NULL);
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "bad-rules.json", NULL);

  rules = bp_alert_rules_new_from_file (missing, &error);
  g_assert_null (rules);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* The message names the file. */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (bad, RULES (RULE ("x", "sunspots", "")), -1, NULL));
  rules = bp_alert_rules_new_from_file (bad, &error);
  g_assert_null (rules);
  g_assert_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_UNKNOWN_KIND);
  assert_contains (error->message, bad);
  g_unlink (bad);
}

/* Each rule on hand-made cases */

static void
test_incidence_threshold (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 500") ", "
                            RULE ("inc-min", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 500, \"min_cases\": 11") ", "
                            RULE ("zone-at", "incidence-threshold", "\"level\": \"care_zone\", \"threshold_per_100k\": 240") ", "
                            RULE ("zone-above", "incidence-threshold", "\"level\": \"care_zone\", \"threshold_per_100k\": 240.5")));
  g_autoptr(GListModel) alerts = NULL;
  g_autofree char *key = NULL;
  BpAlert *alert;

  /* 10 cases in 14 days among 2,000 people is 500 per 100,000: right at
   * the threshold. 9 is below. The third municipality has no residents. */
  add_cases (fixture, S1B, D - 9, D, 1);
  add_cases (fixture, S2B, D - 8, D, 1);
  add_cases (fixture, S3A, D - 4, D, 1);
  write_cases (fixture);

  alerts = list_alerts (fixture, rules, 0, D, D - 1);
  g_assert_cmpuint (count_rule_alerts (alerts, "inc"), ==, 1);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_kind (alert), ==, BP_ALERT_KIND_INCIDENCE_THRESHOLD);
  g_assert_cmpint (bp_alert_get_severity (alert), ==, BP_ALERT_SEVERITY_WARNING);
  g_assert_cmpint (bp_area_get_level (bp_alert_get_area (alert)), ==, BP_AREA_LEVEL_MUNICIPALITY);
  g_assert_cmpint (bp_area_get_id (bp_alert_get_area (alert)), ==, fixture->municipality_ids[M1]);
  g_assert_cmpstr (bp_area_get_display_name (bp_alert_get_area (alert)), ==, "Testgebied 99001");
  g_assert_cmpint (bp_alert_get_day (alert), ==, fixture->first_day + D);
  g_assert_cmpint (bp_alert_get_window_days (alert), ==, 14);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 10);
  g_assert_cmpint (bp_alert_get_population (alert), ==, 2000);
  g_assert_cmpfloat (bp_alert_get_value (alert), ==, 500.0);
  g_assert_cmpfloat (bp_alert_get_threshold (alert), ==, 500.0);
  /* The 10th case came on day D: the episode starts there. */
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D);
  key = dup_key ("inc", "99001", fixture->first_day + D);
  g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
  g_assert_cmpstr (bp_alert_get_message (alert), ==, "14-day incidence 500.0 per 100,000 ≥ 500 (10 cases)");
  g_assert_cmpstr (bp_alert_get_title (alert), ==, "High incidence");
  g_assert_null (bp_alert_get_subject_code (alert));

  /* The minimum number of cases holds it back. */
  g_assert_cmpuint (count_rule_alerts (alerts, "inc-min"), ==, 0);

  /* The zone: 10 + 9 + 5 = 24 cases among 10,000 is 240 exactly. */
  alert = find_alert (alerts, "zone-at", "elz99");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 24);
  g_assert_cmpfloat (bp_alert_get_value (alert), ==, 240.0);
  assert_contains (bp_alert_get_message (alert), "≥ 240 (24 cases)");
  g_assert_cmpuint (count_rule_alerts (alerts, "zone-above"), ==, 0);
  g_clear_object (&alerts);

  /* Four days on, the same 10 cases are in the window: the same alert. */
  alerts = list_alerts (fixture, rules, 0, D + 4, D);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
  g_assert_cmpint (bp_alert_get_day (alert), ==, fixture->first_day + D + 4);
  g_clear_object (&alerts);

  /* The fifth day the first case leaves the window. */
  alerts = list_alerts (fixture, rules, 0, D + 5, D);
  g_assert_null (find_alert (alerts, "inc", "99001"));
}

static void
test_doubling (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("dbl", "doubling", "\"level\": \"municipality\", \"min_cases\": 10") ", "
                            RULE ("dbl-sector", "doubling", "\"level\": \"sector\", \"min_cases\": 10") ", "
                            RULE ("dbl-sector-low", "doubling", "\"level\": \"sector\", \"min_cases\": 2")));
  g_autoptr(GListModel) alerts = NULL;
  g_autofree char *key = NULL;
  BpAlert *alert;

  /* The first municipality: 5 cases, then 10 a week later, doubled. */
  add_cases (fixture, S1B, D - 10, D - 10, 5);
  add_cases (fixture, S1B, D - 3, D - 3, 10);
  /* The second: 1 then 2 in one sector, 5 then 9 in the other: 6 then 11
   * in all, short of 12. */
  add_cases (fixture, S2A, D - 10, D - 10, 1);
  add_cases (fixture, S2A, D - 2, D - 2, 2);
  add_cases (fixture, S2B, D - 11, D - 11, 5);
  add_cases (fixture, S2B, D - 1, D - 1, 9);
  /* The third: from nothing to 10. */
  add_cases (fixture, S3A, D, D, 10);
  write_cases (fixture);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  g_assert_cmpuint (count_rule_alerts (alerts, "dbl"), ==, 2);

  alert = find_alert (alerts, "dbl", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 10);
  g_assert_cmpint (bp_alert_get_n_previous_cases (alert), ==, 5);
  g_assert_cmpfloat (bp_alert_get_value (alert), ==, 2.0);
  g_assert_cmpfloat (bp_alert_get_threshold (alert), ==, 2.0);
  g_assert_cmpint (bp_alert_get_window_days (alert), ==, 7);
  g_assert_cmpstr (bp_alert_get_message (alert), ==, "10 cases in the last 7 days, 5 in the 7 days before");
  /* From D - 3 both weeks hold their cases; at D - 4 the 5 were the
   * last week's. */
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D - 3);
  key = g_strdup (bp_alert_get_key (alert));

  alert = find_alert (alerts, "dbl", "99003");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_n_previous_cases (alert), ==, 0);
  g_assert_true (isinf (bp_alert_get_value (alert)));
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D);

  /* 1 to 2 is a doubling, but below the minimum of 10. */
  g_assert_null (find_alert (alerts, "dbl-sector", sector_info[S2A].code));
  g_assert_nonnull (find_alert (alerts, "dbl-sector-low", sector_info[S2A].code));
  g_assert_null (find_alert (alerts, "dbl-sector", sector_info[S2B].code));
  g_assert_nonnull (find_alert (alerts, "dbl-sector", sector_info[S1B].code));
  g_clear_object (&alerts);

  /* The same episode until D + 3, over on D + 4. */
  alerts = list_alerts (fixture, rules, 0, D + 3, -1);
  alert = find_alert (alerts, "dbl", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
  g_clear_object (&alerts);

  alerts = list_alerts (fixture, rules, 0, D + 4, -1);
  g_assert_null (find_alert (alerts, "dbl", "99001"));
}

static void
test_small_sector (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("small", "small-sector-cases", "\"min_cases\": 5, \"max_population\": 500")));
  g_autoptr(GListModel) alerts = NULL;
  BpAlert *alert;

  /* 5 cases among 500 people; 7 among 501; 9 among 1,500. */
  add_cases (fixture, S1A, D - 4, D, 1);
  add_cases (fixture, S2A, D - 6, D, 1);
  add_cases (fixture, S1B, D - 8, D, 1);
  write_cases (fixture);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 1);
  alert = find_alert (alerts, "small", sector_info[S1A].code);
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_area_get_level (bp_alert_get_area (alert)), ==, BP_AREA_LEVEL_SECTOR);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 5);
  g_assert_cmpint (bp_alert_get_population (alert), ==, 500);
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D);
  g_assert_cmpstr (bp_alert_get_message (alert), ==, "5 cases in 7 days in a sector of 500 residents");
  g_clear_object (&alerts);

  /* Two days on all five are in the window; three days on, four. */
  alerts = list_alerts (fixture, rules, 0, D + 2, -1);
  g_assert_nonnull (find_alert (alerts, "small", sector_info[S1A].code));
  g_clear_object (&alerts);
  alerts = list_alerts (fixture, rules, 0, D + 3, -1);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 0);
}

static void
test_small_sector_suppressed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("small", "small-sector-cases", "\"min_cases\": 5, \"max_population\": 500") ", "
                            RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 250")));
  g_autoptr(GListModel) alerts = NULL;
  g_autoptr(sqlite3_stmt) suppress = NULL;
  BpAlert *alert;

  add_cases (fixture, S1A, D - 4, D, 1);
  write_cases (fixture);

  /* The control tower hid one day's count of the sector. */
  suppress = _bp_store_prepare (fixture->store,
                                "UPDATE case_count SET is_suppressed = 1 WHERE sector_id = ? AND day = ?",
                                NULL);
  g_assert_nonnull (suppress);
  sqlite3_bind_int64 (suppress, 1, fixture->sector_ids[S1A]);
  sqlite3_bind_int (suppress, 2, fixture->first_day + D - 2);
  g_assert_cmpint (sqlite3_step (suppress), ==, SQLITE_DONE);

  /* The sector's alert would show the hidden count; its municipality's
   * sum still counts it. */
  alerts = list_alerts (fixture, rules, 0, D, -1);
  g_assert_null (find_alert (alerts, "small", sector_info[S1A].code));
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 5);
}

static void
test_nursing_home (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("wzc", "nursing-home-signal", "\"window_days\": 7") ", "
                            RULE ("wzc-3", "nursing-home-signal", "\"window_days\": 7, \"min_cases\": 3")));
  g_autoptr(GListModel) alerts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 home, other;
  BpAlert *alert;

  bp_store_add_nursing_home (fixture->store, "wzc-1", "WZC De Linde", fixture->sector_ids[S1A], 90, &home, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home (fixture->store, "wzc-2", "WZC Ter Beke", fixture->sector_ids[S2B], 60, &other, &error);
  g_assert_no_error (error);

  /* One resident and one staff member 6 days before D, two residents on
   * D; the other home had a case 7 days before D, just out of the window,
   * and a report of nobody. */
  bp_store_add_nursing_home_signal (fixture->store, home, fixture->first_day + D - 6, 1, 1, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home_signal (fixture->store, home, fixture->first_day + D, 2, 0, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home_signal (fixture->store, other, fixture->first_day + D - 7, 0, 1, &error);
  g_assert_no_error (error);
  bp_store_add_nursing_home_signal (fixture->store, other, fixture->first_day + D - 2, 0, 0, &error);
  g_assert_no_error (error);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 2);

  alert = find_alert (alerts, "wzc", "wzc-1");
  g_assert_nonnull (alert);
  g_assert_cmpstr (bp_alert_get_subject_name (alert), ==, "WZC De Linde");
  /* A home is shown in its municipality. */
  g_assert_cmpstr (bp_area_get_code (bp_alert_get_area (alert)), ==, "99001");
  g_assert_cmpint (bp_alert_get_n_residents (alert), ==, 3);
  g_assert_cmpint (bp_alert_get_n_staff (alert), ==, 1);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 4);
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D - 6);
  g_assert_cmpstr (bp_alert_get_message (alert), ==,
                   "WZC De Linde: 4 people tested positive in the last 7 days (3 residents, 1 staff)");
  {
    g_autofree char *key = dup_key ("wzc", "wzc-1", fixture->first_day + D - 6);

    g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
  }

  /* Three people only since D. */
  alert = find_alert (alerts, "wzc-3", "wzc-1");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D);
  g_clear_object (&alerts);

  /* The other home's signal leaves the window the day before D. */
  alerts = list_alerts (fixture, rules, 0, D - 1, -1);
  g_assert_nonnull (find_alert (alerts, "wzc", "wzc-2"));
  g_assert_nonnull (find_alert (alerts, "wzc", "wzc-1"));
  g_clear_object (&alerts);

  /* A week after D nothing is left; a day before, the signal of D. */
  alerts = list_alerts (fixture, rules, 0, D + 6, -1);
  alert = find_alert (alerts, "wzc", "wzc-1");
  g_assert_nonnull (alert);
  g_assert_cmpint (bp_alert_get_n_cases (alert), ==, 2);
  g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + D - 6);
  g_clear_object (&alerts);
  alerts = list_alerts (fixture, rules, 0, D + 7, -1);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 0);
}

static void
test_scope (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 100") ", "
                            RULE ("inc-sector", "incidence-threshold", "\"level\": \"sector\", \"threshold_per_100k\": 100") ", "
                            RULE ("inc-zone", "incidence-threshold", "\"level\": \"care_zone\", \"threshold_per_100k\": 100")));
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) m2 = NULL;
  g_autoptr(GListModel) zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) none = NULL;

  for (guint s = 0; s < N_SECTORS; s++)
    add_cases (fixture, s, D - 3, D, 2);
  write_cases (fixture);

  /* 2 municipalities with people, 4 sectors with people, the zone. */
  all = list_alerts (fixture, rules, 0, D, -1);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);

  /* Inside the second municipality: it and its sectors, not the zone. */
  m2 = list_alerts (fixture, rules, fixture->municipality_ids[M2], D, -1);
  g_assert_cmpuint (g_list_model_get_n_items (m2), ==, 3);
  g_assert_nonnull (find_alert (m2, "inc", "99002"));
  g_assert_nonnull (find_alert (m2, "inc-sector", sector_info[S2A].code));
  g_assert_nonnull (find_alert (m2, "inc-sector", sector_info[S2B].code));
  g_assert_cmpuint (count_rule_alerts (m2, "inc-zone"), ==, 0);

  zone = list_alerts (fixture, rules, fixture->zone_id, D, -1);
  g_assert_cmpuint (g_list_model_get_n_items (zone), ==, 7);

  /* The most severe first: here all are warnings, so in rule order. */
  {
    g_autoptr(BpAlert) first = g_list_model_get_item (all, 0);

    g_assert_cmpstr (bp_alert_get_rule_id (first), ==, "inc");
  }

  none = bp_alert_rules_list_alerts (rules, fixture->store, 999999, fixture->first_day + D, -1, &error);
  g_assert_null (none);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND);
}

static void
test_new_since (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 500")));
  int last_seen[] = { -10000, D - 1, D, D + 2 };
  gboolean expect_new[] = { TRUE, TRUE, FALSE, FALSE };

  /* The episode of the first municipality starts on D. */
  add_cases (fixture, S1B, D - 9, D, 1);
  write_cases (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (last_seen); i++)
    {
      g_autoptr(GListModel) alerts = list_alerts (fixture, rules, 0, D + 3, last_seen[i]);
      BpAlert *alert = find_alert (alerts, "inc", "99001");

      g_assert_nonnull (alert);
      g_assert_cmpint (bp_alert_get_is_new (alert), ==, expect_new[i]);
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *n_notified = user_data;

  (*n_notified)++;
}

static void
test_acknowledge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("inc", "incidence-threshold", "\"level\": \"municipality\", \"threshold_per_100k\": 500")));
  g_autoptr(GListModel) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  BpAlert *alert;
  guint n_notified = 0;

  add_cases (fixture, S1B, D - 9, D, 1);
  /* A second episode later on. */
  add_cases (fixture, S1B, D + 40, D + 40, 10);
  write_cases (fixture);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_false (bp_alert_get_is_acknowledged (alert));
  g_assert_null (bp_alert_get_acknowledgement_note (alert));
  g_assert_null (bp_alert_get_acknowledged_at (alert));
  key = g_strdup (bp_alert_get_key (alert));

  /* Whole seconds, as the document stores them. */
  before = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  g_signal_connect (alert, "notify::is-acknowledged", G_CALLBACK (notify_cb), &n_notified);
  g_assert_true (bp_alert_acknowledge (alert, fixture->store, "Called the mayor; a family party.", &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (bp_alert_get_is_acknowledged (alert));
  g_assert_cmpstr (bp_alert_get_acknowledgement_note (alert), ==, "Called the mayor; a family party.");
  g_assert_cmpint (g_date_time_compare (bp_alert_get_acknowledged_at (alert), before), >=, 0);
  g_assert_cmpint (g_date_time_compare (bp_alert_get_acknowledged_at (alert), after), <=, 0);
  g_clear_object (&alerts);

  /* A document that synchronises. */
  id = g_strconcat ("alert-ack:", key, NULL);
  document = bp_store_dup_document (fixture->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (document, "type"), ==, "alert-ack");
  g_assert_cmpstr (json_object_get_string_member (document, "alert_key"), ==, key);
  g_assert_cmpuint (bp_store_count_documents_by_type (fixture->store, "alert-ack"), ==, 1);

  /* It outlives the store being closed, and covers the whole episode. */
  g_clear_object (&fixture->store);
  fixture->store = bp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  alerts = list_alerts (fixture, rules, 0, D + 3, -1);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
  g_assert_true (bp_alert_get_is_acknowledged (alert));
  g_assert_cmpstr (bp_alert_get_acknowledgement_note (alert), ==, "Called the mayor; a family party.");
  g_assert_cmpint (g_date_time_compare (bp_alert_get_acknowledged_at (alert), before), >=, 0);
  g_assert_cmpint (g_date_time_compare (bp_alert_get_acknowledged_at (alert), after), <=, 0);
  g_clear_object (&alerts);

  /* Acknowledging again edits the same document. */
  g_assert_true (bp_store_acknowledge_alert (fixture->store, key, "Second look: stable.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&document, json_object_unref);
  document = bp_store_dup_document (fixture->store, id, &rev, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev, "2-"));
  g_assert_cmpuint (bp_store_count_documents_by_type (fixture->store, "alert-ack"), ==, 1);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_cmpstr (bp_alert_get_acknowledgement_note (alert), ==, "Second look: stable.");
  g_clear_object (&alerts);

  /* The next episode is a new alert. */
  alerts = list_alerts (fixture, rules, 0, D + 40, -1);
  alert = find_alert (alerts, "inc", "99001");
  g_assert_nonnull (alert);
  g_assert_cmpstr (bp_alert_get_key (alert), !=, key);
  g_assert_false (bp_alert_get_is_acknowledged (alert));

  /* A key that is no key is refused, and nothing is stored. */
  g_assert_false (bp_store_acknowledge_alert (fixture->store, "inc:99001", "x", &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bp_store_acknowledge_alert (fixture->store, ":99001:2026-01-01", "x", &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID);
  g_assert_cmpuint (bp_store_count_documents_by_type (fixture->store, "alert-ack"), ==, 1);
}

typedef struct
{
  GMainLoop  *loop;
  GListModel *alerts;
  GError     *error;
} AsyncData;

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *data = user_data;

  data->alerts = bp_alert_rules_list_alerts_finish (BP_ALERT_RULES (object), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BpAlertRules) rules =
    rules_from_json (RULES (RULE ("inc", "incidence-threshold", "\"level\": \"sector\", \"threshold_per_100k\": 100")));
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GListModel) alerts = NULL;
  AsyncData async = { loop, NULL, NULL };

  for (guint s = 0; s < N_SECTORS; s++)
    add_cases (fixture, s, D - 3, D, (int)s + 1);
  write_cases (fixture);

  alerts = list_alerts (fixture, rules, 0, D, -1);
  bp_alert_rules_list_alerts_async (rules, fixture->store, 0, fixture->first_day + D, -1,
                                    NULL, list_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.alerts);

  g_assert_cmpuint (g_list_model_get_n_items (async.alerts), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (async.alerts), ==, g_list_model_get_n_items (alerts));
  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BpAlert) a = g_list_model_get_item (alerts, i);
      g_autoptr(BpAlert) b = g_list_model_get_item (async.alerts, i);

      g_assert_cmpstr (bp_alert_get_key (a), ==, bp_alert_get_key (b));
      g_assert_cmpstr (bp_alert_get_message (a), ==, bp_alert_get_message (b));
    }

  g_object_unref (async.alerts);
}

/* Every rule against a plain evaluation, on long synthetic series */

typedef struct
{
  const char  *id;
  BpAlertKind  kind;
  BpAreaLevel  level;
  int          window_days;
  int          min_cases;
  double       threshold;
  double       factor;
  gint64       max_population;
} TestRule;

static const TestRule long_rules[] = {
  { "inc-m", BP_ALERT_KIND_INCIDENCE_THRESHOLD, BP_AREA_LEVEL_MUNICIPALITY, 14, 5, 3000, 0, 0 },
  { "inc-z", BP_ALERT_KIND_INCIDENCE_THRESHOLD, BP_AREA_LEVEL_CARE_ZONE, 7, 1, 1500, 0, 0 },
  { "inc-s", BP_ALERT_KIND_INCIDENCE_THRESHOLD, BP_AREA_LEVEL_SECTOR, 14, 3, 4000, 0, 0 },
  { "dbl-m", BP_ALERT_KIND_DOUBLING, BP_AREA_LEVEL_MUNICIPALITY, 7, 10, 0, 1.5, 0 },
  { "dbl-r", BP_ALERT_KIND_DOUBLING, BP_AREA_LEVEL_REGION, 7, 20, 0, 2, 0 },
  { "dbl-s", BP_ALERT_KIND_DOUBLING, BP_AREA_LEVEL_SECTOR, 3, 4, 0, 2, 0 },
  { "small", BP_ALERT_KIND_SMALL_SECTOR_CASES, BP_AREA_LEVEL_SECTOR, 7, 10, 0, 0, 500 },
};

static char *
dup_rules_json (const TestRule *rules,
                guint           n_rules)
{
  GString *json = g_string_new ("{\"rules\": [");

  for (guint r = 0; r < n_rules; r++)
    {
      const TestRule *rule = &rules[r];
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (json, "%s{\"id\": \"%s\", \"kind\": \"%s\", \"severity\": \"info\","
                              " \"parameters\": {\"window_days\": %d, \"min_cases\": %d",
                              r ? ", " : "", rule->id, bp_alert_kind_to_string (rule->kind),
                              rule->window_days, rule->min_cases);
      if (rule->kind != BP_ALERT_KIND_SMALL_SECTOR_CASES)
        g_string_append_printf (json, ", \"level\": \"%s\"", bp_area_level_to_string (rule->level));
      if (rule->kind == BP_ALERT_KIND_INCIDENCE_THRESHOLD)
        g_string_append_printf (json, ", \"threshold_per_100k\": %s",
                                g_ascii_dtostr (number, sizeof number, rule->threshold));
      if (rule->kind == BP_ALERT_KIND_DOUBLING)
        g_string_append_printf (json, ", \"factor\": %s",
                                g_ascii_dtostr (number, sizeof number, rule->factor));
      if (rule->kind == BP_ALERT_KIND_SMALL_SECTOR_CASES)
        g_string_append_printf (json, ", \"max_population\": %" G_GINT64_FORMAT, rule->max_population);
      g_string_append (json, "}}");
    }
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

/* One area's daily cases and suppressed days, added up in the test. */
typedef struct
{
  const char *code;
  BpAreaLevel level;
  gint64      population;
  gint64      cases[N_DAYS];
  gboolean    suppressed[N_DAYS];
  guint       municipality; /* for sectors and municipalities */
} PlainArea;

static gint64
plain_sum (const gint64   *cases,
           const gboolean *suppressed,
           int             n_days,
           int             last,
           int             window,
           gboolean       *is_suppressed)
{
  gint64 sum = 0;

  for (int i = last - window + 1; i <= last; i++)
    if (i >= 0 && i < n_days)
      {
        sum += cases[i];
        *is_suppressed |= suppressed && suppressed[i];
      }

  return sum;
}

/* The rule's condition, written out plainly: days outside the series
 * have no cases. */
static gboolean
plain_holds (const TestRule *rule,
             const gint64   *cases,
             const gboolean *suppressed,
             int             n_days,
             gint64          population,
             int             index,
             gint64         *n_cases,
             gint64         *n_previous)
{
  gboolean is_suppressed = FALSE;

  *n_cases = plain_sum (cases, suppressed, n_days, index, rule->window_days, &is_suppressed);
  *n_previous = -1;

  if (*n_cases < rule->min_cases)
    return FALSE;

  switch (rule->kind)
    {
    case BP_ALERT_KIND_INCIDENCE_THRESHOLD:
      if (population <= 0 || *n_cases * 100000.0 / population < rule->threshold)
        return FALSE;
      break;

    case BP_ALERT_KIND_DOUBLING:
      *n_previous = plain_sum (cases, suppressed, n_days, index - rule->window_days, rule->window_days,
                               &is_suppressed);
      if (*n_cases < rule->factor * *n_previous)
        return FALSE;
      break;

    case BP_ALERT_KIND_SMALL_SECTOR_CASES:
      if (population > rule->max_population)
        return FALSE;
      break;

    case BP_ALERT_KIND_NURSING_HOME_SIGNAL:
    default:
      g_assert_not_reached ();
    }

  return !(is_suppressed && rule->level == BP_AREA_LEVEL_SECTOR);
}

static guint
hash_day (guint s,
          int   i)
{
  guint h = (s + 1) * 2654435761u ^ (guint)i * 40503u;

  h ^= h >> 13;
  h *= 0x5bd1e995;
  return h ^ (h >> 15);
}

static void
test_long_series (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double amplitude[N_SECTORS] = { 3, 12, 2, 9, 1 };
  g_autoptr(BpAlertRules) rules = NULL;
  g_autofree char *json = dup_rules_json (long_rules, G_N_ELEMENTS (long_rules));
  g_autofree PlainArea *areas = g_new0 (PlainArea, N_SECTORS + N_MUNICIPALITIES + 3);
  g_autoptr(sqlite3_stmt) suppress = NULL;
  guint n_areas = N_SECTORS + N_MUNICIPALITIES + 3;
  guint n_checked = 0, n_long = 0;

  /* A wave of some 150 days over noise, with days off, so that episodes
   * run from a day to months. */
  for (guint s = 0; s < N_SECTORS; s++)
    for (int i = 0; i < N_DAYS; i++)
      {
        double wave = exp (-pow ((i - 220) / 60.0, 2));
        guint h = hash_day (s, i);

        fixture->cases[s][i] = h % 5 == 0 ? 0 : (int)(amplitude[s] * wave * (0.5 + (h % 100) / 100.0)) + (int)(h % 3);
      }
  write_cases (fixture);

  /* The control tower hid some small counts of one sector. */
  suppress = _bp_store_prepare (fixture->store,
                                "UPDATE case_count SET is_suppressed = 1"
                                " WHERE sector_id = ? AND day % 11 = 0 AND n_cases BETWEEN 1 AND 4",
                                NULL);
  g_assert_nonnull (suppress);
  sqlite3_bind_int64 (suppress, 1, fixture->sector_ids[S2A]);
  g_assert_cmpint (sqlite3_step (suppress), ==, SQLITE_DONE);

  /* The same sums by hand: sectors, municipalities, zone, province, region. */
  for (guint s = 0; s < N_SECTORS; s++)
    {
      PlainArea *area = &areas[s];

      area->code = sector_info[s].code;
      area->level = BP_AREA_LEVEL_SECTOR;
      area->population = sector_info[s].population;
      for (int i = 0; i < N_DAYS; i++)
        {
          area->cases[i] = fixture->cases[s][i];
          for (int b = 0; b < BP_N_AGE_BANDS && s == S2A; b++)
            {
              int n = band_share (fixture->cases[s][i], i, b);

              area->suppressed[i] |= (fixture->first_day + i) % 11 == 0 && n >= 1 && n <= 4;
            }
        }
    }
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      PlainArea *area = &areas[N_SECTORS + m];

      area->code = municipality_info[m].code;
      area->level = BP_AREA_LEVEL_MUNICIPALITY;
      area->population = municipality_info[m].population;
      for (guint s = 0; s < N_SECTORS; s++)
        for (int i = 0; i < N_DAYS && sector_info[s].municipality == m; i++)
          area->cases[i] += fixture->cases[s][i];
    }
  for (guint t = 0; t < 3; t++)
    {
      static const char * const codes[] = { "elz99", "10000", "02000" };
      static const BpAreaLevel levels[] = { BP_AREA_LEVEL_CARE_ZONE, BP_AREA_LEVEL_PROVINCE, BP_AREA_LEVEL_REGION };
      PlainArea *area = &areas[N_SECTORS + N_MUNICIPALITIES + t];

      area->code = codes[t];
      area->level = levels[t];
      area->population = TOP_POPULATION;
      for (guint s = 0; s < N_SECTORS; s++)
        for (int i = 0; i < N_DAYS; i++)
          area->cases[i] += fixture->cases[s][i];
    }

  rules = rules_from_json (json);

  for (int index = 20; index < N_DAYS + 10; index += 3)
    {
      g_autoptr(GListModel) alerts = list_alerts (fixture, rules, 0, index, index - 5);
      guint n_expected = 0;

      for (guint r = 0; r < G_N_ELEMENTS (long_rules); r++)
        for (guint a = 0; a < n_areas; a++)
          {
            const TestRule *rule = &long_rules[r];
            const PlainArea *area = &areas[a];
            gint64 n_cases, n_previous, ignored_cases, ignored_previous;
            g_autofree char *key = NULL;
            BpAlert *alert;
            int first;

            if (area->level != rule->level)
              continue;

            alert = find_alert (alerts, rule->id, area->code);
            if (!plain_holds (rule, area->cases, area->suppressed, N_DAYS, area->population,
                              index, &n_cases, &n_previous))
              {
                g_assert_null (alert);
                continue;
              }

            for (first = index;
                 plain_holds (rule, area->cases, area->suppressed, N_DAYS, area->population,
                              first - 1, &ignored_cases, &ignored_previous);
                 first--)
              ;

            n_expected++;
            g_assert_nonnull (alert);
            key = dup_key (rule->id, area->code, fixture->first_day + first);
            g_assert_cmpstr (bp_alert_get_key (alert), ==, key);
            g_assert_cmpint (bp_alert_get_first_day (alert), ==, fixture->first_day + first);
            g_assert_cmpint (bp_alert_get_n_cases (alert), ==, n_cases);
            g_assert_cmpint (bp_alert_get_n_previous_cases (alert), ==, n_previous);
            g_assert_cmpint (bp_alert_get_is_new (alert), ==, first > index - 5);
            if (rule->kind == BP_ALERT_KIND_INCIDENCE_THRESHOLD)
              g_assert_cmpfloat_with_epsilon (bp_alert_get_value (alert),
                                              n_cases * 100000.0 / area->population, 1e-9);
            n_long += index - first > 60;
          }

      g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, n_expected);
      n_checked += n_expected;
    }

  /* The series gave plenty to check, episodes longer than what is read
   * first among them. */
  g_test_message ("%u alerts checked, %u in episodes over 60 days", n_checked, n_long);
  g_assert_cmpuint (n_checked, >, 300);
  g_assert_cmpuint (n_long, >, 20);
}

/* The demo outbreak, made by brandpunt-tool, against plain SQL */

static const TestRule demo_rules[] = {
  { "inc-m", BP_ALERT_KIND_INCIDENCE_THRESHOLD, BP_AREA_LEVEL_MUNICIPALITY, 14, 10, 500, 0, 0 },
  { "inc-z", BP_ALERT_KIND_INCIDENCE_THRESHOLD, BP_AREA_LEVEL_CARE_ZONE, 14, 1, 500, 0, 0 },
  { "dbl-m", BP_ALERT_KIND_DOUBLING, BP_AREA_LEVEL_MUNICIPALITY, 7, 10, 0, 2, 0 },
  { "small", BP_ALERT_KIND_SMALL_SECTOR_CASES, BP_AREA_LEVEL_SECTOR, 7, 5, 0, 0, 500 },
};

typedef struct
{
  gint64  id;
  char   *code;
  gint64  population;
  gint64  zone_id;
  GArray *cases; /* gint64 per day from the first day */
} SqlArea;

static void
sql_area_free (gpointer data)
{
  SqlArea *area = data;

  g_free (area->code);
  g_array_unref (area->cases);
  g_free (area);
}

/* The daily cases of every area of @level, summed by SQL over the sectors
 * under it: an evaluation that shares nothing with the one under test. */
static GHashTable *
sql_daily_cases (BpStore     *store,
                 BpAreaLevel  level,
                 int          first_day,
                 int          n_days)
{
  g_autoptr(sqlite3_stmt) areas_stmt = NULL;
  g_autoptr(sqlite3_stmt) cases_stmt = NULL;
  GHashTable *areas = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, sql_area_free);
  const char *sql;

  /* The zone of a sector is its parent's parent; of a municipality its parent. */
  areas_stmt = _bp_store_prepare (store,
                                  "SELECT a.id, a.code, a.population,"
                                  " CASE a.level WHEN 4 THEN m.parent_id WHEN 3 THEN a.parent_id ELSE a.id END"
                                  " FROM area a LEFT JOIN area m ON m.id = a.parent_id WHERE a.level = ?",
                                  NULL);
  g_assert_nonnull (areas_stmt);
  sqlite3_bind_int (areas_stmt, 1, level);
  while (sqlite3_step (areas_stmt) == SQLITE_ROW)
    {
      SqlArea *area = g_new0 (SqlArea, 1);

      area->id = sqlite3_column_int64 (areas_stmt, 0);
      area->code = g_strdup ((const char *)sqlite3_column_text (areas_stmt, 1));
      area->population = sqlite3_column_int64 (areas_stmt, 2);
      area->zone_id = sqlite3_column_int64 (areas_stmt, 3);
      area->cases = g_array_sized_new (FALSE, TRUE, sizeof (gint64), n_days);
      g_array_set_size (area->cases, n_days);
      g_hash_table_insert (areas, &area->id, area);
    }

  if (level == BP_AREA_LEVEL_SECTOR)
    sql = "SELECT c.sector_id, c.day, sum (c.n_cases) FROM case_count c GROUP BY 1, 2";
  else if (level == BP_AREA_LEVEL_MUNICIPALITY)
    sql = "SELECT s.parent_id, c.day, sum (c.n_cases) FROM case_count c"
          " JOIN area s ON s.id = c.sector_id GROUP BY 1, 2";
  else
    sql = "SELECT m.parent_id, c.day, sum (c.n_cases) FROM case_count c"
          " JOIN area s ON s.id = c.sector_id JOIN area m ON m.id = s.parent_id GROUP BY 1, 2";
  g_assert_cmpint (level, >=, BP_AREA_LEVEL_CARE_ZONE);

  cases_stmt = _bp_store_prepare (store, sql, NULL);
  g_assert_nonnull (cases_stmt);
  while (sqlite3_step (cases_stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (cases_stmt, 0);
      int index = sqlite3_column_int (cases_stmt, 1) - first_day;
      SqlArea *area = g_hash_table_lookup (areas, &id);

      g_assert_nonnull (area);
      g_assert_true (index >= 0 && index < n_days);
      g_array_index (area->cases, gint64, index) = sqlite3_column_int64 (cases_stmt, 2);
    }

  return areas;
}

static gboolean
sql_holds (const TestRule *rule,
           const SqlArea  *area,
           int             index,
           gint64         *n_cases,
           gint64         *n_previous)
{
  return plain_holds (rule, (const gint64 *)(void *)area->cases->data, NULL, area->cases->len,
                      area->population, index, n_cases, n_previous);
}

static char **
run_tool (int          expected_status,
          char       **standard_error,
          const char  *first_argument,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *)TEST_TOOL);
  va_start (args, first_argument);
  for (const char *arg = first_argument; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != expected_status)
    g_error ("brandpunt-tool %s exited with %d, not %d: %s",
             first_argument, WEXITSTATUS (status), expected_status, err);

  if (standard_error)
    *standard_error = g_steal_pointer (&err);

  return g_strsplit (out, "\n", -1);
}

static void
test_demo_store (void)
{
  const char *data_dir = g_getenv ("BRANDPUNT_DATA_DIR");
  g_autofree char *reference = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *json = dup_rules_json (demo_rules, G_N_ELEMENTS (demo_rules));
  g_autofree char *first_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpAlertRules) rules = NULL;
  GHashTable *by_level[BP_AREA_N_LEVELS] = { NULL, };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) again = NULL;
  g_autofree char *err = NULL;
  g_autofree char *date = NULL;
  int first_day, last_day, n_days;
  gint64 zone_id = 0;
  guint n_checked = 0;
  /* The last day, and days with windows that start before the counts. */
  static const int days_back[] = { 0, 20, 45, 52 };

  if (data_dir == NULL ||
      !g_file_test ((reference = g_build_filename (data_dir, "reference-areas.db", NULL)), G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The reference areas are not built (BRANDPUNT_DATA_DIR).");
      return;
    }

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), "demo.db", NULL);
  rules_path = g_build_filename (g_get_user_data_dir (), "demo-rules.json", NULL);
  g_assert_true (g_file_set_contents (rules_path, json, -1, NULL));
  g_strfreev (run_tool (0, NULL, "demo", "--days", "60", "--store", path, NULL));

  store = bp_store_open (path, &error);
  g_assert_no_error (error);
  bp_store_get_count_range (store, &first_day, &last_day, &error);
  g_assert_no_error (error);
  n_days = last_day - first_day + 1;
  g_assert_cmpint (n_days, ==, 60);

  by_level[BP_AREA_LEVEL_CARE_ZONE] = sql_daily_cases (store, BP_AREA_LEVEL_CARE_ZONE, first_day, n_days);
  by_level[BP_AREA_LEVEL_MUNICIPALITY] = sql_daily_cases (store, BP_AREA_LEVEL_MUNICIPALITY, first_day, n_days);
  by_level[BP_AREA_LEVEL_SECTOR] = sql_daily_cases (store, BP_AREA_LEVEL_SECTOR, first_day, n_days);
  rules = bp_alert_rules_new_from_file (rules_path, &error);
  g_assert_no_error (error);

  /* The first zone there is, as a scope too. */
  {
    GHashTableIter iter;
    SqlArea *zone;

    g_hash_table_iter_init (&iter, by_level[BP_AREA_LEVEL_CARE_ZONE]);
    g_assert_true (g_hash_table_iter_next (&iter, NULL, (gpointer *)&zone));
    zone_id = zone->id;
  }

  for (guint d = 0; d < G_N_ELEMENTS (days_back); d++)
    for (guint scoped = 0; scoped < 2; scoped++)
      {
        int index = n_days - 1 - days_back[d];
        gint64 scope = scoped ? zone_id : 0;
        g_autoptr(GListModel) alerts = bp_alert_rules_list_alerts (rules, store, scope, first_day + index,
                                                                   -1, &error);
        g_autoptr(GHashTable) found = NULL;
        guint n_expected = 0;

        g_assert_no_error (error);
        found = index_alerts (alerts);
        for (guint r = 0; r < G_N_ELEMENTS (demo_rules); r++)
          {
            const TestRule *rule = &demo_rules[r];
            GHashTableIter iter;
            SqlArea *area;

            g_hash_table_iter_init (&iter, by_level[rule->level]);
            while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&area))
              {
                gint64 n_cases, n_previous, ignored_cases, ignored_previous;
                BpAlert *alert;
                int first;

                if (scope && area->zone_id != scope)
                  continue;

                alert = lookup_alert (found, rule->id, area->code);
                if (!sql_holds (rule, area, index, &n_cases, &n_previous))
                  {
                    g_assert_null (alert);
                    continue;
                  }

                for (first = index; sql_holds (rule, area, first - 1, &ignored_cases, &ignored_previous); first--)
                  ;

                n_expected++;
                g_assert_nonnull (alert);
                g_assert_cmpint (bp_alert_get_first_day (alert), ==, first_day + first);
                g_assert_cmpint (bp_alert_get_n_cases (alert), ==, n_cases);
                g_assert_cmpint (bp_alert_get_n_previous_cases (alert), ==, n_previous);
                if (rule->kind != BP_ALERT_KIND_DOUBLING)
                  g_assert_cmpint (bp_alert_get_population (alert), ==, area->population);
              }
          }

        g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, n_expected);
        n_checked += n_expected;
      }

  /* The demo's outbreak fires every rule somewhere. */
  g_test_message ("%u demo alerts checked", n_checked);
  g_assert_cmpuint (n_checked, >, 100);

  /* The tool prints the same alerts, and acknowledges one. */
  {
    g_autoptr(GListModel) alerts = bp_alert_rules_list_alerts (rules, store, 0, last_day, -1, &error);
    g_autoptr(BpAlert) first = NULL;
    g_auto(GStrv) fields = NULL;
    g_autofree char *ack_line = NULL;

    g_assert_no_error (error);
    g_clear_object (&store);
    date = bp_day_to_iso (last_day);

    lines = run_tool (0, NULL, "alerts", "--store", path, "--rules", rules_path, "--date", date, NULL);
    g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (alerts) + 1);
    for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
      {
        g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);
        g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

        g_assert_cmpuint (g_strv_length (columns), ==, 6);
        g_assert_cmpstr (columns[0], ==, "info");
        g_assert_cmpstr (columns[1], ==, bp_alert_get_rule_id (alert));
        g_assert_cmpstr (columns[3], ==, bp_alert_get_message (alert));
        g_assert_cmpstr (columns[4], ==, bp_alert_get_key (alert));
        g_assert_cmpstr (columns[5], ==, "new");
      }

    first = g_list_model_get_item (alerts, 0);
    first_key = g_strdup (bp_alert_get_key (first));
    g_strfreev (run_tool (0, NULL, "alerts", "--store", path, "--acknowledge", first_key,
                          "--note", "Seen in the crisis cell", NULL));

    again = run_tool (0, NULL, "alerts", "--store", path, "--rules", rules_path, "--date", date,
                      "--since", date, NULL);
    fields = g_strsplit (again[0], "\t", -1);
    g_assert_cmpstr (fields[4], ==, first_key);
    ack_line = g_strdup (fields[5]);
    g_assert_true (g_str_has_prefix (ack_line, "acknowledged "));
    g_assert_true (g_str_has_suffix (ack_line, ": Seen in the crisis cell"));
    /* Nothing started after the day itself. */
    for (guint i = 1; again[i] && *again[i]; i++)
      g_assert_true (g_str_has_suffix (again[i], "\t-"));
  }

  /* Mistakes exit with 1 and say what is wrong. */
  g_strfreev (run_tool (1, &err, "alerts", "--store", path, "--date", "2026-02-30", NULL));
  assert_contains (err, "2026-02-30");
  g_clear_pointer (&err, g_free);
  g_strfreev (run_tool (1, &err, "alerts", "--store", "/nonexistent/store.db", NULL));
  assert_contains (err, "/nonexistent/store.db");
  g_clear_pointer (&err, g_free);
  g_strfreev (run_tool (1, &err, "alerts", "--store", path, "--acknowledge", first_key, NULL));
  assert_contains (err, "--note");
  g_clear_pointer (&err, g_free);
  g_strfreev (run_tool (1, &err, "alerts", "--store", path, "--area", "00000", NULL));
  assert_contains (err, "00000");
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (rules_path, RULES (RULE ("x", "sunspots", "")), -1, NULL));
  g_strfreev (run_tool (1, &err, "alerts", "--store", path, "--rules", rules_path, NULL));
  assert_contains (err, "sunspots");
  g_clear_pointer (&err, g_free);

  for (guint level = 0; level < BP_AREA_N_LEVELS; level++)
    g_clear_pointer (&by_level[level], g_hash_table_unref);
  g_unlink (rules_path);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/alerts/rules/default", test_rules_default);
  g_test_add_func ("/alerts/rules/names", test_rules_names);
  g_test_add_func ("/alerts/rules/malformed", test_rules_malformed);
  g_test_add_func ("/alerts/rules/file", test_rules_file);
  g_test_add ("/alerts/incidence/threshold", Fixture, NULL,
              fixture_set_up, test_incidence_threshold, fixture_tear_down);
  g_test_add ("/alerts/doubling/minimum", Fixture, NULL,
              fixture_set_up, test_doubling, fixture_tear_down);
  g_test_add ("/alerts/small-sector/population", Fixture, NULL,
              fixture_set_up, test_small_sector, fixture_tear_down);
  g_test_add ("/alerts/small-sector/suppressed", Fixture, NULL,
              fixture_set_up, test_small_sector_suppressed, fixture_tear_down);
  g_test_add ("/alerts/nursing-home/window", Fixture, NULL,
              fixture_set_up, test_nursing_home, fixture_tear_down);
  g_test_add ("/alerts/scope", Fixture, NULL,
              fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/alerts/new-since", Fixture, NULL,
              fixture_set_up, test_new_since, fixture_tear_down);
  g_test_add ("/alerts/acknowledge", Fixture, NULL,
              fixture_set_up, test_acknowledge, fixture_tear_down);
  g_test_add ("/alerts/async", Fixture, NULL,
              fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/alerts/long-series", Fixture, NULL,
              fixture_set_up, test_long_series, fixture_tear_down);
  g_test_add_func ("/alerts/demo-store", test_demo_store);

  return g_test_run ();
}
