/* bp-tool-render-map.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "brandpunt-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "bp-area.h"
#include "bp-day.h"
#include "bp-map-metric.h"
#include "bp-map-renderer.h"
#include "bp-sector-map.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-tool.h"

#ifdef __GLIBC__
#define HEAP_RESERVE  (128 << 20)
#define HUGE_PAGE     (2 << 20)
#define GLIBC_TOP_PAD (128 << 10)

/* Loading the map builds and frees many arrays of megabytes, and the image
 * is 8 MB at 1920 × 1080. By default glibc gives each big block fresh pages
 * from mmap() and returns them on free(), so every one is faulted in
 * again, 4 KB at a time: on a virtual machine, where a fault costs about
 * 10 µs, the 11,000 faults of a run were half of it. This process is
 * short-lived, so keep freed memory for reuse, in one arena for all
 * threads, and grow the heap once by more than a run needs, with
 * transparent huge pages there: one fault per 2 MB (1,700 in all). */
static void
tune_malloc (void)
{
  guintptr start, end;

  mallopt (M_MMAP_THRESHOLD, 1 << 30);
  mallopt (M_TRIM_THRESHOLD, 1 << 30);
  mallopt (M_ARENA_MAX, 1);

  mallopt (M_TOP_PAD, HEAP_RESERVE);
  start = (guintptr)sbrk (0);
  g_free (g_malloc (1 << 20));
  end = (guintptr)sbrk (0);
  mallopt (M_TOP_PAD, GLIBC_TOP_PAD);

#ifdef MADV_HUGEPAGE
  start = (start + HUGE_PAGE - 1) & ~(guintptr)(HUGE_PAGE - 1);
  if (end > start)
    madvise ((gpointer)start, end - start, MADV_HUGEPAGE);
#endif
}
#endif

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w <= 0 || h <= 0 || w > G_MAXINT || h > G_MAXINT)
    return FALSE;

  *width = (int)w;
  *height = (int)h;
  return TRUE;
}

static char *
dup_footnote (BpStore            *store,
              BpCaseSourceFilter  sources)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) area_sources = bp_store_list_area_sources (store, NULL);

  for (guint i = 0; area_sources && i < area_sources->len; i++)
    {
      BpAreaSource *source = g_ptr_array_index (area_sources, i);

      if (source->level != BP_AREA_LEVEL_SECTOR)
        continue;
      /* Translators: the footnote of a map; the source and licence of the outlines */
      g_string_append_printf (text, _("Outlines: %s"), source->source);
      if (source->licence && *source->licence)
        g_string_append_printf (text, " (%s)", source->licence);
      g_string_append (text, ". ");
    }

  if (bp_store_is_demo (store))
    g_string_append (text, _("Cases: the synthetic demo outbreak, not real data."));
  else
    g_string_append (text, _("Cases: the case counts in this store; counts of 1 to 4 are hidden."));

  if (sources == BP_CASE_SOURCE_FILTER_CONFIRMED)
    g_string_append_printf (text, " %s", _("Only laboratory-confirmed cases are counted."));
  else if (sources == BP_CASE_SOURCE_FILTER_CLINICAL)
    g_string_append_printf (text, " %s", _("Only clinical cases, reported by a GP without a test, are counted."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  char           *store_path;
  BpMapMetric     metric;
  int             day;
  int             age_band;
  BpCaseSourceFilter sources;
  BpSectorValues *values;
  GError         *error;
} ValuesJob;

/* Computes the values of the sectors on a connection of its own, while the
 * main thread loads the map: SQLite connections are not shared between
 * threads. */
static gpointer
compute_values_thread (gpointer data)
{
  ValuesJob *job = data;
  g_autoptr(BpStore) store = bp_store_open (job->store_path, &job->error);

  if (store)
    job->values = bp_store_compute_sector_values (store, job->metric, job->day, job->age_band, job->sources,
                                                  &job->error);

  return NULL;
}

/* Writes the sectors with their class colours and the boundary arcs as
 * GeoJSON, for rendering the same map with another tool (benchmarks). */
static gboolean
export_geojson (BpMapRenderer  *renderer,
                const char     *dir,
                GError        **error)
{
  BpSectorMap *map = bp_map_renderer_get_map (renderer);
  BpClassBreaks *breaks = bp_map_renderer_get_breaks (renderer);
  guint full = bp_sector_map_get_n_lods (map) - 1;
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  g_autofree char *sectors_path = g_build_filename (dir, "sectors.geojson", NULL);
  g_autofree char *lines_path = g_build_filename (dir, "boundaries.geojson", NULL);

  for (guint s = 0; s < bp_sector_map_get_n_sectors (map); s++)
    {
      int c = bp_map_renderer_get_sector_class (renderer, s);
      BpColour rgb;

      bp_class_breaks_get_colour (breaks, c, &rgb);
      g_string_append_printf (out, "%s{\"type\":\"Feature\",\"properties\":{\"code\":\"%s\",\"class\":%d,"
                              "\"fill\":\"#%02x%02x%02x\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[",
                              s ? ",\n" : "", bp_sector_map_get_sector_code (map, s), c,
                              (int)(rgb.red * 255 + 0.5), (int)(rgb.green * 255 + 0.5),
                              (int)(rgb.blue * 255 + 0.5));
      for (guint r = 0, k = 0; r < bp_sector_map_get_n_rings (map, s, full); r++)
        {
          guint n;
          const double *xy = bp_sector_map_get_ring (map, s, full, r, &n);

          if (n < 3)
            continue;
          g_string_append_printf (out, "%s[[", k++ ? "," : "");
          for (guint i = 0; i <= n; i++)
            {
              double lon, lat;

              bp_world_unproject (xy[(i % n) * 2], xy[(i % n) * 2 + 1], &lon, &lat);
              g_string_append_printf (out, "%s[%.6f,%.6f]", i ? "," : "", lon, lat);
            }
          g_string_append (out, "]]");
        }
      g_string_append (out, "]}}");
    }
  g_string_append (out, "\n]}\n");
  if (!g_file_set_contents (sectors_path, out->str, out->len, error))
    return FALSE;

  g_string_assign (out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
  for (guint arc = 0, k = 0; arc < bp_sector_map_get_n_arcs (map); arc++)
    {
      BpAreaLevel level = bp_sector_map_get_arc_level (map, arc);
      guint n;
      const double *xy;

      if (level > BP_AREA_LEVEL_MUNICIPALITY)
        continue;

      xy = bp_sector_map_get_arc (map, arc, full, &n);
      g_string_append_printf (out, "%s{\"type\":\"Feature\",\"properties\":{\"level\":%d},"
                              "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[",
                              k++ ? ",\n" : "", level);
      for (guint i = 0; i < n; i++)
        {
          double lon, lat;

          bp_world_unproject (xy[i * 2], xy[i * 2 + 1], &lon, &lat);
          g_string_append_printf (out, "%s[%.6f,%.6f]", i ? "," : "", lon, lat);
        }
      g_string_append (out, "]}}");
    }
  g_string_append (out, "\n]}\n");

  return g_file_set_contents (lines_path, out->str, out->len, error);
}

int
bp_tool_render_map (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— draw the sector map to a PNG or PDF file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(BpSectorMap) map = NULL;
  g_autoptr(BpSectorValues) values = NULL;
  g_autoptr(BpClassBreaks) breaks = NULL;
  g_autoptr(BpMapRenderer) renderer = NULL;
  g_autoptr(BpArea) area = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *date = NULL;
  g_autofree char *metric_name = NULL;
  g_autofree char *area_code = NULL;
  g_autofree char *breaks_text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *export_dir = NULL;
  g_autofree char *footnote = NULL;
  g_autofree char *day_iso = NULL;
  g_autofree char *source_name = NULL;
  g_autoptr(GThread) values_thread = NULL;
  ValuesJob job = { NULL, };
  int age_band = -1;
  BpCaseSourceFilter sources = BP_CASE_SOURCE_FILTER_ALL;
  gboolean no_labels = FALSE;
  gboolean no_boundaries = FALSE;
  BpMapMetric metric = BP_MAP_METRIC_INCIDENCE_14;
  BpSectorMapLoadFlags load_flags = BP_SECTOR_MAP_LOAD_LAZY_LODS;
  BpBounds bounds;
  int width = 1920, height = 1080;
  int first_day, last_day, day;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The last day of the period (default: the last day with counts)"), N_("YYYY-MM-DD") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric_name, N_("What to map: cases7, cases14, incidence7, incidence14 (default) or trend"), N_("METRIC") },
    { "age-band", 0, 0, G_OPTION_ARG_INT, &age_band, N_("Only one age band, 0 (0-9) to 8 (80+)"), N_("BAND") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("The cases counted: all (default), confirmed or clinical"), N_("SOURCE") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_code, N_("Show a region, province, care zone or municipality (default: everything)"), N_("CODE") },
    { "breaks", 0, 0, G_OPTION_ARG_STRING, &breaks_text, N_("Class breaks, such as 20,60,120"), N_("LIST") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("The image size (default 1920x1080)"), N_("WxH") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("The file to write, .png or .pdf"), N_("FILE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title above the map"), N_("TEXT") },
    { "no-labels", 0, 0, G_OPTION_ARG_NONE, &no_labels, N_("Do not write municipality names"), NULL },
    { "no-boundaries", 0, 0, G_OPTION_ARG_NONE, &no_boundaries, N_("Do not draw boundaries"), NULL },
    { "export-geojson", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &export_dir, NULL, NULL },
    { NULL }
  };

#ifdef __GLIBC__
  tune_malloc ();
#endif

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bp_tool_print_error ("render-map", error);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("brandpunt-tool render-map: unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  if (!out_path && !export_dir)
    {
      g_printerr ("brandpunt-tool render-map: %s\n", _("Say where to write the map with --out FILE.png or FILE.pdf."));
      return 2;
    }

  if (metric_name && !bp_map_metric_from_string (metric_name, &metric))
    {
      g_printerr (_("brandpunt-tool render-map: unknown metric “%s”. Use cases7, cases14, incidence7, incidence14 or trend.\n"),
                  metric_name);
      return 1;
    }

  if (size && !parse_size (size, &width, &height))
    {
      g_printerr (_("brandpunt-tool render-map: “%s” is not a size. Write it as WIDTHxHEIGHT, such as 1920x1080.\n"),
                  size);
      return 1;
    }

  if (age_band < -1 || age_band >= BP_N_AGE_BANDS)
    {
      g_printerr (_("brandpunt-tool render-map: there is no age band %d. Use 0 (0-9) to 8 (80+).\n"), age_band);
      return 1;
    }

  if (source_name && !bp_case_source_filter_from_string (source_name, &sources))
    {
      g_printerr (_("brandpunt-tool render-map: unknown source “%s”. Use all, confirmed or clinical.\n"),
                  source_name);
      return 1;
    }

  if (out_path)
    {
      g_autofree char *lower = g_ascii_strdown (out_path, -1);

      if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".pdf"))
        {
          g_printerr (_("brandpunt-tool render-map: cannot write “%s”: the map can be saved as .png or .pdf only.\n"),
                      out_path);
          return 1;
        }
    }

  if (breaks_text)
    breaks = bp_class_breaks_new_from_string (metric, breaks_text, &error);
  else
    breaks = bp_class_breaks_new_default (metric);
  if (!breaks)
    {
      bp_tool_print_error ("render-map", error);
      return 1;
    }

  if (store_path && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("brandpunt-tool render-map: there is no store “%s”.\n"), store_path);
      return 1;
    }
  if (!(store = bp_tool_open_store (store_path)))
    return store_path ? 1 : 2;

  if (date)
    {
      if (!bp_day_from_iso (date, &day, &error))
        {
          bp_tool_print_error ("render-map", error);
          return 1;
        }
    }
  else
    {
      if (!bp_store_get_count_range (store, &first_day, &last_day, &error))
        {
          bp_tool_print_error ("render-map", error);
          return 1;
        }
      day = last_day;
    }

  if (no_labels)
    load_flags |= BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS;

  if (area_code)
    {
      area = bp_tool_find_area (store, area_code, FALSE);

      if (!area)
        {
          g_printerr (_("brandpunt-tool render-map: there is no region, province, care zone or municipality with code “%s”.\n"),
                      area_code);
          return 1;
        }
    }

  /* Loading the map is most of the run and the values take a while too:
   * compute them meanwhile on the other core. */
  job.store_path = g_strdup (bp_store_get_path (store));
  job.metric = metric;
  job.day = day;
  job.age_band = age_band;
  job.sources = sources;
  values_thread = g_thread_new ("bp-values", compute_values_thread, &job);

  /* The map is drawn once, at one level of detail: build only that one (and
   * the full outlines the index needs), and no label points nobody reads. */
  map = bp_sector_map_load_with_flags (store, load_flags, NULL, &error);
  g_thread_join (g_steal_pointer (&values_thread));
  values = g_steal_pointer (&job.values);
  g_free (job.store_path);
  if (!map || !values)
    {
      bp_tool_print_error ("render-map", map ? job.error : error);
      g_clear_error (&job.error);
      return 1;
    }
  g_clear_error (&job.error);

  if (area && !bp_sector_map_get_area_bounds (map, bp_area_get_level (area), bp_area_get_code (area), &bounds))
    {
      g_printerr (_("brandpunt-tool render-map: the area “%s” has no outline in the store.\n"), area_code);
      return 1;
    }

  renderer = bp_map_renderer_new (map);
  bp_map_renderer_set_values (renderer, values);
  bp_map_renderer_set_breaks (renderer, breaks);
  bp_map_renderer_set_show_labels (renderer, !no_labels);
  bp_map_renderer_set_show_boundaries (renderer, !no_boundaries);

  /* The legend counts the sectors of the area, not those of its
   * neighbours around it. */
  if (area)
    {
      g_autoptr(GArray) area_sectors = g_array_new (FALSE, FALSE, sizeof (guint));

      bp_sector_map_list_area_sectors (map, bp_area_get_level (area), bp_area_get_code (area), area_sectors);
      bp_map_renderer_set_legend_sectors (renderer, area_sectors);
    }

  if (export_dir)
    {
      g_mkdir_with_parents (export_dir, 0755);
      if (!export_geojson (renderer, export_dir, &error))
        {
          bp_tool_print_error ("render-map", error);
          return 1;
        }
    }

  if (!out_path)
    return 0;

  day_iso = bp_day_to_iso (day);
  if (!title && sources != BP_CASE_SOURCE_FILTER_ALL)
    /* Translators: the default title of a map of one source of cases:
     * metric — source, such as “Clinical only” — area — day */
    title = g_strdup_printf (_("%1$s — %2$s — %3$s — %4$s"), bp_map_metric_get_display_name (metric),
                             bp_case_source_filter_get_display_name (sources),
                             area ? bp_area_get_display_name (area) : _("Flanders and Brussels"),
                             day_iso);
  else if (!title)
    /* Translators: the default title of a map: metric — area — day */
    title = g_strdup_printf (_("%s — %s — %s"), bp_map_metric_get_display_name (metric),
                             area ? bp_area_get_display_name (area) : _("Flanders and Brussels"),
                             day_iso);
  footnote = dup_footnote (store, sources);

  if (!bp_map_renderer_render_to_file (renderer, out_path, width, height, area ? &bounds : NULL,
                                       title, footnote, &error))
    {
      bp_tool_print_error ("render-map", error);
      return 1;
    }

  return 0;
}
