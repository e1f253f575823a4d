/* bp-scope-chooser.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BP_TYPE_SCOPE_CHOOSER (bp_scope_chooser_get_type ())
G_DECLARE_FINAL_TYPE (BpScopeChooser, bp_scope_chooser, BP, SCOPE_CHOOSER, GtkPopover)

void bp_scope_chooser_set_areas (BpScopeChooser *self,
                                 GListModel     *areas);

G_END_DECLS
