/* shou-hub-routes-orders.c: POST /v1/orders/{id}/cancel, the merchant
 * cancelling an order itself (Douyin's cash-on-delivery orders, seed 004
 * §1), idempotent and checked against the version the seller saw. */
#include "config.h"

#include <string.h>

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
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *day = NULL;
  const char *key;
  guint stored_status = 0;
  guint status;
  gint64 expected = 0;
  gboolean consulted = FALSE;
  gint64 now = shou_hub_platform_now (ctx->platform);

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  if (key == NULL || strlen (key) < 8 || strlen (key) > 128)
    {
      failure = shou_hub_failure_bad ("Idempotency-Key", key ? "bad_key" : "missing_field",
                                      "An Idempotency-Key header of 8 to 128 characters is required");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  body = shou_hub_http_parse_body (ctx, msg);
  if (body == NULL)
    return;
  hash = shou_hub_input_hash (id, body);

  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, key, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (shou_hub_store_get_idempotent (ctx->store, merchant, key, &stored_hash, &stored_status, &stored_body))
    {
      shou_hub_store_rollback (ctx->store);
      if (!g_str_equal (stored_hash, hash))
        {
          failure = shou_hub_failure_new (422, "idempotency_mismatch",
                                          "This Idempotency-Key was used with a different request");
          shou_hub_http_send_failure (ctx, msg, failure);
          return;
        }
      ctx->replays++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Idempotent-Replayed", "true");
      shou_hub_http_send_text (ctx, msg, stored_status, g_steal_pointer (&stored_body));
      return;
    }

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

  if (expected != json_object_get_int_member_with_default (order, "version", 0))
    {
      failure = shou_hub_failure_new (409, "version_conflict",
                                      "The order changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")",
                                      json_object_get_int_member_with_default (order, "version", 0), expected);
      failure->current_version = json_object_get_int_member_with_default (order, "version", 0);
    }
  else
    done = shou_hub_platform_cancel_order (ctx->platform, merchant, id, consulted, now, &failure);

  if (failure != NULL)
    {
      g_autoptr(JsonObject) response = shou_hub_failure_to_json (failure);

      status = failure->status;
      text = shou_hub_http_to_string (response);
    }
  else
    {
      g_autoptr(JsonObject) response = json_object_new ();

      status = 200;
      json_object_set_object_member (response, "order", g_steal_pointer (&done));
      text = shou_hub_http_to_string (response);
    }
  day = shou_hub_team_day (now);
  if (!shou_hub_store_add_audit (ctx->store, merchant, ctx->caller ? ctx->caller->staff_id : NULL,
                                 "cancel_order", NULL, 0, day, status, now, &error) ||
      !shou_hub_store_put_idempotent (ctx->store, merchant, key, hash, status, text, now, &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (status == 200)
    ctx->actions_applied++;
  shou_hub_http_send_text (ctx, msg, status, g_steal_pointer (&text));
}
