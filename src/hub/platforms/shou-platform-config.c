/* shou-platform-config.c: [platform] and [shop ID] of the hub's configuration. */
#include "config.h"

#include <string.h>

#include "pdd/shou-pdd-platform.h"
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
static gboolean
add_shops (GKeyFile         *file,
           const char       *config_path,
           ShouHubStore     *store,
           ShouPddPlatform  *platform,
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

      if (!g_str_has_prefix (groups[i], "shop "))
        continue;
      merchant = g_key_file_get_string (file, groups[i], "merchant", NULL);
      kind = g_key_file_get_string (file, groups[i], "platform", NULL);
      name = g_key_file_get_string (file, groups[i], "name", NULL);
      if (merchant == NULL || g_strcmp0 (kind, "pdd") != 0)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] needs merchant and platform = pdd", groups[i]);
          return FALSE;
        }
      known = shou_hub_store_get_shop (store, id, NULL);
      if (known == NULL &&
          (!shou_hub_store_begin (store, error) ||
           !shou_hub_store_add_shop (store, id, merchant, SHOU_PLATFORM_PDD, name ? name : id, error) ||
           !shou_hub_store_commit (store, error)))
        {
          shou_hub_store_rollback (store);
          return FALSE;
        }
      if (g_key_file_has_key (file, groups[i], "access-token-file", NULL) &&
          g_str_equal (shou_pdd_platform_get_shop_state (platform, id), "none"))
        {
          g_autofree char *token = read_secret (file, config_path, groups[i], "access-token-file", error);

          /* Its lifetime is unknown: a day, then the shop shows as lapsed. */
          if (token == NULL ||
              !shou_pdd_platform_set_token (platform, id, token, NULL,
                                            g_get_real_time () / G_USEC_PER_SEC + 86400, error))
            return FALSE;
        }
    }
  return TRUE;
}

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
  g_autoptr(ShouPddPlatform) platform = NULL;
  ShouPddPlatformOptions options = { 0 };

  if (kind == NULL || g_str_equal (kind, "simulated"))
    return NULL;
  if (!g_str_equal (kind, "pdd"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[platform] kind = %s: this hub knows simulated and pdd", kind);
      return NULL;
    }
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
  token_store = path_of (file, config_path, "platform", "token-store", "pdd-tokens.enc");
  checkpoints = path_of (file, config_path, "platform", "checkpoint-file", "pdd-checkpoints.ini");
  endpoint = g_key_file_get_string (file, "platform", "endpoint", NULL);
  options.client_id = client_id;
  options.client_secret = secret;
  options.endpoint = endpoint;
  options.token_store = token_store;
  options.token_key_file = key_file;
  options.checkpoint_file = checkpoints;
  /* The hub pulls in its main loop: a pull starts no window after 2 s. */
  options.pull_budget = 2 * G_USEC_PER_SEC;
  if (g_key_file_has_key (file, "platform", "pull-from-hours", NULL))
    options.first_from = g_get_real_time () / G_USEC_PER_SEC -
                         3600 * MAX (g_key_file_get_int64 (file, "platform", "pull-from-hours", NULL), 1);
  platform = shou_pdd_platform_new (store, &options, error);
  if (platform == NULL || !add_shops (file, config_path, store, platform, error))
    return NULL;
  return SHOU_HUB_PLATFORM (g_steal_pointer (&platform));
}
