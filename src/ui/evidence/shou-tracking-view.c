/* shou-tracking-view.c: a shipment as a vertical timeline, newest first,
 * with a warning when tracking has stalled (物流断更, platform-rules §3). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shou-logistics.h"

struct _ShouTrackingView
{
  GtkWidget   parent_instance;

  GtkLabel   *carrier_label;
  GtkLabel   *tracking_label;
  GtkLabel   *stall_label;
  GtkListBox *events_list;
  GtkLabel   *empty_label;

  guint       n_events;
  gboolean    stalled;
};

G_DEFINE_FINAL_TYPE (ShouTrackingView, shou_tracking_view, GTK_TYPE_WIDGET)

/* A delivered parcel has no more events to wait for. Platforms write the
 * final event as 已签收 / 签收; the text is platform data, not UI. */
static gboolean
event_is_final (JsonObject *event)
{
  const char *text = json_object_get_string_member_with_default (event, "text", "");

  return strstr (text, "签收") != NULL || g_ascii_strncasecmp (text, "delivered", 9) == 0;
}

static JsonArray *
get_events (JsonObject *shipment)
{
  JsonNode *node = json_object_get_member (shipment, "events");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
shou_logistics_get_stall (JsonObject *shipment,
                          gint64      stall_usec,
                          gint64      now,
                          gint64     *out_idle)
{
  JsonArray *events;
  gint64 last;
  gboolean final = FALSE;

  if (out_idle != NULL)
    *out_idle = 0;
  if (shipment == NULL)
    return FALSE;

  last = json_object_get_int_member_with_default (shipment, "shipped_at", 0);
  events = get_events (shipment);
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      gint64 at = event != NULL ? json_object_get_int_member_with_default (event, "at", 0) : 0;

      if (at >= last)
        {
          last = at;
          final = event_is_final (event);
        }
    }
  if (last <= 0)
    return FALSE;
  if (out_idle != NULL)
    *out_idle = MAX (now - last, 0);
  return !final && stall_usec > 0 && now - last > stall_usec;
}

char *
shou_logistics_describe_stall (JsonObject *shipment,
                               gint64      stall_usec,
                               gint64      now)
{
  gint64 idle;
  guint n;

  if (!shou_logistics_get_stall (shipment, stall_usec, now, &idle))
    return NULL;
  if (idle >= SHOU_USEC_PER_DAY)
    {
      n = (guint) (idle / SHOU_USEC_PER_DAY);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Logistics stalled: no tracking update for %u day",
                                           "Logistics stalled: no tracking update for %u days", n),
                              n);
    }
  n = (guint) (idle / SHOU_USEC_PER_HOUR);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Logistics stalled: no tracking update for %u hour",
                                       "Logistics stalled: no tracking update for %u hours", n),
                          n);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 at_a = json_object_get_int_member_with_default (*(JsonObject **) a, "at", 0);
  gint64 at_b = json_object_get_int_member_with_default (*(JsonObject **) b, "at", 0);

  return at_a < at_b ? 1 : at_a > at_b ? -1 : 0;
}

static GtkWidget *
build_event_row (JsonObject *event,
                 gboolean    newest)
{
  g_autofree char *when = shou_time_format_local (json_object_get_int_member_with_default (event, "at", 0));
  GtkWidget *box, *dot, *texts, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  dot = gtk_image_new_from_icon_name (newest ? "emblem-ok-symbolic" : "media-record-symbolic");
  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_widget_add_css_class (dot, newest ? "accent" : "dim-label");
  gtk_box_append (GTK_BOX (box), dot);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  label = gtk_label_new (json_object_get_string_member_with_default (event, "text", ""));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (newest)
    gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (box), texts);

  return box;
}

void
shou_tracking_view_set_shipment (ShouTrackingView *self,
                                 JsonObject       *shipment,
                                 gint64            stall_usec,
                                 gint64            now)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *stall = NULL;
  JsonArray *events = NULL;
  GtkWidget *child;

  g_return_if_fail (SHOU_IS_TRACKING_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))) != NULL)
    gtk_list_box_remove (self->events_list, child);

  if (shipment == NULL)
    {
      gtk_label_set_label (self->carrier_label, _("No logistics yet"));
      gtk_label_set_label (self->tracking_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->stall_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->events_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
      self->n_events = 0;
      self->stalled = FALSE;
      return;
    }

  {
    const char *code = json_object_get_string_member_with_default (shipment, "carrier", "");
    const ShouCarrier *carrier = shou_carrier_find (code);

    if (shou_carrier_is_other (code))
      {
        const char *typed = json_object_get_string_member_with_default (shipment, "carrier_name", "");
        /* Translators: %s is a carrier name the buyer or seller typed (百世快递) */
        g_autofree char *label = g_strdup_printf (_("%s (other carrier, number not checked)"), typed);

        gtk_label_set_label (self->carrier_label, label);
      }
    else
      gtk_label_set_label (self->carrier_label, carrier != NULL ? carrier->name : code);
    gtk_label_set_label (self->tracking_label,
                         json_object_get_string_member_with_default (shipment, "tracking_no", ""));
  }

  events = get_events (shipment);
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (event != NULL)
        g_ptr_array_add (sorted, event);
    }
  g_ptr_array_sort (sorted, compare_newest_first);
  for (guint i = 0; i < sorted->len; i++)
    gtk_list_box_append (self->events_list, build_event_row (g_ptr_array_index (sorted, i), i == 0));
  self->n_events = sorted->len;

  stall = shou_logistics_describe_stall (shipment, stall_usec, now);
  self->stalled = stall != NULL;
  gtk_label_set_label (self->stall_label, stall != NULL ? stall : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stall_label), stall != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), sorted->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), sorted->len == 0);
}

gboolean
shou_tracking_view_get_stalled (ShouTrackingView *self)
{
  g_return_val_if_fail (SHOU_IS_TRACKING_VIEW (self), FALSE);

  return self->stalled;
}

guint
shou_tracking_view_get_n_events (ShouTrackingView *self)
{
  g_return_val_if_fail (SHOU_IS_TRACKING_VIEW (self), 0);

  return self->n_events;
}

static void
shou_tracking_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SHOU_TYPE_TRACKING_VIEW);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shou_tracking_view_parent_class)->dispose (object);
}

static void
shou_tracking_view_class_init (ShouTrackingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_tracking_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-tracking-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouTrackingView, carrier_label);
  gtk_widget_class_bind_template_child (widget_class, ShouTrackingView, tracking_label);
  gtk_widget_class_bind_template_child (widget_class, ShouTrackingView, stall_label);
  gtk_widget_class_bind_template_child (widget_class, ShouTrackingView, events_list);
  gtk_widget_class_bind_template_child (widget_class, ShouTrackingView, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
shou_tracking_view_init (ShouTrackingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shou_tracking_view_set_shipment (self, NULL, 0, 0);
}

GtkWidget *
shou_tracking_view_new (void)
{
  return g_object_new (SHOU_TYPE_TRACKING_VIEW, NULL);
}
