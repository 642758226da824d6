/* test-sync: the sync engine against the real simulator over HTTP on
 * 127.0.0.1: full and incremental pulls, offline actions that survive a
 * restart and reach the server once, faults, and two clients in conflict. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "store/shou-request-list.h"
#include "sync/shou-secrets.h"
#include "sync-test-util.h"

static gint64
request_amount (ShouStore  *store,
                const char *id)
{
  g_autoptr(JsonObject) req = shou_store_get_request (store, id, NULL);
  return json_object_get_int_member (req, "amount_fen");
}

static gint64
request_version (ShouStore  *store,
                 const char *id)
{
  g_autoptr(JsonObject) req = shou_store_get_request (store, id, NULL);
  return json_object_get_int_member (req, "version");
}

static gboolean
enqueue_refund (ShouStore   *store,
                const char  *id,
                GError     **error)
{
  g_autoptr(JsonObject) params = json_object_new ();

  json_object_set_int_member (params, "amount_fen", request_amount (store, id));
  return shou_store_enqueue_action (store, id, SHOU_ACTION_AGREE_REFUND, params,
                                    request_version (store, id), error);
}

static void
count_changed_cb (ShouStore  *store,
                  const char *id,
                  guint      *n)
{
  (*n)++;
}

static void
test_full_and_incremental (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GPtrArray) shops = NULL;
  g_autofree char *cursor1 = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint changed = 0;

  g_assert_cmpint (shou_sync_engine_get_last_synced (engine), ==, 0);
  g_assert_true (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_IDLE);
  g_assert_cmpint (shou_sync_engine_get_last_synced (engine), >, 0);
  g_assert_null (shou_sync_engine_get_error_message (engine));
  shops = shou_store_list_shops (store);
  g_assert_cmpuint (shops->len, >, 0);
  tu_assert_cache_equals_server (f, store);
  cursor1 = shou_store_get_cursor (store, account);
  g_assert_nonnull (cursor1);
  /* Server time is known to the header's countdowns. */
  g_assert_cmpint (ABS (shou_sync_engine_get_server_now (engine) - shou_sim_server_now (f->sim)),
                   <, 5 * G_USEC_PER_SEC + ABS (shou_sim_server_now (f->sim) - g_get_real_time ()));

  /* Nothing changed: the next sync applies nothing. */
  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_true (tu_sync (engine));
  g_assert_cmpuint (changed, ==, 0);

  /* The buyer messages on one request: exactly that one comes in. */
  id = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id);
  body = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"cancel\"}", id);
  g_assert_cmpuint (tu_http (f, "POST", "/v1/test/buyer", NULL, body, &reply), ==, 200);
  g_assert_true (tu_sync (engine));
  g_assert_cmpuint (changed, >=, 1);
  cursor2 = shou_store_get_cursor (store, account);
  g_assert_cmpstr (cursor1, !=, cursor2);
  tu_assert_cache_equals_server (f, store);
  g_signal_handlers_disconnect_by_func (store, count_changed_cb, &changed);
}

static void
test_offline_restart_once (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  gint64 applied_before;

  g_assert_true (tu_sync (engine));
  id = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id);
  applied_before = tu_actions_applied (f);

  /* The simulator goes away; the seller acts anyway. */
  tu_sim_stop (f);
  g_assert_true (enqueue_refund (store, id, &error));
  g_assert_no_error (error);
  g_assert_false (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_OFFLINE);
  g_assert_nonnull (shou_sync_engine_get_error_message (engine));
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 1);
  g_assert_false (tu_sync (engine));

  /* The app restarts while offline. */
  g_assert_finalize_object (g_steal_pointer (&engine));
  g_assert_finalize_object (g_steal_pointer (&store));
  store = tu_store_new (f, "a", NULL);
  engine = tu_engine_new (store);
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 1);

  tu_sim_start (f);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_IDLE);
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + 1);
  path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &server), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (server, "aftersale"), "status"),
                   !=, "wait_seller");
  tu_assert_cache_equals_server (f, store);

  /* Syncing again sends nothing more. */
  g_assert_true (tu_sync (engine));
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + 1);
}

static void
test_faults_converge (SyncFixture   *f,
                      gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GError) error = NULL;
  gint64 applied_before;
  guint queued = 0;

  shou_sync_engine_set_request_timeout (engine, 1);
  shou_sync_engine_set_page_limit (engine, 7);
  tu_set_faults (f, 0.2, 42);
  g_assert_true (tu_sync_until_clean (engine, 60));

  tu_set_faults (f, 0, 0);
  applied_before = tu_actions_applied (f);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = tu_find_request (store, "agree_refund");
      if (id == NULL)
        break;
      g_assert_true (enqueue_refund (store, id, &error));
      g_assert_no_error (error);
      queued++;
    }
  g_assert_cmpuint (queued, >, 0);

  tu_set_faults (f, 0.2, 7);
  g_assert_true (tu_sync_until_clean (engine, 60));
  tu_set_faults (f, 0, 0);
  /* Converged: exactly the server's data, each action applied once. */
  g_assert_true (tu_sync (engine));
  tu_assert_cache_equals_server (f, store);
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + queued);
  g_assert_cmpuint (shou_store_count_outbox (store, "conflict"), ==, 0);
}

static void
test_two_clients_conflict (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(ShouStore) a = tu_store_new (f, "a", NULL);
  g_autoptr(ShouStore) b = tu_store_new (f, "b", NULL);
  g_autoptr(ShouSyncEngine) ea = tu_engine_new (a);
  g_autoptr(ShouSyncEngine) eb = tu_engine_new (b);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  g_autofree char *id = NULL;
  JsonObject *conflict;

  g_assert_true (tu_sync (ea));
  g_assert_true (tu_sync (eb));
  id = tu_find_request (a, "agree_refund");
  g_assert_nonnull (id);

  /* Both act on the same version; A reaches the server first. */
  g_assert_true (enqueue_refund (a, id, &error));
  json_object_set_string_member (msg, "text", "您好，我们核实一下");
  g_assert_true (shou_store_enqueue_action (b, id, SHOU_ACTION_MESSAGE, msg,
                                            request_version (b, id), &error));
  g_assert_no_error (error);
  g_assert_true (tu_sync (ea));
  tu_sync (eb);

  /* B sees a conflict with the server's reason, and the server's state. */
  seen = shou_store_get_request (b, id, &error);
  g_assert_no_error (error);
  conflict = json_object_get_object_member (seen, "conflict");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "message");
  g_assert_cmpstr (json_object_get_string_member (conflict, "message"), !=, "");
  g_assert_cmpint (json_object_get_int_member (seen, "version"), ==, request_version (a, id));
  g_assert_cmpuint (shou_store_count_pending (b), ==, 0);
  list = shou_request_list_new (b);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  item = g_list_model_get_item (G_LIST_MODEL (list), shou_request_list_find (list, id));
  g_assert_nonnull (shou_request_item_get_conflict (item));

  /* B chooses again: drops its action; nothing was applied twice. */
  g_assert_true (shou_store_resolve_conflict (b, id, &error));
  after = shou_store_get_request (b, id, &error);
  g_assert_true (json_object_get_null_member (after, "conflict"));
  g_assert_true (tu_sync (eb));
  tu_assert_cache_equals_server (f, b);
}

/* The server refuses an action the rules do not allow now (422
 * not_allowed): the conflict keeps the reason code, which core says in the
 * seller's language. */
static void
test_not_allowed_reason (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(ShouStore) a = tu_store_new (f, "a", NULL);
  g_autoptr(ShouStore) b = tu_store_new (f, "b", NULL);
  g_autoptr(ShouSyncEngine) ea = tu_engine_new (a);
  g_autoptr(ShouSyncEngine) eb = tu_engine_new (b);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(JsonObject) seen = NULL;
  g_autofree char *id = NULL;
  JsonObject *conflict;
  ShouReason reason;

  g_assert_true (tu_sync (ea));
  g_assert_true (tu_sync (eb));
  id = tu_find_request (a, "agree_refund");
  g_assert_nonnull (id);

  /* A refunds; B, acting on what it saw, gets a version conflict and
   * the server's new state. */
  g_assert_true (enqueue_refund (a, id, &error));
  g_assert_true (tu_sync (ea));
  json_object_set_string_member (msg, "text", "您好");
  g_assert_true (shou_store_enqueue_action (b, id, SHOU_ACTION_MESSAGE, msg,
                                            request_version (b, id), &error));
  tu_sync (eb);
  g_assert_cmpint (request_version (b, id), ==, request_version (a, id));

  /* With the conflict showing B chooses again, on the current version, an
   * action the request's new state no longer allows. */
  g_assert_true (enqueue_refund (b, id, &error));
  g_assert_no_error (error);
  tu_sync (eb);
  seen = shou_store_get_request (b, id, &error);
  g_assert_no_error (error);
  conflict = json_object_get_object_member (seen, "conflict");
  g_assert_nonnull (conflict);
  g_test_message ("conflict: %s / %s / %s", json_object_get_string_member (conflict, "code"),
                  json_object_get_string_member (conflict, "message"),
                  json_object_get_string_member_with_default (conflict, "reason", "(none)"));
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "not_allowed");
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "agree_refund");
  g_assert_true (json_object_has_member (conflict, "reason"));
  g_assert_true (shou_reason_from_string (json_object_get_string_member (conflict, "reason"), &reason));
  g_assert_cmpint (reason, !=, SHOU_REASON_NONE);
  g_assert_cmpstr (shou_reason_get_message (reason), !=, "");
}

static void
test_auth_and_insecure (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouApiClient) client = NULL;

  g_assert_true (shou_secrets_store_token (account, f->url, "wrong-token-123", &error));
  engine = tu_engine_new (store);
  g_assert_false (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_AUTH_FAILED);
  g_assert_nonnull (shou_sync_engine_get_error_message (engine));

  g_assert_true (shou_secrets_clear_token (account, &error));
  g_assert_null (shou_secrets_lookup_token (account, &error));
  g_assert_no_error (error);

  client = shou_api_client_new ("http://example.com", "t", &error);
  g_assert_null (client);
  g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_INSECURE);
  g_clear_error (&error);
  client = shou_api_client_new ("https://example.com/api/", "t", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shou_api_client_get_base_url (client), ==, "https://example.com/api");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_push_on_enqueue (SyncFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(ShouStore) store = tu_store_new (f, "a", NULL);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint state_changes = 0;
  gint64 applied;
  guint guard;

  g_signal_connect (engine, "notify::state", G_CALLBACK (on_notify_cb), &state_changes);
  shou_sync_engine_start (engine);
  while (shou_sync_engine_get_last_synced (engine) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state_changes, >=, 2);
  applied = tu_actions_applied (f);

  /* A queued action goes out without anyone asking. */
  id = tu_find_request (store, "agree_refund");
  g_assert_true (enqueue_refund (store, id, &error));
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 1);
  for (guard = 0; guard < 2000 && shou_sync_engine_get_pending_count (engine) > 0; guard++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 0);
  while (shou_sync_engine_is_running (engine))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (tu_actions_applied (f), ==, applied + 1);
  shou_sync_engine_stop (engine);
  g_signal_handlers_disconnect_by_func (engine, on_notify_cb, &state_changes);
}

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 12, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00,
  0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void
test_evidence_and_address (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(ShouStore) store = tu_store_new (f, "a", NULL);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(JsonObject) address = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *local_id = NULL;
  const char *shop_id;
  JsonArray *list;
  gboolean found = FALSE;

  g_assert_true (tu_sync (engine));
  id = tu_find_request (store, "agree_refund");
  sha = shou_store_import_evidence_bytes (store, id, bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);

  shops = shou_store_list_shops (store);
  shop_id = json_object_get_string_member (shops->pdata[0], "key");
  json_object_set_string_member (address, "name", "售后部");
  json_object_set_string_member (address, "phone", "13912345678");
  json_object_set_string_member (address, "province", "浙江省");
  json_object_set_string_member (address, "city", "杭州市");
  json_object_set_string_member (address, "district", "余杭区");
  json_object_set_string_member (address, "street", "仓前街道 1 号");
  json_object_set_string_member (address, "postcode", "311100");
  local_id = shou_store_save_address (store, shop_id, address, &error);
  g_assert_no_error (error);

  g_assert_true (tu_sync_until_clean (engine, 3));

  /* The upload reached the server and the cache knows it. */
  evidence = shou_store_list_evidence (store, id);
  g_assert_cmpuint (evidence->len, >=, 1);
  g_assert_cmpstr (json_object_get_string_member (evidence->pdata[0], "state"), ==, "uploaded");
  path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &server), ==, 200);
  list = json_object_get_array_member (json_object_get_object_member (server, "aftersale"), "evidence");
  for (guint i = 0; i < json_array_get_length (list); i++)
    found |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "id"), sha) == 0;
  g_assert_true (found);

  /* The address now has the server's id. */
  addresses = shou_store_list_addresses (store, shop_id);
  found = FALSE;
  for (guint i = 0; i < addresses->len; i++)
    {
      JsonObject *a = addresses->pdata[i];
      g_assert_cmpstr (json_object_get_string_member (a, "id"), !=, local_id);
      if (g_strcmp0 (json_object_get_string_member (a, "name"), "售后部") == 0)
        found = !json_object_get_boolean_member (a, "pending");
    }
  g_assert_true (found);
}

/* Searching the synced demo data: a Chinese phrase found nowhere finds
 * nothing, in every view; real substrings are found. */
static void
test_search_demo (SyncFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(ShouStore) store = tu_store_new (f, "a", NULL);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  const char *nonsense[] = { "没有这样的订单zzz", "没有这样的订单", "没有", "zzqxv9931" };
  const char *title;

  g_assert_true (tu_sync (engine));
  list = shou_request_list_new (store);
  for (ShouView v = 0; v < SHOU_N_VIEWS; v++)
    {
      shou_request_list_set_view (list, v);
      for (guint i = 0; i < G_N_ELEMENTS (nonsense); i++)
        {
          shou_request_list_set_search (list, nonsense[i]);
          g_test_message ("view %s search '%s': %u", shou_view_to_string (v), nonsense[i],
                          g_list_model_get_n_items (G_LIST_MODEL (list)));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
        }
      shou_request_list_set_search (list, NULL);
    }

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  title = shou_request_item_get_goods_title (item);
  g_assert_true (title != NULL && *title != '\0');
  shou_request_list_set_search (list, title);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ShouRequestItem) hit = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (strstr (shou_request_item_get_goods_title (hit), title));
    }
}

/* Shop keys of @account's shops. */
static GPtrArray *
account_shop_keys (ShouStore  *store,
                   const char *account)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (store);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < shops->len; i++)
    if (g_strcmp0 (json_object_get_string_member (shops->pdata[i], "account_id"), account) == 0)
      g_ptr_array_add (keys, g_strdup (json_object_get_string_member (shops->pdata[i], "key")));
  return keys;
}

static guint
account_count (ShouStore  *store,
               const char *account,
               ShouView    view)
{
  g_autoptr(GPtrArray) keys = account_shop_keys (store, account);
  guint n = 0;

  for (guint i = 0; i < keys->len; i++)
    n += shou_store_count_view (store, view, keys->pdata[i]);
  return n;
}

/* Every aftersale of @server is cached for @account, at its version. */
static void
assert_account_equals_server (SyncFixture *server,
                              ShouStore   *store,
                              const char  *account)
{
  g_autoptr(GHashTable) all = tu_server_aftersales (server);
  GHashTableIter iter;
  gpointer id, value;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      g_autofree char *key = shou_store_request_key (store, account, id);
      g_autoptr(JsonObject) cached = NULL;

      g_assert_nonnull (key);
      cached = shou_store_get_request (store, key, NULL);
      g_assert_nonnull (cached);
      g_assert_cmpint (json_object_get_int_member (cached, "version"), ==,
                       json_object_get_int_member (value, "version"));
      g_assert_cmpstr (json_object_get_string_member (cached, "status"), ==,
                       json_object_get_string_member (value, "status"));
    }
  g_assert_cmpuint (account_count (store, account, SHOU_VIEW_ALL), ==, g_hash_table_size (all));
}

static gint64
server_version (SyncFixture *server,
                const char  *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(JsonObject) reply = NULL;

  g_assert_cmpuint (tu_http (server, "GET", path, server->token, NULL, &reply), ==, 200);
  return json_object_get_int_member (json_object_get_object_member (reply, "aftersale"), "version");
}

/* Issue 17, item 1: two runs of the demo simulator (two servers with the
 * same ids), an account on each, one cache. Both keep their rows; an
 * action goes to its own account's server; removing the first account
 * leaves every row of the second, and a sync after it brings none back
 * nor takes any away. */
static void
test_two_servers_same_ids (SyncFixture   *f,
                           gconstpointer  data)
{
  SyncFixture g = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_id = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) server = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;
  guint n, pending_first, pending_second;
  gint64 v1, v2;

  /* A second simulator, seeded alike: the same ids. */
  g.dir = f->dir;
  g.sim_db = g_build_filename (f->dir, "sim2.db", NULL);
  tu_sim_start (&g);
  g_assert_true (shou_sim_server_add_demo (g.sim, 20261111, &error));
  g_assert_no_error (error);
  tokens = shou_sim_server_dup_tokens (g.sim);
  parts = g_strsplit (tokens[0], " ", 2);
  g.token = g_strdup (parts[1]);
  g.session = soup_session_new_with_options ("timeout", 10, NULL);
  g_assert_cmpstr (g.url, !=, f->url);

  store = tu_store_new (f, "two", &first);
  second = shou_store_add_account (store, g.url, "演示店铺", &error);
  g_assert_no_error (error);
  g_assert_true (shou_secrets_store_token (second, g.url, g.token, &error));
  g_assert_no_error (error);
  engine = tu_engine_new (store);
  g_assert_true (tu_sync_until_clean (engine, 3));

  server = tu_server_aftersales (f);
  n = g_hash_table_size (server);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 2 * n);
  pending_first = account_count (store, first, SHOU_VIEW_PENDING);
  pending_second = account_count (store, second, SHOU_VIEW_PENDING);
  g_assert_cmpuint (pending_second, >, 0);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==,
                    pending_first + pending_second);
  assert_account_equals_server (f, store, first);
  assert_account_equals_server (&g, store, second);

  /* An agreed refund on the second account's copy reaches the second
   * server only. */
  keys = account_shop_keys (store, second);
  g_assert_cmpuint (keys->len, >, 0);
  for (guint s = 0; target == NULL && s < keys->len; s++)
    {
      g_autoptr(ShouRequestList) list = shou_request_list_new (store);

      shou_request_list_set_view (list, SHOU_VIEW_PENDING);
      shou_request_list_set_shop_id (list, keys->pdata[s]);
      for (guint i = 0; target == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autoptr(JsonObject) req = shou_store_get_request (store, shou_request_item_get_id (item), NULL);
          JsonArray *allowed = json_object_get_array_member (req, "allowed_actions");

          g_assert_cmpstr (json_object_get_string_member (req, "account_id"), ==, second);
          for (guint j = 0; allowed && j < json_array_get_length (allowed); j++)
            if (g_str_equal (json_array_get_string_element (allowed, j), "agree_refund"))
              {
                target = g_strdup (shou_request_item_get_id (item));
                target_id = g_strdup (json_object_get_string_member (req, "id"));
              }
        }
    }
  g_assert_nonnull (target);
  v1 = server_version (f, target_id);
  v2 = server_version (&g, target_id);
  g_assert_true (enqueue_refund (store, target, &error));
  g_assert_no_error (error);
  g_assert_true (tu_sync_until_clean (engine, 3));
  g_assert_cmpint (server_version (f, target_id), ==, v1);
  g_assert_cmpint (server_version (&g, target_id), >, v2);
  assert_account_equals_server (&g, store, second);
  pending_second = account_count (store, second, SHOU_VIEW_PENDING);

  /* Removing the first account: the second keeps every request. */
  g_assert_true (shou_store_remove_account (store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, n);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==, pending_second);
  assert_account_equals_server (&g, store, second);
  g_assert_true (tu_sync (engine));
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, n);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==, pending_second);

  g_clear_object (&engine);
  g_clear_object (&g.session);
  tu_sim_stop (&g);
  g_free (g.sim_db);
  g_free (g.url);
  g_free (g.token);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sync/" name, SyncFixture, NULL, tu_setup, fn, tu_teardown)
  ADD ("full-and-incremental", test_full_and_incremental);
  ADD ("offline-restart-once", test_offline_restart_once);
  ADD ("faults-converge", test_faults_converge);
  ADD ("two-clients-conflict", test_two_clients_conflict);
  ADD ("not-allowed-reason", test_not_allowed_reason);
  ADD ("auth-and-insecure", test_auth_and_insecure);
  ADD ("push-on-enqueue", test_push_on_enqueue);
  ADD ("evidence-and-address", test_evidence_and_address);
  ADD ("search-demo", test_search_demo);
  ADD ("two-servers-same-ids", test_two_servers_same_ids);
#undef ADD

  return g_test_run ();
}
