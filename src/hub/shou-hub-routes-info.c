/* shou-hub-routes-info.c: shops, who the token is, carriers, rejection
 * reasons, one order, one request. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

void
shou_hub_route_get_shops (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *merchant)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *shops = shou_hub_store_list_shops (ctx->store, merchant);

  /* A real platform's shop says whether its authorisation still holds. */
  for (guint i = 0; i < json_array_get_length (shops); i++)
    {
      JsonObject *shop = json_array_get_object_element (shops, i);
      const char *state = shou_hub_platform_shop_state (ctx->platform, json_object_get_string_member (shop, "id"));

      /* No adapter serves JD (its after-sales APIs are unverified:
       * tests/data/platforms/README.md "JD"): a JD shop on a real
       * platform's hub is "unsupported", never offered authorisation. */
      if (state != NULL && g_strcmp0 (json_object_get_string_member_with_default (shop, "platform", ""), "jd") == 0)
        state = "unsupported";

      if (state != NULL)
        json_object_set_string_member (shop, "authorisation", state);
    }
  json_object_set_array_member (body, "shops", shops);
  shou_hub_http_send_json (ctx, msg, 200, body);
}

/* Who the token belongs to: a client tells two merchants (and, once teams
 * exist, two staff members) on one server apart by this. */
void
shou_hub_route_get_me (ShouHubContext    *ctx,
                       SoupServerMessage *msg,
                       const char        *merchant)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *name = shou_hub_store_get_merchant_name (ctx->store, merchant);

  json_object_set_string_member (body, "merchant_id", merchant);
  json_object_set_string_member (body, "merchant_name", name != NULL ? name : merchant);
  if (ctx->caller != NULL && ctx->caller->staff_id != NULL)
    {
      JsonObject *caps = json_object_new ();

      json_object_set_string_member (body, "staff_id", ctx->caller->staff_id);
      json_object_set_string_member (body, "staff_name", ctx->caller->name);
      json_object_set_string_member (body, "role", ctx->caller->role);
      json_object_set_int_member (caps, "action_fen", ctx->caller->cap_action_fen);
      json_object_set_int_member (caps, "day_fen", ctx->caller->cap_day_fen);
      if (g_str_equal (ctx->caller->role, "agent"))
        json_object_set_object_member (body, "caps", caps);
      else
        {
          json_object_unref (caps);
          json_object_set_null_member (body, "caps");
        }
    }
  else
    {
      json_object_set_null_member (body, "staff_id");
      json_object_set_null_member (body, "staff_name");
      json_object_set_string_member (body, "role", "owner");
      json_object_set_null_member (body, "caps");
    }
  /* Where the merchant's automatic rules run: a desktop leaves them to a
   * hub that runs them (API.md "Automatic rules"). */
  json_object_set_string_member (body, "autorules", ctx->autorules ? "hub" : "desktop");
  shou_hub_http_send_json (ctx, msg, 200, body);
}

void
shou_hub_route_get_carriers (ShouHubContext    *ctx,
                             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *list = json_array_new ();
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  for (guint i = 0; i < n && carriers[i].code != NULL; i++)
    {
      JsonObject *c = json_object_new ();

      json_object_set_string_member (c, "code", carriers[i].code);
      json_object_set_string_member (c, "name", shou_hub_platform_carrier_name (ctx->platform, carriers[i].code));
      json_array_add_object_element (list, c);
    }
  json_object_set_array_member (body, "carriers", list);
  shou_hub_http_send_json (ctx, msg, 200, body);
}

void
shou_hub_route_get_reasons (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            GHashTable        *query)
{
  g_autoptr(JsonObject) body = json_object_new ();
  const char *name = query ? g_hash_table_lookup (query, "platform") : NULL;
  const ShouRejectReason *reasons;
  const ShouProfile *profile;
  ShouPlatform platform;
  JsonArray *list;
  guint n = 0;

  if (name == NULL || !shou_platform_from_string (name, &platform))
    {
      g_autoptr(ShouHubFailure) f = shou_hub_failure_bad ("platform", "unknown_platform",
                                                          "The query parameter platform must be one of "
                                                          "taobao, tmall, pdd, douyin, jd");
      shou_hub_http_send_failure (ctx, msg, f);
      return;
    }
  profile = shou_hub_platform_get_profile (ctx->platform, platform);
  reasons = shou_profile_get_reject_reasons (profile, &n);
  list = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "code", reasons[i].code);
      json_object_set_string_member (r, "text", reasons[i].text);
      json_object_set_boolean_member (r, "evidence_required", reasons[i].evidence_required);
      json_array_add_object_element (list, r);
    }
  json_object_set_string_member (body, "platform", shou_platform_to_string (platform));
  json_object_set_string_member (body, "profile_version", shou_profile_get_version (profile));
  json_object_set_array_member (body, "reasons", list);
  shou_hub_http_send_json (ctx, msg, 200, body);
}

void
shou_hub_route_get_order (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *merchant,
                          const char        *id)
{
  JsonObject *order = shou_hub_store_get_order (ctx->store, merchant, id);

  if (order == NULL)
    {
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such order");
      return;
    }
  shou_hub_http_send_one (ctx, msg, 200, "order", order);
}

/* The order's own parcels (API.md "order_shipments"), from the stored order,
 * whichever platform stored it: a refund-only request on a shipped order is
 * decided by where that parcel is. */
static void
add_order_shipments (ShouHubContext *ctx,
                     const char     *merchant,
                     JsonObject     *aftersale)
{
  const char *order_id = json_object_get_string_member_with_default (aftersale, "order_id", NULL);
  g_autoptr(JsonObject) order = order_id ? shou_hub_store_get_order (ctx->store, merchant, order_id) : NULL;
  JsonNode *shipments = order ? json_object_get_member (order, "shipments") : NULL;

  if (shipments != NULL && JSON_NODE_HOLDS_ARRAY (shipments))
    json_object_set_member (aftersale, "order_shipments", json_node_copy (shipments));
  else
    json_object_set_array_member (aftersale, "order_shipments", json_array_new ());
}

void
shou_hub_route_get_aftersale (ShouHubContext    *ctx,
                              SoupServerMessage *msg,
                              const char        *merchant,
                              const char        *id)
{
  g_autoptr(ShouHubAftersale) as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);

  JsonObject *o;

  if (as == NULL)
    return;
  o = shou_hub_platform_render_request (ctx->platform, as);
  add_order_shipments (ctx, merchant, o);
  shou_hub_http_send_one (ctx, msg, 200, "aftersale", o);
}

