/* test-store-team.c: claims in the cache, and changes of kinds a version
 * does not know, kept until a version that knows them opens the cache
 * (real SQLite files). */
#include "config.h"

#include "store-test-util.h"
#include "store/shou-store-accounts.h"
#include "store/shou-store-private.h"
#include "store/shou-store-team.h"

#define FAR (G_GINT64_CONSTANT (4102444800) * G_USEC_PER_SEC)  /* 2100 */

static JsonObject *
claim_change (const char *aftersale_id,
              const char *state,
              const char *staff_id,
              const char *name,
              gint64      expires_at,
              gint64      seq)
{
  JsonObject *data = json_object_new ();
  JsonObject *holder = json_object_new ();
  JsonObject *change;

  json_object_set_string_member (data, "aftersale_id", aftersale_id);
  json_object_set_string_member (data, "state", state);
  if (staff_id)
    json_object_set_string_member (holder, "staff_id", staff_id);
  else
    json_object_set_null_member (holder, "staff_id");
  json_object_set_string_member (holder, "name", name);
  json_object_set_object_member (data, "holder", holder);
  json_object_set_int_member (data, "expires_at", expires_at);
  json_object_set_int_member (data, "updated_at", expires_at - 120 * G_USEC_PER_SEC);
  change = json_object_new ();
  json_object_set_int_member (change, "seq", seq);
  json_object_set_string_member (change, "kind", "claim");
  json_object_set_string_member (change, "id", aftersale_id);
  json_object_set_object_member (change, "data", data);
  return change;
}

static JsonObject *
future_change (const char *id,
               const char *text)
{
  JsonObject *data = json_object_new ();
  JsonObject *change = json_object_new ();

  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "note", text);
  json_object_set_int_member (change, "seq", 99);
  json_object_set_string_member (change, "kind", "shipping_label");
  json_object_set_string_member (change, "id", id);
  json_object_set_object_member (change, "data", data);
  return change;
}

static void
count_changed_cb (ShouStore  *store,
                  const char *request_key,
                  guint      *n)
{
  (*n)++;
}

static void
apply (ShouStore  *store,
       const char *account_id,
       GPtrArray  *changes,
       const char *cursor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_store_apply_changes (store, account_id, changes, cursor, &error));
  g_assert_no_error (error);
}

/* A version that does not know "claim" keeps the claims it pulls (and
 * moves its cursor on); the version that knows them shows them at once
 * when it opens the same file, without reading the feed again. */
static void
test_learned_later (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autofree char *account_id = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouClaim) claim = NULL;
  const char *old_kinds[] = { "claim", NULL };
  gint64 now = g_get_real_time ();

  shou_store_forget_kinds_for_testing (old_kinds);
  store = st_store_new (dir, &account_id);
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("as1", "shop1", "o1", "wait_seller_agree",
                                                               now + G_TIME_SPAN_DAY, 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("as2", "shop1", "o1", "wait_seller_agree",
                                                               now + G_TIME_SPAN_DAY, 1)));
  g_ptr_array_add (page, claim_change ("as1", "held", "s-zhang", "张三", FAR, 10));
  g_ptr_array_add (page, claim_change ("as2", "held", "s-wang", "王五", FAR, 11));
  g_ptr_array_add (page, future_change ("x1", "<b>不是标记</b>"));
  apply (store, account_id, page, "c1");

  /* The old version: the cursor moved on, nothing shows a claim, and the
   * claims are kept. */
  cursor = shou_store_get_cursor (store, account_id);
  g_assert_cmpstr (cursor, ==, "c1");
  g_assert_null (shou_store_get_claim (store, "as1", now));
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "claim"), ==, 2);
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "shipping_label"), ==, 1);

  /* A later state of one kept entity replaces the earlier one. */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, claim_change ("as1", "held", "s-li", "李四", FAR, 12));
  g_ptr_array_add (page, claim_change ("as2", "released", "s-wang", "王五", now, 13));
  apply (store, account_id, page, "c2");
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "claim"), ==, 2);
  g_clear_object (&store);

  /* The version that knows claims opens the same file. */
  shou_store_forget_kinds_for_testing (NULL);
  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  claim = shou_store_get_claim (store, "as1", now);
  g_assert_nonnull (claim);
  g_assert_cmpstr (claim->name, ==, "李四");
  g_assert_cmpstr (claim->staff_id, ==, "s-li");
  g_assert_false (claim->mine);
  g_assert_cmpint (claim->expires_at, ==, FAR);
  g_assert_null (shou_store_get_claim (store, "as2", now));
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "claim"), ==, 0);
  /* Still unknown here: still kept, for the version after. */
  g_assert_cmpuint (shou_store_count_unknown_changes (store, "shipping_label"), ==, 1);
  g_clear_pointer (&cursor, g_free);
  cursor = shou_store_get_cursor (store, account_id);
  g_assert_cmpstr (cursor, ==, "c2");

  /* Reopening replays nothing twice. */
  g_clear_object (&store);
  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&claim, shou_claim_free);
  claim = shou_store_get_claim (store, "as1", now);
  g_assert_cmpstr (claim->name, ==, "李四");

  g_clear_object (&store);
  st_rm_rf (dir);
}

/* Claims from the feed: held until expires_at, released or expired
 * entries clear them; the account's own staff id makes one "mine". */
static void
test_claims (void)
{
  g_autofree char *dir = st_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shouhou.db", NULL);
  g_autofree char *account_id = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouClaim) claim = NULL;
  g_autofree char *staff = NULL;
  gint64 now = g_get_real_time ();
  guint changed = 0;

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  account_id = shou_store_add_account_full (store, NULL, "http://127.0.0.1:9", "客服", "m1", "s-me",
                                            FALSE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("as1", "shop1", "o1", "wait_seller_agree",
                                                               now + G_TIME_SPAN_DAY, 1)));
  g_ptr_array_add (page, claim_change ("as1", "held", "s-me", "我", now + 60 * G_USEC_PER_SEC, 1));
  apply (store, account_id, page, "c1");
  staff = shou_store_get_request_staff_id (store, "as1");
  g_assert_cmpstr (staff, ==, "s-me");
  claim = shou_store_get_claim (store, "as1", now);
  g_assert_nonnull (claim);
  g_assert_true (claim->mine);
  g_clear_pointer (&claim, shou_claim_free);
  /* A lease not renewed is over at expires_at, feed entry or not. */
  g_assert_null (shou_store_get_claim (store, "as1", now + 61 * G_USEC_PER_SEC));

  /* The 409 answer names someone else: recorded, "changed" emitted. */
  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_true (shou_store_set_claim (store, "as1", "s-zhang", "张三", now + 120 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  claim = shou_store_get_claim (store, "as1", now);
  g_assert_cmpstr (claim->name, ==, "张三");
  g_assert_false (claim->mine);
  g_clear_pointer (&claim, shou_claim_free);

  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, claim_change ("as1", "expired", "s-zhang", "张三", now, 2));
  apply (store, account_id, page, "c2");
  g_assert_null (shou_store_get_claim (store, "as1", now - G_USEC_PER_SEC));

  g_clear_object (&store);
  st_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/team/learned-later", test_learned_later);
  g_test_add_func ("/store/team/claims", test_claims);
  return g_test_run ();
}
