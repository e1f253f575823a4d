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

/* libshumate asks for tiles beyond the file's deepest zoom level when the
 * map is zoomed in further: cut the part out of the deepest tile that
 * covers it and enlarge it, as online maps do. */
static GBytes *
dup_overzoomed_tile (BpMbtilesDataSource  *self,
                     const TileRequest    *request,
                     GError              **error)
{
  int max_zoom = bp_mbtiles_get_max_zoom (self->mbtiles);
  int levels = MIN (request->zoom - max_zoom, 8);
  g_autoptr(GBytes) parent_bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) parent = NULL;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;
  int size, part_size;

  if (!(parent_bytes = bp_mbtiles_dup_tile (self->mbtiles, max_zoom, request->x >> levels, request->y >> levels,
                                            error)))
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (parent_bytes);
  if (!(parent = gdk_pixbuf_new_from_stream (stream, NULL, error)))
    return NULL;

  size = MIN (gdk_pixbuf_get_width (parent), gdk_pixbuf_get_height (parent));
  part_size = MAX (size >> levels, 1);
  part = gdk_pixbuf_new_subpixbuf (parent,
                                   (request->x & ((1 << levels) - 1)) * part_size,
                                   (request->y & ((1 << levels) - 1)) * part_size,
                                   part_size, part_size);
  scaled = gdk_pixbuf_scale_simple (part, size, size, GDK_INTERP_BILINEAR);
  if (!gdk_pixbuf_save_to_buffer (scaled, &buffer, &length, "png", error, "compression", "1", NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

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

  if (request->zoom > bp_mbtiles_get_max_zoom (self->mbtiles))
    bytes = dup_overzoomed_tile (self, request, &error);
  else
    bytes = bp_mbtiles_dup_tile (self->mbtiles, request->zoom, request->x, request->y, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/* libshumate 1.0's raster renderer draws a tile when the data source
 * emits ::received-data, not when the read finishes: emit it, on the main
 * thread, then finish the caller's task. */
static void
tile_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!(bytes = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_signal_emit_by_name (object, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
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
  g_autoptr(GTask) read = NULL;
  GTask *task;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_mbtiles_data_source_get_tile_data_async);
  g_task_set_task_data (task, request, g_free);

  read = g_task_new (source, cancellable, tile_read_cb, task);
  g_task_set_task_data (read, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (read, read_tile_worker);
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
