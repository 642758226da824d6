/* test-selection.c: the queue's multi-selection on a real window over a
 * cache synced from the simulator: Ctrl+A (the list's select-all) chooses
 * every row of the view without reading them, and the selection bar's count
 * and total match the rows; "unselect all" (GTK's Ctrl+Shift+A) changes
 * nothing; the choice survives a refresh; the detail pane summarises it;
 * the batch action opens a confirmation that leaves out, with the reason,
 * the requests that do not allow the action; cancelling queues nothing.
 * Filters on the same window: win.show-filtered (the statistics page's
 * bars) shows every request of a SKU with its chip; Ctrl+A counts only the
 * filtered rows; a second chip narrows, removing a chip widens again; a
 * saved view counts what its filter shows; filters that leave nothing say
 * so, with a button that clears them. Search on the same window: it
 * looks in every view and shop unless 仅此视图 is on, says each result's
 * view and shop, and opening one goes there; Ctrl+C copies a row's order
 * number. The row's menu (queue.menu, as the Menu key opens it): 复制运单号
 * copies the return's tracking number and is off for a row without one;
 * 筛选此买家 shows that buyer's requests only, with its chip. Tags and
 * notes on the same window: added in the detail pane
 * (shown at once, waiting to sync, then sent to the simulator), a note
 * kept as text, a tag put on every chosen request from the selection bar,
 * and the tag filter's chip showing those requests.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "store/shou-store-annotations.h"
#include "ui/shou-ui-util.h"
#include "ui/window/shou-annotation-group.h"
#include "ui/window/shou-batch-dialog.h"
#include "ui/window/shou-filter-bar.h"
#include "ui/window/shou-saved-views.h"
#include "ui/window/shou-sidebar.h"
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

/* Rows of @view that a filter of @sku (and @platform, if not -1) keeps,
 * read row by row. */
static guint
count_rows_like (ShouStore  *store,
                 ShouView    view,
                 const char *sku,
                 int         platform)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n, found = 0;

  shou_request_list_set_view (list, view);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (shou_request_item_get_sku (item), sku) == 0 &&
          (platform < 0 || (int) shou_request_item_get_platform (item) == platform))
        found++;
    }
  return found;
}

typedef struct { ShouRequestList *list; guint n; } CountWait;

static gboolean
count_is_cb (gpointer user_data)
{
  CountWait *w = user_data;

  return !shou_request_list_get_revealing (w->list) &&
         g_list_model_get_n_items (G_LIST_MODEL (w->list)) == w->n;
}

/* The window's list reveals its rows over a few frames after a re-query. */
#define ASSERT_ROWS(l, expected) G_STMT_START { \
  CountWait _w = { (l), (expected) }; \
  shou_test_wait_until (count_is_cb, &_w, 5000); \
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l)), ==, (expected)); \
} G_STMT_END

typedef struct { ShouRequestList *list; const char *search; } SearchWait;

static gboolean
search_settled_cb (gpointer user_data)
{
  SearchWait *w = user_data;

  return g_strcmp0 (shou_request_list_get_search (w->list), w->search) == 0 &&
         !shou_request_list_get_searching (w->list);
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set_cb (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

static gboolean
where_column_visible (ShouQueueView *queue)
{
  GListModel *columns = gtk_column_view_get_columns (shou_queue_view_get_column_view (queue));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "View and Shop") == 0)
        return gtk_column_view_column_get_visible (column);
    }
  g_assert_not_reached ();
}

/* From 待处理 of one shop, a search finds a finished request of another
 * shop, and says its view and shop; 仅此视图 does not find it. Opening it
 * goes to 已完结, all shops, with it chosen; Ctrl+C on its row copies its
 * order number. */
static void
check_global_search (ShouWindow *window,
                     ShouStore  *store)
{
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouRequestList *list = shou_queue_view_get_list (queue);
  ShouSidebar *sidebar = SHOU_SIDEBAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SIDEBAR, NULL));
  GtkWidget *entry = shou_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *scope = shou_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "search-scope");
  g_autoptr(ShouRequestList) finished = shou_request_list_new (store);
  g_autoptr(ShouRequestItem) target = NULL;
  g_autoptr(ShouRequestItem) found = NULL;
  g_autofree char *id = NULL;
  g_autofree char *copied = NULL;
  const char *other_shop = NULL;
  SearchWait wait = { list, NULL };
  int pos;

  shou_request_list_set_view (finished, SHOU_VIEW_FINISHED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (finished)), >, 0);
  target = g_list_model_get_item (G_LIST_MODEL (finished), 0);
  id = g_strdup (shou_request_item_get_id (target));
  /* The sidebar shows another shop than the request's (any other). */
  for (guint i = 0; other_shop == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (finished)); i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (finished), i);

      if (g_strcmp0 (shou_request_item_get_shop_id (item), shou_request_item_get_shop_id (target)) != 0)
        other_shop = g_intern_string (shou_request_item_get_shop_id (item));
    }
  g_assert_nonnull (other_shop);
  g_assert_true (shou_sidebar_set_view_name (sidebar, "pending"));
  shou_sidebar_set_shop_id (sidebar, other_shop);
  shou_test_iterate (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_nonnull (scope);
  g_assert_false (where_column_visible (queue));
  gtk_editable_set_text (GTK_EDITABLE (entry), shou_request_item_get_order_no (target));
  wait.search = shou_request_item_get_order_no (target);
  g_assert_true (shou_test_wait_until (search_settled_cb, &wait, 5000));
  pos = shou_request_list_find (list, id);
  g_assert_cmpint (pos, >=, 0);
  found = g_list_model_get_item (G_LIST_MODEL (list), (guint) pos);
  g_assert_cmpint (shou_request_item_get_home_view (found), ==, SHOU_VIEW_FINISHED);
  g_assert_true (where_column_visible (queue));

  /* 仅此视图: 待处理 of the other shop has no such request. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope), TRUE);
  g_assert_true (shou_test_wait_until (search_settled_cb, &wait, 5000));
  g_assert_cmpint (shou_request_list_find (list, id), <, 0);
  g_assert_false (where_column_visible (queue));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (window), "Nothing in this view matches"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope), FALSE);
  g_assert_true (shou_test_wait_until (search_settled_cb, &wait, 5000));
  g_assert_cmpint (shou_request_list_find (list, id), >=, 0);

  /* Enter (or a double click) on the result: its own view and shop. */
  g_signal_emit_by_name (queue, "activated", id);
  shou_test_iterate (100);
  g_assert_null (shou_request_list_get_search (list));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
  g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, "finished");
  g_assert_cmpstr (shou_sidebar_get_shop_id (sidebar), ==, shou_request_item_get_shop_id (target));
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, id);
  g_assert_cmpstr (shou_detail_pane_get_request_id (shou_window_get_detail_pane (window)), ==, id);
  g_assert_false (where_column_visible (queue));

  /* Ctrl+C on the chosen row: its order number on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (queue), "queue.copy-order-no", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (queue)), NULL,
                                 on_clipboard_text_cb, &copied);
  g_assert_true (shou_test_wait_until (is_set_cb, &copied, 5000));
  g_assert_cmpstr (copied, ==, shou_request_item_get_order_no (target));

  shou_sidebar_set_shop_id (sidebar, NULL);
  g_assert_true (shou_sidebar_set_view_name (sidebar, "pending"));
  shou_test_iterate (50);
}

/* The item labelled @text of the row menu, opened (as the Menu key does)
 * on the row at @position; @popover: the menu. */
static GtkWidget *
row_menu_item (ShouQueueView *queue,
               guint          position,
               const char    *text,
               GtkWidget    **popover)
{
  GtkWidget *label;

  g_assert_true (shou_queue_view_select_position (queue, position));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (queue), "queue.menu", NULL));
  shou_test_iterate (50);
  *popover = shou_test_find_widget (GTK_WIDGET (queue), GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (*popover);
  g_assert_true (gtk_widget_get_mapped (*popover));
  label = shou_test_find_label (*popover, text);
  for (GtkWidget *w = label; w != NULL && w != *popover; w = gtk_widget_get_parent (w))
    if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkModelButton"))
      return w;
  g_assert_not_reached ();
}

/* A request's return tracking number ("" for none), and the term that
 * picks its buyer: the platform's buyer id, else the nick. */
static char *
tracking_and_buyer (ShouStore       *store,
                    ShouRequestItem *item,
                    char           **buyer)
{
  g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), NULL);
  JsonObject *ship;
  const char *id;

  g_assert_nonnull (request);
  id = json_object_get_string_member_with_default (request, "buyer_id", NULL);
  *buyer = g_strdup (id && *id ? id : shou_request_item_get_buyer (item));
  ship = json_object_has_member (request, "return_shipment") &&
         JSON_NODE_HOLDS_OBJECT (json_object_get_member (request, "return_shipment"))
         ? json_object_get_object_member (request, "return_shipment") : NULL;
  return g_strdup (ship ? json_object_get_string_member_with_default (ship, "tracking_no", "") : "");
}

/* The first row of @list with (or without) a return tracking number, -1
 * if none; its key, number and buyer. */
static int
row_with_parcel (ShouStore        *store,
                 ShouRequestList  *list,
                 gboolean          with,
                 char            **key,
                 char            **tracking,
                 char            **buyer)
{
  ShouRequestItem *row;
  guint i = 0;

  /* Past the last row, the model gives NULL. */
  while ((row = g_list_model_get_item (G_LIST_MODEL (list), i)) != NULL)
    {
      *tracking = tracking_and_buyer (store, row, buyer);
      *key = g_strdup (shou_request_item_get_id (row));
      g_object_unref (row);
      if ((**tracking != '\0') == with)
        return (int) i;
      g_clear_pointer (tracking, g_free);
      g_clear_pointer (buyer, g_free);
      g_clear_pointer (key, g_free);
      i++;
    }
  return -1;
}

static void
check_row_menu (ShouWindow *window,
                ShouStore  *store)
{
  g_autofree char *tracking = NULL;
  g_autofree char *buyer = NULL;
  g_autofree char *key = NULL;
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouRequestList *list = shou_queue_view_get_list (queue);
  ShouFilterBar *bar = SHOU_FILTER_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_FILTER_BAR, NULL));
  ShouSidebar *sidebar = SHOU_SIDEBAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SIDEBAR, NULL));
  g_autofree char *copied = NULL;
  int with = -1, without = -1;
  guint n, n_buyer = 0;
  GtkWidget *popover, *item;

  /* 待处理 has rows without a parcel; 等待买家 (waiting for the parcel, or
   * for the seller to receive it) has rows with one. */
  g_assert_true (shou_sidebar_set_view_name (sidebar, "pending"));
  ASSERT_ROWS (list, shou_store_count_view (store, SHOU_VIEW_PENDING, NULL));
  without = row_with_parcel (store, list, FALSE, &key, &tracking, &buyer);
  g_assert_cmpint (without, >=, 0);

  /* A row without a tracking number: its item is off. */
  item = row_menu_item (queue, (guint) without, "Copy Tracking Number", &popover);
  g_assert_false (gtk_widget_is_sensitive (item));
  g_assert_true (gtk_widget_is_sensitive (shou_test_find_label (popover, "Copy Order Number")));
  gtk_popover_popdown (GTK_POPOVER (popover));
  shou_test_iterate (50);

  g_assert_true (shou_sidebar_set_view_name (sidebar, "await_return"));
  ASSERT_ROWS (list, shou_store_count_view (store, SHOU_VIEW_AWAIT_RETURN, NULL));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&tracking, g_free);
  g_clear_pointer (&buyer, g_free);
  with = row_with_parcel (store, list, TRUE, &key, &tracking, &buyer);
  g_assert_cmpint (with, >=, 0);
  /* The buyer's requests in the view, read row by row. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *b = NULL;
      g_autofree char *t = tracking_and_buyer (store, row, &b);

      n_buyer += g_strcmp0 (b, buyer) == 0;
    }
  g_test_message ("row menu on %s: tracking %s, buyer %s with %u of %u requests", key, tracking, buyer, n_buyer, n);
  g_assert_cmpuint (n_buyer, >=, 1);

  /* 复制运单号 on one with: the clipboard holds it. */
  item = row_menu_item (queue, (guint) with, "Copy Tracking Number", &popover);
  g_assert_true (gtk_widget_is_sensitive (item));
  g_assert_true (gtk_widget_activate (item));
  shou_test_iterate (50);
  g_assert_false (gtk_widget_get_mapped (popover));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (queue)), NULL,
                                 on_clipboard_text_cb, &copied);
  g_assert_true (shou_test_wait_until (is_set_cb, &copied, 5000));
  g_assert_cmpstr (copied, ==, tracking);

  /* 筛选此买家: that buyer's requests only, the row among them, and the chip. */
  item = row_menu_item (queue, (guint) with, "Filter by This Buyer", &popover);
  g_assert_true (gtk_widget_activate (item));
  shou_test_iterate (50);
  g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, "await_return");
  ASSERT_ROWS (list, n_buyer);
  g_assert_cmpint (shou_request_list_find (list, key), >=, 0);
  /* The chip names the buyer by a nick the rows show. */
  {
    GtkWidget *chip = shou_test_find_label (GTK_WIDGET (bar), "Buyer: ");
    const char *nick;
    gboolean shown = FALSE;

    g_assert_nonnull (chip);
    nick = gtk_label_get_text (GTK_LABEL (chip)) + strlen ("Buyer: ");
    for (guint i = 0; i < n_buyer; i++)
      {
        g_autoptr(ShouRequestItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);

        shown |= g_strcmp0 (shou_request_item_get_buyer (row), nick) == 0;
      }
    g_assert_true (shown);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "filter.clear", NULL));
  ASSERT_ROWS (list, n);
  g_assert_true (shou_sidebar_set_view_name (sidebar, "pending"));
  shou_test_iterate (50);
}

static void
check_filters (ShouWindow *window,
               ShouStore  *store,
               GSettings  *settings)
{
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouRequestList *list = shou_queue_view_get_list (queue);
  ShouFilterBar *bar = SHOU_FILTER_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_FILTER_BAR, NULL));
  ShouSidebar *sidebar = SHOU_SIDEBAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SIDEBAR, NULL));
  ShouSelectionBar *sel = SHOU_SELECTION_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SELECTION_BAR, NULL));
  ShouSavedViews *saved;
  g_autoptr(ShouRequestItem) item = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *term = NULL;
  g_autofree char *platform_term = NULL;
  GtkWidget *chip;
  ShouPlatform platform;
  guint n_all, n_sku, n_both;

  g_assert_nonnull (bar);
  g_assert_true (shou_sidebar_set_view_name (sidebar, "pending"));
  ASSERT_ROWS (list, shou_store_count_view (store, SHOU_VIEW_PENDING, NULL));
  n_all = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; sku == NULL && i < n_all; i++)
    {
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (list), i);
      sku = g_strdup (shou_request_item_get_sku (item));
    }
  g_assert_nonnull (sku);
  g_test_message ("filtering by SKU %s", sku);
  platform = shou_request_item_get_platform (item);
  n_sku = count_rows_like (store, SHOU_VIEW_PENDING, sku, -1);
  n_both = count_rows_like (store, SHOU_VIEW_PENDING, sku, platform);
  g_assert_cmpuint (n_sku, <, n_all);

  /* From the statistics page: the queue's 待处理, the SKU's rows only, and
   * its chip. */
  g_assert_true (shou_sidebar_set_view_name (sidebar, "stats"));
  shou_test_iterate (50);
  g_assert_null (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_FILTER_BAR, NULL));
  term = g_strconcat ("sku:", sku, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-filtered", "s", term));
  shou_test_iterate (100);
  g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, "pending");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  ASSERT_ROWS (list, n_sku);
  {
    g_autofree char *label = g_strdup_printf ("SKU: %s", sku);
    g_assert_nonnull (shou_test_find_label (GTK_WIDGET (bar), label));
  }
  /* Ctrl+A chooses the filtered rows, not the view's. */
  shou_queue_view_select_position (queue, 0);
  g_assert_true (gtk_widget_activate_action (inner_list (queue), "list.select-all", NULL));
  shou_test_iterate (50);
  g_assert_cmpuint (shou_selection_bar_get_count (sel, NULL), ==, n_sku);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sel), "batch.clear", NULL));

  /* A second chip narrows; removing it (its button) widens again. */
  platform_term = g_strconcat ("platform:", shou_platform_to_string (platform), NULL);
  g_assert_true (shou_filter_bar_add_term (bar, platform_term));
  shou_test_iterate (50);
  ASSERT_ROWS (list, n_both);
  g_assert_false (shou_filter_bar_add_term (bar, "platform:ebay"));
  {
    g_autofree char *label = g_strdup_printf ("Platform: %s", shou_platform_get_label (platform));
    chip = gtk_widget_get_ancestor (shou_test_find_label (GTK_WIDGET (bar), label), GTK_TYPE_BUTTON);
  }
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  shou_test_iterate (50);
  ASSERT_ROWS (list, n_sku);
  g_assert_null (shou_test_find_label (GTK_WIDGET (bar), "Platform: "));

  /* A filter that leaves nothing says so, and its button clears them all. */
  g_assert_true (shou_filter_bar_add_term (bar, "min:999999999"));
  shou_test_iterate (50);
  ASSERT_ROWS (list, 0);
  {
    GtkWidget *title = shou_test_find_label (GTK_WIDGET (window), "No Request Matches the Filters");
    GtkWidget *page = title ? gtk_widget_get_ancestor (title, ADW_TYPE_STATUS_PAGE) : NULL;
    GtkWidget *clear;

    g_assert_nonnull (page);
    g_assert_true (gtk_widget_get_mapped (page));
    clear = shou_test_find_label (page, "Clear Filters");
    g_assert_nonnull (clear);
    g_signal_emit_by_name (gtk_widget_get_ancestor (clear, GTK_TYPE_BUTTON), "clicked");
    shou_test_iterate (50);
    ASSERT_ROWS (list, n_all);
    g_assert_null (shou_test_find_label (GTK_WIDGET (bar), "SKU: "));
    g_assert_false (gtk_widget_get_mapped (page));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-filtered", "s", term));
  shou_test_iterate (50);
  ASSERT_ROWS (list, n_sku);

  /* A saved view shows its live count in the sidebar and brings its filter back. */
  saved = SHOU_SAVED_VIEWS (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SAVED_VIEWS, NULL));
  g_assert_nonnull (saved);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (saved)));
  shou_saved_views_save (saved, "Same SKU", "pending", term);
  shou_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (saved)));
  g_assert_cmpint (shou_saved_views_get_count (saved, "Same SKU"), ==, (int) n_sku);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "filter.clear", NULL));
  shou_test_iterate (50);
  ASSERT_ROWS (list, n_all);
  g_assert_null (shou_test_find_label (GTK_WIDGET (bar), "SKU: "));
  {
    GtkWidget *row = gtk_widget_get_ancestor (shou_test_find_label (GTK_WIDGET (saved), "Same SKU"),
                                              GTK_TYPE_LIST_BOX_ROW);

    gtk_widget_activate (row);
  }
  shou_test_iterate (50);
  ASSERT_ROWS (list, n_sku);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "filter.clear", NULL));
  g_settings_reset (settings, "saved-views");
  shou_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (saved)));
  /* A tooltip query the new rows started ends before the window goes. */
  shou_test_iterate (800);
}

static gboolean
pending_is_zero_cb (gpointer user_data)
{
  return shou_store_count_pending (user_data) == 0;
}

static gboolean
nothing_waits_cb (gpointer user_data)
{
  return shou_test_find_label (user_data, "waiting to sync") == NULL;
}

static void
check_annotations (ShouWindow     *window,
                   ShouStore      *store,
                   ShouSyncEngine *engine)
{
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouRequestList *list = shou_queue_view_get_list (queue);
  ShouDetailPane *pane = shou_window_get_detail_pane (window);
  ShouFilterBar *filters = SHOU_FILTER_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_FILTER_BAR, NULL));
  ShouSelectionBar *sel = SHOU_SELECTION_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SELECTION_BAR, NULL));
  GtkWidget *group = shou_test_find_widget (GTK_WIDGET (pane), SHOU_TYPE_ANNOTATION_GROUP, NULL);
  GtkWidget *tag_entry, *note_entry, *dialog = NULL;
  g_autoptr(JsonObject) annotation = NULL;
  GListModel *toplevels;
  g_autofree char *key = NULL;
  const char *note = "<b>先核实</b> 买家说 & 没收到";
  guint n;

  g_assert_nonnull (group);
  g_assert_true (shou_queue_view_select_position (queue, 0));
  shou_test_iterate (100);
  key = g_strdup (shou_queue_view_get_selected_id (queue));
  g_assert_true (gtk_widget_get_mapped (group));
  g_assert_nonnull (shou_test_find_label (group, "Tags and Notes"));

  /* A tag and a note from the pane: shown at once, waiting to sync. */
  tag_entry = gtk_widget_get_first_child (gtk_widget_get_next_sibling (shou_test_find_widget (group, GTK_TYPE_FLOW_BOX, NULL)));
  g_assert_true (GTK_IS_ENTRY (tag_entry));
  gtk_editable_set_text (GTK_EDITABLE (tag_entry), "加急");
  g_signal_emit_by_name (tag_entry, "activate");
  note_entry = gtk_widget_get_first_child (gtk_widget_get_next_sibling (shou_test_find_widget (group, GTK_TYPE_LIST_BOX, NULL)));
  g_assert_true (GTK_IS_ENTRY (note_entry));
  gtk_editable_set_text (GTK_EDITABLE (note_entry), note);
  g_signal_emit_by_name (note_entry, "activate");
  shou_test_iterate (100);
  shou_test_screenshot_screen ("annotations-pane.png");
  g_assert_nonnull (shou_test_find_label (group, "加急"));
  g_assert_nonnull (shou_test_find_label (group, note));
  g_assert_nonnull (shou_test_find_label (group, "2 changes waiting to sync"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tag_entry)), ==, "");

  /* Sent to the simulator over HTTP: nothing waits, the history says who. */
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  g_assert_true (shou_test_wait_until (pending_is_zero_cb, store, 5000));
  shou_test_iterate (100);
  annotation = shou_store_get_annotation (store, key);
  g_assert_cmpint (json_object_get_int_member (annotation, "pending"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (annotation, "version"), ==, 2);
  g_assert_true (shou_test_wait_until (nothing_waits_cb, group, 5000));
  gtk_expander_set_expanded (GTK_EXPANDER (shou_test_find_widget (group, GTK_TYPE_EXPANDER, NULL)), TRUE);
  shou_test_iterate (50);
  g_assert_nonnull (shou_test_find_label (group, "added the tag “加急”"));
  g_assert_nonnull (shou_test_find_label (group, "added a note"));

  /* Several chosen: one tag on each, from the selection bar. */
  g_assert_true (gtk_widget_activate_action (inner_list (queue), "list.select-all", NULL));
  shou_test_iterate (50);
  n = shou_selection_bar_get_count (sel, NULL);
  g_assert_cmpuint (n, >, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sel), "batch.tag", NULL));
  shou_test_iterate (50);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "tag"))
        dialog = w;
    }
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "tag"));
  gtk_editable_set_text (GTK_EDITABLE (shou_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL)), "批量");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "tag"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "tag");
  shou_test_iterate (100);
  g_assert_cmpuint (shou_store_count_pending (store), ==, n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sel), "batch.clear", NULL));

  /* The tag filter: its chip, and the tagged requests only. */
  g_assert_true (shou_filter_bar_add_term (filters, "tag:加急"));
  ASSERT_ROWS (list, 1);
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (filters), "Tag: 加急"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (filters), "filter.clear", NULL));
  g_assert_true (shou_filter_bar_add_term (filters, "tag:批量"));
  ASSERT_ROWS (list, n);
  /* One entry per request; a loaded machine may drop a connection: the
   * next run sends the rest with the same keys (bounded). */
  for (guint run = 0; run < 5 && shou_store_count_pending (store) > 0; run++)
    shou_test_sync (engine, SYNC_TIMEOUT_MS);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_cmpuint (shou_store_count_outbox (store, "conflict"), ==, 0);
  ASSERT_ROWS (list, n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (filters), "filter.clear", NULL));
  shou_test_iterate (50);
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

  check_annotations (window, store, engine);
  check_global_search (window, store);
  check_row_menu (window, store);
  check_filters (window, store, settings);

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
