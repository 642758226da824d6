/* shou-rules.c: the after-sales state machine driven by a rule profile:
 * opening a request and evaluating it (transitions: shou-rules-apply.c) */
#include "config.h"

#include <string.h>

#include "shou-rules.h"
#include "shou-rules-private.h"
#include "shou-time.h"

#define NEGOTIATION_WAIT_ID "negotiation-wait"

G_DEFINE_QUARK (shou-rules-error-quark, shou_rules_error)

gboolean
shou_rules_set_reason (GError     **error,
            ShouReason   reason)
{
  g_set_error_literal (error, SHOU_RULES_ERROR, (int) reason,
                       shou_reason_get_message (reason));
  return FALSE;
}

gboolean
shou_request_state_is_shipped (const ShouRequestState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);
  return state->order_state == SHOU_ORDER_SHIPPED ||
         state->order_state == SHOU_ORDER_COMPLETED;
}

gboolean
shou_rules_can_open (const ShouProfile  *profile,
                     ShouRequestType     type,
                     ShouOrderState      order_state,
                     gint64              completed_at,
                     gboolean            line_had_request,
                     gint64              now,
                     GError            **error)
{
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail ((guint) type < SHOU_N_REQUEST_TYPES, FALSE);
  g_return_val_if_fail ((guint) order_state < SHOU_N_ORDER_STATES, FALSE);

  if ((shou_profile_get_open_types (profile, order_state) & (1u << type)) == 0)
    return shou_rules_set_reason (error, SHOU_REASON_NOT_FOR_TYPE);
  if (line_had_request && order_state == SHOU_ORDER_COMPLETED &&
      !shou_profile_get_line_reopenable (profile))
    return shou_rules_set_reason (error, SHOU_REASON_LINE_CLOSED);
  if (order_state == SHOU_ORDER_COMPLETED && completed_at > 0 &&
      now > completed_at + shou_profile_get_window (profile))
    return shou_rules_set_reason (error, SHOU_REASON_WINDOW_CLOSED);
  return TRUE;
}

gboolean
shou_rules_buyer_cancels_alone (const ShouProfile *profile,
                                ShouOrderState     order_state,
                                gboolean           cod)
{
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail ((guint) order_state < SHOU_N_ORDER_STATES, FALSE);

  /* 用户在待支付时可取消订单 (Douyin, seed 004 2、): no money moved, nothing for
   * the seller to decide. The fact is the one of the unpaid 24 h. */
  return !cod && order_state == SHOU_ORDER_PENDING_PAYMENT &&
         shou_profile_find_fact (profile, "online-unpaid-cancel") != NULL;
}

gboolean
shou_request_state_init (ShouRequestState  *state,
                         const ShouProfile *profile,
                         ShouRequestType    type,
                         ShouOrderState     order_state,
                         gboolean           cod,
                         gint64             amount_fen,
                         gint64             paid_fen,
                         gint64             now,
                         GError           **error)
{
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail ((guint) type < SHOU_N_REQUEST_TYPES, FALSE);
  g_return_val_if_fail ((guint) order_state < SHOU_N_ORDER_STATES, FALSE);

  if ((shou_profile_get_open_types (profile, order_state) & (1u << type)) == 0)
    return shou_rules_set_reason (error, SHOU_REASON_NOT_FOR_TYPE);
  if (paid_fen < 0 || amount_fen < 0 || amount_fen > paid_fen)
    return shou_rules_set_reason (error, SHOU_REASON_AMOUNT_INVALID);

  memset (state, 0, sizeof *state);
  state->platform = shou_profile_get_platform (profile);
  state->type = type;
  state->status = SHOU_STATUS_WAIT_SELLER;
  state->order_state = order_state;
  state->cod = cod;
  state->opened_at = now;
  state->status_since = now;
  state->amount_fen = amount_fen;
  state->paid_fen = paid_fen;
  state->good_status = order_state == SHOU_ORDER_COMPLETED ? SHOU_GOOD_RECEIVED
                                                           : SHOU_GOOD_NOT_RECEIVED;
  state->nego_phase = SHOU_NEGO_NONE;
  state->status_before_intervention = SHOU_STATUS_WAIT_SELLER;
  state->nego_proposal = SHOU_PROPOSAL_NONE;
  state->version = 1;
  /* 用户在待支付时可取消订单 (Douyin, seed 004 §2): the buyer's cancellation of
   * an unpaid online-payment order is done at once, with no merchant step. */
  if (type == SHOU_REQUEST_CANCEL && shou_rules_buyer_cancels_alone (profile, order_state, cod))
    state->status = SHOU_STATUS_SUCCESS;
  return TRUE;
}

/* A deadline whose passing changes no status: "none" (a platform's own
 * timing) or the end of an evidence period. The next matching rule runs. */
gboolean
shou_rules_lapse_is_milestone (ShouLapse lapse)
{
  return lapse == SHOU_LAPSE_NONE || lapse == SHOU_LAPSE_EVIDENCE_CLOSED;
}

gboolean
shou_rules_nego_waiting (const ShouRequestState *state)
{
  return state->status == SHOU_STATUS_NEGOTIATING &&
         (state->nego_phase == SHOU_NEGO_ROUND1_WAIT ||
          state->nego_phase == SHOU_NEGO_ROUND2_WAIT);
}

gint64
shou_rules_rule_deadline (const ShouProfile      *profile,
                          const ShouDeadlineRule *rule,
                          gint64                  since,
                          gboolean               *approximate)
{
  if (approximate != NULL)
    *approximate = FALSE;
  if (rule->working_days > 0)
    return shou_profile_add_working_days (profile, since, rule->working_days, approximate);
  return since + rule->duration;
}

gboolean
shou_rules_rule_matches (const ShouDeadlineRule *rule,
              ShouRequestStatus       status,
              const ShouRequestState *state)
{
  gboolean shipped = shou_request_state_is_shipped (state);

  /* Once the exchange is on its way the buyer's confirmation runs, not the
   * seller's shipping deadline. */
  if (status == SHOU_STATUS_WAIT_SELLER_SHIP &&
      (rule->actor == SHOU_ACTOR_SELLER) == state->exchange_shipped)
    return FALSE;

  return rule->status == status &&
         (rule->types_mask == 0 || (rule->types_mask & (1u << state->type)) != 0) &&
         (rule->shipped == -1 || rule->shipped == (shipped ? 1 : 0)) &&
         (rule->received == -1 ||
          rule->received == (state->order_state == SHOU_ORDER_COMPLETED ? 1 : 0)) &&
         (rule->cod == -1 || rule->cod == (state->cod ? 1 : 0));
}

/* The running deadline rule. Rules with no lapse outcome are milestones
 * (e.g. "platform replies in 2 working days, resolves in 7"): a passed
 * milestone gives way to the next matching rule. */
const ShouDeadlineRule *
shou_rules_find_running_rule (const ShouProfile      *profile,
                   const ShouRequestState *state,
                   gint64                  now,
                   gint64                 *out_deadline)
{
  const ShouDeadlineRule *rules;
  const ShouDeadlineRule *found = NULL;
  ShouRequestStatus status = state->status;
  guint n_rules = 0;

  rules = shou_profile_get_deadlines (profile, &n_rules);

  for (int attempt = 0; attempt < 2 && found == NULL; attempt++)
    {
      for (guint i = 0; i < n_rules; i++)
        {
          gint64 deadline;

          if (!shou_rules_rule_matches (&rules[i], status, state))
            continue;
          deadline = shou_rules_rule_deadline (profile, &rules[i], state->status_since, NULL);
          found = &rules[i];
          *out_deadline = deadline;
          if (!shou_rules_lapse_is_milestone (rules[i].on_lapse) || deadline > now)
            break;
        }
      /* Between negotiation rounds the seller's own deadline runs again. */
      status = SHOU_STATUS_WAIT_SELLER;
      if (state->status != SHOU_STATUS_NEGOTIATING)
        break;
    }

  /* An evidence period that ended is over, not overdue: nothing to show. */
  if (found != NULL && found->on_lapse == SHOU_LAPSE_EVIDENCE_CLOSED && *out_deadline <= now)
    {
      *out_deadline = 0;
      return NULL;
    }
  return found;
}

gboolean
shou_rules_has_refund_proof_step (const ShouProfile      *profile,
                       const ShouRequestState *state)
{
  const ShouDeadlineRule *rules;
  guint n_rules = 0;

  if (!state->cod)
    return FALSE;
  rules = shou_profile_get_deadlines (profile, &n_rules);
  for (guint i = 0; i < n_rules; i++)
    if (shou_rules_rule_matches (&rules[i], SHOU_STATUS_WAIT_REFUND_PROOF, state))
      return TRUE;
  return FALSE;
}

gboolean
shou_rules_is_refund_type (ShouRequestType type)
{
  return type == SHOU_REQUEST_CANCEL ||
         type == SHOU_REQUEST_REFUND_ONLY ||
         type == SHOU_REQUEST_RETURN_REFUND;
}

gboolean
shou_rules_needs_return (ShouRequestType type)
{
  return type == SHOU_REQUEST_RETURN_REFUND ||
         type == SHOU_REQUEST_EXCHANGE ||
         type == SHOU_REQUEST_REPAIR;
}

static void
evaluate_seller_deciding (const ShouProfile      *profile,
                          const ShouRequestState *state,
                          ShouEvaluation         *eval)
{
  gboolean shipped = shou_request_state_is_shipped (state);
  gboolean required = shou_profile_get_negotiation_required (profile);
  guint rounds = shou_profile_get_negotiation_rounds (profile);
  gboolean waiting = shou_rules_nego_waiting (state);

  /* agree_refund: give the buyer the money (also ends a negotiation). */
  if (state->type == SHOU_REQUEST_RESHIP)
    eval->why_not[SHOU_ACTION_AGREE_REFUND] = SHOU_REASON_NOT_FOR_TYPE;

  if (!shou_rules_needs_return (state->type))
    eval->why_not[SHOU_ACTION_AGREE_RETURN] = SHOU_REASON_NOT_FOR_TYPE;

  if (state->type == SHOU_REQUEST_CANCEL || rounds == 0)
    eval->why_not[SHOU_ACTION_NEGOTIATE] = SHOU_REASON_NOT_FOR_TYPE;
  else if (waiting)
    eval->why_not[SHOU_ACTION_NEGOTIATE] = SHOU_REASON_NEGOTIATION_WAITING;
  else if (state->nego_phase == SHOU_NEGO_ROUND2_DONE ||
           (state->nego_phase == SHOU_NEGO_ROUND1_DONE && rounds < 2))
    eval->why_not[SHOU_ACTION_NEGOTIATE] = SHOU_REASON_NEGOTIATION_DONE;

  if (!shipped && !shou_profile_get_reject_before_shipment (profile))
    eval->why_not[SHOU_ACTION_REJECT] = SHOU_REASON_NOT_SHIPPED;
  else if (required && waiting)
    eval->why_not[SHOU_ACTION_REJECT] = SHOU_REASON_NEGOTIATION_WAITING;
  else if (required &&
           state->nego_phase != (rounds >= 2 ? SHOU_NEGO_ROUND2_DONE : SHOU_NEGO_ROUND1_DONE))
    eval->why_not[SHOU_ACTION_REJECT] = SHOU_REASON_NEGOTIATION_REQUIRED;

  if (state->type == SHOU_REQUEST_RESHIP && state->status == SHOU_STATUS_WAIT_SELLER)
    eval->why_not[SHOU_ACTION_SHIP_EXCHANGE] = SHOU_REASON_NONE;
  else if (state->type == SHOU_REQUEST_EXCHANGE || state->type == SHOU_REQUEST_REPAIR ||
           state->type == SHOU_REQUEST_RESHIP)
    eval->why_not[SHOU_ACTION_SHIP_EXCHANGE] = SHOU_REASON_WRONG_STATUS;
  else
    eval->why_not[SHOU_ACTION_SHIP_EXCHANGE] = SHOU_REASON_NOT_FOR_TYPE;
}

void
shou_rules_evaluate (const ShouProfile      *profile,
                     const ShouRequestState *state,
                     gint64                  now,
                     ShouEvaluation         *eval)
{
  g_return_if_fail (profile != NULL);
  g_return_if_fail (state != NULL);
  g_return_if_fail (eval != NULL);

  memset (eval, 0, sizeof *eval);
  eval->status = state->status;
  eval->on_lapse = SHOU_LAPSE_NONE;
  eval->deadline_actor = SHOU_ACTOR_SYSTEM;

  if (shou_status_is_finished (state->status))
    {
      for (guint a = 0; a < SHOU_N_ACTIONS; a++)
        eval->why_not[a] = SHOU_REASON_FINISHED;
      /* Only an express refund's appeal outlives the request. */
      shou_rules_evaluate_parcel (state, now, eval);
      eval->why_not[SHOU_ACTION_INTERCEPT] = SHOU_REASON_FINISHED;
      eval->why_not[SHOU_ACTION_AWAIT_RETURN] = SHOU_REASON_FINISHED;
      if (eval->why_not[SHOU_ACTION_APPEAL] == SHOU_REASON_NONE)
        eval->allowed |= SHOU_ACTION_BIT (SHOU_ACTION_APPEAL);
      else
        eval->why_not[SHOU_ACTION_APPEAL] = SHOU_REASON_FINISHED;
      return;
    }

  /* The running deadline. */
  if (shou_rules_nego_waiting (state))
    {
      eval->deadline_at = state->nego_sent_at + shou_profile_get_negotiation_wait (profile);
      eval->on_lapse = SHOU_LAPSE_NEXT_ROUND;
      eval->deadline_actor = SHOU_ACTOR_BUYER;
      eval->deadline_rule_id = NEGOTIATION_WAIT_ID;
      eval->nego_wait_until = eval->deadline_at;
    }
  else
    {
      gint64 deadline = 0;
      const ShouDeadlineRule *rule = shou_rules_find_running_rule (profile, state, now, &deadline);

      if (rule != NULL)
        {
          eval->deadline_at = deadline;
          eval->on_lapse = rule->on_lapse;
          eval->deadline_actor = rule->actor;
          eval->deadline_rule_id = rule->id;
          shou_rules_rule_deadline (profile, rule, state->status_since,
                                    &eval->deadline_approximate);
        }
    }

  /* Default: not at this step; each status opens what it allows. */
  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    eval->why_not[a] = SHOU_REASON_WRONG_STATUS;
  eval->why_not[SHOU_ACTION_MESSAGE] = SHOU_REASON_NONE;
  if (!state->cod)
    eval->why_not[SHOU_ACTION_UPLOAD_REFUND_PROOF] = SHOU_REASON_NOT_COD;
  if (!shou_rules_needs_return (state->type))
    {
      eval->why_not[SHOU_ACTION_CONFIRM_RECEIPT] = SHOU_REASON_NOT_FOR_TYPE;
      eval->why_not[SHOU_ACTION_REFUSE_RECEIPT] = SHOU_REASON_NOT_FOR_TYPE;
    }
  if (state->type != SHOU_REQUEST_EXCHANGE && state->type != SHOU_REQUEST_REPAIR &&
      state->type != SHOU_REQUEST_RESHIP)
    eval->why_not[SHOU_ACTION_SHIP_EXCHANGE] = SHOU_REASON_NOT_FOR_TYPE;

  switch (state->status)
    {
    case SHOU_STATUS_WAIT_SELLER:
    case SHOU_STATUS_NEGOTIATING:
      eval->why_not[SHOU_ACTION_AGREE_REFUND] = SHOU_REASON_NONE;
      eval->why_not[SHOU_ACTION_AGREE_RETURN] = SHOU_REASON_NONE;
      eval->why_not[SHOU_ACTION_NEGOTIATE] = SHOU_REASON_NONE;
      eval->why_not[SHOU_ACTION_REJECT] = SHOU_REASON_NONE;
      evaluate_seller_deciding (profile, state, eval);
      break;

    case SHOU_STATUS_WAIT_BUYER_RETURN:
      if (shou_rules_needs_return (state->type))
        {
          eval->why_not[SHOU_ACTION_CONFIRM_RECEIPT] = SHOU_REASON_NOT_RETURNED;
          eval->why_not[SHOU_ACTION_REFUSE_RECEIPT] = SHOU_REASON_NOT_RETURNED;
        }
      break;

    case SHOU_STATUS_WAIT_SELLER_RECEIPT:
      eval->why_not[SHOU_ACTION_CONFIRM_RECEIPT] = SHOU_REASON_NONE;
      eval->why_not[SHOU_ACTION_REFUSE_RECEIPT] = SHOU_REASON_NONE;
      break;

    case SHOU_STATUS_WAIT_SELLER_SHIP:
      if (!state->exchange_shipped)
        eval->why_not[SHOU_ACTION_SHIP_EXCHANGE] = SHOU_REASON_NONE;
      break;

    case SHOU_STATUS_WAIT_REFUND_PROOF:
      eval->why_not[SHOU_ACTION_UPLOAD_REFUND_PROOF] = SHOU_REASON_NONE;
      break;

    case SHOU_STATUS_INTERVENTION:
      for (guint a = 0; a < SHOU_N_ACTIONS; a++)
        if (a != SHOU_ACTION_MESSAGE)
          eval->why_not[a] = SHOU_REASON_UNDER_INTERVENTION;
      break;

    case SHOU_STATUS_REFUSED:
      break;

    case SHOU_STATUS_SUCCESS:
    case SHOU_STATUS_CLOSED:
    case SHOU_N_STATUSES:
    default:
      g_assert_not_reached ();
    }

  shou_rules_evaluate_parcel (state, now, eval);

  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    if (eval->why_not[a] == SHOU_REASON_NONE)
      eval->allowed |= SHOU_ACTION_BIT (a);
}


gboolean
shou_rules_can_add_evidence (const ShouProfile      *profile,
                             const ShouRequestState *state,
                             gint64                  now,
                             gint64                 *out_closes_at,
                             GError                **error)
{
  const ShouDeadlineRule *rules;
  guint n_rules = 0;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (out_closes_at != NULL)
    *out_closes_at = 0;

  rules = shou_profile_get_deadlines (profile, &n_rules);
  for (guint i = 0; i < n_rules; i++)
    {
      gint64 closes_at;

      if (rules[i].on_lapse != SHOU_LAPSE_EVIDENCE_CLOSED ||
          !shou_rules_rule_matches (&rules[i], state->status, state))
        continue;
      closes_at = shou_rules_rule_deadline (profile, &rules[i], state->status_since, NULL);
      if (out_closes_at != NULL)
        *out_closes_at = closes_at;
      if (now >= closes_at)
        return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_CLOSED);
      return TRUE;
    }
  return TRUE;
}
