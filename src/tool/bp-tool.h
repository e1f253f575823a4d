/* bp-tool.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

/* Each subcommand parses its own options and returns the process exit code. */
int      bp_tool_alerts        (int          argc,
                                char       **argv);
int      bp_tool_demo          (int          argc,
                                char       **argv);
int      bp_tool_export_counts (int          argc,
                                char       **argv);
int      bp_tool_info          (int          argc,
                                char       **argv);
int      bp_tool_import_areas  (int          argc,
                                char       **argv);
int      bp_tool_indicators    (int          argc,
                                char       **argv);
int      bp_tool_render_map    (int          argc,
                                char       **argv);
int      bp_tool_report        (int          argc,
                                char       **argv);

BpStore *bp_tool_open_store    (const char  *path);
BpArea  *bp_tool_find_area     (BpStore     *store,
                                const char  *code,
                                gboolean     with_sectors);
void     bp_tool_print_error   (const char  *command,
                                GError      *error);

G_END_DECLS
