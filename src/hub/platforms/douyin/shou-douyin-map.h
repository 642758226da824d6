/* shou-douyin-map.h: 抖店 words → the contract's.
 *
 * Fields of afterSale/List (aftersale_info) and afterSale/Detail, and the
 * afterSale/operate types, from the official Go SDK (mirrored as
 * zsmhub/doudian-sdk api/afterSale_List/response/afterSale_List_response.go)
 * and platform-apis.md; see tests/data/platforms/README.md.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-types.h"

G_BEGIN_DECLS

/* aftersale_type: 0 return+refund, 1 shipped refund-only, 2 unshipped
 * refund-only, 3 exchange, 6 price protection, 7 reship, 8 repair. */
gboolean shou_douyin_map_type          (gint64             aftersale_type,
                                        ShouRequestType   *out);
/* aftersale_status (= standard_aftersale_status). @out_seller_shipped
 * (optional) is set for 3 and 13: the exchange went out, the buyer is to
 * receive it (core: wait_seller_ship with the shipment made). */
gboolean shou_douyin_map_status        (gint64             aftersale_status,
                                        ShouRequestStatus *out,
                                        gboolean          *out_seller_shipped);
/* arbitrate_status 0–5, 255: sets @out_intervention while the platform is
 * arbitrating (1 仲裁中, 4 待商家举证, 5 协商期); apply it with
 * shou_protocol_with_intervention(). */
gboolean shou_douyin_map_arbitrate     (gint64             arbitrate_status,
                                        gboolean          *out_intervention);
/* got_pkg 0/1, and returned once the buyer shipped the goods back
 * (aftersale_status 11, 待商家二次同意). */
gboolean shou_douyin_map_good_status   (gint64             got_pkg,
                                        gint64             aftersale_status,
                                        ShouGoodStatus    *out);
/* related_order_info.order_status: 2 unshipped, 3 shipped, 5 received or
 * completed, 255 completed. */
gboolean shou_douyin_map_order_status  (gint64             order_status,
                                        ShouOrderState    *out);

/* afterSale/operate `type` for a seller action on a request of @type in
 * @status: 101/102 agree/reject return (first review), 111/112 confirm /
 * refuse the returned goods (second review), 201/202 agree/reject a
 * refund-only request, 401 refund before shipment. FALSE when the published
 * API has no such operation (the adapter then blocks the action). */
gboolean shou_douyin_operate_type      (ShouAction         action,
                                        gint64             aftersale_type,
                                        gint64             aftersale_status,
                                        gint64            *out_type);

/* Amount fields are integer fen (refund_amount, refund_post_amount,
 * refund_tax_amount, return_promotion_amount, pay_amount, post_amount,
 * tax_amount, price, aftersale_pay_amount, aftersale_post_amount,
 * aftersale_tax_amount, promotion_pay_amount); exchange_sku_info.price is a
 * string of fen. Reads @field of @object into fen: a JSON integer or a string
 * of digits, 0 ≤ fen ≤ SHOU_MONEY_MAX_FEN; else SHOU_PROTOCOL_ERROR_MALFORMED. */
gboolean shou_douyin_amount_fen        (JsonObject        *object,
                                        const char        *field,
                                        gint64            *out_fen,
                                        GError           **error);

G_END_DECLS
