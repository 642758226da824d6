/* test-demo-app.c: the real application with --demo, run three times in a
 * row on one data folder, without a keyring: the demo keeps one account
 * (never a new one per run) in its own cache, and 重置演示数据 starts it over.
 * The demo's simulator is the real child process (shouhou-sim --demo). */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "store/shou-store-accounts.h"
#include "sync/shou-secrets.h"
#include "sync/shou-sync-engine.h"
#include "ui/window/shou-application.h"

#include "shou-test-fs.h"

typedef enum
{
  STEP_WAIT_SYNCED,     /* then quit */
  STEP_RESET,           /* once synced: reset, confirm, wait for the new demo */
} Step;

typedef struct
{
  ShouApplication *app;
  Step             step;
  gint64           deadline;
  char            *account_id;     /* the demo account when the run ended */
  char            *before_reset;   /* the one before the reset */
  guint            n_accounts;
  gboolean         confirmed;
  gboolean         timed_out;
} Run;

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
synced_demo (Run *run)
{
  ShouStore *store = shou_application_get_store (run->app);
  ShouSyncEngine *engine = shou_application_get_sync_engine (run->app);
  g_autofree char *demo = NULL;
  g_autoptr(ShouAccountStatus) status = NULL;

  if (store == NULL || engine == NULL || (demo = shou_store_find_demo_account (store)) == NULL)
    return FALSE;
  status = shou_sync_engine_get_account_status (engine, demo);
  if (status->state != SHOU_ACCOUNT_SYNCED || shou_sync_engine_is_running (engine) ||
      shou_store_count_view (store, SHOU_VIEW_ALL, NULL) == 0)
    return FALSE;
  if (run->before_reset != NULL && g_strcmp0 (demo, run->before_reset) == 0)
    return FALSE;

  g_free (run->account_id);
  run->account_id = g_steal_pointer (&demo);
  return TRUE;
}

static void
quit (Run *run)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (shou_application_get_store (run->app));

  run->n_accounts = accounts->len;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  Run *run = user_data;

  if (g_get_monotonic_time () > run->deadline)
    {
      run->timed_out = TRUE;
      quit (run);
      return G_SOURCE_REMOVE;
    }

  if (run->step == STEP_WAIT_SYNCED)
    {
      if (!synced_demo (run))
        return G_SOURCE_CONTINUE;
      quit (run);
      return G_SOURCE_REMOVE;
    }

  /* STEP_RESET */
  if (run->before_reset == NULL)
    {
      if (!synced_demo (run))
        return G_SOURCE_CONTINUE;
      run->before_reset = g_steal_pointer (&run->account_id);
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "reset-demo", NULL);
      return G_SOURCE_CONTINUE;
    }
  if (!run->confirmed)
    {
      AdwMessageDialog *dialog = find_message_dialog ();

      if (dialog == NULL)
        return G_SOURCE_CONTINUE;
      /* Nothing is lost by a stray Enter. */
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      g_assert_true (adw_message_dialog_has_response (dialog, "reset"));
      adw_message_dialog_response (dialog, "reset");
      gtk_window_destroy (GTK_WINDOW (dialog));
      run->confirmed = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (!synced_demo (run))
    return G_SOURCE_CONTINUE;
  quit (run);
  return G_SOURCE_REMOVE;
}

static void
on_startup_cb (GApplication *app,
               Run          *run)
{
  g_timeout_add (100, on_poll_cb, run);
}

static void
run_app (Run        *run,
         const char *data_home)
{
  const char *argv[] = { "shouhou", "--demo", NULL };
  int status;

  run->app = shou_application_new ();
  /* A test must not find another instance on the bus. */
  g_application_set_flags (G_APPLICATION (run->app),
                           G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE);
  run->deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_signal_connect (run->app, "startup", G_CALLBACK (on_startup_cb), run);
  status = g_application_run (G_APPLICATION (run->app), 2, (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (run->timed_out);
  g_clear_object (&run->app);
}

static char *data_home;

static void
test_demo_restart_and_reset (void)
{
  g_autofree char *demo_db = NULL;
  g_autofree char *real_db = NULL;
  Run first = { 0 }, second = { 0 }, third = { 0 };

  demo_db = g_build_filename (data_home, "shouhou", "demo", "shouhou.db", NULL);
  real_db = g_build_filename (data_home, "shouhou", "shouhou.db", NULL);

  run_app (&first, data_home);
  g_assert_nonnull (first.account_id);
  g_assert_cmpuint (first.n_accounts, ==, 1);
  /* Its own cache: the real shops' cache is never created or touched. */
  g_assert_true (g_file_test (demo_db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (real_db, G_FILE_TEST_EXISTS));

  /* No keyring: the token lived in the first process only. */
  g_assert_true (shou_secrets_clear_token (first.account_id, NULL));
  run_app (&second, data_home);
  g_assert_cmpstr (second.account_id, ==, first.account_id);
  g_assert_cmpuint (second.n_accounts, ==, 1);

  /* 重置演示数据: the demo starts over, still one account. */
  g_assert_true (shou_secrets_clear_token (second.account_id, NULL));
  third.step = STEP_RESET;
  run_app (&third, data_home);
  g_assert_true (third.confirmed);
  g_assert_cmpstr (third.before_reset, ==, first.account_id);
  g_assert_nonnull (third.account_id);
  g_assert_cmpstr (third.account_id, !=, first.account_id);
  g_assert_cmpuint (third.n_accounts, ==, 1);
  g_assert_false (g_file_test (real_db, G_FILE_TEST_EXISTS));

  g_free (first.account_id);
  g_free (second.account_id);
  g_free (third.account_id);
  g_free (third.before_reset);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Before anything asks GLib for the user data folder (it is cached). */
  data_home = g_dir_make_tmp ("shou-demo-app-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  /* Nothing here reads the accessibility tree; the shared AT-SPI bus of
   * parallel sessions on one machine comes and goes. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  /* No notification service runs on the test's private bus. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

    g_settings_set_boolean (settings, "notify-deadlines", FALSE);
  }

  g_test_add_func ("/demo-app/restart-and-reset", test_demo_restart_and_reset);
  ret = g_test_run ();
  shou_test_fs_rm_rf (data_home);
  g_free (data_home);
  return ret;
}
