/* test-sync-batch: a batch of 200 agree-refunds, one outbox entry each,
 * sent by the real sync engine to the real simulator on 127.0.0.1 while
 * 20 % of its answers are faults (5xx, timeouts, dropped, truncated and
 * malformed bodies): every request is acted on exactly once, and the
 * batch's report (all done) matches the server. Then a batch in which the
 * server refuses some requests: the report says which and why. */
#include "config.h"

#include "store/shou-batch.h"
#include "sync/shou-api-errors.h"
#include "sync/shou-secrets.h"
#include "sync-test-util.h"

#define BATCH 200
#define SCALE 1600

/* Requests of @store allowing @action, in the pending view's order, at
 * most @max: the keys a Ctrl+A over the view would give. */
static GPtrArray *
allowed_keys (ShouStore *store,
              guint      max)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GPtrArray *allowed;

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  keys = shou_request_list_selected_keys (list, TRUE, none);
  items = shou_store_batch_prepare (store, keys, SHOU_ACTION_AGREE_REFUND, NULL);
  allowed = shou_batch_request_ids (items, SHOU_BATCH_READY);
  if (allowed->len > max)
    g_ptr_array_set_size (allowed, max);
  return allowed;
}

/* The merchant of the simulator's generated requests ("scale"). */
static void
use_scale_merchant (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_sim_server_add_scale (f->sim, SCALE, 7, &error));
  g_assert_no_error (error);
  g_free (f->token);
  f->token = shou_sim_server_dup_token (f->sim, "scale");
  g_assert_nonnull (f->token);
}

static const char *
server_status (SyncFixture *f,
               const char  *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(JsonObject) body = NULL;
  static char status[64];

  g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &body), ==, 200);
  g_strlcpy (status, json_object_get_string_member (json_object_get_object_member (body, "aftersale"), "status"),
             sizeof status);
  return status;
}

static void
test_batch_server_refuses (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(ShouStore) a = NULL;
  g_autoptr(ShouStore) b = NULL;
  g_autoptr(ShouSyncEngine) ea = NULL;
  g_autoptr(ShouSyncEngine) eb = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) other = NULL;
  guint runs = 0;

  a = tu_store_new (f, "a", NULL);
  b = tu_store_new (f, "b", NULL);
  ea = tu_engine_new (a);
  eb = tu_engine_new (b);
  g_assert_true (tu_sync (ea));
  g_assert_true (tu_sync (eb));

  keys = allowed_keys (a, 6);
  g_assert_cmpuint (keys->len, >=, 3);
  items = shou_store_batch_prepare (a, keys, SHOU_ACTION_AGREE_REFUND, NULL);

  /* Another desktop agrees to the first two before this batch goes. */
  first = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (first, g_strdup (keys->pdata[0]));
  g_ptr_array_add (first, g_strdup (keys->pdata[1]));
  other = shou_store_batch_prepare (b, first, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (shou_store_batch_enqueue (b, other, SHOU_ACTION_AGREE_REFUND, NULL), ==, 2);
  g_assert_true (tu_sync_until_clean (eb, 5));

  g_assert_cmpuint (shou_store_batch_enqueue (a, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, keys->len);
  while (runs++ < 20 && !shou_store_batch_refresh (a, items))
    tu_sync (ea);
  g_assert_true (shou_store_batch_refresh (a, items));

  /* The two were refused (their version changed), with a reason in the
   * UI's words; the rest went through. */
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_FAILED), ==, 2);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, keys->len - 2);
  for (guint i = 0; i < 2; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      g_assert_cmpint (item->state, ==, SHOU_BATCH_FAILED);
      g_assert_nonnull (item->reason);
      g_assert_cmpstr (item->reason, !=, "");
    }

  /* Retry: checked again against the server's state, now refunded, they
   * cannot take part; nothing is sent twice. */
  {
    g_autoptr(GPtrArray) failed = shou_batch_request_ids (items, SHOU_BATCH_FAILED);
    g_autoptr(GPtrArray) again = shou_store_batch_prepare (a, failed, SHOU_ACTION_AGREE_REFUND, NULL);

    g_assert_cmpuint (shou_batch_count (again, SHOU_BATCH_EXCLUDED), ==, 2);
    g_assert_cmpuint (shou_store_batch_enqueue (a, again, SHOU_ACTION_AGREE_REFUND, NULL), ==, 0);
  }
}

static void
test_batch_faults (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) server = NULL;
  gint64 applied_before;
  guint runs = 0;

  use_scale_merchant (f);
  store = tu_store_new (f, "a", &account);
  engine = tu_engine_new (store);
  shou_sync_engine_set_request_timeout (engine, 1);
  shou_sync_engine_set_backoff (engine, 1, 20);
  g_assert_true (tu_sync_until_clean (engine, 5));

  keys = allowed_keys (store, BATCH);
  g_assert_cmpuint (keys->len, ==, BATCH);
  items = shou_store_batch_prepare (store, keys, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (shou_store_batch_enqueue (store, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, BATCH);
  applied_before = tu_actions_applied (f);

  tu_set_faults (f, 0.2, 2026);
  /* Bounded: each run sends what is due; failed entries wait their own
   * (short) backoff and go again with the same idempotency key. */
  while (runs++ < 400 && !shou_store_batch_refresh (store, items))
    {
      tu_sync (engine);
      g_usleep (5000);
    }
  tu_set_faults (f, 0, 0);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_true (shou_store_batch_refresh (store, items));
  g_test_message ("%u sync runs for %u actions under 20 %% faults", runs, BATCH);

  /* The report: every one done, none failed. */
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, BATCH);
  g_assert_cmpuint (shou_store_count_outbox (store, "conflict"), ==, 0);
  /* The server applied exactly one action per request (retries replayed
   * under their keys), and each request left "waiting for the seller". */
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + BATCH);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_autoptr(JsonObject) cached = shou_store_get_request (store, item->request_id, NULL);

      g_assert_cmpstr (server_status (f, json_object_get_string_member (cached, "id")), !=, "wait_seller");
    }
  tu_assert_cache_equals_server (f, store);
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);

  g_test_add ("/sync-batch/200-with-faults", SyncFixture, NULL, tu_setup, test_batch_faults, tu_teardown);
  g_test_add ("/sync-batch/server-refuses", SyncFixture, NULL, tu_setup, test_batch_server_refuses, tu_teardown);

  return g_test_run ();
}
