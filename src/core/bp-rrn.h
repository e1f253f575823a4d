/* bp-rrn.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BP_RRN_ERROR (bp_rrn_error_quark ())

typedef enum
{
  BP_RRN_ERROR_TOO_SHORT,
  BP_RRN_ERROR_TOO_LONG,
  BP_RRN_ERROR_NOT_DIGITS,
  BP_RRN_ERROR_CHECKSUM,
  BP_RRN_ERROR_DATE,
  BP_RRN_ERROR_SERIAL,
} BpRrnError;

typedef enum
{
  BP_RRN_SEX_UNKNOWN,
  BP_RRN_SEX_FEMALE,
  BP_RRN_SEX_MALE,
} BpRrnSex;

/* What a national register number (RRN/INSZ) says about its holder. A
 * month or day of 0 means the register does not know it. */
typedef struct
{
  int      birth_year;
  int      birth_month;
  int      birth_day_of_month;
  int      serial;
  BpRrnSex sex;
  gboolean is_bis;
} BpRrnInfo;

GQuark    bp_rrn_error_quark  (void);
gboolean  bp_rrn_validate     (const char  *text,
                               GError     **error);
gboolean  bp_rrn_parse        (const char  *text,
                               char       **digits,
                               BpRrnInfo   *info,
                               GError     **error);
char     *bp_rrn_format       (const char  *digits);
char     *bp_rrn_make_fake    (GRand       *rand,
                               int          birth_day,
                               BpRrnSex     sex);

G_END_DECLS
