/* shou-store-orders.h: the seller's steps on an order itself (not on one
 * of its after-sales requests), queued in the outbox like every action.
 * Today one: cancelling a cash-on-delivery order before it ships (Douyin,
 * seed 004 1、; POST /v1/orders/{id}/cancel). */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

/**
 * shou_store_cancel_order:
 * @order_key: an order's key (shou_store_list_orders ()'s "key")
 * @buyer_consulted: the seller talked to the buyer and the buyer agreed
 *
 * Checks the cancellation with core's rules against the cached order
 * (shou_order_merchant_can_cancel ()), then queues it with the order's
 * version and a fresh idempotency key. Until the server answers, the
 * order of shou_store_list_orders () says "cancel_pending": true; a refusal
 * is its "cancel_refused": the rules' reason code (or the error code, such
 * as "version_conflict"), kept until the seller tries again.
 * Returns: %TRUE once queued; %FALSE with a translated message otherwise.
 */
gboolean shou_store_cancel_order (ShouStore   *self,
                                  const char  *order_key,
                                  gboolean     buyer_consulted,
                                  GError     **error);

G_END_DECLS
