/* shou-store.h: the local cache and outbox, one SQLite file.
 *
 * Everything the UI shows comes from here; everything the seller does goes
 * into the outbox here, in the same transaction as its optimistic local
 * state, before the UI says it is done. Sync (src/sync) fills the cache from
 * the change feed and drains the outbox.
 *
 * Objects cross this API as JSON in the remote API's shapes (src/sim/API.md),
 * so the UI, the sync engine and the simulator share one vocabulary.
 *
 * Accounts own their rows. Two accounts may use the same server ids (two
 * shops on one server, two runs of the simulator), so every cached row is
 * stored under (account_id, server id), and the store gives each request,
 * shop and order a *key*: a string unique across accounts, stable for the
 * row's life. The key is the server id, unless another account's row had
 * that id first (then it is "<id>~<account_id>"); treat it as opaque.
 *
 * - The UI side of this API names requests and shops by key only:
 *   every `request_id` parameter below (get_request, enqueue_action,
 *   evidence, resolve_conflict), every `shop_id` parameter (count_view,
 *   list_orders, addresses), ShouRequestItem's "id" and "shop-id",
 *   ShouRequestList's "shop-id", and the "changed" signal's argument are
 *   keys. Objects handed to the UI
 *   keep the server's "id"/"shop_id" and carry the keys beside them:
 *   shops have "key" (and "account_id"); a request from get_request() has
 *   "key", "shop_key" and "account_id"; orders from list_orders() have
 *   "key", and each of their "aftersales" has the "key" of its request.
 * - The sync side (below "Used by src/sync") takes (account_id, server
 *   id), and outbox entries carry server ids for the URLs.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "shou-view.h"

G_BEGIN_DECLS

#define SHOU_STORE_ERROR (shou_store_error_quark ())

typedef enum
{
  SHOU_STORE_ERROR_OPEN,
  SHOU_STORE_ERROR_SQL,
  SHOU_STORE_ERROR_MIGRATION,
  SHOU_STORE_ERROR_NOT_FOUND,
  SHOU_STORE_ERROR_INVALID,     /* refused by core's validators or rules */
  SHOU_STORE_ERROR_IO,
} ShouStoreError;

GQuark shou_store_error_quark (void);

#define SHOU_TYPE_STORE (shou_store_get_type ())
G_DECLARE_FINAL_TYPE (ShouStore, shou_store, SHOU, STORE, GObject)

/* Signals:
 *   "changed" (const char *key or NULL for many): cache contents changed
 *   "accounts-changed": an account or shop was added or removed
 */

/* $XDG_DATA_HOME/shouhou/shouhou.db */
char        *shou_store_get_default_path   (void);
/* $XDG_DATA_HOME/shouhou/evidence/ */
char        *shou_store_get_evidence_dir   (ShouStore    *self);

ShouStore   *shou_store_new                (const char   *path,
                                            GError      **error);

/* Fraction done, 0..1, of opening a cache that needs updating. */
typedef void (*ShouStoreProgressFunc)      (double        fraction,
                                            gpointer      user_data);
/* Whether opening @path first updates its schema. Updating a cache of an
 * older version may take seconds on a large cache (schema 7 re-keys every
 * row by account): open it with shou_store_new_async() and show progress.
 * The update is crash-safe: the large tables are copied in committed
 * batches, so after a kill the next open resumes where it stopped. */
gboolean     shou_store_needs_migration    (const char   *path);
/* shou_store_new() in a worker thread, so the main loop keeps running
 * while the cache is updated; @progress is called in the thread-default
 * main context of the caller. */
void         shou_store_new_async          (const char   *path,
                                            ShouStoreProgressFunc progress,
                                            gpointer      progress_data,
                                            GDestroyNotify progress_destroy,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer      user_data);
ShouStore   *shou_store_new_finish         (GAsyncResult *result,
                                            GError      **error);
/* Whether shou_store_new_live() opens @path at once: a version 6 cache,
 * whose re-keying (schema 7) is the long step. */
gboolean     shou_store_can_migrate_live   (const char   *path);
/* Opens @path at once and, for such a cache, re-keys it in a worker
 * thread meanwhile ("migrating" is TRUE, "migration-progress" climbs to 1).
 * Until it is done the store reads the old tables in the new shape:
 * lists, counts, search and details work, and actions enter the outbox
 * (durably; the re-keying keeps them and their optimistic state).
 * Evidence and address edits wait (a translated error), and the sync side
 * must not run until "migrating" turns FALSE; then "accounts-changed",
 * "changed" (NULL) and "outbox-changed" are emitted. A kill resumes at the
 * next open. Other versions are updated before it returns. */
ShouStore   *shou_store_new_live           (const char   *path,
                                            GError      **error);
gboolean     shou_store_get_migrating      (ShouStore    *self);
/* A live migration's worker starts once the main loop is idle. Held, it
 * waits for shou_store_release_migration() (e.g. the window's first frame
 * with rows: the worker would slow it down), or a few seconds at most. */
void         shou_store_hold_migration     (ShouStore    *self);
void         shou_store_release_migration  (ShouStore    *self);
double       shou_store_get_migration_progress (ShouStore *self);
/* The reason a live migration stopped (it stays "migrating"), or NULL. */
const char  *shou_store_get_migration_error (ShouStore   *self);
const char  *shou_store_get_path           (ShouStore    *self);

/* Accounts: an API base URL + a label; the token lives in the keyring. */
char        *shou_store_add_account        (ShouStore    *self,
                                            const char   *base_url,
                                            const char   *label,
                                            GError      **error);
/* (element-type JsonObject): {"id", "base_url", "label"} */
GPtrArray   *shou_store_list_accounts      (ShouStore    *self);
guint        shou_store_count_account_pending (ShouStore *self,
                                            const char   *account_id);
/* Deletes the account's shops, cached rows (requests, orders, addresses,
 * evidence), outbox, sync state, and the evidence files no other account
 * uses; the rows of other accounts stay, even with the same server ids. */
gboolean     shou_store_remove_account     (ShouStore    *self,
                                            const char   *account_id,
                                            GError      **error);

/* (element-type JsonObject): shop objects + "account_id" + "key" */
GPtrArray   *shou_store_list_shops         (ShouStore    *self);

/* The key of the cached request (or shop) @account_id knows as @server_id,
 * or NULL when it is not cached. For the sync side, notifications, tests. */
char        *shou_store_request_key        (ShouStore    *self,
                                            const char   *account_id,
                                            const char   *server_id);
char        *shou_store_shop_key           (ShouStore    *self,
                                            const char   *account_id,
                                            const char   *server_id);

/* Sidebar counts. @shop_id: a shop's key, NULL = all shops (of every
 * account). */
guint        shou_store_count_view         (ShouStore    *self,
                                            ShouView      view,
                                            const char   *shop_id);
/* The same as of @now (UTC usec): the urgent view's count depends on the
 * time, so a window counts with its own (server-corrected) clock. */
guint        shou_store_count_view_at      (ShouStore    *self,
                                            ShouView      view,
                                            const char   *shop_id,
                                            gint64        now);

/* The nick to show for a buyer filter's value (shou-request-filter.h): the
 * newest cached nick of that platform buyer id, else @buyer itself. */
char        *shou_store_get_buyer_nick     (ShouStore    *self,
                                            const char   *buyer);
/* The full after-sales object (API shape, with "order" embedded), plus
 * "pending_actions": [{"action", "created_at", "attempts", "last_error"}] and
 * "conflict": {"code", "message", "action"} | null. */
JsonObject  *shou_store_get_request        (ShouStore    *self,
                                            const char   *request_id,
                                            GError      **error);
/* Orders for the 全部订单 view (element-type JsonObject), newest first.
 * Each has "aftersales": its cached requests, oldest first, as objects with
 * "id", "line_id", "type", "status" (with queued actions applied),
 * "opened_at", "updated_at" and "exchange_shipped" (shou_status_describe ()),
 * and the seller's cancellation of the order (shou-store-orders.h):
 * "cancel_pending" and, once refused, "cancel_refused" (a reason code). */
GPtrArray   *shou_store_list_orders        (ShouStore    *self,
                                            const char   *shop_id,
                                            const char   *search,
                                            guint         offset,
                                            guint         limit);
/* Orders paid and not yet on their way (pending shipment, or shipped with
 * no tracking event yet), oldest first, for the 发货预警 view; each with
 * "key", "account_id" and its shop's "platform". (element-type JsonObject) */
GPtrArray   *shou_store_list_shipping_orders (ShouStore  *self,
                                              const char *shop_id,
                                              guint       limit);

/**
 * shou_store_enqueue_action:
 * @params: (transfer none): the action's params (API.md)
 * @expected_version: the version the seller saw
 *
 * Checks the action locally (core rules, validators), then in one
 * transaction writes the outbox entry (with a fresh idempotency key) and the
 * optimistic local state, and emits "changed".
 * Returns: %TRUE once the action is durable.
 */
gboolean     shou_store_enqueue_action     (ShouStore    *self,
                                            const char   *request_id,
                                            ShouAction    action,
                                            JsonObject   *params,
                                            gint64        expected_version,
                                            GError      **error);
/* The seller chose again after a conflict: drops the conflicting entry. */
gboolean     shou_store_resolve_conflict   (ShouStore    *self,
                                            const char   *request_id,
                                            GError      **error);
guint        shou_store_count_pending      (ShouStore    *self);

/**
 * shou_store_import_evidence:
 * Sniffs and checks @file against the request's platform profile, copies it
 * into the evidence dir named by its SHA-256 (so the original may vanish),
 * and queues its upload.
 * Returns: (transfer full): the SHA-256, or %NULL with a translated error.
 */
char        *shou_store_import_evidence    (ShouStore    *self,
                                            const char   *request_id,
                                            GFile        *file,
                                            ShouEvidenceKind kind,
                                            GError      **error);
char        *shou_store_import_evidence_bytes (ShouStore *self,
                                            const char   *request_id,
                                            GBytes       *bytes,
                                            ShouEvidenceKind kind,
                                            GError      **error);
/* (element-type JsonObject): {"sha256", "content_type", "size", "kind",
 * "path", "state": "queued|uploading|uploaded|failed", "error"} */
GPtrArray   *shou_store_list_evidence      (ShouStore    *self,
                                            const char   *request_id);
gboolean     shou_store_remove_evidence    (ShouStore    *self,
                                            const char   *request_id,
                                            const char   *sha256,
                                            GError      **error);
gboolean     shou_store_retry_evidence     (ShouStore    *self,
                                            const char   *request_id,
                                            const char   *sha256,
                                            GError      **error);

/* Return addresses (API shape); edits are queued like actions. */
GPtrArray   *shou_store_list_addresses     (ShouStore    *self,
                                            const char   *shop_id);
char        *shou_store_save_address       (ShouStore    *self,
                                            const char   *shop_id,
                                            JsonObject   *address,
                                            GError      **error);
gboolean     shou_store_delete_address     (ShouStore    *self,
                                            const char   *shop_id,
                                            const char   *address_id,
                                            GError      **error);

/* Negotiation scripts: bundled data/scripts plus the seller's own. */
GPtrArray   *shou_store_list_scripts       (ShouStore    *self,
                                            ShouPlatform  platform,
                                            const char   *reason_code);
char        *shou_store_save_script        (ShouStore    *self,
                                            JsonObject   *script,
                                            GError      **error);

/* ---- Used by src/sync (and tests). ------------------------------------ */

/* Emitted as "outbox-changed" (no arguments) after an entry is queued,
 * finished, or dropped, so the sync engine pushes soon. */

char        *shou_store_get_account_base_url (ShouStore *self,
                                            const char   *account_id);
/* The change-feed cursor of @account_id, NULL before the first sync. */
char        *shou_store_get_cursor         (ShouStore    *self,
                                            const char   *account_id);
gint64       shou_store_get_last_success   (ShouStore    *self,
                                            const char   *account_id);
gint64       shou_store_get_clock_offset   (ShouStore    *self,
                                            const char   *account_id);
gboolean     shou_store_set_sync_success   (ShouStore    *self,
                                            const char   *account_id,
                                            gint64        when,
                                            gint64        clock_offset,
                                            GError      **error);
/* @shops: (element-type JsonObject) shop objects from GET /v1/shops. */
gboolean     shou_store_upsert_shops       (ShouStore    *self,
                                            const char   *account_id,
                                            GPtrArray    *shops,
                                            GError      **error);
/**
 * shou_store_apply_changes:
 * @changes: (element-type JsonObject): change objects {"kind", "id", "data"}
 *
 * Applies one page of the change feed and its cursor in one transaction.
 * Re-applying a page is harmless: rows are upserted by id and version.
 */
gboolean     shou_store_apply_changes      (ShouStore    *self,
                                            const char   *account_id,
                                            GPtrArray    *changes,
                                            const char   *next_cursor,
                                            GError      **error);
/* Same, with each change's "data" already serialised (@data_texts,
 * element-type utf8, parallel to @changes; may be NULL). */
gboolean     shou_store_apply_changes_full (ShouStore    *self,
                                            const char   *account_id,
                                            GPtrArray    *changes,
                                            GPtrArray    *data_texts,
                                            const char   *next_cursor,
                                            GError      **error);
/* Same, on a worker thread with a connection of its own: the caller's
 * thread only announces the result ("changed") when it is done. @owner
 * (which owns @changes and @data_texts) is freed with @owner_free on the
 * worker. Pages are applied one at a time (call again once the last one
 * finished to keep their order); a write of this thread meanwhile waits
 * for the page being written (BEGIN IMMEDIATE), then goes first. */
void         shou_store_apply_changes_async  (ShouStore           *self,
                                              const char          *account_id,
                                              GPtrArray           *changes,
                                              GPtrArray           *data_texts,
                                              const char          *next_cursor,
                                              gpointer             owner,
                                              GDestroyNotify       owner_free,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     shou_store_apply_changes_finish (ShouStore           *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* FALSE while pages must be applied in this thread (a live migration). */
gboolean     shou_store_can_apply_async    (ShouStore    *self);
/* A fresh aftersale from the server (e.g. GET /v1/aftersales/{id}). */
gboolean     shou_store_apply_aftersale    (ShouStore    *self,
                                            const char   *account_id,
                                            JsonObject   *aftersale,
                                            GError      **error);

typedef enum
{
  SHOU_OUTBOX_ACTION,           /* POST /v1/aftersales/{id}/actions */
  SHOU_OUTBOX_EVIDENCE,         /* POST /v1/aftersales/{id}/evidence */
  SHOU_OUTBOX_ADDRESS_CREATE,   /* POST /v1/shops/{id}/return-addresses */
  SHOU_OUTBOX_ADDRESS_UPDATE,   /* PUT …/{aid} */
  SHOU_OUTBOX_ADDRESS_DELETE,   /* DELETE …/{aid} */
  SHOU_OUTBOX_REVIEW_CREATE,    /* POST /v1/reviews (request_id "review:<local id>") */
  SHOU_OUTBOX_REVIEW_ACTION,    /* POST /v1/reviews/{id}/actions (request_id "review:<id>") */
  SHOU_OUTBOX_CARE_CREATE,      /* POST /v1/complaints (request_id "complaint:<local id>") */
  SHOU_OUTBOX_CARE_ACTION,      /* POST /v1/complaints/{id}/actions (request_id "complaint:<id>") */
  SHOU_OUTBOX_ORDER_CANCEL,     /* POST /v1/orders/{id}/cancel (request_id "order:<id>") */
  SHOU_OUTBOX_ANNOTATION,       /* POST /v1/aftersales/{id}/annotations (request_id "annotation:<id>") */
} ShouOutboxKind;

typedef struct
{
  gint64          id;
  char           *account_id;
  ShouOutboxKind  kind;
  char           *request_id;     /* after-sales id, or the shop id for addresses */
  char           *action;         /* action name; address id for address edits */
  JsonObject     *params;
  gint64          expected_version;
  char           *idempotency_key;
  guint           attempts;
  gint64          created_at;
} ShouOutboxEntry;

void             shou_outbox_entry_free     (ShouOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouOutboxEntry, shou_outbox_entry_free)

/* The oldest entry of @account_id that may be sent now: every earlier entry
 * of the same request is done and its own retry time (shou-outbox.h) has
 * come. NULL when none. */
ShouOutboxEntry *shou_store_outbox_next     (ShouStore       *self,
                                             const char      *account_id);
/* Up to @limit entries of @action (kind action) that may be sent now, the
 * oldest first: each is the oldest unsent entry of its request, so no two
 * are of the same request. */
GPtrArray       *shou_store_outbox_next_actions (ShouStore  *self,
                                                 const char *account_id,
                                                 const char *action,
                                                 guint       limit);
/* Marks the entry as being sent (counts the attempt) before the request
 * leaves, so a crash after sending re-sends it with the same key. */
gboolean     shou_store_outbox_mark_sending (ShouStore       *self,
                                             gint64           entry_id,
                                             GError         **error);
/* The server accepted the entry; @result is the response's object
 * (aftersale, evidence or address; NULL for a delete). */
gboolean     shou_store_outbox_complete     (ShouStore       *self,
                                             gint64           entry_id,
                                             JsonObject      *result,
                                             GError         **error);
/* A retryable failure (network, 5xx): keep the entry, remember the error. */
gboolean     shou_store_outbox_retry_later  (ShouStore       *self,
                                             gint64           entry_id,
                                             const char      *message,
                                             GError         **error);
/* The server refused the entry (409, 422, 400, 404…): the entry is kept as
 * a visible conflict on its request until the seller resolves it. */
gboolean     shou_store_outbox_conflict     (ShouStore       *self,
                                             gint64           entry_id,
                                             const char      *code,
                                             const char      *message,
                                             GError         **error);
/* The same, keeping the server's machine reason for a 422 not_allowed
 * (a core reason code such as "negotiation_waiting", or NULL) as the
 * conflict's "reason": shou_store_get_request()'s "conflict" is then
 * {"code", "message", "action", "reason"}. */
gboolean     shou_store_outbox_conflict_full (ShouStore      *self,
                                             gint64           entry_id,
                                             const char      *code,
                                             const char      *message,
                                             const char      *reason,
                                             GError         **error);
/* Outbox entries in each state, for tests and diagnostics. */
guint        shou_store_count_outbox        (ShouStore       *self,
                                             const char      *state);
/* Runs PRAGMA integrity_check; "ok" when sound. */
char        *shou_store_check_integrity     (ShouStore       *self,
                                             GError         **error);
/* Absolute path of a stored evidence file, or NULL. */
char        *shou_store_get_evidence_path   (ShouStore       *self,
                                             const char      *sha256);

/* Merges the search indexes' segments in short idle steps when writes
 * (a pull that applied many changes, such as the first sync) have left
 * them fragmented; a no-op when they are compact. Call after a pull. */
void         shou_store_maintain_search_index (ShouStore     *self);
/* Bulk pages (shou_store_apply_changes of 200 changes or more) announce
 * "changed" at most once a second; this announces the rest now. The sync
 * engine calls it when a pull ends. */
void         shou_store_flush_changed       (ShouStore       *self);
/* TRUE while shou_store_maintain_search_index() still has steps to run. */
gboolean     shou_store_get_maintaining     (ShouStore       *self);

G_END_DECLS
