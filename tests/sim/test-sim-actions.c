/* Seller actions over HTTP: idempotency, 409, 422 with core's reasons,
 * deadlines lapsing on the simulator's clock, retries after faults. */
#include "config.h"

#include "sim-test-util.h"

static SimResponse *
post_keyed (SimFixture *f,
            const char *id,
            const char *key,
            const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
}

static gint64
version_of (SimFixture *f,
            const char *id)
{
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);

  return json_object_get_int_member (as, "version");
}

static gboolean
has_string (JsonArray  *array,
            const char *s)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

static const char *
blocked_reason (JsonObject *as,
                const char *action)
{
  JsonArray *blocked = json_object_get_array_member (as, "blocked_actions");

  for (guint i = 0; i < json_array_get_length (blocked); i++)
    {
      JsonObject *b = json_array_get_object_element (blocked, i);

      if (g_str_equal (json_object_get_string_member (b, "action"), action))
        return json_object_get_string_member (b, "reason");
    }
  return NULL;
}

static void
test_agree_refund (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "pending_shipment", "refund_only", "not_wanted");
  g_autoptr(JsonObject) before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(SimResponse) r = NULL;
  JsonObject *after;

  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "wait_seller");
  g_assert_true (has_string (json_object_get_array_member (before, "allowed_actions"), "agree_refund"));
  g_assert_false (json_object_get_null_member (before, "deadline_at"));

  r = sim_action (f, id, "agree_refund", NULL);
  g_assert_cmpuint (r->status, ==, 200);
  after = sim_member (r, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "success");
  g_assert_cmpint (json_object_get_int_member (after, "version"), >, json_object_get_int_member (before, "version"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "allowed_actions")), <=, 1);

  /* Refunded before shipment: the order is closed, with a new version. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/orders/%s", json_object_get_string_member (after, "order_id"));
    g_autoptr(SimResponse) order = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);

    g_assert_cmpstr (json_object_get_string_member (sim_member (order, "order"), "state"), ==, "closed");
    g_assert_cmpint (json_object_get_int_member (sim_member (order, "order"), "version"), ==, 2);
  }
}

static void
test_idempotent_replay (SimFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-tmall", "completed", "return_refund", NULL);
  gint64 v = version_of (f, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": {\"text\": \"您好，已收到您的申请，正在核实\"}}", v);
  g_autofree char *other = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                            ", \"params\": {\"text\": \"另一条留言\"}}", v);
  g_autoptr(SimResponse) first = post_keyed (f, id, "key-replay-0001", body);
  g_autoptr(SimResponse) second = post_keyed (f, id, "key-replay-0001", body);
  g_autoptr(SimResponse) mismatch = post_keyed (f, id, "key-replay-0001", other);
  g_autoptr(SimResponse) stats = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);
  g_autoptr(JsonObject) now = sim_get_aftersale (f, SIM_TOKEN_A, id);
  JsonArray *timeline = json_object_get_array_member (now, "timeline");
  guint messages = 0;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, second->body));
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpuint (mismatch->status, ==, 422);
  g_assert_cmpstr (sim_error_code (mismatch), ==, "idempotency_mismatch");

  /* Applied once: one message in the timeline, version bumped once. */
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (timeline, i), "kind"), "message"))
      messages++;
  g_assert_cmpuint (messages, ==, 1);
  g_assert_cmpint (json_object_get_int_member (now, "version"), ==, v + 1);
  g_assert_cmpint (json_object_get_int_member (sim_object (stats), "idempotent_replays"), ==, 1);

  /* Keys are per merchant: merchant b cannot see a's key or request. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
    g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
    g_autoptr(SimResponse) r = sim_request_full (f, "POST", path, SIM_TOKEN_B, "application/json",
                                                 bytes, "key-replay-0001");

    g_assert_cmpuint (r->status, ==, 404);
  }
}

static void
test_stale_version (SimFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-jd", "completed", "return_refund", NULL);
  gint64 v = version_of (f, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": {\"text\": \"过期版本\"}}", v - 1);
  g_autoptr(SimResponse) r = post_keyed (f, id, "key-stale-0001", body);

  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpstr (sim_error_code (r), ==, "version_conflict");
  g_assert_cmpint (json_object_get_int_member (sim_member (r, "error"), "current_version"), ==, v);
  g_assert_cmpint (version_of (f, id), ==, v);
}

static void
test_not_allowed (SimFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(SimResponse) reject = NULL;
  g_autoptr(SimResponse) confirm = NULL;
  gint64 v = json_object_get_int_member (as, "version");

  /* Pinduoduo: no rejection before the negotiation rounds. */
  reject = sim_action (f, id, "reject", "{\"reason_code\": null, \"explanation\": \"商品已经使用过，不影响二次销售才可以退\"}");
  g_assert_cmpuint (reject->status, ==, 422);
  g_assert_cmpstr (sim_error_code (reject), ==, "not_allowed");
  g_assert_cmpstr (sim_error_field (reject, "reason"), ==, "negotiation_required");
  g_assert_cmpstr (blocked_reason (as, "reject"), ==, "negotiation_required");

  confirm = sim_action (f, id, "confirm_receipt", NULL);
  g_assert_cmpuint (confirm->status, ==, 422);
  g_assert_cmpstr (sim_error_field (confirm, "reason"), ==, blocked_reason (as, "confirm_receipt"));
  g_assert_cmpint (version_of (f, id), ==, v);
}

static char *
upload_png (SimFixture *f,
            const char *id)
{
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
  };
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=product_photo", id);
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(SimResponse) r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "image/png", bytes, NULL);

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (json_object_get_string_member (sim_member (r, "evidence"), "id"));
}

static void
test_pdd_negotiation (SimFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", "no_reason_7d");
  g_autofree char *sha = NULL;
  g_autofree char *round2 = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *reject = NULL;
  g_autoptr(SimResponse) r1 = NULL;
  g_autoptr(SimResponse) early = NULL;
  g_autoptr(SimResponse) buyer = NULL;
  g_autoptr(SimResponse) r2 = NULL;
  g_autoptr(SimResponse) waiting = NULL;
  g_autoptr(SimResponse) rejected = NULL;
  g_autoptr(JsonObject) after_wait = NULL;
  JsonObject *nego;

  r1 = sim_action (f, id, "negotiate", "{\"round\": 1, \"text\": \"亲，请提供一下商品照片\", \"scripts\": [\"ask_photos\"]}");
  g_assert_cmpuint (r1->status, ==, 200);
  nego = json_object_get_object_member (sim_member (r1, "aftersale"), "negotiation");
  g_assert_cmpstr (json_object_get_string_member (nego, "phase"), ==, "round1_wait");
  g_assert_false (json_object_get_null_member (nego, "wait_until"));

  sha = upload_png (f, id);
  round2 = g_strdup_printf ("{\"round\": 2, \"text\": \"可以补偿您10元\", \"proposal\": \"partial_refund\","
                            " \"amount_fen\": 1000, \"evidence\": [\"%s\"]}", sha);
  early = sim_action (f, id, "negotiate", round2);
  g_assert_cmpuint (early->status, ==, 422);
  g_assert_cmpstr (sim_error_field (early, "reason"), ==, "negotiation_waiting");

  reply = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"reply\", \"text\": \"不接受\"}", id);
  buyer = sim_request (f, "POST", "/v1/test/buyer", NULL, reply);
  g_assert_cmpuint (buyer->status, ==, 200);

  r2 = sim_action (f, id, "negotiate", round2);
  g_assert_cmpuint (r2->status, ==, 200);
  nego = json_object_get_object_member (sim_member (r2, "aftersale"), "negotiation");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nego, "rounds")), ==, 2);

  reject = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品已使用，影响二次销售，附照片\","
                            " \"evidence\": [\"%s\"]}", "used_goods", sha);
  waiting = sim_action (f, id, "reject", reject);
  g_assert_cmpuint (waiting->status, !=, 200);

  /* The round-2 wait lapses on the server's clock; then rejection opens. */
  sim_advance (f, 3 * SHOU_USEC_PER_DAY);
  after_wait = sim_get_aftersale (f, SIM_TOKEN_A, id);
  if (g_str_equal (json_object_get_string_member (after_wait, "status"), "negotiating") ||
      g_str_equal (json_object_get_string_member (after_wait, "status"), "wait_seller"))
    {
      g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=pdd", SIM_TOKEN_A, NULL);
      JsonArray *list = json_object_get_array_member (sim_object (reasons), "reasons");
      const char *code = json_object_get_string_member (json_array_get_object_element (list, 0), "code");
      g_autofree char *reject2 = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品已使用，影响二次销售，附照片\","
                                                  " \"evidence\": [\"%s\"]}", code, sha);

      rejected = sim_action (f, id, "reject", reject2);
      g_assert_cmpuint (rejected->status, ==, 200);
      g_assert_cmpstr (json_object_get_string_member (sim_member (rejected, "aftersale"), "status"), ==, "refused");
    }
}

static void
test_return_flow (SimFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-douyin", "completed", "return_refund", NULL);
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\", \"message\": \"请不要到付\"}",
                                             f->address[SHOU_PLATFORM_DOUYIN]);
  g_autofree char *ship = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\","
                                           " \"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"}", id);
  g_autofree char *track = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"text\": \"【运输中】到达杭州\"}", id);
  g_autofree char *del = g_strdup_printf ("/v1/shops/a-douyin/return-addresses/%s", f->address[SHOU_PLATFORM_DOUYIN]);
  g_autoptr(SimResponse) agree = sim_action (f, id, "agree_return", params);
  g_autoptr(SimResponse) in_use = NULL;
  g_autoptr(SimResponse) shipped = NULL;
  g_autoptr(SimResponse) tracked = NULL;
  g_autoptr(SimResponse) confirmed = NULL;
  JsonObject *as;

  g_assert_cmpuint (agree->status, ==, 200);
  as = sim_member (agree, "aftersale");
  g_assert_cmpstr (json_object_get_string_member (as, "status"), ==, "wait_buyer_return");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (as, "return_address"), "id"),
                   ==, f->address[SHOU_PLATFORM_DOUYIN]);
  g_assert_cmpstr (json_object_get_string_member (as, "deadline_actor"), ==, "buyer");

  in_use = sim_request (f, "DELETE", del, SIM_TOKEN_A, NULL);
  g_assert_cmpuint (in_use->status, ==, 422);
  g_assert_cmpstr (sim_error_field (in_use, "reason"), ==, "address_in_use");

  shipped = sim_request (f, "POST", "/v1/test/buyer", NULL, ship);
  g_assert_cmpuint (shipped->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (shipped, "aftersale"), "status"), ==, "wait_seller_receipt");
  tracked = sim_request (f, "POST", "/v1/test/logistics", NULL, track);
  g_assert_cmpuint (tracked->status, ==, 200);
  as = json_object_get_object_member (sim_member (tracked, "aftersale"), "return_shipment");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (as, "events")), ==, 2);

  confirmed = sim_action (f, id, "confirm_receipt", NULL);
  g_assert_cmpuint (confirmed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (confirmed, "aftersale"), "status"), !=, "wait_seller_receipt");
}

static const char *
expected_after (const char *on_lapse,
                gboolean    goods_return)
{
  if (g_str_equal (on_lapse, "auto_agree"))
    return goods_return ? "wait_buyer_return" : "success";
  if (g_str_equal (on_lapse, "auto_refund") || g_str_equal (on_lapse, "auto_confirm"))
    return "success";
  if (g_str_equal (on_lapse, "auto_close"))
    return "closed";
  if (g_str_equal (on_lapse, "intervention"))
    return "intervention";
  return NULL;
}

static void
test_lapse (SimFixture    *f,
            gconstpointer  data)
{
  ShouPlatform platform = GPOINTER_TO_UINT (data) & 0xff;
  gboolean unshipped = GPOINTER_TO_UINT (data) >> 8;
  g_autofree char *shop = g_strdup_printf ("a-%s", shou_platform_to_string (platform));
  g_autofree char *id = sim_open_request (f, shop, unshipped ? "pending_shipment" : "completed",
                                          unshipped ? "refund_only" : "return_refund", NULL);
  g_autoptr(JsonObject) before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(JsonObject) almost = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(SimResponse) feed = NULL;
  gint64 deadline = json_object_get_int_member (before, "deadline_at");
  const char *on_lapse = json_object_get_string_member (before, "on_lapse");
  gint64 now = shou_sim_server_now (f->server);
  JsonArray *timeline;
  JsonObject *last;

  g_assert_cmpint (deadline, >, now);
  g_assert_nonnull (expected_after (on_lapse, !unshipped));

  /* One minute before: nothing happens. */
  sim_advance (f, deadline - now - SHOU_USEC_PER_MINUTE);
  almost = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (almost, "status"), ==, "wait_seller");
  g_assert_cmpint (json_object_get_int_member (almost, "version"), ==, json_object_get_int_member (before, "version"));

  sim_advance (f, 2 * SHOU_USEC_PER_MINUTE);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, expected_after (on_lapse, !unshipped));
  g_assert_cmpint (json_object_get_int_member (after, "version"), >, json_object_get_int_member (before, "version"));
  timeline = json_object_get_array_member (after, "timeline");
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      last = json_array_get_object_element (timeline, i);
      if (g_str_equal (json_object_get_string_member (last, "kind"), "lapse"))
        break;
      last = NULL;
    }
  g_assert_nonnull (last);
  g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "platform");
  g_assert_cmpint (json_object_get_int_member (last, "at"), ==, deadline);
  /* What happened, as data (API.md "params"): a client says it in its own language. */
  {
    JsonObject *params = json_object_get_object_member (last, "params");

    g_assert_nonnull (params);
    g_assert_cmpstr (json_object_get_string_member (params, "lapse"), ==, on_lapse);
    g_assert_cmpstr (json_object_get_string_member (params, "before"), ==, "wait_seller");
    params = json_object_get_object_member (json_array_get_object_element (timeline, 0), "params");
    g_assert_nonnull (params);
    g_assert_cmpstr (json_object_get_string_member (params, "type"), ==,
                     unshipped ? "refund_only" : "return_refund");
  }
  /* A return agreed by the platform goes to the shop's default address. */
  if (g_str_equal (json_object_get_string_member (after, "status"), "wait_buyer_return"))
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (after, "return_address"), "id"),
                     ==, f->address[platform]);
}

static void
test_lapse_grace (SimFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) before = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autoptr(JsonObject) overdue = NULL;
  g_autoptr(JsonObject) after = NULL;
  gint64 deadline = json_object_get_int_member (before, "deadline_at");

  shou_sim_server_set_lapse_grace (f->server, SHOU_USEC_PER_HOUR);
  /* The grace applies to deadlines indexed after it is set: touch the request. */
  {
    g_autoptr(SimResponse) m = sim_action (f, id, "message", "{\"text\": \"正在处理\"}");

    g_assert_cmpuint (m->status, ==, 200);
  }
  sim_advance (f, deadline - shou_sim_server_now (f->server) + 30 * SHOU_USEC_PER_MINUTE);
  overdue = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (overdue, "status"), ==, "wait_seller");
  g_assert_cmpint (json_object_get_int_member (overdue, "deadline_at"), <, shou_sim_server_now (f->server));
  sim_advance (f, SHOU_USEC_PER_HOUR);
  after = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), !=, "wait_seller");
}

static void
test_fault_retry (SimFixture    *f,
                  gconstpointer  data)
{
  const char *kind = data;
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  gint64 v = version_of (f, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": {\"text\": \"故障重试\"}}", v);
  g_autofree char *faults = g_strdup_printf ("{\"rate\": 1.0, \"kinds\": [\"%s\"], \"seed\": 7}", kind);
  g_autoptr(SimResponse) set = sim_request (f, "POST", "/v1/test/faults", NULL, faults);
  g_autoptr(SimResponse) broken = post_keyed (f, id, "key-fault-retry-1", body);
  g_autoptr(SimResponse) off = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");
  g_autoptr(SimResponse) retry = post_keyed (f, id, "key-fault-retry-1", body);

  g_assert_cmpuint (set->status, ==, 200);
  g_assert_true (broken->error != NULL || broken->status >= 500 || broken->json == NULL);
  g_assert_cmpuint (off->status, ==, 200);
  g_assert_cmpuint (retry->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_member (retry, "aftersale"), "version"), ==, v + 1);
  g_assert_cmpint (version_of (f, id), ==, v + 1);
}

/* "drop" and "truncate" break the connection itself: the client sees no
 * answer, or less body than announced, at once, not after its timeout. */
static void
test_fault_transport (SimFixture    *f,
                      gconstpointer  data)
{
  const char *kind = data;
  g_autofree char *faults = g_strdup_printf ("{\"rate\": 1.0, \"kinds\": [\"%s\"], \"seed\": 7}", kind);
  g_autoptr(SimResponse) set = sim_request (f, "POST", "/v1/test/faults", NULL, faults);
  gint64 started = g_get_monotonic_time ();
  g_autoptr(SimResponse) broken = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);
  gint64 took = g_get_monotonic_time () - started;
  g_autoptr(SimResponse) off = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");
  g_autoptr(SimResponse) after = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);

  g_assert_cmpuint (set->status, ==, 200);
  g_test_message ("%s: %s after %.2f s, status %u, %" G_GSIZE_FORMAT " bytes, Content-Length %s", kind,
                  broken->error ? broken->error->message : "no error", took / 1e6, broken->status,
                  broken->body ? g_bytes_get_size (broken->body) : 0,
                  broken->headers ? soup_message_headers_get_one (broken->headers, "Content-Length") : "-");
  if (g_str_equal (kind, "drop"))
    g_assert_nonnull (broken->error);
  else if (broken->error == NULL)
    {
      /* libsoup 3.2's client hands over what came before the close. */
      g_assert_nonnull (broken->headers);
      g_assert_cmpuint (g_bytes_get_size (broken->body), <,
                        soup_message_headers_get_content_length (broken->headers));
      g_assert_null (broken->json);
    }
  /* The fixture's client would give up after 10 s. */
  g_assert_cmpint (took, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (off->status, ==, 200);
  g_assert_cmpuint (after->status, ==, 200);
}

/* Whatever a fault does to a connection, the server lets go of it. */
static void
test_fault_release (SimFixture    *f,
                    gconstpointer  data)
{
  static const char *const kinds[] = { "latency", "5xx", "timeout", "drop", "truncate", "malformed" };
  gint64 pooled = sim_pooled_connections ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *faults = g_strdup_printf ("{\"rate\": 1.0, \"kinds\": [\"%s\"], \"latency_ms\": 20,"
                                                 " \"timeout_ms\": 100, \"seed\": 3}", kinds[k]);
      g_autoptr(SimResponse) set = sim_request (f, "POST", "/v1/test/faults", NULL, faults);
      g_autoptr(SimResponse) off = NULL;
      gint64 open = -1;

      g_assert_cmpuint (set->status, ==, 200);
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);
        }
      off = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");
      g_assert_cmpuint (off->status, ==, 200);
      for (guint i = 0; i < 50 && open != 1; i++)
        open = sim_open_connections (f);
      g_test_message ("%s: %" G_GINT64_FORMAT " connection(s) open after 5 faulted requests", kinds[k], open);
      g_assert_cmpint (open, >=, 1);
      g_assert_cmpint (open, <=, 1 + pooled);
    }
}

static void
test_intervention (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-douyin", "completed", "return_refund", NULL);
  g_autofree char *sha = upload_png (f, id);
  g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=douyin", SIM_TOKEN_A, NULL);
  JsonArray *list = json_object_get_array_member (sim_object (reasons), "reasons");
  const char *code = json_object_get_string_member (json_array_get_object_element (list, 0), "code");
  g_autofree char *params = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品经检测无质量问题，附检测照片\","
                                             " \"evidence\": [\"%s\"]}", code, sha);
  g_autoptr(SimResponse) rejected = sim_action (f, id, "reject", params);
  g_autofree char *escalate = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"escalate\", \"text\": \"不同意\"}", id);
  g_autofree char *ruling = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"platform_refund\"}", id);
  g_autoptr(SimResponse) escalated = NULL;
  g_autoptr(SimResponse) ruled = NULL;
  JsonArray *timeline;
  JsonObject *last;

  g_assert_cmpuint (rejected->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (rejected, "aftersale"), "status"), ==, "refused");
  escalated = sim_request (f, "POST", "/v1/test/buyer", NULL, escalate);
  g_assert_cmpuint (escalated->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (escalated, "aftersale"), "status"), ==, "intervention");
  g_assert_cmpstr (blocked_reason (sim_member (escalated, "aftersale"), "agree_return"), !=, NULL);

  ruled = sim_request (f, "POST", "/v1/test/buyer", NULL, ruling);
  g_assert_cmpuint (ruled->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (ruled, "aftersale"), "status"), ==, "success");
  timeline = json_object_get_array_member (sim_member (ruled, "aftersale"), "timeline");
  last = json_array_get_object_element (timeline, json_array_get_length (timeline) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "platform");
  g_assert_cmpstr (json_object_get_string_member (last, "kind"), ==, "platform_refund");
}

static void
test_slow_faults (SimFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-tmall", "completed", "return_refund", NULL);
  gint64 v = version_of (f, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": {\"text\": \"慢一点\"}}", v);
  g_autoptr(SimResponse) latency_on = sim_request (f, "POST", "/v1/test/faults", NULL,
                                                   "{\"rate\": 1, \"kinds\": [\"latency\"], \"latency_ms\": 400}");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SimResponse) slow = post_keyed (f, id, "key-latency-0001", body);
  gint64 took = g_get_monotonic_time () - start;
  g_autoptr(SimResponse) timeout_on = sim_request (f, "POST", "/v1/test/faults", NULL,
                                                   "{\"rate\": 1, \"kinds\": [\"timeout\"], \"timeout_ms\": 300}");
  g_autoptr(SimResponse) held = NULL;
  g_autoptr(SimResponse) off = NULL;
  g_autoptr(SimResponse) stats = NULL;
  g_autofree char *body2 = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                                            ", \"params\": {\"text\": \"超时\"}}", v + 1);

  g_assert_cmpuint (latency_on->status, ==, 200);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (took, >=, 400 * 1000);
  g_assert_cmpint (json_object_get_int_member (sim_member (slow, "aftersale"), "version"), ==, v + 1);

  g_assert_cmpuint (timeout_on->status, ==, 200);
  start = g_get_monotonic_time ();
  held = post_keyed (f, id, "key-timeout-0001", body2);
  g_assert_nonnull (held->error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  off = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");
  g_assert_cmpint (version_of (f, id), ==, v + 1);
  stats = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (sim_object (stats), "actions_applied"), ==, 1);
}

/* The last timeline entry's params (the newest entry is last). */
static JsonObject *
last_params (JsonObject *as)
{
  JsonArray *timeline = json_object_get_array_member (as, "timeline");
  JsonObject *entry = json_array_get_object_element (timeline, json_array_get_length (timeline) - 1);

  return json_object_get_object_member (entry, "params");
}

/* 其他快递 (issue 25 item 6, seed 000 ⑶ 10): a return sent with a carrier not
 * in the list and an exchange shipped with one, each keeping the typed name
 * (trimmed) as text; a missing or over-long name and a number that is not
 * letters and digits are refused without a change. */
static void
test_other_carrier (SimFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "exchange", NULL);
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_TAOBAO]);
  g_autofree char *no_name = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\","
                                              " \"carrier\": \"other\", \"tracking_no\": \"557012345678\"}", id);
  g_autofree char *ship = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\","
                                           " \"carrier\": \"other\", \"carrier_name\": \" 百世快递 \","
                                           " \"tracking_no\": \"5570-1234-5678\"}", id);
  g_autoptr(SimResponse) agree = sim_action (f, id, "agree_return", params);
  g_autoptr(SimResponse) missing = NULL;
  g_autoptr(SimResponse) shipped = NULL;
  g_autoptr(SimResponse) confirmed = NULL;
  g_autoptr(SimResponse) long_name = NULL;
  g_autoptr(SimResponse) bad_number = NULL;
  g_autoptr(SimResponse) exchanged = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *shipment;

  g_assert_cmpuint (agree->status, ==, 200);
  before = shou_sim_server_checksum (f->server);
  missing = sim_request (f, "POST", "/v1/test/buyer", NULL, no_name);
  g_assert_cmpuint (missing->status, ==, 400);
  g_assert_cmpstr (sim_error_field (missing, "field"), ==, "carrier_name");
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);

  shipped = sim_request (f, "POST", "/v1/test/buyer", NULL, ship);
  g_assert_cmpuint (shipped->status, ==, 200);
  got = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpstr (json_object_get_string_member (got, "status"), ==, "wait_seller_receipt");
  shipment = json_object_get_object_member (got, "return_shipment");
  g_assert_cmpstr (json_object_get_string_member (shipment, "carrier"), ==, "OTHER");
  g_assert_cmpstr (json_object_get_string_member (shipment, "carrier_name"), ==, "百世快递");
  /* Stored as sent, like a listed carrier's number. */
  g_assert_cmpstr (json_object_get_string_member (shipment, "tracking_no"), ==, "5570-1234-5678");
  g_assert_cmpstr (json_object_get_string_member (last_params (got), "carrier_name"), ==, "百世快递");

  confirmed = sim_action (f, id, "confirm_receipt", NULL);
  g_assert_cmpuint (confirmed->status, ==, 200);
  g_free (before);
  before = shou_sim_server_checksum (f->server);
  long_name = sim_action (f, id, "ship_exchange",
                          "{\"carrier\": \"OTHER\", \"carrier_name\": \"一二三四五六七八九十一二三四五六七八九十一\","
                          " \"tracking_no\": \"ZJS001234567\"}");
  g_assert_cmpuint (long_name->status, ==, 400);
  g_assert_cmpstr (sim_error_field (long_name, "detail"), ==, "invalid_carrier_name");
  bad_number = sim_action (f, id, "ship_exchange",
                           "{\"carrier\": \"OTHER\", \"carrier_name\": \"宅急送\", \"tracking_no\": \"ZJS/0012\"}");
  g_assert_cmpuint (bad_number->status, ==, 400);
  g_assert_cmpstr (sim_error_field (bad_number, "detail"), ==, "invalid_tracking_no");
  g_free (after);
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);

  exchanged = sim_action (f, id, "ship_exchange",
                          "{\"carrier\": \"OTHER\", \"carrier_name\": \"<b>宅急送</b>\", \"tracking_no\": \"ZJS001234567\"}");
  g_assert_cmpuint (exchanged->status, ==, 200);
  shipment = json_object_get_object_member (sim_member (exchanged, "aftersale"), "exchange_shipment");
  g_assert_cmpstr (json_object_get_string_member (shipment, "carrier"), ==, "OTHER");
  /* Text as typed, never read as markup. */
  g_assert_cmpstr (json_object_get_string_member (shipment, "carrier_name"), ==, "<b>宅急送</b>");
}

int
main (int   argc,
      char *argv[])
{
  static const char *const faults[] = { "5xx", "drop", "truncate", "malformed" };

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/actions/agree-refund", SimFixture, NULL, sim_fixture_setup, test_agree_refund, sim_fixture_teardown);
  g_test_add ("/sim/actions/idempotent-replay", SimFixture, NULL, sim_fixture_setup, test_idempotent_replay, sim_fixture_teardown);
  g_test_add ("/sim/actions/stale-version", SimFixture, NULL, sim_fixture_setup, test_stale_version, sim_fixture_teardown);
  g_test_add ("/sim/actions/not-allowed", SimFixture, NULL, sim_fixture_setup, test_not_allowed, sim_fixture_teardown);
  g_test_add ("/sim/actions/pdd-negotiation", SimFixture, NULL, sim_fixture_setup, test_pdd_negotiation, sim_fixture_teardown);
  g_test_add ("/sim/actions/return-flow", SimFixture, NULL, sim_fixture_setup, test_return_flow, sim_fixture_teardown);
  g_test_add ("/sim/actions/lapse-grace", SimFixture, NULL, sim_fixture_setup, test_lapse_grace, sim_fixture_teardown);
  for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
    for (guint unshipped = 0; unshipped < 2; unshipped++)
      {
        g_autofree char *name = g_strdup_printf ("/sim/actions/lapse/%s/%s", shou_platform_to_string (p),
                                                 unshipped ? "unshipped-refund" : "return");

        g_test_add (name, SimFixture, GUINT_TO_POINTER (p | (unshipped << 8)),
                    sim_fixture_setup, test_lapse, sim_fixture_teardown);
      }
  g_test_add ("/sim/actions/intervention", SimFixture, NULL, sim_fixture_setup, test_intervention, sim_fixture_teardown);
  g_test_add ("/sim/actions/slow-faults", SimFixture, NULL, sim_fixture_setup, test_slow_faults, sim_fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sim/actions/fault-retry/%s", faults[i]);

      g_test_add (name, SimFixture, faults[i], sim_fixture_setup, test_fault_retry, sim_fixture_teardown);
    }
  g_test_add ("/sim/actions/other-carrier", SimFixture, NULL, sim_fixture_setup, test_other_carrier,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/fault-release", SimFixture, NULL, sim_fixture_setup, test_fault_release,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/fault-transport/drop", SimFixture, "drop", sim_fixture_setup, test_fault_transport,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/fault-transport/truncate", SimFixture, "truncate", sim_fixture_setup,
              test_fault_transport, sim_fixture_teardown);

  return g_test_run ();
}
