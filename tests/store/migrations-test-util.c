/* migrations-test-util.c: what test-store-migrations.c and
 * test-store-migrations-live.c share: old caches written as their version
 * wrote them (two accounts, a big one) and the checks after migrating.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "migrations-test-util.h"

/* A v6 cache as schema 6 wrote it, with the rows of two accounts: every
 * table that schema 7 re-keys has rows of both. */
void
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

gint64
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
void
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

/* A v6 cache with @n requests (and their orders) of one account. */
void
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

void
make_big_v6 (const char *path)
{
  make_big_v6_n (path, BIG_N);
}

void
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

void
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
