/* test-refund-replies.c: "when will I get my money" from the script library
 * (issue 25): the reply dialog of a refunded Pinduoduo request offers the
 * bundled refund-arrival replies, a click puts in the sentence with the
 * profile's arrival times (never starting with 亲, issue 24 item 14), and a
 * request not yet refunded keeps the per-channel arrival buttons instead
 * (zh_CN, through the build's catalogues). A screenshot of the dialog goes
 * to $SHOU_SCREENSHOT_DIR when set. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/window/shou-action-dialogs.h"
#include "shou-ui-test-utils.h"

static void
queue_nothing (gpointer    user_data,
               ShouAction  action,
               JsonObject *params)
{
}

static void
present_nothing (gpointer   user_data,
                 GtkWindow *dialog)
{
}

static AdwMessageDialog *
reply_dialog (ShouStore  *store,
              JsonObject *request)
{
  ShouActionTarget target = { .store = store, .request_id = "k1", .request = request,
                              .queue = queue_nothing, .present = present_nothing };
  AdwMessageDialog *dialog = shou_action_dialog_new ("reply", &target);

  gtk_window_present (GTK_WINDOW (dialog));
  shou_test_iterate (200);
  return dialog;
}

static char *
reply_text (AdwMessageDialog *dialog)
{
  GtkWidget *view = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reply-text");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_refunded_replies (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = shou_store_new (db, &error);
  g_autoptr(JsonObject) refunded = NULL;
  g_autoptr(JsonObject) waiting = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  AdwMessageDialog *dialog;
  GtkWidget *label, *button;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, "{\"id\": \"pdd-1\", \"platform\": \"pdd\", "
                                                     "\"type\": \"refund_only\", \"status\": \"success\"}", -1, NULL));
  refunded = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_assert_true (json_parser_load_from_data (parser, "{\"id\": \"pdd-2\", \"platform\": \"pdd\", "
                                                     "\"type\": \"refund_only\", \"status\": \"wait_seller\"}", -1, NULL));
  waiting = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  dialog = reply_dialog (store, refunded);
  g_assert_nonnull (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_FLOW_BOX, "refunded-scripts"));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "话术："));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "退款到账时间：余额"));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "退款到账时间：信用卡"));
  /* No negotiation script in the message flow. */
  g_assert_null (shou_test_find_label (GTK_WIDGET (dialog), "致歉并了解情况"));
  label = shou_test_find_label (GTK_WIDGET (dialog), "退款到账时间：银行卡");
  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  shou_test_iterate (50);
  text = reply_text (dialog);
  /* 003: 银行卡 2-6 天 (the Pinduoduo profile's refund-arrival-bank-card). */
  g_assert_nonnull (strstr (text, "原路退回到您的银行卡，一般2-6天到账"));
  g_assert_true (g_str_has_prefix (text, "您好"));
  g_assert_null (strstr (text, "亲"));
  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SHOU_SCREENSHOT_DIR"), "zh_CN-refund-replies.png", NULL);

      shou_test_iterate (300);
      g_assert_true (shou_test_save_screenshot (GTK_WIDGET (dialog), path, NULL));
    }
  shou_test_close_window (GTK_WINDOW (dialog));

  /* Not refunded yet: the channel buttons, not the refunded replies. */
  dialog = reply_dialog (store, waiting);
  g_assert_null (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_FLOW_BOX, "refunded-scripts"));
  g_assert_null (shou_test_find_label (GTK_WIDGET (dialog), "退款到账时间：银行卡"));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "退款到账："));
  shou_test_close_window (GTK_WINDOW (dialog));
  g_clear_object (&store);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/refund-replies/zh_CN/refunded-request", test_refunded_replies);
  return g_test_run ();
}
