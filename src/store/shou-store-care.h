/* shou-store-care.h: complaints (投诉), return visits (回访) and
 * logistics incidents (物流异常) in the cache, the feed's kinds
 * "complaint", "visit" and "incident" (API.md), in one care table. As for reviews, the seller's steps go
 * through the outbox: written locally (optimistic) in the same transaction
 * as their outbox entry, a 409/422 shown on the complaint, and one
 * registered by hand has a local id until the server takes it. */
#pragma once

#include "core/shou-complaint-record.h"
#include "core/shou-incident.h"
#include "core/shou-review.h"
#include "core/shou-visit-record.h"
#include "shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_CARE_LIST_OPEN,  /* not finished: the next deadline first, then the oldest */
  SHOU_CARE_LIST_ALL,   /* newest first */
} ShouCareList;

/* (transfer full) (element-type JsonObject): the records of @kind
 * ("complaint", "visit") as the server sent them with the seller's queued
 * steps applied, each with "key", "pending" and "conflict" ({"code",
 * "reason", "message"} or absent), as reviews. Open visits are those with
 * a visit still to make, the next due first. */
GPtrArray  *shou_store_list_care                (ShouStore            *self,
                                                 const char           *kind,
                                                 ShouCareList          which,
                                                 guint                 limit);
/* (transfer full): one record as listed, or %NULL */
JsonObject *shou_store_get_care                 (ShouStore            *self,
                                                 const char           *key);
/* Whether an incident (synced or queued) is about the parcel @tracking_no
 * (any case), or, when it is %NULL or empty, about the order @order_no. */
gboolean    shou_store_has_incident_about       (ShouStore            *self,
                                                 const char           *tracking_no,
                                                 const char           *order_no);
/* Open complaints whose running deadline falls within the 即将超时
 * window (24 h) of @now, in the shop with key @shop_key (%NULL: all). */
guint       shou_store_count_due_complaints     (ShouStore            *self,
                                                 const char           *shop_key,
                                                 gint64                now);
/* Open visits due at @now (due or late), for the desktop notification. */
guint       shou_store_count_due_visits         (ShouStore            *self,
                                                 gint64                now);
/* The rule profile of @complaint's platform (its "platform"), or %NULL. */
const ShouProfile *shou_store_complaint_profile (ShouStore            *self,
                                                 JsonObject           *complaint);

/* Statistics (the 统计 page's hook): bad reviews, complaints and
 * logistics incidents opened in [@from, @to) (UTC µs), in the shop with
 * key @shop_key (%NULL: every shop). */
typedef struct
{
  guint  reviews;
  guint  review_reasons[SHOU_N_REVIEW_REASONS];
  guint  reviews_changed;                      /* the buyer changed the review */
  guint  complaints;
  guint  complaint_outcomes[SHOU_N_COMPLAINT_OUTCOMES]; /* finished ones */
  guint  complaints_open;
  gint64 compensated_fen;                      /* compensation paid on them */
  guint  incidents;
  guint  incidents_open;
  guint  claims;                               /* incidents claimed from the courier */
  gint64 claimed_fen;
  gint64 recovered_fen;                        /* what the couriers paid */
} ShouCareCounts;

void        shou_store_count_care               (ShouStore            *self,
                                                 const char           *shop_key,
                                                 gint64                from,
                                                 gint64                to,
                                                 ShouCareCounts       *out);

/* Registers a complaint by hand (@fields: buyer_nick, channel, text,
 * order_id…, as POST /v1/complaints takes them) in the shop with key
 * @shop_key. (transfer full): the new complaint's key, or %NULL */
char       *shou_store_register_complaint       (ShouStore            *self,
                                                 const char           *shop_key,
                                                 JsonObject           *fields,
                                                 GError              **error);
/* Queues @action (core's rules checked first: a refused step is
 * SHOU_STORE_ERROR_INVALID with the reason in words). */
gboolean    shou_store_enqueue_complaint_action (ShouStore            *self,
                                                 const char           *key,
                                                 ShouComplaintAction   action,
                                                 JsonObject           *params,
                                                 GError              **error);

/* Records the next visit's @outcome (not pending) with @note (may be
 * %NULL) on the visit with key @key, through the outbox (core's rules
 * first, as for complaints). */
gboolean    shou_store_enqueue_visit_record     (ShouStore            *self,
                                                 const char           *key,
                                                 ShouVisitOutcome      outcome,
                                                 const char           *note,
                                                 GError              **error);

/* Registers a logistics incident by hand (@fields: buyer_nick, kind,
 * carrier and tracking_no of the stalled parcel (validated when given),
 * text, order_id…, as POST /v1/incidents takes them; or order_no, the
 * number of a cached order of the shop). (transfer full):
 * the new incident's key, or %NULL */
char       *shou_store_register_incident        (ShouStore            *self,
                                                 const char           *shop_key,
                                                 JsonObject           *fields,
                                                 GError              **error);
/* Queues @action on the incident with key @key (a resend's carrier and
 * tracking number validated, core's rules checked first, as complaints). */
gboolean    shou_store_enqueue_incident_action  (ShouStore            *self,
                                                 const char           *key,
                                                 ShouIncidentAction    action,
                                                 JsonObject           *params,
                                                 GError              **error);

/* Registers the after-sales service card of the cached order numbered
 * @order_no in the shop with key @shop_key: its return visits after a
 * week, a month, 3, 6 and 12 months (POST /v1/visits). (transfer full):
 * the new visit's key, or %NULL */
char       *shou_store_register_service_card    (ShouStore            *self,
                                                 const char           *shop_key,
                                                 const char           *order_no,
                                                 GError              **error);

/* The server's copy of one complaint (GET after a conflict), then "changed". */
gboolean    shou_store_apply_care               (ShouStore            *self,
                                                 const char           *account_id,
                                                 const char           *kind,
                                                 JsonObject           *object,
                                                 GError              **error);
/* shou-store-requests.c's page writer: a feed change of kind "complaint". */
gboolean    shou_store_write_care               (ShouStore            *self,
                                                 const char           *account_id,
                                                 const char           *kind,
                                                 JsonObject           *data,
                                                 GError              **error);

G_END_DECLS
