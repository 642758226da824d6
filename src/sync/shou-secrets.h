/* shou-secrets.h: API tokens live in the keyring (libsecret; the Secret
 * portal in Flatpak), never in the database, GSettings or logs.
 * SHOUHOU_SECRET_BACKEND=memory selects an in-process test backend, named as
 * such, for tests that run without a session keyring. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  shou_secrets_store_token  (const char  *account_id,
                                     const char  *base_url,
                                     const char  *token,
                                     GError     **error);
/* (transfer full): the token or NULL (error set only on keyring failure). */
char     *shou_secrets_lookup_token (const char  *account_id,
                                     GError     **error);
gboolean  shou_secrets_clear_token  (const char  *account_id,
                                     GError     **error);

G_END_DECLS
