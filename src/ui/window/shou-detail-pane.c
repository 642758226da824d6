/* shou-detail-pane.c: the detail pane: one request shown in full, kept
 * current with the store and the clock.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-detail-sections.h"
#include "shou-detail-pane-private.h"

G_DEFINE_FINAL_TYPE (ShouDetailPane, shou_detail_pane, GTK_TYPE_WIDGET)

enum {
  TOAST,
  ACTION_QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
shou_detail_pane_emit_toast (ShouDetailPane *self,
                             const char     *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
shou_detail_pane_emit_action_queued (ShouDetailPane *self,
                                     const char     *request_id)
{
  g_signal_emit (self, signals[ACTION_QUEUED], 0, request_id);
}

const char *
shou_detail_pane_tracking_no (ShouDetailPane *self)
{
  JsonObject *shipment = shou_json_get_object (self->request, "return_shipment");

  if (shipment == NULL)
    shipment = shou_json_get_object (self->request, "exchange_shipment");
  return shou_json_get_string (shipment, "tracking_no");
}

const char *
shou_detail_pane_order_no (ShouDetailPane *self)
{
  return shou_json_get_string (shou_json_get_object (self->request, "order"), "order_no");
}

/* Before the deadline the card says what will happen; once it passed, that
 * the platform has yet to act, and since when. The clock keeps it true. */
static void
update_deadline_card (ShouDetailPane *self)
{
  shou_detail_render_deadline (self->deadline_label, self->lapse_label, self->deadline_box,
                               self->deadline_at, self->on_lapse, self->deadline_practice,
                               shou_clock_get_now (self->clock));
  /* A deadline on the platform's side: what the seller may expect by then. */
  if (self->deadline_platform != NULL && self->deadline_at != 0 &&
      !shou_deadline_is_lapsed (self->deadline_at, shou_clock_get_now (self->clock)))
    {
      if (g_strcmp0 (gtk_label_get_text (self->lapse_label), self->deadline_platform) != 0)
        gtk_label_set_text (self->lapse_label, self->deadline_platform);
      gtk_widget_set_visible (GTK_WIDGET (self->lapse_label), TRUE);
    }
}

static void
on_clock_tick_cb (ShouDetailPane *self)
{
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;

  if (self->request == NULL)
    return;
  update_deadline_card (self);
  /* The parcel's and the express refund's countdowns. */
  shou_platform_from_string (shou_json_get_string (self->request, "platform"), &platform);
  shou_order_parcel_tick (self->order_parcel, self->request, platform, shou_clock_get_now (self->clock));
}

static void
render_logistics (ShouDetailPane *self,
                  ShouPlatform    platform)
{
  const ShouDetailLogistics logistics = {
    self->logistics_group, GTK_WIDGET (self->return_address_row), self->tracking_box, &self->tracking_view,
    self->exchange_group, self->exchange_box, &self->exchange_view,
  };

  shou_detail_render_logistics (&logistics, self->request, platform, shou_clock_get_now (self->clock));
}

static void
render (ShouDetailPane *self)
{
  JsonObject *order = shou_json_get_object (self->request, "order");
  JsonObject *buyer = shou_json_get_object (order, "buyer");
  JsonArray *lines = shou_json_get_array (order, "lines");
  JsonObject *line = NULL;
  JsonArray *allowed = shou_json_get_array (self->request, "allowed_actions");
  JsonArray *blocked = shou_json_get_array (self->request, "blocked_actions");
  const char *line_id = shou_json_get_string (self->request, "line_id");
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
  ShouLapse lapse = SHOU_LAPSE_NONE;
  gint64 deadline_at;
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *phone = NULL;

  shou_platform_from_string (shou_json_get_string (self->request, "platform"), &platform);
  shou_request_type_from_string (shou_json_get_string (self->request, "type"), &type);
  shou_status_from_string (shou_json_get_string (self->request, "status"), &status);
  shou_lapse_from_string (shou_json_get_string (self->request, "on_lapse"), &lapse);
  self->version = json_object_get_int_member_with_default (self->request, "version", 0);

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *candidate = json_array_get_object_element (lines, i);

      if (line == NULL || g_strcmp0 (shou_json_get_string (candidate, "id"), line_id) == 0)
        line = candidate;
    }

  /* Deadline */
  deadline_at = json_object_get_int_member_with_default (self->request, "deadline_at", 0);
  gtk_widget_set_visible (self->deadline_box, deadline_at != 0);
  shou_countdown_label_set_approximate (self->countdown,
                                        json_object_get_boolean_member_with_default (self->request,
                                                                                     "deadline_approximate",
                                                                                     FALSE));
  shou_countdown_label_set_deadline (self->countdown, deadline_at, lapse);
  self->deadline_at = deadline_at;
  self->on_lapse = lapse;
  self->deadline_practice = shou_detail_deadline_is_practice (self->request);
  self->deadline_platform = shou_detail_platform_deadline_text (self->request);
  update_deadline_card (self);
  if (deadline_at == 0)
    {
      /* Pinduoduo's ticket after its 48 h: the platform goes on without
       * more evidence, and the card says so (003 §四). */
      gint64 closed_at = shou_detail_evidence_closed_at (self->request, shou_clock_get_now (self->clock));

      if (closed_at != 0)
        {
          g_autofree char *when = shou_time_format_local (closed_at);
          g_autofree char *deadline = g_strdup_printf (_("Deadline %s"), when);

          gtk_widget_set_visible (self->deadline_box, TRUE);
          shou_countdown_label_set_deadline (self->countdown, closed_at, SHOU_LAPSE_EVIDENCE_CLOSED);
          gtk_label_set_text (self->deadline_label, deadline);
          gtk_label_set_text (self->lapse_label, shou_reason_get_message (SHOU_REASON_EVIDENCE_CLOSED));
          gtk_widget_set_visible (GTK_WIDGET (self->lapse_label), TRUE);
        }
    }

  /* Request */
  g_free (text);
  text = g_strdup_printf ("%s · %s · %s", shou_platform_get_label (platform),
                          shou_request_type_get_label (type),
                          shou_status_describe (status, shou_json_get_object (self->request, "exchange_shipment") != NULL));
  shou_detail_set_subtitle (self->type_row, text);
  /* From the code, in the UI's language; the server's text only for unknown codes. */
  shou_detail_set_subtitle (self->reason_row, shou_buyer_reason_text (shou_json_get_string (self->request, "reason_code"),
                                                         shou_json_get_string (self->request, "reason_text")));
  shou_detail_set_subtitle (self->description_row, shou_json_get_string (self->request, "buyer_text"));
  shou_detail_render_buyer_risk (self->buyer_risk_row, shou_json_get_string (self->request, "buyer_text"), platform);
  amount = shou_money_format (json_object_get_int_member_with_default (self->request, "amount_fen", 0));
  shou_detail_set_subtitle (self->amount_row, amount);

  /* Order */
  g_free (text);
  text = g_strdup_printf ("%s\n%s", shou_json_get_string (line, "title") ? shou_json_get_string (line, "title") : "",
                          shou_json_get_string (line, "sku") ? shou_json_get_string (line, "sku") : "");
  shou_detail_set_subtitle (self->goods_row, text);
  shou_detail_set_subtitle (self->order_row, shou_json_get_string (order, "order_no"));
  paid = shou_money_format (json_object_get_int_member_with_default (order, "paid_fen", 0));
  g_free (text);
  /* Translators: "× 2 · paid ¥59.00" */
  text = g_strdup_printf (_("× %d · paid %s"),
                          (int) json_object_get_int_member_with_default (line, "quantity", 1), paid);
  shou_detail_set_subtitle (self->paid_row, text);
  phone = shou_detail_mask_phone (shou_json_get_string (buyer, "phone"));
  g_free (text);
  text = g_strdup_printf ("%s  %s  %s",
                          shou_json_get_string (buyer, "nick") ? shou_json_get_string (buyer, "nick") : "",
                          shou_json_get_string (buyer, "name") ? shou_json_get_string (buyer, "name") : "",
                          phone != NULL ? phone : "");
  shou_detail_set_subtitle (self->buyer_row, g_strstrip (text));
  shou_detail_set_subtitle (self->address_row, shou_json_get_string (buyer, "address"));

  shou_order_parcel_set_request (self->order_parcel, self->request, platform, shou_clock_get_now (self->clock));
  shou_detail_render_postage (self->postage_row, self->request, platform);
  render_logistics (self, platform);
  shou_detail_incident_set_request (self->incident_group, self->request, platform, shou_clock_get_now (self->clock));
  shou_detail_render_evidence (self->evidence_box, self->evidence_group, self->store,
                               self->request_id, self->request);
  shou_detail_render_timeline (self->timeline_list, self->timeline_group, self->request);
  shou_detail_render_rule_actions (self->timeline_list, self->timeline_group, self->store, self->request_id);
  self->has_conflict = shou_detail_render_pending (self->conflict_bar, self->conflict_label,
                                                   self->pending_revealer, self->pending_label,
                                                   self->request);
  {
    JsonObject *conflict = shou_json_get_object (self->request, "conflict");
    gboolean wants_code = conflict != NULL &&
                          g_strcmp0 (shou_json_get_string (conflict, "code"), "verification_code_required") == 0 &&
                          g_strcmp0 (shou_json_get_string (conflict, "action"), "agree_refund") == 0;

    gtk_widget_set_visible (self->code_button, wants_code);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.verification-code", wants_code);
  }

  shou_detail_pane_read_actions (self, allowed, blocked);
}

void
shou_detail_pane_reload (ShouDetailPane *self)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request = NULL;

  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->request_id != NULL && self->store != NULL)
    request = shou_store_get_request (self->store, self->request_id, &error);

  g_clear_pointer (&self->request, json_object_unref);
  self->request = request;

  if (request == NULL)
    {
      if (error != NULL && !g_error_matches (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND))
        g_debug ("Could not load request %s: %s", self->request_id, error->message);
      shou_countdown_label_set_deadline (self->countdown, 0, SHOU_LAPSE_NONE);
      self->deadline_at = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      /* A hidden stack page stays in the accessibility tree: a screen
       * reader would still read the request that left. */
      gtk_widget_set_visible (gtk_stack_get_child_by_name (self->stack, "request"), FALSE);
      self->allowed = 0;
      self->has_conflict = FALSE;
      shou_detail_pane_update_actions (self);
      return;
    }

  render (self);
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->stack, "request"), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "request");
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  ShouDetailPane *self = user_data;

  self->reload_id = 0;
  shou_detail_pane_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouDetailPane *self,
                     const char     *request_id)
{
  if (self->request_id == NULL)
    return;
  if (request_id != NULL && !g_str_equal (request_id, self->request_id))
    return;

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 50, on_reload_timeout_cb, self, NULL);
}

static void
shou_detail_pane_dispose (GObject *object)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      shou_detail_pane_set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_DETAIL_PANE);

  G_OBJECT_CLASS (shou_detail_pane_parent_class)->dispose (object);
}

static void
shou_detail_pane_finalize (GObject *object)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->request, json_object_unref);
  g_free (self->request_id);
  g_free (self->empty_title);
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    g_free (self->messages[i]);

  G_OBJECT_CLASS (shou_detail_pane_parent_class)->finalize (object);
}

static void
shou_detail_pane_class_init (ShouDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_detail_pane_dispose;
  object_class->finalize = shou_detail_pane_finalize;

  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* "action-queued" (const char *request_id): an action from this pane's
   * dialogs is durable in the outbox; the window may move on. */
  signals[ACTION_QUEUED] =
    g_signal_new ("action-queued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHOU_TYPE_COUNTDOWN_LABEL);
  g_type_ensure (SHOU_TYPE_ORDER_PARCEL);
  g_type_ensure (SHOU_TYPE_DETAIL_INCIDENT);
  g_type_ensure (SHOU_TYPE_CLAIM_BAR);
  g_type_ensure (SHOU_TYPE_ANNOTATION_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/window/shou-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, claim_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, annotation_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, code_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, countdown);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, lapse_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, exchange_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, exchange_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, incident_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, type_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, description_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, buyer_risk_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, goods_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, order_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, paid_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, buyer_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, address_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, logistics_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, order_parcel);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, postage_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, return_address_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, tracking_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, agree_refund_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, agree_return_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, confirm_receipt_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, refuse_receipt_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reply_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, ship_exchange_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, upload_refund_proof_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, add_evidence_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, intercept_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, await_return_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, appeal_button);

  shou_detail_pane_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "request.review-again", NULL, shou_detail_pane_activate_review_again);
  gtk_widget_class_install_action (widget_class, "request.verification-code", NULL,
                                   shou_detail_pane_activate_verification_code);
  gtk_widget_class_install_action (widget_class, "request.add-evidence", NULL, shou_detail_pane_activate_add_evidence);
  gtk_widget_class_install_action (widget_class, "request.copy-order-no", NULL, shou_detail_pane_activate_copy);
  gtk_widget_class_install_action (widget_class, "request.copy-tracking-no", NULL, shou_detail_pane_activate_copy);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detail-pane");
}

static void
shou_detail_pane_init (ShouDetailPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  shou_detail_pane_init_buttons (self);
}

void
shou_detail_pane_setup (ShouDetailPane *self,
                        ShouStore      *store,
                        ShouClock      *clock)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));
  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (SHOU_IS_CLOCK (clock));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  shou_countdown_label_set_clock (self->countdown, clock);
  shou_countdown_label_set_wrap (self->countdown, TRUE);
  shou_claim_bar_setup (self->claim_bar, store, clock);
  shou_annotation_group_setup (self->annotation_group, store);
  shou_detail_incident_setup (self->incident_group, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "tick", G_CALLBACK (on_clock_tick_cb), self, G_CONNECT_SWAPPED);
}

ShouStore *
shou_detail_pane_get_store (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->store;
}

ShouClock *
shou_detail_pane_get_clock (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->clock;
}

void
shou_detail_pane_set_request_id (ShouDetailPane *self,
                                 const char     *request_id)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  if (g_strcmp0 (self->request_id, request_id) != 0)
    {
      g_free (self->request_id);
      self->request_id = g_strdup (request_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  shou_claim_bar_set_request (self->claim_bar, request_id);
  shou_annotation_group_set_request (self->annotation_group, request_id);
  shou_detail_pane_reload (self);
}

const char *
shou_detail_pane_get_request_id (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->request_id;
}

JsonObject *
shou_detail_pane_get_request (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->request;
}

void
shou_detail_pane_show_selection (ShouDetailPane *self,
                                 guint           count,
                                 gint64          total_fen)
{
  g_autofree char *title = NULL;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  if (count < 2)
    {
      if (self->empty_title == NULL)
        return;
      adw_status_page_set_icon_name (self->empty_page, "mail-unread-symbolic");
      adw_status_page_set_title (self->empty_page, self->empty_title);
      adw_status_page_set_description (self->empty_page,
                                       _("Choose a request in the queue, or use Up and Down then Enter."));
      g_clear_pointer (&self->empty_title, g_free);
      return;
    }
  if (self->empty_title == NULL)
    self->empty_title = g_strdup (adw_status_page_get_title (self->empty_page));
  shou_detail_pane_set_request_id (self, NULL);
  total = shou_money_format (total_fen);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Request Selected", "%u Requests Selected", count),
                           count);
  /* Translators: %s is the selected requests' total amount ("¥1,234.00") */
  description = g_strdup_printf (_("Together %s. Agree to them all at once from the bar under the list, "
                                   "or press Escape to choose one again."), total);
  adw_status_page_set_icon_name (self->empty_page, "edit-select-all-symbolic");
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}
