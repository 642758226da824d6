/* shou-care-dialog.c: the care page's modal windows' scaffolding
 * (shou-care-dialog-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-care-dialog-private.h"

static void
dialog_free (gpointer data)
{
  ShouCareDialog *d = data;

  g_clear_object (&d->store);
  g_free (d->key);
  g_clear_pointer (&d->shop_keys, g_ptr_array_unref);
  g_free (d);
}

void
shou_care_dialog_error (ShouCareDialog *d,
                        const GError   *error)
{
  gtk_label_set_text (d->error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (d->error), TRUE);
}

ShouCareDialog *
shou_care_dialog_new (GtkWidget   *parent,
                      ShouStore   *store,
                      const char  *title,
                      const char  *ok,
                      GCallback    ok_cb,
                      GtkBox     **out_content)
{
  ShouCareDialog *d = g_new0 (ShouCareDialog, 1);
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

void
shou_care_dialog_shops (ShouCareDialog *d,
                        GtkListBox     *list)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (d->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  d->shop_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];

      gtk_string_list_append (names, json_object_get_string_member_with_default (shop, "name", ""));
      g_ptr_array_add (d->shop_keys, g_strdup (json_object_get_string_member_with_default (shop, "key", "")));
    }
  d->shop = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->shop), _("Shop"));
  adw_combo_row_set_model (d->shop, G_LIST_MODEL (names));
  gtk_list_box_append (list, GTK_WIDGET (d->shop));
}

AdwComboRow *
shou_care_combo (const char        *title,
                 const char *const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GtkStringList *list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_object_unref (list);
  return row;
}

GtkWidget *
shou_care_group (GtkBox *content)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (content, list);
  return list;
}

AdwEntryRow *
shou_care_entry (GtkWidget  *list,
                 const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_ENTRY_ROW (row);
}

void
shou_care_amount_row (ShouCareDialog *d,
                      GtkWidget      *list,
                      double          yuan)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Amount (yuan)"));
  d->amount = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0.0, 100000.0, 1.0));
  gtk_spin_button_set_digits (d->amount, 2);
  gtk_spin_button_set_value (d->amount, yuan);
  gtk_widget_set_valign (GTK_WIDGET (d->amount), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->amount), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Amount (yuan)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (d->amount));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

gint64
shou_care_amount_fen (ShouCareDialog *d)
{
  gtk_spin_button_update (d->amount);
  return (gint64) (gtk_spin_button_get_value (d->amount) * 100.0 + 0.5);
}

void
shou_care_dialog_submit (ShouCareDialog      *d,
                         JsonObject          *fields,
                         ShouCareRegisterFunc func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint shop = adw_combo_row_get_selected (d->shop);

  if (shop >= d->shop_keys->len)
    return;
  json_object_set_string_member (fields, "buyer_nick", gtk_editable_get_text (GTK_EDITABLE (d->nick)));
  json_object_set_string_member (fields, "text", gtk_editable_get_text (GTK_EDITABLE (d->text)));
  key = func (d->store, d->shop_keys->pdata[shop], fields, &error);
  if (key == NULL)
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}
