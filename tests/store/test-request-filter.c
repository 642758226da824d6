/* test-request-filter: the queue's filters over a real cache: each kind,
 * their combination with the view, shop and search, counts and the
 * selection's SQL, and the terms a saved view or win.show-filtered uses. */
#include "config.h"

#include <locale.h>

#include "store-test-util.h"

#define HOUR G_TIME_SPAN_HOUR

static const struct {
  const char *id, *shop, *platform, *type, *reason, *sku, *status;
  gint64 fen;
  int deadline_h;   /* 0 = none; < 0 overdue */
  const char *buyer, *buyer_id;   /* the nick; the platform's id (NULL: none) */
} rows[] = {
  { "f1", "shop1", "taobao", "refund_only",   "quality_problem", "A-红",  "wait_seller",  1200,  1, "小明", NULL },
  { "f2", "shop1", "taobao", "return_refund", "not_as_described", "A-蓝", "wait_seller",  5000,  5, "小明", "tb-7" },
  { "f3", "shop2", "pdd",    "refund_only",   "quality_problem", "B-1",   "wait_seller",   300, 30, "小明明", NULL },
  { "f4", "shop2", "pdd",    "exchange",      "wrong_item",      "A-红",  "wait_seller", 99900, -2, "小*", "tb-7" },
  { "f5", "shop1", "taobao", "refund_only",   "quality_problem", "A-红",  "success",      2000,  0, "小明", NULL },
};

static void
fixture_setup (StFixture     *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();

  st_fixture_open (f);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *oid = g_strconcat ("o-", rows[i].id, NULL);
      g_autofree char *no = g_strconcat ("NO", rows[i].id, NULL);
      JsonObject *o = st_order (oid, rows[i].shop, no, rows[i].buyer, "商品", 1);
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (o, "lines"), 0);
      JsonObject *a;

      json_object_set_string_member (line, "sku", rows[i].sku);
      g_ptr_array_add (page, st_change ("order", o));
      a = st_aftersale (rows[i].id, rows[i].shop, oid, rows[i].status,
                        rows[i].deadline_h ? now + rows[i].deadline_h * HOUR : 0, 1);
      json_object_set_string_member (a, "platform", rows[i].platform);
      json_object_set_string_member (a, "type", rows[i].type);
      json_object_set_string_member (a, "reason_code", rows[i].reason);
      json_object_set_int_member (a, "amount_fen", rows[i].fen);
      if (rows[i].buyer_id != NULL)
        json_object_set_string_member (a, "buyer_id", rows[i].buyer_id);
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
}

static void
fixture_teardown (StFixture     *f,
                  gconstpointer  data)
{
  st_fixture_close (f);
}

/* The list's rows under @terms (one a line), in deadline order. */
static char *
filtered (ShouRequestList *list,
          const char      *terms)
{
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_from_string (terms);

  shou_request_list_set_filter (list, filter);
  return st_list_ids (list);
}

#define ASSERT_FILTERED(list, terms, expected) G_STMT_START { \
  g_autofree char *_got = filtered (list, terms); \
  g_assert_cmpstr (_got, ==, expected); \
} G_STMT_END

static void
test_each_kind (StFixture     *f,
                gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  ASSERT_FILTERED (list, "", "f4 f1 f2 f3 f5");
  ASSERT_FILTERED (list, "platform:pdd", "f4 f3");
  ASSERT_FILTERED (list, "shop:shop1", "f1 f2 f5");
  ASSERT_FILTERED (list, "type:refund_only", "f1 f3 f5");
  ASSERT_FILTERED (list, "reason:quality_problem", "f1 f3 f5");
  ASSERT_FILTERED (list, "sku:A-红", "f4 f1 f5");
  ASSERT_FILTERED (list, "min:1200", "f4 f1 f2 f5");
  ASSERT_FILTERED (list, "max:1200", "f1 f3");
  ASSERT_FILTERED (list, "min:1000\nmax:3000", "f1 f5");
  /* The seller's deadline: within 2 h includes the overdue; 0 is overdue only. */
  ASSERT_FILTERED (list, "due:2", "f4 f1");
  ASSERT_FILTERED (list, "due:0", "f4");
  ASSERT_FILTERED (list, "due:24", "f4 f1 f2");
  /* A buyer: by the platform's id where the request has one (f2 and f4,
   * whatever their nicks), else by the nick, exactly (not 小明明, and not
   * f2, whose nick is 小明 but whose id says who it is). */
  ASSERT_FILTERED (list, "buyer:tb-7", "f4 f2");
  ASSERT_FILTERED (list, "buyer:小明", "f1 f5");
  ASSERT_FILTERED (list, "buyer:小明明", "f3");
  ASSERT_FILTERED (list, "buyer:小", "");
  ASSERT_FILTERED (list, "buyer:小明\nsku:A-红\nplatform:taobao", "f1 f5");
  /* Its chip names the buyer: an id by its newest request's nick. */
  {
    g_autofree char *by_id = shou_store_get_buyer_nick (f->store, "tb-7");
    g_autofree char *by_nick = shou_store_get_buyer_nick (f->store, "小明");

    g_assert_cmpstr (by_id, ==, "小*");
    g_assert_cmpstr (by_nick, ==, "小明");
  }
  /* Combined: every condition holds. */
  ASSERT_FILTERED (list, "platform:taobao\nreason:quality_problem\nsku:A-红", "f1 f5");
  ASSERT_FILTERED (list, "platform:taobao\ntype:exchange", "");
  /* The request's status, the contract's word (issue 23). */
  ASSERT_FILTERED (list, "status:success", "f5");
  ASSERT_FILTERED (list, "status:wait_seller", "f4 f1 f2 f3");
  ASSERT_FILTERED (list, "status:wait_seller\nplatform:pdd\ntype:refund_only", "f3");
  ASSERT_FILTERED (list, "status:closed", "");
}

static void
test_with_view_shop_search (StFixture     *f,
                            gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = NULL;
  gint64 total = 0;

  /* 待处理 leaves the finished f5 out. */
  ASSERT_FILTERED (list, "sku:A-红", "f4 f1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  shou_request_list_set_shop_id (list, "shop2");
  ASSERT_FILTERED (list, "sku:A-红", "f4");
  shou_request_list_set_shop_id (list, NULL);

  /* A search within the filter, and the filter within a search. */
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  shou_request_list_set_search (list, "NOf1");
  ASSERT_FILTERED (list, "platform:pdd", "");
  ASSERT_FILTERED (list, "platform:taobao", "f1");
  shou_request_list_set_search (list, NULL);

  /* Ctrl+A's count and total, and its keys, are the filter's. */
  ASSERT_FILTERED (list, "reason:quality_problem", "f1 f3 f5");
  g_assert_cmpuint (shou_request_list_summarize (list, TRUE, none, &total), ==, 3);
  g_assert_cmpint (total, ==, 1200 + 300 + 2000);
  keys = shou_request_list_selected_keys (list, TRUE, none);
  g_assert_cmpuint (keys->len, ==, 3);

  /* Removing the filter shows every row of the view again. */
  shou_request_list_set_filter (list, NULL);
  g_assert_null (shou_request_list_get_filter (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
}

static void
test_follows_store (StFixture     *f,
                    gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonObject *a;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  ASSERT_FILTERED (list, "reason:wrong_item", "f4");
  /* A sync changes f3's reason: the filtered list follows. */
  a = st_aftersale ("f3", "shop2", "o-f3", "wait_seller", g_get_real_time () + 30 * HOUR, 2);
  json_object_set_string_member (a, "reason_code", "wrong_item");
  json_object_set_string_member (a, "platform", "pdd");
  g_ptr_array_add (page, st_change ("aftersale", a));
  st_apply (f->store, f->account, page);
  {
    g_autofree char *got = st_list_ids (list);
    g_assert_cmpstr (got, ==, "f4 f3");
  }
}

static void
test_terms (void)
{
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_new ();
  g_autoptr(ShouRequestFilter) back = NULL;
  g_autofree char *text = NULL;

  g_assert_true (shou_request_filter_is_empty (filter));
  g_assert_true (shou_request_filter_add_term (filter, "reason:quality_problem"));
  g_assert_true (shou_request_filter_add_term (filter, "sku:颜色:红色;尺码:M"));
  g_assert_cmpstr (shou_request_filter_get (filter, SHOU_FILTER_SKU), ==, "颜色:红色;尺码:M");
  /* Bad terms change nothing. */
  g_assert_false (shou_request_filter_add_term (filter, "colour:red"));
  g_assert_false (shou_request_filter_add_term (filter, "reason:"));
  g_assert_false (shou_request_filter_add_term (filter, "min:12 OR 1=1"));
  g_assert_false (shou_request_filter_add_term (filter, "platform:ebay"));
  g_assert_false (shou_request_filter_add_term (filter, "type:gift"));
  g_assert_false (shou_request_filter_add_term (filter, "status:pending"));
  g_assert_false (shou_request_filter_add_term (filter, "status:' OR 1=1 --"));
  g_assert_true (shou_request_filter_add_term (filter, "min:100"));
  g_assert_true (shou_request_filter_set (filter, SHOU_FILTER_PLATFORM, "jd"));
  /* A buyer's nick may hold a colon; the term splits at the first one. */
  g_assert_true (shou_request_filter_add_term (filter, "buyer:jd:小明 123"));
  g_assert_cmpstr (shou_request_filter_get (filter, SHOU_FILTER_BUYER), ==, "jd:小明 123");
  g_assert_true (shou_request_filter_add_term (filter, "status:wait_buyer_return"));

  text = shou_request_filter_to_string (filter);
  g_assert_cmpstr (text, ==, "platform:jd\nreason:quality_problem\nsku:颜色:红色;尺码:M\nmin:100\nbuyer:jd:小明 123\n"
                   "status:wait_buyer_return");
  back = shou_request_filter_from_string (text);
  g_assert_true (shou_request_filter_equal (back, filter));
  g_assert_true (shou_request_filter_set (back, SHOU_FILTER_PLATFORM, ""));
  g_assert_false (shou_request_filter_equal (back, filter));
  g_assert_null (shou_request_filter_get (back, SHOU_FILTER_PLATFORM));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/request-filter/" name, StFixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("each-kind", test_each_kind);
  ADD ("with-view-shop-search", test_with_view_shop_search);
  ADD ("follows-store", test_follows_store);
  g_test_add_func ("/request-filter/terms", test_terms);

  return g_test_run ();
}
