/* test-store-care-clock.c: a care step is checked at the server's time, as
 * of the account's last sync (its clock offset), not this machine's: a
 * return visit the server has due is recordable even when the local clock
 * lags (a skewed clock, or the simulator's test clock moved on), and one
 * the server has not due yet is refused although the local clock is past
 * it. A real SQLite file; the visit as the change feed sends it. */
#include "config.h"

#include <glib.h>

#include "store/shou-store-care.h"
#include "store-test-util.h"

#define DAY G_TIME_SPAN_DAY

/* A visit planned after a complaint settled at @anchor_at. */
static void
apply_visit (StFixture  *f,
             const char *id,
             gint64      anchor_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) visit = json_object_new ();
  JsonArray *outcomes = json_array_new ();

  json_object_set_string_member (visit, "id", id);
  json_object_set_string_member (visit, "shop_id", "shop1");
  json_object_set_string_member (visit, "buyer_nick", "小王同学");
  json_object_set_null_member (visit, "order_id");
  json_object_set_null_member (visit, "order_no");
  json_object_set_string_member (visit, "source", "complaint");
  json_object_set_string_member (visit, "source_id", "c1");
  json_object_set_int_member (visit, "anchor_at", anchor_at);
  for (guint i = 0; i < 5; i++)
    json_array_add_string_element (outcomes, "pending");
  json_object_set_array_member (visit, "outcomes", outcomes);
  json_object_set_array_member (visit, "done", json_array_new ());
  json_object_set_int_member (visit, "created_at", anchor_at);
  json_object_set_int_member (visit, "updated_at", anchor_at);
  json_object_set_int_member (visit, "version", 1);
  g_assert_true (shou_store_apply_care (f->store, f->account, "visit", visit, &error));
  g_assert_no_error (error);
}

static char *
visit_key (StFixture  *f,
           const char *id)
{
  g_autoptr(GPtrArray) visits = shou_store_list_care (f->store, "visit", SHOU_CARE_LIST_ALL, 10);

  for (guint i = 0; i < visits->len; i++)
    if (g_strcmp0 (json_object_get_string_member (visits->pdata[i], "id"), id) == 0)
      return g_strdup (json_object_get_string_member (visits->pdata[i], "key"));
  g_assert_not_reached ();
}

static void
set_offset (StFixture *f,
            gint64     offset)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_store_set_sync_success (f->store, f->account, g_get_real_time (), offset, &error));
  g_assert_no_error (error);
}

/* Settled 2 days ago by this machine's clock; the server is 6 days ahead:
 * the week's visit is due there, and recording it is taken. */
static void
test_server_ahead (void)
{
  StFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) visit = NULL;

  st_fixture_open (&f);
  apply_visit (&f, "v1", g_get_real_time () - 2 * DAY);
  key = visit_key (&f, "v1");

  /* Without the offset, the visit is not due: refused. */
  g_assert_false (shou_store_enqueue_visit_record (f.store, key, SHOU_VISIT_OUTCOME_SATISFIED, NULL, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  set_offset (&f, 6 * DAY);
  g_assert_true (shou_store_enqueue_visit_record (f.store, key, SHOU_VISIT_OUTCOME_SATISFIED, NULL, &error));
  g_assert_no_error (error);
  visit = shou_store_get_care (f.store, key);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (visit, "outcomes"), 0), ==,
                   "satisfied");
  g_assert_cmpint (json_object_get_int_member (visit, "pending"), ==, 1);
  st_fixture_close (&f);
}

/* Settled 8 days ago by this machine's clock, but the server is 3 days
 * behind: its week's visit is not due yet, so the step is refused. */
static void
test_server_behind (void)
{
  StFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  st_fixture_open (&f);
  apply_visit (&f, "v2", g_get_real_time () - 8 * DAY);
  key = visit_key (&f, "v2");
  set_offset (&f, -3 * DAY);
  g_assert_false (shou_store_enqueue_visit_record (f.store, key, SHOU_VISIT_OUTCOME_SATISFIED, NULL, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  st_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-care-clock/server-ahead", test_server_ahead);
  g_test_add_func ("/store-care-clock/server-behind", test_server_behind);
  return g_test_run ();
}
