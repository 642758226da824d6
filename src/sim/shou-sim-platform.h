/* shou-sim-platform.h: the simulated platform behind the hub's platform
 * interface: the world (requests, orders, addresses under core's rules),
 * its clock, and the deadlines it lapses. Its truth lives in the hub's own
 * store, so pulling changes only applies what lapsed. */
#pragma once

#include "hub/shou-hub-platform.h"
#include "shou-sim-world.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SIM_PLATFORM (shou_sim_platform_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimPlatform, shou_sim_platform, SHOU, SIM_PLATFORM, GObject)

ShouSimPlatform *shou_sim_platform_new (ShouSimWorld *world);

G_END_DECLS
