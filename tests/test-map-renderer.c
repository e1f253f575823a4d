/* test-map-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "bp-day.h"
#include "bp-map-metric.h"
#include "bp-map-renderer.h"
#include "bp-sector-map.h"
#include "bp-store-areas.h"

#define DATE   "2026-11-15"
#define BREAKS "5,20,50"

static char *work_dir;
static char *demo_store;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

/* Runs brandpunt-tool with @args; returns its exit status. */
static int
run_tool (const char * const *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer)TEST_TOOL);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static const char *
get_demo_store (void)
{
  if (!demo_store)
    {
      g_autofree char *path = work_path ("demo.db");
      const char *args[] = { "demo", "--store", path, "--replace", NULL };

      /* other tests import the same reference file at the same time, which
       * can outlast the store's busy timeout under the sanitizers */
      for (guint attempt = 0;; attempt++)
        {
          g_autofree char *err = NULL;

          if (run_tool (args, NULL, &err) == 0)
            break;
          if (attempt >= 10 || !strstr (err, "in use"))
            g_error ("brandpunt-tool demo failed: %s", err);
          g_usleep (G_USEC_PER_SEC);
        }
      demo_store = g_steal_pointer (&path);
    }

  return demo_store;
}

/* The 14-day sum and suppression of a sector, straight from the store. */
static void
query_cases_14 (sqlite3  *db,
                gint64    sector_id,
                int       day,
                gint64   *n_cases,
                gboolean *is_suppressed)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT coalesce (sum (n_cases), 0), coalesce (max (is_suppressed), 0)"
                                       " FROM case_count WHERE sector_id = ? AND day > ? AND day <= ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, sector_id);
  sqlite3_bind_int (stmt, 2, day - 14);
  sqlite3_bind_int (stmt, 3, day);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_cases = sqlite3_column_int64 (stmt, 0);
  *is_suppressed = sqlite3_column_int (stmt, 1) != 0;
  sqlite3_finalize (stmt);
}

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);

  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static void
test_map_renderer_png_colours (void)
{
  const char *store_path = get_demo_store ();
  g_autofree char *png = work_path ("gent.png");
  g_autofree char *err = NULL;
  const char *args[] = {
    "render-map", "--store", store_path, "--date", DATE, "--metric", "cases14", "--breaks", BREAKS,
    "--area", "44021", "--size", "1200x800", "--no-labels", "--title", "Gent", "--out", png, NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(BpClassBreaks) breaks = NULL;
  g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  cairo_surface_t *surface;
  sqlite3 *db = NULL;
  BpBounds bounds;
  BpWorldRect rect, visible;
  BpMapView view;
  double map_x, map_y;
  int day;
  guint n_checked = 0, n_classes_seen = 0;
  gboolean seen[8] = { FALSE };

  g_assert_cmpint (run_tool (args, NULL, &err), ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);

  /* not blank: many colours */
  for (int y = 0; y < 800; y += 7)
    for (int x = 0; x < 1200; x += 7)
      {
        int rgb[3];

        read_pixel (surface, x, y, rgb);
        g_hash_table_add (colours, GINT_TO_POINTER ((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]));
      }
  g_assert_cmpuint (g_hash_table_size (colours), >, 20);

  /* the pixel at a point well inside each sector has its class colour */
  store = bp_store_open (store_path, &error);
  g_assert_no_error (error);
  map = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  breaks = bp_class_breaks_new_from_string (BP_MAP_METRIC_CASES_14, BREAKS, &error);
  g_assert_no_error (error);
  g_assert_true (bp_day_from_iso (DATE, &day, NULL));
  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);

  g_assert_true (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_MUNICIPALITY, "44021", &bounds));
  bp_world_rect_from_bounds (&rect, &bounds);
  bp_map_renderer_get_report_view (1200, 800, &rect, &view, &map_x, &map_y);
  bp_map_view_get_world_rect (&view, &visible);
  bp_sector_map_query_sectors (map, &visible, sectors);

  for (guint k = 0; k < sectors->len; k++)
    {
      guint s = g_array_index (sectors, guint, k);
      BpWorldRect box;
      double cx, cy, px, py;
      gboolean inner = TRUE;
      gint64 n_cases;
      gboolean is_suppressed;
      int class_index = 0, rgb[3];
      BpColour expected;
      guint n_thresholds;
      const double *thresholds = bp_class_breaks_get_thresholds (breaks, &n_thresholds);

      bp_sector_map_get_sector_bounds (map, s, &box);
      cx = (box.min_x + box.max_x) / 2;
      cy = (box.min_y + box.max_y) / 2;
      bp_map_view_world_to_pixel (&view, cx, cy, &px, &py);
      if (px < 10 || py < 10 || px > view.width - 10 || py > view.height - 10)
        continue;

      /* well inside: every point 6 pixels around is in the same sector */
      for (int dy = -6; dy <= 6 && inner; dy += 6)
        for (int dx = -6; dx <= 6 && inner; dx += 6)
          {
            double wx, wy;

            bp_map_view_pixel_to_world (&view, px + dx, py + dy, &wx, &wy);
            inner = bp_sector_map_hit_test (map, wx, wy) == (int)s;
          }
      if (!inner)
        continue;

      query_cases_14 (db, bp_sector_map_get_sector_id (map, s), day, &n_cases, &is_suppressed);
      if (is_suppressed)
        continue; /* hatched */

      for (guint t = 0; t < n_thresholds; t++)
        if (n_cases >= thresholds[t])
          class_index = t + 1;

      bp_class_breaks_get_colour (breaks, class_index, &expected);
      read_pixel (surface, (int)(map_x + px), (int)(map_y + py), rgb);
      g_assert_cmpint (ABS (rgb[0] - (int)(expected.red * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS (rgb[1] - (int)(expected.green * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS (rgb[2] - (int)(expected.blue * 255 + 0.5)), <=, 2);
      n_checked++;
      if (!seen[class_index])
        n_classes_seen++;
      seen[class_index] = TRUE;
    }

  g_test_message ("%u sectors checked, %u classes", n_checked, n_classes_seen);
  g_assert_cmpuint (n_checked, >=, 15);
  g_assert_cmpuint (n_classes_seen, >=, 2);

  sqlite3_close (db);
  cairo_surface_destroy (surface);
}

static void
test_map_renderer_pdf (void)
{
  const char *store_path = get_demo_store ();
  g_autofree char *pdf = work_path ("flanders.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_INCIDENCE_7);
  const char *args[] = {
    "render-map", "--store", store_path, "--date", DATE, "--metric", "incidence7",
    "--size", "1200x800", "--title", "Brandpunt test map", "--out", pdf, NULL
  };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  gsize length;
  int status;

  g_assert_cmpint (run_tool (args, NULL, &err), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_spawn_sync (NULL, (char **)pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_assert_nonnull (strstr (text, "Brandpunt test map"));
  g_assert_nonnull (strstr (text, bp_map_metric_get_display_name (BP_MAP_METRIC_INCIDENCE_7)));
  for (int c = BP_CLASS_SUPPRESSED; c < (int)bp_class_breaks_get_n_classes (breaks); c++)
    {
      g_autofree char *label = bp_class_breaks_dup_label (breaks, c);

      g_assert_nonnull (strstr (text, label));
    }
  g_assert_nonnull (strstr (text, "sector outlines shown are approximate"));
}

/* The ids of the sectors of an area, found through the store one level
 * down at a time. */
static void
collect_area_sectors (BpStore     *store,
                      BpAreaLevel  level,
                      const char  *code,
                      GArray      *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) children = bp_store_list_areas (store, level + 1, code, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(BpArea) child = g_list_model_get_item (children, i);

      if (level + 1 == BP_AREA_LEVEL_SECTOR)
        {
          gint64 id = bp_area_get_id (child);

          g_array_append_val (ids, id);
        }
      else
        collect_area_sectors (store, level + 1, bp_area_get_code (child), ids);
    }
}

static char *
dup_without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* The number printed on the line after @label in pdftotext's output,
 * which may leave out the spaces around a dash. */
static int
find_legend_count (char       **lines,
                   const char  *label)
{
  g_autofree char *wanted = dup_without_spaces (label);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = dup_without_spaces (lines[i]);

      if (g_strcmp0 (line, wanted) != 0)
        continue;

      for (guint k = i + 1; lines[k]; k++)
        if (*g_strstrip (lines[k]) != '\0')
          {
            char *end = NULL;
            gint64 count = g_ascii_strtoll (lines[k], &end, 10);

            g_assert_true (end != lines[k] && *end == '\0');
            return (int)count;
          }
    }

  g_assert_not_reached ();
  return -1;
}

/* With --area, the legend counts the sectors of the area only, as an
 * independent classification from the raw counts gives them. */
static void
test_map_renderer_legend_area (void)
{
  static const struct {
    BpAreaLevel  level;
    const char  *code;
  } areas[] = {
    { BP_AREA_LEVEL_CARE_ZONE, "elz13" },
    { BP_AREA_LEVEL_MUNICIPALITY, "24062" },
  };
  const char *store_path = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (store_path, &error);
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_from_string (BP_MAP_METRIC_CASES_14, BREAKS, &error);
  guint n_classes = bp_class_breaks_get_n_classes (breaks);
  guint n_thresholds;
  const double *thresholds = bp_class_breaks_get_thresholds (breaks, &n_thresholds);
  sqlite3 *db = NULL;
  int day;

  g_assert_no_error (error);
  g_assert_true (bp_day_from_iso (DATE, &day, NULL));
  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_autofree char *name = g_strdup_printf ("legend-%s.pdf", areas[i].code);
      g_autofree char *pdf = work_path (name);
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      const char *args[] = {
        "render-map", "--store", store_path, "--date", DATE, "--metric", "cases14", "--breaks", BREAKS,
        "--area", areas[i].code, "--size", "1200x800", "--out", pdf, NULL
      };
      const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
      guint expected[8] = { 0 };
      guint n_counted = 0;
      int status;

      g_assert_cmpint (run_tool (args, NULL, &err), ==, 0);
      g_spawn_sync (NULL, (char **)pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      lines = g_strsplit (text, "\n", -1);

      /* classes 0 .. n_classes - 1, then no data, then suppressed */
      collect_area_sectors (store, areas[i].level, areas[i].code, ids);
      g_assert_cmpuint (ids->len, >, 10);
      for (guint k = 0; k < ids->len; k++)
        {
          gint64 n_cases;
          gboolean is_suppressed;
          guint class_index = 0;

          query_cases_14 (db, g_array_index (ids, gint64, k), day, &n_cases, &is_suppressed);
          for (guint t = 0; t < n_thresholds; t++)
            if (n_cases >= thresholds[t])
              class_index = t + 1;
          expected[is_suppressed ? n_classes + 1 : class_index]++;
        }

      for (int c = BP_CLASS_SUPPRESSED; c < (int)n_classes; c++)
        {
          g_autofree char *label = bp_class_breaks_dup_label (breaks, c);
          guint index = c >= 0 ? (guint)c : (c == BP_CLASS_NO_DATA ? n_classes : n_classes + 1);
          int count = find_legend_count (lines, label);

          g_test_message ("%s: %s %d", areas[i].code, label, count);
          g_assert_cmpint (count, ==, (int)expected[index]);
          n_counted += count;
        }
      g_assert_cmpuint (n_counted, ==, ids->len);

      /* With all cases counted, the legend gives the clinical share of the
       * area's 14 days. */
      {
        sqlite3_stmt *stmt = NULL;
        double all = 0, clinical = 0;
        g_autofree char *share = NULL;
        g_autofree char *flat = g_strjoinv (" ", lines);

        g_assert_cmpint (sqlite3_prepare_v2 (db,
                                             "SELECT total (n_cases), total (n_cases) FILTER (WHERE source = 1)"
                                             " FROM case_count WHERE sector_id = ?1 AND day > ?2 - 14 AND day <= ?2",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        for (guint k = 0; k < ids->len; k++)
          {
            sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, k));
            sqlite3_bind_int (stmt, 2, day);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            all += sqlite3_column_double (stmt, 0);
            clinical += sqlite3_column_double (stmt, 1);
            sqlite3_reset (stmt);
          }
        sqlite3_finalize (stmt);
        g_assert_cmpfloat (all, >, 0);
        share = g_strdup_printf ("All cases, of which %.0f %% clinical (last 14 days)", 100.0 * clinical / all);
        g_test_message ("%s: %s", areas[i].code, share);
        g_assert_nonnull (strstr (flat, share));
      }
    }

  sqlite3_close (db);
}

static void
test_map_renderer_bad_arguments (void)
{
  const char *store_path = get_demo_store ();
  g_autofree char *png = work_path ("bad.png");
  g_autofree char *missing = work_path ("missing.db");
  static const struct {
    const char *option;
    const char *value;
    int         status;
    const char *message;
  } cases[] = {
    { "--metric", "cases3", 1, "cases3" },
    { "--area", "99999", 1, "99999" },
    { "--size", "12x", 1, "12x" },
    { "--size", "10x10", 1, "200" },
    { "--date", "2026-13-45", 1, "2026-13-45" },
    { "--breaks", "5,a", 1, NULL },
    { "--breaks", "50,20", 1, NULL },
    { "--age-band", "9", 1, "9" },
    { "--source", "lab", 1, "lab" },
    { "--source", "unrecorded", 1, "unrecorded" },
    { "--frobnicate", "1", 2, "frobnicate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *args[] = {
        "render-map", "--store", store_path, "--out", png, cases[i].option, cases[i].value, NULL
      };

      g_assert_cmpint (run_tool (args, NULL, &err), ==, cases[i].status);
      g_assert_cmpstr (err, !=, "");
      if (cases[i].message)
        g_assert_nonnull (strstr (err, cases[i].message));
    }

  /* One source of cases. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *one_source = work_path (i == 0 ? "clinical.png" : "confirmed.png");
      const char *args[] = {
        "render-map", "--store", store_path, "--area", "44021", "--size", "400x300", "--no-labels",
        "--source", i == 0 ? "clinical" : "confirmed", "--out", one_source, NULL
      };

      g_assert_cmpint (run_tool (args, NULL, &err), ==, 0);
      g_assert_true (g_file_test (one_source, G_FILE_TEST_IS_REGULAR));
    }

  {
    g_autofree char *err = NULL;
    const char *no_out[] = { "render-map", "--store", store_path, NULL };
    const char *bad_ext[] = { "render-map", "--store", store_path, "--out", "map.txt", NULL };
    const char *no_store[] = { "render-map", "--store", missing, "--out", png, NULL };

    g_assert_cmpint (run_tool (no_out, NULL, &err), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_tool (bad_ext, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, ".pdf"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_tool (no_store, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "missing.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_map_renderer_draw (void)
{
  const char *store_path = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (store_path, &error);
  g_autoptr(BpSectorMap) map = bp_sector_map_load (store, NULL, &error);
  g_autoptr(BpMapRenderer) renderer = bp_map_renderer_new (map);
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_CASES_7);
  g_autoptr(BpSectorValues) values = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  BpMapView view = { 0 };
  double x, y;
  int day;

  g_assert_no_error (error);
  g_assert_true (bp_day_from_iso (DATE, &day, NULL));
  values = bp_store_compute_sector_values (store, BP_MAP_METRIC_CASES_7, day, -1, BP_CASE_SOURCE_FILTER_ALL, &error);
  g_assert_no_error (error);

  /* with no values every sector is "no data" */
  g_assert_cmpint (bp_map_renderer_get_sector_class (renderer, 0), ==, BP_CLASS_NO_DATA);
  bp_map_renderer_set_values (renderer, values);
  bp_map_renderer_set_breaks (renderer, breaks);
  g_assert_cmpint (bp_map_renderer_get_sector_class (renderer, 0), >=, BP_CLASS_SUPPRESSED);
  g_assert_cmpfloat (bp_map_renderer_measure_legend (renderer, 240), >, 100);

  /* the legend's sectors are copied; NULL counts every sector again */
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (guint));
    guint picked[] = { 0, 5, 9 };

    g_assert_null (bp_map_renderer_get_legend_sectors (renderer));
    g_array_append_vals (some, picked, G_N_ELEMENTS (picked));
    bp_map_renderer_set_legend_sectors (renderer, some);
    g_array_set_size (some, 0);
    g_assert_cmpuint (bp_map_renderer_get_legend_sectors (renderer)->len, ==, G_N_ELEMENTS (picked));
    g_assert_cmpuint (g_array_index (bp_map_renderer_get_legend_sectors (renderer), guint, 2), ==, 9);
    g_assert_cmpfloat (bp_map_renderer_measure_legend (renderer, 240), >, 100);
    bp_map_renderer_set_legend_sectors (renderer, NULL);
    g_assert_null (bp_map_renderer_get_legend_sectors (renderer));
  }

  /* a view with nothing in it draws nothing; one over Gent draws */
  view.tile_size = 256;
  view.width = view.height = 256;
  view.scale_factor = 1;
  view.zoom = 12;
  view.center_x = view.center_y = 0.9;
  bp_map_renderer_draw (renderer, cr, &view);
  cairo_surface_flush (surface);
  g_assert_cmpint (*(guint32 *)cairo_image_surface_get_data (surface), ==, 0);

  bp_world_project (3.7174, 51.0543, &x, &y);
  view.center_x = x;
  view.center_y = y;
  bp_map_renderer_set_selected_sector (renderer, bp_sector_map_hit_test (map, x, y));
  bp_map_renderer_draw (renderer, cr, &view);
  cairo_surface_flush (surface);
  g_assert_cmpint (*(guint32 *)(cairo_image_surface_get_data (surface) + 128 * cairo_image_surface_get_stride (surface) + 128 * 4) >> 24, ==, 0xff);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Koekelberg: 9 sectors, 8 of them synthetic pieces of real areas, small
 * enough that a report of it is drawn at street zoom. */
#define STREET_AREA "21011"

static void
append_ring_json (GString      *json,
                  const double *lonlat,
                  guint         n)
{
  g_string_append_c (json, '[');
  for (guint i = 0; i <= n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (json, "%s[%s,%s]", i ? "," : "",
                              g_ascii_dtostr (lon, sizeof lon, lonlat[(i % n) * 2]),
                              g_ascii_dtostr (lat, sizeof lat, lonlat[(i % n) * 2 + 1]));
    }
  g_string_append_c (json, ']');
}

/* Writes @sectors as an official file would give them: the same outlines,
 * and nothing about where they come from. */
static void
write_official_outlines (BpStore     *store,
                         BpSectorMap *map,
                         GArray      *sectors,
                         const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < sectors->len; i++)
    {
      const char *code = bp_sector_map_get_sector_code (map, g_array_index (sectors, guint, i));
      g_autoptr(BpArea) area = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, code, &error);
      g_autoptr(BpGeometry) geometry = NULL;

      g_assert_no_error (error);
      geometry = bp_store_dup_area_geometry (store, bp_area_get_id (area), &error);
      g_assert_no_error (error);
      g_string_append_printf (json,
                              "%s{\"type\":\"Feature\",\"properties\":{\"code\":\"%s\",\"name_nl\":\"%s\","
                              "\"parent_code\":\"%s\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[",
                              i ? "," : "", code, bp_area_get_name_nl (area), bp_area_get_parent_code (area));
      for (guint p = 0; p < bp_geometry_get_n_polygons (geometry); p++)
        {
          g_string_append_printf (json, "%s[", p ? "," : "");
          for (guint r = 0; r < bp_geometry_get_n_rings (geometry, p); r++)
            {
              guint n;
              const double *lonlat = bp_geometry_get_ring (geometry, p, r, &n);

              if (r > 0)
                g_string_append_c (json, ',');
              append_ring_json (json, lonlat, n);
            }
          g_string_append_c (json, ']');
        }
      g_string_append (json, "]}}");
    }
  g_string_append (json, "]}");

  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  g_assert_no_error (error);
}

/* Renders the street-zoom report of STREET_AREA as PNG and PDF; returns
 * the PNG and the PDF's text. */
static cairo_surface_t *
render_street_area (const char  *store_path,
                    const char  *name,
                    char       **text)
{
  g_autofree char *png_name = g_strdup_printf ("%s.png", name);
  g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", name);
  g_autofree char *png = work_path (png_name);
  g_autofree char *pdf = work_path (pdf_name);
  g_autoptr(GError) error = NULL;
  const char *png_args[] = {
    "render-map", "--store", store_path, "--date", DATE, "--area", STREET_AREA, "--size", "1400x900",
    "--out", png, NULL
  };
  const char *pdf_args[] = {
    "render-map", "--store", store_path, "--date", DATE, "--area", STREET_AREA, "--size", "1400x900",
    "--out", pdf, NULL
  };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *raw = NULL;
  int status;

  g_assert_cmpint (run_tool (png_args, NULL, NULL), ==, 0);
  g_assert_cmpint (run_tool (pdf_args, NULL, NULL), ==, 0);
  g_spawn_sync (NULL, (char **)pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &raw, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* pdftotext breaks the footnote where the layout wrapped it */
  *text = g_strdelimit (g_steal_pointer (&raw), "\n", ' ');

  return cairo_image_surface_create_from_png (png);
}

/* A report of an area at street zoom dashes the lines inside real areas
 * and says how many outlines are approximate; once official outlines of
 * the sectors in view are imported, it draws them solid and says none
 * are. The colours stay as they were: only lines change. */
static void
test_map_renderer_approximate_official_import (void)
{
  g_autofree char *store_path = work_path ("official.db");
  g_autofree char *geojson = work_path ("official.geojson");
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_left = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) demo = g_file_new_for_path (get_demo_store ());
  g_autoptr(GFile) copy = g_file_new_for_path (store_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
  cairo_surface_t *before, *after;
  const char *import_args[] = {
    "import-areas", geojson, "--level", "sector", "--store", store_path, "--source", "Statbel (test)", NULL
  };
  BpOutlineSummary summary;
  BpWorldRect rect;
  BpBounds bounds;
  BpMapView view;
  double map_x, map_y;
  guint n_sectors = 0, n_approximate = 0, n_changed = 0, n_imported_approximate;

  /* a copy, so that the other tests keep the shipped outlines */
  g_assert_true (g_file_copy (demo, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = bp_store_open (store_path, &error);
  g_assert_no_error (error);

  map = bp_sector_map_load (store, NULL, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < bp_sector_map_get_n_sectors (map); s++)
    {
      g_autoptr(BpArea) area = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, bp_sector_map_get_sector_code (map, s), NULL);

      if (g_strcmp0 (bp_area_get_parent_code (area), STREET_AREA) != 0)
        continue;
      n_sectors++;
      n_approximate += g_str_equal (bp_sector_map_get_sector_geometry_source (map, s), "synthetic");
    }
  g_assert_cmpuint (n_sectors, ==, 9);
  g_assert_cmpuint (n_approximate, ==, 8);
  g_assert_true (bp_sector_map_get_area_bounds (map, BP_AREA_LEVEL_MUNICIPALITY, STREET_AREA, &bounds));
  bp_world_rect_from_bounds (&rect, &bounds);
  bp_map_renderer_get_report_view (1400, 900, &rect, &view, &map_x, &map_y);
  g_assert_cmpfloat (view.zoom, >=, 13.0);

  before = render_street_area (store_path, "street-before", &before_text);
  expected = g_strdup_printf ("%u %% of the sector outlines of the area are approximate",
                              (n_approximate * 100 + n_sectors / 2) / n_sectors);
  g_assert_nonnull (strstr (before_text, expected));
  g_assert_nonnull (strstr (before_text, "Approximate sector outline"));

  bp_map_view_get_world_rect (&view, &rect);
  bp_sector_map_query_sectors (map, &rect, in_view);
  g_assert_cmpuint (in_view->len, >, n_sectors);
  n_imported_approximate = bp_sector_map_count_approximate_sectors (map, in_view);
  write_official_outlines (store, map, in_view, geojson);
  g_clear_object (&map);
  g_clear_object (&store);
  g_assert_cmpint (run_tool (import_args, &out, &err), ==, 0);
  expected_left = g_strdup_printf ("%u of 10594 sector outlines are approximate", 8801 - n_imported_approximate);
  g_assert_nonnull (strstr (out, expected_left));

  after = render_street_area (store_path, "street-after", &after_text);
  g_assert_nonnull (strstr (after_text, "0 % of the sector outlines of the area are approximate"));
  g_assert_null (strstr (after_text, "Approximate sector outline"));

  /* the marks went for exactly the sectors of the file */
  store = bp_store_open (store_path, &error);
  g_assert_no_error (error);
  g_assert_true (bp_store_get_outline_summary (store, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_approximate, ==, 8801 - n_imported_approximate);

  g_assert_cmpint (cairo_surface_status (before), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (after), ==, CAIRO_STATUS_SUCCESS);
  for (int y = (int)map_y; y < (int)(map_y + view.height); y++)
    for (int x = (int)map_x; x < (int)(map_x + view.width); x++)
      {
        int a[3], b[3];

        read_pixel (before, x, y, a);
        read_pixel (after, x, y, b);
        n_changed += a[0] != b[0] || a[1] != b[1] || a[2] != b[2];
      }
  g_test_message ("%u of %d map pixels changed", n_changed, view.width * view.height);
  g_assert_cmpuint (n_changed, >, 500);
  g_assert_cmpuint (n_changed, <, view.width * view.height / 20);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* The dashes, and the key to them, are for zooms where streets can be
 * read: further out the map draws as before. */
static void
test_map_renderer_approximate_zoom (void)
{
  const char *store_path = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = bp_store_open (store_path, &error);
  g_autoptr(BpSectorMap) map = bp_sector_map_load (store, NULL, &error);
  g_autoptr(BpMapRenderer) renderer = bp_map_renderer_new (map);
  g_autoptr(BpClassBreaks) breaks = bp_class_breaks_new_default (BP_MAP_METRIC_CASES_7);
  BpMapView view = { 0 };
  double x, y, plain, with_key;

  g_assert_no_error (error);
  bp_map_renderer_set_breaks (renderer, breaks);

  /* the middle of Koekelberg */
  bp_world_project (4.3270, 50.8630, &x, &y);
  view.center_x = x;
  view.center_y = y;
  view.tile_size = 256;
  view.width = 800;
  view.height = 600;
  view.scale_factor = 1;

  view.zoom = 12.5;
  g_assert_false (bp_map_renderer_shows_approximate (renderer, &view));
  view.zoom = 15;
  g_assert_true (bp_map_renderer_shows_approximate (renderer, &view));
  bp_map_renderer_set_show_boundaries (renderer, FALSE);
  g_assert_false (bp_map_renderer_shows_approximate (renderer, &view));
  bp_map_renderer_set_show_boundaries (renderer, TRUE);

  plain = bp_map_renderer_measure_legend (renderer, 240);
  bp_map_renderer_set_approximate_key (renderer, TRUE);
  g_assert_true (bp_map_renderer_get_approximate_key (renderer));
  with_key = bp_map_renderer_measure_legend (renderer, 240);
  g_assert_cmpfloat (with_key, >, plain + 10);
}

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = work_path (name);

      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("test-map-renderer-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/map-renderer/png-colours", test_map_renderer_png_colours);
  g_test_add_func ("/map-renderer/pdf", test_map_renderer_pdf);
  g_test_add_func ("/map-renderer/legend/area", test_map_renderer_legend_area);
  g_test_add_func ("/map-renderer/bad-arguments", test_map_renderer_bad_arguments);
  g_test_add_func ("/map-renderer/draw", test_map_renderer_draw);
  g_test_add_func ("/map-renderer/approximate/zoom", test_map_renderer_approximate_zoom);
  g_test_add_func ("/map-renderer/approximate/official-import", test_map_renderer_approximate_official_import);

  result = g_test_run ();

  remove_work_dir ();
  g_free (work_dir);
  g_free (demo_store);
  return result;
}
