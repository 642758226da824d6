/* JOS signing, 360buy_param_json, envelopes and the (unverified) map (issue 22).
 *
 * The vector is JD's own worked example (open.jd.com dev-guide listId 2643:
 * secret "yourappSecret", jingdong.pop.order.search at 2021-05-07
 * 09:20:39.683+0800 → D70825340F4084360B9362B60DFD7930), reproduced here
 * from its parameters, including the 360buy_param_json text.
 */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/jd/shou-jd-envelope.h"
#include "hub/platforms/jd/shou-jd-map.h"
#include "hub/platforms/jd/shou-jd-sign.h"
#include "protocol-test-util.h"

#define DOC_JSON "{\"end_date\":null,\"optional_fields\":null,\"order_state\":\"WAIT_SELLER_STOCK_OUT\"," \
                 "\"page\":\"1\",\"page_size\":\"200\",\"start_date\":null}"
#define DOC_SIGN "D70825340F4084360B9362B60DFD7930"
/* 2021-05-07 09:20:39.683 in UTC+8. */
#define DOC_NOW (G_GINT64_CONSTANT (1620350439) * G_USEC_PER_SEC + 683000)

static void
test_doc_vector (void)
{
  g_autoptr(GHashTable) p = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *sign = NULL;

  put (p, "360buy_param_json", DOC_JSON);
  put (p, "access_token", "yourtoken");
  put (p, "app_key", "yourappkey");
  put (p, "method", "jingdong.pop.order.search");
  put (p, "timestamp", "2021-05-07 09:20:39.683+0800");
  put (p, "v", "2.0");
  sign = shou_jd_sign (p, "yourappSecret");
  g_assert_cmpstr (sign, ==, DOC_SIGN);
}

static void
test_request_params (void)
{
  /* The example's business parameters in another order: the serialiser
   * gives the example's text back, and with it the example's sign. */
  g_autoptr(JsonNode) params = parse_json ("{\"page_size\":\"200\",\"start_date\":null,\"page\":\"1\","
                                      "\"order_state\":\"WAIT_SELLER_STOCK_OUT\",\"end_date\":null,"
                                      "\"optional_fields\":null}");
  g_autoptr(GHashTable) out = shou_jd_request_params ("yourappkey", "yourappSecret",
                                                      "jingdong.pop.order.search", "yourtoken",
                                                      DOC_NOW, params, NULL);

  g_assert_cmpstr (g_hash_table_lookup (out, "360buy_param_json"), ==, DOC_JSON);
  g_assert_cmpstr (g_hash_table_lookup (out, "timestamp"), ==, "2021-05-07 09:20:39.683+0800");
  g_assert_cmpstr (g_hash_table_lookup (out, "v"), ==, "2.0");
  g_assert_cmpstr (g_hash_table_lookup (out, "sign"), ==, DOC_SIGN);
  g_assert_true (shou_jd_verify (out, "yourappSecret"));
  g_assert_false (shou_jd_verify (out, "yourappsecret"));
  put (out, "access_token", "othertoken");
  g_assert_false (shou_jd_verify (out, "yourappSecret"));
}

static gboolean
read_asc_list (const char         *body,
               JsonNode          **out_payload,
               ShouProtocolFault **out_fault,
               GError            **error)
{
  return shou_jd_envelope_read (body, -1, "jingdong.asc.query.list", out_payload, out_fault, error);
}

static void
test_envelopes (void)
{
  static const char * const bad[] = {
    "", "[]", "{}", "{\"error_response\":1}", "{\"error_response\":{\"zh_desc\":\"x\"}}",
    "{\"jingdong_asc_query_list_responce\":[]}",
  };
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) spelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProtocolFault) fault = NULL;

  g_assert_true (shou_jd_envelope_read ("{\"jingdong_asc_query_list_responce\":{\"code\":\"0\","
                                        "\"pageResult\":{\"data\":[]}}}", -1,
                                        "jingdong.asc.query.list", &payload, NULL, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (payload), "pageResult"));
  g_assert_true (shou_jd_envelope_read ("{\"jingdong_asc_query_view_response\":{\"code\":0}}", -1,
                                        "jingdong.asc.query.view", &spelled, NULL, NULL));

  /* JD's PHP SDK sample error: code 19, invalid access_token. */
  g_assert_false (shou_jd_envelope_read ("{\"error_response\": {\"code\":\"19\",\"zh_desc\":"
                                         "\"无效access_token\",\"en_desc\":\"Invalid access_token\"}}",
                                         -1, "jingdong.asc.query.list", NULL, &fault, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED);
  g_assert_cmpstr (fault->code, ==, "19");
  g_assert_cmpstr (fault->message, ==, "无效access_token");
  g_clear_error (&error);
  g_clear_pointer (&fault, shou_protocol_fault_free);

  g_assert_false (shou_jd_envelope_read ("{\"jingdong_asc_audit_reason_responce\":{\"code\":\"100\","
                                         "\"zh_desc\":\"服务单状态已变更\"}}", -1,
                                         "jingdong.asc.audit.reason", NULL, &fault, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BUSINESS);
  g_assert_cmpstr (fault->code, ==, "100");
  g_clear_error (&error);
  g_clear_pointer (&fault, shou_protocol_fault_free);

  /* Codes JD's table has not been checked for stay OTHER. */
  g_assert_false (shou_jd_envelope_read ("{\"error_response\":{\"code\":\"67\"}}", -1,
                                         "jingdong.asc.query.list", NULL, NULL, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_OTHER);
  g_clear_error (&error);

  check_malformed (bad, G_N_ELEMENTS (bad), read_asc_list);
}

static void
test_map_unverified (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"a\":\"0.01\",\"b\":12,\"c\":12.3,\"d\":\"1.234\",\"e\":-1}");
  JsonObject *object = json_node_get_object (node);
  ShouRequestType type;
  gint64 fen = -1;

  g_assert_false (SHOU_JD_MAP_VERIFIED);
  g_assert_true (shou_jd_map_customer_expect (10, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_RETURN_REFUND);
  g_assert_true (shou_jd_map_customer_expect (20, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_EXCHANGE);
  g_assert_true (shou_jd_map_customer_expect (30, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_REPAIR);
  g_assert_false (shou_jd_map_customer_expect (40, &type));

  /* The 1-fen case. */
  g_assert_true (shou_jd_amount_fen (object, "a", &fen, NULL));
  g_assert_cmpint (fen, ==, 1);
  g_assert_true (shou_jd_amount_fen (object, "b", &fen, NULL));
  g_assert_cmpint (fen, ==, 1200);
  for (guint i = 0; i < 4; i++)
    {
      static const char *bad[] = { "c", "d", "e", "missing" };
      g_autoptr(GError) error = NULL;

      g_assert_false (shou_jd_amount_fen (object, bad[i], &fen, &error));
      g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jd/sign/doc-vector", test_doc_vector);
  g_test_add_func ("/jd/sign/request-params", test_request_params);
  g_test_add_func ("/jd/envelope", test_envelopes);
  g_test_add_func ("/jd/map/unverified", test_map_unverified);
  return g_test_run ();
}
