/* shou-sim-complaints.h: the simulated platform's complaints (投诉). The
 * demo starts with complaints at every stage: new, handled, compensated
 * within 24 h, under intervention, from outside the platform, finished;
 * and return visits at every state. */
#pragma once

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* Inside a transaction: @n complaints on @merchant's orders, opened over
 * the last two days (the first ones recently, so their 24 h still runs). */
gboolean shou_sim_complaints_add_demo (ShouHubStore  *db,
                                       GRand         *rand,
                                       const char    *merchant,
                                       guint          n,
                                       gint64         now,
                                       GError       **error);

/* Inside a transaction: return visits on @merchant's orders, some due
 * now, one late, one not due yet. */
/* A buyer of one of @merchant's recent orders files a complaint on the
 * platform at @now (stored). (transfer full): what happened, or %NULL */
char    *shou_sim_complaints_file     (ShouHubStore  *db,
                                       GRand         *rand,
                                       const char    *merchant,
                                       gint64         now,
                                       GError       **error);

gboolean shou_sim_visits_add_demo     (ShouHubStore  *db,
                                       const char    *merchant,
                                       gint64         now,
                                       GError       **error);

G_END_DECLS
