/* shou-review-dialogs.c: register a review, offer a remedy, reply. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-care-dialog-private.h"
#include "shou-review-dialogs.h"

const char *
shou_review_reason_label (const char *reason)
{
  static const struct { const char *code; const char *label; } labels[] = {
    { "none", N_("No reason given") },
    { "quality", N_("Quality") },
    { "not_as_described", N_("Not as described") },
    { "size", N_("Size") },
    { "logistics", N_("Delivery") },
    { "service", N_("Service") },
    { "price", N_("Price") },
    { "packaging", N_("Packaging") },
    { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (reason, labels[i].code) == 0)
      return _(labels[i].label);
  return _("Other");
}

const char *
shou_remedy_label (const char *remedy)
{
  static const struct { const char *code; const char *label; } labels[] = {
    { "gift", N_("Gift") },
    { "first_weight_postage", N_("First-weight postage") },
    { "price_difference", N_("Price difference refund") },
    { "replacement", N_("Replacement") },
    { "partial_refund", N_("Partial refund") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (remedy, labels[i].code) == 0)
      return _(labels[i].label);
  return _("Other");
}

/* -- register -- */

static const char *const reason_codes[] = {
  "quality", "not_as_described", "size", "logistics", "service", "price", "packaging", "other", "none",
};

static void
register_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "rating", adw_combo_row_get_selected (d->rating) == 0 ? "bad" : "neutral");
  json_object_set_string_member (fields, "reason_code",
                                 reason_codes[MIN (adw_combo_row_get_selected (d->reason),
                                                   G_N_ELEMENTS (reason_codes) - 1)]);
  shou_care_dialog_submit (d, fields, shou_store_register_review);
}

void
shou_review_dialog_register (GtkWidget *parent,
                             ShouStore *store)
{
  const char *ratings[] = { _("Bad"), _("Neutral"), NULL };
  const char *reasons[G_N_ELEMENTS (reason_codes) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (reason_codes); i++)
    reasons[i] = shou_review_reason_label (reason_codes[i]);
  d = shou_care_dialog_new (parent, store, _("Register a Review"), _("_Register"), G_CALLBACK (register_ok_cb), &content);
  list = shou_care_group (content);
  shou_care_dialog_shops (d, GTK_LIST_BOX (list));
  d->nick = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->nick), _("Buyer's nickname"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->nick));
  d->rating = shou_care_combo (_("Rating"), ratings);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->rating));
  d->reason = shou_care_combo (_("Reason"), reasons);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->reason));
  d->text = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->text), _("What the buyer wrote"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->text));
  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->nick));
}

/* -- remedy -- */

#define SETTINGS_ID "io.github.shouhou.Shouhou"
#define CAP_KEY     "review-price-difference-cap"

gint64
shou_review_price_difference_cap_fen (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, SETTINGS_ID, TRUE)
                                                     : NULL;
  g_autoptr(GSettings) settings = NULL;

  /* An uninstalled run has no schema: the contract's cap. */
  if (schema == NULL || !g_settings_schema_has_key (schema, CAP_KEY))
    return SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN;
  settings = g_settings_new (SETTINGS_ID);
  return MIN ((gint64) g_settings_get_uint (settings, CAP_KEY), SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN);
}

/* The shop's cap in words: "A price difference refund is at most ¥3.00…". */
static char *
cap_sentence (gint64 cap_fen)
{
  g_autofree char *cap = shou_money_format (cap_fen);

  /* Translators: %s is the shop's cap ("¥5.00"), set in Preferences */
  return g_strdup_printf (_("A price difference refund is at most %s, or more for a buyer who has left six or more "
                            "bad reviews."), cap);
}

static const char *const remedy_codes[] = {
  "price_difference", "gift", "first_weight_postage", "replacement", "partial_refund",
};

static void
remedy_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) review = shou_store_get_review (d->store, d->key);
  g_autoptr(GError) error = NULL;
  guint i = MIN (adw_combo_row_get_selected (d->remedy), G_N_ELEMENTS (remedy_codes) - 1);
  gint64 fen = shou_care_amount_fen (d);
  gint64 cap = shou_review_price_difference_cap_fen ();
  ShouRemedyKind kind = SHOU_REMEDY_GIFT;
  ShouReviewState state = { 0 };

  if (review != NULL)
    state = shou_review_state_from_json (review);
  /* The shop's own cap (Preferences), before the contract's. */
  if (shou_remedy_from_string (remedy_codes[i], &kind) &&
      g_strcmp0 (shou_review_check_remedy (kind, fen, cap, state.buyer_bad_reviews, 0), "over_remedy_cap") == 0)
    {
      g_autofree char *amount = shou_money_format (fen);
      g_autofree char *limit = shou_money_format (cap);
      /* Translators: the amount typed ("¥4.00") and the shop's cap ("¥3.00") */
      g_autofree char *sentence = g_strdup_printf (_("%s is more than this shop’s price difference refund cap of %s "
                                                     "(set in Preferences)"), amount, limit);
      g_autoptr(GError) over = g_error_new_literal (SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, sentence);

      shou_care_dialog_error (d, over);
      return;
    }
  json_object_set_string_member (params, "kind", remedy_codes[i]);
  if (fen > 0)
    json_object_set_int_member (params, "amount_fen", fen);
  if (!shou_store_enqueue_review_action (d->store, d->key, SHOU_REVIEW_ACTION_OFFER_REMEDY, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

GtkWindow *
shou_review_dialog_remedy (GtkWidget  *parent,
                           ShouStore  *store,
                           const char *key)
{
  const char *kinds[G_N_ELEMENTS (remedy_codes) + 1] = { NULL };
  g_autofree char *sentence = cap_sentence (shou_review_price_difference_cap_fen ());
  GtkBox *content;
  GtkWidget *list, *row, *hint;
  ShouCareDialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (remedy_codes); i++)
    kinds[i] = shou_remedy_label (remedy_codes[i]);
  d = shou_care_dialog_new (parent, store, _("Offer a Remedy"), _("_Offer"), G_CALLBACK (remedy_ok_cb), &content);
  d->key = g_strdup (key);
  list = shou_care_group (content);
  d->remedy = shou_care_combo (_("Remedy"), kinds);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->remedy));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Amount (yuan)"));
  d->amount = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0.0, 100000.0, 0.5));
  gtk_spin_button_set_digits (d->amount, 2);
  gtk_spin_button_set_value (d->amount, 5.0);
  gtk_widget_set_valign (GTK_WIDGET (d->amount), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->amount), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Amount (yuan)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (d->amount));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  hint = gtk_label_new (sentence);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (content, hint);
  gtk_window_present (d->window);
  return d->window;
}

/* -- reply -- */

static const char *const reply_scripts[] = {
  N_("Dear customer, we are sorry the goods did not meet your expectations. We have contacted you and will make it right; our service is always here for you."),
  N_("Thank you for your feedback. We checked the parcel with the courier and have improved our packaging so that it does not happen again."),
};

static void
reply_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->reply);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  json_object_set_string_member (params, "text", text);
  if (!shou_store_enqueue_review_action (d->store, d->key, SHOU_REVIEW_ACTION_REPLY, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

static void
on_script_clicked_cb (GtkButton *button,
                      ShouCareDialog *d)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (d->reply),
                            g_object_get_data (G_OBJECT (button), "shou-script"), -1);
}

void
shou_review_dialog_reply (GtkWidget  *parent,
                          ShouStore  *store,
                          const char *key)
{
  GtkBox *content;
  GtkWidget *frame, *scripts, *label;
  ShouCareDialog *d;

  d = shou_care_dialog_new (parent, store, _("Public Reply"), _("_Post"), G_CALLBACK (reply_ok_cb), &content);
  d->key = g_strdup (key);
  label = gtk_label_new (_("Everyone who reads the review sees this reply. Scripts:"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_box_append (content, label);
  scripts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (reply_scripts); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(reply_scripts[i]));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
      g_object_set_data (G_OBJECT (button), "shou-script", (gpointer) _(reply_scripts[i]));
      g_signal_connect (button, "clicked", G_CALLBACK (on_script_clicked_cb), d);
      gtk_box_append (GTK_BOX (scripts), button);
    }
  gtk_box_append (content, scripts);
  d->reply = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (d->reply, GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (GTK_WIDGET (d->reply), -1, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->reply), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reply"), -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (d->reply));
  gtk_box_append (content, frame);
  gtk_window_present (d->window);
}
