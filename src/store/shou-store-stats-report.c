/* shou-store-stats-report.c: what the weekly report and the line charts
 * read besides the period's figures: the figures day by day, the SKUs with
 * their quality-problem share, and the interventions still open. */
#include "config.h"

#include "shou-store-private.h"
#include "shou-store-stats.h"

#define TZ_US (8 * G_TIME_SPAN_HOUR)

static gint64
day_index (gint64 t)
{
  return (shou_stats_day_start (t) + TZ_US) / G_TIME_SPAN_DAY;
}

/* Binds the shop of @shop_key as ?3 and ?4 (NULL, NULL for all shops).
 * FALSE when the shop is unknown. */
static gboolean
bind_shop (ShouStore    *self,
           sqlite3_stmt *stmt,
           const char   *shop_key)
{
  g_autofree char *account_id = NULL;
  g_autofree char *shop_id = NULL;

  if (shop_key != NULL && !shou_store_resolve_shop (self, shop_key, &account_id, &shop_id))
    return FALSE;
  shou_db_bind_text (stmt, 3, account_id);
  shou_db_bind_text (stmt, 4, shop_id);
  return TRUE;
}

GArray *
shou_store_get_stats_daily (ShouStore   *self,
                            const char  *shop_key,
                            gint64       from,
                            gint64       to,
                            GError     **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (ShouStatsDay));
  g_autoptr(GError) local_error = NULL;
  gint64 first, last;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  first = day_index (from);
  last = day_index (to);
  for (gint64 d = first; d < last; d++)
    {
      ShouStatsDay day = { d * G_TIME_SPAN_DAY - TZ_US, };

      g_array_append_val (days, day);
    }
  stmt = shou_db_prepare (self->db,
                          "SELECT day, dim, sum(n) FROM stats_days"
                          " WHERE day >= ?1 AND day < ?2"
                          "  AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4))"
                          "  AND (dim IN ('all', 'orders', 'intervened')"
                          "   OR (dim = 'reason' AND key = 'quality_problem'))"
                          " GROUP BY day, dim", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  shou_db_bind_int (stmt, 1, first);
  shou_db_bind_int (stmt, 2, last);
  if (!bind_shop (self, stmt, shop_key))
    {
      sqlite3_reset (stmt);
      return g_steal_pointer (&days);
    }
  while ((rc = shou_db_step (self->db, stmt, &local_error)) == SQLITE_ROW)
    {
      ShouStatsDay *day = &g_array_index (days, ShouStatsDay, sqlite3_column_int64 (stmt, 0) - first);
      const char *dim = shou_db_column_text (stmt, 1);
      guint n = (guint) MAX (sqlite3_column_int64 (stmt, 2), 0);

      if (g_str_equal (dim, "all"))
        day->requests = n;
      else if (g_str_equal (dim, "orders"))
        day->orders = n;
      else if (g_str_equal (dim, "intervened"))
        day->intervened = n;
      else
        day->quality = n;
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&days);
}

static void
sku_free (gpointer data)
{
  ShouStatsSku *sku = data;

  g_free (sku->sku);
  g_free (sku);
}

GPtrArray *
shou_store_get_top_skus (ShouStore   *self,
                         const char  *shop_key,
                         gint64       from,
                         gint64       to,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (sku_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  stmt = shou_db_prepare (self->db,
                          "SELECT sku, count(*), sum(reason = 'quality_problem') FROM request_facts"
                          " WHERE day >= ?1 AND day < ?2"
                          "  AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4))"
                          " GROUP BY sku ORDER BY 2 DESC, sku LIMIT ?5", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  shou_db_bind_int (stmt, 1, day_index (from));
  shou_db_bind_int (stmt, 2, day_index (to));
  shou_db_bind_int (stmt, 5, limit);
  if (!bind_shop (self, stmt, shop_key))
    {
      sqlite3_reset (stmt);
      return g_steal_pointer (&skus);
    }
  while ((rc = shou_db_step (self->db, stmt, &local_error)) == SQLITE_ROW)
    {
      ShouStatsSku *sku = g_new0 (ShouStatsSku, 1);

      sku->sku = g_strdup (shou_db_column_text (stmt, 0));
      sku->n = (guint) sqlite3_column_int64 (stmt, 1);
      sku->quality = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (skus, sku);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&skus);
}

gint64
shou_store_count_open_interventions (ShouStore   *self,
                                     const char  *shop_key,
                                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), -1);

  stmt = shou_db_prepare (self->db,
                          "SELECT count(*) FROM requests WHERE status = 'intervention'"
                          " AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4))", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), -1;
  if (bind_shop (self, stmt, shop_key) &&
      (rc = shou_db_step (self->db, stmt, &local_error)) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    rc = local_error ? -1 : SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc < 0)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), -1;
  return n;
}
