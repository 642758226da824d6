#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-store-private.h"
#include "shou-store-schema-sql.h"

/* The steps themselves are in shou-store-migrations.c. Each takes the
 * schema from version i to i + 1. */

int
shou_store_schema_latest (void)
{
  return shou_store_n_migrations;
}

typedef struct
{
  ShouStoreProgressFunc func;
  gpointer              data;
  int                   step;   /* steps done */
  int                   steps;  /* steps to do */
  double                last;
} Progress;

/* @within: how far the current step is, 0..1. */
static void
report (Progress *p,
        double    within)
{
  double fraction;

  if (p->func == NULL || p->steps == 0)
    return;
  fraction = (p->step + CLAMP (within, 0.0, 1.0)) / p->steps;
  if (fraction <= p->last)
    return;
  p->last = fraction;
  p->func (fraction, p->data);
}

/* Runs the statements of @sql one by one, reporting @from..@to of the
 * current step by the share of the text done. */
static gboolean
exec_with_progress (ShouDb      *db,
                    const char  *sql,
                    Progress    *p,
                    double       from,
                    double       to,
                    GError     **error)
{
  sqlite3 *handle = shou_db_get_handle (db);
  const char *tail = sql;
  gsize total = strlen (sql);

  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *next = NULL;
      int rc = sqlite3_prepare_v2 (handle, tail, -1, &stmt, &next);

      if (rc == SQLITE_OK && stmt != NULL)
        {
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            ;
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      if (rc != SQLITE_OK)
        {
          g_set_error (error, SHOU_DB_ERROR, SHOU_DB_ERROR_SQL, "%s", sqlite3_errmsg (handle));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      tail = next;
      report (p, from + (to - from) * (double) (tail - sql) / total);
    }
  return TRUE;
}

static gint64
query_int (ShouDb     *db,
           const char *sql)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Rows per batch of schema 7's copy: a few tens of milliseconds. */
#define V7_BATCH 2000

/* Schema 7's copy phase (see REQUESTS_V7): the first half of its progress. */
static gboolean
copy_v7_in_batches (ShouDb    *db,
                    Progress  *p,
                    GError   **error)
{
  static const char * const copies[] = {
    COPY_REQUESTS_V7 " LIMIT " G_STRINGIFY (V7_BATCH),
    COPY_ORDERS_V7 " LIMIT " G_STRINGIFY (V7_BATCH),
  };
  gint64 total, done;

  if (!shou_db_exec (db, REQUESTS_V7_DIRTY REQUESTS_V7 ORDERS_V7, error))
    return FALSE;
  total = query_int (db, "SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM orders)");
  done = query_int (db, "SELECT (SELECT count(*) FROM requests_v7) + (SELECT count(*) FROM orders_v7)");
  report (p, total > 0 ? 0.5 * done / total : 0.5);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    for (;;)
      {
        int n;

        if (!shou_db_begin (db, error))
          return FALSE;
        if (!shou_db_exec (db, copies[i], error))
          {
            shou_db_rollback (db);
            return FALSE;
          }
        n = shou_db_changes (db);
        if (!shou_db_commit (db, error))
          {
            shou_db_rollback (db);
            return FALSE;
          }
        if (n == 0)
          break;
        done += n;
        shou_db_yield_to_writers (db);
        report (p, total > 0 ? 0.5 * done / total : 0.5);
      }
  return TRUE;
}

gboolean
shou_store_schema_migrate (ShouDb  *db,
                           int      target,
                           GError **error)
{
  return shou_store_schema_migrate_full (db, target, NULL, NULL, error);
}

gboolean
shou_store_schema_migrate_full (ShouDb                *db,
                                int                    target,
                                ShouStoreProgressFunc  progress,
                                gpointer               progress_data,
                                GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  Progress p = { progress, progress_data, 0, 0, 0.0 };
  int version, start;

  if (target < 0)
    target = shou_store_schema_latest ();

  version = shou_db_get_user_version (db, &local_error);
  if (version < 0)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_OPEN,
                   _("The cache could not be read: %s"), local_error->message);
      return FALSE;
    }
  if (version > shou_store_schema_latest ())
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_MIGRATION,
                   _("The cache was written by a newer version of Shouhou (schema %d, this version knows %d)"),
                   version, shou_store_schema_latest ());
      return FALSE;
    }

  start = version;
  p.steps = MAX (target - version, 0);
  /* Rebuilding a table (schema 7) drops the old one: with foreign keys on,
   * that would delete the rows that refer to it. PRAGMA foreign_keys is a
   * no-op inside a transaction, so it is set around the steps. */
  if (version < target)
    shou_db_exec (db, "PRAGMA foreign_keys=OFF", NULL);
  for (; version < target; version++, p.step++)
    {
      gboolean batched = version == 6;

      shou_db_yield_to_writers (db);
      if ((batched && !copy_v7_in_batches (db, &p, &local_error)) ||
          !shou_db_begin (db, &local_error) ||
          !exec_with_progress (db, shou_store_migrations[version], &p, batched ? 0.5 : 0.0, 0.99, &local_error) ||
          !shou_db_set_user_version (db, version + 1, &local_error) ||
          !shou_db_commit (db, &local_error))
        {
          shou_db_rollback (db);
          shou_db_exec (db, "PRAGMA foreign_keys=ON", NULL);
          g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_MIGRATION,
                       _("Could not update the cache to schema %d: %s"),
                       version + 1, local_error->message);
          return FALSE;
        }
    }
  shou_db_exec (db, "PRAGMA foreign_keys=ON", NULL);
  if (p.func != NULL && p.steps > 0)
    p.func (1.0, p.data);

  /* Schema 4 moved the JSON out of the requests rows; give the space back
   * so the smaller rows sit on fewer pages. Not fatal if it fails. */
  if (start >= 1 && start < 4 && version >= 4 &&
      !shou_db_exec (db, "VACUUM", &local_error))
    g_debug ("VACUUM after migration failed: %s", local_error->message);

  return TRUE;
}

/* ---- reading a version 6 cache while it is re-keyed ------------------- */

/* On the window's connection, while a worker re-keys a version 6 cache
 * (schema 7), TEMP views with the names of the schema 8 tables present the
 * old tables in the new shape: a temp name hides the main one for
 * unqualified names, so the store's queries run unchanged. Keys are the
 * old ids (ids were unique in version 6, and the step keeps them as
 * keys). The views are read-only: the few writes an action does go to the
 * real tables (the outbox and request_data are the same in both schemas;
 * the request row is updated as "main.requests", see write_request_row),
 * and the step copies rows changed after their batch again
 * (REQUESTS_V7_DIRTY). After the switch-over the views still read the new
 * tables correctly until they are dropped. */
#define LIVE_VIEWS \
  "CREATE TEMP VIEW requests (rid, key, id, account_id, shop_id, order_id, line_id, platform," \
  "  type, status, nego_phase, deadline_at, deadline_key, deadline_actor, on_lapse, opened_at," \
  "  updated_at, amount_fen, order_no, buyer, goods_title, sku, reason_code, reason_text," \
  "  last_logistics_at, view_mask, version, pending, conflict)" \
  "  AS SELECT " REQUESTS_V7_COLUMNS " FROM main.requests;" \
  "CREATE TEMP VIEW shops AS SELECT id AS key, id, account_id, platform, name, merchant_id, data" \
  "  FROM main.shops;" \
  "CREATE TEMP VIEW orders AS SELECT id AS key, id, account_id, shop_id, order_no, state, buyer," \
  "  created_at, version, data FROM main.orders;" \
  "CREATE TEMP VIEW order_lines AS SELECT" \
  "  coalesce((SELECT o.account_id FROM main.orders o WHERE o.id = l.order_id), '') AS account_id," \
  "  l.order_id, l.id, l.title, l.sku, l.quantity, l.price_fen FROM main.order_lines l;" \
  "CREATE TEMP VIEW evidence AS SELECT" \
  "  coalesce((SELECT r.account_id FROM main.requests r WHERE r.id = e.request_id)," \
  "    (SELECT o.account_id FROM main.outbox o WHERE o.request_id = e.request_id ORDER BY o.id LIMIT 1)," \
  "    '') AS account_id," \
  "  e.request_id, e.sha256, e.content_type, e.size, e.kind, e.by, e.state, e.error, e.created_at" \
  "  FROM main.evidence e;" \
  "CREATE TEMP VIEW view_counts AS SELECT coalesce(s.account_id, '') AS account_id, v.shop_id, v.bit, v.n" \
  "  FROM main.view_counts v LEFT JOIN main.shops s ON s.id = v.shop_id;" \
  "CREATE TEMP VIEW urgent_buckets AS SELECT coalesce(s.account_id, '') AS account_id, u.shop_id," \
  "  u.bucket, u.n FROM main.urgent_buckets u LEFT JOIN main.shops s ON s.id = u.shop_id;" \
  "CREATE TEMP VIEW accounts AS SELECT a.id, a.base_url," \
  "  iif(a.demo, 'Demo shops', a.label) AS label, a.created_at, NULL AS merchant_id," \
  "  NULL AS staff_id, a.demo AS is_demo, NULL AS cert_sha256" \
  "  FROM (SELECT *, base_url = 'http://127.0.0.1:47370'" \
  "    OR label IN ('Demo shops', '演示店铺', '示範店鋪') AS demo FROM main.accounts) a;" \
  /* Schema 10's claims: none yet. */ \
  "CREATE TEMP VIEW claims (account_id, aftersale_id, staff_id, name, expires_at)" \
  "  AS SELECT NULL, NULL, NULL, NULL, 0 WHERE 0;" \
  /* The later schemas' request tags (the queue's chips): none yet. */ \
  "CREATE TEMP VIEW request_tags (request_key, tag) AS SELECT NULL, NULL WHERE 0;"

static const char * const live_view_names[] = {
  "requests", "shops", "orders", "order_lines", "evidence", "view_counts",
  "urgent_buckets", "accounts", "claims", "request_tags",
};

gboolean
shou_store_schema_can_migrate_live (ShouDb *db)
{
  return shou_db_get_user_version (db, NULL) == 6 && shou_store_schema_latest () > 6;
}

/* Evidence and addresses picked meanwhile are written into the old tables,
 * which schema 7's step copies at the switch-over: evidence gets the new
 * account column (the step derives the same value), addresses their new
 * key as an index for the upserts. Needs the write lock at once: if another
 * connection holds it, evidence is read through a view and edits wait
 * (*writable is FALSE). */
#define LIVE_WRITABLE \
  "ALTER TABLE main.evidence ADD COLUMN account_id TEXT;" \
  "UPDATE main.evidence SET account_id =" \
  "  coalesce((SELECT r.account_id FROM main.requests r WHERE r.id = request_id)," \
  "    (SELECT o.account_id FROM main.outbox o WHERE o.request_id = evidence.request_id" \
  "      ORDER BY o.id LIMIT 1), '');" \
  "CREATE UNIQUE INDEX main.addresses_account_key ON addresses(account_id, id);"

gboolean
shou_store_schema_add_live_views (ShouDb    *db,
                                  gboolean  *writable,
                                  GError   **error)
{
  sqlite3 *handle = shou_db_get_handle (db);
  gboolean has_column;

  *writable = FALSE;
  if (!shou_db_exec (db, LIVE_VIEWS, error))
    return FALSE;

  has_column = shou_db_query_int (db, "SELECT count(*) FROM pragma_table_info('evidence', 'main')"
                                      " WHERE name = 'account_id'", 0, NULL) > 0;
  if (!has_column)
    {
      sqlite3_busy_timeout (handle, 0);
      if (shou_db_begin (db, NULL))
        {
          if (shou_db_exec (db, LIVE_WRITABLE, NULL) && shou_db_commit (db, NULL))
            has_column = TRUE;
          else
            shou_db_rollback (db);
        }
      sqlite3_busy_timeout (handle, 10000);
    }
  if (has_column)
    *writable = shou_db_exec (db, "DROP VIEW temp.evidence", error);
  return TRUE;
}

gboolean
shou_store_schema_drop_live_views (ShouDb  *db,
                                   GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (live_view_names); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP VIEW IF EXISTS temp.%s", live_view_names[i]);

      if (!shou_db_exec (db, sql, error))
        return FALSE;
    }
  return TRUE;
}
