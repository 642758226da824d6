/* test-background.c: deadline reminders from the application, also while it
 * runs in the background with its window closed, delivered to a
 * notification service on this test's private session bus, and opening the
 * request when that service activates them.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/window/shou-application.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

/* The org.gtk.Notifications service GLib sends to when it runs (as GNOME
 * Shell does): it keeps what it is given. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *bus;
  GPtrArray       *received; /* GVariant (ssa{sv}) */
} NotificationService;

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  NotificationService *service = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    g_ptr_array_add (service->received, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL, { 0 } };

static NotificationService *
notification_service_start (void)
{
  NotificationService *service = g_new0 (NotificationService, 1);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  service->received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  service->bus = g_dbus_connection_new_for_address_sync (address,
                                                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                         G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                         NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (service->bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, service, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (service->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4 /* do not queue */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return service;
}

static void
notification_service_free (NotificationService *service)
{
  g_dbus_connection_close_sync (service->bus, NULL, NULL);
  g_object_unref (service->bus);
  g_ptr_array_unref (service->received);
  g_free (service);
}

static gboolean
received_cb (gpointer user_data)
{
  NotificationService *service = user_data;

  return service->received->len > 0;
}

/* The request of the first reminder, with its action, from what the
 * service received. */
static char *
take_notification (NotificationService *service,
                   char               **out_action)
{
  GVariant *params = g_ptr_array_index (service->received, 0);
  g_autoptr(GVariant) notification = g_variant_get_child_value (params, 2);
  g_autoptr(GVariant) target = NULL;
  const char *action = NULL;

  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  target = g_variant_lookup_value (notification, "default-action-target", NULL);
  g_assert_nonnull (target);
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_STRING));
  *out_action = g_strdup (action);
  g_ptr_array_remove_index (service->received, 0);

  return g_variant_dup_string (target, NULL);
}

static ShouWindow *
app_window (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SHOU_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
window_shows_cb (gpointer user_data)
{
  GApplication *app = G_APPLICATION (((gpointer *) user_data)[0]);
  const char *request_id = ((gpointer *) user_data)[1];
  ShouWindow *window = app_window (app);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_detail_pane_get_request_id (shou_window_get_detail_pane (window)), request_id) == 0;
}

/* A request whose seller deadline is the nearest one still ahead. */
static char *
find_due_request (ShouStore *store,
                  gint64    *out_deadline)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  gint64 now = g_get_real_time ();
  guint n;

  /* 即将超时, nearest first: the first one ahead is the first reminder. */
  shou_request_list_set_view (list, SHOU_VIEW_URGENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (shou_request_item_get_deadline_at (item) > now + 2 * SHOU_USEC_PER_MINUTE)
        {
          *out_deadline = shou_request_item_get_deadline_at (item);
          return g_strdup (shou_request_item_get_id (item));
        }
    }

  return NULL;
}

static char *data_home;

/* With "run-in-background" on, closing the window leaves the app running;
 * a deadline reminder still reaches the notification service, and the
 * service activating it opens a window on that request. */
static void
test_background_reminder (void)
{
  g_autofree char *dir = g_build_filename (data_home, "shouhou", NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(ShouApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *action = NULL;
  NotificationService *service;
  ShouTestSim *sim;
  ShouStore *store;
  ShouSyncEngine *engine;
  ShouWindow *window;
  gint64 deadline = 0;
  gpointer wait[2];

  /* A synced cache where the app keeps it ($XDG_DATA_HOME/shouhou). */
  g_mkdir_with_parents (dir, 0700);
  sim = shou_test_sim_new_demo (dir, 7);
  store = shou_test_store_new_connected (dir, sim);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  request_id = find_due_request (store, &deadline);
  g_assert_nonnull (request_id);
  shou_sync_engine_stop (engine);
  shou_test_finalize_object (engine);
  shou_test_finalize_object (store);

  service = notification_service_start ();
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_settings_set_string (settings, "last-view", "pending");

  app = shou_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shou_application_get_running_in_background (app));

  /* The window opens, then the seller closes it. */
  g_application_activate (G_APPLICATION (app));
  window = app_window (G_APPLICATION (app));
  g_assert_nonnull (window);
  gtk_window_close (GTK_WINDOW (window));
  shou_test_iterate (200);
  g_assert_null (app_window (G_APPLICATION (app)));
  g_assert_true (shou_application_get_running_in_background (app));

  /* Just before the deadline: a reminder, with the request as target. */
  g_assert_nonnull (shou_application_get_notifier (app));
  shou_deadline_notifier_check (shou_application_get_notifier (app), deadline - SHOU_USEC_PER_MINUTE);
  g_assert_true (shou_test_wait_until (received_cb, service, 5000));
  g_test_message ("%u notifications", service->received->len);
  shown = take_notification (service, &action);
  g_assert_cmpstr (action, ==, "app.open-request");
  g_assert_cmpstr (shown, ==, request_id);

  /* The service activates it as GNOME Shell does: the window comes back on it. */
  g_dbus_connection_call (service->bus,
                          g_dbus_connection_get_unique_name (g_application_get_dbus_connection (G_APPLICATION (app))),
                          g_application_get_dbus_object_path (G_APPLICATION (app)),
                          "org.freedesktop.Application", "ActivateAction",
                          g_variant_new_parsed ("('open-request', [<%s>], @a{sv} {})", shown),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  wait[0] = app;
  wait[1] = shown;
  g_assert_true (shou_test_wait_until (window_shows_cb, wait, 10000));
  window = app_window (G_APPLICATION (app));
  g_assert_cmpint (shou_request_list_find (shou_queue_view_get_list (shou_window_get_queue_view (window)), shown),
                   >=, 0);

  /* Off again: the app lets go (it would quit with its last window). */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (shou_application_get_running_in_background (app));

  gtk_window_destroy (GTK_WINDOW (window));
  shou_test_iterate (100);
  g_clear_pointer (&sim, shou_test_sim_free);
  notification_service_free (service);
}

/* Off by default: the app does not stay without its window. */
static void
test_background_default (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), BASE_ID, TRUE);
  g_assert_nonnull (schema);
  key = g_settings_schema_get_key (schema, "run-in-background");
  value = g_settings_schema_key_get_default_value (key);
  g_assert_false (g_variant_get_boolean (value));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Before anything reads it: the app keeps its cache under here. */
  data_home = g_dir_make_tmp ("shouhou-bg-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_func ("/background/default-off", test_background_default);
  g_test_add_func ("/background/reminder", test_background_reminder);

  ret = g_test_run ();
  shou_test_rm_rf (data_home);
  g_free (data_home);

  return ret;
}
