/* shou-order-cancel-dialog.c: confirming the seller's cancellation of a
 * cash-on-delivery order (shou-order-cancel-dialog.h).
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "store/shou-store-orders.h"
#include "ui/shou-ui-util.h"
#include "shou-order-cancel-dialog.h"

static void
on_consulted_toggled_cb (GtkCheckButton   *check,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE,
                                           gtk_check_button_get_active (check));
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response)
{
  ShouStore *store = g_object_get_data (G_OBJECT (dialog), "shou-store");
  const char *key = g_object_get_data (G_OBJECT (dialog), "shou-order-key");
  GtkCheckButton *check = g_object_get_data (G_OBJECT (dialog), "shou-consulted");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, SHOU_ORDER_CANCEL_RESPONSE))
    return;
  if (!shou_store_cancel_order (store, key, gtk_check_button_get_active (check), &error))
    {
      /* Said where the seller looks; the order stays as it was. */
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
      AdwMessageDialog *refused = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("The Order Was Not Cancelled"),
                                                                              error->message));

      gtk_widget_set_name (GTK_WIDGET (refused), "order-cancel-refused");
      adw_message_dialog_add_response (refused, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (refused));
    }
}

AdwMessageDialog *
shou_order_cancel_dialog_new (GtkWindow  *parent,
                              ShouStore  *store,
                              const char *order_key)
{
  AdwMessageDialog *dialog;
  GtkWidget *check;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (order_key != NULL, NULL);

  dialog = shou_ui_confirm_dialog_new (parent, _("Cancel the Order?"),
                                       /* Translators: seed 004 1、 (抖店, cash on delivery) */
                                       _("Cancel a cash-on-delivery order only after talking to the buyer and "
                                         "the buyer agreed: the platform penalises a cancellation without it. "
                                         "An order that has shipped cannot be cancelled."),
                                       SHOU_ORDER_CANCEL_RESPONSE, _("Cancel _Order"),
                                       SHOU_CONFIRM_SAFE | SHOU_CONFIRM_DESTRUCTIVE);
  adw_message_dialog_set_response_label (dialog, SHOU_UI_RESPONSE_CANCEL, _("_Keep the Order"));
  gtk_widget_set_name (GTK_WIDGET (dialog), "order-cancel-dialog");
  check = gtk_check_button_new_with_mnemonic (_("I _talked to the buyer and the buyer agreed to cancel"));
  gtk_widget_set_name (check, "buyer-consulted");
  adw_message_dialog_set_extra_child (dialog, check);
  adw_message_dialog_set_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE, FALSE);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_consulted_toggled_cb), dialog, 0);

  g_object_set_data_full (G_OBJECT (dialog), "shou-store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "shou-order-key", g_strdup (order_key), g_free);
  g_object_set_data (G_OBJECT (dialog), "shou-consulted", check);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  return dialog;
}

char *
shou_order_cancel_refusal_text (const char *refusal)
{
  ShouReason reason;
  const char *why;

  if (g_strcmp0 (refusal, "version_conflict") == 0)
    why = _("the order changed meanwhile; look at it again");
  else if (refusal != NULL && shou_reason_from_string (refusal, &reason) && reason != SHOU_REASON_NONE)
    why = shou_reason_get_message (reason);
  else
    why = _("the platform did not accept it");
  /* Translators: %s says why, e.g. "the goods have shipped" */
  return g_strdup_printf (_("The cancellation was refused: %s"), why);
}
