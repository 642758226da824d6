/* shou-douyin-actions.c: afterSale/operate business parameters. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-actions.h"

static JsonNode *
refuse (GError    **error,
        const char *message)
{
  g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST, message);
  return NULL;
}

static gboolean
is_refusal (gint64 type)
{
  return type == 102 || type == 112 || type == 202;
}

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

static JsonArray *
evidence_array (const ShouDouyinOperate *op)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < op->n_evidence; i++)
    {
      JsonObject *piece = json_object_new ();

      json_object_set_int_member (piece, "type", op->evidence[i].type);
      json_object_set_string_member (piece, "url", op->evidence[i].url);
      if (nonempty (op->evidence[i].desc))
        json_object_set_string_member (piece, "desc", op->evidence[i].desc);
      json_array_add_object_element (array, piece);
    }
  return array;
}

JsonNode *
shou_douyin_operate_params (const ShouDouyinOperate *op,
                            GError                 **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *items;
  JsonNode *node;

  g_return_val_if_fail (op != NULL, NULL);

  if (!nonempty (op->aftersale_id))
    return refuse (error, "afterSale/operate needs the aftersale_id");
  if (op->update_time < 0)
    return refuse (error, "update_time must not be negative");
  if (is_refusal (op->type) &&
      (!nonempty (op->reason) || !nonempty (op->remark) || op->reject_reason_code <= 0))
    return refuse (error, "a refusal needs reason, remark and reject_reason_code");
  if (op->type == 101 && op->receiver_address_id <= 0)
    return refuse (error, "agreeing a return (101) needs the receiver_address_id");
  if (op->n_evidence > SHOU_DOUYIN_EVIDENCE_MAX)
    return refuse (error, "at most 4 pieces of evidence");
  for (guint i = 0; i < op->n_evidence; i++)
    if (op->evidence[i].type < 1 || op->evidence[i].type > 4 || !nonempty (op->evidence[i].url))
      return refuse (error, "evidence needs a type from 1 to 4 and a url");

  item = json_object_new ();
  json_object_set_string_member (item, "aftersale_id", op->aftersale_id);
  if (op->update_time > 0)
    json_object_set_int_member (item, "update_time", op->update_time);
  if (nonempty (op->reason))
    json_object_set_string_member (item, "reason", op->reason);
  if (nonempty (op->remark))
    json_object_set_string_member (item, "remark", op->remark);
  if (op->reject_reason_code > 0)
    json_object_set_int_member (item, "reject_reason_code", op->reject_reason_code);
  if (op->n_evidence > 0)
    json_object_set_array_member (item, "evidence", evidence_array (op));
  if (op->receiver_address_id > 0)
    {
      JsonObject *logistics = json_object_new ();

      json_object_set_int_member (logistics, "receiver_address_id", op->receiver_address_id);
      json_object_set_object_member (item, "logistics", logistics);
    }
  items = json_array_new ();
  json_array_add_object_element (items, g_steal_pointer (&item));
  root = json_object_new ();
  json_object_set_int_member (root, "type", op->type);
  json_object_set_array_member (root, "items", items);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&root));
  return node;
}
