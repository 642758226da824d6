/* test-store: the cache and outbox on a real SQLite file. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "store-test-util.h"
#include "sync/shou-api-errors.h"
#include "store-core-test-util.h"


static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "shouhou.db", NULL);
  g_autofree char *check = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shou_store_get_path (f->store), ==, path);
  check = shou_store_check_integrity (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check, ==, "ok");

  /* Another connection sees WAL and the latest schema. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  {
    g_autofree char *dp = shou_store_get_default_path ();
    g_assert_true (g_str_has_suffix (dp, "/shouhou/shouhou.db"));
  }
}

static void
test_open_bad_file (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, just text; long enough to be a header.....", -1, NULL));
  store = shou_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_OPEN);
  st_rm_rf (dir);
}

static void
test_apply_and_counts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) r1 = NULL;
  JsonObject *order;

  load_basic (f);

  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, NULL), ==, 5);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 3);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_URGENT, NULL), ==, 2);  /* r1 and overdue r3 */
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_NEGOTIATING, NULL), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_AWAIT_RETURN, NULL), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_INTERVENTION, NULL), ==, 0);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_FINISHED, NULL), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, "shop1"), ==, 2);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, "shop2"), ==, 2);

  r1 = shou_store_get_request (f->store, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), ==, "wait_seller");
  order = json_object_get_object_member (r1, "order");
  g_assert_nonnull (order);
  g_assert_cmpstr (json_object_get_string_member (order, "order_no"), ==, "TB1001");
  g_assert_true (json_object_get_null_member (r1, "conflict") || json_object_has_member (r1, "conflict"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r1, "pending_actions")), ==, 0);

  g_assert_null (shou_store_get_request (f->store, "nope", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND);
}

static void
test_reapply_and_stale (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) r5 = NULL;
  g_autoptr(GError) error = NULL;

  load_basic (f);
  load_basic (f);   /* the same page again changes nothing */
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, NULL), ==, 5);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 3);

  /* An older copy of r5 (version 2 < 3) is ignored. */
  g_ptr_array_add (stale, st_change ("aftersale", st_aftersale ("r5", "shop1", "o1", "wait_seller", 0, 2)));
  st_apply (f->store, f->account, stale);
  r5 = shou_store_get_request (f->store, "r5", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (r5, "status"), ==, "success");
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_FINISHED, NULL), ==, 1);

  /* A newer one moves it between views. */
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r1", "shop1", "o1", "intervention", 0, 5)));
  st_apply (f->store, f->account, page);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_INTERVENTION, NULL), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_URGENT, NULL), ==, 1);

  {
    g_autofree char *cursor = shou_store_get_cursor (f->store, f->account);
    g_assert_nonnull (cursor);
  }
}

static void
test_order_after_request (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) p1 = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) p2 = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;

  /* The feed moves an order that changed later behind its request. */
  g_ptr_array_add (p1, st_change ("aftersale", st_aftersale ("r9", "shop1", "o9", "wait_seller", 0, 1)));
  st_apply (f->store, f->account, p1);
  list = shou_request_list_new (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (shou_request_item_get_buyer (item), ==, "");
  g_clear_object (&item);

  g_ptr_array_add (p2, st_change ("order", st_order ("o9", "shop1", "TB9009", "李雷", "羽绒服", 2)));
  st_apply (f->store, f->account, p2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (shou_request_item_get_buyer (item), ==, "李雷");
  g_assert_cmpstr (shou_request_item_get_goods_title (item), ==, "羽绒服");
  g_assert_cmpstr (shou_request_item_get_order_no (item), ==, "TB9009");
  g_assert_cmpstr (shou_request_item_get_shop_name (item), ==, "小红的淘宝店");
}

static void
test_remove_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(JsonObject) msg = json_object_new ();

  load_basic (f);
  json_object_set_string_member (msg, "text", "您好");
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_MESSAGE, msg, 1, &error));
  orders = shou_store_list_orders (f->store, NULL, "大锤", 0, 10);
  g_assert_cmpuint (orders->len, ==, 1);

  g_assert_true (shou_store_remove_account (f->store, f->account, &error));
  g_assert_no_error (error);
  shops = shou_store_list_shops (f->store);
  accounts = shou_store_list_accounts (f->store);
  g_assert_cmpuint (shops->len, ==, 0);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, NULL), ==, 0);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);

  g_assert_false (shou_store_remove_account (f->store, f->account, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND);
}

/* The key (shou-store.h) of the list row of @account's request @id. */
static char *
key_of (ShouStore  *store,
        const char *account,
        const char *id)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) req = shou_store_get_request (store, shou_request_item_get_id (item), NULL);

      g_assert_nonnull (req);
      if (g_strcmp0 (json_object_get_string_member (req, "id"), id) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (req, "account_id", ""), account) == 0)
        return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

/* The key of @account's shop @id, from the shop list. */
static char *
shop_key_of (ShouStore  *store,
             const char *account,
             const char *id)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (store);

  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];

      if (g_strcmp0 (json_object_get_string_member (shop, "account_id"), account) == 0 &&
          g_strcmp0 (json_object_get_string_member (shop, "id"), id) == 0)
        return g_strdup (json_object_get_string_member_with_default (shop, "key", id));
    }
  return NULL;
}

static guint
search_hits (ShouStore  *store,
             const char *text)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  shou_request_list_set_search (list, text);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* Two accounts whose servers use the same ids (two runs of the demo
 * simulator, two merchants on one server): each keeps its own rows,
 * counts, search hits, addresses, evidence and outbox, and removing one
 * leaves every row of the other (issue 17, item 1). */
static void
test_two_accounts_same_ids (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const ids[] = { "r1", "r2", "r3", "r4", "r5" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autofree char *second = NULL;
  g_autofree char *a_shop1 = NULL, *b_shop1 = NULL, *b_shop2 = NULL;
  g_autofree char *a_r1 = NULL, *b_r1 = NULL;
  g_autofree char *sha_a = NULL, *sha_b = NULL, *path = NULL;
  char *b_keys[G_N_ELEMENTS (ids)];
  gint64 now = g_get_real_time ();
  JsonObject *shop, *addr;

  second = shou_store_add_account (f->store, "http://127.0.0.1:10", "第二个账号", &error);
  g_assert_no_error (error);
  shop = json_object_new ();
  json_object_set_string_member (shop, "id", "shop1");
  json_object_set_string_member (shop, "platform", "taobao");
  json_object_set_string_member (shop, "name", "第二家淘宝店");
  g_ptr_array_add (shops, shop);
  shop = json_object_new ();
  json_object_set_string_member (shop, "id", "shop2");
  json_object_set_string_member (shop, "platform", "pdd");
  json_object_set_string_member (shop, "name", "第二家拼多多店");
  g_ptr_array_add (shops, shop);
  g_assert_true (shou_store_upsert_shops (f->store, second, shops, &error));
  g_assert_no_error (error);

  load_basic_for (f, f->account);
  load_basic_for (f, second);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      addr = json_object_new ();
      json_object_set_string_member (addr, "id", "addr-1");
      json_object_set_string_member (addr, "shop_id", "shop1");
      json_object_set_string_member (addr, "name", i == 0 ? "张三" : "李四");
      json_object_set_string_member (addr, "phone", "13800138000");
      json_object_set_string_member (addr, "province", "浙江省");
      json_object_set_string_member (addr, "city", "杭州市");
      json_object_set_string_member (addr, "street", "文一西路 1 号");
      json_object_set_int_member (addr, "version", 1);
      g_ptr_array_add (page, st_change ("address", addr));
      st_apply (f->store, i == 0 ? f->account : second, page);
    }

  /* Four shops, each with its own key; the sidebar's counts. */
  listed = shou_store_list_shops (f->store);
  g_assert_cmpuint (listed->len, ==, 4);
  a_shop1 = shop_key_of (f->store, f->account, "shop1");
  b_shop1 = shop_key_of (f->store, second, "shop1");
  b_shop2 = shop_key_of (f->store, second, "shop2");
  g_assert_nonnull (a_shop1);
  g_assert_nonnull (b_shop1);
  g_assert_cmpstr (a_shop1, !=, b_shop1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, NULL), ==, 10);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 6);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_FINISHED, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, a_shop1), ==, 3);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, b_shop1), ==, 3);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_NEGOTIATING, b_shop2), ==, 1);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, now), ==, 4);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, b_shop1, now), ==, 1);
  g_assert_cmpuint (search_hits (f->store, "纯棉连衣"), ==, 4);
  g_assert_cmpuint (search_hits (f->store, "耳机"), ==, 2);
  orders = shou_store_list_orders (f->store, NULL, NULL, 0, 100);
  g_assert_cmpuint (orders->len, ==, 6);
  g_clear_pointer (&orders, g_ptr_array_unref);

  /* Every request of each account has its own key. */
  a_r1 = key_of (f->store, f->account, "r1");
  g_assert_nonnull (a_r1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      b_keys[i] = key_of (f->store, second, ids[i]);
      g_assert_nonnull (b_keys[i]);
    }
  b_r1 = g_strdup (b_keys[0]);
  g_assert_cmpstr (a_r1, !=, b_r1);

  /* The same file as evidence on both: one copy on disk, two rows. */
  sha_a = shou_store_import_evidence_bytes (f->store, a_r1, bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  sha_b = shou_store_import_evidence_bytes (f->store, b_r1, bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha_a, ==, sha_b);

  /* An action on the second account's r1 goes to the second account,
   * named by the server's id. */
  json_object_set_string_member (msg, "text", "您好");
  g_assert_true (shou_store_enqueue_action (f->store, b_r1, SHOU_ACTION_MESSAGE, msg, 1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) a = shou_store_get_request (f->store, a_r1, &error);
    g_autoptr(JsonObject) b = shou_store_get_request (f->store, b_r1, &error);

    g_assert_no_error (error);
    /* Only the evidence upload is pending on the first; on the second the
     * upload and the message. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "pending_actions")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "pending_actions")), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (b, "shop_key"), ==, b_shop1);
  }
  entry = shou_store_outbox_next (f->store, second);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->account_id, ==, second);
  g_assert_cmpstr (entry->request_id, ==, "r1");
  g_assert_true (shou_store_outbox_complete (f->store, entry->id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, shou_outbox_entry_free);
  entry = shou_store_outbox_next (f->store, second);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->action, ==, "message");
  g_clear_pointer (&entry, shou_outbox_entry_free);
  entry = shou_store_outbox_next (f->store, f->account);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->kind, ==, SHOU_OUTBOX_EVIDENCE);
  g_clear_pointer (&entry, shou_outbox_entry_free);

  listed = (g_ptr_array_unref (listed), shou_store_list_addresses (f->store, a_shop1));
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (listed->pdata[0], "name"), ==, "张三");
  listed = (g_ptr_array_unref (listed), shou_store_list_addresses (f->store, b_shop1));
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (listed->pdata[0], "name"), ==, "李四");

  /* Removing the first account leaves every row of the second. */
  g_assert_true (shou_store_remove_account (f->store, f->account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, NULL), ==, 5);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 3);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, b_shop1), ==, 3);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, now), ==, 2);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_ALL, a_shop1), ==, 0);
  g_assert_cmpuint (search_hits (f->store, "纯棉连衣"), ==, 2);
  g_assert_cmpuint (search_hits (f->store, "耳机"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(JsonObject) req = shou_store_get_request (f->store, b_keys[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (req, "id"), ==, ids[i]);
      g_assert_nonnull (json_object_get_object_member (req, "order"));
      g_free (b_keys[i]);
    }
  g_assert_null (shou_store_get_request (f->store, a_r1, NULL));
  listed = (g_ptr_array_unref (listed), shou_store_list_shops (f->store));
  g_assert_cmpuint (listed->len, ==, 2);
  orders = shou_store_list_orders (f->store, NULL, NULL, 0, 100);
  g_assert_cmpuint (orders->len, ==, 3);
  listed = (g_ptr_array_unref (listed), shou_store_list_addresses (f->store, b_shop1));
  g_assert_cmpuint (listed->len, ==, 1);
  listed = (g_ptr_array_unref (listed), shou_store_list_evidence (f->store, b_r1));
  g_assert_cmpuint (listed->len, ==, 1);
  path = shou_store_get_evidence_path (f->store, sha_b);
  g_assert_nonnull (path);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
  entry = shou_store_outbox_next (f->store, second);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, "r1");
  g_assert_cmpstr (entry->action, ==, "message");
}

static void
test_bad_account_url (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = shou_store_add_account (f->store, "ftp://example.com", "x", &error);

  g_assert_null (id);
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
}

/* 全部订单: each order carries the state of its cached requests (their
 * effective status), not what the order's own data says. */
static void
test_orders_aftersales (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = NULL;
  gboolean seen_o1 = FALSE, seen_o2 = FALSE, seen_o4 = FALSE;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  load_basic (f);
  g_ptr_array_add (page, st_change ("order", st_order ("o4", "shop1", "TB1004", "小红", "帆布包", 1)));
  st_apply (f->store, f->account, page);

  orders = shou_store_list_orders (f->store, NULL, NULL, 0, 100);
  g_assert_cmpuint (orders->len, ==, 4);
  for (guint i = 0; i < orders->len; i++)
    {
      JsonObject *order = g_ptr_array_index (orders, i);
      const char *id = json_object_get_string_member (order, "id");
      JsonArray *aftersales = json_object_get_array_member (order, "aftersales");

      g_assert_nonnull (aftersales);
      if (g_str_equal (id, "o1"))
        {
          /* r1 open, r5 finished, oldest first */
          g_assert_cmpuint (json_array_get_length (aftersales), ==, 2);
          for (guint j = 0; j < 2; j++)
            {
              JsonObject *r = json_array_get_object_element (aftersales, j);
              const char *rid = json_object_get_string_member (r, "id");

              g_assert_true (g_str_equal (rid, "r1") || g_str_equal (rid, "r5"));
              g_assert_cmpstr (json_object_get_string_member (r, "status"), ==,
                               g_str_equal (rid, "r1") ? "wait_seller" : "success");
              g_assert_cmpstr (json_object_get_string_member (r, "type"), ==, "refund_only");
            }
          seen_o1 = TRUE;
        }
      else if (g_str_equal (id, "o2"))
        {
          g_assert_cmpuint (json_array_get_length (aftersales), ==, 1);
          seen_o2 = TRUE;
        }
      else if (g_str_equal (id, "o4"))
        {
          g_assert_cmpuint (json_array_get_length (aftersales), ==, 0);
          seen_o4 = TRUE;
        }
    }
  g_assert_true (seen_o1 && seen_o2 && seen_o4);

  /* A queued action shows at once: r1 agreed (refund), o1 has no open request. */
  {
    g_autoptr(JsonObject) params = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_int_member (params, "amount_fen", 9900);
    g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
    g_assert_no_error (error);
    g_clear_pointer (&orders, g_ptr_array_unref);
    orders = shou_store_list_orders (f->store, "shop1", "TB1001", 0, 100);
    g_assert_cmpuint (orders->len, ==, 1);
    {
      JsonArray *aftersales = json_object_get_array_member (g_ptr_array_index (orders, 0), "aftersales");

      for (guint j = 0; j < json_array_get_length (aftersales); j++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (aftersales, j), "status"),
                         ==, "success");
    }
  }
}

static JsonObject *
exchange_waiting_ship (const char *id,
                       gint64      deadline_at)
{
  JsonObject *a = st_aftersale (id, "shop1", "o1", "wait_seller_ship", deadline_at, 4);
  JsonArray *allowed = json_array_new ();

  json_object_set_string_member (a, "type", "exchange");
  json_array_add_string_element (allowed, "ship_exchange");
  json_array_add_string_element (allowed, "message");
  json_object_set_array_member (a, "allowed_actions", allowed);
  json_object_set_null_member (a, "exchange_shipment");
  return a;
}

static gboolean
in_view (ShouStore  *store,
         const char *id,
         ShouView    view)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);

  shou_request_list_set_view (list, view);
  return shou_request_list_find (list, id) >= 0;
}

static ShouRequestItem *
item_of (ShouStore  *store,
         const char *id)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  return g_list_model_get_item (G_LIST_MODEL (list), shou_request_list_find (list, id));
}

/* After ship_exchange the request waits for the buyer: out of 待处理, in
 * the buyer-side view, marked shipped; first from the optimistic state of
 * the queued action, then from the server's data. */
static void
test_exchange_shipped (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  g_autoptr(JsonObject) request = NULL;
  JsonObject *server;
  JsonObject *ship;
  JsonArray *events;
  JsonObject *event;
  gint64 now = g_get_real_time ();

  g_ptr_array_add (page, st_change ("order", st_order ("o1", "shop1", "TB1001", "小明", "纯棉连衣裙", 1)));
  g_ptr_array_add (page, st_change ("aftersale", exchange_waiting_ship ("x1", now + 48 * HOUR)));
  st_apply (f->store, f->account, page);

  g_assert_true (in_view (f->store, "x1", SHOU_VIEW_PENDING));
  g_assert_false (in_view (f->store, "x1", SHOU_VIEW_AWAIT_RETURN));
  item = item_of (f->store, "x1");
  g_assert_false (shou_request_item_get_exchange_shipped (item));
  g_clear_object (&item);

  /* Optimistic */
  json_object_set_string_member (params, "carrier", "SF");
  json_object_set_string_member (params, "tracking_no", "SF1234567890123");
  g_assert_true (shou_store_enqueue_action (f->store, "x1", SHOU_ACTION_SHIP_EXCHANGE, params, 4, &error));
  g_assert_no_error (error);
  g_assert_false (in_view (f->store, "x1", SHOU_VIEW_PENDING));
  g_assert_true (in_view (f->store, "x1", SHOU_VIEW_AWAIT_RETURN));
  item = item_of (f->store, "x1");
  g_assert_true (shou_request_item_get_exchange_shipped (item));
  g_assert_cmpint (shou_request_item_get_status (item), ==, SHOU_STATUS_WAIT_SELLER_SHIP);
  g_clear_object (&item);
  {
    g_autoptr(GPtrArray) orders = shou_store_list_orders (f->store, NULL, "TB1001", 0, 10);
    JsonArray *aftersales = json_object_get_array_member (g_ptr_array_index (orders, 0), "aftersales");

    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (aftersales, 0), "exchange_shipped"));
  }
  request = shou_store_get_request (f->store, "x1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "wait_seller_ship");
  ship = json_object_get_object_member (request, "exchange_shipment");
  g_assert_nonnull (ship);
  g_assert_cmpstr (json_object_get_string_member (ship, "carrier"), ==, "SF");
  g_assert_cmpstr (json_object_get_string_member (ship, "tracking_no"), ==, "SF1234567890123");
  g_assert_false (json_array_get_length (json_object_get_array_member (request, "allowed_actions")) > 0 &&
                  g_strcmp0 (json_array_get_string_element (json_object_get_array_member (request, "allowed_actions"), 0),
                             "ship_exchange") == 0);
  g_clear_pointer (&request, json_object_unref);

  /* The server's answer (as the simulator sends it): version 5, shipped. */
  server = exchange_waiting_ship ("x1", now + 10 * 24 * HOUR);
  json_object_set_int_member (server, "version", 5);
  json_object_set_string_member (server, "deadline_actor", "buyer");
  json_object_set_string_member (server, "on_lapse", "auto_confirm");
  json_object_set_array_member (server, "allowed_actions", json_array_new ());
  ship = json_object_new ();
  json_object_set_string_member (ship, "carrier", "SF");
  json_object_set_string_member (ship, "tracking_no", "SF1234567890123");
  json_object_set_int_member (ship, "shipped_at", now);
  events = json_array_new ();
  event = json_object_new ();
  json_object_set_int_member (event, "at", now);
  json_object_set_string_member (event, "text", "【揽收】商家已发货");
  json_array_add_object_element (events, event);
  json_object_set_array_member (ship, "events", events);
  json_object_set_object_member (server, "exchange_shipment", ship);
  {
    g_autoptr(ShouOutboxEntry) entry = shou_store_outbox_next (f->store, f->account);

    g_assert_nonnull (entry);
    g_assert_true (shou_store_outbox_complete (f->store, entry->id, server, &error));
    g_assert_no_error (error);
  }
  json_object_unref (server);

  g_assert_false (in_view (f->store, "x1", SHOU_VIEW_PENDING));
  g_assert_true (in_view (f->store, "x1", SHOU_VIEW_AWAIT_RETURN));
  item = item_of (f->store, "x1");
  g_assert_true (shou_request_item_get_exchange_shipped (item));
  g_assert_cmpuint (shou_request_item_get_pending_actions (item), ==, 0);
  request = shou_store_get_request (f->store, "x1", &error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (request, "exchange_shipment"),
                                                                          "events")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("open", test_open);
  g_test_add_func ("/store/open-bad-file", test_open_bad_file);
  ADD ("apply-and-counts", test_apply_and_counts);
  ADD ("reapply-and-stale", test_reapply_and_stale);
  ADD ("order-after-request", test_order_after_request);
  ADD ("remove-account", test_remove_account);
  ADD ("two-accounts-same-ids", test_two_accounts_same_ids);
  ADD ("bad-account-url", test_bad_account_url);
  ADD ("orders-aftersales", test_orders_aftersales);
  ADD ("exchange-shipped", test_exchange_shipped);
#undef ADD

  return g_test_run ();
}
