/* shou-hub-store-sqlite.c: the SQLite engine (the embedded default, one
 * file): connection, migrations, transactions, counters, merchants, shops
 * and idempotency; its records are in shou-hub-store-sqlite-records.c. */
#include "config.h"

#include <sqlite3.h>

#include "shou-hub-row.h"
#include "shou-hub-schema.h"
#include "shou-hub-rows.h"
#include "shou-hub-store-sqlite-private.h"

G_DEFINE_FINAL_TYPE (ShouHubStoreSqlite, shou_hub_store_sqlite, SHOU_TYPE_HUB_STORE)

static void
shou_hub_store_sqlite_finalize (GObject *object)
{
  ShouHubStoreSqlite *self = SHOU_HUB_STORE_SQLITE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->counters, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);

  G_OBJECT_CLASS (shou_hub_store_sqlite_parent_class)->finalize (object);
}

static void
shou_hub_store_sqlite_init (ShouHubStoreSqlite *self)
{
  /* Keyed by the literal's address: hashing the SQL text on every call
   * was measurable in bulk generation. */
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) sqlite3_finalize);
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dirty = g_hash_table_new (g_str_hash, g_str_equal);
}

gboolean
shou_hub_store_sqlite_fail (ShouHubStoreSqlite  *self,
                            GError             **error)
{
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
               "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
shou_hub_store_sqlite_stmt (ShouHubStoreSqlite *self,
                            const char         *sql)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->stmts, sql);

  if (st == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        g_error ("shouhou-sim: cannot prepare %s: %s", sql, sqlite3_errmsg (self->db));
      g_hash_table_insert (self->stmts, (gpointer) sql, st);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return st;
}

ShouHubStore *
shou_hub_store_sqlite_new (const char  *path,
                           GError     **error)
{
  g_autoptr(ShouHubStoreSqlite) self = g_object_new (SHOU_TYPE_HUB_STORE_SQLITE, NULL);
  const ShouHubMigration *migrations;
  guint n_migrations;
  sqlite3_stmt *st;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
                   "Cannot open %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);

  /* Reads map the file (up to 1 GiB) instead of copying each page in with
   * pread(): the change feed reads every row of a large file, and the
   * copies were a third of its CPU (perf). */
  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
                   "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;", error))
    return NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error);
      return NULL;
    }
  if (sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);

  migrations = shou_hub_schema_get_migrations (&n_migrations);
  if (version > (int) n_migrations)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_CORRUPT,
                   "%s has schema version %d, newer than this hub's %u",
                   path, version, n_migrations);
      return NULL;
    }
  if (version < (int) n_migrations)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", n_migrations);

      if (!exec (self, "BEGIN", error))
        return NULL;
      for (guint i = version; i < n_migrations; i++)
        if (!exec (self, migrations[i].sqlite, error))
          {
            exec (self, "ROLLBACK", NULL);
            return NULL;
          }
      if (!exec (self, set_version, error) || !exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return NULL;
        }
    }

  return SHOU_HUB_STORE (g_steal_pointer (&self));
}

static gboolean
sqlite_begin (ShouHubStoreSqlite  *self,
              GError             **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

/* Counters changed in this transaction reach their tables on commit:
 * "feed:MERCHANT" the merchant's feed counter, any other key meta. */
static gboolean
flush_counters (ShouHubStoreSqlite  *self,
                GError             **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 *value = g_hash_table_lookup (self->counters, key);
      sqlite3_stmt *st;

      if (g_str_has_prefix (key, "feed:"))
        {
          st = stmt (self, "INSERT INTO feed_counters (merchant_id, seq) VALUES (?1, ?2) "
                           "ON CONFLICT (merchant_id) DO UPDATE SET seq = excluded.seq");
          bind_text (st, 1, (const char *) key + 5);
        }
      else
        {
          st = stmt (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
          bind_text (st, 1, key);
        }
      sqlite3_bind_int64 (st, 2, *value);
      if (sqlite3_step (st) != SQLITE_DONE)
        return set_sql_error (self, error);
    }
  g_hash_table_remove_all (self->dirty);
  return TRUE;
}

static gboolean
sqlite_commit (ShouHubStoreSqlite  *self,
               GError             **error)
{
  return flush_counters (self, error) && exec (self, "COMMIT", error);
}

static void
sqlite_rollback (ShouHubStoreSqlite *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static void
sqlite_set_bulk (ShouHubStoreSqlite *self,
                 gboolean            bulk)
{
  /* Bulk generation touches every index page; keep them in memory. */
  exec (self, bulk ? "PRAGMA cache_size=-262144" : "PRAGMA cache_size=-32768", NULL);
}

static gboolean
sqlite_is_empty (ShouHubStoreSqlite *self)
{
  sqlite3_stmt *st = stmt (self, "SELECT COUNT(*) FROM merchants");
  gboolean empty = TRUE;

  if (sqlite3_step (st) == SQLITE_ROW)
    empty = sqlite3_column_int64 (st, 0) == 0;
  sqlite3_reset (st);
  return empty;
}

/* Counters live in memory and reach their tables with the next commit
 * (one writer: BEGIN IMMEDIATE); a rolled-back transaction leaves a
 * harmless gap. */
static gint64
bump (ShouHubStoreSqlite *self,
      const char         *key)
{
  gpointer owned = NULL;
  gint64 *value = NULL;

  if (!g_hash_table_lookup_extended (self->counters, key, &owned, (gpointer *) &value))
    {
      sqlite3_stmt *st;

      if (g_str_has_prefix (key, "feed:"))
        {
          st = stmt (self, "SELECT seq FROM feed_counters WHERE merchant_id = ?1");
          bind_text (st, 1, key + 5);
        }
      else
        {
          st = stmt (self, "SELECT value FROM meta WHERE key = ?1");
          bind_text (st, 1, key);
        }
      value = g_new0 (gint64, 1);
      if (sqlite3_step (st) == SQLITE_ROW)
        *value = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
      owned = g_strdup (key);
      g_hash_table_insert (self->counters, owned, value);
    }
  g_hash_table_add (self->dirty, owned);
  return ++*value;
}

gint64
shou_hub_store_sqlite_next_seq (ShouHubStoreSqlite *self,
                                const char         *merchant_id)
{
  g_autofree char *key = g_strconcat ("feed:", merchant_id, NULL);

  return bump (self, key);
}

static gint64
sqlite_next_id (ShouHubStoreSqlite *self,
                const char         *kind)
{
  g_autofree char *key = NULL;

  key = g_strconcat ("id:", kind, NULL);
  return bump (self, key);
}









/* Idempotency */



/* The cached statement for a shared code's @q->sql, reset, with its
 * parameters bound. */
static sqlite3_stmt *
shared_stmt (ShouHubStoreSqlite     *self,
             const ShouHubRowQuery  *q)
{
  const char *sql = q->sql, *types = q->types;
  const char * const *params = q->params;
  sqlite3_stmt *st = g_hash_table_lookup (self->stmts, sql);

  if (st == NULL)
    {
      g_autofree char *text = g_strdup (sql);

      for (char *p = text; *p; p++)
        if (*p == '$' && g_ascii_isdigit (p[1]))
          *p = '?';
      if (sqlite3_prepare_v3 (self->db, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        g_error ("shouhou-hub: cannot prepare %s: %s", text, sqlite3_errmsg (self->db));
      g_hash_table_insert (self->stmts, (gpointer) sql, st);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  for (guint i = 0; types != NULL && types[i] != '\0'; i++)
    {
      if (params[i] == NULL)
        sqlite3_bind_null (st, i + 1);
      else if (types[i] == 'i')
        sqlite3_bind_int64 (st, i + 1, g_ascii_strtoll (params[i], NULL, 10));
      else
        bind_text (st, i + 1, params[i]);
    }
  return st;
}

static char *
sqlite_checksum (ShouHubStoreSqlite *self)
{
  return shou_hub_sqlite_checksum (self->db);
}

static gboolean
sqlite_lock_key (ShouHubStoreSqlite  *self,
                 const char          *merchant_id,
                 const char          *key,
                 GError             **error)
{
  /* BEGIN IMMEDIATE already made this the only writer. */
  return TRUE;
}

/* Shared code's statements: $N placeholders become ?N. */
static ShouHubRows *
sqlite_query (ShouHubStoreSqlite  *self,
              const char          *sql,
              const char          *types,
              const char * const  *params,
              GError             **error)
{
  ShouHubRowQuery q = { sql, types, params };
  sqlite3_stmt *st = shared_stmt (self, &q);
  ShouHubRows *rows;
  int n_columns;
  int rc;

  n_columns = sqlite3_column_count (st);
  rows = shou_hub_rows_new (n_columns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    for (int c = 0; c < n_columns; c++)
      g_ptr_array_add (rows->cells, col_dup (st, c));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      shou_hub_rows_free (rows);
      set_sql_error (self, error);
      return NULL;
    }
  return rows;
}

/* Cells straight from the statement's row (no copies). */
static gint64
sqlite_each_row (ShouHubStoreSqlite     *self,
                 const ShouHubRowQuery  *q,
                 GError                **error)
{
  sqlite3_stmt *st = shared_stmt (self, q);
  const char *cells[SHOU_HUB_ROW_MAX_COLUMNS];
  gsize lengths[SHOU_HUB_ROW_MAX_COLUMNS];
  int n_columns = sqlite3_column_count (st);
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (n_columns <= SHOU_HUB_ROW_MAX_COLUMNS, -1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_columns; c++)
        {
          /* text() before bytes(): the length of the text form. */
          cells[c] = (const char *) sqlite3_column_text (st, c);
          lengths[c] = cells[c] ? (gsize) sqlite3_column_bytes (st, c) : 0;
        }
      q->func (cells, lengths, q->user_data);
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      sqlite3_reset (st);
      return -1;
    }
  sqlite3_reset (st);
  return n;
}

static gboolean
sqlite_in_transaction (ShouHubStoreSqlite *self)
{
  return !sqlite3_get_autocommit (self->db);
}

static gint64
sqlite_next_seq (ShouHubStoreSqlite  *self,
                 const char          *merchant_id,
                 GError             **error)
{
  return shou_hub_store_sqlite_next_seq (self, merchant_id);
}

#define VFUNC(name) store_class->name = (gpointer) sqlite_##name

static void
shou_hub_store_sqlite_class_init (ShouHubStoreSqliteClass *klass)
{
  ShouHubStoreClass *store_class = SHOU_HUB_STORE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = shou_hub_store_sqlite_finalize;
  store_class->engine = "sqlite";
  VFUNC (begin);
  VFUNC (commit);
  VFUNC (rollback);
  VFUNC (set_bulk);
  VFUNC (lock_key);
  VFUNC (is_empty);
  VFUNC (next_id);
  VFUNC (checksum);
  shou_hub_store_sqlite_records_class_init (store_class);
  VFUNC (query);
  VFUNC (each_row);
  VFUNC (next_seq);
  VFUNC (in_transaction);
}
