/* bench-hub-load: 200 desktops' worth of clients against the hub for 30 s:
 * two shouhou-hub processes on one PostgreSQL database (the bench starts
 * its own server, tests/shou-test-pg.c) beside one shouhou-hub on SQLite.
 *
 * Each client is a desktop in a closed loop with no pause: it pulls the
 * change feed from its own cursor (pages of 500), reads a request of the
 * scale merchant and sends one action on it (a `message` with a fresh
 * Idempotency-Key at the version it read), then pulls again. Clients alternate between the hubs. Reported per setup:
 * requests per second (all three kinds), and p50/p99 latency of feed pulls
 * and of actions.
 *
 * SHOU_BENCH_CLIENTS (default 200), SHOU_BENCH_SECONDS (default 30),
 * SHOU_BENCH_N (scale requests, default 5,000). Every loop is bounded: no
 * new request starts after the time is up, and the wait for those in
 * flight is bounded by the session's timeout. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "shou-test-fs.h"
#include "shou-test-hub.h"
#include "shou-test-pg.h"

#define TOKEN "scale-token-5e0b7d3c"

typedef ShouTestHub Hub;

typedef struct _Load Load;

typedef struct
{
  Load       *load;
  guint       index;
  Hub        *hub;
  char       *cursor;
  guint       step;        /* 0: pull the feed, 1: read a request, 2: act on it */
  char       *id;          /* the request read */
  gint64      version;     /* its version */
  guint       actions;
  gint64      started;     /* of the request in flight */
} Client;

struct _Load
{
  SoupSession *session;
  GPtrArray   *ids;        /* request ids of the scale merchant */
  GArray      *feed_ms;    /* double */
  GArray      *action_ms;  /* double */
  guint        reads;
  guint        errors;
  guint        in_flight;
  gint64       deadline;
  GRand       *rand;
};

static SoupMessage *
new_message (const char *method,
             const char *url,
             const char *body,
             const char *key)
{
  return shou_test_hub_message (method, url, TOKEN, body, key);
}

static JsonObject *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void client_next (Client *client);

static void
on_answer_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  Load *load = client->load;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  double ms = (g_get_monotonic_time () - client->started) / 1000.0;
  guint status = error == NULL ? soup_message_get_status (msg) : 0;

  load->in_flight--;
  if (client->step == 2)
    {
      /* 200, or 409/422 when another client changed the request first: a
       * served answer either way. */
      if (status == 200 || status == 409 || status == 422)
        g_array_append_val (load->action_ms, ms);
      else
        load->errors++;
      client->step = 0;
    }
  else if (client->step == 1)
    {
      g_autoptr(JsonObject) body = status == 200 ? parse (bytes) : NULL;
      JsonObject *as = body ? json_object_get_object_member (body, "aftersale") : NULL;

      if (as != NULL)
        {
          load->reads++;
          client->version = json_object_get_int_member (as, "version");
          client->step = 2;
        }
      else
        {
          load->errors++;
          client->step = 0;
        }
    }
  else
    {
      g_autoptr(JsonObject) page = status == 200 ? parse (bytes) : NULL;

      if (page != NULL)
        {
          g_array_append_val (load->feed_ms, ms);
          g_free (client->cursor);
          client->cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
        }
      else
        load->errors++;
      client->step = 1;
    }
  client_next (client);
}

static void
client_next (Client *client)
{
  Load *load = client->load;
  g_autoptr(SoupMessage) msg = NULL;

  if (g_get_monotonic_time () >= load->deadline)
    return;
  if (client->step == 1)
    {
      /* The request's current version first (its answer is not timed as
       * an action), as a desktop shows a request before acting on it. */
      g_autofree char *url = NULL;

      g_free (client->id);
      client->id = g_strdup (load->ids->pdata[g_rand_int_range (load->rand, 0, load->ids->len)]);
      url = g_strdup_printf ("%s/v1/aftersales/%s", client->hub->url, client->id);
      msg = new_message ("GET", url, NULL, NULL);
    }
  else if (client->step == 2)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", client->hub->url, client->id);
      g_autofree char *key = g_strdup_printf ("load-%03u-%06u", client->index, ++client->actions);
      g_autofree char *text = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                               ", \"params\": {\"text\": \"您好，已收到，正在处理\"}}",
                                               client->version);

      msg = new_message ("POST", url, text, key);
    }
  else
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/changes?limit=500&cursor=%s", client->hub->url,
                                              client->cursor);

      msg = new_message ("GET", url, NULL, NULL);
    }
  load->in_flight++;
  client->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL, on_answer_cb, client);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* The scale merchant's request ids, through @hub's feed. */
static GPtrArray *
request_ids (SoupSession *session,
             Hub         *hub)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = g_strdup ("0");

  for (guint page = 0; page < 1000; page++)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/changes?limit=1000&cursor=%s", hub->url, cursor);
      g_autoptr(SoupMessage) msg = new_message ("GET", url, NULL, NULL);
      g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);
      g_autoptr(JsonObject) body = parse (bytes);
      JsonArray *changes;

      g_assert_nonnull (body);
      changes = json_object_get_array_member (body, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
            g_ptr_array_add (ids, g_strdup (json_object_get_string_member (c, "id")));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (body, "next_cursor"));
      if (!json_object_get_boolean_member (body, "has_more"))
        break;
    }
  return ids;
}

static void
run_load (const char *name,
          Hub        *hubs,
          guint       n_hubs,
          guint       n_clients,
          guint       seconds)
{
  Load load = { 0 };
  g_autofree Client *clients = g_new0 (Client, n_clients);
  guint total;
  double elapsed;
  gint64 start;

  load.session = soup_session_new_with_options ("timeout", 60, "max-conns", 2 * n_clients,
                                                "max-conns-per-host", n_clients, NULL);
  load.ids = request_ids (load.session, &hubs[0]);
  g_assert_cmpuint (load.ids->len, >, 0);
  load.feed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  load.action_ms = g_array_new (FALSE, FALSE, sizeof (double));
  load.rand = g_rand_new_with_seed (42);

  start = g_get_monotonic_time ();
  load.deadline = start + (gint64) seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < n_clients; i++)
    {
      clients[i].load = &load;
      clients[i].index = i;
      clients[i].hub = &hubs[i % n_hubs];
      /* A desktop that synced before: its cursor near the feed's end. */
      clients[i].cursor = g_strdup_printf ("%u", load.ids->len * 2);
      client_next (&clients[i]);
    }
  /* Bounded: nothing starts after the deadline; what is in flight ends
   * within the session's timeout. */
  for (guint64 spins = 0; load.in_flight > 0 && spins < 100000000; spins++)
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (load.in_flight, ==, 0);

  total = load.feed_ms->len + load.reads + load.action_ms->len;
  printf ("# %s: %u clients for %.1f s: %u requests, %.0f/s (feed pulls %u, reads %u, actions %u, errors %u)\n",
          name, n_clients, elapsed, total, total / elapsed, load.feed_ms->len, load.reads, load.action_ms->len,
          load.errors);
  printf ("# %s: feed pull p50 %.1f ms, p99 %.1f ms; action p50 %.1f ms, p99 %.1f ms\n", name,
          percentile (load.feed_ms, 0.5), percentile (load.feed_ms, 0.99),
          percentile (load.action_ms, 0.5), percentile (load.action_ms, 0.99));
  printf ("%s - %s: served under load (errors %u of %u)\n",
          load.errors * 100 <= total && total > 0 ? "ok" : "not ok", name, load.errors, total + load.errors);

  for (guint i = 0; i < n_clients; i++)
    {
      g_free (clients[i].cursor);
      g_free (clients[i].id);
    }
  g_rand_free (load.rand);
  g_array_unref (load.feed_ms);
  g_array_unref (load.action_ms);
  g_ptr_array_unref (load.ids);
  soup_session_abort (load.session);
  g_object_unref (load.session);
}

int
main (int   argc,
      char *argv[])
{
  const char *c_env = g_getenv ("SHOU_BENCH_CLIENTS");
  const char *s_env = g_getenv ("SHOU_BENCH_SECONDS");
  const char *n_env = g_getenv ("SHOU_BENCH_N");
  guint n_clients = c_env ? (guint) g_ascii_strtoull (c_env, NULL, 10) : 200;
  guint seconds = s_env ? (guint) g_ascii_strtoull (s_env, NULL, 10) : 30;
  guint n = n_env ? (guint) g_ascii_strtoull (n_env, NULL, 10) : 5000;
  g_autofree char *dir = g_dir_make_tmp ("shou-bench-load-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *scale = g_strdup_printf ("--scale=%u", n);
  Hub hubs[2] = { { 0 } };

  g_assert_nonnull (g_getenv ("SHOUHOU_HUB"));
  setvbuf (stdout, NULL, _IOLBF, 0);
  n_clients = CLAMP (n_clients, 1, 2000);
  seconds = CLAMP (seconds, 1, 600);
  printf ("1..%u\n", shou_test_pg_bindir () != NULL ? 2 : 1);

  hubs[0] = shou_test_hub_start (path, scale, NULL);
  run_load ("sqlite, one hub", hubs, 1, n_clients, seconds);
  shou_test_hub_stop (&hubs[0]);

  if (shou_test_pg_bindir () != NULL)
    {
      g_autofree char *url = NULL;

      g_assert_nonnull (shou_test_pg_start (&error));
      url = shou_test_pg_new_database ();
      hubs[0] = shou_test_hub_start (url, scale, NULL);
      hubs[1] = shou_test_hub_start (url, NULL);
      run_load ("postgresql, two hubs", hubs, 2, n_clients, seconds);
      shou_test_hub_stop (&hubs[0]);
      shou_test_hub_stop (&hubs[1]);
    }
  else
    printf ("# postgresql: not installed, skipped\n");
  shou_test_pg_stop ();
  shou_test_fs_rm_rf (dir);
  return 0;
}
