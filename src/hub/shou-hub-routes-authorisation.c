/* shou-hub-routes-authorisation.c: a real platform's shop authorisation
 * through the hub (the desktop's 授权店铺): the platform's authorisation
 * page for the app's registered redirect URL, and the code (or the whole
 * redirect URL) the seller pasted, exchanged for the shop's tokens. Only
 * the owner authorises. */
#include "config.h"

#include "hub/platforms/shou-platform-failure.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

static const char *const post_fields[] = { "code", NULL };

void
shou_hub_route_authorisation (ShouHubContext    *ctx,
                              SoupServerMessage *msg,
                              const char        *merchant,
                              const char        *method,
                              const char        *shop_id,
                              GHashTable        *query)
{
  g_autofree char *owner = shou_hub_store_get_shop (ctx->store, shop_id, NULL);
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  ShouHubFailure *failure = NULL;
  const char *code = NULL;

  if (ctx->caller == NULL || !g_str_equal (ctx->caller->role, "owner"))
    {
      shou_hub_http_send_error (ctx, msg, 403, "forbidden", "Only the shop's owner authorises it");
      return;
    }
  if (owner == NULL || !g_str_equal (owner, merchant))
    {
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such shop");
      return;
    }
  if (shou_hub_platform_shop_state (ctx->platform, shop_id) == NULL)
    {
      failure = shou_hub_failure_new (422, "not_allowed", "This shop's platform has no authorisation");
      failure->reason = g_strdup ("no_authorisation");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (g_str_equal (method, "GET"))
    {
      const char *redirect = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
      g_autofree char *url = NULL;

      if (redirect == NULL || *redirect == '\0')
        {
          failure = shou_hub_failure_bad ("redirect_uri", "missing_field",
                                          "redirect_uri (the app's registered redirect URL) is required");
          shou_hub_http_send_failure (ctx, msg, failure);
          return;
        }
      url = shou_hub_platform_auth_url (ctx->platform, redirect, shop_id);
      json_object_set_string_member (answer, "shop_id", shop_id);
      json_object_set_string_member (answer, "authorisation", shou_hub_platform_shop_state (ctx->platform, shop_id));
      json_object_set_string_member (answer, "url", url);
      shou_hub_http_send_json (ctx, msg, 200, answer);
      return;
    }
  body = shou_hub_http_parse_body (ctx, msg);
  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, post_fields, NULL, &failure) ||
      !shou_hub_input_string (body, "code", TRUE, &code, &failure))
    {
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (!shou_hub_platform_authorise (ctx->platform, shop_id, code, &error))
    {
      shou_hub_http_send_failure (ctx, msg, shou_platform_failure_from_error (error, "the platform"));
      return;
    }
  json_object_set_string_member (answer, "shop_id", shop_id);
  json_object_set_string_member (answer, "authorisation", shou_hub_platform_shop_state (ctx->platform, shop_id));
  shou_hub_http_send_json (ctx, msg, 200, answer);
}
