/* bp-store-areas.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* How many sector outlines of each origin the store holds. */
typedef struct
{
  guint n_sectors;
  guint n_real;          /* statbel, or imported official outlines */
  guint n_unverified;    /* statbel_unverified: real but unchecked reconstruction */
  guint n_approximate;   /* synthetic splits of a real cell */
} BpOutlineSummary;

/* Where one level's outlines came from, for "About the data". */
typedef struct
{
  BpAreaLevel  level;
  char        *source;
  char        *licence;
  char        *ref_date;
  char        *imported_at;
} BpAreaSource;

void        bp_area_source_free           (BpAreaSource      *source);
char       *bp_dup_reference_areas_path   (void);

gboolean    bp_store_import_areas         (BpStore           *self,
                                           BpAreaLevel        level,
                                           GPtrArray         *records,
                                           const char        *source,
                                           const char        *licence,
                                           GError           **error);
gboolean    bp_store_import_reference     (BpStore           *self,
                                           const char        *reference_path,
                                           GError           **error);
guint       bp_store_count_areas          (BpStore           *self,
                                           BpAreaLevel        level);
BpArea     *bp_store_dup_area             (BpStore           *self,
                                           BpAreaLevel        level,
                                           const char        *code,
                                           GError           **error);
BpArea     *bp_store_dup_sector_wijk      (BpStore           *self,
                                           const char        *sector_code,
                                           GError           **error);
GListModel *bp_store_list_areas           (BpStore           *self,
                                           BpAreaLevel        level,
                                           const char        *parent_code,
                                           GError           **error);
BpGeometry *bp_store_dup_area_geometry    (BpStore           *self,
                                           gint64             area_id,
                                           GError           **error);
gboolean    bp_store_get_outline_summary  (BpStore           *self,
                                           BpOutlineSummary  *summary,
                                           GError           **error);
GPtrArray  *bp_store_list_area_sources    (BpStore           *self,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpAreaSource, bp_area_source_free)

G_END_DECLS
