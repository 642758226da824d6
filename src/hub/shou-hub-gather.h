/* shou-hub-gather.h: agree_refund actions of one shop that reach the hub
 * close together wait a moment and go to the platform together (issue 23):
 * its adapter carries them in batch calls within the rule profile's limits
 * (shou_hub_platform_perform_batch). Each HTTP request keeps its own
 * answer and idempotency key. */
#pragma once

#include "hub/shou-hub-http.h"

G_BEGIN_DECLS

/* How long a group waits for more after its latest action, and at most
 * after its first (milliseconds). */
#define SHOU_HUB_GATHER_QUIET_MS 200
#define SHOU_HUB_GATHER_MAX_MS   1000

/* One gathered action: what came in, and its answer. */
typedef struct
{
  char         *merchant;
  char         *id;
  char         *key;
  JsonObject   *body;
  ShouHubStaff *caller;     /* who sent it (owned) */
  guint         status;     /* out */
  char         *text;       /* out (owned) */
  gboolean      replayed;   /* out: a stored answer */
} ShouHubActionJob;

void shou_hub_action_job_clear (ShouHubActionJob *job);

/* Answers every job of a group that is due. */
typedef void (*ShouHubGatherFunc) (ShouHubContext    *ctx,
                                   ShouHubActionJob **jobs,
                                   guint              n);

ShouHubGather *shou_hub_gather_new  (ShouHubContext    *ctx,
                                     ShouHubGatherFunc  func);
/* Answers every waiting request 503 and frees @self. */
void           shou_hub_gather_free (ShouHubGather  *self);
/* Pauses @msg and puts its action in @shop's group, which goes when it
 * has @max_count actions or has waited long enough: %TRUE (it keeps a
 * reference to @body and takes ctx->caller). %FALSE when the shop's last action went alone
 * and was answered less than the quiet moment ago (a client sending one
 * at a time): then the caller applies it now, and calls
 * shou_hub_gather_went_alone() once answered. */
gboolean       shou_hub_gather_add  (ShouHubGather     *self,
                                     SoupServerMessage *msg,
                                     const char        *merchant,
                                     const char        *shop,
                                     const char        *id,
                                     const char        *key,
                                     JsonObject        *body,
                                     guint              max_count);
/* @name: "merchant\nshop". */
void           shou_hub_gather_went_alone (ShouHubGather *self,
                                           const char    *name);

G_END_DECLS
