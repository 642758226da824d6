/* test-store-stats: every statistics figure against a hand-counted fixture
 * in a real SQLite cache, written through the change feed as a sync would. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "store/shou-store-care.h"
#include "store/shou-store-stats.h"
#include "store-test-util.h"

#define MIN_US G_TIME_SPAN_MINUTE

typedef struct
{
  char      *dir;
  char      *account;
  ShouStore *store;
  gint64     base;     /* a Shanghai midnight: the current period starts there */
} Fixture;

static void
add_event (JsonObject *a,
           gint64      at,
           const char *actor,
           const char *kind)
{
  JsonArray *timeline = json_object_get_array_member (a, "timeline");
  JsonObject *ev = json_object_new ();

  json_object_set_int_member (ev, "at", at);
  json_object_set_string_member (ev, "actor", actor);
  json_object_set_string_member (ev, "kind", kind);
  json_object_set_string_member (ev, "text", kind);
  json_array_add_object_element (timeline, ev);
}

static void
add_round (JsonObject *a,
           int         round,
           const char *proposal,
           gint64      amount_fen)
{
  JsonObject *nego = json_object_get_object_member (a, "negotiation");
  JsonArray *rounds = json_object_get_array_member (nego, "rounds");
  JsonObject *r = json_object_new ();

  json_object_set_int_member (r, "round", round);
  json_object_set_string_member (r, "text", "协商");
  json_object_set_string_member (r, "proposal", proposal);
  if (amount_fen > 0)
    json_object_set_int_member (r, "amount_fen", amount_fen);
  json_array_add_object_element (rounds, r);
}

/* A request opened at @opened with the buyer's "open" event. */
static JsonObject *
request (const char *id,
         const char *shop,
         const char *type,
         const char *status,
         const char *reason,
         const char *sku,
         gint64      amount_fen,
         gint64      opened,
         gint64      version)
{
  g_autofree char *order_id = g_strconcat ("o-", id, NULL);
  JsonObject *a = st_aftersale (id, shop, order_id, status, 0, version);
  JsonObject *line = json_object_new ();

  json_object_set_string_member (a, "type", type);
  json_object_set_string_member (a, "platform", g_str_equal (shop, "shop2") ? "pdd" : "taobao");
  json_object_set_string_member (a, "reason_code", reason);
  json_object_set_int_member (a, "amount_fen", amount_fen);
  json_object_set_int_member (a, "opened_at", opened);
  json_object_set_int_member (a, "shipping_fen", 0);
  json_object_set_string_member (line, "id", "L1");
  json_object_set_string_member (line, "sku", sku);
  json_object_set_object_member (a, "line", line);
  add_event (a, opened, "buyer", "open");
  return a;
}

/* The order of request @id (created long before any period), whose line
 * has @sku: the cache takes a request's SKU from its order line. */
static void
add_order (GPtrArray  *changes,
           const char *id,
           const char *shop,
           const char *sku)
{
  g_autofree char *order_id = g_strconcat ("o-", id, NULL);
  JsonObject *o = st_order (order_id, shop, order_id, "买家", "连衣裙", 1);
  JsonArray *lines = json_object_get_array_member (o, "lines");

  json_object_set_string_member (json_array_get_object_element (lines, 0), "sku", sku);
  g_ptr_array_add (changes, st_change ("order", o));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 b, t;
  JsonObject *a;

  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
  /* 2026-11-30 00:00 in Shanghai is 2026-11-29 16:00 UTC. */
  f->base = b = 1795968000000000;
  {
    static const char * const skus[][3] = {
      { "r1", "shop1", "SKU-A" }, { "r2", "shop1", "SKU-A" }, { "r3", "shop1", "SKU-B" },
      { "r4", "shop1", "SKU-B" }, { "r5", "shop1", "SKU-C" }, { "r6", "shop2", "SKU-A" },
      { "r7", "shop1", "SKU-B" }, { "r8", "shop1", "SKU-C" }, { "p1", "shop1", "SKU-A" },
      { "p2", "shop1", "SKU-B" }, { "n1", "shop1", "SKU-A" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (skus); i++)
      add_order (changes, skus[i][0], skus[i][1], skus[i][2]);
  }
  g_assert_cmpint (shou_stats_day_start (b + 5 * G_TIME_SPAN_HOUR), ==, b);
  g_assert_cmpint (shou_stats_day_start (b - 1), ==, b - G_TIME_SPAN_DAY);

  /* Ten orders of shop1 created in the current period, one before it. */
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *id = g_strdup_printf ("o%d", i);
      JsonObject *o = st_order (id, "shop1", id, "买家", "连衣裙", 1);

      json_object_set_int_member (o, "created_at", i < 10 ? b + i * G_TIME_SPAN_HOUR : b - 1);
      g_ptr_array_add (changes, st_change ("order", o));
    }

  /* r1: refunded at once (30 min). */
  t = b + G_TIME_SPAN_HOUR;
  a = request ("r1", "shop1", "refund_only", "success", "quality_problem", "SKU-A", 5000, t, 1);
  add_event (a, t + 30 * MIN_US, "seller", "agree_refund");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r2: a return, shipping borne by the seller (125 min). */
  a = request ("r2", "shop1", "return_refund", "success", "quality_problem", "SKU-A", 8000, t, 1);
  json_object_set_int_member (a, "shipping_fen", 1200);
  add_event (a, t + 125 * MIN_US, "seller", "agree_return");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r3: negotiated, then withdrawn (10 min). */
  t = b + 2 * G_TIME_SPAN_DAY;
  a = request ("r3", "shop1", "refund_only", "closed", "size_mismatch", "SKU-B", 3000, t, 1);
  add_round (a, 1, "none", 0);
  add_event (a, t + 10 * MIN_US, "seller", "negotiate");
  add_event (a, t + 60 * MIN_US, "buyer", "buyer_cancel");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r4: a partial refund of 15 yuan accepted (5 min). */
  a = request ("r4", "shop1", "refund_only", "success", "not_wanted", "SKU-B", 4000, t, 1);
  add_round (a, 1, "none", 0);
  add_round (a, 2, "partial_refund", 1500);
  add_event (a, t + 5 * MIN_US, "seller", "negotiate");
  add_event (a, t + 120 * MIN_US, "buyer", "buyer_accept");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r5: the seller let the deadline lapse; the platform stepped in. */
  a = request ("r5", "shop1", "refund_only", "intervention", "quality_problem", "SKU-C", 2000, t, 1);
  add_event (a, t + G_TIME_SPAN_DAY, "platform", "lapse");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r6 (shop2): an exchange with 8 yuan compensation accepted (1 min). */
  t = b + 6 * G_TIME_SPAN_DAY + 23 * G_TIME_SPAN_HOUR;
  a = request ("r6", "shop2", "exchange", "success", "wrong_item", "SKU-A", 6000, t, 1);
  json_object_set_int_member (a, "shipping_fen", 1200);
  add_round (a, 2, "compensation", 800);
  add_event (a, t + MIN_US, "seller", "negotiate");
  add_event (a, t + 180 * MIN_US, "buyer", "buyer_accept");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r7: negotiated, then rejected (20 min). */
  t = b + 3 * G_TIME_SPAN_DAY;
  a = request ("r7", "shop1", "refund_only", "refused", "size_mismatch", "SKU-B", 3000, t, 1);
  add_round (a, 1, "none", 0);
  add_event (a, t + 20 * MIN_US, "seller", "negotiate");
  add_event (a, t + 30 * G_TIME_SPAN_HOUR, "seller", "reject");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* r8: only a message so far: not handled. */
  a = request ("r8", "shop1", "refund_only", "wait_seller", "missing_items", "SKU-C", 1000, t, 1);
  add_event (a, t + MIN_US, "seller", "message");
  g_ptr_array_add (changes, st_change ("aftersale", a));

  /* The period before: two requests of shop1. */
  t = b - 3 * G_TIME_SPAN_DAY;
  a = request ("p1", "shop1", "refund_only", "success", "quality_problem", "SKU-A", 2000, t, 1);
  add_event (a, t + 60 * MIN_US, "seller", "agree_refund");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  a = request ("p2", "shop1", "refund_only", "closed", "size_mismatch", "SKU-B", 1000, b - 1, 1);
  g_ptr_array_add (changes, st_change ("aftersale", a));
  /* After the period. */
  a = request ("n1", "shop1", "refund_only", "wait_seller", "quality_problem", "SKU-A", 700,
               b + 7 * G_TIME_SPAN_DAY, 1);
  g_ptr_array_add (changes, st_change ("aftersale", a));

  st_apply (f->store, f->account, changes);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  st_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->account);
}

static ShouStats *
get (Fixture    *f,
     const char *shop,
     gint64      from,
     gint64      to)
{
  g_autoptr(GError) error = NULL;
  ShouStats *s = shou_store_get_stats (f->store, shop, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
assert_count (ShouStats  *s,
              ShouStatsBy by,
              guint       index,
              const char *key,
              guint       n)
{
  ShouStatsCount *c;

  g_assert_cmpuint (s->by[by]->len, >, index);
  c = s->by[by]->pdata[index];
  g_assert_cmpstr (c->key, ==, key);
  g_assert_cmpuint (c->n, ==, n);
}

static void
test_week_all_shops (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShouStats) s = get (f, NULL, f->base, f->base + 7 * G_TIME_SPAN_DAY);

  g_assert_cmpint (s->from, ==, f->base);
  g_assert_cmpuint (s->requests, ==, 8);
  g_assert_cmpint (s->requested_fen, ==, 32000);
  g_assert_true (s->orders_known);
  g_assert_cmpuint (s->orders, ==, 10);
  g_assert_cmpfloat_with_epsilon (shou_stats_rate (s->requests, s->orders), 0.8, 1e-9);
  g_assert_cmpuint (s->quality, ==, 3);

  g_assert_cmpuint (s->by[SHOU_STATS_BY_REASON]->len, ==, 5);
  assert_count (s, SHOU_STATS_BY_REASON, 0, "quality_problem", 3);
  assert_count (s, SHOU_STATS_BY_REASON, 1, "size_mismatch", 2);
  assert_count (s, SHOU_STATS_BY_REASON, 2, "missing_items", 1);
  assert_count (s, SHOU_STATS_BY_REASON, 3, "not_wanted", 1);
  assert_count (s, SHOU_STATS_BY_REASON, 4, "wrong_item", 1);
  g_assert_cmpint (((ShouStatsCount *) s->by[SHOU_STATS_BY_REASON]->pdata[0])->amount_fen, ==, 15000);
  g_assert_cmpuint (s->by[SHOU_STATS_BY_SKU]->len, ==, 3);
  assert_count (s, SHOU_STATS_BY_SKU, 0, "SKU-A", 3);
  assert_count (s, SHOU_STATS_BY_SKU, 1, "SKU-B", 3);
  assert_count (s, SHOU_STATS_BY_SKU, 2, "SKU-C", 2);
  g_assert_cmpuint (s->by[SHOU_STATS_BY_SHOP]->len, ==, 2);
  assert_count (s, SHOU_STATS_BY_SHOP, 0, "shop1", 7);
  g_assert_cmpstr (((ShouStatsCount *) s->by[SHOU_STATS_BY_SHOP]->pdata[0])->label, ==, "小红的淘宝店");
  assert_count (s, SHOU_STATS_BY_SHOP, 1, "shop2", 1);
  assert_count (s, SHOU_STATS_BY_PLATFORM, 0, "taobao", 7);
  assert_count (s, SHOU_STATS_BY_PLATFORM, 1, "pdd", 1);
  g_assert_cmpuint (s->by[SHOU_STATS_BY_TYPE]->len, ==, 3);
  assert_count (s, SHOU_STATS_BY_TYPE, 0, "refund_only", 6);
  assert_count (s, SHOU_STATS_BY_TYPE, 1, "exchange", 1);
  assert_count (s, SHOU_STATS_BY_TYPE, 2, "return_refund", 1);

  g_assert_cmpuint (s->intervened, ==, 1);
  g_assert_cmpuint (s->negotiated, ==, 4);
  g_assert_cmpuint (s->nego_accepted, ==, 2);
  g_assert_cmpuint (s->nego_withdrawn, ==, 1);
  g_assert_cmpuint (s->nego_rejected, ==, 1);
  g_assert_cmpfloat_with_epsilon (shou_stats_nego_success (s), 0.75, 1e-9);
  g_assert_cmpuint (s->decided, ==, 7);
  g_assert_cmpuint (s->before_deadline, ==, 6);
  g_assert_cmpuint (s->lapsed, ==, 1);

  /* 30, 125, 10, 5, 1 and 20 minutes. */
  g_assert_cmpuint (s->handled, ==, 6);
  g_assert_cmpint (s->handled_avg_us, ==, 191 * MIN_US / 6);
  /* The 6th of 6 (125 min) is in the bucket 120..130 min. */
  g_assert_cmpint (s->handled_p90_us, ==, 130 * MIN_US);

  g_assert_cmpuint (s->refunded, ==, 3);
  g_assert_cmpint (s->refunded_fen, ==, 5000 + 8000 + 1500);
  g_assert_cmpuint (s->compensated, ==, 1);
  g_assert_cmpint (s->compensated_fen, ==, 800);
  g_assert_cmpuint (s->shipping, ==, 2);
  g_assert_cmpint (s->shipping_fen, ==, 2400);
}

static void
test_previous_and_shop (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShouStats) prev = get (f, NULL, f->base - 7 * G_TIME_SPAN_DAY, f->base);
  g_autoptr(ShouStats) shop2 = get (f, "shop2", f->base, f->base + 7 * G_TIME_SPAN_DAY);
  g_autoptr(ShouStats) day = get (f, "shop1", f->base + 2 * G_TIME_SPAN_DAY + 1,
                                  f->base + 3 * G_TIME_SPAN_DAY);
  g_autoptr(ShouStats) none = get (f, "no-such-shop", f->base, f->base + 7 * G_TIME_SPAN_DAY);

  g_assert_cmpuint (prev->requests, ==, 2);
  g_assert_cmpuint (prev->orders, ==, 1);
  g_assert_cmpuint (prev->quality, ==, 1);
  g_assert_cmpuint (prev->handled, ==, 1);
  g_assert_cmpint (prev->handled_avg_us, ==, 60 * MIN_US);
  g_assert_cmpint (prev->handled_p90_us, ==, 70 * MIN_US);
  g_assert_cmpint (prev->refunded_fen, ==, 2000);

  /* shop2 has no orders cached: its refund rate is unknown. */
  g_assert_cmpuint (shop2->requests, ==, 1);
  g_assert_false (shop2->orders_known);
  g_assert_cmpuint (shop2->by[SHOU_STATS_BY_SHOP]->len, ==, 1);
  assert_count (shop2, SHOU_STATS_BY_SHOP, 0, "shop2", 1);
  g_assert_cmpint (shop2->compensated_fen, ==, 800);

  /* One Shanghai day of shop1 (from rounds down to its midnight): r3, r4, r5. */
  g_assert_cmpint (day->from, ==, f->base + 2 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (day->requests, ==, 3);
  g_assert_cmpuint (day->intervened, ==, 1);
  g_assert_cmpuint (day->lapsed, ==, 1);
  g_assert_false (day->orders_known);

  g_assert_cmpuint (none->requests, ==, 0);
  g_assert_cmpuint (none->by[SHOU_STATS_BY_REASON]->len, ==, 0);
}

/* A newer version moves the request's counts; removing the account takes
 * them all away. */
static void
test_update_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 t = f->base + 2 * G_TIME_SPAN_DAY;
  JsonObject *a;

  /* r5: the platform ruled for the buyer; r8's reason was corrected. */
  a = request ("r5", "shop1", "refund_only", "success", "quality_problem", "SKU-C", 2000, t, 2);
  add_event (a, t + G_TIME_SPAN_DAY, "platform", "lapse");
  add_event (a, t + 2 * G_TIME_SPAN_DAY, "platform", "platform_refund");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  t = f->base + 3 * G_TIME_SPAN_DAY;
  a = request ("r8", "shop1", "refund_only", "wait_seller", "quality_problem", "SKU-C", 1000, t, 2);
  add_event (a, t + 2 * MIN_US, "seller", "agree_refund");
  g_ptr_array_add (changes, st_change ("aftersale", a));
  st_apply (f->store, f->account, changes);

  {
    g_autoptr(ShouStats) s = get (f, NULL, f->base, f->base + 7 * G_TIME_SPAN_DAY);

    g_assert_cmpuint (s->requests, ==, 8);
    g_assert_cmpuint (s->intervened, ==, 1);
    g_assert_cmpuint (s->quality, ==, 4);
    g_assert_cmpuint (s->by[SHOU_STATS_BY_REASON]->len, ==, 4);
    g_assert_cmpuint (s->refunded, ==, 4);
    g_assert_cmpint (s->refunded_fen, ==, 5000 + 8000 + 1500 + 2000);
    g_assert_cmpuint (s->handled, ==, 7);
    g_assert_cmpuint (s->decided, ==, 8);
  }

  g_assert_true (shou_store_remove_account (f->store, f->account, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShouStats) s = get (f, NULL, f->base - 30 * G_TIME_SPAN_DAY, f->base + 30 * G_TIME_SPAN_DAY);

    g_assert_cmpuint (s->requests, ==, 0);
    g_assert_cmpuint (s->orders, ==, 0);
    g_assert_cmpint (shou_db_query_int (shou_store_get_db (f->store),
                                        "SELECT count(*) FROM stats_days", -1, NULL), ==, 0);
  }
}

/* The days of the week one by one, the SKUs with their quality problems,
 * and the open interventions, against the hand-counted fixture. */
static void
test_daily_and_report (Fixture       *f,
                       gconstpointer  data)
{
  static const guint requests[7] = { 2, 0, 3, 2, 0, 0, 1 };
  static const guint quality[7] = { 2, 0, 1, 0, 0, 0, 0 };
  static const guint intervened[7] = { 0, 0, 1, 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = shou_store_get_stats_daily (f->store, NULL, f->base,
                                                        f->base + 7 * G_TIME_SPAN_DAY, &error);
  g_autoptr(GArray) shop2 = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GPtrArray) skus = NULL;
  ShouStatsSku *sku;

  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      ShouStatsDay *d = &g_array_index (days, ShouStatsDay, i);

      g_assert_cmpint (d->day_start, ==, f->base + i * G_TIME_SPAN_DAY);
      g_assert_cmpuint (d->requests, ==, requests[i]);
      g_assert_cmpuint (d->quality, ==, quality[i]);
      g_assert_cmpuint (d->intervened, ==, intervened[i]);
      g_assert_cmpuint (d->orders, ==, i == 0 ? 10 : 0);
    }
  shop2 = shou_store_get_stats_daily (f->store, "shop2", f->base, f->base + 7 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (g_array_index (shop2, ShouStatsDay, i).requests, ==, i == 6 ? 1 : 0);
  /* The three days before: p1, then p2 and the eleventh order. */
  before = shou_store_get_stats_daily (f->store, "shop1", f->base - 3 * G_TIME_SPAN_DAY, f->base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 3);
  g_assert_cmpuint (g_array_index (before, ShouStatsDay, 0).requests, ==, 1);
  g_assert_cmpuint (g_array_index (before, ShouStatsDay, 1).requests, ==, 0);
  g_assert_cmpuint (g_array_index (before, ShouStatsDay, 2).requests, ==, 1);
  g_assert_cmpuint (g_array_index (before, ShouStatsDay, 2).orders, ==, 1);

  /* SKU-A: r1, r2 (quality) and r6; SKU-B: r3, r4, r7; SKU-C: r5 (quality), r8. */
  skus = shou_store_get_top_skus (f->store, NULL, f->base, f->base + 7 * G_TIME_SPAN_DAY, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skus->len, ==, 2);
  sku = skus->pdata[0];
  g_assert_cmpstr (sku->sku, ==, "SKU-A");
  g_assert_cmpuint (sku->n, ==, 3);
  g_assert_cmpuint (sku->quality, ==, 2);
  sku = skus->pdata[1];
  g_assert_cmpstr (sku->sku, ==, "SKU-B");
  g_assert_cmpuint (sku->quality, ==, 0);
  g_clear_pointer (&skus, g_ptr_array_unref);
  skus = shou_store_get_top_skus (f->store, "shop1", f->base, f->base + 7 * G_TIME_SPAN_DAY, 5, &error);
  g_assert_cmpuint (skus->len, ==, 3);
  g_assert_cmpstr (((ShouStatsSku *) skus->pdata[0])->sku, ==, "SKU-B");
  g_assert_cmpuint (((ShouStatsSku *) skus->pdata[1])->n, ==, 2);
  g_assert_cmpuint (((ShouStatsSku *) skus->pdata[2])->quality, ==, 1);

  /* r5 is with the platform. */
  g_assert_cmpint (shou_store_count_open_interventions (f->store, NULL, &error), ==, 1);
  g_assert_cmpint (shou_store_count_open_interventions (f->store, "shop1", &error), ==, 1);
  g_assert_cmpint (shou_store_count_open_interventions (f->store, "shop2", &error), ==, 0);
  g_assert_cmpint (shou_store_count_open_interventions (f->store, "no-such-shop", &error), ==, 0);
  g_assert_no_error (error);
}

/* A care record of @kind in @shop, opened at @at, as the feed sends it. */
static JsonObject *
care (const char *kind,
      const char *id,
      const char *shop,
      gint64      at)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "shop_id", shop);
  json_object_set_string_member (o, "platform", g_str_equal (shop, "shop2") ? "pdd" : "taobao");
  json_object_set_string_member (o, "buyer_nick", "买家");
  json_object_set_int_member (o, g_str_equal (kind, "review") ? "reviewed_at" : "opened_at", at);
  json_object_set_int_member (o, "version", 1);
  return o;
}

/* The 统计 page's 售后关怀 group follows the shop filter (issue 28), and
 * complaints due soon count in 即将超时 for their shop only. */
static void
test_care (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 t = f->base + G_TIME_SPAN_DAY, now = g_get_real_time ();
  ShouCareCounts all, one, two, none;
  JsonObject *o, *claim;

  o = care ("review", "rv-1", "shop1", t);
  json_object_set_string_member (o, "reason_code", "quality");
  json_object_set_boolean_member (o, "changed", TRUE);
  g_ptr_array_add (changes, st_change ("review", o));
  o = care ("review", "rv-2", "shop2", t);
  json_object_set_string_member (o, "reason_code", "logistics");
  g_ptr_array_add (changes, st_change ("review", o));
  o = care ("complaint", "cp-1", "shop1", t);
  json_object_set_int_member (o, "compensation_fen", 1000);
  json_object_set_null_member (o, "finished_at");
  g_ptr_array_add (changes, st_change ("complaint", o));
  o = care ("complaint", "cp-2", "shop2", t);
  json_object_set_int_member (o, "finished_at", t + G_TIME_SPAN_HOUR);
  json_object_set_string_member (o, "outcome", "withdrawn");
  g_ptr_array_add (changes, st_change ("complaint", o));
  /* Platform complaints opened an hour ago: 23 h left to handle them. */
  o = care ("complaint", "cp-3", "shop1", now - G_TIME_SPAN_HOUR);
  json_object_set_string_member (o, "channel", "platform");
  json_object_set_null_member (o, "finished_at");
  g_ptr_array_add (changes, st_change ("complaint", o));
  o = care ("complaint", "cp-4", "shop1", now - G_TIME_SPAN_HOUR);
  json_object_set_string_member (o, "channel", "12315");   /* no platform deadline */
  json_object_set_null_member (o, "finished_at");
  g_ptr_array_add (changes, st_change ("complaint", o));
  /* shop2: a lost parcel claimed from the courier, 88 yuan paid of 100. */
  o = care ("incident", "in-1", "shop2", t);
  json_object_set_string_member (o, "kind", "lost");
  claim = json_object_new ();
  json_object_set_int_member (claim, "amount_fen", 10000);
  json_object_set_string_member (claim, "status", "paid");
  json_object_set_int_member (claim, "recovered_fen", 8800);
  json_object_set_object_member (o, "claim", claim);
  json_object_set_int_member (o, "closed_at", t + G_TIME_SPAN_DAY);
  g_ptr_array_add (changes, st_change ("incident", o));
  o = care ("incident", "in-2", "shop1", t);
  json_object_set_string_member (o, "kind", "delayed");
  json_object_set_null_member (o, "claim");
  json_object_set_null_member (o, "closed_at");
  g_ptr_array_add (changes, st_change ("incident", o));
  st_apply (f->store, f->account, changes);

  shou_store_count_care (f->store, NULL, f->base, f->base + 7 * G_TIME_SPAN_DAY, &all);
  shou_store_count_care (f->store, "shop1", f->base, f->base + 7 * G_TIME_SPAN_DAY, &one);
  shou_store_count_care (f->store, "shop2", f->base, f->base + 7 * G_TIME_SPAN_DAY, &two);
  shou_store_count_care (f->store, "no-such-shop", f->base, f->base + 7 * G_TIME_SPAN_DAY, &none);
  g_assert_cmpuint (all.reviews, ==, 2);
  g_assert_cmpuint (all.complaints, ==, 2);
  g_assert_cmpuint (all.incidents, ==, 2);
  g_assert_cmpuint (one.reviews, ==, 1);
  g_assert_cmpuint (one.reviews_changed, ==, 1);
  g_assert_cmpuint (one.review_reasons[SHOU_REVIEW_REASON_QUALITY], ==, 1);
  g_assert_cmpuint (one.review_reasons[SHOU_REVIEW_REASON_LOGISTICS], ==, 0);
  g_assert_cmpuint (one.complaints, ==, 1);
  g_assert_cmpuint (one.complaints_open, ==, 1);
  g_assert_cmpint (one.compensated_fen, ==, 1000);
  g_assert_cmpuint (one.incidents, ==, 1);
  g_assert_cmpuint (one.incidents_open, ==, 1);
  g_assert_cmpuint (one.claims, ==, 0);
  g_assert_cmpuint (two.reviews, ==, 1);
  g_assert_cmpuint (two.review_reasons[SHOU_REVIEW_REASON_LOGISTICS], ==, 1);
  g_assert_cmpuint (two.complaint_outcomes[SHOU_COMPLAINT_OUTCOME_WITHDRAWN], ==, 1);
  g_assert_cmpuint (two.complaints_open, ==, 0);
  g_assert_cmpuint (two.incidents, ==, 1);
  g_assert_cmpuint (two.incidents_open, ==, 0);
  g_assert_cmpuint (two.claims, ==, 1);
  g_assert_cmpint (two.claimed_fen, ==, 10000);
  g_assert_cmpint (two.recovered_fen, ==, 8800);
  g_assert_cmpuint (none.reviews + none.complaints + none.incidents, ==, 0);

  /* 即将超时: the platform complaint of shop1 only (the 12315 one has no
   * platform deadline; cp-1, opened long ago, is past its deadlines). */
  g_assert_cmpuint (shou_store_count_due_complaints (f->store, NULL, now), ==, 1);
  g_assert_cmpuint (shou_store_count_due_complaints (f->store, "shop1", now), ==, 1);
  g_assert_cmpuint (shou_store_count_due_complaints (f->store, "shop2", now), ==, 0);
  /* Two days later its seller deadline has lapsed and the buyer may ask
   * the platform: nothing is running for the seller any more. */
  g_assert_cmpuint (shou_store_count_due_complaints (f->store, NULL, now + 2 * G_TIME_SPAN_DAY), ==, 0);
}

/* Registered by hand in the cache (issue 28): a service card names a
 * cached order by its number and plans its return visits; an incident
 * raised from an order carries it; both are queued for the server. */
static void
test_care_by_hand (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autofree char *card = shou_store_register_service_card (f->store, "shop1", " o3 ", &error);
  g_autofree char *none = NULL;
  g_autofree char *key = NULL;
  JsonArray *outcomes;

  g_assert_no_error (error);
  visit = shou_store_get_care (f->store, card);
  g_assert_cmpstr (json_object_get_string_member (visit, "source"), ==, "service_card");
  g_assert_cmpstr (json_object_get_string_member (visit, "order_id"), ==, "o3");
  g_assert_cmpstr (json_object_get_string_member (visit, "buyer_nick"), ==, "买家");
  g_assert_cmpint (json_object_get_int_member (visit, "pending"), ==, 1);
  outcomes = json_object_get_array_member (visit, "outcomes");
  g_assert_cmpuint (json_array_get_length (outcomes), ==, 5);
  /* Not due for a week: listed as coming up, not due. */
  g_assert_cmpuint (shou_store_count_due_visits (f->store, g_get_real_time ()), ==, 0);
  g_assert_cmpuint (shou_store_count_due_visits (f->store, g_get_real_time () + 8 * G_TIME_SPAN_DAY), ==, 1);
  none = shou_store_register_service_card (f->store, "shop2", "o3", &error);
  g_assert_null (none);
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  json_object_set_string_member (fields, "buyer_nick", "买家");
  json_object_set_string_member (fields, "kind", "damaged");
  json_object_set_string_member (fields, "order_no", "o4");
  json_object_set_string_member (fields, "carrier", "SF");
  json_object_set_string_member (fields, "tracking_no", "sf1234 5678 90123");
  key = shou_store_register_incident (f->store, "shop1", fields, &error);
  g_assert_no_error (error);
  incident = shou_store_get_care (f->store, key);
  g_assert_cmpstr (json_object_get_string_member (incident, "order_id"), ==, "o4");
  g_assert_cmpstr (json_object_get_string_member (incident, "tracking_no"), ==, "SF1234567890123");
  /* A made-up tracking number is refused before anything is queued. */
  json_object_set_string_member (fields, "tracking_no", "12");
  g_assert_null (shou_store_register_incident (f->store, "shop1", fields, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "queued"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/stats/week", Fixture, NULL, fixture_set_up, test_week_all_shops, fixture_tear_down);
  g_test_add ("/store/stats/previous-and-shop", Fixture, NULL, fixture_set_up, test_previous_and_shop,
              fixture_tear_down);
  g_test_add ("/store/stats/daily-and-report", Fixture, NULL, fixture_set_up, test_daily_and_report,
              fixture_tear_down);
  g_test_add ("/store/stats/care", Fixture, NULL, fixture_set_up, test_care, fixture_tear_down);
  g_test_add ("/store/stats/care-by-hand", Fixture, NULL, fixture_set_up, test_care_by_hand, fixture_tear_down);
  g_test_add ("/store/stats/update-and-remove", Fixture, NULL, fixture_set_up, test_update_and_remove,
              fixture_tear_down);
  return g_test_run ();
}
