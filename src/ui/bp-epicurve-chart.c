/* bp-epicurve-chart.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-epicurve-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-area.h"
#include "bp-epicurve-chart.h"

/* How much one step of the wheel or the keyboard zooms. */
#define ZOOM_STEP 1.25

/* The dashboard's epidemic curve: daily cases of an area as bars, the
 * 7-day average and the reference day, drawn by BpEpicurveChartRenderer
 * (shared with report images). Ctrl+scroll, a pinch or +/- zoom the days
 * shown; a horizontal scroll or the arrow keys move them. */
struct _BpEpicurveChart
{
  GtkWidget                parent_instance;

  BpEpicurveChartRenderer *renderer;
  char                    *title;
  int                      hover_day;
  int                      pinch_days;   /* the days shown when a pinch began */
  int                      pinch_anchor;
  double                   pointer_x;
};

enum {
  PROP_0,
  PROP_DATA,
  PROP_REFERENCE_DAY,
  PROP_STACKING,
  PROP_TITLE,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpEpicurveChart, bp_epicurve_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static void
update_style (BpEpicurveChart *self)
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

  /* ticks and legend a step smaller than body text, as in a figure */
  bp_chart_style_init (&style, &ink, CLAMP (round (font_px * 0.85), 9.0, 18.0));
  bp_epicurve_chart_renderer_set_style (self->renderer, &style);
  bp_epicurve_chart_renderer_set_size (self->renderer,
                                       gtk_widget_get_width (GTK_WIDGET (self)),
                                       gtk_widget_get_height (GTK_WIDGET (self)));
}

static int
shown_days (BpEpicurveChart *self)
{
  int first, last;

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  return last - first + 1;
}

/* The days there is anything to see: the data and the reference day, and
 * at least the default range. */
static void
get_extent (BpEpicurveChart *self,
            int             *first_day,
            int             *last_day)
{
  BpEpicurveData *data = bp_epicurve_chart_renderer_get_data (self->renderer);
  int reference = bp_epicurve_chart_renderer_get_reference_day (self->renderer);

  bp_epicurve_chart_renderer_get_range (self->renderer, first_day, last_day);
  if (data && bp_epicurve_data_get_n_days (data) > 0)
    {
      *first_day = bp_epicurve_data_get_first_day (data);
      *last_day = bp_epicurve_data_get_last_day (data);
    }
  if (reference != BP_CHART_NO_DAY)
    {
      *first_day = MIN (*first_day, reference);
      *last_day = MAX (*last_day, reference);
    }
  *first_day = MIN (*first_day, *last_day - BP_EPICURVE_DEFAULT_DAYS + 1);
}

static void
update_accessible (BpEpicurveChart *self)
{
  BpEpicurveData *data = bp_epicurve_chart_renderer_get_data (self->renderer);
  g_autofree char *period = NULL;
  g_autofree char *description = NULL;
  int first, last, peak_day = BP_CHART_NO_DAY;
  gint64 total = 0, peak = -1;
  guint n_suppressed = 0;

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  period = bp_chart_format_period (first, last);

  for (int day = first; data && day <= last; day++)
    {
      gint64 n = bp_epicurve_data_get_n_cases (data, day);

      if (n < 0)
        n_suppressed++;
      else
        total += n;
      if (n > peak)
        {
          peak = n;
          peak_day = day;
        }
    }

  if (data == NULL)
    /* Translators: the description of an empty epidemic curve for screen readers */
    description = g_strdup_printf (_("No cases loaded for %s"), period);
  else
    {
      g_autofree char *total_text = bp_chart_format_count (total);
      g_autofree char *peak_text = bp_chart_format_count (MAX (peak, 0));
      g_autofree char *peak_date = bp_chart_format_date (peak_day == BP_CHART_NO_DAY ? last : peak_day);

      /* Translators: the description of the epidemic curve for screen
       * readers: the period, the cases in it, the highest day, and how many
       * days show fewer than 5 cases without the number */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%1$s: %2$s cases, at most %3$s on %4$s; %5$u day with fewer than 5 cases not counted",
                                                  "%1$s: %2$s cases, at most %3$s on %4$s; %5$u days with fewer than 5 cases not counted",
                                                  n_suppressed),
                                     period, total_text, peak_text, peak_date, n_suppressed);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : _("Epidemic curve"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
range_changed (BpEpicurveChart *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_DAY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_DAY]);
}

static int
day_at (BpEpicurveChart *self,
        double           x)
{
  BpChartRect plot;
  int first, last;

  update_style (self);
  bp_epicurve_chart_renderer_get_plot_area (self->renderer, &plot);
  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  if (plot.width <= 0)
    return BP_CHART_NO_DAY;

  return first + (int)floor ((x - plot.x) / plot.width * (last - first + 1));
}

static char *
format_cases (gint64 n_cases)
{
  g_autofree char *number = bp_chart_format_count (n_cases);

  if (n_cases < 0)
    /* Translators: a day's count that is hidden because it is 1 to 4 */
    return g_strdup (_("Fewer than 5 cases"));

  /* Translators: a day's cases in a chart's tooltip */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s case", "%s cases", (gulong)n_cases), number);
}

/* A source's part of a day's cases, such as “Clinical (reported by a GP
 * without a test): 12 of 40 cases”. */
static char *
format_source_cases (BpCaseSource source,
                     gint64       n_cases,
                     gint64       total)
{
  const char *name = bp_case_source_get_display_name (source);
  g_autofree char *number = bp_chart_format_count (n_cases);
  g_autofree char *total_number = NULL;

  if (total < n_cases)
    {
      g_autofree char *cases = format_cases (n_cases);

      /* Translators: a case source's cases in a chart's tooltip when the
       * day's total is hidden, as in “Laboratory-confirmed: 12 cases” */
      return g_strdup_printf (_("%1$s: %2$s"), name, cases);
    }

  total_number = bp_chart_format_count (total);
  /* Translators: a case source's part of a day's cases in a chart's
   * tooltip, as in “Clinical (reported by a GP without a test): 12 of 40
   * cases” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$s of %3$s case", "%1$s: %2$s of %3$s cases",
                                       (gulong)total),
                          name, number, total_number);
}

static void
append_escaped (GString    *markup,
                const char *format,
                const char *text)
{
  g_autofree char *escaped = g_markup_printf_escaped (format, text);

  g_string_append (markup, escaped);
}

/* ---- callbacks ---- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           BpEpicurveChart          *self)
{
  BpEpicurveHit hit;
  int day = BP_CHART_NO_DAY;

  self->pointer_x = x;
  update_style (self);
  if (bp_epicurve_chart_renderer_hit_test (self->renderer, x, y, &hit))
    day = hit.day;

  if (day == self->hover_day)
    return;

  self->hover_day = day;
  bp_epicurve_chart_renderer_set_highlight_day (self->renderer, day);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          BpEpicurveChart          *self)
{
  if (self->hover_day == BP_CHART_NO_DAY)
    return;

  self->hover_day = BP_CHART_NO_DAY;
  bp_epicurve_chart_renderer_set_highlight_day (self->renderer, BP_CHART_NO_DAY);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           BpEpicurveChart          *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* A plain vertical scroll belongs to the page the chart sits in. */
  if ((state & GDK_CONTROL_MASK) && dy != 0)
    {
      bp_epicurve_chart_zoom (self, pow (ZOOM_STEP, dy), day_at (self, self->pointer_x));
      return TRUE;
    }

  if (dx != 0 || (state & GDK_SHIFT_MASK))
    {
      double delta = dx != 0 ? dx : dy;
      int step = MAX (1, shown_days (self) / 30);

      bp_epicurve_chart_pan (self, (int)round (delta * step));
      return TRUE;
    }

  return FALSE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               BpEpicurveChart  *self)
{
  double x, y;

  self->pinch_days = shown_days (self);
  self->pinch_anchor = gtk_gesture_get_bounding_box_center (gesture, &x, &y) ? day_at (self, x) : BP_CHART_NO_DAY;
}

static void
zoom_scale_changed_cb (GtkGestureZoom  *gesture,
                       double           scale,
                       BpEpicurveChart *self)
{
  if (scale <= 0 || self->pinch_days <= 0)
    return;

  /* spreading the fingers shows fewer days */
  bp_epicurve_chart_zoom (self, self->pinch_days / scale / shown_days (self), self->pinch_anchor);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  BpEpicurveChart *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip,
                  BpEpicurveChart *self)
{
  g_autofree char *markup = NULL;
  BpChartRect plot;
  double x0, x1;
  BpEpicurveHit hit;

  if (keyboard_mode)
    return FALSE;

  markup = bp_epicurve_chart_dup_tooltip (self, x, y);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  /* a new tooltip for each bar, not one that follows the pointer */
  if (bp_epicurve_chart_renderer_hit_test (self->renderer, x, y, &hit) &&
      bp_epicurve_chart_renderer_get_bar_extents (self->renderer, hit.day, &x0, &x1))
    {
      bp_epicurve_chart_renderer_get_plot_area (self->renderer, &plot);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int)x0, (int)plot.y, MAX ((int)(x1 - x0), 1), (int)plot.height });
    }

  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpEpicurveChart *self = BP_EPICURVE_CHART (widget);
  int direction = g_variant_get_int32 (parameter);

  if (direction == 0)
    bp_epicurve_chart_reset_range (self);
  else
    bp_epicurve_chart_zoom (self, direction > 0 ? 1 / ZOOM_STEP : ZOOM_STEP, self->hover_day);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BpEpicurveChart *self = BP_EPICURVE_CHART (widget);

  bp_epicurve_chart_pan (self, g_variant_get_int32 (parameter) * MAX (1, shown_days (self) / 10));
}

/* ---- vfuncs ---- */

static void
bp_epicurve_chart_measure (GtkWidget      *widget,
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
      *natural = 640;
    }
  else
    {
      *minimum = 220;
      *natural = 320;
    }
}

static void
bp_epicurve_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BpEpicurveChart *self = BP_EPICURVE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  update_style (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bp_epicurve_chart_renderer_draw (self->renderer, cr);
  cairo_destroy (cr);
}

static void
bp_epicurve_chart_dispose (GObject *object)
{
  BpEpicurveChart *self = (BpEpicurveChart *)object;

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (bp_epicurve_chart_parent_class)->dispose (object);
}

static void
bp_epicurve_chart_finalize (GObject *object)
{
  BpEpicurveChart *self = (BpEpicurveChart *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (bp_epicurve_chart_parent_class)->finalize (object);
}

static void
bp_epicurve_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BpEpicurveChart *self = BP_EPICURVE_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, bp_epicurve_chart_get_data (self));
      break;

    case PROP_REFERENCE_DAY:
      g_value_set_int (value, bp_epicurve_chart_get_reference_day (self));
      break;

    case PROP_STACKING:
      g_value_set_enum (value, bp_epicurve_chart_get_stacking (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FIRST_DAY:
      g_value_set_int (value, bp_epicurve_chart_get_first_day (self));
      break;

    case PROP_LAST_DAY:
      g_value_set_int (value, bp_epicurve_chart_get_last_day (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_epicurve_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BpEpicurveChart *self = BP_EPICURVE_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      bp_epicurve_chart_set_data (self, g_value_get_boxed (value));
      break;

    case PROP_REFERENCE_DAY:
      bp_epicurve_chart_set_reference_day (self, g_value_get_int (value));
      break;

    case PROP_STACKING:
      bp_epicurve_chart_set_stacking (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      bp_epicurve_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_epicurve_chart_class_init (BpEpicurveChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_epicurve_chart_dispose;
  object_class->finalize = bp_epicurve_chart_finalize;
  object_class->get_property = bp_epicurve_chart_get_property;
  object_class->set_property = bp_epicurve_chart_set_property;

  widget_class->measure = bp_epicurve_chart_measure;
  widget_class->snapshot = bp_epicurve_chart_snapshot;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, BP_TYPE_EPICURVE_DATA,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REFERENCE_DAY] =
    g_param_spec_int ("reference-day", NULL, NULL, G_MININT, G_MAXINT, BP_CHART_NO_DAY,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STACKING] =
    g_param_spec_enum ("stacking", NULL, NULL, BP_TYPE_EPICURVE_STACKING, BP_EPICURVE_STACKING_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIRST_DAY] =
    g_param_spec_int ("first-day", NULL, NULL, G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_DAY] =
    g_param_spec_int ("last-day", NULL, NULL, G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "epicurve-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "epicurve.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "epicurve.pan", "i", pan_action);
  /* its state is the nick of the stacking: "none", "ages" or "sources" */
  gtk_widget_class_install_property_action (widget_class, "epicurve.stacking", "stacking");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "epicurve.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "epicurve.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "epicurve.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "epicurve.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "epicurve.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "epicurve.zoom", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "epicurve.zoom", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "epicurve.pan", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "epicurve.pan", "i", 1);
}

static void
bp_epicurve_chart_init (BpEpicurveChart *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->renderer = bp_epicurve_chart_renderer_new ();
  self->hover_day = BP_CHART_NO_DAY;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  update_accessible (self);
}

/* ---- public ---- */

GtkWidget *
bp_epicurve_chart_new (void)
{
  return g_object_new (BP_TYPE_EPICURVE_CHART, NULL);
}

/**
 * bp_epicurve_chart_set_data:
 * @self: a #BpEpicurveChart
 * @data: (nullable): the daily counts to show; the chart keeps a reference
 *
 * Shows other counts, keeping the days shown.
 */
void
bp_epicurve_chart_set_data (BpEpicurveChart *self,
                            BpEpicurveData  *data)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  if (bp_epicurve_chart_renderer_get_data (self->renderer) == data)
    return;

  bp_epicurve_chart_renderer_set_data (self->renderer, data);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

BpEpicurveData *
bp_epicurve_chart_get_data (BpEpicurveChart *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), NULL);

  return bp_epicurve_chart_renderer_get_data (self->renderer);
}

/**
 * bp_epicurve_chart_set_reference_day:
 * @self: a #BpEpicurveChart
 * @day: the day the dashboard reports on, or %BP_CHART_NO_DAY
 *
 * Marks @day; unless zoomed, the chart shows the 90 days ending there.
 */
void
bp_epicurve_chart_set_reference_day (BpEpicurveChart *self,
                                     int              day)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  if (bp_epicurve_chart_renderer_get_reference_day (self->renderer) == day)
    return;

  bp_epicurve_chart_renderer_set_reference_day (self->renderer, day);
  range_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE_DAY]);
}

int
bp_epicurve_chart_get_reference_day (BpEpicurveChart *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), BP_CHART_NO_DAY);

  return bp_epicurve_chart_renderer_get_reference_day (self->renderer);
}

/**
 * bp_epicurve_chart_set_stacking:
 * @self: a #BpEpicurveChart
 * @stacking: how to split the bars: by age band, by case source or not
 *
 * Data without counts for the parts chosen shows plain bars.
 */
void
bp_epicurve_chart_set_stacking (BpEpicurveChart    *self,
                                BpEpicurveStacking  stacking)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  if (bp_epicurve_chart_get_stacking (self) == stacking)
    return;

  bp_epicurve_chart_renderer_set_stacking (self->renderer, stacking);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKING]);
}

BpEpicurveStacking
bp_epicurve_chart_get_stacking (BpEpicurveChart *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), BP_EPICURVE_STACKING_NONE);

  return bp_epicurve_chart_renderer_get_stacking (self->renderer);
}

/**
 * bp_epicurve_chart_set_title:
 * @self: a #BpEpicurveChart
 * @title: (nullable): what the chart shows, such as “Daily cases in Leuven”
 *
 * Names the chart for screen readers and heads saved images. The chart on
 * screen leaves its heading to the page.
 */
void
bp_epicurve_chart_set_title (BpEpicurveChart *self,
                             const char      *title)
{
  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bp_epicurve_chart_get_title (BpEpicurveChart *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), NULL);

  return self->title;
}

/**
 * bp_epicurve_chart_set_range:
 * @self: a #BpEpicurveChart
 * @first_day: the first day to show
 * @last_day: the last day to show, at least @first_day
 */
void
bp_epicurve_chart_set_range (BpEpicurveChart *self,
                             int              first_day,
                             int              last_day)
{
  int first, last;

  g_return_if_fail (BP_IS_EPICURVE_CHART (self));
  g_return_if_fail (first_day <= last_day);

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  bp_epicurve_chart_renderer_set_range (self->renderer, first_day, last_day);
  if (first != first_day || last != last_day)
    range_changed (self);
}

/**
 * bp_epicurve_chart_reset_range:
 * @self: a #BpEpicurveChart
 *
 * Goes back to the 90 days ending on the reference day.
 */
void
bp_epicurve_chart_reset_range (BpEpicurveChart *self)
{
  int first, last, new_first, new_last;

  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  bp_epicurve_chart_renderer_unset_range (self->renderer);
  bp_epicurve_chart_renderer_get_range (self->renderer, &new_first, &new_last);
  if (first != new_first || last != new_last)
    range_changed (self);
}

int
bp_epicurve_chart_get_first_day (BpEpicurveChart *self)
{
  int first;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), 0);

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, NULL);
  return first;
}

int
bp_epicurve_chart_get_last_day (BpEpicurveChart *self)
{
  int last;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), 0);

  bp_epicurve_chart_renderer_get_range (self->renderer, NULL, &last);
  return last;
}

/**
 * bp_epicurve_chart_zoom:
 * @self: a #BpEpicurveChart
 * @factor: how many times more days to show: below 1 zooms in
 * @anchor_day: the day that stays in place, or %BP_CHART_NO_DAY for the
 *   middle of the range
 *
 * Shows more or fewer days, from %BP_EPICURVE_CHART_MIN_DAYS to all days
 * with data.
 */
void
bp_epicurve_chart_zoom (BpEpicurveChart *self,
                        double           factor,
                        int              anchor_day)
{
  int first, last, extent_first, extent_last, n_days, extent_days, new_days, new_first;
  double position;

  g_return_if_fail (BP_IS_EPICURVE_CHART (self));
  g_return_if_fail (factor > 0);

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  get_extent (self, &extent_first, &extent_last);
  n_days = last - first + 1;
  extent_days = extent_last - extent_first + 1;

  new_days = (int)round (n_days * factor);
  if (new_days == n_days)
    new_days += factor > 1 ? 1 : -1;
  new_days = CLAMP (new_days, MIN (BP_EPICURVE_CHART_MIN_DAYS, extent_days), MAX (extent_days, n_days));
  if (new_days == n_days)
    return;

  if (anchor_day < first || anchor_day > last)
    anchor_day = first + n_days / 2;
  position = (anchor_day - first + 0.5) / n_days;
  new_first = (int)round (anchor_day + 0.5 - position * new_days);
  new_first = CLAMP (new_first, MIN (extent_first, first), MAX (extent_last, last) - new_days + 1);

  bp_epicurve_chart_set_range (self, new_first, new_first + new_days - 1);
}

/**
 * bp_epicurve_chart_pan:
 * @self: a #BpEpicurveChart
 * @n_days: the days to move by: below 0 moves to earlier days
 *
 * Moves the days shown, keeping within the days with data.
 */
void
bp_epicurve_chart_pan (BpEpicurveChart *self,
                       int              n_days)
{
  int first, last, extent_first, extent_last, new_first;

  g_return_if_fail (BP_IS_EPICURVE_CHART (self));

  bp_epicurve_chart_renderer_get_range (self->renderer, &first, &last);
  get_extent (self, &extent_first, &extent_last);
  new_first = first + n_days;
  new_first = MIN (new_first, MAX (extent_last, last) - (last - first));
  new_first = MAX (new_first, MIN (extent_first, first));
  if (new_first != first)
    bp_epicurve_chart_set_range (self, new_first, new_first + last - first);
}

/**
 * bp_epicurve_chart_get_renderer:
 * @self: a #BpEpicurveChart
 *
 * Returns: (transfer none): the renderer that draws the chart
 */
BpEpicurveChartRenderer *
bp_epicurve_chart_get_renderer (BpEpicurveChart *self)
{
  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), NULL);

  return self->renderer;
}

/**
 * bp_epicurve_chart_dup_tooltip:
 * @self: a #BpEpicurveChart
 * @x: x in the widget
 * @y: y in the widget
 *
 * Gives the tooltip for a point of the chart: the day, its cases and the
 * 7-day average, and the age band or case source under the pointer in a
 * stacked bar.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL where there is
 *   no day with data
 */
char *
bp_epicurve_chart_dup_tooltip (BpEpicurveChart *self,
                               double           x,
                               double           y)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *cases = NULL;
  BpEpicurveHit hit;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), NULL);

  update_style (self);
  if (!bp_epicurve_chart_renderer_hit_test (self->renderer, x, y, &hit))
    return NULL;

  date = bp_chart_format_long_date (hit.day);
  cases = format_cases (hit.n_cases);
  append_escaped (markup, "<b>%s</b>", date);
  append_escaped (markup, "\n%s", cases);

  if (!isnan (hit.average))
    {
      g_autofree char *average = bp_chart_format_number (hit.average, 1);
      /* Translators: the 7-day average of daily cases in a chart's tooltip */
      g_autofree char *line = g_strdup_printf (_("7-day average: %s"), average);

      append_escaped (markup, "\n%s", line);
    }

  if (hit.age_band >= 0)
    {
      g_autofree char *band_cases = format_cases (hit.band_n_cases);
      /* Translators: an age band's cases in a chart's tooltip, as in “Ages 20-29: 12 cases” */
      g_autofree char *line = g_strdup_printf (_("Ages %s: %s"), bp_age_band_get_label (hit.age_band), band_cases);

      append_escaped (markup, "\n%s", line);
    }

  if (hit.source >= 0)
    {
      g_autofree char *line = format_source_cases (hit.source, hit.source_n_cases, hit.n_cases);

      append_escaped (markup, "\n%s", line);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * bp_epicurve_chart_save_to_file:
 * @self: a #BpEpicurveChart
 * @path: the file to write; its extension (.png, .pdf or .svg) sets the format
 * @width: the width in pixels (PNG) or points (PDF, SVG)
 * @height: the height in pixels (PNG) or points (PDF, SVG)
 * @error: return location for a #GError
 *
 * Saves what the chart shows, with its title and period on top, dark on
 * white whatever the style of the app.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
bp_epicurve_chart_save_to_file (BpEpicurveChart  *self,
                                const char       *path,
                                int               width,
                                int               height,
                                GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (BP_IS_EPICURVE_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bp_epicurve_chart_renderer_set_title (self->renderer, self->title);
  ok = bp_epicurve_chart_renderer_render_to_file (self->renderer, path, width, height, error);
  bp_epicurve_chart_renderer_set_title (self->renderer, NULL);

  return ok;
}
