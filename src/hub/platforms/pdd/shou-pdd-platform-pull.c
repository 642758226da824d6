/* shou-pdd-platform-pull.c: the incremental pull of one Pinduoduo shop. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-pdd-map.h"
#include "shou-pdd-platform-private.h"

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  if (!json_object_has_member (parent, name) ||
      json_object_get_object_member (parent, name) == NULL)
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

/* A member as text whether Pinduoduo sent a number or a string. */
static char *
text_of (JsonObject *o,
         const char *name)
{
  return o ? shou_protocol_json_code (o, name) : NULL;
}

static gint64
int_of (JsonObject *o,
        const char *name)
{
  g_autofree char *text = text_of (o, name);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* The detail's field, else the list entry's (they name some differently). */
static char *
either (JsonObject *detail,
        const char *detail_name,
        JsonObject *entry,
        const char *entry_name)
{
  char *text = text_of (detail, detail_name);

  if (text == NULL || *text == '\0')
    {
      g_free (text);
      text = text_of (entry, entry_name);
    }
  return text;
}

static void
replace (char      **field,
         char       *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

void
shou_pdd_set_status (ShouHubAftersale *as,
                     gint64            after_sales_status,
                     gint64            at)
{
  JsonObject *raw = ensure_object (as->doc, "pdd");
  gboolean shipped = *json_object_get_string_member_with_default (raw, "tracking_number", "") != '\0';
  ShouPddStatus mapped;

  json_object_set_int_member (raw, "after_sales_status", after_sales_status);
  if (shou_pdd_map_status (after_sales_status, shipped, &mapped))
    {
      if (mapped.status != as->state.status)
        as->state.status_since = at;
      as->state.status = mapped.status;
      as->state.exchange_shipped = mapped.exchange_shipped;
    }
  as->state.return_shipped = shipped;
  as->state.good_status = shou_pdd_map_good_status (json_object_get_string_member_with_default (raw, "user_shipping_status", NULL),
                                                    shipped);
  as->state.version++;
  as->updated_at = at;
}

void
shou_pdd_fill_aftersale (ShouHubAftersale *as,
                         JsonObject       *entry,
                         JsonObject       *detail)
{
  JsonObject *raw = ensure_object (as->doc, "pdd");
  JsonObject *line = ensure_object (as->doc, "line");
  g_autofree char *status = either (detail, "after_sales_status", entry, "after_sales_status");
  g_autofree char *type = text_of (detail, "after_sales_type");
  g_autofree char *refund = text_of (entry, "refund_amount");
  g_autofree char *paid = text_of (entry, "order_amount");
  /* The list's own updated_time is what the next window is compared with
   * (is_unchanged), whatever form the detail writes it in. */
  g_autofree char *updated = entry ? text_of (entry, "updated_time") : text_of (detail, "updated_time");
  g_autofree char *created = text_of (entry, "created_time");
  g_autofree char *tracking = either (detail, "express_no", entry, "tracking_number");
  g_autofree char *order_sn = either (detail, "order_sn", entry, "order_sn");
  g_autofree char *sku = either (detail, "sku_id", entry, "sku_id");
  g_autofree char *expire = text_of (detail, "expire_time");
  g_autofree char *user_shipping = either (detail, "user_shipping_status", entry, "user_shipping_status");
  ShouRequestType req_type;
  gint64 fen;

  replace (&as->reason_text, either (detail, "after_sales_reason", entry, "after_sale_reason"));
  g_free (as->reason_code);
  as->reason_code = g_strdup (shou_pdd_map_reason (as->reason_text));
  replace (&as->buyer_text, text_of (detail, "remark"));
  if (as->reason_text == NULL)
    as->reason_text = g_strdup ("");
  if (as->buyer_text == NULL)
    as->buyer_text = g_strdup ("");
  if (order_sn != NULL)
    {
      g_free (as->order_id);
      as->order_id = g_strconcat ("pdd-o-", order_sn, NULL);
      g_free (as->line_id);
      as->line_id = g_strconcat (as->order_id, "-", sku ? sku : "0", NULL);
      json_object_set_string_member (raw, "order_sn", order_sn);
    }
  as->state.platform = SHOU_PLATFORM_PDD;
  if (type != NULL && shou_pdd_map_detail_type (g_ascii_strtoll (type, NULL, 10), &req_type))
    as->state.type = req_type;
  /* Amounts: the list's are yuan strings (the unit its documentation
   * gives); the detail's refund_amount has no documented unit, so it is
   * kept raw and never converted. */
  if (refund != NULL && shou_pdd_map_yuan_to_fen (refund, &fen))
    as->state.amount_fen = fen;
  if (paid != NULL && shou_pdd_map_yuan_to_fen (paid, &fen))
    as->state.paid_fen = MAX (fen, as->state.amount_fen);
  if (as->state.paid_fen < as->state.amount_fen)
    as->state.paid_fen = as->state.amount_fen;
  if (detail != NULL)
    {
      as->state.order_state = int_of (detail, "shipping_status") == 1 ? SHOU_ORDER_SHIPPED
                                                                        : SHOU_ORDER_PENDING_SHIPMENT;
      json_object_set_int_member (raw, "expire_time", shou_pdd_map_time (expire));
      if (json_object_has_member (detail, "refund_amount"))
        json_object_set_int_member (raw, "detail_refund_amount", int_of (detail, "refund_amount"));
      json_object_set_int_member (raw, "join_or_not", int_of (detail, "join_or_not"));
    }
  if (created != NULL && as->state.opened_at == 0)
    as->state.opened_at = shou_pdd_map_time (created);
  json_object_set_string_member (raw, "tracking_number", tracking ? tracking : "");
  json_object_set_string_member (raw, "user_shipping_status", user_shipping ? user_shipping : "0");
  json_object_set_string_member (raw, "updated_time", updated ? updated : "");
  json_object_set_int_member (raw, "speed_refund_flag", int_of (entry ? entry : detail, "speed_refund_flag"));
  json_object_set_string_member (line, "title", json_object_get_string_member_with_default (entry ? entry : detail, "goods_name", ""));
  json_object_set_string_member (line, "sku", sku ? sku : "");
  json_object_set_int_member (line, "quantity", int_of (entry ? entry : detail, "goods_number"));
  if (!json_object_has_member (as->doc, "timeline"))
    json_object_set_array_member (as->doc, "timeline", json_array_new ());
  if (!json_object_has_member (as->doc, "evidence"))
    json_object_set_array_member (as->doc, "evidence", json_array_new ());
  shou_pdd_set_status (as, status ? g_ascii_strtoll (status, NULL, 10) : 0,
                       MAX (shou_pdd_map_time (updated), as->state.opened_at));
}

/* Page @page of one window (pdd.refund.list.increment.get). */
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
  ShouPddPlatform *self = data;
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) body = NULL;
  JsonArray *list;

  shou_platform_params_set_int (biz, "after_sales_status", 1);
  shou_platform_params_set_int (biz, "after_sales_type", shou_pdd_map_list_type_filter (TRUE, 0));
  shou_platform_params_set_int (biz, "start_updated_at", from);
  shou_platform_params_set_int (biz, "end_updated_at", to);
  shou_platform_params_set_int (biz, "page", page);
  shou_platform_params_set_int (biz, "page_size", SHOU_PDD_PAGE_SIZE);
  body = shou_pdd_client_call (self->client, shop_id, "pdd.refund.list.increment.get", token, biz,
                               "refund_increment_get_response", error);
  if (body == NULL)
    return FALSE;
  list = json_object_has_member (body, "refund_list") ? json_object_get_array_member (body, "refund_list") : NULL;
  shou_platform_pull_add_entries (entries, list);
  *more = list != NULL && json_array_get_length (list) >= SHOU_PDD_PAGE_SIZE &&
          (gint64) page * SHOU_PDD_PAGE_SIZE < int_of (body, "total_count");
  return TRUE;
}

static char *
entry_id (JsonObject *entry)
{
  return text_of (entry, "id");
}

static gboolean
is_unchanged (ShouHubAftersale *known,
              JsonObject       *entry)
{
  JsonObject *raw = known && json_object_has_member (known->doc, "pdd")
                      ? json_object_get_object_member (known->doc, "pdd") : NULL;
  g_autofree char *updated = text_of (entry, "updated_time");
  g_autofree char *status = text_of (entry, "after_sales_status");

  return raw != NULL && updated != NULL && status != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (raw, "updated_time", ""), updated) == 0 &&
         json_object_get_int_member_with_default (raw, "after_sales_status", -1) == g_ascii_strtoll (status, NULL, 10);
}

/* pdd.refund.information.get for a changed entry. */
static gboolean
fill (gpointer           data,
      const char        *shop_id,
      const char        *token,
      ShouHubAftersale  *as,
      JsonObject        *entry,
      GError           **error)
{
  ShouPddPlatform *self = data;
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *order_sn = text_of (entry, "order_sn");

  shou_platform_params_set (biz, "after_sales_id", as->platform_id);
  shou_platform_params_set (biz, "order_sn", order_sn ? order_sn : "");
  detail = shou_pdd_client_call (self->client, shop_id, "pdd.refund.information.get", token, biz, NULL, error);
  if (detail == NULL)
    return FALSE;
  shou_pdd_fill_aftersale (as, entry, detail);
  return TRUE;
}

guint
shou_pdd_pull_shop (gpointer          data,
                    const char       *shop_id,
                    const char       *merchant_id,
                    GError          **error)
{
  ShouPddPlatform *self = data;
  ShouPlatformPull calls = {
    .id_prefix = "pdd-",
    .max_pages = SHOU_PDD_MAX_PAGES,
    .read_page = read_page,
    .entry_id = entry_id,
    .is_unchanged = is_unchanged,
    .fill = fill,
    .data = self,
  };

  return shou_platform_base_pull_shop (&self->base, &calls, shop_id, merchant_id, error);
}
