/* shou-queue-view.h: the request queue, a GtkColumnView over the store's
 * lazy ShouRequestList. Sorting is done in SQL: the column headers only
 * tell the list which key to use. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-request-list.h"
#include "shou-clock.h"
#include "shou-queue-selection.h"

G_BEGIN_DECLS

#define SHOU_TYPE_QUEUE_VIEW (shou_queue_view_get_type ())
G_DECLARE_FINAL_TYPE (ShouQueueView, shou_queue_view, SHOU, QUEUE_VIEW, GtkWidget)

/* Properties: "selected-id" (string, read-only; the request the seller
 * chose, kept while the row leaves the view after an action; NULL while
 * several are chosen: Ctrl/Shift-click, Ctrl+A; Escape clears them).
 * Signals: "activated" (const char *request_id): Enter or double click. */
GtkWidget       *shou_queue_view_new             (ShouRequestList *list,
                                                  ShouClock       *clock);
ShouRequestList *shou_queue_view_get_list        (ShouQueueView   *self);
GtkColumnView   *shou_queue_view_get_column_view (ShouQueueView   *self);
const char      *shou_queue_view_get_selected_id (ShouQueueView   *self);
ShouQueueSelection *shou_queue_view_get_selection (ShouQueueView  *self);
/* Selects @request_id if it is in the list; returns its position or -1. */
int              shou_queue_view_select_id       (ShouQueueView   *self,
                                                  const char      *request_id);
gboolean         shou_queue_view_select_position (ShouQueueView   *self,
                                                  guint            position);
void             shou_queue_view_unselect        (ShouQueueView   *self);
void             shou_queue_view_focus_list      (ShouQueueView   *self);
/* Sorts as a click on the column's header would ("countdown", "amount", …). */
void             shou_queue_view_sort_by         (ShouQueueView   *self,
                                                  const char      *column_id,
                                                  gboolean         descending);
/* Shows the column that says each row's view and shop (for a search
 * everywhere). */
void             shou_queue_view_set_show_where  (ShouQueueView   *self,
                                                  gboolean         show);
/* The seller's columns (shou-queue-columns.h): applied from @settings and
 * saved there; the chooser's "columns" actions and menu. */
void             shou_queue_view_bind_settings   (ShouQueueView   *self,
                                                  GSettings       *settings);
GActionGroup    *shou_queue_view_get_column_actions (ShouQueueView *self);
GMenuModel      *shou_queue_view_get_column_menu (ShouQueueView   *self);

G_END_DECLS
