/* test-pdd-sign.c: Pinduoduo's request signature, error envelope and
 * units, against vectors computed with the pdd-node-sdk's own sign code
 * (packages/core/src/libs/pdd-client.ts, PddClient.sign, version
 * 1.0.1-alpha.2, commit 404b78e5) run under node; see
 * tests/data/platforms/README.md. */
#include "config.h"

#include "hub/platforms/pdd/shou-pdd-error.h"
#include "hub/platforms/pdd/shou-pdd-map.h"
#include "hub/platforms/pdd/shou-pdd-sign.h"

static void
set_all (ShouPlatformParams *params,
         const char *const  *pairs)
{
  for (guint i = 0; pairs[i] != NULL; i += 2)
    shou_platform_params_set (params, pairs[i], pairs[i + 1]);
}

static void
test_sign_list_vector (void)
{
  static const char *const pairs[] = {
    "type", "pdd.refund.list.increment.get", "client_id", "4b6d5a9c0f1e4d7b",
    "timestamp", "1733558400", "data_type", "JSON", "access_token", "a1b2c3",
    "after_sales_status", "1", "after_sales_type", "1", "start_updated_at", "1733556600",
    "end_updated_at", "1733558400", "page", "1", "page_size", "100", NULL,
  };
  g_autoptr(GTree) params = shou_platform_params_new ();
  g_autofree char *sign = NULL;

  set_all (params, pairs);
  sign = shou_pdd_sign (params, "s3cr3t-p0p");
  g_assert_cmpstr (sign, ==, "181D7F8D74B3312902E85670BB26125C");
  /* A "sign" already present is not signed over. */
  shou_platform_params_set (params, "sign", "WHATEVER");
  g_free (sign);
  sign = shou_pdd_sign (params, "s3cr3t-p0p");
  g_assert_cmpstr (sign, ==, "181D7F8D74B3312902E85670BB26125C");
}

static void
test_sign_json_vector (void)
{
  static const char *const pairs[] = {
    "type", "pdd.refund.agree", "client_id", "4b6d5a9c0f1e4d7b", "timestamp", "1733558400",
    "data_type", "JSON", "access_token", "a1b2c3",
    "request", "{\"after_sales_id\":12345,\"order_sn\":\"241207-123456789012345\",\"operate_desc\":\"同意退款\"}",
    NULL,
  };
  g_autoptr(GTree) params = shou_platform_params_new ();
  g_autofree char *sign = NULL;

  set_all (params, pairs);
  sign = shou_pdd_sign (params, "s3cr3t-p0p");
  g_assert_cmpstr (sign, ==, "4238E63B1BA00B9326CC47E4AEA9960F");
}

/* An empty value is signed as its name followed by nothing (as the node,
 * .NET and Rust SDKs all do for ""). */
static void
test_sign_empty_value (void)
{
  static const char *const pairs[] = {
    "type", "pdd.pop.auth.token.create", "client_id", "cid", "timestamp", "1",
    "data_type", "JSON", "code", "", "grant_type", "authorization_code", NULL,
  };
  g_autoptr(GTree) params = shou_platform_params_new ();
  g_autofree char *sign = NULL;

  set_all (params, pairs);
  sign = shou_pdd_sign (params, "sec");
  g_assert_cmpstr (sign, ==, "73A0F65448CFEE41E9EE0121DEA68077");
}

static void
test_sign_request_adds_common (void)
{
  g_autoptr(GTree) params = shou_platform_params_new ();
  g_autofree char *again = NULL;

  shou_platform_params_set (params, "page", "1");
  shou_pdd_sign_request (params, "pdd.refund.list.increment.get", "cid", "sec", "tok", 1733558400);
  g_assert_cmpstr (shou_platform_params_get (params, "type"), ==, "pdd.refund.list.increment.get");
  g_assert_cmpstr (shou_platform_params_get (params, "client_id"), ==, "cid");
  g_assert_cmpstr (shou_platform_params_get (params, "timestamp"), ==, "1733558400");
  g_assert_cmpstr (shou_platform_params_get (params, "access_token"), ==, "tok");
  again = shou_pdd_sign (params, "sec");
  g_assert_cmpstr (shou_platform_params_get (params, "sign"), ==, again);
  g_assert_cmpuint (strlen (again), ==, 32);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
test_error_envelope (void)
{
  static const struct
  {
    const char           *body;
    ShouProtocolError     kind;
    const char           *code;
    const char           *sub_code;
  } cases[] = {
    { "{\"error_response\":{\"error_code\":10019,\"error_msg\":\"access_token已过期\"}}",
      SHOU_PROTOCOL_ERROR_SESSION_EXPIRED, "10019", NULL },
    { "{\"error_response\":{\"error_code\":52101,\"error_msg\":\"当前接口被限流，请稍后重试\"}}",
      SHOU_PROTOCOL_ERROR_RATE_LIMITED, "52101", NULL },
    { "{\"error_response\":{\"error_code\":52103,\"error_msg\":\"服务暂时不可用，请稍后重试\"}}",
      SHOU_PROTOCOL_ERROR_UNAVAILABLE, "52103", NULL },
    { "{\"error_response\":{\"error_code\":70031,\"error_msg\":\"调用过于频繁\"}}",
      SHOU_PROTOCOL_ERROR_RATE_LIMITED, "70031", NULL },
    { "{\"error_response\":{\"error_code\":20031,\"error_msg\":\"no permission\"}}",
      SHOU_PROTOCOL_ERROR_NO_PERMISSION, "20031", NULL },
    { "{\"error_response\":{\"error_code\":50003,\"error_msg\":\"业务错误\",\"sub_code\":\"status_not_allow\","
      "\"sub_msg\":\"当前售后状态不允许该操作\"}}",
      SHOU_PROTOCOL_ERROR_BUSINESS, "50003", "status_not_allow" },
    { "{\"error_response\":{\"error_code\":\"50004\",\"error_msg\":\"x\",\"sub_code\":1002}}",
      SHOU_PROTOCOL_ERROR_BUSINESS, "50004", "1002" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) answer = parse (cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouProtocolFault) fault = shou_pdd_error_read (answer);

      g_assert_null (shou_pdd_error_check (answer, "response", &error));
      g_assert_error (error, SHOU_PROTOCOL_ERROR, (gint) cases[i].kind);
      g_assert_nonnull (strstr (error->message, cases[i].code));
      g_assert_cmpint (fault->kind, ==, cases[i].kind);
      g_assert_cmpstr (fault->code, ==, cases[i].code);
      g_assert_cmpstr (fault->sub_code, ==, cases[i].sub_code);
    }
  {
    g_autoptr(JsonObject) ok = parse ("{\"response\":{\"result\":{\"succ\":true}}}");
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (shou_pdd_error_check (ok, "response", &error));
    g_assert_no_error (error);
  }
}

static void
test_yuan_to_fen (void)
{
  static const struct
  {
    const char *yuan;
    gboolean    ok;
    gint64      fen;
  } cases[] = {
    { "0.01", TRUE, 1 }, { "0.1", TRUE, 10 }, { "12.30", TRUE, 1230 }, { "5", TRUE, 500 },
    { "19.99", TRUE, 1999 }, { "100000.00", TRUE, 10000000 }, { "0", TRUE, 0 },
    { "1.005", FALSE, 0 }, { "-1.00", FALSE, 0 }, { "", FALSE, 0 }, { "1.", FALSE, 0 },
    { ".5", FALSE, 0 }, { "1e3", FALSE, 0 }, { "99999999999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 fen = -1;

      g_assert_cmpint (shou_pdd_map_yuan_to_fen (cases[i].yuan, &fen), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

static void
test_statuses_and_types (void)
{
  guint n;
  const gint64 *codes = shou_pdd_map_all_statuses (&n);
  /* Every after_sales_status pdd-rs lists (0 is 无售后, not a request). */
  static const gint64 listed[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                                   21, 22, 24, 25, 27, 31, 32, 33 };
  ShouPddStatus s;
  ShouRequestType t;

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (listed));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (codes[i], ==, listed[i]);
      g_assert_true (shou_pdd_map_status (codes[i], FALSE, &s));
    }
  g_assert_false (shou_pdd_map_status (0, FALSE, &s));
  g_assert_true (shou_pdd_map_status (2, FALSE, &s) && s.status == SHOU_STATUS_WAIT_SELLER);
  g_assert_true (shou_pdd_map_status (7, FALSE, &s) && s.status == SHOU_STATUS_WAIT_BUYER_RETURN);
  g_assert_true (shou_pdd_map_status (7, TRUE, &s) && s.status == SHOU_STATUS_WAIT_SELLER_RECEIPT);
  g_assert_true (shou_pdd_map_status (8, FALSE, &s) && s.status == SHOU_STATUS_INTERVENTION);
  g_assert_true (shou_pdd_map_status (11, FALSE, &s) && s.status == SHOU_STATUS_CLOSED);
  g_assert_true (shou_pdd_map_status (18, FALSE, &s) && s.exchange_shipped);
  /* The detail's type counts from 1 = refund only; the list's filter from 1 = all. */
  g_assert_true (shou_pdd_map_detail_type (1, &t) && t == SHOU_REQUEST_REFUND_ONLY);
  g_assert_true (shou_pdd_map_detail_type (2, &t) && t == SHOU_REQUEST_RETURN_REFUND);
  g_assert_true (shou_pdd_map_detail_type (5, &t) && t == SHOU_REQUEST_REPAIR);
  g_assert_false (shou_pdd_map_detail_type (6, &t));
  g_assert_cmpint (shou_pdd_map_list_type_filter (TRUE, SHOU_REQUEST_REFUND_ONLY), ==, 1);
  g_assert_cmpint (shou_pdd_map_list_type_filter (FALSE, SHOU_REQUEST_REFUND_ONLY), ==, 2);
  g_assert_cmpint (shou_pdd_map_list_type_filter (FALSE, SHOU_REQUEST_REPAIR), ==, 6);
  g_assert_cmpstr (shou_pdd_map_reason ("商品质量问题"), ==, "quality_problem");
  g_assert_cmpstr (shou_pdd_map_reason ("其他"), ==, "other");
  /* Beijing time is UTC+8. */
  g_assert_cmpint (shou_pdd_map_time ("2024-12-07 16:00:00"), ==, G_GINT64_CONSTANT (1733558400) * G_USEC_PER_SEC);
  g_assert_cmpint (shou_pdd_map_time ("1733558400"), ==, G_GINT64_CONSTANT (1733558400) * G_USEC_PER_SEC);
  g_assert_cmpint (shou_pdd_map_time ("soon"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdd/sign/list-vector", test_sign_list_vector);
  g_test_add_func ("/pdd/sign/json-vector", test_sign_json_vector);
  g_test_add_func ("/pdd/sign/empty-value", test_sign_empty_value);
  g_test_add_func ("/pdd/sign/common-parameters", test_sign_request_adds_common);
  g_test_add_func ("/pdd/error/envelope", test_error_envelope);
  g_test_add_func ("/pdd/map/yuan-to-fen", test_yuan_to_fen);
  g_test_add_func ("/pdd/map/statuses-and-types", test_statuses_and_types);
  return g_test_run ();
}
