/* negotiation-test-util.c: what test-negotiation.c and
 * test-negotiation-flow.c share: the fixture (simulator, store, window),
 * HTTP and the clock, the dialog's steps, screenshots.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "negotiation-test-util.h"

/* ---- main loop helpers ------------------------------------------------- */

void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
wait_for (gboolean *flag,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

void
on_http_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HttpWait *w = user_data;

  w->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  w->done = TRUE;
}

guint
http (Fixture     *fx,
      const char  *method,
      const char  *path,
      JsonObject  *body,
      JsonObject **out)
{
  g_autofree char *url = g_strconcat (shou_sim_server_get_url (fx->sim), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", TOKEN);
  HttpWait w = { FALSE, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();

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
  soup_session_send_and_read_async (fx->http, msg, G_PRIORITY_DEFAULT, NULL, on_http_done_cb, &w);
  wait_for (&w.done, 10000);
  g_assert_true (w.done);
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
advance_clock (Fixture *fx,
               gint64   usec)
{
  g_autoptr(JsonObject) body = json_object_new ();
  guint status;

  json_object_set_int_member (body, "advance_us", usec);
  status = http (fx, "POST", "/v1/test/clock", body, NULL);
  g_assert_cmpuint (status, ==, 200);
}

gint64
sim_now (gpointer user_data)
{
  return shou_sim_server_now (SHOU_SIM_SERVER (user_data));
}

/* ---- client side ------------------------------------------------------- */

void
on_sync_finished_cb (gboolean *done,
                     gboolean  ok,
                     gpointer  engine)
{
  *done = TRUE;
}

void
sync_now (Fixture *fx)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect_swapped (fx->sync, "sync-finished",
                                        G_CALLBACK (on_sync_finished_cb), &done);

  shou_sync_engine_sync_now (fx->sync);
  wait_for (&done, 15000);
  g_signal_handler_disconnect (fx->sync, id);
  g_assert_true (done);
  pump (20);
}

JsonObject *
cached_request (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request = shou_store_get_request (fx->store, fx->request_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

const ShouProfile *
fx_profile (Fixture *fx)
{
  return shou_profiles_get (shou_profiles_get_default (), fx->platform);
}

/* ---- fixture ----------------------------------------------------------- */

void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sim_db = NULL;
  g_autofree char *store_db = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *shop_id = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShouSimDemo) demo = NULL;
  g_autoptr(JsonObject) order_reply = NULL;
  g_autoptr(JsonObject) open = json_object_new ();
  g_autoptr(JsonObject) opened = NULL;
  ShouSimWorld *world;
  JsonObject *order;
  JsonObject *line;
  gint64 price;
  guint status;
  gboolean unshipped = FALSE;

  fx->tmpdir = g_dir_make_tmp ("shou-negotiation-XXXXXX", &error);
  g_assert_no_error (error);

  sim_db = g_build_filename (fx->tmpdir, "sim.db", NULL);
  fx->sim = shou_sim_server_new (sim_db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (fx->sim, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (shou_sim_server_add_merchant (fx->sim, "m1", "测试商户", TOKEN, &error));
  g_assert_no_error (error);
  /* @data: "<platform>" or "<platform>:unshipped" (a refund before
   * shipment); a Pinduoduo return after completion by default. */
  fx->platform = SHOU_PLATFORM_PDD;
  if (data != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (data, ":", 2);

      g_assert_true (shou_platform_from_string (parts[0], &fx->platform));
      unshipped = parts[1] != NULL && g_str_equal (parts[1], "unshipped");
    }
  shop_id = g_strconcat ("shop-", shou_platform_to_string (fx->platform), NULL);
  g_assert_true (shou_sim_server_add_shop (fx->sim, shop_id, "m1", fx->platform,
                                           "测试店", &error));
  g_assert_no_error (error);

  world = shou_sim_server_get_world (fx->sim);
  demo = shou_sim_demo_new (world, 7);
  g_assert_true (shou_sim_db_begin (shou_sim_world_get_db (world), &error));
  order_id = shou_sim_demo_add_order (demo, shop_id,
                                      unshipped ? SHOU_ORDER_PENDING_SHIPMENT : SHOU_ORDER_COMPLETED,
                                      shou_sim_server_now (fx->sim) - SHOU_USEC_PER_DAY, &error);
  g_assert_no_error (error);
  g_assert_true (shou_sim_db_commit (shou_sim_world_get_db (world), &error));
  g_assert_no_error (error);

  fx->http = soup_session_new ();
  path = g_strconcat ("/v1/orders/", order_id, NULL);
  status = http (fx, "GET", path, NULL, &order_reply);
  g_assert_cmpuint (status, ==, 200);
  order = json_object_get_object_member (order_reply, "order");
  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  price = json_object_get_int_member (line, "price_fen");
  fx->amount_fen = MIN (price, json_object_get_int_member (order, "paid_fen"));

  json_object_set_string_member (open, "action", "open");
  json_object_set_string_member (open, "order_id", order_id);
  json_object_set_string_member (open, "line_id", json_object_get_string_member (line, "id"));
  json_object_set_string_member (open, "type", unshipped ? "refund_only" : "return_refund");
  json_object_set_int_member (open, "amount_fen", fx->amount_fen);
  json_object_set_string_member (open, "reason_code", "quality_problem");
  json_object_set_string_member (open, "text", "收到的杯子有裂纹，要求退货退款");
  status = http (fx, "POST", "/v1/test/buyer", open, &opened);
  g_assert_cmpuint (status, ==, 200);
  fx->request_id = g_strdup (json_object_get_string_member (json_object_get_object_member (opened, "aftersale"), "id"));

  store_db = g_build_filename (fx->tmpdir, "client.db", NULL);
  fx->store = shou_store_new (store_db, &error);
  g_assert_no_error (error);
  account_id = shou_store_add_account (fx->store, shou_sim_server_get_url (fx->sim), "测试", &error);
  g_assert_no_error (error);
  g_assert_true (shou_secrets_store_token (account_id, shou_sim_server_get_url (fx->sim), TOKEN, &error));
  g_assert_no_error (error);
  fx->sync = shou_sync_engine_new (fx->store);
  sync_now (fx);
}

void
close_dialog (Fixture *fx)
{
  if (fx->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fx->dialog));
      g_clear_object (&fx->dialog);
      pump (10);
    }
}

void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  close_dialog (fx);
  if (fx->sync != NULL)
    shou_sync_engine_stop (fx->sync);
  g_clear_object (&fx->sync);
  g_clear_object (&fx->store);
  g_clear_object (&fx->http);
  g_clear_object (&fx->sim);
  g_free (fx->request_id);
  shou_test_fs_rm_rf (fx->tmpdir);
  g_free (fx->tmpdir);
}

/* ---- dialog helpers ---------------------------------------------------- */

/* A template child of the dialog, or of one of its pages (each page of
 * the stack is a widget with its own template). */
gpointer
child (Fixture    *fx,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fx->dialog),
                                                   SHOU_TYPE_NEGOTIATION_DIALOG, name);
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fx->dialog),
                                                                SHOU_TYPE_NEGOTIATION_DIALOG, "stack"));

  for (GtkWidget *page = gtk_widget_get_first_child (stack);
       object == NULL && page != NULL;
       page = gtk_widget_get_next_sibling (page))
    object = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), name);
  g_assert_nonnull (object);
  return object;
}

void
open_dialog (Fixture *fx)
{
  close_dialog (fx);
  fx->dialog = g_object_ref_sink (shou_negotiation_dialog_new (NULL, fx->store, fx->request_id));
  shou_negotiation_dialog_set_now_func (fx->dialog, sim_now, fx->sim, NULL);
  gtk_window_present (GTK_WINDOW (fx->dialog));
  pump (50);
}

void
assert_step (Fixture    *fx,
             const char *step)
{
  const char *page = child (fx, "stack") != NULL
                     ? gtk_stack_get_visible_child_name (child (fx, "stack")) : NULL;

  g_assert_cmpstr (shou_negotiation_dialog_get_step (fx->dialog), ==, step);
  if (g_str_has_prefix (step, "wait"))
    g_assert_cmpstr (page, ==, "wait");
  else
    g_assert_cmpstr (page, ==, step);
}

void
click (Fixture    *fx,
       const char *name)
{
  GtkWidget *button = child (fx, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  pump (20);
}

void
screenshot (Fixture    *fx,
            const char *step)
{
  const char *dir = g_getenv ("SHOU_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;

  pump (300);
  width = gtk_widget_get_width (GTK_WIDGET (fx->dialog));
  height = gtk_widget_get_height (GTK_WIDGET (fx->dialog));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fx->dialog));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fx->dialog)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lang = g_strdup (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "C");
  if (strchr (lang, ':') != NULL)
    *strchr (lang, ':') = '\0';
  file = g_strdup_printf ("%s-negotiation-%s.png", lang, step);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A second shot of a long page, scrolled to the end where its button is. */
void
screenshot_end (Fixture    *fx,
                const char *step,
                const char *button)
{
  GtkWidget *scrolled;
  GtkAdjustment *adj;

  if (g_getenv ("SHOU_SCREENSHOT_DIR") == NULL)
    return;
  scrolled = gtk_widget_get_ancestor (child (fx, button), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  screenshot (fx, step);
  gtk_adjustment_set_value (adj, 0);
}

guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX_ROW (w) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w)))
      n++;
  return n;
}

void
pick_first_script (Fixture    *fx,
                   const char *list_name)
{
  GtkListBox *list = child (fx, list_name);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (list, "row-activated", row);
  pump (10);
}

AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* What clicking a response button does: the response, then the close. */
void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump (20);
}
