/* test-core-order-cancel.c: cancelling a Douyin order (seed 004):
 * 1、货到付款订单取消 "用户提交订单后无法取消,商家在待确认和备货中两个环节时可操作取消
 *    (注:需与用户沟通无问题后操作,未沟通会被处罚),订单若为已发货状态均无法取消";
 * 2、在线支付订单取消 "用户在待支付时可取消订单,…,商家任何环节下均不可取消订单,
 *    用户超过24小时未支付订单将自动取消". */
#include "config.h"

#include "core-test-util.h"

#define HOUR   SHOU_USEC_PER_HOUR
#define MINUTE SHOU_USEC_PER_MINUTE
#define T0     CORE_TEST_T0

/* 用户超过24小时未支付订单将自动取消. */
static void
test_unpaid_cancels_after_24h (void)
{
  static const struct {
    ShouPlatform   platform;
    ShouOrderState state;
    gboolean       cod;
    gint64         cancel_at;  /* after the order was submitted, 0: none */
  } rows[] = {
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_PAYMENT,  FALSE, 24 * HOUR },
    /* Paid, or cash on delivery: nothing runs. */
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_SHIPMENT, FALSE, 0 },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_CONFIRM,  TRUE,  0 },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_STOCKING,         TRUE,  0 },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_PAYMENT,  TRUE,  0 },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_CLOSED,           FALSE, 0 },
    /* No seed states it for the other platforms. */
    { SHOU_PLATFORM_TAOBAO, SHOU_ORDER_PENDING_PAYMENT,  FALSE, 0 },
    { SHOU_PLATFORM_PDD,    SHOU_ORDER_PENDING_PAYMENT,  FALSE, 0 },
    { SHOU_PLATFORM_JD,     SHOU_ORDER_PENDING_PAYMENT,  FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, NULL);

      g_test_message ("row %u", i);
      g_assert_cmpint (shou_order_unpaid_cancel_at (profile, rows[i].state, rows[i].cod, T0), ==,
                       rows[i].cancel_at ? T0 + rows[i].cancel_at : 0);
    }
}

/* 用户在待支付时可取消订单: the buyer's cancellation is done at once; it no
 * longer waits on the merchant with agree_refund/reject offered. */
static void
test_buyer_cancels_unpaid_alone (void)
{
  static const struct {
    ShouPlatform      platform;
    gboolean          cod;
    ShouRequestStatus status;
  } rows[] = {
    { SHOU_PLATFORM_DOUYIN, FALSE, SHOU_STATUS_SUCCESS },
    /* Elsewhere the cancellation still goes to the merchant (000 ⑷). */
    { SHOU_PLATFORM_TAOBAO, FALSE, SHOU_STATUS_WAIT_SELLER },
    { SHOU_PLATFORM_PDD,    FALSE, SHOU_STATUS_WAIT_SELLER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      g_autoptr(GError) error = NULL;
      ShouRequestState state;
      ShouEvaluation eval;

      g_test_message ("row %u", i);
      g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_CANCEL, SHOU_ORDER_PENDING_PAYMENT,
                                              rows[i].cod, 100, 100, T0, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state.status, ==, rows[i].status);
      g_assert_cmpint (shou_rules_buyer_cancels_alone (profile, SHOU_ORDER_PENDING_PAYMENT, rows[i].cod), ==,
                       rows[i].status == SHOU_STATUS_SUCCESS);
      shou_rules_evaluate (profile, &state, T0 + MINUTE, &eval);
      if (rows[i].status == SHOU_STATUS_SUCCESS)
        {
          g_assert_cmpuint (eval.allowed, ==, 0);
          g_assert_cmpint (eval.deadline_at, ==, 0);
          g_assert_cmpint (eval.why_not[SHOU_ACTION_AGREE_REFUND], ==, SHOU_REASON_FINISHED);
          g_assert_cmpint (eval.why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_FINISHED);
        }
      else
        g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND));
    }
  /* 货到付款: 用户提交订单后无法取消 — nothing opens on a COD order before it ships. */
  {
    ShouProfile *douyin = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);

    g_assert_cmphex (shou_profile_get_open_types (douyin, SHOU_ORDER_PENDING_CONFIRM), ==, 0);
    g_assert_cmphex (shou_profile_get_open_types (douyin, SHOU_ORDER_STOCKING), ==, 0);
    g_assert_false (shou_rules_buyer_cancels_alone (douyin, SHOU_ORDER_STOCKING, TRUE));
  }
}

/* 商家任何环节下均不可取消订单 (online payment); 货到付款 only 待确认/备货中,
 * after talking to the buyer; 已发货 never. */
static void
test_merchant_cancel (void)
{
  static const struct {
    ShouPlatform   platform;
    ShouOrderState state;
    gboolean       cod;
    gboolean       consulted;
    ShouReason     reason;     /* NONE: allowed */
  } rows[] = {
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_CONFIRM,  TRUE,  TRUE,  SHOU_REASON_NONE },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_STOCKING,         TRUE,  TRUE,  SHOU_REASON_NONE },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_CONFIRM,  TRUE,  FALSE, SHOU_REASON_BUYER_NOT_CONSULTED },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_STOCKING,         TRUE,  FALSE, SHOU_REASON_BUYER_NOT_CONSULTED },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_SHIPPED,          TRUE,  TRUE,  SHOU_REASON_ALREADY_SHIPPED },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_COMPLETED,        TRUE,  TRUE,  SHOU_REASON_ALREADY_SHIPPED },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_CLOSED,           TRUE,  TRUE,  SHOU_REASON_FINISHED },
    /* Online payment: in every state. */
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_PAYMENT,  FALSE, TRUE,  SHOU_REASON_ONLINE_PAYMENT },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_SHIPMENT, FALSE, TRUE,  SHOU_REASON_ONLINE_PAYMENT },
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_SHIPPED,          FALSE, TRUE,  SHOU_REASON_ONLINE_PAYMENT },
    /* No seed gives the other platforms a merchant cancellation. */
    { SHOU_PLATFORM_TAOBAO, SHOU_ORDER_PENDING_SHIPMENT, FALSE, TRUE,  SHOU_REASON_NOT_FOR_PLATFORM },
    { SHOU_PLATFORM_JD,     SHOU_ORDER_STOCKING,         TRUE,  TRUE,  SHOU_REASON_NOT_FOR_PLATFORM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("row %u", i);
      ok = shou_order_merchant_can_cancel (profile, rows[i].state, rows[i].cod, rows[i].consulted, &error);
      if (rows[i].reason == SHOU_REASON_NONE)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SHOU_RULES_ERROR, (int) rows[i].reason);
        }
    }
  g_assert_true (shou_reason_is_input (SHOU_REASON_BUYER_NOT_CONSULTED));
  g_assert_false (shou_reason_is_input (SHOU_REASON_ALREADY_SHIPPED));
}

static void
test_codes (void)
{
  ShouOrderState state = SHOU_ORDER_COMPLETED;

  g_assert_cmpstr (shou_order_state_to_string (SHOU_ORDER_PENDING_CONFIRM), ==, "pending_confirm");
  g_assert_cmpstr (shou_order_state_to_string (SHOU_ORDER_STOCKING), ==, "stocking");
  g_assert_true (shou_order_state_from_string ("stocking", &state));
  g_assert_cmpint (state, ==, SHOU_ORDER_STOCKING);
  /* 待确认 and 备货中 come before shipment. */
  g_assert_true (shou_order_state_is_cod_unshipped (SHOU_ORDER_PENDING_CONFIRM));
  g_assert_false (shou_order_state_is_cod_unshipped (SHOU_ORDER_PENDING_SHIPMENT));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/order-cancel/douyin/unpaid-cancels-after-24h", test_unpaid_cancels_after_24h);
  g_test_add_func ("/core/order-cancel/douyin/buyer-cancels-unpaid-alone", test_buyer_cancels_unpaid_alone);
  g_test_add_func ("/core/order-cancel/douyin/merchant-cancel", test_merchant_cancel);
  g_test_add_func ("/core/order-cancel/codes", test_codes);

  return g_test_run ();
}
