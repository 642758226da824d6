/* Fuzz the simulator's request handling over real HTTP on 127.0.0.1: the
 * first byte picks an endpoint (actions, evidence, addresses, change-feed
 * and reasons queries, buyer and order test controls), the second which
 * request or shop, the rest is the body or query. In a body "@V" becomes
 * the request's current version, "@A" the shop's address, "@O"/"@L" the
 * order and line, "@ID" the request id, so seeds reach past the version
 * check. Checked: never a 5xx or a broken answer; every error is the API's
 * error object; a 400 changes nothing; another merchant's request or shop is
 * 404/403 whatever the body says; a replayed Idempotency-Key gives the
 * stored answer. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sim/sim-test-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define N_REQUESTS 12
#define RESET_EVERY 800

static SimFixture fixture;
static gboolean ready;
static guint runs;
static char *requests[N_REQUESTS];
static char *orders[N_REQUESTS];
static char *lines[N_REQUESTS];
static char *foreign_request;

static const struct
{
  const char *shop;
  const char *state;
  const char *type;
} opened[N_REQUESTS] = {
  { "a-taobao", "completed", "return_refund" }, { "a-taobao", "shipped", "refund_only" },
  { "a-tmall", "completed", "exchange" }, { "a-pdd", "completed", "return_refund" },
  { "a-pdd", "shipped", "refund_only" }, { "a-pdd", "pending_shipment", "refund_only" },
  { "a-douyin", "completed", "return_refund" }, { "a-douyin", "completed", "refund_only" },
  { "a-jd", "completed", "return_refund" }, { "a-jd", "completed", "repair" },
  { "a-jd", "completed", "exchange" }, { "a-tmall", "shipped", "refund_only" },
};

static void
take_down (void)
{
  if (!ready)
    return;
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_clear_pointer (&requests[i], g_free);
      g_clear_pointer (&orders[i], g_free);
      g_clear_pointer (&lines[i], g_free);
    }
  g_clear_pointer (&foreign_request, g_free);
  sim_fixture_teardown (&fixture, NULL);
  memset (&fixture, 0, sizeof fixture);
  ready = FALSE;
}

static void
set_up (void)
{
  sim_fixture_setup (&fixture, NULL);
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autoptr(JsonObject) as = NULL;

      requests[i] = sim_open_request (&fixture, opened[i].shop, opened[i].state, opened[i].type, NULL);
      as = sim_get_aftersale (&fixture, SIM_TOKEN_A, requests[i]);
      orders[i] = g_strdup (json_object_get_string_member (as, "order_id"));
      lines[i] = g_strdup (json_object_get_string_member (as, "line_id"));
    }
  foreign_request = sim_open_request (&fixture, "b-pdd", "completed", "return_refund", NULL);
  ready = TRUE;
}

static void
on_exit_cb (void)
{
  take_down ();
}

static ShouPlatform
platform_of_shop (const char *shop)
{
  ShouPlatform p = SHOU_PLATFORM_TAOBAO;

  shou_platform_from_string (shop + 2, &p);
  return p;
}

static char *
substitute (const char *body,
            guint       which)
{
  g_autoptr(JsonObject) as = sim_get_aftersale (&fixture, SIM_TOKEN_A, requests[which]);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (as, "version"));
  GString *s = g_string_new (body);

  g_string_replace (s, "@V", version, 0);
  g_string_replace (s, "@A", fixture.address[platform_of_shop (opened[which].shop)], 0);
  g_string_replace (s, "@O", orders[which], 0);
  g_string_replace (s, "@L", lines[which], 0);
  g_string_replace (s, "@ID", requests[which], 0);
  return g_string_free (s, FALSE);
}

static void
check_answer (SimResponse *r)
{
  g_assert_no_error (r->error);
  g_assert_nonnull (r->body);
  if (r->status >= 500)
    g_error ("server error %u: %.*s", r->status, (int) g_bytes_get_size (r->body),
             (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, >=, 200);
  if (r->status >= 400)
    {
      const char *code = r->json && JSON_NODE_HOLDS_OBJECT (r->json) ? sim_error_code (r) : NULL;

      if (code == NULL)
        g_error ("%u without an API error object: %.*s", r->status, (int) g_bytes_get_size (r->body),
                 (const char *) g_bytes_get_data (r->body, NULL));
      if (g_str_equal (code, "bad_request"))
        {
          g_assert_nonnull (sim_error_field (r, "field"));
          g_assert_nonnull (sim_error_field (r, "detail"));
        }
    }
  else if (r->status != 204)
    {
      g_assert_nonnull (r->json);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SimResponse) r = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *token = SIM_TOKEN_A;
  const char *type = "application/json";
  guint expect = 0;
  guint which;
  guint8 op;

  if (size < 2 || size > 64 * 1024)
    return 0;
  if (!ready)
    {
      static gboolean hooked;

      if (!hooked)
        atexit (on_exit_cb);
      hooked = TRUE;
      set_up ();
    }
  g_ptr_array_set_size (sim_requested_paths (), 0);

  op = data[0] % 10;
  which = data[1] % (N_REQUESTS + 2);
  text = g_strndup ((const char *) data + 2, size - 2);
  key = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  if (which < N_REQUESTS)
    {
      char *s = substitute (text, which);

      g_free (text);
      text = s;
    }
  before = shou_sim_server_checksum (fixture.server);

  switch (op)
    {
    case 0:
    case 1:
      /* Actions, on a request of ours, a missing one or another merchant's. */
      path = g_strdup_printf ("/v1/aftersales/%s/actions",
                              which < N_REQUESTS ? requests[which] :
                              which == N_REQUESTS ? "as-missing-0001" : foreign_request);
      if (which >= N_REQUESTS)
        expect = 404;
      body = g_bytes_new (text, strlen (text));
      r = sim_request_full (&fixture, "POST", path, token, type, body, op == 1 ? key + 40 : key);
      break;
    case 2:
      {
        /* Evidence: "kind\nbytes". */
        const char *nl = memchr (data + 2, '\n', size - 2);
        gsize kind_len = nl ? (gsize) (nl - (const char *) data - 2) : 0;
        g_autofree char *kind = g_uri_escape_bytes (data + 2, kind_len, NULL);
        const guint8 *file = nl ? (const guint8 *) nl + 1 : data + 2;

        path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=%s",
                                which < N_REQUESTS ? requests[which] :
                                which == N_REQUESTS ? "as-missing-0001" : foreign_request, kind);
        if (which >= N_REQUESTS)
          expect = 404;
        body = g_bytes_new (file, size - (file - data));
        type = (which % 3 == 0) ? "application/octet-stream" : (which % 3 == 1) ? "image/png" : "application/pdf";
        r = sim_request_full (&fixture, "POST", path, token, type, body, NULL);
      }
      break;
    case 3:
    case 4:
      {
        /* Return addresses: create, or update the shop's address. */
        const char *shop = which < N_REQUESTS ? opened[which].shop : "b-pdd";

        if (which >= N_REQUESTS)
          expect = 403;
        if (op == 3)
          path = g_strdup_printf ("/v1/shops/%s/return-addresses", shop);
        else
          path = g_strdup_printf ("/v1/shops/%s/return-addresses/%s", shop,
                                  which < N_REQUESTS ? fixture.address[platform_of_shop (shop)] : fixture.address_b);
        body = g_bytes_new (text, strlen (text));
        r = sim_request_full (&fixture, op == 3 ? "POST" : "PUT", path, token, type, body, NULL);
      }
      break;
    case 5:
      {
        /* The change feed's query, escaped as a client would. */
        g_autofree char *q = g_uri_escape_bytes (data + 2, size - 2, "=&");

        path = g_strdup_printf ("/v1/changes?%s", q);
        r = sim_request_full (&fixture, "GET", path, which % 2 ? SIM_TOKEN_A : SIM_TOKEN_B, NULL, NULL, NULL);
      }
      break;
    case 6:
      {
        g_autofree char *q = g_uri_escape_bytes (data + 2, size - 2, NULL);

        path = g_strdup_printf ("/v1/reasons?platform=%s", q);
        r = sim_request_full (&fixture, "GET", path, token, NULL, NULL, NULL);
      }
      break;
    case 7:
      body = g_bytes_new (text, strlen (text));
      r = sim_request_full (&fixture, "POST", "/v1/test/buyer", NULL, type, body, NULL);
      break;
    case 8:
      body = g_bytes_new (text, strlen (text));
      r = sim_request_full (&fixture, "POST", which % 2 ? "/v1/test/order" : "/v1/test/logistics",
                            NULL, type, body, NULL);
      break;
    default:
      {
        /* Raw bytes as the body, not even UTF-8. */
        path = g_strdup_printf ("/v1/aftersales/%s/actions",
                                requests[which % N_REQUESTS]);
        body = g_bytes_new (data + 2, size - 2);
        r = sim_request_full (&fixture, "POST", path, token, type, body, key);
      }
      break;
    }

  check_answer (r);
  after = shou_sim_server_checksum (fixture.server);
  if (expect != 0)
    {
      g_assert_cmpuint (r->status, ==, expect);
      g_assert_cmpstr (after, ==, before);
    }
  if (r->status == 400)
    g_assert_cmpstr (after, ==, before);

  /* The same action again with the same key: the stored answer. */
  if (op <= 1 && expect == 0 && (r->status == 200 || r->status == 409 ||
                                 (r->status == 422 && g_strcmp0 (sim_error_code (r), "idempotency_mismatch") != 0)))
    {
      g_autoptr(SimResponse) again = sim_request_full (&fixture, "POST", path, token, type, body,
                                                       op == 1 ? key + 40 : key);
      g_autofree char *replayed = shou_sim_server_checksum (fixture.server);

      g_assert_cmpuint (again->status, ==, r->status);
      g_assert_true (g_bytes_equal (again->body, r->body));
      g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
      g_assert_cmpstr (replayed, ==, after);
    }

  if (++runs % RESET_EVERY == 0)
    take_down ();
  return 0;
}
