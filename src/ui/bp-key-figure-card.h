/* bp-key-figure-card.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Which way a figure went, for its colour and arrow: more cases is bad. */
typedef enum
{
  BP_KEY_FIGURE_STEADY,
  BP_KEY_FIGURE_RISING,
  BP_KEY_FIGURE_FALLING,
} BpKeyFigureDirection;

#define BP_TYPE_KEY_FIGURE_CARD (bp_key_figure_card_get_type ())
G_DECLARE_FINAL_TYPE (BpKeyFigureCard, bp_key_figure_card, BP, KEY_FIGURE_CARD, AdwBin)

BpKeyFigureCard *bp_key_figure_card_new             (void);
const char      *bp_key_figure_card_get_title       (BpKeyFigureCard      *self);
void             bp_key_figure_card_set_title       (BpKeyFigureCard      *self,
                                                     const char           *title);
const char      *bp_key_figure_card_get_value       (BpKeyFigureCard      *self);
void             bp_key_figure_card_set_value       (BpKeyFigureCard      *self,
                                                     const char           *value);
const char      *bp_key_figure_card_get_detail      (BpKeyFigureCard      *self);
void             bp_key_figure_card_set_detail      (BpKeyFigureCard      *self,
                                                     const char           *detail);
void             bp_key_figure_card_set_direction   (BpKeyFigureCard      *self,
                                                     BpKeyFigureDirection  direction);
const char      *bp_key_figure_card_get_explanation (BpKeyFigureCard      *self);
void             bp_key_figure_card_set_explanation (BpKeyFigureCard      *self,
                                                     const char           *explanation);

G_END_DECLS
