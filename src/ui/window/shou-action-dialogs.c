/* shou-action-dialogs.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-state.h"
#include "ui/shou-ui-util.h"
#include "shou-detail-sections.h"
#include "shou-phrase-editor.h"
#include "shou-action-dialogs.h"

typedef struct
{
  ShouActionTarget target;  /* its store and sink's data unowned: the pane destroys its dialog first */
  ShouAction      action;
  gint64          max_fen;
  GtkWidget      *entry;
  GtkWidget      *code_entry;   /* agree refund again with the platform's SMS code */
  GtkWidget      *error_label;
  GtkWidget      *picker;
  GtkTextView    *text_view;
} DialogData;

static const char *
request_string (const ShouActionTarget *target,
                const char             *member)
{
  JsonObject *request = target->request;

  return json_object_get_string_member_with_default (request, member, "");
}

static const char *
buyer_nick (const ShouActionTarget *target)
{
  JsonObject *request = target->request;
  JsonNode *node;
  JsonObject *buyer;

  if (!json_object_has_member (request, "order"))
    return "";
  node = json_object_get_member (request, "order");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return "";
  node = json_object_get_member (json_node_get_object (node), "buyer");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return "";
  buyer = json_node_get_object (node);

  return json_object_get_string_member_with_default (buyer, "nick", "");
}

/* The seller confirmed: the sink queues the action for the request. */
static void
queue (DialogData *data,
       ShouAction  action,
       JsonObject *params)
{
  data->target.queue (data->target.user_data, action, params);
}

/* @money: the action moves money and cannot be taken back, so Enter and
 * Escape both answer Cancel; the seller clicks (or tabs to) the money button. */
static void
dialog_data_free (gpointer user_data)
{
  DialogData *data = user_data;

  g_free ((char *) data->target.request_id);
  g_clear_pointer (&data->target.request, json_object_unref);
  g_free (data);
}

static AdwMessageDialog *
dialog_new (const ShouActionTarget *target,
            ShouAction              action,
            const char             *heading,
            const char             *body,
            const char             *ok_label,
            gboolean                destructive,
            gboolean                money,
            DialogData            **out_data)
{
  AdwMessageDialog *dialog;
  DialogData *data = g_new0 (DialogData, 1);

  dialog = shou_ui_confirm_dialog_new (target->parent, heading, body, SHOU_RESPONSE_OK, ok_label,
                                       (destructive ? SHOU_CONFIRM_DESTRUCTIVE : SHOU_CONFIRM_SUGGESTED) |
                                       (money ? SHOU_CONFIRM_SAFE : 0));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  data->target = *target;
  data->target.request_id = g_strdup (target->request_id);
  data->target.request = target->request != NULL ? json_object_ref (target->request) : NULL;
  data->action = action;
  g_object_set_data_full (G_OBJECT (dialog), "shou-dialog-data", data, dialog_data_free);
  *out_data = data;

  return dialog;
}

static GtkWidget *
error_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);

  return label;
}

static void
show_error (DialogData *data,
            const char *message)
{
  gtk_label_set_text (GTK_LABEL (data->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (data->error_label, message != NULL);
}

/* Agree refund */

static gboolean
parse_refund (DialogData *data,
              gint64     *out_fen,
              char      **out_message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (data->entry));
  g_autoptr(GError) error = NULL;

  /* 1 fen to the requested amount, as the server checks it (0 and -0 are
   * no "default"). */
  if (!shou_money_parse (text, out_fen, &error) ||
      !shou_validate_amount (*out_fen, data->max_fen, &error))
    {
      *out_message = g_strdup (error->message);
      return FALSE;
    }

  return TRUE;
}

static void
on_refund_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autofree char *message = NULL;
  gint64 fen = 0;
  gboolean ok = parse_refund (data, &fen, &message);
  g_autofree char *code = data->code_entry ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->code_entry))))
                                           : NULL;

  show_error (data, message);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK, ok && (code == NULL || *code != '\0'));
}

static void
on_refund_response_cb (AdwMessageDialog *dialog,
                       const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *message = NULL;
  gint64 fen = 0;

  if (!g_str_equal (response, SHOU_RESPONSE_OK) || !parse_refund (data, &fen, &message))
    return;

  json_object_set_int_member (params, "amount_fen", fen);
  if (data->code_entry != NULL)
    {
      g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->code_entry))));

      if (*code == '\0')
        return;
      json_object_set_string_member (params, "verification_code", code);
    }
  queue (data, SHOU_ACTION_AGREE_REFUND, params);
}

static AdwMessageDialog *
agree_refund_dialog_new (const ShouActionTarget *target)
{
  JsonObject *request = target->request;
  AdwMessageDialog *dialog;
  DialogData *data;
  g_autofree char *body = NULL;
  g_autofree char *plain = NULL;
  GtkWidget *box;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  /* Translators: %s is the buyer's nickname */
  body = g_strdup_printf (_("The money goes back to %s at once and cannot be taken back."),
                          buyer_nick (target));
  dialog = dialog_new (target, SHOU_ACTION_AGREE_REFUND, _("Agree to Refund?"), body,
                       _("_Refund"), FALSE, TRUE, &data);
  data->max_fen = json_object_get_int_member_with_default (request, "amount_fen", 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  data->entry = gtk_entry_new ();
  gtk_widget_set_name (data->entry, "amount-entry");
  plain = shou_money_format_plain (data->max_fen);
  gtk_editable_set_text (GTK_EDITABLE (data->entry), plain);
  gtk_entry_set_input_purpose (GTK_ENTRY (data->entry), GTK_INPUT_PURPOSE_NUMBER);
  /* Enter must not send money: the default response is Cancel. */
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("Amount in yuan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refund amount in yuan"),
                                  -1);
  gtk_box_append (GTK_BOX (box), data->entry);
  data->error_label = error_label_new ();
  gtk_box_append (GTK_BOX (box), data->error_label);
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect_object (data->entry, "changed", G_CALLBACK (on_refund_entry_changed_cb),
                           dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_refund_response_cb), NULL);

  return dialog;
}

/* Agree refund again, with the verification code the platform sent to
 * the shop's phone (a large refund on Taobao): the refused attempt is
 * dropped and this one goes as a new action, with a new key. */
static AdwMessageDialog *
agree_refund_code_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog = agree_refund_dialog_new (target);
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  adw_message_dialog_set_heading (dialog, _("Enter the Verification Code"));
  adw_message_dialog_set_body (dialog, _("The platform sent a verification code to the shop’s phone. Enter it to agree to the refund."));
  data->code_entry = gtk_entry_new ();
  gtk_widget_set_name (data->code_entry, "verification-code-entry");
  gtk_entry_set_input_purpose (GTK_ENTRY (data->code_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_activates_default (GTK_ENTRY (data->code_entry), FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->code_entry), _("Verification code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->code_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Verification code"), -1);
  gtk_box_prepend (GTK_BOX (box), data->code_entry);
  g_signal_connect_object (data->code_entry, "changed", G_CALLBACK (on_refund_entry_changed_cb), dialog, 0);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK, FALSE);
  gtk_widget_grab_focus (data->code_entry);
  return dialog;
}

/* Agree return */

static void
on_return_response_cb (AdwMessageDialog *dialog,
                       const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  const char *address_id;
  const char *message;

  if (!g_str_equal (response, SHOU_RESPONSE_OK))
    return;

  address_id = shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (data->picker));
  message = gtk_editable_get_text (GTK_EDITABLE (data->entry));
  json_object_set_string_member (params, "address_id", address_id != NULL ? address_id : "");
  if (message != NULL && *message != '\0')
    json_object_set_string_member (params, "message", message);
  queue (data, SHOU_ACTION_AGREE_RETURN, params);
}

static AdwMessageDialog *
agree_return_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;
  GtkWidget *box;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (target->request != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_AGREE_RETURN, _("Agree to the Return?"),
                       _("The buyer sends the goods to the address you choose. Check it: goods sent to a wrong address are the seller’s loss."),
                       _("_Agree Return"), FALSE, FALSE, &data);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  data->picker = shou_address_picker_new (target->store,
                                          request_string (target, "shop_key"));
  gtk_box_append (GTK_BOX (box), data->picker);
  data->entry = gtk_entry_new ();
  gtk_widget_set_name (data->entry, "message-entry");
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("Message to the buyer (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message to the buyer"),
                                  -1);
  gtk_box_append (GTK_BOX (box), data->entry);
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (dialog, "response", G_CALLBACK (on_return_response_cb), NULL);

  return dialog;
}

/* Confirm receipt */

/* The latest tracking event of the return, when the parcel has not been
 * signed for yet (运输中): NULL when it was delivered or nothing was shipped.
 * A shipment with no events yet is in transit with an empty text. */
static char *
return_in_transit (JsonObject *request)
{
  JsonNode *node = request != NULL ? json_object_get_member (request, "return_shipment") : NULL;
  JsonObject *shipment;
  JsonArray *events;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  shipment = json_node_get_object (node);
  node = json_object_get_member (shipment, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (events = json_node_get_array (node)) == 0)
    return g_strdup ("");

  text = json_object_get_string_member_with_default (json_array_get_object_element (events,
                                                                                    json_array_get_length (events) - 1),
                                                     "text", "");
  /* Couriers write the last event as 已签收 / 签收 (platform data, not UI). */
  if (strstr (text, "签收") != NULL || g_ascii_strncasecmp (text, "delivered", 9) == 0)
    return NULL;
  return g_strdup (text);
}

static void
on_confirm_again_response_cb (AdwMessageDialog *dialog,
                              const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();

  if (g_str_equal (response, SHOU_RESPONSE_OK))
    queue (data, SHOU_ACTION_CONFIRM_RECEIPT, params);
}

/* Asked after the first confirmation while the tracking still shows the
 * parcel on its way: confirming starts the refund for goods not yet seen. */
static AdwMessageDialog *
confirm_in_transit_dialog_new (const ShouActionTarget *target,
                               const char             *last_event)
{
  AdwMessageDialog *dialog;
  DialogData *data;
  g_autofree char *body = NULL;

  if (last_event != NULL && *last_event != '\0')
    /* Translators: %s is the courier's last tracking event, e.g. 【运输中】快件已到达 上海 */
    body = g_strdup_printf (_("The return tracking still shows the parcel in transit: “%s”. If you confirm now, the refund goes to the buyer before you have checked the goods, and it cannot be taken back."),
                            last_event);
  else
    body = g_strdup (_("The return tracking shows no delivery yet. If you confirm now, the refund goes to the buyer before you have checked the goods, and it cannot be taken back."));
  dialog = dialog_new (target, SHOU_ACTION_CONFIRM_RECEIPT, _("The Return Is Still in Transit"), body,
                       _("Confirm _Anyway"), TRUE, TRUE, &data);
  gtk_widget_set_name (GTK_WIDGET (dialog), "confirm-in-transit-dialog");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_again_response_cb), NULL);

  return dialog;
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *last_event = NULL;

  if (!g_str_equal (response, SHOU_RESPONSE_OK))
    return;

  /* The request as it is now: the tracking may have moved on meanwhile. */
  request = shou_store_get_request (data->target.store, data->target.request_id, NULL);
  last_event = return_in_transit (request != NULL ? request : data->target.request);
  if (last_event != NULL)
    {
      data->target.present (data->target.user_data,
                            GTK_WINDOW (confirm_in_transit_dialog_new (&data->target, last_event)));
      return;
    }
  queue (data, SHOU_ACTION_CONFIRM_RECEIPT, params);
}

static AdwMessageDialog *
confirm_receipt_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_CONFIRM_RECEIPT, _("Confirm You Received the Return?"),
                       _("Confirm only after you have checked the goods. The refund to the buyer follows."),
                       _("Confirm _Receipt"), FALSE, TRUE, &data);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), NULL);

  return dialog;
}

/* Refuse receipt */

static void
on_refuse_reason_changed_cb (GtkEditable      *entry,
                             AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK, *g_strstrip (text) != '\0');
}

static void
on_refuse_response_cb (AdwMessageDialog *dialog,
                       const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  g_auto(GStrv) evidence = NULL;
  JsonArray *array = json_array_new ();

  if (!g_str_equal (response, SHOU_RESPONSE_OK))
    {
      json_array_unref (array);
      return;
    }

  evidence = shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (data->picker));
  for (guint i = 0; evidence != NULL && evidence[i] != NULL; i++)
    json_array_add_string_element (array, evidence[i]);
  json_object_set_string_member (params, "reason", gtk_editable_get_text (GTK_EDITABLE (data->entry)));
  json_object_set_array_member (params, "evidence", array);
  queue (data, SHOU_ACTION_REFUSE_RECEIPT, params);
}

/* The platform's warnings before a rejection (002 一.2: 商品已寄回, 物流断更),
 * from the request's risks codes, worded here; nothing when there are none. */
static GtkWidget *
platform_risks_new (JsonObject *request,
                    gint64      now)
{
  static const ShouRisk shown[] = { SHOU_RISK_GOODS_RETURNED, SHOU_RISK_LOGISTICS_STALLED };
  const ShouProfile *profile = request != NULL ? shou_detail_request_profile (request) : NULL;
  GtkWidget *list;
  guint risks;

  if (profile == NULL)
    return NULL;
  risks = shou_nego_check_risks (request, profile, now > 0 ? now : g_get_real_time ());
  if ((risks & ((1u << SHOU_RISK_GOODS_RETURNED) | (1u << SHOU_RISK_LOGISTICS_STALLED))) == 0)
    return NULL;
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "platform-risks");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      GtkWidget *row;

      if ((risks & (1u << shown[i])) == 0)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shou_risk_get_title (shown[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shou_risk_get_explanation (shown[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, "warning");
      gtk_widget_set_name (row, shou_risk_to_string (shown[i]));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static AdwMessageDialog *
refuse_receipt_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;
  GtkWidget *box;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_REFUSE_RECEIPT, _("Refuse the Returned Goods?"),
                       _("Say what is wrong and attach photos of the parcel and goods: the platform decides on this evidence."),
                       _("_Refuse Receipt"), TRUE, FALSE, &data);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  {
    GtkWidget *risks = platform_risks_new (target->request, target->now);

    if (risks != NULL)
      gtk_box_append (GTK_BOX (box), risks);
  }
  data->entry = gtk_entry_new ();
  gtk_widget_set_name (data->entry, "reason-entry");
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("What is wrong with the returned goods"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for refusing"),
                                  -1);
  gtk_box_append (GTK_BOX (box), data->entry);
  data->picker = shou_evidence_picker_new (target->store,
                                           target->request_id);
  gtk_box_append (GTK_BOX (box), data->picker);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK, FALSE);

  g_signal_connect_object (data->entry, "changed", G_CALLBACK (on_refuse_reason_changed_cb),
                           dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_refuse_response_cb), NULL);

  return dialog;
}

/* Reply */

static void
on_reply_buffer_changed_cb (GtkTextBuffer    *buffer,
                            AdwMessageDialog *dialog)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_text_buffer_remove_tag_by_name (buffer, "sensitive", &start, &end);

  matches = shou_sensitive_scan (text);
  for (guint i = 0; i < matches->len; i++)
    {
      ShouSensitiveMatch *match = &g_array_index (matches, ShouSensitiveMatch, i);
      GtkTextIter match_start;
      GtkTextIter match_end;

      gtk_text_buffer_get_iter_at_offset (buffer, &match_start,
                                          (int) g_utf8_pointer_to_offset (text, text + match->start));
      gtk_text_buffer_get_iter_at_offset (buffer, &match_end,
                                          (int) g_utf8_pointer_to_offset (text, text + match->end));
      gtk_text_buffer_apply_tag_by_name (buffer, "sensitive", &match_start, &match_end);
      if (words->len > 0)
        g_string_append (words, _(", "));
      g_string_append (words, match->word);
    }

  if (words->len > 0)
    {
      /* Translators: %s lists forbidden words, e.g. "微信, 支付宝" */
      g_autofree char *message = g_strdup_printf (_("Remove %s: platforms penalise sellers who send buyers to other apps or payment channels."),
                                                  words->str);
      show_error (data, message);
    }
  else
    show_error (data, NULL);

  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK,
                                           words->len == 0 && *g_strstrip (text) != '\0');
}

static void
on_reply_response_cb (AdwMessageDialog *dialog,
                      const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (data->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  if (!g_str_equal (response, SHOU_RESPONSE_OK))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  json_object_set_string_member (params, "text", g_strstrip (text));
  queue (data, SHOU_ACTION_MESSAGE, params);
}

/* "When does my refund arrive": the answer for the channel the buyer paid
 * with goes in at the cursor (003's arrival times, from the profile). */
static void
on_arrival_clicked_cb (GtkButton *button,
                       GtkTextView *text_view)
{
  const ShouProfile *profile = g_object_get_data (G_OBJECT (button), "shou-profile");
  ShouPayChannel channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "shou-channel"));
  g_autofree char *text = shou_refund_arrival_reply (profile, channel);

  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (text_view), text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

static GtkWidget *
arrival_buttons_new (const ShouActionTarget *target,
                     GtkTextView            *text_view)
{
  const char *labels[SHOU_N_PAY_CHANNELS] = { _("Balance"), _("Bank card"), _("Credit card") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (_("Refund arrival:"));
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  const ShouProfile *profile;

  shou_platform_from_string (request_string (target, "platform"), &platform);
  profile = shou_profiles_get_default () != NULL ? shou_profiles_get (shou_profiles_get_default (), platform) : NULL;
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  for (guint i = 0; i < SHOU_N_PAY_CHANNELS; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (labels[i]);
      g_autofree char *tip = NULL;

      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a payment channel (余额, 银行卡, 信用卡) */
      tip = g_strdup_printf (_("Insert when a refund to the %s arrives"), labels[i]);
      gtk_widget_set_tooltip_text (button, tip);
      g_object_set_data (G_OBJECT (button), "shou-profile", (gpointer) profile);
      g_object_set_data (G_OBJECT (button), "shou-channel", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_arrival_clicked_cb), text_view, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

/* A refunded request: the script library's replies for it (flow "message",
 * situation "refunded"; data/scripts/meson.build), each a button that puts
 * its text in at the cursor. A refund-arrival reply is said with the
 * profile's arrival times (core), not the file's copy of 003's. %NULL when
 * the library has none for the request. */
static void
on_script_clicked_cb (GtkButton   *button,
                      GtkTextView *text_view)
{
  const ShouProfile *profile = g_object_get_data (G_OBJECT (button), "shou-profile");
  const char *channel = g_object_get_data (G_OBJECT (button), "shou-arrival-channel");
  const char *text = g_object_get_data (G_OBJECT (button), "shou-script-text");
  static const char *const channels[SHOU_N_PAY_CHANNELS] = { "balance", "bank_card", "credit_card" };
  g_autofree char *reply = NULL;

  for (guint i = 0; channel != NULL && i < SHOU_N_PAY_CHANNELS; i++)
    if (g_str_equal (channels[i], channel))
      reply = shou_refund_arrival_reply (profile, i);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (text_view), reply ? reply : text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

static GtkWidget *
refunded_scripts_new (const ShouActionTarget *target,
                      GtkTextView            *text_view)
{
  g_autoptr(GPtrArray) scripts = NULL;
  GtkWidget *box = NULL;
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  const ShouProfile *profile;

  if (target->store == NULL || !shou_platform_from_string (request_string (target, "platform"), &platform))
    return NULL;
  profile = shou_profiles_get_default () != NULL ? shou_profiles_get (shou_profiles_get_default (), platform) : NULL;
  scripts = shou_store_list_scripts (target->store, platform, NULL);
  for (guint i = 0; i < scripts->len; i++)
    {
      JsonObject *script = g_ptr_array_index (scripts, i);
      GtkWidget *button;

      if (g_strcmp0 (json_object_get_string_member_with_default (script, "flow", NULL), "message") != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (script, "situation", NULL), "refunded") != 0)
        continue;
      if (box == NULL)
        {
          GtkWidget *label = gtk_label_new (_("Replies:"));

          box = gtk_flow_box_new ();
          gtk_widget_set_name (box, "refunded-scripts");
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_flow_box_append (GTK_FLOW_BOX (box), label);
        }
      /* The title is the library's (a seller's own script may say anything): plain text. */
      button = gtk_button_new_with_label (json_object_get_string_member_with_default (script, "title", ""));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, json_object_get_string_member_with_default (script, "text", ""));
      g_object_set_data (G_OBJECT (button), "shou-profile", (gpointer) profile);
      g_object_set_data_full (G_OBJECT (button), "shou-arrival-channel",
                              g_strdup (json_object_get_string_member_with_default (script, "arrival_channel", NULL)),
                              g_free);
      g_object_set_data_full (G_OBJECT (button), "shou-script-text",
                              g_strdup (json_object_get_string_member_with_default (script, "text", "")), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_script_clicked_cb), text_view, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
    }
  return box;
}

static gboolean
is_refunded (const ShouActionTarget *target)
{
  ShouRequestStatus status;
  ShouRequestType type;

  return shou_status_from_string (request_string (target, "status"), &status) &&
         status == SHOU_STATUS_SUCCESS &&
         shou_request_type_from_string (request_string (target, "type"), &type) &&
         (type == SHOU_REQUEST_REFUND_ONLY || type == SHOU_REQUEST_RETURN_REFUND);
}

static AdwMessageDialog *
reply_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;
  GtkWidget *box;
  GtkWidget *scroller;
  GtkTextBuffer *buffer;
  g_autofree char *body = NULL;

  g_return_val_if_fail (target != NULL, NULL);

  /* Translators: %s is the buyer's nickname */
  body = g_strdup_printf (_("Your message goes to %s through the platform’s chat."),
                          buyer_nick (target));
  dialog = dialog_new (target, SHOU_ACTION_MESSAGE, _("Reply to the Buyer"), body,
                       _("_Send"), FALSE, FALSE, &data);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  data->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (data->text_view), "reply-text");
  gtk_text_view_set_wrap_mode (data->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (data->text_view, 6);
  gtk_text_view_set_bottom_margin (data->text_view, 6);
  gtk_text_view_set_left_margin (data->text_view, 6);
  gtk_text_view_set_right_margin (data->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message to the buyer"),
                                  -1);
  buffer = gtk_text_view_get_buffer (data->text_view);
  gtk_text_buffer_create_tag (buffer, "sensitive",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "foreground", "#c01c28",
                              NULL);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (data->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 96);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), scroller);
  {
    /* 常用语 first, then the refund-arrival answers (on a refunded request,
     * the library's replies about it): both go in at the cursor. */
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *scripts = is_refunded (target) ? refunded_scripts_new (target, data->text_view) : NULL;

    gtk_box_append (GTK_BOX (line), shou_phrase_button_new (target->store, request_string (target, "shop_key"),
                                                            data->text_view));
    if (scripts == NULL)
      gtk_box_append (GTK_BOX (line), arrival_buttons_new (target, data->text_view));
    gtk_box_append (GTK_BOX (box), line);
    if (scripts != NULL)
      gtk_box_append (GTK_BOX (box), scripts);
  }
  data->error_label = error_label_new ();
  gtk_box_append (GTK_BOX (box), data->error_label);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK, FALSE);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_reply_buffer_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reply_response_cb), NULL);

  return dialog;
}

/* Upload refund proof (cash on delivery) */

static void
on_proof_count_notify_cb (ShouEvidencePicker *picker,
                          GParamSpec         *pspec,
                          AdwMessageDialog   *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK,
                                           shou_evidence_picker_get_count (picker) > 0);
}

static void
on_proof_response_cb (AdwMessageDialog *dialog,
                      const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();
  g_auto(GStrv) evidence = NULL;
  JsonArray *array;

  if (!g_str_equal (response, SHOU_RESPONSE_OK))
    return;

  evidence = shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (data->picker));
  if (evidence == NULL || evidence[0] == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; evidence[i] != NULL; i++)
    json_array_add_string_element (array, evidence[i]);
  json_object_set_array_member (params, "evidence", array);
  queue (data, data->action, params);
}

static AdwMessageDialog *
refund_proof_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;
  g_autofree char *body = NULL;

  g_return_val_if_fail (target != NULL, NULL);

  /* Translators: %s is the buyer's nickname */
  body = g_strdup_printf (_("Cash on delivery: refund %s yourself, then attach a screenshot of the transfer. Without proof before the deadline the platform compensates the buyer and penalises the shop."),
                          buyer_nick (target));
  dialog = dialog_new (target, SHOU_ACTION_UPLOAD_REFUND_PROOF, _("Upload Refund Proof"), body,
                       _("_Upload Proof"), FALSE, FALSE, &data);

  data->picker = shou_evidence_picker_new (target->store,
                                           target->request_id);
  shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (data->picker), SHOU_EVIDENCE_REFUND_PROOF);
  adw_message_dialog_set_extra_child (dialog, data->picker);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK,
                                           shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (data->picker)) > 0);

  g_signal_connect_object (data->picker, "notify::count", G_CALLBACK (on_proof_count_notify_cb),
                           dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_proof_response_cb), NULL);

  return dialog;
}

/* The order's parcel: intercept it, or wait for it to come back (issue 25) */

static void
on_parcel_response_cb (AdwMessageDialog *dialog,
                       const char       *response)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "shou-dialog-data");
  g_autoptr(JsonObject) params = json_object_new ();

  if (g_str_equal (response, SHOU_RESPONSE_OK))
    queue (data, data->action, params);
}

static AdwMessageDialog *
intercept_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_INTERCEPT, _("Intercept the Parcel?"),
                       _("The courier stops the parcel on its way and sends it back to you. Agree to the refund once it is back. "
                         "An intercept fails if the buyer has already signed for the parcel."),
                       _("_Intercept"), FALSE, FALSE, &data);
  g_signal_connect (dialog, "response", G_CALLBACK (on_parcel_response_cb), NULL);
  return dialog;
}

static AdwMessageDialog *
await_return_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_AWAIT_RETURN, _("Wait for the Parcel to Come Back?"),
                       _("Ask the buyer to refuse the delivery; the courier sends the parcel back. "
                         "Agree to the refund once it has arrived."),
                       _("_Wait for Parcel"), FALSE, FALSE, &data);
  g_signal_connect (dialog, "response", G_CALLBACK (on_parcel_response_cb), NULL);
  return dialog;
}

/* Express refund: the goods never came back */

static AdwMessageDialog *
appeal_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  DialogData *data;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = dialog_new (target, SHOU_ACTION_APPEAL, _("Appeal the Express Refund"),
                       _("The platform paid the buyer before the goods came back, and they have not come back. "
                         "Attach the tracking evidence (the return's tracking page, the courier's certificate); the platform decides."),
                       _("_Send Appeal"), FALSE, FALSE, &data);
  data->picker = shou_evidence_picker_new (target->store, target->request_id);
  shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (data->picker), SHOU_EVIDENCE_COURIER_CERTIFICATE);
  adw_message_dialog_set_extra_child (dialog, data->picker);
  adw_message_dialog_set_response_enabled (dialog, SHOU_RESPONSE_OK,
                                           shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (data->picker)) > 0);
  g_signal_connect_object (data->picker, "notify::count", G_CALLBACK (on_proof_count_notify_cb),
                           dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_proof_response_cb), NULL);
  return dialog;
}

/* Evidence for the platform's ticket (intervention) */

static AdwMessageDialog *
add_evidence_dialog_new (const ShouActionTarget *target)
{
  AdwMessageDialog *dialog;
  GtkWidget *picker;

  g_return_val_if_fail (target != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (target->parent,
                                                       _("Evidence for the Platform"),
                                                       _("The platform is handling this request and decides on the evidence both sides give. Each file is sent as soon as it is added; photos of the goods and the parcel, chat screenshots and courier certificates help.")));
  /* Files are queued as they are added: nothing waits for the button. */
  adw_message_dialog_add_response (dialog, SHOU_RESPONSE_OK, _("_Done"));
  adw_message_dialog_set_default_response (dialog, SHOU_RESPONSE_OK);
  adw_message_dialog_set_close_response (dialog, SHOU_RESPONSE_OK);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  picker = shou_evidence_picker_new (target->store,
                                     target->request_id);
  adw_message_dialog_set_extra_child (dialog, picker);

  return dialog;
}

AdwMessageDialog *
shou_action_dialog_new (const char             *name,
                        const ShouActionTarget *target)
{
  static const struct
  {
    const char *name;
    AdwMessageDialog *(*dialog_new) (const ShouActionTarget *target);
  } dialogs[] = {
    { "agree-refund", agree_refund_dialog_new },
    { "agree-refund-code", agree_refund_code_dialog_new },
    { "agree-return", agree_return_dialog_new },
    { "confirm-receipt", confirm_receipt_dialog_new },
    { "refuse-receipt", refuse_receipt_dialog_new },
    { "reply", reply_dialog_new },
    { "upload-refund-proof", refund_proof_dialog_new },
    { "add-evidence", add_evidence_dialog_new },
    { "intercept", intercept_dialog_new },
    { "await-return", await_return_dialog_new },
    { "appeal", appeal_dialog_new },
  };

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (target != NULL && target->request != NULL, NULL);
  g_return_val_if_fail (target->queue != NULL && target->present != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    if (g_str_equal (dialogs[i].name, name))
      return dialogs[i].dialog_new (target);

  g_return_val_if_reached (NULL);
}
