/* test-two-accounts: issue 17, item 1, in the real window. Two runs of the
 * demo (two simulators seeded alike: the same ids), an account on each, one
 * cache. The sidebar lists the shops of both and counts each of them and
 * all of them right; a shop shows its own account's requests; removing the
 * first account leaves the queue with every request of the second. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/accounts/shou-accounts.h"
#include "ui/window/shou-queue-view.h"
#include "ui/window/shou-sidebar.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

static gboolean
window_ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

static gboolean
revealed_cb (gpointer user_data)
{
  return !shou_request_list_get_revealing (SHOU_REQUEST_LIST (user_data));
}

/* The queue's list once every row has come in (a re-query shows a
 * screenful first, the rest over the next frames). */
static GListModel *
queue_model (ShouWindow *window)
{
  ShouRequestList *list = shou_queue_view_get_list (shou_window_get_queue_view (window));

  g_assert_true (shou_test_wait_until (revealed_cb, list, 5000));
  return G_LIST_MODEL (list);
}

static guint
account_count (ShouStore  *store,
               const char *account,
               ShouView    view)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (store);
  guint n = 0;

  for (guint i = 0; i < shops->len; i++)
    if (g_strcmp0 (json_object_get_string_member (shops->pdata[i], "account_id"), account) == 0)
      n += shou_store_count_view (store, view, json_object_get_string_member (shops->pdata[i], "key"));
  return n;
}

static void
test_two_accounts_same_ids (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autofree char *dir2 = g_build_filename (dir, "second", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *pending = shou_view_to_string (SHOU_VIEW_PENDING);
  ShouTestSim *sim1, *sim2;
  ShouStore *store;
  ShouSyncEngine *engine;
  ShouWindow *window;
  ShouSidebar *sidebar;
  guint pending_first, pending_second, shops_second = 0;

  g_settings_set_string (settings, "last-view", "pending");
  g_assert_cmpint (g_mkdir_with_parents (dir2, 0700), ==, 0);
  sim1 = shou_test_sim_new_demo (dir, 7);
  sim2 = shou_test_sim_new_demo (dir2, 7);
  store = shou_test_store_new_connected (dir, sim1);
  accounts = shou_store_list_accounts (store);
  first = g_strdup (json_object_get_string_member (accounts->pdata[0], "id"));
  second = shou_accounts_connect (store, shou_test_sim_get_url (sim2),
                                  shou_test_sim_get_token (sim2), "Test 2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));

  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_test_iterate (100);
  sidebar = shou_window_get_sidebar (window);
  shou_sidebar_refresh (sidebar);

  /* Both accounts' requests, counted per account and together. */
  pending_first = account_count (store, first, SHOU_VIEW_PENDING);
  pending_second = account_count (store, second, SHOU_VIEW_PENDING);
  g_assert_cmpuint (pending_second, >, 0);
  g_assert_cmpuint (pending_first, ==, pending_second);
  g_assert_cmpint (shou_sidebar_get_count (sidebar, pending), ==, (int) (pending_first + pending_second));
  g_assert_cmpuint (g_list_model_get_n_items (queue_model (window)), ==, pending_first + pending_second);

  /* Each shop of the second account: its own count and its own rows. */
  shops = shou_store_list_shops (store);
  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];
      const char *key = json_object_get_string_member (shop, "key");
      guint n;

      if (g_strcmp0 (json_object_get_string_member (shop, "account_id"), second) != 0)
        continue;
      shops_second++;
      shou_sidebar_set_shop_id (sidebar, key);
      shou_test_iterate (50);
      n = shou_store_count_view (store, SHOU_VIEW_PENDING, key);
      g_assert_cmpint (shou_sidebar_get_count (sidebar, pending), ==, (int) n);
      g_assert_cmpuint (g_list_model_get_n_items (queue_model (window)), ==, n);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (window), j);
          g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), &error);

          g_assert_no_error (error);
          g_assert_cmpstr (shou_request_item_get_shop_id (item), ==, key);
          g_assert_cmpstr (json_object_get_string_member (request, "account_id"), ==, second);
        }
    }
  g_assert_cmpuint (shops_second * 2, ==, shops->len);
  shou_sidebar_set_shop_id (sidebar, NULL);

  /* The stale account goes; the other keeps every request. */
  g_assert_true (shou_store_remove_account (store, first, &error));
  g_assert_no_error (error);
  shou_test_iterate (100);
  shou_sidebar_refresh (sidebar);
  g_assert_cmpint (shou_sidebar_get_count (sidebar, pending), ==, (int) pending_second);
  g_assert_cmpuint (g_list_model_get_n_items (queue_model (window)), ==, pending_second);
  g_assert_cmpstr (shou_window_get_main_page (window), ==, "queue");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  shou_sync_engine_stop (engine);
  shou_test_finalize_object (engine);
  shou_test_finalize_object (store);
  shou_test_sim_free (sim1);
  shou_test_sim_free (sim2);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);

  g_test_add_func ("/two-accounts/same-ids", test_two_accounts_same_ids);

  return g_test_run ();
}
