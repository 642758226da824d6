#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"
#include "sync/shou-api-errors.h"

enum {
  PROP_0,
  PROP_PATH,
  PROP_MIGRATING,
  PROP_MIGRATION_PROGRESS,
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
  /* A change of everything covers the bulk pages still to announce. */
  if (request_id == NULL)
    {
      g_clear_handle_id (&self->bulk_changed_id, g_source_remove);
      self->bulk_pending = FALSE;
    }
  g_signal_emit (self, signals[CHANGED], 0, request_id);
}

void
shou_store_emit_outbox_changed (ShouStore *self)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

void
shou_store_emit_accounts_changed (ShouStore *self)
{
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
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

GFile *
shou_store_find_data_dir (const char *env,
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
      g_autoptr(GFile) dir = shou_store_find_data_dir ("SHOU_PROFILES_DIR", "profiles");
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
  g_clear_handle_id (&self->bulk_changed_id, g_source_remove);
  g_clear_object (&self->writer);
  g_mutex_clear (&self->writer_lock);
  g_clear_object (&self->db);
  g_clear_pointer (&self->profiles, shou_profiles_free);
  g_free (self->path);
  g_free (self->evidence_dir);
  g_free (self->migration_error);

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
    case PROP_MIGRATING:
      g_value_set_boolean (value, self->migrating);
      break;
    case PROP_MIGRATION_PROGRESS:
      g_value_set_double (value, self->migration_progress);
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
  properties[PROP_MIGRATING] =
    g_param_spec_boolean ("migrating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIGRATION_PROGRESS] =
    g_param_spec_double ("migration-progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  shou_store_team_class_init (object_class);
}

static void
shou_store_init (ShouStore *self)
{
  g_mutex_init (&self->writer_lock);
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
            gboolean                migrate,
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
  if (migrate &&
      !shou_store_schema_migrate_full (self->db, -1, progress, progress_data, error))
    return NULL;
  /* Changes a former version kept for a kind this one knows. */
  if (migrate && !shou_store_replay_unknown_changes (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

ShouStore *
shou_store_new (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_store (path, TRUE, NULL, NULL, error);
}

ShouStore *
shou_store_open_connection (const char  *path,
                            GError     **error)
{
  return open_store (path, FALSE, NULL, NULL, error);
}

static int
read_user_version (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return -1;
  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return version;
}

gboolean
shou_store_needs_migration (const char *path)
{
  int version;

  g_return_val_if_fail (path != NULL, FALSE);

  version = read_user_version (path);
  /* A file that is not a cache yet (version 0) is set up in moments. */
  return version > 0 && version < shou_store_schema_latest ();
}

gboolean
shou_store_can_migrate_live (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return read_user_version (path) == 6 && shou_store_schema_latest () > 6;
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
  ShouStore *store = open_store (data->path, TRUE, data->progress ? thread_progress_cb : NULL, data, &error);

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

/* ---- live migration ------------------------------------------------------ */

static void
live_progress_cb (double   fraction,
                  gpointer user_data)
{
  ShouStore *self = user_data;

  /* In steps of a percent: each notification redraws the window. */
  if (!self->migrating || (int) (fraction * 100) <= (int) (self->migration_progress * 100))
    return;
  self->migration_progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIGRATION_PROGRESS]);
}

/* The worker: its own connection, the schema steps with their batches. */
static void
live_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  g_autoptr(ShouDb) db = shou_db_open (data->path, &error);

  if (db != NULL)
    shou_db_share_waiting_writers (db, &SHOU_STORE (source_object)->waiting_writers);
  if (db == NULL ||
      !shou_store_schema_migrate_full (db, -1, thread_progress_cb, data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
live_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ShouStore *self = SHOU_STORE (object);
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  data->finished = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The window keeps reading the old tables; the next start resumes. */
      g_printerr ("%s\n", error->message);
      g_free (self->migration_error);
      self->migration_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIGRATING]);
      return;
    }

  /* From here on every name is the new table's again. */
  if (!shou_store_schema_drop_live_views (self->db, &error))
    g_printerr ("%s\n", error->message);
  self->live_views = FALSE;
  self->live_readonly = FALSE;
  self->migrating = FALSE;
  self->migration_progress = 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIGRATION_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIGRATING]);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

static gboolean
start_live_thread_cb (gpointer user_data)
{
  ShouStore *self = user_data;
  /* The task holds the store until the worker is done. */
  g_autoptr(GTask) task = g_steal_pointer (&self->live_task);

  self->live_start_id = 0;
  if (task != NULL)
    g_task_run_in_thread (task, live_thread_cb);
  return G_SOURCE_REMOVE;
}

void
shou_store_hold_migration (ShouStore *self)
{
  g_return_if_fail (SHOU_IS_STORE (self));

  if (self->live_start_id == 0)
    return;
  g_source_remove (self->live_start_id);
  /* At the latest a few seconds on, whatever the caller waits for. */
  self->live_start_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 5, start_live_thread_cb,
                                                    self, NULL);
}

void
shou_store_release_migration (ShouStore *self)
{
  g_return_if_fail (SHOU_IS_STORE (self));

  if (self->live_start_id == 0)
    return;
  g_source_remove (self->live_start_id);
  start_live_thread_cb (self);
}

ShouStore *
shou_store_new_live (const char  *path,
                     GError     **error)
{
  g_autoptr(ShouStore) self = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean writable = FALSE;
  OpenData *data;

  g_return_val_if_fail (path != NULL, NULL);

  self = open_store (path, FALSE, NULL, NULL, error);
  if (self == NULL)
    return NULL;
  if (!shou_store_schema_can_migrate_live (self->db))
    {
      if (!shou_store_schema_migrate (self->db, -1, error) ||
          !shou_store_replay_unknown_changes (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (!shou_store_schema_add_live_views (self->db, &writable, &local_error))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_OPEN, "%s", local_error->message);
      return NULL;
    }
  self->live_views = TRUE;
  self->live_readonly = !writable;
  self->migrating = TRUE;
  /* The worker lets an action in between its batches. */
  shou_db_share_waiting_writers (self->db, &self->waiting_writers);

  /* The task keeps the store alive until the worker is done. */
  task = g_task_new (self, NULL, live_done_cb, NULL);
  g_task_set_source_tag (task, shou_store_new_live);
  data = g_atomic_rc_box_new0 (OpenData);
  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();
  data->progress = live_progress_cb;
  data->progress_data = self;
  g_task_set_task_data (task, data, open_data_release);
  /* Once the main loop is idle (the window has drawn its first frames):
   * on a busy machine the worker would otherwise slow them down. */
  self->live_task = g_steal_pointer (&task);
  self->live_start_id = g_idle_add_full (G_PRIORITY_LOW, start_live_thread_cb, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
shou_store_get_migrating (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  return self->migrating;
}

double
shou_store_get_migration_progress (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), 0.0);
  return self->migration_progress;
}

const char *
shou_store_get_migration_error (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  return self->migration_error;
}

gboolean
shou_store_get_live_readonly (ShouStore *self)
{
  return self->live_views && self->live_readonly;
}

gboolean
shou_store_get_live_views (ShouStore *self)
{
  return self->live_views;
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
