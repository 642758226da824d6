/* queue-test-util.c: what test-queue.c and test-queue-state.c share: the
 * shared simulator, store and window, the queue's model, action dialogs.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "queue-test-util.h"

gboolean
window_ready_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         g_strcmp0 (shou_window_get_main_page (fixture->window), "queue") == 0;
}

/* One simulator and one synced cache for the whole program: a sync of the
 * demo data takes seconds, and each test picks requests nobody used yet. */
char           *shared_dir;
ShouTestSim    *shared_sim;
ShouStore      *shared_store;
ShouSyncEngine *shared_engine;
char           *shared_account_id;

void
shared_set_up (void)
{
  g_autoptr(GPtrArray) accounts = NULL;

  if (shared_store != NULL)
    return;

  shared_dir = shou_test_make_tmpdir ();
  shared_sim = shou_test_sim_new_demo (shared_dir, 7);
  shared_store = shou_test_store_new_connected (shared_dir, shared_sim);
  shared_engine = shou_sync_engine_new (shared_store);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  accounts = shou_store_list_accounts (shared_store);
  g_assert_cmpuint (accounts->len, ==, 1);
  shared_account_id = g_strdup (json_object_get_string_member (g_ptr_array_index (accounts, 0), "id"));
}

void
shared_tear_down (void)
{
  if (shared_store == NULL)
    return;

  shou_sync_engine_stop (shared_engine);
  shou_test_finalize_object (shared_engine);
  shou_test_finalize_object (shared_store);
  g_clear_pointer (&shared_sim, shou_test_sim_free);
  shou_test_rm_rf (shared_dir);
  g_clear_pointer (&shared_dir, g_free);
  g_clear_pointer (&shared_account_id, g_free);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  /* Every window starts where a seller starts: 待处理. */
  g_settings_set_string (settings, "last-view", "pending");
  /* These tests look at the request they acted on (test-actions covers
   * moving on to the next one). */
  g_settings_set_boolean (settings, "advance-after-action", FALSE);
  shared_set_up ();
  fixture->dir = shared_dir;
  fixture->sim = shared_sim;
  fixture->store = shared_store;
  fixture->engine = shared_engine;
  fixture->account_id = shared_account_id;

  fixture->window = g_object_ref_sink (shou_window_new (NULL, fixture->store, fixture->engine));
  fixture->pane = shou_window_get_detail_pane (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (shou_test_wait_until (window_ready_cb, fixture, 5000));
  shou_test_iterate (100);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  shou_test_iterate (50);
}

GListModel *
queue_model (Fixture *fixture)
{
  return G_LIST_MODEL (shou_queue_view_get_list (shou_window_get_queue_view (fixture->window)));
}

gboolean
revealed_cb (gpointer user_data)
{
  return !shou_request_list_get_revealing (SHOU_REQUEST_LIST (user_data));
}

/* The rows of the view once they have all come in (a re-query shows a
 * screenful first, the rest over the next frames). */
guint
queue_n_items (Fixture *fixture)
{
  g_assert_true (shou_test_wait_until (revealed_cb, queue_model (fixture), 5000));
  return g_list_model_get_n_items (queue_model (fixture));
}

gboolean
json_array_has_string (JsonObject *object,
                       const char *member,
                       const char *value)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return FALSE;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

/* The first cached request that allows @action (and is in @status if set). */
char *
find_request (Fixture    *fixture,
              const char *action,
              const char *status,
              const char *platform)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (fixture->store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (fixture->store, shou_request_item_get_id (item), NULL);

      if (request == NULL)
        continue;
      if (status != NULL && g_strcmp0 (json_object_get_string_member_with_default (request, "status", ""), status) != 0)
        continue;
      if (platform != NULL && g_strcmp0 (json_object_get_string_member_with_default (request, "platform", ""), platform) != 0)
        continue;
      if (action != NULL && !json_array_has_string (request, "allowed_actions", action))
        continue;
      if (json_object_has_member (request, "pending_actions") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) > 0)
        continue;

      return g_strdup (shou_request_item_get_id (item));
    }

  return NULL;
}

gboolean
dialog_mapped_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *dialog = shou_detail_pane_get_dialog (fixture->pane);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

GtkWindow *
open_action (Fixture    *fixture,
             const char *request_id,
             const char *action_name)
{
  g_autofree char *action = g_strconcat ("request.", action_name, NULL);

  shou_window_open_request (fixture->window, request_id);
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, request_id);
  if (!shou_detail_pane_is_action_enabled (fixture->pane, action_name))
    {
      g_autofree char *json = json_to_string (json_object_get_member (shou_detail_pane_get_request (fixture->pane), "allowed_actions"), FALSE);
      g_test_message ("%s: %s not in %s", request_id, action_name, json);
    }
  g_assert_true (shou_detail_pane_is_action_enabled (fixture->pane, action_name));
  g_assert_true (gtk_widget_get_sensitive (shou_detail_pane_get_action_button (fixture->pane, action_name)) ||
                 gtk_widget_is_sensitive (shou_detail_pane_get_action_button (fixture->pane, action_name)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL));
  g_assert_true (shou_test_wait_until (dialog_mapped_cb, fixture, 5000));

  return shou_detail_pane_get_dialog (fixture->pane);
}

void
respond (GtkWindow  *dialog,
         const char *response)
{
  GtkWindow *weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  shou_test_iterate (100);
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
      gtk_window_destroy (weak);
    }
}
