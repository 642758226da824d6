/* sim-test-util.h: an in-process simulator on 127.0.0.1:0 and a small HTTP
 * client that pumps the main context until the answer arrives. */
#pragma once

#include <libsoup/soup.h>

#include "sim/shou-sim-server.h"

G_BEGIN_DECLS

#define SIM_TOKEN_A "token-merchant-a-0001"
#define SIM_TOKEN_B "token-merchant-b-0002"

typedef struct
{
  char          *dir;
  ShouSimServer *server;
  SoupSession   *session;
  char          *url;
  /* Fixture shops of merchant "a": one per platform, "a-taobao" …; merchant
   * "b" owns "b-pdd". Each shop has one return address: address[platform]. */
  char          *address[SHOU_N_PLATFORMS];
  char          *address_b;
} SimFixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonNode           *json;      /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
  GError             *error;     /* transport error (dropped, truncated…) */
} SimResponse;

/* Where a test's store goes in @dir: the SQLite file @name there, or, with
 * SHOU_TEST_ENGINE=postgresql, a fresh database on the test's own
 * PostgreSQL server (tests/shou-test-pg.h). (transfer full) */
char        *sim_test_database      (const char       *dir,
                                     const char       *name);

/* Pass as test data for a server without --test-controls. */
#define SIM_NO_TEST_CONTROLS ((gconstpointer) sim_fixture_setup)

void         sim_fixture_setup      (SimFixture       *f,
                                     gconstpointer     data);
void         sim_fixture_teardown   (SimFixture       *f,
                                     gconstpointer     data);

SimResponse *sim_request            (SimFixture       *f,
                                     const char       *method,
                                     const char       *path,
                                     const char       *token,
                                     const char       *json_body);
/* Full control: raw body with a content type and extra headers. */
SimResponse *sim_request_full       (SimFixture       *f,
                                     const char       *method,
                                     const char       *path,
                                     const char       *token,
                                     const char       *content_type,
                                     GBytes           *body,
                                     const char       *idempotency_key);
void         sim_response_free      (SimResponse      *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimResponse, sim_response_free)

JsonObject  *sim_object             (SimResponse      *r);
JsonObject  *sim_member             (SimResponse      *r,
                                     const char       *name);
const char  *sim_error_code         (SimResponse      *r);
const char  *sim_error_field        (SimResponse      *r,
                                     const char       *name);

/* Helpers that assert success. (transfer full) order id / aftersale id */
char        *sim_new_order          (SimFixture       *f,
                                     const char       *shop_id,
                                     const char       *state);
/* Opens a request on the first line of a new order in @shop_id. */
char        *sim_open_request       (SimFixture       *f,
                                     const char       *shop_id,
                                     const char       *order_state,
                                     const char       *type,
                                     const char       *reason_code);
/* (transfer full) the aftersale object */
JsonObject  *sim_get_aftersale      (SimFixture       *f,
                                     const char       *token,
                                     const char       *id);
/* Posts an action with a fresh key at the current version. */
SimResponse *sim_action             (SimFixture       *f,
                                     const char       *id,
                                     const char       *action,
                                     const char       *params_json);
void         sim_advance            (SimFixture       *f,
                                     gint64            usec);
/* GET /v1/test/stats "open_connections" (this request's included), after
 * letting the server finish closing for 10 ms. */
gint64       sim_open_connections   (SimFixture       *f);
/* Connections the fixture's session may keep open between requests: none
 * before libsoup 3.3, where the server closes after every answer. */
gint64       sim_pooled_connections (void);
/* The endpoints exercised so far, "METHOD /v1/path" as requested. */
GPtrArray   *sim_requested_paths    (void);

G_END_DECLS
