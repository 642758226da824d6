/* test-taobao-hub-gather.c: shouhou-hub (the real binary, `kind = taobao`)
 * with taobao-fake upstream on 127.0.0.1 (issue 23). A client sends 45
 * agree_refund requests at once, one HTTP request each with its own
 * Idempotency-Key: the hub gathers them and carries them in at most 3
 * taobao.rp.refunds.agree calls (20 refunds / 6,000 yuan a call, from the
 * profile). Each request gets its own answer: done, a version conflict,
 * or TOP's refusal of a refund the buyer closed. A replay of one key gets
 * the same answer and makes no call, as does a key sent twice at once.
 * Sent one at a time, they go alone. Real time. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "taobao-fake.h"
#include "shou-test-hub.h"

#define TOKEN  "merchant-token-tb-0001"
#define AGREE  "taobao.rp.refunds.agree"
#define N      45
#define STALE  7    /* sent with a version it did not see */
#define CLOSED 30   /* the buyer closed it on Taobao after the hub read it */
#define TWICE  3    /* its key sent twice at once */
#define ONE_BY_ONE 5  /* then sent one after another, as the desktop's outbox does */

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
authorise (const char *config,
           const char *database)
{
  const char *argv[] = { g_getenv ("SHOUHOU_HUB"), "--config", config, "--database", database,
                         "--authorise", "tb-1=https://shop.example/cb?code=good-code&state=x", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpstr (out, ==, "shop tb-1 authorised\n");
}

/* Waits (bounded) until the feed served @n aftersales: platform id →
 * {"id", "version"}. */
static GHashTable *
wait_feed (SoupSession *session,
           const char  *base,
           guint        n)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/changes?cursor=0&limit=500", base);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);

  for (guint round = 0; round < 100 && g_hash_table_size (seen) < n; round++)
    {
      g_autoptr(SoupMessage) msg = shou_test_hub_message ("GET", url, TOKEN, NULL, NULL);
      g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);
      g_autoptr(JsonNode) root = bytes ? json_from_string (g_bytes_get_data (bytes, NULL), NULL) : NULL;
      JsonArray *changes;

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      changes = json_object_get_array_member (json_node_get_object (root), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
            {
              JsonObject *data = json_object_get_object_member (c, "data");

              g_hash_table_replace (seen, g_strdup (json_object_get_string_member (data, "platform_id")),
                                    json_object_ref (data));
            }
        }
      if (g_hash_table_size (seen) < n)
        g_usleep (100000);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  return seen;
}

typedef struct
{
  SoupMessage *msg;
  GBytes      *bytes;
  guint       *left;
} Sent;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Sent *s = user_data;

  s->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  (*s->left)--;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static JsonObject *
answer_object (Sent *s)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert_nonnull (s->bytes);
  root = json_from_string (g_bytes_get_data (s->bytes, NULL), NULL);
  g_assert_nonnull (root);
  return json_object_ref (json_node_get_object (root));
}

static void
test_forty_five_at_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-taobao-gather-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "hub.ini", NULL);
  g_autofree char *database = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *ini = NULL;
  g_autoptr(PlatformFake) fake = taobao_fake_new ("fake-app-key", "fake-client-secret");
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100,
                                                                   "timeout", 60, NULL);
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) calls = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ids[N + ONE_BY_ONE];
  char *urls[N + ONE_BY_ONE];
  char *bodies[N + ONE_BY_ONE];
  char *keys[N + ONE_BY_ONE];
  Sent sent[N + 1];
  guint left = N + 1;
  guint sum = 0;
  guint all_calls;
  gboolean timed_out = FALSE;
  guint timeout;
  gint64 started;
  ShouTestHub hub;

  ini = g_strdup_printf ("[merchant m1]\nname=店主\ntoken-file=m1.token\n\n"
                         "[platform]\nkind=taobao\nclient-id=fake-app-key\nclient-secret-file=app.secret\n"
                         "token-key-file=token.key\nendpoint=%s\npull-from-hours=1\n\n"
                         "[shop tb-1]\nmerchant=m1\nplatform=taobao\nname=淘宝店\n",
                         platform_fake_get_url (fake));
  write_file (dir, "app.secret", "fake-client-secret\n");
  write_file (dir, "token.key", "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n");
  write_file (dir, "m1.token", TOKEN "\n");
  g_assert_true (g_file_set_contents (config, ini, -1, NULL));
  platform_fake_set_now (fake, now);
  authorise (config, database);
  for (guint i = 0; i < N + ONE_BY_ONE; i++)
    ids[i] = platform_fake_add_case (fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "10.00", now - 600 + i);

  hub = shou_test_hub_start (database, "--config", config, NULL);
  seen = wait_feed (session, hub.url, N + ONE_BY_ONE);
  platform_fake_set_status (fake, ids[CLOSED], TB_CLOSED, now - 1);

  for (guint i = 0; i < N + ONE_BY_ONE; i++)
    {
      g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i]);
      JsonObject *as = g_hash_table_lookup (seen, pid);
      gint64 version = json_object_get_int_member (as, "version");

      g_assert_nonnull (as);
      urls[i] = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url, json_object_get_string_member (as, "id"));
      bodies[i] = g_strdup_printf ("{\"action\":\"agree_refund\",\"expected_version\":%" G_GINT64_FORMAT
                                   ",\"params\":{\"amount_fen\":1000}}", i == STALE ? version - 1 : version);
      keys[i] = g_strdup_printf ("gather-agree-%02u-%" G_GINT64_FORMAT, i, ids[i]);
    }
  g_assert_cmpuint (platform_fake_count (fake, AGREE), ==, 0);

  /* All 45 at once, each on its own connection. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < N; i++)
    {
      sent[i] = (Sent) { shou_test_hub_message ("POST", urls[i], TOKEN, bodies[i], keys[i]), NULL, &left };
      soup_session_send_and_read_async (session, sent[i].msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &sent[i]);
    }
  sent[N] = (Sent) { shou_test_hub_message ("POST", urls[TWICE], TOKEN, bodies[TWICE], keys[TWICE]), NULL, &left };
  soup_session_send_and_read_async (session, sent[N].msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &sent[N]);
  timeout = g_timeout_add_seconds (60, on_timeout_cb, &timed_out);
  while (left > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_test_message ("%u answers in %.1f s", N + 1, (g_get_monotonic_time () - started) / 1e6);

  /* At most 3 agree calls carried the 44 refunds the hub let through. */
  calls = platform_fake_actions (fake, AGREE);
  g_assert_cmpuint (platform_fake_count (fake, AGREE), <=, 3);
  for (guint i = 0; calls[i] != NULL; i++)
    {
      g_auto(GStrv) refunds = g_strsplit (calls[i], ",", -1);

      g_test_message ("agree call %u: %u refunds", i + 1, g_strv_length (refunds));
      g_assert_cmpuint (g_strv_length (refunds), <=, 20);
      sum += g_strv_length (refunds);
    }
  g_assert_cmpuint (sum, ==, N - 1);
  g_test_message ("%u agree calls, %u TOP calls in all", platform_fake_count (fake, AGREE),
                  platform_fake_count_all (fake));

  /* Each request has its own answer. */
  for (guint i = 0; i < N; i++)
    {
      g_autoptr(JsonObject) answer = answer_object (&sent[i]);
      guint status = soup_message_get_status (sent[i].msg);

      if (i == STALE)
        {
          g_assert_cmpuint (status, ==, 409);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "error"), "code"),
                           ==, "version_conflict");
          g_assert_cmpint (platform_fake_get_status (fake, ids[i]), ==, TB_WAIT_SELLER_AGREE);
        }
      else if (i == CLOSED)
        {
          g_assert_cmpuint (status, ==, 422);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "error"), "code"),
                           ==, "platform_refused");
          g_assert_cmpint (platform_fake_get_status (fake, ids[i]), ==, TB_CLOSED);
        }
      else
        {
          g_assert_cmpuint (status, ==, 200);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "aftersale"),
                                                          "status"), ==, "success");
          g_assert_cmpint (platform_fake_get_status (fake, ids[i]), ==, TB_SUCCESS);
        }
      if (i != TWICE)
        g_assert_null (soup_message_headers_get_one (soup_message_get_response_headers (sent[i].msg),
                                                     "Idempotent-Replayed"));
    }
  /* The key sent twice: one answer, replayed to the other, one refund. */
  g_assert_cmpuint (soup_message_get_status (sent[N].msg), ==, soup_message_get_status (sent[TWICE].msg));
  g_assert_true (g_bytes_equal (sent[N].bytes, sent[TWICE].bytes));
  g_assert_true ((soup_message_headers_get_one (soup_message_get_response_headers (sent[N].msg),
                                                "Idempotent-Replayed") != NULL) !=
                 (soup_message_headers_get_one (soup_message_get_response_headers (sent[TWICE].msg),
                                                "Idempotent-Replayed") != NULL));

  /* A replay of one key (a done one and the refused one): the same answer,
   * no new call. */
  all_calls = platform_fake_count_all (fake);
  for (guint r = 0; r < 2; r++)
    {
      guint i = r == 0 ? 12 : CLOSED;
      g_autoptr(SoupMessage) again = shou_test_hub_message ("POST", urls[i], TOKEN, bodies[i], keys[i]);
      g_autoptr(GBytes) bytes = soup_session_send_and_read (session, again, NULL, NULL);

      g_assert_cmpuint (soup_message_get_status (again), ==, soup_message_get_status (sent[i].msg));
      g_assert_true (g_bytes_equal (bytes, sent[i].bytes));
      g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (again),
                                                     "Idempotent-Replayed"), ==, "true");
    }
  g_assert_cmpuint (platform_fake_count_all (fake), ==, all_calls);

  /* One at a time: each goes alone, and after the first without waiting
   * for company. */
  for (guint i = N; i < N + ONE_BY_ONE; i++)
    {
      g_autoptr(SoupMessage) msg = shou_test_hub_message ("POST", urls[i], TOKEN, bodies[i], keys[i]);
      g_autoptr(GBytes) bytes = NULL;
      gint64 t = g_get_monotonic_time ();

      bytes = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_test_message ("one by one: answer %u in %.0f ms", i - N + 1, (g_get_monotonic_time () - t) / 1e3);
      g_assert_cmpint (platform_fake_get_status (fake, ids[i]), ==, TB_SUCCESS);
    }
  g_assert_cmpuint (platform_fake_count (fake, AGREE), ==, g_strv_length (calls) + ONE_BY_ONE);
  g_assert_cmpuint (platform_fake_bad_signs (fake), ==, 0);

  g_object_unref (sent[N].msg);
  g_bytes_unref (sent[N].bytes);
  for (guint i = 0; i < N + ONE_BY_ONE; i++)
    {
      if (i < N)
        {
          g_object_unref (sent[i].msg);
          g_clear_pointer (&sent[i].bytes, g_bytes_unref);
        }
      g_free (urls[i]);
      g_free (bodies[i]);
      g_free (keys[i]);
    }
  shou_test_hub_stop (&hub);
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hub/taobao/gather/forty-five-requests-three-calls", test_forty_five_at_once);
  return g_test_run ();
}
