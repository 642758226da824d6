/* shou-logistics-dialog.c: carrier + tracking number, checked by core's
 * per-carrier validator while the seller types, then queued as
 * ship_exchange. The last choice, 其他快递, reveals a carrier name entry and
 * checks the number loosely (letters and digits). */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-logistics-dialog.h"
#include "shou-logistics.h"

struct _ShouLogisticsDialog
{
  AdwWindow     parent_instance;

  GtkDropDown  *carrier_dropdown;
  AdwEntryRow  *carrier_name_row;
  AdwEntryRow  *tracking_row;
  GtkLabel     *error_label;

  ShouStore    *store;
  char         *request_id;
  char         *error;
  gboolean      valid;
};

G_DEFINE_FINAL_TYPE (ShouLogisticsDialog, shou_logistics_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SHIPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (ShouLogisticsDialog *self,
           const char          *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

const char *
shou_logistics_dialog_get_carrier (ShouLogisticsDialog *self)
{
  guint n = 0;
  const ShouCarrier *carriers;
  guint selected;

  g_return_val_if_fail (SHOU_IS_LOGISTICS_DIALOG (self), NULL);

  carriers = shou_carriers_get_all (&n);
  selected = gtk_drop_down_get_selected (self->carrier_dropdown);
  if (selected == n)
    return SHOU_CARRIER_OTHER;
  return selected < n ? carriers[selected].code : NULL;
}

/* The typed name, trimmed, when 其他快递 is chosen; else %NULL. */
static char *
dup_carrier_name (ShouLogisticsDialog *self)
{
  if (!shou_carrier_is_other (shou_logistics_dialog_get_carrier (self)))
    return NULL;
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->carrier_name_row))));
}

static void
validate (ShouLogisticsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tracking_row))));
  g_autofree char *name = dup_carrier_name (self);
  const char *carrier = shou_logistics_dialog_get_carrier (self);
  gboolean name_bad = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->carrier_name_row), shou_carrier_is_other (carrier));
  if (carrier == NULL)
    {
      self->valid = FALSE;
      set_error (self, _("Choose the carrier."));
    }
  else if (name != NULL && *name == '\0')
    {
      self->valid = FALSE;
      set_error (self, NULL);
    }
  else if (name != NULL && !shou_validate_carrier_name (name, &error))
    {
      self->valid = FALSE;
      name_bad = TRUE;
      set_error (self, error->message);
    }
  else if (*text == '\0')
    {
      self->valid = FALSE;
      set_error (self, NULL);
    }
  else
    {
      self->valid = shou_validate_tracking_number (carrier, text, &error);
      set_error (self, error != NULL ? error->message : NULL);
    }

  if (self->error != NULL && !name_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->tracking_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_row), "error");
  if (name_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->carrier_name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->carrier_name_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "logistics.ship", self->valid);
}

static void
on_tracking_row_changed_cb (GtkEditable         *editable,
                            ShouLogisticsDialog *self)
{
  validate (self);
}

static void
on_carrier_dropdown_selected_cb (GtkDropDown         *dropdown,
                                 GParamSpec          *pspec,
                                 ShouLogisticsDialog *self)
{
  validate (self);
}

static void
ship_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShouLogisticsDialog *self = SHOU_LOGISTICS_DIALOG (widget);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *number = shou_tracking_number_normalize (gtk_editable_get_text (GTK_EDITABLE (self->tracking_row)));
  g_autofree char *name = dup_carrier_name (self);

  validate (self);
  if (!self->valid)
    return;

  request = shou_store_get_request (self->store, self->request_id, &error);
  if (request == NULL)
    {
      set_error (self, error->message);
      return;
    }
  json_object_set_string_member (params, "carrier", shou_logistics_dialog_get_carrier (self));
  json_object_set_string_member (params, "tracking_no", number);
  if (name != NULL)
    json_object_set_string_member (params, "carrier_name", name);
  if (!shou_store_enqueue_action (self->store, self->request_id, SHOU_ACTION_SHIP_EXCHANGE, params,
                                  json_object_get_int_member_with_default (request, "version", 0),
                                  &error))
    {
      set_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SHIPPED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
shou_logistics_dialog_select_carrier (ShouLogisticsDialog *self,
                                      const char          *code)
{
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  g_return_val_if_fail (SHOU_IS_LOGISTICS_DIALOG (self), FALSE);

  if (shou_carrier_is_other (code))
    {
      gtk_drop_down_set_selected (self->carrier_dropdown, n);
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (carriers[i].code, code) == 0)
      {
        gtk_drop_down_set_selected (self->carrier_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
shou_logistics_dialog_set_carrier_name (ShouLogisticsDialog *self,
                                        const char          *text)
{
  g_return_if_fail (SHOU_IS_LOGISTICS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->carrier_name_row), text != NULL ? text : "");
}

gboolean
shou_logistics_dialog_get_carrier_name_visible (ShouLogisticsDialog *self)
{
  g_return_val_if_fail (SHOU_IS_LOGISTICS_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->carrier_name_row));
}

void
shou_logistics_dialog_set_tracking_number (ShouLogisticsDialog *self,
                                           const char          *text)
{
  g_return_if_fail (SHOU_IS_LOGISTICS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tracking_row), text != NULL ? text : "");
}

const char *
shou_logistics_dialog_get_error (ShouLogisticsDialog *self)
{
  g_return_val_if_fail (SHOU_IS_LOGISTICS_DIALOG (self), NULL);

  return self->error;
}

gboolean
shou_logistics_dialog_get_can_ship (ShouLogisticsDialog *self)
{
  g_return_val_if_fail (SHOU_IS_LOGISTICS_DIALOG (self), FALSE);

  return self->valid;
}

static void
shou_logistics_dialog_dispose (GObject *object)
{
  ShouLogisticsDialog *self = SHOU_LOGISTICS_DIALOG (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_logistics_dialog_parent_class)->dispose (object);
}

static void
shou_logistics_dialog_finalize (GObject *object)
{
  ShouLogisticsDialog *self = SHOU_LOGISTICS_DIALOG (object);

  g_free (self->request_id);
  g_free (self->error);

  G_OBJECT_CLASS (shou_logistics_dialog_parent_class)->finalize (object);
}

static void
shou_logistics_dialog_class_init (ShouLogisticsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_logistics_dialog_dispose;
  object_class->finalize = shou_logistics_dialog_finalize;

  signals[SIGNAL_SHIPPED] =
    g_signal_new ("shipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-logistics-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouLogisticsDialog, carrier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShouLogisticsDialog, carrier_name_row);
  gtk_widget_class_bind_template_child (widget_class, ShouLogisticsDialog, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, ShouLogisticsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_tracking_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_carrier_dropdown_selected_cb);

  gtk_widget_class_install_action (widget_class, "logistics.ship", NULL, ship_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shou_logistics_dialog_init (ShouLogisticsDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n; i++)
    {
      /* The code stays in the label so that "SF" finds 顺丰速运 too. */
      g_autofree char *label = g_strdup_printf ("%s · %s", carriers[i].name, carriers[i].code);

      gtk_string_list_append (names, label);
    }
  /* Last: a carrier not in the list (seed 000 ⑶ 10 选“其他”并填写名称). */
  gtk_string_list_append (names, _("Other carrier"));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->carrier_dropdown, expression);
  gtk_drop_down_set_model (self->carrier_dropdown, G_LIST_MODEL (names));
  validate (self);
}

GtkWindow *
shou_logistics_dialog_new (GtkWindow  *parent,
                           ShouStore  *store,
                           const char *request_id)
{
  ShouLogisticsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_object_new (SHOU_TYPE_LOGISTICS_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->request_id = g_strdup (request_id);
  return GTK_WINDOW (self);
}
