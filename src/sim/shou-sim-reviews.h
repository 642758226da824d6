/* shou-sim-reviews.h: the simulated platform's reviews. Its buyers leave
 * bad and neutral reviews (中差评) on their orders, with reasons and words
 * that fit; the demo starts with some at every stage of their follow-up. */
#pragma once

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* Inside a transaction: a buyer of one of @merchant's orders leaves a
 * review at @now (source "platform"). (transfer full): what happened, as
 * the console logs it, or %NULL when there was no order to review. */
char     *shou_sim_reviews_leave    (ShouHubStore  *db,
                                     GRand         *rand,
                                     const char    *merchant,
                                     gint64         now,
                                     GError       **error);

/* Inside a transaction: @n reviews for @merchant's orders, spread over the
 * last week, some contacted, offered a remedy, replied to or settled. */
gboolean  shou_sim_reviews_add_demo (ShouHubStore  *db,
                                     GRand         *rand,
                                     const char    *merchant,
                                     guint          n,
                                     gint64         now,
                                     GError       **error);

G_END_DECLS
