/* bench-dashboard.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dashboard page on a store: changes the scope and the date, over and
 * over, and records each refresh from the change to the figures on screen,
 * in-process (target: p95 <= 50 ms).
 *   bench-dashboard STORE N_CHANGES
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bp-store-areas.h"
#include "bp-window-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
iterate_until_ready (BpDashboardPage *page)
{
  while (!bp_dashboard_page_is_ready (page))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  /* Areas of every level a crisis cell looks at. */
  static const struct {
    BpAreaLevel  level;
    const char  *code;
  } scopes[] = {
    { BP_AREA_LEVEL_REGION, "02000" },
    { BP_AREA_LEVEL_PROVINCE, "20001" },
    { BP_AREA_LEVEL_MUNICIPALITY, "24062" },
    { BP_AREA_LEVEL_PROVINCE, "10000" },
    { BP_AREA_LEVEL_MUNICIPALITY, "11002" },
    { BP_AREA_LEVEL_MUNICIPALITY, "44021" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) compute_ms = g_array_new (FALSE, FALSE, sizeof (double));
  BpWindow *window;
  BpDashboardPage *page;
  BpDashboardFigures *figures;
  guint n_changes;
  int day;

  if (argc < 3)
    {
      g_printerr ("usage: bench-dashboard STORE N_CHANGES\n");
      return 2;
    }
  n_changes = (guint)atoi (argv[2]);

  adw_init ();
  if (!(store = bp_store_open (argv[1], &error)))
    g_error ("%s", error->message);

  window = bp_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));
  bp_window_set_store (window, store);
  bp_window_set_page (window, "dashboard");
  page = _bp_window_get_dashboard_page (window);
  iterate_until_ready (page);
  figures = bp_dashboard_page_get_figures (page);
  day = bp_dashboard_figures_get_day (figures);

  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(BpArea) area = NULL;
      guint s = i % G_N_ELEMENTS (scopes);

      area = bp_store_dup_area (store, scopes[s].level, scopes[s].code, NULL);
      g_assert (area != NULL);
      /* Every other change is a date: a week back, then forward again. */
      if (i % 2 == 0)
        g_signal_emit_by_name (_bp_window_get_scope_chooser (window), "area-activated", area);
      else
        bp_dashboard_page_set_day (page, bp_dashboard_page_get_figures (page) &&
                                         bp_dashboard_figures_get_day (bp_dashboard_page_get_figures (page)) == day
                                         ? day - 7 : day);
      iterate_until_ready (page);
      g_array_append_val (ms, (double){ bp_dashboard_page_get_last_refresh_time (page) / 1000.0 });
      g_array_append_val (compute_ms, (double){ bp_dashboard_page_get_last_compute_time (page) / 1000.0 });
    }

  g_array_sort (ms, compare_doubles);
  g_array_sort (compute_ms, compare_doubles);
  g_print ("figures computed (worker thread, count cube): median %.1f ms, p95 %.1f ms, max %.1f ms\n",
           g_array_index (compute_ms, double, compute_ms->len / 2),
           g_array_index (compute_ms, double, (compute_ms->len * 95) / 100),
           g_array_index (compute_ms, double, compute_ms->len - 1));
  g_print ("dashboard refresh after a change of scope or date, until the widgets show it, %u changes: median %.1f ms, p95 %.1f ms, max %.1f ms (target p95 <= 50 ms)\n",
           ms->len, g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, (ms->len * 95) / 100),
           g_array_index (ms, double, ms->len - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
