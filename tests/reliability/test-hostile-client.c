/* test-hostile-client.c: the simulator (the hub's HTTP layer) against
 * clients that misbehave, over real sockets: deep and non-strict JSON,
 * a 2 GB Content-Length, an endless chunked body, headers or a body that
 * trickle, 1,000 idle connections, a connection limit that is reached, and
 * running out of file descriptors. For each: no crash, an answer or a
 * close within its bound, the process's RSS within 64 MB of its start, and
 * a legitimate request answered within 1 s. The test raises its own file
 * limit for the 1,000 connections. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sim/sim-test-util.h"

/* The bound. AddressSanitizer's shadow memory and its quarantine of
 * freed blocks (up to 256 MB) grow RSS with every allocation, so a
 * sanitizer build checks only a loose bound: the figure is the plain
 * build's. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_LIMIT_KB (512 * 1024)
#else
#define RSS_LIMIT_KB (64 * 1024)
#endif

static gint64
rss_kb (void)
{
  g_autofree char *text = NULL;
  const char *at;

  g_assert_true (g_file_get_contents ("/proc/self/status", &text, NULL, NULL));
  at = strstr (text, "VmRSS:");
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + 6, NULL, 10);
}

static guint
server_port (SimFixture *f)
{
  const char *colon = strrchr (f->url, ':');

  return (guint) g_ascii_strtoull (colon + 1, NULL, 10);
}

/* A plain TCP connection to the server (connect needs no accept). */
static GSocket *
raw_connect (SimFixture *f)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (lo, server_port (f));
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  return socket;
}

static void
raw_send (GSocket    *socket,
          const char *data,
          gsize       length)
{
  gsize sent = 0;

  /* Small writes into a fresh socket's buffer: never more than a few tries. */
  for (guint i = 0; sent < length && i < 1000; i++)
    {
      gssize n = g_socket_send (socket, data + sent, length - sent, NULL, NULL);

      if (n > 0)
        sent += n;
      else
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Iterates the main context (the server lives in it) until @socket has
 * something to read or was closed, or @timeout_ms passed; returns what was
 * read (empty: closed; NULL: nothing in time). */
static GString *
raw_read (GSocket *socket,
          guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  GString *got = NULL;

  while (g_get_monotonic_time () < end)
    {
      char buf[4096];
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      if (!(g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR)))
        {
          g_usleep (1000);
          continue;
        }
      n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      if (n < 0)
        {
          /* Reset by the server (unread data at close): closed. */
          if (got == NULL)
            got = g_string_new (NULL);
          break;
        }
      if (got == NULL)
        got = g_string_new (NULL);
      if (n == 0)
        break;
      g_string_append_len (got, buf, n);
      if (strstr (got->str, "\r\n\r\n") != NULL)
        {
          /* Headers are in; take what else is already there. */
          g_usleep (20000);
          while ((n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL)) > 0)
            g_string_append_len (got, buf, n);
          break;
        }
    }
  return got;
}

/* A legitimate request on a new connection, answered within 1 s. */
static void
assert_served (SimFixture *f,
               const char *what)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_test_message ("%s: a legitimate request answered %u in %.1f ms", what, r->status, ms);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpfloat (ms, <, 1000.0);
}

static char *
deep_json (guint depth)
{
  GString *s = g_string_new ("{\"aftersale_id\": \"x\", \"action\": \"open\", \"text\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_json (SimFixture    *f,
           gconstpointer  data)
{
  static const char *const not_strict[] = {
    "{\"action\": \"message\", /* a comment */ \"expected_version\": 1, \"params\": {\"text\": \"hi\"}}",
    "{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"hi\"}} // trailing",
    "{'action': 'message', 'expected_version': 1, 'params': {'text': 'hi'}}",
    "{\"action\": \"message\", \"expected_version\": 0x1, \"params\": {\"text\": \"hi\"}}",
    "{\"action\": \"message\", \"action\": \"agree_refund\", \"expected_version\": 1, \"params\": {}}",
    "{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"hi\", \"text\": \"bye\"}}",
  };
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;
  g_autofree char *deep = deep_json (59000);
  gint64 start_kb = rss_kb ();

  /* 59,000 levels crashed the simulator, also unauthenticated. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep, strlen (deep));
    g_autoptr(SimResponse) control = sim_request_full (f, "POST", "/v1/test/buyer", NULL,
                                                       "application/json", bytes, NULL);
    g_autoptr(SimResponse) action = sim_request_full (f, "POST", path, SIM_TOKEN_A,
                                                      "application/json", bytes, "hostile-key-deep");

    g_assert_cmpuint (control->status, ==, 400);
    g_assert_cmpstr (sim_error_code (control), ==, "bad_json");
    g_assert_cmpuint (action->status, ==, 400);
    g_assert_cmpstr (sim_error_code (action), ==, "bad_json");
  }
  for (guint i = 0; i < G_N_ELEMENTS (not_strict); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (not_strict[i], strlen (not_strict[i]));
      g_autofree char *key = g_strdup_printf ("hostile-key-%u", i);
      g_autoptr(SimResponse) r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);

      g_test_message ("%s → %u", not_strict[i], r->status);
      g_assert_cmpuint (r->status, ==, 400);
      g_assert_cmpstr (sim_error_code (r), ==, "bad_json");
    }
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rss_kb () - start_kb, <, RSS_LIMIT_KB);
  assert_served (f, "after deep and non-strict JSON");
}

/* Zero-width and bidi controls are removed from what is stored; the
 * seller's full-width punctuation stays as written. */
static void
test_text_cleaned (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(SimResponse) r = sim_action (f, id, "message",
                                         "{\"text\": \"您好\\u200b，\\u202e已收到\\u2066！\\u2069谢谢\\ufeff\"}");
  g_autoptr(JsonObject) as = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  json_node_set_object (node, as);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "您好，已收到！谢谢"));
  g_assert_null (strstr (text, "\u202e"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strstr (text, "\xe2\x80\x8b"));
}

/* 2 GB announced: 413 at once, before a byte of the body. */
static void
test_content_length (SimFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(GSocket) socket = raw_connect (f);
  g_autoptr(GString) got = NULL;
  g_autofree char *head = g_strdup_printf ("POST /v1/test/buyer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 2147483648\r\n\r\n{\"aftersale_id\": ");
  gint64 start_kb = rss_kb ();
  gint64 t0 = g_get_monotonic_time ();
  double ms;

  raw_send (socket, head, strlen (head));
  got = raw_read (socket, 2000);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_assert_nonnull (got);
  g_test_message ("2 GB Content-Length: %.1f ms: %.40s", ms, got->str);
  g_assert_true (g_str_has_prefix (got->str, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (got->str, "too_large"));
  g_assert_cmpfloat (ms, <, 1000.0);
  g_assert_cmpint (rss_kb () - start_kb, <, RSS_LIMIT_KB);
  assert_served (f, "after a 2 GB Content-Length");
}

/* A chunked body without end: cut at the cap (1 MiB for JSON), 413. */
static void
test_streamed_body (SimFixture    *f,
                    gconstpointer  data)
{
  static const char head[] = "POST /v1/test/buyer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  g_autoptr(GSocket) socket = raw_connect (f);
  g_autofree char *chunk = NULL;
  g_autoptr(GString) got = NULL;
  gint64 start_kb = rss_kb ();
  gint64 t0 = g_get_monotonic_time ();
  gsize sent = 0;

  raw_send (socket, head, sizeof head - 1);
  chunk = g_strdup_printf ("10000\r\n%65536s\r\n", "");
  /* At most 64 MB offered; the server stops it long before. */
  while (sent < 64u << 20 && got == NULL)
    {
      gssize n = g_socket_send (socket, chunk, strlen (chunk), NULL, NULL);

      if (n > 0)
        sent += n;
      g_main_context_iteration (NULL, FALSE);
      if (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR))
        got = raw_read (socket, 2000);
      if (g_get_monotonic_time () - t0 > 20 * G_USEC_PER_SEC)
        break;
    }
  if (got == NULL)
    got = raw_read (socket, 3000);
  g_assert_nonnull (got);
  g_test_message ("endless chunked body: %" G_GSIZE_FORMAT " bytes sent, then “%.30s” after %.0f ms",
                  sent, got->str, (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_true (g_str_has_prefix (got->str, "HTTP/1.1 413"));
  g_assert_cmpuint (sent, <, 16u << 20);
  g_assert_cmpint (rss_kb () - start_kb, <, RSS_LIMIT_KB);
  assert_served (f, "after an endless chunked body");
}

/* Headers at a byte a second, and a body that stops: closed at the
 * header (body) timeout, here made short. */
static void
test_slow_clients (SimFixture    *f,
                   gconstpointer  data)
{
  ShouHubServer *hub = shou_sim_server_get_hub (f->server);
  g_autoptr(GSocket) slow_head = NULL;
  g_autoptr(GSocket) slow_body = NULL;
  g_autoptr(GString) got = NULL;
  static const char body_head[] = "POST /v1/test/buyer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a";
  gint64 t0;
  gboolean closed = FALSE;

  shou_hub_server_set_connection_limits (hub, 0, 1000, 1500);
  slow_head = raw_connect (f);
  t0 = g_get_monotonic_time ();
  raw_send (slow_head, "GET /v1/shops HTTP/1.1\r\nX-Slow: ", 32);
  for (guint i = 0; i < 10 && !closed; i++)
    {
      g_autoptr(GString) r = NULL;

      raw_send (slow_head, "a", 1);
      r = raw_read (slow_head, 400);
      closed = r != NULL;
    }
  g_test_message ("trickled headers: closed after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_true (closed);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 3 * G_USEC_PER_SEC);

  slow_body = raw_connect (f);
  t0 = g_get_monotonic_time ();
  raw_send (slow_body, body_head, sizeof body_head - 1);
  got = raw_read (slow_body, 4000);
  g_test_message ("stalled body: closed after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_nonnull (got);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (shou_hub_guard_get_timed_out (shou_hub_server_get_guard (hub)), >=, 2);
  assert_served (f, "after slow clients");
}

static gboolean
raise_file_limit (guint want)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_cur < want)
    {
      limit.rlim_cur = MIN (limit.rlim_max, want);
      g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
    }
  return limit.rlim_cur >= want;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* 1,000 connections that say nothing (they were 1,100 file descriptors
 * and a server at 100 % CPU): a legitimate request within 1 s. */
static void
test_idle_connections (SimFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start_kb;

  if (!raise_file_limit (4096))
    {
      g_test_skip ("The hard file limit is below 4096");
      return;
    }
  start_kb = rss_kb ();
  for (guint i = 0; i < 1000; i++)
    {
      g_ptr_array_add (idle, raw_connect (f));
      if (i % 50 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
  /* Let the server accept them all (bounded: 10 s). */
  for (guint i = 0; i < 10000 && shou_hub_server_get_open_connections (shou_sim_server_get_hub (f->server)) < 1000; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_test_message ("open connections: %u", shou_hub_server_get_open_connections (shou_sim_server_get_hub (f->server)));
  g_assert_cmpuint (shou_hub_server_get_open_connections (shou_sim_server_get_hub (f->server)), >=, 1000);
  assert_served (f, "1,000 idle connections");
  g_test_message ("RSS with 1,000 idle connections: +%" G_GINT64_FORMAT " kB", rss_kb () - start_kb);
  g_assert_cmpint (rss_kb () - start_kb, <, RSS_LIMIT_KB);
}

/* At the limit the longest-idle connection goes, not the new one. */
static void
test_limit_evicts_idle (SimFixture    *f,
                        gconstpointer  data)
{
  ShouHubServer *hub = shou_sim_server_get_hub (f->server);
  ShouHubGuard *guard = shou_hub_server_get_guard (hub);
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) first = NULL;

  shou_hub_server_set_connection_limits (hub, 40, 0, 0);
  for (guint i = 0; i < 60; i++)
    {
      g_ptr_array_add (idle, raw_connect (f));
      /* One at a time, so that they are idle in order. */
      for (guint j = 0; j < 5; j++)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  assert_served (f, "at a limit of 40 with 60 idle connections");
  g_test_message ("evicted: %" G_GUINT64_FORMAT, shou_hub_guard_get_evicted (guard));
  g_assert_cmpuint (shou_hub_guard_get_evicted (guard), >=, 20);
  /* The first (longest idle) was closed. */
  first = raw_read (idle->pdata[0], 1000);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->len, ==, 0);
}

/* Out of file descriptors: accepting fails; the server backs off instead
 * of spinning (it spun at 100 % CPU), and serves again once descriptors are
 * free. Runs in a subprocess whose file limit is lowered. */
static void
test_fd_exhaustion_subprocess (void)
{
  SimFixture fx = { 0 };
  SimFixture *f = &fx;
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  struct rlimit limit;
  struct rusage before;
  struct rusage after;
  double cpu;
  guint open_fds = 0;

  sim_fixture_setup (f, NULL);
  /* No limit of our own: the process's runs out first. */
  shou_hub_server_set_connection_limits (shou_sim_server_get_hub (f->server), 100000, 60000, 0);
  assert_served (f, "before");
  for (int fd = 0; fd < 4096; fd++)
    if (fcntl (fd, F_GETFD) != -1)
      open_fds++;
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  limit.rlim_cur = open_fds + 60;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  /* Client sockets take descriptors too: 40 of them, and the accepted
   * ends take the rest until accept fails. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (lo, server_port (f));
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

      if (socket == NULL)
        break;
      if (!g_socket_connect (socket, address, NULL, NULL))
        {
          g_object_unref (socket);
          break;
        }
      g_ptr_array_add (idle, socket);
    }
  getrusage (RUSAGE_SELF, &before);
  iterate_for (2000);
  getrusage (RUSAGE_SELF, &after);
  cpu = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
        ((after.ru_utime.tv_usec - before.ru_utime.tv_usec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec)) / 1e6;
  g_printerr ("# out of descriptors with %u clients: %" G_GUINT64_FORMAT " failed accepts, %.2f s of CPU in 2 s\n",
              idle->len, shou_hub_guard_get_accept_errors (shou_hub_server_get_guard (shou_sim_server_get_hub (f->server))),
              cpu);
  g_assert_cmpuint (shou_hub_guard_get_accept_errors (shou_hub_server_get_guard (shou_sim_server_get_hub (f->server))), >, 0);
  g_assert_cmpfloat (cpu, <, 0.6);
  /* Descriptors free again: served. */
  g_ptr_array_set_size (idle, 0);
  limit.rlim_cur = open_fds + 200;
  setrlimit (RLIMIT_NOFILE, &limit);
  iterate_for (1200);
  assert_served (f, "after descriptors are free again");
  sim_fixture_teardown (f, NULL);
}

static void
test_fd_exhaustion (void)
{
  g_test_trap_subprocess ("/hostile-client/fd-exhaustion/subprocess", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hostile-client/json", SimFixture, NULL, sim_fixture_setup, test_json, sim_fixture_teardown);
  g_test_add ("/hostile-client/text-cleaned", SimFixture, NULL, sim_fixture_setup, test_text_cleaned,
              sim_fixture_teardown);
  g_test_add ("/hostile-client/content-length", SimFixture, NULL, sim_fixture_setup, test_content_length,
              sim_fixture_teardown);
  g_test_add ("/hostile-client/streamed-body", SimFixture, NULL, sim_fixture_setup, test_streamed_body,
              sim_fixture_teardown);
  g_test_add ("/hostile-client/slow-clients", SimFixture, NULL, sim_fixture_setup, test_slow_clients,
              sim_fixture_teardown);
  g_test_add ("/hostile-client/idle-connections", SimFixture, NULL, sim_fixture_setup, test_idle_connections,
              sim_fixture_teardown);
  g_test_add ("/hostile-client/limit-evicts-idle", SimFixture, NULL, sim_fixture_setup, test_limit_evicts_idle,
              sim_fixture_teardown);
  g_test_add_func ("/hostile-client/fd-exhaustion", test_fd_exhaustion);
  g_test_add_func ("/hostile-client/fd-exhaustion/subprocess", test_fd_exhaustion_subprocess);
  return g_test_run ();
}
