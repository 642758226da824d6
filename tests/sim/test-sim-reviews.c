/* test-sim-reviews: the care records on both engines. Bad reviews (API.md
 * "review"): create by hand, follow up (contact, remedy, changed, reply)
 * through idempotent actions, 400/409/422 as for requests, the change
 * feed, merchant isolation, and the simulated buyers' own reviews.
 * Complaints ("complaint") and logistics incidents ("incident"): the
 * same, through their own steps. */
#include "config.h"

#include "shou-test-fs.h"
#include "sim-test-util.h"

static SimResponse *
post_keyed (SimFixture *f,
            const char *path,
            const char *token,
            const char *key,
            const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, token, "application/json", bytes, key);
}

/* An action on /v1/@collection/@id with a key of its own. */
static SimResponse *
care_action (SimFixture *f,
             const char *collection,
             const char *token,
             const char *id,
             const char *action,
             gint64      version,
             const char *params)
{
  static guint counter;
  g_autofree char *path = g_strdup_printf ("/v1/%s/%s/actions", collection, id);
  g_autofree char *key = g_strdup_printf ("%s-key-%06u", collection, ++counter);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"%s\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": %s}", action, version, params ? params : "{}");

  return post_keyed (f, path, token, key, body);
}

#define review_action(f, token, id, action, version, params) \
  care_action (f, "reviews", token, id, action, version, params)
#define complaint_action(f, token, id, action, version, params) \
  care_action (f, "complaints", token, id, action, version, params)
#define incident_action(f, token, id, action, version, params) \
  care_action (f, "incidents", token, id, action, version, params)

static JsonObject *
create_review (SimFixture *f,
               const char *order_id)
{
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                           " \"buyer_nick\": \"t**y\", \"rating\": \"bad\","
                                           " \"text\": \"<b>质量太差</b>\", \"reason_code\": \"quality\"}",
                                           order_id);
  g_autoptr(SimResponse) r = post_keyed (f, "/v1/reviews", SIM_TOKEN_A, "create-review-0001", body);

  g_assert_cmpuint (r->status, ==, 201);
  return json_object_ref (sim_member (r, "review"));
}

static gint64
version_of (SimResponse *r)
{
  return json_object_get_int_member (sim_member (r, "review"), "version");
}

/* The follow-up in order, with the answers a desktop must be able to act on. */
static void
test_follow_up (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "completed");
  g_autoptr(JsonObject) review = create_review (f, order_id);
  const char *id = json_object_get_string_member (review, "id");
  g_autofree char *get_path = g_strdup_printf ("/v1/reviews/%s", id);
  g_autofree char *body = NULL;
  gint64 v = json_object_get_int_member (review, "version");

  /* As created: the buyer's words kept as they were, nothing done yet. */
  g_assert_cmpstr (json_object_get_string_member (review, "text"), ==, "<b>质量太差</b>");
  g_assert_cmpstr (json_object_get_string_member (review, "source"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (review, "order_id"), ==, order_id);
  g_assert_nonnull (json_object_get_string_member (review, "order_no"));
  g_assert_cmpint (json_object_get_int_member (review, "buyer_bad_reviews"), ==, 1);
  g_assert_true (json_object_get_null_member (review, "contacted_at"));
  g_assert_true (json_object_get_null_member (review, "reply"));
  g_assert_cmpint (v, ==, 1);

  /* The same key and body again: the same review, not a second one. */
  {
    g_autofree char *again = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                              " \"buyer_nick\": \"t**y\", \"rating\": \"bad\","
                                              " \"text\": \"<b>质量太差</b>\", \"reason_code\": \"quality\"}",
                                              order_id);
    g_autoptr(SimResponse) r = post_keyed (f, "/v1/reviews", SIM_TOKEN_A, "create-review-0001", again);
    g_autoptr(SimResponse) other = post_keyed (f, "/v1/reviews", SIM_TOKEN_A, "create-review-0001",
                                               "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"x\", \"rating\": \"bad\"}");

    g_assert_cmpuint (r->status, ==, 201);
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Idempotent-Replayed"), ==, "true");
    g_assert_cmpstr (json_object_get_string_member (sim_member (r, "review"), "id"), ==, id);
    g_assert_cmpuint (other->status, ==, 422);
    g_assert_cmpstr (sim_error_code (other), ==, "idempotency_mismatch");
  }

  /* Before contacting the buyer: no remedy, no "changed". */
  {
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "mark_changed", v, "{\"changed\": true}");

    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (sim_error_field (r, "reason"), ==, "not_contacted");
  }
  {
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "contact", v, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_false (json_object_get_null_member (sim_member (r, "review"), "contacted_at"));
    g_assert_cmpint (version_of (r), ==, v + 1);
    v = version_of (r);
  }
  /* A stale version: 409 with the current one. */
  {
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "contact", v - 1, NULL);

    g_assert_cmpuint (r->status, ==, 409);
    g_assert_cmpstr (sim_error_code (r), ==, "version_conflict");
    g_assert_cmpint (json_object_get_int_member (sim_member (r, "error"), "current_version"), ==, v);
  }
  /* Bad input: 400 naming the field, nothing changed. */
  {
    g_autoptr(SimResponse) a = review_action (f, SIM_TOKEN_A, id, "offer_remedy", v, "{\"kind\": \"cash\"}");
    g_autoptr(SimResponse) b = review_action (f, SIM_TOKEN_A, id, "offer_remedy", v,
                                              "{\"kind\": \"price_difference\"}");
    g_autoptr(SimResponse) c = review_action (f, SIM_TOKEN_A, id, "offer_remedy", v,
                                              "{\"kind\": \"gift\", \"note\": \"x\"}");
    g_autoptr(SimResponse) d = review_action (f, SIM_TOKEN_A, id, "shout", v, NULL);
    g_autoptr(SimResponse) e = review_action (f, SIM_TOKEN_A, id, "reply", v, "{\"text\": \"  \"}");

    g_assert_cmpuint (a->status, ==, 400);
    g_assert_cmpstr (sim_error_field (a, "field"), ==, "kind");
    g_assert_cmpuint (b->status, ==, 400);
    g_assert_cmpstr (sim_error_field (b, "detail"), ==, "amount_out_of_range");
    g_assert_cmpuint (c->status, ==, 400);
    g_assert_cmpstr (sim_error_field (c, "field"), ==, "params.note");
    g_assert_cmpuint (d->status, ==, 400);
    g_assert_cmpstr (sim_error_field (d, "detail"), ==, "unknown_action");
    g_assert_cmpuint (e->status, ==, 400);
    g_assert_cmpstr (sim_error_field (e, "detail"), ==, "empty");
  }
  /* A price difference above ¥5 is the shop's policy: 422. */
  {
    g_autoptr(SimResponse) over = review_action (f, SIM_TOKEN_A, id, "offer_remedy", v,
                                                 "{\"kind\": \"price_difference\", \"amount_fen\": 501}");
    g_autoptr(SimResponse) ok = review_action (f, SIM_TOKEN_A, id, "offer_remedy", v,
                                               "{\"kind\": \"price_difference\", \"amount_fen\": 500}");
    JsonObject *remedy;

    g_assert_cmpuint (over->status, ==, 422);
    g_assert_cmpstr (sim_error_field (over, "reason"), ==, "over_remedy_cap");
    g_assert_cmpuint (ok->status, ==, 200);
    remedy = json_object_get_object_member (sim_member (ok, "review"), "remedy");
    g_assert_cmpstr (json_object_get_string_member (remedy, "kind"), ==, "price_difference");
    g_assert_cmpint (json_object_get_int_member (remedy, "amount_fen"), ==, 500);
    v = version_of (ok);
  }
  {
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "mark_changed", v, "{\"changed\": true}");
    g_autoptr(SimResponse) again = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (sim_member (r, "review"), "changed"));
    g_assert_false (json_object_get_null_member (sim_member (r, "review"), "settled_at"));
    v = version_of (r);
    again = review_action (f, SIM_TOKEN_A, id, "contact", v, NULL);
    g_assert_cmpuint (again->status, ==, 422);
    g_assert_cmpstr (sim_error_field (again, "reason"), ==, "review_settled");
  }
  /* The public reply, once; third-party words refused. */
  {
    g_autoptr(SimResponse) bad = review_action (f, SIM_TOKEN_A, id, "reply", v, "{\"text\": \"加微信退款\"}");
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "reply", v, "{\"text\": \"感谢反馈，已为您处理。\"}");
    g_autoptr(SimResponse) twice = NULL;

    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_cmpstr (sim_error_field (bad, "detail"), ==, "sensitive_word");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sim_member (r, "review"), "reply"),
                                                    "text"), ==, "感谢反馈，已为您处理。");
    v = version_of (r);
    twice = review_action (f, SIM_TOKEN_A, id, "reply", v, "{\"text\": \"再说一次\"}");
    g_assert_cmpuint (twice->status, ==, 422);
    g_assert_cmpstr (sim_error_field (twice, "reason"), ==, "already_replied");
  }
  /* GET shows the latest state; the feed has it once, at its latest. */
  {
    g_autoptr(SimResponse) r = sim_request (f, "GET", get_path, SIM_TOKEN_A, NULL);
    g_autoptr(SimResponse) feed = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
    JsonArray *changes = json_object_get_array_member (sim_object (feed), "changes");
    guint seen = 0;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (version_of (r), ==, v);
    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);

        if (g_str_equal (json_object_get_string_member (c, "kind"), "review") &&
            g_str_equal (json_object_get_string_member (c, "id"), id))
          {
            seen++;
            g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (c, "data"), "version"),
                             ==, v);
          }
      }
    g_assert_cmpuint (seen, ==, 1);
  }
}

/* Another merchant's review, shop or order is answered as one that does
 * not exist, byte for byte. */
static void
test_isolation (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "completed");
  g_autofree char *order_b = sim_new_order (f, "b-pdd", "completed");
  g_autoptr(JsonObject) review = create_review (f, order_id);
  const char *id = json_object_get_string_member (review, "id");
  g_autofree char *path = g_strdup_printf ("/v1/reviews/%s", id);
  g_autoptr(SimResponse) theirs = sim_request (f, "GET", path, SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) none = sim_request (f, "GET", "/v1/reviews/rv-999999", SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) act = review_action (f, SIM_TOKEN_B, id, "contact", 1, NULL);
  g_autoptr(SimResponse) shop = post_keyed (f, "/v1/reviews", SIM_TOKEN_B, "iso-key-0001",
                                            "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"x\", \"rating\": \"bad\"}");
  g_autoptr(SimResponse) no_shop = post_keyed (f, "/v1/reviews", SIM_TOKEN_B, "iso-key-0002",
                                               "{\"shop_id\": \"nope\", \"buyer_nick\": \"x\", \"rating\": \"bad\"}");
  g_autofree char *other_order = g_strdup_printf ("{\"shop_id\": \"b-pdd\", \"order_id\": \"%s\","
                                                  " \"buyer_nick\": \"x\", \"rating\": \"bad\"}", order_id);
  g_autoptr(SimResponse) order = post_keyed (f, "/v1/reviews", SIM_TOKEN_B, "iso-key-0003", other_order);
  g_autofree char *own_order = g_strdup_printf ("{\"shop_id\": \"b-pdd\", \"order_id\": \"%s\","
                                                " \"buyer_nick\": \"x\", \"rating\": \"neutral\"}", order_b);
  g_autoptr(SimResponse) own = post_keyed (f, "/v1/reviews", SIM_TOKEN_B, "iso-key-0004", own_order);
  g_autoptr(SimResponse) feed_a = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
  JsonArray *changes = json_object_get_array_member (sim_object (feed_a), "changes");

  g_assert_cmpuint (theirs->status, ==, 404);
  g_assert_true (g_bytes_equal (theirs->body, none->body));
  g_assert_cmpuint (act->status, ==, 404);
  g_assert_cmpuint (shop->status, ==, 403);
  g_assert_true (g_bytes_equal (shop->body, no_shop->body));
  g_assert_cmpuint (order->status, ==, 400);
  g_assert_cmpstr (sim_error_field (order, "detail"), ==, "unknown_order");
  g_assert_cmpuint (own->status, ==, 201);
  /* Merchant a's feed does not carry b's review. */
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "review"))
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "data"), "shop_id"),
                         ==, "a-taobao");
    }
}

/* A buyer with six bad reviews may be offered more than ¥5. */
static void
test_repeat_buyer (SimFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(SimResponse) last = NULL;
  const char *id;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *key = g_strdup_printf ("repeat-key-%04u", i);

      g_clear_pointer (&last, sim_response_free);
      last = post_keyed (f, "/v1/reviews", SIM_TOKEN_A, key,
                         "{\"shop_id\": \"a-pdd\", \"buyer_nick\": \"常客\", \"rating\": \"bad\"}");
      g_assert_cmpuint (last->status, ==, 201);
    }
  g_assert_cmpint (json_object_get_int_member (sim_member (last, "review"), "buyer_bad_reviews"), ==, 6);
  id = json_object_get_string_member (sim_member (last, "review"), "id");
  {
    g_autoptr(SimResponse) c = review_action (f, SIM_TOKEN_A, id, "contact", 1, NULL);
    g_autoptr(SimResponse) r = review_action (f, SIM_TOKEN_A, id, "offer_remedy", 2,
                                              "{\"kind\": \"price_difference\", \"amount_fen\": 1500}");

    g_assert_cmpuint (c->status, ==, 200);
    g_assert_cmpuint (r->status, ==, 200);
  }
}

/* Simulated buyers leave reviews of their own (source "platform"): the
 * demo has 12 of its merchant's, and every tenth round of moves adds one. */
static void
test_buyers_review (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-sim-reviews-XXXXXX", NULL);
  g_autofree char *db = sim_test_database (dir, "reviews.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSimServer) server = shou_sim_server_new (db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET,
                                                         &error);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *token = NULL;
  g_autofree char *cursor = g_strdup ("");
  SimFixture f = { 0 };
  guint reviews = 0, replied = 0, complaints = 0;
  gboolean more = TRUE;

  g_assert_no_error (error);
  g_assert_true (shou_sim_server_add_demo (server, 20261111, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (server, 0, &error), >, 0);
  token = shou_sim_server_dup_token (server, "demo");
  f.server = server;
  f.session = session;
  f.url = (char *) shou_sim_server_get_url (server);
  {
    g_autoptr(SimResponse) step = sim_request (&f, "POST", "/v1/test/step", NULL, "{\"moves\": 20}");

    g_assert_cmpuint (step->status, ==, 200);
  }
  for (guint page = 0; more && page < 100; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
      g_autoptr(SimResponse) feed = sim_request (&f, "GET", path, token, NULL);
      JsonArray *changes = json_object_get_array_member (sim_object (feed), "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          JsonObject *d = json_object_get_object_member (c, "data");

          if (g_str_equal (json_object_get_string_member (c, "kind"), "complaint"))
            {
              complaints++;
              g_assert_cmpstr (json_object_get_string_member (d, "source"), ==, "platform");
              g_assert_nonnull (json_object_get_string_member (d, "order_id"));
            }
          if (!g_str_equal (json_object_get_string_member (c, "kind"), "review"))
            continue;
          reviews++;
          g_assert_cmpstr (json_object_get_string_member (d, "source"), ==, "platform");
          g_assert_nonnull (json_object_get_string_member (d, "order_id"));
          replied += !json_object_get_null_member (d, "reply");
        }
      more = json_object_get_boolean_member (sim_object (feed), "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (feed), "next_cursor"));
    }
  /* 12 from the demo (some replied to already), two from 20 rounds; 8
   * complaints from the demo and one a buyer filed in those rounds. */
  g_assert_cmpuint (reviews, ==, 14);
  g_assert_cmpuint (complaints, ==, 9);
  g_assert_cmpuint (replied, >, 0);
  g_clear_object (&server);
  shou_test_fs_rm_rf (dir);
}

/* Merchant isolation of A's @kind @id at version @v: b sees none of it,
 * byte for byte as a missing one (@missing_id), may not create one in A's
 * shop (@body_in, as for a shop that does not exist, @body_none), and the
 * feed has it once at its latest version for A, never for b. */
static void
assert_isolated (SimFixture *f,
                 const char *collection,
                 const char *kind,
                 const char *id,
                 const char *missing_id,
                 const char *action,
                 gint64      v,
                 const char *body_in,
                 const char *body_none)
{
  g_autofree char *get_path = g_strdup_printf ("/v1/%s/%s", collection, id);
  g_autofree char *missing_path = g_strdup_printf ("/v1/%s/%s", collection, missing_id);
  g_autofree char *post_path = g_strdup_printf ("/v1/%s", collection);
  g_autofree char *key_in = g_strdup_printf ("iso-%s-01", kind);
  g_autofree char *key_none = g_strdup_printf ("iso-%s-02", kind);
  g_autoptr(SimResponse) theirs = sim_request (f, "GET", get_path, SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) none = sim_request (f, "GET", missing_path, SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) act = care_action (f, collection, SIM_TOKEN_B, id, action, v, NULL);
  g_autoptr(SimResponse) act_none = care_action (f, collection, SIM_TOKEN_B, missing_id, action, v, NULL);
  g_autoptr(SimResponse) shop = post_keyed (f, post_path, SIM_TOKEN_B, key_in, body_in);
  g_autoptr(SimResponse) no_shop = post_keyed (f, post_path, SIM_TOKEN_B, key_none, body_none);
  g_autoptr(SimResponse) mine = sim_request (f, "GET", get_path, SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) feed_a = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) feed_b = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_B, NULL);
  JsonArray *changes = json_object_get_array_member (sim_object (feed_a), "changes");
  JsonArray *changes_b = json_object_get_array_member (sim_object (feed_b), "changes");
  guint seen = 0;

  g_assert_cmpuint (theirs->status, ==, 404);
  g_assert_true (g_bytes_equal (theirs->body, none->body));
  g_assert_cmpuint (act->status, ==, 404);
  g_assert_true (g_bytes_equal (act->body, act_none->body));
  g_assert_cmpuint (shop->status, ==, 403);
  g_assert_true (g_bytes_equal (shop->body, no_shop->body));
  g_assert_cmpuint (mine->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_member (mine, kind), "version"), ==, v);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), kind) &&
          g_str_equal (json_object_get_string_member (c, "id"), id))
        {
          seen++;
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (c, "data"), "version"), ==, v);
        }
    }
  g_assert_cmpuint (seen, ==, 1);
  for (guint i = 0; i < json_array_get_length (changes_b); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes_b, i), "kind"), !=, kind);
}

/* Complaints: register by hand, the steps with their 400/409/422, the
 * replay, the feed and merchant isolation, in one fixture. */
static gint64
complaint_version (SimResponse *r)
{
  return json_object_get_int_member (sim_member (r, "complaint"), "version");
}

static void
test_complaints (SimFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "completed");
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                           " \"buyer_nick\": \"c**y\", \"text\": \"<i>一直不发货</i>\"}", order_id);
  g_autoptr(SimResponse) created = post_keyed (f, "/v1/complaints", SIM_TOKEN_A, "create-complaint-01", body);
  g_autoptr(SimResponse) replay = post_keyed (f, "/v1/complaints", SIM_TOKEN_A, "create-complaint-01", body);
  JsonObject *complaint = sim_member (created, "complaint");
  const char *id = json_object_get_string_member (complaint, "id");
  gint64 v = json_object_get_int_member (complaint, "version");

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (complaint, "channel"), ==, "platform");
  g_assert_cmpstr (json_object_get_string_member (complaint, "platform"), ==, "taobao");
  g_assert_cmpstr (json_object_get_string_member (complaint, "text"), ==, "<i>一直不发货</i>");
  g_assert_true (json_object_get_null_member (complaint, "handled_at"));
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (json_object_get_string_member (sim_member (replay, "complaint"), "id"), ==, id);

  /* Bad input is 400 and not remembered; the rules are 422. */
  {
    g_autoptr(SimResponse) no_amount = complaint_action (f, SIM_TOKEN_A, id, "compensate", v, NULL);
    g_autoptr(SimResponse) zero = complaint_action (f, SIM_TOKEN_A, id, "compensate", v, "{\"amount_fen\": 0}");
    g_autoptr(SimResponse) outcome = complaint_action (f, SIM_TOKEN_A, id, "finish", v, "{\"outcome\": \"won\"}");
    g_autoptr(SimResponse) wechat = complaint_action (f, SIM_TOKEN_A, id, "handle", v, "{\"note\": \"加微信\"}");
    g_autoptr(SimResponse) evidence = complaint_action (f, SIM_TOKEN_A, id, "evidence", v, "{\"note\": \"截图\"}");
    g_autoptr(SimResponse) ruling = complaint_action (f, SIM_TOKEN_A, id, "finish", v,
                                                      "{\"outcome\": \"seller_fault\"}");

    g_assert_cmpuint (no_amount->status, ==, 400);
    g_assert_cmpstr (sim_error_field (no_amount, "field"), ==, "amount_fen");
    g_assert_cmpuint (zero->status, ==, 400);
    g_assert_cmpuint (outcome->status, ==, 400);
    g_assert_cmpuint (wechat->status, ==, 400);
    g_assert_cmpstr (sim_error_field (wechat, "detail"), ==, "sensitive_word");
    g_assert_cmpuint (evidence->status, ==, 422);
    g_assert_cmpstr (sim_error_field (evidence, "reason"), ==, "not_intervened");
    g_assert_cmpuint (ruling->status, ==, 422);
    g_assert_cmpstr (sim_error_field (ruling, "reason"), ==, "not_intervened");
  }
  /* Compensated within 24 h: handled too, the amount kept. */
  {
    g_autoptr(SimResponse) r = complaint_action (f, SIM_TOKEN_A, id, "compensate", v, "{\"amount_fen\": 1500}");
    g_autoptr(SimResponse) stale = NULL;
    g_autoptr(SimResponse) twice = NULL;
    JsonObject *c = sim_member (r, "complaint");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (c, "compensation_fen"), ==, 1500);
    g_assert_false (json_object_get_null_member (c, "compensated_at"));
    g_assert_false (json_object_get_null_member (c, "handled_at"));
    g_assert_cmpint (complaint_version (r), ==, v + 1);
    v = complaint_version (r);
    stale = complaint_action (f, SIM_TOKEN_A, id, "handle", v - 1, NULL);
    g_assert_cmpuint (stale->status, ==, 409);
    g_assert_cmpint (json_object_get_int_member (sim_member (stale, "error"), "current_version"), ==, v);
    twice = complaint_action (f, SIM_TOKEN_A, id, "compensate", v, "{\"amount_fen\": 100}");
    g_assert_cmpuint (twice->status, ==, 422);
    g_assert_cmpstr (sim_error_field (twice, "reason"), ==, "already_compensated");
  }
  /* The platform intervenes; evidence within the 72 h; a ruling finishes it. */
  {
    g_autoptr(SimResponse) a = complaint_action (f, SIM_TOKEN_A, id, "intervene", v, NULL);
    g_autoptr(SimResponse) b = complaint_action (f, SIM_TOKEN_A, id, "evidence", complaint_version (a),
                                                 "{\"note\": \"发货记录和聊天截图\"}");
    g_autoptr(SimResponse) c = complaint_action (f, SIM_TOKEN_A, id, "finish", complaint_version (b),
                                                 "{\"outcome\": \"seller_cleared\"}");
    g_autoptr(SimResponse) after = complaint_action (f, SIM_TOKEN_A, id, "handle", complaint_version (c), NULL);

    g_assert_cmpuint (a->status, ==, 200);
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_member (b, "complaint"), "evidence")),
                      ==, 1);
    g_assert_cmpuint (c->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (sim_member (c, "complaint"), "outcome"), ==, "seller_cleared");
    g_assert_cmpuint (after->status, ==, 422);
    g_assert_cmpstr (sim_error_field (after, "reason"), ==, "complaint_finished");
    v = complaint_version (c);
  }
  /* The finished complaint is visited again: a visit record in the feed,
   * its first visit a week away. */
  {
    g_autoptr(SimResponse) feed = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
    JsonArray *changes = json_object_get_array_member (sim_object (feed), "changes");
    JsonObject *visit = NULL;

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);
        JsonObject *d = json_object_get_object_member (c, "data");

        if (g_str_equal (json_object_get_string_member (c, "kind"), "visit") &&
            g_strcmp0 (json_object_get_string_member (d, "source_id"), id) == 0)
          visit = d;
      }
    g_assert_nonnull (visit);
    g_assert_cmpstr (json_object_get_string_member (visit, "source"), ==, "complaint");
    g_assert_cmpstr (json_object_get_string_member (visit, "order_id"), ==, order_id);
    {
      g_autofree char *path = g_strdup_printf ("/v1/visits/%s/actions", json_object_get_string_member (visit, "id"));
      g_autoptr(SimResponse) early = post_keyed (f, path, SIM_TOKEN_A, "visit-early-0001",
                                                 "{\"action\": \"record\", \"expected_version\": 1,"
                                                 " \"params\": {\"outcome\": \"satisfied\"}}");

      g_assert_cmpuint (early->status, ==, 422);
      g_assert_cmpstr (sim_error_field (early, "reason"), ==, "not_due");
    }
  }
  /* A service card registered 8 days ago: the week's visit is due; after
   * it, the month's is not. */
  {
    gint64 anchor = json_object_get_int_member (complaint, "created_at") - 8 * SHOU_USEC_PER_DAY;
    g_autofree char *card = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                             " \"anchor_at\": %" G_GINT64_FORMAT "}", order_id, anchor);
    g_autoptr(SimResponse) r = post_keyed (f, "/v1/visits", SIM_TOKEN_A, "visit-card-0001", card);
    g_autoptr(SimResponse) done = NULL;
    g_autoptr(SimResponse) next = NULL;
    g_autoptr(SimResponse) bad = NULL;
    g_autofree char *path = NULL;
    JsonArray *outcomes;

    g_assert_cmpuint (r->status, ==, 201);
    path = g_strdup_printf ("/v1/visits/%s/actions",
                            json_object_get_string_member (sim_member (r, "visit"), "id"));
    bad = post_keyed (f, path, SIM_TOKEN_A, "visit-rec-0000",
                      "{\"action\": \"record\", \"expected_version\": 1, \"params\": {\"outcome\": \"pending\"}}");
    g_assert_cmpuint (bad->status, ==, 400);
    done = post_keyed (f, path, SIM_TOKEN_A, "visit-rec-0001",
                       "{\"action\": \"record\", \"expected_version\": 1,"
                       " \"params\": {\"outcome\": \"satisfied\", \"note\": \"用得很好\"}}");
    g_assert_cmpuint (done->status, ==, 200);
    outcomes = json_object_get_array_member (sim_member (done, "visit"), "outcomes");
    g_assert_cmpstr (json_array_get_string_element (outcomes, 0), ==, "satisfied");
    g_assert_cmpstr (json_array_get_string_element (outcomes, 1), ==, "pending");
    next = post_keyed (f, path, SIM_TOKEN_A, "visit-rec-0002",
                       "{\"action\": \"record\", \"expected_version\": 2, \"params\": {\"outcome\": \"satisfied\"}}");
    g_assert_cmpuint (next->status, ==, 422);
    g_assert_cmpstr (sim_error_field (next, "reason"), ==, "not_due");
  }
  /* A visit that finds a problem opens a complaint. */
  {
    gint64 anchor = json_object_get_int_member (complaint, "created_at") - 8 * SHOU_USEC_PER_DAY;
    g_autofree char *card = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                             " \"anchor_at\": %" G_GINT64_FORMAT "}", order_id, anchor);
    g_autoptr(SimResponse) r = post_keyed (f, "/v1/visits", SIM_TOKEN_A, "visit-card-0002", card);
    g_autofree char *path = g_strdup_printf ("/v1/visits/%s/actions",
                                             json_object_get_string_member (sim_member (r, "visit"), "id"));
    g_autoptr(SimResponse) problem = post_keyed (f, path, SIM_TOKEN_A, "visit-rec-0003",
                                                 "{\"action\": \"record\", \"expected_version\": 1,"
                                                 " \"params\": {\"outcome\": \"problem\", \"note\": \"开线了\"}}");
    g_autoptr(SimResponse) feed = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
    JsonArray *changes = json_object_get_array_member (sim_object (feed), "changes");
    guint opened = 0;

    g_assert_cmpuint (problem->status, ==, 200);
    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);
        JsonObject *d = json_object_get_object_member (c, "data");

        if (g_str_equal (json_object_get_string_member (c, "kind"), "complaint") &&
            g_strcmp0 (json_object_get_string_member (d, "channel"), "visit") == 0)
          {
            opened++;
            g_assert_cmpstr (json_object_get_string_member (d, "text"), ==, "开线了");
            g_assert_cmpstr (json_object_get_string_member (d, "order_id"), ==, order_id);
          }
      }
    g_assert_cmpuint (opened, ==, 1);
  }
  /* From outside the platform: never intervened in. */
  {
    g_autoptr(SimResponse) r = post_keyed (f, "/v1/complaints", SIM_TOKEN_A, "create-complaint-02",
                                           "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"q\", \"channel\": \"12315\"}");
    g_autoptr(SimResponse) bad = post_keyed (f, "/v1/complaints", SIM_TOKEN_A, "create-complaint-03",
                                             "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"q\", \"channel\": \"tv\"}");
    g_autoptr(SimResponse) i = NULL;

    g_assert_cmpuint (r->status, ==, 201);
    g_assert_cmpuint (bad->status, ==, 400);
    i = complaint_action (f, SIM_TOKEN_A, json_object_get_string_member (sim_member (r, "complaint"), "id"),
                          "intervene", 1, NULL);
    g_assert_cmpuint (i->status, ==, 422);
    g_assert_cmpstr (sim_error_field (i, "reason"), ==, "not_platform");
  }
  assert_isolated (f, "complaints", "complaint", id, "cp-999999", "handle", v,
                   "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"x\"}", "{\"shop_id\": \"nope\", \"buyer_nick\": \"x\"}");
}

/* Logistics incidents (001 篇七): a lost parcel is told to the courier and
 * the buyer, resent with a validated tracking number and claimed from the
 * courier; 400/409/422, the replay, the feed and merchant isolation. */
static gint64
incident_version (SimResponse *r)
{
  return json_object_get_int_member (sim_member (r, "incident"), "version");
}

static void
test_incidents (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "shipped");
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                           " \"buyer_nick\": \"l**t\", \"kind\": \"lost\", \"carrier\": \"SF\","
                                           " \"tracking_no\": \"sf 1234-5678-90123\", \"text\": \"<b>查无信息</b>\"}",
                                           order_id);
  g_autoptr(SimResponse) created = post_keyed (f, "/v1/incidents", SIM_TOKEN_A, "create-incident-01", body);
  g_autoptr(SimResponse) replay = post_keyed (f, "/v1/incidents", SIM_TOKEN_A, "create-incident-01", body);
  JsonObject *incident = sim_member (created, "incident");
  const char *id = json_object_get_string_member (incident, "id");
  gint64 v = json_object_get_int_member (incident, "version");

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (incident, "kind"), ==, "lost");
  g_assert_cmpstr (json_object_get_string_member (incident, "order_id"), ==, order_id);
  g_assert_cmpstr (json_object_get_string_member (incident, "tracking_no"), ==, "SF1234567890123");
  g_assert_cmpstr (json_object_get_string_member (incident, "text"), ==, "<b>查无信息</b>");
  g_assert_true (json_object_get_null_member (incident, "claim"));
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (json_object_get_string_member (sim_member (replay, "incident"), "id"), ==, id);
  /* A kind the contract does not know, or a made-up tracking number: 400. */
  {
    g_autoptr(SimResponse) kind = post_keyed (f, "/v1/incidents", SIM_TOKEN_A, "create-incident-02",
                                              "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"q\", \"kind\": \"late\"}");
    g_autoptr(SimResponse) tracking = post_keyed (f, "/v1/incidents", SIM_TOKEN_A, "create-incident-03",
                                                  "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"q\","
                                                  " \"kind\": \"delayed\", \"carrier\": \"SF\", \"tracking_no\": \"12\"}");

    g_assert_cmpuint (kind->status, ==, 400);
    g_assert_cmpstr (sim_error_field (kind, "field"), ==, "kind");
    g_assert_cmpuint (tracking->status, ==, 400);
    g_assert_cmpstr (sim_error_field (tracking, "field"), ==, "tracking_no");
  }
  /* Bad input is 400 and not remembered; the rules are 422. */
  {
    g_autoptr(SimResponse) no_amount = incident_action (f, SIM_TOKEN_A, id, "claim", v, NULL);
    g_autoptr(SimResponse) bad_no = incident_action (f, SIM_TOKEN_A, id, "resend", v,
                                                     "{\"carrier\": \"SF\", \"tracking_no\": \"SF12\"}");
    g_autoptr(SimResponse) carrier = incident_action (f, SIM_TOKEN_A, id, "resend", v,
                                                      "{\"carrier\": \"XX\", \"tracking_no\": \"SF1234567890124\"}");
    g_autoptr(SimResponse) wechat = incident_action (f, SIM_TOKEN_A, id, "tell_buyer", v, "{\"note\": \"加微信\"}");
    g_autoptr(SimResponse) result = incident_action (f, SIM_TOKEN_A, id, "claim_result", v,
                                                     "{\"status\": \"refused\"}");

    g_assert_cmpuint (no_amount->status, ==, 400);
    g_assert_cmpstr (sim_error_field (no_amount, "field"), ==, "amount_fen");
    g_assert_cmpuint (bad_no->status, ==, 400);
    g_assert_cmpstr (sim_error_field (bad_no, "detail"), ==, "invalid_tracking_no");
    g_assert_cmpuint (carrier->status, ==, 400);
    g_assert_cmpstr (sim_error_field (carrier, "detail"), ==, "unknown_carrier");
    g_assert_cmpuint (wechat->status, ==, 400);
    g_assert_cmpstr (sim_error_field (wechat, "detail"), ==, "sensitive_word");
    g_assert_cmpuint (result->status, ==, 422);
    g_assert_cmpstr (sim_error_field (result, "reason"), ==, "no_claim");
  }
  /* The courier, the buyer, the resend: each once, in the feed's object. */
  {
    g_autoptr(SimResponse) a = incident_action (f, SIM_TOKEN_A, id, "contact_courier", v,
                                                "{\"note\": \"快递说在查\"}");
    g_autoptr(SimResponse) stale = incident_action (f, SIM_TOKEN_A, id, "tell_buyer", v, NULL);
    g_autoptr(SimResponse) b = incident_action (f, SIM_TOKEN_A, id, "tell_buyer", incident_version (a), NULL);
    g_autoptr(SimResponse) c = incident_action (f, SIM_TOKEN_A, id, "resend", incident_version (b),
                                                "{\"carrier\": \"ZTO\", \"tracking_no\": \"78 1234 5678 9012\"}");
    g_autoptr(SimResponse) twice = incident_action (f, SIM_TOKEN_A, id, "resend", incident_version (c),
                                                    "{\"carrier\": \"SF\", \"tracking_no\": \"SF1234567890124\"}");
    JsonObject *resend;

    g_assert_cmpuint (a->status, ==, 200);
    g_assert_false (json_object_get_null_member (sim_member (a, "incident"), "courier_contacted_at"));
    g_assert_cmpstr (json_object_get_string_member (sim_member (a, "incident"), "note"), ==, "快递说在查");
    g_assert_cmpuint (stale->status, ==, 409);
    g_assert_cmpint (json_object_get_int_member (sim_member (stale, "error"), "current_version"), ==, v + 1);
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpuint (c->status, ==, 200);
    resend = json_object_get_object_member (sim_member (c, "incident"), "resend");
    g_assert_cmpstr (json_object_get_string_member (resend, "carrier"), ==, "ZTO");
    g_assert_cmpstr (json_object_get_string_member (resend, "tracking_no"), ==, "781234567890" "12");
    g_assert_cmpuint (twice->status, ==, 422);
    g_assert_cmpstr (sim_error_field (twice, "reason"), ==, "already_resent");
    v = incident_version (c);
  }
  /* The claim: not closed while the courier has not answered; never more
   * recovered than claimed. */
  {
    g_autoptr(SimResponse) claim = incident_action (f, SIM_TOKEN_A, id, "claim", v, "{\"amount_fen\": 8800}");
    g_autoptr(SimResponse) early = incident_action (f, SIM_TOKEN_A, id, "close", incident_version (claim), NULL);
    g_autoptr(SimResponse) over = incident_action (f, SIM_TOKEN_A, id, "claim_result", incident_version (claim),
                                                   "{\"status\": \"paid\", \"recovered_fen\": 9000}");
    g_autoptr(SimResponse) paid = incident_action (f, SIM_TOKEN_A, id, "claim_result", incident_version (claim),
                                                   "{\"status\": \"paid\", \"recovered_fen\": 8800}");
    g_autoptr(SimResponse) close = incident_action (f, SIM_TOKEN_A, id, "close", incident_version (paid), NULL);
    g_autoptr(SimResponse) after = incident_action (f, SIM_TOKEN_A, id, "tell_buyer", incident_version (close), NULL);
    JsonObject *c;

    g_assert_cmpuint (claim->status, ==, 200);
    g_assert_cmpuint (early->status, ==, 422);
    g_assert_cmpstr (sim_error_field (early, "reason"), ==, "claim_open");
    g_assert_cmpuint (over->status, ==, 422);
    g_assert_cmpstr (sim_error_field (over, "reason"), ==, "over_claim");
    g_assert_cmpuint (paid->status, ==, 200);
    c = json_object_get_object_member (sim_member (paid, "incident"), "claim");
    g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "paid");
    g_assert_cmpint (json_object_get_int_member (c, "recovered_fen"), ==, 8800);
    g_assert_cmpuint (close->status, ==, 200);
    g_assert_cmpuint (after->status, ==, 422);
    g_assert_cmpstr (sim_error_field (after, "reason"), ==, "incident_closed");
    v = incident_version (close);
  }
  assert_isolated (f, "incidents", "incident", id, "in-999999", "tell_buyer", v,
                   "{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"x\", \"kind\": \"lost\"}",
                   "{\"shop_id\": \"nope\", \"buyer_nick\": \"x\", \"kind\": \"lost\"}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sim/reviews/follow-up", SimFixture, NULL, sim_fixture_setup, test_follow_up, sim_fixture_teardown);
  g_test_add ("/sim/reviews/isolation", SimFixture, NULL, sim_fixture_setup, test_isolation, sim_fixture_teardown);
  g_test_add ("/sim/reviews/repeat-buyer", SimFixture, NULL, sim_fixture_setup, test_repeat_buyer,
              sim_fixture_teardown);
  g_test_add_func ("/sim/reviews/buyers", test_buyers_review);
  g_test_add ("/sim/complaints/steps", SimFixture, NULL, sim_fixture_setup, test_complaints, sim_fixture_teardown);
  g_test_add ("/sim/incidents/steps", SimFixture, NULL, sim_fixture_setup, test_incidents, sim_fixture_teardown);
  return g_test_run ();
}
