/* shou-sim-server.c: shouhou-sim, the hub with the simulated platform
 * and test controls (API.md "Test controls"): the clock, buyers, orders,
 * faults and counters. */
#include "config.h"

#include <stdio.h>

#include "hub/shou-hub-input.h"
#include "shou-sim-buyers.h"
#include "shou-sim-demo.h"
#include "shou-sim-orders.h"
#include "shou-sim-outbound.h"
#include "shou-sim-platform.h"
#include "shou-sim-render.h"
#include "shou-sim-server.h"
#include "shou-sim-subsidy.h"

struct _ShouSimServer
{
  GObject          parent_instance;

  ShouHubStore    *store;
  ShouSimClock    *clock;
  ShouSimWorld    *world;
  ShouSimDemo     *demo;
  ShouSimBuyers   *buyers;
  ShouSimPlatform *platform;
  ShouHubServer   *hub;
  ShouSimFlags     flags;
  guint            demo_history_days;
};

G_DEFINE_FINAL_TYPE (ShouSimServer, shou_sim_server, G_TYPE_OBJECT)

#define CTX(self) (shou_hub_server_get_context ((self)->hub))

static gboolean dispatch_test (ShouHubContext    *ctx,
                               SoupServerMessage *msg,
                               const char        *method,
                               const char        *what,
                               gpointer           user_data);

static void
shou_sim_server_dispose (GObject *object)
{
  ShouSimServer *self = SHOU_SIM_SERVER (object);

  if (self->buyers != NULL)
    shou_sim_buyers_stop (self->buyers);
  if (self->hub != NULL)
    shou_hub_server_set_test_handler (self->hub, NULL, NULL);
  g_clear_object (&self->hub);
  g_clear_object (&self->platform);
  g_clear_object (&self->buyers);
  g_clear_object (&self->demo);
  g_clear_object (&self->world);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_sim_server_parent_class)->dispose (object);
}

static void
shou_sim_server_class_init (ShouSimServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_server_dispose;
}

static void
shou_sim_server_init (ShouSimServer *self)
{
}

ShouSimServer *
shou_sim_server_new (const char    *db_path,
                     ShouSimFlags   flags,
                     GError       **error)
{
  g_autoptr(ShouSimServer) self = NULL;
  ShouHubServerFlags hub_flags = SHOU_HUB_SERVER_SIMULATOR;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (SHOU_TYPE_SIM_SERVER, NULL);
  self->flags = flags;
  self->store = shou_hub_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;
  self->clock = shou_sim_clock_new ();
  self->world = shou_sim_world_new (self->store, self->clock);
  self->demo = shou_sim_demo_new (self->world, 20261111);
  self->buyers = shou_sim_buyers_new (self->world, self->demo);
  self->platform = shou_sim_platform_new (self->world);
  if (flags & SHOU_SIM_FLAG_TEST_CONTROLS)
    hub_flags |= SHOU_HUB_SERVER_TEST_CONTROLS;
  if (flags & SHOU_SIM_FLAG_QUIET)
    hub_flags |= SHOU_HUB_SERVER_QUIET;
  self->hub = shou_hub_server_new (self->store, SHOU_HUB_PLATFORM (self->platform), hub_flags);
  shou_hub_server_set_test_handler (self->hub, dispatch_test, self);

  return g_steal_pointer (&self);
}

gboolean
shou_sim_server_set_tls_files (ShouSimServer  *self,
                               const char     *cert_file,
                               const char     *key_file,
                               GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_hub_server_set_tls_files (self->hub, cert_file, key_file, error);
}

guint
shou_sim_server_listen (ShouSimServer  *self,
                        guint           port,
                        GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), 0);
  return shou_hub_server_listen (self->hub, NULL, port, error);
}

const char *
shou_sim_server_get_url (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_hub_server_get_url (self->hub);
}

ShouHubServer *
shou_sim_server_get_hub (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return self->hub;
}

gboolean
shou_sim_server_set_faults (ShouSimServer       *self,
                            double               rate,
                            const char * const  *kinds,
                            guint                latency_ms,
                            guint32              seed,
                            GError             **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_hub_server_set_faults (self->hub, rate, kinds, latency_ms, seed, error);
}

gboolean
shou_sim_server_add_demo (ShouSimServer  *self,
                          guint32         seed,
                          GError        **error)
{
  g_autoptr(ShouSimDemo) demo = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  shou_sim_world_set_seed (self->world, seed);
  if (!shou_hub_store_is_empty (self->store))
    return TRUE;
  demo = shou_sim_demo_new (self->world, seed);
  shou_sim_demo_set_history_days (demo, self->demo_history_days);
  return shou_sim_demo_populate (demo, error);
}

void
shou_sim_server_set_demo_history_days (ShouSimServer *self,
                                       guint          days)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));
  self->demo_history_days = days;
}

gboolean
shou_sim_server_add_scale (ShouSimServer  *self,
                           guint           n,
                           guint32         seed,
                           GError        **error)
{
  g_autoptr(ShouSimDemo) demo = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  shou_sim_world_set_seed (self->world, seed);
  demo = shou_sim_demo_new (self->world, seed);
  return shou_sim_demo_scale (demo, n, error);
}

GStrv
shou_sim_server_dup_tokens (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_hub_store_list_tokens (self->store);
}

char *
shou_sim_server_dup_token (ShouSimServer *self,
                           const char    *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_hub_store_get_token (self->store, merchant_id);
}

gboolean
shou_sim_server_add_merchant (ShouSimServer  *self,
                              const char     *merchant_id,
                              const char     *name,
                              const char     *token,
                              GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_hub_store_add_merchant (self->store, merchant_id, name, token, error);
}

gboolean
shou_sim_server_add_staff (ShouSimServer  *self,
                           const char     *merchant_id,
                           const char     *staff_id,
                           const char     *name,
                           const char     *token,
                           const char     *role,
                           gint64          cap_action_fen,
                           gint64          cap_day_fen,
                           GError        **error)
{
  ShouHubStaff staff = {
    (char *) merchant_id, (char *) staff_id, (char *) name, (char *) role, cap_action_fen, cap_day_fen,
  };

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_hub_store_add_staff (self->store, &staff, token, error);
}

gboolean
shou_sim_server_add_shop (ShouSimServer  *self,
                          const char     *shop_id,
                          const char     *merchant_id,
                          ShouPlatform    platform,
                          const char     *name,
                          GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_hub_store_add_shop (self->store, shop_id, merchant_id, platform, name, error);
}

ShouSimWorld *
shou_sim_server_get_world (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return self->world;
}

gint64
shou_sim_server_now (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), 0);
  return shou_sim_clock_now (self->clock);
}

void
shou_sim_server_advance_clock (ShouSimServer *self,
                               gint64         usec)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));

  shou_sim_clock_advance (self->clock, MAX (usec, 0));
  shou_sim_orders_process_lapses (self->world);
  shou_sim_world_process_lapses (self->world);
}

void
shou_sim_server_set_lapse_grace (ShouSimServer *self,
                                 gint64         grace)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));
  shou_sim_world_set_lapse_grace (self->world, grace);
}

void
shou_sim_server_set_buyers (ShouSimServer *self,
                            gboolean       enabled,
                            guint          interval_ms)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));

  if (enabled)
    shou_sim_buyers_start (self->buyers, interval_ms);
  else
    shou_sim_buyers_stop (self->buyers);
}

void
shou_sim_server_set_demo_speed (ShouSimServer *self,
                                double         speed)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));
  shou_sim_buyers_set_speed (self->buyers, speed);
}

char *
shou_sim_server_step_buyers (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_sim_buyers_step (self->buyers);
}

char *
shou_sim_server_checksum (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_hub_store_checksum (self->store);
}

/* Test controls */

static void
test_clock (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  static const char *const fields[] = { "advance_us", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  gint64 advance = 0;
  guint lapsed;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_int (body, "advance_us", TRUE, &advance, &failure))
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (advance < 0 || advance > 3650 * SHOU_USEC_PER_DAY)
    {
      failure = shou_hub_failure_bad ("advance_us", "out_of_range",
                                      "The clock moves forward only, by at most ten years");
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  shou_sim_clock_advance (self->clock, advance);
  /* The orders' own steps (unpaid cancel, failed group), then the requests'. */
  lapsed = shou_sim_orders_process_lapses (self->world);
  lapsed += shou_sim_world_process_lapses (self->world);
  reply = json_object_new ();
  json_object_set_int_member (reply, "now", shou_sim_clock_now (self->clock));
  json_object_set_int_member (reply, "offset_us", shou_sim_clock_get_offset (self->clock));
  json_object_set_int_member (reply, "lapsed", lapsed);
  shou_hub_http_send_json (CTX (self), msg, 200, reply);
}

static void
test_buyer (ShouSimServer     *self,
            SoupServerMessage *msg,
            gboolean           logistics)
{
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(ShouHubAftersale) as = NULL;

  if (body == NULL)
    return;
  as = logistics ? shou_sim_buyers_logistics (self->buyers, body, &failure)
                 : shou_sim_buyers_act (self->buyers, body, &failure);
  if (as == NULL)
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  shou_hub_http_send_one (CTX (self), msg, 200, "aftersale", shou_sim_world_render_aftersale (self->world, as));
}

/* POST /v1/test/subsidy: Pinduoduo's 退货包运费 state of a return, set
 * outright (a new version in the change feed); 200 {"aftersale"}. */
static void
test_subsidy (ShouSimServer     *self,
              SoupServerMessage *msg)
{
  static const char *const fields[] = { "aftersale_id", "state", "amount_fen", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = NULL;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_string (body, "aftersale_id", TRUE, &id, &failure))
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (!shou_hub_store_begin (self->store, &error))
    {
      shou_hub_http_send_error (CTX (self), msg, 500, "internal", error->message);
      return;
    }
  as = shou_sim_world_find_request (self->world, id);
  if (as == NULL)
    failure = shou_hub_failure_new (404, "not_found", "No such after-sales request");
  else if (shou_sim_subsidy_set (as, body, shou_sim_world_now (self->world), &failure) &&
           (!shou_sim_world_save (self->world, as, &error) || !shou_hub_store_commit (self->store, &error)))
    failure = shou_hub_failure_new (500, "internal", "%s", error->message);
  if (failure != NULL)
    {
      shou_hub_store_rollback (self->store);
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  shou_hub_http_send_one (CTX (self), msg, 200, "aftersale", shou_sim_world_render_aftersale (self->world, as));
}

static void
test_order (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  static const char *const fields[] = { "shop_id", "state", "group_state", "cod", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *order_id = NULL;
  const char *shop_id = NULL;
  const char *state_name = NULL;
  const char *group_name = NULL;
  ShouOrderState state = SHOU_ORDER_COMPLETED;
  ShouGroupState group = SHOU_GROUP_NONE;
  gboolean cod_given = FALSE;
  int cod = -1;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_string (body, "shop_id", TRUE, &shop_id, &failure) ||
      !shou_hub_input_string (body, "state", FALSE, &state_name, &failure) ||
      !shou_hub_input_string (body, "group_state", FALSE, &group_name, &failure) ||
      (json_object_has_member (body, "cod") &&
       !shou_hub_input_bool (body, "cod", &cod_given, &failure)))
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (json_object_has_member (body, "cod"))
    cod = cod_given ? 1 : 0;
  if (group_name != NULL && !shou_group_state_from_string (group_name, &group))
    {
      failure = shou_hub_failure_bad ("group_state", "unknown_state", "Unknown group state \"%s\"", group_name);
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (state_name != NULL && !shou_order_state_from_string (state_name, &state))
    {
      failure = shou_hub_failure_bad ("state", "unknown_state", "Unknown order state \"%s\"", state_name);
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  /* 待确认 and 备货中 are a cash-on-delivery order's states (seed 004 §1). */
  if (shou_order_state_is_cod_unshipped (state))
    {
      if (cod == 0)
        {
          failure = shou_hub_failure_bad ("cod", "conflicting_fields",
                                          "Only a cash-on-delivery order is in state \"%s\"", state_name);
          shou_hub_http_send_failure (CTX (self), msg, failure);
          return;
        }
      cod = 1;
    }
  owner = shou_hub_store_get_shop (self->store, shop_id, NULL);
  if (owner == NULL)
    {
      shou_hub_http_send_error (CTX (self), msg, 404, "not_found", "No such shop");
      return;
    }
  if (!shou_hub_store_begin (self->store, &error) ||
      (order_id = shou_sim_demo_add_test_order (self->demo, shop_id, state, group, cod,
                                                shou_sim_clock_now (self->clock), &error)) == NULL ||
      !shou_hub_store_commit (self->store, &error))
    {
      shou_hub_store_rollback (self->store);
      shou_hub_http_send_error (CTX (self), msg, 500, "internal", error->message);
      return;
    }
  shou_hub_http_send_one (CTX (self), msg, 201, "order", shou_hub_store_get_order (self->store, owner, order_id));
}

/* POST /v1/test/shipment and /v1/test/group: an order moved on, 200
 * {"order"}, or why not. */
static void
test_order_step (ShouSimServer     *self,
                 SoupServerMessage *msg,
                 gboolean           group)
{
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  JsonObject *order;

  if (body == NULL)
    return;
  order = group ? shou_sim_orders_form_group (self->world, body, &failure)
                : shou_sim_orders_move_parcel (self->world, body, &failure);
  if (order == NULL)
    shou_hub_http_send_failure (CTX (self), msg, failure);
  else
    shou_hub_http_send_one (CTX (self), msg, 200, "order", order);
}

static void
test_faults (ShouSimServer     *self,
             SoupServerMessage *msg)
{
  static const char *const fields[] = { "rate", "kinds", "latency_ms", "timeout_ms", "seed", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *kind_list = NULL;
  JsonNode *rate_node;
  double rate = 0;
  gint64 latency = 0;
  gint64 timeout = 0;
  gint64 seed = 1;

  if (body == NULL)
    return;
  rate_node = json_object_get_member (body, "rate");
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_strings (body, "kinds", &kind_list, &failure) ||
      !shou_hub_input_int (body, "latency_ms", FALSE, &latency, &failure) ||
      !shou_hub_input_int (body, "timeout_ms", FALSE, &timeout, &failure) ||
      !shou_hub_input_int (body, "seed", FALSE, &seed, &failure))
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (rate_node == NULL || !JSON_NODE_HOLDS_VALUE (rate_node) ||
      (json_node_get_value_type (rate_node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (rate_node) != G_TYPE_INT64))
    {
      failure = shou_hub_failure_bad ("rate", "wrong_type", "The field \"rate\" must be a number from 0 to 1");
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  rate = json_node_get_double (rate_node);
  for (guint i = 0; kind_list && i < json_array_get_length (kind_list); i++)
    g_ptr_array_add (kinds, (gpointer) json_array_get_string_element (kind_list, i));
  g_ptr_array_add (kinds, NULL);
  if (latency < 0 || latency > 60000 ||
      !shou_sim_server_set_faults (self, rate, (const char * const *) kinds->pdata,
                                   latency, (guint32) seed, &error))
    {
      failure = shou_hub_failure_bad (error ? "kinds" : "latency_ms", "out_of_range", "%s",
                                      error ? error->message : "latency_ms must be 0 to 60000");
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (timeout < 0 || timeout > 60000)
    {
      failure = shou_hub_failure_bad ("timeout_ms", "out_of_range", "timeout_ms must be 0 to 60000");
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (timeout > 0)
    shou_hub_server_set_fault_timeout (self->hub, timeout);
  json_object_set_double_member (reply, "rate", shou_hub_server_get_fault_rate (self->hub));
  json_object_set_int_member (reply, "timeout_ms", shou_hub_server_get_fault_timeout (self->hub));
  shou_hub_http_send_json (CTX (self), msg, 200, reply);
}

/* Simulated buyers' moves on request, for tests that drive the simulator
 * from another process instead of letting its timer run. */
static void
test_step (ShouSimServer     *self,
           SoupServerMessage *msg)
{
  static const char *const fields[] = { "moves", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (CTX (self), msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(JsonObject) reply = NULL;
  JsonArray *moved;
  gint64 moves = 1;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_int (body, "moves", FALSE, &moves, &failure))
    {
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  if (moves < 1 || moves > 1000)
    {
      failure = shou_hub_failure_bad ("moves", "out_of_range", "moves must be 1 to 1000");
      shou_hub_http_send_failure (CTX (self), msg, failure);
      return;
    }
  moved = json_array_new ();
  for (gint64 i = 0; i < moves; i++)
    {
      g_autofree char *what = shou_sim_buyers_step (self->buyers);

      if (what == NULL)
        continue;
      if (!(self->flags & SHOU_SIM_FLAG_QUIET))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

          g_print ("%s buyer %s\n", stamp, what);
        }
      json_array_add_string_element (moved, what);
    }
  reply = json_object_new ();
  json_object_set_int_member (reply, "attempted", moves);
  json_object_set_array_member (reply, "moves", moved);
  json_object_set_int_member (reply, "events", shou_sim_world_get_events_applied (self->world));
  shou_hub_http_send_json (CTX (self), msg, 200, reply);
}

static void
test_stats (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_int_member (reply, "actions_applied", CTX (self)->actions_applied);
  json_object_set_int_member (reply, "requests", CTX (self)->requests);
  json_object_set_int_member (reply, "events", shou_sim_world_get_events_applied (self->world));
  json_object_set_int_member (reply, "idempotent_replays", CTX (self)->replays);
  json_object_set_int_member (reply, "open_connections", shou_hub_server_get_open_connections (self->hub));
  json_object_set_int_member (reply, "now", shou_sim_clock_now (self->clock));
  shou_hub_http_send_json (CTX (self), msg, 200, reply);
}

static gboolean
dispatch_test (ShouHubContext    *ctx,
               SoupServerMessage *msg,
               const char        *method,
               const char        *what,
               gpointer           user_data)
{
  ShouSimServer *self = user_data;
  gboolean post = g_str_equal (method, "POST");

  if (g_str_equal (what, "clock") && post)
    test_clock (self, msg);
  else if (g_str_equal (what, "buyer") && post)
    test_buyer (self, msg, FALSE);
  else if (g_str_equal (what, "logistics") && post)
    test_buyer (self, msg, TRUE);
  else if (g_str_equal (what, "order") && post)
    test_order (self, msg);
  else if (g_str_equal (what, "shipment") && post)
    test_order_step (self, msg, FALSE);
  else if (g_str_equal (what, "group") && post)
    test_order_step (self, msg, TRUE);
  else if (g_str_equal (what, "subsidy") && post)
    test_subsidy (self, msg);
  else if (g_str_equal (what, "faults") && post)
    test_faults (self, msg);
  else if (g_str_equal (what, "step") && post)
    test_step (self, msg);
  else if (g_str_equal (what, "stats") && g_str_equal (method, "GET"))
    test_stats (self, msg);
  else if (g_strv_contains ((const char *const[]) { "clock", "buyer", "logistics", "order", "shipment", "group", "faults", "step",
                                                    "stats", "subsidy", NULL }, what))
    shou_hub_http_send_error (CTX (self), msg, 405, "method_not_allowed", "This method is not allowed here");
  else
    return FALSE;
  return TRUE;
}

