/* shou-store-care.h: complaints (投诉) in the cache, the feed's kind
 * "complaint" (API.md "complaint"), in the care table that return visits
 * and logistics incidents will share. As for reviews, the seller's steps go
 * through the outbox: written locally (optimistic) in the same transaction
 * as their outbox entry, a 409/422 shown on the complaint, and one
 * registered by hand has a local id until the server takes it. */
#pragma once

#include "core/shou-complaint-record.h"
#include "shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_CARE_LIST_OPEN,  /* not finished: the next deadline first, then the oldest */
  SHOU_CARE_LIST_ALL,   /* newest first */
} ShouCareList;

/* (transfer full) (element-type JsonObject): complaints as the server sent
 * them with the seller's queued steps applied, each with "key", "pending"
 * and "conflict" ({"code", "reason", "message"} or absent), as reviews. */
GPtrArray  *shou_store_list_complaints          (ShouStore            *self,
                                                 ShouCareList          which,
                                                 guint                 limit);
/* (transfer full): one complaint as listed, or %NULL */
JsonObject *shou_store_get_complaint            (ShouStore            *self,
                                                 const char           *key);
/* The rule profile of @complaint's platform (its "platform"), or %NULL. */
const ShouProfile *shou_store_complaint_profile (ShouStore            *self,
                                                 JsonObject           *complaint);

/* Statistics (the 统计 page's hook): complaints opened since @since per
 * outcome (@counts has SHOU_N_COMPLAINT_OUTCOMES entries; open ones are
 * not counted there) and the compensation paid, in fen. Returns the number
 * opened. */
guint       shou_store_count_complaints         (ShouStore            *self,
                                                 gint64                since,
                                                 guint                *counts,
                                                 gint64               *compensated_fen);

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
