/* shou-queue-copy.h: copying order numbers from the queue's rows: Ctrl+C
 * (queue.copy-order-no) on the chosen rows, and a context menu on the rows
 * (right click, Menu or Shift+F10: queue.menu). Each copy says so in a
 * toast.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shou-queue-selection.h"

G_BEGIN_DECLS

/* Installs the actions and their keys on the queue view's class. */
void shou_queue_copy_class_init (GtkWidgetClass *widget_class);
/* The right click on @column_view's rows (its cells carry their
 * GtkListItem as "shou-list-item"), for the queue @self over @list and
 * its @selection (kept by @self). */
void shou_queue_copy_attach     (GtkWidget          *self,
                                 GtkWidget          *column_view,
                                 ShouRequestList    *list,
                                 ShouQueueSelection *selection);
void shou_queue_copy_dispose    (GtkWidget          *self);

G_END_DECLS
