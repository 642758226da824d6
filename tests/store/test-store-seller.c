/* test-store-seller.c: the seller's own records in the cache on a real
 * SQLite file: evidence, return addresses, negotiation scripts. Split from
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
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;

  load_basic (f);
  sha = shou_store_import_evidence_bytes (f->store, "r1", bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha), ==, 64);
  path = shou_store_get_evidence_path (f->store, sha);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  again = shou_store_import_evidence_bytes (f->store, "r1", bytes, SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_cmpstr (again, ==, sha);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);

  g_assert_null (shou_store_import_evidence_bytes (f->store, "r1", junk, SHOU_EVIDENCE_OTHER, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = shou_store_list_evidence (f->store, "r1");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "state"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "content_type"), ==, "image/png");

  e = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e->kind, ==, SHOU_OUTBOX_EVIDENCE);
  g_assert_cmpstr (json_object_get_string_member (e->params, "sha256"), ==, sha);

  g_assert_true (shou_store_remove_evidence (f->store, "r1", sha, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);
}

static void
test_addresses (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) addr = json_object_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ShouOutboxEntry) e = NULL;
  g_autoptr(JsonObject) server = json_object_new ();
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (addr, "name", "张三");
  json_object_set_string_member (addr, "phone", "12");
  json_object_set_string_member (addr, "province", "浙江省");
  json_object_set_string_member (addr, "city", "杭州市");
  json_object_set_string_member (addr, "district", "余杭区");
  json_object_set_string_member (addr, "street", "文一西路 969 号");
  g_assert_null (shou_store_save_address (f->store, "shop1", addr, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  json_object_set_string_member (addr, "phone", "13812345678");
  id = shou_store_save_address (f->store, "shop1", addr, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "local-"));
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (json_object_get_boolean_member (list->pdata[0], "pending"));

  e = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (e->kind, ==, SHOU_OUTBOX_ADDRESS_CREATE);
  g_assert_cmpstr (e->request_id, ==, "shop:shop1");
  json_object_set_string_member (server, "id", "addr-77");
  json_object_set_string_member (server, "shop_id", "shop1");
  json_object_set_string_member (server, "name", "张三");
  json_object_set_int_member (server, "version", 1);
  g_assert_true (shou_store_outbox_complete (f->store, e->id, server, &error));
  g_assert_no_error (error);
  after = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (after->pdata[0], "id"), ==, "addr-77");
  g_assert_false (json_object_get_boolean_member (after->pdata[0], "pending"));

  g_assert_true (shou_store_delete_address (f->store, "shop1", "addr-77", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 1);
}

/* Making an address the default takes the mark from the old one at once,
 * not only after the server answers. */
static void
test_address_default_moves (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = json_object_new ();
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  guint n_defaults = 0;

  json_object_set_string_member (first, "name", "张三");
  json_object_set_string_member (first, "phone", "13812345678");
  json_object_set_string_member (first, "province", "浙江省");
  json_object_set_string_member (first, "city", "杭州市");
  json_object_set_string_member (first, "district", "余杭区");
  json_object_set_string_member (first, "street", "文一西路 969 号");
  json_object_set_boolean_member (first, "is_default", TRUE);
  id1 = shou_store_save_address (f->store, "shop1", first, &error);
  g_assert_no_error (error);
  second = json_object_ref (first);
  json_object_set_string_member (second, "street", "五常大道 1 号");
  id2 = shou_store_save_address (f->store, "shop1", second, &error);
  g_assert_no_error (error);

  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 2);
  /* The default first. */
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "id"), ==, id2);
  for (guint i = 0; i < list->len; i++)
    n_defaults += json_object_get_boolean_member_with_default (list->pdata[i], "is_default", FALSE);
  g_assert_cmpuint (n_defaults, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[1], "id"), ==, id1);
  g_assert_false (json_object_get_boolean_member (list->pdata[1], "is_default"));
}

/* An address named by an agreed return that has not reached the server
 * cannot be deleted; once that action is gone it can. */
static void
test_address_in_use (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) addr = json_object_new ();
  g_autoptr(JsonObject) server = json_object_new ();
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ShouOutboxEntry) create = NULL;
  g_autoptr(ShouOutboxEntry) agree = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  JsonObject *r;

  r = st_aftersale ("r1", "shop1", "o1", "wait_seller", g_get_real_time () + 2 * HOUR, 1);
  json_object_set_string_member (r, "type", "return");
  json_array_add_string_element (json_object_get_array_member (r, "allowed_actions"), "agree_return");
  g_ptr_array_add (page, st_change ("order", st_order ("o1", "shop1", "TB1001", "小明", "纯棉连衣裙", 1)));
  g_ptr_array_add (page, st_change ("aftersale", r));
  st_apply (f->store, f->account, page);

  json_object_set_string_member (addr, "name", "张三");
  json_object_set_string_member (addr, "phone", "13812345678");
  json_object_set_string_member (addr, "province", "浙江省");
  json_object_set_string_member (addr, "city", "杭州市");
  json_object_set_string_member (addr, "district", "余杭区");
  json_object_set_string_member (addr, "street", "文一西路 969 号");
  id = shou_store_save_address (f->store, "shop1", addr, &error);
  g_assert_no_error (error);
  create = shou_store_outbox_next (f->store, f->account);
  g_assert_cmpint (create->kind, ==, SHOU_OUTBOX_ADDRESS_CREATE);
  json_object_set_string_member (server, "id", "addr-9");
  json_object_set_string_member (server, "shop_id", "shop1");
  json_object_set_string_member (server, "name", "张三");
  json_object_set_int_member (server, "version", 1);
  g_assert_true (shou_store_outbox_complete (f->store, create->id, server, &error));
  g_assert_no_error (error);

  json_object_set_string_member (params, "address_id", "addr-9");
  g_assert_true (shou_store_enqueue_action (f->store, "r1", SHOU_ACTION_AGREE_RETURN, params, 1, &error));
  g_assert_no_error (error);

  /* Queued. */
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "This address is used by a return you agreed that has not been sent yet"));
  g_clear_error (&error);
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 1);

  /* Sending, then in conflict: still the seller's pending choice. */
  agree = shou_store_outbox_next (f->store, f->account);
  g_assert_nonnull (agree);
  g_assert_cmpstr (agree->action, ==, "agree_return");
  g_assert_true (shou_store_outbox_mark_sending (f->store, agree->id, &error));
  g_assert_no_error (error);
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shou_store_outbox_conflict (f->store, agree->id, "version_conflict", "x", &error));
  g_assert_no_error (error);
  g_assert_false (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Dropped: nothing names it any more. */
  g_assert_true (shou_store_resolve_conflict (f->store, "r1", &error));
  g_assert_no_error (error);
  g_assert_true (shou_store_delete_address (f->store, "shop1", "addr-9", &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = shou_store_list_addresses (f->store, "shop1");
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdd = shou_store_list_scripts (f->store, SHOU_PLATFORM_PDD, "quality_problem");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(JsonObject) own = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autofree char *id = NULL;
  guint n_before = pdd->len;

  g_assert_cmpuint (pdd->len, >, 0);
  for (guint i = 0; i < pdd->len; i++)
    g_assert_cmpstr (json_object_get_string_member (pdd->pdata[i], "platform"), ==, "pdd");

  json_object_set_string_member (own, "platform", "pdd");
  json_object_set_string_member (own, "title", "我的话术");
  json_object_set_string_member (own, "text", "亲，我们已经收到您的反馈，马上为您处理。");
  id = shou_store_save_script (f->store, own, &error);
  g_assert_no_error (error);
  after = shou_store_list_scripts (f->store, SHOU_PLATFORM_PDD, "quality_problem");
  g_assert_cmpuint (after->len, ==, n_before + 1);

  json_object_set_string_member (bad, "text", "加微信返现");
  g_assert_null (shou_store_save_script (f->store, bad, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("evidence", test_evidence);
  ADD ("addresses", test_addresses);
  ADD ("address-in-use", test_address_in_use);
  ADD ("address-default-moves", test_address_default_moves);
  ADD ("scripts", test_scripts);
#undef ADD

  return g_test_run ();
}
