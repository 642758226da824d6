/* test-queue.c: the request queue, the detail pane and the seller's actions
 * on a real window with a real cache filled by a sync from the simulator.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store/shou-store-care.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-countdown-label.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"
#include "queue-test-util.h"


static ShouOutboxEntry *
next_outbox_entry (Fixture *fixture)
{
  return shou_store_outbox_next (fixture->store, fixture->account_id);
}

static JsonObject *
push_and_reload (Fixture    *fixture,
                 const char *request_id)
{
  JsonObject *request;

  g_assert_true (shou_test_sync (fixture->engine, SYNC_TIMEOUT_MS));
  g_assert_null (shou_store_outbox_next (fixture->store, fixture->account_id));
  request = shou_store_get_request (fixture->store, request_id, NULL);
  g_assert_nonnull (request);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (request, "pending_actions")), ==, 0);
  g_assert_true (json_object_get_null_member (request, "conflict") ||
                 !json_object_has_member (request, "conflict"));

  return request;
}

/* Views and counts match the store, for all shops and for one shop. */
static void
test_queue_views_and_counts (Fixture       *fixture,
                             gconstpointer  data)
{
  static const ShouView views[] = {
    SHOU_VIEW_PENDING, SHOU_VIEW_URGENT, SHOU_VIEW_NEGOTIATING,
    SHOU_VIEW_AWAIT_RETURN, SHOU_VIEW_INTERVENTION, SHOU_VIEW_FINISHED,
  };
  ShouSidebar *sidebar = shou_window_get_sidebar (fixture->window);
  g_autoptr(GPtrArray) shops = shou_store_list_shops (fixture->store);
  const char *shop_id;
  guint total = 0;

  g_assert_cmpuint (shops->len, >=, 2);
  shou_sidebar_refresh (sidebar);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      guint count = shou_store_count_view (fixture->store, views[i], NULL);
      /* 即将超时 counts the complaints due soon too (issue 28). */
      guint complaints = views[i] == SHOU_VIEW_URGENT
                         ? shou_store_count_due_complaints (fixture->store, NULL, g_get_real_time ()) : 0;

      g_assert_cmpint (shou_sidebar_get_count (sidebar, shou_view_to_string (views[i])), ==,
                       (int) (count + complaints));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", i + 1));
      g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, shou_view_to_string (views[i]));
      g_assert_cmpuint (queue_n_items (fixture), ==, count);
      g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, count > 0 ? "list" : "empty");
      total += count;
    }
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (shou_store_count_view (fixture->store, SHOU_VIEW_PENDING, NULL), >, 0);

  /* One shop */
  shop_id = json_object_get_string_member (g_ptr_array_index (shops, 0), "key");
  shou_sidebar_set_shop_id (sidebar, shop_id);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      guint count = shou_store_count_view (fixture->store, views[i], shop_id);
      guint complaints = views[i] == SHOU_VIEW_URGENT
                         ? shou_store_count_due_complaints (fixture->store, shop_id, g_get_real_time ()) : 0;

      g_assert_cmpint (shou_sidebar_get_count (sidebar, shou_view_to_string (views[i])), ==,
                       (int) (count + complaints));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", i + 1));
      g_assert_cmpuint (queue_n_items (fixture), ==, count);
      for (guint j = 0; j < count; j++)
        {
          g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (fixture), j);
          g_assert_cmpstr (shou_request_item_get_shop_id (item), ==, shop_id);
        }
    }

  /* 全部订单 lists orders. */
  shou_sidebar_set_shop_id (sidebar, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 7));
  g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, "orders");
  g_assert_nonnull (gtk_list_box_get_row_at_index (shou_window_get_orders_list (fixture->window), 1));
}

static gboolean
search_applied_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  const char *search = shou_request_list_get_search (shou_queue_view_get_list (shou_window_get_queue_view (fixture->window)));
  GtkWidget *entry = shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);

  return g_strcmp0 (search, gtk_editable_get_text (GTK_EDITABLE (entry))) == 0;
}

/* Search by order number and by buyer; sort by amount; nearest deadline first. */
static void
test_queue_search_and_sort (Fixture       *fixture,
                            gconstpointer  data)
{
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  GtkSearchEntry *entry = GTK_SEARCH_ENTRY (shou_test_find_widget (GTK_WIDGET (fixture->window),
                                                                   GTK_TYPE_SEARCH_ENTRY, NULL));
  g_autoptr(ShouRequestItem) first = NULL;
  g_autofree char *order_no = NULL;
  gint64 last;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 1));
  n = queue_n_items (fixture);
  g_assert_cmpuint (n, >, 2);

  /* Nearest deadline first by default; requests without one last. */
  last = G_MININT64;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (fixture), i);
      gint64 deadline = shou_request_item_get_deadline_at (item);

      if (deadline == 0)
        {
          last = G_MAXINT64;
          continue;
        }
      g_assert_cmpint (deadline, >=, last);
      last = deadline;
    }

  shou_queue_view_sort_by (queue, "amount", TRUE);
  g_assert_cmpuint (queue_n_items (fixture), ==, n);
  last = G_MAXINT64;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (fixture), i);

      g_assert_cmpint (shou_request_item_get_amount_fen (item), <=, last);
      last = shou_request_item_get_amount_fen (item);
    }
  shou_queue_view_sort_by (queue, "countdown", FALSE);
  g_assert_cmpuint (queue_n_items (fixture), ==, n);

  first = g_list_model_get_item (queue_model (fixture), n / 2);
  order_no = g_strdup (shou_request_item_get_order_no (first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), order_no);
  g_assert_true (shou_test_wait_until (search_applied_cb, fixture, 3000));
  n = queue_n_items (fixture);
  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (fixture), i);
      g_assert_nonnull (strstr (shou_request_item_get_order_no (item), order_no));
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "zzqxv9931");
  g_assert_true (shou_test_wait_until (search_applied_cb, fixture, 3000));
  g_test_message ("search now '%s' entry '%s' mode %d", shou_request_list_get_search (shou_queue_view_get_list (queue)),
                  gtk_editable_get_text (GTK_EDITABLE (entry)),
                  gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_SEARCH_BAR))));
  g_assert_cmpuint (queue_n_items (fixture), ==, 0);
  g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, "empty");
}

/* Selecting a row fills the detail with the request's order and story. */
static void
test_queue_select_fills_detail (Fixture       *fixture,
                                gconstpointer  data)
{
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  g_autoptr(ShouRequestItem) item = NULL;
  JsonObject *request;

  g_assert_null (shou_detail_pane_get_request (fixture->pane));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 1));

  /* Nothing is chosen until the seller chooses: then row 0 fills the detail. */
  g_assert_null (shou_queue_view_get_selected_id (queue));
  g_assert_true (shou_queue_view_select_position (queue, 0));
  g_assert_nonnull (shou_detail_pane_get_request (fixture->pane));
  g_assert_true (shou_queue_view_select_position (queue, 1));
  item = g_list_model_get_item (queue_model (fixture), 1);

  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, shou_request_item_get_id (item));
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, shou_request_item_get_id (item));
  request = shou_detail_pane_get_request (fixture->pane);
  g_assert_nonnull (request);
  shou_test_iterate (100);

  /* What the seller sees: order number, goods and reason in the detail. */
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (fixture->pane), shou_request_item_get_order_no (item)));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (fixture->pane), shou_request_item_get_goods_title (item)));
  if (shou_request_item_get_reason_text (item) != NULL && *shou_request_item_get_reason_text (item) != '\0')
    g_assert_nonnull (shou_test_find_label (GTK_WIDGET (fixture->pane), shou_request_item_get_reason_text (item)));
  if (shou_request_item_get_deadline_at (item) != 0)
    g_assert_nonnull (shou_test_find_label (GTK_WIDGET (fixture->pane),
                                            shou_lapse_get_description (shou_request_item_get_on_lapse (item))));
}

static gboolean
picker_has_address_cb (gpointer user_data)
{
  return shou_address_picker_get_selected_id (user_data) != NULL;
}

static gboolean
picker_has_evidence_cb (gpointer user_data)
{
  return shou_evidence_picker_get_count (user_data) > 0;
}

static GBytes *
make_png (void)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 data[32 * 32 * 4];

  for (guint i = 0; i < sizeof data; i += 4)
    {
      data[i] = (guint8) (i * 7);
      data[i + 1] = 0x80;
      data[i + 2] = (guint8) (i / 5);
      data[i + 3] = 0xff;
    }
  pixels = g_bytes_new (data, sizeof data);
  texture = gdk_memory_texture_new (32, 32, GDK_MEMORY_R8G8B8A8, pixels, 32 * 4);

  return gdk_texture_save_to_png_bytes (texture);
}

/* Each action goes to the outbox with the right parameters, then to the server. */
static void
test_queue_actions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *refund_id = find_request (fixture, "agree_refund", NULL, NULL);
  g_autofree char *return_id = NULL;
  g_autofree char *receipt_id = NULL;
  g_autofree char *message_id = NULL;
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) after = NULL;
  GtkWindow *dialog;
  GtkWidget *widget;
  gint64 amount;
  gint64 version;
  g_autofree char *address_id = NULL;

  g_assert_nonnull (refund_id);

  /* Agree refund, with less than the buyer asked for. */
  request = shou_store_get_request (fixture->store, refund_id, NULL);
  amount = json_object_get_int_member (request, "amount_fen");
  version = json_object_get_int_member (request, "version");
  g_assert_cmpint (amount, >, 100);
  dialog = open_action (fixture, refund_id, "agree-refund");
  widget = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "amount-entry");
  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), "abc");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  {
    g_autofree char *too_much = shou_money_format_plain (amount + 100);
    gtk_editable_set_text (GTK_EDITABLE (widget), too_much);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  }
  {
    g_autofree char *partial = shou_money_format_plain (amount - 100);
    gtk_editable_set_text (GTK_EDITABLE (widget), partial);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  }
  respond (dialog, SHOU_RESPONSE_OK);
  entry = next_outbox_entry (fixture);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, refund_id);
  g_assert_cmpstr (entry->action, ==, "agree_refund");
  g_assert_cmpint (json_object_get_int_member (entry->params, "amount_fen"), ==, amount - 100);
  g_assert_cmpint (entry->expected_version, ==, version);
  g_clear_pointer (&entry, shou_outbox_entry_free);
  after = push_and_reload (fixture, refund_id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), !=, "wait_seller");
  g_clear_pointer (&after, json_object_unref);
  g_clear_pointer (&request, json_object_unref);

  /* Agree return: the default address is preselected. */
  return_id = find_request (fixture, "agree_return", NULL, NULL);
  g_assert_nonnull (return_id);
  dialog = open_action (fixture, return_id, "agree-return");
  widget = shou_test_find_widget (GTK_WIDGET (dialog), SHOU_TYPE_ADDRESS_PICKER, NULL);
  g_assert_nonnull (widget);
  g_assert_true (shou_test_wait_until (picker_has_address_cb, widget, 5000));
  address_id = g_strdup (shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (widget)));
  gtk_editable_set_text (GTK_EDITABLE (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "message-entry")),
                         "请用顺丰寄回，谢谢");
  respond (dialog, SHOU_RESPONSE_OK);
  entry = next_outbox_entry (fixture);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, return_id);
  g_assert_cmpstr (entry->action, ==, "agree_return");
  g_assert_cmpstr (json_object_get_string_member (entry->params, "address_id"), ==, address_id);
  g_assert_cmpstr (json_object_get_string_member (entry->params, "message"), ==, "请用顺丰寄回，谢谢");
  g_clear_pointer (&entry, shou_outbox_entry_free);
  after = push_and_reload (fixture, return_id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "wait_buyer_return");
  g_clear_pointer (&after, json_object_unref);

  /* Confirm receipt */
  receipt_id = find_request (fixture, "confirm_receipt", NULL, NULL);
  g_assert_nonnull (receipt_id);
  dialog = open_action (fixture, receipt_id, "confirm-receipt");
  respond (dialog, SHOU_RESPONSE_OK);
  /* A return still in transit asks a second time. */
  dialog = shou_detail_pane_get_dialog (fixture->pane);
  if (dialog != NULL && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (dialog)), "confirm-in-transit-dialog") == 0)
    respond (dialog, SHOU_RESPONSE_OK);
  entry = next_outbox_entry (fixture);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, receipt_id);
  g_assert_cmpstr (entry->action, ==, "confirm_receipt");
  g_clear_pointer (&entry, shou_outbox_entry_free);
  after = push_and_reload (fixture, receipt_id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), !=, "wait_seller_receipt");
  g_clear_pointer (&after, json_object_unref);

  /* Reply: a sensitive word keeps Send disabled and says why. */
  message_id = find_request (fixture, "message", NULL, NULL);
  g_assert_nonnull (message_id);
  dialog = open_action (fixture, message_id, "reply");
  widget = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reply-text");
  g_assert_nonnull (widget);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "亲，加我微信聊", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "微信"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "亲，我们已收到，马上处理", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  respond (dialog, SHOU_RESPONSE_OK);
  entry = next_outbox_entry (fixture);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, message_id);
  g_assert_cmpstr (entry->action, ==, "message");
  g_assert_cmpstr (json_object_get_string_member (entry->params, "text"), ==, "亲，我们已收到，马上处理");
  g_clear_pointer (&entry, shou_outbox_entry_free);
  after = push_and_reload (fixture, message_id);
  g_clear_pointer (&after, json_object_unref);

  /* Cancel queues nothing. */
  dialog = open_action (fixture, message_id, "reply");
  respond (dialog, SHOU_RESPONSE_CANCEL);
  g_assert_null (next_outbox_entry (fixture));
}

/* Refuse receipt with a reason and a photo; reject opens the negotiation. */
static void
test_queue_refuse_and_reject (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *refuse_id = find_request (fixture, "refuse_receipt", NULL, NULL);
  g_autofree char *reject_id = find_request (fixture, "negotiate", NULL, NULL);
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) after = NULL;
  GtkWindow *dialog;
  GtkWidget *picker;
  GtkWidget *reason;
  JsonArray *evidence;
  JsonArray *pending;
  guint seller_evidence = 0;
  gboolean has_refuse = FALSE;

  g_assert_nonnull (refuse_id);
  dialog = open_action (fixture, refuse_id, "refuse-receipt");
  reason = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "reason-entry");
  picker = shou_test_find_widget (GTK_WIDGET (dialog), SHOU_TYPE_EVIDENCE_PICKER, NULL);
  g_assert_nonnull (reason);
  g_assert_nonnull (picker);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  gtk_editable_set_text (GTK_EDITABLE (reason), "退回的商品已损坏，吊牌已剪");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  shou_evidence_picker_set_cover_first (SHOU_EVIDENCE_PICKER (picker), FALSE);
  shou_evidence_picker_add_bytes (SHOU_EVIDENCE_PICKER (picker), png, "parcel.png");
  g_assert_true (shou_test_wait_until (picker_has_evidence_cb, picker, 5000));
  respond (dialog, SHOU_RESPONSE_OK);

  /* Queued behind its photo's upload (same request, in order). */
  request = shou_store_get_request (fixture->store, refuse_id, NULL);
  pending = json_object_get_array_member (request, "pending_actions");
  for (guint i = 0; i < json_array_get_length (pending); i++)
    has_refuse |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (pending, i), "action"),
                             "refuse_receipt") == 0;
  g_assert_true (has_refuse);
  entry = next_outbox_entry (fixture);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, refuse_id);
  if (entry->kind == SHOU_OUTBOX_ACTION)
    {
      g_assert_cmpstr (entry->action, ==, "refuse_receipt");
      g_assert_cmpstr (json_object_get_string_member (entry->params, "reason"), ==, "退回的商品已损坏，吊牌已剪");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry->params, "evidence")), ==, 1);
    }
  else
    g_assert_cmpint (entry->kind, ==, SHOU_OUTBOX_EVIDENCE);

  /* On the server: refused, with the seller's photo attached. */
  after = push_and_reload (fixture, refuse_id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), !=, "wait_seller_receipt");
  evidence = json_object_get_array_member (after, "evidence");
  for (guint i = 0; i < json_array_get_length (evidence); i++)
    seller_evidence += g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (evidence, i), "by", ""),
                                  "seller") == 0;
  g_assert_cmpuint (seller_evidence, ==, 1);

  if (reject_id != NULL)
    {
      dialog = open_action (fixture, reject_id, "reject");
      g_assert_true (SHOU_IS_NEGOTIATION_DIALOG (dialog));
      shou_test_close_window (dialog);
    }
}

/* A disabled action carries core's reason as its tooltip. */
static void
test_queue_disabled_reasons (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct { const char *action; const char *name; } map[] = {
    { "agree_refund", "agree-refund" }, { "agree_return", "agree-return" },
    { "confirm_receipt", "confirm-receipt" }, { "refuse_receipt", "refuse-receipt" },
    { "message", "reply" }, { "reject", "reject" }, { "ship_exchange", "ship-exchange" },
  };
  g_autoptr(ShouRequestList) list = shou_request_list_new (fixture->store);
  guint checked = 0;
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n && checked < 12; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (fixture->store, shou_request_item_get_id (item), NULL);
      JsonArray *blocked = json_object_get_array_member (request, "blocked_actions");

      shou_window_open_request (fixture->window, shou_request_item_get_id (item));
      for (guint j = 0; blocked != NULL && j < json_array_get_length (blocked); j++)
        {
          JsonObject *entry = json_array_get_object_element (blocked, j);
          const char *action = json_object_get_string_member (entry, "action");
          const char *reason_code = json_object_get_string_member_with_default (entry, "reason", "");
          ShouReason reason = SHOU_REASON_NONE;
          GtkWidget *button = NULL;
          const char *expected;

          for (guint k = 0; k < G_N_ELEMENTS (map); k++)
            if (g_str_equal (map[k].action, action))
              button = shou_detail_pane_get_action_button (fixture->pane, map[k].name);
          if (button == NULL || !gtk_widget_get_visible (button))
            continue;
          /* Reject is also the way into negotiation: enabled while negotiating is. */
          if (g_str_equal (action, "reject") && json_array_has_string (request, "allowed_actions", "negotiate"))
            continue;

          shou_reason_from_string (reason_code, &reason);
          expected = reason != SHOU_REASON_NONE ? shou_reason_get_message (reason)
                                                : json_object_get_string_member (entry, "message");
          g_assert_false (gtk_widget_is_sensitive (button));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, expected);
          checked++;
        }
    }

  g_assert_cmpuint (checked, >, 3);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  shou_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/queue/views-and-counts", test_queue_views_and_counts);
  ADD ("/queue/search-and-sort", test_queue_search_and_sort);
  ADD ("/queue/select-fills-detail", test_queue_select_fills_detail);
  ADD ("/queue/actions", test_queue_actions);
  ADD ("/queue/refuse-and-reject", test_queue_refuse_and_reject);
  ADD ("/queue/disabled-reasons", test_queue_disabled_reasons);
#undef ADD

  ret = g_test_run ();
  shared_tear_down ();

  return ret;
}
