/* test-store-accounts: who an account is, in a real SQLite file. A schema 6
 * file with demo accounts stored under a translated label (issue 17, item
 * 12) migrates to accounts marked as the demo with a neutral label; an
 * identity is a base URL plus merchant plus staff member. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "store/shou-store-accounts.h"
#include "store-test-util.h"

static void
count_cb (guint *n)
{
  (*n)++;
}

static void
test_demo_labels_migrate (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(JsonObject) cn = NULL;
  g_autoptr(JsonObject) tw = NULL;
  g_autoptr(JsonObject) real = NULL;
  g_autofree char *demo = NULL;

  /* The accounts table as schema 6 wrote it: the demo's label was stored
   * in the language of the day, on the fixed port or another one. */
  {
    g_autoptr(ShouDb) db = shou_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (shou_store_schema_migrate (db, 6, &error));
    g_assert_true (shou_db_exec (db,
                                 "INSERT INTO accounts (id, base_url, label, created_at) VALUES"
                                 " ('a-cn', 'http://127.0.0.1:47370', '演示店铺', 1),"
                                 " ('a-tw', 'http://127.0.0.1:40001', '示範店鋪', 2),"
                                 " ('a-real', 'https://api.example.com', '我的店', 3)", &error));
    g_assert_no_error (error);
  }

  store = shou_store_new (path, &error);
  g_assert_no_error (error);

  cn = shou_store_get_account (store, "a-cn");
  tw = shou_store_get_account (store, "a-tw");
  real = shou_store_get_account (store, "a-real");
  g_assert_true (json_object_get_boolean_member (cn, "is_demo"));
  g_assert_cmpstr (json_object_get_string_member (cn, "label"), ==, SHOU_STORE_DEMO_LABEL);
  g_assert_true (json_object_get_boolean_member (tw, "is_demo"));
  g_assert_cmpstr (json_object_get_string_member (tw, "label"), ==, SHOU_STORE_DEMO_LABEL);
  g_assert_false (json_object_get_boolean_member (real, "is_demo"));
  g_assert_cmpstr (json_object_get_string_member (real, "label"), ==, "我的店");
  /* Identities are unknown until the server is asked. */
  g_assert_true (json_object_get_null_member (real, "merchant_id"));
  g_assert_true (json_object_get_null_member (real, "cert_sha256"));

  demo = shou_store_find_demo_account (store);
  g_assert_cmpstr (demo, ==, "a-cn");

  g_clear_object (&store);
  st_rm_rf (dir);
}

static void
test_identity (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *found = NULL;
  guint changed = 0;

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (store, "accounts-changed", G_CALLBACK (count_cb), &changed);

  a = shou_store_add_account_full (store, NULL, "https://api.example.com", "一号", "m1", NULL, FALSE, &error);
  g_assert_no_error (error);
  b = shou_store_add_account_full (store, NULL, "https://api.example.com", "二号", "m2", NULL, FALSE, &error);
  staff = shou_store_add_account_full (store, "chosen-id", "https://api.example.com", "客服", "m1", "s7", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (staff, ==, "chosen-id");
  g_assert_cmpuint (changed, ==, 3);

  /* URL + merchant + staff; NULL staff matches NULL only. */
  found = shou_store_find_account (store, "https://api.example.com", "m1", NULL);
  g_assert_cmpstr (found, ==, a);
  g_clear_pointer (&found, g_free);
  found = shou_store_find_account (store, "https://api.example.com", "m1", "s7");
  g_assert_cmpstr (found, ==, staff);
  g_clear_pointer (&found, g_free);
  found = shou_store_find_account (store, "https://api.example.com", "m2", NULL);
  g_assert_cmpstr (found, ==, b);
  g_clear_pointer (&found, g_free);
  found = shou_store_find_account (store, "https://other.example.com", "m1", NULL);
  g_assert_null (found);
  g_assert_null (shou_store_find_demo_account (store));

  /* A trusted certificate: saved, and the engine is told. */
  g_assert_true (shou_store_set_account_certificate (store, a, "ab12", &error));
  g_assert_cmpuint (changed, ==, 4);
  account = shou_store_get_account (store, a);
  g_assert_cmpstr (json_object_get_string_member (account, "cert_sha256"), ==, "ab12");
  g_assert_false (shou_store_set_account_certificate (store, "nobody", "ab12", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The demo moves with its simulator's port. */
  g_assert_true (shou_store_set_account_base_url (store, b, "http://127.0.0.1:40002", &error));
  g_assert_cmpuint (changed, ==, 5);
  g_assert_false (shou_store_set_account_base_url (store, b, "ftp://x", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);

  g_clear_object (&store);
  st_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/accounts/demo-labels-migrate", test_demo_labels_migrate);
  g_test_add_func ("/store/accounts/identity", test_identity);

  return g_test_run ();
}
