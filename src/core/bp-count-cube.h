/* bp-count-cube.h
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

/* A position that names no area, such as the ancestor of a region at the
 * level of a municipality. */
#define BP_COUNT_CUBE_NO_AREA G_MAXUINT

#define BP_TYPE_COUNT_CUBE (bp_count_cube_get_type ())
G_DECLARE_FINAL_TYPE (BpCountCube, bp_count_cube, BP, COUNT_CUBE, GObject)

BpCountCube *bp_count_cube_new                  (BpStore              *store,
                                                 GError              **error);
void         bp_count_cube_new_async            (BpStore              *store,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
BpCountCube *bp_count_cube_new_finish           (GAsyncResult         *result,
                                                 GError              **error);

gboolean     bp_count_cube_get_day_range        (BpCountCube          *self,
                                                 int                  *first_day,
                                                 int                  *last_day);
gsize        bp_count_cube_get_n_rows           (BpCountCube          *self);
gsize        bp_count_cube_get_memory_size      (BpCountCube          *self);

guint        bp_count_cube_get_n_areas          (BpCountCube          *self,
                                                 BpAreaLevel           level);
gboolean     bp_count_cube_find_area            (BpCountCube          *self,
                                                 gint64                area_id,
                                                 BpAreaLevel          *level,
                                                 guint                *position);
gboolean     bp_count_cube_find_area_by_code    (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 const char           *code,
                                                 guint                *position);
gint64       bp_count_cube_get_area_id          (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position);
const char  *bp_count_cube_get_area_code        (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position);
const char  *bp_count_cube_get_area_name        (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position);
gint64       bp_count_cube_get_area_population  (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position,
                                                 int                   age_band);
guint        bp_count_cube_get_area_ancestor    (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position,
                                                 BpAreaLevel           ancestor_level);
const guint *bp_count_cube_get_sector_ancestors (BpCountCube          *self,
                                                 BpAreaLevel           ancestor_level);

void         bp_count_cube_sum_sectors          (BpCountCube          *self,
                                                 int                   first_day,
                                                 int                   last_day,
                                                 int                   age_band,
                                                 BpCaseSourceFilter    sources,
                                                 gint64               *n_cases,
                                                 guint                *n_suppressed);
void         bp_count_cube_sum_days             (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position,
                                                 int                   age_band,
                                                 BpCaseSourceFilter    sources,
                                                 int                   first_day,
                                                 int                   last_day,
                                                 gint64               *n_cases,
                                                 guint                *n_suppressed);
void         bp_count_cube_sum_days_by_source   (BpCountCube          *self,
                                                 BpAreaLevel           level,
                                                 guint                 position,
                                                 int                   age_band,
                                                 int                   first_day,
                                                 int                   last_day,
                                                 gint64               *n_cases,
                                                 guint                *n_suppressed);

G_END_DECLS
