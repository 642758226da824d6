/* shou-hub-render.c: the members every platform renders alike. */
#include "config.h"

#include "shou-hub-render.h"

/* A %NULL text is JSON null. */
#define set_text json_object_set_string_member

void
shou_hub_render_common (JsonObject           *o,
                        ShouHubAftersale     *as,
                        const char           *platform_status,
                        const ShouEvaluation *eval)
{
  const ShouRequestState *s = &as->state;

  set_text (o, "id", as->id);
  set_text (o, "shop_id", as->shop_id);
  set_text (o, "order_id", as->order_id);
  set_text (o, "line_id", as->line_id);
  set_text (o, "platform", shou_platform_to_string (s->platform));
  set_text (o, "platform_id", as->platform_id);
  set_text (o, "platform_status", platform_status);
  set_text (o, "type", shou_request_type_to_string (s->type));
  set_text (o, "status", shou_status_to_string (s->status));
  set_text (o, "reason_code", as->reason_code);
  set_text (o, "reason_text", as->reason_text);
  set_text (o, "buyer_text", as->buyer_text);
  json_object_set_int_member (o, "amount_fen", s->amount_fen);
  json_object_set_int_member (o, "paid_fen", s->paid_fen);
  json_object_set_int_member (o, "shipping_fen", as->shipping_fen);
  set_text (o, "good_status", shou_good_status_to_string (s->good_status));
  set_text (o, "order_state", shou_order_state_to_string (s->order_state));
  json_object_set_boolean_member (o, "cod", s->cod);
  json_object_set_int_member (o, "opened_at", s->opened_at);
  json_object_set_int_member (o, "updated_at", as->updated_at);
  if (eval->deadline_at > 0)
    {
      json_object_set_int_member (o, "deadline_at", eval->deadline_at);
      set_text (o, "deadline_actor", shou_actor_to_string (eval->deadline_actor));
      set_text (o, "deadline_rule", eval->deadline_rule_id);
      json_object_set_boolean_member (o, "deadline_approximate", eval->deadline_approximate);
    }
  else
    {
      json_object_set_null_member (o, "deadline_at");
      json_object_set_null_member (o, "deadline_actor");
      json_object_set_null_member (o, "deadline_rule");
      json_object_set_boolean_member (o, "deadline_approximate", FALSE);
    }
  set_text (o, "on_lapse", shou_lapse_to_string (eval->on_lapse));
  json_object_set_int_member (o, "version", s->version);
}

void
shou_hub_render_actions (JsonObject            *o,
                         const ShouEvaluation  *eval,
                         guint                  supported,
                         const char            *lacking_reason,
                         const char          *(*lacking_message) (ShouAction action))
{
  shou_hub_render_actions_full (o, eval, supported, 0, lacking_reason, lacking_message);
}

void
shou_hub_render_actions_full (JsonObject            *o,
                              const ShouEvaluation  *eval,
                              guint                  supported,
                              guint                  no_call,
                              const char            *lacking_reason,
                              const char          *(*lacking_message) (ShouAction action))
{
  JsonArray *allowed = json_array_new ();
  JsonArray *blocked = json_array_new ();

  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    {
      JsonObject *b;
      ShouReason why;

      if (eval->allowed & supported & SHOU_ACTION_BIT (a))
        {
          json_array_add_string_element (allowed, shou_action_to_string (a));
          continue;
        }
      b = json_object_new ();
      json_object_set_string_member (b, "action", shou_action_to_string (a));
      if ((supported & SHOU_ACTION_BIT (a)) == 0 && (no_call & SHOU_ACTION_BIT (a)) != 0)
        {
          /* The platform has no call for it: said so wherever it could
           * apply (core's own reason when it never applies to this one). */
          why = eval->why_not[a];
          if (why != SHOU_REASON_NOT_FOR_TYPE && why != SHOU_REASON_FINISHED)
            why = SHOU_REASON_NO_PLATFORM_CALL;
          json_object_set_string_member (b, "reason", shou_reason_to_string (why));
          json_object_set_string_member (b, "message", shou_reason_get_message (why));
        }
      else if ((supported & SHOU_ACTION_BIT (a)) == 0)
        {
          json_object_set_string_member (b, "reason", lacking_reason);
          json_object_set_string_member (b, "message", lacking_message (a));
        }
      else
        {
          why = eval->why_not[a] != SHOU_REASON_NONE ? eval->why_not[a] : SHOU_REASON_WRONG_STATUS;
          json_object_set_string_member (b, "reason", shou_reason_to_string (why));
          json_object_set_string_member (b, "message", shou_reason_get_message (why));
        }
      json_array_add_object_element (blocked, b);
    }
  json_object_set_array_member (o, "allowed_actions", allowed);
  json_object_set_array_member (o, "blocked_actions", blocked);
}

void
shou_hub_render_risks (JsonObject        *o,
                       ShouHubAftersale  *as,
                       const ShouProfile *profile,
                       gint64             now)
{
  const char *version = shou_hub_aftersale_get_profile_version (as);

  json_object_set_array_member (o, "risks", shou_rules_risks_to_json (profile, &as->state, now, NULL));
  set_text (o, "profile_version", version != NULL ? version : shou_profile_get_version (profile));
}
