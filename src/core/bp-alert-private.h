/* bp-alert-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-alert.h"

G_BEGIN_DECLS

/* The figures that made a rule fire at the reference day. Counts that a
 * kind does not use are -1. */
typedef struct
{
  int    window_days;
  double value;
  double threshold;
  gint64 n_cases;
  gint64 n_previous_cases;
  gint64 population;
  int    n_residents;
  int    n_staff;
} BpAlertFigures;

BpAlert  *_bp_alert_new                           (const char            *rule_id,
                                                   BpAlertKind            kind,
                                                   BpAlertSeverity        severity,
                                                   BpArea                *area,
                                                   const char            *subject_code,
                                                   const char            *subject_name,
                                                   int                    day,
                                                   int                    first_day,
                                                   const BpAlertFigures  *figures);
void      _bp_alert_set_is_new                    (BpAlert               *self,
                                                   gboolean               is_new);
void      _bp_alert_set_acknowledgement           (BpAlert               *self,
                                                   const char            *note,
                                                   GDateTime             *acknowledged_at);
gboolean  _bp_store_lookup_alert_acknowledgement  (BpStore               *store,
                                                   const char            *key,
                                                   gboolean              *found,
                                                   char                 **note,
                                                   GDateTime            **acknowledged_at,
                                                   GError               **error);

G_END_DECLS
