/* shou-hub-routes-reviews.c: bad reviews (API.md "review"): POST
 * /v1/reviews (entered by hand), GET /v1/reviews/{id} and POST
 * /v1/reviews/{id}/actions, idempotent and checked against the version the
 * seller saw, like a request's actions. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "hub/shou-hub-review.h"
#include "shou-hub-keyed.h"
#include "shou-hub-routes.h"

static const char *const action_fields[] = { "action", "expected_version", "params", NULL };

static JsonObject *
load_review (ShouHubContext    *ctx,
             SoupServerMessage *msg,
             const char        *merchant,
             const char        *id)
{
  JsonObject *review = shou_hub_store_get_review (ctx->store, merchant, id);

  if (review == NULL)
    shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such review");
  return review;
}

void
shou_hub_route_get_review (ShouHubContext    *ctx,
                           SoupServerMessage *msg,
                           const char        *merchant,
                           const char        *id)
{
  JsonObject *review = load_review (ctx, msg, merchant, id);

  if (review != NULL)
    shou_hub_http_send_one (ctx, msg, 200, "review", review);
}

void
shou_hub_route_post_review (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            const char        *merchant)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *owner = NULL;
  const char *key, *shop_id;
  gint64 now = shou_hub_platform_now (ctx->platform);

  body = shou_hub_keyed_body (ctx, msg, &key);
  if (body == NULL)
    return;
  /* Another merchant's shop answers as one that does not exist. */
  shop_id = json_object_get_string_member_with_default (body, "shop_id", NULL);
  if (json_object_has_member (body, "shop_id") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "shop_id")) &&
      json_node_get_value_type (json_object_get_member (body, "shop_id")) == G_TYPE_STRING)
    {
      owner = shop_id ? shou_hub_store_get_shop (ctx->store, shop_id, NULL) : NULL;
      if (owner == NULL || !g_str_equal (owner, merchant))
        {
          shou_hub_http_send_error (ctx, msg, 403, "forbidden", "This shop is not one of the merchant's shops");
          return;
        }
    }
  hash = shou_hub_input_hash ("reviews", body);
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key))
    return;
  if (shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return;
  review = shou_hub_review_create (ctx->store, merchant, body, "manual", now, &failure);
  if (review == NULL)
    {
      /* Bad input is not remembered. */
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (!shou_hub_store_put_review (ctx->store, merchant, review, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  response = json_object_new ();
  json_object_set_object_member (response, "review", g_steal_pointer (&review));
  shou_hub_keyed_finish (ctx, msg, merchant, key, hash, 201, response, now);
}

void
shou_hub_route_post_review_action (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id)
{
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) no_params = json_object_new ();
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *scope = NULL;
  const char *key, *action_name = NULL;
  JsonObject *params = no_params;
  ShouReviewAction action = SHOU_REVIEW_ACTION_CONTACT;
  gint64 expected = 0, version;
  gint64 now = shou_hub_platform_now (ctx->platform);
  guint status = 200;

  review = load_review (ctx, msg, merchant, id);
  if (review == NULL)
    return;
  body = shou_hub_keyed_body (ctx, msg, &key);
  if (body == NULL)
    return;
  scope = g_strconcat ("review:", id, NULL);
  hash = shou_hub_input_hash (scope, body);
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key))
    return;
  if (shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return;
  /* Read again inside the transaction (locked until commit). */
  g_clear_pointer (&review, json_object_unref);
  review = shou_hub_store_get_review (ctx->store, merchant, id);
  if (review == NULL)
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such review");
      return;
    }

  if (shou_hub_input_params (body, &params, &failure) &&
      shou_hub_input_check_fields (body, action_fields, NULL, &failure) &&
      shou_hub_input_string (body, "action", TRUE, &action_name, &failure) &&
      shou_hub_input_int (body, "expected_version", TRUE, &expected, &failure) &&
      !shou_review_action_from_string (action_name, &action))
    failure = shou_hub_failure_bad ("action", "unknown_action", "Unknown action \"%s\"", action_name);

  version = json_object_get_int_member (review, "version");
  if (failure == NULL && expected != version)
    {
      failure = shou_hub_failure_new (409, "version_conflict",
                                      "The review changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")", version, expected);
      failure->current_version = version;
    }
  else if (failure == NULL)
    shou_hub_review_apply (review, action, params, now, &failure);
  if (failure != NULL && failure->status == 400)
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (failure != NULL)
    {
      status = failure->status;
      response = shou_hub_failure_to_json (failure);
    }
  else if (!shou_hub_store_put_review (ctx->store, merchant, review, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  else
    {
      response = json_object_new ();
      json_object_set_object_member (response, "review", json_object_ref (review));
    }
  shou_hub_keyed_finish (ctx, msg, merchant, key, hash, status, response, now);
}
