/* test-sync-crash: a client process killed (SIGKILL) at random points of
 * pulls and pushes, many times over, never corrupts its cache, never loses
 * a queued action and never has one applied twice at the server. */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "sync-test-util.h"

#define ROUNDS 60

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
 * TRUE if it was killed before it finished. */
static gboolean
run_worker (const char *db,
            const char *token,
            gboolean    resync,
            guint       kill_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  Wait w = { 0 };
  guint timer;
  gboolean killed = FALSE;

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
  gint64 applied_before = tu_actions_applied (f);
  guint enqueued = 0, kills = 0;

  /* A first sync in the worker, killed a few times on the way. */
  for (guint round = 0; round < ROUNDS; round++)
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

      kills += run_worker (db, f->token, round % 7 == 0, 5 + g_rand_int_range (rand, 0, 250));

      check = shou_store_check_integrity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpuint (count_all_outbox (store), ==, enqueued);
    }
  g_test_message ("%u rounds, %u kills, %u actions queued", ROUNDS, kills, enqueued);
  g_assert_cmpuint (kills, >=, ROUNDS / 2);
  g_assert_cmpuint (enqueued, >, 10);

  /* Finally let it finish. */
  run_worker (db, f->token, FALSE, 0);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_cmpuint (count_all_outbox (store), ==, enqueued);
  /* Each action applied exactly once: as many as the client saw done. */
  g_assert_cmpint (tu_actions_applied (f) - applied_before, ==, shou_store_count_outbox (store, "done"));

  engine = tu_engine_new (store);
  g_assert_true (tu_sync (engine));
  tu_assert_cache_equals_server (f, store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/crash/kill-anywhere", SyncFixture, NULL, tu_setup, test_kill_anywhere, tu_teardown);

  return g_test_run ();
}
