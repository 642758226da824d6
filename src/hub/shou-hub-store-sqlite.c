#include "config.h"

#include <sqlite3.h>

#include "hub/shou-hub-store.h"

#define SHOU_TYPE_HUB_STORE_SQLITE (shou_hub_store_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (ShouHubStoreSqlite, shou_hub_store_sqlite, SHOU, HUB_STORE_SQLITE, ShouHubStore)

struct _ShouHubStoreSqlite
{
  ShouHubStore parent_instance;
  sqlite3    *db;
  GHashTable *stmts;    /* SQL text -> sqlite3_stmt */
  GHashTable *counters; /* meta key -> gint64*, flushed by commit */
  gboolean    counters_dirty;
};

G_DEFINE_FINAL_TYPE (ShouHubStoreSqlite, shou_hub_store_sqlite, SHOU_TYPE_HUB_STORE)

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
shou_hub_store_sqlite_finalize (GObject *object)
{
  ShouHubStoreSqlite *self = SHOU_HUB_STORE_SQLITE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
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
}

static gboolean
set_sql_error (ShouHubStoreSqlite *self,
               GError    **error)
{
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
               "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (ShouHubStoreSqlite *self,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL, "SQLite: %s", msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* @sql must be a string literal: its address is the cache key. */
static sqlite3_stmt *
stmt (ShouHubStoreSqlite *self,
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

ShouHubStore *
shou_hub_store_sqlite_new (const char  *path,
                           GError     **error)
{
  g_autoptr(ShouHubStoreSqlite) self = g_object_new (SHOU_TYPE_HUB_STORE_SQLITE, NULL);
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

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_CORRUPT,
                   "%s has schema version %d, newer than this hub's %d",
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

  return SHOU_HUB_STORE (g_steal_pointer (&self));
}

static gboolean
sqlite_begin (ShouHubStoreSqlite *self,
                   GError    **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
flush_counters (ShouHubStoreSqlite *self,
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

static gboolean
sqlite_commit (ShouHubStoreSqlite *self,
                    GError    **error)
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
                      gboolean   bulk)
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

/* Counters live in memory and reach the meta table with the next commit; a
 * rolled-back transaction leaves a harmless gap. */
static gint64
bump_meta (ShouHubStoreSqlite *self,
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

static gint64
sqlite_next_seq (ShouHubStoreSqlite *self)
{
  return bump_meta (self, "seq");
}

static gint64
sqlite_next_id (ShouHubStoreSqlite *self,
                     const char *kind)
{
  g_autofree char *key = NULL;

  key = g_strconcat ("id:", kind, NULL);
  return bump_meta (self, key);
}

static char *
sqlite_checksum (ShouHubStoreSqlite *self)
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

static gboolean
sqlite_add_merchant (ShouHubStoreSqlite *self,
                          const char  *merchant_id,
                          const char  *name,
                          const char  *token,
                          GError     **error)
{
  sqlite3_stmt *st;

  st = stmt (self, "INSERT INTO merchants (id, name, token, ord) VALUES "
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
                          const char *token)
{
  sqlite3_stmt *st;
  char *merchant = NULL;

  /* Every merchant's token is compared, in constant time, and the loop never
   * stops early: the answer's timing says nothing about the token. */
  st = stmt (self, "SELECT id, token FROM merchants");
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
                       const char *merchant_id)
{
  sqlite3_stmt *st;
  char *token = NULL;

  st = stmt (self, "SELECT token FROM merchants WHERE id = ?1");
  bind_text (st, 1, merchant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    token = col_dup (st, 0);
  sqlite3_reset (st);
  return token;
}

static char *
sqlite_get_merchant_name (ShouHubStoreSqlite *self,
                               const char *merchant_id)
{
  sqlite3_stmt *st;
  char *name = NULL;

  st = stmt (self, "SELECT name FROM merchants WHERE id = ?1");
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

static gboolean
sqlite_add_shop (ShouHubStoreSqlite *self,
                      const char    *shop_id,
                      const char    *merchant_id,
                      ShouPlatform   platform,
                      const char    *name,
                      GError       **error)
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
                      const char   *shop_id,
                      ShouPlatform *out_platform)
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
                        const char *merchant_id)
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
sqlite_put_order (ShouHubStoreSqlite *self,
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

  text = json_object_to_string (data);
  seq = sqlite_next_seq (self);
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
sqlite_get_order (ShouHubStoreSqlite *self,
                       const char  *order_id,
                       char       **out_merchant_id)
{
  JsonObject *order = NULL;
  sqlite3_stmt *st;

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

static char *
sqlite_get_order_text (ShouHubStoreSqlite *self,
                            const char *order_id)
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

static gboolean
sqlite_put_aftersale (ShouHubStoreSqlite *self,
                           ShouHubAftersale  *as,
                           gint64             lapse_at,
                           GError           **error)
{
  g_autofree char *doc = NULL;
  const ShouRequestState *s = &as->state;
  sqlite3_stmt *st;

  doc = json_object_to_string (as->doc);
  as->change_seq = sqlite_next_seq (self);
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

static ShouHubAftersale *
sqlite_get_aftersale (ShouHubStoreSqlite *self,
                           const char *aftersale_id)
{
  ShouHubAftersale *as = NULL;
  sqlite3_stmt *st;

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

      as = g_new0 (ShouHubAftersale, 1);
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

static char *
sqlite_find_line_request (ShouHubStoreSqlite *self,
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

static GPtrArray *
sqlite_list_due (ShouHubStoreSqlite *self,
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

static GPtrArray *
sqlite_sample_aftersales (ShouHubStoreSqlite *self,
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

static gboolean
sqlite_address_in_use (ShouHubStoreSqlite *self,
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

static gboolean
sqlite_put_address (ShouHubStoreSqlite *self,
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
  sqlite3_bind_int64 (st, 7, sqlite_next_seq (self));
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

static JsonObject *
sqlite_get_address (ShouHubStoreSqlite *self,
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

static JsonArray *
sqlite_list_addresses (ShouHubStoreSqlite *self,
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

/* Evidence */

static gboolean
sqlite_put_evidence (ShouHubStoreSqlite *self,
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

static GBytes *
sqlite_get_evidence (ShouHubStoreSqlite *self,
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

static gboolean
sqlite_get_idempotent (ShouHubStoreSqlite *self,
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

static gboolean
sqlite_put_idempotent (ShouHubStoreSqlite *self,
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
                          const char *merchant_id,
                          gint64      after,
                          guint       limit)
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
}
