/* test-negotiation-flow.c: the guided negotiation's rounds with the buyer
 * against the real simulator (in-process, over HTTP on 127.0.0.1), a real
 * SQLite store and a real window under Xvfb: replies, silence, acceptance,
 * the server's refusal, agreeing instead, direct rejects. Split from
 * test-negotiation.c (same /negotiation/ paths).
 *
 * Set SHOU_SCREENSHOT_DIR to save a PNG of every step.
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
#include "negotiation-test-util.h"


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

static char *
label_text (Fixture    *fx,
            const char *name)
{
  return g_strdup (gtk_label_get_label (child (fx, name)));
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
#define ADD(path, func) \
  g_test_add ("/negotiation/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("flow/buyer-replies", test_flow_buyer_replies);
  ADD ("flow/silent-buyer", test_flow_silent_buyer);
  ADD ("flow/buyer-accepts-round1", test_flow_buyer_accepts_round1);
  ADD ("flow/server-refusal-shown", test_server_refusal_shown);
  ADD ("flow/agree-refund-instead", test_agree_refund_instead);
  g_test_add ("/negotiation/flow/taobao-direct-reject", Fixture, "taobao",
              fixture_set_up, test_direct_reject, fixture_tear_down);
  g_test_add ("/negotiation/flow/pdd-unshipped", Fixture, "pdd:unshipped",
              fixture_set_up, test_unshipped_not_rejectable, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
