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


#include "shou-hub-pg.h"
#include "shou-hub-rows.h"
#include "shou-hub-json.h"
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
  /* Then the planner learns the tables' new sizes at once, not at
   * autovacuum's next round: with the statistics of a nearly empty table
   * it reads a feed page by sorting every later row (the whole remaining
   * feed, per page) instead of merging the tables' feed indexes. */
  if (!bulk)
    command (self, "ANALYZE", 0, NULL, NULL);
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
pg_next_seq (ShouHubStorePg  *self,
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
    "SELECT t::text FROM reviews t ORDER BY merchant_id, id",
    "SELECT t::text FROM care t ORDER BY merchant_id, id",
    "SELECT t::text FROM autorules t ORDER BY merchant_id, id",
    "SELECT t::text FROM autorule_log t ORDER BY merchant_id, key",
    "SELECT t::text FROM annotations t ORDER BY merchant_id, aftersale_id",
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









/* Orders */



/* The stored text with version and updated_at added at its end, as the
 * SQLite engine's json_set() does. */


/* After-sales */

static gboolean
pg_put_aftersale (ShouHubStorePg    *self,
                  ShouHubAftersale  *as,
                  gint64             lapse_at,
                  GError           **error)
{
  g_autofree char *doc = NULL;
  ShouHubValue values[SHOU_HUB_AFTERSALE_N_VALUES];
  char numbers[SHOU_HUB_AFTERSALE_N_VALUES + 4][24];
  const char *params[SHOU_HUB_AFTERSALE_N_VALUES + 4];
  gint64 seq = pg_next_seq (self, as->merchant_id, error);

  if (seq == 0)
    return FALSE;
  as->change_seq = seq;
  shou_hub_row_from_aftersale (as, values, &doc);
  for (guint i = 0; i < SHOU_HUB_AFTERSALE_N_VALUES; i++)
    params[i] = values[i].is_text ? values[i].text : I64 (numbers[i], values[i].number);
  params[SHOU_HUB_AFTERSALE_N_VALUES] = I64 (numbers[SHOU_HUB_AFTERSALE_N_VALUES], seq);
  params[SHOU_HUB_AFTERSALE_N_VALUES + 1] =
    lapse_at > 0 ? I64 (numbers[SHOU_HUB_AFTERSALE_N_VALUES + 1], lapse_at) : NULL;
  params[SHOU_HUB_AFTERSALE_N_VALUES + 2] = as->rendered;
  params[SHOU_HUB_AFTERSALE_N_VALUES + 3] = I64 (numbers[SHOU_HUB_AFTERSALE_N_VALUES + 3], as->rendered_until);
  return command (self, put_aftersale_sql, SHOU_HUB_AFTERSALE_N_VALUES + 4, params, error);
}







/* Addresses */





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

static gboolean
pg_in_transaction (ShouHubStorePg *self)
{
  return self->in_transaction;
}

/* Shared code's statements. */
static ShouHubRows *
pg_query (ShouHubStorePg      *self,
          const char          *sql,
          const char          *types,
          const char * const  *params,
          GError             **error)
{
  PGresult *res = query (self, sql, types ? (int) strlen (types) : 0, params, error);
  ShouHubRows *rows;

  if (res == NULL)
    return NULL;
  rows = shou_hub_rows_new (PQnfields (res));
  for (int i = 0; i < PQntuples (res); i++)
    for (int c = 0; c < PQnfields (res); c++)
      g_ptr_array_add (rows->cells, value_dup (res, i, c));
  PQclear (res);
  return rows;
}

/* The whole result arrives in libpq's own blocks (one PGresult); its
 * cells are handed on from there. (Single-row mode would keep the
 * connection busy, and the row function may read the store.) */
static gint64
pg_each_row (ShouHubStorePg         *self,
             const ShouHubRowQuery  *q,
             GError                **error)
{
  PGresult *res = query (self, q->sql, q->types ? (int) strlen (q->types) : 0, q->params, error);
  const char *cells[SHOU_HUB_ROW_MAX_COLUMNS];
  gsize lengths[SHOU_HUB_ROW_MAX_COLUMNS];
  int n_columns, n_rows;

  if (res == NULL)
    return -1;
  n_columns = MIN (PQnfields (res), SHOU_HUB_ROW_MAX_COLUMNS);
  g_warn_if_fail (PQnfields (res) <= SHOU_HUB_ROW_MAX_COLUMNS);
  n_rows = PQntuples (res);
  for (int i = 0; i < n_rows; i++)
    {
      for (int c = 0; c < n_columns; c++)
        {
          gboolean null = PQgetisnull (res, i, c);

          cells[c] = null ? NULL : PQgetvalue (res, i, c);
          lengths[c] = null ? 0 : (gsize) PQgetlength (res, i, c);
        }
      q->func (cells, lengths, q->user_data);
    }
  PQclear (res);
  return n_rows;
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
  VFUNC (put_aftersale);
  VFUNC (put_evidence);
  VFUNC (get_evidence);
  VFUNC (query);
  VFUNC (each_row);
  VFUNC (next_seq);
  VFUNC (in_transaction);
}
