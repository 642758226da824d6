/* shou-pdd-error.c: Pinduoduo's error_response. */
#include "config.h"

#include "shou-pdd-error.h"

/* Pinduoduo's error codes. Verified in the pdd-node-sdk's
 * packages/core/src/exceptions/pdd-response.exception.ts (1.0.1-alpha.2):
 * 10019, 52101, 52102, 52103, 70031. Not found in any SDK read, so marked
 * unverified in tests/data/platforms/README.md: 20031 and 20032. Every other
 * code is a business error with its sub-code. */
static const struct
{
  gint64            code;
  ShouProtocolError kind;
} codes[] = {
  { 10019, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED },  /* access_token已过期 */
  { 52101, SHOU_PROTOCOL_ERROR_RATE_LIMITED },     /* 当前接口被限流，请稍后重试 */
  { 52102, SHOU_PROTOCOL_ERROR_UNAVAILABLE },      /* 当前接口暂时不可用，请稍后重试 */
  { 52103, SHOU_PROTOCOL_ERROR_UNAVAILABLE },      /* 服务暂时不可用，请稍后重试 */
  { 70031, SHOU_PROTOCOL_ERROR_RATE_LIMITED },     /* 调用过于频繁，请调整调用频率 */
  { 20031, SHOU_PROTOCOL_ERROR_NO_PERMISSION },    /* unverified: no permission for the API */
  { 20032, SHOU_PROTOCOL_ERROR_NO_PERMISSION },    /* unverified: the shop did not grant it */
};

ShouProtocolError
shou_pdd_error_kind (gint64 error_code)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i].code == error_code)
      return codes[i].kind;
  return SHOU_PROTOCOL_ERROR_BUSINESS;
}

ShouProtocolFault *
shou_pdd_error_read (JsonObject *answer)
{
  JsonObject *e;
  g_autofree char *code = NULL;
  g_autofree char *sub_code = NULL;

  if (!json_object_has_member (answer, "error_response"))
    return NULL;
  e = json_object_get_object_member (answer, "error_response");
  if (e == NULL)
    return shou_protocol_fault_new (SHOU_PROTOCOL_ERROR_MALFORMED, NULL, "error_response", NULL, NULL, NULL);
  code = shou_protocol_json_code (e, "error_code");
  sub_code = shou_protocol_json_code (e, "sub_code");
  return shou_protocol_fault_new (code ? shou_pdd_error_kind (g_ascii_strtoll (code, NULL, 10))
                                       : SHOU_PROTOCOL_ERROR_MALFORMED,
                                  code, json_object_get_string_member_with_default (e, "error_msg", ""),
                                  sub_code && *sub_code ? sub_code : NULL,
                                  json_object_get_string_member_with_default (e, "sub_msg", NULL),
                                  json_object_get_string_member_with_default (e, "request_id", NULL));
}

JsonObject *
shou_pdd_error_check (JsonObject  *answer,
                      const char  *response_key,
                      GError     **error)
{
  g_autoptr(ShouProtocolFault) fault = shou_pdd_error_read (answer);
  JsonNode *body;

  if (fault != NULL)
    {
      shou_protocol_fault_set_error (fault, "pdd", error);
      return NULL;
    }
  body = json_object_get_member (answer, response_key);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "The answer has no \"%s\"", response_key);
      return NULL;
    }
  return json_node_get_object (body);
}
