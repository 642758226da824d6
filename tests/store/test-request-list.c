/* test-request-list: the lazy GListModel over the cache: views, order,
 * search (Chinese included), items-changed. */
#include "config.h"

#include <locale.h>

#include "store-test-util.h"

#define HOUR G_TIME_SPAN_HOUR

typedef struct
{
  char      *dir;
  ShouStore *store;
  char      *account;
} Fixture;

static const struct {
  const char *id, *shop, *order_no, *buyer, *title, *status;
  int deadline_h;   /* 0 = none */
} rows[] = {
  { "a1", "shop1", "TB0001", "小明",    "纯棉连衣裙 夏季",  "wait_seller",         5 },
  { "a2", "shop1", "TB0002", "王大锤",  "蓝牙耳机",         "wait_seller",         1 },
  { "a3", "shop1", "TB0003", "alice",   "Wireless mouse",   "wait_seller",         0 },
  { "a4", "shop2", "PDD0004", "小明明",  "不锈钢保温杯",     "wait_seller_receipt", 48 },
  { "a5", "shop2", "PDD0005", "bob_99", "连衣裙 碎花",      "negotiating",         10 },
  { "a6", "shop2", "2026111112345678901", "张三",    "手机壳",           "success",             0 },
  { "a7", "shop1", "TB0007", "李四",    "100% 纯棉T恤",     "intervention",        20 },
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();

  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *oid = g_strconcat ("o-", rows[i].id, NULL);
      JsonObject *a;

      g_ptr_array_add (page, st_change ("order", st_order (oid, rows[i].shop, rows[i].order_no,
                                                          rows[i].buyer, rows[i].title, 1)));
      a = st_aftersale (rows[i].id, rows[i].shop, oid, rows[i].status,
                        rows[i].deadline_h ? now + rows[i].deadline_h * HOUR : 0, 1);
      json_object_set_int_member (a, "amount_fen", 1000 * (i + 1));
      json_object_set_int_member (a, "opened_at", now - (10 - i) * HOUR);
      if (g_str_equal (rows[i].id, "a5"))
        json_object_set_string_member (json_object_get_object_member (a, "negotiation"), "phase", "round1_done");
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  st_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->account);
}

static char *
ids (ShouRequestList *list)
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

#define ASSERT_IDS(list, expected) G_STMT_START { \
  g_autofree char *_got = ids (list); \
  g_assert_cmpstr (_got, ==, expected); \
} G_STMT_END

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SHOU_TYPE_REQUEST_ITEM);
  /* Default: pending, nearest deadline first, none last. */
  g_assert_cmpint (shou_request_list_get_view (list), ==, SHOU_VIEW_PENDING);
  ASSERT_IDS (list, "a2 a1 a5 a4 a3");
  shou_request_list_set_view (list, SHOU_VIEW_URGENT);
  ASSERT_IDS (list, "a2 a1 a5 a7");
  shou_request_list_set_view (list, SHOU_VIEW_NEGOTIATING);
  ASSERT_IDS (list, "a5");
  shou_request_list_set_view (list, SHOU_VIEW_AWAIT_RETURN);
  ASSERT_IDS (list, "a4");
  shou_request_list_set_view (list, SHOU_VIEW_INTERVENTION);
  ASSERT_IDS (list, "a7");
  shou_request_list_set_view (list, SHOU_VIEW_FINISHED);
  ASSERT_IDS (list, "a6");
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  ASSERT_IDS (list, "a2 a1 a5 a7 a4 a3 a6");
  shou_request_list_set_shop_id (list, "shop2");
  ASSERT_IDS (list, "a5 a4 a6");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    shou_store_count_view (f->store, SHOU_VIEW_ALL, "shop2"));

  for (ShouView v = 0; v < SHOU_N_VIEWS; v++)
    {
      g_assert_nonnull (shou_view_to_string (v));
      g_assert_nonnull (shou_view_get_label (v));
    }
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  shou_request_list_set_sort (list, SHOU_SORT_AMOUNT, TRUE);
  ASSERT_IDS (list, "a7 a6 a5 a4 a3 a2 a1");
  shou_request_list_set_sort (list, SHOU_SORT_ORDER_NO, FALSE);
  ASSERT_IDS (list, "a6 a4 a5 a1 a2 a3 a7");
  shou_request_list_set_sort (list, SHOU_SORT_OPENED, FALSE);
  ASSERT_IDS (list, "a1 a2 a3 a4 a5 a6 a7");
  g_assert_cmpint (shou_request_list_find (list, "a4"), ==, 3);
  shou_request_list_set_sort (list, SHOU_SORT_DEADLINE, FALSE);
  g_assert_cmpint (shou_request_list_find (list, "a2"), ==, 0);
  g_assert_cmpint (shou_request_list_find (list, "a6"), ==, 6);
  g_assert_cmpint (shou_request_list_find (list, "nope"), ==, -1);
  shou_request_list_set_view (list, SHOU_VIEW_FINISHED);
  g_assert_cmpint (shou_request_list_find (list, "a2"), ==, -1);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  /* Three or more characters: the trigram index. */
  shou_request_list_set_search (list, "连衣裙");
  ASSERT_IDS (list, "a1 a5");
  shou_request_list_set_search (list, "PDD000");
  ASSERT_IDS (list, "a5 a4");
  /* A pasted order number (long digits): found by its prefix. */
  shou_request_list_set_search (list, "2026111112345678901");
  ASSERT_IDS (list, "a6");
  shou_request_list_set_search (list, "20261111123");
  ASSERT_IDS (list, "a6");
  shou_request_list_set_search (list, "2026111113");
  ASSERT_IDS (list, "");
  /* A full-width space separates words too. */
  shou_request_list_set_search (list, "纯棉\u3000小明");
  ASSERT_IDS (list, "a1");
  shou_request_list_set_search (list, "wireless");
  ASSERT_IDS (list, "a3");
  /* One or two: LIKE, Chinese included. */
  shou_request_list_set_search (list, "小明");
  ASSERT_IDS (list, "a1 a4");
  shou_request_list_set_search (list, "杯");
  ASSERT_IDS (list, "a4");
  /* Several words must all match. */
  shou_request_list_set_search (list, "纯棉 小明");
  ASSERT_IDS (list, "a1");
  /* Search syntax is text, not a query language. */
  shou_request_list_set_search (list, "\"100%");
  ASSERT_IDS (list, "");
  shou_request_list_set_search (list, "100% 纯棉");
  ASSERT_IDS (list, "a7");
  shou_request_list_set_search (list, "_");
  ASSERT_IDS (list, "a5");
  /* Chinese words that appear nowhere match nothing, whatever their length. */
  shou_request_list_set_search (list, "没有这样的订单zzz");
  ASSERT_IDS (list, "");
  g_assert_false (shou_request_list_get_capped (list));
  shou_request_list_set_search (list, "没有这样的订单");
  ASSERT_IDS (list, "");
  shou_request_list_set_search (list, "没有");
  ASSERT_IDS (list, "");
  shou_request_list_set_search (list, "连衣裙 没有");
  ASSERT_IDS (list, "");
  shou_request_list_set_search (list, "衣裙碎");
  ASSERT_IDS (list, "");
  /* Every word counts, however many short ones there are. */
  shou_request_list_set_search (list, "纯 棉 小 明 夏 季");
  ASSERT_IDS (list, "a1");
  shou_request_list_set_search (list, "纯 棉 小 明 夏 杯");
  ASSERT_IDS (list, "");
  shou_request_list_set_search (list, "小 小 小 小 小 碎");
  ASSERT_IDS (list, "");
  /* Real substrings only, every word of them. */
  shou_request_list_set_search (list, "衣裙 碎花");
  ASSERT_IDS (list, "a5");
  shou_request_list_set_search (list, "锈钢保");
  ASSERT_IDS (list, "a4");
  shou_request_list_set_search (list, "   ");
  g_assert_null (shou_request_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
  g_assert_false (shou_request_list_get_capped (list));
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->removed = removed;
  c->added = added;
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  Changes c = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("a3", "shop1", "o-a3", "closed", 0, 2)));
  st_apply (f->store, f->account, page);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.removed, ==, 5);
  g_assert_cmpuint (c.added, ==, 4);
  ASSERT_IDS (list, "a2 a1 a5 a4");

  /* A queued action moves the request out of the pending view at once. */
  json_object_set_int_member (params, "amount_fen", 2000);
  g_assert_true (shou_store_enqueue_action (f->store, "a2", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.calls, ==, 2);
  ASSERT_IDS (list, "a1 a5 a4");
}

static void
test_many_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(ShouRequestList) list = NULL;
  gint64 now = g_get_real_time ();
  gint64 last = G_MININT64;
  guint n;

  /* More than a few pages, read forwards and jumping back. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%05u", i);
      g_ptr_array_add (page, st_change ("aftersale",
                                        st_aftersale (id, i % 2 ? "shop1" : "shop2", "o-a1", "wait_seller",
                                                      now + ((i * 7919) % 3000) * G_TIME_SPAN_MINUTE, 1)));
    }
  st_apply (f->store, f->account, page);
  list = shou_request_list_new (f->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 3005);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 d = shou_request_item_get_deadline_at (item);

      g_assert_nonnull (item);
      if (d == 0)
        d = G_MAXINT64;
      g_assert_cmpint (d, >=, last);
      last = d;
    }
  {
    g_autoptr(ShouRequestItem) a = g_list_model_get_item (G_LIST_MODEL (list), 10);
    g_autoptr(ShouRequestItem) b = g_list_model_get_item (G_LIST_MODEL (list), 2999);
    g_assert_cmpint (shou_request_list_find (list, shou_request_item_get_id (a)), ==, 10);
    g_assert_cmpint (shou_request_list_find (list, shou_request_item_get_id (b)), ==, 2999);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/request-list/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("views", test_views);
  ADD ("sort", test_sort);
  ADD ("search", test_search);
  ADD ("follows-store", test_follows_store);
  ADD ("many-pages", test_many_pages);
#undef ADD

  return g_test_run ();
}
