/* shou-batch.h: one action on many requests. A batch is checked request
 * by request against each one's allowed_actions (those not allowed stay
 * out, with the reason), then becomes one outbox entry per request, each
 * with its own idempotency key, so it is as offline-safe as any action
 * and the sync engine sends it as it sends the rest. The items follow
 * their entries to say what succeeded and what failed, and why. */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_BATCH_EXCLUDED,  /* not allowed now: reason says why */
  SHOU_BATCH_READY,     /* allowed, not queued yet */
  SHOU_BATCH_QUEUED,    /* in the outbox, waiting or being sent */
  SHOU_BATCH_DONE,      /* the server accepted it */
  SHOU_BATCH_FAILED,    /* refused here or by the server: reason says why */
  SHOU_N_BATCH_STATES
} ShouBatchState;

typedef struct
{
  char           *request_id;  /* the request's store key */
  char           *shop_id;     /* its shop's key */
  char           *order_no;
  char           *platform;    /* its platform's name ("pdd") */
  gint64          amount_fen;
  gint64          version;     /* the version the check saw */
  ShouBatchState  state;
  char           *reason;      /* translated; NULL unless excluded or failed */
  gint64          entry_id;    /* its outbox entry once queued, else 0 */
} ShouBatchItem;

void         shou_batch_item_free       (ShouBatchItem *item);

/* Checks @action on each request of @request_ids (keys, element-type
 * utf8), in that order. With @shop_id, requests of other shops are
 * excluded (an address belongs to one shop).
 * Returns: (transfer full) (element-type ShouBatchItem): one item each,
 * READY or EXCLUDED. */
GPtrArray   *shou_store_batch_prepare   (ShouStore     *self,
                                         GPtrArray     *request_ids,
                                         ShouAction     action,
                                         const char    *shop_id);
/* Round 1 of the negotiation with one script, on many requests: as
 * shou_store_batch_prepare () for SHOU_ACTION_NEGOTIATE, and only requests
 * whose platform's rule profile has the negotiation tool before a
 * rejection (negotiation.required) and that have no round sent yet. With
 * @platform (a script is one platform's), those of other platforms are
 * excluded too.
 * Returns: (transfer full) (element-type ShouBatchItem). */
GPtrArray   *shou_store_batch_prepare_round1 (ShouStore  *self,
                                              GPtrArray  *request_ids,
                                              const char *platform);
/* Excludes, with @reason, the READY items of other shops than @shop_id
 * (a saved phrase of one shop); with @shop_id NULL or "" nothing changes.
 * Returns: how many were excluded. */
guint        shou_batch_exclude_other_shops (GPtrArray  *items,
                                             const char *shop_id,
                                             const char *reason);
/* The first READY item, or NULL. */
ShouBatchItem *shou_batch_first_ready   (GPtrArray     *items);
/* Queues every READY item with @params against the version it was
 * checked at: QUEUED, or FAILED with the reason the store refused it.
 * Returns: how many were queued. */
guint        shou_store_batch_enqueue   (ShouStore     *self,
                                         GPtrArray     *items,
                                         ShouAction     action,
                                         JsonObject    *params);
/* Reads the outbox entries of the QUEUED items again: DONE, or FAILED
 * with the server's reason (a conflict).
 * Returns: TRUE when no item is QUEUED any more. */
gboolean     shou_store_batch_refresh   (ShouStore     *self,
                                         GPtrArray     *items);
guint        shou_batch_count           (GPtrArray     *items,
                                         ShouBatchState state);
/* The keys of the items in @state, in order (element-type utf8). */
GPtrArray   *shou_batch_request_ids     (GPtrArray     *items,
                                         ShouBatchState state);

G_END_DECLS
