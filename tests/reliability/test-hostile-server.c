/* test-hostile-server.c: the desktop's sync against a server that
 * misbehaves (tests/reliability/hostile-server.py, on 127.0.0.1, in front
 * of the real simulator). For each case: no crash, the sync ends within
 * 35 s with a clear account state, the process's peak RSS stays within
 * 64 MB of where it started, the cache (its requests and cursor) is as it
 * was, and the next sync against a server that behaves again succeeds.
 * The real timeouts (15 s for headers, 30 s in all) are used. */
#include "config.h"

#include <string.h>

#include "sim/shou-sim-db.h"
#include "store/shou-request-list.h"
#include "sync/sync-test-util.h"

#define CASE_LIMIT_S 35
#define RSS_LIMIT_KB (64 * 1024)

typedef struct
{
  const char       *mode;
  ShouAccountState  state;
  const char       *says;   /* in the account's message (English in tests) */
} Case;

static const Case cases[] = {
  { "deep", SHOU_ACCOUNT_FAILED, "nested too deeply" },
  { "many", SHOU_ACCOUNT_FAILED, "more changes than were asked for" },
  { "endless", SHOU_ACCOUNT_FAILED, "too large" },
  { "huge-length", SHOU_ACCOUNT_FAILED, "too large" },
  { "stuck-cursor", SHOU_ACCOUNT_FAILED, "same page of changes" },
  { "html-401", SHOU_ACCOUNT_TOKEN_REFUSED, "" },
  { "deep-error", SHOU_ACCOUNT_OFFLINE, "" },
  { "trickle-headers", SHOU_ACCOUNT_OFFLINE, "did not answer in time" },
  { "trickle-body", SHOU_ACCOUNT_OFFLINE, "did not answer in time" },
};

static gint64
status_kb (const char *field)
{
  g_autofree char *text = NULL;
  const char *at;

  g_assert_true (g_file_get_contents ("/proc/self/status", &text, NULL, NULL));
  at = strstr (text, field);
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen (field), NULL, 10);
}

/* The peak since the last reset (writing 5 to clear_refs resets VmHWM). */
static void
reset_peak (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static void
set_mode (SoupSession *session,
          const char  *url,
          const char  *mode)
{
  g_autofree char *uri = g_strdup_printf ("%s/_mode/%s", url, mode);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static guint
count_requests (ShouStore *store)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_hostile_server (SyncFixture   *f,
                     gconstpointer  data)
{
  const char *argv[] = { "python3", NULL, NULL, NULL };
  g_autofree char *script = g_build_filename (RELIABILITY_SRC_DIR, "hostile-server.py", NULL);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *sim_url = g_strdup (f->url);
  g_autofree char *account = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(SoupSession) control = soup_session_new ();
  guint before;
  g_autofree char *cursor = NULL;

  argv[1] = script;
  argv[2] = sim_url;
  server = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);
  proxy = g_strdup_printf ("http://127.0.0.1:%s", port);

  /* The account talks to the hostile server, which in mode "ok" passes
   * everything to the simulator. */
  g_free (f->url);
  f->url = g_strdup (proxy);
  store = tu_store_new (f, "hostile", &account);
  g_free (f->url);
  f->url = g_strdup (sim_url);
  engine = shou_sync_engine_new (store);
  shou_sync_engine_set_backoff (engine, 20, 200);

  g_assert_true (tu_sync (engine));
  before = count_requests (store);
  cursor = shou_store_get_cursor (store, account);
  g_assert_cmpuint (before, >, 10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(ShouAccountStatus) status = NULL;
      g_autofree char *after = NULL;
      gint64 start_kb;
      gint64 peak_kb;
      gint64 t0;
      double seconds;
      gboolean ok;

      set_mode (control, proxy, c->mode);
      reset_peak ();
      start_kb = status_kb ("VmRSS:");
      t0 = g_get_monotonic_time ();
      ok = tu_sync (engine);
      seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
      peak_kb = status_kb ("VmHWM:");
      status = shou_sync_engine_get_account_status (engine, account);
      g_test_message ("%-16s %5.1f s, peak RSS +%" G_GINT64_FORMAT " kB, state %d: %s",
                      c->mode, seconds, peak_kb - start_kb, status->state,
                      status->message ? status->message : "(none)");

      g_assert_false (ok);
      g_assert_cmpfloat (seconds, <, CASE_LIMIT_S);
      g_assert_cmpint (peak_kb - start_kb, <, RSS_LIMIT_KB);
      g_assert_cmpint (status->state, ==, c->state);
      /* Clear and translated: never the server's own body. */
      if (status->message != NULL)
        {
          g_assert_null (strchr (status->message, '<'));
          g_assert_null (strchr (status->message, '{'));
          g_assert_null (strstr (status->message, "Unauthorized"));
          g_assert_cmpuint (strlen (status->message), <, 400);
        }
      if (*c->says != '\0')
        {
          g_assert_nonnull (status->message);
          g_assert_nonnull (strstr (status->message, c->says));
        }

      /* The cache is as it was. */
      g_assert_cmpuint (count_requests (store), ==, before);
      after = shou_store_get_cursor (store, account);
      g_assert_cmpstr (after, ==, cursor);

      /* And the next sync, against a server that behaves, works. */
      set_mode (control, proxy, "ok");
      g_assert_true (tu_sync (engine));
      g_clear_pointer (&status, shou_account_status_free);
      status = shou_sync_engine_get_account_status (engine, account);
      g_assert_cmpint (status->state, ==, SHOU_ACCOUNT_SYNCED);
      g_free (cursor);
      cursor = shou_store_get_cursor (store, account);
    }

  shou_sync_engine_stop (engine);
  g_output_stream_close (g_subprocess_get_stdin_pipe (server), NULL, NULL);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reliability/hostile-server", SyncFixture, NULL, tu_setup, test_hostile_server, tu_teardown);
  return g_test_run ();
}
