/* test-sync-autorules: a lone desktop's automatic rule against the real
 * simulator on 127.0.0.1. With a rule that agrees unshipped refund-only
 * requests up to ¥50, 100 new buyer requests give exactly the agreements
 * the rule's own words call for (checked against the server's records,
 * not the store's), each once; the day's count cap stops it at the limit
 * and a larger cap lets the rest through. Where the hub runs the rules,
 * each of its actions reaches the desktop's request timeline through the
 * change feed, with its rule, its time and its undo state. */
#include "config.h"

#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-server.h"
#include "store/shou-store-autorules.h"
#include "sync-test-util.h"

#define N_NEW 100
#define LIMIT_FEN 5000

/* What the rule should take, judged from the server's record. */
static gboolean
eligible (JsonObject *a)
{
  JsonArray *allowed = json_object_get_array_member (a, "allowed_actions");
  gboolean may = FALSE;

  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    may |= g_strcmp0 (json_array_get_string_element (allowed, i), "agree_refund") == 0;
  return may &&
         g_strcmp0 (json_object_get_string_member (a, "type"), "refund_only") == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (a, "order_state", ""), "pending_shipment") == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (a, "good_status", ""), "not_received") == 0 &&
         json_object_get_int_member (a, "amount_fen") <= LIMIT_FEN &&
         g_strcmp0 (json_object_get_string_member (a, "status"), "wait_seller") == 0;
}

static GPtrArray *
eligible_ids (SyncFixture *f)
{
  g_autoptr(GHashTable) all = tu_server_aftersales (f);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id, a;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &id, &a))
    if (eligible (a))
      g_ptr_array_add (ids, g_strdup (id));
  return ids;
}

static const char *
first_shop (SyncFixture *f)
{
  g_autoptr(JsonObject) body = NULL;
  static char shop[128];

  g_assert_cmpuint (tu_http (f, "GET", "/v1/shops", f->token, NULL, &body), ==, 200);
  g_strlcpy (shop, json_object_get_string_member (json_array_get_object_element (
               json_object_get_array_member (body, "shops"), 0), "id"), sizeof shop);
  return shop;
}

/* An unshipped order and a refund-only request on it: the amounts run from
 * ¥1 to ¥100, so about half are within the rule's ¥50. */
static void
new_request (SyncFixture *f,
             const char  *shop,
             guint        i)
{
  g_autofree char *order_body = g_strdup_printf ("{\"shop_id\": \"%s\", \"state\": \"pending_shipment\"}", shop);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) opened = NULL;
  g_autofree char *body = NULL;
  JsonObject *order, *line;
  gint64 paid;

  g_assert_cmpuint (tu_http (f, "POST", "/v1/test/order", NULL, order_body, &reply), ==, 201);
  order = json_object_get_object_member (reply, "order");
  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  paid = MIN (json_object_get_int_member (line, "price_fen"), json_object_get_int_member (order, "paid_fen"));
  body = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\", "
                          "\"type\": \"refund_only\", \"amount_fen\": %" G_GINT64_FORMAT ", "
                          "\"reason_code\": \"not_wanted\", \"text\": \"不想要了\"}",
                          json_object_get_string_member (order, "id"),
                          json_object_get_string_member (line, "id"),
                          CLAMP ((gint64) (i + 1) * 100, 100, MAX (paid, 100)));
  g_assert_cmpuint (tu_http (f, "POST", "/v1/test/buyer", NULL, body, &opened), ==, 200);
}

static guint
count_left (SyncFixture *f,
            GPtrArray   *ids)
{
  g_autoptr(GHashTable) all = tu_server_aftersales (f);
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_hash_table_lookup (all, ids->pdata[i]), "status"),
                   "wait_seller") != 0)
      n++;
  return n;
}

static void
enable (ShouStore    *store,
        const char   *account,
        ShouAutorule *rule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouAutoruleDryRun) run = NULL;

  g_assert_true (shou_store_save_autorule (store, account, rule, &error));
  g_assert_no_error (error);
  run = shou_store_autorule_dry_run (store, account, rule, g_get_real_time ());
  g_assert_true (shou_store_set_autorule_enabled (store, account, rule->id, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_hundred_with_caps (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(ShouAutorule) rule = shou_autorule_new ("小额未发货仅退款", SHOU_AUTORULE_AGREE_REFUND, NULL);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) log = NULL;
  const char *shop = first_shop (f);
  gint64 applied_before;
  guint cap;

  g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_TYPE, "refund_only", 0));
  g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_ORDER_STATE, "unshipped", 0));
  g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, LIMIT_FEN));
  shou_sync_engine_set_autorule_undo_window (engine, 0);
  g_assert_true (tu_sync (engine));

  for (guint i = 0; i < N_NEW; i++)
    new_request (f, shop, i);
  expected = eligible_ids (f);
  g_test_message ("%u requests (new and demo) within the rule", expected->len);
  g_assert_cmpuint (expected->len, >=, N_NEW / 3);

  /* The day's count cap stops it at the limit. */
  cap = expected->len - 7;
  rule->cap_count = cap;
  enable (store, account, rule);
  applied_before = tu_actions_applied (f);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + cap);
  g_assert_cmpuint (count_left (f, expected), ==, cap);
  log = shou_store_list_autorule_log (store, account, NULL, 1000, g_get_real_time ());
  g_assert_cmpuint (log->len, ==, cap);
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpint (((ShouAutoruleLogEntry *) log->pdata[i])->state, ==, SHOU_AUTORULE_LOG_DONE);
  g_clear_pointer (&log, g_ptr_array_unref);

  /* A larger cap (a changed rule: dry run, enable): the rest, and no more. */
  rule->cap_count = 1000;
  enable (store, account, rule);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before + expected->len);
  g_assert_cmpuint (count_left (f, expected), ==, expected->len);
  {
    g_autoptr(GPtrArray) still = eligible_ids (f);

    g_assert_cmpuint (still->len, ==, 0);
  }
  tu_assert_cache_equals_server (f, store);
}

/* Where the hub runs the rules (GET /v1/me "autorules": "hub"), the
 * desktop's own enabled rule does nothing; on a hub that leaves them to
 * the desktop, the next session's sync runs it. */
static void
test_hub_runs_them (SyncFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(ShouAutorule) rule = shou_autorule_new ("小额未发货仅退款", SHOU_AUTORULE_AGREE_REFUND, NULL);
  g_autoptr(GPtrArray) log = NULL;
  ShouHubServer *hub = shou_sim_server_get_hub (f->sim);
  const char *shop = first_shop (f);
  gint64 applied_before;

  g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_TYPE, "refund_only", 0));
  g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_ORDER_STATE, "unshipped", 0));
  rule->cap_count = 1000;
  shou_hub_server_set_autorules (hub, TRUE, 0);
  shou_sync_engine_set_autorule_undo_window (engine, 0);
  for (guint i = 0; i < 5; i++)
    new_request (f, shop, i);
  g_assert_true (tu_sync (engine));
  enable (store, account, rule);
  applied_before = tu_actions_applied (f);
  g_assert_true (tu_sync_until_clean (engine, 5));
  log = shou_store_list_autorule_log (store, account, NULL, 1000, g_get_real_time ());
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpint (tu_actions_applied (f), ==, applied_before);
  g_clear_pointer (&log, g_ptr_array_unref);

  shou_hub_server_set_autorules (hub, FALSE, 0);
  g_clear_object (&engine);
  engine = tu_engine_new (store);
  shou_sync_engine_set_autorule_undo_window (engine, 0);
  g_assert_true (tu_sync_until_clean (engine, 5));
  log = shou_store_list_autorule_log (store, account, NULL, 1000, g_get_real_time ());
  g_assert_cmpuint (log->len, >=, 5);
  g_assert_cmpint (tu_actions_applied (f), >=, applied_before + 5);
}

/* Every row of the hub's log, as the desktop's request timeline shows it
 * after a sync: one entry per action, same rule, time and state. Counts
 * the rows by state: held, undone, done. */
static guint
assert_timeline_matches_hub (SyncFixture *f,
                             ShouStore   *store,
                             const char  *account,
                             guint        counts[3])
{
  g_autoptr(JsonObject) body = NULL;
  JsonArray *log;
  guint n;

  counts[0] = counts[1] = counts[2] = 0;
  g_assert_cmpuint (tu_http (f, "GET", "/v1/autorules/log", f->token, NULL, &body), ==, 200);
  log = json_object_get_array_member (body, "log");
  n = json_array_get_length (log);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (log, i);
      const char *state = json_object_get_string_member (row, "state");
      g_autofree char *key = shou_store_request_key (store, account,
                                                     json_object_get_string_member (row, "aftersale_id"));
      g_autoptr(GPtrArray) shown = NULL;
      ShouAutoruleLogEntry *e;

      g_assert_nonnull (key);
      shown = shou_store_list_autorule_log (store, NULL, key, 10, g_get_real_time ());
      g_assert_cmpuint (shown->len, ==, 1);
      e = shown->pdata[0];
      g_assert_cmpstr (e->rule_name, ==, "未发货仅退款");
      g_assert_cmpint (e->action, ==, SHOU_AUTORULE_AGREE_REFUND);
      g_assert_cmpint (e->at, ==, json_object_get_int_member (row, "queued_at"));
      g_assert_cmpint (e->amount_fen, ==, json_object_get_int_member (row, "amount_fen"));
      if (g_str_equal (state, "held"))
        {
          g_assert_cmpint (e->state, ==, SHOU_AUTORULE_LOG_HELD);
          counts[0]++;
        }
      else if (g_str_equal (state, "undone"))
        {
          g_assert_cmpint (e->state, ==, SHOU_AUTORULE_LOG_CANCELLED);
          counts[1]++;
        }
      else
        {
          g_assert_cmpstr (state, ==, "done");
          g_assert_cmpint (e->state, ==, SHOU_AUTORULE_LOG_DONE);
          counts[2]++;
        }
    }
  return n;
}

/* The hub runs a rule: its held actions, one undone inside the window and
 * the rest sent after it, show on the desktop as the hub's log has them. */
static void
test_hub_actions_in_timeline (SyncFixture   *f,
                              gconstpointer  data)
{
  static const char rule[] =
    "{\"id\": \"rule-hub-unshipped\", \"name\": \"未发货仅退款\", \"enabled\": %s,"
    " \"conds\": [{\"kind\": \"type\", \"text\": \"refund_only\"},"
    " {\"kind\": \"order_state\", \"text\": \"unshipped\"}, {\"kind\": \"amount_max\", \"number\": 5000}],"
    " \"action\": \"agree_refund\", \"arg\": null, \"exclude_tags\": [],"
    " \"cap_count\": 1000, \"cap_amount_fen\": 100000000}";
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autofree char *off = g_strdup_printf (rule, "false");
  g_autofree char *on = g_strdup_printf (rule, "true");
  g_autofree char *put_off = g_strdup_printf ("{\"autorules\": [%s]}", off);
  g_autofree char *put_on = g_strdup_printf ("{\"autorules\": [%s]}", on);
  g_autofree char *dry = g_strdup_printf ("{\"rule\": %s}", off);
  g_autofree char *undo = NULL;
  g_autoptr(JsonObject) body = NULL;
  ShouHubServer *hub = shou_sim_server_get_hub (f->sim);
  ShouHubContext *ctx = shou_hub_server_get_context (hub);
  g_autoptr(GPtrArray) local = NULL;
  const char *shop = first_shop (f);
  guint counts[3];
  guint n;

  shou_hub_server_set_autorules (hub, TRUE, SHOU_HUB_AUTORULE_UNDO_WINDOW);
  for (guint i = 0; i < 6; i++)
    new_request (f, shop, i);
  g_assert_true (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_autorules_runner (engine, account), ==, SHOU_AUTORULES_RUNNER_HUB);
  g_assert_cmpuint (tu_http (f, "PUT", "/v1/autorules", f->token, put_off, NULL), ==, 200);
  g_assert_cmpuint (tu_http (f, "POST", "/v1/autorules/dry-run", f->token, dry, NULL), ==, 200);
  g_assert_cmpuint (tu_http (f, "PUT", "/v1/autorules", f->token, put_on, NULL), ==, 200);

  /* The hub holds its actions for the undo window: the desktop shows them
   * held, and has queued nothing of its own. */
  shou_hub_autorules_run (ctx, SHOU_HUB_AUTORULE_UNDO_WINDOW);
  g_assert_true (tu_sync (engine));
  n = assert_timeline_matches_hub (f, store, account, counts);
  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (counts[0], ==, n);
  /* The rules log of this desktop's own runner stays empty. */
  local = shou_store_list_autorule_log (store, account, NULL, 1000, g_get_real_time ());
  g_assert_cmpuint (local->len, ==, 0);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);

  /* One is undone inside the window; after it the others go. */
  g_assert_cmpuint (tu_http (f, "GET", "/v1/autorules/log", f->token, NULL, &body), ==, 200);
  undo = g_strdup_printf ("{\"key\": \"%s\"}", json_object_get_string_member (
                            json_array_get_object_element (json_object_get_array_member (body, "log"), 0), "key"));
  g_assert_cmpuint (tu_http (f, "POST", "/v1/autorules/log/undo", f->token, undo, NULL), ==, 200);
  shou_sim_server_advance_clock (f->sim, 3 * 60 * G_USEC_PER_SEC);
  shou_hub_autorules_run (ctx, SHOU_HUB_AUTORULE_UNDO_WINDOW);
  g_assert_true (tu_sync_until_clean (engine, 5));
  g_assert_cmpuint (assert_timeline_matches_hub (f, store, account, counts), ==, n);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[2], ==, n - 1);
  tu_assert_cache_equals_server (f, store);
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);

  g_test_add ("/sync-autorules/hundred-with-caps", SyncFixture, NULL, tu_setup, test_hundred_with_caps,
              tu_teardown);
  g_test_add ("/sync-autorules/hub-runs-them", SyncFixture, NULL, tu_setup, test_hub_runs_them, tu_teardown);
  g_test_add ("/sync-autorules/hub-actions-in-timeline", SyncFixture, NULL, tu_setup,
              test_hub_actions_in_timeline, tu_teardown);

  return g_test_run ();
}
