/* afterSale/operate business parameters (issue 22): the field names of the
 * official Go SDK (zsmhub/doudian-sdk @93c52ff5, api/afterSale_operate/
 * request/afterSale_operate_request.go), update_time as the version token,
 * a refusal's required reason, remark and reject_reason_code, evidence ≤ 4. */
#include "config.h"

#include "hub/platforms/douyin/shou-douyin-actions.h"
#include "hub/platforms/douyin/shou-douyin-sign.h"
#include "protocol-test-util.h"

static char *
body_of (const ShouDouyinOperate *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) params = shou_douyin_operate_params (op, &error);

  g_assert_no_error (error);
  return shou_douyin_param_json (params, NULL);
}

static void
test_reject (void)
{
  const ShouDouyinEvidence evidence[] = {
    { 1, "https://img.example/1.jpg", "签收照片" },
    { 4, "https://img.example/t", NULL },
  };
  const ShouDouyinOperate op = {
    .type = 102, .aftersale_id = "7012345678901234567", .update_time = 1796616000,
    .reason = "商品已影响二次销售", .remark = "吊牌已拆", .reject_reason_code = 12,
    .evidence = evidence, .n_evidence = 2,
  };
  g_autofree char *body = body_of (&op);

  g_assert_cmpstr (body, ==,
                   "{\"items\":[{\"aftersale_id\":\"7012345678901234567\","
                   "\"evidence\":[{\"desc\":\"签收照片\",\"type\":1,\"url\":\"https://img.example/1.jpg\"},"
                   "{\"type\":4,\"url\":\"https://img.example/t\"}],"
                   "\"reason\":\"商品已影响二次销售\",\"reject_reason_code\":12,\"remark\":\"吊牌已拆\","
                   "\"update_time\":1796616000}],\"type\":102}");
}

static void
test_agree_return_signed (void)
{
  const ShouDouyinOperate op = {
    .type = 101, .aftersale_id = "7012345678901234567", .update_time = 1796616000,
    .receiver_address_id = 42,
  };
  g_autoptr(JsonNode) params = shou_douyin_operate_params (&op, NULL);
  g_autofree char *body = NULL;
  g_autoptr(GHashTable) query = shou_douyin_request_params ("7123456789012345678", "doudian-secret",
                                                            "/afterSale/operate", "token",
                                                            G_GINT64_CONSTANT (1796616000) * G_USEC_PER_SEC,
                                                            params, &body, NULL);

  g_assert_cmpstr (body, ==,
                   "{\"items\":[{\"aftersale_id\":\"7012345678901234567\","
                   "\"logistics\":{\"receiver_address_id\":42},\"update_time\":1796616000}],\"type\":101}");
  g_assert_cmpstr (g_hash_table_lookup (query, "method"), ==, "afterSale.operate");
  /* The version token is inside the signed body: a changed one breaks the sign. */
  g_assert_true (shou_douyin_verify (query, body, "doudian-secret"));
  g_assert_false (shou_douyin_verify (query,
                                      "{\"items\":[{\"aftersale_id\":\"7012345678901234567\","
                                      "\"logistics\":{\"receiver_address_id\":42},\"update_time\":1796616001}],"
                                      "\"type\":101}",
                                      "doudian-secret"));
}

static void
refused (const ShouDouyinOperate *op)
{
  g_autoptr(GError) error = NULL;
  JsonNode *params = shou_douyin_operate_params (op, &error);

  g_assert_null (params);
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST);
}

static void
test_refused (void)
{
  ShouDouyinEvidence five[5];
  const ShouDouyinEvidence bad_type = { 5, "https://x", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (five); i++)
    five[i] = (ShouDouyinEvidence) { 1, "https://img.example/x.jpg", NULL };
  refused (&(ShouDouyinOperate) { .type = 202, .aftersale_id = "1", .remark = "r", .reject_reason_code = 3 });
  refused (&(ShouDouyinOperate) { .type = 112, .aftersale_id = "1", .reason = "r", .remark = "r" });
  refused (&(ShouDouyinOperate) { .type = 101, .aftersale_id = "1" });
  refused (&(ShouDouyinOperate) { .type = 201, .aftersale_id = "" });
  refused (&(ShouDouyinOperate) { .type = 201, .aftersale_id = "1", .update_time = -1 });
  refused (&(ShouDouyinOperate) { .type = 102, .aftersale_id = "1", .reason = "r", .remark = "r",
                                  .reject_reason_code = 3, .evidence = five, .n_evidence = 5 });
  refused (&(ShouDouyinOperate) { .type = 201, .aftersale_id = "1", .evidence = &bad_type, .n_evidence = 1 });
}

static void
test_agree_refund_minimal (void)
{
  g_autofree char *body = body_of (&(ShouDouyinOperate) { .type = 201, .aftersale_id = "9" });

  /* update_time 0 is left out: the platform then skips its version check. */
  g_assert_cmpstr (body, ==, "{\"items\":[{\"aftersale_id\":\"9\"}],\"type\":201}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/douyin/actions/reject", test_reject);
  g_test_add_func ("/douyin/actions/agree-return-signed", test_agree_return_signed);
  g_test_add_func ("/douyin/actions/refused", test_refused);
  g_test_add_func ("/douyin/actions/agree-refund-minimal", test_agree_refund_minimal);
  return g_test_run ();
}
