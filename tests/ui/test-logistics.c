/* test-logistics.c: the tracking timeline and stall warning, logistics
 * entry checked by core's per-carrier validator as the seller types, and
 * the seller's return-receipt checks, all against a real store. */
#include "evidence-fixture.h"

#include <sqlite3.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "ui/evidence/shou-logistics.h"
#include "ui/evidence/shou-logistics-dialog.h"
#include "ui/evidence/shou-receipt-check-dialog.h"

#define STALL (72 * G_TIME_SPAN_HOUR)

static JsonObject *
shipment_json (gint64      now,
               const char *last_text,
               gint64      last_age)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\","
                          " \"shipped_at\": %" G_GINT64_FORMAT ", \"events\": ["
                          " {\"at\": %" G_GINT64_FORMAT ", \"text\": \"【杭州市】已揽收\"},"
                          " {\"at\": %" G_GINT64_FORMAT ", \"text\": \"%s\"},"
                          " {\"at\": %" G_GINT64_FORMAT ", \"text\": \"【杭州转运中心】已发出\"}]}",
                          now - 6 * G_TIME_SPAN_DAY,
                          now - 6 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR,
                          now - last_age, last_text,
                          now - 5 * G_TIME_SPAN_DAY);
  return ev_parse (json);
}

static void
test_stall (void)
{
  gint64 now = g_get_real_time ();
  g_autoptr(JsonObject) stalled = shipment_json (now, "【上海市】派送中", 4 * G_TIME_SPAN_DAY);
  g_autoptr(JsonObject) moving = shipment_json (now, "【上海市】派送中", 2 * G_TIME_SPAN_HOUR);
  g_autoptr(JsonObject) delivered = shipment_json (now, "【上海市】已签收，签收人：本人", 4 * G_TIME_SPAN_DAY);
  g_autoptr(JsonObject) no_events = ev_parse ("{\"carrier\": \"YTO\", \"tracking_no\": \"YT1234567890123\","
                                              " \"shipped_at\": 1000, \"events\": []}");
  g_autofree char *text = NULL;
  g_autofree char *days = NULL;
  gint64 idle = 0;

  g_assert_true (shou_logistics_get_stall (stalled, STALL, now, &idle));
  g_assert_cmpint (idle, ==, 4 * G_TIME_SPAN_DAY);
  g_assert_false (shou_logistics_get_stall (stalled, 5 * G_TIME_SPAN_DAY, now, NULL));
  g_assert_false (shou_logistics_get_stall (moving, STALL, now, &idle));
  g_assert_cmpint (idle, ==, 2 * G_TIME_SPAN_HOUR);
  g_assert_false (shou_logistics_get_stall (delivered, STALL, now, NULL));
  g_assert_false (shou_logistics_get_stall (NULL, STALL, now, NULL));
  /* Shipped and never scanned since: stalled from the shipping time. */
  g_assert_true (shou_logistics_get_stall (no_events, STALL, now, NULL));
  /* Exactly at the limit is not yet stalled. */
  g_assert_false (shou_logistics_get_stall (stalled, 4 * G_TIME_SPAN_DAY, now, NULL));

  text = shou_logistics_describe_stall (stalled, STALL, now);
  days = g_strdup_printf ("%d", 4);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, days));
  g_assert_null (shou_logistics_describe_stall (moving, STALL, now));
}

static void
test_timeline (void)
{
  gint64 now = g_get_real_time ();
  g_autoptr(JsonObject) shipment = shipment_json (now, "【上海市】派送中", 4 * G_TIME_SPAN_DAY);
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = shou_tracking_view_new ();
  GtkWidget *newest, *oldest;
  GtkWidget *list;
  graphene_point_t p_newest, p_oldest;

  gtk_widget_set_margin_start (view, 18);
  gtk_widget_set_margin_end (view, 18);
  gtk_widget_set_margin_top (view, 18);
  gtk_widget_set_margin_bottom (view, 18);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_false (shou_tracking_view_get_stalled (SHOU_TRACKING_VIEW (view)));
  shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (view), shipment, STALL, now);
  g_assert_cmpuint (shou_tracking_view_get_n_events (SHOU_TRACKING_VIEW (view)), ==, 3);
  g_assert_true (shou_tracking_view_get_stalled (SHOU_TRACKING_VIEW (view)));
  g_assert_nonnull (ev_find_label (view, "SF1234567890123"));
  g_assert_nonnull (ev_find_label (view, shou_carrier_find ("SF")->name));
  {
    g_autofree char *warning = shou_logistics_describe_stall (shipment, STALL, now);

    g_assert_true (gtk_widget_get_visible (ev_find_label (view, warning)));
  }

  /* Newest first: 派送中 (4 days ago) above 已揽收 (6 days ago). */
  ev_spin (100);
  list = ev_find_type (view, GTK_TYPE_LIST_BOX);
  newest = ev_find_label (list, "派送中");
  oldest = ev_find_label (list, "已揽收");
  g_assert_true (gtk_widget_compute_point (newest, list, &GRAPHENE_POINT_INIT (0, 0), &p_newest));
  g_assert_true (gtk_widget_compute_point (oldest, list, &GRAPHENE_POINT_INIT (0, 0), &p_oldest));
  g_assert_cmpfloat (p_newest.y, <, p_oldest.y);
  ev_screenshot (window, "zh_CN-tracking.png");

  shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (view), NULL, STALL, now);
  g_assert_cmpuint (shou_tracking_view_get_n_events (SHOU_TRACKING_VIEW (view)), ==, 0);
  g_assert_false (shou_tracking_view_get_stalled (SHOU_TRACKING_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An exchange waiting for the seller to ship. */
static void
add_exchange (EvFixture *f)
{
  g_autoptr(JsonObject) request = ev_request_json (g_get_real_time ());
  g_autoptr(JsonArray) allowed = json_array_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (request, "id", "as-ev-x");
  json_object_set_string_member (request, "type", "exchange");
  json_object_set_string_member (request, "status", "wait_seller_ship");
  json_array_add_string_element (allowed, "ship_exchange");
  json_object_set_array_member (request, "allowed_actions", json_array_ref (allowed));
  g_assert_true (shou_store_apply_aftersale (f->store, f->account_id, request, &error));
  g_assert_no_error (error);
}

static const struct { const char *carrier; const char *number; gboolean ok; } numbers[] = {
  { "SF", "SF1234567890123", TRUE },
  { "SF", "123456789012", TRUE },
  { "SF", "sf 1234 5678 9012 3", TRUE },   /* spaces and case as typed */
  { "SF", "SF12345", FALSE },
  { "YTO", "YT1234567890123", TRUE },
  { "YTO", "SF1234567890123", FALSE },
  { "ZTO", "773012345678901", TRUE },
  { "ZTO", "173012345678901", FALSE },
  { "JD", "JDVA12345678901", TRUE },
  { "JD", "JD12", FALSE },
  { "EMS", "EA123456789CN", TRUE },
  { "EMS", "EA12345678CN", FALSE },
  { "JTSD", "jt1234567890123", TRUE },
  { "DBL", "DPK201234567890", TRUE },
  { "STO", "773123456789", TRUE },
  { "STO", "123", FALSE },
};

/* Whether @action waits in the outbox for @request_id ("" = nothing but
 * evidence uploads waits). */
static gboolean
has_pending (EvFixture  *f,
             const char *request_id,
             const char *action)
{
  g_autoptr(JsonObject) request = shou_store_get_request (f->store, request_id, NULL);
  JsonArray *pending;
  gboolean any = FALSE;

  g_assert_nonnull (request);
  pending = json_object_get_array_member (request, "pending_actions");
  for (guint i = 0; pending != NULL && i < json_array_get_length (pending); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (pending, i), "action");

      if (g_strcmp0 (name, action) == 0)
        return TRUE;
      if (g_strcmp0 (name, "upload_evidence") != 0)
        any = TRUE;
    }
  return *action == '\0' ? !any : FALSE;
}

static void
on_shipped (gboolean *shipped)
{
  *shipped = TRUE;
}

static void
test_logistics_entry (EvFixture     *f,
                      gconstpointer  data)
{
  ShouLogisticsDialog *dialog;
  GtkDropDown *dropdown;
  g_autoptr(GtkFilterListModel) found = NULL;
  GtkStringFilter *filter;
  g_autoptr(GtkStringObject) first = NULL;
  gboolean shipped = FALSE;

  add_exchange (f);
  dialog = SHOU_LOGISTICS_DIALOG (shou_logistics_dialog_new (NULL, f->store, "as-ev-x"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      const ShouCarrier *carrier = shou_carrier_find (numbers[i].carrier);

      g_assert_true (shou_logistics_dialog_select_carrier (dialog, numbers[i].carrier));
      shou_logistics_dialog_set_tracking_number (dialog, numbers[i].number);
      g_assert_cmpint (shou_logistics_dialog_get_can_ship (dialog), ==, numbers[i].ok);
      if (numbers[i].ok)
        g_assert_null (shou_logistics_dialog_get_error (dialog));
      else
        {
          /* The reason names the carrier, shown under the entry. */
          g_assert_nonnull (strstr (shou_logistics_dialog_get_error (dialog), carrier->name));
          g_assert_nonnull (ev_find_label (GTK_WIDGET (dialog), shou_logistics_dialog_get_error (dialog)));
        }
    }
  g_assert_false (shou_logistics_dialog_select_carrier (dialog, "NOPE"));

  /* The carrier list is searchable by Chinese name or by code. */
  dropdown = GTK_DROP_DOWN (ev_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_drop_down_get_enable_search (dropdown));
  filter = gtk_string_filter_new (gtk_expression_ref (gtk_drop_down_get_expression (dropdown)));
  gtk_string_filter_set_search (filter, "YTO");
  found = gtk_filter_list_model_new (g_object_ref (gtk_drop_down_get_model (dropdown)), GTK_FILTER (filter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_nonnull (strstr (gtk_string_object_get_string (first), shou_carrier_find ("YTO")->name));
  gtk_string_filter_set_search (filter, shou_carrier_find ("YTO")->name);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);

  /* Screenshot with a refused number and its reason. */
  shou_logistics_dialog_select_carrier (dialog, "SF");
  shou_logistics_dialog_set_tracking_number (dialog, "SF12345");
  ev_screenshot (GTK_WIDGET (dialog), "zh_CN-logistics.png");
  g_assert_false (shou_logistics_dialog_get_can_ship (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "logistics.ship", NULL);
  g_assert_true (has_pending (f, "as-ev-x", ""));

  shou_logistics_dialog_set_tracking_number (dialog, "sf 1234 5678 9012 3");
  g_signal_connect_swapped (dialog, "shipped", G_CALLBACK (on_shipped), &shipped);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "logistics.ship", NULL));
  ev_spin (20);
  /* Durable in the outbox and the dialog closed. */
  g_assert_true (has_pending (f, "as-ev-x", "ship_exchange"));
  g_assert_true (shipped);
  g_assert_null (dialog);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
}

/* The params of the queued ship_exchange, read from the outbox file. */
static JsonObject *
queued_ship_params (EvFixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *params = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT params FROM outbox WHERE action = 'ship_exchange'"
                                       " AND state = 'queued'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  params = ev_parse ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return params;
}

/* 其他快递 (issue 25 item 6): the last choice reveals 快递公司名称, the number is
 * checked loosely, the name goes out as typed text; the tracking view shows
 * it as text, marked as not checked. */
static void
test_logistics_other (EvFixture     *f,
                      gconstpointer  data)
{
  ShouLogisticsDialog *dialog;
  GtkDropDown *dropdown;
  GListModel *model;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) shipment = ev_parse ("{\"carrier\": \"OTHER\", \"carrier_name\": \"<b>百世</b>\","
                                             " \"tracking_no\": \"557012345678\", \"shipped_at\": 1000,"
                                             " \"events\": []}");
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = shou_tracking_view_new ();
  g_autofree char *marked = NULL;

  add_exchange (f);
  dialog = SHOU_LOGISTICS_DIALOG (shou_logistics_dialog_new (NULL, f->store, "as-ev-x"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Offered once, last, under its translated name. */
  dropdown = GTK_DROP_DOWN (ev_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  model = gtk_drop_down_get_model (dropdown);
  {
    g_autoptr(GtkStringObject) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
    guint n = 0;

    shou_carriers_get_all (&n);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
    g_assert_cmpstr (gtk_string_object_get_string (last), ==, g_dgettext (GETTEXT_PACKAGE, "Other carrier"));
  }

  g_assert_true (shou_logistics_dialog_select_carrier (dialog, "SF"));
  g_assert_false (shou_logistics_dialog_get_carrier_name_visible (dialog));
  g_assert_true (shou_logistics_dialog_select_carrier (dialog, "OTHER"));
  g_assert_cmpstr (shou_logistics_dialog_get_carrier (dialog), ==, "OTHER");
  g_assert_true (shou_logistics_dialog_get_carrier_name_visible (dialog));

  /* A number no listed carrier accepts, but no name yet. */
  shou_logistics_dialog_set_tracking_number (dialog, "5570 1234 5678");
  g_assert_false (shou_logistics_dialog_get_can_ship (dialog));
  g_assert_null (shou_logistics_dialog_get_error (dialog));
  shou_logistics_dialog_set_carrier_name (dialog, "一二三四五六七八九十一二三四五六七八九十一");
  g_assert_false (shou_logistics_dialog_get_can_ship (dialog));
  g_assert_nonnull (ev_find_label (GTK_WIDGET (dialog), shou_logistics_dialog_get_error (dialog)));
  shou_logistics_dialog_set_carrier_name (dialog, " <b>百世快递</b> ");
  g_assert_true (shou_logistics_dialog_get_can_ship (dialog));
  shou_logistics_dialog_set_tracking_number (dialog, "5570/12");
  g_assert_false (shou_logistics_dialog_get_can_ship (dialog));
  g_assert_nonnull (shou_logistics_dialog_get_error (dialog));
  shou_logistics_dialog_set_tracking_number (dialog, "5570 1234 5678");
  g_assert_true (shou_logistics_dialog_get_can_ship (dialog));
  ev_screenshot (GTK_WIDGET (dialog), "zh_CN-logistics-other.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "logistics.ship", NULL));
  ev_spin (20);
  g_assert_null (dialog);
  g_assert_true (has_pending (f, "as-ev-x", "ship_exchange"));
  params = queued_ship_params (f);
  g_assert_cmpstr (json_object_get_string_member (params, "carrier"), ==, "OTHER");
  g_assert_cmpstr (json_object_get_string_member (params, "carrier_name"), ==, "<b>百世快递</b>");
  g_assert_cmpstr (json_object_get_string_member (params, "tracking_no"), ==, "557012345678");
  /* The seller sees the parcel at once, under the typed name. */
  {
    g_autoptr(JsonObject) request = shou_store_get_request (f->store, "as-ev-x", NULL);
    JsonObject *ship = json_object_get_object_member (request, "exchange_shipment");

    g_assert_nonnull (ship);
    g_assert_cmpstr (json_object_get_string_member (ship, "carrier_name"), ==, "<b>百世快递</b>");
  }

  /* The tracking view: the typed name as text (the tags stay visible). */
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (view), shipment, STALL, g_get_real_time ());
  marked = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s (other carrier, number not checked)"), "<b>百世</b>");
  g_assert_nonnull (ev_find_label (view, marked));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_receipt_check (EvFixture     *f,
                    gconstpointer  data)
{
  ShouReceiptCheckDialog *dialog;
  ShouEvidencePicker *picker;
  g_autoptr(GBytes) photo = ev_image_bytes ("jpeg", 320, 240, 0x996633ff);

  dialog = SHOU_RECEIPT_CHECK_DIALOG (shou_receipt_check_dialog_new (NULL, f->store, EV_REQUEST_ID));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Damaged without photos: refusing asks for them first. */
  shou_receipt_check_dialog_set_checks (dialog, TRUE, TRUE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "receipt.refuse", NULL));
  g_assert_nonnull (shou_receipt_check_dialog_get_error (dialog));
  g_assert_true (has_pending (f, EV_REQUEST_ID, ""));

  picker = SHOU_EVIDENCE_PICKER (shou_receipt_check_dialog_get_evidence_picker (dialog));
  g_assert_cmpint (shou_evidence_picker_get_kind (picker), ==, SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_add_bytes (picker, photo, "damage.jpg");
  g_assert_cmpuint (shou_evidence_picker_get_count (picker), ==, 1);
  ev_screenshot (GTK_WIDGET (dialog), "zh_CN-receipt-check.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "receipt.refuse", NULL));
  ev_spin (20);
  g_assert_null (dialog);
  g_assert_true (has_pending (f, EV_REQUEST_ID, "refuse_receipt"));
}

static void
test_receipt_confirm (EvFixture     *f,
                      gconstpointer  data)
{
  ShouReceiptCheckDialog *dialog;

  dialog = SHOU_RECEIPT_CHECK_DIALOG (shou_receipt_check_dialog_new (NULL, f->store, EV_REQUEST_ID));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  shou_receipt_check_dialog_set_checks (dialog, TRUE, FALSE, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "receipt.confirm", NULL));
  ev_spin (20);
  g_assert_null (dialog);
  g_assert_true (has_pending (f, EV_REQUEST_ID, "confirm_receipt"));
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);

  g_test_add_func ("/logistics/stall", test_stall);
  g_test_add_func ("/logistics/timeline", test_timeline);
  g_test_add ("/logistics/entry", EvFixture, NULL, ev_setup, test_logistics_entry, ev_teardown);
  g_test_add ("/logistics/entry-other", EvFixture, NULL, ev_setup, test_logistics_other, ev_teardown);
  g_test_add ("/logistics/receipt-refuse", EvFixture, NULL, ev_setup, test_receipt_check, ev_teardown);
  g_test_add ("/logistics/receipt-confirm", EvFixture, NULL, ev_setup, test_receipt_confirm, ev_teardown);

  return g_test_run ();
}
