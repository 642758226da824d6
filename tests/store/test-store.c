/* test-store: the cache and outbox on a real SQLite file. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "store-test-util.h"
#include "sync/shou-api-errors.h"

#define HOUR G_TIME_SPAN_HOUR

typedef struct
{
  char      *dir;
  ShouStore *store;
  char      *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  st_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->account);
}

static void
reopen (Fixture *f)
{
  g_assert_finalize_object (f->store);
  f->store = st_store_new (f->dir, NULL);
}

/* Five requests across views: r1 due in 2 h, r2 in 30 h, r3 overdue,
 * r4 negotiating, r5 finished. */
static void
load_basic_for (Fixture    *f,
                const char *account)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();
  JsonObject *nego;

  g_ptr_array_add (page, st_change ("order", st_order ("o1", "shop1", "TB1001", "小明", "纯棉连衣裙", 1)));
  g_ptr_array_add (page, st_change ("order", st_order ("o2", "shop1", "TB1002", "王大锤", "蓝牙耳机", 1)));
  g_ptr_array_add (page, st_change ("order", st_order ("o3", "shop2", "PDD2001", "xiaoli", "保温杯", 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r1", "shop1", "o1", "wait_seller", now + 2 * HOUR, 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r2", "shop1", "o2", "wait_seller", now + 30 * HOUR, 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r3", "shop2", "o3", "wait_seller_receipt", now - HOUR, 1)));
  nego = st_aftersale ("r4", "shop2", "o3", "negotiating", 0, 1);
  json_object_set_string_member (json_object_get_object_member (nego, "negotiation"), "phase", "round1_wait");
  g_ptr_array_add (page, st_change ("aftersale", nego));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r5", "shop1", "o1", "success", 0, 3)));
  st_apply (f->store, account, page);
}

static void
load_basic (Fixture *f)
{
  load_basic_for (f, f->account);
}

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
test_enqueue_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();

  load_basic (f);

  /* Not allowed now: the server's allowed_actions say so. */
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_CONFIRM_RECEIPT,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* More than requested. */
  json_object_set_int_member (params, "amount_fen", 10000);
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A message naming a third-party channel. */
  json_object_set_string_member (params, "text", "加我微信聊");
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_MESSAGE,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (shou_store_enqueue_action (f->store, "missing", SHOU_ACTION_MESSAGE,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
}

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
count_changed_cb (ShouStore  *store,
                  const char *request_id,
                  guint      *count)
{
  (*count)++;
}

static void
test_enqueue_durable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(ShouOutboxEntry) e1 = NULL;
  g_autoptr(ShouOutboxEntry) e2 = NULL;
  g_autoptr(ShouOutboxEntry) e3 = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  guint changed = 0, outbox = 0;
  int pos;

  load_basic (f);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_signal_connect (f->store, "outbox-changed", G_CALLBACK (count_signal_cb), &outbox);

  json_object_set_int_member (params, "amount_fen", 9900);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND,
                                            params, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (outbox, ==, 1);
  json_object_set_string_member (msg, "text", "您好，已为您办理退款");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, msg, 1, &error));
  g_assert_no_error (error);

  /* The optimistic state is visible at once and survives a restart. */
  reopen (f);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 2);
  r1 = shou_store_get_request (f->store, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), !=, "wait_seller");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r1, "pending_actions")), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_account_pending (f->store, f->account), ==, 2);

  list = shou_request_list_new (f->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  pos = shou_request_list_find (list, "r1");
  g_assert_cmpint (pos, >=, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), pos);
  g_assert_cmpuint (shou_request_item_get_pending_actions (item), ==, 1);

  /* In order, with the saved key and version. */
  e1 = shou_store_outbox_next (f->store, f->account);
  g_assert_nonnull (e1);
  g_assert_cmpstr (e1->request_id, ==, "r1");
  g_assert_cmpstr (e1->action, ==, "agree_refund");
  g_assert_cmpint (e1->expected_version, ==, 1);
  g_assert_cmpuint (strlen (e1->idempotency_key), >=, 8);
  g_assert_cmpint (json_object_get_int_member (e1->params, "amount_fen"), ==, 9900);

  /* Sending, then a crash: the same entry and key come back. */
  g_assert_true (shou_store_outbox_mark_sending (f->store, e1->id, &error));
  g_clear_object (&item);
  g_clear_object (&list);
  reopen (f);
  e2 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e2->id, ==, e1->id);
  g_assert_cmpstr (e2->idempotency_key, ==, e1->idempotency_key);
  g_assert_cmpuint (e2->attempts, ==, 1);

  {
    g_autoptr(JsonObject) done = st_aftersale ("r1", "shop1", "o1", "success", 0, 2);
    g_assert_true (shou_store_outbox_complete (f->store, e2->id, done, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "done"), ==, 1);
  e3 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (e3->request_id, ==, "r2");
}

static void
test_outbox_order_and_rebase (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) m1 = json_object_new ();
  g_autoptr(JsonObject) m2 = json_object_new ();
  g_autoptr(ShouOutboxEntry) a = NULL;
  g_autoptr(ShouOutboxEntry) b = NULL;

  load_basic (f);
  json_object_set_string_member (m1, "text", "第一条");
  json_object_set_string_member (m2, "text", "第二条");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, m1, 1, &error));
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, m2, 1, &error));
  g_assert_no_error (error);

  a = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (json_object_get_string_member (a->params, "text"), ==, "第一条");
  {
    g_autoptr(JsonObject) v2 = st_aftersale ("r2", "shop1", "o2", "wait_seller", 0, 2);
    g_assert_true (shou_store_outbox_complete (f->store, a->id, v2, &error));
  }
  b = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (json_object_get_string_member (b->params, "text"), ==, "第二条");
  /* The second was based on the seller's view including the first. */
  g_assert_cmpint (b->expected_version, ==, 2);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r1b = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  JsonObject *conflict;

  load_basic (f);
  json_object_set_int_member (params, "amount_fen", 5000);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  e = shou_store_outbox_next (f->store, f->account);
  g_assert_true (shou_store_outbox_conflict (f->store, e->id, "version_conflict",
                                             "买家已修改申请", &error));
  g_assert_no_error (error);

  /* Never dropped silently: kept, visible, not pending, not sent again. */
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "conflict"), ==, 1);
  g_assert_null (shou_store_outbox_next (f->store, f->account));
  r1 = shou_store_get_request (f->store, "r1", &error);
  conflict = json_object_get_object_member (r1, "conflict");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "version_conflict");
  g_assert_cmpstr (json_object_get_string_member (conflict, "message"), ==, "买家已修改申请");
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "agree_refund");
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), ==, "wait_seller");

  list = shou_request_list_new (f->store);
  item = g_list_model_get_item (G_LIST_MODEL (list), shou_request_list_find (list, "r1"));
  {
    /* The row says it from the code, in the UI's language, never in the
     * server's words. */
    g_autofree char *said = shou_api_error_describe ("version_conflict", NULL);
    g_assert_cmpstr (shou_request_item_get_conflict (item), ==, said);
  }

  g_assert_true (shou_store_resolve_conflict (f->store, "r1", &error));
  g_assert_no_error (error);
  r1b = shou_store_get_request (f->store, "r1", &error);
  g_assert_true (json_object_get_null_member (r1b, "conflict"));
  g_assert_cmpuint (shou_store_count_outbox (f->store, "dropped"), ==, 1);
}

/* A 422's reason code is kept beside the server's message; a refusal
 * without one has no "reason". */
static void
test_conflict_reason (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(ShouOutboxEntry) e1 = NULL;
  g_autoptr(ShouOutboxEntry) e2 = NULL;
  JsonObject *conflict;

  load_basic (f);
  json_object_set_int_member (params, "amount_fen", 5000);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  e1 = shou_store_outbox_next (f->store, f->account);
  g_assert_true (shou_store_outbox_conflict_full (f->store, e1->id, "not_allowed",
                                                  "Waiting for the buyer", "negotiation_waiting", &error));
  g_assert_no_error (error);
  reopen (f);
  r1 = shou_store_get_request (f->store, "r1", &error);
  conflict = json_object_get_object_member (r1, "conflict");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "not_allowed");
  g_assert_cmpstr (json_object_get_string_member (conflict, "message"), ==, "Waiting for the buyer");
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "agree_refund");
  g_assert_cmpstr (json_object_get_string_member (conflict, "reason"), ==, "negotiation_waiting");

  json_object_set_string_member (msg, "text", "您好");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, msg, 1, &error));
  e2 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (e2->request_id, ==, "r2");
  g_assert_true (shou_store_outbox_conflict_full (f->store, e2->id, "version_conflict", "changed", NULL, &error));
  g_assert_no_error (error);
  r2 = shou_store_get_request (f->store, "r2", &error);
  conflict = json_object_get_object_member (r2, "conflict");
  g_assert_nonnull (conflict);
  g_assert_false (json_object_has_member (conflict, "reason"));
}

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;

  load_basic (f);
  sha = shou_store_import_evidence_bytes (f->store, "r1", bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha), ==, 64);
  path = shou_store_get_evidence_path (f->store, sha);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  again = shou_store_import_evidence_bytes (f->store, "r1", bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_cmpstr (again, ==, sha);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);

  g_assert_null (shou_store_import_evidence_bytes (f->store, "r1", junk, SHOU_EVIDENCE_OTHER, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = shou_store_list_evidence (f->store, "r1");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "state"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "content_type"), ==, "image/png");

  e = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e->kind, ==, SHOU_OUTBOX_EVIDENCE);
  g_assert_cmpstr (json_object_get_string_member (e->params, "sha256"), ==, sha);

  g_assert_true (shou_store_remove_evidence (f->store, "r1", sha, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
}

static void
test_addresses (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) addr = json_object_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;
  g_autoptr(JsonObject) server = json_object_new ();
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (addr, "name", "张三");
  json_object_set_string_member (addr, "phone", "12");
  json_object_set_string_member (addr, "province", "浙江省");
  json_object_set_string_member (addr, "city", "杭州市");
  json_object_set_string_member (addr, "district", "余杭区");
  json_object_set_string_member (addr, "street", "文一西路 969 号");
  g_assert_null (shou_store_save_address (f->store, "shop1", addr, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  json_object_set_string_member (addr, "phone", "13812345678");
  id = shou_store_save_address (f->store, "shop1", addr, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "local-"));
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (json_object_get_boolean_member (list->pdata[0], "pending"));

  e = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e->kind, ==, SHOU_OUTBOX_ADDRESS_CREATE);
  g_assert_cmpstr (e->request_id, ==, "shop:shop1");
  json_object_set_string_member (server, "id", "addr-77");
  json_object_set_string_member (server, "shop_id", "shop1");
  json_object_set_string_member (server, "name", "张三");
  json_object_set_int_member (server, "version", 1);
  g_assert_true (shou_store_outbox_complete (f->store, e->id, server, &error));
  g_assert_no_error (error);
  after = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (after->pdata[0], "id"), ==, "addr-77");
  g_assert_false (json_object_get_boolean_member (after->pdata[0], "pending"));

  g_assert_true (shou_store_delete_address (f->store, "shop1", "addr-77", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
}

/* Making an address the default takes the mark from the old one at once,
 * not only after the server answers. */
static void
test_address_default_moves (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = json_object_new ();
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  guint n_defaults = 0;

  json_object_set_string_member (first, "name", "张三");
  json_object_set_string_member (first, "phone", "13812345678");
  json_object_set_string_member (first, "province", "浙江省");
  json_object_set_string_member (first, "city", "杭州市");
  json_object_set_string_member (first, "district", "余杭区");
  json_object_set_string_member (first, "street", "文一西路 969 号");
  json_object_set_boolean_member (first, "is_default", TRUE);
  id1 = shou_store_save_address (f->store, "shop1", first, &error);
  g_assert_no_error (error);
  second = json_object_ref (first);
  json_object_set_string_member (second, "street", "五常大道 1 号");
  id2 = shou_store_save_address (f->store, "shop1", second, &error);
  g_assert_no_error (error);

  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 2);
  /* The default first. */
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "id"), ==, id2);
  for (guint i = 0; i < list->len; i++)
    n_defaults += json_object_get_boolean_member_with_default (list->pdata[i], "is_default", FALSE);
  g_assert_cmpuint (n_defaults, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[1], "id"), ==, id1);
  g_assert_false (json_object_get_boolean_member (list->pdata[1], "is_default"));
}

/* An address named by an agreed return that has not reached the server
 * cannot be deleted; once that action is gone it can. */
static void
test_address_in_use (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) addr = json_object_new ();
  g_autoptr(JsonObject) server = json_object_new ();
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ShouOutboxEntry) create = NULL;
  g_autoptr(ShouOutboxEntry) agree = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  JsonObject *r;

  r = st_aftersale ("r1", "shop1", "o1", "wait_seller", g_get_real_time () + 2 * HOUR, 1);
  json_object_set_string_member (r, "type", "return");
  json_array_add_string_element (json_object_get_array_member (r, "allowed_actions"), "agree_return");
  g_ptr_array_add (page, st_change ("order", st_order ("o1", "shop1", "TB1001", "小明", "纯棉连衣裙", 1)));
  g_ptr_array_add (page, st_change ("aftersale", r));
  st_apply (f->store, f->account, page);

  json_object_set_string_member (addr, "name", "张三");
  json_object_set_string_member (addr, "phone", "13812345678");
  json_object_set_string_member (addr, "province", "浙江省");
  json_object_set_string_member (addr, "city", "杭州市");
  json_object_set_string_member (addr, "district", "余杭区");
  json_object_set_string_member (addr, "street", "文一西路 969 号");
  id = shou_store_save_address (f->store, "shop1", addr, &error);
  g_assert_no_error (error);
  create = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (create->kind, ==, SHOU_OUTBOX_ADDRESS_CREATE);
  json_object_set_string_member (server, "id", "addr-9");
  json_object_set_string_member (server, "shop_id", "shop1");
  json_object_set_string_member (server, "name", "张三");
  json_object_set_int_member (server, "version", 1);
  g_assert_true (shou_store_outbox_complete (f->store, create->id, server, &error));
  g_assert_no_error (error);

  json_object_set_string_member (params, "address_id", "addr-9");
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_RETURN, params, 1, &error));
  g_assert_no_error (error);

  /* Queued. */
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "This address is used by a return you agreed that has not been sent yet"));
  g_clear_error (&error);
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 1);

  /* Sending, then in conflict: still the seller's pending choice. */
  agree = shou_store_outbox_next (f->store, f->account);
  g_assert_nonnull (agree);
  g_assert_cmpstr (agree->action, ==, "agree_return");
  g_assert_true (shou_store_outbox_mark_sending (f->store, agree->id, &error));
  g_assert_no_error (error);
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shou_store_outbox_conflict (f->store, agree->id, "version_conflict", "x", &error));
  g_assert_no_error (error);
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Dropped: nothing names it any more. */
  g_assert_true (shou_store_resolve_conflict (f->store, "r1", &error));
  g_assert_no_error (error);
  g_assert_true (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 0);
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
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdd = shou_store_list_scripts (f->store, SHOU_PLATFORM_PDD, "quality_problem");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(JsonObject) own = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autofree char *id = NULL;
  guint n_before = pdd->len;

  g_assert_cmpuint (pdd->len, >, 0);
  for (guint i = 0; i < pdd->len; i++)
    g_assert_cmpstr (json_object_get_string_member (pdd->pdata[i], "platform"), ==, "pdd");

  json_object_set_string_member (own, "platform", "pdd");
  json_object_set_string_member (own, "title", "我的话术");
  json_object_set_string_member (own, "text", "亲，我们已经收到您的反馈，马上为您处理。");
  id = shou_store_save_script (f->store, own, &error);
  g_assert_no_error (error);
  after = shou_store_list_scripts (f->store, SHOU_PLATFORM_PDD, "quality_problem");
  g_assert_cmpuint (after->len, ==, n_before + 1);

  json_object_set_string_member (bad, "text", "加微信返现");
  g_assert_null (shou_store_save_script (f->store, bad, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
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
  ADD ("enqueue-refused", test_enqueue_refused);
  ADD ("enqueue-durable", test_enqueue_durable);
  ADD ("outbox-order-and-rebase", test_outbox_order_and_rebase);
  ADD ("conflict", test_conflict);
  ADD ("conflict-reason", test_conflict_reason);
  ADD ("evidence", test_evidence);
  ADD ("addresses", test_addresses);
  ADD ("address-in-use", test_address_in_use);
  ADD ("address-default-moves", test_address_default_moves);
  ADD ("remove-account", test_remove_account);
  ADD ("two-accounts-same-ids", test_two_accounts_same_ids);
  ADD ("bad-account-url", test_bad_account_url);
  ADD ("scripts", test_scripts);
#undef ADD

  return g_test_run ();
}
