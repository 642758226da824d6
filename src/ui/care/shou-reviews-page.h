/* shou-reviews-page.h: 中差评 — the register of bad and neutral reviews,
 * the week's reasons counted, the morning list of reviews still waiting for
 * the seller's public reply, and each review's follow-up (contact the
 * buyer, offer a remedy, note whether the review changed, reply). The
 * buyer's words are shown as text, never as markup. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-reviews.h"

G_BEGIN_DECLS

#define SHOU_TYPE_REVIEWS_PAGE (shou_reviews_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouReviewsPage, shou_reviews_page, SHOU, REVIEWS_PAGE, GtkWidget)

GtkWidget *shou_reviews_page_new    (ShouStore       *store);
/* Reads the reviews again now. */
void       shou_reviews_page_reload (ShouReviewsPage *self);
/* The time "this week" is counted from (UTC µs); 0: the real time. */
void       shou_reviews_page_set_now (ShouReviewsPage *self,
                                      gint64           now);

G_END_DECLS
