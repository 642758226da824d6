/* shou-nego-reject-page.c: the rejection form and its gate. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "shou-negotiation-state.h"
#include "shou-nego-reject-page.h"
#include "shou-script-editor.h"

struct _ShouNegoRejectPage
{
  AdwBin               parent_instance;

  ShouNegoContext      ctx;
  GtkStringList       *reason_model;
  GtkWidget           *picker;

  /* Template widgets */
  GtkLabel            *reject_intro_label;
  GtkLabel            *nego_summary_label;
  AdwComboRow         *reason_row;
  GtkLabel            *reason_hint_label;
  ShouScriptEditor    *editor_reject;
  AdwPreferencesGroup *evidence3_group;
  GtkBox              *evidence3_box;
  GtkLabel            *reject_problem_label;
  GtkButton           *reject_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoRejectPage, shou_nego_reject_page, ADW_TYPE_BIN)

static const ShouRejectReason *
get_selected_reason (ShouNegoRejectPage *self)
{
  const ShouRejectReason *reasons;
  guint n_reasons = 0;
  guint i = adw_combo_row_get_selected (self->reason_row);

  if (self->ctx.profile == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  reasons = shou_profile_get_reject_reasons (self->ctx.profile, &n_reasons);
  return i - 1 < n_reasons ? &reasons[i - 1] : NULL;
}

static void
update_send_button (ShouNegoRejectPage *self)
{
  const ShouRejectReason *reason = get_selected_reason (self);
  gboolean ok = shou_script_editor_get_clean (self->editor_reject) && reason != NULL;
  const char *problem = reason == NULL
                        ? shou_reason_get_message (SHOU_REASON_REASON_REQUIRED)
                        : shou_script_editor_get_problem (self->editor_reject);

  gtk_widget_set_sensitive (GTK_WIDGET (self->reject_button), ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), problem);
}

static void
on_reason_row_notify_selected_cb (ShouNegoRejectPage *self)
{
  const ShouRejectReason *reason = get_selected_reason (self);

  if (reason == NULL)
    gtk_label_set_label (self->reason_hint_label, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
  else if (reason->evidence_required || shou_profile_get_reject_evidence_required (self->ctx.profile))
    gtk_label_set_label (self->reason_hint_label, _("This reason needs evidence."));
  else
    gtk_label_set_label (self->reason_hint_label, _("Evidence is optional for this reason, but it helps if the buyer asks the platform to step in."));
  shou_nego_set_problem (self->reject_problem_label, NULL);
  update_send_button (self);
}

static void
on_picker_count_notify_cb (ShouNegoRejectPage *self)
{
  shou_nego_set_problem (self->reject_problem_label, NULL);
}

static void
setup_profile (ShouNegoRejectPage *self)
{
  const ShouRejectReason *reasons;
  guint n_reasons = 0;

  shou_script_editor_set_limits (self->editor_reject,
                                 shou_profile_get_explanation_min (self->ctx.profile),
                                 shou_profile_get_explanation_max (self->ctx.profile),
                                 FALSE);

  reasons = shou_profile_get_reject_reasons (self->ctx.profile, &n_reasons);
  g_clear_object (&self->reason_model);
  self->reason_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->reason_model, _("Choose a reason"));
  for (guint i = 0; i < n_reasons; i++)
    gtk_string_list_append (self->reason_model, shou_reject_reason_text (reasons[i].code, reasons[i].text));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (self->reason_model));
  adw_combo_row_set_selected (self->reason_row, 0);
  on_reason_row_notify_selected_cb (self);
}

void
shou_nego_reject_page_set_context (ShouNegoRejectPage    *self,
                                   const ShouNegoContext *ctx)
{
  gboolean first = self->ctx.profile == NULL && ctx->profile != NULL;

  g_return_if_fail (SHOU_IS_NEGO_REJECT_PAGE (self));

  shou_nego_context_set (&self->ctx, ctx);
  if (self->picker == NULL && ctx->store != NULL)
    {
      self->picker = shou_evidence_picker_new (ctx->store, ctx->request_id);
      shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (self->picker), SHOU_EVIDENCE_CHAT_SCREENSHOT);
      gtk_box_append (self->evidence3_box, self->picker);
      g_signal_connect_object (self->picker, "notify::count",
                               G_CALLBACK (on_picker_count_notify_cb), self, G_CONNECT_SWAPPED);
    }
  if (first)
    setup_profile (self);
  update_send_button (self);
}

void
shou_nego_reject_page_update (ShouNegoRejectPage *self)
{
  GString *s = g_string_new (NULL);
  g_autofree char *summary = NULL;

  g_return_if_fail (SHOU_IS_NEGO_REJECT_PAGE (self));

  for (guint round = 1; round <= 2; round++)
    {
      JsonObject *r = shou_nego_get_round (self->ctx.request, round);
      g_autofree char *text = NULL;

      if (r == NULL)
        continue;
      text = shou_nego_describe_round (r);
      if (s->len > 0)
        g_string_append (s, "\n\n");
      /* Translators: %u is the negotiation round */
      g_string_append_printf (s, _("Round %u: "), round);
      g_string_append (s, text);
    }
  if (s->len == 0)
    g_string_append (s, _("No negotiation was sent."));
  summary = g_string_free (s, FALSE);
  gtk_label_set_label (self->nego_summary_label, summary);
  gtk_label_set_label (self->reject_intro_label,
                       _("Choose the reason the platform will show, explain in detail and attach real evidence. False evidence ends in a forced refund."));
}

static void
on_editor_notify_problem_cb (ShouNegoRejectPage *self)
{
  update_send_button (self);
}

/* The rejection gate: the negotiation state, a coded reason, the
 * explanation's length and the reason's evidence rule, in that order. */
static void
on_reject_button_clicked_cb (ShouNegoRejectPage *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor_reject);
  g_auto(GStrv) evidence = NULL;
  const ShouRejectReason *reason = get_selected_reason (self);
  ShouReason why = SHOU_REASON_NONE;

  if (!shou_nego_can_reject (self->ctx.request, self->ctx.profile, &why))
    {
      shou_nego_set_problem (self->reject_problem_label, shou_reason_get_message (why));
      return;
    }
  if (reason == NULL)
    {
      shou_nego_set_problem (self->reject_problem_label, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      return;
    }
  if (!shou_script_editor_get_clean (self->editor_reject))
    {
      shou_nego_set_problem (self->reject_problem_label, shou_script_editor_get_problem (self->editor_reject));
      return;
    }
  evidence = self->picker != NULL
             ? shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (self->picker))
             : NULL;
  if ((reason->evidence_required || shou_profile_get_reject_evidence_required (self->ctx.profile)) &&
      (evidence == NULL || evidence[0] == NULL))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the rejection reason as the platform shows it */
      message = g_strdup_printf (_("Attach evidence first: “%s” needs real evidence before the rejection can be sent."),
                                 reason->text);
      shou_nego_set_problem (self->reject_problem_label, message);
      return;
    }
  shou_nego_set_problem (self->reject_problem_label, NULL);

  json_object_set_string_member (params, "reason_code", reason->code);
  json_object_set_string_member (params, "explanation", g_strstrip (text));
  json_object_set_array_member (params, "evidence", shou_nego_strv_to_json (evidence));
  shou_nego_enqueue (GTK_WIDGET (self), &self->ctx, SHOU_ACTION_REJECT, params, self->reject_problem_label);
}

static void
shou_nego_reject_page_dispose (GObject *object)
{
  ShouNegoRejectPage *self = SHOU_NEGO_REJECT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_REJECT_PAGE);
  self->picker = NULL;
  g_clear_object (&self->reason_model);

  G_OBJECT_CLASS (shou_nego_reject_page_parent_class)->dispose (object);
}

static void
shou_nego_reject_page_finalize (GObject *object)
{
  ShouNegoRejectPage *self = SHOU_NEGO_REJECT_PAGE (object);

  shou_nego_context_clear (&self->ctx);

  G_OBJECT_CLASS (shou_nego_reject_page_parent_class)->finalize (object);
}

static void
shou_nego_reject_page_class_init (ShouNegoRejectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_reject_page_dispose;
  object_class->finalize = shou_nego_reject_page_finalize;

  g_type_ensure (SHOU_TYPE_SCRIPT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-reject-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, reject_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, nego_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, reason_hint_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, editor_reject);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, evidence3_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, evidence3_box);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, reject_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRejectPage, reject_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_notify_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reject_button_clicked_cb);
}

static void
shou_nego_reject_page_init (ShouNegoRejectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shou_nego_set_problem (self->reject_problem_label, NULL);
  update_send_button (self);
}
