/* shou-jd-sign.c: JOS request signing (see the header for the rule). */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-jd-sign.h"

char *
shou_jd_sign (GHashTable *params,
              const char *secret)
{
  g_autofree char *concat = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (params != NULL && secret != NULL, NULL);

  concat = shou_protocol_concat_sorted (params, "sign", TRUE);
  wrapped = g_strconcat (secret, concat, secret, NULL);
  hex = shou_protocol_digest (G_CHECKSUM_MD5, NULL, wrapped);
  return g_ascii_strup (hex, -1);
}

char *
shou_jd_timestamp (gint64 now_usec)
{
  g_autofree char *seconds = shou_protocol_format_cst (now_usec);
  gint64 millis = (now_usec % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC / 1000;

  return g_strdup_printf ("%s.%03d+0800", seconds, (int) millis);
}

GHashTable *
shou_jd_request_params (const char  *app_key,
                        const char  *secret,
                        const char  *method,
                        const char  *access_token,
                        gint64       now_usec,
                        JsonNode    *params,
                        GError     **error)
{
  g_autofree char *json = NULL;
  GHashTable *out;

  g_return_val_if_fail (app_key != NULL && secret != NULL && method != NULL, NULL);

  json = shou_protocol_sorted_json (params, error);
  if (json == NULL)
    return NULL;
  out = shou_protocol_params_new (app_key, method, shou_jd_timestamp (now_usec), "2.0");
  g_hash_table_insert (out, g_strdup ("360buy_param_json"), g_steal_pointer (&json));
  if (access_token != NULL && *access_token != '\0')
    g_hash_table_insert (out, g_strdup ("access_token"), g_strdup (access_token));
  g_hash_table_insert (out, g_strdup ("sign"), shou_jd_sign (out, secret));
  return out;
}

gboolean
shou_jd_verify (GHashTable *params,
                const char *secret)
{
  g_autofree char *expected = NULL;

  g_return_val_if_fail (params != NULL && secret != NULL, FALSE);
  expected = shou_jd_sign (params, secret);
  return shou_protocol_sign_equal (g_hash_table_lookup (params, "sign"), expected);
}
