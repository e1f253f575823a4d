/* bp-case-source.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a count comes from. The control-tower figures counted patients a
 * general practitioner reported without a test as well as confirmed ones;
 * a store written before counts carried a source has only "not recorded".
 * The values are stored: never renumber them. */
typedef enum
{
  BP_CASE_SOURCE_CONFIRMED,
  BP_CASE_SOURCE_CLINICAL,
  BP_CASE_SOURCE_UNRECORDED,
} BpCaseSource;

#define BP_N_CASE_SOURCES 3

/* The sources a figure counts: a set of 1 << BpCaseSource. */
typedef enum
{
  BP_CASE_SOURCE_FILTER_CONFIRMED  = 1 << BP_CASE_SOURCE_CONFIRMED,
  BP_CASE_SOURCE_FILTER_CLINICAL   = 1 << BP_CASE_SOURCE_CLINICAL,
  BP_CASE_SOURCE_FILTER_UNRECORDED = 1 << BP_CASE_SOURCE_UNRECORDED,
  BP_CASE_SOURCE_FILTER_ALL        = (1 << BP_N_CASE_SOURCES) - 1,
} BpCaseSourceFilter;

const char *bp_case_source_to_string           (BpCaseSource        source);
gboolean    bp_case_source_from_string         (const char         *name,
                                                BpCaseSource       *source);
const char *bp_case_source_get_display_name    (BpCaseSource        source);
gboolean    bp_case_source_filter_from_string  (const char         *name,
                                                BpCaseSourceFilter *filter);
const char *bp_case_source_filter_to_string    (BpCaseSourceFilter  filter);
const char *bp_case_source_filter_get_display_name (BpCaseSourceFilter filter);

G_END_DECLS
