/* shou-negotiation-state.c: the negotiation step of a request */
#include "config.h"

#include <string.h>

#include "shou-negotiation-state.h"

static const char * const step_names[SHOU_N_NEGO_STEPS] = {
  "risks", "round1", "wait1", "round2", "wait2", "reject", "done",
};

const char *
shou_nego_step_to_string (ShouNegoStep step)
{
  g_return_val_if_fail ((guint) step < SHOU_N_NEGO_STEPS, NULL);
  return step_names[step];
}

gint64
shou_nego_json_get_time (JsonObject *object,
                         const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return 0;
  node = json_object_get_member (object, member);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return 0;
}

JsonObject *
shou_nego_json_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
shou_nego_json_get_string (JsonObject *object,
                           const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_string_member_with_default (object, member, NULL);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static ShouNegoPhase
raw_phase (JsonObject *aftersale)
{
  JsonObject *nego = shou_nego_json_get_object (aftersale, "negotiation");
  ShouNegoPhase phase = SHOU_NEGO_NONE;

  if (nego != NULL)
    shou_nego_phase_from_string (json_object_get_string_member_with_default (nego, "phase", "none"),
                                 &phase);
  return phase;
}

static ShouRequestStatus
get_status (JsonObject *aftersale)
{
  ShouRequestStatus status = SHOU_STATUS_CLOSED;

  shou_status_from_string (json_object_get_string_member_with_default (aftersale, "status", ""),
                           &status);
  return status;
}

JsonObject *
shou_nego_get_round (JsonObject *aftersale,
                     guint       round)
{
  JsonArray *rounds = get_array (shou_nego_json_get_object (aftersale, "negotiation"), "rounds");

  if (rounds == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonNode *node = json_array_get_element (rounds, i);
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      if ((guint) json_object_get_int_member_with_default (obj, "round", 0) == round)
        return obj;
    }
  return NULL;
}

gboolean
shou_nego_state_from_json (JsonObject       *aftersale,
                           ShouRequestState *state)
{
  JsonObject *order;
  JsonObject *shipment;
  JsonArray *events;
  JsonArray *timeline;
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  ShouOrderState order_state = SHOU_ORDER_COMPLETED;
  ShouGoodStatus good = SHOU_GOOD_NOT_RECEIVED;

  g_return_val_if_fail (aftersale != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  if (!shou_platform_from_string (json_object_get_string_member_with_default (aftersale, "platform", ""),
                                  &state->platform))
    return FALSE;

  shou_request_type_from_string (json_object_get_string_member_with_default (aftersale, "type", ""), &type);
  state->type = type;
  state->status = get_status (aftersale);
  state->status_before_intervention = state->status;

  order = shou_nego_json_get_object (aftersale, "order");
  if (order != NULL)
    {
      shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""),
                                    &order_state);
      state->cod = json_object_get_boolean_member_with_default (order, "cod", FALSE);
      state->paid_fen = json_object_get_int_member_with_default (order, "paid_fen", 0);
    }
  state->order_state = order_state;

  state->opened_at = shou_nego_json_get_time (aftersale, "opened_at");
  state->status_since = state->opened_at;
  /* The API has no "status since": the latest timeline entry is the closest. */
  timeline = get_array (aftersale, "timeline");
  for (guint i = 0; timeline != NULL && i < json_array_get_length (timeline); i++)
    {
      JsonNode *node = json_array_get_element (timeline, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        state->status_since = MAX (state->status_since,
                                   shou_nego_json_get_time (json_node_get_object (node), "at"));
    }

  state->amount_fen = json_object_get_int_member_with_default (aftersale, "amount_fen", 0);
  if (state->paid_fen == 0)
    state->paid_fen = state->amount_fen;
  shou_good_status_from_string (json_object_get_string_member_with_default (aftersale, "good_status", ""),
                                &good);
  state->good_status = good;
  state->nego_phase = raw_phase (aftersale);
  for (guint r = 1; r <= 2; r++)
    {
      JsonObject *round = shou_nego_get_round (aftersale, r);

      if (round != NULL)
        state->nego_sent_at = shou_nego_json_get_time (round, "sent_at");
    }

  shipment = shou_nego_json_get_object (aftersale, "return_shipment");
  state->return_shipped = shipment != NULL;
  events = get_array (shipment, "events");
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        state->last_logistics_at = MAX (state->last_logistics_at,
                                        shou_nego_json_get_time (json_node_get_object (node), "at"));
    }
  state->version = json_object_get_int_member_with_default (aftersale, "version", 0);

  return TRUE;
}

guint
shou_nego_count_pending (JsonObject *aftersale)
{
  JsonArray *pending;

  g_return_val_if_fail (aftersale != NULL, 0);

  pending = get_array (aftersale, "pending_actions");
  return pending != NULL ? json_array_get_length (pending) : 0;
}

gboolean
shou_nego_has_pending (JsonObject *aftersale)
{
  g_return_val_if_fail (aftersale != NULL, FALSE);

  return shou_nego_count_pending (aftersale) > 0 ||
         json_object_get_boolean_member_with_default (aftersale, "local_pending", FALSE);
}

static gboolean
status_allows_rejection (ShouRequestStatus status)
{
  return status == SHOU_STATUS_WAIT_SELLER || status == SHOU_STATUS_NEGOTIATING;
}

/* Resuming: the dialog opens on the step the stored phase implies. A wait
 * that lapsed on the clock counts once the server says so: the store checks
 * actions against the server's last answer. */
ShouNegoStep
shou_nego_step_for (JsonObject        *aftersale,
                    const ShouProfile *profile,
                    gboolean           risks_seen)
{
  guint rounds;

  g_return_val_if_fail (aftersale != NULL, SHOU_NEGO_STEP_DONE);
  g_return_val_if_fail (profile != NULL, SHOU_NEGO_STEP_DONE);

  if (!status_allows_rejection (get_status (aftersale)))
    return SHOU_NEGO_STEP_DONE;

  rounds = shou_profile_get_negotiation_rounds (profile);
  switch (raw_phase (aftersale))
    {
    case SHOU_NEGO_NONE:
      return risks_seen ? SHOU_NEGO_STEP_ROUND1 : SHOU_NEGO_STEP_RISKS;
    case SHOU_NEGO_ROUND1_WAIT:
      return SHOU_NEGO_STEP_WAIT1;
    case SHOU_NEGO_ROUND1_DONE:
      return rounds >= 2 ? SHOU_NEGO_STEP_ROUND2 : SHOU_NEGO_STEP_REJECT;
    case SHOU_NEGO_ROUND2_WAIT:
      return SHOU_NEGO_STEP_WAIT2;
    case SHOU_NEGO_ROUND2_DONE:
      return SHOU_NEGO_STEP_REJECT;
    case SHOU_N_NEGO_PHASES:
    default:
      return SHOU_NEGO_STEP_DONE;
    }
}

static gboolean
json_lists_action (JsonObject *aftersale,
                   const char *member,
                   const char *action,
                   ShouReason *out_reason)
{
  JsonArray *list = get_array (aftersale, member);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_VALUE (node) &&
          g_strcmp0 (json_node_get_string (node), action) == 0)
        return TRUE;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *obj = json_node_get_object (node);

          if (g_strcmp0 (json_object_get_string_member_with_default (obj, "action", ""), action) == 0)
            {
              if (out_reason != NULL)
                shou_reason_from_string (json_object_get_string_member_with_default (obj, "reason", ""),
                                         out_reason);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* Core's gates read from the stored request; where the platform does not
 * require negotiation the server's "allowed_actions" decides. */
gboolean
shou_nego_can_reject (JsonObject        *aftersale,
                      const ShouProfile *profile,
                      ShouReason        *out_reason)
{
  ShouRequestStatus status;
  ShouNegoPhase phase;
  ShouReason reason = SHOU_REASON_NONE;
  ShouReason server_reason = SHOU_REASON_NONE;
  gboolean server_allows;
  JsonObject *order;

  g_return_val_if_fail (aftersale != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  status = get_status (aftersale);
  order = shou_nego_json_get_object (aftersale, "order");
  phase = raw_phase (aftersale);
  server_allows = json_lists_action (aftersale, "allowed_actions", "reject", NULL);

  if (shou_status_is_finished (status))
    reason = SHOU_REASON_FINISHED;
  else if (status == SHOU_STATUS_INTERVENTION)
    reason = SHOU_REASON_UNDER_INTERVENTION;
  else if (!status_allows_rejection (status))
    reason = SHOU_REASON_WRONG_STATUS;
  else if (order != NULL && !shou_profile_get_reject_before_shipment (profile) &&
           g_strcmp0 (json_object_get_string_member_with_default (order, "state", ""),
                      "pending_shipment") == 0)
    reason = SHOU_REASON_NOT_SHIPPED;
  else if (phase == SHOU_NEGO_ROUND1_WAIT || phase == SHOU_NEGO_ROUND2_WAIT)
    reason = server_allows && !shou_profile_get_negotiation_required (profile)
             ? SHOU_REASON_NONE : SHOU_REASON_NEGOTIATION_WAITING;
  else if (shou_profile_get_negotiation_required (profile))
    {
      guint rounds = shou_profile_get_negotiation_rounds (profile);

      if (phase == SHOU_NEGO_NONE ||
          (phase == SHOU_NEGO_ROUND1_DONE && rounds >= 2))
        reason = SHOU_REASON_NEGOTIATION_REQUIRED;
    }

  /* Reasons the server gives that are not about the negotiation still hold. */
  if (reason == SHOU_REASON_NONE &&
      json_lists_action (aftersale, "blocked_actions", "reject", &server_reason) &&
      server_reason != SHOU_REASON_NONE &&
      server_reason != SHOU_REASON_NEGOTIATION_REQUIRED &&
      server_reason != SHOU_REASON_NEGOTIATION_WAITING)
    reason = server_reason;

  if (out_reason != NULL)
    *out_reason = reason;
  return reason == SHOU_REASON_NONE;
}

guint
shou_nego_check_risks (JsonObject        *aftersale,
                       const ShouProfile *profile,
                       gint64             now)
{
  ShouRequestState state;
  guint local = 0;
  guint risks;
  gint64 deadline_at;

  g_return_val_if_fail (aftersale != NULL, 0);
  g_return_val_if_fail (profile != NULL, 0);

  if (shou_nego_state_from_json (aftersale, &state))
    local = shou_rules_check_risks (profile, &state, now);
  if (json_object_has_member (aftersale, "risks") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (aftersale, "risks")))
    {
      /* The platform's answer (API.md "risks"): codes the desktop words in
       * its own language; unknown codes are skipped. A stall that began
       * since the answer was cached is still told. */
      JsonArray *list = json_object_get_array_member (aftersale, "risks");

      risks = local & (1u << SHOU_RISK_LOGISTICS_STALLED);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *node = json_array_get_element (list, i);
          ShouRisk risk;

          if (JSON_NODE_HOLDS_OBJECT (node) &&
              shou_risk_from_string (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                                 "code", NULL), &risk))
            risks |= 1u << risk;
        }
    }
  else
    risks = local;

  /* The server's deadline is the truth; the state above only estimates it. */
  deadline_at = shou_nego_json_get_time (aftersale, "deadline_at");
  risks &= ~(1u << SHOU_RISK_DEADLINE_NEAR);
  if (deadline_at > 0 && deadline_at - now < shou_profile_get_lapse_warning (profile))
    risks |= 1u << SHOU_RISK_DEADLINE_NEAR;

  return risks;
}
