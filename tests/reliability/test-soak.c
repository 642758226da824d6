/* A busy day, compressed: the simulator's buyers move on a timer in the same
 * main loop while the real sync engine keeps syncing a real cache and a
 * scripted seller acts through the outbox (with a few injected faults, so
 * retries happen). At the end the cache equals the server, every seller
 * action was applied exactly once, and memory stayed flat.
 *
 *   test-soak [--events N]   (CI: 2,000 events; the 'soak' suite: 20,000)
 */
#include "config.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "sync/shou-secrets.h"
#include "sync/sync-test-util.h"

static guint target_events = 2000;
static double fault_rate = 0.03;
static gboolean on_demand;

typedef struct
{
  SyncFixture     f;
  ShouStore      *store;
  ShouSyncEngine *engine;
  ShouRequestList *pending;
  char           *account;
  guint64         events_start;
  gint64          applied_start;
  guint           enqueued;
  guint           refused_locally;
  guint           conflicts;
  guint           syncs;
  guint           buyer_moves;
  guint           rounds;
} Soak;

static gint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

/* Bytes in use on the heap (all arenas), apart from what the allocator keeps. */
static gint64
heap_kb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
}

/* SQLite's own memory: mostly page caches, which fill up to their
 * configured size as the databases grow (store 8 MB, simulator 32 MB). */
static gint64
sqlite_kb (void)
{
  sqlite3_int64 current = 0, highest = 0;

  sqlite3_status64 (SQLITE_STATUS_MEMORY_USED, &current, &highest, 0);
  return current / 1024;
}

static guint
open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint64
events_now (Soak *s)
{
  return shou_sim_world_get_events_applied (shou_sim_server_get_world (s->f.sim));
}

static void
buyers_move (Soak  *s,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *what = shou_sim_server_step_buyers (s->f.sim);

      if (what != NULL)
        s->buyer_moves++;
    }
}

static gboolean
on_buyers_tick_cb (gpointer user_data)
{
  Soak *s = user_data;

  /* A buyer moves now and then while a sync is in flight. */
  buyers_move (s, 1);
  return G_SOURCE_CONTINUE;
}

static char *
first_address (ShouStore  *store,
               const char *shop_id)
{
  g_autoptr(GPtrArray) addresses = shou_store_list_addresses (store, shop_id);

  for (guint i = 0; i < addresses->len; i++)
    {
      JsonObject *a = addresses->pdata[i];

      if (!json_object_get_boolean_member_with_default (a, "deleted", FALSE) &&
          !g_str_has_prefix (json_object_get_string_member (a, "id"), "local-"))
        return g_strdup (json_object_get_string_member (a, "id"));
    }
  return NULL;
}

static gboolean
allows (JsonObject *req,
        const char *action)
{
  JsonArray *allowed = json_object_get_array_member (req, "allowed_actions");

  for (guint j = 0; allowed && j < json_array_get_length (allowed); j++)
    if (g_str_equal (json_array_get_string_element (allowed, j), action))
      return TRUE;
  return FALSE;
}

/* A new order arrives and its buyer opens a request on it at once. */
static void
new_request (Soak  *s,
             guint  n)
{
  static const char *const shops[] = { "shop-taobao", "shop-tmall", "shop-pdd", "shop-douyin", "shop-jd" };
  static const char *const types[] = { "return_refund", "refund_only", "return_refund", "exchange" };
  static const char *const reasons[] = { "quality_problem", "size_mismatch", "not_as_described", "damaged_in_transit" };
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"%s\", \"state\": \"completed\"}",
                                           shops[n % G_N_ELEMENTS (shops)]);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) opened = NULL;
  g_autofree char *open = NULL;
  JsonObject *order, *line;

  g_assert_cmpuint (tu_http (&s->f, "POST", "/v1/test/order", NULL, body, &reply), ==, 201);
  order = json_object_get_object_member (reply, "order");
  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  open = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\", \"type\": \"%s\","
                          " \"amount_fen\": %" G_GINT64_FORMAT ", \"reason_code\": \"%s\", \"text\": \"收到的商品有问题\"}",
                          json_object_get_string_member (order, "id"), json_object_get_string_member (line, "id"),
                          types[n / 5 % G_N_ELEMENTS (types)],
                          json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity"),
                          reasons[n / 3 % G_N_ELEMENTS (reasons)]);
  /* 422 is fine: some platforms refuse some types for some orders. */
  tu_http (&s->f, "POST", "/v1/test/buyer", NULL, open, &opened);
}

/* The seller works through the pending list: what a person would do next
 * on the first few requests that have nothing queued. */
static void
seller_acts (Soak  *s,
             guint  max_actions)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (s->pending));
  guint done = 0;

  for (guint k = 0; k < n && k < 12 && done < max_actions; k++)
    {
      /* Not always the top of the list: a person scrolls on. */
      guint i = (k + s->rounds * 5) % n;
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (s->pending), i);
      g_autoptr(JsonObject) req = NULL;
      g_autoptr(JsonObject) params = json_object_new ();
      g_autoptr(GError) error = NULL;
      ShouAction action;
      JsonObject *nego;

      if (item == NULL || shou_request_item_get_pending_actions (item) > 0)
        continue;
      req = shou_store_get_request (s->store, shou_request_item_get_id (item), NULL);
      if (req == NULL || !json_object_get_null_member (req, "conflict"))
        continue;
      nego = json_object_get_object_member (req, "negotiation");

      switch ((s->rounds + i) % 8)
        {
        case 0:
          if (!allows (req, "agree_refund"))
            goto message;
          action = SHOU_ACTION_AGREE_REFUND;
          json_object_set_int_member (params, "amount_fen", json_object_get_int_member (req, "amount_fen"));
          break;
        case 1:
        case 5:
        case 6:
          {
            g_autofree char *address = first_address (s->store, json_object_get_string_member (req, "shop_id"));

            if (!allows (req, "agree_return") || address == NULL)
              goto message;
            action = SHOU_ACTION_AGREE_RETURN;
            json_object_set_string_member (params, "address_id", address);
          }
          break;
        case 2:
        case 7:
          if (!allows (req, "negotiate") || nego == NULL ||
              g_strcmp0 (json_object_get_string_member (nego, "phase"), "none") != 0)
            goto message;
          action = SHOU_ACTION_NEGOTIATE;
          json_object_set_int_member (params, "round", 1);
          json_object_set_string_member (params, "text", "亲，麻烦提供一下商品问题的照片，我们核实后马上为您处理");
          json_object_set_array_member (params, "scripts", json_array_new ());
          break;
        case 3:
          if (!allows (req, "confirm_receipt"))
            goto message;
          action = SHOU_ACTION_CONFIRM_RECEIPT;
          break;
        default:
        message:
          /* Whatever else is not possible now, the seller can write. */
          if (!allows (req, "message"))
            continue;
          action = SHOU_ACTION_MESSAGE;
          json_object_set_string_member (params, "text", "您好，已收到，正在为您处理");
          break;
        }

      if (shou_store_enqueue_action (s->store, shou_request_item_get_id (item), action, params,
                                     json_object_get_int_member (req, "version"), &error))
        {
          s->enqueued++;
          done++;
        }
      else
        s->refused_locally++;
    }
}

/* The seller looks at each conflict and chooses again (here: lets it go). */
static void
resolve_conflicts (Soak *s)
{
  g_autoptr(ShouRequestList) all = shou_request_list_new (s->store);
  guint n;

  shou_request_list_set_view (all, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (all));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (all), i);
      g_autoptr(JsonObject) req = shou_store_get_request (s->store, shou_request_item_get_id (item), NULL);
      g_autoptr(GError) error = NULL;

      if (req != NULL && !json_object_get_null_member (req, "conflict"))
        {
          g_assert_true (shou_store_resolve_conflict (s->store, shou_request_item_get_id (item), &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_busy_day (void)
{
  Soak s = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 rss_start, rss_warm = 0, rss_peak, rss_end;
  gint64 app_warm = 0, app_end, app_peak = 0;
  guint fds_warm = 0, fds_end;
  gint64 applied, replays;
  guint conflicts_seen, done;
  guint64 events = 0;
  guint tick;
  g_autoptr(JsonObject) stats = NULL;

  tu_setup (&s.f, NULL);
  s.store = tu_store_new (&s.f, "app", &s.account);
  s.engine = tu_engine_new (s.store);
  shou_sync_engine_set_page_limit (s.engine, 200);
  s.pending = shou_request_list_new (s.store);
  shou_request_list_set_view (s.pending, SHOU_VIEW_PENDING);
  g_assert_true (tu_sync_until_clean (s.engine, 5));

  s.events_start = events_now (&s);
  s.applied_start = tu_actions_applied (&s.f);
  rss_start = rss_peak = rss_kb ();
  /* Faults that make the client retry (no held timeouts: they only cost
   * wall time); truncated and malformed answers come after the action was
   * applied, so a retry must be answered from the idempotency store. */
  {
    g_autofree char *faults = g_strdup_printf ("{\"rate\": %.3f, \"kinds\": [\"5xx\", \"drop\", \"truncate\","
                                               " \"malformed\", \"latency\"], \"latency_ms\": 20,"
                                               " \"seed\": 20261122}", fault_rate);

    g_assert_cmpuint (tu_http (&s.f, "POST", "/v1/test/faults", NULL, faults, NULL), ==, 200);
  }

  tick = g_timeout_add_full (G_PRIORITY_LOW, 5, on_buyers_tick_cb, &s, NULL);
  for (s.rounds = 0; s.rounds < 100000; s.rounds++)
    {
      events = events_now (&s) - s.events_start;
      if (events >= target_events)
        break;
      g_assert_cmpint (g_get_monotonic_time () - started, <, 40 * 60 * G_TIME_SPAN_SECOND);

      /* New orders keep arriving; time passes and deadlines lapse. */
      for (guint k = 0; k < 2; k++)
        new_request (&s, s.rounds * 2 + k);
      if (s.rounds % 5 == 4)
        shou_sim_server_advance_clock (s.f.sim, 20 * 60 * G_USEC_PER_SEC);

      buyers_move (&s, 30);
      seller_acts (&s, 3);
      tu_sync (s.engine);
      s.syncs++;

      rss_peak = MAX (rss_peak, rss_kb ());
      app_peak = MAX (app_peak, heap_kb () - sqlite_kb ());
      if (rss_warm == 0 && events >= target_events / 5)
        {
          rss_warm = rss_kb ();
          app_warm = heap_kb () - sqlite_kb ();
          fds_warm = open_fds ();
        }
      if (s.rounds % 50 == 0)
        g_test_message ("round %u: %" G_GUINT64_FORMAT " events, %u actions queued, RSS %" G_GINT64_FORMAT
                        " kB, heap %" G_GINT64_FORMAT " kB (SQLite %" G_GINT64_FORMAT " kB), %u open files",
                        s.rounds, events, s.enqueued, rss_kb (), heap_kb (), sqlite_kb (), open_fds ());
    }
  g_source_remove (tick);

  /* Quiet: no faults, no buyers; drain the outbox, surface conflicts. */
  tu_set_faults (&s.f, 0.0, 0);
  for (guint i = 0; i < 20 && shou_sync_engine_get_pending_count (s.engine) > 0; i++)
    tu_sync (s.engine);
  g_assert_cmpuint (shou_sync_engine_get_pending_count (s.engine), ==, 0);
  conflicts_seen = shou_store_count_outbox (s.store, "conflict");
  resolve_conflicts (&s);
  g_assert_true (tu_sync_until_clean (s.engine, 10));
  rss_end = rss_kb ();
  app_end = heap_kb () - sqlite_kb ();
  fds_end = open_fds ();

  /* Every seller action was applied exactly once: what the outbox sent
   * and saw accepted is what the server applied, retries and all. */
  done = shou_store_count_outbox (s.store, "done");
  applied = tu_actions_applied (&s.f) - s.applied_start;
  g_assert_cmpuint (tu_http (&s.f, "GET", "/v1/test/stats", NULL, NULL, &stats), ==, 200);
  replays = json_object_get_int_member (stats, "idempotent_replays");
  g_assert_cmpint (applied, ==, done);
  g_assert_cmpuint (done + conflicts_seen, ==, s.enqueued);
  g_assert_cmpuint (shou_store_count_outbox (s.store, "conflict"), ==, 0);

  /* The cache equals the server, request by request. */
  tu_assert_cache_equals_server (&s.f, s.store);
  {
    g_autofree char *integrity = shou_store_check_integrity (s.store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (integrity, ==, "ok");
  }

  if (rss_warm == 0)
    rss_warm = rss_start;
  g_test_message ("events=%" G_GUINT64_FORMAT " buyer_moves=%u rounds=%u syncs=%u", events, s.buyer_moves,
                  s.rounds, s.syncs);
  g_test_message ("seller actions: queued=%u applied=%" G_GINT64_FORMAT " conflicts=%u refused_locally=%u"
                  " idempotent_replays=%" G_GINT64_FORMAT, s.enqueued, applied, conflicts_seen,
                  s.refused_locally, replays);
  g_test_message ("RSS kB: start=%" G_GINT64_FORMAT " warm=%" G_GINT64_FORMAT " peak=%" G_GINT64_FORMAT
                  " end=%" G_GINT64_FORMAT, rss_start, rss_warm, rss_peak, rss_end);
  g_test_message ("heap outside SQLite kB: warm=%" G_GINT64_FORMAT " peak=%" G_GINT64_FORMAT " end=%" G_GINT64_FORMAT
                  "; SQLite now %" G_GINT64_FORMAT " kB; open files warm=%u end=%u",
                  app_warm, app_peak, app_end, sqlite_kb (), fds_warm, fds_end);
  g_test_message ("duration=%.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (events, >=, target_events);
  g_assert_cmpuint (s.enqueued, >, 0);
  g_assert_cmpint (applied, >, 0);

  /* Flat: no connection or file is left behind, and after warm-up the
   * heap outside SQLite's bounded page caches grows by at most 20% or 4 MB.
   * (Under AddressSanitizer mallinfo does not see the heap: LeakSanitizer
   * checks instead.) */
  g_assert_cmpuint (fds_end, <=, fds_warm + 16);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpint (app_end, <=, MAX (app_warm * 12 / 10, app_warm + 4 * 1024));
#endif

  g_clear_object (&s.pending);
  shou_sync_engine_stop (s.engine);
  g_assert_finalize_object (s.engine);
  g_assert_finalize_object (s.store);
  g_free (s.account);
  tu_teardown (&s.f, NULL);
}

static void
skip_on_demand (void)
{
  g_test_skip ("the long run is on demand: SHOU_SOAK=1 meson test --suite soak");
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--events=") || g_str_has_prefix (argv[i], "--fault-rate=") ||
        g_str_equal (argv[i], "--on-demand"))
      {
        if (g_str_equal (argv[i], "--on-demand"))
          on_demand = TRUE;
        else if (argv[i][2] == 'e')
          target_events = (guint) g_ascii_strtoull (argv[i] + 9, NULL, 10);
        else
          fault_rate = g_ascii_strtod (argv[i] + 13, NULL);
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        i--;
      }
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (on_demand && g_getenv ("SHOU_SOAK") == NULL)
    g_test_add_func ("/reliability/soak/busy-day", skip_on_demand);
  else
    g_test_add_func ("/reliability/soak/busy-day", test_busy_day);
  return g_test_run ();
}
