/* test-remote-text.c: what a buyer or a server writes is shown as text,
 * never as Pango markup. The simulator's request gets a buyer description,
 * nick, goods title and address holding "&", "<", "<b>" and "<a href>"; after
 * a real sync the test walks every widget of the real window and finds each
 * of them literally, with no row or label that parses it as markup.
 *
 * Runs in zh_CN in a subprocess; with SHOU_SCREENSHOT_DIR set it also saves
 * remote-text-zh_CN.png for people to look at.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <libsoup/soup.h>
#include <glib/gi18n.h>

#include "ui/window/shou-window.h"
#include "ui/window/shou-detail-pane.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

static const char buyer_text[] = "尺码 & 颜色都不对 <3 <b>退款</b> <a href=\"http://evil.example/x\">点这里</a>";
static const char nick[] = "<b>小明</b>&<i>";
static const char title[] = "T恤 <span color=\"red\">红</span> & <a href='http://evil.example/'>链</a>";
static const char address[] = "北京市 <b>朝阳区</b> & 某路 <3号";

static gboolean
window_ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

typedef struct
{
  GBytes *body;
  guint   status;
  gboolean done;
} Http;

static void
on_http_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Http *h = data;

  h->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  h->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
  h->done = TRUE;
}

static gboolean
http_done_cb (gpointer data)
{
  return ((Http *) data)->done;
}

/* The simulator answers in this main context: wait for it there. */
static JsonObject *
http (ShouTestSim *sim,
      const char  *method,
      const char  *path,
      JsonObject  *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (shou_test_sim_get_url (sim), path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", shou_test_sim_get_token (sim), NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Http h = { NULL, 0, FALSE };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;

      json_node_set_object (node, body);
      text = json_to_string (node, FALSE);
      bytes = g_bytes_new (text, strlen (text));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_http_cb, &h);
  g_assert_true (shou_test_wait_until (http_done_cb, &h, 10000));
  g_assert_nonnull (h.body);
  if (h.status >= 300)
    g_error ("%s %s: %u %.*s", method, path, h.status, (int) g_bytes_get_size (h.body),
             (const char *) g_bytes_get_data (h.body, NULL));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (h.body, NULL),
                                             (gssize) g_bytes_get_size (h.body), NULL));
  g_bytes_unref (h.body);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A new order whose buyer nick, address and goods titles hold markup (the
 * platform's own data, written into the simulator's database), and a
 * request on it that the buyer opens with a description holding markup. */
static char *
make_hostile_request (ShouTestSim *sim,
                      const char  *dir)
{
  g_autofree char *path = g_build_filename (dir, "sim.db", NULL);
  g_autoptr(JsonObject) shops = http (sim, "GET", "/v1/shops", NULL);
  g_autoptr(JsonObject) order_body = json_object_new ();
  g_autoptr(JsonObject) open_body = json_object_new ();
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) opened = NULL;
  JsonObject *order;
  JsonObject *line;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  json_object_set_string_member (order_body, "shop_id",
                                 json_object_get_string_member (json_array_get_object_element (
                                   json_object_get_array_member (shops, "shops"), 0), "id"));
  json_object_set_string_member (order_body, "state", "completed");
  created = http (sim, "POST", "/v1/test/order", order_body);
  order = json_object_get_object_member (created, "order");
  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE orders SET data = json_set (data, '$.buyer.nick', ?1,"
                                       " '$.buyer.address', ?2, '$.lines[0].title', ?3) WHERE id = ?4",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, nick, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (order, "id"), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  json_object_set_string_member (open_body, "action", "open");
  json_object_set_string_member (open_body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (open_body, "line_id", json_object_get_string_member (line, "id"));
  json_object_set_string_member (open_body, "type", "refund_only");
  json_object_set_int_member (open_body, "amount_fen", json_object_get_int_member (line, "price_fen"));
  json_object_set_string_member (open_body, "reason_code", "not_wanted");
  json_object_set_string_member (open_body, "text", buyer_text);
  opened = http (sim, "POST", "/v1/test/buyer", open_body);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (opened, "aftersale"), "id"));
}

typedef struct
{
  GPtrArray *texts;     /* what every mapped label shows */
  guint      markup_rows;
  GString   *markup_names;
} Walk;

static void
walk (GtkWidget *widget,
      Walk      *w)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget)))
    {
      w->markup_rows++;
      g_string_append_printf (w->markup_names, "“%s” ",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
    }
  if (GTK_IS_LABEL (widget))
    {
      const char *source = gtk_label_get_label (GTK_LABEL (widget));

      /* A label that parses markup holds no remote text at all. */
      if (gtk_label_get_use_markup (GTK_LABEL (widget)) &&
          (strstr (source, "evil.example") != NULL || strstr (source, "小明") != NULL ||
           strstr (source, "朝阳区") != NULL || strstr (source, "颜色") != NULL))
        g_error ("a label parses remote text as markup: “%s”", source);
      g_ptr_array_add (w->texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, w);
}

static void
assert_shown (Walk       *w,
              const char *what,
              const char *text)
{
  for (guint i = 0; i < w->texts->len; i++)
    if (strstr (g_ptr_array_index (w->texts, i), text) != NULL)
      return;
  for (guint i = 0; i < w->texts->len; i++)
    g_test_message ("label: %s", (const char *) g_ptr_array_index (w->texts, i));
  g_error ("the %s “%s” is not shown literally anywhere in the window", what, text);
}

static void
test_remote_text_subprocess (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 11);
  g_autofree char *id = make_hostile_request (sim, dir);
  ShouStore *store = shou_test_store_new_connected (dir, sim);
  ShouSyncEngine *engine = shou_sync_engine_new (store);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  Walk w = { texts, 0, names };
  ShouWindow *window;
  ShouDetailPane *pane;

  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  g_settings_set_string (settings, "last-view", "all");
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  pane = shou_window_get_detail_pane (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_detail_pane_set_request_id (pane, id);
  shou_test_iterate (300);

  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("SHOU_SCREENSHOT_DIR"),
                                               "remote-text-zh_CN.png", NULL);
      g_autoptr(GError) error = NULL;

      if (!shou_test_save_screenshot (GTK_WIDGET (window), png, &error))
        g_test_message ("No screenshot: %s", error->message);
    }

  walk (GTK_WIDGET (window), &w);
  g_test_message ("%u labels walked", texts->len);
  g_assert_cmpuint (texts->len, >, 20);
  if (w.markup_rows > 0)
    g_error ("%u rows parse markup: %s", w.markup_rows, names->str);
  assert_shown (&w, "buyer’s description", buyer_text);
  assert_shown (&w, "buyer nick", nick);
  assert_shown (&w, "goods title", title);
  assert_shown (&w, "address", address);

  /* The link in the buyer's text is flagged with the platforms' advice
   * (seed 003), and nothing in the window is a link. */
  {
    GtkWidget *risk = shou_test_find_widget (GTK_WIDGET (pane), ADW_TYPE_ACTION_ROW, "buyer-risk");

    g_assert_nonnull (risk);
    g_assert_true (gtk_widget_get_visible (risk));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (risk)), ==,
                     _("The buyer sent a link that is not the platform’s"));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (risk)), ==,
                     _("Do not open it. If the buyer asks, say that it does not open."));
    g_assert_null (shou_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LINK_BUTTON, NULL));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (engine);
  g_object_unref (engine);
  g_object_unref (store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

static void
test_remote_text (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess ("/remote-text/subprocess", 120 * G_USEC_PER_SEC,
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

  g_test_add_func ("/remote-text/literal", test_remote_text);
  g_test_add_func ("/remote-text/subprocess", test_remote_text_subprocess);
  return g_test_run ();
}
