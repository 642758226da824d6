/* shou-sim-words.c: the simulated platform's own words and ids: its
 * timeline text for a lapse and its request numbers, as platforms write them. */
#include "config.h"

#include "shou-sim-words.h"

const char *
shou_sim_lapse_text (ShouLapse         lapse,
                     ShouRequestStatus before)
{
  switch (lapse)
    {
    case SHOU_LAPSE_AUTO_AGREE:
      return "商家超时未处理，系统自动同意申请";
    case SHOU_LAPSE_AUTO_REFUND:
      if (before == SHOU_STATUS_WAIT_SELLER_RECEIPT)
        return "商家超时未确认收货，系统自动退款给买家";
      return "商家超时未处理，系统自动退款给买家";
    case SHOU_LAPSE_AUTO_CLOSE:
      if (before == SHOU_STATUS_WAIT_BUYER_RETURN)
        return "买家超时未填写退货物流，售后关闭";
      return "超时未处理，售后关闭";
    case SHOU_LAPSE_AUTO_CONFIRM:
      return "商家超时未确认收货，系统自动确认收货";
    case SHOU_LAPSE_INTERVENTION:
      return "处理超时，平台客服介入";
    case SHOU_LAPSE_PLATFORM_COMPENSATES:
      return "商家超时未上传退款凭证，平台先行赔付买家";
    case SHOU_LAPSE_NEXT_ROUND:
      return "协商等待期结束，消费者未回复";
    case SHOU_LAPSE_EVIDENCE_CLOSED:
      return "举证期已结束";
    case SHOU_LAPSE_NONE:
    case SHOU_N_LAPSES:
    default:
      return "处理时限已过";
    }
}

char *
shou_sim_platform_request_id (ShouPlatform platform,
                              gint64       number)
{
  switch (platform)
    {
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
      return g_strdup_printf ("1%014" G_GINT64_FORMAT, (gint64) 20487000000 + number * 7);
    case SHOU_PLATFORM_PDD:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) 13500000000 + number * 3);
    case SHOU_PLATFORM_DOUYIN:
      return g_strdup_printf ("70%017" G_GINT64_FORMAT, (gint64) 311000000000 + number * 11);
    case SHOU_PLATFORM_JD:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) 1890000000 + number * 13);
    case SHOU_N_PLATFORMS:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    }
}
