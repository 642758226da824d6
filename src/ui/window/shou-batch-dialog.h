/* shou-batch-dialog.h: one action on the queue's chosen requests. The
 * confirmation lists those that cannot take part and why (agree return
 * also takes one address, for one shop); once confirmed, each request gets
 * its own outbox entry (shou-batch.h), and a second dialog shows the
 * progress while they are sent, then a report of what succeeded and what
 * failed and why, with retry for the failures. */
#pragma once

#include <adwaita.h>

#include "store/shou-batch.h"

G_BEGIN_DECLS

/* Response ids, for tests. */
#define SHOU_BATCH_RESPONSE_OK    "ok"
#define SHOU_BATCH_RESPONSE_RETRY "retry"
#define SHOU_BATCH_RESPONSE_CLOSE "close"

/* Opens the confirmation of @action (agree refund or agree return) for
 * @keys (element-type utf8, the list's order). @queued is called (with
 * @owner, if it is still alive) once the batch is in the outbox. */
void      shou_batch_confirm         (GtkWindow  *parent,
                                      ShouStore  *store,
                                      GPtrArray  *keys,
                                      ShouAction  action,
                                      void      (*queued) (gpointer owner),
                                      gpointer    owner);
/* For the other batch confirmations (shou-batch-text.c): queues the READY
 * items of @items (taken) with @params (taken) and shows their progress,
 * then the report with retry. */
void      shou_batch_run             (GtkWindow  *parent,
                                      ShouStore  *store,
                                      GPtrArray  *items,
                                      ShouAction  action,
                                      JsonObject *params);
/* A list of @items' EXCLUDED ones with their reasons ("Left out"); its
 * scroller, or NULL when none is excluded. */
GtkWidget *shou_batch_excluded_list_new (GPtrArray *items);
/* Makes @dialog the current batch dialog (for tests). */
void      shou_batch_dialog_set_current (AdwMessageDialog *dialog);
/* The open batch dialog (confirmation or progress), for tests. */
AdwMessageDialog *shou_batch_dialog_get_current (void);
/* The items of the progress dialog @dialog (element-type ShouBatchItem). */
GPtrArray        *shou_batch_dialog_get_items   (AdwMessageDialog *dialog);

G_END_DECLS
