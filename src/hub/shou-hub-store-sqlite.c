#include "config.h"

#include <sqlite3.h>

#include "shou-hub-row.h"
#include "shou-hub-schema.h"
#include "shou-hub-staff.h"
#include "shou-hub-sqlite-team.h"

#define bind_text shou_hub_sqlite_bind_text
#define col_dup shou_hub_sqlite_col_dup
#define exec(self, sql, error) shou_hub_sqlite_exec ((self)->db, sql, error)

#define SHOU_TYPE_HUB_STORE_SQLITE (shou_hub_store_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (ShouHubStoreSqlite, shou_hub_store_sqlite, SHOU, HUB_STORE_SQLITE, ShouHubStore)

struct _ShouHubStoreSqlite
{
  ShouHubStore parent_instance;
  sqlite3    *db;
  GHashTable *stmts;    /* SQL text -> sqlite3_stmt */
  GHashTable *counters; /* key -> gint64*, flushed by commit */
  GHashTable *dirty;    /* keys of counters changed since the last commit */
};

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

static gboolean
set_sql_error (ShouHubStoreSqlite  *self,
               GError             **error)
{
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
               "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* @sql must be a string literal: its address is the cache key. */
static sqlite3_stmt *
stmt (ShouHubStoreSqlite *self,
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

static const char *
column_text (gpointer row,
             guint    column)
{
  return (const char *) sqlite3_column_text (row, column);
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

  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
                   "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;", error))
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

  /* The team's operations (shou-hub-sqlite-team.c) use the connection. */
  g_object_set_data (G_OBJECT (self), "shou-hub-sqlite", self->db);
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

/* The merchant's next feed position. */
static gint64
sqlite_next_seq (ShouHubStoreSqlite *self,
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

/* Merchants and shops */

static gboolean
sqlite_add_merchant (ShouHubStoreSqlite  *self,
                     const char          *merchant_id,
                     const char          *name,
                     const char          *token,
                     GError             **error)
{
  sqlite3_stmt *st;

  st = stmt (self, "INSERT INTO merchants (merchant_id, name, token, ord) VALUES "
                   "(?1, ?2, ?3, (SELECT COUNT(*) FROM merchants))");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, name);
  bind_text (st, 3, token);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static char *
sqlite_lookup_token (ShouHubStoreSqlite *self,
                     const char         *token)
{
  sqlite3_stmt *st;
  char *merchant = NULL;

  /* Every merchant's token is compared, in constant time, and the loop never
   * stops early: the answer's timing says nothing about the token. */
  st = stmt (self, "SELECT merchant_id, token FROM merchants");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *candidate = (const char *) sqlite3_column_text (st, 1);

      if (shou_hub_token_equal (token, candidate) && merchant == NULL)
        merchant = col_dup (st, 0);
    }
  sqlite3_reset (st);
  return merchant;
}

static char *
sqlite_get_token (ShouHubStoreSqlite *self,
                  const char         *merchant_id)
{
  sqlite3_stmt *st;
  char *token = NULL;

  st = stmt (self, "SELECT token FROM merchants WHERE merchant_id = ?1");
  bind_text (st, 1, merchant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    token = col_dup (st, 0);
  sqlite3_reset (st);
  return token;
}

static char *
sqlite_get_merchant_name (ShouHubStoreSqlite *self,
                          const char         *merchant_id)
{
  sqlite3_stmt *st;
  char *name = NULL;

  st = stmt (self, "SELECT name FROM merchants WHERE merchant_id = ?1");
  bind_text (st, 1, merchant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    name = col_dup (st, 0);
  sqlite3_reset (st);
  return name;
}

static GStrv
sqlite_list_tokens (ShouHubStoreSqlite *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *st;

  st = stmt (self, "SELECT merchant_id, token FROM merchants ORDER BY ord");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", sqlite3_column_text (st, 0),
                                               sqlite3_column_text (st, 1));

      g_strv_builder_add (builder, line);
    }
  sqlite3_reset (st);
  return g_strv_builder_end (builder);
}

static gboolean
sqlite_add_shop (ShouHubStoreSqlite  *self,
                 const char          *shop_id,
                 const char          *merchant_id,
                 ShouPlatform         platform,
                 const char          *name,
                 GError             **error)
{
  sqlite3_stmt *st;

  st = stmt (self, "INSERT INTO shops (id, merchant_id, platform, name, ord) VALUES "
                   "(?1, ?2, ?3, ?4, (SELECT COUNT(*) FROM shops))");
  bind_text (st, 1, shop_id);
  bind_text (st, 2, merchant_id);
  bind_text (st, 3, shou_platform_to_string (platform));
  bind_text (st, 4, name);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static char *
sqlite_get_shop (ShouHubStoreSqlite *self,
                 const char         *shop_id,
                 ShouPlatform       *out_platform)
{
  sqlite3_stmt *st;
  char *merchant = NULL;

  st = stmt (self, "SELECT merchant_id, platform FROM shops WHERE id = ?1");
  bind_text (st, 1, shop_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      merchant = col_dup (st, 0);
      if (out_platform != NULL &&
          !shou_platform_from_string ((const char *) sqlite3_column_text (st, 1), out_platform))
        *out_platform = SHOU_PLATFORM_TAOBAO;
    }
  sqlite3_reset (st);
  return merchant;
}

static JsonArray *
sqlite_list_shops (ShouHubStoreSqlite *self,
                   const char         *merchant_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id, platform, name, merchant_id FROM shops "
                   "WHERE merchant_id = ?1 ORDER BY ord");
  bind_text (st, 1, merchant_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *shop = json_object_new ();

      json_object_set_string_member (shop, "id", (const char *) sqlite3_column_text (st, 0));
      json_object_set_string_member (shop, "platform", (const char *) sqlite3_column_text (st, 1));
      json_object_set_string_member (shop, "name", (const char *) sqlite3_column_text (st, 2));
      json_object_set_string_member (shop, "merchant_id", (const char *) sqlite3_column_text (st, 3));
      json_array_add_object_element (array, shop);
    }
  sqlite3_reset (st);
  return array;
}

static GPtrArray *
sqlite_list_shop_ids (ShouHubStoreSqlite *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = stmt (self, "SELECT id FROM shops ORDER BY ord");

  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (st, 0));
  sqlite3_reset (st);
  return ids;
}

/* Orders */

static gboolean
sqlite_put_order (ShouHubStoreSqlite  *self,
                  const char          *order_id,
                  const char          *shop_id,
                  const char          *merchant_id,
                  JsonObject          *data,
                  gint64               version,
                  gint64               updated_at,
                  GError             **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *st;
  gint64 seq;

  text = shou_hub_json_to_string (data);
  seq = sqlite_next_seq (self, merchant_id);
  st = stmt (self, "INSERT OR REPLACE INTO orders (id, shop_id, merchant_id, data, version, "
                   "updated_at, change_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  bind_text (st, 1, order_id);
  bind_text (st, 2, shop_id);
  bind_text (st, 3, merchant_id);
  bind_text (st, 4, text);
  sqlite3_bind_int64 (st, 5, version);
  sqlite3_bind_int64 (st, 6, updated_at);
  sqlite3_bind_int64 (st, 7, seq);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static JsonObject *
sqlite_get_order (ShouHubStoreSqlite  *self,
                  const char          *order_id,
                  char               **out_merchant_id)
{
  JsonObject *order = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT data, version, updated_at, merchant_id FROM orders WHERE id = ?1");
  bind_text (st, 1, order_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      order = shou_hub_json_from_string ((const char *) sqlite3_column_text (st, 0));
      json_object_set_int_member (order, "version", sqlite3_column_int64 (st, 1));
      json_object_set_int_member (order, "updated_at", sqlite3_column_int64 (st, 2));
      if (out_merchant_id != NULL)
        *out_merchant_id = col_dup (st, 3);
    }
  sqlite3_reset (st);
  return order;
}

static char *
sqlite_get_order_text (ShouHubStoreSqlite *self,
                       const char         *order_id)
{
  char *text = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT json_set(data, '$.version', version, '$.updated_at', updated_at) "
                   "FROM orders WHERE id = ?1");
  bind_text (st, 1, order_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    text = col_dup (st, 0);
  sqlite3_reset (st);
  return text;
}

static GPtrArray *
sqlite_list_order_ids (ShouHubStoreSqlite *self,
                       const char         *merchant_id,
                       guint               limit)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id FROM orders WHERE merchant_id = ?1 ORDER BY random() LIMIT ?2");
  bind_text (st, 1, merchant_id);
  sqlite3_bind_int (st, 2, limit);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (st, 0));
  sqlite3_reset (st);
  return ids;
}

/* After-sales */

static gboolean
sqlite_put_aftersale (ShouHubStoreSqlite  *self,
                      ShouHubAftersale    *as,
                      gint64               lapse_at,
                      GError             **error)
{
  g_autofree char *doc = NULL;
  ShouHubValue values[SHOU_HUB_AFTERSALE_N_VALUES];
  sqlite3_stmt *st;

  shou_hub_row_from_aftersale (as, values, &doc);
  as->change_seq = sqlite_next_seq (self, as->merchant_id);
  st = stmt (self, "INSERT OR REPLACE INTO aftersales (" SHOU_HUB_AFTERSALE_COLUMNS ") VALUES (?1, ?2,"
                   " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                   " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)");
  for (guint i = 0; i < SHOU_HUB_AFTERSALE_N_VALUES; i++)
    {
      if (values[i].is_text)
        bind_text (st, i + 1, values[i].text);
      else
        sqlite3_bind_int64 (st, i + 1, values[i].number);
    }
  sqlite3_bind_int64 (st, SHOU_HUB_AFTERSALE_N_VALUES + 1, as->change_seq);
  if (lapse_at > 0)
    sqlite3_bind_int64 (st, SHOU_HUB_AFTERSALE_N_VALUES + 2, lapse_at);
  else
    sqlite3_bind_null (st, SHOU_HUB_AFTERSALE_N_VALUES + 2);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static ShouHubAftersale *
sqlite_get_aftersale (ShouHubStoreSqlite *self,
                      const char         *aftersale_id)
{
  ShouHubAftersale *as = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT " SHOU_HUB_AFTERSALE_COLUMNS " FROM aftersales WHERE id = ?1");
  bind_text (st, 1, aftersale_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    as = shou_hub_row_to_aftersale (column_text, st);
  sqlite3_reset (st);
  return as;
}

static char *
sqlite_find_line_request (ShouHubStoreSqlite *self,
                          const char         *line_id)
{
  sqlite3_stmt *st;
  char *id = NULL;

  st = stmt (self, "SELECT id FROM aftersales WHERE line_id = ?1 ORDER BY opened_at DESC LIMIT 1");
  bind_text (st, 1, line_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    id = col_dup (st, 0);
  sqlite3_reset (st);
  return id;
}

static GPtrArray *
sqlite_list_due (ShouHubStoreSqlite *self,
                 gint64              cutoff,
                 guint               limit)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id FROM aftersales WHERE lapse_at IS NOT NULL AND lapse_at <= ?1 "
                   "ORDER BY lapse_at LIMIT ?2");
  sqlite3_bind_int64 (st, 1, cutoff);
  sqlite3_bind_int (st, 2, limit);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (st, 0));
  sqlite3_reset (st);
  return ids;
}

static GPtrArray *
sqlite_sample_aftersales (ShouHubStoreSqlite *self,
                          int                 status,
                          guint               limit)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id FROM aftersales WHERE ?1 < 0 OR status = ?1 ORDER BY random() LIMIT ?2");
  sqlite3_bind_int (st, 1, status);
  sqlite3_bind_int (st, 2, limit);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (st, 0));
  sqlite3_reset (st);
  return ids;
}

static gboolean
sqlite_address_in_use (ShouHubStoreSqlite *self,
                       const char         *address_id)
{
  sqlite3_stmt *st;
  gboolean used = FALSE;

  st = stmt (self, "SELECT status FROM aftersales WHERE return_address_id = ?1");
  bind_text (st, 1, address_id);
  while (!used && sqlite3_step (st) == SQLITE_ROW)
    used = !shou_status_is_finished (sqlite3_column_int (st, 0));
  sqlite3_reset (st);
  return used;
}

/* Addresses */

static gboolean
sqlite_put_address (ShouHubStoreSqlite  *self,
                    const char          *address_id,
                    const char          *shop_id,
                    const char          *merchant_id,
                    JsonObject          *data,
                    gint64               version,
                    gboolean             deleted,
                    GError             **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *st;

  text = shou_hub_json_to_string (data);
  st = stmt (self, "INSERT OR REPLACE INTO addresses (id, shop_id, merchant_id, data, version,"
                   " deleted, change_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  bind_text (st, 1, address_id);
  bind_text (st, 2, shop_id);
  bind_text (st, 3, merchant_id);
  bind_text (st, 4, text);
  sqlite3_bind_int64 (st, 5, version);
  sqlite3_bind_int (st, 6, deleted);
  sqlite3_bind_int64 (st, 7, sqlite_next_seq (self, merchant_id));
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static JsonObject *
address_from_row (sqlite3_stmt *st)
{
  JsonObject *address = shou_hub_json_from_string ((const char *) sqlite3_column_text (st, 2));

  json_object_set_string_member (address, "id", (const char *) sqlite3_column_text (st, 0));
  json_object_set_string_member (address, "shop_id", (const char *) sqlite3_column_text (st, 1));
  json_object_set_int_member (address, "version", sqlite3_column_int64 (st, 3));
  json_object_set_boolean_member (address, "deleted", sqlite3_column_int (st, 4));
  if (!json_object_has_member (address, "is_default"))
    json_object_set_boolean_member (address, "is_default", FALSE);
  return address;
}

static JsonObject *
sqlite_get_address (ShouHubStoreSqlite *self,
                    const char         *address_id)
{
  JsonObject *address = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id, shop_id, data, version, deleted FROM addresses WHERE id = ?1");
  bind_text (st, 1, address_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    address = address_from_row (st);
  sqlite3_reset (st);
  return address;
}

static JsonArray *
sqlite_list_addresses (ShouHubStoreSqlite *self,
                       const char         *shop_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *st;

  st = stmt (self, "SELECT id, shop_id, data, version, deleted FROM addresses "
                   "WHERE shop_id = ?1 AND deleted = 0 ORDER BY rowid");
  bind_text (st, 1, shop_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    json_array_add_object_element (array, address_from_row (st));
  sqlite3_reset (st);
  return array;
}

/* Evidence */

static gboolean
sqlite_put_evidence (ShouHubStoreSqlite  *self,
                     const char          *merchant_id,
                     const char          *sha256,
                     const char          *content_type,
                     GBytes              *bytes,
                     GError             **error)
{
  sqlite3_stmt *st;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  st = stmt (self, "INSERT OR IGNORE INTO evidence (merchant_id, sha256, content_type, size, data) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, sha256);
  bind_text (st, 3, content_type);
  sqlite3_bind_int64 (st, 4, size);
  sqlite3_bind_blob64 (st, 5, data ? data : "", size, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static GBytes *
sqlite_get_evidence (ShouHubStoreSqlite  *self,
                     const char          *merchant_id,
                     const char          *sha256,
                     char               **out_content_type)
{
  GBytes *bytes = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT content_type, data FROM evidence WHERE merchant_id = ?1 AND sha256 = ?2");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, sha256);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      if (out_content_type != NULL)
        *out_content_type = col_dup (st, 0);
      bytes = g_bytes_new (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1));
    }
  sqlite3_reset (st);
  return bytes;
}

/* Idempotency */

static gboolean
sqlite_get_idempotent (ShouHubStoreSqlite  *self,
                       const char          *merchant_id,
                       const char          *key,
                       char               **out_body_hash,
                       guint               *out_status,
                       char               **out_response)
{
  sqlite3_stmt *st;
  gboolean found = FALSE;

  st = stmt (self, "SELECT body_hash, status, response FROM idempotency "
                   "WHERE merchant_id = ?1 AND key = ?2");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, key);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      found = TRUE;
      *out_body_hash = col_dup (st, 0);
      *out_status = sqlite3_column_int (st, 1);
      *out_response = col_dup (st, 2);
    }
  sqlite3_reset (st);
  return found;
}

static gboolean
sqlite_put_idempotent (ShouHubStoreSqlite  *self,
                       const char          *merchant_id,
                       const char          *key,
                       const char          *body_hash,
                       guint                status,
                       const char          *response,
                       gint64               now,
                       GError             **error)
{
  sqlite3_stmt *st;

  st = stmt (self, "INSERT OR REPLACE INTO idempotency (merchant_id, key, body_hash, status,"
                   " response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, key);
  bind_text (st, 3, body_hash);
  sqlite3_bind_int (st, 4, status);
  bind_text (st, 5, response);
  sqlite3_bind_int64 (st, 6, now);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

/* Change feed */

static void
collect_changes (sqlite3_stmt      *st,
                 ShouHubChangeKind  kind,
                 const char        *merchant_id,
                 gint64             after,
                 guint              limit,
                 GPtrArray         *out)
{
  bind_text (st, 1, merchant_id);
  sqlite3_bind_int64 (st, 2, after);
  sqlite3_bind_int (st, 3, limit);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      ShouHubChange *change = g_new0 (ShouHubChange, 1);

      change->kind = kind;
      change->id = col_dup (st, 0);
      change->seq = sqlite3_column_int64 (st, 1);
      g_ptr_array_add (out, change);
    }
  sqlite3_reset (st);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const ShouHubChange *ca = *(ShouHubChange * const *) a;
  const ShouHubChange *cb = *(ShouHubChange * const *) b;

  return (ca->seq > cb->seq) - (ca->seq < cb->seq);
}

static GPtrArray *
sqlite_list_changes (ShouHubStoreSqlite *self,
                     const char         *merchant_id,
                     gint64              after,
                     guint               limit)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_change_free);

  /* Each table's page is ordered; merging the three and keeping the first
   * @limit gives the global order. Reads see one snapshot: the simulator
   * handles one request at a time on its main loop. */
  collect_changes (stmt (self, "SELECT id, change_seq FROM orders WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_HUB_CHANGE_ORDER, merchant_id, after, limit, all);
  collect_changes (stmt (self, "SELECT id, change_seq FROM aftersales WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_HUB_CHANGE_AFTERSALE, merchant_id, after, limit, all);
  collect_changes (stmt (self, "SELECT id, change_seq FROM addresses WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_HUB_CHANGE_ADDRESS, merchant_id, after, limit, all);
  g_ptr_array_sort (all, compare_changes);
  if (all->len > limit)
    g_ptr_array_remove_range (all, limit, all->len - limit);
  return all;
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
  VFUNC (add_merchant);
  VFUNC (lookup_token);
  VFUNC (get_token);
  VFUNC (get_merchant_name);
  VFUNC (list_tokens);
  VFUNC (add_shop);
  VFUNC (get_shop);
  VFUNC (list_shops);
  VFUNC (list_shop_ids);
  VFUNC (put_order);
  VFUNC (get_order);
  VFUNC (get_order_text);
  VFUNC (list_order_ids);
  VFUNC (put_aftersale);
  VFUNC (get_aftersale);
  VFUNC (find_line_request);
  VFUNC (list_due);
  VFUNC (sample_aftersales);
  VFUNC (address_in_use);
  VFUNC (put_address);
  VFUNC (get_address);
  VFUNC (list_addresses);
  VFUNC (put_evidence);
  VFUNC (get_evidence);
  VFUNC (get_idempotent);
  VFUNC (put_idempotent);
  VFUNC (list_changes);
  store_class->add_staff = shou_hub_sqlite_add_staff;
  store_class->list_staff = shou_hub_sqlite_list_staff;
  store_class->remove_staff = shou_hub_sqlite_remove_staff;
  store_class->lookup_staff = shou_hub_sqlite_lookup_staff;
  store_class->get_staff = shou_hub_sqlite_get_staff;
  store_class->get_claim = shou_hub_sqlite_get_claim;
  store_class->put_claim = shou_hub_sqlite_put_claim;
  store_class->add_audit = shou_hub_sqlite_add_audit;
  store_class->list_audit = shou_hub_sqlite_list_audit;
  store_class->day_total = shou_hub_sqlite_day_total;
}
