/* shou-jd-envelope.c: JOS response envelopes. */
#include "config.h"

#include <string.h>

#include "shou-jd-envelope.h"

ShouProtocolError
shou_jd_classify (const char *code)
{
  if (g_strcmp0 (code, "19") == 0)        /* 无效access_token */
    return SHOU_PROTOCOL_ERROR_SESSION_EXPIRED;
  return SHOU_PROTOCOL_ERROR_OTHER;
}

static gboolean
fail (ShouProtocolError   kind,
      const char         *code,
      JsonObject         *object,
      ShouProtocolFault **out_fault,
      GError            **error)
{
  g_autoptr(ShouProtocolFault) fault =
    shou_protocol_fault_new (kind, code, shou_protocol_json_string (object, "zh_desc"), NULL,
                             shou_protocol_json_string (object, "en_desc"), NULL);

  shou_protocol_fault_set_error (fault, "JOS", error);
  if (out_fault != NULL)
    *out_fault = g_steal_pointer (&fault);
  return FALSE;
}

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "JOS response %s", what);
  return FALSE;
}

gboolean
shou_jd_envelope_read (const char         *body,
                       gssize              length,
                       const char         *method,
                       JsonNode          **out_payload,
                       ShouProtocolFault **out_fault,
                       GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *code = NULL;
  JsonNode *payload;
  JsonObject *object;

  g_return_val_if_fail (body != NULL && method != NULL, FALSE);

  object = shou_protocol_parse_object (parser, body, length, "JOS", error);
  if (object == NULL)
    return FALSE;

  payload = json_object_get_member (object, "error_response");
  if (payload != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (payload))
        return malformed (error, "has an error_response that is not an object");
      code = shou_protocol_json_code (json_node_get_object (payload), "code");
      if (code == NULL)
        return malformed (error, "has an error_response without a code");
      return fail (shou_jd_classify (code), code, json_node_get_object (payload), out_fault, error);
    }

  name = g_strdelimit (g_strdup (method), ".", '_');
  key = g_strconcat (name, "_responce", NULL);
  payload = json_object_get_member (object, key);
  if (payload == NULL)
    {
      g_free (key);
      key = g_strconcat (name, "_response", NULL);
      payload = json_object_get_member (object, key);
    }
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return malformed (error, "has no <method>_responce object");
  code = shou_protocol_json_code (json_node_get_object (payload), "code");
  if (code != NULL && strcmp (code, "0") != 0)
    return fail (SHOU_PROTOCOL_ERROR_BUSINESS, code, json_node_get_object (payload), out_fault, error);
  if (out_payload != NULL)
    *out_payload = json_node_copy (payload);
  return TRUE;
}
