/* shou-review-dialogs.h: the small windows of the 中差评 page: register a
 * review by hand, offer a remedy, write the public reply. Each queues its
 * step through the store (the outbox) and reports a refusal in the window. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-reviews.h"

G_BEGIN_DECLS

void shou_review_dialog_register (GtkWidget  *parent,
                                  ShouStore  *store);
void shou_review_dialog_remedy   (GtkWidget  *parent,
                                  ShouStore  *store,
                                  const char *key);
void shou_review_dialog_reply    (GtkWidget  *parent,
                                  ShouStore  *store,
                                  const char *key);

/* The words for @reason (a ShouReviewReason code) and @remedy. */
const char *shou_review_reason_label (const char *reason);
const char *shou_remedy_label        (const char *remedy);

G_END_DECLS
