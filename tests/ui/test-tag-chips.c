/* test-tag-chips: issue 23 in the real window, in zh_CN. A request's tags
 * (the annotation cache's request_tags) show as small chips in its queue
 * row: the merchant's words as plain text, never markup, the first two
 * then "+N", none of them focusable (a row keeps one tab stop). The status
 * filter: win.show-filtered "status:wait_seller" shows its chip, translated,
 * and only requests in that status. With $SHOU_SCREENSHOT_DIR, the window
 * is saved there as queue-tags-status-zh_CN.png. */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "store/shou-request-filter.h"
#include "store/shou-store-annotations.h"
#include "ui/window/shou-countdown-label.h"
#include "ui/window/shou-filter-popover.h"
#include "ui/window/shou-queue-view.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000
#define MARKUP_TAG "<b>加急</b>"

static gboolean
revealed_cb (gpointer user_data)
{
  return !shou_request_list_get_revealing (SHOU_REQUEST_LIST (user_data));
}

static gboolean
label_shown_cb (gpointer user_data)
{
  gpointer *args = user_data;

  return shou_test_find_label (args[0], args[1]) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gpointer args[2] = { root, (gpointer) text };

  if (!shou_test_wait_until (label_shown_cb, args, 10000))
    g_error ("no label \"%s\" shown", text);
}

/* Nothing under @widget takes the keyboard focus. */
static void
assert_not_focusable (GtkWidget *widget)
{
  g_assert_false (gtk_widget_get_focusable (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    assert_not_focusable (c);
}

/* The first descendant of @root with the CSS class @css. */
static GtkWidget *
find_by_class (GtkWidget  *root,
               const char *css)
{
  if (gtk_widget_has_css_class (root, css))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_class (c, css);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How many lines the countdown of the list row @row shows. */
static int
countdown_lines (GtkWidget *row)
{
  GtkWidget *countdown = shou_test_find_widget (row, SHOU_TYPE_COUNTDOWN_LABEL, NULL);
  GtkWidget *label;

  g_assert_nonnull (countdown);
  label = shou_test_find_widget (countdown, GTK_TYPE_LABEL, NULL);
  g_assert_nonnull (label);
  return pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label)));
}

/* A tagged row is as tall as an untagged one next to it, and its
 * countdown stays on one line as theirs does. */
static void
assert_row_height (GtkWidget *chips)
{
  GtkWidget *goods = gtk_widget_get_parent (gtk_widget_get_parent (chips));
  GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (goods));
  GtkWidget *other = NULL;

  for (GtkWidget *r = gtk_widget_get_first_child (gtk_widget_get_parent (row)); r != NULL && other == NULL;
       r = gtk_widget_get_next_sibling (r))
    {
      GtkWidget *their_chips = r != row && gtk_widget_get_mapped (r) ? find_by_class (r, "tag-chips") : NULL;

      if (their_chips != NULL && !gtk_widget_get_visible (their_chips) && countdown_lines (r) == 1)
        other = r;
    }
  g_assert_nonnull (other);
  g_assert_cmpint (countdown_lines (row), ==, 1);
  g_assert_cmpint (gtk_widget_get_height (row), ==, gtk_widget_get_height (other));
}

static void
test_tag_chips_and_status (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chip_text = NULL;
  g_autofree char *want = NULL;
  static const char * const tags[] = { MARKUP_TAG, "大客户", "复购", "七天无理由" };
  ShouTestSim *sim;
  ShouStore *store;
  ShouSyncEngine *engine;
  ShouWindow *window;
  ShouRequestList *list;
  ShouRequestItem *item;
  GtkWidget *chip, *chips;
  g_autofree char *key = NULL;
  guint n;

  g_settings_set_string (settings, "last-view", "all");
  sim = shou_test_sim_new_demo (dir, 7);
  store = shou_test_store_new_connected (dir, sim);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  window = shou_test_window_present (store, engine);
  list = shou_queue_view_get_list (shou_window_get_queue_view (window));
  g_assert_true (shou_test_wait_until (revealed_cb, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);

  /* Four tags on the first row waiting for the seller: three chips and
   * "+1", literally. */
  for (guint i = 0; key == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      item = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (shou_request_item_get_status (item) == SHOU_STATUS_WAIT_SELLER)
        key = g_strdup (shou_request_item_get_id (item));
      g_object_unref (item);
    }
  g_assert_nonnull (key);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_assert_true (shou_store_annotate (store, key, SHOU_ANNOTATION_ADD_TAG, tags[i], &error));
      g_assert_no_error (error);
    }
  wait_for_label (GTK_WIDGET (window), MARKUP_TAG);
  chip = shou_test_find_label (GTK_WIDGET (window), MARKUP_TAG);
  g_assert_true (GTK_IS_LABEL (chip));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chip)), ==, MARKUP_TAG);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (chip)));
  g_assert_true (gtk_widget_has_css_class (chip, "tag-chip"));
  chips = gtk_widget_get_parent (chip);
  /* Sorted (by their UTF-8 bytes): two chips, then "+2" for 复购 and
   * 大客户, which the tooltip names with the others. */
  g_assert_nonnull (shou_test_find_label (chips, "七天无理由"));
  g_assert_null (shou_test_find_label (chips, "复购"));
  g_assert_null (shou_test_find_label (chips, "大客户"));
  g_assert_nonnull (shou_test_find_label (chips, "+2"));
  g_assert_true (gtk_widget_get_mapped (chips));
  g_assert_nonnull (gtk_widget_get_tooltip_text (chips));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (chips), "大客户"));
  /* The whole goods cell: nothing focusable, the row keeps its one stop. */
  assert_not_focusable (gtk_widget_get_parent (chips));

  /* A removed tag leaves the row: "+1" now. */
  g_assert_true (shou_store_annotate (store, key, SHOU_ANNOTATION_REMOVE_TAG, "复购", &error));
  g_assert_no_error (error);
  wait_for_label (GTK_WIDGET (window), "+1");
  chips = gtk_widget_get_parent (shou_test_find_label (GTK_WIDGET (window), MARKUP_TAG));
  g_assert_nonnull (shou_test_find_label (chips, "+1"));
  g_assert_null (shou_test_find_label (chips, "+2"));
  shou_test_iterate (200);
  assert_row_height (chips);

  /* The status filter, as its chip says it and in SQL over the cache. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-filtered", "s", "status:wait_seller");
  g_assert_true (shou_test_wait_until (revealed_cb, list, 5000));
  chip_text = shou_filter_term_label (store, SHOU_FILTER_STATUS, "wait_seller");
  want = g_strdup_printf (_("Status: %s"), shou_status_get_label (SHOU_STATUS_WAIT_SELLER));
  g_assert_cmpstr (chip_text, ==, want);
  wait_for_label (GTK_WIDGET (window), chip_text);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (shou_request_item_get_status (row), ==, SHOU_STATUS_WAIT_SELLER);
    }
  /* The tagged row is one of them, its chips shown. */
  wait_for_label (GTK_WIDGET (window), MARKUP_TAG);

  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("SHOU_SCREENSHOT_DIR"),
                                               "queue-tags-status-zh_CN.png", NULL);
      g_autoptr(GError) shot_error = NULL;
      GtkWidget *view = shou_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL);
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

      /* Another row with everyday tags; as a seller would, the goods
       * column widened to read the chips. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(ShouRequestItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (g_strcmp0 (shou_request_item_get_id (row), key) == 0)
            continue;
          g_assert_true (shou_store_annotate (store, shou_request_item_get_id (row), SHOU_ANNOTATION_ADD_TAG, "加急", NULL));
          g_assert_true (shou_store_annotate (store, shou_request_item_get_id (row), SHOU_ANNOTATION_ADD_TAG, "大客户", NULL));
          break;
        }
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (g_strcmp0 (gtk_column_view_column_get_title (column), _("Goods")) == 0)
            gtk_column_view_column_set_fixed_width (column, 240);
        }
      shou_test_iterate (500);
      if (!shou_test_save_screenshot (GTK_WIDGET (window), png, &shot_error))
        g_test_message ("No screenshot: %s", shot_error->message);
    }

  shou_test_close_window (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (engine);
  g_object_unref (engine);
  g_object_unref (store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_func ("/tag-chips/row-and-status-filter", test_tag_chips_and_status);
  return g_test_run ();
}
