/* shou-douyin-sign.c: 抖店 request signing (see the header for the rule). */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-sign.h"

char *
shou_douyin_method_from_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (*path == '/')
    path++;
  return g_strdelimit (g_strdup (path), "/", '.');
}

char *
shou_douyin_param_json (JsonNode  *params,
                        GError   **error)
{
  return shou_protocol_sorted_json (params, error);
}

char *
shou_douyin_sign (const char           *app_key,
                  const char           *secret,
                  const char           *method,
                  gint64                timestamp,
                  const char           *param_json,
                  ShouDouyinSignMethod  sign_method)
{
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (app_key != NULL && secret != NULL && method != NULL, NULL);
  g_return_val_if_fail (param_json != NULL, NULL);

  pattern = g_strdup_printf ("%sapp_key%smethod%sparam_json%stimestamp%" G_GINT64_FORMAT "v2%s",
                             secret, app_key, method, param_json, timestamp, secret);
  if (sign_method == SHOU_DOUYIN_SIGN_MD5)
    return shou_protocol_digest (G_CHECKSUM_MD5, NULL, pattern);
  return shou_protocol_digest (G_CHECKSUM_SHA256, secret, pattern);
}

GHashTable *
shou_douyin_request_params (const char  *app_key,
                            const char  *secret,
                            const char  *path,
                            const char  *access_token,
                            gint64       now_usec,
                            JsonNode    *params,
                            char       **out_body,
                            GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *method = NULL;
  gint64 timestamp = now_usec / G_USEC_PER_SEC;
  GHashTable *query;

  g_return_val_if_fail (app_key != NULL && secret != NULL && path != NULL, NULL);
  g_return_val_if_fail (out_body != NULL, NULL);

  body = shou_douyin_param_json (params, error);
  if (body == NULL)
    return NULL;
  method = shou_douyin_method_from_path (path);
  query = shou_protocol_params_new (app_key, method,
                                    g_strdup_printf ("%" G_GINT64_FORMAT, timestamp), "2");
  g_hash_table_insert (query, g_strdup ("sign_method"), g_strdup ("hmac-sha256"));
  g_hash_table_insert (query, g_strdup ("sign"),
                       shou_douyin_sign (app_key, secret, method, timestamp, body,
                                         SHOU_DOUYIN_SIGN_HMAC_SHA256));
  if (access_token != NULL && *access_token != '\0')
    g_hash_table_insert (query, g_strdup ("access_token"), g_strdup (access_token));
  *out_body = g_steal_pointer (&body);
  return query;
}

gboolean
shou_douyin_verify (GHashTable *query,
                    const char *param_json,
                    const char *secret)
{
  const char *app_key, *method, *timestamp_text, *v, *method_text;
  ShouDouyinSignMethod sign_method;
  gint64 timestamp;
  g_autofree char *expected = NULL;

  g_return_val_if_fail (query != NULL && secret != NULL, FALSE);

  app_key = g_hash_table_lookup (query, "app_key");
  method = g_hash_table_lookup (query, "method");
  timestamp_text = g_hash_table_lookup (query, "timestamp");
  v = g_hash_table_lookup (query, "v");
  method_text = g_hash_table_lookup (query, "sign_method");
  if (app_key == NULL || method == NULL || timestamp_text == NULL || param_json == NULL ||
      g_strcmp0 (v, "2") != 0 ||
      !g_ascii_string_to_signed (timestamp_text, 10, 0, G_MAXINT64, &timestamp, NULL))
    return FALSE;
  /* The guide: sign_method absent means md5. */
  if (g_strcmp0 (method_text, "hmac-sha256") == 0)
    sign_method = SHOU_DOUYIN_SIGN_HMAC_SHA256;
  else if (method_text == NULL || strcmp (method_text, "md5") == 0)
    sign_method = SHOU_DOUYIN_SIGN_MD5;
  else
    return FALSE;
  expected = shou_douyin_sign (app_key, secret, method, timestamp, param_json, sign_method);
  return shou_protocol_sign_equal (g_hash_table_lookup (query, "sign"), expected);
}
