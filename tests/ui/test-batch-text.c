/* test-batch-text.c: the selection bar's 用常用语回复 and 发起协商（第一轮） on
 * a real window over a cache synced from the simulator on 127.0.0.1.
 * The 常用语 window: a phrase with a word platforms penalise is refused with
 * the reason and not kept; a clean one is added, edited and another
 * deleted. With every request chosen, the bar has both buttons, and
 * Ctrl+Shift+M and Ctrl+Shift+J lead to them as Ctrl+Shift+A does to 同意退款.
 * 用常用语回复 lists the finished requests as left out (they cannot get a
 * message), shows the phrase that goes, and sends one entry per request:
 * the progress then the report says all went. 发起协商（第一轮） offers the
 * platform's round-1 scripts, leaves out the requests of platforms without
 * the negotiation tool, and sends round 1 to the others. The single
 * request's reply has the 常用语 button, which puts a phrase in the message.
 * With $SHOU_SCREENSHOT_DIR, the new dialogs are saved there as PNGs.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store/shou-batch.h"
#include "ui/shou-ui-util.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-batch-dialog.h"
#include "ui/window/shou-batch-text.h"
#include "ui/window/shou-phrase-editor.h"
#include "ui/window/shou-phrases.h"
#include "ui/window/shou-selection-bar.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000
#define PHRASE "亲，您的售后我们已收到，正在加急处理，请耐心等待。"
#define PHRASE_EDITED "亲，您的售后我们已收到，今天内为您处理完毕。"
#define SHOP_PHRASE "亲，本店支持七天无理由退换，退货请使用售后单里的地址。"

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("SHOU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  shou_test_iterate (300);
  path = g_build_filename (dir, name, NULL);
  if (!shou_test_save_screenshot (widget, path, &error))
    g_test_message ("no screenshot %s: %s", name, error->message);
}

static gboolean
window_ready_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data) &&
         g_strcmp0 (shou_window_get_main_page (user_data), "queue") == 0;
}

static GtkWidget *
inner_list (ShouQueueView *queue)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (shou_queue_view_get_column_view (queue)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  g_assert_not_reached ();
}

/* The action the bar's own shortcut with @trigger names, or NULL. */
static char *
shortcut_action (GtkWidget  *bar,
                 const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (bar);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (t, trigger) && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* Whether the bar's 更多 menu has an item for @action. */
static gboolean
menu_has (GtkWidget  *bar,
          const char *action)
{
  GtkWidget *more = shou_test_find_widget (bar, GTK_TYPE_MENU_BUTTON, "batch-more");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }
  return FALSE;
}

/* The 常用语 window: refused, added, edited, deleted. */
static void
check_phrase_editor (GtkWindow *parent,
                     ShouStore *store)
{
  GtkWindow *editor = shou_phrase_editor_present (parent, store, NULL);
  GtkWidget *entry = shou_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_ENTRY, "phrase-text");
  GtkWidget *add = gtk_widget_get_next_sibling (entry);
  g_autoptr(GPtrArray) phrases = NULL;
  GtkWidget *problem;
  GtkWidget *edit;

  g_assert_true (shou_test_wait_until ((ShouTestCondition) gtk_widget_get_mapped, editor, 5000));
  g_assert_true (GTK_IS_BUTTON (add));

  /* Off to another app: refused, with the reason, and not kept. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "有问题请加微信联系");
  g_signal_emit_by_name (add, "clicked");
  shou_test_iterate (50);
  for (problem = gtk_widget_get_next_sibling (gtk_widget_get_parent (entry)); problem != NULL;
       problem = gtk_widget_get_next_sibling (problem))
    if (GTK_IS_LABEL (problem) && gtk_widget_has_css_class (problem, "error"))
      break;
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), !=, "");
  phrases = shou_phrases_list (NULL);
  g_assert_cmpuint (phrases->len, ==, 0);
  g_clear_pointer (&phrases, g_ptr_array_unref);

  /* Two clean ones: kept, listed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "临时");
  g_signal_emit_by_name (add, "clicked");
  gtk_editable_set_text (GTK_EDITABLE (entry), PHRASE);
  g_signal_emit_by_name (add, "clicked");
  shou_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  phrases = shou_phrases_list (NULL);
  g_assert_cmpuint (phrases->len, ==, 2);
  g_clear_pointer (&phrases, g_ptr_array_unref);
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (editor), PHRASE));

  /* Edited: the entry takes it, saving replaces it. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (shou_test_find_label (GTK_WIDGET (editor), PHRASE), ADW_TYPE_ACTION_ROW);
    GtkWidget *buttons[2] = { NULL, NULL };
    guint n = 0;

    for (GtkWidget *w = shou_test_find_widget (row, GTK_TYPE_BUTTON, NULL); w != NULL && n < 2;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BUTTON (w))
        buttons[n++] = w;
    g_assert_cmpuint (n, ==, 2);
    edit = buttons[0];
    g_signal_emit_by_name (edit, "clicked");
    shou_test_iterate (50);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, PHRASE);
    gtk_editable_set_text (GTK_EDITABLE (entry), PHRASE_EDITED);
    g_signal_emit_by_name (add, "clicked");
    shou_test_iterate (50);
  }
  screenshot (GTK_WIDGET (editor), "phrase-editor.png");
  phrases = shou_phrases_list (NULL);
  g_assert_cmpuint (phrases->len, ==, 2);
  g_assert_cmpstr (((ShouPhrase *) phrases->pdata[1])->text, ==, PHRASE_EDITED);
  g_clear_pointer (&phrases, g_ptr_array_unref);

  /* The first deleted. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (shou_test_find_label (GTK_WIDGET (editor), "临时"), ADW_TYPE_ACTION_ROW);
    GtkWidget *last = NULL;

    for (GtkWidget *w = shou_test_find_widget (row, GTK_TYPE_BUTTON, NULL); w != NULL;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BUTTON (w))
        last = w;
    g_signal_emit_by_name (last, "clicked");
    shou_test_iterate (50);
  }
  phrases = shou_phrases_list (NULL);
  g_assert_cmpuint (phrases->len, ==, 1);
  g_assert_cmpstr (((ShouPhrase *) phrases->pdata[0])->text, ==, PHRASE_EDITED);
  shou_test_close_window (editor);
  g_assert_null (shou_phrase_editor_get_current ());
}

typedef struct { ShouStore *store; GPtrArray *items; } Batch;

static gboolean
batch_over_cb (gpointer user_data)
{
  AdwMessageDialog *dialog = shou_batch_dialog_get_current ();

  return dialog != NULL && g_str_equal (gtk_widget_get_name (GTK_WIDGET (dialog)), "batch-progress") &&
         shou_batch_count (shou_batch_dialog_get_items (dialog), SHOU_BATCH_QUEUED) == 0;
}

/* Chooses every row, opens the bar's @action, checks the confirmation,
 * sends and waits for the report. Returns how many went. */
static guint
run_batch (ShouWindow     *window,
           ShouStore      *store,
           ShouSyncEngine *engine,
           const char     *action,
           const char     *name,
           const char     *shot,
           const char     *shop_id)
{
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouSelectionBar *bar = SHOU_SELECTION_BAR (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SELECTION_BAR, NULL));
  AdwMessageDialog *dialog;
  GPtrArray *items;
  GtkWidget *choice;
  guint ready, excluded, n, runs = 0;

  g_assert_true (gtk_widget_activate_action (inner_list (queue), "list.select-all", NULL));
  shou_test_iterate (50);
  n = shou_selection_bar_get_count (bar, NULL);
  g_assert_cmpuint (n, >, 20);
  g_assert_true (menu_has (GTK_WIDGET (bar), action));
  /* The three batches that are not about money are in the 更多 menu, so
   * the bar stays narrow (509 px in zh_CN, 595 in English, measured). */
  {
    int min = 0;

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
    gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_test_message ("the selection bar needs %d px", min);
  }
  if (g_str_equal (action, "batch.reply") && g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *more = shou_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_MENU_BUTTON, "batch-more");

      gtk_menu_button_popup (GTK_MENU_BUTTON (more));
      shou_test_screenshot_screen ("selection-bar-more.png");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
      shou_test_iterate (100);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), action, NULL));
  shou_test_iterate (100);
  dialog = shou_batch_dialog_get_current ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, name);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, SHOU_UI_RESPONSE_CANCEL);
  /* The keyboard starts at the choice of the phrase or script. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

    g_assert_true (focus != NULL && (focus == shou_batch_text_get_choice (dialog) ||
                                     gtk_widget_is_ancestor (focus, shou_batch_text_get_choice (dialog))));
  }

  items = shou_batch_text_get_items (dialog);
  g_assert_cmpuint (items->len, ==, n);
  choice = shou_batch_text_get_choice (dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (choice)), ==, 0);
  if (g_str_equal (action, "batch.reply"))
    {
      /* The phrase kept for one shop: the other shops' requests go out of
       * the batch, with the reason, as soon as it is chosen. */
      guint before = shou_batch_count (items, SHOU_BATCH_EXCLUDED);

      g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), PHRASE_EDITED));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 1);
      shou_test_iterate (50);
      items = shou_batch_text_get_items (dialog);
      g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_EXCLUDED), >, before);
      g_assert_cmpstr (shou_batch_text_get_text (dialog), ==, SHOP_PHRASE);
      for (guint i = 0; i < items->len; i++)
        {
          ShouBatchItem *item = items->pdata[i];

          g_assert_true (item->state != SHOU_BATCH_READY || g_strcmp0 (item->shop_id, shop_id) == 0);
        }
    }
  ready = shou_batch_count (items, SHOU_BATCH_READY);
  excluded = shou_batch_count (items, SHOU_BATCH_EXCLUDED);
  g_test_message ("%s: %u of %u chosen take part, %u left out", action, ready, n, excluded);
  g_assert_cmpuint (ready, >, 0);
  g_assert_cmpuint (excluded, >, 0);
  g_assert_cmpuint (ready + excluded, ==, n);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      g_assert_true ((item->state == SHOU_BATCH_EXCLUDED) == (item->reason != NULL));
    }
  /* The list of those left out is in the dialog, the text that goes too. */
  for (guint i = 0; i < items->len; i++)
    if (((ShouBatchItem *) items->pdata[i])->state == SHOU_BATCH_EXCLUDED)
      {
        g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), ((ShouBatchItem *) items->pdata[i])->order_no));
        break;
      }
  g_assert_nonnull (shou_batch_text_get_text (dialog));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), shou_batch_text_get_text (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, SHOU_BATCH_RESPONSE_OK));
  screenshot (GTK_WIDGET (dialog), shot);

  adw_message_dialog_response (dialog, SHOU_BATCH_RESPONSE_OK);
  shou_test_iterate (100);
  dialog = shou_batch_dialog_get_current ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "batch-progress");
  g_assert_cmpuint (shou_store_count_pending (store), >=, ready);
  /* The choice is over once it is queued. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  while (runs++ < 10 && !batch_over_cb (NULL))
    {
      shou_test_sync (engine, SYNC_TIMEOUT_MS);
      shou_test_iterate (300);
    }
  g_assert_true (shou_test_wait_until (batch_over_cb, NULL, 5000));
  items = shou_batch_dialog_get_items (dialog);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, ready);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_FAILED), ==, 0);
  {
    g_autofree char *report = g_strconcat ("report-", shot, NULL);

    screenshot (GTK_WIDGET (dialog), report);
  }
  adw_message_dialog_response (dialog, SHOU_BATCH_RESPONSE_CLOSE);
  shou_test_iterate (100);
  return ready;
}

static void
on_popover_row (GtkWidget *list)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

  g_signal_emit_by_name (list, "row-activated", row);
}

static gboolean
widget_mapped_cb (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
menu_button_open_cb (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

/* One request's reply: the 常用语 button puts the phrase in. */
static void
check_single_reply (ShouWindow *window)
{
  ShouQueueView *queue = shou_window_get_queue_view (window);
  ShouDetailPane *pane = shou_window_get_detail_pane (window);
  GtkWidget *dialog;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *view;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_assert_true (shou_queue_view_select_position (queue, 0));
  shou_test_iterate (100);
  g_assert_true (shou_detail_pane_is_action_enabled (pane, "reply"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "request.reply", NULL));
  shou_test_iterate (200);
  dialog = GTK_WIDGET (shou_detail_pane_get_dialog (pane));
  g_assert_nonnull (dialog);
  button = shou_test_find_widget (dialog, GTK_TYPE_MENU_BUTTON, "phrase-button");
  g_assert_nonnull (button);
  view = shou_test_find_widget (dialog, GTK_TYPE_TEXT_VIEW, "reply-text");
  /* A popover opens only from a button on screen (slow under the
   * sanitizers): bounded waits, not a number of turns. */
  g_assert_true (shou_test_wait_until (widget_mapped_cb, button, 10000));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (shou_test_wait_until (menu_button_open_cb, button, 10000));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (shou_test_find_label (popover, PHRASE_EDITED));
  screenshot (dialog, "reply-phrases.png");
  on_popover_row (shou_test_find_widget (popover, GTK_TYPE_LIST_BOX, NULL));
  shou_test_iterate (100);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end, FALSE);
  g_assert_cmpstr (text, ==, PHRASE_EDITED);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_CANCEL);
  shou_test_iterate (100);
}

static void
test_batch_text_window (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 7);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ShouStore *store = shou_test_store_new_connected (dir, sim);
  ShouSyncEngine *engine = shou_sync_engine_new (store);
  ShouWindow *window;
  GtkWidget *bar;
  g_autofree char *reply_key = NULL;
  g_autofree char *nego_key = NULL;
  g_autofree char *refund_key = NULL;
  g_autofree char *shop_id = NULL;

  g_settings_set_string (settings, "last-view", shou_view_to_string (SHOU_VIEW_ALL));
  g_settings_reset (settings, "reply-phrases");
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_test_iterate (100);
  bar = shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_SELECTION_BAR, NULL);

  check_phrase_editor (GTK_WINDOW (window), store);

  /* The keyboard reaches them as it reaches 同意退款. */
  refund_key = shortcut_action (bar, "<Shift><Control>a");
  reply_key = shortcut_action (bar, "<Shift><Control>m");
  nego_key = shortcut_action (bar, "<Shift><Control>j");
  g_assert_cmpstr (refund_key, ==, "batch.agree-refund");
  g_assert_cmpstr (reply_key, ==, "batch.reply");
  g_assert_cmpstr (nego_key, ==, "batch.negotiate");

  /* A phrase kept for the first request's shop, beside the one for all. */
  {
    g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (shou_queue_view_get_list (shou_window_get_queue_view (window))), 0);
    g_autoptr(GError) error = NULL;
    g_autofree char *id = NULL;

    shop_id = g_strdup (shou_request_item_get_shop_id (item));
    id = shou_phrases_save (NULL, shop_id, SHOP_PHRASE, &error);
    g_assert_no_error (error);
  }
  run_batch (window, store, engine, "batch.reply", "batch-reply", "batch-reply.png", shop_id);
  run_batch (window, store, engine, "batch.negotiate", "batch-negotiate", "batch-negotiate.png", NULL);
  g_assert_cmpuint (shou_store_count_outbox (store, "conflict"), ==, 0);

  check_single_reply (window);

  shou_test_close_window (GTK_WINDOW (window));
  g_object_unref (window);
  shou_phrases_set_settings (NULL);
  shou_sync_engine_stop (engine);
  /* The detail pane's last fetch may still be on its way. */
  shou_test_iterate (1000);
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
  g_test_add_func ("/batch-text/window", test_batch_text_window);
  return g_test_run ();
}
