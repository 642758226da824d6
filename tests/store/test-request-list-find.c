/* test-request-list-find.c: finding rows in the lazy GListModel over the
 * cache: between refreshes, revealing one, streamed search, the urgent
 * count and the indexes that keep it fast. Split from test-request-list.c
 * (same /request-list/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "store/shou-request-item-private.h"
#include "store/shou-store-private.h"
#include "store-test-util.h"
#include "request-list-test-util.h"


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
  ADD ("find-between-refreshes", test_find_between_refreshes);
  ADD ("reveal", test_reveal);
  ADD ("streamed-search", test_streamed_search);
  ADD ("urgent-count", test_urgent_count);
  ADD ("pair-index", test_pair_index);
  ADD ("index-upkeep", test_index_upkeep);
#undef ADD

  return g_test_run ();
}
