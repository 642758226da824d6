/* shou-taobao-envelope.c: TOP response envelopes and error codes. */
#include "config.h"

#include <string.h>

#include "shou-taobao-envelope.h"

char *
shou_taobao_response_key (const char *method)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (method != NULL, NULL);
  if (g_str_has_prefix (method, "taobao."))
    method += strlen ("taobao.");
  name = g_strdup (method);
  g_strdelimit (name, ".", '_');
  return g_strconcat (name, "_response", NULL);
}

ShouProtocolError
shou_taobao_classify (gint64      code,
                      const char *sub_code)
{
  /* Flow control shows as code 7 with accesscontrol.* sub-codes, but also
   * as a sub-code alone under code 15 or 50 on some APIs. */
  if (sub_code != NULL && g_str_has_prefix (sub_code, "accesscontrol."))
    return SHOU_PROTOCOL_ERROR_RATE_LIMITED;
  switch (code)
    {
    case 7:                               /* App Call Limited */
      return SHOU_PROTOCOL_ERROR_RATE_LIMITED;
    case 26:                              /* Missing Session */
    case 27:                              /* Invalid Session */
      return SHOU_PROTOCOL_ERROR_SESSION_EXPIRED;
    case 11:                              /* Insufficient ISV Permissions */
    case 12:                              /* Insufficient User Permissions */
    case 13:                              /* Insufficient Partner Permissions */
      return SHOU_PROTOCOL_ERROR_NO_PERMISSION;
    case 24:                              /* Missing Signature */
    case 25:                              /* Invalid Signature */
      return SHOU_PROTOCOL_ERROR_SIGNATURE;
    case 10:                              /* Service Currently Unavailable */
      return SHOU_PROTOCOL_ERROR_UNAVAILABLE;
    case 9:                               /* Http Action Not Allowed */
    case 21: case 22: case 23:            /* Missing / Invalid Method, Invalid Format */
    case 28: case 29:                     /* Missing / Invalid App Key */
    case 30: case 31:                     /* Missing / Invalid Timestamp */
    case 32: case 33: case 34:            /* Missing / Invalid / Unsupported Version */
    case 40: case 41:                     /* Missing Required / Invalid Arguments */
    case 43:                              /* Parameter Error */
    case 47:                              /* Invalid Encoding */
      return SHOU_PROTOCOL_ERROR_BAD_REQUEST;
    case 15:                              /* Remote service error: see sub_code */
      if (sub_code != NULL && g_str_has_prefix (sub_code, "isp."))
        return SHOU_PROTOCOL_ERROR_UNAVAILABLE;
      return SHOU_PROTOCOL_ERROR_BUSINESS;
    default:
      return SHOU_PROTOCOL_ERROR_OTHER;
    }
}

static gboolean
read_error (JsonObject         *fault_object,
            ShouProtocolFault **out_fault,
            GError            **error)
{
  g_autofree char *code_text = shou_protocol_json_code (fault_object, "code");
  const char *sub_code = shou_protocol_json_string (fault_object, "sub_code");
  gint64 code = -1;
  g_autoptr(ShouProtocolFault) fault = NULL;

  if (code_text == NULL || !g_ascii_string_to_signed (code_text, 10, 0, G_MAXINT32, &code, NULL))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                           "TOP error_response without a numeric code");
      return FALSE;
    }
  fault = shou_protocol_fault_new (shou_taobao_classify (code, sub_code), code_text,
                                   shou_protocol_json_string (fault_object, "msg"),
                                   sub_code,
                                   shou_protocol_json_string (fault_object, "sub_msg"),
                                   shou_protocol_json_string (fault_object, "request_id"));
  shou_protocol_fault_set_error (fault, "TOP", error);
  if (out_fault != NULL)
    *out_fault = g_steal_pointer (&fault);
  return FALSE;
}

gboolean
shou_taobao_envelope_read_object (JsonObject         *object,
                                  const char         *method,
                                  JsonNode          **out_payload,
                                  ShouProtocolFault **out_fault,
                                  GError            **error)
{
  g_autofree char *key = NULL;
  JsonNode *payload;

  g_return_val_if_fail (object != NULL && method != NULL, FALSE);

  if (json_object_has_member (object, "error_response"))
    {
      JsonNode *fault = json_object_get_member (object, "error_response");

      if (!JSON_NODE_HOLDS_OBJECT (fault))
        {
          g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                               "TOP error_response is not an object");
          return FALSE;
        }
      return read_error (json_node_get_object (fault), out_fault, error);
    }
  key = shou_taobao_response_key (method);
  payload = json_object_get_member (object, key);
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "TOP response has no %s object", key);
      return FALSE;
    }
  if (out_payload != NULL)
    *out_payload = json_node_copy (payload);
  return TRUE;
}

gboolean
shou_taobao_envelope_read (const char         *body,
                           gssize              length,
                           const char         *method,
                           JsonNode          **out_payload,
                           ShouProtocolFault **out_fault,
                           GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_return_val_if_fail (body != NULL && method != NULL, FALSE);

  object = shou_protocol_parse_object (parser, body, length, "TOP", error);
  return object != NULL && shou_taobao_envelope_read_object (object, method, out_payload, out_fault, error);
}
