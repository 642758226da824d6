/* shou-jd-map.c: the (unverified) JD mapping table and amounts. */
#include "config.h"

#include "core/shou-money.h"
#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-jd-map.h"

gboolean
shou_jd_map_customer_expect (gint64           customer_expect,
                             ShouRequestType *out)
{
  switch (customer_expect)
    {
    case 10: *out = SHOU_REQUEST_RETURN_REFUND; return TRUE;
    case 20: *out = SHOU_REQUEST_EXCHANGE; return TRUE;
    case 30: *out = SHOU_REQUEST_REPAIR; return TRUE;
    default: return FALSE;
    }
}

gboolean
shou_jd_amount_fen (JsonObject  *object,
                    const char  *field,
                    gint64      *out_fen,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out_fen != NULL, FALSE);

  node = json_object_get_member (object, field);
  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return shou_protocol_parse_yuan (json_node_get_string (node), out_fen, error);
      if (type == G_TYPE_INT64)
        {
          gint64 yuan = json_node_get_int (node);

          if (yuan >= 0 && yuan <= SHOU_MONEY_MAX_FEN / 100)
            {
              *out_fen = yuan * 100;
              return TRUE;
            }
        }
    }
  g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
               "JOS %s is not a yuan amount", field);
  return FALSE;
}
