/* test-sim-fidelity.c: issue 24's remaining rules through the HTTP API and
 * the test controls (test-sim-rules.c has items 1, 2, 3, 5, 6, 7, 8, 9, 10
 * and 11): each request or complaint is set up from scratch, the clock is
 * moved to one minute before and one minute after its deadline, and the
 * outcome is what the seed (or the profile's recorded practice) says.
 *
 *  - item 15: each auto-agree where its source applies it (Pinduoduo 48 h,
 *    002 ④; Taobao 5 days once signed for, 000 ⑵ 二.3; Douyin 48 h in the
 *    return flows, 004 3、4、) and the choices applied beyond a source, marked
 *    as practice;
 *  - item 12: Pinduoduo's 48 h to ship an exchange, practice, not 003's rule;
 *  - item 4: complaints (001 篇二): compensated within 24 h → no penalty,
 *    and the 72 h evidence period after the platform intervenes;
 *  - item 8: Taobao's intervention in a year with a holiday table: exact,
 *    weekends skipped (the no-table years are in test-sim-rules.c). */
#include "config.h"

#include <string.h>

#include "core/shou-complaint.h"
#include "core/shou-complaint-record.h"
#include "core/shou-profile.h"
#include "core/shou-time.h"
#include "sim-test-util.h"

#define MINUTE SHOU_USEC_PER_MINUTE
#define HOUR   SHOU_USEC_PER_HOUR
#define DAY    SHOU_USEC_PER_DAY

static gint64
sim_now (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_int_member (sim_object (r), "now");
}

static void
advance_to (SimFixture *f,
            gint64      at)
{
  gint64 now = sim_now (f);

  g_assert_cmpint (at, >=, now);
  sim_advance (f, at - now);
}

static SimResponse *
buyer (SimFixture *f,
       const char *id,
       const char *action,
       const char *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"%s\"%s}",
                                           id, action, extra ? extra : "");

  return sim_request (f, "POST", "/v1/test/buyer", NULL, body);
}

static const char *
status_of (SimResponse *r)
{
  return json_object_get_string_member (sim_member (r, "aftersale"), "status");
}

static const ShouProfile *
profile_of (const char *platform)
{
  ShouPlatform p;

  g_assert_true (shou_platform_from_string (platform, &p));
  return shou_profiles_get (shou_profiles_get_default (), p);
}

/* Whether the request's running rule is marked as practice in its profile. */
static gboolean
rule_is_practice (JsonObject *as)
{
  const ShouProfile *profile = profile_of (json_object_get_string_member (as, "platform"));
  const char *rule_id = json_object_get_string_member (as, "deadline_rule");
  const ShouDeadlineRule *rule = shou_profile_get_deadline_by_id (profile, rule_id);

  if (rule == NULL)
    g_error ("no rule %s in the %s profile", rule_id, json_object_get_string_member (as, "platform"));
  return rule->practice;
}

/* ---- item 15: each auto-agree where its source applies it ---- */

static void
test_auto_agree_where_sources_apply (SimFixture    *f,
                                     gconstpointer  data)
{
  static const struct {
    const char *why;
    const char *shop;
    const char *order_state;
    const char *type;
    const char *rule;
    gboolean    practice;
    gint64      duration;
    const char *after;      /* the status one minute after */
  } rows[] = {
    /* 002 ④ "卖家逾期未处理将按照你的售后要求达成协议" (48 h: 000 ⑷) */
    { "pdd auto agree", "a-pdd", "completed", "return_refund", "seller-process", FALSE, 48 * HOUR,
      "wait_buyer_return" },
    /* 000 ⑵ 二.3 "若已經簽收: … (2) 賣家有5天的時間來同意和拒絕你的的退款申請" */
    { "taobao once signed for", "a-taobao", "completed", "return_refund", "seller-respond-signed", FALSE, 5 * DAY,
      "wait_buyer_return" },
    /* Before signing no seed gives a deadline: the 5 days applied, as practice. */
    { "taobao before signing", "a-taobao", "shipped", "return_refund", "seller-respond-shipped", TRUE, 5 * DAY,
      "wait_buyer_return" },
    /* 004 3、4、 (退货流程) "商家须在48小时内处理用户申请,逾期未处理系统自动同意" */
    { "douyin return flow", "a-douyin", "completed", "return_refund", "merchant-handle", FALSE, 48 * HOUR,
      "wait_buyer_return" },
    /* The other types: the same 48 h, as practice. */
    { "douyin refund only", "a-douyin", "completed", "refund_only", "merchant-handle-other", TRUE, 48 * HOUR,
      "success" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *id = sim_open_request (f, rows[i].shop, rows[i].order_state, rows[i].type, "quality_problem");
      g_autoptr(JsonObject) opened = sim_get_aftersale (f, SIM_TOKEN_A, id);
      g_autoptr(JsonObject) before = NULL;
      g_autoptr(JsonObject) after = NULL;
      gint64 deadline = json_object_get_int_member (opened, "deadline_at");

      g_test_message ("%s", rows[i].why);
      g_assert_cmpstr (json_object_get_string_member (opened, "status"), ==, "wait_seller");
      g_assert_cmpstr (json_object_get_string_member (opened, "deadline_rule"), ==, rows[i].rule);
      g_assert_cmpstr (json_object_get_string_member (opened, "on_lapse"), ==, "auto_agree");
      g_assert_cmpint (deadline - json_object_get_int_member (opened, "opened_at"), ==, rows[i].duration);
      g_assert_cmpint (rule_is_practice (opened), ==, rows[i].practice);

      advance_to (f, deadline - MINUTE);
      before = sim_get_aftersale (f, SIM_TOKEN_A, id);
      g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "wait_seller");
      advance_to (f, deadline + MINUTE);
      after = sim_get_aftersale (f, SIM_TOKEN_A, id);
      g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, rows[i].after);
    }
}

/* ---- item 12: Pinduoduo's 48 h to ship an exchange is practice ---- */

static void
test_pdd_exchange_shipping_practice (SimFixture    *f,
                                     gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "exchange", "quality_problem");
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_PDD]);
  g_autoptr(SimResponse) agreed = sim_action (f, id, "agree_return", params);
  g_autoptr(SimResponse) shipped = buyer (f, id, "ship_return", ", \"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"");
  g_autoptr(SimResponse) received = sim_action (f, id, "confirm_receipt", NULL);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *as;
  gint64 deadline;

  g_assert_cmpuint (agreed->status, ==, 200);
  g_assert_cmpuint (shipped->status, ==, 200);
  g_assert_cmpuint (received->status, ==, 200);
  as = sim_member (received, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "status"), ==, "wait_seller_ship");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_rule"), ==, "seller-ship-exchange");
  /* 003's 48 h is for shipping a formed group order (¥5 deducted): this
   * one no seed states, so the profile marks it as practice. */
  g_assert_true (rule_is_practice (as));
  g_assert_cmpstr (json_object_get_string_member (as, "on_lapse"), ==, "auto_refund");
  deadline = json_object_get_int_member (as, "deadline_at");
  g_assert_cmpint (deadline - sim_now (f), <=, 48 * HOUR);
  g_assert_cmpint (deadline - sim_now (f), >, 48 * HOUR - 30 * SHOU_USEC_PER_SECOND);

  advance_to (f, deadline - MINUTE);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "wait_seller_ship");
  advance_to (f, deadline + MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "success");
}

/* ---- item 4: complaints (001 篇二) ---- */

static SimResponse *
post_keyed (SimFixture *f,
            const char *path,
            const char *key,
            const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
}

static JsonObject *
new_complaint (SimFixture *f,
               const char *key)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "completed");
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\","
                                           " \"buyer_nick\": \"c**y\", \"text\": \"一直不发货\"}", order_id);
  g_autoptr(SimResponse) r = post_keyed (f, "/v1/complaints", key, body);

  g_assert_cmpuint (r->status, ==, 201);
  return json_object_ref (sim_member (r, "complaint"));
}

static SimResponse *
complaint_step (SimFixture *f,
                JsonObject *complaint,
                const char *action,
                const char *params)
{
  static guint counter;
  const char *id = json_object_get_string_member (complaint, "id");
  g_autofree char *path = g_strdup_printf ("/v1/complaints/%s/actions", id);
  g_autofree char *key = g_strdup_printf ("complaint-step-%04u", ++counter);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"%s\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": %s}", action,
                                           json_object_get_int_member (complaint, "version"),
                                           params ? params : "{}");
  SimResponse *r = post_keyed (f, path, key, body);

  if (r->status == 200)
    {
      JsonObject *now = sim_member (r, "complaint");

      json_object_set_int_member (complaint, "version", json_object_get_int_member (now, "version"));
    }
  return r;
}

/* When the buyer filed it (the record core reads). */
static gint64
opened_at_of (JsonObject *complaint)
{
  g_assert_true (json_object_has_member (complaint, "opened_at"));
  return json_object_get_int_member (complaint, "opened_at");
}

static ShouComplaintPenalty
penalty_of (SimResponse *r,
            gint64       now)
{
  ShouComplaintTimes times;
  ShouComplaintEvaluation eval;

  shou_complaint_times_from_json (sim_member (r, "complaint"), &times);
  g_assert_true (shou_complaint_evaluate (profile_of ("taobao"), &times, now, &eval));
  return eval.penalty;
}

static void
test_complaint_deadlines (SimFixture    *f,
                          gconstpointer  data)
{
  /* "卖家在24小时内主动赔付 … 投诉完结对卖家不扣分". */
  g_autoptr(JsonObject) early = new_complaint (f, "fidelity-complaint-1");
  g_autoptr(JsonObject) late = new_complaint (f, "fidelity-complaint-2");
  gint64 late_opened = opened_at_of (late);
  g_autoptr(SimResponse) paid_early = NULL;
  g_autoptr(SimResponse) paid_late = NULL;
  g_autoptr(SimResponse) intervened = NULL;
  g_autoptr(SimResponse) in_time = NULL;
  g_autoptr(SimResponse) too_late = NULL;
  gint64 intervention_at;

  g_assert_cmpint (opened_at_of (early), <=, late_opened);
  advance_to (f, opened_at_of (early) + 24 * HOUR - MINUTE);
  paid_early = complaint_step (f, early, "compensate", "{\"amount_fen\": 1500}");
  g_assert_cmpuint (paid_early->status, ==, 200);
  g_assert_cmpint (penalty_of (paid_early, sim_now (f)), ==, SHOU_COMPLAINT_PENALTY_NONE);

  advance_to (f, late_opened + 24 * HOUR + MINUTE);
  paid_late = complaint_step (f, late, "compensate", "{\"amount_fen\": 1500}");
  g_assert_cmpuint (paid_late->status, ==, 200);
  g_assert_cmpint (penalty_of (paid_late, sim_now (f)), ==, SHOU_COMPLAINT_PENALTY_POSSIBLE);

  /* "淘宝介入处理 … 举证期 72小时": evidence one minute before its end is
   * taken, one minute after it is refused. */
  intervened = complaint_step (f, late, "intervene", NULL);
  g_assert_cmpuint (intervened->status, ==, 200);
  intervention_at = json_object_get_int_member (sim_member (intervened, "complaint"), "intervention_at");
  advance_to (f, intervention_at + 72 * HOUR - MINUTE);
  in_time = complaint_step (f, late, "evidence", "{\"note\": \"发货记录\"}");
  g_assert_cmpuint (in_time->status, ==, 200);
  advance_to (f, intervention_at + 72 * HOUR + MINUTE);
  too_late = complaint_step (f, late, "evidence", "{\"note\": \"聊天截图\"}");
  g_assert_cmpuint (too_late->status, ==, 422);
  g_assert_cmpstr (sim_error_field (too_late, "reason"), ==, "evidence_closed");
}

/* The request's deadline_rule as the change feed carries it after @cursor
 * (its latest copy), or NULL when the feed has no change of it. */
static char *
feed_deadline_rule (SimFixture *f,
                    const char *cursor,
                    const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000%s%s", cursor ? "&cursor=" : "",
                                           cursor ? cursor : "");
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  JsonArray *changes;
  char *rule = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sim_object (r), "has_more"));
  changes = json_object_get_array_member (sim_object (r), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale") &&
          g_str_equal (json_object_get_string_member (c, "id"), id))
        {
          g_free (rule);
          rule = g_strdup (json_object_get_string_member_with_default (json_object_get_object_member (c, "data"),
                                                                       "deadline_rule", NULL));
        }
    }
  return rule;
}

static char *
feed_cursor (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sim_object (r), "has_more"));
  return g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
}

/* ---- item 8: a year with a holiday table ---- */

static void
test_taobao_intervention_table_year (SimFixture    *f,
                                     gconstpointer  data)
{
  /* "淘宝小二会在2个工作日内回复": a Friday 10:00 CST in 2026 (the profile's
   * table year): the answer is exact, the weekend is skipped. */
  gint64 friday = 0;
  g_autofree char *order_id = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SimResponse) order = NULL;
  g_autoptr(SimResponse) opened = NULL;
  g_autoptr(SimResponse) rejected = NULL;
  g_autoptr(SimResponse) escalated = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *fed = NULL;
  JsonObject *line;
  JsonObject *as;
  const char *id;
  gint64 reply;

  g_assert_true (shou_time_parse_iso8601 ("2026-12-11T10:00:00+08:00", &friday, NULL));
  if (sim_now (f) > friday - HOUR)
    {
      g_test_skip ("the clock is past the last 2026 Friday this test uses");
      return;
    }
  order_id = sim_new_order (f, "a-taobao", "pending_shipment");
  {
    g_autofree char *path = g_strdup_printf ("/v1/orders/%s", order_id);
    order = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  }
  line = json_array_get_object_element (json_object_get_array_member (sim_member (order, "order"), "lines"), 0);
  body = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\", \"type\": \"refund_only\","
                          " \"reason_code\": \"not_wanted\", \"text\": \"不想要了\", \"amount_fen\": %" G_GINT64_FORMAT "}",
                          order_id, json_object_get_string_member (line, "id"),
                          json_object_get_int_member (line, "price_fen"));
  opened = sim_request (f, "POST", "/v1/test/buyer", NULL, body);
  g_assert_cmpuint (opened->status, ==, 200);
  id = json_object_get_string_member (sim_member (opened, "aftersale"), "id");
  rejected = sim_action (f, id, "reject",
                         "{\"reason_code\": \"buyer_unreasonable\", \"explanation\": \"商品无质量问题，已提供检测报告\"}");
  g_assert_cmpuint (rejected->status, ==, 200);

  advance_to (f, friday);
  escalated = buyer (f, id, "escalate", ", \"text\": \"申请客服介入\"");
  g_assert_cmpuint (escalated->status, ==, 200);
  g_assert_cmpstr (status_of (escalated), ==, "intervention");
  as = sim_member (escalated, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_rule"), ==, "platform-reply");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_actor"), ==, "platform");
  g_assert_false (json_object_get_boolean_member_with_default (as, "deadline_approximate", FALSE));
  /* Friday → Tuesday (Saturday and Sunday are no working days), within the
   * seconds the test takes to talk to the running clock. */
  reply = json_object_get_int_member (as, "deadline_at");
  g_assert_cmpint (reply - (friday + 4 * DAY), >=, 0);
  g_assert_cmpint (reply - (friday + 4 * DAY), <, 30 * SHOU_USEC_PER_SECOND);

  advance_to (f, reply - MINUTE);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (before, "deadline_rule"), ==, "platform-reply");
  cursor = feed_cursor (f);
  advance_to (f, reply + MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "intervention");
  g_assert_cmpstr (json_object_get_string_member (after, "deadline_rule"), ==, "platform-resolve");
  g_assert_false (json_object_get_boolean_member_with_default (after, "deadline_approximate", FALSE));
  /* The clock alone changed the reading: a desktop following the change
   * feed learns it too (it showed the passed reply deadline as overdue). */
  fed = feed_deadline_rule (f, cursor, id);
  g_assert_cmpstr (fed, ==, "platform-resolve");
}

/* ---- item 3: a stall begun by the clock alone reaches the change feed ---- */

static gboolean
feed_has_risk (SimFixture *f,
               const char *cursor,
               const char *id,
               const char *code)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  JsonArray *changes;
  gboolean found = FALSE;

  g_assert_cmpuint (r->status, ==, 200);
  changes = json_object_get_array_member (sim_object (r), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      JsonArray *risks;

      if (!g_str_equal (json_object_get_string_member (c, "kind"), "aftersale") ||
          !g_str_equal (json_object_get_string_member (c, "id"), id))
        continue;
      found = FALSE;
      risks = json_object_get_array_member (json_object_get_object_member (c, "data"), "risks");
      for (guint k = 0; risks != NULL && k < json_array_get_length (risks); k++)
        found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (risks, k), "code"),
                              code);
    }
  return found;
}

static void
test_stall_reaches_feed (SimFixture    *f,
                         gconstpointer  data)
{
  /* 002 一.2 物流断更: 72 h without a tracking event after the return shipped. */
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", "quality_problem");
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_PDD]);
  g_autoptr(SimResponse) agreed = sim_action (f, id, "agree_return", params);
  g_autoptr(SimResponse) shipped = buyer (f, id, "ship_return", ", \"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"");
  g_autofree char *cursor = NULL;
  gint64 shipped_at;

  g_assert_cmpuint (agreed->status, ==, 200);
  g_assert_cmpuint (shipped->status, ==, 200);
  shipped_at = json_object_get_int_member (json_object_get_object_member (sim_member (shipped, "aftersale"),
                                                                         "return_shipment"), "shipped_at");
  advance_to (f, shipped_at + 72 * HOUR - MINUTE);
  cursor = feed_cursor (f);
  g_assert_false (feed_has_risk (f, cursor, id, "logistics_stalled"));
  advance_to (f, shipped_at + 72 * HOUR + MINUTE);
  /* A desktop following the feed from before learns of the stall. */
  g_assert_true (feed_has_risk (f, cursor, id, "logistics_stalled"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sim/fidelity/" path, SimFixture, NULL, sim_fixture_setup, func, sim_fixture_teardown)
  ADD ("all/auto-agree/where-the-source-applies", test_auto_agree_where_sources_apply);
  ADD ("pdd/exchange/ship-48h-practice", test_pdd_exchange_shipping_practice);
  ADD ("taobao/complaint/24h-compensation-72h-evidence", test_complaint_deadlines);
  ADD ("taobao/intervention/working-days-table-year", test_taobao_intervention_table_year);
  ADD ("pdd/risks/stall-reaches-feed", test_stall_reaches_feed);
#undef ADD

  return g_test_run ();
}
