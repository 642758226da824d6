/* shou-sim-world.h: the simulated platform's behaviour between the database
 * and core's rules: opening requests, applying events (seller, buyer,
 * platform), lapsing deadlines, and rendering entities in the API's JSON
 * shapes (API.md). The HTTP server, the demo generator and the simulated
 * buyers all go through it, so the rules are enforced in one place. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "shou-sim-clock.h"
#include "hub/shou-hub-doc.h"
#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"
#include "shou-sim-db.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SIM_WORLD (shou_sim_world_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimWorld, shou_sim_world, SHOU, SIM_WORLD, GObject)

ShouSimWorld      *shou_sim_world_new               (ShouHubStore        *db,
                                                     ShouSimClock     *clock);
ShouHubStore         *shou_sim_world_get_db            (ShouSimWorld     *self);
/* A request by its id alone, as a buyer names it on the platform (the
 * simulated platform's own lookup; the hub's routes name the merchant).
 * (transfer full) */
ShouHubAftersale     *shou_sim_world_find_request      (ShouSimWorld     *self,
                                                        const char       *id);
ShouSimClock      *shou_sim_world_get_clock         (ShouSimWorld     *self);
/* How a request is rendered for the contract (shou-sim-render.c), so that
 * every save stores it with the row for the change feed. */
typedef JsonObject *(*ShouSimRenderFunc) (ShouSimWorld     *world,
                                          ShouHubAftersale *as);
void               shou_sim_world_set_renderer      (ShouSimWorld     *self,
                                                     ShouSimRenderFunc render);
gint64             shou_sim_world_now               (ShouSimWorld     *self);
const ShouProfile *shou_sim_world_get_profile       (ShouSimWorld     *self,
                                                     ShouPlatform      platform);
/* The profile that runs @as: the version it was opened under. */
const ShouProfile *shou_sim_world_request_profile   (ShouSimWorld     *self,
                                                     ShouHubAftersale *as);
/* A lapse is applied once the clock is @grace past the deadline (platforms
 * run their timeout jobs in batches; the demo uses this to show overdue
 * requests). Default 0. */
/* The run's seed (--seed): which Pinduoduo returns get 退货包运费, and how it ends. */
void               shou_sim_world_set_seed          (ShouSimWorld     *self,
                                                     guint32           seed);
guint32            shou_sim_world_get_seed          (ShouSimWorld     *self);
void               shou_sim_world_set_lapse_grace   (ShouSimWorld     *self,
                                                     gint64            grace);
gint64             shou_sim_world_get_lapse_grace   (ShouSimWorld     *self);

/* Counters for GET /v1/test/stats. */
guint64            shou_sim_world_get_events_applied (ShouSimWorld    *self);

/* A new request from the buyer on an order line, opened at @at (not saved):
 * @amount_fen the refund, or @keep_fen (≥ 0; -1 when not given) what the
 * buyer still pays the seller, converted (Taobao's form, 001 篇六);
 * @profile_version the rule profile version to open under (%NULL: the
 * current one), kept by the request for its whole life.
 * Returns: (transfer full): the request, or %NULL with @failure set. */
ShouHubAftersale  *shou_sim_world_open              (ShouSimWorld     *self,
                                                     const char       *order_id,
                                                     const char       *line_id,
                                                     ShouRequestType   type,
                                                     gint64            amount_fen,
                                                     gint64            keep_fen,
                                                     const char       *reason_code,
                                                     const char       *text,
                                                     const char       *profile_version,
                                                     gint64            at,
                                                     ShouHubFailure  **failure);
/* The same on an order object at hand; @new_order skips looking for earlier
 * requests on the line (bulk generators). */
ShouHubAftersale  *shou_sim_world_open_on           (ShouSimWorld     *self,
                                                     JsonObject       *order,
                                                     const char       *merchant_id,
                                                     gboolean          new_order,
                                                     const char       *line_id,
                                                     ShouRequestType   type,
                                                     gint64            amount_fen,
                                                     gint64            keep_fen,
                                                     const char       *reason_code,
                                                     const char       *text,
                                                     const char       *profile_version,
                                                     gint64            at,
                                                     ShouHubFailure  **failure);
/* Applies @event through core at @at and records it in the request's
 * documents and timeline (not saved). @params carries what the event needs
 * beyond ShouEvent: "scripts", "evidence" (arrays of strings), "address"
 * (object), "reason_text". */
gboolean           shou_sim_world_apply             (ShouSimWorld     *self,
                                                     ShouHubAftersale *as,
                                                     const ShouEvent  *event,
                                                     JsonObject       *params,
                                                     gint64            at,
                                                     ShouHubFailure  **failure);
/* Lapses every deadline of @as due by @cutoff, at its own time. */
guint              shou_sim_world_lapse_request     (ShouSimWorld     *self,
                                                     ShouHubAftersale *as,
                                                     gint64            cutoff);
/* Saves @as (new change_seq, lapse index). */
gboolean           shou_sim_world_save              (ShouSimWorld     *self,
                                                     ShouHubAftersale *as,
                                                     GError          **error);
/* Lapses everything due on the clock, in transactions. Returns how many
 * lapses were applied. */
guint              shou_sim_world_process_lapses    (ShouSimWorld     *self);
/* The carrier's Chinese name ("顺丰速运"), as platforms show it. */
const char        *shou_sim_carrier_name            (const char       *code);
G_END_DECLS
