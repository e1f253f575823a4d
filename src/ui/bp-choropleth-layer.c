/* bp-choropleth-layer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-choropleth-layer"

#include "config.h"

#include <math.h>

#include "bp-choropleth-layer.h"

/* How much larger than the visible map the cached image is, in each
 * direction, so panning shows drawn sectors instead of blank edges. */
#define MARGIN_FACTOR 0.25

/* How long the view must rest before a new image is drawn for it. */
#define SETTLE_MS 120

/* The map layer that fills every statistical sector by class. Drawing all
 * sectors takes far longer than a frame, so BpMapRenderer (shared with
 * brandpunt-tool render-map) draws into an image in a worker thread, and
 * each frame only places that image, moved and scaled to the viewport.
 * When the zoom or the data changes, a new image is drawn behind it. */
struct _BpChoroplethLayer
{
  ShumateLayer   parent_instance;

  BpMapRenderer *renderer;

  GdkTexture    *texture;
  cairo_surface_t *surface;        /* the same pixels, for a cairo renderer */
  BpMapView      texture_view;   /* the (enlarged) view the texture shows */
  gboolean       is_stale;       /* data or style changed since */
  gboolean       is_rendering;
  guint          generation;
  guint          settle_id;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (BpChoroplethLayer, bp_choropleth_layer, SHUMATE_TYPE_LAYER)

typedef struct
{
  BpMapRenderer *renderer;   /* a private copy, drawn in the worker */
  BpMapView      view;
  guint          generation;
} RenderJob;

typedef struct
{
  cairo_surface_t *surface;
  int              width;
  int              height;
} RenderResult;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->renderer);
  g_free (job);
}

static void
render_result_free (RenderResult *result)
{
  g_clear_pointer (&result->surface, cairo_surface_destroy);
  g_free (result);
}

/* The renderer on screen may change while a worker draws; the worker gets
 * its own with the same (immutable) map, values and classes. */
static BpMapRenderer *
copy_renderer (BpMapRenderer *renderer)
{
  BpMapRenderer *copy = bp_map_renderer_new (bp_map_renderer_get_map (renderer));

  bp_map_renderer_set_values (copy, bp_map_renderer_get_values (renderer));
  bp_map_renderer_set_breaks (copy, bp_map_renderer_get_breaks (renderer));
  bp_map_renderer_set_show_boundaries (copy, bp_map_renderer_get_show_boundaries (renderer));
  bp_map_renderer_set_show_labels (copy, bp_map_renderer_get_show_labels (renderer));
  bp_map_renderer_set_fill_opacity (copy, bp_map_renderer_get_fill_opacity (renderer));
  bp_map_renderer_set_selected_sector (copy, bp_map_renderer_get_selected_sector (renderer));
  return copy;
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  RenderResult *result = g_new0 (RenderResult, 1);
  cairo_surface_t *surface;
  cairo_t *cr;

  result->width = ceil (job->view.width * job->view.scale_factor);
  result->height = ceil (job->view.height * job->view.scale_factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, result->width, result->height);
  cr = cairo_create (surface);
  cairo_scale (cr, job->view.scale_factor, job->view.scale_factor);
  bp_map_renderer_draw (job->renderer, cr, &job->view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  result->surface = surface;

  g_task_return_pointer (task, result, (GDestroyNotify)render_result_free);
}

static void start_render (BpChoroplethLayer *self);

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) pixels = NULL;
  int height = cairo_image_surface_get_height (surface);
  gsize stride = cairo_image_surface_get_stride (surface);

  pixels = g_bytes_new (cairo_image_surface_get_data (surface), stride * height);

  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian and
   * ARGB on big-endian machines. */
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                 GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                 GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                 pixels, stride);
}

static void
render_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  BpChoroplethLayer *self = BP_CHOROPLETH_LAYER (object);
  RenderJob *job = g_task_get_task_data (G_TASK (res));
  RenderResult *result;
  g_autoptr(GError) error = NULL;

  if (!(result = g_task_propagate_pointer (G_TASK (res), &error)))
    return;

  self->is_rendering = FALSE;
  g_debug ("Drawn, generation %u of %u", job->generation, self->generation);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->surface = g_steal_pointer (&result->surface);
  self->texture = texture_from_surface (self->surface);
  self->texture_view = job->view;
  if (job->generation == self->generation)
    self->is_stale = FALSE;
  render_result_free (result);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bp_choropleth_layer_get_view (BpChoroplethLayer *self,
                              BpMapView         *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);

  g_return_if_fail (BP_IS_CHOROPLETH_LAYER (self));

  bp_world_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                    &view->center_x, &view->center_y);
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->tile_size = source ? shumate_map_source_get_tile_size (source) : 256;
  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
  view->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
start_render (BpChoroplethLayer *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;
  BpMapView view;

  if (self->is_rendering || self->renderer == NULL ||
      bp_map_renderer_get_values (self->renderer) == NULL)
    return;

  bp_choropleth_layer_get_view (self, &view);
  if (view.width <= 0 || view.height <= 0)
    return;

  job = g_new0 (RenderJob, 1);
  job->renderer = copy_renderer (self->renderer);
  job->generation = self->generation;
  job->view = view;
  job->view.width = ceil (view.width * (1 + 2 * MARGIN_FACTOR));
  job->view.height = ceil (view.height * (1 + 2 * MARGIN_FACTOR));

  g_debug ("Drawing %d × %d at zoom %.2f", job->view.width, job->view.height, job->view.zoom);
  self->is_rendering = TRUE;
  task = g_task_new (self, self->cancellable, render_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_worker);
}

static gboolean
settled_cb (gpointer user_data)
{
  BpChoroplethLayer *self = user_data;

  self->settle_id = 0;
  start_render (self);
  return G_SOURCE_REMOVE;
}

/* Whether the cached image still serves the current view: same zoom and
 * the visible part lies inside it. */
static gboolean
texture_covers (BpChoroplethLayer *self,
                const BpMapView   *view)
{
  BpWorldRect shown, cached;

  if (self->texture == NULL || fabs (self->texture_view.zoom - view->zoom) > 1e-6)
    return FALSE;

  bp_map_view_get_world_rect (view, &shown);
  bp_map_view_get_world_rect (&self->texture_view, &cached);
  return shown.min_x >= cached.min_x && shown.max_x <= cached.max_x &&
         shown.min_y >= cached.min_y && shown.max_y <= cached.max_y;
}

static void
bp_choropleth_layer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  BpChoroplethLayer *self = BP_CHOROPLETH_LAYER (widget);
  BpWorldRect cached;
  BpMapView view;
  double x0, y0, x1, y1;

  if (self->renderer == NULL)
    return;

  bp_choropleth_layer_get_view (self, &view);
  if (view.width <= 0 || view.height <= 0)
    return;

  if (self->texture == NULL || self->is_stale)
    start_render (self);
  else if (!texture_covers (self, &view))
    {
      /* While the view keeps moving, the scaled image will do; drawing a
       * new one for every frame would take the core the frames need. */
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_id = g_timeout_add (SETTLE_MS, settled_cb, self);
    }

  if (self->texture == NULL)
    return;

  /* Place the cached image where its corners fall in the current view;
   * during a zoom it is scaled until the new image arrives. */
  bp_map_view_get_world_rect (&self->texture_view, &cached);
  bp_map_view_world_to_pixel (&view, cached.min_x, cached.min_y, &x0, &y0);
  bp_map_view_world_to_pixel (&view, cached.max_x, cached.max_y, &x1, &y1);
  if (fabs (self->texture_view.zoom - view.zoom) < 1e-6)
    {
      /* Unscaled: whole pixels let the renderer copy instead of filter. */
      x0 = round (x0);
      y0 = round (y0);
      x1 = x0 + self->texture_view.width;
      y1 = y0 + self->texture_view.height;
    }
  if (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (widget))))
    {
      /* GTK 4.8's cairo renderer converts a texture's pixels at every
       * frame; a cairo node paints the surface as it is. */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));

      cairo_translate (cr, x0, y0);
      cairo_scale (cr, (x1 - x0) / cairo_image_surface_get_width (self->surface),
                   (y1 - y0) / cairo_image_surface_get_height (self->surface));
      cairo_set_source_surface (cr, self->surface, 0, 0);
      /* A scaled image stands in only until the sharp one arrives. */
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_texture (snapshot, self->texture,
                                 &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

static void
bp_choropleth_layer_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  BpChoroplethLayer *self = BP_CHOROPLETH_LAYER (widget);

  GTK_WIDGET_CLASS (bp_choropleth_layer_parent_class)->size_allocate (widget, width, height, baseline);

  /* A larger window needs a larger image. */
  if (self->texture_view.width < width || self->texture_view.height < height)
    self->is_stale = TRUE;
}

static void
viewport_changed_cb (BpChoroplethLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bp_choropleth_layer_constructed (GObject *object)
{
  BpChoroplethLayer *self = (BpChoroplethLayer *)object;
  ShumateViewport *viewport;

  G_OBJECT_CLASS (bp_choropleth_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
bp_choropleth_layer_dispose (GObject *object)
{
  BpChoroplethLayer *self = (BpChoroplethLayer *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (bp_choropleth_layer_parent_class)->dispose (object);
}

static void
bp_choropleth_layer_class_init (BpChoroplethLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bp_choropleth_layer_constructed;
  object_class->dispose = bp_choropleth_layer_dispose;
  widget_class->snapshot = bp_choropleth_layer_snapshot;
  widget_class->size_allocate = bp_choropleth_layer_size_allocate;
}

static void
bp_choropleth_layer_init (BpChoroplethLayer *self)
{
  self->cancellable = g_cancellable_new ();
}

BpChoroplethLayer *
bp_choropleth_layer_new (ShumateViewport *viewport,
                         BpMapRenderer   *renderer)
{
  BpChoroplethLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (BP_IS_MAP_RENDERER (renderer), NULL);

  self = g_object_new (BP_TYPE_CHOROPLETH_LAYER, "viewport", viewport, NULL);
  self->renderer = g_object_ref (renderer);
  return self;
}

BpMapRenderer *
bp_choropleth_layer_get_renderer (BpChoroplethLayer *self)
{
  g_return_val_if_fail (BP_IS_CHOROPLETH_LAYER (self), NULL);

  return self->renderer;
}

/**
 * bp_choropleth_layer_hit_test:
 * @self: a #BpChoroplethLayer
 * @x: x in the layer's coordinates
 * @y: y in the layer's coordinates
 *
 * Returns: the sector index under the point, or -1
 */
int
bp_choropleth_layer_hit_test (BpChoroplethLayer *self,
                              double             x,
                              double             y)
{
  BpMapView view;
  double world_x, world_y;

  g_return_val_if_fail (BP_IS_CHOROPLETH_LAYER (self), -1);

  bp_choropleth_layer_get_view (self, &view);
  bp_map_view_pixel_to_world (&view, x, y, &world_x, &world_y);
  return bp_sector_map_hit_test (bp_map_renderer_get_map (self->renderer), world_x, world_y);
}

/* The values, classes, style or selection changed: draw a new image. */
void
bp_choropleth_layer_changed (BpChoroplethLayer *self)
{
  g_return_if_fail (BP_IS_CHOROPLETH_LAYER (self));

  self->generation++;
  self->is_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bp_choropleth_layer_is_current:
 * @self: a #BpChoroplethLayer
 *
 * Returns: %TRUE when what shows is drawn from the current data and view
 */
gboolean
bp_choropleth_layer_is_current (BpChoroplethLayer *self)
{
  BpMapView view;

  g_return_val_if_fail (BP_IS_CHOROPLETH_LAYER (self), FALSE);

  bp_choropleth_layer_get_view (self, &view);
  return !self->is_stale && !self->is_rendering && texture_covers (self, &view);
}
