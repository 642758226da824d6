/* shou-pdd-sign.c: Pinduoduo's MD5 request signature. */
#include "config.h"

#include "shou-pdd-sign.h"

static gboolean
append_pair (gpointer key,
             gpointer value,
             gpointer user_data)
{
  if (!g_str_equal (key, "sign"))
    {
      g_checksum_update (user_data, key, -1);
      g_checksum_update (user_data, value, -1);
    }
  return FALSE;
}

char *
shou_pdd_sign (ShouPlatformParams *params,
               const char         *client_secret)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);

  g_return_val_if_fail (params != NULL && client_secret != NULL, NULL);
  g_checksum_update (md5, (const guchar *) client_secret, -1);
  g_tree_foreach (params, append_pair, md5);
  g_checksum_update (md5, (const guchar *) client_secret, -1);
  return g_ascii_strup (g_checksum_get_string (md5), -1);
}

void
shou_pdd_sign_request (ShouPlatformParams *params,
                       const char         *type,
                       const char         *client_id,
                       const char         *client_secret,
                       const char         *access_token,
                       gint64              timestamp)
{
  g_autofree char *sign = NULL;

  shou_platform_params_set (params, "type", type);
  shou_platform_params_set (params, "client_id", client_id);
  shou_platform_params_set_int (params, "timestamp", timestamp);
  shou_platform_params_set (params, "data_type", "JSON");
  if (access_token != NULL)
    shou_platform_params_set (params, "access_token", access_token);
  sign = shou_pdd_sign (params, client_secret);
  shou_platform_params_set (params, "sign", sign);
}
