/* TOP signing and error envelopes (issue 22).
 *
 * Vectors: the md5 one is the TOP documentation's own example
 * (open.taobao.com docId 101617: secret "helloworld" → 66987CB1…); the hmac
 * and hmac-sha256 ones take the same parameters through the algorithm of
 * bububa/opentaobao core/client.go @01c4b1f9 (hmac) and of TOP's official Go
 * SDK (public copy zlgb/topsdk @ce4417f2, util/util.go GetSign: hmac-sha256,
 * upper case), computed independently with Python's hmac module.
 */
#include "config.h"

#include <string.h>

#include "hub/platforms/taobao/shou-taobao-envelope.h"
#include "hub/platforms/taobao/shou-taobao-sign.h"
#include "protocol-test-util.h"

static GHashTable *
doc_params (const char *sign_method)
{
  GHashTable *p = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  put (p, "method", "taobao.item.seller.get");
  put (p, "app_key", "12345678");
  put (p, "session", "test");
  put (p, "timestamp", "2016-01-01 12:00:00");
  put (p, "format", "json");
  put (p, "v", "2.0");
  put (p, "sign_method", sign_method);
  put (p, "fields", "num_iid,title,nick,price,num");
  put (p, "num_iid", "11223344");
  return p;
}

static void
test_doc_vectors (void)
{
  g_autoptr(GHashTable) md5 = doc_params ("md5");
  g_autoptr(GHashTable) hmac = doc_params ("hmac");
  g_autoptr(GHashTable) sha = doc_params ("hmac-sha256");
  g_autofree char *a = shou_taobao_sign (md5, "helloworld", SHOU_TAOBAO_SIGN_MD5);
  g_autofree char *b = shou_taobao_sign (hmac, "helloworld", SHOU_TAOBAO_SIGN_HMAC);
  g_autofree char *c = shou_taobao_sign (sha, "helloworld", SHOU_TAOBAO_SIGN_HMAC_SHA256);

  g_assert_cmpstr (a, ==, "66987CB115214E59E6EC978214934FB8");
  g_assert_cmpstr (b, ==, "D56D7858309C31B6251083A874D48273");
  g_assert_cmpstr (c, ==, "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8");
}

static void
test_sign_ignores_sign_and_empty (void)
{
  g_autoptr(GHashTable) p = doc_params ("md5");
  g_autofree char *with = NULL;

  /* A stale sign and an empty parameter change nothing (official SDK). */
  put (p, "sign", "0000");
  put (p, "buyer_nick", "");
  with = shou_taobao_sign (p, "helloworld", SHOU_TAOBAO_SIGN_MD5);
  g_assert_cmpstr (with, ==, "66987CB115214E59E6EC978214934FB8");
}

static void
test_request_params (void)
{
  g_autoptr(GHashTable) api = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) params = NULL;

  put (api, "fields", "refund_id,status");
  put (api, "page_size", "100");
  put (api, "status", "");
  /* 2026-12-07 04:00:00 UTC is 12:00:00 in GMT+8. */
  params = shou_taobao_request_params ("12345678", "helloworld", "taobao.refunds.receive.get",
                                       "test", G_GINT64_CONSTANT (1796616000) * G_USEC_PER_SEC,
                                       SHOU_TAOBAO_SIGN_MD5, api);
  g_assert_cmpstr (g_hash_table_lookup (params, "timestamp"), ==, "2026-12-07 12:00:00");
  g_assert_cmpstr (g_hash_table_lookup (params, "v"), ==, "2.0");
  g_assert_cmpstr (g_hash_table_lookup (params, "format"), ==, "json");
  g_assert_cmpstr (g_hash_table_lookup (params, "sign_method"), ==, "md5");
  g_assert_cmpstr (g_hash_table_lookup (params, "session"), ==, "test");
  /* The empty status is not sent at all. */
  g_assert_false (g_hash_table_contains (params, "status"));
  /* Python: md5 of the sorted non-empty parameters wrapped in the secret. */
  g_assert_cmpstr (g_hash_table_lookup (params, "sign"), ==, "52199CF1FB99911DD069707EA364CFE6");
  g_assert_true (shou_taobao_verify (params, "helloworld"));

  /* What the gateway refuses: another secret, a changed parameter. */
  g_assert_false (shou_taobao_verify (params, "hellowOrld"));
  g_hash_table_insert (params, g_strdup ("page_size"), g_strdup ("99"));
  g_assert_false (shou_taobao_verify (params, "helloworld"));
}

static void
test_verify_methods (void)
{
  g_autoptr(GHashTable) p = doc_params ("hmac");

  put (p, "sign", "d56d7858309c31b6251083a874d48273");
  g_assert_true (shou_taobao_verify (p, "helloworld"));
  put (p, "sign_method", "sha1");
  g_assert_false (shou_taobao_verify (p, "helloworld"));
  g_hash_table_remove (p, "sign");
  put (p, "sign_method", "hmac");
  g_assert_false (shou_taobao_verify (p, "helloworld"));
}

static void
test_response_key (void)
{
  g_autofree char *a = shou_taobao_response_key ("taobao.refunds.receive.get");
  g_autofree char *b = shou_taobao_response_key ("tmall.dispute.receive.get");

  g_assert_cmpstr (a, ==, "refunds_receive_get_response");
  g_assert_cmpstr (b, ==, "tmall_dispute_receive_get_response");
}

/* Error envelopes in the shape of bububa/opentaobao model/response.go, with
 * TOP's codes (7 App Call Limited, 27 Invalid Session, 11 Insufficient ISV
 * Permissions, 15 Remote service error with isv./isp. sub-codes). */
static const FaultSample samples[] = {
  { "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\",\"sub_code\":\"invalid-sessionkey\","
    "\"request_id\":\"3f5xbp1pl0sh\"}}", SHOU_PROTOCOL_ERROR_SESSION_EXPIRED, "27", "invalid-sessionkey" },
  { "{\"error_response\":{\"code\":26,\"msg\":\"Missing session\"}}",
    SHOU_PROTOCOL_ERROR_SESSION_EXPIRED, "26", NULL },
  { "{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\",\"sub_code\":"
    "\"accesscontrol.limited-by-api-access-count\",\"sub_msg\":\"This ban will last for 1 more seconds\"}}",
    SHOU_PROTOCOL_ERROR_RATE_LIMITED, "7", "accesscontrol.limited-by-api-access-count" },
  { "{\"error_response\":{\"code\":11,\"msg\":\"Insufficient isv permissions\","
    "\"sub_code\":\"isv.permission-api-package-empty\"}}",
    SHOU_PROTOCOL_ERROR_NO_PERMISSION, "11", "isv.permission-api-package-empty" },
  { "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":"
    "\"isv.refund-not-exist\",\"sub_msg\":\"退款不存在\"}}",
    SHOU_PROTOCOL_ERROR_BUSINESS, "15", "isv.refund-not-exist" },
  { "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":"
    "\"isp.top-remote-connection-timeout\"}}",
    SHOU_PROTOCOL_ERROR_UNAVAILABLE, "15", "isp.top-remote-connection-timeout" },
  { "{\"error_response\":{\"code\":\"25\",\"msg\":\"Invalid signature\"}}",
    SHOU_PROTOCOL_ERROR_SIGNATURE, "25", NULL },
  { "{\"error_response\":{\"code\":41,\"msg\":\"Invalid arguments:page_size\"}}",
    SHOU_PROTOCOL_ERROR_BAD_REQUEST, "41", NULL },
  { "{\"error_response\":{\"code\":10,\"msg\":\"Service currently unavailable\"}}",
    SHOU_PROTOCOL_ERROR_UNAVAILABLE, "10", NULL },
  { "{\"error_response\":{\"code\":99,\"msg\":\"?\"}}", SHOU_PROTOCOL_ERROR_OTHER, "99", NULL },
};

static gboolean
read_refund_get (const char         *body,
                 JsonNode          **out_payload,
                 ShouProtocolFault **out_fault,
                 GError            **error)
{
  return shou_taobao_envelope_read (body, -1, "taobao.refund.get", out_payload, out_fault, error);
}

static void
test_error_envelopes (void)
{
  check_fault_samples (samples, G_N_ELEMENTS (samples), read_refund_get);
}

static void
test_business_fault_keeps_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProtocolFault) fault = NULL;

  g_assert_false (shou_taobao_envelope_read (samples[4].body, -1, "taobao.refund.get",
                                             NULL, &fault, &error));
  g_assert_cmpstr (fault->sub_message, ==, "退款不存在");
  g_assert_cmpstr (fault->message, ==, "Remote service error");
  g_assert_nonnull (strstr (error->message, "isv.refund-not-exist"));
  g_assert_nonnull (strstr (error->message, "退款不存在"));
  g_assert_false (shou_protocol_error_is_retryable (fault->kind));
}

static void
test_success_and_malformed (void)
{
  static const char * const bad[] = {
    "", "[]", "{", "null", "{\"refund_get_response\":[]}", "{\"other_response\":{}}",
    "{\"error_response\":[]}", "{\"error_response\":{\"code\":\"x\"}}",
    "{\"error_response\":{\"msg\":\"no code\"}}",
  };
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_taobao_envelope_read ("{\"refund_get_response\":{\"refund\":{\"refund_id\":\"1\"}}}",
                                            -1, "taobao.refund.get", &payload, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (payload), "refund"));

  check_malformed (bad, G_N_ELEMENTS (bad), read_refund_get);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/taobao/sign/doc-vectors", test_doc_vectors);
  g_test_add_func ("/taobao/sign/ignores-sign-and-empty", test_sign_ignores_sign_and_empty);
  g_test_add_func ("/taobao/sign/request-params", test_request_params);
  g_test_add_func ("/taobao/sign/verify-methods", test_verify_methods);
  g_test_add_func ("/taobao/envelope/response-key", test_response_key);
  g_test_add_func ("/taobao/envelope/errors", test_error_envelopes);
  g_test_add_func ("/taobao/envelope/business-words", test_business_fault_keeps_words);
  g_test_add_func ("/taobao/envelope/success-and-malformed", test_success_and_malformed);
  return g_test_run ();
}
