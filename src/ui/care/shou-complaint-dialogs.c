/* shou-complaint-dialogs.c: register a complaint, compensate, evidence,
 * finish (shou-complaint-dialogs.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-care-dialog-private.h"
#include "shou-complaint-dialogs.h"

static const struct { const char *code; const char *label; } channels[] = {
  { "platform", N_("On the platform") },
  { "heimao", N_("Heimao complaints") },
  { "12315", N_("12315 hotline") },
  { "consumer_association", N_("Consumer association") },
  { "courier_hq", N_("Courier's head office") },
  { "after_window", N_("After the after-sales window") },
  { "visit", N_("Found on a return visit") },
};

static const struct { const char *code; const char *label; } outcomes[] = {
  { "resolved", N_("Resolved, the buyer confirmed") },
  { "withdrawn", N_("Withdrawn by the buyer") },
  { "seller_fault", N_("Ruled against the shop") },
  { "seller_cleared", N_("Ruled for the shop") },
};

const char *
shou_complaint_channel_label (const char *channel)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_strcmp0 (channel, channels[i].code) == 0)
      return _(channels[i].label);
  return _(channels[0].label);
}

const char *
shou_complaint_outcome_label (const char *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcome, outcomes[i].code) == 0)
      return _(outcomes[i].label);
  return _(outcomes[0].label);
}

#define entry shou_care_entry

/* -- register -- */

static void
register_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "channel",
                                 channels[MIN (adw_combo_row_get_selected (d->channel),
                                               G_N_ELEMENTS (channels) - 1)].code);
  shou_care_dialog_submit (d, fields, shou_store_register_complaint);
}

void
shou_complaint_dialog_register (GtkWidget *parent,
                                ShouStore *store)
{
  const char *names[G_N_ELEMENTS (channels) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    names[i] = _(channels[i].label);
  d = shou_care_dialog_new (parent, store, _("Register a Complaint"), _("_Register"), G_CALLBACK (register_ok_cb),
                            &content);
  list = shou_care_group (content);
  shou_care_dialog_shops (d, GTK_LIST_BOX (list));
  d->nick = entry (list, _("Buyer's nickname"));
  d->channel = shou_care_combo (_("Filed with"), names);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->channel));
  d->text = entry (list, _("What the buyer complains about"));
  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->nick));
}

/* -- compensate -- */

static void
compensate_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 fen = shou_care_amount_fen (d);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (d->note));

  json_object_set_int_member (params, "amount_fen", fen);
  if (*note != '\0')
    json_object_set_string_member (params, "note", note);
  if (!shou_store_enqueue_complaint_action (d->store, d->key, SHOU_COMPLAINT_ACTION_COMPENSATE, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_complaint_dialog_compensate (GtkWidget  *parent,
                                  ShouStore  *store,
                                  const char *key)
{
  GtkBox *content;
  GtkWidget *list, *hint;
  ShouCareDialog *d;

  d = shou_care_dialog_new (parent, store, _("Compensate the Buyer"), _("_Compensate"),
                            G_CALLBACK (compensate_ok_cb), &content);
  d->key = g_strdup (key);
  list = shou_care_group (content);
  shou_care_amount_row (d, list, 10.0);
  d->note = entry (list, _("Note"));
  hint = gtk_label_new (_("Compensating within 24 hours of the complaint ends it with no penalty for the shop."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (content, hint);
  gtk_window_present (d->window);
}

/* -- evidence -- */

static void
evidence_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (params, "note", gtk_editable_get_text (GTK_EDITABLE (d->note)));
  if (!shou_store_enqueue_complaint_action (d->store, d->key, SHOU_COMPLAINT_ACTION_EVIDENCE, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_complaint_dialog_evidence (GtkWidget  *parent,
                                ShouStore  *store,
                                const char *key)
{
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;

  d = shou_care_dialog_new (parent, store, _("Give Evidence"), _("_Give"), G_CALLBACK (evidence_ok_cb), &content);
  d->key = g_strdup (key);
  list = shou_care_group (content);
  d->note = entry (list, _("What the evidence shows"));
  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->note));
}

/* -- finish -- */

static void
finish_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (params, "outcome",
                                 outcomes[MIN (adw_combo_row_get_selected (d->outcome),
                                               G_N_ELEMENTS (outcomes) - 1)].code);
  if (!shou_store_enqueue_complaint_action (d->store, d->key, SHOU_COMPLAINT_ACTION_FINISH, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_complaint_dialog_finish (GtkWidget  *parent,
                              ShouStore  *store,
                              const char *key)
{
  const char *names[G_N_ELEMENTS (outcomes) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    names[i] = _(outcomes[i].label);
  d = shou_care_dialog_new (parent, store, _("Finish the Complaint"), _("_Finish"), G_CALLBACK (finish_ok_cb),
                            &content);
  d->key = g_strdup (key);
  list = shou_care_group (content);
  d->outcome = shou_care_combo (_("Outcome"), names);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->outcome));
  gtk_window_present (d->window);
}
