/* shou-chart-input.c: the charts' shared input controllers. */
#include "config.h"

#include "shou-chart-input.h"

void
shou_chart_input_connect (GtkWidget *chart,
                          GCallback  motion,
                          GCallback  leave,
                          GCallback  key_pressed,
                          GCallback  query_tooltip)
{
  GtkEventController *pointer = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_WIDGET (chart));

  g_signal_connect (pointer, "motion", motion, chart);
  g_signal_connect (pointer, "leave", leave, chart);
  gtk_widget_add_controller (chart, pointer);
  g_signal_connect (key, "key-pressed", key_pressed, chart);
  gtk_widget_add_controller (chart, key);
  gtk_widget_set_has_tooltip (chart, TRUE);
  g_signal_connect (chart, "query-tooltip", query_tooltip, chart);
}
