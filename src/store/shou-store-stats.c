/* shou-store-stats.c: the statistics page's figures, read from stats_days
 * (shou-store-stats-schema.h), and each request's facts kept in step. */
#include "config.h"

#include "shou-store-private.h"
#include "shou-store-stats-schema.h"
#include "shou-store-stats.h"

#define TZ_US  (8 * G_TIME_SPAN_HOUR)

gint64
shou_stats_day_start (gint64 t)
{
  gint64 local = t + TZ_US;
  gint64 day = local / G_TIME_SPAN_DAY;

  if (local < 0 && local % G_TIME_SPAN_DAY != 0)
    day--;
  return day * G_TIME_SPAN_DAY - TZ_US;
}

static gint64
day_index (gint64 t)
{
  return (shou_stats_day_start (t) + TZ_US) / G_TIME_SPAN_DAY;
}

/* Rewrites the facts of request @rid (inside the write's transaction). The
 * delete and the insert fire request_facts' triggers, which move the
 * request's counts in stats_days. */
gboolean
shou_store_stats_refresh_request (ShouStore  *self,
                                  gint64      rid,
                                  GError    **error)
{
  sqlite3_stmt *stmt;

  /* A version 6 cache read through views has no statistics yet. */
  if (self->live_views)
    return TRUE;
  stmt = shou_db_prepare (self->db, "DELETE FROM request_facts WHERE rid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, rid);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  stmt = shou_db_prepare (self->db, SHOU_STATS_FACTS_INSERT ("r.rid = ?1"), error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, rid);
  return shou_db_run (self->db, stmt, error);
}

static void
count_free (gpointer data)
{
  ShouStatsCount *c = data;

  g_free (c->key);
  g_free (c->label);
  g_free (c);
}

void
shou_stats_free (ShouStats *stats)
{
  if (stats == NULL)
    return;
  for (guint i = 0; i < SHOU_STATS_N_BY; i++)
    g_clear_pointer (&stats->by[i], g_ptr_array_unref);
  g_free (stats);
}

double
shou_stats_rate (guint num,
                 guint den)
{
  return den == 0 ? -1.0 : (double) num / den;
}

double
shou_stats_nego_success (const ShouStats *stats)
{
  guint ended;

  g_return_val_if_fail (stats != NULL, -1.0);
  ended = stats->nego_accepted + stats->nego_withdrawn + stats->nego_rejected;
  return shou_stats_rate (stats->nego_accepted + stats->nego_withdrawn, ended);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const ShouStatsCount *x = *(ShouStatsCount * const *) a;
  const ShouStatsCount *y = *(ShouStatsCount * const *) b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static void
add_count (GPtrArray  *array,
           const char *key,
           const char *label,
           guint       n,
           gint64      amount_fen)
{
  ShouStatsCount *c = g_new0 (ShouStatsCount, 1);

  c->key = g_strdup (key ? key : "");
  c->label = g_strdup (label);
  c->n = n;
  c->amount_fen = amount_fen;
  g_ptr_array_add (array, c);
}

typedef struct
{
  gint64 lo;   /* minutes */
  gint64 n;
} Bucket;

static int
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  const Bucket *x = a, *y = b;

  return (x->lo > y->lo) - (x->lo < y->lo);
}

/* The upper bound of the bucket the nearest-rank 90th percentile falls in. */
static gint64
p90_of (GArray *buckets,
        gint64  total)
{
  gint64 rank = (total * 9 + 9) / 10, seen = 0;

  g_array_sort (buckets, compare_buckets);
  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *b = &g_array_index (buckets, Bucket, i);

      seen += b->n;
      if (seen >= rank)
        {
          gint64 width = b->lo < 60 ? 1 : b->lo < 1440 ? 10 : 60;
          return (b->lo + width) * G_TIME_SPAN_MINUTE;
        }
    }
  return 0;
}

static void
take_figure (ShouStats  *s,
             const char *dim,
             const char *key,
             guint       n,
             gint64      sum,
             gint64     *handled_sum,
             GArray     *buckets)
{
  static const struct { const char *dim; ShouStatsBy by; } dims[] = {
    { "reason", SHOU_STATS_BY_REASON },
    { "sku", SHOU_STATS_BY_SKU },
    { "platform", SHOU_STATS_BY_PLATFORM },
    { "type", SHOU_STATS_BY_TYPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    if (g_str_equal (dim, dims[i].dim))
      {
        add_count (s->by[dims[i].by], key, NULL, n, dims[i].by <= SHOU_STATS_BY_SKU ? sum : 0);
        if (dims[i].by == SHOU_STATS_BY_REASON && g_strcmp0 (key, "quality_problem") == 0)
          s->quality = n;
        return;
      }

  if (g_str_equal (dim, "all"))
    {
      s->requests = n;
      s->requested_fen = sum;
    }
  else if (g_str_equal (dim, "orders"))
    s->orders = n;
  else if (g_str_equal (dim, "intervened"))
    s->intervened = n;
  else if (g_str_equal (dim, "nego"))
    {
      s->negotiated += n;
      if (g_strcmp0 (key, "accepted") == 0)
        s->nego_accepted = n;
      else if (g_strcmp0 (key, "withdrawn") == 0)
        s->nego_withdrawn = n;
      else if (g_strcmp0 (key, "rejected") == 0)
        s->nego_rejected = n;
    }
  else if (g_str_equal (dim, "lapsed"))
    s->lapsed = n;
  else if (g_str_equal (dim, "decided"))
    s->decided = n;
  else if (g_str_equal (dim, "before_deadline"))
    s->before_deadline = n;
  else if (g_str_equal (dim, "handled"))
    {
      Bucket b = { g_ascii_strtoll (key, NULL, 10), n };

      s->handled += n;
      *handled_sum += sum;
      g_array_append_val (buckets, b);
    }
  else if (g_str_equal (dim, "refunded"))
    {
      s->refunded = n;
      s->refunded_fen = sum;
    }
  else if (g_str_equal (dim, "compensated"))
    {
      s->compensated = n;
      s->compensated_fen = sum;
    }
  else if (g_str_equal (dim, "shipping"))
    {
      s->shipping = n;
      s->shipping_fen = sum;
    }
}

ShouStats *
shou_store_get_stats (ShouStore   *self,
                      const char  *shop_key,
                      gint64       from,
                      gint64       to,
                      GError     **error)
{
  g_autoptr(ShouStats) s = g_new0 (ShouStats, 1);
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  g_autofree char *account_id = NULL;
  g_autofree char *shop_id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 handled_sum = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  s->from = shou_stats_day_start (from);
  s->to = shou_stats_day_start (to);
  for (guint i = 0; i < SHOU_STATS_N_BY; i++)
    s->by[i] = g_ptr_array_new_with_free_func (count_free);
  if (shop_key != NULL && !shou_store_resolve_shop (self, shop_key, &account_id, &shop_id))
    return g_steal_pointer (&s);

  stmt = shou_db_prepare (self->db,
                          shop_key ?
                          "SELECT dim, key, sum(n), sum(sum) FROM stats_days"
                          " WHERE account_id = ?3 AND shop_id = ?4 AND day >= ?1 AND day < ?2"
                          " GROUP BY dim, key" :
                          "SELECT dim, key, sum(n), sum(sum) FROM stats_days"
                          " WHERE day >= ?1 AND day < ?2 GROUP BY dim, key", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  shou_db_bind_int (stmt, 1, day_index (s->from));
  shou_db_bind_int (stmt, 2, day_index (s->to));
  if (shop_key)
    {
      shou_db_bind_text (stmt, 3, account_id);
      shou_db_bind_text (stmt, 4, shop_id);
    }
  while ((rc = shou_db_step (self->db, stmt, &local_error)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 2);

      if (n > 0)
        take_figure (s, shou_db_column_text (stmt, 0), shou_db_column_text (stmt, 1),
                     (guint) n, sqlite3_column_int64 (stmt, 3), &handled_sum, buckets);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;

  stmt = shou_db_prepare (self->db,
                          "SELECT coalesce(s.key, d.shop_id), s.name, sum(d.n), sum(d.sum)"
                          " FROM stats_days d LEFT JOIN shops s"
                          "  ON s.account_id = d.account_id AND s.id = d.shop_id"
                          " WHERE d.day >= ?1 AND d.day < ?2 AND d.dim = 'all'"
                          "  AND (?3 IS NULL OR (d.account_id = ?3 AND d.shop_id = ?4))"
                          " GROUP BY d.account_id, d.shop_id", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  shou_db_bind_int (stmt, 1, day_index (s->from));
  shou_db_bind_int (stmt, 2, day_index (s->to));
  shou_db_bind_text (stmt, 3, account_id);
  shou_db_bind_text (stmt, 4, shop_id);
  while ((rc = shou_db_step (self->db, stmt, &local_error)) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 2) > 0)
      add_count (s->by[SHOU_STATS_BY_SHOP], shou_db_column_text (stmt, 0),
                 shou_db_column_text (stmt, 1), (guint) sqlite3_column_int64 (stmt, 2),
                 sqlite3_column_int64 (stmt, 3));
  sqlite3_reset (stmt);
  if (rc < 0)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;

  for (guint i = 0; i < SHOU_STATS_N_BY; i++)
    g_ptr_array_sort (s->by[i], compare_counts);
  s->orders_known = s->orders > 0;
  if (s->handled > 0)
    {
      s->handled_avg_us = handled_sum / s->handled;
      s->handled_p90_us = p90_of (buckets, s->handled);
    }
  return g_steal_pointer (&s);
}
