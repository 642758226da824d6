/* test-core-group.c: group orders (拼团), seed 003 一 拼团订单退款情况:
 * "拼团订单不能直接申请退款,需要拼单成功后申请仅退款,也可以告诉客户联系拼多多客服解决;
 * 或者等到拼单未成功24小时后系统自动退款". */
#include "config.h"

#include "core-test-util.h"

#define HOUR   SHOU_USEC_PER_HOUR
#define MINUTE SHOU_USEC_PER_MINUTE
#define T0     CORE_TEST_T0

static void
test_unformed_refunded_after_24h (void)
{
  static const struct {
    ShouGroupState recorded;
    gint64         now;        /* after the group started */
    ShouGroupState state;
    gint64         refund_at;  /* after the group started, -1: none */
  } rows[] = {
    { SHOU_GROUP_GROUPING, MINUTE,                  SHOU_GROUP_GROUPING, 24 * HOUR },
    { SHOU_GROUP_GROUPING, 24 * HOUR - MINUTE,      SHOU_GROUP_GROUPING, 24 * HOUR },
    { SHOU_GROUP_GROUPING, 24 * HOUR,               SHOU_GROUP_FAILED,   -1 },
    { SHOU_GROUP_GROUPING, 24 * HOUR + MINUTE,      SHOU_GROUP_FAILED,   -1 },
    /* Formed in time: no refund, whatever the clock says. */
    { SHOU_GROUP_FORMED,   24 * HOUR + MINUTE,      SHOU_GROUP_FORMED,   -1 },
    { SHOU_GROUP_NONE,     48 * HOUR,               SHOU_GROUP_NONE,     -1 },
    { SHOU_GROUP_FAILED,   HOUR,                    SHOU_GROUP_FAILED,   -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
      gint64 refund_at = -42;

      g_assert_cmpint (shou_group_evaluate (profile, rows[i].recorded, T0, T0 + rows[i].now, &refund_at),
                       ==, rows[i].state);
      g_assert_cmpint (refund_at, ==, rows[i].refund_at < 0 ? 0 : T0 + rows[i].refund_at);
    }
}

static void
test_refund_only_after_formed (void)
{
  static const struct {
    ShouGroupState state;
    gboolean       may_open;
  } rows[] = {
    { SHOU_GROUP_GROUPING, FALSE },  /* 拼团订单不能直接申请退款 */
    { SHOU_GROUP_FORMED,   TRUE },   /* 需要拼单成功后申请仅退款 */
    { SHOU_GROUP_FAILED,   FALSE },  /* 系统自动退款 */
    { SHOU_GROUP_NONE,     TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ShouProfile *pdd = core_test_profile (SHOU_PLATFORM_PDD, NULL);

      g_assert_cmpint (shou_group_can_open (pdd, rows[i].state, SHOU_REQUEST_REFUND_ONLY), ==,
                       rows[i].may_open);
      g_assert_cmpint (shou_group_can_open (pdd, rows[i].state, SHOU_REQUEST_RETURN_REFUND), ==,
                       rows[i].may_open);
    }
  /* Only Pinduoduo's profile states the group rule (003). */
  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      ShouProfile *profile = core_test_profile (p, NULL);

      g_assert_cmpint (shou_group_rule_known (profile), ==, p == SHOU_PLATFORM_PDD);
      if (p != SHOU_PLATFORM_PDD)
        g_assert_true (shou_group_can_open (profile, SHOU_GROUP_GROUPING, SHOU_REQUEST_REFUND_ONLY));
    }
}

static void
test_codes (void)
{
  for (guint s = 0; s < SHOU_N_GROUP_STATES; s++)
    {
      ShouGroupState back = SHOU_N_GROUP_STATES;

      g_assert_true (shou_group_state_from_string (shou_group_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  g_assert_cmpstr (shou_group_state_to_string (SHOU_GROUP_GROUPING), ==, "grouping");
  {
    ShouGroupState out = SHOU_GROUP_NONE;
    g_assert_false (shou_group_state_from_string ("拼单中", &out));
    g_assert_false (shou_group_state_from_string (NULL, &out));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/group/pdd/unformed-refunded-after-24h", test_unformed_refunded_after_24h);
  g_test_add_func ("/core/group/pdd/refund-only-after-formed", test_refund_only_after_formed);
  g_test_add_func ("/core/group/codes", test_codes);

  return g_test_run ();
}
