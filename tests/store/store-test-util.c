#include "config.h"

#include <glib/gstdio.h>

#include "shou-test-fs.h"
#include "store-test-util.h"

char *
st_make_tmpdir (void)
{
  return shou_test_fs_make_tmpdir ("shou-store-XXXXXX");
}

void
st_rm_rf (const char *path)
{
  shou_test_fs_rm_rf (path);
}

JsonObject *
st_order (const char *id,
          const char *shop_id,
          const char *order_no,
          const char *buyer,
          const char *title,
          gint64      version)
{
  JsonObject *o = json_object_new ();
  JsonObject *b = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonObject *line = json_object_new ();

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "shop_id", shop_id);
  json_object_set_string_member (o, "order_no", order_no);
  json_object_set_string_member (o, "state", "shipped");
  json_object_set_boolean_member (o, "cod", FALSE);
  json_object_set_int_member (o, "paid_fen", 9900);
  json_object_set_int_member (o, "created_at", 1700000000000000 + version);
  json_object_set_string_member (b, "nick", buyer);
  json_object_set_object_member (o, "buyer", b);
  json_object_set_string_member (line, "id", "L1");
  json_object_set_string_member (line, "title", title);
  json_object_set_string_member (line, "sku", "颜色:红色;尺码:M");
  json_object_set_int_member (line, "quantity", 1);
  json_object_set_int_member (line, "price_fen", 9900);
  json_array_add_object_element (lines, line);
  json_object_set_array_member (o, "lines", lines);
  json_object_set_int_member (o, "version", version);
  return o;
}

JsonObject *
st_aftersale (const char *id,
              const char *shop_id,
              const char *order_id,
              const char *status,
              gint64      deadline_at,
              gint64      version)
{
  JsonObject *a = json_object_new ();
  JsonObject *nego = json_object_new ();
  JsonArray *allowed = json_array_new ();

  json_object_set_string_member (a, "id", id);
  json_object_set_string_member (a, "shop_id", shop_id);
  json_object_set_string_member (a, "order_id", order_id);
  json_object_set_string_member (a, "line_id", "L1");
  json_object_set_string_member (a, "platform", "taobao");
  json_object_set_string_member (a, "type", "refund_only");
  json_object_set_string_member (a, "status", status);
  json_object_set_string_member (a, "reason_code", "quality_problem");
  json_object_set_string_member (a, "reason_text", "质量问题");
  json_object_set_int_member (a, "amount_fen", 9900);
  json_object_set_string_member (a, "good_status", "received");
  json_object_set_int_member (a, "opened_at", 1700000000000000);
  json_object_set_int_member (a, "updated_at", 1700000000000000);
  if (deadline_at)
    {
      json_object_set_int_member (a, "deadline_at", deadline_at);
      json_object_set_string_member (a, "deadline_actor", "seller");
      json_object_set_string_member (a, "on_lapse", "auto_refund");
    }
  else
    {
      json_object_set_null_member (a, "deadline_at");
      json_object_set_null_member (a, "deadline_actor");
      json_object_set_string_member (a, "on_lapse", "none");
    }
  if (g_str_equal (status, "wait_seller"))
    {
      json_array_add_string_element (allowed, "agree_refund");
      json_array_add_string_element (allowed, "reject");
    }
  json_array_add_string_element (allowed, "message");
  json_object_set_array_member (a, "allowed_actions", allowed);
  json_object_set_array_member (a, "blocked_actions", json_array_new ());
  json_object_set_string_member (nego, "phase", "none");
  json_object_set_array_member (nego, "rounds", json_array_new ());
  json_object_set_object_member (a, "negotiation", nego);
  json_object_set_array_member (a, "evidence", json_array_new ());
  json_object_set_array_member (a, "timeline", json_array_new ());
  json_object_set_int_member (a, "version", version);
  return a;
}

JsonObject *
st_change (const char *kind,
           JsonObject *data)
{
  JsonObject *c = json_object_new ();

  json_object_set_string_member (c, "kind", kind);
  json_object_set_string_member (c, "id", json_object_get_string_member (data, "id"));
  json_object_set_object_member (c, "data", data);
  return c;
}

ShouStore *
st_store_new (const char  *dir,
              char       **out_account_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autoptr(ShouStore) store = shou_store_new (path, &error);
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) accounts = NULL;
  JsonObject *shop;
  char *account_id;

  g_assert_no_error (error);
  accounts = shou_store_list_accounts (store);
  if (accounts->len > 0)
    account_id = g_strdup (json_object_get_string_member (accounts->pdata[0], "id"));
  else
    account_id = shou_store_add_account (store, "http://127.0.0.1:9", "测试账号", &error);
  g_assert_no_error (error);

  shop = json_object_new ();
  json_object_set_string_member (shop, "id", "shop1");
  json_object_set_string_member (shop, "platform", "taobao");
  json_object_set_string_member (shop, "name", "小红的淘宝店");
  json_object_set_string_member (shop, "merchant_id", "m1");
  g_ptr_array_add (shops, shop);
  shop = json_object_new ();
  json_object_set_string_member (shop, "id", "shop2");
  json_object_set_string_member (shop, "platform", "pdd");
  json_object_set_string_member (shop, "name", "拼多多店");
  json_object_set_string_member (shop, "merchant_id", "m1");
  g_ptr_array_add (shops, shop);
  g_assert_true (shou_store_upsert_shops (store, account_id, shops, &error));
  g_assert_no_error (error);

  if (out_account_id)
    *out_account_id = account_id;
  else
    g_free (account_id);
  return g_steal_pointer (&store);
}

void
st_apply (ShouStore  *store,
          const char *account_id,
          GPtrArray  *changes)
{
  g_autoptr(GError) error = NULL;
  static guint cursor;
  g_autofree char *next = g_strdup_printf ("c%u", ++cursor);

  g_assert_true (shou_store_apply_changes (store, account_id, changes, next, &error));
  g_assert_no_error (error);
}

void
st_fixture_open (StFixture *f)
{
  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
}

void
st_fixture_close (StFixture *f)
{
  g_assert_finalize_object (f->store);
  st_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->account, g_free);
}

char *
st_list_ids (ShouRequestList *list)
{
  GString *s = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (item);
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, shou_request_item_get_id (item));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
  return g_string_free (s, FALSE);
}
