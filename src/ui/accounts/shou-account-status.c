/* shou-account-status.c: an account's sync state in the seller's words. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "store/shou-store-accounts.h"
#include "shou-accounts.h"
#include "shou-account-status.h"

char *
shou_account_status_describe (const ShouAccountStatus *status)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (status != NULL, NULL);

  switch (status->state)
    {
    case SHOU_ACCOUNT_SYNCING:
      return g_strdup (_("Syncing…"));
    case SHOU_ACCOUNT_SYNCED:
      if (status->since <= 0)
        return g_strdup (_("Not synced yet"));
      when = shou_time_format_relative (status->since, g_get_real_time ());
      /* Translators: %s is "3 minutes ago" or similar */
      return g_strdup_printf (_("Synced %s"), when);
    case SHOU_ACCOUNT_OFFLINE:
      if (status->since <= 0)
        return g_strdup (_("Offline"));
      when = shou_time_format_local (status->since);
      /* Translators: %s is a local date and time, "2026-12-06 14:02" */
      return g_strdup_printf (_("Offline since %s"), when);
    case SHOU_ACCOUNT_TOKEN_MISSING:
      return g_strdup (_("Token missing: no token is saved for this account on this computer"));
    case SHOU_ACCOUNT_TOKEN_REFUSED:
      return g_strdup (_("Token refused by the platform"));
    case SHOU_ACCOUNT_CERTIFICATE:
      return g_strdup (_("Certificate not trusted"));
    case SHOU_ACCOUNT_CERTIFICATE_CHANGED:
      return g_strdup (_("Certificate changed: sync stopped"));
    case SHOU_ACCOUNT_FAILED:
      /* Translators: %s is the reason, already translated */
      return g_strdup_printf (_("Sync failed: %s"), status->message != NULL ? status->message : _("unknown error"));
    case SHOU_ACCOUNT_NOT_SYNCED:
    default:
      return g_strdup (_("Not synced yet"));
    }
}

ShouAccountFix
shou_account_status_get_fix (const ShouAccountStatus *status)
{
  g_return_val_if_fail (status != NULL, SHOU_ACCOUNT_FIX_NONE);

  switch (status->state)
    {
    case SHOU_ACCOUNT_TOKEN_MISSING:
    case SHOU_ACCOUNT_TOKEN_REFUSED:
      return SHOU_ACCOUNT_FIX_TOKEN;
    case SHOU_ACCOUNT_CERTIFICATE:
    case SHOU_ACCOUNT_CERTIFICATE_CHANGED:
      return status->certificate_sha256 != NULL ? SHOU_ACCOUNT_FIX_CERTIFICATE : SHOU_ACCOUNT_FIX_RETRY;
    case SHOU_ACCOUNT_OFFLINE:
    case SHOU_ACCOUNT_FAILED:
      return SHOU_ACCOUNT_FIX_RETRY;
    case SHOU_ACCOUNT_NOT_SYNCED:
    case SHOU_ACCOUNT_SYNCING:
    case SHOU_ACCOUNT_SYNCED:
    default:
      return SHOU_ACCOUNT_FIX_NONE;
    }
}

const char *
shou_account_status_fix_label (ShouAccountFix fix)
{
  switch (fix)
    {
    case SHOU_ACCOUNT_FIX_TOKEN:
      return _("_Enter Token…");
    case SHOU_ACCOUNT_FIX_RETRY:
      return _("_Retry");
    case SHOU_ACCOUNT_FIX_CERTIFICATE:
      return _("Review _Certificate…");
    case SHOU_ACCOUNT_FIX_NONE:
    default:
      return NULL;
    }
}

gboolean
shou_account_status_needs_seller (const ShouAccountStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  return status->state == SHOU_ACCOUNT_TOKEN_MISSING ||
         status->state == SHOU_ACCOUNT_TOKEN_REFUSED ||
         status->state == SHOU_ACCOUNT_CERTIFICATE ||
         status->state == SHOU_ACCOUNT_CERTIFICATE_CHANGED ||
         status->state == SHOU_ACCOUNT_FAILED;
}

static int
urgency (ShouAccountState state)
{
  switch (state)
    {
    case SHOU_ACCOUNT_CERTIFICATE_CHANGED: return 6;
    case SHOU_ACCOUNT_TOKEN_REFUSED:       return 5;
    case SHOU_ACCOUNT_TOKEN_MISSING:       return 4;
    case SHOU_ACCOUNT_CERTIFICATE:         return 3;
    case SHOU_ACCOUNT_FAILED:              return 2;
    case SHOU_ACCOUNT_OFFLINE:             return 1;
    case SHOU_ACCOUNT_NOT_SYNCED:
    case SHOU_ACCOUNT_SYNCING:
    case SHOU_ACCOUNT_SYNCED:
    default:                               return 0;
    }
}

static char *
banner_message (const ShouAccountStatus *status,
                const char              *label)
{
  g_autofree char *when = NULL;

  switch (status->state)
    {
    case SHOU_ACCOUNT_TOKEN_MISSING:
      /* Translators: %s is the account's name */
      return g_strdup_printf (_("No access token is saved for “%s” on this computer (without a keyring it is kept for one session only). Enter it to sync again; your saved actions are kept."),
                              label);
    case SHOU_ACCOUNT_TOKEN_REFUSED:
      return g_strdup_printf (_("The platform refused the access token of “%s”. Enter a new token; your saved actions are kept."),
                              label);
    case SHOU_ACCOUNT_CERTIFICATE:
      return g_strdup_printf (_("The certificate of “%s” is not trusted, so nothing is sent to it. Review the certificate; your saved actions are kept."),
                              label);
    case SHOU_ACCOUNT_CERTIFICATE_CHANGED:
      return g_strdup_printf (_("The certificate of “%s” has changed since you trusted it. Sync has stopped: someone may be between this computer and the server. Check the new certificate with the server’s owner."),
                              label);
    case SHOU_ACCOUNT_FAILED:
      return g_strdup_printf (_("Sync of “%s” failed: %s. Your actions are saved and will be sent on the next try."),
                              label, status->message != NULL ? status->message : _("unknown error"));
    case SHOU_ACCOUNT_OFFLINE:
      if (status->since > 0)
        {
          when = shou_time_format_local (status->since);
          /* Translators: %s is a local date and time */
          return g_strdup_printf (_("You are offline since %s. What you see is from the local cache; your actions are saved and sent when the connection is back."),
                                  when);
        }
      return g_strdup (_("You are offline. What you see is from the local cache; your actions are saved and sent when the connection is back."));
    case SHOU_ACCOUNT_NOT_SYNCED:
    case SHOU_ACCOUNT_SYNCING:
    case SHOU_ACCOUNT_SYNCED:
    default:
      return NULL;
    }
}

char *
shou_account_status_pick (ShouStore          *store,
                          ShouSyncEngine     *engine,
                          ShouAccountStatus **status,
                          char              **message)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(ShouAccountStatus) best = NULL;
  g_autofree char *best_id = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  if (status != NULL)
    *status = NULL;
  if (message != NULL)
    *message = NULL;
  if (engine == NULL)
    return NULL;

  accounts = shou_store_list_accounts (store);
  for (guint i = 0; i < accounts->len; i++)
    {
      const char *id = json_object_get_string_member (accounts->pdata[i], "id");
      g_autoptr(ShouAccountStatus) one = shou_sync_engine_get_account_status (engine, id);

      if (urgency (one->state) > (best != NULL ? urgency (best->state) : 0))
        {
          g_clear_pointer (&best, shou_account_status_free);
          best = g_steal_pointer (&one);
          g_free (best_id);
          best_id = g_strdup (id);
        }
    }

  if (best == NULL)
    return NULL;

  if (message != NULL)
    {
      g_autoptr(JsonObject) account = shou_store_get_account (store, best_id);

      *message = banner_message (best, shou_accounts_get_display_label (account));
    }
  if (status != NULL)
    *status = g_steal_pointer (&best);
  return g_steal_pointer (&best_id);
}
