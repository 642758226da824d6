/* shou-api-autorules.h: the automatic rules a team's hub runs (API.md
 * "GET /v1/autorules" and after): the list, its replacement, the dry run,
 * the log and its undo, decoded into core's and the cache's types. */
#pragma once

#include "shou-api-client.h"
#include "store/shou-store-autorules.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray  *rules;         /* element-type ShouAutorule, in order */
  GHashTable *dry_run;       /* ids of the rules dry-run as they are now */
  gboolean    hub;           /* "runner": "hub" (else the desktop runs them) */
  gint64      undo_seconds;
} ShouApiAutorules;

typedef struct
{
  GPtrArray *entries;        /* element-type ShouAutoruleLogEntry, newest first;
                              * request_key is the server's request id, key the
                              * action's idempotency key, order_no NULL */
  gint64     now;            /* the hub's clock when it answered */
} ShouApiAutoruleLog;

void                shou_api_autorules_free     (ShouApiAutorules   *rules);
void                shou_api_autorule_log_free  (ShouApiAutoruleLog *log);

/* GET /v1/autorules, or with @rules PUT /v1/autorules (the whole list, in
 * order); both answer the list as the hub keeps it. */
void                shou_api_client_autorules_async       (ShouApiClient       *self,
                                                           GPtrArray           *rules,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
ShouApiAutorules   *shou_api_client_autorules_finish      (ShouApiClient       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* POST /v1/autorules/dry-run: hits' request_key is the server's request id,
 * newest first. The hub remembers it as @rule's dry run. */
void                shou_api_client_autorule_dry_run_async  (ShouApiClient       *self,
                                                             const ShouAutorule  *rule,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
ShouAutoruleDryRun *shou_api_client_autorule_dry_run_finish (ShouApiClient       *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
/* GET /v1/autorules/log?limit=@limit */
void                shou_api_client_autorule_log_async    (ShouApiClient       *self,
                                                           guint                limit,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
ShouApiAutoruleLog *shou_api_client_autorule_log_finish   (ShouApiClient       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* POST /v1/autorules/log/undo: the held action @key, or every held one
 * with @key NULL. Returns: how many were undone, -1 on error. */
void                shou_api_client_autorule_undo_async   (ShouApiClient       *self,
                                                           const char          *key,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gint64              shou_api_client_autorule_undo_finish  (ShouApiClient       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouApiAutorules, shou_api_autorules_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouApiAutoruleLog, shou_api_autorule_log_free)

G_END_DECLS
