/* bp-dashboard-page.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-dashboard-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-age-chart.h"
#include "bp-alert-rules.h"
#include "bp-dashboard-page.h"
#include "bp-day.h"
#include "bp-epicurve-chart.h"
#include "bp-figures-charts.h"
#include "bp-key-figure-card.h"
#include "bp-ranking-item.h"
#include "bp-case-source-choice.h"
#include "bp-settings.h"
#include "bp-ui-format.h"

enum {
  CARD_CASES_DAY,
  CARD_CASES_7,
  CARD_CASES_14,
  CARD_INCIDENCE_14,
  CARD_CHANGE,
  CARD_SECTORS_ABOVE,
  CARD_CLUSTERS,
  CARD_NURSING_HOMES,
  N_CARDS
};

/* Alerts listed on the page; the rest are counted. */
#define MAX_ALERT_ROWS 40

/* Rows the ranking shows until the user asks for all of them. GTK 4.8's
 * column view makes a new widget for each row added and destroys each row
 * removed, so a table that keeps about as many rows from scope to scope
 * refreshes much faster than one that grows from 5 provinces to 70
 * neighbourhoods and back. */
#define RANKING_PAGE_ROWS 25

/* The days the curve's range choices cover; 0 is everything. */
static const int curve_ranges[] = { 30, 90, 180, 365, 0 };

/* How the curve's stacking choices split its bars, in their order. */
static const BpEpicurveStacking curve_stackings[] = {
  BP_EPICURVE_STACKING_NONE, BP_EPICURVE_STACKING_AGE_BANDS, BP_EPICURVE_STACKING_SOURCES,
};

/* The Dashboard page: key figures, epidemic curve, age distribution,
 * alerts and a ranking of the areas of the header's scope at its date. */
struct _BpDashboardPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;  /* the AdwBin's child, so not bound */
  AdwStatusPage      *empty_page;
  GtkLabel           *title_label;
  GtkLabel           *freshness_label;
  GtkFlowBox         *cards_box;
  GtkBox             *curve_card;
  GtkDropDown        *stacking_dropdown;
  GtkDropDown        *range_dropdown;
  GtkBox             *age_card;
  GtkDropDown        *age_mode_dropdown;
  GtkLabel           *new_alerts_label;
  GtkListBox         *alerts_list;
  GtkLabel           *ranking_title;
  GtkDropDown        *ranking_level_dropdown;
  GtkDropDown        *source_dropdown;
  GtkLabel           *alerts_sources_label;
  GtkColumnView      *ranking_view;
  GtkButton          *ranking_more_button;

  BpKeyFigureCard    *cards[N_CARDS];
  BpEpicurveChart    *curve;
  BpAgeChart         *age_chart;
  GListStore         *ranking_items;   /* every area, as computed */
  GtkSortListModel   *ranking_sorted;  /* the same, in the table's order */
  GListStore         *ranking_rows;    /* what the table shows */
  gboolean            ranking_show_all;
  gboolean            updating_ranking;

  GSettings          *settings;
  BpStore            *store;
  BpCountCube        *cube;
  BpArea             *area;
  int                 day;
  BpDashboardFigures *figures;
  BpAlertRules       *rules;
  GListModel         *alerts;
  GCancellable       *cancellable;
  GCancellable       *alerts_cancellable;
  gint64              refresh_started;
  gint64              last_compute_time;
  gint64              last_refresh_time;
  GdkFrameClock      *paint_clock;
  gulong              after_paint_handler;
};

G_DEFINE_FINAL_TYPE (BpDashboardPage, bp_dashboard_page, ADW_TYPE_BIN)

/* ---- key figures ---- */

static void
set_card (BpDashboardPage *self,
          guint            card,
          const char      *value,
          const char      *detail,
          const char      *explanation)
{
  bp_key_figure_card_set_value (self->cards[card], value);
  bp_key_figure_card_set_detail (self->cards[card], detail);
  bp_key_figure_card_set_explanation (self->cards[card], explanation);
}


/* What the figures count, for the cards' explanations. */
static char *
describe_sources (BpCaseSourceFilter sources)
{
  switch (sources)
    {
    case BP_CASE_SOURCE_FILTER_CONFIRMED:
      return g_strdup (_("Only laboratory-confirmed cases are counted."));
    case BP_CASE_SOURCE_FILTER_CLINICAL:
      return g_strdup (_("Only clinical cases are counted: patients a general practitioner reported without a test."));
    default:
      return g_strdup (_("Laboratory-confirmed and clinical cases (reported by a general practitioner without a test) are counted together; the card shows the split."));
    }
}

/* "12 confirmed · 3 clinical", or NULL when there is nothing to split. */
static char *
format_source_split (BpDashboardFigures *figures,
                     int                 window_days,
                     gboolean            suppress)
{
  gint64 confirmed = bp_dashboard_figures_get_cases_by_source (figures, window_days, BP_CASE_SOURCE_CONFIRMED);
  gint64 clinical = bp_dashboard_figures_get_cases_by_source (figures, window_days, BP_CASE_SOURCE_CLINICAL);
  gint64 unrecorded = bp_dashboard_figures_get_cases_by_source (figures, window_days, BP_CASE_SOURCE_UNRECORDED);
  g_autofree char *confirmed_text = NULL;
  g_autofree char *clinical_text = NULL;

  if (confirmed == 0 && clinical == 0)
    return NULL;

  confirmed_text = bp_ui_format_count (confirmed, suppress);
  clinical_text = bp_ui_format_count (clinical, suppress);
  if (unrecorded != 0)
    {
      g_autofree char *unrecorded_text = bp_ui_format_count (unrecorded, suppress);

      /* Translators: cases by source, e.g. "12 confirmed · 3 clinical · 5 not recorded" */
      return g_strdup_printf (_("%s confirmed · %s clinical · %s not recorded"),
                              confirmed_text, clinical_text, unrecorded_text);
    }

  /* Translators: cases by source, e.g. "12 confirmed · 3 clinical" */
  return g_strdup_printf (_("%s confirmed · %s clinical"), confirmed_text, clinical_text);
}

static void
update_cards (BpDashboardPage *self)
{
  BpDashboardFigures *figures = self->figures;
  gboolean suppress = bp_dashboard_figures_get_small_suppressed (figures);
  const char *area_name = bp_area_get_display_name (bp_dashboard_figures_get_area (figures));
  g_autofree char *date = bp_chart_format_full_date (self->day);
  static const int windows[] = { 1, 7, 14 };
  BpCaseSourceFilter sources = bp_dashboard_figures_get_sources (figures);
  g_autofree char *counted = describe_sources (sources);
  double incidence, change, threshold;
  guint n_above;
  int signal_days;

  /* Alerts keep counting every case: an acknowledged alert must not come
   * back, or go, with the source a user looks at. */
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_sources_label), sources != BP_CASE_SOURCE_FILTER_ALL);

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autofree char *value = bp_ui_format_count (bp_dashboard_figures_get_cases (figures, windows[i]), suppress);
      g_autofree char *previous = bp_ui_format_count (bp_dashboard_figures_get_previous_cases (figures, windows[i]),
                                                suppress);
      g_autofree char *detail = NULL;
      g_autofree char *explanation = NULL;

      g_autofree char *split = NULL;

      if (windows[i] == 1)
        {
          /* Translators: the cases of the day before the reference day */
          detail = g_strdup_printf (_("Day before: %s"), previous);
          /* Translators: %s are a date, an area, and which cases are counted */
          explanation = g_strdup_printf (_("Cases reported for %s in %s, all ages. %s"), date, area_name, counted);
        }
      else
        {
          /* Translators: the cases of the N days before the last N days */
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day before: %s", "%d days before: %s", windows[i]),
                                    windows[i], previous);
          explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Cases in %s in the last %d day up to %s, all ages. %s",
                                                      "Cases in %s in the last %d days up to %s, all ages. %s",
                                                      windows[i]),
                                         area_name, windows[i], date, counted);
        }

      /* With every source counted, the card says how many were tested. */
      if (sources == BP_CASE_SOURCE_FILTER_ALL && (split = format_source_split (figures, windows[i], suppress)))
        {
          g_autofree char *both = g_strdup_printf ("%s\n%s", split, detail);

          g_free (detail);
          detail = g_steal_pointer (&both);
        }
      set_card (self, CARD_CASES_DAY + i, value, detail, explanation);
    }

  incidence = bp_dashboard_figures_get_incidence (figures, 14);
  {
    g_autofree char *value = isnan (incidence) ? g_strdup (_("<5 cases")) : g_strdup_printf ("%'.0f", incidence);
    gint64 population = bp_dashboard_figures_get_population (figures);
    g_autofree char *population_text = g_strdup_printf ("%'" G_GINT64_FORMAT, population);
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s resident", "%s residents",
                                                            (gulong)MAX (population, 0)),
                                               population_text);

    if (isnan (incidence) && bp_dashboard_figures_get_population (figures) <= 0)
      {
        g_free (value);
        value = g_strdup (_("—"));
      }
    {
      g_autofree char *explanation = g_strdup_printf (_("Cases of the last 14 days per 100,000 residents. ECDC’s classes start at 20, 60, 120, 240, 480 and 960. %s"),
                                                      counted);

      set_card (self, CARD_INCIDENCE_14, value, detail, explanation);
    }
  }

  change = bp_dashboard_figures_get_change (figures);
  {
    g_autofree char *value = NULL;
    g_autofree char *now = bp_ui_format_count (bp_dashboard_figures_get_cases (figures, 7), suppress);
    g_autofree char *before = bp_ui_format_count (bp_dashboard_figures_get_previous_cases (figures, 7), suppress);
    g_autofree char *detail = NULL;
    BpKeyFigureDirection direction = BP_KEY_FIGURE_STEADY;

    if (isnan (change))
      value = g_strdup (_("—"));
    else
      /* Translators: a change in percent with its sign, e.g. "+12 %" */
      value = g_strdup_printf (_("%+.0f %%"), change);
    if (!isnan (change) && change >= 5)
      {
        direction = BP_KEY_FIGURE_RISING;
        /* Translators: cases of the last 7 days, then of the 7 before */
        detail = g_strdup_printf (_("Rising: %s against %s"), now, before);
      }
    else if (!isnan (change) && change <= -5)
      {
        direction = BP_KEY_FIGURE_FALLING;
        detail = g_strdup_printf (_("Falling: %s against %s"), now, before);
      }
    else
      detail = g_strdup_printf (_("Stable: %s against %s"), now, before);

    bp_key_figure_card_set_direction (self->cards[CARD_CHANGE], direction);
    set_card (self, CARD_CHANGE, value, detail,
              _("Cases of the last 7 days against the 7 days before, in percent. A change of less than five percent counts as stable."));
  }

  n_above = bp_dashboard_figures_get_n_sectors_above (figures, &threshold);
  {
    g_autofree char *value = g_strdup_printf ("%'u", n_above);
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "of %'u sector", "of %'u sectors",
                                                            bp_dashboard_figures_get_n_sectors (figures)),
                                               bp_dashboard_figures_get_n_sectors (figures));
    g_autofree char *explanation = g_strdup_printf (_("Statistical sectors of %s with a 14-day incidence of %'.0f per 100,000 or more. Sectors whose counts are hidden are not counted."),
                                                    area_name, threshold);

    set_card (self, CARD_SECTORS_ABOVE, value, detail, explanation);
  }

  {
    g_autofree char *value = g_strdup_printf ("%'u", bp_dashboard_figures_get_n_open_clusters (figures));

    set_card (self, CARD_CLUSTERS, value, _("Under investigation"),
              _("Clusters with status open whose index sector lies in the area."));
  }

  {
    g_autofree char *value = g_strdup_printf ("%'u", bp_dashboard_figures_get_n_signalling_homes (figures, &signal_days));
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %d day", "Last %d days", signal_days),
                                               signal_days);

    set_card (self, CARD_NURSING_HOMES, value, detail,
              _("Nursing homes in the area that reported residents or staff with a positive test."));
  }
}

/* ---- charts ---- */

static void
update_curve (BpDashboardPage *self)
{
  g_autoptr(BpEpicurveData) data = bp_epicurve_data_new_for_figures (self->figures);
  int range;

  bp_epicurve_chart_set_data (self->curve, data);
  bp_epicurve_chart_set_reference_day (self->curve, self->day);
  range = curve_ranges[MIN (gtk_drop_down_get_selected (self->range_dropdown), G_N_ELEMENTS (curve_ranges) - 1)];
  if (range > 0)
    bp_epicurve_chart_set_range (self->curve, self->day - range + 1, self->day);
  else
    bp_epicurve_chart_set_range (self->curve, bp_epicurve_data_get_first_day (data), self->day);
}

static void
update_age_chart (BpDashboardPage *self)
{
  g_autoptr(BpAgeDistribution) distribution = bp_age_distribution_new_for_figures (self->figures);

  bp_age_chart_set_distribution (self->age_chart, distribution);
}

static void refresh_alerts (BpDashboardPage *self);

/* ---- alerts ---- */

static void
acknowledge_cb (BpDashboardPage *self,
                GtkEntry        *entry)
{
  BpAlert *alert = g_object_get_data (G_OBJECT (entry), "bp-alert");
  g_autoptr(GError) error = NULL;
  const char *note = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (!bp_alert_acknowledge (alert, self->store, note, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", _("Alert acknowledged"));
  /* The acknowledgement is in the store now: read the alerts again. */
  refresh_alerts (self);
}

/* The note's popover is made when it opens: a list of alerts would
 * otherwise build a popover for each row at every refresh. */
static void
create_acknowledge_popover (GtkMenuButton *button,
                            gpointer       user_data)
{
  BpDashboardPage *self = user_data;
  BpAlert *alert = g_object_get_data (G_OBJECT (button), "bp-alert");
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("Note for the team"));
  GtkWidget *entry = gtk_entry_new ();

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What was done, e.g. “team informed”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note for the team"), -1);
  g_object_set_data_full (G_OBJECT (entry), "bp-alert", g_object_ref (alert), g_object_unref);
  g_signal_connect_object (entry, "activate", G_CALLBACK (acknowledge_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
make_acknowledge_button (BpDashboardPage *self,
                         BpAlert         *alert)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Acknowledge…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "bp-alert", g_object_ref (alert), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_acknowledge_popover, self, NULL);

  return button;
}

/* The severity shows when the icon's tooltip opens: GTK 4.8's
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is, a
 * round trip for each of up to 40 rows. Screen readers have it as the
 * icon's label. */
static gboolean
severity_icon_query_tooltip_cb (GtkWidget  *icon,
                                int         x,
                                int         y,
                                gboolean    keyboard_tooltip,
                                GtkTooltip *tooltip,
                                gpointer    user_data)
{
  BpAlertSeverity severity = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (icon), "bp-severity"));

  gtk_tooltip_set_text (tooltip, bp_alert_severity_get_display_name (severity));
  return TRUE;
}

static void
update_alerts (BpDashboardPage *self)
{
  GListModel *alerts = self->alerts;
  guint n_new = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alerts_list))))
    gtk_list_box_remove (self->alerts_list, child);

  if (alerts == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->rules ? _("Checking the alert rules…")
                                                                            : _("No alert rules are installed"));
      gtk_list_box_append (self->alerts_list, row);
      gtk_widget_set_visible (GTK_WIDGET (self->new_alerts_label), FALSE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);

      if (bp_alert_get_is_new (alert))
        n_new++;
    }

  /* The most severe first, as the rules give them; a wave can fire
   * thousands, of which a list shows the first. The report and
   * brandpunt-tool alerts have them all. */
  for (guint i = 0; i < MIN (g_list_model_get_n_items (alerts), MAX_ALERT_ROWS); i++)
    {
      g_autoptr(BpAlert) alert = g_list_model_get_item (alerts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (bp_alert_get_severity (alert) == BP_ALERT_SEVERITY_CRITICAL
                                                      ? "dialog-error-symbolic"
                                                      : bp_alert_get_severity (alert) == BP_ALERT_SEVERITY_WARNING
                                                      ? "dialog-warning-symbolic"
                                                      : "dialog-information-symbolic");
      const char *subject = bp_alert_get_subject_name (alert);
      g_autofree char *title = NULL;

      if (subject == NULL)
        subject = bp_area_get_display_name (bp_alert_get_area (alert));
      title = g_strdup_printf ("%s — %s", bp_alert_get_title (alert), subject);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      bp_alert_severity_get_display_name (bp_alert_get_severity (alert)), -1);
      g_object_set_data (G_OBJECT (icon), "bp-severity", GINT_TO_POINTER (bp_alert_get_severity (alert)));
      gtk_widget_set_has_tooltip (icon, TRUE);
      g_signal_connect (icon, "query-tooltip", G_CALLBACK (severity_icon_query_tooltip_cb), NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      if (bp_alert_get_is_acknowledged (alert))
        {
          g_autofree char *subtitle = g_strdup_printf (_("%s\nAcknowledged: %s"), bp_alert_get_message (alert),
                                                       bp_alert_get_acknowledgement_note (alert));
          g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
          gtk_widget_add_css_class (row, "dim-label");
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (bp_alert_get_message (alert), -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_acknowledge_button (self, alert));
        }

      if (bp_alert_get_is_new (alert))
        {
          GtkWidget *badge = gtk_label_new (_("New"));

          gtk_widget_add_css_class (badge, "new-badge");
          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
        }

      gtk_list_box_append (self->alerts_list, row);
    }

  if (g_list_model_get_n_items (alerts) > MAX_ALERT_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      guint n_more = g_list_model_get_n_items (alerts) - MAX_ALERT_ROWS;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u more alert, in the situation report",
                                                            "%'u more alerts, in the situation report", n_more), n_more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (self->alerts_list, row);
    }

  if (g_list_model_get_n_items (alerts) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No alerts for this area and date"));
      gtk_list_box_append (self->alerts_list, row);
    }

  if (n_new > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new since your last visit",
                                                            "%u new since your last visit", n_new), n_new);

      gtk_label_set_label (self->new_alerts_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_alerts_label), n_new > 0);
}

/* ---- ranking ---- */

static void
update_ranking_more_button (BpDashboardPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->ranking_sorted));
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->ranking_more_button), n_items > RANKING_PAGE_ROWS);
  if (n_items <= RANKING_PAGE_ROWS)
    return;

  if (self->ranking_show_all)
    /* Translators: %u is the number of rows the table shows at first */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show Only the First %u Area",
                                          "Show Only the First %u Areas", RANKING_PAGE_ROWS),
                             RANKING_PAGE_ROWS);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Area", "Show All %u Areas", n_items),
                             n_items);
  gtk_button_set_label (self->ranking_more_button, label);
}

/* The table's rows are items of their own, which take the figures of the
 * sorted areas in order. Its row widgets then stay as they are when the
 * figures or the order change, and only rows whose figures changed have
 * their cells set again. */
static void
fill_ranking_rows (BpDashboardPage *self)
{
  GListModel *sorted = G_LIST_MODEL (self->ranking_sorted);
  GListModel *rows = G_LIST_MODEL (self->ranking_rows);
  guint n_items = g_list_model_get_n_items (sorted);
  guint n_shown = self->ranking_show_all ? n_items : MIN (n_items, RANKING_PAGE_ROWS);
  guint n_rows = g_list_model_get_n_items (rows);

  for (guint i = 0; i < MIN (n_shown, n_rows); i++)
    {
      g_autoptr(BpRankingItem) row = g_list_model_get_item (rows, i);
      g_autoptr(BpRankingItem) item = g_list_model_get_item (sorted, i);

      bp_ranking_item_update (row, bp_ranking_item_get_level (item), bp_ranking_item_get_row (item),
                              bp_ranking_item_get_small_suppressed (item));
    }
  if (n_shown > n_rows)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_rows; i < n_shown; i++)
        {
          g_autoptr(BpRankingItem) item = g_list_model_get_item (sorted, i);

          g_ptr_array_add (added, bp_ranking_item_new (bp_ranking_item_get_level (item), bp_ranking_item_get_row (item),
                                                       bp_ranking_item_get_small_suppressed (item)));
        }
      g_list_store_splice (self->ranking_rows, n_rows, 0, added->pdata, added->len);
    }
  else if (n_shown < n_rows)
    g_list_store_splice (self->ranking_rows, n_shown, n_rows - n_shown, NULL, 0);

  update_ranking_more_button (self);
}

/* The user sorted the table by another column. */
static void
ranking_sorted_items_changed_cb (BpDashboardPage *self)
{
  if (!self->updating_ranking)
    fill_ranking_rows (self);
}

static void
show_all_areas_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BpDashboardPage *self = BP_DASHBOARD_PAGE (widget);

  self->ranking_show_all = !self->ranking_show_all;
  fill_ranking_rows (self);
}

static void
update_ranking (BpDashboardPage *self)
{
  gboolean sectors = gtk_drop_down_get_selected (self->ranking_level_dropdown) == 1;
  BpIndicators *indicators = bp_dashboard_figures_get_ranking (self->figures, sectors);
  const BpIndicatorQuery *query = bp_indicators_get_query (indicators);
  gboolean suppress = bp_dashboard_figures_get_small_suppressed (self->figures);
  guint n_rows = bp_indicators_get_n_rows (indicators);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->ranking_items));
  BpArea *area = bp_dashboard_figures_get_area (self->figures);
  g_autofree char *title = NULL;

  /* Reuse the items there are; add or drop only the difference. The table
   * follows once, from the sorted items. */
  self->updating_ranking = TRUE;
  for (guint i = 0; i < MIN (n_rows, n_items); i++)
    {
      g_autoptr(BpRankingItem) item = g_list_model_get_item (G_LIST_MODEL (self->ranking_items), i);

      bp_ranking_item_update (item, query->level, bp_indicators_get_row (indicators, i), suppress);
    }
  /* The sort keys changed with the figures: sort again before anything is
   * added, which is compared with them. */
  if (MIN (n_rows, n_items) > 0)
    gtk_sorter_changed (gtk_column_view_get_sorter (self->ranking_view), GTK_SORTER_CHANGE_DIFFERENT);
  if (n_rows > n_items)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_items; i < n_rows; i++)
        g_ptr_array_add (items, bp_ranking_item_new (query->level, bp_indicators_get_row (indicators, i), suppress));
      g_list_store_splice (self->ranking_items, n_items, 0, items->pdata, items->len);
    }
  else if (n_rows < n_items)
    g_list_store_splice (self->ranking_items, n_rows, n_items - n_rows, NULL, 0);
  self->updating_ranking = FALSE;
  fill_ranking_rows (self);

  switch (query->level)
    {
    case BP_AREA_LEVEL_PROVINCE:
      /* Translators: %s is an area, such as "Vlaams Gewest" */
      title = g_strdup_printf (_("Provinces in %s, last 14 days"), bp_area_get_display_name (area));
      break;
    case BP_AREA_LEVEL_CARE_ZONE:
      title = g_strdup_printf (_("Primary care zones in %s, last 14 days"), bp_area_get_display_name (area));
      break;
    case BP_AREA_LEVEL_MUNICIPALITY:
      title = g_strdup_printf (_("Municipalities in %s, last 14 days"), bp_area_get_display_name (area));
      break;
    case BP_AREA_LEVEL_WIJK:
      title = g_strdup_printf (_("Neighbourhoods in %s, last 14 days"), bp_area_get_display_name (area));
      break;
    case BP_AREA_LEVEL_SECTOR:
    case BP_AREA_LEVEL_REGION:
    default:
      title = g_strdup_printf (_("Statistical sectors in %s, last 14 days"), bp_area_get_display_name (area));
      break;
    }
  gtk_label_set_label (self->ranking_title, title);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  if (GPOINTER_TO_INT (user_data))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

typedef enum
{
  COLUMN_NAME,
  COLUMN_CODE,
  COLUMN_POPULATION,
  COLUMN_CASES,
  COLUMN_PREVIOUS,
  COLUMN_INCIDENCE,
  COLUMN_TREND,
} RankingColumn;

static void
update_cell (GtkListItem *item)
{
  BpRankingItem *ranking = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  RankingColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "bp-column"));
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      text = g_strdup (bp_ranking_item_get_name (ranking));
      break;
    case COLUMN_CODE:
      text = g_strdup (bp_ranking_item_get_code (ranking));
      break;
    case COLUMN_POPULATION:
      text = bp_ranking_item_dup_population_text (ranking);
      break;
    case COLUMN_CASES:
      text = bp_ranking_item_dup_cases_text (ranking, FALSE);
      break;
    case COLUMN_PREVIOUS:
      text = bp_ranking_item_dup_cases_text (ranking, TRUE);
      break;
    case COLUMN_INCIDENCE:
      text = bp_ranking_item_dup_incidence_text (ranking);
      break;
    case COLUMN_TREND:
    default:
      text = bp_ranking_item_dup_trend_text (ranking);
      break;
    }

  gtk_label_set_label (label, text);
}

/* An item's figures change in place at each refresh (see
 * bp_ranking_item_update()): its cells follow. */
static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gulong handler;

  g_object_set_data (G_OBJECT (item), "bp-column", g_object_get_data (G_OBJECT (factory), "bp-column"));
  update_cell (item);
  handler = g_signal_connect_object (gtk_list_item_get_item (item), "notify::code", G_CALLBACK (update_cell), item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (item), "bp-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "bp-handler"));

  if (handler != 0)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), handler);
  g_object_set_data (G_OBJECT (item), "bp-handler", NULL);
}

static GtkColumnViewColumn *
add_column (BpDashboardPage *self,
            const char      *title,
            RankingColumn    column,
            const char      *property,
            gboolean         numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "bp-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cb), NULL);
  view_column = gtk_column_view_column_new (title, factory);

  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (BP_TYPE_RANKING_ITEM, NULL, property)));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (BP_TYPE_RANKING_ITEM, NULL, property)));
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);

  gtk_column_view_column_set_expand (view_column, column == COLUMN_NAME);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->ranking_view, view_column);
  g_object_unref (view_column);

  return view_column;
}

static void
ranking_activate_cb (BpDashboardPage *self,
                     guint            position)
{
  g_autoptr(BpRankingItem) item = g_list_model_get_item (G_LIST_MODEL (self->ranking_rows), position);

  if (item == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-area", "(ss)",
                              bp_area_level_to_string (bp_ranking_item_get_level (item)),
                              bp_ranking_item_get_code (item));
}

static void
setup_ranking (BpDashboardPage *self)
{
  GtkColumnViewColumn *incidence;
  GtkSorter *sorter;

  add_column (self, _("Area"), COLUMN_NAME, "name", FALSE);
  add_column (self, _("Code"), COLUMN_CODE, "code", FALSE);
  add_column (self, _("Residents"), COLUMN_POPULATION, "population", TRUE);
  add_column (self, _("Cases 14 days"), COLUMN_CASES, "cases", TRUE);
  add_column (self, _("14 days before"), COLUMN_PREVIOUS, "previous-cases", TRUE);
  incidence = add_column (self, _("Per 100,000"), COLUMN_INCIDENCE, "incidence", TRUE);
  add_column (self, _("Trend"), COLUMN_TREND, "trend", TRUE);

  self->ranking_items = g_list_store_new (BP_TYPE_RANKING_ITEM);
  sorter = gtk_column_view_get_sorter (self->ranking_view);
  self->ranking_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->ranking_items)),
                                                  g_object_ref (sorter));
  g_signal_connect_object (self->ranking_sorted, "items-changed", G_CALLBACK (ranking_sorted_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->ranking_rows = g_list_store_new (BP_TYPE_RANKING_ITEM);
  gtk_column_view_set_model (self->ranking_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->ranking_rows)))));
  g_object_unref (gtk_column_view_get_model (self->ranking_view));
  /* Highest incidence first. */
  gtk_column_view_sort_by_column (self->ranking_view, incidence, GTK_SORT_DESCENDING);
  g_signal_connect_object (self->ranking_view, "activate", G_CALLBACK (ranking_activate_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ---- refreshing ---- */

static void
update_header (BpDashboardPage *self)
{
  g_autofree char *date = bp_chart_format_full_date (self->day);
  g_autofree char *title = g_strdup_printf ("%s — %s", bp_area_get_display_name (self->area), date);
  g_autofree char *freshness = NULL;

  gtk_label_set_label (self->title_label, title);

  if (self->figures)
    {
      freshness = bp_ui_format_freshness (self->figures, NULL);
      gtk_label_set_label (self->freshness_label, freshness);
    }
}

static void
alerts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BpDashboardPage) self = user_data;
  g_autoptr(GListModel) alerts = NULL;
  g_autoptr(GError) error = NULL;

  if (!(alerts = bp_alert_rules_list_alerts_finish (BP_ALERT_RULES (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not evaluate the alert rules: %s", error->message);
      return;
    }

  g_set_object (&self->alerts, alerts);
  update_alerts (self);

  /* What the user has seen now is no longer new at the next visit. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_settings_get_int (self->settings, BP_SETTINGS_KEY_ALERTS_SEEN_DAY) < self->day)
    g_settings_set_int (self->settings, BP_SETTINGS_KEY_ALERTS_SEEN_DAY, self->day);
}

static void
refresh_alerts (BpDashboardPage *self)
{
  g_cancellable_cancel (self->alerts_cancellable);
  g_clear_object (&self->alerts_cancellable);

  if (self->rules == NULL || self->store == NULL || self->area == NULL)
    return;

  self->alerts_cancellable = g_cancellable_new ();
  bp_alert_rules_list_alerts_async (self->rules, self->store, bp_area_get_id (self->area), self->day,
                                    g_settings_get_int (self->settings, BP_SETTINGS_KEY_ALERTS_SEEN_DAY),
                                    self->alerts_cancellable, alerts_cb, g_object_ref (self));
}

static void
stop_waiting_for_paint (BpDashboardPage *self)
{
  if (self->paint_clock)
    g_clear_signal_handler (&self->after_paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

/* The figures are on screen. The alerts, which take longest, start only
 * now: evaluating them while GTK lays out and draws the figures would
 * take one of a laptop's two cores from that. */
static void
finish_refresh (BpDashboardPage *self)
{
  stop_waiting_for_paint (self);
  self->last_refresh_time = g_get_monotonic_time () - self->refresh_started;
  g_debug ("dashboard refreshed in %.1f ms", self->last_refresh_time / 1000.0);

  refresh_alerts (self);
}

/* The new figures show once GTK has laid out and drawn the widgets, in
 * the next frame: that is where a refresh ends, not when the widgets are
 * told their values. */
static void
wait_for_paint (BpDashboardPage *self)
{
  GdkFrameClock *clock;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      !(clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))))
    {
      finish_refresh (self);
      return;
    }

  if (self->paint_clock != clock)
    {
      stop_waiting_for_paint (self);
      self->paint_clock = g_object_ref (clock);
      self->after_paint_handler = g_signal_connect_object (clock, "after-paint", G_CALLBACK (finish_refresh),
                                                           self, G_CONNECT_SWAPPED);
    }
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
figures_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BpDashboardPage) self = user_data;
  g_autoptr(BpDashboardFigures) figures = NULL;
  g_autoptr(GError) error = NULL;

  if (!(figures = bp_dashboard_figures_compute_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not compute the dashboard: %s", error->message);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
        }
      return;
    }

  g_set_object (&self->figures, figures);
  self->last_compute_time = g_get_monotonic_time () - self->refresh_started;
  update_header (self);
  update_cards (self);
  update_curve (self);
  update_age_chart (self);
  update_ranking (self);
  gtk_stack_set_visible_child_name (self->stack, "figures");
  wait_for_paint (self);
}

static void
refresh (BpDashboardPage *self)
{
  if (self->store == NULL || self->cube == NULL || self->area == NULL || self->day <= 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* A frame still to come shows what is now out of date. */
  stop_waiting_for_paint (self);
  self->refresh_started = g_get_monotonic_time ();
  update_header (self);
  /* The alerts of the old scope or date are of no use any more, and
   * would show under the new title when they came. */
  g_cancellable_cancel (self->alerts_cancellable);
  g_clear_object (&self->alerts_cancellable);
  if (self->alerts)
    {
      g_clear_object (&self->alerts);
      update_alerts (self);
    }

  bp_dashboard_figures_compute_async (self->store, self->cube, self->area, self->day,
                                      g_settings_get_boolean (self->settings, BP_SETTINGS_KEY_SUPPRESS_SMALL),
                                      bp_case_source_choice_get_filter (self->settings),
                                      BP_DASHBOARD_SKIP_ALERTS, self->cancellable,
                                      figures_cb, g_object_ref (self));
}

static void
cube_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BpDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpCountCube) cube = NULL;

  if (!(cube = bp_count_cube_new_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->empty_page, _("The Counts Could Not Be Read"));
          adw_status_page_set_description (self->empty_page, error->message);
        }
      return;
    }

  g_set_object (&self->cube, cube);
  if (!bp_count_cube_get_day_range (cube, NULL, NULL))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  refresh (self);
}

/* ---- exports ---- */

typedef void (*SaveFunc) (BpDashboardPage *self,
                          const char      *path);

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  BpDashboardPage *self)
{
  SaveFunc save = g_object_get_data (G_OBJECT (dialog), "bp-save");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path)
        save (self, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (BpDashboardPage *self,
             const char      *title,
             const char      *suggested_name,
             SaveFunc         save)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "bp-save", save);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static char *
suggest_name (BpDashboardPage *self,
              const char      *what,
              const char      *extension)
{
  g_autofree char *iso = bp_day_to_iso (self->day);

  return g_strdup_printf ("%s-%s-%s.%s", what, bp_area_get_code (self->area), iso, extension);
}

static void
report_saved (BpDashboardPage *self,
              const char      *path,
              GError          *error)
{
  g_autofree char *message = NULL;

  if (error)
    message = g_strdup_printf (_("Could not save: %s"), error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (path);

      message = g_strdup_printf (_("Saved “%s”"), name);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
save_table (BpDashboardPage *self,
            const char      *path)
{
  gboolean sectors = gtk_drop_down_get_selected (self->ranking_level_dropdown) == 1;
  g_autofree char *csv = bp_indicators_dup_csv (bp_dashboard_figures_get_ranking (self->figures, sectors));
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, csv, -1, &error);
  report_saved (self, path, error);
}

static void
save_curve (BpDashboardPage *self,
            const char      *path)
{
  g_autoptr(GError) error = NULL;

  bp_epicurve_chart_save_to_file (self->curve, path, 1600, 700, &error);
  report_saved (self, path, error);
}

static void
save_ages (BpDashboardPage *self,
           const char      *path)
{
  g_autoptr(GError) error = NULL;

  bp_age_chart_save_to_file (self->age_chart, path, 1200, 700, &error);
  report_saved (self, path, error);
}

/* The page's three exports: what each saves, how, and as what. */
static const struct {
  const char *action_name;
  const char *what;
  const char *extension;
  const char *title;
  SaveFunc    save;
} exports[] = {
  { "dashboard.export-table", "ranking", "csv", N_("Save the Table as CSV"), save_table },
  { "dashboard.export-curve", "curve", "png", N_("Save the Epidemic Curve as PNG"), save_curve },
  { "dashboard.export-ages", "ages", "png", N_("Save the Age Chart as PNG"), save_ages },
};

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BpDashboardPage *self = BP_DASHBOARD_PAGE (widget);

  if (!self->figures)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_str_equal (action_name, exports[i].action_name))
      {
        g_autofree char *name = suggest_name (self, exports[i].what, exports[i].extension);

        choose_file (self, _(exports[i].title), name, exports[i].save);
      }
}

/* ---- widget ---- */

static void
range_changed_cb (BpDashboardPage *self)
{
  if (self->figures)
    update_curve (self);
}

static void
stacking_changed_cb (BpDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->stacking_dropdown);

  bp_epicurve_chart_set_stacking (self->curve, curve_stackings[MIN (selected, G_N_ELEMENTS (curve_stackings) - 1)]);
}

static void
age_mode_changed_cb (BpDashboardPage *self)
{
  bp_age_chart_set_mode (self->age_chart, gtk_drop_down_get_selected (self->age_mode_dropdown) == 1
                                          ? BP_AGE_CHART_MODE_INCIDENCE : BP_AGE_CHART_MODE_COUNT);
}

static void
ranking_level_changed_cb (BpDashboardPage *self)
{
  if (self->figures)
    update_ranking (self);
}

static void
bp_dashboard_page_unmap (GtkWidget *widget)
{
  BpDashboardPage *self = BP_DASHBOARD_PAGE (widget);

  /* Hidden before its frame came: the refresh ends here. */
  if (self->paint_clock)
    finish_refresh (self);

  GTK_WIDGET_CLASS (bp_dashboard_page_parent_class)->unmap (widget);
}

static void
bp_dashboard_page_dispose (GObject *object)
{
  BpDashboardPage *self = (BpDashboardPage *)object;

  stop_waiting_for_paint (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->alerts_cancellable);
  g_clear_object (&self->alerts_cancellable);
  g_clear_object (&self->figures);
  g_clear_object (&self->alerts);
  g_clear_object (&self->rules);
  g_clear_object (&self->cube);
  g_clear_object (&self->store);
  g_clear_object (&self->area);
  g_clear_object (&self->ranking_rows);
  g_clear_object (&self->ranking_sorted);
  g_clear_object (&self->ranking_items);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (bp_dashboard_page_parent_class)->dispose (object);
}

static void
bp_dashboard_page_class_init (BpDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_dashboard_page_dispose;

  widget_class->unmap = bp_dashboard_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, BP_RESOURCE_PATH "/ui/bp-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, freshness_label);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, curve_card);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, stacking_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, age_card);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, age_mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, new_alerts_label);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, alerts_list);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, ranking_title);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, ranking_level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, alerts_sources_label);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, BpDashboardPage, ranking_more_button);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    gtk_widget_class_install_action (widget_class, exports[i].action_name, NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.show-all-areas", NULL, show_all_areas_action);
}

static void
bp_dashboard_page_init (BpDashboardPage *self)
{
  static const char * const titles[N_CARDS] = {
    N_("New cases, last day"),
    N_("New cases, 7 days"),
    N_("New cases, 14 days"),
    N_("14-day incidence per 100,000"),
    N_("Change on the previous 7 days"),
    N_("Sectors above the alert threshold"),
    N_("Open clusters"),
    N_("Nursing homes with signals"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->settings = g_settings_new (APP_ID);
  {
    g_autoptr(GError) error = NULL;

    /* Without rules the page still shows its figures; the list says why
     * it has no alerts. */
    if (!(self->rules = bp_alert_rules_new_default (&error)))
      g_warning ("No alert rules: %s", error->message);
  }
  g_signal_connect_object (self->settings, "changed::" BP_SETTINGS_KEY_SUPPRESS_SMALL,
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  bp_case_source_choice_bind (self->source_dropdown, self->settings);
  g_signal_connect_object (self->settings, "changed::" BP_SETTINGS_KEY_CASE_SOURCES,
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < N_CARDS; i++)
    {
      self->cards[i] = bp_key_figure_card_new ();
      bp_key_figure_card_set_title (self->cards[i], _(titles[i]));
      gtk_flow_box_append (self->cards_box, GTK_WIDGET (self->cards[i]));
    }

  self->curve = BP_EPICURVE_CHART (bp_epicurve_chart_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->curve), -1, 320);
  gtk_box_append (self->curve_card, GTK_WIDGET (self->curve));
  stacking_changed_cb (self);
  g_signal_connect_object (self->stacking_dropdown, "notify::selected", G_CALLBACK (stacking_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_dropdown, "notify::selected", G_CALLBACK (range_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->age_chart = BP_AGE_CHART (bp_age_chart_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->age_chart), -1, 320);
  gtk_widget_set_vexpand (GTK_WIDGET (self->age_chart), TRUE);
  gtk_box_append (self->age_card, GTK_WIDGET (self->age_chart));
  g_signal_connect_object (self->age_mode_dropdown, "notify::selected", G_CALLBACK (age_mode_changed_cb), self,
                           G_CONNECT_SWAPPED);

  setup_ranking (self);
  g_signal_connect_object (self->ranking_level_dropdown, "notify::selected", G_CALLBACK (ranking_level_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * bp_dashboard_page_set_store:
 * @self: a #BpDashboardPage
 * @store: (nullable): the store
 *
 * Loads the store's counts into memory in a worker thread, once, so that
 * each change of scope or date afterwards takes milliseconds.
 */
void
bp_dashboard_page_set_store (BpDashboardPage *self,
                             BpStore         *store)
{
  g_return_if_fail (BP_IS_DASHBOARD_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->cube);
  g_clear_object (&self->figures);
  if (store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  bp_count_cube_new_async (store, self->cancellable, cube_cb, g_object_ref (self));
}

void
bp_dashboard_page_set_scope (BpDashboardPage *self,
                             BpArea          *area)
{
  g_return_if_fail (BP_IS_DASHBOARD_PAGE (self));

  if (g_set_object (&self->area, area))
    refresh (self);
}

void
bp_dashboard_page_set_day (BpDashboardPage *self,
                           int              day)
{
  g_return_if_fail (BP_IS_DASHBOARD_PAGE (self));

  if (self->day == day)
    return;

  self->day = day;
  refresh (self);
}

/**
 * bp_dashboard_page_get_figures:
 * @self: a #BpDashboardPage
 *
 * Returns: (transfer none) (nullable): the figures shown, for the report
 *   and the presentation mode
 */
BpDashboardFigures *
bp_dashboard_page_get_figures (BpDashboardPage *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_PAGE (self), NULL);

  return self->figures;
}

/**
 * bp_dashboard_page_is_ready:
 * @self: a #BpDashboardPage
 *
 * Returns: whether the page shows the figures of its current scope and
 *   date, drawn on screen when it is mapped
 */
gboolean
bp_dashboard_page_is_ready (BpDashboardPage *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_PAGE (self), FALSE);

  return self->figures != NULL &&
         self->paint_clock == NULL &&
         bp_dashboard_figures_get_area (self->figures) == self->area &&
         bp_dashboard_figures_get_day (self->figures) == self->day &&
         bp_dashboard_figures_get_small_suppressed (self->figures) ==
           g_settings_get_boolean (self->settings, BP_SETTINGS_KEY_SUPPRESS_SMALL);
}

/**
 * bp_dashboard_page_get_last_refresh_time:
 * @self: a #BpDashboardPage
 *
 * Returns: microseconds from the last change of scope, date or setting to
 *   the end of the first frame that draws its figures
 */
gint64
bp_dashboard_page_get_last_refresh_time (BpDashboardPage *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_PAGE (self), 0);

  return self->last_refresh_time;
}

/**
 * bp_dashboard_page_get_alerts:
 * @self: a #BpDashboardPage
 *
 * Returns: (transfer none) (nullable): the alerts shown, once evaluated
 */
GListModel *
bp_dashboard_page_get_alerts (BpDashboardPage *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_PAGE (self), NULL);

  return self->alerts;
}

/**
 * bp_dashboard_page_get_last_compute_time:
 * @self: a #BpDashboardPage
 *
 * Returns: microseconds of the last refresh spent computing the figures in
 *   the worker thread, before the widgets were updated
 */
gint64
bp_dashboard_page_get_last_compute_time (BpDashboardPage *self)
{
  g_return_val_if_fail (BP_IS_DASHBOARD_PAGE (self), 0);

  return self->last_compute_time;
}
