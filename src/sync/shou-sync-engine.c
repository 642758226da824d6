#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "shou-sync-engine.h"

#define DEFAULT_INTERVAL 60
#define DEFAULT_PAGE_LIMIT 500

struct _ShouSyncEngine
{
  GObject          parent_instance;

  ShouStore       *store;
  GCancellable    *cancellable;
  GHashTable      *clients;        /* account id -> ShouApiClient */
  GHashTable      *statuses;       /* account id -> ShouAccountStatus */
  gboolean         clients_stale;  /* accounts changed during a run */
  GSettings       *settings;
  GNetworkMonitor *monitor;

  ShouSyncState    state;
  gint64           last_synced;
  guint            pending_count;
  double           progress;
  char            *error_message;
  int              error_code;     /* ShouApiError behind error_message, -1 none */
  guint            interval;
  gint64           clock_offset;

  gulong           outbox_handler;
  gulong           accounts_handler;
  gulong           network_handler;
  guint            timer_id;
  guint            kick_id;
  gint64           kick_at;        /* monotonic usec the kick is due */
  gboolean         started;
  gboolean         running;
  gboolean         again;
  gboolean         force_pending;  /* someone asked: waiting entries go too */
  gboolean         writing;        /* our own store writes: ignore outbox-changed */

  guint            backoff_attempt;
  guint            backoff_base_ms;
  guint            backoff_max_ms;
  guint            timeout_s;
  guint            page_limit;

  /* the run in progress */
  GPtrArray       *run_accounts;
  guint            run_index;
  ShouApiClient   *run_client;
  ShouOutboxEntry *run_entry;
  ShouSyncState    run_failure;
  char            *run_error;
  int              run_error_code;
  gboolean         run_transient;
  guint            run_pushed;

  /* the pull in progress: the next page is fetched while one is applied */
  GQueue           pages;          /* ShouChangesPage, in feed order */
  guint            pull_generation;
  gboolean         fetching;
  gboolean         last_received;
  char            *next_cursor;    /* fetch this once the queue drains */
  guint            apply_id;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_LAST_SYNCED,
  PROP_PENDING_COUNT,
  PROP_PROGRESS,
  PROP_ERROR_MESSAGE,
  PROP_INTERVAL,
  PROP_CLOCK_OFFSET,
  PROP_ERROR_CODE,
  N_PROPS
};

enum {
  SYNC_FINISHED,
  ACCOUNT_STATUS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ShouSyncEngine, shou_sync_engine, G_TYPE_OBJECT)

static void next_account (ShouSyncEngine *self);
static void run_soon     (ShouSyncEngine *self);
static void pull_reset   (ShouSyncEngine *self);
static void push_next    (ShouSyncEngine *self);
static void schedule_kick (ShouSyncEngine *self,
                           guint           delay_ms);

/* ---- property helpers -------------------------------------------------- */

static void
set_state (ShouSyncEngine *self,
           ShouSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_progress (ShouSyncEngine *self,
              double          progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_error_code (ShouSyncEngine *self,
                int             code)
{
  if (self->error_code == code)
    return;
  self->error_code = code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_CODE]);
}

static void
set_error_message (ShouSyncEngine *self,
                   const char     *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
update_pending (ShouSyncEngine *self)
{
  guint n = shou_store_count_pending (self->store);

  if (n == self->pending_count)
    return;
  self->pending_count = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
}

static void
set_clock_offset (ShouSyncEngine *self,
                  gint64          offset)
{
  if (self->clock_offset == offset)
    return;
  self->clock_offset = offset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_OFFSET]);
}

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

static void
set_account_status (ShouSyncEngine   *self,
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
  g_signal_emit (self, signals[ACCOUNT_STATUS_CHANGED], 0, account_id);
}

/* What a failure means for the account: a missing token is not a refused
 * one, and only a certificate the seller trusted can have "changed". */
static void
account_status_failed (ShouSyncEngine *self,
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
  set_account_status (self, account_id, state, since, error->message, sha);
}

/* ---- the run ----------------------------------------------------------- */

static ShouApiClient *
get_client (ShouSyncEngine  *self,
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

static const char *
run_account (ShouSyncEngine *self)
{
  return self->run_accounts->pdata[self->run_index];
}

/* Exponential: base << @attempt, at most the ceiling. */
static guint
backoff_delay_ms (ShouSyncEngine *self,
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
  guint delay = backoff_delay_ms (self, self->backoff_attempt);

  self->backoff_attempt++;
  schedule_kick (self, delay);
}

/* Unless a run is already due sooner. */
static void
schedule_kick_within (ShouSyncEngine *self,
                      guint           delay_ms)
{
  if (self->kick_id != 0 &&
      self->kick_at <= g_get_monotonic_time () + (gint64) delay_ms * 1000)
    return;
  schedule_kick (self, delay_ms);
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
  set_progress (self, -1);
  update_pending (self);

  if (ok)
    {
      self->backoff_attempt = 0;
      self->last_synced = g_get_real_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
      set_error_code (self, -1);
      set_error_message (self, NULL);
      set_state (self, SHOU_SYNC_IDLE);
    }
  else
    {
      set_error_code (self, self->run_error_code);
      set_error_message (self, self->run_error);
      set_state (self, self->run_failure);
      if (self->run_transient)
        schedule_backoff (self);
    }
  g_clear_pointer (&self->run_error, g_free);
  schedule_deferred (self);
  /* Pulled pages left the search index in many segments: merge at idle. */
  shou_store_maintain_search_index (self->store);

  g_signal_emit (self, signals[SYNC_FINISHED], 0, ok);

  if (self->again)
    {
      self->again = FALSE;
      if (ok || !self->run_transient)
        schedule_kick (self, 0);
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
static void
note_failure (ShouSyncEngine *self,
              const GError   *error)
{
  gboolean transient;
  ShouSyncState failure = failure_state (error, &transient);

  g_debug ("sync of account %s failed: %s", run_account (self), error->message);
  if (self->run_failure == SHOU_SYNC_IDLE || failure == SHOU_SYNC_OFFLINE)
    {
      self->run_failure = failure;
      g_free (self->run_error);
      self->run_error = g_strdup (error->message);
      self->run_error_code = error->domain == SHOU_API_ERROR ? error->code : -1;
    }
}

static void
account_failed (ShouSyncEngine *self,
                const GError   *error)
{
  gboolean transient;

  note_failure (self, error);
  account_status_failed (self, run_account (self), error);
  if (failure_state (error, &transient) == SHOU_SYNC_AUTH_FAILED)
    /* The seller may enter a new token: read it again next time. */
    g_hash_table_remove (self->clients, run_account (self));
  self->run_transient |= transient;

  g_clear_object (&self->run_client);
  self->run_index++;
  next_account (self);
}

static void
account_done (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  gint64 offset = shou_api_client_get_clock_offset (self->run_client);

  if (!shou_store_set_sync_success (self->store, run_account (self), g_get_real_time (),
                                    offset, &error))
    {
      account_failed (self, error);
      return;
    }
  set_clock_offset (self, offset);
  set_account_status (self, run_account (self), SHOU_ACCOUNT_SYNCED,
                      shou_store_get_last_success (self->store, run_account (self)), NULL, NULL);
  g_clear_object (&self->run_client);
  self->run_index++;
  next_account (self);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void abort_run (ShouSyncEngine *self);

/* A cancelled answer belongs to a run that stop() or dispose ended; when
 * the current cancellable is fresh, a new run may be going: leave it be. */
static void
on_cancelled (ShouSyncEngine *self)
{
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    abort_run (self);
}

static void
abort_run (ShouSyncEngine *self)
{
  if (self->pages.length > 0 || self->apply_id || self->fetching || self->next_cursor)
    pull_reset (self);
  self->running = FALSE;
  self->again = FALSE;
  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  g_clear_object (&self->run_client);
  g_clear_pointer (&self->run_entry, shou_outbox_entry_free);
  g_clear_pointer (&self->run_error, g_free);
}

/* -- push -- */

static void
push_result (ShouSyncEngine *self,
             JsonObject     *result,
             GError         *error);

static void
on_refetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(JsonObject) aftersale = NULL;
  g_autoptr(GError) error = NULL;

  aftersale = shou_api_client_get_aftersale_finish (SHOU_API_CLIENT (object), result, &error);
  if (error != NULL && is_cancelled (error))
    {
      on_cancelled (self);
      return;
    }
  if (aftersale != NULL)
    {
      self->writing = TRUE;
      shou_store_apply_aftersale (self->store, run_account (self), aftersale, NULL);
      self->writing = FALSE;
    }
  push_next (self);
}

static void
push_result (ShouSyncEngine *self,
             JsonObject     *result,
             GError         *error)
{
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autoptr(GError) store_error = NULL;
  gboolean ok;

  if (error != NULL && is_cancelled (error))
    {
      on_cancelled (self);
      return;
    }
  entry = g_steal_pointer (&self->run_entry);

  self->writing = TRUE;
  if (error == NULL)
    {
      ok = shou_store_outbox_complete (self->store, entry->id, result, &store_error);
      self->writing = FALSE;
      if (!ok)
        {
          account_failed (self, store_error);
          return;
        }
      self->run_pushed++;
      push_next (self);
      return;
    }

  if (shou_api_error_is_transient (error))
    {
      /* Kept with its key; only this entry (and the later ones of its
       * request) waits for its next attempt, so other requests go on.
       * entry->attempts counts the attempts before this one. */
      guint delay = backoff_delay_ms (self, entry->attempts);

      shou_store_outbox_defer (self->store, entry->id, shou_api_error_code_for (error),
                               g_get_real_time () + (gint64) delay * 1000, NULL);
      self->writing = FALSE;
      /* Unreachable: the next entries would fail the same way. */
      if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NETWORK))
        {
          account_failed (self, error);
          return;
        }
      g_debug ("outbox entry %" G_GINT64_FORMAT " failed (attempt %u), again in %u ms",
               entry->id, entry->attempts + 1, delay);
      /* No backoff of the whole run: this entry has its own time. */
      note_failure (self, error);
      push_next (self);
      return;
    }

  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_AUTH))
    {
      /* Kept with its key; the same request goes again after the backoff. */
      shou_store_outbox_retry_later (self->store, entry->id, shou_api_error_code_for (error), NULL);
      self->writing = FALSE;
      account_failed (self, error);
      return;
    }

  /* 409, 422, 400, 404: the seller has to see this and choose again. */
  ok = shou_store_outbox_conflict_full (self->store, entry->id,
                                        shou_api_error_get_code (error), error->message,
                                        shou_api_error_get_reason (error), &store_error);
  self->writing = FALSE;
  if (!ok)
    {
      account_failed (self, store_error);
      return;
    }
  if (entry->kind == SHOU_OUTBOX_ACTION)
    {
      shou_api_client_get_aftersale_async (self->run_client, entry->request_id, self->cancellable,
                                           on_refetched_cb, g_object_ref (self));
      return;
    }
  push_next (self);
}

static void
on_action_sent_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) aftersale = NULL;

  aftersale = shou_api_client_post_action_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, aftersale, error);
}

static void
on_evidence_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) evidence = NULL;

  evidence = shou_api_client_upload_evidence_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, evidence, error);
}

static void
on_address_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) address = NULL;

  address = shou_api_client_address_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, address, error);
}

static void
push_next (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  ShouOutboxEntry *entry;
  guint remaining;

  entry = shou_store_outbox_next (self->store, run_account (self));
  if (entry == NULL)
    {
      account_done (self);
      return;
    }
  remaining = shou_store_count_account_pending (self->store, run_account (self));
  set_progress (self, (double) self->run_pushed / (self->run_pushed + MAX (remaining, 1)));

  if (!shou_store_outbox_mark_sending (self->store, entry->id, &error))
    {
      shou_outbox_entry_free (entry);
      account_failed (self, error);
      return;
    }
  self->run_entry = entry;

  switch (entry->kind)
    {
    case SHOU_OUTBOX_ACTION:
      shou_api_client_post_action_async (self->run_client, entry->request_id, entry->action,
                                         entry->params, entry->expected_version,
                                         entry->idempotency_key, self->cancellable,
                                         on_action_sent_cb, g_object_ref (self));
      break;

    case SHOU_OUTBOX_EVIDENCE:
      {
        const char *sha = json_object_get_string_member_with_default (entry->params, "sha256", "");
        g_autofree char *path = shou_store_get_evidence_path (self->store, sha);
        g_autoptr(GBytes) bytes = NULL;
        char *data = NULL;
        gsize len = 0;

        if (path == NULL || !g_file_get_contents (path, &data, &len, NULL))
          {
            g_autoptr(GError) missing = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_BAD_REQUEST,
                                                     _("The evidence file is missing from the data folder"));
            push_result (self, NULL, missing);
            return;
          }
        bytes = g_bytes_new_take (data, len);
        shou_api_client_upload_evidence_async (self->run_client, entry->request_id,
                                               json_object_get_string_member_with_default (entry->params, "kind", "other"),
                                               json_object_get_string_member_with_default (entry->params, "content_type", "application/octet-stream"),
                                               bytes, self->cancellable,
                                               on_evidence_sent_cb, g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_ADDRESS_CREATE:
    case SHOU_OUTBOX_ADDRESS_UPDATE:
    case SHOU_OUTBOX_ADDRESS_DELETE:
      {
        const char *shop_id = entry->request_id;
        const char *method = entry->kind == SHOU_OUTBOX_ADDRESS_CREATE ? "POST" :
                             entry->kind == SHOU_OUTBOX_ADDRESS_UPDATE ? "PUT" : "DELETE";

        if (g_str_has_prefix (shop_id, "shop:"))
          shop_id += strlen ("shop:");
        shou_api_client_address_async (self->run_client, method, shop_id, entry->action,
                                       entry->params, entry->expected_version, self->cancellable,
                                       on_address_sent_cb, g_object_ref (self));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* -- pull -- */

typedef struct
{
  ShouSyncEngine *self;
  guint           generation;
} PullData;

static void fetch_page (ShouSyncEngine *self,
                        const char     *cursor);

static void
pull_reset (ShouSyncEngine *self)
{
  /* Answers still on their way belong to an older generation. */
  self->pull_generation++;
  g_queue_clear_full (&self->pages, (GDestroyNotify) shou_changes_page_free);
  g_clear_pointer (&self->next_cursor, g_free);
  g_clear_handle_id (&self->apply_id, g_source_remove);
  self->fetching = FALSE;
  self->last_received = FALSE;
}

static gboolean
on_apply_idle_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;
  g_autoptr(ShouChangesPage) page = g_queue_pop_head (&self->pages);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (page == NULL)
    {
      self->apply_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* The page and its cursor land in one transaction. */
  self->writing = TRUE;
  ok = shou_store_apply_changes_full (self->store, run_account (self), page->changes,
                                      page->data_texts, page->next_cursor, &error);
  self->writing = FALSE;
  if (!ok)
    {
      self->apply_id = 0;
      pull_reset (self);
      account_failed (self, error);
      return G_SOURCE_REMOVE;
    }

  if (!self->fetching && self->next_cursor != NULL)
    {
      g_autofree char *cursor = g_steal_pointer (&self->next_cursor);
      fetch_page (self, cursor);
    }

  if (!g_queue_is_empty (&self->pages))
    return G_SOURCE_CONTINUE;

  self->apply_id = 0;
  if (self->last_received && !self->fetching)
    {
      pull_reset (self);
      push_next (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_changes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PullData *data = user_data;
  g_autoptr(ShouSyncEngine) self = data->self;
  g_autoptr(ShouChangesPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stale = data->generation != self->pull_generation;
  gboolean more;

  g_free (data);
  page = shou_api_client_get_changes_finish (SHOU_API_CLIENT (object), result, &error);
  if (stale)
    return;
  self->fetching = FALSE;
  if (page == NULL)
    {
      if (is_cancelled (error))
        on_cancelled (self);
      else
        {
          pull_reset (self);
          account_failed (self, error);
        }
      return;
    }
  set_clock_offset (self, shou_api_client_get_clock_offset (SHOU_API_CLIENT (object)));

  more = page->has_more && page->changes->len > 0;
  if (more)
    {
      /* Ask for the next page now: the server prepares it while this one
       * is written. At most two pages wait in memory. */
      if (g_queue_get_length (&self->pages) < 1)
        fetch_page (self, page->next_cursor);
      else
        {
          g_free (self->next_cursor);
          self->next_cursor = g_strdup (page->next_cursor);
        }
    }
  else
    self->last_received = TRUE;

  g_queue_push_tail (&self->pages, g_steal_pointer (&page));
  if (self->apply_id == 0)
    /* Default priority: at a lower one a busy UI (an animating spinner
     * under software rendering) starved the first sync for ever. The short
     * delay lets libsoup write the request for the next page first, so the
     * server prepares it while this one is written. */
    self->apply_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 5, on_apply_idle_cb,
                                         g_object_ref (self), g_object_unref);
}

static void
fetch_page (ShouSyncEngine *self,
            const char     *cursor)
{
  PullData *data = g_new0 (PullData, 1);

  data->self = g_object_ref (self);
  data->generation = self->pull_generation;
  self->fetching = TRUE;
  shou_api_client_get_changes_async (self->run_client, cursor, self->page_limit,
                                     self->cancellable, on_changes_cb, data);
}

static void
pull (ShouSyncEngine *self)
{
  g_autofree char *cursor = shou_store_get_cursor (self->store, run_account (self));

  pull_reset (self);
  fetch_page (self, cursor);
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
      if (is_cancelled (error))
        on_cancelled (self);
      else
        account_failed (self, error);
      return;
    }
  if (!shou_store_upsert_shops (self->store, run_account (self), shops, &error))
    {
      account_failed (self, error);
      return;
    }
  pull (self);
}

static void
next_account (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  ShouApiClient *client;

  if (self->run_index >= self->run_accounts->len)
    {
      finish_run (self);
      return;
    }

  {
    ShouAccountStatus *old = g_hash_table_lookup (self->statuses, run_account (self));

    set_account_status (self, run_account (self), SHOU_ACCOUNT_SYNCING,
                        old != NULL ? old->since : 0,
                        NULL, NULL);
  }
  client = get_client (self, run_account (self), &error);
  if (client == NULL)
    {
      account_failed (self, error);
      return;
    }
  g_set_object (&self->run_client, client);
  shou_api_client_get_shops_async (client, self->cancellable, on_shops_cb, g_object_ref (self));
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

  set_state (self, SHOU_SYNC_SYNCING);
  set_progress (self, -1);
  next_account (self);
}

/* ---- triggers ---------------------------------------------------------- */

static gboolean
on_kick_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;

  self->kick_id = 0;
  run_soon (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_kick (ShouSyncEngine *self,
               guint           delay_ms)
{
  g_clear_handle_id (&self->kick_id, g_source_remove);
  self->kick_at = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  self->kick_id = g_timeout_add (delay_ms, on_kick_cb, self);
}

static void
on_outbox_changed_cb (ShouStore      *store,
                      ShouSyncEngine *self)
{
  update_pending (self);
  if (self->writing)
    return;
  if (self->running)
    self->again = TRUE;
  else if (self->started)
    schedule_kick (self, 50);
}

static void
on_accounts_changed_cb (ShouStore      *store,
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

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       ShouSyncEngine  *self)
{
  if (available && self->state != SHOU_SYNC_IDLE && self->state != SHOU_SYNC_SYNCING)
    {
      self->backoff_attempt = 0;
      schedule_kick (self, 0);
    }
}

static gboolean
on_timer_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;

  run_soon (self);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (ShouSyncEngine *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started && self->interval > 0)
    self->timer_id = g_timeout_add_seconds (self->interval, on_timer_cb, self);
}

/* ---- object ------------------------------------------------------------ */

static void
shou_sync_engine_dispose (GObject *object)
{
  ShouSyncEngine *self = (ShouSyncEngine *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->kick_id, g_source_remove);
  if (self->monitor)
    g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->store)
    {
      g_clear_signal_handler (&self->outbox_handler, self->store);
      g_clear_signal_handler (&self->accounts_handler, self->store);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  abort_run (self);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (shou_sync_engine_parent_class)->dispose (object);
}

static void
shou_sync_engine_finalize (GObject *object)
{
  ShouSyncEngine *self = (ShouSyncEngine *)object;

  g_clear_object (&self->cancellable);
  g_free (self->error_message);

  G_OBJECT_CLASS (shou_sync_engine_parent_class)->finalize (object);
}

static void
shou_sync_engine_constructed (GObject *object)
{
  ShouSyncEngine *self = (ShouSyncEngine *)object;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  G_OBJECT_CLASS (shou_sync_engine_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->outbox_handler = g_signal_connect (self->store, "outbox-changed",
                                           G_CALLBACK (on_outbox_changed_cb), self);
  self->accounts_handler = g_signal_connect (self->store, "accounts-changed",
                                             G_CALLBACK (on_accounts_changed_cb), self);
  self->pending_count = shou_store_count_pending (self->store);

  accounts = shou_store_list_accounts (self->store);
  for (guint i = 0; i < accounts->len; i++)
    {
      const char *id = json_object_get_string_member (accounts->pdata[i], "id");
      gint64 last = shou_store_get_last_success (self->store, id);

      if (last > self->last_synced)
        {
          self->last_synced = last;
          self->clock_offset = shou_store_get_clock_offset (self->store, id);
        }
    }

  /* The schema comes with the app's data; without it (tests, uninstalled
   * runs) the default interval stands. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "sync-interval"))
    {
      self->settings = g_settings_new (BASE_ID);
      g_settings_bind (self->settings, "sync-interval", self, "interval", G_SETTINGS_BIND_GET);
    }
}

static void
shou_sync_engine_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShouSyncEngine *self = SHOU_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_int64 (value, self->last_synced);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_CLOCK_OFFSET:
      g_value_set_int64 (value, self->clock_offset);
      break;
    case PROP_ERROR_CODE:
      g_value_set_int (value, self->error_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_sync_engine_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShouSyncEngine *self = SHOU_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      if (self->interval != g_value_get_uint (value))
        {
          self->interval = g_value_get_uint (value);
          restart_timer (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_sync_engine_class_init (ShouSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_sync_engine_dispose;
  object_class->finalize = shou_sync_engine_finalize;
  object_class->constructed = shou_sync_engine_constructed;
  object_class->get_property = shou_sync_engine_get_property;
  object_class->set_property = shou_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SHOU_SYNC_IDLE, SHOU_SYNC_ERROR, SHOU_SYNC_IDLE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600, DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The SHOU_API_ERROR code behind "error-message" (the UI says more for
   * SHOU_API_ERROR_CERTIFICATE), -1 when none or not an API error. */
  properties[PROP_ERROR_CODE] =
    g_param_spec_int ("error-code", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[ACCOUNT_STATUS_CHANGED] =
    g_signal_new ("account-status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
shou_sync_engine_init (ShouSyncEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) shou_account_status_free);
  self->interval = DEFAULT_INTERVAL;
  self->error_code = -1;
  self->run_error_code = -1;
  self->progress = -1;
  self->backoff_base_ms = 2000;
  self->backoff_max_ms = 5 * 60 * 1000;
  self->page_limit = DEFAULT_PAGE_LIMIT;
}

ShouSyncEngine *
shou_sync_engine_new (ShouStore *store)
{
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  return g_object_new (SHOU_TYPE_SYNC_ENGINE, "store", store, NULL);
}

void
shou_sync_engine_start (ShouSyncEngine *self)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_handler = g_signal_connect (self->monitor, "network-changed",
                                            G_CALLBACK (on_network_changed_cb), self);
  restart_timer (self);
  run_soon (self);
}

void
shou_sync_engine_stop (ShouSyncEngine *self)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->kick_id, g_source_remove);
  if (self->monitor)
    g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      abort_run (self);
      set_state (self, SHOU_SYNC_IDLE);
    }
}

/* A run by the engine's own triggers: entries keep their retry times. */
static void
run_soon (ShouSyncEngine *self)
{
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  g_clear_handle_id (&self->kick_id, g_source_remove);
  start_run (self);
}

void
shou_sync_engine_sync_now (ShouSyncEngine *self)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  self->force_pending = TRUE;
  run_soon (self);
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

ShouSyncState
shou_sync_engine_get_state (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), SHOU_SYNC_IDLE);
  return self->state;
}

gint64
shou_sync_engine_get_last_synced (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), 0);
  return self->last_synced;
}

guint
shou_sync_engine_get_pending_count (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), 0);
  return self->pending_count;
}

double
shou_sync_engine_get_progress (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), -1);
  return self->progress;
}

const char *
shou_sync_engine_get_error_message (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), NULL);
  return self->error_message;
}

gint64
shou_sync_engine_get_server_now (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), g_get_real_time ());
  return g_get_real_time () + self->clock_offset;
}

gboolean
shou_sync_engine_is_running (ShouSyncEngine *self)
{
  g_return_val_if_fail (SHOU_IS_SYNC_ENGINE (self), FALSE);
  return self->running;
}

void
shou_sync_engine_set_backoff (ShouSyncEngine *self,
                              guint           base_ms,
                              guint           max_ms)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));
  self->backoff_base_ms = MAX (base_ms, 1);
  self->backoff_max_ms = MAX (max_ms, self->backoff_base_ms);
}

void
shou_sync_engine_set_request_timeout (ShouSyncEngine *self,
                                      guint           seconds)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));
  self->timeout_s = seconds;
  g_hash_table_remove_all (self->clients);
}

void
shou_sync_engine_set_page_limit (ShouSyncEngine *self,
                                 guint           limit)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));
  self->page_limit = CLAMP (limit, 1, 1000);
}
