/* shou-taobao-map.h: Taobao/Tmall (TOP) words → the contract's.
 *
 * Fields of taobao.refunds.receive.get and taobao.refund.get (the same codes
 * in both), from bububa/opentaobao model/refund/Refund.go and
 * TaobaoRefundsReceiveGetAPIRequest.go; see tests/data/platforms/README.md.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-types.h"

G_BEGIN_DECLS

/* Refund `status`. @out_seller_shipped (optional) is set for
 * WAIT_BUYER_CONFIRM_EXCHANGE_SELLER_SEND_GOODS: the exchange went out and
 * the buyer is to confirm it (core: wait_seller_ship with the shipment made). */
gboolean shou_taobao_map_status       (const char        *status,
                                       ShouRequestStatus *out,
                                       gboolean          *out_seller_shipped);
/* `cs_status` (客服介入, 1–11): sets @out_intervention for the values that mean
 * the platform is or will be intervening (apply it with
 * shou_protocol_with_intervention()); FALSE for a value not documented,
 * which must never hide the refund's own status. */
gboolean shou_taobao_map_cs_status    (gint64             cs_status,
                                       gboolean          *out_intervention);
gboolean shou_taobao_map_good_status  (const char        *good_status,
                                       ShouGoodStatus    *out);
/* `dispute_type`; OTHERS (and an absent type) fall back to has_good_return. */
gboolean shou_taobao_map_dispute_type (const char        *dispute_type,
                                       gboolean           has_good_return,
                                       ShouRequestType   *out);
gboolean shou_taobao_map_order_status (const char        *order_status,
                                       ShouOrderState    *out);
/* taobao.refund.messages.get `owner_role`: 1 buyer, 2 seller, 3 platform. */
gboolean shou_taobao_map_owner_role   (gint64             owner_role,
                                       ShouActor         *out);

/* The refund's amount fields are yuan strings ("200.07"): total_fee,
 * refund_fee, payment, price, split_taobao_fee, split_seller_fee. Reads
 * @field of @refund into fen; FALSE (SHOU_PROTOCOL_ERROR_MALFORMED) when it
 * is absent, not a string, or not an exact amount. */
gboolean shou_taobao_amount_fen       (JsonObject        *refund,
                                       const char        *field,
                                       gint64            *out_fen,
                                       GError           **error);

G_END_DECLS
