/* bp-sector-map.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sector-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-outline-origin.h"
#include "bp-sector-map.h"
#include "bp-store-private.h"

/* BpSectorMap holds every statistical sector outline projected to world
 * units, in a few levels of detail that keep the topology: sector edges are
 * cut into arcs (maximal runs of edges between the same sectors), each arc is
 * simplified once and every ring is rebuilt from the simplified arcs, so
 * neighbours meet exactly at every level. Boundaries of municipalities, care
 * zones, provinces and regions are those arcs whose two sides lie in
 * different areas, so they coincide with the sector fills.
 *
 * Coordinates arrive in micro-degrees precision; vertices are matched by
 * their integer micro-degree position. Vertices lying on another ring's edge
 * (within NODE_EPSILON micro-degrees, "T-junctions") are first inserted into
 * that edge so that both sides have the same vertices. */

#define MICRO          1e6
#define NODE_EPSILON   1.5
#define NODE_CELL      2000
#define GRID_SIZE      128
#define MAX_LATITUDE   85.05112878
#define LABEL_GRID     12
#define EXPECTED_VERTICES (1 << 18)

/* Zoom levels the simplified outlines are made for; the last level of detail
 * is the full outline. */
static const double lod_zooms[] = { 7.0, 9.0, 11.0, 13.0 };
#define N_LODS (G_N_ELEMENTS (lod_zooms) + 1)
/* Douglas–Peucker tolerance in pixels at the level's zoom. */
#define TOLERANCE_PX 0.35
/* A level is used up to this many zoom steps beyond its own zoom. */
#define LOD_REACH    0.6

/* What arc_approximate says of an arc, bit by bit. */
#define ARC_APPROXIMATE 1 /* see bp_sector_map_arc_is_approximate() */
#define ARC_WIJK_EDGE   2 /* see bp_sector_map_arc_is_wijk_edge() */

/* Strings point into the map's string chunk or cache block. */
typedef struct
{
  gint64       id;
  const char  *code;
  const char  *name;
  const char  *geometry_source;
  gint64       municipality_id;
  gint64       wijk_id;         /* 0 for none; only while building */
  guint        municipality;
  guint        first_ring;
  guint        n_rings;
  /* the real area (geometry_cell_id) an approximate outline was cut from,
   * numbered from 1; 0 when the store does not say */
  guint        cell;
  guint        cell_size;
  gboolean     is_approximate;
  BpWorldRect  bbox;
} Sector;

typedef struct
{
  gint64       id;
  gint64       parent_id;
  const char  *code;
  const char  *name;
  double       label_x;
  double       label_y;
  BpWorldRect  bbox;
} Municipality;

/* A region, province, care zone or municipality, for finding the sectors
 * inside an area. */
typedef struct
{
  gint64       id;
  gint64       parent_id;
  BpAreaLevel  level;
  const char  *code;
} AreaNode;

typedef struct
{
  BpBounds     bounds;
  BpAreaLevel  level;
  const char  *code;
} AreaBounds;

typedef struct
{
  double  tolerance;
  GArray *ring_points;  /* double x, y */
  GArray *ring_starts;  /* guint, n_rings + 1 */
  GArray *arc_points;   /* double x, y */
  GArray *arc_starts;   /* guint, n_arcs + 1 */
  gsize   built;        /* for g_once_init_enter() */
} Lod;

struct _BpSectorMap
{
  GObject           parent_instance;

  Sector           *sectors;
  guint             n_sectors;
  GHashTable       *sector_by_id;    /* gint64 * → index + 1 */
  GHashTable       *sector_by_code;  /* code → index + 1 */

  Municipality     *municipalities;
  guint             n_municipalities;
  gboolean          has_label_points;

  AreaNode         *areas;           /* every level above the sectors */
  guint             n_areas;
  AreaBounds       *area_bound_list;
  guint             n_area_bounds;
  GHashTable       *area_bounds[BP_AREA_N_LEVELS]; /* code → AreaBounds */

  GStringChunk     *strings;         /* when built from the outlines */
  char             *string_block;    /* when read from the cache */

  BpBounds          bounds;
  BpWorldRect       world_bounds;
  BpOutlineSummary  summary;

  guint             n_rings;
  guint             n_arcs;
  guint8           *arc_levels;
  guint8           *arc_approximate; /* ARC_APPROXIMATE | ARC_WIJK_EDGE */
  gboolean         *arc_one_sided;  /* while loading */
  BpWorldRect      *arc_bboxes;
  Lod               lods[N_LODS];
  /* what the coarse levels are made from, until they are all built */
  guint8           *point_lods;      /* per full arc point: the coarsest level keeping it */
  guint            *arc_far;         /* the split point of a loop arc, or 0 */
  GArray           *ring_arcs;       /* int: arc + 1, negative when walked backwards */
  GArray           *ring_arc_starts; /* guint, n_rings + 1 */

  /* uniform grid over sector bboxes, in CSR form */
  double            cell_w;
  double            cell_h;
  guint            *grid_starts;     /* GRID_SIZE² + 1 */
  guint            *grid_items;
};

G_DEFINE_FINAL_TYPE (BpSectorMap, bp_sector_map, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-sector-map-error-quark, bp_sector_map_error)

/* ---- an open-addressing map from gint64 to guint ---- */

typedef struct
{
  gint64 *keys;
  guint  *values;
  gsize   mask;
  gsize   n_items;
} I64Map;

static void
i64_map_init (I64Map *map,
              gsize   expected)
{
  gsize capacity = 64;

  while (capacity < expected * 2)
    capacity <<= 1;

  map->keys = g_new (gint64, capacity);
  map->values = g_new (guint, capacity);
  map->mask = capacity - 1;
  map->n_items = 0;
  memset (map->keys, 0xff, capacity * sizeof (gint64));
}

static void
i64_map_clear (I64Map *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
}

static inline gsize
i64_hash (gint64 key)
{
  guint64 h = (guint64)key;

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (gsize)h;
}

static void i64_map_insert (I64Map *map, gint64 key, guint value);

static void
i64_map_grow (I64Map *map)
{
  gint64 *old_keys = map->keys;
  guint *old_values = map->values;
  gsize old_capacity = map->mask + 1;

  map->keys = g_new (gint64, old_capacity * 2);
  map->values = g_new (guint, old_capacity * 2);
  map->mask = old_capacity * 2 - 1;
  map->n_items = 0;
  memset (map->keys, 0xff, old_capacity * 2 * sizeof (gint64));

  for (gsize i = 0; i < old_capacity; i++)
    if (old_keys[i] != -1)
      i64_map_insert (map, old_keys[i], old_values[i]);

  g_free (old_keys);
  g_free (old_values);
}

/* Keys are never -1. Returns the index of the value for @key, inserting
 * @value when the key is new. */
static guint
i64_map_lookup_or_insert (I64Map *map,
                          gint64  key,
                          guint   value)
{
  gsize i;

  if ((map->n_items + 1) * 2 > map->mask + 1)
    i64_map_grow (map);

  for (i = i64_hash (key) & map->mask; map->keys[i] != -1; i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return map->values[i];

  map->keys[i] = key;
  map->values[i] = value;
  map->n_items++;
  return value;
}

static void
i64_map_insert (I64Map *map,
                gint64  key,
                guint   value)
{
  i64_map_lookup_or_insert (map, key, value);
}

static inline gint64
pair_key (guint a,
          guint b)
{
  return ((gint64)a << 32) | b;
}

/* ---- projection ---- */

/**
 * bp_world_project:
 * @lon: longitude in degrees
 * @lat: latitude in degrees
 * @x: (out): x in world units, 0 at 180° W and 1 at 180° E
 * @y: (out): y in world units, 0 at the top and 1 at the bottom
 *
 * Projects WGS84 to Web Mercator normalised to the unit square, as
 * libshumate's viewport at zoom level 0 divided by the tile size.
 */
void
bp_world_project (double  lon,
                  double  lat,
                  double *x,
                  double *y)
{
  double phi = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

/**
 * bp_world_unproject:
 * @x: x in world units
 * @y: y in world units
 * @lon: (out): longitude in degrees
 * @lat: (out): latitude in degrees
 *
 * The inverse of bp_world_project().
 */
void
bp_world_unproject (double  x,
                    double  y,
                    double *lon,
                    double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * bp_world_rect_from_bounds:
 * @rect: (out caller-allocates): the rectangle in world units
 * @bounds: bounds in WGS84 degrees
 *
 * Projects @bounds; north becomes the smaller y.
 */
void
bp_world_rect_from_bounds (BpWorldRect    *rect,
                           const BpBounds *bounds)
{
  g_return_if_fail (rect != NULL);
  g_return_if_fail (bounds != NULL);

  bp_world_project (bounds->min_lon, bounds->max_lat, &rect->min_x, &rect->min_y);
  bp_world_project (bounds->max_lon, bounds->min_lat, &rect->max_x, &rect->max_y);
}

static void
rect_empty (BpWorldRect *rect)
{
  rect->min_x = rect->min_y = G_MAXDOUBLE;
  rect->max_x = rect->max_y = -G_MAXDOUBLE;
}

static void
rect_add (BpWorldRect *rect,
          double       x,
          double       y)
{
  rect->min_x = MIN (rect->min_x, x);
  rect->min_y = MIN (rect->min_y, y);
  rect->max_x = MAX (rect->max_x, x);
  rect->max_y = MAX (rect->max_y, y);
}

static void
rect_union (BpWorldRect       *rect,
            const BpWorldRect *other)
{
  if (other->min_x > other->max_x)
    return;
  rect_add (rect, other->min_x, other->min_y);
  rect_add (rect, other->max_x, other->max_y);
}

static inline gboolean
rects_overlap (const BpWorldRect *a,
               const BpWorldRect *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x &&
         a->min_y <= b->max_y && b->min_y <= a->max_y;
}

/* ---- geometry helpers on x, y pairs ---- */

static gboolean
ring_contains (const double *xy,
               guint         n_points,
               double        x,
               double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n_points - 1; i < n_points; j = i++)
    {
      double xi = xy[i * 2], yi = xy[i * 2 + 1];
      double xj = xy[j * 2], yj = xy[j * 2 + 1];

      if ((yi > y) != (yj > y) &&
          x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}

static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;

  if (len2 > 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);

  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* Douglas–Peucker on points[first..last] (x, y pairs), marking kept points. */
static void
simplify_run (const double *xy,
              guint         first,
              guint         last,
              double        tolerance2,
              gboolean     *keep,
              GArray       *stack)
{
  keep[first] = keep[last] = TRUE;
  g_array_set_size (stack, 0);
  g_array_append_val (stack, first);
  g_array_append_val (stack, last);

  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double max_d2 = -1.0;
      guint max_i = a;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d2 = segment_distance2 (xy[i * 2], xy[i * 2 + 1],
                                         xy[a * 2], xy[a * 2 + 1],
                                         xy[b * 2], xy[b * 2 + 1]);
          if (d2 > max_d2)
            {
              max_d2 = d2;
              max_i = i;
            }
        }

      if (max_i != a && max_d2 > tolerance2)
        {
          keep[max_i] = TRUE;
          g_array_append_val (stack, a);
          g_array_append_val (stack, max_i);
          g_array_append_val (stack, max_i);
          g_array_append_val (stack, b);
        }
    }
}

/* ---- building ---- */

typedef struct
{
  guint  sector;
  GArray *vertices;  /* guint vertex ids, open ring */
  gboolean is_outer;
} RawRing;

typedef struct
{
  guint sector;
  guint side;  /* 0: sector on the left of the canonical direction */
} EdgeUse;

typedef struct
{
  /* sectors and their rings */
  GArray  *rings;      /* RawRing */
  GArray  *vx;         /* int micro-degrees */
  GArray  *vy;
  GArray  *wx;         /* double world units */
  GArray  *wy;
  I64Map   vertex_map;
  /* areas above the sectors: id → parent id */
  GHashTable *parents; /* gint64 * → gint64 * */
} Builder;

static guint
builder_add_vertex (Builder *b,
                    double   lon,
                    double   lat)
{
  int ix = (int)lround (lon * MICRO);
  int iy = (int)lround (lat * MICRO);
  gint64 key = ((gint64)(ix + (1 << 30)) << 32) | (guint32)(iy + (1 << 30));
  guint id = b->vx->len;
  guint found = i64_map_lookup_or_insert (&b->vertex_map, key, id);

  if (found == id)
    {
      double x, y;

      g_array_append_val (b->vx, ix);
      g_array_append_val (b->vy, iy);
      bp_world_project (ix / MICRO, iy / MICRO, &x, &y);
      g_array_append_val (b->wx, x);
      g_array_append_val (b->wy, y);
    }

  return found;
}

static void
raw_ring_clear (gpointer data)
{
  RawRing *ring = data;

  g_clear_pointer (&ring->vertices, g_array_unref);
}

/* Inserts vertices lying on an edge of a ring (T-junctions) into that edge. */
static void
node_rings (Builder *b)
{
  int min_x = G_MAXINT, min_y = G_MAXINT, max_x = G_MININT, max_y = G_MININT;
  guint n_vertices = b->vx->len;
  const int *vx = (const int *)b->vx->data;
  const int *vy = (const int *)b->vy->data;
  guint grid_w, grid_h;
  g_autofree guint *starts = NULL;
  g_autofree guint *items = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  if (n_vertices == 0)
    return;

  for (guint v = 0; v < n_vertices; v++)
    {
      min_x = MIN (min_x, vx[v]);
      min_y = MIN (min_y, vy[v]);
      max_x = MAX (max_x, vx[v]);
      max_y = MAX (max_y, vy[v]);
    }

  grid_w = (guint)((max_x - min_x) / NODE_CELL) + 1;
  grid_h = (guint)((max_y - min_y) / NODE_CELL) + 1;
  starts = g_new0 (guint, (gsize)grid_w * grid_h + 1);
  items = g_new (guint, n_vertices);

  for (guint v = 0; v < n_vertices; v++)
    starts[((vy[v] - min_y) / NODE_CELL) * grid_w + (vx[v] - min_x) / NODE_CELL + 1]++;
  for (gsize c = 0; c < (gsize)grid_w * grid_h; c++)
    starts[c + 1] += starts[c];
  {
    g_autofree guint *fill = g_memdup2 (starts, ((gsize)grid_w * grid_h + 1) * sizeof (guint));

    for (guint v = 0; v < n_vertices; v++)
      items[fill[((vy[v] - min_y) / NODE_CELL) * grid_w + (vx[v] - min_x) / NODE_CELL]++] = v;
  }

  for (guint r = 0; r < b->rings->len; r++)
    {
      RawRing *ring = &g_array_index (b->rings, RawRing, r);
      GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (guint), ring->vertices->len);
      guint n = ring->vertices->len;

      for (guint i = 0; i < n; i++)
        {
          guint a = g_array_index (ring->vertices, guint, i);
          guint c = g_array_index (ring->vertices, guint, (i + 1) % n);
          double ax = vx[a], ay = vy[a], dx = vx[c] - ax, dy = vy[c] - ay;
          double len2 = dx * dx + dy * dy;
          int x0 = MIN (vx[a], vx[c]) - 2, x1 = MAX (vx[a], vx[c]) + 2;
          int y0 = MIN (vy[a], vy[c]) - 2, y1 = MAX (vy[a], vy[c]) + 2;
          guint gx0, gx1, gy0, gy1;

          g_array_append_val (out, a);
          if (len2 == 0.0)
            continue;

          gx0 = (guint)(MAX (x0 - min_x, 0) / NODE_CELL);
          gx1 = (guint)MIN ((x1 - min_x) / NODE_CELL, (int)grid_w - 1);
          gy0 = (guint)(MAX (y0 - min_y, 0) / NODE_CELL);
          gy1 = (guint)MIN ((y1 - min_y) / NODE_CELL, (int)grid_h - 1);

          g_array_set_size (found, 0);
          for (guint gy = gy0; gy <= gy1; gy++)
            for (guint gx = gx0; gx <= gx1; gx++)
              {
                gsize cell = (gsize)gy * grid_w + gx;

                for (guint k = starts[cell]; k < starts[cell + 1]; k++)
                  {
                    guint v = items[k];
                    double px = vx[v] - ax, py = vy[v] - ay;
                    double t, cross;

                    if (v == a || v == c || vx[v] < x0 || vx[v] > x1 || vy[v] < y0 || vy[v] > y1)
                      continue;
                    t = (px * dx + py * dy) / len2;
                    if (t <= 0.0 || t >= 1.0)
                      continue;
                    cross = dx * py - dy * px;
                    if (cross * cross / len2 <= NODE_EPSILON * NODE_EPSILON)
                      {
                        double entry[2] = { t, (double)v };

                        g_array_append_val (found, entry);
                      }
                  }
              }

          if (found->len > 1)
            {
              /* insertion sort by t: lists are short */
              double *e = (double *)found->data;

              for (guint p = 1; p < found->len; p++)
                for (guint q = p; q > 0 && e[q * 2 - 2] > e[q * 2]; q--)
                  {
                    double t0 = e[q * 2], v0 = e[q * 2 + 1];

                    e[q * 2] = e[q * 2 - 2];
                    e[q * 2 + 1] = e[q * 2 - 1];
                    e[q * 2 - 2] = t0;
                    e[q * 2 - 1] = v0;
                  }
            }
          for (guint p = 0; p < found->len; p++)
            {
              guint v = (guint)g_array_index (found, double, p * 2 + 1);

              g_array_append_val (out, v);
            }
        }

      g_array_unref (ring->vertices);
      ring->vertices = out;
    }
}

/* Removes repeated vertices and spikes (A, B, A: an edge walked there and
 * back, which has no area) from a ring of @n vertices; returns the new
 * length. Twice, rotated, so that spikes across the start go too. */
static guint
remove_spikes (guint *v,
               guint  n)
{
  for (int pass = 0; pass < 3; pass++)
    {
      guint m = 0, half;

      for (guint i = 0; i < n; i++)
        {
          if (m > 0 && v[m - 1] == v[i])
            continue;
          if (m >= 2 && v[m - 2] == v[i])
            {
              m--;
              continue;
            }
          v[m++] = v[i];
        }
      while (m > 1 && v[m - 1] == v[0])
        m--;
      n = m;

      /* rotate by half, so that the start is checked in the next pass */
      half = n / 2;
      if (pass < 2 && half > 0)
        {
          g_autofree guint *head = g_memdup2 (v, half * sizeof (guint));

          memmove (v, v + half, (n - half) * sizeof (guint));
          memcpy (v + n - half, head, half * sizeof (guint));
        }
    }

  return n;
}

/* Removes repeated vertices and turns outer rings counter-clockwise and holes
 * clockwise (with y pointing north), so that a sector lies on the left of
 * each of its edges. */
static void
normalise_rings (Builder *b)
{
  const int *vx = (const int *)b->vx->data;
  const int *vy = (const int *)b->vy->data;

  for (guint r = 0; r < b->rings->len; r++)
    {
      RawRing *ring = &g_array_index (b->rings, RawRing, r);
      guint *v = (guint *)ring->vertices->data;
      guint n = 0;
      double area2 = 0.0;

      n = remove_spikes (v, ring->vertices->len);
      if (n < 3)
        n = 0;
      g_array_set_size (ring->vertices, n);
      if (n == 0)
        continue;

      for (guint i = 0, j = n - 1; i < n; j = i++)
        area2 += ((double)vx[v[j]] - vx[v[0]]) * ((double)vy[v[i]] - vy[v[0]]) -
                 ((double)vx[v[i]] - vx[v[0]]) * ((double)vy[v[j]] - vy[v[0]]);

      if ((area2 < 0.0) != !ring->is_outer)
        for (guint i = 0; i < n / 2; i++)
          {
            guint t = v[i];

            v[i] = v[n - 1 - i];
            v[n - 1 - i] = t;
          }
    }
}

typedef struct
{
  guint edge;
  guint sector;
  guint side;
} Use;

static int
compare_uses (gconstpointer a,
              gconstpointer b)
{
  const Use *ua = a, *ub = b;

  if (ua->edge != ub->edge)
    return ua->edge < ub->edge ? -1 : 1;
  if (ua->sector != ub->sector)
    return ua->sector < ub->sector ? -1 : 1;
  return (int)ua->side - (int)ub->side;
}

typedef struct
{
  GArray  *ring_edges;    /* guint per ring vertex: edge from vertex i to i + 1 */
  GArray  *ring_edge_starts;
  guint    n_edges;
  GArray  *edge_a;
  GArray  *edge_b;
  Use     *uses;
  guint   *use_starts;    /* n_edges + 1 */
} Edges;

static gboolean
edges_same_sectors (const Edges *e,
                    guint        e1,
                    guint        e2)
{
  guint i = e->use_starts[e1], i_end = e->use_starts[e1 + 1];
  guint j = e->use_starts[e2], j_end = e->use_starts[e2 + 1];

  if (e1 == e2)
    return TRUE;

  while (i < i_end && j < j_end)
    {
      guint si = e->uses[i].sector, sj = e->uses[j].sector;

      if (si != sj)
        return FALSE;
      while (i < i_end && e->uses[i].sector == si)
        i++;
      while (j < j_end && e->uses[j].sector == sj)
        j++;
    }

  return i == i_end && j == j_end;
}

static void
build_edges (Builder *b,
             Edges   *e)
{
  g_autoptr(GArray) uses = NULL;
  g_autofree guint *lo_starts = NULL;
  g_autofree guint *lo_fill = NULL;
  g_autofree guint *lo_edges = NULL;
  guint n_vertices = b->vx->len;
  guint zero = 0;
  guint n_ring_edges = 0;

  /* An edge is found from its lower vertex, among the few edges that start
   * there: a vertex has about three, so a short scan of a list grouped by
   * vertex (counted first) beats hashing every vertex pair, and takes less
   * memory. Edges are numbered in the order they are first walked. */
  lo_starts = g_new0 (guint, (gsize)n_vertices + 1);
  for (guint r = 0; r < b->rings->len; r++)
    {
      const RawRing *ring = &g_array_index (b->rings, RawRing, r);
      const guint *v = (const guint *)ring->vertices->data;
      guint n = ring->vertices->len;

      n_ring_edges += n;
      for (guint i = 0; i < n; i++)
        lo_starts[MIN (v[i], v[(i + 1) % n]) + 1]++;
    }
  for (guint v = 0; v < n_vertices; v++)
    lo_starts[v + 1] += lo_starts[v];
  lo_fill = g_memdup2 (lo_starts, (gsize)n_vertices * sizeof (guint) + sizeof (guint));
  lo_edges = g_new (guint, MAX (n_ring_edges, 1));
  /* sized up front: see EXPECTED_VERTICES */
  uses = g_array_sized_new (FALSE, FALSE, sizeof (Use), n_ring_edges);
  e->ring_edges = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_ring_edges);
  e->ring_edge_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), b->rings->len + 1);
  e->edge_a = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_ring_edges);
  e->edge_b = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_ring_edges);
  e->n_edges = 0;

  g_array_append_val (e->ring_edge_starts, zero);
  for (guint r = 0; r < b->rings->len; r++)
    {
      RawRing *ring = &g_array_index (b->rings, RawRing, r);
      guint n = ring->vertices->len;

      for (guint i = 0; i < n; i++)
        {
          guint va = g_array_index (ring->vertices, guint, i);
          guint vb = g_array_index (ring->vertices, guint, (i + 1) % n);
          guint lo = MIN (va, vb), hi = MAX (va, vb);
          guint edge = e->n_edges;
          Use use;

          for (guint k = lo_starts[lo]; k < lo_fill[lo]; k++)
            if (g_array_index (e->edge_b, guint, lo_edges[k]) == hi)
              {
                edge = lo_edges[k];
                break;
              }

          if (edge == e->n_edges)
            {
              lo_edges[lo_fill[lo]++] = edge;
              g_array_append_val (e->edge_a, lo);
              g_array_append_val (e->edge_b, hi);
              e->n_edges++;
            }
          use = (Use) { edge, ring->sector, va < vb ? 0 : 1 };
          g_array_append_val (e->ring_edges, edge);
          g_array_append_val (uses, use);
        }
      g_array_append_val (e->ring_edge_starts, e->ring_edges->len);
    }

  /* group the uses by edge (a counting sort), then sort each short group */
  e->use_starts = g_new0 (guint, e->n_edges + 1);
  for (guint i = 0; i < uses->len; i++)
    e->use_starts[g_array_index (uses, Use, i).edge + 1]++;
  for (guint i = 0; i < e->n_edges; i++)
    e->use_starts[i + 1] += e->use_starts[i];

  e->uses = g_new (Use, MAX (uses->len, 1));
  {
    g_autofree guint *fill = g_memdup2 (e->use_starts, (e->n_edges + 1) * sizeof (guint));

    for (guint i = 0; i < uses->len; i++)
      {
        const Use *use = &g_array_index (uses, Use, i);

        e->uses[fill[use->edge]++] = *use;
      }
  }

  for (guint edge = 0; edge < e->n_edges; edge++)
    for (guint i = e->use_starts[edge] + 1; i < e->use_starts[edge + 1]; i++)
      for (guint j = i; j > e->use_starts[edge] && compare_uses (&e->uses[j - 1], &e->uses[j]) > 0; j--)
        {
          Use t = e->uses[j];

          e->uses[j] = e->uses[j - 1];
          e->uses[j - 1] = t;
        }
}

static void
edges_clear (Edges *e)
{
  g_clear_pointer (&e->ring_edges, g_array_unref);
  g_clear_pointer (&e->ring_edge_starts, g_array_unref);
  g_clear_pointer (&e->edge_a, g_array_unref);
  g_clear_pointer (&e->edge_b, g_array_unref);
  g_clear_pointer (&e->uses, g_free);
  g_clear_pointer (&e->use_starts, g_free);
}

static gint64
lookup_parent (Builder *b,
               gint64   id)
{
  gint64 *parent = g_hash_table_lookup (b->parents, &id);

  return parent ? *parent : 0;
}

/* The coarsest level at which two sectors lie in different areas. */
static BpAreaLevel
level_between (BpSectorMap *self,
               Builder     *b,
               guint        s1,
               guint        s2)
{
  gint64 a = self->sectors[s1].municipality_id;
  gint64 c = self->sectors[s2].municipality_id;
  gint64 chain_a[4], chain_c[4];

  if (s1 == s2 || a == c)
    return BP_AREA_LEVEL_SECTOR;

  /* municipality, care zone, province, region */
  chain_a[0] = a;
  chain_c[0] = c;
  for (guint i = 1; i < 4; i++)
    {
      chain_a[i] = lookup_parent (b, chain_a[i - 1]);
      chain_c[i] = lookup_parent (b, chain_c[i - 1]);
    }

  if (chain_a[3] != chain_c[3])
    return BP_AREA_LEVEL_REGION;
  if (chain_a[2] != chain_c[2])
    return BP_AREA_LEVEL_PROVINCE;
  if (chain_a[1] != chain_c[1])
    return BP_AREA_LEVEL_CARE_ZONE;
  return BP_AREA_LEVEL_MUNICIPALITY;
}

typedef struct
{
  GArray *arc_vertices;   /* guint, canonical direction */
  GArray *arc_starts;     /* guint, n_arcs + 1 */
  GArray *ring_arcs;      /* int: arc + 1, negative when walked backwards */
  GArray *ring_arc_starts;
} Arcs;

static void
arcs_clear (Arcs *a)
{
  g_clear_pointer (&a->arc_vertices, g_array_unref);
  g_clear_pointer (&a->arc_starts, g_array_unref);
  g_clear_pointer (&a->ring_arcs, g_array_unref);
  g_clear_pointer (&a->ring_arc_starts, g_array_unref);
}

/* Finds the level of an arc from the sectors on the two sides of @edge;
 * @left_side is the side value of sectors on the arc's left. */
static BpAreaLevel
classify_edge (BpSectorMap *self,
               Builder     *b,
               const Edges *e,
               guint        edge,
               gboolean    *one_sided)
{
  BpAreaLevel level = BP_AREA_LEVEL_SECTOR;
  gboolean has_side[2] = { FALSE, FALSE };
  guint start = e->use_starts[edge], end = e->use_starts[edge + 1];

  for (guint i = start; i < end; i++)
    has_side[e->uses[i].side] = TRUE;

  *one_sided = !has_side[0] || !has_side[1];
  if (*one_sided)
    return BP_AREA_LEVEL_REGION;

  for (guint i = start; i < end; i++)
    for (guint j = start; j < end; j++)
      if (e->uses[i].side == 0 && e->uses[j].side == 1)
        level = MIN (level, level_between (self, b, e->uses[i].sector, e->uses[j].sector));

  return level;
}

static gint64
hash_sequence (const guint *v,
               guint        n,
               guint64      salt)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ salt;

  for (guint i = 0; i < n; i++)
    {
      h ^= v[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
      h ^= h >> 29;
    }

  return (gint64)(h & G_GUINT64_CONSTANT (0x7fffffffffffffff));
}

/* Adds the piece of a ring from its vertex @first, @length edges long, as an
 * arc (or finds the arc that is already there) and appends it to the ring.
 * Arcs are identified by their whole vertex sequence in the canonical
 * direction: a first edge alone is not enough where outlines have spikes
 * that run along an edge and back. */
static void
add_piece (BpSectorMap *self,
           Builder     *b,
           const Edges *e,
           Arcs        *a,
           I64Map      *arc_map,
           GArray      *levels,
           GArray      *one_sided,
           const guint *v,
           const guint *ring_edges,
           guint        n,
           guint        first,
           guint        length)
{
  guint v0 = v[first % n], v1 = v[(first + 1) % n];
  guint vk = v[(first + length) % n], vk1 = v[(first + length - 1) % n];
  gboolean forward = v0 < vk || (v0 == vk && v1 <= vk1);
  guint arc = a->arc_starts->len - 1;
  guint start = a->arc_vertices->len;
  const guint *seq;
  guint found = arc;
  int entry;

  /* write the candidate at the end; drop it again when the arc exists */
  for (guint i = 0; i <= length; i++)
    {
      guint k = forward ? first + i : first + length - i;

      g_array_append_val (a->arc_vertices, v[k % n]);
    }
  seq = &g_array_index (a->arc_vertices, guint, start);

  for (guint64 salt = 0;; salt++)
    {
      gint64 key = hash_sequence (seq, length + 1, salt);
      guint s, t;

      found = i64_map_lookup_or_insert (arc_map, key, arc);
      if (found == arc)
        break;

      s = g_array_index (a->arc_starts, guint, found);
      t = g_array_index (a->arc_starts, guint, found + 1);
      if (t - s == length + 1 &&
          memcmp (&g_array_index (a->arc_vertices, guint, s), seq, (length + 1) * sizeof (guint)) == 0)
        break;
    }

  if (found == arc)
    {
      gboolean is_one_sided = FALSE;
      guint8 level = classify_edge (self, b, e, ring_edges[first % n], &is_one_sided);

      g_array_append_val (a->arc_starts, a->arc_vertices->len);
      g_array_append_val (levels, level);
      g_array_append_val (one_sided, is_one_sided);
    }
  else
    g_array_set_size (a->arc_vertices, start);

  entry = forward ? (int)found + 1 : -((int)found + 1);
  g_array_append_val (a->ring_arcs, entry);
}

static void
build_arcs (BpSectorMap *self,
            Builder     *b,
            const Edges *e,
            Arcs        *a,
            GArray      *levels,
            GArray      *one_sided)
{
  g_autofree gboolean *is_junction = g_new0 (gboolean, b->vx->len);
  g_autofree guint *degree = g_new0 (guint, b->vx->len);
  I64Map arc_map;
  guint zero = 0;

  for (guint i = 0; i < e->n_edges; i++)
    {
      degree[g_array_index (e->edge_a, guint, i)]++;
      degree[g_array_index (e->edge_b, guint, i)]++;
    }
  for (guint v = 0; v < b->vx->len; v++)
    is_junction[v] = degree[v] != 2;

  /* a vertex is a junction when the sectors on the edge before it differ
   * from those on the edge after it, in any ring */
  for (guint r = 0; r < b->rings->len; r++)
    {
      RawRing *ring = &g_array_index (b->rings, RawRing, r);
      const guint *v = (const guint *)ring->vertices->data;
      const guint *re = &g_array_index (e->ring_edges, guint,
                                        g_array_index (e->ring_edge_starts, guint, r));
      guint n = ring->vertices->len;

      for (guint i = 0; i < n; i++)
        if (!edges_same_sectors (e, re[(i + n - 1) % n], re[i]))
          is_junction[v[i]] = TRUE;
    }

  a->arc_vertices = g_array_new (FALSE, FALSE, sizeof (guint));
  a->arc_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  a->ring_arcs = g_array_new (FALSE, FALSE, sizeof (int));
  a->ring_arc_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (a->arc_starts, zero);
  g_array_append_val (a->ring_arc_starts, zero);
  i64_map_init (&arc_map, e->n_edges / 4 + 16);

  for (guint r = 0; r < b->rings->len; r++)
    {
      RawRing *ring = &g_array_index (b->rings, RawRing, r);
      const guint *v = (const guint *)ring->vertices->data;
      const guint *re = &g_array_index (e->ring_edges, guint,
                                        g_array_index (e->ring_edge_starts, guint, r));
      guint n = ring->vertices->len;
      guint start = G_MAXUINT;

      if (n >= 2)
        {
          for (guint i = 0; i < n; i++)
            if (is_junction[v[i]])
              {
                start = i;
                break;
              }

          if (start == G_MAXUINT)
            {
              /* no junction: the ring is one closed arc from its smallest vertex */
              start = 0;
              for (guint i = 1; i < n; i++)
                if (v[i] < v[start])
                  start = i;
              add_piece (self, b, e, a, &arc_map, levels, one_sided, v, re, n, start, n);
            }
          else
            {
              guint from = start;

              for (guint k = 1; k <= n; k++)
                {
                  guint i = start + k;

                  if (k == n || is_junction[v[i % n]])
                    {
                      add_piece (self, b, e, a, &arc_map, levels, one_sided, v, re, n, from, i - from);
                      from = i;
                    }
                }
            }
        }

      g_array_append_val (a->ring_arc_starts, a->ring_arcs->len);
    }

  i64_map_clear (&arc_map);
}

/* Simplifies one arc of @n_points points (x, y pairs) into @out. A closed
 * arc (first point = last point) keeps at least three distinct points. */
static void
simplify_arc (const double *xy,
              guint         n_points,
              gboolean      closed,
              double        tolerance,
              GArray       *out,
              GArray       *keep_buffer,
              GArray       *stack)
{
  gboolean *keep;
  double tolerance2 = tolerance * tolerance;

  if (tolerance <= 0.0 || n_points <= 2)
    {
      g_array_append_vals (out, xy, n_points * 2);
      return;
    }

  g_array_set_size (keep_buffer, n_points);
  keep = (gboolean *)keep_buffer->data;
  memset (keep, 0, n_points * sizeof (gboolean));

  if (closed)
    {
      guint far = 1, n_kept = 0;
      double far_d2 = -1.0;

      for (guint i = 1; i < n_points - 1; i++)
        {
          double dx = xy[i * 2] - xy[0], dy = xy[i * 2 + 1] - xy[1];

          if (dx * dx + dy * dy > far_d2)
            {
              far_d2 = dx * dx + dy * dy;
              far = i;
            }
        }

      simplify_run (xy, 0, far, tolerance2, keep, stack);
      simplify_run (xy, far, n_points - 1, tolerance2, keep, stack);

      for (guint i = 0; i < n_points - 1; i++)
        n_kept += keep[i];

      if (n_kept < 3 && n_points >= 4)
        {
          guint third = 0;
          double third_d2 = -1.0;

          for (guint i = 1; i < n_points - 1; i++)
            {
              double d2 = segment_distance2 (xy[i * 2], xy[i * 2 + 1],
                                             xy[0], xy[1], xy[far * 2], xy[far * 2 + 1]);

              if (!keep[i] && d2 > third_d2)
                {
                  third_d2 = d2;
                  third = i;
                }
            }
          keep[third] = TRUE;
        }
    }
  else
    simplify_run (xy, 0, n_points - 1, tolerance2, keep, stack);

  for (guint i = 0; i < n_points; i++)
    if (keep[i])
      g_array_append_vals (out, &xy[i * 2], 2);
}

typedef struct
{
  guint  a;
  guint  b;
  double cap;
} Segment;

/* Douglas–Peucker once for every tolerance: gives each point of an arc the
 * squared distance at which it is dropped, so that the points kept at a
 * tolerance are those whose importance is above it (a point's importance
 * is capped by that of the point that split its segment). */
static void
compute_importance (const double *xy,
                    guint         first,
                    guint         last,
                    double       *importance,
                    GArray       *stack)
{
  Segment segment = { first, last, G_MAXDOUBLE };

  importance[first] = importance[last] = G_MAXDOUBLE;
  g_array_set_size (stack, 0);
  g_array_append_val (stack, segment);

  while (stack->len > 0)
    {
      Segment top = g_array_index (stack, Segment, stack->len - 1);
      double max_d2 = -1.0;
      guint max_i = top.a;

      g_array_set_size (stack, stack->len - 1);
      for (guint i = top.a + 1; i < top.b; i++)
        {
          double d2 = segment_distance2 (xy[i * 2], xy[i * 2 + 1],
                                         xy[top.a * 2], xy[top.a * 2 + 1],
                                         xy[top.b * 2], xy[top.b * 2 + 1]);
          if (d2 > max_d2)
            {
              max_d2 = d2;
              max_i = i;
            }
        }

      if (max_i != top.a)
        {
          Segment left = { top.a, max_i, MIN (max_d2, top.cap) };
          Segment right = { max_i, top.b, MIN (max_d2, top.cap) };

          importance[max_i] = MIN (max_d2, top.cap);
          g_array_append_val (stack, left);
          g_array_append_val (stack, right);
        }
    }
}

/* Joins the arcs of @lod into the rings of the sectors. */
static void
build_lod_rings (BpSectorMap *self,
                 Lod         *lod)
{
  const guint *ring_arc_starts = (const guint *)self->ring_arc_starts->data;
  const int *ring_arcs = (const int *)self->ring_arcs->data;
  const guint *arc_starts = (const guint *)lod->arc_starts->data;
  const double *arc_points = (const double *)lod->arc_points->data;
  guint n_points = 0;
  guint zero = 0;
  double *out;

  /* every arc point is used by at most two rings; cut to size when done */
  lod->ring_points = g_array_sized_new (FALSE, FALSE, sizeof (double), lod->arc_points->len * 2);
  g_array_set_size (lod->ring_points, lod->arc_points->len * 2);
  lod->ring_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n_rings + 1);
  g_array_append_val (lod->ring_starts, zero);

  for (guint r = 0; r < self->n_rings; r++)
    {
      for (guint k = ring_arc_starts[r]; k < ring_arc_starts[r + 1]; k++)
        {
          int entry = ring_arcs[k];
          guint arc = (guint)ABS (entry) - 1;
          guint p0 = arc_starts[arc];
          guint m = arc_starts[arc + 1] - p0;
          const double *pts = &arc_points[p0 * 2];

          if (n_points + m - 1 > lod->ring_points->len / 2)
            g_array_set_size (lod->ring_points, (n_points + m - 1) * 2);
          out = &g_array_index (lod->ring_points, double, n_points * 2);
          if (entry > 0)
            memcpy (out, pts, (m - 1) * 2 * sizeof (double));
          else
            for (guint i = m - 1; i > 0; i--, out += 2)
              {
                out[0] = pts[i * 2];
                out[1] = pts[i * 2 + 1];
              }
          n_points += m - 1;
        }

      g_array_append_val (lod->ring_starts, n_points);
    }
  g_array_set_size (lod->ring_points, n_points * 2);
}

/* What build_lod() reads, kept while a level of detail is still unbuilt. */
static void
drop_lod_sources (BpSectorMap *self)
{
  g_clear_pointer (&self->point_lods, g_free);
  g_clear_pointer (&self->arc_far, g_free);
  g_clear_pointer (&self->ring_arcs, g_array_unref);
  g_clear_pointer (&self->ring_arc_starts, g_array_unref);
}

/* Picks the points of every arc that survive at level @l from the full
 * arcs, then joins them into rings. The full level's arcs must be there. */
static void
build_lod (BpSectorMap *self,
           guint        l)
{
  const Lod *full = &self->lods[N_LODS - 1];
  Lod *lod = &self->lods[l];
  const double *all = (const double *)full->arc_points->data;
  const guint *starts = (const guint *)full->arc_starts->data;
  guint n_written = 0;
  guint zero = 0;
  double *out;

  /* the full level keeps every point: only its rings are left to join */
  if (l == N_LODS - 1)
    {
      build_lod_rings (self, lod);
      return;
    }

  /* room for every point; cut to size when done */
  lod->arc_points = g_array_sized_new (FALSE, FALSE, sizeof (double), full->arc_points->len);
  g_array_set_size (lod->arc_points, full->arc_points->len);
  lod->arc_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n_arcs + 1);
  g_array_append_val (lod->arc_starts, zero);
  out = (double *)lod->arc_points->data;

  for (guint arc = 0; arc < self->n_arcs; arc++)
    {
      const double *xy = &all[starts[arc] * 2];
      const guint8 *point_lods = &self->point_lods[starts[arc]];
      guint n_points = starts[arc + 1] - starts[arc];
      guint far = self->arc_far[arc];
      guint n_kept = 0;
      double *dst = &out[n_written * 2];

      for (guint i = 0; i < n_points; i++)
        if (point_lods[i] <= l)
          {
            dst[n_kept * 2] = xy[i * 2];
            dst[n_kept * 2 + 1] = xy[i * 2 + 1];
            n_kept++;
          }

      /* a loop keeps three distinct points */
      if (far != 0 && n_kept < 4 && n_points >= 4)
        {
          guint third = 1;
          double third_d2 = -1.0;

          for (guint i = 1; i < n_points - 1; i++)
            {
              double d2 = segment_distance2 (xy[i * 2], xy[i * 2 + 1],
                                             xy[0], xy[1], xy[far * 2], xy[far * 2 + 1]);

              if (i != far && d2 > third_d2)
                {
                  third_d2 = d2;
                  third = i;
                }
            }

          n_kept = 0;
          for (guint i = 0; i < n_points; i++)
            if (point_lods[i] <= l || i == third)
              {
                dst[n_kept * 2] = xy[i * 2];
                dst[n_kept * 2 + 1] = xy[i * 2 + 1];
                n_kept++;
              }
        }

      n_written += n_kept;
      g_array_append_val (lod->arc_starts, n_written);
    }
  g_array_set_size (lod->arc_points, n_written * 2);

  build_lod_rings (self, lod);
}

/* Builds the level of detail on first use when the map was loaded with
 * %BP_SECTOR_MAP_LOAD_LAZY_LODS; the map may be read from several threads,
 * so the first caller builds it and the others wait. */
static inline const Lod *
get_lod (BpSectorMap *self,
         guint        l)
{
  Lod *lod = &self->lods[l];

  if (g_once_init_enter (&lod->built))
    {
      build_lod (self, l);
      g_once_init_leave (&lod->built, 1);
    }

  return lod;
}

typedef struct
{
  BpSectorMap *self;
  guint        lod;
} LodJob;

static gpointer
build_lod_thread (gpointer data)
{
  LodJob *job = data;

  build_lod (job->self, job->lod);
  return NULL;
}

static void
set_lod_tolerances (BpSectorMap *self)
{
  for (guint l = 0; l < N_LODS; l++)
    self->lods[l].tolerance = l < G_N_ELEMENTS (lod_zooms) ? TOLERANCE_PX / (256.0 * exp2 (lod_zooms[l])) : 0.0;
}

/* The coarse levels only read the full one's arcs, so they can be built
 * side by side: the finest of them, as big as the others together, on
 * another thread. */
static void
build_all_lods (BpSectorMap *self)
{
  LodJob job = { self, N_LODS - 2 };
  GThread *thread = g_thread_new ("bp-sector-map-lod", build_lod_thread, &job);

  for (guint l = 0; l < N_LODS; l++)
    if (l != N_LODS - 2 && !self->lods[l].built)
      build_lod (self, l);
  g_thread_join (thread);

  for (guint l = 0; l < N_LODS; l++)
    self->lods[l].built = 1;
  drop_lod_sources (self);
}

/* The coarsest level whose tolerance a point's importance is above, from
 * which on the point is kept: one byte a point instead of a double. */
static guint8
lod_of_importance (BpSectorMap *self,
                   double       importance)
{
  for (guint l = 0; l + 1 < N_LODS; l++)
    if (importance > self->lods[l].tolerance * self->lods[l].tolerance)
      return l;

  return N_LODS - 1;
}

/* Sets up the arcs of the full level of detail and what the coarse levels
 * are made from; the full rings are joined on first use, as the coarse
 * ones (see get_lod()). */
static void
build_full_lod (BpSectorMap *self,
                Builder     *b,
                Arcs        *a)
{
  const double *wx = (const double *)b->wx->data;
  const double *wy = (const double *)b->wy->data;
  const guint *vertices = (const guint *)a->arc_vertices->data;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree double *importance = NULL;
  Lod *full = &self->lods[N_LODS - 1];
  guint n_vertices = a->arc_vertices->len;
  guint longest = 1;
  double *xy_all;

  set_lod_tolerances (self);

  /* The full level keeps every point of every arc: its arc points double as
   * the input of the simplification of the coarser levels. */
  full->arc_points = g_array_sized_new (FALSE, FALSE, sizeof (double), n_vertices * 2);
  g_array_set_size (full->arc_points, n_vertices * 2);
  full->arc_starts = g_array_ref (a->arc_starts);
  xy_all = (double *)full->arc_points->data;
  for (guint i = 0; i < n_vertices; i++)
    {
      xy_all[i * 2] = wx[vertices[i]];
      xy_all[i * 2 + 1] = wy[vertices[i]];
    }

  for (guint arc = 0; arc < self->n_arcs; arc++)
    longest = MAX (longest, g_array_index (a->arc_starts, guint, arc + 1) - g_array_index (a->arc_starts, guint, arc));
  importance = g_new (double, longest);
  self->point_lods = g_new (guint8, MAX (n_vertices, 1));
  self->arc_far = g_new0 (guint, MAX (self->n_arcs, 1));

  for (guint arc = 0; arc < self->n_arcs; arc++)
    {
      guint s = g_array_index (a->arc_starts, guint, arc);
      guint t = g_array_index (a->arc_starts, guint, arc + 1);
      const guint *v = &vertices[s];
      const double *xy = &xy_all[s * 2];
      guint n_points = t - s;
      gboolean closed = v[0] == v[n_points - 1];

      if (closed && n_points >= 3)
        {
          double far_d2 = -1.0;
          guint far = 0;

          /* split a loop at the point farthest from its start */
          for (guint i = 1; i < n_points - 1; i++)
            {
              double dx = xy[i * 2] - xy[0], dy = xy[i * 2 + 1] - xy[1];

              if (dx * dx + dy * dy > far_d2)
                {
                  far_d2 = dx * dx + dy * dy;
                  far = i;
                }
            }
          self->arc_far[arc] = far;
          compute_importance (xy, 0, far, importance, stack);
          compute_importance (xy, far, n_points - 1, importance, stack);
        }
      else if (n_points >= 2)
        compute_importance (xy, 0, n_points - 1, importance, stack);
      else
        importance[0] = G_MAXDOUBLE;

      for (guint i = 0; i < n_points; i++)
        self->point_lods[s + i] = lod_of_importance (self, importance[i]);
    }

  self->ring_arcs = g_array_ref (a->ring_arcs);
  self->ring_arc_starts = g_array_ref (a->ring_arc_starts);
}

static void
lod_clear (Lod *lod)
{
  g_clear_pointer (&lod->ring_points, g_array_unref);
  g_clear_pointer (&lod->ring_starts, g_array_unref);
  g_clear_pointer (&lod->arc_points, g_array_unref);
  g_clear_pointer (&lod->arc_starts, g_array_unref);
}

static double
ring_area (const double *xy,
           guint         n)
{
  double area2 = 0.0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    area2 += xy[j * 2] * xy[i * 2 + 1] - xy[i * 2] * xy[j * 2 + 1];

  return area2 / 2.0;
}

/* The squared distance from a point to the nearest edge of a polygon, or -1
 * when the point lies outside it. */
static double
inside_distance2 (GPtrArray *rings,
                  guint      first_ring,
                  guint      n_rings,
                  double     px,
                  double     py)
{
  gboolean inside = FALSE;
  double min_d2 = G_MAXDOUBLE;

  for (guint r = 0; r < n_rings; r++)
    {
      GArray *ring = g_ptr_array_index (rings, first_ring + r);
      const double *q = (const double *)ring->data;
      guint m = ring->len / 2;

      if (m < 3)
        continue;
      if (ring_contains (q, m, px, py))
        inside = !inside;
      for (guint i = 0, j = m - 1; i < m; j = i++)
        min_d2 = MIN (min_d2, segment_distance2 (px, py, q[j * 2], q[j * 2 + 1], q[i * 2], q[i * 2 + 1]));
    }

  return inside ? min_d2 : -1.0;
}

/* A point well inside the largest polygon of @geometry, in world units: the
 * centroid of its outer ring when it is inside and not much closer to the
 * edge than the best point of a grid over the polygon. */
static void
compute_label_point (BpGeometry  *geometry,
                     double      *label_x,
                     double      *label_y,
                     BpWorldRect *bbox)
{
  g_autoptr(GPtrArray) rings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  guint best_polygon = 0;
  double best_area = -1.0;
  double cx = 0.0, cy = 0.0, area6 = 0.0;
  double best_d2 = -1.0, centroid_d2 = -1.0;
  BpWorldRect pbox;
  guint first_ring = 0;

  rect_empty (bbox);
  *label_x = *label_y = 0.0;

  for (guint p = 0; p < bp_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < bp_geometry_get_n_rings (geometry, p); r++)
      {
        guint n;
        const double *ll = bp_geometry_get_ring (geometry, p, r, &n);
        GArray *xy = g_array_sized_new (FALSE, FALSE, sizeof (double), n * 2);

        g_array_set_size (xy, n * 2);
        for (guint i = 0; i < n; i++)
          {
            double *pt = &g_array_index (xy, double, i * 2);

            bp_world_project (ll[i * 2], ll[i * 2 + 1], &pt[0], &pt[1]);
            rect_add (bbox, pt[0], pt[1]);
          }
        g_ptr_array_add (rings, xy);

        if (r == 0 && n >= 3 && fabs (ring_area ((double *)xy->data, n)) > best_area)
          {
            best_area = fabs (ring_area ((double *)xy->data, n));
            best_polygon = p;
          }
      }

  if (best_area < 0.0)
    return;

  for (guint p = 0; p < best_polygon; p++)
    first_ring += bp_geometry_get_n_rings (geometry, p);

  /* the search needs no detail finer than a few hundredths of the polygon */
  {
    double tolerance = hypot (bbox->max_x - bbox->min_x, bbox->max_y - bbox->min_y) / 150.0;
    g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (gboolean));
    g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint r = 0; r < bp_geometry_get_n_rings (geometry, best_polygon); r++)
      {
        GArray *ring = g_ptr_array_index (rings, first_ring + r);
        GArray *simple = g_array_new (FALSE, FALSE, sizeof (double));
        guint n = ring->len / 2;

        if (n < 4)
          {
            g_array_unref (simple);
            continue;
          }
        /* close the ring for the simplification, then open it again */
        {
          double first[2] = { g_array_index (ring, double, 0), g_array_index (ring, double, 1) };

          g_array_append_vals (ring, first, 2);
        }
        simplify_arc ((const double *)ring->data, n + 1, TRUE, tolerance, simple, keep, stack);
        g_array_set_size (simple, simple->len - 2);
        g_ptr_array_index (rings, first_ring + r) = simple;
        g_array_unref (ring);
      }
  }

  {
    GArray *outer = g_ptr_array_index (rings, first_ring);
    const double *xy = (const double *)outer->data;
    guint n = outer->len / 2;
    guint n_rings = bp_geometry_get_n_rings (geometry, best_polygon);

    rect_empty (&pbox);
    for (guint i = 0, j = n - 1; i < n; j = i++)
      {
        double f = xy[j * 2] * xy[i * 2 + 1] - xy[i * 2] * xy[j * 2 + 1];

        cx += (xy[j * 2] + xy[i * 2]) * f;
        cy += (xy[j * 2 + 1] + xy[i * 2 + 1]) * f;
        area6 += 3.0 * f;
        rect_add (&pbox, xy[i * 2], xy[i * 2 + 1]);
      }

    if (area6 != 0.0)
      {
        cx /= area6;
        cy /= area6;
        centroid_d2 = inside_distance2 (rings, first_ring, n_rings, cx, cy);
      }

    /* a coarse grid, then a finer one around its best point */
    for (guint pass = 0; pass < 2; pass++)
      {
        double cell_w = (pbox.max_x - pbox.min_x) / LABEL_GRID;
        double cell_h = (pbox.max_y - pbox.min_y) / LABEL_GRID;
        double x0 = pbox.min_x, y0 = pbox.min_y;

        if (pass == 1)
          {
            if (best_d2 < 0.0)
              break;
            x0 = *label_x - cell_w;
            y0 = *label_y - cell_h;
            cell_w = 2.0 * (pbox.max_x - pbox.min_x) / LABEL_GRID / LABEL_GRID;
            cell_h = 2.0 * (pbox.max_y - pbox.min_y) / LABEL_GRID / LABEL_GRID;
          }

        for (guint gy = 0; gy < LABEL_GRID; gy++)
          for (guint gx = 0; gx < LABEL_GRID; gx++)
            {
              double px = x0 + (gx + 0.5) * cell_w;
              double py = y0 + (gy + 0.5) * cell_h;
              double d2 = inside_distance2 (rings, first_ring, n_rings, px, py);

              if (d2 > best_d2)
                {
                  best_d2 = d2;
                  *label_x = px;
                  *label_y = py;
                }
            }
      }

    /* prefer the centroid when it is at least half as deep inside */
    if (centroid_d2 >= 0.0 && centroid_d2 >= best_d2 * 0.25)
      {
        *label_x = cx;
        *label_y = cy;
      }
    else if (best_d2 < 0.0)
      {
        *label_x = xy[0];
        *label_y = xy[1];
      }
  }
}

/* The bounding box compute_label_point() gives, without the label point:
 * its top left corner stands in for it. */
static void
compute_bbox (BpGeometry  *geometry,
              BpWorldRect *bbox,
              double      *label_x,
              double      *label_y)
{
  rect_empty (bbox);
  for (guint p = 0; p < bp_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < bp_geometry_get_n_rings (geometry, p); r++)
      {
        guint n;
        const double *ll = bp_geometry_get_ring (geometry, p, r, &n);

        for (guint i = 0; i < n; i++)
          {
            double x, y;

            bp_world_project (ll[i * 2], ll[i * 2 + 1], &x, &y);
            rect_add (bbox, x, y);
          }
      }

  *label_x = bbox->min_x <= bbox->max_x ? bbox->min_x : 0.0;
  *label_y = bbox->min_x <= bbox->max_x ? bbox->min_y : 0.0;
}

static const char *
dup_column_text (BpSectorMap  *self,
                 sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return g_string_chunk_insert (self->strings, text ? text : "");
}

static gboolean
read_sectors (BpSectorMap  *self,
              BpStore      *store,
              Builder      *b,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) sectors = g_array_new (FALSE, TRUE, sizeof (Sector));
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (!(stmt = _bp_store_prepare (store,
                                  "SELECT id, code, name_nl, parent_id, geometry_source, geometry,"
                                  "       CASE WHEN json_valid (properties)"
                                  "            THEN json_extract (properties, '$.geometry_cell_id') END,"
                                  "       wijk_id"
                                  " FROM area WHERE level = ? ORDER BY code",
                                  error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, BP_AREA_LEVEL_SECTOR);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Sector sector = { 0 };
      g_autoptr(BpGeometry) geometry = NULL;

      sector.id = sqlite3_column_int64 (stmt, 0);
      sector.code = dup_column_text (self, stmt, 1);
      sector.name = dup_column_text (self, stmt, 2);
      sector.municipality_id = sqlite3_column_int64 (stmt, 3);
      sector.wijk_id = sqlite3_column_int64 (stmt, 7);
      sector.geometry_source = dup_column_text (self, stmt, 4);
      sector.first_ring = b->rings->len;

      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          const char *cell = (const char *)sqlite3_column_text (stmt, 6);

          sector.cell = GPOINTER_TO_UINT (g_hash_table_lookup (cells, cell));
          if (sector.cell == 0)
            {
              sector.cell = g_hash_table_size (cells) + 1;
              g_hash_table_insert (cells, g_strdup (cell), GUINT_TO_POINTER (sector.cell));
            }
        }

      if (sqlite3_column_type (stmt, 5) == SQLITE_BLOB)
        {
          g_autoptr(GError) local_error = NULL;

          geometry = bp_geometry_decode (sqlite3_column_blob (stmt, 5),
                                         sqlite3_column_bytes (stmt, 5), &local_error);
          if (!geometry)
            {
              g_set_error (error, BP_SECTOR_MAP_ERROR, BP_SECTOR_MAP_ERROR_NO_SECTORS,
                           _("The outline of statistical sector %s in the store is damaged: %s"),
                           sector.code, local_error->message);
              return FALSE;
            }
        }

      for (guint p = 0; geometry && p < bp_geometry_get_n_polygons (geometry); p++)
        for (guint r = 0; r < bp_geometry_get_n_rings (geometry, p); r++)
          {
            guint n;
            const double *ll = bp_geometry_get_ring (geometry, p, r, &n);
            RawRing ring = { sectors->len, g_array_sized_new (FALSE, FALSE, sizeof (guint), n), r == 0 };

            for (guint i = 0; i < n; i++)
              {
                guint v = builder_add_vertex (b, ll[i * 2], ll[i * 2 + 1]);

                g_array_append_val (ring.vertices, v);
              }
            g_array_append_val (b->rings, ring);
          }

      sector.n_rings = b->rings->len - sector.first_ring;
      g_array_append_val (sectors, sector);
    }

  if (rc != SQLITE_DONE)
    {
      _bp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  self->n_sectors = sectors->len;
  self->sectors = (Sector *)g_array_free (g_steal_pointer (&sectors), FALSE);
  return TRUE;
}

static gboolean
read_areas (BpSectorMap           *self,
            BpStore               *store,
            Builder               *b,
            BpSectorMapLoadFlags   flags,
            GError               **error)
{
  g_autoptr(sqlite3_stmt) parents = NULL;
  g_autoptr(sqlite3_stmt) municipalities = NULL;
  g_autoptr(sqlite3_stmt) bounds = NULL;
  g_autoptr(GArray) areas = g_array_new (FALSE, TRUE, sizeof (AreaNode));
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (Municipality));
  g_autoptr(GArray) bound_list = g_array_new (FALSE, TRUE, sizeof (AreaBounds));
  int rc;

  if (!(parents = _bp_store_prepare (store,
                                     "SELECT id, parent_id, level, code FROM area WHERE level < ?"
                                     " ORDER BY level, code",
                                     error)) ||
      !(municipalities = _bp_store_prepare (store,
                                            "SELECT id, code, name_nl, parent_id, geometry"
                                            " FROM area WHERE level = ? ORDER BY code",
                                            error)) ||
      !(bounds = _bp_store_prepare (store,
                                    "SELECT a.level, a.code, b.min_lon, b.max_lon, b.min_lat, b.max_lat"
                                    " FROM area a JOIN area_bbox b ON b.id = a.id",
                                    error)))
    return FALSE;

  sqlite3_bind_int (parents, 1, BP_AREA_LEVEL_SECTOR);
  while ((rc = sqlite3_step (parents)) == SQLITE_ROW)
    {
      AreaNode area;

      area.id = sqlite3_column_int64 (parents, 0);
      area.parent_id = sqlite3_column_int64 (parents, 1);
      area.level = sqlite3_column_int (parents, 2);
      area.code = dup_column_text (self, parents, 3);
      g_array_append_val (areas, area);
      g_hash_table_insert (b->parents, g_memdup2 (&area.id, sizeof area.id),
                           g_memdup2 (&area.parent_id, sizeof area.parent_id));
    }
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  self->n_areas = areas->len;
  self->areas = (AreaNode *)g_array_free (g_steal_pointer (&areas), FALSE);

  sqlite3_bind_int (municipalities, 1, BP_AREA_LEVEL_MUNICIPALITY);
  while ((rc = sqlite3_step (municipalities)) == SQLITE_ROW)
    {
      Municipality m = { 0 };

      m.id = sqlite3_column_int64 (municipalities, 0);
      m.code = dup_column_text (self, municipalities, 1);
      m.name = dup_column_text (self, municipalities, 2);
      m.parent_id = sqlite3_column_int64 (municipalities, 3);
      rect_empty (&m.bbox);

      if (sqlite3_column_type (municipalities, 4) == SQLITE_BLOB)
        {
          g_autoptr(BpGeometry) geometry = NULL;

          geometry = bp_geometry_decode (sqlite3_column_blob (municipalities, 4),
                                         sqlite3_column_bytes (municipalities, 4), NULL);
          if (geometry && (flags & BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS))
            compute_bbox (geometry, &m.bbox, &m.label_x, &m.label_y);
          else if (geometry)
            compute_label_point (geometry, &m.label_x, &m.label_y, &m.bbox);
        }
      g_array_append_val (list, m);
    }
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  self->n_municipalities = list->len;
  self->municipalities = (Municipality *)g_array_free (g_steal_pointer (&list), FALSE);

  while ((rc = sqlite3_step (bounds)) == SQLITE_ROW)
    {
      AreaBounds area;

      area.level = sqlite3_column_int (bounds, 0);
      if ((guint)area.level >= BP_AREA_N_LEVELS)
        continue;

      area.code = dup_column_text (self, bounds, 1);
      area.bounds.min_lon = sqlite3_column_double (bounds, 2);
      area.bounds.max_lon = sqlite3_column_double (bounds, 3);
      area.bounds.min_lat = sqlite3_column_double (bounds, 4);
      area.bounds.max_lat = sqlite3_column_double (bounds, 5);
      g_array_append_val (bound_list, area);
    }
  if (rc != SQLITE_DONE)
    goto sqlite_error;

  self->n_area_bounds = bound_list->len;
  self->area_bound_list = (AreaBounds *)g_array_free (g_steal_pointer (&bound_list), FALSE);

  return TRUE;

sqlite_error:
  _bp_store_set_sqlite_error (store, error);
  return FALSE;
}

static void
build_index (BpSectorMap *self)
{
  const Lod *full = &self->lods[N_LODS - 1];
  const guint *ring_arc_starts = (const guint *)self->ring_arc_starts->data;
  const int *ring_arcs = (const int *)self->ring_arcs->data;
  g_autofree guint *fill = NULL;
  gsize n_cells = (gsize)GRID_SIZE * GRID_SIZE;
  GHashTable *municipality_index = g_hash_table_new (g_int64_hash, g_int64_equal);

  self->arc_bboxes = g_new (BpWorldRect, self->n_arcs);
  for (guint arc = 0; arc < self->n_arcs; arc++)
    {
      guint p0 = g_array_index (full->arc_starts, guint, arc);
      guint p1 = g_array_index (full->arc_starts, guint, arc + 1);

      rect_empty (&self->arc_bboxes[arc]);
      for (guint p = p0; p < p1; p++)
        rect_add (&self->arc_bboxes[arc],
                  g_array_index (full->arc_points, double, p * 2),
                  g_array_index (full->arc_points, double, p * 2 + 1));
    }

  for (guint m = 0; m < self->n_municipalities; m++)
    g_hash_table_insert (municipality_index, &self->municipalities[m].id, GUINT_TO_POINTER (m + 1));

  rect_empty (&self->world_bounds);
  self->sector_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->sector_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < self->n_sectors; s++)
    {
      Sector *sector = &self->sectors[s];

      /* a ring has the points of its arcs, so the same bounds, and the
       * full rings need not be joined for them */
      rect_empty (&sector->bbox);
      for (guint r = sector->first_ring; r < sector->first_ring + sector->n_rings; r++)
        for (guint k = ring_arc_starts[r]; k < ring_arc_starts[r + 1]; k++)
          rect_union (&sector->bbox, &self->arc_bboxes[ABS (ring_arcs[k]) - 1]);
      rect_union (&self->world_bounds, &sector->bbox);
      sector->municipality = GPOINTER_TO_UINT (g_hash_table_lookup (municipality_index,
                                                                    &sector->municipality_id)) - 1;
      g_hash_table_insert (self->sector_by_id, &sector->id, GUINT_TO_POINTER (s + 1));
      g_hash_table_insert (self->sector_by_code, (gpointer)sector->code, GUINT_TO_POINTER (s + 1));
    }
  g_hash_table_unref (municipality_index);

  for (guint i = 0; i < self->n_area_bounds; i++)
    g_hash_table_insert (self->area_bounds[self->area_bound_list[i].level],
                         (gpointer)self->area_bound_list[i].code, &self->area_bound_list[i]);

  if (self->world_bounds.min_x > self->world_bounds.max_x)
    self->world_bounds = (BpWorldRect) { 0.0, 0.0, 1.0, 1.0 };

  bp_world_unproject (self->world_bounds.min_x, self->world_bounds.max_y,
                      &self->bounds.min_lon, &self->bounds.min_lat);
  bp_world_unproject (self->world_bounds.max_x, self->world_bounds.min_y,
                      &self->bounds.max_lon, &self->bounds.max_lat);

  self->cell_w = MAX (self->world_bounds.max_x - self->world_bounds.min_x, 1e-12) / GRID_SIZE;
  self->cell_h = MAX (self->world_bounds.max_y - self->world_bounds.min_y, 1e-12) / GRID_SIZE;
  self->grid_starts = g_new0 (guint, n_cells + 1);

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (gsize c = 0; c < n_cells; c++)
            self->grid_starts[c + 1] += self->grid_starts[c];
          self->grid_items = g_new (guint, self->grid_starts[n_cells]);
          fill = g_memdup2 (self->grid_starts, (n_cells + 1) * sizeof (guint));
        }

      for (guint s = 0; s < self->n_sectors; s++)
        {
          const BpWorldRect *bbox = &self->sectors[s].bbox;
          int x0, x1, y0, y1;

          if (bbox->min_x > bbox->max_x)
            continue;

          x0 = CLAMP ((int)((bbox->min_x - self->world_bounds.min_x) / self->cell_w), 0, GRID_SIZE - 1);
          x1 = CLAMP ((int)((bbox->max_x - self->world_bounds.min_x) / self->cell_w), 0, GRID_SIZE - 1);
          y0 = CLAMP ((int)((bbox->min_y - self->world_bounds.min_y) / self->cell_h), 0, GRID_SIZE - 1);
          y1 = CLAMP ((int)((bbox->max_y - self->world_bounds.min_y) / self->cell_h), 0, GRID_SIZE - 1);

          for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
              {
                gsize cell = (gsize)y * GRID_SIZE + x;

                if (pass == 0)
                  self->grid_starts[cell + 1]++;
                else
                  self->grid_items[fill[cell]++] = s;
              }
        }
    }
}

/* Works out from the store's geometry_source which sectors have an
 * approximate outline, and how many sectors share each real area. */
static void
set_sector_origins (BpSectorMap *self)
{
  g_autofree guint *cell_sizes = NULL;
  guint n_cells = 0;

  for (guint s = 0; s < self->n_sectors; s++)
    {
      Sector *sector = &self->sectors[s];

      sector->is_approximate = bp_outline_origin_from_geometry_source (sector->geometry_source) ==
                               BP_OUTLINE_ORIGIN_APPROXIMATE;
      n_cells = MAX (n_cells, sector->cell);
    }

  cell_sizes = g_new0 (guint, n_cells + 1);
  for (guint s = 0; s < self->n_sectors; s++)
    cell_sizes[self->sectors[s].cell]++;
  for (guint s = 0; s < self->n_sectors; s++)
    self->sectors[s].cell_size = self->sectors[s].cell ? cell_sizes[self->sectors[s].cell] : 1;
}

/* Whether a line between sectors @s1 and @s2 is invented: both outlines
 * are approximate and cut from the same real area. The outline of a real
 * area, and so any boundary of a coarser area, is real. A sector whose
 * real area the store does not know is taken to share it. */
static gboolean
is_invented_line (BpSectorMap *self,
                  guint        s1,
                  guint        s2)
{
  const Sector *a = &self->sectors[s1], *b = &self->sectors[s2];

  return a->is_approximate && b->is_approximate &&
         (a->cell == b->cell || a->cell == 0 || b->cell == 0);
}

/* Marks the arcs that lie inside a real area, between approximate
 * outlines: the lines drawn where the real boundary is not known. An arc
 * with one sector along it gets that sector's mark for now;
 * demote_inner_outlines() settles it. Marks too the sector lines between
 * two neighbourhoods. */
static void
mark_approximate_arcs (BpSectorMap *self)
{
  const guint *ring_arc_starts = (const guint *)self->ring_arc_starts->data;
  const int *ring_arcs = (const int *)self->ring_arcs->data;
  g_autofree guint *first_sector = g_new (guint, MAX (self->n_arcs, 1));

  self->arc_approximate = g_new0 (guint8, MAX (self->n_arcs, 1));
  memset (first_sector, 0xff, MAX (self->n_arcs, 1) * sizeof (guint));

  for (guint s = 0; s < self->n_sectors; s++)
    {
      const Sector *sector = &self->sectors[s];

      for (guint r = sector->first_ring; r < sector->first_ring + sector->n_rings; r++)
        for (guint k = ring_arc_starts[r]; k < ring_arc_starts[r + 1]; k++)
          {
            guint arc = (guint)ABS (ring_arcs[k]) - 1;

            if (first_sector[arc] == G_MAXUINT)
              {
                first_sector[arc] = s;
                self->arc_approximate[arc] = sector->is_approximate;
              }
            else if (first_sector[arc] != s)
              {
                if (!is_invented_line (self, first_sector[arc], s))
                  self->arc_approximate[arc] &= ~ARC_APPROXIMATE;
                if (self->arc_levels[arc] == BP_AREA_LEVEL_SECTOR &&
                    self->sectors[first_sector[arc]].wijk_id != sector->wijk_id)
                  self->arc_approximate[arc] |= ARC_WIJK_EDGE;
              }
          }
    }

  for (guint arc = 0; arc < self->n_arcs; arc++)
    if (self->arc_levels[arc] != BP_AREA_LEVEL_SECTOR && !self->arc_one_sided[arc])
      self->arc_approximate[arc] = FALSE;
}

/* An arc with sectors on one side only is the outline of the whole map,
 * unless a sector lies just across it: then it is a seam where neighbouring
 * (synthetic) outlines do not share their vertices, and it is drawn as a
 * sector edge. */
#define SEAM_PROBE 2e-7 /* world units, about 5 m in Flanders */

static void
demote_inner_outlines (BpSectorMap *self)
{
  const Lod *full = &self->lods[N_LODS - 1];

  for (guint arc = 0; arc < self->n_arcs; arc++)
    {
      guint p0 = g_array_index (full->arc_starts, guint, arc);
      guint p1 = g_array_index (full->arc_starts, guint, arc + 1);
      const double *xy = &g_array_index (full->arc_points, double, p0 * 2);
      guint n = p1 - p0, longest = 0;
      double longest_len = -1.0, dx, dy, len, mx, my;
      gboolean is_approximate;
      int left, right;

      if (self->arc_levels[arc] != BP_AREA_LEVEL_REGION || !self->arc_one_sided[arc])
        continue;

      /* the outline of the map is real, unless found to be a seam below */
      is_approximate = self->arc_approximate[arc];
      self->arc_approximate[arc] = FALSE;
      if (n < 2)
        continue;

      for (guint i = 0; i + 1 < n; i++)
        {
          double l = hypot (xy[i * 2 + 2] - xy[i * 2], xy[i * 2 + 3] - xy[i * 2 + 1]);

          if (l > longest_len)
            {
              longest_len = l;
              longest = i;
            }
        }

      dx = xy[longest * 2 + 2] - xy[longest * 2];
      dy = xy[longest * 2 + 3] - xy[longest * 2 + 1];
      len = hypot (dx, dy);
      if (len == 0.0)
        continue;
      mx = xy[longest * 2] + dx / 2.0;
      my = xy[longest * 2 + 1] + dy / 2.0;

      left = bp_sector_map_hit_test (self, mx - dy / len * SEAM_PROBE, my + dx / len * SEAM_PROBE);
      right = bp_sector_map_hit_test (self, mx + dy / len * SEAM_PROBE, my - dx / len * SEAM_PROBE);
      if (left >= 0 && right >= 0)
        {
          self->arc_levels[arc] = BP_AREA_LEVEL_SECTOR;
          self->arc_approximate[arc] = is_approximate && is_invented_line (self, left, right);
        }
    }

  g_clear_pointer (&self->arc_one_sided, g_free);
}

static void
bp_sector_map_finalize (GObject *object)
{
  BpSectorMap *self = (BpSectorMap *)object;

  g_clear_pointer (&self->sectors, g_free);
  g_clear_pointer (&self->municipalities, g_free);
  g_clear_pointer (&self->areas, g_free);
  g_clear_pointer (&self->area_bound_list, g_free);
  g_clear_pointer (&self->sector_by_id, g_hash_table_unref);
  g_clear_pointer (&self->sector_by_code, g_hash_table_unref);
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    g_clear_pointer (&self->area_bounds[l], g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->string_block, g_free);
  for (guint l = 0; l < N_LODS; l++)
    lod_clear (&self->lods[l]);
  drop_lod_sources (self);
  g_clear_pointer (&self->arc_levels, g_free);
  g_clear_pointer (&self->arc_approximate, g_free);
  g_clear_pointer (&self->arc_one_sided, g_free);
  g_clear_pointer (&self->arc_bboxes, g_free);
  g_clear_pointer (&self->grid_starts, g_free);
  g_clear_pointer (&self->grid_items, g_free);

  G_OBJECT_CLASS (bp_sector_map_parent_class)->finalize (object);
}

static void
bp_sector_map_class_init (BpSectorMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_sector_map_finalize;
}

static void
bp_sector_map_init (BpSectorMap *self)
{
  for (guint l = 0; l < BP_AREA_N_LEVELS; l++)
    self->area_bounds[l] = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Builds the map from the outlines of the areas in @store: everything but
 * the coarse levels of detail. */
static BpSectorMap *
build_map (BpStore               *store,
           BpSectorMapLoadFlags   flags,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(BpSectorMap) self = NULL;
  g_autoptr(GArray) levels = NULL;
  g_autoptr(GArray) one_sided = NULL;
  Builder b = { 0 };
  Edges e = { 0 };
  Arcs a = { 0 };
  gboolean ok = FALSE;
  gint64 started = g_get_monotonic_time ();

  self = g_object_new (BP_TYPE_SECTOR_MAP, NULL);
  self->strings = g_string_chunk_new (64 * 1024);
  self->has_label_points = !(flags & BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS);
  b.rings = g_array_new (FALSE, FALSE, sizeof (RawRing));
  g_array_set_clear_func (b.rings, raw_ring_clear);
  /* Sized for the about 150,000 distinct vertices of Flanders and Brussels:
   * growing copies everything into fresh memory, and page faults are much
   * of the load time. Room not written to costs nothing. */
  b.vx = g_array_sized_new (FALSE, FALSE, sizeof (int), EXPECTED_VERTICES);
  b.vy = g_array_sized_new (FALSE, FALSE, sizeof (int), EXPECTED_VERTICES);
  b.wx = g_array_sized_new (FALSE, FALSE, sizeof (double), EXPECTED_VERTICES);
  b.wy = g_array_sized_new (FALSE, FALSE, sizeof (double), EXPECTED_VERTICES);
  b.parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  i64_map_init (&b.vertex_map, EXPECTED_VERTICES);
  levels = g_array_new (FALSE, FALSE, sizeof (guint8));
  one_sided = g_array_new (FALSE, FALSE, sizeof (gboolean));

#define LAP(what) g_debug ("%s: %.0f ms", what, (g_get_monotonic_time () - started) / 1000.0)
  if (!read_sectors (self, store, &b, error))
    goto out;
  set_sector_origins (self);
  LAP ("sectors read");
  if (!read_areas (self, store, &b, flags, error) ||
      !bp_store_get_outline_summary (store, &self->summary, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (self->n_sectors == 0)
    {
      g_set_error (error, BP_SECTOR_MAP_ERROR, BP_SECTOR_MAP_ERROR_NO_SECTORS,
                   _("The store holds no statistical sectors. Import the reference areas first."));
      goto out;
    }

  LAP ("areas read");
  i64_map_clear (&b.vertex_map);
  node_rings (&b);
  LAP ("noded");
  normalise_rings (&b);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  build_edges (&b, &e);
  LAP ("edges");
  build_arcs (self, &b, &e, &a, levels, one_sided);
  LAP ("arcs");
  self->n_rings = b.rings->len;
  self->n_arcs = levels->len;
  self->arc_levels = (guint8 *)g_array_free (g_steal_pointer (&levels), FALSE);
  self->arc_one_sided = (gboolean *)g_array_free (g_steal_pointer (&one_sided), FALSE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  build_full_lod (self, &b, &a);
  LAP ("full level of detail");
  build_index (self);
  mark_approximate_arcs (self);
  demote_inner_outlines (self);
  LAP ("index");
#undef LAP
  ok = TRUE;

out:
  i64_map_clear (&b.vertex_map);
  g_clear_pointer (&b.rings, g_array_unref);
  g_clear_pointer (&b.vx, g_array_unref);
  g_clear_pointer (&b.vy, g_array_unref);
  g_clear_pointer (&b.wx, g_array_unref);
  g_clear_pointer (&b.wy, g_array_unref);
  g_clear_pointer (&b.parents, g_hash_table_unref);
  edges_clear (&e);
  arcs_clear (&a);

  return ok ? g_steal_pointer (&self) : NULL;
}

/* ---- the cache in the store ---- */

/* A built map is kept in the store's sector_map_cache table as one blob in
 * this machine's byte order: a header, then arrays that are copied back
 * as they are. Triggers on the area table empty the cache whenever the
 * outlines, names or hierarchy change (see migration 5 in bp-store.c).
 * Bump CACHE_FORMAT when what is built or how it is laid out changes; the
 * header's params catch a changed tolerance. */
#define CACHE_FORMAT     3
#define CACHE_MAGIC      "BpSecMap"
#define CACHE_BYTE_ORDER 0x01020304
#define N_CACHE_PARAMS   (N_LODS + 4)

typedef struct
{
  char    magic[8];
  guint32 format;
  guint32 byte_order;
  double  params[N_CACHE_PARAMS];
  guint32 n_sectors;
  guint32 n_municipalities;
  guint32 n_areas;
  guint32 n_area_bounds;
  guint32 n_rings;
  guint32 n_arcs;
  guint32 n_arc_points;
  guint32 n_ring_arcs;
  guint32 strings_size;
  guint32 summary[4];
  guint32 has_label_points;
} CacheHeader;

typedef struct
{
  gint64  id;
  gint64  municipality_id;
  guint32 first_ring;
  guint32 n_rings;
  guint32 cell;
  guint32 reserved;
} CachedSector;

typedef struct
{
  gint64      id;
  gint64      parent_id;
  double      label_x;
  double      label_y;
  BpWorldRect bbox;
} CachedMunicipality;

typedef struct
{
  gint64  id;
  gint64  parent_id;
  guint32 level;
  guint32 reserved;
} CachedArea;

typedef struct
{
  BpBounds bounds;
  guint32  level;
  guint32  reserved;
} CachedAreaBounds;

G_STATIC_ASSERT (sizeof (CacheHeader) % 8 == 0);
G_STATIC_ASSERT (sizeof (guint) == sizeof (guint32) && sizeof (int) == sizeof (gint32));

/* The arrays after the header, in order, each padded to 8 bytes. */
enum
{
  SECTION_SECTORS,
  SECTION_MUNICIPALITIES,
  SECTION_AREAS,
  SECTION_AREA_BOUNDS,
  SECTION_ARC_STARTS,
  SECTION_ARC_FAR,
  SECTION_RING_ARC_STARTS,
  SECTION_RING_ARCS,
  SECTION_ARC_LEVELS,
  SECTION_ARC_APPROXIMATE,
  SECTION_ARC_POINTS,
  SECTION_POINT_LODS,
  SECTION_STRINGS,
  N_SECTIONS
};

static void
fill_cache_params (double *params)
{
  for (guint l = 0; l < N_LODS; l++)
    params[l] = l < G_N_ELEMENTS (lod_zooms) ? TOLERANCE_PX / (256.0 * exp2 (lod_zooms[l])) : 0.0;
  params[N_LODS] = MICRO;
  params[N_LODS + 1] = NODE_EPSILON;
  params[N_LODS + 2] = SEAM_PROBE;
  params[N_LODS + 3] = LABEL_GRID;
}

/* Returns the size of the whole blob. */
static gsize
get_section_sizes (const CacheHeader *header,
                   gsize             *sizes)
{
  gsize total = sizeof (CacheHeader);

  sizes[SECTION_SECTORS] = (gsize)header->n_sectors * sizeof (CachedSector);
  sizes[SECTION_MUNICIPALITIES] = (gsize)header->n_municipalities * sizeof (CachedMunicipality);
  sizes[SECTION_AREAS] = (gsize)header->n_areas * sizeof (CachedArea);
  sizes[SECTION_AREA_BOUNDS] = (gsize)header->n_area_bounds * sizeof (CachedAreaBounds);
  sizes[SECTION_ARC_STARTS] = ((gsize)header->n_arcs + 1) * sizeof (guint32);
  sizes[SECTION_ARC_FAR] = (gsize)header->n_arcs * sizeof (guint32);
  sizes[SECTION_RING_ARC_STARTS] = ((gsize)header->n_rings + 1) * sizeof (guint32);
  sizes[SECTION_RING_ARCS] = (gsize)header->n_ring_arcs * sizeof (gint32);
  sizes[SECTION_ARC_LEVELS] = header->n_arcs;
  sizes[SECTION_ARC_APPROXIMATE] = header->n_arcs;
  sizes[SECTION_ARC_POINTS] = (gsize)header->n_arc_points * 2 * sizeof (double);
  sizes[SECTION_POINT_LODS] = header->n_arc_points;
  sizes[SECTION_STRINGS] = header->strings_size;

  for (guint i = 0; i < N_SECTIONS; i++)
    total += (sizes[i] + 7) & ~(gsize)7;

  return total;
}

/* Hands out the strings of the cache's string block in order. */
typedef struct
{
  const char *next;
} StringReader;

static const char *
read_string (StringReader *reader)
{
  const char *text = reader->next;

  reader->next += strlen (text) + 1;
  return text;
}

/* Checks every count and index of a cache read from the store, so that a
 * damaged file makes the map be rebuilt rather than read out of bounds. */
static gboolean
check_cache (const CacheHeader        *header,
             const CachedSector       *sectors,
             const CachedArea         *areas,
             const CachedAreaBounds   *area_bounds,
             const guint32            *arc_starts,
             const guint32            *arc_far,
             const guint32            *ring_arc_starts,
             const gint32             *ring_arcs,
             const guint8             *arc_levels,
             const guint8             *arc_approximate,
             const guint8             *point_lods,
             const char               *strings)
{
  gsize n_strings = 0, expected_strings;

  if (header->n_sectors == 0 || arc_starts[0] != 0 || ring_arc_starts[0] != 0 ||
      arc_starts[header->n_arcs] != header->n_arc_points ||
      ring_arc_starts[header->n_rings] != header->n_ring_arcs)
    return FALSE;

  for (guint arc = 0; arc < header->n_arcs; arc++)
    if ((guint64)arc_starts[arc + 1] < (guint64)arc_starts[arc] + 2 ||
        arc_far[arc] >= arc_starts[arc + 1] - arc_starts[arc] ||
        arc_levels[arc] >= BP_AREA_N_LEVELS || arc_approximate[arc] > (ARC_APPROXIMATE | ARC_WIJK_EDGE))
      return FALSE;

  for (guint r = 0; r < header->n_rings; r++)
    if (ring_arc_starts[r + 1] < ring_arc_starts[r])
      return FALSE;

  for (guint i = 0; i < header->n_arc_points; i++)
    if (point_lods[i] >= N_LODS)
      return FALSE;

  for (guint k = 0; k < header->n_ring_arcs; k++)
    if (ring_arcs[k] == 0 || ring_arcs[k] == G_MININT32 || (guint)ABS (ring_arcs[k]) > header->n_arcs)
      return FALSE;

  for (guint s = 0; s < header->n_sectors; s++)
    if (sectors[s].first_ring > header->n_rings || sectors[s].n_rings > header->n_rings - sectors[s].first_ring ||
        sectors[s].cell > header->n_sectors)
      return FALSE;

  for (guint i = 0; i < header->n_areas; i++)
    if (areas[i].level >= BP_AREA_LEVEL_SECTOR)
      return FALSE;

  for (guint i = 0; i < header->n_area_bounds; i++)
    if (area_bounds[i].level >= BP_AREA_N_LEVELS)
      return FALSE;

  expected_strings = (gsize)header->n_sectors * 3 + (gsize)header->n_municipalities * 2 +
                     header->n_areas + header->n_area_bounds;
  if (header->strings_size == 0 || strings[header->strings_size - 1] != '\0')
    return FALSE;
  for (gsize i = 0; i < header->strings_size; i++)
    n_strings += strings[i] == '\0';

  return n_strings == expected_strings;
}

/* Reads the map from the cache in @store, or returns %NULL when there is
 * none for this build or it does not check out. */
static BpSectorMap *
read_cache (BpStore *store)
{
  g_autoptr(BpSectorMap) self = NULL;
  g_autofree CachedSector *sectors = NULL;
  g_autofree CachedMunicipality *municipalities = NULL;
  g_autofree CachedArea *areas = NULL;
  g_autofree CachedAreaBounds *area_bounds = NULL;
  sqlite3_blob *blob = NULL;
  CacheHeader header;
  double params[N_CACHE_PARAMS];
  gsize sizes[N_SECTIONS];
  gpointer targets[N_SECTIONS];
  Lod *full;
  StringReader reader;
  gsize offset;
  int rc;

  if (sqlite3_blob_open (_bp_store_get_db (store), "main", "sector_map_cache", "data",
                         CACHE_FORMAT, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return NULL;
    }

  fill_cache_params (params);
  if (sqlite3_blob_bytes (blob) < (int)sizeof header ||
      sqlite3_blob_read (blob, &header, sizeof header, 0) != SQLITE_OK ||
      memcmp (header.magic, CACHE_MAGIC, sizeof header.magic) != 0 ||
      header.format != CACHE_FORMAT || header.byte_order != CACHE_BYTE_ORDER ||
      memcmp (header.params, params, sizeof params) != 0 ||
      get_section_sizes (&header, sizes) != (gsize)sqlite3_blob_bytes (blob))
    {
      g_debug ("The sector map cache is from another build; rebuilding");
      sqlite3_blob_close (blob);
      return NULL;
    }

  self = g_object_new (BP_TYPE_SECTOR_MAP, NULL);
  full = &self->lods[N_LODS - 1];
  sectors = g_new (CachedSector, header.n_sectors);
  municipalities = g_new (CachedMunicipality, header.n_municipalities);
  areas = g_new (CachedArea, header.n_areas);
  area_bounds = g_new (CachedAreaBounds, header.n_area_bounds);
  full->arc_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), header.n_arcs + 1);
  g_array_set_size (full->arc_starts, header.n_arcs + 1);
  self->arc_far = g_new (guint, MAX (header.n_arcs, 1));
  self->ring_arc_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), header.n_rings + 1);
  g_array_set_size (self->ring_arc_starts, header.n_rings + 1);
  self->ring_arcs = g_array_sized_new (FALSE, FALSE, sizeof (int), header.n_ring_arcs);
  g_array_set_size (self->ring_arcs, header.n_ring_arcs);
  self->arc_levels = g_new (guint8, MAX (header.n_arcs, 1));
  self->arc_approximate = g_new (guint8, MAX (header.n_arcs, 1));
  full->arc_points = g_array_sized_new (FALSE, FALSE, sizeof (double), (gsize)header.n_arc_points * 2);
  g_array_set_size (full->arc_points, header.n_arc_points * 2);
  self->point_lods = g_new (guint8, MAX (header.n_arc_points, 1));
  self->string_block = g_malloc (MAX (header.strings_size, 1));

  targets[SECTION_SECTORS] = sectors;
  targets[SECTION_MUNICIPALITIES] = municipalities;
  targets[SECTION_AREAS] = areas;
  targets[SECTION_AREA_BOUNDS] = area_bounds;
  targets[SECTION_ARC_STARTS] = full->arc_starts->data;
  targets[SECTION_ARC_FAR] = self->arc_far;
  targets[SECTION_RING_ARC_STARTS] = self->ring_arc_starts->data;
  targets[SECTION_RING_ARCS] = self->ring_arcs->data;
  targets[SECTION_ARC_LEVELS] = self->arc_levels;
  targets[SECTION_ARC_APPROXIMATE] = self->arc_approximate;
  targets[SECTION_ARC_POINTS] = full->arc_points->data;
  targets[SECTION_POINT_LODS] = self->point_lods;
  targets[SECTION_STRINGS] = self->string_block;

  /* straight into the arrays: the blob is megabytes */
  rc = SQLITE_OK;
  offset = sizeof header;
  for (guint i = 0; i < N_SECTIONS && rc == SQLITE_OK; i++)
    {
      if (sizes[i] > 0)
        rc = sqlite3_blob_read (blob, targets[i], (int)sizes[i], (int)offset);
      offset += (sizes[i] + 7) & ~(gsize)7;
    }
  sqlite3_blob_close (blob);

  if (rc != SQLITE_OK ||
      !check_cache (&header, sectors, areas, area_bounds,
                    (const guint32 *)full->arc_starts->data, self->arc_far,
                    (const guint32 *)self->ring_arc_starts->data, (const gint32 *)self->ring_arcs->data,
                    self->arc_levels, self->arc_approximate, self->point_lods, self->string_block))
    {
      g_debug ("The sector map cache is damaged; rebuilding");
      return NULL;
    }

  reader.next = self->string_block;

  self->n_sectors = header.n_sectors;
  self->sectors = g_new0 (Sector, header.n_sectors);
  for (guint s = 0; s < header.n_sectors; s++)
    {
      Sector *sector = &self->sectors[s];

      sector->id = sectors[s].id;
      sector->municipality_id = sectors[s].municipality_id;
      sector->first_ring = sectors[s].first_ring;
      sector->n_rings = sectors[s].n_rings;
      sector->cell = sectors[s].cell;
      sector->code = read_string (&reader);
      sector->name = read_string (&reader);
      sector->geometry_source = read_string (&reader);
    }
  set_sector_origins (self);

  self->n_municipalities = header.n_municipalities;
  self->municipalities = g_new0 (Municipality, MAX (header.n_municipalities, 1));
  for (guint m = 0; m < header.n_municipalities; m++)
    {
      Municipality *municipality = &self->municipalities[m];

      municipality->id = municipalities[m].id;
      municipality->parent_id = municipalities[m].parent_id;
      municipality->label_x = municipalities[m].label_x;
      municipality->label_y = municipalities[m].label_y;
      municipality->bbox = municipalities[m].bbox;
      municipality->code = read_string (&reader);
      municipality->name = read_string (&reader);
    }

  self->n_areas = header.n_areas;
  self->areas = g_new0 (AreaNode, MAX (header.n_areas, 1));
  for (guint i = 0; i < header.n_areas; i++)
    {
      self->areas[i].id = areas[i].id;
      self->areas[i].parent_id = areas[i].parent_id;
      self->areas[i].level = areas[i].level;
      self->areas[i].code = read_string (&reader);
    }

  self->n_area_bounds = header.n_area_bounds;
  self->area_bound_list = g_new0 (AreaBounds, MAX (header.n_area_bounds, 1));
  for (guint i = 0; i < header.n_area_bounds; i++)
    {
      self->area_bound_list[i].bounds = area_bounds[i].bounds;
      self->area_bound_list[i].level = area_bounds[i].level;
      self->area_bound_list[i].code = read_string (&reader);
    }

  self->summary.n_sectors = header.summary[0];
  self->summary.n_real = header.summary[1];
  self->summary.n_unverified = header.summary[2];
  self->summary.n_approximate = header.summary[3];
  self->has_label_points = header.has_label_points != 0;
  self->n_rings = header.n_rings;
  self->n_arcs = header.n_arcs;

  set_lod_tolerances (self);
  build_index (self);

  return g_steal_pointer (&self);
}

/* Finds the label points of a map read from a cache that was written by a
 * load without them. */
static gboolean
add_label_points (BpSectorMap *self,
                  BpStore     *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint m = 0;
  int rc;

  if (!(stmt = _bp_store_prepare (store, "SELECT id, geometry FROM area WHERE level = ? ORDER BY code", NULL)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, BP_AREA_LEVEL_MUNICIPALITY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Municipality *municipality;

      if (m >= self->n_municipalities || sqlite3_column_int64 (stmt, 0) != self->municipalities[m].id)
        return FALSE;

      municipality = &self->municipalities[m++];
      if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
        {
          g_autoptr(BpGeometry) geometry = NULL;

          geometry = bp_geometry_decode (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), NULL);
          if (geometry)
            compute_label_point (geometry, &municipality->label_x, &municipality->label_y, &municipality->bbox);
        }
    }

  if (rc != SQLITE_DONE || m != self->n_municipalities)
    return FALSE;

  self->has_label_points = TRUE;
  return TRUE;
}

static void
append_string (GString    *strings,
               const char *text)
{
  g_string_append_len (strings, text, strlen (text) + 1);
}

/* Writes a map to the cache in @store, inside the caller's read
 * transaction; the caller commits. Returns %FALSE when the store cannot be
 * written now: read-only, locked by another writer, or changed since the
 * map was read (SQLITE_BUSY_SNAPSHOT). */
static gboolean
write_cache (BpSectorMap *self,
             BpStore     *store)
{
  sqlite3 *db = _bp_store_get_db (store);
  const Lod *full = &self->lods[N_LODS - 1];
  g_autofree CachedSector *sectors = g_new0 (CachedSector, self->n_sectors);
  g_autofree CachedMunicipality *municipalities = g_new0 (CachedMunicipality, MAX (self->n_municipalities, 1));
  g_autofree CachedArea *areas = g_new0 (CachedArea, MAX (self->n_areas, 1));
  g_autofree CachedAreaBounds *area_bounds = g_new0 (CachedAreaBounds, MAX (self->n_area_bounds, 1));
  g_autoptr(GString) strings = g_string_sized_new (512 * 1024);
  g_autoptr(sqlite3_stmt) timeout = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_blob *blob = NULL;
  CacheHeader header;
  gsize sizes[N_SECTIONS];
  gconstpointer sources[N_SECTIONS];
  gsize total, offset;
  int busy_timeout = 0;
  int rc;

  g_assert (self->point_lods != NULL);

  for (guint s = 0; s < self->n_sectors; s++)
    {
      sectors[s].id = self->sectors[s].id;
      sectors[s].municipality_id = self->sectors[s].municipality_id;
      sectors[s].first_ring = self->sectors[s].first_ring;
      sectors[s].n_rings = self->sectors[s].n_rings;
      sectors[s].cell = self->sectors[s].cell;
      append_string (strings, self->sectors[s].code);
      append_string (strings, self->sectors[s].name);
      append_string (strings, self->sectors[s].geometry_source);
    }
  for (guint m = 0; m < self->n_municipalities; m++)
    {
      municipalities[m].id = self->municipalities[m].id;
      municipalities[m].parent_id = self->municipalities[m].parent_id;
      municipalities[m].label_x = self->municipalities[m].label_x;
      municipalities[m].label_y = self->municipalities[m].label_y;
      municipalities[m].bbox = self->municipalities[m].bbox;
      append_string (strings, self->municipalities[m].code);
      append_string (strings, self->municipalities[m].name);
    }
  for (guint i = 0; i < self->n_areas; i++)
    {
      areas[i].id = self->areas[i].id;
      areas[i].parent_id = self->areas[i].parent_id;
      areas[i].level = self->areas[i].level;
      append_string (strings, self->areas[i].code);
    }
  for (guint i = 0; i < self->n_area_bounds; i++)
    {
      area_bounds[i].bounds = self->area_bound_list[i].bounds;
      area_bounds[i].level = self->area_bound_list[i].level;
      append_string (strings, self->area_bound_list[i].code);
    }

  memset (&header, 0, sizeof header);
  memcpy (header.magic, CACHE_MAGIC, sizeof header.magic);
  header.format = CACHE_FORMAT;
  header.byte_order = CACHE_BYTE_ORDER;
  fill_cache_params (header.params);
  header.n_sectors = self->n_sectors;
  header.n_municipalities = self->n_municipalities;
  header.n_areas = self->n_areas;
  header.n_area_bounds = self->n_area_bounds;
  header.n_rings = self->n_rings;
  header.n_arcs = self->n_arcs;
  header.n_arc_points = full->arc_points->len / 2;
  header.n_ring_arcs = self->ring_arcs->len;
  header.strings_size = strings->len;
  header.summary[0] = self->summary.n_sectors;
  header.summary[1] = self->summary.n_real;
  header.summary[2] = self->summary.n_unverified;
  header.summary[3] = self->summary.n_approximate;
  header.has_label_points = self->has_label_points;

  total = get_section_sizes (&header, sizes);
  if (total > G_MAXINT)
    return FALSE;

  sources[SECTION_SECTORS] = sectors;
  sources[SECTION_MUNICIPALITIES] = municipalities;
  sources[SECTION_AREAS] = areas;
  sources[SECTION_AREA_BOUNDS] = area_bounds;
  sources[SECTION_ARC_STARTS] = full->arc_starts->data;
  sources[SECTION_ARC_FAR] = self->arc_far;
  sources[SECTION_RING_ARC_STARTS] = self->ring_arc_starts->data;
  sources[SECTION_RING_ARCS] = self->ring_arcs->data;
  sources[SECTION_ARC_LEVELS] = self->arc_levels;
  sources[SECTION_ARC_APPROXIMATE] = self->arc_approximate;
  sources[SECTION_ARC_POINTS] = full->arc_points->data;
  sources[SECTION_POINT_LODS] = self->point_lods;
  sources[SECTION_STRINGS] = strings->str;

  /* The cache is not worth waiting for: when another connection holds the
   * write lock, it has likely changed the store since this snapshot too. */
  if ((timeout = _bp_store_prepare (store, "PRAGMA busy_timeout", NULL)) &&
      sqlite3_step (timeout) == SQLITE_ROW)
    busy_timeout = sqlite3_column_int (timeout, 0);
  sqlite3_busy_timeout (db, 0);

  rc = sqlite3_exec (db, "DELETE FROM sector_map_cache", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      if (!(insert = _bp_store_prepare (store, "INSERT INTO sector_map_cache (format, data) VALUES (?, zeroblob (?))",
                                        NULL)))
        rc = SQLITE_ERROR;
      else
        {
          sqlite3_bind_int (insert, 1, CACHE_FORMAT);
          sqlite3_bind_int (insert, 2, (int)total);
          rc = sqlite3_step (insert);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_blob_open (db, "main", "sector_map_cache", "data", CACHE_FORMAT, 1, &blob);
  if (rc == SQLITE_OK)
    rc = sqlite3_blob_write (blob, &header, sizeof header, 0);

  offset = sizeof header;
  for (guint i = 0; i < N_SECTIONS && rc == SQLITE_OK; i++)
    {
      if (sizes[i] > 0)
        rc = sqlite3_blob_write (blob, sources[i], (int)sizes[i], (int)offset);
      offset += (sizes[i] + 7) & ~(gsize)7;
    }
  if (blob && sqlite3_blob_close (blob) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_ERROR;

  sqlite3_busy_timeout (db, busy_timeout);

  if (rc != SQLITE_OK)
    {
      g_debug ("Could not keep the sector map in the store: %s", sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

/**
 * bp_sector_map_load:
 * @store: a #BpStore holding the reference areas
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every statistical sector and the municipalities, care zones,
 * provinces and regions above them, projects them to world units and builds
 * the simplified outlines and the spatial index. Takes about a third of a
 * second for the 10,594 sectors of Flanders and Brussels, and a third of
 * that once the store keeps the built map (see
 * bp_sector_map_load_with_flags()); see also bp_sector_map_load_async().
 *
 * The result never changes, so it may be read from several threads.
 *
 * Returns: (transfer full): the sector map, or %NULL with @error set
 */
BpSectorMap *
bp_sector_map_load (BpStore       *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return bp_sector_map_load_with_flags (store, BP_SECTOR_MAP_LOAD_DEFAULT, cancellable, error);
}

/**
 * bp_sector_map_load_with_flags:
 * @store: a #BpStore
 * @flags: what may be left out or built later
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like bp_sector_map_load(), for callers that need less than the whole map,
 * such as `brandpunt-tool render-map`, which draws a single level of detail
 * once. With %BP_SECTOR_MAP_LOAD_LAZY_LODS the coarse levels of detail are
 * simplified when first asked for, and are the same as those built eagerly;
 * with %BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS a municipality's label point may
 * be its bounding box's corner (its bounds are still right).
 *
 * Unless @flags has %BP_SECTOR_MAP_LOAD_NO_CACHE, the built map is kept in
 * the store and read back from there, the same, by later loads, until the
 * areas change. A store that cannot be written just now (read-only, or
 * another connection is writing) is read as usual and keeps no cache.
 *
 * Returns: (transfer full): the sector map, or %NULL with @error set
 */
BpSectorMap *
bp_sector_map_load_with_flags (BpStore               *store,
                               BpSectorMapLoadFlags   flags,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_autoptr(BpSectorMap) self = NULL;
  gboolean use_cache = !(flags & BP_SECTOR_MAP_LOAD_NO_CACHE);
  gboolean in_snapshot = FALSE;
  gboolean written = FALSE;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (BP_IS_STORE (store), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  /* One read transaction for the whole load, so that the outlines, the
   * areas and the cache are read as of one moment, and so that writing the
   * cache fails rather than keep a map of outlines that another connection
   * has replaced meanwhile. A caller's own transaction is left alone. */
  if (sqlite3_get_autocommit (_bp_store_get_db (store)))
    {
      if (!_bp_store_exec (store, "BEGIN", error))
        return NULL;
      in_snapshot = TRUE;
    }

  if (use_cache && (self = read_cache (store)))
    {
      g_debug ("read from the cache: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);

      /* written by a load that left them out, such as render-map's */
      if (!(flags & BP_SECTOR_MAP_LOAD_NO_LABEL_POINTS) && !self->has_label_points &&
          add_label_points (self, store) && in_snapshot)
        written = write_cache (self, store);
    }
  else if ((self = build_map (store, flags, cancellable, error)) && use_cache && in_snapshot)
    {
      written = write_cache (self, store);
      g_debug ("cache %s: %.0f ms", written ? "written" : "not written",
               (g_get_monotonic_time () - started) / 1000.0);
    }

  if (written)
    _bp_store_commit (store, NULL);
  else if (in_snapshot)
    _bp_store_rollback (store);

  if (self && !(flags & BP_SECTOR_MAP_LOAD_LAZY_LODS))
    {
      build_all_lods (self);
      g_debug ("levels of detail: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
    }

  return g_steal_pointer (&self);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(BpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BpSectorMap *map;

  /* SQLite connections are not shared between threads: this one is ours. */
  if (!(store = bp_store_open (bp_store_get_path (BP_STORE (source_object)), &error)) ||
      !(map = bp_sector_map_load (store, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, map, g_object_unref);
}

/**
 * bp_sector_map_load_async:
 * @store: a #BpStore holding the reference areas
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the map is loaded
 * @user_data: data for @callback
 *
 * Runs bp_sector_map_load() in a worker thread on its own connection to the
 * store's file.
 */
void
bp_sector_map_load_async (BpStore             *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BP_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_sector_map_load_async);
  g_task_run_in_thread (task, load_worker);
}

/**
 * bp_sector_map_load_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the sector map, or %NULL with @error set
 */
BpSectorMap *
bp_sector_map_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_sector_map_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bp_sector_map_get_n_sectors:
 * @self: a #BpSectorMap
 *
 * Returns: the number of statistical sectors; their indices run from 0
 */
guint
bp_sector_map_get_n_sectors (BpSectorMap *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  return self->n_sectors;
}

/**
 * bp_sector_map_get_sector_id:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: the area id of the sector in the store
 */
gint64
bp_sector_map_get_sector_id (BpSectorMap *self,
                             guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (sector < self->n_sectors, 0);

  return self->sectors[sector].id;
}

/**
 * bp_sector_map_get_sector_code:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: the Statbel code of the sector, such as "44021A00-"
 */
const char *
bp_sector_map_get_sector_code (BpSectorMap *self,
                               guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (sector < self->n_sectors, NULL);

  return self->sectors[sector].code;
}

/**
 * bp_sector_map_get_sector_name:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: the Dutch name of the sector
 */
const char *
bp_sector_map_get_sector_name (BpSectorMap *self,
                               guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (sector < self->n_sectors, NULL);

  return self->sectors[sector].name;
}

/**
 * bp_sector_map_get_sector_municipality_id:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: the area id of the sector's municipality
 */
gint64
bp_sector_map_get_sector_municipality_id (BpSectorMap *self,
                                          guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (sector < self->n_sectors, 0);

  return self->sectors[sector].municipality_id;
}

/**
 * bp_sector_map_get_sector_municipality:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: the municipality index of the sector, or %G_MAXUINT when the
 *   store has no such municipality
 */
guint
bp_sector_map_get_sector_municipality (BpSectorMap *self,
                                       guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), G_MAXUINT);
  g_return_val_if_fail (sector < self->n_sectors, G_MAXUINT);

  return self->sectors[sector].municipality;
}

/**
 * bp_sector_map_get_sector_geometry_source:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: where the outline comes from, as the store says: "statbel",
 *   "statbel_unverified" or "synthetic" in the shipped areas; see
 *   bp_outline_origin_from_geometry_source()
 */
const char *
bp_sector_map_get_sector_geometry_source (BpSectorMap *self,
                                          guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (sector < self->n_sectors, NULL);

  return self->sectors[sector].geometry_source;
}

/**
 * bp_sector_map_sector_is_approximate:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * Returns: %TRUE when the outline is a synthetic split of a real area
 */
gboolean
bp_sector_map_sector_is_approximate (BpSectorMap *self,
                                     guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), FALSE);
  g_return_val_if_fail (sector < self->n_sectors, FALSE);

  return self->sectors[sector].is_approximate;
}

/**
 * bp_sector_map_get_sector_cell_size:
 * @self: a #BpSectorMap
 * @sector: a sector index
 *
 * The shipped approximate outlines are pieces of a real area (a "cell",
 * `geometry_cell_id`) that holds several sectors; the outline of the cell
 * is real.
 *
 * Returns: how many sectors share the real area @sector lies in: 1 when
 *   the sector is a real area of its own or the store does not say
 */
guint
bp_sector_map_get_sector_cell_size (BpSectorMap *self,
                                    guint        sector)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 1);
  g_return_val_if_fail (sector < self->n_sectors, 1);

  return self->sectors[sector].cell_size;
}

/**
 * bp_sector_map_count_approximate_sectors:
 * @self: a #BpSectorMap
 * @sectors: (nullable) (element-type guint): sector indices, or %NULL for
 *   every sector
 *
 * Returns: how many of @sectors have an approximate outline
 */
guint
bp_sector_map_count_approximate_sectors (BpSectorMap *self,
                                         GArray      *sectors)
{
  guint n = 0;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  if (sectors == NULL)
    {
      for (guint s = 0; s < self->n_sectors; s++)
        n += self->sectors[s].is_approximate;
      return n;
    }

  for (guint k = 0; k < sectors->len; k++)
    {
      guint s = g_array_index (sectors, guint, k);

      g_return_val_if_fail (s < self->n_sectors, n);
      n += self->sectors[s].is_approximate;
    }

  return n;
}

/**
 * bp_sector_map_get_sector_bounds:
 * @self: a #BpSectorMap
 * @sector: a sector index
 * @rect: (out caller-allocates): the bounding box in world units
 */
void
bp_sector_map_get_sector_bounds (BpSectorMap *self,
                                 guint        sector,
                                 BpWorldRect *rect)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (sector < self->n_sectors);
  g_return_if_fail (rect != NULL);

  *rect = self->sectors[sector].bbox;
}

/**
 * bp_sector_map_lookup_sector:
 * @self: a #BpSectorMap
 * @area_id: the area id of a sector
 *
 * Returns: the index of the sector, or -1
 */
int
bp_sector_map_lookup_sector (BpSectorMap *self,
                             gint64       area_id)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), -1);

  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->sector_by_id, &area_id)) - 1;
}

/**
 * bp_sector_map_lookup_sector_code:
 * @self: a #BpSectorMap
 * @code: the Statbel code of a sector
 *
 * Returns: the index of the sector, or -1
 */
int
bp_sector_map_lookup_sector_code (BpSectorMap *self,
                                  const char  *code)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), -1);
  g_return_val_if_fail (code != NULL, -1);

  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->sector_by_code, code)) - 1;
}

static gboolean
sector_contains (BpSectorMap *self,
                 guint        s,
                 double       x,
                 double       y)
{
  const Sector *sector = &self->sectors[s];
  const Lod *full = get_lod (self, N_LODS - 1);
  const guint *starts = (const guint *)full->ring_starts->data;
  const double *points = (const double *)full->ring_points->data;
  gboolean inside = FALSE;

  if (x < sector->bbox.min_x || x > sector->bbox.max_x ||
      y < sector->bbox.min_y || y > sector->bbox.max_y)
    return FALSE;

  /* even-odd over every ring: holes and the parts of a multipolygon */
  for (guint r = sector->first_ring; r < sector->first_ring + sector->n_rings; r++)
    {
      guint n = starts[r + 1] - starts[r];

      if (n >= 3 && ring_contains (&points[starts[r] * 2], n, x, y))
        inside = !inside;
    }

  return inside;
}

/**
 * bp_sector_map_hit_test:
 * @self: a #BpSectorMap
 * @x: x in world units
 * @y: y in world units
 *
 * Finds the sector whose full outline contains a point, taking holes and
 * multipolygons into account.
 *
 * Returns: the index of the sector, or -1 when no sector is there
 */
int
bp_sector_map_hit_test (BpSectorMap *self,
                        double       x,
                        double       y)
{
  int cx, cy;
  gsize cell;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), -1);

  if (x < self->world_bounds.min_x || x > self->world_bounds.max_x ||
      y < self->world_bounds.min_y || y > self->world_bounds.max_y)
    return -1;

  cx = CLAMP ((int)((x - self->world_bounds.min_x) / self->cell_w), 0, GRID_SIZE - 1);
  cy = CLAMP ((int)((y - self->world_bounds.min_y) / self->cell_h), 0, GRID_SIZE - 1);
  cell = (gsize)cy * GRID_SIZE + cx;

  for (guint k = self->grid_starts[cell]; k < self->grid_starts[cell + 1]; k++)
    if (sector_contains (self, self->grid_items[k], x, y))
      return (int)self->grid_items[k];

  return -1;
}

/**
 * bp_sector_map_query_sectors:
 * @self: a #BpSectorMap
 * @rect: a rectangle in world units
 * @sectors: (element-type guint): an array that receives the indices of
 *   the sectors whose bounding box meets @rect, after its old contents
 *   are removed, in increasing order
 *
 * Returns: the number of sectors found
 */
guint
bp_sector_map_query_sectors (BpSectorMap       *self,
                             const BpWorldRect *rect,
                             GArray            *sectors)
{
  g_autofree guint32 *seen = NULL;
  int x0, x1, y0, y1;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (rect != NULL, 0);
  g_return_val_if_fail (sectors != NULL, 0);

  g_array_set_size (sectors, 0);
  if (!rects_overlap (rect, &self->world_bounds))
    return 0;

  x0 = CLAMP ((int)floor ((rect->min_x - self->world_bounds.min_x) / self->cell_w), 0, GRID_SIZE - 1);
  x1 = CLAMP ((int)floor ((rect->max_x - self->world_bounds.min_x) / self->cell_w), 0, GRID_SIZE - 1);
  y0 = CLAMP ((int)floor ((rect->min_y - self->world_bounds.min_y) / self->cell_h), 0, GRID_SIZE - 1);
  y1 = CLAMP ((int)floor ((rect->max_y - self->world_bounds.min_y) / self->cell_h), 0, GRID_SIZE - 1);

  seen = g_new0 (guint32, self->n_sectors / 32 + 1);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        gsize cell = (gsize)y * GRID_SIZE + x;

        for (guint k = self->grid_starts[cell]; k < self->grid_starts[cell + 1]; k++)
          {
            guint s = self->grid_items[k];

            if (seen[s / 32] & (1u << (s % 32)))
              continue;
            seen[s / 32] |= 1u << (s % 32);
          }
      }

  for (guint w = 0; w <= self->n_sectors / 32; w++)
    for (guint32 bits = seen[w]; bits != 0; bits &= bits - 1)
      {
        guint s = w * 32 + (guint)__builtin_ctz (bits);

        if (rects_overlap (rect, &self->sectors[s].bbox))
          g_array_append_val (sectors, s);
      }

  return sectors->len;
}

/**
 * bp_sector_map_list_area_sectors:
 * @self: a #BpSectorMap
 * @level: the level of the area
 * @code: the code of the area, such as "44021" or "elz7"
 * @sectors: (element-type guint): an array that receives the indices of
 *   the sectors inside the area, after its old contents are removed, in
 *   increasing order
 *
 * Finds the statistical sectors of an area by the hierarchy of the areas:
 * a sector lies in its municipality and in the care zone, province and
 * region above that.
 *
 * Returns: %TRUE when the area is known
 */
gboolean
bp_sector_map_list_area_sectors (BpSectorMap *self,
                                 BpAreaLevel  level,
                                 const char  *code,
                                 GArray      *sectors)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) inside = NULL;
  const AreaNode *area = NULL;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), FALSE);
  g_return_val_if_fail ((guint)level < BP_AREA_N_LEVELS, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (sectors != NULL, FALSE);

  g_array_set_size (sectors, 0);

  if (level == BP_AREA_LEVEL_SECTOR)
    {
      int s = bp_sector_map_lookup_sector_code (self, code);

      if (s < 0)
        return FALSE;
      g_array_append_val (sectors, s);
      return TRUE;
    }

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->n_areas; i++)
    {
      g_hash_table_insert (by_id, &self->areas[i].id, &self->areas[i]);
      if (!area && self->areas[i].level == level && strcmp (self->areas[i].code, code) == 0)
        area = &self->areas[i];
    }
  if (!area)
    return FALSE;

  /* the municipalities that have the area among their ancestors; a few
   * steps at most, even if the hierarchy loops */
  inside = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->n_areas; i++)
    {
      const AreaNode *node = &self->areas[i];

      if (node->level != BP_AREA_LEVEL_MUNICIPALITY)
        continue;
      for (guint step = 0; node && step < BP_AREA_N_LEVELS; step++)
        {
          if (node == area)
            {
              g_hash_table_add (inside, (gpointer)&self->areas[i].id);
              break;
            }
          node = g_hash_table_lookup (by_id, &node->parent_id);
        }
    }

  for (guint s = 0; s < self->n_sectors; s++)
    if (g_hash_table_contains (inside, &self->sectors[s].municipality_id))
      g_array_append_val (sectors, s);

  return TRUE;
}

/**
 * bp_sector_map_get_n_municipalities:
 * @self: a #BpSectorMap
 *
 * Returns: the number of municipalities
 */
guint
bp_sector_map_get_n_municipalities (BpSectorMap *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  return self->n_municipalities;
}

/**
 * bp_sector_map_get_municipality_id:
 * @self: a #BpSectorMap
 * @municipality: a municipality index
 *
 * Returns: the area id of the municipality
 */
gint64
bp_sector_map_get_municipality_id (BpSectorMap *self,
                                   guint        municipality)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (municipality < self->n_municipalities, 0);

  return self->municipalities[municipality].id;
}

/**
 * bp_sector_map_get_municipality_code:
 * @self: a #BpSectorMap
 * @municipality: a municipality index
 *
 * Returns: the NIS code of the municipality, such as "44021"
 */
const char *
bp_sector_map_get_municipality_code (BpSectorMap *self,
                                     guint        municipality)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (municipality < self->n_municipalities, NULL);

  return self->municipalities[municipality].code;
}

/**
 * bp_sector_map_get_municipality_name:
 * @self: a #BpSectorMap
 * @municipality: a municipality index
 *
 * Returns: the Dutch name of the municipality
 */
const char *
bp_sector_map_get_municipality_name (BpSectorMap *self,
                                     guint        municipality)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (municipality < self->n_municipalities, NULL);

  return self->municipalities[municipality].name;
}

/**
 * bp_sector_map_get_municipality_label_point:
 * @self: a #BpSectorMap
 * @municipality: a municipality index
 * @x: (out): x in world units
 * @y: (out): y in world units
 *
 * Gets a point inside the municipality's largest part, for its name.
 */
void
bp_sector_map_get_municipality_label_point (BpSectorMap *self,
                                            guint        municipality,
                                            double      *x,
                                            double      *y)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (municipality < self->n_municipalities);

  *x = self->municipalities[municipality].label_x;
  *y = self->municipalities[municipality].label_y;
}

/**
 * bp_sector_map_get_municipality_bounds:
 * @self: a #BpSectorMap
 * @municipality: a municipality index
 * @rect: (out caller-allocates): the bounding box in world units
 */
void
bp_sector_map_get_municipality_bounds (BpSectorMap *self,
                                       guint        municipality,
                                       BpWorldRect *rect)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (municipality < self->n_municipalities);
  g_return_if_fail (rect != NULL);

  *rect = self->municipalities[municipality].bbox;
}

/**
 * bp_sector_map_get_bounds:
 * @self: a #BpSectorMap
 * @bounds: (out caller-allocates): the bounds of all sectors in WGS84
 */
void
bp_sector_map_get_bounds (BpSectorMap *self,
                          BpBounds    *bounds)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (bounds != NULL);

  *bounds = self->bounds;
}

/**
 * bp_sector_map_get_world_bounds:
 * @self: a #BpSectorMap
 * @rect: (out caller-allocates): the bounds of all sectors in world units
 */
void
bp_sector_map_get_world_bounds (BpSectorMap *self,
                                BpWorldRect *rect)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (rect != NULL);

  *rect = self->world_bounds;
}

/**
 * bp_sector_map_get_area_bounds:
 * @self: a #BpSectorMap
 * @level: the level of the area
 * @code: the code of the area, such as "44021" or "elz7"
 * @bounds: (out caller-allocates): the area's bounding box in WGS84 degrees
 *
 * Looks up the bounding box of any area, for zooming to it. Turn it into
 * world units with bp_world_rect_from_bounds().
 *
 * Returns: %TRUE when the area is known
 */
gboolean
bp_sector_map_get_area_bounds (BpSectorMap *self,
                               BpAreaLevel  level,
                               const char  *code,
                               BpBounds    *bounds)
{
  const AreaBounds *found;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), FALSE);
  g_return_val_if_fail ((guint)level < BP_AREA_N_LEVELS, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (!(found = g_hash_table_lookup (self->area_bounds[level], code)))
    return FALSE;

  *bounds = found->bounds;
  return TRUE;
}

/**
 * bp_sector_map_get_outline_summary:
 * @self: a #BpSectorMap
 * @summary: (out caller-allocates): how many sector outlines are real or
 *   approximate, as the store said when the map was loaded
 */
void
bp_sector_map_get_outline_summary (BpSectorMap      *self,
                                   BpOutlineSummary *summary)
{
  g_return_if_fail (BP_IS_SECTOR_MAP (self));
  g_return_if_fail (summary != NULL);

  *summary = self->summary;
}

/**
 * bp_sector_map_get_n_lods:
 * @self: a #BpSectorMap
 *
 * Returns: the number of levels of detail; the last one is the full outline
 */
guint
bp_sector_map_get_n_lods (BpSectorMap *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  return N_LODS;
}

/**
 * bp_sector_map_pick_lod:
 * @self: a #BpSectorMap
 * @zoom: a libshumate zoom level, possibly fractional
 *
 * Picks the coarsest level of detail whose error stays well under a pixel
 * at @zoom (with 256-pixel tiles).
 *
 * Returns: a level of detail
 */
guint
bp_sector_map_pick_lod (BpSectorMap *self,
                        double       zoom)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  for (guint l = 0; l < G_N_ELEMENTS (lod_zooms); l++)
    if (zoom <= lod_zooms[l] + LOD_REACH)
      return l;

  return N_LODS - 1;
}

/**
 * bp_sector_map_get_lod_tolerance:
 * @self: a #BpSectorMap
 * @lod: a level of detail
 *
 * Returns: the simplification tolerance of @lod in world units, 0 for the
 *   full outline
 */
double
bp_sector_map_get_lod_tolerance (BpSectorMap *self,
                                 guint        lod)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0.0);
  g_return_val_if_fail (lod < N_LODS, 0.0);

  return self->lods[lod].tolerance;
}

/**
 * bp_sector_map_get_n_points:
 * @self: a #BpSectorMap
 * @lod: a level of detail
 *
 * Returns: the number of points in all sector rings at @lod
 */
gsize
bp_sector_map_get_n_points (BpSectorMap *self,
                            guint        lod)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (lod < N_LODS, 0);

  return get_lod (self, lod)->ring_points->len / 2;
}

/**
 * bp_sector_map_get_n_rings:
 * @self: a #BpSectorMap
 * @sector: a sector index
 * @lod: a level of detail
 *
 * Returns: the number of rings of the sector; the same at every level, but a
 *   ring may have fewer than three points at a coarse level (skip it)
 */
guint
bp_sector_map_get_n_rings (BpSectorMap *self,
                           guint        sector,
                           guint        lod)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (sector < self->n_sectors, 0);
  g_return_val_if_fail (lod < N_LODS, 0);

  return self->sectors[sector].n_rings;
}

/**
 * bp_sector_map_get_ring:
 * @self: a #BpSectorMap
 * @sector: a sector index
 * @lod: a level of detail
 * @ring: a ring index of the sector
 * @n_points: (out): the number of points
 *
 * Returns: (array length=n_points): the open ring as x, y pairs in world
 *   units; owned by @self
 */
const double *
bp_sector_map_get_ring (BpSectorMap *self,
                        guint        sector,
                        guint        lod,
                        guint        ring,
                        guint       *n_points)
{
  const Lod *l;
  guint r, p0;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (sector < self->n_sectors, NULL);
  g_return_val_if_fail (lod < N_LODS, NULL);
  g_return_val_if_fail (ring < self->sectors[sector].n_rings, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  l = get_lod (self, lod);
  r = self->sectors[sector].first_ring + ring;
  p0 = g_array_index (l->ring_starts, guint, r);
  *n_points = g_array_index (l->ring_starts, guint, r + 1) - p0;

  return &g_array_index (l->ring_points, double, p0 * 2);
}

/**
 * bp_sector_map_get_n_arcs:
 * @self: a #BpSectorMap
 *
 * Returns: the number of boundary arcs
 */
guint
bp_sector_map_get_n_arcs (BpSectorMap *self)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);

  return self->n_arcs;
}

/**
 * bp_sector_map_get_arc_level:
 * @self: a #BpSectorMap
 * @arc: an arc index
 *
 * Returns: the coarsest level whose areas differ on the two sides of @arc
 */
BpAreaLevel
bp_sector_map_get_arc_level (BpSectorMap *self,
                             guint        arc)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), BP_AREA_LEVEL_SECTOR);
  g_return_val_if_fail (arc < self->n_arcs, BP_AREA_LEVEL_SECTOR);

  return self->arc_levels[arc];
}

/**
 * bp_sector_map_arc_is_approximate:
 * @self: a #BpSectorMap
 * @arc: an arc index
 *
 * Returns: %TRUE when @arc lies inside a real area, between sectors whose
 *   outlines are approximate: where the real boundary runs is not known.
 *   Such an arc is always of level %BP_AREA_LEVEL_SECTOR.
 */
gboolean
bp_sector_map_arc_is_approximate (BpSectorMap *self,
                                  guint        arc)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), FALSE);
  g_return_val_if_fail (arc < self->n_arcs, FALSE);

  return (self->arc_approximate[arc] & ARC_APPROXIMATE) != 0;
}

/**
 * bp_sector_map_arc_is_wijk_edge:
 * @self: a #BpSectorMap
 * @arc: an arc index
 *
 * Returns: %TRUE when @arc is a sector line between two neighbourhoods
 *   (wijken): the line to draw when the map is coloured by neighbourhood,
 *   where lines between the sectors of one neighbourhood are left out.
 *   Lines of municipalities and coarser areas are not marked: they bound
 *   neighbourhoods anyway.
 */
gboolean
bp_sector_map_arc_is_wijk_edge (BpSectorMap *self,
                                guint        arc)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), FALSE);
  g_return_val_if_fail (arc < self->n_arcs, FALSE);

  return (self->arc_approximate[arc] & ARC_WIJK_EDGE) != 0;
}

/**
 * bp_sector_map_get_arc:
 * @self: a #BpSectorMap
 * @arc: an arc index
 * @lod: a level of detail
 * @n_points: (out): the number of points
 *
 * Returns: (array length=n_points): the polyline as x, y pairs in world
 *   units; owned by @self
 */
const double *
bp_sector_map_get_arc (BpSectorMap *self,
                       guint        arc,
                       guint        lod,
                       guint       *n_points)
{
  const Lod *l;
  guint p0;

  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), NULL);
  g_return_val_if_fail (arc < self->n_arcs, NULL);
  g_return_val_if_fail (lod < N_LODS, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  l = get_lod (self, lod);
  p0 = g_array_index (l->arc_starts, guint, arc);
  *n_points = g_array_index (l->arc_starts, guint, arc + 1) - p0;

  return &g_array_index (l->arc_points, double, p0 * 2);
}

/**
 * bp_sector_map_query_arcs:
 * @self: a #BpSectorMap
 * @rect: a rectangle in world units
 * @finest_level: the finest boundary level wanted, such as
 *   %BP_AREA_LEVEL_MUNICIPALITY for municipality, care zone, province and
 *   region boundaries
 * @arcs: (element-type guint): an array that receives the indices of the
 *   arcs whose bounding box meets @rect, after its old contents are removed
 *
 * Returns: the number of arcs found
 */
guint
bp_sector_map_query_arcs (BpSectorMap       *self,
                          const BpWorldRect *rect,
                          BpAreaLevel        finest_level,
                          GArray            *arcs)
{
  g_return_val_if_fail (BP_IS_SECTOR_MAP (self), 0);
  g_return_val_if_fail (rect != NULL, 0);
  g_return_val_if_fail (arcs != NULL, 0);

  g_array_set_size (arcs, 0);
  for (guint arc = 0; arc < self->n_arcs; arc++)
    if (self->arc_levels[arc] <= finest_level && rects_overlap (rect, &self->arc_bboxes[arc]))
      g_array_append_val (arcs, arc);

  return arcs->len;
}
