/* shou-taobao-map.c: the TOP mapping tables. */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-taobao-map.h"

typedef struct
{
  const char *value;
  int         mapped;
  gboolean    flag;
} Entry;

static const Entry statuses[] = {
  { "WAIT_SELLER_AGREE",         SHOU_STATUS_WAIT_SELLER,         FALSE },
  { "WAIT_BUYER_RETURN_GOODS",   SHOU_STATUS_WAIT_BUYER_RETURN,   FALSE },
  { "WAIT_SELLER_CONFIRM_GOODS", SHOU_STATUS_WAIT_SELLER_RECEIPT, FALSE },
  { "SELLER_REFUSE_BUYER",       SHOU_STATUS_REFUSED,             FALSE },
  { "CLOSED",                    SHOU_STATUS_CLOSED,              FALSE },
  { "SUCCESS",                   SHOU_STATUS_SUCCESS,             FALSE },
  /* Exchange: the seller sent the new goods, the buyer confirms. */
  { "WAIT_BUYER_CONFIRM_EXCHANGE_SELLER_SEND_GOODS", SHOU_STATUS_WAIT_SELLER_SHIP, TRUE },
  /* Exchange closed and turned into a refund: a new refund follows. */
  { "EXCHANGE_TRANSFORM_TO_REFUND", SHOU_STATUS_CLOSED,           FALSE },
  /* The seller confirmed the returned goods and must send the new ones. */
  { "WAIT_SELLER_CONSIGN_GOODS", SHOU_STATUS_WAIT_SELLER_SHIP,    FALSE },
};

static const Entry good_statuses[] = {
  { "BUYER_NOT_RECEIVED",   SHOU_GOOD_NOT_RECEIVED, FALSE },
  { "BUYER_RECEIVED",       SHOU_GOOD_RECEIVED,     FALSE },
  { "BUYER_RETURNED_GOODS", SHOU_GOOD_RETURNED,     FALSE },
};

static const Entry dispute_types[] = {
  { "REFUND",            SHOU_REQUEST_REFUND_ONLY,   FALSE },
  { "REFUND_AND_RETURN", SHOU_REQUEST_RETURN_REFUND, FALSE },
  { "TMALL_EXCHANGE",    SHOU_REQUEST_EXCHANGE,      FALSE },
  { "TAOBAO_EXCHANGE",   SHOU_REQUEST_EXCHANGE,      FALSE },
  { "REPAIR",            SHOU_REQUEST_REPAIR,        FALSE },
  { "RESHIPPING",        SHOU_REQUEST_RESHIP,        FALSE },
};

static const Entry order_statuses[] = {
  { "TRADE_NO_CREATE_PAY",      SHOU_ORDER_PENDING_PAYMENT,  FALSE },
  { "WAIT_BUYER_PAY",           SHOU_ORDER_PENDING_PAYMENT,  FALSE },
  { "ALL_WAIT_PAY",             SHOU_ORDER_PENDING_PAYMENT,  FALSE },
  { "WAIT_SELLER_SEND_GOODS",   SHOU_ORDER_PENDING_SHIPMENT, FALSE },
  { "WAIT_BUYER_CONFIRM_GOODS", SHOU_ORDER_SHIPPED,          FALSE },
  /* Cash on delivery: signed for, not yet finished. */
  { "TRADE_BUYER_SIGNED",       SHOU_ORDER_SHIPPED,          FALSE },
  { "TRADE_FINISHED",           SHOU_ORDER_COMPLETED,        FALSE },
  { "TRADE_CLOSED",             SHOU_ORDER_CLOSED,           FALSE },
  { "TRADE_CLOSED_BY_TAOBAO",   SHOU_ORDER_CLOSED,           FALSE },
  { "ALL_CLOSED",               SHOU_ORDER_CLOSED,           FALSE },
};

static const char * const amount_fields[] = {
  "total_fee", "refund_fee", "payment", "price", "split_taobao_fee", "split_seller_fee",
};

static const Entry *
find (const Entry *table,
      gsize        n,
      const char  *value)
{
  for (gsize i = 0; value != NULL && i < n; i++)
    if (strcmp (table[i].value, value) == 0)
      return &table[i];
  return NULL;
}

gboolean
shou_taobao_map_status (const char        *status,
                        ShouRequestStatus *out,
                        gboolean          *out_seller_shipped)
{
  const Entry *e = find (statuses, G_N_ELEMENTS (statuses), status);

  if (e == NULL)
    return FALSE;
  *out = e->mapped;
  if (out_seller_shipped != NULL)
    *out_seller_shipped = e->flag;
  return TRUE;
}

gboolean
shou_taobao_map_cs_status (gint64    cs_status,
                           gboolean *out_intervention)
{
  switch (cs_status)
    {
    case 1:   /* 不需客服介入 */
    case 6:   /* 客服处理完成 */
    case 7:   /* 系统撤销 / 维权撤销 */
    case 8:   /* 支持买家: ruled, the refund's status follows */
    case 9:   /* 支持卖家: ruled, likewise */
      *out_intervention = FALSE;
      return TRUE;
    case 2:   /* 需要客服介入 */
    case 3:   /* 客服已经介入 */
    case 4:   /* 客服初审完成 */
    case 5:   /* 客服主管复审失败 */
    case 10:  /* 举证中 */
    case 11:  /* 开放申诉: the ruling may still be appealed */
      *out_intervention = TRUE;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
shou_taobao_map_good_status (const char     *good_status,
                             ShouGoodStatus *out)
{
  const Entry *e = find (good_statuses, G_N_ELEMENTS (good_statuses), good_status);

  if (e == NULL)
    return FALSE;
  *out = e->mapped;
  return TRUE;
}

gboolean
shou_taobao_map_dispute_type (const char      *dispute_type,
                              gboolean         has_good_return,
                              ShouRequestType *out)
{
  const Entry *e = find (dispute_types, G_N_ELEMENTS (dispute_types), dispute_type);

  if (e != NULL)
    {
      *out = e->mapped;
      return TRUE;
    }
  if (dispute_type != NULL && *dispute_type != '\0' && strcmp (dispute_type, "OTHERS") != 0)
    return FALSE;
  *out = has_good_return ? SHOU_REQUEST_RETURN_REFUND : SHOU_REQUEST_REFUND_ONLY;
  return TRUE;
}

gboolean
shou_taobao_map_order_status (const char     *order_status,
                              ShouOrderState *out)
{
  const Entry *e = find (order_statuses, G_N_ELEMENTS (order_statuses), order_status);

  if (e == NULL)
    return FALSE;
  *out = e->mapped;
  return TRUE;
}

gboolean
shou_taobao_map_owner_role (gint64     owner_role,
                            ShouActor *out)
{
  switch (owner_role)
    {
    case 1: *out = SHOU_ACTOR_BUYER; return TRUE;
    case 2: *out = SHOU_ACTOR_SELLER; return TRUE;
    case 3: *out = SHOU_ACTOR_PLATFORM; return TRUE;
    default: return FALSE;
    }
}

gboolean
shou_taobao_amount_fen (JsonObject  *refund,
                        const char  *field,
                        gint64      *out_fen,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (refund != NULL && field != NULL && out_fen != NULL, FALSE);
  g_return_val_if_fail (shou_protocol_name_index (amount_fields, G_N_ELEMENTS (amount_fields),
                                                  field, NULL), FALSE);

  node = json_object_get_member (refund, field);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "TOP %s is not a yuan string", field);
      return FALSE;
    }
  return shou_protocol_parse_yuan (json_node_get_string (node), out_fen, error);
}
