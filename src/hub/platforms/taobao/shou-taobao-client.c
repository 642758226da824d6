/* shou-taobao-client.c: TOP gateway calls and authorisation. */
#include "config.h"

#include <string.h>

#include "hub/platforms/shou-platform-session.h"
#include "shou-taobao-client.h"
#include "shou-taobao-envelope.h"
#include "shou-taobao-sign.h"

typedef struct
{
  ShouTaobaoClient   *self;
  const char         *method;
  const char         *session;
  ShouPlatformParams *biz;
  const ShouTaobaoFile *file;   /* nullable: a byte[] parameter */
} Call;

static gboolean
copy_into_table (gpointer key,
                 gpointer value,
                 gpointer table)
{
  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
  return FALSE;
}

static gpointer
attempt (gpointer   user_data,
         GError   **error)
{
  Call *call = user_data;
  ShouTaobaoClient *self = call->self;
  g_autoptr(GHashTable) api = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) signed_params = NULL;
  g_autoptr(GTree) form = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) payload = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (call->biz != NULL)
    g_tree_foreach (call->biz, copy_into_table, api);
  signed_params = shou_taobao_request_params (self->app_key, self->app_secret, call->method, call->session,
                                              shou_platform_client_now (self), SHOU_TAOBAO_SIGN_HMAC_SHA256, api);
  g_hash_table_iter_init (&iter, signed_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    shou_platform_params_set (form, key, value);
  /* A byte[] parameter is not signed (TOP's rule: "除去sign参数和byte[]类型
   * 的参数"; bububa/opentaobao core/client.go sign() skips IsFile()), so
   * the sign above covers the text fields only. */
  if (call->file != NULL)
    answer = shou_platform_http_post_multipart (self->http, self->endpoint, form, call->file->field,
                                                call->file->name, call->file->content_type,
                                                call->file->bytes, error);
  else
    answer = shou_platform_http_post (self->http, self->endpoint, form, FALSE, error);
  if (answer == NULL ||
      !shou_taobao_envelope_read_object (answer, call->method, &payload, NULL, error))
    return NULL;
  return json_object_ref (json_node_get_object (payload));
}

JsonObject *
shou_taobao_client_call (ShouTaobaoClient   *self,
                         const char         *shop_id,
                         const char         *method,
                         const char         *session,
                         ShouPlatformParams *biz,
                         GError            **error)
{
  Call call = { self, method, session, biz, NULL };

  return shou_platform_client_call (self, shop_id, attempt, &call, error);
}

JsonObject *
shou_taobao_client_call_file (ShouTaobaoClient     *self,
                              const char           *shop_id,
                              const char           *method,
                              const char           *session,
                              ShouPlatformParams   *biz,
                              const ShouTaobaoFile *file,
                              GError              **error)
{
  Call call = { self, method, session, biz, file };

  g_return_val_if_fail (file != NULL && file->field != NULL && file->bytes != NULL, NULL);
  return shou_platform_client_call (self, shop_id, attempt, &call, error);
}

/* Authorisation */

char *
shou_taobao_oauth_url (const char *app_key,
                       const char *redirect_uri,
                       const char *state)
{
  return shou_platform_oauth_url (SHOU_TAOBAO_AUTH_PAGE, app_key, redirect_uri, state);
}

static gint64
int_of (JsonObject *o,
        const char *name)
{
  g_autofree char *text = shou_protocol_json_code (o, name);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* token_result is a JSON text inside the answer, with the fields of
 * TOP's OAuth token: access_token, refresh_token, expire_time and
 * refresh_token_valid_time (milliseconds), expires_in, re_expires_in,
 * taobao_user_id. */
static ShouPlatformToken *
read_token (JsonObject  *payload,
            gint64       now_unix,
            GError     **error)
{
  const char *text = shou_protocol_json_string (payload, "token_result");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  ShouPlatformToken *token;
  const char *access;

  o = text ? shou_protocol_parse_object (parser, text, -1, "TOP", error) : NULL;
  if (text == NULL && error != NULL && *error == NULL)
    g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "No token_result in TOP's answer");
  if (o == NULL)
    return NULL;
  access = shou_protocol_json_string (o, "access_token");
  if (access == NULL || *access == '\0')
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "No access_token in token_result");
      return NULL;
    }
  token = g_new0 (ShouPlatformToken, 1);
  token->access_token = g_strdup (access);
  token->refresh_token = g_strdup (shou_protocol_json_string (o, "refresh_token"));
  token->owner_id = shou_protocol_json_code (o, "taobao_user_id");
  token->expires_at = int_of (o, "expire_time") / 1000;
  if (token->expires_at == 0)
    token->expires_at = now_unix + int_of (o, "expires_in");
  token->refresh_expires_at = int_of (o, "refresh_token_valid_time") / 1000;
  if (token->refresh_expires_at == 0 && int_of (o, "re_expires_in") > 0)
    token->refresh_expires_at = now_unix + int_of (o, "re_expires_in");
  return token;
}

static ShouPlatformToken *
token_call (ShouTaobaoClient  *self,
            const char        *method,
            const char        *name,
            const char        *value,
            GError           **error)
{
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) payload = NULL;

  shou_platform_params_set (biz, name, value);
  payload = shou_taobao_client_call (self, NULL, method, NULL, biz, error);
  return payload ? read_token (payload, shou_platform_client_now (self) / G_USEC_PER_SEC, error) : NULL;
}

ShouPlatformToken *
shou_taobao_oauth_exchange (ShouTaobaoClient  *self,
                            const char        *code,
                            GError           **error)
{
  return token_call (self, "taobao.top.auth.token.create", "code", code, error);
}

ShouPlatformToken *
shou_taobao_oauth_refresh (ShouTaobaoClient  *self,
                           const char        *refresh_token,
                           GError           **error)
{
  return token_call (self, "taobao.top.auth.token.refresh", "refresh_token", refresh_token, error);
}
