#include "config.h"

#include "shou-sim-parcel.h"
#include "shou-sim-subsidy.h"
#include "shou-sim-world-private.h"
#include "shou-sim-words.h"

#include "hub/shou-hub-json.h"


G_DEFINE_FINAL_TYPE (ShouSimWorld, shou_sim_world, G_TYPE_OBJECT)

/* Buyer reasons the simulated platform offers when opening a request. */
static const struct {
  const char *code;
  const char *text;
} buyer_reasons[] = {
  { "size_mismatch",    "尺码不合适" },
  { "quality_problem",  "质量问题" },
  { "no_reason_7d",     "七天无理由退换货" },
  { "not_as_described", "与商品描述不符" },
  { "missing_items",    "少件/漏发" },
  { "damaged_in_transit", "物流破损" },
  { "wrong_item",       "卖家发错货" },
  { "not_wanted",       "不想要了/拍错了" },
  { "not_received",     "未收到货" },
  { "late_shipping",    "未按约定时间发货" },
};

static void
set_failure (ShouHubFailure **out,
             ShouHubFailure  *failure)
{
  if (out != NULL)
    *out = failure;
  else
    shou_hub_failure_free (failure);
}

/* Object */

static void
shou_sim_world_dispose (GObject *object)
{
  ShouSimWorld *self = SHOU_SIM_WORLD (object);

  g_clear_object (&self->db);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->shop_platforms, g_hash_table_unref);

  G_OBJECT_CLASS (shou_sim_world_parent_class)->dispose (object);
}

static void
shou_sim_world_class_init (ShouSimWorldClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_world_dispose;
}

static void
shou_sim_world_init (ShouSimWorld *self)
{
  self->shop_platforms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ShouSimWorld *
shou_sim_world_new (ShouHubStore    *db,
                    ShouSimClock *clock)
{
  ShouSimWorld *self;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (db), NULL);
  g_return_val_if_fail (SHOU_IS_SIM_CLOCK (clock), NULL);

  self = g_object_new (SHOU_TYPE_SIM_WORLD, NULL);
  self->db = g_object_ref (db);
  self->clock = g_object_ref (clock);
  self->profiles = shou_profiles_get_default ();
  return self;
}

ShouHubStore *
shou_sim_world_get_db (ShouSimWorld *self)
{
  return self->db;
}

void
shou_sim_world_set_renderer (ShouSimWorld      *self,
                             ShouSimRenderFunc  render)
{
  g_return_if_fail (SHOU_IS_SIM_WORLD (self));
  self->render = render;
}

ShouHubAftersale *
shou_sim_world_find_request (ShouSimWorld *self,
                             const char   *id)
{
  g_autofree char *merchant = shou_hub_store_find_owner (self->db, "aftersales", id);

  return merchant ? shou_hub_store_get_aftersale (self->db, merchant, id) : NULL;
}

ShouSimClock *
shou_sim_world_get_clock (ShouSimWorld *self)
{
  return self->clock;
}

gint64
shou_sim_world_now (ShouSimWorld *self)
{
  return shou_sim_clock_now (self->clock);
}

const ShouProfile *
shou_sim_world_get_profile (ShouSimWorld *self,
                            ShouPlatform  platform)
{
  ShouProfile *profile = shou_profiles_get (self->profiles, platform);

  if (profile == NULL && platform == SHOU_PLATFORM_TMALL)
    profile = shou_profiles_get (self->profiles, SHOU_PLATFORM_TAOBAO);
  if (profile == NULL)
    g_error ("shouhou-sim: no rule profile for %s", shou_platform_to_string (platform));
  return profile;
}

const ShouProfile *
shou_sim_world_request_profile (ShouSimWorld     *self,
                                ShouHubAftersale *as)
{
  return shou_hub_aftersale_resolve_profile (as, shou_sim_world_get_profile (self, as->state.platform),
                                             self->profiles);
}

void
shou_sim_world_set_lapse_grace (ShouSimWorld *self,
                                gint64        grace)
{
  self->lapse_grace = MAX (grace, 0);
}

void
shou_sim_world_set_seed (ShouSimWorld *self,
                         guint32       seed)
{
  self->seed = seed;
}

guint32
shou_sim_world_get_seed (ShouSimWorld *self)
{
  return self->seed;
}

gint64
shou_sim_world_get_lapse_grace (ShouSimWorld *self)
{
  return self->lapse_grace;
}

guint64
shou_sim_world_get_events_applied (ShouSimWorld *self)
{
  return self->events_applied;
}

/* Documents */

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (parent, name, json_object_new ());
      node = json_object_get_member (parent, name);
    }
  return json_node_get_object (node);
}

static JsonArray *
ensure_array (JsonObject *parent,
              const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (parent, name, json_array_new ());
      node = json_object_get_member (parent, name);
    }
  return json_node_get_array (node);
}

static JsonArray *
copy_string_array (JsonObject *params,
                   const char *name)
{
  JsonArray *copy = json_array_new ();
  JsonNode *node = params ? json_object_get_member (params, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *src = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (src); i++)
        {
          JsonNode *el = json_array_get_element (src, i);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
            json_array_add_string_element (copy, json_node_get_string (el));
        }
    }
  return copy;
}

static JsonObject *
last_round (ShouHubAftersale *as)
{
  JsonArray *rounds = ensure_array (ensure_object (as->doc, "negotiation"), "rounds");
  guint n = json_array_get_length (rounds);

  return n > 0 ? json_array_get_object_element (rounds, n - 1) : NULL;
}

/* Platforms show carriers by their Chinese names, whatever the locale. */
const char *
shou_sim_carrier_name (const char *code)
{
  static const char *const names[][2] = {
    { "SF", "顺丰速运" }, { "ZTO", "中通快递" }, { "YTO", "圆通速递" }, { "STO", "申通快递" },
    { "YUNDA", "韵达快递" }, { "JD", "京东物流" }, { "EMS", "中国邮政EMS" }, { "JTSD", "极兔速递" },
    { "DBL", "德邦快递" },
  };
  const ShouCarrier *carrier;

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i][0], code))
      return names[i][1];
  carrier = code ? shou_carrier_find (code) : NULL;
  return carrier ? carrier->name : (code ? code : "");
}

static char *
yuan (gint64 fen)
{
  return g_strdup_printf ("¥%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

/* Open */

static ShouPlatform
shop_platform (ShouSimWorld *self,
               const char   *shop_id)
{
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  gpointer cached;

  if (g_hash_table_lookup_extended (self->shop_platforms, shop_id, NULL, &cached))
    return GPOINTER_TO_UINT (cached);
  g_free (shou_hub_store_get_shop (self->db, shop_id, &platform));
  g_hash_table_insert (self->shop_platforms, g_strdup (shop_id), GUINT_TO_POINTER (platform));
  return platform;
}

static const char *
buyer_reason_text (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (buyer_reasons); i++)
    if (g_strcmp0 (buyer_reasons[i].code, code) == 0)
      return buyer_reasons[i].text;
  return NULL;
}

ShouHubAftersale *
shou_sim_world_open (ShouSimWorld     *self,
                     const char       *order_id,
                     const char       *line_id,
                     ShouRequestType   type,
                     gint64            amount_fen,
                     gint64            keep_fen,
                     const char       *reason_code,
                     const char       *text,
                     const char       *profile_version,
                     gint64            at,
                     ShouHubFailure  **failure)
{
  g_autofree char *merchant = shou_hub_store_find_owner (self->db, "orders", order_id);
  g_autoptr(JsonObject) order = merchant ? shou_hub_store_get_order (self->db, merchant, order_id) : NULL;

  if (order == NULL)
    {
      set_failure (failure, shou_hub_failure_new (404, "not_found", "No order %s", order_id));
      return NULL;
    }
  return shou_sim_world_open_on (self, order, merchant, FALSE, line_id, type, amount_fen, keep_fen,
                                 reason_code, text, profile_version, at, failure);
}

ShouHubAftersale *
shou_sim_world_open_on (ShouSimWorld     *self,
                        JsonObject       *order,
                        const char       *merchant_id,
                        gboolean          new_order,
                        const char       *line_id,
                        ShouRequestType   type,
                        gint64            amount_fen,
                        gint64            keep_fen,
                        const char       *reason_code,
                        const char       *text,
                        const char       *profile_version,
                        gint64            at,
                        ShouHubFailure  **failure)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autofree char *previous = NULL;
  gboolean previous_after_completion = FALSE;
  const char *order_id = json_object_get_string_member (order, "id");
  g_autoptr(GError) error = NULL;
  const ShouProfile *profile;
  ShouOrderState order_state;
  ShouPlatform platform;
  JsonObject *line = NULL;
  JsonObject *buyer;
  JsonObject *nego;
  JsonArray *lines;
  const char *reason_text;
  const char *shop_id;
  gint64 paid;
  g_autofree char *phone = NULL;
  g_autofree char *line_text = NULL;

  lines = json_object_get_array_member (order, "lines");
  for (guint i = 0; lines && i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);

      if (g_strcmp0 (json_object_get_string_member (l, "id"), line_id) == 0)
        line = l;
    }
  if (line == NULL)
    {
      set_failure (failure, shou_hub_failure_bad ("line_id", "unknown_line",
                                                  "Order %s has no line %s", order_id, line_id));
      return NULL;
    }

  reason_text = buyer_reason_text (reason_code);
  if (reason_text == NULL)
    {
      set_failure (failure, shou_hub_failure_bad ("reason_code", "unknown_reason",
                                                  "Unknown buyer reason code"));
      return NULL;
    }

  shop_id = json_object_get_string_member (order, "shop_id");
  platform = shop_platform (self, shop_id);
  profile = shou_sim_world_get_profile (self, platform);
  if (profile_version != NULL)
    {
      ShouProfile *named = shou_profiles_get_version (self->profiles, platform, profile_version);

      if (named == NULL && platform == SHOU_PLATFORM_TMALL)
        named = shou_profiles_get_version (self->profiles, SHOU_PLATFORM_TAOBAO, profile_version);
      if (named == NULL)
        {
          set_failure (failure, shou_hub_failure_bad ("profile_version", "unknown_profile_version",
                                                      "No %s rule profile of version \"%s\"",
                                                      shou_platform_to_string (platform),
                                                      profile_version));
          return NULL;
        }
      profile = named;
    }

  paid = json_object_get_int_member (line, "price_fen") *
         json_object_get_int_member_with_default (line, "quantity", 1);
  /* Taobao's form carries what the buyer still pays the seller (001 篇六). */
  if (keep_fen >= 0 &&
      !shou_money_refund_from_keep (paid, keep_fen, &amount_fen, NULL))
    {
      set_failure (failure, shou_hub_failure_bad ("keep_fen", "amount_out_of_range",
                                                  "The amount kept must be from 0 to %" G_GINT64_FORMAT " fen",
                                                  paid - 1));
      return NULL;
    }
  if (amount_fen <= 0 || amount_fen > paid)
    {
      set_failure (failure, shou_hub_failure_bad ("amount_fen", "amount_out_of_range",
                                                  "The amount must be between 1 and %" G_GINT64_FORMAT " fen",
                                                  paid));
      return NULL;
    }

  if (!shou_order_state_from_string (json_object_get_string_member (order, "state"), &order_state))
    order_state = SHOU_ORDER_COMPLETED;

  if (!new_order)
    previous = shou_hub_store_find_line_request (self->db, merchant_id, line_id);
  if (previous != NULL)
    {
      g_autoptr(ShouHubAftersale) prev = shou_hub_store_get_aftersale (self->db, merchant_id, previous);

      /* Only one request per line once the trade completed (000 ⑴ note 3). */
      previous_after_completion = prev != NULL && prev->state.order_state == SHOU_ORDER_COMPLETED;
      if (prev != NULL && !shou_status_is_finished (prev->state.status))
        {
          ShouHubFailure *f = shou_hub_failure_new (422, "not_allowed",
                                                    "This order line already has an open after-sales request");
          f->reason = g_strdup ("already_open");
          set_failure (failure, f);
          return NULL;
        }
    }
  /* 拼团 (003 一): nothing opens before the group formed; 24 h after it
   * started an unformed group has failed and the platform refunds it. */
  {
    ShouGroupState group = SHOU_GROUP_NONE;

    if (shou_group_state_from_string (json_object_get_string_member_with_default (order, "group_state", "none"),
                                      &group) &&
        !shou_group_can_open (profile,
                              shou_group_evaluate (profile, group,
                                                   json_object_get_int_member_with_default (order, "group_started_at", 0),
                                                   at, NULL),
                              type))
      {
        ShouHubFailure *f = shou_hub_failure_new (422, "not_allowed", "The group has not formed");

        f->reason = g_strdup ("group_not_formed");
        set_failure (failure, f);
        return NULL;
      }
  }
  if (!shou_rules_can_open (profile, type, order_state,
                            json_object_get_int_member_with_default (order, "completed_at", 0),
                            previous_after_completion, at, &error))
    {
      set_failure (failure, shou_hub_failure_from_rules (error));
      return NULL;
    }

  as = shou_hub_aftersale_new ();
  if (!shou_request_state_init (&as->state, profile, type, order_state,
                                json_object_get_boolean_member_with_default (order, "cod", FALSE),
                                amount_fen, paid, at, &error))
    {
      set_failure (failure, shou_hub_failure_from_rules (error));
      return NULL;
    }
  as->state.platform = platform;
  json_object_set_string_member (as->doc, "profile_version", shou_profile_get_version (profile));

  as->id = g_strdup_printf ("as-%" G_GINT64_FORMAT, shou_hub_store_next_id (self->db, "aftersale"));
  as->platform_id = shou_sim_platform_request_id (platform, g_ascii_strtoll (as->id + 3, NULL, 10));
  as->shop_id = g_strdup (shop_id);
  as->merchant_id = g_strdup (merchant_id);
  as->order_id = g_strdup (order_id);
  as->line_id = g_strdup (line_id);
  as->reason_code = g_strdup (reason_code);
  as->reason_text = g_strdup (reason_text);
  as->buyer_text = g_strdup (text ? text : "");
  as->updated_at = at;
  if (type == SHOU_REQUEST_RETURN_REFUND || type == SHOU_REQUEST_EXCHANGE)
    as->shipping_fen = (g_str_equal (reason_code, "quality_problem") ||
                        g_str_equal (reason_code, "wrong_item")) ? 1200 : 0;

  json_object_set_object_member (as->doc, "line", json_object_ref (line));
  buyer = json_object_get_object_member (order, "buyer");
  if (buyer != NULL)
    {
      json_object_set_string_member (as->doc, "buyer_nick",
                                     json_object_get_string_member_with_default (buyer, "nick", ""));
      if (json_object_has_member (buyer, "id"))
        json_object_set_string_member (as->doc, "buyer_id", json_object_get_string_member (buyer, "id"));
      phone = g_strdup (json_object_get_string_member_with_default (buyer, "phone", ""));
    }
  nego = ensure_object (as->doc, "negotiation");
  json_object_set_string_member (nego, "buyer_phone", phone ? phone : "");
  ensure_array (nego, "rounds");
  ensure_array (as->doc, "evidence");

  line_text = g_strdup_printf ("买家发起%s申请（%s）：%s",
                               type == SHOU_REQUEST_REFUND_ONLY ? "仅退款" :
                               type == SHOU_REQUEST_RETURN_REFUND ? "退货退款" :
                               type == SHOU_REQUEST_EXCHANGE ? "换货" :
                               type == SHOU_REQUEST_CANCEL ? "取消订单" :
                               type == SHOU_REQUEST_RESHIP ? "补寄" : "维修",
                               reason_text, text ? text : "");
  {
    JsonObject *entry = shou_hub_doc_add_timeline (as, at, SHOU_ACTOR_BUYER,
                                                     shou_event_kind_to_string (SHOU_EVENT_OPEN),
                                                     line_text);
    JsonObject *params = json_object_new ();

    json_object_set_string_member (params, "type", shou_request_type_to_string (type));
    if (reason_code != NULL)
      json_object_set_string_member (params, "reason_code", reason_code);
    if (text != NULL && *text)
      json_object_set_string_member (params, "note", text);
    shou_hub_doc_set_timeline_params (entry, params);
  }
  self->events_applied++;
  return g_steal_pointer (&as);
}

/* The entry's "params" for an applied event: what its text says, as data. */
static JsonObject *
event_params (ShouHubAftersale  *as,
              const ShouEvent   *event,
              ShouRequestStatus  before)
{
  JsonObject *params = json_object_new ();
  const char *t = event->text ? event->text : "";
  ShouEventKind kind = event->kind;

  if (kind == SHOU_EVENT_OPEN)
    json_object_set_string_member (params, "type", shou_request_type_to_string (as->state.type));
  else if (kind == SHOU_EVENT_BUYER_REPLY || kind == SHOU_EVENT_BUYER_ACCEPT)
    {
      JsonObject *round = last_round (as);

      if (round != NULL)
        json_object_set_int_member (params, "round",
                                    json_object_get_int_member_with_default (round, "round", 1));
    }
  else if (kind == SHOU_EVENT_BUYER_SHIP_RETURN || kind == SHOU_EVENT_SHIP_EXCHANGE)
    {
      json_object_set_string_member (params, "carrier", event->carrier);
      json_object_set_string_member (params, "tracking_no", event->tracking_no);
      if (event->carrier_name != NULL)
        json_object_set_string_member (params, "carrier_name", event->carrier_name);
    }
  else if (kind == SHOU_EVENT_AGREE_REFUND)
    json_object_set_int_member (params, "amount_fen",
                                event->amount_fen > 0 ? event->amount_fen : as->state.amount_fen);
  else if (kind == SHOU_EVENT_NEGOTIATE)
    {
      json_object_set_int_member (params, "round", event->round);
      json_object_set_string_member (params, "proposal", shou_proposal_to_string (event->proposal));
      json_object_set_int_member (params, "amount_fen", event->amount_fen);
    }
  else if ((kind == SHOU_EVENT_REJECT || kind == SHOU_EVENT_REFUSE_RECEIPT) &&
           event->reason_code != NULL)
    json_object_set_string_member (params, "reason_code", event->reason_code);
  else if (kind == SHOU_EVENT_INTERCEPT)
    json_object_set_string_member (params, "outcome", "intercepted");
  else if (kind == SHOU_EVENT_LAPSE)
    {
      json_object_set_string_member (params, "lapse", shou_lapse_to_string (SHOU_LAPSE_NONE));
      json_object_set_string_member (params, "before", shou_status_to_string (before));
    }

  /* The words a person wrote, where the text quotes them. */
  if (*t && (kind == SHOU_EVENT_BUYER_REPLY || kind == SHOU_EVENT_BUYER_ESCALATE ||
             kind == SHOU_EVENT_BUYER_MODIFY || kind == SHOU_EVENT_AGREE_RETURN ||
             kind == SHOU_EVENT_NEGOTIATE || kind == SHOU_EVENT_REJECT ||
             kind == SHOU_EVENT_REFUSE_RECEIPT || kind == SHOU_EVENT_MESSAGE ||
             kind == SHOU_EVENT_APPEAL))
    json_object_set_string_member (params, "note", t);
  return params;
}

/* Apply */

gboolean
shou_sim_world_apply (ShouSimWorld     *self,
                      ShouHubAftersale *as,
                      const ShouEvent  *event,
                      JsonObject       *params,
                      gint64            at,
                      ShouHubFailure  **failure)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const ShouProfile *profile = shou_sim_world_request_profile (self, as);
  ShouRequestStatus before = as->state.status;
  ShouActor actor = shou_event_kind_get_actor (event->kind);
  const char *t = event->text ? event->text : "";

  shou_sim_parcel_fill (self->db, as);
  if (!shou_rules_apply (profile, &as->state, event, at, &error))
    {
      set_failure (failure, shou_hub_failure_from_rules (error));
      return FALSE;
    }

  switch (event->kind)
    {
    case SHOU_EVENT_OPEN:
      text = g_strdup ("买家发起售后申请");
      break;
    case SHOU_EVENT_BUYER_REPLY:
      {
        JsonObject *round = last_round (as);

        if (round != NULL)
          {
            json_object_set_string_member (round, "reply", t);
            json_object_set_int_member (round, "replied_at", at);
          }
        text = g_strdup_printf ("买家回复协商：%s", t);
      }
      break;
    case SHOU_EVENT_BUYER_ACCEPT:
      {
        JsonObject *round = last_round (as);

        if (round != NULL)
          {
            json_object_set_boolean_member (round, "accepted", TRUE);
            json_object_set_int_member (round, "replied_at", at);
            if (*t)
              json_object_set_string_member (round, "reply", t);
          }
        text = g_strdup ("买家接受了商家的协商方案");
      }
      break;
    case SHOU_EVENT_BUYER_SHIP_RETURN:
      {
        JsonObject *ship = json_object_new ();
        JsonArray *events = json_array_new ();
        JsonObject *first = json_object_new ();

        json_object_set_string_member (ship, "carrier", event->carrier);
        if (event->carrier_name != NULL)
          json_object_set_string_member (ship, "carrier_name", event->carrier_name);
        json_object_set_string_member (ship, "tracking_no", event->tracking_no);
        json_object_set_int_member (ship, "shipped_at", at);
        json_object_set_int_member (first, "at", at);
        json_object_set_string_member (first, "text", "【揽收】快递员已揽件");
        json_array_add_object_element (events, first);
        json_object_set_array_member (ship, "events", events);
        json_object_set_object_member (as->doc, "return_shipment", ship);
        text = g_strdup_printf ("买家已寄回商品，%s %s", event->carrier_name ? event->carrier_name : shou_sim_carrier_name (event->carrier),
                                event->tracking_no);
      }
      break;
    case SHOU_EVENT_BUYER_CANCEL:
      text = g_strdup ("买家撤销了售后申请");
      break;
    case SHOU_EVENT_BUYER_ESCALATE:
      text = g_strdup_printf ("买家申请平台介入%s%s", *t ? "：" : "", t);
      break;
    case SHOU_EVENT_BUYER_MODIFY:
      if (*t)
        {
          g_free (as->buyer_text);
          as->buyer_text = g_strdup (t);
        }
      text = g_strdup_printf ("买家修改了申请并重新提交%s%s", *t ? "：" : "", t);
      break;
    case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
      text = g_strdup ("买家确认收到商品");
      break;
    case SHOU_EVENT_AGREE_REFUND:
      {
        g_autofree char *amount = yuan (event->amount_fen > 0 ? event->amount_fen
                                                               : as->state.amount_fen);

        text = g_strdup_printf ("商家同意退款 %s", amount);
      }
      break;
    case SHOU_EVENT_AGREE_RETURN:
      {
        JsonNode *node = params ? json_object_get_member (params, "address") : NULL;

        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
          {
            JsonObject *address = json_node_get_object (node);

            json_object_set_object_member (as->doc, "return_address", json_object_ref (address));
            g_free (as->return_address_id);
            as->return_address_id = g_strdup (json_object_get_string_member_with_default (address, "id", NULL));
            text = g_strdup_printf ("商家同意退货，退货地址：%s%s%s%s（%s）%s%s",
                                    json_object_get_string_member_with_default (address, "province", ""),
                                    json_object_get_string_member_with_default (address, "city", ""),
                                    json_object_get_string_member_with_default (address, "district", ""),
                                    json_object_get_string_member_with_default (address, "street", ""),
                                    json_object_get_string_member_with_default (address, "name", ""),
                                    *t ? "。留言：" : "", t);
          }
        else
          text = g_strdup ("商家同意退货");
      }
      break;
    case SHOU_EVENT_NEGOTIATE:
      {
        JsonObject *round = json_object_new ();
        JsonArray *rounds = ensure_array (ensure_object (as->doc, "negotiation"), "rounds");

        json_object_set_int_member (round, "round", event->round);
        json_object_set_string_member (round, "text", t);
        json_object_set_array_member (round, "scripts", copy_string_array (params, "scripts"));
        json_object_set_string_member (round, "proposal", shou_proposal_to_string (event->proposal));
        json_object_set_int_member (round, "amount_fen", event->amount_fen);
        json_object_set_array_member (round, "evidence", copy_string_array (params, "evidence"));
        json_object_set_int_member (round, "sent_at", at);
        json_object_set_null_member (round, "reply");
        json_object_set_null_member (round, "replied_at");
        json_object_set_boolean_member (round, "accepted", FALSE);
        json_array_add_object_element (rounds, round);
        text = g_strdup_printf ("商家发起第%u轮协商：%s", event->round, t);
      }
      break;
    case SHOU_EVENT_REJECT:
      {
        JsonObject *rejection = json_object_new ();
        const ShouRejectReason *reason = event->reason_code
          ? shou_profile_find_reject_reason (profile, event->reason_code) : NULL;
        const char *reason_text = reason ? reason->text : (event->reason_code ? event->reason_code : "");

        json_object_set_string_member (rejection, "reason_code", event->reason_code);
        json_object_set_string_member (rejection, "reason_text", reason_text);
        json_object_set_string_member (rejection, "explanation", t);
        json_object_set_array_member (rejection, "evidence", copy_string_array (params, "evidence"));
        json_object_set_int_member (rejection, "at", at);
        json_object_set_object_member (as->doc, "rejection", rejection);
        text = g_strdup_printf ("商家拒绝了申请，原因：%s；说明：%s", reason_text, t);
      }
      break;
    case SHOU_EVENT_CONFIRM_RECEIPT:
      text = g_strdup ("商家确认收到退货");
      break;
    case SHOU_EVENT_REFUSE_RECEIPT:
      text = g_strdup_printf ("商家拒绝确认收货：%s",
                              event->reason_code ? event->reason_code : t);
      break;
    case SHOU_EVENT_SHIP_EXCHANGE:
      {
        JsonObject *ship = json_object_new ();
        JsonArray *events = json_array_new ();
        JsonObject *first = json_object_new ();

        json_object_set_string_member (ship, "carrier", event->carrier);
        if (event->carrier_name != NULL)
          json_object_set_string_member (ship, "carrier_name", event->carrier_name);
        json_object_set_string_member (ship, "tracking_no", event->tracking_no);
        json_object_set_int_member (ship, "shipped_at", at);
        json_object_set_int_member (first, "at", at);
        json_object_set_string_member (first, "text", "【揽收】商家已发货");
        json_array_add_object_element (events, first);
        json_object_set_array_member (ship, "events", events);
        json_object_set_object_member (as->doc, "exchange_shipment", ship);
        text = g_strdup_printf ("商家已发出换货商品，%s %s", event->carrier_name ? event->carrier_name : shou_sim_carrier_name (event->carrier),
                                event->tracking_no);
      }
      break;
    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
      text = g_strdup ("商家上传了退款凭证");
      break;
    case SHOU_EVENT_MESSAGE:
      text = g_strdup_printf ("商家留言：%s", t);
      break;
    case SHOU_EVENT_LOGISTICS_UPDATE:
      {
        JsonObject *ship = ensure_object (as->doc, "return_shipment");
        JsonObject *entry = json_object_new ();

        json_object_set_int_member (entry, "at", at);
        json_object_set_string_member (entry, "text", t);
        json_array_add_object_element (ensure_array (ship, "events"), entry);
      }
      break;
    case SHOU_EVENT_LAPSE:
      text = g_strdup (shou_sim_lapse_text (SHOU_LAPSE_NONE, before));
      break;
    case SHOU_EVENT_PLATFORM_REFUND:
      text = g_strdup ("平台介入处理完毕，判定退款给买家");
      break;
    case SHOU_EVENT_PLATFORM_CLOSE:
      text = g_strdup ("平台介入处理完毕，判定支持商家，售后关闭");
      break;
    case SHOU_EVENT_INTERCEPT:
      /* The simulated courier intercepts at once: the parcel turns back. */
      if (!shou_sim_parcel_intercept (self->db, as, at, &error))
        {
          set_failure (failure, shou_hub_failure_new (500, "internal", "%s", error->message));
          return FALSE;
        }
      text = g_strdup ("商家申请快递拦截：拦截成功，包裹正在退回商家");
      break;
    case SHOU_EVENT_AWAIT_RETURN:
      text = g_strdup ("商家选择等待包裹拒签退回，收到退回的商品后退款");
      break;
    case SHOU_EVENT_APPEAL:
      json_object_set_object_member (as->doc, "appeal", json_object_ref (params));
      text = g_strdup_printf ("商家对极速退款提起申诉，已提交物流凭证，平台介入处理%s%s", *t ? "：" : "", t);
      break;
    case SHOU_N_EVENTS:
    default:
      break;
    }

  /* 退货包运费 (Pinduoduo): computing once the return is agreed, settled a day later. */
  if (event->kind == SHOU_EVENT_AGREE_RETURN)
    shou_sim_subsidy_on_agree (as, self->seed, at);
  shou_sim_subsidy_settle (as, self->seed, at);
  if (text != NULL)
    shou_hub_doc_set_timeline_params (shou_hub_doc_add_timeline (as, at, actor,
                                                                     shou_event_kind_to_string (event->kind),
                                                                     text),
                                        event_params (as, event, before));
  as->updated_at = at;
  self->events_applied++;
  return TRUE;
}
