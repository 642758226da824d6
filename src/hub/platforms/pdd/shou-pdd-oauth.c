/* shou-pdd-oauth.c: Pinduoduo authorisation. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/shou-platform-session.h"
#include "shou-pdd-oauth.h"

char *
shou_pdd_oauth_url (const char *client_id,
                    const char *redirect_uri,
                    const char *state)
{
  return shou_platform_oauth_url (SHOU_PDD_AUTH_PAGE, client_id, redirect_uri, state);
}

char *
shou_pdd_oauth_code_from_paste (const char *pasted)
{
  return shou_platform_code_from_paste (pasted);
}

static gint64
int_or_text (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static ShouPlatformToken *
read_token (JsonObject *o,
            gint64      now_unix,
            GError    **error)
{
  ShouPlatformToken *token;
  const char *access = json_object_get_string_member_with_default (o, "access_token", NULL);

  if (access == NULL || *access == '\0')
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "No access_token in the answer");
      return NULL;
    }
  token = g_new0 (ShouPlatformToken, 1);
  token->access_token = g_strdup (access);
  token->refresh_token = g_strdup (json_object_get_string_member_with_default (o, "refresh_token", NULL));
  token->owner_id = g_strdup (json_object_get_string_member_with_default (o, "owner_id", NULL));
  token->expires_at = int_or_text (o, "expires_at");
  if (token->expires_at == 0)
    token->expires_at = now_unix + int_or_text (o, "expires_in");
  token->refresh_expires_at = int_or_text (o, "refresh_token_expires_at");
  if (token->refresh_expires_at == 0 && int_or_text (o, "refresh_token_expires_in") > 0)
    token->refresh_expires_at = now_unix + int_or_text (o, "refresh_token_expires_in");
  return token;
}

static ShouPlatformToken *
token_call (ShouPddClient  *client,
            const char     *type,
            const char     *name,
            const char     *value,
            const char     *response_key,
            GError        **error)
{
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;

  shou_platform_params_set (biz, name, value);
  if (g_str_equal (name, "code"))
    shou_platform_params_set (biz, "grant_type", "authorization_code");
  answer = shou_pdd_client_call (client, NULL, type, NULL, biz, response_key, error);
  return answer ? read_token (answer, shou_platform_client_now (client) / G_USEC_PER_SEC, error) : NULL;
}

ShouPlatformToken *
shou_pdd_oauth_exchange (ShouPddClient  *client,
                         const char     *code,
                         GError        **error)
{
  return token_call (client, "pdd.pop.auth.token.create", "code", code,
                     "pop_auth_token_create_response", error);
}

ShouPlatformToken *
shou_pdd_oauth_refresh (ShouPddClient  *client,
                        const char     *refresh_token,
                        GError        **error)
{
  return token_call (client, "pdd.pop.auth.token.refresh", "refresh_token", refresh_token,
                     "pop_auth_token_refresh_response", error);
}
