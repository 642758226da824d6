/* test-store-migrations: a real file at every older schema version, with
 * data written the way that version wrote it, opens and migrates. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"

/* Two hours from @now, and two days. */
#define DUE_SOON(now) ((now) + 2 * G_TIME_SPAN_HOUR)
#define DUE_LATER(now) ((now) + 48 * G_TIME_SPAN_HOUR)
#define SHA_SHARED "5a3b1c0e9d8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b"

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

/* fill_v1() writes rows in the shapes of schemas 1 to 6; schema 7
 * re-keyed the tables (test_v6_two_accounts covers it with data). */
#define FILLED(from) ((from) >= 1 && (from) <= 6)

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
    if (FILLED (from))
      fill_v1 (db, from, now);
  }

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shou_db_get_user_version (shou_store_get_db (store), NULL), ==,
                   shou_store_schema_latest ());
  check = shou_store_check_integrity (store, &error);
  g_assert_cmpstr (check, ==, "ok");

  if (FILLED (from))
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

/* A v6 cache as schema 6 wrote it, with the rows of two accounts: every
 * table that schema 7 re-keys has rows of both. */
static void
fill_v6_two_accounts (ShouDb     *db,
                      const char *dir,
                      gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *evidence_dir = g_build_filename (dir, "evidence", NULL);
  g_autofree char *file = g_build_filename (evidence_dir, SHA_SHARED, NULL);

  shou_db_exec (db,
                "INSERT INTO accounts VALUES ('accA', 'http://127.0.0.1:1', '演示店铺', 1),"
                " ('accB', 'http://127.0.0.1:2', '演示店铺', 2);"
                "INSERT INTO shops VALUES ('sA', 'accA', 'taobao', '甲店', 'm1', '{\"id\":\"sA\",\"platform\":\"taobao\",\"name\":\"甲店\"}'),"
                " ('sB', 'accB', 'pdd', '乙店', 'm2', '{\"id\":\"sB\",\"platform\":\"pdd\",\"name\":\"乙店\"}');"
                "INSERT INTO orders VALUES ('oA1', 'accA', 'sA', 'TB-A-1', 'completed', '老顾客', 10, 1,"
                " '{\"id\":\"oA1\",\"shop_id\":\"sA\",\"order_no\":\"TB-A-1\"}'),"
                " ('oB1', 'accB', 'sB', 'PDD-B-1', 'completed', '熟客', 20, 1,"
                " '{\"id\":\"oB1\",\"shop_id\":\"sB\",\"order_no\":\"PDD-B-1\"}');"
                "INSERT INTO order_lines VALUES ('oA1', 'L1', '真丝围巾', '红色', 1, 9900),"
                " ('oB1', 'L1', '羊毛衫', 'L', 1, 19900);"
                "INSERT INTO addresses VALUES ('addrA', 'accA', 'sA', 1, 1, 0, NULL, '{\"id\":\"addrA\",\"shop_id\":\"sA\",\"name\":\"张三\"}'),"
                " ('addrB', 'accB', 'sB', 1, 1, 0, 'create', '{\"id\":\"addrB\",\"shop_id\":\"sB\",\"name\":\"李四\"}');"
                "INSERT INTO sync_state (account_id, cursor, last_success) VALUES ('accA', 'cursor-A', 5), ('accB', 'cursor-B', 6);"
                "INSERT INTO outbox (account_id, request_id, kind, action, params, expected_version,"
                " idempotency_key, created_at) VALUES"
                " ('accA', 'a1', 'action', 'message', '{\"text\":\"您好\"}', 1, 'key-a-1', 1),"
                " ('accB', 'b1', 'evidence', 'upload', '{\"sha256\":\"" SHA_SHARED "\"}', 0, 'key-b-1', 2),"
                " ('accB', 'shop:sB', 'address_create', 'addrB', '{\"name\":\"李四\"}', 0, 'key-b-2', 3);"
                "INSERT INTO evidence VALUES ('a1', '" SHA_SHARED "', 'image/png', 4, 'product_photo', 'seller', 'uploaded', NULL, 1),"
                " ('b1', '" SHA_SHARED "', 'image/png', 4, 'product_photo', 'seller', 'queued', NULL, 2);",
                &error);
  g_assert_no_error (error);
  /* a1 due soon, b1 due later (both with a seller deadline: bit 32). */
  requests = g_strdup_printf ("INSERT INTO requests (id, account_id, shop_id, order_id, line_id, platform,"
                              " type, status, nego_phase, deadline_at, deadline_key, deadline_actor, amount_fen,"
                              " order_no, buyer, goods_title, sku, reason_text, view_mask, version, pending) VALUES"
                              " ('a1', 'accA', 'sA', 'oA1', 'L1', 'taobao', 'refund_only', 'wait_seller', 'none',"
                              "  %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'seller', 9900, 'TB-A-1', '老顾客', '真丝围巾', '红色', '质量问题', 97, 1, 1),"
                              " ('a2', 'accA', 'sA', 'oA1', 'L1', 'taobao', 'refund_only', 'success', 'none',"
                              "  NULL, 9223372036854775807, NULL, 9900, 'TB-A-1', '老顾客', '真丝围巾', '红色', '不想要了', 80, 3, 0),"
                              " ('b1', 'accB', 'sB', 'oB1', 'L1', 'pdd', 'refund_only', 'wait_seller', 'none',"
                              "  %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'seller', 19900, 'PDD-B-1', '熟客', '羊毛衫', 'L', '尺码不符', 97, 1, 1),"
                              " ('b2', 'accB', 'sB', 'oB1', 'L1', 'pdd', 'refund_only', 'negotiating', 'round1_wait',"
                              "  NULL, 9223372036854775807, NULL, 19900, 'PDD-B-1', '熟客', '羊毛衫', 'L', '发错货', 66, 2, 0);"
                              "INSERT INTO request_data SELECT rid, json_object('id', id, 'shop_id', shop_id,"
                              " 'order_id', order_id, 'line_id', line_id, 'platform', platform, 'type', type,"
                              " 'status', status, 'version', version), NULL FROM requests;"
                              "INSERT INTO events SELECT rid, 0, 1, 'buyer', 'opened', '买家申请退款' FROM requests;"
                              "INSERT INTO events SELECT rid, 1, 2, 'seller', 'message', '您好' FROM requests WHERE id = 'a1';"
                              "INSERT INTO nego_rounds SELECT rid, 1, '部分退款', 'partial_refund', 5000, 3, NULL, NULL"
                              " FROM requests WHERE id = 'b2';"
                              "INSERT INTO shipments SELECT rid, 'return', '顺丰', 'SF123', 4, 5 FROM requests WHERE id = 'a1';",
                              DUE_SOON (now), DUE_SOON (now), DUE_LATER (now), DUE_LATER (now));
  shou_db_exec (db, requests, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (evidence_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "png!", 4, NULL));
}

static gint64
count_rows (ShouStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = shou_db_prepare (shou_store_get_db (store), sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (shou_db_step (shou_store_get_db (store), stmt, NULL), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* What the window reads from the cache of fill_v6_two_accounts: the same
 * while a live migration shows the old tables and after it. */
static void
assert_two_accounts_read (ShouStore *store,
                          gint64     now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autofree char *cursor = NULL;

  /* The keys are the old ids: a window restored on a request finds it. */
  for (guint i = 0; i < 4; i++)
    {
      const char *ids[] = { "a1", "a2", "b1", "b2" };
      g_autoptr(JsonObject) req = shou_store_get_request (store, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (req, "account_id"), ==, i < 2 ? "accA" : "accB");
      g_assert_cmpstr (json_object_get_string_member (req, "shop_key"), ==, i < 2 ? "sA" : "sB");
      g_assert_nonnull (json_object_get_object_member (req, "order"));
    }
  shops = shou_store_list_shops (store);
  g_assert_cmpuint (shops->len, ==, 2);
  /* 全部订单: every order, each with its key. */
  listed = shou_store_list_orders (store, NULL, NULL, 0, 50);
  g_assert_cmpuint (listed->len, ==, 2);
  for (guint i = 0; i < listed->len; i++)
    g_assert_nonnull (json_object_get_string_member (listed->pdata[i], "key"));
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Counts, per shop and for all shops. */
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 4);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_PENDING, "sA"), ==, 1);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_FINISHED, "sA"), ==, 1);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_NEGOTIATING, "sB"), ==, 1);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, "sB"), ==, 2);
  g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, NULL, now), ==, 1);
  g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, NULL, now + 30 * G_TIME_SPAN_HOUR), ==, 2);
  g_assert_cmpuint (shou_store_count_view_at (store, SHOU_VIEW_URGENT, "sB", now + 30 * G_TIME_SPAN_HOUR), ==, 1);

  /* Search: both indexes kept every row. */
  list = shou_request_list_new (store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  shou_request_list_set_search (list, "真丝围");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  shou_request_list_set_search (list, "羊毛");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  shou_request_list_set_search (list, "熟客");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  shou_request_list_set_search (list, NULL);
  shou_request_list_set_shop_id (list, "sB");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* The outbox: each account's entries, in order; sync state kept. */
  g_assert_cmpuint (shou_store_count_pending (store), ==, 3);
  entry = shou_store_outbox_next (store, "accA");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, "a1");
  g_assert_cmpstr (entry->action, ==, "message");
  g_clear_pointer (&entry, shou_outbox_entry_free);
  entry = shou_store_outbox_next (store, "accB");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, "b1");
  g_assert_cmpint (entry->kind, ==, SHOU_OUTBOX_EVIDENCE);
  g_clear_pointer (&entry, shou_outbox_entry_free);
  cursor = shou_store_get_cursor (store, "accB");
  g_assert_cmpstr (cursor, ==, "cursor-B");
  listed = shou_store_list_addresses (store, "sB");
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = shou_store_list_evidence (store, "b1");
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

}

/* Schema 7 re-keys a real v6 cache by account: no row, outbox entry or
 * count is lost, each row stays with its account, and removing one account
 * afterwards leaves every row of the other. */
static void
test_v6_two_accounts (void)
{
  static const struct { const char *table; gint64 n; } tables[] = {
    { "accounts", 2 }, { "shops", 2 }, { "orders", 2 }, { "order_lines", 2 },
    { "requests", 4 }, { "request_data", 4 }, { "events", 5 }, { "nego_rounds", 1 },
    { "shipments", 1 }, { "evidence", 2 }, { "addresses", 2 }, { "sync_state", 2 },
    { "outbox", 3 },
  };
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autofree char *check = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *file = NULL;
  gint64 now = g_get_real_time ();

  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (shou_store_schema_migrate (db, 6, &error));
    g_assert_no_error (error);
    fill_v6_two_accounts (db, dir, now);
  }

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shou_db_get_user_version (shou_store_get_db (store), NULL), ==,
                   shou_store_schema_latest ());
  check = shou_store_check_integrity (store, &error);
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Every row is still there (the rebuilt requests table did not take
   * its children with it), and with its own account. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i].table);
      g_test_message ("%s", tables[i].table);
      g_assert_cmpint (count_rows (store, sql), ==, tables[i].n);
    }
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM evidence WHERE account_id = 'accA' AND request_id = 'a1'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM evidence WHERE account_id = 'accB' AND request_id = 'b1'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM order_lines WHERE account_id = 'accB' AND order_id = 'oB1'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM requests WHERE key = id"), ==, 4);

  assert_two_accounts_read (store, now);

  /* Removing the first account keeps every row of the second, and the
   * evidence file the second still uses. */
  g_assert_true (shou_store_remove_account (store, "accA", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_NEGOTIATING, NULL), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM nego_rounds"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM order_lines"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM addresses"), ==, 1);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 2);
  file = shou_store_get_evidence_path (store, SHA_SHARED);
  g_assert_nonnull (file);

  /* A new account whose server also says "b1": its own row. */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    g_autoptr(JsonObject) b1 = NULL;
    g_autofree char *other = shou_store_add_account (store, "http://127.0.0.1:3", "新账号", &error);
    g_autofree char *key = NULL;

    g_assert_no_error (error);
    g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("b1", "sB", NULL, "wait_seller", 0, 1)));
    st_apply (store, other, page);
    g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, 3);
    key = shou_store_request_key (store, other, "b1");
    g_assert_nonnull (key);
    g_assert_cmpstr (key, !=, "b1");
    b1 = shou_store_get_request (store, "b1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (b1, "account_id"), ==, "accB");
  }

  g_clear_object (&list);
  g_clear_object (&store);
  st_rm_rf (dir);
}

#define BIG_N 8000

/* A v6 cache with @n requests (and their orders) of one account. */
static void
make_big_v6_n (const char *path,
               int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouDb) db = shou_db_open (path, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_true (shou_store_schema_migrate (db, 6, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO accounts VALUES ('acc', 'http://127.0.0.1:1', '演示店铺', 1);"
                         "INSERT INTO shops VALUES ('s1', 'acc', 'taobao', '老店', 'm', '{\"id\":\"s1\"}');"
                         "BEGIN;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
                         " INSERT INTO orders SELECT 'o' || i, 'acc', 's1', 'TB' || i, 'completed', '买家' || (i %% 97),"
                         " i, 1, '{}' FROM c;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
                         " INSERT INTO requests (id, account_id, shop_id, order_id, line_id, platform, type, status,"
                         " deadline_key, amount_fen, order_no, buyer, goods_title, sku, reason_text, view_mask, version)"
                         " SELECT 'r' || i, 'acc', 's1', 'o' || i, 'L1', 'taobao', 'refund_only',"
                         " iif(i %% 3 = 0, 'success', 'wait_seller'), 9223372036854775807, 100, 'TB' || i,"
                         " '买家' || (i %% 97), '纯棉连衣裙' || (i %% 13), '', '质量问题', iif(i %% 3 = 0, 80, 65), 1 FROM c;"
                         "INSERT INTO request_data SELECT rid, '{}', NULL FROM requests;"
                         "INSERT INTO events SELECT rid, 0, 1, 'buyer', 'opened', '买家申请退款' FROM requests;"
                         "COMMIT;"
                         "INSERT INTO outbox (account_id, request_id, kind, action, params, expected_version,"
                         " idempotency_key, created_at) VALUES ('acc', 'r%d', 'action', 'message', '{}', 1, 'k1', 1);",
                         n, n, n);
  shou_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
make_big_v6 (const char *path)
{
  make_big_v6_n (path, BIG_N);
}

static void
assert_big_migrated (ShouStore *store)
{
  g_autofree char *check = shou_store_check_integrity (store, NULL);

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM requests"), ==, BIG_N);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM orders"), ==, BIG_N);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events"), ==, BIG_N);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM request_data"), ==, BIG_N);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v7'"), ==, 0);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, BIG_N);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_FINISHED, "s1"), ==, BIG_N / 3);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 1);
  {
    g_autoptr(ShouRequestList) list = shou_request_list_new (store);

    shou_request_list_set_view (list, SHOU_VIEW_ALL);
    shou_request_list_set_search (list, "TB7999");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    shou_request_list_set_search (list, "买家96 纯棉连衣裙12");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  }
}

typedef struct
{
  int    fd;        /* child: tells the parent where it is, then waits */
  double first;     /* parent: the first fraction reported */
  double last;
  guint  calls;
  guint  ticks;     /* main loop turns seen during an async open */
} ProgressLog;

static void
child_progress_cb (double   fraction,
                   gpointer user_data)
{
  ProgressLog *log = user_data;

  /* Halfway through copying requests: report and wait to be killed. */
  if (fraction >= 0.05 && log->fd >= 0)
    {
      char c = 'k';

      g_assert_cmpint (write (log->fd, &c, 1), ==, 1);
      for (;;)
        pause ();
    }
}

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  ProgressLog *log = user_data;

  if (log->calls++ == 0)
    log->first = fraction;
  g_assert_cmpfloat (fraction, >=, log->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  log->last = fraction;
}

/* kill -9 in the middle of re-keying: the cache stays a sound v6 cache,
 * what was copied stays copied, and the next open resumes and finishes
 * without losing a row. */
static void
test_v7_killed_resumes (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  ProgressLog log = { -1, 0, 0, 0, 0 };
  int fds[2];
  pid_t pid;
  char c;
  int status;

  make_big_v6 (path);
  g_assert_true (shou_store_needs_migration (path));
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      ShouDb *db = shou_db_open (path, NULL);

      close (fds[0]);
      log.fd = fds[1];
      /* Up to schema 8 only: the threshold below is a share of all the
       * steps, and later steps would move it past the requests' copy. */
      shou_store_schema_migrate_full (db, 8, child_progress_cb, &log, NULL);
      _exit (3);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (fds[0]);

  /* Half-way: still schema 6, part of the requests already copied. */
  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    sqlite3_stmt *stmt;
    gint64 copied;

    g_assert_no_error (error);
    g_assert_cmpint (shou_db_get_user_version (db, NULL), ==, 6);
    stmt = shou_db_prepare (db, "SELECT count(*) FROM requests_v7", &error);
    g_assert_no_error (error);
    g_assert_cmpint (shou_db_step (db, stmt, NULL), ==, SQLITE_ROW);
    copied = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    g_test_message ("copied before the kill: %" G_GINT64_FORMAT, copied);
    g_assert_cmpint (copied, >, 0);
    g_assert_cmpint (copied, <, BIG_N);

    /* The next run goes on from there (its first report is not 0). */
    g_assert_true (shou_store_schema_migrate_full (db, -1, record_progress_cb, &log, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (log.first, >, 0.0);
    g_assert_cmpfloat (log.last, ==, 1.0);
  }

  g_assert_false (shou_store_needs_migration (path));
  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  assert_big_migrated (store);
  g_clear_object (&store);
  st_rm_rf (dir);
}

static gboolean
tick_cb (gpointer user_data)
{
  ProgressLog *log = user_data;

  log->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ShouStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shou_store_new_finish (result, &error);
  g_assert_no_error (error);
}

/* Opening an old cache asynchronously: the main loop keeps turning while
 * it is re-keyed, and the progress climbs to 1. */
static void
test_v7_async_progress (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  ShouStore *store = NULL;
  ProgressLog log = { -1, 0, 0, 0, 0 };
  guint tick;

  make_big_v6 (path);
  g_assert_true (shou_store_needs_migration (path));
  tick = g_timeout_add (5, tick_cb, &log);
  shou_store_new_async (path, record_progress_cb, &log, NULL, NULL, opened_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_test_message ("progress reports: %u, main loop turns: %u", log.calls, log.ticks);
  g_assert_cmpuint (log.calls, >, 3);
  g_assert_cmpuint (log.ticks, >, 0);
  g_assert_cmpfloat (log.last, ==, 1.0);
  assert_big_migrated (store);
  g_assert_finalize_object (store);
  st_rm_rf (dir);
}

/* ---- live migration: the window reads the old tables meanwhile -------- */

static void
wait_migrated (ShouStore *store)
{
  while (shou_store_get_migrating (store))
    {
      g_assert_null (shou_store_get_migration_error (store));
      g_main_context_iteration (NULL, TRUE);
    }
}

static int
file_version (const char *path)
{
  g_autoptr(ShouDb) db = shou_db_open (path, NULL);

  return shou_db_get_user_version (db, NULL);
}

/* A v6 cache opened live: while the worker is held back (another
 * connection holds the write lock, so it cannot have switched over),
 * every row, count, search, outbox entry and detail of the v6-two-accounts
 * test is there; after the migration they are the same. */
static void
test_v7_live_two_accounts (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouDb) blocker = NULL;
  g_autofree char *check = NULL;
  gint64 now = g_get_real_time ();

  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (shou_store_schema_migrate (db, 6, &error));
    g_assert_no_error (error);
    fill_v6_two_accounts (db, dir, now);
  }
  g_assert_true (shou_store_can_migrate_live (path));

  blocker = shou_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (shou_db_begin (blocker, &error));

  store = shou_store_new_live (path, &error);
  g_assert_no_error (error);
  g_assert_true (shou_store_get_migrating (store));
  assert_two_accounts_read (store, now);
  g_assert_cmpint (shou_db_get_user_version (blocker, NULL), ==, 6);
  g_assert_true (shou_store_get_migrating (store));
  g_assert_true (shou_db_commit (blocker, &error));

  wait_migrated (store);
  g_assert_cmpint (file_version (path), ==, shou_store_schema_latest ());
  g_assert_cmpfloat (shou_store_get_migration_progress (store), ==, 1.0);
  check = shou_store_check_integrity (store, &error);
  g_assert_cmpstr (check, ==, "ok");
  assert_two_accounts_read (store, now);
  g_clear_object (&store);
  st_rm_rf (dir);
}

#define LIVE_N 40000

/* Gives requests r<i> server data an action can be checked against. */
static void
make_actionable (const char *path,
                 const int  *ids,
                 guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouDb) db = shou_db_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%d", ids[i]);
      g_autofree char *order = g_strdup_printf ("o%d", ids[i]);
      g_autoptr(JsonObject) obj = st_aftersale (id, "s1", order, "wait_seller", 0, 1);
      g_autofree char *text = shou_store_json_to_string (obj);
      sqlite3_stmt *stmt = shou_db_prepare (db, "UPDATE request_data SET server_data = ?1"
                                            " WHERE rid = (SELECT rid FROM requests WHERE id = ?2)", &error);

      g_assert_no_error (error);
      shou_db_bind_text (stmt, 1, text);
      shou_db_bind_text (stmt, 2, id);
      g_assert_true (shou_db_run (db, stmt, &error));
      g_assert_no_error (error);
    }
}

static void
agree_refund (ShouStore  *store,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();

  json_object_set_int_member (params, "amount_fen", 9900);
  shou_store_enqueue_action (store, key, SHOU_ACTION_AGREE_REFUND, params, 1, &error);
  g_assert_no_error (error);
}

/* The request's optimistic state after agree_refund, in its row and its
 * detail. */
static void
assert_agreed (ShouStore  *store,
               const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) req = shou_store_get_request (store, key, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT pending * 10 + (status = 'wait_seller')"
                                          " FROM requests WHERE key = '%s'", key);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (req, "status"), !=, "wait_seller");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (req, "pending_actions")), ==, 1);
  g_assert_cmpint (count_rows (store, sql), ==, 10);
}

/* The queue shows rows at once, and an action taken meanwhile (on a row
 * already copied and on one not yet copied) is in the outbox after the
 * switch-over, with its optimistic state on the request. */
static void
test_v7_live_action (void)
{
  static const int acted[] = { 100, LIVE_N - 5 };
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouOutboxEntry) entry = NULL;
  gint64 t0;

  make_big_v6_n (path, LIVE_N);
  make_actionable (path, acted, G_N_ELEMENTS (acted));

  t0 = g_get_monotonic_time ();
  store = shou_store_new_live (path, &error);
  g_assert_no_error (error);
  list = shou_request_list_new (store);
  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, LIVE_N - LIVE_N / 3);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, "s1"), ==, LIVE_N);
  shou_request_list_set_search (list, "TB100");
  while (shou_request_list_get_searching (list))
    g_main_context_iteration (NULL, TRUE);
  /* TB100, TB100x, TB100xx not divisible by 3 (those are finished) */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 75);
  g_assert_true (shou_store_get_migrating (store));
  g_test_message ("rows read %.0f ms after opening", (g_get_monotonic_time () - t0) / 1000.0);

  /* Once the first batches are copied, r100 is among them. The copy is
   * the first half of step 6 -> 7, one of (latest - 6) steps: a fifth of
   * the way through the copy, whatever the number of later steps. */
  while (shou_store_get_migration_progress (store) < 0.1 / (shou_store_schema_latest () - 6))
    g_main_context_iteration (NULL, TRUE);
  t0 = g_get_monotonic_time ();
  agree_refund (store, "r100");
  agree_refund (store, "r39995");
  /* The worker lets them in between its batches (not after its run). */
  g_test_message ("two actions during the copy took %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  assert_agreed (store, "r100");
  /* Still running: the file has not switched over. */
  g_assert_cmpint (file_version (path), ==, 6);
  g_assert_true (shou_store_get_migrating (store));

  wait_migrated (store);
  g_assert_cmpint (file_version (path), ==, shou_store_schema_latest ());
  g_assert_cmpuint (shou_store_count_pending (store), ==, 3);
  assert_agreed (store, "r100");
  assert_agreed (store, "r39995");
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, LIVE_N);
  entry = shou_store_outbox_next (store, "acc");
  g_assert_nonnull (entry);
  g_clear_pointer (&entry, shou_outbox_entry_free);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM outbox WHERE action = 'agree_refund'"
                                      " AND request_id IN ('r100', 'r39995')"), ==, 2);
  g_clear_object (&list);
  g_clear_object (&store);
  st_rm_rf (dir);
}

static const guint8 live_png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static char *
save_live_address (ShouStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) addr = json_object_new ();
  char *id;

  json_object_set_string_member (addr, "name", "张三");
  json_object_set_string_member (addr, "phone", "13812345678");
  json_object_set_string_member (addr, "province", "浙江省");
  json_object_set_string_member (addr, "city", "杭州市");
  json_object_set_string_member (addr, "district", "余杭区");
  json_object_set_string_member (addr, "street", "文一西路 969 号");
  id = shou_store_save_address (store, "s1", addr, &error);
  g_assert_no_error (error);
  return id;
}

/* Evidence picked and an address saved while the cache is re-keyed are
 * shown at once, and are still there, with their outbox entries, after
 * the switch-over; removing evidence meanwhile works too. */
static void
test_v7_live_evidence_and_address (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (live_png, sizeof live_png);
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sha2 = NULL;
  g_autofree char *address_id = NULL;
  guint8 changed[sizeof live_png];
  static const int acted[] = { 100 };

  make_big_v6_n (path, LIVE_N);
  make_actionable (path, acted, G_N_ELEMENTS (acted));
  store = shou_store_new_live (path, &error);
  g_assert_no_error (error);
  /* A fifth of the way through the copy (see test_v7_live_action). */
  while (shou_store_get_migration_progress (store) < 0.1 / (shou_store_schema_latest () - 6))
    g_main_context_iteration (NULL, TRUE);

  sha = shou_store_import_evidence_bytes (store, "r100", bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  memcpy (changed, live_png, sizeof live_png);
  changed[sizeof live_png - 1] ^= 1;
  other = g_bytes_new (changed, sizeof changed);
  sha2 = shou_store_import_evidence_bytes (store, "r100", other, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_true (shou_store_remove_evidence (store, "r100", sha2, &error));
  g_assert_no_error (error);
  address_id = save_live_address (store);
  evidence = shou_store_list_evidence (store, "r100");
  g_assert_cmpuint (evidence->len, ==, 1);
  g_clear_pointer (&evidence, g_ptr_array_unref);
  addresses = shou_store_list_addresses (store, "s1");
  g_assert_cmpuint (addresses->len, ==, 1);
  g_clear_pointer (&addresses, g_ptr_array_unref);
  /* Still running: the file has not switched over. */
  g_assert_cmpint (file_version (path), ==, 6);
  g_assert_true (shou_store_get_migrating (store));

  wait_migrated (store);
  g_assert_cmpint (file_version (path), ==, shou_store_schema_latest ());
  evidence = shou_store_list_evidence (store, "r100");
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (evidence->pdata[0], "sha256"), ==, sha);
  addresses = shou_store_list_addresses (store, "s1");
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (addresses->pdata[0], "id"), ==, address_id);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM evidence WHERE account_id = 'acc'"
                                      " AND request_id = 'r100'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM outbox WHERE state = 'queued'"
                                      " AND kind IN ('evidence', 'address_create')"), ==, 2);
  g_clear_object (&store);
  st_rm_rf (dir);
}

static void
on_live_progress_cb (ShouStore  *store,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  int *fd = user_data;
  char c = 'k';

  /* Two fifths into schema 7's copy (the first half of its step, one of
   * the steps from 6 to the latest): still at version 6. Progress moves in
   * whole percents, so with a dozen steps four fifths came at the copy's
   * very end, and the step could commit before the kill. */
  if (*fd < 0 || shou_store_get_migration_progress (store) < 0.2 / (shou_store_schema_latest () - 6))
    return;
  agree_refund (store, "r100");
  g_assert_cmpint (write (*fd, &c, 1), ==, 1);
  *fd = -1;
}

/* kill -9 during a live migration with an action queued on a row already
 * copied: the next open finishes the migration and loses nothing. */
static void
test_v7_live_killed (void)
{
  static const int acted[] = { 100 };
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  int fds[2];
  pid_t pid;
  char c;
  int status;

  make_big_v6_n (path, LIVE_N);
  make_actionable (path, acted, G_N_ELEMENTS (acted));
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      ShouStore *child = shou_store_new_live (path, NULL);
      int fd = fds[1];

      close (fds[0]);
      g_signal_connect (child, "notify::migration-progress", G_CALLBACK (on_live_progress_cb), &fd);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (fds[0]);
  g_assert_cmpint (file_version (path), ==, 6);

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 2);
  assert_agreed (store, "r100");
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM requests"), ==, LIVE_N);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, LIVE_N);
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
  g_test_add_func ("/store/migrations/v6-two-accounts", test_v6_two_accounts);
  g_test_add_func ("/store/migrations/v7-killed-resumes", test_v7_killed_resumes);
  /* Forks: before any test starts a thread. */
  g_test_add_func ("/store/migrations/v7-live-killed", test_v7_live_killed);
  g_test_add_func ("/store/migrations/v7-async-progress", test_v7_async_progress);
  g_test_add_func ("/store/migrations/v7-live-two-accounts", test_v7_live_two_accounts);
  g_test_add_func ("/store/migrations/v7-live-action", test_v7_live_action);
  g_test_add_func ("/store/migrations/v7-live-evidence-and-address", test_v7_live_evidence_and_address);

  return g_test_run ();
}
