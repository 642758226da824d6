/* shou-complaints-page.c: the 投诉 tab of the 售后关怀 page. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-care-widgets.h"
#include "shou-complaint-dialogs.h"
#include "shou-complaints-page.h"

struct _ShouComplaintsPage
{
  GtkWidget   parent_instance;

  ShouStore  *store;
  gint64      now;
  guint       n_open;

  GtkWidget  *scroller;
  GtkLabel   *summary;
  GtkListBox *open;
  GtkListBox *finished;
};

G_DEFINE_FINAL_TYPE (ShouComplaintsPage, shou_complaints_page, GTK_TYPE_WIDGET)

const char *
shou_complaint_deadline_label (ShouComplaintDeadline deadline)
{
  switch (deadline)
    {
    case SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE:
      return _("Shop handles it");
    case SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM:
      return _("Buyer confirms");
    case SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS:
      return _("Shop's pre-processing");
    case SHOU_COMPLAINT_DEADLINE_EVIDENCE:
      return _("Proof period");
    case SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE:
    case SHOU_N_COMPLAINT_DEADLINES:
    default:
      return _("Platform rules");
    }
}

const char *
shou_complaint_deadline_lapse (ShouComplaintDeadline deadline)
{
  switch (deadline)
    {
    case SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE:
      return _("if it lapses, the buyer may ask the platform to intervene");
    case SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM:
      return _("if it lapses, the complaint ends as handled");
    case SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS:
      return _("if it lapses, the platform rules on what it has");
    case SHOU_COMPLAINT_DEADLINE_EVIDENCE:
      return _("if it lapses, no more evidence is taken");
    case SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE:
    case SHOU_N_COMPLAINT_DEADLINES:
    default:
      return _("the platform rules within 4 working days");
    }
}

static gboolean
has_time (JsonObject *complaint,
          const char *name)
{
  JsonNode *node = json_object_get_member (complaint, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static gint64
now_of (ShouComplaintsPage *self)
{
  return self->now ? self->now : shou_care_now (self->store);
}

static char *
complaint_title (JsonObject *complaint)
{
  const char *nick = json_object_get_string_member_with_default (complaint, "buyer_nick", "");
  const char *channel = json_object_get_string_member_with_default (complaint, "channel", "platform");
  const char *order_no = json_object_get_string_member_with_default (complaint, "order_no", NULL);

  if (order_no != NULL)
    /* Translators: buyer, where the complaint was filed, order number */
    return g_strdup_printf (_("%s · %s · order %s"), nick, shou_complaint_channel_label (channel), order_no);
  /* Translators: buyer and where the complaint was filed */
  return g_strdup_printf (_("%s · %s"), nick, shou_complaint_channel_label (channel));
}

/* The complaint's deadlines and penalty status at @now, in words, and the
 * urgency of the nearest one for its colour. */
static char *
complaint_state (ShouComplaintsPage *self,
                 JsonObject         *complaint,
                 ShouUrgency        *urgency)
{
  const ShouProfile *profile = shou_store_complaint_profile (self->store, complaint);
  GString *s = g_string_new (NULL);
  ShouComplaintTimes times;
  ShouComplaintEvaluation eval;
  ShouComplaintDeadline which = SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE;
  gint64 now = now_of (self);
  gint64 fen = json_object_get_int_member_with_default (complaint, "compensation_fen", 0);
  gint64 due = shou_complaint_next_deadline (complaint, profile, now, &which);

  *urgency = SHOU_URGENCY_NONE;
  shou_complaint_times_from_json (complaint, &times);
  if (has_time (complaint, "finished_at"))
    g_string_append (s, shou_complaint_outcome_label (json_object_get_string_member_with_default (complaint,
                                                                                               "outcome",
                                                                                               "resolved")));
  else if (times.intervention_at > 0)
    g_string_append (s, _("The platform intervened"));
  else if (times.handled_at > 0)
    g_string_append (s, _("Handled, waiting for the buyer"));
  else
    g_string_append (s, _("Not handled yet"));

  if (due > 0)
    {
      g_autofree char *countdown = shou_countdown_format (due, now);

      /* Translators: who acts by the deadline, the countdown, what a lapse means */
      g_string_append_printf (s, _(" · %s %s, %s"), shou_complaint_deadline_label (which), countdown,
                              shou_complaint_deadline_lapse (which));
      *urgency = shou_urgency_for (due, now);
    }
  if (fen > 0)
    {
      g_autofree char *money = shou_money_format (fen);

      /* Translators: the compensation paid */
      g_string_append_printf (s, _(" · compensated %s"), money);
    }
  if (times.opened_at > 0 && profile != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (complaint, "channel", "platform"), "platform") == 0 &&
      shou_complaint_evaluate (profile, &times, now, &eval))
    {
      g_string_append (s, " · ");
      if (eval.penalty == SHOU_COMPLAINT_PENALTY_NONE)
        g_string_append (s, _("compensated within 24 hours: no penalty"));
      else if (eval.penalty == SHOU_COMPLAINT_PENALTY_AVOIDABLE)
        {
          g_autofree char *left = shou_countdown_format (eval.no_penalty_until, now);

          /* Translators: %s is a countdown ("剩余 3小时") */
          g_string_append_printf (s, _("compensate now for no penalty (%s)"), left);
        }
      else
        g_string_append (s, _("not compensated within 24 hours: the platform's ruling decides"));
    }
  if (json_object_get_int_member_with_default (complaint, "pending", 0) > 0)
    {
      g_string_append (s, " · ");
      g_string_append (s, _("Waiting to sync"));
    }
  return g_string_free (s, FALSE);
}

static const char *
conflict_words (JsonObject *conflict)
{
  const char *reason = json_object_get_string_member_with_default (conflict, "reason", NULL);
  const char *code = json_object_get_string_member_with_default (conflict, "code", NULL);

  if (g_strcmp0 (reason, "complaint_finished") == 0)
    return _("The server refused: this complaint is finished already");
  if (g_strcmp0 (reason, "evidence_closed") == 0)
    return _("The server refused: the evidence period is over");
  if (g_strcmp0 (code, "version_conflict") == 0)
    return _("Someone else changed this complaint: check it and try again");
  return _("The server refused this step");
}

static void
on_step_clicked_cb (GtkButton          *button,
                    ShouComplaintsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "shou-key");
  const char *step = g_object_get_data (G_OBJECT (button), "shou-step");
  g_autoptr(GError) error = NULL;
  ShouComplaintAction action;

  if (g_str_equal (step, "compensate"))
    shou_complaint_dialog_compensate (GTK_WIDGET (self), self->store, key);
  else if (g_str_equal (step, "evidence"))
    shou_complaint_dialog_evidence (GTK_WIDGET (self), self->store, key);
  else if (g_str_equal (step, "finish"))
    shou_complaint_dialog_finish (GTK_WIDGET (self), self->store, key);
  else if (shou_complaint_action_from_string (step, &action) &&
           !shou_store_enqueue_complaint_action (self->store, key, action, NULL, &error))
    g_warning ("%s", error->message);
}

#define add_step(self, buttons, key, step, label, name) \
  shou_care_step_button (buttons, key, step, label, name, G_CALLBACK (on_step_clicked_cb), self)

static GtkWidget *
complaint_row (ShouComplaintsPage *self,
               JsonObject         *complaint)
{
  g_autofree char *title = complaint_title (complaint);
  const char *key = json_object_get_string_member (complaint, "key");
  const char *nick = json_object_get_string_member_with_default (complaint, "buyer_nick", "");
  const char *text = json_object_get_string_member_with_default (complaint, "text", "");
  GtkWidget *row, *buttons;
  JsonNode *conflict = json_object_get_member (complaint, "conflict");
  ShouUrgency urgency = SHOU_URGENCY_NONE;
  g_autofree char *state = complaint_state (self, complaint, &urgency);
  gint64 now = now_of (self);
  ShouComplaintOutcome none = SHOU_COMPLAINT_OUTCOME_RESOLVED;
  const ShouProfile *profile = shou_store_complaint_profile (self->store, complaint);

  /* The buyer's words, plain text. */
  row = shou_care_record_row (title, *text ? text : _("The buyer wrote nothing"), state,
                              conflict != NULL && JSON_NODE_HOLDS_OBJECT (conflict)
                              ? conflict_words (json_node_get_object (conflict)) : NULL,
                              shou_urgency_get_css_class (urgency), &buttons);

  /* Each step the rules allow now. Translators: %s is the buyer's nickname, for a screen reader */
  if (shou_complaint_check_action (complaint, SHOU_COMPLAINT_ACTION_HANDLE, none, profile, now) == NULL)
    add_step (self, buttons, key, "handle", _("Handled"), g_strdup_printf (_("Mark %s's complaint handled"), nick));
  if (shou_complaint_check_action (complaint, SHOU_COMPLAINT_ACTION_COMPENSATE, none, profile, now) == NULL)
    add_step (self, buttons, key, "compensate", _("Compensate…"), g_strdup_printf (_("Compensate %s"), nick));
  if (shou_complaint_check_action (complaint, SHOU_COMPLAINT_ACTION_INTERVENE, none, profile, now) == NULL)
    add_step (self, buttons, key, "intervene", _("Platform Intervened"),
              g_strdup_printf (_("Mark that the platform intervened in %s's complaint"), nick));
  if (shou_complaint_check_action (complaint, SHOU_COMPLAINT_ACTION_EVIDENCE, none, profile, now) == NULL)
    add_step (self, buttons, key, "evidence", _("Evidence…"), g_strdup_printf (_("Give evidence on %s's complaint"), nick));
  if (shou_complaint_check_action (complaint, SHOU_COMPLAINT_ACTION_FINISH, none, profile, now) == NULL)
    add_step (self, buttons, key, "finish", _("Finish…"), g_strdup_printf (_("Finish %s's complaint"), nick));
  return row;
}

guint
shou_complaints_page_get_n_open (ShouComplaintsPage *self)
{
  g_return_val_if_fail (SHOU_IS_COMPLAINTS_PAGE (self), 0);
  return self->n_open;
}

void
shou_complaints_page_reload (ShouComplaintsPage *self)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (SHOU_IS_COMPLAINTS_PAGE (self));
  open = shou_store_list_care (self->store, "complaint", SHOU_CARE_LIST_OPEN, 200);
  all = shou_store_list_care (self->store, "complaint", SHOU_CARE_LIST_ALL, 200);
  self->n_open = open->len;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open complaint", "%u open complaints", open->len),
                             open->len);
  gtk_label_set_text (self->summary, summary);
  shou_care_clear_list (self->open);
  for (guint i = 0; i < open->len; i++)
    gtk_list_box_append (self->open, complaint_row (self, open->pdata[i]));
  shou_care_clear_list (self->finished);
  for (guint i = 0; i < all->len; i++)
    if (has_time (all->pdata[i], "finished_at"))
      gtk_list_box_append (self->finished, complaint_row (self, all->pdata[i]));
}

static void
reload_cb (GtkWidget *page)
{
  shou_complaints_page_reload (SHOU_COMPLAINTS_PAGE (page));
}

void
shou_complaints_page_set_now (ShouComplaintsPage *self,
                              gint64              now)
{
  g_return_if_fail (SHOU_IS_COMPLAINTS_PAGE (self));
  self->now = now;
  shou_complaints_page_reload (self);
}

static void
on_register_clicked_cb (ShouComplaintsPage *self)
{
  shou_complaint_dialog_register (GTK_WIDGET (self), self->store);
}

static void
shou_complaints_page_dispose (GObject *object)
{
  ShouComplaintsPage *self = SHOU_COMPLAINTS_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (shou_complaints_page_parent_class)->dispose (object);
}

static void
shou_complaints_page_class_init (ShouComplaintsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_complaints_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shou_complaints_page_init (ShouComplaintsPage *self)
{
  GtkWidget *add = gtk_button_new_with_label (_("Register a Complaint…"));
  GtkBox *box = shou_care_scaffold (GTK_WIDGET (self), _("Complaints"), add, &self->scroller, &self->summary);

  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_register_clicked_cb), self);
  self->open = shou_care_section (box, _("Open Complaints"), _("No open complaints"));
  self->finished = shou_care_section (box, _("Finished"), _("No finished complaints"));
}

GtkWidget *
shou_complaints_page_new (ShouStore *store)
{
  ShouComplaintsPage *self = g_object_new (SHOU_TYPE_COMPLAINTS_PAGE, NULL);

  self->store = g_object_ref (store);
  /* Reloaded when shown, on changes, and each minute for the countdowns. */
  shou_care_watch (GTK_WIDGET (self), store, reload_cb);
  return GTK_WIDGET (self);
}
