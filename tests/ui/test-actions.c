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
#include "actions-test-util.h"


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
#undef ADD

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
