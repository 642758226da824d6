/* shou-sim-subsidy.h: Pinduoduo's 退货包运费 on the simulated platform
 * (issue 25; seed 003: the subsidy is computed within 24 h after the seller
 * agrees to the return and gives the address). Which returns have it and
 * how it ends are drawn from the simulator's seed and the request's id, so
 * a run repeats; a test control sets it outright (API.md
 * "return_postage_subsidy", POST /v1/test/subsidy). */
#pragma once

#include "hub/shou-hub-aftersale.h"
#include "hub/shou-hub-failure.h"

G_BEGIN_DECLS

#define SHOU_SIM_SUBSIDY_HOURS 24

/* After the seller's agree_return on a Pinduoduo return or exchange: two in
 * three (by @seed and the id) get the subsidy, "computing" from @at. */
void      shou_sim_subsidy_on_agree (ShouHubAftersale  *as,
                                     guint32            seed,
                                     gint64             at);
/* At any later change at @at: a subsidy computing for 24 h or more settles,
 * granted (¥6–¥12) or, one in four, not granted. %TRUE when it changed. */
gboolean  shou_sim_subsidy_settle   (ShouHubAftersale  *as,
                                     guint32            seed,
                                     gint64             at);
/* The test control's body {"aftersale_id", "state": "computing" | "granted"
 * | "not_granted" | "none", "amount_fen" (granted only, optional)} applied
 * to @as (a Pinduoduo return or exchange; else 422 not_allowed with reason
 * not_for_platform or not_for_type). */
gboolean  shou_sim_subsidy_set      (ShouHubAftersale  *as,
                                     JsonObject        *body,
                                     gint64             at,
                                     ShouHubFailure   **failure);
/* "return_postage_subsidy" {"state", "amount_fen"|null} on @o when @as has one. */
void      shou_sim_subsidy_render   (JsonObject        *o,
                                     ShouHubAftersale  *as);

G_END_DECLS
