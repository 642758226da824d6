/* test-core-outbound.c: the order's own parcel and the shipping deadlines,
 * each row citing its source. */
#include "config.h"

#include "core-test-util.h"

#define HOUR SHOU_USEC_PER_HOUR
#define T0   CORE_TEST_T0

/* A parcel collected @collected after T0, with its first event @first after
 * T0 (0 = not yet). */
static ShouOutbound *
parcel (gint64 collected,
        gint64 first)
{
  ShouOutbound *o = g_new0 (ShouOutbound, 1);

  o->carrier = g_strdup ("SF");
  o->tracking_no = g_strdup ("SF1234567890123");
  o->shipped_at = T0 + collected;
  if (collected > 0)
    o->collected_at = T0 + collected;
  if (first > 0)
    o->first_event_at = T0 + first;
  return o;
}

static void
test_deadlines (void)
{
  /* start_at is T0 (group formed, or paid). */
  static const struct
  {
    ShouPlatform    platform;
    ShouOrderState  state;
    gint64          collected, first;   /* after T0; -1 = no parcel */
    gint64          now;                /* after T0 */
    ShouShipDueKind kind;
    gint64          due;                /* after T0 */
    gboolean        late;
    gint64          penalty;
    const char     *seed;
  } rows[] = {
    /* 003: 拼团成功订单必须48小时内发货揽收 … 超时发货扣5元/单 */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 10 * HOUR, SHOU_SHIP_DUE_SHIP, 48 * HOUR, FALSE, 0, "003" },
    { SHOU_PLATFORM_PDD, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 48 * HOUR, SHOU_SHIP_DUE_SHIP, 48 * HOUR, FALSE, 0, "003" },
    { SHOU_PLATFORM_PDD, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 49 * HOUR, SHOU_SHIP_DUE_SHIP, 48 * HOUR, TRUE, 500, "003" },
    /* 003: shipped but not yet collected still counts against the 48 h */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_SHIPPED, 0, 0, 50 * HOUR, SHOU_SHIP_DUE_SHIP, 48 * HOUR, TRUE, 500, "003" },
    /* 003: 揽收之后物流信息需24小时内有记录 */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_SHIPPED, 20 * HOUR, 0, 30 * HOUR, SHOU_SHIP_DUE_FIRST_EVENT, 44 * HOUR, FALSE, 0, "003" },
    { SHOU_PLATFORM_PDD, SHOU_ORDER_SHIPPED, 20 * HOUR, 0, 45 * HOUR, SHOU_SHIP_DUE_FIRST_EVENT, 44 * HOUR, TRUE, 500, "003" },
    /* 003: collected after 48 h is late even before the first event's 24 h */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_SHIPPED, 50 * HOUR, 0, 51 * HOUR, SHOU_SHIP_DUE_FIRST_EVENT, 74 * HOUR, TRUE, 500, "003" },
    /* 003: the first event arrived: nothing more to meet */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_SHIPPED, 20 * HOUR, 30 * HOUR, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    /* 001 篇二: 发货合约, 承诺给买家72小时内完成发货; no penalty in fen, the buyer may complain */
    { SHOU_PLATFORM_TAOBAO, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 71 * HOUR, SHOU_SHIP_DUE_SHIP, 72 * HOUR, FALSE, 0, "001 篇二" },
    { SHOU_PLATFORM_TAOBAO, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 73 * HOUR, SHOU_SHIP_DUE_SHIP, 72 * HOUR, TRUE, 0, "001 篇二" },
    { SHOU_PLATFORM_TMALL, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 73 * HOUR, SHOU_SHIP_DUE_SHIP, 72 * HOUR, TRUE, 0, "001 篇二" },
    /* Taobao states no first-event rule: collected is the end */
    { SHOU_PLATFORM_TAOBAO, SHOU_ORDER_SHIPPED, 20 * HOUR, 0, 100 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    /* Nothing to meet before payment, after completion or closing */
    { SHOU_PLATFORM_PDD, SHOU_ORDER_PENDING_PAYMENT, -1, 0, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    { SHOU_PLATFORM_PDD, SHOU_ORDER_COMPLETED, -1, 0, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    { SHOU_PLATFORM_PDD, SHOU_ORDER_CLOSED, -1, 0, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    /* Douyin and JD profiles state no shipping deadline */
    { SHOU_PLATFORM_DOUYIN, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
    { SHOU_PLATFORM_JD, SHOU_ORDER_PENDING_SHIPMENT, -1, 0, 60 * HOUR, SHOU_SHIP_DUE_NONE, 0, FALSE, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (rows[i].platform, NULL);
      g_autoptr(ShouOutbound) o = rows[i].collected >= 0 ? parcel (rows[i].collected, rows[i].first) : NULL;
      ShouShippingRules rules;
      ShouShipDue due;

      shou_shipping_rules_from_profile (profile, &rules);
      shou_shipping_due (&rules, rows[i].state, T0, o, T0 + rows[i].now, &due);
      g_test_message ("row %u", i);
      g_assert_cmpint (due.kind, ==, rows[i].kind);
      if (rows[i].kind != SHOU_SHIP_DUE_NONE)
        {
          g_assert_cmpint (due.due_at, ==, T0 + rows[i].due);
          g_assert_cmpstr (due.seed, ==, rows[i].seed);
        }
      g_assert_cmpint (due.late, ==, rows[i].late);
      g_assert_cmpint (due.penalty_fen, ==, rows[i].penalty);
    }
}

static void
test_review_fact (void)
{
  /* 000 ⑵ 一.6: 「遲遲不發貨」就具有差評的效力 */
  ShouShippingRules rules;

  shou_shipping_rules_from_profile (core_test_profile (SHOU_PLATFORM_TAOBAO, NULL), &rules);
  g_assert_true (rules.late_refund_is_review);
  g_assert_cmpstr (rules.review_seed, ==, "000 ⑵ 一.6");
  shou_shipping_rules_from_profile (core_test_profile (SHOU_PLATFORM_PDD, NULL), &rules);
  g_assert_false (rules.late_refund_is_review);
  g_assert_cmpint (rules.late_penalty_fen, ==, 500);
  g_assert_cmpint (rules.first_event_within_us, ==, 24 * HOUR);
}

static void
test_steps (void)
{
  /* 000 ⑵ 二.2: 若未簽收，可以直接拒收，商品會退回賣家; 003: 联系客户拒签,并告知快递打回 */
  static const struct
  {
    ShouOutboundState steps[6];
    guint             n;
    const char       *reason;   /* of the last step, NULL = accepted */
    ShouOutboundState end;
  } rows[] = {
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_IN_TRANSIT, SHOU_OUTBOUND_SIGNED }, 3, NULL, SHOU_OUTBOUND_SIGNED },
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_IN_TRANSIT, SHOU_OUTBOUND_REFUSED, SHOU_OUTBOUND_RETURNING,
        SHOU_OUTBOUND_RETURNED }, 5, NULL, SHOU_OUTBOUND_RETURNED },
    /* intercepted in transit: straight to returning */
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_RETURNING }, 2, NULL, SHOU_OUTBOUND_RETURNING },
    /* an intercept of a signed parcel fails */
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_SIGNED, SHOU_OUTBOUND_RETURNING }, 3, "already_signed", SHOU_OUTBOUND_SIGNED },
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_SIGNED, SHOU_OUTBOUND_REFUSED }, 3, "already_signed", SHOU_OUTBOUND_SIGNED },
    { { SHOU_OUTBOUND_IN_TRANSIT }, 1, "not_collected", SHOU_OUTBOUND_SHIPPED },
    { { SHOU_OUTBOUND_COLLECTED, SHOU_OUTBOUND_RETURNED }, 2, "not_returning", SHOU_OUTBOUND_COLLECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(ShouOutbound) o = parcel (0, 0);
      const char *reason = NULL;
      gboolean ok = TRUE;

      o->shipped_at = T0;
      for (guint s = 0; s < rows[i].n; s++)
        ok = shou_outbound_advance (o, rows[i].steps[s], T0 + (s + 1) * HOUR, NULL, &reason);
      g_test_message ("row %u", i);
      g_assert_cmpint (ok, ==, rows[i].reason == NULL);
      g_assert_cmpstr (reason, ==, rows[i].reason);
      g_assert_cmpint (shou_outbound_get_state (o), ==, rows[i].end);
    }
}

static void
test_json (void)
{
  g_autoptr(ShouOutbound) o = parcel (0, 0);
  g_autoptr(JsonObject) order = json_object_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();
  const ShouOutbound *back;

  o->shipped_at = T0;
  g_assert_true (shou_outbound_advance (o, SHOU_OUTBOUND_COLLECTED, T0 + HOUR, NULL, NULL));
  g_assert_true (shou_outbound_advance (o, SHOU_OUTBOUND_REFUSED, T0 + 2 * HOUR, NULL, NULL));
  json_array_add_object_element (array, shou_outbound_to_json (o));
  json_object_set_array_member (order, "shipments", array);

  list = shou_outbound_list_from_json (order, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  back = g_ptr_array_index (list, 0);
  g_assert_cmpstr (back->tracking_no, ==, "SF1234567890123");
  g_assert_cmpint (back->refused_at, ==, T0 + 2 * HOUR);
  g_assert_cmpint (shou_outbound_get_state (back), ==, SHOU_OUTBOUND_REFUSED);
  g_assert_cmpuint (back->events->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "state"), ==, "refused");

  /* A bad time names its member. */
  json_object_set_string_member (json_array_get_object_element (array, 0), "signed_at", "yesterday");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shou_outbound_list_from_json (order, &error);
  g_assert_null (list);
  g_assert_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "shipments[0].signed_at"));
}

static void
test_postage (void)
{
  /* 003: 若是产品质量问题或者发错货产生的退换货,卖家承担来回运费;非质量问题退换货,由买家承担 */
  static const struct { ShouRequestType type; const char *reason; ShouActor payer; } rows[] = {
    { SHOU_REQUEST_RETURN_REFUND, "quality_problem", SHOU_ACTOR_SELLER },
    { SHOU_REQUEST_RETURN_REFUND, "wrong_item", SHOU_ACTOR_SELLER },
    { SHOU_REQUEST_EXCHANGE, "quality_problem", SHOU_ACTOR_SELLER },
    { SHOU_REQUEST_RETURN_REFUND, "no_reason_7d", SHOU_ACTOR_BUYER },
    { SHOU_REQUEST_RETURN_REFUND, "size_mismatch", SHOU_ACTOR_BUYER },
    { SHOU_REQUEST_RETURN_REFUND, "not_as_described", SHOU_ACTOR_BUYER },
    { SHOU_REQUEST_EXCHANGE, NULL, SHOU_ACTOR_BUYER },
    /* nothing goes back */
    { SHOU_REQUEST_REFUND_ONLY, "quality_problem", SHOU_ACTOR_SYSTEM },
    { SHOU_REQUEST_CANCEL, NULL, SHOU_ACTOR_SYSTEM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (shou_return_postage_payer (rows[i].type, rows[i].reason), ==, rows[i].payer);
}

static void
test_stall (void)
{
  /* 002 一.2 物流断更: a refund-only "not received" case whose parcel had no
   * tracking event for the profile's threshold (Pinduoduo: 72 h). */
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  gint64 stall = shou_profile_get_logistics_stall (profile);
  static const struct
  {
    ShouRequestType  type;
    const char      *reason;
    gint64           idle;       /* since collection, the last event */
    ShouOutboundState extra;     /* a step after collection, or SHIPPED for none */
    gboolean         stalled;
  } rows[] = {
    { SHOU_REQUEST_REFUND_ONLY, "not_received", 73 * HOUR, SHOU_OUTBOUND_SHIPPED, TRUE },
    { SHOU_REQUEST_REFUND_ONLY, "not_received", 71 * HOUR, SHOU_OUTBOUND_SHIPPED, FALSE },
    { SHOU_REQUEST_REFUND_ONLY, "quality_problem", 73 * HOUR, SHOU_OUTBOUND_SHIPPED, FALSE },
    { SHOU_REQUEST_RETURN_REFUND, "not_received", 73 * HOUR, SHOU_OUTBOUND_SHIPPED, FALSE },
    /* a signed or refused parcel has arrived or is coming back */
    { SHOU_REQUEST_REFUND_ONLY, "not_received", 73 * HOUR, SHOU_OUTBOUND_SIGNED, FALSE },
    { SHOU_REQUEST_REFUND_ONLY, "not_received", 73 * HOUR, SHOU_OUTBOUND_REFUSED, FALSE },
  };

  g_assert_cmpint (stall, ==, 72 * HOUR);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(ShouOutbound) o = parcel (HOUR, 0);
      g_autoptr(JsonObject) aftersale = json_object_new ();
      g_autoptr(JsonObject) order = json_object_new ();
      JsonArray *array = json_array_new ();
      gint64 last = 0;

      if (rows[i].extra != SHOU_OUTBOUND_SHIPPED)
        g_assert_true (shou_outbound_advance (o, rows[i].extra, T0 + HOUR, NULL, NULL));
      g_test_message ("row %u", i);
      g_assert_cmpint (shou_outbound_stalled (o, rows[i].type, rows[i].reason, stall,
                                              T0 + HOUR + rows[i].idle, &last), ==, rows[i].stalled);

      /* As the contract's risk, once. */
      json_object_set_string_member (aftersale, "type", shou_request_type_to_string (rows[i].type));
      json_object_set_string_member (aftersale, "status", "wait_seller");
      json_object_set_string_member (aftersale, "reason_code", rows[i].reason);
      json_array_add_object_element (array, shou_outbound_to_json (o));
      json_object_set_array_member (order, "shipments", array);
      shou_outbound_add_stall_risk (aftersale, order, profile, T0 + HOUR + rows[i].idle);
      shou_outbound_add_stall_risk (aftersale, order, profile, T0 + HOUR + rows[i].idle);
      if (rows[i].stalled)
        {
          JsonArray *risks = json_object_get_array_member (aftersale, "risks");
          JsonObject *risk;

          g_assert_cmpuint (json_array_get_length (risks), ==, 1);
          risk = json_array_get_object_element (risks, 0);
          g_assert_cmpstr (json_object_get_string_member (risk, "code"), ==, "logistics_stalled");
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (risk, "params"),
                                                       "last_event_at"), ==, T0 + HOUR);
        }
      else
        g_assert_false (json_object_has_member (aftersale, "risks"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/outbound/deadlines", test_deadlines);
  g_test_add_func ("/outbound/review-fact", test_review_fact);
  g_test_add_func ("/outbound/steps", test_steps);
  g_test_add_func ("/outbound/json", test_json);
  g_test_add_func ("/outbound/postage", test_postage);
  g_test_add_func ("/outbound/stall", test_stall);
  return g_test_run ();
}
