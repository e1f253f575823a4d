/* bp-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-area.h"
#include "bp-store.h"

G_BEGIN_DECLS

#define BP_TYPE_WINDOW (bp_window_get_type ())
G_DECLARE_FINAL_TYPE (BpWindow, bp_window, BP, WINDOW, AdwApplicationWindow)

BpWindow   *bp_window_new          (GtkApplication *application);
void        bp_window_set_loading  (BpWindow       *self,
                                    const char     *title,
                                    double          fraction);
void        bp_window_set_store    (BpWindow       *self,
                                    BpStore        *store);
BpStore    *bp_window_get_store    (BpWindow       *self);
void        bp_window_show_error   (BpWindow       *self,
                                    const GError   *error);
const char *bp_window_get_page     (BpWindow       *self);
void        bp_window_set_page     (BpWindow       *self,
                                    const char     *page);
BpArea     *bp_window_get_scope    (BpWindow       *self);
GDate      *bp_window_dup_date     (BpWindow       *self);

G_END_DECLS
