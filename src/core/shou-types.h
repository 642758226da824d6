/* shou-types.h: the after-sales domain vocabulary shared by every layer.
 *
 * Each enum has a stable API name (the string used in JSON, the database and
 * rule profiles) and, where a person sees it, a translated label.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_PLATFORM_TAOBAO,
  SHOU_PLATFORM_TMALL,
  SHOU_PLATFORM_PDD,
  SHOU_PLATFORM_DOUYIN,
  SHOU_PLATFORM_JD,
  SHOU_N_PLATFORMS
} ShouPlatform;

typedef enum
{
  SHOU_ORDER_PENDING_PAYMENT,   /* 待支付 */
  SHOU_ORDER_PENDING_SHIPMENT,  /* 待发货 */
  SHOU_ORDER_SHIPPED,           /* 待收货 */
  SHOU_ORDER_COMPLETED,         /* 交易成功 */
  SHOU_ORDER_CLOSED,            /* 已关闭 */
  /* Added after the first contract: a cash-on-delivery order before it
   * ships (Douyin, seed 004 §1), in place of pending payment/shipment. */
  SHOU_ORDER_PENDING_CONFIRM,   /* 待确认 */
  SHOU_ORDER_STOCKING,          /* 备货中 */
  SHOU_N_ORDER_STATES
} ShouOrderState;

typedef enum
{
  SHOU_REQUEST_CANCEL,          /* 取消订单 */
  SHOU_REQUEST_REFUND_ONLY,     /* 仅退款 */
  SHOU_REQUEST_RETURN_REFUND,   /* 退货退款 */
  SHOU_REQUEST_EXCHANGE,        /* 换货 */
  SHOU_REQUEST_RESHIP,          /* 补寄 */
  SHOU_REQUEST_REPAIR,          /* 维修 */
  SHOU_N_REQUEST_TYPES
} ShouRequestType;

/* Normalised status. The platform's own status string is kept beside it. */
typedef enum
{
  SHOU_STATUS_WAIT_SELLER,          /* waiting for the seller to agree or refuse */
  SHOU_STATUS_NEGOTIATING,          /* a negotiation round is open */
  SHOU_STATUS_WAIT_BUYER_RETURN,    /* seller agreed a return; buyer must ship it */
  SHOU_STATUS_WAIT_SELLER_RECEIPT,  /* buyer shipped the return; seller confirms receipt */
  SHOU_STATUS_WAIT_SELLER_SHIP,     /* exchange/reship/repair: seller must ship */
  SHOU_STATUS_WAIT_REFUND_PROOF,    /* cash on delivery: seller refunds and uploads proof */
  SHOU_STATUS_REFUSED,              /* seller refused; buyer may modify or escalate */
  SHOU_STATUS_INTERVENTION,         /* platform intervention (小二介入 / 工单) */
  SHOU_STATUS_SUCCESS,              /* refunded / exchanged: finished for the buyer */
  SHOU_STATUS_CLOSED,               /* withdrawn, cancelled, lapsed or ruled closed */
  SHOU_N_STATUSES
} ShouRequestStatus;

typedef enum
{
  SHOU_ACTOR_BUYER,
  SHOU_ACTOR_SELLER,
  SHOU_ACTOR_PLATFORM,
  SHOU_ACTOR_SYSTEM,
  SHOU_N_ACTORS
} ShouActor;

/* What a seller can do to a request. Allowed sets are bit masks of
 * (1 << ShouAction). */
typedef enum
{
  SHOU_ACTION_AGREE_REFUND,
  SHOU_ACTION_AGREE_RETURN,
  SHOU_ACTION_NEGOTIATE,
  SHOU_ACTION_REJECT,
  SHOU_ACTION_CONFIRM_RECEIPT,
  SHOU_ACTION_REFUSE_RECEIPT,
  SHOU_ACTION_SHIP_EXCHANGE,
  SHOU_ACTION_UPLOAD_REFUND_PROOF,
  SHOU_ACTION_MESSAGE,
  /* Added for the order's own parcel (issue 25): */
  SHOU_ACTION_INTERCEPT,          /* ask the courier to intercept the parcel (拦截) */
  SHOU_ACTION_AWAIT_RETURN,       /* wait for the refused parcel, refund once back */
  SHOU_ACTION_APPEAL,             /* express refund: the goods never came back (申诉) */
  SHOU_N_ACTIONS
} ShouAction;

#define SHOU_ACTION_BIT(a) (1u << (a))

/* What the seller chose for a refund-only request on a shipped, unsigned
 * order (issue 25): have the courier intercept the parcel, or wait for the
 * refused parcel to come back; the refund follows its return. */
typedef enum
{
  SHOU_PARCEL_WAIT_NONE,
  SHOU_PARCEL_WAIT_INTERCEPT,     /* 拦截 */
  SHOU_PARCEL_WAIT_AWAIT,         /* 拒签退回 */
  SHOU_N_PARCEL_WAITS
} ShouParcelWait;

/* What happens when the running deadline passes. */
typedef enum
{
  SHOU_LAPSE_NONE,
  SHOU_LAPSE_AUTO_AGREE,            /* the request is agreed (return goes ahead) */
  SHOU_LAPSE_AUTO_REFUND,           /* the buyer is refunded */
  SHOU_LAPSE_AUTO_CLOSE,            /* the request closes */
  SHOU_LAPSE_AUTO_CONFIRM,          /* receipt is confirmed, refund follows */
  SHOU_LAPSE_INTERVENTION,          /* the platform steps in */
  SHOU_LAPSE_PLATFORM_COMPENSATES,  /* platform pays first, seller penalised */
  SHOU_LAPSE_NEXT_ROUND,            /* a negotiation wait ends; the seller may go on */
  SHOU_LAPSE_EVIDENCE_CLOSED,       /* no more evidence may be given (a milestone:
                                     * the status does not change) */
  SHOU_N_LAPSES
} ShouLapse;

/* Every event that can happen to a request, by anyone. */
typedef enum
{
  /* buyer */
  SHOU_EVENT_OPEN,
  SHOU_EVENT_BUYER_REPLY,           /* replied to a negotiation round, not accepting */
  SHOU_EVENT_BUYER_ACCEPT,          /* accepted the seller's proposal: request resolves */
  SHOU_EVENT_BUYER_SHIP_RETURN,     /* filled return logistics */
  SHOU_EVENT_BUYER_CANCEL,          /* withdrew the request */
  SHOU_EVENT_BUYER_ESCALATE,        /* asked the platform to intervene */
  SHOU_EVENT_BUYER_MODIFY,          /* modified and re-submitted after a refusal */
  SHOU_EVENT_BUYER_CONFIRM_EXCHANGE,/* received the exchange/reship */
  /* seller (one per ShouAction, same order) */
  SHOU_EVENT_AGREE_REFUND,
  SHOU_EVENT_AGREE_RETURN,
  SHOU_EVENT_NEGOTIATE,
  SHOU_EVENT_REJECT,
  SHOU_EVENT_CONFIRM_RECEIPT,
  SHOU_EVENT_REFUSE_RECEIPT,
  SHOU_EVENT_SHIP_EXCHANGE,
  SHOU_EVENT_UPLOAD_REFUND_PROOF,
  SHOU_EVENT_MESSAGE,
  /* platform and system */
  SHOU_EVENT_LOGISTICS_UPDATE,      /* a tracking event arrived */
  SHOU_EVENT_LAPSE,                 /* the running deadline passed */
  SHOU_EVENT_PLATFORM_REFUND,       /* intervention ruled for the buyer */
  SHOU_EVENT_PLATFORM_CLOSE,        /* intervention ruled for the seller */
  /* seller, added with their actions (shou_action_to_event) */
  SHOU_EVENT_INTERCEPT,
  SHOU_EVENT_AWAIT_RETURN,
  SHOU_EVENT_APPEAL,
  SHOU_N_EVENTS
} ShouEventKind;

/* Negotiation phases of the rejection-negotiation tool (platform-rules §3). */
typedef enum
{
  SHOU_NEGO_NONE,           /* no round sent yet */
  SHOU_NEGO_ROUND1_WAIT,    /* round 1 sent, waiting for the buyer */
  SHOU_NEGO_ROUND1_DONE,    /* buyer replied or the wait lapsed: round 2 may be sent */
  SHOU_NEGO_ROUND2_WAIT,    /* round 2 sent, waiting for the buyer */
  SHOU_NEGO_ROUND2_DONE,    /* buyer replied or lapsed: rejection is possible */
  SHOU_N_NEGO_PHASES
} ShouNegoPhase;

/* Proposals a seller can make in round 2. */
typedef enum
{
  SHOU_PROPOSAL_NONE,
  SHOU_PROPOSAL_PARTIAL_REFUND,
  SHOU_PROPOSAL_EXCHANGE,
  SHOU_PROPOSAL_RESEND,
  SHOU_PROPOSAL_REPAIR,
  SHOU_PROPOSAL_COMPENSATION,   /* 小额打款 */
  SHOU_N_PROPOSALS
} ShouProposal;

typedef enum
{
  SHOU_GOOD_NOT_RECEIVED,
  SHOU_GOOD_RECEIVED,
  SHOU_GOOD_RETURNED,
  SHOU_N_GOOD_STATUSES
} ShouGoodStatus;

/* Evidence kinds (platform-rules §6). */
typedef enum
{
  SHOU_EVIDENCE_CHAT_SCREENSHOT,
  SHOU_EVIDENCE_PRODUCT_PHOTO,
  SHOU_EVIDENCE_PHOTO_VS_LISTING,
  SHOU_EVIDENCE_COURIER_CERTIFICATE,  /* 快递公司红章证明 */
  SHOU_EVIDENCE_SIGNED_SLIP,          /* 签收底单 */
  SHOU_EVIDENCE_REFUND_PROOF,
  SHOU_EVIDENCE_OTHER,
  SHOU_N_EVIDENCE_KINDS
} ShouEvidenceKind;

/* Why an action is not allowed now. Codes are stable API strings. */
typedef enum
{
  SHOU_REASON_NONE,
  SHOU_REASON_FINISHED,                 /* request is finished */
  SHOU_REASON_WRONG_STATUS,             /* not at this step */
  SHOU_REASON_NOT_FOR_TYPE,             /* not for this request type */
  SHOU_REASON_NEGOTIATION_REQUIRED,     /* negotiate before rejecting */
  SHOU_REASON_NEGOTIATION_WAITING,      /* 请耐心等待消费者回复 */
  SHOU_REASON_NEGOTIATION_DONE,         /* both rounds already sent */
  SHOU_REASON_UNDER_INTERVENTION,       /* platform is handling it */
  SHOU_REASON_NOT_SHIPPED,              /* refusal not allowed before shipment */
  SHOU_REASON_EVIDENCE_REQUIRED,        /* needs evidence */
  SHOU_REASON_REASON_REQUIRED,          /* needs a rejection reason */
  SHOU_REASON_EXPLANATION_REQUIRED,     /* needs an explanation */
  SHOU_REASON_AMOUNT_INVALID,           /* amount out of range */
  SHOU_REASON_NOT_COD,                  /* refund proof only for cash on delivery */
  SHOU_REASON_NOT_RETURNED,             /* goods have not been sent back */
  /* Added after the first contract. Input problems found by the rules: */
  SHOU_REASON_ADDRESS_REQUIRED,         /* agree_return without a return address */
  SHOU_REASON_TRACKING_INVALID,         /* carrier or tracking number not valid */
  SHOU_REASON_TEXT_INVALID,             /* too long, too short or a sensitive word */
  SHOU_REASON_PROPOSAL_REQUIRED,        /* round 2 needs a proposal */
  SHOU_REASON_TOO_EARLY,                /* e.g. intervention before day 3 (Taobao) */
  SHOU_REASON_WINDOW_CLOSED,            /* after-sales window after completion passed */
  SHOU_REASON_LINE_CLOSED,              /* the order line already had a request */
  SHOU_REASON_EVIDENCE_CLOSED,          /* the evidence period of an intervention ended */
  /* The order's own parcel and express refunds (issue 25): */
  SHOU_REASON_NO_PARCEL,                /* no parcel of the order is known */
  SHOU_REASON_ALREADY_SIGNED,           /* the buyer signed for the parcel */
  SHOU_REASON_PARCEL_WAITING,           /* an intercept or a wait was already chosen */
  SHOU_REASON_PARCEL_RETURNED,          /* the parcel is back: agree the refund */
  SHOU_REASON_NOT_EXPRESS,              /* only for an express refund (极速退款) */
  SHOU_REASON_RETURN_NOT_LATE,          /* the buyer's return is not late yet */
  SHOU_REASON_ALREADY_APPEALED,         /* the appeal was sent */
  /* The merchant cancelling an order (shou-order-cancel.h, seed 004 §1–2): */
  SHOU_REASON_ONLINE_PAYMENT,           /* the merchant never cancels an online-payment order */
  SHOU_REASON_ALREADY_SHIPPED,          /* a shipped order cannot be cancelled */
  SHOU_REASON_BUYER_NOT_CONSULTED,      /* talk to the buyer first (input) */
  SHOU_REASON_NOT_FOR_PLATFORM,         /* the platform's rules do not provide it */
  /* Added for the adapters (issue 25): the platform publishes no API call
   * for this action (e.g. Pinduoduo's parcel intercept). */
  SHOU_REASON_NO_PLATFORM_CALL,
  SHOU_N_REASONS
} ShouReason;

const char *shou_platform_to_string         (ShouPlatform      platform);
gboolean    shou_platform_from_string       (const char       *str,
                                             ShouPlatform     *out);
const char *shou_platform_get_label         (ShouPlatform      platform);
const char *shou_platform_get_icon_name     (ShouPlatform      platform);

const char *shou_order_state_to_string      (ShouOrderState    state);
gboolean    shou_order_state_from_string    (const char       *str,
                                             ShouOrderState   *out);
const char *shou_order_state_get_label      (ShouOrderState    state);

const char *shou_request_type_to_string     (ShouRequestType   type);
gboolean    shou_request_type_from_string   (const char       *str,
                                             ShouRequestType  *out);
const char *shou_request_type_get_label     (ShouRequestType   type);

const char *shou_status_to_string           (ShouRequestStatus status);
gboolean    shou_status_from_string         (const char       *str,
                                             ShouRequestStatus *out);
const char *shou_status_get_label           (ShouRequestStatus status);
gboolean    shou_status_is_finished         (ShouRequestStatus status);

const char *shou_actor_to_string            (ShouActor         actor);
gboolean    shou_actor_from_string          (const char       *str,
                                             ShouActor        *out);

const char *shou_action_to_string           (ShouAction        action);
gboolean    shou_action_from_string         (const char       *str,
                                             ShouAction       *out);
const char *shou_action_get_label           (ShouAction        action);
ShouEventKind shou_action_to_event          (ShouAction        action);

const char *shou_parcel_wait_to_string      (ShouParcelWait    wait);
gboolean    shou_parcel_wait_from_string    (const char       *str,
                                             ShouParcelWait   *out);

const char *shou_lapse_to_string            (ShouLapse         lapse);
gboolean    shou_lapse_from_string          (const char       *str,
                                             ShouLapse        *out);
/* "超时将自动同意退款" style sentence for a tooltip. */
const char *shou_lapse_get_description      (ShouLapse         lapse);
/* What a deadline that passed but that the platform has not applied yet
 * leads to: "已超时 · 平台将自动退款（等待平台处理）". */
const char *shou_lapse_get_overdue_description (ShouLapse      lapse);
/* The same in a few words, for a queue row: "已超时 · 将自动退款". */
const char *shou_lapse_get_overdue_short    (ShouLapse         lapse);
/* TRUE once @deadline_at (not 0) is before @now. */
gboolean    shou_deadline_is_lapsed         (gint64            deadline_at,
                                             gint64            now);
/* The sentence for a deadline card or a queue row at @now: before the
 * deadline, what happens when it passes (empty for none); after it, what
 * the platform will do (shou_lapse_get_overdue_description ()). */
const char *shou_deadline_describe          (gint64            deadline_at,
                                             ShouLapse         on_lapse,
                                             gint64            now);
/* The status as the seller reads it: a wait_seller_ship request whose
 * exchange (or resend) has left says so instead of "待卖家发货". */
const char *shou_status_describe            (ShouRequestStatus status,
                                             gboolean          exchange_shipped);
/* How a finished request ended ("退款成功", "已换货", "已关闭"), or NULL
 * while it is open. */
const char *shou_request_outcome_get_label  (ShouRequestType   type,
                                             ShouRequestStatus status);

const char *shou_event_kind_to_string       (ShouEventKind     kind);
gboolean    shou_event_kind_from_string     (const char       *str,
                                             ShouEventKind    *out);
ShouActor   shou_event_kind_get_actor       (ShouEventKind     kind);
const char *shou_event_kind_get_label       (ShouEventKind     kind);

const char *shou_nego_phase_to_string       (ShouNegoPhase     phase);
gboolean    shou_nego_phase_from_string     (const char       *str,
                                             ShouNegoPhase    *out);

const char *shou_proposal_to_string         (ShouProposal      proposal);
gboolean    shou_proposal_from_string       (const char       *str,
                                             ShouProposal     *out);
const char *shou_proposal_get_label         (ShouProposal      proposal);

const char *shou_good_status_to_string      (ShouGoodStatus    status);
gboolean    shou_good_status_from_string    (const char       *str,
                                             ShouGoodStatus   *out);

const char *shou_evidence_kind_to_string    (ShouEvidenceKind  kind);
gboolean    shou_evidence_kind_from_string  (const char       *str,
                                             ShouEvidenceKind *out);
const char *shou_evidence_kind_get_label    (ShouEvidenceKind  kind);

const char *shou_reason_to_string           (ShouReason        reason);
gboolean    shou_reason_from_string         (const char       *str,
                                             ShouReason       *out);
/* A translated sentence a seller understands, e.g. "请耐心等待消费者回复". */
const char *shou_reason_get_message         (ShouReason        reason);
/* %TRUE when @reason is about the input (missing reason, bad tracking number,
 * text too long…: HTTP 400), %FALSE when the action is not allowed now (422). */
gboolean    shou_reason_is_input            (ShouReason        reason);

G_END_DECLS
