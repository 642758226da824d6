/* test-request-list: the lazy GListModel over the cache: views, order,
 * search (Chinese included), items-changed. */
#include "config.h"

#include <locale.h>

#include "store/shou-request-item-private.h"
#include "store/shou-store-private.h"
#include "store-test-util.h"
#include "request-list-test-util.h"


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
#undef ADD

  return g_test_run ();
}
