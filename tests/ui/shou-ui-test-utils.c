/* shou-ui-test-utils.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "shou-resources.h"
#include "sim/shou-sim-server.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/window/shou-window.h"
#include "shou-test-fs.h"
#include "shou-ui-test-utils.h"

struct _ShouTestSim
{
  ShouSimServer *server;
  char          *token;
};

static char *
find_localedir (void)
{
  const char *env = g_getenv ("SHOU_TEST_LOCALEDIR");
  g_autofree char *parent = NULL;
  g_autofree char *mo = NULL;

  if (env == NULL)
    return g_strdup (LOCALEDIR);

  mo = g_build_filename (env, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (g_file_test (mo, G_FILE_TEST_EXISTS))
    return g_strdup (env);

  /* meson's i18n.gettext () writes po/<lang>/LC_MESSAGES in the build dir. */
  parent = g_path_get_dirname (env);
  g_free (mo);
  mo = g_build_filename (parent, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (g_file_test (mo, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&parent);

  return g_strdup (env);
}

/* GSpawnChildSetupFunc: the child gets SIGTERM when this test process
 * dies, so a test killed by its timeout (SIGKILL) leaves no Xvfb behind. */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The parent may have died before prctl (): then we are orphaned already. */
  if (getppid () != parent)
    raise (SIGTERM);
}

/* A test that presses real keys (xdotool) must own the X server: another
 * GUI test's window that maps on a shared server takes the input focus,
 * and a key press then lands in that window instead. Starts Xvfb on a free
 * display, points DISPLAY at it and returns its pid (0 when Xvfb is missing
 * or there is no display to replace; the test then keeps the shared one).
 * Call before shou_test_ui_init(). */
GPid
shou_test_private_x_server (void)
{
  g_autofree char *xvfb = g_find_program_in_path ("Xvfb");
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "Xvfb", "-displayfd", NULL, "-screen", "0", "1400x900x24",
                         "-nolisten", "tcp", "-noreset", "+extension", "XTEST", NULL };
  g_autofree char *fd_arg = NULL;
  char buf[32] = { 0 };
  gsize len = 0;
  GPid pid = 0;
  int fds[2];

  if (xvfb == NULL || g_getenv ("DISPLAY") == NULL || !g_unix_open_pipe (fds, 0, NULL))
    return 0;
  fd_arg = g_strdup_printf ("%d", fds[1]);
  argv[2] = fd_arg;
  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_LEAVE_DESCRIPTORS_OPEN | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                      die_with_parent, GINT_TO_POINTER (getpid ()), &pid, &error))
    {
      close (fds[0]);
      close (fds[1]);
      return 0;
    }
  close (fds[1]);
  /* Xvfb writes the display number and a newline once it accepts
   * connections; the read ends when it does or when it dies. */
  while (len < sizeof buf - 1)
    {
      gssize n = read (fds[0], buf + len, sizeof buf - 1 - len);

      if (n <= 0)
        break;
      len += n;
      if (buf[len - 1] == '\n')
        break;
    }
  close (fds[0]);
  g_strstrip (buf);
  if (len == 0 || buf[0] == '\0')
    {
      kill (pid, SIGTERM);
      g_spawn_close_pid (pid);
      return 0;
    }
  {
    g_autofree char *display = g_strdup_printf (":%s", buf);

    g_setenv ("DISPLAY", display, TRUE);
  }
  return pid;
}

void
shou_test_ui_init (int    *argc,
                   char ***argv)
{
  g_autofree char *localedir = find_localedir ();
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* LANGUAGE is ignored in the C locale; C.UTF-8 honours it. */
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  shou_register_resource ();

  /* AdwApplication would load this; tests build windows without one. */
  gtk_css_provider_load_from_resource (provider, "/io/github/shouhou/Shouhou/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/shouhou/Shouhou/icons");
}

gboolean
shou_test_wait_until (ShouTestCondition condition,
                      gpointer          user_data,
                      guint             timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > end)
        return condition (user_data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

static gboolean
never_cb (gpointer user_data)
{
  return FALSE;
}

static gboolean
finalized_cb (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

void
shou_test_finalize_object (gpointer object)
{
  gpointer weak = object;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  if (!shou_test_wait_until (finalized_cb, &weak, 10000))
    {
      g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
      g_error ("%s is still referenced after its last owner let go", G_OBJECT_TYPE_NAME (weak));
    }
}

void
shou_test_iterate (guint ms)
{
  shou_test_wait_until (never_cb, NULL, ms);
}

char *
shou_test_make_tmpdir (void)
{
  return shou_test_fs_make_tmpdir ("shouhou-ui-XXXXXX");
}

void
shou_test_rm_rf (const char *path)
{
  if (path != NULL)
    shou_test_fs_rm_rf (path);
}

static ShouTestSim *
sim_new (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "sim.db", NULL);
  ShouTestSim *sim = g_new0 (ShouTestSim, 1);

  sim->server = shou_sim_server_new (db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);

  return sim;
}

static void
sim_listen (ShouTestSim *sim)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;

  shou_sim_server_listen (sim->server, 0, &error);
  g_assert_no_error (error);

  tokens = shou_sim_server_dup_tokens (sim->server);
  g_assert_nonnull (tokens);
  g_assert_nonnull (tokens[0]);
  parts = g_strsplit (tokens[0], " ", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  sim->token = g_strdup (parts[1]);
}

ShouTestSim *
shou_test_sim_new_demo (const char *dir,
                        guint32     seed)
{
  g_autoptr(GError) error = NULL;
  ShouTestSim *sim = sim_new (dir);

  shou_sim_server_add_demo (sim->server, seed, &error);
  g_assert_no_error (error);
  sim_listen (sim);

  return sim;
}

ShouTestSim *
shou_test_sim_new_demo_history (const char *dir,
                                guint32     seed,
                                guint       days)
{
  g_autoptr(GError) error = NULL;
  ShouTestSim *sim = sim_new (dir);

  shou_sim_server_set_demo_history_days (sim->server, days);
  shou_sim_server_add_demo (sim->server, seed, &error);
  g_assert_no_error (error);
  sim_listen (sim);

  return sim;
}

ShouTestSim *
shou_test_sim_new_scale (const char *dir,
                         guint       n)
{
  g_autoptr(GError) error = NULL;
  ShouTestSim *sim = sim_new (dir);

  shou_sim_server_add_scale (sim->server, n, 1, &error);
  g_assert_no_error (error);
  sim_listen (sim);

  return sim;
}

gpointer
shou_test_sim_get_server (ShouTestSim *sim)
{
  return sim->server;
}

const char *
shou_test_sim_get_url (ShouTestSim *sim)
{
  return shou_sim_server_get_url (sim->server);
}

const char *
shou_test_sim_get_token (ShouTestSim *sim)
{
  return sim->token;
}

gint64
shou_test_sim_now (ShouTestSim *sim)
{
  return shou_sim_server_now (sim->server);
}

void
shou_test_sim_advance (ShouTestSim *sim,
                       gint64       usec)
{
  shou_sim_server_advance_clock (sim->server, usec);
}

void
shou_test_sim_free (ShouTestSim *sim)
{
  if (sim == NULL)
    return;

  g_clear_object (&sim->server);
  g_free (sim->token);
  g_free (sim);
}

ShouStore *
shou_test_store_new_connected (const char  *dir,
                               ShouTestSim *sim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autofree char *account = NULL;
  ShouStore *store;

  store = shou_store_new (path, &error);
  g_assert_no_error (error);

  if (sim != NULL)
    {
      account = shou_accounts_connect (store, shou_test_sim_get_url (sim),
                                       shou_test_sim_get_token (sim), "Test", &error);
      g_assert_no_error (error);
      g_assert_nonnull (account);
    }

  return store;
}

typedef struct
{
  gboolean done;
  gboolean ok;
} SyncWait;

static void
on_sync_finished_cb (ShouSyncEngine *engine,
                     gboolean        ok,
                     SyncWait       *wait)
{
  wait->done = TRUE;
  wait->ok = ok;
}

static gboolean
sync_done_cb (gpointer user_data)
{
  return ((SyncWait *) user_data)->done;
}

gboolean
shou_test_sync (ShouSyncEngine *engine,
                guint           timeout_ms)
{
  SyncWait wait = { FALSE, FALSE };
  gulong id;

  id = g_signal_connect (engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &wait);
  shou_sync_engine_sync_now (engine);
  shou_test_wait_until (sync_done_cb, &wait, timeout_ms);
  g_signal_handler_disconnect (engine, id);

  if (!wait.done || !wait.ok)
    g_test_message ("sync %s: state %d, %s", wait.done ? "failed" : "timed out",
                    shou_sync_engine_get_state (engine),
                    shou_sync_engine_get_error_message (engine));

  return wait.done && wait.ok;
}

GtkWidget *
shou_test_find_widget (GtkWidget  *root,
                       GType       type,
                       const char *name)
{
  if (root == NULL)
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shou_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
shou_test_find_label (GtkWidget  *root,
                      const char *text)
{
  const char *label = NULL;

  if (root == NULL)
    return NULL;

  if (GTK_IS_LABEL (root))
    label = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    label = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (label != NULL && strstr (label, text) != NULL && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shou_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
shou_test_save_screenshot (GtkWidget   *widget,
                           const char  *path,
                           GError     **error)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GtkWidget *toplevel = GTK_WIDGET (native);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (toplevel);
  int height = gtk_widget_get_height (toplevel);

  paintable = gtk_widget_paintable_new (toplevel);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing to render");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
window_gone_cb (gpointer user_data)
{
  return *(GtkWindow **) user_data == NULL;
}

void
shou_test_close_window (GtkWindow *window)
{
  GtkWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_destroy (window);
  shou_test_wait_until (window_gone_cb, &weak, 5000);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
}

gboolean
shou_test_window_shows_queue (gpointer window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (SHOU_WINDOW (window)), "queue") == 0;
}

gpointer
shou_test_window_present (gpointer store,
                          gpointer engine)
{
  ShouWindow *window = g_object_ref_sink (shou_window_new (NULL, store, engine));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (shou_test_window_shows_queue, window, 5000));
  return window;
}

void
shou_test_screenshot_screen (const char *name)
{
  const char *dir = g_getenv ("SHOU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  shou_test_iterate (3000);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, &error))
    g_test_message ("no screenshot: %s", error->message);
}
