/* shou-visits-page.c: the 回访 tab of the 售后关怀 page. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-care-dialog-private.h"
#include "shou-care-widgets.h"
#include "shou-visits-page.h"

struct _ShouVisitsPage
{
  GtkWidget   parent_instance;

  ShouStore  *store;
  gint64      now;
  guint       reload_id;

  GtkWidget  *scroller;
  GtkLabel   *summary;
  GtkListBox *due;
  GtkListBox *upcoming;
};

G_DEFINE_FINAL_TYPE (ShouVisitsPage, shou_visits_page, GTK_TYPE_WIDGET)

static const char *
step_label (ShouVisitStep step)
{
  switch (step)
    {
    case SHOU_VISIT_WEEK:
      return _("One-week visit");
    case SHOU_VISIT_MONTH:
      return _("One-month visit");
    case SHOU_VISIT_QUARTER:
      return _("Three-month visit");
    case SHOU_VISIT_HALF_YEAR:
      return _("Six-month visit");
    case SHOU_VISIT_YEAR:
    case SHOU_N_VISIT_STEPS:
    default:
      return _("One-year visit");
    }
}

static const char *
source_label (const char *source)
{
  if (g_strcmp0 (source, "complaint") == 0)
    return _("After a complaint");
  if (g_strcmp0 (source, "review") == 0)
    return _("After a bad review");
  return _("Service card");
}

/* What to say, by why the shop visits. */
static const char *
script (const char *source)
{
  if (g_strcmp0 (source, "complaint") == 0)
    return _("Hello, this is the shop's after-sales service. You raised a problem with us earlier: is everything all right with the goods now? If anything is still wrong, tell us and we will sort it out.");
  if (g_strcmp0 (source, "review") == 0)
    return _("Hello, this is the shop's after-sales service. Thank you for telling us what went wrong last time. How are the goods working for you now? We would like to hear anything we can do better.");
  return _("Hello, this is the shop's after-sales service, following up on your purchase as on your service card. How are the goods working for you? Is there anything we can help with?");
}

static const struct { ShouVisitOutcome outcome; const char *label; } outcomes[] = {
  { SHOU_VISIT_OUTCOME_SATISFIED, N_("Satisfied") },
  { SHOU_VISIT_OUTCOME_NO_ANSWER, N_("No Answer") },
  { SHOU_VISIT_OUTCOME_PROBLEM, N_("Has a Problem") },
  { SHOU_VISIT_OUTCOME_DECLINED, N_("No More Visits") },
};

/* The outcome button's name for a screen reader. */
static char *
outcome_name (ShouVisitOutcome  outcome,
              const char       *nick)
{
  switch (outcome)
    {
    case SHOU_VISIT_OUTCOME_SATISFIED:
      return g_strdup_printf (_("Record that %s is satisfied"), nick);
    case SHOU_VISIT_OUTCOME_NO_ANSWER:
      return g_strdup_printf (_("Record that %s did not answer"), nick);
    case SHOU_VISIT_OUTCOME_PROBLEM:
      return g_strdup_printf (_("Record that %s has a problem"), nick);
    case SHOU_VISIT_OUTCOME_DECLINED:
    case SHOU_VISIT_OUTCOME_PENDING:
    case SHOU_N_VISIT_OUTCOMES:
    default:
      return g_strdup_printf (_("Record that %s wants no more visits"), nick);
    }
}

static void
on_outcome_clicked_cb (GtkButton      *button,
                       ShouVisitsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!shou_store_enqueue_visit_record (self->store, g_object_get_data (G_OBJECT (button), "shou-key"),
                                        GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "shou-outcome")),
                                        NULL, &error))
    g_warning ("%s", error->message);
}

static GtkWidget *
visit_row (ShouVisitsPage *self,
           JsonObject     *visit,
           gint64          now)
{
  ShouVisitPlan plan = shou_visit_record_plan (visit, now);
  const char *nick = json_object_get_string_member_with_default (visit, "buyer_nick", "");
  const char *source = json_object_get_string_member_with_default (visit, "source", "service_card");
  const char *order_no = json_object_get_string_member_with_default (visit, "order_no", NULL);
  g_autofree char *title = order_no
    /* Translators: buyer, why the shop visits, order number */
    ? g_strdup_printf (_("%s · %s · order %s"), nick, source_label (source), order_no)
    /* Translators: buyer and why the shop visits */
    : g_strdup_printf (_("%s · %s"), nick, source_label (source));
  g_autofree char *countdown = shou_countdown_format (plan.state == SHOU_VISIT_STATE_UPCOMING ? plan.due_at
                                                                                              : plan.late_at, now);
  g_autofree char *state = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *state_label;
  ShouUrgency urgency = shou_urgency_for (plan.late_at, now);

  if (plan.state == SHOU_VISIT_STATE_UPCOMING)
    /* Translators: the visit, then when it falls due ("剩余 3天") */
    state = g_strdup_printf (_("%s · due in: %s"), step_label (plan.step), countdown);
  else if (plan.state == SHOU_VISIT_STATE_DUE)
    /* Translators: the visit, then how long before it is late */
    state = g_strdup_printf (_("%s · due now, late after: %s"), step_label (plan.step), countdown);
  else
    /* The countdown says how late it is ("已超时 2天"). */
    state = g_strdup_printf ("%s · %s", step_label (plan.step), countdown);
  if (json_object_get_int_member_with_default (visit, "pending", 0) > 0)
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", state, _("Waiting to sync"));

      g_free (state);
      state = g_steal_pointer (&with);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), shou_care_plain_label (title, "heading"));
  state_label = shou_care_plain_label (state, "caption");
  gtk_widget_add_css_class (state_label, plan.state == SHOU_VISIT_STATE_UPCOMING || !shou_urgency_get_css_class (urgency)
                                         ? "dim-label" : shou_urgency_get_css_class (urgency));
  gtk_box_append (GTK_BOX (box), state_label);
  if (plan.state != SHOU_VISIT_STATE_UPCOMING)
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      /* Translators: the suggested script, quoted */
      g_autofree char *said = g_strdup_printf (_("Script: %s"), script (source));

      gtk_box_append (GTK_BOX (box), shou_care_plain_label (said, "dim-label"));
      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        {
          GtkWidget *button = gtk_button_new_with_label (_(outcomes[i].label));
          g_autofree char *name = outcome_name (outcomes[i].outcome, nick);

          g_object_set_data_full (G_OBJECT (button), "shou-key",
                                  g_strdup (json_object_get_string_member (visit, "key")), g_free);
          g_object_set_data (G_OBJECT (button), "shou-outcome", GINT_TO_POINTER (outcomes[i].outcome));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_signal_connect (button, "clicked", G_CALLBACK (on_outcome_clicked_cb), self);
          gtk_box_append (GTK_BOX (buttons), button);
        }
      gtk_box_append (GTK_BOX (box), buttons);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

void
shou_visits_page_reload (ShouVisitsPage *self)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *summary = NULL;
  gint64 now;
  guint due = 0;

  g_return_if_fail (SHOU_IS_VISITS_PAGE (self));
  g_clear_handle_id (&self->reload_id, g_source_remove);
  now = self->now ? self->now : shou_care_now (self->store);
  open = shou_store_list_care (self->store, "visit", SHOU_CARE_LIST_OPEN, 200);
  shou_care_clear_list (self->due);
  shou_care_clear_list (self->upcoming);
  for (guint i = 0; i < open->len; i++)
    {
      ShouVisitPlan plan = shou_visit_record_plan (open->pdata[i], now);

      if (plan.state == SHOU_VISIT_STATE_FINISHED)
        continue;
      if (plan.state != SHOU_VISIT_STATE_UPCOMING)
        due++;
      gtk_list_box_append (plan.state == SHOU_VISIT_STATE_UPCOMING ? self->upcoming : self->due,
                           visit_row (self, open->pdata[i], now));
    }
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit due", "%u visits due", due), due);
  gtk_label_set_text (self->summary, summary);
}

static gboolean
reload_idle_cb (gpointer data)
{
  ShouVisitsPage *self = data;

  self->reload_id = 0;
  shou_visits_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouVisitsPage *self)
{
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

void
shou_visits_page_set_now (ShouVisitsPage *self,
                          gint64          now)
{
  g_return_if_fail (SHOU_IS_VISITS_PAGE (self));
  self->now = now;
  shou_visits_page_reload (self);
}

static void
shou_visits_page_dispose (GObject *object)
{
  ShouVisitsPage *self = SHOU_VISITS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (shou_visits_page_parent_class)->dispose (object);
}

static void
shou_visits_page_class_init (ShouVisitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_visits_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* -- register a service card (售后服务卡, 000 ⑹) -- */

static void
card_ok_cb (ShouCareDialog *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint shop = adw_combo_row_get_selected (d->shop);

  if (shop >= d->shop_keys->len)
    return;
  key = shou_store_register_service_card (d->store, d->shop_keys->pdata[shop],
                                          gtk_editable_get_text (GTK_EDITABLE (d->text)), &error);
  if (key == NULL)
    {
      shou_care_dialog_error (d, error);
      return;
    }
  gtk_window_destroy (d->window);
}

static void
on_card_clicked_cb (ShouVisitsPage *self)
{
  GtkBox *content;
  GtkWidget *list, *hint;
  ShouCareDialog *d;

  d = shou_care_dialog_new (GTK_WIDGET (self), self->store, _("Register a Service Card"), _("_Register"),
                            G_CALLBACK (card_ok_cb), &content);
  hint = gtk_label_new (_("The buyer is visited again a week, a month, 3 months, 6 months and a year after the "
                          "sale."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 50);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (content, hint);
  list = shou_care_group (content);
  shou_care_dialog_shops (d, GTK_LIST_BOX (list));
  d->text = shou_care_entry (list, _("Order number"));
  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->text));
}

static void
shou_visits_page_init (ShouVisitsPage *self)
{
  GtkWidget *add = gtk_button_new_with_label (_("Register a Service Card…"));
  GtkBox *box = shou_care_scaffold (GTK_WIDGET (self), _("Return Visits"), add, &self->scroller, &self->summary);

  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_card_clicked_cb), self);

  self->due = shou_care_section (box, _("Due Now"), _("No visit is due"));
  self->upcoming = shou_care_section (box, _("Coming Up"), _("No visits planned"));
  g_signal_connect (self, "map", G_CALLBACK (shou_visits_page_reload), NULL);
}

GtkWidget *
shou_visits_page_new (ShouStore *store)
{
  ShouVisitsPage *self = g_object_new (SHOU_TYPE_VISITS_PAGE, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
