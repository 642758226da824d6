/* test-core-fidelity.c: the rules issue 24 found read wrongly or missing,
 * one table per rule, each row naming the sentence of its seed. */
#include "config.h"

#include "core-test-util.h"

#define HOUR   SHOU_USEC_PER_HOUR
#define DAY    SHOU_USEC_PER_DAY
#define MINUTE SHOU_USEC_PER_MINUTE

#define apply_or_die core_test_apply_ok

/* ---- item 7: amounts ---- */

static void
test_agree_refund_amounts (void)
{
  /* agree_refund without an amount refunds what was requested; an explicit
   * amount is 1 fen to the requested amount (zero is never "the default":
   * shou_validate_amount, which the hub and the dialog apply to explicit
   * amounts; core's event carries 0 for "none given"). */
  static const struct {
    gint64      given;       /* 0: none given */
    gboolean    explicit_ok; /* shou_validate_amount (given, requested) */
    gboolean    applies;
    gint64      refunded;
  } rows[] = {
    { 0,    FALSE, TRUE,  2000 },
    { 1,    TRUE,  TRUE,  1 },
    { 1999, TRUE,  TRUE,  1999 },
    { 2000, TRUE,  TRUE,  2000 },
    { 2001, FALSE, FALSE, 0 },
    { -1,   FALSE, FALSE, 0 },
  };

  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        ShouProfile *profile = core_test_profile (p, NULL);
        ShouRequestState state;
        ShouEvent event = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = rows[i].given };
        g_autoptr(GError) error = NULL;

        g_assert_cmpint (shou_validate_amount (rows[i].given, 2000, NULL), ==, rows[i].explicit_ok);
        g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_REFUND_ONLY,
                                                SHOU_ORDER_SHIPPED, FALSE, 2000, 2500,
                                                CORE_TEST_T0, NULL));
        if (rows[i].applies)
          {
            g_assert_true (shou_rules_apply (profile, &state, &event, CORE_TEST_T0 + MINUTE, &error));
            g_assert_no_error (error);
            g_assert_cmpint (state.amount_fen, ==, rows[i].refunded);
          }
        else
          {
            g_assert_false (shou_rules_apply (profile, &state, &event, CORE_TEST_T0 + MINUTE, &error));
            g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_AMOUNT_INVALID);
            g_assert_cmpint (state.amount_fen, ==, 2000);
          }
      }
}

/* ---- item 9: what the buyer keeps paying (001 篇六) ---- */

static void
test_keep_to_refund (void)
{
  /* 001 篇六: "比如您的货一共是25元,现在协商给卖家20元,那么你就填20元,卖家确认了就
   * 支付给卖家20元,给买家退5元。如果要求全部退款,不需要给卖家钱就填写 0 就可以了". */
  static const struct {
    gint64 paid, keep, refund;
    int    error;              /* -1: converts */
  } rows[] = {
    { 2500, 2000, 500,  -1 },
    { 2500, 0,    2500, -1 },
    { 2500, 2499, 1,    -1 },
    { 2500, 2500, 0,    SHOU_MONEY_ERROR_RANGE },     /* keeps everything: no refund asked */
    { 2500, 2600, 0,    SHOU_MONEY_ERROR_RANGE },
    { 2500, -1,   0,    SHOU_MONEY_ERROR_NEGATIVE },
    { 0,    0,    0,    SHOU_MONEY_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 refund = -7;

      if (rows[i].error < 0)
        {
          g_assert_true (shou_money_refund_from_keep (rows[i].paid, rows[i].keep, &refund, &error));
          g_assert_no_error (error);
          g_assert_cmpint (refund, ==, rows[i].refund);
          g_assert_cmpint (shou_money_keep_from_refund (rows[i].paid, refund), ==, rows[i].keep);
        }
      else
        {
          g_assert_false (shou_money_refund_from_keep (rows[i].paid, rows[i].keep, &refund, &error));
          g_assert_error (error, SHOU_MONEY_ERROR, rows[i].error);
          g_assert_cmpint (refund, ==, -7);
        }
    }
}

/* ---- item 10: one request per line after completion ---- */

static void
test_one_request_after_completion (void)
{
  /* 000 ⑴ note 3: "售後入口只能使用一次,一旦售後成功、失敗、撤消之後無法再次申請" (a
   * page about orders in 售後保障, after 交易成功); 002 ③: "若交易已经成功 …
   * 售后只能申请一次". Before completion a withdrawn request may be asked again. */
  static const struct {
    ShouOrderState   state;
    ShouRequestType  type;
    gboolean         had_request;
    gboolean         opens;
  } rows[] = {
    { SHOU_ORDER_PENDING_SHIPMENT, SHOU_REQUEST_REFUND_ONLY,   FALSE, TRUE },
    { SHOU_ORDER_PENDING_SHIPMENT, SHOU_REQUEST_REFUND_ONLY,   TRUE,  TRUE },
    { SHOU_ORDER_SHIPPED,          SHOU_REQUEST_RETURN_REFUND, TRUE,  TRUE },
    { SHOU_ORDER_SHIPPED,          SHOU_REQUEST_REFUND_ONLY,   TRUE,  TRUE },
    { SHOU_ORDER_COMPLETED,        SHOU_REQUEST_RETURN_REFUND, FALSE, TRUE },
    { SHOU_ORDER_COMPLETED,        SHOU_REQUEST_RETURN_REFUND, TRUE,  FALSE },
    { SHOU_ORDER_COMPLETED,        SHOU_REQUEST_REFUND_ONLY,   TRUE,  FALSE },
  };

  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        ShouProfile *profile = core_test_profile (p, NULL);
        g_autoptr(GError) error = NULL;
        gboolean opens;

        if ((shou_profile_get_open_types (profile, rows[i].state) & (1u << rows[i].type)) == 0)
          continue;
        opens = shou_rules_can_open (profile, rows[i].type, rows[i].state, CORE_TEST_T0,
                                     rows[i].had_request, CORE_TEST_T0 + HOUR, &error);
        g_assert_cmpint (opens, ==, rows[i].opens);
        if (!rows[i].opens)
          g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_LINE_CLOSED);
      }
}

/* ---- item 11: the 2019 Taobao profile's escalation ---- */

static void
test_taobao_2019_escalation (void)
{
  /* 001 篇三 (the 2019 page, a return after shipment): "这时候申请客服介入是不行的,
   * 系统默认是15日后可以申请客服介入". Before shipment the undated 000 ⑵ 一.5 rule
   * (from day 3) stays; the current profile lets a shipped case escalate at once. */
  static const struct {
    const char      *version;
    ShouOrderState   state;
    ShouRequestType  type;
    gint64           after;
  } rows[] = {
    { "2019", SHOU_ORDER_SHIPPED,          SHOU_REQUEST_RETURN_REFUND, 15 * DAY },
    { "2019", SHOU_ORDER_COMPLETED,        SHOU_REQUEST_RETURN_REFUND, 15 * DAY },
    { "2019", SHOU_ORDER_PENDING_SHIPMENT, SHOU_REQUEST_REFUND_ONLY,   2 * DAY },
    { NULL,   SHOU_ORDER_PENDING_SHIPMENT, SHOU_REQUEST_REFUND_ONLY,   2 * DAY },
    { NULL,   SHOU_ORDER_SHIPPED,          SHOU_REQUEST_RETURN_REFUND, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, rows[i].version);
      ShouEvent escalate = { .kind = SHOU_EVENT_BUYER_ESCALATE };
      ShouRequestState state, early;
      g_autoptr(GError) error = NULL;
      gint64 at = CORE_TEST_T0 + MAX (rows[i].after, 2 * MINUTE);

      g_assert_true (shou_request_state_init (&state, profile, rows[i].type, rows[i].state,
                                              FALSE, 2000, 2500, CORE_TEST_T0, NULL));
      apply_or_die (profile, &state, SHOU_EVENT_REJECT, CORE_TEST_T0 + MINUTE);
      g_assert_cmpint (shou_profile_get_escalate_delay (profile, shou_request_state_is_shipped (&state)),
                       ==, rows[i].after);

      early = state;
      if (rows[i].after > 0)
        {
          g_assert_false (shou_rules_apply (profile, &early, &escalate, at - MINUTE, &error));
          g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_TOO_EARLY);
          g_clear_error (&error);
        }
      g_assert_true (shou_rules_apply (profile, &state, &escalate, at + MINUTE, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state.status, ==, SHOU_STATUS_INTERVENTION);
    }
}

/* ---- item 1: Pinduoduo ticket evidence within 48 h ---- */

static void
intervene (const ShouProfile *profile,
           ShouRequestState  *state,
           gint64             at)
{
  static const ShouEventKind pdd_steps[] = {
    SHOU_EVENT_NEGOTIATE, SHOU_EVENT_BUYER_REPLY, SHOU_EVENT_NEGOTIATE, SHOU_EVENT_BUYER_REPLY,
    SHOU_EVENT_REJECT,
  };
  gint64 t = CORE_TEST_T0;

  g_assert_true (shou_request_state_init (state, profile, SHOU_REQUEST_RETURN_REFUND,
                                          SHOU_ORDER_SHIPPED, FALSE, 2000, 2500, t, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (pdd_steps); i++)
    if ((pdd_steps[i] != SHOU_EVENT_NEGOTIATE && pdd_steps[i] != SHOU_EVENT_BUYER_REPLY) ||
        shou_profile_get_negotiation_required (profile))
      apply_or_die (profile, state, pdd_steps[i], t += MINUTE);
  g_assert_cmpint (at, >, t);
  apply_or_die (profile, state, SHOU_EVENT_BUYER_ESCALATE, at);
  g_assert_cmpint (state->status, ==, SHOU_STATUS_INTERVENTION);
}

static void
test_pdd_ticket_evidence (void)
{
  /* 003 §四 工单处理: "平台介入售后订单后,商家需根据平台的要求提交核实的必备凭证,例如快递
   * 公司红章证明、快递签收底单等三方有效凭证。需在48小时内进行举证,否则逾期不能再举证了。" */
  static const struct {
    ShouPlatform platform;
    gint64       offset;        /* from the ticket's opening */
    gboolean     allowed;
    gboolean     countdown;     /* the evidence deadline shows */
  } rows[] = {
    { SHOU_PLATFORM_PDD,    0,                    TRUE,  TRUE },
    { SHOU_PLATFORM_PDD,    48 * HOUR - MINUTE,   TRUE,  TRUE },
    { SHOU_PLATFORM_PDD,    48 * HOUR,            FALSE, FALSE },
    { SHOU_PLATFORM_PDD,    48 * HOUR + MINUTE,   FALSE, FALSE },
    { SHOU_PLATFORM_PDD,    30 * DAY,             FALSE, FALSE },
    { SHOU_PLATFORM_TAOBAO, 48 * HOUR + MINUTE,   TRUE,  FALSE },
  };
  gint64 opened = CORE_TEST_T0 + DAY;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      ShouRequestState state, lapsed;
      ShouEvaluation eval;
      g_autoptr(GError) error = NULL;
      gint64 now = opened + rows[i].offset;
      gint64 closes_at = -1;
      gboolean allowed;

      intervene (profile, &state, opened);
      allowed = shou_rules_can_add_evidence (profile, &state, now, &closes_at, &error);
      g_assert_cmpint (allowed, ==, rows[i].allowed);
      if (!allowed)
        g_assert_error (error, SHOU_RULES_ERROR, SHOU_REASON_EVIDENCE_CLOSED);
      g_assert_cmpint (closes_at, ==, rows[i].platform == SHOU_PLATFORM_PDD ? opened + 48 * HOUR : 0);

      shou_rules_evaluate (profile, &state, now, &eval);
      if (rows[i].countdown)
        {
          g_assert_cmpint (eval.deadline_at, ==, opened + 48 * HOUR);
          g_assert_cmpint (eval.on_lapse, ==, SHOU_LAPSE_EVIDENCE_CLOSED);
          g_assert_cmpint (eval.deadline_actor, ==, SHOU_ACTOR_SELLER);
          g_assert_cmpstr (eval.deadline_rule_id, ==, "seller-ticket-evidence");
        }
      else if (rows[i].platform == SHOU_PLATFORM_PDD)
        g_assert_cmpint (eval.on_lapse, !=, SHOU_LAPSE_EVIDENCE_CLOSED);

      /* The end of the evidence period changes no status. */
      lapsed = state;
      g_assert_cmpuint (shou_rules_lapse (profile, &lapsed, now, NULL), ==, 0);
      g_assert_cmpint (lapsed.status, ==, SHOU_STATUS_INTERVENTION);
    }
}

/* ---- items 12, 13, 15: where each rule's source applies it ---- */

static const ShouDeadlineRule *
running_rule (ShouPlatform       platform,
              ShouRequestType    type,
              ShouOrderState     order_state,
              const ShouEventKind *steps,
              guint              n_steps)
{
  ShouProfile *profile = core_test_profile (platform, NULL);
  ShouRequestState state;
  ShouEvaluation eval;

  g_assert_true (shou_request_state_init (&state, profile, type, order_state, FALSE,
                                          2000, 2500, CORE_TEST_T0, NULL));
  for (guint i = 0; i < n_steps; i++)
    apply_or_die (profile, &state, steps[i], CORE_TEST_T0 + (i + 1) * MINUTE);
  shou_rules_evaluate (profile, &state, CORE_TEST_T0 + (n_steps + 1) * MINUTE, &eval);
  g_assert_nonnull (eval.deadline_rule_id);
  return shou_profile_get_deadline_by_id (profile, eval.deadline_rule_id);
}

static void
test_rules_where_sources_apply (void)
{
  static const ShouEventKind exchange_steps[] = {
    SHOU_EVENT_AGREE_RETURN, SHOU_EVENT_BUYER_SHIP_RETURN, SHOU_EVENT_CONFIRM_RECEIPT,
  };
  static const struct {
    const char     *why;
    ShouPlatform    platform;
    ShouRequestType type;
    ShouOrderState  order_state;
    gboolean        exchange_shipping;
    const char     *rule;
    gboolean        practice;
    const char     *seed_has;
  } rows[] = {
    /* 000 ⑵ 二.3: "若已經簽收: … (2) 賣家有5天的時間來同意和拒絕" */
    { "taobao 5 d once signed for", SHOU_PLATFORM_TAOBAO, SHOU_REQUEST_RETURN_REFUND,
      SHOU_ORDER_COMPLETED, FALSE, "seller-respond-signed", FALSE, "若已經簽收" },
    { "taobao before signing: practice", SHOU_PLATFORM_TAOBAO, SHOU_REQUEST_RETURN_REFUND,
      SHOU_ORDER_SHIPPED, FALSE, "seller-respond-shipped", TRUE, "practice" },
    { "tmall 5 d once signed for", SHOU_PLATFORM_TMALL, SHOU_REQUEST_REFUND_ONLY,
      SHOU_ORDER_COMPLETED, FALSE, "seller-respond-signed", FALSE, "若已經簽收" },
    /* 004 3, 4: 48 h auto agree in the return flows (退货流程) */
    { "douyin return flow", SHOU_PLATFORM_DOUYIN, SHOU_REQUEST_RETURN_REFUND,
      SHOU_ORDER_COMPLETED, FALSE, "merchant-handle", FALSE, "逾期未处理系统自动同意" },
    { "douyin other types: practice", SHOU_PLATFORM_DOUYIN, SHOU_REQUEST_REFUND_ONLY,
      SHOU_ORDER_COMPLETED, FALSE, "merchant-handle-other", TRUE, "practice" },
    /* 000 ⑷ 48 h, 002 ④ auto agree (卖家逾期未处理将按照你的售后要求达成协议) */
    { "pdd auto agree from 002 ④", SHOU_PLATFORM_PDD, SHOU_REQUEST_RETURN_REFUND,
      SHOU_ORDER_COMPLETED, FALSE, "seller-process", FALSE, "002 ④" },
    /* 003's 48 h is shipping a formed group order, a 5-yuan deduction */
    { "pdd exchange shipping: practice", SHOU_PLATFORM_PDD, SHOU_REQUEST_EXCHANGE,
      SHOU_ORDER_COMPLETED, TRUE, "seller-ship-exchange", TRUE, "practice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const ShouDeadlineRule *rule =
        running_rule (rows[i].platform, rows[i].type, rows[i].order_state,
                      rows[i].exchange_shipping ? exchange_steps : NULL,
                      rows[i].exchange_shipping ? G_N_ELEMENTS (exchange_steps) : 0);

      g_test_message ("%s", rows[i].why);
      g_assert_nonnull (rule);
      g_assert_cmpstr (rule->id, ==, rows[i].rule);
      g_assert_cmpint (rule->practice, ==, rows[i].practice);
      g_assert_nonnull (strstr (rule->seed, rows[i].seed_has));
    }
}

static void
test_practice_marked (void)
{
  /* 000 ⑹ is a general service procedure (a plan within 72 h, return
   * visits): every platform carries it, as practice. (That every rule whose
   * seed is practice says so is checked with the profiles' data.) */
  static const char * const service[] = {
    "complaint-plan", "return-visit-1", "return-visit-2", "return-visit-3", "return-visit-4",
    "return-visit-5",
  };
  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      ShouProfile *current = core_test_profile (p, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (service); i++)
        {
          const ShouProfileFact *fact = shou_profile_find_fact (current, service[i]);

          g_assert_nonnull (fact);
          g_assert_true (fact->practice);
          g_assert_nonnull (strstr (fact->seed, "000 ⑹"));
        }
    }
}

/* ---- item 14: the bundled negotiation scripts ---- */

static void
test_scripts_without_qin (void)
{
  /* 003: "例如之前常用的称呼“亲”,现在如果仍然使用可能已经过时了"; it asks for
   * respect, listening and no conflict (坚信顾客永远是正确的, 用心倾听): every
   * script addresses the buyer as 您 and none calls them 亲. */
  static const char * const platforms[] = { "taobao", "tmall", "pdd", "douyin", "jd" };
  const char *dir = g_getenv ("SHOU_SCRIPTS_DIR");
  guint total = 0;
  guint arrival = 0;

  g_assert_nonnull (dir);
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", platforms[p]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *scripts;

      g_assert_true (json_parser_load_from_file (parser, path, &error));
      g_assert_no_error (error);
      scripts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "scripts");
      for (guint i = 0; i < json_array_get_length (scripts); i++)
        {
          JsonObject *script = json_array_get_object_element (scripts, i);
          const char *text = json_object_get_string_member (script, "text");
          const char *title = json_object_get_string_member (script, "title");

          if (strstr (text, "亲") != NULL || strstr (title, "亲") != NULL)
            g_error ("%s: %s says 亲: %s", name, json_object_get_string_member (script, "id"), text);
          g_assert_nonnull (strstr (text, "您"));
          /* A refund-arrival reply (issue 25) is core's sentence with 003's times. */
          if (json_object_has_member (script, "arrival_channel"))
            {
              static const char *const channel_names[] = { "balance", "bank_card", "credit_card" };
              const char *channel = json_object_get_string_member (script, "arrival_channel");
              ShouPlatform platform;
              guint c;

              g_assert_true (shou_platform_from_string (platforms[p], &platform));
              for (c = 0; c < G_N_ELEMENTS (channel_names) && !g_str_equal (channel_names[c], channel); c++)
                ;
              g_assert_cmpuint (c, <, SHOU_N_PAY_CHANNELS);
              {
                g_autofree char *reply = shou_refund_arrival_reply (core_test_profile (platform, NULL), c);

                g_assert_cmpstr (text, ==, reply);
              }
              g_assert_cmpstr (json_object_get_string_member (script, "flow"), ==, "message");
              arrival++;
            }
          total++;
        }
    }
  g_assert_cmpuint (total, ==, 101);
  g_assert_cmpuint (arrival, ==, 15);
}

/* ---- the situation lookup honours `received` like the state machine ---- */

static void
test_find_deadline_received (void)
{
  /* 000 ⑵ 二.3 若已經簽收: (2) 賣家有5天的時間 — the signed-for rule applies only
   * once the goods were signed for; shou_profile_find_deadline answered the
   * first shipped rule whatever the receipt. Every platform, status, type and
   * situation: the lookup names the rule the state machine runs. */
  static const ShouOrderState orders[] = { SHOU_ORDER_PENDING_SHIPMENT, SHOU_ORDER_SHIPPED,
                                           SHOU_ORDER_COMPLETED };
  ShouProfile *taobao = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);

  g_assert_cmpstr (shou_profile_find_deadline (taobao, SHOU_STATUS_WAIT_SELLER, SHOU_REQUEST_RETURN_REFUND,
                                               TRUE, TRUE, FALSE)->id, ==, "seller-respond-signed");
  g_assert_cmpstr (shou_profile_find_deadline (taobao, SHOU_STATUS_WAIT_SELLER, SHOU_REQUEST_RETURN_REFUND,
                                               TRUE, FALSE, FALSE)->id, ==, "seller-respond-shipped");

  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    for (guint t = 0; t < SHOU_N_REQUEST_TYPES; t++)
      for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
        for (guint cod = 0; cod < 2; cod++)
          {
            ShouProfile *profile = core_test_profile (p, NULL);
            ShouRequestState state;
            ShouEvaluation eval;
            const ShouDeadlineRule *rule;

            if (!shou_request_state_init (&state, profile, t, orders[o], cod, 100, 100,
                                          CORE_TEST_T0, NULL))
              continue;
            shou_rules_evaluate (profile, &state, CORE_TEST_T0, &eval);
            rule = shou_profile_find_deadline (profile, SHOU_STATUS_WAIT_SELLER, t,
                                               orders[o] != SHOU_ORDER_PENDING_SHIPMENT,
                                               orders[o] == SHOU_ORDER_COMPLETED, cod);
            if (g_strcmp0 (rule ? rule->id : NULL, eval.deadline_rule_id) != 0)
              g_error ("%s %s %s cod=%u: lookup %s, state machine %s",
                       shou_platform_to_string (p), shou_request_type_to_string (t),
                       shou_order_state_to_string (orders[o]), cod,
                       rule ? rule->id : "none", eval.deadline_rule_id);
          }
}

/* ---- item 3: risks are the platform's answer (002 一.2) ---- */

static void
test_risks_contract (void)
{
  /* "拒绝前…提示风险: 商品已寄回 / 物流断更": the contract's `risks` carries core's
   * codes and their parameters, never display text; `changes_at` says when the
   * clock alone changes the answer (the simulator re-renders then). */
  static const struct {
    guint       stage;       /* 0 opened, 1 return shipped at +2 h, 2 receipt confirmed */
    gint64      amount_fen;
    gint64      at;          /* after opening */
    const char *codes;
    gint64      changes_at;  /* after opening, 0: none */
  } rows[] = {
    { 0, 2000, HOUR,        "",                                              36 * HOUR },
    { 0, 2000, 40 * HOUR,   "deadline_near",                                 0 },
    { 0, 300,  HOUR,        "small_amount",                                  36 * HOUR },
    { 1, 2000, 3 * HOUR,    "goods_returned",                                74 * HOUR },
    { 1, 2000, 74 * HOUR,   "goods_returned,logistics_stalled",              158 * HOUR },
    { 1, 2000, 160 * HOUR,  "goods_returned,logistics_stalled,deadline_near", 0 },
    { 2, 2000, 4 * HOUR,    "",                                              0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
      g_autoptr(JsonArray) risks = NULL;
      g_autoptr(GString) codes = g_string_new (NULL);
      ShouRequestState state;
      gint64 changes_at = -1;

      g_test_message ("row %u", i);
      g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_RETURN_REFUND, SHOU_ORDER_SHIPPED,
                                              FALSE, rows[i].amount_fen, 2000, CORE_TEST_T0, NULL));
      if (rows[i].stage >= 1)
        {
          apply_or_die (profile, &state, SHOU_EVENT_AGREE_RETURN, CORE_TEST_T0 + HOUR);
          apply_or_die (profile, &state, SHOU_EVENT_BUYER_SHIP_RETURN, CORE_TEST_T0 + 2 * HOUR);
        }
      if (rows[i].stage >= 2)
        apply_or_die (profile, &state, SHOU_EVENT_CONFIRM_RECEIPT, CORE_TEST_T0 + 3 * HOUR);

      risks = shou_rules_risks_to_json (profile, &state, CORE_TEST_T0 + rows[i].at, &changes_at);
      for (guint r = 0; r < json_array_get_length (risks); r++)
        {
          JsonObject *item = json_array_get_object_element (risks, r);
          JsonObject *params = json_object_get_object_member (item, "params");
          const char *code = json_object_get_string_member (item, "code");
          ShouRisk risk;

          g_string_append_printf (codes, "%s%s", r ? "," : "", code);
          g_assert_true (shou_risk_from_string (code, &risk));
          /* Codes and numbers only: the desktop words them. */
          g_assert_cmpuint (json_object_get_size (item), ==, 2);
          switch (risk)
            {
            case SHOU_RISK_GOODS_RETURNED:
              g_assert_true (json_object_get_boolean_member (params, "return_shipped"));
              break;
            case SHOU_RISK_LOGISTICS_STALLED:
              g_assert_cmpint (json_object_get_int_member (params, "last_event_at"), ==, CORE_TEST_T0 + 2 * HOUR);
              g_assert_cmpint (json_object_get_int_member (params, "stall_us"), ==, 72 * HOUR);
              break;
            case SHOU_RISK_SMALL_AMOUNT:
              g_assert_cmpint (json_object_get_int_member (params, "amount_fen"), ==, rows[i].amount_fen);
              g_assert_cmpint (json_object_get_int_member (params, "threshold_fen"), ==, 500);
              break;
            case SHOU_RISK_DEADLINE_NEAR:
              g_assert_cmpint (json_object_get_int_member (params, "deadline_at"), ==,
                               CORE_TEST_T0 + (rows[i].stage == 0 ? 48 * HOUR : 2 * HOUR + 7 * DAY));
              g_assert_cmpstr (json_object_get_string_member (params, "on_lapse"), ==,
                               rows[i].stage == 0 ? "auto_agree" : "auto_refund");
              break;
            case SHOU_N_RISKS:
            default:
              g_assert_not_reached ();
            }
        }
      g_assert_cmpstr (codes->str, ==, rows[i].codes);
      g_assert_cmpint (changes_at, ==, rows[i].changes_at ? CORE_TEST_T0 + rows[i].changes_at : 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/fidelity/all/agree-refund/amount-1-fen-to-requested", test_agree_refund_amounts);
  g_test_add_func ("/core/fidelity/taobao/partial-refund/keep-fen-converts", test_keep_to_refund);
  g_test_add_func ("/core/fidelity/all/orders/one-request-after-completion", test_one_request_after_completion);
  g_test_add_func ("/core/fidelity/taobao-2019/escalation/15d-after-shipped", test_taobao_2019_escalation);
  g_test_add_func ("/core/fidelity/pdd/intervention/ticket-evidence-48h", test_pdd_ticket_evidence);
  g_test_add_func ("/core/fidelity/all/scripts/no-qin-address", test_scripts_without_qin);
  g_test_add_func ("/core/fidelity/all/deadlines/where-the-source-applies", test_rules_where_sources_apply);
  g_test_add_func ("/core/fidelity/all/practice/marked-and-everywhere", test_practice_marked);
  g_test_add_func ("/core/fidelity/all/deadlines/lookup-honours-received", test_find_deadline_received);
  g_test_add_func ("/core/fidelity/pdd/risks/contract-codes-and-params", test_risks_contract);

  return g_test_run ();
}
