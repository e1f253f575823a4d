/* bp-area.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-area"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-area-private.h"
#include "bp-area.h"

/**
 * BpArea:
 *
 * A reference area (region, province, care zone, municipality or statistical
 * sector) as the lists and the scope chooser show it. Immutable.
 */
struct _BpArea
{
  GObject      parent_instance;

  gint64       id;
  BpAreaLevel  level;
  char        *code;
  char        *name_nl;
  char        *name_fr;
  char        *parent_code;
  char        *parent_name_nl;  /* nullable, as the store gives them */
  char        *parent_name_fr;
  gint64       population;
};

enum {
  PROP_0,
  PROP_CODE,
  PROP_DISPLAY_NAME,
  PROP_LEVEL,
  PROP_POPULATION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BpArea, bp_area, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  const char *alias;
  const char *display_name;
} level_names[BP_AREA_N_LEVELS] = {
  { "region", NULL, N_("Region") },
  { "province", NULL, N_("Province") },
  { "care_zone", "elz", N_("Primary care zone") },
  { "municipality", NULL, N_("Municipality") },
  { "sector", "statistical_sector", N_("Statistical sector") },
  { "wijk", "neighbourhood", N_("Neighbourhood") },
};

/* From the largest to the smallest area. */
static const BpAreaLevel levels_by_rank[BP_AREA_N_LEVELS] = {
  BP_AREA_LEVEL_REGION,
  BP_AREA_LEVEL_PROVINCE,
  BP_AREA_LEVEL_CARE_ZONE,
  BP_AREA_LEVEL_MUNICIPALITY,
  BP_AREA_LEVEL_WIJK,
  BP_AREA_LEVEL_SECTOR,
};

static const char * const age_band_labels[BP_N_AGE_BANDS] = {
  "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+",
};

/**
 * bp_area_level_from_string:
 * @name: a level name as the tool and files use it, such as `municipality`,
 *   `elz` or `sector`
 * @level: (out): the level
 *
 * Returns: %TRUE when @name names a level
 */
gboolean
bp_area_level_from_string (const char  *name,
                           BpAreaLevel *level)
{
  g_return_val_if_fail (level != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < BP_AREA_N_LEVELS; i++)
    if (g_str_equal (name, level_names[i].name) ||
        g_strcmp0 (name, level_names[i].alias) == 0)
      {
        *level = i;
        return TRUE;
      }

  return FALSE;
}

const char *
bp_area_level_to_string (BpAreaLevel level)
{
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);

  return level_names[level].name;
}

const char *
bp_area_level_get_display_name (BpAreaLevel level)
{
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);

  return _(level_names[level].display_name);
}

/**
 * bp_area_level_get_rank:
 * @level: a level
 *
 * Returns: where @level nests, 0 for a region up to the statistical sector
 */
guint
bp_area_level_get_rank (BpAreaLevel level)
{
  g_return_val_if_fail (level < BP_AREA_N_LEVELS, 0);

  for (guint rank = 0; rank < BP_AREA_N_LEVELS; rank++)
    if (levels_by_rank[rank] == level)
      return rank;

  g_return_val_if_reached (0);
}

/**
 * bp_area_levels_in_rank_order:
 *
 * Returns: (array fixed-size=6): the %BP_AREA_N_LEVELS levels from the
 *   largest area to the smallest
 */
const BpAreaLevel *
bp_area_levels_in_rank_order (void)
{
  return levels_by_rank;
}

/**
 * bp_area_level_get_parent_level:
 * @level: a level other than the region
 *
 * The level of an area's parent_id. Sectors keep their municipality as
 * parent, neighbourhood or not.
 *
 * Returns: the parent's level
 */
BpAreaLevel
bp_area_level_get_parent_level (BpAreaLevel level)
{
  g_return_val_if_fail (level > BP_AREA_LEVEL_REGION && level < BP_AREA_N_LEVELS, BP_AREA_LEVEL_REGION);

  switch (level)
    {
    case BP_AREA_LEVEL_SECTOR:
    case BP_AREA_LEVEL_WIJK:
      return BP_AREA_LEVEL_MUNICIPALITY;
    default:
      return level - 1;
    }
}

/**
 * bp_area_level_contains:
 * @outer: a level
 * @inner: another level
 *
 * Returns: %TRUE when an area of @outer is made of whole areas of @inner
 */
gboolean
bp_area_level_contains (BpAreaLevel outer,
                        BpAreaLevel inner)
{
  return bp_area_level_get_rank (outer) < bp_area_level_get_rank (inner);
}

const char *
bp_age_band_get_label (guint age_band)
{
  g_return_val_if_fail (age_band < BP_N_AGE_BANDS, NULL);

  return age_band_labels[age_band];
}

BpAreaRecord *
bp_area_record_new (void)
{
  BpAreaRecord *record = g_new0 (BpAreaRecord, 1);

  for (guint i = 0; i < BP_N_AGE_BANDS; i++)
    record->population_by_age[i] = -1;

  return record;
}

void
bp_area_record_free (BpAreaRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->code);
  g_free (record->parent_code);
  g_free (record->name_nl);
  g_free (record->name_fr);
  g_free (record->population_ref_date);
  g_free (record->geometry_source);
  g_free (record->properties_json);
  g_clear_pointer (&record->geometry, bp_geometry_unref);
  g_free (record);
}

static void
bp_area_finalize (GObject *object)
{
  BpArea *self = (BpArea *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name_nl, g_free);
  g_clear_pointer (&self->name_fr, g_free);
  g_clear_pointer (&self->parent_code, g_free);
  g_clear_pointer (&self->parent_name_nl, g_free);
  g_clear_pointer (&self->parent_name_fr, g_free);

  G_OBJECT_CLASS (bp_area_parent_class)->finalize (object);
}

static void
bp_area_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  BpArea *self = BP_AREA (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, bp_area_get_display_name (self));
      break;

    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    case PROP_POPULATION:
      g_value_set_int64 (value, self->population);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_area_class_init (BpAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_area_finalize;
  object_class->get_property = bp_area_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, BP_AREA_N_LEVELS - 1, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_area_init (BpArea *self)
{
}

BpArea *
bp_area_new (gint64       id,
             BpAreaLevel  level,
             const char  *code,
             const char  *name_nl,
             const char  *name_fr,
             gint64       population,
             const char  *parent_code)
{
  BpArea *self;

  g_return_val_if_fail (level < BP_AREA_N_LEVELS, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (BP_TYPE_AREA, NULL);
  self->id = id;
  self->level = level;
  self->code = g_strdup (code);
  self->name_nl = g_strdup (name_nl);
  self->name_fr = g_strdup (name_fr);
  self->population = population;
  self->parent_code = g_strdup (parent_code);

  return self;
}

gint64
bp_area_get_id (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), 0);

  return self->id;
}

BpAreaLevel
bp_area_get_level (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), 0);

  return self->level;
}

const char *
bp_area_get_code (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  return self->code;
}

const char *
bp_area_get_name_nl (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  return self->name_nl;
}

const char *
bp_area_get_name_fr (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  return self->name_fr;
}

/**
 * bp_area_get_display_name:
 * @self: a #BpArea
 *
 * Returns: (transfer none): the French name when the interface is in French
 *   and the area has one, else the Dutch name
 */
/* The French name in a French locale, when there is one. */
static const char *
pick_name (const char *name_nl,
           const char *name_fr)
{
  const char * const *languages;

  if (name_fr != NULL)
    {
      languages = g_get_language_names ();
      if (languages[0] != NULL && g_str_has_prefix (languages[0], "fr"))
        return name_fr;
    }

  return name_nl;
}

const char *
bp_area_get_display_name (BpArea *self)
{
  const char *name;

  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  name = pick_name (self->name_nl, self->name_fr);
  return name ? name : self->code;
}

/**
 * bp_area_get_parent_display_name:
 * @self: a #BpArea
 *
 * Returns: (nullable): the name of the area @self lies in, when the store
 *   gave it, such as a neighbourhood's municipality
 */
const char *
bp_area_get_parent_display_name (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  return pick_name (self->parent_name_nl, self->parent_name_fr);
}

void
_bp_area_set_parent_names (BpArea     *self,
                           const char *name_nl,
                           const char *name_fr)
{
  g_return_if_fail (BP_IS_AREA (self));

  g_free (self->parent_name_nl);
  g_free (self->parent_name_fr);
  self->parent_name_nl = g_strdup (name_nl);
  self->parent_name_fr = g_strdup (name_fr);
}

gint64
bp_area_get_population (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), 0);

  return self->population;
}

const char *
bp_area_get_parent_code (BpArea *self)
{
  g_return_val_if_fail (BP_IS_AREA (self), NULL);

  return self->parent_code;
}
