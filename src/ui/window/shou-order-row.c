/* shou-order-row.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-order-cancel-dialog.h"
#include "shou-order-row.h"

/* The after-sales state of an order, from its cached requests: the open
 * one that needs attention, else how the last one ended, else none. */
static char *
describe_order_aftersales (JsonArray *aftersales,
                           gboolean  *out_open)
{
  JsonObject *open = NULL;
  JsonObject *finished = NULL;
  guint n_open = 0;
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
  const char *label;

  *out_open = FALSE;
  for (guint i = 0; aftersales != NULL && i < json_array_get_length (aftersales); i++)
    {
      JsonObject *request = json_array_get_object_element (aftersales, i);
      ShouRequestStatus s = SHOU_STATUS_WAIT_SELLER;

      if (request == NULL ||
          !shou_status_from_string (json_object_get_string_member_with_default (request, "status", ""), &s))
        continue;
      if (shou_status_is_finished (s))
        finished = request;
      else
        {
          open = request;
          n_open++;
        }
    }

  if (open != NULL)
    {
      shou_request_type_from_string (json_object_get_string_member_with_default (open, "type", ""), &type);
      shou_status_from_string (json_object_get_string_member_with_default (open, "status", ""), &status);
      *out_open = TRUE;
      label = shou_status_describe (status, json_object_get_boolean_member_with_default (open, "exchange_shipped", FALSE));
      if (n_open > 1)
        /* Translators: %u (2 or more) requests open on one order; %s is the status of the last */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u after-sales open · %s",
                                             "%u after-sales open · %s", n_open),
                                n_open, label);
      /* Translators: "After-sales open · 退货退款 · 待卖家处理" */
      return g_strdup_printf (_("After-sales open · %s · %s"), shou_request_type_get_label (type), label);
    }

  if (finished != NULL)
    {
      shou_request_type_from_string (json_object_get_string_member_with_default (finished, "type", ""), &type);
      shou_status_from_string (json_object_get_string_member_with_default (finished, "status", ""), &status);
      /* Translators: "After-sales finished · 退货退款 · 已退款" */
      return g_strdup_printf (_("After-sales finished · %s · %s"), shou_request_type_get_label (type),
                              shou_request_outcome_get_label (type, status));
    }

  return g_strdup (_("No after-sales"));
}

/* A cash-on-delivery order not yet shipped: the seller may cancel it
 * after talking to the buyer (004 1、); then the cancellation waiting to
 * sync, or why it was refused. */
static void
add_cancel_row (AdwExpanderRow *row,
                JsonObject     *order,
                ShouOrderState  state)
{
  const char *refused = json_object_get_string_member_with_default (order, "cancel_refused", NULL);
  gboolean pending = json_object_get_boolean_member_with_default (order, "cancel_pending", FALSE);
  g_autofree char *refusal = NULL;
  GtkWidget *cancel_row;
  GtkWidget *button;

  if (!pending && refused == NULL &&
      !(json_object_get_boolean_member_with_default (order, "cod", FALSE) && shou_order_state_is_cod_unshipped (state)))
    return;

  cancel_row = adw_action_row_new ();
  gtk_widget_set_name (cancel_row, "order-cancel");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (cancel_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (cancel_row), FALSE);
  if (pending)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cancel_row), _("Cancellation saved, waiting to sync"));
  else if (refused != NULL)
    {
      refusal = shou_order_cancel_refusal_text (refused);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cancel_row), refusal);
      gtk_widget_add_css_class (cancel_row, "error");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cancel_row), _("Cash on delivery, not yet shipped"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (cancel_row), _("Cancel only after talking to the buyer"));
    }
  if (!pending && shou_order_state_is_cod_unshipped (state))
    {
      button = gtk_button_new_with_label (_("Cancel Order…"));
      gtk_widget_set_name (button, "cancel-order");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.cancel-order");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        json_object_get_string_member_with_default (order, "key", ""));
      adw_action_row_add_suffix (ADW_ACTION_ROW (cancel_row), button);
    }
  adw_expander_row_add_row (row, cancel_row);
}

GtkWidget *
shou_order_row_new (JsonObject *order,
                    GHashTable *request_ids,
                    GCallback   activated,
                    GObject    *owner)
{
  JsonArray *lines = json_object_has_member (order, "lines") ? json_object_get_array_member (order, "lines") : NULL;
  JsonArray *aftersales = json_object_has_member (order, "aftersales") ? json_object_get_array_member (order, "aftersales") : NULL;
  JsonObject *buyer = json_object_has_member (order, "buyer") ? json_object_get_object_member (order, "buyer") : NULL;
  JsonObject *line = (lines != NULL && json_array_get_length (lines) > 0) ? json_array_get_object_element (lines, 0) : NULL;
  ShouOrderState state = SHOU_ORDER_COMPLETED;
  ShouGroupState group = SHOU_GROUP_NONE;
  g_autofree char *paid = shou_money_format (json_object_get_int_member_with_default (order, "paid_fen", 0));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label;
  const char *closed_why;
  gboolean open = FALSE;

  shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""), &state);
  shou_group_state_from_string (json_object_get_string_member_with_default (order, "group_state", "none"), &group);
  closed_why = state == SHOU_ORDER_CLOSED
               ? shou_order_close_reason_get_label (json_object_get_string_member_with_default (order, "close_reason", NULL))
               : NULL;
  if (closed_why != NULL)
    /* Translators: "order no · 已关闭 · 卖家取消订单" (why the order closed) */
    title = g_strdup_printf (_("%s · %s · %s"),
                             json_object_get_string_member_with_default (order, "order_no", ""),
                             shou_order_state_get_label (state), closed_why);
  else if (group != SHOU_GROUP_NONE)
    /* Translators: "order no · 待发货 · 拼单中" (a group order, 拼团) */
    title = g_strdup_printf (_("%s · %s · %s"),
                             json_object_get_string_member_with_default (order, "order_no", ""),
                             shou_order_state_get_label (state), shou_group_state_get_label (group));
  else
    title = g_strdup_printf ("%s · %s",
                             json_object_get_string_member_with_default (order, "order_no", ""),
                             shou_order_state_get_label (state));
  subtitle = g_strdup_printf ("%s · %s · %s",
                              line != NULL ? json_object_get_string_member_with_default (line, "title", "") : "",
                              buyer != NULL ? json_object_get_string_member_with_default (buyer, "nick", "") : "",
                              paid);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "order-id",
                          g_strdup (json_object_get_string_member_with_default (order, "key", "")), g_free);

  summary = describe_order_aftersales (aftersales, &open);
  label = gtk_label_new (summary);
  gtk_widget_set_name (label, "aftersales-state");
  /* A short state (无售后) stays on one line; a long one wraps. */
  gtk_label_set_wrap (GTK_LABEL (label), g_utf8_strlen (summary, -1) > 10);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, open ? "accent" : "dim-label");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "aftersales-state", g_strdup (summary), g_free);

  add_cancel_row (ADW_EXPANDER_ROW (row), order, state);

  /* Opened: the order's lines, then its requests (each opens in the detail). */
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      g_autofree char *price = shou_money_format (json_object_get_int_member_with_default (l, "price_fen", 0));
      g_autofree char *line_subtitle = NULL;
      GtkWidget *line_row = adw_action_row_new ();

      /* Translators: "SKU · × 2 · ¥59.00" for an order line */
      line_subtitle = g_strdup_printf (_("%s · × %d · %s"),
                                       json_object_get_string_member_with_default (l, "sku", ""),
                                       (int) json_object_get_int_member_with_default (l, "quantity", 1), price);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line_row),
                                     json_object_get_string_member_with_default (l, "title", ""));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (line_row), line_subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (line_row), gtk_image_new_from_icon_name ("package-x-generic-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line_row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line_row);
    }

  for (guint i = 0; aftersales != NULL && i < json_array_get_length (aftersales); i++)
    {
      JsonObject *request = json_array_get_object_element (aftersales, i);
      const char *request_id = json_object_get_string_member_with_default (request, "key", NULL);
      ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
      ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
      g_autofree char *request_title = NULL;
      GtkWidget *request_row;
      const char *outcome;

      if (request_id == NULL)
        continue;
      shou_request_type_from_string (json_object_get_string_member_with_default (request, "type", ""), &type);
      shou_status_from_string (json_object_get_string_member_with_default (request, "status", ""), &status);
      outcome = shou_request_outcome_get_label (type, status);
      request_title = g_strdup_printf ("%s · %s", shou_request_type_get_label (type),
                                       outcome != NULL ? outcome
                                       : shou_status_describe (status, json_object_get_boolean_member_with_default (request, "exchange_shipped", FALSE)));
      request_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (request_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request_row), request_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (request_row), _("After-sales request: open in the detail"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (request_row), gtk_image_new_from_icon_name ("mail-unread-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (request_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (request_row), TRUE);
      g_object_set_data_full (G_OBJECT (request_row), "request-id", g_strdup (request_id), g_free);
      g_signal_connect_object (request_row, "activated",
                               activated, owner, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), request_row);
      g_hash_table_add (request_ids, g_strdup (request_id));
    }

  return row;
}

void
shou_order_rows_replace (GtkListBox *list,
                         GPtrArray  *orders,
                         GHashTable *request_ids,
                         GCallback   activated,
                         GObject    *owner)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  /* A reload (a sync, a search) keeps the orders the seller opened open. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (child) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (g_object_get_data (G_OBJECT (child), "order-id")));
      gtk_list_box_remove (list, child);
    }
  g_hash_table_remove_all (request_ids);

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      GtkWidget *row = shou_order_row_new (g_ptr_array_index (orders, i), request_ids, activated, owner);

      if (g_hash_table_contains (expanded, g_object_get_data (G_OBJECT (row), "order-id")))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (list, row);
    }

  if (orders == NULL || orders->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No orders"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (list, row);
    }
}
