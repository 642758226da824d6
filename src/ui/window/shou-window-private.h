/* shou-window-private.h: what the window's own files share.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "shou-filter-bar.h"
#include "shou-window.h"

G_BEGIN_DECLS

struct _ShouWindow
{
  AdwApplicationWindow  parent_instance;

  ShouStore            *store;
  ShouSyncEngine       *engine;
  ShouClock            *clock;
  ShouRequestList      *list;
  GSettings            *settings;
  GHashTable           *order_requests; /* request ids of the listed orders */
  GtkWidget            *welcome_page;
  char                 *status_text;
  guint                 ticks;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *sync_button;
  GtkProgressBar       *sync_progress;
  GtkInfoBar           *offline_bar;
  GtkLabel             *offline_label;
  GtkButton            *banner_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  GtkToggleButton      *sidebar_button;
  GtkMenuButton        *menu_button;
  GtkBox               *sidebar_box;
  GtkStack             *list_stack;
  GtkBox               *queue_box;
  AdwStatusPage        *empty_page;
  GtkListBox           *orders_list;
  ShouDetailPane       *detail_pane;
  GtkProgressBar       *loading_progress;
  GtkBox               *welcome_box;

  /* Built in code: they need the store */
  ShouSidebar          *sidebar;
  ShouQueueView        *queue_view;
  ShouFilterBar        *filter_bar;
  int                   selected_position;  /* of the selected row, when chosen */
  char                 *acted_id;           /* the row selected last */
  char                 *next_id;            /* the row after it then */
};

void shou_window_update_sync_status    (ShouWindow     *self);
/* shou-window-actions.c: the win.* actions and their keys. */
void shou_window_class_install_actions (GtkWidgetClass *widget_class);
/* shou-window-search.c: the search's scope and its results. A search looks
 * in every account, shop and view by default, or in the shown view only
 * (the toggle 仅此视图 beside the entry); the results then say each
 * request's view and shop, and opening one (Enter, double click) leaves
 * the search for that view and shop with the request chosen. Puts the
 * toggle beside the window's search entry and follows the queue. */
void shou_global_search_attach         (ShouWindow     *window);

G_END_DECLS
