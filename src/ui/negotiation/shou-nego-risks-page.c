/* shou-nego-risks-page.c: the risk check before anything is sent. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-negotiation-state.h"
#include "shou-nego-risks-page.h"

struct _ShouNegoRisksPage
{
  AdwBin               parent_instance;

  GPtrArray           *risk_rows;

  /* Template widgets */
  GtkLabel            *summary_label;
  AdwPreferencesGroup *risks_group;
  GtkLabel            *plan_label;
  GtkLabel            *risks_problem_label;
  GtkButton           *risks_continue_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoRisksPage, shou_nego_risks_page, ADW_TYPE_BIN)

/* A profile duration as words ("2 days"): the countdown format would read
 * "… left", which is wrong for a rule. */
static char *
format_duration (gint64 usec)
{
  gint64 hours = usec / SHOU_USEC_PER_HOUR;

  if (hours >= 24 && hours % 24 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", (gulong) (hours / 24)),
                            (guint) (hours / 24));
  if (hours >= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", (gulong) hours),
                            (guint) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                       (gulong) (usec / SHOU_USEC_PER_MINUTE)),
                          (guint) (usec / SHOU_USEC_PER_MINUTE));
}

static GtkWidget *
make_risk_row (const char *icon_name,
               const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
add_risk_row (ShouNegoRisksPage *self,
              GtkWidget         *row)
{
  adw_preferences_group_add (self->risks_group, row);
  g_ptr_array_add (self->risk_rows, row);
}

/* Each risk with what it means, or a plain "no risk" row so the seller
 * sees that the check ran. */
static void
update_rows (ShouNegoRisksPage     *self,
             const ShouNegoContext *ctx,
             gint64                 now)
{
  guint risks = shou_nego_check_risks (ctx->request, ctx->profile, now);

  for (guint i = 0; i < self->risk_rows->len; i++)
    adw_preferences_group_remove (self->risks_group, g_ptr_array_index (self->risk_rows, i));
  g_ptr_array_set_size (self->risk_rows, 0);

  for (guint r = 0; r < SHOU_N_RISKS; r++)
    {
      GtkWidget *row;

      if ((risks & (1u << r)) == 0)
        continue;
      row = make_risk_row ("dialog-warning-symbolic",
                           shou_risk_get_title ((ShouRisk) r),
                           shou_risk_get_explanation ((ShouRisk) r));
      gtk_widget_add_css_class (row, "warning");
      gtk_widget_set_name (row, shou_risk_to_string ((ShouRisk) r));
      add_risk_row (self, row);
    }
  if (risks == 0)
    add_risk_row (self, make_risk_row ("emblem-ok-symbolic", _("No risk found"),
                                       _("The goods were not sent back, the logistics are moving and no deadline is about to lapse.")));
}

void
shou_nego_risks_page_update (ShouNegoRisksPage     *self,
                             const ShouNegoContext *ctx,
                             gint64                 now)
{
  JsonObject *request = ctx->request;
  g_autofree char *amount = shou_money_format (json_object_get_int_member_with_default (request, "amount_fen", 0));
  JsonObject *order = shou_nego_json_get_object (request, "order");
  const char *reason_text = shou_buyer_reason_text (shou_nego_json_get_string (request, "reason_code"),
                                                   shou_nego_json_get_string (request, "reason_text"));
  const char *buyer_text = shou_nego_json_get_string (request, "buyer_text");
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  g_autofree char *summary = NULL;
  g_autofree char *plan = NULL;

  g_return_if_fail (SHOU_IS_NEGO_RISKS_PAGE (self));

  update_rows (self, ctx, now);

  shou_request_type_from_string (shou_nego_json_get_string (request, "type"), &type);
  /* Translators: request type, amount, order number, buyer's reason */
  summary = g_strdup_printf (_("%s of %s · order %s · reason: %s"),
                             shou_request_type_get_label (type), amount,
                             order != NULL ? json_object_get_string_member_with_default (order, "order_no", "—") : "—",
                             reason_text != NULL ? reason_text : "—");
  if (buyer_text != NULL && *buyer_text != '\0')
    {
      char *with_text = g_strdup_printf ("%s\n“%s”", summary, buyer_text);

      g_free (summary);
      summary = with_text;
    }
  gtk_label_set_label (self->summary_label, summary);

  if (shou_profile_get_negotiation_required (ctx->profile))
    {
      g_autofree char *wait = format_duration (shou_profile_get_negotiation_wait (ctx->profile));

      /* Translators: %s is the platform, then the waiting time, e.g. "2 days" */
      plan = g_strdup_printf (_("%s requires negotiation before a rejection: send round 1, wait for the buyer’s reply (%s), propose a resolution with evidence in round 2, wait again, and only then reject with a reason, an explanation and evidence. The buyer may accept at any point, and you may agree to the refund at any point."),
                              shou_platform_get_label (ctx->platform), wait);
    }
  else
    plan = g_strdup_printf (_("%s does not require negotiation, but a short talk with the buyer settles most requests without a dispute. You may reject at any time with “Reject…”."),
                            shou_platform_get_label (ctx->platform));
  gtk_label_set_label (self->plan_label, plan);
}

static void
on_risks_continue_button_clicked_cb (ShouNegoRisksPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "nego.continue", NULL);
}

static void
shou_nego_risks_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_RISKS_PAGE);

  G_OBJECT_CLASS (shou_nego_risks_page_parent_class)->dispose (object);
}

static void
shou_nego_risks_page_finalize (GObject *object)
{
  ShouNegoRisksPage *self = SHOU_NEGO_RISKS_PAGE (object);

  g_clear_pointer (&self->risk_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (shou_nego_risks_page_parent_class)->finalize (object);
}

static void
shou_nego_risks_page_class_init (ShouNegoRisksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_risks_page_dispose;
  object_class->finalize = shou_nego_risks_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-risks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRisksPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRisksPage, risks_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRisksPage, plan_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRisksPage, risks_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRisksPage, risks_continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_risks_continue_button_clicked_cb);
}

static void
shou_nego_risks_page_init (ShouNegoRisksPage *self)
{
  self->risk_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  shou_nego_set_problem (self->risks_problem_label, NULL);
}
