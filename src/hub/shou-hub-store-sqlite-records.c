/* shou-hub-store-sqlite-records.c: the SQLite engine's records: orders,
 * after-sales requests, return addresses, evidence and the change feed. */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-row.h"
#include "shou-hub-store-sqlite-private.h"


/* Orders */





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
  as->change_seq = shou_hub_store_sqlite_next_seq (self, as->merchant_id);
  st = stmt (self, "INSERT OR REPLACE INTO aftersales (" SHOU_HUB_AFTERSALE_COLUMNS ") VALUES (?1, ?2,"
                   " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                   " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)");
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
  bind_text (st, SHOU_HUB_AFTERSALE_N_VALUES + 3, as->rendered);
  sqlite3_bind_int64 (st, SHOU_HUB_AFTERSALE_N_VALUES + 4, as->rendered_until);
  if (sqlite3_step (st) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}






/* Addresses */





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

#define VFUNC(name) store_class->name = (gpointer) sqlite_##name

void
shou_hub_store_sqlite_records_class_init (ShouHubStoreClass *store_class)
{
  VFUNC (put_aftersale);
  VFUNC (put_evidence);
  VFUNC (get_evidence);
}
