/* shou-sync-engine-private.h: the engine's state, shared by its files
 * (object, accounts, schedule, push, pull). */
#pragma once

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "store/shou-outbox.h"
#include "shou-sync-engine.h"

G_BEGIN_DECLS

struct _ShouSyncEngine
{
  GObject          parent_instance;

  ShouStore       *store;
  GCancellable    *cancellable;
  GHashTable      *clients;        /* account id -> ShouApiClient */
  GHashTable      *statuses;       /* account id -> ShouAccountStatus */
  GHashTable      *identified;     /* account ids asked who they are this session */
  GHashTable      *hub_autorules;  /* account ids whose hub runs their automatic rules */
  GHashTable      *agents;         /* account ids whose hub says they are an agent (GET /v1/me role) */
  GHashTable      *autorule_judged; /* account id -> (request key -> mark): judged, nothing to do */
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
  gint64           autorule_undo;  /* usec an automatic action waits */

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
  /* Agreements sent ahead of their turn (entry id → PushSlot), so that a
   * hub can group them into the platform's batch calls; their answers are
   * taken in the outbox's order (-push.c). */
  GHashTable      *push_ahead;
  guint            push_ahead_max; /* agreements in flight at most */

  /* the pull in progress: the next page is fetched while one is applied */
  GQueue           pages;          /* ShouChangesPage, in feed order */
  guint            pull_generation;
  gboolean         fetching;
  gboolean         last_received;
  char            *next_cursor;    /* fetch this once the queue drains */
  guint            apply_id;
  gboolean         applying;       /* a page is being written on a worker */

  /* the claim on the request the window shows (-claims.c) */
  gulong           claim_handler;
  char            *claim_key;
  guint            claim_renew_id;
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

extern GParamSpec *shou_sync_engine_properties[N_PROPS];
extern guint shou_sync_engine_signals[N_SIGNALS];

void shou_sync_set_state (ShouSyncEngine *self,
                          ShouSyncState   state);

void shou_sync_set_progress (ShouSyncEngine *self,
                             double          progress);

void shou_sync_set_error_code (ShouSyncEngine *self,
                               int             code);

void shou_sync_set_error_message (ShouSyncEngine *self,
                                  const char     *message);

void shou_sync_update_pending (ShouSyncEngine *self);

void shou_sync_set_clock_offset (ShouSyncEngine *self,
                                 gint64          offset);

void shou_sync_set_account_status (ShouSyncEngine   *self,
                                   const char       *account_id,
                                   ShouAccountState  state,
                                   gint64            since,
                                   const char       *message,
                                   const char       *certificate_sha256);

void shou_sync_account_status_failed (ShouSyncEngine *self,
                                      const char     *account_id,
                                      const GError   *error);

void shou_sync_claims_attach (ShouSyncEngine *self);
void shou_sync_claims_detach (ShouSyncEngine *self);

ShouApiClient * shou_sync_get_client (ShouSyncEngine  *self,
                                      const char      *account_id,
                                      GError         **error);

void shou_sync_begin_account (ShouSyncEngine *self,
                              ShouApiClient  *client);

const char * shou_sync_run_account (ShouSyncEngine *self);

guint shou_sync_backoff_delay_ms (ShouSyncEngine *self,
                                  guint           attempt);

void shou_sync_note_failure (ShouSyncEngine *self,
                             const GError   *error);

void shou_sync_account_failed (ShouSyncEngine *self,
                               const GError   *error);

void shou_sync_account_done (ShouSyncEngine *self);

gboolean shou_sync_is_cancelled (const GError *error);

void shou_sync_on_cancelled (ShouSyncEngine *self);

void shou_sync_abort_run (ShouSyncEngine *self);

void shou_sync_next_account (ShouSyncEngine *self);

void shou_sync_schedule_kick (ShouSyncEngine *self,
                              guint           delay_ms);

void shou_sync_on_outbox_changed_cb (ShouStore      *store,
                                     ShouSyncEngine *self);

void shou_sync_on_accounts_changed_cb (ShouStore      *store,
                                       ShouSyncEngine *self);

void shou_sync_on_network_changed_cb (GNetworkMonitor *monitor,
                                      gboolean         available,
                                      ShouSyncEngine  *self);

void shou_sync_restart_timer (ShouSyncEngine *self);

void shou_sync_run_soon (ShouSyncEngine *self);

void shou_sync_push_next (ShouSyncEngine *self);
/* Forgets the agreements sent ahead (the run ended): their late answers
 * are dropped; the entries stay 'sending' and go again with their keys. */
void shou_sync_push_forget (ShouSyncEngine *self);
/* How many agreements the desktop has in flight at most, by default
 * (issue 23: the desktop only bounds this; the hub groups what reaches it). */
#define SHOU_SYNC_PUSH_AHEAD_MAX 16

void shou_sync_pull_reset (ShouSyncEngine *self);

void shou_sync_pull (ShouSyncEngine *self);

G_END_DECLS
