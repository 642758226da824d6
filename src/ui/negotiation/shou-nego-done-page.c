/* shou-nego-done-page.c: how the negotiation ended. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/shou-ui-util.h"
#include "shou-negotiation-state.h"
#include "shou-nego-done-page.h"

struct _ShouNegoDonePage
{
  AdwBin         parent_instance;

  /* Template widgets */
  AdwStatusPage *done_status;
  GtkButton     *done_close_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoDonePage, shou_nego_done_page, ADW_TYPE_BIN)

static void
describe_status (JsonObject  *request,
                 ShouReason   blocked,
                 const char **icon,
                 const char **title,
                 char       **description)
{
  ShouRequestStatus status = SHOU_STATUS_CLOSED;

  shou_status_from_string (shou_nego_json_get_string (request, "status"), &status);
  switch (status)
    {
    case SHOU_STATUS_SUCCESS:
      *title = _("Request Resolved");
      for (guint round = 1; round <= 2 && *description == NULL; round++)
        {
          JsonObject *r = shou_nego_get_round (request, round);

          if (r != NULL && json_object_get_boolean_member_with_default (r, "accepted", FALSE))
            /* Translators: %u is the negotiation round */
            *description = g_strdup_printf (_("The buyer accepted your proposal in round %u."), round);
        }
      if (*description == NULL)
        *description = g_strdup (shou_status_get_label (status));
      break;
    case SHOU_STATUS_REFUSED:
      *icon = "action-unavailable-symbolic";
      *title = _("Request Rejected");
      *description = g_strdup (_("The buyer may modify the request or ask the platform to step in."));
      break;
    case SHOU_STATUS_CLOSED:
      *icon = "window-close-symbolic";
      *title = _("Request Closed");
      *description = g_strdup (_("The buyer withdrew the request, or the platform closed it."));
      break;
    case SHOU_STATUS_INTERVENTION:
      *icon = "dialog-warning-symbolic";
      *title = _("The Platform Is Handling This Request");
      *description = g_strdup (_("Upload your evidence to the intervention ticket instead."));
      break;
    case SHOU_STATUS_WAIT_SELLER:
    case SHOU_STATUS_NEGOTIATING:
    case SHOU_STATUS_WAIT_BUYER_RETURN:
    case SHOU_STATUS_WAIT_SELLER_RECEIPT:
    case SHOU_STATUS_WAIT_SELLER_SHIP:
    case SHOU_STATUS_WAIT_REFUND_PROOF:
    case SHOU_N_STATUSES:
    default:
      *icon = "dialog-information-symbolic";
      *title = shou_status_get_label (status);
      *description = g_strdup (blocked != SHOU_REASON_NONE
                               ? shou_reason_get_message (blocked)
                               : _("There is nothing to reject at this step."));
      break;
    }
}

void
shou_nego_done_page_update (ShouNegoDonePage *self,
                            JsonObject       *request,
                            ShouAction        final_action,
                            ShouReason        blocked)
{
  g_autofree char *description = NULL;
  const char *title;
  const char *icon = "emblem-ok-symbolic";
  gboolean queued = final_action != SHOU_N_ACTIONS && shou_nego_has_pending (request);

  g_return_if_fail (SHOU_IS_NEGO_DONE_PAGE (self));

  if (queued && final_action == SHOU_ACTION_REJECT)
    {
      title = _("Rejection Queued");
      description = g_strdup (_("It is sent to the platform with the next sync. The buyer may then modify the request or ask the platform to step in."));
    }
  else if (queued && final_action == SHOU_ACTION_AGREE_REFUND)
    {
      title = _("Refund Agreed");
      description = g_strdup (_("It is sent to the platform with the next sync."));
    }
  else
    describe_status (request, blocked, &icon, &title, &description);

  adw_status_page_set_icon_name (self->done_status, icon);
  adw_status_page_set_title (self->done_status, title);
  shou_ui_status_page_set_text (self->done_status, description);
}

void
shou_nego_done_page_show_error (ShouNegoDonePage *self,
                                const char       *message)
{
  g_return_if_fail (SHOU_IS_NEGO_DONE_PAGE (self));

  adw_status_page_set_icon_name (self->done_status, "dialog-error-symbolic");
  adw_status_page_set_title (self->done_status, _("Request Not Available"));
  shou_ui_status_page_set_text (self->done_status, message);
}

static void
on_done_close_button_clicked_cb (ShouNegoDonePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "nego.close", NULL);
}

static void
shou_nego_done_page_dispose (GObject *object)
{
  /* The status page is the bin's own child: the bin lets it go first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_DONE_PAGE);

  G_OBJECT_CLASS (shou_nego_done_page_parent_class)->dispose (object);
}

static void
shou_nego_done_page_class_init (ShouNegoDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_done_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoDonePage, done_status);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoDonePage, done_close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_close_button_clicked_cb);
}

static void
shou_nego_done_page_init (ShouNegoDonePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
