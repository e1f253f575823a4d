/* bp-chart-axis.h
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bp-case-source.h"
#include "bp-map-metric.h"

G_BEGIN_DECLS

#define BP_CHART_ERROR (bp_chart_error_quark ())

typedef enum
{
  BP_CHART_ERROR_UNSUPPORTED_FORMAT,
  BP_CHART_ERROR_INVALID_SIZE,
  BP_CHART_ERROR_FAILED,
} BpChartError;

/* No day: an unset reference day or highlight. */
#define BP_CHART_NO_DAY G_MININT

/* How a chart looks. The app passes its style's text colour, so that a
 * chart follows dark mode; files use bp_chart_style_init_print(). Sizes are
 * in the units of the cairo context (logical pixels, or points in a PDF). */
typedef struct
{
  BpColour foreground;       /* text, axes, the average line */
  BpColour background;       /* under the chart, and the halo around lines */
  double   background_alpha; /* 0: leave the background to the widget */
  double   font_size;        /* tick labels and legend; titles are larger */
} BpChartStyle;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} BpChartRect;

/* Calendar steps between the date labels of a time axis. */
typedef enum
{
  BP_CHART_DATE_STEP_DAY,
  BP_CHART_DATE_STEP_WEEK,
  BP_CHART_DATE_STEP_TWO_WEEKS,
  BP_CHART_DATE_STEP_MONTH,
  BP_CHART_DATE_STEP_QUARTER,
  BP_CHART_DATE_STEP_HALF_YEAR,
  BP_CHART_DATE_STEP_YEAR,
} BpChartDateStep;

#define BP_CHART_DATE_STEP_N_STEPS 7

/* The kinds of entry in a chart legend. */
typedef enum
{
  BP_CHART_KEY_TEXT,        /* a heading such as "Age:" */
  BP_CHART_KEY_BAR,         /* a filled swatch */
  BP_CHART_KEY_OUTLINED_BAR,
  BP_CHART_KEY_SUPPRESSED,  /* the hatched "<5" swatch */
  BP_CHART_KEY_LINE,
  BP_CHART_KEY_DASHED_LINE,
} BpChartKeyKind;

typedef struct
{
  BpChartKeyKind kind;
  BpColour       colour;
  char          *label;
} BpChartKey;

typedef void (*BpChartDrawFunc) (cairo_t  *cr,
                                 int       width,
                                 int       height,
                                 gpointer  user_data);

GQuark           bp_chart_error_quark            (void);

void             bp_chart_style_init             (BpChartStyle       *style,
                                                  const BpColour     *foreground,
                                                  double              font_size);
void             bp_chart_style_init_print       (BpChartStyle       *style,
                                                  int                 width,
                                                  int                 height);
void             bp_chart_style_set_source       (const BpChartStyle *style,
                                                  cairo_t            *cr,
                                                  double              alpha);

void             bp_chart_get_case_colour        (BpColour           *rgb);
void             bp_chart_get_suppressed_colour  (BpColour           *rgb);
void             bp_chart_get_age_band_colour    (guint               age_band,
                                                  BpColour           *rgb);
void             bp_chart_get_case_source_colour (BpCaseSource        source,
                                                  BpColour           *rgb);
cairo_pattern_t *bp_chart_create_hatch_pattern   (void);
void             bp_chart_fill_suppressed        (cairo_t            *cr,
                                                  const BpChartStyle *style,
                                                  double              x,
                                                  double              y,
                                                  double              width,
                                                  double              height);

double           bp_chart_nice_ticks             (double              max_value,
                                                  guint               max_ticks,
                                                  double              min_step,
                                                  double             *step,
                                                  guint              *n_steps);
int              bp_chart_get_tick_decimals      (double              step);

void             bp_chart_list_date_ticks        (int                 first_day,
                                                  int                 last_day,
                                                  BpChartDateStep     step,
                                                  GArray             *days);
int              bp_chart_date_step_get_min_days (BpChartDateStep     step);
char            *bp_chart_format_date_tick       (int                 day,
                                                  BpChartDateStep     step);
char            *bp_chart_format_year            (int                 day);
char            *bp_chart_format_date            (int                 day);
char            *bp_chart_format_long_date       (int                 day);
char            *bp_chart_format_full_date       (int                 day);
char            *bp_chart_format_period          (int                 first_day,
                                                  int                 last_day);
char            *bp_chart_format_number          (double              value,
                                                  int                 decimals);
char            *bp_chart_format_count           (gint64              n_cases);

PangoLayout     *bp_chart_create_layout          (cairo_t            *cr,
                                                  const BpChartStyle *style,
                                                  double              scale,
                                                  PangoWeight         weight);
cairo_t         *bp_chart_create_measure_context (void);

void             bp_chart_key_clear              (BpChartKey         *key);
void             bp_chart_keys_add               (GArray             *keys,
                                                  BpChartKeyKind      kind,
                                                  const BpColour     *colour,
                                                  const char         *label);
double           bp_chart_draw_legend            (cairo_t            *cr,
                                                  const BpChartStyle *style,
                                                  GArray             *keys,
                                                  double              x,
                                                  double              y,
                                                  double              width,
                                                  gboolean            measure_only);

gboolean         bp_chart_render_to_file         (const char         *path,
                                                  int                 width,
                                                  int                 height,
                                                  BpChartDrawFunc     draw_func,
                                                  gpointer            user_data,
                                                  GError            **error);

G_END_DECLS
