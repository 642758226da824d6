/* shou-hub-store-pg.c: the PostgreSQL engine (not built yet). */
#include "config.h"

#include "shou-hub-store.h"

ShouHubStore *
shou_hub_store_pg_new (const char  *url,
                       GError     **error)
{
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_UNSUPPORTED,
               "This hub was built without PostgreSQL");
  return NULL;
}
