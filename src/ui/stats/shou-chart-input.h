/* shou-chart-input.h: the input every chart of the 统计 page takes: the
 * pointer (hover), the keyboard and the tooltip that says a value. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Connects @motion and @leave (GtkEventControllerMotion), @key_pressed
 * (GtkEventControllerKey) and @query_tooltip (@chart's) to @chart, each
 * with @chart as its data. */
void shou_chart_input_connect (GtkWidget *chart,
                               GCallback  motion,
                               GCallback  leave,
                               GCallback  key_pressed,
                               GCallback  query_tooltip);

G_END_DECLS
