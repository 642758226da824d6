/* shou-outbound.h: the order's own parcel on its way to the buyer (API.md
 * "order" shipments): its states from shipped to returned to the seller,
 * read from and written as JSON, moved on by a step that checks the order
 * of the states; and the shipping deadlines of a platform's rule profile
 * (time to ship and be collected, time to the first tracking event, the
 * penalty of a late shipment). */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-domain.h"
#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_OUTBOUND_SHIPPED,      /* 已发货: the seller gave a tracking number */
  SHOU_OUTBOUND_COLLECTED,    /* 已揽收 */
  SHOU_OUTBOUND_IN_TRANSIT,   /* 运输中: the first tracking event after collection */
  SHOU_OUTBOUND_SIGNED,       /* 已签收 */
  SHOU_OUTBOUND_REFUSED,      /* 拒签 */
  SHOU_OUTBOUND_RETURNING,    /* 退回中 */
  SHOU_OUTBOUND_RETURNED,     /* 已退回商家 */
  SHOU_N_OUTBOUND_STATES
} ShouOutboundState;

/* A tracking event: its time and text, Chinese as a carrier writes it. */
typedef ShouShipmentEvent ShouOutboundEvent;

typedef struct
{
  char      *carrier;             /* ShouCarrier code, or another carrier's name */
  char      *tracking_no;
  gint64     shipped_at;          /* 0 = not yet, for every time */
  gint64     collected_at;
  gint64     first_event_at;
  gint64     signed_at;
  gint64     refused_at;
  gint64     returning_at;
  gint64     returned_at;
  GPtrArray *events;              /* element-type ShouOutboundEvent, oldest first */
} ShouOutbound;

const char *shou_outbound_state_to_string   (ShouOutboundState  state);
gboolean    shou_outbound_state_from_string (const char        *str,
                                             ShouOutboundState *out);
/* Translated, for the UI. */
const char *shou_outbound_state_get_label   (ShouOutboundState  state);

void        shou_outbound_free              (ShouOutbound      *outbound);
/* The latest state its times reach. */
ShouOutboundState shou_outbound_get_state   (const ShouOutbound *outbound);

/**
 * shou_outbound_list_from_json:
 * @order: an order object (API.md "order")
 *
 * Its "shipments", oldest first; an order without the member has none.
 * Returns: (transfer full) (element-type ShouOutbound): the list, or %NULL
 * with a %SHOU_DOMAIN_ERROR naming the member.
 */
GPtrArray  *shou_outbound_list_from_json    (JsonObject        *order,
                                             GError           **error);
/* Returns: (transfer full): one shipment in the API's shape. */
JsonObject *shou_outbound_to_json           (const ShouOutbound *outbound);

/**
 * shou_outbound_advance:
 * @outbound: the parcel
 * @to: the next state
 * @at: when
 * @text: (nullable): the tracking event's text, or %NULL for the usual words
 *
 * Moves the parcel on and adds its tracking event. Collected needs shipped;
 * the first event needs collected; signed and refused need collected and
 * neither signed nor refused; returning needs refused (or, intercepted,
 * collected and not signed); returned needs returning. Returns: %FALSE with
 * @reason set (a ShouReason-like code: "already_signed", "not_collected",
 * "not_refused", "not_returning", "already_returned") when the step is out of order.
 */
gboolean    shou_outbound_advance           (ShouOutbound      *outbound,
                                             ShouOutboundState  to,
                                             gint64             at,
                                             const char        *text,
                                             const char       **reason);

/* The shipping deadlines of a profile, from its facts (0 = none). */
typedef struct
{
  gint64      ship_within_us;         /* shipped and collected within this of the start */
  const char *ship_seed;
  gint64      first_event_within_us;  /* first tracking event within this of collection */
  const char *first_event_seed;
  gint64      late_penalty_fen;       /* deducted per late order */
  const char *penalty_seed;
  gboolean    late_refund_is_review;  /* a "never shipped" refund counts like a bad review */
  const char *review_seed;
} ShouShippingRules;

void        shou_shipping_rules_from_profile (const ShouProfile *profile,
                                              ShouShippingRules *out);

typedef enum
{
  SHOU_SHIP_DUE_NONE,          /* nothing to meet (not paid, closed, in transit, no rule) */
  SHOU_SHIP_DUE_SHIP,          /* ship and have it collected */
  SHOU_SHIP_DUE_FIRST_EVENT,   /* the first tracking event after collection */
} ShouShipDueKind;

typedef struct
{
  ShouShipDueKind kind;
  gint64          due_at;
  gboolean        late;        /* @now is past @due_at, or the step was done after it */
  gint64          penalty_fen; /* the profile's penalty when late, else 0 */
  const char     *seed;        /* the source of the rule */
} ShouShipDue;

/**
 * shou_shipping_due:
 * @rules: the profile's shipping rules
 * @state: the order's state
 * @start_at: when the clock starts: the group formed (拼团成功) or the order was paid
 * @outbound: (nullable): the order's first parcel
 * @now: the time
 * @out: the open deadline, or %SHOU_SHIP_DUE_NONE
 */
void        shou_shipping_due               (const ShouShippingRules *rules,
                                             ShouOrderState           state,
                                             gint64                   start_at,
                                             const ShouOutbound      *outbound,
                                             gint64                   now,
                                             ShouShipDue             *out);

/**
 * shou_return_postage_payer:
 * @type: the request's type
 * @reason_code: (nullable): the buyer's reason
 *
 * Who pays the postage of a return: the seller both ways for quality
 * problems and wrong items (003: 若是产品质量问题或者发错货产生的退换货，卖家承担
 * 来回运费; 非质量问题退换货，由买家承担), else the buyer. Returns:
 * %SHOU_ACTOR_SELLER, %SHOU_ACTOR_BUYER, or %SHOU_ACTOR_SYSTEM when no
 * goods go back (refund only, cancel).
 */
ShouActor   shou_return_postage_payer       (ShouRequestType    type,
                                             const char        *reason_code);

/**
 * shou_outbound_stalled:
 * @parcel: the order's parcel
 * @type: the request's type
 * @reason_code: (nullable): the buyer's reason
 * @stall_us: the profile's threshold (shou_profile_get_logistics_stall ())
 * @now: the time
 * @out_last: (out) (optional): the last tracking event (or shipping)
 *
 * 物流断更 (002 一.2) of the order's own parcel, for a refund-only "not
 * received" request: the parcel is on its way (neither signed, refused nor
 * coming back) and had no tracking event for @stall_us.
 */
gboolean    shou_outbound_stalled           (const ShouOutbound *parcel,
                                             ShouRequestType     type,
                                             const char         *reason_code,
                                             gint64              stall_us,
                                             gint64              now,
                                             gint64             *out_last);

/* Adds the logistics_stalled risk (API.md "risks", with "outbound": true)
 * to @aftersale's "risks" when its order's latest parcel stalled and the
 * risk is not there yet. */
void        shou_outbound_add_stall_risk    (JsonObject         *aftersale,
                                             JsonObject         *order,
                                             const ShouProfile  *profile,
                                             gint64              now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouOutbound, shou_outbound_free)

G_END_DECLS
