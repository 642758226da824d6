/* shou-sync-engine.h: keeps the cache in step with the remote API. */
#pragma once

#include <gio/gio.h>

#include <json-glib/json-glib.h>

#include "shou-api-client.h"
#include "store/shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_SYNC_IDLE,
  SHOU_SYNC_SYNCING,
  SHOU_SYNC_OFFLINE,       /* network or server unreachable, or one push got a 5xx
                            * (that entry waits, the others went); retrying */
  SHOU_SYNC_AUTH_FAILED,   /* token refused */
  SHOU_SYNC_ERROR,
} ShouSyncState;

/* Each account is in exactly one of these, with the action that fixes it. */
typedef enum
{
  SHOU_ACCOUNT_NOT_SYNCED,          /* not synced yet */
  SHOU_ACCOUNT_SYNCING,
  SHOU_ACCOUNT_SYNCED,              /* since: the last complete sync */
  SHOU_ACCOUNT_OFFLINE,             /* since: the first failure in a row; retrying */
  SHOU_ACCOUNT_TOKEN_MISSING,       /* no token saved (or no keyring this session):
                                     * nothing was sent, nothing refused */
  SHOU_ACCOUNT_TOKEN_REFUSED,       /* the server answered 401/403 */
  SHOU_ACCOUNT_CERTIFICATE,         /* certificate not trusted; certificate_sha256 */
  SHOU_ACCOUNT_CERTIFICATE_CHANGED, /* not the certificate the seller trusted:
                                     * sync stopped; certificate_sha256 is the new one */
  SHOU_ACCOUNT_FAILED,              /* another error; message */
} ShouAccountState;

typedef struct
{
  ShouAccountState  state;
  gint64            since;               /* UTC usec, 0 unknown */
  char             *message;             /* translated, NULL when fine */
  char             *certificate_sha256;  /* the server's certificate (CERTIFICATE*) */
} ShouAccountStatus;

#define SHOU_TYPE_ACCOUNT_STATUS (shou_account_status_get_type ())
GType              shou_account_status_get_type (void) G_GNUC_CONST;
ShouAccountStatus *shou_account_status_copy     (const ShouAccountStatus *status);
void               shou_account_status_free     (ShouAccountStatus       *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAccountStatus, shou_account_status_free)

#define SHOU_TYPE_SYNC_ENGINE (shou_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (ShouSyncEngine, shou_sync_engine, SHOU, SYNC_ENGINE, GObject)

/* Properties (read-only unless noted):
 *   "store"          ShouStore (construct-only)
 *   "state"          int ShouSyncState
 *   "last-synced"    int64 UTC usec of the last complete sync, 0 = never
 *   "pending-count"  uint outbox entries waiting
 *   "progress"       double 0..1 during a sync, -1 when unknown
 *   "error-message"  string, translated, NULL when fine
 *   "error-code"     int ShouApiError behind error-message, -1 when none
 *                    (SHOU_API_ERROR_CERTIFICATE: state ERROR, no backoff)
 *   "interval"       uint seconds between periodic syncs (read-write)
 *   "clock-offset"   int64 usec: server clock minus local clock
 * Signals:
 *   "sync-finished" (gboolean ok)
 *   "account-status-changed" (const char *account_id)
 */
ShouSyncEngine *shou_sync_engine_new           (ShouStore       *store);
/* Starts periodic sync and network monitoring for every account. */
void            shou_sync_engine_start         (ShouSyncEngine  *self);
void            shou_sync_engine_stop          (ShouSyncEngine  *self);
/* Pull then push now; no-op if a sync is running (it will run again after).
 * The seller asked: outbox entries waiting for their own retry time go at
 * once. The engine's own triggers respect each entry's next attempt. */
void            shou_sync_engine_sync_now      (ShouSyncEngine  *self);
ShouSyncState   shou_sync_engine_get_state     (ShouSyncEngine  *self);
gint64          shou_sync_engine_get_last_synced (ShouSyncEngine *self);
guint           shou_sync_engine_get_pending_count (ShouSyncEngine *self);
double          shou_sync_engine_get_progress  (ShouSyncEngine  *self);
const char     *shou_sync_engine_get_error_message (ShouSyncEngine *self);
/* Server time now (local clock corrected by the offset), UTC usec. */
gint64          shou_sync_engine_get_server_now (ShouSyncEngine *self);
gboolean        shou_sync_engine_is_running    (ShouSyncEngine  *self);
/* (transfer full): the account's state; before its first try in this
 * session, SYNCED at the cache's last success or NOT_SYNCED. */
ShouAccountStatus *shou_sync_engine_get_account_status (ShouSyncEngine *self,
                                                      const char     *account_id);
/* The account's hub said this session (GET /v1/me) that it is a staff
 * member with the agent role: it may not authorise shops. */
gboolean        shou_sync_engine_account_is_agent (ShouSyncEngine *self,
                                                   const char     *account_id);

/* Tuning, mostly for tests: backoff base and ceiling (default 2 s, 5 min),
 * per-request timeout in seconds (default 30), change-feed page size
 * (default 500). */
void            shou_sync_engine_set_backoff   (ShouSyncEngine  *self,
                                                guint            base_ms,
                                                guint            max_ms);
/* How many agreements to refund may be in flight at once (default 16; 1:
 * one entry at a time, in the outbox's order). A hub groups those that
 * reach it together into the platform's batch calls. */
void            shou_sync_engine_set_in_flight (ShouSyncEngine  *self,
                                                guint            max_actions);
/* How long an automatic rule's action waits, undoable, before it is sent
 * (default: the setting autorule-undo-seconds, else two minutes). */
void            shou_sync_engine_set_autorule_undo_window (ShouSyncEngine *self,
                                                gint64           usec);
void            shou_sync_engine_set_request_timeout (ShouSyncEngine *self,
                                                guint            seconds);
void            shou_sync_engine_set_page_limit (ShouSyncEngine *self,
                                                guint            limit);

/* GET /v1/audit of @account_id's hub (owners only: an agent's token gets
 * SHOU_API_ERROR_FORBIDDEN): {"entries": [{"seq", "at", "staff_id",
 * "action", "aftersale_id", "amount_fen", "status"}]}, newest first. */
void            shou_sync_engine_get_audit_async  (ShouSyncEngine      *self,
                                                   const char          *account_id,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonObject     *shou_sync_engine_get_audit_finish (ShouSyncEngine      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The owner's staff management on @account_id's hub: @method @path
 * ("/v1/staff", "/v1/staff/ID") with an optional JSON @body; the answer
 * ({} for a 204). */
void            shou_sync_engine_team_call_async  (ShouSyncEngine      *self,
                                                   const char          *account_id,
                                                   const char          *method,
                                                   const char          *path,
                                                   JsonObject          *body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonObject     *shou_sync_engine_team_call_finish (ShouSyncEngine      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Where an account's automatic rules run, as its server said this session
 * (GET /v1/me "autorules"; an old server without it: the desktop). */
typedef enum
{
  SHOU_AUTORULES_RUNNER_UNKNOWN,  /* the server was not reached yet */
  SHOU_AUTORULES_RUNNER_DESKTOP,  /* this desktop runs them (its own cache) */
  SHOU_AUTORULES_RUNNER_HUB,      /* the team's hub runs and keeps them */
} ShouAutorulesRunner;

ShouAutorulesRunner shou_sync_engine_get_autorules_runner (ShouSyncEngine *self,
                                                   const char     *account_id);
/* (transfer full): the API client of @account_id (its token, trusted
 * certificate and timeout), for calls the engine does not make itself. */
ShouApiClient  *shou_sync_engine_get_client    (ShouSyncEngine  *self,
                                                const char      *account_id,
                                                GError         **error);

G_END_DECLS
