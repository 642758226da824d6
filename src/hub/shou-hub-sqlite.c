/* shou-hub-sqlite.c: small helpers of the SQLite engine. */
#include "config.h"

#include "shou-hub-sqlite.h"

gboolean
shou_hub_sqlite_exec (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL, "SQLite: %s", msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

void
shou_hub_sqlite_bind_text (sqlite3_stmt *st,
                           int           i,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

char *
shou_hub_sqlite_col_dup (sqlite3_stmt *st,
                         int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (st, i));
}

char *
shou_hub_sqlite_checksum (sqlite3 *db)
{
  static const char *const queries[] = {
    "SELECT * FROM meta ORDER BY key",
    "SELECT * FROM merchants ORDER BY merchant_id",
    "SELECT * FROM feed_counters ORDER BY merchant_id",
    "SELECT * FROM shops ORDER BY id",
    "SELECT * FROM orders ORDER BY id",
    "SELECT * FROM aftersales ORDER BY id",
    "SELECT * FROM addresses ORDER BY id",
    "SELECT merchant_id, sha256, content_type, size FROM evidence ORDER BY merchant_id, sha256",
    "SELECT * FROM idempotency ORDER BY merchant_id, key",
    "SELECT * FROM staff ORDER BY merchant_id, staff_id",
    "SELECT * FROM claims ORDER BY merchant_id, aftersale_id",
    "SELECT * FROM audit ORDER BY merchant_id, seq",
    "SELECT * FROM reviews ORDER BY merchant_id, id",
    "SELECT * FROM care ORDER BY merchant_id, id",
    "SELECT * FROM autorules ORDER BY merchant_id, id",
    "SELECT * FROM autorule_log ORDER BY merchant_id, key",
    "SELECT * FROM annotations ORDER BY merchant_id, aftersale_id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *st;

      if (sqlite3_prepare_v2 (db, queries[q], -1, &st, NULL) != SQLITE_OK)
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

