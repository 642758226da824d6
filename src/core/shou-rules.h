/* shou-rules.h: the after-sales state machine.
 *
 * Given a request's state, its profile and "now", core answers: the current
 * status, the running deadline and what happens when it lapses, the seller
 * actions allowed now, and why every other action is not. Applying an event
 * yields the next state or an error; the simulator uses this to enforce the
 * rules, the client to explain them.
 *
 * Transitions (seller actions need the evaluation to allow them):
 *
 *   wait_seller / negotiating
 *     agree_refund         → success (cod with a refund-proof rule: wait_refund_proof);
 *                            exchange/repair turn into a refund
 *     agree_return         → wait_buyer_return (return_refund, exchange, repair)
 *     ship_exchange        → wait_seller_ship, shipped (reship only)
 *     negotiate            → negotiating, round N waits for the buyer
 *     reject               → refused (needs reason; profile gates: shipment,
 *                            negotiation rounds done, explanation length, evidence)
 *   negotiating (round waiting)
 *     buyer_reply / lapse  → round done, the seller's deadline runs again
 *     buyer_accept         → per the last proposal: partial_refund/compensation
 *                            → success with its amount; exchange/repair →
 *                            wait_buyer_return; resend → wait_seller_ship; none → success
 *   wait_buyer_return      buyer_ship_return → wait_seller_receipt (goods returned)
 *   wait_seller_receipt    confirm_receipt → success, wait_refund_proof (cod) or
 *                          wait_seller_ship (exchange/repair); refuse_receipt → refused
 *   wait_seller_ship       ship_exchange → shipped; buyer_confirm_exchange → success
 *   wait_refund_proof      upload_refund_proof (≥ 1 evidence) → success
 *   refused                buyer_modify → wait_seller; buyer_escalate → intervention
 *                          (not before the profile's escalation delay)
 *   intervention           platform_refund → success; platform_close → closed
 *   any unfinished         buyer_cancel → closed; message; logistics_update
 *
 * Lapse outcomes: auto_agree acts as the seller agreeing (or confirming
 * receipt), auto_refund and platform_compensates end in success, auto_close in
 * closed, auto_confirm confirms receipt (or the exchange), intervention opens
 * one, next_round ends a negotiation wait. evidence_closed is a milestone:
 * the status stays, evidence is refused after it (shou_rules_can_add_evidence).
 *
 * Errors are in SHOU_RULES_ERROR with a ShouReason code; input problems use
 * reason_required, explanation_required, evidence_required, amount_invalid,
 * address_required, tracking_invalid, text_invalid and proposal_required, all
 * other codes mean "not allowed now".
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

#define SHOU_RULES_ERROR (shou_rules_error_quark ())

/* Error codes are ShouReason values: the machine-readable reason. */
GQuark shou_rules_error_quark (void);

/* The part of a request the rules look at. Plain data; copy by value. */
typedef struct
{
  ShouPlatform       platform;
  ShouRequestType    type;
  ShouRequestStatus  status;
  ShouOrderState     order_state;      /* when the request was opened */
  gboolean           cod;              /* cash on delivery */
  gint64             opened_at;
  gint64             status_since;     /* start of the running step */
  gint64             amount_fen;       /* requested refund */
  gint64             paid_fen;         /* paid for the line */
  ShouGoodStatus     good_status;
  ShouNegoPhase      nego_phase;
  gint64             nego_sent_at;     /* when the current round was sent */
  gboolean           return_shipped;   /* buyer filled return logistics */
  gint64             last_logistics_at;/* last tracking event, 0 if none */
  ShouRequestStatus  status_before_intervention;
  gint64             version;          /* bumped by every applied event */
  /* Added after the first contract; zero-initialise the whole struct. */
  gboolean           exchange_shipped; /* wait_seller_ship: shipped, buyer confirms */
  ShouProposal       nego_proposal;    /* last proposal sent */
  gint64             nego_amount_fen;  /* its amount (partial refund, compensation) */
  /* Added for the order's own parcel and express refunds (issue 25;
   * shou-rules-parcel.c). @parcel_step is the order's latest parcel, which
   * the caller fills from the order: ShouOutboundState + 1, 0 = none known. */
  guint              parcel_step;
  ShouParcelWait     parcel_wait;      /* intercept or await, chosen by the seller */
  gint64             parcel_wait_at;
  gboolean           express_paid;     /* 极速退款: the platform paid the buyer first */
  gint64             express_paid_at;
  gboolean           appealed;         /* the seller appealed the express refund */
} ShouRequestState;

/* Parameters of an event; only the fields the kind needs are read. */
typedef struct
{
  ShouEventKind   kind;
  gint64          amount_fen;          /* agree_refund, negotiate (partial refund) */
  ShouProposal    proposal;            /* negotiate round 2 */
  guint           round;               /* negotiate: 1 or 2 */
  const char     *reason_code;         /* reject, refuse_receipt */
  const char     *text;                /* explanation, message, negotiation text */
  guint           n_evidence;          /* evidence items attached */
  const char     *address_id;          /* agree_return */
  const char     *carrier;             /* ship_exchange, buyer_ship_return */
  const char     *tracking_no;
  const char     *carrier_name;        /* carrier SHOU_CARRIER_OTHER: the name typed */
} ShouEvent;

typedef struct
{
  ShouRequestStatus status;
  gint64            deadline_at;       /* 0 when no deadline runs */
  ShouLapse         on_lapse;
  ShouActor         deadline_actor;
  const char       *deadline_rule_id;  /* profile rule id or "negotiation-wait", for support */
  guint             allowed;           /* SHOU_ACTION_BIT mask */
  ShouReason        why_not[SHOU_N_ACTIONS];
  gint64            nego_wait_until;   /* end of a negotiation wait, or 0 */
  /* Working days counted Monday to Friday: the profile's calendar has no
   * table for a year the deadline spans (the UI shows 约). */
  gboolean          deadline_approximate;
} ShouEvaluation;

/**
 * shou_rules_can_open:
 * @completed_at: when the order completed (for %SHOU_ORDER_COMPLETED), else 0
 * @line_had_request: the order line already had an after-sales request,
 *   opened after the trade completed, that succeeded, failed or was withdrawn
 *
 * Whether a buyer may open @type now: the order state allows it, the
 * after-sales window after completion is open, and the line may be re-opened.
 * "Only one after-sales request" holds once the trade completed (000 ⑴ note
 * 3, about 售後保障; 002 ③ 若交易已经成功): before completion a buyer who
 * withdrew a refund may ask again.
 * Returns: %FALSE with a %SHOU_RULES_ERROR (code: a ShouReason) if not.
 */
gboolean shou_rules_can_open      (const ShouProfile      *profile,
                                   ShouRequestType         type,
                                   ShouOrderState          order_state,
                                   gint64                  completed_at,
                                   gboolean                line_had_request,
                                   gint64                  now,
                                   GError                **error);

/* Whether a buyer's cancellation of an order in @order_state goes through on
 * its own, with no seller decision: an unpaid online-payment order on a
 * platform that says so (Douyin, 004 2、; see shou-order-cancel.h). */
gboolean shou_rules_buyer_cancels_alone (const ShouProfile      *profile,
                                         ShouOrderState          order_state,
                                         gboolean                cod);

/* Whether the order had shipped when the request was opened. */
gboolean shou_request_state_is_shipped (const ShouRequestState *state);

/**
 * shou_request_state_init:
 * @state: (out): a new request just opened by the buyer at @now
 *
 * A cancellation the buyer makes alone (an unpaid online-payment order,
 * shou_rules_buyer_cancels_alone()) starts as success: nothing waits on the
 * merchant.
 * Returns: %FALSE (with a %SHOU_RULES_ERROR) if the profile does not let a
 *   buyer open @type for an order in @order_state.
 */
gboolean shou_request_state_init  (ShouRequestState       *state,
                                   const ShouProfile      *profile,
                                   ShouRequestType         type,
                                   ShouOrderState          order_state,
                                   gboolean                cod,
                                   gint64                  amount_fen,
                                   gint64                  paid_fen,
                                   gint64                  now,
                                   GError                **error);

/**
 * shou_rules_evaluate:
 * Fills @eval for @state at @now. Pure; never changes @state. A deadline
 * that has passed is still reported (deadline_at < now) until
 * shou_rules_lapse() applies it.
 */
void     shou_rules_evaluate      (const ShouProfile      *profile,
                                   const ShouRequestState *state,
                                   gint64                  now,
                                   ShouEvaluation         *eval);

/**
 * shou_rules_apply:
 * Applies @event at @now to @state. On success @state is the next state (its
 * version bumped) and %TRUE is returned; on failure @state is unchanged and
 * the error code is the ShouReason why the event is not allowed now.
 */
gboolean shou_rules_apply         (const ShouProfile      *profile,
                                   ShouRequestState       *state,
                                   const ShouEvent        *event,
                                   gint64                  now,
                                   GError                **error);

/**
 * shou_rules_lapse:
 * Applies every deadline that passed by @now, in order, each at its own
 * deadline time (so chained steps lapse correctly). Returns the number of
 * lapses applied; @out_lapses (optional) receives each outcome in order.
 */
guint    shou_rules_lapse         (const ShouProfile      *profile,
                                   ShouRequestState       *state,
                                   gint64                  now,
                                   GArray                 *out_lapses);

/* An event and when it happened, for shou_rules_replay(). */
typedef struct
{
  ShouEvent event;
  gint64    at;
} ShouTimedEvent;

/**
 * shou_rules_replay:
 * @state: (inout): the request as opened (see shou_request_state_init())
 * @events: (array length=n_events): events in time order
 * @now: lapse everything due up to here after the last event
 * @out_failed: (out) (optional): index of the event that failed
 *
 * Rebuilds a request from its history: before each event every deadline due
 * by its time lapses, then the event applies. Explicit %SHOU_EVENT_LAPSE
 * events are skipped (the lapses are recomputed).
 * Returns: %FALSE at the first event that cannot apply (or is out of time
 *   order, %SHOU_REASON_WRONG_STATUS); @state is then the state before it.
 */
gboolean shou_rules_replay        (const ShouProfile      *profile,
                                   ShouRequestState       *state,
                                   const ShouTimedEvent   *events,
                                   guint                   n_events,
                                   gint64                  now,
                                   guint                  *out_failed,
                                   GError                **error);

/**
 * shou_rules_can_add_evidence:
 * @out_closes_at: (out) (optional): when the running evidence period ends, or 0
 *
 * Whether the seller may still give evidence on @state at @now. A rule with
 * the lapse outcome `evidence_closed` bounds it: once a Pinduoduo
 * intervention ticket (工单) is opened the merchant has 48 h to give evidence,
 * and none after (seed 003 §四). Otherwise evidence is not bounded by time
 * (what it may be attached to is the actions' business).
 * Returns: %FALSE with %SHOU_REASON_EVIDENCE_CLOSED if not.
 */
gboolean shou_rules_can_add_evidence (const ShouProfile      *profile,
                                      const ShouRequestState *state,
                                      gint64                  now,
                                      gint64                 *out_closes_at,
                                      GError                **error);

/* Risk check before a rejection (platform-rules §3 step 1). Warnings the UI
 * shows; none of them blocks an action. */
typedef enum
{
  SHOU_RISK_GOODS_RETURNED,     /* 商品已寄回 */
  SHOU_RISK_LOGISTICS_STALLED,  /* 物流断更 */
  SHOU_RISK_SMALL_AMOUNT,       /* cheaper to refund than to fight */
  SHOU_RISK_DEADLINE_NEAR,      /* the deadline is about to lapse */
  SHOU_N_RISKS
} ShouRisk;

/* Bit mask of (1 << ShouRisk) that apply to @state at @now. */
guint        shou_rules_check_risks   (const ShouProfile      *profile,
                                       const ShouRequestState *state,
                                       gint64                  now);
/**
 * shou_rules_risks_to_json:
 * @out_changes_at: (out) (optional): the next moment the answer changes with
 *   the clock alone (a stall or a near deadline begins), or 0
 *
 * The risks that apply, for the contract's `risks` member: an array of
 * `{"code", "params"}` (goods_returned: return_shipped; logistics_stalled:
 * last_event_at, stall_us; small_amount: amount_fen, threshold_fen;
 * deadline_near: deadline_at, on_lapse). Codes and data only: the desktop
 * says them in the UI's language. Empty for a finished request.
 * Returns: (transfer full)
 */
JsonArray   *shou_rules_risks_to_json (const ShouProfile      *profile,
                                       const ShouRequestState *state,
                                       gint64                  now,
                                       gint64                 *out_changes_at);
const char  *shou_risk_to_string      (ShouRisk                risk);
gboolean     shou_risk_from_string    (const char             *str,
                                       ShouRisk               *out);
/* Translated title and what it means for the seller. */
const char  *shou_risk_get_title      (ShouRisk                risk);
const char  *shou_risk_get_explanation(ShouRisk                risk);

/**
 * shou_rules_evaluate_parcel:
 *
 * The actions of the order's own parcel and of express refunds, for
 * shou_rules_evaluate (which calls it last):
 * - intercept (拦截) and await_return (拒签退回, 000 ⑵ 二.2 若未簽收，可以直接拒收…
 *   賣家在收到商品之後會退款; 002 ① 联系快递拒签退回; 003 已发货:联系客户拒签,并告知
 *   快递打回): a refund-only request the seller is deciding, on a shipped order
 *   whose parcel is known and not signed, returned or already awaited;
 *   intercept only while the parcel is still on its way to the buyer;
 * - appeal (000 ⑵ 淘寶極速退款後不退貨: 確認買家未發貨只上傳假的快遞單號…): an
 *   express refund whose return never shipped (closed, or its deadline
 *   passed) or whose return the seller refused (a false tracking number).
 */
void     shou_rules_evaluate_parcel      (const ShouRequestState *state,
                                          gint64                  now,
                                          ShouEvaluation         *eval);

/* Applies intercept, await_return or appeal (an appeal needs evidence and
 * opens the platform's intervention). Called by shou_rules_apply. */
gboolean shou_rules_apply_parcel         (const ShouProfile      *profile,
                                          ShouRequestState       *state,
                                          const ShouEvent        *event,
                                          gint64                  now,
                                          GError                **error);

/* The parcel and express members of @state kept in a stored document
 * (member "seller_parcel"), for a store whose columns predate them. */
void     shou_request_state_parcel_to_json   (const ShouRequestState *state,
                                              JsonObject             *doc);
void     shou_request_state_parcel_from_json (ShouRequestState       *state,
                                              JsonObject             *doc);

G_END_DECLS
