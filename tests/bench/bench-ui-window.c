/* bench-ui-window.c: CPU time per clock tick and per scrolled page of the
 * main window's queue with 200 and with 200,000 cached requests, measured
 * in one run. Target: the large cache costs at most 1.2x the small one.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define TICKS 60
#define PAGES 48
#define RATIO_MAX 1.2

typedef struct
{
  guint  n_requests;
  double fill_s;
  double tick_ms;
  double tick_handlers_ms;
  double page_near_ms;
  double page_far_ms;
  guint  listeners;
} Result;

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static JsonObject *
make_order (guint i,
            const char *shop_id,
            gint64 now)
{
  JsonObject *order = json_object_new ();
  JsonObject *buyer = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonObject *line = json_object_new ();
  g_autofree char *id = g_strdup_printf ("o%u", i);
  g_autofree char *no = g_strdup_printf ("%016u", 3000000000u + i);
  g_autofree char *nick = g_strdup_printf ("买家%u", i % 9973);

  json_object_set_string_member (order, "id", id);
  json_object_set_string_member (order, "shop_id", shop_id);
  json_object_set_string_member (order, "order_no", no);
  json_object_set_string_member (order, "state", "shipped");
  json_object_set_boolean_member (order, "cod", FALSE);
  json_object_set_int_member (order, "paid_fen", 1990 + (i % 50000));
  json_object_set_int_member (order, "created_at", now - 5 * SHOU_USEC_PER_DAY);
  json_object_set_int_member (order, "updated_at", now - SHOU_USEC_PER_DAY);
  json_object_set_int_member (order, "version", 1);
  json_object_set_string_member (buyer, "nick", nick);
  json_object_set_string_member (buyer, "name", "张*");
  json_object_set_string_member (buyer, "phone", "138****5678");
  json_object_set_string_member (buyer, "address", "浙江省杭州市西湖区****");
  json_object_set_object_member (order, "buyer", buyer);
  json_object_set_string_member (line, "id", "l1");
  json_object_set_string_member (line, "title", "纯棉短袖T恤 男款 夏季");
  json_object_set_string_member (line, "sku", "白色 XL");
  json_object_set_int_member (line, "quantity", 1);
  json_object_set_int_member (line, "price_fen", 1990 + (i % 50000));
  json_array_add_object_element (lines, line);
  json_object_set_array_member (order, "lines", lines);

  return order;
}

static JsonObject *
make_aftersale (guint       i,
                const char *shop_id,
                const char *platform,
                gint64      now)
{
  JsonObject *as = json_object_new ();
  JsonArray *allowed = json_array_new ();
  g_autofree char *id = g_strdup_printf ("a%u", i);
  g_autofree char *order_id = g_strdup_printf ("o%u", i);

  json_object_set_string_member (as, "id", id);
  json_object_set_string_member (as, "shop_id", shop_id);
  json_object_set_string_member (as, "order_id", order_id);
  json_object_set_string_member (as, "line_id", "l1");
  json_object_set_string_member (as, "platform", platform);
  json_object_set_string_member (as, "platform_id", id);
  json_object_set_string_member (as, "platform_status", "WAIT_SELLER_AGREE");
  json_object_set_string_member (as, "type", "refund_only");
  json_object_set_string_member (as, "status", "wait_seller");
  json_object_set_string_member (as, "reason_code", "no_longer_needed");
  json_object_set_string_member (as, "reason_text", "不想要了");
  json_object_set_string_member (as, "buyer_text", "拍错了");
  json_object_set_int_member (as, "amount_fen", 1990 + (i % 50000));
  json_object_set_int_member (as, "shipping_fen", 0);
  json_object_set_string_member (as, "good_status", "not_received");
  json_object_set_int_member (as, "opened_at", now - SHOU_USEC_PER_DAY);
  json_object_set_int_member (as, "updated_at", now - SHOU_USEC_PER_DAY);
  /* Deadlines spread from 2 h overdue to 3 days ahead. */
  json_object_set_int_member (as, "deadline_at",
                              now - 2 * SHOU_USEC_PER_HOUR + (gint64) (i % 4440) * SHOU_USEC_PER_MINUTE);
  json_object_set_string_member (as, "on_lapse", "auto_refund");
  json_object_set_string_member (as, "deadline_actor", "seller");
  json_array_add_string_element (allowed, "agree_refund");
  json_array_add_string_element (allowed, "message");
  json_object_set_array_member (as, "allowed_actions", allowed);
  json_object_set_array_member (as, "blocked_actions", json_array_new ());
  json_object_set_int_member (as, "version", 1);
  json_object_set_array_member (as, "evidence", json_array_new ());
  json_object_set_array_member (as, "timeline", json_array_new ());

  return as;
}

static JsonObject *
change (const char *kind,
        const char *id,
        JsonObject *data,
        guint       seq)
{
  JsonObject *c = json_object_new ();

  json_object_set_int_member (c, "seq", seq);
  json_object_set_string_member (c, "kind", kind);
  json_object_set_string_member (c, "id", id);
  json_object_set_object_member (c, "data", data);

  return c;
}

static ShouStore *
fill_store (const char *dir,
            guint       n,
            gint64      now)
{
  static const char *platforms[] = { "taobao", "tmall", "pdd", "douyin", "jd" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autofree char *account = NULL;
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  ShouStore *store = shou_store_new (path, &error);

  g_assert_no_error (error);
  account = shou_store_add_account (store, "http://127.0.0.1:9", "bench", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    {
      JsonObject *shop = json_object_new ();
      g_autofree char *id = g_strdup_printf ("shop-%s", platforms[p]);

      json_object_set_string_member (shop, "id", id);
      json_object_set_string_member (shop, "platform", platforms[p]);
      json_object_set_string_member (shop, "name", platforms[p]);
      json_object_set_string_member (shop, "merchant_id", "bench");
      g_ptr_array_add (shops, shop);
    }
  shou_store_upsert_shops (store, account, shops, &error);
  g_assert_no_error (error);

  for (guint start = 0; start < n; start += 1000)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autofree char *cursor = g_strdup_printf ("%u", start);

      for (guint i = start; i < MIN (n, start + 1000); i++)
        {
          const char *platform = platforms[i % G_N_ELEMENTS (platforms)];
          g_autofree char *shop_id = g_strdup_printf ("shop-%s", platform);
          g_autofree char *oid = g_strdup_printf ("o%u", i);
          g_autofree char *aid = g_strdup_printf ("a%u", i);

          g_ptr_array_add (changes, change ("order", oid, make_order (i, shop_id, now), 2 * i));
          g_ptr_array_add (changes, change ("aftersale", aid, make_aftersale (i, shop_id, platform, now), 2 * i + 1));
        }
      shou_store_apply_changes (store, account, changes, cursor, &error);
      g_assert_no_error (error);
    }

  return store;
}

typedef struct
{
  guint frames;
} FrameCount;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameCount    *count)
{
  count->frames++;
}

static FrameCount *current_count;

static gboolean
frame_done_cb (gpointer user_data)
{
  guint *target = user_data;

  return current_count->frames >= target[1];
}

/* Runs the main loop until the change was painted (bounded): only what
 * changed is redrawn, as in a real session. */
static void
wait_frame (GtkWidget  *window,
            FrameCount *count)
{
  guint state[2] = { 0, count->frames + 1 };

  shou_test_wait_until (frame_done_cb, state, 250);
}

static gboolean
mapped_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static void
measure (guint   n,
         Result *result)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  gint64 now = g_get_real_time ();
  ShouStore *store;
  ShouWindow *window;
  ShouClock *clock;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  GdkFrameClock *frame_clock;
  FrameCount count = { 0 };
  gulong paint_id;
  double t0;
  double handlers = 0;
  double start;

  result->n_requests = n;
  start = g_get_monotonic_time () / 1e6;
  store = fill_store (dir, n, now);
  result->fill_s = g_get_monotonic_time () / 1e6 - start;

  window = g_object_ref_sink (shou_window_new (NULL, store, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (mapped_cb, window, 10000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shou_queue_view_get_list (shou_window_get_queue_view (window)))), ==, n);
  shou_test_iterate (500);

  clock = shou_window_get_clock (window);
  shou_clock_set_frozen_now (clock, now);
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  paint_id = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), &count);
  current_count = &count;

  /* Clock ticks: a minute each, so visible texts change. */
  for (guint i = 0; i < 5; i++)
    {
      shou_clock_advance (clock, 61 * SHOU_USEC_PER_SECOND);
      wait_frame (GTK_WIDGET (window), &count);
    }
  t0 = cpu_ms ();
  for (guint i = 0; i < TICKS; i++)
    {
      double h0 = cpu_ms ();

      shou_clock_advance (clock, 61 * SHOU_USEC_PER_SECOND);
      handlers += cpu_ms () - h0;
      wait_frame (GTK_WIDGET (window), &count);
    }
  result->tick_ms = (cpu_ms () - t0) / TICKS;
  result->tick_handlers_ms = handlers / TICKS;
  result->listeners = shou_clock_get_n_listeners (clock);

  /* Scroll page by page near the top, then from the middle of the list. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (shou_queue_view_get_column_view (shou_window_get_queue_view (window))),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  t0 = cpu_ms ();
  for (guint i = 0; i < PAGES; i++)
    {
      guint step = i % 8;
      double page = gtk_adjustment_get_page_size (adj);

      gtk_adjustment_set_value (adj, (step < 4 ? step + 1 : 8 - step - 1) * page);
      wait_frame (GTK_WIDGET (window), &count);
    }
  result->page_near_ms = (cpu_ms () - t0) / PAGES;

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
  wait_frame (GTK_WIDGET (window), &count);
  wait_frame (GTK_WIDGET (window), &count);
  {
    double middle = gtk_adjustment_get_value (adj);

    t0 = cpu_ms ();
    for (guint i = 0; i < PAGES; i++)
      {
        guint step = i % 8;
        double page = gtk_adjustment_get_page_size (adj);

        gtk_adjustment_set_value (adj, middle + (step < 4 ? step + 1 : 8 - step - 1) * page);
        wait_frame (GTK_WIDGET (window), &count);
      }
    result->page_far_ms = (cpu_ms () - t0) / PAGES;
  }

  g_signal_handler_disconnect (frame_clock, paint_id);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_test_iterate (50);
  g_object_unref (store);
  shou_test_rm_rf (dir);
}

static void
report (const Result *r)
{
  g_test_message ("%7u requests: fill %.1f s; tick %.3f ms (handlers %.3f ms, %u listeners); "
                  "page near top %.3f ms, page mid-list %.3f ms",
                  r->n_requests, r->fill_s, r->tick_ms, r->tick_handlers_ms, r->listeners,
                  r->page_near_ms, r->page_far_ms);
}

static void
bench_window (void)
{
  const char *env = g_getenv ("SHOU_BENCH_LARGE");
  guint large = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 200000;
  Result small = { 0 };
  Result big = { 0 };
  double tick_ratio;
  double page_ratio;
  double far_ratio;

  measure (200, &small);
  report (&small);
  measure (large, &big);
  report (&big);

  tick_ratio = big.tick_ms / small.tick_ms;
  page_ratio = big.page_near_ms / small.page_near_ms;
  far_ratio = big.page_far_ms / small.page_far_ms;
  g_test_message ("ratio %u/%u: tick %.2f, page near top %.2f, page mid-list %.2f (max %.1f)",
                  large, 200, tick_ratio, page_ratio, far_ratio, RATIO_MAX);

  g_assert_cmpfloat (tick_ratio, <=, RATIO_MAX);
  g_assert_cmpfloat (page_ratio, <=, RATIO_MAX);
  g_assert_cmpfloat (far_ratio, <=, RATIO_MAX);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/bench/ui/window", bench_window);

  return g_test_run ();
}
