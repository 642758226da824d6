#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"
#include "sync/shou-api-errors.h"

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
};

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  ACCOUNTS_CHANGED,
  OUTBOX_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ShouStore, shou_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (shou-store-error-quark, shou_store_error)

/* ---- helpers ----------------------------------------------------------- */

gboolean
shou_store_propagate (GError **error,
                      GError  *db_error)
{
  if (db_error == NULL)
    return TRUE;
  if (db_error->domain == SHOU_STORE_ERROR)
    g_propagate_error (error, db_error);
  else
    {
      /* SQLite's words go to the log; the seller reads a summary. */
      g_autofree char *summary = shou_api_error_describe_error (db_error);

      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_SQL,
                   _("The local cache failed: %s"), summary);
      g_error_free (db_error);
    }
  return FALSE;
}

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

char *
shou_store_json_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

JsonObject *
shou_store_json_parse (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

void
shou_store_emit_changed (ShouStore  *self,
                         const char *request_id)
{
  g_signal_emit (self, signals[CHANGED], 0, request_id);
}

void
shou_store_emit_outbox_changed (ShouStore *self)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

ShouDb *
shou_store_get_db (ShouStore *self)
{
  return self->db;
}

guint
shou_view_get_bit (ShouView view)
{
  switch (view)
    {
    case SHOU_VIEW_PENDING:      return SHOU_VIEW_BIT_PENDING;
    case SHOU_VIEW_URGENT:       return 0;
    case SHOU_VIEW_NEGOTIATING:  return SHOU_VIEW_BIT_NEGOTIATING;
    case SHOU_VIEW_AWAIT_RETURN: return SHOU_VIEW_BIT_AWAIT_RETURN;
    case SHOU_VIEW_INTERVENTION: return SHOU_VIEW_BIT_INTERVENTION;
    case SHOU_VIEW_FINISHED:     return SHOU_VIEW_BIT_FINISHED;
    case SHOU_VIEW_ALL:          return SHOU_VIEW_BIT_ALL;
    case SHOU_N_VIEWS:
    default:
      return SHOU_VIEW_BIT_ALL;
    }
}

/* ---- local keys ------------------------------------------------------- */

static char *
lookup_key (ShouStore  *self,
            const char *sql,
            const char *account_id,
            const char *id)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  if (account_id == NULL || id == NULL)
    return NULL;
  stmt = shou_db_prepare (self->db, sql, NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_request_key (ShouStore  *self,
                        const char *account_id,
                        const char *request_id)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  return lookup_key (self, "SELECT key FROM requests WHERE account_id = ?1 AND id = ?2",
                     account_id, request_id);
}

char *
shou_store_shop_key (ShouStore  *self,
                     const char *account_id,
                     const char *shop_id)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  return lookup_key (self, "SELECT key FROM shops WHERE account_id = ?1 AND id = ?2",
                     account_id, shop_id);
}

static gboolean
resolve_key (ShouStore   *self,
             const char  *sql,
             const char  *key,
             char       **account_id,
             char       **id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  *account_id = NULL;
  *id = NULL;
  if (key == NULL)
    return FALSE;
  stmt = shou_db_prepare (self->db, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, key);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      *account_id = g_strdup (shou_db_column_text (stmt, 0));
      *id = g_strdup (shou_db_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
shou_store_resolve_request (ShouStore   *self,
                            const char  *key,
                            char       **account_id,
                            char       **request_id)
{
  return resolve_key (self, "SELECT account_id, id FROM requests WHERE key = ?1",
                      key, account_id, request_id);
}

gboolean
shou_store_resolve_shop (ShouStore   *self,
                         const char  *key,
                         char       **account_id,
                         char       **shop_id)
{
  return resolve_key (self, "SELECT account_id, id FROM shops WHERE key = ?1",
                      key, account_id, shop_id);
}

void
shou_store_emit_request_changed (ShouStore  *self,
                                 const char *account_id,
                                 const char *request_id)
{
  g_autofree char *key = shou_store_request_key (self, account_id, request_id);

  shou_store_emit_changed (self, key);
}

static GFile *
find_data_dir (const char *env,
               const char *sub)
{
  const char *dir = g_getenv (env);
  g_autofree char *installed = g_build_filename (PKGDATADIR, sub, NULL);
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, sub, NULL);

  if (dir != NULL && *dir)
    return g_file_new_for_path (dir);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (installed);
  return g_file_new_for_path (source);
}

const ShouProfile *
shou_store_get_profile (ShouStore    *self,
                        ShouPlatform  platform)
{
  if (!self->profiles_tried)
    {
      g_autoptr(GFile) dir = find_data_dir ("SHOU_PROFILES_DIR", "profiles");
      g_autoptr(GError) error = NULL;

      self->profiles_tried = TRUE;
      self->profiles = shou_profiles_load_dir (dir, &error);
      if (self->profiles == NULL)
        g_debug ("No rule profiles: %s", error->message);
    }
  if (self->profiles == NULL)
    return NULL;
  return shou_profiles_get (self->profiles, platform);
}

/* ---- search index upkeep ----------------------------------------------- */

/* Every FTS5 index a search reads. Each write transaction adds a segment
 * and FTS5's automerge keeps up to a few per level, so a cache filled by
 * a few hundred sync pages is read through several large segments: a
 * phrase's first page took ~3x as long as with one. */
static const char * const search_indexes[] = { "requests_fts", "requests_grams" };
/* Pages one merge statement writes: a few milliseconds. */
#define MERGE_PAGES 16
/* An idle step merges for about this long, then lets the UI run. */
#define MERGE_STEP_US (8 * 1000)

/* Whether more than an eighth of @table's index lies outside its largest
 * segment. %_idx has a row for each leaf page a term starts on: its rows
 * per segment measure the segments well enough. Small syncs add small
 * segments that cost a lookup each; merging only when they add up keeps
 * the rewrites of each page to a few. */
static gboolean
search_index_fragmented (ShouStore  *self,
                         const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*), coalesce(sum(n), 0), coalesce(max(n), 0)"
                                          " FROM (SELECT count(*) AS n FROM %s_idx GROUP BY segid)",
                                          table);
  sqlite3_stmt *stmt = shou_db_prepare (self->db, sql, NULL);
  gint64 n_segments = 0, total = 0, largest = 0;

  if (stmt == NULL)
    return FALSE;
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      n_segments = sqlite3_column_int64 (stmt, 0);
      total = sqlite3_column_int64 (stmt, 1);
      largest = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return n_segments > 1 && (total - largest) * 8 > total;
}

static gboolean
on_merge_idle_cb (gpointer user_data)
{
  ShouStore *self = user_data;
  sqlite3 *handle = shou_db_get_handle (self->db);
  gint64 start = g_get_monotonic_time ();

  if (shou_db_in_transaction (self->db))
    return G_SOURCE_CONTINUE;

  while (self->merge_index < G_N_ELEMENTS (search_indexes))
    {
      const char *table = search_indexes[self->merge_index];
      g_autofree char *sql = NULL;
      g_autoptr(GError) error = NULL;
      int before;

      if (!self->merge_started && !search_index_fragmented (self, table))
        {
          self->merge_index++;
          continue;
        }
      /* A negative count puts every segment on one level and starts
       * merging them all; positive ones go on with that merge. Fewer than
       * two changes means nothing was left to merge. */
      sql = g_strdup_printf ("INSERT INTO %s(%s, rank) VALUES ('merge', %d)",
                             table, table, self->merge_started ? MERGE_PAGES : -MERGE_PAGES);
      before = sqlite3_total_changes (handle);
      if (!shou_db_exec (self->db, sql, &error))
        {
          g_debug ("merging %s failed: %s", table, error->message);
          self->merge_started = FALSE;
          self->merge_index++;
          continue;
        }
      if (self->merge_started && sqlite3_total_changes (handle) - before < 2)
        {
          self->merge_started = FALSE;
          self->merge_index++;
          continue;
        }
      self->merge_started = TRUE;
      if (g_get_monotonic_time () - start >= MERGE_STEP_US)
        return G_SOURCE_CONTINUE;
    }

  self->merge_id = 0;
  return G_SOURCE_REMOVE;
}

void
shou_store_maintain_search_index (ShouStore *self)
{
  g_return_if_fail (SHOU_IS_STORE (self));

  if (self->merge_id != 0)
    return;
  self->merge_index = 0;
  self->merge_started = FALSE;
  self->merge_id = g_idle_add (on_merge_idle_cb, self);
}

gboolean
shou_store_get_maintaining (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  return self->merge_id != 0;
}

/* ---- object ------------------------------------------------------------ */

static void
shou_store_finalize (GObject *object)
{
  ShouStore *self = (ShouStore *)object;

  g_clear_handle_id (&self->merge_id, g_source_remove);
  g_clear_object (&self->db);
  g_clear_pointer (&self->profiles, shou_profiles_free);
  g_free (self->path);
  g_free (self->evidence_dir);

  G_OBJECT_CLASS (shou_store_parent_class)->finalize (object);
}

static void
shou_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ShouStore *self = SHOU_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_store_class_init (ShouStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shou_store_finalize;
  object_class->get_property = shou_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ACCOUNTS_CHANGED] =
    g_signal_new ("accounts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shou_store_init (ShouStore *self)
{
}

char *
shou_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "shouhou", "shouhou.db", NULL);
}

char *
shou_store_get_evidence_dir (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  return g_strdup (self->evidence_dir);
}

char *
shou_store_get_evidence_path (ShouStore  *self,
                              const char *sha256)
{
  char *path;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  if (strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
    return NULL;
  path = g_build_filename (self->evidence_dir, sha256, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static ShouStore *
open_store (const char             *path,
            ShouStoreProgressFunc   progress,
            gpointer                progress_data,
            GError                **error)
{
  g_autoptr(ShouStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (SHOU_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->evidence_dir = g_build_filename (dir, "evidence", NULL);
  self->db = shou_db_open (path, &local_error);
  if (self->db == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_OPEN,
                   "%s", local_error->message);
      return NULL;
    }
  if (!shou_store_schema_migrate_full (self->db, -1, progress, progress_data, error))
    return NULL;

  return g_steal_pointer (&self);
}

ShouStore *
shou_store_new (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_store (path, NULL, NULL, error);
}

gboolean
shou_store_needs_migration (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  /* A file that is not a cache yet (version 0) is set up in moments. */
  return version > 0 && version < shou_store_schema_latest ();
}

/* Progress from the worker thread, shown in the caller's main context. */
typedef struct
{
  char                  *path;
  GMainContext          *context;
  ShouStoreProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
  gboolean               finished;      /* main context only */
} OpenData;

static void
open_data_clear (OpenData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  if (data->progress_destroy)
    data->progress_destroy (data->progress_data);
}

static void
open_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) open_data_clear);
}

typedef struct
{
  OpenData *data;       /* a reference */
  double    fraction;
} ProgressCall;

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  if (!call->data->finished && call->data->progress != NULL)
    call->data->progress (call->fraction, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  open_data_release (call->data);
  g_free (call);
}

static void
thread_progress_cb (double   fraction,
                    gpointer user_data)
{
  OpenData *data = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->data = g_atomic_rc_box_acquire (data);
  call->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                              call, progress_call_free);
}

static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  ShouStore *store = open_store (data->path, data->progress ? thread_progress_cb : NULL, data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
shou_store_new_async (const char            *path,
                      ShouStoreProgressFunc  progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_destroy,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_store_new_async);
  data = g_atomic_rc_box_new0 (OpenData);
  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  g_task_set_task_data (task, data, open_data_release);
  /* Not cancellable half-way: a step either commits or rolls back. */
  g_task_run_in_thread (task, open_thread_cb);
}

ShouStore *
shou_store_new_finish (GAsyncResult  *result,
                       GError       **error)
{
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* Progress still queued behind the result is not shown any more. */
  data = g_task_get_task_data (G_TASK (result));
  data->finished = TRUE;
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
shou_store_get_path (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  return self->path;
}

char *
shou_store_check_integrity (ShouStore  *self,
                            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *ret = shou_db_integrity_check (self->db, &local_error);

  if (ret == NULL)
    PROPAGATE (local_error);
  return ret;
}

/* ---- accounts and shops ------------------------------------------------ */

char *
shou_store_add_account (ShouStore   *self,
                        const char  *base_url,
                        const char  *label,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GUri) uri = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("“%s” is not a web address (http:// or https://)"), base_url);
      return NULL;
    }

  id = g_uuid_string_random ();
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO accounts (id, base_url, label, created_at) "
                          "VALUES (?1, ?2, ?3, ?4)", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, base_url);
  shou_db_bind_text (stmt, 3, label ? label : base_url);
  shou_db_bind_int (stmt, 4, g_get_real_time ());
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error), NULL;

  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
  return g_steal_pointer (&id);
}

GPtrArray *
shou_store_list_accounts (ShouStore *self)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  stmt = shou_db_prepare (self->db,
                          "SELECT id, base_url, label FROM accounts ORDER BY created_at, id",
                          NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();
      json_object_set_string_member (obj, "id", shou_db_column_text (stmt, 0));
      json_object_set_string_member (obj, "base_url", shou_db_column_text (stmt, 1));
      json_object_set_string_member (obj, "label", shou_db_column_text (stmt, 2));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_get_account_base_url (ShouStore  *self,
                                 const char *account_id)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  stmt = shou_db_prepare (self->db, "SELECT base_url FROM accounts WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

guint
shou_store_count_account_pending (ShouStore  *self,
                                  const char *account_id)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  stmt = shou_db_prepare (self->db,
                          "SELECT count(*) FROM outbox WHERE account_id = ?1 "
                          "AND state IN ('queued', 'sending')", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
run_with_text (ShouDb      *db,
               const char  *sql,
               const char  *arg,
               GError     **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, arg);
  return shou_db_run (db, stmt, error);
}

static void
delete_unreferenced_evidence (ShouStore *self,
                              GPtrArray *shas)
{
  for (guint i = 0; i < shas->len; i++)
    {
      sqlite3_stmt *stmt = shou_db_prepare (self->db,
                                            "SELECT count(*) FROM evidence WHERE sha256 = ?1",
                                            NULL);
      gint64 n = 1;

      if (stmt == NULL)
        continue;
      shou_db_bind_text (stmt, 1, shas->pdata[i]);
      if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (n == 0)
        {
          g_autofree char *path = g_build_filename (self->evidence_dir, shas->pdata[i], NULL);
          g_unlink (path);
        }
    }
}

gboolean
shou_store_remove_account (ShouStore   *self,
                           const char  *account_id,
                           GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM evidence WHERE account_id = ?1",
    "DELETE FROM requests WHERE account_id = ?1",
    "DELETE FROM order_lines WHERE account_id = ?1",
    "DELETE FROM orders WHERE account_id = ?1",
    "DELETE FROM addresses WHERE account_id = ?1",
    "DELETE FROM outbox WHERE account_id = ?1",
    "DELETE FROM sync_state WHERE account_id = ?1",
    "DELETE FROM shops WHERE account_id = ?1",
    "DELETE FROM accounts WHERE id = ?1",
  };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);

  stmt = shou_db_prepare (self->db,
                          "SELECT DISTINCT sha256 FROM evidence WHERE account_id = ?1",
                          &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (shas, g_strdup (shou_db_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!run_with_text (self->db, statements[i], account_id, &local_error))
      goto fail;
  if (shou_db_changes (self->db) == 0)
    {
      shou_db_rollback (self->db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("No such account"));
      return FALSE;
    }
  if (!shou_db_commit (self->db, &local_error))
    goto fail;

  delete_unreferenced_evidence (self, shas);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
  shou_store_emit_changed (self, NULL);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (self->db);
  return PROPAGATE (local_error);
}

GPtrArray *
shou_store_list_shops (ShouStore *self)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  stmt = shou_db_prepare (self->db,
                          "SELECT data, account_id, key FROM shops ORDER BY platform, name, key",
                          NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj == NULL)
        continue;
      json_object_set_string_member (obj, "account_id", shou_db_column_text (stmt, 1));
      json_object_set_string_member (obj, "key", shou_db_column_text (stmt, 2));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

gboolean
shou_store_upsert_shops (ShouStore   *self,
                         const char  *account_id,
                         GPtrArray   *shops,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);

  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];
      g_autofree char *data = shou_store_json_to_string (shop);
      sqlite3_stmt *stmt;

      stmt = shou_db_prepare (self->db,
                              "INSERT INTO shops (key, id, account_id, platform, name, merchant_id, data) "
                              "VALUES (" SHOU_KEY_SQL ("shops", "?1", "?2") ", ?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT(account_id, id) DO UPDATE SET "
                              "platform = excluded.platform, "
                              "name = excluded.name, merchant_id = excluded.merchant_id, "
                              "data = excluded.data WHERE data IS NOT excluded.data",
                              &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, jstr (shop, "id"));
      shou_db_bind_text (stmt, 2, account_id);
      shou_db_bind_text (stmt, 3, jstr (shop, "platform"));
      shou_db_bind_text (stmt, 4, jstr (shop, "name") ? jstr (shop, "name") : "");
      shou_db_bind_text (stmt, 5, jstr (shop, "merchant_id"));
      shou_db_bind_text (stmt, 6, data);
      if (!shou_db_run (self->db, stmt, &local_error))
        goto fail;
      changed |= shou_db_changes (self->db) > 0;
    }
  if (!shou_db_commit (self->db, &local_error))
    goto fail;
  if (changed)
    g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
  return TRUE;

fail:
  shou_db_rollback (self->db);
  return PROPAGATE (local_error);
}

/* ---- sync state -------------------------------------------------------- */

char *
shou_store_get_cursor (ShouStore  *self,
                       const char *account_id)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  stmt = shou_db_prepare (self->db, "SELECT cursor FROM sync_state WHERE account_id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

static gint64
sync_state_int (ShouStore  *self,
                const char *sql,
                const char *account_id)
{
  sqlite3_stmt *stmt = shou_db_prepare (self->db, sql, NULL);
  gint64 ret = 0;

  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ret;
}

gint64
shou_store_get_last_success (ShouStore  *self,
                             const char *account_id)
{
  return sync_state_int (self, "SELECT last_success FROM sync_state WHERE account_id = ?1",
                         account_id);
}

gint64
shou_store_get_clock_offset (ShouStore  *self,
                             const char *account_id)
{
  return sync_state_int (self, "SELECT clock_offset FROM sync_state WHERE account_id = ?1",
                         account_id);
}

gboolean
shou_store_set_sync_success (ShouStore   *self,
                             const char  *account_id,
                             gint64       when,
                             gint64       clock_offset,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO sync_state (account_id, last_success, clock_offset) "
                          "VALUES (?1, ?2, ?3) ON CONFLICT(account_id) DO UPDATE SET "
                          "last_success = excluded.last_success, "
                          "clock_offset = excluded.clock_offset, last_error = NULL",
                          &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, when);
  shou_db_bind_int (stmt, 3, clock_offset);
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error);
  return TRUE;
}

/* ---- writing server objects -------------------------------------------- */

typedef struct
{
  const char *status;
  const char *phase;
  const char *deadline_actor;
  gint64      deadline_at;
  gboolean    has_deadline;
} ViewInputs;

static guint
compute_view_mask (const ViewInputs *in)
{
  const char *s = in->status ? in->status : "";
  gboolean finished = g_str_equal (s, "success") || g_str_equal (s, "closed");
  guint mask = SHOU_VIEW_BIT_ALL;

  if (g_str_equal (s, "wait_seller") || g_str_equal (s, "wait_seller_receipt") ||
      g_str_equal (s, "wait_seller_ship") || g_str_equal (s, "wait_refund_proof") ||
      (g_str_equal (s, "negotiating") &&
       (g_strcmp0 (in->phase, "round1_done") == 0 || g_strcmp0 (in->phase, "round2_done") == 0)))
    mask |= SHOU_VIEW_BIT_PENDING;
  if (g_str_equal (s, "negotiating"))
    mask |= SHOU_VIEW_BIT_NEGOTIATING;
  if (g_str_equal (s, "wait_buyer_return") || g_str_equal (s, "wait_seller_receipt"))
    mask |= SHOU_VIEW_BIT_AWAIT_RETURN;
  if (g_str_equal (s, "intervention"))
    mask |= SHOU_VIEW_BIT_INTERVENTION;
  if (finished)
    mask |= SHOU_VIEW_BIT_FINISHED;
  if (!finished && in->has_deadline && g_strcmp0 (in->deadline_actor, "seller") == 0)
    mask |= SHOU_VIEW_BIT_SELLER_DEADLINE;
  return mask;
}

static gint64
last_logistics_at (JsonObject *obj)
{
  JsonObject *ship = jobj (obj, "return_shipment");
  JsonArray *events = jarr (ship, "events");
  gint64 last = 0;

  if (events == NULL)
    return 0;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      gint64 at;

      if (JSON_NODE_HOLDS_OBJECT (node) && jint (json_node_get_object (node), "at", &at))
        last = MAX (last, at);
    }
  return last;
}

/* Binds a request row's own columns to ?1..?27 of an insert into
 * requests (or the staging table): all but the order's, ?17..?20.
 * @server is the server's object, @effective what the seller sees (the
 * server's plus queued actions). */
static void
bind_request_row (sqlite3_stmt *stmt,
                  const char   *account_id,
                  JsonObject   *server,
                  JsonObject   *effective,
                  guint         pending,
                  const char   *conflict)
{
  ViewInputs in = { 0 };
  JsonObject *nego = jobj (effective, "negotiation");
  gint64 v;

  in.status = jstr (effective, "status");
  in.phase = jstr (nego, "phase");
  in.deadline_actor = jstr (effective, "deadline_actor");
  in.has_deadline = jint (effective, "deadline_at", &in.deadline_at);

  shou_db_bind_text (stmt, 1, jstr (server, "id"));
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (server, "shop_id"));
  shou_db_bind_text (stmt, 4, jstr (server, "order_id"));
  shou_db_bind_text (stmt, 5, jstr (server, "line_id"));
  shou_db_bind_text (stmt, 6, jstr (server, "platform") ? jstr (server, "platform") : "");
  shou_db_bind_text (stmt, 7, jstr (server, "type") ? jstr (server, "type") : "");
  shou_db_bind_text (stmt, 8, in.status ? in.status : "");
  shou_db_bind_text (stmt, 9, in.phase);
  if (in.has_deadline)
    shou_db_bind_int (stmt, 10, in.deadline_at);
  shou_db_bind_int (stmt, 11, in.has_deadline ? in.deadline_at : G_MAXINT64);
  shou_db_bind_text (stmt, 12, in.deadline_actor);
  shou_db_bind_text (stmt, 13, jstr (effective, "on_lapse"));
  v = 0;
  jint (server, "opened_at", &v);
  shou_db_bind_int (stmt, 14, v);
  if (jint (server, "updated_at", &v))
    shou_db_bind_int (stmt, 15, v);
  v = 0;
  jint (server, "amount_fen", &v);
  shou_db_bind_int (stmt, 16, v);
  shou_db_bind_text (stmt, 21, jstr (server, "reason_code"));
  shou_db_bind_text (stmt, 22, jstr (server, "reason_text"));
  v = last_logistics_at (effective);
  if (v)
    shou_db_bind_int (stmt, 23, v);
  shou_db_bind_int (stmt, 24, compute_view_mask (&in));
  v = 0;
  jint (server, "version", &v);
  shou_db_bind_int (stmt, 25, v);
  shou_db_bind_int (stmt, 26, pending);
  shou_db_bind_text (stmt, 27, conflict);
}

/* Writes the indexed row for a request: @server is the server's object,
 * @effective what the seller sees (the server's plus queued actions). */
static gboolean
write_request_row (ShouStore   *self,
                   const char  *account_id,
                   JsonObject  *server,
                   const char  *server_text,
                   JsonObject  *effective,
                   guint        pending,
                   const char  *conflict,
                   gint64      *out_rid,
                   GError     **error)
{
  g_autofree char *local_text = NULL;
  const char *order_id = jstr (server, "order_id");
  const char *line_id = jstr (server, "line_id");
  const char *order_no = NULL, *buyer = NULL, *title = NULL, *sku = NULL;
  sqlite3_stmt *order_stmt = NULL;
  sqlite3_stmt *stmt;
  gint64 rid = 0;
  int rc;

  if (effective != server)
    local_text = shou_store_json_to_string (effective);

  if (order_id != NULL)
    {
      order_stmt = shou_db_prepare (self->db,
                                    "SELECT o.order_no, o.buyer, l.title, l.sku FROM orders o "
                                    "LEFT JOIN order_lines l ON l.account_id = o.account_id "
                                    "AND l.order_id = o.id AND l.id = ?2 "
                                    "WHERE o.account_id = ?3 AND o.id = ?1", error);
      if (order_stmt == NULL)
        return FALSE;
      shou_db_bind_text (order_stmt, 1, order_id);
      shou_db_bind_text (order_stmt, 2, line_id);
      shou_db_bind_text (order_stmt, 3, account_id);
      rc = shou_db_step (self->db, order_stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          order_no = shou_db_column_text (order_stmt, 0);
          buyer = shou_db_column_text (order_stmt, 1);
          title = shou_db_column_text (order_stmt, 2);
          sku = shou_db_column_text (order_stmt, 3);
        }
    }

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO requests (key, id, account_id, shop_id, order_id, line_id, "
                          "platform, type, status, nego_phase, deadline_at, deadline_key, "
                          "deadline_actor, on_lapse, opened_at, updated_at, amount_fen, order_no, "
                          "buyer, goods_title, sku, reason_code, reason_text, last_logistics_at, "
                          "view_mask, version, pending, conflict) "
                          "VALUES (" SHOU_KEY_SQL ("requests", "?1", "?2") ", "
                          "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                          "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET "
                          "shop_id = excluded.shop_id, order_id = excluded.order_id, "
                          "line_id = excluded.line_id, platform = excluded.platform, "
                          "type = excluded.type, status = excluded.status, "
                          "nego_phase = excluded.nego_phase, deadline_at = excluded.deadline_at, "
                          "deadline_key = excluded.deadline_key, "
                          "deadline_actor = excluded.deadline_actor, on_lapse = excluded.on_lapse, "
                          "opened_at = excluded.opened_at, updated_at = excluded.updated_at, "
                          "amount_fen = excluded.amount_fen, order_no = excluded.order_no, "
                          "buyer = excluded.buyer, goods_title = excluded.goods_title, "
                          "sku = excluded.sku, reason_code = excluded.reason_code, "
                          "reason_text = excluded.reason_text, "
                          "last_logistics_at = excluded.last_logistics_at, "
                          "view_mask = excluded.view_mask, version = excluded.version, "
                          "pending = excluded.pending, conflict = excluded.conflict "
                          "RETURNING rid",
                          error);
  if (stmt == NULL)
    {
      if (order_stmt)
        sqlite3_reset (order_stmt);
      return FALSE;
    }

  bind_request_row (stmt, account_id, server, effective, pending, conflict);
  shou_db_bind_text (stmt, 17, order_no ? order_no : "");
  shou_db_bind_text (stmt, 18, buyer ? buyer : "");
  shou_db_bind_text (stmt, 19, title);
  shou_db_bind_text (stmt, 20, sku);
  rc = shou_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    rid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (order_stmt)
    sqlite3_reset (order_stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  /* The JSON lives apart from the indexed row, so that list pages, counts
   * and searches touch small rows only. */
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO request_data (rid, server_data, local_data) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(rid) DO UPDATE SET server_data = excluded.server_data, "
                          "local_data = excluded.local_data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, rid);
  shou_db_bind_text (stmt, 2, server_text);
  shou_db_bind_text (stmt, 3, local_text);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  if (out_rid)
    *out_rid = rid;
  return TRUE;
}

gboolean
shou_store_write_request_row (ShouStore   *self,
                              const char  *account_id,
                              JsonObject  *server,
                              const char  *server_text,
                              JsonObject  *effective,
                              guint        pending,
                              const char  *conflict,
                              GError     **error)
{
  return write_request_row (self, account_id, server, server_text, effective,
                            pending, conflict, NULL, error);
}

static gboolean
write_children (ShouStore   *self,
                gint64       rid,
                JsonObject  *obj,
                gboolean     fresh,
                GError     **error)
{
  static const char * const roles[] = { "return_shipment", "exchange_shipment" };
  JsonArray *timeline = jarr (obj, "timeline");
  JsonArray *rounds = jarr (jobj (obj, "negotiation"), "rounds");
  sqlite3_stmt *stmt;

  if (!fresh)
    {
      static const char * const deletes[] = {
        "DELETE FROM events WHERE rid = ?1",
        "DELETE FROM nego_rounds WHERE rid = ?1",
        "DELETE FROM shipments WHERE rid = ?1",
      };

      for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
        {
          stmt = shou_db_prepare (self->db, deletes[i], error);
          if (stmt == NULL)
            return FALSE;
          shou_db_bind_int (stmt, 1, rid);
          if (!shou_db_run (self->db, stmt, error))
            return FALSE;
        }
    }
  /* Prepared once per request, not per event: the statement cache hashes
   * the SQL text on every lookup. */
  stmt = NULL;
  for (guint i = 0; timeline && i < json_array_get_length (timeline); i++)
    {
      JsonNode *node = json_array_get_element (timeline, i);
      JsonObject *ev;
      gint64 at;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      ev = json_node_get_object (node);
      if (stmt == NULL &&
          (stmt = shou_db_prepare (self->db,
                                   "INSERT INTO events (rid, seq, at, actor, kind, text) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) == NULL)
        return FALSE;
      sqlite3_clear_bindings (stmt);
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_int (stmt, 2, i);
      if (jint (ev, "at", &at))
        shou_db_bind_int (stmt, 3, at);
      shou_db_bind_text (stmt, 4, jstr (ev, "actor"));
      shou_db_bind_text (stmt, 5, jstr (ev, "kind"));
      shou_db_bind_text (stmt, 6, jstr (ev, "text"));
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; rounds && i < json_array_get_length (rounds); i++)
    {
      JsonNode *node = json_array_get_element (rounds, i);
      JsonObject *r;
      gint64 v;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      r = json_node_get_object (node);
      if (!jint (r, "round", &v))
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT OR REPLACE INTO nego_rounds (rid, round, text, proposal, "
                              "amount_fen, sent_at, reply, replied_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_int (stmt, 2, v);
      shou_db_bind_text (stmt, 3, jstr (r, "text"));
      shou_db_bind_text (stmt, 4, jstr (r, "proposal"));
      if (jint (r, "amount_fen", &v))
        shou_db_bind_int (stmt, 5, v);
      if (jint (r, "sent_at", &v))
        shou_db_bind_int (stmt, 6, v);
      shou_db_bind_text (stmt, 7, jstr (r, "reply"));
      if (jint (r, "replied_at", &v))
        shou_db_bind_int (stmt, 8, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      JsonObject *ship = jobj (obj, roles[i]);
      gint64 v;

      if (ship == NULL)
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT INTO shipments (rid, role, carrier, tracking_no, shipped_at, "
                              "last_event_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_text (stmt, 2, i == 0 ? "return" : "exchange");
      shou_db_bind_text (stmt, 3, jstr (ship, "carrier"));
      shou_db_bind_text (stmt, 4, jstr (ship, "tracking_no"));
      if (jint (ship, "shipped_at", &v))
        shou_db_bind_int (stmt, 5, v);
      if (i == 0 && (v = last_logistics_at (obj)) != 0)
        shou_db_bind_int (stmt, 6, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* New requests of a page, written together at its end: each statement
 * that adds rows to requests_fts flushes them to a new FTS segment, and a
 * segment (with the merges it brings) per request cost a fifth of a
 * page's write. One insert for the page flushes once. */
typedef struct
{
  const char *account_id;
  GHashTable *ids;        /* id -> its index + 1 in objects */
  GPtrArray  *objects;    /* JsonObject, borrowed from the page */
  GPtrArray  *texts;      /* their server_data, borrowed or in owned */
  GPtrArray  *owned;
} Batch;

static void
batch_init (Batch      *batch,
            const char *account_id)
{
  batch->account_id = account_id;
  batch->ids = g_hash_table_new (g_str_hash, g_str_equal);
  batch->objects = g_ptr_array_new ();
  batch->texts = g_ptr_array_new ();
  batch->owned = g_ptr_array_new_with_free_func (g_free);
}

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->ids, g_hash_table_unref);
  g_clear_pointer (&batch->objects, g_ptr_array_unref);
  g_clear_pointer (&batch->texts, g_ptr_array_unref);
  g_clear_pointer (&batch->owned, g_ptr_array_unref);
}

static gboolean
batch_stage (ShouStore   *self,
             Batch       *batch,
             JsonObject  *aftersale,
             const char  *text,
             char        *owned_text,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (batch->objects->len == 0 &&
      !shou_db_exec (self->db,
                     "CREATE TEMP TABLE IF NOT EXISTS stage_requests (seq INTEGER PRIMARY KEY, "
                     "id, account_id, shop_id, order_id, line_id, platform, type, status, "
                     "nego_phase, deadline_at, deadline_key, deadline_actor, on_lapse, opened_at, "
                     "updated_at, amount_fen, order_no, buyer, goods_title, sku, reason_code, "
                     "reason_text, last_logistics_at, view_mask, version, pending, conflict);"
                     "DELETE FROM temp.stage_requests;", error))
    {
      g_free (owned_text);
      return FALSE;
    }
  if (owned_text != NULL)
    g_ptr_array_add (batch->owned, owned_text);
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO temp.stage_requests VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
                          "?22, ?23, ?24, ?25, ?26, ?27)", error);
  if (stmt == NULL)
    return FALSE;
  bind_request_row (stmt, batch->account_id, aftersale, aftersale, 0, NULL);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  g_ptr_array_add (batch->objects, aftersale);
  g_ptr_array_add (batch->texts, (gpointer) text);
  g_hash_table_insert (batch->ids, (gpointer) jstr (aftersale, "id"),
                       GUINT_TO_POINTER (batch->objects->len));
  return TRUE;
}

static gboolean
batch_flush (ShouStore  *self,
             Batch      *batch,
             GError    **error)
{
  g_autoptr(GArray) rids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (batch->objects->len == 0)
    return TRUE;

  /* The order's columns are joined here: an order later in the page
   * than its requests is already written. */
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO requests (key, id, account_id, shop_id, order_id, line_id, "
                          "platform, type, status, nego_phase, deadline_at, deadline_key, "
                          "deadline_actor, on_lapse, opened_at, updated_at, amount_fen, order_no, "
                          "buyer, goods_title, sku, reason_code, reason_text, last_logistics_at, "
                          "view_mask, version, pending, conflict) "
                          "SELECT iif(EXISTS (SELECT 1 FROM requests k WHERE k.key = s.id), "
                          "s.id || '~' || s.account_id, s.id), s.id, s.account_id, s.shop_id, s.order_id, s.line_id, s.platform, "
                          "s.type, s.status, s.nego_phase, s.deadline_at, s.deadline_key, "
                          "s.deadline_actor, s.on_lapse, s.opened_at, s.updated_at, s.amount_fen, "
                          "coalesce(o.order_no, ''), coalesce(o.buyer, ''), l.title, l.sku, "
                          "s.reason_code, s.reason_text, s.last_logistics_at, s.view_mask, "
                          "s.version, s.pending, s.conflict "
                          "FROM temp.stage_requests s "
                          "LEFT JOIN orders o ON o.account_id = s.account_id AND o.id = s.order_id "
                          "LEFT JOIN order_lines l ON l.account_id = s.account_id "
                          "AND l.order_id = s.order_id AND l.id = s.line_id "
                          "ORDER BY s.seq RETURNING rid, id", error);
  if (stmt == NULL)
    return FALSE;
  rids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), batch->objects->len);
  g_array_set_size (rids, batch->objects->len);
  while ((rc = shou_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (batch->ids, sqlite3_column_text (stmt, 1)));

      if (index > 0)
        g_array_index (rids, gint64, index - 1) = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  for (guint i = 0; i < batch->objects->len; i++)
    {
      gint64 rid = g_array_index (rids, gint64, i);

      stmt = shou_db_prepare (self->db,
                              "INSERT INTO request_data (rid, server_data, local_data) "
                              "VALUES (?1, ?2, NULL)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_text (stmt, 2, batch->texts->pdata[i]);
      if (!shou_db_run (self->db, stmt, error) ||
          !write_children (self, rid, batch->objects->pdata[i], TRUE, error))
        return FALSE;
    }

  g_hash_table_remove_all (batch->ids);
  g_ptr_array_set_size (batch->objects, 0);
  g_ptr_array_set_size (batch->texts, 0);
  g_ptr_array_set_size (batch->owned, 0);
  return shou_db_exec (self->db, "DELETE FROM temp.stage_requests", error);
}

/* @batch: NULL, or new requests wait there for batch_flush(). */
static gboolean
write_aftersale (ShouStore   *self,
                 const char  *account_id,
                 JsonObject  *aftersale,
                 const char  *given_text,
                 Batch       *batch,
                 GError     **error)
{
  g_autofree char *owned_text = NULL;
  const char *text;
  const char *id = jstr (aftersale, "id");
  sqlite3_stmt *stmt;
  gint64 version = 0, old_version = -1, pending = 0, rid = 0;
  int rc;

  if (id == NULL || jstr (aftersale, "shop_id") == NULL || jstr (aftersale, "status") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   "aftersale without id, shop_id or status");
      return FALSE;
    }
  jint (aftersale, "version", &version);
  /* The same request twice in a page: the first copy must be in place
   * for the version check. */
  if (batch != NULL && g_hash_table_contains (batch->ids, id) &&
      !batch_flush (self, batch, error))
    return FALSE;

  stmt = shou_db_prepare (self->db,
                          "SELECT version, pending FROM requests WHERE account_id = ?2 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  rc = shou_db_step (self->db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      old_version = sqlite3_column_int64 (stmt, 0);
      pending = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  /* Upsert by id and version: a page applied twice, or an older copy
   * arriving after a newer one, changes nothing. */
  if (version < old_version)
    return TRUE;

  text = given_text ? given_text : (owned_text = shou_store_json_to_string (aftersale));
  if (pending > 0 || old_version >= 0)
    {
      /* Keep the conflict and queued actions on top of the new state. */
      sqlite3_stmt *upd = shou_db_prepare (self->db,
                                           "UPDATE requests SET version = ?2 "
                                           "WHERE account_id = ?3 AND id = ?1 RETURNING rid", error);
      if (upd == NULL)
        return FALSE;
      shou_db_bind_text (upd, 1, id);
      shou_db_bind_text (upd, 3, account_id);
      shou_db_bind_int (upd, 2, version);
      rc = shou_db_step (self->db, upd, error);
      if (rc == SQLITE_ROW)
        rid = sqlite3_column_int64 (upd, 0);
      sqlite3_reset (upd);
      if (rc < 0)
        return FALSE;
      upd = shou_db_prepare (self->db, "UPDATE request_data SET server_data = ?2 WHERE rid = ?1", error);
      if (upd == NULL)
        return FALSE;
      shou_db_bind_int (upd, 1, rid);
      shou_db_bind_text (upd, 2, text);
      if (!shou_db_run (self->db, upd, error) ||
          !shou_store_refresh_request (self, account_id, id, error))
        return FALSE;
    }
  else if (batch != NULL)
    return batch_stage (self, batch, aftersale, text, g_steal_pointer (&owned_text), error);
  else if (!write_request_row (self, account_id, aftersale, text, aftersale, 0, NULL, &rid, error))
    return FALSE;

  return write_children (self, rid, aftersale, old_version < 0, error);
}

gboolean
shou_store_write_aftersale (ShouStore   *self,
                            const char  *account_id,
                            JsonObject  *aftersale,
                            const char  *given_text,
                            GError     **error)
{
  return write_aftersale (self, account_id, aftersale, given_text, NULL, error);
}

static gboolean
write_order (ShouStore   *self,
             const char  *account_id,
             JsonObject  *order,
             const char  *given_text,
             GError     **error)
{
  g_autofree char *owned_text = NULL;
  const char *text;
  const char *id = jstr (order, "id");
  JsonArray *lines = jarr (order, "lines");
  JsonObject *buyer = jobj (order, "buyer");
  sqlite3_stmt *stmt;
  gint64 version = 0, created = 0;

  if (id == NULL || jstr (order, "shop_id") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "order without id");
      return FALSE;
    }
  jint (order, "version", &version);
  jint (order, "created_at", &created);
  text = given_text ? given_text : (owned_text = shou_store_json_to_string (order));

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO orders (key, id, account_id, shop_id, order_no, state, buyer, "
                          "created_at, version, data) VALUES (" SHOU_KEY_SQL ("orders", "?1", "?2") ", "
                          "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET "
                          "shop_id = excluded.shop_id, order_no = excluded.order_no, "
                          "state = excluded.state, buyer = excluded.buyer, "
                          "created_at = excluded.created_at, version = excluded.version, "
                          "data = excluded.data WHERE excluded.version >= orders.version",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (order, "shop_id"));
  shou_db_bind_text (stmt, 4, jstr (order, "order_no") ? jstr (order, "order_no") : "");
  shou_db_bind_text (stmt, 5, jstr (order, "state") ? jstr (order, "state") : "");
  shou_db_bind_text (stmt, 6, jstr (buyer, "nick"));
  shou_db_bind_int (stmt, 7, created);
  shou_db_bind_int (stmt, 8, version);
  shou_db_bind_text (stmt, 9, text);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  if (shou_db_changes (self->db) == 0)
    return TRUE;

  stmt = shou_db_prepare (self->db, "DELETE FROM order_lines WHERE account_id = ?2 AND order_id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  for (guint i = 0; lines && i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      JsonObject *line;
      gint64 v;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      line = json_node_get_object (node);
      if (jstr (line, "id") == NULL)
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT OR REPLACE INTO order_lines (order_id, id, title, sku, "
                              "quantity, price_fen, account_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 7, account_id);
      shou_db_bind_text (stmt, 1, id);
      shou_db_bind_text (stmt, 2, jstr (line, "id"));
      shou_db_bind_text (stmt, 3, jstr (line, "title"));
      shou_db_bind_text (stmt, 4, jstr (line, "sku"));
      if (jint (line, "quantity", &v))
        shou_db_bind_int (stmt, 5, v);
      if (jint (line, "price_fen", &v))
        shou_db_bind_int (stmt, 6, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  /* The order may arrive after its requests (an order that changed later
   * moves to a later place in the feed). */
  stmt = shou_db_prepare (self->db,
                          "UPDATE requests SET order_no = coalesce(?2, ''), buyer = coalesce(?3, ''), "
                          "goods_title = (SELECT title FROM order_lines l WHERE l.account_id = ?4 "
                          "AND l.order_id = ?1 AND l.id = requests.line_id), "
                          "sku = (SELECT sku FROM order_lines l WHERE l.account_id = ?4 "
                          "AND l.order_id = ?1 AND l.id = requests.line_id) "
                          "WHERE account_id = ?4 AND order_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 4, account_id);
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, jstr (order, "order_no"));
  shou_db_bind_text (stmt, 3, jstr (buyer, "nick"));
  return shou_db_run (self->db, stmt, error);
}

gboolean
shou_store_write_address (ShouStore   *self,
                          const char  *account_id,
                          JsonObject  *address,
                          gboolean     force,
                          GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 version = 0;
  JsonNode *def;

  if (jstr (address, "id") == NULL || jstr (address, "shop_id") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "address without id");
      return FALSE;
    }
  jint (address, "version", &version);
  def = json_object_get_member (address, "is_default");
  text = shou_store_json_to_string (address);

  /* A local edit waiting to be sent wins until the server answers it. */
  stmt = shou_db_prepare (self->db,
                          force ?
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, deleted, data) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(account_id, id) DO UPDATE SET "
                          "version = excluded.version, is_default = excluded.is_default, "
                          "deleted = excluded.deleted, data = excluded.data, local_state = NULL"
                          :
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, deleted, data) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(account_id, id) DO UPDATE SET "
                          "version = excluded.version, is_default = excluded.is_default, "
                          "deleted = excluded.deleted, data = excluded.data "
                          "WHERE addresses.local_state IS NULL AND excluded.version >= addresses.version",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, jstr (address, "id"));
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (address, "shop_id"));
  shou_db_bind_int (stmt, 4, version);
  shou_db_bind_int (stmt, 5, def && JSON_NODE_HOLDS_VALUE (def) &&
                              json_node_get_value_type (def) == G_TYPE_BOOLEAN &&
                              json_node_get_boolean (def));
  shou_db_bind_int (stmt, 6, json_object_has_member (address, "deleted") &&
                              json_object_get_boolean_member_with_default (address, "deleted", FALSE));
  shou_db_bind_text (stmt, 7, text);
  return shou_db_run (self->db, stmt, error);
}

gboolean
shou_store_apply_changes (ShouStore   *self,
                          const char  *account_id,
                          GPtrArray   *changes,
                          const char  *next_cursor,
                          GError     **error)
{
  return shou_store_apply_changes_full (self, account_id, changes, NULL, next_cursor, error);
}

gboolean
shou_store_apply_changes_full (ShouStore   *self,
                               const char  *account_id,
                               GPtrArray   *changes,
                               GPtrArray   *data_texts,
                               const char  *next_cursor,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Batch batch;
  sqlite3_stmt *stmt;
  gboolean bulk;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);
  batch_init (&batch, account_id);
  /* A bulk page (the initial sync) dirties thousands of index pages; at the
   * default autocheckpoint (1,000 frames) every commit copied them all back
   * into the database and synced it, a third of writing a page at 100,000
   * requests. Checkpoint every ~40 MB of WAL instead, while pulling only. */
  bulk = changes->len >= 200;
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=10000", NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      JsonObject *change = changes->pdata[i];
      const char *kind = jstr (change, "kind");
      JsonObject *data = jobj (change, "data");
      const char *text = data_texts && i < data_texts->len ? data_texts->pdata[i] : NULL;
      gboolean ok = TRUE;

      if (kind == NULL || data == NULL)
        continue;
      if (g_str_equal (kind, "order"))
        ok = write_order (self, account_id, data, text, &local_error);
      else if (g_str_equal (kind, "aftersale"))
        ok = write_aftersale (self, account_id, data, text, &batch, &local_error);
      else if (g_str_equal (kind, "address"))
        ok = shou_store_write_address (self, account_id, data, FALSE, &local_error);
      if (!ok)
        goto fail;
    }
  if (!batch_flush (self, &batch, &local_error))
    goto fail;
  batch_clear (&batch);

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO sync_state (account_id, cursor) VALUES (?1, ?2) "
                          "ON CONFLICT(account_id) DO UPDATE SET cursor = excluded.cursor",
                          &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, next_cursor);
  if (!shou_db_run (self->db, stmt, &local_error))
    goto fail;

  if (!shou_db_commit (self->db, &local_error))
    goto fail;
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=1000", NULL);

  if (changes->len == 1 && g_strcmp0 (jstr (changes->pdata[0], "kind"), "aftersale") == 0)
    shou_store_emit_request_changed (self, account_id, jstr (changes->pdata[0], "id"));
  else if (changes->len > 0)
    shou_store_emit_changed (self, NULL);
  return TRUE;

fail:
  batch_clear (&batch);
  shou_db_rollback (self->db);
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=1000", NULL);
  return PROPAGATE (local_error);
}

gboolean
shou_store_apply_aftersale (ShouStore   *self,
                            const char  *account_id,
                            JsonObject  *aftersale,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);
  if (!shou_store_write_aftersale (self, account_id, aftersale, NULL, &local_error) ||
      !shou_db_commit (self->db, &local_error))
    {
      shou_db_rollback (self->db);
      return PROPAGATE (local_error);
    }
  shou_store_emit_request_changed (self, account_id, jstr (aftersale, "id"));
  return TRUE;
}

/* ---- reading ----------------------------------------------------------- */

guint
shou_store_count_view (ShouStore  *self,
                       ShouView    view,
                       const char *shop_id)
{
  return shou_store_count_view_at (self, view, shop_id, g_get_real_time ());
}

/* The urgent count sums urgent_buckets (schema 5) below the bucket that
 * @now + 24 h falls in, and counts rows only inside that bucket, so its
 * cost does not grow with the number of requests due. */
guint
shou_store_count_view_at (ShouStore  *self,
                          ShouView    view,
                          const char *shop_id,
                          gint64      now)
{
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  /* @shop_id is a shop's key: its counts are its account's. */
  if (shop_id != NULL && !shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return 0;

  if (view == SHOU_VIEW_URGENT)
    {
      gint64 bound = now + SHOU_URGENT_WINDOW;

      stmt = shou_db_prepare (self->db,
                              shop_id ?
                              "SELECT (SELECT coalesce(sum(n), 0) FROM urgent_buckets"
                              "  WHERE account_id = ?3 AND shop_id = ?2 AND bucket < ?1 >> 32)"
                              " + (SELECT count(*) FROM requests WHERE view_mask & 32"
                              "  AND deadline_key >= (?1 >> 32) << 32 AND deadline_key < ?1"
                              "  AND +account_id = ?3 AND shop_id = ?2)" :
                              "SELECT (SELECT coalesce(sum(n), 0) FROM urgent_buckets"
                              "  WHERE bucket < ?1 >> 32)"
                              " + (SELECT count(*) FROM requests WHERE view_mask & 32"
                              "  AND deadline_key >= (?1 >> 32) << 32 AND deadline_key < ?1)", NULL);
      if (stmt == NULL)
        return 0;
      shou_db_bind_int (stmt, 1, bound);
    }
  else
    {
      stmt = shou_db_prepare (self->db,
                              shop_id ?
                              "SELECT coalesce(sum(n), 0) FROM view_counts WHERE bit = ?1"
                              " AND account_id = ?3 AND shop_id = ?2" :
                              "SELECT coalesce(sum(n), 0) FROM view_counts WHERE bit = ?1", NULL);
      if (stmt == NULL)
        return 0;
      shou_db_bind_int (stmt, 1, shou_view_get_bit (view));
    }
  if (shop_id)
    {
      shou_db_bind_text (stmt, 2, shop);
      shou_db_bind_text (stmt, 3, account_id);
    }
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

JsonObject *
shou_store_get_request (ShouStore   *self,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *server_id = NULL;
  JsonArray *pending;
  sqlite3_stmt *stmt;
  const char *order_id;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  stmt = shou_db_prepare (self->db,
                          "SELECT coalesce(d.local_data, d.server_data), r.conflict, r.account_id, "
                          "r.id, (SELECT s.key FROM shops s WHERE s.account_id = r.account_id "
                          "AND s.id = r.shop_id) FROM requests r "
                          "JOIN request_data d ON d.rid = r.rid WHERE r.key = ?1", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, request_id);
  rc = shou_db_step (self->db, stmt, &local_error);
  if (rc < 0)
    return PROPAGATE (local_error), NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return NULL;
    }
  obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
  if (obj == NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_SQL,
                   _("The cached request %s is damaged"), request_id);
      return NULL;
    }
  {
    g_autoptr(JsonObject) conflict = shou_store_json_parse (shou_db_column_text (stmt, 1));
    if (conflict)
      json_object_set_object_member (obj, "conflict", g_steal_pointer (&conflict));
    else
      json_object_set_null_member (obj, "conflict");
  }
  account_id = g_strdup (shou_db_column_text (stmt, 2));
  server_id = g_strdup (shou_db_column_text (stmt, 3));
  json_object_set_string_member (obj, "key", request_id);
  json_object_set_string_member (obj, "account_id", account_id);
  if (shou_db_column_text (stmt, 4) != NULL)
    json_object_set_string_member (obj, "shop_key", shou_db_column_text (stmt, 4));
  else
    json_object_set_null_member (obj, "shop_key");
  sqlite3_reset (stmt);

  order_id = jstr (obj, "order_id");
  if (order_id)
    {
      stmt = shou_db_prepare (self->db, "SELECT data FROM orders WHERE account_id = ?2 AND id = ?1",
                              &local_error);
      if (stmt == NULL)
        return PROPAGATE (local_error), NULL;
      shou_db_bind_text (stmt, 1, order_id);
      shou_db_bind_text (stmt, 2, account_id);
      if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
        {
          JsonObject *order = shou_store_json_parse (shou_db_column_text (stmt, 0));
          if (order)
            json_object_set_object_member (obj, "order", order);
        }
      sqlite3_reset (stmt);
    }

  pending = json_array_new ();
  stmt = shou_db_prepare (self->db,
                          "SELECT action, created_at, attempts, last_error, kind FROM outbox "
                          "WHERE account_id = ?2 AND request_id = ?1 "
                          "AND state IN ('queued', 'sending') ORDER BY id",
                          &local_error);
  if (stmt == NULL)
    {
      json_array_unref (pending);
      return PROPAGATE (local_error), NULL;
    }
  shou_db_bind_text (stmt, 1, server_id);
  shou_db_bind_text (stmt, 2, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *p = json_object_new ();
      const char *kind = shou_db_column_text (stmt, 4);

      json_object_set_string_member (p, "action",
                                     g_strcmp0 (kind, "evidence") == 0 ? "upload_evidence"
                                                                       : shou_db_column_text (stmt, 0));
      json_object_set_int_member (p, "created_at", sqlite3_column_int64 (stmt, 1));
      json_object_set_int_member (p, "attempts", sqlite3_column_int64 (stmt, 2));
      if (shou_db_column_text (stmt, 3))
        json_object_set_string_member (p, "last_error", shou_db_column_text (stmt, 3));
      else
        json_object_set_null_member (p, "last_error");
      json_array_add_object_element (pending, p);
    }
  sqlite3_reset (stmt);
  json_object_set_array_member (obj, "pending_actions", pending);

  return g_steal_pointer (&obj);
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* Each order's "aftersales" get the "key" of their cached request. */
static void
add_aftersale_keys (ShouStore *self,
                    GPtrArray *orders)
{
  for (guint i = 0; i < orders->len; i++)
    {
      JsonObject *order = orders->pdata[i];
      JsonArray *aftersales = jarr (order, "aftersales");

      for (guint j = 0; aftersales != NULL && j < json_array_get_length (aftersales); j++)
        {
          JsonNode *node = json_array_get_element (aftersales, j);
          g_autofree char *key = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          key = shou_store_request_key (self, jstr (order, "account_id"),
                                        jstr (json_node_get_object (node), "id"));
          if (key != NULL)
            json_object_set_string_member (json_node_get_object (node), "key", key);
        }
    }
}

GPtrArray *
shou_store_list_orders (ShouStore  *self,
                        const char *shop_id,
                        const char *search,
                        guint       offset,
                        guint       limit)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *pattern = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  if (shop_id != NULL && !shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return ret;
  if (search && *search)
    pattern = like_pattern (search);
  stmt = shou_db_prepare (self->db,
                          "SELECT data, key, account_id FROM orders o "
                          "WHERE (?1 IS NULL OR (account_id = ?5 AND shop_id = ?1)) "
                          "AND (?2 IS NULL OR order_no LIKE ?2 ESCAPE '\\' OR buyer LIKE ?2 ESCAPE '\\' "
                          "OR EXISTS (SELECT 1 FROM order_lines l WHERE l.account_id = o.account_id "
                          "AND l.order_id = o.id AND title LIKE ?2 ESCAPE '\\')) "
                          "ORDER BY created_at DESC, key LIMIT ?3 OFFSET ?4", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_text (stmt, 5, account_id);
  shou_db_bind_text (stmt, 2, pattern);
  shou_db_bind_int (stmt, 3, limit ? limit : 100);
  shou_db_bind_int (stmt, 4, offset);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj)
        {
          json_object_set_string_member (obj, "key", shou_db_column_text (stmt, 1));
          json_object_set_string_member (obj, "account_id", shou_db_column_text (stmt, 2));
          g_ptr_array_add (ret, obj);
        }
    }
  sqlite3_reset (stmt);
  add_aftersale_keys (self, ret);
  return ret;
}

GPtrArray *
shou_store_list_addresses (ShouStore  *self,
                           const char *shop_id)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  if (!shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return ret;
  stmt = shou_db_prepare (self->db,
                          "SELECT data, local_state FROM addresses WHERE account_id = ?2 "
                          "AND shop_id = ?1 AND deleted = 0 ORDER BY is_default DESC, id", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_text (stmt, 2, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj == NULL)
        continue;
      json_object_set_boolean_member (obj, "pending", shou_db_column_text (stmt, 1) != NULL);
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

/* ---- scripts ----------------------------------------------------------- */

static gboolean
script_matches (JsonObject   *script,
                ShouPlatform  platform,
                const char   *reason_code)
{
  const char *pname = shou_platform_to_string (platform);
  JsonArray *platforms = jarr (script, "platforms");
  JsonArray *reasons = jarr (script, "reason_codes");
  const char *p = jstr (script, "platform");
  const char *r = jstr (script, "reason_code");
  gboolean ok = TRUE;

  if (p != NULL)
    ok = g_str_equal (p, pname) || g_str_equal (p, "all");
  else if (platforms != NULL)
    {
      ok = FALSE;
      for (guint i = 0; i < json_array_get_length (platforms); i++)
        if (g_strcmp0 (json_array_get_string_element (platforms, i), pname) == 0)
          ok = TRUE;
    }
  if (!ok || reason_code == NULL)
    return ok;

  if (r != NULL)
    return g_str_equal (r, reason_code);
  if (reasons != NULL && json_array_get_length (reasons) > 0)
    {
      for (guint i = 0; i < json_array_get_length (reasons); i++)
        if (g_strcmp0 (json_array_get_string_element (reasons, i), reason_code) == 0)
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
add_scripts_from_node (GPtrArray    *ret,
                       JsonNode     *node,
                       ShouPlatform  platform,
                       const char   *reason_code)
{
  JsonArray *array = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    array = jarr (json_node_get_object (node), "scripts");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *script;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        continue;
      script = json_node_get_object (el);
      if (script_matches (script, platform, reason_code))
        g_ptr_array_add (ret, json_object_ref (script));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
shou_store_list_scripts (ShouStore    *self,
                         ShouPlatform  platform,
                         const char   *reason_code)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GFile) dir = find_data_dir ("SHOU_SCRIPTS_DIR", "scripts");
  g_autoptr(GFileEnumerator) children = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
            g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
          g_object_unref (info);
        }
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GFile) file = g_file_get_child (dir, names->pdata[i]);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autofree char *path = g_file_get_path (file);

          if (json_parser_load_from_file (parser, path, NULL))
            add_scripts_from_node (ret, json_parser_get_root (parser), platform, reason_code);
        }
    }

  stmt = shou_db_prepare (self->db, "SELECT data FROM scripts ORDER BY id", NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj && script_matches (obj, platform, reason_code))
        g_ptr_array_add (ret, g_steal_pointer (&obj));
    }
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_save_script (ShouStore   *self,
                        JsonObject  *script,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  const char *t = jstr (script, "text");

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  if (t == NULL || *t == '\0')
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("A script needs some text"));
      return NULL;
    }
  if (!shou_validate_no_sensitive (t, &local_error))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }

  copy = json_object_new ();
  {
    GList *members = json_object_get_members (script);
    for (GList *l = members; l; l = l->next)
      json_object_set_member (copy, l->data,
                              json_node_copy (json_object_get_member (script, l->data)));
    g_list_free (members);
  }
  id = g_strdup (jstr (script, "id"));
  if (id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      id = g_strconcat ("own-", uuid, NULL);
    }
  json_object_set_string_member (copy, "id", id);
  json_object_set_boolean_member (copy, "own", TRUE);
  text = shou_store_json_to_string (copy);

  stmt = shou_db_prepare (self->db,
                          "INSERT OR REPLACE INTO scripts (id, platform, reason_code, data) "
                          "VALUES (?1, ?2, ?3, ?4)", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, jstr (script, "platform"));
  shou_db_bind_text (stmt, 3, jstr (script, "reason_code"));
  shou_db_bind_text (stmt, 4, text);
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error), NULL;
  return g_steal_pointer (&id);
}
