/* shou-hub-routes-orders.c: POST /v1/orders/{id}/cancel, the merchant
 * cancelling an order itself (Douyin's cash-on-delivery orders, seed 004
 * §1), idempotent and checked against the version the seller saw. */
#include "config.h"

#include "hub/shou-hub-idempotent.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

static const char *const cancel_fields[] = { "expected_version", "buyer_consulted", NULL };

void
shou_hub_route_post_order_cancel (ShouHubContext    *ctx,
                                  SoupServerMessage *msg,
                                  const char        *merchant,
                                  const char        *id)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autofree char *hash = NULL;
  const char *key = NULL;
  gint64 expected = 0;
  gint64 version;
  gboolean consulted = FALSE;
  gint64 now = shou_hub_platform_now (ctx->platform);

  order = shou_hub_store_get_order (ctx->store, merchant, id);
  if (order == NULL)
    {
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such order");
      return;
    }
  g_clear_pointer (&order, json_object_unref);
  if (!shou_hub_idempotent_begin (ctx, msg, merchant, id, &body, &key, &hash))
    return;
  order = shou_hub_store_get_order (ctx->store, merchant, id);
  if (order == NULL)
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such order");
      return;
    }
  if (!shou_hub_input_check_fields (body, cancel_fields, NULL, &failure) ||
      !shou_hub_input_int (body, "expected_version", TRUE, &expected, &failure) ||
      (json_object_has_member (body, "buyer_consulted") &&
       !shou_hub_input_bool (body, "buyer_consulted", &consulted, &failure)))
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  version = json_object_get_int_member_with_default (order, "version", 0);
  response = json_object_new ();
  if (expected != version)
    {
      failure = shou_hub_failure_new (409, "version_conflict",
                                      "The order changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")", version, expected);
      failure->current_version = version;
    }
  else
    {
      JsonObject *done = shou_hub_platform_cancel_order (ctx->platform, merchant, id, consulted, now, &failure);

      if (done != NULL)
        json_object_set_object_member (response, "order", done);
    }
  if (failure != NULL)
    {
      json_object_unref (response);
      response = shou_hub_failure_to_json (failure);
    }
  shou_hub_idempotent_finish (ctx, msg, merchant, key, hash, "cancel_order", NULL, 0, now,
                              failure != NULL ? failure->status : 200, shou_hub_http_to_string (response));
}
