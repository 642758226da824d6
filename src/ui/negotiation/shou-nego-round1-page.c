/* shou-nego-round1-page.c: round 1, a message built from scripts. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-nego-round1-page.h"
#include "shou-nego-scripts.h"

struct _ShouNegoRound1Page
{
  AdwBin            parent_instance;

  ShouNegoContext   ctx;
  ShouNegoScripts   scripts;

  /* Template widgets */
  GtkLabel         *round1_intro_label;
  GtkListBox       *scripts1_list;
  ShouScriptEditor *editor1;
  GtkButton        *save_script1_button;
  AdwActionRow     *phone1_row;
  GtkButton        *reveal1_button;
  GtkLabel         *send1_problem_label;
  GtkButton        *send1_button;
};

G_DEFINE_FINAL_TYPE (ShouNegoRound1Page, shou_nego_round1_page, ADW_TYPE_BIN)

/* The send button stays disabled, with the reason as tooltip, until the
 * message is clean. */
static void
update_send_button (ShouNegoRound1Page *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->send1_button), shou_script_editor_get_clean (self->editor1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send1_button),
                               shou_script_editor_get_problem (self->editor1));
}

void
shou_nego_round1_page_set_context (ShouNegoRound1Page    *self,
                                   const ShouNegoContext *ctx)
{
  gboolean first = self->ctx.profile == NULL && ctx->profile != NULL;

  g_return_if_fail (SHOU_IS_NEGO_ROUND1_PAGE (self));

  shou_nego_context_set (&self->ctx, ctx);
  if (first)
    shou_script_editor_set_limits (self->editor1, 0, shou_profile_get_message_max (ctx->profile),
                                   shou_profile_get_message_in_bytes (ctx->profile));
  update_send_button (self);
}

void
shou_nego_round1_page_enter (ShouNegoRound1Page *self)
{
  g_return_if_fail (SHOU_IS_NEGO_ROUND1_PAGE (self));

  shou_nego_scripts_fill (&self->scripts);
  gtk_label_set_label (self->round1_intro_label, _("Understand why the buyer asks before rejecting anything. The message is sent to the buyer through the platform. The buyer then has time to reply."));
}

void
shou_nego_round1_page_set_phone (ShouNegoRound1Page *self,
                                 const char         *shown,
                                 gboolean            can_reveal)
{
  g_return_if_fail (SHOU_IS_NEGO_ROUND1_PAGE (self));

  adw_action_row_set_subtitle (self->phone1_row, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal1_button), can_reveal);
}

static void
on_scripts_list_row_activated_cb (GtkListBox         *list,
                                  GtkListBoxRow      *row,
                                  ShouNegoRound1Page *self)
{
  shou_nego_scripts_pick (&self->scripts, row);
}

static void
on_save_script_button_clicked_cb (GtkButton          *button,
                                  ShouNegoRound1Page *self)
{
  shou_nego_scripts_ask_save (&self->scripts, GTK_WIDGET (self));
}

static void
on_editor_notify_problem_cb (ShouNegoRound1Page *self)
{
  update_send_button (self);
}

static void
on_reveal_button_clicked_cb (ShouNegoRound1Page *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "nego.reveal-phone", NULL);
}

static void
on_send1_button_clicked_cb (ShouNegoRound1Page *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor1);

  if (!shou_script_editor_get_clean (self->editor1))
    {
      shou_nego_set_problem (self->send1_problem_label, shou_script_editor_get_problem (self->editor1));
      return;
    }
  shou_nego_set_problem (self->send1_problem_label, NULL);

  json_object_set_int_member (params, "round", 1);
  json_object_set_string_member (params, "text", g_strstrip (text));
  json_object_set_array_member (params, "scripts", shou_nego_scripts_get_ids (&self->scripts));
  shou_nego_enqueue (GTK_WIDGET (self), &self->ctx, SHOU_ACTION_NEGOTIATE, params, self->send1_problem_label);
}

static void
shou_nego_round1_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_NEGO_ROUND1_PAGE);

  G_OBJECT_CLASS (shou_nego_round1_page_parent_class)->dispose (object);
}

static void
shou_nego_round1_page_finalize (GObject *object)
{
  ShouNegoRound1Page *self = SHOU_NEGO_ROUND1_PAGE (object);

  shou_nego_scripts_clear (&self->scripts);
  shou_nego_context_clear (&self->ctx);

  G_OBJECT_CLASS (shou_nego_round1_page_parent_class)->finalize (object);
}

static void
shou_nego_round1_page_class_init (ShouNegoRound1PageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_nego_round1_page_dispose;
  object_class->finalize = shou_nego_round1_page_finalize;

  g_type_ensure (SHOU_TYPE_SCRIPT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-nego-round1-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, round1_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, scripts1_list);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, editor1);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, save_script1_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, phone1_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, reveal1_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, send1_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegoRound1Page, send1_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scripts_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_script_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_notify_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send1_button_clicked_cb);
}

static void
shou_nego_round1_page_init (ShouNegoRound1Page *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  shou_nego_scripts_init (&self->scripts, 1);
  self->scripts.list = self->scripts1_list;
  self->scripts.editor = self->editor1;
  self->scripts.ctx = &self->ctx;
  shou_nego_set_problem (self->send1_problem_label, NULL);
  update_send_button (self);
}
