/* test-map-page.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "bp-demo-generator.h"
#include "bp-map-page-private.h"
#include "bp-preferences-window.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-window-private.h"
#include "ui-test-util.h"

#define TEST_DEMO_DAYS 60

static BpStore *store;

static void
wait_for_map (BpMapPage *page)
{
  /* Loading the sectors and computing the values run in threads. */
  for (guint i = 0; i < 600 && !bp_map_page_is_ready (page); i++)
    ui_test_iterate ();
  g_assert_true (bp_map_page_is_ready (page));
  ui_test_iterate_until_idle ();
}

/* A point on screen that lies in @code: walk a grid over its bounds until
 * the map's own hit test says so. */
static gboolean
find_pixel_in_sector (BpChoroplethLayer *layer,
                      const char        *code,
                      double            *px,
                      double            *py)
{
  BpSectorMap *map = bp_map_renderer_get_map (bp_choropleth_layer_get_renderer (layer));
  int sector = bp_sector_map_lookup_sector_code (map, code);
  BpMapView view;
  BpWorldRect bounds;

  g_assert_cmpint (sector, >=, 0);
  bp_sector_map_get_sector_bounds (map, sector, &bounds);
  bp_choropleth_layer_get_view (layer, &view);

  for (int i = 1; i < 20; i++)
    for (int j = 1; j < 20; j++)
      {
        double x = bounds.min_x + (bounds.max_x - bounds.min_x) * i / 20.0;
        double y = bounds.min_y + (bounds.max_y - bounds.min_y) * j / 20.0;

        bp_map_view_world_to_pixel (&view, x, y, px, py);
        if (*px > 0 && *py > 0 && *px < view.width && *py < view.height &&
            bp_choropleth_layer_hit_test (layer, *px, *py) == sector)
          return TRUE;
      }

  return FALSE;
}

static void
test_map_page_click_selects_sector (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(BpArea) leuven = NULL;
  BpMapPage *page;
  double x = 0, y = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  page = _bp_window_get_map_page (window);
  wait_for_map (page);
  ui_test_save_screenshot (GTK_WIDGET (window), "map-flanders");

  /* Choosing Leuven as the scope zooms the map to it. */
  leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", NULL);
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", leuven);
  wait_for_map (page);

  /* A click inside sector 24062A02- (Leuven Stadspark) opens its panel. */
  g_assert_true (find_pixel_in_sector (_bp_map_page_get_layer (page), "24062A02-", &x, &y));
  g_assert_true (bp_map_page_select_at (page, x, y));
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_map_page_get_selected_code (page), ==, "24062A02-");
  g_assert_true (adw_flap_get_reveal_flap (_bp_map_page_get_flap (page)));
  g_assert_cmpstr (bp_sector_panel_get_code (_bp_map_page_get_sector_panel (page)), ==, "24062A02-");
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "24062A02-"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Leuven"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (window), "Population"));
  wait_for_map (page);
  ui_test_save_screenshot (GTK_WIDGET (window), "map-sector-panel");

  /* Escape clears the selection and closes the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "map.clear-selection", NULL));
  ui_test_iterate_until_idle ();
  g_assert_null (bp_map_page_get_selected_code (page));
  g_assert_false (adw_flap_get_reveal_flap (_bp_map_page_get_flap (page)));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

/* Koekelberg at street zoom: its synthetic sectors are drawn with dashed
 * lines between them, the legend says what they mean, and clicking one
 * still selects it, its panel saying what of it is exact. Its one
 * reconstructed sector says so instead. */
static void
test_map_page_approximate_outline (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(BpArea) koekelberg = NULL;
  BpChoroplethLayer *layer;
  BpMapRenderer *renderer;
  BpMapPage *page;
  BpMapView view;
  double x = 0, y = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  page = _bp_window_get_map_page (window);
  wait_for_map (page);
  layer = _bp_map_page_get_layer (page);
  renderer = bp_choropleth_layer_get_renderer (layer);

  /* all of Flanders: no dashes, no key */
  g_assert_false (bp_map_renderer_get_approximate_key (renderer));

  koekelberg = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "21011", NULL);
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", koekelberg);
  wait_for_map (page);
  bp_choropleth_layer_get_view (layer, &view);
  g_assert_cmpfloat (view.zoom, >=, 13.0);
  g_assert_true (bp_map_renderer_get_approximate_key (renderer));

  /* 21011A02- is a synthetic piece of a real area it shares with others */
  g_assert_true (find_pixel_in_sector (layer, "21011A02-", &x, &y));
  g_assert_true (bp_map_page_select_at (page, x, y));
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_map_page_get_selected_code (page), ==, "21011A02-");
  g_assert_true (adw_flap_get_reveal_flap (_bp_map_page_get_flap (page)));
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "Outline approximate"));
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "real area in Koekelberg"));
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "population and counts are exact"));
  g_assert_false (ui_test_label_containing_shown (GTK_WIDGET (window), "Outline reconstructed"));
  wait_for_map (page);
  ui_test_save_screenshot (GTK_WIDGET (window), "map-approximate-sector");

  /* 21011A29- is a real area of its own */
  g_assert_true (find_pixel_in_sector (layer, "21011A29-", &x, &y));
  g_assert_true (bp_map_page_select_at (page, x, y));
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_map_page_get_selected_code (page), ==, "21011A29-");
  g_assert_false (ui_test_label_containing_shown (GTK_WIDGET (window), "Outline approximate"));
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "Outline reconstructed"));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

/* With small counts suppressed, a sector with 1 to 4 cases shows "<5" in
 * its panel and is hatched on the map; without, the number shows. */
static void
test_map_page_suppressed_small_counts (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BpArea) sector_area = NULL;
  g_autoptr(BpArea) municipality = NULL;
  g_autofree char *code = NULL;
  g_autofree char *count_text = NULL;
  BpSectorValues *values;
  BpSectorMap *map;
  BpMapPage *page;
  gint64 small_cases = 0;
  double x = 0, y = 0, value;
  BpValueFlags flags;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  page = _bp_window_get_map_page (window);
  wait_for_map (page);

  /* A sector whose last 14 days hold 1 to 4 cases, by the store's own sums. */
  values = _bp_map_page_get_values (page);
  map = bp_map_renderer_get_map (bp_choropleth_layer_get_renderer (_bp_map_page_get_layer (page)));
  for (guint i = 0; i < bp_sector_map_get_n_sectors (map) && !code; i++)
    {
      gint64 n = 0;

      g_assert_true (bp_store_get_window_sum (store, bp_sector_map_get_sector_id (map, i), -1,
                                              bp_sector_values_get_day (values), 14, &n, NULL));
      if (n >= 1 && n <= 4)
        {
          code = g_strdup (bp_sector_map_get_sector_code (map, i));
          small_cases = n;
        }
    }
  g_assert_nonnull (code);
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, small_cases);

  sector_area = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, code, NULL);
  municipality = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, bp_area_get_parent_code (sector_area), NULL);
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", municipality);
  wait_for_map (page);

  g_settings_set_boolean (settings, "suppress-small-counts", TRUE);
  for (guint i = 0; i < 600 && !bp_sector_values_get_small_suppressed (_bp_map_page_get_values (page)); i++)
    ui_test_iterate ();
  values = _bp_map_page_get_values (page);
  g_assert_true (bp_sector_values_get_small_suppressed (values));
  g_assert_true (bp_sector_values_lookup (values, bp_area_get_id (sector_area), &value, &flags));
  g_assert_true (flags & BP_VALUE_SUPPRESSED);
  g_assert_true (isnan (value));

  g_assert_true (find_pixel_in_sector (_bp_map_page_get_layer (page), code, &x, &y));
  g_assert_true (bp_map_page_select_at (page, x, y));
  ui_test_iterate_until_idle ();
  g_assert_cmpstr (bp_sector_panel_get_code (_bp_map_page_get_sector_panel (page)), ==, code);
  g_assert_true (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), "<5"));
  g_assert_false (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), count_text));
  wait_for_map (page);
  ui_test_save_screenshot (GTK_WIDGET (window), "map-suppressed-small-counts");

  /* With medical access the count itself shows. */
  g_settings_set_boolean (settings, "suppress-small-counts", FALSE);
  for (guint i = 0; i < 600 && bp_sector_values_get_small_suppressed (_bp_map_page_get_values (page)); i++)
    ui_test_iterate ();
  ui_test_iterate_until_idle ();
  g_assert_true (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), count_text));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An MBTiles file whose tiles around Flanders are plain magenta PNGs. */
static char *
make_magenta_mbtiles (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "magenta.mbtiles", NULL);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 "                    tile_row INTEGER, tile_data BLOB);"
                                 "INSERT INTO metadata VALUES ('name', 'Test basemap'), ('format', 'png'),"
                                 " ('minzoom', '4'), ('maxzoom', '11'), ('attribution', '© Test tiles');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (int z = 4; z <= 11; z++)
    {
      int n = 1 << z;
      /* lon 1 to 8 and lat 52.5 to 48.5, in tile columns and (XYZ) rows */
      int x0 = (int)floor ((1.0 + 180.0) / 360.0 * n), x1 = (int)floor ((8.0 + 180.0) / 360.0 * n);
      int y0 = (int)floor ((1.0 - log (tan (52.5 * G_PI / 180) + 1 / cos (52.5 * G_PI / 180)) / G_PI) / 2 * n);
      int y1 = (int)floor ((1.0 - log (tan (48.5 * G_PI / 180) + 1 / cos (48.5 * G_PI / 180)) / G_PI) / 2 * n);

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, x);
            sqlite3_bind_int (stmt, 3, n - 1 - y); /* MBTiles rows count from the south */
            sqlite3_bind_blob (stmt, 4, png->data, png->len, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            sqlite3_reset (stmt);
          }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

/* The mean of one colour channel (0 blue, 1 green, 2 red) over a saved
 * screenshot. */
static double
mean_channel (const char *name,
              guint       channel)
{
  g_autofree char *file_name = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *data = NULL;
  gsize n_pixels;
  double sum = 0;

  g_assert_no_error (error);
  n_pixels = (gsize)gdk_texture_get_width (texture) * gdk_texture_get_height (texture);
  data = g_malloc (n_pixels * 4);
  /* GDK_MEMORY_DEFAULT is B, G, R, A */
  gdk_texture_download (texture, data, (gsize)gdk_texture_get_width (texture) * 4);
  for (gsize i = 0; i < n_pixels; i++)
    sum += data[i * 4 + channel];

  return sum / n_pixels;
}

static void
test_map_page_mbtiles_basemap (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_path_get_dirname (bp_store_get_path (store));
  g_autofree char *path = make_magenta_mbtiles (dir);
  BpMapPage *page;
  double blue, green;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  page = _bp_window_get_map_page (window);
  wait_for_map (page);
  /* Leuven fills the view with sectors, drawn opaque without a basemap
   * and a little transparent over one. */
  {
    g_autoptr(BpArea) leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", NULL);

    g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", leuven);
    wait_for_map (page);
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "map-no-basemap");
  g_assert_false (ui_test_label_containing_shown (GTK_WIDGET (window), "Test tiles"));

  /* The offline basemap shows under the sectors, with its attribution. */
  g_settings_set_string (settings, "mbtiles-path", path);
  g_settings_set_string (settings, "basemap", "mbtiles");
  /* Tiles are read and decoded in threads: give them a few seconds. */
  for (gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    ui_test_iterate ();
  wait_for_map (page);
  g_assert_true (ui_test_label_containing_shown (GTK_WIDGET (window), "Test tiles"));
  ui_test_save_screenshot (GTK_WIDGET (window), "map-mbtiles-basemap");
  /* The sectors turn translucent over it, and magenta shows through: more
   * blue, less green. Leuven is viewed beyond the file's deepest zoom
   * level, so the tiles shown are enlarged parts of zoom 11 tiles. */
  g_assert_cmpfloat (bp_map_renderer_get_fill_opacity (bp_choropleth_layer_get_renderer (_bp_map_page_get_layer (page))),
                     <, 1.0);
  blue = mean_channel ("map-mbtiles-basemap", 0) - mean_channel ("map-no-basemap", 0);
  green = mean_channel ("map-mbtiles-basemap", 1) - mean_channel ("map-no-basemap", 1);
  g_test_message ("basemap: mean blue %+.1f, mean green %+.1f", blue, green);
  g_assert_cmpfloat (blue, >, 10);
  g_assert_cmpfloat (green, <, -5);

  /* And goes away again: the default works with no basemap at all. */
  g_settings_set_string (settings, "basemap", "none");
  for (guint i = 0; i < 100; i++)
    ui_test_iterate ();
  wait_for_map (page);
  g_assert_false (ui_test_label_containing_shown (GTK_WIDGET (window), "Test tiles"));
  ui_test_save_screenshot (GTK_WIDGET (window), "map-basemap-off");
  g_assert_cmpfloat (bp_map_renderer_get_fill_opacity (bp_choropleth_layer_get_renderer (_bp_map_page_get_layer (page))),
                     ==, 1.0);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
  g_settings_reset (settings, "mbtiles-path");
}

/* The clinical cases of a sector over the 14 days up to @day, straight
 * from the store's table. */
static gint64
sql_clinical_cases (gint64 sector_id,
                    int    day)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (bp_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT total (n_cases) FROM case_count"
                                       " WHERE sector_id = ?1 AND source = 1 AND day > ?2 - 14 AND day <= ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, sector_id);
  sqlite3_bind_int (stmt, 2, day);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (gint64)sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* Coloured by neighbourhood, every sector of a wijk carries the cases and
 * residents of the whole wijk, and its panel says so; with clinical cases
 * only, those of the whole wijk. */
static void
test_map_page_neighbourhoods (void)
{
  BpWindow *window = bp_window_new (NULL);
  g_autoptr(BpArea) leuven = NULL;
  g_autoptr(GListModel) sectors = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 wijk_cases = 0, wijk_population = 0;
  const char *wijk_code = "24062W03";
  BpSectorValues *values;
  BpMapPage *page;
  double x = 0, y = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  page = _bp_window_get_map_page (window);
  wait_for_map (page);
  leuven = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, "24062", NULL);
  g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", leuven);
  wait_for_map (page);

  /* The wijk's sectors and their sums, from the store. */
  values = _bp_map_page_get_values (page);
  sectors = bp_store_list_areas (store, BP_AREA_LEVEL_SECTOR, "24062", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (sectors); i++)
    {
      g_autoptr(BpArea) sector = g_list_model_get_item (sectors, i);
      g_autoptr(BpArea) wijk = bp_store_dup_sector_wijk (store, bp_area_get_code (sector), NULL);
      gint64 id = bp_area_get_id (sector), n = 0;

      if (wijk == NULL || !g_str_equal (bp_area_get_code (wijk), wijk_code))
        continue;
      g_assert_true (bp_store_get_window_sum (store, id, -1, bp_sector_values_get_day (values), 14, &n, NULL));
      wijk_cases += n;
      wijk_population += bp_area_get_population (sector);
      g_ptr_array_add (members, g_strdup (bp_area_get_code (sector)));
      g_array_append_val (member_ids, id);
    }
  g_assert_cmpuint (members->len, >=, 2);

  gtk_drop_down_set_selected (_bp_map_page_get_level_dropdown (page), 1);
  for (guint i = 0; i < 600 && bp_sector_values_get_level (_bp_map_page_get_values (page)) != BP_AREA_LEVEL_WIJK; i++)
    ui_test_iterate ();
  wait_for_map (page);
  values = _bp_map_page_get_values (page);
  g_assert_cmpint (bp_sector_values_get_level (values), ==, BP_AREA_LEVEL_WIJK);

  for (guint i = 0; i < member_ids->len; i++)
    {
      gint64 cases_7, cases_14, population;

      g_assert_true (bp_sector_values_get_counts (values, g_array_index (member_ids, gint64, i),
                                                  &cases_7, &cases_14, &population));
      g_assert_cmpint (cases_14, ==, wijk_cases);
      g_assert_cmpint (population, ==, wijk_population);
    }

  g_assert_true (find_pixel_in_sector (_bp_map_page_get_layer (page), g_ptr_array_index (members, 0), &x, &y));
  g_assert_true (bp_map_page_select_at (page, x, y));
  ui_test_iterate_until_idle ();
  g_assert_true (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), "Centrum/station"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), "Of the whole neighbourhood"));
  wait_for_map (page);
  ui_test_save_screenshot (GTK_WIDGET (window), "map-neighbourhoods");

  /* Clinical cases only, still per neighbourhood. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *chosen = NULL;
    gint64 clinical = 0;

    for (guint i = 0; i < member_ids->len; i++)
      clinical += sql_clinical_cases (g_array_index (member_ids, gint64, i), bp_sector_values_get_day (values));

    gtk_drop_down_set_selected (_bp_map_page_get_source_dropdown (page), 2);
    chosen = g_settings_get_string (settings, "case-sources");
    g_assert_cmpstr (chosen, ==, "clinical");
    for (guint i = 0; i < 600 && bp_sector_values_get_sources (_bp_map_page_get_values (page)) != BP_CASE_SOURCE_FILTER_CLINICAL; i++)
      ui_test_iterate ();
    wait_for_map (page);
    values = _bp_map_page_get_values (page);
    g_assert_cmpint (bp_sector_values_get_sources (values), ==, BP_CASE_SOURCE_FILTER_CLINICAL);
    g_assert_cmpint (bp_sector_values_get_level (values), ==, BP_AREA_LEVEL_WIJK);
    for (guint i = 0; i < member_ids->len; i++)
      {
        gint64 cases_7, cases_14, population;

        g_assert_true (bp_sector_values_get_counts (values, g_array_index (member_ids, gint64, i),
                                                    &cases_7, &cases_14, &population));
        g_assert_cmpint (cases_14, ==, clinical);
      }
    g_assert_cmpint (clinical, <, wijk_cases);
    ui_test_save_screenshot (GTK_WIDGET (window), "map-neighbourhoods-clinical");

    g_settings_set_string (settings, "case-sources", "all");
    for (guint i = 0; i < 600 && bp_sector_values_get_sources (_bp_map_page_get_values (page)) != BP_CASE_SOURCE_FILTER_ALL; i++)
      ui_test_iterate ();
    g_assert_cmpuint (gtk_drop_down_get_selected (_bp_map_page_get_source_dropdown (page)), ==, 0);
  }

  /* Back to sectors: each sector has its own figures again. */
  gtk_drop_down_set_selected (_bp_map_page_get_level_dropdown (page), 0);
  for (guint i = 0; i < 600 && bp_sector_values_get_level (_bp_map_page_get_values (page)) != BP_AREA_LEVEL_SECTOR; i++)
    ui_test_iterate ();
  wait_for_map (page);
  g_assert_false (ui_test_label_shown (GTK_WIDGET (_bp_map_page_get_sector_panel (page)), "Of the whole neighbourhood"));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until_idle ();
}

static void
test_map_page_preferences_window (void)
{
  BpPreferencesWindow *preferences = bp_preferences_window_new ("/tmp/example.db");

  gtk_window_present (GTK_WINDOW (preferences));
  ui_test_iterate_until_idle ();
  /* The template builds, and shows the store in use. */
  g_assert_true (ui_test_label_shown (GTK_WIDGET (preferences), "Follow the newest data"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (preferences), "Suppress small counts"));
  g_assert_true (ui_test_label_shown (GTK_WIDGET (preferences), "/tmp/example.db"));
  ui_test_save_screenshot (GTK_WIDGET (preferences), "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
  ui_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int result;

  dir = ui_test_init (&argc, &argv);
  store = ui_test_make_demo_store (dir, TEST_DEMO_DAYS);

  g_test_add_func ("/map-page/click-selects-sector", test_map_page_click_selects_sector);
  g_test_add_func ("/map-page/approximate-outline", test_map_page_approximate_outline);
  g_test_add_func ("/map-page/suppressed-small-counts", test_map_page_suppressed_small_counts);
  g_test_add_func ("/map-page/mbtiles-basemap", test_map_page_mbtiles_basemap);
  g_test_add_func ("/map-page/neighbourhoods", test_map_page_neighbourhoods);
  g_test_add_func ("/map-page/preferences-window", test_map_page_preferences_window);

  result = g_test_run ();

  g_clear_object (&store);
  ui_test_remove_tree (dir);
  return result;
}
