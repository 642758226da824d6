/* shou-rules-parcel.c: the seller's actions on the order's own parcel
 * (intercept, await its return) and the appeal of an express refund whose
 * goods never came back (issue 25). */
#include "config.h"

#include "shou-outbound.h"
#include "shou-rules.h"
#include "shou-rules-private.h"

#define PARCEL_MEMBER "seller_parcel"

/* Why the seller cannot intercept or await the parcel now (NONE: can). */
static ShouReason
parcel_reason (const ShouRequestState *state,
               gboolean                intercept)
{
  ShouOutboundState parcel;

  if (state->type != SHOU_REQUEST_REFUND_ONLY)
    return SHOU_REASON_NOT_FOR_TYPE;
  if (shou_status_is_finished (state->status))
    return SHOU_REASON_FINISHED;
  if (state->status == SHOU_STATUS_INTERVENTION)
    return SHOU_REASON_UNDER_INTERVENTION;
  if (state->status != SHOU_STATUS_WAIT_SELLER && state->status != SHOU_STATUS_NEGOTIATING)
    return SHOU_REASON_WRONG_STATUS;
  if (!shou_request_state_is_shipped (state))
    return SHOU_REASON_NOT_SHIPPED;
  if (state->order_state == SHOU_ORDER_COMPLETED)
    return SHOU_REASON_ALREADY_SIGNED;
  if (state->parcel_step == 0 || state->parcel_step > SHOU_N_OUTBOUND_STATES)
    return SHOU_REASON_NO_PARCEL;
  parcel = (ShouOutboundState) (state->parcel_step - 1);
  if (parcel == SHOU_OUTBOUND_SIGNED)
    return SHOU_REASON_ALREADY_SIGNED;
  if (parcel == SHOU_OUTBOUND_RETURNED)
    return SHOU_REASON_PARCEL_RETURNED;
  if (state->parcel_wait != SHOU_PARCEL_WAIT_NONE)
    return SHOU_REASON_PARCEL_WAITING;
  /* A refused parcel is already on its way back: nothing to intercept. */
  if (intercept && (parcel == SHOU_OUTBOUND_REFUSED || parcel == SHOU_OUTBOUND_RETURNING))
    return SHOU_REASON_PARCEL_WAITING;
  return SHOU_REASON_NONE;
}

static ShouReason
appeal_reason (const ShouRequestState *state,
               const ShouEvaluation   *eval,
               gint64                  now)
{
  if (!state->express_paid)
    return SHOU_REASON_NOT_EXPRESS;
  if (state->appealed)
    return SHOU_REASON_ALREADY_APPEALED;
  switch (state->status)
    {
    case SHOU_STATUS_CLOSED:
      /* Closed without the return ever shipping: the buyer kept both. */
      return state->return_shipped ? SHOU_REASON_FINISHED : SHOU_REASON_NONE;
    case SHOU_STATUS_REFUSED:
      /* The seller refused the "returned" goods: a false tracking number or
       * an empty parcel. */
      return state->return_shipped ? SHOU_REASON_NONE : SHOU_REASON_WRONG_STATUS;
    case SHOU_STATUS_WAIT_BUYER_RETURN:
      return eval->deadline_at > 0 && now >= eval->deadline_at ? SHOU_REASON_NONE
                                                               : SHOU_REASON_RETURN_NOT_LATE;
    case SHOU_STATUS_INTERVENTION:
      return SHOU_REASON_UNDER_INTERVENTION;
    case SHOU_STATUS_SUCCESS:
      return SHOU_REASON_FINISHED;
    case SHOU_STATUS_WAIT_SELLER:
    case SHOU_STATUS_NEGOTIATING:
    case SHOU_STATUS_WAIT_SELLER_RECEIPT:
    case SHOU_STATUS_WAIT_SELLER_SHIP:
    case SHOU_STATUS_WAIT_REFUND_PROOF:
    case SHOU_N_STATUSES:
    default:
      return SHOU_REASON_WRONG_STATUS;
    }
}

void
shou_rules_evaluate_parcel (const ShouRequestState *state,
                            gint64                  now,
                            ShouEvaluation         *eval)
{
  g_return_if_fail (state != NULL);
  g_return_if_fail (eval != NULL);

  eval->why_not[SHOU_ACTION_INTERCEPT] = parcel_reason (state, TRUE);
  eval->why_not[SHOU_ACTION_AWAIT_RETURN] = parcel_reason (state, FALSE);
  eval->why_not[SHOU_ACTION_APPEAL] = appeal_reason (state, eval, now);
}

gboolean
shou_rules_apply_parcel (const ShouProfile *profile,
                         ShouRequestState  *state,
                         const ShouEvent   *event,
                         gint64             now,
                         GError           **error)
{
  ShouAction action = event->kind == SHOU_EVENT_INTERCEPT ? SHOU_ACTION_INTERCEPT
                    : event->kind == SHOU_EVENT_AWAIT_RETURN ? SHOU_ACTION_AWAIT_RETURN
                    : SHOU_ACTION_APPEAL;
  ShouEvaluation eval;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  shou_rules_evaluate (profile, state, now, &eval);
  if ((eval.allowed & SHOU_ACTION_BIT (action)) == 0)
    return shou_rules_set_reason (error, eval.why_not[action]);

  switch (action)
    {
    case SHOU_ACTION_INTERCEPT:
      state->parcel_wait = SHOU_PARCEL_WAIT_INTERCEPT;
      state->parcel_wait_at = now;
      break;
    case SHOU_ACTION_AWAIT_RETURN:
      state->parcel_wait = SHOU_PARCEL_WAIT_AWAIT;
      state->parcel_wait_at = now;
      break;
    case SHOU_ACTION_APPEAL:
      /* The tracking evidence is the appeal (000 ⑵: 確認買家未發貨只上傳假的快遞單號). */
      if (event->n_evidence == 0)
        return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_REQUIRED);
      state->appealed = TRUE;
      state->status_before_intervention = state->status;
      state->status = SHOU_STATUS_INTERVENTION;
      state->status_since = now;
      break;
    case SHOU_ACTION_AGREE_REFUND:
    case SHOU_ACTION_AGREE_RETURN:
    case SHOU_ACTION_NEGOTIATE:
    case SHOU_ACTION_REJECT:
    case SHOU_ACTION_CONFIRM_RECEIPT:
    case SHOU_ACTION_REFUSE_RECEIPT:
    case SHOU_ACTION_SHIP_EXCHANGE:
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
    case SHOU_ACTION_MESSAGE:
    case SHOU_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
  state->version++;
  return TRUE;
}

void
shou_request_state_parcel_to_json (const ShouRequestState *state,
                                   JsonObject             *doc)
{
  JsonObject *o;

  g_return_if_fail (state != NULL && doc != NULL);

  if (state->parcel_wait == SHOU_PARCEL_WAIT_NONE && !state->express_paid && !state->appealed)
    {
      json_object_remove_member (doc, PARCEL_MEMBER);
      return;
    }
  o = json_object_new ();
  json_object_set_string_member (o, "wait", shou_parcel_wait_to_string (state->parcel_wait));
  json_object_set_int_member (o, "wait_at", state->parcel_wait_at);
  json_object_set_boolean_member (o, "express_paid", state->express_paid);
  json_object_set_int_member (o, "express_paid_at", state->express_paid_at);
  json_object_set_boolean_member (o, "appealed", state->appealed);
  json_object_set_object_member (doc, PARCEL_MEMBER, o);
}

void
shou_request_state_parcel_from_json (ShouRequestState *state,
                                     JsonObject       *doc)
{
  JsonNode *node;
  JsonObject *o;

  g_return_if_fail (state != NULL);

  state->parcel_wait = SHOU_PARCEL_WAIT_NONE;
  state->parcel_wait_at = 0;
  state->express_paid = FALSE;
  state->express_paid_at = 0;
  state->appealed = FALSE;
  node = doc != NULL ? json_object_get_member (doc, PARCEL_MEMBER) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  if (!shou_parcel_wait_from_string (json_object_get_string_member_with_default (o, "wait", "none"),
                                     &state->parcel_wait))
    state->parcel_wait = SHOU_PARCEL_WAIT_NONE;
  state->parcel_wait_at = json_object_get_int_member_with_default (o, "wait_at", 0);
  state->express_paid = json_object_get_boolean_member_with_default (o, "express_paid", FALSE);
  state->express_paid_at = json_object_get_int_member_with_default (o, "express_paid_at", 0);
  state->appealed = json_object_get_boolean_member_with_default (o, "appealed", FALSE);
}
