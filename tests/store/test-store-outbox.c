/* test-store-outbox.c: the outbox on a real SQLite file: enqueueing (refused,
 * durable), order and rebase, conflicts and their reasons. Split from
 * test-store.c (same /store/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "store-test-util.h"
#include "sync/shou-api-errors.h"
#include "store-core-test-util.h"


static void
reopen (Fixture *f)
{
  g_assert_finalize_object (f->store);
  f->store = st_store_new (f->dir, NULL);
}

static void
test_enqueue_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();

  load_basic (f);

  /* Not allowed now: the server's allowed_actions say so. */
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_CONFIRM_RECEIPT,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* More than requested. */
  json_object_set_int_member (params, "amount_fen", 10000);
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A message naming a third-party channel. */
  json_object_set_string_member (params, "text", "加我微信聊");
  g_assert_false (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_MESSAGE,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (shou_store_enqueue_action (f->store, "missing", SHOU_ACTION_MESSAGE,
                                             params, 1, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
}

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
count_changed_cb (ShouStore  *store,
                  const char *request_id,
                  guint      *count)
{
  (*count)++;
}

static void
test_enqueue_durable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(ShouOutboxEntry) e1 = NULL;
  g_autoptr(ShouOutboxEntry) e2 = NULL;
  g_autoptr(ShouOutboxEntry) e3 = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  guint changed = 0, outbox = 0;
  int pos;

  load_basic (f);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_signal_connect (f->store, "outbox-changed", G_CALLBACK (count_signal_cb), &outbox);

  json_object_set_int_member (params, "amount_fen", 9900);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND,
                                            params, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (outbox, ==, 1);
  json_object_set_string_member (msg, "text", "您好，已为您办理退款");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, msg, 1, &error));
  g_assert_no_error (error);

  /* The optimistic state is visible at once and survives a restart. */
  reopen (f);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 2);
  r1 = shou_store_get_request (f->store, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), !=, "wait_seller");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r1, "pending_actions")), ==, 1);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_PENDING, NULL), ==, 2);
  g_assert_cmpuint (shou_store_count_account_pending (f->store, f->account), ==, 2);

  list = shou_request_list_new (f->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  pos = shou_request_list_find (list, "r1");
  g_assert_cmpint (pos, >=, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), pos);
  g_assert_cmpuint (shou_request_item_get_pending_actions (item), ==, 1);

  /* In order, with the saved key and version. */
  e1 = shou_store_outbox_next (f->store, f->account);
  g_assert_nonnull (e1);
  g_assert_cmpstr (e1->request_id, ==, "r1");
  g_assert_cmpstr (e1->action, ==, "agree_refund");
  g_assert_cmpint (e1->expected_version, ==, 1);
  g_assert_cmpuint (strlen (e1->idempotency_key), >=, 8);
  g_assert_cmpint (json_object_get_int_member (e1->params, "amount_fen"), ==, 9900);

  /* Sending, then a crash: the same entry and key come back. */
  g_assert_true (shou_store_outbox_mark_sending (f->store, e1->id, &error));
  g_clear_object (&item);
  g_clear_object (&list);
  reopen (f);
  e2 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e2->id, ==, e1->id);
  g_assert_cmpstr (e2->idempotency_key, ==, e1->idempotency_key);
  g_assert_cmpuint (e2->attempts, ==, 1);

  {
    g_autoptr(JsonObject) done = st_aftersale ("r1", "shop1", "o1", "success", 0, 2);
    g_assert_true (shou_store_outbox_complete (f->store, e2->id, done, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "done"), ==, 1);
  e3 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (e3->request_id, ==, "r2");
}

static void
test_outbox_order_and_rebase (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) m1 = json_object_new ();
  g_autoptr(JsonObject) m2 = json_object_new ();
  g_autoptr(ShouOutboxEntry) a = NULL;
  g_autoptr(ShouOutboxEntry) b = NULL;

  load_basic (f);
  json_object_set_string_member (m1, "text", "第一条");
  json_object_set_string_member (m2, "text", "第二条");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, m1, 1, &error));
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, m2, 1, &error));
  g_assert_no_error (error);

  a = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (json_object_get_string_member (a->params, "text"), ==, "第一条");
  {
    g_autoptr(JsonObject) v2 = st_aftersale ("r2", "shop1", "o2", "wait_seller", 0, 2);
    g_assert_true (shou_store_outbox_complete (f->store, a->id, v2, &error));
  }
  b = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (json_object_get_string_member (b->params, "text"), ==, "第二条");
  /* The second was based on the seller's view including the first. */
  g_assert_cmpint (b->expected_version, ==, 2);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r1b = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  JsonObject *conflict;

  load_basic (f);
  json_object_set_int_member (params, "amount_fen", 5000);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  e = shou_store_outbox_next (f->store, f->account);
  g_assert_true (shou_store_outbox_conflict (f->store, e->id, "version_conflict",
                                             "买家已修改申请", &error));
  g_assert_no_error (error);

  /* Never dropped silently: kept, visible, not pending, not sent again. */
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "conflict"), ==, 1);
  g_assert_null (shou_store_outbox_next (f->store, f->account));
  r1 = shou_store_get_request (f->store, "r1", &error);
  conflict = json_object_get_object_member (r1, "conflict");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "version_conflict");
  g_assert_cmpstr (json_object_get_string_member (conflict, "message"), ==, "买家已修改申请");
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "agree_refund");
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), ==, "wait_seller");

  list = shou_request_list_new (f->store);
  item = g_list_model_get_item (G_LIST_MODEL (list), shou_request_list_find (list, "r1"));
  {
    /* The row says it from the code, in the UI's language, never in the
     * server's words. */
    g_autofree char *said = shou_api_error_describe ("version_conflict", NULL);
    g_assert_cmpstr (shou_request_item_get_conflict (item), ==, said);
  }

  g_assert_true (shou_store_resolve_conflict (f->store, "r1", &error));
  g_assert_no_error (error);
  r1b = shou_store_get_request (f->store, "r1", &error);
  g_assert_true (json_object_get_null_member (r1b, "conflict"));
  g_assert_cmpuint (shou_store_count_outbox (f->store, "dropped"), ==, 1);
}

/* A 422's reason code is kept beside the server's message; a refusal
 * without one has no "reason". */
static void
test_conflict_reason (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) msg = json_object_new ();
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(ShouOutboxEntry) e1 = NULL;
  g_autoptr(ShouOutboxEntry) e2 = NULL;
  JsonObject *conflict;

  load_basic (f);
  json_object_set_int_member (params, "amount_fen", 5000);
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  e1 = shou_store_outbox_next (f->store, f->account);
  g_assert_true (shou_store_outbox_conflict_full (f->store, e1->id, "not_allowed",
                                                  "Waiting for the buyer", "negotiation_waiting", &error));
  g_assert_no_error (error);
  reopen (f);
  r1 = shou_store_get_request (f->store, "r1", &error);
  conflict = json_object_get_object_member (r1, "conflict");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "not_allowed");
  g_assert_cmpstr (json_object_get_string_member (conflict, "message"), ==, "Waiting for the buyer");
  g_assert_cmpstr (json_object_get_string_member (conflict, "action"), ==, "agree_refund");
  g_assert_cmpstr (json_object_get_string_member (conflict, "reason"), ==, "negotiation_waiting");

  json_object_set_string_member (msg, "text", "您好");
  g_assert_true (shou_store_enqueue_action (f->store, "r2", SHOU_ACTION_MESSAGE, msg, 1, &error));
  e2 = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpstr (e2->request_id, ==, "r2");
  g_assert_true (shou_store_outbox_conflict_full (f->store, e2->id, "version_conflict", "changed", NULL, &error));
  g_assert_no_error (error);
  r2 = shou_store_get_request (f->store, "r2", &error);
  conflict = json_object_get_object_member (r2, "conflict");
  g_assert_nonnull (conflict);
  g_assert_false (json_object_has_member (conflict, "reason"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("enqueue-refused", test_enqueue_refused);
  ADD ("enqueue-durable", test_enqueue_durable);
  ADD ("outbox-order-and-rebase", test_outbox_order_and_rebase);
  ADD ("conflict", test_conflict);
  ADD ("conflict-reason", test_conflict_reason);
#undef ADD

  return g_test_run ();
}
