/* shou-negotiation-dialog.c: risk check, two negotiation rounds, rejection.
 * The dialog follows the request in the store and shows the page of its
 * step; each page (shou-nego-*-page.c) is its own widget and reaches the
 * dialog through the "nego." actions (shou-nego-page.h). The dialog keeps
 * the header (agree, reject), the conflict and pending bars. */
#include "config.h"

#include <glib/gi18n.h>

#include "sync/shou-api-errors.h"
#include "ui/shou-ui-util.h"
#include "shou-negotiation-dialog.h"
#include "shou-negotiation-state.h"
#include "shou-nego-done-page.h"
#include "shou-nego-reject-page.h"
#include "shou-nego-risks-page.h"
#include "shou-nego-round1-page.h"
#include "shou-nego-round2-page.h"
#include "shou-nego-wait-page.h"

struct _ShouNegotiationDialog
{
  AdwWindow               parent_instance;

  ShouNegoContext         ctx;
  ShouNegoStep            step;
  ShouNegotiationNowFunc  now_func;
  gpointer                now_data;
  GDestroyNotify          now_destroy;
  guint                   tick_id;
  gulong                  changed_id;
  gboolean                risks_seen;
  gboolean                reject_chosen;
  gboolean                phone_revealed;
  ShouReason              blocked_reason;
  /* The seller queued an action that ends the flow in this session. */
  ShouAction              final_action;
  gboolean                final_queued;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  GtkButton              *agree_button;
  GtkButton              *header_reject_button;
  GtkInfoBar             *conflict_bar;
  GtkLabel               *conflict_label;
  GtkButton              *conflict_dismiss_button;
  GtkInfoBar             *pending_bar;
  GtkLabel               *pending_label;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  ShouNegoRisksPage      *risks_page;
  ShouNegoRound1Page     *round1_page;
  ShouNegoWaitPage       *wait_page;
  ShouNegoRound2Page     *round2_page;
  ShouNegoRejectPage     *reject_page;
  ShouNegoDonePage       *done_page;
};

G_DEFINE_FINAL_TYPE (ShouNegotiationDialog, shou_negotiation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REQUEST_ID,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void shou_negotiation_dialog_update (ShouNegotiationDialog *self);

/* The window's clock when it gave one: waits are judged on server time,
 * which may differ from this machine's. */
static gint64
get_now (ShouNegotiationDialog *self)
{
  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return shou_time_now ();
}

static void
add_toast (ShouNegotiationDialog *self,
           const char            *text)
{
  if (text != NULL)
    shou_ui_toast (self->toast_overlay, text, SHOU_TOAST_TIMEOUT);
}

/* Asks the window to sync now (its "win.sync"); without a window the
 * periodic sync brings the server's state. */
static void
request_sync (ShouNegotiationDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.sync", NULL);
}

/* The buyer's phone shows on round 1 and on the wait; Reveal on one
 * reveals both. */
static void
update_phone (ShouNegotiationDialog *self)
{
  gboolean can_reveal = FALSE;
  g_autofree char *shown = shou_nego_describe_phone (self->ctx.request, self->phone_revealed,
                                                     &can_reveal);

  shou_nego_round1_page_set_phone (self->round1_page, shown, can_reveal);
  shou_nego_wait_page_set_phone (self->wait_page, shown, can_reveal);
}

/* The pages follow the request the dialog last read. */
static void
update_contexts (ShouNegotiationDialog *self)
{
  shou_nego_round1_page_set_context (self->round1_page, &self->ctx);
  shou_nego_round2_page_set_context (self->round2_page, &self->ctx);
  shou_nego_reject_page_set_context (self->reject_page, &self->ctx);
}

/* The step follows the stored request; the seller's own choices in this
 * session (risk check seen, "Reject…" chosen, final action queued) only move
 * it within what the request allows. */
static ShouNegoStep
compute_step (ShouNegotiationDialog *self)
{
  ShouNegoStep step;
  ShouReason why = SHOU_REASON_NONE;

  self->blocked_reason = SHOU_REASON_NONE;

  if (self->ctx.request == NULL || self->ctx.profile == NULL)
    return SHOU_NEGO_STEP_DONE;
  if (self->final_queued)
    return SHOU_NEGO_STEP_DONE;

  step = shou_nego_step_for (self->ctx.request, self->ctx.profile, self->risks_seen);
  if (step == SHOU_NEGO_STEP_DONE)
    return step;

  if (shou_nego_can_reject (self->ctx.request, self->ctx.profile, &why))
    return self->reject_chosen ? SHOU_NEGO_STEP_REJECT : step;

  /* No negotiation lifts this one (e.g. Pinduoduo before shipment). */
  if (why != SHOU_REASON_NEGOTIATION_REQUIRED && why != SHOU_REASON_NEGOTIATION_WAITING)
    {
      self->blocked_reason = why;
      return SHOU_NEGO_STEP_DONE;
    }
  return step;
}

static void
update_header (ShouNegotiationDialog *self,
               ShouNegoStep           step)
{
  ShouReason why = SHOU_REASON_NONE;
  gboolean can_reject = FALSE;
  g_autofree char *subtitle = NULL;
  static const char * const step_titles[SHOU_N_NEGO_STEPS] = {
    N_("Risk check"), N_("Round 1"), N_("Waiting for round 1"), N_("Round 2"),
    N_("Waiting for round 2"), N_("Rejection"), N_("Done"),
  };

  if (self->ctx.request != NULL && self->ctx.profile != NULL)
    can_reject = shou_nego_can_reject (self->ctx.request, self->ctx.profile, &why);

  if (step == SHOU_NEGO_STEP_DONE)
    subtitle = g_strdup (_(step_titles[step]));
  else
    /* Translators: step number, number of steps, step name */
    subtitle = g_strdup_printf (_("Step %u of %u: %s"), (guint) step + 1, (guint) SHOU_NEGO_STEP_DONE,
                                _(step_titles[step]));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->agree_button), step != SHOU_NEGO_STEP_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->header_reject_button),
                          step != SHOU_NEGO_STEP_DONE && step != SHOU_NEGO_STEP_REJECT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_reject_button), can_reject);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->header_reject_button),
                               can_reject ? _("Go to the rejection form") : shou_reason_get_message (why));
  shou_nego_wait_page_set_can_reject (self->wait_page, can_reject ? NULL : shou_reason_get_message (why));
}

/* The server's refusal of a queued action, and the actions still queued. */
static void
update_bars (ShouNegotiationDialog *self,
             ShouNegoStep           step)
{
  JsonObject *conflict = shou_nego_json_get_object (self->ctx.request, "conflict");
  guint pending = self->ctx.request != NULL ? shou_nego_count_pending (self->ctx.request) : 0;

  if (conflict != NULL)
    {
      const char *action = shou_nego_json_get_string (conflict, "action");
      ShouAction a = SHOU_ACTION_AGREE_REFUND;
      g_autofree char *text = NULL;
      /* From the stored codes, in the seller's language: never the server's text. */
      g_autofree char *message = shou_api_error_describe (shou_nego_json_get_string (conflict, "code"),
                                                          shou_nego_json_get_string (conflict, "reason"));
      /* Translators: an action name, then the server's reason */
      text = g_strdup_printf (_("The platform refused “%s”: %s"),
                              shou_action_from_string (action, &a) ? shou_action_get_label (a) : (action != NULL ? action : "—"),
                              message != NULL ? message : _("no reason given"));
      gtk_label_set_label (self->conflict_label, text);
    }
  /* The refusal is always shown; but on the last page (resolved, rejected,
   * closed, or not at a rejectable step) there is nothing left to choose:
   * the seller only acknowledges it. */
  gtk_button_set_label (self->conflict_dismiss_button,
                        step == SHOU_NEGO_STEP_DONE ? _("Dismiss") : _("Choose Again"));
  gtk_info_bar_set_revealed (self->conflict_bar, conflict != NULL);

  if (pending > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u action is saved and waits to be sent to the platform.",
                                                            "%u actions are saved and wait to be sent to the platform.",
                                                            pending),
                                               pending);
      gtk_label_set_label (self->pending_label, text);
    }
  gtk_info_bar_set_revealed (self->pending_bar, pending > 0);
}

static void
show_page (ShouNegotiationDialog *self,
           ShouNegoStep           step,
           gboolean               step_changed)
{
  switch (step)
    {
    case SHOU_NEGO_STEP_RISKS:
      shou_nego_risks_page_update (self->risks_page, &self->ctx, get_now (self));
      gtk_stack_set_visible_child_name (self->stack, "risks");
      break;
    case SHOU_NEGO_STEP_ROUND1:
      if (step_changed)
        shou_nego_round1_page_enter (self->round1_page);
      gtk_stack_set_visible_child_name (self->stack, "round1");
      break;
    case SHOU_NEGO_STEP_WAIT1:
    case SHOU_NEGO_STEP_WAIT2:
      shou_nego_wait_page_update (self->wait_page, &self->ctx,
                                  step == SHOU_NEGO_STEP_WAIT1 ? 1 : 2,
                                  get_now (self), step_changed);
      gtk_stack_set_visible_child_name (self->stack, "wait");
      break;
    case SHOU_NEGO_STEP_ROUND2:
      shou_nego_round2_page_update (self->round2_page, step_changed);
      gtk_stack_set_visible_child_name (self->stack, "round2");
      break;
    case SHOU_NEGO_STEP_REJECT:
      shou_nego_reject_page_update (self->reject_page);
      gtk_stack_set_visible_child_name (self->stack, "reject");
      break;
    case SHOU_NEGO_STEP_DONE:
    case SHOU_N_NEGO_STEPS:
    default:
      if (self->ctx.request != NULL)
        shou_nego_done_page_update (self->done_page, self->ctx.request,
                                    self->final_queued ? self->final_action : SHOU_N_ACTIONS,
                                    self->blocked_reason);
      gtk_stack_set_visible_child_name (self->stack, "done");
      break;
    }
}

static void
shou_negotiation_dialog_update (ShouNegotiationDialog *self)
{
  ShouNegoStep step = compute_step (self);
  gboolean step_changed = step != self->step;

  self->step = step;

  /* The server refused what was queued: the seller chooses again. */
  if (shou_nego_json_get_object (self->ctx.request, "conflict") != NULL && self->final_queued)
    {
      self->final_queued = FALSE;
      self->step = step = compute_step (self);
      step_changed = TRUE;
    }

  update_contexts (self);
  update_header (self, step);
  update_bars (self, step);
  if (self->ctx.request != NULL)
    update_phone (self);
  show_page (self, step, step_changed);

  if (step_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/* The profile is looked up once: a request never changes platform. */
void
shou_negotiation_dialog_reload (ShouNegotiationDialog *self)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request;
  ShouPlatform platform;

  g_return_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self));

  if (self->ctx.store == NULL || self->ctx.request_id == NULL)
    return;

  request = shou_store_get_request (self->ctx.store, self->ctx.request_id, &error);
  if (request == NULL)
    {
      shou_nego_done_page_show_error (self->done_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "done");
      return;
    }

  g_clear_pointer (&self->ctx.request, json_object_unref);
  self->ctx.request = request;

  if (self->ctx.profile == NULL &&
      shou_platform_from_string (shou_nego_json_get_string (request, "platform"), &platform))
    {
      ShouProfile *profile = shou_profiles_get (shou_profiles_get_default (), platform);

      self->ctx.platform = platform;
      if (profile != NULL)
        self->ctx.profile = shou_profile_ref (profile);
    }

  shou_negotiation_dialog_update (self);
}

static void
on_agree_dialog_response_cb (AdwMessageDialog      *dialog,
                             const char            *response,
                             ShouNegotiationDialog *self)
{
  g_autoptr(JsonObject) params = NULL;

  if (g_strcmp0 (response, "refund") != 0 || self->ctx.request == NULL)
    return;

  params = json_object_new ();
  json_object_set_int_member (params, "amount_fen",
                              json_object_get_int_member_with_default (self->ctx.request, "amount_fen", 0));
  shou_nego_enqueue (GTK_WIDGET (self->stack), &self->ctx, SHOU_ACTION_AGREE_REFUND, params, NULL);
}

static void
on_agree_button_clicked_cb (ShouNegotiationDialog *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;

  if (self->ctx.request == NULL)
    return;

  amount = shou_money_format (json_object_get_int_member_with_default (self->ctx.request, "amount_fen", 0));
  /* Translators: %s is an amount such as ¥25.00 */
  body = g_strdup_printf (_("%s is refunded to the buyer and the request ends. The negotiation stops here."), amount);
  /* Money: Enter and Escape both keep it. */
  dialog = shou_ui_confirm_dialog_new (GTK_WINDOW (self), _("Agree to the Refund?"), body,
                                       "refund", _("_Agree Refund"), SHOU_CONFIRM_SAFE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_agree_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Where negotiation is optional the seller may go straight to the form. */
static void
on_header_reject_button_clicked_cb (ShouNegotiationDialog *self)
{
  ShouReason why = SHOU_REASON_NONE;

  if (self->ctx.request == NULL ||
      !shou_nego_can_reject (self->ctx.request, self->ctx.profile, &why))
    {
      add_toast (self, shou_reason_get_message (why));
      return;
    }
  self->reject_chosen = TRUE;
  shou_negotiation_dialog_update (self);
}

/* Drops the refused entry; the page then follows the server's state. */
static void
on_conflict_dismiss_button_clicked_cb (ShouNegotiationDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->final_queued = FALSE;
  if (!shou_store_resolve_conflict (self->ctx.store, self->ctx.request_id, &error))
    add_toast (self, error->message);
  shou_negotiation_dialog_reload (self);
}

/* ---- the pages' "nego." actions ---------------------------------------- */

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (widget);

  self->risks_seen = TRUE;
  shou_negotiation_dialog_update (self);
}

static void
reveal_phone_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (widget);

  self->phone_revealed = TRUE;
  update_phone (self);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  on_header_reject_button_clicked_cb (SHOU_NEGOTIATION_DIALOG (widget));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  request_sync (SHOU_NEGOTIATION_DIALOG (widget));
}

/* An action was queued: a rejection or the refund ends the flow. */
static void
sent_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (widget);
  ShouAction action = SHOU_N_ACTIONS;

  request_sync (self);
  if (shou_action_from_string (g_variant_get_string (parameter, NULL), &action) &&
      (action == SHOU_ACTION_REJECT || action == SHOU_ACTION_AGREE_REFUND))
    {
      self->final_queued = TRUE;
      self->final_action = action;
    }
  shou_negotiation_dialog_reload (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_store_changed_cb (ShouStore             *store,
                     const char            *request_id,
                     ShouNegotiationDialog *self)
{
  if (request_id == NULL || g_strcmp0 (request_id, self->ctx.request_id) == 0)
    shou_negotiation_dialog_reload (self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  ShouNegotiationDialog *self = user_data;

  if (self->ctx.request != NULL &&
      (self->step == SHOU_NEGO_STEP_WAIT1 || self->step == SHOU_NEGO_STEP_WAIT2))
    shou_nego_wait_page_tick (self->wait_page, get_now (self));
  return G_SOURCE_CONTINUE;
}

static void
shou_negotiation_dialog_constructed (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->constructed (object);

  if (self->ctx.store == NULL)
    return;

  self->changed_id = g_signal_connect_object (self->ctx.store, "changed",
                                              G_CALLBACK (on_store_changed_cb), self, 0);
  /* The pages get the store: the evidence pickers are made now. */
  update_contexts (self);
  shou_negotiation_dialog_reload (self);
}

static void
shou_negotiation_dialog_dispose (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->ctx.store != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->ctx.store);
  if (self->now_destroy != NULL)
    g_clear_pointer (&self->now_data, self->now_destroy);
  self->now_func = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_NEGOTIATION_DIALOG);

  g_clear_object (&self->ctx.store);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->dispose (object);
}

static void
shou_negotiation_dialog_finalize (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  shou_nego_context_clear (&self->ctx);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->finalize (object);
}

static void
shou_negotiation_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->ctx.store);
      break;
    case PROP_REQUEST_ID:
      g_value_set_string (value, self->ctx.request_id);
      break;
    case PROP_STEP:
      g_value_set_string (value, shou_negotiation_dialog_get_step (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_negotiation_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->ctx.store = g_value_dup_object (value);
      break;
    case PROP_REQUEST_ID:
      self->ctx.request_id = g_value_dup_string (value);
      break;
    case PROP_STEP:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_negotiation_dialog_class_init (ShouNegotiationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shou_negotiation_dialog_constructed;
  object_class->dispose = shou_negotiation_dialog_dispose;
  object_class->finalize = shou_negotiation_dialog_finalize;
  object_class->get_property = shou_negotiation_dialog_get_property;
  object_class->set_property = shou_negotiation_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHOU_TYPE_NEGO_RISKS_PAGE);
  g_type_ensure (SHOU_TYPE_NEGO_ROUND1_PAGE);
  g_type_ensure (SHOU_TYPE_NEGO_WAIT_PAGE);
  g_type_ensure (SHOU_TYPE_NEGO_ROUND2_PAGE);
  g_type_ensure (SHOU_TYPE_NEGO_REJECT_PAGE);
  g_type_ensure (SHOU_TYPE_NEGO_DONE_PAGE);

  gtk_widget_class_install_action (widget_class, "nego.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "nego.reveal-phone", NULL, reveal_phone_action);
  gtk_widget_class_install_action (widget_class, "nego.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "nego.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "nego.sent", "s", sent_action);
  gtk_widget_class_install_action (widget_class, "nego.close", NULL, close_action);

  /* Closing loses nothing: what was sent is in the store and on the server. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-negotiation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, agree_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, header_reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, pending_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, risks_page);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, round1_page);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_page);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, round2_page);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reject_page);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, on_header_reject_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agree_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_dismiss_button_clicked_cb);
}

static void
shou_negotiation_dialog_init (ShouNegotiationDialog *self)
{
  self->step = SHOU_N_NEGO_STEPS;
  self->final_action = SHOU_N_ACTIONS;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
}

ShouNegotiationDialog *
shou_negotiation_dialog_new (GtkWindow  *parent,
                             ShouStore  *store,
                             const char *request_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  return g_object_new (SHOU_TYPE_NEGOTIATION_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "request-id", request_id,
                       NULL);
}

void
shou_negotiation_dialog_set_now_func (ShouNegotiationDialog  *self,
                                      ShouNegotiationNowFunc  now_func,
                                      gpointer                user_data,
                                      GDestroyNotify          destroy)
{
  g_return_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self));

  if (self->now_destroy != NULL && self->now_data != NULL)
    self->now_destroy (self->now_data);
  self->now_func = now_func;
  self->now_data = user_data;
  self->now_destroy = destroy;
  shou_negotiation_dialog_update (self);
}

const char *
shou_negotiation_dialog_get_step (ShouNegotiationDialog *self)
{
  g_return_val_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self), NULL);

  if (self->step >= SHOU_N_NEGO_STEPS)
    return NULL;
  return shou_nego_step_to_string (self->step);
}

const char *
shou_negotiation_dialog_get_request_id (ShouNegotiationDialog *self)
{
  g_return_val_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self), NULL);
  return self->ctx.request_id;
}
