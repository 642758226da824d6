#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "shou-secrets.h"

/* The test backend keeps tokens in this process only, and says so in its
 * name: it is selected with SHOUHOU_SECRET_BACKEND=memory. */
static GMutex memory_lock;
static GHashTable *memory_test_backend;

static gboolean
use_memory_test_backend (void)
{
  return g_strcmp0 (g_getenv ("SHOUHOU_SECRET_BACKEND"), "memory") == 0;
}

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.shouhou.Shouhou.Token", SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

gboolean
shou_secrets_store_token (const char  *account_id,
                          const char  *base_url,
                          const char  *token,
                          GError     **error)
{
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  if (use_memory_test_backend ())
    {
      g_mutex_lock (&memory_lock);
      if (memory_test_backend == NULL)
        memory_test_backend = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (memory_test_backend, g_strdup (account_id), g_strdup (token));
      g_mutex_unlock (&memory_lock);
      return TRUE;
    }

  label = g_strdup_printf (_("Shouhou API token for %s"), base_url ? base_url : account_id);
  if (secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label,
                                  token, NULL, &local_error, "account-id", account_id, NULL))
    return TRUE;

  /* A fresh session may have no login collection and no prompter to create
   * one (seen under dbus-run-session). Keep the token in this process only:
   * it never reaches the disk, and the seller enters it again after a
   * restart (the demo gets a fresh one from its simulator every start). */
  g_message ("Keyring unavailable (%s); keeping the token for this session only",
             local_error->message);
  g_mutex_lock (&memory_lock);
  if (memory_test_backend == NULL)
    memory_test_backend = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (memory_test_backend, g_strdup (account_id), g_strdup (token));
  g_mutex_unlock (&memory_lock);
  return TRUE;
}

/* libsecret's and D-Bus's messages are English ("The name org.freedesktop.
 * secrets was not provided…"): the log gets them, the seller a summary. */
static void
keyring_error (GError       **error,
               const GError  *cause)
{
  g_debug ("Keyring: %s", cause->message);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("the system keyring is not available"));
}

char *
shou_secrets_lookup_token (const char  *account_id,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *ret;

  g_return_val_if_fail (account_id != NULL, NULL);

  g_mutex_lock (&memory_lock);
  ret = memory_test_backend ? g_strdup (g_hash_table_lookup (memory_test_backend, account_id)) : NULL;
  g_mutex_unlock (&memory_lock);
  if (ret != NULL || use_memory_test_backend ())
    return ret;

  secret = secret_password_lookup_sync (token_schema (), NULL, &local_error,
                                        "account-id", account_id, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }
  ret = g_strdup (secret);
  secret_password_free (secret);
  return ret;
}

gboolean
shou_secrets_clear_token (const char  *account_id,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (account_id != NULL, FALSE);

  g_mutex_lock (&memory_lock);
  if (memory_test_backend)
    g_hash_table_remove (memory_test_backend, account_id);
  g_mutex_unlock (&memory_lock);
  if (use_memory_test_backend ())
    return TRUE;

  /* FALSE without an error means there was nothing to clear. */
  if (!secret_password_clear_sync (token_schema (), NULL, &local_error,
                                   "account-id", account_id, NULL) && local_error)
    {
      keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
