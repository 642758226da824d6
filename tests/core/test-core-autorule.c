/* test-core-autorule.c: automatic rules — every condition, rule order,
 * blocks, caps, the undo window, the Shanghai day, keys and JSON. */
#include "config.h"

#include "core-test-util.h"
#include "core/shou-autorule.h"

#define T0 CORE_TEST_T0
#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define DAYS (MINUTE * 60 * 24)

/* An unshipped refund-only request of ¥30 on Taobao that may be agreed. */
static ShouAutoruleFacts
base_facts (void)
{
  ShouAutoruleFacts f = { 0 };

  f.request_id = "r1";
  f.version = 3;
  f.platform = SHOU_PLATFORM_TAOBAO;
  f.shop_id = "shop-a";
  f.type = SHOU_REQUEST_REFUND_ONLY;
  f.status = SHOU_STATUS_WAIT_SELLER;
  f.order_state = SHOU_ORDER_PENDING_SHIPMENT;
  f.good_status = SHOU_GOOD_NOT_RECEIVED;
  f.amount_fen = 3000;
  f.reason_code = "no_longer_needed";
  f.sku = "SKU-1";
  f.deadline_at = T0 + 24 * 60 * MINUTE;
  f.allowed = SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND) | SHOU_ACTION_BIT (SHOU_ACTION_NEGOTIATE);
  return f;
}

typedef enum { F_NONE, F_SHOP_B, F_AMOUNT_5000, F_SHIPPED, F_SIGNED, F_RECEIVED, F_TAGGED,
               F_HISTORY3, F_HISTORY_OLD, F_RETURN_SHIPPED, F_RETURN_DELIVERED,
               F_DEADLINE_1H, F_NO_DEADLINE, F_PDD, F_RETURN_TYPE, F_OTHER_REASON, F_NO_SKU } Tweak;

typedef struct
{
  ShouAutoruleCondKind  kind;
  const char           *text;
  gint64                number;
  Tweak                 tweak;
  gboolean              expected;
} CondCase;

static const CondCase cond_cases[] = {
  { SHOU_AUTORULE_COND_PLATFORM, "taobao", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_PLATFORM, "taobao", 0, F_PDD, FALSE },
  { SHOU_AUTORULE_COND_PLATFORM, "pdd", 0, F_PDD, TRUE },
  { SHOU_AUTORULE_COND_SHOP, "shop-a", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_SHOP, "shop-a", 0, F_SHOP_B, FALSE },
  { SHOU_AUTORULE_COND_TYPE, "refund_only", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_TYPE, "refund_only", 0, F_RETURN_TYPE, FALSE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "unshipped", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "unshipped", 0, F_SHIPPED, FALSE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "shipped", 0, F_SHIPPED, TRUE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "shipped", 0, F_SIGNED, FALSE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "signed", 0, F_SIGNED, TRUE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "signed", 0, F_RECEIVED, TRUE },
  { SHOU_AUTORULE_COND_ORDER_STATE, "signed", 0, F_NONE, FALSE },
  { SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, 5000, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, 5000, F_AMOUNT_5000, TRUE },   /* at most: equal holds */
  { SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, 4999, F_AMOUNT_5000, FALSE },
  { SHOU_AUTORULE_COND_REASON, "no_longer_needed", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_REASON, "no_longer_needed", 0, F_OTHER_REASON, FALSE },
  { SHOU_AUTORULE_COND_SKU, "SKU-1", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_SKU, "SKU-2", 0, F_NONE, FALSE },
  { SHOU_AUTORULE_COND_SKU, "SKU-1", 0, F_NO_SKU, FALSE },
  { SHOU_AUTORULE_COND_TAG, "vip", 0, F_TAGGED, TRUE },
  { SHOU_AUTORULE_COND_TAG, "vip", 0, F_NONE, FALSE },
  { SHOU_AUTORULE_COND_HISTORY_MAX, NULL, 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_HISTORY_MAX, NULL, 2, F_HISTORY3, FALSE },
  { SHOU_AUTORULE_COND_HISTORY_MAX, NULL, 3, F_HISTORY3, TRUE },
  { SHOU_AUTORULE_COND_HISTORY_MAX, NULL, 0, F_HISTORY_OLD, TRUE },     /* 91 days ago: not counted */
  { SHOU_AUTORULE_COND_LOGISTICS, "none", 0, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_LOGISTICS, "none", 0, F_RETURN_SHIPPED, FALSE },
  { SHOU_AUTORULE_COND_LOGISTICS, "delivered", 0, F_RETURN_SHIPPED, FALSE },
  { SHOU_AUTORULE_COND_LOGISTICS, "delivered", 0, F_RETURN_DELIVERED, TRUE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MIN, NULL, 120, F_NONE, TRUE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MIN, NULL, 120, F_DEADLINE_1H, FALSE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MIN, NULL, 60, F_DEADLINE_1H, TRUE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MIN, NULL, 60, F_NO_DEADLINE, TRUE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MAX, NULL, 120, F_DEADLINE_1H, TRUE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MAX, NULL, 120, F_NONE, FALSE },
  { SHOU_AUTORULE_COND_TIME_LEFT_MAX, NULL, 120, F_NO_DEADLINE, FALSE },
};

static const char * const vip_tags[] = { "vip", NULL };
static const gint64 history3[] = { T0 - 1 * DAYS, T0 - 30 * DAYS, T0 - 89 * DAYS };
static const gint64 history_old[] = { T0 - 91 * DAYS, T0 + 1 * DAYS };

static ShouAutoruleFacts
tweaked (Tweak tweak)
{
  ShouAutoruleFacts f = base_facts ();

  switch (tweak)
    {
    case F_NONE: break;
    case F_SHOP_B: f.shop_id = "shop-b"; break;
    case F_AMOUNT_5000: f.amount_fen = 5000; break;
    case F_SHIPPED: f.order_state = SHOU_ORDER_SHIPPED; break;
    case F_SIGNED: f.order_state = SHOU_ORDER_COMPLETED; break;
    case F_RECEIVED: f.order_state = SHOU_ORDER_SHIPPED; f.good_status = SHOU_GOOD_RECEIVED; break;
    case F_TAGGED: f.tags = vip_tags; break;
    case F_HISTORY3: f.history = history3; f.n_history = G_N_ELEMENTS (history3); break;
    case F_HISTORY_OLD: f.history = history_old; f.n_history = G_N_ELEMENTS (history_old); break;
    case F_RETURN_SHIPPED: f.has_return_shipment = TRUE; break;
    case F_RETURN_DELIVERED: f.has_return_shipment = TRUE; f.return_delivered = TRUE; break;
    case F_DEADLINE_1H: f.deadline_at = T0 + 60 * MINUTE; break;
    case F_NO_DEADLINE: f.deadline_at = 0; break;
    case F_PDD: f.platform = SHOU_PLATFORM_PDD; break;
    case F_RETURN_TYPE: f.type = SHOU_REQUEST_RETURN_REFUND; break;
    case F_OTHER_REASON: f.reason_code = "quality"; break;
    case F_NO_SKU: f.sku = NULL; break;
    default: g_assert_not_reached ();
    }
  return f;
}

static void
test_conditions (void)
{
  gboolean seen[SHOU_N_AUTORULE_CONDS] = { FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (cond_cases); i++)
    {
      const CondCase *c = &cond_cases[i];
      g_autoptr(ShouAutoruleCond) cond = shou_autorule_cond_new (c->kind, c->text, c->number);
      ShouAutoruleFacts f = tweaked (c->tweak);

      if (shou_autorule_cond_matches (cond, &f, T0) != c->expected)
        g_error ("case %u (%s %s %" G_GINT64_FORMAT "): expected %d", i,
                 shou_autorule_cond_kind_to_string (c->kind), c->text ? c->text : "",
                 c->number, c->expected);
      seen[c->kind] = TRUE;
    }
  for (guint k = 0; k < SHOU_N_AUTORULE_CONDS; k++)
    g_assert_true (seen[k]);
}

static ShouAutorule *
rule_with (const char         *name,
           ShouAutoruleAction  action,
           gint64              amount_max)
{
  ShouAutorule *rule = shou_autorule_new (name, action, action == SHOU_AUTORULE_ADD_TAG ? "auto" : NULL);

  rule->enabled = TRUE;
  if (amount_max > 0)
    g_ptr_array_add (rule->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, amount_max));
  return rule;
}

static void
test_order (void)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  ShouAutoruleFacts f = base_facts ();
  ShouAutoruleDecision d;
  ShouAutorule *r;

  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.verdict, ==, SHOU_AUTORULE_NO_MATCH);
  g_assert_cmpint (d.rule, ==, -1);

  g_ptr_array_add (rules, rule_with ("small", SHOU_AUTORULE_AGREE_REFUND, 1000));   /* ¥30 > ¥10 */
  g_ptr_array_add (rules, rule_with ("medium", SHOU_AUTORULE_AGREE_REFUND, 5000));
  g_ptr_array_add (rules, rule_with ("tag all", SHOU_AUTORULE_ADD_TAG, 0));
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.verdict, ==, SHOU_AUTORULE_MATCH);
  g_assert_cmpint (d.rule, ==, 1);

  /* The first that matches acts, even when a later one matches too. */
  r = g_ptr_array_steal_index (rules, 2);
  g_ptr_array_insert (rules, 0, r);
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.rule, ==, 0);

  /* Disabled rules do not act, except in a dry run. */
  r->enabled = FALSE;
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.rule, ==, 2);
  d = shou_autorule_decide (rules, &f, T0, TRUE);
  g_assert_cmpint (d.rule, ==, 0);

  /* An action not allowed now makes its rule pass the request on. */
  f.allowed = 0;
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.verdict, ==, SHOU_AUTORULE_NO_MATCH);
  r->enabled = TRUE;
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.rule, ==, 0);

  /* A request already tagged is not tagged again; finished ones are left alone. */
  f.tags = (const char * const *) (const char *[]) { "auto", NULL };
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.verdict, ==, SHOU_AUTORULE_NO_MATCH);
  f = base_facts ();
  f.status = SHOU_STATUS_SUCCESS;
  d = shou_autorule_decide (rules, &f, T0, FALSE);
  g_assert_cmpint (d.verdict, ==, SHOU_AUTORULE_NO_MATCH);
}

static void
test_blocks (void)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  ShouAutorule *r = rule_with ("agree", SHOU_AUTORULE_AGREE_REFUND, 0);
  ShouAutoruleFacts f;

  g_ptr_array_add (rules, r);
  for (guint i = 0; i < 3; i++)
    {
      f = base_facts ();
      f.conflict = i == 0;
      f.has_note = i == 1;
      f.claimed_by_other = i == 2;
      g_assert_cmpint (shou_autorule_decide (rules, &f, T0, TRUE).verdict, ==, SHOU_AUTORULE_BLOCKED);
    }

  r->exclude_tags = g_strdupv ((char **) vip_tags);
  f = tweaked (F_TAGGED);
  g_assert_cmpint (shou_autorule_decide (rules, &f, T0, FALSE).verdict, ==, SHOU_AUTORULE_NO_MATCH);
  f = base_facts ();
  g_assert_cmpint (shou_autorule_decide (rules, &f, T0, FALSE).verdict, ==, SHOU_AUTORULE_MATCH);
}

static void
test_key (void)
{
  g_autofree char *a = shou_autorule_idempotency_key ("rule-a", "r1", 3);
  g_autofree char *b = shou_autorule_idempotency_key ("rule-a", "r1", 3);
  g_autofree char *c = shou_autorule_idempotency_key ("rule-a", "r1", 4);
  g_autofree char *d = shou_autorule_idempotency_key ("rule-b", "r1", 3);
  g_autofree char *e = shou_autorule_idempotency_key ("rule-a", "r2", 3);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_cmpstr (a, !=, e);
  g_assert_true (g_str_has_prefix (a, "rule-"));
  g_assert_cmpuint (strlen (a), ==, 5 + 32);
}

static void
test_send_at_and_caps (void)
{
  g_autoptr(ShouAutorule) r = rule_with ("agree", SHOU_AUTORULE_AGREE_REFUND, 0);
  g_autoptr(ShouAutorule) n = rule_with ("notify", SHOU_AUTORULE_NOTIFY, 0);
  const gint64 window = 2 * MINUTE, margin = 10 * MINUTE;

  g_assert_cmpint (shou_autorule_send_at (T0, window, T0 + 60 * MINUTE, margin), ==, T0 + window);
  g_assert_cmpint (shou_autorule_send_at (T0, window, 0, margin), ==, T0 + window);
  g_assert_cmpint (shou_autorule_send_at (T0, window, T0 + 11 * MINUTE, margin), ==, T0 + 1 * MINUTE);
  g_assert_cmpint (shou_autorule_send_at (T0, window, T0 + 5 * MINUTE, margin), ==, T0);

  /* CORE_TEST_T0 is 10:00 in Shanghai: the day began at 02:00 UTC the
   * day before, i.e. 16:00 UTC. */
  g_assert_cmpint (shou_autorule_day_start (T0), ==, T0 - 10 * 60 * MINUTE);
  g_assert_cmpint (shou_autorule_day_start (T0 - 10 * 60 * MINUTE), ==, T0 - 10 * 60 * MINUTE);
  g_assert_cmpint (shou_autorule_day_start (T0 - 10 * 60 * MINUTE - 1), ==, T0 - 34 * 60 * MINUTE);
  g_assert_cmpint (shou_autorule_day_start (T0 + 14 * 60 * MINUTE), ==, T0 + 14 * 60 * MINUTE);

  r->cap_count = 3;
  r->cap_amount_fen = 10000;
  g_assert_true (shou_autorule_within_caps (r, 0, 0, 3000));
  g_assert_true (shou_autorule_within_caps (r, 2, 7000, 3000));
  g_assert_false (shou_autorule_within_caps (r, 3, 0, 1));
  g_assert_false (shou_autorule_within_caps (r, 2, 7001, 3000));
  n->cap_count = 3;
  n->cap_amount_fen = 0;
  g_assert_true (shou_autorule_within_caps (n, 2, 0, 999999));
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *again = NULL;
  ShouAutorule *r = rule_with ("小额仅退款", SHOU_AUTORULE_AGREE_REFUND, 5000);

  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_TYPE, "refund_only", 0));
  r->exclude_tags = g_strdupv ((char **) vip_tags);
  g_ptr_array_add (rules, r);
  g_ptr_array_add (rules, rule_with ("退货", SHOU_AUTORULE_AGREE_RETURN, 0));
  text = shou_autorules_to_text (rules);
  back = shou_autorules_from_text (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  again = shou_autorules_to_text (back);
  g_assert_cmpstr (text, ==, again);

  g_assert_null (shou_autorules_from_text ("{\"autorules\": [{\"id\": \"x\", \"name\": \"n\", "
                                           "\"action\": \"explode\"}]}", &error));
  g_assert_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (shou_autorules_from_text ("{\"autorules\": [{\"id\": \"x\", \"name\": \"n\", "
                                           "\"action\": \"notify\", \"conds\": [{\"kind\": \"amount_max\", "
                                           "\"number\": -1}], \"cap_count\": 1, \"cap_amount_fen\": 1}]}",
                                           &error));
  g_assert_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (shou_autorules_from_text ("[]", &error));
  g_assert_nonnull (error);
}

/* A refund that was agreed later is judged as it arrived: waiting, with
 * the agreement allowed and the first deadline running. */
static void
test_arrival (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  ShouAftersale a = { 0 };
  ShouTimelineEvent open = { T0 - 60 * MINUTE, SHOU_ACTOR_BUYER, (char *) "open", (char *) "" };
  ShouTimelineEvent agreed = { T0, SHOU_ACTOR_SELLER, (char *) "agree_refund", (char *) "" };
  ShouAutoruleFacts now, then;
  ShouAutorule *r = rule_with ("agree", SHOU_AUTORULE_AGREE_REFUND, 5000);
  gint64 at;

  a.id = (char *) "r9";
  a.shop_id = (char *) "shop-a";
  a.platform = SHOU_PLATFORM_TAOBAO;
  a.type = SHOU_REQUEST_REFUND_ONLY;
  a.status = SHOU_STATUS_SUCCESS;
  a.order_state = SHOU_ORDER_PENDING_SHIPMENT;
  a.amount_fen = 3000;
  a.paid_fen = 3000;
  a.opened_at = T0 - 60 * MINUTE;
  a.version = 4;
  a.timeline = g_ptr_array_new ();
  g_ptr_array_add (a.timeline, &open);
  g_ptr_array_add (a.timeline, &agreed);
  g_ptr_array_add (rules, r);

  shou_autorule_facts_now (&a, &now);
  g_assert_cmpint (now.version, ==, 4);
  g_assert_cmpint (shou_autorule_decide (rules, &now, T0, FALSE).verdict, ==, SHOU_AUTORULE_NO_MATCH);

  at = shou_autorule_facts_at_arrival (&a, profile, &then);
  g_assert_cmpint (at, ==, T0 - 60 * MINUTE);
  g_assert_cmpint (then.status, ==, SHOU_STATUS_WAIT_SELLER);
  g_assert_cmpint (then.version, ==, 1);
  g_assert_cmpint (then.deadline_at, >, at);
  g_assert_true (then.allowed & SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND));
  g_assert_cmpint (shou_autorule_decide (rules, &then, at, FALSE).verdict, ==, SHOU_AUTORULE_MATCH);
  g_ptr_array_unref (a.timeline);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/autorule/conditions", test_conditions);
  g_test_add_func ("/core/autorule/order", test_order);
  g_test_add_func ("/core/autorule/blocks", test_blocks);
  g_test_add_func ("/core/autorule/key", test_key);
  g_test_add_func ("/core/autorule/send-at-and-caps", test_send_at_and_caps);
  g_test_add_func ("/core/autorule/json", test_json);
  g_test_add_func ("/core/autorule/arrival", test_arrival);

  return g_test_run ();
}
