/* shou-platform-config.c: [platform] and [shop ID] of the hub's configuration. */
#include "config.h"

#include <string.h>

#include "douyin/shou-douyin-platform.h"
#include "pdd/shou-pdd-platform.h"
#include "taobao/shou-taobao-platform.h"
#include "shou-platform-config.h"

static char *
path_of (GKeyFile   *file,
         const char *config_path,
         const char *group,
         const char *key,
         const char *fallback)
{
  g_autofree char *value = g_key_file_get_string (file, group, key, NULL);
  g_autofree char *dir = g_path_get_dirname (config_path);

  if (value == NULL && fallback == NULL)
    return NULL;
  if (value != NULL && g_path_is_absolute (value))
    return g_steal_pointer (&value);
  return g_build_filename (dir, value ? value : fallback, NULL);
}

static char *
read_secret (GKeyFile    *file,
             const char  *config_path,
             const char  *group,
             const char  *key,
             GError     **error)
{
  g_autofree char *path = path_of (file, config_path, group, key, NULL);
  char *text = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND, "[%s] needs %s", group, key);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return g_strstrip (text);
}

/* [shop ID] groups of @kind: added to the store once; an access-token-file
 * seeds the token store when the shop has no token yet. */
/* The shop platforms an adapter @kind serves. */
static gboolean
serves (const char   *kind,
        const char   *shop_platform,
        ShouPlatform *out)
{
  if (g_strcmp0 (kind, "pdd") == 0 && g_strcmp0 (shop_platform, "pdd") == 0)
    *out = SHOU_PLATFORM_PDD;
  else if (g_strcmp0 (kind, "taobao") == 0 && g_strcmp0 (shop_platform, "taobao") == 0)
    *out = SHOU_PLATFORM_TAOBAO;
  else if (g_strcmp0 (kind, "taobao") == 0 && g_strcmp0 (shop_platform, "tmall") == 0)
    *out = SHOU_PLATFORM_TMALL;
  else if (g_strcmp0 (kind, "douyin") == 0 && g_strcmp0 (shop_platform, "douyin") == 0)
    *out = SHOU_PLATFORM_DOUYIN;
  else
    return FALSE;
  return TRUE;
}

static gboolean
add_shops (GKeyFile         *file,
           const char       *config_path,
           ShouHubStore     *store,
           const char       *adapter,
           ShouHubPlatform  *platform,
           GError          **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *id = groups[i] + strlen ("shop ");
      g_autofree char *merchant = NULL;
      g_autofree char *kind = NULL;
      g_autofree char *name = NULL;
      g_autofree char *known = NULL;
      ShouPlatform which;

      if (!g_str_has_prefix (groups[i], "shop "))
        continue;
      merchant = g_key_file_get_string (file, groups[i], "merchant", NULL);
      kind = g_key_file_get_string (file, groups[i], "platform", NULL);
      name = g_key_file_get_string (file, groups[i], "name", NULL);
      if (merchant == NULL || !serves (adapter, kind, &which))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] needs merchant and a platform the [platform] kind %s serves (pdd: pdd; taobao: taobao or tmall; douyin: douyin)",
                       groups[i], adapter);
          return FALSE;
        }
      known = shou_hub_store_get_shop (store, id, NULL);
      if (known == NULL &&
          (!shou_hub_store_begin (store, error) ||
           !shou_hub_store_add_shop (store, id, merchant, which, name ? name : id, error) ||
           !shou_hub_store_commit (store, error)))
        {
          shou_hub_store_rollback (store);
          return FALSE;
        }
      if (g_key_file_has_key (file, groups[i], "access-token-file", NULL) &&
          g_strcmp0 (shou_hub_platform_shop_state (platform, id), "none") == 0)
        {
          g_autofree char *token = read_secret (file, config_path, groups[i], "access-token-file", error);

          /* Its lifetime is unknown: a day, then the shop shows as lapsed. */
          if (token == NULL ||
              !shou_hub_platform_set_token (platform, id, token,
                                            g_get_real_time () / G_USEC_PER_SEC + 86400, error))
            return FALSE;
        }
    }
  return TRUE;
}

#define REDIRECT_KEY "shou-platform-redirect-uri"

ShouHubPlatform *
shou_platform_config_create (GKeyFile      *file,
                             const char    *config_path,
                             ShouHubStore  *store,
                             GError       **error)
{
  g_autofree char *kind = g_key_file_get_string (file, "platform", "kind", NULL);
  g_autofree char *client_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *token_store = NULL;
  g_autofree char *checkpoints = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *default_tokens = NULL;
  g_autofree char *default_checkpoints = NULL;
  g_autoptr(ShouHubPlatform) platform = NULL;
  ShouPlatformOptions options = { 0 };

  if (kind == NULL || g_str_equal (kind, "simulated"))
    return NULL;
  if (!g_str_equal (kind, "pdd") && !g_str_equal (kind, "taobao") && !g_str_equal (kind, "douyin"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[platform] kind = %s: this hub knows simulated, pdd, taobao and douyin", kind);
      return NULL;
    }
  default_tokens = g_strconcat (kind, "-tokens.enc", NULL);
  default_checkpoints = g_strconcat (kind, "-checkpoints.ini", NULL);
  client_id = g_key_file_get_string (file, "platform", "client-id", error);
  if (client_id == NULL)
    return NULL;
  secret = read_secret (file, config_path, "platform", "client-secret-file", error);
  key_file = path_of (file, config_path, "platform", "token-key-file", NULL);
  if (secret == NULL)
    return NULL;
  if (key_file == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND, "[platform] needs token-key-file");
      return NULL;
    }
  token_store = path_of (file, config_path, "platform", "token-store", default_tokens);
  checkpoints = path_of (file, config_path, "platform", "checkpoint-file", default_checkpoints);
  endpoint = g_key_file_get_string (file, "platform", "endpoint", NULL);
  service_id = g_key_file_get_string (file, "platform", "service-id", NULL);
  options.client_id = client_id;
  options.client_secret = secret;
  options.endpoint = endpoint;
  options.service_id = service_id;
  options.token_store = token_store;
  options.token_key_file = key_file;
  options.checkpoint_file = checkpoints;
  /* The hub pulls in its main loop: a pull starts no window after 2 s. */
  options.pull_budget = 2 * G_USEC_PER_SEC;
  if (g_key_file_has_key (file, "platform", "pull-from-hours", NULL))
    options.first_from = g_get_real_time () / G_USEC_PER_SEC -
                         3600 * MAX (g_key_file_get_int64 (file, "platform", "pull-from-hours", NULL), 1);
  if (g_str_equal (kind, "pdd"))
    platform = (ShouHubPlatform *) shou_pdd_platform_new (store, &options, error);
  else if (g_str_equal (kind, "douyin"))
    platform = (ShouHubPlatform *) shou_douyin_platform_new (store, &options, error);
  else
    platform = (ShouHubPlatform *) shou_taobao_platform_new (store, &options, error);
  if (platform == NULL || !add_shops (file, config_path, store, kind, platform, error))
    return NULL;
  g_object_set_data_full (G_OBJECT (platform), REDIRECT_KEY,
                          g_key_file_get_string (file, "platform", "redirect-uri", NULL), g_free);
  return g_steal_pointer (&platform);
}

const char *
shou_platform_config_get_redirect_uri (ShouHubPlatform *platform)
{
  return platform != NULL ? g_object_get_data (G_OBJECT (platform), REDIRECT_KEY) : NULL;
}
