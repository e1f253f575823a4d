/* bp-store-counts.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-area.h"
#include "bp-case-source.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* Feeds daily counts into the store inside one transaction; see
 * bp_store_begin_counts(). */
typedef struct _BpCountWriter BpCountWriter;

/* One nursing home (woonzorgcentrum), a source of signals. */
typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  gint64  sector_id;
  int     n_beds;
} BpNursingHome;

void           bp_nursing_home_free                      (BpNursingHome *home);

BpCountWriter *bp_store_begin_counts                     (BpStore       *self,
                                                          GError       **error);
gboolean       bp_count_writer_add                       (BpCountWriter *writer,
                                                          gint64         sector_id,
                                                          int            age_band,
                                                          BpCaseSource   source,
                                                          int            day,
                                                          int            n_cases,
                                                          GError       **error);
gint64         bp_count_writer_get_n_rows                (BpCountWriter *writer);
gint64         bp_count_writer_get_n_cases               (BpCountWriter *writer);
gboolean       bp_count_writer_commit                    (BpCountWriter *writer,
                                                          GError       **error);
void           bp_count_writer_free                      (BpCountWriter *writer);

gboolean       bp_store_get_count_range                  (BpStore       *self,
                                                          int           *first_day,
                                                          int           *last_day,
                                                          GError       **error);
gboolean       bp_store_get_window_sum                   (BpStore       *self,
                                                          gint64         sector_id,
                                                          int            age_band,
                                                          int            last_day,
                                                          int            window_days,
                                                          gint64        *n_cases,
                                                          GError       **error);
gboolean       bp_store_get_area_window_sum              (BpStore       *self,
                                                          gint64         area_id,
                                                          int            age_band,
                                                          int            last_day,
                                                          int            window_days,
                                                          gint64        *n_cases,
                                                          GError       **error);
gboolean       bp_store_get_area_window_sums_by_band     (BpStore       *self,
                                                          gint64         area_id,
                                                          int            last_day,
                                                          int            window_days,
                                                          gint64         n_cases[BP_N_AGE_BANDS],
                                                          GError       **error);
GArray        *bp_store_dup_daily_counts                 (BpStore       *self,
                                                          gint64         area_id,
                                                          int            age_band,
                                                          int            first_day,
                                                          int            last_day,
                                                          GError       **error);

gboolean       bp_store_add_nursing_home                 (BpStore       *self,
                                                          const          char     *code,
                                                          const          char     *name,
                                                          gint64         sector_id,
                                                          int            n_beds,
                                                          gint64        *id,
                                                          GError       **error);
GPtrArray     *bp_store_list_nursing_homes               (BpStore       *self,
                                                          gint64         area_id,
                                                          GError       **error);
gboolean       bp_store_add_nursing_home_signal          (BpStore       *self,
                                                          gint64         nursing_home_id,
                                                          int            day,
                                                          int            n_residents,
                                                          int            n_staff,
                                                          GError       **error);
gboolean       bp_store_count_nursing_homes_with_signals (BpStore       *self,
                                                          gint64         area_id,
                                                          int            last_day,
                                                          int            window_days,
                                                          guint         *n_homes,
                                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpCountWriter, bp_count_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpNursingHome, bp_nursing_home_free)

G_END_DECLS
