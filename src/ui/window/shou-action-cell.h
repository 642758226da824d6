/* shou-action-cell.h: a flow box cell that is no tab stop of its own: GTK
 * 4.8 focuses the cell, then the button in it (two Tab presses per action);
 * GTK 4.10 passes the focus to the child of a cell that is not focusable, as
 * this does. The detail pane's action bar is made of these. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHOU_TYPE_ACTION_CELL (shou_action_cell_get_type ())
G_DECLARE_FINAL_TYPE (ShouActionCell, shou_action_cell, SHOU, ACTION_CELL, GtkFlowBoxChild)

G_END_DECLS
