/* ui-test-util.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-store.h"

G_BEGIN_DECLS

char     *ui_test_init                   (int         *argc,
                                          char      ***argv);
void      ui_test_remove_tree            (const char  *path);
BpStore  *ui_test_make_demo_store        (const char  *dir,
                                          int          n_days);
void      ui_test_iterate                (void);
void      ui_test_iterate_until_idle     (void);
void      ui_test_save_screenshot        (GtkWidget   *widget,
                                          const char  *name);
gboolean  ui_test_label_shown            (GtkWidget   *root,
                                          const char  *text);
gboolean  ui_test_label_containing_shown (GtkWidget   *root,
                                          const char  *text);

G_END_DECLS
