/* shou-application.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shou-resources.h"
#include "store/shou-store-accounts.h"
#include "sync/shou-secrets.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/accounts/shou-demo-server.h"
#include "shou-application.h"
#include "shou-deadline-notifier.h"
#include "ui/autorules/shou-autorule-notifier.h"
#include "shou-queue-view.h"
#include "shou-window.h"

struct _ShouApplication
{
  AdwApplication   parent_instance;

  GCancellable    *cancellable;
  ShouStore       *store;
  ShouSyncEngine  *engine;
  ShouDemoServer  *demo;
  GSettings       *settings;
  ShouDeadlineNotifier *notifier;
  gboolean         held;     /* running in the background: a hold on the app */

  gboolean         want_demo;
  gboolean         in_demo_dir;    /* the store is the demo's own cache */
  char            *api_url;
  char            *data_dir;

  /* Shown while a cache of an older version is updated off the main thread. */
  GtkWindow       *migration_window;
  GtkProgressBar  *migration_bar;
};

G_DEFINE_FINAL_TYPE (ShouApplication, shou_application, ADW_TYPE_APPLICATION)

static ShouWindow *
get_window (ShouApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SHOU_IS_WINDOW (window))
    return SHOU_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SHOU_IS_WINDOW (l->data))
      return SHOU_WINDOW (l->data);

  return NULL;
}

static void
show_error (ShouApplication *self,
            const char      *heading,
            const char      *message)
{
  ShouWindow *window = get_window (self);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (window != NULL ? GTK_WINDOW (window) : NULL, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void update_demo_actions (ShouApplication *self);

static void
on_store_accounts_changed_cb (ShouApplication *self)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (self->store);

  update_demo_actions (self);
  /* The engine only forgets its clients on this signal: sync a new account now. */
  if (accounts != NULL && accounts->len > 0)
    {
      shou_sync_engine_start (self->engine);
      shou_sync_engine_sync_now (self->engine);
    }
}

static char *
get_store_path (ShouApplication *self)
{
  if (self->data_dir == NULL)
    return shou_store_get_default_path ();
  g_mkdir_with_parents (self->data_dir, 0700);
  return g_build_filename (self->data_dir, "shouhou.db", NULL);
}

static void setup_store (ShouApplication *self);

static void
on_engine_sync_finished_cb (ShouApplication *self,
                            gboolean         ok)
{
  gint64 offset = 0;

  if (!ok || self->notifier == NULL)
    return;
  g_object_get (self->engine, "clock-offset", &offset, NULL);
  shou_deadline_notifier_set_offset (self->notifier, offset);
  shou_deadline_notifier_check (self->notifier, 0);
}

static gboolean
ensure_store (ShouApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;
  /* activate runs again once the update is done. */
  if (self->migration_window != NULL)
    return FALSE;

  path = get_store_path (self);
  /* A version 6 cache is re-keyed while the window reads it. */
  if (shou_store_can_migrate_live (path))
    self->store = shou_store_new_live (path, &error);
  else
    self->store = shou_store_new (path, &error);
  if (self->store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  setup_store (self);
  return TRUE;
}

static void
setup_store (ShouApplication *self)
{
  self->engine = shou_sync_engine_new (self->store);
  g_signal_connect_object (self->store, "accounts-changed",
                           G_CALLBACK (on_store_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  /* Reminders belong to the app, so they go on with the window closed. */
  self->notifier = shou_deadline_notifier_new (G_APPLICATION (self), self->store);
  shou_autorule_notifier_attach (G_APPLICATION (self), self->store);
  g_signal_connect_object (self->engine, "sync-finished",
                           G_CALLBACK (on_engine_sync_finished_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_object_set (self->engine, "interval", g_settings_get_uint (self->settings, "sync-interval"), NULL);
}

static void
on_migration_progress_cb (double   fraction,
                          gpointer user_data)
{
  ShouApplication *self = user_data;

  if (self->migration_bar != NULL)
    gtk_progress_bar_set_fraction (self->migration_bar, fraction);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShouApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = g_steal_pointer (&self->migration_window);

  self->migration_bar = NULL;
  self->store = shou_store_new_finish (result, &error);
  if (self->store == NULL)
    g_printerr ("%s\n", error->message);
  else
    {
      setup_store (self);
      g_application_activate (G_APPLICATION (self));
    }
  gtk_window_destroy (window);
}

/* A cache written by an older version is updated in a worker thread (it
 * can take a while on a large cache), with its progress in a small window;
 * the main window opens when it is done. */
static gboolean
start_migration (ShouApplication *self)
{
  g_autofree char *path = get_store_path (self);
  GtkWidget *window, *box, *header, *page, *bar;

  if (!shou_store_needs_migration (path) || shou_store_can_migrate_live (path))
    return FALSE;

  bar = gtk_progress_bar_new ();
  gtk_widget_set_size_request (bar, 240, -1);
  gtk_widget_set_halign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Updating the Local Cache"), -1);
  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "emblem-synchronizing-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Updating the Local Cache"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("This new version keeps each account’s requests apart. "
                                     "Moving them takes a moment, once; nothing is lost if it is interrupted."));
  adw_status_page_set_child (ADW_STATUS_PAGE (page), bar);
  gtk_widget_set_vexpand (page, TRUE);
  header = adw_header_bar_new ();
  gtk_widget_add_css_class (header, "flat");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  /* Closing it quits; the next start resumes the update where it stopped. */
  window = adw_application_window_new (GTK_APPLICATION (self));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Shouhou"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 460);
  self->migration_window = GTK_WINDOW (window);
  self->migration_bar = GTK_PROGRESS_BAR (bar);
  gtk_window_present (GTK_WINDOW (window));

  shou_store_new_async (path, on_migration_progress_cb, self, NULL, NULL,
                        on_store_opened_cb, g_object_ref (self));
  return TRUE;
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ShouApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;

  account_id = shou_accounts_connect_finish (SHOU_STORE (source), result, &error);
  if (account_id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Connect"), error->message);
      return;
    }

  update_demo_actions (self);
  shou_sync_engine_start (self->engine);
  shou_sync_engine_sync_now (self->engine);
}

/* Asks the server who the token belongs to (GET /v1/me) before saving, so
 * the same merchant on the same server stays one account. */
static void
connect_and_sync (ShouApplication       *self,
                  const char            *url,
                  const char            *token,
                  const char            *label,
                  ShouAccountsSaveFlags  flags)
{
  shou_accounts_connect_async (self->store, url, token, label, flags, self->cancellable,
                               on_connected_cb, g_object_ref (self));
}

static void
on_demo_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShouApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  ShouWindow *window = get_window (self);

  if (!shou_demo_server_start_finish (SHOU_DEMO_SERVER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (window != NULL)
        shou_window_set_demo_state (window, FALSE, error->message);
      g_clear_object (&self->demo);
      return;
    }

  if (window != NULL)
    shou_window_set_demo_state (window, FALSE, NULL);

  /* The token comes from the simulator at every start: the demo needs no
   * keyring, and its one account is reused whatever port it got. */
  connect_and_sync (self,
                    shou_demo_server_get_url (self->demo),
                    shou_demo_server_get_token (self->demo),
                    SHOU_STORE_DEMO_LABEL,
                    SHOU_ACCOUNTS_SAVE_DEMO);
}

/* The demo simulator's data lives next to the cache it fills: with --demo
 * in its own folder, so it never mixes with a real shop's. */
static char *
demo_sim_db_path (ShouApplication *self)
{
  g_autofree char *dir = g_path_get_dirname (shou_store_get_path (self->store));

  return g_build_filename (dir, "demo-sim.db", NULL);
}

void
shou_application_start_demo (ShouApplication *self)
{
  g_return_if_fail (SHOU_IS_APPLICATION (self));

  if (self->demo != NULL || !ensure_store (self))
    return;

  if (get_window (self) != NULL)
    shou_window_set_demo_state (get_window (self), TRUE, NULL);
  {
    g_autofree char *db_path = demo_sim_db_path (self);

    /* Any free port: a fixed one may be taken, and the account follows. */
    self->demo = g_object_new (SHOU_TYPE_DEMO_SERVER,
                               "db-path", db_path,
                               "port", 0,
                               NULL);
  }
  update_demo_actions (self);
  shou_demo_server_start_async (self->demo, self->cancellable, on_demo_started_cb,
                                g_object_ref (self));
}

/* The demo's own folder, as with --demo: <user data>/shouhou/demo, or
 * <DIR>/demo under --data-dir DIR. */
static char *
demo_data_dir (ShouApplication *self)
{
  if (self->data_dir != NULL)
    return g_build_filename (self->data_dir, "demo", NULL);
  return g_build_filename (g_get_user_data_dir (), "shouhou", "demo", NULL);
}

static void on_window_demo_requested_cb (ShouApplication *self);

static ShouWindow *
new_window (ShouApplication *self)
{
  ShouWindow *window = shou_window_new (GTK_APPLICATION (self), self->store, self->engine);

  g_signal_connect_object (window, "demo-requested",
                           G_CALLBACK (on_window_demo_requested_cb), self, G_CONNECT_SWAPPED);
  return window;
}

/* The welcome page's "Try the Demo Shops" in a real shops' cache: rather
 * than adding the demo account to it, the application moves to the demo's
 * own cache (the one --demo uses) with a new window, so the demo never
 * mixes with a real shop's requests. */
static gboolean
switch_to_demo_cb (gpointer user_data)
{
  g_autoptr(ShouApplication) self = user_data;
  g_autofree char *dir = demo_data_dir (self);
  ShouWindow *old = get_window (self);

  g_application_hold (G_APPLICATION (self));
  if (old != NULL)
    gtk_window_destroy (GTK_WINDOW (old));
  if (self->engine != NULL)
    shou_sync_engine_stop (self->engine);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_free (self->data_dir);
  self->data_dir = g_steal_pointer (&dir);
  self->in_demo_dir = TRUE;

  if (ensure_store (self))
    {
      gtk_window_present (GTK_WINDOW (new_window (self)));
      shou_application_start_demo (self);
    }
  else
    show_error (self, _("Could Not Open the Demo"),
                _("The demo’s local cache could not be opened."));
  g_application_release (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
on_window_demo_requested_cb (ShouApplication *self)
{
  if (self->in_demo_dir || self->want_demo)
    {
      shou_application_start_demo (self);
      return;
    }
  /* Not inside the window's own signal: the window goes. */
  g_idle_add (switch_to_demo_cb, g_object_ref (self));
}

/* After the window opens (and any live migration is done): the demo, the
 * account of --api-url, or the saved accounts. */
static void
start_syncing (ShouApplication *self)
{
  g_autoptr(GPtrArray) accounts = NULL;

  if (self->want_demo)
    shou_application_start_demo (self);
  else if (self->api_url != NULL)
    {
      const char *token = g_getenv ("SHOUHOU_TOKEN");

      if (token == NULL || *token == '\0')
        show_error (self, _("No Access Token"),
                    _("Set the environment variable SHOUHOU_TOKEN to the token for --api-url."));
      else
        connect_and_sync (self, self->api_url, token, NULL, 0);
    }
  else
    {
      g_autofree char *demo_id = shou_store_find_demo_account (self->store);

      accounts = shou_store_list_accounts (self->store);

      /* The demo's simulator runs only with the app: bring it back. */
      if (demo_id != NULL)
        shou_application_start_demo (self);
      else if (accounts != NULL && accounts->len > 0)
        {
          shou_sync_engine_start (self->engine);
          shou_sync_engine_sync_now (self->engine);
        }
    }
}

static void
on_store_migrating_notify_cb (ShouApplication *self)
{
  if (shou_store_get_migrating (self->store))
    return;
  g_signal_handlers_disconnect_by_func (self->store, on_store_migrating_notify_cb, self);
  start_syncing (self);
}

/* A live migration's worker waits for the window's first frame with rows
 * (or ten frames): on two cores it would slow that frame down. */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   ShouWindow    *window)
{
  ShouApplication *self = SHOU_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  ShouRequestList *list = shou_queue_view_get_list (shou_window_get_queue_view (window));
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "shou-paints")) + 1;

  g_object_set_data (G_OBJECT (window), "shou-paints", GUINT_TO_POINTER (frames));
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0 && frames < 10)
    return;
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, window);
  if (self != NULL && self->store != NULL)
    shou_store_release_migration (self->store);
}

static void
shou_application_activate (GApplication *app)
{
  ShouApplication *self = SHOU_APPLICATION (app);
  ShouWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  if (self->migration_window != NULL)
    {
      gtk_window_present (self->migration_window);
      return;
    }
  if (self->store == NULL && start_migration (self))
    return;

  if (!ensure_store (self))
    return;
  update_demo_actions (self);

  window = new_window (self);
  if (shou_store_get_migrating (self->store))
    shou_store_hold_migration (self->store);
  gtk_window_present (GTK_WINDOW (window));
  if (shou_store_get_migrating (self->store) && gtk_widget_get_frame_clock (GTK_WIDGET (window)))
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                             G_CALLBACK (on_first_paint_cb), window, 0);

  /* Sync waits while the cache is re-keyed: it writes the new tables. */
  if (shou_store_get_migrating (self->store))
    g_signal_connect_object (self->store, "notify::migrating",
                             G_CALLBACK (on_store_migrating_notify_cb), self, G_CONNECT_SWAPPED);
  else
    start_syncing (self);
}

static int
shou_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  ShouApplication *self = SHOU_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "shouhou", VERSION);
      return 0;
    }

  self->want_demo = g_variant_dict_contains (options, "demo");
  g_variant_dict_lookup (options, "api-url", "s", &self->api_url);
  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir);
  /* The demo keeps its own cache, never the real shops' one. */
  if (self->want_demo && self->data_dir == NULL)
    self->data_dir = demo_data_dir (self);
  self->in_demo_dir = self->want_demo;

  return G_APPLICATION_CLASS (shou_application_parent_class)->handle_local_options (app, options);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ShouApplication *self = user_data;
  const char *developers[] = { _("The Shouhou authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_window (self),
                        "application-icon", BASE_ID,
                        "application-name", _("Shouhou"),
                        "developer-name", _("The Shouhou authors"),
                        "version", VERSION,
                        "comments", _("An after-sales console for shops on Taobao, Tmall, Pinduoduo, Douyin and JD: every refund, return and exchange with its deadline, in one queue."),
                        "website", "https://github.com/shouhou/shouhou",
                        "issue-url", "https://github.com/shouhou/shouhou/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* GtkShortcutsWindow titles itself with GTK's own words ("Shortcuts",
 * "Search Shortcuts"), which GTK's catalogue renders 快捷操作/捷徑鍵: the
 * glossary's term goes in their place. */
static void
use_glossary_terms (GtkWidget *widget)
{
  const char *gtk_title = g_dgettext ("gtk40", "Shortcuts");
  const char *gtk_search = g_dgettext ("gtk40", "Search Shortcuts");

  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), gtk_title) == 0)
    gtk_label_set_label (GTK_LABEL (widget), _("Keyboard shortcuts"));
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      if (g_strcmp0 (placeholder, gtk_search) == 0)
        g_object_set (widget, "placeholder-text", _("Search keyboard shortcuts"), NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    use_glossary_terms (child);
}

static void
shortcuts_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ShouApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/shouhou/Shouhou/window/shou-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (get_window (self)));
  use_glossary_terms (GTK_WIDGET (shortcuts));
  if (gtk_window_get_titlebar (shortcuts) != NULL)
    use_glossary_terms (gtk_window_get_titlebar (shortcuts));
  gtk_window_present (shortcuts);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ShouApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Quit means quit, also when running in the background. */
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }

  /* Closing lets the window save its size. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

/* Background */

static gboolean
is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_background_requested_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    g_debug ("Background portal: %s", error->message);
}

/* In Flatpak the sandbox may stop an app without windows unless the
 * Background portal allows it; the answer comes as a Response signal that
 * only says whether the user agreed, so it is not waited for. */
static void
request_background_portal (ShouApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  GVariantBuilder options;
  g_autofree char *token = NULL;

  if (!is_sandboxed () || bus == NULL)
    return;

  token = g_strdup_printf ("shouhou%u", g_random_int ());
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Remind you of after-sales deadlines while the window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus,
                          "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background",
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_background_requested_cb, NULL);
}

/* While "run-in-background" is on, the app holds itself: closing the last
 * window leaves it running, syncing and sending deadline reminders. */
static void
update_background_hold (ShouApplication *self)
{
  gboolean want = self->settings != NULL &&
                  g_settings_get_boolean (self->settings, "run-in-background");

  if (want == self->held)
    return;

  self->held = want;
  if (want)
    {
      g_application_hold (G_APPLICATION (self));
      request_background_portal (self);
    }
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_run_in_background_changed_cb (ShouApplication *self)
{
  update_background_hold (self);
}

gboolean
shou_application_get_running_in_background (ShouApplication *self)
{
  g_return_val_if_fail (SHOU_IS_APPLICATION (self), FALSE);

  return self->held;
}

ShouDeadlineNotifier *
shou_application_get_notifier (ShouApplication *self)
{
  g_return_val_if_fail (SHOU_IS_APPLICATION (self), NULL);

  return self->notifier;
}

static void
open_request_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ShouApplication *self = user_data;
  ShouWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_window (self);
  if (window != NULL)
    shou_window_open_request (window, g_variant_get_string (parameter, NULL));
}

/* Starting the demo over: the child stops, its database and the demo
 * account's cache go, and a fresh demo starts. */
static void
reset_demo (ShouApplication *self)
{
  g_autofree char *demo_id = NULL;
  g_autofree char *db_path = NULL;
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (self->store == NULL)
    return;

  shou_sync_engine_stop (self->engine);
  if (self->demo != NULL)
    {
      shou_demo_server_stop (self->demo);
      g_clear_object (&self->demo);
    }

  while ((demo_id = shou_store_find_demo_account (self->store)) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!shou_store_remove_account (self->store, demo_id, &error))
        {
          show_error (self, _("Could Not Reset the Demo"), error->message);
          return;
        }
      shou_secrets_clear_token (demo_id, NULL);
      g_clear_pointer (&demo_id, g_free);
    }

  db_path = demo_sim_db_path (self);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not delete %s: %s", path, g_strerror (errno));
    }

  shou_application_start_demo (self);
}

static void
on_reset_demo_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           ShouApplication  *self)
{
  if (g_strcmp0 (response, "reset") == 0)
    reset_demo (self);
}

static void
reset_demo_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ShouApplication *self = user_data;
  ShouWindow *window = get_window (self);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (window != NULL ? GTK_WINDOW (window) : NULL,
                                   _("Reset the Demo Data?"),
                                   _("The demo shops start over with fresh requests. Everything done in the demo is lost: its actions, addresses and evidence. Your own shops are not touched."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "reset", _("_Reset Demo Data"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_demo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_demo_actions (ShouApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "reset-demo");
  g_autofree char *demo_id = NULL;

  if (action == NULL)
    return;
  if (self->store != NULL)
    demo_id = shou_store_find_demo_account (self->store);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->demo != NULL || demo_id != NULL);
}

static const GActionEntry app_actions[] = {
  { "reset-demo", reset_demo_action_cb, NULL, NULL, NULL, { 0 } },
  { "about", about_action_cb, NULL, NULL, NULL, { 0 } },
  { "shortcuts", shortcuts_action_cb, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action_cb, NULL, NULL, NULL, { 0 } },
  { "open-request", open_request_action_cb, "s", NULL, NULL, { 0 } },
};

static void
shou_application_startup (GApplication *app)
{
  ShouApplication *self = SHOU_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Before the parent: AdwApplication loads style.css from the resources. */
  shou_register_resource ();

  G_APPLICATION_CLASS (shou_application_parent_class)->startup (app);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema != NULL)
    {
      g_autofree char *scheme = NULL;
      AdwStyleManager *style = adw_style_manager_get_default ();

      self->settings = g_settings_new (BASE_ID);
      scheme = g_settings_get_string (self->settings, "color-scheme");
      if (g_strcmp0 (scheme, "light") == 0)
        adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      else if (g_strcmp0 (scheme, "dark") == 0)
        adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  if (self->settings != NULL)
    {
      g_autoptr(GAction) background = g_settings_create_action (self->settings, "run-in-background");

      g_action_map_add_action (G_ACTION_MAP (self), background);
      g_signal_connect_object (self->settings, "changed::run-in-background",
                               G_CALLBACK (on_run_in_background_changed_cb), self, G_CONNECT_SWAPPED);
      update_background_hold (self);
    }
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
}

static void
shou_application_shutdown (GApplication *app)
{
  ShouApplication *self = SHOU_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    shou_sync_engine_stop (self->engine);
  if (self->demo != NULL)
    shou_demo_server_stop (self->demo);

  G_APPLICATION_CLASS (shou_application_parent_class)->shutdown (app);
}

static void
shou_application_dispose (GObject *object)
{
  ShouApplication *self = SHOU_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->engine);
  g_clear_object (&self->demo);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (shou_application_parent_class)->dispose (object);
}

static void
shou_application_finalize (GObject *object)
{
  ShouApplication *self = SHOU_APPLICATION (object);

  g_free (self->api_url);
  g_free (self->data_dir);

  G_OBJECT_CLASS (shou_application_parent_class)->finalize (object);
}

static void
shou_application_class_init (ShouApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = shou_application_dispose;
  object_class->finalize = shou_application_finalize;
  app_class->activate = shou_application_activate;
  app_class->startup = shou_application_startup;
  app_class->shutdown = shou_application_shutdown;
  app_class->handle_local_options = shou_application_handle_local_options;
}

static void
shou_application_init (ShouApplication *self)
{
  self->cancellable = g_cancellable_new ();

  g_application_add_main_option (G_APPLICATION (self), "demo", 0, 0, G_OPTION_ARG_NONE,
                                 _("Start the bundled simulator with demo shops and open them"),
                                 NULL);
  g_application_add_main_option (G_APPLICATION (self), "api-url", 0, 0, G_OPTION_ARG_STRING,
                                 _("Connect to the after-sales API at URL (token from $SHOUHOU_TOKEN)"),
                                 "URL");
  g_application_add_main_option (G_APPLICATION (self), "data-dir", 0, 0, G_OPTION_ARG_FILENAME,
                                 _("Keep the cache in DIR instead of the user data folder"),
                                 _("DIR"));
  g_application_add_main_option (G_APPLICATION (self), "version", 0, 0, G_OPTION_ARG_NONE,
                                 _("Show the version and exit"),
                                 NULL);
}

ShouApplication *
shou_application_new (void)
{
  return g_object_new (SHOU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/shouhou/Shouhou",
                       NULL);
}

ShouStore *
shou_application_get_store (ShouApplication *self)
{
  g_return_val_if_fail (SHOU_IS_APPLICATION (self), NULL);

  return self->store;
}

ShouSyncEngine *
shou_application_get_sync_engine (ShouApplication *self)
{
  g_return_val_if_fail (SHOU_IS_APPLICATION (self), NULL);

  return self->engine;
}
