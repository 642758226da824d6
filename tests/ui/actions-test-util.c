/* actions-test-util.c: what test-actions.c, test-actions-keys.c and
 * test-actions-flow.c share: the shared simulator, store and window, HTTP to
 * the simulator, opening requests and action dialogs.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "actions-test-util.h"
char           *shared_dir;
ShouTestSim    *shared_sim;
ShouStore      *shared_store;
ShouSyncEngine *shared_engine;
char           *shared_account_id;
SoupSession    *shared_http;

void
on_http_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HttpWait *w = user_data;

  w->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  w->done = TRUE;
}

gboolean
http_done_cb (gpointer user_data)
{
  return ((HttpWait *) user_data)->done;
}

guint
http (const char  *method,
      const char  *path,
      JsonObject  *body,
      JsonObject **out)
{
  g_autofree char *url = g_strconcat (shou_test_sim_get_url (shared_sim), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", shou_test_sim_get_token (shared_sim));
  g_autoptr(JsonParser) parser = json_parser_new ();
  HttpWait w = { FALSE, NULL };

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autofree char *key = g_uuid_string_random ();

      soup_message_headers_append (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (shared_http, msg, G_PRIORITY_DEFAULT, NULL, on_http_done_cb, &w);
  g_assert_true (shou_test_wait_until (http_done_cb, &w, 10000));
  g_assert_nonnull (w.body);

  if (out != NULL)
    {
      *out = NULL;
      if (g_bytes_get_size (w.body) > 0 &&
          json_parser_load_from_data (parser, g_bytes_get_data (w.body, NULL),
                                      g_bytes_get_size (w.body), NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *out = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  g_bytes_unref (w.body);
  return soup_message_get_status (msg);
}

void
expect_ok (guint       status,
           JsonObject *reply,
           const char *what)
{
  if (status >= 300)
    {
      g_autofree char *text = NULL;

      if (reply != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), reply);
          text = json_to_string (node, FALSE);
        }
      g_test_message ("%s: HTTP %u %s", what, status, text != NULL ? text : "");
    }
  g_assert_cmpuint (status, <, 300);
}

JsonObject *
get_aftersale (const char *id)
{
  g_autofree char *path = g_strconcat ("/v1/aftersales/", id, NULL);
  g_autoptr(JsonObject) reply = NULL;
  guint status = http ("GET", path, NULL, &reply);

  expect_ok (status, reply, path);
  return json_object_ref (json_object_get_object_member (reply, "aftersale"));
}

/* A new order in @shop_id (POST /v1/test/order); @cod: keep creating until
 * the simulator gives a cash-on-delivery one (Douyin only). */
JsonObject *
new_order (const char *shop_id,
           const char *state,
           gboolean    cod)
{
  for (guint attempt = 0; attempt < 60; attempt++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonObject) reply = NULL;
      JsonObject *order;
      guint status;

      json_object_set_string_member (body, "shop_id", shop_id);
      json_object_set_string_member (body, "state", state);
      status = http ("POST", "/v1/test/order", body, &reply);
      expect_ok (status, reply, "test/order");
      order = json_object_get_object_member (reply, "order");
      if (!cod || json_object_get_boolean_member_with_default (order, "cod", FALSE))
        return json_object_ref (order);
    }
  g_assert_not_reached ();
}

/* The buyer opens a request on the order's first line (POST /v1/test/buyer). */
char *
buyer_open (JsonObject *order,
            const char *type)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  gint64 amount = MIN (json_object_get_int_member (line, "price_fen"),
                       json_object_get_int_member (order, "paid_fen"));
  guint status;

  json_object_set_string_member (body, "action", "open");
  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "line_id", json_object_get_string_member (line, "id"));
  json_object_set_string_member (body, "type", type);
  json_object_set_int_member (body, "amount_fen", MAX (amount, 100));
  json_object_set_string_member (body, "reason_code", "quality_problem");
  json_object_set_string_member (body, "text", "收到的商品有质量问题");
  status = http ("POST", "/v1/test/buyer", body, &reply);
  expect_ok (status, reply, "test/buyer open");

  return g_strdup (json_object_get_string_member (json_object_get_object_member (reply, "aftersale"), "id"));
}

void
buyer_move (const char *id,
            const char *action)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *what = g_strconcat ("test/buyer ", action, NULL);

  json_object_set_string_member (body, "aftersale_id", id);
  json_object_set_string_member (body, "action", action);
  if (g_str_equal (action, "ship_return"))
    {
      json_object_set_string_member (body, "carrier", "SF");
      json_object_set_string_member (body, "tracking_no", "SF1234567890123");
    }
  else
    json_object_set_string_member (body, "text", "好的，我再想想");
  expect_ok (http ("POST", "/v1/test/buyer", body, &reply), reply, what);
}

char *
first_address_id (const char *shop_id)
{
  g_autofree char *path = g_strconcat ("/v1/shops/", shop_id, "/return-addresses", NULL);
  g_autoptr(JsonObject) reply = NULL;
  JsonArray *addresses;

  expect_ok (http ("GET", path, NULL, &reply), reply, path);
  addresses = json_object_get_array_member (reply, "addresses");
  g_assert_cmpuint (json_array_get_length (addresses), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (addresses, 0), "id"));
}

/* A photo uploaded to the request as the seller's evidence; its sha256. */
char *
upload_photo (const char *id)
{
  g_autofree char *url = g_strconcat (shou_test_sim_get_url (shared_sim), "/v1/aftersales/", id,
                                      "/evidence?kind=product_photo", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", shou_test_sim_get_token (shared_sim));
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  HttpWait w = { FALSE, NULL };
  JsonObject *evidence;
  char *sha;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", png);
  soup_session_send_and_read_async (shared_http, msg, G_PRIORITY_DEFAULT, NULL, on_http_done_cb, &w);
  g_assert_true (shou_test_wait_until (http_done_cb, &w, 10000));
  g_assert_nonnull (w.body);
  g_assert_cmpuint (soup_message_get_status (msg), <, 300);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (w.body, NULL),
                                             g_bytes_get_size (w.body), NULL));
  evidence = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "evidence");
  sha = g_strdup (json_object_get_string_member (evidence, "id"));
  g_bytes_unref (w.body);
  return sha;
}

/* The seller's own earlier step, through the seller API. */
void
seller_move (const char *id,
             const char *shop_id,
             const char *action)
{
  g_autoptr(JsonObject) aftersale = get_aftersale (id);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *path = g_strconcat ("/v1/aftersales/", id, "/actions", NULL);
  JsonObject *params = json_object_new ();

  if (g_str_equal (action, "agree_return"))
    {
      g_autofree char *address_id = first_address_id (shop_id);
      json_object_set_string_member (params, "address_id", address_id);
    }
  else if (g_str_equal (action, "refuse_receipt"))
    {
      g_autofree char *sha = upload_photo (id);
      JsonArray *evidence = json_array_new ();

      json_array_add_string_element (evidence, sha);
      json_object_set_string_member (params, "reason", "退回的商品已损坏，吊牌已剪");
      json_object_set_array_member (params, "evidence", evidence);
    }
  else if (g_str_equal (action, "negotiate"))
    {
      JsonArray *scripts = json_array_new ();

      json_array_add_string_element (scripts, "apology");
      json_object_set_int_member (params, "round", 1);
      json_object_set_string_member (params, "text", "亲，麻烦提供一下商品问题的照片，我们核实后马上处理");
      json_object_set_array_member (params, "scripts", scripts);
    }
  json_object_set_string_member (body, "action", action);
  json_object_set_int_member (body, "expected_version", json_object_get_int_member (aftersale, "version"));
  json_object_set_object_member (body, "params", params);
  expect_ok (http ("POST", path, body, &reply), reply, action);
}

/* ---- shared cache and window ------------------------------------------- */

void
shared_set_up (void)
{
  g_autoptr(GPtrArray) accounts = NULL;

  if (shared_store != NULL)
    return;

  shared_dir = shou_test_make_tmpdir ();
  shared_sim = shou_test_sim_new_demo (shared_dir, 11);
  shared_store = shou_test_store_new_connected (shared_dir, shared_sim);
  shared_engine = shou_sync_engine_new (shared_store);
  shared_http = soup_session_new ();
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  accounts = shou_store_list_accounts (shared_store);
  g_assert_cmpuint (accounts->len, ==, 1);
  shared_account_id = g_strdup (json_object_get_string_member (g_ptr_array_index (accounts, 0), "id"));
}

void
shared_tear_down (void)
{
  if (shared_store == NULL)
    return;

  shou_sync_engine_stop (shared_engine);
  shou_test_finalize_object (shared_engine);
  shou_test_finalize_object (shared_store);
  g_clear_object (&shared_http);
  g_clear_pointer (&shared_sim, shou_test_sim_free);
  shou_test_rm_rf (shared_dir);
  g_clear_pointer (&shared_dir, g_free);
  g_clear_pointer (&shared_account_id, g_free);
}

gboolean
window_ready_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         g_strcmp0 (shou_window_get_main_page (fixture->window), "queue") == 0;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  g_settings_set_string (settings, "last-view", "pending");
  g_settings_set_boolean (settings, "advance-after-action", TRUE);
  shared_set_up ();

  fixture->window = g_object_ref_sink (shou_window_new (NULL, shared_store, shared_engine));
  fixture->pane = shou_window_get_detail_pane (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (shou_test_wait_until (window_ready_cb, fixture, 5000));
  shou_test_iterate (100);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = shou_detail_pane_get_dialog (fixture->pane);

  if (dialog != NULL)
    shou_test_close_window (dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  shou_test_iterate (50);
}

void
open_request (Fixture    *fixture,
              const char *id)
{
  shou_window_open_request (fixture->window, id);
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, id);
  g_assert_nonnull (shou_detail_pane_get_request (fixture->pane));
}

gboolean
json_array_has (JsonObject *object,
                const char *member,
                const char *value)
{
  JsonArray *array;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

gboolean
dialog_mapped_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *dialog = shou_detail_pane_get_dialog (fixture->pane);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

GtkWindow *
open_action (Fixture    *fixture,
             const char *id,
             const char *name)
{
  g_autofree char *action = g_strconcat ("request.", name, NULL);

  open_request (fixture, id);
  g_assert_true (shou_detail_pane_is_action_enabled (fixture->pane, name));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL));
  g_assert_true (shou_test_wait_until (dialog_mapped_cb, fixture, 5000));
  return shou_detail_pane_get_dialog (fixture->pane);
}

gboolean
outbox_empty (void)
{
  g_autoptr(ShouOutboxEntry) entry = shou_store_outbox_next (shared_store, shared_account_id);

  return entry == NULL;
}

void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  shou_test_iterate (50);
  g_object_unref (dialog);
}

GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(GdkTexture) texture = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  return gdk_texture_save_to_png_bytes (texture);
}
