/* shou-outbox-private.h: the outbox queue's rows, shared with the files
 * that queue evidence and address edits (shou-outbox-evidence.c,
 * shou-outbox-addresses.c) and record conflicts (shou-outbox-conflicts.c). */
#pragma once

#include "shou-outbox.h"
#include "shou-outbox-overlay.h"

G_BEGIN_DECLS

typedef struct
{
  char  *account_id;
  char  *request_id;
  char  *kind;
  char  *action;
  char  *params;
  gint64 expected_version;
} EntryRow;

void     shou_outbox_entry_row_clear (EntryRow *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryRow, shou_outbox_entry_row_clear)

/* Appends an entry (state 'queued') with a new idempotency key. */
gboolean shou_outbox_insert          (ShouDb          *db,
                                      const char      *account_id,
                                      const char      *request_id,
                                      ShouOutboxKind   kind,
                                      const char      *action,
                                      JsonObject      *params,
                                      gint64           expected_version,
                                      GError         **error);
/* Called in the transaction that queued entry @entry_id. */
typedef gboolean (*ShouOutboxAlsoFunc) (ShouDb   *db,
                                        gint64    entry_id,
                                        gpointer  data,
                                        GError  **error);
/* An automatic rule's action: its idempotency @key, not handed out
 * before @until (UTC usec, the undo window), and @also (@data) run in the
 * same transaction. */
typedef struct
{
  const char         *key;
  gint64              until;
  ShouOutboxAlsoFunc  also;
  gpointer            data;
} ShouOutboxHold;

/* shou_store_enqueue_action (), also giving the new entry's id; with
 * @hold (nullable), held as it says. */
gboolean shou_outbox_enqueue_action  (ShouStore       *self,
                                      const char      *request_id,
                                      ShouAction       action,
                                      JsonObject      *params,
                                      gint64           expected_version,
                                      const ShouOutboxHold *hold,
                                      gint64          *entry_id,
                                      GError         **error);
gboolean shou_outbox_load_entry      (ShouDb          *db,
                                      gint64           entry_id,
                                      EntryRow        *row,
                                      GError         **error);
gboolean shou_outbox_set_entry_state (ShouDb          *db,
                                      gint64           entry_id,
                                      const char      *state,
                                      const char      *message,
                                      GError         **error);
/* Drops the request's entries in conflict and its conflict. */
gboolean shou_outbox_drop_conflicts  (ShouDb          *db,
                                      const char      *account_id,
                                      const char      *request_id,
                                      GError         **error);
/* Ends a transaction that queued or changed entries: without @local_error
 * (taken) it is committed and "changed" (for the request with key @changed,
 * NULL: all) and "outbox-changed" emitted, else rolled back and the error
 * passed on. */
gboolean shou_outbox_commit          (ShouStore       *self,
                                      const char      *changed,
                                      GError          *local_error,
                                      GError         **error);
/* Ends the transaction that changed entry @row: when @ok it is committed
 * and the change announced, else rolled back and @local_error (taken)
 * passed on. */
gboolean shou_outbox_end_entry       (ShouStore       *self,
                                      const EntryRow  *row,
                                      gboolean         ok,
                                      GError          *local_error,
                                      GError         **error);
/* shou-store-reviews.c: a review's entry answered (its row's pending
 * count, its server id and version) or refused (its conflict). */
gboolean shou_store_review_complete  (ShouStore       *self,
                                      const EntryRow  *row,
                                      JsonObject      *result,
                                      GError         **error);
gboolean shou_store_review_conflict  (ShouStore       *self,
                                      const EntryRow  *row,
                                      const char      *code,
                                      const char      *message,
                                      const char      *reason,
                                      GError         **error);
/* Entries still queued for a review or a care record: they were based on
 * the seller's view, which included the one answered; they move from
 * @old_key to @new_key and @new_version. Returns how many, or -1. */
gint64   shou_outbox_move_queued     (ShouDb          *db,
                                      const char      *account_id,
                                      const char      *old_key,
                                      const char      *new_key,
                                      gint64           old_version,
                                      gint64           new_version,
                                      GError         **error);
/* One of @table's entries (reviews, care) was answered with @conflict
 * (or none): its row's pending count goes down. */
gboolean shou_outbox_set_row_conflict (ShouDb         *db,
                                       const char     *table,
                                       const char     *account_id,
                                       const char     *id,
                                       const char     *conflict,
                                       GError        **error);
/* shou-outbox-care.c: a care record's entry answered or refused. */
gboolean shou_store_care_complete    (ShouStore       *self,
                                      const EntryRow  *row,
                                      JsonObject      *result,
                                      GError         **error);
gboolean shou_store_care_conflict    (ShouStore       *self,
                                      const EntryRow  *row,
                                      const char      *code,
                                      const char      *message,
                                      const char      *reason,
                                      GError         **error);
/* shou-outbox-orders.c: an order's entry answered (@result: the order)
 * or refused (its reason kept on the entry for shou_store_list_orders ()). */
gboolean shou_store_order_complete   (ShouStore       *self,
                                      const EntryRow  *row,
                                      JsonObject      *result,
                                      GError         **error);
gboolean shou_store_order_conflict   (ShouStore       *self,
                                      gint64           entry_id,
                                      const char      *code,
                                      const char      *reason,
                                      GError         **error);
/* shou-store-annotations.c: a tag or note step answered or refused. */
gboolean shou_store_annotation_complete (ShouStore     *self,
                                         const EntryRow *row,
                                         JsonObject    *result,
                                         GError       **error);
gboolean shou_store_annotation_conflict (ShouStore     *self,
                                         const EntryRow *row,
                                         const char    *code,
                                         const char    *reason,
                                         GError       **error);
/* TRUE (and @error set) while a live migration shows the old tables. */
/* shou-outbox-care.c: a care record registered by hand (a review, a
 * complaint, an incident): its account and shop from @shop_key, the
 * buyer's nickname (required) and the create @body, @fields' @allowed
 * members with the nickname and shop. %FALSE with @error. */
gboolean shou_outbox_care_prepare   (ShouStore          *self,
                                     const char         *shop_key,
                                     JsonObject         *fields,
                                     const char * const *allowed,
                                     char              **account_id,
                                     char              **shop,
                                     char              **nick,
                                     JsonObject        **body,
                                     GError            **error);
gboolean shou_outbox_refuse_while_migrating (ShouStore  *self,
                                             GError    **error);

G_END_DECLS
