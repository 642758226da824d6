/* test-hub-cli: shouhou-hub's command line and configuration file, run as
 * the real executable. */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "shou-test-fs.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

/* Runs shouhou-hub to its end (it must refuse to start). */
static Run
run_hub (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("SHOUHOU_HUB"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &run.out, &run.err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run.status = g_subprocess_get_exit_status (proc);
  return run;
}

/* Starts shouhou-hub and returns its URL once it listens. */
static GSubprocess *
start_hub (const char * const *args,
           char              **url)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SHOUHOU_HUB"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  *url = g_strdup (line + strlen ("listening on "));
  return proc;
}

static void
stop (GSubprocess *proc)
{
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_object_unref (proc);
}

static void
test_loopback_only_without_tls (void)
{
  g_autofree char *dir = shou_test_fs_make_tmpdir ("shou-hub-cli-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *url = NULL;
  Run run = run_hub ((const char *[]) { "--listen", "0.0.0.0", "--port", "0", "--database", db, NULL });
  GSubprocess *proc;

  /* Plain HTTP where others can listen: refused, saying what to do. */
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--tls-cert"));
  g_assert_nonnull (strstr (run.err, "--behind-proxy"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_free (run.out);
  g_free (run.err);

  /* Behind a proxy the admin named, it serves. */
  proc = start_hub ((const char *[]) { "--listen", "0.0.0.0", "--port", "0", "--database", db,
                                       "--behind-proxy", "--quiet", NULL }, &url);
  g_assert_true (g_str_has_prefix (url, "http://0.0.0.0:"));
  stop (proc);
  shou_test_fs_rm_rf (dir);
}

static void
test_config (void)
{
  g_autofree char *dir = shou_test_fs_make_tmpdir ("shou-hub-cli-XXXXXX");
  g_autofree char *conf = g_build_filename (dir, "hub.conf", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.conf", NULL);
  g_autofree char *token = g_build_filename (dir, "acme.token", NULL);
  g_autofree char *staff_token = g_build_filename (dir, "wang.token", NULL);
  g_autofree char *me = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  Run run;

  /* A secret written in the configuration is refused. */
  g_assert_true (g_file_set_contents (bad, "[hub]\nport=0\n[merchant acme]\ntoken=acme-token-0001\n", -1, NULL));
  run = run_hub ((const char *[]) { "--config", bad, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "token-file"));
  g_free (run.out);
  g_free (run.err);

  /* Paths are relative to the file; the merchant's token comes from its file. */
  g_assert_true (g_file_set_contents (conf, "[hub]\nport=0\ndatabase=hub.db\n"
                                      "[merchant acme]\nname=Acme 售后\ntoken-file=acme.token\n"
                                      "[staff wang]\nmerchant=acme\nname=王五\nrole=agent\n"
                                      "token-file=wang.token\ncap-action-fen=10000\ncap-day-fen=50000\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (token, "acme-token-0001\n", -1, NULL));
  g_assert_true (g_file_set_contents (staff_token, "wang-token-0002\n", -1, NULL));
  proc = start_hub ((const char *[]) { "--config", conf, "--quiet", NULL }, &url);
  me = g_strconcat (url, "/v1/me", NULL);
  msg = soup_message_new ("GET", me);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer acme-token-0001");
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"merchant_name\":\"Acme 售后\""));
  {
    g_autoptr(SoupMessage) staff_msg = soup_message_new ("GET", me);
    g_autoptr(GBytes) staff_body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (staff_msg), "Authorization",
                                  "Bearer wang-token-0002");
    staff_body = soup_session_send_and_read (session, staff_msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (staff_msg), ==, 200);
    g_assert_nonnull (strstr (g_bytes_get_data (staff_body, NULL), "\"staff_name\":\"王五\""));
    g_assert_nonnull (strstr (g_bytes_get_data (staff_body, NULL), "\"action_fen\":10000"));
  }
  stop (proc);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *db = g_build_filename (dir, "hub.db", NULL);

    g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  }
  shou_test_fs_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("SHOUHOU_HUB") == NULL)
    {
      g_test_skip ("SHOUHOU_HUB is not set");
      return g_test_run ();
    }
  g_test_add_func ("/hub/cli/loopback-only-without-tls", test_loopback_only_without_tls);
  g_test_add_func ("/hub/cli/config", test_config);
  return g_test_run ();
}
