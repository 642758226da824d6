#include "config.h"

#include <stdio.h>

#include "bench-util.h"

double
bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), (int (*)(const void *, const void *)) cmp_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

gint64
bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p ? g_ascii_strtoll (p + 6, NULL, 10) : -1;
}

BenchSim *
bench_sim_start (const char *dir,
                 guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "sim.db", NULL);
  g_autofree char *scale = g_strdup_printf ("%u", n);
  const char *sim = g_getenv ("SHOUHOU_SIM");
  g_autoptr(GDataInputStream) lines = NULL;
  gboolean exists = g_file_test (db, G_FILE_TEST_EXISTS);
  BenchSim *self = g_new0 (BenchSim, 1);
  char *line;

  g_assert_nonnull (sim);
  self->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sim,
                                 "--db", db, "--quiet", "--port", "0",
                                 exists ? "--seed" : "--scale", exists ? "1" : scale, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->proc));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        self->url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "token "))
        {
          g_auto(GStrv) parts = g_strsplit (line + strlen ("token "), " ", 2);
          if (parts[1] && (self->token == NULL || g_str_equal (parts[0], "scale")))
            {
              g_free (self->token);
              self->token = g_strdup (parts[1]);
            }
        }
      g_free (line);
      if (self->url && self->token)
        break;
    }
  g_assert_nonnull (self->url);
  g_assert_nonnull (self->token);
  return self;
}

void
bench_sim_stop (BenchSim *self)
{
  g_subprocess_send_signal (self->proc, SIGTERM);
  g_subprocess_wait (self->proc, NULL, NULL);
  g_object_unref (self->proc);
  g_free (self->url);
  g_free (self->token);
  g_free (self);
}

static const char * const nicks[] = {
  "小明", "王大锤", "tb_18829", "快乐的小猪", "李四", "jd_用户0032", "阳光男孩", "Alice_W",
  "张三丰", "爱吃鱼的猫", "pdd_9981", "凌晨三点", "Bob", "月亮代表我的心", "周杰伦粉", "陈小姐",
};
static const char * const goods[] = {
  "纯棉连衣裙 夏季新款", "蓝牙耳机 降噪", "不锈钢保温杯 500ml", "儿童运动鞋", "手机壳 iPhone 15",
  "真丝围巾", "羽绒服 加厚", "机械键盘 青轴", "有机大米 5kg", "猫粮 成猫 2kg", "LED 台灯", "电饭煲 3L",
};
static const char * const statuses[] = {
  "wait_seller", "wait_seller", "negotiating", "wait_buyer_return", "wait_seller_receipt",
  "wait_seller_ship", "intervention", "success", "success", "closed", "refused",
};
static const char * const platforms[] = { "taobao", "tmall", "pdd", "douyin", "jd" };

char *
bench_order_no (guint i)
{
  /* 19 digits like Taobao's, spread out. */
  return g_strdup_printf ("20%017" G_GUINT64_FORMAT, ((guint64) i * 2654435761u) % G_GUINT64_CONSTANT (100000000000000000));
}

GPtrArray *
bench_make_changes (guint  start,
                    guint  count,
                    gint64 now)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = start; i < start + count; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o%07u", i);
      g_autofree char *aid = g_strdup_printf ("as%07u", i);
      g_autofree char *ono = bench_order_no (i);
      g_autofree char *nick = g_strdup_printf ("%s%u", nicks[(i * 7) % G_N_ELEMENTS (nicks)], (i * 37) % 5000);
      g_autofree char *shop = g_strdup_printf ("shop-%u", i % 5);
      const char *status = statuses[(i * 31) % G_N_ELEMENTS (statuses)];
      gboolean open = !g_str_equal (status, "success") && !g_str_equal (status, "closed");
      JsonObject *o = json_object_new ();
      JsonObject *buyer = json_object_new ();
      JsonArray *lines = json_array_new ();
      JsonObject *line = json_object_new ();
      JsonObject *a = json_object_new ();
      JsonObject *nego = json_object_new ();
      JsonArray *timeline = json_array_new ();
      JsonArray *allowed = json_array_new ();
      JsonObject *c;

      json_object_set_string_member (o, "id", oid);
      json_object_set_string_member (o, "shop_id", shop);
      json_object_set_string_member (o, "order_no", ono);
      json_object_set_string_member (o, "state", "shipped");
      json_object_set_boolean_member (o, "cod", FALSE);
      json_object_set_int_member (o, "paid_fen", 1000 + (i * 97) % 50000);
      json_object_set_int_member (o, "created_at", now - (i % 1000) * G_TIME_SPAN_HOUR);
      json_object_set_string_member (buyer, "nick", nick);
      json_object_set_string_member (buyer, "name", "张*");
      json_object_set_string_member (buyer, "phone", "138****5678");
      json_object_set_string_member (buyer, "address", "浙江省杭州市余杭区****");
      json_object_set_object_member (o, "buyer", buyer);
      json_object_set_string_member (line, "id", "L1");
      json_object_set_string_member (line, "title", goods[(i * 13) % G_N_ELEMENTS (goods)]);
      json_object_set_string_member (line, "sku", "颜色:黑色;尺码:L");
      json_object_set_int_member (line, "quantity", 1);
      json_object_set_int_member (line, "price_fen", 1000 + (i * 97) % 50000);
      json_array_add_object_element (lines, line);
      json_object_set_array_member (o, "lines", lines);
      json_object_set_int_member (o, "updated_at", now);
      json_object_set_int_member (o, "version", 1);

      json_object_set_string_member (a, "id", aid);
      json_object_set_string_member (a, "shop_id", shop);
      json_object_set_string_member (a, "order_id", oid);
      json_object_set_string_member (a, "line_id", "L1");
      json_object_set_string_member (a, "platform", platforms[i % 5]);
      json_object_set_string_member (a, "platform_id", ono);
      json_object_set_string_member (a, "platform_status", "WAIT_SELLER_AGREE");
      json_object_set_string_member (a, "type", i % 3 ? "refund_only" : "return_refund");
      json_object_set_string_member (a, "status", status);
      json_object_set_string_member (a, "reason_code", "quality_problem");
      json_object_set_string_member (a, "reason_text", "质量问题");
      json_object_set_string_member (a, "buyer_text", "收到的商品有破损，要求退款");
      json_object_set_int_member (a, "amount_fen", 1000 + (i * 97) % 50000);
      json_object_set_int_member (a, "shipping_fen", 0);
      json_object_set_string_member (a, "good_status", "received");
      json_object_set_int_member (a, "opened_at", now - (i % 500) * G_TIME_SPAN_HOUR);
      json_object_set_int_member (a, "updated_at", now);
      if (open)
        {
          json_object_set_int_member (a, "deadline_at", now + ((gint64) (i * 7919) % 200 - 20) * G_TIME_SPAN_HOUR);
          json_object_set_string_member (a, "on_lapse", "auto_refund");
          json_object_set_string_member (a, "deadline_actor", i % 4 ? "seller" : "buyer");
          json_array_add_string_element (allowed, "agree_refund");
          json_array_add_string_element (allowed, "negotiate");
        }
      else
        {
          json_object_set_null_member (a, "deadline_at");
          json_object_set_string_member (a, "on_lapse", "none");
          json_object_set_null_member (a, "deadline_actor");
        }
      json_array_add_string_element (allowed, "message");
      json_object_set_array_member (a, "allowed_actions", allowed);
      json_object_set_array_member (a, "blocked_actions", json_array_new ());
      json_object_set_string_member (nego, "phase", g_str_equal (status, "negotiating") ? "round1_done" : "none");
      json_object_set_null_member (nego, "wait_until");
      json_object_set_string_member (nego, "buyer_phone", "138****5678");
      json_object_set_array_member (nego, "rounds", json_array_new ());
      json_object_set_object_member (a, "negotiation", nego);
      json_object_set_null_member (a, "return_address");
      json_object_set_null_member (a, "return_shipment");
      json_object_set_null_member (a, "exchange_shipment");
      json_object_set_array_member (a, "evidence", json_array_new ());
      for (guint k = 0; k < 2; k++)
        {
          JsonObject *ev = json_object_new ();
          json_object_set_int_member (ev, "at", now - (2 - k) * G_TIME_SPAN_HOUR);
          json_object_set_string_member (ev, "actor", k ? "system" : "buyer");
          json_object_set_string_member (ev, "kind", k ? "deadline" : "open");
          json_object_set_string_member (ev, "text", k ? "卖家需在规定时间内处理" : "买家发起了仅退款申请");
          json_array_add_object_element (timeline, ev);
        }
      json_object_set_array_member (a, "timeline", timeline);
      json_object_set_int_member (a, "version", 1);

      c = json_object_new ();
      json_object_set_string_member (c, "kind", "order");
      json_object_set_string_member (c, "id", oid);
      json_object_set_object_member (c, "data", o);
      g_ptr_array_add (changes, c);
      c = json_object_new ();
      json_object_set_string_member (c, "kind", "aftersale");
      json_object_set_string_member (c, "id", aid);
      json_object_set_object_member (c, "data", a);
      g_ptr_array_add (changes, c);
    }
  return changes;
}

ShouStore *
bench_store_with (const char *path,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = shou_store_new (path, &error);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *account = NULL;
  gint64 now = g_get_real_time ();

  g_assert_no_error (error);
  if (shou_store_count_view (store, SHOU_VIEW_ALL, NULL) >= n)
    return g_steal_pointer (&store);

  accounts = shou_store_list_accounts (store);
  account = accounts->len ? g_strdup (json_object_get_string_member (accounts->pdata[0], "id"))
                          : shou_store_add_account (store, "http://127.0.0.1:9", "bench", &error);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *shop = json_object_new ();
      g_autofree char *id = g_strdup_printf ("shop-%u", i);
      g_autofree char *name = g_strdup_printf ("店铺 %u", i);
      json_object_set_string_member (shop, "id", id);
      json_object_set_string_member (shop, "platform", platforms[i]);
      json_object_set_string_member (shop, "name", name);
      g_ptr_array_add (shops, shop);
    }
  g_assert_true (shou_store_upsert_shops (store, account, shops, &error));
  for (guint start = 0; start < n; start += 1000)
    {
      g_autoptr(GPtrArray) page = bench_make_changes (start, MIN (1000, n - start), now);
      g_autofree char *cursor = g_strdup_printf ("%u", start);
      g_assert_true (shou_store_apply_changes (store, account, page, cursor, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}
