/* test-negotiation.c: the guided negotiation dialog against the real
 * simulator (in-process, over HTTP on 127.0.0.1), a real SQLite store and a
 * real window under Xvfb.
 *
 * Set SHOU_SCREENSHOT_DIR to save a PNG of every step (run with
 * LANGUAGE=zh_CN for the Chinese screenshots). */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "shou-resources.h"
#include "sim/shou-sim-demo.h"
#include "sim/shou-sim-server.h"
#include "store/shou-store.h"
#include "sync/shou-secrets.h"
#include "sync/shou-sync-engine.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/negotiation/shou-script-editor.h"
#include "shou-test-fs.h"

#define TOKEN "tok-negotiation-test-m1"

typedef struct
{
  char                  *tmpdir;
  ShouSimServer         *sim;
  ShouStore             *store;
  ShouSyncEngine        *sync;
  SoupSession           *http;
  ShouPlatform           platform;
  char                  *request_id;
  gint64                 amount_fen;
  ShouNegotiationDialog *dialog;
} Fixture;

/* ---- main loop helpers ------------------------------------------------- */

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
wait_for (gboolean *flag,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

/* ---- HTTP to the simulator --------------------------------------------- */

typedef struct
{
  gboolean  done;
  GBytes   *body;
} HttpWait;

static void
on_http_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HttpWait *w = user_data;

  w->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  w->done = TRUE;
}

static guint
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

static void
buyer (Fixture    *fx,
       const char *action,
       const char *text)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  guint status;

  json_object_set_string_member (body, "aftersale_id", fx->request_id);
  json_object_set_string_member (body, "action", action);
  if (text != NULL)
    json_object_set_string_member (body, "text", text);
  status = http (fx, "POST", "/v1/test/buyer", body, &reply);
  if (status != 200 && reply != NULL)
    g_test_message ("buyer %s: %s", action,
                    json_object_get_string_member_with_default (json_object_get_object_member (reply, "error"),
                                                                "message", ""));
  g_assert_cmpuint (status, ==, 200);
}

static void
advance_clock (Fixture *fx,
               gint64   usec)
{
  g_autoptr(JsonObject) body = json_object_new ();
  guint status;

  json_object_set_int_member (body, "advance_us", usec);
  status = http (fx, "POST", "/v1/test/clock", body, NULL);
  g_assert_cmpuint (status, ==, 200);
}

static gint64
sim_now (gpointer user_data)
{
  return shou_sim_server_now (SHOU_SIM_SERVER (user_data));
}

/* ---- client side ------------------------------------------------------- */

static void
on_sync_finished_cb (gboolean *done,
                     gboolean  ok,
                     gpointer  engine)
{
  *done = TRUE;
}

static void
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

static JsonObject *
cached_request (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request = shou_store_get_request (fx->store, fx->request_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

static const ShouProfile *
fx_profile (Fixture *fx)
{
  return shou_profiles_get (shou_profiles_get_default (), fx->platform);
}

/* ---- fixture ----------------------------------------------------------- */

static void
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

static void
close_dialog (Fixture *fx)
{
  if (fx->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fx->dialog));
      g_clear_object (&fx->dialog);
      pump (10);
    }
}

static void
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
static gpointer
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

static void
open_dialog (Fixture *fx)
{
  close_dialog (fx);
  fx->dialog = g_object_ref_sink (shou_negotiation_dialog_new (NULL, fx->store, fx->request_id));
  shou_negotiation_dialog_set_now_func (fx->dialog, sim_now, fx->sim, NULL);
  gtk_window_present (GTK_WINDOW (fx->dialog));
  pump (50);
}

static void
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

static void
click (Fixture    *fx,
       const char *name)
{
  GtkWidget *button = child (fx, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  pump (20);
}

static void
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
static void
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

static char *
label_text (Fixture    *fx,
            const char *name)
{
  return g_strdup (gtk_label_get_label (child (fx, name)));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX_ROW (w) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w)))
      n++;
  return n;
}

static void
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

static void
send_round1 (Fixture *fx)
{
  ShouScriptEditor *editor;
  g_autofree char *text = NULL;

  assert_step (fx, "risks");
  click (fx, "risks_continue_button");
  assert_step (fx, "round1");
  g_assert_cmpuint (count_rows (child (fx, "scripts1_list")), >, 0);

  editor = child (fx, "editor1");
  g_assert_false (gtk_widget_is_sensitive (child (fx, "send1_button")));
  pick_first_script (fx, "scripts1_list");
  text = shou_script_editor_get_text (editor);
  g_assert_cmpstr (text, !=, "");
  g_assert_true (shou_script_editor_get_clean (editor));
  click (fx, "send1_button");
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 1);
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);
  assert_step (fx, "wait1");
}

static GBytes *
make_png (guint8 shade)
{
  guint8 pixels[16 * 16 * 3];
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = (guint8) (shade + i % 7);
  data = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (16, 16, GDK_MEMORY_R8G8B8, data, 16 * 3);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
attach_evidence (Fixture    *fx,
                 const char *box_name,
                 guint8      shade)
{
  g_autoptr(GBytes) png = make_png (shade);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  GtkWidget *picker = gtk_widget_get_first_child (child (fx, box_name));

  sha = shou_store_import_evidence_bytes (fx->store, fx->request_id, png,
                                         SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sha);
  g_assert_true (SHOU_IS_EVIDENCE_PICKER (picker));
  shou_evidence_picker_reload (SHOU_EVIDENCE_PICKER (picker));
  pump (20);
  g_assert_cmpuint (shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (picker)), >, 0);
}

static void
send_round2 (Fixture *fx)
{
  g_autofree char *problem = NULL;
  guint pending;

  assert_step (fx, "round2");
  pending = shou_store_count_pending (fx->store);

  /* Only money proposals ask for an amount. */
  adw_combo_row_set_selected (child (fx, "proposal_row"), 1);
  g_assert_false (gtk_widget_get_visible (child (fx, "amount_row")));
  adw_combo_row_set_selected (child (fx, "proposal_row"), 4);
  g_assert_true (gtk_widget_get_visible (child (fx, "amount_row")));
  adw_combo_row_set_selected (child (fx, "proposal_row"), 0);
  g_assert_true (gtk_widget_get_visible (child (fx, "amount_row")));
  pick_first_script (fx, "scripts2_list");

  /* A "partial" refund of everything asked is refused before queueing. */
  {
    g_autofree char *all = shou_money_format_plain (fx->amount_fen);

    gtk_editable_set_text (child (fx, "amount_row"), all);
    click (fx, "send2_button");
    problem = label_text (fx, "send2_problem_label");
    g_assert_true (gtk_widget_get_visible (child (fx, "send2_problem_label")));
    g_assert_cmpstr (problem, !=, "");
    g_assert_cmpuint (shou_store_count_pending (fx->store), ==, pending);
    g_clear_pointer (&problem, g_free);
  }
  gtk_editable_set_text (child (fx, "amount_row"), "abc");
  g_assert_false (gtk_widget_is_sensitive (child (fx, "send2_button")));
  gtk_editable_set_text (child (fx, "amount_row"), "5.00");
  g_assert_true (gtk_widget_is_sensitive (child (fx, "send2_button")));

  if (shou_profile_get_round2_evidence_required (fx_profile (fx)))
    {
      /* Refused before anything is queued, with a message saying why. */
      click (fx, "send2_button");
      problem = label_text (fx, "send2_problem_label");
      g_assert_cmpstr (problem, ==, _("Attach evidence first: the platform requires it for the round-2 proposal."));
      g_assert_true (gtk_widget_get_visible (child (fx, "send2_problem_label")));
      g_assert_cmpuint (shou_store_count_pending (fx->store), ==, pending);
    }
  attach_evidence (fx, "evidence2_box", 40);
  screenshot (fx, "round2");
  screenshot_end (fx, "round2-end", "send2_button");
  click (fx, "send2_button");
  g_assert_cmpuint (shou_store_count_pending (fx->store), >, pending);
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);
  assert_step (fx, "wait2");
}

/* Rejection is refused now by the dialog, by the store and by the server. */
static void
assert_reject_refused (Fixture    *fx,
                       ShouReason  reason)
{
  g_autoptr(JsonObject) request = cached_request (fx);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const ShouRejectReason *reasons;
  guint n_reasons = 0;
  JsonArray *evidence = json_array_new ();
  JsonObject *err;
  guint pending = shou_store_count_pending (fx->store);
  guint status;

  reasons = shou_profile_get_reject_reasons (fx_profile (fx), &n_reasons);
  g_assert_cmpuint (n_reasons, >, 0);

  /* The dialog: reject is disabled and says why. */
  g_assert_false (gtk_widget_is_sensitive (child (fx, "header_reject_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (fx, "header_reject_button")), ==,
                   shou_reason_get_message (reason));

  /* The store refuses to queue it. */
  json_object_set_string_member (params, "reason_code", reasons[0].code);
  json_object_set_string_member (params, "explanation",
                                 "商品出库前经过质检，买家未提供任何问题照片，申请理由与实际情况不符。");
  json_object_set_array_member (params, "evidence", evidence);
  g_assert_false (shou_store_enqueue_action (fx->store, fx->request_id, SHOU_ACTION_REJECT, params,
                                             json_object_get_int_member (request, "version"), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, pending);

  /* The server refuses it too, with the same reason code. */
  json_object_set_string_member (body, "action", "reject");
  json_object_set_int_member (body, "expected_version", json_object_get_int_member (request, "version"));
  json_object_set_object_member (body, "params", json_object_ref (params));
  path = g_strdup_printf ("/v1/aftersales/%s/actions", fx->request_id);
  status = http (fx, "POST", path, body, &reply);
  g_assert_cmpuint (status, ==, 422);
  err = json_object_get_object_member (reply, "error");
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "not_allowed");
  g_assert_cmpstr (json_object_get_string_member (err, "reason"), ==, shou_reason_to_string (reason));
}

static void
assert_waiting (Fixture *fx,
                guint    round)
{
  g_autofree char *countdown = label_text (fx, "wait_countdown_label");
  g_autofree char *reason = label_text (fx, "wait_reason_label");

  g_assert_cmpstr (countdown, !=, "");
  g_assert_false (gtk_widget_is_sensitive (child (fx, "wait_reject_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (fx, "wait_reject_button")), ==,
                   shou_reason_get_message (SHOU_REASON_NEGOTIATION_WAITING));
  g_assert_cmpstr (reason, ==, shou_reason_get_message (SHOU_REASON_NEGOTIATION_WAITING));
  assert_reject_refused (fx, SHOU_REASON_NEGOTIATION_WAITING);
}

static guint
pick_reason (Fixture  *fx,
             gboolean  evidence_required)
{
  const ShouRejectReason *reasons;
  guint n_reasons = 0;

  reasons = shou_profile_get_reject_reasons (fx_profile (fx), &n_reasons);
  for (guint i = 0; i < n_reasons; i++)
    if (!!reasons[i].evidence_required == !!evidence_required)
      {
        adw_combo_row_set_selected (child (fx, "reason_row"), i + 1);
        pump (5);
        return i;
      }
  adw_combo_row_set_selected (child (fx, "reason_row"), 1);
  return 0;
}

static void
fill_rejection (Fixture *fx)
{
  const ShouProfile *profile = fx_profile (fx);
  const ShouRejectReason *reasons;
  guint n_reasons = 0;
  guint i;
  ShouEvidencePicker *picker;
  g_autofree char *problem = NULL;
  g_autoptr(GString) explanation = g_string_new ("买家反馈商品有裂纹，但我们的出库质检视频显示发货时完好无损，");
  guint pending = shou_store_count_pending (fx->store);

  assert_step (fx, "reject");
  g_assert_true (gtk_widget_is_sensitive (child (fx, "header_reject_button")) ||
                 !gtk_widget_get_visible (child (fx, "header_reject_button")));
  reasons = shou_profile_get_reject_reasons (profile, &n_reasons);
  g_assert_cmpuint (n_reasons, >, 0);

  /* Without a reason the button stays disabled. */
  g_assert_false (gtk_widget_is_sensitive (child (fx, "reject_button")));

  while (g_utf8_strlen (explanation->str, -1) < (glong) MAX (shou_profile_get_explanation_min (profile), 20))
    g_string_append (explanation, "两轮协商中买家均未提供问题照片，");
  g_string_append (explanation, "故驳回。");
  shou_script_editor_set_text (child (fx, "editor_reject"), explanation->str);

  i = pick_reason (fx, TRUE);
  g_assert_true (gtk_widget_is_sensitive (child (fx, "reject_button")));
  picker = SHOU_EVIDENCE_PICKER (gtk_widget_get_first_child (child (fx, "evidence3_box")));
  /* Evidence sent in round 2 is the request's evidence too. */
  if ((reasons[i].evidence_required || shou_profile_get_reject_evidence_required (profile)) &&
      shou_evidence_picker_get_count (picker) == 0)
    {
      click (fx, "reject_button");
      problem = label_text (fx, "reject_problem_label");
      g_test_message ("refused: %s", problem);
      g_assert_nonnull (strstr (problem, reasons[i].text));
      g_assert_cmpuint (shou_store_count_pending (fx->store), ==, pending);
      assert_step (fx, "reject");
    }
  attach_evidence (fx, "evidence3_box", 90);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_direct_reject (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *path = NULL;

  /* Negotiation is optional here: rejection is open from the start, but
   * the reason's evidence rule still holds. */
  g_assert_false (shou_profile_get_negotiation_required (fx_profile (fx)));
  open_dialog (fx);
  assert_step (fx, "risks");
  g_assert_true (gtk_widget_is_sensitive (child (fx, "header_reject_button")));
  click (fx, "header_reject_button");
  assert_step (fx, "reject");
  g_assert_cmpuint (shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (gtk_widget_get_first_child (child (fx, "evidence3_box")))), ==, 0);
  fill_rejection (fx);
  click (fx, "reject_button");
  assert_step (fx, "done");
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);

  path = g_strdup_printf ("/v1/aftersales/%s", fx->request_id);
  g_assert_cmpuint (http (fx, "GET", path, NULL, &server), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (server, "aftersale"), "status"),
                   ==, "refused");
}

static gboolean
has_risk_row (Fixture  *fx,
              ShouRisk  risk)
{
  GtkWidget *group = child (fx, "risks_group");
  GtkWidget *found = NULL;
  GSList *stack = g_slist_prepend (NULL, group);

  /* The rows live inside the group's own list: walk the subtree. */
  while (stack != NULL && found == NULL)
    {
      GtkWidget *w = stack->data;

      stack = g_slist_delete_link (stack, stack);
      if (ADW_IS_ACTION_ROW (w) && g_strcmp0 (gtk_widget_get_name (w), shou_risk_to_string (risk)) == 0)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        stack = g_slist_prepend (stack, c);
    }
  g_slist_free (stack);

  if (found != NULL)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (found)), ==,
                     shou_risk_get_title (risk));
  return found != NULL;
}

static void
test_risk_check (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) request = cached_request (fx);
  gint64 deadline_at = json_object_get_int_member (request, "deadline_at");
  gint64 warning = shou_profile_get_lapse_warning (fx_profile (fx));

  /* A fresh request: nothing to warn about. */
  open_dialog (fx);
  assert_step (fx, "risks");
  g_assert_false (has_risk_row (fx, SHOU_RISK_DEADLINE_NEAR));
  g_assert_false (has_risk_row (fx, SHOU_RISK_GOODS_RETURNED));
  close_dialog (fx);

  /* Close to the seller's deadline the check says so. */
  g_assert_cmpint (deadline_at, >, shou_sim_server_now (fx->sim) + warning);
  advance_clock (fx, deadline_at - shou_sim_server_now (fx->sim) - warning / 2);
  sync_now (fx);
  open_dialog (fx);
  assert_step (fx, "risks");
  g_assert_true (has_risk_row (fx, SHOU_RISK_DEADLINE_NEAR));
  g_assert_false (has_risk_row (fx, SHOU_RISK_GOODS_RETURNED));
  screenshot (fx, "risks");
}

static void
test_unshipped_not_rejectable (Fixture       *fx,
                               gconstpointer  data)
{
  /* Pinduoduo does not let a seller refuse a refund before shipment:
   * negotiating would lead nowhere, so the dialog says why at once. */
  g_assert_false (shou_profile_get_reject_before_shipment (fx_profile (fx)));
  open_dialog (fx);
  assert_step (fx, "done");
  g_assert_cmpstr (adw_status_page_get_description (child (fx, "done_status")), ==,
                   shou_reason_get_message (SHOU_REASON_NOT_SHIPPED));
  g_assert_true (gtk_widget_get_visible (child (fx, "done_close_button")));
}

static void
test_scripts_bundled (void)
{
  const char *dir = g_getenv ("SHOU_SCRIPTS_DIR");
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total = 0;

  g_assert_nonnull (dir);
  for (guint p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      const char *platform = shou_platform_to_string ((ShouPlatform) p);
      g_autofree char *file = g_strconcat (platform, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *scripts;
      guint generic_round1 = 0;
      guint round2 = 0;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      scripts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "scripts");
      g_assert_cmpuint (json_array_get_length (scripts), >=, 10);
      for (guint i = 0; i < json_array_get_length (scripts); i++)
        {
          JsonObject *s = json_array_get_object_element (scripts, i);
          const char *id = json_object_get_string_member (s, "id");
          const char *title = json_object_get_string_member (s, "title");
          const char *text = json_object_get_string_member (s, "text");
          gint64 round = json_object_get_int_member (s, "round");
          g_autoptr(GArray) in_title = shou_sensitive_scan (title);
          g_autoptr(GArray) in_text = shou_sensitive_scan (text);
          ShouProposal proposal;

          g_assert_nonnull (id);
          g_assert_true (g_hash_table_add (ids, g_strdup (id)));
          g_assert_cmpstr (json_object_get_string_member (s, "platform"), ==, platform);
          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_cmpuint (g_utf8_strlen (text, -1), >=, 20);
          g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 200);
          if (in_text->len > 0)
            g_error ("script %s mentions %s", id, g_array_index (in_text, ShouSensitiveMatch, 0).word);
          g_assert_cmpuint (in_title->len, ==, 0);
          g_assert_true (round == 1 || round == 2);
          if (json_object_has_member (s, "proposal"))
            g_assert_true (shou_proposal_from_string (json_object_get_string_member (s, "proposal"), &proposal));
          if (round == 1 && json_array_get_length (json_object_get_array_member (s, "reason_codes")) == 0)
            generic_round1++;
          if (round == 2)
            round2++;
          total++;
        }
      g_assert_cmpuint (generic_round1, >, 0);
      g_assert_cmpuint (round2, >=, 5);
    }
  g_assert_cmpuint (total, >=, 80);
}

typedef struct
{
  const char *text;
  const char *word;    /* first forbidden word, or NULL when clean */
} GuardCase;

static const GuardCase guard_cases[] = {
  { "亲，加我微信聊一下", "加我" },
  { "可以用支付宝转给您", "支付宝" },
  { "有问题加QQ联系", "QQ" },
  { "加我 V信 发照片", "加我" },
  { "你加我 weixin 吧", "加我" },
  { "退款走 zhi fu bao 可以吗", "支付宝" },
  { "我的Ｑ Ｑ是多少", "QQ" },
  { "WeChat 上说", "微信" },
  { "我们加个威信", "微信" },
  { "钱可以打到zfb", "支付宝" },
  { "qq 上发给我", "QQ" },
  { "扣扣号发你了", "QQ" },
  { "加 vx 详聊", "微信" },
  { "用 alipay 退", "支付宝" },
  { "微 信 联系", "微信" },
  /* Evasions the normalised copy sees, and uncivil language. */
  { "有事微\u200b信联系", "微信" },
  { "有事微\u202e信联系", "微信" },
  { "发到ｖｘ上", "微信" },
  { "你是不是傻逼", "傻逼" },
  { "树立威信，我们马上处理", NULL },
  { "加我们的会员可以打九折", NULL },
  { "QQ糖已经补发，请注意查收", NULL },
  { "亲，麻烦上传一下商品问题照片，我们核实后马上处理。", NULL },
  { "本店支持七天无理由退货，请保持商品完好。", NULL },
  { "我们为您申请部分退款，商品无需退回。", NULL },
  { "equipment quality is fine", NULL },
};

static void
test_guard_table (Fixture       *fx,
                  gconstpointer  data)
{
  ShouScriptEditor *editor;
  GtkWidget *send;

  open_dialog (fx);
  click (fx, "risks_continue_button");
  assert_step (fx, "round1");
  editor = child (fx, "editor1");
  send = child (fx, "send1_button");

  for (guint i = 0; i < G_N_ELEMENTS (guard_cases); i++)
    {
      const GuardCase *c = &guard_cases[i];
      const char * const *words;

      shou_script_editor_set_text (editor, c->text);
      pump (5);
      words = shou_script_editor_get_words (editor);
      if (c->word == NULL)
        {
          g_assert_cmpuint (shou_script_editor_get_n_highlights (editor), ==, 0);
          g_assert_null (words[0]);
          g_assert_true (gtk_widget_is_sensitive (send));
          continue;
        }
      g_test_message ("case %u: %s", i, c->text);
      g_assert_cmpuint (shou_script_editor_get_n_highlights (editor), >, 0);
      g_assert_cmpstr (words[0], ==, c->word);
      g_assert_false (gtk_widget_is_sensitive (send));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (send), c->word));
      g_assert_nonnull (strstr (shou_script_editor_get_problem (editor), c->word));
      if (i == 3)
        screenshot_end (fx, "round1-guard", "send1_button");
    }

  /* The highlight sits on the word itself. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (shou_script_editor_get_text_view (editor));
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "sensitive");
    GtkTextIter iter;

    shou_script_editor_set_text (editor, "您好请加微信谢谢");
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 6);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  }

  /* A forbidden word blocks sending even if the button were clicked. */
  shou_script_editor_set_text (editor, "加我微信");
  g_signal_emit_by_name (send, "clicked");
  pump (5);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);
}

static void
test_flow_buyer_replies (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *phone = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *path = NULL;
  guint status;

  open_dialog (fx);
  assert_step (fx, "risks");
  g_assert_false (gtk_widget_is_sensitive (child (fx, "header_reject_button")));
  assert_reject_refused (fx, SHOU_REASON_NEGOTIATION_REQUIRED);
  click (fx, "risks_continue_button");
  screenshot (fx, "round1");
  pick_first_script (fx, "scripts1_list");
  screenshot_end (fx, "round1-end", "send1_button");
  close_dialog (fx);
  open_dialog (fx);

  send_round1 (fx);
  assert_waiting (fx, 1);
  screenshot (fx, "wait1");

  /* The phone for a call: masked as the platform gives it. */
  phone = g_strdup (adw_action_row_get_subtitle (child (fx, "phone2_row")));
  g_assert_nonnull (strstr (phone, "****"));
  click (fx, "reveal2_button");
  g_assert_false (gtk_widget_get_visible (child (fx, "reveal2_button")));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (child (fx, "phone2_row")), phone));

  buyer (fx, "reply", "杯子底部有一条裂纹，照片已经上传了");
  sync_now (fx);
  assert_step (fx, "round2");
  summary = label_text (fx, "round1_summary_label");
  g_assert_nonnull (strstr (summary, "杯子底部有一条裂纹"));
  assert_reject_refused (fx, SHOU_REASON_NEGOTIATION_REQUIRED);

  send_round2 (fx);
  assert_waiting (fx, 2);
  screenshot (fx, "wait2");

  buyer (fx, "reply", "我不要部分退款，我要退货退款");
  sync_now (fx);
  assert_step (fx, "reject");
  g_assert_true (gtk_widget_is_sensitive (child (fx, "agree_button")));

  fill_rejection (fx);
  screenshot (fx, "reject");
  screenshot_end (fx, "reject-end", "reject_button");
  click (fx, "reject_button");
  assert_step (fx, "done");
  g_assert_cmpuint (shou_store_count_pending (fx->store), >, 0);
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);
  assert_step (fx, "done");
  g_assert_cmpstr (adw_status_page_get_title (child (fx, "done_status")), ==, _("Request Rejected"));
  screenshot (fx, "done");

  path = g_strdup_printf ("/v1/aftersales/%s", fx->request_id);
  status = http (fx, "GET", path, NULL, &server);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (server, "aftersale"), "status"),
                   ==, "refused");
}

static void
test_flow_silent_buyer (Fixture       *fx,
                        gconstpointer  data)
{
  gint64 wait = shou_profile_get_negotiation_wait (fx_profile (fx));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (wait, >, SHOU_USEC_PER_MINUTE);

  open_dialog (fx);
  send_round1 (fx);

  /* Half the wait: still waiting, and the countdown moved. */
  before = label_text (fx, "wait_countdown_label");
  advance_clock (fx, wait / 2);
  sync_now (fx);
  pump (1100);
  assert_step (fx, "wait1");
  assert_waiting (fx, 1);
  after = label_text (fx, "wait_countdown_label");
  g_assert_cmpstr (before, !=, after);

  /* The wait lapses on the clock: the dialog says so and asks for the
   * platform's state; round 2 opens once the server's lapse arrives. */
  advance_clock (fx, wait / 2 + SHOU_USEC_PER_MINUTE);
  pump (1200);
  assert_step (fx, "wait1");
  g_free (after);
  after = label_text (fx, "wait_countdown_label");
  g_assert_cmpstr (after, ==, _("The wait is over"));
  sync_now (fx);
  assert_step (fx, "round2");
  assert_reject_refused (fx, SHOU_REASON_NEGOTIATION_REQUIRED);

  send_round2 (fx);
  assert_waiting (fx, 2);
  advance_clock (fx, wait + SHOU_USEC_PER_MINUTE);
  sync_now (fx);
  assert_step (fx, "reject");

  fill_rejection (fx);
  click (fx, "reject_button");
  assert_step (fx, "done");
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (child (fx, "done_status")), ==, _("Request Rejected"));
}

static void
test_flow_buyer_accepts_round1 (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) request = NULL;

  open_dialog (fx);
  send_round1 (fx);
  buyer (fx, "accept", NULL);
  sync_now (fx);
  assert_step (fx, "done");
  g_assert_cmpstr (adw_status_page_get_title (child (fx, "done_status")), ==, _("Request Resolved"));
  g_assert_false (gtk_widget_get_visible (child (fx, "agree_button")));
  screenshot (fx, "done-accepted");

  request = cached_request (fx);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "success");

  /* Reopening shows the same end. */
  open_dialog (fx);
  assert_step (fx, "done");
}

static void
test_server_refusal_shown (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 wait = shou_profile_get_negotiation_wait (fx_profile (fx));
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) request2 = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *conflict;

  open_dialog (fx);
  send_round1 (fx);
  advance_clock (fx, wait + SHOU_USEC_PER_MINUTE);
  sync_now (fx);
  send_round2 (fx);
  advance_clock (fx, wait + SHOU_USEC_PER_MINUTE);
  sync_now (fx);
  fill_rejection (fx);

  /* Meanwhile on the platform the buyer withdraws; the client does not know. */
  buyer (fx, "cancel", NULL);
  click (fx, "reject_button");
  g_assert_cmpuint (shou_store_count_pending (fx->store), >, 0);
  sync_now (fx);

  /* The refusal is shown, not dropped; the page follows the server. */
  request = cached_request (fx);
  conflict = json_object_get_object_member (request, "conflict");
  g_assert_nonnull (conflict);
  g_assert_true (gtk_info_bar_get_revealed (child (fx, "conflict_bar")));
  text = label_text (fx, "conflict_label");
  g_test_message ("conflict: %s", text);
  g_assert_nonnull (strstr (text, shou_action_get_label (SHOU_ACTION_REJECT)));
  assert_step (fx, "done");
  screenshot (fx, "conflict");

  /* Choosing again on the server's state: the store lets the seller act
   * while a conflict shows, the server's rules refuse it (422) and the
   * dialog shows the server's reason. */
  json_object_set_string_member (params, "reason_code", "other");
  json_object_set_string_member (params, "explanation", "买家已撤销申请，但我们仍需说明情况，商品完好无损。");
  json_object_set_array_member (params, "evidence", json_array_new ());
  g_assert_true (shou_store_enqueue_action (fx->store, fx->request_id, SHOU_ACTION_REJECT, params,
                                            json_object_get_int_member (request, "version"), &error));
  g_assert_no_error (error);
  sync_now (fx);
  request2 = cached_request (fx);
  conflict = json_object_get_object_member (request2, "conflict");
  g_assert_nonnull (conflict);
  g_test_message ("conflict: %s %s", json_object_get_string_member_with_default (conflict, "code", ""),
                  json_object_get_string_member_with_default (conflict, "message", ""));
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "not_allowed");
  g_assert_true (gtk_info_bar_get_revealed (child (fx, "conflict_bar")));
  text2 = label_text (fx, "conflict_label");
  g_test_message ("shown: %s", text2);
  g_assert_cmpstr (text2, !=, text);
  if (json_object_has_member (conflict, "reason"))
    {
      ShouReason reason = SHOU_REASON_NONE;

      g_assert_true (shou_reason_from_string (json_object_get_string_member (conflict, "reason"), &reason));
      g_assert_nonnull (strstr (text2, shou_reason_get_message (reason)));
    }
  else
    g_assert_nonnull (strstr (text2, json_object_get_string_member (conflict, "message")));

  click (fx, "conflict_dismiss_button");
  g_assert_false (gtk_info_bar_get_revealed (child (fx, "conflict_bar")));
  assert_step (fx, "done");
  g_assert_cmpstr (adw_status_page_get_title (child (fx, "done_status")), ==, _("Request Closed"));
}

static AdwMessageDialog *
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
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump (20);
}

static void
test_agree_refund_instead (Fixture       *fx,
                           gconstpointer  data)
{
  AdwMessageDialog *confirm;
  g_autoptr(JsonObject) request = NULL;

  open_dialog (fx);
  send_round1 (fx);

  click (fx, "agree_button");
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  respond (confirm, "refund");
  assert_step (fx, "done");
  sync_now (fx);
  request = cached_request (fx);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "success");
  g_assert_cmpstr (adw_status_page_get_title (child (fx, "done_status")), ==, _("Request Resolved"));
}

static void
test_own_scripts (Fixture       *fx,
                  gconstpointer  data)
{
  AdwMessageDialog *save;
  GtkEditable *entry;
  guint before;
  gboolean found = FALSE;
  GtkListBox *list;

  open_dialog (fx);
  click (fx, "risks_continue_button");
  list = child (fx, "scripts1_list");
  before = count_rows (list);

  shou_script_editor_set_text (child (fx, "editor1"), "亲，我们店铺的杯子都经过三道质检，麻烦您拍一下裂纹位置，我们马上为您处理。");
  click (fx, "save_script1_button");
  save = find_message_dialog ();
  g_assert_nonnull (save);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (save));
  gtk_editable_set_text (entry, "杯子裂纹专用话术");
  respond (save, "save");
  g_assert_cmpuint (count_rows (list), ==, before + 1);

  /* Kept in the store: a new dialog offers it too. */
  open_dialog (fx);
  click (fx, "risks_continue_button");
  list = child (fx, "scripts1_list");
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_PREFERENCES_ROW (w) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "杯子裂纹专用话术") == 0)
      found = TRUE;
  g_assert_true (found);

  /* Inserting it and saving again with "update" edits it in place. */
  before = count_rows (list);
  for (guint i = 0; i < before; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "杯子裂纹专用话术") == 0)
        g_signal_emit_by_name (list, "row-activated", row);
    }
  shou_script_editor_append (child (fx, "editor1"), "我们会优先为您处理。");
  click (fx, "save_script1_button");
  save = find_message_dialog ();
  g_assert_nonnull (save);
  g_assert_true (adw_message_dialog_has_response (save, "update"));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (save));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "杯子裂纹专用话术");
  gtk_editable_set_text (entry, "杯子裂纹话术（改）");
  respond (save, "update");
  g_assert_cmpuint (count_rows (list), ==, before);
  found = FALSE;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ACTION_ROW (w) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "杯子裂纹话术（改）") == 0)
      {
        found = TRUE;
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)), "我们会优先为您处理"));
      }
  g_assert_true (found);

  /* A script with a forbidden word cannot be saved. */
  shou_script_editor_set_text (child (fx, "editor1"), "加我微信");
  click (fx, "save_script1_button");
  g_assert_null (find_message_dialog ());
}

static void
test_offline_resume (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) request = NULL;

  g_autoptr(JsonObject) faults = json_object_new ();
  g_autoptr(JsonArray) kinds = json_array_new ();

  /* The server fails every request: round 1 is queued, survives a failed
   * sync, and the dialog reopens where the seller left it. */
  json_array_add_string_element (kinds, "5xx");
  json_object_set_double_member (faults, "rate", 1.0);
  json_object_set_array_member (faults, "kinds", json_array_ref (kinds));
  g_assert_cmpuint (http (fx, "POST", "/v1/test/faults", faults, NULL), ==, 200);

  open_dialog (fx);
  click (fx, "risks_continue_button");
  pick_first_script (fx, "scripts1_list");
  click (fx, "send1_button");
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 1);
  g_assert_true (gtk_info_bar_get_revealed (child (fx, "pending_bar")));
  sync_now (fx);
  g_assert_cmpuint (shou_store_count_pending (fx->store), ==, 1);
  close_dialog (fx);

  open_dialog (fx);
  g_assert_cmpstr (shou_negotiation_dialog_get_step (fx->dialog), !=, "risks");
  g_assert_cmpstr (shou_negotiation_dialog_get_step (fx->dialog), !=, "round1");
  json_object_set_double_member (faults, "rate", 0.0);
  g_assert_cmpuint (http (fx, "POST", "/v1/test/faults", faults, NULL), ==, 200);
  sync_now (fx);
  assert_step (fx, "wait1");
  g_assert_false (gtk_info_bar_get_revealed (child (fx, "pending_bar")));
  request = cached_request (fx);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "negotiation"), "phase"),
                   ==, "round1_wait");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SHOU_TEST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  /* GL under Xvfb is software rendering: cairo draws the same widgets in a
   * fraction of the time on a shared 2-core machine. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shou_register_resource ();

  g_test_add_func ("/negotiation/scripts/bundled", test_scripts_bundled);
#define ADD(path, func) \
  g_test_add ("/negotiation/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("risks/deadline-near", test_risk_check);
  ADD ("guard/table", test_guard_table);
  ADD ("flow/buyer-replies", test_flow_buyer_replies);
  ADD ("flow/silent-buyer", test_flow_silent_buyer);
  ADD ("flow/buyer-accepts-round1", test_flow_buyer_accepts_round1);
  ADD ("flow/server-refusal-shown", test_server_refusal_shown);
  ADD ("flow/agree-refund-instead", test_agree_refund_instead);
  ADD ("scripts/own", test_own_scripts);
  ADD ("offline-resume", test_offline_resume);
  g_test_add ("/negotiation/flow/taobao-direct-reject", Fixture, "taobao",
              fixture_set_up, test_direct_reject, fixture_tear_down);
  g_test_add ("/negotiation/flow/pdd-unshipped", Fixture, "pdd:unshipped",
              fixture_set_up, test_unshipped_not_rejectable, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
