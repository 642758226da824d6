/* test-core-parcel.c: the seller's parcel actions (intercept, await the
 * refused parcel) and the express refund's appeal, each row citing its
 * source. */
#include "config.h"

#include "core-test-util.h"

#define HOUR SHOU_USEC_PER_HOUR
#define DAY  SHOU_USEC_PER_DAY
#define T0   CORE_TEST_T0

static ShouRequestState
refund_only (const ShouProfile *profile,
             ShouOrderState     order_state,
             ShouOutboundState  parcel)
{
  ShouRequestState state;
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_REFUND_ONLY, order_state,
                                          FALSE, 2500, 2500, T0, &error));
  g_assert_no_error (error);
  state.parcel_step = (guint) parcel + 1;
  return state;
}

static void
test_allowed (void)
{
  static const struct
  {
    ShouPlatform      platform;
    ShouOutboundState parcel;          /* SHOU_N_OUTBOUND_STATES: none known */
    ShouParcelWait    wait;
    ShouReason        intercept, await;
    const char       *seed;
  } rows[] = {
    /* 000 ⑵ 二.2 若未簽收，可以直接拒收，商品會退回賣家，賣家在收到商品之後會退款 */
    { SHOU_PLATFORM_TAOBAO, SHOU_OUTBOUND_IN_TRANSIT, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_NONE, SHOU_REASON_NONE, "000" },
    { SHOU_PLATFORM_TAOBAO, SHOU_OUTBOUND_COLLECTED, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_NONE, SHOU_REASON_NONE, "000" },
    /* 003 已发货:联系客户拒签,并告知快递打回 */
    { SHOU_PLATFORM_PDD, SHOU_OUTBOUND_IN_TRANSIT, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_NONE, SHOU_REASON_NONE, "003" },
    /* a refused parcel is already coming back: only the wait is left */
    { SHOU_PLATFORM_PDD, SHOU_OUTBOUND_REFUSED, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_PARCEL_WAITING, SHOU_REASON_NONE, "002 ①" },
    { SHOU_PLATFORM_PDD, SHOU_OUTBOUND_RETURNING, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_PARCEL_WAITING, SHOU_REASON_NONE, "002 ①" },
    /* signed: no intercept; the request is decided as any other */
    { SHOU_PLATFORM_TAOBAO, SHOU_OUTBOUND_SIGNED, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_ALREADY_SIGNED, SHOU_REASON_ALREADY_SIGNED, "000" },
    /* back with the seller: agree to the refund */
    { SHOU_PLATFORM_TAOBAO, SHOU_OUTBOUND_RETURNED, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_PARCEL_RETURNED, SHOU_REASON_PARCEL_RETURNED, "000" },
    /* chosen once */
    { SHOU_PLATFORM_TAOBAO, SHOU_OUTBOUND_RETURNING, SHOU_PARCEL_WAIT_INTERCEPT, SHOU_REASON_PARCEL_WAITING, SHOU_REASON_PARCEL_WAITING, NULL },
    { SHOU_PLATFORM_PDD, SHOU_OUTBOUND_IN_TRANSIT, SHOU_PARCEL_WAIT_AWAIT, SHOU_REASON_PARCEL_WAITING, SHOU_REASON_PARCEL_WAITING, NULL },
    /* no parcel known (an adapter that does not read the order's tracking) */
    { SHOU_PLATFORM_JD, SHOU_N_OUTBOUND_STATES, SHOU_PARCEL_WAIT_NONE, SHOU_REASON_NO_PARCEL, SHOU_REASON_NO_PARCEL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      ShouRequestState state = refund_only (profile, SHOU_ORDER_SHIPPED, rows[i].parcel);
      ShouEvaluation eval;

      if (rows[i].parcel == SHOU_N_OUTBOUND_STATES)
        state.parcel_step = 0;
      state.parcel_wait = rows[i].wait;
      shou_rules_evaluate (profile, &state, T0 + HOUR, &eval);
      g_test_message ("row %u (%s)", i, rows[i].seed ? rows[i].seed : "");
      g_assert_cmpstr (shou_reason_to_string (eval.why_not[SHOU_ACTION_INTERCEPT]), ==,
                       shou_reason_to_string (rows[i].intercept));
      g_assert_cmpstr (shou_reason_to_string (eval.why_not[SHOU_ACTION_AWAIT_RETURN]), ==,
                       shou_reason_to_string (rows[i].await));
      g_assert_cmpint ((eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_INTERCEPT)) != 0, ==,
                       rows[i].intercept == SHOU_REASON_NONE);
      /* Agreeing to the refund stays possible all along. */
      g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND));
    }
}

static void
test_not_for (void)
{
  const ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvaluation eval;

  /* Before shipment there is no parcel to stop (002 ①: 未发货 → 直接仅退款). */
  state = refund_only (profile, SHOU_ORDER_PENDING_SHIPMENT, SHOU_OUTBOUND_IN_TRANSIT);
  shou_rules_evaluate (profile, &state, T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_INTERCEPT], ==, SHOU_REASON_NOT_SHIPPED);

  /* A completed (signed) order: nothing to intercept. */
  state = refund_only (profile, SHOU_ORDER_COMPLETED, SHOU_OUTBOUND_SIGNED);
  shou_rules_evaluate (profile, &state, T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_INTERCEPT], ==, SHOU_REASON_ALREADY_SIGNED);

  /* A return goes back by the buyer's own parcel: not these actions. */
  g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED,
                                          FALSE, 2500, 2500, T0, NULL));
  state.parcel_step = 1 + SHOU_OUTBOUND_IN_TRANSIT;
  shou_rules_evaluate (profile, &state, T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_INTERCEPT], ==, SHOU_REASON_NOT_FOR_TYPE);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_APPEAL], ==, SHOU_REASON_NOT_EXPRESS);
}

/* Intercept, the parcel comes back, the refund: the whole flow in core. */
static void
test_flow (void)
{
  const ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state = refund_only (profile, SHOU_ORDER_SHIPPED, SHOU_OUTBOUND_IN_TRANSIT);
  ShouEvent event = { .kind = SHOU_EVENT_INTERCEPT };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  ShouRequestState copy = { 0 };

  core_test_apply_ok (profile, &state, SHOU_EVENT_INTERCEPT, T0 + HOUR);
  g_assert_cmpint (state.parcel_wait, ==, SHOU_PARCEL_WAIT_INTERCEPT);
  g_assert_cmpint (state.parcel_wait_at, ==, T0 + HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_SELLER);

  /* Twice is refused with its reason. */
  g_assert_false (shou_rules_apply (profile, &state, &event, T0 + 2 * HOUR, &error));
  g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_PARCEL_WAITING);
  g_clear_error (&error);

  /* Kept through a store's document. */
  shou_request_state_parcel_to_json (&state, doc);
  shou_request_state_parcel_from_json (&copy, doc);
  g_assert_cmpint (copy.parcel_wait, ==, SHOU_PARCEL_WAIT_INTERCEPT);
  g_assert_cmpint (copy.parcel_wait_at, ==, T0 + HOUR);

  /* The parcel is back: the refund ends it. */
  state.parcel_step = 1 + SHOU_OUTBOUND_RETURNED;
  core_test_apply_ok (profile, &state, SHOU_EVENT_AGREE_REFUND, T0 + 2 * DAY);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);

  /* A signed parcel cannot be intercepted (the courier's outcome). */
  state = refund_only (profile, SHOU_ORDER_SHIPPED, SHOU_OUTBOUND_SIGNED);
  g_assert_false (shou_rules_apply (profile, &state, &event, T0 + HOUR, &error));
  g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_ALREADY_SIGNED);
  g_assert_cmpint (state.version, ==, 1);
}

static void
test_express (void)
{
  const ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  ShouEvent appeal = { .kind = SHOU_EVENT_APPEAL };
  g_autoptr(GError) error = NULL;
  GArray *lapses = g_array_new (FALSE, FALSE, sizeof (ShouLapse));

  g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_COMPLETED,
                                          FALSE, 2500, 2500, T0, NULL));
  /* 000 ⑵: 買家申請極速退款…這個款項是由淘寶平台支付給買家的 */
  state.express_paid = TRUE;
  state.express_paid_at = T0;
  core_test_apply_ok (profile, &state, SHOU_EVENT_AGREE_RETURN, T0 + HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_BUYER_RETURN);

  /* The return is not late: no appeal yet, and the countdown runs. */
  shou_rules_evaluate (profile, &state, T0 + 2 * HOUR, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_APPEAL], ==, SHOU_REASON_RETURN_NOT_LATE);
  g_assert_cmpint (eval.deadline_at, >, T0 + 2 * HOUR);

  /* The buyer never ships: past the deadline the appeal opens (买家未退货). */
  shou_rules_evaluate (profile, &state, eval.deadline_at, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_APPEAL], ==, SHOU_REASON_NONE);
  /* … and after the lapse closed it, too. */
  shou_rules_lapse (profile, &state, eval.deadline_at + HOUR, lapses);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_CLOSED);
  shou_rules_evaluate (profile, &state, eval.deadline_at + HOUR, &eval);
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_APPEAL));

  /* Without the tracking evidence the appeal is refused. */
  g_assert_false (shou_rules_apply (profile, &state, &appeal, eval.deadline_at + 2 * HOUR, &error));
  g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_EVIDENCE_REQUIRED);
  g_clear_error (&error);
  appeal.n_evidence = 1;
  g_assert_true (shou_rules_apply (profile, &state, &appeal, eval.deadline_at + 2 * HOUR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_INTERVENTION);
  g_assert_true (state.appealed);
  shou_rules_evaluate (profile, &state, eval.deadline_at + 3 * HOUR, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_APPEAL], ==, SHOU_REASON_ALREADY_APPEALED);

  /* A request that was not an express refund has nothing to appeal. */
  g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_COMPLETED,
                                          FALSE, 2500, 2500, T0, NULL));
  shou_rules_evaluate (profile, &state, T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_APPEAL], ==, SHOU_REASON_NOT_EXPRESS);
  g_array_unref (lapses);
}

/* 003: 余额…订单退款审核后24小时内到账; 银行卡…2-6天到账; 信用卡…3-7天到账. */
static void
test_refund_arrival (void)
{
  static const struct
  {
    ShouPlatform   platform;
    ShouPayChannel channel;
    gint64         max;
    const char    *says;
  } rows[] = {
    { SHOU_PLATFORM_PDD, SHOU_PAY_BALANCE, 24 * HOUR, "24小时内到账" },
    { SHOU_PLATFORM_PDD, SHOU_PAY_BANK_CARD, 6 * DAY, "银行卡，一般2-6天到账" },
    { SHOU_PLATFORM_PDD, SHOU_PAY_CREDIT_CARD, 7 * DAY, "信用卡，一般3-7天到账" },
    /* A profile without the facts answers with seed 003's times. */
    { SHOU_PLATFORM_JD, SHOU_PAY_BANK_CARD, 6 * DAY, "2-6天到账" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      g_autofree char *reply = shou_refund_arrival_reply (profile, rows[i].channel);

      g_assert_cmpint (shou_refund_arrival_max (profile, rows[i].channel), ==, rows[i].max);
      g_assert_nonnull (strstr (reply, rows[i].says));
      /* Sent to the buyer: no word a platform forbids (支付宝, 微信…). */
      g_assert_true (shou_validate_no_sensitive (reply, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parcel/allowed", test_allowed);
  g_test_add_func ("/parcel/not-for", test_not_for);
  g_test_add_func ("/parcel/flow", test_flow);
  g_test_add_func ("/parcel/express", test_express);
  g_test_add_func ("/parcel/refund-arrival", test_refund_arrival);
  return g_test_run ();
}
