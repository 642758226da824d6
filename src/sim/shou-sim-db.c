#include "config.h"

#include <sqlite3.h>

#include "shou-sim-db.h"

struct _ShouSimDb
{
  GObject     parent_instance;
  sqlite3    *db;
  GHashTable *stmts;    /* SQL text -> sqlite3_stmt */
  GHashTable *counters; /* meta key -> gint64*, flushed by commit */
  gboolean    counters_dirty;
};

G_DEFINE_FINAL_TYPE (ShouSimDb, shou_sim_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (shou-sim-db-error-quark, shou_sim_db_error)

#define SCHEMA_VERSION 1

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS merchants (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  token TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS shops (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL,"
  "  platform TEXT NOT NULL, name TEXT NOT NULL, ord INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS orders_feed ON orders (merchant_id, change_seq);"
  "CREATE TABLE IF NOT EXISTS aftersales (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, order_id TEXT NOT NULL, line_id TEXT NOT NULL,"
  "  platform_id TEXT NOT NULL, reason_code TEXT, reason_text TEXT, buyer_text TEXT,"
  "  return_address_id TEXT, shipping_fen INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
  "  platform INTEGER NOT NULL, type INTEGER NOT NULL, status INTEGER NOT NULL,"
  "  order_state INTEGER NOT NULL, cod INTEGER NOT NULL, opened_at INTEGER NOT NULL,"
  "  status_since INTEGER NOT NULL, amount_fen INTEGER NOT NULL, paid_fen INTEGER NOT NULL,"
  "  good_status INTEGER NOT NULL, nego_phase INTEGER NOT NULL, nego_sent_at INTEGER NOT NULL,"
  "  return_shipped INTEGER NOT NULL, last_logistics_at INTEGER NOT NULL,"
  "  status_before INTEGER NOT NULL, version INTEGER NOT NULL, exchange_shipped INTEGER NOT NULL,"
  "  nego_proposal INTEGER NOT NULL, nego_amount_fen INTEGER NOT NULL, doc TEXT NOT NULL,"
  "  lapse_at INTEGER, change_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS aftersales_feed ON aftersales (merchant_id, change_seq);"
  "CREATE INDEX IF NOT EXISTS aftersales_lapse ON aftersales (lapse_at) WHERE lapse_at IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS aftersales_line ON aftersales (line_id);"
  "CREATE INDEX IF NOT EXISTS aftersales_status ON aftersales (status);"
  "CREATE INDEX IF NOT EXISTS aftersales_address ON aftersales (return_address_id) WHERE return_address_id IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS addresses (id TEXT PRIMARY KEY, shop_id TEXT NOT NULL,"
  "  merchant_id TEXT NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS addresses_feed ON addresses (merchant_id, change_seq);"
  "CREATE INDEX IF NOT EXISTS addresses_shop ON addresses (shop_id);"
  "CREATE TABLE IF NOT EXISTS evidence (sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL, data BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL,"
  "  body_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL, PRIMARY KEY (merchant_id, key));";

static void
shou_sim_db_finalize (GObject *object)
{
  ShouSimDb *self = SHOU_SIM_DB (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->counters, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);

  G_OBJECT_CLASS (shou_sim_db_parent_class)->finalize (object);
}

static void
shou_sim_db_class_init (ShouSimDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shou_sim_db_finalize;
}

static void
shou_sim_db_init (ShouSimDb *self)
{
  /* Keyed by the literal's address: hashing the SQL text on every call
   * was measurable in bulk generation. */
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) sqlite3_finalize);
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
set_sql_error (ShouSimDb  *self,
               GError    **error)
{
  g_set_error (error, SHOU_SIM_DB_ERROR, SHOU_SIM_DB_ERROR_SQL,
               "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (ShouSimDb   *self,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SHOU_SIM_DB_ERROR, SHOU_SIM_DB_ERROR_SQL, "SQLite: %s", msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* @sql must be a string literal: its address is the cache key. */
static sqlite3_stmt *
stmt (ShouSimDb  *self,
      const char *sql)
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

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static char *
col_dup (sqlite3_stmt *st,
         int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (st, i));
}

static char *
json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static JsonObject *
json_object_from_string (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

ShouSimDb *
shou_sim_db_new (const char  *path,
                 GError     **error)
{
  g_autoptr(ShouSimDb) self = g_object_new (SHOU_TYPE_SIM_DB, NULL);
  sqlite3_stmt *st;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SHOU_SIM_DB_ERROR, SHOU_SIM_DB_ERROR_SQL,
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

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SHOU_SIM_DB_ERROR, SHOU_SIM_DB_ERROR_CORRUPT,
                   "%s has schema version %d, newer than this simulator's %d",
                   path, version, SCHEMA_VERSION);
      return NULL;
    }

  if (!exec (self, "BEGIN", error))
    return NULL;
  if (!exec (self, schema_sql, error) ||
      !exec (self, "INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0);"
                   "PRAGMA user_version = 1;", error))
    {
      exec (self, "ROLLBACK", NULL);
      return NULL;
    }
  if (!exec (self, "COMMIT", error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
shou_sim_db_begin (ShouSimDb  *self,
                   GError    **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
flush_counters (ShouSimDb  *self,
                GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!self->counters_dirty)
    return TRUE;
  g_hash_table_iter_init (&iter, self->counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *st = stmt (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

      bind_text (st, 1, key);
      sqlite3_bind_int64 (st, 2, *(gint64 *) value);
      if (sqlite3_step (st) != SQLITE_DONE)
        return set_sql_error (self, error);
    }
  self->counters_dirty = FALSE;
  return TRUE;
}

gboolean
shou_sim_db_commit (ShouSimDb  *self,
                    GError    **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);
  return flush_counters (self, error) && exec (self, "COMMIT", error);
}

void
shou_sim_db_rollback (ShouSimDb *self)
{
  g_return_if_fail (SHOU_IS_SIM_DB (self));
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

void
shou_sim_db_set_bulk (ShouSimDb *self,
                      gboolean   bulk)
{
  g_return_if_fail (SHOU_IS_SIM_DB (self));
  /* Bulk generation touches every index page; keep them in memory. */
  exec (self, bulk ? "PRAGMA cache_size=-262144" : "PRAGMA cache_size=-32768", NULL);
}

gboolean
shou_sim_db_is_empty (ShouSimDb *self)
{
  sqlite3_stmt *st = stmt (self, "SELECT COUNT(*) FROM merchants");
  gboolean empty = TRUE;

  if (sqlite3_step (st) == SQLITE_ROW)
    empty = sqlite3_column_int64 (st, 0) == 0;
  sqlite3_reset (st);
  return empty;
}

/* Counters live in memory and reach the meta table with the next commit; a
 * rolled-back transaction leaves a harmless gap. */
static gint64
bump_meta (ShouSimDb  *self,
           const char *key)
{
  gint64 *value = g_hash_table_lookup (self->counters, key);

  if (value == NULL)
    {
      sqlite3_stmt *st = stmt (self, "SELECT value FROM meta WHERE key = ?1");

      value = g_new0 (gint64, 1);
      bind_text (st, 1, key);
      if (sqlite3_step (st) == SQLITE_ROW)
        *value = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
      g_hash_table_insert (self->counters, g_strdup (key), value);
    }
  self->counters_dirty = TRUE;
  return ++*value;
}

gint64
shou_sim_db_next_seq (ShouSimDb *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_DB (self), 0);
  return bump_meta (self, "seq");
}

gint64
shou_sim_db_next_id (ShouSimDb  *self,
                     const char *kind)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), 0);

  key = g_strconcat ("id:", kind, NULL);
  return bump_meta (self, key);
}

char *
shou_sim_db_checksum (ShouSimDb *self)
{
  static const char *const queries[] = {
    "SELECT * FROM meta ORDER BY key",
    "SELECT * FROM merchants ORDER BY id",
    "SELECT * FROM shops ORDER BY id",
    "SELECT * FROM orders ORDER BY id",
    "SELECT * FROM aftersales ORDER BY id",
    "SELECT * FROM addresses ORDER BY id",
    "SELECT sha256, content_type, size FROM evidence ORDER BY sha256",
    "SELECT * FROM idempotency ORDER BY merchant_id, key",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *st;

      if (sqlite3_prepare_v2 (self->db, queries[q], -1, &st, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          int n = sqlite3_column_count (st);

          for (int i = 0; i < n; i++)
            {
              const guchar *text = sqlite3_column_text (st, i);

              g_checksum_update (sum, text ? text : (const guchar *) "\\N", -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
      sqlite3_finalize (st);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Merchants and shops */

gboolean
shou_sim_db_add_merchant (ShouSimDb   *self,
                          const char  *merchant_id,
                          const char  *name,
                          const char  *token,
                          GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);

  st = stmt (self, "INSERT INTO merchants (id, name, token, ord) VALUES "
                   "(?1, ?2, ?3, (SELECT COUNT(*) FROM merchants))");
  bind_text (st, 1, merchant_id);
  bind_text (st, 2, name);
  bind_text (st, 3, token);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

char *
shou_sim_db_lookup_token (ShouSimDb  *self,
                          const char *token)
{
  sqlite3_stmt *st;
  char *merchant = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  /* Every merchant's token is compared, in constant time, and the loop never
   * stops early: the answer's timing says nothing about the token. */
  st = stmt (self, "SELECT id, token FROM merchants");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *candidate = (const char *) sqlite3_column_text (st, 1);

      if (shou_sim_token_equal (token, candidate) && merchant == NULL)
        merchant = col_dup (st, 0);
    }
  sqlite3_reset (st);
  return merchant;
}

gboolean
shou_sim_token_equal (const char *a,
                      const char *b)
{
  g_autoptr(GChecksum) sum_a = NULL;
  g_autoptr(GChecksum) sum_b = NULL;
  guint8 digest_a[32], digest_b[32];
  gsize len_a = sizeof digest_a, len_b = sizeof digest_b;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  /* Hashing first hides the length and where the first difference is. */
  sum_a = g_checksum_new (G_CHECKSUM_SHA256);
  sum_b = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum_a, (const guchar *) a, strlen (a));
  g_checksum_update (sum_b, (const guchar *) b, strlen (b));
  g_checksum_get_digest (sum_a, digest_a, &len_a);
  g_checksum_get_digest (sum_b, digest_b, &len_b);
  for (gsize i = 0; i < sizeof digest_a; i++)
    diff |= digest_a[i] ^ digest_b[i];
  return diff == 0;
}

char *
shou_sim_db_get_token (ShouSimDb  *self,
                       const char *merchant_id)
{
  sqlite3_stmt *st;
  char *token = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT token FROM merchants WHERE id = ?1");
  bind_text (st, 1, merchant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    token = col_dup (st, 0);
  sqlite3_reset (st);
  return token;
}

char *
shou_sim_db_get_merchant_name (ShouSimDb  *self,
                               const char *merchant_id)
{
  sqlite3_stmt *st;
  char *name = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT name FROM merchants WHERE id = ?1");
  bind_text (st, 1, merchant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    name = col_dup (st, 0);
  sqlite3_reset (st);
  return name;
}

GStrv
shou_sim_db_list_tokens (ShouSimDb *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT id, token FROM merchants ORDER BY ord");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", sqlite3_column_text (st, 0),
                                               sqlite3_column_text (st, 1));

      g_strv_builder_add (builder, line);
    }
  sqlite3_reset (st);
  return g_strv_builder_end (builder);
}

gboolean
shou_sim_db_add_shop (ShouSimDb     *self,
                      const char    *shop_id,
                      const char    *merchant_id,
                      ShouPlatform   platform,
                      const char    *name,
                      GError       **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);

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

char *
shou_sim_db_get_shop (ShouSimDb    *self,
                      const char   *shop_id,
                      ShouPlatform *out_platform)
{
  sqlite3_stmt *st;
  char *merchant = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

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

JsonArray *
shou_sim_db_list_shops (ShouSimDb  *self,
                        const char *merchant_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), array);

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

GPtrArray *
shou_sim_db_list_shop_ids (ShouSimDb *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = stmt (self, "SELECT id FROM shops ORDER BY ord");

  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (st, 0));
  sqlite3_reset (st);
  return ids;
}

/* Orders */

gboolean
shou_sim_db_put_order (ShouSimDb   *self,
                       const char  *order_id,
                       const char  *shop_id,
                       const char  *merchant_id,
                       JsonObject  *data,
                       gint64       version,
                       gint64       updated_at,
                       GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *st;
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);

  text = json_object_to_string (data);
  seq = shou_sim_db_next_seq (self);
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

JsonObject *
shou_sim_db_get_order (ShouSimDb   *self,
                       const char  *order_id,
                       char       **out_merchant_id)
{
  JsonObject *order = NULL;
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT data, version, updated_at, merchant_id FROM orders WHERE id = ?1");
  bind_text (st, 1, order_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      order = json_object_from_string ((const char *) sqlite3_column_text (st, 0));
      json_object_set_int_member (order, "version", sqlite3_column_int64 (st, 1));
      json_object_set_int_member (order, "updated_at", sqlite3_column_int64 (st, 2));
      if (out_merchant_id != NULL)
        *out_merchant_id = col_dup (st, 3);
    }
  sqlite3_reset (st);
  return order;
}

char *
shou_sim_db_get_order_text (ShouSimDb  *self,
                            const char *order_id)
{
  char *text = NULL;
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT json_set(data, '$.version', version, '$.updated_at', updated_at) "
                   "FROM orders WHERE id = ?1");
  bind_text (st, 1, order_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    text = col_dup (st, 0);
  sqlite3_reset (st);
  return text;
}

GPtrArray *
shou_sim_db_list_order_ids (ShouSimDb  *self,
                            const char *merchant_id,
                            guint       limit)
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

ShouSimAftersale *
shou_sim_aftersale_new (void)
{
  ShouSimAftersale *as = g_new0 (ShouSimAftersale, 1);

  as->doc = json_object_new ();
  return as;
}

void
shou_sim_aftersale_free (ShouSimAftersale *as)
{
  if (as == NULL)
    return;
  g_free (as->id);
  g_free (as->shop_id);
  g_free (as->merchant_id);
  g_free (as->order_id);
  g_free (as->line_id);
  g_free (as->platform_id);
  g_free (as->reason_code);
  g_free (as->reason_text);
  g_free (as->buyer_text);
  g_free (as->return_address_id);
  g_clear_pointer (&as->doc, json_object_unref);
  g_free (as);
}

gboolean
shou_sim_db_put_aftersale (ShouSimDb         *self,
                           ShouSimAftersale  *as,
                           gint64             lapse_at,
                           GError           **error)
{
  g_autofree char *doc = NULL;
  const ShouRequestState *s = &as->state;
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), FALSE);

  doc = json_object_to_string (as->doc);
  as->change_seq = shou_sim_db_next_seq (self);
  st = stmt (self, "INSERT OR REPLACE INTO aftersales (id, shop_id, merchant_id, order_id, line_id,"
                   " platform_id, reason_code, reason_text, buyer_text, return_address_id,"
                   " shipping_fen, updated_at, platform, type, status, order_state, cod, opened_at,"
                   " status_since, amount_fen, paid_fen, good_status, nego_phase, nego_sent_at,"
                   " return_shipped, last_logistics_at, status_before, version, doc, lapse_at,"
                   " change_seq, exchange_shipped, nego_proposal, nego_amount_fen) VALUES (?1, ?2,"
                   " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                   " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)");
  bind_text (st, 1, as->id);
  bind_text (st, 2, as->shop_id);
  bind_text (st, 3, as->merchant_id);
  bind_text (st, 4, as->order_id);
  bind_text (st, 5, as->line_id);
  bind_text (st, 6, as->platform_id);
  bind_text (st, 7, as->reason_code);
  bind_text (st, 8, as->reason_text);
  bind_text (st, 9, as->buyer_text);
  bind_text (st, 10, as->return_address_id);
  sqlite3_bind_int64 (st, 11, as->shipping_fen);
  sqlite3_bind_int64 (st, 12, as->updated_at);
  sqlite3_bind_int (st, 13, s->platform);
  sqlite3_bind_int (st, 14, s->type);
  sqlite3_bind_int (st, 15, s->status);
  sqlite3_bind_int (st, 16, s->order_state);
  sqlite3_bind_int (st, 17, s->cod);
  sqlite3_bind_int64 (st, 18, s->opened_at);
  sqlite3_bind_int64 (st, 19, s->status_since);
  sqlite3_bind_int64 (st, 20, s->amount_fen);
  sqlite3_bind_int64 (st, 21, s->paid_fen);
  sqlite3_bind_int (st, 22, s->good_status);
  sqlite3_bind_int (st, 23, s->nego_phase);
  sqlite3_bind_int64 (st, 24, s->nego_sent_at);
  sqlite3_bind_int (st, 25, s->return_shipped);
  sqlite3_bind_int64 (st, 26, s->last_logistics_at);
  sqlite3_bind_int (st, 27, s->status_before_intervention);
  sqlite3_bind_int64 (st, 28, s->version);
  bind_text (st, 29, doc);
  if (lapse_at > 0)
    sqlite3_bind_int64 (st, 30, lapse_at);
  else
    sqlite3_bind_null (st, 30);
  sqlite3_bind_int64 (st, 31, as->change_seq);
  sqlite3_bind_int (st, 32, s->exchange_shipped);
  sqlite3_bind_int (st, 33, s->nego_proposal);
  sqlite3_bind_int64 (st, 34, s->nego_amount_fen);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

ShouSimAftersale *
shou_sim_db_get_aftersale (ShouSimDb  *self,
                           const char *aftersale_id)
{
  ShouSimAftersale *as = NULL;
  sqlite3_stmt *st;

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);

  st = stmt (self, "SELECT id, shop_id, merchant_id, order_id, line_id, platform_id, reason_code,"
                   " reason_text, buyer_text, return_address_id, shipping_fen, updated_at, platform,"
                   " type, status, order_state, cod, opened_at, status_since, amount_fen, paid_fen,"
                   " good_status, nego_phase, nego_sent_at, return_shipped, last_logistics_at,"
                   " status_before, version, doc, change_seq, exchange_shipped, nego_proposal,"
                   " nego_amount_fen FROM aftersales WHERE id = ?1");
  bind_text (st, 1, aftersale_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      ShouRequestState *s;

      as = g_new0 (ShouSimAftersale, 1);
      s = &as->state;
      as->id = col_dup (st, 0);
      as->shop_id = col_dup (st, 1);
      as->merchant_id = col_dup (st, 2);
      as->order_id = col_dup (st, 3);
      as->line_id = col_dup (st, 4);
      as->platform_id = col_dup (st, 5);
      as->reason_code = col_dup (st, 6);
      as->reason_text = col_dup (st, 7);
      as->buyer_text = col_dup (st, 8);
      as->return_address_id = col_dup (st, 9);
      as->shipping_fen = sqlite3_column_int64 (st, 10);
      as->updated_at = sqlite3_column_int64 (st, 11);
      s->platform = sqlite3_column_int (st, 12);
      s->type = sqlite3_column_int (st, 13);
      s->status = sqlite3_column_int (st, 14);
      s->order_state = sqlite3_column_int (st, 15);
      s->cod = sqlite3_column_int (st, 16);
      s->opened_at = sqlite3_column_int64 (st, 17);
      s->status_since = sqlite3_column_int64 (st, 18);
      s->amount_fen = sqlite3_column_int64 (st, 19);
      s->paid_fen = sqlite3_column_int64 (st, 20);
      s->good_status = sqlite3_column_int (st, 21);
      s->nego_phase = sqlite3_column_int (st, 22);
      s->nego_sent_at = sqlite3_column_int64 (st, 23);
      s->return_shipped = sqlite3_column_int (st, 24);
      s->last_logistics_at = sqlite3_column_int64 (st, 25);
      s->status_before_intervention = sqlite3_column_int (st, 26);
      s->version = sqlite3_column_int64 (st, 27);
      as->doc = json_object_from_string ((const char *) sqlite3_column_text (st, 28));
      as->change_seq = sqlite3_column_int64 (st, 29);
      s->exchange_shipped = sqlite3_column_int (st, 30);
      s->nego_proposal = sqlite3_column_int (st, 31);
      s->nego_amount_fen = sqlite3_column_int64 (st, 32);
    }
  sqlite3_reset (st);
  return as;
}

char *
shou_sim_db_find_line_request (ShouSimDb  *self,
                               const char *line_id)
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

GPtrArray *
shou_sim_db_list_due (ShouSimDb *self,
                      gint64     cutoff,
                      guint      limit)
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

GPtrArray *
shou_sim_db_sample_aftersales (ShouSimDb *self,
                               int        status,
                               guint      limit)
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

gboolean
shou_sim_db_address_in_use (ShouSimDb  *self,
                            const char *address_id)
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

gboolean
shou_sim_db_put_address (ShouSimDb   *self,
                         const char  *address_id,
                         const char  *shop_id,
                         const char  *merchant_id,
                         JsonObject  *data,
                         gint64       version,
                         gboolean     deleted,
                         GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *st;

  text = json_object_to_string (data);
  st = stmt (self, "INSERT OR REPLACE INTO addresses (id, shop_id, merchant_id, data, version,"
                   " deleted, change_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  bind_text (st, 1, address_id);
  bind_text (st, 2, shop_id);
  bind_text (st, 3, merchant_id);
  bind_text (st, 4, text);
  sqlite3_bind_int64 (st, 5, version);
  sqlite3_bind_int (st, 6, deleted);
  sqlite3_bind_int64 (st, 7, shou_sim_db_next_seq (self));
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static JsonObject *
address_from_row (sqlite3_stmt *st)
{
  JsonObject *address = json_object_from_string ((const char *) sqlite3_column_text (st, 2));

  json_object_set_string_member (address, "id", (const char *) sqlite3_column_text (st, 0));
  json_object_set_string_member (address, "shop_id", (const char *) sqlite3_column_text (st, 1));
  json_object_set_int_member (address, "version", sqlite3_column_int64 (st, 3));
  json_object_set_boolean_member (address, "deleted", sqlite3_column_int (st, 4));
  if (!json_object_has_member (address, "is_default"))
    json_object_set_boolean_member (address, "is_default", FALSE);
  return address;
}

JsonObject *
shou_sim_db_get_address (ShouSimDb  *self,
                         const char *address_id)
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

JsonArray *
shou_sim_db_list_addresses (ShouSimDb  *self,
                            const char *shop_id)
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

gboolean
shou_sim_db_clear_default (ShouSimDb   *self,
                           const char  *shop_id,
                           const char  *except_id,
                           GError     **error)
{
  g_autoptr(JsonArray) list = shou_sim_db_list_addresses (self, shop_id);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      const char *id = json_object_get_string_member (a, "id");
      g_autofree char *merchant = NULL;

      if (g_strcmp0 (id, except_id) == 0 ||
          !json_object_get_boolean_member_with_default (a, "is_default", FALSE))
        continue;
      merchant = shou_sim_db_get_shop (self, shop_id, NULL);
      json_object_set_boolean_member (a, "is_default", FALSE);
      if (!shou_sim_db_put_address (self, id, shop_id, merchant, a,
                                    json_object_get_int_member (a, "version") + 1,
                                    FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* Evidence */

gboolean
shou_sim_db_put_evidence (ShouSimDb   *self,
                          const char  *sha256,
                          const char  *content_type,
                          GBytes      *bytes,
                          GError     **error)
{
  sqlite3_stmt *st;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  st = stmt (self, "INSERT OR IGNORE INTO evidence (sha256, content_type, size, data) "
                   "VALUES (?1, ?2, ?3, ?4)");
  bind_text (st, 1, sha256);
  bind_text (st, 2, content_type);
  sqlite3_bind_int64 (st, 3, size);
  sqlite3_bind_blob64 (st, 4, data ? data : "", size, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

GBytes *
shou_sim_db_get_evidence (ShouSimDb   *self,
                          const char  *sha256,
                          char       **out_content_type)
{
  GBytes *bytes = NULL;
  sqlite3_stmt *st;

  st = stmt (self, "SELECT content_type, data FROM evidence WHERE sha256 = ?1");
  bind_text (st, 1, sha256);
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

gboolean
shou_sim_db_get_idempotent (ShouSimDb   *self,
                            const char  *merchant_id,
                            const char  *key,
                            char       **out_body_hash,
                            guint       *out_status,
                            char       **out_response)
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

gboolean
shou_sim_db_put_idempotent (ShouSimDb   *self,
                            const char  *merchant_id,
                            const char  *key,
                            const char  *body_hash,
                            guint        status,
                            const char  *response,
                            gint64       now,
                            GError     **error)
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

void
shou_sim_change_free (ShouSimChange *change)
{
  g_free (change->id);
  g_free (change);
}

static void
collect_changes (sqlite3_stmt      *st,
                 ShouSimChangeKind  kind,
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
      ShouSimChange *change = g_new0 (ShouSimChange, 1);

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
  const ShouSimChange *ca = *(ShouSimChange * const *) a;
  const ShouSimChange *cb = *(ShouSimChange * const *) b;

  return (ca->seq > cb->seq) - (ca->seq < cb->seq);
}

GPtrArray *
shou_sim_db_list_changes (ShouSimDb  *self,
                          const char *merchant_id,
                          gint64      after,
                          guint       limit)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_sim_change_free);

  g_return_val_if_fail (SHOU_IS_SIM_DB (self), all);

  /* Each table's page is ordered; merging the three and keeping the first
   * @limit gives the global order. Reads see one snapshot: the simulator
   * handles one request at a time on its main loop. */
  collect_changes (stmt (self, "SELECT id, change_seq FROM orders WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_SIM_CHANGE_ORDER, merchant_id, after, limit, all);
  collect_changes (stmt (self, "SELECT id, change_seq FROM aftersales WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_SIM_CHANGE_AFTERSALE, merchant_id, after, limit, all);
  collect_changes (stmt (self, "SELECT id, change_seq FROM addresses WHERE merchant_id = ?1 "
                               "AND change_seq > ?2 ORDER BY change_seq LIMIT ?3"),
                   SHOU_SIM_CHANGE_ADDRESS, merchant_id, after, limit, all);
  g_ptr_array_sort (all, compare_changes);
  if (all->len > limit)
    g_ptr_array_remove_range (all, limit, all->len - limit);
  return all;
}

gpointer
shou_sim_db_get_handle (ShouSimDb *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_DB (self), NULL);
  return self->db;
}
