/* test-outbox-retry: a push the server fails (5xx) waits on its own, with
 * backoff and jitter (the entry's next_attempt_at and attempts), while
 * other requests' actions go out in the same run; the later entries of the
 * failing request wait behind it, in order; the engine comes back for it by
 * itself when it is due, and each action reaches the server exactly once.
 * Against the real simulator on 127.0.0.1 and its fault controls. Also:
 * plain http:// to "localhost" is refused like any other host (issue 10). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "store/shou-outbox.h"
#include "store/shou-request-list.h"
#include "sync/shou-secrets.h"
#include "sync-test-util.h"

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 12, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00,
  0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void
enqueue_refund (ShouStore  *store,
                const char *id)
{
  g_autoptr(JsonObject) req = shou_store_get_request (store, id, NULL);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (params, "amount_fen", json_object_get_int_member (req, "amount_fen"));
  g_assert_true (shou_store_enqueue_action (store, id, SHOU_ACTION_AGREE_REFUND, params,
                                            json_object_get_int_member (req, "version"), &error));
  g_assert_no_error (error);
}

static char *
entry_state (ShouStore *store,
             gint64     entry_id,
             guint     *attempts,
             gint64    *next_attempt_at)
{
  char *state = NULL;

  g_assert_true (shou_store_outbox_get_retry (store, entry_id, &state, attempts, next_attempt_at));
  return state;
}

/* Faults on for exactly one request: switched on when the sentinel entry
 * is done (the engine sends the next entry right after), off as soon as
 * that entry has been put back to wait. */
typedef struct
{
  SyncFixture *f;
  ShouStore   *store;
  gint64       sentinel;
  gint64       failing;
  guint        stage;
  gint64       failed_at;   /* real time the entry was put back */
  gint64       done_at;     /* real time it was done */
} FaultPlan;

static void
set_5xx (SyncFixture *f,
         gboolean     on)
{
  static const char *const kinds[] = { "5xx", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_sim_server_set_faults (f->sim, on ? 1.0 : 0.0, kinds, 0, 1, &error));
  g_assert_no_error (error);
}

static void
on_outbox_changed_cb (ShouStore *store,
                      FaultPlan *plan)
{
  g_autofree char *state = NULL;
  guint attempts = 0;
  gint64 next_at = 0;

  if (plan->stage == 0)
    {
      state = entry_state (store, plan->sentinel, NULL, NULL);
      if (g_str_equal (state, "done"))
        {
          set_5xx (plan->f, TRUE);
          plan->stage = 1;
        }
    }
  else if (plan->stage == 1)
    {
      state = entry_state (store, plan->failing, &attempts, &next_at);
      if (g_str_equal (state, "queued") && next_at > 0)
        {
          set_5xx (plan->f, FALSE);
          plan->failed_at = g_get_real_time ();
          plan->stage = 2;
        }
    }
  else if (plan->stage == 2)
    {
      state = entry_state (store, plan->failing, NULL, NULL);
      if (g_str_equal (state, "done"))
        {
          plan->done_at = g_get_real_time ();
          plan->stage = 3;
        }
    }
}

static void
test_failing_request_waits_alone (SyncFixture   *f,
                                  gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = tu_store_new (f, "a", &account);
  g_autoptr(ShouSyncEngine) engine = tu_engine_new (store);
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouOutboxEntry) first = NULL;
  g_autofree char *id_c = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *id_d = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *state = NULL;
  FaultPlan plan = { 0 };
  gint64 applied, entry_c, entry_a, entry_ev, entry_b;
  gint64 next_at = 0, next_at_again = 0, deadline;
  guint attempts = 0;
  gulong handler;

  /* Backoff from 2 s: the failed entry waits 1–2 s (upper half, jitter).
   * One entry in flight: the faults are switched on between C and A. */
  shou_sync_engine_set_backoff (engine, 2000, 20000);
  shou_sync_engine_set_in_flight (engine, 1);
  g_assert_true (tu_sync (engine));
  applied = tu_actions_applied (f);

  /* C (sentinel), then A and a photo for A, then B: one after another. */
  id_c = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id_c);
  enqueue_refund (store, id_c);
  first = shou_store_outbox_next (store, account);
  g_assert_nonnull (first);
  entry_c = first->id;
  id_a = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id_a);
  enqueue_refund (store, id_a);
  entry_a = entry_c + 1;
  sha = shou_store_import_evidence_bytes (store, id_a, png, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  entry_ev = entry_c + 2;
  id_b = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id_b);
  enqueue_refund (store, id_b);
  entry_b = entry_c + 3;
  g_assert_cmpstr (id_a, !=, id_b);
  g_assert_cmpstr (id_c, !=, id_b);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 4);
  for (gint64 e = entry_c; e <= entry_b; e++)
    {
      g_autofree char *s = entry_state (store, e, &attempts, &next_at);
      g_assert_cmpstr (s, ==, "queued");
      g_assert_cmpuint (attempts, ==, 0);
      g_assert_cmpint (next_at, ==, 0);
    }

  plan.f = f;
  plan.store = store;
  plan.sentinel = entry_c;
  plan.failing = entry_a;
  handler = g_signal_connect (store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), &plan);

  /* The run: C goes, A gets a 503, B still goes; A's photo waits for A. */
  g_assert_false (tu_sync (engine));
  g_assert_cmpuint (plan.stage, ==, 2);
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_OFFLINE);
  g_assert_nonnull (shou_sync_engine_get_error_message (engine));

  state = entry_state (store, entry_c, NULL, NULL);
  g_assert_cmpstr (state, ==, "done");
  g_clear_pointer (&state, g_free);
  state = entry_state (store, entry_b, NULL, NULL);
  g_assert_cmpstr (state, ==, "done");
  g_clear_pointer (&state, g_free);
  state = entry_state (store, entry_a, &attempts, &next_at);
  g_assert_cmpstr (state, ==, "queued");
  g_assert_cmpuint (attempts, ==, 1);
  /* Put back with a wait in the backoff window (and some slack for the
   * time between the engine's clock reading and ours). */
  g_assert_cmpint (next_at - plan.failed_at, >=, 1000 * 1000 - 100 * 1000);
  g_assert_cmpint (next_at - plan.failed_at, <=, 2000 * 1000);
  g_clear_pointer (&state, g_free);
  state = entry_state (store, entry_ev, &attempts, NULL);
  g_assert_cmpstr (state, ==, "queued");
  g_assert_cmpuint (attempts, ==, 0);
  g_clear_pointer (&state, g_free);
  g_assert_cmpint (tu_actions_applied (f), ==, applied + 2);
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 2);

  /* The engine on its own (started, a new action queued) while A waits:
   * the new action goes at once, A and its photo keep waiting. */
  shou_sync_engine_start (engine);
  id_d = tu_find_request (store, "agree_refund");
  g_assert_nonnull (id_d);
  enqueue_refund (store, id_d);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  /* Each stats request turns the main loop until it is answered. */
  while (g_get_monotonic_time () < deadline && tu_actions_applied (f) < applied + 3)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (tu_actions_applied (f), ==, applied + 3);
  if (g_get_real_time () < next_at)
    {
      state = entry_state (store, entry_a, &attempts, &next_at_again);
      g_assert_cmpstr (state, ==, "queued");
      g_assert_cmpuint (attempts, ==, 1);
      g_assert_cmpint (next_at_again, ==, next_at);
      g_clear_pointer (&state, g_free);
      state = entry_state (store, entry_ev, &attempts, NULL);
      g_assert_cmpstr (state, ==, "queued");
      g_assert_cmpuint (attempts, ==, 0);
      g_clear_pointer (&state, g_free);
    }
  else
    g_test_message ("too slow to see A wait; its time came first");

  /* Nobody asks: the engine comes back for A by itself when it is due
   * (not before), then sends the photo after it. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (shou_sync_engine_get_pending_count (engine) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (shou_sync_engine_is_running (engine) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (shou_sync_engine_get_pending_count (engine), ==, 0);
  g_assert_cmpuint (plan.stage, ==, 3);
  g_assert_cmpint (plan.done_at, >=, next_at);
  state = entry_state (store, entry_a, &attempts, NULL);
  g_assert_cmpstr (state, ==, "done");
  g_assert_cmpuint (attempts, ==, 2);
  g_clear_pointer (&state, g_free);
  state = entry_state (store, entry_ev, &attempts, NULL);
  g_assert_cmpstr (state, ==, "done");
  g_assert_cmpuint (attempts, ==, 1);
  g_clear_pointer (&state, g_free);
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_IDLE);

  /* Exactly once each: four actions, and nothing more on another sync. */
  shou_sync_engine_stop (engine);
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpint (tu_actions_applied (f), ==, applied + 4);
  g_assert_true (tu_sync (engine));
  g_assert_cmpint (tu_actions_applied (f), ==, applied + 4);
  g_assert_cmpuint (shou_store_count_outbox (store, "conflict"), ==, 0);
  tu_assert_cache_equals_server (f, store);
}

/* The API client refuses plain http:// to "localhost" (a name may resolve
 * elsewhere) with the same message as for any other host, and the engine
 * shows it rather than sending anything. */
static void
test_localhost_refused (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other_error = NULL;
  g_autoptr(ShouApiClient) client = NULL;
  g_autoptr(GString) expected = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *local_url = g_strdup_printf ("http://localhost:%u", f->port);
  g_autofree char *account = NULL;
  gint64 requests_before;
  g_autoptr(JsonObject) stats = NULL;
  int code = -1;

  client = shou_api_client_new (local_url, f->token, &error);
  g_assert_null (client);
  g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_INSECURE);
  client = shou_api_client_new ("http://example.invalid", f->token, &other_error);
  g_assert_null (client);
  g_assert_error (other_error, SHOU_API_ERROR, SHOU_API_ERROR_INSECURE);
  expected = g_string_new (other_error->message);
  g_string_replace (expected, "example.invalid", "localhost", 0);
  g_assert_cmpstr (error->message, ==, expected->str);

  /* The loopback address itself still works. */
  client = shou_api_client_new (f->url, f->token, NULL);
  g_assert_nonnull (client);
  g_assert_true (g_str_has_prefix (f->url, "http://127.0.0.1:"));

  /* An account saved with such an address (an old database): the engine
   * refuses it visibly and sends nothing. */
  g_assert_cmpuint (tu_http (f, "GET", "/v1/test/stats", NULL, NULL, &stats), ==, 200);
  requests_before = json_object_get_int_member (stats, "requests");
  g_clear_pointer (&stats, json_object_unref);
  g_clear_error (&error);
  {
    g_autofree char *path = g_build_filename (f->dir, "local", "shouhou.db", NULL);
    store = shou_store_new (path, &error);
    g_assert_no_error (error);
  }
  account = shou_store_add_account (store, local_url, "localhost", &error);
  g_assert_no_error (error);
  g_assert_true (shou_secrets_store_token (account, local_url, f->token, &error));
  engine = tu_engine_new (store);
  g_assert_false (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_ERROR);
  g_assert_cmpstr (shou_sync_engine_get_error_message (engine), ==, expected->str);
  g_object_get (engine, "error-code", &code, NULL);
  g_assert_cmpint (code, ==, SHOU_API_ERROR_INSECURE);
  g_assert_cmpuint (tu_http (f, "GET", "/v1/test/stats", NULL, NULL, &stats), ==, 200);
  /* Only this stats request itself came in. */
  g_assert_cmpint (json_object_get_int_member (stats, "requests"), ==, requests_before + 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sync/retry/" name, SyncFixture, NULL, tu_setup, fn, tu_teardown)
  ADD ("failing-request-waits-alone", test_failing_request_waits_alone);
  ADD ("localhost-refused", test_localhost_refused);
#undef ADD

  return g_test_run ();
}
