/* test-sync-batch: a batch of 200 agree-refunds, one outbox entry each,
 * sent by the real sync engine to the real simulator on 127.0.0.1 while
 * 20 % of its answers are faults (5xx, timeouts, dropped, truncated and
 * malformed bodies): every request is acted on exactly once, and the
 * batch's report (all done) matches the server. Then a batch in which the
 * server refuses some requests: the report says which and why. And how
 * many agreements the desktop has in flight at once. */
#include "config.h"

#include "store/shou-batch.h"
#include "store/shou-request-filter.h"
#include "store/shou-store-annotations.h"
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

typedef struct
{
  ShouStore *store;
  guint      max_sending;
} InFlight;

static void
on_outbox_changed_cb (ShouStore *store,
                      InFlight  *seen)
{
  seen->max_sending = MAX (seen->max_sending, shou_store_count_outbox (store, "sending"));
}

/* A batch of agreements, sent with @in_flight of them on their way at
 * once: the most entries seen 'sending' while the answers are taken. */
static guint
send_batch (SyncFixture *f,
            guint        in_flight,
            guint        n)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  InFlight seen = { 0 };
  gint64 applied_before;
  gulong handler;

  store = tu_store_new (f, in_flight > 1 ? "many" : "one", &account);
  engine = tu_engine_new (store);
  if (in_flight > 0)
    shou_sync_engine_set_in_flight (engine, in_flight);
  g_assert_true (tu_sync_until_clean (engine, 5));
  keys = allowed_keys (store, n);
  g_assert_cmpuint (keys->len, ==, n);
  items = shou_store_batch_prepare (store, keys, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (shou_store_batch_enqueue (store, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, n);
  applied_before = tu_actions_applied (f);

  seen.store = store;
  handler = g_signal_connect (store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), &seen);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_signal_handler_disconnect (store, handler);

  /* Every one done, in the outbox's order of answers, and acted on once. */
  g_assert_true (shou_store_batch_refresh (store, items));
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, n);
  g_assert_cmpuint (shou_store_count_outbox (store, "sending"), ==, 0);
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + n);
  tu_assert_cache_equals_server (f, store);
  return seen.max_sending;
}

/* The desktop bounds how many agreements it has in flight (issue 23), so
 * that a hub can group those that reach it into the platform's batch calls
 * (hub-taobao-gather): by default 16 at once, one when set so. */
static void
test_batch_in_flight (SyncFixture   *f,
                      gconstpointer  data)
{
  use_scale_merchant (f);
  /* While the first answer is taken, the next 15 are on their way. */
  g_assert_cmpuint (send_batch (f, 0, 40), ==, 16 - 1);
  /* One at a time: none is on its way while an answer is taken. */
  g_assert_cmpuint (send_batch (f, 1, 20), ==, 0);
}

/* The request list's keys under the filter "tag:@tag" (all views). */
static guint
count_tagged (ShouStore  *store,
              const char *tag)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_new ();

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  g_assert_true (shou_request_filter_set (filter, SHOU_FILTER_TAG, tag));
  shou_request_list_set_filter (list, filter);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static JsonObject *
server_annotation (SyncFixture *f,
                   const char  *aftersale_id)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *cursor = NULL;
  JsonObject *found = NULL;

  /* The feed is the only way to read an annotation back: walk it. */
  for (guint page = 0; page < 200; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=500%s%s", cursor ? "&cursor=" : "",
                                               cursor ? cursor : "");
      JsonArray *changes;

      g_clear_pointer (&body, json_object_unref);
      g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &body), ==, 200);
      changes = json_object_get_array_member (body, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (g_strcmp0 (json_object_get_string_member (change, "kind"), "annotation") == 0 &&
              g_strcmp0 (json_object_get_string_member (change, "id"), aftersale_id) == 0)
            {
              g_clear_pointer (&found, json_object_unref);
              found = json_object_ref (json_object_get_object_member (change, "data"));
            }
        }
      if (!json_object_get_boolean_member_with_default (body, "has_more", FALSE))
        break;
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (body, "next_cursor"));
    }
  return found;
}

static gboolean
has_tag (JsonObject *annotation,
         const char *tag)
{
  return annotation != NULL && shou_annotation_has_tag (annotation, tag);
}

/* Tags and notes made offline on desktop A: shown at once (pane and tag
 * filter), one outbox entry per step, sent when the server is back; the
 * server holds them once, desktop B gets them from the feed; a removal
 * goes the same way; the 21st tag is refused and shown as the conflict. */
static void
test_annotations (SyncFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(ShouStore) a = NULL;
  g_autoptr(ShouStore) b = NULL;
  g_autoptr(ShouSyncEngine) ea = NULL;
  g_autoptr(ShouSyncEngine) eb = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) on_server = NULL;
  g_autoptr(JsonObject) on_b = NULL;
  g_autoptr(GError) error = NULL;
  const char *note = "<b>先核实</b>\n第二行";
  const char *id0;
  guint before;

  a = tu_store_new (f, "a", NULL);
  b = tu_store_new (f, "b", NULL);
  ea = tu_engine_new (a);
  eb = tu_engine_new (b);
  g_assert_true (tu_sync (ea));
  g_assert_true (tu_sync (eb));
  keys = allowed_keys (a, 3);
  g_assert_cmpuint (keys->len, ==, 3);
  g_ptr_array_add (keys, NULL);
  before = shou_store_count_outbox (a, "queued");

  /* Offline: the server is down. */
  tu_sim_stop (f);
  g_assert_true (shou_store_annotate (a, keys->pdata[0], SHOU_ANNOTATION_ADD_TAG, "加急", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_annotate_many (a, (const char *const *) keys->pdata, SHOU_ANNOTATION_ADD_TAG,
                                              "待核实", &error), ==, 3);
  g_assert_true (shou_store_annotate (a, keys->pdata[0], SHOU_ANNOTATION_ADD_NOTE, note, &error));
  /* A tag that is there already queues nothing; a bad one is refused. */
  g_assert_true (shou_store_annotate (a, keys->pdata[0], SHOU_ANNOTATION_ADD_TAG, "加急", &error));
  g_assert_false (shou_store_annotate (a, keys->pdata[0], SHOU_ANNOTATION_ADD_TAG, " 空格", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (shou_store_count_outbox (a, "queued"), ==, before + 5);

  shown = shou_store_get_annotation (a, keys->pdata[0]);
  g_assert_true (has_tag (shown, "加急") && has_tag (shown, "待核实"));
  g_assert_cmpint (json_object_get_int_member (shown, "pending"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (shown, "notes"), 0), "text"), ==, note);
  g_assert_cmpuint (count_tagged (a, "待核实"), ==, 3);
  g_assert_cmpuint (count_tagged (a, "加急"), ==, 1);
  g_assert_cmpuint (count_tagged (b, "待核实"), ==, 0);
  g_assert_false (tu_sync (ea));

  /* Back online: sent once each, with their keys. */
  tu_sim_start (f);
  g_assert_true (tu_sync_until_clean (ea, 5));
  g_assert_cmpuint (shou_store_count_outbox (a, "queued"), ==, 0);
  g_clear_pointer (&shown, json_object_unref);
  shown = shou_store_get_annotation (a, keys->pdata[0]);
  g_assert_cmpint (json_object_get_int_member (shown, "pending"), ==, 0);
  {
    g_autoptr(JsonObject) cached = shou_store_get_request (a, keys->pdata[0], NULL);

    id0 = g_intern_string (json_object_get_string_member (cached, "id"));
  }
  on_server = server_annotation (f, id0);
  g_assert_nonnull (on_server);
  g_assert_true (has_tag (on_server, "加急") && has_tag (on_server, "待核实"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (on_server, "notes")), ==, 1);
  /* Three steps on this request, each applied once. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (on_server, "log")), ==, 3);

  /* The other desktop: from the feed, with the filter. */
  g_assert_true (tu_sync_until_clean (eb, 5));
  on_b = shou_store_get_annotation (b, keys->pdata[0]);
  g_assert_true (has_tag (on_b, "加急"));
  g_assert_cmpuint (count_tagged (b, "待核实"), ==, 3);

  /* B removes a tag: A sees it go, and its filter follows. */
  g_assert_true (shou_store_annotate (b, keys->pdata[1], SHOU_ANNOTATION_REMOVE_TAG, "待核实", &error));
  g_assert_true (tu_sync_until_clean (eb, 5));
  g_assert_true (tu_sync_until_clean (ea, 5));
  g_assert_cmpuint (count_tagged (a, "待核实"), ==, 2);

  /* Over the limit: the server's 422 is the annotation's conflict, and
   * the refused tag is no longer shown. */
  for (guint i = 0; i < 18; i++)
    {
      g_autofree char *tag = g_strdup_printf ("t%u", i);

      g_assert_true (shou_store_annotate (a, keys->pdata[0], SHOU_ANNOTATION_ADD_TAG, tag, &error));
    }
  g_assert_true (shou_store_annotate (b, keys->pdata[0], SHOU_ANNOTATION_ADD_TAG, "来自B", &error));
  g_assert_true (tu_sync_until_clean (eb, 5));
  /* A thinks it has 20 tags; the server has 21 once A's 18 arrive: the last is refused. */
  tu_sync (ea);
  tu_sync (ea);
  g_clear_pointer (&shown, json_object_unref);
  shown = shou_store_get_annotation (a, keys->pdata[0]);
  g_assert_true (json_object_has_member (shown, "conflict"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (shown, "conflict"), "reason"), ==,
                   "too_many_tags");
  g_assert_false (has_tag (shown, "t17"));
  g_assert_true (has_tag (shown, "来自B"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "tags")), ==, 20);
  g_assert_true (shou_store_dismiss_annotation_conflict (a, keys->pdata[0], &error));
  g_clear_pointer (&shown, json_object_unref);
  shown = shou_store_get_annotation (a, keys->pdata[0]);
  g_assert_false (json_object_has_member (shown, "conflict"));
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);

  g_test_add ("/sync-batch/200-with-faults", SyncFixture, NULL, tu_setup, test_batch_faults, tu_teardown);
  g_test_add ("/sync-batch/in-flight", SyncFixture, NULL, tu_setup, test_batch_in_flight, tu_teardown);
  g_test_add ("/sync-batch/annotations", SyncFixture, NULL, tu_setup, test_annotations, tu_teardown);
  g_test_add ("/sync-batch/server-refuses", SyncFixture, NULL, tu_setup, test_batch_server_refuses, tu_teardown);

  return g_test_run ();
}
