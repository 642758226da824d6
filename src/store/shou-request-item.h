/* shou-request-item.h: one row of the request queue, materialised lazily by
 * ShouRequestList from the cache. Immutable once created: when the cache
 * changes, the list emits items-changed and new items are made. */
#pragma once

#include <glib-object.h>

#include "core/shou-core.h"
#include "shou-view.h"

G_BEGIN_DECLS

#define SHOU_TYPE_REQUEST_ITEM (shou_request_item_get_type ())
G_DECLARE_FINAL_TYPE (ShouRequestItem, shou_request_item, SHOU, REQUEST_ITEM, GObject)

/* Properties (all read-only, G_PARAM_CONSTRUCT_ONLY):
 *   "id"              string   the request's key (shou-store.h), unique across accounts
 *   "shop-id"         string   the shop's key
 *   "shop-name"       string
 *   "platform"        int      ShouPlatform
 *   "request-type"    int      ShouRequestType
 *   "status"          int      ShouRequestStatus
 *   "order-no"        string
 *   "goods-title"     string
 *   "sku"             string
 *   "buyer"           string   buyer nick
 *   "amount-fen"      int64
 *   "reason-text"     string
 *   "deadline-at"     int64    0 when none
 *   "on-lapse"        int      ShouLapse
 *   "pending-actions" uint     outbox entries waiting to sync
 *   "conflict"        string   conflict message, NULL when none
 *   "logistics-stalled" boolean
 */
const char       *shou_request_item_get_id              (ShouRequestItem *self);
const char       *shou_request_item_get_shop_id         (ShouRequestItem *self);
const char       *shou_request_item_get_shop_name       (ShouRequestItem *self);
ShouPlatform      shou_request_item_get_platform        (ShouRequestItem *self);
ShouRequestType   shou_request_item_get_request_type    (ShouRequestItem *self);
ShouRequestStatus shou_request_item_get_status          (ShouRequestItem *self);
const char       *shou_request_item_get_order_no        (ShouRequestItem *self);
const char       *shou_request_item_get_goods_title     (ShouRequestItem *self);
const char       *shou_request_item_get_sku             (ShouRequestItem *self);
const char       *shou_request_item_get_buyer           (ShouRequestItem *self);
gint64            shou_request_item_get_amount_fen      (ShouRequestItem *self);
const char       *shou_request_item_get_reason_text     (ShouRequestItem *self);
gint64            shou_request_item_get_deadline_at     (ShouRequestItem *self);
ShouLapse         shou_request_item_get_on_lapse        (ShouRequestItem *self);
guint             shou_request_item_get_pending_actions (ShouRequestItem *self);
const char       *shou_request_item_get_conflict        (ShouRequestItem *self);
gboolean          shou_request_item_get_logistics_stalled (ShouRequestItem *self);
gboolean          shou_request_item_get_exchange_shipped  (ShouRequestItem *self);
/* The deadline counts working days Monday to Friday (no holiday table): 约. */
gboolean          shou_request_item_get_deadline_approximate (ShouRequestItem *self);
/* The sidebar view that lists the request (待处理, 协商中, …; SHOU_VIEW_ALL
 * when none does): where a search result opens. */
ShouView          shou_request_item_get_home_view         (ShouRequestItem *self);
/* Another staff member handling it ("张三 处理中"), or NULL. */
const char       *shou_request_item_get_claim_holder    (ShouRequestItem *self);
/* The request's tags, sorted (%NULL for none): the merchant's own words,
 * shown as text. */
const char * const *
                  shou_request_item_get_tags            (ShouRequestItem *self);

G_END_DECLS
