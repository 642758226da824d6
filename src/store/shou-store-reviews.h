/* shou-store-reviews.h: bad reviews (中差评) in the cache, the feed's kind
 * "review" (API.md "review"). The seller's follow-up goes through the
 * outbox like a request's actions: written locally (optimistic) in the
 * same transaction as its outbox entry, sent in order with its key, and a
 * 409/422 shown on the review. A review registered by hand gets a local id
 * until the server takes it; actions queued meanwhile follow it. */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_REVIEW_LIST_ALL,           /* newest first */
  SHOU_REVIEW_LIST_WAITING_REPLY, /* the morning list: no public reply yet, oldest first */
  SHOU_REVIEW_LIST_OPEN,          /* not settled yet, oldest first */
} ShouReviewList;

/* (transfer full) (element-type JsonObject): reviews as the server sent
 * them with the seller's queued follow-up applied, each with "key" (for
 * the calls below), "pending" (entries not yet sent) and "conflict"
 * ({"code", "reason", "message"} or absent). At most @limit. */
GPtrArray  *shou_store_list_reviews          (ShouStore        *self,
                                              ShouReviewList    which,
                                              guint             limit);
/* (transfer full): one review as listed, or %NULL */
JsonObject *shou_store_get_review            (ShouStore        *self,
                                              const char       *key);
/* Reviews since @since (reviewed_at, UTC µs) per reason; @counts has
 * SHOU_N_REVIEW_REASONS entries. Returns the total. */
guint       shou_store_count_review_reasons  (ShouStore        *self,
                                              gint64            since,
                                              guint            *counts);

/* Registers a review by hand (@fields: buyer_nick, rating, text,
 * reason_code, order_id…, as POST /v1/reviews takes them) in the shop with
 * key @shop_key. (transfer full): the new review's key, or %NULL */
char       *shou_store_register_review       (ShouStore        *self,
                                              const char       *shop_key,
                                              JsonObject       *fields,
                                              GError          **error);
/* Queues @action on the review (core's rules checked first: a refused
 * step is SHOU_STORE_ERROR_INVALID with the reason in words). */
gboolean    shou_store_enqueue_review_action (ShouStore        *self,
                                              const char       *key,
                                              ShouReviewAction  action,
                                              JsonObject       *params,
                                              GError          **error);

/* The server's copy of one review (GET /v1/reviews/{id} after a
 * conflict), then "changed". */
gboolean    shou_store_apply_review          (ShouStore        *self,
                                              const char       *account_id,
                                              JsonObject       *review,
                                              GError          **error);

/* shou-store-requests.c's page writer: a feed change of kind "review". */
gboolean    shou_store_write_review          (ShouStore        *self,
                                              const char       *account_id,
                                              JsonObject       *data,
                                              GError          **error);

G_END_DECLS
