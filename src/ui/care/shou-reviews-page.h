/* shou-reviews-page.h: 中差评 — the register of bad and neutral reviews,
 * the week's reasons counted, the morning list of reviews still waiting for
 * the seller's public reply, and each review's follow-up (contact the
 * buyer, offer a remedy, note whether the review changed, reply). The
 * buyer's words are shown as text, never as markup. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-reviews.h"

G_BEGIN_DECLS

/* The sidebar's view name of the page. */
#define SHOU_REVIEWS_VIEW_NAME "reviews"

#define SHOU_TYPE_REVIEWS_PAGE (shou_reviews_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouReviewsPage, shou_reviews_page, SHOU, REVIEWS_PAGE, GtkWidget)

GtkWidget *shou_reviews_page_new    (ShouStore       *store);
/* Reads the reviews again now. */
void       shou_reviews_page_reload (ShouReviewsPage *self);
/* The time "this week" is counted from (UTC µs); 0: the real time. */
void       shou_reviews_page_set_now (ShouReviewsPage *self,
                                      gint64           now);

/* Shows a page in @flap's content instead of the queue while @sidebar's
 * view is SHOU_REVIEWS_VIEW_NAME. Attach it before any other page that
 * takes the flap's content (it shows itself after their handlers ran). */
ShouReviewsPage *shou_reviews_page_attach (AdwFlap   *flap,
                                           GObject   *sidebar,
                                           ShouStore *store);

G_END_DECLS
