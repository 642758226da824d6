/* The order's own parcel through HTTP (API.md "order" shipments, POST
 * /v1/test/shipment): shipped, collected, first event, refused, returning,
 * returned; an intercept of a signed parcel refused with its reason; the
 * parcel in the change feed and in GET /v1/aftersales/{id}. Runs on SQLite
 * and on PostgreSQL. */
#include "config.h"

#include "sim-test-util.h"

static JsonObject *
step (SimFixture *f,
      const char *order_id,
      const char *state,
      const char *extra,
      guint       status,
      const char *reason)
{
  g_autofree char *body = g_strdup_printf ("{\"order_id\": \"%s\", \"state\": \"%s\"%s}", order_id, state,
                                           extra ? extra : "");
  g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/shipment", NULL, body);

  if (r->status != status)
    g_error ("%s: %u %s", state, r->status, (const char *) g_bytes_get_data (r->body, NULL));
  if (reason != NULL)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sim_object (r), "error"),
                                                    "reason"), ==, reason);
  return status == 200 ? json_object_ref (sim_member (r, "order")) : NULL;
}

static JsonObject *
parcel_of (JsonObject *order)
{
  JsonArray *shipments = json_object_get_array_member (order, "shipments");

  g_assert_cmpuint (json_array_get_length (shipments), ==, 1);
  return json_array_get_object_element (shipments, 0);
}

/* The order as the change feed shows it last. */
static JsonObject *
order_in_feed (SimFixture *f,
               const char *order_id)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
  JsonArray *changes = json_object_get_array_member (sim_object (r), "changes");
  JsonObject *found = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "order") &&
          g_str_equal (json_object_get_string_member (c, "id"), order_id))
        found = json_object_get_object_member (c, "data");
    }
  g_assert_nonnull (found);
  return json_object_ref (found);
}

static void
test_refused_and_returned (SimFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-pdd", "pending_shipment");
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) fed = NULL;
  g_autoptr(JsonObject) as = NULL;
  g_autoptr(SimResponse) opened = NULL;
  g_autofree char *open = NULL;
  JsonArray *events;
  JsonObject *p;
  gint64 version;
  static const char *const steps[] = { "collected", "in_transit", "refused", "returning", "returned" };

  /* Not shipped yet: no parcel. */
  fed = order_in_feed (f, order_id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fed, "shipments")), ==, 0);
  g_clear_pointer (&fed, json_object_unref);

  o = step (f, order_id, "shipped", ", \"carrier\": \"ZTO\", \"tracking_no\": \"73100000000001\"", 200, NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "shipped");
  g_assert_cmpstr (json_object_get_string_member (parcel_of (o), "state"), ==, "shipped");
  g_assert_cmpstr (json_object_get_string_member (parcel_of (o), "tracking_no"), ==, "73100000000001");
  version = json_object_get_int_member (o, "version");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_clear_pointer (&o, json_object_unref);
      sim_advance (f, 3 * G_TIME_SPAN_HOUR);
      o = step (f, order_id, steps[i], NULL, 200, NULL);
      p = parcel_of (o);
      g_assert_cmpstr (json_object_get_string_member (p, "state"), ==, steps[i]);
      g_assert_cmpint (json_object_get_int_member (o, "version"), ==, version + i + 1);
    }
  p = parcel_of (o);
  g_assert_false (json_object_get_null_member (p, "refused_at"));
  g_assert_true (json_object_get_null_member (p, "signed_at"));
  events = json_object_get_array_member (p, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 5), "text"), ==,
                   "快件已退回寄件人");

  /* The change feed carries the order with its parcel at its latest state. */
  fed = order_in_feed (f, order_id);
  g_assert_cmpstr (json_object_get_string_member (parcel_of (fed), "state"), ==, "returned");

  /* A refund-only request on the order shows the parcel as proof. */
  open = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s-1\","
                          " \"type\": \"refund_only\", \"reason_code\": \"not_received\", \"text\": \"拒收了\","
                          " \"amount_fen\": 100}", order_id, order_id);
  opened = sim_request (f, "POST", "/v1/test/buyer", NULL, open);
  g_assert_cmpuint (opened->status, ==, 200);
  as = sim_get_aftersale (f, SIM_TOKEN_A, json_object_get_string_member (sim_member (opened, "aftersale"), "id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (as, "order_shipments")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (as, "order_shipments"), 0), "state"), ==, "returned");
}

static void
test_out_of_order (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "pending_shipment");
  g_autofree char *done_id = sim_new_order (f, "a-taobao", "completed");
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(SimResponse) missing = sim_request (f, "POST", "/v1/test/shipment", NULL,
                                                "{\"order_id\": \"o-404\", \"state\": \"collected\"}");

  g_assert_cmpuint (missing->status, ==, 404);
  /* A first parcel needs its number; states are checked. */
  step (f, order_id, "shipped", NULL, 400, NULL);
  step (f, order_id, "flying", NULL, 400, NULL);
  step (f, order_id, "collected", NULL, 422, "not_shipped");
  o = step (f, order_id, "shipped", ", \"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\"", 200, NULL);
  step (f, order_id, "in_transit", NULL, 422, "not_collected");
  g_clear_pointer (&o, json_object_unref);
  o = step (f, order_id, "collected", NULL, 200, NULL);
  g_clear_pointer (&o, json_object_unref);
  o = step (f, order_id, "signed", NULL, 200, NULL);
  /* Intercepting (returning) or refusing a signed parcel fails with its reason. */
  step (f, order_id, "returning", NULL, 422, "already_signed");
  step (f, order_id, "refused", NULL, 422, "already_signed");
  g_assert_cmpstr (json_object_get_string_member (parcel_of (o), "state"), ==, "signed");

  /* A completed order of the simulator came with a signed parcel. */
  step (f, done_id, "returning", NULL, 422, "already_signed");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sim/outbound/refused-and-returned", SimFixture, NULL, sim_fixture_setup,
              test_refused_and_returned, sim_fixture_teardown);
  g_test_add ("/sim/outbound/out-of-order", SimFixture, NULL, sim_fixture_setup,
              test_out_of_order, sim_fixture_teardown);
  return g_test_run ();
}
