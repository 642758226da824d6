/* shou-store-autorules.h: automatic rules where a lone desktop runs them
 * (issue 26). Rules are kept per account in order; a rule is off until it
 * was dry-run as it is now and the seller enables it. The runner queues
 * each automatic action in the outbox with the key derived from (rule,
 * request, version), held for an undo window, and logs it. */
#pragma once

#include "core/shou-autorule.h"
#include "shou-store.h"

G_BEGIN_DECLS

/* Default undo window and the margin kept before a deadline. */
#define SHOU_AUTORULE_UNDO_WINDOW     (G_GINT64_CONSTANT (120) * G_USEC_PER_SEC)
#define SHOU_AUTORULE_DEADLINE_MARGIN (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
#define SHOU_AUTORULE_DRY_RUN_DAYS    30

typedef struct
{
  char     *request_key;
  char     *order_no;
  gint64    amount_fen;
  gint64    arrived_at;
  gboolean  capped;       /* matched, but the day's caps were reached */
} ShouAutoruleHit;

typedef struct
{
  guint      handled;     /* not capped */
  gint64     total_fen;   /* of the handled ones */
  guint      capped;
  GPtrArray *hits;        /* element-type ShouAutoruleHit, newest first */
} ShouAutoruleDryRun;

typedef enum
{
  SHOU_AUTORULE_LOG_HELD,       /* waiting in the undo window */
  SHOU_AUTORULE_LOG_SENDING,    /* the window passed; in the outbox */
  SHOU_AUTORULE_LOG_DONE,       /* the server accepted it, or a local action */
  SHOU_AUTORULE_LOG_FAILED,     /* refused (a conflict) */
  SHOU_AUTORULE_LOG_CANCELLED,  /* undone in the window */
  SHOU_N_AUTORULE_LOG_STATES
} ShouAutoruleLogState;

typedef struct
{
  gint64                id;           /* this cache's log row; 0 for a hub's */
  char                 *key;          /* a hub's row: its idempotency key */
  char                 *rule_id;
  char                 *rule_name;
  char                 *request_key;
  char                 *order_no;
  ShouAutoruleAction    action;
  gint64                amount_fen;
  gint64                at;
  gint64                send_at;
  ShouAutoruleLogState  state;
} ShouAutoruleLogEntry;

void          shou_autorule_hit_free          (ShouAutoruleHit      *hit);
void          shou_autorule_dry_run_free      (ShouAutoruleDryRun   *run);
void          shou_autorule_log_entry_free    (ShouAutoruleLogEntry *entry);

/* Returns: (transfer full) (element-type ShouAutorule): the account's
 * rules in order. */
GPtrArray    *shou_store_list_autorules       (ShouStore          *self,
                                               const char         *account_id);
/* Adds @rule at the end or replaces the rule with its id in place. A
 * change to what the rule does turns it off until it is dry-run again. */
gboolean      shou_store_save_autorule        (ShouStore          *self,
                                               const char         *account_id,
                                               const ShouAutorule *rule,
                                               GError            **error);
gboolean      shou_store_delete_autorule      (ShouStore          *self,
                                               const char         *account_id,
                                               const char         *rule_id,
                                               GError            **error);
/* Moves the rule to @position (0-based) in the order. */
gboolean      shou_store_move_autorule        (ShouStore          *self,
                                               const char         *account_id,
                                               const char         *rule_id,
                                               guint               position,
                                               GError            **error);
/* Enabling needs a dry run of the rule as it is (else
 * SHOU_STORE_ERROR_INVALID, with a sentence for the seller). */
gboolean      shou_store_set_autorule_enabled (ShouStore          *self,
                                               const char         *account_id,
                                               const char         *rule_id,
                                               gboolean            enabled,
                                               GError            **error);
/* Judges each of the account's requests that arrived in the 30 days
 * before @now as it stood when it arrived, with the day caps. When @rule
 * is stored as it is, records the dry run, so that it may be enabled. */
ShouAutoruleDryRun *
              shou_store_autorule_dry_run     (ShouStore          *self,
                                               const char         *account_id,
                                               const ShouAutorule *rule,
                                               gint64              now);
/* Replaces the account's rules by @text (an export), all off. */
gboolean      shou_store_import_autorules     (ShouStore          *self,
                                               const char         *account_id,
                                               const char         *text,
                                               GError            **error);

/* The runner: judges the account's open requests at @now and queues what
 * the first matching enabled rule does, held until
 * shou_autorule_send_at (now, @undo_window, deadline, margin). Returns:
 * how many actions it took. */
guint         shou_store_run_autorules        (ShouStore          *self,
                                               const char         *account_id,
                                               gint64              now,
                                               gint64              undo_window);
/* The same for the requests that changed since they were last judged:
 * @judged (request key -> mark, owned by the caller across runs) remembers
 * each request no rule acted on, with its version, the Asia/Shanghai day
 * and the rules; such a request is judged again only when one of them
 * changes. Blocked ones (claim, conflict) are judged every run. @out_judged:
 * how many were judged. */
guint         shou_store_run_autorules_changed (ShouStore          *self,
                                                const char         *account_id,
                                                gint64              now,
                                                gint64              undo_window,
                                                GHashTable         *judged,
                                                guint              *out_judged);
/* Cancels a held action (@log_id), or every held one with @log_id 0.
 * Returns: how many were cancelled. */
guint         shou_store_cancel_autorule_actions (ShouStore       *self,
                                                  const char      *account_id,
                                                  gint64           log_id,
                                                  gint64           now);
/* Returns: (transfer full) (element-type ShouAutoruleLogEntry): the
 * latest @limit log entries of the account (this desktop's runner's), or
 * of the request with key @request_key (nullable): then also the actions
 * of the team's hub the feed brought (kind "autorule", their state as the
 * hub last said it), newest first. */
GPtrArray    *shou_store_list_autorule_log    (ShouStore          *self,
                                               const char         *account_id,
                                               const char         *request_key,
                                               guint               limit,
                                               gint64              now);
/* Returns: (transfer full): the request's tags (rules add them). */
GStrv         shou_store_get_request_tags     (ShouStore          *self,
                                               const char         *request_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAutoruleDryRun, shou_autorule_dry_run_free)

G_END_DECLS
