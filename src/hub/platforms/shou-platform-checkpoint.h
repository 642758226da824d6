/* shou-platform-checkpoint.h: per-shop pull checkpoints, kept in a small
 * file beside the hub's database. A checkpoint is written only once a
 * window was read in full, and the file is replaced atomically, so a crash
 * mid-window repeats that window instead of skipping it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ShouPlatformCheckpoints ShouPlatformCheckpoints;

/* Reads @path if it exists. (transfer full) */
ShouPlatformCheckpoints *shou_platform_checkpoints_open   (const char               *path,
                                                           GError                  **error);
void                     shou_platform_checkpoints_free   (ShouPlatformCheckpoints  *self);
/* Unix seconds up to which @shop_id's changes were read, or 0. */
gint64                   shou_platform_checkpoints_get    (ShouPlatformCheckpoints  *self,
                                                           const char               *shop_id);
/* Records and saves @value for @shop_id (never moves backwards). */
gboolean                 shou_platform_checkpoints_commit (ShouPlatformCheckpoints  *self,
                                                           const char               *shop_id,
                                                           gint64                    value,
                                                           GError                  **error);
/* Sets @shop_id's @value even backwards (an audit starting over). */
gboolean                 shou_platform_checkpoints_reset  (ShouPlatformCheckpoints  *self,
                                                           const char               *shop_id,
                                                           gint64                    value,
                                                           GError                  **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformCheckpoints, shou_platform_checkpoints_free)

G_END_DECLS
