/* bp-sector-panel.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sector-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-outline-origin.h"
#include "bp-sector-panel.h"
#include "bp-ui-format.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"

#define SPARKLINE_DAYS 60

/* The side panel of the map: what lies behind the colour of one sector. */
struct _BpSectorPanel
{
  AdwBin          parent_instance;

  GtkLabel       *name_label;
  GtkLabel       *code_label;
  GtkLabel       *approximate_label;
  GtkLabel       *reconstructed_label;
  GtkListBox     *facts_list;
  GtkDrawingArea *sparkline;
  GtkGrid        *age_grid;
  GtkListBox     *clusters_list;

  char           *code;
  GArray         *daily;   /* gint64 per day, oldest first */
  gboolean        suppress_small;
};

G_DEFINE_FINAL_TYPE (BpSectorPanel, bp_sector_panel, ADW_TYPE_BIN)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)))
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
add_fact (BpSectorPanel *self,
          const char    *title,
          const char    *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->facts_list, row);
}

static char *
format_incidence (gint64   count,
                  gint64   population,
                  gboolean suppress_small)
{
  if (count < 0 || (suppress_small && bp_count_is_small (count)))
    return g_strdup (_("<5 cases"));
  if (population <= 0)
    return g_strdup (_("no population"));

  return g_strdup_printf ("%'.1f", count * 100000.0 / population);
}

static void
sparkline_draw_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  BpSectorPanel *self = user_data;
  GdkRGBA colour;
  gint64 max = 1;
  double bar_width;

  if (self->daily == NULL || self->daily->len == 0)
    return;

  /* The scale must not give a hidden count away either. */
  for (guint i = 0; i < self->daily->len; i++)
    if (!self->suppress_small || !bp_count_is_small (g_array_index (self->daily, gint64, i)))
      max = MAX (max, g_array_index (self->daily, gint64, i));

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.15);
  cairo_rectangle (cr, 0, height - 1, width, 1);
  cairo_fill (cr);

  /* The accent red of the map's highest class; a hidden small count is a
   * short stub in the map's "<5" colour, as tall whatever it hides. */
  bar_width = (double)width / self->daily->len;
  for (guint i = 0; i < self->daily->len; i++)
    {
      gint64 n = g_array_index (self->daily, gint64, i);
      double h;

      if (self->suppress_small && bp_count_is_small (n))
        continue;
      h = (height - 2) * (double)n / max;
      cairo_rectangle (cr, i * bar_width, height - 1 - h, MAX (bar_width - 1, 1), h);
    }
  cairo_set_source_rgb (cr, 0.74, 0.0, 0.15);
  cairo_fill (cr);

  if (self->suppress_small)
    {
      for (guint i = 0; i < self->daily->len; i++)
        if (bp_count_is_small (g_array_index (self->daily, gint64, i)))
          cairo_rectangle (cr, i * bar_width, height - 4, MAX (bar_width - 1, 1), 3);
      cairo_set_source_rgb (cr, 0x87 / 255.0, 0x95 / 255.0, 0xad / 255.0);
      cairo_fill (cr);
    }
}

static void
fill_age_bands (BpSectorPanel *self,
                BpStore       *store,
                gint64         sector_id,
                int            day,
                gboolean       is_suppressed,
                gboolean       suppress_small)
{
  gint64 n_cases[BP_N_AGE_BANDS] = { 0 };
  gint64 max = 1;

  remove_children (GTK_WIDGET (self->age_grid));
  if (!bp_store_get_area_window_sums_by_band (store, sector_id, day, 14, n_cases, NULL))
    return;

  /* Suppressed at the source, the window holds placeholders: the bands
   * then show only what is not small. */
  suppress_small |= is_suppressed;
  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    if (!suppress_small || !bp_count_is_small (n_cases[band]))
      max = MAX (max, n_cases[band]);

  for (guint band = 0; band < BP_N_AGE_BANDS; band++)
    {
      gboolean hidden = suppress_small && bp_count_is_small (n_cases[band]);
      g_autofree char *count = bp_ui_format_count (n_cases[band], suppress_small);
      GtkWidget *label = gtk_label_new (bp_age_band_get_label (band));
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, max);
      GtkWidget *value = gtk_label_new (count);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "numeric");
      /* A suppressed small count must not show through the bar either. */
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), hidden ? 0 : n_cases[band]);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "numeric");

      gtk_grid_attach (self->age_grid, label, 0, band, 1, 1);
      gtk_grid_attach (self->age_grid, bar, 1, band, 1, 1);
      gtk_grid_attach (self->age_grid, value, 2, band, 1, 1);
    }
}

static void
fill_clusters (BpSectorPanel *self,
               BpStore       *store,
               const char    *code)
{
  g_autoptr(GPtrArray) clusters = bp_store_list_documents_by_type (store, "cluster", NULL);
  guint n_shown = 0;

  remove_children (GTK_WIDGET (self->clusters_list));

  for (guint i = 0; clusters && i < clusters->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);
      GtkWidget *row;

      if (g_strcmp0 (json_object_get_string_member_with_default (cluster, "sector_code", ""), code) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (cluster, "status", ""), "open") != 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     json_object_get_string_member_with_default (cluster, "title", ""));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (cluster, "opened_on", ""));
      gtk_list_box_append (self->clusters_list, row);
      n_shown++;
    }

  if (n_shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No open clusters in this sector"));
      gtk_list_box_append (self->clusters_list, row);
    }
}

/* What a planner may and may not read from the drawn outline. The real
 * area an approximate outline was cut from has no name of its own; it lies
 * inside @municipality. */
static void
show_outline_origin (BpSectorPanel *self,
                     BpSectorMap   *map,
                     guint          sector,
                     const char    *municipality)
{
  BpOutlineOrigin origin =
    bp_outline_origin_from_geometry_source (bp_sector_map_get_sector_geometry_source (map, sector));
  guint cell_size = bp_sector_map_get_sector_cell_size (map, sector);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->approximate_label), origin == BP_OUTLINE_ORIGIN_APPROXIMATE);
  gtk_widget_set_visible (GTK_WIDGET (self->reconstructed_label), origin == BP_OUTLINE_ORIGIN_RECONSTRUCTED);

  if (origin == BP_OUTLINE_ORIGIN_RECONSTRUCTED)
    gtk_label_set_label (self->reconstructed_label, bp_outline_origin_get_display_name (origin));
  if (origin != BP_OUTLINE_ORIGIN_APPROXIMATE)
    return;

  if (municipality == NULL)
    text = g_strdup (_("Outline approximate: where this sector lies inside its real area is not known. "
                       "Its code, population and counts are exact."));
  else if (cell_size > 1)
    text = g_strdup_printf (ngettext ("Outline approximate: this sector is one of %1$u sharing a real area in %2$s, "
                                      "and where it lies inside that area is not known. Its code, population and "
                                      "counts are exact.",
                                      "Outline approximate: this sector is one of %1$u sharing a real area in %2$s, "
                                      "and where it lies inside that area is not known. Its code, population and "
                                      "counts are exact.",
                                      cell_size),
                            cell_size, municipality);
  else
    text = g_strdup_printf (_("Outline approximate: where this sector lies inside %s is not known. Its code, "
                              "population and counts are exact."),
                            municipality);

  gtk_label_set_label (self->approximate_label, text);
}

static void
bp_sector_panel_dispose (GObject *object)
{
  BpSectorPanel *self = (BpSectorPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_SECTOR_PANEL);

  G_OBJECT_CLASS (bp_sector_panel_parent_class)->dispose (object);
}

static void
bp_sector_panel_finalize (GObject *object)
{
  BpSectorPanel *self = (BpSectorPanel *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->daily, g_array_unref);

  G_OBJECT_CLASS (bp_sector_panel_parent_class)->finalize (object);
}

static void
bp_sector_panel_class_init (BpSectorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_sector_panel_dispose;
  object_class->finalize = bp_sector_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, BP_RESOURCE_PATH "/ui/bp-sector-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, code_label);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, approximate_label);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, reconstructed_label);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, facts_list);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, sparkline);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, age_grid);
  gtk_widget_class_bind_template_child (widget_class, BpSectorPanel, clusters_list);
}

static void
bp_sector_panel_init (BpSectorPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->sparkline, sparkline_draw_cb, self, NULL);
}

/**
 * bp_sector_panel_show_sector:
 * @self: a #BpSectorPanel
 * @store: the store the figures come from
 * @map: the sector map
 * @values: the values on the map, for the reference day
 * @sector: index of the sector in @map
 */
void
bp_sector_panel_show_sector (BpSectorPanel  *self,
                             BpStore        *store,
                             BpSectorMap    *map,
                             BpSectorValues *values,
                             guint           sector)
{
  g_autoptr(BpArea) area = NULL;
  g_autoptr(BpArea) municipality = NULL;
  g_autoptr(BpArea) wijk = NULL;
  g_autoptr(BpArea) care_zone = NULL;
  g_autofree char *population_text = NULL;
  g_autofree char *cases_7_text = NULL;
  g_autofree char *cases_14_text = NULL;
  g_autofree char *incidence_7_text = NULL;
  g_autofree char *incidence_14_text = NULL;
  gint64 sector_id = bp_sector_map_get_sector_id (map, sector);
  gint64 cases_7 = 0, cases_14 = 0, population = 0;
  BpValueFlags flags = BP_VALUE_NONE;
  gboolean is_suppressed;
  double value;
  int day = bp_sector_values_get_day (values);

  g_return_if_fail (BP_IS_SECTOR_PANEL (self));

  g_free (self->code);
  self->code = g_strdup (bp_sector_map_get_sector_code (map, sector));

  gtk_label_set_label (self->name_label, bp_sector_map_get_sector_name (map, sector));
  gtk_label_set_label (self->code_label, self->code);

  bp_sector_values_lookup (values, sector_id, &value, &flags);
  bp_sector_values_get_counts (values, sector_id, &cases_7, &cases_14, &population);
  is_suppressed = (flags & BP_VALUE_SUPPRESSED) != 0;
  self->suppress_small = bp_sector_values_get_small_suppressed (values);

  remove_children (GTK_WIDGET (self->facts_list));
  area = bp_store_dup_area (store, BP_AREA_LEVEL_SECTOR, self->code, NULL);
  if (area && bp_area_get_parent_code (area))
    municipality = bp_store_dup_area (store, BP_AREA_LEVEL_MUNICIPALITY, bp_area_get_parent_code (area), NULL);
  if (municipality && bp_area_get_parent_code (municipality))
    care_zone = bp_store_dup_area (store, BP_AREA_LEVEL_CARE_ZONE, bp_area_get_parent_code (municipality), NULL);

  show_outline_origin (self, map, sector, municipality ? bp_area_get_display_name (municipality) : NULL);

  wijk = bp_store_dup_sector_wijk (store, self->code, NULL);

  if (wijk)
    add_fact (self, _("Neighbourhood"), bp_area_get_display_name (wijk));
  if (municipality)
    add_fact (self, _("Municipality"), bp_area_get_display_name (municipality));
  if (care_zone)
    add_fact (self, _("Primary care zone"), bp_area_get_display_name (care_zone));

  /* Coloured by neighbourhood, the figures are the neighbourhood's. */
  if (wijk && bp_sector_values_get_level (values) == BP_AREA_LEVEL_WIJK)
    add_fact (self, _("Counts and incidences"), _("Of the whole neighbourhood"));

  population_text = g_strdup_printf ("%'" G_GINT64_FORMAT, population);
  add_fact (self, _("Population"), population_text);
  cases_7_text = bp_ui_format_count (cases_7, self->suppress_small);
  add_fact (self, _("Cases, last 7 days"), cases_7_text);
  cases_14_text = bp_ui_format_count (cases_14, self->suppress_small);
  add_fact (self, _("Cases, last 14 days"), cases_14_text);
  incidence_7_text = format_incidence (cases_7, population, self->suppress_small);
  add_fact (self, _("7-day incidence per 100,000"), incidence_7_text);
  incidence_14_text = format_incidence (cases_14, population, self->suppress_small);
  add_fact (self, _("14-day incidence per 100,000"), incidence_14_text);

  g_clear_pointer (&self->daily, g_array_unref);
  self->daily = bp_store_dup_daily_counts (store, sector_id, -1, day - SPARKLINE_DAYS + 1, day, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->sparkline));

  fill_age_bands (self, store, sector_id, day, is_suppressed, self->suppress_small);
  fill_clusters (self, store, self->code);
}

const char *
bp_sector_panel_get_code (BpSectorPanel *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_PANEL (self), NULL);

  return self->code;
}
