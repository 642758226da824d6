/* shou-rules-risks.c: the risk check before a rejection (002 一.1: the
 * platform warns when the goods are already on their way back, 商品已寄回,
 * or the logistics stalled, 物流断更), as a mask for the rules and as codes
 * with parameters for the contract (the desktop says them in its language). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-rules.h"

guint
shou_rules_check_risks (const ShouProfile      *profile,
                        const ShouRequestState *state,
                        gint64                  now)
{
  ShouEvaluation eval;
  guint risks = 0;

  g_return_val_if_fail (profile != NULL, 0);
  g_return_val_if_fail (state != NULL, 0);

  if (state->good_status == SHOU_GOOD_RETURNED || state->return_shipped)
    risks |= 1u << SHOU_RISK_GOODS_RETURNED;

  if (state->return_shipped)
    {
      gint64 last = state->last_logistics_at > 0 ? state->last_logistics_at : state->status_since;

      if (now - last >= shou_profile_get_logistics_stall (profile))
        risks |= 1u << SHOU_RISK_LOGISTICS_STALLED;
    }

  if (state->amount_fen <= shou_profile_get_small_amount_fen (profile))
    risks |= 1u << SHOU_RISK_SMALL_AMOUNT;

  shou_rules_evaluate (profile, state, now, &eval);
  if (eval.deadline_at != 0 && eval.deadline_actor == SHOU_ACTOR_SELLER &&
      eval.deadline_at - now <= shou_profile_get_lapse_warning (profile))
    risks |= 1u << SHOU_RISK_DEADLINE_NEAR;

  return risks;
}

static const char * const risk_names[SHOU_N_RISKS] = {
  "goods_returned", "logistics_stalled", "small_amount", "deadline_near",
};
static const char * const risk_titles[SHOU_N_RISKS] = {
  N_("Goods already sent back"),
  N_("Logistics stalled"),
  N_("Small amount"),
  N_("Deadline is near"),
};
static const char * const risk_explanations[SHOU_N_RISKS] = {
  N_("The buyer has already sent the goods back. Rejecting now usually ends in platform intervention."),
  N_("The return shipment has had no tracking update for a long time. Check with the courier before rejecting."),
  N_("The amount is small: a refund or a small compensation usually costs less than a dispute."),
  N_("The deadline is about to pass. When it does, the platform acts automatically."),
};

const char *
shou_risk_to_string (ShouRisk risk)
{
  g_return_val_if_fail ((guint) risk < SHOU_N_RISKS, NULL);
  return risk_names[risk];
}

gboolean
shou_risk_from_string (const char *str,
                       ShouRisk   *out)
{
  for (guint r = 0; str != NULL && r < SHOU_N_RISKS; r++)
    if (g_str_equal (str, risk_names[r]))
      {
        if (out != NULL)
          *out = (ShouRisk) r;
        return TRUE;
      }
  return FALSE;
}

const char *
shou_risk_get_title (ShouRisk risk)
{
  g_return_val_if_fail ((guint) risk < SHOU_N_RISKS, NULL);
  return _(risk_titles[risk]);
}

const char *
shou_risk_get_explanation (ShouRisk risk)
{
  g_return_val_if_fail ((guint) risk < SHOU_N_RISKS, NULL);
  return _(risk_explanations[risk]);
}

JsonArray *
shou_rules_risks_to_json (const ShouProfile      *profile,
                          const ShouRequestState *state,
                          gint64                  now,
                          gint64                 *out_changes_at)
{
  JsonArray *out = json_array_new ();
  ShouEvaluation eval;
  guint risks;
  gint64 changes_at = 0;
  gint64 stall = shou_profile_get_logistics_stall (profile);
  gint64 warning = shou_profile_get_lapse_warning (profile);
  gint64 last = state->last_logistics_at > 0 ? state->last_logistics_at : state->status_since;

  g_return_val_if_fail (profile != NULL, out);
  g_return_val_if_fail (state != NULL, out);

  if (out_changes_at != NULL)
    *out_changes_at = 0;
  if (shou_status_is_finished (state->status))
    return out;

  risks = shou_rules_check_risks (profile, state, now);
  shou_rules_evaluate (profile, state, now, &eval);

  for (guint r = 0; r < SHOU_N_RISKS; r++)
    {
      JsonObject *item;
      JsonObject *params;

      if ((risks & (1u << r)) == 0)
        continue;
      item = json_object_new ();
      params = json_object_new ();
      json_object_set_string_member (item, "code", shou_risk_to_string ((ShouRisk) r));
      switch ((ShouRisk) r)
        {
        case SHOU_RISK_GOODS_RETURNED:
          json_object_set_boolean_member (params, "return_shipped", state->return_shipped);
          break;
        case SHOU_RISK_LOGISTICS_STALLED:
          json_object_set_int_member (params, "last_event_at", last);
          json_object_set_int_member (params, "stall_us", stall);
          break;
        case SHOU_RISK_SMALL_AMOUNT:
          json_object_set_int_member (params, "amount_fen", state->amount_fen);
          json_object_set_int_member (params, "threshold_fen", shou_profile_get_small_amount_fen (profile));
          break;
        case SHOU_RISK_DEADLINE_NEAR:
          json_object_set_int_member (params, "deadline_at", eval.deadline_at);
          json_object_set_string_member (params, "on_lapse", shou_lapse_to_string (eval.on_lapse));
          break;
        case SHOU_N_RISKS:
        default:
          g_assert_not_reached ();
        }
      json_object_set_object_member (item, "params", params);
      json_array_add_object_element (out, item);
    }

  /* When the answer changes with the clock alone: a stall or a near
   * deadline begins (the running deadline itself is known to the caller). */
  if (state->return_shipped && (risks & (1u << SHOU_RISK_LOGISTICS_STALLED)) == 0)
    changes_at = last + stall;
  if (eval.deadline_at != 0 && eval.deadline_actor == SHOU_ACTOR_SELLER &&
      (risks & (1u << SHOU_RISK_DEADLINE_NEAR)) == 0 &&
      (changes_at == 0 || eval.deadline_at - warning < changes_at))
    changes_at = eval.deadline_at - warning;
  if (out_changes_at != NULL)
    *out_changes_at = changes_at;
  return out;
}
