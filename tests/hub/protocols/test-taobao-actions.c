/* TOP seller action parameters (issue 22): refund_infos of
 * taobao.rp.refunds.agree ("refund_id|amount|version|phase", amount in fen,
 * at most 20 refunds / 6,000 yuan on Taobao, 30 / 10,000 yuan on Tmall), its
 * msg_code, and taobao.refund.refuse's limits — all from bububa/opentaobao
 * model/refund @22cc4846 (TaobaoRpRefundsAgreeAPIRequest.go,
 * TaobaoRpRefundsAgreeAPIResponse.go, TaobaoRefundRefuseAPIRequest.go). */
#include "config.h"

#include <string.h>

#include "hub/platforms/taobao/shou-taobao-actions.h"
#include "protocol-test-util.h"

static void
test_refund_infos (void)
{
  const ShouTaobaoAgree two[] = {
    { "1001", 1, 1796616000000, "aftersale" },
    { "1002", 1230, 1796616000001, "onsale" },
  };
  g_autofree char *taobao = shou_taobao_refund_infos (two, 2, FALSE, NULL);
  g_autofree char *tmall = shou_taobao_refund_infos (two, 2, TRUE, NULL);

  /* The 1-fen refund travels as "1": refund_infos counts fen. */
  g_assert_cmpstr (taobao, ==, "1001|1|1796616000000,1002|1230|1796616000001");
  g_assert_cmpstr (tmall, ==, "1001|1|1796616000000|aftersale,1002|1230|1796616000001|onsale");
}

static void
refused (const ShouTaobaoAgree *agrees,
         guint                  n,
         gboolean               tmall)
{
  g_autoptr(GError) error = NULL;
  char *infos = shou_taobao_refund_infos (agrees, n, tmall, &error);

  g_assert_null (infos);
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST);
}

static void
test_refund_infos_limits (void)
{
  ShouTaobaoAgree many[31];
  g_autofree char *twenty = NULL;
  g_autofree char *thirty = NULL;
  g_autofree char *six_thousand = NULL;
  const ShouTaobaoAgree over = { "9", 600001, 1, "onsale" };
  const ShouTaobaoAgree exact = { "9", 600000, 1, "onsale" };
  const ShouTaobaoAgree no_phase = { "9", 100, 1, NULL };
  const ShouTaobaoAgree pipe = { "9|1", 100, 1, "onsale" };
  const ShouTaobaoAgree no_version = { "9", 100, 0, "onsale" };

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = (ShouTaobaoAgree) { "7", 1, 1, "onsale" };
  twenty = shou_taobao_refund_infos (many, 20, FALSE, NULL);
  thirty = shou_taobao_refund_infos (many, 30, TRUE, NULL);
  g_assert_nonnull (twenty);
  g_assert_nonnull (thirty);
  refused (many, 21, FALSE);
  refused (many, 31, TRUE);
  refused (many, 0, FALSE);

  six_thousand = shou_taobao_refund_infos (&exact, 1, FALSE, NULL);
  g_assert_cmpstr (six_thousand, ==, "9|600000|1");
  refused (&over, 1, FALSE);
  refused (&no_phase, 1, TRUE);
  refused (&pipe, 1, FALSE);
  refused (&no_version, 1, FALSE);
}

static void
test_agree_result (void)
{
  g_autoptr(JsonNode) ok = parse_json ("{\"msg_code\":\"OP_SUCC\",\"succ\":true}");
  g_autoptr(JsonNode) some = parse_json (
    "{\"msg_code\":\"SOME_OP_SUCC\",\"results\":{\"refund_mapping_result\":["
    "{\"refund_id\":\"1001\",\"succ\":true},"
    "{\"refund_id\":\"1002\",\"succ\":false,\"message\":\"退款版本已变更\"}]}}");
  g_autoptr(JsonNode) none = parse_json ("{\"msg_code\":\"OP_FAILURE_UE\",\"message\":\"全部失败\"}");
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_taobao_agree_result (ok, &error));
  g_assert_no_error (error);
  g_assert_false (shou_taobao_agree_result (some, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BUSINESS);
  g_assert_nonnull (strstr (error->message, "SOME_OP_SUCC"));
  g_assert_nonnull (strstr (error->message, "退款版本已变更"));
  g_clear_error (&error);
  g_assert_false (shou_taobao_agree_result (none, &error));
  g_assert_nonnull (strstr (error->message, "全部失败"));
}

static void
test_refuse_limits (void)
{
  g_autofree char *two_hundred = g_strnfill (200, 'a');
  g_autofree char *too_long = g_strnfill (201, 'a');
  g_autoptr(GError) error = NULL;

  /* Characters, not bytes: "不符" is 2 characters (6 bytes). */
  g_assert_true (shou_taobao_check_refuse ("不符", 0, FALSE, NULL, 0, NULL));
  g_assert_true (shou_taobao_check_refuse (two_hundred, 130000, FALSE, NULL, 0, NULL));
  g_assert_false (shou_taobao_check_refuse ("不", 0, FALSE, NULL, 0, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (shou_taobao_check_refuse (too_long, 0, FALSE, NULL, 0, NULL));
  g_assert_false (shou_taobao_check_refuse ("不符合", 130001, FALSE, NULL, 0, NULL));
  /* Tmall: proof, phase and version are required. */
  g_assert_true (shou_taobao_check_refuse ("不符合", 1000, TRUE, "aftersale", 17, NULL));
  g_assert_false (shou_taobao_check_refuse ("不符合", 0, TRUE, "aftersale", 17, NULL));
  g_assert_false (shou_taobao_check_refuse ("不符合", 1000, TRUE, "after", 17, NULL));
  g_assert_false (shou_taobao_check_refuse ("不符合", 1000, TRUE, "aftersale", 0, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/taobao/actions/refund-infos", test_refund_infos);
  g_test_add_func ("/taobao/actions/refund-infos-limits", test_refund_infos_limits);
  g_test_add_func ("/taobao/actions/agree-result", test_agree_result);
  g_test_add_func ("/taobao/actions/refuse-limits", test_refuse_limits);
  return g_test_run ();
}
