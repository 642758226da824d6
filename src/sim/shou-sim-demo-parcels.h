/* shou-sim-demo-parcels.h: the demo's orders waiting to be shipped (some
 * close to or past their shipping deadline) and parcels a buyer refused
 * while a refund-only request waits for them (issue 25). */
#pragma once

#include "shou-sim-world.h"

G_BEGIN_DECLS

/* Makes an order (shou_sim_demo_add_order ()). (transfer full) its id */
typedef char *(*ShouSimAddOrder) (gpointer         demo,
                                  const char      *shop_id,
                                  ShouOrderState   state,
                                  gint64           at,
                                  GError         **error);

/* Adds them to the demo merchant's shops, inside the caller's transaction;
 * no randomness of its own. */
gboolean shou_sim_demo_add_parcels (ShouSimWorld    *world,
                                    ShouSimAddOrder  add_order,
                                    gpointer         demo,
                                    gint64           now,
                                    GError         **error);

G_END_DECLS
