/* shou-receipt-check-dialog.c: received / damaged / missing parts, with
 * photos. A clean parcel confirms receipt; a damaged, incomplete or missing
 * one refuses it with the photos as evidence. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-evidence-picker.h"
#include "shou-logistics.h"
#include "shou-receipt-check-dialog.h"

struct _ShouReceiptCheckDialog
{
  AdwWindow    parent_instance;

  GtkSwitch   *received_switch;
  GtkSwitch   *damaged_switch;
  GtkSwitch   *missing_switch;
  AdwEntryRow *note_row;
  GtkBox      *evidence_box;
  GtkLabel    *error_label;

  ShouStore   *store;
  char        *request_id;
  GtkWidget   *picker;
  char        *error;
};

G_DEFINE_FINAL_TYPE (ShouReceiptCheckDialog, shou_receipt_check_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (ShouReceiptCheckDialog *self,
           const char             *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
update_actions (ShouReceiptCheckDialog *self)
{
  gboolean received = gtk_switch_get_active (self->received_switch);
  gboolean damaged = gtk_switch_get_active (self->damaged_switch);
  gboolean missing = gtk_switch_get_active (self->missing_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->damaged_switch), received);
  gtk_widget_set_sensitive (GTK_WIDGET (self->missing_switch), received);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.confirm",
                                 received && !damaged && !missing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.refuse",
                                 !received || damaged || missing);
}

static void
on_check_changed_cb (GtkSwitch              *sw,
                     GParamSpec             *pspec,
                     ShouReceiptCheckDialog *self)
{
  set_error (self, NULL);
  update_actions (self);
}

static void
add_evidence (ShouReceiptCheckDialog *self,
              JsonObject             *params)
{
  g_auto(GStrv) ids = shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (self->picker));
  JsonArray *evidence = json_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    json_array_add_string_element (evidence, ids[i]);
  json_object_set_array_member (params, "evidence", evidence);
}

static void
enqueue (ShouReceiptCheckDialog *self,
         ShouAction              action,
         JsonObject             *params)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GError) error = NULL;

  request = shou_store_get_request (self->store, self->request_id, &error);
  if (request == NULL ||
      !shou_store_enqueue_action (self->store, self->request_id, action, params,
                                  json_object_get_int_member_with_default (request, "version", 0),
                                  &error))
    {
      set_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_DONE], 0, (int) action);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The API's refuse_receipt takes a free-text reason: the checks and the
 * seller's note become that text, in the seller's language. */
static char *
refusal_reason (ShouReceiptCheckDialog *self)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  const char *separator = C_("list separator", ", ");

  if (!gtk_switch_get_active (self->received_switch))
    g_string_append (reason, _("Parcel not received"));
  else
    {
      if (gtk_switch_get_active (self->damaged_switch))
        g_string_append (reason, _("Goods damaged"));
      if (gtk_switch_get_active (self->missing_switch))
        {
          if (reason->len > 0)
            g_string_append (reason, separator);
          g_string_append (reason, _("Parts missing"));
        }
    }
  if (*note != '\0')
    /* TRANSLATORS: what the checks found, then the seller's note */
    return g_strdup_printf (C_("receipt refusal", "%s: %s"), reason->str, note);
  return g_string_free (g_steal_pointer (&reason), FALSE);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouReceiptCheckDialog *self = SHOU_RECEIPT_CHECK_DIALOG (widget);
  g_autoptr(JsonObject) params = json_object_new ();

  /* Photos of a clean parcel are already queued as the request's evidence;
   * confirm_receipt itself takes no parameters. */
  enqueue (self, SHOU_ACTION_CONFIRM_RECEIPT, params);
}

static void
refuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShouReceiptCheckDialog *self = SHOU_RECEIPT_CHECK_DIALOG (widget);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *reason = refusal_reason (self);

  if (gtk_switch_get_active (self->received_switch) &&
      shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (self->picker)) == 0)
    {
      set_error (self, _("Add photos of the damage or of what is missing before refusing receipt."));
      return;
    }
  json_object_set_string_member (params, "reason", reason);
  add_evidence (self, params);
  enqueue (self, SHOU_ACTION_REFUSE_RECEIPT, params);
}

void
shou_receipt_check_dialog_set_checks (ShouReceiptCheckDialog *self,
                                      gboolean                received,
                                      gboolean                damaged,
                                      gboolean                missing_parts)
{
  g_return_if_fail (SHOU_IS_RECEIPT_CHECK_DIALOG (self));

  gtk_switch_set_active (self->received_switch, received);
  gtk_switch_set_active (self->damaged_switch, damaged);
  gtk_switch_set_active (self->missing_switch, missing_parts);
  update_actions (self);
}

GtkWidget *
shou_receipt_check_dialog_get_evidence_picker (ShouReceiptCheckDialog *self)
{
  g_return_val_if_fail (SHOU_IS_RECEIPT_CHECK_DIALOG (self), NULL);

  return self->picker;
}

const char *
shou_receipt_check_dialog_get_error (ShouReceiptCheckDialog *self)
{
  g_return_val_if_fail (SHOU_IS_RECEIPT_CHECK_DIALOG (self), NULL);

  return self->error;
}

static void
shou_receipt_check_dialog_dispose (GObject *object)
{
  ShouReceiptCheckDialog *self = SHOU_RECEIPT_CHECK_DIALOG (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_receipt_check_dialog_parent_class)->dispose (object);
}

static void
shou_receipt_check_dialog_finalize (GObject *object)
{
  ShouReceiptCheckDialog *self = SHOU_RECEIPT_CHECK_DIALOG (object);

  g_free (self->request_id);
  g_free (self->error);

  G_OBJECT_CLASS (shou_receipt_check_dialog_parent_class)->finalize (object);
}

static void
shou_receipt_check_dialog_class_init (ShouReceiptCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_receipt_check_dialog_dispose;
  object_class->finalize = shou_receipt_check_dialog_finalize;

  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-receipt-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, received_switch);
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, damaged_switch);
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, missing_switch);
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, ShouReceiptCheckDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_changed_cb);

  gtk_widget_class_install_action (widget_class, "receipt.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "receipt.refuse", NULL, refuse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shou_receipt_check_dialog_init (ShouReceiptCheckDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
shou_receipt_check_dialog_new (GtkWindow  *parent,
                               ShouStore  *store,
                               const char *request_id)
{
  ShouReceiptCheckDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_object_new (SHOU_TYPE_RECEIPT_CHECK_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->request_id = g_strdup (request_id);
  self->picker = shou_evidence_picker_new (store, request_id);
  shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (self->picker), SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_set_cover_first (SHOU_EVIDENCE_PICKER (self->picker), FALSE);
  gtk_box_append (self->evidence_box, self->picker);
  update_actions (self);
  return GTK_WINDOW (self);
}
