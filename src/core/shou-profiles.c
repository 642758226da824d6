/* shou-profiles.c: the set of profiles in a directory, the current one per
 * platform, and the default set the app loads once. */
#include "config.h"

#include "shou-profile-private.h"

/* ShouProfiles */

struct _ShouProfiles
{
  ShouProfile *current[SHOU_N_PLATFORMS];
  GPtrArray   *all;
};

void
shou_profiles_free (ShouProfiles *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < SHOU_N_PLATFORMS; i++)
    g_clear_pointer (&self->current[i], shou_profile_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_free (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

ShouProfiles *
shou_profiles_load_dir (GFile   *dir,
                        GError **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShouProfiles) self = NULL;
  g_autofree char *dir_path = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir_path = g_file_get_path (dir);
  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, error);
  if (enumerator == NULL)
    {
      g_prefix_error (error, "%s: ", dir_path ? dir_path : "profiles");
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  /* Deterministic order, so the first bad file reported is always the same. */
  g_ptr_array_sort (names, compare_names);

  self = g_new0 (ShouProfiles, 1);
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_profile_unref);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) file = g_file_get_child (dir, name);
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".json"));
      ShouProfile *profile;
      ShouPlatform platform;
      gboolean is_current;
      char *dash;

      profile = shou_profile_new_from_file (file, error);
      if (profile == NULL)
        return NULL;
      g_ptr_array_add (self->all, profile);

      dash = strchr (stem, '-');
      if (dash != NULL)
        *dash = '\0';
      is_current = dash == NULL;
      if (!shou_platform_from_string (stem, &platform))
        {
          g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID,
                       "%s: file name must be <platform>.json or <platform>-<version>.json",
                       name);
          return NULL;
        }
      if (platform != profile->platform)
        {
          g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID,
                       "%s: platform: \"%s\" does not match the file name (\"%s\")",
                       name, shou_platform_to_string (profile->platform),
                       shou_platform_to_string (platform));
          return NULL;
        }
      if (!is_current && g_strcmp0 (dash + 1, profile->version) != 0)
        {
          g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_INVALID,
                       "%s: version: \"%s\" does not match the file name (\"%s\")",
                       name, profile->version, dash + 1);
          return NULL;
        }
      if (is_current)
        self->current[platform] = shou_profile_ref (profile);
    }

  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      if (self->current[p] == NULL)
        {
          g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_NOT_FOUND,
                       "%s.json: no current profile for platform \"%s\" in %s",
                       shou_platform_to_string (p), shou_platform_to_string (p),
                       dir_path ? dir_path : "the profiles folder");
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

ShouProfiles *
shou_profiles_get_default (void)
{
  static gsize initialized = 0;
  static ShouProfiles *profiles = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GString) errors = g_string_new (NULL);
      const char *env = g_getenv ("SHOU_PROFILES_DIR");
      const char *candidates[3];
      guint n = 0;
      ShouProfiles *loaded = NULL;

      if (env != NULL && env[0] != '\0')
        candidates[n++] = env;
      else
        {
          candidates[n++] = PKGDATADIR "/profiles";
          candidates[n++] = SOURCE_DATADIR "/profiles";
        }

      for (guint i = 0; i < n && loaded == NULL; i++)
        {
          g_autoptr(GFile) dir = g_file_new_for_path (candidates[i]);
          g_autoptr(GError) error = NULL;

          loaded = shou_profiles_load_dir (dir, &error);
          if (loaded == NULL)
            g_string_append_printf (errors, "\n  %s: %s", candidates[i], error->message);
        }

      if (loaded == NULL)
        g_error ("Shouhou cannot load its platform rule profiles:%s", errors->str);

      profiles = loaded;
      g_once_init_leave (&initialized, 1);
    }

  return profiles;
}

ShouProfile *
shou_profiles_get (ShouProfiles *self,
                   ShouPlatform  platform)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) platform < SHOU_N_PLATFORMS, NULL);
  return self->current[platform];
}

ShouProfile *
shou_profiles_get_version (ShouProfiles *self,
                           ShouPlatform  platform,
                           const char   *version)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->all->len; i++)
    {
      ShouProfile *profile = g_ptr_array_index (self->all, i);

      if (profile->platform == platform && g_strcmp0 (profile->version, version) == 0)
        return profile;
    }
  return NULL;
}

guint
shou_profiles_get_n_profiles (ShouProfiles *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->all->len;
}

ShouProfile *
shou_profiles_get_nth (ShouProfiles *self,
                       guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->all->len, NULL);
  return g_ptr_array_index (self->all, index);
}
