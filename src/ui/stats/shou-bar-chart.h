/* shou-bar-chart.h: a horizontal bar chart drawn with GtkSnapshot in the
 * style's colours (accent bars, foreground text), with a text alternative
 * for screen readers, the hovered bar's value in a tooltip, and a click
 * (or Enter) on a bar opening its requests in the queue. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHOU_TYPE_BAR_CHART (shou_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (ShouBarChart, shou_bar_chart, SHOU, BAR_CHART, GtkWidget)

GtkWidget  *shou_bar_chart_new          (const char   *title);
/* Replaces the bars: @labels and @values of @n bars, largest first.
 * @targets (or NULL): what clicking a bar, or Enter on it, passes to the
 * window action win.show-filtered ("reason:<code>", "sku:<sku>"). */
void        shou_bar_chart_set_bars     (ShouBarChart *self,
                                         const char  **labels,
                                         const guint  *values,
                                         const char  **targets,
                                         guint         n);
/* Activates win.show-filtered with bar @i's target; FALSE if there is
 * none or no such action. */
gboolean    shou_bar_chart_activate_bar (ShouBarChart *self,
                                         guint         i);
/* The bar the keyboard is on (Up, Down, Home, End), or -1. */
int         shou_bar_chart_get_focused  (ShouBarChart *self);
guint       shou_bar_chart_get_n_bars   (ShouBarChart *self);
/* The bar under @y (widget coordinates), or -1. */
int         shou_bar_chart_bar_at       (ShouBarChart *self,
                                         double        y);
/* "质量问题：3" — what the tooltip and the text alternative say of bar @i. */
char       *shou_bar_chart_describe_bar (ShouBarChart *self,
                                         guint         i);
/* The text alternative: the title and every bar. */
const char *shou_bar_chart_get_summary  (ShouBarChart *self);

G_END_DECLS
