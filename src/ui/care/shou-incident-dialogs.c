/* shou-incident-dialogs.c: register a logistics incident and its steps
 * that need words or numbers (shou-incident-dialogs.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-validate.h"
#include "shou-care-dialog-private.h"
#include "shou-incident-dialogs.h"

static const struct { const char *code; const char *label; const char *script; } kinds[] = {
  { "delayed", N_("Delayed"),
    N_("Sorry for the wait. The parcel is with the courier and we are as anxious as you are: we have asked them "
       "why it has stopped and will tell you as soon as they answer. If it still does not move, we will send "
       "you another one.") },
  { "lost", N_("Lost"),
    N_("Sorry: the courier cannot find your parcel. We are following it up with them, and we will send you "
       "another one now so that you do not wait any longer.") },
  { "damaged", N_("Damaged"),
    N_("Sorry that it arrived damaged. Please send us a photo of the box and the goods; we will claim from the "
       "courier and send you a replacement.") },
  { "signed_by_other", N_("Signed by someone else"),
    N_("Sorry: the courier let someone else sign for your parcel. We have asked the courier to find it and will "
       "make it good; you may also complain to the courier's head office, and we will help you.") },
};

const char *
shou_incident_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].code) == 0)
      return _(kinds[i].label);
  return _(kinds[0].label);
}

const char *
shou_incident_script (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].code) == 0)
      return _(kinds[i].script);
  return _(kinds[0].script);
}

/* The carrier chooser (d->carrier) in @list, starting at none when @optional. */
static void
carrier_row (ShouCareDialog *d,
             GtkWidget      *list,
             gboolean        optional)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  if (optional)
    gtk_string_list_append (names, _("Not given"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, _(carriers[i].name));
  d->carrier = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->carrier), _("Courier"));
  adw_combo_row_set_model (d->carrier, G_LIST_MODEL (names));
  g_object_set_data (G_OBJECT (d->carrier), "shou-optional", GINT_TO_POINTER (optional));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->carrier));
  d->tracking = shou_care_entry (list, _("Tracking number"));
}

/* The chosen carrier's code and the tracking number into @fields. */
static void
carrier_fields (ShouCareDialog *d,
                JsonObject     *fields)
{
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);
  guint i = adw_combo_row_get_selected (d->carrier);
  gboolean optional = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (d->carrier), "shou-optional"));

  if (optional && i == 0)
    return;
  i -= optional ? 1 : 0;
  if (i < n)
    json_object_set_string_member (fields, "carrier", carriers[i].code);
  json_object_set_string_member (fields, "tracking_no", gtk_editable_get_text (GTK_EDITABLE (d->tracking)));
}

/* -- register -- */

static void
register_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "kind",
                                 kinds[MIN (adw_combo_row_get_selected (d->kind), G_N_ELEMENTS (kinds) - 1)].code);
  carrier_fields (d, fields);
  json_object_set_string_member (fields, "order_no", gtk_editable_get_text (GTK_EDITABLE (d->note)));
  /* Raised from a request: the incident names it. */
  if (d->key != NULL)
    json_object_set_string_member (fields, "aftersale_id", d->key);
  shou_care_dialog_submit (d, fields, shou_store_register_incident);
}

static void
set_text (AdwEntryRow *row,
          JsonObject  *prefill,
          const char  *member)
{
  const char *text = prefill != NULL ? json_object_get_string_member_with_default (prefill, member, NULL) : NULL;

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The dialog's fields from @prefill: the request's shop, buyer, order and
 * the parcel (carrier and tracking number). */
static void
prefill_dialog (ShouCareDialog *d,
                JsonObject     *prefill)
{
  const char *shop = json_object_get_string_member_with_default (prefill, "shop_key", NULL);
  const char *carrier = json_object_get_string_member_with_default (prefill, "carrier", NULL);
  const char *aftersale = json_object_get_string_member_with_default (prefill, "aftersale_id", NULL);
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  for (guint i = 0; shop != NULL && i < d->shop_keys->len; i++)
    if (g_strcmp0 (d->shop_keys->pdata[i], shop) == 0)
      adw_combo_row_set_selected (d->shop, i);
  set_text (d->nick, prefill, "buyer_nick");
  set_text (d->note, prefill, "order_no");
  /* A carrier the list does not know stays "Not given" with its number. */
  for (guint i = 0; carrier != NULL && i < n; i++)
    if (g_strcmp0 (carriers[i].code, carrier) == 0)
      {
        adw_combo_row_set_selected (d->carrier, i + 1);
        set_text (d->tracking, prefill, "tracking_no");
      }
  d->key = g_strdup (aftersale);
}

GtkWindow *
shou_incident_dialog_register_for (GtkWidget  *parent,
                                   ShouStore  *store,
                                   JsonObject *prefill)
{
  const char *names[G_N_ELEMENTS (kinds) + 1] = { NULL };
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    names[i] = _(kinds[i].label);
  d = shou_care_dialog_new (parent, store, _("Register a Logistics Incident"), _("_Register"),
                            G_CALLBACK (register_ok_cb), &content);
  list = shou_care_group (content);
  shou_care_dialog_shops (d, GTK_LIST_BOX (list));
  d->nick = shou_care_entry (list, _("Buyer's nickname"));
  d->kind = shou_care_combo (_("What happened"), names);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->kind));
  d->note = shou_care_entry (list, _("Order number"));
  carrier_row (d, list, TRUE);
  d->text = shou_care_entry (list, _("Description"));
  if (prefill != NULL)
    prefill_dialog (d, prefill);
  gtk_window_present (d->window);
  /* From a request the parcel is known: what happened is the question. */
  gtk_widget_grab_focus (prefill != NULL ? GTK_WIDGET (d->kind) : GTK_WIDGET (d->nick));
  return d->window;
}

void
shou_incident_dialog_register (GtkWidget *parent,
                               ShouStore *store)
{
  shou_incident_dialog_register_for (parent, store, NULL);
}

/* -- the steps -- */

static void
step_ok_cb (ShouCareDialog *d)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  ShouIncidentAction action = SHOU_INCIDENT_ACTION_TELL_BUYER;

  if (d->carrier != NULL)
    {
      action = SHOU_INCIDENT_ACTION_RESEND;
      carrier_fields (d, params);
    }
  else if (d->status != NULL)
    {
      action = SHOU_INCIDENT_ACTION_CLAIM_RESULT;
      json_object_set_string_member (params, "status", d->status);
      json_object_set_int_member (params, "recovered_fen", shou_care_amount_fen (d));
    }
  else if (d->amount != NULL)
    {
      action = SHOU_INCIDENT_ACTION_CLAIM;
      json_object_set_int_member (params, "amount_fen", shou_care_amount_fen (d));
    }
  if (d->note != NULL && *gtk_editable_get_text (GTK_EDITABLE (d->note)) != '\0')
    json_object_set_string_member (params, "note", gtk_editable_get_text (GTK_EDITABLE (d->note)));
  if (!shou_store_enqueue_incident_action (d->store, d->key, action, params, &error))
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

void
shou_incident_dialog_step (GtkWidget  *parent,
                           ShouStore  *store,
                           const char *key,
                           const char *step)
{
  g_autoptr(JsonObject) incident = shou_store_get_care (store, key);
  GtkBox *content;
  GtkWidget *list;
  ShouCareDialog *d;
  const char *title = _("Tell the Buyer");
  const char *ok = _("_Told");

  if (g_str_equal (step, "resend"))
    title = _("Resend the Parcel"), ok = _("_Resend");
  else if (g_str_equal (step, "claim"))
    title = _("Claim from the Courier"), ok = _("_File Claim");
  else if (g_str_equal (step, "claim_paid"))
    title = _("The Courier Paid"), ok = _("_Record");
  d = shou_care_dialog_new (parent, store, title, ok, G_CALLBACK (step_ok_cb), &content);
  d->key = g_strdup (key);
  if (g_str_equal (step, "tell_buyer"))
    {
      /* The script, to copy into the platform's messages. */
      GtkWidget *script = gtk_label_new (shou_incident_script (incident
                                                               ? json_object_get_string_member_with_default (
                                                                   incident, "kind", NULL)
                                                               : NULL));

      gtk_label_set_use_markup (GTK_LABEL (script), FALSE);
      gtk_label_set_wrap (GTK_LABEL (script), TRUE);
      gtk_label_set_selectable (GTK_LABEL (script), TRUE);
      gtk_label_set_xalign (GTK_LABEL (script), 0.0f);
      gtk_label_set_max_width_chars (GTK_LABEL (script), 50);
      gtk_box_append (content, script);
    }
  list = shou_care_group (content);
  if (g_str_equal (step, "resend"))
    carrier_row (d, list, FALSE);
  else if (g_str_equal (step, "claim") || g_str_equal (step, "claim_paid"))
    {
      JsonNode *claim = incident ? json_object_get_member (incident, "claim") : NULL;
      gint64 claimed = claim && JSON_NODE_HOLDS_OBJECT (claim)
                       ? json_object_get_int_member_with_default (json_node_get_object (claim), "amount_fen", 0) : 0;

      shou_care_amount_row (d, list, claimed > 0 ? claimed / 100.0 : 50.0);
      if (g_str_equal (step, "claim_paid"))
        d->status = "paid";
    }
  d->note = shou_care_entry (list, _("Note"));
  gtk_window_present (d->window);
}
