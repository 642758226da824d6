/* test-taobao-batch.c: the Taobao adapter carries pending agree_refund
 * actions of a shop in taobao.rp.refunds.agree calls within the rule
 * profile's limits (20 refunds / 6,000 yuan a call), against taobao-fake on
 * 127.0.0.1 with a real SQLite store (issue 23): 45 agrees are 3 calls of
 * 20, 20 and 5; the amount splits a call and a refund above it fails alone;
 * a refund TOP refuses within a call fails alone, the others are done. */
#include "config.h"

#include <string.h>

#include "hub/platforms/taobao/shou-taobao-platform.h"
#include "platform-test-fixture.h"
#include "taobao-fake.h"

#define APP_KEY "12345678"
#define SECRET  "fake-app-secret"
#define SHOP    "tb-1"
#define AGREE   "taobao.rp.refunds.agree"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformOptions options;

  fixture_open (f, SHOP, SHOU_PLATFORM_TAOBAO, "淘宝店", taobao_fake_new (APP_KEY, SECRET));
  platform_fake_add_token (f->fake, "sess-1", "ref-1");
  options = fixture_options (f, APP_KEY, SECRET);
  f->platform = shou_taobao_platform_new (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (shou_taobao_platform_set_token (f->platform, SHOP, "sess-1", "ref-1", T0 + 30 * 86400, &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_close (f);
}

/* @n refunds waiting for the seller, @yuan each, pulled into the store. */
static GArray *
add_refunds (Fixture    *f,
             guint       n,
             const char *yuan)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, yuan, T0 - 3600 + i);

      g_array_append_val (ids, id);
    }
  return ids;
}

typedef struct
{
  ShouHubBatchItem *items;
  ShouEvent        *events;
  guint             n;
  guint             done;
} Batch;

static void
batch_clear (Batch *b)
{
  for (guint i = 0; i < b->n; i++)
    {
      g_clear_pointer (&b->items[i].failure, shou_hub_failure_free);
      g_clear_pointer (&b->items[i].as, shou_hub_aftersale_free);
    }
  g_free (b->items);
  g_free (b->events);
}

/* Agrees every refund of @ids for its full amount (@fen each) in one
 * perform_batch inside a store transaction, as the hub does. */
static void
agree_all (Fixture *f,
           GArray  *ids,
           gint64  *fen,
           Batch   *b)
{
  g_autoptr(GError) error = NULL;

  b->n = ids->len;
  b->items = g_new0 (ShouHubBatchItem, b->n);
  b->events = g_new0 (ShouEvent, b->n);
  g_assert_true (shou_hub_store_begin (f->store, &error));
  for (guint i = 0; i < b->n; i++)
    {
      g_autofree char *id = g_strdup_printf ("tb-%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

      b->events[i] = (ShouEvent) { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = fen[i] };
      b->items[i].as = shou_hub_platform_fetch_request (SHOU_HUB_PLATFORM (f->platform), MERCHANT, id);
      g_assert_nonnull (b->items[i].as);
      b->items[i].event = &b->events[i];
    }
  b->done = shou_hub_platform_perform_batch (SHOU_HUB_PLATFORM (f->platform), b->items, b->n,
                                             f->now * G_USEC_PER_SEC);
  g_assert_true (shou_hub_store_commit (f->store, &error));
}

static const char *
stored_status (Fixture *f,
               gint64   id)
{
  static char status[64];
  g_autoptr(ShouHubAftersale) as = fixture_stored (f, "tb-", id);

  g_strlcpy (status, json_object_get_string_member (json_object_get_object_member (as->doc, "taobao"), "status"),
             sizeof status);
  return status;
}

/* How many refunds each accepted agree call carried, oldest first. */
static char *
call_sizes (Fixture *f)
{
  g_auto(GStrv) calls = platform_fake_actions (f->fake, AGREE);
  GString *out = g_string_new (NULL);

  for (guint i = 0; calls[i] != NULL; i++)
    {
      g_auto(GStrv) refunds = g_strsplit (calls[i], ",", -1);

      g_string_append_printf (out, "%s%u", i ? "/" : "", g_strv_length (refunds));
    }
  return g_string_free (out, FALSE);
}

/* 45 agrees of 10 yuan: three calls of 20, 20 and 5, all done on TOP and
 * in the store. */
static void
test_forty_five (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) ids = add_refunds (f, 45, "10.00");
  g_autofree gint64 *fen = g_new (gint64, 45);
  g_autofree char *sizes = NULL;
  Batch b = { 0 };

  for (guint i = 0; i < 45; i++)
    fen[i] = 1000;
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, 45);
  agree_all (f, ids, fen, &b);
  g_assert_cmpuint (b.done, ==, 45);
  g_assert_cmpuint (platform_fake_count (f->fake, AGREE), ==, 3);
  sizes = call_sizes (f);
  g_assert_cmpstr (sizes, ==, "20/20/5");
  for (guint i = 0; i < 45; i++)
    {
      g_assert_null (b.items[i].failure);
      g_assert_cmpint (platform_fake_get_status (f->fake, g_array_index (ids, gint64, i)), ==, TB_SUCCESS);
      g_assert_cmpstr (stored_status (f, g_array_index (ids, gint64, i)), ==, "SUCCESS");
    }
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
  batch_clear (&b);
}

/* Ten agrees of 900 yuan: 6 fit in 6,000 yuan, the 7th opens a second
 * call. A 7,000-yuan refund cannot go in any call: it fails alone, before
 * anything is sent for it. */
static void
test_amount_splits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = add_refunds (f, 10, "900.00");
  g_autoptr(GArray) big = add_refunds (f, 1, "7000.00");
  gint64 fen[11];
  g_autofree char *sizes = NULL;
  Batch b = { 0 };

  for (guint i = 0; i < 10; i++)
    fen[i] = 90000;
  g_array_insert_val (ids, 3, g_array_index (big, gint64, 0));
  memmove (&fen[4], &fen[3], 7 * sizeof (gint64));
  fen[3] = 700000;
  fixture_pull_all (f);
  agree_all (f, ids, fen, &b);
  g_assert_cmpuint (b.done, ==, 10);
  g_assert_cmpuint (platform_fake_count (f->fake, AGREE), ==, 2);
  sizes = call_sizes (f);
  g_assert_cmpstr (sizes, ==, "6/4");
  g_assert_nonnull (b.items[3].failure);
  g_assert_cmpuint (b.items[3].failure->status, ==, 422);
  g_assert_cmpstr (b.items[3].failure->code, ==, "platform_refused");
  g_assert_cmpint (platform_fake_get_status (f->fake, g_array_index (big, gint64, 0)), ==, TB_WAIT_SELLER_AGREE);
  g_assert_cmpstr (stored_status (f, g_array_index (big, gint64, 0)), ==, "WAIT_SELLER_AGREE");
  for (guint i = 0; i < 11; i++)
    if (i != 3)
      g_assert_cmpint (platform_fake_get_status (f->fake, g_array_index (ids, gint64, i)), ==, TB_SUCCESS);
  batch_clear (&b);
}

/* Five agrees in one call; the buyer closed the third on TOP after the
 * seller read it, and the fourth is large enough for TOP to ask the SMS
 * code: both fail with TOP's reasons, the other three are done. */
static void
test_one_fails (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) ids = add_refunds (f, 4, "20.00");
  g_autoptr(GArray) large = add_refunds (f, 1, "1500.00");
  gint64 fen[5] = { 2000, 2000, 2000, 150000, 2000 };
  gint64 closed;
  Batch b = { 0 };

  g_array_insert_val (ids, 3, g_array_index (large, gint64, 0));
  fixture_pull_all (f);
  closed = g_array_index (ids, gint64, 2);
  platform_fake_set_status (f->fake, closed, TB_CLOSED, T0 - 10);
  agree_all (f, ids, fen, &b);
  g_assert_cmpuint (platform_fake_count (f->fake, AGREE), ==, 1);
  g_assert_cmpuint (b.done, ==, 3);

  g_assert_nonnull (b.items[2].failure);
  g_assert_cmpuint (b.items[2].failure->status, ==, 422);
  g_assert_cmpstr (b.items[2].failure->code, ==, "platform_refused");
  g_assert_nonnull (strstr (b.items[2].failure->message, "退款"));
  g_assert_cmpint (platform_fake_get_status (f->fake, closed), ==, TB_CLOSED);

  g_assert_nonnull (b.items[3].failure);
  g_assert_cmpstr (b.items[3].failure->code, ==, "verification_code_required");
  g_assert_cmpint (platform_fake_get_status (f->fake, g_array_index (ids, gint64, 3)), ==, TB_WAIT_SELLER_AGREE);
  g_assert_cmpstr (stored_status (f, g_array_index (ids, gint64, 3)), ==, "WAIT_SELLER_AGREE");

  for (guint i = 0; i < 5; i++)
    if (i == 0 || i == 1 || i == 4)
      {
        g_assert_null (b.items[i].failure);
        g_assert_cmpint (platform_fake_get_status (f->fake, g_array_index (ids, gint64, i)), ==, TB_SUCCESS);
        g_assert_cmpstr (stored_status (f, g_array_index (ids, gint64, i)), ==, "SUCCESS");
      }
  batch_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/hub/taobao/batch/forty-five-in-three-calls", Fixture, NULL,
              fixture_setup, test_forty_five, fixture_teardown);
  g_test_add ("/hub/taobao/batch/amount-splits", Fixture, NULL,
              fixture_setup, test_amount_splits, fixture_teardown);
  g_test_add ("/hub/taobao/batch/one-refused-others-done", Fixture, NULL,
              fixture_setup, test_one_fails, fixture_teardown);
  return g_test_run ();
}
