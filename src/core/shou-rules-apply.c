/* shou-rules-apply.c: the state machine's transitions: applying an event,
 * the lapse of a deadline, and replaying a request's history. */
#include "config.h"

#include <string.h>

#include "shou-rules.h"
#include "shou-rules-private.h"
#include "shou-validate.h"

/* The events no seller action produces, for the switches over seller
 * events (-Wswitch-enum wants every value named). */
#define CASE_NOT_A_SELLER_EVENT \
  case SHOU_EVENT_OPEN: \
  case SHOU_EVENT_BUYER_REPLY: \
  case SHOU_EVENT_BUYER_ACCEPT: \
  case SHOU_EVENT_BUYER_SHIP_RETURN: \
  case SHOU_EVENT_BUYER_CANCEL: \
  case SHOU_EVENT_BUYER_ESCALATE: \
  case SHOU_EVENT_BUYER_MODIFY: \
  case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE: \
  case SHOU_EVENT_LOGISTICS_UPDATE: \
  case SHOU_EVENT_LAPSE: \
  case SHOU_EVENT_PLATFORM_REFUND: \
  case SHOU_EVENT_PLATFORM_CLOSE: \
  case SHOU_EVENT_INTERCEPT: \
  case SHOU_EVENT_AWAIT_RETURN: \
  case SHOU_EVENT_APPEAL: \
  case SHOU_N_EVENTS

static void
set_status (ShouRequestState  *state,
            ShouRequestStatus  status,
            gint64             at)
{
  state->status = status;
  state->status_since = at;
}

/* Where "the seller agreed" leads for this request. */
static ShouRequestStatus
agree_target (const ShouProfile      *profile,
              const ShouRequestState *state)
{
  if (shou_rules_needs_return (state->type))
    return SHOU_STATUS_WAIT_BUYER_RETURN;
  if (state->type == SHOU_REQUEST_RESHIP)
    return SHOU_STATUS_WAIT_SELLER_SHIP;
  if (shou_rules_has_refund_proof_step (profile, state))
    return SHOU_STATUS_WAIT_REFUND_PROOF;
  return SHOU_STATUS_SUCCESS;
}

/* Where "receipt of the returned goods is confirmed" leads. */
static ShouRequestStatus
receipt_target (const ShouProfile      *profile,
                const ShouRequestState *state)
{
  if (!shou_rules_is_refund_type (state->type))
    return SHOU_STATUS_WAIT_SELLER_SHIP;
  if (shou_rules_has_refund_proof_step (profile, state))
    return SHOU_STATUS_WAIT_REFUND_PROOF;
  return SHOU_STATUS_SUCCESS;
}

static void
apply_lapse (const ShouProfile *profile,
             ShouRequestState  *state,
             ShouLapse          lapse,
             gint64             at)
{
  switch (lapse)
    {
    case SHOU_LAPSE_NEXT_ROUND:
      state->nego_phase = state->nego_phase == SHOU_NEGO_ROUND1_WAIT ? SHOU_NEGO_ROUND1_DONE
                                                                     : SHOU_NEGO_ROUND2_DONE;
      state->status_since = at;
      break;

    case SHOU_LAPSE_AUTO_AGREE:
      if (state->status == SHOU_STATUS_WAIT_SELLER_RECEIPT)
        set_status (state, receipt_target (profile, state), at);
      else if (state->status == SHOU_STATUS_WAIT_SELLER ||
               state->status == SHOU_STATUS_NEGOTIATING)
        set_status (state, agree_target (profile, state), at);
      else
        set_status (state, SHOU_STATUS_SUCCESS, at);
      break;

    case SHOU_LAPSE_AUTO_CONFIRM:
      if (state->status == SHOU_STATUS_WAIT_SELLER_SHIP)
        set_status (state, SHOU_STATUS_SUCCESS, at);
      else
        set_status (state, receipt_target (profile, state), at);
      break;

    case SHOU_LAPSE_AUTO_REFUND:
    case SHOU_LAPSE_PLATFORM_COMPENSATES:
      set_status (state, SHOU_STATUS_SUCCESS, at);
      break;

    case SHOU_LAPSE_AUTO_CLOSE:
      set_status (state, SHOU_STATUS_CLOSED, at);
      break;

    case SHOU_LAPSE_INTERVENTION:
      state->status_before_intervention = state->status;
      set_status (state, SHOU_STATUS_INTERVENTION, at);
      break;

    case SHOU_LAPSE_NONE:
    case SHOU_LAPSE_EVIDENCE_CLOSED:
    case SHOU_N_LAPSES:
    default:
      g_assert_not_reached ();
    }

  if (state->status != SHOU_STATUS_NEGOTIATING && state->status != SHOU_STATUS_WAIT_SELLER)
    {
      if (state->nego_phase == SHOU_NEGO_ROUND1_WAIT)
        state->nego_phase = SHOU_NEGO_ROUND1_DONE;
      else if (state->nego_phase == SHOU_NEGO_ROUND2_WAIT)
        state->nego_phase = SHOU_NEGO_ROUND2_DONE;
    }
}

static gboolean
check_amount (const ShouRequestState *state,
              gint64                  amount,
              gint64                  max,
              GError                **error)
{
  if (amount < 0 || amount > max || amount > state->paid_fen)
    return shou_rules_set_reason (error, SHOU_REASON_AMOUNT_INVALID);
  return TRUE;
}

static gboolean
check_seller_event (const ShouProfile      *profile,
                    const ShouRequestState *state,
                    const ShouEvent        *event,
                    GError                **error)
{
  switch (event->kind)
    {
    case SHOU_EVENT_AGREE_REFUND:
      return check_amount (state, event->amount_fen, state->amount_fen, error);

    case SHOU_EVENT_AGREE_RETURN:
      if (event->address_id == NULL || event->address_id[0] == '\0')
        return shou_rules_set_reason (error, SHOU_REASON_ADDRESS_REQUIRED);
      if (event->text != NULL && event->text[0] != '\0' &&
          (!shou_validate_message (profile, event->text, NULL) ||
           !shou_validate_no_sensitive_for_profile (profile, event->text, NULL)))
        return shou_rules_set_reason (error, SHOU_REASON_TEXT_INVALID);
      return TRUE;

    case SHOU_EVENT_NEGOTIATE:
      {
        guint expected = state->nego_phase == SHOU_NEGO_NONE ? 1 : 2;

        if (event->round != 0 && event->round != expected)
          return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
        if (event->text != NULL && event->text[0] != '\0' &&
            (!shou_validate_message (profile, event->text, NULL) ||
             !shou_validate_no_sensitive_for_profile (profile, event->text, NULL)))
          return shou_rules_set_reason (error, SHOU_REASON_TEXT_INVALID);
        if (expected == 2 && shou_profile_get_negotiation_required (profile) &&
            event->proposal == SHOU_PROPOSAL_NONE)
          return shou_rules_set_reason (error, SHOU_REASON_PROPOSAL_REQUIRED);
        if (expected == 2 && shou_profile_get_round2_evidence_required (profile) &&
            event->n_evidence == 0)
          return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_REQUIRED);
        if ((guint) event->proposal >= SHOU_N_PROPOSALS)
          return shou_rules_set_reason (error, SHOU_REASON_PROPOSAL_REQUIRED);
        if (event->proposal == SHOU_PROPOSAL_PARTIAL_REFUND &&
            (event->amount_fen <= 0 || !check_amount (state, event->amount_fen, state->amount_fen, NULL)))
          return shou_rules_set_reason (error, SHOU_REASON_AMOUNT_INVALID);
        if (event->proposal == SHOU_PROPOSAL_COMPENSATION &&
            (event->amount_fen <= 0 || !check_amount (state, event->amount_fen, state->paid_fen, NULL)))
          return shou_rules_set_reason (error, SHOU_REASON_AMOUNT_INVALID);
        if (event->proposal == SHOU_PROPOSAL_NONE &&
            !check_amount (state, event->amount_fen, state->amount_fen, error))
          return FALSE;
        return TRUE;
      }

    case SHOU_EVENT_REJECT:
      {
        const ShouRejectReason *reason;
        guint len;

        if (event->reason_code == NULL || event->reason_code[0] == '\0')
          return shou_rules_set_reason (error, SHOU_REASON_REASON_REQUIRED);
        reason = shou_profile_find_reject_reason (profile, event->reason_code);
        if (reason == NULL)
          return shou_rules_set_reason (error, SHOU_REASON_REASON_REQUIRED);
        len = event->text ? (guint) g_utf8_strlen (event->text, -1) : 0;
        if (len < shou_profile_get_explanation_min (profile) ||
            (len == 0 && shou_profile_get_explanation_min (profile) > 0))
          return shou_rules_set_reason (error, SHOU_REASON_EXPLANATION_REQUIRED);
        if (len > shou_profile_get_explanation_max (profile) ||
            (event->text != NULL && !shou_validate_no_sensitive_for_profile (profile, event->text, NULL)))
          return shou_rules_set_reason (error, SHOU_REASON_TEXT_INVALID);
        if ((reason->evidence_required || shou_profile_get_reject_evidence_required (profile)) &&
            event->n_evidence == 0)
          return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_REQUIRED);
        return TRUE;
      }

    case SHOU_EVENT_REFUSE_RECEIPT:
      if (event->reason_code == NULL || event->reason_code[0] == '\0')
        return shou_rules_set_reason (error, SHOU_REASON_REASON_REQUIRED);
      if (shou_profile_get_reject_evidence_required (profile) && event->n_evidence == 0)
        return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_REQUIRED);
      return TRUE;

    case SHOU_EVENT_SHIP_EXCHANGE:
      if (!shou_validate_tracking_number (event->carrier, event->tracking_no, NULL) ||
          (shou_carrier_is_other (event->carrier) &&
           !shou_validate_carrier_name (event->carrier_name, NULL)))
        return shou_rules_set_reason (error, SHOU_REASON_TRACKING_INVALID);
      return TRUE;

    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
      if (event->n_evidence == 0)
        return shou_rules_set_reason (error, SHOU_REASON_EVIDENCE_REQUIRED);
      return TRUE;

    case SHOU_EVENT_MESSAGE:
      if (event->text == NULL || event->text[0] == '\0' ||
          !shou_validate_message (profile, event->text, NULL) ||
          !shou_validate_no_sensitive_for_profile (profile, event->text, NULL))
        return shou_rules_set_reason (error, SHOU_REASON_TEXT_INVALID);
      return TRUE;

    case SHOU_EVENT_CONFIRM_RECEIPT:
      return TRUE;

    CASE_NOT_A_SELLER_EVENT:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
apply_seller_event (const ShouProfile *profile,
                    ShouRequestState  *state,
                    const ShouEvent   *event,
                    gint64             now)
{
  switch (event->kind)
    {
    case SHOU_EVENT_AGREE_REFUND:
      if (event->amount_fen > 0)
        state->amount_fen = event->amount_fen;
      if (state->type == SHOU_REQUEST_EXCHANGE || state->type == SHOU_REQUEST_REPAIR)
        state->type = SHOU_REQUEST_REFUND_ONLY;
      set_status (state, shou_rules_has_refund_proof_step (profile, state) ? SHOU_STATUS_WAIT_REFUND_PROOF
                                                               : SHOU_STATUS_SUCCESS, now);
      break;

    case SHOU_EVENT_AGREE_RETURN:
      set_status (state, SHOU_STATUS_WAIT_BUYER_RETURN, now);
      break;

    case SHOU_EVENT_NEGOTIATE:
      state->nego_phase = state->nego_phase == SHOU_NEGO_NONE ? SHOU_NEGO_ROUND1_WAIT
                                                              : SHOU_NEGO_ROUND2_WAIT;
      state->nego_sent_at = now;
      state->nego_proposal = event->proposal;
      state->nego_amount_fen = event->amount_fen;
      if (event->proposal == SHOU_PROPOSAL_NONE && event->amount_fen > 0)
        state->nego_proposal = SHOU_PROPOSAL_PARTIAL_REFUND;
      set_status (state, SHOU_STATUS_NEGOTIATING, now);
      break;

    case SHOU_EVENT_REJECT:
    case SHOU_EVENT_REFUSE_RECEIPT:
      set_status (state, SHOU_STATUS_REFUSED, now);
      break;

    case SHOU_EVENT_CONFIRM_RECEIPT:
      state->good_status = SHOU_GOOD_RETURNED;
      set_status (state, receipt_target (profile, state), now);
      break;

    case SHOU_EVENT_SHIP_EXCHANGE:
      state->exchange_shipped = TRUE;
      state->last_logistics_at = now;
      set_status (state, SHOU_STATUS_WAIT_SELLER_SHIP, now);
      break;

    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
      set_status (state, SHOU_STATUS_SUCCESS, now);
      break;

    case SHOU_EVENT_MESSAGE:
      break;

    CASE_NOT_A_SELLER_EVENT:
    default:
      g_assert_not_reached ();
    }
}

/* Buyer, platform and system events: checks and applies on a copy. */
static gboolean
apply_other_event (const ShouProfile *profile,
                   ShouRequestState  *next,
                   const ShouEvent   *event,
                   gint64             now,
                   GError           **error)
{
  ShouEvaluation eval;

  switch (event->kind)
    {
    case SHOU_EVENT_OPEN:
      return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);

    case SHOU_EVENT_BUYER_REPLY:
      if (!shou_rules_nego_waiting (next))
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      next->nego_phase = next->nego_phase == SHOU_NEGO_ROUND1_WAIT ? SHOU_NEGO_ROUND1_DONE
                                                                   : SHOU_NEGO_ROUND2_DONE;
      next->status_since = now;
      return TRUE;

    case SHOU_EVENT_BUYER_ACCEPT:
      if (next->status != SHOU_STATUS_NEGOTIATING || next->nego_phase == SHOU_NEGO_NONE)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      if (next->nego_phase == SHOU_NEGO_ROUND1_WAIT)
        next->nego_phase = SHOU_NEGO_ROUND1_DONE;
      else if (next->nego_phase == SHOU_NEGO_ROUND2_WAIT)
        next->nego_phase = SHOU_NEGO_ROUND2_DONE;
      switch (next->nego_proposal)
        {
        case SHOU_PROPOSAL_PARTIAL_REFUND:
        case SHOU_PROPOSAL_COMPENSATION:
          next->amount_fen = next->nego_amount_fen;
          set_status (next, SHOU_STATUS_SUCCESS, now);
          break;
        case SHOU_PROPOSAL_EXCHANGE:
          next->type = SHOU_REQUEST_EXCHANGE;
          next->amount_fen = 0;
          set_status (next, SHOU_STATUS_WAIT_BUYER_RETURN, now);
          break;
        case SHOU_PROPOSAL_REPAIR:
          next->type = SHOU_REQUEST_REPAIR;
          next->amount_fen = 0;
          set_status (next, SHOU_STATUS_WAIT_BUYER_RETURN, now);
          break;
        case SHOU_PROPOSAL_RESEND:
          next->type = SHOU_REQUEST_RESHIP;
          next->amount_fen = 0;
          set_status (next, SHOU_STATUS_WAIT_SELLER_SHIP, now);
          break;
        case SHOU_PROPOSAL_NONE:
        case SHOU_N_PROPOSALS:
        default:
          /* The buyer accepted the explanation: the request is settled. */
          set_status (next, SHOU_STATUS_SUCCESS, now);
          break;
        }
      return TRUE;

    case SHOU_EVENT_BUYER_SHIP_RETURN:
      if (next->status != SHOU_STATUS_WAIT_BUYER_RETURN)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      if (!shou_validate_tracking_number (event->carrier, event->tracking_no, NULL) ||
          (shou_carrier_is_other (event->carrier) &&
           !shou_validate_carrier_name (event->carrier_name, NULL)))
        return shou_rules_set_reason (error, SHOU_REASON_TRACKING_INVALID);
      next->return_shipped = TRUE;
      next->good_status = SHOU_GOOD_RETURNED;
      next->last_logistics_at = now;
      set_status (next, SHOU_STATUS_WAIT_SELLER_RECEIPT, now);
      return TRUE;

    case SHOU_EVENT_BUYER_CANCEL:
      set_status (next, SHOU_STATUS_CLOSED, now);
      return TRUE;

    case SHOU_EVENT_BUYER_ESCALATE:
      if (next->status == SHOU_STATUS_INTERVENTION)
        return shou_rules_set_reason (error, SHOU_REASON_UNDER_INTERVENTION);
      if (next->status != SHOU_STATUS_REFUSED)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      if (now < next->opened_at +
                shou_profile_get_escalate_delay (profile, shou_request_state_is_shipped (next)))
        return shou_rules_set_reason (error, SHOU_REASON_TOO_EARLY);
      next->status_before_intervention = next->status;
      set_status (next, SHOU_STATUS_INTERVENTION, now);
      return TRUE;

    case SHOU_EVENT_BUYER_MODIFY:
      if (next->status != SHOU_STATUS_REFUSED)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      if (event->amount_fen > 0)
        {
          if (event->amount_fen > next->paid_fen)
            return shou_rules_set_reason (error, SHOU_REASON_AMOUNT_INVALID);
          next->amount_fen = event->amount_fen;
        }
      set_status (next, SHOU_STATUS_WAIT_SELLER, now);
      return TRUE;

    case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
      if (next->status != SHOU_STATUS_WAIT_SELLER_SHIP || !next->exchange_shipped)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      set_status (next, SHOU_STATUS_SUCCESS, now);
      return TRUE;

    case SHOU_EVENT_LOGISTICS_UPDATE:
      if (!next->return_shipped && !next->exchange_shipped)
        return shou_rules_set_reason (error, SHOU_REASON_NOT_RETURNED);
      next->last_logistics_at = now;
      return TRUE;

    case SHOU_EVENT_LAPSE:
      shou_rules_evaluate (profile, next, now, &eval);
      if (eval.deadline_at == 0 || shou_rules_lapse_is_milestone (eval.on_lapse) || eval.deadline_at > now)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      apply_lapse (profile, next, eval.on_lapse, eval.deadline_at);
      return TRUE;

    case SHOU_EVENT_PLATFORM_REFUND:
    case SHOU_EVENT_PLATFORM_CLOSE:
      if (next->status != SHOU_STATUS_INTERVENTION)
        return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
      set_status (next, event->kind == SHOU_EVENT_PLATFORM_REFUND ? SHOU_STATUS_SUCCESS
                                                                  : SHOU_STATUS_CLOSED, now);
      return TRUE;

    case SHOU_EVENT_AGREE_REFUND:
    case SHOU_EVENT_AGREE_RETURN:
    case SHOU_EVENT_NEGOTIATE:
    case SHOU_EVENT_REJECT:
    case SHOU_EVENT_CONFIRM_RECEIPT:
    case SHOU_EVENT_REFUSE_RECEIPT:
    case SHOU_EVENT_SHIP_EXCHANGE:
    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
    case SHOU_EVENT_MESSAGE:
    case SHOU_EVENT_INTERCEPT:
    case SHOU_EVENT_AWAIT_RETURN:
    case SHOU_EVENT_APPEAL:
    case SHOU_N_EVENTS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
shou_rules_apply (const ShouProfile *profile,
                  ShouRequestState  *state,
                  const ShouEvent   *event,
                  gint64             now,
                  GError           **error)
{
  ShouRequestState next;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail ((guint) event->kind < SHOU_N_EVENTS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The parcel's and the express refund's actions (an appeal may follow a
   * closed request): shou-rules-parcel.c. */
  if (event->kind == SHOU_EVENT_INTERCEPT || event->kind == SHOU_EVENT_AWAIT_RETURN ||
      event->kind == SHOU_EVENT_APPEAL)
    return shou_rules_apply_parcel (profile, state, event, now, error);

  if (shou_status_is_finished (state->status))
    return shou_rules_set_reason (error, SHOU_REASON_FINISHED);

  next = *state;

  if (event->kind >= SHOU_EVENT_AGREE_REFUND && event->kind <= SHOU_EVENT_MESSAGE)
    {
      ShouAction action = (ShouAction) (event->kind - SHOU_EVENT_AGREE_REFUND);
      ShouEvaluation eval;

      shou_rules_evaluate (profile, state, now, &eval);
      if ((eval.allowed & SHOU_ACTION_BIT (action)) == 0)
        return shou_rules_set_reason (error, eval.why_not[action]);
      if (!check_seller_event (profile, state, event, error))
        return FALSE;
      apply_seller_event (profile, &next, event, now);
    }
  else if (!apply_other_event (profile, &next, event, now, error))
    return FALSE;

  if (shou_status_is_finished (next.status) || next.status != SHOU_STATUS_NEGOTIATING)
    {
      if (next.nego_phase == SHOU_NEGO_ROUND1_WAIT)
        next.nego_phase = SHOU_NEGO_ROUND1_DONE;
      else if (next.nego_phase == SHOU_NEGO_ROUND2_WAIT)
        next.nego_phase = SHOU_NEGO_ROUND2_DONE;
    }

  next.version = state->version + 1;
  *state = next;
  return TRUE;
}

guint
shou_rules_lapse (const ShouProfile *profile,
                  ShouRequestState  *state,
                  gint64             now,
                  GArray            *out_lapses)
{
  guint n = 0;

  g_return_val_if_fail (profile != NULL, 0);
  g_return_val_if_fail (state != NULL, 0);

  /* Bounded: every lapse moves the state forward; a profile cannot chain
   * more steps than there are statuses and negotiation phases. */
  for (guint i = 0; i < 4 * SHOU_N_STATUSES; i++)
    {
      ShouEvaluation eval;

      if (shou_status_is_finished (state->status))
        break;
      shou_rules_evaluate (profile, state, now, &eval);
      if (eval.deadline_at == 0 || shou_rules_lapse_is_milestone (eval.on_lapse) || eval.deadline_at > now)
        break;

      apply_lapse (profile, state, eval.on_lapse, eval.deadline_at);
      state->version++;
      n++;
      if (out_lapses != NULL)
        g_array_append_val (out_lapses, eval.on_lapse);
    }

  return n;
}

gboolean
shou_rules_replay (const ShouProfile    *profile,
                   ShouRequestState     *state,
                   const ShouTimedEvent *events,
                   guint                 n_events,
                   gint64                now,
                   guint                *out_failed,
                   GError              **error)
{
  gint64 last = state != NULL ? state->opened_at : 0;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);

  for (guint i = 0; i < n_events; i++)
    {
      if (events[i].at < last)
        {
          if (out_failed != NULL)
            *out_failed = i;
          return shou_rules_set_reason (error, SHOU_REASON_WRONG_STATUS);
        }
      last = events[i].at;
      shou_rules_lapse (profile, state, events[i].at, NULL);
      if (events[i].event.kind == SHOU_EVENT_LAPSE)
        continue;
      if (!shou_rules_apply (profile, state, &events[i].event, events[i].at, error))
        {
          if (out_failed != NULL)
            *out_failed = i;
          return FALSE;
        }
    }

  shou_rules_lapse (profile, state, MAX (now, last), NULL);
  return TRUE;
}
