/* test-store-migrations: a real file at every older schema version, with
 * data written the way that version wrote it, opens and migrates. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"

static void
fill_v1 (ShouDb *db,
         int     version)
{
  g_autoptr(GError) error = NULL;

  /* Rows as schema 1 and 2 stored them: no "all" bit (schema 3 adds it). */
  shou_db_exec (db,
                "INSERT INTO accounts VALUES ('acc', 'http://127.0.0.1:1', 'old', 1);"
                "INSERT INTO shops VALUES ('s1', 'acc', 'taobao', '老店', 'm', '{\"id\":\"s1\",\"platform\":\"taobao\",\"name\":\"老店\"}');"
                "INSERT INTO requests (id, account_id, shop_id, platform, type, status, deadline_key,"
                " amount_fen, order_no, buyer, goods_title, sku, reason_text, view_mask, version, server_data)"
                " VALUES ('old1', 'acc', 's1', 'taobao', 'refund_only', 'wait_seller', 9223372036854775807,"
                " 100, 'TB-OLD-1', '老顾客', '真丝围巾', '', '质量问题', 1, 1,"
                " '{\"id\":\"old1\",\"shop_id\":\"s1\",\"platform\":\"taobao\",\"type\":\"refund_only\",\"status\":\"wait_seller\",\"version\":1}'),"
                " ('old2', 'acc', 's1', 'taobao', 'refund_only', 'success', 9223372036854775807,"
                " 200, 'TB-OLD-2', '新顾客', '羊毛衫', '', '不想要了', 16, 1,"
                " '{\"id\":\"old2\",\"shop_id\":\"s1\",\"platform\":\"taobao\",\"type\":\"refund_only\",\"status\":\"success\",\"version\":1}');"
                "INSERT INTO outbox (account_id, request_id, kind, action, params, expected_version,"
                " idempotency_key, created_at) VALUES ('acc', 'old1', 'action', 'message', '{\"text\":\"您好\"}', 1, 'key-old-000001', 1);",
                &error);
  g_assert_no_error (error);
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

  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (shou_store_schema_migrate (db, from, &error));
    g_assert_no_error (error);
    g_assert_cmpint (shou_db_get_user_version (db, NULL), ==, from);
    if (from >= 1)
      fill_v1 (db, from);
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
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 2);
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==, 1);
      g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_FINISHED, "s1"), ==, 1);
      g_assert_cmpuint (shou_store_count_pending (store), ==, 1);
      shou_request_list_set_view (list, SHOU_VIEW_ALL);
      shou_request_list_set_search (list, "真丝围");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
      item = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_cmpstr (shou_request_item_get_id (item), ==, "old1");
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
