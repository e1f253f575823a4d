/* bp-demo-generator.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-demo-generator"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-area.h"
#include "bp-day.h"
#include "bp-demo-generator.h"
#include "bp-rrn.h"
#include "bp-store-counts.h"
#include "bp-store-documents.h"
#include "bp-store-private.h"

/* The demo scenario: a synthetic outbreak over the real sectors and their
 * populations, so Brandpunt can be explored without a central platform.
 *
 * Infections follow a renewal process per statistical sector: today's new
 * infections are R(t) times the susceptible share times the recent
 * infections, weighted by the generation interval. A sector feels its own
 * infections, those of the sectors whose bounding boxes touch its own, of its
 * municipality and, faintly, of everything. R(t) rises in a few waves, each
 * with its own strength per care zone and its own age profile. Reported cases
 * follow infections after a short delay, with fewer reports on Sunday and
 * Monday. Everything comes from one seeded generator (xoshiro256**), never
 * from rand(), so a seed always gives the same store. */

G_DEFINE_QUARK (bp-demo-error-quark, bp_demo_error)

#define RING             16    /* days of infection history kept per sector */
#define N_GENERATION     10
#define N_REPORT_DELAY   7
#define R_BASE           0.90
#define ASCERTAINMENT    0.55  /* share of infections that are confirmed */
#define INITIAL_RATE     1.2e-5 /* daily infections per person at the start */
#define IMPORT_RATE      1.3e-6 /* imported infections per person and day */
#define SEED_RATE        5e-6   /* infections that start a wave, per person */
#define WANING_PER_DAY   (1.0 / 250) /* immunity fades over about ten months */
/* People and measures react to high incidence: R falls to half where the
 * 14-day incidence per 100,000 reaches this, which keeps waves in bounds. */
#define RESPONSE_INCIDENCE 2100.0
#define SHARE_OWN        0.52
#define SHARE_NEIGHBOURS 0.28
#define SHARE_MUNICIPALITY 0.15
#define SHARE_EVERYWHERE 0.05
/* Reports by a general practitioner without a test: a few between the
 * waves, up to about a third when a wave outgrows testing. Testing catches
 * up in about three weeks and scales down over two months. */
#define CLINICAL_SHARE_BASE  0.05
#define CLINICAL_SHARE_EXTRA 0.25
#define TESTING_RAMP_UP_DAYS 21.0
#define TESTING_RAMP_DOWN_DAYS 60.0

/* Generation interval, days 1 to 10 (mean about 4.7 days). */
static const double generation_weights[N_GENERATION] = {
  0.06, 0.13, 0.17, 0.17, 0.15, 0.12, 0.09, 0.06, 0.03, 0.02,
};

/* Delay from infection to the report, days 0 to 6. */
static const double report_delay_weights[N_REPORT_DELAY] = {
  0.02, 0.10, 0.24, 0.27, 0.19, 0.11, 0.07,
};

/* Reports per ISO weekday (Monday first), averaging 1: few tests are taken
 * on Sunday and their results come on Monday and Tuesday. */
static const double weekday_factors[7] = {
  0.80, 1.22, 1.12, 1.08, 1.06, 1.05, 0.67,
};

/* Relative attack rate per age band outside waves. */
static const double base_age_profile[BP_N_AGE_BANDS] = {
  0.80, 1.05, 1.15, 1.10, 1.05, 0.95, 0.80, 0.70, 0.60,
};

typedef struct
{
  const char *name;
  int         start_before_end; /* days before the end day that R starts rising */
  int         length;           /* days R stays raised */
  double      r_boost;          /* added to R at the top */
  double      nursing_home_factor;
  double      age_profile[BP_N_AGE_BANDS];
} Wave;

/* Placed for the default end day, 2026-11-15; another end day moves them
 * all. The winter wave, a summer bump among young adults, the big autumn
 * wave with schools and nursing homes, a spring wave and a new rise at the
 * end, so the dashboard has something to warn about. */
static const Wave waves[] = {
  { "winter", 740, 110, 0.62, 1.3, { 0.90, 1.20, 1.20, 1.10, 1.00, 0.95, 0.85, 0.80, 0.65 } },
  { "summer", 525, 80, 0.60, 0.6, { 0.45, 1.35, 2.40, 1.15, 0.85, 0.65, 0.45, 0.35, 0.25 } },
  { "autumn", 460, 140, 1.00, 3.0, { 1.05, 1.95, 1.30, 1.10, 1.10, 0.90, 0.75, 0.85, 1.70 } },
  { "spring", 305, 100, 0.85, 1.2, { 0.90, 1.30, 1.10, 1.10, 1.05, 0.95, 0.85, 0.70, 0.55 } },
  { "rise", 75, 150, 0.95, 1.0, { 1.00, 1.60, 1.30, 1.10, 1.00, 0.90, 0.70, 0.60, 0.50 } },
};

#define N_WAVES G_N_ELEMENTS (waves)

typedef struct
{
  guint64 s[4];
} Rng;

typedef struct
{
  gint64  id;
  char   *code;
  guint   municipality;
  int     population;
} Sector;

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *care_zone_code;
  guint   care_zone;
  double  age_share[BP_N_AGE_BANDS];
  double  population;     /* sum of its sectors */
  guint   first_sector;   /* sectors are sorted by municipality in sector_order */
  guint   n_sectors;
} Municipality;

typedef struct
{
  gint64  id;
  guint   sector;
  char   *name;
} NursingHome;

typedef struct
{
  BpStore            *store;
  BpDemoOptions       options;
  int                 first_day;
  int                 n_days;
  GCancellable       *cancellable;
  BpDemoProgressFunc  progress;
  gpointer            progress_data;
  Rng                 rng;

  Sector             *sectors;
  guint               n_sectors;
  Municipality       *municipalities;
  guint               n_municipalities;
  guint               n_care_zones;
  guint              *sector_order;      /* sector indices grouped by municipality */
  guint              *neighbour_start;   /* n_sectors + 1 */
  guint              *neighbours;
  double             *neighbour_population;

  guint16            *confirmed;         /* n_sectors × n_days */
  double             *national;          /* n_days */
  double             *municipality_daily; /* n_municipalities × n_days */
  double             *age_profile;       /* n_days × BP_N_AGE_BANDS */
  double             *wave_intensity;    /* n_days × N_WAVES */

  NursingHome        *homes;
  guint               n_homes;

  BpDemoSummary       summary;
} Generator;

/* splitmix64 seeds xoshiro256**, as its authors recommend
 * (https://prng.di.unimi.it/). */
static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* In [0, 1). */
static inline double
rng_uniform (Rng *rng)
{
  return (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* In [low, high], both included. */
static inline int
rng_range (Rng *rng,
           int  low,
           int  high)
{
  g_assert (high >= low);

  return low + (int)(rng_uniform (rng) * (high - low + 1));
}

static double
rng_normal (Rng *rng)
{
  double u1 = 1.0 - rng_uniform (rng);
  double u2 = rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Poisson variates: inversion by sequential search for small means, and
 * Hörmann's transformed rejection with squeeze (PTRS, 1993) above 30. */
static int
rng_poisson (Rng    *rng,
             double  lambda)
{
  if (lambda <= 0)
    return 0;

  if (lambda < 30)
    {
      double p = exp (-lambda);
      double cumulative = p;
      double u = rng_uniform (rng);
      int k = 0;

      while (u > cumulative && k < 1000)
        {
          k++;
          p *= lambda / k;
          cumulative += p;
        }

      return k;
    }
  else
    {
      double slam = sqrt (lambda);
      double loglam = log (lambda);
      double b = 0.931 + 2.53 * slam;
      double a = -0.059 + 0.02483 * b;
      double invalpha = 1.1239 + 1.1328 / (b - 3.4);
      double vr = 0.9277 - 3.6224 / (b - 2);

      for (;;)
        {
          double u = rng_uniform (rng) - 0.5;
          double v = rng_uniform (rng);
          double us = 0.5 - fabs (u);
          double k = floor ((2 * a / us + b) * u + lambda + 0.43);

          if (us >= 0.07 && v <= vr)
            return (int)k;

          if (k < 0 || (us < 0.013 && v > us))
            continue;

          if (log (v) + log (invalpha) - log (a / (us * us) + b) <=
              -lambda + k * loglam - lgamma (k + 1))
            return (int)k;
        }
    }
}

/* An index into @weights (cumulative, last = total), drawn by weight. */
static guint
pick_cumulative (Rng          *rng,
                 const double *cumulative,
                 guint         n)
{
  double target = rng_uniform (rng) * cumulative[n - 1];
  guint low = 0;
  guint high = n - 1;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (cumulative[mid] > target)
        high = mid;
      else
        low = mid + 1;
    }

  return low;
}

static void
generator_clear (Generator *gen)
{
  for (guint i = 0; i < gen->n_sectors; i++)
    g_free (gen->sectors[i].code);
  for (guint i = 0; i < gen->n_municipalities; i++)
    {
      g_free (gen->municipalities[i].code);
      g_free (gen->municipalities[i].name);
      g_free (gen->municipalities[i].care_zone_code);
    }
  for (guint i = 0; i < gen->n_homes; i++)
    g_free (gen->homes[i].name);

  g_free (gen->sectors);
  g_free (gen->municipalities);
  g_free (gen->sector_order);
  g_free (gen->neighbour_start);
  g_free (gen->neighbours);
  g_free (gen->neighbour_population);
  g_free (gen->confirmed);
  g_free (gen->national);
  g_free (gen->municipality_daily);
  g_free (gen->age_profile);
  g_free (gen->wave_intensity);
  g_free (gen->homes);
  g_clear_object (&gen->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Generator, generator_clear)

static gboolean
report_progress (Generator  *gen,
                 double      fraction,
                 GError    **error)
{
  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;

  if (gen->progress)
    gen->progress (CLAMP (fraction, 0.0, 1.0), gen->progress_data);

  return TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

static int
find_municipality (Generator *gen,
                   gint64     id)
{
  guint low = 0;
  guint high = gen->n_municipalities;

  /* Municipalities are read in id order. */
  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (gen->municipalities[mid].id < id)
        low = mid + 1;
      else
        high = mid;
    }

  return low < gen->n_municipalities && gen->municipalities[low].id == id ? (int)low : -1;
}

static int
find_sector (Generator *gen,
             gint64     id)
{
  guint low = 0;
  guint high = gen->n_sectors;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (gen->sectors[mid].id < id)
        low = mid + 1;
      else
        high = mid;
    }

  return low < gen->n_sectors && gen->sectors[low].id == id ? (int)low : -1;
}

static gboolean
load_areas (Generator  *gen,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) municipalities = NULL;
  g_autoptr(sqlite3_stmt) ages = NULL;
  g_autoptr(sqlite3_stmt) sectors = NULL;
  g_autoptr(GArray) municipality_array = g_array_new (FALSE, TRUE, sizeof (Municipality));
  g_autoptr(GArray) sector_array = g_array_new (FALSE, TRUE, sizeof (Sector));
  g_autoptr(GHashTable) care_zones = g_hash_table_new (g_str_hash, g_str_equal);
  double overall[BP_N_AGE_BANDS] = { 0 };
  double overall_total = 0;
  guint *fill;
  int rc;

  if (!(municipalities = _bp_store_prepare (gen->store,
                                            "SELECT m.id, m.code, m.name_nl, z.code FROM area m"
                                            " JOIN area z ON z.id = m.parent_id"
                                            " WHERE m.level = 3 ORDER BY m.id",
                                            error)) ||
      !(ages = _bp_store_prepare (gen->store,
                                  "SELECT p.area_id, p.age_band, p.population FROM area_age_population p"
                                  " JOIN area a ON a.id = p.area_id WHERE a.level = 3",
                                  error)) ||
      !(sectors = _bp_store_prepare (gen->store,
                                     "SELECT id, code, parent_id, population FROM area"
                                     " WHERE level = 4 ORDER BY id",
                                     error)))
    return FALSE;

  while ((rc = sqlite3_step (municipalities)) == SQLITE_ROW)
    {
      Municipality m = { 0 };
      const char *zone = (const char *)sqlite3_column_text (municipalities, 3);
      gpointer zone_index;

      m.id = sqlite3_column_int64 (municipalities, 0);
      m.code = g_strdup ((const char *)sqlite3_column_text (municipalities, 1));
      m.name = g_strdup ((const char *)sqlite3_column_text (municipalities, 2));
      m.care_zone_code = g_strdup (zone);
      if (!g_hash_table_lookup_extended (care_zones, zone, NULL, &zone_index))
        {
          zone_index = GUINT_TO_POINTER (g_hash_table_size (care_zones));
          g_hash_table_insert (care_zones, m.care_zone_code, zone_index);
        }
      m.care_zone = GPOINTER_TO_UINT (zone_index);
      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        m.age_share[b] = -1;
      g_array_append_val (municipality_array, m);
    }
  gen->n_municipalities = municipality_array->len;
  gen->municipalities = (Municipality *)(void *)g_array_free (g_steal_pointer (&municipality_array),
                                                              FALSE);
  gen->n_care_zones = g_hash_table_size (care_zones);
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  while ((rc = sqlite3_step (ages)) == SQLITE_ROW)
    {
      int m = find_municipality (gen, sqlite3_column_int64 (ages, 0));
      int band = sqlite3_column_int (ages, 1);
      double population = sqlite3_column_int64 (ages, 2);

      if (m < 0)
        continue;
      gen->municipalities[m].age_share[band] = population;
      overall[band] += population;
      overall_total += population;
    }
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  while ((rc = sqlite3_step (sectors)) == SQLITE_ROW)
    {
      Sector s = { 0 };
      int m = find_municipality (gen, sqlite3_column_int64 (sectors, 2));

      if (m < 0)
        continue;
      s.id = sqlite3_column_int64 (sectors, 0);
      s.code = g_strdup ((const char *)sqlite3_column_text (sectors, 1));
      s.municipality = m;
      s.population = sqlite3_column_int (sectors, 3);
      g_array_append_val (sector_array, s);
    }
  gen->n_sectors = sector_array->len;
  gen->sectors = (Sector *)(void *)g_array_free (g_steal_pointer (&sector_array), FALSE);
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  if (gen->n_sectors == 0)
    {
      g_set_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_NO_AREAS,
                   _("The store has no statistical sectors, so there is nowhere to put the demo outbreak. Load the reference areas first."));
      return FALSE;
    }

  if (overall_total <= 0)
    {
      g_set_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_NO_AREAS,
                   _("The store has no population by age for its municipalities, which the demo outbreak needs. Load the reference areas again."));
      return FALSE;
    }

  /* Shares by age; a municipality without its own uses the overall one. */
  for (guint i = 0; i < gen->n_municipalities; i++)
    {
      Municipality *m = &gen->municipalities[i];
      double total = 0;

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        total += MAX (m->age_share[b], 0);

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        m->age_share[b] = total > 0 ? MAX (m->age_share[b], 0) / total : overall[b] / overall_total;
    }

  for (guint s = 0; s < gen->n_sectors; s++)
    {
      gen->municipalities[gen->sectors[s].municipality].population += gen->sectors[s].population;
      gen->municipalities[gen->sectors[s].municipality].n_sectors++;
    }

  fill = g_new0 (guint, gen->n_municipalities);
  for (guint i = 1; i < gen->n_municipalities; i++)
    gen->municipalities[i].first_sector = gen->municipalities[i - 1].first_sector +
                                          gen->municipalities[i - 1].n_sectors;
  gen->sector_order = g_new (guint, gen->n_sectors);
  for (guint s = 0; s < gen->n_sectors; s++)
    {
      Municipality *m = &gen->municipalities[gen->sectors[s].municipality];

      gen->sector_order[m->first_sector + fill[gen->sectors[s].municipality]++] = s;
    }
  g_free (fill);

  return TRUE;

sqlite_error:
  _bp_store_set_sqlite_error (gen->store, error);
  return FALSE;
}

/* Neighbours are the sectors whose bounding boxes meet, found once with the
 * R*Tree; outlines that touch have boxes that meet. */
static gboolean
find_neighbours (Generator  *gen,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) boxes = NULL;
  g_autoptr(sqlite3_stmt) query = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (guint));
  double *box = g_new0 (double, 4 * gen->n_sectors);
  gboolean *has_box = g_new0 (gboolean, gen->n_sectors);
  int rc;

  if (!(boxes = _bp_store_prepare (gen->store,
                                   "SELECT b.id, b.min_lon, b.max_lon, b.min_lat, b.max_lat"
                                   " FROM area_bbox b JOIN area a ON a.id = b.id WHERE a.level = 4",
                                   error)) ||
      !(query = _bp_store_prepare (gen->store,
                                   "SELECT id FROM area_bbox"
                                   " WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?",
                                   error)))
    {
      g_free (box);
      g_free (has_box);
      return FALSE;
    }

  while ((rc = sqlite3_step (boxes)) == SQLITE_ROW)
    {
      int s = find_sector (gen, sqlite3_column_int64 (boxes, 0));

      if (s < 0)
        continue;
      for (guint i = 0; i < 4; i++)
        box[4 * s + i] = sqlite3_column_double (boxes, 1 + i);
      has_box[s] = TRUE;
    }

  gen->neighbour_start = g_new0 (guint, gen->n_sectors + 1);
  gen->neighbour_population = g_new0 (double, gen->n_sectors);

  for (guint s = 0; s < gen->n_sectors && rc == SQLITE_DONE; s++)
    {
      gen->neighbour_start[s] = list->len;
      if (!has_box[s])
        continue;

      sqlite3_bind_double (query, 1, box[4 * s + 0]);
      sqlite3_bind_double (query, 2, box[4 * s + 1]);
      sqlite3_bind_double (query, 3, box[4 * s + 2]);
      sqlite3_bind_double (query, 4, box[4 * s + 3]);
      while ((rc = sqlite3_step (query)) == SQLITE_ROW)
        {
          int n = find_sector (gen, sqlite3_column_int64 (query, 0));

          if (n < 0 || (guint)n == s)
            continue;
          g_array_append_val (list, n);
          gen->neighbour_population[s] += gen->sectors[n].population;
        }
      sqlite3_reset (query);
    }
  gen->neighbour_start[gen->n_sectors] = list->len;

  g_free (box);
  g_free (has_box);

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (gen->store, error);
      return FALSE;
    }

  /* The R*Tree gives ids in no promised order; sort each list so the sums,
   * and so the whole scenario, do not depend on it. */
  for (guint s = 0; s < gen->n_sectors; s++)
    {
      guint start = gen->neighbour_start[s];
      guint n = gen->neighbour_start[s + 1] - start;

      if (n > 1)
        g_qsort_with_data (&g_array_index (list, guint, start), n, sizeof (guint),
                           compare_guint, NULL);
    }

  gen->neighbours = (guint *)(void *)g_array_free (g_steal_pointer (&list), FALSE);

  return TRUE;
}

/* How far into wave @w day @t is, 0 outside it and 1 at its top. */
static double
wave_shape (Generator *gen,
            guint      w,
            int        t)
{
  int start = gen->n_days - 1 - waves[w].start_before_end;
  double x = (double)(t - start) / waves[w].length;

  if (x <= 0 || x >= 1)
    return 0;

  return sin (G_PI * x) * sin (G_PI * x);
}

static void
compute_day_profiles (Generator *gen)
{
  gen->wave_intensity = g_new0 (double, (gsize)gen->n_days * N_WAVES);
  gen->age_profile = g_new0 (double, (gsize)gen->n_days * BP_N_AGE_BANDS);

  for (int t = 0; t < gen->n_days; t++)
    {
      double *profile = &gen->age_profile[(gsize)t * BP_N_AGE_BANDS];
      double total = 0.15;

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        profile[b] = 0.15 * base_age_profile[b];

      /* Cases lag R by about two weeks, so do their ages. */
      for (guint w = 0; w < N_WAVES; w++)
        {
          double shape = wave_shape (gen, w, t - 14);

          gen->wave_intensity[(gsize)t * N_WAVES + w] = shape;
          total += shape;
          for (guint b = 0; b < BP_N_AGE_BANDS; b++)
            profile[b] += shape * waves[w].age_profile[b];
        }

      for (guint b = 0; b < BP_N_AGE_BANDS; b++)
        profile[b] /= total;
    }
}

static gboolean
simulate (Generator  *gen,
          GError    **error)
{
  guint n = gen->n_sectors;
  g_autofree float *history = g_new0 (float, (gsize)n * RING);
  g_autofree double *susceptible = g_new0 (double, n);
  g_autofree double *infectious = g_new0 (double, n);
  g_autofree double *municipality_infectious = g_new0 (double, gen->n_municipalities);
  g_autofree double *zone_factor = g_new0 (double, N_WAVES * MAX (gen->n_care_zones, 1));
  g_autofree double *sector_factor = g_new0 (double, n);
  g_autofree double *cumulative_population = g_new0 (double, n);
  g_autofree int *cumulative_confirmed = g_new0 (int, n);
  g_autofree double *r_wave = g_new0 (double, N_WAVES);
  double total_population = 0;

  gen->confirmed = g_new0 (guint16, (gsize)n * gen->n_days);
  gen->national = g_new0 (double, gen->n_days);
  gen->municipality_daily = g_new0 (double, (gsize)gen->n_municipalities * gen->n_days);

  for (guint i = 0; i < N_WAVES * MAX (gen->n_care_zones, 1); i++)
    zone_factor[i] = exp (0.14 * rng_normal (&gen->rng));

  for (guint s = 0; s < n; s++)
    {
      double population = gen->sectors[s].population;

      total_population += population;
      cumulative_population[s] = total_population;
      susceptible[s] = population;
      sector_factor[s] = exp (0.08 * rng_normal (&gen->rng));
      for (guint k = 0; k < RING; k++)
        history[(gsize)s * RING + k] = population * INITIAL_RATE;
    }

  for (int t = 0; t < gen->n_days; t++)
    {
      guint slot = t % RING;
      int weekday = bp_day_get_weekday (gen->first_day + t);
      double everywhere = 0;
      double incidence;
      double response;
      int n_imports;

      if (t % 8 == 0 && !report_progress (gen, 0.35 * t / gen->n_days, error))
        return FALSE;

      /* Infectious mass from the last days' infections. */
      memset (municipality_infectious, 0, sizeof (double) * gen->n_municipalities);
      for (guint s = 0; s < n; s++)
        {
          const float *h = &history[(gsize)s * RING];
          double sum = 0;

          for (guint k = 1; k <= N_GENERATION; k++)
            sum += generation_weights[k - 1] * h[(t - (int)k + RING * 2) % RING];

          infectious[s] = sum;
          municipality_infectious[gen->sectors[s].municipality] += sum;
          everywhere += sum;
        }
      everywhere /= MAX (total_population, 1);

      incidence = 0;
      for (int d = MAX (0, t - 14); d < t; d++)
        incidence += gen->national[d];
      incidence *= 1e5 / MAX (total_population, 1);
      response = 1 / (1 + (incidence / RESPONSE_INCIDENCE) * (incidence / RESPONSE_INCIDENCE));

      for (guint w = 0; w < N_WAVES; w++)
        r_wave[w] = waves[w].r_boost * wave_shape (gen, w, t);

      for (guint s = 0; s < n; s++)
        {
          const Sector *sector = &gen->sectors[s];
          const Municipality *m = &gen->municipalities[sector->municipality];
          double own;
          double around;
          double local;
          double r = R_BASE;
          double mean;
          int x;

          if (sector->population <= 0)
            {
              history[(gsize)s * RING + slot] = 0;
              continue;
            }

          own = infectious[s] / sector->population;
          local = municipality_infectious[sector->municipality] / MAX (m->population, 1);
          if (gen->neighbour_population[s] > 0)
            {
              double sum = 0;

              for (guint i = gen->neighbour_start[s]; i < gen->neighbour_start[s + 1]; i++)
                sum += infectious[gen->neighbours[i]];
              around = sum / gen->neighbour_population[s];
            }
          else
            around = local;

          for (guint w = 0; w < N_WAVES; w++)
            r += r_wave[w] * zone_factor[w * gen->n_care_zones + m->care_zone];

          mean = r * response * sector_factor[s] * susceptible[s] *
                 (SHARE_OWN * own + SHARE_NEIGHBOURS * around +
                  SHARE_MUNICIPALITY * local + SHARE_EVERYWHERE * everywhere);
          susceptible[s] += (sector->population - susceptible[s]) * WANING_PER_DAY;
          x = rng_poisson (&gen->rng, mean);
          x = MIN (x, (int)susceptible[s]);
          susceptible[s] -= x;
          history[(gsize)s * RING + slot] = x;
        }

      /* Travellers bring the disease in, and each wave starts from a few
       * places at once. */
      n_imports = rng_poisson (&gen->rng, IMPORT_RATE * total_population);
      for (guint w = 0; w < N_WAVES; w++)
        if (t == gen->n_days - 1 - waves[w].start_before_end)
          n_imports += MAX (3, (int)(SEED_RATE * total_population));
      for (int i = 0; i < n_imports && total_population > 0; i++)
        {
          guint s = pick_cumulative (&gen->rng, cumulative_population, n);

          if (susceptible[s] >= 1)
            {
              susceptible[s] -= 1;
              history[(gsize)s * RING + slot] += 1;
            }
        }

      /* Reports follow infections after a delay, and fewer come in on
       * Sunday and Monday. */
      for (guint s = 0; s < n; s++)
        {
          const float *h = &history[(gsize)s * RING];
          double mean = 0;
          int c;

          if (gen->sectors[s].population <= 0)
            continue;

          for (guint j = 0; j < N_REPORT_DELAY; j++)
            mean += report_delay_weights[j] * h[(t - (int)j + RING * 2) % RING];
          mean *= ASCERTAINMENT * weekday_factors[weekday - 1];

          c = rng_poisson (&gen->rng, mean);
          c = MIN (c, gen->sectors[s].population - cumulative_confirmed[s]);
          c = MIN (c, G_MAXUINT16);
          cumulative_confirmed[s] += c;
          gen->confirmed[(gsize)s * gen->n_days + t] = c;
          gen->national[t] += c;
        }
    }

  /* Every inhabited sector has a case at some time: a small sector the waves
   * passed by gets one on a busy day. */
  {
    g_autofree double *cumulative_national = g_new0 (double, MAX (gen->n_days, 1));
    double sum = 0;

    for (int t = 0; t < gen->n_days; t++)
      cumulative_national[t] = sum += gen->national[t] + 1e-9;

    for (guint s = 0; s < n; s++)
      if (gen->sectors[s].population > 0 && cumulative_confirmed[s] == 0)
        {
          guint t = pick_cumulative (&gen->rng, cumulative_national, gen->n_days);

          gen->confirmed[(gsize)s * gen->n_days + t] = 1;
          gen->national[t] += 1;
        }
  }

  for (guint s = 0; s < n; s++)
    for (int t = 0; t < gen->n_days; t++)
      gen->municipality_daily[(gsize)gen->sectors[s].municipality * gen->n_days + t] +=
        gen->confirmed[(gsize)s * gen->n_days + t];

  return TRUE;
}

static double
nursing_home_factor (Generator *gen,
                     int        t)
{
  const double *intensity = &gen->wave_intensity[(gsize)t * N_WAVES];
  double factor = 0.15;
  double total = 0.15;

  for (guint w = 0; w < N_WAVES; w++)
    {
      factor += intensity[w] * waves[w].nursing_home_factor;
      total += intensity[w];
    }

  return factor / total;
}

/* The share of each day's reports that are clinical. Testing capacity
 * follows the 7-day mean of the reports, faster up than down; when the
 * reports outgrow it, more cases are reported without a test. */
static void
compute_clinical_share (Generator *gen,
                        double    *share)
{
  double capacity = 0;
  double week = 0;

  for (int t = 0; t < gen->n_days; t++)
    {
      double demand;
      double excess;

      week += gen->national[t] - (t >= 7 ? gen->national[t - 7] : 0);
      demand = week / MIN (t + 1, 7);
      if (t == 0)
        capacity = demand;
      else if (demand > capacity)
        capacity += (demand - capacity) / TESTING_RAMP_UP_DAYS;
      else
        capacity += (demand - capacity) / TESTING_RAMP_DOWN_DAYS;

      excess = capacity > 0 ? MAX (demand / capacity - 1, 0) : 0;
      share[t] = CLINICAL_SHARE_EXTRA * excess / (excess + 0.4);
    }
}

/* Splits each sector's daily cases over the age bands, by the population of
 * its municipality and the age profile of the waves that day, then each
 * count into confirmed and clinical cases, and writes them in primary-key
 * order. Each sector draws from its own streams, so the split does not
 * depend on the order of the work, and the split of the sources draws from
 * a stream apart, so the totals stay what the seed gave before counts had
 * a source. */
static gboolean
write_counts (Generator      *gen,
              BpCountWriter  *writer,
              GError        **error)
{
  g_autofree int *by_band = g_new0 (int, (gsize)BP_N_AGE_BANDS * gen->n_days);
  g_autofree int *clinical = g_new0 (int, (gsize)BP_N_AGE_BANDS * gen->n_days);
  g_autofree double *clinical_share = g_new0 (double, MAX (gen->n_days, 1));
  g_autofree double *zone_factor = g_new0 (double, MAX (gen->n_care_zones, 1));
  Rng zone_rng;

  compute_clinical_share (gen, clinical_share);

  /* Care zones with fewer test centres or busier practices report more
   * cases without a test. */
  rng_init (&zone_rng, gen->options.seed, G_GUINT64_CONSTANT (0x636c696e6963616c));
  for (guint z = 0; z < gen->n_care_zones; z++)
    zone_factor[z] = 0.8 + 0.4 * rng_uniform (&zone_rng);

  for (guint s = 0; s < gen->n_sectors; s++)
    {
      const Sector *sector = &gen->sectors[s];
      const double *share = gen->municipalities[sector->municipality].age_share;
      const guint16 *confirmed = &gen->confirmed[(gsize)s * gen->n_days];
      double factor = zone_factor[gen->municipalities[sector->municipality].care_zone];
      Rng rng;
      Rng source_rng;

      if (s % 128 == 0 && !report_progress (gen, 0.35 + 0.5 * s / gen->n_sectors, error))
        return FALSE;

      rng_init (&rng, gen->options.seed, 1 + s);
      rng_init (&source_rng, gen->options.seed, G_GUINT64_CONSTANT (0x736f7572) << 32 | s);
      memset (by_band, 0, sizeof (int) * BP_N_AGE_BANDS * gen->n_days);

      for (int t = 0; t < gen->n_days; t++)
        {
          const double *profile = &gen->age_profile[(gsize)t * BP_N_AGE_BANDS];
          double cumulative[BP_N_AGE_BANDS];
          double sum = 0;

          if (confirmed[t] == 0)
            continue;

          for (guint b = 0; b < BP_N_AGE_BANDS; b++)
            cumulative[b] = sum += share[b] * profile[b] + 1e-12;

          for (int i = 0; i < confirmed[t]; i++)
            by_band[pick_cumulative (&rng, cumulative, BP_N_AGE_BANDS) * gen->n_days + t]++;
        }

      for (int b = 0; b < BP_N_AGE_BANDS; b++)
        for (int t = 0; t < gen->n_days; t++)
          {
            double p = CLINICAL_SHARE_BASE + clinical_share[t] * factor;
            int k = 0;

            for (int i = 0; i < by_band[b * gen->n_days + t]; i++)
              k += rng_uniform (&source_rng) < p;
            clinical[b * gen->n_days + t] = k;
          }

      for (int b = 0; b < BP_N_AGE_BANDS; b++)
        {
          const int *all = &by_band[b * gen->n_days];
          const int *band_clinical = &clinical[b * gen->n_days];

          for (int t = 0; t < gen->n_days; t++)
            if (!bp_count_writer_add (writer, sector->id, b, BP_CASE_SOURCE_CONFIRMED, gen->first_day + t,
                                      all[t] - band_clinical[t], error))
              return FALSE;

          for (int t = 0; t < gen->n_days; t++)
            if (!bp_count_writer_add (writer, sector->id, b, BP_CASE_SOURCE_CLINICAL, gen->first_day + t,
                                      band_clinical[t], error))
              return FALSE;
        }
    }

  gen->summary.n_rows = bp_count_writer_get_n_rows (writer);
  gen->summary.n_cases = bp_count_writer_get_n_cases (writer);

  return TRUE;
}

/* About one nursing home per 2,100 people aged 80 or over, in a sector of
 * its municipality, with signals that come in outbreaks: more likely where
 * incidence is high, and most in the autumn wave. */
static gboolean
add_nursing_homes (Generator  *gen,
                   GError    **error)
{
  g_autoptr(GArray) homes = g_array_new (FALSE, TRUE, sizeof (NursingHome));
  Rng rng;

  rng_init (&rng, gen->options.seed, G_GUINT64_CONSTANT (0x6e757273696e67));

  for (guint i = 0; i < gen->n_municipalities; i++)
    {
      const Municipality *m = &gen->municipalities[i];
      g_autofree double *cumulative = NULL;
      double sum = 0;
      int n_homes;

      if (m->n_sectors == 0 || m->population <= 0)
        continue;

      cumulative = g_new (double, m->n_sectors);
      for (guint j = 0; j < m->n_sectors; j++)
        cumulative[j] = sum += gen->sectors[gen->sector_order[m->first_sector + j]].population;

      n_homes = (int)floor (m->population * m->age_share[BP_N_AGE_BANDS - 1] / 2100 +
                            rng_uniform (&rng));
      for (int k = 1; k <= n_homes; k++)
        {
          NursingHome home = { 0 };
          g_autofree char *code = g_strdup_printf ("demo-wzc-%04u", homes->len + 1);
          guint j = pick_cumulative (&rng, cumulative, m->n_sectors);
          int n_beds = rng_range (&rng, 6, 16) * 10;

          home.sector = gen->sector_order[m->first_sector + j];
          home.name = g_strdup_printf ("WZC Demo %s %d", m->name, k);
          g_array_append_val (homes, home);

          if (!bp_store_add_nursing_home (gen->store, code, home.name, gen->sectors[home.sector].id,
                                          n_beds, &g_array_index (homes, NursingHome, homes->len - 1).id,
                                          error))
            {
              gen->n_homes = homes->len;
              gen->homes = (NursingHome *)(void *)g_array_free (g_steal_pointer (&homes), FALSE);
              return FALSE;
            }
        }
    }

  gen->n_homes = homes->len;
  gen->homes = (NursingHome *)(void *)g_array_free (g_steal_pointer (&homes), FALSE);
  gen->summary.n_nursing_homes = gen->n_homes;

  for (guint h = 0; h < gen->n_homes; h++)
    {
      guint m = gen->sectors[gen->homes[h].sector].municipality;
      const double *daily = &gen->municipality_daily[(gsize)m * gen->n_days];
      double population = MAX (gen->municipalities[m].population, 1);
      double window = 0;
      int outbreak_left = 0;

      for (int t = 0; t < gen->n_days; t++)
        {
          double incidence;
          double factor = nursing_home_factor (gen, t);
          int n_residents = 0;
          int n_staff = 0;

          window += daily[t] - (t >= 14 ? daily[t - 14] : 0);
          incidence = window / population * 1e5;

          if (outbreak_left == 0 &&
              rng_uniform (&rng) < MIN (0.03, 3e-6 * incidence * factor))
            outbreak_left = rng_range (&rng, 10, 35);

          if (outbreak_left > 0)
            {
              outbreak_left--;
              if (rng_uniform (&rng) < 0.35)
                {
                  n_residents = rng_poisson (&rng, 1.2 * sqrt (factor));
                  n_staff = rng_poisson (&rng, 0.7);
                  if (n_residents + n_staff == 0)
                    n_residents = 1;
                }
            }
          else if (rng_uniform (&rng) < 2e-6 * incidence)
            n_staff = 1;

          if (n_residents + n_staff == 0)
            continue;

          if (!bp_store_add_nursing_home_signal (gen->store, gen->homes[h].id, gen->first_day + t,
                                                 n_residents, n_staff, error))
            return FALSE;
          gen->summary.n_signals++;
        }
    }

  return TRUE;
}

typedef struct
{
  const char *kind;
  double      weight;
  const char *label;     /* Dutch, as the data of a Flemish team would be */
  int         min_age;
  int         max_age;
  gboolean    is_collectivity;
} Setting;

static const Setting settings[] = {
  { "school", 0.22, "School", 6, 17, TRUE },
  { "nursing_home", 0.12, NULL, 75, 99, TRUE },
  { "company", 0.14, "Bedrijf", 20, 64, TRUE },
  { "day_care", 0.08, "Kinderopvang", 0, 3, TRUE },
  { "personal_gathering", 0.16, "Familiefeest", 5, 85, FALSE },
  { "impersonal_gathering", 0.14, "Evenement", 16, 60, FALSE },
  { "household", 0.14, "Huishouden", 0, 90, FALSE },
};

typedef struct
{
  int          opened_on;
  const char  *kind;
  guint        setting;
  guint        sector;
  int          home;   /* -1 unless a nursing home */
} ClusterPlan;

typedef struct
{
  Generator *gen;
  Rng        rng;
  GRand     *rand;
  guint      n_persons;
} DocumentContext;

static int
compare_cluster_plans (gconstpointer a,
                       gconstpointer b)
{
  const ClusterPlan *x = a;
  const ClusterPlan *y = b;

  if (x->opened_on != y->opened_on)
    return x->opened_on < y->opened_on ? -1 : 1;
  return x->sector < y->sector ? -1 : x->sector > y->sector;
}

static void
set_day_member (JsonObject *object,
                const char *name,
                int         day)
{
  g_autofree char *iso = bp_day_to_iso (day);

  json_object_set_string_member (object, name, iso);
}

/* A person who is obviously not real: every given name is "Demo", family
 * names are numbered and the phone numbers are not in use. */
static JsonObject *
make_person (DocumentContext *ctx,
             int              reference_day,
             int              min_age,
             int              max_age)
{
  JsonObject *person = json_object_new ();
  int age = rng_range (&ctx->rng, min_age, max_age);
  int birth_day = reference_day - age * 365 - age / 4 - rng_range (&ctx->rng, 0, 364);
  BpRrnSex sex = rng_range (&ctx->rng, 0, 1) ? BP_RRN_SEX_MALE : BP_RRN_SEX_FEMALE;
  g_autofree char *rrn = bp_rrn_make_fake (ctx->rand, birth_day, sex);
  g_autofree char *family_name = NULL;
  g_autofree char *phone = NULL;

  ctx->n_persons++;
  family_name = g_strdup_printf ("Testpersoon-%03u", ctx->n_persons);
  phone = g_strdup_printf ("0470 00 00 %02u", ctx->n_persons % 100);

  json_object_set_string_member (person, "given_name", "Demo");
  json_object_set_string_member (person, "family_name", family_name);
  json_object_set_string_member (person, "rrn", rrn);
  json_object_set_string_member (person, "phone", phone);

  return person;
}

static gboolean
put_document (DocumentContext  *ctx,
              const char       *id,
              JsonObject       *body,
              GError          **error)
{
  json_object_set_boolean_member (body, "is_demo", TRUE);

  if (!bp_store_put_document (ctx->gen->store, id, NULL, body, NULL, error))
    {
      g_prefix_error (error, _("Demo document %s: "), id);
      return FALSE;
    }

  return TRUE;
}

static const char *
pick_outcome (DocumentContext *ctx,
              const char      *kind)
{
  static const char * const call[] = {
    "reached", "reached", "reached", "not_reached", "wrong_number",
  };
  static const char * const visit[] = { "visited", "visited", "not_home" };
  static const char * const source[] = { "source_found", "source_unknown" };
  static const char * const collectivity[] = { "measures_agreed", "advice_given" };

  if (g_str_equal (kind, "call_contact"))
    return call[rng_range (&ctx->rng, 0, G_N_ELEMENTS (call) - 1)];
  if (g_str_equal (kind, "home_visit"))
    return visit[rng_range (&ctx->rng, 0, G_N_ELEMENTS (visit) - 1)];
  if (g_str_equal (kind, "source_investigation"))
    return source[rng_range (&ctx->rng, 0, G_N_ELEMENTS (source) - 1)];
  return collectivity[rng_range (&ctx->rng, 0, G_N_ELEMENTS (collectivity) - 1)];
}

static gboolean
put_task (DocumentContext  *ctx,
          const char       *cluster_id,
          guint             number,
          const char       *kind,
          const char       *assignee_role,
          int               due_on,
          gboolean          is_closed,
          GError          **error)
{
  g_autoptr(JsonObject) task = json_object_new ();
  g_autofree char *id = g_strdup_printf ("task:%s-%02u", cluster_id + strlen ("cluster:"), number);
  int end_day = ctx->gen->options.end_day;
  gboolean is_done = is_closed || (due_on < end_day - 1 && rng_uniform (&ctx->rng) < 0.8);

  json_object_set_string_member (task, "type", "task");
  json_object_set_string_member (task, "cluster_id", cluster_id);
  json_object_set_string_member (task, "kind", kind);
  json_object_set_string_member (task, "assignee_role", assignee_role);
  json_object_set_string_member (task, "status", is_done ? "done" : "open");
  set_day_member (task, "due_on", MIN (due_on, end_day + 7));
  if (is_done)
    json_object_set_string_member (task, "outcome_code", pick_outcome (ctx, kind));
  else
    json_object_set_null_member (task, "outcome_code");

  ctx->gen->summary.n_tasks++;
  return put_document (ctx, id, task, error);
}

static gboolean
put_cluster (DocumentContext    *ctx,
             guint               number,
             const ClusterPlan  *plan,
             GError            **error)
{
  Generator *gen = ctx->gen;
  const Setting *setting = &settings[plan->setting];
  const Sector *sector = &gen->sectors[plan->sector];
  const Municipality *m = &gen->municipalities[sector->municipality];
  int end_day = gen->options.end_day;
  g_autoptr(JsonObject) cluster = json_object_new ();
  g_autofree char *id = g_strdup_printf ("cluster:demo-%03u", number);
  g_autofree char *title = NULL;
  gboolean is_closed = plan->opened_on < end_day - 21;
  int n_index_cases = rng_range (&ctx->rng, 2, 6);
  guint n_tasks = 0;
  int n_calls = 0;

  if (plan->home >= 0)
    title = g_strdup (gen->homes[plan->home].name);
  else
    title = g_strdup_printf ("%s %s (demo %03u)", setting->label, m->name, number);

  json_object_set_string_member (cluster, "type", "cluster");
  json_object_set_string_member (cluster, "title", title);
  json_object_set_string_member (cluster, "setting_kind", setting->kind);
  json_object_set_string_member (cluster, "sector_code", sector->code);
  json_object_set_string_member (cluster, "municipality_code", m->code);
  json_object_set_string_member (cluster, "care_zone_code", m->care_zone_code);
  set_day_member (cluster, "opened_on", plan->opened_on);
  json_object_set_string_member (cluster, "status", is_closed ? "closed" : "open");
  if (is_closed)
    {
      int closed_on = plan->opened_on + rng_range (&ctx->rng, 14, 35);

      set_day_member (cluster, "closed_on", MIN (closed_on, end_day));
    }
  else
    json_object_set_null_member (cluster, "closed_on");

  if (!put_document (ctx, id, cluster, error))
    return FALSE;
  gen->summary.n_clusters++;

  for (int i = 1; i <= n_index_cases; i++)
    {
      g_autoptr(JsonObject) index_case = json_object_new ();
      g_autofree char *index_id = g_strdup_printf ("index_case:demo-%03u-%d", number, i);
      int confirmed_on = plan->opened_on + (i == 1 ? -rng_range (&ctx->rng, 0, 2)
                                                   : rng_range (&ctx->rng, 0, 6));
      int n_contacts = rng_range (&ctx->rng, 2, 8);

      confirmed_on = MIN (confirmed_on, end_day);
      json_object_set_string_member (index_case, "type", "index_case");
      json_object_set_string_member (index_case, "cluster_id", id);
      json_object_set_object_member (index_case, "person",
                                     make_person (ctx, confirmed_on,
                                                  setting->min_age, setting->max_age));
      set_day_member (index_case, "confirmed_on", confirmed_on);
      set_day_member (index_case, "isolation_until", confirmed_on + 7);
      if (!put_document (ctx, index_id, index_case, error))
        return FALSE;
      gen->summary.n_index_cases++;

      for (int j = 1; j <= n_contacts; j++)
        {
          g_autoptr(JsonObject) contact = json_object_new ();
          g_autofree char *contact_id = g_strdup_printf ("contact:demo-%03u-%d-%02d", number, i, j);
          gboolean is_high = rng_uniform (&ctx->rng) < 0.6;
          int last_contact_on = confirmed_on - rng_range (&ctx->rng, 0, 3);

          json_object_set_string_member (contact, "type", "contact");
          json_object_set_string_member (contact, "cluster_id", id);
          json_object_set_string_member (contact, "index_case_id", index_id);
          json_object_set_string_member (contact, "risk", is_high ? "high" : "low");
          json_object_set_object_member (contact, "person",
                                         make_person (ctx, last_contact_on, setting->min_age,
                                                      MIN (setting->max_age + 30, 95)));
          set_day_member (contact, "last_contact_on", last_contact_on);
          if (is_high)
            set_day_member (contact, "quarantine_until", last_contact_on + 7);
          else
            json_object_set_null_member (contact, "quarantine_until");
          if (!put_document (ctx, contact_id, contact, error))
            return FALSE;
          gen->summary.n_contacts++;

          if (is_high && n_calls < 4)
            {
              n_calls++;
              if (!put_task (ctx, id, ++n_tasks, "call_contact", "covid_coach",
                             MAX (confirmed_on + 1, plan->opened_on), is_closed, error))
                return FALSE;
            }
        }
    }

  if (!put_task (ctx, id, ++n_tasks, "source_investigation", "source_investigator",
                 plan->opened_on + 2, is_closed, error))
    return FALSE;

  if (setting->is_collectivity &&
      !put_task (ctx, id, ++n_tasks, "collectivity_contact", "team_leader",
                 plan->opened_on + 1, is_closed, error))
    return FALSE;

  for (int k = rng_range (&ctx->rng, 0, 2); k > 0; k--)
    if (!put_task (ctx, id, ++n_tasks, "home_visit", "home_visitor",
                   plan->opened_on + rng_range (&ctx->rng, 3, 6), is_closed, error))
      return FALSE;

  return TRUE;
}

/* Picks a day in [first, last] (indices into the run), more likely when
 * many cases were reported. */
static int
pick_busy_day (Generator *gen,
               Rng       *rng,
               int        first,
               int        last)
{
  g_autofree double *cumulative = g_new (double, last - first + 1);
  double sum = 0;

  for (int t = first; t <= last; t++)
    cumulative[t - first] = sum += gen->national[t] + 1e-6;

  return first + pick_cumulative (rng, cumulative, last - first + 1);
}

static gboolean
add_clusters (Generator  *gen,
              GError    **error)
{
  DocumentContext ctx = { gen };
  g_autofree ClusterPlan *plans = NULL;
  g_autofree double *sector_weights = g_new (double, gen->n_sectors);
  double setting_cumulative[G_N_ELEMENTS (settings)];
  double sum = 0;
  int n_clusters;
  int n_recent;
  gboolean ok = TRUE;

  rng_init (&ctx.rng, gen->options.seed, G_GUINT64_CONSTANT (0x636c7573746572));
  ctx.rand = g_rand_new_with_seed ((guint32)rng_next (&ctx.rng));

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    setting_cumulative[i] = sum += settings[i].weight;

  /* 40 to 54 clusters, a fifth of them in the last four weeks, so there are
   * open ones to work on. */
  n_clusters = rng_range (&ctx.rng, 40, 54);
  n_recent = n_clusters / 5;
  plans = g_new0 (ClusterPlan, n_clusters);

  for (int c = 0; c < n_clusters; c++)
    {
      ClusterPlan *plan = &plans[c];
      int first = c < n_recent ? MAX (0, gen->n_days - 28) : 0;
      int t = pick_busy_day (gen, &ctx.rng, first, gen->n_days - 1);
      double weight_sum = 0;

      plan->opened_on = gen->first_day + t;
      plan->setting = pick_cumulative (&ctx.rng, setting_cumulative, G_N_ELEMENTS (settings));
      plan->home = -1;

      if (g_str_equal (settings[plan->setting].kind, "nursing_home"))
        {
          if (gen->n_homes > 0)
            {
              plan->home = rng_range (&ctx.rng, 0, gen->n_homes - 1);
              plan->sector = gen->homes[plan->home].sector;
              continue;
            }
          plan->setting = 0;
        }

      /* A sector with cases around that day. */
      for (guint s = 0; s < gen->n_sectors; s++)
        {
          const guint16 *confirmed = &gen->confirmed[(gsize)s * gen->n_days];

          for (int d = MAX (0, t - 3); d <= MIN (gen->n_days - 1, t + 3); d++)
            weight_sum += confirmed[d];
          sector_weights[s] = weight_sum + 1e-9 * (s + 1);
        }
      plan->sector = pick_cumulative (&ctx.rng, sector_weights, gen->n_sectors);
    }

  qsort (plans, n_clusters, sizeof (ClusterPlan), compare_cluster_plans);

  for (int c = 0; c < n_clusters && ok; c++)
    {
      if (!report_progress (gen, 0.88 + 0.12 * c / n_clusters, error))
        ok = FALSE;
      else
        ok = put_cluster (&ctx, c + 1, &plans[c], error);
    }

  g_rand_free (ctx.rand);

  return ok;
}

static gboolean
query_exists (BpStore     *store,
              const char  *sql,
              gboolean    *exists,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _bp_store_prepare (store, sql, error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  *exists = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* Only a demo store is cleared, and only of demo data: a store with real
 * counts or documents is never touched. */
static gboolean
check_store_is_empty (Generator  *gen,
                      gboolean   *must_clear,
                      GError    **error)
{
  gboolean has_counts = FALSE;
  gboolean has_documents = FALSE;

  *must_clear = FALSE;

  if (!query_exists (gen->store,
                     "SELECT EXISTS (SELECT 1 FROM case_count) OR EXISTS (SELECT 1 FROM nursing_home)",
                     &has_counts, error) ||
      !query_exists (gen->store, "SELECT EXISTS (SELECT 1 FROM document WHERE is_deleted = 0)",
                     &has_documents, error))
    return FALSE;

  if (!has_counts && !has_documents)
    return TRUE;

  if (!gen->options.replace)
    {
      g_set_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_HAS_DATA,
                   _("The store “%s” already holds counts or documents, so no demo outbreak was added. Use a new store, or replace an earlier demo."),
                   bp_store_get_path (gen->store));
      return FALSE;
    }

  if (!bp_store_is_demo (gen->store))
    {
      g_set_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_HAS_DATA,
                   _("The store “%s” holds data that is not demo data. It was not changed."),
                   bp_store_get_path (gen->store));
      return FALSE;
    }

  *must_clear = TRUE;
  return TRUE;
}

/* Deletes the earlier demo documents as tombstones, as any deletion, so a
 * replica learns of it too. */
static gboolean
delete_demo_documents (Generator  *gen,
                       GError    **error)
{
  static const char * const types[] = { "task", "contact", "index_case", "cluster" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GPtrArray) documents = NULL;
      g_autofree char *prefix = g_strconcat (types[i], ":demo-", NULL);

      if (!(documents = bp_store_list_documents_by_type (gen->store, types[i], error)))
        return FALSE;

      for (guint j = 0; j < documents->len; j++)
        {
          JsonObject *document = g_ptr_array_index (documents, j);
          const char *id = json_object_get_string_member (document, "_id");

          if (!g_str_has_prefix (id, prefix))
            continue;

          if (!bp_store_delete_document (gen->store, id,
                                         json_object_get_string_member (document, "_rev"),
                                         NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_meta (Generator  *gen,
            GError    **error)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, gen->options.seed);
  g_autofree char *n_days = g_strdup_printf ("%d", gen->n_days);
  g_autofree char *end_day = bp_day_to_iso (gen->options.end_day);

  return bp_store_set_meta (gen->store, "demo-seed", seed, error) &&
         bp_store_set_meta (gen->store, "demo-days", n_days, error) &&
         bp_store_set_meta (gen->store, "demo-end-day", end_day, error);
}

/**
 * bp_demo_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Fills @options with the default scenario: seed %BP_DEMO_DEFAULT_SEED,
 * two years up to 2026-11-15, and no replacing.
 */
void
bp_demo_options_init (BpDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = BP_DEMO_DEFAULT_SEED;
  options->n_days = BP_DEMO_DEFAULT_N_DAYS;
  options->end_day = BP_DEMO_DEFAULT_END_DAY;
  options->replace = FALSE;
}

/**
 * bp_demo_generate:
 * @store: a #BpStore holding the reference areas
 * @options: what to generate
 * @summary: (out caller-allocates) (optional): what was generated
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope call) (nullable): called with the share of work done
 * @progress_data: data for @progress
 * @error: return location for a #BpDemoError, #BpStoreError or
 *   %G_IO_ERROR_CANCELLED
 *
 * Fills @store with the synthetic demo outbreak: daily confirmed cases per
 * statistical sector and age band over @options->n_days days up to
 * @options->end_day, nursing homes with their signals, and clusters with
 * index cases, contacts and tasks as documents. The same options give the
 * same counts, byte for byte. The seed and the period are kept in the store
 * meta (`demo-seed`, `demo-days`, `demo-end-day`), which marks it as a demo.
 *
 * A store without statistical sectors gives %BP_DEMO_ERROR_NO_AREAS. A store
 * that already holds counts or documents gives %BP_DEMO_ERROR_HAS_DATA,
 * unless @options->replace is set and the store is a demo store: then the
 * earlier demo data is removed first.
 *
 * This takes seconds; use bp_demo_generate_async() from the main thread.
 *
 * Returns: %TRUE when the demo outbreak was written
 */
gboolean
bp_demo_generate (BpStore              *store,
                  const BpDemoOptions  *options,
                  BpDemoSummary        *summary,
                  GCancellable         *cancellable,
                  BpDemoProgressFunc    progress,
                  gpointer              progress_data,
                  GError              **error)
{
  g_auto(Generator) gen = { 0 };
  g_autoptr(BpCountWriter) writer = NULL;
  gboolean must_clear;

  g_return_val_if_fail (BP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (options->n_days < 1 || options->n_days > 3660)
    {
      g_set_error (error, BP_DEMO_ERROR, BP_DEMO_ERROR_INVALID,
                   _("A demo outbreak lasts from 1 to 3,660 days, not %d."), options->n_days);
      return FALSE;
    }

  gen.store = g_object_ref (store);
  gen.options = *options;
  gen.n_days = options->n_days;
  gen.first_day = options->end_day - options->n_days + 1;
  gen.cancellable = cancellable;
  gen.progress = progress;
  gen.progress_data = progress_data;
  gen.summary.first_day = gen.first_day;
  gen.summary.last_day = options->end_day;
  rng_init (&gen.rng, options->seed, 0);

  if (!check_store_is_empty (&gen, &must_clear, error) ||
      !load_areas (&gen, error) ||
      !find_neighbours (&gen, error))
    return FALSE;

  compute_day_profiles (&gen);
  if (!simulate (&gen, error))
    return FALSE;

  if (!(writer = bp_store_begin_counts (store, error)))
    return FALSE;

  if (must_clear &&
      !_bp_store_exec (store,
                       "DELETE FROM case_count; DELETE FROM nursing_home_signal; DELETE FROM nursing_home;",
                       error))
    return FALSE;

  if (!write_counts (&gen, writer, error) ||
      !report_progress (&gen, 0.85, error) ||
      !add_nursing_homes (&gen, error) ||
      !write_meta (&gen, error) ||
      !bp_count_writer_commit (writer, error))
    return FALSE;

  if (!report_progress (&gen, 0.88, error) ||
      (must_clear && !delete_demo_documents (&gen, error)) ||
      !add_clusters (&gen, error))
    return FALSE;

  g_debug ("Demo outbreak: %d days, %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT " cases,"
           " %u clusters",
           gen.n_days, gen.summary.n_rows, gen.summary.n_cases, gen.summary.n_clusters);

  if (progress)
    progress (1.0, progress_data);

  if (summary)
    *summary = gen.summary;

  return TRUE;
}

/* Progress reaches the caller in its own main context. */
typedef struct
{
  GMainContext       *context;
  BpDemoProgressFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  int                 last_percent;
} ProgressClosure;

typedef struct
{
  BpDemoOptions    options;
  ProgressClosure *progress;  /* atomic rc box */
} GenerateData;

typedef struct
{
  ProgressClosure *progress;
  double           fraction;
} ProgressUpdate;

static void
progress_closure_clear (gpointer data)
{
  ProgressClosure *closure = data;

  if (closure->destroy)
    closure->destroy (closure->data);
  g_main_context_unref (closure->context);
}

static void
progress_closure_unref (ProgressClosure *closure)
{
  g_atomic_rc_box_release_full (closure, progress_closure_clear);
}

static void
generate_data_free (gpointer data)
{
  GenerateData *generate = data;

  g_clear_pointer (&generate->progress, progress_closure_unref);
  g_free (generate);
}

static gboolean
dispatch_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->progress->func (update->fraction, update->progress->data);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  progress_closure_unref (update->progress);
  g_free (update);
}

static void
worker_progress_cb (double   fraction,
                    gpointer user_data)
{
  ProgressClosure *closure = user_data;
  int percent = (int)(fraction * 100);
  ProgressUpdate *update;

  /* At most a hundred updates, not one per sector. */
  if (percent == closure->last_percent)
    return;
  closure->last_percent = percent;

  update = g_new0 (ProgressUpdate, 1);
  update->progress = g_atomic_rc_box_acquire (closure);
  update->fraction = fraction;
  g_main_context_invoke_full (closure->context, G_PRIORITY_DEFAULT,
                              dispatch_progress_cb, update, progress_update_free);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BpDemoSummary *summary = g_new0 (BpDemoSummary, 1);

  /* SQLite connections are not shared between threads: this one is ours. */
  if (!(store = bp_store_open (bp_store_get_path (BP_STORE (source_object)), &error)) ||
      !bp_demo_generate (store, &data->options, summary, cancellable,
                         data->progress ? worker_progress_cb : NULL, data->progress, &error))
    {
      g_free (summary);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, summary, g_free);
}

/**
 * bp_demo_generate_async:
 * @store: a #BpStore holding the reference areas
 * @options: what to generate; copied
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope notified) (nullable): called in the thread-default main
 *   context of the caller with the share of work done
 * @progress_data: data for @progress
 * @progress_data_destroy: (nullable): frees @progress_data
 * @callback: called when the demo outbreak is written
 * @user_data: data for @callback
 *
 * Runs bp_demo_generate() in a worker thread on its own connection to the
 * store's file.
 */
void
bp_demo_generate_async (BpStore              *store,
                        const BpDemoOptions  *options,
                        GCancellable         *cancellable,
                        BpDemoProgressFunc    progress,
                        gpointer              progress_data,
                        GDestroyNotify        progress_data_destroy,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *data;

  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (GenerateData, 1);
  data->options = *options;
  if (progress)
    {
      data->progress = g_atomic_rc_box_new0 (ProgressClosure);
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_data_destroy;
      data->progress->last_percent = -1;
    }
  else if (progress_data_destroy)
    progress_data_destroy (progress_data);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_demo_generate_async);
  g_task_set_task_data (task, data, generate_data_free);
  g_task_run_in_thread (task, generate_worker);
}

/**
 * bp_demo_generate_finish:
 * @store: a #BpStore
 * @result: the #GAsyncResult
 * @summary: (out caller-allocates) (optional): what was generated
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the demo outbreak was written
 */
gboolean
bp_demo_generate_finish (BpStore        *store,
                         GAsyncResult   *result,
                         BpDemoSummary  *summary,
                         GError        **error)
{
  g_autofree BpDemoSummary *result_summary = NULL;

  g_return_val_if_fail (BP_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!(result_summary = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (summary)
    *summary = *result_summary;

  return TRUE;
}
