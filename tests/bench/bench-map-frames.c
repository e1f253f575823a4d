/* bench-map-frames.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the Map page on a store, then pans and zooms across the whole region
 * one step per frame and records how long each frame took to lay out and
 * paint, from the window's GdkFrameClock. Prints the median, p95 and max.
 *
 *   bench-map-frames STORE.db [N_FRAMES] [--without-layer]
 *
 * --without-layer hides the sector layer, to measure what the window and
 * libshumate cost on their own.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <shumate/shumate.h>

#include "bp-map-page-private.h"
#include "bp-window-private.h"

typedef struct
{
  BpWindow  *window;
  GArray    *frame_ms;     /* double */
  gint64     paint_start;
  guint      n_frames;
  guint      frame;
  gboolean   done;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
before_layout_cb (GdkFrameClock *clock,
                  Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double ms;

  if (bench->paint_start == 0 || bench->frame == 0 || bench->done)
    return;

  ms = (g_get_monotonic_time () - bench->paint_start) / 1000.0;
  g_array_append_val (bench->frame_ms, ms);
  bench->paint_start = 0;
}

/* Whole-region view: pan east and west across Flanders at zoom 8, then
 * zoom in to 10 and back out. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  ShumateMap *map = SHUMATE_MAP (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double t;

  if (bench->frame >= bench->n_frames)
    {
      bench->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  t = (double)bench->frame / bench->n_frames;
  if (t < 0.5)
    {
      shumate_viewport_set_zoom_level (viewport, 8.0);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 51.0, 3.0 + 2.8 * sin (t * 4 * G_PI) + 1.4);
    }
  else
    {
      shumate_viewport_set_zoom_level (viewport, 8.0 + 2.0 * sin ((t - 0.5) * 2 * G_PI));
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 51.0, 4.4);
    }

  bench->frame++;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
find_map (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (SHUMATE_IS_MAP (child))
        return child;
      if ((found = find_map (child)))
        return found;
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Bench bench = { 0 };
  GdkFrameClock *clock;
  GtkWidget *map;
  double median, p95, max;

  if (argc < 2)
    {
      g_printerr ("usage: bench-map-frames STORE.db [N_FRAMES]\n");
      return 2;
    }

  adw_init ();
  if (!(store = bp_store_open (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bench.frame_ms = frame_ms;
  bench.n_frames = argc > 2 ? atoi (argv[2]) : 240;
  bench.window = bp_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (bench.window));
  bp_window_set_store (bench.window, store);
  bp_window_set_page (bench.window, "map");

  for (guint i = 0; i < 3000 && !bp_map_page_is_ready (_bp_window_get_map_page (bench.window)); i++)
    g_main_context_iteration (NULL, TRUE);

  if (argc > 3 && g_str_equal (argv[3], "--without-layer"))
    gtk_widget_set_visible (GTK_WIDGET (_bp_map_page_get_layer (_bp_window_get_map_page (bench.window))), FALSE);

  map = find_map (GTK_WIDGET (bench.window));
  clock = gtk_widget_get_frame_clock (map);
  g_signal_connect (clock, "update", G_CALLBACK (before_layout_cb), &bench);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  gtk_widget_add_tick_callback (map, tick_cb, &bench, NULL);

  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  g_printerr ("ticks %u, painted %u\n", bench.frame, frame_ms->len);

  if (frame_ms->len == 0)
    {
      g_printerr ("No frame was painted.\n");
      return 1;
    }

  g_array_sort (frame_ms, compare_doubles);
  median = g_array_index (frame_ms, double, frame_ms->len / 2);
  p95 = g_array_index (frame_ms, double, MIN (frame_ms->len - 1, frame_ms->len * 95 / 100));
  max = g_array_index (frame_ms, double, frame_ms->len - 1);
  g_print ("frames\t%u\nframe-ms-median\t%.2f\nframe-ms-p95\t%.2f\nframe-ms-max\t%.2f\n",
           frame_ms->len, median, p95, max);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  return 0;
}
