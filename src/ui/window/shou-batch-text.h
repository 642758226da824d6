/* shou-batch-text.h: the selection bar's two batch actions that send the
 * buyers a text: 用常用语回复 (one saved phrase to every chosen request) and
 * 发起协商（第一轮） (round 1 of the negotiation with one script, where the
 * platform has the negotiation tool before a rejection). The confirmation
 * lists the requests that cannot take part and why; it follows the chosen
 * phrase (one kept for a shop leaves the other shops' requests out). Once
 * confirmed, each request gets its own outbox entry and idempotency key
 * (shou-batch.h), and the batch progress and report follow
 * (shou-batch-dialog.h). */
#pragma once

#include <adwaita.h>

#include "store/shou-batch.h"

G_BEGIN_DECLS

/* Opens the confirmation of @action (SHOU_ACTION_MESSAGE or
 * SHOU_ACTION_NEGOTIATE, round 1) for @keys (element-type utf8). @queued is
 * called (with @owner, if alive) once the batch is in the outbox. */
void       shou_batch_text_confirm   (GtkWindow  *parent,
                                      ShouStore  *store,
                                      GPtrArray  *keys,
                                      ShouAction  action,
                                      void      (*queued) (gpointer owner),
                                      gpointer    owner);
/* For tests: the confirmation's items (element-type ShouBatchItem), its
 * choice (a GtkDropDown of phrases or scripts) and the text it would send. */
GPtrArray *shou_batch_text_get_items  (AdwMessageDialog *dialog);
GtkWidget *shou_batch_text_get_choice (AdwMessageDialog *dialog);
const char *shou_batch_text_get_text  (AdwMessageDialog *dialog);

G_END_DECLS
