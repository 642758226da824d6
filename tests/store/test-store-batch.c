/* test-store-batch: one action on many requests. The selection's count,
 * total and keys come from SQL over the list's filter; a batch is checked
 * request by request (those not allowed stay out, with the reason) and
 * becomes one outbox entry per request, each with its own idempotency
 * key; the items follow their entries to done or failed (and why). */
#include "config.h"

#include <locale.h>

#include "store/shou-batch.h"
#include "store/shou-outbox.h"
#include "store/shou-store-private.h"
#include "sync/shou-api-errors.h"
#include "store-test-util.h"

#define N_ALLOWED 30
#define N_OTHERS 10

typedef StFixture Fixture;

/* 30 refund-only requests waiting for the seller (agree_refund allowed),
 * r00..r29 at 1.00 + i yuan, and 10 waiting for the buyer's return (not
 * allowed), r30..r39. */
static JsonObject *
request (guint  i,
         gint64 version)
{
  g_autofree char *id = g_strdup_printf ("r%02u", i);
  g_autofree char *oid = g_strdup_printf ("o%02u", i);
  JsonObject *a = st_aftersale (id, "shop1", oid, i < N_ALLOWED ? "wait_seller" : "wait_buyer_return",
                                g_get_real_time () + (i + 1) * G_TIME_SPAN_HOUR, version);

  json_object_set_int_member (a, "amount_fen", 100 * (i + 1));
  return a;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  st_fixture_open (f);
  for (guint i = 0; i < N_ALLOWED + N_OTHERS; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o%02u", i);
      g_autofree char *order_no = g_strdup_printf ("TB%04u", i);

      g_ptr_array_add (page, st_change ("order", st_order (oid, "shop1", order_no, "buyer", "goods", 1)));
      g_ptr_array_add (page, st_change ("aftersale", request (i, 1)));
    }
  st_apply (f->store, f->account, page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  st_fixture_close (f);
}

static GHashTable *
key_set (const char *first, ...)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  va_list args;

  va_start (args, first);
  for (const char *k = first; k != NULL; k = va_arg (args, const char *))
    g_hash_table_add (set, g_strdup (k));
  va_end (args);
  return set;
}

static void
test_selection_sql (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (f->store);
  g_autoptr(GHashTable) none = key_set (NULL, NULL);
  g_autoptr(GHashTable) two = key_set ("r00", "r05", NULL);
  g_autoptr(GHashTable) outside = key_set ("r00", "r35", "nope", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  gint64 total = 0;
  gint64 expected = 0;

  /* The pending view holds the 30 waiting for the seller. */
  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  for (guint i = 0; i < N_ALLOWED; i++)
    expected += 100 * (i + 1);
  g_assert_cmpuint (shou_request_list_summarize (list, TRUE, none, &total), ==, N_ALLOWED);
  g_assert_cmpint (total, ==, expected);
  /* "All but two". */
  g_assert_cmpuint (shou_request_list_summarize (list, TRUE, two, &total), ==, N_ALLOWED - 2);
  g_assert_cmpint (total, ==, expected - 100 - 600);
  g_assert_cmpuint (shou_request_list_summarize (list, FALSE, two, &total), ==, 2);
  g_assert_cmpint (total, ==, 700);
  /* Keys outside the view (another view's, unknown) count for nothing. */
  g_assert_cmpuint (shou_request_list_summarize (list, FALSE, outside, &total), ==, 1);
  g_assert_cmpint (total, ==, 100);
  g_assert_cmpuint (shou_request_list_summarize (list, FALSE, none, &total), ==, 0);

  /* In the list's order (deadline: r00 first). */
  keys = shou_request_list_selected_keys (list, TRUE, two);
  g_assert_cmpuint (keys->len, ==, N_ALLOWED - 2);
  g_assert_cmpstr (keys->pdata[0], ==, "r01");
  g_assert_cmpstr (keys->pdata[keys->len - 1], ==, "r29");
  g_clear_pointer (&keys, g_ptr_array_unref);
  keys = shou_request_list_keys_in_range (list, 3, 4);
  g_assert_cmpuint (keys->len, ==, 4);
  g_assert_cmpstr (keys->pdata[0], ==, "r03");
  g_assert_cmpstr (keys->pdata[3], ==, "r06");
  g_clear_pointer (&keys, g_ptr_array_unref);

  /* A search's rows are its matches. */
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  shou_request_list_set_search (list, "TB0003");
  for (guint guard = 0; guard < 1000 && shou_request_list_get_searching (list); guard++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (shou_request_list_summarize (list, TRUE, none, &total), ==, 1);
  g_assert_cmpint (total, ==, 400);
  keys = shou_request_list_selected_keys (list, TRUE, none);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (keys->pdata[0], ==, "r03");
}

static GPtrArray *
all_keys (void)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_ALLOWED + N_OTHERS; i++)
    g_ptr_array_add (keys, g_strdup_printf ("r%02u", i));
  return keys;
}

static gint64
count_sql (Fixture    *f,
           const char *sql)
{
  return shou_db_query_int (shou_store_get_db (f->store), sql, -1, NULL);
}

static void
test_batch_enqueue (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = all_keys ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  ShouBatchItem *item;

  items = shou_store_batch_prepare (f->store, keys, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (items->len, ==, N_ALLOWED + N_OTHERS);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_READY), ==, N_ALLOWED);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_EXCLUDED), ==, N_OTHERS);
  item = items->pdata[N_ALLOWED];
  g_assert_cmpstr (item->request_id, ==, "r30");
  g_assert_cmpstr (item->order_no, ==, "TB0030");
  g_assert_nonnull (item->reason);
  g_assert_cmpstr (item->reason, !=, "");
  /* Nothing is queued by checking. */
  g_assert_cmpuint (shou_store_count_outbox (f->store, "queued"), ==, 0);

  /* One request changes on the server between the check and the queueing:
   * the store refuses it, the others go on. */
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r00", "shop1", "o00", "wait_buyer_return", 0, 2)));
  st_apply (f->store, f->account, page);

  g_assert_cmpuint (shou_store_batch_enqueue (f->store, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, N_ALLOWED - 1);
  item = items->pdata[0];
  g_assert_cmpint (item->state, ==, SHOU_BATCH_FAILED);
  g_assert_nonnull (item->reason);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_QUEUED), ==, N_ALLOWED - 1);
  /* One entry per request, each with its own key, at the version checked. */
  g_assert_cmpuint (shou_store_count_outbox (f->store, "queued"), ==, N_ALLOWED - 1);
  g_assert_cmpint (count_sql (f, "SELECT count(DISTINCT idempotency_key) FROM outbox"), ==, N_ALLOWED - 1);
  g_assert_cmpint (count_sql (f, "SELECT count(DISTINCT request_id) FROM outbox"), ==, N_ALLOWED - 1);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM outbox WHERE expected_version = 1 AND action = 'agree_refund'"),
                   ==, N_ALLOWED - 1);
  /* Not again: a second enqueue of the same items queues nothing. */
  g_assert_cmpuint (shou_store_batch_enqueue (f->store, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, 0);
  g_assert_false (shou_store_batch_refresh (f->store, items));
}

/* Agree return takes one address, of one shop: the others' requests stay
 * out, as do those that do not allow the action, each with its reason. */
static void
test_batch_shop_and_action (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = all_keys ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *shop = NULL;
  ShouBatchItem *item;

  items = shou_store_batch_prepare (f->store, keys, SHOU_ACTION_AGREE_RETURN, NULL);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_EXCLUDED), ==, N_ALLOWED + N_OTHERS);
  g_assert_cmpuint (shou_store_batch_enqueue (f->store, items, SHOU_ACTION_AGREE_RETURN, NULL), ==, 0);

  other = shou_store_batch_prepare (f->store, keys, SHOU_ACTION_AGREE_REFUND, "another-shop");
  g_assert_cmpuint (shou_batch_count (other, SHOU_BATCH_EXCLUDED), ==, N_ALLOWED + N_OTHERS);
  item = other->pdata[0];
  g_assert_nonnull (item->shop_id);
  g_assert_cmpstr (item->reason, !=, ((ShouBatchItem *) items->pdata[0])->reason);
  shop = g_strdup (item->shop_id);
  g_clear_pointer (&other, g_ptr_array_unref);
  /* Its own shop: the refund-only requests take part. */
  other = shou_store_batch_prepare (f->store, keys, SHOU_ACTION_AGREE_REFUND, shop);
  g_assert_cmpuint (shou_batch_count (other, SHOU_BATCH_READY), ==, N_ALLOWED);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "queued"), ==, 0);
}

static void
test_batch_partial_failure (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = all_keys ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (keys, N_ALLOWED);
  items = shou_store_batch_prepare (f->store, keys, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (shou_store_batch_enqueue (f->store, items, SHOU_ACTION_AGREE_REFUND, NULL), ==, N_ALLOWED);

  /* The server accepts every request but three; those it refuses. */
  for (guint i = 0; i < N_ALLOWED; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_autoptr(ShouOutboxEntry) entry = shou_store_outbox_next (f->store, f->account);

      g_assert_nonnull (entry);
      g_assert_cmpint (entry->id, ==, item->entry_id);
      g_assert_true (shou_store_outbox_mark_sending (f->store, entry->id, &error));
      if (i % 10 == 3)
        g_assert_true (shou_store_outbox_conflict_full (f->store, entry->id, "not_allowed", "refused",
                                                        "negotiation_waiting", &error));
      else
        g_assert_true (shou_store_outbox_complete (f->store, entry->id, NULL, &error));
      g_assert_no_error (error);
      /* Until the last, some are still queued. */
      g_assert_true (shou_store_batch_refresh (f->store, items) == (i == N_ALLOWED - 1));
    }

  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_DONE), ==, N_ALLOWED - 3);
  g_assert_cmpuint (shou_batch_count (items, SHOU_BATCH_FAILED), ==, 3);
  for (guint i = 0; i < N_ALLOWED; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      if (i % 10 == 3)
        {
          g_autofree char *said = shou_api_error_describe ("not_allowed", "negotiation_waiting");

          g_assert_cmpint (item->state, ==, SHOU_BATCH_FAILED);
          /* In the UI's words, from the codes: never the server's text. */
          g_assert_cmpstr (item->reason, ==, said);
        }
      else
        g_assert_null (item->reason);
    }

  /* Retry: the failures are checked again; allowed now, they are queued
   * again with new keys (the conflict is dropped). */
  failed = shou_batch_request_ids (items, SHOU_BATCH_FAILED);
  g_assert_cmpuint (failed->len, ==, 3);
  g_assert_cmpstr (failed->pdata[0], ==, "r03");
  again = shou_store_batch_prepare (f->store, failed, SHOU_ACTION_AGREE_REFUND, NULL);
  g_assert_cmpuint (shou_batch_count (again, SHOU_BATCH_READY), ==, 3);
  g_assert_cmpuint (shou_store_batch_enqueue (f->store, again, SHOU_ACTION_AGREE_REFUND, NULL), ==, 3);
  g_assert_cmpuint (shou_store_count_outbox (f->store, "conflict"), ==, 0);
  g_assert_cmpint (count_sql (f, "SELECT count(DISTINCT idempotency_key) FROM outbox"), ==, N_ALLOWED + 3);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-batch/selection-sql", Fixture, NULL, fixture_setup, test_selection_sql, fixture_teardown);
  g_test_add ("/store-batch/enqueue", Fixture, NULL, fixture_setup, test_batch_enqueue, fixture_teardown);
  g_test_add ("/store-batch/shop-and-action", Fixture, NULL, fixture_setup, test_batch_shop_and_action,
              fixture_teardown);
  g_test_add ("/store-batch/partial-failure", Fixture, NULL, fixture_setup, test_batch_partial_failure,
              fixture_teardown);

  return g_test_run ();
}
