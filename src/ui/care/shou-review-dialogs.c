/* shou-review-dialogs.c: register a review, offer a remedy, reply. */
#include "config.h"

#include <glib/gi18n.h>

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

typedef struct
{
  GtkWindow   *window;
  ShouStore   *store;
  char        *key;
  GtkLabel    *error;
  /* register */
  AdwComboRow *shop;
  AdwEntryRow *nick;
  AdwComboRow *rating;
  AdwComboRow *reason;
  AdwEntryRow *text;
  GPtrArray   *shop_keys;
  /* remedy */
  AdwComboRow *remedy;
  GtkSpinButton *amount;
  /* reply */
  GtkTextView *reply;
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_object (&d->store);
  g_free (d->key);
  g_clear_pointer (&d->shop_keys, g_ptr_array_unref);
  g_free (d);
}

static void
show_error (Dialog       *d,
            const GError *error)
{
  gtk_label_set_text (d->error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (d->error), TRUE);
}

/* A modal window with @title, its content box and Cancel/@ok buttons. */
static Dialog *
dialog_new (GtkWidget   *parent,
            ShouStore   *store,
            const char  *title,
            const char  *ok,
            GCallback    ok_cb,
            GtkBox     **out_content)
{
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *root = gtk_widget_get_ancestor (parent, GTK_TYPE_WINDOW);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *done = gtk_button_new_with_mnemonic (ok);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  d->store = g_object_ref (store);
  d->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (d->window, title);
  gtk_window_set_modal (d->window, TRUE);
  gtk_window_set_default_size (d->window, 460, -1);
  if (root != NULL)
    gtk_window_set_transient_for (d->window, GTK_WINDOW (root));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (done, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_window_set_titlebar (d->window, header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->window);
  g_signal_connect_swapped (done, "clicked", ok_cb, d);
  g_object_set_data_full (G_OBJECT (d->window), "shou-dialog", d, dialog_free);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), content);
  d->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->error, TRUE);
  gtk_label_set_xalign (d->error, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (d->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (d->error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->error));
  gtk_window_set_child (d->window, box);
  *out_content = GTK_BOX (content);
  return d;
}

static AdwComboRow *
combo (const char        *title,
       const char *const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GtkStringList *list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_object_unref (list);
  return row;
}

static GtkWidget *
group (GtkBox *content)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (content, list);
  return list;
}

/* -- register -- */

static const char *const reason_codes[] = {
  "quality", "not_as_described", "size", "logistics", "service", "price", "packaging", "other", "none",
};

static void
register_ok_cb (Dialog *d)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint shop = adw_combo_row_get_selected (d->shop);

  if (shop >= d->shop_keys->len)
    return;
  json_object_set_string_member (fields, "buyer_nick", gtk_editable_get_text (GTK_EDITABLE (d->nick)));
  json_object_set_string_member (fields, "rating", adw_combo_row_get_selected (d->rating) == 0 ? "bad" : "neutral");
  json_object_set_string_member (fields, "reason_code",
                                 reason_codes[MIN (adw_combo_row_get_selected (d->reason),
                                                   G_N_ELEMENTS (reason_codes) - 1)]);
  json_object_set_string_member (fields, "text", gtk_editable_get_text (GTK_EDITABLE (d->text)));
  key = shou_store_register_review (d->store, d->shop_keys->pdata[shop], fields, &error);
  if (key == NULL)
    {
      show_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_review_dialog_register (GtkWidget *parent,
                             ShouStore *store)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *ratings[] = { _("Bad"), _("Neutral"), NULL };
  const char *reasons[G_N_ELEMENTS (reason_codes) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list;
  Dialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (reason_codes); i++)
    reasons[i] = shou_review_reason_label (reason_codes[i]);
  d = dialog_new (parent, store, _("Register a Review"), _("_Register"), G_CALLBACK (register_ok_cb), &content);
  d->shop_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];

      gtk_string_list_append (names, json_object_get_string_member_with_default (shop, "name", ""));
      g_ptr_array_add (d->shop_keys, g_strdup (json_object_get_string_member_with_default (shop, "key", "")));
    }
  list = group (content);
  d->shop = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->shop), _("Shop"));
  adw_combo_row_set_model (d->shop, G_LIST_MODEL (names));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->shop));
  d->nick = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->nick), _("Buyer's nickname"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->nick));
  d->rating = combo (_("Rating"), ratings);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->rating));
  d->reason = combo (_("Reason"), reasons);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->reason));
  d->text = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->text), _("What the buyer wrote"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->text));
  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->nick));
}

/* -- remedy -- */

static const char *const remedy_codes[] = {
  "price_difference", "gift", "first_weight_postage", "replacement", "partial_refund",
};

static void
remedy_ok_cb (Dialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint i = MIN (adw_combo_row_get_selected (d->remedy), G_N_ELEMENTS (remedy_codes) - 1);
  gint64 fen = (gint64) (gtk_spin_button_get_value (d->amount) * 100.0 + 0.5);

  json_object_set_string_member (params, "kind", remedy_codes[i]);
  if (fen > 0)
    json_object_set_int_member (params, "amount_fen", fen);
  if (!shou_store_enqueue_review_action (d->store, d->key, SHOU_REVIEW_ACTION_OFFER_REMEDY, params, &error))
    {
      show_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_review_dialog_remedy (GtkWidget  *parent,
                           ShouStore  *store,
                           const char *key)
{
  const char *kinds[G_N_ELEMENTS (remedy_codes) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list, *row, *hint;
  Dialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (remedy_codes); i++)
    kinds[i] = shou_remedy_label (remedy_codes[i]);
  d = dialog_new (parent, store, _("Offer a Remedy"), _("_Offer"), G_CALLBACK (remedy_ok_cb), &content);
  d->key = g_strdup (key);
  list = group (content);
  d->remedy = combo (_("Remedy"), kinds);
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
  hint = gtk_label_new (_("A price difference refund is at most ¥5, or more for a buyer who has left six or more bad reviews."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (content, hint);
  gtk_window_present (d->window);
}

/* -- reply -- */

static const char *const reply_scripts[] = {
  N_("Dear customer, we are sorry the goods did not meet your expectations. We have contacted you and will make it right; our service is always here for you."),
  N_("Thank you for your feedback. We checked the parcel with the courier and have improved our packaging so that it does not happen again."),
};

static void
reply_ok_cb (Dialog *d)
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
      show_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

static void
on_script_clicked_cb (GtkButton *button,
                      Dialog    *d)
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
  Dialog *d;

  d = dialog_new (parent, store, _("Public Reply"), _("_Post"), G_CALLBACK (reply_ok_cb), &content);
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
