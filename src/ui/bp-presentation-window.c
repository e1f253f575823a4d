/* bp-presentation-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-key-figure-card.h"
#include "bp-presentation-window.h"
#include "bp-ui-format.h"

/* Counts older than this many days turn the banner into a warning. */
#define STALE_DAYS 2

/* The projector view for a crisis cell: fullscreen, the map of the scope
 * and four key figures in large type, under a banner that says how old the
 * data is. */
struct _BpPresentationWindow
{
  AdwWindow           parent_instance;

  GtkBox             *banner;
  GtkLabel           *title_label;
  GtkLabel           *freshness_label;
  GtkDrawingArea     *map_area;
  GtkBox             *figures_box;

  BpDashboardFigures *figures;
  BpMapRenderer      *renderer;
  char               *banner_text;
};

G_DEFINE_FINAL_TYPE (BpPresentationWindow, bp_presentation_window, ADW_TYPE_WINDOW)

static void
map_draw_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  BpPresentationWindow *self = user_data;
  BpArea *scope = bp_dashboard_figures_get_area (self->figures);
  BpSectorMap *map = bp_map_renderer_get_map (self->renderer);
  double legend_width = MIN (280, width * 0.3);
  BpWorldRect rect;
  BpBounds bounds;
  BpMapView view = { 0 };

  if (!bp_sector_map_get_area_bounds (map, bp_area_get_level (scope), bp_area_get_code (scope), &bounds))
    return;

  bp_world_rect_from_bounds (&rect, &bounds);
  view.tile_size = 256;
  view.scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  bp_map_view_fit (&view, &rect, width, height, 24);
  bp_map_renderer_draw (self->renderer, cr, &view);
  bp_map_renderer_set_approximate_key (self->renderer, bp_map_renderer_shows_approximate (self->renderer, &view));

  /* The legend in the lower left corner, on a light card. */
  {
    double legend_height = bp_map_renderer_measure_legend (self->renderer, legend_width);
    double y = height - legend_height - 12;

    cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
    cairo_rectangle (cr, 12, y - 8, legend_width + 16, legend_height + 16);
    cairo_fill (cr);
    bp_map_renderer_draw_legend (self->renderer, cr, 20, y, legend_width);
  }
}

static void
add_figure (BpPresentationWindow *self,
            const char           *title,
            const char           *value,
            const char           *detail,
            BpKeyFigureDirection  direction)
{
  BpKeyFigureCard *card = bp_key_figure_card_new ();

  bp_key_figure_card_set_title (card, title);
  bp_key_figure_card_set_value (card, value);
  bp_key_figure_card_set_detail (card, detail);
  bp_key_figure_card_set_direction (card, direction);
  gtk_box_append (self->figures_box, GTK_WIDGET (card));
}

static void
fill_figures (BpPresentationWindow *self)
{
  BpDashboardFigures *figures = self->figures;
  gboolean suppress = bp_dashboard_figures_get_small_suppressed (figures);
  g_autofree char *cases_7 = bp_ui_format_count (bp_dashboard_figures_get_cases (figures, 7), suppress);
  g_autofree char *before_7 = bp_ui_format_count (bp_dashboard_figures_get_previous_cases (figures, 7), suppress);
  g_autofree char *before_text = g_strdup_printf (_("7 days before: %s"), before_7);
  double incidence = bp_dashboard_figures_get_incidence (figures, 14);
  g_autofree char *incidence_text = isnan (incidence) ? g_strdup (_("<5 cases")) : g_strdup_printf ("%'.0f", incidence);
  double change = bp_dashboard_figures_get_change (figures);
  g_autofree char *change_text = isnan (change) ? g_strdup (_("—")) : g_strdup_printf (_("%+.0f %%"), change);
  double threshold;
  guint n_above = bp_dashboard_figures_get_n_sectors_above (figures, &threshold);
  g_autofree char *above_text = g_strdup_printf ("%'u", n_above);
  g_autofree char *threshold_text = g_strdup_printf (_("14-day incidence ≥ %'.0f per 100,000"), threshold);

  add_figure (self, _("New cases, 7 days"), cases_7, before_text, BP_KEY_FIGURE_STEADY);
  add_figure (self, _("14-day incidence per 100,000"), incidence_text,
              bp_area_get_display_name (bp_dashboard_figures_get_area (figures)), BP_KEY_FIGURE_STEADY);
  add_figure (self, _("Change on the previous 7 days"), change_text,
              isnan (change) ? "" : change >= 5 ? _("Rising") : change <= -5 ? _("Falling") : _("Stable"),
              isnan (change) ? BP_KEY_FIGURE_STEADY : change >= 5 ? BP_KEY_FIGURE_RISING
                             : change <= -5 ? BP_KEY_FIGURE_FALLING : BP_KEY_FIGURE_STEADY);
  add_figure (self, _("Sectors above the alert threshold"), above_text, threshold_text, BP_KEY_FIGURE_STEADY);
}

static void
bp_presentation_window_dispose (GObject *object)
{
  BpPresentationWindow *self = (BpPresentationWindow *)object;

  g_clear_object (&self->figures);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->banner_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PRESENTATION_WINDOW);

  G_OBJECT_CLASS (bp_presentation_window_parent_class)->dispose (object);
}

static void
bp_presentation_window_class_init (BpPresentationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_presentation_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, BP_RESOURCE_PATH "/ui/bp-presentation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPresentationWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, BpPresentationWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpPresentationWindow, freshness_label);
  gtk_widget_class_bind_template_child (widget_class, BpPresentationWindow, map_area);
  gtk_widget_class_bind_template_child (widget_class, BpPresentationWindow, figures_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.close", NULL);
}

static void
bp_presentation_window_init (BpPresentationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_presentation_window_new:
 * @parent: the main window
 * @figures: the dashboard's figures
 * @renderer: the map's renderer, with its values and classes
 *
 * Returns: (transfer full): a new window; present it to go fullscreen
 */
BpPresentationWindow *
bp_presentation_window_new (GtkWindow          *parent,
                            BpDashboardFigures *figures,
                            BpMapRenderer      *renderer)
{
  BpPresentationWindow *self;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *freshness = NULL;
  int age;

  g_return_val_if_fail (BP_IS_DASHBOARD_FIGURES (figures), NULL);
  g_return_val_if_fail (BP_IS_MAP_RENDERER (renderer), NULL);

  self = g_object_new (BP_TYPE_PRESENTATION_WINDOW, "transient-for", parent, NULL);
  self->figures = g_object_ref (figures);

  /* A renderer of its own, with the map's values and classes, whose legend
   * counts the sectors of the scope only. */
  {
    BpArea *scope = bp_dashboard_figures_get_area (figures);
    BpSectorMap *map = bp_map_renderer_get_map (renderer);
    g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint));

    self->renderer = bp_map_renderer_new (map);
    bp_map_renderer_set_values (self->renderer, bp_map_renderer_get_values (renderer));
    bp_map_renderer_set_breaks (self->renderer, bp_map_renderer_get_breaks (renderer));
    if (bp_sector_map_list_area_sectors (map, bp_area_get_level (scope), bp_area_get_code (scope), sectors))
      bp_map_renderer_set_legend_sectors (self->renderer, sectors);
  }

  date = bp_chart_format_full_date (bp_dashboard_figures_get_day (figures));
  if (bp_dashboard_figures_get_sources (figures) == BP_CASE_SOURCE_FILTER_ALL)
    title = g_strdup_printf ("%s — %s", bp_area_get_display_name (bp_dashboard_figures_get_area (figures)), date);
  else
    /* Translators: area — date — which cases are counted, e.g. "Clinical only" */
    title = g_strdup_printf (_("%s — %s — %s"), bp_area_get_display_name (bp_dashboard_figures_get_area (figures)),
                             date, bp_case_source_filter_get_display_name (bp_dashboard_figures_get_sources (figures)));
  freshness = bp_ui_format_freshness (figures, &age);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->freshness_label, freshness);
  if (age > STALE_DAYS)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner), "stale");
  self->banner_text = g_strdup_printf ("%s · %s", title, freshness);

  gtk_drawing_area_set_draw_func (self->map_area, map_draw_cb, self, NULL);
  fill_figures (self);
  gtk_window_fullscreen (GTK_WINDOW (self));

  return self;
}

/**
 * bp_presentation_window_get_banner:
 * @self: a #BpPresentationWindow
 *
 * Returns: the banner's text: area, date and how old the counts are
 */
const char *
bp_presentation_window_get_banner (BpPresentationWindow *self)
{
  g_return_val_if_fail (BP_IS_PRESENTATION_WINDOW (self), NULL);

  return self->banner_text;
}

/**
 * bp_presentation_window_get_renderer:
 * @self: a #BpPresentationWindow
 *
 * Returns: (transfer none): the renderer of the window's map
 */
BpMapRenderer *
bp_presentation_window_get_renderer (BpPresentationWindow *self)
{
  g_return_val_if_fail (BP_IS_PRESENTATION_WINDOW (self), NULL);

  return self->renderer;
}
