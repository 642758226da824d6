/* shou-sync-worker: opens a store and syncs it against a simulator until
 * nothing is pending. test-sync-crash kills it at random moments. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "store/shou-store.h"
#include "sync/shou-secrets.h"
#include "sync/shou-sync-engine.h"

static void
on_finished_cb (ShouSyncEngine *engine,
                gboolean        ok,
                int            *result)
{
  *result = ok ? 1 : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  const char *account;
  gboolean resync;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      fprintf (stderr, "usage: %s DB TOKEN [resync]\n", argv[0]);
      return 2;
    }
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  resync = argc > 3 && g_str_equal (argv[3], "resync");

  store = shou_store_new (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  accounts = shou_store_list_accounts (store);
  if (accounts->len == 0)
    return 1;
  account = json_object_get_string_member (accounts->pdata[0], "id");
  if (!shou_secrets_store_token (account, NULL, argv[2], &error))
    return 1;
  if (resync)
    {
      /* Forget the cursor: the next pull is a full one. */
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      if (!shou_store_apply_changes (store, account, none, NULL, &error))
        return 1;
    }

  engine = shou_sync_engine_new (store);
  shou_sync_engine_set_backoff (engine, 10, 100);
  shou_sync_engine_set_request_timeout (engine, 2);
  shou_sync_engine_set_page_limit (engine, 20);

  for (guint run = 0; run < 20; run++)
    {
      int result = -1;
      gulong id = g_signal_connect (engine, "sync-finished", G_CALLBACK (on_finished_cb), &result);

      shou_sync_engine_sync_now (engine);
      while (result == -1)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (engine, id);
      if (result == 1 && shou_store_count_pending (store) == 0)
        return 0;
      g_usleep (20000);
    }
  return 3;
}
