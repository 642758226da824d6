/* test-demo-server.c: the demo simulator child starts, serves the API, and
 * never outlives its parent (stop, unref, or the parent dying). */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "ui/accounts/shou-demo-server.h"

static char *tmpdir;

/* Alive means a process that is not a zombie: an orphan's zombie may sit
 * until init reaps it. */
static gboolean
process_alive (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  p = strrchr (contents, ')');
  return p != NULL && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

static void
assert_gone_soon (const char *pid)
{
  for (guint i = 0; i < 250 && process_alive (pid); i++)
    g_usleep (20 * 1000);
  g_assert_false (process_alive (pid));
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Bounded by the server's own start timeout. */
static gboolean
start_sync_pid (ShouDemoServer  *server,
                GCancellable    *cancellable,
                char           **pid,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  shou_demo_server_start_async (server, cancellable, on_result_cb, &result);
  if (pid != NULL)
    *pid = g_strdup (shou_demo_server_get_identifier (server));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return shou_demo_server_start_finish (server, result, error);
}

static gboolean
start_sync (ShouDemoServer  *server,
            GCancellable    *cancellable,
            GError         **error)
{
  return start_sync_pid (server, cancellable, NULL, error);
}

static ShouDemoServer *
new_server (const char *name)
{
  g_autofree char *db = g_build_filename (tmpdir, name, NULL);

  return g_object_new (SHOU_TYPE_DEMO_SERVER,
                       "db-path", db,
                       "port", 0,
                       NULL);
}

static guint
get_shops_status (const char *url,
                  const char *token,
                  char      **body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *shops_url = g_strconcat (url, "/v1/shops", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", shops_url);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_message_get_status (msg);
}

static void
test_start_stop (void)
{
  g_autoptr(ShouDemoServer) server = new_server ("start-stop.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *body = NULL;
  g_autofree char *db = NULL;

  g_assert_false (shou_demo_server_get_running (server));
  g_assert_true (start_sync (server, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (shou_demo_server_get_running (server));
  g_assert_true (g_str_has_prefix (shou_demo_server_get_url (server), "http://127.0.0.1:"));
  g_assert_nonnull (shou_demo_server_get_token (server));
  pid = g_strdup (shou_demo_server_get_identifier (server));
  g_assert_nonnull (pid);
  g_assert_true (process_alive (pid));

  /* It serves the API, with demo shops for the token it printed. */
  g_assert_cmpuint (get_shops_status (shou_demo_server_get_url (server),
                                      shou_demo_server_get_token (server), &body), ==, 200);
  g_assert_nonnull (strstr (body, "\"shops\""));
  g_object_get (server, "db-path", &db, NULL);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));

  /* A second start while running is a no-op. */
  g_assert_true (start_sync (server, NULL, &error));
  g_assert_cmpstr (shou_demo_server_get_identifier (server), ==, pid);

  shou_demo_server_stop (server);
  g_assert_false (process_alive (pid));
  g_assert_false (shou_demo_server_get_running (server));
  g_assert_null (shou_demo_server_get_url (server));
  g_assert_null (shou_demo_server_get_token (server));
  g_assert_null (shou_demo_server_get_identifier (server));
}

static void
test_keeps_data (void)
{
  g_autoptr(ShouDemoServer) first = new_server ("keep.db");
  g_autoptr(ShouDemoServer) second = new_server ("keep.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body1 = NULL;
  g_autofree char *body2 = NULL;

  g_assert_true (start_sync (first, NULL, &error));
  token = g_strdup (shou_demo_server_get_token (first));
  g_assert_cmpuint (get_shops_status (shou_demo_server_get_url (first), token, &body1), ==, 200);
  shou_demo_server_stop (first);

  /* The same database next run: the same demo merchant and shops. */
  g_assert_true (start_sync (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (get_shops_status (shou_demo_server_get_url (second), token, &body2), ==, 200);
  g_assert_cmpstr (body1, ==, body2);
}

static void
test_unref_stops (void)
{
  ShouDemoServer *server = new_server ("unref.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = NULL;

  g_assert_true (start_sync (server, NULL, &error));
  pid = g_strdup (shou_demo_server_get_identifier (server));
  g_assert_true (process_alive (pid));

  g_assert_finalize_object (server);
  g_assert_false (process_alive (pid));
}

static void
test_parent_dies (void)
{
  g_autofree char *pidfile = g_build_filename (tmpdir, "parent-dies.pid", NULL);
  g_autofree char *pid = NULL;

  if (g_test_subprocess ())
    {
      ShouDemoServer *server = new_server ("parent-dies.db");
      g_autoptr(GError) error = NULL;
      int devnull = open ("/dev/null", O_WRONLY);

      /* The trap reads our stderr until EOF; a surviving child must not
       * hold it open, or a failure would hang instead of failing. */
      g_assert_cmpint (dup2 (devnull, STDERR_FILENO), ==, STDERR_FILENO);
      close (devnull);
      g_assert_true (start_sync (server, NULL, &error));
      g_assert_true (g_file_set_contents (pidfile, shou_demo_server_get_identifier (server), -1, NULL));
      /* Die without stopping anything, as a crash would. */
      _exit (0);
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (pidfile, &pid, NULL, NULL));
  g_assert_cmpstr (pid, !=, "");
  assert_gone_soon (pid);
}

static void
test_port_taken (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(ShouDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken_url = NULL;
  g_autofree char *db = g_build_filename (tmpdir, "port-taken.db", NULL);
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  /* The preferred port is busy: the demo still opens, elsewhere. */
  server = g_object_new (SHOU_TYPE_DEMO_SERVER, "db-path", db, "port", port, NULL);
  g_assert_true (start_sync (server, NULL, &error));
  g_assert_no_error (error);
  taken_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (g_str_has_prefix (shou_demo_server_get_url (server), "http://127.0.0.1:"));
  g_assert_cmpstr (shou_demo_server_get_url (server), !=, taken_url);
}

static void
test_bad_binary (void)
{
  g_autoptr(ShouDemoServer) server = new_server ("bad.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SHOUHOU_SIM"));

  /* Exits at once: an error, not a hang. */
  g_setenv ("SHOUHOU_SIM", "/bin/false", TRUE);
  g_assert_false (start_sync (server, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (shou_demo_server_get_running (server));
  g_assert_null (shou_demo_server_get_identifier (server));
  g_clear_error (&error);

  g_setenv ("SHOUHOU_SIM", "/nonexistent/shouhou-sim", TRUE);
  g_assert_false (start_sync (server, NULL, &error));
  g_assert_nonnull (error);

  g_setenv ("SHOUHOU_SIM", saved, TRUE);
}

static char *
write_never_ready_sim (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "never-ready-sim", NULL);

  /* Prints forever but never "listening on"; the output must be drained. */
  g_assert_true (g_file_set_contents (path, "#!/bin/sh\nexec yes 'starting…'\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

static void
test_timeout (void)
{
  g_autoptr(ShouDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SHOUHOU_SIM"));
  g_autofree char *db = g_build_filename (tmpdir, "timeout.db", NULL);
  g_autofree char *sim = write_never_ready_sim ();
  g_autofree char *pid = NULL;
  gint64 start;

  g_setenv ("SHOUHOU_SIM", sim, TRUE);
  server = g_object_new (SHOU_TYPE_DEMO_SERVER, "db-path", db, "port", 0, "timeout", 1, NULL);
  start = g_get_monotonic_time ();
  g_assert_false (start_sync_pid (server, NULL, &pid, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_null (shou_demo_server_get_identifier (server));
  g_assert_nonnull (pid);
  g_assert_false (process_alive (pid));

  g_setenv ("SHOUHOU_SIM", saved, TRUE);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(ShouDemoServer) server = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SHOUHOU_SIM"));
  g_autofree char *db = g_build_filename (tmpdir, "cancel.db", NULL);
  g_autofree char *sim = write_never_ready_sim ();
  g_autofree char *pid = NULL;

  g_setenv ("SHOUHOU_SIM", sim, TRUE);
  server = g_object_new (SHOU_TYPE_DEMO_SERVER, "db-path", db, "port", 0, NULL);
  g_timeout_add (100, cancel_cb, cancellable);
  g_assert_false (start_sync_pid (server, cancellable, &pid, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (shou_demo_server_get_identifier (server));
  g_assert_nonnull (pid);
  g_assert_false (process_alive (pid));

  g_setenv ("SHOUHOU_SIM", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* The pid file and databases must be shared with a trap subprocess. */
  if (g_getenv ("SHOU_TEST_DEMO_TMPDIR") == NULL)
    {
      tmpdir = g_dir_make_tmp ("shou-demo-XXXXXX", NULL);
      g_assert_nonnull (tmpdir);
      g_setenv ("SHOU_TEST_DEMO_TMPDIR", tmpdir, TRUE);
    }
  else
    {
      tmpdir = g_strdup (g_getenv ("SHOU_TEST_DEMO_TMPDIR"));
    }

  g_test_add_func ("/demo-server/start-stop", test_start_stop);
  g_test_add_func ("/demo-server/keeps-data", test_keeps_data);
  g_test_add_func ("/demo-server/unref-stops", test_unref_stops);
  g_test_add_func ("/demo-server/parent-dies", test_parent_dies);
  g_test_add_func ("/demo-server/port-taken", test_port_taken);
  g_test_add_func ("/demo-server/bad-binary", test_bad_binary);
  g_test_add_func ("/demo-server/timeout", test_timeout);
  g_test_add_func ("/demo-server/cancel", test_cancel);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    {
      g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NONE, NULL, NULL);
      GFileInfo *info;
      GFile *child;

      while (children != NULL &&
             g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        g_file_delete (child, NULL, NULL);
      g_rmdir (tmpdir);
    }
  g_free (tmpdir);

  return ret;
}
