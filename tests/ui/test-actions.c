/* test-actions.c: the action bar of the real main window against the real
 * simulator (in-process, over HTTP on 127.0.0.1) and a real SQLite cache.
 *
 * - Every platform profile × every status in which the seller must act
 *   before a deadline offers that step, enabled, and never an action the
 *   server forbids. The expectations are a hand-written table from
 *   /work/shared/design/platform-rules.md (section and seed per row), not
 *   computed by core; each row is reached through the simulator's test
 *   controls (POST /v1/test/order, /v1/test/buyer) and the seller API.
 * - The action shortcuts work wherever the focus is, sent as real key
 *   presses through the X server (xdotool under Xvfb).
 * - Money actions default to Cancel; confirming receipt while the return is
 *   in transit asks again; the primary button follows type and state; the
 *   selection moves on after an action; copy shortcuts.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "ui/evidence/shou-logistics-dialog.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-order-cancel-dialog.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define SYNC_TIMEOUT_MS 30000
#define WINDOW_TITLE "shou-test-actions-window"

typedef struct
{
  ShouWindow     *window;
  ShouDetailPane *pane;
} Fixture;

static char           *shared_dir;
static ShouTestSim    *shared_sim;
static ShouStore      *shared_store;
static ShouSyncEngine *shared_engine;
static char           *shared_account_id;
static SoupSession    *shared_http;

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

static gboolean
http_done_cb (gpointer user_data)
{
  return ((HttpWait *) user_data)->done;
}

static guint
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

static void
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

static JsonObject *
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
static JsonObject *
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
static char *
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

static void
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

static void
courier_event (const char *id,
               const char *text)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  json_object_set_string_member (body, "aftersale_id", id);
  json_object_set_string_member (body, "text", text);
  expect_ok (http ("POST", "/v1/test/logistics", body, &reply), reply, "test/logistics");
}

static char *
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

static GBytes *make_png (void);

/* A photo uploaded to the request as the seller's evidence; its sha256. */
static char *
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
static void
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

static void
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

static void
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

static gboolean
window_ready_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         g_strcmp0 (shou_window_get_main_page (fixture->window), "queue") == 0;
}

static void
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

static void
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

static void
open_request (Fixture    *fixture,
              const char *id)
{
  shou_window_open_request (fixture->window, id);
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, id);
  g_assert_nonnull (shou_detail_pane_get_request (fixture->pane));
}

static gboolean
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

/* ---- every required step reachable -------------------------------------- */

/* Pane action names and the API actions that allow them. */
static const struct { const char *name; const char *api; const char *api_alt; } pane_actions[] = {
  { "agree-refund", "agree_refund", NULL },
  { "agree-return", "agree_return", NULL },
  { "confirm-receipt", "confirm_receipt", NULL },
  { "refuse-receipt", "refuse_receipt", NULL },
  { "reply", "message", NULL },
  { "reject", "reject", "negotiate" },
  { "ship-exchange", "ship_exchange", NULL },
  { "upload-refund-proof", "upload_refund_proof", NULL },
};

/* Evidence for an intervention ticket is an upload, not an action: the
 * server has no allowed_actions entry for it. */
static gboolean
step_enabled (Fixture    *fixture,
              const char *name)
{
  return shou_detail_pane_is_action_enabled (fixture->pane, name);
}

typedef struct
{
  const char *shop;        /* demo shop of the platform whose profile runs */
  const char *order_state; /* POST /v1/test/order */
  gboolean    cod;
  const char *type;        /* opened by the buyer */
  const char *steps;       /* what happens next, "seller:x buyer:y …" */
  const char *status;      /* where that leaves the request */
  const char *action;      /* the step the seller owes: must be offered, enabled */
  const char *source;      /* platform-rules.md section and seed */
} Row;

/* Written by hand from platform-rules.md (and data/profiles/README.md for
 * the numbers the seeds do not give, marked "practice"). taobao-2019.json is
 * an older profile that only requests opened years ago run by; no shop of
 * the simulator opens new requests under it, so it has no row. */
static const Row rows[] = {
  /* §2 Taobao (淘宝/天猫) */
  { "shop-taobao", "pending_shipment", FALSE, "refund_only", "", "wait_seller", "agree-refund",
    "§2 refund before shipment: seller responds within 2 days, else auto refund (000 ⑵ 一.4)" },
  { "shop-taobao", "completed", FALSE, "return_refund", "", "wait_seller", "agree-return",
    "§2 return request after shipment: agree or refuse within 5 days (000 ⑵ 二.3(2))" },
  { "shop-taobao", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return",
    "wait_seller_receipt", "confirm-receipt",
    "§2 seller confirms receipt within 10 days, else auto refund (000 ⑵ 二.3(4), ⑶ 11)" },
  { "shop-taobao", "completed", FALSE, "exchange", "seller:agree_return buyer:ship_return seller:confirm_receipt",
    "wait_seller_ship", "ship-exchange", "§2 exchange: seller ships within 7 days (practice, profiles README)" },
  { "shop-tmall", "pending_shipment", FALSE, "refund_only", "", "wait_seller", "agree-refund",
    "§2 (Tmall) refund before shipment: 2 days (000 ⑵ 一.4)" },
  { "shop-tmall", "completed", FALSE, "return_refund", "", "wait_seller", "agree-return",
    "§2 (Tmall) return request after shipment: 5 days (000 ⑵ 二.3(2))" },
  { "shop-tmall", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return",
    "wait_seller_receipt", "confirm-receipt", "§2 (Tmall) confirm receipt within 10 days (000 ⑵ 二.3(4))" },
  { "shop-tmall", "completed", FALSE, "exchange", "seller:agree_return buyer:ship_return seller:confirm_receipt",
    "wait_seller_ship", "ship-exchange", "§2 (Tmall) exchange: ship within 7 days (practice)" },
  /* §3 Pinduoduo */
  { "shop-pdd", "pending_shipment", FALSE, "refund_only", "", "wait_seller", "agree-refund",
    "§3 merchants process after-sales within 48 h (000 ⑷)" },
  { "shop-pdd", "completed", FALSE, "return_refund", "", "wait_seller", "agree-return",
    "§3 merchants process after-sales within 48 h (000 ⑷)" },
  { "shop-pdd", "completed", FALSE, "return_refund", "seller:negotiate buyer:reply", "negotiating", "reject",
    "§3 rejection tool: round 2 opens once the buyer replied to round 1 (002 一.3)" },
  { "shop-pdd", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return",
    "wait_seller_receipt", "confirm-receipt", "§3 confirm the return within 7 days (practice)" },
  { "shop-pdd", "completed", FALSE, "exchange", "seller:agree_return buyer:ship_return seller:confirm_receipt",
    "wait_seller_ship", "ship-exchange", "§3 ship within 48 h (003)" },
  { "shop-pdd", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return seller:refuse_receipt buyer:escalate",
    "intervention", "add-evidence", "§3 intervention ticket (工单): evidence within 48 h (003)" },
  /* §4 Douyin shop (抖店) */
  { "shop-douyin", "completed", FALSE, "refund_only", "", "wait_seller", "agree-refund",
    "§4 merchant handles a request within 48 h, else auto agree (004)" },
  { "shop-douyin", "completed", FALSE, "return_refund", "", "wait_seller", "agree-return",
    "§4 merchant handles a return request within 48 h, else auto agree (004)" },
  { "shop-douyin", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return",
    "wait_seller_receipt", "confirm-receipt", "§4 merchant confirms receipt within 7 days (004)" },
  { "shop-douyin", "completed", TRUE, "refund_only", "seller:agree_refund", "wait_refund_proof",
    "upload-refund-proof",
    "§4 cash on delivery: refund and upload the refund proof within 48 h, else the platform compensates and penalises (004)" },
  { "shop-douyin", "completed", TRUE, "return_refund",
    "seller:agree_return buyer:ship_return seller:confirm_receipt", "wait_refund_proof", "upload-refund-proof",
    "§4 cash on delivery: refund proof after confirming receipt, 48 h (004)" },
  { "shop-douyin", "completed", FALSE, "exchange", "seller:agree_return buyer:ship_return seller:confirm_receipt",
    "wait_seller_ship", "ship-exchange", "§4 exchange: ship within 48 h (practice)" },
  /* §5 JD */
  { "shop-jd", "completed", FALSE, "return_refund", "", "wait_seller", "agree-return",
    "§5 service order: customer service reviews the return (000 ⑸; 48 h practice)" },
  { "shop-jd", "completed", FALSE, "return_refund", "seller:agree_return buyer:ship_return",
    "wait_seller_receipt", "confirm-receipt", "§5 JD confirms receipt and refunds (000 ⑸; 7 days practice)" },
  { "shop-jd", "completed", FALSE, "exchange", "seller:agree_return buyer:ship_return seller:confirm_receipt",
    "wait_seller_ship", "ship-exchange", "§5 JD confirms receipt and exchanges (000 ⑸; 7 days practice)" },
};

static char *
reach_row (const Row *row)
{
  g_autoptr(JsonObject) order = new_order (row->shop, row->order_state, row->cod);
  g_autofree char *id = buyer_open (order, row->type);
  g_auto(GStrv) steps = g_strsplit (row->steps, " ", -1);
  g_autoptr(JsonObject) aftersale = NULL;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (g_str_has_prefix (steps[i], "seller:"))
        seller_move (id, row->shop, steps[i] + strlen ("seller:"));
      else if (g_str_has_prefix (steps[i], "buyer:"))
        buyer_move (id, steps[i] + strlen ("buyer:"));
    }

  aftersale = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (aftersale, "status"), ==, row->status);
  /* The simulator's deadline runs against the seller here. */
  g_assert_cmpstr (json_object_get_string_member_with_default (aftersale, "deadline_actor", ""), ==, "seller");

  return g_steal_pointer (&id);
}

static void
assert_bar_obeys_server (Fixture    *fixture,
                         const char *id,
                         const char *source)
{
  g_autoptr(JsonObject) aftersale = get_aftersale (id);

  for (guint i = 0; i < G_N_ELEMENTS (pane_actions); i++)
    {
      gboolean allowed = json_array_has (aftersale, "allowed_actions", pane_actions[i].api) ||
                         (pane_actions[i].api_alt != NULL &&
                          json_array_has (aftersale, "allowed_actions", pane_actions[i].api_alt));

      if (shou_detail_pane_is_action_enabled (fixture->pane, pane_actions[i].name) && !allowed)
        g_error ("%s (%s): %s enabled but the server does not allow it", id, source, pane_actions[i].name);
    }
}

static void
test_actions_every_step (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_ptr_array_add (ids, reach_row (&rows[i]));
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *row = &rows[i];
      const char *id = g_ptr_array_index (ids, i);
      GtkWidget *button;

      open_request (fixture, id);
      button = shou_detail_pane_get_action_button (fixture->pane, row->action);
      if (button == NULL || !step_enabled (fixture, row->action) ||
          !gtk_widget_is_visible (button) || !gtk_widget_is_sensitive (button))
        g_string_append_printf (missing, "\n  %s %s%s in %s: %s is not offered (%s)", row->shop, row->type,
                                row->cod ? " (cash on delivery)" : "", row->status, row->action, row->source);
      assert_bar_obeys_server (fixture, id, row->source);
    }
  if (missing->len > 0)
    g_error ("steps the seller owes but cannot take:%s", missing->str);
}

/* Pinduoduo before shipment: rejecting is not allowed and no negotiation
 * lifts it, so 拒绝 is disabled with the reason; the dialog never opens on
 * "订单发货前不能进行此操作". */
static void
test_actions_reject_needs_next_step (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-pdd", "pending_shipment", FALSE);
  g_autofree char *id = buyer_open (order, "refund_only");
  g_autoptr(JsonObject) aftersale = get_aftersale (id);
  GtkWidget *button;

  g_assert_false (json_array_has (aftersale, "allowed_actions", "reject"));
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  open_request (fixture, id);

  button = shou_detail_pane_get_action_button (fixture->pane, "reject");
  g_assert_false (shou_detail_pane_is_action_enabled (fixture->pane, "reject"));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, shou_reason_get_message (SHOU_REASON_NOT_SHIPPED));
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "request.reject", NULL);
  shou_test_iterate (100);
  g_assert_null (shou_detail_pane_get_dialog (fixture->pane));
  /* What the seller owes is there. */
  g_assert_true (shou_detail_pane_is_action_enabled (fixture->pane, "agree-refund"));
  assert_bar_obeys_server (fixture, id, "§3 000 ⑷");
}

static gboolean
has_button_labelled (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_button_labelled (child, label))
      return TRUE;
  return FALSE;
}

/* The info bar that holds a button labelled @label, shown or not. */
static GtkInfoBar *
info_bar_with_button (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_INFO_BAR (root) && has_button_labelled (root, label))
    return GTK_INFO_BAR (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkInfoBar *bar = info_bar_with_button (child, label);

      if (bar != NULL)
        return bar;
    }
  return NULL;
}

/* The conflict bar's "重新选择" (choose again) is not offered over the
 * final "售后已关闭" page. */
static void
test_actions_no_conflict_bar_when_closed (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-pdd", "completed", FALSE);
  g_autofree char *id = buyer_open (order, "return_refund");
  g_autoptr(JsonObject) cached = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkInfoBar *bar;

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  cached = shou_store_get_request (shared_store, id, NULL);
  g_assert_nonnull (cached);
  /* The seller agrees offline; meanwhile the buyer withdraws. */
  json_object_set_int_member (params, "amount_fen", json_object_get_int_member (cached, "amount_fen"));
  shou_store_enqueue_action (shared_store, id, SHOU_ACTION_AGREE_REFUND, params,
                             json_object_get_int_member (cached, "version"), &error);
  g_assert_no_error (error);
  buyer_move (id, "cancel");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_clear_pointer (&cached, json_object_unref);
  cached = shou_store_get_request (shared_store, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (cached, "status"), ==, "closed");
  g_assert_true (json_object_has_member (cached, "conflict") &&
                 !json_object_get_null_member (cached, "conflict"));

  dialog = GTK_WIDGET (shou_negotiation_dialog_new (GTK_WINDOW (fixture->window), shared_store, id));
  gtk_window_present (GTK_WINDOW (dialog));
  shou_test_iterate (200);
  g_assert_cmpstr (shou_negotiation_dialog_get_step (SHOU_NEGOTIATION_DIALOG (dialog)), ==, "done");
  /* The refusal may be shown, but not an offer to choose again. */
  bar = info_bar_with_button (dialog, _("Choose Again"));
  g_assert_true (bar == NULL || !gtk_info_bar_get_revealed (bar));
  shou_test_close_window (GTK_WINDOW (dialog));

  g_assert_true (shou_store_resolve_conflict (shared_store, id, NULL));
}

/* ---- safe money actions ------------------------------------------------- */

static gboolean
has_primary (Fixture    *fixture,
             const char *name)
{
  return gtk_widget_has_css_class (shou_detail_pane_get_action_button (fixture->pane, name), "suggested-action");
}

static guint
n_primary (Fixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pane_actions); i++)
    n += has_primary (fixture, pane_actions[i].name);
  return n;
}

static void
test_actions_primary_by_type_and_state (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-taobao", "completed", FALSE);
  g_autoptr(JsonObject) order2 = new_order ("shop-taobao", "pending_shipment", FALSE);
  g_autofree char *id = buyer_open (order, "return_refund");
  g_autofree char *refund_id = buyer_open (order2, "refund_only");

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  /* Goods not back yet: the return comes first. */
  open_request (fixture, id);
  g_assert_true (shou_detail_pane_is_action_enabled (fixture->pane, "agree-refund"));
  g_assert_true (has_primary (fixture, "agree-return"));
  g_assert_false (has_primary (fixture, "agree-refund"));
  g_assert_cmpuint (n_primary (fixture), ==, 1);

  /* The goods came back: confirming receipt is the step. */
  seller_move (id, "shop-taobao", "agree_return");
  buyer_move (id, "ship_return");
  courier_event (id, "【已签收】您的快件已签收，签收人：前台");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  open_request (fixture, id);
  g_assert_true (has_primary (fixture, "confirm-receipt"));
  g_assert_cmpuint (n_primary (fixture), ==, 1);

  /* A refund before shipment: the refund. */
  open_request (fixture, refund_id);
  g_assert_true (has_primary (fixture, "agree-refund"));
  g_assert_cmpuint (n_primary (fixture), ==, 1);
}

static gboolean
dialog_mapped_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *dialog = shou_detail_pane_get_dialog (fixture->pane);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static GtkWindow *
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

static gboolean
outbox_empty (void)
{
  g_autoptr(ShouOutboxEntry) entry = shou_store_outbox_next (shared_store, shared_account_id);

  return entry == NULL;
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  shou_test_iterate (50);
  g_object_unref (dialog);
}

/* The platform asks for the SMS code of a large refund (422
 * verification_code_required, as the Taobao adapter answers): the conflict
 * bar offers to enter it; the dialog needs the code; the refused attempt is
 * dropped and the agreement goes again with the code, under a new key. */
static void
test_actions_verification_code (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-taobao", "pending_shipment", FALSE);
  g_autofree char *id = buyer_open (order, "refund_only");
  g_autoptr(JsonObject) cached = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ShouOutboxEntry) refused = NULL;
  g_autoptr(ShouOutboxEntry) again = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *code_button;
  GtkWidget *code_entry;
  GtkWindow *dialog;

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  cached = shou_store_get_request (shared_store, id, NULL);
  json_object_set_int_member (params, "amount_fen", json_object_get_int_member (cached, "amount_fen"));
  g_assert_true (shou_store_enqueue_action (shared_store, id, SHOU_ACTION_AGREE_REFUND, params,
                                            json_object_get_int_member (cached, "version"), &error));
  refused = shou_store_outbox_next (shared_store, shared_account_id);
  g_assert_nonnull (refused);
  g_assert_true (shou_store_outbox_mark_sending (shared_store, refused->id, NULL));
  g_assert_true (shou_store_outbox_conflict_full (shared_store, refused->id, "verification_code_required",
                                                  "verification code required", "verification_code_required",
                                                  &error));
  g_assert_no_error (error);

  open_request (fixture, id);
  shou_test_iterate (20);
  code_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->pane), SHOU_TYPE_DETAIL_PANE,
                                                           "code_button"));
  g_assert_nonnull (code_button);
  g_assert_true (gtk_widget_get_visible (code_button));
  /* The bar says why, in the UI's words. */
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (fixture->pane),
                                          _("The platform asks for the verification code it sent to the shop’s phone.")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "request.verification-code", NULL));
  g_assert_true (shou_test_wait_until (dialog_mapped_cb, fixture, 5000));
  dialog = shou_detail_pane_get_dialog (fixture->pane);
  code_entry = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "verification-code-entry");
  g_assert_nonnull (code_entry);
  /* No code, no agreement. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  gtk_editable_set_text (GTK_EDITABLE (code_entry), " 246810 ");
  shou_test_iterate (20);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  respond (dialog, SHOU_RESPONSE_OK);

  again = shou_store_outbox_next (shared_store, shared_account_id);
  g_assert_nonnull (again);
  g_assert_cmpint (again->id, !=, refused->id);
  g_assert_cmpstr (again->action, ==, "agree_refund");
  g_assert_cmpstr (again->idempotency_key, !=, refused->idempotency_key);
  g_assert_cmpstr (json_object_get_string_member (again->params, "verification_code"), ==, "246810");
  g_clear_pointer (&cached, json_object_unref);
  cached = shou_store_get_request (shared_store, id, NULL);
  g_assert_true (!json_object_has_member (cached, "conflict") || json_object_get_null_member (cached, "conflict"));
  g_assert_false (gtk_widget_get_visible (code_button));
  /* The simulator takes the code as it takes any agreement. */
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_assert_true (outbox_empty ());
}

static void
test_actions_money_defaults_to_cancel (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-taobao", "pending_shipment", FALSE);
  g_autoptr(JsonObject) order2 = new_order ("shop-jd", "completed", FALSE);
  g_autofree char *id = buyer_open (order, "refund_only");
  g_autofree char *receipt_id = buyer_open (order2, "return_refund");
  GtkWindow *dialog;
  GtkWidget *entry;

  seller_move (receipt_id, "shop-jd", "agree_return");
  buyer_move (receipt_id, "ship_return");
  courier_event (receipt_id, "【已签收】您的快件已签收，签收人：前台");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  dialog = open_action (fixture, id, "agree-refund");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, SHOU_RESPONSE_CANCEL);
  /* Enter in the amount does not send the money. */
  entry = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "amount-entry");
  g_assert_nonnull (entry);
  g_assert_false (gtk_entry_get_activates_default (GTK_ENTRY (entry)));
  /* An explicit amount is 1 fen to the requested one: 0, -0, negatives and
   * more are refused with a translated reason, and what was typed stays. */
  {
    static const char *const refused[] = { "0", "-0", "0.00", "-5", "100000" };
    GtkWidget *error;

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        gtk_editable_set_text (GTK_EDITABLE (entry), refused[i]);
        shou_test_iterate (20);
        g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, refused[i]);
      }
    gtk_editable_set_text (GTK_EDITABLE (entry), "0");
    shou_test_iterate (20);
    error = shou_test_find_label (GTK_WIDGET (dialog), _("Enter an amount above zero"));
    g_assert_nonnull (error);
    g_assert_true (gtk_widget_get_visible (error));
    gtk_editable_set_text (GTK_EDITABLE (entry), "0.01");
    shou_test_iterate (20);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  }
  respond (dialog, SHOU_RESPONSE_CANCEL);
  g_assert_true (outbox_empty ());

  dialog = open_action (fixture, receipt_id, "confirm-receipt");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, SHOU_RESPONSE_CANCEL);
  respond (dialog, SHOU_RESPONSE_CANCEL);
  g_assert_true (outbox_empty ());

  /* Delivered: one confirmation is enough. */
  dialog = open_action (fixture, receipt_id, "confirm-receipt");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

static gboolean
second_dialog_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *dialog = shou_detail_pane_get_dialog (fixture->pane);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (dialog)), "confirm-in-transit-dialog") == 0;
}

static void
test_actions_confirm_in_transit_asks_again (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-douyin", "completed", FALSE);
  g_autofree char *id = buyer_open (order, "return_refund");
  g_autoptr(ShouOutboxEntry) entry = NULL;
  GtkWindow *dialog;

  seller_move (id, "shop-douyin", "agree_return");
  buyer_move (id, "ship_return");
  courier_event (id, "【运输中】快件已到达 杭州转运中心");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  dialog = open_action (fixture, id, "confirm-receipt");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_true (outbox_empty ());
  g_assert_true (shou_test_wait_until (second_dialog_cb, fixture, 5000));
  dialog = shou_detail_pane_get_dialog (fixture->pane);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, SHOU_RESPONSE_CANCEL);
  g_assert_nonnull (shou_test_find_label (GTK_WIDGET (dialog), "杭州转运中心"));
  respond (dialog, SHOU_RESPONSE_CANCEL);
  g_assert_true (outbox_empty ());

  dialog = open_action (fixture, id, "confirm-receipt");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_true (shou_test_wait_until (second_dialog_cb, fixture, 5000));
  respond (shou_detail_pane_get_dialog (fixture->pane), SHOU_RESPONSE_OK);
  entry = shou_store_outbox_next (shared_store, shared_account_id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->request_id, ==, id);
  g_assert_cmpstr (entry->action, ==, "confirm_receipt");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(GdkTexture) texture = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  return gdk_texture_save_to_png_bytes (texture);
}

static gboolean
picker_has_evidence_cb (gpointer user_data)
{
  return shou_evidence_picker_get_count (SHOU_EVIDENCE_PICKER (user_data)) > 0;
}

/* Item 4: a Douyin cash-on-delivery request in 待上传退款凭证 can be finished
 * from the action bar, with the proof uploaded as evidence. */
static void
test_actions_upload_refund_proof (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-douyin", "completed", TRUE);
  g_autofree char *id = buyer_open (order, "refund_only");
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(JsonObject) after = NULL;
  GtkWindow *dialog;
  GtkWidget *picker;
  JsonArray *evidence;
  gboolean proof = FALSE;

  seller_move (id, "shop-douyin", "agree_refund");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  dialog = open_action (fixture, id, "upload-refund-proof");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  picker = shou_test_find_widget (GTK_WIDGET (dialog), SHOU_TYPE_EVIDENCE_PICKER, NULL);
  g_assert_nonnull (picker);
  g_assert_cmpint (shou_evidence_picker_get_kind (SHOU_EVIDENCE_PICKER (picker)), ==, SHOU_EVIDENCE_REFUND_PROOF);
  shou_evidence_picker_set_cover_first (SHOU_EVIDENCE_PICKER (picker), FALSE);
  shou_evidence_picker_add_bytes (SHOU_EVIDENCE_PICKER (picker), png, "transfer.png");
  g_assert_true (shou_test_wait_until (picker_has_evidence_cb, picker, 5000));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), SHOU_RESPONSE_OK));
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  after = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "success");
  evidence = json_object_get_array_member (after, "evidence");
  for (guint i = 0; i < json_array_get_length (evidence); i++)
    proof |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (evidence, i), "kind"),
                        "refund_proof") == 0;
  g_assert_true (proof);
}

/* ---- keyboard first ------------------------------------------------------ */

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return path != NULL && g_getenv ("DISPLAY") != NULL &&
         GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

/* Real key presses: the X server delivers them to the focused toplevel and
 * GTK dispatches them as it would for a person at the keyboard. */
static void
press_keys (Fixture    *fixture,
            const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (fixture->window)));
  int status = 0;
  const char *argv[] = { "xdotool", "search", "--name", "^" WINDOW_TITLE "$", "windowfocus", "--sync",
                         "key", "--clearmodifiers", keys, NULL };

  gtk_window_set_title (GTK_WINDOW (fixture->window), WINDOW_TITLE);
  shou_test_iterate (50);
  /* The X server is shared with the other GUI tests: a window of theirs
   * that goes away while xdotool walks the tree fails its search
   * (BadWindow). Nothing was pressed then: try again, a few times. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      if (g_spawn_check_wait_status (status, NULL))
        break;
      shou_test_iterate (20);
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  shou_test_iterate (200);
  gtk_window_set_title (GTK_WINDOW (fixture->window), title);
}

static char *
find_pending_request (const char *action)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (shared_store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (request != NULL && json_array_has (request, "allowed_actions", action) &&
          (!json_object_has_member (request, "pending_actions") ||
           json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0))
        return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

static GtkWidget *
focusable_row (GtkWidget *root)
{
  GtkWidget *list = shou_test_find_widget (root, GTK_TYPE_LIST_BOX, NULL);

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && gtk_widget_get_focusable (row))
      return row;
  return NULL;
}

/* Ctrl+Shift+A opens 同意退款 wherever the focus is: in the queue, in the
 * detail's lists and on the action buttons (GtkListView, GtkColumnView,
 * GtkListBox and GtkFlowBox bind it to "unselect all"). */
static void
test_actions_shortcut_everywhere (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *id = find_pending_request ("agree_refund");
  const char *places[] = { "queue", "detail list", "action button", "reply button", NULL };
  g_autoptr(GString) failed = g_string_new (NULL);

  if (!have_xdotool ())
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  g_assert_nonnull (id);

  for (guint i = 0; places[i] != NULL; i++)
    {
      GtkWidget *focus = NULL;
      GtkWindow *dialog;

      shou_window_open_request (fixture->window, id);
      g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, id);
      if (i == 0)
        {
          shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
          focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
          g_assert_nonnull (focus);
          g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (shou_window_get_queue_view (fixture->window))));
        }
      else if (i == 1)
        {
          focus = focusable_row (GTK_WIDGET (fixture->pane));
          g_assert_nonnull (focus);
          g_assert_true (gtk_widget_grab_focus (focus));
        }
      else
        {
          focus = shou_detail_pane_get_action_button (fixture->pane, i == 2 ? "agree-refund" : "reply");
          g_assert_true (gtk_widget_grab_focus (focus));
        }
      g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), focus) ||
                     i == 0);

      press_keys (fixture, "ctrl+shift+a");
      if (!shou_test_wait_until (dialog_mapped_cb, fixture, 3000))
        {
          g_string_append_printf (failed, "\n  focus in the %s: no 同意退款 dialog", places[i]);
          continue;
        }
      dialog = shou_detail_pane_get_dialog (fixture->pane);
      g_assert_nonnull (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "amount-entry"));
      respond (dialog, SHOU_RESPONSE_CANCEL);
      shou_test_iterate (100);
    }
  if (failed->len > 0)
    g_error ("Ctrl+Shift+A (同意退款) did nothing:%s", failed->str);
  g_assert_true (outbox_empty ());
}

/* Every other action shortcut, with the focus in the queue. */
static void
test_actions_shortcuts_from_queue (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const struct { const char *api; const char *keys; } keys[] = {
    { "agree_return", "ctrl+shift+t" }, { "confirm_receipt", "ctrl+shift+c" },
    { "refuse_receipt", "ctrl+shift+x" }, { "message", "ctrl+shift+m" },
  };

  if (!have_xdotool ())
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *id = find_pending_request (keys[i].api);

      if (id == NULL)
        continue;
      shou_window_open_request (fixture->window, id);
      shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
      press_keys (fixture, keys[i].keys);
      /* Bounded, and long enough for the sanitizer build beside the other
       * GUI tests (3 s was not, once, in CI's ASan pass). */
      if (!shou_test_wait_until (dialog_mapped_cb, fixture, 10000))
        g_error ("%s with the focus in the queue: no dialog", keys[i].keys);
      respond (shou_detail_pane_get_dialog (fixture->pane), SHOU_RESPONSE_CANCEL);
      shou_test_iterate (100);
    }
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipWait;

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClipWait *w = user_data;

  w->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  w->done = TRUE;
}

static gboolean
clip_done_cb (gpointer user_data)
{
  return ((ClipWait *) user_data)->done;
}

static char *
clipboard_text (Fixture *fixture)
{
  ClipWait w = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 on_clipboard_text_cb, &w);
  g_assert_true (shou_test_wait_until (clip_done_cb, &w, 3000));
  return w.text;
}

static void
copy_with (Fixture    *fixture,
           const char *keys,
           const char *action)
{
  if (have_xdotool ())
    press_keys (fixture, keys);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL));
}

/* Shortcuts copy the order number and the return's tracking number. */
static void
test_actions_copy_numbers (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-jd", "completed", FALSE);
  g_autofree char *id = buyer_open (order, "return_refund");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) aftersale = NULL;

  seller_move (id, "shop-jd", "agree_return");
  buyer_move (id, "ship_return");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  aftersale = get_aftersale (id);

  open_request (fixture, id);
  shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
  copy_with (fixture, "ctrl+shift+n", "request.copy-order-no");
  text = clipboard_text (fixture);
  g_assert_cmpstr (text, ==, json_object_get_string_member (order, "order_no"));
  g_clear_pointer (&text, g_free);

  copy_with (fixture, "ctrl+shift+l", "request.copy-tracking-no");
  text = clipboard_text (fixture);
  g_assert_cmpstr (text, ==, json_object_get_string_member (json_object_get_object_member (aftersale, "return_shipment"),
                                                            "tracking_no"));
}

/* After an action the selection moves on to the next request; with the
 * preference off it stays. */
static void
test_actions_advance_after_action (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  GListModel *model = G_LIST_MODEL (shou_queue_view_get_list (queue));
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  GtkWindow *dialog;
  guint n = g_list_model_get_n_items (model);
  guint pos = G_MAXUINT;

  g_assert_cmpuint (n, >, 3);
  for (guint i = 0; i + 1 < n && pos == G_MAXUINT; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "agree_return") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        pos = i;
    }
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    g_autoptr(ShouRequestItem) a = g_list_model_get_item (model, pos);
    g_autoptr(ShouRequestItem) b = g_list_model_get_item (model, pos + 1);

    first = g_strdup (shou_request_item_get_id (a));
    next = g_strdup (shou_request_item_get_id (b));
  }

  /* The menu's toggle is the preference. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.advance-after-action", NULL));
  g_assert_false (g_settings_get_boolean (settings, "advance-after-action"));

  /* Preference off: the selection stays. */
  g_assert_true (shou_queue_view_select_position (queue, pos));
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, first);
  dialog = open_action (fixture, first, "reply");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reply-text"))),
                            "亲，我们正在处理", -1);
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, first);

  g_settings_set_boolean (settings, "advance-after-action", FALSE);
  dialog = open_action (fixture, first, "agree-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  shou_test_iterate (200);
  /* The request left the view: with the preference off nothing else is
   * chosen for the seller, and the detail shows no request outside the list. */
  g_assert_null (shou_queue_view_get_selected_id (queue));
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  /* On (the default): the next request. */
  g_settings_reset (settings, "advance-after-action");
  g_assert_true (g_settings_get_boolean (settings, "advance-after-action"));
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&next, g_free);
  pos = G_MAXUINT;
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i + 1 < n && pos == G_MAXUINT; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "agree_return") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        pos = i;
    }
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    g_autoptr(ShouRequestItem) a = g_list_model_get_item (model, pos);
    g_autoptr(ShouRequestItem) b = g_list_model_get_item (model, pos + 1);

    first = g_strdup (shou_request_item_get_id (a));
    next = g_strdup (shou_request_item_get_id (b));
  }
  g_assert_true (shou_queue_view_select_position (queue, pos));
  dialog = open_action (fixture, first, "agree-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  shou_test_iterate (200);
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, next);
  g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, next);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

/* Shipping an exchange (its own dialog) also moves on to the next request. */
static void
test_actions_advance_after_shipping (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  GListModel *model = G_LIST_MODEL (shou_queue_view_get_list (queue));
  g_autofree char *id = NULL;
  g_autofree char *next = NULL;
  GtkWindow *dialog;
  guint n = g_list_model_get_n_items (model);

  /* A request that owes a shipment, with another one after it. */
  for (guint i = 0; i + 1 < n && id == NULL; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (json_array_has (request, "allowed_actions", "ship_exchange") &&
          json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0)
        {
          g_autoptr(ShouRequestItem) after = g_list_model_get_item (model, i + 1);

          id = g_strdup (shou_request_item_get_id (item));
          next = g_strdup (shou_request_item_get_id (after));
        }
    }
  g_assert_nonnull (id);

  g_assert_cmpint (shou_queue_view_select_id (queue, id), >=, 0);
  dialog = open_action (fixture, id, "ship-exchange");
  g_assert_true (SHOU_IS_LOGISTICS_DIALOG (dialog));
  g_assert_true (shou_logistics_dialog_select_carrier (SHOU_LOGISTICS_DIALOG (dialog), "SF"));
  shou_logistics_dialog_set_tracking_number (SHOU_LOGISTICS_DIALOG (dialog), "SF1234567890123");
  g_assert_true (shou_logistics_dialog_get_can_ship (SHOU_LOGISTICS_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "logistics.ship", NULL));
  shou_test_iterate (200);
  g_assert_false (outbox_empty ());
  g_assert_cmpstr (shou_queue_view_get_selected_id (queue), ==, next);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
}

/* ---- 等待退回: wait for the refused parcel, then refund (issue 25) ------- */

static void
move_parcel (JsonObject *order,
             const char *state)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "state", state);
  if (g_str_equal (state, "shipped"))
    {
      json_object_set_string_member (body, "carrier", "ZTO");
      json_object_set_string_member (body, "tracking_no", "73100000000005");
    }
  expect_ok (http ("POST", "/v1/test/shipment", body, &reply), reply, state);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} PaneTextWait;

static gboolean
pane_shows_cb (gpointer user_data)
{
  PaneTextWait *w = user_data;

  return shou_test_find_label (GTK_WIDGET (w->fixture->pane), w->text) != NULL;
}

/* A refund-only "not received" on a shipped order: the seller chooses 等待退回
 * (the buyer refuses the delivery); the request waits; the parcel is refused,
 * comes back, and once it has arrived the refund is agreed (000 ⑵ 二.2,
 * 002 ①, 003). The parcel moves only through the test control, so the
 * desktop sees each step through the change feed's copy of the request. */
static void
test_actions_wait_for_return (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-taobao", "pending_shipment", FALSE);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) aftersale = NULL;
  JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  PaneTextWait waiting = { fixture, _("Waiting for the Parcel") };
  PaneTextWait returned = { fixture, _("Parcel Returned") };
  GtkWindow *dialog;
  const char *id;

  move_parcel (order, "shipped");
  move_parcel (order, "collected");
  json_object_set_string_member (body, "action", "open");
  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "line_id", json_object_get_string_member (line, "id"));
  json_object_set_string_member (body, "type", "refund_only");
  json_object_set_int_member (body, "amount_fen", MIN (json_object_get_int_member (line, "price_fen"),
                                                       json_object_get_int_member (order, "paid_fen")));
  json_object_set_string_member (body, "reason_code", "not_received");
  json_object_set_string_member (body, "text", "一直没收到货");
  expect_ok (http ("POST", "/v1/test/buyer", body, &reply), reply, "test/buyer open");
  id = json_object_get_string_member (json_object_get_object_member (reply, "aftersale"), "id");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));

  /* Not signed yet: wait for the refusal instead of refunding at once. */
  dialog = open_action (fixture, id, "await-return");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  aftersale = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (aftersale, "parcel_wait"), "mode"),
                   ==, "await");
  open_request (fixture, id);
  g_assert_true (shou_test_wait_until (pane_shows_cb, &waiting, 10000));

  /* The buyer refused it at the door; the courier brought it back. */
  move_parcel (order, "refused");
  move_parcel (order, "returning");
  move_parcel (order, "returned");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  open_request (fixture, id);
  g_assert_true (shou_test_wait_until (pane_shows_cb, &returned, 10000));
  g_assert_false (shou_detail_pane_is_action_enabled (fixture->pane, "await-return"));

  dialog = open_action (fixture, id, "agree-refund");
  respond (dialog, SHOU_RESPONSE_OK);
  g_assert_false (outbox_empty ());
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_clear_pointer (&aftersale, json_object_unref);
  aftersale = get_aftersale (id);
  g_assert_cmpstr (json_object_get_string_member (aftersale, "status"), ==, "success");
}

/* ---- the seller cancels a cash-on-delivery order (issue 24, seed 004 1、) -- */

/* A Douyin cash-on-delivery order in @state (pending_confirm, stocking). */
static JsonObject *
new_cod_order (const char *state)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;

  json_object_set_string_member (body, "shop_id", "shop-douyin");
  json_object_set_string_member (body, "state", state);
  json_object_set_boolean_member (body, "cod", TRUE);
  expect_ok (http ("POST", "/v1/test/order", body, &reply), reply, "test/order cod");
  return json_object_ref (json_object_get_object_member (reply, "order"));
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  const char *title;    /* the cancel row's title to wait for, or NULL */
} OrderRowWait;

static GtkWidget *
order_row (Fixture    *fixture,
           const char *key)
{
  GtkListBox *orders = shou_window_get_orders_list (fixture->window);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (orders, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "order-id"), key) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

static const char *
cancel_row_title (GtkWidget *row)
{
  GtkWidget *cancel = row ? shou_test_find_widget (row, ADW_TYPE_ACTION_ROW, "order-cancel") : NULL;

  return cancel ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (cancel)) : NULL;
}

static gboolean
order_row_cb (gpointer user_data)
{
  OrderRowWait *w = user_data;
  GtkWidget *row = order_row (w->fixture, w->key);

  return row != NULL && (w->title == NULL || g_strcmp0 (cancel_row_title (row), w->title) == 0);
}

/* The order's key in the cache, from its server id. */
static char *
order_key (JsonObject *order)
{
  g_autoptr(GPtrArray) orders = shou_store_list_orders (shared_store, NULL, json_object_get_string_member (order, "order_no"),
                                                        0, 10);

  for (guint i = 0; i < orders->len; i++)
    if (g_strcmp0 (json_object_get_string_member (orders->pdata[i], "id"), json_object_get_string_member (order, "id")) == 0)
      return g_strdup (json_object_get_string_member (orders->pdata[i], "key"));
  g_assert_not_reached ();
}

/* 全部订单, searched for the order, its row opened once its cancel row says
 * @title (any, when NULL). */
static GtkWidget *
show_order (Fixture    *fixture,
            JsonObject *order,
            const char *key,
            const char *title)
{
  GtkWidget *entry = shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);
  OrderRowWait wait = { fixture, key, title };
  GtkWidget *row;

  if (g_strcmp0 (shou_window_get_list_page (fixture->window), "orders") != 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 7));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
      gtk_editable_set_text (GTK_EDITABLE (entry), json_object_get_string_member (order, "order_no"));
    }
  g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, "orders");
  if (!shou_test_wait_until (order_row_cb, &wait, 15000))
    g_error ("order %s: cancel row “%s”, expected “%s”", key, cancel_row_title (order_row (fixture, key)), title);
  row = order_row (fixture, key);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static AdwMessageDialog *
find_cancel_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (gtk_widget_get_name (window), "order-cancel-dialog") == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
cancel_dialog_cb (gpointer user_data)
{
  return find_cancel_dialog () != NULL;
}

/* The order's 取消订单 button once its opened row shows it (a reload may
 * replace the row meanwhile: each look finds it again), or NULL. */
static GtkWidget *
cancel_button (Fixture    *fixture,
               const char *key)
{
  GtkWidget *row = order_row (fixture, key);
  GtkWidget *button;

  if (row == NULL)
    return NULL;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  button = shou_test_find_widget (row, GTK_TYPE_BUTTON, "cancel-order");
  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

static gboolean
cancel_button_cb (gpointer user_data)
{
  OrderRowWait *w = user_data;

  return cancel_button (w->fixture, w->key) != NULL;
}

/* Clicks the order's 取消订单, ticks "I talked to the buyer" and confirms. */
static void
cancel_from_row (Fixture    *fixture,
                 const char *key)
{
  OrderRowWait wait = { fixture, key, NULL };
  AdwMessageDialog *dialog;
  GtkWidget *button;
  GtkWidget *check;

  g_assert_true (shou_test_wait_until (cancel_button_cb, &wait, 10000));
  button = cancel_button (fixture, key);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (shou_test_wait_until (cancel_dialog_cb, NULL, 10000));
  dialog = find_cancel_dialog ();
  /* Nothing cancels before the seller says they talked to the buyer. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), !=, SHOU_ORDER_CANCEL_RESPONSE);
  check = shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "buyer-consulted");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, SHOU_ORDER_CANCEL_RESPONSE));
  adw_message_dialog_response (dialog, SHOU_ORDER_CANCEL_RESPONSE);
  shou_test_close_window (GTK_WINDOW (dialog));
}

static JsonObject *
server_order (JsonObject *order)
{
  g_autofree char *path = g_strconcat ("/v1/orders/", json_object_get_string_member (order, "id"), NULL);
  g_autoptr(JsonObject) reply = NULL;

  expect_ok (http ("GET", path, NULL, &reply), reply, path);
  return json_object_ref (json_object_get_object_member (reply, "order"));
}

/* A COD order in 备货中: 取消订单 asks whether the buyer was contacted, goes
 * through the outbox (shown as waiting before any sync), and the server
 * closes the order, which then says why it closed. A COD order that
 * shipped meanwhile on the platform: the server refuses (the version the
 * seller saw is gone), and the row says why in the seller's words, not
 * the server's; shipped, it offers no second try. */
static void
test_actions_cancel_cod_order (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_cod_order ("stocking");
  g_autoptr(JsonObject) shipped = new_cod_order ("stocking");
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *key = NULL;
  g_autofree char *shipped_key = NULL;
  g_autofree char *refusal = shou_order_cancel_refusal_text ("version_conflict");
  GtkWidget *row;

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  key = order_key (order);
  shipped_key = order_key (shipped);

  show_order (fixture, order, key, _("Cash on delivery, not yet shipped"));
  cancel_from_row (fixture, key);
  /* Queued with the version the seller saw; nothing has been sent yet. */
  g_assert_false (outbox_empty ());
  show_order (fixture, order, key, _("Cancellation saved, waiting to sync"));
  g_assert_null (shou_test_find_widget (order_row (fixture, key), GTK_TYPE_BUTTON, "cancel-order"));
  closed = server_order (order);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "stocking");
  g_clear_pointer (&closed, json_object_unref);

  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  closed = server_order (order);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (closed, "close_reason"), ==, "merchant_cancelled");
  /* The detail says why the order closed, in its own words. */
  {
    OrderRowWait wait = { fixture, key, NULL };
    g_autofree char *title = g_strdup_printf (_("%s · %s · %s"), json_object_get_string_member (order, "order_no"),
                                              shou_order_state_get_label (SHOU_ORDER_CLOSED),
                                              shou_order_close_reason_get_label ("merchant_cancelled"));

    g_assert_true (shou_test_wait_until (order_row_cb, &wait, 15000));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (order_row (fixture, key))), ==, title);
    g_assert_null (cancel_row_title (order_row (fixture, key)));
  }

  /* The other order shipped on the platform after the desktop's last sync. */
  gtk_editable_set_text (GTK_EDITABLE (shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL)),
                         json_object_get_string_member (shipped, "order_no"));
  show_order (fixture, shipped, shipped_key, _("Cash on delivery, not yet shipped"));
  json_object_set_string_member (body, "order_id", json_object_get_string_member (shipped, "id"));
  json_object_set_string_member (body, "state", "shipped");
  json_object_set_string_member (body, "carrier", "SF");
  json_object_set_string_member (body, "tracking_no", "SF1234567890123");
  expect_ok (http ("POST", "/v1/test/shipment", body, &reply), reply, "test/shipment");
  cancel_from_row (fixture, shipped_key);
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  g_clear_pointer (&closed, json_object_unref);
  closed = server_order (shipped);
  g_assert_cmpstr (json_object_get_string_member (closed, "state"), ==, "shipped");
  row = show_order (fixture, shipped, shipped_key, refusal);
  /* Shipped now: no second try offered. */
  g_assert_null (shou_test_find_widget (row, GTK_TYPE_BUTTON, "cancel-order"));
  g_assert_true (outbox_empty ());
}

/* The shortcuts window (Ctrl+?) lists the new shortcuts. */
static void
test_actions_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/shouhou/Shouhou/window/shou-shortcuts-window.ui");
  const char *accels[] = { "<Control><Shift>u", "<Control><Shift>e", "<Control><Shift>n", "<Control><Shift>l",
                           "<Control>F9", NULL };
  GSList *objects = gtk_builder_get_objects (builder);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (GSList *l = objects; l != NULL && !found; l = l->next)
        {
          g_autofree char *accel = NULL;

          if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
            continue;
          g_object_get (l->data, "accelerator", &accel, NULL);
          found = g_strcmp0 (accel, accels[i]) == 0;
        }
      if (!found)
        g_error ("%s is not in the shortcuts window", accels[i]);
    }
  g_slist_free (objects);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
}

int
main (int   argc,
      char *argv[])
{
  GPid xserver;
  int status;

  /* The keyboard tests press real keys: they get an X server of their own. */
  xserver = shou_test_private_x_server ();
  /* No accessibility bus needed here (the e2e tests read through AT-SPI);
   * a shared session's bus socket may come and go under parallel runs. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  shou_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/actions/every-required-step", test_actions_every_step);
  ADD ("/actions/reject-needs-next-step", test_actions_reject_needs_next_step);
  ADD ("/actions/no-conflict-bar-when-closed", test_actions_no_conflict_bar_when_closed);
  ADD ("/actions/primary-by-type-and-state", test_actions_primary_by_type_and_state);
  ADD ("/actions/money-defaults-to-cancel", test_actions_money_defaults_to_cancel);
  ADD ("/actions/verification-code", test_actions_verification_code);
  ADD ("/actions/confirm-in-transit-asks-again", test_actions_confirm_in_transit_asks_again);
  ADD ("/actions/upload-refund-proof", test_actions_upload_refund_proof);
  ADD ("/actions/shortcut-everywhere", test_actions_shortcut_everywhere);
  ADD ("/actions/shortcuts-from-queue", test_actions_shortcuts_from_queue);
  ADD ("/actions/copy-numbers", test_actions_copy_numbers);
  ADD ("/actions/advance-after-action", test_actions_advance_after_action);
  ADD ("/actions/advance-after-shipping", test_actions_advance_after_shipping);
  ADD ("/actions/cancel-cod-order", test_actions_cancel_cod_order);
  ADD ("/actions/wait-for-return", test_actions_wait_for_return);
#undef ADD
  g_test_add_func ("/actions/shortcuts-listed", test_actions_shortcuts_listed);

  status = g_test_run ();
  shared_tear_down ();
  if (xserver != 0)
    {
      kill (xserver, SIGTERM);
      waitpid (xserver, NULL, 0);
      g_spawn_close_pid (xserver);
    }
  return status;
}
