/* shou-taobao-sign.c: TOP request signing (see the header for the rule). */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-taobao-sign.h"

static const char * const method_names[] = { "md5", "hmac", "hmac-sha256" };

const char *
shou_taobao_sign_method_to_string (ShouTaobaoSignMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_names), NULL);
  return method_names[method];
}

gboolean
shou_taobao_sign_method_from_string (const char           *text,
                                     ShouTaobaoSignMethod *out)
{
  guint index = 0;
  gboolean found = shou_protocol_name_index (method_names, G_N_ELEMENTS (method_names), text, &index);

  *out = found ? (ShouTaobaoSignMethod) index : *out;
  return found;
}

char *
shou_taobao_sign (GHashTable           *params,
                  const char           *secret,
                  ShouTaobaoSignMethod  method)
{
  g_autofree char *concat = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  /* The official SDK leaves empty values out (StringUtils.areNotEmpty);
   * bububa/opentaobao never sets them. */
  concat = shou_protocol_concat_sorted (params, "sign", TRUE);
  switch (method)
    {
    case SHOU_TAOBAO_SIGN_MD5:
      {
        g_autofree char *wrapped = g_strconcat (secret, concat, secret, NULL);
        hex = shou_protocol_digest (G_CHECKSUM_MD5, NULL, wrapped);
      }
      break;
    case SHOU_TAOBAO_SIGN_HMAC:
      hex = shou_protocol_digest (G_CHECKSUM_MD5, secret, concat);
      break;
    case SHOU_TAOBAO_SIGN_HMAC_SHA256:
      hex = shou_protocol_digest (G_CHECKSUM_SHA256, secret, concat);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_ascii_strup (hex, -1);
}

GHashTable *
shou_taobao_request_params (const char           *app_key,
                            const char           *secret,
                            const char           *method,
                            const char           *session,
                            gint64                now_usec,
                            ShouTaobaoSignMethod  sign_method,
                            GHashTable           *api_params)
{
  GHashTable *params;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (app_key != NULL && secret != NULL && method != NULL, NULL);

  params = shou_protocol_params_new (app_key, method, shou_protocol_format_cst (now_usec), "2.0");
  if (api_params != NULL)
    {
      g_hash_table_iter_init (&iter, api_params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        /* An empty parameter is not sent: the official Java SDK leaves it
         * out of the sign, the official Go SDK would sign it, and a
         * parameter that is absent is read the same by both. */
        if (!g_hash_table_contains (params, key) && value != NULL && *(const char *) value != '\0')
          g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }
  g_hash_table_remove (params, "sign");
  g_hash_table_insert (params, g_strdup ("format"), g_strdup ("json"));
  g_hash_table_insert (params, g_strdup ("sign_method"),
                       g_strdup (shou_taobao_sign_method_to_string (sign_method)));
  if (session != NULL && *session != '\0')
    g_hash_table_insert (params, g_strdup ("session"), g_strdup (session));
  g_hash_table_insert (params, g_strdup ("sign"), shou_taobao_sign (params, secret, sign_method));
  return params;
}

gboolean
shou_taobao_verify (GHashTable *params,
                    const char *secret)
{
  const char *given;
  const char *method_text;
  ShouTaobaoSignMethod method = SHOU_TAOBAO_SIGN_MD5;
  g_autofree char *expected = NULL;

  g_return_val_if_fail (params != NULL && secret != NULL, FALSE);

  given = g_hash_table_lookup (params, "sign");
  method_text = g_hash_table_lookup (params, "sign_method");
  if (method_text != NULL && !shou_taobao_sign_method_from_string (method_text, &method))
    return FALSE;
  expected = shou_taobao_sign (params, secret, method);
  return shou_protocol_sign_equal (given, expected);
}
