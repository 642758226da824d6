/* shou-incidents-page.c: the 物流异常 tab of the 售后关怀 page. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "core/shou-validate.h"
#include "shou-care-widgets.h"
#include "shou-incident-dialogs.h"
#include "shou-incidents-page.h"

struct _ShouIncidentsPage
{
  GtkWidget   parent_instance;

  ShouStore  *store;
  GtkWidget  *scroller;
  GtkLabel   *summary;
  GtkListBox *open;
  GtkListBox *closed;
};

G_DEFINE_FINAL_TYPE (ShouIncidentsPage, shou_incidents_page, GTK_TYPE_WIDGET)

static const char *
step_label (ShouIncidentAction action)
{
  switch (action)
    {
    case SHOU_INCIDENT_ACTION_CONTACT_COURIER:
      return _("contact the courier");
    case SHOU_INCIDENT_ACTION_TELL_BUYER:
      return _("tell the buyer");
    case SHOU_INCIDENT_ACTION_RESEND:
      return _("resend");
    case SHOU_INCIDENT_ACTION_CLAIM:
      return _("claim from the courier");
    case SHOU_INCIDENT_ACTION_CLAIM_RESULT:
    case SHOU_INCIDENT_ACTION_CLOSE:
    case SHOU_N_INCIDENT_ACTIONS:
    default:
      return _("close it");
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
incident_title (JsonObject *incident)
{
  const char *nick = json_object_get_string_member_with_default (incident, "buyer_nick", "");
  const char *kind = shou_incident_kind_label (json_object_get_string_member_with_default (incident, "kind", NULL));
  const char *order_no = json_object_get_string_member_with_default (incident, "order_no", NULL);

  if (order_no != NULL)
    /* Translators: buyer, what happened to the parcel, order number */
    return g_strdup_printf (_("%s · %s · order %s"), nick, kind, order_no);
  /* Translators: buyer and what happened to the parcel */
  return g_strdup_printf (_("%s · %s"), nick, kind);
}

static const char *
carrier_name (const char *code)
{
  const ShouCarrier *carrier = shou_carrier_find (code);

  return carrier ? _(carrier->name) : "";
}

/* What was done, the claim and the next suggested step, in words. */
static char *
incident_state (JsonObject *incident)
{
  GString *s = g_string_new (NULL);
  JsonObject *resend = member_object (incident, "resend");
  JsonObject *claim = member_object (incident, "claim");
  int next = shou_incident_next_step (incident);

  if (shou_incident_step_done (incident, SHOU_INCIDENT_ACTION_CONTACT_COURIER))
    g_string_append_printf (s, "%s · ", _("Courier contacted"));
  if (shou_incident_step_done (incident, SHOU_INCIDENT_ACTION_TELL_BUYER))
    g_string_append_printf (s, "%s · ", _("Buyer told"));
  if (resend != NULL)
    /* Translators: the carrier and the tracking number of the parcel sent again */
    g_string_append_printf (s, _("Resent by %s, %s · "), carrier_name (json_object_get_string_member (resend,
                                                                                                       "carrier")),
                            json_object_get_string_member_with_default (resend, "tracking_no", ""));
  if (claim != NULL)
    {
      const char *status = json_object_get_string_member_with_default (claim, "status", "filed");
      g_autofree char *amount = shou_money_format (json_object_get_int_member_with_default (claim, "amount_fen", 0));
      g_autofree char *paid = shou_money_format (json_object_get_int_member_with_default (claim, "recovered_fen", 0));

      if (g_str_equal (status, "paid"))
        /* Translators: the amount claimed and the amount the courier paid */
        g_string_append_printf (s, _("Claimed %s, the courier paid %s · "), amount, paid);
      else if (g_str_equal (status, "refused"))
        /* Translators: the amount claimed */
        g_string_append_printf (s, _("Claimed %s, the courier refused · "), amount);
      else
        /* Translators: the amount claimed */
        g_string_append_printf (s, _("Claimed %s, waiting for the courier · "), amount);
    }
  if (json_object_get_member (incident, "closed_at") != NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (incident, "closed_at")))
    g_string_append (s, _("Closed"));
  else if (next >= 0)
    /* Translators: %s is a step, e.g. "告知买家" */
    g_string_append_printf (s, _("Next: %s"), step_label (next));
  else
    g_string_append (s, _("All steps taken"));
  if (json_object_get_int_member_with_default (incident, "pending", 0) > 0)
    g_string_append_printf (s, " · %s", _("Waiting to sync"));
  return g_string_free (s, FALSE);
}

static const char *
conflict_words (JsonObject *conflict)
{
  const char *reason = json_object_get_string_member_with_default (conflict, "reason", NULL);
  const char *code = json_object_get_string_member_with_default (conflict, "code", NULL);

  if (g_strcmp0 (reason, "incident_closed") == 0)
    return _("The server refused: this incident is closed already");
  if (g_strcmp0 (code, "version_conflict") == 0)
    return _("Someone else changed this incident: check it and try again");
  return _("The server refused this step");
}

static void
on_step_clicked_cb (GtkButton         *button,
                    ShouIncidentsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "shou-key");
  const char *step = g_object_get_data (G_OBJECT (button), "shou-step");
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  ShouIncidentAction action;

  if (g_str_equal (step, "tell_buyer") || g_str_equal (step, "resend") || g_str_equal (step, "claim") ||
      g_str_equal (step, "claim_paid"))
    {
      shou_incident_dialog_step (GTK_WIDGET (self), self->store, key, step);
      return;
    }
  if (g_str_equal (step, "claim_refused"))
    {
      action = SHOU_INCIDENT_ACTION_CLAIM_RESULT;
      json_object_set_string_member (params, "status", "refused");
    }
  else if (!shou_incident_action_from_string (step, &action))
    return;
  if (!shou_store_enqueue_incident_action (self->store, key, action, params, &error))
    g_warning ("%s", error->message);
}

#define add_step(self, buttons, key, step, label, name) \
  shou_care_step_button (buttons, key, step, label, name, G_CALLBACK (on_step_clicked_cb), self)

static GtkWidget *
incident_row (ShouIncidentsPage *self,
              JsonObject        *incident)
{
  g_autofree char *title = incident_title (incident);
  g_autofree char *state = incident_state (incident);
  const char *key = json_object_get_string_member (incident, "key");
  const char *nick = json_object_get_string_member_with_default (incident, "buyer_nick", "");
  const char *text = json_object_get_string_member_with_default (incident, "text", "");
  JsonNode *conflict = json_object_get_member (incident, "conflict");
  JsonObject *claim = member_object (incident, "claim");
  GtkWidget *row, *buttons;

  /* What the seller typed, plain text. */
  row = shou_care_record_row (title, *text ? text : _("No description"), state,
                              conflict != NULL && JSON_NODE_HOLDS_OBJECT (conflict)
                              ? conflict_words (json_node_get_object (conflict)) : NULL,
                              NULL, &buttons);
  if (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CLOSE) != NULL && claim == NULL)
    return row;   /* closed */
  /* The steps the rules allow now. Translators: %s is the buyer's nickname, for a screen reader */
  if (!shou_incident_step_done (incident, SHOU_INCIDENT_ACTION_CONTACT_COURIER) &&
      shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CONTACT_COURIER) == NULL)
    add_step (self, buttons, key, "contact_courier", _("Courier Contacted"),
              g_strdup_printf (_("Mark the courier contacted about %s's parcel"), nick));
  if (!shou_incident_step_done (incident, SHOU_INCIDENT_ACTION_TELL_BUYER) &&
      shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_TELL_BUYER) == NULL)
    add_step (self, buttons, key, "tell_buyer", _("Tell the Buyer…"), g_strdup_printf (_("Tell %s"), nick));
  if (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_RESEND) == NULL)
    add_step (self, buttons, key, "resend", _("Resend…"), g_strdup_printf (_("Resend %s's parcel"), nick));
  if (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CLAIM) == NULL)
    add_step (self, buttons, key, "claim", _("Claim…"),
              g_strdup_printf (_("Claim from the courier for %s's parcel"), nick));
  if (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CLAIM_RESULT) == NULL)
    {
      add_step (self, buttons, key, "claim_paid", _("Courier Paid…"),
                g_strdup_printf (_("Record what the courier paid for %s's parcel"), nick));
      add_step (self, buttons, key, "claim_refused", _("Courier Refused"),
                g_strdup_printf (_("Record that the courier refused the claim for %s's parcel"), nick));
    }
  if (shou_incident_check_action (incident, SHOU_INCIDENT_ACTION_CLOSE) == NULL)
    add_step (self, buttons, key, "close", _("Close"), g_strdup_printf (_("Close %s's incident"), nick));
  return row;
}

void
shou_incidents_page_reload (ShouIncidentsPage *self)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (SHOU_IS_INCIDENTS_PAGE (self));
  open = shou_store_list_care (self->store, "incident", SHOU_CARE_LIST_OPEN, 200);
  all = shou_store_list_care (self->store, "incident", SHOU_CARE_LIST_ALL, 200);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open incident", "%u open incidents", open->len),
                             open->len);
  gtk_label_set_text (self->summary, summary);
  shou_care_clear_list (self->open);
  for (guint i = 0; i < open->len; i++)
    gtk_list_box_append (self->open, incident_row (self, open->pdata[i]));
  shou_care_clear_list (self->closed);
  for (guint i = 0; i < all->len; i++)
    if (shou_incident_check_action (all->pdata[i], SHOU_INCIDENT_ACTION_TELL_BUYER) != NULL)
      gtk_list_box_append (self->closed, incident_row (self, all->pdata[i]));
}

static void
reload_cb (GtkWidget *page)
{
  shou_incidents_page_reload (SHOU_INCIDENTS_PAGE (page));
}

static void
on_register_clicked_cb (ShouIncidentsPage *self)
{
  shou_incident_dialog_register (GTK_WIDGET (self), self->store);
}

static void
shou_incidents_page_dispose (GObject *object)
{
  ShouIncidentsPage *self = SHOU_INCIDENTS_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (shou_incidents_page_parent_class)->dispose (object);
}

static void
shou_incidents_page_class_init (ShouIncidentsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_incidents_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shou_incidents_page_init (ShouIncidentsPage *self)
{
  GtkWidget *add = gtk_button_new_with_label (_("Register an Incident…"));
  GtkBox *box = shou_care_scaffold (GTK_WIDGET (self), _("Logistics Incidents"), add, &self->scroller,
                                    &self->summary);

  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_register_clicked_cb), self);
  self->open = shou_care_section (box, _("Open Incidents"), _("No open incidents"));
  self->closed = shou_care_section (box, _("Closed"), _("No closed incidents"));
}

GtkWidget *
shou_incidents_page_new (ShouStore *store)
{
  ShouIncidentsPage *self = g_object_new (SHOU_TYPE_INCIDENTS_PAGE, NULL);

  self->store = g_object_ref (store);
  shou_care_watch (GTK_WIDGET (self), store, reload_cb);
  return GTK_WIDGET (self);
}
