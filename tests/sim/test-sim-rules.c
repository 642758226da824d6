/* Issue 24's rules through the HTTP API and the test controls: each request
 * is set up from scratch, the clock is moved to one minute before and one
 * minute after its deadline, and the outcome is what the seed says. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

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

/* The first line of a new order: its id and what was paid for it. */
static char *
new_line (SimFixture *f,
          const char *shop_id,
          const char *state,
          char      **out_order,
          gint64     *out_paid)
{
  g_autofree char *order_id = sim_new_order (f, shop_id, state);
  g_autofree char *path = g_strdup_printf ("/v1/orders/%s", order_id);
  g_autoptr(SimResponse) o = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  JsonObject *line;

  g_assert_cmpuint (o->status, ==, 200);
  line = json_array_get_object_element (json_object_get_array_member (sim_member (o, "order"), "lines"), 0);
  *out_paid = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
  *out_order = g_steal_pointer (&order_id);
  return g_strdup (json_object_get_string_member (line, "id"));
}

/* POST /v1/test/buyer "open" with @extra members (", \"keep_fen\": 5"). */
static SimResponse *
open_with (SimFixture *f,
           const char *order_id,
           const char *line_id,
           const char *type,
           const char *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\","
                                           " \"type\": \"%s\", \"reason_code\": \"quality_problem\","
                                           " \"text\": \"质量有问题\"%s}",
                                           order_id, line_id, type, extra);

  return sim_request (f, "POST", "/v1/test/buyer", NULL, body);
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

/* A distinct decodable PNG per @tint. */
static GBytes *
png_bytes (guint tint)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 4);
  g_autoptr(GError) error = NULL;
  gchar *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x10203000u + (tint << 8));
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static SimResponse *
upload (SimFixture *f,
        const char *id,
        guint       tint)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=courier_certificate", id);
  g_autoptr(GBytes) bytes = png_bytes (tint);

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, "image/png", bytes, NULL);
}

/* ---- item 7: amounts ---- */

static void
test_agree_refund_amount (SimFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *order = NULL;
  gint64 paid = 0;
  g_autofree char *line = new_line (f, "a-taobao", "pending_shipment", &order, &paid);
  g_autoptr(SimResponse) opened = open_with (f, order, line, "refund_only", "");
  const char *id;
  g_autofree char *over = NULL;
  g_autoptr(SimResponse) zero = NULL;
  g_autoptr(SimResponse) too_much = NULL;
  g_autoptr(SimResponse) ok = NULL;

  /* open_with gives no amount: the open control requires one. */
  g_assert_cmpuint (opened->status, ==, 400);
  g_clear_pointer (&opened, sim_response_free);
  {
    g_autofree char *extra = g_strdup_printf (", \"amount_fen\": %" G_GINT64_FORMAT, paid - 1);
    opened = open_with (f, order, line, "refund_only", extra);
  }
  g_assert_cmpuint (opened->status, ==, 200);
  id = json_object_get_string_member (sim_member (opened, "aftersale"), "id");

  zero = sim_action (f, id, "agree_refund", "{\"amount_fen\": 0}");
  g_assert_cmpuint (zero->status, ==, 400);
  g_assert_cmpstr (sim_error_field (zero, "detail"), ==, "amount_out_of_range");
  over = g_strdup_printf ("{\"amount_fen\": %" G_GINT64_FORMAT "}", paid);
  too_much = sim_action (f, id, "agree_refund", over);
  g_assert_cmpuint (too_much->status, ==, 400);
  g_assert_cmpstr (sim_error_field (too_much, "detail"), ==, "amount_out_of_range");

  /* No amount: the requested one. */
  ok = sim_action (f, id, "agree_refund", NULL);
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (status_of (ok), ==, "success");
  g_assert_cmpint (json_object_get_int_member (sim_member (ok, "aftersale"), "amount_fen"), ==, paid - 1);
}

/* ---- item 9: keep_fen (001 篇六) ---- */

static void
test_keep_fen (SimFixture    *f,
               gconstpointer  data)
{
  g_autofree char *order = NULL;
  g_autofree char *order2 = NULL;
  gint64 paid = 0, paid2 = 0;
  g_autofree char *line = new_line (f, "a-taobao", "completed", &order, &paid);
  g_autofree char *line2 = new_line (f, "a-taobao", "completed", &order2, &paid2);
  g_autofree char *keep = g_strdup_printf (", \"keep_fen\": %" G_GINT64_FORMAT, paid - 500);
  g_autofree char *keep_all = g_strdup_printf (", \"keep_fen\": %" G_GINT64_FORMAT, paid2);
  g_autoptr(SimResponse) all = open_with (f, order2, line2, "return_refund", keep_all);
  g_autoptr(SimResponse) both = open_with (f, order2, line2, "return_refund", ", \"keep_fen\": 0, \"amount_fen\": 100");
  g_autoptr(SimResponse) five = NULL;
  g_autoptr(SimResponse) full = NULL;

  /* Keeping everything asks for no refund; amount and keep together are ambiguous. */
  g_assert_cmpuint (all->status, ==, 400);
  g_assert_cmpstr (sim_error_field (all, "field"), ==, "keep_fen");
  g_assert_cmpuint (both->status, ==, 400);
  g_assert_cmpstr (sim_error_field (both, "field"), ==, "keep_fen");

  /* "给卖家20元 … 给买家退5元": the refund is what is not kept. */
  five = open_with (f, order, line, "return_refund", keep);
  g_assert_cmpuint (five->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_member (five, "aftersale"), "amount_fen"), ==, 500);

  /* "如果要求全部退款,不需要给卖家钱就填写 0". */
  full = open_with (f, order2, line2, "return_refund", ", \"keep_fen\": 0");
  g_assert_cmpuint (full->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_member (full, "aftersale"), "amount_fen"), ==, paid2);
}

/* ---- item 10: only one request per line after completion ---- */

static void
reopen_case (SimFixture *f,
             const char *state,
             const char *type,
             guint       expect_status)
{
  g_autofree char *order = NULL;
  gint64 paid = 0;
  g_autofree char *line = new_line (f, "a-pdd", state, &order, &paid);
  g_autofree char *amount = g_strdup_printf (", \"amount_fen\": %" G_GINT64_FORMAT, paid);
  g_autoptr(SimResponse) first = open_with (f, order, line, type, amount);
  g_autoptr(SimResponse) withdrawn = NULL;
  g_autoptr(SimResponse) again = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  withdrawn = buyer (f, json_object_get_string_member (sim_member (first, "aftersale"), "id"), "cancel", NULL);
  g_assert_cmpuint (withdrawn->status, ==, 200);
  g_assert_cmpstr (status_of (withdrawn), ==, "closed");

  again = open_with (f, order, line, type, amount);
  g_assert_cmpuint (again->status, ==, expect_status);
  if (expect_status == 422)
    g_assert_cmpstr (sim_error_field (again, "reason"), ==, "line_closed");
}

static void
test_reopen_before_completion (SimFixture    *f,
                               gconstpointer  data)
{
  /* 000 ⑴ note 3 / 002 ③: the rule holds once the trade completed. */
  reopen_case (f, "pending_shipment", "refund_only", 200);
  reopen_case (f, "shipped", "refund_only", 200);
  reopen_case (f, "completed", "return_refund", 422);
}

/* A return request for the full price of a new shipped Taobao order,
 * opened under @version of the profile (%NULL: the current one). */
static SimResponse *
open_taobao_return (SimFixture *f,
                    const char *version)
{
  g_autofree char *order = NULL;
  gint64 paid = 0;
  g_autofree char *line = new_line (f, "a-taobao", "shipped", &order, &paid);
  g_autofree char *version_member = version ? g_strdup_printf (", \"profile_version\": \"%s\"", version)
                                            : g_strdup ("");
  g_autofree char *extra = g_strdup_printf (", \"amount_fen\": %" G_GINT64_FORMAT "%s", paid, version_member);

  return open_with (f, order, line, "return_refund", extra);
}

/* ---- item 6: a request keeps its profile version ---- */

static void
test_profile_version (SimFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(SimResponse) unknown = open_taobao_return (f, "1999");
  g_autoptr(SimResponse) older = open_taobao_return (f, "2019");
  g_autoptr(SimResponse) current = open_taobao_return (f, NULL);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *as;
  const char *id;
  gint64 opened, deadline;

  g_assert_cmpuint (unknown->status, ==, 400);
  g_assert_cmpstr (sim_error_field (unknown, "field"), ==, "profile_version");

  g_assert_cmpuint (current->status, ==, 200);
  as = sim_member (current, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "profile_version"), ==, "2024");
  g_assert_cmpint (json_object_get_int_member (as, "deadline_at") - json_object_get_int_member (as, "opened_at"),
                   ==, 5 * DAY);

  /* 001 篇三: "卖家还有 14天23小时59分钟 来处理本次退款申请". */
  g_assert_cmpuint (older->status, ==, 200);
  as = sim_member (older, "aftersale");
  id = json_object_get_string_member (as, "id");
  opened = json_object_get_int_member (as, "opened_at");
  deadline = json_object_get_int_member (as, "deadline_at");
  g_assert_cmpstr (json_object_get_string_member (as, "profile_version"), ==, "2019");
  g_assert_cmpint (deadline - opened, ==, 15 * DAY);
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_rule"), ==, "seller-respond");

  advance_to (f, deadline - MINUTE);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "wait_seller");
  g_assert_cmpint (json_object_get_int_member (before, "deadline_at"), ==, deadline);

  /* "如果在该期限内卖家没有作出…答复,本次退款申请将会自动达成协议,进入退货流程". */
  advance_to (f, deadline + MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "wait_buyer_return");
  g_assert_cmpstr (json_object_get_string_member (after, "profile_version"), ==, "2019");
}

/* ---- item 11: the 2019 profile's 15 days before intervention ---- */

static SimResponse *
reject_taobao (SimFixture *f,
               const char *id)
{
  return sim_action (f, id, "reject",
                     "{\"reason_code\": \"buyer_unreasonable\", \"explanation\": \"商品无质量问题，已提供检测报告\"}");
}

static void
test_taobao_2019_escalation (SimFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(SimResponse) older = open_taobao_return (f, "2019");
  g_autoptr(SimResponse) current = open_taobao_return (f, NULL);
  g_autoptr(SimResponse) early = NULL;
  g_autoptr(SimResponse) late = NULL;
  g_autoptr(SimResponse) at_once = NULL;
  g_autofree char *id = NULL;
  const char *cid;
  gint64 opened;

  g_assert_cmpuint (older->status, ==, 200);
  g_assert_cmpuint (current->status, ==, 200);
  id = g_strdup (json_object_get_string_member (sim_member (older, "aftersale"), "id"));
  cid = json_object_get_string_member (sim_member (current, "aftersale"), "id");
  opened = json_object_get_int_member (sim_member (older, "aftersale"), "opened_at");

  /* Today's profile: a refused shipped case may go to the platform at once. */
  {
    g_autoptr(SimResponse) r = reject_taobao (f, cid);

    g_assert_cmpuint (r->status, ==, 200);
    at_once = buyer (f, cid, "escalate", ", \"text\": \"卖家拒绝\"");
    g_assert_cmpuint (at_once->status, ==, 200);
    g_assert_cmpstr (status_of (at_once), ==, "intervention");
  }

  /* The 2019 page: refused, the buyer modifies the agreement (这一步必须做),
   * refused again, until 15 days have passed. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(SimResponse) r = reject_taobao (f, id);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (status_of (r), ==, "refused");
      if (round < 2)
        {
          g_autoptr(SimResponse) m = NULL;

          advance_to (f, opened + (round + 1) * 6 * DAY);
          m = buyer (f, id, "modify", ", \"text\": \"修改退款协议\"");
          g_assert_cmpuint (m->status, ==, 200);
          g_assert_cmpstr (status_of (m), ==, "wait_seller");
        }
    }

  /* "这时候申请客服介入是不行的,系统默认是15日后可以申请客服介入". */
  advance_to (f, opened + 15 * DAY - MINUTE);
  early = buyer (f, id, "escalate", ", \"text\": \"申请客服介入\"");
  g_assert_cmpuint (early->status, ==, 422);
  g_assert_cmpstr (sim_error_field (early, "reason"), ==, "too_early");

  advance_to (f, opened + 15 * DAY + MINUTE);
  late = buyer (f, id, "escalate", ", \"text\": \"申请客服介入\"");
  g_assert_cmpuint (late->status, ==, 200);
  g_assert_cmpstr (status_of (late), ==, "intervention");
}

/* ---- item 1: Pinduoduo ticket evidence within 48 h (003 §四) ---- */

static void
test_pdd_ticket_evidence (SimFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", "quality_problem");
  g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=pdd", SIM_TOKEN_A, NULL);
  const char *code = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (sim_object (reasons), "reasons"), 0), "code");
  g_autoptr(SimResponse) first = upload (f, id, 1);
  const char *sha = json_object_get_string_member (sim_member (first, "evidence"), "id");
  g_autofree char *round2 = g_strdup_printf ("{\"round\": 2, \"text\": \"可以为您补偿10元\","
                                             " \"proposal\": \"partial_refund\", \"amount_fen\": 1000,"
                                             " \"evidence\": [\"%s\"]}", sha);
  g_autofree char *reject = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品已签收且无质量问题，附签收底单\","
                                             " \"evidence\": [\"%s\"]}", code, sha);
  g_autoptr(SimResponse) r1 = sim_action (f, id, "negotiate", "{\"round\": 1, \"text\": \"您好，麻烦您提供一下问题照片\"}");
  g_autoptr(SimResponse) b1 = buyer (f, id, "reply", ", \"text\": \"不接受\"");
  g_autoptr(SimResponse) r2 = sim_action (f, id, "negotiate", round2);
  g_autoptr(SimResponse) b2 = buyer (f, id, "reply", ", \"text\": \"还是不接受\"");
  g_autoptr(SimResponse) rejected = sim_action (f, id, "reject", reject);
  g_autoptr(SimResponse) ticket = buyer (f, id, "escalate", ", \"text\": \"申请平台介入\"");
  g_autoptr(SimResponse) in_time = NULL;
  g_autoptr(SimResponse) too_late = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *as;
  gint64 opened_ticket;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (r1->status, ==, 200);
  g_assert_cmpuint (b1->status, ==, 200);
  g_assert_cmpuint (r2->status, ==, 200);
  g_assert_cmpuint (b2->status, ==, 200);
  g_assert_cmpuint (rejected->status, ==, 200);
  g_assert_cmpuint (ticket->status, ==, 200);
  as = sim_member (ticket, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "status"), ==, "intervention");
  /* The countdown shows on the request, with what its end means: 48 h from
   * the ticket (the simulator's clock also runs in real time). */
  opened_ticket = json_object_get_int_member (as, "deadline_at") - 48 * HOUR;
  g_assert_cmpint (opened_ticket, <=, sim_now (f));
  g_assert_cmpint (opened_ticket, >, sim_now (f) - 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (json_object_get_string_member (as, "on_lapse"), ==, "evidence_closed");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_actor"), ==, "seller");

  advance_to (f, opened_ticket + 48 * HOUR - MINUTE);
  in_time = upload (f, id, 2);
  g_assert_cmpuint (in_time->status, ==, 201);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (before, "on_lapse"), ==, "evidence_closed");

  /* "否则逾期不能再举证了". */
  advance_to (f, opened_ticket + 48 * HOUR + MINUTE);
  too_late = upload (f, id, 3);
  g_assert_cmpuint (too_late->status, ==, 422);
  g_assert_cmpstr (sim_error_code (too_late), ==, "not_allowed");
  g_assert_cmpstr (sim_error_field (too_late, "reason"), ==, "evidence_closed");
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "intervention");
  g_assert_true (json_object_get_null_member (after, "deadline_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "evidence")), ==, 2);
}

/* ---- item 3: risks in the platform's answer (002 一.1) ---- */

static JsonObject *
find_risk (JsonObject *as,
           const char *code)
{
  JsonArray *risks = json_object_get_array_member (as, "risks");

  g_assert_nonnull (risks);
  for (guint i = 0; i < json_array_get_length (risks); i++)
    {
      JsonObject *r = json_array_get_object_element (risks, i);

      /* Codes and parameters only: the desktop words them. */
      g_assert_false (json_object_has_member (r, "message"));
      g_assert_false (json_object_has_member (r, "text"));
      if (g_str_equal (json_object_get_string_member (r, "code"), code))
        return r;
    }
  return NULL;
}

static void
test_risks (SimFixture    *f,
            gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", "quality_problem");
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_PDD]);
  g_autoptr(SimResponse) agree = sim_action (f, id, "agree_return", params);
  g_autoptr(JsonObject) opened = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(SimResponse) shipped = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *stalled;
  gint64 shipped_at;

  g_assert_cmpuint (agree->status, ==, 200);
  g_assert_null (find_risk (opened, "goods_returned"));

  shipped = buyer (f, id, "ship_return", ", \"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"");
  g_assert_cmpuint (shipped->status, ==, 200);
  shipped_at = json_object_get_int_member (json_object_get_object_member (sim_member (shipped, "aftersale"),
                                                                         "return_shipment"), "shipped_at");
  g_assert_cmpint (shipped_at, <=, sim_now (f));
  g_assert_nonnull (find_risk (sim_member (shipped, "aftersale"), "goods_returned"));
  g_assert_null (find_risk (sim_member (shipped, "aftersale"), "logistics_stalled"));

  /* 物流断更: no tracking event for the profile's 72 h. */
  advance_to (f, shipped_at + 72 * HOUR - MINUTE);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_null (find_risk (before, "logistics_stalled"));
  advance_to (f, shipped_at + 72 * HOUR + MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  stalled = find_risk (after, "logistics_stalled");
  g_assert_nonnull (stalled);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stalled, "params"), "last_event_at"),
                   ==, shipped_at);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stalled, "params"), "stall_us"),
                   ==, 72 * HOUR);
  g_assert_nonnull (find_risk (after, "goods_returned"));

  /* The change feed's stored copy says the same. */
  {
    g_autoptr(SimResponse) feed = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
    JsonArray *changes = json_object_get_array_member (sim_object (feed), "changes");
    gboolean seen = FALSE;

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);

        if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale") &&
            g_str_equal (json_object_get_string_member (c, "id"), id))
          {
            g_assert_nonnull (find_risk (json_object_get_object_member (c, "data"), "logistics_stalled"));
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
}

/* ---- item 8: Taobao intervention timing in working days (001 篇五) ---- */

static gint64
iso (const char *text)
{
  gint64 t = 0;

  g_assert_true (shou_time_parse_iso8601 (text, &t, NULL));
  return t;
}

/* A year the profiles have no holiday table for, with an intervention on a
 * Thursday at 10:00 CST and Monday to Friday counted. */
typedef struct
{
  const char *opened;
  const char *escalated;
  const char *reply;       /* 2 working days */
  const char *resolve;     /* 7 working days */
} NoTableYear;

/* 2027: the State Council had not published its arrangement when the
 * profiles were last updated (no 2027 table), so the answer is approximate
 * although National Day falls in the span. */
static const NoTableYear year_2027 = {
  "2027-09-28T09:59:00+08:00", "2027-09-30T10:00:00+08:00",
  "2027-10-04T10:00:00+08:00", "2027-10-11T10:00:00+08:00",
};
static const NoTableYear year_2030 = {
  "2030-10-01T09:59:00+08:00", "2030-10-03T10:00:00+08:00",
  "2030-10-07T10:00:00+08:00", "2030-10-14T10:00:00+08:00",
};

static void
test_taobao_intervention_working_days (SimFixture    *f,
                                       gconstpointer  data)
{
  /* "淘宝小二会在2个工作日内回复 … 7个工作日内处理". A year without a holiday
   * table in the profile (the core test covers the holidays and 调休 of
   * 2026): Monday to Friday are counted and the answer says so
   * (deadline_approximate, which the desktop shows as 约). */
  const NoTableYear *year = data;
  gint64 opened = iso (year->opened);
  gint64 escalated = iso (year->escalated);
  gint64 reply = iso (year->reply);
  g_autofree char *order = NULL;
  g_autofree char *line = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(SimResponse) opened_r = NULL;
  g_autoptr(SimResponse) rejected = NULL;
  g_autoptr(SimResponse) escalate = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *as;
  const char *id;
  gint64 paid = 0;

  advance_to (f, opened);
  line = new_line (f, "a-taobao", "pending_shipment", &order, &paid);
  extra = g_strdup_printf (", \"amount_fen\": %" G_GINT64_FORMAT, paid);
  opened_r = open_with (f, order, line, "refund_only", extra);
  g_assert_cmpuint (opened_r->status, ==, 200);
  id = json_object_get_string_member (sim_member (opened_r, "aftersale"), "id");
  rejected = reject_taobao (f, id);
  g_assert_cmpuint (rejected->status, ==, 200);

  advance_to (f, escalated);
  escalate = buyer (f, id, "escalate", ", \"text\": \"申请客服介入\"");
  g_assert_cmpuint (escalate->status, ==, 200);
  as = sim_member (escalate, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "status"), ==, "intervention");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_rule"), ==, "platform-reply");
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_actor"), ==, "platform");
  /* The simulator's clock runs on while the test talks to it: within seconds. */
  g_assert_cmpint (json_object_get_int_member (as, "deadline_at") - reply, >=, 0);
  g_assert_cmpint (json_object_get_int_member (as, "deadline_at") - reply, <, 30 * SHOU_USEC_PER_SECOND);
  g_assert_true (json_object_get_boolean_member (as, "deadline_approximate"));

  reply = json_object_get_int_member (as, "deadline_at");
  advance_to (f, reply - MINUTE);
  before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (before, "deadline_rule"), ==, "platform-reply");
  advance_to (f, reply + MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "intervention");
  g_assert_cmpstr (json_object_get_string_member (after, "deadline_rule"), ==, "platform-resolve");
  g_assert_cmpint (json_object_get_int_member (after, "deadline_at") - iso (year->resolve),
                   <, 30 * SHOU_USEC_PER_SECOND);
  g_assert_true (json_object_get_boolean_member (after, "deadline_approximate"));
}

/* ---- item 5: group orders (拼团, 003 一) ---- */

static void
test_pdd_group_orders (SimFixture    *f,
                       gconstpointer  data)
{
  /* "拼团订单不能直接申请退款,需要拼单成功后申请仅退款 … 或者等到拼单未成功24小时后系统自动退款". */
  static const char *const groups[] = { "grouping", "formed" };
  char *orders[2], *lines[2];
  gint64 started = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"a-pdd\", \"state\": \"pending_shipment\","
                                               " \"group_state\": \"%s\"}", groups[i]);
      g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/order", NULL, body);
      JsonObject *order;

      g_assert_cmpuint (r->status, ==, 201);
      order = sim_member (r, "order");
      g_assert_cmpstr (json_object_get_string_member (order, "group_state"), ==, groups[i]);
      started = json_object_get_int_member (order, "group_started_at");
      g_assert_cmpint (started, ==, json_object_get_int_member (order, "paid_at"));
      orders[i] = g_strdup (json_object_get_string_member (order, "id"));
      lines[i] = g_strdup (json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (order, "lines"), 0), "id"));
    }

  /* Before the group formed, and until its 24 h ran out: refused. */
  advance_to (f, started + 24 * HOUR - MINUTE);
  {
    g_autoptr(SimResponse) r = open_with (f, orders[0], lines[0], "refund_only", ", \"amount_fen\": 1");

    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (sim_error_field (r, "reason"), ==, "group_not_formed");
  }
  /* After 24 h the group failed: the platform refunds it, the buyer opens nothing. */
  advance_to (f, started + 24 * HOUR + MINUTE);
  {
    g_autoptr(SimResponse) r = open_with (f, orders[0], lines[0], "refund_only", ", \"amount_fen\": 1");

    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (sim_error_field (r, "reason"), ==, "group_not_formed");
  }
  /* Once the group formed: 仅退款 opens. */
  {
    g_autoptr(SimResponse) r = open_with (f, orders[1], lines[1], "refund_only", ", \"amount_fen\": 1");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (status_of (r), ==, "wait_seller");
  }
  for (guint i = 0; i < 2; i++)
    {
      g_free (orders[i]);
      g_free (lines[i]);
    }
}

/* ---- item 5, rest: the failed group's refund, a group formed later ---- */

/* POST /v1/test/order with @body; (transfer full) the order. */
static JsonObject *
make_order (SimFixture *f,
            const char *body)
{
  g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/order", NULL, body);

  g_assert_cmpuint (r->status, ==, 201);
  return json_object_ref (sim_member (r, "order"));
}

static JsonObject *
get_order (SimFixture *f,
           const char *order_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/orders/%s", order_id);
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (sim_member (r, "order"));
}

/* The feed's next cursor, from the start. */
static char *
feed_end (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sim_object (r), "has_more"));
  return g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
}

/* The order's state as the feed carries it after @cursor, or NULL. */
static char *
feed_order_state (SimFixture *f,
                  const char *cursor,
                  const char *order_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  JsonArray *changes;
  char *state = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  changes = json_object_get_array_member (sim_object (r), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "order") &&
          g_str_equal (json_object_get_string_member (c, "id"), order_id))
        {
          g_free (state);
          state = g_strdup (json_object_get_string_member (json_object_get_object_member (c, "data"), "state"));
        }
    }
  return state;
}

static void
test_pdd_group_refund_applied (SimFixture    *f,
                               gconstpointer  data)
{
  /* "或者等到拼单未成功24小时后系统自动退款": the platform closes the order by itself. */
  g_autoptr(JsonObject) unformed = make_order (f, "{\"shop_id\": \"a-pdd\", \"state\": \"pending_shipment\","
                                                  " \"group_state\": \"grouping\"}");
  g_autoptr(JsonObject) later = make_order (f, "{\"shop_id\": \"a-pdd\", \"state\": \"pending_shipment\","
                                               " \"group_state\": \"grouping\"}");
  const char *unformed_id = json_object_get_string_member (unformed, "id");
  const char *later_id = json_object_get_string_member (later, "id");
  gint64 started = json_object_get_int_member (unformed, "group_started_at");
  g_autofree char *cursor = NULL;
  g_autofree char *fed = NULL;

  /* The second group forms after an hour (the test control). */
  advance_to (f, started + HOUR);
  {
    g_autofree char *body = g_strdup_printf ("{\"order_id\": \"%s\", \"state\": \"formed\"}", later_id);
    g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/group", NULL, body);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (sim_member (r, "order"), "group_state"), ==, "formed");
    g_assert_cmpint (json_object_get_int_member (sim_member (r, "order"), "version"), ==, 2);
  }
  {
    g_autoptr(JsonObject) o = get_order (f, later_id);
    const char *line = json_object_get_string_member (
        json_array_get_object_element (json_object_get_array_member (o, "lines"), 0), "id");
    g_autoptr(SimResponse) r = open_with (f, later_id, line, "refund_only", ", \"amount_fen\": 1");

    g_assert_cmpuint (r->status, ==, 200);
  }

  cursor = feed_end (f);
  advance_to (f, started + 24 * HOUR - MINUTE);
  {
    g_autoptr(JsonObject) o = get_order (f, unformed_id);

    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "pending_shipment");
    g_assert_cmpstr (json_object_get_string_member (o, "group_state"), ==, "grouping");
    g_assert_null (feed_order_state (f, cursor, unformed_id));
  }
  advance_to (f, started + 24 * HOUR + MINUTE);
  {
    g_autoptr(JsonObject) o = get_order (f, unformed_id);
    g_autoptr(JsonObject) formed = get_order (f, later_id);

    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "closed");
    g_assert_cmpstr (json_object_get_string_member (o, "group_state"), ==, "failed");
    g_assert_cmpstr (json_object_get_string_member (o, "close_reason"), ==, "group_failed");
    g_assert_cmpint (json_object_get_int_member (o, "closed_at"), ==, started + 24 * HOUR);
    g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 2);
    fed = feed_order_state (f, cursor, unformed_id);
    g_assert_cmpstr (fed, ==, "closed");
    /* The formed group is untouched. */
    g_assert_cmpstr (json_object_get_string_member (formed, "state"), ==, "pending_shipment");
    g_assert_cmpstr (json_object_get_string_member (formed, "group_state"), ==, "formed");
  }
  /* A failed group cannot form any more. */
  {
    g_autofree char *body = g_strdup_printf ("{\"order_id\": \"%s\"}", unformed_id);
    g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/group", NULL, body);

    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (sim_error_field (r, "reason"), ==, "wrong_status");
  }
}

/* ---- item 2: Douyin cancellations (004 1、2) ---- */

static void
test_douyin_unpaid_cancels (SimFixture    *f,
                            gconstpointer  data)
{
  /* "用户超过24小时未支付订单将自动取消". */
  g_autoptr(JsonObject) order = make_order (f, "{\"shop_id\": \"a-douyin\", \"state\": \"pending_payment\","
                                               " \"cod\": false}");
  g_autoptr(JsonObject) cod = make_order (f, "{\"shop_id\": \"a-douyin\", \"state\": \"pending_confirm\"}");
  const char *id = json_object_get_string_member (order, "id");
  gint64 created = json_object_get_int_member (order, "created_at");
  g_autofree char *cursor = feed_end (f);
  g_autofree char *fed = NULL;

  g_assert_true (json_object_get_boolean_member (cod, "cod"));
  advance_to (f, created + 24 * HOUR - MINUTE);
  {
    g_autoptr(JsonObject) o = get_order (f, id);

    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "pending_payment");
    g_assert_null (feed_order_state (f, cursor, id));
  }
  advance_to (f, created + 24 * HOUR + MINUTE);
  {
    g_autoptr(JsonObject) o = get_order (f, id);
    g_autoptr(JsonObject) c = get_order (f, json_object_get_string_member (cod, "id"));

    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "closed");
    g_assert_cmpstr (json_object_get_string_member (o, "close_reason"), ==, "unpaid_timeout");
    g_assert_cmpint (json_object_get_int_member (o, "closed_at"), ==, created + 24 * HOUR);
    fed = feed_order_state (f, cursor, id);
    g_assert_cmpstr (fed, ==, "closed");
    /* Cash on delivery pays at the door: nothing runs. */
    g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "pending_confirm");
  }
}

static void
test_douyin_buyer_cancels_unpaid (SimFixture    *f,
                                  gconstpointer  data)
{
  /* "用户在待支付时可取消订单": no merchant decision (Taobao's still waits on the seller). */
  static const struct { const char *shop; const char *status; gboolean closed; } rows[] = {
    { "a-douyin", "success",     TRUE },
    { "a-taobao", "wait_seller", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"%s\", \"state\": \"pending_payment\","
                                               " \"cod\": false}", rows[i].shop);
      g_autoptr(JsonObject) order = make_order (f, body);
      const char *id = json_object_get_string_member (order, "id");
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
      g_autofree char *amount = g_strdup_printf (", \"amount_fen\": %" G_GINT64_FORMAT,
                                                 json_object_get_int_member (line, "price_fen"));
      g_autoptr(SimResponse) r = open_with (f, id, json_object_get_string_member (line, "id"), "cancel", amount);
      g_autoptr(JsonObject) after = NULL;
      JsonArray *allowed;

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (status_of (r), ==, rows[i].status);
      allowed = json_object_get_array_member (sim_member (r, "aftersale"), "allowed_actions");
      if (rows[i].closed)
        {
          /* Only a message, if anything: no agree_refund/reject. */
          for (guint a = 0; a < json_array_get_length (allowed); a++)
            g_assert_cmpstr (json_array_get_string_element (allowed, a), ==, "message");
        }
      else
        g_assert_cmpuint (json_array_get_length (allowed), >, 1);
      after = get_order (f, id);
      g_assert_cmpstr (json_object_get_string_member (after, "state"), ==,
                       rows[i].closed ? "closed" : "pending_payment");
    }
}

static SimResponse *
merchant_cancel (SimFixture *f,
                 const char *order_id,
                 gint64      version,
                 const char *extra,
                 const char *key)
{
  g_autofree char *path = g_strdup_printf ("/v1/orders/%s/cancel", order_id);
  g_autofree char *body = g_strdup_printf ("{\"expected_version\": %" G_GINT64_FORMAT "%s}", version, extra);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
}

static void
test_douyin_merchant_cancel (SimFixture    *f,
                             gconstpointer  data)
{
  /* "商家在待确认和备货中两个环节时可操作取消(注:需与用户沟通无问题后操作…),
   *  订单若为已发货状态均无法取消"; online payment: "商家任何环节下均不可取消订单". */
  static const struct {
    const char *body;
    gboolean    ship;        /* ship it first (备货中 → 已发货) */
    const char *extra;
    guint       status;
    const char *reason;
  } rows[] = {
    { "{\"shop_id\": \"a-douyin\", \"state\": \"pending_shipment\", \"cod\": false}", FALSE,
      ", \"buyer_consulted\": true", 422, "online_payment" },
    { "{\"shop_id\": \"a-douyin\", \"state\": \"pending_confirm\"}", FALSE, "", 422, "buyer_not_consulted" },
    { "{\"shop_id\": \"a-douyin\", \"state\": \"pending_confirm\"}", FALSE, ", \"buyer_consulted\": true", 200, NULL },
    { "{\"shop_id\": \"a-douyin\", \"state\": \"stocking\"}", FALSE, ", \"buyer_consulted\": true", 200, NULL },
    { "{\"shop_id\": \"a-douyin\", \"state\": \"stocking\"}", TRUE, ", \"buyer_consulted\": true", 422, "already_shipped" },
    { "{\"shop_id\": \"a-pdd\", \"state\": \"pending_shipment\", \"cod\": false}", FALSE,
      ", \"buyer_consulted\": true", 422, "not_for_platform" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) order = make_order (f, rows[i].body);
      const char *id = json_object_get_string_member (order, "id");
      g_autofree char *key = g_strdup_printf ("cancel-key-%u", i);
      g_autoptr(SimResponse) r = NULL;
      g_autoptr(JsonObject) after = NULL;
      gint64 version = json_object_get_int_member (order, "version");

      g_test_message ("row %u", i);
      if (rows[i].ship)
        {
          g_autofree char *body = g_strdup_printf ("{\"order_id\": \"%s\", \"state\": \"shipped\", \"carrier\": \"ZTO\","
                                                   " \"tracking_no\": \"73100000000001\"}", id);
          g_autoptr(SimResponse) s = sim_request (f, "POST", "/v1/test/shipment", NULL, body);

          g_assert_cmpuint (s->status, ==, 200);
          g_assert_cmpstr (json_object_get_string_member (sim_member (s, "order"), "state"), ==, "shipped");
          version = json_object_get_int_member (sim_member (s, "order"), "version");
        }
      r = merchant_cancel (f, id, version, rows[i].extra, key);
      g_assert_cmpuint (r->status, ==, rows[i].status);
      after = get_order (f, id);
      if (rows[i].reason != NULL)
        {
          g_assert_cmpstr (sim_error_field (r, "reason"), ==, rows[i].reason);
          g_assert_cmpstr (json_object_get_string_member (after, "state"), !=, "closed");
          continue;
        }
      g_assert_cmpstr (json_object_get_string_member (sim_member (r, "order"), "state"), ==, "closed");
      g_assert_cmpstr (json_object_get_string_member (after, "close_reason"), ==, "merchant_cancelled");
      g_assert_cmpint (json_object_get_int_member (after, "version"), ==, version + 1);
      /* The same key again: the stored answer; a stale version: 409. */
      {
        g_autofree char *other_key = g_strdup_printf ("cancel-key-stale-%u", i);
        g_autoptr(SimResponse) again = merchant_cancel (f, id, version, rows[i].extra, key);
        g_autoptr(SimResponse) stale = merchant_cancel (f, id, version, rows[i].extra, other_key);

        g_assert_cmpuint (again->status, ==, 200);
        g_assert_cmpuint (stale->status, ==, 409);
      }
    }
  /* 待确认 is a cash-on-delivery state only. */
  {
    g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/order", NULL,
                                            "{\"shop_id\": \"a-douyin\", \"state\": \"stocking\", \"cod\": false}");

    g_assert_cmpuint (r->status, ==, 400);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sim/rules/" path, SimFixture, NULL, sim_fixture_setup, func, sim_fixture_teardown)
  ADD ("all/agree-refund/amount-1-fen-to-requested", test_agree_refund_amount);
  ADD ("taobao/open/keep-fen-25-20-5", test_keep_fen);
  ADD ("all/open/one-request-after-completion", test_reopen_before_completion);
  ADD ("taobao-2019/open/keeps-profile-version", test_profile_version);
  ADD ("taobao-2019/escalate/15-days", test_taobao_2019_escalation);
  ADD ("pdd/intervention/ticket-evidence-48h", test_pdd_ticket_evidence);
  ADD ("pdd/risks/returned-and-stalled", test_risks);
  g_test_add ("/sim/rules/taobao/intervention/working-days-approximate", SimFixture, &year_2030, sim_fixture_setup,
              test_taobao_intervention_working_days, sim_fixture_teardown);
  g_test_add ("/sim/rules/taobao/intervention/working-days-approximate-2027", SimFixture, &year_2027,
              sim_fixture_setup, test_taobao_intervention_working_days, sim_fixture_teardown);
  ADD ("pdd/group/refund-only-after-formed", test_pdd_group_orders);
  ADD ("pdd/group/failed-refunded-formed-later", test_pdd_group_refund_applied);
  ADD ("douyin/order/unpaid-cancels-after-24h", test_douyin_unpaid_cancels);
  ADD ("douyin/order/buyer-cancels-unpaid-alone", test_douyin_buyer_cancels_unpaid);
  ADD ("douyin/order/merchant-cancel-cod-only-before-shipping", test_douyin_merchant_cancel);
#undef ADD

  return g_test_run ();
}
