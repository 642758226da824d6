/* shou-domain-write.c: after-sales records written as JSON (src/sim/API.md
 * shapes), the inverse of shou-domain.c's reading. */
#include "config.h"

#include "shou-domain.h"

/* ---- writing ---- */

static void
set_str (JsonObject *o,
         const char *key,
         const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, key, value);
  else
    json_object_set_null_member (o, key);
}

static void
set_time (JsonObject *o,
          const char *key,
          gint64      value)
{
  if (value != 0)
    json_object_set_int_member (o, key, value);
  else
    json_object_set_null_member (o, key);
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static JsonObject *
line_to_json (const ShouOrderLine *line)
{
  JsonObject *o = json_object_new ();

  set_str (o, "id", line->id);
  set_str (o, "title", line->title);
  set_str (o, "sku", line->sku);
  json_object_set_int_member (o, "quantity", line->quantity);
  json_object_set_int_member (o, "price_fen", line->price_fen);
  return o;
}

static JsonObject *
shipment_to_json (const ShouShipment *s)
{
  JsonObject *o = json_object_new ();

  set_str (o, "carrier", s->carrier);
  if (s->carrier_name != NULL)
    set_str (o, "carrier_name", s->carrier_name);
  set_str (o, "tracking_no", s->tracking_no);
  set_time (o, "shipped_at", s->shipped_at);
  json_object_set_array_member (o, "events", shou_shipment_events_to_json (s->events));
  return o;
}

JsonArray *
shou_shipment_events_to_json (GPtrArray *events)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const ShouShipmentEvent *e = g_ptr_array_index (events, i);
      JsonObject *eo = json_object_new ();

      json_object_set_int_member (eo, "at", e->at);
      set_str (eo, "text", e->text);
      json_array_add_object_element (array, eo);
    }
  return array;
}

JsonObject *
shou_shop_to_json (const ShouShop *shop)
{
  JsonObject *o;

  g_return_val_if_fail (shop != NULL, NULL);

  o = json_object_new ();
  set_str (o, "id", shop->id);
  json_object_set_string_member (o, "platform", shou_platform_to_string (shop->platform));
  set_str (o, "name", shop->name);
  set_str (o, "merchant_id", shop->merchant_id);
  return o;
}

JsonObject *
shou_order_to_json (const ShouOrder *order)
{
  JsonObject *o;
  JsonObject *buyer;
  JsonArray *lines;

  g_return_val_if_fail (order != NULL, NULL);

  o = json_object_new ();
  set_str (o, "id", order->id);
  set_str (o, "shop_id", order->shop_id);
  set_str (o, "order_no", order->order_no);
  json_object_set_string_member (o, "state", shou_order_state_to_string (order->state));
  json_object_set_boolean_member (o, "cod", order->cod);
  json_object_set_int_member (o, "paid_fen", order->paid_fen);
  set_time (o, "created_at", order->created_at);
  set_time (o, "paid_at", order->paid_at);
  set_time (o, "shipped_at", order->shipped_at);
  set_time (o, "completed_at", order->completed_at);

  buyer = json_object_new ();
  set_str (buyer, "nick", order->buyer.nick);
  set_str (buyer, "name", order->buyer.name);
  set_str (buyer, "phone", order->buyer.phone);
  set_str (buyer, "address", order->buyer.address);
  json_object_set_object_member (o, "buyer", buyer);

  lines = json_array_new ();
  for (guint i = 0; order->lines != NULL && i < order->lines->len; i++)
    json_array_add_object_element (lines, line_to_json (g_ptr_array_index (order->lines, i)));
  json_object_set_array_member (o, "lines", lines);
  set_time (o, "updated_at", order->updated_at);
  json_object_set_int_member (o, "version", order->version);
  return o;
}

JsonObject *
shou_address_to_json (const ShouAddress *a)
{
  JsonObject *o;

  g_return_val_if_fail (a != NULL, NULL);

  o = json_object_new ();
  set_str (o, "id", a->id);
  set_str (o, "shop_id", a->shop_id);
  set_str (o, "name", a->name);
  set_str (o, "phone", a->phone);
  set_str (o, "province", a->province);
  set_str (o, "city", a->city);
  set_str (o, "district", a->district);
  set_str (o, "street", a->street);
  set_str (o, "postcode", a->postcode);
  json_object_set_boolean_member (o, "is_default", a->is_default);
  json_object_set_int_member (o, "version", a->version);
  json_object_set_boolean_member (o, "deleted", a->deleted);
  return o;
}

JsonObject *
shou_aftersale_to_json (const ShouAftersale *a)
{
  JsonObject *o;
  JsonObject *nego;
  JsonArray *allowed;
  JsonArray *blocked;
  JsonArray *rounds;
  JsonArray *evidence;
  JsonArray *timeline;

  g_return_val_if_fail (a != NULL, NULL);

  o = json_object_new ();
  set_str (o, "id", a->id);
  set_str (o, "shop_id", a->shop_id);
  set_str (o, "order_id", a->order_id);
  set_str (o, "line_id", a->line_id);
  json_object_set_string_member (o, "platform", shou_platform_to_string (a->platform));
  set_str (o, "platform_id", a->platform_id);
  set_str (o, "platform_status", a->platform_status);
  json_object_set_string_member (o, "type", shou_request_type_to_string (a->type));
  json_object_set_string_member (o, "status", shou_status_to_string (a->status));
  set_str (o, "reason_code", a->reason_code);
  set_str (o, "reason_text", a->reason_text);
  set_str (o, "buyer_text", a->buyer_text);
  json_object_set_int_member (o, "amount_fen", a->amount_fen);
  json_object_set_int_member (o, "paid_fen", a->paid_fen);
  json_object_set_int_member (o, "shipping_fen", a->shipping_fen);
  json_object_set_string_member (o, "good_status", shou_good_status_to_string (a->good_status));
  json_object_set_string_member (o, "order_state", shou_order_state_to_string (a->order_state));
  json_object_set_boolean_member (o, "cod", a->cod);
  set_time (o, "opened_at", a->opened_at);
  set_time (o, "updated_at", a->updated_at);
  set_time (o, "deadline_at", a->deadline_at);
  json_object_set_string_member (o, "on_lapse", shou_lapse_to_string (a->on_lapse));
  if (a->deadline_at != 0)
    json_object_set_string_member (o, "deadline_actor", shou_actor_to_string (a->deadline_actor));
  else
    json_object_set_null_member (o, "deadline_actor");
  set_str (o, "deadline_rule", a->deadline_rule);

  allowed = json_array_new ();
  blocked = json_array_new ();
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    {
      if (a->allowed & SHOU_ACTION_BIT (i))
        json_array_add_string_element (allowed, shou_action_to_string (i));
      else
        {
          JsonObject *b = json_object_new ();
          ShouReason reason = a->why_not[i] != SHOU_REASON_NONE ? a->why_not[i]
                                                                : SHOU_REASON_WRONG_STATUS;

          json_object_set_string_member (b, "action", shou_action_to_string (i));
          json_object_set_string_member (b, "reason", shou_reason_to_string (reason));
          json_object_set_string_member (b, "message", shou_reason_get_message (reason));
          json_array_add_object_element (blocked, b);
        }
    }
  json_object_set_array_member (o, "allowed_actions", allowed);
  json_object_set_array_member (o, "blocked_actions", blocked);
  json_object_set_int_member (o, "version", a->version);

  nego = json_object_new ();
  json_object_set_string_member (nego, "phase", shou_nego_phase_to_string (a->nego_phase));
  set_time (nego, "wait_until", a->nego_wait_until);
  set_str (nego, "buyer_phone", a->buyer_phone);
  rounds = json_array_new ();
  for (guint i = 0; a->rounds != NULL && i < a->rounds->len; i++)
    {
      const ShouNegotiationRound *r = g_ptr_array_index (a->rounds, i);
      JsonObject *ro = json_object_new ();

      json_object_set_int_member (ro, "round", r->round);
      set_str (ro, "text", r->text);
      json_object_set_array_member (ro, "scripts", strv_to_array (r->scripts));
      json_object_set_string_member (ro, "proposal", shou_proposal_to_string (r->proposal));
      json_object_set_int_member (ro, "amount_fen", r->amount_fen);
      json_object_set_array_member (ro, "evidence", strv_to_array (r->evidence));
      set_time (ro, "sent_at", r->sent_at);
      set_str (ro, "reply", r->reply);
      set_time (ro, "replied_at", r->replied_at);
      json_object_set_boolean_member (ro, "accepted", r->accepted);
      json_array_add_object_element (rounds, ro);
    }
  json_object_set_array_member (nego, "rounds", rounds);
  json_object_set_object_member (o, "negotiation", nego);

  if (a->return_address != NULL)
    json_object_set_object_member (o, "return_address", shou_address_to_json (a->return_address));
  else
    json_object_set_null_member (o, "return_address");
  if (a->return_shipment != NULL)
    json_object_set_object_member (o, "return_shipment", shipment_to_json (a->return_shipment));
  else
    json_object_set_null_member (o, "return_shipment");
  if (a->exchange_shipment != NULL)
    json_object_set_object_member (o, "exchange_shipment", shipment_to_json (a->exchange_shipment));
  else
    json_object_set_null_member (o, "exchange_shipment");
  if (a->rejection != NULL)
    {
      JsonObject *r = json_object_new ();

      set_str (r, "reason_code", a->rejection->reason_code);
      set_str (r, "reason_text", a->rejection->reason_text);
      set_str (r, "explanation", a->rejection->explanation);
      json_object_set_array_member (r, "evidence", strv_to_array (a->rejection->evidence));
      set_time (r, "at", a->rejection->at);
      json_object_set_object_member (o, "rejection", r);
    }
  else
    json_object_set_null_member (o, "rejection");
  if (a->line != NULL)
    json_object_set_object_member (o, "line", line_to_json (a->line));
  else
    json_object_set_null_member (o, "line");
  set_str (o, "buyer_nick", a->buyer_nick);

  evidence = json_array_new ();
  for (guint i = 0; a->evidence != NULL && i < a->evidence->len; i++)
    {
      const ShouEvidence *e = g_ptr_array_index (a->evidence, i);
      JsonObject *eo = json_object_new ();

      set_str (eo, "id", e->id);
      set_str (eo, "content_type", e->content_type);
      json_object_set_int_member (eo, "size", e->size);
      json_object_set_string_member (eo, "kind", shou_evidence_kind_to_string (e->kind));
      json_object_set_string_member (eo, "by", shou_actor_to_string (e->by));
      set_time (eo, "uploaded_at", e->uploaded_at);
      json_array_add_object_element (evidence, eo);
    }
  json_object_set_array_member (o, "evidence", evidence);

  timeline = json_array_new ();
  for (guint i = 0; a->timeline != NULL && i < a->timeline->len; i++)
    {
      const ShouTimelineEvent *e = g_ptr_array_index (a->timeline, i);
      JsonObject *eo = json_object_new ();

      json_object_set_int_member (eo, "at", e->at);
      json_object_set_string_member (eo, "actor", shou_actor_to_string (e->actor));
      set_str (eo, "kind", e->kind);
      set_str (eo, "text", e->text);
      json_array_add_object_element (timeline, eo);
    }
  json_object_set_array_member (o, "timeline", timeline);
  return o;
}
