/* shou-nego-wait-page.c: the wait for the buyer's reply. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-negotiation-state.h"
#include "shou-nego-wait-page.h"

struct _ShouNegoWaitPage
{
  AdwBin        parent_instance;

  JsonObject   *request;
  gboolean      lapse_sync_requested;

  /* Template widgets */
  GtkLabel     *wait_heading;
  GtkLabel     *wait_intro_label;
  GtkLabel     *wait_countdown_label;
  GtkLabel     *wait_until_label;
  GtkLabel     *wait_sent_label;
  GtkLabel     *wait_reply_label;
  AdwActionRow *phone2_row;
  GtkButton    *reveal2_button;
  GtkLabel     *wait_reason_label;
  GtkButton    *wait_reject_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoWaitPage, shou_nego_wait_page, ADW_TYPE_BIN)

void
shou_nego_wait_page_tick (ShouNegoWaitPage *self,
                          gint64            now)
{
  JsonObject *nego = shou_nego_json_get_object (self->request, "negotiation");
  gint64 wait_until = shou_nego_json_get_time (nego, "wait_until");

  g_return_if_fail (SHOU_IS_NEGO_WAIT_PAGE (self));

  if (wait_until > 0 && now >= wait_until && !shou_nego_has_pending (self->request))
    {
      gtk_label_set_label (self->wait_countdown_label, _("The wait is over"));
      gtk_label_set_label (self->wait_until_label, _("Fetching the platform’s state…"));
      if (!self->lapse_sync_requested)
        {
          self->lapse_sync_requested = TRUE;
          gtk_widget_activate_action (GTK_WIDGET (self), "nego.sync", NULL);
        }
    }
  else if (wait_until > 0 && !shou_nego_has_pending (self->request))
    {
      g_autofree char *left = shou_countdown_format (wait_until, now);
      g_autofree char *when = shou_time_format_local (wait_until);
      /* Translators: %s is a local date and time */
      g_autofree char *until = g_strdup_printf (_("The wait ends at %s"), when);
      const char *css = shou_urgency_get_css_class (shou_urgency_for (wait_until, now));

      gtk_label_set_label (self->wait_countdown_label, left);
      gtk_label_set_label (self->wait_until_label, until);
      gtk_widget_remove_css_class (GTK_WIDGET (self->wait_countdown_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->wait_countdown_label), "error");
      if (g_strcmp0 (css, "danger") == 0 || g_strcmp0 (css, "overdue") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->wait_countdown_label), "error");
      else if (g_strcmp0 (css, "warning") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->wait_countdown_label), "warning");
    }
  else
    {
      gtk_label_set_label (self->wait_countdown_label, _("Waiting to sync"));
      gtk_label_set_label (self->wait_until_label,
                           _("The waiting time starts when the platform receives your message."));
    }
}

void
shou_nego_wait_page_update (ShouNegoWaitPage      *self,
                            const ShouNegoContext *ctx,
                            guint                  round,
                            gint64                 now,
                            gboolean               entering)
{
  JsonObject *r;
  g_autofree char *heading = NULL;
  const char *reply;

  g_return_if_fail (SHOU_IS_NEGO_WAIT_PAGE (self));

  if (self->request != ctx->request)
    {
      g_clear_pointer (&self->request, json_object_unref);
      self->request = ctx->request != NULL ? json_object_ref (ctx->request) : NULL;
    }
  if (entering)
    self->lapse_sync_requested = FALSE;

  r = shou_nego_get_round (self->request, round);
  reply = r != NULL ? shou_nego_json_get_string (r, "reply") : NULL;
  /* Translators: %u is the negotiation round, 1 or 2 */
  heading = g_strdup_printf (_("Round %u Sent: Waiting for the Buyer"), round);
  gtk_label_set_label (self->wait_heading, heading);
  gtk_label_set_label (self->wait_intro_label,
                       round == 1
                       ? _("The buyer has until the end of the wait to reply. Round 2 opens when they reply or the wait lapses.")
                       : _("The buyer has until the end of the wait to reply. Rejection opens when they reply or the wait lapses."));
  gtk_label_set_label (self->wait_sent_label, r != NULL ? shou_nego_json_get_string (r, "text") : "");
  gtk_label_set_label (self->wait_reply_label,
                       reply != NULL && *reply != '\0' ? reply : _("No reply yet."));
  shou_nego_wait_page_tick (self, now);
}

void
shou_nego_wait_page_set_can_reject (ShouNegoWaitPage *self,
                                    const char       *why_not)
{
  g_return_if_fail (SHOU_IS_NEGO_WAIT_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->wait_reject_button), why_not == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->wait_reject_button), why_not);
  gtk_label_set_label (self->wait_reason_label, why_not != NULL ? why_not : "");
}

void
shou_nego_wait_page_set_phone (ShouNegoWaitPage *self,
                               const char       *shown,
                               gboolean          can_reveal)
{
  g_return_if_fail (SHOU_IS_NEGO_WAIT_PAGE (self));

  adw_action_row_set_subtitle (self->phone2_row, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal2_button), can_reveal);
}

static void
on_reveal_button_clicked_cb (ShouNegoWaitPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "nego.reveal-phone", NULL);
}

static void
on_wait_reject_button_clicked_cb (ShouNegoWaitPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "nego.reject", NULL);
}

static void
shou_nego_wait_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_WAIT_PAGE);

  G_OBJECT_CLASS (shou_nego_wait_page_parent_class)->dispose (object);
}

static void
shou_nego_wait_page_finalize (GObject *object)
{
  ShouNegoWaitPage *self = SHOU_NEGO_WAIT_PAGE (object);

  g_clear_pointer (&self->request, json_object_unref);

  G_OBJECT_CLASS (shou_nego_wait_page_parent_class)->finalize (object);
}

static void
shou_nego_wait_page_class_init (ShouNegoWaitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_wait_page_dispose;
  object_class->finalize = shou_nego_wait_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-wait-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_heading);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_countdown_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_until_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_sent_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_reply_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, phone2_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, reveal2_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_reason_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoWaitPage, wait_reject_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_wait_reject_button_clicked_cb);
}

static void
shou_nego_wait_page_init (ShouNegoWaitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
