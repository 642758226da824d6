/* shou-hub-routes-authorisation.c: a real platform's shop authorisation
 * through the hub (the desktop's 授权店铺): the platform's authorisation
 * page for the app's registered redirect URL, and the code (or the whole
 * redirect URL) the seller pasted, exchanged for the shop's tokens. Only
 * the owner authorises. */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/shou-platform-config.h"
#include "hub/platforms/shou-platform-failure.h"
#include "hub/platforms/shou-platform-session.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

static const char *const post_fields[] = { "code", NULL };

/* The platform's refusal of a code, as a reason the desktop translates:
 * codes live minutes and work once, so "expired" is told apart where the
 * platform's text says so (neither platform publishes a distinct error). */
static ShouHubFailure *
exchange_failure (const GError *error)
{
  ShouHubFailure *failure;
  const char *reason;

  if (error->domain != SHOU_PROTOCOL_ERROR ||
      (error->code != SHOU_PROTOCOL_ERROR_BUSINESS && error->code != SHOU_PROTOCOL_ERROR_BAD_REQUEST &&
       error->code != SHOU_PROTOCOL_ERROR_NO_PERMISSION && error->code != SHOU_PROTOCOL_ERROR_SESSION_EXPIRED))
    return shou_platform_failure_from_error (error, "the platform");
  if (g_str_equal (error->message, SHOU_PLATFORM_NO_CODE_MESSAGE))
    reason = "no_code";
  else if (strstr (error->message, "过期") != NULL || strstr (error->message, "expire") != NULL)
    reason = "code_expired";
  else
    reason = "code_invalid";
  failure = shou_hub_failure_new (422, "not_allowed", "The platform refused the code: %s", error->message);
  failure->reason = g_strdup (reason);
  return failure;
}

void
shou_hub_route_authorisation (ShouHubContext    *ctx,
                              SoupServerMessage *msg,
                              const char        *merchant,
                              const char        *method,
                              const char        *shop_id,
                              GHashTable        *query)
{
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  g_autofree char *owner = shou_hub_store_get_shop (ctx->store, shop_id, &platform);
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
  if (platform == SHOU_PLATFORM_JD)
    {
      failure = shou_hub_failure_new (422, "not_allowed",
                                      "JD shops cannot be connected: no JD adapter exists, JD publishes no response shapes");
      failure->reason = g_strdup ("platform_unsupported");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (g_str_equal (method, "GET"))
    {
      const char *redirect = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
      g_autofree char *url = NULL;

      if (redirect == NULL || *redirect == '\0')
        redirect = shou_platform_config_get_redirect_uri (ctx->platform);
      if (redirect == NULL || *redirect == '\0')
        {
          failure = shou_hub_failure_new (422, "not_allowed",
                                          "The hub has no redirect-uri in [platform] (the app's registered redirect URL)");
          failure->reason = g_strdup ("no_redirect_uri");
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
      shou_hub_http_send_failure (ctx, msg, exchange_failure (error));
      return;
    }
  json_object_set_string_member (answer, "shop_id", shop_id);
  json_object_set_string_member (answer, "authorisation", shou_hub_platform_shop_state (ctx->platform, shop_id));
  shou_hub_http_send_json (ctx, msg, 200, answer);
}
