/* shou-nego-round2-page.c: round 2, a proposed resolution. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "shou-negotiation-state.h"
#include "shou-nego-round2-page.h"
#include "shou-nego-scripts.h"

struct _ShouNegoRound2Page
{
  AdwBin               parent_instance;

  ShouNegoContext      ctx;
  ShouNegoScripts      scripts;
  GtkStringList       *proposal_model;
  GtkWidget           *picker;
  gboolean             shown;

  /* Template widgets */
  GtkLabel            *round2_intro_label;
  GtkLabel            *round1_summary_label;
  AdwComboRow         *proposal_row;
  AdwEntryRow         *amount_row;
  AdwPreferencesGroup *scripts2_group;
  GtkListBox          *scripts2_list;
  ShouScriptEditor    *editor2;
  GtkButton           *save_script2_button;
  AdwPreferencesGroup *evidence2_group;
  GtkBox              *evidence2_box;
  GtkLabel            *send2_problem_label;
  GtkButton           *send2_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoRound2Page, shou_nego_round2_page, ADW_TYPE_BIN)

/* Round-2 proposals in the order the combo row lists them. */
static const ShouProposal proposals[] = {
  SHOU_PROPOSAL_PARTIAL_REFUND,
  SHOU_PROPOSAL_EXCHANGE,
  SHOU_PROPOSAL_RESEND,
  SHOU_PROPOSAL_REPAIR,
  SHOU_PROPOSAL_COMPENSATION,
};

static ShouProposal
get_selected_proposal (ShouNegoRound2Page *self)
{
  guint i = adw_combo_row_get_selected (self->proposal_row);

  return i < G_N_ELEMENTS (proposals) ? proposals[i] : SHOU_PROPOSAL_NONE;
}

static gboolean
proposal_has_amount (ShouProposal proposal)
{
  return proposal == SHOU_PROPOSAL_PARTIAL_REFUND || proposal == SHOU_PROPOSAL_COMPENSATION;
}

/* The send button stays disabled, with the reason as tooltip, until the
 * message is clean and the amount reads; evidence is checked on click
 * because the picker imports asynchronously and the message must then name
 * what is missing. */
static void
update_send_button (ShouNegoRound2Page *self)
{
  ShouProposal proposal = get_selected_proposal (self);
  gboolean ok = shou_script_editor_get_clean (self->editor2) && proposal != SHOU_PROPOSAL_NONE;
  const char *problem = shou_script_editor_get_problem (self->editor2);

  if (proposal_has_amount (proposal))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
      gint64 fen = 0;

      if (!shou_money_parse (text, &fen, NULL) || fen <= 0)
        {
          ok = FALSE;
          if (problem == NULL)
            problem = _("Enter the amount in yuan, e.g. 12.50");
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->send2_button), ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send2_button), problem);
}

static void
on_picker_count_notify_cb (ShouNegoRound2Page *self)
{
  shou_nego_set_problem (self->send2_problem_label, NULL);
}

void
shou_nego_round2_page_set_context (ShouNegoRound2Page    *self,
                                   const ShouNegoContext *ctx)
{
  gboolean first = self->ctx.profile == NULL && ctx->profile != NULL;

  g_return_if_fail (SHOU_IS_NEGO_ROUND2_PAGE (self));

  shou_nego_context_set (&self->ctx, ctx);
  if (self->picker == NULL && ctx->store != NULL)
    {
      self->picker = shou_evidence_picker_new (ctx->store, ctx->request_id);
      shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (self->picker), SHOU_EVIDENCE_PRODUCT_PHOTO);
      gtk_box_append (self->evidence2_box, self->picker);
      g_signal_connect_object (self->picker, "notify::count",
                               G_CALLBACK (on_picker_count_notify_cb), self, G_CONNECT_SWAPPED);
    }
  if (first)
    shou_script_editor_set_limits (self->editor2, 0, shou_profile_get_message_max (ctx->profile),
                                   shou_profile_get_message_in_bytes (ctx->profile));
  update_send_button (self);
}

void
shou_nego_round2_page_update (ShouNegoRound2Page *self,
                              gboolean            entering)
{
  JsonObject *r1;
  g_autofree char *summary = NULL;
  gboolean evidence;

  g_return_if_fail (SHOU_IS_NEGO_ROUND2_PAGE (self));

  r1 = shou_nego_get_round (self->ctx.request, 1);
  summary = r1 != NULL ? shou_nego_describe_round (r1) : g_strdup (_("Round 1 was not sent."));
  evidence = shou_profile_get_round2_evidence_required (self->ctx.profile);
  gtk_label_set_label (self->round1_summary_label, summary);
  gtk_label_set_label (self->round2_intro_label,
                       _("Based on round 1, propose how to settle the request. The buyer sees your proposal and may accept it, which ends the request."));
  adw_preferences_group_set_description (self->evidence2_group,
                                         evidence
                                         ? _("Required: attach valid evidence such as photos or chat screenshots.")
                                         : _("Optional, but evidence makes the proposal convincing."));
  self->shown = TRUE;
  if (entering)
    shou_nego_scripts_fill (&self->scripts);
}

static void
on_scripts_list_row_activated_cb (GtkListBox         *list,
                                  GtkListBoxRow      *row,
                                  ShouNegoRound2Page *self)
{
  shou_nego_scripts_pick (&self->scripts, row);
}

static void
on_save_script_button_clicked_cb (GtkButton          *button,
                                  ShouNegoRound2Page *self)
{
  shou_nego_scripts_ask_save (&self->scripts, GTK_WIDGET (self));
}

static void
on_editor_notify_problem_cb (ShouNegoRound2Page *self)
{
  update_send_button (self);
}

static void
on_amount_row_changed_cb (ShouNegoRound2Page *self)
{
  shou_nego_set_problem (self->send2_problem_label, NULL);
  update_send_button (self);
}

static void
on_proposal_row_notify_selected_cb (ShouNegoRound2Page *self)
{
  ShouProposal proposal = get_selected_proposal (self);

  self->scripts.proposal = shou_proposal_to_string (proposal);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), proposal_has_amount (proposal));
  if (self->ctx.request != NULL && self->shown)
    shou_nego_scripts_fill (&self->scripts);
  update_send_button (self);
}

/* The amount of a partial refund or a small compensation: more than zero
 * and below what the buyer asked. FALSE (and the problem shown) if not. */
static gboolean
read_amount (ShouNegoRound2Page *self,
             ShouProposal        proposal,
             gint64             *fen)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = json_object_get_int_member_with_default (self->ctx.request, "amount_fen", 0);
  g_autofree char *max = NULL;
  g_autofree char *message = NULL;

  if (!shou_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), fen, &error))
    {
      shou_nego_set_problem (self->send2_problem_label, error->message);
      return FALSE;
    }
  if (*fen > 0 && *fen <= amount &&
      (proposal != SHOU_PROPOSAL_PARTIAL_REFUND || *fen != amount))
    return TRUE;

  max = shou_money_format (amount);
  /* Translators: %s is the requested amount, e.g. ¥25.00 */
  message = g_strdup_printf (_("The amount must be more than zero and less than the requested %s"), max);
  shou_nego_set_problem (self->send2_problem_label, message);
  return FALSE;
}

/* Round 2 needs a proposal, an amount for partial refunds and small
 * compensations, and evidence when the profile says so; nothing is queued
 * until all of it holds. */
static void
on_send2_button_clicked_cb (ShouNegoRound2Page *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor2);
  g_auto(GStrv) evidence = NULL;
  ShouProposal proposal = get_selected_proposal (self);
  gint64 fen = 0;

  if (!shou_script_editor_get_clean (self->editor2))
    {
      shou_nego_set_problem (self->send2_problem_label, shou_script_editor_get_problem (self->editor2));
      return;
    }
  if (proposal_has_amount (proposal) && !read_amount (self, proposal, &fen))
    return;

  evidence = self->picker != NULL
             ? shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (self->picker))
             : NULL;
  if (shou_profile_get_round2_evidence_required (self->ctx.profile) &&
      (evidence == NULL || evidence[0] == NULL))
    {
      shou_nego_set_problem (self->send2_problem_label,
                             _("Attach evidence first: the platform requires it for the round-2 proposal."));
      return;
    }
  shou_nego_set_problem (self->send2_problem_label, NULL);

  json_object_set_int_member (params, "round", 2);
  json_object_set_string_member (params, "text", g_strstrip (text));
  json_object_set_array_member (params, "scripts", shou_nego_scripts_get_ids (&self->scripts));
  json_object_set_string_member (params, "proposal", shou_proposal_to_string (proposal));
  if (fen > 0)
    json_object_set_int_member (params, "amount_fen", fen);
  json_object_set_array_member (params, "evidence", shou_nego_strv_to_json (evidence));
  shou_nego_enqueue (GTK_WIDGET (self), &self->ctx, SHOU_ACTION_NEGOTIATE, params, self->send2_problem_label);
}

static void
shou_nego_round2_page_dispose (GObject *object)
{
  ShouNegoRound2Page *self = SHOU_NEGO_ROUND2_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_ROUND2_PAGE);
  self->picker = NULL;
  g_clear_object (&self->proposal_model);

  G_OBJECT_CLASS (shou_nego_round2_page_parent_class)->dispose (object);
}

static void
shou_nego_round2_page_finalize (GObject *object)
{
  ShouNegoRound2Page *self = SHOU_NEGO_ROUND2_PAGE (object);

  shou_nego_scripts_clear (&self->scripts);
  shou_nego_context_clear (&self->ctx);

  G_OBJECT_CLASS (shou_nego_round2_page_parent_class)->finalize (object);
}

static void
shou_nego_round2_page_class_init (ShouNegoRound2PageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_round2_page_dispose;
  object_class->finalize = shou_nego_round2_page_finalize;

  g_type_ensure (SHOU_TYPE_SCRIPT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-round2-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, round2_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, round1_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, proposal_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, scripts2_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, scripts2_list);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, editor2);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, save_script2_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, evidence2_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, evidence2_box);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, send2_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound2Page, send2_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scripts_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_script_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_notify_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_proposal_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send2_button_clicked_cb);
}

static void
shou_nego_round2_page_init (ShouNegoRound2Page *self)
{
  shou_nego_scripts_init (&self->scripts, 2);
  self->scripts.ctx = &self->ctx;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scripts.list = self->scripts2_list;
  self->scripts.editor = self->editor2;
  self->proposal_model = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (proposals); i++)
    gtk_string_list_append (self->proposal_model, shou_proposal_get_label (proposals[i]));
  adw_combo_row_set_model (self->proposal_row, G_LIST_MODEL (self->proposal_model));
  adw_combo_row_set_selected (self->proposal_row, 0);
  self->scripts.proposal = shou_proposal_to_string (get_selected_proposal (self));

  shou_nego_set_problem (self->send2_problem_label, NULL);
  update_send_button (self);
}
