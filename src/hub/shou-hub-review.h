/* shou-hub-review.h: a bad review as the contract renders it (API.md
 * "review"), made from a create body and changed by the seller's follow-up
 * actions under core's rules (core/shou-review.h). Shared by the routes and
 * the simulated platform's buyers. */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* A create body's members (POST /v1/reviews). */
extern const char *const shou_hub_review_fields[];

/**
 * shou_hub_review_create:
 * @body: the create body; shop_id must already be the merchant's
 * @source: "platform" (the platform published it) or "manual" (entered by hand)
 *
 * Checks @body (order and request ids must be @merchant's, in the shop) and
 * makes the review at version 1 with a new id. Nothing is stored.
 *
 * Returns: (transfer full): the review, or %NULL with a 400 @failure
 */
JsonObject *shou_hub_review_create (ShouHubStore     *store,
                                    const char       *merchant,
                                    JsonObject       *body,
                                    const char       *source,
                                    gint64            now,
                                    ShouHubFailure  **failure);

/* Checks @params of @action and core's rules, then changes @review (new
 * version and updated_at). %FALSE with a 400 or 422 @failure, @review
 * unchanged. */
gboolean    shou_hub_review_apply  (JsonObject       *review,
                                    ShouReviewAction  action,
                                    JsonObject       *params,
                                    gint64            now,
                                    ShouHubFailure  **failure);

/* Shared with the other care records (shou-hub-complaint.c): */
/* Checks a text member: UTF-8, not blank when @required, at most
 * SHOU_REVIEW_TEXT_MAX characters. %NULL @text passes. */
gboolean    shou_hub_care_check_text (const char       *field,
                                      const char       *text,
                                      gboolean          required,
                                      ShouHubFailure  **failure);
/* @value, or null when it is %NULL or empty. */
void        shou_hub_care_set_optional (JsonObject *object,
                                        const char *name,
                                        const char *value);
/* A create body's common members (borrowed from the body). */
typedef struct
{
  const char *shop_id;
  const char *order_id;
  const char *aftersale_id;
  const char *nick;
  const char *text;
} ShouHubCareInput;

/* Checks that @body has only @fields, and its common members: shop_id
 * and buyer_nick required, text at most 500 characters (400). */
gboolean    shou_hub_care_input (JsonObject          *body,
                                 const char * const  *fields,
                                 ShouHubCareInput    *in,
                                 ShouHubFailure     **failure);
/* A new complaint or incident (id "@prefix-N" from @kind's sequence) with
 * its shop, the shop's platform, @order's id and number, @aftersale_id and
 * the buyer's @nick. (transfer full) */
JsonObject *shou_hub_care_new (ShouHubStore *store,
                               const char   *kind,
                               const char   *prefix,
                               const char   *shop_id,
                               JsonObject   *order,
                               const char   *aftersale_id,
                               const char   *nick);
/* The members every new record ends with: note "", created_at, updated_at
 * (@now) and version 1. */
void        shou_hub_care_set_times (JsonObject *object,
                                     gint64      now);
/* The order an object names by @order_id or @aftersale_id (both may be
 * %NULL: *@order stays %NULL); either must be @merchant's, in @shop_id,
 * else a 400 unknown_order / unknown_aftersale @failure. */
gboolean    shou_hub_care_find_order (ShouHubStore     *store,
                                      const char       *merchant,
                                      const char       *shop_id,
                                      const char       *order_id,
                                      const char       *aftersale_id,
                                      JsonObject      **order,
                                      ShouHubFailure  **failure);

G_END_DECLS
