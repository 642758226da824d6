/* test-actions-flow.c: what follows an action in the real main window
 * against the real simulator: the selection moves on after an action and
 * after shipping, a cash-on-delivery order is cancelled, a return is waited
 * for. Split from test-actions.c (same /actions/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "ui/evidence/shou-logistics-dialog.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-order-cancel-dialog.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include "actions-test-util.h"


/* After an action the selection moves on to the next request; with the
 * preference off it stays. */
static void
test_actions_advance_after_action (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  GListModel *model = G_LIST_MODEL (shou_queue_view_get_list (queue));
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  GtkWindow *dialog;
  guint n = g_list_model_get_n_items (model);
  guint pos = G_MAXUINT;

  g_assert_cmpuint (n, >, 3);
  for (guint i = 0; i + 1 < n && pos == G_MAXUINT; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "agree_return") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        pos = i;
    }
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    g_autoptr(ShouRequestItem) a = g_list_model_get_item (model, pos);
    g_autoptr(ShouRequestItem) b = g_list_model_get_item (model, pos + 1);

    first = g_strdup (shou_request_item_get_id (a));
    next = g_strdup (shou_request_item_get_id (b));
  }

  /* The menu's toggle is the preference. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.advance-after-action", NULL));
  g_assert_false (g_settings_get_boolean (settings, "advance-after-action"));

  /* Preference off: the selection stays. */
  g_assert_true (shou_queue_view_select_position (queue, pos));
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, first);
  dialog = open_action (fixture, first, "reply");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reply-text"))),
                            "亲，我们正在处理", -1);
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, first);

  g_settings_set_boolean (settings, "advance-after-action", FALSE);
  dialog = open_action (fixture, first, "agree-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  shou_test_iterate (200);
  /* The request left the view: with the preference off nothing else is
   * chosen for the seller, and the detail shows no request outside the list. */
  g_assert_null (shou_queue_view_get_selected_id (queue));
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  /* On (the default): the next request. */
  g_settings_reset (settings, "advance-after-action");
  g_assert_true (g_settings_get_boolean (settings, "advance-after-action"));
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&next, g_free);
  pos = G_MAXUINT;
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i + 1 < n && pos == G_MAXUINT; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "agree_return") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        pos = i;
    }
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    g_autoptr(ShouRequestItem) a = g_list_model_get_item (model, pos);
    g_autoptr(ShouRequestItem) b = g_list_model_get_item (model, pos + 1);

    first = g_strdup (shou_request_item_get_id (a));
    next = g_strdup (shou_request_item_get_id (b));
  }
  g_assert_true (shou_queue_view_select_position (queue, pos));
  dialog = open_action (fixture, first, "agree-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  shou_test_iterate (200);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, next);
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, next);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

/* Shipping an exchange (its own dialog) also moves on to the next request. */
static void
test_actions_advance_after_shipping (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  GListModel *model = G_LIST_MODEL (shou_queue_view_get_list (queue));
  g_autofree char *id = NULL;
  g_autofree char *next = NULL;
  GtkWindow *dialog;
  guint n = g_list_model_get_n_items (model);

  /* A request that owes a shipment, with another one after it. */
  for (guint i = 0; i + 1 < n && id == NULL; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "ship_exchange") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        {
          g_autoptr(ShouRequestItem) after = g_list_model_get_item (model, i + 1);

          id = g_strdup (shou_request_item_get_id (item));
          next = g_strdup (shou_request_item_get_id (after));
        }
    }
  g_assert_nonnull (id);

  g_assert_cmpint (shou_queue_view_select_id (queue, id), >=, 0);
  dialog = open_action (fixture, id, "ship-exchange");
  g_assert_true (SHOU_IS_LOGISTICS_DIALOG (dialog));
  g_assert_true (shou_logistics_dialog_select_carrier (SHOU_LOGISTICS_DIALOG (dialog), "SF"));
  shou_logistics_dialog_set_tracking_number (SHOU_LOGISTICS_DIALOG (dialog), "SF1234567890123");
  g_assert_true (shou_logistics_dialog_get_can_ship (SHOU_LOGISTICS_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "logistics.ship", NULL));
  shou_test_iterate (200);
  g_assert_false (outbox_empty ());
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, next);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

/* ---- 等待退回: wait for the refused parcel, then refund (issue 25) ------- */

static void
move_parcel (JsonObject *order,
             const char *state)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "state", state);
  if (g_str_equal (state, "shipped"))
    {
      json_object_set_string_member (body, "carrier", "ZTO");
      json_object_set_string_member (body, "tracking_no", "73100000000005");
    }
  expect_ok (http ("POST", "/v1/test/shipment", body, &reply), reply, state);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} PaneTextWait;

static gboolean
pane_shows_cb (gpointer user_data)
{
  PaneTextWait *w = user_data;

  return shou_test_find_label (GTK_WIDGET (w->fixture->pane), w->text) != NULL;
}

/* A refund-only "not received" on a shipped order: the seller chooses 等待退回
 * (the buyer refuses the delivery); the request waits; the parcel is refused,
 * comes back, and once it has arrived the refund is agreed (000 ⑵ 二.2,
 * 002 ①, 003). The parcel moves only through the test control, so the
 * desktop sees each step through the change feed's copy of the request. */
static void
test_actions_wait_for_return (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-taobao", "pending_shipment", FALSE);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) aftersale = NULL;
  JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  PaneTextWait waiting = { fixture, _("Waiting for the Parcel") };
  PaneTextWait returned = { fixture, _("Parcel Returned") };
  GtkWindow *dialog;
  const char *id;

  move_parcel (order, "shipped");
  move_parcel (order, "collected");
  json_object_set_string_member (body, "action", "open");
  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "line_id", json_object_get_string_member (line, "id"));
  json_object_set_string_member (body, "type", "refund_only");
  json_object_set_int_member (body, "amount_fen", MIN (json_object_get_int_member (line, "price_fen"),
                                                       json_object_get_int_member (order, "paid_fen")));
  json_object_set_string_member (body, "reason_code", "not_received");
  json_object_set_string_member (body, "text", "一直没收到货");
  expect_ok (http ("POST", "/v1/test/buyer", body, &reply), reply, "test/buyer open");
  id = json_object_get_string_member (json_object_get_object_member (reply, "aftersale"), "id");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  /* Not signed yet: wait for the refusal instead of refunding at once. */
  dialog = open_action (fixture, id, "await-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  aftersale = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (aftersale, "parcel_wait"), "mode"),
                   ==, "await");
  open_request (fixture, id);
  g_assert_true (shou_test_wait_until (pane_shows_cb, &waiting, 10000));

  /* The buyer refused it at the door; the courier brought it back. */
  move_parcel (order, "refused");
  move_parcel (order, "returning");
  move_parcel (order, "returned");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  open_request (fixture, id);
  g_assert_true (shou_test_wait_until (pane_shows_cb, &returned, 10000));
  g_assert_false (shou_detail_pane_is_action_enabled (fixture->pane, "await-return"));

  dialog = open_action (fixture, id, "agree-refund");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_clear_pointer (&aftersale, json_object_unref);
  aftersale = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (aftersale, "status"), ==, "success");
}

/* ---- the seller cancels a cash-on-delivery order (issue 24, seed 004 1、) -- */

/* A Douyin cash-on-delivery order in @state (pending_confirm, stocking). */
static JsonObject *
new_cod_order (const char *state)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  json_object_set_string_member (body, "shop_id", "shop-douyin");
  json_object_set_string_member (body, "state", state);
  json_object_set_boolean_member (body, "cod", TRUE);
  expect_ok (http ("POST", "/v1/test/order", body, &reply), reply, "test/order cod");
  return json_object_ref (json_object_get_object_member (reply, "order"));
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  const char *title;    /* the cancel row's title to wait for, or NULL */
} OrderRowWait;

static GtkWidget *
order_row (Fixture    *fixture,
           const char *key)
{
  GtkListBox *orders = shou_window_get_orders_list (fixture->window);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (orders, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "order-id"), key) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

static const char *
cancel_row_title (GtkWidget *row)
{
  GtkWidget *cancel = row ? shou_test_find_widget (row, ADW_TYPE_ACTION_ROW, "order-cancel") : NULL;

  return cancel ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (cancel)) : NULL;
}

static gboolean
order_row_cb (gpointer user_data)
{
  OrderRowWait *w = user_data;
  GtkWidget *row = order_row (w->fixture, w->key);

  return row != NULL && (w->title == NULL || g_strcmp0 (cancel_row_title (row), w->title) == 0);
}

/* The order's key in the cache, from its server id. */
static char *
order_key (JsonObject *order)
{
  g_autoptr(GPtrArray) orders = shou_store_list_orders (shared_store, NULL, json_object_get_string_member (order, "order_no"),
                                                        0, 10);

  for (guint i = 0; i < orders->len; i++)
    if (g_strcmp0 (json_object_get_string_member (orders->pdata[i], "id"), json_object_get_string_member (order, "id")) == 0)
      return g_strdup (json_object_get_string_member (orders->pdata[i], "key"));
  g_assert_not_reached ();
}

/* 全部订单, searched for the order, its row opened once its cancel row says
 * @title (any, when NULL). */
static GtkWidget *
show_order (Fixture    *fixture,
            JsonObject *order,
            const char *key,
            const char *title)
{
  GtkWidget *entry = shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);
  OrderRowWait wait = { fixture, key, title };
  GtkWidget *row;

  if (g_strcmp0 (shou_window_get_list_page (fixture->window), "orders") != 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 7));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
      gtk_editable_set_text (GTK_EDITABLE (entry), json_object_get_string_member (order, "order_no"));
    }
  g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, "orders");
  if (!shou_test_wait_until (order_row_cb, &wait, 15000))
    g_error ("order %s: cancel row “%s”, expected “%s”", key, cancel_row_title (order_row (fixture, key)), title);
  row = order_row (fixture, key);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static AdwMessageDialog *
find_cancel_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (gtk_widget_get_name (window), "order-cancel-dialog") == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
cancel_dialog_cb (gpointer user_data)
{
  return find_cancel_dialog () != NULL;
}

/* The order's 取消订单 button once its opened row shows it (a reload may
 * replace the row meanwhile: each look finds it again), or NULL. */
static GtkWidget *
cancel_button (Fixture    *fixture,
               const char *key)
{
  GtkWidget *row = order_row (fixture, key);
  GtkWidget *button;

  if (row == NULL)
    return NULL;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  button = shou_test_find_widget (row, GTK_TYPE_BUTTON, "cancel-order");
  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

static gboolean
cancel_button_cb (gpointer user_data)
{
  OrderRowWait *w = user_data;

  return cancel_button (w->fixture, w->key) != NULL;
}

/* Clicks the order's 取消订单, ticks "I talked to the buyer" and confirms. */
static void
cancel_from_row (Fixture    *fixture,
                 const char *key)
{
  OrderRowWait wait = { fixture, key, NULL };
  AdwMessageDialog *dialog;
  GtkWidget *button;
  GtkWidget *check;

  g_assert_true (shou_test_wait_until (cancel_button_cb, &wait, 10000));
  button = cancel_button (fixture, key);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (shou_test_wait_until (cancel_dialog_cb, NULL, 10000));
  dialog = find_cancel_dialog ();
  /* Nothing cancels before the seller says they talked to the buyer. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), !=, SHOU_ORDER_CANCEL_RESPONSE);
  check = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "buyer-consulted");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE));
  adw_message_dialog_response (dialog, SHOU_ORDER_CANCEL_RESPONSE);
  shou_test_close_window (GTK_WINDOW (dialog));
}

static JsonObject *
server_order (JsonObject *order)
{
  g_autofree char *path = g_strconcat ("/v1/orders/", json_object_get_string_member (order, "id"), NULL);
  g_autoptr(JsonObject) reply = NULL;

  expect_ok (http ("GET", path, NULL, &reply), reply, path);
  return json_object_ref (json_object_get_object_member (reply, "order"));
}

/* A COD order in 备货中: 取消订单 asks whether the buyer was contacted, goes
 * through the outbox (shown as waiting before any sync), and the server
 * closes the order, which then says why it closed. A COD order that
 * shipped meanwhile on the platform: the server refuses (the version the
 * seller saw is gone), and the row says why in the seller's words, not
 * the server's; shipped, it offers no second try. */
static void
test_actions_cancel_cod_order (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_cod_order ("stocking");
  g_autoptr(JsonObject) shipped = new_cod_order ("stocking");
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *key = NULL;
  g_autofree char *shipped_key = NULL;
  g_autofree char *refusal = shou_order_cancel_refusal_text ("version_conflict");
  GtkWidget *row;

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  key = order_key (order);
  shipped_key = order_key (shipped);

  show_order (fixture, order, key, _("Cash on delivery, not yet shipped"));
  cancel_from_row (fixture, key);
  /* Queued with the version the seller saw; nothing has been sent yet. */
  g_assert_false (outbox_empty ());
  show_order (fixture, order, key, _("Cancellation saved, waiting to sync"));
  g_assert_null (shou_test_find_widget (order_row (fixture, key), GTK_TYPE_BUTTON, "cancel-order"));
  closed = server_order (order);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "stocking");
  g_clear_pointer (&closed, json_object_unref);

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  closed = server_order (order);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (closed, "close_reason"), ==, "merchant_cancelled");
  /* The detail says why the order closed, in its own words. */
  {
    OrderRowWait wait = { fixture, key, NULL };
    g_autofree char *title = g_strdup_printf (_("%s · %s · %s"), json_object_get_string_member (order, "order_no"),
                                              shou_order_state_get_label (SHOU_ORDER_CLOSED),
                                              shou_order_close_reason_get_label ("merchant_cancelled"));

    g_assert_true (shou_test_wait_until (order_row_cb, &wait, 15000));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (order_row (fixture, key))), ==, title);
    g_assert_null (cancel_row_title (order_row (fixture, key)));
  }

  /* The other order shipped on the platform after the desktop's last sync. */
  gtk_editable_set_text (GTK_EDITABLE (shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL)),
                         json_object_get_string_member (shipped, "order_no"));
  show_order (fixture, shipped, shipped_key, _("Cash on delivery, not yet shipped"));
  json_object_set_string_member (body, "order_id", json_object_get_string_member (shipped, "id"));
  json_object_set_string_member (body, "state", "shipped");
  json_object_set_string_member (body, "carrier", "SF");
  json_object_set_string_member (body, "tracking_no", "SF1234567890123");
  expect_ok (http ("POST", "/v1/test/shipment", body, &reply), reply, "test/shipment");
  cancel_from_row (fixture, shipped_key);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_clear_pointer (&closed, json_object_unref);
  closed = server_order (shipped);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "shipped");
  row = show_order (fixture, shipped, shipped_key, refusal);
  /* Shipped now: no second try offered. */
  g_assert_null (shou_test_find_widget (row, GTK_TYPE_BUTTON, "cancel-order"));
  g_assert_true (outbox_empty ());
}

int
main (int   argc,
      char *argv[])
{
  GPid xserver;
  int status;

  /* The keyboard tests press real keys: they get an X server of their own. */
  xserver = shou_test_private_x_server ();
  /* No accessibility bus needed here (the e2e tests read through AT-SPI);
   * a shared session's bus socket may come and go under parallel runs. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  shou_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/actions/advance-after-action", test_actions_advance_after_action);
  ADD ("/actions/advance-after-shipping", test_actions_advance_after_shipping);
  ADD ("/actions/cancel-cod-order", test_actions_cancel_cod_order);
  ADD ("/actions/wait-for-return", test_actions_wait_for_return);
#undef ADD

  status = g_test_run ();
  shared_tear_down ();
  if (xserver != 0)
    {
      kill (xserver, SIGTERM);
      waitpid (xserver, NULL, 0);
      g_spawn_close_pid (xserver);
    }
  return status;
}
