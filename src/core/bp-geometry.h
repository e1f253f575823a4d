/* bp-geometry.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BP_GEOMETRY_ERROR (bp_geometry_error_quark ())

typedef enum
{
  BP_GEOMETRY_ERROR_INVALID,
} BpGeometryError;

typedef struct
{
  double min_lon;
  double min_lat;
  double max_lon;
  double max_lat;
} BpBounds;

#define BP_TYPE_GEOMETRY (bp_geometry_get_type ())

/* A (multi)polygon in WGS84 degrees. Rings are stored open (the closing point
 * of GeoJSON is dropped); the first ring of a polygon is its outer ring. */
typedef struct _BpGeometry BpGeometry;

GType         bp_geometry_get_type          (void) G_GNUC_CONST;
GQuark        bp_geometry_error_quark       (void);
BpGeometry   *bp_geometry_new               (void);
BpGeometry   *bp_geometry_ref               (BpGeometry     *self);
void          bp_geometry_unref             (BpGeometry     *self);
void          bp_geometry_begin_polygon     (BpGeometry     *self);
void          bp_geometry_begin_ring        (BpGeometry     *self);
void          bp_geometry_add_point         (BpGeometry     *self,
                                             double          lon,
                                             double          lat);
guint         bp_geometry_get_n_polygons    (BpGeometry     *self);
guint         bp_geometry_get_n_rings       (BpGeometry     *self,
                                             guint           polygon);
const double *bp_geometry_get_ring          (BpGeometry     *self,
                                             guint           polygon,
                                             guint           ring,
                                             guint          *n_points);
guint         bp_geometry_get_n_points      (BpGeometry     *self);
void          bp_geometry_get_bounds        (BpGeometry     *self,
                                             BpBounds       *bounds);
double        bp_geometry_get_area_km2      (BpGeometry     *self);
gboolean      bp_geometry_contains          (BpGeometry     *self,
                                             double          lon,
                                             double          lat);
GBytes       *bp_geometry_encode            (BpGeometry     *self);
BpGeometry   *bp_geometry_decode            (const guint8   *data,
                                             gsize           size,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpGeometry, bp_geometry_unref)

G_END_DECLS
