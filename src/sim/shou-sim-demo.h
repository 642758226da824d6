/* shou-sim-demo.h: seeded generators: the demo shops (`--demo`), bulk data
 * for benchmarks (`--scale N`) and new orders for simulated buyers. */
#pragma once

#include "shou-sim-world.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SIM_DEMO (shou_sim_demo_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimDemo, shou_sim_demo, SHOU, SIM_DEMO, GObject)

ShouSimDemo *shou_sim_demo_new              (ShouSimWorld  *world,
                                             guint32        seed);
/* Merchants "demo" (five shops, one per platform) and "other" (one shop),
 * return addresses, orders and ~250 requests in every state. */
gboolean     shou_sim_demo_populate         (ShouSimDemo   *self,
                                             GError       **error);
/* With @days (e.g. 90), populate() also makes each shop's ended requests
 * and completed orders of every day back to @days ago, for the statistics'
 * 上期. 0 (the default): none. */
void         shou_sim_demo_set_history_days (ShouSimDemo   *self,
                                             guint          days);
gboolean     shou_sim_demo_scale            (ShouSimDemo   *self,
                                             guint          n,
                                             GError       **error);
/* A new order in @shop_id in @state, saved (inside the caller's
 * transaction). Returns: (transfer full): the order id. */
char        *shou_sim_demo_add_order        (ShouSimDemo   *self,
                                             const char    *shop_id,
                                             ShouOrderState state,
                                             gint64         at,
                                             GError       **error);
/* The same, a group order (拼团) whose group is in @group since its payment
 * (order members group_state, group_started_at). */
char        *shou_sim_demo_add_group_order  (ShouSimDemo   *self,
                                             const char    *shop_id,
                                             ShouOrderState state,
                                             ShouGroupState group,
                                             gint64         at,
                                             GError       **error);
/* The same, cash on delivery when @cod is 1, online payment when 0, either
 * (as the demo picks) when -1; the platform's own steps are scheduled. */
char        *shou_sim_demo_add_test_order   (ShouSimDemo   *self,
                                             const char    *shop_id,
                                             ShouOrderState state,
                                             ShouGroupState group,
                                             int            cod,
                                             gint64         at,
                                             GError       **error);
/* Random data the buyers use. (transfer none) */
/* A buyer's answer to a round-1 question. */
const char  *shou_sim_demo_pick_reply       (ShouSimDemo   *self);
/* A buyer turning down a round-2 proposal. */
const char  *shou_sim_demo_pick_refusal     (ShouSimDemo   *self);
/* A buyer accepting a proposal. */
const char  *shou_sim_demo_pick_acceptance  (ShouSimDemo   *self);
/* (transfer full): asking @platform to step in, in its words. */
char        *shou_sim_demo_pick_escalation  (ShouSimDemo   *self,
                                             ShouPlatform   platform);
/* A buyer's reason code and text that fit the goods @title (one of the
 * demo's goods), the order's @state and the request @type. */
const char  *shou_sim_demo_pick_buyer_text  (ShouSimDemo      *self,
                                             const char       *title,
                                             ShouOrderState    state,
                                             ShouRequestType   type,
                                             const char      **out_reason_code);
const char  *shou_sim_demo_pick_logistics   (ShouSimDemo   *self,
                                             guint          step);
/* (transfer full): a valid tracking number for @carrier. */
char        *shou_sim_demo_make_tracking    (ShouSimDemo   *self,
                                             const char    *carrier);
const char  *shou_sim_demo_pick_carrier     (ShouSimDemo   *self);
GRand       *shou_sim_demo_get_rand         (ShouSimDemo   *self);

G_END_DECLS
