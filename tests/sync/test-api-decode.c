/* test-api-decode: the JSON the client accepts, and what it refuses. */
#include "config.h"

#include <locale.h>

#include "sync/shou-api-decode.h"

static GBytes *
b (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

#define AS "{\"id\":\"as1\",\"shop_id\":\"s1\",\"platform\":\"pdd\",\"type\":\"refund_only\"," \
           "\"status\":\"wait_seller\",\"version\":3,\"amount_fen\":1200,\"deadline_at\":null," \
           "\"allowed_actions\":[\"agree_refund\"],\"negotiation\":{\"phase\":\"none\",\"rounds\":[]}}"

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ok = b ("{\"changes\":[{\"seq\":1,\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":" AS "},"
                            "{\"seq\":2,\"kind\":\"hologram\",\"id\":\"x\",\"data\":{}}],"
                            "\"next_cursor\":\"abc\",\"has_more\":false,\"server_time\":1700000000000000,"
                            "\"extra\":1}");
  g_autoptr(ShouChangesPage) page = shou_api_decode_changes_page (ok, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  /* Unknown kinds are skipped, known ones kept. */
  g_assert_cmpuint (page->changes->len, ==, 1);
  g_assert_cmpstr (page->next_cursor, ==, "abc");
  g_assert_false (page->has_more);
  g_assert_cmpint (page->server_time, ==, 1700000000000000);
}

static void
test_page_rejects (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "{\"changes\":{},\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[],\"next_cursor\":5,\"has_more\":false}",
    "{\"changes\":[],\"next_cursor\":\"a\",\"has_more\":\"no\"}",
    "{\"changes\":[],\"next_cursor\":\"a\"}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\"}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"other\",\"data\":" AS "}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":{\"id\":\"as1\",\"shop_id\":\"s1\",\"platform\":\"pdd\",\"type\":\"refund_only\",\"status\":\"wait_seller\",\"version\":\"3\"}}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":{\"id\":\"as1\",\"shop_id\":\"s1\",\"platform\":\"pdd\",\"type\":\"refund_only\",\"status\":\"flying\",\"version\":3}}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":{\"id\":\"as1\",\"shop_id\":\"s1\",\"platform\":\"pdd\",\"type\":\"refund_only\",\"status\":\"wait_seller\",\"version\":3,\"amount_fen\":\"12\"}}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"order\",\"id\":\"o1\",\"data\":{\"id\":\"o1\",\"shop_id\":\"s1\",\"lines\":[1]}}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"order\",\"id\":\"o1\",\"data\":{\"id\":\"o1\",\"shop_id\":\"s1\",\"buyer\":{\"nick\":7}}}],\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":" AS "}],\"next_cursor\":\"a\",\"has_more\":tr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = b (bad[i]);
      g_autoptr(ShouChangesPage) page = shou_api_decode_changes_page (bytes, &error);

      g_assert_null (page);
      g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);
    }
}

static void
test_objects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) as = b ("{\"aftersale\":" AS "}");
  g_autoptr(GBytes) shops = b ("{\"shops\":[{\"id\":\"s1\",\"platform\":\"jd\",\"name\":\"京东店\"}]}");
  g_autoptr(GBytes) bad_shops = b ("{\"shops\":[{\"id\":\"s1\",\"platform\":\"ebay\"}]}");
  g_autoptr(GBytes) err = b ("{\"error\":{\"code\":\"not_allowed\",\"message\":\"请耐心等待消费者回复\",\"reason\":\"negotiation_waiting\"}}");
  g_autoptr(JsonObject) obj = shou_api_decode_aftersale (as, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;
  gint64 version = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "as1");
  list = shou_api_decode_shops (shops, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_null (shou_api_decode_shops (bad_shops, &error));
  g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);

  g_assert_true (shou_api_decode_error (err, &code, &message, &reason, &version));
  g_assert_cmpstr (code, ==, "not_allowed");
  g_assert_cmpstr (message, ==, "请耐心等待消费者回复");
  g_assert_cmpstr (reason, ==, "negotiation_waiting");
  g_assert_cmpint (version, ==, -1);
  g_assert_false (shou_api_decode_error (as, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-decode/page", test_page);
  g_test_add_func ("/api-decode/page-rejects", test_page_rejects);
  g_test_add_func ("/api-decode/objects", test_objects);
  return g_test_run ();
}
