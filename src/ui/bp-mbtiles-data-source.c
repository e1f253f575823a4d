/* bp-mbtiles-data-source.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mbtiles-data-source"

#include "config.h"

#include "bp-mbtiles-data-source.h"

/* Hands libshumate the tiles of an MBTiles file, the offline basemap. The
 * file is read by core's BpMbtiles in a worker thread. */
struct _BpMbtilesDataSource
{
  ShumateDataSource  parent_instance;

  BpMbtiles         *mbtiles;
};

G_DEFINE_FINAL_TYPE (BpMbtilesDataSource, bp_mbtiles_data_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

static void
read_tile_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BpMbtilesDataSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = bp_mbtiles_dup_tile (self->mbtiles, request->zoom, request->x, request->y, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

static void
bp_mbtiles_data_source_get_tile_data_async (ShumateDataSource   *source,
                                            int                  x,
                                            int                  y,
                                            int                  zoom_level,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_mbtiles_data_source_get_tile_data_async);
  g_task_set_task_data (task, request, g_free);
  g_task_run_in_thread (task, read_tile_worker);
}

static GBytes *
bp_mbtiles_data_source_get_tile_data_finish (ShumateDataSource  *source,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bp_mbtiles_data_source_dispose (GObject *object)
{
  BpMbtilesDataSource *self = (BpMbtilesDataSource *)object;

  g_clear_object (&self->mbtiles);

  G_OBJECT_CLASS (bp_mbtiles_data_source_parent_class)->dispose (object);
}

static void
bp_mbtiles_data_source_class_init (BpMbtilesDataSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = bp_mbtiles_data_source_dispose;
  source_class->get_tile_data_async = bp_mbtiles_data_source_get_tile_data_async;
  source_class->get_tile_data_finish = bp_mbtiles_data_source_get_tile_data_finish;
}

static void
bp_mbtiles_data_source_init (BpMbtilesDataSource *self)
{
}

BpMbtilesDataSource *
bp_mbtiles_data_source_new (BpMbtiles *mbtiles)
{
  BpMbtilesDataSource *self;

  g_return_val_if_fail (BP_IS_MBTILES (mbtiles), NULL);

  self = g_object_new (BP_TYPE_MBTILES_DATA_SOURCE, NULL);
  self->mbtiles = g_object_ref (mbtiles);
  return self;
}
