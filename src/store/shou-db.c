#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-db.h"

struct _ShouDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  gint       *waiting;      /* shou_db_share_waiting_writers() */
};

G_DEFINE_TYPE (ShouDb, shou_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (shou-db-error-quark, shou_db_error)

static void
set_error (ShouDb      *self,
           int          rc,
           const char  *what,
           GError     **error)
{
  ShouDbError code;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = SHOU_DB_ERROR_BUSY;
      break;
    case SQLITE_CONSTRAINT:
      code = SHOU_DB_ERROR_CONSTRAINT;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = SHOU_DB_ERROR_CORRUPT;
      break;
    case SQLITE_CANTOPEN:
      code = SHOU_DB_ERROR_OPEN;
      break;
    default:
      code = SHOU_DB_ERROR_SQL;
      break;
    }

  g_set_error (error, SHOU_DB_ERROR, code, "%s: %s", what,
               self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
shou_db_finalize (GObject *object)
{
  ShouDb *self = (ShouDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle)
    sqlite3_close (self->handle);
  g_free (self->path);

  G_OBJECT_CLASS (shou_db_parent_class)->finalize (object);
}

static void
shou_db_class_init (ShouDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shou_db_finalize;
}

static void
shou_db_init (ShouDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, finalize_stmt);
}

ShouDb *
shou_db_open (const char  *path,
              GError     **error)
{
  g_autoptr(ShouDb) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SHOU_TYPE_DB, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SHOU_DB_ERROR, SHOU_DB_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"), path,
                   self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, 10000);

  /* WAL keeps readers and the syncing writer apart and survives kills;
   * synchronous=NORMAL in WAL mode never corrupts, at worst loses the last
   * commit on power loss, not on a process crash. */
  if (!shou_db_exec (self,
                     "PRAGMA journal_mode=WAL;"
                     "PRAGMA synchronous=NORMAL;"
                     "PRAGMA foreign_keys=ON;"
                     "PRAGMA temp_store=MEMORY;"
                     "PRAGMA cache_size=-8192;",
                     error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
shou_db_get_path (ShouDb *self)
{
  g_return_val_if_fail (SHOU_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
shou_db_get_handle (ShouDb *self)
{
  g_return_val_if_fail (SHOU_IS_DB (self), NULL);
  return self->handle;
}

gboolean
shou_db_exec (ShouDb      *self,
              const char  *sql,
              GError     **error)
{
  char *msg = NULL;
  int rc;

  g_return_val_if_fail (SHOU_IS_DB (self), FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SHOU_DB_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? SHOU_DB_ERROR_BUSY : SHOU_DB_ERROR_SQL,
                   "%s", msg ? msg : sqlite3_errstr (rc));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
shou_db_prepare (ShouDb      *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHOU_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, "prepare", error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

int
shou_db_step (ShouDb       *self,
              sqlite3_stmt *stmt,
              GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  set_error (self, rc, "step", error);
  sqlite3_reset (stmt);
  return -1;
}

gboolean
shou_db_run (ShouDb       *self,
             sqlite3_stmt *stmt,
             GError      **error)
{
  int rc;

  while ((rc = shou_db_step (self, stmt, error)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
shou_db_begin (ShouDb  *self,
               GError **error)
{
  gboolean ok;

  /* IMMEDIATE takes the write lock now, so a busy database fails here and
   * not half way through. */
  if (self->waiting == NULL)
    return shou_db_exec (self, "BEGIN IMMEDIATE", error);
  g_atomic_int_inc (self->waiting);
  ok = shou_db_exec (self, "BEGIN IMMEDIATE", error);
  g_atomic_int_add (self->waiting, -1);
  return ok;
}

void
shou_db_share_waiting_writers (ShouDb *self,
                               gint   *waiting)
{
  g_return_if_fail (SHOU_IS_DB (self));
  self->waiting = waiting;
}

void
shou_db_yield_to_writers (ShouDb *self)
{
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  g_return_if_fail (SHOU_IS_DB (self));
  /* Bounded: a writer that never gets the lock does not stop the caller. */
  while (self->waiting != NULL && g_atomic_int_get (self->waiting) > 0 &&
         g_get_monotonic_time () < until)
    g_usleep (1000);
}

gboolean
shou_db_commit (ShouDb  *self,
                GError **error)
{
  if (shou_db_exec (self, "COMMIT", error))
    return TRUE;
  shou_db_rollback (self);
  return FALSE;
}

void
shou_db_rollback (ShouDb *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
shou_db_in_transaction (ShouDb *self)
{
  return !sqlite3_get_autocommit (self->handle);
}

int
shou_db_get_user_version (ShouDb  *self,
                          GError **error)
{
  return (int) shou_db_query_int (self, "PRAGMA user_version", -1, error);
}

gboolean
shou_db_set_user_version (ShouDb  *self,
                          int      version,
                          GError **error)
{
  /* PRAGMA takes no bound parameters; @version is an integer we format. */
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version=%d", version);
  return shou_db_exec (self, sql, error);
}

gint64
shou_db_last_insert_rowid (ShouDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

int
shou_db_changes (ShouDb *self)
{
  return sqlite3_changes (self->handle);
}

gint64
shou_db_query_int (ShouDb      *self,
                   const char  *sql,
                   gint64       fallback,
                   GError     **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (self, sql, error);
  gint64 value = fallback;
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = shou_db_step (self, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

char *
shou_db_integrity_check (ShouDb  *self,
                         GError **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (self, "PRAGMA integrity_check", error);
  GString *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_string_new (NULL);
  while ((rc = shou_db_step (self, stmt, error)) == SQLITE_ROW)
    {
      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

void
shou_db_bind_text (sqlite3_stmt *stmt,
                   int           idx,
                   const char   *str)
{
  if (str == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, str, -1, SQLITE_TRANSIENT);
}

void
shou_db_bind_int (sqlite3_stmt *stmt,
                  int           idx,
                  gint64        value)
{
  sqlite3_bind_int64 (stmt, idx, value);
}

const char *
shou_db_column_text (sqlite3_stmt *stmt,
                     int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}
