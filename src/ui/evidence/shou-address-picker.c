/* shou-address-picker.c: a drop-down of a shop's return addresses with the
 * default preselected, so agreeing a return takes one step, another address
 * two. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-address-book.h"
#include "shou-address-picker.h"

struct _ShouAddressPicker
{
  GtkWidget      parent_instance;

  GtkDropDown   *dropdown;
  GtkButton     *manage_button;

  ShouStore     *store;
  char          *shop_id;
  GPtrArray     *ids;          /* char*, parallel to the drop-down's items */
  char          *selected_id;
  gulong         changed_id;
  gboolean       reloading;
};

G_DEFINE_FINAL_TYPE (ShouAddressPicker, shou_address_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOP_ID,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_selected_id (ShouAddressPicker *self,
                 const char        *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
reload (ShouAddressPicker *self)
{
  g_autoptr(GPtrArray) addresses = shou_store_list_addresses (self->store, self->shop_id);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint keep = GTK_INVALID_LIST_POSITION;
  guint fallback = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    {
      JsonObject *address = g_ptr_array_index (addresses, i);
      const char *id = json_object_get_string_member_with_default (address, "id", "");
      g_autofree char *line = shou_address_format (address);

      if (json_object_get_boolean_member_with_default (address, "is_default", FALSE))
        {
          g_autofree char *marked = g_strdup_printf (C_("address", "%s (default)"), line);

          gtk_string_list_append (labels, marked);
          fallback = i;
        }
      else
        gtk_string_list_append (labels, line);
      g_ptr_array_add (self->ids, g_strdup (id));
      if (g_strcmp0 (id, self->selected_id) == 0)
        keep = i;
    }
  if (fallback == GTK_INVALID_LIST_POSITION && self->ids->len > 0)
    fallback = 0;

  self->reloading = TRUE;
  if (self->ids->len == 0)
    gtk_string_list_append (labels, _("No return address yet"));
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
  gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), self->ids->len > 0);
  gtk_drop_down_set_selected (self->dropdown, keep != GTK_INVALID_LIST_POSITION ? keep : fallback);
  self->reloading = FALSE;

  if (keep != GTK_INVALID_LIST_POSITION)
    return;
  set_selected_id (self, fallback != GTK_INVALID_LIST_POSITION
                         ? g_ptr_array_index (self->ids, fallback) : NULL);
}

static void
on_dropdown_selected_cb (GtkDropDown       *dropdown,
                         GParamSpec        *pspec,
                         ShouAddressPicker *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->reloading || selected >= self->ids->len)
    return;
  set_selected_id (self, g_ptr_array_index (self->ids, selected));
}

static void
on_manage_button_clicked_cb (GtkButton         *button,
                             ShouAddressPicker *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_present (shou_address_book_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             self->store, self->shop_id));
}

static void
on_store_changed_cb (ShouStore         *store,
                     const char        *request_id,
                     ShouAddressPicker *self)
{
  if (request_id == NULL)
    reload (self);
}

const char *
shou_address_picker_get_selected_id (ShouAddressPicker *self)
{
  g_return_val_if_fail (SHOU_IS_ADDRESS_PICKER (self), NULL);

  return self->selected_id;
}

static void
shou_address_picker_constructed (GObject *object)
{
  ShouAddressPicker *self = SHOU_ADDRESS_PICKER (object);

  G_OBJECT_CLASS (shou_address_picker_parent_class)->constructed (object);

  g_assert (SHOU_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  reload (self);
}

static void
shou_address_picker_dispose (GObject *object)
{
  GtkWidget *child;
  ShouAddressPicker *self = SHOU_ADDRESS_PICKER (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_ADDRESS_PICKER);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_address_picker_parent_class)->dispose (object);
}

static void
shou_address_picker_finalize (GObject *object)
{
  ShouAddressPicker *self = SHOU_ADDRESS_PICKER (object);

  g_free (self->shop_id);
  g_free (self->selected_id);
  g_ptr_array_unref (self->ids);

  G_OBJECT_CLASS (shou_address_picker_parent_class)->finalize (object);
}

static void
shou_address_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShouAddressPicker *self = SHOU_ADDRESS_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOP_ID:
      g_value_set_string (value, self->shop_id);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_address_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShouAddressPicker *self = SHOU_ADDRESS_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SHOP_ID:
      self->shop_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_address_picker_class_init (ShouAddressPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shou_address_picker_constructed;
  object_class->dispose = shou_address_picker_dispose;
  object_class->finalize = shou_address_picker_finalize;
  object_class->get_property = shou_address_picker_get_property;
  object_class->set_property = shou_address_picker_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOP_ID] =
    g_param_spec_string ("shop-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-address-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouAddressPicker, dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShouAddressPicker, manage_button);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_manage_button_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
shou_address_picker_init (ShouAddressPicker *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shou_address_picker_new (ShouStore  *store,
                         const char *shop_id)
{
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (shop_id != NULL, NULL);

  return g_object_new (SHOU_TYPE_ADDRESS_PICKER,
                       "store", store,
                       "shop-id", shop_id,
                       NULL);
}
