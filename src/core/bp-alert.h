/* bp-alert.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* What an alert rule watches; see data/alert-rules.json. */
typedef enum
{
  BP_ALERT_KIND_INCIDENCE_THRESHOLD,
  BP_ALERT_KIND_DOUBLING,
  BP_ALERT_KIND_SMALL_SECTOR_CASES,
  BP_ALERT_KIND_NURSING_HOME_SIGNAL,
} BpAlertKind;

#define BP_ALERT_N_KINDS 4

/* Lowest first, so that a larger value is more urgent. */
typedef enum
{
  BP_ALERT_SEVERITY_INFO,
  BP_ALERT_SEVERITY_WARNING,
  BP_ALERT_SEVERITY_CRITICAL,
} BpAlertSeverity;

#define BP_ALERT_N_SEVERITIES 3

/* The document type of an acknowledgement, and the prefix of its id. */
#define BP_ALERT_ACK_TYPE      "alert-ack"
#define BP_ALERT_ACK_ID_PREFIX "alert-ack:"

#define BP_TYPE_ALERT (bp_alert_get_type ())
G_DECLARE_FINAL_TYPE (BpAlert, bp_alert, BP, ALERT, GObject)

gboolean         bp_alert_kind_from_string             (const char       *name,
                                                        BpAlertKind      *kind);
const char      *bp_alert_kind_to_string               (BpAlertKind       kind);
const char      *bp_alert_kind_get_title               (BpAlertKind       kind);
gboolean         bp_alert_severity_from_string         (const char       *name,
                                                        BpAlertSeverity  *severity);
const char      *bp_alert_severity_to_string           (BpAlertSeverity   severity);
const char      *bp_alert_severity_get_display_name    (BpAlertSeverity   severity);

const char      *bp_alert_get_key                      (BpAlert          *self);
const char      *bp_alert_get_rule_id                  (BpAlert          *self);
BpAlertKind      bp_alert_get_kind                     (BpAlert          *self);
BpAlertSeverity  bp_alert_get_severity                 (BpAlert          *self);
const char      *bp_alert_get_title                    (BpAlert          *self);
BpArea          *bp_alert_get_area                     (BpAlert          *self);
const char      *bp_alert_get_subject_code             (BpAlert          *self);
const char      *bp_alert_get_subject_name             (BpAlert          *self);
int              bp_alert_get_day                      (BpAlert          *self);
int              bp_alert_get_first_day                (BpAlert          *self);
int              bp_alert_get_window_days              (BpAlert          *self);
double           bp_alert_get_value                    (BpAlert          *self);
double           bp_alert_get_threshold                (BpAlert          *self);
gint64           bp_alert_get_n_cases                  (BpAlert          *self);
gint64           bp_alert_get_n_previous_cases         (BpAlert          *self);
gint64           bp_alert_get_population               (BpAlert          *self);
int              bp_alert_get_n_residents              (BpAlert          *self);
int              bp_alert_get_n_staff                  (BpAlert          *self);
const char      *bp_alert_get_message                  (BpAlert          *self);
gboolean         bp_alert_get_is_new                   (BpAlert          *self);
gboolean         bp_alert_get_is_acknowledged          (BpAlert          *self);
const char      *bp_alert_get_acknowledgement_note     (BpAlert          *self);
GDateTime       *bp_alert_get_acknowledged_at          (BpAlert          *self);
gboolean         bp_alert_acknowledge                  (BpAlert          *self,
                                                        BpStore          *store,
                                                        const char       *note,
                                                        GError          **error);

gboolean         bp_store_acknowledge_alert            (BpStore          *store,
                                                        const char       *key,
                                                        const char       *note,
                                                        GError          **error);

G_END_DECLS
