/* bp-key-figure-card.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bp-key-figure-card.h"

/* One of the dashboard's key figures: what it is, its value and a line on
 * how it compares. The tooltip says how the figure is made. */
struct _BpKeyFigureCard
{
  AdwBin                parent_instance;

  GtkLabel             *title_label;
  GtkLabel             *value_label;
  GtkLabel             *detail_label;
  GtkImage             *direction_image;

  BpKeyFigureDirection  direction;
  char                 *explanation;
};

G_DEFINE_FINAL_TYPE (BpKeyFigureCard, bp_key_figure_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_DETAIL,
  PROP_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible_label (BpKeyFigureCard *self)
{
  g_autofree char *label = g_strdup_printf ("%s: %s. %s", gtk_label_get_label (self->title_label),
                                            gtk_label_get_label (self->value_label),
                                            gtk_label_get_label (self->detail_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
bp_key_figure_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BpKeyFigureCard *self = BP_KEY_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, bp_key_figure_card_get_title (self));
      break;
    case PROP_VALUE:
      g_value_set_string (value, bp_key_figure_card_get_value (self));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, bp_key_figure_card_get_detail (self));
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, bp_key_figure_card_get_explanation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_key_figure_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BpKeyFigureCard *self = BP_KEY_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      bp_key_figure_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      bp_key_figure_card_set_value (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      bp_key_figure_card_set_detail (self, g_value_get_string (value));
      break;
    case PROP_EXPLANATION:
      bp_key_figure_card_set_explanation (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The explanation is given when the tooltip opens. GTK 4.8's
 * gtk_widget_set_tooltip_text() asks the display server where the pointer
 * is, a round trip each time, and the dashboard sets the explanations of
 * eight cards at every refresh. */
static gboolean
bp_key_figure_card_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  BpKeyFigureCard *self = BP_KEY_FIGURE_CARD (widget);

  if (self->explanation == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->explanation);
  return TRUE;
}

static void
bp_key_figure_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_KEY_FIGURE_CARD);

  G_OBJECT_CLASS (bp_key_figure_card_parent_class)->dispose (object);
}

static void
bp_key_figure_card_finalize (GObject *object)
{
  BpKeyFigureCard *self = (BpKeyFigureCard *)object;

  g_free (self->explanation);

  G_OBJECT_CLASS (bp_key_figure_card_parent_class)->finalize (object);
}

static void
bp_key_figure_card_class_init (BpKeyFigureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bp_key_figure_card_get_property;
  object_class->set_property = bp_key_figure_card_set_property;
  object_class->dispose = bp_key_figure_card_dispose;
  object_class->finalize = bp_key_figure_card_finalize;

  widget_class->query_tooltip = bp_key_figure_card_query_tooltip;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               BP_RESOURCE_PATH "/ui/bp-key-figure-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BpKeyFigureCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpKeyFigureCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, BpKeyFigureCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, BpKeyFigureCard, direction_image);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bp_key_figure_card_init (BpKeyFigureCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BpKeyFigureCard *
bp_key_figure_card_new (void)
{
  return g_object_new (BP_TYPE_KEY_FIGURE_CARD, NULL);
}

const char *
bp_key_figure_card_get_title (BpKeyFigureCard *self)
{
  g_return_val_if_fail (BP_IS_KEY_FIGURE_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
bp_key_figure_card_set_title (BpKeyFigureCard *self,
                              const char      *title)
{
  g_return_if_fail (BP_IS_KEY_FIGURE_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title ? title : "") == 0)
    return;

  gtk_label_set_label (self->title_label, title ? title : "");
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bp_key_figure_card_get_value (BpKeyFigureCard *self)
{
  g_return_val_if_fail (BP_IS_KEY_FIGURE_CARD (self), NULL);

  return gtk_label_get_label (self->value_label);
}

void
bp_key_figure_card_set_value (BpKeyFigureCard *self,
                              const char      *value)
{
  g_return_if_fail (BP_IS_KEY_FIGURE_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->value_label), value ? value : "") == 0)
    return;

  gtk_label_set_label (self->value_label, value ? value : "");
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
bp_key_figure_card_get_detail (BpKeyFigureCard *self)
{
  g_return_val_if_fail (BP_IS_KEY_FIGURE_CARD (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

void
bp_key_figure_card_set_detail (BpKeyFigureCard *self,
                               const char      *detail)
{
  g_return_if_fail (BP_IS_KEY_FIGURE_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->detail_label), detail ? detail : "") == 0)
    return;

  gtk_label_set_label (self->detail_label, detail ? detail : "");
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/**
 * bp_key_figure_card_set_direction:
 * @self: a #BpKeyFigureCard
 * @direction: which way the figure went
 *
 * Shows an arrow; rising infections are coloured as a warning, falling ones
 * as good news. The arrow is not the only sign: the detail line says it too.
 */
void
bp_key_figure_card_set_direction (BpKeyFigureCard      *self,
                                  BpKeyFigureDirection  direction)
{
  g_return_if_fail (BP_IS_KEY_FIGURE_CARD (self));

  if (self->direction == direction)
    return;

  self->direction = direction;
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->direction_image), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->direction_image), "success");

  switch (direction)
    {
    case BP_KEY_FIGURE_RISING:
      gtk_image_set_from_icon_name (self->direction_image, "go-up-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->direction_image), "error");
      break;
    case BP_KEY_FIGURE_FALLING:
      gtk_image_set_from_icon_name (self->direction_image, "go-down-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->direction_image), "success");
      break;
    case BP_KEY_FIGURE_STEADY:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->direction_image), direction != BP_KEY_FIGURE_STEADY);
}

const char *
bp_key_figure_card_get_explanation (BpKeyFigureCard *self)
{
  g_return_val_if_fail (BP_IS_KEY_FIGURE_CARD (self), NULL);

  return self->explanation;
}

/**
 * bp_key_figure_card_set_explanation:
 * @self: a #BpKeyFigureCard
 * @explanation: (nullable): how the figure is counted, for its tooltip and
 *   screen readers
 */
void
bp_key_figure_card_set_explanation (BpKeyFigureCard *self,
                                    const char      *explanation)
{
  g_return_if_fail (BP_IS_KEY_FIGURE_CARD (self));

  if (explanation != NULL && explanation[0] == '\0')
    explanation = NULL;
  if (g_strcmp0 (self->explanation, explanation) == 0)
    return;

  g_free (self->explanation);
  self->explanation = g_strdup (explanation);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), explanation != NULL);
  if (explanation)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}
