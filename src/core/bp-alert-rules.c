/* bp-alert-rules.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-alert-rules"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bp-alert-private.h"
#include "bp-alert-rules.h"
#include "bp-store-private.h"

/* Longer windows than eight weeks say little about an outbreak now. */
#define MAX_WINDOW_DAYS 56

/* The days of history read first to find where an episode started; most
 * episodes are shorter, and longer ones read further in rounds. */
#define INITIAL_LOOKBACK_DAYS 28

typedef enum
{
  PARAM_LEVEL          = 1 << 0,
  PARAM_WINDOW_DAYS    = 1 << 1,
  PARAM_MIN_CASES      = 1 << 2,
  PARAM_THRESHOLD      = 1 << 3,
  PARAM_FACTOR         = 1 << 4,
  PARAM_MAX_POPULATION = 1 << 5,
} Param;

static const struct {
  Param       param;
  const char *name;
} param_names[] = {
  { PARAM_LEVEL, "level" },
  { PARAM_WINDOW_DAYS, "window_days" },
  { PARAM_MIN_CASES, "min_cases" },
  { PARAM_THRESHOLD, "threshold_per_100k" },
  { PARAM_FACTOR, "factor" },
  { PARAM_MAX_POPULATION, "max_population" },
};

/* The parameters each kind needs and may have; the defaults of the
 * optional ones are in parse_parameters(). */
static const struct {
  Param required;
  Param optional;
} kind_params[BP_ALERT_N_KINDS] = {
  [BP_ALERT_KIND_INCIDENCE_THRESHOLD] = {
    PARAM_LEVEL | PARAM_THRESHOLD,
    PARAM_WINDOW_DAYS | PARAM_MIN_CASES,
  },
  [BP_ALERT_KIND_DOUBLING] = {
    PARAM_LEVEL | PARAM_MIN_CASES,
    PARAM_WINDOW_DAYS | PARAM_FACTOR,
  },
  [BP_ALERT_KIND_SMALL_SECTOR_CASES] = {
    PARAM_MIN_CASES | PARAM_MAX_POPULATION,
    PARAM_WINDOW_DAYS,
  },
  [BP_ALERT_KIND_NURSING_HOME_SIGNAL] = {
    PARAM_WINDOW_DAYS,
    PARAM_MIN_CASES,
  },
};

typedef struct
{
  char            *id;
  BpAlertKind      kind;
  BpAlertSeverity  severity;
  BpAreaLevel      level;          /* the areas it watches */
  int              window_days;
  gint64           min_cases;
  double           threshold;      /* incidence per 100,000 */
  double           factor;         /* growth on the window before */
  gint64           max_population; /* of a small sector */
} Rule;

/**
 * BpAlertRules:
 *
 * A set of alert rules as read from a JSON file (data/alert-rules.json
 * holds the defaults), and their evaluation over the counts of a store.
 * Immutable, so a worker thread may evaluate it.
 */
struct _BpAlertRules
{
  GObject  parent_instance;

  GArray  *rules; /* Rule */
};

G_DEFINE_FINAL_TYPE (BpAlertRules, bp_alert_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-alert-rules-error-quark, bp_alert_rules_error)

/* One area as the evaluation needs it. */
typedef struct
{
  gint64   id;
  gint64   parent_id;
  gint64   population; /* -1 until loaded */
  int      parent;   /* index in the areas, or -1 */
  int      slot;     /* row of its daily cases in the series, or -1 */
  guint8   level;
  gboolean in_scope;
  gboolean is_open;  /* an episode here goes back further than the series */
} AreaEntry;

/* The daily cases of some areas over the days [lo, day]. */
typedef struct
{
  int       day;
  int       first_count_day;
  int       lo;
  int       n_days;
  guint     n_slots;
  gint32   *cases;       /* n_slots × n_days */
  guint8   *suppressed;  /* a suppressed count of the sector itself, same layout */
  gboolean  is_complete; /* no day before lo has cases */
} Series;

/* A rule that fires for an area at the reference day, while its episode's
 * first day is sought. */
typedef struct
{
  guint           rule;
  guint           area;
  int             resume_day;
  int             first_day;
  gboolean        is_open;
  BpAlertFigures  figures;
} Candidate;

typedef struct
{
  int    day;
  int    n_people;
  int    n_residents;
  int    n_staff;
} Signal;

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->id, g_free);
}

static void
series_clear (Series *series)
{
  g_clear_pointer (&series->cases, g_free);
  g_clear_pointer (&series->suppressed, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Series, series_clear)

static void
bp_alert_rules_finalize (GObject *object)
{
  BpAlertRules *self = (BpAlertRules *)object;

  g_clear_pointer (&self->rules, g_array_unref);

  G_OBJECT_CLASS (bp_alert_rules_parent_class)->finalize (object);
}

static void
bp_alert_rules_class_init (BpAlertRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_alert_rules_finalize;
}

static void
bp_alert_rules_init (BpAlertRules *self)
{
  self->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (self->rules, rule_clear);
}

/* Parsing */

static const char *
param_get_name (Param param)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_names); i++)
    if (param_names[i].param == param)
      return param_names[i].name;

  g_assert_not_reached ();
}

static gboolean
param_from_name (const char *name,
                 Param      *param)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_names); i++)
    if (g_str_equal (param_names[i].name, name))
      {
        *param = param_names[i].param;
        return TRUE;
      }

  return FALSE;
}

static gboolean
node_holds_type (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
get_string_field (JsonObject  *object,
                  const char  *name,
                  const char **value,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_MISSING,
                   _("the field “%s” is missing."), name);
      return FALSE;
    }

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("the field “%s” must be a string."), name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_integer_param (JsonNode    *node,
                   const char  *name,
                   gint64       min,
                   gint64       max,
                   gint64      *value,
                   GError     **error)
{
  if (!node_holds_type (node, G_TYPE_INT64) ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("the parameter “%s” must be a whole number from %lld to %lld."),
                   name, (long long)min, (long long)max);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_number_param (JsonNode    *node,
                  const char  *name,
                  double       above,
                  double       max,
                  double      *value,
                  GError     **error)
{
  double number;

  if (node_holds_type (node, G_TYPE_INT64))
    number = (double)json_node_get_int (node);
  else if (node_holds_type (node, G_TYPE_DOUBLE))
    number = json_node_get_double (node);
  else
    number = NAN;

  if (!(number > above && number <= max))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("the parameter “%s” must be a number above %g and at most %g."),
                   name, above, max);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

static gboolean
parse_parameter (Rule        *rule,
                 Param        param,
                 JsonNode    *node,
                 GError     **error)
{
  const char *name = param_get_name (param);
  gint64 integer;

  switch (param)
    {
    case PARAM_LEVEL:
      if (!node_holds_type (node, G_TYPE_STRING) ||
          !bp_area_level_from_string (json_node_get_string (node), &rule->level))
        {
          g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                       _("the parameter “level” must be region, province, care_zone, municipality or sector."));
          return FALSE;
        }
      return TRUE;

    case PARAM_WINDOW_DAYS:
      if (!get_integer_param (node, name, 1, MAX_WINDOW_DAYS, &integer, error))
        return FALSE;
      rule->window_days = (int)integer;
      return TRUE;

    case PARAM_MIN_CASES:
      return get_integer_param (node, name, 1, G_MAXINT32, &rule->min_cases, error);

    case PARAM_THRESHOLD:
      return get_number_param (node, name, 0, 100000, &rule->threshold, error);

    case PARAM_FACTOR:
      return get_number_param (node, name, 1, 1000, &rule->factor, error);

    case PARAM_MAX_POPULATION:
    default:
      return get_integer_param (node, name, 1, G_MAXINT32, &rule->max_population, error);
    }
}

static gboolean
parse_parameters (Rule        *rule,
                  JsonObject  *object,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, "parameters");
  JsonObject *params;
  g_autoptr(GList) names = NULL;
  Param allowed = kind_params[rule->kind].required | kind_params[rule->kind].optional;
  Param seen = 0;

  /* Defaults of the optional parameters. */
  rule->level = BP_AREA_LEVEL_SECTOR;
  rule->window_days = rule->kind == BP_ALERT_KIND_INCIDENCE_THRESHOLD ? 14 : 7;
  rule->min_cases = 1;
  rule->factor = 2.0;

  if (node == NULL)
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_MISSING,
                   _("the field “%s” is missing."), "parameters");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("the field “parameters” must be an object."));
      return FALSE;
    }

  params = json_node_get_object (node);
  names = json_object_get_members (params);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      Param param;

      if (!param_from_name (l->data, &param) || !(allowed & param))
        {
          g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                       _("“%s” is not a parameter of a %s rule."),
                       (const char *)l->data, bp_alert_kind_to_string (rule->kind));
          return FALSE;
        }

      if (!parse_parameter (rule, param, json_object_get_member (params, l->data), error))
        return FALSE;
      seen |= param;
    }

  for (guint i = 0; i < G_N_ELEMENTS (param_names); i++)
    if ((kind_params[rule->kind].required & param_names[i].param) && !(seen & param_names[i].param))
      {
        g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_MISSING,
                     _("the parameter “%s” is missing."), param_names[i].name);
        return FALSE;
      }

  if (rule->kind == BP_ALERT_KIND_SMALL_SECTOR_CASES)
    rule->level = BP_AREA_LEVEL_SECTOR;

  return TRUE;
}

static gboolean
check_rule_id (const char  *id,
               GError     **error)
{
  /* Ids go into alert keys, which colons separate. */
  gboolean is_valid = *id != '\0';

  for (const char *p = id; *p && is_valid; p++)
    is_valid = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';

  if (!is_valid)
    g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                 _("the id “%s” may hold only letters, digits, “-”, “_” and “.”."), id);

  return is_valid;
}

static gboolean
parse_rule (BpAlertRules  *self,
            JsonNode      *node,
            Rule          *rule,
            GError       **error)
{
  static const char * const fields[] = {
    "id", "kind", "severity", "parameters", "description", NULL
  };
  JsonObject *object;
  g_autoptr(GList) names = NULL;
  const char *id, *kind, *severity;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("a rule must be an object."));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!get_string_field (object, "id", &id, error) || !check_rule_id (id, error))
    return FALSE;
  rule->id = g_strdup (id);

  for (guint i = 0; i < self->rules->len; i++)
    if (g_str_equal (g_array_index (self->rules, Rule, i).id, id))
      {
        g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                     _("the id “%s” is used by an earlier rule."), id);
        return FALSE;
      }

  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (fields, l->data))
      {
        g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                     _("“%s” is not a field of a rule."), (const char *)l->data);
        return FALSE;
      }

  if (!get_string_field (object, "kind", &kind, error))
    return FALSE;
  if (!bp_alert_kind_from_string (kind, &rule->kind))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_UNKNOWN_KIND,
                   _("“%s” is not a kind of rule; the kinds are incidence-threshold, doubling, small-sector-cases and nursing-home-signal."),
                   kind);
      return FALSE;
    }

  if (!get_string_field (object, "severity", &severity, error))
    return FALSE;
  if (!bp_alert_severity_from_string (severity, &rule->severity))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("the severity must be info, warning or critical, not “%s”."), severity);
      return FALSE;
    }

  return parse_parameters (rule, object, error);
}

static gboolean
parse_rules (BpAlertRules  *self,
             JsonNode      *root,
             const char    *name,
             GError       **error)
{
  JsonObject *object;
  JsonNode *rules_node;
  JsonArray *rules;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(rules_node = json_object_get_member (json_node_get_object (root), "rules")) ||
      !JSON_NODE_HOLDS_ARRAY (rules_node))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                   _("The alert rules in “%s” must be an object with a list “rules”. No rules were loaded."),
                   name);
      return FALSE;
    }

  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "rules") && !g_str_equal (l->data, "description"))
      {
        g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_INVALID,
                     _("The alert rules in “%s” have an unknown field “%s”. No rules were loaded."),
                     name, (const char *)l->data);
        return FALSE;
      }

  rules = json_node_get_array (rules_node);
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      Rule rule = { NULL, };

      if (!parse_rule (self, json_array_get_element (rules, i), &rule, error))
        {
          if (rule.id)
            g_prefix_error (error, _("The alert rules in “%s” were not loaded. Rule %u (“%s”): "),
                            name, i + 1, rule.id);
          else
            g_prefix_error (error, _("The alert rules in “%s” were not loaded. Rule %u: "),
                            name, i + 1);
          rule_clear (&rule);
          return FALSE;
        }

      g_array_append_val (self->rules, rule);
    }

  return TRUE;
}

/**
 * bp_dup_alert_rules_path:
 *
 * The default rules are installed beside the reference areas;
 * `BRANDPUNT_DATA_DIR` points at the build tree when Brandpunt runs
 * uninstalled.
 *
 * Returns: (transfer full): the path of the default alert rules
 */
char *
bp_dup_alert_rules_path (void)
{
  const char *dir = g_getenv ("BRANDPUNT_DATA_DIR");

  return g_build_filename (dir && *dir ? dir : PKGDATADIR, "alert-rules.json", NULL);
}

/**
 * bp_alert_rules_new_from_data:
 * @data: the rules as JSON
 * @length: the length of @data, or -1 when it ends with a nul
 * @name: the name of the source for messages, such as its path
 * @error: return location for a #BpAlertRulesError
 *
 * Reads rules. The JSON is an object with a list `rules`; each rule has an
 * `id` (letters, digits, `-`, `_`, `.`), a `kind`, a `severity` (`info`,
 * `warning` or `critical`) and `parameters`, and may have a
 * `description` for whoever edits the file:
 *
 * - `incidence-threshold`: the incidence per 100,000 over `window_days`
 *   (default 14) of each area of `level` is at least `threshold_per_100k`,
 *   with at least `min_cases` cases (default 1);
 * - `doubling`: the cases of the last `window_days` (default 7) in an area
 *   of `level` are at least `min_cases` and at least `factor` (default 2)
 *   times those of the `window_days` before;
 * - `small-sector-cases`: at least `min_cases` cases in `window_days`
 *   (default 7) in a statistical sector of at most `max_population`
 *   residents;
 * - `nursing-home-signal`: residents and staff of a nursing home who tested
 *   positive in the last `window_days` number at least `min_cases`
 *   (default 1).
 *
 * A window of N days at day D is the days (D - N, D]. A file that is not
 * JSON, a rule of an unknown kind, a missing, unknown or bad parameter
 * each give an error naming the rule and the field, and no rules at all.
 *
 * Returns: (transfer full) (nullable): the rules
 */
BpAlertRules *
bp_alert_rules_new_from_data (const char  *data,
                              gssize       length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(BpAlertRules) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, BP_ALERT_RULES_ERROR, BP_ALERT_RULES_ERROR_PARSE,
                   _("The alert rules in “%s” are not valid JSON: %s. No rules were loaded."),
                   name, local_error->message);
      return NULL;
    }

  self = g_object_new (BP_TYPE_ALERT_RULES, NULL);
  if (!parse_rules (self, json_parser_get_root (parser), name, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * bp_alert_rules_new_from_file:
 * @path: a JSON file of rules
 * @error: return location for a #GError
 *
 * Reads rules from @path, as bp_alert_rules_new_from_data() does.
 *
 * Returns: (transfer full) (nullable): the rules
 */
BpAlertRules *
bp_alert_rules_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    {
      g_prefix_error (error, _("No alert rules were loaded: "));
      return NULL;
    }

  return bp_alert_rules_new_from_data (data, length, path, error);
}

/**
 * bp_alert_rules_new_default:
 * @error: return location for a #GError
 *
 * Reads the rules shipped with Brandpunt, at bp_dup_alert_rules_path().
 *
 * Returns: (transfer full) (nullable): the rules
 */
BpAlertRules *
bp_alert_rules_new_default (GError **error)
{
  g_autofree char *path = bp_dup_alert_rules_path ();

  return bp_alert_rules_new_from_file (path, error);
}

guint
bp_alert_rules_get_n_rules (BpAlertRules *self)
{
  g_return_val_if_fail (BP_IS_ALERT_RULES (self), 0);

  return self->rules->len;
}

const char *
bp_alert_rules_get_rule_id (BpAlertRules *self,
                            guint         index)
{
  g_return_val_if_fail (BP_IS_ALERT_RULES (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);

  return g_array_index (self->rules, Rule, index).id;
}

BpAlertKind
bp_alert_rules_get_rule_kind (BpAlertRules *self,
                              guint         index)
{
  g_return_val_if_fail (BP_IS_ALERT_RULES (self), 0);
  g_return_val_if_fail (index < self->rules->len, 0);

  return g_array_index (self->rules, Rule, index).kind;
}

BpAlertSeverity
bp_alert_rules_get_rule_severity (BpAlertRules *self,
                                  guint         index)
{
  g_return_val_if_fail (BP_IS_ALERT_RULES (self), 0);
  g_return_val_if_fail (index < self->rules->len, 0);

  return g_array_index (self->rules, Rule, index).severity;
}

/* Evaluation */

static gboolean
is_count_rule (const Rule *rule)
{
  return rule->kind != BP_ALERT_KIND_NURSING_HOME_SIGNAL;
}

/* The days before a day that its condition reads. */
static int
rule_get_need_days (const Rule *rule)
{
  return rule->kind == BP_ALERT_KIND_DOUBLING ? 2 * rule->window_days : rule->window_days;
}

static int
find_area (GArray *areas,
           gint64  id)
{
  guint lo = 0;
  guint hi = areas->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (areas, AreaEntry, mid).id;

      if (mid_id == id)
        return (int)mid;
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return -1;
}

static int
compare_area_ids (gconstpointer a,
                  gconstpointer b)
{
  const AreaEntry *x = a;
  const AreaEntry *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
step_rows_done (BpStore  *store,
                int       rc,
                GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;

  _bp_store_set_sqlite_error (store, error);
  return FALSE;
}

/* The tree of areas, with the populations of all but the sectors (see
 * load_population()). Each query is answered from an index: the rows of
 * the area table hold the outlines, and reading them all took 15 ms. */
static GArray *
load_areas (BpStore  *store,
            gint64    scope_area_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) parents = NULL;
  g_autoptr(sqlite3_stmt) levels = NULL;
  g_autoptr(sqlite3_stmt) populations = NULL;
  g_autoptr(GArray) areas = g_array_new (FALSE, TRUE, sizeof (AreaEntry));
  int scope = -1;
  int rc;

  if (!(parents = _bp_store_prepare (store,
                                     "SELECT id, coalesce (parent_id, 0) FROM area",
                                     error)) ||
      !(levels = _bp_store_prepare (store, "SELECT id, level FROM area", error)) ||
      !(populations = _bp_store_prepare (store,
                                         "SELECT id, population FROM area WHERE level < 4",
                                         error)))
    return NULL;

  while ((rc = sqlite3_step (parents)) == SQLITE_ROW)
    {
      AreaEntry entry = { 0, };

      entry.id = sqlite3_column_int64 (parents, 0);
      entry.parent_id = sqlite3_column_int64 (parents, 1);
      entry.population = -1;
      entry.slot = -1;
      g_array_append_val (areas, entry);
    }
  if (!step_rows_done (store, rc, error))
    return NULL;

  g_array_sort (areas, compare_area_ids);
  for (guint i = 0; i < areas->len; i++)
    {
      AreaEntry *entry = &g_array_index (areas, AreaEntry, i);

      entry->parent = find_area (areas, entry->parent_id);
    }

  while ((rc = sqlite3_step (levels)) == SQLITE_ROW)
    {
      int a = find_area (areas, sqlite3_column_int64 (levels, 0));

      if (a >= 0)
        g_array_index (areas, AreaEntry, a).level = (guint8)sqlite3_column_int (levels, 1);
    }
  if (!step_rows_done (store, rc, error))
    return NULL;

  while ((rc = sqlite3_step (populations)) == SQLITE_ROW)
    {
      int a = find_area (areas, sqlite3_column_int64 (populations, 0));

      if (a >= 0)
        g_array_index (areas, AreaEntry, a).population = sqlite3_column_int64 (populations, 1);
    }
  if (!step_rows_done (store, rc, error))
    return NULL;

  if (scope_area_id != 0 && (scope = find_area (areas, scope_area_id)) < 0)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                   _("Area %lld is not in the store."), (long long)scope_area_id);
      return NULL;
    }

  for (guint i = 0; i < areas->len; i++)
    {
      AreaEntry *entry = &g_array_index (areas, AreaEntry, i);

      if (scope < 0)
        {
          entry->in_scope = TRUE;
          continue;
        }

      /* Levels go down by one from parent to child, so this ends; the
       * bound guards against a cycle in a damaged store. */
      for (int a = (int)i, steps = 0;
           a >= 0 && steps <= BP_AREA_N_LEVELS;
           a = g_array_index (areas, AreaEntry, a).parent, steps++)
        if (a == scope)
          {
            entry->in_scope = TRUE;
            break;
          }
    }

  return g_steal_pointer (&areas);
}

/* Statistical sectors are many, and only those with cases need their
 * population. */
static gboolean
load_population (BpStore       *store,
                 sqlite3_stmt  *stmt,
                 AreaEntry     *area,
                 GError       **error)
{
  int rc;

  if (area->population >= 0)
    return TRUE;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, area->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  area->population = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Adds the cases of the days [lo, hi] to the areas with a slot: each row
 * counts for its sector and every area above it. */
static gboolean
scan_days (BpStore   *store,
           GArray    *areas,
           Series    *series,
           int        lo,
           int        hi,
           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree int *index_of_id = NULL;
  gint64 max_id = areas->len ? g_array_index (areas, AreaEntry, areas->len - 1).id : 0;
  int rc;

  if (lo > hi)
    return TRUE;

  /* Area ids are row ids, about 1 to the number of areas: a table finds
   * each row's sector faster than a search. */
  if (max_id >= 0 && max_id < 4 * (gint64)areas->len + 1024)
    {
      index_of_id = g_new (int, max_id + 1);
      for (gint64 id = 0; id <= max_id; id++)
        index_of_id[id] = -1;
      for (guint i = 0; i < areas->len; i++)
        if (g_array_index (areas, AreaEntry, i).id >= 0)
          index_of_id[g_array_index (areas, AreaEntry, i).id] = (int)i;
    }

  /* The covering index on day gives these rows without the table. */
  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT sector_id, day, n_cases, is_suppressed FROM case_count"
                                  " WHERE day >= ?1 AND day <= ?2",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, lo);
  sqlite3_bind_int (stmt, 2, hi);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 sector_id = sqlite3_column_int64 (stmt, 0);
      int offset = sqlite3_column_int (stmt, 1) - series->lo;
      gint32 n_cases = sqlite3_column_int (stmt, 2);
      gboolean is_suppressed = sqlite3_column_int (stmt, 3) != 0;
      int sector;

      if (index_of_id)
        sector = sector_id >= 0 && sector_id <= max_id ? index_of_id[sector_id] : -1;
      else
        sector = find_area (areas, sector_id);

      /* Counts of areas outside the scope, or unknown, count for nothing here. */
      if (sector < 0 || !g_array_index (areas, AreaEntry, sector).in_scope)
        continue;

      for (int a = sector, steps = 0; a >= 0 && steps <= BP_AREA_N_LEVELS; steps++)
        {
          const AreaEntry *entry = &g_array_index (areas, AreaEntry, a);

          if (entry->slot >= 0)
            {
              gsize i = (gsize)entry->slot * series->n_days + offset;

              series->cases[i] += n_cases;
              if (a == sector && is_suppressed)
                series->suppressed[i] = TRUE;
            }
          a = entry->parent;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  return TRUE;
}

/* Makes the series cover [lo, day] for the areas that have a slot now,
 * keeping what was read for them before: old_slots gives each new slot's
 * row in the old series, or -1. */
static gboolean
load_series (BpStore     *store,
             GArray      *areas,
             Series      *series,
             guint        n_slots,
             const int   *old_slots,
             int          lo,
             GError     **error)
{
  Series old = *series;
  int old_lo = old.cases ? old.lo : series->day + 1;

  /* Before the first count there is nothing to read. */
  series->is_complete = lo <= series->first_count_day;
  series->lo = MAX (lo, series->first_count_day);
  series->n_days = series->day - series->lo + 1;
  series->n_slots = n_slots;
  series->cases = g_new0 (gint32, (gsize)n_slots * series->n_days);
  series->suppressed = g_new0 (guint8, (gsize)n_slots * series->n_days);

  for (guint s = 0; s < n_slots && old.cases; s++)
    if (old_slots[s] >= 0)
      {
        gsize from = (gsize)old_slots[s] * old.n_days;
        gsize to = (gsize)s * series->n_days + (old.lo - series->lo);

        memcpy (&series->cases[to], &old.cases[from], old.n_days * sizeof (gint32));
        memcpy (&series->suppressed[to], &old.suppressed[from], old.n_days);
      }
  series_clear (&old);

  return scan_days (store, areas, series, series->lo, old_lo - 1, error);
}

static gboolean
can_evaluate (const Series *series,
              int           day,
              int           need_days)
{
  return series->is_complete || day - need_days + 1 >= series->lo;
}

static gint64
window_sum (const Series *series,
            int           slot,
            int           last_day,
            int           window_days,
            gboolean     *is_suppressed)
{
  gint64 sum = 0;
  int first = MAX (last_day - window_days + 1, series->lo);

  g_assert (series->is_complete || last_day - window_days + 1 >= series->lo);

  for (int d = first; d <= last_day; d++)
    {
      gsize i = (gsize)slot * series->n_days + (d - series->lo);

      sum += series->cases[i];
      *is_suppressed |= series->suppressed[i];
    }

  return sum;
}

/* Whether @rule's condition holds for @area at @day, with its figures. A
 * statistical sector whose window holds a suppressed count (1 to 4 cases,
 * hidden at the source) fires no rule: the alert would show that count. */
static gboolean
rule_holds (const Rule      *rule,
            const Series    *series,
            const AreaEntry *area,
            int              day,
            BpAlertFigures  *figures)
{
  gboolean is_suppressed = FALSE;
  gint64 n_cases = window_sum (series, area->slot, day, rule->window_days, &is_suppressed);
  gint64 n_previous = -1;

  if (n_cases < rule->min_cases)
    return FALSE;

  /* Loaded for every area with enough cases at the reference day. */
  g_assert (area->population >= 0 || rule->kind == BP_ALERT_KIND_DOUBLING);

  figures->window_days = rule->window_days;
  figures->n_cases = n_cases;
  figures->n_previous_cases = -1;
  figures->population = -1;
  figures->n_residents = -1;
  figures->n_staff = -1;

  switch (rule->kind)
    {
    case BP_ALERT_KIND_INCIDENCE_THRESHOLD:
      /* Compared without dividing, so that a value right at the threshold
       * fires whatever the rounding. */
      if (area->population <= 0 ||
          (double)n_cases * 100000.0 < rule->threshold * (double)area->population)
        return FALSE;
      figures->value = (double)n_cases * 100000.0 / (double)area->population;
      figures->threshold = rule->threshold;
      figures->population = area->population;
      break;

    case BP_ALERT_KIND_DOUBLING:
      n_previous = window_sum (series, area->slot, day - rule->window_days, rule->window_days,
                               &is_suppressed);
      if ((double)n_cases < rule->factor * (double)n_previous)
        return FALSE;
      figures->value = n_previous > 0 ? (double)n_cases / (double)n_previous : INFINITY;
      figures->threshold = rule->factor;
      figures->n_previous_cases = n_previous;
      break;

    case BP_ALERT_KIND_SMALL_SECTOR_CASES:
      if (area->population > rule->max_population)
        return FALSE;
      figures->value = (double)n_cases;
      figures->threshold = (double)rule->min_cases;
      figures->population = area->population;
      break;

    case BP_ALERT_KIND_NURSING_HOME_SIGNAL:
    default:
      g_assert_not_reached ();
    }

  return !(is_suppressed && area->level == BP_AREA_LEVEL_SECTOR);
}

/* Walks back from each candidate's resume day until its condition fails.
 * Returns how many need days before the series. */
static guint
walk_back (GArray       *rules,
           GArray       *areas,
           const Series *series,
           GArray       *candidates)
{
  guint n_open = 0;

  for (guint c = 0; c < candidates->len; c++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, c);
      const Rule *rule = &g_array_index (rules, Rule, candidate->rule);
      const AreaEntry *area = &g_array_index (areas, AreaEntry, candidate->area);
      int need_days = rule_get_need_days (rule);
      BpAlertFigures scratch;
      int d;

      if (!candidate->is_open)
        continue;

      for (d = candidate->resume_day; can_evaluate (series, d, need_days); d--)
        if (!rule_holds (rule, series, area, d, &scratch))
          break;

      if (can_evaluate (series, d, need_days))
        {
          candidate->first_day = d + 1;
          candidate->is_open = FALSE;
        }
      else
        {
          candidate->resume_day = d;
          n_open++;
        }
    }

  return n_open;
}

/* G_MAXINT when there are no counts. A lone min() is one look-up in the
 * day index, where min() and max() together scan it all. */
static gboolean
get_first_count_day (BpStore  *store,
                     int      *first_day,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (store, "SELECT min (day) FROM case_count", error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    *first_day = G_MAXINT;
  else
    *first_day = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
evaluate_count_rules (BpAlertRules  *self,
                      BpStore       *store,
                      GArray        *areas,
                      int            day,
                      GArray        *candidates,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) population_stmt = NULL;
  g_auto(Series) series = { 0, };
  gboolean applies[BP_AREA_N_LEVELS] = { FALSE, };
  g_autofree int *old_slots = NULL;
  int need_days = 0;
  guint n_slots = 0;
  guint n_open;
  int lo;

  for (guint r = 0; r < self->rules->len; r++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, r);

      if (!is_count_rule (rule))
        continue;
      applies[rule->level] = TRUE;
      need_days = MAX (need_days, rule_get_need_days (rule));
    }

  if (need_days == 0)
    return TRUE;

  if (!get_first_count_day (store, &series.first_count_day, error))
    return FALSE;
  if (series.first_count_day > day)
    return TRUE;

  for (guint a = 0; a < areas->len; a++)
    {
      AreaEntry *area = &g_array_index (areas, AreaEntry, a);

      area->slot = area->in_scope && applies[area->level] ? (int)n_slots++ : -1;
    }

  series.day = day;
  lo = day - need_days - INITIAL_LOOKBACK_DAYS + 1;
  if (!load_series (store, areas, &series, n_slots, NULL, lo, error) ||
      !(population_stmt = _bp_store_prepare (store,
                                             "SELECT population FROM area WHERE id = ?",
                                             error)))
    return FALSE;

  for (guint r = 0; r < self->rules->len; r++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, r);

      if (!is_count_rule (rule))
        continue;

      for (guint a = 0; a < areas->len; a++)
        {
          AreaEntry *area = &g_array_index (areas, AreaEntry, a);
          Candidate candidate = { 0, };
          gboolean ignored = FALSE;

          if (area->slot < 0 || area->level != rule->level)
            continue;

          if (area->population < 0 && rule->kind != BP_ALERT_KIND_DOUBLING &&
              window_sum (&series, area->slot, day, rule->window_days, &ignored)
                >= rule->min_cases &&
              !load_population (store, population_stmt, area, error))
            return FALSE;

          if (!rule_holds (rule, &series, area, day, &candidate.figures))
            continue;

          candidate.rule = r;
          candidate.area = a;
          candidate.resume_day = day - 1;
          candidate.is_open = TRUE;
          g_array_append_val (candidates, candidate);
        }
    }

  /* Each round reads half as many days again, or four weeks, for the
   * areas still firing at the start of what was read: few rounds for a
   * long episode, and not much read in vain. */
  while ((n_open = walk_back (self->rules, areas, &series, candidates)) > 0)
    {
      guint n_new_slots = 0;

      g_free (old_slots);
      old_slots = g_new (int, n_open);

      for (guint c = 0; c < candidates->len; c++)
        {
          const Candidate *candidate = &g_array_index (candidates, Candidate, c);

          if (candidate->is_open)
            g_array_index (areas, AreaEntry, candidate->area).is_open = TRUE;
        }

      /* Only areas with an open candidate keep their rows, renumbered. */
      for (guint a = 0; a < areas->len; a++)
        {
          AreaEntry *area = &g_array_index (areas, AreaEntry, a);

          if (area->is_open)
            {
              old_slots[n_new_slots] = area->slot;
              area->slot = (int)n_new_slots++;
              area->is_open = FALSE;
            }
          else
            area->slot = -1;
        }

      lo = day - series.n_days - MAX (series.n_days / 2, INITIAL_LOOKBACK_DAYS) + 1;
      if (!load_series (store, areas, &series, n_new_slots, old_slots, lo, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
signals_hold (const Rule   *rule,
              const Signal *signals,
              guint         n_signals,
              int           day,
              int          *n_residents,
              int          *n_staff)
{
  gint64 n_people = 0;

  *n_residents = 0;
  *n_staff = 0;
  for (guint i = 0; i < n_signals; i++)
    if (signals[i].day > day - rule->window_days && signals[i].day <= day)
      {
        n_people += signals[i].n_people;
        *n_residents += signals[i].n_residents;
        *n_staff += signals[i].n_staff;
      }

  return n_people >= rule->min_cases;
}

/* A nursing-home rule that fires. */
typedef struct
{
  char           *code;
  char           *name;
  int             area;
  guint           rule;
  int             first_day;
  BpAlertFigures  figures;
} HomeAlert;

static void
home_alert_clear (gpointer data)
{
  HomeAlert *alert = data;

  g_clear_pointer (&alert->code, g_free);
  g_clear_pointer (&alert->name, g_free);
}

static void
evaluate_home (BpAlertRules *self,
               GArray       *areas,
               const char   *code,
               const char   *name,
               int           sector,
               GArray       *signals,
               int           day,
               GArray       *home_alerts)
{
  int area = sector;

  if (sector < 0 || !g_array_index (areas, AreaEntry, sector).in_scope || signals->len == 0)
    return;

  /* People know a nursing home by its municipality. */
  for (int a = sector; a >= 0; a = g_array_index (areas, AreaEntry, a).parent)
    if (g_array_index (areas, AreaEntry, a).level == BP_AREA_LEVEL_MUNICIPALITY)
      {
        area = a;
        break;
      }

  for (guint r = 0; r < self->rules->len; r++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, r);
      const Signal *list = (const Signal *)(void *)signals->data;
      HomeAlert alert = { 0, };
      int n_residents, n_staff, ignored_residents, ignored_staff;
      int d;

      if (rule->kind != BP_ALERT_KIND_NURSING_HOME_SIGNAL ||
          !signals_hold (rule, list, signals->len, day, &n_residents, &n_staff))
        continue;

      /* Before the first signal the sum is 0, below any minimum. */
      for (d = day - 1;
           signals_hold (rule, list, signals->len, d, &ignored_residents, &ignored_staff);
           d--)
        ;

      alert.code = g_strdup (code);
      alert.name = g_strdup (name);
      alert.area = area;
      alert.rule = r;
      alert.first_day = d + 1;
      alert.figures.window_days = rule->window_days;
      alert.figures.n_cases = n_residents + n_staff;
      alert.figures.value = (double)(n_residents + n_staff);
      alert.figures.threshold = (double)rule->min_cases;
      alert.figures.n_previous_cases = -1;
      alert.figures.population = -1;
      alert.figures.n_residents = n_residents;
      alert.figures.n_staff = n_staff;
      g_array_append_val (home_alerts, alert);
    }
}

static gboolean
evaluate_nursing_homes (BpAlertRules  *self,
                        BpStore       *store,
                        GArray        *areas,
                        int            day,
                        GArray        *home_alerts,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) signals = g_array_new (FALSE, FALSE, sizeof (Signal));
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  gint64 home_id = -1;
  int sector = -1;
  gboolean any = FALSE;
  int rc;

  for (guint r = 0; r < self->rules->len; r++)
    any |= g_array_index (self->rules, Rule, r).kind == BP_ALERT_KIND_NURSING_HOME_SIGNAL;
  if (!any)
    return TRUE;

  /* Signals are few (a few thousand in two years of the demo), so every
   * one up to the day is read: an episode may start long before. */
  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT h.id, h.code, h.name, h.sector_id, s.day, s.n_residents, s.n_staff"
                                  " FROM nursing_home h JOIN nursing_home_signal s ON s.nursing_home_id = h.id"
                                  " WHERE s.day <= ?1 AND s.n_residents + s.n_staff > 0"
                                  " ORDER BY h.id, s.day",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Signal signal;

      if (sqlite3_column_int64 (stmt, 0) != home_id)
        {
          evaluate_home (self, areas, code, name, sector, signals, day, home_alerts);
          g_array_set_size (signals, 0);
          home_id = sqlite3_column_int64 (stmt, 0);
          g_free (code);
          code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
          g_free (name);
          name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          sector = find_area (areas, sqlite3_column_int64 (stmt, 3));
        }

      signal.day = sqlite3_column_int (stmt, 4);
      signal.n_residents = sqlite3_column_int (stmt, 5);
      signal.n_staff = sqlite3_column_int (stmt, 6);
      signal.n_people = signal.n_residents + signal.n_staff;
      g_array_append_val (signals, signal);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  evaluate_home (self, areas, code, name, sector, signals, day, home_alerts);
  return TRUE;
}

/* The BpArea of an alert, read once per area. */
static BpArea *
lookup_area (BpStore      *store,
             sqlite3_stmt *stmt,
             GHashTable   *cache,
             GArray       *areas,
             int           index,
             GError      **error)
{
  const AreaEntry *entry = &g_array_index (areas, AreaEntry, index);
  BpArea *area;
  int rc;

  if ((area = g_hash_table_lookup (cache, GINT_TO_POINTER (index))))
    return area;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, entry->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND,
                     _("Area %lld is not in the store."), (long long)entry->id);
      else
        _bp_store_set_sqlite_error (store, error);
      return NULL;
    }

  area = bp_area_new (entry->id, entry->level,
                      (const char *)sqlite3_column_text (stmt, 0),
                      (const char *)sqlite3_column_text (stmt, 1),
                      (const char *)sqlite3_column_text (stmt, 2),
                      sqlite3_column_int64 (stmt, 4),
                      (const char *)sqlite3_column_text (stmt, 3));
  g_hash_table_insert (cache, GINT_TO_POINTER (index), area);

  return area;
}

static gboolean
finish_alert (BpStore   *store,
              BpAlert   *alert,
              int        last_seen_day,
              GError   **error)
{
  g_autofree char *note = NULL;
  g_autoptr(GDateTime) acknowledged_at = NULL;
  gboolean found;

  _bp_alert_set_is_new (alert, bp_alert_get_first_day (alert) > last_seen_day);

  if (!_bp_store_lookup_alert_acknowledgement (store, bp_alert_get_key (alert), &found,
                                               &note, &acknowledged_at, error))
    return FALSE;
  if (found)
    _bp_alert_set_acknowledgement (alert, note, acknowledged_at);

  return TRUE;
}

typedef struct
{
  BpAlert *alert;
  guint    rule;
} SortItem;

/* Most urgent first, then in the order of the rules, the highest value
 * first, and by key so that equal values keep one order. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a;
  const SortItem *y = b;
  double vx, vy;

  if (bp_alert_get_severity (x->alert) != bp_alert_get_severity (y->alert))
    return bp_alert_get_severity (x->alert) > bp_alert_get_severity (y->alert) ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;

  vx = bp_alert_get_value (x->alert);
  vy = bp_alert_get_value (y->alert);
  if (vx != vy)
    return vx > vy ? -1 : 1;

  return strcmp (bp_alert_get_key (x->alert), bp_alert_get_key (y->alert));
}

static GListModel *
list_alerts (BpAlertRules  *self,
             BpStore       *store,
             gint64         scope_area_id,
             int            day,
             int            last_seen_day,
             GError       **error)
{
  g_autoptr(GArray) areas = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GArray) home_alerts = g_array_new (FALSE, TRUE, sizeof (HomeAlert));
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (SortItem));
  g_autoptr(GHashTable) area_cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) model = g_list_store_new (BP_TYPE_ALERT);
  g_autoptr(sqlite3_stmt) area_stmt = NULL;

  g_array_set_clear_func (home_alerts, home_alert_clear);

  if (!(areas = load_areas (store, scope_area_id, error)) ||
      !evaluate_count_rules (self, store, areas, day, candidates, error) ||
      !evaluate_nursing_homes (self, store, areas, day, home_alerts, error))
    return NULL;

  if (!(area_stmt = _bp_store_prepare (store,
                                       "SELECT a.code, a.name_nl, a.name_fr, p.code, a.population FROM area a"
                                       " LEFT JOIN area p ON p.id = a.parent_id WHERE a.id = ?",
                                       error)))
    return NULL;

  for (guint c = 0; c < candidates->len; c++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, c);
      const Rule *rule = &g_array_index (self->rules, Rule, candidate->rule);
      BpArea *area;
      SortItem item;

      if (!(area = lookup_area (store, area_stmt, area_cache, areas, candidate->area, error)))
        return NULL;

      item.alert = _bp_alert_new (rule->id, rule->kind, rule->severity, area, NULL, NULL,
                                  day, candidate->first_day, &candidate->figures);
      item.rule = candidate->rule;
      g_ptr_array_add (alerts, item.alert);
      g_array_append_val (items, item);
    }

  for (guint h = 0; h < home_alerts->len; h++)
    {
      const HomeAlert *home_alert = &g_array_index (home_alerts, HomeAlert, h);
      const Rule *rule = &g_array_index (self->rules, Rule, home_alert->rule);
      BpArea *area;
      SortItem item;

      if (!(area = lookup_area (store, area_stmt, area_cache, areas, home_alert->area, error)))
        return NULL;

      item.alert = _bp_alert_new (rule->id, rule->kind, rule->severity, area,
                                  home_alert->code, home_alert->name,
                                  day, home_alert->first_day, &home_alert->figures);
      item.rule = home_alert->rule;
      g_ptr_array_add (alerts, item.alert);
      g_array_append_val (items, item);
    }

  for (guint i = 0; i < alerts->len; i++)
    if (!finish_alert (store, g_ptr_array_index (alerts, i), last_seen_day, error))
      return NULL;

  g_array_sort (items, compare_items);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_index (alerts, i) = g_array_index (items, SortItem, i).alert;

  g_list_store_splice (model, 0, 0, alerts->pdata, alerts->len);

  return G_LIST_MODEL (g_steal_pointer (&model));
}

/**
 * bp_alert_rules_list_alerts:
 * @self: a #BpAlertRules
 * @store: a #BpStore
 * @scope_area_id: the area to look at (region, province, care zone,
 *   municipality or sector), or 0 for everything
 * @day: the reference day, in days since 1970-01-01
 * @last_seen_day: the latest day of counts the user had seen at their
 *   last visit, or -1 when there was none
 * @error: return location for a #GError
 *
 * Evaluates every rule for the areas of its level inside @scope_area_id
 * (the scope itself included), and for the nursing homes there, at @day.
 * Each alert carries the figures of @day, the first day of its episode
 * (see #BpAlert), and the acknowledgement stored for its key, if any.
 *
 * An alert is new when its episode started after @last_seen_day: on that
 * day the condition did not hold, so the user has not seen this alert.
 * “New since your last visit” is the caller keeping the last day seen.
 *
 * Area incidence uses the area's own population. Counts that were
 * suppressed at the source count as stored for areas above a sector; a
 * sector with a suppressed count in its window fires no rule.
 *
 * Reading the counts of the window and the weeks before takes some tens of
 * milliseconds for all of Flanders and Brussels; the dashboard uses
 * bp_alert_rules_list_alerts_async().
 *
 * Returns: (transfer full) (nullable): a #GListModel of #BpAlert, the most
 *   severe first
 */
GListModel *
bp_alert_rules_list_alerts (BpAlertRules  *self,
                            BpStore       *store,
                            gint64         scope_area_id,
                            int            day,
                            int            last_seen_day,
                            GError       **error)
{
  g_autoptr(GListModel) alerts = NULL;
  gboolean in_transaction = FALSE;

  g_return_val_if_fail (BP_IS_ALERT_RULES (self), NULL);
  g_return_val_if_fail (BP_IS_STORE (store), NULL);

  /* One read transaction: every query sees the same counts, and the
   * look-ups of the acknowledgements do not each take the locks again. */
  if (sqlite3_get_autocommit (_bp_store_get_db (store)))
    {
      if (!_bp_store_exec (store, "BEGIN", error))
        return NULL;
      in_transaction = TRUE;
    }

  if (!(alerts = list_alerts (self, store, scope_area_id, day, last_seen_day, error)))
    {
      if (in_transaction)
        _bp_store_rollback (store);
      return NULL;
    }

  if (in_transaction && !_bp_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&alerts);
}

typedef struct
{
  char   *path;
  gint64  scope_area_id;
  int     day;
  int     last_seen_day;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_free (list->path);
  g_free (list);
}

/* SQLite's progress handler: stops the statement running once the
 * evaluation is cancelled. */
static int
cancelled_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BpAlertRules *self = source_object;
  ListData *data = task_data;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *alerts;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own, as SQLite handles are not shared between
   * threads here. */
  if (!(store = bp_store_open (data->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An evaluation can take a few hundred milliseconds on a large store. The
   * dashboard cancels it when the user picks another scope or date, and
   * it must then let go of the processor at once rather than run on
   * beside the next one. */
  if (cancellable)
    sqlite3_progress_handler (_bp_store_get_db (store), 1000, cancelled_progress_cb, cancellable);

  if (!(alerts = bp_alert_rules_list_alerts (self, store, data->scope_area_id, data->day,
                                             data->last_seen_day, &error)))
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, alerts, g_object_unref);
}

/**
 * bp_alert_rules_list_alerts_async:
 * @self: a #BpAlertRules
 * @store: a #BpStore
 * @scope_area_id: the area to look at, or 0 for everything
 * @day: the reference day
 * @last_seen_day: the latest day the user had seen, or -1
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the alerts
 * @user_data: data for @callback
 *
 * Runs bp_alert_rules_list_alerts() in a worker thread on its own
 * connection to the store's file.
 */
void
bp_alert_rules_list_alerts_async (BpAlertRules        *self,
                                  BpStore             *store,
                                  gint64               scope_area_id,
                                  int                  day,
                                  int                  last_seen_day,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (BP_IS_ALERT_RULES (self));
  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ListData, 1);
  data->path = g_strdup (bp_store_get_path (store));
  data->scope_area_id = scope_area_id;
  data->day = day;
  data->last_seen_day = last_seen_day;

  /* The rules are immutable, so the worker may share them. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_alert_rules_list_alerts_async);
  g_task_set_task_data (task, data, list_data_free);
  g_task_run_in_thread (task, list_worker);
}

/**
 * bp_alert_rules_list_alerts_finish:
 * @self: a #BpAlertRules
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #BpAlert
 */
GListModel *
bp_alert_rules_list_alerts_finish (BpAlertRules  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (BP_IS_ALERT_RULES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
