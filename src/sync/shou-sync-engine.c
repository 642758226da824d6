/* shou-sync-engine.c: the engine object, its properties and its public API. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "store/shou-store-autorules.h"
#include "shou-sync-engine-private.h"

#define DEFAULT_INTERVAL 60
#define DEFAULT_PAGE_LIMIT 500

GParamSpec *shou_sync_engine_properties[N_PROPS];
guint shou_sync_engine_signals[N_SIGNALS];

G_DEFINE_TYPE (ShouSyncEngine, shou_sync_engine, G_TYPE_OBJECT)

/* ---- property helpers -------------------------------------------------- */

void
shou_sync_set_state (ShouSyncEngine *self,
                     ShouSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_STATE]);
}

void
shou_sync_set_progress (ShouSyncEngine *self,
                        double          progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_PROGRESS]);
}

void
shou_sync_set_error_code (ShouSyncEngine *self,
                          int             code)
{
  if (self->error_code == code)
    return;
  self->error_code = code;
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_ERROR_CODE]);
}

void
shou_sync_set_error_message (ShouSyncEngine *self,
                             const char     *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_ERROR_MESSAGE]);
}

void
shou_sync_update_pending (ShouSyncEngine *self)
{
  guint n = shou_store_count_pending (self->store);

  if (n == self->pending_count)
    return;
  self->pending_count = n;
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_PENDING_COUNT]);
}

void
shou_sync_set_clock_offset (ShouSyncEngine *self,
                            gint64          offset)
{
  if (self->clock_offset == offset)
    return;
  self->clock_offset = offset;
  g_object_notify_by_pspec (G_OBJECT (self), shou_sync_engine_properties[PROP_CLOCK_OFFSET]);
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
      shou_sync_claims_detach (self);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  shou_sync_abort_run (self);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->identified, g_hash_table_unref);
  g_clear_pointer (&self->hub_autorules, g_hash_table_unref);
  g_clear_pointer (&self->agents, g_hash_table_unref);
  g_clear_pointer (&self->autorule_judged, g_hash_table_unref);
  g_clear_pointer (&self->push_ahead, g_hash_table_unref);

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
                                           G_CALLBACK (shou_sync_on_outbox_changed_cb), self);
  self->accounts_handler = g_signal_connect (self->store, "accounts-changed",
                                             G_CALLBACK (shou_sync_on_accounts_changed_cb), self);
  shou_sync_claims_attach (self);
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
  if (schema != NULL && g_settings_schema_has_key (schema, "autorule-undo-seconds"))
    self->autorule_undo = (gint64) g_settings_get_uint (self->settings, "autorule-undo-seconds") * G_USEC_PER_SEC;
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
          shou_sync_restart_timer (self);
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

  shou_sync_engine_properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SHOU_SYNC_IDLE, SHOU_SYNC_ERROR, SHOU_SYNC_IDLE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600, DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  shou_sync_engine_properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The SHOU_API_ERROR code behind "error-message" (the UI says more for
   * SHOU_API_ERROR_CERTIFICATE), -1 when none or not an API error. */
  shou_sync_engine_properties[PROP_ERROR_CODE] =
    g_param_spec_int ("error-code", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, shou_sync_engine_properties);

  shou_sync_engine_signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  shou_sync_engine_signals[ACCOUNT_STATUS_CHANGED] =
    g_signal_new ("account-status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
shou_sync_engine_init (ShouSyncEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->push_ahead_max = SHOU_SYNC_PUSH_AHEAD_MAX;
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) shou_account_status_free);
  self->identified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hub_autorules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->autorule_judged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);
  self->interval = DEFAULT_INTERVAL;
  self->error_code = -1;
  self->run_error_code = -1;
  self->progress = -1;
  self->backoff_base_ms = 2000;
  self->backoff_max_ms = 5 * 60 * 1000;
  self->page_limit = DEFAULT_PAGE_LIMIT;
  self->autorule_undo = SHOU_AUTORULE_UNDO_WINDOW;
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
                                            G_CALLBACK (shou_sync_on_network_changed_cb), self);
  shou_sync_restart_timer (self);
  shou_sync_run_soon (self);
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
      shou_sync_abort_run (self);
      shou_sync_set_state (self, SHOU_SYNC_IDLE);
    }
}

void
shou_sync_engine_sync_now (ShouSyncEngine *self)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  self->force_pending = TRUE;
  shou_sync_run_soon (self);
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
shou_sync_engine_set_in_flight (ShouSyncEngine *self,
                                guint           max_actions)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));
  self->push_ahead_max = MAX (max_actions, 1);
}

void
shou_sync_engine_set_autorule_undo_window (ShouSyncEngine *self,
                                           gint64          usec)
{
  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));
  self->autorule_undo = MAX (usec, 0);
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
