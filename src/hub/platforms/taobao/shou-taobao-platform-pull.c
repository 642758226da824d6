/* shou-taobao-platform-pull.c: the incremental pull of one Taobao/Tmall
 * shop and TOP's refund in the contract's terms. */
#include "config.h"

#include "core/shou-outbound.h"
#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-taobao-map.h"
#include "shou-taobao-platform-private.h"

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  if (!json_object_has_member (parent, name) || json_object_get_object_member (parent, name) == NULL)
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

static const char *
text_of (JsonObject *o,
         const char *name)
{
  const char *text = shou_protocol_json_string (o, name);

  return text ? text : "";
}

static gint64
int_of (JsonObject *o,
        const char *name)
{
  g_autofree char *text = shou_protocol_json_code (o, name);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* Amounts are yuan strings (Refund.go: "精确到2位小数;单位:元"), read exactly. */
static gint64
fen_of (JsonObject *o,
        const char *name,
        gint64      otherwise)
{
  gint64 fen;

  return json_object_has_member (o, name) && shou_taobao_amount_fen (o, name, &fen, NULL) ? fen : otherwise;
}

/* The order's own parcel: WAIT_BUYER_CONFIRM_GOODS is shipped and not yet
 * signed, which is when taobao.rp.refund.intercept applies. TOP's refund
 * carries no courier state of the outbound parcel, so "on its way" is our
 * reading of the order's status; the step is not stored (core reads it
 * from the order, as the simulator fills it at each render). */
void
shou_taobao_parcel_fill (ShouHubAftersale *as)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "taobao");
  const char *order_status = raw ? json_object_get_string_member_with_default (raw, "order_status", "") : "";

  as->state.parcel_step = 0;
  if (as->state.type == SHOU_REQUEST_REFUND_ONLY && g_str_equal (order_status, "WAIT_BUYER_CONFIRM_GOODS"))
    as->state.parcel_step = 1 + (as->state.parcel_wait == SHOU_PARCEL_WAIT_INTERCEPT ? SHOU_OUTBOUND_RETURNING
                                                                                      : SHOU_OUTBOUND_IN_TRANSIT);
}

void
shou_taobao_fill_aftersale (ShouHubAftersale *as,
                            JsonObject       *refund,
                            ShouPlatform      which)
{
  JsonObject *raw = ensure_object (as->doc, "taobao");
  JsonObject *line = ensure_object (as->doc, "line");
  JsonObject *remind = json_object_has_member (refund, "refund_remind_timeout")
                         ? json_object_get_object_member (refund, "refund_remind_timeout") : NULL;
  const char *status = text_of (refund, "status");
  gint64 modified = shou_protocol_parse_time (text_of (refund, "modified"));
  gboolean seller_shipped = FALSE;
  gboolean intervention = FALSE;
  ShouRequestStatus mapped;
  ShouRequestType type;
  ShouGoodStatus good;
  ShouOrderState order;

  as->state.platform = which;
  g_free (as->order_id);
  as->order_id = g_strconcat ("tb-o-", text_of (refund, "tid"), NULL);
  g_free (as->line_id);
  as->line_id = g_strconcat (as->order_id, "-", text_of (refund, "oid"), NULL);
  g_free (as->reason_text);
  as->reason_text = g_strdup (text_of (refund, "reason"));
  g_free (as->buyer_text);
  as->buyer_text = g_strdup (text_of (refund, "desc"));
  g_free (as->reason_code);
  as->reason_code = g_strdup ("other");
  if (shou_taobao_map_status (status, &mapped, &seller_shipped))
    {
      if (json_object_has_member (refund, "cs_status") &&
          shou_taobao_map_cs_status (int_of (refund, "cs_status"), &intervention))
        mapped = shou_protocol_with_intervention (mapped, intervention);
      if (mapped != as->state.status)
        as->state.status_since = MAX (modified, 1);
      as->state.status = mapped;
      as->state.exchange_shipped = seller_shipped;
    }
  if (shou_taobao_map_dispute_type (shou_protocol_json_string (refund, "dispute_type"),
                                    json_object_get_boolean_member_with_default (refund, "has_good_return", FALSE),
                                    &type))
    as->state.type = type;
  if (shou_taobao_map_good_status (shou_protocol_json_string (refund, "good_status"), &good))
    as->state.good_status = good;
  as->state.return_shipped = as->state.good_status == SHOU_GOOD_RETURNED;
  if (shou_taobao_map_order_status (shou_protocol_json_string (refund, "order_status"), &order))
    as->state.order_state = order;
  if (json_object_has_member (refund, "order_status"))
    json_object_set_string_member (raw, "order_status", text_of (refund, "order_status"));
  as->state.amount_fen = fen_of (refund, "refund_fee", as->state.amount_fen);
  as->state.paid_fen = MAX (fen_of (refund, "payment", fen_of (refund, "total_fee", as->state.paid_fen)),
                            as->state.amount_fen);
  if (as->state.opened_at == 0)
    as->state.opened_at = shou_protocol_parse_time (text_of (refund, "created"));
  json_object_set_string_member (raw, "status", status);
  json_object_set_string_member (raw, "modified", text_of (refund, "modified"));
  json_object_set_string_member (raw, "tid", text_of (refund, "tid"));
  json_object_set_string_member (raw, "refund_phase", text_of (refund, "refund_phase"));
  if (json_object_has_member (refund, "refund_version"))
    json_object_set_int_member (raw, "refund_version", int_of (refund, "refund_version"));
  /* refund_remind_timeout: the platform's own deadline (yyyy-MM-dd HH:mm:ss, GMT+8). */
  json_object_set_int_member (raw, "timeout",
                              remind && json_object_get_boolean_member_with_default (remind, "exist_timeout", FALSE)
                                ? shou_protocol_parse_time (text_of (remind, "timeout")) : 0);
  json_object_set_string_member (line, "title", text_of (refund, "title"));
  json_object_set_string_member (line, "sku", text_of (refund, "oid"));
  json_object_set_int_member (line, "quantity", int_of (refund, "num"));
  if (!json_object_has_member (as->doc, "timeline"))
    json_object_set_array_member (as->doc, "timeline", json_array_new ());
  if (!json_object_has_member (as->doc, "evidence"))
    json_object_set_array_member (as->doc, "evidence", json_array_new ());
  as->state.version++;
  as->updated_at = MAX (modified, as->state.opened_at);
}

JsonObject *
shou_taobao_get_refund (ShouTaobaoPlatform *self,
                        const char         *shop_id,
                        const char         *session,
                        const char         *refund_id,
                        GError            **error)
{
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) payload = NULL;
  JsonNode *refund;

  shou_platform_params_set (biz, "fields", SHOU_TAOBAO_DETAIL_FIELDS);
  shou_platform_params_set (biz, "refund_id", refund_id);
  payload = shou_taobao_client_call (self->client, shop_id, "taobao.refund.get", session, biz, error);
  if (payload == NULL)
    return NULL;
  refund = json_object_get_member (payload, "refund");
  if (refund == NULL || !JSON_NODE_HOLDS_OBJECT (refund))
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "taobao.refund.get: no refund");
      return NULL;
    }
  return json_object_ref (json_node_get_object (refund));
}

/* Page @page of one window (taobao.refunds.receive.get with use_has_next).
 * Non-simplified JSON wraps the list: "refunds": {"refund": [...]}. */
static gboolean
read_page (gpointer     data,
           const char  *shop_id,
           const char  *session,
           gint64       from,
           gint64       to,
           guint        page,
           GPtrArray   *entries,
           gboolean    *more,
           GError     **error)
{
  ShouTaobaoPlatform *self = data;
  g_autofree char *start = shou_protocol_format_cst (from * G_USEC_PER_SEC);
  g_autofree char *end = shou_protocol_format_cst (to * G_USEC_PER_SEC);
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) body = NULL;
  JsonObject *wrap;
  JsonArray *list;

  shou_platform_params_set (biz, "fields", "refund_id,status,modified");
  shou_platform_params_set (biz, "start_modified", start);
  shou_platform_params_set (biz, "end_modified", end);
  shou_platform_params_set_int (biz, "page_no", page);
  shou_platform_params_set_int (biz, "page_size", SHOU_TAOBAO_PAGE_SIZE);
  shou_platform_params_set (biz, "use_has_next", "true");
  body = shou_taobao_client_call (self->client, shop_id, "taobao.refunds.receive.get", session, biz, error);
  if (body == NULL)
    return FALSE;
  wrap = json_object_has_member (body, "refunds") ? json_object_get_object_member (body, "refunds") : NULL;
  list = wrap && json_object_has_member (wrap, "refund") ? json_object_get_array_member (wrap, "refund") : NULL;
  shou_platform_pull_add_entries (entries, list);
  *more = json_object_get_boolean_member_with_default (body, "has_next", FALSE);
  return TRUE;
}

static char *
entry_id (JsonObject *entry)
{
  return shou_protocol_json_code (entry, "refund_id");
}

static gboolean
is_unchanged (ShouHubAftersale *known,
              JsonObject       *entry)
{
  JsonObject *raw = known && json_object_has_member (known->doc, "taobao")
                      ? json_object_get_object_member (known->doc, "taobao") : NULL;

  return raw != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (raw, "modified", ""), text_of (entry, "modified")) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (raw, "status", ""), text_of (entry, "status")) == 0;
}

static gboolean
fill (gpointer           data,
      const char        *shop_id,
      const char        *session,
      ShouHubAftersale  *as,
      JsonObject        *entry,
      GError           **error)
{
  ShouTaobaoPlatform *self = data;
  g_autoptr(JsonObject) refund = shou_taobao_get_refund (self, shop_id, session, as->platform_id, error);
  ShouPlatform which = SHOU_PLATFORM_TAOBAO;
  g_autofree char *merchant = shou_hub_store_get_shop (self->base.store, shop_id, &which);

  if (refund == NULL)
    return FALSE;
  shou_taobao_fill_aftersale (as, refund, which);
  /* The list's own modified is what the next window is compared with. */
  json_object_set_string_member (json_object_get_object_member (as->doc, "taobao"), "modified",
                                 text_of (entry, "modified"));
  return TRUE;
}

guint
shou_taobao_pull_shop (gpointer     data,
                       const char  *shop_id,
                       const char  *merchant_id,
                       GError     **error)
{
  ShouTaobaoPlatform *self = data;
  ShouPlatformPull calls = {
    .id_prefix = "tb-",
    .max_pages = SHOU_TAOBAO_MAX_PAGES,
    .read_page = read_page,
    .entry_id = entry_id,
    .is_unchanged = is_unchanged,
    .fill = fill,
    .data = self,
  };

  return shou_platform_base_pull_shop (&self->base, &calls, shop_id, merchant_id, error);
}
