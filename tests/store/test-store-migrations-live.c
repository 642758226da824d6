/* test-store-migrations-live.c: the live migration from schema 6 to 7 of a
 * big cache: killed and resumed, progress, two accounts, actions and
 * evidence during it. Split from test-store-migrations.c (same
 * /store/migrations/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"
#include "migrations-test-util.h"


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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* Forks: before any test starts a thread. */
  g_test_add_func ("/store/migrations/v7-live-killed", test_v7_live_killed);
  g_test_add_func ("/store/migrations/v7-async-progress", test_v7_async_progress);
  g_test_add_func ("/store/migrations/v7-live-two-accounts", test_v7_live_two_accounts);
  g_test_add_func ("/store/migrations/v7-live-action", test_v7_live_action);
  g_test_add_func ("/store/migrations/v7-live-evidence-and-address", test_v7_live_evidence_and_address);

  return g_test_run ();
}
