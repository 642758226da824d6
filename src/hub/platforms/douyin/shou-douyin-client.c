/* shou-douyin-client.c: 抖店 open platform calls and authorisation. */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-client.h"
#include "shou-douyin-envelope.h"
#include "shou-douyin-sign.h"

typedef struct
{
  ShouDouyinClient *self;
  const char       *path;
  const char       *access_token;
  JsonObject       *params;
} Call;

/* The query in name order (the SDK's map has none; any order is valid). */
static char *
query_of (GHashTable *params)
{
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
  GString *query = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = g_uri_escape_string (g_hash_table_lookup (params, l->data), NULL, FALSE);

      g_string_append_printf (query, "%s%s=%s", query->len ? "&" : "", (char *) l->data, value);
    }
  return g_string_free (query, FALSE);
}

static gpointer
attempt (gpointer   user_data,
         GError   **error)
{
  Call *call = user_data;
  ShouDouyinClient *self = call->self;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;

  json_node_take_object (node, call->params ? json_object_ref (call->params) : json_object_new ());
  query = shou_douyin_request_params (self->app_key, self->app_secret, call->path, call->access_token,
                                      shou_platform_client_now (self), node, &body, error);
  if (query == NULL)
    return NULL;
  text = query_of (query);
  url = g_strdup_printf ("%s/%s?%s", self->endpoint, call->path, text);
  /* The SDK asks for the new error codes the envelope module reads. */
  answer = shou_platform_http_send (self->http, url, "application/json;charset=utf-8", g_steal_pointer (&body),
                                    "x-open-no-old-err-code", "1", error);
  if (answer == NULL ||
      !shou_douyin_envelope_read (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &data, NULL, error))
    return NULL;
  return json_object_ref (json_node_get_object (data));
}

JsonObject *
shou_douyin_client_call (ShouDouyinClient  *self,
                         const char        *shop_id,
                         const char        *path,
                         const char        *access_token,
                         JsonObject        *params,
                         GError           **error)
{
  Call call = { self, path, access_token, params };

  return shou_platform_client_call (self, shop_id, attempt, &call, error);
}

/* Authorisation */

char *
shou_douyin_oauth_url (const char *service_id,
                       const char *state)
{
  g_autofree char *id = g_uri_escape_string (service_id, NULL, FALSE);
  g_autofree char *st = g_uri_escape_string (state ? state : "", NULL, FALSE);

  return g_strdup_printf ("%s?service_id=%s&state=%s", SHOU_DOUYIN_AUTH_PAGE, id, st);
}

/* token/create and token/refresh answer data {access_token, expires_in,
 * refresh_token, scope, shop_id, shop_name, authority_id}. The official
 * SDK documents expires_in once as seconds to live (core/
 * create_token_request.go: "超时时间，单位（秒），默认有效期：7天") and once
 * as a time stamp (api/token_create: "过期时间(秒级时间戳)"): a value past
 * 2001 is read as a time stamp, a smaller one as seconds to live. The
 * refresh token lives 14 days ("有效期：14 天"). */
static ShouPlatformToken *
read_token (JsonObject  *data,
            gint64       now_unix,
            GError     **error)
{
  const char *access = shou_protocol_json_string (data, "access_token");
  g_autofree char *expires_text = shou_protocol_json_code (data, "expires_in");
  gint64 expires = expires_text ? g_ascii_strtoll (expires_text, NULL, 10) : 0;
  ShouPlatformToken *token;

  if (access == NULL || *access == '\0')
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "抖店 token: no access_token");
      return NULL;
    }
  token = g_new0 (ShouPlatformToken, 1);
  token->access_token = g_strdup (access);
  token->refresh_token = g_strdup (shou_protocol_json_string (data, "refresh_token"));
  token->owner_id = shou_protocol_json_code (data, "shop_id");
  token->expires_at = expires > 1000000000 ? expires : now_unix + (expires > 0 ? expires : 7 * 86400);
  token->refresh_expires_at = now_unix + 14 * 86400;
  return token;
}

static ShouPlatformToken *
token_call (ShouDouyinClient  *self,
            const char        *path,
            const char        *grant_type,
            const char        *name,
            const char        *value,
            GError           **error)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) data = NULL;

  json_object_set_string_member (params, "grant_type", grant_type);
  json_object_set_string_member (params, name, value);
  data = shou_douyin_client_call (self, NULL, path, NULL, params, error);
  return data ? read_token (data, shou_platform_client_now (self) / G_USEC_PER_SEC, error) : NULL;
}

ShouPlatformToken *
shou_douyin_oauth_exchange (ShouDouyinClient  *self,
                            const char        *code,
                            GError           **error)
{
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) data = NULL;
  gint64 shop;

  if (!g_str_has_prefix (code, SHOU_DOUYIN_SELF_PREFIX))
    return token_call (self, "token/create", "authorization_code", "code", code, error);
  /* A self-use app: no code, the shop's id (core/access_token_builder.go). */
  if (!g_ascii_string_to_signed (code + strlen (SHOU_DOUYIN_SELF_PREFIX), 10, 1, G_MAXINT64, &shop, error))
    return NULL;
  params = json_object_new ();
  json_object_set_string_member (params, "code", "");
  json_object_set_string_member (params, "grant_type", "authorization_self");
  json_object_set_int_member (params, "shop_id", shop);
  data = shou_douyin_client_call (self, NULL, "token/create", NULL, params, error);
  return data ? read_token (data, shou_platform_client_now (self) / G_USEC_PER_SEC, error) : NULL;
}

ShouPlatformToken *
shou_douyin_oauth_refresh (ShouDouyinClient  *self,
                           const char        *refresh_token,
                           GError           **error)
{
  return token_call (self, "token/refresh", "refresh_token", "refresh_token", refresh_token, error);
}
