/* test-core-domain.c: records round-trip through the API's JSON */
#include "config.h"

#include "core-test-util.h"

static JsonObject *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (CORE_TEST_FIXTURES, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
test_aftersale_round_trip (void)
{
  g_autoptr(JsonObject) object = load_fixture ("aftersale.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouAftersale) a = shou_aftersale_from_json (object, &error);
  g_autoptr(ShouAftersale) again = NULL;
  g_autoptr(JsonObject) out = NULL;
  g_autoptr(JsonObject) out2 = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  const ShouNegotiationRound *round;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->id, ==, "as-1");
  g_assert_cmpint (a->platform, ==, SHOU_PLATFORM_PDD);
  g_assert_cmpstr (a->platform_status, ==, "3");
  g_assert_cmpint (a->type, ==, SHOU_REQUEST_RETURN_REFUND);
  g_assert_cmpint (a->status, ==, SHOU_STATUS_NEGOTIATING);
  g_assert_cmpint (a->amount_fen, ==, 2000);
  g_assert_cmpint (a->good_status, ==, SHOU_GOOD_RECEIVED);
  g_assert_cmpint (a->on_lapse, ==, SHOU_LAPSE_NEXT_ROUND);
  g_assert_cmpint (a->deadline_actor, ==, SHOU_ACTOR_BUYER);
  g_assert_cmphex (a->allowed, ==, SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND) |
                                   SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN) |
                                   SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE));
  g_assert_cmpint (a->why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_NEGOTIATION_WAITING);
  g_assert_cmpint (a->why_not[SHOU_ACTION_AGREE_REFUND], ==, SHOU_REASON_NONE);
  g_assert_cmpint (a->nego_phase, ==, SHOU_NEGO_ROUND1_WAIT);
  g_assert_cmpuint (a->rounds->len, ==, 1);
  round = g_ptr_array_index (a->rounds, 0);
  g_assert_cmpuint (round->round, ==, 1);
  g_assert_cmpstr (round->scripts[1], ==, "s2");
  g_assert_null (round->reply);
  g_assert_null (a->return_address);
  g_assert_nonnull (a->return_shipment);
  g_assert_cmpstr (a->return_shipment->carrier, ==, "SF");
  g_assert_cmpuint (a->return_shipment->events->len, ==, 1);
  g_assert_cmpstr (a->line->title, ==, "纯棉T恤");
  g_assert_cmpuint (a->evidence->len, ==, 1);
  g_assert_cmpint (((ShouEvidence *) g_ptr_array_index (a->evidence, 0))->by, ==, SHOU_ACTOR_BUYER);
  g_assert_cmpuint (a->timeline->len, ==, 2);

  /* Written and read again, nothing changes. */
  out = shou_aftersale_to_json (a);
  again = shou_aftersale_from_json (out, &error);
  g_assert_no_error (error);
  out2 = shou_aftersale_to_json (again);
  s1 = to_string (out);
  s2 = to_string (out2);
  g_assert_cmpstr (s1, ==, s2);
  g_assert_true (json_object_get_null_member (out, "rejection"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "blocked_actions")), ==,
                    SHOU_N_ACTIONS - 3);
}

static void
test_order_and_shop (void)
{
  const char *order_json =
    "{\"id\": \"o-1\", \"shop_id\": \"s\", \"order_no\": \"2026\", \"state\": \"shipped\","
    " \"cod\": true, \"paid_fen\": 2500, \"created_at\": 1, \"paid_at\": 2, \"shipped_at\": 3,"
    " \"completed_at\": null, \"buyer\": {\"nick\": \"n\", \"name\": \"张*\", \"phone\": \"138****5678\","
    " \"address\": \"浙江省***\"}, \"lines\": [{\"id\": \"l\", \"title\": \"t\", \"sku\": \"k\","
    " \"quantity\": 2, \"price_fen\": 1250}], \"updated_at\": 4, \"version\": 7}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouOrder) order = NULL;
  g_autoptr(JsonObject) out = NULL;
  g_autoptr(ShouShop) shop = NULL;
  g_autoptr(JsonObject) shop_json = json_object_new ();

  g_assert_true (json_parser_load_from_data (parser, order_json, -1, NULL));
  order = shou_order_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->state, ==, SHOU_ORDER_SHIPPED);
  g_assert_true (order->cod);
  g_assert_cmpint (order->completed_at, ==, 0);
  g_assert_cmpstr (order->buyer.name, ==, "张*");
  g_assert_cmpuint (order->lines->len, ==, 1);
  g_assert_cmpuint (((ShouOrderLine *) g_ptr_array_index (order->lines, 0))->quantity, ==, 2);
  out = shou_order_to_json (order);
  g_assert_true (json_object_get_null_member (out, "completed_at"));
  g_assert_cmpint (json_object_get_int_member (out, "version"), ==, 7);

  json_object_set_string_member (shop_json, "id", "s");
  json_object_set_string_member (shop_json, "platform", "douyin");
  json_object_set_string_member (shop_json, "name", "小店");
  shop = shou_shop_from_json (shop_json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shop->platform, ==, SHOU_PLATFORM_DOUYIN);
}

typedef struct
{
  const char *json;
  const char *message_prefix;
} BadCase;

static const BadCase bad_cases[] = {
  { "{\"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\"}", "id: " },
  { "{\"id\": \"a\", \"platform\": \"ebay\", \"type\": \"cancel\", \"status\": \"closed\"}", "platform: " },
  { "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\", \"amount_fen\": \"12\"}", "amount_fen: " },
  { "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\","
    " \"return_shipment\": {\"carrier\": \"SF\"}}", "return_shipment.tracking_no: " },
  { "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\","
    " \"timeline\": [{\"at\": 1}, {\"actor\": \"buyer\"}]}", "timeline[1].at: " },
  { "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\","
    " \"negotiation\": {\"rounds\": [{\"round\": 3}]}}", "negotiation.rounds[0].round: " },
  { "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"closed\","
    " \"allowed_actions\": [\"fly\"]}", "allowed_actions[0]: " },
};

static void
test_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouAftersale) a = NULL;

      g_assert_true (json_parser_load_from_data (parser, bad_cases[i].json, -1, NULL));
      a = shou_aftersale_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_null (a);
      g_assert_true (error != NULL && error->domain == SHOU_DOMAIN_ERROR);
      if (!g_str_has_prefix (error->message, bad_cases[i].message_prefix))
        g_error ("case %u: \"%s\" does not start with \"%s\"", i, error->message,
                 bad_cases[i].message_prefix);
    }
}

static void
test_unknown_blocked_reason (void)
{
  /* A newer server's reason still blocks the action. */
  const char *json = "{\"id\": \"a\", \"platform\": \"pdd\", \"type\": \"cancel\", \"status\": \"wait_seller\","
                     " \"allowed_actions\": [\"message\"],"
                     " \"blocked_actions\": [{\"action\": \"reject\", \"reason\": \"moon_phase\"}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ShouAftersale) a = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  a = shou_aftersale_from_json (json_node_get_object (json_parser_get_root (parser)), NULL);
  g_assert_nonnull (a);
  g_assert_cmpint (a->why_not[SHOU_ACTION_REJECT], ==, SHOU_REASON_WRONG_STATUS);
  g_assert_cmpint (a->why_not[SHOU_ACTION_AGREE_REFUND], ==, SHOU_REASON_WRONG_STATUS);
  g_assert_cmpint (a->why_not[SHOU_ACTION_MESSAGE], ==, SHOU_REASON_NONE);
  g_assert_nonnull (a->rounds);
  g_assert_nonnull (a->evidence);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/domain/aftersale-round-trip", test_aftersale_round_trip);
  g_test_add_func ("/core/domain/order-and-shop", test_order_and_shop);
  g_test_add_func ("/core/domain/bad-input-names-member", test_bad_input);
  g_test_add_func ("/core/domain/unknown-blocked-reason", test_unknown_blocked_reason);

  return g_test_run ();
}
