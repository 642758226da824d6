/* shou-sim-orders.h: what the simulated platform does to an order by
 * itself, and the merchant's cancellation of one, as core's rules say:
 * an unpaid online-payment order is cancelled after 24 h (Douyin, seed 004
 * §2); a group that never formed is refunded 24 h after it started
 * (Pinduoduo, seed 003 一); a cash-on-delivery order may be cancelled by the
 * merchant while 待确认/备货中 (Douyin, 004 §1). */
#pragma once

#include "hub/shou-hub-failure.h"
#include "shou-sim-world.h"

G_BEGIN_DECLS

/* Records when the platform next acts on @order by itself (none: cleared). */
gboolean    shou_sim_orders_schedule      (ShouSimWorld   *world,
                                           const char     *merchant_id,
                                           JsonObject     *order,
                                           GError        **error);
/* Applies every order step due by now (each in its own transaction);
 * returns how many orders changed. */
guint       shou_sim_orders_process_lapses (ShouSimWorld  *world);
/* Test control (POST /v1/test/shipment): the order's parcel moves
 * (shou_sim_outbound_step ()), and in the same transaction each line's open
 * request is saved again, so that the change feed carries what GET shows
 * (allowed actions, the parcel wait, risks) and not the copy rendered
 * before the parcel moved. (transfer full) the order, or %NULL with
 * @failure. */
JsonObject *shou_sim_orders_move_parcel   (ShouSimWorld   *world,
                                           JsonObject     *body,
                                           ShouHubFailure **failure);
/* Test control: the group of a grouping order forms now. (transfer full)
 * the order, or %NULL with @failure */
JsonObject *shou_sim_orders_form_group    (ShouSimWorld   *world,
                                           JsonObject     *body,
                                           ShouHubFailure **failure);
/* The merchant cancels the order at @at (inside the caller's transaction).
 * (transfer full) the order, or %NULL with @failure (422 with core's
 * reason). */
JsonObject *shou_sim_orders_cancel        (ShouSimWorld   *world,
                                           const char     *merchant_id,
                                           const char     *order_id,
                                           gboolean        buyer_consulted,
                                           gint64          at,
                                           ShouHubFailure **failure);

G_END_DECLS
