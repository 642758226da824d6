/* test-sim-autorules: automatic rules that run in the hub (issue 26):
 * GET /v1/me says so; a rule is refused on until its dry run; the runner
 * judges changed requests, skips a claimed one, stops at the day's count
 * cap, holds each action for the undo window (one is undone there), then
 * sends the rest under the derived key; the next Asia/Shanghai day the
 * cap starts again. Each step of an action is a change-feed entry of kind
 * "autorule" (codes, never words), so the desktops show it in the
 * request's timeline. Runs on SQLite and on PostgreSQL. */
#include "config.h"

#include "core/shou-autorule.h"
#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-server.h"
#include "sim-test-util.h"

#define RULE_ID "rule-unshipped-refund"
#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static char *
rule_json (gboolean enabled)
{
  return g_strdup_printf ("{\"id\": \"" RULE_ID "\", \"name\": \"未发货仅退款\", \"enabled\": %s,"
                          " \"conds\": [{\"kind\": \"shop\", \"text\": \"a-taobao\"},"
                          " {\"kind\": \"type\", \"text\": \"refund_only\"},"
                          " {\"kind\": \"order_state\", \"text\": \"unshipped\"}],"
                          " \"action\": \"agree_refund\", \"arg\": null, \"exclude_tags\": [],"
                          " \"cap_count\": 2, \"cap_amount_fen\": 100000000}",
                          enabled ? "true" : "false");
}

static guint
run_round (SimFixture *f)
{
  ShouHubServer *hub = shou_sim_server_get_hub (f->server);

  return shou_hub_autorules_run (shou_hub_server_get_context (hub), SHOU_HUB_AUTORULE_UNDO_WINDOW);
}

/* The log row of @id, or NULL. */
static JsonObject *
log_row (JsonArray  *log,
         const char *id)
{
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *o = json_array_get_object_element (log, i);

      if (g_str_equal (json_object_get_string_member (o, "aftersale_id"), id))
        return o;
    }
  return NULL;
}

static JsonArray *
get_log (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/autorules/log", SIM_TOKEN_A, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_array_ref (json_object_get_array_member (sim_object (r), "log"));
}

/* The latest "autorule" change of @key in the whole feed (its data's
 * state), checking each such change names a request and codes only;
 * NULL when there is none. */
static char *
feed_state (SimFixture *f,
            const char *key)
{
  g_autofree char *cursor = g_strdup ("0");
  char *state = NULL;

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?cursor=%s&limit=1000", cursor);
      g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      changes = json_object_get_array_member (sim_object (r), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          JsonObject *d;

          if (g_strcmp0 (json_object_get_string_member (c, "kind"), "autorule") != 0)
            continue;
          d = json_object_get_object_member (c, "data");
          g_assert_cmpstr (json_object_get_string_member (c, "id"), ==, json_object_get_string_member (d, "key"));
          g_assert_cmpstr (json_object_get_string_member (d, "action"), ==, "agree_refund");
          g_assert_cmpstr (json_object_get_string_member (d, "rule_id"), ==, RULE_ID);
          g_assert_cmpstr (json_object_get_string_member (d, "rule_name"), ==, "未发货仅退款");
          g_assert_true (json_object_get_int_member (d, "queued_at") > 0);
          if (g_str_equal (json_object_get_string_member (c, "id"), key))
            {
              g_free (state);
              state = g_strdup (json_object_get_string_member (d, "state"));
            }
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
      if (!json_object_get_boolean_member (sim_object (r), "has_more"))
        return state;
    }
  g_assert_not_reached ();
}

static const char *
status_of (SimFixture *f,
           const char *id)
{
  static char status[64];
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);

  g_strlcpy (status, json_object_get_string_member (as, "status"), sizeof status);
  return status;
}

static gint64
server_now (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);

  return json_object_get_int_member (sim_object (r), "now");
}

static void
test_runner (SimFixture    *f,
             gconstpointer  data)
{
  ShouHubServer *hub = shou_sim_server_get_hub (f->server);
  g_autofree char *off = rule_json (FALSE);
  g_autofree char *on = rule_json (TRUE);
  g_autofree char *put_off = g_strdup_printf ("{\"autorules\": [%s]}", off);
  g_autofree char *put_on = g_strdup_printf ("{\"autorules\": [%s]}", on);
  g_autofree char *dry = g_strdup_printf ("{\"rule\": %s}", off);
  g_autofree char *undo = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(SimResponse) r = NULL;
  char *ids[4];
  g_autofree char *noted = NULL;
  JsonObject *o;
  gint64 now, next_day;

  shou_hub_server_set_autorules (hub, TRUE, SHOU_HUB_AUTORULE_UNDO_WINDOW);
  r = sim_request (f, "GET", "/v1/me", SIM_TOKEN_A, NULL);
  g_assert_cmpstr (json_object_get_string_member (sim_object (r), "autorules"), ==, "hub");
  g_clear_pointer (&r, sim_response_free);

  /* A request with the team's internal note comes first: no rule acts on
   * it (API.md "annotation"). */
  noted = sim_open_request (f, "a-taobao", "pending_shipment", "refund_only", NULL);
  {
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/annotations", noted);
    const char *body = "{\"op\": \"add_note\", \"text\": \"买家电话说先别退\"}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

    r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, "autorule-note-0001");
    g_assert_cmpuint (r->status, ==, 200);
    g_clear_pointer (&r, sim_response_free);
  }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = sim_open_request (f, "a-taobao", "pending_shipment", "refund_only", NULL);
  /* Another staff member is on the second one. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/claim", ids[1]);

    r = sim_request (f, "POST", path, SIM_TOKEN_A, "{}");
    g_assert_cmpuint (r->status, ==, 200);
    g_clear_pointer (&r, sim_response_free);
  }

  /* Off it saves; on it is refused until its dry run. */
  r = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A, put_off);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, sim_response_free);
  r = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A, put_on);
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (sim_error_field (r, "reason"), ==, "dry_run_needed");
  g_clear_pointer (&r, sim_response_free);
  g_assert_cmpuint (run_round (f), ==, 0);

  /* The dry run: the five arrived today (each judged as it arrived, before
   * any note); the cap of two holds three back. */
  r = sim_request (f, "POST", "/v1/autorules/dry-run", SIM_TOKEN_A, dry);
  g_assert_cmpuint (r->status, ==, 200);
  o = sim_member (r, "dry_run");
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "capped"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "requests")), ==, 5);
  g_clear_pointer (&r, sim_response_free);
  r = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A, put_on);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
    json_object_get_array_member (sim_object (r), "autorules"), 0), "dry_run"));
  g_clear_pointer (&r, sim_response_free);

  /* The runner: the claimed one is skipped, the cap stops at two, and
   * both wait in the undo window. */
  run_round (f);
  log = get_log (f);
  g_assert_cmpuint (json_array_get_length (log), ==, 2);
  g_assert_null (log_row (log, noted));
  g_assert_nonnull (log_row (log, ids[0]));
  g_assert_null (log_row (log, ids[1]));
  g_assert_nonnull (log_row (log, ids[2]));
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[0]), "state"), ==, "held");
  key = shou_autorule_idempotency_key (RULE_ID, ids[2], json_object_get_int_member (log_row (log, ids[2]), "version"));
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[2]), "key"), ==, key);
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[0]), "rule_name"), ==, "未发货仅退款");
  /* The feed carries each held action (API.md "autorule"). */
  {
    g_autofree char *state = feed_state (f, key);

    g_assert_cmpstr (state, ==, "held");
  }

  /* Nothing goes inside the window; one is undone there. */
  run_round (f);
  g_assert_cmpstr (status_of (f, ids[0]), ==, "wait_seller");
  g_assert_cmpstr (status_of (f, ids[2]), ==, "wait_seller");
  undo = g_strdup_printf ("{\"key\": \"%s\"}",
                          json_object_get_string_member (log_row (log, ids[0]), "key"));
  r = sim_request (f, "POST", "/v1/autorules/log/undo", SIM_TOKEN_A, undo);
  g_assert_cmpint (json_object_get_int_member (sim_object (r), "undone"), ==, 1);
  g_clear_pointer (&r, sim_response_free);

  /* After the window the other one goes, under its derived key. */
  sim_advance (f, 3 * MINUTE);
  run_round (f);
  g_clear_pointer (&log, json_array_unref);
  log = get_log (f);
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[0]), "state"), ==, "undone");
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[2]), "state"), ==, "done");
  {
    g_autofree char *undone = feed_state (f, json_object_get_string_member (log_row (log, ids[0]), "key"));
    g_autofree char *done = feed_state (f, key);

    g_assert_cmpstr (undone, ==, "undone");
    g_assert_cmpstr (done, ==, "done");
  }
  g_assert_cmpstr (status_of (f, ids[0]), ==, "wait_seller");
  g_assert_cmpstr (status_of (f, ids[2]), !=, "wait_seller");
  g_assert_cmpuint (json_array_get_length (log), ==, 2);
  /* The next Asia/Shanghai day reads every request again. */
  now = server_now (f);
  next_day = shou_autorule_day_start (now) + G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  sim_advance (f, next_day - now + MINUTE);
  run_round (f);
  g_clear_pointer (&log, json_array_unref);
  log = get_log (f);
  /* The undone one stays undone (its key is taken); the claim's lease
   * has ended, so the second and the fourth are held under the new
   * day's cap. */
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[0]), "state"), ==, "undone");
  g_assert_cmpuint (json_array_get_length (log), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[1]), "state"), ==, "held");
  g_assert_cmpstr (json_object_get_string_member (log_row (log, ids[3]), "state"), ==, "held");
  g_assert_null (log_row (log, noted));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
}

static void
test_refusals (SimFixture    *f,
               gconstpointer  data)
{
  g_autoptr(SimResponse) r = NULL;

  r = sim_request (f, "GET", "/v1/me", SIM_TOKEN_A, NULL);
  g_assert_cmpstr (json_object_get_string_member (sim_object (r), "autorules"), ==, "desktop");
  g_clear_pointer (&r, sim_response_free);
  r = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A,
                   "{\"autorules\": [{\"id\": \"n\", \"name\": \"议价\", \"enabled\": false, \"conds\": [],"
                   " \"action\": \"negotiate\", \"arg\": \"s1\", \"exclude_tags\": [], \"cap_count\": 1,"
                   " \"cap_amount_fen\": 100}]}");
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (sim_error_field (r, "reason"), ==, "scripts_on_desktop");
  g_clear_pointer (&r, sim_response_free);
  r = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A, "{\"autorules\": 3}");
  g_assert_cmpuint (r->status, ==, 400);
  g_clear_pointer (&r, sim_response_free);
  r = sim_request (f, "DELETE", "/v1/autorules", SIM_TOKEN_A, NULL);
  g_assert_cmpuint (r->status, ==, 405);
  g_clear_pointer (&r, sim_response_free);
  /* Merchant b sees none of a's rules. */
  r = sim_request (f, "GET", "/v1/autorules", SIM_TOKEN_B, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_object (r), "autorules")), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sim/autorules/runner", SimFixture, NULL, sim_fixture_setup, test_runner, sim_fixture_teardown);
  g_test_add ("/sim/autorules/refusals", SimFixture, NULL, sim_fixture_setup, test_refusals, sim_fixture_teardown);
  return g_test_run ();
}
