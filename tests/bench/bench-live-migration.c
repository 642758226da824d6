/* bench-live-migration.c: the real application started on a cache of
 * schema version 6 with SHOU_BENCH_N requests (default 100,000). Prints the
 * time from g_application_run() to the first frame of the main window with
 * rows in its queue, and to the end of the cache's update (its file at the
 * latest schema; SHOU_BENCH_UPDATED=1 starts on it already updated, for
 * reference). Uses only API that predates the live migration, so the
 * same file measures the version before it (a progress window first, the
 * main window after the update) and after it. Run under Xvfb:
 *   xvfb-run -a _build/tests/bench/bench-live-migration */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "ui/window/shou-application.h"
#include "ui/window/shou-queue-view.h"
#include "ui/window/shou-window.h"

#include "shou-test-fs.h"

typedef struct
{
  ShouApplication *app;
  char            *path;
  gint64           started;
  gint64           first_rows;
  gint64           migrated;
  GdkFrameClock   *clock;
} Run;

static int
file_version (const char *path)
{
  g_autoptr(ShouDb) db = shou_db_open (path, NULL);

  return shou_db_get_user_version (db, NULL);
}

static void
make_v6 (const char *path,
         int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouDb) db = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = shou_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (shou_store_schema_migrate (db, 6, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO accounts VALUES ('acc', 'http://127.0.0.1:1', 'Shop', 1);"
                         "INSERT INTO shops VALUES ('s1', 'acc', 'taobao', '老店', 'm', '{\"id\":\"s1\"}');"
                         "BEGIN;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
                         " INSERT INTO orders SELECT 'o' || i, 'acc', 's1', 'TB' || i, 'completed', '买家' || (i %% 97),"
                         " i, 1, '{}' FROM c;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
                         " INSERT INTO requests (id, account_id, shop_id, order_id, line_id, platform, type, status,"
                         " deadline_key, amount_fen, order_no, buyer, goods_title, sku, reason_text, view_mask, version)"
                         " SELECT 'r' || i, 'acc', 's1', 'o' || i, 'L1', 'taobao', 'refund_only',"
                         " iif(i %% 3 = 0, 'success', 'wait_seller'), 9223372036854775807, 9900, 'TB' || i,"
                         " '买家' || (i %% 97), '纯棉连衣裙' || (i %% 13), '', '质量问题', iif(i %% 3 = 0, 80, 65), 1 FROM c;"
                         "INSERT INTO request_data SELECT rid, '{}', NULL FROM requests;"
                         "INSERT INTO events SELECT rid, 0, 1, 'buyer', 'opened', '买家申请退款' FROM requests;"
                         "COMMIT;", n, n);
  shou_db_exec (db, sql, &error);
  g_assert_no_error (error);
  /* For reference: the same cache already up to date. */
  if (g_getenv ("SHOU_BENCH_UPDATED") != NULL)
    {
      g_assert_true (shou_store_schema_migrate (db, -1, &error));
      g_assert_no_error (error);
    }
}

static ShouWindow *
find_window (Run *run)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l != NULL; l = l->next)
    if (SHOU_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  ShouWindow *window = find_window (run);
  ShouRequestList *list;

  if (run->first_rows != 0 || window == NULL)
    return;
  list = shou_queue_view_get_list (shou_window_get_queue_view (window));
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    run->first_rows = g_get_monotonic_time ();
}

static gboolean
on_poll_cb (gpointer user_data)
{
  Run *run = user_data;
  ShouWindow *window = find_window (run);

  if (run->migrated == 0 && file_version (run->path) == shou_store_schema_latest ())
    run->migrated = g_get_monotonic_time ();
  if (window != NULL && run->clock == NULL && gtk_widget_get_realized (GTK_WIDGET (window)))
    {
      run->clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      g_signal_connect (run->clock, "after-paint", G_CALLBACK (on_after_paint_cb), run);
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  if (run->first_rows != 0 && run->migrated != 0)
    {
      g_application_quit (G_APPLICATION (run->app));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_startup_cb (GApplication *app,
               Run          *run)
{
  g_timeout_add (10, on_poll_cb, run);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  const char *args[] = { "shouhou", NULL };
  const char *env_n = g_getenv ("SHOU_BENCH_N");
  int n = env_n != NULL ? atoi (env_n) : 100000;
  Run run = { 0 };

  data_home = g_dir_make_tmp ("shou-bench-live-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  gtk_init ();

  run.path = g_build_filename (data_home, "shouhou", "shouhou.db", NULL);
  make_v6 (run.path, n);
  run.app = shou_application_new ();
  g_application_set_flags (G_APPLICATION (run.app),
                           G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (run.app, "startup", G_CALLBACK (on_startup_cb), &run);
  run.started = g_get_monotonic_time ();
  g_application_run (G_APPLICATION (run.app), 1, (char **) args);

  g_print ("requests %d: first frame with rows %.0f ms, cache updated %.0f ms\n", n,
           (run.first_rows - run.started) / 1000.0, (run.migrated - run.started) / 1000.0);
  g_clear_object (&run.app);
  g_free (run.path);
  shou_test_fs_rm_rf (data_home);
  return 0;
}
