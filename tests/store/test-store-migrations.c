/* test-store-migrations: a real file at every older schema version, with
 * data written the way that version wrote it, opens and migrates. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"

/* Two hours from @now, and two days. */
#define DUE_SOON(now) ((now) + 2 * G_TIME_SPAN_HOUR)
#define DUE_LATER(now) ((now) + 48 * G_TIME_SPAN_HOUR)

static void
fill_v1 (ShouDb *db,
         int     version,
         gint64  now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  const char *json = "'{\"id\":\"x\",\"shop_id\":\"s1\",\"platform\":\"taobao\",\"type\":\"refund_only\",\"version\":1}'";

  /* Rows as schema 1 and 2 stored them: no "all" bit (schema 3 adds it).
   * old3 and old4 have a seller deadline (bit 32): due soon and later. */
  rows = g_strdup_printf ("('old1', 'acc', 's1', 'taobao', 'refund_only', 'wait_seller', 9223372036854775807,"
                          " 100, 'TB-OLD-1', '老顾客', '真丝围巾', '', '质量问题', 1, 1%s),"
                          " ('old2', 'acc', 's1', 'taobao', 'refund_only', 'success', 9223372036854775807,"
                          " 200, 'TB-OLD-2', '新顾客', '羊毛衫', '', '不想要了', 16, 1%s),"
                          " ('old3', 'acc', 's1', 'taobao', 'refund_only', 'wait_seller', %" G_GINT64_FORMAT ","
                          " 300, 'TB-OLD-3', '回头客', '棉袜', '', '发错货', 33, 1%s),"
                          " ('old4', 'acc', 's2', 'taobao', 'return_refund', 'wait_seller_receipt', %" G_GINT64_FORMAT ","
                          " 400, 'TB-OLD-4', '熟客', '帆布包', '', '尺码不符', 36, 1%s)",
                          version >= 4 ? "" : ", '{}'", version >= 4 ? "" : ", '{}'",
                          DUE_SOON (now), version >= 4 ? "" : ", '{}'",
                          DUE_LATER (now), version >= 4 ? "" : ", '{}'");
  shou_db_exec (db,
                "INSERT INTO accounts VALUES ('acc', 'http://127.0.0.1:1', 'old', 1);"
                "INSERT INTO shops VALUES ('s1', 'acc', 'taobao', '老店', 'm', '{\"id\":\"s1\",\"platform\":\"taobao\",\"name\":\"老店\"}');"
                "INSERT INTO shops VALUES ('s2', 'acc', 'taobao', '新店', 'm', '{\"id\":\"s2\",\"platform\":\"taobao\",\"name\":\"新店\"}');"
                "INSERT INTO outbox (account_id, request_id, kind, action, params, expected_version,"
                " idempotency_key, created_at) VALUES ('acc', 'old1', 'action', 'message', '{\"text\":\"您好\"}', 1, 'key-old-000001', 1);",
                &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO requests (id, account_id, shop_id, platform, type, status, deadline_key,"
                                            " amount_fen, order_no, buyer, goods_title, sku, reason_text, view_mask, version%s)"
                                            " VALUES %s",
                                            version >= 4 ? "" : ", server_data", rows);
    shou_db_exec (db, sql, &error);
    g_assert_no_error (error);
  }
  if (version >= 4)
    {
      /* Schema 4 keeps the JSON in request_data. */
      g_autofree char *sql = g_strdup_printf ("INSERT INTO request_data SELECT rid, %s, NULL FROM requests", json);
      shou_db_exec (db, sql, &error);
      g_assert_no_error (error);
    }
  if (version >= 3)
    {
      /* Writers at schema 3 set the "all" bit themselves; the triggers
       * count from then on. */
      shou_db_exec (db, "UPDATE requests SET view_mask = view_mask | 64", &error);
      g_assert_no_error (error);
    }
}

static void
test_from_version (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autofree char *check = NULL;
  gint64 now = g_get_real_time ();

  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (shou_store_schema_migrate (db, from, &error));
    g_assert_no_error (error);
    g_assert_cmpint (shou_db_get_user_version (db, NULL), ==, from);
    if (from >= 1)
      fill_v1 (db, from, now);
  }

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shou_db_get_user_version (shou_store_get_db (store), NULL), ==,
                   shou_store_schema_latest ());
  check = shou_store_check_integrity (store, &error);
  g_assert_cmpstr (check, ==, "ok");

  if (from >= 1)
    {
      g_autoptr(ShouRequestList) list = shou_request_list_new (store);
      g_autoptr(ShouRequestItem) item = NULL;

      /* Counts are backfilled and the old rows are searchable. */
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 4);
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==, 2);
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_FINISHED, "s1"), ==, 1);
      /* 即将超时 (schema 5 counts it in buckets): due within 24 h of now,
       * and later both; per shop too. */
      g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, NULL, now), ==, 1);
      g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, NULL, now + 30 * G_TIME_SPAN_HOUR), ==, 2);
      g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, "s2", now + 30 * G_TIME_SPAN_HOUR), ==, 1);
      g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, "s2", now), ==, 0);
      g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, NULL, now - 24 * G_TIME_SPAN_HOUR), ==, 0);
      g_assert_cmpuint (shou_store_count_pending (store), ==, 1);
      shou_request_list_set_view (list, SHOU_VIEW_ALL);
      shou_request_list_set_search (list, "真丝围");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
      item = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_cmpstr (shou_request_item_get_id (item), ==, "old1");
      g_clear_object (&item);
      /* Two characters go through the pair index schema 6 backfills:
       * in a title, a buyer, a reason; none where no row has them. */
      shou_request_list_set_search (list, "围巾");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
      item = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_cmpstr (shou_request_item_get_id (item), ==, "old1");
      g_clear_object (&item);
      shou_request_list_set_search (list, "熟客");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
      shou_request_list_set_search (list, "问题");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
      shou_request_list_set_search (list, "顾客");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
      shou_request_list_set_search (list, "围杯");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
    }
  else
    g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 0);

  g_clear_object (&store);
  st_rm_rf (dir);
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;

  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    g_assert_true (shou_db_set_user_version (db, shou_store_schema_latest () + 1, &error));
  }
  store = shou_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_MIGRATION);
  st_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (int v = 0; v < shou_store_schema_latest (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migrations/from-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/store/migrations/newer-refused", test_newer_refused);

  return g_test_run ();
}
