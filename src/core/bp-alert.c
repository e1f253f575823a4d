/* bp-alert.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-alert"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bp-alert-private.h"
#include "bp-day.h"
#include "bp-store-documents.h"

/**
 * BpAlert:
 *
 * One rule firing for one area (or nursing home) at a reference day, with
 * the figures that made it fire and a message for people.
 *
 * Its key is the rule id, the code of the area or nursing home and the
 * first day of the episode, joined by colons:
 * `incidence-municipality:44021:2026-11-02`. An episode is the unbroken
 * run of days, up to the reference day, on which the rule's condition
 * held. The same situation on the next day therefore has the same key, so
 * an acknowledgement holds until the condition lapses; when it comes back
 * it is a new episode with a new key. The key depends only on the counts,
 * so every peer that synchronises the acknowledgements computes the same
 * one.
 *
 * Everything but the acknowledgement is fixed when the alert is made.
 */
struct _BpAlert
{
  GObject          parent_instance;

  char            *key;
  char            *rule_id;
  BpAlertKind      kind;
  BpAlertSeverity  severity;
  BpArea          *area;
  char            *subject_code;
  char            *subject_name;
  int              day;
  int              first_day;
  BpAlertFigures   figures;
  char            *message;
  gboolean         is_new;
  char            *acknowledgement_note;
  GDateTime       *acknowledged_at;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_RULE_ID,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_TITLE,
  PROP_AREA,
  PROP_SUBJECT_CODE,
  PROP_SUBJECT_NAME,
  PROP_DAY,
  PROP_FIRST_DAY,
  PROP_WINDOW_DAYS,
  PROP_VALUE,
  PROP_THRESHOLD,
  PROP_N_CASES,
  PROP_N_PREVIOUS_CASES,
  PROP_POPULATION,
  PROP_N_RESIDENTS,
  PROP_N_STAFF,
  PROP_MESSAGE,
  PROP_IS_NEW,
  PROP_IS_ACKNOWLEDGED,
  PROP_ACKNOWLEDGEMENT_NOTE,
  PROP_ACKNOWLEDGED_AT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpAlert, bp_alert, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  const char *title;
} kind_info[BP_ALERT_N_KINDS] = {
  { "incidence-threshold", N_("High incidence") },
  { "doubling", N_("Cases doubling") },
  { "small-sector-cases", N_("Cases in a small sector") },
  { "nursing-home-signal", N_("Nursing-home signal") },
};

static const struct {
  const char *name;
  const char *display_name;
} severity_info[BP_ALERT_N_SEVERITIES] = {
  { "info", NC_("alert severity", "Information") },
  { "warning", NC_("alert severity", "Warning") },
  { "critical", NC_("alert severity", "Critical") },
};

/* A threshold as people write it: 500, or 12.5. */
static char *
dup_threshold_text (double threshold)
{
  if (threshold == floor (threshold) && fabs (threshold) < 1e15)
    return g_strdup_printf ("%.0f", threshold);

  return g_strdup_printf ("%.1f", threshold);
}

static char *
dup_message (BpAlert *self)
{
  const BpAlertFigures *f = &self->figures;

  switch (self->kind)
    {
    case BP_ALERT_KIND_INCIDENCE_THRESHOLD:
      {
        g_autofree char *threshold = dup_threshold_text (f->threshold);

        /* Translators: %1$d is a number of days, %2$.1f an incidence, %3$s the
         * threshold it reached and %4$lld the cases it counts. */
        return g_strdup_printf (ngettext ("%1$d-day incidence %2$.1f per 100,000 ≥ %3$s (%4$lld case)",
                                          "%1$d-day incidence %2$.1f per 100,000 ≥ %3$s (%4$lld cases)",
                                          (gulong)f->n_cases),
                                f->window_days, f->value, threshold, (long long)f->n_cases);
      }

    case BP_ALERT_KIND_DOUBLING:
      /* Translators: %1$lld cases in the last %2$d days, %3$lld cases in the
       * %2$d days before those */
      return g_strdup_printf (ngettext ("%1$lld case in the last %2$d days, %3$lld in the %2$d days before",
                                        "%1$lld cases in the last %2$d days, %3$lld in the %2$d days before",
                                        (gulong)f->n_cases),
                              (long long)f->n_cases, f->window_days,
                              (long long)f->n_previous_cases);

    case BP_ALERT_KIND_SMALL_SECTOR_CASES:
      /* Translators: %3$lld is the number of residents of the statistical sector */
      return g_strdup_printf (ngettext ("%1$lld case in %2$d days in a sector of %3$lld residents",
                                        "%1$lld cases in %2$d days in a sector of %3$lld residents",
                                        (gulong)f->n_cases),
                              (long long)f->n_cases, f->window_days, (long long)f->population);

    case BP_ALERT_KIND_NURSING_HOME_SIGNAL:
    default:
      /* Translators: %1$s is a nursing home; %4$d residents and %5$d staff
       * members make up the %2$lld people */
      return g_strdup_printf (ngettext ("%1$s: %2$lld person tested positive in the last %3$d days (%4$d residents, %5$d staff)",
                                        "%1$s: %2$lld people tested positive in the last %3$d days (%4$d residents, %5$d staff)",
                                        (gulong)f->n_cases),
                              self->subject_name, (long long)f->n_cases, f->window_days,
                              f->n_residents, f->n_staff);
    }
}

static void
bp_alert_finalize (GObject *object)
{
  BpAlert *self = (BpAlert *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->rule_id, g_free);
  g_clear_pointer (&self->subject_code, g_free);
  g_clear_pointer (&self->subject_name, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->acknowledgement_note, g_free);
  g_clear_pointer (&self->acknowledged_at, g_date_time_unref);

  G_OBJECT_CLASS (bp_alert_parent_class)->finalize (object);
}

static void
bp_alert_dispose (GObject *object)
{
  BpAlert *self = (BpAlert *)object;

  g_clear_object (&self->area);

  G_OBJECT_CLASS (bp_alert_parent_class)->dispose (object);
}

static void
bp_alert_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BpAlert *self = BP_ALERT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;

    case PROP_TITLE:
      g_value_set_string (value, bp_alert_get_title (self));
      break;

    case PROP_AREA:
      g_value_set_object (value, self->area);
      break;

    case PROP_SUBJECT_CODE:
      g_value_set_string (value, self->subject_code);
      break;

    case PROP_SUBJECT_NAME:
      g_value_set_string (value, self->subject_name);
      break;

    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;

    case PROP_FIRST_DAY:
      g_value_set_int (value, self->first_day);
      break;

    case PROP_WINDOW_DAYS:
      g_value_set_int (value, self->figures.window_days);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->figures.value);
      break;

    case PROP_THRESHOLD:
      g_value_set_double (value, self->figures.threshold);
      break;

    case PROP_N_CASES:
      g_value_set_int64 (value, self->figures.n_cases);
      break;

    case PROP_N_PREVIOUS_CASES:
      g_value_set_int64 (value, self->figures.n_previous_cases);
      break;

    case PROP_POPULATION:
      g_value_set_int64 (value, self->figures.population);
      break;

    case PROP_N_RESIDENTS:
      g_value_set_int (value, self->figures.n_residents);
      break;

    case PROP_N_STAFF:
      g_value_set_int (value, self->figures.n_staff);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;

    case PROP_IS_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged_at != NULL);
      break;

    case PROP_ACKNOWLEDGEMENT_NOTE:
      g_value_set_string (value, self->acknowledgement_note);
      break;

    case PROP_ACKNOWLEDGED_AT:
      g_value_set_boxed (value, self->acknowledged_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_alert_class_init (BpAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags notify_flags = flags | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bp_alert_dispose;
  object_class->finalize = bp_alert_finalize;
  object_class->get_property = bp_alert_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, BP_ALERT_N_KINDS - 1, 0, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, 0, BP_ALERT_N_SEVERITIES - 1, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_AREA] = g_param_spec_object ("area", NULL, NULL, BP_TYPE_AREA, flags);
  properties[PROP_SUBJECT_CODE] = g_param_spec_string ("subject-code", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_NAME] = g_param_spec_string ("subject-name", NULL, NULL, NULL, flags);
  properties[PROP_DAY] = g_param_spec_int ("day", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_FIRST_DAY] =
    g_param_spec_int ("first-day", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_WINDOW_DAYS] =
    g_param_spec_int ("window-days", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_CASES] =
    g_param_spec_int64 ("n-cases", NULL, NULL, -1, G_MAXINT64, 0, flags);
  properties[PROP_N_PREVIOUS_CASES] =
    g_param_spec_int64 ("n-previous-cases", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_N_RESIDENTS] =
    g_param_spec_int ("n-residents", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_N_STAFF] = g_param_spec_int ("n-staff", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_IS_NEW] = g_param_spec_boolean ("is-new", NULL, NULL, FALSE, notify_flags);
  properties[PROP_IS_ACKNOWLEDGED] =
    g_param_spec_boolean ("is-acknowledged", NULL, NULL, FALSE, notify_flags);
  properties[PROP_ACKNOWLEDGEMENT_NOTE] =
    g_param_spec_string ("acknowledgement-note", NULL, NULL, NULL, notify_flags);
  properties[PROP_ACKNOWLEDGED_AT] =
    g_param_spec_boxed ("acknowledged-at", NULL, NULL, G_TYPE_DATE_TIME, notify_flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_alert_init (BpAlert *self)
{
}

/**
 * bp_alert_kind_from_string:
 * @name: a kind as rule files write it, such as `incidence-threshold`
 * @kind: (out): the kind
 *
 * Returns: %TRUE when @name names a kind
 */
gboolean
bp_alert_kind_from_string (const char  *name,
                           BpAlertKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < BP_ALERT_N_KINDS; i++)
    if (g_str_equal (name, kind_info[i].name))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_alert_kind_to_string (BpAlertKind kind)
{
  g_return_val_if_fail (kind < BP_ALERT_N_KINDS, NULL);

  return kind_info[kind].name;
}

/**
 * bp_alert_kind_get_title:
 * @kind: a #BpAlertKind
 *
 * Returns: (transfer none): the translated title of the alerts of @kind,
 *   such as “High incidence”
 */
const char *
bp_alert_kind_get_title (BpAlertKind kind)
{
  g_return_val_if_fail (kind < BP_ALERT_N_KINDS, NULL);

  return _(kind_info[kind].title);
}

/**
 * bp_alert_severity_from_string:
 * @name: `info`, `warning` or `critical`
 * @severity: (out): the severity
 *
 * Returns: %TRUE when @name names a severity
 */
gboolean
bp_alert_severity_from_string (const char      *name,
                               BpAlertSeverity *severity)
{
  g_return_val_if_fail (severity != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < BP_ALERT_N_SEVERITIES; i++)
    if (g_str_equal (name, severity_info[i].name))
      {
        *severity = i;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_alert_severity_to_string (BpAlertSeverity severity)
{
  g_return_val_if_fail (severity < BP_ALERT_N_SEVERITIES, NULL);

  return severity_info[severity].name;
}

/**
 * bp_alert_severity_get_display_name:
 * @severity: a #BpAlertSeverity
 *
 * Returns: (transfer none): the translated name of @severity
 */
const char *
bp_alert_severity_get_display_name (BpAlertSeverity severity)
{
  g_return_val_if_fail (severity < BP_ALERT_N_SEVERITIES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "alert severity", severity_info[severity].display_name);
}

/* Made by the rules; see bp_alert_rules_list_alerts(). */
BpAlert *
_bp_alert_new (const char           *rule_id,
               BpAlertKind           kind,
               BpAlertSeverity       severity,
               BpArea               *area,
               const char           *subject_code,
               const char           *subject_name,
               int                   day,
               int                   first_day,
               const BpAlertFigures *figures)
{
  BpAlert *self;
  g_autofree char *first_date = NULL;

  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (kind < BP_ALERT_N_KINDS, NULL);
  g_return_val_if_fail (severity < BP_ALERT_N_SEVERITIES, NULL);
  g_return_val_if_fail (BP_IS_AREA (area), NULL);
  g_return_val_if_fail (figures != NULL, NULL);

  self = g_object_new (BP_TYPE_ALERT, NULL);
  self->rule_id = g_strdup (rule_id);
  self->kind = kind;
  self->severity = severity;
  self->area = g_object_ref (area);
  self->subject_code = g_strdup (subject_code);
  self->subject_name = g_strdup (subject_name);
  self->day = day;
  self->first_day = first_day;
  self->figures = *figures;

  first_date = bp_day_to_iso (first_day);
  self->key = g_strdup_printf ("%s:%s:%s", rule_id,
                               subject_code ? subject_code : bp_area_get_code (area),
                               first_date);
  self->message = dup_message (self);

  return self;
}

void
_bp_alert_set_is_new (BpAlert  *self,
                      gboolean  is_new)
{
  g_return_if_fail (BP_IS_ALERT (self));

  is_new = !!is_new;
  if (self->is_new == is_new)
    return;

  self->is_new = is_new;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
}

/* A %NULL @acknowledged_at clears the acknowledgement. */
void
_bp_alert_set_acknowledgement (BpAlert    *self,
                               const char *note,
                               GDateTime  *acknowledged_at)
{
  gboolean was_acknowledged;

  g_return_if_fail (BP_IS_ALERT (self));

  was_acknowledged = self->acknowledged_at != NULL;
  if (acknowledged_at == NULL)
    note = NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->acknowledgement_note, note) != 0)
    {
      g_free (self->acknowledgement_note);
      self->acknowledgement_note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACKNOWLEDGEMENT_NOTE]);
    }

  if (acknowledged_at != self->acknowledged_at &&
      (!acknowledged_at || !self->acknowledged_at ||
       !g_date_time_equal (acknowledged_at, self->acknowledged_at)))
    {
      g_clear_pointer (&self->acknowledged_at, g_date_time_unref);
      if (acknowledged_at)
        self->acknowledged_at = g_date_time_ref (acknowledged_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACKNOWLEDGED_AT]);
    }

  if (was_acknowledged != (self->acknowledged_at != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ACKNOWLEDGED]);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bp_alert_get_key:
 * @self: a #BpAlert
 *
 * Returns: (transfer none): the key that stays the same while the
 *   situation lasts: `rule:code:first-day`, see #BpAlert
 */
const char *
bp_alert_get_key (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->key;
}

const char *
bp_alert_get_rule_id (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->rule_id;
}

BpAlertKind
bp_alert_get_kind (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->kind;
}

BpAlertSeverity
bp_alert_get_severity (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->severity;
}

/**
 * bp_alert_get_title:
 * @self: a #BpAlert
 *
 * Returns: (transfer none): the translated title of the alert's kind
 */
const char *
bp_alert_get_title (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return bp_alert_kind_get_title (self->kind);
}

/**
 * bp_alert_get_area:
 * @self: a #BpAlert
 *
 * Gives the area the alert is about: the area of the rule's level, the
 * statistical sector, or for a nursing home its municipality.
 *
 * Returns: (transfer none): the area
 */
BpArea *
bp_alert_get_area (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->area;
}

/**
 * bp_alert_get_subject_code:
 * @self: a #BpAlert
 *
 * Returns: (transfer none) (nullable): the code of the nursing home the
 *   alert is about, or %NULL when it is about its area
 */
const char *
bp_alert_get_subject_code (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->subject_code;
}

/**
 * bp_alert_get_subject_name:
 * @self: a #BpAlert
 *
 * Returns: (transfer none) (nullable): the name of the nursing home the
 *   alert is about, or %NULL when it is about its area
 */
const char *
bp_alert_get_subject_name (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->subject_name;
}

/**
 * bp_alert_get_day:
 * @self: a #BpAlert
 *
 * Returns: the reference day the figures are for
 */
int
bp_alert_get_day (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->day;
}

/**
 * bp_alert_get_first_day:
 * @self: a #BpAlert
 *
 * Returns: the first day of the episode: the condition held on every day
 *   from it to the reference day, and not on the day before it
 */
int
bp_alert_get_first_day (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->first_day;
}

int
bp_alert_get_window_days (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->figures.window_days;
}

/**
 * bp_alert_get_value:
 * @self: a #BpAlert
 *
 * Gives the figure the rule compares with its threshold: the incidence per
 * 100,000; for a doubling the cases of the last window divided by those of
 * the window before (infinite when that had none); else the cases.
 *
 * Returns: the value
 */
double
bp_alert_get_value (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->figures.value;
}

/**
 * bp_alert_get_threshold:
 * @self: a #BpAlert
 *
 * Returns: what the value reached: the rule's incidence threshold, growth
 *   factor or minimum number of cases
 */
double
bp_alert_get_threshold (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->figures.threshold;
}

/**
 * bp_alert_get_n_cases:
 * @self: a #BpAlert
 *
 * Returns: the cases in the window that ends at the reference day; for a
 *   nursing home, the residents and staff who tested positive
 */
gint64
bp_alert_get_n_cases (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), 0);

  return self->figures.n_cases;
}

/**
 * bp_alert_get_n_previous_cases:
 * @self: a #BpAlert
 *
 * Returns: for a doubling, the cases in the window before; else -1
 */
gint64
bp_alert_get_n_previous_cases (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), -1);

  return self->figures.n_previous_cases;
}

/**
 * bp_alert_get_population:
 * @self: a #BpAlert
 *
 * Returns: the residents of the area for the incidence and small-sector
 *   rules; else -1
 */
gint64
bp_alert_get_population (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), -1);

  return self->figures.population;
}

/**
 * bp_alert_get_n_residents:
 * @self: a #BpAlert
 *
 * Returns: for a nursing home, the residents who tested positive in the
 *   window; else -1
 */
int
bp_alert_get_n_residents (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), -1);

  return self->figures.n_residents;
}

/**
 * bp_alert_get_n_staff:
 * @self: a #BpAlert
 *
 * Returns: for a nursing home, the staff members who tested positive in
 *   the window; else -1
 */
int
bp_alert_get_n_staff (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), -1);

  return self->figures.n_staff;
}

/**
 * bp_alert_get_message:
 * @self: a #BpAlert
 *
 * Returns: (transfer none): the figures as a translated sentence, such as
 *   “14-day incidence 612.4 per 100,000 ≥ 500 (93 cases)”
 */
const char *
bp_alert_get_message (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->message;
}

/**
 * bp_alert_get_is_new:
 * @self: a #BpAlert
 *
 * Returns: %TRUE when the episode started after the last day the user
 *   had seen; see bp_alert_rules_list_alerts()
 */
gboolean
bp_alert_get_is_new (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), FALSE);

  return self->is_new;
}

gboolean
bp_alert_get_is_acknowledged (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), FALSE);

  return self->acknowledged_at != NULL;
}

/**
 * bp_alert_get_acknowledgement_note:
 * @self: a #BpAlert
 *
 * Returns: (transfer none) (nullable): the note given with the
 *   acknowledgement
 */
const char *
bp_alert_get_acknowledgement_note (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->acknowledgement_note;
}

/**
 * bp_alert_get_acknowledged_at:
 * @self: a #BpAlert
 *
 * Returns: (transfer none) (nullable): when the alert was acknowledged, in
 *   UTC, or %NULL when it was not
 */
GDateTime *
bp_alert_get_acknowledged_at (BpAlert *self)
{
  g_return_val_if_fail (BP_IS_ALERT (self), NULL);

  return self->acknowledged_at;
}

/* "rule:code:YYYY-MM-DD", with a rule and a code that are not empty. */
static gboolean
check_key (const char  *key,
           GError     **error)
{
  const char *first_colon = strchr (key, ':');
  const char *last_colon = strrchr (key, ':');
  int day;

  if (first_colon == NULL || first_colon == key || last_colon - first_colon < 2 ||
      !bp_day_from_iso (last_colon + 1, &day, NULL))
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_INVALID,
                   _("“%s” is not the key of an alert; a key looks like “rule:area:YYYY-MM-DD”. Nothing was acknowledged."),
                   key);
      return FALSE;
    }

  return TRUE;
}

/* Another peer may have written the document: check its types. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
dup_timestamp (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
write_acknowledgement (BpStore     *store,
                       const char  *key,
                       const char  *note,
                       GDateTime   *acknowledged_at,
                       GError     **error)
{
  g_autofree char *id = g_strconcat (BP_ALERT_ACK_ID_PREFIX, key, NULL);
  g_autofree char *rev = NULL;
  g_autofree char *timestamp = dup_timestamp (acknowledged_at);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Acknowledging again replaces the note: an edit of the same document,
   * so that it synchronises as one. */
  current = bp_store_dup_document (store, id, &rev, &local_error);
  if (current == NULL && !g_error_matches (local_error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  json_object_set_string_member (body, "type", BP_ALERT_ACK_TYPE);
  json_object_set_string_member (body, "alert_key", key);
  json_object_set_string_member (body, "note", note);
  json_object_set_string_member (body, "acknowledged_at", timestamp);

  if (!bp_store_put_document (store, id, current ? rev : NULL, body, NULL, error))
    {
      g_prefix_error (error, _("The alert “%s” was not acknowledged: "), key);
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_store_acknowledge_alert:
 * @store: a #BpStore
 * @key: the key of an alert, see bp_alert_get_key()
 * @note: what was done or decided, for the team
 * @error: return location for a #GError
 *
 * Records that someone saw the alert with @key, with @note and the time
 * now, as a document of type `alert-ack` with id `alert-ack:` + @key, so
 * that it synchronises with the rest of the team. Acknowledging an alert
 * again replaces its note. The key need not belong to an alert of today:
 * it holds for the whole episode it names.
 *
 * Returns: %TRUE when the acknowledgement was stored
 */
gboolean
bp_store_acknowledge_alert (BpStore     *store,
                            const char  *key,
                            const char  *note,
                            GError     **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (BP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;

  now = g_date_time_new_now_utc ();
  return write_acknowledgement (store, key, note, now, error);
}

/**
 * bp_alert_acknowledge:
 * @self: a #BpAlert
 * @store: the store the alert was computed from
 * @note: what was done or decided, for the team
 * @error: return location for a #GError
 *
 * Acknowledges the alert as bp_store_acknowledge_alert() does and shows it
 * on @self at once.
 *
 * Returns: %TRUE when the acknowledgement was stored
 */
gboolean
bp_alert_acknowledge (BpAlert     *self,
                      BpStore     *store,
                      const char  *note,
                      GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) stored_at = NULL;
  g_autofree char *timestamp = NULL;

  g_return_val_if_fail (BP_IS_ALERT (self), FALSE);
  g_return_val_if_fail (BP_IS_STORE (store), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  now = g_date_time_new_now_utc ();
  if (!write_acknowledgement (store, self->key, note, now, error))
    return FALSE;

  /* The same whole second as the document holds. */
  timestamp = dup_timestamp (now);
  stored_at = g_date_time_new_from_iso8601 (timestamp, NULL);
  _bp_alert_set_acknowledgement (self, note, stored_at);

  return TRUE;
}

/* @found tells whether there is an acknowledgement; a missing one is not
 * an error. A document that cannot be read as one is ignored, with a
 * warning, rather than hiding every alert. */
gboolean
_bp_store_lookup_alert_acknowledgement (BpStore     *store,
                                        const char  *key,
                                        gboolean    *found,
                                        char       **note,
                                        GDateTime  **acknowledged_at,
                                        GError     **error)
{
  g_autofree char *id = g_strconcat (BP_ALERT_ACK_ID_PREFIX, key, NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *timestamp;

  *found = FALSE;

  if (!(body = bp_store_dup_document (store, id, NULL, &local_error)))
    {
      if (g_error_matches (local_error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  timestamp = get_string_member (body, "acknowledged_at");
  if (!timestamp || !(time = g_date_time_new_from_iso8601 (timestamp, NULL)))
    {
      g_warning ("Acknowledgement %s has no valid acknowledged_at; ignored", id);
      return TRUE;
    }

  *found = TRUE;
  *note = g_strdup (get_string_member (body, "note"));
  *acknowledged_at = g_steal_pointer (&time);

  return TRUE;
}
