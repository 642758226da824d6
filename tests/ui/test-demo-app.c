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
#include "ui/accounts/shou-welcome-page.h"
#include "ui/window/shou-application.h"

#include "shou-test-fs.h"

typedef enum
{
  STEP_WAIT_SYNCED,     /* then quit */
  STEP_RESET,           /* once synced: reset, confirm, wait for the new demo */
  STEP_WELCOME,         /* no --demo: click the welcome page's demo button, wait */
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
  gboolean         clicked;
  gboolean         timed_out;
  char            *store_path;     /* the cache the app used at the end */
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
  g_free (run->store_path);
  run->store_path = g_strdup (shou_store_get_path (shou_application_get_store (run->app)));
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
}

/* The welcome page's 试用演示店铺 (Try the Demo Shops). */
static GtkWidget *
find_demo_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, SHOU_TYPE_WELCOME_PAGE) != NULL &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Try the Demo Shops") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_demo_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
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

  if (run->step == STEP_WELCOME)
    {
      if (!run->clicked)
        {
          GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
          GtkWidget *button = window != NULL ? find_demo_button (GTK_WIDGET (window)) : NULL;

          if (button == NULL || !gtk_widget_get_mapped (button))
            return G_SOURCE_CONTINUE;
          /* A click, as the seller's: the button's own signal. */
          g_signal_emit_by_name (button, "clicked");
          run->clicked = TRUE;
          return G_SOURCE_CONTINUE;
        }
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
  const char *argv[] = { "shouhou", run->step == STEP_WELCOME ? NULL : "--demo", NULL };
  int status;

  run->app = shou_application_new ();
  /* A test must not find another instance on the bus. */
  g_application_set_flags (G_APPLICATION (run->app),
                           G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE);
  run->deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_signal_connect (run->app, "startup", G_CALLBACK (on_startup_cb), run);
  status = g_application_run (G_APPLICATION (run->app), argv[1] != NULL ? 2 : 1, (char **) argv);
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
  g_free (first.store_path);
  g_free (second.store_path);
  g_free (third.store_path);
}

/* The welcome page's demo button does what --demo does: the demo's own
 * cache in <data>/shouhou/demo, never the real shops' one (the app starts
 * there with no account: the welcome page). */
static void
test_welcome_demo_own_cache (void)
{
  g_autofree char *home = g_build_filename (data_home, "welcome", NULL);
  g_autofree char *demo_db = NULL;
  g_autofree char *real_db = NULL;
  g_autofree char *data_dir = NULL;
  Run run = { 0 };

  /* --data-dir: a folder of its own, apart from the other test's. */
  data_dir = g_build_filename (home, "shouhou", NULL);
  demo_db = g_build_filename (data_dir, "demo", "shouhou.db", NULL);
  real_db = g_build_filename (data_dir, "shouhou.db", NULL);
  g_mkdir_with_parents (data_dir, 0700);
  run.step = STEP_WELCOME;
  {
    const char *argv[] = { "shouhou", "--data-dir", data_dir, NULL };
    int status;

    run.app = shou_application_new ();
    g_application_set_flags (G_APPLICATION (run.app),
                             G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE);
    run.deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    g_signal_connect (run.app, "startup", G_CALLBACK (on_startup_cb), &run);
    status = g_application_run (G_APPLICATION (run.app), 3, (char **) argv);
    g_assert_cmpint (status, ==, 0);
    g_clear_object (&run.app);
  }
  g_assert_true (run.clicked);
  g_assert_false (run.timed_out);
  g_assert_nonnull (run.account_id);

  /* The real shops' cache holds no demo account; the demo synced in its own. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ShouStore) real = shou_store_new (real_db, &error);
    g_autoptr(GPtrArray) accounts = NULL;
    g_autofree char *demo = NULL;

    g_assert_no_error (error);
    accounts = shou_store_list_accounts (real);
    demo = shou_store_find_demo_account (real);
    if (demo != NULL || accounts->len != 0)
      g_error ("the welcome page's demo went into the real shops' cache %s (%u accounts, demo %s)",
               real_db, accounts->len, demo);
  }
  g_assert_cmpstr (run.store_path, ==, demo_db);
  g_assert_cmpuint (run.n_accounts, ==, 1);

  g_free (run.account_id);
  g_free (run.store_path);
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
  g_test_add_func ("/demo-app/welcome-demo-own-cache", test_welcome_demo_own_cache);
  ret = g_test_run ();
  shou_test_fs_rm_rf (data_home);
  g_free (data_home);
  return ret;
}
