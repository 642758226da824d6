/* shou-queue-columns.h: the queue's columns as the seller arranged them.
 *
 * Which columns show, their order (dragged by their headers) and their
 * widths are remembered in GSettings. A chooser menu, in each header's
 * right-click menu and behind a button, shows and hides them; "columns.reset"
 * puts the defaults back. A column can also be hidden by the window (the
 * platform column while one shop is chosen) whatever the seller chose.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _ShouQueueColumns ShouQueueColumns;

typedef struct
{
  const char *id;
  int         default_width;
  gboolean    choosable;     /* FALSE: the window shows or hides it alone */
} ShouQueueColumnSpec;

/* @columns are @view's columns in their default order, @specs beside them. */
ShouQueueColumns *shou_queue_columns_new          (GtkColumnView              *view,
                                                   GtkColumnViewColumn *const *columns,
                                                   const ShouQueueColumnSpec  *specs,
                                                   guint                       n_columns);
void              shou_queue_columns_free         (ShouQueueColumns           *self);
/* Applies the saved arrangement and saves each change from then on. */
void              shou_queue_columns_bind         (ShouQueueColumns           *self,
                                                   GSettings                  *settings);
/* "columns.show-<id>" (stateful) and "columns.reset". */
GActionGroup     *shou_queue_columns_get_actions  (ShouQueueColumns           *self);
GMenuModel       *shou_queue_columns_get_menu     (ShouQueueColumns           *self);
void              shou_queue_columns_set_forced_hidden (ShouQueueColumns      *self,
                                                        const char            *id,
                                                        gboolean               hidden);
/* The seller's choice, whatever the window forces. */
gboolean          shou_queue_columns_get_chosen   (ShouQueueColumns           *self,
                                                   const char                 *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouQueueColumns, shou_queue_columns_free)

G_END_DECLS
