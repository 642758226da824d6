/* Authentication and isolation: 401 without a valid token, and merchant B
 * never sees or touches merchant A's shops, orders, requests or addresses. */
#include "config.h"

#include "sim-test-util.h"

typedef struct
{
  const char *method;
  char       *path;
  const char *body;
  guint       other_status;    /* what merchant B gets */
} Endpoint;

static GArray *
endpoints_of_a (SimFixture *f,
                const char *aftersale_id,
                const char *order_id,
                const char *sha)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Endpoint));
  const char *address = f->address[SHOU_PLATFORM_TAOBAO];
  const char *addr_body = "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\","
                          " \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"expected_version\": 1}";
  Endpoint e[] = {
    { "GET", g_strdup ("/v1/shops"), NULL, 200 },
    { "GET", g_strdup ("/v1/carriers"), NULL, 200 },
    { "GET", g_strdup ("/v1/reasons?platform=taobao"), NULL, 200 },
    { "GET", g_strdup ("/v1/changes"), NULL, 200 },
    { "GET", g_strdup_printf ("/v1/orders/%s", order_id), NULL, 404 },
    { "GET", g_strdup_printf ("/v1/aftersales/%s", aftersale_id), NULL, 404 },
    { "POST", g_strdup_printf ("/v1/orders/%s/cancel", order_id),
      "{\"expected_version\": 1, \"buyer_consulted\": true}", 404 },
    { "POST", g_strdup_printf ("/v1/aftersales/%s/actions", aftersale_id),
      "{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"hi\"}}", 404 },
    { "POST", g_strdup_printf ("/v1/aftersales/%s/evidence?kind=other", aftersale_id), "%PDF-1.4\n%%EOF\n", 404 },
    { "GET", g_strdup_printf ("/v1/aftersales/%s/evidence/%s", aftersale_id, sha), NULL, 404 },
    { "GET", g_strdup ("/v1/shops/a-taobao/return-addresses"), NULL, 403 },
    { "POST", g_strdup ("/v1/shops/a-taobao/return-addresses"), addr_body, 403 },
    { "PUT", g_strdup_printf ("/v1/shops/a-taobao/return-addresses/%s", address), addr_body, 403 },
    { "DELETE", g_strdup_printf ("/v1/shops/a-taobao/return-addresses/%s", address), NULL, 403 },
  };

  g_array_append_vals (list, e, G_N_ELEMENTS (e));
  return list;
}

static void
endpoints_free (GArray *list)
{
  for (guint i = 0; i < list->len; i++)
    g_free (g_array_index (list, Endpoint, i).path);
  g_array_unref (list);
}

static SimResponse *
call (SimFixture     *f,
      const Endpoint *e,
      const char     *token)
{
  g_autoptr(GBytes) body = e->body ? g_bytes_new_static (e->body, strlen (e->body)) : NULL;
  const char *type = e->body && e->body[0] == '%' ? "application/pdf" : "application/json";

  return sim_request_full (f, e->method, e->path, token, type, body, "auth-test-key-0001");
}

static char *
upload_pdf (SimFixture *f,
            const char *id)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=chat_screenshot", id);
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(SimResponse) r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/pdf", bytes, NULL);

  if (r->status != 201)
    return g_strdup ("0000");
  return g_strdup (json_object_get_string_member (sim_member (r, "evidence"), "id"));
}

static void
test_unauthorized (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autofree char *sha = upload_pdf (f, id);
  GArray *list = endpoints_of_a (f, id, json_object_get_string_member (as, "order_id"), sha);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const Endpoint *e = &g_array_index (list, Endpoint, i);
      g_autoptr(SimResponse) none = call (f, e, NULL);
      g_autoptr(SimResponse) wrong = call (f, e, "not-a-token-at-all");
      g_autoptr(SimResponse) empty = call (f, e, "");

      g_test_message ("%s %s", e->method, e->path);
      g_assert_cmpuint (none->status, ==, 401);
      g_assert_cmpstr (sim_error_code (none), ==, "unauthorized");
      g_assert_nonnull (soup_message_headers_get_one (none->headers, "WWW-Authenticate"));
      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_cmpstr (sim_error_code (wrong), ==, "unauthorized");
      g_assert_cmpuint (empty->status, ==, 401);
    }
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
  endpoints_free (list);
}

static void
test_isolation (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autofree char *sha = upload_pdf (f, id);
  GArray *list = endpoints_of_a (f, id, json_object_get_string_member (as, "order_id"), sha);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const Endpoint *e = &g_array_index (list, Endpoint, i);
      g_autoptr(SimResponse) r = call (f, e, SIM_TOKEN_B);

      g_test_message ("%s %s", e->method, e->path);
      g_assert_cmpuint (r->status, ==, e->other_status);
      if (e->other_status == 404)
        g_assert_cmpstr (sim_error_code (r), ==, "not_found");
      else if (e->other_status == 403)
        g_assert_cmpstr (sim_error_code (r), ==, "forbidden");
    }
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);

  /* A missing id answers exactly like another merchant's id. */
  {
    g_autoptr(SimResponse) missing = sim_request (f, "GET", "/v1/aftersales/as-99999", SIM_TOKEN_B, NULL);
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
    g_autoptr(SimResponse) foreign = sim_request (f, "GET", path, SIM_TOKEN_B, NULL);

    g_assert_cmpuint (missing->status, ==, foreign->status);
    g_assert_true (g_bytes_equal (missing->body, foreign->body));
  }
  endpoints_free (list);
}

static void
test_lists_are_scoped (SimFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *a1 = sim_open_request (f, "a-pdd", "completed", "return_refund", NULL);
  g_autofree char *b1 = sim_open_request (f, "b-pdd", "completed", "return_refund", NULL);
  g_autoptr(SimResponse) shops = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) feed_b = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) feed_a = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
  JsonArray *list = json_object_get_array_member (sim_object (shops), "shops");
  JsonArray *changes = json_object_get_array_member (sim_object (feed_b), "changes");
  gboolean saw_b1 = FALSE;

  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "id"), ==, "b-pdd");

  g_assert_cmpuint (json_array_get_length (changes), ==, 3);   /* address, order, request */
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      JsonObject *d = json_object_get_object_member (c, "data");

      g_assert_cmpstr (json_object_get_string_member (d, "shop_id"), ==, "b-pdd");
      if (g_str_equal (json_object_get_string_member (c, "id"), b1))
        saw_b1 = TRUE;
    }
  g_assert_true (saw_b1);

  changes = json_object_get_array_member (sim_object (feed_a), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *d = json_object_get_object_member (json_array_get_object_element (changes, i), "data");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (d, "shop_id"), "a-"));
    }
  g_assert_nonnull (a1);
}

static void
test_unknown_routes (SimFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(SimResponse) nowhere = sim_request (f, "GET", "/v1/nowhere", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) root = sim_request (f, "GET", "/", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) wrong_method = sim_request (f, "DELETE", "/v1/shops", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) test_method = sim_request (f, "GET", "/v1/test/clock", NULL, NULL);
  g_autoptr(SimResponse) test_unknown = sim_request (f, "POST", "/v1/test/nothing", NULL, "{}");

  g_assert_cmpuint (nowhere->status, ==, 404);
  g_assert_cmpstr (sim_error_code (nowhere), ==, "not_found");
  g_assert_cmpuint (root->status, ==, 404);
  g_assert_cmpuint (wrong_method->status, ==, 405);
  g_assert_cmpstr (sim_error_code (wrong_method), ==, "method_not_allowed");
  g_assert_cmpuint (test_method->status, ==, 405);
  g_assert_cmpuint (test_unknown->status, ==, 404);
}

/* GET /v1/me names the token's merchant, so a client can tell two merchants
 * on one server apart and recognise a renewed token of the same one. */
static void
test_me (SimFixture    *f,
         gconstpointer  data)
{
  g_autoptr(SimResponse) a = sim_request (f, "GET", "/v1/me", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) b = sim_request (f, "GET", "/v1/me", SIM_TOKEN_B, NULL);
  g_autoptr(SimResponse) none = sim_request (f, "GET", "/v1/me", NULL, NULL);
  g_autoptr(SimResponse) wrong = sim_request (f, "GET", "/v1/me", "token-nobody-0000", NULL);
  g_autoptr(SimResponse) post = sim_request (f, "POST", "/v1/me", SIM_TOKEN_A, "{}");

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_object (a), "merchant_id"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (sim_object (a), "merchant_name"), ==, "Merchant A");
  g_assert_true (json_object_has_member (sim_object (a), "staff_id"));
  g_assert_true (json_object_get_null_member (sim_object (a), "staff_id"));
  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_object (b), "merchant_id"), ==, "b");
  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (post->status, ==, 405);
}

static void
test_no_test_controls (SimFixture    *f,
                       gconstpointer  data)
{
  static const char *const paths[] = {
    "POST /v1/test/clock", "POST /v1/test/buyer", "POST /v1/test/logistics",
    "POST /v1/test/order", "POST /v1/test/shipment", "POST /v1/test/group", "POST /v1/test/faults", "POST /v1/test/step", "GET /v1/test/stats",
  };
  gint64 before = shou_sim_server_now (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(GStrv) parts = g_strsplit (paths[i], " ", 2);
      g_autoptr(SimResponse) r = sim_request (f, parts[0], parts[1], SIM_TOKEN_A,
                                              g_str_equal (parts[0], "POST") ? "{\"advance_us\": 86400000000}" : NULL);

      g_assert_cmpuint (r->status, ==, 404);
      g_assert_cmpstr (sim_error_code (r), ==, "not_found");
    }
  /* The clock did not move. */
  g_assert_cmpint (shou_sim_server_now (f->server) - before, <, 60 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/auth/unauthorized", SimFixture, NULL, sim_fixture_setup, test_unauthorized, sim_fixture_teardown);
  g_test_add ("/sim/auth/isolation", SimFixture, NULL, sim_fixture_setup, test_isolation, sim_fixture_teardown);
  g_test_add ("/sim/auth/lists-are-scoped", SimFixture, NULL, sim_fixture_setup, test_lists_are_scoped, sim_fixture_teardown);
  g_test_add ("/sim/auth/me", SimFixture, NULL, sim_fixture_setup, test_me, sim_fixture_teardown);
  g_test_add ("/sim/auth/unknown-routes", SimFixture, NULL, sim_fixture_setup, test_unknown_routes, sim_fixture_teardown);
  g_test_add ("/sim/auth/no-test-controls", SimFixture, SIM_NO_TEST_CONTROLS, sim_fixture_setup,
              test_no_test_controls, sim_fixture_teardown);

  return g_test_run ();
}
