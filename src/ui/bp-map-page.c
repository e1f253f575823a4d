/* bp-map-page.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-map-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>
#include <string.h>

#include "bp-case-source-choice.h"
#include "bp-choropleth-layer.h"
#include "bp-day.h"
#include "bp-mbtiles-data-source.h"
#include "bp-map-page-private.h"
#include "bp-sector-panel.h"
#include "bp-settings.h"
#include "bp-store-areas.h"

/* Days the date control and the animation cover, ending at the reference day. */
#define N_PLAY_DAYS     60
#define PLAY_STEP_MS    400
#define N_SEARCH_RESULTS 12

/* The Map page: every statistical sector coloured by the chosen metric,
 * with a legend, hover read-out, search, a date control, and a side panel
 * for the selected sector. */
struct _BpMapPage
{
  AdwBin             parent_instance;

  AdwFlap           *flap; /* owned by AdwBin */
  ShumateMap        *map;
  GtkDropDown       *metric_dropdown;
  GtkDropDown       *age_dropdown;
  GtkDropDown       *level_dropdown;
  GtkDropDown       *source_dropdown;
  GtkSearchEntry    *search_entry;
  GtkDrawingArea    *legend;
  GtkToggleButton   *play_button;
  GtkAdjustment     *day_adjustment;
  GtkLabel          *day_label;
  GtkLabel          *hover_label;
  ShumateLicense    *license;
  BpSectorPanel     *sector_panel;

  GtkPopover        *search_popover;
  GtkListBox        *search_results;

  BpStore           *store;
  BpSectorMap       *sector_map;
  BpMapRenderer     *renderer;
  BpChoroplethLayer *layer;
  BpSectorValues    *values;
  BpArea            *scope;
  GListModel        *search_areas;
  GSettings         *settings;
  ShumateMapLayer   *basemap_layer;
  ShumateMapSource  *basemap_source;
  GCancellable      *load_cancellable;
  GCancellable      *values_cancellable;

  BpMapMetric        metric;
  int                age_band;
  BpAreaLevel        colour_level;  /* sectors, or their neighbourhoods */
  int                reference_day;
  int                shown_day;
  int                selected;
  guint              play_source;
};

G_DEFINE_FINAL_TYPE (BpMapPage, bp_map_page, ADW_TYPE_BIN)

static const BpMapMetric metrics[] = {
  BP_MAP_METRIC_INCIDENCE_14,
  BP_MAP_METRIC_INCIDENCE_7,
  BP_MAP_METRIC_CASES_14,
  BP_MAP_METRIC_CASES_7,
  BP_MAP_METRIC_TREND,
};

static void compute_values     (BpMapPage  *self);
static void basemap_changed_cb (BpMapPage  *self,
                                const char *key,
                                GSettings  *settings);

static void
update_day_label (BpMapPage *self)
{
  g_autofree char *iso = bp_day_to_iso (self->shown_day);
  int year, month, day_of_month;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  bp_day_to_ymd (self->shown_day, &year, &month, &day_of_month);
  date = g_date_time_new_utc (year, month, day_of_month, 12, 0, 0);
  text = date ? g_date_time_format (date, "%e %b %Y") : g_strdup (iso);
  gtk_label_set_label (self->day_label, g_strstrip (text));
}

static void
zoom_to_bounds (BpMapPage      *self,
                const BpBounds *bounds)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  BpWorldRect rect;
  BpMapView view = { 0 };
  double lon, lat;
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));

  /* Before the first layout, fit to a typical window. */
  if (width <= 0 || height <= 0)
    {
      width = 1200;
      height = 700;
    }

  view.tile_size = 256;
  view.scale_factor = 1;
  bp_world_rect_from_bounds (&rect, bounds);
  bp_map_view_fit (&view, &rect, width, height, 24);
  bp_world_unproject (view.center_x, view.center_y, &lon, &lat);
  shumate_viewport_set_zoom_level (viewport, view.zoom);
  shumate_map_center_on (self->map, lat, lon);
}

static void
zoom_to_area (BpMapPage   *self,
              BpAreaLevel  level,
              const char  *code)
{
  BpBounds bounds;

  if (self->sector_map == NULL)
    return;

  if (bp_sector_map_get_area_bounds (self->sector_map, level, code, &bounds))
    zoom_to_bounds (self, &bounds);
}

static void
zoom_to_scope (BpMapPage *self)
{
  if (self->scope == NULL)
    return;

  zoom_to_area (self, bp_area_get_level (self->scope), bp_area_get_code (self->scope));
}

static void
select_sector (BpMapPage *self,
               int        sector)
{
  self->selected = sector;

  if (self->renderer)
    bp_map_renderer_set_selected_sector (self->renderer, sector);
  if (self->layer)
    bp_choropleth_layer_changed (self->layer);

  if (sector >= 0 && self->values != NULL)
    bp_sector_panel_show_sector (self->sector_panel, self->store, self->sector_map,
                                 self->values, sector);

  adw_flap_set_reveal_flap (self->flap, sector >= 0);
}

static char *
describe_value (BpMapPage *self,
                guint      sector)
{
  gint64 id = bp_sector_map_get_sector_id (self->sector_map, sector);
  const char *name = bp_sector_map_get_sector_name (self->sector_map, sector);
  BpValueFlags flags = BP_VALUE_NONE;
  double value = NAN;

  if (self->values == NULL || !bp_sector_values_lookup (self->values, id, &value, &flags))
    return g_strdup (name);

  if (flags & BP_VALUE_SUPPRESSED)
    /* Translators: a sector name and a suppressed small count */
    return g_strdup_printf (_("%s: <5"), name);
  if (isnan (value))
    /* Translators: a sector name and "no value" */
    return g_strdup_printf (_("%s: no value"), name);
  if (self->metric == BP_MAP_METRIC_TREND)
    return g_strdup_printf ("%s: %+.0f %%", name, value);
  if (self->metric == BP_MAP_METRIC_CASES_7 || self->metric == BP_MAP_METRIC_CASES_14)
    return g_strdup_printf ("%s: %'.0f", name, value);
  return g_strdup_printf ("%s: %'.1f", name, value);
}

static void
motion_cb (BpMapPage                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  g_autofree char *text = NULL;
  int sector;

  if (self->layer == NULL)
    return;

  sector = bp_choropleth_layer_hit_test (self->layer, x, y);
  gtk_widget_set_visible (GTK_WIDGET (self->hover_label), sector >= 0);
  if (sector < 0)
    return;

  text = describe_value (self, sector);
  gtk_label_set_label (self->hover_label, text);
}

static void
motion_leave_cb (BpMapPage                *self,
                 GtkEventControllerMotion *controller)
{
  gtk_widget_set_visible (GTK_WIDGET (self->hover_label), FALSE);
}

static void
click_released_cb (BpMapPage       *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press == 1)
    bp_map_page_select_at (self, x, y);
}

static void
legend_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  BpMapPage *self = user_data;

  if (self->renderer == NULL || bp_map_renderer_get_values (self->renderer) == NULL)
    return;

  bp_map_renderer_draw_legend (self->renderer, cr, 10, 10, width - 20);
}

static void
update_legend (BpMapPage *self)
{
  int width = gtk_drawing_area_get_content_width (self->legend);
  double height = bp_map_renderer_measure_legend (self->renderer, width - 20);

  gtk_drawing_area_set_content_height (self->legend, ceil (height) + 20);
  gtk_widget_queue_draw (GTK_WIDGET (self->legend));
}

/* The legend explains the dashed lines while the view shows any. Returns
 * whether that changed. Before the first layout the view has no size and
 * shows nothing; the values arrive later and look again. */
static gboolean
update_approximate_key (BpMapPage *self)
{
  BpMapView view;
  gboolean shows;

  if (self->renderer == NULL || self->layer == NULL)
    return FALSE;

  bp_choropleth_layer_get_view (self->layer, &view);
  shows = bp_map_renderer_shows_approximate (self->renderer, &view);
  if (shows == bp_map_renderer_get_approximate_key (self->renderer))
    return FALSE;

  bp_map_renderer_set_approximate_key (self->renderer, shows);
  return TRUE;
}

static void
viewport_changed_cb (BpMapPage *self)
{
  if (update_approximate_key (self))
    update_legend (self);
}

static void
compute_values_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BpMapPage) self = user_data;
  g_autoptr(BpSectorValues) values = NULL;
  g_autoptr(GError) error = NULL;

  if (!(values = bp_store_compute_sector_values_finish (BP_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not compute the map values: %s", error->message);
      return;
    }

  /* Small counts are hidden for users without medical access. The values
   * come grouped by neighbourhood when asked, so the rule applies to the
   * figures shown. */
  if (g_settings_get_boolean (self->settings, BP_SETTINGS_KEY_SUPPRESS_SMALL))
    {
      BpSectorValues *suppressed = bp_sector_values_suppress_small (values);

      g_object_unref (values);
      values = suppressed;
    }

  g_set_object (&self->values, values);
  bp_map_renderer_set_values (self->renderer, values);
  bp_choropleth_layer_changed (self->layer);
  update_approximate_key (self);
  update_legend (self);

  if (self->selected >= 0)
    bp_sector_panel_show_sector (self->sector_panel, self->store, self->sector_map,
                                 self->values, self->selected);
}

static void
compute_values (BpMapPage *self)
{
  if (self->store == NULL || self->renderer == NULL || self->shown_day <= 0)
    return;

  /* Only the newest request matters, e.g. while the animation plays. */
  g_cancellable_cancel (self->values_cancellable);
  g_clear_object (&self->values_cancellable);
  self->values_cancellable = g_cancellable_new ();

  bp_store_compute_sector_values_async (self->store, self->metric, self->shown_day, self->age_band,
                                        bp_case_source_choice_get_filter (self->settings),
                                        self->colour_level,
                                        self->values_cancellable, compute_values_cb,
                                        g_object_ref (self));
}

static void
metric_changed_cb (BpMapPage   *self,
                   GParamSpec  *pspec,
                   GtkDropDown *dropdown)
{
  g_autoptr(BpClassBreaks) breaks = NULL;
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position >= G_N_ELEMENTS (metrics))
    return;

  self->metric = metrics[position];
  if (self->renderer)
    {
      breaks = bp_class_breaks_new_default (self->metric);
      bp_map_renderer_set_breaks (self->renderer, breaks);
    }
  compute_values (self);
}

static void
age_changed_cb (BpMapPage   *self,
                GParamSpec  *pspec,
                GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  /* Position 0 is "All ages". */
  self->age_band = position == 0 || position == GTK_INVALID_LIST_POSITION ? -1 : (int)position - 1;
  compute_values (self);
}

static void
level_changed_cb (BpMapPage   *self,
                  GParamSpec  *pspec,
                  GtkDropDown *dropdown)
{
  /* Position 0 is "Statistical sectors", 1 "Neighbourhoods". */
  self->colour_level = gtk_drop_down_get_selected (dropdown) == 1 ? BP_AREA_LEVEL_WIJK
                                                                  : BP_AREA_LEVEL_SECTOR;
  compute_values (self);
}

static void
day_adjustment_changed_cb (BpMapPage     *self,
                           GtkAdjustment *adjustment)
{
  int offset = (int)round (gtk_adjustment_get_value (adjustment));

  self->shown_day = self->reference_day - (N_PLAY_DAYS - 1) + offset;
  update_day_label (self);
  compute_values (self);
}

static gboolean
play_step_cb (gpointer user_data)
{
  BpMapPage *self = user_data;
  double value = gtk_adjustment_get_value (self->day_adjustment);

  if (value >= N_PLAY_DAYS - 1)
    {
      self->play_source = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (self->day_adjustment, value + 1);
  return G_SOURCE_CONTINUE;
}

static void
play_toggled_cb (BpMapPage       *self,
                 GtkToggleButton *button)
{
  gboolean playing = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  g_clear_handle_id (&self->play_source, g_source_remove);

  if (!playing)
    return;

  /* Start from the first day when the end was reached. */
  if (gtk_adjustment_get_value (self->day_adjustment) >= N_PLAY_DAYS - 1)
    gtk_adjustment_set_value (self->day_adjustment, 0);
  self->play_source = g_timeout_add (PLAY_STEP_MS, play_step_cb, self);
}

static void
search_row_activated_cb (BpMapPage     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  const char *code = g_object_get_data (G_OBJECT (row), "code");
  BpAreaLevel level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "level"));

  gtk_popover_popdown (self->search_popover);
  bp_map_page_show_area (self, level, code);
}

static void
add_search_result (BpMapPage   *self,
                   BpAreaLevel  level,
                   const char  *code,
                   const char  *name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  /* Translators: an area's level and code, e.g. "Municipality · 11001" */
  subtitle = g_strdup_printf (_("%s · %s"), bp_area_level_get_display_name (level), code);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (row), "level", GINT_TO_POINTER (level));
  gtk_list_box_append (self->search_results, row);
}

static gboolean
matches (const char *haystack,
         const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static void
search_changed_cb (BpMapPage      *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *needle = NULL;
  GtkWidget *child;
  guint n_results = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))))
    gtk_list_box_remove (self->search_results, child);

  if (text == NULL || strlen (text) < 2 || self->sector_map == NULL)
    {
      gtk_popover_popdown (self->search_popover);
      return;
    }

  needle = g_utf8_casefold (text, -1);

  /* Municipalities and care zones first: they are what people look for. */
  for (guint i = 0; self->search_areas && i < g_list_model_get_n_items (self->search_areas) &&
                    n_results < N_SEARCH_RESULTS; i++)
    {
      g_autoptr(BpArea) area = g_list_model_get_item (self->search_areas, i);

      if (matches (bp_area_get_display_name (area), needle) ||
          g_str_has_prefix (bp_area_get_code (area), text))
        {
          add_search_result (self, bp_area_get_level (area), bp_area_get_code (area),
                             bp_area_get_display_name (area));
          n_results++;
        }
    }

  for (guint i = 0; i < bp_sector_map_get_n_sectors (self->sector_map) && n_results < N_SEARCH_RESULTS; i++)
    {
      const char *code = bp_sector_map_get_sector_code (self->sector_map, i);
      const char *name = bp_sector_map_get_sector_name (self->sector_map, i);

      if (matches (name, needle) || g_ascii_strncasecmp (code, text, strlen (text)) == 0)
        {
          add_search_result (self, BP_AREA_LEVEL_SECTOR, code, name);
          n_results++;
        }
    }

  if (n_results > 0)
    gtk_popover_popup (self->search_popover);
  else
    gtk_popover_popdown (self->search_popover);
}

static void
search_activate_cb (BpMapPage      *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->search_results, 0);

  if (first != NULL)
    search_row_activated_cb (self, first, self->search_results);
}

static void
load_search_areas (BpMapPage *self)
{
  g_autoptr(GListStore) areas = g_list_store_new (BP_TYPE_AREA);
  static const BpAreaLevel levels[] = { BP_AREA_LEVEL_MUNICIPALITY, BP_AREA_LEVEL_CARE_ZONE, BP_AREA_LEVEL_PROVINCE };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(GListModel) level_areas = bp_store_list_areas (self->store, levels[i], NULL, NULL);

      for (guint j = 0; level_areas && j < g_list_model_get_n_items (level_areas); j++)
        {
          g_autoptr(BpArea) area = g_list_model_get_item (level_areas, j);

          g_list_store_append (areas, area);
        }
    }

  g_set_object (&self->search_areas, G_LIST_MODEL (areas));
}

static void
sector_map_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BpMapPage) self = user_data;
  g_autoptr(BpSectorMap) sector_map = NULL;
  g_autoptr(BpClassBreaks) breaks = NULL;
  g_autoptr(GError) error = NULL;

  if (!(sector_map = bp_sector_map_load_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the sector map: %s", error->message);
      return;
    }

  g_set_object (&self->sector_map, sector_map);
  g_clear_object (&self->renderer);
  self->renderer = bp_map_renderer_new (sector_map);
  breaks = bp_class_breaks_new_default (self->metric);
  bp_map_renderer_set_breaks (self->renderer, breaks);

  if (self->layer)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->layer));
  self->layer = bp_choropleth_layer_new (shumate_map_get_viewport (self->map), self->renderer);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->layer));
  basemap_changed_cb (self, BP_SETTINGS_KEY_BASEMAP, self->settings);

  load_search_areas (self);
  zoom_to_scope (self);
  viewport_changed_cb (self);
  compute_values (self);
}

static void
show_error (BpMapPage  *self,
            const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* Puts @kind ("none", "osm" or "mbtiles") under the sectors. The sectors
 * are drawn a little transparent over a basemap, so streets show through. */
static void
apply_basemap (BpMapPage  *self,
               const char *kind)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateMapSource) source = NULL;

  if (self->basemap_layer)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      self->basemap_layer = NULL;
    }
  if (self->basemap_source)
    {
      shumate_license_remove_map_source (self->license, self->basemap_source);
      g_clear_object (&self->basemap_source);
    }

  if (g_strcmp0 (kind, "osm") == 0)
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();

      /* libshumate keeps downloaded tiles in its file cache, so places seen
       * once stay visible when the network goes away. */
      source = g_object_ref (shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
    }
  else if (g_strcmp0 (kind, "mbtiles") == 0)
    {
      g_autofree char *path = g_settings_get_string (self->settings, BP_SETTINGS_KEY_MBTILES_PATH);
      g_autoptr(BpMbtiles) mbtiles = NULL;
      g_autoptr(BpMbtilesDataSource) data_source = NULL;
      g_autoptr(GError) error = NULL;

      if (*path == '\0')
        {
          show_error (self, _("Choose an MBTiles file first."));
          return;
        }
      if (!(mbtiles = bp_mbtiles_open (path, &error)))
        {
          show_error (self, error->message);
          return;
        }

      data_source = bp_mbtiles_data_source_new (mbtiles);
      source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("mbtiles",
                                                                     bp_mbtiles_get_name (mbtiles) ? bp_mbtiles_get_name (mbtiles) : "MBTiles",
                                                                     bp_mbtiles_get_attribution (mbtiles) ? bp_mbtiles_get_attribution (mbtiles) : "",
                                                                     NULL,
                                                                     bp_mbtiles_get_min_zoom (mbtiles),
                                                                     bp_mbtiles_get_max_zoom (mbtiles),
                                                                     256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                                     SHUMATE_DATA_SOURCE (data_source)));
    }

  if (source != NULL)
    {
      self->basemap_layer = shumate_map_layer_new (source, viewport);
      if (self->layer)
        shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->basemap_layer), SHUMATE_LAYER (self->layer));
      else
        shumate_map_add_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      self->basemap_source = g_steal_pointer (&source);
      shumate_license_append_map_source (self->license, self->basemap_source);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->license), self->basemap_source != NULL);
  if (self->renderer)
    bp_map_renderer_set_fill_opacity (self->renderer, self->basemap_source ? 0.7 : 1.0);
  if (self->layer)
    bp_choropleth_layer_changed (self->layer);
}

static void
basemap_changed_cb (BpMapPage  *self,
                    const char *key,
                    GSettings  *settings)
{
  g_autofree char *kind = g_settings_get_string (settings, BP_SETTINGS_KEY_BASEMAP);

  apply_basemap (self, kind);
}

static void
mbtiles_chosen_cb (BpMapPage            *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) &&
      (path = g_file_get_path (file)))
    {
      g_settings_set_string (self->settings, BP_SETTINGS_KEY_MBTILES_PATH, path);
      /* Re-applied even when the basemap already was "mbtiles". */
      g_settings_set_string (self->settings, BP_SETTINGS_KEY_BASEMAP, "mbtiles");
      apply_basemap (self, "mbtiles");
    }

  g_object_unref (chooser);
}

static void
choose_mbtiles_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BpMapPage *self = BP_MAP_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose an MBTiles Basemap"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("MBTiles basemaps"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (mbtiles_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  select_sector (BP_MAP_PAGE (widget), -1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpMapPage *self = BP_MAP_PAGE (widget);

  if (g_variant_get_int32 (parameter) > 0)
    shumate_map_zoom_in (self->map);
  else
    shumate_map_zoom_out (self->map);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BpMapPage *self = BP_MAP_PAGE (widget);
  BpMapView view;
  int dx, dy;
  double x, y, lon, lat;

  if (self->layer == NULL)
    return;

  /* A quarter of the view per key press. */
  g_variant_get (parameter, "(ii)", &dx, &dy);
  bp_choropleth_layer_get_view (self->layer, &view);
  bp_map_view_pixel_to_world (&view, view.width / 2.0 + dx * view.width / 4.0,
                              view.height / 2.0 + dy * view.height / 4.0, &x, &y);
  bp_world_unproject (x, y, &lon, &lat);
  shumate_map_center_on (self->map, lat, lon);
}

static void
bp_map_page_dispose (GObject *object)
{
  BpMapPage *self = (BpMapPage *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->values_cancellable);
  g_clear_handle_id (&self->play_source, g_source_remove);
  if (self->search_popover)
    {
      gtk_widget_unparent (GTK_WIDGET (self->search_popover));
      self->search_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_MAP_PAGE);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->values_cancellable);
  g_clear_object (&self->values);
  g_clear_object (&self->renderer);
  g_clear_object (&self->sector_map);
  g_clear_object (&self->scope);
  g_clear_object (&self->search_areas);
  g_clear_object (&self->store);
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->settings);
  self->basemap_layer = NULL;
  self->layer = NULL;

  G_OBJECT_CLASS (bp_map_page_parent_class)->dispose (object);
}

static void
bp_map_page_class_init (BpMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_map_page_dispose;

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (BP_TYPE_SECTOR_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, BP_RESOURCE_PATH "/ui/bp-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, map);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, age_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, legend);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, play_button);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, day_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, hover_label);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, license);
  gtk_widget_class_bind_template_child (widget_class, BpMapPage, sector_panel);

  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "map.choose-mbtiles", NULL, choose_mbtiles_action);
  gtk_widget_class_install_action (widget_class, "map.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);
}

static void
bp_map_page_init (BpMapPage *self)
{
  g_autoptr(GtkStringList) metric_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) age_names = gtk_string_list_new (NULL);
  g_autoptr(ShumateMapSourceRegistry) registry = NULL;
  g_autoptr(GSimpleActionGroup) basemap_actions = NULL;
  g_autoptr(GAction) basemap_action = NULL;
  GtkEventController *motion;
  GtkGesture *click;
  GtkWidget *scrolled;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flap is AdwBin's child, so AdwBin unparents it; binding it as a
   * template child would unparent it twice. */
  self->flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));

  self->metric = BP_MAP_METRIC_INCIDENCE_14;
  self->age_band = -1;
  self->colour_level = BP_AREA_LEVEL_SECTOR;
  self->selected = -1;
  self->load_cancellable = g_cancellable_new ();
  self->values_cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    gtk_string_list_append (metric_names, bp_map_metric_get_display_name (metrics[i]));
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (metric_names));

  gtk_string_list_append (age_names, _("All ages"));
  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    gtk_string_list_append (age_names, bp_age_band_get_label (band));
  gtk_drop_down_set_model (self->age_dropdown, G_LIST_MODEL (age_names));

  /* No basemap: the map works offline. The OSM source only gives the
   * viewport its tile size and zoom range; no tile is fetched. */
  registry = shumate_map_source_registry_new_with_defaults ();
  shumate_viewport_set_reference_map_source (shumate_map_get_viewport (self->map),
                                             shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  shumate_viewport_set_min_zoom_level (shumate_map_get_viewport (self->map), 6);
  g_signal_connect_object (shumate_map_get_viewport (self->map), "notify::zoom-level",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shumate_map_get_viewport (self->map), "notify::latitude",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shumate_map_get_viewport (self->map), "notify::longitude",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->legend, legend_draw_cb, self, NULL);

  self->settings = g_settings_new (APP_ID);
  basemap_actions = g_simple_action_group_new ();
  basemap_action = g_settings_create_action (self->settings, BP_SETTINGS_KEY_BASEMAP);
  g_action_map_add_action (G_ACTION_MAP (basemap_actions), basemap_action);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (basemap_actions));
  g_signal_connect_object (self->settings, "changed::" BP_SETTINGS_KEY_BASEMAP,
                           G_CALLBACK (basemap_changed_cb), self, G_CONNECT_SWAPPED);
  bp_case_source_choice_bind (self->source_dropdown, self->settings);
  g_signal_connect_object (self->settings, "changed::" BP_SETTINGS_KEY_CASE_SOURCES,
                           G_CALLBACK (compute_values), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::" BP_SETTINGS_KEY_SUPPRESS_SMALL,
                           G_CALLBACK (compute_values), self, G_CONNECT_SWAPPED);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (motion_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (self->metric_dropdown, "notify::selected", G_CALLBACK (metric_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_dropdown, "notify::selected", G_CALLBACK (level_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->age_dropdown, "notify::selected", G_CALLBACK (age_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_adjustment, "value-changed", G_CALLBACK (day_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self, G_CONNECT_SWAPPED);

  self->search_results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->search_results, GTK_SELECTION_BROWSE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->search_results));
  gtk_widget_set_size_request (scrolled, 320, -1);
  self->search_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->search_popover, scrolled);
  gtk_popover_set_autohide (self->search_popover, FALSE);
  gtk_popover_set_has_arrow (self->search_popover, FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->search_popover), GTK_WIDGET (self->search_entry));
  g_signal_connect_object (self->search_results, "row-activated", G_CALLBACK (search_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
}

void
bp_map_page_set_store (BpMapPage *self,
                       BpStore   *store)
{
  g_return_if_fail (BP_IS_MAP_PAGE (self));
  g_return_if_fail (BP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  bp_sector_map_load_async (store, self->load_cancellable, sector_map_loaded_cb, g_object_ref (self));
}

void
bp_map_page_set_scope (BpMapPage *self,
                       BpArea    *scope)
{
  g_return_if_fail (BP_IS_MAP_PAGE (self));

  if (g_set_object (&self->scope, scope))
    zoom_to_scope (self);
}

/**
 * bp_map_page_set_day:
 * @self: a #BpMapPage
 * @day: the reference day (days since 1970-01-01)
 *
 * The date control covers the 60 days up to @day and starts on @day.
 */
void
bp_map_page_set_day (BpMapPage *self,
                     int        day)
{
  g_return_if_fail (BP_IS_MAP_PAGE (self));

  if (self->reference_day == day)
    return;

  self->reference_day = day;
  gtk_toggle_button_set_active (self->play_button, FALSE);
  if (gtk_adjustment_get_value (self->day_adjustment) != N_PLAY_DAYS - 1)
    gtk_adjustment_set_value (self->day_adjustment, N_PLAY_DAYS - 1);
  else
    day_adjustment_changed_cb (self, self->day_adjustment);
}

/* TRUE once the sectors are loaded and coloured, and what shows is current. */
gboolean
bp_map_page_is_ready (BpMapPage *self)
{
  g_return_val_if_fail (BP_IS_MAP_PAGE (self), FALSE);

  return self->renderer != NULL && self->values != NULL &&
         self->layer != NULL && bp_choropleth_layer_is_current (self->layer);
}

/**
 * bp_map_page_select_at:
 * @self: a #BpMapPage
 * @x: x in the map's coordinates
 * @y: y in the map's coordinates
 *
 * Selects the sector under the point, as a click does.
 *
 * Returns: %TRUE when a sector was there
 */
gboolean
bp_map_page_select_at (BpMapPage *self,
                       double     x,
                       double     y)
{
  int sector;

  g_return_val_if_fail (BP_IS_MAP_PAGE (self), FALSE);

  if (self->layer == NULL)
    return FALSE;

  sector = bp_choropleth_layer_hit_test (self->layer, x, y);
  select_sector (self, sector);
  return sector >= 0;
}

const char *
bp_map_page_get_selected_code (BpMapPage *self)
{
  g_return_val_if_fail (BP_IS_MAP_PAGE (self), NULL);

  if (self->selected < 0 || self->sector_map == NULL)
    return NULL;

  return bp_sector_map_get_sector_code (self->sector_map, self->selected);
}

BpChoroplethLayer *
_bp_map_page_get_layer (BpMapPage *self)
{
  return self->layer;
}

BpSectorPanel *
_bp_map_page_get_sector_panel (BpMapPage *self)
{
  return self->sector_panel;
}

AdwFlap *
_bp_map_page_get_flap (BpMapPage *self)
{
  return self->flap;
}

GtkDropDown *
_bp_map_page_get_level_dropdown (BpMapPage *self)
{
  return self->level_dropdown;
}

GtkDropDown *
_bp_map_page_get_source_dropdown (BpMapPage *self)
{
  return self->source_dropdown;
}

BpSectorValues *
_bp_map_page_get_values (BpMapPage *self)
{
  return self->values;
}

/**
 * bp_map_page_show_area:
 * @self: a #BpMapPage
 * @level: the level of the area
 * @code: its code
 *
 * Zooms the map to an area, without changing the scope; a statistical
 * sector is selected too, and its panel opened.
 */
void
bp_map_page_show_area (BpMapPage   *self,
                       BpAreaLevel  level,
                       const char  *code)
{
  g_return_if_fail (BP_IS_MAP_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->sector_map == NULL)
    return;

  zoom_to_area (self, level, code);
  if (level == BP_AREA_LEVEL_SECTOR)
    select_sector (self, bp_sector_map_lookup_sector_code (self->sector_map, code));
}
