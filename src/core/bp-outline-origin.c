/* bp-outline-origin.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-outline-origin"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-outline-origin.h"

static const char * const display_names[BP_N_OUTLINE_ORIGINS] = {
  N_("Official outline"),
  N_("Outline reconstructed from official boundaries"),
  N_("Approximate outline"),
};

/**
 * bp_outline_origin_from_geometry_source:
 * @geometry_source: (nullable): the `geometry_source` the store keeps for an
 *   area
 *
 * The one place that reads `geometry_source`. The shipped files say
 * `statbel` for a real area that holds one sector only, `statbel_unverified`
 * for one whose area could not be checked against Statbel's, and `synthetic`
 * for a piece of a real area shared with other sectors. Anything else was
 * imported from an official file: `import-areas` writes `statbel_official`
 * for Statbel's own files and `unknown` for features that do not say.
 *
 * Returns: the origin of the outline
 */
BpOutlineOrigin
bp_outline_origin_from_geometry_source (const char *geometry_source)
{
  if (g_strcmp0 (geometry_source, "synthetic") == 0)
    return BP_OUTLINE_ORIGIN_APPROXIMATE;
  if (g_strcmp0 (geometry_source, "statbel") == 0 ||
      g_strcmp0 (geometry_source, "statbel_unverified") == 0)
    return BP_OUTLINE_ORIGIN_RECONSTRUCTED;

  return BP_OUTLINE_ORIGIN_REAL;
}

const char *
bp_outline_origin_get_display_name (BpOutlineOrigin origin)
{
  g_return_val_if_fail (origin < BP_N_OUTLINE_ORIGINS, NULL);

  return _(display_names[origin]);
}
