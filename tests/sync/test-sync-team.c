/* test-sync-team.c: claims between two desktops of one team, through the
 * real sync engine and the real simulator (the hub with the simulated
 * platform) on 127.0.0.1, each desktop with its own SQLite cache. */
#include "config.h"

#include "sync-test-util.h"
#include "store/shou-store-accounts.h"
#include "store/shou-store-private.h"
#include "store/shou-store-team.h"
#include "sync/shou-secrets.h"

#define TOKEN_ZHANG "staff-token-zhang-0001"
#define TOKEN_LI    "staff-token-li-0002"

/* A store whose account holds @token (%NULL: the owner's), synced once;
 * its account id in @out_account_id (nullable). */
static ShouStore *
staff_store_with_id (SyncFixture     *f,
                     const char      *name,
                     const char      *token,
                     ShouSyncEngine **out_engine,
                     char           **out_account_id)
{
  g_autofree char *account_id = NULL;
  g_autoptr(GError) error = NULL;
  ShouStore *store = tu_store_new (f, name, &account_id);

  if (token != NULL)
    g_assert_true (shou_secrets_store_token (account_id, f->url, token, &error));
  g_assert_no_error (error);
  *out_engine = tu_engine_new (store);
  g_assert_true (tu_sync (*out_engine));
  if (out_account_id != NULL)
    *out_account_id = g_steal_pointer (&account_id);
  return store;
}

static ShouStore *
staff_store (SyncFixture     *f,
             const char      *name,
             const char      *token,
             ShouSyncEngine **out_engine)
{
  return staff_store_with_id (f, name, token, out_engine, NULL);
}

/* The hub says who each account is (GET /v1/me role): an agent's account
 * is known as one, and may not authorise shops (the accounts dialog hides
 * 授权店铺); the owner's is not. */
static void
test_agent_role (SyncFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) owner_engine = NULL;
  g_autoptr(ShouSyncEngine) agent_engine = NULL;
  g_autoptr(ShouStore) owner = NULL;
  g_autoptr(ShouStore) agent = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *agent_id = NULL;

  g_assert_true (shou_sim_server_add_staff (f->sim, f->merchant, "zhang", "张三", TOKEN_ZHANG, "agent",
                                            100000, 1000000, &error));
  g_assert_no_error (error);
  owner = staff_store_with_id (f, "owner", NULL, &owner_engine, &owner_id);
  agent = staff_store_with_id (f, "agent", TOKEN_ZHANG, &agent_engine, &agent_id);
  g_assert_true (shou_sync_engine_account_is_agent (agent_engine, agent_id));
  g_assert_false (shou_sync_engine_account_is_agent (owner_engine, owner_id));
  shou_sync_engine_stop (agent_engine);
  shou_sync_engine_stop (owner_engine);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main loop until @store's claim on @key is held by @name
 * ("" = nobody), at most 5 s; returns the claim. */
static ShouClaim *
wait_claim (ShouStore  *store,
            const char *key,
            const char *name)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, on_timeout_cb, &timed_out);
  ShouClaim *claim = NULL;

  while (!timed_out)
    {
      claim = shou_store_get_claim (store, key, g_get_real_time ());
      if (g_strcmp0 (claim ? claim->name : "", name) == 0)
        break;
      g_clear_pointer (&claim, shou_claim_free);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
  return claim;
}

static void
test_two_desktops (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) engine_a = NULL;
  g_autoptr(ShouSyncEngine) engine_b = NULL;
  g_autoptr(ShouStore) a = NULL;
  g_autoptr(ShouStore) b = NULL;
  g_autoptr(ShouClaim) claim = NULL;
  g_autofree char *key = NULL;
  g_autofree char *staff = NULL;

  g_assert_true (shou_sim_server_add_staff (f->sim, f->merchant, "zhang", "张三", TOKEN_ZHANG, "agent",
                                            100000, 1000000, &error));
  g_assert_true (shou_sim_server_add_staff (f->sim, f->merchant, "li", "李四", TOKEN_LI, "agent",
                                            100000, 1000000, &error));
  g_assert_no_error (error);
  a = staff_store (f, "a", TOKEN_ZHANG, &engine_a);
  b = staff_store (f, "b", TOKEN_LI, &engine_b);
  key = tu_find_request (a, "agree_refund");
  g_assert_nonnull (key);
  /* Each desktop knows whose token it holds. */
  staff = shou_store_get_request_staff_id (a, key);
  g_assert_cmpstr (staff, ==, "zhang");

  /* 张三 opens the request: his desktop takes the claim. */
  shou_store_want_claim (a, key, FALSE);
  claim = wait_claim (a, key, "张三");
  g_assert_true (claim->mine);
  g_clear_pointer (&claim, shou_claim_free);

  /* 李四 opens it too: the hub says 张三 holds it, and his desktop shows it. */
  shou_store_want_claim (b, key, FALSE);
  claim = wait_claim (b, key, "张三");
  g_assert_false (claim->mine);
  g_assert_cmpstr (claim->staff_id, ==, "zhang");
  g_clear_pointer (&claim, shou_claim_free);
  /* A sync leaves it so (from the feed when the hub sends claims). */
  g_assert_true (tu_sync (engine_b));
  claim = wait_claim (b, key, "张三");
  g_clear_pointer (&claim, shou_claim_free);

  /* 李四 takes over after being asked; 张三's next renewal learns it. */
  shou_store_want_claim (b, key, TRUE);
  claim = wait_claim (b, key, "李四");
  g_assert_true (claim->mine);
  g_clear_pointer (&claim, shou_claim_free);
  shou_store_want_claim (a, key, FALSE);
  claim = wait_claim (a, key, "李四");
  g_assert_false (claim->mine);
  g_clear_pointer (&claim, shou_claim_free);

  /* 李四 leaves the request: his claim is released, and 张三 gets it. */
  shou_store_want_claim (b, NULL, FALSE);
  claim = wait_claim (b, key, "");
  shou_store_want_claim (a, NULL, FALSE);
  shou_store_want_claim (a, key, FALSE);
  claim = wait_claim (a, key, "张三");
  g_assert_true (claim->mine);
}

/* A desktop of the version before claims (it does not know the feed's kind
 * "claim") keeps the claims it pulls while its cursor moves on; the
 * version that knows them shows them as soon as it opens the same cache,
 * without reading the feed again. */
static void
test_learned_later (SyncFixture   *f,
                    gconstpointer  data)
{
  const char *old_kinds[] = { "claim", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouClaim) claim = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_after = NULL;
  g_autofree char *db = g_build_filename (f->dir, "old", "shouhou.db", NULL);
  g_autofree char *account_id = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  g_assert_true (shou_sim_server_add_staff (f->sim, f->merchant, "zhang", "张三", TOKEN_ZHANG, "agent",
                                            100000, 1000000, &error));
  g_assert_true (shou_sim_server_add_staff (f->sim, f->merchant, "li", "李四", TOKEN_LI, "agent",
                                            100000, 1000000, &error));
  g_assert_no_error (error);

  shou_store_forget_kinds_for_testing (old_kinds);
  store = staff_store (f, "old", TOKEN_LI, &engine);
  key = tu_find_request (store, "agree_refund");
  g_assert_nonnull (key);
  path = g_strdup_printf ("/v1/aftersales/%s/claim", key);
  g_assert_cmpuint (tu_http (f, "POST", path, TOKEN_ZHANG, "{}", &answer), ==, 200);
  g_assert_true (tu_sync (engine));

  /* The old version: nothing shows the claim, it is kept, the cursor moved. */
  g_assert_null (shou_store_get_claim (store, key, g_get_real_time ()));
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "claim"), >=, 1);
  accounts = shou_store_list_accounts (store);
  account_id = g_strdup (json_object_get_string_member (accounts->pdata[0], "id"));
  cursor = shou_store_get_cursor (store, account_id);
  g_assert_nonnull (cursor);
  shou_sync_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&store);

  /* The new version opens the same file. */
  shou_store_forget_kinds_for_testing (NULL);
  store = shou_store_new (db, &error);
  g_assert_no_error (error);
  claim = shou_store_get_claim (store, key, g_get_real_time ());
  g_assert_nonnull (claim);
  g_assert_cmpstr (claim->name, ==, "张三");
  g_assert_false (claim->mine);
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "claim"), ==, 0);
  cursor_after = shou_store_get_cursor (store, account_id);
  g_assert_cmpstr (cursor_after, ==, cursor);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/team/two-desktops", SyncFixture, NULL, tu_setup, test_two_desktops, tu_teardown);
  g_test_add ("/sync/team/learned-later", SyncFixture, NULL, tu_setup, test_learned_later, tu_teardown);
  g_test_add ("/sync/team/agent-role", SyncFixture, NULL, tu_setup, test_agent_role, tu_teardown);
  return g_test_run ();
}
