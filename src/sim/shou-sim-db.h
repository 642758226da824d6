/* shou-sim-db.h: the simulator's storage is the hub's (hub/shou-hub-store.h);
 * the old names stay for code written against them. */
#pragma once

#include "hub/shou-hub-store.h"

typedef ShouHubStore ShouSimDb;

#define shou_sim_db_begin    shou_hub_store_begin
#define shou_sim_db_commit   shou_hub_store_commit
#define shou_sim_db_rollback shou_hub_store_rollback
#define shou_sim_token_equal shou_hub_token_equal
