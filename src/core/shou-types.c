/* shou-types.c: stable API names and translated labels of the domain enums */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-names-private.h"
#include "shou-types.h"

gboolean
shou_names_lookup (const char *const *names,
                   guint              n,
                   const char        *text,
                   int               *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (names[i], text) == 0)
        {
          if (out != NULL)
            *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_STRINGS(prefix, Type, n_values, names)                   \
  const char *                                                          \
  prefix##_to_string (Type value)                                       \
  {                                                                     \
    g_return_val_if_fail ((guint) value < (n_values), NULL);            \
    return names[value];                                                \
  }                                                                     \
                                                                        \
  gboolean                                                              \
  prefix##_from_string (const char *str,                                \
                        Type       *out)                                \
  {                                                                     \
    int v = 0;                                                          \
    if (!shou_names_lookup (names, (n_values), str, &v))                           \
      return FALSE;                                                     \
    if (out != NULL)                                                    \
      *out = (Type) v;                                                  \
    return TRUE;                                                        \
  }

#define DEFINE_LABEL(prefix, Type, n_values, labels)                    \
  const char *                                                          \
  prefix (Type value)                                                   \
  {                                                                     \
    g_return_val_if_fail ((guint) value < (n_values), NULL);            \
    return g_dgettext (GETTEXT_PACKAGE, labels[value]);                 \
  }

static const char * const platform_names[SHOU_N_PLATFORMS] = {
  "taobao", "tmall", "pdd", "douyin", "jd",
};
static const char * const platform_labels[SHOU_N_PLATFORMS] = {
  N_("Taobao"), N_("Tmall"), N_("Pinduoduo"), N_("Douyin Shop"), N_("JD"),
};
static const char * const platform_icons[SHOU_N_PLATFORMS] = {
  "shou-platform-taobao-symbolic",
  "shou-platform-tmall-symbolic",
  "shou-platform-pdd-symbolic",
  "shou-platform-douyin-symbolic",
  "shou-platform-jd-symbolic",
};

DEFINE_STRINGS (shou_platform, ShouPlatform, SHOU_N_PLATFORMS, platform_names)
DEFINE_LABEL (shou_platform_get_label, ShouPlatform, SHOU_N_PLATFORMS, platform_labels)

const char *
shou_platform_get_icon_name (ShouPlatform platform)
{
  g_return_val_if_fail ((guint) platform < SHOU_N_PLATFORMS, NULL);
  return platform_icons[platform];
}

static const char * const order_state_names[SHOU_N_ORDER_STATES] = {
  "pending_payment", "pending_shipment", "shipped", "completed", "closed",
  "pending_confirm", "stocking",
};
static const char * const order_state_labels[SHOU_N_ORDER_STATES] = {
  N_("Pending payment"), N_("Pending shipment"), N_("Shipped"),
  N_("Completed"), N_("Closed"),
  N_("Pending confirmation"), N_("Stocking"),
};

DEFINE_STRINGS (shou_order_state, ShouOrderState, SHOU_N_ORDER_STATES, order_state_names)
DEFINE_LABEL (shou_order_state_get_label, ShouOrderState, SHOU_N_ORDER_STATES, order_state_labels)

static const char * const request_type_names[SHOU_N_REQUEST_TYPES] = {
  "cancel", "refund_only", "return_refund", "exchange", "reship", "repair",
};
static const char * const request_type_labels[SHOU_N_REQUEST_TYPES] = {
  N_("Cancel order"), N_("Refund only"), N_("Return and refund"),
  N_("Exchange"), N_("Reship"), N_("Repair"),
};

DEFINE_STRINGS (shou_request_type, ShouRequestType, SHOU_N_REQUEST_TYPES, request_type_names)
DEFINE_LABEL (shou_request_type_get_label, ShouRequestType, SHOU_N_REQUEST_TYPES, request_type_labels)

static const char * const status_names[SHOU_N_STATUSES] = {
  "wait_seller", "negotiating", "wait_buyer_return", "wait_seller_receipt",
  "wait_seller_ship", "wait_refund_proof", "refused", "intervention",
  "success", "closed",
};
static const char * const status_labels[SHOU_N_STATUSES] = {
  N_("Waiting for the seller"),
  N_("Negotiating"),
  N_("Waiting for the buyer's return"),
  N_("Waiting for the seller to confirm receipt"),
  N_("Waiting for the seller to ship"),
  N_("Waiting for the refund proof"),
  N_("Refused by the seller"),
  N_("Platform intervention"),
  N_("Succeeded"),
  N_("Closed"),
};

DEFINE_STRINGS (shou_status, ShouRequestStatus, SHOU_N_STATUSES, status_names)
DEFINE_LABEL (shou_status_get_label, ShouRequestStatus, SHOU_N_STATUSES, status_labels)

gboolean
shou_status_is_finished (ShouRequestStatus status)
{
  return status == SHOU_STATUS_SUCCESS || status == SHOU_STATUS_CLOSED;
}

static const char * const actor_names[SHOU_N_ACTORS] = {
  "buyer", "seller", "platform", "system",
};

DEFINE_STRINGS (shou_actor, ShouActor, SHOU_N_ACTORS, actor_names)

static const char * const action_names[SHOU_N_ACTIONS] = {
  "agree_refund", "agree_return", "negotiate", "reject", "confirm_receipt",
  "refuse_receipt", "ship_exchange", "upload_refund_proof", "message",
  "intercept", "await_return", "appeal",
};
static const char * const action_labels[SHOU_N_ACTIONS] = {
  N_("Agree to refund"),
  N_("Agree to return"),
  N_("Negotiate"),
  N_("Reject"),
  N_("Confirm receipt"),
  N_("Refuse receipt"),
  N_("Ship exchange"),
  N_("Upload refund proof"),
  N_("Send message"),
  N_("Intercept parcel"),
  N_("Wait for the parcel"),
  N_("Appeal"),
};

DEFINE_STRINGS (shou_action, ShouAction, SHOU_N_ACTIONS, action_names)
DEFINE_LABEL (shou_action_get_label, ShouAction, SHOU_N_ACTIONS, action_labels)

ShouEventKind
shou_action_to_event (ShouAction action)
{
  g_return_val_if_fail ((guint) action < SHOU_N_ACTIONS, SHOU_EVENT_MESSAGE);
  if (action == SHOU_ACTION_INTERCEPT)
    return SHOU_EVENT_INTERCEPT;
  if (action == SHOU_ACTION_AWAIT_RETURN)
    return SHOU_EVENT_AWAIT_RETURN;
  if (action == SHOU_ACTION_APPEAL)
    return SHOU_EVENT_APPEAL;
  return (ShouEventKind) (SHOU_EVENT_AGREE_REFUND + (int) action);
}

static const char * const parcel_wait_names[SHOU_N_PARCEL_WAITS] = {
  "none", "intercept", "await",
};

DEFINE_STRINGS (shou_parcel_wait, ShouParcelWait, SHOU_N_PARCEL_WAITS, parcel_wait_names)

static const char * const lapse_names[SHOU_N_LAPSES] = {
  "none", "auto_agree", "auto_refund", "auto_close", "auto_confirm",
  "intervention", "platform_compensates", "next_round", "evidence_closed",
};
static const char * const lapse_descriptions[SHOU_N_LAPSES] = {
  N_("Nothing happens when the deadline passes"),
  N_("Auto agree when the deadline passes"),
  N_("Auto refund when the deadline passes"),
  N_("The request closes when the deadline passes"),
  N_("Receipt is confirmed automatically when the deadline passes"),
  N_("The platform intervenes when the deadline passes"),
  N_("The platform pays first and the seller is penalised when the deadline passes"),
  N_("The next negotiation round opens when the wait ends"),
  N_("No more evidence can be given when the deadline passes"),
};

DEFINE_STRINGS (shou_lapse, ShouLapse, SHOU_N_LAPSES, lapse_names)
DEFINE_LABEL (shou_lapse_get_description, ShouLapse, SHOU_N_LAPSES, lapse_descriptions)

/* Once the deadline passed, the platform acts at its own next check: until
 * sync brings its result, say what it will do, never "will … when it passes". */
static const char * const lapse_overdue[SHOU_N_LAPSES] = {
  N_("Overdue"),
  N_("Overdue · the platform will agree automatically (waiting for the platform)"),
  N_("Overdue · the platform will refund automatically (waiting for the platform)"),
  N_("Overdue · the platform will close the request (waiting for the platform)"),
  N_("Overdue · the platform will confirm receipt automatically (waiting for the platform)"),
  N_("Overdue · the platform will intervene (waiting for the platform)"),
  N_("Overdue · the platform will pay the buyer first and penalise the seller (waiting for the platform)"),
  N_("Wait over · the next negotiation round opens (waiting for the platform)"),
  N_("Evidence period over · the platform decides on the evidence given"),
};

DEFINE_LABEL (shou_lapse_get_overdue_description, ShouLapse, SHOU_N_LAPSES, lapse_overdue)

/* The same, short enough for a queue row's countdown column; the row's
 * tooltip keeps the whole sentence. */
static const char * const lapse_overdue_short[SHOU_N_LAPSES] = {
  N_("Overdue"),
  N_("Overdue · agrees automatically"),
  N_("Overdue · refunds automatically"),
  N_("Overdue · closes"),
  N_("Overdue · receipt confirmed automatically"),
  N_("Overdue · platform intervenes"),
  N_("Overdue · platform pays first"),
  N_("Wait over · next round"),
  N_("Evidence period over"),
};

DEFINE_LABEL (shou_lapse_get_overdue_short, ShouLapse, SHOU_N_LAPSES, lapse_overdue_short)

gboolean
shou_deadline_is_lapsed (gint64 deadline_at,
                         gint64 now)
{
  return deadline_at != 0 && deadline_at < now;
}

const char *
shou_deadline_describe (gint64    deadline_at,
                        ShouLapse on_lapse,
                        gint64    now)
{
  g_return_val_if_fail ((guint) on_lapse < SHOU_N_LAPSES, NULL);

  if (deadline_at == 0)
    return "";
  if (shou_deadline_is_lapsed (deadline_at, now))
    return shou_lapse_get_overdue_description (on_lapse);
  if (on_lapse == SHOU_LAPSE_NONE)
    return "";
  return shou_lapse_get_description (on_lapse);
}

const char *
shou_status_describe (ShouRequestStatus status,
                      gboolean          exchange_shipped)
{
  if (status == SHOU_STATUS_WAIT_SELLER_SHIP && exchange_shipped)
    return _("Shipped, waiting for the buyer to confirm receipt");

  return shou_status_get_label (status);
}

const char *
shou_request_outcome_get_label (ShouRequestType   type,
                                ShouRequestStatus status)
{
  if (status == SHOU_STATUS_CLOSED)
    return _("Closed");
  if (status != SHOU_STATUS_SUCCESS)
    return NULL;

  switch (type)
    {
    case SHOU_REQUEST_EXCHANGE:
      return _("Exchanged");
    case SHOU_REQUEST_RESHIP:
      return _("Reshipped");
    case SHOU_REQUEST_REPAIR:
      return _("Repaired");
    case SHOU_REQUEST_CANCEL:
    case SHOU_REQUEST_REFUND_ONLY:
    case SHOU_REQUEST_RETURN_REFUND:
    case SHOU_N_REQUEST_TYPES:
    default:
      return _("Refunded");
    }
}

static const char * const event_names[SHOU_N_EVENTS] = {
  "open", "buyer_reply", "buyer_accept", "buyer_ship_return", "buyer_cancel",
  "buyer_escalate", "buyer_modify", "buyer_confirm_exchange",
  "agree_refund", "agree_return", "negotiate", "reject", "confirm_receipt",
  "refuse_receipt", "ship_exchange", "upload_refund_proof", "message",
  "logistics_update", "lapse", "platform_refund", "platform_close",
  "intercept", "await_return", "appeal",
};
static const char * const event_labels[SHOU_N_EVENTS] = {
  N_("Buyer opened the request"),
  N_("Buyer replied"),
  N_("Buyer accepted the proposal"),
  N_("Buyer shipped the return"),
  N_("Buyer withdrew the request"),
  N_("Buyer asked the platform to intervene"),
  N_("Buyer modified the request"),
  N_("Buyer received the exchange"),
  N_("Seller agreed to refund"),
  N_("Seller agreed to the return"),
  N_("Seller sent a negotiation round"),
  N_("Seller rejected the request"),
  N_("Seller confirmed receipt"),
  N_("Seller refused the returned goods"),
  N_("Seller shipped the exchange"),
  N_("Seller uploaded the refund proof"),
  N_("Message"),
  N_("Logistics update"),
  N_("Deadline passed"),
  N_("Platform ruled for the buyer"),
  N_("Platform closed the request"),
  N_("Seller asked the courier to intercept the parcel"),
  N_("Seller is waiting for the parcel to come back"),
  N_("Seller appealed the express refund"),
};

DEFINE_STRINGS (shou_event_kind, ShouEventKind, SHOU_N_EVENTS, event_names)
DEFINE_LABEL (shou_event_kind_get_label, ShouEventKind, SHOU_N_EVENTS, event_labels)

ShouActor
shou_event_kind_get_actor (ShouEventKind kind)
{
  g_return_val_if_fail ((guint) kind < SHOU_N_EVENTS, SHOU_ACTOR_SYSTEM);

  if (kind <= SHOU_EVENT_BUYER_CONFIRM_EXCHANGE)
    return SHOU_ACTOR_BUYER;
  if (kind <= SHOU_EVENT_MESSAGE || kind >= SHOU_EVENT_INTERCEPT)
    return SHOU_ACTOR_SELLER;
  if (kind == SHOU_EVENT_PLATFORM_REFUND || kind == SHOU_EVENT_PLATFORM_CLOSE)
    return SHOU_ACTOR_PLATFORM;
  return SHOU_ACTOR_SYSTEM;
}

static const char * const nego_phase_names[SHOU_N_NEGO_PHASES] = {
  "none", "round1_wait", "round1_done", "round2_wait", "round2_done",
};

DEFINE_STRINGS (shou_nego_phase, ShouNegoPhase, SHOU_N_NEGO_PHASES, nego_phase_names)

static const char * const proposal_names[SHOU_N_PROPOSALS] = {
  "none", "partial_refund", "exchange", "resend", "repair", "compensation",
};
static const char * const proposal_labels[SHOU_N_PROPOSALS] = {
  N_("No proposal"), N_("Partial refund"), N_("Exchange"), N_("Resend"),
  N_("Repair"), N_("Small compensation"),
};

DEFINE_STRINGS (shou_proposal, ShouProposal, SHOU_N_PROPOSALS, proposal_names)
DEFINE_LABEL (shou_proposal_get_label, ShouProposal, SHOU_N_PROPOSALS, proposal_labels)

static const char * const good_status_names[SHOU_N_GOOD_STATUSES] = {
  "not_received", "received", "returned",
};

DEFINE_STRINGS (shou_good_status, ShouGoodStatus, SHOU_N_GOOD_STATUSES, good_status_names)

static const char * const evidence_kind_names[SHOU_N_EVIDENCE_KINDS] = {
  "chat_screenshot", "product_photo", "photo_vs_listing",
  "courier_certificate", "signed_slip", "refund_proof", "other",
};
static const char * const evidence_kind_labels[SHOU_N_EVIDENCE_KINDS] = {
  N_("Chat screenshot"),
  N_("Product photo"),
  N_("Photo compared with the listing"),
  N_("Courier's stamped certificate"),
  N_("Signed delivery slip"),
  N_("Refund proof"),
  N_("Other"),
};

DEFINE_STRINGS (shou_evidence_kind, ShouEvidenceKind, SHOU_N_EVIDENCE_KINDS, evidence_kind_names)
DEFINE_LABEL (shou_evidence_kind_get_label, ShouEvidenceKind, SHOU_N_EVIDENCE_KINDS, evidence_kind_labels)

static const char * const reason_names[SHOU_N_REASONS] = {
  "none", "finished", "wrong_status", "not_for_type", "negotiation_required",
  "negotiation_waiting", "negotiation_done", "under_intervention",
  "not_shipped", "evidence_required", "reason_required",
  "explanation_required", "amount_invalid", "not_cod", "not_returned",
  "address_required", "tracking_invalid", "text_invalid", "proposal_required",
  "too_early", "window_closed", "line_closed", "evidence_closed",
  "no_parcel", "already_signed", "parcel_waiting", "parcel_returned",
  "not_express", "return_not_late", "already_appealed",
  "online_payment", "already_shipped", "buyer_not_consulted", "not_for_platform",
  "no_platform_call",
};
static const char * const reason_messages[SHOU_N_REASONS] = {
  N_("Allowed"),
  N_("The request is finished"),
  N_("Not possible at this step"),
  N_("Not possible for this type of request"),
  N_("Negotiate with the buyer before rejecting"),
  N_("Please wait patiently for the buyer's reply"),
  N_("Both negotiation rounds have been sent"),
  N_("The platform is handling this request"),
  N_("Not possible before the order is shipped"),
  N_("Evidence is required"),
  N_("Choose a reason"),
  N_("Write an explanation"),
  N_("The amount is not valid"),
  N_("Only for cash-on-delivery orders"),
  N_("The goods have not been sent back"),
  N_("Choose a return address"),
  N_("The carrier or tracking number is not valid"),
  N_("The text is too long, too short or contains a forbidden word"),
  N_("Choose a proposal for the second round"),
  N_("Not possible yet"),
  N_("The after-sales window has closed"),
  N_("This order line already had an after-sales request"),
  N_("The evidence period of the platform's intervention has ended"),
  N_("No parcel of this order is known"),
  N_("The buyer has already signed for the parcel"),
  N_("The parcel is already being intercepted or awaited"),
  N_("The parcel is back: agree to the refund"),
  N_("Only for an express refund"),
  N_("The buyer's return is not late yet"),
  N_("The appeal has been sent"),
  N_("The seller cannot cancel an online-payment order"),
  N_("The order has shipped and can no longer be cancelled"),
  N_("Talk to the buyer before cancelling the order"),
  N_("This platform's rules do not provide it"),
  /* Translators: the platform's open API has no call for this (e.g. intercepting the parcel) */
  N_("The platform's API offers no call for this: do it in its merchant backend or with the courier"),
};

DEFINE_STRINGS (shou_reason, ShouReason, SHOU_N_REASONS, reason_names)
DEFINE_LABEL (shou_reason_get_message, ShouReason, SHOU_N_REASONS, reason_messages)

gboolean
shou_reason_is_input (ShouReason reason)
{
  switch (reason)
    {
    case SHOU_REASON_REASON_REQUIRED:
    case SHOU_REASON_EXPLANATION_REQUIRED:
    case SHOU_REASON_EVIDENCE_REQUIRED:
    case SHOU_REASON_AMOUNT_INVALID:
    case SHOU_REASON_ADDRESS_REQUIRED:
    case SHOU_REASON_TRACKING_INVALID:
    case SHOU_REASON_TEXT_INVALID:
    case SHOU_REASON_PROPOSAL_REQUIRED:
    case SHOU_REASON_BUYER_NOT_CONSULTED:
      return TRUE;
    case SHOU_REASON_NONE:
    case SHOU_REASON_FINISHED:
    case SHOU_REASON_WRONG_STATUS:
    case SHOU_REASON_NOT_FOR_TYPE:
    case SHOU_REASON_NEGOTIATION_REQUIRED:
    case SHOU_REASON_NEGOTIATION_WAITING:
    case SHOU_REASON_NEGOTIATION_DONE:
    case SHOU_REASON_UNDER_INTERVENTION:
    case SHOU_REASON_NOT_SHIPPED:
    case SHOU_REASON_NOT_COD:
    case SHOU_REASON_NOT_RETURNED:
    case SHOU_REASON_TOO_EARLY:
    case SHOU_REASON_WINDOW_CLOSED:
    case SHOU_REASON_LINE_CLOSED:
    case SHOU_REASON_EVIDENCE_CLOSED:
    case SHOU_REASON_NO_PARCEL:
    case SHOU_REASON_ALREADY_SIGNED:
    case SHOU_REASON_PARCEL_WAITING:
    case SHOU_REASON_PARCEL_RETURNED:
    case SHOU_REASON_NOT_EXPRESS:
    case SHOU_REASON_RETURN_NOT_LATE:
    case SHOU_REASON_ALREADY_APPEALED:
    case SHOU_REASON_ONLINE_PAYMENT:
    case SHOU_REASON_ALREADY_SHIPPED:
    case SHOU_REASON_NOT_FOR_PLATFORM:
    case SHOU_REASON_NO_PLATFORM_CALL:
    case SHOU_N_REASONS:
    default:
      return FALSE;
    }
}
