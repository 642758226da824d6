/* shou-sim-outbound.h: the simulated platform's outbound parcels: a parcel
 * for every shipped order of the demo, and the test control that moves one
 * on (API.md "POST /v1/test/shipment"). */
#pragma once

#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* Gives a shipped or completed @order a parcel that matches its times, when
 * it has none; no randomness, so that the demo's seeds stay as they were. */
void        shou_sim_outbound_fill   (JsonObject      *order);

/**
 * shou_sim_outbound_step:
 * @store: the simulator's store
 * @body: {"order_id", "state", "carrier", "tracking_no", "text"}
 * @now: the simulated clock
 *
 * Moves the order's parcel to "state" (a first "shipped" needs the carrier
 * and tracking number and ships the order) in one transaction; the order
 * gets a new version and change sequence number. Returns: (transfer full):
 * the order, or %NULL with @failure (404, 400, 422 with the reason).
 */
JsonObject *shou_sim_outbound_step   (ShouHubStore    *store,
                                      JsonObject      *body,
                                      gint64           now,
                                      ShouHubFailure **failure);
/* Called in the step's transaction once the order (with its new version)
 * is written, for what depends on the parcel (the order's requests). */
typedef gboolean (*ShouSimParcelMoved) (JsonObject  *order,
                                        const char  *merchant_id,
                                        gpointer     data,
                                        GError     **error);
/* The same, calling @moved (nullable) with @data inside the transaction. */
JsonObject *shou_sim_outbound_step_full (ShouHubStore       *store,
                                         JsonObject         *body,
                                         gint64              now,
                                         ShouSimParcelMoved  moved,
                                         gpointer            data,
                                         ShouHubFailure    **failure);

G_END_DECLS
