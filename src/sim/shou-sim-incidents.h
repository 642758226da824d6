/* shou-sim-incidents.h: the demo's logistics incidents (物流异常, 001 篇七)
 * at every stage of the seller's follow-up. */
#pragma once

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

gboolean shou_sim_incidents_add_demo (ShouHubStore  *db,
                                      const char    *merchant,
                                      gint64         now,
                                      GError       **error);

G_END_DECLS
