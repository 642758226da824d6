/* shou-hub-store-pg.c: the PostgreSQL engine (libpq). Several hub
 * processes may share one database: everything they agree on comes from
 * its transactions, row locks and sequences, nothing from process memory.
 *
 * - A write transaction reads the request it changes with FOR UPDATE.
 * - Feed positions come from the merchant's row in feed_counters, taken
 *   with UPDATE … RETURNING in the writing transaction: the row stays
 *   locked until commit, so a merchant's positions commit in order and a
 *   reader (one statement, one snapshot) never skips one that commits late.
 * - An action's idempotency key is held with a transaction-scoped advisory
 *   lock from its lookup to its commit.
 * - Ids come from sequences (gaps after a rollback are harmless). */
#include "config.h"


#include "shou-hub-staff.h"
#include "shou-hub-pg-team.h"
#include "shou-hub-row.h"
#include "shou-hub-schema.h"

#define SHOU_TYPE_HUB_STORE_PG (shou_hub_store_pg_get_type ())
G_DECLARE_FINAL_TYPE (ShouHubStorePg, shou_hub_store_pg, SHOU, HUB_STORE_PG, ShouHubStore)

struct _ShouHubStorePg
{
  ShouHubStore parent_instance;
  PGconn      *conn;
  gboolean     in_transaction;
};

G_DEFINE_FINAL_TYPE (ShouHubStorePg, shou_hub_store_pg, SHOU_TYPE_HUB_STORE)

/* Serialises migrations between hub processes starting together. */
#define MIGRATION_LOCK "7301520526"

static char *put_aftersale_sql;

static void
shou_hub_store_pg_finalize (GObject *object)
{
  ShouHubStorePg *self = SHOU_HUB_STORE_PG (object);

  g_clear_pointer (&self->conn, PQfinish);
  G_OBJECT_CLASS (shou_hub_store_pg_parent_class)->finalize (object);
}

static void
shou_hub_store_pg_init (ShouHubStorePg *self)
{
}

#define query(self, sql, n, params, error) \
  shou_hub_pg_query ((self)->conn, !(self)->in_transaction, sql, n, params, error)
#define read_query(self, sql, n, params) shou_hub_pg_read ((self)->conn, sql, n, params)
#define command(self, sql, n, params, error) \
  shou_hub_pg_command ((self)->conn, !(self)->in_transaction, sql, n, params, error)
#define value_dup shou_hub_pg_value_dup
#define value_int shou_hub_pg_value_int
#define list_ids(self, sql, n, params) shou_hub_pg_list_ids ((self)->conn, sql, n, params)
#define get_text(self, sql, n, params) shou_hub_pg_get_text ((self)->conn, sql, n, params)
#define set_error(self, res, error) shou_hub_pg_set_error ((self)->conn, res, error)

#define I64(buf, v) (g_snprintf ((buf), sizeof (buf), "%" G_GINT64_FORMAT, (gint64) (v)), (buf))

static gboolean
migrate (ShouHubStorePg  *self,
         GError         **error)
{
  const ShouHubMigration *migrations;
  guint n_migrations;
  g_autofree char *version_text = NULL;
  g_autofree char *set_version = NULL;
  gint64 version = 0;
  gboolean ok = FALSE;

  migrations = shou_hub_schema_get_migrations (&n_migrations);
  if (!command (self, "SELECT pg_advisory_lock (" MIGRATION_LOCK ")", 0, NULL, error))
    return FALSE;
  if (!command (self, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", 0, NULL, error))
    goto out;
  version_text = get_text (self, "SELECT version FROM schema_version", 0, NULL);
  version = version_text ? g_ascii_strtoll (version_text, NULL, 10) : 0;
  if (version > n_migrations)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_CORRUPT,
                   "The database has schema version %" G_GINT64_FORMAT ", newer than this hub's %u",
                   version, n_migrations);
      goto out;
    }
  if (version == n_migrations)
    {
      ok = TRUE;
      goto out;
    }
  if (!command (self, "BEGIN", 0, NULL, error))
    goto out;
  for (guint i = version; i < n_migrations; i++)
    {
      PGresult *res = PQexec (self->conn, migrations[i].postgresql);

      if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          set_error (self, res, error);
          PQclear (res);
          command (self, "ROLLBACK", 0, NULL, NULL);
          goto out;
        }
      PQclear (res);
    }
  set_version = g_strdup_printf ("DELETE FROM schema_version; INSERT INTO schema_version VALUES (%u)",
                                 n_migrations);
  {
    PGresult *res = PQexec (self->conn, set_version);

    ok = PQresultStatus (res) == PGRES_COMMAND_OK;
    if (!ok)
      set_error (self, res, error);
    PQclear (res);
  }
  if (ok)
    ok = command (self, "COMMIT", 0, NULL, error);
  else
    command (self, "ROLLBACK", 0, NULL, NULL);

out:
  command (self, "SELECT pg_advisory_unlock (" MIGRATION_LOCK ")", 0, NULL, NULL);
  return ok;
}

ShouHubStore *
shou_hub_store_pg_new (const char  *url,
                       GError     **error)
{
  g_autoptr(ShouHubStorePg) self = g_object_new (SHOU_TYPE_HUB_STORE_PG, NULL);

  self->conn = PQconnectdb (url);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL,
                   "Cannot connect to PostgreSQL: %s", PQerrorMessage (self->conn));
      return NULL;
    }
  if (!command (self, "SET client_min_messages = warning", 0, NULL, error) ||
      !migrate (self, error))
    return NULL;
  /* The team's operations (shou-hub-pg-team.c) use the connection. */
  g_object_set_data (G_OBJECT (self), "shou-hub-pg", self->conn);
  return SHOU_HUB_STORE (g_steal_pointer (&self));
}

/* Transactions */

static gboolean
pg_begin (ShouHubStorePg  *self,
          GError         **error)
{
  if (!command (self, "BEGIN", 0, NULL, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
pg_commit (ShouHubStorePg  *self,
           GError         **error)
{
  gboolean ok = command (self, "COMMIT", 0, NULL, error);

  /* A failed COMMIT ends the transaction too. */
  self->in_transaction = FALSE;
  return ok;
}

static void
pg_rollback (ShouHubStorePg *self)
{
  if (self->in_transaction || PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    command (self, "ROLLBACK", 0, NULL, NULL);
  self->in_transaction = FALSE;
}

static void
pg_set_bulk (ShouHubStorePg *self,
             gboolean        bulk)
{
  /* Bulk generation waits for no flush to disk per commit. */
  command (self, bulk ? "SET synchronous_commit = off" : "SET synchronous_commit = on", 0, NULL, NULL);
}

static gboolean
pg_lock_key (ShouHubStorePg  *self,
             const char      *merchant_id,
             const char      *key,
             GError         **error)
{
  g_autofree char *both = g_strconcat (merchant_id, "\x1f", key, NULL);
  const char *params[] = { both };

  return command (self, "SELECT pg_advisory_xact_lock (hashtextextended ($1, 0))", 1, params, error);
}

static gboolean
pg_is_empty (ShouHubStorePg *self)
{
  g_autofree char *any = get_text (self, "SELECT 1 FROM merchants LIMIT 1", 0, NULL);

  return any == NULL;
}

static gint64
pg_next_id (ShouHubStorePg *self,
            const char     *kind)
{
  g_autofree char *sequence = g_strconcat ("id_", kind, NULL);
  const char *params[] = { sequence };
  g_autofree char *value = get_text (self, "SELECT nextval ($1::regclass)", 1, params);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* The merchant's next feed position; locks the merchant's counter until
 * the transaction ends. */
static gint64
next_seq (ShouHubStorePg  *self,
          const char      *merchant_id,
          GError         **error)
{
  const char *params[] = { merchant_id };
  PGresult *res = query (self, "INSERT INTO feed_counters (merchant_id, seq) VALUES ($1, 1) "
                               "ON CONFLICT (merchant_id) DO UPDATE SET seq = feed_counters.seq + 1 "
                               "RETURNING seq", 1, params, error);
  gint64 seq = 0;

  if (res != NULL && PQntuples (res) == 1)
    seq = value_int (res, 0, 0);
  PQclear (res);
  return seq;
}

static char *
pg_checksum (ShouHubStorePg *self)
{
  static const char *const queries[] = {
    "SELECT t::text FROM merchants t ORDER BY merchant_id",
    "SELECT t::text FROM feed_counters t ORDER BY merchant_id",
    "SELECT t::text FROM shops t ORDER BY merchant_id, id",
    "SELECT t::text FROM orders t ORDER BY merchant_id, id",
    "SELECT t::text FROM aftersales t ORDER BY merchant_id, id",
    "SELECT t::text FROM addresses t ORDER BY merchant_id, id",
    "SELECT merchant_id, sha256, content_type, size FROM evidence ORDER BY merchant_id, sha256",
    "SELECT t::text FROM idempotency t ORDER BY merchant_id, key",
    "SELECT t::text FROM staff t ORDER BY merchant_id, staff_id",
    "SELECT t::text FROM claims t ORDER BY merchant_id, aftersale_id",
    "SELECT t::text FROM audit t ORDER BY merchant_id, seq",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      PGresult *res = read_query (self, queries[q], 0, NULL);

      for (int r = 0; res != NULL && r < PQntuples (res); r++)
        {
          for (int c = 0; c < PQnfields (res); c++)
            {
              g_checksum_update (sum, (const guchar *) PQgetvalue (res, r, c), -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
      PQclear (res);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Merchants and shops */

static gboolean
pg_add_merchant (ShouHubStorePg  *self,
                 const char      *merchant_id,
                 const char      *name,
                 const char      *token,
                 GError         **error)
{
  const char *params[] = { merchant_id, name, token };

  return command (self, "INSERT INTO merchants (merchant_id, name, token) VALUES ($1, $2, $3)",
                  3, params, error);
}

static char *
pg_lookup_token (ShouHubStorePg *self,
                 const char     *token)
{
  PGresult *res = read_query (self, "SELECT merchant_id, token FROM merchants", 0, NULL);
  char *merchant = NULL;

  /* Every token is compared, in constant time, to the end. */
  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    if (shou_hub_token_equal (token, PQgetvalue (res, i, 1)) && merchant == NULL)
      merchant = value_dup (res, i, 0);
  PQclear (res);
  return merchant;
}

static char *
pg_get_token (ShouHubStorePg *self,
              const char     *merchant_id)
{
  const char *params[] = { merchant_id };

  return get_text (self, "SELECT token FROM merchants WHERE merchant_id = $1", 1, params);
}

static char *
pg_get_merchant_name (ShouHubStorePg *self,
                      const char     *merchant_id)
{
  const char *params[] = { merchant_id };

  return get_text (self, "SELECT name FROM merchants WHERE merchant_id = $1", 1, params);
}

static GStrv
pg_list_tokens (ShouHubStorePg *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PGresult *res = read_query (self, "SELECT merchant_id || ' ' || token FROM merchants ORDER BY ord", 0, NULL);

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    g_strv_builder_add (builder, PQgetvalue (res, i, 0));
  PQclear (res);
  return g_strv_builder_end (builder);
}

static gboolean
pg_add_shop (ShouHubStorePg  *self,
             const char      *shop_id,
             const char      *merchant_id,
             ShouPlatform     platform,
             const char      *name,
             GError         **error)
{
  const char *params[] = { merchant_id, shop_id, shou_platform_to_string (platform), name };

  return command (self, "INSERT INTO shops (merchant_id, id, platform, name) VALUES ($1, $2, $3, $4)",
                  4, params, error);
}

static char *
pg_get_shop (ShouHubStorePg *self,
             const char     *shop_id,
             ShouPlatform   *out_platform)
{
  const char *params[] = { shop_id };
  PGresult *res = read_query (self, "SELECT merchant_id, platform FROM shops WHERE id = $1", 1, params);
  char *merchant = NULL;

  if (res != NULL && PQntuples (res) > 0)
    {
      merchant = value_dup (res, 0, 0);
      if (out_platform != NULL && !shou_platform_from_string (PQgetvalue (res, 0, 1), out_platform))
        *out_platform = SHOU_PLATFORM_TAOBAO;
    }
  PQclear (res);
  return merchant;
}

static JsonArray *
pg_list_shops (ShouHubStorePg *self,
               const char     *merchant_id)
{
  const char *params[] = { merchant_id };
  JsonArray *array = json_array_new ();
  PGresult *res = read_query (self, "SELECT id, platform, name, merchant_id FROM shops "
                                    "WHERE merchant_id = $1 ORDER BY ord", 1, params);

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    {
      JsonObject *shop = json_object_new ();

      json_object_set_string_member (shop, "id", PQgetvalue (res, i, 0));
      json_object_set_string_member (shop, "platform", PQgetvalue (res, i, 1));
      json_object_set_string_member (shop, "name", PQgetvalue (res, i, 2));
      json_object_set_string_member (shop, "merchant_id", PQgetvalue (res, i, 3));
      json_array_add_object_element (array, shop);
    }
  PQclear (res);
  return array;
}

static GPtrArray *
pg_list_shop_ids (ShouHubStorePg *self)
{
  return list_ids (self, "SELECT id FROM shops ORDER BY ord", 0, NULL);
}

/* Orders */

static gboolean
pg_put_order (ShouHubStorePg  *self,
              const char      *order_id,
              const char      *shop_id,
              const char      *merchant_id,
              JsonObject      *data,
              gint64           version,
              gint64           updated_at,
              GError         **error)
{
  g_autofree char *text = shou_hub_json_to_string (data);
  char v[24], u[24], s[24];
  gint64 seq = next_seq (self, merchant_id, error);
  const char *params[] = { merchant_id, order_id, shop_id, text, I64 (v, version), I64 (u, updated_at),
                           I64 (s, seq) };

  if (seq == 0)
    return FALSE;
  return command (self, "INSERT INTO orders (merchant_id, id, shop_id, data, version, updated_at, change_seq)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_id, id) DO UPDATE SET"
                        " shop_id = EXCLUDED.shop_id, data = EXCLUDED.data, version = EXCLUDED.version,"
                        " updated_at = EXCLUDED.updated_at, change_seq = EXCLUDED.change_seq",
                  7, params, error);
}

static JsonObject *
pg_get_order (ShouHubStorePg  *self,
              const char      *order_id,
              char           **out_merchant_id)
{
  const char *params[] = { order_id };
  PGresult *res = read_query (self, "SELECT data, version, updated_at, merchant_id FROM orders WHERE id = $1",
                              1, params);
  JsonObject *order = NULL;

  if (res != NULL && PQntuples (res) > 0)
    {
      order = shou_hub_json_from_string (PQgetvalue (res, 0, 0));
      json_object_set_int_member (order, "version", value_int (res, 0, 1));
      json_object_set_int_member (order, "updated_at", value_int (res, 0, 2));
      if (out_merchant_id != NULL)
        *out_merchant_id = value_dup (res, 0, 3);
    }
  PQclear (res);
  return order;
}

/* The stored text with version and updated_at added at its end, as the
 * SQLite engine's json_set() does. */
static char *
pg_get_order_text (ShouHubStorePg *self,
                   const char     *order_id)
{
  const char *params[] = { order_id };
  PGresult *res = read_query (self, "SELECT data, version, updated_at FROM orders WHERE id = $1", 1, params);
  char *text = NULL;

  if (res != NULL && PQntuples (res) > 0)
    {
      const char *data = PQgetvalue (res, 0, 0);
      gsize len = strlen (data);

      while (len > 0 && data[len - 1] != '}')
        len--;
      if (len > 1)
        text = g_strdup_printf ("%.*s%s\"version\":%s,\"updated_at\":%s}", (int) (len - 1), data,
                                strchr (data, ':') != NULL ? "," : "",
                                PQgetvalue (res, 0, 1), PQgetvalue (res, 0, 2));
    }
  PQclear (res);
  return text;
}

static GPtrArray *
pg_list_order_ids (ShouHubStorePg *self,
                   const char     *merchant_id,
                   guint           limit)
{
  char l[24];
  const char *params[] = { merchant_id, I64 (l, limit) };

  return list_ids (self, "SELECT id FROM orders WHERE merchant_id = $1 ORDER BY random() LIMIT $2",
                   2, params);
}

/* After-sales */

static gboolean
pg_put_aftersale (ShouHubStorePg    *self,
                  ShouHubAftersale  *as,
                  gint64             lapse_at,
                  GError           **error)
{
  g_autofree char *doc = NULL;
  ShouHubValue values[SHOU_HUB_AFTERSALE_N_VALUES];
  char numbers[SHOU_HUB_AFTERSALE_N_VALUES + 2][24];
  const char *params[SHOU_HUB_AFTERSALE_N_VALUES + 2];
  gint64 seq = next_seq (self, as->merchant_id, error);

  if (seq == 0)
    return FALSE;
  as->change_seq = seq;
  shou_hub_row_from_aftersale (as, values, &doc);
  for (guint i = 0; i < SHOU_HUB_AFTERSALE_N_VALUES; i++)
    params[i] = values[i].is_text ? values[i].text : I64 (numbers[i], values[i].number);
  params[SHOU_HUB_AFTERSALE_N_VALUES] = I64 (numbers[SHOU_HUB_AFTERSALE_N_VALUES], seq);
  params[SHOU_HUB_AFTERSALE_N_VALUES + 1] =
    lapse_at > 0 ? I64 (numbers[SHOU_HUB_AFTERSALE_N_VALUES + 1], lapse_at) : NULL;
  return command (self, put_aftersale_sql, SHOU_HUB_AFTERSALE_N_VALUES + 2, params, error);
}

static const char *
result_text (gpointer row,
             guint    column)
{
  PGresult *res = row;

  return PQgetisnull (res, 0, column) ? NULL : PQgetvalue (res, 0, column);
}

static ShouHubAftersale *
pg_get_aftersale (ShouHubStorePg *self,
                  const char     *aftersale_id)
{
  const char *params[] = { aftersale_id };
  ShouHubAftersale *as = NULL;
  PGresult *res;

  /* In a transaction, the row is the writer's until it commits. */
  if (self->in_transaction)
    res = read_query (self, "SELECT " SHOU_HUB_AFTERSALE_COLUMNS " FROM aftersales WHERE id = $1 FOR UPDATE",
                      1, params);
  else
    res = read_query (self, "SELECT " SHOU_HUB_AFTERSALE_COLUMNS " FROM aftersales WHERE id = $1", 1, params);
  if (res != NULL && PQntuples (res) > 0)
    as = shou_hub_row_to_aftersale (result_text, res);
  PQclear (res);
  return as;
}

static char *
pg_find_line_request (ShouHubStorePg *self,
                      const char     *line_id)
{
  const char *params[] = { line_id };

  return get_text (self, "SELECT id FROM aftersales WHERE line_id = $1 ORDER BY opened_at DESC LIMIT 1",
                   1, params);
}

static GPtrArray *
pg_list_due (ShouHubStorePg *self,
             gint64          cutoff,
             guint           limit)
{
  char c[24], l[24];
  const char *params[] = { I64 (c, cutoff), I64 (l, limit) };

  return list_ids (self, "SELECT id FROM aftersales WHERE lapse_at IS NOT NULL AND lapse_at <= $1 "
                         "ORDER BY lapse_at LIMIT $2", 2, params);
}

static GPtrArray *
pg_sample_aftersales (ShouHubStorePg *self,
                      int             status,
                      guint           limit)
{
  char s[24], l[24];
  const char *params[] = { I64 (s, status), I64 (l, limit) };

  return list_ids (self, "SELECT id FROM aftersales WHERE $1::int < 0 OR status = $1::int "
                         "ORDER BY random() LIMIT $2", 2, params);
}

static gboolean
pg_address_in_use (ShouHubStorePg *self,
                   const char     *address_id)
{
  const char *params[] = { address_id };
  PGresult *res = read_query (self, "SELECT status FROM aftersales WHERE return_address_id = $1", 1, params);
  gboolean used = FALSE;

  for (int i = 0; res != NULL && !used && i < PQntuples (res); i++)
    used = !shou_status_is_finished (value_int (res, i, 0));
  PQclear (res);
  return used;
}

/* Addresses */

static gboolean
pg_put_address (ShouHubStorePg  *self,
                const char      *address_id,
                const char      *shop_id,
                const char      *merchant_id,
                JsonObject      *data,
                gint64           version,
                gboolean         deleted,
                GError         **error)
{
  g_autofree char *text = shou_hub_json_to_string (data);
  char v[24], s[24];
  gint64 seq = next_seq (self, merchant_id, error);
  const char *params[] = { merchant_id, address_id, shop_id, text, I64 (v, version),
                           deleted ? "1" : "0", I64 (s, seq) };

  if (seq == 0)
    return FALSE;
  return command (self, "INSERT INTO addresses (merchant_id, id, shop_id, data, version, deleted, change_seq)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_id, id) DO UPDATE SET"
                        " shop_id = EXCLUDED.shop_id, data = EXCLUDED.data, version = EXCLUDED.version,"
                        " deleted = EXCLUDED.deleted, change_seq = EXCLUDED.change_seq",
                  7, params, error);
}

static JsonObject *
address_from_row (PGresult *res,
                  int       row)
{
  JsonObject *address = shou_hub_json_from_string (PQgetvalue (res, row, 2));

  json_object_set_string_member (address, "id", PQgetvalue (res, row, 0));
  json_object_set_string_member (address, "shop_id", PQgetvalue (res, row, 1));
  json_object_set_int_member (address, "version", value_int (res, row, 3));
  json_object_set_boolean_member (address, "deleted", value_int (res, row, 4) != 0);
  if (!json_object_has_member (address, "is_default"))
    json_object_set_boolean_member (address, "is_default", FALSE);
  return address;
}

static JsonObject *
pg_get_address (ShouHubStorePg *self,
                const char     *address_id)
{
  const char *params[] = { address_id };
  PGresult *res = read_query (self, "SELECT id, shop_id, data, version, deleted FROM addresses WHERE id = $1",
                              1, params);
  JsonObject *address = NULL;

  if (res != NULL && PQntuples (res) > 0)
    address = address_from_row (res, 0);
  PQclear (res);
  return address;
}

static JsonArray *
pg_list_addresses (ShouHubStorePg *self,
                   const char     *shop_id)
{
  const char *params[] = { shop_id };
  JsonArray *array = json_array_new ();
  PGresult *res = read_query (self, "SELECT id, shop_id, data, version, deleted FROM addresses "
                                    "WHERE shop_id = $1 AND deleted = 0 ORDER BY ord", 1, params);

  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    json_array_add_object_element (array, address_from_row (res, i));
  PQclear (res);
  return array;
}

/* Evidence */

static gboolean
pg_put_evidence (ShouHubStorePg  *self,
                 const char      *merchant_id,
                 const char      *sha256,
                 const char      *content_type,
                 GBytes          *bytes,
                 GError         **error)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  char s[24];
  const char *params[] = { merchant_id, sha256, content_type, I64 (s, size), data ? (const char *) data : "" };
  const int lengths[] = { 0, 0, 0, 0, (int) size };
  const int formats[] = { 0, 0, 0, 0, 1 };
  PGresult *res;
  gboolean ok;

  res = PQexecParams (self->conn, "INSERT INTO evidence (merchant_id, sha256, content_type, size, data)"
                                  " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                      5, NULL, params, lengths, formats, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    set_error (self, res, error);
  PQclear (res);
  return ok;
}

static GBytes *
pg_get_evidence (ShouHubStorePg  *self,
                 const char      *merchant_id,
                 const char      *sha256,
                 char           **out_content_type)
{
  const char *params[] = { merchant_id, sha256 };
  PGresult *res = PQexecParams (self->conn, "SELECT content_type, data FROM evidence"
                                            " WHERE merchant_id = $1 AND sha256 = $2",
                                2, NULL, params, NULL, NULL, 1);
  GBytes *bytes = NULL;

  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0)
    {
      if (out_content_type != NULL)
        *out_content_type = g_strndup (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0));
      bytes = g_bytes_new (PQgetvalue (res, 0, 1), PQgetlength (res, 0, 1));
    }
  PQclear (res);
  return bytes;
}

/* Idempotency */

static gboolean
pg_get_idempotent (ShouHubStorePg  *self,
                   const char      *merchant_id,
                   const char      *key,
                   char           **out_body_hash,
                   guint           *out_status,
                   char           **out_response)
{
  const char *params[] = { merchant_id, key };
  PGresult *res = read_query (self, "SELECT body_hash, status, response FROM idempotency "
                                    "WHERE merchant_id = $1 AND key = $2", 2, params);
  gboolean found = FALSE;

  if (res != NULL && PQntuples (res) > 0)
    {
      found = TRUE;
      *out_body_hash = value_dup (res, 0, 0);
      *out_status = value_int (res, 0, 1);
      *out_response = value_dup (res, 0, 2);
    }
  PQclear (res);
  return found;
}

static gboolean
pg_put_idempotent (ShouHubStorePg  *self,
                   const char      *merchant_id,
                   const char      *key,
                   const char      *body_hash,
                   guint            status,
                   const char      *response,
                   gint64           now,
                   GError         **error)
{
  char s[24], n[24];
  const char *params[] = { merchant_id, key, body_hash, I64 (s, status), response, I64 (n, now) };

  return command (self, "INSERT INTO idempotency (merchant_id, key, body_hash, status, response, created_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (merchant_id, key) DO UPDATE SET"
                        " body_hash = EXCLUDED.body_hash, status = EXCLUDED.status,"
                        " response = EXCLUDED.response, created_at = EXCLUDED.created_at",
                  6, params, error);
}

/* The change feed: one statement, so one snapshot of the three tables. */
static GPtrArray *
pg_list_changes (ShouHubStorePg *self,
                 const char     *merchant_id,
                 gint64          after,
                 guint           limit)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_change_free);
  char a[24], l[24];
  const char *params[] = { merchant_id, I64 (a, after), I64 (l, limit) };
  PGresult *res;

  res = read_query (self,
                    "SELECT k, id, change_seq FROM ("
                    " (SELECT 0 AS k, id, change_seq FROM orders WHERE merchant_id = $1 AND change_seq > $2"
                    "  ORDER BY change_seq LIMIT $3)"
                    " UNION ALL (SELECT 1, id, change_seq FROM aftersales WHERE merchant_id = $1"
                    "  AND change_seq > $2 ORDER BY change_seq LIMIT $3)"
                    " UNION ALL (SELECT 2, id, change_seq FROM addresses WHERE merchant_id = $1"
                    "  AND change_seq > $2 ORDER BY change_seq LIMIT $3)) AS c ORDER BY change_seq LIMIT $3",
                    3, params);
  for (int i = 0; res != NULL && i < PQntuples (res); i++)
    {
      ShouHubChange *change = g_new0 (ShouHubChange, 1);
      gint64 k = value_int (res, i, 0);

      change->kind = k == 0 ? SHOU_HUB_CHANGE_ORDER : k == 1 ? SHOU_HUB_CHANGE_AFTERSALE : SHOU_HUB_CHANGE_ADDRESS;
      change->id = value_dup (res, i, 1);
      change->seq = value_int (res, i, 2);
      g_ptr_array_add (all, change);
    }
  PQclear (res);
  return all;
}

/* "INSERT … (columns) VALUES ($1 … $N) ON CONFLICT … DO UPDATE SET c = EXCLUDED.c …" */
static char *
build_put_aftersale_sql (void)
{
  g_auto(GStrv) columns = g_strsplit (SHOU_HUB_AFTERSALE_COLUMNS, ",", -1);
  GString *sql = g_string_new ("INSERT INTO aftersales (" SHOU_HUB_AFTERSALE_COLUMNS ") VALUES (");
  guint n = g_strv_length (columns);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s$%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ") ON CONFLICT (merchant_id, id) DO UPDATE SET ");
  for (guint i = 0; i < n; i++)
    {
      const char *c = g_strstrip (columns[i]);

      g_string_append_printf (sql, "%s%s = EXCLUDED.%s", i > 0 ? ", " : "", c, c);
    }
  return g_string_free (sql, FALSE);
}

#define VFUNC(name) store_class->name = (gpointer) pg_##name

static void
shou_hub_store_pg_class_init (ShouHubStorePgClass *klass)
{
  ShouHubStoreClass *store_class = SHOU_HUB_STORE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = shou_hub_store_pg_finalize;
  put_aftersale_sql = build_put_aftersale_sql ();
  store_class->engine = "postgresql";
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
  store_class->add_staff = shou_hub_pg_add_staff;
  store_class->list_staff = shou_hub_pg_list_staff;
  store_class->remove_staff = shou_hub_pg_remove_staff;
  store_class->lookup_staff = shou_hub_pg_lookup_staff;
  store_class->get_staff = shou_hub_pg_get_staff;
  store_class->get_claim = shou_hub_pg_get_claim;
  store_class->put_claim = shou_hub_pg_put_claim;
  store_class->add_audit = shou_hub_pg_add_audit;
  store_class->list_audit = shou_hub_pg_list_audit;
  store_class->day_total = shou_hub_pg_day_total;
}
