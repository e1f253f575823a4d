/* bp-day.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BP_DAY_ERROR (bp_day_error_quark ())

typedef enum
{
  BP_DAY_ERROR_INVALID,
} BpDayError;

/* A day is an int: the number of days since 1970-01-01 (day 0), in the
 * proleptic Gregorian calendar. It is what the counts tables store. */

GQuark    bp_day_error_quark    (void);
gboolean  bp_day_from_iso       (const char  *text,
                                 int         *day,
                                 GError     **error);
char     *bp_day_to_iso         (int          day);
int       bp_day_from_ymd       (int          year,
                                 int          month,
                                 int          day_of_month);
void      bp_day_to_ymd         (int          day,
                                 int         *year,
                                 int         *month,
                                 int         *day_of_month);
gboolean  bp_day_is_valid_ymd   (int          year,
                                 int          month,
                                 int          day_of_month);
int       bp_day_get_weekday    (int          day);

G_END_DECLS
