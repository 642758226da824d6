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
  /* Unknown kinds are kept too (the store keeps them for a later
   * version), with their data as text. */
  g_assert_cmpuint (page->changes->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (page->changes->pdata[1], "kind"), ==, "hologram");
  g_assert_cmpstr (page->data_texts->pdata[1], ==, "{}");
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

/* Each change's "data" text, as stored in the cache, is the parsed data. */
static void
assert_texts_match (ShouChangesPage *page)
{
  g_assert_cmpuint (page->data_texts->len, ==, page->changes->len);
  for (guint i = 0; i < page->changes->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) text = json_from_string (page->data_texts->pdata[i], &error);

      g_assert_no_error (error);
      g_assert_true (json_node_equal (text, json_object_get_member (page->changes->pdata[i], "data")));
    }
}

static void
test_page_texts (void)
{
  /* Spaces, and strings holding brackets, quotes, escapes and Chinese. */
  const char *data = "{ \"id\" : \"as1\", \"shop_id\":\"s1\",\"platform\":\"pdd\","
                     "\"type\":\"refund_only\",\"status\":\"wait_seller\",\"version\":3,"
                     "\"reason_text\":\"} ] \\\" {[ \\u00e9 \\\\ 质量问题\","
                     "\"timeline\":[ {\"at\":1,\"x\":[1, -2.5e3, 0.5, true, false, null, {}]} ] }";
  g_autofree char *text = g_strdup_printf ("{\"has_more\":false, \"changes\" : [ {\"seq\":1,"
                                           "\"kind\":\"hologram\",\"id\":\"x\",\"data\":{}},"
                                           " {\"kind\":\"aftersale\",\"id\":\"as1\",\"data\": %s ,"
                                           "\"seq\":2} ],\"next_cursor\":\"2\"}\n", data);
  g_autoptr(GBytes) bytes = b (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouChangesPage) page = shou_api_decode_changes_page (bytes, &error);
  /* The same member twice, or a name spelt with escapes: json-glib's
   * reading of the data counts. */
  static const char * const odd[] = {
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"data\":{\"id\":\"zz\"},\"data\":" AS "}],"
    "\"next_cursor\":\"a\",\"has_more\":false}",
    "{\"changes\":[{\"kind\":\"aftersale\",\"id\":\"as1\",\"d\\u0061ta\":" AS "}],"
    "\"next_cursor\":\"a\",\"has_more\":false}",
  };

  g_assert_no_error (error);
  /* The unknown kind is kept too, before it. */
  g_assert_cmpuint (page->changes->len, ==, 2);
  g_assert_cmpstr (page->data_texts->pdata[0], ==, "{}");
  /* Kept as the server sent it. */
  g_assert_cmpstr (page->data_texts->pdata[1], ==, data);
  assert_texts_match (page);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GBytes) odd_bytes = b (odd[i]);
      g_autoptr(ShouChangesPage) odd_page = shou_api_decode_changes_page (odd_bytes, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (odd_page->changes->len, ==, 1);
      assert_texts_match (odd_page);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (odd_page->changes->pdata[0],
                                                                                     "data"), "id"), ==, "as1");
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
  g_test_add_func ("/api-decode/page-texts", test_page_texts);
  g_test_add_func ("/api-decode/objects", test_objects);
  return g_test_run ();
}
