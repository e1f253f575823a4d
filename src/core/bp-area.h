/* bp-area.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-geometry.h"

G_BEGIN_DECLS

/* The values are stored: a level added later goes at the end, and
 * bp_area_level_get_rank() says where it nests. A neighbourhood (wijk)
 * groups whole sectors of one municipality; a sector's parent stays its
 * municipality and its wijk is kept beside that. */
typedef enum
{
  BP_AREA_LEVEL_REGION,
  BP_AREA_LEVEL_PROVINCE,
  BP_AREA_LEVEL_CARE_ZONE,
  BP_AREA_LEVEL_MUNICIPALITY,
  BP_AREA_LEVEL_SECTOR,
  BP_AREA_LEVEL_WIJK,
} BpAreaLevel;

#define BP_AREA_N_LEVELS 6

/* Ten-year bands as in the control-tower data: 0-9, 10-19, ... 70-79, 80+. */
#define BP_N_AGE_BANDS 9

#define BP_TYPE_AREA (bp_area_get_type ())
G_DECLARE_FINAL_TYPE (BpArea, bp_area, BP, AREA, GObject)

/* One area as read from a file, before it goes into the store. */
typedef struct
{
  char       *code;
  char       *parent_code;
  char       *name_nl;
  char       *name_fr;
  gint64      population;
  char       *population_ref_date;
  gint64      population_by_age[BP_N_AGE_BANDS]; /* -1 when unknown */
  char       *geometry_source;
  double      area_km2;
  char       *properties_json;
  BpGeometry *geometry;
} BpAreaRecord;

BpAreaRecord *bp_area_record_new              (void);
void          bp_area_record_free             (BpAreaRecord  *record);

gboolean      bp_area_level_from_string       (const char    *name,
                                               BpAreaLevel   *level);
const char   *bp_area_level_to_string         (BpAreaLevel    level);
const char   *bp_area_level_get_display_name  (BpAreaLevel    level);
guint         bp_area_level_get_rank          (BpAreaLevel    level);
BpAreaLevel   bp_area_level_get_parent_level  (BpAreaLevel    level);
gboolean      bp_area_level_contains          (BpAreaLevel    outer,
                                               BpAreaLevel    inner);
const BpAreaLevel *bp_area_levels_in_rank_order (void);
const char   *bp_age_band_get_label           (guint          age_band);

BpArea       *bp_area_new                     (gint64         id,
                                               BpAreaLevel    level,
                                               const char    *code,
                                               const char    *name_nl,
                                               const char    *name_fr,
                                               gint64         population,
                                               const char    *parent_code);
gint64        bp_area_get_id                  (BpArea        *self);
BpAreaLevel   bp_area_get_level               (BpArea        *self);
const char   *bp_area_get_code                (BpArea        *self);
const char   *bp_area_get_name_nl             (BpArea        *self);
const char   *bp_area_get_name_fr             (BpArea        *self);
const char   *bp_area_get_display_name        (BpArea        *self);
gint64        bp_area_get_population          (BpArea        *self);
const char   *bp_area_get_parent_code         (BpArea        *self);
const char   *bp_area_get_parent_display_name (BpArea        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpAreaRecord, bp_area_record_free)

G_END_DECLS
