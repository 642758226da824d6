/* test-request-list: the lazy GListModel over the cache: views, order,
 * search (Chinese included), items-changed. */
#include "config.h"

#include <locale.h>

#include "store/shou-request-item-private.h"
#include "store/shou-store-private.h"
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

#define ASSERT_IDS(list, expected) G_STMT_START { \
  g_autofree char *_got = st_list_ids (list); \
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

/* A search everywhere looks past the view, the shop and the filters, and
 * each match says which view lists it (the first of the sidebar's: a5,
 * negotiating and waiting for the seller, is in 待处理 before 协商中);
 * "this view only" does not. */
static void
test_search_everywhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_new ();
  static const struct { const char *id; ShouView home; } homes[] = {
    { "a1", SHOU_VIEW_PENDING }, { "a4", SHOU_VIEW_PENDING }, { "a5", SHOU_VIEW_PENDING },
    { "a6", SHOU_VIEW_FINISHED }, { "a7", SHOU_VIEW_INTERVENTION },
  };

  shou_request_list_set_view (list, SHOU_VIEW_NEGOTIATING);
  shou_request_list_set_shop_id (list, "shop2");
  g_assert_true (shou_request_filter_add_term (filter, "min:1000000"));
  shou_request_list_set_filter (list, filter);
  shou_request_list_set_search (list, "小明");
  ASSERT_IDS (list, "");
  g_assert_false (shou_request_list_get_search_everywhere (list));
  shou_request_list_set_search_everywhere (list, TRUE);
  ASSERT_IDS (list, "a1 a4");
  shou_request_list_set_search (list, "TB000");
  ASSERT_IDS (list, "a2 a1 a7 a3");
  shou_request_list_set_search (list, "2026111112345678901");
  ASSERT_IDS (list, "a6");
  /* The search's rows are what Ctrl+A counts. */
  g_assert_cmpuint (shou_request_list_summarize (list, TRUE, NULL, NULL), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autoptr(ShouRequestItem) item = NULL;
      int pos;

      shou_request_list_set_search (list, rows[homes[i].id[1] - '1'].order_no);
      pos = shou_request_list_find (list, homes[i].id);
      g_assert_cmpint (pos, >=, 0);
      item = g_list_model_get_item (G_LIST_MODEL (list), pos);
      g_assert_cmpint (shou_request_item_get_home_view (item), ==, homes[i].home);
    }
  /* Without a search the view, shop and filter hold as before. */
  shou_request_list_set_search (list, NULL);
  ASSERT_IDS (list, "");
  shou_request_list_set_filter (list, NULL);
  ASSERT_IDS (list, "a5");
  shou_request_list_set_search (list, "小明");
  ASSERT_IDS (list, "a1 a4");
  shou_request_list_set_search_everywhere (list, FALSE);
  ASSERT_IDS (list, "");
}

/* @a with a parcel of @role ("return_shipment", "exchange_shipment"). */
static JsonObject *
with_parcel (JsonObject *a,
             const char *role,
             const char *tracking_no)
{
  g_autofree char *parcel = g_strdup_printf ("{\"carrier\": \"SF\", \"tracking_no\": \"%s\"}", tracking_no);

  json_object_set_member (a, role, json_from_string (parcel, NULL));
  return a;
}

/* Return and exchange tracking numbers: the whole number finds its
 * request, as typed, in lower case or with dashes, with other words, in
 * any view; a digit-only one before order numbers' prefixes. Parts of one
 * are not tracking numbers. */
static void
test_search_tracking (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);

  g_ptr_array_add (page, st_change ("aftersale", with_parcel (st_aftersale ("a4", "shop2", "o-a4", "wait_seller_receipt", 0, 2),
                                                              "return_shipment", "SF1234567890123")));
  g_ptr_array_add (page, st_change ("aftersale", with_parcel (st_aftersale ("a6", "shop2", "o-a6", "success", 0, 2),
                                                              "exchange_shipment", "773000000001")));
  st_apply (f->store, f->account, page);

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  shou_request_list_set_search_everywhere (list, TRUE);
  shou_request_list_set_search (list, "SF1234567890123");
  ASSERT_IDS (list, "a4");
  shou_request_list_set_search (list, "sf1234567890123");
  ASSERT_IDS (list, "a4");
  shou_request_list_set_search (list, "SF-1234-5678-90123");
  ASSERT_IDS (list, "a4");
  shou_request_list_set_search (list, "SF1234567890123 小明明");
  ASSERT_IDS (list, "a4");
  shou_request_list_set_search (list, "SF1234567890123 王大锤");
  ASSERT_IDS (list, "");
  /* An exchange's resend, finished: found from 待处理 too. */
  shou_request_list_set_search (list, "773000000001");
  ASSERT_IDS (list, "a6");
  shou_request_list_set_search (list, "SF123456789");
  ASSERT_IDS (list, "");
  /* Order numbers are found as before. */
  shou_request_list_set_search (list, "20261111123");
  ASSERT_IDS (list, "a6");
  shou_request_list_set_search (list, "PDD0004");
  ASSERT_IDS (list, "a4");
  /* 仅此视图: the view still holds. */
  shou_request_list_set_search_everywhere (list, FALSE);
  shou_request_list_set_search (list, "773000000001");
  ASSERT_IDS (list, "");
}

typedef struct
{
  guint calls;
  guint removed;               /* in all, since the last reset */
  guint added;
  guint mixed;                 /* signals that both removed and added */
  guint replacing;             /* signals seen while is_replacing */
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->removed += removed;
  c->added += added;
  if (removed > 0 && added > 0)
    c->mixed++;
  /* More signals of the same refresh follow. */
  if (shou_request_list_is_replacing (SHOU_REQUEST_LIST (model)))
    c->replacing++;
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
  ASSERT_IDS (list, "a2 a1 a5 a4 a3");

  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("a3", "shop1", "o-a3", "closed", 0, 2)));
  st_apply (f->store, f->account, page);
  /* Only the row that left is announced (the list had loaded its rows,
   * as a view does). */
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpuint (c.mixed, ==, 0);
  g_assert_cmpuint (c.replacing, ==, 0);
  g_assert_false (shou_request_list_is_replacing (list));
  ASSERT_IDS (list, "a2 a1 a5 a4");

  /* A queued action moves the request out of the pending view at once. */
  json_object_set_int_member (params, "amount_fen", 2000);
  g_assert_true (shou_store_enqueue_action (f->store, "a2", SHOU_ACTION_AGREE_REFUND, params, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.removed, ==, 2);
  g_assert_cmpuint (c.mixed, ==, 0);
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

/* What a list view holds: the rows from the top it was told of (up to
 * VIEW_ROWS), kept from items-changed alone, and how many of them it had
 * to build. */
#define VIEW_ROWS 128

typedef struct
{
  GPtrArray *rows;             /* of ShouRequestItem, as told */
  guint      built;            /* rows added among the first VIEW_ROWS */
} ViewMirror;

static void
view_mirror_fill (ViewMirror *v,
                  GListModel *model)
{
  guint n = MIN (g_list_model_get_n_items (model), VIEW_ROWS);

  for (guint i = v->rows->len; i < n; i++)
    g_ptr_array_add (v->rows, g_list_model_get_item (model, i));
}

static void
on_view_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       ViewMirror *v)
{
  if (position >= VIEW_ROWS)
    return;
  g_ptr_array_remove_range (v->rows, position, MIN (removed, v->rows->len - position));
  for (guint i = 0; i < added && position + i < VIEW_ROWS; i++)
    {
      g_ptr_array_insert (v->rows, position + i, g_list_model_get_item (model, position + i));
      v->built++;
    }
  if (v->rows->len > VIEW_ROWS)
    g_ptr_array_set_size (v->rows, VIEW_ROWS);
  /* A view shows the rows that come up from below without being told:
   * they were announced before, further down. */
  if (!shou_request_list_is_replacing (SHOU_REQUEST_LIST (model)))
    view_mirror_fill (v, model);
}

/* A change of the cache tells a view that shows the top rows of only the
 * rows that changed there: new requests, a request changed in place, one
 * that left the view. The rows it kept are the ones a fresh list has. */
static void
test_refresh_edits (Fixture       *f,
                    gconstpointer  data)
{
  static const guint new_hours[] = { 2, 10, 30, 60, 120 };
  gint64 now = g_get_real_time ();
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
  ViewMirror v = { told, 0 };
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestList) fresh = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) page2 = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *changed_id = NULL;
  g_autofree char *closed_id = NULL;
  Changes c = { 0 };

  /* 600 more pending requests, due every other hour. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%03u", i);

      g_ptr_array_add (page, st_change ("aftersale", st_aftersale (id, "shop1", "o-a1", "wait_seller",
                                                                  now + (2 * i + 3) * HOUR, 1)));
    }
  st_apply (f->store, f->account, page);
  shou_store_flush_changed (f->store);

  list = shou_request_list_new (f->store);
  view_mirror_fill (&v, G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_view_items_changed), &v);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 605);

  /* Five new ones among the top rows, one changed in place (its amount),
   * one that leaves the view (closed). */
  changed_id = g_strdup (shou_request_item_get_id (told->pdata[20]));
  closed_id = g_strdup (shou_request_item_get_id (told->pdata[40]));
  g_assert_true (g_str_has_prefix (changed_id, "r") && g_str_has_prefix (closed_id, "r"));
  for (guint i = 0; i < G_N_ELEMENTS (new_hours); i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);

      g_ptr_array_add (page2, st_change ("aftersale", st_aftersale (id, "shop1", "o-a1", "wait_seller",
                                                                   now + new_hours[i] * HOUR, 1)));
    }
  {
    guint k = (guint) g_ascii_strtoull (changed_id + 1, NULL, 10);
    JsonObject *a = st_aftersale (changed_id, "shop1", "o-a1", "wait_seller", now + (2 * k + 3) * HOUR, 2);

    json_object_set_int_member (a, "amount_fen", 777700);
    g_ptr_array_add (page2, st_change ("aftersale", a));
    g_ptr_array_add (page2, st_change ("aftersale", st_aftersale (closed_id, "shop1", "o-a1", "closed", 0, 2)));
  }
  st_apply (f->store, f->account, page2);
  shou_store_flush_changed (f->store);

  /* The view built the five new rows and the changed one, not 128. */
  g_assert_cmpuint (v.built, ==, G_N_ELEMENTS (new_hours) + 1);
  g_assert_cmpuint (c.mixed, ==, 0);
  g_assert_false (shou_request_list_is_replacing (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 609);

  /* What the view was told is what a list opened now shows, to the last
   * field. */
  fresh = shou_request_list_new (f->store);
  g_assert_cmpuint (told->len, ==, VIEW_ROWS);
  for (guint i = 0; i < VIEW_ROWS; i++)
    {
      g_autoptr(ShouRequestItem) b = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_cmpstr (shou_request_item_get_id (told->pdata[i]), ==, shou_request_item_get_id (b));
      g_assert_true (shou_request_item_same_content (told->pdata[i], b));
    }
  for (guint i = 0; i < 609; i += 37)
    {
      g_autoptr(ShouRequestItem) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(ShouRequestItem) b = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_cmpstr (shou_request_item_get_id (a), ==, shou_request_item_get_id (b));
    }
  g_assert_cmpint (shou_request_list_find (list, closed_id), <, 0);
  g_signal_handlers_disconnect_by_data (list, &v);
  g_signal_handlers_disconnect_by_data (list, &c);
}

static void
on_store_changed (ShouStore  *store,
                  const char *request_id,
                  guint      *count)
{
  (*count)++;
}

/* Bulk pages (the initial sync) announce "changed" at most once a second
 * (or less often when the window is slow to follow); the list shows every
 * row once the last page is announced, by the timer or by a flush. */
static void
test_bulk_changes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  gint64 now = g_get_real_time ();
  guint changed = 0;
  Changes c = { 0 };

  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed), &changed);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  for (guint p = 0; p < 3; p++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      for (guint i = 0; i < 250; i++)
        {
          g_autofree char *id = g_strdup_printf ("b%u-%03u", p, i);

          g_ptr_array_add (page, st_change ("aftersale",
                                            st_aftersale (id, "shop1", "o-a1", "wait_seller",
                                                          now + (p * 250 + i + 100) * HOUR, 1)));
        }
      st_apply (f->store, f->account, page);
    }
  /* The first page at once, the others together later. */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 255);

  /* The timer announces the rest (bounded wait: a few seconds at most). */
  for (guint i = 0; i < 200 && changed < 2; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 755);
  g_assert_cmpuint (c.mixed, ==, 0);
  g_assert_cmpint (shou_request_list_find (list, "b2-249"), >=, 0);

  /* Another bulk page right after: held back, then flushed at once (as
   * the sync engine does when its pull ends). */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

    for (guint i = 0; i < 200; i++)
      {
        g_autofree char *id = g_strdup_printf ("c%03u", i);

        g_ptr_array_add (page, st_change ("aftersale",
                                          st_aftersale (id, "shop2", "o-a1", "wait_seller",
                                                        now + (i + 2000) * HOUR, 1)));
      }
    st_apply (f->store, f->account, page);
  }
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 755);
  shou_store_flush_changed (f->store);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 955);
  shou_store_flush_changed (f->store);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (shou_request_list_find (list, "c199"), >=, 0);
  g_signal_handlers_disconnect_by_data (f->store, &changed);
}

/* Between two refreshes the cache runs ahead of the list (bulk pages are
 * announced at most once a second): a row the list shows is found where
 * the list shows it, so that selecting it selects that row, not the one
 * the cache now ranks there. */
static void
test_find_between_refreshes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  gint64 now = g_get_real_time ();
  guint changed = 0;
  guint n = 0;
  int pos;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed), &changed);
  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      /* The second page sorts before the first, and is held back. */
      for (guint i = 0; i < 250; i++)
        {
          g_autofree char *id = g_strdup_printf ("f%u-%03u", p, i);
          gint64 deadline = p == 0 ? now + (i + 100) * HOUR : now + (i + 1) * G_TIME_SPAN_MINUTE;

          g_ptr_array_add (page, st_change ("aftersale",
                                            st_aftersale (id, "shop1", "o-a1", "wait_seller", deadline, 1)));
        }
      st_apply (f->store, f->account, page);
      if (p == 0)
        {
          /* Every row of the list is loaded, as a scrolled view does. */
          n = g_list_model_get_n_items (G_LIST_MODEL (list));
          for (guint i = 0; i < n; i++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
        }
    }
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  pos = shou_request_list_find (list, "f0-050");
  g_assert_cmpint (pos, >=, 0);
  {
    g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), (guint) pos);

    g_assert_cmpstr (shou_request_item_get_id (item), ==, "f0-050");
  }

  /* A row the list has not been told of yet is not in it. */
  g_assert_cmpint (shou_request_list_find (list, "f1-000"), ==, -1);

  /* Once announced, the list and the cache agree again. */
  shou_store_flush_changed (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 250);
  pos = shou_request_list_find (list, "f0-050");
  {
    g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), (guint) pos);

    g_assert_cmpstr (shou_request_item_get_id (item), ==, "f0-050");
  }
  g_assert_cmpint (shou_request_list_find (list, "f1-000"), ==, 0);
  g_signal_handlers_disconnect_by_data (f->store, &changed);
}

/* With a reveal step, a re-query shows its first rows and the rest as the
 * view asks, by pure additions; find() knows every row meanwhile. */
static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  Changes c = { 0 };

  shou_request_list_set_reveal_step (list, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (shou_request_list_get_revealing (list));
  ASSERT_IDS (list, "a2 a1");
  g_assert_cmpint (shou_request_list_find (list, "a6"), ==, 6);

  c = (Changes) { 0 };
  g_assert_true (shou_request_list_reveal_more (list, 0));
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 2);
  ASSERT_IDS (list, "a2 a1 a5 a7");
  /* At least up to a row the seller asked for. */
  g_assert_false (shou_request_list_reveal_more (list, 7));
  g_assert_false (shou_request_list_get_revealing (list));
  ASSERT_IDS (list, "a2 a1 a5 a7 a4 a3 a6");
  g_assert_false (shou_request_list_reveal_more (list, 0));
  g_assert_cmpuint (c.removed, ==, 0);

  /* A search shows what its first step found, whatever the step. */
  shou_request_list_set_search (list, "连衣裙");
  g_assert_false (shou_request_list_get_revealing (list));
}

/* ---- a search streamed over a bigger cache ------------------------------ */

/* Bounds every wait on the main loop. */
#define MAX_ITERATIONS 10000

typedef struct
{
  GPtrArray *mirror;           /* ids, kept up to date from items-changed */
  guint      calls;
} Mirror;

static char *
item_id_at (GListModel *model,
            guint       position)
{
  g_autoptr(ShouRequestItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return g_strdup (shou_request_item_get_id (item));
}

/* Checks that every items-changed is a true delta: the rows before the
 * change are the ones the view already shows. */
static void
on_mirror_items_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *m)
{
  m->calls++;
  g_assert_cmpuint (position + removed, <=, m->mirror->len);
  for (guint i = 0; i < position; i++)
    {
      g_autofree char *id = item_id_at (model, i);
      g_assert_cmpstr (id, ==, m->mirror->pdata[i]);
    }
  g_ptr_array_remove_range (m->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (m->mirror, position + i, item_id_at (model, position + i));
  g_assert_cmpuint (m->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
on_items_changed_retype (ShouRequestList *list,
                         guint            position,
                         guint            removed,
                         guint            added,
                         gpointer         data)
{
  if (g_strcmp0 (shou_request_list_get_search (list), "连衣裙") == 0 && shou_request_list_get_searching (list))
    shou_request_list_set_search (list, "羊毛衫");
}

static void
run_search (ShouRequestList *list)
{
  for (guint i = 0; i < MAX_ITERATIONS && shou_request_list_get_searching (list); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shou_request_list_get_searching (list));
}

static void
add_bulk (Fixture *f,
          guint    n)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();

  /* Every third request: a new order (羊毛衫), the fixture's 连衣裙 one,
   * the fixture's 蓝牙耳机 one. All newer than the fixture's rows. */
  g_ptr_array_add (page, st_change ("order", st_order ("o-new", "shop1", "TB9999", "新买家", "羊毛衫 加厚", 1)));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%05u", i);
      const char *order = i % 3 == 0 ? "o-new" : i % 3 == 1 ? "o-a1" : "o-a2";
      JsonObject *a = st_aftersale (id, i % 2 ? "shop1" : "shop2", order, "wait_seller",
                                    now + ((i * 7919) % 3000) * G_TIME_SPAN_MINUTE, 1);

      json_object_set_int_member (a, "amount_fen", 100 + (i * 37) % 500);
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
}

static void
assert_sorted_unique (ShouRequestList *list,
                      gboolean         by_amount)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gint64 last_amount = G_MAXINT64, last_deadline = G_MININT64;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 d = shou_request_item_get_deadline_at (item);

      g_assert_nonnull (item);
      g_assert_true (g_hash_table_add (seen, g_strdup (shou_request_item_get_id (item))));
      if (by_amount)
        {
          g_assert_cmpint (shou_request_item_get_amount_fen (item), <=, last_amount);
          last_amount = shou_request_item_get_amount_fen (item);
        }
      else
        {
          g_assert_cmpint (d, >=, last_deadline);
          last_deadline = d;
        }
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
}

/* The list's order is SQL's ORDER BY over the same rows. */
static void
assert_order_is_sql (Fixture         *f,
                     ShouRequestList *list,
                     const char      *column,
                     gboolean         descending)
{
  ShouDb *db = shou_store_get_db (f->store);
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  const char *dir = descending ? " DESC" : "";
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  sqlite3_stmt *stmt;
  guint i = 0;

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *id = item_id_at (G_LIST_MODEL (list), k);
      json_array_add_string_element (ids, id);
    }
  json_node_set_array (node, ids);
  text = json_to_string (node, FALSE);
  sql = g_strdup_printf ("SELECT id FROM requests WHERE id IN (SELECT value FROM json_each(?1))"
                         " ORDER BY %s%s, deadline_key%s, rid%s", column, dir, dir, dir);
  stmt = shou_db_prepare (db, sql, NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  for (; shou_db_step (db, stmt, NULL) == SQLITE_ROW; i++)
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                     json_array_get_string_element (ids, i));
  sqlite3_reset (stmt);
  g_assert_cmpuint (i, ==, n);
}

static void
test_streamed_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_free);
  Mirror m = { mirror, 0 };
  guint notified = 0;

  add_bulk (f, 3000);
  list = shou_request_list_new (f->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_ptr_array_add (mirror, item_id_at (G_LIST_MODEL (list), i));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_mirror_items_changed), &m);

  /* Many matches: the newest page comes at once, the rest streams in up to
   * the cap; 1,002 match, so the two oldest (a1, a5) are left out. */
  shou_request_list_set_search (list, "连衣裙");
  g_assert_true (shou_request_list_get_searching (list));
  g_assert_false (shou_request_list_get_capped (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 64);
  assert_sorted_unique (list, FALSE);
  m.calls = 0;
  run_search (list);
  g_assert_cmpuint (m.calls, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, SHOU_REQUEST_LIST_SEARCH_CAP);
  g_assert_true (shou_request_list_get_capped (list));
  g_assert_cmpint (shou_request_list_find (list, "a1"), ==, -1);
  g_assert_cmpint (shou_request_list_find (list, "a5"), ==, -1);
  g_assert_cmpint (shou_request_list_find (list, "s00001"), >=, 0);
  g_assert_cmpint (shou_request_list_find (list, "s00000"), ==, -1);
  assert_sorted_unique (list, FALSE);

  /* Exactly as many as the cap: all of them, and not "more than". */
  shou_request_list_set_search (list, "羊毛衫");
  run_search (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_false (shou_request_list_get_capped (list));
  /* The same through LIKE (two characters), sorted by amount, largest first. */
  shou_request_list_set_sort (list, SHOU_SORT_AMOUNT, TRUE);
  shou_request_list_set_search (list, "羊毛");
  g_assert_true (shou_request_list_get_searching (list));
  run_search (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_false (shou_request_list_get_capped (list));
  assert_sorted_unique (list, TRUE);
  shou_request_list_set_search (list, "小明");
  run_search (list);
  g_assert_true (shou_request_list_get_capped (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, SHOU_REQUEST_LIST_SEARCH_CAP);
  /* Text keys too, across several orders (TB0001, TB0002, TB9999). */
  shou_request_list_set_sort (list, SHOU_SORT_ORDER_NO, FALSE);
  shou_request_list_set_search (list, "TB");
  run_search (list);
  g_assert_true (shou_request_list_get_capped (list));
  assert_order_is_sql (f, list, "order_no", FALSE);
  shou_request_list_set_sort (list, SHOU_SORT_BUYER, TRUE);
  run_search (list);
  assert_order_is_sql (f, list, "buyer", TRUE);
  shou_request_list_set_sort (list, SHOU_SORT_DEADLINE, FALSE);

  /* One old match of two characters: the pair index finds it at once. */
  shou_request_list_set_search (list, "保温");
  g_assert_false (shou_request_list_get_searching (list));
  ASSERT_IDS (list, "a4");

  /* One old match: the keystroke finds nothing among the newest rows and
   * says it is still searching; the match arrives later. (One character,
   * LIKE: it reads the rows a window at a time.) */
  shou_request_list_set_search (list, "锈");
  g_assert_true (shou_request_list_get_searching (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_signal_connect (list, "notify::searching", G_CALLBACK (on_notify_count), &notified);
  run_search (list);
  g_assert_cmpuint (notified, ==, 1);
  ASSERT_IDS (list, "a4");

  /* A change in the store starts the search again and finds the new row. */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

    g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("late", "shop2", "o-a4", "wait_seller", 0, 1)));
    shou_request_list_set_search (list, NULL);
    shou_request_list_set_search (list, "锈");
    g_assert_true (shou_request_list_get_searching (list));
    st_apply (f->store, f->account, page);
    run_search (list);
    ASSERT_IDS (list, "a4 late");
  }

  /* The seller types on while matches stream in: the new search replaces
   * the old one from the handler itself. */
  {
    gulong id;

    shou_request_list_set_search (list, "连衣裙");
    id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_retype), NULL);
    run_search (list);
    g_signal_handler_disconnect (list, id);
    g_assert_cmpstr (shou_request_list_get_search (list), ==, "羊毛衫");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
    g_assert_false (shou_request_list_get_capped (list));
    assert_sorted_unique (list, FALSE);
  }

  /* Clearing the search stops it and shows the view again. */
  shou_request_list_set_search (list, "连衣裙");
  shou_request_list_set_search (list, NULL);
  g_assert_false (shou_request_list_get_searching (list));
  g_assert_false (shou_request_list_get_capped (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3008);
  g_assert_cmpuint (m.mirror->len, ==, 3008);
}

/* ---- the 即将超时 count as time passes --------------------------------- */

static guint
urgent_oracle (Fixture    *f,
               const char *shop_id,
               gint64      now)
{
  ShouDb *db = shou_store_get_db (f->store);
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT count(*) FROM requests WHERE view_mask & 32"
                                        " AND deadline_key < ?1 AND (?2 IS NULL OR shop_id = ?2)", NULL);
  guint n;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, now + 24 * HOUR);
  if (shop_id)
    sqlite3_bind_text (stmt, 2, shop_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (shou_db_step (db, stmt, NULL), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
sweep_urgent (Fixture *f,
              gint64   now,
              gint64  *deadlines,
              guint    n_deadlines)
{
  static const char *shops[] = { NULL, "shop1", "shop2" };
  guint nonzero = 0;

  /* Every 7 minutes across three days, and on both sides of the 24 h
   * boundary of some deadlines. */
  for (gint64 t = now - 40 * HOUR; t < now + 70 * HOUR; t += 7 * G_TIME_SPAN_MINUTE)
    for (guint s = 0; s < G_N_ELEMENTS (shops); s++)
      {
        guint n = shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, shops[s], t);

        g_assert_cmpuint (n, ==, urgent_oracle (f, shops[s], t));
        nonzero += n > 0;
      }
  g_assert_cmpuint (nonzero, >, 0);
  for (guint i = 0; i < n_deadlines; i += 7)
    {
      gint64 edge = deadlines[i] - 24 * HOUR;

      for (gint64 t = edge - 1; t <= edge + 1; t++)
        g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, t), ==,
                          urgent_oracle (f, NULL, t));
    }
}

static void
test_urgent_count (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 deadlines[300];

  /* The fixture: a2 (1 h), a1 (5 h), a5 (10 h), a7 (20 h) are due within
   * a day; a4 (48 h) is not yet. */
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_URGENT, NULL), ==, 4);
  g_assert_cmpuint (shou_store_count_view (f->store, SHOU_VIEW_URGENT, "shop2"), ==, 1);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, now + 25 * HOUR), ==, 5);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, now - 24 * HOUR), ==, 0);

  /* Deadlines from 30 h ago to 60 h ahead, to the second. */
  for (guint i = 0; i < G_N_ELEMENTS (deadlines); i++)
    {
      g_autofree char *id = g_strdup_printf ("u%03u", i);

      deadlines[i] = now + (((gint64) i * 7919) % 5400 - 1800) * G_TIME_SPAN_MINUTE + (i % 60) * G_TIME_SPAN_SECOND;
      g_ptr_array_add (page, st_change ("aftersale",
                                        st_aftersale (id, i % 2 ? "shop1" : "shop2", "o-a1", "wait_seller",
                                                      i % 10 == 9 ? 0 : deadlines[i], 1)));
    }
  st_apply (f->store, f->account, page);
  sweep_urgent (f, now, deadlines, G_N_ELEMENTS (deadlines));

  /* Requests change: finished, deadline moved, another shop, the buyer's
   * turn, a deadline where there was none. */
  g_ptr_array_set_size (page, 0);
  for (guint i = 0; i < G_N_ELEMENTS (deadlines); i++)
    {
      g_autofree char *id = g_strdup_printf ("u%03u", i);
      const char *shop = i % 2 ? "shop1" : "shop2";
      JsonObject *a;

      if (i % 5 == 1)
        deadlines[i] += 13 * HOUR;
      if (i % 5 == 2)
        shop = i % 2 ? "shop2" : "shop1";
      a = st_aftersale (id, shop, "o-a1", i % 5 == 0 ? "success" : "wait_seller", deadlines[i], 2);
      if (i % 5 == 3)
        json_object_set_string_member (a, "deadline_actor", "buyer");
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
  sweep_urgent (f, now, deadlines, G_N_ELEMENTS (deadlines));

  /* Removing the account leaves nothing counted, and no empty buckets. */
  g_assert_true (shou_store_remove_account (f->store, f->account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_view_at (f->store, SHOU_VIEW_URGENT, NULL, now + 100 * HOUR), ==, 0);
  g_assert_cmpint (shou_db_query_int (shou_store_get_db (f->store), "SELECT count(*) FROM urgent_buckets", -1, NULL), ==, 0);
}

/* ---- the two-character index and index upkeep --------------------------- */

static const char * const pair_alphabet[] = {
  "小", "明", "连", "衣", "猪", "A", "a", "1", ":", ";", "-", " ", "%", "_", "。",
};

static char *
random_text (GRand *rand,
             guint  max_len)
{
  GString *s = g_string_new (NULL);
  guint len = g_rand_int_range (rand, 1, max_len + 1);

  for (guint i = 0; i < len; i++)
    g_string_append (s, pair_alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (pair_alphabet))]);
  return g_string_free (s, FALSE);
}

/* Orders with random buyers and titles (one in five with a Chinese order
 * number), @version on every order, one page per @per_page changes. */
static void
add_random (Fixture *f,
            GRand   *rand,
            guint    n,
            gint64   version,
            guint    per_page)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o-r%04u", i);
      g_autofree char *aid = g_strdup_printf ("r%04u", i);
      g_autofree char *order_no = i % 5 ? g_strdup_printf ("TB%05u", i) : g_strdup_printf ("订单%u小明", i);
      g_autofree char *buyer = random_text (rand, 5);
      g_autofree char *title = random_text (rand, 8);

      g_ptr_array_add (page, st_change ("order", st_order (oid, "shop1", order_no, buyer, title, version)));
      g_ptr_array_add (page, st_change ("aftersale", st_aftersale (aid, "shop1", oid, "wait_seller", 0, version)));
      if (page->len >= per_page)
        {
          st_apply (f->store, f->account, page);
          g_ptr_array_set_size (page, 0);
        }
    }
  if (page->len)
    st_apply (f->store, f->account, page);
}

static char *
like_oracle (Fixture    *f,
             const char *word)
{
  ShouDb *db = shou_store_get_db (f->store);
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", word);
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT group_concat(id, ' ') FROM (SELECT id FROM requests"
                                        " WHERE order_no LIKE ?1 ESCAPE '\\' OR buyer LIKE ?1 ESCAPE '\\'"
                                        " OR goods_title LIKE ?1 ESCAPE '\\' OR sku LIKE ?1 ESCAPE '\\'"
                                        " OR reason_text LIKE ?1 ESCAPE '\\' ORDER BY id)", NULL);
  char *result;

  g_assert_nonnull (stmt);
  /* The words have no % or _ of their own here: escape-free patterns. */
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (shou_db_step (db, stmt, NULL), ==, SQLITE_ROW);
  result = g_strdup (shou_db_column_text (stmt, 0) ? shou_db_column_text (stmt, 0) : "");
  sqlite3_reset (stmt);
  return result;
}

static guint
index_count (Fixture    *f,
             const char *word)
{
  ShouDb *db = shou_store_get_db (f->store);
  g_autofree char *query = g_strdup_printf ("\"%s\"", word);
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT count(*) FROM requests_grams WHERE requests_grams MATCH ?1", NULL);
  guint n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (shou_db_step (db, stmt, NULL), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The list's matches for @word, by id. */
static char *
search_ids (ShouRequestList *list,
            const char      *word)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint n;

  shou_request_list_set_search (list, word);
  run_search (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (found, item_id_at (G_LIST_MODEL (list), i));
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

/* Every pair with a Chinese character that the search takes to the index
 * finds exactly the rows LIKE finds, in the index and through the list;
 * also after the rows' text changed (the update trigger). */
static void
assert_pairs_match_like (Fixture         *f,
                         ShouRequestList *list)
{
  guint checked = 0, found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pair_alphabet); i++)
    for (guint j = 0; j < G_N_ELEMENTS (pair_alphabet); j++)
      {
        g_autofree char *word = g_strconcat (pair_alphabet[i], pair_alphabet[j], NULL);
        g_autofree char *expected = NULL;
        g_autofree char *got = NULL;

        if (strlen (word) == 2 || strchr (word, ' ') || strchr (word, '%') || strchr (word, '_'))
          continue;
        expected = like_oracle (f, word);
        got = search_ids (list, word);
        g_assert_cmpstr (got, ==, expected);
        if (*expected)
          {
            g_auto(GStrv) rows_found = g_strsplit (expected, " ", -1);

            g_assert_cmpuint (index_count (f, word), ==, g_strv_length (rows_found));
            found++;
          }
        checked++;
      }
  /* The set is dense enough that most pairs occur. */
  g_assert_cmpuint (checked, >, 100);
  g_assert_cmpuint (found, >, checked / 2);
}

/* Longer words (a rare trigram leads, LIKE or instr() checks the rows)
 * find what LIKE finds: pieces of real titles and buyers, ASCII case
 * changed, and random ones. */
static void
assert_long_words_match_like (Fixture         *f,
                              ShouRequestList *list,
                              GRand           *rand)
{
  ShouDb *db = shou_store_get_db (f->store);
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT goods_title, buyer FROM requests"
                                        " WHERE length(goods_title) >= 5 ORDER BY rid LIMIT 40", NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  guint found = 0;

  g_assert_nonnull (stmt);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    for (int col = 0; col < 2; col++)
      {
        const char *text = shou_db_column_text (stmt, col);
        glong len = text ? g_utf8_strlen (text, -1) : 0;

        if (len >= 3)
          {
            glong want = g_rand_int_range (rand, 4, 7);
            glong n = MIN (len, want);
            glong at = g_rand_int_range (rand, 0, len - n + 1);
            const char *start = g_utf8_offset_to_pointer (text, at);
            char *word = g_strndup (start, g_utf8_offset_to_pointer (start, n) - start);

            /* Spaces split words; % and _ would be LIKE syntax in the oracle. */
            if (strpbrk (word, " %_") == NULL)
              g_ptr_array_add (words, g_ascii_strup (word, -1));
            g_free (word);
          }
      }
  sqlite3_reset (stmt);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (words, g_strdup_printf ("%s%s%s%s", pair_alphabet[i % 5], pair_alphabet[(i * 7) % 5],
                                             pair_alphabet[5 + i % 4], pair_alphabet[(i * 3) % 5]));
  g_assert_cmpuint (words->len, >, 40);
  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *expected = like_oracle (f, words->pdata[i]);
      g_autofree char *got = search_ids (list, words->pdata[i]);

      g_assert_cmpstr (got, ==, expected);
      found += *expected != '\0';
    }
  g_assert_cmpuint (found, >, words->len / 3);
}

static void
test_pair_index (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  add_random (f, rand, 400, 1, 200);
  assert_pairs_match_like (f, list);
  assert_long_words_match_like (f, list, rand);
  /* New text for every row: the index follows the updates. */
  add_random (f, rand, 400, 2, 200);
  assert_pairs_match_like (f, list);
}

static guint
count_segments (Fixture    *f,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(DISTINCT segid) FROM %s_idx", table);

  return shou_db_query_int (shou_store_get_db (f->store), sql, -1, NULL);
}

static void
wait_maintained (ShouStore *store)
{
  for (guint i = 0; i < MAX_ITERATIONS && shou_store_get_maintaining (store); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shou_store_get_maintaining (store));
}

/* Many small sync pages leave the indexes in many segments; the upkeep
 * merges each into one and every search finds what it found before. */
static void
test_index_upkeep (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *words[] = { "小明", "连衣", "猪A", "小明A", "订单", "TB0001", "衣:", "明" };
  char *before[G_N_ELEMENTS (words)];

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  add_random (f, rand, 300, 1, 10);
  g_assert_cmpuint (count_segments (f, "requests_fts"), >, 1);
  g_assert_cmpuint (count_segments (f, "requests_grams"), >, 1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    before[i] = search_ids (list, words[i]);

  shou_store_maintain_search_index (f->store);
  g_assert_true (shou_store_get_maintaining (f->store));
  wait_maintained (f->store);
  g_assert_cmpuint (count_segments (f, "requests_fts"), ==, 1);
  g_assert_cmpuint (count_segments (f, "requests_grams"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *after = search_ids (list, words[i]);

      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }
  {
    g_autofree char *check = shou_store_check_integrity (f->store, NULL);

    g_assert_cmpstr (check, ==, "ok");
  }

  /* One small page more, upkeep again: the searches see the new rows. */
  add_random (f, rand, 2, 3, 10);
  shou_store_maintain_search_index (f->store);
  wait_maintained (f->store);
  {
    g_autofree char *expected = like_oracle (f, "小明");
    g_autofree char *got = search_ids (list, "小明");

    g_assert_cmpstr (got, ==, expected);
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
  ADD ("search-everywhere", test_search_everywhere);
  ADD ("search-tracking", test_search_tracking);
  ADD ("follows-store", test_follows_store);
  ADD ("refresh-edits", test_refresh_edits);
  ADD ("many-pages", test_many_pages);
  ADD ("bulk-changes", test_bulk_changes);
  ADD ("find-between-refreshes", test_find_between_refreshes);
  ADD ("reveal", test_reveal);
  ADD ("streamed-search", test_streamed_search);
  ADD ("urgent-count", test_urgent_count);
  ADD ("pair-index", test_pair_index);
  ADD ("index-upkeep", test_index_upkeep);
#undef ADD

  return g_test_run ();
}
