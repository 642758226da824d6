/* shou-detail-pane-buttons.c: which of the detail pane's actions are
 * enabled, shown and suggested (the blue one) for the request it shows,
 * why the others are not, and their Ctrl+Shift shortcuts.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-action-cell.h"
#include "shou-detail-sections.h"
#include "shou-detail-pane-private.h"

typedef struct
{
  const char *name;       /* "request.<name>" */
  ShouAction  action;     /* the core action that enables it */
  ShouAction  alt_action; /* also enables it; = action when none */
  guint       key;
} ActionInfo;

static const ActionInfo action_infos[] = {
  { "agree-refund", SHOU_ACTION_AGREE_REFUND, SHOU_ACTION_AGREE_REFUND, GDK_KEY_a },
  { "agree-return", SHOU_ACTION_AGREE_RETURN, SHOU_ACTION_AGREE_RETURN, GDK_KEY_t },
  { "confirm-receipt", SHOU_ACTION_CONFIRM_RECEIPT, SHOU_ACTION_CONFIRM_RECEIPT, GDK_KEY_c },
  { "refuse-receipt", SHOU_ACTION_REFUSE_RECEIPT, SHOU_ACTION_REFUSE_RECEIPT, GDK_KEY_x },
  { "reply", SHOU_ACTION_MESSAGE, SHOU_ACTION_MESSAGE, GDK_KEY_m },
  { "reject", SHOU_ACTION_REJECT, SHOU_ACTION_NEGOTIATE, GDK_KEY_j },
  { "ship-exchange", SHOU_ACTION_SHIP_EXCHANGE, SHOU_ACTION_SHIP_EXCHANGE, GDK_KEY_s },
  { "upload-refund-proof", SHOU_ACTION_UPLOAD_REFUND_PROOF, SHOU_ACTION_UPLOAD_REFUND_PROOF, GDK_KEY_u },
  { "intercept", SHOU_ACTION_INTERCEPT, SHOU_ACTION_INTERCEPT, GDK_KEY_k },
  { "await-return", SHOU_ACTION_AWAIT_RETURN, SHOU_ACTION_AWAIT_RETURN, GDK_KEY_b },
  { "appeal", SHOU_ACTION_APPEAL, SHOU_ACTION_APPEAL, GDK_KEY_g },
};

/* Shortcuts of the pane's other actions: copying what a seller pastes
 * elsewhere (the courier's site, the chat), and evidence for a ticket. */
static const struct { const char *name; guint key; } other_shortcuts[] = {
  { "copy-order-no", GDK_KEY_n },
  { "copy-tracking-no", GDK_KEY_l },
  { "add-evidence", GDK_KEY_e },
};

static const ActionInfo *
find_action_info (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    if (g_str_equal (action_infos[i].name, name))
      return &action_infos[i];

  return NULL;
}

static GtkWidget *
button_for (ShouDetailPane *self,
            const char     *name)
{
  const char *names[] = { "agree-refund", "agree-return", "confirm-receipt", "refuse-receipt",
                          "reply", "reject", "ship-exchange", "upload-refund-proof", "add-evidence",
                          "intercept", "await-return", "appeal" };
  GtkWidget *buttons[] = { self->agree_refund_button, self->agree_return_button,
                           self->confirm_receipt_button, self->refuse_receipt_button,
                           self->reply_button, self->reject_button, self->ship_exchange_button,
                           self->upload_refund_proof_button, self->add_evidence_button,
                           self->intercept_button, self->await_return_button, self->appeal_button };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], name))
      return buttons[i];

  return NULL;
}

/* Whether the action behind @info can be taken now. Every enabled action is
 * in the server's allowed_actions. Reject opens the negotiation dialog, so it
 * is enabled when the dialog's next step is allowed: rejecting itself, or a
 * negotiation round that leads to it; never when no negotiation can lift the
 * block (e.g. Pinduoduo before shipment). */
static gboolean
info_enabled (ShouDetailPane   *self,
              const ActionInfo *info)
{
  ShouReason why;

  if (self->request == NULL)
    return FALSE;
  if ((self->allowed & SHOU_ACTION_BIT (info->action)) != 0)
    return TRUE;
  if (info->alt_action == info->action ||
      (self->allowed & SHOU_ACTION_BIT (info->alt_action)) == 0)
    return FALSE;

  why = self->reasons[info->action];
  return why == SHOU_REASON_NEGOTIATION_REQUIRED;
}

/* Under intervention the seller's step is evidence for the platform's
 * ticket (Pinduoduo: within 48 h, platform-rules §3): uploaded on its own,
 * not as part of an action. */
gboolean
shou_detail_pane_evidence_wanted (ShouDetailPane *self)
{
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;

  /* Under intervention, until an evidence period ended (003 §四). */
  return self->request != NULL &&
         shou_status_from_string (shou_json_get_string (self->request, "status"), &status) &&
         status == SHOU_STATUS_INTERVENTION &&
         shou_detail_evidence_closed_at (self->request, shou_clock_get_now (self->clock)) == 0;
}

/* The step the platform waits for, by type and state: the blue button.
 * A return goes back before the money does. */
static const char *
primary_action_name (ShouDetailPane *self)
{
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
  const char *name = NULL;

  if (self->request == NULL)
    return NULL;
  shou_request_type_from_string (shou_json_get_string (self->request, "type"), &type);
  shou_status_from_string (shou_json_get_string (self->request, "status"), &status);

  switch (status)
    {
    case SHOU_STATUS_WAIT_SELLER:
    case SHOU_STATUS_NEGOTIATING:
      if (type == SHOU_REQUEST_RETURN_REFUND || type == SHOU_REQUEST_EXCHANGE ||
          type == SHOU_REQUEST_REPAIR)
        name = "agree-return";
      else if (type == SHOU_REQUEST_RESHIP)
        name = "ship-exchange";
      else
        name = "agree-refund";
      break;
    case SHOU_STATUS_WAIT_SELLER_RECEIPT:
      name = "confirm-receipt";
      break;
    case SHOU_STATUS_WAIT_SELLER_SHIP:
      name = "ship-exchange";
      break;
    case SHOU_STATUS_WAIT_REFUND_PROOF:
      name = "upload-refund-proof";
      break;
    case SHOU_STATUS_INTERVENTION:
      return shou_detail_pane_evidence_wanted (self) ? "add-evidence" : NULL;
    case SHOU_STATUS_WAIT_BUYER_RETURN:
    case SHOU_STATUS_REFUSED:
    case SHOU_STATUS_SUCCESS:
    case SHOU_STATUS_CLOSED:
    case SHOU_N_STATUSES:
    default:
      break;
    }

  return name != NULL && shou_detail_pane_is_action_enabled (self, name) ? name : NULL;
}

/* The parcel's and the express refund's actions show only where they
 * belong: allowed, or blocked for a reason the seller should see (signed,
 * already waiting, back, the return not late yet, appealed). */
static gboolean
parcel_action_moot (ShouAction action,
                    ShouReason reason)
{
  if (action != SHOU_ACTION_INTERCEPT && action != SHOU_ACTION_AWAIT_RETURN &&
      action != SHOU_ACTION_APPEAL)
    return FALSE;
  return reason != SHOU_REASON_ALREADY_SIGNED && reason != SHOU_REASON_PARCEL_WAITING &&
         reason != SHOU_REASON_PARCEL_RETURNED && reason != SHOU_REASON_RETURN_NOT_LATE &&
         reason != SHOU_REASON_ALREADY_APPEALED;
}

void
shou_detail_pane_update_actions (ShouDetailPane *self)
{
  const char *primary = primary_action_name (self);
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    {
      const ActionInfo *info = &action_infos[i];
      GtkWidget *button = button_for (self, info->name);
      g_autofree char *action_name = g_strconcat ("request.", info->name, NULL);
      gboolean enabled = info_enabled (self, info);
      ShouReason reason = self->reasons[info->action];
      const char *why = NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, enabled);

      if (!enabled && self->request != NULL)
        {
          why = self->messages[info->action];
          if (why == NULL && reason != SHOU_REASON_NONE)
            why = shou_reason_get_message (reason);
          if (why == NULL)
            why = _("Not possible for this request now");
        }

      /* Actions that can never apply to this request only add noise. */
      gtk_widget_set_visible (button, enabled || (reason != SHOU_REASON_NOT_FOR_TYPE &&
                                                  reason != SHOU_REASON_NOT_COD &&
                                                  reason != SHOU_REASON_NOT_EXPRESS &&
                                                  !parcel_action_moot (info->action, reason)));
      gtk_widget_set_visible (gtk_widget_get_parent (button), gtk_widget_get_visible (button));
      gtk_widget_set_tooltip_text (button, why);
      if (g_strcmp0 (primary, info->name) == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.add-evidence", shou_detail_pane_evidence_wanted (self));
  gtk_widget_set_visible (self->add_evidence_button, shou_detail_pane_evidence_wanted (self));
  gtk_widget_set_visible (gtk_widget_get_parent (self->add_evidence_button), shou_detail_pane_evidence_wanted (self));
  if (g_strcmp0 (primary, "add-evidence") == 0)
    gtk_widget_add_css_class (self->add_evidence_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->add_evidence_button, "suggested-action");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.review-again", self->has_conflict);
  text = self->request != NULL ? shou_detail_pane_order_no (self) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.copy-order-no", text != NULL && *text != '\0');
  text = self->request != NULL ? shou_detail_pane_tracking_no (self) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.copy-tracking-no", text != NULL && *text != '\0');
}

void
shou_detail_pane_read_actions (ShouDetailPane *self,
                               JsonArray      *allowed,
                               JsonArray      *blocked)
{
  self->allowed = 0;
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    {
      self->reasons[i] = SHOU_REASON_NONE;
      g_clear_pointer (&self->messages[i], g_free);
    }
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    {
      ShouAction action;

      if (shou_action_from_string (json_array_get_string_element (allowed, i), &action))
        self->allowed |= SHOU_ACTION_BIT (action);
    }
  for (guint i = 0; blocked != NULL && i < json_array_get_length (blocked); i++)
    {
      JsonObject *entry = json_array_get_object_element (blocked, i);
      ShouAction action;
      ShouReason reason = SHOU_REASON_NONE;

      if (!shou_action_from_string (shou_json_get_string (entry, "action"), &action))
        continue;
      shou_reason_from_string (shou_json_get_string (entry, "reason"), &reason);
      self->reasons[action] = reason;
      /* Core's translated sentence first: the server's text is in its own language. */
      if (reason == SHOU_REASON_NONE)
        self->messages[action] = g_strdup (shou_json_get_string (entry, "message"));
    }
  shou_detail_pane_update_actions (self);
}

void
shou_detail_pane_install_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    {
      g_autofree char *name = g_strconcat ("request.", action_infos[i].name, NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, shou_detail_pane_activate_action);
    }
}

void
shou_detail_pane_init_buttons (ShouDetailPane *self)
{
  GtkEventController *shortcuts;
  GtkWidget *child;

  /* One tab stop per action: the button, not also the flow box cell around it. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->action_bar));
  for (int i = 0; child != NULL; i++)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      g_autoptr(GtkWidget) button = g_object_ref (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
      GtkWidget *cell = g_object_new (SHOU_TYPE_ACTION_CELL, NULL);

      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), NULL);
      gtk_flow_box_remove (self->action_bar, child);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (cell), button);
      g_object_bind_property (button, "sensitive", cell, "sensitive", G_BINDING_SYNC_CREATE);
      gtk_flow_box_insert (self->action_bar, cell, i);
      child = next;
    }

  /* Action shortcuts work wherever the focus is in the window (usually the
   * queue), so the seller can clear a request without leaving the list.
   * Global scope puts them in the window's shortcut manager; the capture
   * phase runs them before the focused widget's own key bindings, which
   * would otherwise take some of them (Ctrl+Shift+A is "unselect all" in
   * GtkListView, GtkColumnView, GtkListBox and GtkFlowBox). A disabled
   * action lets the key go on to the focused widget. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (shortcuts, "shou-action-shortcuts");
  for (guint i = 0; i < G_N_ELEMENTS (action_infos) + G_N_ELEMENTS (other_shortcuts); i++)
    {
      gboolean other = i >= G_N_ELEMENTS (action_infos);
      const char *short_name = other ? other_shortcuts[i - G_N_ELEMENTS (action_infos)].name : action_infos[i].name;
      guint key = other ? other_shortcuts[i - G_N_ELEMENTS (action_infos)].key : action_infos[i].key;
      g_autofree char *name = g_strconcat ("request.", short_name, NULL);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (key, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                              gtk_named_action_new (name)));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  shou_detail_pane_update_actions (self);
}

GtkWidget *
shou_detail_pane_get_action_button (ShouDetailPane *self,
                                    const char     *action_name)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  return button_for (self, action_name);
}

GtkWindow *
shou_detail_pane_get_dialog (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->dialog;
}

void
shou_detail_pane_focus_actions (ShouDetailPane *self)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->action_bar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
      return;
}

gboolean
shou_detail_pane_is_action_enabled (ShouDetailPane *self,
                                    const char     *action_name)
{
  const ActionInfo *info;

  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), FALSE);

  if (g_strcmp0 (action_name, "add-evidence") == 0)
    return shou_detail_pane_evidence_wanted (self);
  info = find_action_info (action_name);
  if (info == NULL)
    return FALSE;

  return info_enabled (self, info);
}

