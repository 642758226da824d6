/* shou-sync-engine-schedule.c: runs over every account, their triggers
 * (timer, kicks, network, store signals), backoff and failures. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "shou-sync-engine-private.h"

const char *
shou_sync_run_account (ShouSyncEngine *self)
{
  return self->run_accounts->pdata[self->run_index];
}

/* Exponential: base << @attempt, at most the ceiling. */
guint
shou_sync_backoff_delay_ms (ShouSyncEngine *self,
                            guint           attempt)
{
  guint64 delay = self->backoff_base_ms;
  guint shift = MIN (attempt, 20);

  delay = MIN ((guint64) self->backoff_max_ms, delay << shift);
  /* Jitter: a random point in the upper half, so clients that failed
   * together do not come back together. */
  delay = delay / 2 + g_random_int_range (0, (gint32) MAX (1, delay / 2 + 1));
  return (guint) delay;
}

static void
schedule_backoff (ShouSyncEngine *self)
{
  guint delay = shou_sync_backoff_delay_ms (self, self->backoff_attempt);

  self->backoff_attempt++;
  shou_sync_schedule_kick (self, delay);
}

/* Unless a run is already due sooner. */
static void
schedule_kick_within (ShouSyncEngine *self,
                      guint           delay_ms)
{
  if (self->kick_id != 0 &&
      self->kick_at <= g_get_monotonic_time () + (gint64) delay_ms * 1000)
    return;
  shou_sync_schedule_kick (self, delay_ms);
}

/* Entries that failed on their own come back at their own time. */
static void
schedule_deferred (ShouSyncEngine *self)
{
  gint64 now = g_get_real_time ();
  gint64 at = shou_store_outbox_next_attempt_at (self->store, now);

  if (at > now)
    schedule_kick_within (self, (guint) MIN ((at - now + 999) / 1000, G_MAXUINT / 2));
}

static void
finish_run (ShouSyncEngine *self)
{
  gboolean ok = self->run_failure == SHOU_SYNC_IDLE;

  self->running = FALSE;
  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  g_clear_object (&self->run_client);
  if (self->clients_stale)
    {
      self->clients_stale = FALSE;
      g_hash_table_remove_all (self->clients);
    }
  g_clear_pointer (&self->run_entry, shou_outbox_entry_free);
  shou_sync_push_forget (self);
  shou_sync_set_progress (self, -1);
  shou_sync_update_pending (self);

  if (ok)
    {
      self->backoff_attempt = 0;
      self->last_synced = g_get_real_time ();
      g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_LAST_SYNCED]);
      shou_sync_set_error_code (self, -1);
      shou_sync_set_error_message (self, NULL);
      shou_sync_set_state (self, SHOU_SYNC_IDLE);
    }
  else
    {
      shou_sync_set_error_code (self, self->run_error_code);
      shou_sync_set_error_message (self, self->run_error);
      shou_sync_set_state (self, self->run_failure);
      if (self->run_transient)
        schedule_backoff (self);
    }
  g_clear_pointer (&self->run_error, g_free);
  schedule_deferred (self);
  /* Pulled pages left the search index in many segments: merge at idle. */
  shou_store_maintain_search_index (self->store);

  g_signal_emit (self, shou_sync_engine_signals[SYNC_FINISHED], 0, ok);

  if (self->again)
    {
      self->again = FALSE;
      if (ok || !self->run_transient)
        shou_sync_schedule_kick (self, 0);
    }
}

/* The state a failure leaves the engine in; *transient when backing off
 * and trying again can help. */
static ShouSyncState
failure_state (const GError *error,
               gboolean     *transient)
{
  *transient = FALSE;
  if (error->domain == SHOU_STORE_ERROR)
    {
      /* A busy or failing cache: try again later rather than give up. */
      *transient = TRUE;
      return SHOU_SYNC_ERROR;
    }
  if (error->domain != SHOU_API_ERROR)
    return SHOU_SYNC_ERROR;

  switch ((ShouApiError) error->code)
    {
    case SHOU_API_ERROR_NETWORK:
    case SHOU_API_ERROR_SERVER:
      *transient = TRUE;
      return SHOU_SYNC_OFFLINE;
    case SHOU_API_ERROR_BAD_RESPONSE:
      *transient = TRUE;
      return SHOU_SYNC_ERROR;
    case SHOU_API_ERROR_AUTH:
    case SHOU_API_ERROR_FORBIDDEN:
      return SHOU_SYNC_AUTH_FAILED;
    case SHOU_API_ERROR_CERTIFICATE:
      /* Retrying soon cannot help: someone has to fix the server or the
       * address. The next periodic sync or the seller's retry tries
       * again; until then the error stays on screen. */
    case SHOU_API_ERROR_NOT_FOUND:
    case SHOU_API_ERROR_CONFLICT:
    case SHOU_API_ERROR_NOT_ALLOWED:
    case SHOU_API_ERROR_BAD_REQUEST:
    case SHOU_API_ERROR_INSECURE:
    default:
      return SHOU_SYNC_ERROR;
    }
}

/* What the run ends with: its first failure, unless a later one says the
 * server is unreachable. */
void
shou_sync_note_failure (ShouSyncEngine *self,
                        const GError   *error)
{
  gboolean transient;
  ShouSyncState failure = failure_state (error, &transient);

  g_debug ("sync of account %s failed: %s", shou_sync_run_account (self), error->message);
  if (self->run_failure == SHOU_SYNC_IDLE || failure == SHOU_SYNC_OFFLINE)
    {
      self->run_failure = failure;
      g_free (self->run_error);
      self->run_error = g_strdup (error->message);
      self->run_error_code = error->domain == SHOU_API_ERROR ? error->code : -1;
    }
}

void
shou_sync_account_failed (ShouSyncEngine *self,
                          const GError   *error)
{
  gboolean transient;

  shou_sync_note_failure (self, error);
  shou_sync_account_status_failed (self, shou_sync_run_account (self), error);
  if (failure_state (error, &transient) == SHOU_SYNC_AUTH_FAILED)
    /* The seller may enter a new token: read it again next time. */
    g_hash_table_remove (self->clients, shou_sync_run_account (self));
  self->run_transient |= transient;

  g_clear_object (&self->run_client);
  self->run_index++;
  shou_sync_next_account (self);
}

void
shou_sync_account_done (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  gint64 offset = shou_api_client_get_clock_offset (self->run_client);

  if (!shou_store_set_sync_success (self->store, shou_sync_run_account (self), g_get_real_time (),
                                              offset, &error))
    {
      shou_sync_account_failed (self, error);
      return;
    }
  shou_sync_set_clock_offset (self, offset);
  shou_sync_set_account_status (self, shou_sync_run_account (self), SHOU_ACCOUNT_SYNCED,
                                shou_store_get_last_success (self->store, shou_sync_run_account (self)), NULL, NULL);
  g_clear_object (&self->run_client);
  self->run_index++;
  shou_sync_next_account (self);
}

gboolean
shou_sync_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}


/* A cancelled answer belongs to a run that stop() or dispose ended; when
 * the current cancellable is fresh, a new run may be going: leave it be. */
void
shou_sync_on_cancelled (ShouSyncEngine *self)
{
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    shou_sync_abort_run (self);
}

void
shou_sync_abort_run (ShouSyncEngine *self)
{
  if (self->pages.length > 0 || self->apply_id || self->fetching || self->next_cursor ||
      self->applying)
    shou_sync_pull_reset (self);
  self->running = FALSE;
  self->again = FALSE;
  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  g_clear_object (&self->run_client);
  g_clear_pointer (&self->run_entry, shou_outbox_entry_free);
  shou_sync_push_forget (self);
  g_clear_pointer (&self->run_error, g_free);
}

void
shou_sync_next_account (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client;

  if (self->run_index >= self->run_accounts->len)
    {
      finish_run (self);
      return;
    }

  {
    ShouAccountStatus *old = g_hash_table_lookup (self->statuses, shou_sync_run_account (self));

    shou_sync_set_account_status (self, shou_sync_run_account (self), SHOU_ACCOUNT_SYNCING,
                                  old != NULL ? old->since : 0,
                                  NULL, NULL);
  }
  client = shou_sync_get_client (self, shou_sync_run_account (self), &error);
  if (client == NULL)
    {
      shou_sync_account_failed (self, error);
      return;
    }
  g_set_object (&self->run_client, client);
  shou_sync_begin_account (self, client);
}

static void
start_run (ShouSyncEngine *self)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (self->store);

  g_assert (!self->running);

  self->running = TRUE;
  self->run_accounts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < accounts->len; i++)
    g_ptr_array_add (self->run_accounts,
                     g_strdup (json_object_get_string_member (accounts->pdata[i], "id")));
  self->run_index = 0;
  self->run_failure = SHOU_SYNC_IDLE;
  self->run_transient = FALSE;
  self->run_error_code = -1;
  self->run_pushed = 0;
  g_clear_pointer (&self->run_error, g_free);
  /* Asked for (Retry, Sync now): entries waiting for their next attempt
   * go now rather than at their time. */
  if (self->force_pending)
    {
      self->force_pending = FALSE;
      shou_store_outbox_retry_all_now (self->store, NULL);
    }

  shou_sync_set_state (self, SHOU_SYNC_SYNCING);
  shou_sync_set_progress (self, -1);
  shou_sync_next_account (self);
}

/* ---- triggers ---------------------------------------------------------- */

static gboolean
on_kick_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;

  self->kick_id = 0;
  shou_sync_run_soon (self);
  return G_SOURCE_REMOVE;
}

void
shou_sync_schedule_kick (ShouSyncEngine *self,
                         guint           delay_ms)
{
  g_clear_handle_id (&self->kick_id, g_source_remove);
  self->kick_at = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  self->kick_id = g_timeout_add (delay_ms, on_kick_cb, self);
}

void
shou_sync_on_outbox_changed_cb (ShouStore      *store,
                                ShouSyncEngine *self)
{
  shou_sync_update_pending (self);
  if (self->writing)
    return;
  if (self->running)
    self->again = TRUE;
  else if (self->started)
    shou_sync_schedule_kick (self, 50);
}

void
shou_sync_on_accounts_changed_cb (ShouStore      *store,
                                  ShouSyncEngine *self)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  /* Tokens, URLs or trusted certificates may have changed: build clients
   * afresh (after the run when one is going). */
  if (!self->running)
    g_hash_table_remove_all (self->clients);
  else
    self->clients_stale = TRUE;

  /* A removed account has no state any more. */
  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_add (known, (gpointer) json_object_get_string_member (accounts->pdata[i], "id"));
  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (known, key))
      g_hash_table_iter_remove (&iter);
}

void
shou_sync_on_network_changed_cb (GNetworkMonitor *monitor,
                                 gboolean         available,
                                 ShouSyncEngine  *self)
{
  if (available && self->state != SHOU_SYNC_IDLE && self->state != SHOU_SYNC_SYNCING)
    {
      self->backoff_attempt = 0;
      shou_sync_schedule_kick (self, 0);
    }
}

static gboolean
on_timer_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;

  shou_sync_run_soon (self);
  return G_SOURCE_CONTINUE;
}

void
shou_sync_restart_timer (ShouSyncEngine *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started && self->interval > 0)
    self->timer_id = g_timeout_add_seconds (self->interval, on_timer_cb, self);
}

/* A run by the engine's own triggers: entries keep their retry times. */
void
shou_sync_run_soon (ShouSyncEngine *self)
{
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  g_clear_handle_id (&self->kick_id, g_source_remove);
  start_run (self);
}
