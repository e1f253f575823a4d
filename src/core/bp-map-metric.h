/* bp-map-metric.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"
#include "bp-case-source.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_MAP_METRIC_ERROR (bp_map_metric_error_quark ())

typedef enum
{
  BP_MAP_METRIC_ERROR_INVALID_BREAKS,
} BpMapMetricError;

/* What the choropleth map colours each statistical sector by. */
typedef enum
{
  BP_MAP_METRIC_CASES_7,
  BP_MAP_METRIC_CASES_14,
  BP_MAP_METRIC_INCIDENCE_7,
  BP_MAP_METRIC_INCIDENCE_14,
  BP_MAP_METRIC_TREND,
} BpMapMetric;

#define BP_MAP_METRIC_N_METRICS 5

/* Why a value is missing or must be hidden; see bp_sector_values_lookup(). */
typedef enum
{
  BP_VALUE_NONE          = 0,
  BP_VALUE_SUPPRESSED    = 1 << 0, /* a count in the window is 1-4: value is NaN, show "<5" */
  BP_VALUE_NO_POPULATION = 1 << 1, /* population 0: incidence is NaN */
  BP_VALUE_NO_PREVIOUS   = 1 << 2, /* trend without cases in the previous 7 days */
} BpValueFlags;

/* Class indices: 0 .. n_classes - 1 are the numbered classes, lowest first.
 * Two fixed classes have negative indices, for colours and labels:
 *   BP_CLASS_NO_DATA    the value is NaN (no population, no previous week)
 *   BP_CLASS_SUPPRESSED a count 1-4 was suppressed: show "<5", hatch it
 * bp_class_breaks_classify() returns BP_CLASS_NO_DATA for NaN;
 * bp_class_breaks_classify_value() also takes the flags and returns
 * BP_CLASS_SUPPRESSED for suppressed sectors.
 *
 * bp_class_breaks_count() fills n_classes + 2 counts: counts[0 .. n_classes - 1]
 * per class, counts[n_classes] no data, counts[n_classes + 1] suppressed. */
#define BP_CLASS_NO_DATA    (-1)

/* A count that must not be shown, as it is 1-4: written as "<5". Charts
 * take any negative count to mean the same. */
#define BP_COUNT_SUPPRESSED (-1)
#define BP_CLASS_SUPPRESSED (-2)

/* A colour with components from 0 to 1. */
typedef struct
{
  double red;
  double green;
  double blue;
} BpColour;

#define BP_TYPE_SECTOR_VALUES (bp_sector_values_get_type ())
G_DECLARE_FINAL_TYPE (BpSectorValues, bp_sector_values, BP, SECTOR_VALUES, GObject)

#define BP_TYPE_CLASS_BREAKS (bp_class_breaks_get_type ())
G_DECLARE_FINAL_TYPE (BpClassBreaks, bp_class_breaks, BP, CLASS_BREAKS, GObject)

typedef void (*BpSectorValueFunc) (gint64        sector_id,
                                   double        value,
                                   BpValueFlags  flags,
                                   gpointer      user_data);

GQuark             bp_map_metric_error_quark              (void);

gboolean           bp_map_metric_from_string              (const char           *name,
                                                           BpMapMetric          *metric);
const char        *bp_map_metric_to_string                (BpMapMetric           metric);
const char        *bp_map_metric_get_display_name         (BpMapMetric           metric);
int                bp_map_metric_get_window_days          (BpMapMetric           metric);
gboolean           bp_map_metric_is_incidence             (BpMapMetric           metric);

BpSectorValues    *bp_store_compute_sector_values         (BpStore              *store,
                                                           BpMapMetric           metric,
                                                           int                   day,
                                                           int                   age_band,
                                                           BpCaseSourceFilter    sources,
                                                           GError              **error);
void               bp_store_compute_sector_values_async   (BpStore              *store,
                                                           BpMapMetric           metric,
                                                           int                   day,
                                                           int                   age_band,
                                                           BpCaseSourceFilter    sources,
                                                           BpAreaLevel           level,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
BpSectorValues    *bp_store_compute_sector_values_finish  (BpStore              *store,
                                                           GAsyncResult         *result,
                                                           GError              **error);
BpMapMetric        bp_sector_values_get_metric            (BpSectorValues       *self);
int                bp_sector_values_get_day               (BpSectorValues       *self);
int                bp_sector_values_get_age_band          (BpSectorValues       *self);
BpCaseSourceFilter bp_sector_values_get_sources           (BpSectorValues       *self);
guint              bp_sector_values_get_n_sectors         (BpSectorValues       *self);
gboolean           bp_sector_values_lookup                (BpSectorValues       *self,
                                                           gint64                sector_id,
                                                           double               *value,
                                                           BpValueFlags         *flags);
gboolean           bp_sector_values_get_counts            (BpSectorValues       *self,
                                                           gint64                sector_id,
                                                           gint64               *cases_7,
                                                           gint64               *cases_14,
                                                           gint64               *population);
BpSectorValues    *bp_store_group_sector_values           (BpStore              *store,
                                                           BpSectorValues       *self,
                                                           BpAreaLevel           level,
                                                           GError              **error);
BpAreaLevel        bp_sector_values_get_level             (BpSectorValues       *self);
void               bp_sector_values_sum_sources           (BpSectorValues       *self,
                                                           const gint64         *sector_ids,
                                                           guint                 n_sectors,
                                                           gint64                cases[BP_N_CASE_SOURCES]);
BpSectorValues    *bp_sector_values_suppress_small        (BpSectorValues       *self);
gboolean           bp_sector_values_get_small_suppressed  (BpSectorValues       *self);
gboolean           bp_count_is_small                      (gint64                n_cases);
void               bp_sector_values_foreach               (BpSectorValues       *self,
                                                           BpSectorValueFunc     func,
                                                           gpointer              user_data);

BpClassBreaks     *bp_class_breaks_new_default            (BpMapMetric           metric);
BpClassBreaks     *bp_class_breaks_new                    (BpMapMetric           metric,
                                                           const double         *thresholds,
                                                           guint                 n_thresholds,
                                                           GError              **error);
BpClassBreaks     *bp_class_breaks_new_from_string        (BpMapMetric           metric,
                                                           const char           *text,
                                                           GError              **error);
char              *bp_class_breaks_to_string              (BpClassBreaks        *self);
BpMapMetric        bp_class_breaks_get_metric             (BpClassBreaks        *self);
guint              bp_class_breaks_get_n_classes          (BpClassBreaks        *self);
const double      *bp_class_breaks_get_thresholds         (BpClassBreaks        *self,
                                                           guint                *n_thresholds);
int                bp_class_breaks_classify               (BpClassBreaks        *self,
                                                           double                value);
int                bp_class_breaks_classify_value         (BpClassBreaks        *self,
                                                           double                value,
                                                           BpValueFlags          flags);
void               bp_class_breaks_get_colour             (BpClassBreaks        *self,
                                                           int                   class_index,
                                                           BpColour             *rgb);
char              *bp_class_breaks_dup_label              (BpClassBreaks        *self,
                                                           int                   class_index);
void               bp_class_breaks_count                  (BpClassBreaks        *self,
                                                           BpSectorValues       *values,
                                                           guint                *counts);

G_END_DECLS
