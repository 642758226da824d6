/* shou-douyin-envelope.c: 抖店 response envelopes and error codes. */
#include "config.h"

#include <string.h>

#include "shou-douyin-envelope.h"

ShouProtocolError
shou_douyin_classify (gint64      code,
                      const char *sub_code)
{
  const char *sub = sub_code != NULL ? sub_code : "";

  /* Sub-codes that name a lapsed authorisation, whatever their code. */
  if (strcmp (sub, "isv.access-token-expired") == 0 ||
      strcmp (sub, "isv.access-token-no-existed") == 0 ||
      strcmp (sub, "dop.authorization-no-existed") == 0 ||
      strcmp (sub, "dop.authorization-closed") == 0 ||
      g_str_has_prefix (sub, "dop.token-generate-failed:token-expired"))
    return SHOU_PROTOCOL_ERROR_SESSION_EXPIRED;
  switch (code)
    {
    case 20000:                   /* 服务不可用 */
    case 20001:                   /* 内部服务超时 */
      return SHOU_PROTOCOL_ERROR_UNAVAILABLE;
    case 30001:                   /* 操作权限不足 */
    case 30002:                   /* 请求来源IP不可信 */
      return SHOU_PROTOCOL_ERROR_NO_PERMISSION;
    case 40003:                   /* 非法的参数（平台校验） */
      if (strcmp (sub, "isv.signature-invalid") == 0)
        return SHOU_PROTOCOL_ERROR_SIGNATURE;
      if (strcmp (sub, "isv.access-token-invalid") == 0)
        return SHOU_PROTOCOL_ERROR_SESSION_EXPIRED;
      return SHOU_PROTOCOL_ERROR_BAD_REQUEST;
    case 40001:                   /* 缺少必选参数（平台校验） */
      if (strcmp (sub, "isv.signature-missing") == 0)
        return SHOU_PROTOCOL_ERROR_SIGNATURE;
      return SHOU_PROTOCOL_ERROR_BAD_REQUEST;
    case 30000:                   /* 通用参数错误 */
    case 40002:                   /* 缺少必选参数（业务校验） */
    case 40004:                   /* 非法的参数（业务校验） */
      return SHOU_PROTOCOL_ERROR_BAD_REQUEST;
    case 10001:                   /* 请求部分失败 */
    case 50001:                   /* 平台处理失败 */
    case 50002:                   /* 业务处理失败: isv.business-failed:<code> */
      return SHOU_PROTOCOL_ERROR_BUSINESS;
    case 60000:                   /* 触发限流 */
      return SHOU_PROTOCOL_ERROR_RATE_LIMITED;
    default:                      /* 70000 下线, 80000 安全, 90000 其他 */
      return SHOU_PROTOCOL_ERROR_OTHER;
    }
}

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

gboolean
shou_douyin_envelope_read (const char         *body,
                           gssize              length,
                           JsonNode          **out_data,
                           ShouProtocolFault **out_fault,
                           GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ShouProtocolFault) fault = NULL;
  g_autofree char *code_text = NULL;
  JsonNode *code_node, *data;
  JsonObject *object;
  const char *sub_code;
  gint64 code;

  g_return_val_if_fail (body != NULL, FALSE);

  object = shou_protocol_parse_object (parser, body, length, "抖店", error);
  if (object == NULL)
    return FALSE;
  code_node = json_object_get_member (object, "code");
  if (code_node == NULL || JSON_NODE_TYPE (code_node) != JSON_NODE_VALUE ||
      json_node_get_value_type (code_node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                           "抖店 response has no integer code");
      return FALSE;
    }
  code = json_node_get_int (code_node);
  if (code == SHOU_DOUYIN_CODE_SUCCESS)
    {
      data = json_object_get_member (object, "data");
      if (data != NULL && !JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_NULL (data))
        {
          g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                               "抖店 data is not an object");
          return FALSE;
        }
      if (out_data != NULL && data != NULL && JSON_NODE_HOLDS_OBJECT (data))
        *out_data = json_node_copy (data);
      else if (out_data != NULL)
        {
          *out_data = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (*out_data, json_object_new ());
        }
      return TRUE;
    }
  code_text = g_strdup_printf ("%" G_GINT64_FORMAT, code);
  sub_code = shou_protocol_json_string (object, "sub_code");
  fault = shou_protocol_fault_new (shou_douyin_classify (code, sub_code), code_text,
                                   shou_protocol_json_string (object, "msg"),
                                   nonempty (sub_code),
                                   nonempty (shou_protocol_json_string (object, "sub_msg")),
                                   nonempty (shou_protocol_json_string (object, "log_id")));
  shou_protocol_fault_set_error (fault, "抖店", error);
  if (out_fault != NULL)
    *out_fault = g_steal_pointer (&fault);
  return FALSE;
}
