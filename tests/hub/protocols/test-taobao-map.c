/* TOP mapping tables and amounts (issue 22). Every value platform-apis.md
 * lists for Taobao is here; the sources are in tests/data/platforms/README.md. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/taobao/shou-taobao-map.h"

static void
test_status (void)
{
  static const struct { const char *in; const char *out; gboolean shipped; } t[] = {
    { "WAIT_SELLER_AGREE", "wait_seller", FALSE },
    { "WAIT_BUYER_RETURN_GOODS", "wait_buyer_return", FALSE },
    { "WAIT_SELLER_CONFIRM_GOODS", "wait_seller_receipt", FALSE },
    { "SELLER_REFUSE_BUYER", "refused", FALSE },
    { "CLOSED", "closed", FALSE },
    { "SUCCESS", "success", FALSE },
    { "WAIT_BUYER_CONFIRM_EXCHANGE_SELLER_SEND_GOODS", "wait_seller_ship", TRUE },
    { "EXCHANGE_TRANSFORM_TO_REFUND", "closed", FALSE },
    { "WAIT_SELLER_CONSIGN_GOODS", "wait_seller_ship", FALSE },
  };
  ShouRequestStatus status;
  gboolean shipped;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_assert_true (shou_taobao_map_status (t[i].in, &status, &shipped));
      g_assert_cmpstr (shou_status_to_string (status), ==, t[i].out);
      g_assert_cmpint (shipped, ==, t[i].shipped);
    }
  g_assert_false (shou_taobao_map_status ("wait_seller_agree", &status, NULL));
  g_assert_false (shou_taobao_map_status ("", &status, NULL));
  g_assert_false (shou_taobao_map_status (NULL, &status, NULL));
}

/* What the hub shows for a refund: its status, with the platform's
 * intervention over it; an undocumented cs_status never hides the status. */
static const char *
shown (const char *status,
       gint64      cs_status)
{
  ShouRequestStatus mapped;
  gboolean intervention = FALSE;

  g_assert_true (shou_taobao_map_status (status, &mapped, NULL));
  if (!shou_taobao_map_cs_status (cs_status, &intervention))
    intervention = FALSE;
  return shou_status_to_string (shou_protocol_with_intervention (mapped, intervention));
}

static void
test_intervention (void)
{
  gboolean flag;

  /* cs_status 2 (needs intervention) and 10 (collecting evidence) override a
   * running refund; 1 and 6 do not; a finished refund stays finished. */
  g_assert_cmpstr (shown ("SELLER_REFUSE_BUYER", 2), ==, "intervention");
  g_assert_cmpstr (shown ("WAIT_SELLER_AGREE", 10), ==, "intervention");
  g_assert_cmpstr (shown ("SELLER_REFUSE_BUYER", 1), ==, "refused");
  g_assert_cmpstr (shown ("SELLER_REFUSE_BUYER", 6), ==, "refused");
  g_assert_cmpstr (shown ("SUCCESS", 3), ==, "success");
  g_assert_cmpstr (shown ("CLOSED", 2), ==, "closed");
  g_assert_cmpstr (shown ("SELLER_REFUSE_BUYER", 11), ==, "intervention");
  /* 7 withdrawn, 8/9 ruled for the buyer/seller: the status speaks. */
  g_assert_cmpstr (shown ("CLOSED", 7), ==, "closed");
  g_assert_cmpstr (shown ("SUCCESS", 8), ==, "success");
  g_assert_cmpstr (shown ("SELLER_REFUSE_BUYER", 9), ==, "refused");
  /* Undocumented values never hide the refund's own status. */
  g_assert_cmpstr (shown ("WAIT_SELLER_AGREE", 12), ==, "wait_seller");
  g_assert_false (shou_taobao_map_cs_status (12, &flag));
  g_assert_false (shou_taobao_map_cs_status (0, &flag));
}

static void
test_good_status_and_type (void)
{
  ShouGoodStatus good;
  ShouRequestType type;

  g_assert_true (shou_taobao_map_good_status ("BUYER_NOT_RECEIVED", &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_NOT_RECEIVED);
  g_assert_true (shou_taobao_map_good_status ("BUYER_RECEIVED", &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_RECEIVED);
  g_assert_true (shou_taobao_map_good_status ("BUYER_RETURNED_GOODS", &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_RETURNED);
  g_assert_false (shou_taobao_map_good_status ("RETURNED", &good));

  g_assert_true (shou_taobao_map_dispute_type ("REFUND", TRUE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_REFUND_ONLY);
  g_assert_true (shou_taobao_map_dispute_type ("REFUND_AND_RETURN", FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_RETURN_REFUND);
  g_assert_true (shou_taobao_map_dispute_type ("TMALL_EXCHANGE", FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_EXCHANGE);
  g_assert_true (shou_taobao_map_dispute_type ("TAOBAO_EXCHANGE", FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_EXCHANGE);
  g_assert_true (shou_taobao_map_dispute_type ("REPAIR", FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_REPAIR);
  g_assert_true (shou_taobao_map_dispute_type ("RESHIPPING", FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_RESHIP);
  /* OTHERS and no type at all: has_good_return decides. */
  g_assert_true (shou_taobao_map_dispute_type ("OTHERS", TRUE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_RETURN_REFUND);
  g_assert_true (shou_taobao_map_dispute_type (NULL, FALSE, &type));
  g_assert_cmpint (type, ==, SHOU_REQUEST_REFUND_ONLY);
  g_assert_false (shou_taobao_map_dispute_type ("SWAP", TRUE, &type));
}

static void
test_order_status_and_roles (void)
{
  static const struct { const char *in; const char *out; } t[] = {
    { "TRADE_NO_CREATE_PAY", "pending_payment" },
    { "WAIT_BUYER_PAY", "pending_payment" },
    { "ALL_WAIT_PAY", "pending_payment" },
    { "WAIT_SELLER_SEND_GOODS", "pending_shipment" },
    { "WAIT_BUYER_CONFIRM_GOODS", "shipped" },
    { "TRADE_BUYER_SIGNED", "shipped" },
    { "TRADE_FINISHED", "completed" },
    { "TRADE_CLOSED", "closed" },
    { "TRADE_CLOSED_BY_TAOBAO", "closed" },
    { "ALL_CLOSED", "closed" },
  };
  ShouOrderState state;
  ShouActor actor;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_assert_true (shou_taobao_map_order_status (t[i].in, &state));
      g_assert_cmpstr (shou_order_state_to_string (state), ==, t[i].out);
    }
  g_assert_false (shou_taobao_map_order_status ("TRADE_CLOSED ", &state));

  g_assert_true (shou_taobao_map_owner_role (1, &actor));
  g_assert_cmpint (actor, ==, SHOU_ACTOR_BUYER);
  g_assert_true (shou_taobao_map_owner_role (2, &actor));
  g_assert_cmpint (actor, ==, SHOU_ACTOR_SELLER);
  g_assert_true (shou_taobao_map_owner_role (3, &actor));
  g_assert_cmpint (actor, ==, SHOU_ACTOR_PLATFORM);
  g_assert_false (shou_taobao_map_owner_role (0, &actor));
}

static JsonObject *
refund_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_amounts (void)
{
  g_autoptr(JsonObject) refund = refund_from (
    "{\"refund_fee\":\"0.01\",\"total_fee\":\"200.07\",\"payment\":\"12.3\",\"price\":\"7\","
    "\"split_taobao_fee\":\"12.345\",\"split_seller_fee\":12.30}");
  gint64 fen = -1;
  GError *error = NULL;

  /* The 1-fen case: "0.01" yuan is exactly one fen. */
  g_assert_true (shou_taobao_amount_fen (refund, "refund_fee", &fen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fen, ==, 1);
  g_assert_true (shou_taobao_amount_fen (refund, "total_fee", &fen, NULL));
  g_assert_cmpint (fen, ==, 20007);
  g_assert_true (shou_taobao_amount_fen (refund, "payment", &fen, NULL));
  g_assert_cmpint (fen, ==, 1230);
  g_assert_true (shou_taobao_amount_fen (refund, "price", &fen, NULL));
  g_assert_cmpint (fen, ==, 700);

  /* Three decimals and a JSON number (not TOP's string) are refused. */
  g_assert_false (shou_taobao_amount_fen (refund, "split_taobao_fee", &fen, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (shou_taobao_amount_fen (refund, "split_seller_fee", &fen, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
  g_clear_error (&error);
}

static void
test_parse_yuan (void)
{
  static const struct { const char *in; gint64 fen; } good[] = {
    { "0.01", 1 }, { "0", 0 }, { "0.1", 10 }, { "12.30", 1230 }, { "200.07", 20007 },
    { "00012.5", 1250 }, { "100000000", G_GINT64_CONSTANT (10000000000) },
    { "99999999.99", G_GINT64_CONSTANT (9999999999) },
  };
  static const char *bad[] = {
    "", ".5", "5.", "-1", "+1", " 1", "1 ", "1e3", "1.234", "1,00", "１", "0x10",
    "100000000.01", "1000000000", "99999999999999999999", "1..2", "¥1", "NaN",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 fen = -1;
      g_autoptr(GError) error = NULL;

      g_assert_true (shou_protocol_parse_yuan (good[i].in, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, good[i].fen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 fen = 77;
      g_autoptr(GError) error = NULL;

      g_assert_false (shou_protocol_parse_yuan (bad[i], &fen, &error));
      g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
      g_assert_cmpint (fen, ==, 77);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/taobao/map/status", test_status);
  g_test_add_func ("/taobao/map/intervention", test_intervention);
  g_test_add_func ("/taobao/map/good-status-and-type", test_good_status_and_type);
  g_test_add_func ("/taobao/map/order-status-and-roles", test_order_status_and_roles);
  g_test_add_func ("/taobao/map/amounts", test_amounts);
  g_test_add_func ("/taobao/map/parse-yuan", test_parse_yuan);
  return g_test_run ();
}
