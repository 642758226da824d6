/* shou-hub-store-open.c: the engine a location names. */
#include "config.h"

#include "shou-hub-store.h"

ShouHubStore *
shou_hub_store_open (const char  *location,
                     GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return shou_hub_store_pg_new (location, error);
  return shou_hub_store_sqlite_new (location, error);
}
