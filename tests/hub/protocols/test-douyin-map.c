/* 抖店 mapping tables, operate types and amounts (issue 22). Every value
 * platform-apis.md lists for Douyin is here; sources in
 * tests/data/platforms/README.md. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/douyin/shou-douyin-map.h"

static void
test_type (void)
{
  static const struct { gint64 in; const char *out; } t[] = {
    { 0, "return_refund" }, { 1, "refund_only" },
    { 2, "refund_only" }, { 3, "exchange" },
    { 6, "refund_only" }, { 7, "reship" }, { 8, "repair" },
  };
  ShouRequestType type;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_assert_true (shou_douyin_map_type (t[i].in, &type));
      g_assert_cmpstr (shou_request_type_to_string (type), ==, t[i].out);
    }
  g_assert_false (shou_douyin_map_type (4, &type));
  g_assert_false (shou_douyin_map_type (-1, &type));
}

static const char *
shown (gint64 aftersale_status,
       gint64 arbitrate_status)
{
  ShouRequestStatus mapped;
  gboolean intervention = FALSE;

  g_assert_true (shou_douyin_map_status (aftersale_status, &mapped, NULL));
  g_assert_true (shou_douyin_map_arbitrate (arbitrate_status, &intervention));
  return shou_status_to_string (shou_protocol_with_intervention (mapped, intervention));
}

static void
test_status (void)
{
  static const struct { gint64 in; const char *out; gboolean shipped; } t[] = {
    { 3, "wait_seller_ship", TRUE }, { 6, "wait_seller", FALSE },
    { 7, "wait_buyer_return", FALSE }, { 8, "wait_seller_ship", FALSE },
    { 11, "wait_seller_receipt", FALSE }, { 12, "success", FALSE },
    { 13, "wait_seller_ship", TRUE }, { 14, "success", FALSE },
    { 27, "refused", FALSE }, { 28, "closed", FALSE },
    { 29, "refused", FALSE },
  };
  ShouRequestStatus status;
  gboolean shipped, flag;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_assert_true (shou_douyin_map_status (t[i].in, &status, &shipped));
      g_assert_cmpstr (shou_status_to_string (status), ==, t[i].out);
      g_assert_cmpint (shipped, ==, t[i].shipped);
    }
  g_assert_false (shou_douyin_map_status (0, &status, NULL));
  g_assert_false (shou_douyin_map_status (9, &status, NULL));

  /* arbitrate_status 1 (仲裁中), 4 (待商家举证) and 5 (协商期) mean intervention. */
  g_assert_cmpstr (shown (27, 4), ==, "intervention");
  g_assert_cmpstr (shown (6, 5), ==, "intervention");
  g_assert_cmpstr (shown (27, 1), ==, "intervention");
  g_assert_cmpstr (shown (27, 255), ==, "refused");
  g_assert_cmpstr (shown (12, 4), ==, "success");
  g_assert_cmpstr (shown (28, 1), ==, "closed");
  g_assert_cmpstr (shown (6, 0), ==, "wait_seller");
  for (gint64 a = 0; a <= 5; a++)
    g_assert_true (shou_douyin_map_arbitrate (a, &flag));
  g_assert_false (shou_douyin_map_arbitrate (6, &flag));
}

static void
test_good_and_order_status (void)
{
  ShouGoodStatus good;
  ShouOrderState state;

  g_assert_true (shou_douyin_map_good_status (0, 6, &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_NOT_RECEIVED);
  g_assert_true (shou_douyin_map_good_status (1, 6, &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_RECEIVED);
  g_assert_true (shou_douyin_map_good_status (1, 11, &good));
  g_assert_cmpint (good, ==, SHOU_GOOD_RETURNED);
  g_assert_false (shou_douyin_map_good_status (2, 6, &good));

  g_assert_true (shou_douyin_map_order_status (2, &state));
  g_assert_cmpint (state, ==, SHOU_ORDER_PENDING_SHIPMENT);
  g_assert_true (shou_douyin_map_order_status (3, &state));
  g_assert_cmpint (state, ==, SHOU_ORDER_SHIPPED);
  g_assert_true (shou_douyin_map_order_status (5, &state));
  g_assert_cmpint (state, ==, SHOU_ORDER_COMPLETED);
  g_assert_true (shou_douyin_map_order_status (255, &state));
  g_assert_cmpint (state, ==, SHOU_ORDER_COMPLETED);
  g_assert_false (shou_douyin_map_order_status (1, &state));
}

static void
test_operate_types (void)
{
  gint64 type = 0;

  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_AGREE_RETURN, 0, 6, &type));
  g_assert_cmpint (type, ==, 101);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_REJECT, 0, 6, &type));
  g_assert_cmpint (type, ==, 102);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_CONFIRM_RECEIPT, 0, 11, &type));
  g_assert_cmpint (type, ==, 111);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_REFUSE_RECEIPT, 0, 11, &type));
  g_assert_cmpint (type, ==, 112);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_AGREE_REFUND, 1, 6, &type));
  g_assert_cmpint (type, ==, 201);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_REJECT, 1, 6, &type));
  g_assert_cmpint (type, ==, 202);
  g_assert_true (shou_douyin_operate_type (SHOU_ACTION_AGREE_REFUND, 2, 6, &type));
  g_assert_cmpint (type, ==, 401);

  /* Wrong moment or no published operation: nothing to send. */
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_AGREE_RETURN, 0, 7, &type));
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_CONFIRM_RECEIPT, 0, 6, &type));
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_AGREE_REFUND, 0, 6, &type));
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_REJECT, 3, 6, &type));
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_NEGOTIATE, 0, 6, &type));
  g_assert_false (shou_douyin_operate_type (SHOU_ACTION_SHIP_EXCHANGE, 3, 8, &type));
}

static void
test_amounts (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *info;
  JsonObject *exchange;
  gint64 fen = -1;
  GError *error = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"refund_amount\":1,\"refund_post_amount\":0,\"pay_amount\":\"1230\",\"price\":12.3,"
    "\"post_amount\":-1,\"tax_amount\":\"+5\",\"aftersale_pay_amount\":10000000001,"
    "\"exchange_sku_info\":{\"price\":\"0001\"}}", -1, NULL));
  info = json_node_get_object (json_parser_get_root (parser));
  exchange = json_object_get_object_member (info, "exchange_sku_info");

  /* The 1-fen case: refund_amount is already fen. */
  g_assert_true (shou_douyin_amount_fen (info, "refund_amount", &fen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fen, ==, 1);
  g_assert_true (shou_douyin_amount_fen (info, "refund_post_amount", &fen, NULL));
  g_assert_cmpint (fen, ==, 0);
  g_assert_true (shou_douyin_amount_fen (info, "pay_amount", &fen, NULL));
  g_assert_cmpint (fen, ==, 1230);
  g_assert_true (shou_douyin_amount_fen (exchange, "price", &fen, NULL));
  g_assert_cmpint (fen, ==, 1);

  for (guint i = 0; i < 5; i++)
    {
      static const char *bad[] = { "price", "post_amount", "tax_amount", "aftersale_pay_amount", "missing" };

      fen = 77;
      g_assert_false (shou_douyin_amount_fen (info, bad[i], &fen, &error));
      g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
      g_assert_cmpint (fen, ==, 77);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/douyin/map/type", test_type);
  g_test_add_func ("/douyin/map/status", test_status);
  g_test_add_func ("/douyin/map/good-and-order-status", test_good_and_order_status);
  g_test_add_func ("/douyin/map/operate-types", test_operate_types);
  g_test_add_func ("/douyin/map/amounts", test_amounts);
  return g_test_run ();
}
