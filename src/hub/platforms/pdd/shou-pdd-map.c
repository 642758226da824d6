/* shou-pdd-map.c: Pinduoduo's enumerations and units. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-pdd-map.h"

/* after_sales_status, as pdd-rs src/requests/pdd_refund_list_increment_get.rs
 * and pdd-node-sdk PddRefundInformationGet.ts list them. */
static const struct
{
  gint64            code;
  ShouRequestStatus status;
  gboolean          shipped;
} statuses[] = {
  { 2, SHOU_STATUS_WAIT_SELLER, FALSE },          /* 买家申请退款，待商家处理 */
  { 3, SHOU_STATUS_WAIT_SELLER, FALSE },          /* 退货退款，待商家处理 */
  { 4, SHOU_STATUS_SUCCESS, FALSE },              /* 商家同意退款，退款中 */
  { 5, SHOU_STATUS_SUCCESS, FALSE },              /* 平台同意退款，退款中 */
  { 6, SHOU_STATUS_REFUSED, FALSE },              /* 驳回退款，待买家处理 */
  { 7, SHOU_STATUS_WAIT_BUYER_RETURN, FALSE },    /* 已同意退货退款，待用户发货 */
  { 8, SHOU_STATUS_INTERVENTION, FALSE },         /* 平台处理中 */
  { 9, SHOU_STATUS_CLOSED, FALSE },               /* 平台拒绝退款，退款关闭 */
  { 10, SHOU_STATUS_SUCCESS, FALSE },             /* 退款成功 */
  { 11, SHOU_STATUS_CLOSED, FALSE },              /* 买家撤销 */
  { 12, SHOU_STATUS_CLOSED, FALSE },              /* 买家逾期未处理，退款失败 */
  { 13, SHOU_STATUS_CLOSED, FALSE },              /* 买家逾期，超过有效期 */
  { 14, SHOU_STATUS_WAIT_SELLER, FALSE },         /* 换货补寄待商家处理 */
  { 15, SHOU_STATUS_WAIT_BUYER_RETURN, FALSE },   /* 换货补寄待用户处理 */
  { 16, SHOU_STATUS_SUCCESS, FALSE },             /* 换货补寄成功 */
  { 17, SHOU_STATUS_CLOSED, FALSE },              /* 换货补寄失败 */
  { 18, SHOU_STATUS_WAIT_SELLER_SHIP, TRUE },     /* 换货补寄待用户确认完成 */
  { 21, SHOU_STATUS_WAIT_SELLER, FALSE },         /* 待商家同意维修 */
  { 22, SHOU_STATUS_WAIT_BUYER_RETURN, FALSE },   /* 待用户确认发货 */
  { 24, SHOU_STATUS_CLOSED, FALSE },              /* 维修关闭 */
  { 25, SHOU_STATUS_SUCCESS, FALSE },             /* 维修成功 */
  { 27, SHOU_STATUS_WAIT_SELLER_SHIP, TRUE },     /* 待用户确认收货 */
  { 31, SHOU_STATUS_WAIT_BUYER_RETURN, FALSE },   /* 已同意拒收退款，待用户拒收 */
  { 32, SHOU_STATUS_WAIT_SELLER_SHIP, FALSE },    /* 补寄待商家发货 */
  { 33, SHOU_STATUS_WAIT_SELLER_SHIP, FALSE },    /* 待商家召回 */
};

gboolean
shou_pdd_map_status (gint64          after_sales_status,
                     gboolean        return_shipped,
                     ShouPddStatus  *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i].code == after_sales_status)
      {
        out->status = statuses[i].status;
        out->exchange_shipped = statuses[i].shipped;
        /* 7 stays 7 once the buyer shipped: the seller's step is receipt. */
        if (after_sales_status == 7 && return_shipped)
          out->status = SHOU_STATUS_WAIT_SELLER_RECEIPT;
        return TRUE;
      }
  return FALSE;
}

const gint64 *
shou_pdd_map_all_statuses (guint *n)
{
  static gint64 codes[G_N_ELEMENTS (statuses)];

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    codes[i] = statuses[i].code;
  *n = G_N_ELEMENTS (statuses);
  return codes;
}

gboolean
shou_pdd_map_detail_type (gint64           after_sales_type,
                          ShouRequestType *out)
{
  static const ShouRequestType types[] = {
    SHOU_REQUEST_REFUND_ONLY, SHOU_REQUEST_RETURN_REFUND, SHOU_REQUEST_EXCHANGE,
    SHOU_REQUEST_RESHIP, SHOU_REQUEST_REPAIR,
  };

  if (after_sales_type < 1 || after_sales_type > (gint64) G_N_ELEMENTS (types))
    return FALSE;
  *out = types[after_sales_type - 1];
  return TRUE;
}

gint64
shou_pdd_map_list_type_filter (gboolean        all,
                               ShouRequestType type)
{
  if (all)
    return 1;
  switch (type)
    {
    case SHOU_REQUEST_REFUND_ONLY: return 2;
    case SHOU_REQUEST_RETURN_REFUND: return 3;
    case SHOU_REQUEST_EXCHANGE: return 4;
    case SHOU_REQUEST_RESHIP: return 5;
    case SHOU_REQUEST_REPAIR: return 6;
    case SHOU_REQUEST_CANCEL:
    case SHOU_N_REQUEST_TYPES:
    default: return 1;
    }
}

ShouGoodStatus
shou_pdd_map_good_status (const char *user_shipping_status,
                          gboolean    return_shipped)
{
  if (return_shipped)
    return SHOU_GOOD_RETURNED;
  if (g_strcmp0 (user_shipping_status, "2") == 0)
    return SHOU_GOOD_RECEIVED;
  return SHOU_GOOD_NOT_RECEIVED;
}

/* Pinduoduo sends the buyer's reason as text; these words are ours, matched
 * as substrings (tests/data/platforms/README.md). */
static const struct
{
  const char *word;
  const char *code;
} reasons[] = {
  { "质量", "quality_problem" },
  { "尺码", "size_mismatch" },
  { "七天无理由", "no_reason_7d" },
  { "7天无理由", "no_reason_7d" },
  { "描述不符", "not_as_described" },
  { "少件", "missing_items" },
  { "漏发", "missing_items" },
  { "破损", "damaged_in_transit" },
  { "发错", "wrong_item" },
  { "不想要", "not_wanted" },
  { "拍错", "not_wanted" },
  { "未收到", "not_received" },
  { "没收到", "not_received" },
  { "未按约定时间发货", "late_shipping" },
};

const char *
shou_pdd_map_reason (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (strstr (text, reasons[i].word) != NULL)
      return reasons[i].code;
  return "other";
}

gboolean
shou_pdd_map_yuan_to_fen (const char *yuan,
                          gint64     *out_fen)
{
  return yuan != NULL && shou_protocol_parse_yuan (yuan, out_fen, NULL);
}

gint64
shou_pdd_map_time (const char *text)
{
  return shou_protocol_parse_time (text);
}
