/* shou-queue-selection.h: the queue's selection, a GtkSelectionModel over
 * the lazy ShouRequestList that keeps request keys, not positions: a
 * choice survives refreshes, re-sorting and rows that leave and come back.
 * "Select all" means every row of the list's filter, minus the keys
 * unselected since, and costs nothing however many rows there are; its
 * count and total come from SQL (shou_request_list_summarize). */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-request-list.h"

G_BEGIN_DECLS

#define SHOU_TYPE_QUEUE_SELECTION (shou_queue_selection_get_type ())
G_DECLARE_FINAL_TYPE (ShouQueueSelection, shou_queue_selection, SHOU, QUEUE_SELECTION, GObject)

/* Signals: "changed": the set of chosen keys changed (not emitted when
 * only the list's rows change). */
ShouQueueSelection *shou_queue_selection_new         (ShouRequestList    *list);
/* Chooses @request_id alone (NULL: nothing). */
void                shou_queue_selection_set_only    (ShouQueueSelection *self,
                                                      const char         *request_id);
/* The one key chosen, when exactly one is (not "all"), else NULL. */
const char         *shou_queue_selection_get_single  (ShouQueueSelection *self);
/* TRUE with "all" or more than one key chosen. */
gboolean            shou_queue_selection_is_multiple (ShouQueueSelection *self);
/* How many rows of the list are chosen, and their amounts' sum (fen). */
guint               shou_queue_selection_summarize   (ShouQueueSelection *self,
                                                      gint64             *total_fen);
/* The chosen rows' keys in the list's order (element-type utf8). */
GPtrArray          *shou_queue_selection_get_keys    (ShouQueueSelection *self);

G_END_DECLS
