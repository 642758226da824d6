/* shou-care-page.c: the 售后关怀 page, a switcher over its tabs. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-care-page.h"
#include "shou-care-widgets.h"

struct _ShouCarePage
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  AdwViewStack *stack;
  ShouReviewsPage    *reviews;
  ShouComplaintsPage *complaints;
  ShouVisitsPage     *visits;
  ShouIncidentsPage  *incidents;
  ShouStore          *store;
  guint               notify_id;
  guint               check_id;
  guint               due_notified;  /* visits due when last told */
};

G_DEFINE_FINAL_TYPE (ShouCarePage, shou_care_page, GTK_TYPE_WIDGET)

static void
shou_care_page_dispose (GObject *object)
{
  ShouCarePage *self = SHOU_CARE_PAGE (object);

  g_clear_handle_id (&self->notify_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (shou_care_page_parent_class)->dispose (object);
}

static void
shou_care_page_class_init (ShouCarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_care_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shou_care_page_init (ShouCarePage *self)
{
  GtkWidget *switcher = adw_view_switcher_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("After-Sales Care"), -1);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 12);
  gtk_box_append (GTK_BOX (self->box), switcher);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
}

/* A desktop notification when more visits are due than when the seller
 * was last told (withdrawn when none is due any more). */
static void
check_due_visits (ShouCarePage *self)
{
  GApplication *app = g_application_get_default ();
  guint due = shou_store_count_due_visits (self->store, shou_care_now (self->store));

  if (app != NULL && due > self->due_notified)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Return visits are due"));
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit is due in After-Sales Care",
                                                            "%u visits are due in After-Sales Care", due), due);

      g_notification_set_body (notification, body);
      g_application_send_notification (app, "shou-visits-due", notification);
    }
  else if (app != NULL && due == 0 && self->due_notified > 0)
    g_application_withdraw_notification (app, "shou-visits-due");
  self->due_notified = due;
}

static gboolean
check_idle_cb (gpointer data)
{
  ShouCarePage *self = data;

  self->check_id = 0;
  check_due_visits (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouCarePage *self)
{
  if (self->check_id == 0)
    self->check_id = g_idle_add (check_idle_cb, self);
}

/* Visits fall due with the clock: checked every few minutes too. */
static gboolean
notify_tick_cb (gpointer data)
{
  check_due_visits (data);
  return G_SOURCE_CONTINUE;
}

GtkWidget *
shou_care_page_new (ShouStore *store)
{
  ShouCarePage *self = g_object_new (SHOU_TYPE_CARE_PAGE, NULL);
  AdwViewStackPage *page;

  self->reviews = SHOU_REVIEWS_PAGE (shou_reviews_page_new (store));
  page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->reviews), "reviews", _("Bad Reviews"));
  adw_view_stack_page_set_icon_name (page, "face-sad-symbolic");
  self->complaints = SHOU_COMPLAINTS_PAGE (shou_complaints_page_new (store));
  page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->complaints), "complaints", _("Complaints"));
  adw_view_stack_page_set_icon_name (page, "dialog-warning-symbolic");
  self->visits = SHOU_VISITS_PAGE (shou_visits_page_new (store));
  page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->visits), "visits", _("Return Visits"));
  adw_view_stack_page_set_icon_name (page, "call-start-symbolic");
  self->incidents = SHOU_INCIDENTS_PAGE (shou_incidents_page_new (store));
  page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->incidents), "incidents",
                                    _("Logistics Incidents"));
  adw_view_stack_page_set_icon_name (page, "mail-send-symbolic");
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->notify_id = g_timeout_add_seconds (300, notify_tick_cb, self);
  return GTK_WIDGET (self);
}

ShouReviewsPage *
shou_care_page_get_reviews (ShouCarePage *self)
{
  g_return_val_if_fail (SHOU_IS_CARE_PAGE (self), NULL);
  return self->reviews;
}

ShouVisitsPage *
shou_care_page_get_visits (ShouCarePage *self)
{
  g_return_val_if_fail (SHOU_IS_CARE_PAGE (self), NULL);
  return self->visits;
}

ShouIncidentsPage *
shou_care_page_get_incidents (ShouCarePage *self)
{
  g_return_val_if_fail (SHOU_IS_CARE_PAGE (self), NULL);
  return self->incidents;
}

ShouComplaintsPage *
shou_care_page_get_complaints (ShouCarePage *self)
{
  g_return_val_if_fail (SHOU_IS_CARE_PAGE (self), NULL);
  return self->complaints;
}

void
shou_care_page_show (ShouCarePage *self,
                     const char   *name)
{
  g_return_if_fail (SHOU_IS_CARE_PAGE (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* -- the sidebar's view -- */

typedef struct
{
  AdwFlap         *flap;
  ShouCarePage    *page;
  GtkWidget       *queue;   /* the content while the page is shown */
  GObject         *sidebar;
  guint            show_id;
} Attachment;

static void
attachment_free (gpointer data)
{
  Attachment *a = data;

  g_clear_handle_id (&a->show_id, g_source_remove);
  g_clear_object (&a->page);
  g_clear_object (&a->queue);
  g_free (a);
}

static gboolean
show_idle_cb (gpointer data)
{
  Attachment *a = data;
  g_autofree char *view = NULL;

  a->show_id = 0;
  g_object_get (a->sidebar, "view-name", &view, NULL);
  if (g_strcmp0 (view, SHOU_CARE_VIEW_NAME) == 0 && a->queue == NULL)
    {
      a->queue = g_object_ref (adw_flap_get_content (a->flap));
      adw_flap_set_content (a->flap, GTK_WIDGET (a->page));
    }
  return G_SOURCE_REMOVE;
}

static void
on_sidebar_notify_cb (GObject    *sidebar,
                      GParamSpec *pspec,
                      Attachment *a)
{
  g_autofree char *view = NULL;

  g_object_get (sidebar, "view-name", &view, NULL);
  if (g_strcmp0 (view, SHOU_CARE_VIEW_NAME) == 0)
    {
      /* After the other pages' handlers gave the content back. */
      if (a->queue == NULL && a->show_id == 0)
        a->show_id = g_idle_add (show_idle_cb, a);
    }
  else if (a->queue != NULL)
    {
      /* Before them: they take the content from the queue. */
      adw_flap_set_content (a->flap, a->queue);
      g_clear_object (&a->queue);
    }
}

ShouCarePage *
shou_care_page_attach (AdwFlap   *flap,
                       GObject   *sidebar,
                       ShouStore *store)
{
  Attachment *a = g_new0 (Attachment, 1);

  g_return_val_if_fail (ADW_IS_FLAP (flap), NULL);

  a->flap = flap;
  a->sidebar = sidebar;
  a->page = g_object_ref_sink (SHOU_CARE_PAGE (shou_care_page_new (store)));
  g_object_set_data_full (sidebar, "shou-care-page", a, attachment_free);
  g_signal_connect (sidebar, "notify::view-name", G_CALLBACK (on_sidebar_notify_cb), a);
  on_sidebar_notify_cb (sidebar, NULL, a);
  return a->page;
}
