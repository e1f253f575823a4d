/* fuzz-geojson.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bp-geojson-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Feeds bytes to the GeoJSON reader (plain or gzip). The level comes from the
 * length of the input, so every level is read without a prefix byte that
 * would make the seed files something other than GeoJSON. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(BpGeojsonReader) reader = bp_geojson_reader_new (size % BP_AREA_N_LEVELS);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = bp_geojson_reader_read_data (reader, (const char *)data, size, "fuzz.geojson", &error);

  /* Exactly one of the two, always. */
  if ((records == NULL) == (error == NULL))
    g_error ("The reader returned %s and %s", records ? "areas" : "nothing", error ? "an error" : "no error");

  return 0;
}
