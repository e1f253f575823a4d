/* bp-ranking-item.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-ranking-item.h"
#include "bp-ui-format.h"

/* One row of the dashboard's ranking table: an area and its 14-day figures.
 * Hidden figures ("<5") sort as their own lowest value, so that the order
 * of the rows cannot give them away. */
struct _BpRankingItem
{
  GObject         parent_instance;

  BpAreaLevel     level;
  char           *code;
  char           *name;
  BpIndicatorRow  row;
  gboolean        suppress_small;
};

G_DEFINE_FINAL_TYPE (BpRankingItem, bp_ranking_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_POPULATION,
  PROP_CASES,
  PROP_PREVIOUS_CASES,
  PROP_INCIDENCE,
  PROP_TREND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sort keys: a hidden value below every real one. */
static double
sort_cases (gint64       n_cases,
            BpValueFlags flags)
{
  return flags & BP_VALUE_SUPPRESSED ? -1.0 : (double)n_cases;
}

static double
sort_rate (double       value,
           BpValueFlags flags)
{
  return flags != BP_VALUE_NONE || isnan (value) ? -G_MAXDOUBLE : value;
}

/* Doubles compare equal here when both are NaN, as a missing value is. */
static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
same_row (const BpIndicatorRow *a,
          const BpIndicatorRow *b)
{
  return a->area_id == b->area_id &&
         g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->population == b->population &&
         a->n_cases == b->n_cases &&
         a->n_cases_previous == b->n_cases_previous &&
         same_double (a->incidence_per_100k, b->incidence_per_100k) &&
         same_double (a->trend_percent, b->trend_percent) &&
         a->cases_flags == b->cases_flags &&
         a->previous_flags == b->previous_flags &&
         a->incidence_flags == b->incidence_flags &&
         a->trend_flags == b->trend_flags;
}

static void
bp_ranking_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpRankingItem *self = BP_RANKING_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POPULATION:
      g_value_set_double (value, (double)self->row.population);
      break;
    case PROP_CASES:
      g_value_set_double (value, sort_cases (self->row.n_cases, self->row.cases_flags));
      break;
    case PROP_PREVIOUS_CASES:
      g_value_set_double (value, sort_cases (self->row.n_cases_previous, self->row.previous_flags));
      break;
    case PROP_INCIDENCE:
      g_value_set_double (value, sort_rate (self->row.incidence_per_100k, self->row.incidence_flags));
      break;
    case PROP_TREND:
      g_value_set_double (value, sort_rate (self->row.trend_percent, self->row.trend_flags));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_ranking_item_finalize (GObject *object)
{
  BpRankingItem *self = (BpRankingItem *)object;

  g_free (self->code);
  g_free (self->name);

  G_OBJECT_CLASS (bp_ranking_item_parent_class)->finalize (object);
}

static void
bp_ranking_item_class_init (BpRankingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bp_ranking_item_get_property;
  object_class->finalize = bp_ranking_item_finalize;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POPULATION] =
    g_param_spec_double ("population", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASES] =
    g_param_spec_double ("cases", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIOUS_CASES] =
    g_param_spec_double ("previous-cases", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENCE] =
    g_param_spec_double ("incidence", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TREND] =
    g_param_spec_double ("trend", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_ranking_item_init (BpRankingItem *self)
{
}

/**
 * bp_ranking_item_new:
 * @level: the level of the row's area
 * @row: its figures, already suppressed as they must be shown
 * @suppress_small: whether small counts are hidden
 *
 * Returns: (transfer full): a new item
 */
BpRankingItem *
bp_ranking_item_new (BpAreaLevel           level,
                     const BpIndicatorRow *row,
                     gboolean              suppress_small)
{
  BpRankingItem *self = g_object_new (BP_TYPE_RANKING_ITEM, NULL);

  self->level = level;
  self->row = *row;
  self->code = g_strdup (row->code);
  self->name = g_strdup (row->name);
  self->row.code = self->code;
  self->row.name = self->name;
  self->suppress_small = suppress_small;

  return self;
}

/**
 * bp_ranking_item_update:
 * @self: a #BpRankingItem
 * @level: the level of the row's area
 * @row: new figures, already suppressed as they must be shown
 * @suppress_small: whether small counts are hidden
 *
 * Gives the item another area's figures. The dashboard reuses its items
 * at each refresh: the table then keeps its row widgets and only rebinds
 * what changed (GTK 4.8's column view makes every row anew for new items).
 * An item that already holds these figures stays as it is, so that the
 * cells of its row are not set again.
 */
void
bp_ranking_item_update (BpRankingItem        *self,
                        BpAreaLevel           level,
                        const BpIndicatorRow *row,
                        gboolean              suppress_small)
{
  g_return_if_fail (BP_IS_RANKING_ITEM (self));
  g_return_if_fail (row != NULL);

  if (self->level == level && self->suppress_small == suppress_small && same_row (&self->row, row))
    return;

  self->level = level;
  g_free (self->code);
  g_free (self->name);
  self->row = *row;
  self->code = g_strdup (row->code);
  self->name = g_strdup (row->name);
  self->row.code = self->code;
  self->row.name = self->name;
  self->suppress_small = suppress_small;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_CODE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

BpAreaLevel
bp_ranking_item_get_level (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), BP_AREA_LEVEL_REGION);

  return self->level;
}

/**
 * bp_ranking_item_get_row:
 * @self: a #BpRankingItem
 *
 * Returns: (transfer none): the item's figures, valid while it is not
 *   updated
 */
const BpIndicatorRow *
bp_ranking_item_get_row (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  return &self->row;
}

gboolean
bp_ranking_item_get_small_suppressed (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), FALSE);

  return self->suppress_small;
}

const char *
bp_ranking_item_get_code (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  return self->code;
}

const char *
bp_ranking_item_get_name (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  return self->name;
}

char *
bp_ranking_item_dup_cases_text (BpRankingItem *self,
                                gboolean       previous)
{
  gint64 n = previous ? self->row.n_cases_previous : self->row.n_cases;
  BpValueFlags flags = previous ? self->row.previous_flags : self->row.cases_flags;

  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  return bp_ui_format_count (flags & BP_VALUE_SUPPRESSED ? BP_COUNT_SUPPRESSED : n, self->suppress_small);
}

char *
bp_ranking_item_dup_population_text (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  return g_strdup_printf ("%'" G_GINT64_FORMAT, self->row.population);
}

char *
bp_ranking_item_dup_incidence_text (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  if (self->row.incidence_flags & BP_VALUE_SUPPRESSED)
    return g_strdup (_("<5 cases"));
  if (self->row.incidence_flags & BP_VALUE_NO_POPULATION)
    /* Translators: an incidence without residents to divide by */
    return g_strdup (_("—"));
  return g_strdup_printf ("%'.1f", self->row.incidence_per_100k);
}

char *
bp_ranking_item_dup_trend_text (BpRankingItem *self)
{
  g_return_val_if_fail (BP_IS_RANKING_ITEM (self), NULL);

  if (self->row.trend_flags & BP_VALUE_SUPPRESSED)
    return g_strdup (_("hidden"));
  if (self->row.trend_flags & BP_VALUE_NO_PREVIOUS)
    return g_strdup (self->row.n_cases > 0 ? _("new") : _("—"));
  /* Translators: a change in percent, with its sign */
  return g_strdup_printf (_("%+.0f %%"), self->row.trend_percent);
}
