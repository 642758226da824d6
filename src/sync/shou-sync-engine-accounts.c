/* shou-sync-engine-accounts.c: each account's status, its API client and
 * identity, and its shops before the pull. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "shou-sync-engine-private.h"

/* ---- per-account status ------------------------------------------------ */

G_DEFINE_BOXED_TYPE (ShouAccountStatus, shou_account_status,
                     shou_account_status_copy, shou_account_status_free)

ShouAccountStatus *
shou_account_status_copy (const ShouAccountStatus *status)
{
  ShouAccountStatus *copy = g_new0 (ShouAccountStatus, 1);

  copy->state = status->state;
  copy->since = status->since;
  copy->message = g_strdup (status->message);
  copy->certificate_sha256 = g_strdup (status->certificate_sha256);
  return copy;
}

void
shou_account_status_free (ShouAccountStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->message);
  g_free (status->certificate_sha256);
  g_free (status);
}

void
shou_sync_set_account_status (ShouSyncEngine   *self,
                              const char       *account_id,
                              ShouAccountState  state,
                              gint64            since,
                              const char       *message,
                              const char       *certificate_sha256)
{
  ShouAccountStatus *old = g_hash_table_lookup (self->statuses, account_id);
  ShouAccountStatus *status;

  if (old != NULL && old->state == state && old->since == since &&
      g_strcmp0 (old->message, message) == 0 &&
      g_strcmp0 (old->certificate_sha256, certificate_sha256) == 0)
    return;

  status = g_new0 (ShouAccountStatus, 1);
  status->state = state;
  status->since = since;
  status->message = g_strdup (message);
  status->certificate_sha256 = g_strdup (certificate_sha256);
  g_hash_table_replace (self->statuses, g_strdup (account_id), status);
  g_signal_emit (self, shou_sync_engine_signals[ACCOUNT_STATUS_CHANGED], 0, account_id);
}

/* What a failure means for the account: a missing token is not a refused
 * one, and only a certificate the seller trusted can have "changed". */
void
shou_sync_account_status_failed (ShouSyncEngine *self,
                                 const char     *account_id,
                                 const GError   *error)
{
  ShouAccountStatus *old = g_hash_table_lookup (self->statuses, account_id);
  ShouAccountState state = SHOU_ACCOUNT_FAILED;
  const char *sha = NULL;
  gint64 since = g_get_real_time ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    state = SHOU_ACCOUNT_TOKEN_MISSING;
  else if (error->domain == SHOU_API_ERROR)
    switch ((ShouApiError) error->code)
      {
      case SHOU_API_ERROR_AUTH:
      case SHOU_API_ERROR_FORBIDDEN:
        state = SHOU_ACCOUNT_TOKEN_REFUSED;
        break;
      case SHOU_API_ERROR_NETWORK:
      case SHOU_API_ERROR_SERVER:
        state = SHOU_ACCOUNT_OFFLINE;
        break;
      case SHOU_API_ERROR_CERTIFICATE:
        sha = shou_api_error_get_certificate_sha256 (error);
        state = g_strcmp0 (shou_api_error_get_code (error), "certificate_changed") == 0
                ? SHOU_ACCOUNT_CERTIFICATE_CHANGED : SHOU_ACCOUNT_CERTIFICATE;
        break;
      case SHOU_API_ERROR_NOT_FOUND:
      case SHOU_API_ERROR_CONFLICT:
      case SHOU_API_ERROR_NOT_ALLOWED:
      case SHOU_API_ERROR_BAD_REQUEST:
      case SHOU_API_ERROR_BAD_RESPONSE:
      case SHOU_API_ERROR_INSECURE:
      default:
        break;
      }

  /* "Offline since": since the first failure of this streak. */
  if (old != NULL && old->state == state && old->since > 0)
    since = old->since;
  shou_sync_set_account_status (self, account_id, state, since, error->message, sha);
}

ShouApiClient *
shou_sync_get_client (ShouSyncEngine  *self,
                      const char      *account_id,
                      GError         **error)
{
  ShouApiClient *client = g_hash_table_lookup (self->clients, account_id);
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;

  if (client != NULL)
    return client;

  base_url = shou_store_get_account_base_url (self->store, account_id);
  if (base_url == NULL)
    {
      g_set_error (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_FOUND, _("No such account"));
      return NULL;
    }
  token = shou_secrets_lookup_token (account_id, &local_error);
  if (token == NULL)
    {
      /* Nothing was sent, so nothing was refused: the token is missing
       * (never saved, or no keyring in this session). */
      if (local_error)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Could not read the API token from the keyring: %s"), local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No API token is saved for %s"), base_url);
      return NULL;
    }
  client = shou_api_client_new (base_url, token, error);
  if (client == NULL)
    return NULL;
  {
    g_autoptr(JsonObject) account = shou_store_get_account (self->store, account_id);

    shou_api_client_set_trusted_certificate (client,
                                             json_object_get_string_member_with_default (account, "cert_sha256", NULL));
  }
  if (self->timeout_s)
    shou_api_client_set_timeout (client, self->timeout_s);
  g_hash_table_insert (self->clients, g_strdup (account_id), client);
  return client;
}

static void
on_shops_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GError) error = NULL;

  shops = shou_api_client_get_shops_finish (SHOU_API_CLIENT (object), result, &error);
  if (shops == NULL)
    {
      if (shou_sync_is_cancelled (error))
        shou_sync_on_cancelled (self);
      else
        shou_sync_account_failed (self, error);
      return;
    }
  if (!shou_store_upsert_shops (self->store, shou_sync_run_account (self), shops, &error))
    {
      shou_sync_account_failed (self, error);
      return;
    }
  shou_sync_pull (self);
}

/* Once a session each account asks who it is (GET /v1/me): an account
 * saved before schema 8 learns its identity, and every account learns
 * whether its hub runs the automatic rules (then this desktop leaves them
 * to it). Then the shops as always. A server without /v1/me (404) is not
 * asked again; a failure that may pass (offline) is asked again next run. */
static gboolean
account_has_identity (ShouSyncEngine *self)
{
  g_autoptr(JsonObject) account = shou_store_get_account (self->store, shou_sync_run_account (self));

  return account == NULL || json_object_get_string_member_with_default (account, "merchant_id", NULL) != NULL;
}

static void
on_me_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = NULL;
  const char *merchant = NULL;

  me = shou_api_client_get_json_finish (SHOU_API_CLIENT (object), result, &error);
  if (shou_sync_is_cancelled (error))
    {
      shou_sync_on_cancelled (self);
      return;
    }
  if (me != NULL)
    merchant = json_object_get_string_member_with_default (me, "merchant_id", NULL);
  if (me != NULL && g_strcmp0 (json_object_get_string_member_with_default (me, "autorules", NULL), "hub") == 0)
    g_hash_table_add (self->hub_autorules, g_strdup (shou_sync_run_account (self)));
  else if (me != NULL)
    g_hash_table_remove (self->hub_autorules, shou_sync_run_account (self));
  if (me != NULL && g_strcmp0 (json_object_get_string_member_with_default (me, "role", NULL), "agent") == 0)
    g_hash_table_add (self->agents, g_strdup (shou_sync_run_account (self)));
  else if (me != NULL)
    g_hash_table_remove (self->agents, shou_sync_run_account (self));
  if (merchant != NULL && *merchant != '\0' && !account_has_identity (self))
    {
      g_autoptr(GError) store_error = NULL;

      if (!shou_store_set_account_identity (self->store, shou_sync_run_account (self), merchant,
                                                      json_object_get_string_member_with_default (me, "staff_id", NULL),
                                                      &store_error))
        g_warning ("Could not store the identity of account %s: %s", shou_sync_run_account (self),
                             store_error->message);
    }
  if (me != NULL || g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_FOUND))
    g_hash_table_add (self->identified, g_strdup (shou_sync_run_account (self)));
  shou_api_client_get_shops_async (SHOU_API_CLIENT (object), self->cancellable, on_shops_cb,
                                   g_object_ref (self));
}

/* The account's identity if it is not known yet, then its shops, then the
 * pull. */
void
shou_sync_begin_account (ShouSyncEngine *self,
                         ShouApiClient  *client)
{
  if (!g_hash_table_contains (self->identified, shou_sync_run_account (self)))
    {
      shou_api_client_get_json_async (client, "/v1/me", self->cancellable, on_me_cb,
                                      g_object_ref (self));
      return;
    }
  shou_api_client_get_shops_async (client, self->cancellable, on_shops_cb, g_object_ref (self));
}

gboolean
shou_sync_engine_account_is_agent (ShouSyncEngine *self,
                                   const char     *account_id)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), FALSE);

  return account_id != NULL && g_hash_table_contains (self->agents, account_id);
}

ShouAccountStatus *
shou_sync_engine_get_account_status (ShouSyncEngine *self,
                                     const char     *account_id)
{
  ShouAccountStatus *status;
  gint64 last;

  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  status = g_hash_table_lookup (self->statuses, account_id);
  if (status != NULL)
    return shou_account_status_copy (status);

  /* Not tried in this session yet: what the cache remembers. */
  last = shou_store_get_last_success (self->store, account_id);
  status = g_new0 (ShouAccountStatus, 1);
  status->state = last > 0 ? SHOU_ACCOUNT_SYNCED : SHOU_ACCOUNT_NOT_SYNCED;
  status->since = last;
  return status;
}
