/* shou-hub-routes-care.c: the seller's care records, bad reviews (API.md
 * "review"), complaints ("complaint"), return visits ("visit") and
 * logistics incidents ("incident"): POST /v1/{reviews,complaints,visits,incidents}
 * (entered by hand), GET …/{id} and POST …/{id}/actions, idempotent and
 * checked against the version the seller saw, like a request's actions.
 * One implementation; a kind says how its objects are made, stored and
 * stepped. */
#include "config.h"

#include "hub/shou-hub-complaint.h"
#include "hub/shou-hub-incident.h"
#include "hub/shou-hub-input.h"
#include "hub/shou-hub-keyed.h"
#include "hub/shou-hub-review.h"
#include "hub/shou-hub-visit.h"
#include "shou-hub-routes.h"

typedef struct
{
  const char *name;       /* "review": the answer's member, the object's word */
  const char *not_found;
  /* %NULL for the kinds kept in the care table (under their name). */
  JsonObject *(*get)     (ShouHubStore *store, const char *merchant, const char *id);
  gboolean    (*put)     (ShouHubStore *store, const char *merchant, JsonObject *object, GError **error);
  JsonObject *(*create)  (ShouHubContext *ctx, const char *merchant, JsonObject *body, gint64 now,
                          ShouHubFailure **failure);
  gboolean    (*known)   (const char *action);
  gboolean    (*apply)   (ShouHubContext *ctx, JsonObject *object, const char *action, JsonObject *params,
                          gint64 now, ShouHubFailure **failure);
  /* After a step was stored, in its transaction (may be %NULL). */
  gboolean    (*after)   (ShouHubContext *ctx, const char *merchant, JsonObject *object, const char *action,
                          gint64 now, GError **error);
} CareKind;

/* Reviews */

static JsonObject *
review_create (ShouHubContext *ctx, const char *merchant, JsonObject *body, gint64 now, ShouHubFailure **failure)
{
  return shou_hub_review_create (ctx->store, merchant, body, "manual", now, failure);
}

static gboolean
review_known (const char *action)
{
  ShouReviewAction a;

  return shou_review_action_from_string (action, &a);
}

static gboolean
review_apply (ShouHubContext *ctx, JsonObject *review, const char *action, JsonObject *params, gint64 now,
              ShouHubFailure **failure)
{
  ShouReviewAction a = SHOU_REVIEW_ACTION_CONTACT;

  shou_review_action_from_string (action, &a);
  return shou_hub_review_apply (review, a, params, now, failure);
}

/* A settled review is visited again (000 ⑹). */
static gboolean
review_after (ShouHubContext *ctx, const char *merchant, JsonObject *review, const char *action, gint64 now,
              GError **error)
{
  if (!g_str_equal (action, "mark_changed"))
    return TRUE;
  return shou_hub_visit_follow (ctx->store, merchant, review, SHOU_VISIT_SOURCE_REVIEW, now, error);
}

static const CareKind review_kind = {
  "review", "No such review", shou_hub_store_get_review, shou_hub_store_put_review,
  review_create, review_known, review_apply, review_after,
};

/* Complaints */

static JsonObject *
complaint_create (ShouHubContext *ctx, const char *merchant, JsonObject *body, gint64 now, ShouHubFailure **failure)
{
  return shou_hub_complaint_create (ctx->store, merchant, body, "manual", now, failure);
}

static gboolean
complaint_known (const char *action)
{
  ShouComplaintAction a;

  return shou_complaint_action_from_string (action, &a);
}

static gboolean
complaint_apply (ShouHubContext *ctx, JsonObject *complaint, const char *action, JsonObject *params, gint64 now,
                 ShouHubFailure **failure)
{
  ShouComplaintAction a = SHOU_COMPLAINT_ACTION_HANDLE;
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;

  shou_complaint_action_from_string (action, &a);
  shou_platform_from_string (json_object_get_string_member_with_default (complaint, "platform", "taobao"), &platform);
  return shou_hub_complaint_apply (complaint, a, params, shou_hub_platform_get_profile (ctx->platform, platform),
                                   now, failure);
}

/* A finished complaint is visited again (000 ⑹). */
static gboolean
complaint_after (ShouHubContext *ctx, const char *merchant, JsonObject *complaint, const char *action, gint64 now,
                 GError **error)
{
  if (!g_str_equal (action, "finish"))
    return TRUE;
  return shou_hub_visit_follow (ctx->store, merchant, complaint, SHOU_VISIT_SOURCE_COMPLAINT, now, error);
}

static const CareKind complaint_kind = {
  "complaint", "No such complaint", NULL, NULL,
  complaint_create, complaint_known, complaint_apply, complaint_after,
};

/* Return visits */

static JsonObject *
visit_create (ShouHubContext *ctx, const char *merchant, JsonObject *body, gint64 now, ShouHubFailure **failure)
{
  return shou_hub_visit_create (ctx->store, merchant, body, now, failure);
}

static gboolean
visit_known (const char *action)
{
  return g_strcmp0 (action, "record") == 0;
}

static gboolean
visit_apply (ShouHubContext *ctx, JsonObject *visit, const char *action, JsonObject *params, gint64 now,
             ShouHubFailure **failure)
{
  return shou_hub_visit_apply (visit, params, now, failure);
}

/* A visit that finds a problem opens a complaint (000 ⑹). */
static gboolean
visit_after (ShouHubContext *ctx, const char *merchant, JsonObject *visit, const char *action, gint64 now,
             GError **error)
{
  JsonArray *done = json_object_get_array_member (visit, "done");
  JsonObject *last = done && json_array_get_length (done) > 0
                     ? json_array_get_object_element (done, json_array_get_length (done) - 1) : NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) complaint = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  const char *order_id = json_object_get_string_member_with_default (visit, "order_id", NULL);

  if (last == NULL || g_strcmp0 (json_object_get_string_member (last, "outcome"), "problem") != 0)
    return TRUE;
  body = json_object_new ();
  json_object_set_string_member (body, "shop_id", json_object_get_string_member (visit, "shop_id"));
  if (order_id != NULL)
    json_object_set_string_member (body, "order_id", order_id);
  json_object_set_string_member (body, "buyer_nick", json_object_get_string_member (visit, "buyer_nick"));
  json_object_set_string_member (body, "channel", "visit");
  json_object_set_string_member (body, "text", json_object_get_string_member_with_default (last, "note", ""));
  complaint = shou_hub_complaint_create (ctx->store, merchant, body, "manual", now, &failure);
  if (complaint == NULL)
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "complaint: %s", failure->message);
      return FALSE;
    }
  return shou_hub_store_put_care (ctx->store, merchant, "complaint", complaint, error);
}

static const CareKind visit_kind = {
  "visit", "No such visit", NULL, NULL, visit_create, visit_known, visit_apply, visit_after,
};

/* Logistics incidents */

static JsonObject *
incident_create (ShouHubContext *ctx, const char *merchant, JsonObject *body, gint64 now, ShouHubFailure **failure)
{
  return shou_hub_incident_create (ctx->store, merchant, body, "manual", now, failure);
}

static gboolean
incident_known (const char *action)
{
  ShouIncidentAction a;

  return shou_incident_action_from_string (action, &a);
}

static gboolean
incident_apply (ShouHubContext *ctx, JsonObject *incident, const char *action, JsonObject *params, gint64 now,
                ShouHubFailure **failure)
{
  ShouIncidentAction a = SHOU_INCIDENT_ACTION_CONTACT_COURIER;

  shou_incident_action_from_string (action, &a);
  return shou_hub_incident_apply (incident, a, params, now, failure);
}

static const CareKind incident_kind = {
  "incident", "No such incident", NULL, NULL, incident_create, incident_known, incident_apply, NULL,
};

static JsonObject *
kind_get (ShouHubContext *ctx, const CareKind *kind, const char *merchant, const char *id)
{
  if (kind->get != NULL)
    return kind->get (ctx->store, merchant, id);
  return shou_hub_store_get_care (ctx->store, merchant, kind->name, id);
}

static gboolean
kind_put (ShouHubContext *ctx, const CareKind *kind, const char *merchant, JsonObject *object, GError **error)
{
  if (kind->put != NULL)
    return kind->put (ctx->store, merchant, object, error);
  return shou_hub_store_put_care (ctx->store, merchant, kind->name, object, error);
}

static const CareKind *
care_kind (const char *collection)
{
  if (g_str_equal (collection, "reviews"))
    return &review_kind;
  if (g_str_equal (collection, "complaints"))
    return &complaint_kind;
  if (g_str_equal (collection, "visits"))
    return &visit_kind;
  if (g_str_equal (collection, "incidents"))
    return &incident_kind;
  g_return_val_if_reached (&review_kind);
}

static const char *const action_fields[] = { "action", "expected_version", "params", NULL };

static JsonObject *
load_object (ShouHubContext    *ctx,
             SoupServerMessage *msg,
             const CareKind    *kind,
             const char        *merchant,
             const char        *id)
{
  JsonObject *object = kind_get (ctx, kind, merchant, id);

  if (object == NULL)
    shou_hub_http_send_error (ctx, msg, 404, "not_found", kind->not_found);
  return object;
}

void
shou_hub_route_get_care (ShouHubContext    *ctx,
                         SoupServerMessage *msg,
                         const char        *collection,
                         const char        *merchant,
                         const char        *id)
{
  const CareKind *kind = care_kind (collection);
  JsonObject *object = load_object (ctx, msg, kind, merchant, id);

  if (object != NULL)
    shou_hub_http_send_one (ctx, msg, 200, kind->name, object);
}

void
shou_hub_route_post_care (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *collection,
                          const char        *merchant)
{
  const CareKind *kind = care_kind (collection);
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
  hash = shou_hub_input_hash (collection, body);
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key))
    return;
  if (shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return;
  review = kind->create (ctx, merchant, body, now, &failure);
  if (review == NULL)
    {
      /* Bad input is not remembered. */
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  if (!kind_put (ctx, kind, merchant, review, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  response = json_object_new ();
  json_object_set_object_member (response, kind->name, g_steal_pointer (&review));
  shou_hub_keyed_finish (ctx, msg, merchant, key, hash, 201, response, now);
}

void
shou_hub_route_post_care_action (ShouHubContext    *ctx,
                                 SoupServerMessage *msg,
                                 const char        *collection,
                                 const char        *merchant,
                                 const char        *id)
{
  const CareKind *kind = care_kind (collection);
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
  gint64 expected = 0, version;
  gint64 now = shou_hub_platform_now (ctx->platform);
  guint status = 200;

  review = load_object (ctx, msg, kind, merchant, id);
  if (review == NULL)
    return;
  body = shou_hub_keyed_body (ctx, msg, &key);
  if (body == NULL)
    return;
  scope = g_strconcat (kind->name, ":", id, NULL);
  hash = shou_hub_input_hash (scope, body);
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key))
    return;
  if (shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return;
  /* Read again inside the transaction (locked until commit). */
  g_clear_pointer (&review, json_object_unref);
  review = kind_get (ctx, kind, merchant, id);
  if (review == NULL)
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 404, "not_found", kind->not_found);
      return;
    }

  if (shou_hub_input_params (body, &params, &failure) &&
      shou_hub_input_check_fields (body, action_fields, NULL, &failure) &&
      shou_hub_input_string (body, "action", TRUE, &action_name, &failure) &&
      shou_hub_input_int (body, "expected_version", TRUE, &expected, &failure) &&
      !kind->known (action_name))
    failure = shou_hub_failure_bad ("action", "unknown_action", "Unknown action \"%s\"", action_name);

  version = json_object_get_int_member (review, "version");
  if (failure == NULL && expected != version)
    {
      failure = shou_hub_failure_new (409, "version_conflict",
                                      "The %s changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")", kind->name, version, expected);
      failure->current_version = version;
    }
  else if (failure == NULL)
    kind->apply (ctx, review, action_name, params, now, &failure);
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
  else if (!kind_put (ctx, kind, merchant, review, &error) ||
           (kind->after != NULL && !kind->after (ctx, merchant, review, action_name, now, &error)))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  else
    {
      response = json_object_new ();
      json_object_set_object_member (response, kind->name, json_object_ref (review));
    }
  shou_hub_keyed_finish (ctx, msg, merchant, key, hash, status, response, now);
}
