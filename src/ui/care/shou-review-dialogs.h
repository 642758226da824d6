/* shou-review-dialogs.h: the small windows of the 中差评 page: register a
 * review by hand, offer a remedy, write the public reply. Each queues its
 * step through the store (the outbox) and reports a refusal in the window. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-reviews.h"

G_BEGIN_DECLS

void shou_review_dialog_register (GtkWidget  *parent,
                                  ShouStore  *store);
/* Returns: (transfer none): the window, presented. A price difference
 * above the shop's cap (shou_review_price_difference_cap_fen ()) is
 * refused in the window for a buyer with fewer than six bad reviews. */
GtkWindow *shou_review_dialog_remedy (GtkWidget  *parent,
                                      ShouStore  *store,
                                      const char *key);
void shou_review_dialog_reply    (GtkWidget  *parent,
                                  ShouStore  *store,
                                  const char *key);

/* The most a price difference refund for a bad review may be, in fen: the
 * setting review-price-difference-cap, at most the contract's ¥5
 * (SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN); ¥5 when the schema is not
 * installed. */
gint64      shou_review_price_difference_cap_fen (void);

/* The words for @reason (a ShouReviewReason code) and @remedy. */
const char *shou_review_reason_label (const char *reason);
const char *shou_remedy_label        (const char *remedy);

G_END_DECLS
