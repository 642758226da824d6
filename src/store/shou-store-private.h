/* shou-store-private.h: shared between the store's own files. */
#pragma once

#include "shou-db.h"
#include "shou-store.h"

G_BEGIN_DECLS

/* view_mask bits in the requests table */
#define SHOU_VIEW_BIT_PENDING       1
#define SHOU_VIEW_BIT_NEGOTIATING   2
#define SHOU_VIEW_BIT_AWAIT_RETURN  4
#define SHOU_VIEW_BIT_INTERVENTION  8
#define SHOU_VIEW_BIT_FINISHED      16
#define SHOU_VIEW_BIT_SELLER_DEADLINE 32
#define SHOU_VIEW_BIT_ALL           64
/* Not a view (no count): a wait_seller_ship request whose goods left. */
#define SHOU_VIEW_BIT_EXCHANGE_SHIPPED 128
/* Not a view either: the running deadline counts working days without a
 * holiday table (the row says 约). */
#define SHOU_VIEW_BIT_DEADLINE_APPROXIMATE 256

#define SHOU_URGENT_WINDOW (24 * G_TIME_SPAN_HOUR)

/* The store's fields, shared by its files (shou-store*.c). */
struct _ShouStore
{
  GObject       parent_instance;

  ShouDb       *db;
  char         *path;
  char         *evidence_dir;
  ShouProfiles *profiles;
  gboolean      profiles_tried;

  /* search index upkeep */
  guint         merge_id;
  guint         merge_index;    /* into search_indexes[] */
  gboolean      merge_started;

  /* "changed" after bulk pages, at most once a second */
  guint         bulk_changed_id;
  gint64        bulk_changed_at;
  gint64        bulk_interval;  /* 20 times what the last one cost */
  gint64        bulk_started_at; /* the last announcement's start, and */
  gint64        bulk_cpu_at;    /* the CPU time of its thread then */
  guint         bulk_backoff;   /* seconds at least between two (1..4) */
  gboolean      bulk_pending;

  /* A live migration (shou_store_new_live): the worker re-keys the file
   * while this connection reads it through TEMP views. */
  gboolean      live_views;
  gboolean      live_readonly;
  gint          waiting_writers;  /* shou_db_share_waiting_writers() */
  gboolean      migrating;
  double        migration_progress;
  char         *migration_error;
  GTask        *live_task;      /* the worker, until it starts */
  guint         live_start_id;

  /* shou_store_apply_changes_async(): a second connection of its own,
   * used by one worker at a time (writer_lock). */
  GMutex        writer_lock;
  ShouStore    *writer;
};

/* Pages of this many changes or more are bulk pages (the first sync). */
#define SHOU_STORE_BULK_CHANGES 200

/* What an applied page announces ("changed"). */
typedef enum
{
  SHOU_STORE_ANNOUNCE_NONE,
  SHOU_STORE_ANNOUNCE_BULK,     /* shou_store_emit_bulk_changed */
  SHOU_STORE_ANNOUNCE_REQUEST,  /* one request */
  SHOU_STORE_ANNOUNCE_ALL,
} ShouStoreAnnounce;

/* A page and its cursor in one transaction, announcing nothing. With
 * @known_account, nothing when the account is not (any more) in the cache. */
gboolean  shou_store_apply_changes_txn (ShouStore   *self,
                                        const char  *account_id,
                                        GPtrArray   *changes,
                                        GPtrArray   *data_texts,
                                        const char  *next_cursor,
                                        gboolean     known_account,
                                        GError     **error);
ShouStoreAnnounce
          shou_store_changes_announcement (GPtrArray  *changes,
                                           char      **request_id);
void      shou_store_announce        (ShouStore         *self,
                                      const char        *account_id,
                                      ShouStoreAnnounce  what,
                                      const char        *request_id);
/* A store on its own connection to @path, not migrated. */
ShouStore *shou_store_open_connection (const char  *path,
                                       GError     **error);

/* shou-store-migrations.c: step i takes the schema from version i to i + 1. */
extern const char * const shou_store_migrations[];
extern const guint        shou_store_n_migrations;

int       shou_store_schema_latest   (void);
gboolean  shou_store_schema_migrate  (ShouDb      *db,
                                      int          target,
                                      GError     **error);
/* The same, calling @progress (fraction 0..1, in the calling thread) as the
 * steps go. Schema 7's re-keying copies its large tables in committed
 * batches first, so a migration killed half-way resumes there. */
gboolean  shou_store_schema_migrate_full (ShouDb                *db,
                                          int                    target,
                                          ShouStoreProgressFunc  progress,
                                          gpointer               progress_data,
                                          GError               **error);

/* A version 6 cache can be read through TEMP views in the shape of the
 * latest schema while a worker re-keys it (shou_store_new_live). */
gboolean  shou_store_schema_can_migrate_live (ShouDb  *db);
gboolean  shou_store_schema_add_live_views   (ShouDb    *db,
                                              gboolean  *writable,
                                              GError   **error);
gboolean  shou_store_schema_drop_live_views  (ShouDb  *db,
                                              GError **error);
/* TRUE while the window's connection reads through those views. */
gboolean  shou_store_get_live_views  (ShouStore   *self);
/* TRUE while evidence and addresses cannot be written meanwhile. */
gboolean  shou_store_get_live_readonly (ShouStore *self);

ShouDb   *shou_store_get_db          (ShouStore   *self);
/* The data folder of @subdir ($@env, the build tree or the installed one). */
GFile    *shou_store_find_data_dir   (const char  *env,
                                      const char  *subdir);
/* Bit of the view in view_mask, 0 for the urgent view (time-dependent). */
guint     shou_view_get_bit          (ShouView     view);
const ShouProfile *
          shou_store_get_profile     (ShouStore   *self,
                                      ShouPlatform platform);


G_END_DECLS

G_BEGIN_DECLS
/* shou-outbox.c / shou-store.c internals */
char      *shou_store_json_to_string   (JsonObject  *object);
JsonObject *shou_store_json_parse      (const char  *text);
/* Rewrites the request's indexed columns and local overlay from its server
 * data and its queued outbox entries. Call inside a transaction. */
gboolean   shou_store_refresh_request  (ShouStore   *self,
                                        const char  *account_id,
                                        const char  *request_id,
                                        GError     **error);
/* A key (shou-store.h) to its row's account and server id; FALSE (and
 * NULLs) when no row has it. */
gboolean   shou_store_resolve_request  (ShouStore   *self,
                                        const char  *key,
                                        char       **account_id,
                                        char       **request_id);
gboolean   shou_store_resolve_shop     (ShouStore   *self,
                                        const char  *key,
                                        char       **account_id,
                                        char       **shop_id);
/* Bad reviews' rows (shou-store-reviews.c), for the outbox's review
 * entries (shou-outbox-reviews.c). A review's key is "account|id". */
char      *shou_store_review_key        (const char  *account_id,
                                         const char  *id);
gboolean   shou_store_review_split_key  (const char  *key,
                                         char       **account_id,
                                         char       **id);
gboolean   shou_store_review_is_null    (JsonObject  *review,
                                         const char  *name);
/* Inside a transaction: the row of @review with @pending entries. */
gboolean   shou_store_review_write_row  (ShouDb      *db,
                                         const char  *account_id,
                                         JsonObject  *review,
                                         gint64       pending,
                                         const char  *conflict,
                                         GError     **error);
/* FALSE when there is no row; (transfer full) *@review when asked. */
gboolean   shou_store_review_find_row   (ShouDb      *db,
                                         const char  *account_id,
                                         const char  *id,
                                         gint64      *version,
                                         gint64      *pending,
                                         JsonObject **review);
/* Care records' rows (shou-store-care.c), for the outbox's care entries
 * (shou-outbox-care.c). Keys as reviews'. */
gboolean   shou_store_care_write_row    (ShouStore   *self,
                                         const char  *account_id,
                                         const char  *kind,
                                         JsonObject  *data,
                                         gint64       pending,
                                         const char  *conflict,
                                         GError     **error);
/* A listed row (account_id, id, data, pending, conflict) as an object
 * with "key", "pending" and "conflict"; reviews' rows too. */
JsonObject *shou_store_care_row_object  (sqlite3_stmt *stmt);
gboolean   shou_store_care_find_row     (ShouDb      *db,
                                         const char  *account_id,
                                         const char  *id,
                                         gint64      *version,
                                         gint64      *pending,
                                         JsonObject **data);
/* A LIKE pattern (ESCAPE '\\') that finds @text anywhere. */
char      *shou_store_like_pattern     (const char  *text);
/* Emits "changed" with the request's key. */
void       shou_store_emit_request_changed (ShouStore *self,
                                        const char  *account_id,
                                        const char  *request_id);
/* SQL for the key of a row of @T (requests, shops, orders) being written
 * with server id @ID for account @ACCOUNT (both SQL expressions): the
 * row's own key if it exists, else the server id if no row has that key,
 * else id~account. */
#define SHOU_KEY_SQL(T, ID, ACCOUNT) \
  "coalesce((SELECT key FROM " T " WHERE account_id = " ACCOUNT " AND id = " ID "), " \
  "iif(EXISTS (SELECT 1 FROM " T " WHERE key = " ID "), " ID " || '~' || " ACCOUNT ", " ID "))"
/* Writes a server aftersale (inside a transaction). */
/* Writes a server order (inside a transaction); an older version than the
 * cached one is ignored. */
gboolean   shou_store_write_order      (ShouStore   *self,
                                        const char  *account_id,
                                        JsonObject  *order,
                                        const char  *given_text,
                                        GError     **error);
gboolean   shou_store_write_aftersale  (ShouStore   *self,
                                        const char  *account_id,
                                        JsonObject  *aftersale,
                                        const char  *text,
                                        GError     **error);
gboolean   shou_store_write_address    (ShouStore   *self,
                                        const char  *account_id,
                                        JsonObject  *address,
                                        gboolean     force,
                                        GError     **error);
gboolean   shou_store_write_request_row (ShouStore  *self,
                                        const char  *account_id,
                                        JsonObject  *server,
                                        const char  *server_text,
                                        JsonObject  *effective,
                                        guint        pending,
                                        const char  *conflict,
                                        GError     **error);
/* After a bulk page (the initial sync): "changed" now if none went out in
 * the last second, else once the second is over. The window's lists
 * refresh as the cache fills, not once per page. */
void       shou_store_emit_bulk_changed (ShouStore  *self);
void       shou_store_emit_changed     (ShouStore   *self,
                                        const char  *request_id);
void       shou_store_emit_outbox_changed (ShouStore *self);
void       shou_store_emit_accounts_changed (ShouStore *self);
gboolean   shou_store_propagate        (GError     **error,
                                        GError      *db_error);
/* shou-store-stats.c: rewrites a request's statistics facts. */
gboolean   shou_store_stats_refresh_request (ShouStore *self,
                                        gint64      rid,
                                        GError    **error);
/* shou-store-team.c: kinds of change this version knows; a change of
 * another kind (or a claim) applied inside the page's transaction. */
gboolean   shou_store_kind_known       (const char  *kind);
gboolean   shou_store_apply_other_change (ShouStore *self,
                                        const char  *account_id,
                                        JsonObject  *change,
                                        const char  *data_text,
                                        GError     **error);
/* shou-store-annotations.c: a feed change of kind "annotation" (inside
 * the page's transaction). */
gboolean   shou_store_write_annotation (ShouStore   *self,
                                        const char  *account_id,
                                        JsonObject  *data,
                                        GError     **error);
/* shou-store-autorules.c: a feed change of kind "autorule", a hub's
 * automatic action (inside the page's transaction, after its requests). */
gboolean   shou_store_write_hub_autorule (ShouStore *self,
                                        const char  *account_id,
                                        JsonObject  *data,
                                        GError     **error);
/* An annotation step's outbox entry is "annotation:<aftersale id>". */
#define SHOU_ANNOTATION_ENTRY_PREFIX "annotation:"
/* Inside a transaction: the shown copy of (account, aftersale) rebuilt
 * from the server's and the steps still queued, with its synced tags. */
gboolean   shou_store_annotation_refresh (ShouDb    *db,
                                        const char  *account_id,
                                        const char  *aftersale_id,
                                        GError     **error);
/* Inside a transaction: @annotation is the server's copy, unless older
 * than the one held; then refreshed. */
gboolean   shou_store_annotation_write_server (ShouDb *db,
                                        const char  *account_id,
                                        JsonObject  *annotation,
                                        GError     **error);
/* Applies the kept changes of kinds this version knows (on open). */
gboolean   shou_store_replay_unknown_changes (ShouStore *self,
                                        GError     **error);
/* Adds the store's "claim-wanted" signal. */
void       shou_store_team_class_init  (GObjectClass *klass);
/* Tests: act as a version that does not know @kinds (NULL: knows all). */
void       shou_store_forget_kinds_for_testing (const char * const *kinds);
G_END_DECLS

G_BEGIN_DECLS

static inline const char *
jstr (JsonObject *obj,
      const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL)
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gboolean
jint (JsonObject *obj,
      const char *name,
      gint64     *out)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL)
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static inline JsonObject *
jobj (JsonObject *obj,
      const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/* Element @i of @arr if it is an object, else NULL. */
static inline JsonObject *
jarr_obj (JsonArray *arr,
          guint      i)
{
  JsonNode *node = json_array_get_element (arr, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static inline JsonArray *
jarr (JsonObject *obj,
      const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

G_END_DECLS
