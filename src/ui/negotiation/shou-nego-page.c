/* shou-nego-page.c: what the negotiation dialog's pages share. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ui/shou-ui-util.h"
#include "shou-negotiation-state.h"
#include "shou-nego-page.h"

void
shou_nego_context_set (ShouNegoContext       *self,
                       const ShouNegoContext *from)
{
  if (self == from)
    return;
  g_set_object (&self->store, from->store);
  if (g_strcmp0 (self->request_id, from->request_id) != 0)
    {
      g_free (self->request_id);
      self->request_id = g_strdup (from->request_id);
    }
  if (self->request != from->request)
    {
      g_clear_pointer (&self->request, json_object_unref);
      self->request = from->request != NULL ? json_object_ref (from->request) : NULL;
    }
  if (self->profile != from->profile)
    {
      g_clear_pointer (&self->profile, shou_profile_unref);
      self->profile = from->profile != NULL ? shou_profile_ref (from->profile) : NULL;
    }
  self->platform = from->platform;
}

void
shou_nego_context_clear (ShouNegoContext *self)
{
  g_clear_object (&self->store);
  g_clear_pointer (&self->request_id, g_free);
  g_clear_pointer (&self->request, json_object_unref);
  g_clear_pointer (&self->profile, shou_profile_unref);
}

void
shou_nego_set_problem (GtkLabel   *label,
                       const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

void
shou_nego_toast (GtkWidget  *widget,
                 const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL && text != NULL)
    shou_ui_toast (ADW_TOAST_OVERLAY (overlay), text, SHOU_TOAST_TIMEOUT);
}

gboolean
shou_nego_enqueue (GtkWidget             *widget,
                   const ShouNegoContext *ctx,
                   ShouAction             action,
                   JsonObject            *params,
                   GtkLabel              *problem_label)
{
  g_autoptr(GError) error = NULL;
  gint64 version = json_object_get_int_member_with_default (ctx->request, "version", 0);

  if (!shou_store_enqueue_action (ctx->store, ctx->request_id, action, params, version, &error))
    {
      if (problem_label != NULL)
        shou_nego_set_problem (problem_label, error->message);
      shou_nego_toast (widget, error->message);
      return FALSE;
    }
  shou_nego_toast (widget, _("Saved: it is sent to the platform with the next sync"));
  gtk_widget_activate_action (widget, "nego.sent", "s", shou_action_to_string (action));
  return TRUE;
}

/* Platforms hand out masked numbers only; the order's copy is the fallback. */
char *
shou_nego_describe_phone (JsonObject *request,
                          gboolean    revealed,
                          gboolean   *can_reveal)
{
  const char *phone = shou_nego_json_get_string (shou_nego_json_get_object (request, "negotiation"), "buyer_phone");

  if (phone == NULL)
    phone = shou_nego_json_get_string (shou_nego_json_get_object (shou_nego_json_get_object (request, "order"), "buyer"), "phone");
  *can_reveal = phone != NULL && !revealed;
  if (phone == NULL)
    return g_strdup (_("No phone number given"));
  if (revealed && strchr (phone, '*') != NULL)
    /* Translators: %s is a masked phone number such as 138****5678 */
    return g_strdup_printf (_("%s — the platform gives only the masked number; call through the platform’s call button, which connects you without showing it"), phone);
  return g_strdup (phone);
}

char *
shou_nego_describe_round (JsonObject *round)
{
  GString *s = g_string_new (NULL);
  const char *text = shou_nego_json_get_string (round, "text");
  const char *proposal = shou_nego_json_get_string (round, "proposal");
  const char *reply = shou_nego_json_get_string (round, "reply");
  ShouProposal p = SHOU_PROPOSAL_NONE;

  if (proposal != NULL && shou_proposal_from_string (proposal, &p) && p != SHOU_PROPOSAL_NONE)
    {
      gint64 amount = json_object_get_int_member_with_default (round, "amount_fen", 0);

      g_string_append (s, shou_proposal_get_label (p));
      if (amount > 0)
        {
          g_autofree char *money = shou_money_format (amount);

          g_string_append_printf (s, " %s", money);
        }
      g_string_append (s, "\n");
    }
  g_string_append (s, text != NULL ? text : "");
  if (reply != NULL && *reply != '\0')
    /* Translators: the buyer's reply to a negotiation round */
    g_string_append_printf (s, "\n\n%s “%s”", _("Buyer replied:"), reply);
  else if (json_object_get_boolean_member_with_default (round, "accepted", FALSE))
    g_string_append_printf (s, "\n\n%s", _("The buyer accepted."));
  else
    g_string_append_printf (s, "\n\n%s", _("No reply from the buyer."));
  return g_string_free (s, FALSE);
}

JsonArray *
shou_nego_strv_to_json (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

void
shou_nego_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}
