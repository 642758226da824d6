/* The simulator under many concurrent clients for a bounded time, as a
 * separate process on 127.0.0.1: each client is a thread with its own
 * SoupSession reading requests, following the change feed and posting
 * seller messages. No errors beyond the injected ones; latency
 * percentiles are reported as TAP comments.
 *
 *   test-load [--clients=N] [--seconds=S]   (CI: 20 clients for 2 s;
 *                                            the 'soak' suite: 200 for 10 s)
 */
#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <signal.h>

static guint n_clients = 20;
static double seconds = 2.0;
static gboolean on_demand;

static GSubprocess *sim;
static char *sim_dir;
static char *base_url;
static char *token;
static GPtrArray *request_ids;

typedef struct
{
  guint    index;
  gint64   deadline;
  GArray  *latencies_us;     /* gint64 */
  guint    requests;
  guint    injected;         /* 503 "unavailable": the faults asked for */
  guint    errors;           /* anything else that is not an API answer */
  guint    conflicts;        /* 409: another client moved the request first */
  char    *first_error;
} Client;

static void
client_error (Client     *c,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
client_error (Client     *c,
              const char *format,
              ...)
{
  va_list args;

  c->errors++;
  if (c->first_error == NULL)
    {
      va_start (args, format);
      c->first_error = g_strdup_vprintf (format, args);
      va_end (args);
    }
}

static JsonObject *
send (Client      *c,
      SoupSession *session,
      const char  *method,
      const char  *path,
      const char  *body,
      const char  *key,
      guint       *out_status)
{
  g_autofree char *uri = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 start;
  guint status;
  gsize len;
  const char *data;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (key)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  if (body)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }

  start = g_get_monotonic_time ();
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  {
    gint64 took = g_get_monotonic_time () - start;
    g_array_append_val (c->latencies_us, took);
  }
  c->requests++;
  *out_status = 0;
  if (reply == NULL)
    {
      client_error (c, "%s %s: %s", method, path, error->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  *out_status = status;
  data = g_bytes_get_data (reply, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      client_error (c, "%s %s: %u with a body that is not a JSON object", method, path, status);
      return NULL;
    }
  if (status == 503)
    {
      JsonObject *err = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");

      if (err && g_strcmp0 (json_object_get_string_member (err, "code"), "unavailable") == 0)
        c->injected++;
      else
        client_error (c, "%s %s: 503 that was not injected", method, path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gpointer
client_thread (gpointer user_data)
{
  Client *c = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  GRand *rand = g_rand_new_with_seed (c->index * 7919 + 1);
  guint n = 0;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 1, NULL);

  while (g_get_monotonic_time () < c->deadline)
    {
      const char *id = request_ids->pdata[g_rand_int_range (rand, 0, request_ids->len)];
      int roll = g_rand_int_range (rand, 0, 100);
      guint status = 0;

      if (roll < 45)
        {
          g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
          g_autoptr(JsonObject) r = send (c, session, "GET", path, NULL, NULL, &status);

          if (r && status != 200)
            client_error (c, "GET %s: %u", path, status);
        }
      else if (roll < 65)
        {
          g_autoptr(JsonObject) r = send (c, session, "GET", "/v1/changes?limit=100", NULL, NULL, &status);

          if (r && status != 200)
            client_error (c, "GET /v1/changes: %u", status);
        }
      else if (roll < 75)
        {
          g_autoptr(JsonObject) r = send (c, session, "GET", "/v1/shops", NULL, NULL, &status);

          if (r && status != 200)
            client_error (c, "GET /v1/shops: %u", status);
        }
      else
        {
          /* A seller message: read the version, then post with a fresh key. */
          g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
          g_autoptr(JsonObject) r = send (c, session, "GET", path, NULL, NULL, &status);
          g_autoptr(JsonObject) a = NULL;
          g_autofree char *action_path = NULL;
          g_autofree char *body = NULL;
          g_autofree char *key = NULL;
          JsonObject *as;

          if (r == NULL)
            continue;
          if (status != 200)
            {
              client_error (c, "GET %s: %u", path, status);
              continue;
            }
          as = json_object_get_object_member (r, "aftersale");
          action_path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
          body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                  ", \"params\": {\"text\": \"您好，正在为您处理\"}}",
                                  json_object_get_int_member (as, "version"));
          key = g_strdup_printf ("load-%03u-%08u", c->index, n++);
          a = send (c, session, "POST", action_path, body, key, &status);
          if (a == NULL)
            continue;
          if (status == 409)
            c->conflicts++;
          else if (status != 200 && status != 422)
            client_error (c, "POST %s: %u", action_path, status);
        }
    }

  g_main_context_pop_thread_default (context);
  g_rand_free (rand);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, gint64, MIN (i, sorted->len - 1)) / 1000.0;
}

static guint
set_faults (double rate)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (base_url, "/v1/test/faults", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *body = g_strdup_printf ("{\"rate\": %.3f, \"kinds\": [\"5xx\", \"latency\"],"
                                           " \"latency_ms\": 50, \"seed\": 7}", rate);
  g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", b);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

static void
run_load (double rate)
{
  Client *clients = g_new0 (Client, n_clients);
  GThread **threads = g_new0 (GThread *, n_clients);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  guint requests = 0, injected = 0, errors = 0, conflicts = 0;
  const char *first_error = NULL;
  double took;

  g_assert_cmpuint (set_faults (rate), ==, 200);
  for (guint i = 0; i < n_clients; i++)
    {
      clients[i].index = i;
      clients[i].deadline = deadline;
      clients[i].latencies_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      threads[i] = g_thread_new ("load-client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < n_clients; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (all, clients[i].latencies_us->data, clients[i].latencies_us->len);
      requests += clients[i].requests;
      injected += clients[i].injected;
      errors += clients[i].errors;
      conflicts += clients[i].conflicts;
      if (first_error == NULL)
        first_error = clients[i].first_error;
    }
  took = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (set_faults (0.0), ==, 200);

  g_array_sort (all, compare_gint64);
  g_test_message ("clients=%u duration=%.1fs requests=%u rate=%.0f/s fault_rate=%.2f", n_clients, took,
                  requests, requests / took, rate);
  g_test_message ("latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f", percentile_ms (all, 0.5),
                  percentile_ms (all, 0.9), percentile_ms (all, 0.99), percentile_ms (all, 1.0));
  g_test_message ("injected=%u errors=%u version_conflicts=%u", injected, errors, conflicts);
  if (first_error)
    g_test_message ("first error: %s", first_error);

  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (requests, >=, n_clients);
  if (rate > 0)
    g_assert_cmpuint (injected, >, 0);
  else
    g_assert_cmpuint (injected, ==, 0);
  /* Bounded: no request outlived the run by more than the client timeout. */
  g_assert_cmpfloat (took, <, seconds + 31);

  for (guint i = 0; i < n_clients; i++)
    {
      g_array_unref (clients[i].latencies_us);
      g_free (clients[i].first_error);
    }
  g_free (clients);
  g_free (threads);
}

static void
test_clean (void)
{
  run_load (0.0);
}

static void
test_faults (void)
{
  run_load (0.05);
}

static void
start_simulator (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *uri = NULL;
  g_autofree char *auth = NULL;
  const char *sim_path = g_getenv ("SHOUHOU_SIM");
  JsonArray *changes;

  g_assert_nonnull (sim_path);
  sim_dir = g_dir_make_tmp ("shou-load-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (sim_dir, "sim.db", NULL);
  sim = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sim_path, "--demo", "--test-controls",
                          "--no-buyers", "--quiet", "--port", "0", "--db", db, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  for (guint i = 0; i < 20 && token == NULL; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "listening on "))
        base_url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "token demo "))
        token = g_strdup (line + strlen ("token demo "));
    }
  g_assert_nonnull (base_url);
  g_assert_true (g_str_has_prefix (base_url, "http://127.0.0.1:"));
  g_assert_nonnull (token);

  /* The requests the clients will read and write. */
  uri = g_strconcat (base_url, "/v1/changes?limit=1000", NULL);
  msg = soup_message_new ("GET", uri);
  auth = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL));
  changes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "changes");
  request_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
        g_ptr_array_add (request_ids, g_strdup (json_object_get_string_member (c, "id")));
    }
  g_assert_cmpuint (request_ids->len, >, 50);
}

static void
stop_simulator (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Stopped by its own PID; it exits cleanly on SIGTERM. */
  g_subprocess_send_signal (sim, SIGTERM);
  if (!g_subprocess_wait (sim, NULL, NULL) || !g_subprocess_get_if_signaled (sim))
    g_assert_true (g_subprocess_get_if_exited (sim));
  g_clear_object (&sim);
  dir = g_dir_open (sim_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (sim_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (sim_dir);
  g_clear_pointer (&sim_dir, g_free);
  g_clear_pointer (&base_url, g_free);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&request_ids, g_ptr_array_unref);
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
  int ret;

  for (int i = 1; i < argc; i++)
    {
      gboolean ours = TRUE;

      if (g_str_equal (argv[i], "--on-demand"))
        on_demand = TRUE;
      else if (g_str_has_prefix (argv[i], "--clients="))
        n_clients = (guint) g_ascii_strtoull (argv[i] + 10, NULL, 10);
      else if (g_str_has_prefix (argv[i], "--seconds="))
        seconds = g_ascii_strtod (argv[i] + 10, NULL);
      else
        ours = FALSE;
      if (ours)
        {
          for (int j = i; j < argc; j++)
            argv[j] = argv[j + 1];
          argc--;
          i--;
        }
    }
  g_test_init (&argc, &argv, NULL);
  if (on_demand && g_getenv ("SHOU_SOAK") == NULL)
    {
      g_test_add_func ("/reliability/load/clean", skip_on_demand);
      return g_test_run ();
    }
  g_test_add_func ("/reliability/load/clean", test_clean);
  g_test_add_func ("/reliability/load/injected-faults", test_faults);

  start_simulator ();
  ret = g_test_run ();
  stop_simulator ();
  return ret;
}
