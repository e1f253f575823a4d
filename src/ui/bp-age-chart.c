/* bp-age-chart.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-age-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-age-chart.h"

/* The dashboard's age distribution: cases or incidence per age band in the
 * current period against the one before, drawn by BpAgeChartRenderer
 * (shared with report images). */
struct _BpAgeChart
{
  GtkWidget           parent_instance;

  BpAgeChartRenderer *renderer;
  char               *title;
  int                 hover_band;
};

enum {
  PROP_0,
  PROP_DISTRIBUTION,
  PROP_MODE,
  PROP_BREAKS,
  PROP_TITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpAgeChart, bp_age_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static void
update_style (BpAgeChart *self)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  double font_px = 14.0;
  BpChartStyle style;
  BpColour ink;
  GdkRGBA colour;

  /* GTK 4.8 has no gtk_widget_get_color() (4.10) */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &colour);
  ink = (BpColour) { colour.red, colour.green, colour.blue };

  if (font && pango_font_description_get_size (font) > 0)
    {
      font_px = (double)pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        font_px *= 96.0 / 72.0;
    }

  bp_chart_style_init (&style, &ink, CLAMP (round (font_px * 0.85), 9.0, 18.0));
  bp_age_chart_renderer_set_style (self->renderer, &style);
  bp_age_chart_renderer_set_size (self->renderer,
                                  gtk_widget_get_width (GTK_WIDGET (self)),
                                  gtk_widget_get_height (GTK_WIDGET (self)));
}

static char *
format_period_value (const BpAgeDistribution *d,
                     guint                    band,
                     gboolean                 previous)
{
  int last = previous ? d->last_day - d->period_days : d->last_day;
  gint64 n = previous ? d->previous_n_cases[band] : d->n_cases[band];
  double rate = bp_age_distribution_get_rate (d, band, previous);
  g_autofree char *period = bp_chart_format_period (last - d->period_days + 1, last);
  g_autofree char *count = bp_chart_format_count (n);
  g_autofree char *cases = NULL;
  g_autofree char *rate_text = NULL;

  if (n < 0)
    /* Translators: a count of 1 to 4 that is hidden, in a chart's tooltip */
    cases = g_strdup (_("fewer than 5 cases"));
  else
    /* Translators: the cases of an age band in a chart's tooltip */
    cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s case", "%s cases", (gulong)n), count);

  if (!isnan (rate))
    {
      g_autofree char *number = bp_chart_format_number (rate, rate < 10 ? 1 : 0);

      /* Translators: a period, its cases and their incidence, as in
       * “9 – 15 Nov 2026: 55 cases, 68.8 per 100,000” */
      return g_strdup_printf (_("%s: %s, %s per 100,000"), period, cases, number);
    }

  if (n >= 0 && d->population[band] <= 0)
    /* Translators: a period and its cases for an age band without known population */
    return g_strdup_printf (_("%s: %s, population unknown"), period, cases);

  /* Translators: a period and its cases, as in “9 – 15 Nov 2026: fewer than 5 cases” */
  return g_strdup_printf (_("%s: %s"), period, cases);
}

static void
update_accessible (BpAgeChart *self)
{
  const BpAgeDistribution *d = bp_age_chart_renderer_get_distribution (self->renderer);
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint band = 0; d && band < BP_N_AGE_BANDS; band++)
    {
      g_autofree char *current = format_period_value (d, band, FALSE);
      g_autofree char *previous = format_period_value (d, band, TRUE);

      /* Translators: one age band in the description of the age chart for
       * screen readers, as in “Ages 20-29: 9 – 15 Nov 2026: 55 cases; 2 – 8 Nov 2026: 60 cases.” */
      g_string_append_printf (description, _("Ages %s: %s; %s."), bp_age_band_get_label (band), current, previous);
      g_string_append_c (description, ' ');
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : _("Cases by age"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* ---- callbacks ---- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           BpAgeChart               *self)
{
  BpAgeChartHit hit;
  int band = -1;

  update_style (self);
  if (bp_age_chart_renderer_hit_test (self->renderer, x, y, &hit))
    band = hit.age_band;

  if (band == self->hover_band)
    return;

  self->hover_band = band;
  bp_age_chart_renderer_set_highlight_band (self->renderer, band);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          BpAgeChart               *self)
{
  if (self->hover_band < 0)
    return;

  self->hover_band = -1;
  bp_age_chart_renderer_set_highlight_band (self->renderer, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  BpAgeChart *self)
{
  g_autofree char *markup = NULL;
  BpAgeChartHit hit;
  BpChartRect plot;

  if (keyboard_mode)
    return FALSE;

  markup = bp_age_chart_dup_tooltip (self, x, y);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  if (bp_age_chart_renderer_hit_test (self->renderer, x, y, &hit))
    {
      double slot;

      bp_age_chart_renderer_get_plot_area (self->renderer, &plot);
      slot = plot.width / BP_N_AGE_BANDS;
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int)(plot.x + hit.age_band * slot), (int)plot.y,
                                                           MAX ((int)slot, 1), (int)plot.height });
    }

  return TRUE;
}

/* ---- vfuncs ---- */

static void
bp_age_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 520;
    }
  else
    {
      *minimum = 220;
      *natural = 300;
    }
}

static void
bp_age_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  BpAgeChart *self = BP_AGE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  update_style (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bp_age_chart_renderer_draw (self->renderer, cr);
  cairo_destroy (cr);
}

static void
bp_age_chart_dispose (GObject *object)
{
  BpAgeChart *self = (BpAgeChart *)object;

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (bp_age_chart_parent_class)->dispose (object);
}

static void
bp_age_chart_finalize (GObject *object)
{
  BpAgeChart *self = (BpAgeChart *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (bp_age_chart_parent_class)->finalize (object);
}

static void
bp_age_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpAgeChart *self = BP_AGE_CHART (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      g_value_set_boxed (value, bp_age_chart_get_distribution (self));
      break;

    case PROP_MODE:
      g_value_set_enum (value, bp_age_chart_get_mode (self));
      break;

    case PROP_BREAKS:
      g_value_set_object (value, bp_age_chart_get_breaks (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_age_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BpAgeChart *self = BP_AGE_CHART (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      bp_age_chart_set_distribution (self, g_value_get_boxed (value));
      break;

    case PROP_MODE:
      bp_age_chart_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_BREAKS:
      bp_age_chart_set_breaks (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
      bp_age_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_age_chart_class_init (BpAgeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_age_chart_dispose;
  object_class->finalize = bp_age_chart_finalize;
  object_class->get_property = bp_age_chart_get_property;
  object_class->set_property = bp_age_chart_set_property;

  widget_class->measure = bp_age_chart_measure;
  widget_class->snapshot = bp_age_chart_snapshot;

  properties[PROP_DISTRIBUTION] =
    g_param_spec_boxed ("distribution", NULL, NULL, BP_TYPE_AGE_DISTRIBUTION,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, BP_TYPE_AGE_CHART_MODE, BP_AGE_CHART_MODE_COUNT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BREAKS] =
    g_param_spec_object ("breaks", NULL, NULL, BP_TYPE_CLASS_BREAKS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "age-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  /* “count” or “incidence”, for a toggle on the page */
  gtk_widget_class_install_property_action (widget_class, "age-chart.mode", "mode");
}

static void
bp_age_chart_init (BpAgeChart *self)
{
  GtkEventController *controller;

  self->renderer = bp_age_chart_renderer_new ();
  self->hover_band = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/* ---- public ---- */

GtkWidget *
bp_age_chart_new (void)
{
  return g_object_new (BP_TYPE_AGE_CHART, NULL);
}

/**
 * bp_age_chart_set_distribution:
 * @self: a #BpAgeChart
 * @distribution: (nullable): the cases per age band, copied
 */
void
bp_age_chart_set_distribution (BpAgeChart              *self,
                               const BpAgeDistribution *distribution)
{
  const BpAgeDistribution *old;

  g_return_if_fail (BP_IS_AGE_CHART (self));

  old = bp_age_chart_renderer_get_distribution (self->renderer);
  if (old == NULL && distribution == NULL)
    return;
  if (old && distribution && memcmp (old, distribution, sizeof (BpAgeDistribution)) == 0)
    return;

  bp_age_chart_renderer_set_distribution (self->renderer, distribution);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRIBUTION]);
}

const BpAgeDistribution *
bp_age_chart_get_distribution (BpAgeChart *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART (self), NULL);

  return bp_age_chart_renderer_get_distribution (self->renderer);
}

/**
 * bp_age_chart_set_mode:
 * @self: a #BpAgeChart
 * @mode: whether the bars show counts or incidence per 100,000
 */
void
bp_age_chart_set_mode (BpAgeChart     *self,
                       BpAgeChartMode  mode)
{
  g_return_if_fail (BP_IS_AGE_CHART (self));

  if (bp_age_chart_renderer_get_mode (self->renderer) == mode)
    return;

  bp_age_chart_renderer_set_mode (self->renderer, mode);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

BpAgeChartMode
bp_age_chart_get_mode (BpAgeChart *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART (self), BP_AGE_CHART_MODE_COUNT);

  return bp_age_chart_renderer_get_mode (self->renderer);
}

/**
 * bp_age_chart_set_breaks:
 * @self: a #BpAgeChart
 * @breaks: (nullable): the incidence classes of the map, to colour the bars
 *   alike; %NULL for the default classes
 */
void
bp_age_chart_set_breaks (BpAgeChart    *self,
                         BpClassBreaks *breaks)
{
  g_return_if_fail (BP_IS_AGE_CHART (self));

  if (bp_age_chart_renderer_get_breaks (self->renderer) == breaks)
    return;

  bp_age_chart_renderer_set_breaks (self->renderer, breaks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKS]);
}

BpClassBreaks *
bp_age_chart_get_breaks (BpAgeChart *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART (self), NULL);

  return bp_age_chart_renderer_get_breaks (self->renderer);
}

/**
 * bp_age_chart_set_title:
 * @self: a #BpAgeChart
 * @title: (nullable): what the chart shows, such as “Cases by age in Leuven”
 *
 * Names the chart for screen readers and heads saved images. The chart on
 * screen leaves its heading to the page.
 */
void
bp_age_chart_set_title (BpAgeChart *self,
                        const char *title)
{
  g_return_if_fail (BP_IS_AGE_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bp_age_chart_get_title (BpAgeChart *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART (self), NULL);

  return self->title;
}

/**
 * bp_age_chart_get_renderer:
 * @self: a #BpAgeChart
 *
 * Returns: (transfer none): the renderer that draws the chart
 */
BpAgeChartRenderer *
bp_age_chart_get_renderer (BpAgeChart *self)
{
  g_return_val_if_fail (BP_IS_AGE_CHART (self), NULL);

  return self->renderer;
}

/**
 * bp_age_chart_dup_tooltip:
 * @self: a #BpAgeChart
 * @x: x in the widget
 * @y: y in the widget
 *
 * Gives the tooltip for a point of the chart: the age band under it, with
 * its cases and incidence in both periods.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL away from the bands
 */
char *
bp_age_chart_dup_tooltip (BpAgeChart *self,
                          double      x,
                          double      y)
{
  const BpAgeDistribution *d;
  g_autofree char *heading = NULL;
  g_autofree char *current = NULL;
  g_autofree char *previous = NULL;
  BpAgeChartHit hit;

  g_return_val_if_fail (BP_IS_AGE_CHART (self), NULL);

  update_style (self);
  d = bp_age_chart_renderer_get_distribution (self->renderer);
  if (d == NULL || !bp_age_chart_renderer_hit_test (self->renderer, x, y, &hit))
    return NULL;

  /* Translators: an age band in a chart's tooltip, as in “Ages 20-29” */
  heading = g_strdup_printf (_("Ages %s"), bp_age_band_get_label (hit.age_band));
  current = format_period_value (d, hit.age_band, FALSE);
  previous = format_period_value (d, hit.age_band, TRUE);

  return g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", heading, current, previous);
}

/**
 * bp_age_chart_save_to_file:
 * @self: a #BpAgeChart
 * @path: the file to write; its extension (.png, .pdf or .svg) sets the format
 * @width: the width in pixels (PNG) or points (PDF, SVG)
 * @height: the height in pixels (PNG) or points (PDF, SVG)
 * @error: return location for a #GError
 *
 * Saves what the chart shows, with its title and periods on top, dark on
 * white whatever the style of the app.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_age_chart_save_to_file (BpAgeChart  *self,
                           const char  *path,
                           int          width,
                           int          height,
                           GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (BP_IS_AGE_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bp_age_chart_renderer_set_title (self->renderer, self->title);
  ok = bp_age_chart_renderer_render_to_file (self->renderer, path, width, height, error);
  bp_age_chart_renderer_set_title (self->renderer, NULL);

  return ok;
}
