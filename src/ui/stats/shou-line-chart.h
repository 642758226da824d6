/* shou-line-chart.h: lines of day-by-day values drawn with GtkSnapshot and
 * cairo in the style's colours (the first line in the accent colour), with
 * a text alternative for screen readers and the hovered day's values in a
 * tooltip. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHOU_TYPE_LINE_CHART (shou_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (ShouLineChart, shou_line_chart, SHOU, LINE_CHART, GtkWidget)

/* How a value reads: a count ("12") or a rate ("12.5%"; values are
 * fractions, and a negative value means unknown). */
typedef enum
{
  SHOU_LINE_CHART_COUNTS,
  SHOU_LINE_CHART_RATES,
} ShouLineChartUnit;

GtkWidget  *shou_line_chart_new         (const char        *title,
                                         ShouLineChartUnit  unit);
/* Sets the @n_points days: their labels ("12月3日"). Removes the lines. */
void        shou_line_chart_set_days    (ShouLineChart     *self,
                                         const char       **labels,
                                         guint              n_points);
/* Adds a line named @name with one value per day. */
void        shou_line_chart_add_line    (ShouLineChart     *self,
                                         const char        *name,
                                         const double      *values);
/* Call after the lines are added: updates the text alternative and draws. */
void        shou_line_chart_done        (ShouLineChart     *self);
guint       shou_line_chart_get_n_lines (ShouLineChart     *self);
guint       shou_line_chart_get_n_days  (ShouLineChart     *self);
/* The day under @x (widget coordinates), or -1. */
int         shou_line_chart_day_at      (ShouLineChart     *self,
                                         double             x);
/* "12月3日：售后单 12，订单 30" — what the tooltip says of day @i. */
char       *shou_line_chart_describe_day (ShouLineChart    *self,
                                          guint             i);
/* The text alternative: the title and every day's values. */
const char *shou_line_chart_get_summary (ShouLineChart     *self);

G_END_DECLS
