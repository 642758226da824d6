/* shou-platform-tokens.h: the shops' platform authorisations, encrypted at
 * rest. The file holds AES-256-GCM (OpenSSL libcrypto) over a JSON object,
 * with a fresh 96-bit nonce on every save; the 256-bit key comes from a key
 * file (32 raw bytes or 64 hex digits) that the admin creates and keeps
 * apart from backups of the database. A wrong key or a changed byte fails
 * the tag check: nothing is read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *access_token;
  char    *refresh_token;
  gint64   expires_at;          /* unix seconds */
  gint64   refresh_expires_at;  /* unix seconds, 0: unknown */
  char    *owner_id;            /* the platform's shop / mall id */
  gboolean lapsed;              /* authorisation ended: the seller must re-authorise */
} ShouPlatformToken;

void               shou_platform_token_free (ShouPlatformToken *token);
ShouPlatformToken *shou_platform_token_copy (const ShouPlatformToken *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformToken, shou_platform_token_free)

typedef struct _ShouPlatformTokens ShouPlatformTokens;

/* Reads the key from @key_path and the store from @path (absent: empty). */
ShouPlatformTokens *shou_platform_tokens_open   (const char          *path,
                                                 const char          *key_path,
                                                 GError             **error);
void                shou_platform_tokens_free   (ShouPlatformTokens  *self);
/* (transfer full) (nullable) */
ShouPlatformToken  *shou_platform_tokens_get    (ShouPlatformTokens  *self,
                                                 const char          *shop_id);
/* Stores a copy of @token for @shop_id and saves the file. */
gboolean            shou_platform_tokens_put    (ShouPlatformTokens  *self,
                                                 const char          *shop_id,
                                                 const ShouPlatformToken *token,
                                                 GError             **error);
/* Marks @shop_id's authorisation as lapsed and saves. */
gboolean            shou_platform_tokens_set_lapsed (ShouPlatformTokens *self,
                                                 const char          *shop_id,
                                                 GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformTokens, shou_platform_tokens_free)

G_END_DECLS
