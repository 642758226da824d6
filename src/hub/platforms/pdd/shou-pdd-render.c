/* shou-pdd-render.c: a Pinduoduo request in the contract's shape
 * (API.md "aftersale"): core explains the deadline and the actions, then
 * Pinduoduo's own deadline (expire_time) wins and the actions its API
 * lacks are blocked with where to do them instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-pdd-platform-private.h"

const char *
shou_pdd_lacking_message (ShouAction action)
{
  if (action == SHOU_ACTION_NEGOTIATE || action == SHOU_ACTION_REJECT)
    /* Translators: Pinduoduo's rejection-negotiation tool has no public API */
    return _("Negotiate in the Pinduoduo merchant backend");
  /* Translators: an after-sales step Pinduoduo's public API does not offer */
  return _("Do this in the Pinduoduo merchant backend");
}

static void
set_or_null (JsonObject *o,
             const char *name,
             JsonObject *from)
{
  JsonNode *node = json_object_get_member (from, name);

  json_object_set_member (o, name, node ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

static JsonArray *
actions (const ShouEvaluation *eval,
         JsonArray            *blocked)
{
  JsonArray *allowed = json_array_new ();

  for (ShouAction a = 0; a < SHOU_N_ACTIONS; a++)
    {
      JsonObject *why;

      if ((eval->allowed & SHOU_PDD_SUPPORTED & SHOU_ACTION_BIT (a)) != 0)
        {
          json_array_add_string_element (allowed, shou_action_to_string (a));
          continue;
        }
      why = json_object_new ();
      json_object_set_string_member (why, "action", shou_action_to_string (a));
      if ((SHOU_PDD_SUPPORTED & SHOU_ACTION_BIT (a)) == 0)
        {
          json_object_set_string_member (why, "reason", "platform_backend");
          json_object_set_string_member (why, "message", shou_pdd_lacking_message (a));
        }
      else
        {
          ShouReason reason = eval->why_not[a] ? eval->why_not[a] : SHOU_REASON_WRONG_STATUS;

          json_object_set_string_member (why, "reason", shou_reason_to_string (reason));
          json_object_set_string_member (why, "message", shou_reason_get_message (reason));
        }
      json_array_add_object_element (blocked, why);
    }
  return allowed;
}

JsonObject *
shou_pdd_render (ShouPddPlatform  *self,
                 ShouHubAftersale *as)
{
  const ShouRequestState *s = &as->state;
  JsonObject *raw = json_object_get_object_member (as->doc, "pdd");
  JsonObject *o = json_object_new ();
  JsonObject *nego = json_object_new ();
  JsonArray *blocked = json_array_new ();
  gint64 expire = json_object_get_int_member_with_default (raw, "expire_time", 0);
  g_autofree char *raw_status = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member_with_default (raw, "after_sales_status", 0));
  ShouEvaluation eval;

  shou_rules_evaluate (shou_hub_platform_get_profile (SHOU_HUB_PLATFORM (self), SHOU_PLATFORM_PDD),
                       s, shou_pdd_platform_now_us (self), &eval);
  /* expire_time is given only while the merchant must act. */
  if (expire > 0 && s->status == SHOU_STATUS_WAIT_SELLER)
    {
      eval.deadline_at = expire;
      eval.deadline_actor = SHOU_ACTOR_SELLER;
      eval.deadline_rule_id = "pdd:expire_time";
    }
  json_object_set_string_member (o, "id", as->id);
  json_object_set_string_member (o, "shop_id", as->shop_id);
  json_object_set_string_member (o, "order_id", as->order_id);
  json_object_set_string_member (o, "line_id", as->line_id);
  json_object_set_string_member (o, "platform", "pdd");
  json_object_set_string_member (o, "platform_id", as->platform_id);
  json_object_set_string_member (o, "platform_status", raw_status);
  json_object_set_string_member (o, "type", shou_request_type_to_string (s->type));
  json_object_set_string_member (o, "status", shou_status_to_string (s->status));
  json_object_set_string_member (o, "reason_code", as->reason_code ? as->reason_code : "other");
  json_object_set_string_member (o, "reason_text", as->reason_text ? as->reason_text : "");
  json_object_set_string_member (o, "buyer_text", as->buyer_text ? as->buyer_text : "");
  json_object_set_int_member (o, "amount_fen", s->amount_fen);
  json_object_set_int_member (o, "paid_fen", s->paid_fen);
  json_object_set_int_member (o, "shipping_fen", as->shipping_fen);
  json_object_set_string_member (o, "good_status", shou_good_status_to_string (s->good_status));
  json_object_set_string_member (o, "order_state", shou_order_state_to_string (s->order_state));
  json_object_set_boolean_member (o, "cod", FALSE);
  json_object_set_int_member (o, "opened_at", s->opened_at);
  json_object_set_int_member (o, "updated_at", as->updated_at);
  if (eval.deadline_at > 0)
    {
      json_object_set_int_member (o, "deadline_at", eval.deadline_at);
      json_object_set_string_member (o, "deadline_actor", shou_actor_to_string (eval.deadline_actor));
      json_object_set_string_member (o, "deadline_rule", eval.deadline_rule_id);
    }
  else
    for (const char *const *n = (const char *const[]) { "deadline_at", "deadline_actor", "deadline_rule", NULL }; *n; n++)
      json_object_set_null_member (o, *n);
  json_object_set_string_member (o, "on_lapse", shou_lapse_to_string (eval.on_lapse));
  json_object_set_array_member (o, "allowed_actions", actions (&eval, blocked));
  json_object_set_array_member (o, "blocked_actions", blocked);
  json_object_set_int_member (o, "version", s->version);
  json_object_set_string_member (nego, "phase", "none");
  json_object_set_null_member (nego, "wait_until");
  json_object_set_string_member (nego, "buyer_phone", "");
  json_object_set_array_member (nego, "rounds", json_array_new ());
  json_object_set_object_member (o, "negotiation", nego);
  for (const char *const *n = (const char *const[]) { "return_address", "return_shipment", "exchange_shipment",
                                                      "rejection", "line", NULL }; *n; n++)
    set_or_null (o, *n, as->doc);
  json_object_set_array_member (o, "evidence", json_array_ref (json_object_get_array_member (as->doc, "evidence")));
  json_object_set_array_member (o, "timeline", json_array_ref (json_object_get_array_member (as->doc, "timeline")));
  return o;
}
