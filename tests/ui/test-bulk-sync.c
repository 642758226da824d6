/* test-bulk-sync.c: the window while the initial sync fills the cache
 * (issue 19). Bulk pages refresh the list at most once a second and each
 * refresh replaces its rows in two steps; the list must still show every
 * synced request at the end, and the seller's selection must survive the
 * refreshes and a view switch made during the sync. A view switch shows a
 * screenful first and the other rows over the next frames.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store/shou-request-item-private.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define N_REQUESTS 4000
#define SYNC_TIMEOUT_MS 120000

typedef struct
{
  ShouStore      *store;
  ShouSyncEngine *engine;
  ShouWindow     *window;
  gboolean        finished;
  gboolean        ok;
  /* The list's refreshes after a store change, while it had rows: how
   * many; how many rows among the first TOP_ROWS (a screenful) they
   * announced; and how many of those were new there or had changed. */
  gboolean        in_refresh;
  guint           refreshes;
  guint           top_built;
  guint           top_new;
  GPtrArray      *top_before;
} Run;

#define TOP_ROWS 50

static void
on_sync_finished_cb (ShouSyncEngine *engine,
                     gboolean        ok,
                     Run            *run)
{
  run->finished = TRUE;
  run->ok = ok;
}

static GPtrArray *
top_rows (Run *run)
{
  GListModel *list = G_LIST_MODEL (shou_queue_view_get_list (shou_window_get_queue_view (run->window)));
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < MIN (g_list_model_get_n_items (list), TOP_ROWS); i++)
    g_ptr_array_add (rows, g_list_model_get_item (list, i));
  return rows;
}

static void
on_store_changed_cb (ShouStore  *store,
                     const char *request_id,
                     Run        *run)
{
  if (run->window == NULL)
    return;
  g_clear_pointer (&run->top_before, g_ptr_array_unref);
  run->top_before = top_rows (run);
  run->in_refresh = run->top_before->len > 0;
  run->refreshes += run->in_refresh;
}

static void
on_store_changed_after_cb (ShouStore  *store,
                           const char *request_id,
                           Run        *run)
{
  g_autoptr(GPtrArray) after = NULL;

  if (!run->in_refresh)
    return;
  run->in_refresh = FALSE;
  after = top_rows (run);
  for (guint i = 0; i < after->len; i++)
    {
      gboolean kept = FALSE;

      for (guint j = 0; j < run->top_before->len && !kept; j++)
        kept = shou_request_item_same_content (after->pdata[i], run->top_before->pdata[j]);
      run->top_new += !kept;
    }
}

static void
on_list_items_changed_cb (GListModel *list,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Run        *run)
{
  if (run->in_refresh && position < TOP_ROWS)
    run->top_built += MIN (added, TOP_ROWS - position);
}

static gboolean
list_has_rows_cb (gpointer user_data)
{
  Run *run = user_data;
  GListModel *list = G_LIST_MODEL (shou_queue_view_get_list (shou_window_get_queue_view (run->window)));

  return g_list_model_get_n_items (list) > 0;
}

static gboolean
not_revealing_cb (gpointer user_data)
{
  return !shou_request_list_get_revealing (user_data);
}

static gboolean
finished_cb (gpointer user_data)
{
  return ((Run *) user_data)->finished;
}

/* The id of the row the column view shows selected, or NULL. */
static const char *
shown_selected_id (Run *run)
{
  GtkColumnView *view = shou_queue_view_get_column_view (shou_window_get_queue_view (run->window));
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  const char *key = shou_queue_selection_get_single (SHOU_QUEUE_SELECTION (model));
  int pos = key ? shou_request_list_find (shou_queue_view_get_list (shou_window_get_queue_view (run->window)), key) : -1;

  /* Chosen, and its row (revealed) shows it. */
  if (pos < 0 || (guint) pos >= g_list_model_get_n_items (G_LIST_MODEL (model)) ||
      !gtk_selection_model_is_selected (model, (guint) pos))
    return NULL;
  return key;
}

static void
test_bulk_sync_window (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_scale (dir, N_REQUESTS);
  g_autoptr(ShouRequestList) fresh = NULL;
  g_autofree char *chosen = NULL;
  ShouQueueView *queue;
  ShouRequestList *list;
  Run run = { 0 };
  guint expected;

  run.store = shou_test_store_new_connected (dir, sim);
  /* Before the window's list connects: around its refreshes. */
  g_signal_connect (run.store, "changed", G_CALLBACK (on_store_changed_cb), &run);
  g_signal_connect_after (run.store, "changed", G_CALLBACK (on_store_changed_after_cb), &run);
  run.engine = shou_sync_engine_new (run.store);
  /* Pages of 250 changes: bulk pages, as in a real initial sync. */
  shou_sync_engine_set_page_limit (run.engine, 250);
  g_signal_connect (run.engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &run);
  run.window = g_object_ref_sink (shou_window_new (NULL, run.store, run.engine));
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1400, 900);
  gtk_window_present (GTK_WINDOW (run.window));
  queue = shou_window_get_queue_view (run.window);
  list = shou_queue_view_get_list (queue);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), &run);
  shou_sidebar_set_view_name (shou_window_get_sidebar (run.window), "urgent");

  shou_sync_engine_sync_now (run.engine);
  g_assert_true (shou_test_wait_until (list_has_rows_cb, &run, SYNC_TIMEOUT_MS));
  g_test_message ("first rows shown with %u cached; sync running: %d",
                  shou_store_count_view (run.store, SHOU_VIEW_ALL, NULL),
                  shou_sync_engine_is_running (run.engine));

  /* The seller picks a row while the pages still arrive... */
  g_assert_true (shou_queue_view_select_position (queue, 0));
  chosen = g_strdup (shou_queue_view_get_selected_id (queue));
  g_assert_nonnull (chosen);
  shou_test_iterate (300);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, chosen);

  /* ...and switches from 即将超时 to 待处理 (where the row is too) during
   * the sync. */
  shou_sidebar_set_view_name (shou_window_get_sidebar (run.window), "pending");
  g_assert_cmpint (shou_request_list_get_view (list), ==, SHOU_VIEW_PENDING);
  g_assert_cmpint (shou_request_list_find (list, chosen), >=, 0);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, chosen);
  g_assert_cmpstr (shown_selected_id (&run), ==, chosen);

  g_assert_true (shou_test_wait_until (finished_cb, &run, SYNC_TIMEOUT_MS));
  g_assert_true (run.ok);
  shou_test_iterate (200);
  g_assert_true (shou_test_wait_until (not_revealing_cb, list, 10000));

  /* The refreshes during the sync told the view of the rows that came in
   * among its top rows, not of every top row each time. */
  g_test_message ("%u refreshes with rows shown; %u top rows announced by them, %u new or changed there",
                  run.refreshes, run.top_built, run.top_new);
  g_assert_cmpuint (run.refreshes, >=, 1);
  g_assert_cmpuint (run.top_built, <=, run.top_new);
  g_clear_pointer (&run.top_before, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (run.store, &run);
  g_signal_handlers_disconnect_by_data (list, &run);

  /* Every synced request is cached, and the list shows its view as a
   * list opened now does. */
  g_assert_cmpuint (shou_store_count_view (run.store, SHOU_VIEW_ALL, NULL), ==, N_REQUESTS);
  expected = shou_store_count_view (run.store, SHOU_VIEW_PENDING, NULL);
  g_assert_cmpuint (expected, >, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  fresh = shou_request_list_new (run.store);
  for (guint i = 0; i < expected; i += 397)
    {
      g_autoptr(ShouRequestItem) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(ShouRequestItem) b = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_cmpstr (shou_request_item_get_id (a), ==, shou_request_item_get_id (b));
    }

  /* The choice survived every refresh: selected where the row is now, and
   * in the detail. */
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, chosen);
  g_assert_cmpstr (shown_selected_id (&run), ==, chosen);
  g_assert_true (gtk_selection_model_is_selected (gtk_column_view_get_model (shou_queue_view_get_column_view (queue)),
                                                 (guint) shou_request_list_find (list, chosen)));
  g_assert_cmpstr (shou_detail_pane_get_request_id (shou_window_get_detail_pane (run.window)), ==, chosen);

  /* A view switch shows a screenful at once and the other rows in the
   * next frames; a row chosen far down comes in at once, selected. */
  {
    g_autoptr(ShouRequestList) urgent = shou_request_list_new (run.store);
    g_autoptr(ShouRequestItem) far = NULL;
    guint n_urgent;

    shou_request_list_set_view (urgent, SHOU_VIEW_URGENT);
    n_urgent = g_list_model_get_n_items (G_LIST_MODEL (urgent));
    g_assert_cmpuint (n_urgent, >, 100);
    shou_sidebar_set_view_name (shou_window_get_sidebar (run.window), "urgent");
    g_assert_true (shou_request_list_get_revealing (list));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, n_urgent);
    g_assert_true (shou_test_wait_until (not_revealing_cb, list, 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_urgent);

    shou_sidebar_set_view_name (shou_window_get_sidebar (run.window), "pending");
    shou_sidebar_set_view_name (shou_window_get_sidebar (run.window), "urgent");
    far = g_list_model_get_item (G_LIST_MODEL (urgent), n_urgent - 1);
    g_assert_cmpint (shou_queue_view_select_id (queue, shou_request_item_get_id (far)), ==, (int) n_urgent - 1);
    g_assert_cmpstr (shown_selected_id (&run), ==, shou_request_item_get_id (far));
    shou_test_iterate (300);
    g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, shou_request_item_get_id (far));
    g_assert_cmpstr (shown_selected_id (&run), ==, shou_request_item_get_id (far));
  }

  g_clear_object (&fresh);
  shou_sync_engine_stop (run.engine);
  gtk_window_destroy (GTK_WINDOW (run.window));
  g_assert_finalize_object (run.window);
  shou_test_iterate (200);
  g_assert_finalize_object (run.engine);
  g_assert_finalize_object (run.store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

static gboolean
some_cached_cb (gpointer user_data)
{
  return shou_store_count_view (((Run *) user_data)->store, SHOU_VIEW_ALL, NULL) > 0;
}

/* Stopped while its pages are being written (on a worker), then started
 * again: every request arrives once, the file is sound. */
static void
test_bulk_sync_stop_restart (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_scale (dir, 2000);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  Run run = { 0 };

  run.store = shou_test_store_new_connected (dir, sim);
  /* Before the window's list connects: around its refreshes. */
  g_signal_connect (run.store, "changed", G_CALLBACK (on_store_changed_cb), &run);
  g_signal_connect_after (run.store, "changed", G_CALLBACK (on_store_changed_after_cb), &run);
  run.engine = shou_sync_engine_new (run.store);
  shou_sync_engine_set_page_limit (run.engine, 250);
  g_signal_connect (run.engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &run);

  shou_sync_engine_sync_now (run.engine);
  g_assert_true (shou_test_wait_until (some_cached_cb, &run, SYNC_TIMEOUT_MS));
  shou_sync_engine_stop (run.engine);
  g_assert_cmpuint (shou_store_count_view (run.store, SHOU_VIEW_ALL, NULL), <, 2000);
  shou_test_iterate (300);

  run.finished = FALSE;
  shou_sync_engine_start (run.engine);
  shou_sync_engine_sync_now (run.engine);
  g_assert_true (shou_test_wait_until (finished_cb, &run, SYNC_TIMEOUT_MS));
  g_assert_true (run.ok);
  g_assert_cmpuint (shou_store_count_view (run.store, SHOU_VIEW_ALL, NULL), ==, 2000);
  integrity = shou_store_check_integrity (run.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");

  shou_sync_engine_stop (run.engine);
  shou_test_iterate (200);
  g_assert_finalize_object (run.engine);
  g_assert_finalize_object (run.store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);

  g_test_add_func ("/bulk-sync/window", test_bulk_sync_window);
  g_test_add_func ("/bulk-sync/stop-restart", test_bulk_sync_stop_restart);

  return g_test_run ();
}
