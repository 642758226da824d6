/* shou-address-book.c: the return address book of one shop.
 *
 * Edits go through the store, which queues them for the API; the list is
 * read back from the store so that it shows what will be synced.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/shou-ui-util.h"
#include "shou-address-book.h"
#include "shou-division-picker.h"

struct _ShouAddressBook
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkButton            *back_button;
  GtkButton            *add_button;
  AdwPreferencesGroup  *list_group;
  AdwPreferencesGroup  *form_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *phone_row;
  ShouDivisionPicker   *division_picker;
  AdwEntryRow          *street_row;
  AdwEntryRow          *postcode_row;
  GtkSwitch            *default_switch;
  GtkLabel             *form_error_label;
  GtkDropDown          *shop_dropdown;

  ShouStore            *store;
  char                 *shop_id;
  GPtrArray            *shop_keys;     /* the dropdown's shops, or NULL */
  GPtrArray            *addresses;     /* JsonObject */
  GPtrArray            *rows;          /* rows added to list_group */
  JsonObject           *editing;       /* the address being edited, or NULL */
  char                 *form_error;
  char                 *last_message;
  gulong                changed_id;
};

G_DEFINE_FINAL_TYPE (ShouAddressBook, shou_address_book, ADW_TYPE_WINDOW)

static const char *
get_str (JsonObject *object,
         const char *member)
{
  return json_object_get_string_member_with_default (object, member, "");
}

char *
shou_address_format (JsonObject *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  /* TRANSLATORS: name, phone, then province+city+district and street as
   * written in Chinese addresses */
  return g_strdup_printf (C_("address line", "%s %s · %s%s%s %s"),
                          get_str (address, "name"), get_str (address, "phone"),
                          get_str (address, "province"), get_str (address, "city"),
                          get_str (address, "district"), get_str (address, "street"));
}

static void
show_message (ShouAddressBook *self,
              const char      *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  shou_ui_toast (self->toast_overlay, message, SHOU_TOAST_TIMEOUT);
}

static JsonObject *
find_address (ShouAddressBook *self,
              const char      *id)
{
  for (guint i = 0; i < self->addresses->len; i++)
    {
      JsonObject *a = g_ptr_array_index (self->addresses, i);

      if (g_strcmp0 (get_str (a, "id"), id) == 0)
        return a;
    }
  return NULL;
}

static void
copy_member (JsonObject  *object,
             const char  *member,
             JsonNode    *node,
             gpointer     user_data)
{
  json_object_set_member (user_data, member, json_node_copy (node));
}

/* The server clears the old default when another becomes default; do the
 * same here so the book never shows two until the next sync. */
static void
clear_other_defaults (ShouAddressBook *self,
                      const char      *keep_id)
{
  g_autoptr(GPtrArray) addresses = shou_store_list_addresses (self->store, self->shop_id);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    {
      JsonObject *address = g_ptr_array_index (addresses, i);
      g_autoptr(JsonObject) copy = NULL;
      g_autofree char *id = NULL;

      if (g_strcmp0 (get_str (address, "id"), keep_id) == 0 ||
          !json_object_get_boolean_member_with_default (address, "is_default", FALSE))
        continue;
      copy = json_object_new ();
      json_object_foreach_member (address, copy_member, copy);
      json_object_set_boolean_member (copy, "is_default", FALSE);
      id = shou_store_save_address (self->store, self->shop_id, copy, NULL);
    }
}

static void
on_default_clicked_cb (GtkButton       *button,
                       ShouAddressBook *self)
{
  JsonObject *address = find_address (self, g_object_get_data (G_OBJECT (button), "address-id"));
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (address == NULL)
    return;
  copy = json_object_new ();
  json_object_foreach_member (address, copy_member, copy);
  json_object_set_boolean_member (copy, "is_default", TRUE);
  id = shou_store_save_address (self->store, self->shop_id, copy, &error);
  if (id == NULL)
    show_message (self, error->message);
  else
    {
      clear_other_defaults (self, id);
      show_message (self, _("Default return address changed"));
    }
  shou_address_book_reload (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ShouAddressBook  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "address-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!shou_store_delete_address (self->store, self->shop_id, id, &error))
    show_message (self, error->message);
  else
    show_message (self, _("Address deleted"));
  shou_address_book_reload (self);
}

static void
on_delete_clicked_cb (GtkButton       *button,
                      ShouAddressBook *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "address-id");
  JsonObject *address = find_address (self, id);
  g_autofree char *line = NULL;
  GtkWidget *dialog;

  if (address == NULL)
    return;
  line = shou_address_format (address);
  dialog = GTK_WIDGET (shou_ui_confirm_dialog_new (GTK_WINDOW (self), _("Delete This Address?"), line,
                                                   "delete", _("_Delete"),
                                                   SHOU_CONFIRM_DESTRUCTIVE | SHOU_CONFIRM_SAFE));
  g_object_set_data_full (G_OBJECT (dialog), "address-id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    ShouAddressBook *self)
{
  shou_address_book_edit (self, g_object_get_data (G_OBJECT (button), "address-id"));
}

static GtkWidget *
row_button (ShouAddressBook *self,
            const char      *icon,
            const char      *tooltip,
            const char      *id,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "address-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
build_row (ShouAddressBook *self,
           JsonObject      *address)
{
  const char *id = get_str (address, "id");
  gboolean is_default = json_object_get_boolean_member_with_default (address, "is_default", FALSE);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  title = g_strdup_printf ("%s  %s", get_str (address, "name"), get_str (address, "phone"));
  subtitle = g_strdup_printf (C_("address subtitle", "%s%s%s %s  %s"),
                              get_str (address, "province"), get_str (address, "city"),
                              get_str (address, "district"), get_str (address, "street"),
                              get_str (address, "postcode"));
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  if (is_default)
    {
      GtkWidget *tag = gtk_label_new (_("Default"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_add_css_class (tag, "address-default");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("starred-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_label (_("Set as Default"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "address-id", g_strdup (id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_default_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "document-edit-symbolic", _("Edit"), id,
                                         G_CALLBACK (on_edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "user-trash-symbolic", _("Delete"), id,
                                         G_CALLBACK (on_delete_clicked_cb)));
  return row;
}

void
shou_address_book_reload (ShouAddressBook *self)
{
  g_autoptr(GPtrArray) addresses = NULL;

  g_return_if_fail (SHOU_IS_ADDRESS_BOOK (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  addresses = shou_store_list_addresses (self->store, self->shop_id);
  if (addresses == NULL)
    addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_unref (self->addresses);
  self->addresses = g_steal_pointer (&addresses);

  for (guint i = 0; i < self->addresses->len; i++)
    {
      GtkWidget *row = build_row (self, g_ptr_array_index (self->addresses, i));

      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "form"))
    gtk_stack_set_visible_child_name (self->stack, self->addresses->len > 0 ? "list" : "empty");
}

guint
shou_address_book_get_n_addresses (ShouAddressBook *self)
{
  g_return_val_if_fail (SHOU_IS_ADDRESS_BOOK (self), 0);

  return self->addresses->len;
}

static void
set_form_error (ShouAddressBook *self,
                const char      *error)
{
  g_free (self->form_error);
  self->form_error = g_strdup (error);
  gtk_label_set_label (self->form_error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), error != NULL);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checks the form; @require_all also flags empty required fields, which the
 * live check leaves alone while the seller is still typing. */
static gboolean
validate_form (ShouAddressBook *self,
               gboolean         require_all)
{
  struct { AdwEntryRow *row; const char *what; } required[] = {
    { self->name_row, N_("Enter the contact name.") },
    { self->phone_row, N_("Enter a mobile or landline number.") },
    { self->street_row, N_("Enter the street address.") },
  };
  const char *province, *city, *district;
  g_autoptr(GError) error = NULL;
  const char *message = NULL;
  g_autofree char *owned = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (row_text (required[i].row)));
      gboolean empty = *text == '\0';

      mark_row (required[i].row, require_all && empty);
      if (require_all && empty && message == NULL)
        message = _(required[i].what);
      /* the region comes between the phone and the street */
      if (i == 1 && require_all &&
          !shou_division_picker_get_text (self->division_picker, &province, &city, &district))
        {
          shou_division_picker_set_error (self->division_picker, TRUE);
          if (message == NULL)
            message = _("Choose the province, city and district.");
        }
    }

  if (*row_text (self->phone_row) != '\0' &&
      !shou_validate_phone (row_text (self->phone_row), &error))
    {
      mark_row (self->phone_row, TRUE);
      if (message == NULL)
        message = owned = g_strdup (error->message);
    }
  g_clear_error (&error);
  if (*row_text (self->postcode_row) != '\0' &&
      !shou_validate_postcode (row_text (self->postcode_row), &error))
    {
      mark_row (self->postcode_row, TRUE);
      if (message == NULL)
        message = owned = g_strdup (error->message);
    }
  else
    mark_row (self->postcode_row, FALSE);

  set_form_error (self, message);
  return message == NULL;
}

static void
on_field_changed_cb (GtkEditable     *editable,
                     ShouAddressBook *self)
{
  validate_form (self, FALSE);
}

static void
on_region_changed_cb (ShouDivisionPicker *picker,
                      ShouAddressBook    *self)
{
  validate_form (self, FALSE);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
shou_address_book_fill_form (ShouAddressBook *self,
                             JsonObject      *address)
{
  g_return_if_fail (SHOU_IS_ADDRESS_BOOK (self));
  g_return_if_fail (address != NULL);

  set_row_text (self->name_row, get_str (address, "name"));
  set_row_text (self->phone_row, get_str (address, "phone"));
  shou_division_picker_set_address (self->division_picker, get_str (address, "province"),
                                    get_str (address, "city"), get_str (address, "district"),
                                    get_str (address, "division_code"));
  set_row_text (self->street_row, get_str (address, "street"));
  set_row_text (self->postcode_row, get_str (address, "postcode"));
  gtk_switch_set_active (self->default_switch,
                         json_object_get_boolean_member_with_default (address, "is_default", FALSE));
}

void
shou_address_book_edit (ShouAddressBook *self,
                        const char      *address_id)
{
  JsonObject *address = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();

  g_return_if_fail (SHOU_IS_ADDRESS_BOOK (self));

  if (address_id != NULL)
    address = find_address (self, address_id);
  g_clear_pointer (&self->editing, json_object_unref);
  if (address != NULL)
    self->editing = json_object_ref (address);

  adw_preferences_group_set_title (self->form_group,
                                   address != NULL ? _("Edit Address") : _("New Address"));
  shou_address_book_fill_form (self, address != NULL ? address : empty);
  if (address == NULL)
    gtk_switch_set_active (self->default_switch, self->addresses->len == 0);
  validate_form (self, FALSE);
  set_form_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
close_form (ShouAddressBook *self)
{
  g_clear_pointer (&self->editing, json_object_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, self->addresses->len > 0 ? "list" : "empty");
}

static void
set_field (JsonObject  *address,
           const char  *member,
           AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  json_object_set_string_member (address, member, text);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShouAddressBook *self = SHOU_ADDRESS_BOOK (widget);
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *province, *city, *district, *code;

  if (!validate_form (self, TRUE))
    return;

  if (self->editing != NULL)
    {
      json_object_set_string_member (address, "id", get_str (self->editing, "id"));
    }
  json_object_set_string_member (address, "shop_id", self->shop_id);
  set_field (address, "name", self->name_row);
  set_field (address, "phone", self->phone_row);
  if (shou_division_picker_get_text (self->division_picker, &province, &city, &district))
    {
      json_object_set_string_member (address, "province", province);
      json_object_set_string_member (address, "city", city);
      json_object_set_string_member (address, "district", district);
    }
  code = shou_division_picker_get_code (self->division_picker);
  json_object_set_string_member (address, "division_code", code != NULL ? code : "");
  set_field (address, "street", self->street_row);
  set_field (address, "postcode", self->postcode_row);
  json_object_set_boolean_member (address, "is_default", gtk_switch_get_active (self->default_switch));

  id = shou_store_save_address (self->store, self->shop_id, address, &error);
  if (id == NULL)
    {
      set_form_error (self, error->message);
      return;
    }
  if (gtk_switch_get_active (self->default_switch))
    clear_other_defaults (self, id);
  show_message (self, _("Address saved"));
  close_form (self);
  shou_address_book_reload (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  close_form (SHOU_ADDRESS_BOOK (widget));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  shou_address_book_edit (SHOU_ADDRESS_BOOK (widget), NULL);
}

const char *
shou_address_book_get_form_error (ShouAddressBook *self)
{
  g_return_val_if_fail (SHOU_IS_ADDRESS_BOOK (self), NULL);

  return self->form_error;
}

const char *
shou_address_book_get_last_message (ShouAddressBook *self)
{
  g_return_val_if_fail (SHOU_IS_ADDRESS_BOOK (self), NULL);

  return self->last_message;
}

static void
on_store_changed_cb (ShouStore       *store,
                     const char      *request_id,
                     ShouAddressBook *self)
{
  if (request_id == NULL)
    shou_address_book_reload (self);
}

static void
shou_address_book_dispose (GObject *object)
{
  ShouAddressBook *self = SHOU_ADDRESS_BOOK (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->editing, json_object_unref);

  G_OBJECT_CLASS (shou_address_book_parent_class)->dispose (object);
}

static void
shou_address_book_finalize (GObject *object)
{
  ShouAddressBook *self = SHOU_ADDRESS_BOOK (object);

  g_free (self->shop_id);
  g_clear_pointer (&self->shop_keys, g_ptr_array_unref);
  g_free (self->form_error);
  g_free (self->last_message);
  g_ptr_array_unref (self->addresses);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (shou_address_book_parent_class)->finalize (object);
}

static void
shou_address_book_class_init (ShouAddressBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_address_book_dispose;
  object_class->finalize = shou_address_book_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-address-book.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, back_button);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, add_button);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, list_group);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, form_group);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, name_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, phone_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, division_picker);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, street_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, default_switch);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, form_error_label);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressBook, shop_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_region_changed_cb);

  gtk_widget_class_install_action (widget_class, "book.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "book.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "book.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "book.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shou_address_book_init (ShouAddressBook *self)
{
  self->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->rows = g_ptr_array_new ();
  g_type_ensure (SHOU_TYPE_DIVISION_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
shou_address_book_new (GtkWindow  *parent,
                       ShouStore  *store,
                       const char *shop_id)
{
  ShouAddressBook *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (shop_id != NULL, NULL);

  self = g_object_new (SHOU_TYPE_ADDRESS_BOOK,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->shop_id = g_strdup (shop_id);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  shou_address_book_reload (self);
  return GTK_WINDOW (self);
}

static void
on_shop_selected_cb (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     ShouAddressBook *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->shop_keys == NULL || i >= self->shop_keys->len ||
      g_strcmp0 (self->shop_id, g_ptr_array_index (self->shop_keys, i)) == 0)
    return;
  g_free (self->shop_id);
  self->shop_id = g_strdup (g_ptr_array_index (self->shop_keys, i));
  close_form (self);
  shou_address_book_reload (self);
}

GtkWindow *
shou_address_book_new_any_shop (GtkWindow  *parent,
                                ShouStore  *store,
                                const char *shop_id)
{
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  ShouAddressBook *self;
  guint selected = 0;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  shops = shou_store_list_shops (store);
  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = g_ptr_array_index (shops, i);
      const char *key = json_object_get_string_member_with_default (shop, "key", NULL);
      ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
      g_autofree char *label = NULL;

      if (key == NULL)
        continue;
      shou_platform_from_string (get_str (shop, "platform"), &platform);
      /* TRANSLATORS: a shop in the address book's shop list: platform · shop name */
      label = g_strdup_printf (C_("shop choice", "%s · %s"), shou_platform_get_label (platform),
                               get_str (shop, "name"));
      if (g_strcmp0 (key, shop_id) == 0)
        selected = keys->len;
      gtk_string_list_append (names, label);
      g_ptr_array_add (keys, g_strdup (key));
    }
  if (keys->len == 0)
    return NULL;

  self = SHOU_ADDRESS_BOOK (shou_address_book_new (parent, store, g_ptr_array_index (keys, selected)));
  self->shop_keys = g_steal_pointer (&keys);
  gtk_drop_down_set_model (self->shop_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->shop_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->shop_dropdown), TRUE);
  g_signal_connect (self->shop_dropdown, "notify::selected", G_CALLBACK (on_shop_selected_cb), self);
  return GTK_WINDOW (self);
}

const char *
shou_address_book_get_shop_id (ShouAddressBook *self)
{
  g_return_val_if_fail (SHOU_IS_ADDRESS_BOOK (self), NULL);

  return self->shop_id;
}
