/* test-store-migrations: a real file at every older schema version, with
 * data written the way that version wrote it, opens and migrates. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"
#include "migrations-test-util.h"


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

  return g_test_run ();
}
