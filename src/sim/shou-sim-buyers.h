/* shou-sim-buyers.h: simulated buyers. On a timer (demo) or when a test
 * asks (POST /v1/test/buyer), buyers open requests, reply to negotiations,
 * ship returns, cancel, modify and escalate, through the same rules. */
#pragma once

#include "shou-sim-demo.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SIM_BUYERS (shou_sim_buyers_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimBuyers, shou_sim_buyers, SHOU, SIM_BUYERS, GObject)

ShouSimBuyers *shou_sim_buyers_new     (ShouSimWorld    *world,
                                        ShouSimDemo     *demo);
void           shou_sim_buyers_start   (ShouSimBuyers   *self,
                                        guint            interval_ms);
void           shou_sim_buyers_stop    (ShouSimBuyers   *self);
/* @speed > 0 (the demo speed, default 1): a negotiation round the seller
 * sent is answered 90 s / @speed later (server clock). */
void           shou_sim_buyers_set_speed (ShouSimBuyers *self,
                                          double         speed);
/* One move by some buyer: first the answer to a round the seller sent a
 * little while ago, else a random one. Returns: (transfer full): what
 * happened, for the console, or %NULL when nothing could be done. */
char          *shou_sim_buyers_step    (ShouSimBuyers   *self);
/* Whether a simulated buyer may accept @as's pending negotiation round: it
 * proposes something and the buyer answered an earlier round. */
gboolean       shou_sim_buyers_may_accept (ShouHubAftersale *as);
/* The test control: @body as in API.md POST /v1/test/buyer. Returns: (transfer
 * full): the request after the move, or %NULL with @failure. Saves. */
ShouHubAftersale *
               shou_sim_buyers_act     (ShouSimBuyers   *self,
                                        JsonObject      *body,
                                        ShouHubFailure **failure);
/* The test control POST /v1/test/logistics. */
ShouHubAftersale *
               shou_sim_buyers_logistics (ShouSimBuyers   *self,
                                          JsonObject      *body,
                                          ShouHubFailure **failure);

G_END_DECLS
