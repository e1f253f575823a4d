/* bp-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-about-data-window.h"
#include "bp-dashboard-page.h"
#include "bp-day.h"
#include "bp-map-page-private.h"
#include "bp-presentation-window.h"
#include "bp-situation-report.h"
#include "bp-scope-chooser.h"
#include "bp-settings.h"
#include "bp-store-areas.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"
#include "bp-window-private.h"

/* The main window: the area scope and reference date in the header, which
 * every page follows, and the Map, Dashboard, Clusters and Tasks pages. */
struct _BpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toasts;
  GtkMenuButton        *scope_button;
  BpScopeChooser       *scope_chooser;
  GtkLabel             *scope_label;
  GtkMenuButton        *date_button;
  GtkCalendar          *calendar;
  GtkLabel             *date_label;
  GtkMenuButton        *sync_button;
  GtkLabel             *demo_label;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *state_stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  AdwStatusPage        *error_page;
  AdwViewStack         *stack;
  BpMapPage            *map_page;
  BpDashboardPage      *dashboard_page;
  AdwStatusPage        *clusters_page;
  AdwStatusPage        *tasks_page;

  GSettings            *settings;
  BpStore              *store;
  BpArea               *scope;
  GDate                 date;
  GDate                 newest_date;
  gboolean              has_counts;
};

enum {
  PROP_0,
  PROP_SCOPE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpWindow, bp_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

/* Scope, date and pages mean nothing until a store is open. */
static void
set_header_sensitive (BpWindow *self,
                      gboolean  sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.about-data", sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-scope", sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", sensitive);
}

static void
update_date_label (BpWindow *self)
{
  char text[64];

  /* Month names follow the locale: "15 nov 2026" in Dutch and French. */
  if (g_date_strftime (text, sizeof text, "%e %b %Y", &self->date) == 0)
    text[0] = '\0';

  gtk_label_set_label (self->date_label, g_strstrip (text));
}

static void
set_date (BpWindow    *self,
          const GDate *date)
{
  g_autoptr(GDateTime) datetime = NULL;

  if (!g_date_valid (date))
    return;

  self->date = *date;
  datetime = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                    g_date_get_day (date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, datetime);
  update_date_label (self);
  bp_map_page_set_day (self->map_page, bp_day_from_ymd (g_date_get_year (date), g_date_get_month (date),
                                                        g_date_get_day (date)));
  bp_dashboard_page_set_day (self->dashboard_page, bp_day_from_ymd (g_date_get_year (date), g_date_get_month (date),
                                                                    g_date_get_day (date)));
}

static void
set_scope (BpWindow *self,
           BpArea   *area)
{
  if (!g_set_object (&self->scope, area))
    return;

  gtk_label_set_label (self->scope_label, area ? bp_area_get_display_name (area) : "");
  if (self->map_page)
    bp_map_page_set_scope (self->map_page, area);
  if (self->dashboard_page)
    bp_dashboard_page_set_scope (self->dashboard_page, area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

static void
scope_chooser_area_activated_cb (BpWindow       *self,
                                 BpArea         *area,
                                 BpScopeChooser *chooser)
{
  set_scope (self, area);
  g_settings_set_string (self->settings, BP_SETTINGS_KEY_SCOPE_LEVEL,
                         bp_area_level_to_string (bp_area_get_level (area)));
  g_settings_set_string (self->settings, BP_SETTINGS_KEY_SCOPE_CODE, bp_area_get_code (area));
}

static void
calendar_day_selected_cb (BpWindow    *self,
                          GtkCalendar *calendar)
{
  g_autoptr(GDateTime) datetime = gtk_calendar_get_date (calendar);
  g_autofree char *iso = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (datetime),
                  g_date_time_get_month (datetime), g_date_time_get_year (datetime));

  /* There are no figures after the newest data: stay there. */
  if (self->has_counts && g_date_compare (&date, &self->newest_date) > 0)
    date = self->newest_date;

  if (g_date_compare (&date, &self->date) == 0)
    return;

  set_date (self, &date);
  iso = g_date_time_format (datetime, "%Y-%m-%d");
  g_settings_set_boolean (self->settings, BP_SETTINGS_KEY_FOLLOW_LATEST_DATE, FALSE);
  g_settings_set_string (self->settings, BP_SETTINGS_KEY_REFERENCE_DATE, iso);
}

static void
latest_date_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  g_settings_set_boolean (self->settings, BP_SETTINGS_KEY_FOLLOW_LATEST_DATE, TRUE);
  set_date (self, &self->newest_date);
  gtk_menu_button_popdown (self->date_button);
}

static void
choose_scope_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_menu_button_popup (self->scope_button);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  bp_window_set_page (BP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  BpWindow    *window;
  BpAreaLevel  level;
  char        *code;
  guint        n_frames;
} ShowArea;

static void
show_area_free (gpointer data)
{
  ShowArea *show = data;

  g_object_unref (show->window);
  g_free (show->code);
  g_free (show);
}

/* A frame budget for the Map page to be laid out; never reached in
 * practice, but the area must show even then. */
#define SHOW_AREA_MAX_FRAMES 120

static gboolean
show_area_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       data)
{
  ShowArea *show = data;
  GtkWidget *page = GTK_WIDGET (show->window->map_page);

  /* Revealing the sector panel of a page that has no width yet makes
   * AdwFlap give its content a negative one. */
  if ((!gtk_widget_get_mapped (page) || gtk_widget_get_width (page) <= 0) &&
      ++show->n_frames < SHOW_AREA_MAX_FRAMES)
    return G_SOURCE_CONTINUE;

  bp_map_page_show_area (show->window->map_page, show->level, show->code);
  return G_SOURCE_REMOVE;
}

/* Shows an area of the dashboard's ranking on the map. The Map page was
 * hidden until now: zoom and open its panel once it has been laid out. */
static void
show_area_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  const char *level_name, *code;
  ShowArea *show;
  BpAreaLevel level;

  g_variant_get (parameter, "(&s&s)", &level_name, &code);
  if (!bp_area_level_from_string (level_name, &level))
    return;

  bp_window_set_page (self, "map");
  show = g_new0 (ShowArea, 1);
  show->window = g_object_ref (self);
  show->level = level;
  show->code = g_strdup (code);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), show_area_tick_cb, show, show_area_free);
}

/* The dashboard's figures and the map's renderer, which the presentation
 * and the report show together; FALSE, with a toast, while either is still
 * being computed. */
static gboolean
get_figures_and_map (BpWindow            *self,
                     BpDashboardFigures **figures,
                     BpMapRenderer      **renderer)
{
  BpChoroplethLayer *layer = _bp_map_page_get_layer (self->map_page);

  *figures = bp_dashboard_page_get_figures (self->dashboard_page);
  *renderer = layer ? bp_choropleth_layer_get_renderer (layer) : NULL;
  if (*figures == NULL || *renderer == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (_("The figures are still being computed; try again in a moment.")));
      return FALSE;
    }

  return TRUE;
}

/* Fullscreen for the projector: the dashboard's figures beside the map. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  BpDashboardFigures *figures;
  BpMapRenderer *renderer;

  if (get_figures_and_map (self, &figures, &renderer))
    gtk_window_present (GTK_WINDOW (bp_presentation_window_new (GTK_WINDOW (self), figures, renderer)));
}

/* The situation report of the dashboard's figures, with the map as the
 * Map page shows it; NULL while either is still being computed. */
static BpSituationReport *
make_report (BpWindow *self)
{
  BpDashboardFigures *figures;
  BpMapRenderer *renderer;
  BpSituationReport *report;

  if (!get_figures_and_map (self, &figures, &renderer))
    return NULL;

  report = bp_situation_report_new (figures, renderer);
  if (bp_dashboard_page_get_alerts (self->dashboard_page))
    bp_situation_report_set_alerts (report, bp_dashboard_page_get_alerts (self->dashboard_page));
  return report;
}

static void
save_report_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         BpWindow        *self)
{
  BpSituationReport *report = g_object_get_data (G_OBJECT (dialog), "bp-report");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path && bp_situation_report_save_pdf (report, path, &error))
        {
          g_autofree char *name = g_path_get_basename (path);

          message = g_strdup_printf (_("Saved “%s”"), name);
        }
      else
        message = g_strdup_printf (_("Could not save: %s"), error ? error->message : _("not a local file"));
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr(BpSituationReport) report = make_report (self);
  BpDashboardFigures *figures = bp_dashboard_page_get_figures (self->dashboard_page);
  GtkFileChooserNative *dialog;
  g_autofree char *iso = NULL;
  g_autofree char *name = NULL;

  if (report == NULL)
    return;

  iso = bp_day_to_iso (bp_dashboard_figures_get_day (figures));
  /* Translators: the file name offered for a report: area code and date */
  name = g_strdup_printf (_("situation-report-%s-%s.pdf"),
                          bp_area_get_code (bp_dashboard_figures_get_area (figures)), iso);
  dialog = gtk_file_chooser_native_new (_("Save the Situation Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "bp-report", g_steal_pointer (&report), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_report_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_draw_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page,
                    BpSituationReport *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale = MIN (width / BP_SITUATION_REPORT_PAGE_WIDTH, height / BP_SITUATION_REPORT_PAGE_HEIGHT);

  cairo_scale (cr, scale, scale);
  bp_situation_report_draw_page (report, cr, page, BP_SITUATION_REPORT_PAGE_WIDTH,
                                 BP_SITUATION_REPORT_PAGE_HEIGHT);
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr(BpSituationReport) report = make_report (self);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (report == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, bp_situation_report_get_n_pages (report));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Situation Report"));
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (print_draw_page_cb), report, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
about_data_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  GtkWindow *about;

  if (self->store == NULL)
    return;

  about = GTK_WINDOW (bp_about_data_window_new (self->store));
  gtk_window_set_transient_for (about, GTK_WINDOW (self));
  gtk_window_present (about);
}

static GListModel *
list_scope_areas (BpStore  *store,
                  GError  **error)
{
  g_autoptr(GListStore) areas = g_list_store_new (BP_TYPE_AREA);
  static const BpAreaLevel levels[] = {
    BP_AREA_LEVEL_REGION,
    BP_AREA_LEVEL_PROVINCE,
    BP_AREA_LEVEL_CARE_ZONE,
    BP_AREA_LEVEL_MUNICIPALITY,
    BP_AREA_LEVEL_WIJK,
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(GListModel) level_areas = bp_store_list_areas (store, levels[i], NULL, error);
      guint n;

      if (level_areas == NULL)
        return NULL;

      n = g_list_model_get_n_items (level_areas);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(BpArea) area = g_list_model_get_item (level_areas, j);

          /* Brussels is both a region and a pseudo-province with the same
           * code and outline; offer it once. */
          if (levels[i] == BP_AREA_LEVEL_PROVINCE &&
              g_strcmp0 (bp_area_get_code (area), bp_area_get_parent_code (area)) == 0)
            continue;

          g_list_store_append (areas, area);
        }
    }

  return G_LIST_MODEL (g_steal_pointer (&areas));
}

static void
restore_scope (BpWindow *self)
{
  g_autofree char *level_name = g_settings_get_string (self->settings, BP_SETTINGS_KEY_SCOPE_LEVEL);
  g_autofree char *code = g_settings_get_string (self->settings, BP_SETTINGS_KEY_SCOPE_CODE);
  g_autoptr(BpArea) area = NULL;
  BpAreaLevel level;

  if (!bp_area_level_from_string (level_name, &level) ||
      !(area = bp_store_dup_area (self->store, level, code, NULL)))
    area = bp_store_dup_area (self->store, BP_AREA_LEVEL_REGION, "02000", NULL);

  set_scope (self, area);
}

static void
restore_date (BpWindow *self)
{
  g_autofree char *iso = g_settings_get_string (self->settings, BP_SETTINGS_KEY_REFERENCE_DATE);
  int first_day = 0;
  int last_day = 0;
  GDate date;

  g_date_clear (&self->newest_date, 1);
  self->has_counts = bp_store_get_count_range (self->store, &first_day, &last_day, NULL);
  if (self->has_counts)
    {
      int year, month, day_of_month;

      bp_day_to_ymd (last_day, &year, &month, &day_of_month);
      g_date_set_dmy (&self->newest_date, day_of_month, month, year);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&self->newest_date, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  g_date_clear (&date, 1);
  if (!g_settings_get_boolean (self->settings, BP_SETTINGS_KEY_FOLLOW_LATEST_DATE) && *iso)
    g_date_set_parse (&date, iso);

  if (!g_date_valid (&date) || g_date_compare (&date, &self->newest_date) > 0)
    date = self->newest_date;

  set_date (self, &date);
}

static void
set_page_description (AdwStatusPage *page,
                      const char    *future,
                      const char    *present)
{
  g_autofree char *text = g_strdup_printf ("%s\n\n%s", future, present);

  adw_status_page_set_description (page, text);
}

/* Until the pages are built, each says what it will show and what the store
 * already holds for it, so an empty page is never mistaken for no data. */
static void
describe_pages (BpWindow *self)
{
  g_autofree char *clusters_text = NULL;
  g_autofree char *tasks_text = NULL;
  guint n_clusters = bp_store_count_documents_by_type (self->store, "cluster");
  guint n_tasks = bp_store_count_documents_by_type (self->store, "task");

  clusters_text = g_strdup_printf (ngettext ("The store holds %'u cluster.",
                                             "The store holds %'u clusters.", n_clusters),
                                   n_clusters);
  set_page_description (self->clusters_page,
                        _("Clusters under investigation, with their index cases, contacts and settings, will be listed here."),
                        clusters_text);

  tasks_text = g_strdup_printf (ngettext ("The store holds %'u task.",
                                          "The store holds %'u tasks.", n_tasks),
                                n_tasks);
  set_page_description (self->tasks_page,
                        _("Calls, home visits and source investigations assigned to the team will be listed here."),
                        tasks_text);
}

static void
bp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BpWindow *self = BP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_object (value, self->scope);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = (BpWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);
  g_clear_object (&self->scope);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bp_window_parent_class)->dispose (object);
}

static void
bp_window_class_init (BpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_window_dispose;
  object_class->get_property = bp_window_get_property;

  properties[PROP_SCOPE] =
    g_param_spec_object ("scope", NULL, NULL, BP_TYPE_AREA,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BP_TYPE_SCOPE_CHOOSER);
  g_type_ensure (BP_TYPE_MAP_PAGE);
  g_type_ensure (BP_TYPE_DASHBOARD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, BP_RESOURCE_PATH "/ui/bp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, scope_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, scope_chooser);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, scope_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, date_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, calendar);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, date_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, map_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, clusters_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, tasks_page);

  gtk_widget_class_install_action (widget_class, "win.latest-date", NULL, latest_date_action);
  gtk_widget_class_install_action (widget_class, "win.choose-scope", NULL, choose_scope_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.about-data", NULL, about_data_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-area", "(ss)", show_area_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.choose-scope", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "dashboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "clusters");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "tasks");
}

static void
bp_window_init (BpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->date, 1);
  g_date_clear (&self->newest_date, 1);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_WINDOW_WIDTH, self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_WINDOW_HEIGHT, self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_WINDOW_MAXIMIZED, self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BP_SETTINGS_KEY_LAST_PAGE, self->stack, "visible-child-name", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->scope_chooser, "area-activated",
                           G_CALLBACK (scope_chooser_area_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (calendar_day_selected_cb), self, G_CONNECT_SWAPPED);

  bp_window_set_loading (self, _("Opening the Store"), 0);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

BpWindow *
bp_window_new (GtkApplication *application)
{
  return g_object_new (BP_TYPE_WINDOW, "application", application, NULL);
}

/**
 * bp_window_set_loading:
 * @self: a #BpWindow
 * @title: what is being done
 * @fraction: progress from 0 to 1, or a negative number when unknown
 */
void
bp_window_set_loading (BpWindow   *self,
                       const char *title,
                       double      fraction)
{
  g_return_if_fail (BP_IS_WINDOW (self));

  set_header_sensitive (self, FALSE);
  adw_status_page_set_title (self->loading_page, title);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->loading_progress);
  else
    gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
}

void
bp_window_set_store (BpWindow *self,
                     BpStore  *store)
{
  g_autoptr(GListModel) areas = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (BP_IS_STORE (store));

  g_set_object (&self->store, store);

  if (!(areas = list_scope_areas (store, &error)))
    {
      bp_window_show_error (self, error);
      return;
    }

  bp_map_page_set_store (self->map_page, store);
  bp_dashboard_page_set_store (self->dashboard_page, store);
  bp_scope_chooser_set_areas (self->scope_chooser, areas);
  restore_scope (self);
  restore_date (self);
  describe_pages (self);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), bp_store_is_demo (store));
  set_header_sensitive (self, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "content");
}

BpStore *
bp_window_get_store (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * bp_window_show_error:
 * @self: a #BpWindow
 * @error: why the store cannot be used
 *
 * Shows @error on the window and in a dialog. Nothing is written to the
 * store afterwards.
 */
void
bp_window_show_error (BpWindow     *self,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  set_header_sensitive (self, FALSE);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->state_stack, "error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Store Could Not Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
bp_window_get_page (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
bp_window_set_page (BpWindow   *self,
                    const char *page)
{
  g_return_if_fail (BP_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

BpArea *
bp_window_get_scope (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  return self->scope;
}

/**
 * bp_window_dup_date:
 * @self: a #BpWindow
 *
 * Returns: (transfer full): the reference date every page follows
 */
GDate *
bp_window_dup_date (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);

  return g_date_copy (&self->date);
}

BpScopeChooser *
_bp_window_get_scope_chooser (BpWindow *self)
{
  return self->scope_chooser;
}

BpMapPage *
_bp_window_get_map_page (BpWindow *self)
{
  return self->map_page;
}

BpDashboardPage *
_bp_window_get_dashboard_page (BpWindow *self)
{
  return self->dashboard_page;
}
