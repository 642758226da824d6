/* shou-hub-store-autorules.h: what the hub keeps for automatic rules
 * (schema 6): the merchant's rules in order, the text each rule's last dry
 * run judged, the log (one row per derived idempotency key; a held row
 * waits for its undo window), the buyers seen and the runner's place in
 * the change feed. One implementation for both engines. */
#pragma once

#include "core/shou-autorule.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* A log row. States: "held" (inside its undo window), "sending", "done",
 * "failed" (@status says why), "undone". */
typedef struct
{
  char   *merchant_id;
  char   *key;
  char   *rule_id;
  char   *rule_name;
  char   *aftersale_id;
  char   *action;       /* core's action name (shou_autorule_action_to_string) */
  char   *params;       /* the action's params, JSON text */
  char   *state;
  gint64  version;
  gint64  amount_fen;
  gint64  queued_at;
  gint64  send_at;
  gint64  status;
} ShouHubAutoruleLog;

void        shou_hub_autorule_log_free (ShouHubAutoruleLog *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubAutoruleLog, shou_hub_autorule_log_free)

/* (transfer full) (element-type ShouAutorule): in order */
GPtrArray  *shou_hub_store_list_autorules     (ShouHubStore  *self,
                                               const char    *merchant_id);
/* @rules (element-type ShouAutorule) replace the merchant's rules, in
 * this order (call it inside a transaction). */
gboolean    shou_hub_store_set_autorules      (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               GPtrArray     *rules,
                                               GError       **error);
/* (transfer full): the rule text @rule_id's last dry run judged, or %NULL */
char       *shou_hub_store_get_autorule_dry_run (ShouHubStore *self,
                                                 const char   *merchant_id,
                                                 const char   *rule_id);
gboolean    shou_hub_store_put_autorule_dry_run (ShouHubStore *self,
                                                 const char   *merchant_id,
                                                 const char   *rule_id,
                                                 const char   *text,
                                                 GError      **error);
/* (transfer full) (element-type utf8): merchants that have rules */
GPtrArray  *shou_hub_store_autorule_merchants (ShouHubStore  *self);
/* The feed position the runner read up to on @day (the start of an
 * Asia/Shanghai day); 0 on another day. */
gint64      shou_hub_store_get_autorule_cursor (ShouHubStore *self,
                                                const char   *merchant_id,
                                                gint64        day);
gboolean    shou_hub_store_set_autorule_cursor (ShouHubStore *self,
                                                const char   *merchant_id,
                                                gint64        seq,
                                                gint64        day,
                                                GError      **error);
/* (transfer full) (element-type utf8): "id", "change_seq" pairs of the
 * merchant's requests changed after @after, oldest change first */
GPtrArray  *shou_hub_store_changed_aftersales (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               gint64         after,
                                               guint          limit);
/* (transfer full) (element-type utf8): ids of the merchant's requests
 * opened since @since, oldest first (a dry run's) */
GPtrArray  *shou_hub_store_autorule_recent    (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               gint64         since,
                                               guint          limit);
gboolean    shou_hub_store_put_autorule_buyer (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               const char    *aftersale_id,
                                               const char    *platform,
                                               const char    *buyer,
                                               gint64         opened_at,
                                               GError       **error);
/* (transfer full) (element-type gint64): when the buyer's other requests
 * (same platform, any of the merchant's shops) opened, since @since */
GArray     *shou_hub_store_autorule_history   (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               const char    *platform,
                                               const char    *buyer,
                                               const char    *except_id,
                                               gint64         since);
/* What @rule_id did since @since (undone actions aside). */
void        shou_hub_store_autorule_done_since (ShouHubStore *self,
                                                const char   *merchant_id,
                                                const char   *rule_id,
                                                gint64        since,
                                                gint64       *out_count,
                                                gint64       *out_amount_fen);
/* Adds @log unless its key is there; @out_added says which. */
gboolean    shou_hub_store_add_autorule_log   (ShouHubStore             *self,
                                               const ShouHubAutoruleLog *log,
                                               gboolean                 *out_added,
                                               GError                  **error);
/* (transfer full) (element-type ShouHubAutoruleLog): held rows of every
 * merchant whose window ended by @now, and rows left "sending" by a hub
 * that died (send_at before @stale_before) */
GPtrArray  *shou_hub_store_due_autorule_log   (ShouHubStore  *self,
                                               gint64         now,
                                               gint64         stale_before,
                                               guint          limit);
/* Moves the row from @from to @to (status @status); FALSE when it was not
 * in @from any more (another hub took it, or it was undone). */
gboolean    shou_hub_store_move_autorule_log  (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               const char    *key,
                                               const char    *from,
                                               const char    *to,
                                               gint64         status);
/* Undoes the held row @key (every held row when %NULL) whose window has
 * not ended at @now. Returns: how many. */
guint       shou_hub_store_undo_autorule_log  (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               const char    *key,
                                               gint64         now);
/* (transfer full): newest first, as API.md "GET /v1/autorules/log" */
JsonArray  *shou_hub_store_list_autorule_log  (ShouHubStore  *self,
                                               const char    *merchant_id,
                                               guint          limit);

G_END_DECLS
