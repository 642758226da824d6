/* shou-application.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-resources.h"
#include "ui/accounts/shou-accounts.h"
#include "shou-application.h"
#include "shou-deadline-notifier.h"
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
  char            *api_url;
  char            *data_dir;
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

static void
on_store_accounts_changed_cb (ShouApplication *self)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (self->store);

  /* The engine only forgets its clients on this signal: sync a new account now. */
  if (accounts != NULL && accounts->len > 0)
    {
      shou_sync_engine_start (self->engine);
      shou_sync_engine_sync_now (self->engine);
    }
}

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

  if (self->data_dir != NULL)
    {
      g_mkdir_with_parents (self->data_dir, 0700);
      path = g_build_filename (self->data_dir, "shouhou.db", NULL);
    }
  else
    path = shou_store_get_default_path ();

  self->store = shou_store_new (path, &error);
  if (self->store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }

  self->engine = shou_sync_engine_new (self->store);
  g_signal_connect_object (self->store, "accounts-changed",
                           G_CALLBACK (on_store_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  /* Reminders belong to the app, so they go on with the window closed. */
  self->notifier = shou_deadline_notifier_new (G_APPLICATION (self), self->store);
  g_signal_connect_object (self->engine, "sync-finished",
                           G_CALLBACK (on_engine_sync_finished_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_object_set (self->engine, "interval", g_settings_get_uint (self->settings, "sync-interval"), NULL);

  return TRUE;
}

static void
connect_and_sync (ShouApplication *self,
                  const char      *url,
                  const char      *token,
                  const char      *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;

  account_id = shou_accounts_connect (self->store, url, token, label, &error);
  if (account_id == NULL)
    {
      show_error (self, _("Could Not Connect"), error->message);
      return;
    }

  shou_sync_engine_start (self->engine);
  shou_sync_engine_sync_now (self->engine);
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

  connect_and_sync (self,
                    shou_demo_server_get_url (self->demo),
                    shou_demo_server_get_token (self->demo),
                    _("Demo shops"));
}

void
shou_application_start_demo (ShouApplication *self)
{
  g_return_if_fail (SHOU_IS_APPLICATION (self));

  if (self->demo != NULL || !ensure_store (self))
    return;

  if (get_window (self) != NULL)
    shou_window_set_demo_state (get_window (self), TRUE, NULL);
  self->demo = shou_demo_server_new ();
  shou_demo_server_start_async (self->demo, self->cancellable, on_demo_started_cb,
                                g_object_ref (self));
}

static void
on_window_demo_requested_cb (ShouApplication *self)
{
  shou_application_start_demo (self);
}

static void
shou_application_activate (GApplication *app)
{
  ShouApplication *self = SHOU_APPLICATION (app);
  ShouWindow *window = get_window (self);
  g_autoptr(GPtrArray) accounts = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (!ensure_store (self))
    return;

  window = shou_window_new (GTK_APPLICATION (self), self->store, self->engine);
  g_signal_connect_object (window, "demo-requested",
                           G_CALLBACK (on_window_demo_requested_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));

  if (self->want_demo)
    shou_application_start_demo (self);
  else if (self->api_url != NULL)
    {
      const char *token = g_getenv ("SHOUHOU_TOKEN");

      if (token == NULL || *token == '\0')
        show_error (self, _("No Access Token"),
                    _("Set the environment variable SHOUHOU_TOKEN to the token for --api-url."));
      else
        connect_and_sync (self, self->api_url, token, self->api_url);
    }
  else
    {
      g_autofree char *demo_url = g_strdup_printf ("http://127.0.0.1:%d", SHOU_DEMO_SERVER_DEFAULT_PORT);
      gboolean has_demo = FALSE;

      accounts = shou_store_list_accounts (self->store);
      for (guint i = 0; accounts != NULL && i < accounts->len; i++)
        has_demo |= g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (accounts, i),
                                                                           "base_url", ""),
                               demo_url) == 0;

      /* The demo's simulator runs only with the app: bring it back. */
      if (has_demo)
        shou_application_start_demo (self);
      else if (accounts != NULL && accounts->len > 0)
        {
          shou_sync_engine_start (self->engine);
          shou_sync_engine_sync_now (self->engine);
        }
    }
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

static const GActionEntry app_actions[] = {
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
