/* shou-platform-checkpoint.c: checkpoints in a key file. */
#include "config.h"

#include "shou-platform-checkpoint.h"

#define GROUP "checkpoints"

struct _ShouPlatformCheckpoints
{
  char     *path;
  GKeyFile *file;
};

ShouPlatformCheckpoints *
shou_platform_checkpoints_open (const char  *path,
                                GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouPlatformCheckpoints *self = g_new0 (ShouPlatformCheckpoints, 1);

  self->path = g_strdup (path);
  self->file = g_key_file_new ();
  if (!g_key_file_load_from_file (self->file, path, G_KEY_FILE_NONE, &local) &&
      !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      shou_platform_checkpoints_free (self);
      return NULL;
    }
  return self;
}

void
shou_platform_checkpoints_free (ShouPlatformCheckpoints *self)
{
  if (self == NULL)
    return;
  g_key_file_free (self->file);
  g_free (self->path);
  g_free (self);
}

gint64
shou_platform_checkpoints_get (ShouPlatformCheckpoints *self,
                               const char              *shop_id)
{
  return g_key_file_get_int64 (self->file, GROUP, shop_id, NULL);
}

gboolean
shou_platform_checkpoints_commit (ShouPlatformCheckpoints  *self,
                                  const char               *shop_id,
                                  gint64                    value,
                                  GError                  **error)
{
  if (value <= shou_platform_checkpoints_get (self, shop_id))
    return TRUE;
  g_key_file_set_int64 (self->file, GROUP, shop_id, value);
  /* g_key_file_save_to_file writes a temporary file and renames it. */
  return g_key_file_save_to_file (self->file, self->path, error);
}

gboolean
shou_platform_checkpoints_reset (ShouPlatformCheckpoints  *self,
                                 const char               *shop_id,
                                 gint64                    value,
                                 GError                  **error)
{
  g_key_file_set_int64 (self->file, GROUP, shop_id, value);
  return g_key_file_save_to_file (self->file, self->path, error);
}
