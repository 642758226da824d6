/* test-sync-identity: an account saved before servers reported who a token
 * belongs to (schema 8) has no identity. The sync engine asks the real
 * simulator (GET /v1/me) once and stores the merchant, so the account is
 * told apart from others on the same server without the seller entering
 * the token again. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-accounts.h"
#include "sync-test-util.h"

static char *
merchant_of (ShouStore  *store,
             const char *account_id)
{
  g_autoptr(JsonObject) account = shou_store_get_account (store, account_id);

  g_assert_nonnull (account);
  return g_strdup (json_object_get_string_member_with_default (account, "merchant_id", NULL));
}

static void
test_identity_asked_once (SyncFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *account_id = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "old", &account_id);
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *merchant = NULL;
  g_autofree char *found = NULL;

  /* As the 7 -> 8 migration leaves it: no merchant, no staff member. */
  merchant = merchant_of (store, account_id);
  g_assert_null (merchant);
  g_assert_cmpuint (tu_http (f, "GET", "/v1/me", f->token, NULL, &me), ==, 200);

  engine = tu_engine_new (store);
  g_assert_true (tu_sync (engine));

  merchant = merchant_of (store, account_id);
  if (merchant == NULL)
    g_error ("after a sync the account saved without an identity still has none "
             "(the server says the token is %s's)", json_object_get_string_member (me, "merchant_id"));
  g_assert_cmpstr (merchant, ==, json_object_get_string_member (me, "merchant_id"));
  found = shou_store_find_account (store, f->url, merchant, NULL);
  g_assert_cmpstr (found, ==, account_id);

  /* Asked once: a known identity is not asked again, and the requests
   * still sync as before. */
  g_assert_true (tu_sync (engine));
  tu_assert_cache_equals_server (f, store);
}

/* An account whose identity is known keeps it: the engine does not
 * overwrite what the seller's token check stored. */
static void
test_known_identity_kept (SyncFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *account_id = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "new", &account_id);
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merchant = NULL;

  g_assert_true (shou_store_set_account_identity (store, account_id, "m-known", NULL, &error));
  g_assert_no_error (error);
  engine = tu_engine_new (store);
  g_assert_true (tu_sync (engine));
  merchant = merchant_of (store, account_id);
  g_assert_cmpstr (merchant, ==, "m-known");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sync/identity/" name, SyncFixture, NULL, tu_setup, fn, tu_teardown)
  ADD ("asked-once", test_identity_asked_once);
  ADD ("known-kept", test_known_identity_kept);
#undef ADD

  return g_test_run ();
}
