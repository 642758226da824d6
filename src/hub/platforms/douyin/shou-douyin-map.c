/* shou-douyin-map.c: the 抖店 mapping tables. */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-map.h"

gboolean
shou_douyin_map_type (gint64           aftersale_type,
                      ShouRequestType *out)
{
  switch (aftersale_type)
    {
    case 0: *out = SHOU_REQUEST_RETURN_REFUND; return TRUE;
    case 1:                                              /* shipped, refund only */
    case 2:                                              /* before shipment */
    case 6:                                              /* price protection: a refund of the difference */
      *out = SHOU_REQUEST_REFUND_ONLY;
      return TRUE;
    case 3: *out = SHOU_REQUEST_EXCHANGE; return TRUE;
    case 7: *out = SHOU_REQUEST_RESHIP; return TRUE;
    case 8: *out = SHOU_REQUEST_REPAIR; return TRUE;
    default: return FALSE;
    }
}

gboolean
shou_douyin_map_status (gint64             aftersale_status,
                        ShouRequestStatus *out,
                        gboolean          *out_seller_shipped)
{
  gboolean shipped = FALSE;

  switch (aftersale_status)
    {
    case 6:  *out = SHOU_STATUS_WAIT_SELLER; break;          /* 待商家同意 */
    case 7:  *out = SHOU_STATUS_WAIT_BUYER_RETURN; break;    /* 待买家退货 */
    case 8:  *out = SHOU_STATUS_WAIT_SELLER_SHIP; break;     /* 待商家发货 */
    case 11: *out = SHOU_STATUS_WAIT_SELLER_RECEIPT; break;  /* 待商家二次同意 */
    case 3:                                                   /* 换货待买家收货 */
    case 13:                                                  /* 待买家收货 */
      *out = SHOU_STATUS_WAIT_SELLER_SHIP;
      shipped = TRUE;
      break;
    case 12:                                                  /* 售后成功 */
    case 14:                                                  /* 换货（维修）成功 */
      *out = SHOU_STATUS_SUCCESS;
      break;
    case 27:                                                  /* 商家一次拒绝 */
    case 29:                                                  /* 商家二次拒绝 */
      *out = SHOU_STATUS_REFUSED;
      break;
    case 28: *out = SHOU_STATUS_CLOSED; break;               /* 售后失败 */
    default: return FALSE;
    }
  if (out_seller_shipped != NULL)
    *out_seller_shipped = shipped;
  return TRUE;
}

gboolean
shou_douyin_map_arbitrate (gint64    arbitrate_status,
                           gboolean *out_intervention)
{
  switch (arbitrate_status)
    {
    case 0:    /* 无仲裁记录 */
    case 2:    /* 客服同意 */
    case 3:    /* 客服拒绝 */
    case 255:  /* 仲裁结束 */
      *out_intervention = FALSE;
      return TRUE;
    case 1:    /* 仲裁中 */
    case 4:    /* 待商家举证 */
    case 5:    /* 协商期 */
      *out_intervention = TRUE;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
shou_douyin_map_good_status (gint64          got_pkg,
                             gint64          aftersale_status,
                             ShouGoodStatus *out)
{
  if (got_pkg != 0 && got_pkg != 1)
    return FALSE;
  if (aftersale_status == 11)
    *out = SHOU_GOOD_RETURNED;
  else
    *out = got_pkg == 1 ? SHOU_GOOD_RECEIVED : SHOU_GOOD_NOT_RECEIVED;
  return TRUE;
}

gboolean
shou_douyin_map_order_status (gint64          order_status,
                              ShouOrderState *out)
{
  switch (order_status)
    {
    case 2: *out = SHOU_ORDER_PENDING_SHIPMENT; return TRUE;
    case 3: *out = SHOU_ORDER_SHIPPED; return TRUE;
    case 5:
    case 255:
      *out = SHOU_ORDER_COMPLETED;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
shou_douyin_operate_type (ShouAction  action,
                          gint64      aftersale_type,
                          gint64      aftersale_status,
                          gint64     *out_type)
{
  gboolean return_refund = aftersale_type == 0;
  gboolean refund_only = aftersale_type == 1 || aftersale_type == 2;

  switch (action)
    {
    case SHOU_ACTION_AGREE_RETURN:
      if (!return_refund || aftersale_status != 6)
        return FALSE;
      *out_type = 101;
      return TRUE;
    case SHOU_ACTION_AGREE_REFUND:
      if (aftersale_type == 2 && aftersale_status == 6)
        *out_type = 401;
      else if (refund_only && aftersale_status == 6)
        *out_type = 201;
      else
        return FALSE;
      return TRUE;
    case SHOU_ACTION_REJECT:
      if (aftersale_status != 6)
        return FALSE;
      if (return_refund)
        *out_type = 102;
      else if (refund_only)
        *out_type = 202;
      else
        return FALSE;
      return TRUE;
    case SHOU_ACTION_CONFIRM_RECEIPT:
      if (!return_refund || aftersale_status != 11)
        return FALSE;
      *out_type = 111;
      return TRUE;
    case SHOU_ACTION_REFUSE_RECEIPT:
      if (!return_refund || aftersale_status != 11)
        return FALSE;
      *out_type = 112;
      return TRUE;
    /* Exchange (301–321) sub-types are not in the public field lists we
     * read; negotiation, refund proof and messages have no operate type. */
    case SHOU_ACTION_SHIP_EXCHANGE:
    case SHOU_ACTION_NEGOTIATE:
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
    case SHOU_ACTION_MESSAGE:
    /* Intercept, await and appeal (issue 25): no operate type known here. */
    case SHOU_ACTION_INTERCEPT:
    case SHOU_ACTION_AWAIT_RETURN:
    case SHOU_ACTION_APPEAL:
    case SHOU_N_ACTIONS:
    default:
      return FALSE;
    }
}

gboolean
shou_douyin_amount_fen (JsonObject  *object,
                        const char  *field,
                        gint64      *out_fen,
                        GError     **error)
{
  JsonNode *node;
  gint64 fen = -1;
  guint64 parsed = 0;

  g_return_val_if_fail (object != NULL && field != NULL && out_fen != NULL, FALSE);

  node = json_object_get_member (object, field);
  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        fen = json_node_get_int (node);
      else if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          /* Digits only: g_ascii_string_to_unsigned takes no sign or spaces. */
          if (text[0] != '\0' && g_ascii_isdigit (text[0]) &&
              g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
            fen = (gint64) parsed;
        }
    }
  if (fen < 0)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "抖店 %s is not a whole number of fen", field);
      return FALSE;
    }
  if (!shou_protocol_check_fen (fen, error))
    return FALSE;
  *out_fen = fen;
  return TRUE;
}
