/* test-timeline-l10n: the request timeline of the real window, in the UI's
 * language. The simulator writes each timeline entry as a Simplified Chinese
 * sentence; the detail pane says every entry from its kind and parameters
 * (amounts, carrier, round, reasons), so a zh_TW seller reads Traditional
 * Chinese only, with the words people wrote quoted as they are.
 *
 * A request is walked through several steps against the real simulator on
 * 127.0.0.1: the buyer opens a return, the seller agrees with a message,
 * the buyer ships it, the seller confirms receipt. Runs itself once per
 * language in a subprocess: LANGUAGE must be set before gettext reads its
 * first catalogue. */
#include "config.h"

#include <string.h>

#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"
#include "evidence-sim.h"

/* Characters of only one of the two scripts (as tests/data/check-po.py). */
static const char simplified_only[] = "货后单设线码账号务题认时间这为说请选择钮载发运长门们个动现开关机对图实类态额铺订卖买签据删输响网络页启显复记录联读写传见错误质与问适经检测销协损约";

/* What the buyer and the seller write: in neither script only. */
#define BUYER_TEXT  "杯子有裂痕"
#define SELLER_TEXT "OK"

static gboolean
has_simplified (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), ch);
      if (g_utf8_get_char (p) >= 0x2e80 && strstr (simplified_only, ch) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_ready_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

/* The store's key of the request the server calls @server_id. */
static char *
find_key (ShouStore  *store,
          const char *server_id)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), NULL);

      if (g_strcmp0 (json_object_get_string_member (request, "id"), server_id) == 0)
        return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

static void
seller_action (EvSim      *s,
               const char *key,
               ShouAction  action,
               JsonObject *params)
{
  g_autoptr(JsonObject) request = shou_store_get_request (s->store, key, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (request);
  g_assert_true (shou_store_enqueue_action (s->store, key, action, params,
                                            json_object_get_int_member (request, "version"), &error));
  g_assert_no_error (error);
  g_assert_true (ev_sync (s));
}

/* The subtitles of the timeline's rows (each row has an actor-* class). */
static void
collect_timeline (GtkWidget *widget,
                  GPtrArray *out)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      (gtk_widget_has_css_class (widget, "actor-buyer") ||
       gtk_widget_has_css_class (widget, "actor-seller") ||
       gtk_widget_has_css_class (widget, "actor-platform") ||
       gtk_widget_has_css_class (widget, "actor-system")))
    g_ptr_array_add (out, g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_timeline (child, out);
}

static void
scroll_to_bottom (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_to_bottom (child);
}

static gboolean
contains (GPtrArray  *rows,
          const char *text)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (rows->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_in_language_subprocess (void)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean tw = g_strcmp0 (language, "zh_TW") == 0;
  EvSim s = { 0 };
  g_autoptr(JsonObject) shops = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) opened = NULL;
  g_autoptr(JsonObject) addresses = NULL;
  g_autoptr(JsonObject) shipped = NULL;
  g_autoptr(JsonObject) agree = json_object_new ();
  g_autoptr(JsonObject) confirm = json_object_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *shop_id = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  JsonObject *line;
  JsonArray *list;
  ShouWindow *window;
  ShouDetailPane *pane;

  ev_sim_setup (&s, NULL);
  g_assert_true (ev_sync (&s));

  /* A Taobao shop's completed order; the buyer asks for a return. */
  shops = ev_http (&s, "GET", "/v1/shops", NULL);
  list = json_object_get_array_member (shops, "shops");
  for (guint i = 0; i < json_array_get_length (list) && shop_id == NULL; i++)
    {
      JsonObject *shop = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (shop, "platform"), "taobao") == 0)
        shop_id = g_strdup (json_object_get_string_member (shop, "id"));
    }
  g_assert_nonnull (shop_id);
  body = g_strdup_printf ("{\"shop_id\": \"%s\", \"state\": \"completed\"}", shop_id);
  order = ev_http (&s, "POST", "/v1/test/order", body);
  line = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (order, "order"),
                                                                      "lines"), 0);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\", "
                          "\"type\": \"return_refund\", \"amount_fen\": %" G_GINT64_FORMAT ", "
                          "\"reason_code\": \"quality_problem\", \"text\": \"" BUYER_TEXT "\"}",
                          json_object_get_string_member (json_object_get_object_member (order, "order"), "id"),
                          json_object_get_string_member (line, "id"),
                          json_object_get_int_member (line, "price_fen"));
  opened = ev_http (&s, "POST", "/v1/test/buyer", body);
  server_id = g_strdup (json_object_get_string_member (json_object_get_object_member (opened, "aftersale"), "id"));
  g_assert_true (ev_sync (&s));
  key = find_key (s.store, server_id);
  g_assert_nonnull (key);

  /* The seller agrees, with a message, to the shop's first return address. */
  path = g_strdup_printf ("/v1/shops/%s/return-addresses", shop_id);
  addresses = ev_http (&s, "GET", path, NULL);
  list = json_object_get_array_member (addresses, "addresses");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  json_object_set_string_member (agree, "address_id",
                                 json_object_get_string_member (json_array_get_object_element (list, 0), "id"));
  json_object_set_string_member (agree, "message", SELLER_TEXT);
  seller_action (&s, key, SHOU_ACTION_AGREE_RETURN, agree);

  /* The buyer ships the goods back; the seller confirms receipt. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\", "
                          "\"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"}", server_id);
  shipped = ev_http (&s, "POST", "/v1/test/buyer", body);
  g_assert_true (ev_sync (&s));
  seller_action (&s, key, SHOU_ACTION_CONFIRM_RECEIPT, confirm);

  g_settings_set_string (settings, "last-view", "all");
  window = g_object_ref_sink (shou_window_new (NULL, s.store, s.engine));
  pane = shou_window_get_detail_pane (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_detail_pane_set_request_id (pane, key);
  shou_test_iterate (100);

  /* For people to look at, when SHOU_SCREENSHOT_DIR is set. */
  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("timeline-%s.png", language);
      g_autofree char *png = g_build_filename (g_getenv ("SHOU_SCREENSHOT_DIR"), name, NULL);
      g_autoptr(GError) error = NULL;

      /* The timeline is at the bottom of the pane. */
      scroll_to_bottom (GTK_WIDGET (pane));
      shou_test_iterate (200);
      if (!shou_test_save_screenshot (GTK_WIDGET (window), png, &error))
        g_test_message ("No screenshot: %s", error->message);
    }
  collect_timeline (GTK_WIDGET (pane), rows);
  if (rows->len < 4)
    g_error ("%s: the timeline shows %u entries, not the 4 steps", language, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *text = rows->pdata[i];

      g_test_message ("%s timeline: %s", language, text);
      if (tw && has_simplified (text))
        g_error ("zh_TW: the timeline shows the server's Simplified Chinese: “%s”", text);
    }
  if (tw)
    {
      g_assert_true (contains (rows, "買家發起了退貨退款申請（品質問題）：「" BUYER_TEXT "」"));
      g_assert_true (contains (rows, "賣家同意退貨：「" SELLER_TEXT "」"));
      g_assert_true (contains (rows, "買家已寄回商品：順豐速運 SF1234567890123"));
    }
  else
    {
      g_assert_true (contains (rows, "买家发起了退货退款申请（质量问题）：“" BUYER_TEXT "”"));
      g_assert_true (contains (rows, "卖家同意退货：“" SELLER_TEXT "”"));
      g_assert_true (contains (rows, "买家已寄回商品：顺丰速运 SF1234567890123"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (s.engine);
  ev_sim_teardown (&s, NULL);
}

static void
test_in_language (gconstpointer data)
{
  const char *language = data;
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess ("/timeline-l10n/in-language/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/timeline-l10n/zh_TW", "zh_TW", test_in_language);
  g_test_add_data_func ("/timeline-l10n/zh_CN", "zh_CN", test_in_language);
  g_test_add_func ("/timeline-l10n/in-language/subprocess", test_in_language_subprocess);
  return g_test_run ();
}
