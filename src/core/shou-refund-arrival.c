/* shou-refund-arrival.c: refund arrival times and the reply about them. */
#include "config.h"

#include "shou-refund-arrival.h"
#include "shou-time.h"

static const struct
{
  const char *fact;
  gint64      fallback;      /* seed 003 */
  guint       min_days;      /* the seed's lower bound, 0 = within the maximum */
  const char *where;
} channels[SHOU_N_PAY_CHANNELS] = {
  { "refund-arrival-balance", 24 * SHOU_USEC_PER_HOUR, 0, "账户余额" },
  { "refund-arrival-bank-card", 6 * SHOU_USEC_PER_DAY, 2, "银行卡" },
  { "refund-arrival-credit-card", 7 * SHOU_USEC_PER_DAY, 3, "信用卡" },
};

gint64
shou_refund_arrival_max (const ShouProfile *profile,
                         ShouPayChannel     channel)
{
  const ShouProfileFact *f;

  g_return_val_if_fail ((guint) channel < SHOU_N_PAY_CHANNELS, 0);

  f = profile != NULL ? shou_profile_find_fact (profile, channels[channel].fact) : NULL;
  return f != NULL && f->duration > 0 ? f->duration : channels[channel].fallback;
}

char *
shou_refund_arrival_reply (const ShouProfile *profile,
                           ShouPayChannel     channel)
{
  gint64 max = shou_refund_arrival_max (profile, channel);
  g_autofree char *when = NULL;

  g_return_val_if_fail ((guint) channel < SHOU_N_PAY_CHANNELS, NULL);

  if (max < SHOU_USEC_PER_DAY * 2)
    when = g_strdup_printf ("%u小时内", (guint) (max / SHOU_USEC_PER_HOUR));
  else if (channels[channel].min_days > 0)
    when = g_strdup_printf ("%u-%u天", channels[channel].min_days, (guint) (max / SHOU_USEC_PER_DAY));
  else
    when = g_strdup_printf ("%u天内", (guint) (max / SHOU_USEC_PER_DAY));
  /* 003: 订单退款审核后…到账（节假日可能会有延迟）; addressed as 您, never 亲
   * (003: "之前常用的称呼“亲”…可能已经过时了"). The bundled scripts
   * "<platform>-refund-arrival-*" carry the same sentence with 003's times. */
  return g_strdup_printf ("您好，退款审核通过后会原路退回到您的%s，一般%s到账（节假日可能会有延迟），请留意查收。",
                          channels[channel].where, when);
}
