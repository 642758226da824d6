/* test-security-tls.c: TLS is verified (a self-signed certificate is
 * refused) and plain HTTP goes only to this machine. Split from
 * test-security.c (same /reliability/security/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "sim/sim-test-util.h"
#include "sim/shou-sim-db.h"
#include "sync/shou-secrets.h"
#include "sync/sync-test-util.h"
#include "security-test-util.h"


/* ---- TLS and plain HTTP ---------------------------------------------------- */

typedef struct
{
  gboolean  done;
  GPtrArray *shops;
  GError   *error;
} ShopsResult;

static void
on_shops_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShopsResult *r = user_data;

  r->shops = shou_api_client_get_shops_finish (SHOU_API_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
on_accept_any_cb (SoupMessage          *msg,
                  GTlsCertificate      *certificate,
                  GTlsCertificateFlags  errors,
                  gpointer              user_data)
{
  guint *flags = user_data;

  *flags = errors;
  return TRUE;
}

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} SendResult;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SendResult *r = user_data;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->done = TRUE;
}

static guint64
tls_requests_seen (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (url, "/v1/test/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(JsonNode) node = NULL;
  SendResult r = { 0 };
  guint flags = 0;

  /* Only this diagnostic client trusts the test certificate, knowingly. */
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_any_cb), &flags);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (flags & G_TLS_CERTIFICATE_UNKNOWN_CA, !=, 0);
  node = json_from_string (g_bytes_get_data (r.body, NULL), NULL);
  g_bytes_unref (r.body);
  return json_object_get_int_member (json_node_get_object (node), "requests");
}

static void
count_finished_cb (ShouSyncEngine *engine,
                   gboolean        ok,
                   guint          *n)
{
  (*n)++;
}

static gboolean
on_quiet_over_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The sync engine against the untrusted server: a visible error with the
 * certificate message (not "offline"), and no retry storm behind it. */
static void
check_engine_certificate_state (const char *dir,
                                const char *url)
{
  SyncFixture fx = { 0 };
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *account = NULL;
  guint finished = 0;
  gboolean over = FALSE;
  int code = -1;
  gulong id;

  fx.dir = (char *) dir;
  fx.url = (char *) url;
  fx.token = (char *) SIM_TOKEN_A;
  store = tu_store_new (&fx, "client", &account);
  /* Backoff as short as the other sync tests use: a retry would come
   * within a few hundred ms. */
  engine = tu_engine_new (store);

  g_assert_false (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_ERROR);
  g_object_get (engine, "error-code", &code, NULL);
  g_assert_cmpint (code, ==, SHOU_API_ERROR_CERTIFICATE);
  g_assert_true (g_str_has_prefix (shou_sync_engine_get_error_message (engine),
                                   "The server’s certificate is not trusted"));

  id = g_signal_connect (engine, "sync-finished", G_CALLBACK (count_finished_cb), &finished);
  g_timeout_add (1500, on_quiet_over_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (finished, ==, 0);
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_ERROR);

  /* On demand it tries again, and says the same. */
  g_assert_false (tu_sync (engine));
  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_ERROR);
  g_signal_handler_disconnect (engine, id);

  g_assert_finalize_object (g_steal_pointer (&engine));
  g_assert_finalize_object (g_steal_pointer (&store));
  {
    g_autofree char *client_dir = g_build_filename (dir, "client", NULL);
    tu_rm_rf (client_dir);
  }
}

static void
test_tls_self_signed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shou-tls-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "sim.db", NULL);
  g_autofree char *cert = g_build_filename (RELIABILITY_DATA_DIR, "selfsigned-cert.pem", NULL);
  g_autofree char *key = g_build_filename (RELIABILITY_DATA_DIR, "selfsigned-key.pem", NULL);
  g_autoptr(ShouSimServer) sim = NULL;
  g_autoptr(ShouApiClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *localhost_url = NULL;
  guint64 seen_before, seen_after;
  guint port;

  g_assert_no_error (error);
  sim = shou_sim_server_new (db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  g_assert_true (shou_sim_server_add_merchant (sim, "a", "Merchant A", SIM_TOKEN_A, &error));
  g_assert_true (shou_sim_server_add_shop (sim, "a-pdd", "a", SHOU_PLATFORM_PDD, "a-pdd", &error));
  g_assert_true (shou_sim_server_set_tls_files (sim, cert, key, &error));
  g_assert_no_error (error);
  port = shou_sim_server_listen (sim, 0, &error);
  g_assert_no_error (error);
  url = g_strdup (shou_sim_server_get_url (sim));
  g_assert_true (g_str_has_prefix (url, "https://"));
  localhost_url = g_strdup_printf ("https://localhost:%u", port);

  seen_before = tls_requests_seen (url);
  for (guint i = 0; i < 2; i++)
    {
      ShopsResult r = { 0 };

      client = shou_api_client_new (i == 0 ? url : localhost_url, SIM_TOKEN_A, &error);
      g_assert_no_error (error);
      shou_api_client_set_timeout (client, 5);
      shou_api_client_get_shops_async (client, NULL, on_shops_cb, &r);
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (r.shops);
      /* Its own error, not "network": the seller is told it is about the
       * certificate, not that they are offline, and nothing retries it. */
      g_assert_error (r.error, SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE);
      g_test_message ("self-signed server: %s (%s)", r.error->message,
                      shou_api_error_get_code (r.error));
      g_assert_true (g_str_has_prefix (r.error->message, "The server’s certificate is not trusted"));
      /* Self-signed; for "localhost" also issued for another name. */
      g_assert_cmpstr (shou_api_error_get_code (r.error), ==, "unknown_ca");
      g_assert_false (shou_api_error_is_transient (r.error));
      g_clear_error (&r.error);
      g_clear_object (&client);
    }
  /* No request got through the refused handshakes. */
  seen_after = tls_requests_seen (url);
  g_assert_cmpuint (seen_after, ==, seen_before + 1);

  check_engine_certificate_state (dir, url);
  /* Still nothing reached the server. */
  g_assert_cmpuint (tls_requests_seen (url), ==, seen_after + 1);

  g_assert_finalize_object (g_steal_pointer (&sim));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (db);
  g_rmdir (dir);
}

static void
test_plain_http_loopback_only (void)
{
  static const char *const refused[] = {
    "http://example.invalid", "http://example.invalid:8080/api", "HTTP://EXAMPLE.INVALID",
    "http://127.0.0.1.example.invalid", "http://10.0.0.1", "http://192.168.1.10:8000",
    "http://[fe80::1]", "http://[::ffff:8.8.8.8]", "http://127.0.0.1@example.invalid",
    "ftp://127.0.0.1", "ws://127.0.0.1", "file:///etc/passwd",
    /* Names resolve, possibly elsewhere (issue 10): addresses only. */
    "http://localhost", "http://localhost:8080/api", "http://LOCALHOST:1", "http://127.0.0.2:80",
  };
  static const char *const accepted[] = {
    "http://127.0.0.1:1", "http://127.0.0.1:8080/", "http://[::1]:1", "https://example.invalid",
    "https://api.example.invalid:8443/base",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouApiClient) client = shou_api_client_new (refused[i], "t", &error);

      g_test_message ("%s: %s", refused[i], error ? error->message : "accepted");
      g_assert_null (client);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SHOU_API_ERROR);
      if (g_str_has_prefix (refused[i], "http") || g_str_has_prefix (refused[i], "HTTP"))
        {
          g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_INSECURE);
          g_assert_true (strstr (error->message, "https://") != NULL);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouApiClient) client = shou_api_client_new (accepted[i], "t", &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *const subdirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  int ret;

  /* A private home for the session, before GLib caches the folders. */
  home = g_dir_make_tmp ("shou-security-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, subdirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (subdirs[i], dir, TRUE);
    }
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/security/tls-self-signed", test_tls_self_signed);
  g_test_add_func ("/reliability/security/plain-http-loopback-only", test_plain_http_loopback_only);
  ret = g_test_run ();

  tu_rm_rf (home);
  g_free (home);
  g_string_free (captured_log, TRUE);
  return ret;
}
