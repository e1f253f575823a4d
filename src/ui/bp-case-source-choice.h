/* bp-case-source-choice.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-case-source.h"

G_BEGIN_DECLS

void               bp_case_source_choice_bind      (GtkDropDown *dropdown,
                                                    GSettings   *settings);
BpCaseSourceFilter bp_case_source_choice_get_filter (GSettings  *settings);

G_END_DECLS
