/* test-sim-demo: the demo world can be walked through (issue 17, item 15).
 *
 * - Demo buyers answer before they accept, and never accept a negotiation
 *   round that proposes nothing (a round-1 message).
 * - Every request's reason and words fit its goods and its order's state.
 * - Buyers' nicknames have the style of the shop's platform.
 * - With --demo-speed, a person reaches round 2 and the rejection of a
 *   Pinduoduo request within minutes (the real binary, over HTTP).
 *
 * The rules below are written by hand from what the goods are, not taken
 * from the simulator's tables. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sim-test-util.h"

/* The demo world over HTTP. */
typedef struct
{
  SimFixture     f;
  ShouSimServer *server;    /* in-process, or NULL */
  GSubprocess   *proc;      /* the binary, or NULL */
  SoupSession   *session;
  char          *dir;
  char          *url;
  char          *token;
} Demo;

static void
demo_start_in_process (Demo    *d,
                       guint32  seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  d->dir = g_dir_make_tmp ("shou-sim-demo-XXXXXX", NULL);
  db = sim_test_database (d->dir, "demo.db");
  d->server = shou_sim_server_new (db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  shou_sim_server_set_lapse_grace (d->server, 3 * SHOU_USEC_PER_HOUR);
  g_assert_true (shou_sim_server_add_demo (d->server, seed, &error));
  g_assert_cmpuint (shou_sim_server_listen (d->server, 0, &error), >, 0);
  d->session = soup_session_new_with_options ("timeout", 20, NULL);
  d->url = g_strdup (shou_sim_server_get_url (d->server));
  d->token = shou_sim_server_dup_token (d->server, "demo");
  d->f.server = d->server;
  d->f.session = d->session;
  d->f.url = d->url;
}

/* `shouhou-sim --demo --demo-speed SPEED --test-controls --no-buyers`:
 * buyers move only when the test steps them. FALSE when the binary is
 * missing or refuses the arguments. */
static gboolean
demo_start_binary (Demo       *d,
                   const char *speed)
{
  const char *sim = g_getenv ("SHOUHOU_SIM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *db = NULL;

  if (sim == NULL || !g_file_test (sim, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  d->dir = g_dir_make_tmp ("shou-sim-demo-XXXXXX", NULL);
  db = sim_test_database (d->dir, "demo.db");
  d->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              sim, "--port", "0", "--db", db, "--demo", "--demo-speed", speed,
                              "--test-controls", "--no-buyers", "--quiet", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (d->proc));
  for (guint i = 0; i < 8 && (d->url == NULL || d->token == NULL); i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      g_test_message ("shouhou-sim: %s", line);
      if (g_str_has_prefix (line, "listening on http://127.0.0.1:"))
        d->url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "token demo "))
        d->token = g_strdup (line + strlen ("token demo "));
    }
  if (d->url == NULL || d->token == NULL)
    return FALSE;
  d->session = soup_session_new_with_options ("timeout", 20, NULL);
  d->f.session = d->session;
  d->f.url = d->url;
  return TRUE;
}

static void
demo_stop (Demo *d)
{
  if (d->session != NULL)
    soup_session_abort (d->session);
  g_clear_object (&d->session);
  g_clear_object (&d->server);
  if (d->proc != NULL)
    {
      g_subprocess_send_signal (d->proc, SIGTERM);
      g_subprocess_wait (d->proc, NULL, NULL);
      g_clear_object (&d->proc);
    }
  if (d->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (d->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *p = g_build_filename (d->dir, name, NULL);
          g_unlink (p);
        }
      g_rmdir (d->dir);
    }
  g_clear_pointer (&d->dir, g_free);
  g_clear_pointer (&d->url, g_free);
  g_clear_pointer (&d->token, g_free);
}

/* Every after-sales request of the demo merchant at its latest state:
 * id → JsonObject. */
static GHashTable *
all_requests (Demo *d)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autofree char *cursor = g_strdup ("");

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", escaped);
      g_autoptr(SimResponse) r = sim_request (&d->f, "GET", path, d->token, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      changes = json_object_get_array_member (sim_object (r), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (change, "kind"), "aftersale"))
            g_hash_table_replace (all, g_strdup (json_object_get_string_member (change, "id")),
                                  json_object_ref (json_object_get_object_member (change, "data")));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
      if (!json_object_get_boolean_member (sim_object (r), "has_more"))
        break;
    }
  g_assert_cmpuint (g_hash_table_size (all), >, 100);
  return all;
}

static SimResponse *
action (Demo       *d,
        const char *id,
        const char *name,
        const char *params_json)
{
  static guint counter;
  g_autofree char *get = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(SimResponse) current = sim_request (&d->f, "GET", get, d->token, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *key = g_strdup_printf ("demo-test-%08u-%s", ++counter, id);
  g_autofree char *body = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpuint (current->status, ==, 200);
  body = g_strdup_printf ("{\"action\": \"%s\", \"expected_version\": %" G_GINT64_FORMAT ", \"params\": %s}",
                          name, json_object_get_int_member (sim_member (current, "aftersale"), "version"),
                          params_json ? params_json : "{}");
  bytes = g_bytes_new (body, strlen (body));
  return sim_request_full (&d->f, "POST", path, d->token, "application/json", bytes, key);
}

static JsonObject *
get_request (Demo       *d,
             const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(SimResponse) r = sim_request (&d->f, "GET", path, d->token, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (sim_member (r, "aftersale"));
}

static void
advance (Demo   *d,
         gint64  usec)
{
  g_autofree char *body = g_strdup_printf ("{\"advance_us\": %" G_GINT64_FORMAT "}", usec);
  g_autoptr(SimResponse) r = sim_request (&d->f, "POST", "/v1/test/clock", NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
step (Demo  *d,
      guint  moves)
{
  g_autofree char *body = g_strdup_printf ("{\"moves\": %u}", moves);
  g_autoptr(SimResponse) r = sim_request (&d->f, "POST", "/v1/test/step", NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
}

static gboolean
has_string (JsonObject *o,
            const char *member,
            const char *value)
{
  JsonArray *a = json_object_has_member (o, member) ? json_object_get_array_member (o, member) : NULL;

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (g_strcmp0 (json_array_get_string_element (a, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Goods words by hand: what each kind of goods is called in its title. */
static const char * const apparel[] = { "卫衣", "羽绒服", "大衣", "睡衣", "袜", NULL };
static const char * const footwear[] = { "靴", "鞋", NULL };
static const char * const cotton[] = { "纯棉", "全棉", NULL };

/* A buyer's words that only make sense for some goods: the word, and the
 * title words one of which the goods must have. */
static const struct {
  const char *word;
  const char *titles[8];
} text_rules[] = {
  { "纯棉", { "纯棉", "全棉", NULL } },
  { "耳机", { "耳机", NULL } },
  { "杯", { "杯", NULL } },
  { "水壶", { "水壶", NULL } },
  { "枕套", { "四件套", NULL } },
  { "吊牌", { "卫衣", "羽绒服", "大衣", "睡衣", "袜", "靴", NULL } },
  { "码", { "卫衣", "羽绒服", "大衣", "睡衣", "袜", "靴", "纸尿裤", NULL } },
  { "袖口", { "卫衣", "羽绒服", "大衣", "睡衣", NULL } },
  { "充不进电", { "充电宝", "牙刷", NULL } },
  { "宝宝", { "纸尿裤", NULL } },
  { "涂层", { "炸锅", NULL } },
  { "刷头", { "牙刷", NULL } },
  { "回充", { "扫地机器人", NULL } },
  { "续航", { "耳机", "充电宝", "扫地机器人", "牙刷", NULL } },
  { "受潮", { "坚果", NULL } },
  { "穿", { "卫衣", "羽绒服", "大衣", "睡衣", "袜", "靴", NULL } },
  { "机器", { "扫地机器人", "炸锅", "水壶", NULL } },
};

/* Item 15: no "纯棉" robot vacuum. Returns the number of requests checked. */
static guint
check_texts_fit (GHashTable *all)
{
  GHashTableIter iter;
  gpointer value;
  guint checked = 0;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *as = value;
      const char *id = json_object_get_string_member (as, "id");
      const char *title = json_object_get_string_member (json_object_get_object_member (as, "line"), "title");
      const char *reason = json_object_get_string_member_with_default (as, "reason_code", "");
      const char *text = json_object_get_string_member_with_default (as, "buyer_text", "");
      const char *order_state = json_object_get_string_member_with_default (as, "order_state", "");

      if (g_str_equal (reason, "size_mismatch") && !contains_any (title, apparel) && !contains_any (title, footwear))
        g_error ("%s: size_mismatch for “%s”", id, title);
      if (g_str_equal (order_state, "pending_shipment") &&
          !g_str_equal (reason, "late_shipping") && !g_str_equal (reason, "not_wanted"))
        g_error ("%s: reason %s on an order not yet shipped (“%s”)", id, reason, text);
      if (g_str_equal (order_state, "completed") &&
          (g_str_equal (reason, "late_shipping") || g_str_equal (reason, "not_received")))
        g_error ("%s: reason %s on a completed order", id, reason);
      if (strstr (text, "纯棉") != NULL && !contains_any (title, cotton))
        g_error ("%s: “%s” says 纯棉 about “%s”", id, text, title);
      for (guint r = 0; r < G_N_ELEMENTS (text_rules); r++)
        if (strstr (text, text_rules[r].word) != NULL &&
            !contains_any (title, text_rules[r].titles))
          g_error ("%s: the buyer writes “%s” about “%s”", id, text, title);
      checked++;
    }
  return checked;
}

static void
test_texts_fit_goods (void)
{
  static const guint32 seeds[] = { 20261111, 1, 7 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      Demo d = { 0 };
      g_autoptr(GHashTable) all = NULL;

      demo_start_in_process (&d, seeds[s]);
      all = all_requests (&d);
      g_test_message ("seed %u: %u requests checked", seeds[s], check_texts_fit (all));
      /* Requests the buyers open later fit too. */
      step (&d, 300);
      g_clear_pointer (&all, g_hash_table_unref);
      all = all_requests (&d);
      check_texts_fit (all);
      demo_stop (&d);
    }
}

/* Nicknames a platform gives by default, by hand: "tb…" (Taobao, Tmall),
 * "jd_…" (JD), "用户…" and "抖音…" (Douyin), "pdd…" and 拼 names (Pinduoduo). */
static const char *
nick_platform (const char *nick)
{
  if (g_str_has_prefix (nick, "tb") && g_ascii_isdigit (nick[2]))
    return "taobao";
  if (g_str_has_prefix (nick, "jd_"))
    return "jd";
  if (g_str_has_prefix (nick, "用户") || strstr (nick, "抖音") != NULL)
    return "douyin";
  if (g_str_has_prefix (nick, "pdd") || strstr (nick, "拼") != NULL)
    return "pdd";
  return NULL;
}

static void
test_nicks_fit_platform (void)
{
  Demo d = { 0 };
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) styled = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  demo_start_in_process (&d, 20261111);
  step (&d, 200);
  all = all_requests (&d);
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *as = value;
      const char *nick = json_object_get_string_member_with_default (as, "buyer_nick", "");
      const char *platform = json_object_get_string_member (as, "platform");
      const char *style = nick_platform (nick);
      const char *family = g_str_equal (platform, "tmall") ? "taobao" : platform;

      if (style == NULL)
        continue;
      if (!g_str_equal (style, family))
        g_error ("%s (%s shop): the %s-style nickname “%s”", json_object_get_string_member (as, "id"),
                 platform, style, nick);
      g_hash_table_add (styled, (gpointer) g_intern_string (family));
    }
  /* Each platform's shop shows its own default nicknames too. */
  g_assert_true (g_hash_table_contains (styled, "taobao"));
  g_assert_true (g_hash_table_contains (styled, "pdd"));
  g_assert_true (g_hash_table_contains (styled, "douyin"));
  g_assert_true (g_hash_table_contains (styled, "jd"));
  demo_stop (&d);
}

/* A negotiation that the buyer accepted: the accepted round proposed
 * something, and the buyer had answered an earlier round. */
static void
check_acceptances (GHashTable *all,
                   guint      *out_accepted,
                   guint      *out_replied)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *as = value;
      JsonObject *nego = json_object_get_object_member (as, "negotiation");
      JsonArray *rounds = nego && json_object_has_member (nego, "rounds")
                          ? json_object_get_array_member (nego, "rounds") : NULL;
      gboolean replied = FALSE;

      for (guint i = 0; rounds != NULL && i < json_array_get_length (rounds); i++)
        {
          JsonObject *round = json_array_get_object_element (rounds, i);
          const char *proposal = json_object_get_string_member_with_default (round, "proposal", "none");

          if (json_object_get_boolean_member_with_default (round, "accepted", FALSE))
            {
              if (g_strcmp0 (proposal, "none") == 0 &&
                  json_object_get_int_member_with_default (round, "amount_fen", 0) <= 0)
                g_error ("%s: the buyer accepted round %" G_GINT64_FORMAT ", which proposed nothing (“%s”)",
                         json_object_get_string_member (as, "id"), json_object_get_int_member (round, "round"),
                         json_object_get_string_member_with_default (round, "text", ""));
              if (!replied)
                g_error ("%s: the buyer accepted round %" G_GINT64_FORMAT " without replying to anything before",
                         json_object_get_string_member (as, "id"), json_object_get_int_member (round, "round"));
              (*out_accepted)++;
            }
          if (json_object_has_member (round, "reply") && !json_object_get_null_member (round, "reply"))
            {
              replied = TRUE;
              (*out_replied)++;
            }
        }
    }
}

/* Round 1 on every Pinduoduo request that allows it, then many buyer moves:
 * none accepts a round that proposes nothing; buyers reply first. */
static void
test_buyers_reply_before_accepting (void)
{
  Demo d = { 0 };
  g_autoptr(GHashTable) all = NULL;
  GHashTableIter iter;
  gpointer value;
  guint sent = 0, accepted = 0, replied = 0;

  demo_start_in_process (&d, 20261111);
  all = all_requests (&d);
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *as = value;

      if (g_str_equal (json_object_get_string_member (as, "platform"), "pdd") &&
          has_string (as, "allowed_actions", "negotiate") &&
          g_str_equal (json_object_get_string_member (as, "status"), "wait_seller"))
        {
          g_autoptr(SimResponse) r = action (&d, json_object_get_string_member (as, "id"), "negotiate",
                                             "{\"round\": 1, \"text\": \"亲，麻烦提供一下商品问题的照片，我们核实后马上处理\"}");
          if (r->status == 200)
            sent++;
        }
    }
  g_assert_cmpuint (sent, >=, 3);

  for (guint batch = 0; batch < 8; batch++)
    {
      advance (&d, 2 * SHOU_USEC_PER_MINUTE);
      step (&d, 100);
    }
  g_clear_pointer (&all, g_hash_table_unref);
  all = all_requests (&d);
  check_acceptances (all, &accepted, &replied);
  g_test_message ("%u round-1 messages sent; %u replies, %u acceptances", sent, replied, accepted);
  g_assert_cmpuint (replied, >, sent);
  demo_stop (&d);
}

static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
  0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
  0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
  0x44, 0xae, 0x42, 0x60, 0x82,
};

/* The seller's round on @id got its answer (a reply or an acceptance). */
static gboolean
round_answered (Demo       *d,
                const char *id,
                guint       round)
{
  g_autoptr(JsonObject) as = get_request (d, id);
  JsonArray *rounds = json_object_get_array_member (json_object_get_object_member (as, "negotiation"), "rounds");

  if (json_array_get_length (rounds) < round)
    return FALSE;
  return !json_object_get_null_member (json_array_get_object_element (rounds, round - 1), "reply");
}

/* What a person does in the demo at --demo-speed 20: round 1, the buyer's
 * answer, round 2 with a small offer, the buyer's refusal, the rejection.
 * Server time moves 6 s per buyer move: the whole walk is under a minute of
 * the buyers' time (three minutes at speed 1 with a 90 s answer time). */
static void
test_walk_through_at_speed (void)
{
  Demo d = { 0 };
  g_autoptr(GHashTable) all = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *round2 = NULL;
  g_autofree char *reject = NULL;
  GHashTableIter iter;
  gpointer value;
  guint moves;

  if (!demo_start_binary (&d, "20"))
    {
      demo_stop (&d);
      g_error ("shouhou-sim --demo --demo-speed 20 did not start");
    }
  all = all_requests (&d);
  g_hash_table_iter_init (&iter, all);
  while (id == NULL && g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *as = value;

      if (g_str_equal (json_object_get_string_member (as, "platform"), "pdd") &&
          g_str_equal (json_object_get_string_member (as, "status"), "wait_seller") &&
          has_string (as, "allowed_actions", "negotiate"))
        id = g_strdup (json_object_get_string_member (as, "id"));
    }
  g_assert_nonnull (id);

  {
    g_autoptr(SimResponse) r1 = action (&d, id, "negotiate",
                                        "{\"round\": 1, \"text\": \"亲，麻烦提供一下商品问题的照片\"}");
    g_assert_cmpuint (r1->status, ==, 200);
  }
  for (moves = 0; moves < 10 && !round_answered (&d, id, 1); moves++)
    {
      advance (&d, 6 * G_USEC_PER_SEC);
      step (&d, 1);
    }
  if (!round_answered (&d, id, 1))
    g_error ("round 1 of %s is not answered after %u buyer moves at speed 20", id, moves);

  {
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=product_photo", id);
    g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
    g_autoptr(SimResponse) up = sim_request_full (&d.f, "POST", path, d.token, "image/png", bytes, NULL);
    g_autoptr(SimResponse) r2 = NULL;

    g_assert_cmpuint (up->status, ==, 201);
    sha = g_strdup (json_object_get_string_member (sim_member (up, "evidence"), "id"));
    round2 = g_strdup_printf ("{\"round\": 2, \"text\": \"核实后可以补偿您1元，商品无需退回\", \"proposal\": \"partial_refund\","
                              " \"amount_fen\": 100, \"evidence\": [\"%s\"]}", sha);
    r2 = action (&d, id, "negotiate", round2);
    g_assert_cmpuint (r2->status, ==, 200);
  }
  for (moves = 0; moves < 10 && !round_answered (&d, id, 2); moves++)
    {
      advance (&d, 6 * G_USEC_PER_SEC);
      step (&d, 1);
    }
  if (!round_answered (&d, id, 2))
    g_error ("round 2 of %s is not answered after %u buyer moves at speed 20", id, moves);

  {
    g_autoptr(SimResponse) reasons = sim_request (&d.f, "GET", "/v1/reasons?platform=pdd", d.token, NULL);
    JsonArray *list = json_object_get_array_member (sim_object (reasons), "reasons");
    const char *code = json_object_get_string_member (json_array_get_object_element (list, 0), "code");
    g_autoptr(SimResponse) rejected = NULL;

    reject = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品已使用，影响二次销售，附照片\","
                              " \"evidence\": [\"%s\"]}", code, sha);
    rejected = action (&d, id, "reject", reject);
    if (rejected->status != 200)
      g_error ("rejecting %s after round 2 was answered: HTTP %u %s", id, rejected->status,
               (const char *) g_bytes_get_data (rejected->body, NULL));
    g_assert_cmpstr (json_object_get_string_member (sim_member (rejected, "aftersale"), "status"), ==, "refused");
  }
  demo_stop (&d);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/demo/texts-fit-goods", test_texts_fit_goods);
  g_test_add_func ("/sim/demo/nicks-fit-platform", test_nicks_fit_platform);
  g_test_add_func ("/sim/demo/buyers-reply-before-accepting", test_buyers_reply_before_accepting);
  g_test_add_func ("/sim/demo/walk-through-at-speed", test_walk_through_at_speed);
  return g_test_run ();
}
