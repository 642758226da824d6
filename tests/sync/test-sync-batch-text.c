/* test-sync-batch-text: the selection bar's two text batches, queued in a
 * real SQLite cache and sent by the real sync engine to the real simulator
 * on 127.0.0.1. 用常用语回复: requests that do not allow a message (finished
 * ones) are left out with their reason, a phrase kept for one shop leaves
 * the other shops out; the rest become one outbox entry each, with its own
 * idempotency key, queued while the server is down and sent once it is
 * back, each applied once. 发起协商（第一轮）: only requests whose platform
 * has the negotiation tool before a rejection and no round yet take part,
 * the others are left out with their reason; one entry per request; the
 * server has round 1 on each afterwards, and the same batch again finds
 * none that can take part. */
#include "config.h"

#include <sqlite3.h>

#include "store/shou-batch.h"
#include "sync-test-util.h"

#define PHRASE "亲，您的售后申请我们已经收到，正在为您加急处理，请耐心等待。"
#define SCRIPT "您好，麻烦您详细说明一下遇到的具体情况，我们会第一时间为您处理。"

/* Every request of the cache, in the 全部 view's order. */
static GPtrArray *
all_keys (ShouStore *store)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  return shou_request_list_selected_keys (list, TRUE, none);
}

/* Whether the cached request @key lists @action in its allowed_actions. */
static gboolean
allows (ShouStore  *store,
        const char *key,
        const char *action)
{
  g_autoptr(JsonObject) request = shou_store_get_request (store, key, NULL);
  JsonArray *allowed;

  g_assert_nonnull (request);
  allowed = json_object_get_array_member (request, "allowed_actions");
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), action) == 0)
      return TRUE;
  return FALSE;
}

/* The outbox entries of @items' QUEUED ones, read from the cache file
 * itself: one each, for its request, with @action and @text, and no two
 * with the same idempotency key. */
static void
assert_one_entry_each (SyncFixture *f,
                       GPtrArray   *items,
                       const char  *action,
                       const char  *text)
{
  g_autofree char *path = g_build_filename (f->dir, "a", "shouhou.db", NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint queued = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT o.action, o.idempotency_key, json_extract(o.params, '$.text'), "
                                       "r.key, o.state, json_extract(o.params, '$.round') FROM outbox o "
                                       "JOIN requests r ON r.account_id = o.account_id AND r.id = o.request_id "
                                       "WHERE o.id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      if (item->state != SHOU_BATCH_QUEUED)
        {
          g_assert_cmpint (item->entry_id, ==, 0);
          continue;
        }
      queued++;
      sqlite3_bind_int64 (stmt, 1, item->entry_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, action);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, text);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, item->request_id);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "queued");
      if (g_str_equal (action, "negotiate"))
        g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, 1);
      g_assert_true (g_hash_table_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 1))));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  /* Nothing else of this action waits: one entry per request. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM outbox WHERE action = ?1 AND state = 'queued'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, queued);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (g_hash_table_size (keys), ==, queued);
}

/* Sends until the batch is over (bounded) and checks every one is done. */
static void
send_all (ShouSyncEngine *engine,
          ShouStore      *store,
          GPtrArray      *items,
          guint           expected)
{
  guint runs = 0;

  while (runs++ < 30 && !shou_store_batch_refresh (store, items))
    tu_sync (engine);
  g_assert_true (shou_store_batch_refresh (store, items));
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, expected);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_FAILED), ==, 0);
}

static void
test_batch_reply (SyncFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  ShouBatchItem *first;
  gint64 applied;
  guint ready, excluded, other_shops = 0;

  store = tu_store_new (f, "a", NULL);
  engine = tu_engine_new (store);
  g_assert_true (tu_sync_until_clean (engine, 5));
  keys = all_keys (store);
  g_assert_cmpuint (keys->len, >, 20);

  items = shou_store_batch_prepare (store, keys, SHOU_ACTION_MESSAGE, NULL);
  ready = shou_batch_count (items, SHOU_BATCH_READY);
  excluded = shou_batch_count (items, SHOU_BATCH_EXCLUDED);
  g_test_message ("%u requests: %u may get a message, %u not", keys->len, ready, excluded);
  g_assert_cmpuint (ready, >, 0);
  g_assert_cmpuint (excluded, >, 0);
  g_assert_cmpuint (ready + excluded, ==, keys->len);
  /* Left out exactly those whose allowed_actions have no message, each
   * with a reason to show. */
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      g_assert_cmpint (item->state == SHOU_BATCH_READY, ==, allows (store, item->request_id, "message"));
      g_assert_true ((item->state == SHOU_BATCH_EXCLUDED) == (item->reason != NULL && *item->reason != '\0'));
    }

  /* A phrase kept for the first request's shop: the others' stay out. */
  first = shou_batch_first_ready (items);
  {
    g_autoptr(GPtrArray) shop_items = shou_store_batch_prepare (store, keys, SHOU_ACTION_MESSAGE, NULL);

    for (guint i = 0; i < shop_items->len; i++)
      other_shops += ((ShouBatchItem *) shop_items->pdata[i])->state == SHOU_BATCH_READY &&
                     g_strcmp0 (((ShouBatchItem *) shop_items->pdata[i])->shop_id, first->shop_id) != 0;
    g_assert_cmpuint (shou_batch_exclude_other_shops (shop_items, first->shop_id, "other shop"), ==, other_shops);
    g_assert_cmpuint (shou_batch_count (shop_items, SHOU_BATCH_READY), ==, ready - other_shops);
    g_assert_cmpuint (shou_batch_exclude_other_shops (shop_items, "", "x"), ==, 0);
  }

  /* Offline: queued all the same, one entry and key per request. */
  tu_sim_stop (f);
  json_object_set_string_member (params, "text", PHRASE);
  g_assert_cmpuint (shou_store_batch_enqueue (store, items, SHOU_ACTION_MESSAGE, params), ==, ready);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_QUEUED), ==, ready);
  assert_one_entry_each (f, items, "message", PHRASE);
  g_assert_false (shou_store_batch_refresh (store, items));
  g_assert_false (tu_sync (engine));

  /* Back: each sent and applied once. */
  tu_sim_start (f);
  applied = tu_actions_applied (f);
  send_all (engine, store, items, ready);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpint (tu_actions_applied (f), ==, applied + ready);
  tu_assert_cache_equals_server (f, store);
}

static void
test_batch_round1 (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  JsonArray *scripts = json_array_new ();
  const char *no_tool = "Its platform has no negotiation tool before a rejection";
  g_autofree char *platform = NULL;
  guint ready, no_tool_n = 0;
  gint64 applied;

  store = tu_store_new (f, "a", NULL);
  engine = tu_engine_new (store);
  g_assert_true (tu_sync_until_clean (engine, 5));
  keys = all_keys (store);

  /* The platform: that of the first request that can take part. */
  any = shou_store_batch_prepare_round1 (store, keys, NULL);
  g_assert_nonnull (shou_batch_first_ready (any));
  platform = g_strdup (shou_batch_first_ready (any)->platform);
  g_assert_cmpstr (platform, ==, "pdd");

  items = shou_store_batch_prepare_round1 (store, keys, platform);
  ready = shou_batch_count (items, SHOU_BATCH_READY);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_autoptr(JsonObject) request = shou_store_get_request (store, item->request_id, NULL);
      JsonObject *nego = json_object_get_object_member (request, "negotiation");

      if (item->state == SHOU_BATCH_READY)
        {
          /* Its platform's, allowed to negotiate, no round yet. */
          g_assert_cmpstr (item->platform, ==, "pdd");
          g_assert_true (allows (store, item->request_id, "negotiate"));
          g_assert_true (nego == NULL || g_strcmp0 (json_object_get_string_member_with_default (nego, "phase", "none"),
                                                    "none") == 0);
        }
      else
        {
          g_assert_cmpint (item->state, ==, SHOU_BATCH_EXCLUDED);
          g_assert_nonnull (item->reason);
          if (g_strcmp0 (item->platform, "pdd") != 0)
            {
              g_assert_cmpstr (item->reason, ==, no_tool);
              no_tool_n++;
            }
        }
    }
  g_test_message ("%u requests: %u take part in round 1, %u on platforms without the tool",
                  keys->len, ready, no_tool_n);
  g_assert_cmpuint (ready, >, 0);
  g_assert_cmpuint (no_tool_n, >, 0);

  json_object_set_int_member (params, "round", 1);
  json_object_set_string_member (params, "text", SCRIPT);
  json_array_add_string_element (scripts, "pdd-apology-ask-details");
  json_object_set_array_member (params, "scripts", scripts);
  tu_sim_stop (f);
  g_assert_cmpuint (shou_store_batch_enqueue (store, items, SHOU_ACTION_NEGOTIATE, params), ==, ready);
  assert_one_entry_each (f, items, "negotiate", SCRIPT);
  tu_sim_start (f);
  applied = tu_actions_applied (f);
  send_all (engine, store, items, ready);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpint (tu_actions_applied (f), ==, applied + ready);

  /* On the server each has round 1 now: the same batch finds none. */
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_autoptr(JsonObject) cached = NULL;
      g_autoptr(JsonObject) body = NULL;
      g_autofree char *path = NULL;
      JsonObject *nego;

      if (item->state != SHOU_BATCH_DONE)
        continue;
      cached = shou_store_get_request (store, item->request_id, NULL);
      path = g_strdup_printf ("/v1/aftersales/%s", json_object_get_string_member (cached, "id"));
      g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &body), ==, 200);
      nego = json_object_get_object_member (json_object_get_object_member (body, "aftersale"), "negotiation");
      g_assert_nonnull (nego);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nego, "rounds")), ==, 1);
    }
  again = shou_store_batch_prepare_round1 (store, keys, platform);
  g_assert_cmpuint (shou_batch_count (again, SHOU_BATCH_READY), ==, 0);
  tu_assert_cache_equals_server (f, store);
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);

  g_test_add ("/sync-batch-text/reply", SyncFixture, NULL, tu_setup, test_batch_reply, tu_teardown);
  g_test_add ("/sync-batch-text/round1", SyncFixture, NULL, tu_setup, test_batch_round1, tu_teardown);

  return g_test_run ();
}
