/* shou-detail-pane-actions.c: the seller's actions on the request the
 * detail pane shows: their dialogs, queueing them, copying numbers and
 * reviewing a conflict again.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-logistics.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "shou-action-dialogs.h"
#include "shou-detail-pane-private.h"

static void
on_dialog_destroy_cb (ShouDetailPane *self,
                      GtkWindow      *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

void
shou_detail_pane_set_dialog (ShouDetailPane *self,
                             GtkWindow      *dialog)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));
  g_return_if_fail (dialog == NULL || GTK_IS_WINDOW (dialog));

  if (self->dialog != NULL)
    g_signal_handlers_disconnect_by_func (self->dialog, on_dialog_destroy_cb, self);
  self->dialog = dialog;
  if (dialog != NULL)
    {
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (dialog);
    }
}

static GtkWindow *
get_parent_window (ShouDetailPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The action dialogs hand the confirmed action back here: the pane queues
 * it for the request it shows, and presents what follows. */
static void
queue_confirmed_cb (gpointer    user_data,
                    ShouAction  action,
                    JsonObject *params)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (user_data);
  g_autoptr(GError) error = NULL;

  /* Agreeing again with the SMS code: the refused attempt (stored by the
   * server under its key) is dropped, and this one goes with a new key. */
  if (json_object_has_member (params, "verification_code") && self->request_id != NULL)
    {
      if (!shou_store_resolve_conflict (self->store, self->request_id, &error))
        {
          shou_detail_pane_emit_toast (self, error->message);
          return;
        }
      shou_detail_pane_reload (self);
    }
  shou_detail_pane_enqueue (self, action, params, NULL);
}

static void
present_dialog_cb (gpointer   user_data,
                   GtkWindow *dialog)
{
  shou_detail_pane_set_dialog (SHOU_DETAIL_PANE (user_data), dialog);
}

AdwMessageDialog *
shou_detail_pane_new_action_dialog (ShouDetailPane *self,
                                    const char     *name)
{
  ShouActionTarget target = { 0 };

  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (self->request != NULL, NULL);

  target.parent = get_parent_window (self);
  target.store = self->store;
  target.request_id = self->request_id;
  target.request = self->request;
  target.now = shou_clock_get_now (self->clock);
  target.queue = queue_confirmed_cb;
  target.present = present_dialog_cb;
  target.user_data = self;

  return shou_action_dialog_new (name, &target);
}

/* The logistics dialog queues ship_exchange itself. */
static void
on_dialog_shipped_cb (GtkWindow      *dialog,
                      ShouDetailPane *self)
{
  /* The dialog's own request: the pane may have been cleared meanwhile. */
  g_autofree char *request_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "request-id"));

  shou_detail_pane_reload (self);
  if (request_id != NULL)
    shou_detail_pane_emit_action_queued (self, request_id);
}

void
shou_detail_pane_activate_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);
  const char *name = action_name + strlen ("request.");
  GtkWindow *dialog = NULL;

  if (self->request == NULL || shou_claim_bar_ask_first (self->claim_bar, widget, action_name))
    return;
  /* The negotiation and the exchange's logistics have dialogs of their
   * own; every other action's dialog comes from shou-action-dialogs. */
  if (g_str_equal (name, "reject"))
    dialog = GTK_WINDOW (shou_negotiation_dialog_new (get_parent_window (self), self->store,
                                                      self->request_id));
  else if (g_str_equal (name, "ship-exchange"))
    {
      dialog = shou_logistics_dialog_new (get_parent_window (self), self->store, self->request_id);
      g_object_set_data_full (G_OBJECT (dialog), "request-id", g_strdup (self->request_id), g_free);
      g_signal_connect_object (dialog, "shipped", G_CALLBACK (on_dialog_shipped_cb), self, 0);
    }
  else
    dialog = GTK_WINDOW (shou_detail_pane_new_action_dialog (self, name));

  shou_detail_pane_set_dialog (self, dialog);
}

void
shou_detail_pane_activate_add_evidence (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);

  if (!shou_detail_pane_evidence_wanted (self))
    return;
  shou_detail_pane_set_dialog (self, GTK_WINDOW (shou_detail_pane_new_action_dialog (self, "add-evidence")));
}

void
shou_detail_pane_activate_copy (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);
  gboolean order = g_str_equal (action_name, "request.copy-order-no");
  const char *text = order ? shou_detail_pane_order_no (self) : shou_detail_pane_tracking_no (self);
  g_autofree char *message = NULL;

  if (self->request == NULL || text == NULL || *text == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  if (order)
    /* Translators: %s is an order number */
    message = g_strdup_printf (_("Order number %s copied"), text);
  else
    /* Translators: %s is a tracking number */
    message = g_strdup_printf (_("Tracking number %s copied"), text);
  shou_detail_pane_emit_toast (self, message);
}

void
shou_detail_pane_activate_verification_code (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);

  if (self->request == NULL || shou_claim_bar_ask_first (self->claim_bar, widget, action_name))
    return;
  shou_detail_pane_set_dialog (self, GTK_WINDOW (shou_detail_pane_new_action_dialog (self, "agree-refund-code")));
}

void
shou_detail_pane_activate_review_again (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);
  g_autoptr(GError) error = NULL;

  if (self->request_id == NULL)
    return;

  if (!shou_store_resolve_conflict (self->store, self->request_id, &error))
    shou_detail_pane_emit_toast (self, error->message);

  shou_detail_pane_reload (self);
}

gboolean
shou_detail_pane_enqueue (ShouDetailPane *self,
                          ShouAction      action,
                          JsonObject     *params,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *request_id = NULL;

  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (self->request_id == NULL)
    return FALSE;

  /* The action may take the request out of the list, and the window then
   * clears this pane before "action-queued" goes out: keep its key. */
  request_id = g_strdup (self->request_id);
  if (!shou_store_enqueue_action (self->store, request_id, action, params,
                                  self->version, &local_error))
    {
      shou_detail_pane_emit_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Translators: %s is an action such as "Agree refund" */
  message = g_strdup_printf (_("%s: saved, waiting to sync"), shou_action_get_label (action));
  shou_detail_pane_emit_toast (self, message);
  shou_detail_pane_reload (self);
  if (action != SHOU_ACTION_MESSAGE)
    shou_detail_pane_emit_action_queued (self, request_id);

  return TRUE;
}
