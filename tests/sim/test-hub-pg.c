/* test-hub-pg: two shouhou-hub processes on one PostgreSQL database.
 *
 * Every key is sent four times, through both hubs at once, while a reader
 * follows the change feed; one hub is killed with SIGKILL part way and its
 * unanswered sends are retried through the other. Then:
 * - each key had exactly one effect (one timeline entry, one version step)
 *   and every answer for it is the same;
 * - the feed read while the writes were in flight holds, id for id, what a
 *   fresh read through either hub holds (no late commit skipped), with
 *   positions rising strictly (no duplicates);
 * - a hub started again on the database serves the same feed.
 *
 * SHOU_TWO_HUBS_KEYS=N (default 159: 636 sends, in the sim suite) runs N
 * keys on merchant "scale" instead (2,500: the 10,000 sends of the soak
 * suite's hub-pg-two-hubs-10k). */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>

#include "shou-test-hub.h"
#include "shou-test-pg.h"
#include "sim-test-util.h"

#define DEMO_TOKEN "demo-token-7d1f0c52a9e4"
#define SCALE_TOKEN "scale-token-5e0b7d3c"
#define DEMO_KEYS 159
#define SENDS_PER_KEY 4
#define MAX_RETRIES 5

typedef ShouTestHub Hub;

typedef struct
{
  char   *id;
  char   *key;
  char   *body;
  gint64  version;        /* before the action */
  guint   answered;       /* answers (not counting lost connections and 5xx) */
  guint   status;         /* of the first answer */
  char   *answer;         /* the first answer's body */
  gboolean mismatch;      /* an answer differing from the first */
  guint   retries;
} Key;

typedef struct
{
  SoupSession *session;
  Hub          hubs[3];
  Key         *keys;
  guint        n_keys;
  guint        outstanding;
  guint        completed;
  guint        retried;
  guint        replayed;
  guint        kill_after;
  gboolean     killed;
  /* The reader following the feed through hub 0 meanwhile. */
  char        *cursor;
  GHashTable  *seen;      /* id → "kind:version" of its latest entry */
  gint64       last_seq;
  gboolean     reading;
  gboolean     duplicate;
  guint        polls;
} Run;

static const char *token = DEMO_TOKEN;
static guint max_keys = DEMO_KEYS;

static Hub
start_hub (const char *database,
           gboolean    demo)
{
  g_autofree char *scale = g_strdup_printf ("--scale=%u", max_keys * 2);

  return shou_test_hub_start (database, demo ? "--demo" : NULL, demo && max_keys > DEMO_KEYS ? scale : NULL, NULL);
}

static void
stop_hub (Hub *hub)
{
  shou_test_hub_stop (hub);
}

static SoupMessage *
new_message (const char *method,
             const char *url,
             const char *body,
             const char *key)
{
  return shou_test_hub_message (method, url, token, body, key);
}

/* Synchronous GET through @hub, pumping the default context. */
static JsonObject *
get_json (Run        *run,
          Hub        *hub,
          const char *path)
{
  g_autofree char *url = g_strconcat (hub->url, path, NULL);
  g_autoptr(SoupMessage) msg = new_message ("GET", url, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read (run->session, msg, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The whole feed through @hub: id → "kind:version", and the positions
 * rise strictly. */
static GHashTable *
read_feed (Run *run,
           Hub *hub)
{
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *cursor = g_strdup ("0");
  gint64 last = 0;

  /* Bounded: the feed of the demo and this run is a few thousand entries
   * (of the scale merchant a few ten thousand). */
  for (guint page = 0; page < 1000; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=500&cursor=%s", cursor);
      g_autoptr(JsonObject) body = get_json (run, hub, path);
      JsonArray *changes = json_object_get_array_member (body, "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          JsonObject *data = json_object_get_object_member (c, "data");
          gint64 seq = json_object_get_int_member (c, "seq");

          g_assert_cmpint (seq, >, last);
          last = seq;
          g_hash_table_replace (state, g_strdup (json_object_get_string_member (c, "id")),
                                g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                                 json_object_get_string_member (c, "kind"),
                                                 data ? json_object_get_int_member_with_default (data, "version", 0) : -1));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (body, "next_cursor"));
      if (!json_object_get_boolean_member (body, "has_more"))
        return state;
    }
  g_assert_not_reached ();
}

/* Compares two "kind:version" entries of one id: the difference of the
 * versions, or G_MININT when the kinds differ or one is missing. */
static gint64
entry_version (const char *later,
               const char *earlier)
{
  const char *a = later ? strchr (later, ':') : NULL;
  const char *b = earlier ? strchr (earlier, ':') : NULL;

  if (a == NULL || b == NULL || (a - later) != (b - earlier) || strncmp (later, earlier, a - later) != 0)
    return G_MININT;
  return g_ascii_strtoll (a + 1, NULL, 10) - g_ascii_strtoll (b + 1, NULL, 10);
}

static void send_key (Run   *run,
                      Key   *key,
                      guint  hub);

typedef struct
{
  Run   *run;
  Key   *key;
  guint  hub;
} Send;

static void
on_action_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Send *send = user_data;
  Run *run = send->run;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = error == NULL ? soup_message_get_status (msg) : 0;

  if (status != 0 && status < 500)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Idempotent-Replayed"))
        run->replayed++;
      send->key->answered++;
      if (send->key->answer == NULL)
        {
          send->key->answer = g_steal_pointer (&text);
          send->key->status = status;
        }
      else if (!g_str_equal (send->key->answer, text) || send->key->status != status)
        send->key->mismatch = TRUE;
    }
  else
    {
      /* The killed hub (or a lost connection): the same key again, through
       * hub 0, a bounded number of times. */
      g_assert_cmpuint (++send->key->retries, <=, MAX_RETRIES * SENDS_PER_KEY);
      run->retried++;
      send_key (run, send->key, 0);
      run->outstanding--;
      g_free (send);
      return;
    }
  run->outstanding--;
  run->completed++;
  if (!run->killed && run->completed >= run->kill_after)
    {
      /* SIGKILL: no chance to finish what it holds. */
      g_subprocess_force_exit (run->hubs[1].proc);
      run->killed = TRUE;
    }
  g_free (send);
}

static void
send_key (Run   *run,
          Key   *key,
          guint  hub)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", run->hubs[hub].url, key->id);
  g_autoptr(SoupMessage) msg = NULL;
  Send *send = g_new0 (Send, 1);

  /* Sends meant for the killed hub go to the other one. */
  if (hub == 1 && run->killed)
    {
      hub = 0;
      g_free (url);
      url = g_strdup_printf ("%s/v1/aftersales/%s/actions", run->hubs[0].url, key->id);
    }
  msg = new_message ("POST", url, key->body, key->key);
  send->run = run;
  send->key = key;
  send->hub = hub;
  run->outstanding++;
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_DEFAULT, NULL, on_action_cb, send);
}

static void poll_feed (Run *run);

static void
on_feed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  JsonArray *changes;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  body = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (body, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      JsonObject *data = json_object_get_object_member (c, "data");
      gint64 seq = json_object_get_int_member (c, "seq");

      if (seq <= run->last_seq)
        run->duplicate = TRUE;
      run->last_seq = seq;
      g_hash_table_replace (run->seen, g_strdup (json_object_get_string_member (c, "id")),
                            g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                             json_object_get_string_member (c, "kind"),
                                             data ? json_object_get_int_member_with_default (data, "version", 0) : -1));
    }
  g_free (run->cursor);
  run->cursor = g_strdup (json_object_get_string_member (body, "next_cursor"));
  run->polls++;
  run->reading = FALSE;
  /* Keep following while actions are in flight (bounded by them). */
  if (run->outstanding > 0 || json_object_get_boolean_member (body, "has_more"))
    poll_feed (run);
}

static void
poll_feed (Run *run)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/changes?limit=100&cursor=%s", run->hubs[0].url, run->cursor);
  g_autoptr(SoupMessage) msg = new_message ("GET", url, NULL, NULL);

  run->reading = TRUE;
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_LOW, NULL, on_feed_cb, run);
}

static void
test_two_hubs (void)
{
  g_autofree char *database = shou_test_pg_new_database ();
  g_autoptr(GHashTable) feed_a = NULL;
  g_autoptr(GHashTable) feed_c = NULL;
  g_autoptr(JsonObject) first = NULL;
  Run run = { 0 };
  GHashTableIter iter;
  gpointer id, value;
  guint effects = 0;

  run.session = soup_session_new_with_options ("timeout", 60, "max-conns", 64, "max-conns-per-host", 16, NULL);
  run.hubs[0] = start_hub (database, TRUE);
  run.hubs[1] = start_hub (database, FALSE);
  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.keys = g_new0 (Key, max_keys);
  run.cursor = g_strdup ("0");

  /* Open requests of the demo merchant, read through the second hub. */
  feed_a = read_feed (&run, &run.hubs[1]);
  g_hash_table_iter_init (&iter, feed_a);
  while (g_hash_table_iter_next (&iter, &id, &value) && run.n_keys < max_keys)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonObject) body = NULL;
      JsonObject *as;
      JsonArray *allowed;
      gboolean can_message = FALSE;
      Key *key;

      if (!g_str_has_prefix (value, "aftersale:"))
        continue;
      path = g_strdup_printf ("/v1/aftersales/%s", (const char *) id);
      body = get_json (&run, &run.hubs[1], path);
      as = json_object_get_object_member (body, "aftersale");
      allowed = json_object_get_array_member (as, "allowed_actions");
      for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
        can_message |= g_str_equal (json_array_get_string_element (allowed, i), "message");
      /* Not one whose deadline lapses during the run (a 409 for every send). */
      if (!can_message ||
          (!json_object_get_null_member (as, "deadline_at") &&
           json_object_get_int_member (as, "deadline_at") < g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC))
        continue;
      key = &run.keys[run.n_keys];
      key->id = g_strdup (id);
      key->key = g_strdup_printf ("two-hubs-%u-%08x", run.n_keys, g_random_int ());
      key->version = json_object_get_int_member (as, "version");
      key->body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT ","
                                   " \"params\": {\"text\": \"您好，已为您登记，编号 %s\"}}",
                                   key->version, key->key);
      run.n_keys++;
    }
  g_clear_pointer (&feed_a, g_hash_table_unref);
  g_assert_cmpuint (run.n_keys, >=, MIN (100, max_keys));
  g_test_message ("%u keys, %u sends each, through two hubs", run.n_keys, SENDS_PER_KEY);

  /* Every send at once; the session queues them (16 per hub at a time). */
  run.kill_after = run.n_keys * SENDS_PER_KEY / 3;
  poll_feed (&run);
  /* A key's sends go out together, half through each hub, so that they
   * race in the database. */
  for (guint k = 0; k < run.n_keys; k++)
    for (guint s = 0; s < SENDS_PER_KEY; s++)
      send_key (&run, &run.keys[k], s % 2);
  /* Bounded: every send ends within the session's timeout. */
  for (guint64 spins = 0; (run.outstanding > 0 || run.reading) && spins < 50000000; spins++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (run.outstanding, ==, 0);
  g_assert_true (run.killed);
  g_test_message ("%u answers, %u replayed, %u retried after the kill, %u feed polls",
                  run.completed, run.replayed, run.retried, run.polls);

  /* Exactly one effect per key, and the same answer for every send. */
  for (guint k = 0; k < run.n_keys; k++)
    {
      Key *key = &run.keys[k];
      g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", key->id);
      g_autoptr(JsonObject) body = get_json (&run, &run.hubs[0], path);
      JsonObject *as = json_object_get_object_member (body, "aftersale");
      JsonArray *timeline = json_object_get_array_member (as, "timeline");
      guint mine = 0;

      g_assert_cmpuint (key->answered, ==, SENDS_PER_KEY);
      g_assert_false (key->mismatch);
      /* A deadline may lapse meanwhile: then every send answers 409 and
       * nothing happened. */
      g_assert_true (key->status == 200 || key->status == 409);
      for (guint i = 0; i < json_array_get_length (timeline); i++)
        {
          const char *text = json_object_get_string_member_with_default (json_array_get_object_element (timeline, i),
                                                                         "text", "");

          if (strstr (text, key->key) != NULL)
            mine++;
        }
      g_assert_cmpuint (mine, ==, key->status == 200 ? 1 : 0);
      if (key->status == 200)
        g_assert_cmpint (json_object_get_int_member (as, "version"), >=, key->version + 1);
      effects += mine;
    }
  g_assert_cmpuint (effects, >=, run.n_keys * 9 / 10);
  g_assert_cmpuint (run.replayed, >=, run.n_keys * (SENDS_PER_KEY - 1) - run.retried);

  /* Fresh reads of the whole feed, through hub 0 and through a hub
   * started again in the killed one's place; then the reader that followed
   * the feed during the run catches up. Nothing it saw may be older than
   * the fresh reads (a change committed late and skipped would be). */
  g_assert_false (run.duplicate);
  g_clear_object (&run.hubs[1].proc);
  g_clear_pointer (&run.hubs[1].url, g_free);
  run.hubs[2] = start_hub (database, FALSE);
  feed_a = read_feed (&run, &run.hubs[0]);
  feed_c = read_feed (&run, &run.hubs[2]);
  poll_feed (&run);
  for (guint spins = 0; run.reading && spins < 1000000; spins++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.duplicate);
  g_assert_cmpuint (g_hash_table_size (feed_a), ==, g_hash_table_size (feed_c));
  g_assert_cmpuint (g_hash_table_size (feed_a), ==, g_hash_table_size (run.seen));
  g_hash_table_iter_init (&iter, feed_a);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      g_assert_cmpint (entry_version (g_hash_table_lookup (feed_c, id), value), >=, 0);
      g_assert_cmpint (entry_version (g_hash_table_lookup (run.seen, id), g_hash_table_lookup (feed_c, id)), >=, 0);
    }
  for (guint k = 0; k < run.n_keys; k++)
    if (run.keys[k].status == 200)
      {
        g_autofree char *done = g_strdup_printf ("aftersale:%" G_GINT64_FORMAT, run.keys[k].version + 1);

        g_assert_cmpint (entry_version (g_hash_table_lookup (run.seen, run.keys[k].id), done), >=, 0);
      }
  g_test_message ("feed: %u entities; followed during the run, it holds what fresh reads through"
                  " both hubs hold", g_hash_table_size (feed_a));

  for (guint k = 0; k < run.n_keys; k++)
    {
      g_free (run.keys[k].id);
      g_free (run.keys[k].key);
      g_free (run.keys[k].body);
      g_free (run.keys[k].answer);
    }
  stop_hub (&run.hubs[0]);
  stop_hub (&run.hubs[2]);
  g_hash_table_unref (run.seen);
  g_free (run.keys);
  g_free (run.cursor);
  soup_session_abort (run.session);
  g_object_unref (run.session);
}

int
main (int   argc,
      char *argv[])
{
  const char *keys = g_getenv ("SHOU_TWO_HUBS_KEYS");

  g_test_init (&argc, &argv, NULL);
  if (keys != NULL && g_ascii_strtoull (keys, NULL, 10) > DEMO_KEYS)
    {
      max_keys = MIN (g_ascii_strtoull (keys, NULL, 10), 10000);
      token = SCALE_TOKEN;
    }
  g_test_add_func ("/hub/pg/two-hubs", test_two_hubs);
  return g_test_run ();
}
