/* shou-sync-status.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sync/shou-api-client.h"
#include "ui/accounts/shou-account-status.h"
#include "shou-sync-status.h"

static char *
describe_state (ShouSyncEngine *engine,
                ShouSyncState   state,
                gint64          last,
                double          progress,
                const char     *error,
                gboolean        certificate)
{
  switch (state)
    {
    case SHOU_SYNC_SYNCING:
      if (progress >= 0)
        /* Translators: %d is a percentage */
        return g_strdup_printf (_("Syncing… %d%%"), (int) (progress * 100));
      return g_strdup (_("Syncing…"));
    case SHOU_SYNC_OFFLINE:
      return g_strdup (_("Offline"));
    case SHOU_SYNC_AUTH_FAILED:
      return g_strdup (_("Token refused: check the account"));
    case SHOU_SYNC_ERROR:
      if (certificate)
        return g_strdup (_("Server certificate not trusted"));
      return g_strdup (error != NULL ? error : _("Sync failed"));
    case SHOU_SYNC_IDLE:
    default:
      if (engine == NULL)
        return g_strdup (_("Not connected"));
      else if (last == 0)
        return g_strdup (_("Not synced yet"));
      else
        {
          g_autofree char *ago = shou_time_format_relative (last, g_get_real_time ());
          /* Translators: %s is "3 minutes ago" or similar */
          return g_strdup_printf (_("Synced %s"), ago);
        }
    }
}

/* Each account's own state: a missing token is not a refused one, and
 * the button is the action that fixes it. TRUE when an account's state
 * is shown. */
static gboolean
show_account_banner (const ShouSyncStatusWidgets *w,
                     ShouStore                   *store,
                     ShouSyncEngine              *engine,
                     ShouSyncState                state)
{
  g_autoptr(ShouAccountStatus) status = NULL;
  g_autofree char *message = NULL;
  g_autofree char *account_id = shou_account_status_pick (store, engine, &status, &message);
  ShouAccountFix fix = status != NULL ? shou_account_status_get_fix (status) : SHOU_ACCOUNT_FIX_NONE;

  if (account_id != NULL && message != NULL && state != SHOU_SYNC_SYNCING)
    {
      gtk_label_set_text (w->offline_label, message);
      gtk_button_set_label (w->banner_button, shou_account_status_fix_label (fix));
      /* No name while the target changes: the two never mismatch. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (w->banner_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (w->banner_button),
                                              fix == SHOU_ACCOUNT_FIX_RETRY ? NULL : g_variant_new_string (account_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (w->banner_button),
                                      fix == SHOU_ACCOUNT_FIX_RETRY ? "win.sync" : "win.fix-account");
      gtk_info_bar_set_message_type (w->offline_bar,
                                     status->state == SHOU_ACCOUNT_OFFLINE ? GTK_MESSAGE_WARNING : GTK_MESSAGE_ERROR);
      gtk_info_bar_set_revealed (w->offline_bar, TRUE);
      return TRUE;
    }
  gtk_button_set_label (w->banner_button, _("_Retry"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (w->banner_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (w->banner_button), NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (w->banner_button), "win.sync");

  return FALSE;
}

static void
show_offline_message (const ShouSyncStatusWidgets *w,
                      ShouSyncState                state,
                      const char                  *error,
                      gboolean                     certificate)
{
  g_autofree char *message = NULL;

  if (state == SHOU_SYNC_OFFLINE)
    message = g_strdup (_("You are offline. What you see is from the local cache; your actions are saved and sent when the connection is back."));
  else if (state == SHOU_SYNC_AUTH_FAILED)
    message = g_strdup (_("The platform refused the access token. Open Accounts and Shops in the menu to reconnect; your saved actions are kept."));
  else if (certificate)
    /* Translators: %s is the reason, "The server’s certificate is not trusted: …" */
    message = g_strdup_printf (_("%s Your actions are saved; sync waits until the certificate is fixed (Retry to try now)."),
                               error != NULL ? error : "");
  else
    message = g_strdup_printf (_("Sync failed: %s. Your actions are saved and will be sent on the next try."),
                               error != NULL ? error : _("unknown error"));
  gtk_label_set_text (w->offline_label, message);
  gtk_info_bar_set_message_type (w->offline_bar,
                                 certificate ? GTK_MESSAGE_ERROR : GTK_MESSAGE_WARNING);
}

/* A cache of an older version is updated while the window reads it;
 * sync waits until then. Replaces @text and @progress while it runs. */
static gboolean
describe_migration (ShouStore  *store,
                    char      **text,
                    double     *progress)
{
  if (!shou_store_get_migrating (store))
    return FALSE;

  g_free (*text);
  if (shou_store_get_migration_error (store) != NULL)
    /* Translators: %s is the reason */
    *text = g_strdup_printf (_("Could not update the local cache: %s"),
                             shou_store_get_migration_error (store));
  else
    /* Translators: %d is a percentage */
    *text = g_strdup_printf (_("Updating the local cache… %d%%"),
                             (int) (shou_store_get_migration_progress (store) * 100));
  *progress = shou_store_get_migration_progress (store);

  return TRUE;
}

void
shou_sync_status_update (const ShouSyncStatusWidgets *w,
                         ShouStore                   *store,
                         ShouSyncEngine              *engine,
                         ShouClock                   *clock,
                         char                       **status_text)
{
  ShouSyncState state = SHOU_SYNC_IDLE;
  guint pending = store != NULL ? shou_store_count_pending (store) : 0;
  gint64 last = 0;
  double progress = -1;
  const char *error = NULL;
  g_autofree char *text = NULL;
  gboolean offline;
  gboolean certificate = FALSE;
  gboolean migrating;

  if (engine != NULL)
    {
      gint64 offset = 0;
      int code = -1;

      state = shou_sync_engine_get_state (engine);
      last = shou_sync_engine_get_last_synced (engine);
      progress = shou_sync_engine_get_progress (engine);
      error = shou_sync_engine_get_error_message (engine);
      g_object_get (engine, "clock-offset", &offset, "error-code", &code, NULL);
      shou_clock_set_offset (clock, offset);
      certificate = state == SHOU_SYNC_ERROR && code == SHOU_API_ERROR_CERTIFICATE;
    }
  offline = state == SHOU_SYNC_OFFLINE || state == SHOU_SYNC_AUTH_FAILED || state == SHOU_SYNC_ERROR;

  text = describe_state (engine, state, last, progress, error, certificate);
  migrating = describe_migration (store, &text, &progress);
  gtk_widget_action_set_enabled (w->window, "win.accounts", !migrating);
  gtk_widget_action_set_enabled (w->window, "win.fix-account", !migrating);

  if (pending > 0)
    {
      g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action waiting to sync",
                                                               "%u actions waiting to sync", pending),
                                                  pending);
      char *both = g_strdup_printf ("%s · %s", text, waiting);

      g_free (text);
      text = both;
    }

  if (g_strcmp0 (text, *status_text) != 0)
    {
      g_free (*status_text);
      *status_text = g_steal_pointer (&text);
      adw_window_title_set_subtitle (w->window_title, *status_text);
    }

  /* No spinner: a sync runs often, and an animation redraws the window at
   * every frame (costly with software rendering) for news the subtitle and
   * the progress bar already give. */
  gtk_widget_set_visible (GTK_WIDGET (w->sync_progress),
                          migrating || (state == SHOU_SYNC_SYNCING && progress >= 0));
  if (progress >= 0)
    {
      gtk_progress_bar_set_fraction (w->sync_progress, CLAMP (progress, 0.0, 1.0));
      gtk_progress_bar_set_fraction (w->loading_progress, CLAMP (progress, 0.0, 1.0));
    }
  gtk_widget_action_set_enabled (w->window, "win.sync",
                                 engine != NULL && state != SHOU_SYNC_SYNCING && !migrating);

  if (show_account_banner (w, store, engine, state))
    return;

  gtk_info_bar_set_revealed (w->offline_bar, offline);
  if (offline)
    show_offline_message (w, state, error, certificate);
}
