/* test-selection.c: the queue's multi-selection on a real window over a
 * cache synced from the simulator: Ctrl+A (the list's select-all) chooses
 * every row of the view without reading them, and the selection bar's count
 * and total match the rows; "unselect all" (GTK's Ctrl+Shift+A) changes
 * nothing; the choice survives a refresh; the detail pane summarises it;
 * the batch action opens a confirmation that leaves out, with the reason,
 * the requests that do not allow the action; cancelling queues nothing.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui/shou-ui-util.h"
#include "ui/window/shou-batch-dialog.h"
#include "ui/window/shou-selection-bar.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

static gboolean
window_ready_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data) &&
         g_strcmp0 (shou_window_get_main_page (user_data), "queue") == 0;
}

/* The column view's inner list, which has the "list.*" actions. */
static GtkWidget *
inner_list (ShouQueueView *queue)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (shou_queue_view_get_column_view (queue)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  g_assert_not_reached ();
}

/* What the rows of the view hold, read row by row (the slow way the
 * selection must not take). */
static guint
sum_rows (ShouStore *store,
          gint64    *total)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  *total = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      *total += shou_request_item_get_amount_fen (item);
    }
  return n;
}

static void
test_selection_window (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 7);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ShouStore *store = shou_test_store_new_connected (dir, sim);
  ShouSyncEngine *engine = shou_sync_engine_new (store);
  ShouWindow *window;
  ShouQueueView *queue;
  GtkSelectionModel *model;
  ShouSelectionBar *bar;
  ShouDetailPane *pane;
  AdwMessageDialog *dialog;
  GPtrArray *items;
  g_autofree char *first = NULL;
  gint64 total = 0, expected_total = 0;
  guint n, count;

  g_settings_set_string (settings, "last-view", "pending");
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_test_iterate (100);
  queue = shou_window_get_queue_view (window);
  pane = shou_window_get_detail_pane (window);
  model = gtk_column_view_get_model (shou_queue_view_get_column_view (queue));
  bar = SHOU_SELECTION_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SELECTION_BAR, NULL));
  n = sum_rows (store, &expected_total);
  g_assert_cmpuint (n, >, 30);

  /* One row: the bar stays hidden, the detail shows the request. */
  g_assert_true (shou_queue_view_select_position (queue, 0));
  first = g_strdup (shou_queue_view_get_selected_id (queue));
  g_assert_nonnull (first);
  g_assert_cmpstr (shou_detail_pane_get_request_id (pane), ==, first);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* Ctrl+A: every row of the view, counted and summed as the rows say. */
  g_assert_true (gtk_widget_activate_action (inner_list (queue), "list.select-all", NULL));
  shou_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  count = shou_selection_bar_get_count (bar, &total);
  g_assert_cmpuint (count, ==, n);
  g_assert_cmpint (total, ==, expected_total);
  g_assert_true (gtk_selection_model_is_selected (model, 0));
  g_assert_true (gtk_selection_model_is_selected (model, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1));
  /* Several chosen: no single request, its summary instead. */
  g_assert_null (shou_queue_view_get_selected_id (queue));
  g_assert_null (shou_detail_pane_get_request_id (pane));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (pane), "Requests Selected"));

  /* GTK's "unselect all" (its Ctrl+Shift+A) is not the seller's. */
  gtk_widget_activate_action (inner_list (queue), "list.unselect-all", NULL);
  shou_test_iterate (50);
  g_assert_cmpuint (shou_selection_bar_get_count (bar, NULL), ==, n);

  /* All but one; then a refresh of the list keeps the choice. */
  g_assert_true (gtk_selection_model_unselect_item (model, 0));
  g_assert_false (gtk_selection_model_is_selected (model, 0));
  g_assert_cmpuint (shou_selection_bar_get_count (bar, NULL), ==, n - 1);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  shou_queue_view_sort_by (queue, "amount", FALSE);
  shou_test_iterate (200);
  g_assert_cmpuint (shou_selection_bar_get_count (bar, NULL), ==, n - 1);
  g_assert_false (gtk_selection_model_is_selected (model, (guint) shou_request_list_find (shou_queue_view_get_list (queue),
                                                                                         first)));

  /* The batch confirmation: those not allowing the refund are left out,
   * each with its reason; Cancel queues nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "batch.agree-refund", NULL));
  dialog = shou_batch_dialog_get_current ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "batch-confirm");
  items = shou_batch_dialog_get_items (dialog);
  g_assert_cmpuint (items->len, ==, n - 1);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_READY), >, 0);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_EXCLUDED), >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      g_assert_true ((item->state == SHOU_BATCH_EXCLUDED) == (item->reason != NULL));
    }
  adw_message_dialog_response (dialog, SHOU_UI_RESPONSE_CANCEL);
  shou_test_iterate (100);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_cmpuint (shou_selection_bar_get_count (bar, NULL), ==, n - 1);

  /* Clearing it (Escape or the bar's button): nothing chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "batch.clear", NULL));
  shou_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_null (shou_queue_view_get_selected_id (queue));
  g_assert_null (shou_test_find_label (GTK_WIDGET (pane), "Requests Selected"));

  shou_test_close_window (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (engine);
  g_assert_finalize_object (engine);
  g_assert_finalize_object (store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/selection/window", test_selection_window);
  return g_test_run ();
}
