/* bp-geojson-reader.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-area.h"

G_BEGIN_DECLS

#define BP_GEOJSON_ERROR (bp_geojson_error_quark ())

typedef enum
{
  BP_GEOJSON_ERROR_INVALID_JSON,
  BP_GEOJSON_ERROR_NOT_A_FEATURE_COLLECTION,
  BP_GEOJSON_ERROR_EMPTY,
  BP_GEOJSON_ERROR_UNSUPPORTED_CRS,
  BP_GEOJSON_ERROR_UNKNOWN_PROJECTION,
  BP_GEOJSON_ERROR_WRONG_LEVEL,
  BP_GEOJSON_ERROR_INVALID_FEATURE,
  BP_GEOJSON_ERROR_UNSUPPORTED_GEOMETRY,
  BP_GEOJSON_ERROR_INVALID_COORDINATES,
  BP_GEOJSON_ERROR_PROJECTION_FAILED,
} BpGeojsonError;

/* What imported official Statbel outlines are called in the store; the
 * outline summary counts them as real. */
#define BP_GEOJSON_SOURCE_STATBEL_OFFICIAL "statbel_official"

#define BP_TYPE_GEOJSON_READER (bp_geojson_reader_get_type ())
G_DECLARE_FINAL_TYPE (BpGeojsonReader, bp_geojson_reader, BP, GEOJSON_READER, GObject)

GQuark           bp_geojson_error_quark             (void);
BpGeojsonReader *bp_geojson_reader_new              (BpAreaLevel           level);
BpAreaLevel      bp_geojson_reader_get_level        (BpGeojsonReader      *self);
GPtrArray       *bp_geojson_reader_read_file        (BpGeojsonReader      *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
GPtrArray       *bp_geojson_reader_read_path        (BpGeojsonReader      *self,
                                                     const char           *path,
                                                     GError              **error);
GPtrArray       *bp_geojson_reader_read_data        (BpGeojsonReader      *self,
                                                     const char           *data,
                                                     gsize                 size,
                                                     const char           *display_name,
                                                     GError              **error);
void             bp_geojson_reader_read_file_async  (BpGeojsonReader      *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray       *bp_geojson_reader_read_file_finish (BpGeojsonReader      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
