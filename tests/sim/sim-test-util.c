#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>

#include "shou-test-fs.h"
#include "shou-test-pg.h"
#include "sim-test-util.h"

static gboolean
on_postgresql (void)
{
  return g_strcmp0 (g_getenv ("SHOU_TEST_ENGINE"), "postgresql") == 0;
}

/* Before any test runs: the PostgreSQL run of a suite is one clear skip
 * line where the server is not installed, and a failure in CI, which
 * installs it (build-aux/dev deps). */
__attribute__((constructor)) static void
check_engine (void)
{
  if (!on_postgresql () || shou_test_pg_bindir () != NULL)
    return;
  if (g_getenv ("CI") != NULL)
    {
      printf ("Bail out! PostgreSQL is not installed, and CI must run this suite on it\n");
      exit (1);
    }
  printf ("1..0 # SKIP PostgreSQL is not installed (apt-get install postgresql)\n");
  exit (0);
}

char *
sim_test_database (const char *dir,
                   const char *name)
{
  static char *url;

  if (!on_postgresql ())
    return g_build_filename (dir, name, NULL);
  /* One database per test program, emptied for each use: creating one
   * per test case cost most of the suite's time on PostgreSQL. */
  if (url == NULL)
    url = shou_test_pg_new_database ();
  else
    shou_test_pg_empty_database (url);
  return g_strdup (url);
}

static GPtrArray *requested;

GPtrArray *
sim_requested_paths (void)
{
  if (requested == NULL)
    requested = g_ptr_array_new_with_free_func (g_free);
  return requested;
}

static char *
add_address (SimFixture *f,
             const char *shop,
             const char *token)
{
  g_autofree char *path = g_strdup_printf ("/v1/shops/%s/return-addresses", shop);
  g_autoptr(SimResponse) r = sim_request (f, "POST", path, token,
                                          "{\"name\": \"周敏\", \"phone\": \"13857196624\","
                                          " \"province\": \"浙江省\", \"city\": \"杭州市\","
                                          " \"district\": \"余杭区\", \"street\": \"文一西路1500号\","
                                          " \"postcode\": \"311121\", \"is_default\": true}");

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (json_object_get_string_member (sim_member (r, "address"), "id"));
}

void
sim_fixture_setup (SimFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  ShouSimFlags flags = SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET;

  if (data == SIM_NO_TEST_CONTROLS)
    flags = SHOU_SIM_FLAG_QUIET;

  f->dir = g_dir_make_tmp ("shou-sim-XXXXXX", &error);
  g_assert_no_error (error);
  db = sim_test_database (f->dir, "sim.db");
  f->server = shou_sim_server_new (db, flags, &error);
  g_assert_no_error (error);

  g_assert_true (shou_sim_server_add_merchant (f->server, "a", "Merchant A", SIM_TOKEN_A, &error));
  g_assert_true (shou_sim_server_add_merchant (f->server, "b", "Merchant B", SIM_TOKEN_B, &error));
  for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      g_autofree char *id = g_strdup_printf ("a-%s", shou_platform_to_string (p));

      g_assert_true (shou_sim_server_add_shop (f->server, id, "a", p, id, &error));
    }
  g_assert_true (shou_sim_server_add_shop (f->server, "b-pdd", "b", SHOU_PLATFORM_PDD, "b-pdd", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (shou_sim_server_listen (f->server, 0, &error), >, 0);
  g_assert_no_error (error);
  f->url = g_strdup (shou_sim_server_get_url (f->server));
  f->session = soup_session_new_with_options ("timeout", 10, "max-conns-per-host", 4, NULL);

  for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      g_autofree char *id = g_strdup_printf ("a-%s", shou_platform_to_string (p));

      f->address[p] = add_address (f, id, SIM_TOKEN_A);
    }
  f->address_b = add_address (f, "b-pdd", SIM_TOKEN_B);
}

void
sim_fixture_teardown (SimFixture    *f,
                      gconstpointer  data)
{
  soup_session_abort (f->session);
  g_clear_object (&f->session);
  g_assert_finalize_object (f->server);
  /* Let libsoup finish closing connections before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < SHOU_N_PLATFORMS; i++)
    g_free (f->address[i]);
  g_free (f->address_b);
  g_free (f->url);
  shou_test_fs_rm_rf (f->dir);
  g_free (f->dir);
}

void
sim_response_free (SimResponse *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_error (&r->error);
  g_free (r);
}

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} Wait;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

SimResponse *
sim_request_full (SimFixture *f,
                  const char *method,
                  const char *path,
                  const char *token,
                  const char *content_type,
                  GBytes     *body,
                  const char *idempotency_key)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SimResponse *r = g_new0 (SimResponse, 1);
  Wait wait = { 0 };
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_nonnull (msg);
  g_ptr_array_add (sim_requested_paths (), g_strdup_printf ("%s %s", method, path));
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idempotency_key);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &wait);
  while (!wait.done && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.done);

  r->error = wait.error;
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = wait.bytes;
  if (r->body != NULL && g_bytes_get_size (r->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r->body, &len);

      if (json_parser_load_from_data (parser, data, len, NULL))
        r->json = json_node_ref (json_parser_get_root (parser));
    }
  return r;
}

SimResponse *
sim_request (SimFixture *f,
             const char *method,
             const char *path,
             const char *token,
             const char *json_body)
{
  g_autoptr(GBytes) body = json_body ? g_bytes_new (json_body, strlen (json_body)) : NULL;

  return sim_request_full (f, method, path, token, "application/json", body, NULL);
}

JsonObject *
sim_object (SimResponse *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

JsonObject *
sim_member (SimResponse *r,
            const char  *name)
{
  JsonObject *o = sim_object (r);

  g_assert_true (json_object_has_member (o, name));
  return json_object_get_object_member (o, name);
}

const char *
sim_error_code (SimResponse *r)
{
  JsonObject *o;

  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return NULL;
  o = json_node_get_object (r->json);
  if (!json_object_has_member (o, "error"))
    return NULL;
  o = json_object_get_object_member (o, "error");
  g_assert_true (json_object_has_member (o, "message"));
  g_assert_cmpstr (json_object_get_string_member (o, "message"), !=, "");
  return json_object_get_string_member (o, "code");
}

const char *
sim_error_field (SimResponse *r,
                 const char  *name)
{
  JsonObject *o = sim_member (r, "error");

  return json_object_get_string_member_with_default (o, name, NULL);
}

char *
sim_new_order (SimFixture *f,
               const char *shop_id,
               const char *state)
{
  g_autofree char *body = g_strdup_printf ("{\"shop_id\": \"%s\", \"state\": \"%s\"}", shop_id, state);
  g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/order", NULL, body);

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (json_object_get_string_member (sim_member (r, "order"), "id"));
}

char *
sim_open_request (SimFixture *f,
                  const char *shop_id,
                  const char *order_state,
                  const char *type,
                  const char *reason_code)
{
  g_autofree char *order_id = sim_new_order (f, shop_id, order_state);
  g_autofree char *body = NULL;
  g_autoptr(SimResponse) o = NULL;
  g_autoptr(SimResponse) r = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/orders/%s", order_id);
  JsonObject *line;
  gint64 amount;

  o = sim_request (f, "GET", path, g_str_has_prefix (shop_id, "b-") ? SIM_TOKEN_B : SIM_TOKEN_A, NULL);
  g_assert_cmpuint (o->status, ==, 200);
  line = json_array_get_object_element (json_object_get_array_member (sim_member (o, "order"), "lines"), 0);
  amount = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
  body = g_strdup_printf ("{\"action\": \"open\", \"order_id\": \"%s\", \"line_id\": \"%s\","
                          " \"type\": \"%s\", \"amount_fen\": %" G_GINT64_FORMAT ","
                          " \"reason_code\": \"%s\", \"text\": \"质量有问题\"}",
                          order_id, json_object_get_string_member (line, "id"), type, amount,
                          reason_code ? reason_code : "quality_problem");
  r = sim_request (f, "POST", "/v1/test/buyer", NULL, body);
  if (r->status != 200)
    g_error ("open %s %s %s: %u %s", shop_id, order_state, type, r->status,
             (const char *) g_bytes_get_data (r->body, NULL));
  return g_strdup (json_object_get_string_member (sim_member (r, "aftersale"), "id"));
}

JsonObject *
sim_get_aftersale (SimFixture *f,
                   const char *token,
                   const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(SimResponse) r = sim_request (f, "GET", path, token, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (sim_member (r, "aftersale"));
}

SimResponse *
sim_action (SimFixture *f,
            const char *id,
            const char *action,
            const char *params_json)
{
  static guint counter;
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *key = g_strdup_printf ("test-key-%08u-%s", ++counter, id);
  g_autofree char *body = g_strdup_printf ("{\"action\": \"%s\", \"expected_version\": %" G_GINT64_FORMAT
                                           ", \"params\": %s}", action,
                                           json_object_get_int_member (as, "version"),
                                           params_json ? params_json : "{}");
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
}

void
sim_advance (SimFixture *f,
             gint64      usec)
{
  g_autofree char *body = g_strdup_printf ("{\"advance_us\": %" G_GINT64_FORMAT "}", usec);
  g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/clock", NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
}

static gboolean
on_waited_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gint64
sim_open_connections (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);
  gboolean waited = FALSE;

  g_assert_cmpuint (r->status, ==, 200);
  g_timeout_add (10, on_waited_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  return json_object_get_int_member (sim_object (r), "open_connections");
}

gint64
sim_pooled_connections (void)
{
  return soup_get_major_version () == 3 && soup_get_minor_version () < 3 ? 0 : 4;
}
