/* test-sync-crash: a client process killed (SIGKILL) at random points of
 * pulls and pushes, many times over, never corrupts its cache, never loses
 * a queued action and never has one applied twice at the server. */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "store/shou-store-care.h"
#include "store/shou-store-reviews.h"
#include "sync-test-util.h"

/* Rounds go on until MIN_KILLS kills have landed mid-run, at most
 * MAX_ROUNDS of them: on a loaded machine some workers finish before
 * their kill, and those rounds do not count. */
#define MIN_KILLS 50
#define MAX_ROUNDS 150
#define MIN_KILL_MS 5

typedef struct
{
  gboolean done;
  gboolean timed_out;
} Wait;

static void
on_exited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  w->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Wait *w = user_data;

  w->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the worker; kills it after @kill_ms (0 = let it finish). Returns
 * TRUE if it was killed before it finished; otherwise *out_ms is how long
 * it ran. */
static gboolean
run_worker (const char *db,
            const char *token,
            gboolean    resync,
            guint       kill_ms,
            guint      *out_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  Wait w = { 0 };
  guint timer;
  gboolean killed = FALSE;
  gint64 start = g_get_monotonic_time ();

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, SYNC_WORKER, db, token,
                           resync ? "resync" : "keep", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, on_exited_cb, &w);
  timer = g_timeout_add (kill_ms ? kill_ms : 30000, on_timeout_cb, &w);
  /* The simulator lives in this process: keep serving while we wait. */
  while (!w.done && !w.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!w.timed_out)
    g_source_remove (timer);
  if (!w.done)
    {
      g_assert_cmpuint (kill_ms, !=, 0);
      g_subprocess_send_signal (proc, SIGKILL);
      killed = TRUE;
      while (!w.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (kill_ms == 0)
    {
      g_assert_true (g_subprocess_get_if_exited (proc));
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
    }
  if (!killed && out_ms != NULL)
    *out_ms = (g_get_monotonic_time () - start) / 1000;
  return killed;
}

static guint
count_all_outbox (ShouStore *store)
{
  return shou_store_count_outbox (store, "queued") + shou_store_count_outbox (store, "sending") +
         shou_store_count_outbox (store, "done") + shou_store_count_outbox (store, "conflict");
}

static void
test_kill_anywhere (SyncFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "client", "shouhou.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(ShouStore) store = tu_store_new (f, "client", NULL);
  g_autoptr(ShouSyncEngine) engine = NULL;
  gint64 applied_before;
  guint enqueued = 0, kills = 0, round;
  /* How long an unkilled worker last took: [0] a full pull (the first
   * sync or a resync), [1] an incremental one. Kills are drawn within
   * that, so they land while the worker works whatever the machine's
   * load. */
  guint run_ms[2] = { 0, 0 };
  gboolean synced_once = FALSE;
  guint cap_ms, max_kill_ms = 0;

  /* Time a full pull first, in a client of its own (it only reads). */
  {
    g_autofree char *probe_db = g_build_filename (f->dir, "probe", "shouhou.db", NULL);
    g_autoptr(ShouStore) probe = tu_store_new (f, "probe", NULL);

    g_assert_false (run_worker (probe_db, f->token, FALSE, 0, &run_ms[0]));
    run_ms[1] = run_ms[0];
    cap_ms = MAX (4 * run_ms[0], 1000);
    g_test_message ("an unkilled full pull took %u ms", run_ms[0]);
  }
  applied_before = tu_actions_applied (f);

  /* A first sync in the worker, killed a few times on the way. */
  for (round = 0; round < MAX_ROUNDS && kills < MIN_KILLS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *check = NULL;
      g_autofree char *id = NULL;

      if (round >= 3)
        {
          /* The parent takes actions between crashes, as a seller would
           * after restarting the app. */
          id = tu_find_request (store, round % 2 ? "agree_refund" : "message");
          if (id != NULL)
            {
              g_autoptr(JsonObject) req = shou_store_get_request (store, id, NULL);
              g_autoptr(JsonObject) params = json_object_new ();
              ShouAction action = round % 2 ? SHOU_ACTION_AGREE_REFUND : SHOU_ACTION_MESSAGE;

              if (action == SHOU_ACTION_AGREE_REFUND)
                json_object_set_int_member (params, "amount_fen", json_object_get_int_member (req, "amount_fen"));
              else
                json_object_set_string_member (params, "text", "您好，正在为您处理");
              if (shou_store_enqueue_action (store, id, action, params,
                                             json_object_get_int_member (req, "version"), &error))
                enqueued++;
              g_clear_error (&error);
            }
        }

      {
        gboolean resync = round % 7 == 0;
        guint kind = (resync || !synced_once) ? 0 : 1;
        guint span = MAX (run_ms[kind], MIN_KILL_MS + 1);
        guint took = 0;

        guint kill_ms = g_rand_int_range (rand, MIN_KILL_MS, span + 1);

        if (run_worker (db, f->token, resync, kill_ms, &took))
          {
            /* Runs grow as actions queue up: reach further next time, so
             * kills keep landing in every part of a run, pushes included. */
            kills++;
            max_kill_ms = MAX (max_kill_ms, kill_ms);
            run_ms[kind] = MIN (span * 3 / 2, cap_ms);
          }
        else
          {
            run_ms[kind] = took;
            synced_once = TRUE;
          }
      }

      check = shou_store_check_integrity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpuint (count_all_outbox (store), ==, enqueued);
    }
  g_test_message ("%u rounds, %u kills (the latest %u ms after the start), %u actions queued; "
                  "last runs %u ms full, %u ms incremental",
                  round, kills, max_kill_ms, enqueued, run_ms[0], run_ms[1]);
  g_assert_cmpuint (kills, >=, MIN_KILLS);
  g_assert_cmpuint (enqueued, >, 10);

  /* Finally let it finish. */
  run_worker (db, f->token, FALSE, 0, NULL);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_cmpuint (count_all_outbox (store), ==, enqueued);
  /* Each action applied exactly once: as many as the client saw done. */
  g_assert_cmpint (tu_actions_applied (f) - applied_before, ==, shou_store_count_outbox (store, "done"));

  engine = tu_engine_new (store);
  g_assert_true (tu_sync (engine));
  tu_assert_cache_equals_server (f, store);
}

/* The server's objects of @kind ("review", "complaint") by the buyer
 * @nick (the full feed). */
static guint
server_care_by (SyncFixture  *f,
                const char   *kind,
                const char   *nick,
                JsonObject  **out_last)
{
  g_autofree char *cursor = g_strdup ("");
  gboolean more = TRUE;
  guint n = 0;

  for (guint page = 0; more && page < 100; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
      g_autoptr(JsonObject) body = NULL;
      JsonArray *changes;

      g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &body), ==, 200);
      changes = json_object_get_array_member (body, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          JsonObject *d = json_object_get_object_member (c, "data");

          if (g_str_equal (json_object_get_string_member (c, "kind"), kind) &&
              g_strcmp0 (json_object_get_string_member (d, "buyer_nick"), nick) == 0)
            {
              n++;
              if (out_last != NULL)
                {
                  g_clear_pointer (out_last, json_object_unref);
                  *out_last = json_object_ref (d);
                }
            }
        }
      more = json_object_get_boolean_member (body, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (body, "next_cursor"));
    }
  return n;
}

static void
enqueue_review (ShouStore        *store,
                const char       *key,
                ShouReviewAction  action,
                const char       *params_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  g_assert_true (shou_store_enqueue_review_action (store, key, action,
                                                   json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static void
enqueue_complaint (ShouStore           *store,
                   const char          *key,
                   ShouComplaintAction  action,
                   const char          *params_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  g_assert_true (shou_store_enqueue_complaint_action (store, key, action,
                                                      json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static void
enqueue_incident (ShouStore          *store,
                  const char         *key,
                  ShouIncidentAction  action,
                  const char         *params_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  g_assert_true (shou_store_enqueue_incident_action (store, key, action,
                                                     json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

/* A bad review, a complaint and a logistics incident registered offline, and the follow-up of
 * two reviews and the complaint, the worker killed again and again while
 * it sends them: each reaches the server exactly once (one review and one
 * complaint, not two), in order, and the cache ends as the server has it. */
static void
test_kill_reviews (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "client", "shouhou.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(ShouStore) store = tu_store_new (f, "client", NULL);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_key = NULL;
  g_autofree char *server_key = NULL;
  g_autofree char *server_nick = NULL;
  g_autofree char *complaint_key = NULL;
  g_autoptr(JsonObject) complaint_fields = json_object_new ();
  g_autoptr(JsonObject) complaint = NULL;
  g_autofree char *incident_key = NULL;
  g_autoptr(JsonObject) incident_fields = json_object_new ();
  g_autoptr(JsonObject) incident = NULL;
  JsonObject *target = NULL;
  gint64 applied_before;
  guint kills = 0, span = 20, rounds;
  gboolean finished = FALSE;

  {
    g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);

    g_assert_true (tu_sync (engine));
  }
  /* The demo's reviews are cached; one not yet contacted is followed up. */
  open = shou_store_list_reviews (store, SHOU_REVIEW_LIST_OPEN, 100);
  for (guint i = 0; i < open->len && target == NULL; i++)
    if (json_object_get_null_member (open->pdata[i], "contacted_at") &&
        json_object_get_null_member (open->pdata[i], "reply"))
      target = open->pdata[i];
  g_assert_nonnull (target);
  server_key = g_strdup (json_object_get_string_member (target, "key"));
  server_nick = g_strdup (json_object_get_string_member (target, "buyer_nick"));

  /* Offline: nothing is sent until the worker runs. */
  json_object_set_string_member (fields, "buyer_nick", "断电测试买家");
  json_object_set_string_member (fields, "rating", "bad");
  json_object_set_string_member (fields, "text", "<i>包装破了</i>");
  json_object_set_string_member (fields, "reason_code", "packaging");
  local_key = shou_store_register_review (store, json_object_get_string_member (target, "shop_id"), fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (local_key);
  enqueue_review (store, local_key, SHOU_REVIEW_ACTION_CONTACT, "{}");
  enqueue_review (store, local_key, SHOU_REVIEW_ACTION_OFFER_REMEDY, "{\"kind\": \"gift\"}");
  enqueue_review (store, local_key, SHOU_REVIEW_ACTION_MARK_CHANGED, "{\"changed\": true}");
  enqueue_review (store, server_key, SHOU_REVIEW_ACTION_CONTACT, "{}");
  enqueue_review (store, server_key, SHOU_REVIEW_ACTION_REPLY, "{\"text\": \"抱歉，已为您补发。\"}");
  /* A complaint compensated within 24 h, then finished. */
  json_object_set_string_member (complaint_fields, "buyer_nick", "断电投诉买家");
  json_object_set_string_member (complaint_fields, "text", "迟迟不发货");
  complaint_key = shou_store_register_complaint (store, json_object_get_string_member (target, "shop_id"),
                                                 complaint_fields, &error);
  g_assert_no_error (error);
  enqueue_complaint (store, complaint_key, SHOU_COMPLAINT_ACTION_COMPENSATE, "{\"amount_fen\": 800}");
  enqueue_complaint (store, complaint_key, SHOU_COMPLAINT_ACTION_FINISH, "{\"outcome\": \"resolved\"}");
  /* A lost parcel: the courier told, resent, claimed and paid. */
  json_object_set_string_member (incident_fields, "buyer_nick", "断电物流买家");
  json_object_set_string_member (incident_fields, "kind", "lost");
  incident_key = shou_store_register_incident (store, json_object_get_string_member (target, "shop_id"),
                                               incident_fields, &error);
  g_assert_no_error (error);
  enqueue_incident (store, incident_key, SHOU_INCIDENT_ACTION_CONTACT_COURIER, "{}");
  enqueue_incident (store, incident_key, SHOU_INCIDENT_ACTION_RESEND,
                    "{\"carrier\": \"SF\", \"tracking_no\": \"SF 1234 5678 90123\"}");
  enqueue_incident (store, incident_key, SHOU_INCIDENT_ACTION_CLAIM, "{\"amount_fen\": 8800}");
  enqueue_incident (store, incident_key, SHOU_INCIDENT_ACTION_CLAIM_RESULT,
                    "{\"status\": \"paid\", \"recovered_fen\": 8800}");
  /* Shown at once, before any of it is sent. */
  {
    g_autoptr(JsonObject) shown = shou_store_get_care (store, incident_key);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (shown, "resend"),
                                                    "tracking_no"), ==, "SF1234567890123");
    g_assert_cmpint (json_object_get_int_member (shown, "pending"), ==, 5);
  }
  {
    g_autoptr(JsonObject) shown = shou_store_get_care (store, complaint_key);

    g_assert_cmpint (json_object_get_int_member (shown, "compensation_fen"), ==, 800);
    g_assert_cmpint (json_object_get_int_member (shown, "pending"), ==, 3);
  }
  {
    g_autoptr(JsonObject) shown = shou_store_get_review (store, local_key);

    g_assert_true (json_object_get_boolean_member (shown, "changed"));
    g_assert_cmpint (json_object_get_int_member (shown, "pending"), ==, 4);
  }
  applied_before = tu_actions_applied (f);

  /* Kills reach further each time, so they land in every part of the
   * pushes; bounded. */
  for (rounds = 0; rounds < 60 && !finished; rounds++)
    {
      g_autofree char *check = NULL;
      guint kill_ms = g_rand_int_range (rand, 5, span + 1);

      if (run_worker (db, f->token, FALSE, kill_ms, NULL))
        {
          kills++;
          span = MIN (span * 3 / 2 + 1, 5000);
        }
      else
        finished = TRUE;
      check = shou_store_check_integrity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (check, ==, "ok");
      /* Never an entry lost or added. */
      g_assert_cmpuint (count_all_outbox (store), ==, 14);
    }
  if (!finished)
    run_worker (db, f->token, FALSE, 0, NULL);
  g_test_message ("%u rounds, %u kills", rounds, kills);
  g_assert_cmpuint (kills, >=, 1);

  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_cmpuint (shou_store_count_outbox (store, "done"), ==, 14);
  /* Each applied once: one review, one complaint and one incident created,
   * eleven steps. */
  g_assert_cmpint (tu_actions_applied (f) - applied_before, ==, 14);
  g_assert_cmpuint (server_care_by (f, "incident", "断电物流买家", &incident), ==, 1);
  g_assert_cmpint (json_object_get_int_member (incident, "version"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (incident, "claim"), "status"), ==,
                   "paid");
  {
    g_autoptr(GPtrArray) all = shou_store_list_care (store, "incident", SHOU_CARE_LIST_ALL, 1000);
    guint found = 0;

    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (json_object_get_string_member (all->pdata[i], "buyer_nick"), "断电物流买家") == 0)
        {
          found++;
          g_assert_cmpstr (json_object_get_string_member (all->pdata[i], "id"), ==,
                           json_object_get_string_member (incident, "id"));
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "version"), ==, 5);
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "pending"), ==, 0);
        }
    g_assert_cmpuint (found, ==, 1);
  }
  g_assert_cmpuint (server_care_by (f, "complaint", "断电投诉买家", &complaint), ==, 1);
  g_assert_cmpint (json_object_get_int_member (complaint, "compensation_fen"), ==, 800);
  g_assert_cmpstr (json_object_get_string_member (complaint, "outcome"), ==, "resolved");
  g_assert_cmpint (json_object_get_int_member (complaint, "version"), ==, 3);
  {
    g_autoptr(GPtrArray) all = shou_store_list_care (store, "complaint", SHOU_CARE_LIST_ALL, 1000);
    guint found = 0;

    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (json_object_get_string_member (all->pdata[i], "buyer_nick"), "断电投诉买家") == 0)
        {
          found++;
          g_assert_cmpstr (json_object_get_string_member (all->pdata[i], "id"), ==,
                           json_object_get_string_member (complaint, "id"));
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "version"), ==, 3);
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "pending"), ==, 0);
        }
    g_assert_cmpuint (found, ==, 1);
  }
  g_assert_cmpuint (server_care_by (f, "review", "断电测试买家", &mine), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (mine, "text"), ==, "<i>包装破了</i>");
  g_assert_true (json_object_get_boolean_member (mine, "changed"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mine, "remedy"), "kind"), ==,
                   "gift");
  g_assert_cmpint (json_object_get_int_member (mine, "version"), ==, 4);
  g_assert_cmpuint (server_care_by (f, "review", server_nick, &theirs), >=, 1);

  /* The cache holds the server's copy under its server id. */
  {
    g_autoptr(GPtrArray) all = shou_store_list_reviews (store, SHOU_REVIEW_LIST_ALL, 1000);
    guint found = 0;

    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (json_object_get_string_member (all->pdata[i], "buyer_nick"), "断电测试买家") == 0)
        {
          found++;
          g_assert_cmpstr (json_object_get_string_member (all->pdata[i], "id"), ==,
                           json_object_get_string_member (mine, "id"));
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "version"), ==, 4);
          g_assert_cmpint (json_object_get_int_member (all->pdata[i], "pending"), ==, 0);
        }
    g_assert_cmpuint (found, ==, 1);
  }
  {
    g_autoptr(JsonObject) followed = shou_store_get_review (store, server_key);

    g_assert_nonnull (followed);
    g_assert_false (json_object_get_null_member (followed, "reply"));
    g_assert_false (json_object_get_null_member (followed, "contacted_at"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/crash/kill-anywhere", SyncFixture, NULL, tu_setup, test_kill_anywhere, tu_teardown);
  g_test_add ("/sync/crash/reviews", SyncFixture, NULL, tu_setup, test_kill_reviews, tu_teardown);

  return g_test_run ();
}
