/* bp-demo-generator.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-store.h"

G_BEGIN_DECLS

#define BP_DEMO_ERROR (bp_demo_error_quark ())

typedef enum
{
  BP_DEMO_ERROR_NO_AREAS,
  BP_DEMO_ERROR_HAS_DATA,
  BP_DEMO_ERROR_INVALID,
} BpDemoError;

#define BP_DEMO_DEFAULT_SEED    20261115
#define BP_DEMO_DEFAULT_N_DAYS  730
#define BP_DEMO_DEFAULT_END_DAY 20772 /* 2026-11-15 */

/* What to generate. Start from bp_demo_options_init(). */
typedef struct
{
  guint64  seed;
  int      n_days;
  int      end_day;
  gboolean replace;
} BpDemoOptions;

/* What was generated. */
typedef struct
{
  int    first_day;
  int    last_day;
  gint64 n_rows;
  gint64 n_cases;
  guint  n_nursing_homes;
  guint  n_signals;
  guint  n_clusters;
  guint  n_index_cases;
  guint  n_contacts;
  guint  n_tasks;
} BpDemoSummary;

/* Called with the share of the work done, from 0 to 1. */
typedef void (*BpDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

GQuark    bp_demo_error_quark      (void);
void      bp_demo_options_init     (BpDemoOptions        *options);
gboolean  bp_demo_generate         (BpStore              *store,
                                    const BpDemoOptions  *options,
                                    BpDemoSummary        *summary,
                                    GCancellable         *cancellable,
                                    BpDemoProgressFunc    progress,
                                    gpointer              progress_data,
                                    GError              **error);
void      bp_demo_generate_async   (BpStore              *store,
                                    const BpDemoOptions  *options,
                                    GCancellable         *cancellable,
                                    BpDemoProgressFunc    progress,
                                    gpointer              progress_data,
                                    GDestroyNotify        progress_data_destroy,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  bp_demo_generate_finish  (BpStore              *store,
                                    GAsyncResult         *result,
                                    BpDemoSummary        *summary,
                                    GError              **error);

G_END_DECLS
