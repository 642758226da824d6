/* shou-sync-engine-autorules.c: what the rules window asks the engine:
 * where an account's automatic rules run, and the client that reaches its
 * hub. */
#include "config.h"

#include "shou-sync-engine-private.h"

ShouAutorulesRunner
shou_sync_engine_get_autorules_runner (ShouSyncEngine *self,
                                       const char     *account_id)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), SHOU_AUTORULES_RUNNER_UNKNOWN);
  g_return_val_if_fail (account_id != NULL, SHOU_AUTORULES_RUNNER_UNKNOWN);

  if (g_hash_table_contains (self->hub_autorules, account_id))
    return SHOU_AUTORULES_RUNNER_HUB;
  if (g_hash_table_contains (self->identified, account_id))
    return SHOU_AUTORULES_RUNNER_DESKTOP;
  return SHOU_AUTORULES_RUNNER_UNKNOWN;
}

ShouApiClient *
shou_sync_engine_get_client (ShouSyncEngine  *self,
                             const char      *account_id,
                             GError         **error)
{
  ShouApiClient *client;

  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  client = shou_sync_get_client (self, account_id, error);
  return client != NULL ? g_object_ref (client) : NULL;
}
