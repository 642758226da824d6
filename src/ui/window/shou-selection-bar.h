/* shou-selection-bar.h: the bar under the queue while several requests
 * are chosen: how many and their total (from SQL over the view's filter,
 * so Ctrl+A on a large view reads no rows), and the batch actions. With
 * several chosen, the action shortcuts (Ctrl+Shift+A 同意退款, Ctrl+Shift+T
 * 同意退货, Ctrl+Shift+M 用常用语回复, Ctrl+Shift+J 发起协商（第一轮）) open
 * the batch confirmation instead of one request's; the
 * detail pane shows the summary. */
#pragma once

#include <gtk/gtk.h>

#include "shou-detail-pane.h"
#include "shou-queue-view.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SELECTION_BAR (shou_selection_bar_get_type ())
G_DECLARE_FINAL_TYPE (ShouSelectionBar, shou_selection_bar, SHOU, SELECTION_BAR, GtkWidget)

/* Actions (prefix "batch."): agree-refund, agree-return, tag, reply,
 * negotiate, clear. */
GtkWidget *shou_selection_bar_new       (ShouQueueView    *queue,
                                         ShouDetailPane   *pane);
/* The count and total the bar shows (for tests). */
guint      shou_selection_bar_get_count (ShouSelectionBar *self,
                                         gint64           *total_fen);

G_END_DECLS
