/* test-core-rules-platforms.c: the rules of platform-rules.md that belong to
 * one platform (Taobao, Pinduoduo, Douyin), one test per rule, named after
 * it, with the seed it comes from. Split from test-core-rules.c.
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core-test-util.h"
#include "core-rules-test-util.h"


/* ---- §2 Taobao ---- */

static void
test_taobao_refuse_needs_reason (void)
{
  /* 000 ⑵ 一.5: on refusing, the seller must give a reason;
   * platform-apis.md: refuse_message 2–200 characters. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvent event = core_test_event (profile, SHOU_EVENT_REJECT);
  g_autofree char *long_text = NULL;
  GString *s = g_string_new (NULL);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);

  event.reason_code = NULL;
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_REASON_REQUIRED);
  event.reason_code = "made_up";
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_REASON_REQUIRED);

  event.reason_code = "goods_not_returned";
  event.text = "无";
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_EXPLANATION_REQUIRED);
  event.text = NULL;
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_EXPLANATION_REQUIRED);
  for (guint i = 0; i < 201; i++)
    g_string_append (s, "货");
  long_text = g_string_free (s, FALSE);
  event.text = long_text;
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_TEXT_INVALID);

  /* This reason needs proof; "buyer_unreasonable" does not. */
  event.text = "未收到";
  event.n_evidence = 0;
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_EVIDENCE_REQUIRED);
  event.reason_code = "buyer_unreasonable";
  g_assert_true (shou_rules_apply (profile, &state, &event, CORE_TEST_T0 + HOUR, NULL));
  g_assert_cmpint (state.status, ==, SHOU_STATUS_REFUSED);
}

static void
test_taobao_intervention_from_day3 (void)
{
  /* 000 ⑵ 一.5: seller refused an unshipped refund; the buyer may ask for
   * intervention from day 3 of the request. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvent escalate = { .kind = SHOU_EVENT_BUYER_ESCALATE };

  open_request (profile, &state, SHOU_REQUEST_REFUND_ONLY, SHOU_ORDER_PENDING_SHIPMENT, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_REJECT, CORE_TEST_T0 + HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_REFUSED);
  apply_fails (profile, &state, &escalate, CORE_TEST_T0 + 1 * DAY, SHOU_REASON_TOO_EARLY);
  apply_fails (profile, &state, &escalate, CORE_TEST_T0 + 2 * DAY - 1, SHOU_REASON_TOO_EARLY);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_ESCALATE, CORE_TEST_T0 + 2 * DAY);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_INTERVENTION);
  g_assert_cmpint (state.status_before_intervention, ==, SHOU_STATUS_REFUSED);

  /* After shipment the buyer may ask at once (000 ⑵ 二.3(2)). */
  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_REJECT, CORE_TEST_T0 + HOUR);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_ESCALATE, CORE_TEST_T0 + 2 * HOUR);
}

static void
test_taobao_agree_return_address (void)
{
  /* 001 篇六: on agreeing to a return the seller picks a return address and
   * may leave a message. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvent event = { .kind = SHOU_EVENT_AGREE_RETURN };

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_ADDRESS_REQUIRED);
  event.address_id = "";
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_ADDRESS_REQUIRED);
  event.address_id = "addr-1";
  event.text = "加我微信发地址";
  apply_fails (profile, &state, &event, CORE_TEST_T0 + HOUR, SHOU_REASON_TEXT_INVALID);
  event.text = "请按页面地址寄回，勿寄到付";
  g_assert_true (shou_rules_apply (profile, &state, &event, CORE_TEST_T0 + HOUR, NULL));
  g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_BUYER_RETURN);
}

static void
test_taobao_intervention_milestones (void)
{
  /* 001 篇五: the platform replies within 2 working days and resolves
   * within 7 working days. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  gint64 since;

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_REJECT, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_ESCALATE, CORE_TEST_T0);
  since = state.status_since;

  shou_rules_evaluate (profile, &state, since, &eval);
  g_assert_cmpstr (eval.deadline_rule_id, ==, "platform-reply");
  g_assert_cmpint (eval.deadline_at, ==, since + 2 * DAY);

  /* After the reply milestone the resolve milestone runs: Monday + 7 wd. */
  shou_rules_evaluate (profile, &state, since + 2 * DAY + 1, &eval);
  g_assert_cmpstr (eval.deadline_rule_id, ==, "platform-resolve");
  g_assert_cmpint (eval.deadline_at, ==, since + 9 * DAY);
  g_assert_cmpint (eval.deadline_actor, ==, SHOU_ACTOR_PLATFORM);

  /* The seller can only message while the platform handles it. */
  g_assert_cmphex (eval.allowed, ==, SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE));
  g_assert_cmpint (eval.why_not[SHOU_ACTION_AGREE_REFUND], ==, SHOU_REASON_UNDER_INTERVENTION);

  /* Passed milestones stay reported but do nothing. */
  shou_rules_evaluate (profile, &state, since + 30 * DAY, &eval);
  g_assert_cmpstr (eval.deadline_rule_id, ==, "platform-resolve");
  g_assert_cmpuint (shou_rules_lapse (profile, &state, since + 30 * DAY, NULL), ==, 0);

  /* The platform rules; false proof ends in a forced refund (000 ⑵ 一.5). */
  {
    ShouRequestState closed = state;

    apply_ok (profile, &state, SHOU_EVENT_PLATFORM_REFUND, since + 3 * DAY);
    g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);
    apply_ok (profile, &closed, SHOU_EVENT_PLATFORM_CLOSE, since + 3 * DAY);
    g_assert_cmpint (closed.status, ==, SHOU_STATUS_CLOSED);
  }
}

static void
test_taobao_complaint_periods (void)
{
  /* 001 篇二 and 000 ⑹: complaint periods are profile data. */
  static const struct { const char *id; gint64 duration; int wd; } facts[] = {
    { "complaint-seller-handle", 24 * HOUR, 0 },
    { "complaint-buyer-confirm", 48 * HOUR, 0 },
    { "complaint-evidence-period", 72 * HOUR, 0 },
    { "complaint-seller-preprocess", 24 * HOUR, 0 },
    { "complaint-platform-handle", 0, 4 },
    { "complaint-compensate-no-penalty", 24 * HOUR, 0 },
    { "complaint-plan", 72 * HOUR, 0 },
    { "return-visit-1", 7 * DAY, 0 },
    { "return-visit-2", 30 * DAY, 0 },
    { "return-visit-3", 90 * DAY, 0 },
    { "return-visit-4", 180 * DAY, 0 },
    { "return-visit-5", 365 * DAY, 0 },
  };
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  const ShouProfileFact *fact;

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      fact = shou_profile_find_fact (profile, facts[i].id);
      g_assert_nonnull (fact);
      g_assert_cmpint (fact->duration, ==, facts[i].duration);
      g_assert_cmpint (fact->working_days, ==, facts[i].wd);
      g_assert_cmpstr (fact->seed, !=, "");
    }

  /* 001 篇一: price difference refund normally at most 5 yuan. */
  fact = shou_profile_find_fact (profile, "price-difference-refund-max");
  g_assert_nonnull (fact);
  g_assert_cmpint (fact->amount_fen, ==, 500);
  g_assert_nonnull (shou_profile_find_fact (profile, "express-refund"));
}

static void
test_taobao_message_400_bytes (void)
{
  /* platform-apis.md: taobao.refund.message.add content ≤ 400 bytes. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_profile_get_message_in_bytes (profile));
  g_assert_cmpuint (shou_profile_get_message_max (profile), ==, 400);
  for (guint i = 0; i < 133; i++)
    g_string_append (s, "好");
  g_string_append (s, "a");
  text = g_string_free (s, FALSE);
  g_assert_cmpuint (strlen (text), ==, 400);
  g_assert_true (shou_validate_message (profile, text, &error));
  g_assert_no_error (error);

  {
    g_autofree char *longer = g_strconcat (text, "b", NULL);
    ShouRequestState state;
    ShouEvent event = { .kind = SHOU_EVENT_MESSAGE, .text = longer };

    g_assert_false (shou_validate_message (profile, longer, &error));
    g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG);
    open_request (profile, &state, SHOU_REQUEST_REFUND_ONLY, SHOU_ORDER_SHIPPED, FALSE);
    apply_fails (profile, &state, &event, CORE_TEST_T0, SHOU_REASON_TEXT_INVALID);
    event.text = text;
    g_assert_true (shou_rules_apply (profile, &state, &event, CORE_TEST_T0, NULL));
    g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_SELLER);
  }
}

static void
test_taobao_older_profile (void)
{
  /* 001 篇三: 15 days shown as "14天23小时59分钟" one minute after opening. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, "2019");
  ShouRequestState state;
  ShouEvaluation eval;
  g_autofree char *countdown = NULL;

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0 + MINUTE, &eval);
  g_assert_cmpint (eval.deadline_at - (CORE_TEST_T0 + MINUTE), ==, 14 * DAY + 23 * HOUR + 59 * MINUTE);
  countdown = shou_countdown_format (eval.deadline_at, CORE_TEST_T0 + MINUTE);
  g_assert_cmpstr (countdown, ==, "14 d 23 h left");
}

/* ---- §3 Pinduoduo ---- */

static void
test_pdd_reject_needs_negotiation (void)
{
  /* 002 一: the rejection-negotiation tool is required before rejecting. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  ShouEvent reject = core_test_event (profile, SHOU_EVENT_REJECT);

  g_assert_true (shou_profile_get_negotiation_required (profile));
  g_assert_cmpuint (shou_profile_get_negotiation_rounds (profile), ==, 2);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0, &eval);
  g_assert_false (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_REJECT));
  g_assert_cmpint (eval.why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_NEGOTIATION_REQUIRED);
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_NEGOTIATE));
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN));
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND));
  apply_fails (profile, &state, &reject, CORE_TEST_T0, SHOU_REASON_NEGOTIATION_REQUIRED);
}

static void
test_pdd_round1_wait_blocks_reject (void)
{
  /* 002 一.2: during the wait rejection is refused: 请耐心等待消费者回复. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  ShouEvent reject = core_test_event (profile, SHOU_EVENT_REJECT);
  ShouEvent negotiate = core_test_event (profile, SHOU_EVENT_NEGOTIATE);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  negotiate.proposal = SHOU_PROPOSAL_NONE;
  negotiate.n_evidence = 0;
  g_assert_true (shou_rules_apply (profile, &state, &negotiate, CORE_TEST_T0 + HOUR, NULL));
  g_assert_cmpint (state.nego_phase, ==, SHOU_NEGO_ROUND1_WAIT);

  shou_rules_evaluate (profile, &state, CORE_TEST_T0 + 2 * HOUR, &eval);
  g_assert_cmpint (eval.status, ==, SHOU_STATUS_NEGOTIATING);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_NEGOTIATION_WAITING);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_NEGOTIATE], ==, SHOU_REASON_NEGOTIATION_WAITING);
  g_assert_cmpstr (shou_reason_get_message (eval.why_not[SHOU_ACTION_REJECT]), ==,
                   "Please wait patiently for the buyer's reply");
  g_assert_cmpint (eval.nego_wait_until, ==, CORE_TEST_T0 + HOUR + 48 * HOUR);
  g_assert_cmpint (eval.deadline_actor, ==, SHOU_ACTOR_BUYER);
  /* Giving in stays possible. */
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN));

  apply_fails (profile, &state, &reject, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_NEGOTIATION_WAITING);
  negotiate.round = 2;
  apply_fails (profile, &state, &negotiate, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_NEGOTIATION_WAITING);
}

static void
test_pdd_round2_opens (void)
{
  /* 002 一.3: round 2 opens when the buyer replied or the wait lapsed. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState replied;
  ShouRequestState lapsed;
  ShouEvaluation eval;

  open_request (profile, &replied, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &replied, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0);
  lapsed = replied;

  apply_ok (profile, &replied, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + 3 * HOUR);
  g_assert_cmpint (replied.nego_phase, ==, SHOU_NEGO_ROUND1_DONE);
  shou_rules_evaluate (profile, &replied, CORE_TEST_T0 + 3 * HOUR, &eval);
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_NEGOTIATE));
  g_assert_cmpint (eval.why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_NEGOTIATION_REQUIRED);
  g_assert_cmpint (eval.nego_wait_until, ==, 0);

  g_assert_cmpuint (shou_rules_lapse (profile, &lapsed, CORE_TEST_T0 + 48 * HOUR, NULL), ==, 1);
  g_assert_cmpint (lapsed.status, ==, SHOU_STATUS_NEGOTIATING);
  g_assert_cmpint (lapsed.nego_phase, ==, SHOU_NEGO_ROUND1_DONE);
  shou_rules_evaluate (profile, &lapsed, CORE_TEST_T0 + 48 * HOUR, &eval);
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_NEGOTIATE));
  /* The seller's own 48 h runs again from the end of the wait (000 ⑷). */
  g_assert_cmpint (eval.deadline_at, ==, CORE_TEST_T0 + 96 * HOUR);
  g_assert_cmpint (eval.deadline_actor, ==, SHOU_ACTOR_SELLER);
}

static void
test_pdd_round2_needs_evidence (void)
{
  /* 002 一.3: in round 2 the merchant picks a proposal and uploads evidence. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvent round2 = core_test_event (profile, SHOU_EVENT_NEGOTIATE);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + HOUR);

  round2.round = 1;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_WRONG_STATUS);
  round2.round = 2;
  round2.n_evidence = 0;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_EVIDENCE_REQUIRED);
  round2.n_evidence = 2;
  round2.proposal = SHOU_PROPOSAL_NONE;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_PROPOSAL_REQUIRED);
  round2.proposal = SHOU_PROPOSAL_PARTIAL_REFUND;
  round2.amount_fen = 0;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_AMOUNT_INVALID);
  round2.amount_fen = 2001;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_AMOUNT_INVALID);
  round2.amount_fen = 800;
  g_assert_true (shou_rules_apply (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, NULL));
  g_assert_cmpint (state.nego_phase, ==, SHOU_NEGO_ROUND2_WAIT);

  /* The buyer accepts the partial refund: the request resolves with it. */
  apply_ok (profile, &state, SHOU_EVENT_BUYER_ACCEPT, CORE_TEST_T0 + 3 * HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);
  g_assert_cmpint (state.amount_fen, ==, 800);
}

static void
test_pdd_reject_after_round2 (void)
{
  /* 002 一.4: rejection only after round 2 got a reply or lapsed, with a
   * reason, a detailed explanation and real evidence. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  ShouEvent reject = core_test_event (profile, SHOU_EVENT_REJECT);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0);
  g_assert_cmpuint (shou_rules_lapse (profile, &state, CORE_TEST_T0 + 48 * HOUR, NULL), ==, 1);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0 + 49 * HOUR);
  apply_fails (profile, &state, &reject, CORE_TEST_T0 + 50 * HOUR, SHOU_REASON_NEGOTIATION_WAITING);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + 51 * HOUR);
  g_assert_cmpint (state.nego_phase, ==, SHOU_NEGO_ROUND2_DONE);

  shou_rules_evaluate (profile, &state, CORE_TEST_T0 + 52 * HOUR, &eval);
  g_assert_true (eval.allowed & SHOU_ACTION_BIT (SHOU_ACTION_REJECT));
  g_assert_cmpint (eval.why_not[SHOU_ACTION_NEGOTIATE], ==, SHOU_REASON_NEGOTIATION_DONE);

  reject.n_evidence = 0;
  apply_fails (profile, &state, &reject, CORE_TEST_T0 + 52 * HOUR, SHOU_REASON_EVIDENCE_REQUIRED);
  reject.n_evidence = 1;
  reject.text = "不行";
  apply_fails (profile, &state, &reject, CORE_TEST_T0 + 52 * HOUR, SHOU_REASON_EXPLANATION_REQUIRED);
  reject.text = "退回的商品缺少配件，见开箱视频截图";
  reject.reason_code = NULL;
  apply_fails (profile, &state, &reject, CORE_TEST_T0 + 52 * HOUR, SHOU_REASON_REASON_REQUIRED);
  reject.reason_code = "returned_damaged";
  g_assert_true (shou_rules_apply (profile, &state, &reject, CORE_TEST_T0 + 52 * HOUR, NULL));
  g_assert_cmpint (state.status, ==, SHOU_STATUS_REFUSED);
}

static void
test_pdd_risk_check (void)
{
  /* 002 一.1: the reject button first checks for risk: goods already sent
   * back, logistics stalled; 003 small compensation. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  guint risks;

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + HOUR);
  g_assert_cmphex (risks, ==, 0);

  /* Within the last 12 h of the seller's 48 h. */
  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + 40 * HOUR);
  g_assert_cmphex (risks, ==, 1u << SHOU_RISK_DEADLINE_NEAR);

  state.amount_fen = 300;
  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + HOUR);
  g_assert_cmphex (risks, ==, 1u << SHOU_RISK_SMALL_AMOUNT);
  state.amount_fen = 2000;

  apply_ok (profile, &state, SHOU_EVENT_AGREE_RETURN, CORE_TEST_T0 + HOUR);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_SHIP_RETURN, CORE_TEST_T0 + 2 * HOUR);
  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + 3 * HOUR);
  g_assert_cmphex (risks, ==, 1u << SHOU_RISK_GOODS_RETURNED);

  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + 2 * HOUR + 72 * HOUR);
  g_assert_true (risks & (1u << SHOU_RISK_LOGISTICS_STALLED));
  apply_ok (profile, &state, SHOU_EVENT_LOGISTICS_UPDATE, CORE_TEST_T0 + 70 * HOUR);
  risks = shou_rules_check_risks (profile, &state, CORE_TEST_T0 + 2 * HOUR + 72 * HOUR);
  g_assert_false (risks & (1u << SHOU_RISK_LOGISTICS_STALLED));

  for (guint r = 0; r < SHOU_N_RISKS; r++)
    {
      g_assert_nonnull (shou_risk_to_string (r));
      g_assert_cmpstr (shou_risk_get_title (r), !=, "");
      g_assert_cmpstr (shou_risk_get_explanation (r), !=, "");
    }
}

static void
test_pdd_no_reject_unshipped (void)
{
  /* A Pinduoduo merchant refunds or ships an unshipped order within 48 h
   * (000 ⑷); the profile forbids rejecting before shipment (practice). */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvaluation eval;

  g_assert_false (shou_profile_get_reject_before_shipment (profile));
  open_request (profile, &state, SHOU_REQUEST_REFUND_ONLY, SHOU_ORDER_PENDING_SHIPMENT, FALSE);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_NOT_SHIPPED);
}

static void
test_pdd_no_sensitive_words (void)
{
  /* 003: messages must never mention third-party platforms or payment
   * channels (100,000 yuan deposit penalty). */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvent message = { .kind = SHOU_EVENT_MESSAGE, .text = "亲，加个V信吧，我直接转你" };
  const ShouProfileFact *fact;

  open_request (profile, &state, SHOU_REQUEST_REFUND_ONLY, SHOU_ORDER_SHIPPED, FALSE);
  apply_fails (profile, &state, &message, CORE_TEST_T0, SHOU_REASON_TEXT_INVALID);
  message.text = "zhi fu bao 退给你";
  apply_fails (profile, &state, &message, CORE_TEST_T0, SHOU_REASON_TEXT_INVALID);
  message.text = "亲，已为您登记，请稍等";
  g_assert_true (shou_rules_apply (profile, &state, &message, CORE_TEST_T0, NULL));

  fact = shou_profile_find_fact (profile, "sensitive-word-penalty");
  g_assert_nonnull (fact);
  g_assert_cmpint (fact->amount_fen, ==, 10000000);
}

static void
test_pdd_facts (void)
{
  /* 003: every other Pinduoduo number is profile data. */
  static const struct { const char *id; gint64 duration; gint64 amount; int percent; } facts[] = {
    { "return-shipping-subsidy", 24 * HOUR, -1, -1 },
    { "group-unformed-refund", 24 * HOUR, -1, -1 },
    { "refund-arrival-balance", 24 * HOUR, -1, -1 },
    { "refund-arrival-bank-card", 6 * DAY, -1, -1 },
    { "refund-arrival-credit-card", 7 * DAY, -1, -1 },
    { "ship-after-group", 48 * HOUR, -1, -1 },
    { "late-shipment-deduction", 0, 500, -1 },
    { "reply-within", 5 * MINUTE, -1, -1 },
    { "daily-reply-rate", 0, -1, 80 },
    { "return-shipping-seller-pays", 0, -1, -1 },
    { "quality-refund-rate", 0, -1, -1 },
    { "no-external-links", 0, -1, -1 },
    { "hide-third-party-info", 0, -1, -1 },
  };
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      const ShouProfileFact *fact = shou_profile_find_fact (profile, facts[i].id);

      if (fact == NULL)
        g_error ("pdd.json has no fact \"%s\"", facts[i].id);
      g_assert_cmpint (fact->duration, ==, facts[i].duration);
      g_assert_cmpint (fact->amount_fen, ==, facts[i].amount);
      g_assert_cmpint (fact->percent, ==, facts[i].percent);
      g_assert_cmpstr (fact->seed, ==, "003");
    }
}

static void
test_pdd_small_compensation (void)
{
  /* 003: small compensation payments (小额打款) settle damage or price
   * differences: a round-2 proposal the buyer accepts. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvent round2 = core_test_event (profile, SHOU_EVENT_NEGOTIATE);

  open_request (profile, &state, SHOU_REQUEST_REFUND_ONLY, SHOU_ORDER_COMPLETED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + HOUR);
  round2.proposal = SHOU_PROPOSAL_COMPENSATION;
  round2.amount_fen = 2501;
  apply_fails (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, SHOU_REASON_AMOUNT_INVALID);
  round2.amount_fen = 500;
  g_assert_true (shou_rules_apply (profile, &state, &round2, CORE_TEST_T0 + 2 * HOUR, NULL));
  apply_ok (profile, &state, SHOU_EVENT_BUYER_ACCEPT, CORE_TEST_T0 + 3 * HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);
  g_assert_cmpint (state.amount_fen, ==, 500);
  g_assert_true (shou_rules_check_risks (profile, &state, CORE_TEST_T0) & (1u << SHOU_RISK_SMALL_AMOUNT));
}

static void
test_pdd_no_third_round (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  ShouRequestState state;
  ShouEvent negotiate = core_test_event (profile, SHOU_EVENT_NEGOTIATE);

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + HOUR);
  apply_ok (profile, &state, SHOU_EVENT_NEGOTIATE, CORE_TEST_T0 + 2 * HOUR);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_REPLY, CORE_TEST_T0 + 3 * HOUR);
  apply_fails (profile, &state, &negotiate, CORE_TEST_T0 + 4 * HOUR, SHOU_REASON_NEGOTIATION_DONE);
}

/* ---- §4 Douyin ---- */

static void
test_douyin_online_no_refund_proof (void)
{
  /* 004 4: online payment: the platform refunds after confirmation. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);
  ShouRequestState state;
  ShouEvaluation eval;

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0, &eval);
  g_assert_cmpint (eval.why_not[SHOU_ACTION_UPLOAD_REFUND_PROOF], ==, SHOU_REASON_NOT_COD);
  apply_ok (profile, &state, SHOU_EVENT_AGREE_RETURN, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_SHIP_RETURN, CORE_TEST_T0 + HOUR);
  apply_ok (profile, &state, SHOU_EVENT_CONFIRM_RECEIPT, CORE_TEST_T0 + 2 * HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);

  g_assert_nonnull (shou_profile_find_fact (profile, "online-shipping-not-refunded"));
}

static void
test_douyin_cod_refund_proof (void)
{
  /* 004 3: cash on delivery: the merchant refunds and uploads the proof. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);
  ShouRequestState state;
  ShouEvaluation eval;
  ShouEvent proof = { .kind = SHOU_EVENT_UPLOAD_REFUND_PROOF };

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, TRUE);
  apply_ok (profile, &state, SHOU_EVENT_AGREE_RETURN, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_SHIP_RETURN, CORE_TEST_T0 + HOUR);
  apply_ok (profile, &state, SHOU_EVENT_CONFIRM_RECEIPT, CORE_TEST_T0 + 2 * HOUR);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_REFUND_PROOF);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0 + 2 * HOUR, &eval);
  g_assert_cmphex (eval.allowed, ==, SHOU_ACTION_BIT (SHOU_ACTION_UPLOAD_REFUND_PROOF) |
                                     SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE));
  apply_fails (profile, &state, &proof, CORE_TEST_T0 + 3 * HOUR, SHOU_REASON_EVIDENCE_REQUIRED);
  proof.n_evidence = 1;
  g_assert_true (shou_rules_apply (profile, &state, &proof, CORE_TEST_T0 + 3 * HOUR, NULL));
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);
}

static void
test_douyin_chained_lapses (void)
{
  /* 004 3: nobody acts: confirm lapses after 7 days, then the refund proof
   * after 48 h; each lapse happens at its own deadline. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);
  ShouRequestState state;
  g_autoptr(GArray) lapses = g_array_new (FALSE, FALSE, sizeof (ShouLapse));

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, TRUE);
  g_assert_cmpuint (shou_rules_lapse (profile, &state, CORE_TEST_T0 + 60 * DAY, lapses), ==, 2);
  /* 48 h auto agree, then 7 days without return tracking: closed. */
  g_assert_cmpint (g_array_index (lapses, ShouLapse, 0), ==, SHOU_LAPSE_AUTO_AGREE);
  g_assert_cmpint (g_array_index (lapses, ShouLapse, 1), ==, SHOU_LAPSE_AUTO_CLOSE);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_CLOSED);
  g_assert_cmpint (state.status_since, ==, CORE_TEST_T0 + 48 * HOUR + 7 * DAY);

  g_array_set_size (lapses, 0);
  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, TRUE);
  apply_ok (profile, &state, SHOU_EVENT_AGREE_RETURN, CORE_TEST_T0);
  apply_ok (profile, &state, SHOU_EVENT_BUYER_SHIP_RETURN, CORE_TEST_T0 + HOUR);
  g_assert_cmpuint (shou_rules_lapse (profile, &state, CORE_TEST_T0 + 60 * DAY, lapses), ==, 2);
  g_assert_cmpint (g_array_index (lapses, ShouLapse, 0), ==, SHOU_LAPSE_AUTO_CONFIRM);
  g_assert_cmpint (g_array_index (lapses, ShouLapse, 1), ==, SHOU_LAPSE_PLATFORM_COMPENSATES);
  g_assert_cmpint (state.status, ==, SHOU_STATUS_SUCCESS);
  g_assert_cmpint (state.status_since, ==, CORE_TEST_T0 + HOUR + 7 * DAY + 48 * HOUR);
}

static void
test_douyin_cancellation (void)
{
  /* 004 1, 2: cancellation rules are profile data for the simulator. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);
  const ShouProfileFact *fact = shou_profile_find_fact (profile, "online-unpaid-cancel");

  g_assert_nonnull (fact);
  g_assert_cmpint (fact->duration, ==, 24 * HOUR);
  g_assert_nonnull (shou_profile_find_fact (profile, "online-merchant-never-cancels"));
  g_assert_nonnull (shou_profile_find_fact (profile, "cod-merchant-cancel"));
}

static void
test_douyin_evidence_limit (void)
{
  /* platform-apis.md: afterSale/submitEvidence takes at most 4 items. */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82,
  };
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_DOUYIN, NULL);
  g_autoptr(GError) error = NULL;
  const char *type = NULL;

  g_assert_cmpuint (shou_profile_get_evidence_max_count (profile), ==, 4);
  g_assert_true (shou_validate_evidence (profile, png, sizeof png, 3, &type, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_false (shou_validate_evidence (profile, png, sizeof png, 4, &type, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_MANY);
  g_assert_null (type);
}

static void
test_taobao_evidence_size (void)
{
  /* platform-apis.md: refuse_proof image ≤ 130,000 bytes. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  g_autofree guint8 *jpeg = g_malloc0 (130001);
  g_autoptr(GError) error = NULL;

  jpeg[0] = 0xFF; jpeg[1] = 0xD8; jpeg[2] = 0xFF; jpeg[3] = 0xE0;
  jpeg[129998] = 0xFF; jpeg[129999] = 0xD9;
  g_assert_true (shou_validate_evidence (profile, jpeg, 130000, 0, NULL, &error));
  g_assert_no_error (error);
  jpeg[129999] = 0; jpeg[130000] = 0xD9; jpeg[129999] = 0xFF;
  g_assert_false (shou_validate_evidence (profile, jpeg, 130001, 0, NULL, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG);
  g_clear_error (&error);
  /* A PDF is not accepted by Taobao's refuse proof. */
  g_assert_false (shou_validate_evidence (profile, (const guint8 *) "%PDF-1.4\n%%EOF\n", 15, 0, NULL, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE);
}

static void
test_refused_modify (void)
{
  /* 001 篇六: 卖家不同意协议，等待买家修改 — the buyer modifies and re-submits. */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  ShouRequestState state;
  ShouEvent modify = { .kind = SHOU_EVENT_BUYER_MODIFY, .amount_fen = 3000 };

  open_request (profile, &state, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED, FALSE);
  apply_ok (profile, &state, SHOU_EVENT_REJECT, CORE_TEST_T0);
  apply_fails (profile, &state, &modify, CORE_TEST_T0 + HOUR, SHOU_REASON_AMOUNT_INVALID);
  modify.amount_fen = 1800;
  g_assert_true (shou_rules_apply (profile, &state, &modify, CORE_TEST_T0 + HOUR, NULL));
  g_assert_cmpint (state.status, ==, SHOU_STATUS_WAIT_SELLER);
  g_assert_cmpint (state.amount_fen, ==, 1800);
  g_assert_cmpint (state.status_since, ==, CORE_TEST_T0 + HOUR);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/rules/taobao/refuse/reason-required", test_taobao_refuse_needs_reason);
  g_test_add_func ("/core/rules/taobao/refuse-unshipped/intervention-from-day-3", test_taobao_intervention_from_day3);
  g_test_add_func ("/core/rules/taobao/refused/buyer-modifies", test_refused_modify);
  g_test_add_func ("/core/rules/taobao/agree-return/address-and-message", test_taobao_agree_return_address);
  g_test_add_func ("/core/rules/taobao/intervention/reply-2wd-resolve-7wd", test_taobao_intervention_milestones);
  g_test_add_func ("/core/rules/taobao/complaint/periods", test_taobao_complaint_periods);
  g_test_add_func ("/core/rules/taobao/message/400-bytes", test_taobao_message_400_bytes);
  g_test_add_func ("/core/rules/taobao/evidence/refuse-proof-130000-bytes", test_taobao_evidence_size);
  g_test_add_func ("/core/rules/taobao-2019/wait-seller/shown-as-14d-23h-59min", test_taobao_older_profile);
  g_test_add_func ("/core/rules/pdd/reject/negotiation-required", test_pdd_reject_needs_negotiation);
  g_test_add_func ("/core/rules/pdd/reject/risk-check", test_pdd_risk_check);
  g_test_add_func ("/core/rules/pdd/negotiate/round1-wait-blocks-reject", test_pdd_round1_wait_blocks_reject);
  g_test_add_func ("/core/rules/pdd/negotiate/round2-after-reply-or-lapse", test_pdd_round2_opens);
  g_test_add_func ("/core/rules/pdd/negotiate/round2-proposal-and-evidence", test_pdd_round2_needs_evidence);
  g_test_add_func ("/core/rules/pdd/negotiate/no-third-round", test_pdd_no_third_round);
  g_test_add_func ("/core/rules/pdd/negotiate/small-compensation", test_pdd_small_compensation);
  g_test_add_func ("/core/rules/pdd/reject/after-round2-reason-explanation-evidence", test_pdd_reject_after_round2);
  g_test_add_func ("/core/rules/pdd/refund-unshipped/no-reject", test_pdd_no_reject_unshipped);
  g_test_add_func ("/core/rules/pdd/message/no-third-party-words", test_pdd_no_sensitive_words);
  g_test_add_func ("/core/rules/pdd/facts/shipping-refunds-replies", test_pdd_facts);
  g_test_add_func ("/core/rules/douyin/return/online-platform-refunds", test_douyin_online_no_refund_proof);
  g_test_add_func ("/core/rules/douyin/cod/upload-refund-proof", test_douyin_cod_refund_proof);
  g_test_add_func ("/core/rules/douyin/lapse/chained", test_douyin_chained_lapses);
  g_test_add_func ("/core/rules/douyin/cancel/who-may-cancel", test_douyin_cancellation);
  g_test_add_func ("/core/rules/douyin/evidence/max-4-items", test_douyin_evidence_limit);

  return g_test_run ();
}
