/* shou-sim-world-private.h: the simulated world's fields, shared by its
 * files (shou-sim-world.c opens and applies; shou-sim-world-lapse.c lets
 * deadlines lapse and saves). */
#pragma once

#include "shou-sim-world.h"

struct _ShouSimWorld
{
  GObject        parent_instance;
  ShouHubStore     *db;
  ShouSimClock  *clock;
  ShouProfiles  *profiles;     /* not owned: core's default set */
  gint64         lapse_grace;
  guint64        events_applied;
  GHashTable    *shop_platforms;  /* shop id -> ShouPlatform; shops never move */
  ShouSimRenderFunc render;
  guint32        seed;           /* the run's seed (退货包运费 draws) */
};

