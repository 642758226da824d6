/* shou-douyin-platform-pull.c: the incremental pull of one 抖店 shop and an
 * after-sales request (afterSale/List's item, afterSale/Detail's data) in
 * the contract's terms. Field names: the official Go SDK (public copy
 * zsmhub/doudian-sdk), api/afterSale_List and api/afterSale_Detail. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-map.h"
#include "shou-douyin-platform-private.h"

static JsonObject *
object_of (JsonObject *o,
           const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  if (object_of (parent, name) == NULL)
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

static gint64
int_of (JsonObject *o,
        const char *name,
        gint64      otherwise)
{
  g_autofree char *text = o ? shou_protocol_json_code (o, name) : NULL;
  gint64 value;

  return text && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL) ? value : otherwise;
}

static const char *
text_of (JsonObject *o,
         const char *name)
{
  const char *text = o ? shou_protocol_json_string (o, name) : NULL;

  return text ? text : "";
}

/* The first sku order of the detail's order_info. */
static JsonObject *
first_sku (JsonObject *order_info)
{
  JsonNode *node = order_info ? json_object_get_member (order_info, "sku_order_infos") : NULL;
  JsonArray *list = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  return list && json_array_get_length (list) > 0 ? json_array_get_object_element (list, 0) : NULL;
}

/* The statuses afterSale/Detail adds to the list's: 51 订单取消成功 (the
 * order was cancelled: closed), 53 逆向交易已完成 (the refund went through). */
static gboolean
detail_status (gint64             status_code,
               ShouRequestStatus *out)
{
  if (status_code != 51 && status_code != 53)
    return FALSE;
  *out = status_code == 51 ? SHOU_STATUS_CLOSED : SHOU_STATUS_SUCCESS;
  return TRUE;
}

/* The seller's outbound parcel: process_info.logistics_info.order[]
 * {tracking_no, company_code, company_name} ("卖家发货正向物流信息",
 * api/afterSale_Detail/response). The first is the one intercepted. */
static void
fill_parcel (JsonObject *raw,
             JsonObject *process)
{
  JsonObject *logistics = object_of (process, "logistics_info");
  JsonNode *node = logistics ? json_object_get_member (logistics, "order") : NULL;
  JsonArray *list = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonObject *first = list && json_array_get_length (list) > 0 ? json_array_get_object_element (list, 0) : NULL;

  json_object_set_string_member (raw, "parcel_tracking_no", text_of (first, "tracking_no"));
  json_object_set_string_member (raw, "parcel_company_code", text_of (first, "company_code"));
}

/* A shipped refund-only case (aftersale_type 1) whose buyer has not got the
 * goods (got_pkg 0) and whose parcel is known is on its way, which is when
 * afterSale/applyLogisticsIntercept applies; got_pkg 1 is signed for. The
 * detail carries no courier state beyond that. */
void
shou_douyin_parcel_fill (ShouHubAftersale *as)
{
  JsonObject *raw = object_of (as->doc, "douyin");
  const char *tracking = raw ? json_object_get_string_member_with_default (raw, "parcel_tracking_no", "") : "";

  as->state.parcel_step = 0;
  if (raw == NULL || as->state.type != SHOU_REQUEST_REFUND_ONLY ||
      json_object_get_int_member_with_default (raw, "aftersale_type", -1) != 1 || *tracking == '\0')
    return;
  if (json_object_get_int_member_with_default (raw, "got_pkg", 0) != 0)
    as->state.parcel_step = 1 + SHOU_OUTBOUND_SIGNED;
  else
    as->state.parcel_step = 1 + (as->state.parcel_wait == SHOU_PARCEL_WAIT_INTERCEPT ? SHOU_OUTBOUND_RETURNING
                                                                                      : SHOU_OUTBOUND_IN_TRANSIT);
}

/* aftersale_status and arbitrate_status onto the state; @type_code is the
 * list's numbering (afterSale/List aftersale_type; the detail numbers 2 as
 * "发货前退款" alike and adds 4/5 for cancellations, which keep the type). */
static void
set_status (ShouHubAftersale *as,
            gint64            status_code,
            gint64            type_code,
            gint64            arbitrate,
            gint64            got_pkg,
            gint64            at)
{
  JsonObject *raw = ensure_object (as->doc, "douyin");
  gboolean shipped = FALSE, intervention = FALSE;
  ShouRequestStatus status;
  ShouRequestType type;
  ShouGoodStatus good;

  if (shou_douyin_map_type (type_code, &type))
    {
      as->state.type = type;
      json_object_set_int_member (raw, "aftersale_type", type_code);
    }
  if (shou_douyin_map_status (status_code, &status, &shipped) || detail_status (status_code, &status))
    {
      if (shou_douyin_map_arbitrate (arbitrate, &intervention))
        status = shou_protocol_with_intervention (status, intervention);
      if (status != as->state.status)
        as->state.status_since = MAX (at, 1);
      as->state.status = status;
      as->state.exchange_shipped = shipped;
    }
  if (shou_douyin_map_good_status (got_pkg, status_code, &good))
    as->state.good_status = good;
  as->state.return_shipped = status_code == 11;
  json_object_set_int_member (raw, "aftersale_status", status_code);
  json_object_set_int_member (raw, "arbitrate_status", arbitrate);
  json_object_set_int_member (raw, "got_pkg", got_pkg);
}

void
shou_douyin_fill_aftersale (ShouHubAftersale *as,
                            JsonObject       *detail)
{
  JsonObject *process = object_of (detail, "process_info");
  JsonObject *info = object_of (process, "after_sale_info");
  JsonObject *arbitrate = object_of (process, "arbitrate_info");
  JsonObject *order = object_of (detail, "order_info");
  JsonObject *sku = first_sku (order);
  JsonObject *raw = ensure_object (as->doc, "douyin");
  JsonObject *line = ensure_object (as->doc, "line");
  gint64 updated = int_of (info, "update_time", 0);
  gint64 type_code = int_of (info, "after_sale_type", -1);
  ShouOrderState order_state;
  gint64 fen;

  as->state.platform = SHOU_PLATFORM_DOUYIN;
  g_free (as->order_id);
  as->order_id = g_strdup_printf ("dy-o-%" G_GINT64_FORMAT, int_of (order, "shop_order_id", 0));
  g_free (as->line_id);
  as->line_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, as->order_id, int_of (sku, "sku_order_id", 0));
  g_free (as->reason_text);
  as->reason_text = g_strdup (text_of (info, "reason"));
  g_free (as->buyer_text);
  as->buyer_text = g_strdup (text_of (info, "reason_remark"));
  g_free (as->reason_code);
  as->reason_code = g_strdup ("other");
  if (as->state.opened_at == 0)
    as->state.opened_at = int_of (info, "apply_time", 0) * G_USEC_PER_SEC;
  /* The detail's type where it means the list's (4 and 5 are cancellations). */
  if (type_code == 4 || type_code == 5)
    type_code = json_object_get_int_member_with_default (raw, "aftersale_type", -1);
  set_status (as, int_of (info, "after_sale_status", 0), type_code, int_of (arbitrate, "arbitrate_status", 0),
              int_of (info, "got_pkg", 0), updated * G_USEC_PER_SEC);
  fill_parcel (raw, process);
  if (sku != NULL && shou_douyin_map_order_status (int_of (sku, "order_status", 0), &order_state))
    as->state.order_state = order_state;
  /* Amounts are integer fen: refund_total_amount "售后总金额（含运费）",
   * refund_post_amount "售后运费", pay_amount "买家实付金额（分）". */
  if (info != NULL && shou_douyin_amount_fen (info, "refund_total_amount", &fen, NULL))
    {
      gint64 post = 0;

      if (json_object_has_member (info, "refund_post_amount"))
        shou_douyin_amount_fen (info, "refund_post_amount", &post, NULL);
      as->state.amount_fen = MAX (fen - post, 0);
    }
  if (sku != NULL && shou_douyin_amount_fen (sku, "pay_amount", &fen, NULL))
    as->state.paid_fen = fen;
  as->state.paid_fen = MAX (as->state.paid_fen, as->state.amount_fen);
  /* update_time: the version afterSale/operate checks ("使用【/afterSale/Detail】接口返回的update_time"). */
  json_object_set_int_member (raw, "update_time", updated);
  json_object_set_int_member (raw, "status_deadline", int_of (info, "status_deadline", 0));
  json_object_set_int_member (raw, "return_address_id", int_of (info, "return_address_id", 0));
  json_object_set_string_member (line, "title", text_of (sku, "product_name"));
  json_object_set_string_member (line, "sku", text_of (sku, "shop_sku_code"));
  json_object_set_int_member (line, "quantity", int_of (info, "after_sale_apply_count", 1));
  if (!json_object_has_member (as->doc, "timeline"))
    json_object_set_array_member (as->doc, "timeline", json_array_new ());
  if (!json_object_has_member (as->doc, "evidence"))
    json_object_set_array_member (as->doc, "evidence", json_array_new ());
  as->state.version++;
  as->updated_at = MAX (updated * G_USEC_PER_SEC, as->state.opened_at);
}

JsonObject *
shou_douyin_get_detail (ShouDouyinPlatform *self,
                        const char         *shop_id,
                        const char         *token,
                        const char         *aftersale_id,
                        GError            **error)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) data = NULL;

  json_object_set_string_member (params, "after_sale_id", aftersale_id);
  data = shou_douyin_client_call (self->client, shop_id, "afterSale/Detail", token, params, error);
  if (data != NULL && object_of (object_of (data, "process_info"), "after_sale_info") == NULL)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "afterSale/Detail: no process_info.after_sale_info");
      return NULL;
    }
  return g_steal_pointer (&data);
}

/* Page @page of one window: afterSale/List over update_start_time and
 * update_end_time (seconds), page from 0, size at most 100, oldest change
 * first; data {items: [{aftersale_info, order_info, text_part}], has_more,
 * total, page, size}. */
static gboolean
read_page (gpointer     data,
           const char  *shop_id,
           const char  *token,
           gint64       from,
           gint64       to,
           guint        page,
           GPtrArray   *entries,
           gboolean    *more,
           GError     **error)
{
  ShouDouyinPlatform *self = data;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) body = NULL;
  JsonArray *order_by = json_array_new ();
  JsonNode *items;

  json_array_add_string_element (order_by, "update_time asc");
  json_object_set_int_member (params, "update_start_time", from);
  json_object_set_int_member (params, "update_end_time", to);
  json_object_set_int_member (params, "page", page - 1);
  json_object_set_int_member (params, "size", SHOU_DOUYIN_PAGE_SIZE);
  json_object_set_array_member (params, "order_by", order_by);
  body = shou_douyin_client_call (self->client, shop_id, "afterSale/List", token, params, error);
  if (body == NULL)
    return FALSE;
  items = json_object_get_member (body, "items");
  shou_platform_pull_add_entries (entries, items && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL);
  *more = json_object_get_boolean_member_with_default (body, "has_more", FALSE);
  return TRUE;
}

static char *
entry_id (JsonObject *entry)
{
  JsonObject *info = object_of (entry, "aftersale_info");

  return info ? shou_protocol_json_code (info, "aftersale_id") : NULL;
}

/* The list's own update_time and status are what the next window is
 * compared with. */
static gboolean
is_unchanged (ShouHubAftersale *known,
              JsonObject       *entry)
{
  JsonObject *raw = known ? object_of (known->doc, "douyin") : NULL;
  JsonObject *info = object_of (entry, "aftersale_info");

  return raw != NULL && info != NULL &&
         json_object_get_int_member_with_default (raw, "list_update_time", -1) == int_of (info, "update_time", -2) &&
         json_object_get_int_member_with_default (raw, "list_status", -1) == int_of (info, "aftersale_status", -2);
}

static gboolean
fill (gpointer           data,
      const char        *shop_id,
      const char        *token,
      ShouHubAftersale  *as,
      JsonObject        *entry,
      GError           **error)
{
  ShouDouyinPlatform *self = data;
  JsonObject *info = object_of (entry, "aftersale_info");
  g_autoptr(JsonObject) detail = shou_douyin_get_detail (self, shop_id, token, as->platform_id, error);
  JsonObject *raw;
  gint64 fen;

  if (detail == NULL)
    return FALSE;
  shou_douyin_fill_aftersale (as, detail);
  /* The list's numbering of the type (the detail's differs: see set_status). */
  raw = ensure_object (as->doc, "douyin");
  if (shou_douyin_map_type (int_of (info, "aftersale_type", -1), &as->state.type))
    json_object_set_int_member (raw, "aftersale_type", int_of (info, "aftersale_type", -1));
  /* refund_amount: "售后退款金额，单位为分". */
  if (info != NULL && shou_douyin_amount_fen (info, "refund_amount", &fen, NULL))
    {
      as->state.amount_fen = fen;
      as->state.paid_fen = MAX (as->state.paid_fen, fen);
    }
  json_object_set_int_member (raw, "list_update_time", int_of (info, "update_time", 0));
  json_object_set_int_member (raw, "list_status", int_of (info, "aftersale_status", 0));
  return TRUE;
}

guint
shou_douyin_pull_shop (gpointer     data,
                       const char  *shop_id,
                       const char  *merchant_id,
                       GError     **error)
{
  ShouDouyinPlatform *self = data;
  ShouPlatformPull calls = {
    .id_prefix = "dy-",
    .max_pages = SHOU_DOUYIN_MAX_PAGES,
    .read_page = read_page,
    .entry_id = entry_id,
    .is_unchanged = is_unchanged,
    .fill = fill,
    .data = self,
  };

  return shou_platform_base_pull_shop (&self->base, &calls, shop_id, merchant_id, error);
}
