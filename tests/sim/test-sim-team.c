/* test-sim-team: a team on one merchant. Two staff tokens claim the same
 * request and one gets 409 `claimed` with the holder's name; an agent over
 * an amount cap gets 422; the audit lists both; only the owner reads it.
 * Tags and internal notes say who added them and when. */
#include "config.h"

#include "core/shou-annotation.h"
#include "hub/shou-hub-store.h"
#include "sim/shou-sim-world.h"
#include "sim-test-util.h"

#define TOKEN_ZHANG "staff-token-zhang-0001"
#define TOKEN_LI    "staff-token-li-0002"

static SimResponse *
act (SimFixture *f,
     const char *token,
     const char *id,
     const char *action,
     const char *params_json)
{
  static guint counter;
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *key = g_strdup_printf ("team-key-%08u-%s", ++counter, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"%s\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": %s}", action,
                                           json_object_get_int_member (as, "version"),
                                           params_json ? params_json : "{}");
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, token, "application/json", bytes, key);
}

static SimResponse *
claim (SimFixture *f,
       const char *token,
       const char *method,
       const char *id,
       const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/claim", id);

  return sim_request (f, method, path, token, body);
}

static const char *
holder_name (SimResponse *r)
{
  JsonObject *error = sim_member (r, "error");

  return json_object_get_string_member (json_object_get_object_member (error, "holder"), "name");
}

/* Reads the feed after *@cursor to its end: the last change of @kind and
 * @id there (transfer full; %NULL when none came), moving *@cursor on. */
static JsonObject *
next_change (SimFixture  *f,
             const char  *token,
             const char  *kind,
             const char  *id,
             char       **cursor)
{
  JsonObject *found = NULL;
  gboolean more = TRUE;

  for (guint page = 0; more && page < 100; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=50&cursor=%s", *cursor ? *cursor : "");
      g_autoptr(SimResponse) r = sim_request (f, "GET", path, token, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      changes = json_object_get_array_member (sim_object (r), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (c, "kind"), kind) &&
              g_str_equal (json_object_get_string_member (c, "id"), id))
            {
              g_clear_pointer (&found, json_object_unref);
              found = json_object_ref (json_object_get_object_member (c, "data"));
            }
        }
      g_free (*cursor);
      *cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
      more = json_object_get_boolean_member (sim_object (r), "has_more");
    }
  return found;
}

static void
assert_claim (JsonObject *data,
              const char *state,
              const char *staff_id,
              const char *name)
{
  JsonObject *holder;

  g_assert_nonnull (data);
  holder = json_object_get_object_member (data, "holder");
  g_assert_cmpstr (json_object_get_string_member (data, "state"), ==, state);
  if (staff_id == NULL)
    g_assert_true (json_object_get_null_member (holder, "staff_id"));
  else
    g_assert_cmpstr (json_object_get_string_member (holder, "staff_id"), ==, staff_id);
  g_assert_cmpstr (json_object_get_string_member (holder, "name"), ==, name);
  g_assert_cmpint (json_object_get_int_member (data, "updated_at"), >, 0);
}

static void
add_staff (SimFixture *f,
           gint64      cap_action,
           gint64      cap_day)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_sim_server_add_staff (f->server, "a", "zhang", "张三", TOKEN_ZHANG, "agent",
                                            cap_action, cap_day, &error));
  g_assert_true (shou_sim_server_add_staff (f->server, "a", "li", "李四", TOKEN_LI, "agent",
                                            cap_action, cap_day, &error));
  g_assert_no_error (error);
}

static SimResponse *
annotate (SimFixture *f,
          const char *token,
          const char *id,
          const char *key,
          const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/annotations", id);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, token, "application/json", bytes, key);
}

static JsonObject *
annotation_of (SimResponse *r)
{
  g_assert_cmpuint (r->status, ==, 200);
  return sim_member (r, "annotation");
}

/* Tags and internal notes (API.md "annotation"): who added what and when,
 * idempotent steps, checked input, the feed, and another merchant sees
 * nothing. The request's own version does not move. */
static void
test_annotations (SimFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "shipped", "refund_only", "not_received");
  g_autoptr(JsonObject) before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) fed = NULL;
  g_autoptr(JsonObject) b_fed = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *b_cursor = NULL;
  g_autoptr(SimResponse) tagged = NULL, replay = NULL, mismatch = NULL, noted = NULL, again = NULL;
  g_autoptr(SimResponse) removed = NULL, other = NULL;
  static const struct { const char *body, *field, *code; } bad[] = {
    { "{\"op\": \"add_tag\", \"tag\": \"\"}", "tag", "empty" },
    { "{\"op\": \"add_tag\", \"tag\": \"一二三四五六七八九十一二三四五六七\"}", "tag", "too_long" },
    { "{\"op\": \"add_tag\", \"tag\": \" 加急\"}", "tag", "bad_characters" },
    { "{\"op\": \"add_note\", \"text\": \"  \\n \"}", "text", "empty" },
    { "{\"op\": \"paint\", \"tag\": \"红\"}", "op", "unknown_op" },
    { "{\"op\": \"add_tag\", \"tag\": \"红\", \"colour\": \"red\"}", "colour", NULL },
  };
  JsonObject *a, *entry, *note;

  add_staff (f, 0, 0);
  tagged = annotate (f, TOKEN_ZHANG, id, "annotate-key-0001", "{\"op\": \"add_tag\", \"tag\": \"加急\"}");
  a = annotation_of (tagged);
  g_assert_cmpstr (json_object_get_string_member (a, "aftersale_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (a, "shop_id"), ==, "a-taobao");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "tags")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a, "tags"), 0), ==, "加急");
  g_assert_cmpint (json_object_get_int_member (a, "version"), ==, 1);
  entry = json_array_get_object_element (json_object_get_array_member (a, "log"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "op"), ==, "add_tag");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "by"), "name"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "by"), "staff_id"), ==, "zhang");
  g_assert_cmpint (json_object_get_int_member (entry, "at"), <=, shou_sim_server_now (f->server));
  g_assert_cmpint (json_object_get_int_member (entry, "at"), >, shou_sim_server_now (f->server) - 60 * G_USEC_PER_SEC);

  /* The same key again: the same answer, replayed; with another body: 422. */
  replay = annotate (f, TOKEN_ZHANG, id, "annotate-key-0001", "{\"op\": \"add_tag\", \"tag\": \"加急\"}");
  g_assert_cmpuint (replay->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (json_object_get_int_member (annotation_of (replay), "version"), ==, 1);
  mismatch = annotate (f, TOKEN_ZHANG, id, "annotate-key-0001", "{\"op\": \"add_tag\", \"tag\": \"退货\"}");
  g_assert_cmpuint (mismatch->status, ==, 422);
  g_assert_cmpstr (sim_error_code (mismatch), ==, "idempotency_mismatch");

  /* The owner's note: kept as written, by the merchant's own token. */
  noted = annotate (f, SIM_TOKEN_A, id, "annotate-key-0002",
                    "{\"op\": \"add_note\", \"text\": \"<b>买家</b>说周五再寄\\n已电话确认\"}");
  a = annotation_of (noted);
  g_assert_cmpint (json_object_get_int_member (a, "version"), ==, 2);
  note = json_array_get_object_element (json_object_get_array_member (a, "notes"), 0);
  g_assert_cmpstr (json_object_get_string_member (note, "text"), ==, "<b>买家</b>说周五再寄\n已电话确认");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (note, "by"), "staff_id"));
  g_assert_nonnull (json_object_get_string_member (note, "id"));

  /* A tag that is there already changes nothing. */
  again = annotate (f, TOKEN_LI, id, "annotate-key-0003", "{\"op\": \"add_tag\", \"tag\": \"加急\"}");
  g_assert_cmpint (json_object_get_int_member (annotation_of (again), "version"), ==, 2);
  removed = annotate (f, TOKEN_LI, id, "annotate-key-0004", "{\"op\": \"remove_tag\", \"tag\": \"加急\"}");
  a = annotation_of (removed);
  g_assert_cmpint (json_object_get_int_member (a, "version"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "tags")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "log")), ==, 3);
  entry = json_array_get_object_element (json_object_get_array_member (a, "log"), 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "op"), ==, "remove_tag");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "by"), "name"), ==, "李四");

  /* Bad input is 400 with the field, and is not remembered. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *key = g_strdup_printf ("annotate-bad-%04u", i);
      g_autoptr(SimResponse) r = annotate (f, SIM_TOKEN_A, id, key, bad[i].body);

      g_assert_cmpuint (r->status, ==, 400);
      g_assert_cmpstr (sim_error_code (r), ==, "bad_request");
      g_assert_cmpstr (sim_error_field (r, "field"), ==, bad[i].field);
      if (bad[i].code != NULL)
        g_assert_cmpstr (sim_error_field (r, "detail"), ==, bad[i].code);
    }
  /* At most 20 tags: the 21st is 422 not_allowed (too_many_tags). */
  for (guint i = 0; i <= SHOU_ANNOTATION_MAX_TAGS; i++)
    {
      g_autofree char *key = g_strdup_printf ("annotate-many-%04u", i);
      g_autofree char *body = g_strdup_printf ("{\"op\": \"add_tag\", \"tag\": \"标签%u\"}", i);
      g_autoptr(SimResponse) r = annotate (f, SIM_TOKEN_A, id, key, body);

      if (i < SHOU_ANNOTATION_MAX_TAGS)
        g_assert_cmpuint (r->status, ==, 200);
      else
        {
          g_assert_cmpuint (r->status, ==, 422);
          g_assert_cmpstr (json_object_get_string_member (sim_member (r, "error"), "reason"), ==, "too_many_tags");
        }
    }

  /* Another merchant: no such request, and nothing in its feed. */
  other = annotate (f, SIM_TOKEN_B, id, "annotate-key-0005", "{\"op\": \"add_tag\", \"tag\": \"加急\"}");
  g_assert_cmpuint (other->status, ==, 404);
  fed = next_change (f, SIM_TOKEN_A, "annotation", id, &cursor);
  g_assert_nonnull (fed);
  g_assert_cmpint (json_object_get_int_member (fed, "version"), ==, 3 + SHOU_ANNOTATION_MAX_TAGS);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fed, "notes")), ==, 1);
  b_fed = next_change (f, SIM_TOKEN_B, "annotation", id, &b_cursor);
  g_assert_null (b_fed);

  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, json_object_get_int_member (before, "version"));
}

static void
test_me (SimFixture    *f,
         gconstpointer  data)
{
  g_autoptr(SimResponse) zhang = NULL;
  g_autoptr(SimResponse) owner = NULL;
  JsonObject *me;

  add_staff (f, 5000, 20000);
  zhang = sim_request (f, "GET", "/v1/me", TOKEN_ZHANG, NULL);
  g_assert_cmpuint (zhang->status, ==, 200);
  me = sim_object (zhang);
  g_assert_cmpstr (json_object_get_string_member (me, "merchant_id"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (me, "staff_id"), ==, "zhang");
  g_assert_cmpstr (json_object_get_string_member (me, "staff_name"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (me, "role"), ==, "agent");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (me, "caps"), "action_fen"), ==, 5000);
  owner = sim_request (f, "GET", "/v1/me", SIM_TOKEN_A, NULL);
  g_assert_true (json_object_get_null_member (sim_object (owner), "staff_id"));
  g_assert_cmpstr (json_object_get_string_member (sim_object (owner), "role"), ==, "owner");
}

static void
test_claims (SimFixture    *f,
             gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "shipped", "refund_only", "not_received");
  g_autoptr(SimResponse) first = NULL;
  g_autoptr(SimResponse) second = NULL;
  g_autoptr(SimResponse) blocked = NULL;
  g_autoptr(SimResponse) allowed = NULL;
  g_autoptr(SimResponse) renewed = NULL;
  g_autoptr(SimResponse) taken = NULL;
  g_autoptr(SimResponse) after_take = NULL;
  g_autoptr(SimResponse) foreign_release = NULL;
  g_autoptr(SimResponse) released = NULL;
  g_autoptr(SimResponse) again = NULL;
  g_autoptr(SimResponse) other_merchant = NULL;
  g_autoptr(SimResponse) owner = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autofree char *cursor = NULL;
  JsonObject *c;

  add_staff (f, 5000, 20000);
  g_assert_null (next_change (f, TOKEN_LI, "claim", id, &cursor));

  first = claim (f, TOKEN_ZHANG, "POST", id, NULL);
  g_assert_cmpuint (first->status, ==, 200);
  c = sim_member (first, "claim");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "holder"), "name"), ==, "张三");
  g_assert_cmpint (json_object_get_int_member (c, "expires_at"), >, shou_sim_server_now (f->server));
  /* The other staff member's desktop sees it in the change feed. */
  seen = next_change (f, TOKEN_LI, "claim", id, &cursor);
  assert_claim (seen, "held", "zhang", "张三");
  g_assert_cmpint (json_object_get_int_member (seen, "expires_at"), ==, json_object_get_int_member (c, "expires_at"));

  /* The other one: 409 claimed, with who holds it, not version_conflict. */
  second = claim (f, TOKEN_LI, "POST", id, "{}");
  g_assert_cmpuint (second->status, ==, 409);
  g_assert_cmpstr (sim_error_code (second), ==, "claimed");
  g_assert_cmpstr (holder_name (second), ==, "张三");
  blocked = act (f, TOKEN_LI, id, "message", "{\"text\": \"您好，我来处理\"}");
  g_assert_cmpuint (blocked->status, ==, 409);
  g_assert_cmpstr (sim_error_code (blocked), ==, "claimed");
  g_assert_cmpstr (holder_name (blocked), ==, "张三");
  allowed = act (f, TOKEN_ZHANG, id, "message", "{\"text\": \"您好，正在为您处理\"}");
  g_assert_cmpuint (allowed->status, ==, 200);
  sim_advance (f, 10 * G_USEC_PER_SEC);
  renewed = claim (f, TOKEN_ZHANG, "POST", id, NULL);
  g_assert_cmpuint (renewed->status, ==, 200);
  /* A renewal is a change too: the lease ends later. */
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_LI, "claim", id, &cursor);
  assert_claim (seen, "held", "zhang", "张三");
  g_assert_cmpint (json_object_get_int_member (seen, "expires_at"), ==,
                   json_object_get_int_member (sim_member (renewed, "claim"), "expires_at"));
  g_assert_cmpint (json_object_get_int_member (seen, "expires_at"), >, json_object_get_int_member (c, "expires_at"));

  /* Taking over after asking: the holder is now the other one. */
  taken = claim (f, TOKEN_LI, "POST", id, "{\"take_over\": true}");
  g_assert_cmpuint (taken->status, ==, 200);
  after_take = act (f, TOKEN_ZHANG, id, "message", "{\"text\": \"您好\"}");
  g_assert_cmpuint (after_take->status, ==, 409);
  g_assert_cmpstr (holder_name (after_take), ==, "李四");
  foreign_release = claim (f, TOKEN_ZHANG, "DELETE", id, NULL);
  g_assert_cmpuint (foreign_release->status, ==, 409);
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_ZHANG, "claim", id, &cursor);
  assert_claim (seen, "held", "li", "李四");
  released = claim (f, TOKEN_LI, "DELETE", id, NULL);
  g_assert_cmpuint (released->status, ==, 204);
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_ZHANG, "claim", id, &cursor);
  assert_claim (seen, "released", "li", "李四");
  again = claim (f, TOKEN_ZHANG, "POST", id, NULL);
  g_assert_cmpuint (again->status, ==, 200);

  /* A lease not renewed lapses, and the feed says so. */
  sim_advance (f, 3 * 60 * G_USEC_PER_SEC);
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_LI, "claim", id, &cursor);
  assert_claim (seen, "expired", "zhang", "张三");
  g_clear_pointer (&seen, json_object_unref);
  g_assert_null ((seen = next_change (f, TOKEN_LI, "claim", id, &cursor)));
  g_clear_pointer (&second, sim_response_free);
  second = claim (f, TOKEN_LI, "POST", id, NULL);
  g_assert_cmpuint (second->status, ==, 200);

  /* Another merchant's request is not found, as ever. */
  other_merchant = claim (f, SIM_TOKEN_B, "POST", id, NULL);
  g_assert_cmpuint (other_merchant->status, ==, 404);

  /* The owner's own token holds claims with its merchant's name. */
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_ZHANG, "claim", id, &cursor);
  assert_claim (seen, "held", "li", "李四");
  owner = claim (f, SIM_TOKEN_A, "POST", id, "{\"take_over\": true}");
  g_assert_cmpuint (owner->status, ==, 200);
  g_clear_pointer (&seen, json_object_unref);
  seen = next_change (f, TOKEN_ZHANG, "claim", id, &cursor);
  g_assert_nonnull (seen);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (seen, "holder"), "staff_id"));
  g_assert_cmpstr (json_object_get_string_member (seen, "state"), ==, "held");
}

static gint64
amount_of (SimFixture *f,
           const char *id)
{
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);

  return json_object_get_int_member (as, "amount_fen");
}

static void
test_caps_and_audit (SimFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *r1 = sim_open_request (f, "a-taobao", "pending_shipment", "refund_only", "not_wanted");
  g_autofree char *r2 = sim_open_request (f, "a-pdd", "pending_shipment", "refund_only", "not_wanted");
  g_autoptr(SimResponse) over_action = NULL;
  g_autoptr(SimResponse) within = NULL;
  g_autoptr(SimResponse) over_day = NULL;
  g_autoptr(SimResponse) owner = NULL;
  g_autoptr(SimResponse) audit = NULL;
  g_autoptr(SimResponse) agent_audit = NULL;
  g_autoptr(SimResponse) bad_limit = NULL;
  g_autofree char *params = NULL;
  g_autofree char *over = NULL;
  gint64 x = MIN (amount_of (f, r1), amount_of (f, r2)) / 2;
  JsonArray *entries;
  gboolean saw_over_action = FALSE, saw_over_day = FALSE, saw_done = FALSE, saw_owner = FALSE;

  g_assert_cmpint (x, >=, 1);
  add_staff (f, x, x + x / 2);
  over = g_strdup_printf ("{\"amount_fen\": %" G_GINT64_FORMAT "}", x + 1);
  params = g_strdup_printf ("{\"amount_fen\": %" G_GINT64_FORMAT "}", x);

  over_action = act (f, TOKEN_ZHANG, r1, "agree_refund", over);
  g_assert_cmpuint (over_action->status, ==, 422);
  g_assert_cmpstr (sim_error_code (over_action), ==, "not_allowed");
  g_assert_cmpstr (json_object_get_string_member (sim_member (over_action, "error"), "reason"), ==, "over_action_cap");
  within = act (f, TOKEN_ZHANG, r1, "agree_refund", params);
  g_assert_cmpuint (within->status, ==, 200);
  over_day = act (f, TOKEN_ZHANG, r2, "agree_refund", params);
  g_assert_cmpuint (over_day->status, ==, 422);
  g_assert_cmpstr (json_object_get_string_member (sim_member (over_day, "error"), "reason"), ==, "over_day_cap");
  /* The owner has no caps. */
  owner = act (f, SIM_TOKEN_A, r2, "agree_refund", NULL);
  g_assert_cmpuint (owner->status, ==, 200);

  audit = sim_request (f, "GET", "/v1/audit?limit=50", SIM_TOKEN_A, NULL);
  g_assert_cmpuint (audit->status, ==, 200);
  entries = json_object_get_array_member (sim_object (audit), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      const char *staff = json_object_get_null_member (e, "staff_id") ? NULL
                                                                       : json_object_get_string_member (e, "staff_id");
      gint64 status = json_object_get_int_member (e, "status");

      g_assert_cmpstr (json_object_get_string_member (e, "action"), ==, "agree_refund");
      g_assert_cmpint (json_object_get_int_member (e, "at"), >, 0);
      if (g_strcmp0 (staff, "zhang") == 0 && status == 422 &&
          json_object_get_int_member (e, "amount_fen") == x + 1)
        saw_over_action = TRUE;
      else if (g_strcmp0 (staff, "zhang") == 0 && status == 422)
        saw_over_day = TRUE;
      else if (g_strcmp0 (staff, "zhang") == 0 && status == 200)
        saw_done = TRUE;
      else if (staff == NULL && status == 200)
        saw_owner = TRUE;
    }
  g_assert_cmpuint (json_array_get_length (entries), ==, 4);
  g_assert_true (saw_over_action && saw_over_day && saw_done && saw_owner);
  /* Newest first. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 0), "seq"), >,
                   json_object_get_int_member (json_array_get_object_element (entries, 3), "seq"));

  agent_audit = sim_request (f, "GET", "/v1/audit", TOKEN_ZHANG, NULL);
  g_assert_cmpuint (agent_audit->status, ==, 403);
  bad_limit = sim_request (f, "GET", "/v1/audit?limit=0", SIM_TOKEN_A, NULL);
  g_assert_cmpuint (bad_limit->status, ==, 400);
}


static JsonObject *
get_one (SimFixture *f,
         const char *token,
         const char *path,
         const char *member)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, token, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (sim_member (r, member));
}

/* The feed's last entry of @kind and @id for @token, read from the start
 * (transfer full). */
static JsonObject *
feed_entry (SimFixture *f,
            const char *token,
            const char *kind,
            const char *id)
{
  g_autofree char *cursor = NULL;

  return next_change (f, token, kind, id, &cursor);
}

/* Two merchants whose platforms use the same ids for a request, its order
 * and a return address: neither sees nor changes the other's. Every lookup
 * names the merchant (API.md "Storage and scale"). */
static void
test_merchants_apart (SimFixture    *f,
                      gconstpointer  data)
{
  ShouHubStore *store = shou_sim_world_get_db (shou_sim_server_get_world (f->server));
  g_autofree char *id = sim_open_request (f, "a-taobao", "shipped", "refund_only", "not_received");
  const char *aid = f->address[SHOU_PLATFORM_TAOBAO];
  g_autoptr(ShouHubAftersale) as = shou_hub_store_get_aftersale (store, "a", id);
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) address = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_text = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autofree char *order_path = NULL;
  g_autofree char *address_path = g_strdup_printf ("/v1/shops/b-pdd/return-addresses/%s", aid);
  g_autoptr(JsonObject) a_as = NULL, b_as = NULL, a_order = NULL, b_order = NULL, a_claim = NULL, b_claim = NULL;
  g_autoptr(JsonObject) a_feed = NULL, b_feed = NULL, a_after = NULL;
  g_autoptr(SimResponse) a_claimed = NULL, b_claimed = NULL, b_acted = NULL, b_deleted = NULL, a_list = NULL;
  gint64 a_version;
  JsonArray *list;
  gboolean a_still_has = FALSE;

  g_assert_nonnull (as);
  a_text = g_strdup (as->buyer_text);
  order = shou_hub_store_get_order (store, "a", as->order_id);
  address = shou_hub_store_get_address (store, "a", aid);
  g_assert_nonnull (order);
  g_assert_nonnull (address);
  order_path = g_strdup_printf ("/v1/orders/%s", as->order_id);

  /* Merchant b gets a request, an order and an address with the same ids. */
  g_assert_true (shou_hub_store_begin (store, &error));
  g_free (as->merchant_id);
  as->merchant_id = g_strdup ("b");
  g_free (as->shop_id);
  as->shop_id = g_strdup ("b-pdd");
  g_free (as->buyer_text);
  as->buyer_text = g_strdup ("商家B的买家：同一个编号");
  as->state.platform = SHOU_PLATFORM_PDD;
  json_object_remove_member (order, "version");
  json_object_remove_member (order, "updated_at");
  json_object_set_string_member (order, "shop_id", "b-pdd");
  g_assert_true (shou_hub_store_put_aftersale (store, as, 0, &error));
  g_assert_true (shou_hub_store_put_order (store, as->order_id, "b-pdd", "b", order, 1,
                                           shou_sim_server_now (f->server), &error));
  g_assert_true (shou_hub_store_put_address (store, aid, "b-pdd", "b", address, 1, FALSE, &error));
  g_assert_true (shou_hub_store_commit (store, &error));
  g_assert_no_error (error);

  a_as = get_one (f, SIM_TOKEN_A, path, "aftersale");
  b_as = get_one (f, SIM_TOKEN_B, path, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (a_as, "buyer_text"), ==, a_text);
  g_assert_cmpstr (json_object_get_string_member (b_as, "buyer_text"), ==, "商家B的买家：同一个编号");
  g_assert_cmpstr (json_object_get_string_member (a_as, "shop_id"), ==, "a-taobao");
  a_version = json_object_get_int_member (a_as, "version");
  a_order = get_one (f, SIM_TOKEN_A, order_path, "order");
  b_order = get_one (f, SIM_TOKEN_B, order_path, "order");
  g_assert_cmpstr (json_object_get_string_member (a_order, "shop_id"), ==, "a-taobao");
  g_assert_cmpstr (json_object_get_string_member (b_order, "shop_id"), ==, "b-pdd");

  /* Claims: each merchant's own, on the same id. */
  a_claimed = claim (f, SIM_TOKEN_A, "POST", id, NULL);
  g_assert_cmpuint (a_claimed->status, ==, 200);
  b_claimed = claim (f, SIM_TOKEN_B, "POST", id, NULL);
  g_assert_cmpuint (b_claimed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sim_member (b_claimed, "claim"),
                                                                                 "holder"), "name"), ==, "Merchant B");

  /* b acts on its request; a's is untouched. */
  {
    g_autofree char *act_path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
    g_autofree char *body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                             ", \"params\": {\"text\": \"您好\"}}",
                                             json_object_get_int_member (b_as, "version"));
    g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

    b_acted = sim_request_full (f, "POST", act_path, SIM_TOKEN_B, "application/json", bytes, "apart-key-0001");
  }
  g_assert_cmpuint (b_acted->status, ==, 200);
  a_after = get_one (f, SIM_TOKEN_A, path, "aftersale");
  g_assert_cmpint (json_object_get_int_member (a_after, "version"), ==, a_version);

  /* The feeds: each merchant's own request and claim. */
  a_feed = feed_entry (f, SIM_TOKEN_A, "aftersale", id);
  b_feed = feed_entry (f, SIM_TOKEN_B, "aftersale", id);
  g_assert_cmpstr (json_object_get_string_member (a_feed, "buyer_text"), ==, a_text);
  g_assert_cmpstr (json_object_get_string_member (b_feed, "buyer_text"), ==, "商家B的买家：同一个编号");
  a_claim = feed_entry (f, SIM_TOKEN_A, "claim", id);
  b_claim = feed_entry (f, SIM_TOKEN_B, "claim", id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (b_claim, "holder"), "name"), ==,
                   "Merchant B");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (a_claim, "holder"), "name"), !=,
                   "Merchant B");

  /* b deletes its address; a's with the same id stays. */
  b_deleted = sim_request (f, "DELETE", address_path, SIM_TOKEN_B, NULL);
  g_assert_cmpuint (b_deleted->status, ==, 204);
  a_list = sim_request (f, "GET", "/v1/shops/a-taobao/return-addresses", SIM_TOKEN_A, NULL);
  list = json_object_get_array_member (sim_object (a_list), "addresses");
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (list, i), "id"), aid))
      a_still_has = TRUE;
  g_assert_true (a_still_has);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sim/team/me", SimFixture, NULL, sim_fixture_setup, test_me, sim_fixture_teardown);
  g_test_add ("/sim/team/claims", SimFixture, NULL, sim_fixture_setup, test_claims, sim_fixture_teardown);
  g_test_add ("/sim/team/annotations", SimFixture, NULL, sim_fixture_setup, test_annotations, sim_fixture_teardown);
  g_test_add ("/sim/team/caps-and-audit", SimFixture, NULL, sim_fixture_setup, test_caps_and_audit,
              sim_fixture_teardown);
  g_test_add ("/sim/team/merchants-apart", SimFixture, NULL, sim_fixture_setup, test_merchants_apart,
              sim_fixture_teardown);
  return g_test_run ();
}
