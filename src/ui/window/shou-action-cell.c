/* shou-action-cell.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shou-action-cell.h"

/* A flow box cell that is no tab stop of its own: GTK 4.8 focuses the cell,
 * then the button in it (two Tab presses per action); GTK 4.10 passes the
 * focus to the child of a cell that is not focusable, as this does. */
struct _ShouActionCell
{
  GtkFlowBoxChild parent_instance;
};

G_DEFINE_FINAL_TYPE (ShouActionCell, shou_action_cell, GTK_TYPE_FLOW_BOX_CHILD)

static gboolean
shou_action_cell_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  GtkWidget *child = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (widget));

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static void
shou_action_cell_class_init (ShouActionCellClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = shou_action_cell_focus;
}

static void
shou_action_cell_init (ShouActionCell *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}
