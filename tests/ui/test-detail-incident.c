/* test-detail-incident.c: a logistics incident raised from a request's
 * detail pane (issue 28): the button opens the register dialog prefilled
 * with the request's shop, buyer, order, carrier and tracking number; when
 * the parcel's tracking stalled past the profile's limit (物流断更, as the
 * risk check uses) the pane suggests it, once: not after an incident about
 * that parcel is registered. A real store, a real pane in a real window. */
#include "evidence-fixture.h"

#include "store/shou-store-care.h"
#include "ui/evidence/shou-logistics.h"
#include "ui/window/shou-clock.h"
#include "ui/window/shou-detail-incident.h"
#include "ui/window/shou-detail-pane.h"

#define ORDER_NO     "2026120800042"
#define BUYER_NICK   "小王同学"
#define RETURN_NO    "SF1234567890123"
#define OUTBOUND_NO  "SF1234567890999"

typedef struct
{
  EvFixture       ev;
  ShouClock      *clock;
  GtkWindow      *window;
  ShouDetailPane *pane;
  char           *key;
} Fixture;

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The entry row titled @title in @root. */
static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return GTK_EDITABLE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_COMBO_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The open toplevel titled @title, or NULL. */
static GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return find_window (_("Register a Logistics Incident")) != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return !dialog_open (data);
}

static ShouDetailIncident *
incident_group (Fixture *f)
{
  return SHOU_DETAIL_INCIDENT (find_type (GTK_WIDGET (f->pane), SHOU_TYPE_DETAIL_INCIDENT));
}

static gboolean
not_suggesting (gpointer data)
{
  return !shou_detail_incident_suggests (incident_group (data));
}

/* The request's order, with the order's own parcel (@outbound: NULL for
 * none) as the feed sends it. */
static void
apply_order (Fixture    *f,
             const char *outbound,
             gint64      version)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *cursor = shou_store_get_cursor (f->ev.store, f->ev.account_id);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *change = json_object_new ();

  json = g_strdup_printf ("{\"id\": \"o-ev-1\", \"shop_id\": \"" EV_SHOP_ID "\", \"order_no\": \"" ORDER_NO "\","
                          " \"state\": \"shipped\", \"cod\": false, \"paid_fen\": 5900, \"created_at\": 1700000000000000,"
                          " \"buyer\": {\"nick\": \"" BUYER_NICK "\"},"
                          " \"lines\": [{\"id\": \"l-ev-1\", \"title\": \"马克杯\", \"sku\": \"白色\", \"quantity\": 1,"
                          "   \"price_fen\": 5900}],"
                          " \"shipments\": [%s], \"version\": %" G_GINT64_FORMAT "}",
                          outbound != NULL ? outbound : "", version);
  json_object_set_string_member (change, "kind", "order");
  json_object_set_string_member (change, "id", "o-ev-1");
  json_object_set_object_member (change, "data", ev_parse (json));
  g_ptr_array_add (changes, change);
  g_assert_true (shou_store_apply_changes (f->ev.store, f->ev.account_id, changes, cursor, &error));
  g_assert_no_error (error);
}

/* The request again at @version, its return parcel replaced by @shipment
 * (JSON, or NULL for none). */
static void
apply_request (Fixture    *f,
               const char *shipment,
               gint64      version)
{
  g_autoptr(JsonObject) request = ev_request_json (g_get_real_time ());
  g_autoptr(GError) error = NULL;

  json_object_remove_member (request, "return_shipment");
  if (shipment != NULL)
    json_object_set_object_member (request, "return_shipment", ev_parse (shipment));
  json_object_set_int_member (request, "version", version);
  g_assert_true (shou_store_apply_aftersale (f->ev.store, f->ev.account_id, request, &error));
  g_assert_no_error (error);
  shou_detail_pane_reload (f->pane);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  ev_setup (&f->ev, data);
  apply_order (f, NULL, 1);
  f->key = shou_store_request_key (f->ev.store, f->ev.account_id, EV_REQUEST_ID);
  g_assert_nonnull (f->key);
  f->clock = shou_clock_new ();
  f->pane = g_object_new (SHOU_TYPE_DETAIL_PANE, NULL);
  shou_detail_pane_setup (f->pane, f->ev.store, f->clock);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 900);
  gtk_window_set_child (f->window, GTK_WIDGET (f->pane));
  gtk_window_present (f->window);
  shou_detail_pane_set_request_id (f->pane, f->key);
  ev_spin (100);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_window (_("Register a Logistics Incident"))) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (f->window);
  ev_spin (50);
  g_clear_object (&f->clock);
  g_free (f->key);
  ev_teardown (&f->ev, data);
}

/* The return parcel has had no tracking event for 4 days (JD: 72 h): the
 * pane suggests an incident; the button opens the dialog prefilled; once
 * it is registered the suggestion is gone, the button stays. */
static void
test_stalled_return (Fixture       *f,
                     gconstpointer  data)
{
  ShouDetailIncident *group = incident_group (f);
  GtkWidget *button;
  GtkWindow *dialog;
  AdwComboRow *carrier;
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);
  guint sf = G_MAXUINT;
  g_autoptr(GPtrArray) incidents = NULL;
  JsonObject *incident;

  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_true (shou_detail_incident_suggests (group));
  button = shou_detail_incident_get_button (group);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("Re_gister Logistics Incident…"));
  /* The suggestion says how long the parcel has not moved, in the UI's language. */
  {
    g_autoptr(JsonObject) request = shou_store_get_request (f->ev.store, f->key, NULL);
    g_autofree char *stall = shou_logistics_describe_stall (json_object_get_object_member (request, "return_shipment"),
                                                            72 * G_TIME_SPAN_HOUR, g_get_real_time ());

    g_assert_nonnull (stall);
    g_assert_nonnull (ev_find_label (GTK_WIDGET (group), stall));
  }

  ev_screenshot (GTK_WIDGET (group), "zh_CN-detail-incident.png");

  gtk_widget_activate (button);
  g_assert_true (ev_wait (dialog_open, f, 5000));
  dialog = find_window (_("Register a Logistics Incident"));
  ev_screenshot (GTK_WIDGET (dialog), "zh_CN-incident-from-request.png");
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (dialog), _("Order number"))), ==, ORDER_NO);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (dialog), _("Tracking number"))), ==, RETURN_NO);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (dialog), _("Buyer's nickname"))), ==, BUYER_NICK);
  carrier = find_combo_row (GTK_WIDGET (dialog), _("Courier"));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (carriers[i].code, "SF") == 0)
      sf = i;
  g_assert_cmpuint (sf, <, n);
  /* Row 0 is "Not given". */
  g_assert_cmpuint (adw_combo_row_get_selected (carrier), ==, sf + 1);

  gtk_widget_activate (find_button (GTK_WIDGET (dialog), _("_Register")));
  g_assert_true (ev_wait (dialog_closed, f, 5000));

  incidents = shou_store_list_care (f->ev.store, "incident", SHOU_CARE_LIST_ALL, 10);
  g_assert_cmpuint (incidents->len, ==, 1);
  incident = g_ptr_array_index (incidents, 0);
  g_assert_cmpstr (json_object_get_string_member (incident, "tracking_no"), ==, RETURN_NO);
  g_assert_cmpstr (json_object_get_string_member (incident, "carrier"), ==, "SF");
  g_assert_cmpstr (json_object_get_string_member (incident, "order_no"), ==, ORDER_NO);

  /* Once: registered, the pane no longer suggests it; the button stays. */
  g_assert_true (ev_wait (not_suggesting, f, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_false (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_true (gtk_widget_get_visible (button));
}

/* No parcel: no button. A return parcel that moved today: the button,
 * no suggestion. The order's own parcel stalled (no return parcel): the
 * suggestion, and the dialog names the outbound parcel; signed, it is not
 * stalled however old its last event. */
static void
test_parcels (Fixture       *f,
              gconstpointer  data)
{
  ShouDetailIncident *group = incident_group (f);
  gint64 now = g_get_real_time ();
  g_autofree char *moving = NULL;
  g_autofree char *outbound = NULL;
  g_autofree char *signed_parcel = NULL;
  GtkWindow *dialog;

  apply_request (f, NULL, 4);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));

  moving = g_strdup_printf ("{\"carrier\": \"SF\", \"tracking_no\": \"" RETURN_NO "\","
                            " \"shipped_at\": %" G_GINT64_FORMAT ", \"events\": ["
                            " {\"at\": %" G_GINT64_FORMAT ", \"text\": \"【杭州转运中心】已发出\"}]}",
                            now - 2 * G_TIME_SPAN_DAY, now - 2 * G_TIME_SPAN_HOUR);
  apply_request (f, moving, 5);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_false (shou_detail_incident_suggests (group));

  outbound = g_strdup_printf ("{\"carrier\": \"SF\", \"tracking_no\": \"" OUTBOUND_NO "\","
                              " \"shipped_at\": %" G_GINT64_FORMAT ", \"collected_at\": %" G_GINT64_FORMAT ","
                              " \"events\": [{\"at\": %" G_GINT64_FORMAT ", \"text\": \"【杭州市】已揽收\"}]}",
                              now - 5 * G_TIME_SPAN_DAY, now - 5 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR,
                              now - 5 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  apply_order (f, outbound, 2);
  apply_request (f, NULL, 6);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_true (shou_detail_incident_suggests (group));
  gtk_widget_activate (shou_detail_incident_get_button (group));
  g_assert_true (ev_wait (dialog_open, f, 5000));
  dialog = find_window (_("Register a Logistics Incident"));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (dialog), _("Tracking number"))), ==, OUTBOUND_NO);
  gtk_window_destroy (dialog);
  g_assert_true (ev_wait (dialog_closed, f, 5000));

  signed_parcel = g_strdup_printf ("{\"carrier\": \"SF\", \"tracking_no\": \"" OUTBOUND_NO "\","
                                   " \"shipped_at\": %" G_GINT64_FORMAT ", \"signed_at\": %" G_GINT64_FORMAT ","
                                   " \"events\": []}",
                                   now - 6 * G_TIME_SPAN_DAY, now - 5 * G_TIME_SPAN_DAY);
  apply_order (f, signed_parcel, 3);
  apply_request (f, NULL, 7);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_false (shou_detail_incident_suggests (group));
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);

  g_test_add ("/detail-incident/stalled-return", Fixture, NULL, setup, test_stalled_return, teardown);
  g_test_add ("/detail-incident/parcels", Fixture, NULL, setup, test_parcels, teardown);

  return g_test_run ();
}
