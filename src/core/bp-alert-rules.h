/* bp-alert-rules.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-alert.h"
#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_ALERT_RULES_ERROR (bp_alert_rules_error_quark ())

typedef enum
{
  BP_ALERT_RULES_ERROR_PARSE,
  BP_ALERT_RULES_ERROR_INVALID,
  BP_ALERT_RULES_ERROR_UNKNOWN_KIND,
  BP_ALERT_RULES_ERROR_MISSING,
} BpAlertRulesError;

#define BP_TYPE_ALERT_RULES (bp_alert_rules_get_type ())
G_DECLARE_FINAL_TYPE (BpAlertRules, bp_alert_rules, BP, ALERT_RULES, GObject)

GQuark           bp_alert_rules_error_quark          (void);
char            *bp_dup_alert_rules_path             (void);

BpAlertRules    *bp_alert_rules_new_from_file        (const char           *path,
                                                      GError              **error);
BpAlertRules    *bp_alert_rules_new_from_data        (const char           *data,
                                                      gssize                length,
                                                      const char           *name,
                                                      GError              **error);
BpAlertRules    *bp_alert_rules_new_default          (GError              **error);
guint            bp_alert_rules_get_n_rules          (BpAlertRules         *self);
const char      *bp_alert_rules_get_rule_id          (BpAlertRules         *self,
                                                      guint                 index);
BpAlertKind      bp_alert_rules_get_rule_kind        (BpAlertRules         *self,
                                                      guint                 index);
BpAlertSeverity  bp_alert_rules_get_rule_severity    (BpAlertRules         *self,
                                                      guint                 index);
GListModel      *bp_alert_rules_list_alerts          (BpAlertRules         *self,
                                                      BpStore              *store,
                                                      gint64                scope_area_id,
                                                      int                   day,
                                                      int                   last_seen_day,
                                                      GError              **error);
void             bp_alert_rules_list_alerts_async    (BpAlertRules         *self,
                                                      BpStore              *store,
                                                      gint64                scope_area_id,
                                                      int                   day,
                                                      int                   last_seen_day,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GListModel      *bp_alert_rules_list_alerts_finish   (BpAlertRules         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
