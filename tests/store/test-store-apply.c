/* test-store-apply.c: pages of the change feed written on a worker
 * (shou_store_apply_changes_async): the rows and the cursor land, "changed"
 * comes in the caller's thread once the page is in, the caller's own
 * writes meanwhile succeed, and a page whose account was removed meanwhile
 * leaves no rows. Real SQLite files. */
#include "config.h"

#include <locale.h>

#include "store/shou-store-private.h"
#include "store-test-util.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
on_applied_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = shou_store_apply_changes_finish (SHOU_STORE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
wait_for (Wait *wait)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!wait->done && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait->done);
}

/* A bulk page: @n orders and their aftersales (2n changes), ids @prefix-i. */
static GPtrArray *
bulk_page (const char *prefix,
           guint       n)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *order = g_strdup_printf ("%s-o%u", prefix, i);
      g_autofree char *as = g_strdup_printf ("%s-a%u", prefix, i);
      g_autofree char *no = g_strdup_printf ("NO%s%u", prefix, i);

      g_ptr_array_add (changes, st_change ("order", st_order (order, "shop1", no, "买家", "连衣裙", 1)));
      g_ptr_array_add (changes, st_change ("aftersale",
                                           st_aftersale (as, "shop1", order, "wait_seller_agree",
                                                         g_get_real_time () + (gint64) G_USEC_PER_SEC * 3600, 1)));
    }
  return changes;
}

static gint64
count_requests (ShouStore  *store,
                const char *account_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requests WHERE account_id = '%s'",
                                          account_id);

  return shou_db_query_int (shou_store_get_db (store), sql, -1, NULL);
}

static GThread *main_thread;

static void
on_changed_cb (ShouStore  *store,
               const char *key,
               guint      *count)
{
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

static void
test_page (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *account_id = NULL;
  g_autoptr(ShouStore) store = st_store_new (dir, &account_id);
  g_autoptr(GPtrArray) small = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  GPtrArray *changes = bulk_page ("p", 300);
  Wait wait = { 0 };
  guint changed = 0;

  g_assert_true (shou_store_can_apply_async (store));
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changed);
  shou_store_apply_changes_async (store, account_id, changes, NULL, "c-bulk", changes,
                                  (GDestroyNotify) g_ptr_array_unref, on_applied_cb, &wait);
  /* This thread writes meanwhile: it waits for the page, never fails busy. */
  g_ptr_array_add (small, st_change ("aftersale", st_aftersale ("mine", "shop1", "o-none", "wait_seller_agree",
                                                                g_get_real_time () + G_USEC_PER_SEC, 1)));
  g_assert_true (shou_store_apply_changes (store, account_id, small, "c-small", &error));
  g_assert_no_error (error);
  wait_for (&wait);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  /* Every row is there for this thread's connection. */
  g_assert_cmpint (count_requests (store, account_id), ==, 301);
  cursor = shou_store_get_cursor (store, account_id);
  g_assert_true (g_strcmp0 (cursor, "c-bulk") == 0 || g_strcmp0 (cursor, "c-small") == 0);
  /* The bulk page's "changed" (coalesced) comes in this thread. */
  shou_store_flush_changed (store);
  g_assert_cmpuint (changed, >=, 2);

  g_clear_object (&store);
  st_rm_rf (dir);
}

static void
test_removed_account (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *account_id = NULL;
  g_autoptr(ShouStore) store = st_store_new (dir, &account_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = shou_store_add_account (store, "http://127.0.0.1:8", "第二个账号", &error);
  Wait wait = { 0 }, wait2 = { 0 };
  GPtrArray *changes, *changes2;

  g_assert_no_error (error);
  /* Removed while its page is on its way: before or after the page, no
   * row of it stays. */
  changes = bulk_page ("x", 200);
  shou_store_apply_changes_async (store, other, changes, NULL, "c1", changes,
                                  (GDestroyNotify) g_ptr_array_unref, on_applied_cb, &wait);
  g_assert_true (shou_store_remove_account (store, other, &error));
  g_assert_no_error (error);
  wait_for (&wait);
  g_assert_no_error (wait.error);
  g_assert_cmpint (count_requests (store, other), ==, 0);

  /* A page that starts after the removal writes nothing either. */
  changes2 = bulk_page ("y", 200);
  shou_store_apply_changes_async (store, other, changes2, NULL, "c2", changes2,
                                  (GDestroyNotify) g_ptr_array_unref, on_applied_cb, &wait2);
  wait_for (&wait2);
  g_assert_no_error (wait2.error);
  g_assert_cmpint (count_requests (store, other), ==, 0);
  g_assert_null (shou_store_get_cursor (store, other));
  g_assert_cmpint (count_requests (store, account_id), ==, 0);

  g_clear_object (&store);
  st_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  main_thread = g_thread_self ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/apply-async/page", test_page);
  g_test_add_func ("/store/apply-async/removed-account", test_removed_account);
  return g_test_run ();
}
