/* shou-sim-parcel.h: the simulated platform's side of the seller's parcel
 * actions (intercept, await the return) and of express refunds (issue 25):
 * the request's view of its order's parcel, the simulated courier's
 * intercept, and the members the contract renders (API.md "parcel_wait",
 * "express_refund"). */
#pragma once

#include "hub/shou-hub-aftersale.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* Fills @as's state.parcel_step from its order's latest parcel. */
void        shou_sim_parcel_fill       (ShouHubStore     *store,
                                        ShouHubAftersale *as);

/**
 * shou_sim_parcel_intercept:
 *
 * The simulated courier intercepts the order's parcel at @at (a parcel not
 * yet collected is collected first): it turns back (returning), and the
 * order gets a new version in the caller's transaction. Returns: %FALSE
 * with @error when the order cannot be written.
 */
gboolean    shou_sim_parcel_intercept  (ShouHubStore     *store,
                                        ShouHubAftersale *as,
                                        gint64            at,
                                        GError          **error);

/* Adds "parcel_wait" and "express_refund" (null when none) to @o. */
void        shou_sim_parcel_render     (JsonObject             *o,
                                        const ShouRequestState *state);

G_END_DECLS
