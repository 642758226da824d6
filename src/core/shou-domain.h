/* shou-domain.h: the after-sales records every layer exchanges — shop,
 * order, after-sales request with its negotiation rounds, evidence, return
 * address, shipments and timeline — as plain structs with JSON in the shape
 * of src/sim/API.md. Money is fen, time UTC microseconds (0 = not set). */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-types.h"

G_BEGIN_DECLS

#define SHOU_DOMAIN_ERROR (shou_domain_error_quark ())

typedef enum
{
  SHOU_DOMAIN_ERROR_MISSING,   /* a required member is missing */
  SHOU_DOMAIN_ERROR_INVALID,   /* a member has a wrong type or value */
} ShouDomainError;

GQuark shou_domain_error_quark (void);

typedef struct
{
  char         *id;
  ShouPlatform  platform;
  char         *name;
  char         *merchant_id;
} ShouShop;

typedef struct
{
  char   *id;
  char   *title;
  char   *sku;
  guint   quantity;
  gint64  price_fen;
} ShouOrderLine;

/* Masked as the platform shows them: "张*", "138****5678". */
typedef struct
{
  char *nick;
  char *name;
  char *phone;
  char *address;
} ShouBuyer;

typedef struct
{
  char           *id;
  char           *shop_id;
  char           *order_no;
  ShouOrderState  state;
  gboolean        cod;
  gint64          paid_fen;
  gint64          created_at;
  gint64          paid_at;
  gint64          shipped_at;
  gint64          completed_at;
  ShouBuyer       buyer;
  GPtrArray      *lines;          /* element-type ShouOrderLine */
  gint64          updated_at;
  gint64          version;
} ShouOrder;

typedef struct
{
  char     *id;
  char     *shop_id;
  char     *name;
  char     *phone;
  char     *province;
  char     *city;
  char     *district;
  char     *street;
  char     *postcode;
  gboolean  is_default;
  gint64    version;
  gboolean  deleted;
} ShouAddress;

typedef struct
{
  gint64  at;
  char   *text;
} ShouShipmentEvent;

typedef struct
{
  char      *carrier;             /* ShouCarrier code, "SF" */
  char      *tracking_no;
  gint64     shipped_at;
  GPtrArray *events;              /* element-type ShouShipmentEvent, oldest first */
  char      *carrier_name;        /* carrier "OTHER": the typed name (text, never markup) */
} ShouShipment;

typedef struct
{
  char             *id;           /* sha256 of the content */
  char             *content_type;
  gint64            size;
  ShouEvidenceKind  kind;
  ShouActor         by;
  gint64            uploaded_at;
} ShouEvidence;

typedef struct
{
  guint         round;
  char         *text;
  char        **scripts;          /* script ids */
  ShouProposal  proposal;
  gint64        amount_fen;
  char        **evidence;         /* evidence ids */
  gint64        sent_at;
  char         *reply;            /* NULL until the buyer replies */
  gint64        replied_at;
  gboolean      accepted;
} ShouNegotiationRound;

typedef struct
{
  char   *reason_code;
  char   *reason_text;
  char   *explanation;
  char  **evidence;
  gint64  at;
} ShouRejection;

typedef struct
{
  gint64     at;
  ShouActor  actor;
  char      *kind;                /* usually a ShouEventKind name */
  char      *text;                /* Chinese, as a platform writes it */
} ShouTimelineEvent;

typedef struct
{
  char              *id;
  char              *shop_id;
  char              *order_id;
  char              *line_id;
  ShouPlatform       platform;
  char              *platform_id;
  char              *platform_status;  /* the platform's own word, kept for support */
  ShouRequestType    type;
  ShouRequestStatus  status;
  char              *reason_code;
  char              *reason_text;
  char              *buyer_text;
  gint64             amount_fen;       /* requested */
  gint64             paid_fen;
  gint64             shipping_fen;
  ShouGoodStatus     good_status;
  ShouOrderState     order_state;      /* when the request was opened */
  gboolean           cod;
  gint64             opened_at;
  gint64             updated_at;
  gint64             deadline_at;
  ShouLapse          on_lapse;
  ShouActor          deadline_actor;
  char              *deadline_rule;
  guint              allowed;          /* SHOU_ACTION_BIT mask */
  ShouReason         why_not[SHOU_N_ACTIONS];
  gint64             version;
  ShouNegoPhase      nego_phase;
  gint64             nego_wait_until;
  char              *buyer_phone;      /* masked */
  GPtrArray         *rounds;           /* element-type ShouNegotiationRound */
  ShouAddress       *return_address;   /* nullable */
  ShouShipment      *return_shipment;  /* nullable */
  ShouShipment      *exchange_shipment;/* nullable */
  ShouRejection     *rejection;        /* nullable */
  ShouOrderLine     *line;             /* nullable */
  char              *buyer_nick;
  GPtrArray         *evidence;         /* element-type ShouEvidence */
  GPtrArray         *timeline;         /* element-type ShouTimelineEvent */
} ShouAftersale;

void           shou_shop_free            (ShouShop      *shop);
void           shou_order_line_free      (ShouOrderLine *line);
void           shou_order_free           (ShouOrder     *order);
void           shou_address_free         (ShouAddress   *address);
void           shou_shipment_free        (ShouShipment  *shipment);
void           shou_evidence_free        (ShouEvidence  *evidence);
void           shou_negotiation_round_free (ShouNegotiationRound *round);
void           shou_rejection_free       (ShouRejection *rejection);
void           shou_timeline_event_free  (ShouTimelineEvent *event);
void           shou_aftersale_free       (ShouAftersale *aftersale);

/**
 * shou_shop_from_json: (and the other *_from_json)
 * @object: a JSON object in the API shape
 *
 * Unknown members are ignored (the API may grow); required members are the
 * ids and enums. Returns: (transfer full): the record, or %NULL with a
 * %SHOU_DOMAIN_ERROR naming the member ("lines[1].price_fen: expected an integer").
 */
ShouShop      *shou_shop_from_json       (JsonObject    *object,
                                          GError       **error);
ShouOrder     *shou_order_from_json      (JsonObject    *object,
                                          GError       **error);
ShouAddress   *shou_address_from_json    (JsonObject    *object,
                                          GError       **error);
ShouAftersale *shou_aftersale_from_json  (JsonObject    *object,
                                          GError       **error);

/* Returns: (transfer full): a JSON object in the API shape; times that are 0
 * and absent nullable records are written as null. */
JsonObject    *shou_shop_to_json         (const ShouShop      *shop);
JsonObject    *shou_order_to_json        (const ShouOrder     *order);
JsonObject    *shou_address_to_json      (const ShouAddress   *address);
JsonObject    *shou_aftersale_to_json    (const ShouAftersale *aftersale);
/* Returns: (transfer full): @events (element-type ShouShipmentEvent) as the
 * API's shipment "events" array. */
JsonArray     *shou_shipment_events_to_json (GPtrArray        *events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouShop, shou_shop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouOrder, shou_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAddress, shou_address_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouShipment, shou_shipment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAftersale, shou_aftersale_free)

G_END_DECLS
