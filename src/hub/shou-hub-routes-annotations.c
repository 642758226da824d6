/* shou-hub-routes-annotations.c: POST /v1/aftersales/{id}/annotations
 * (API.md "annotation"): one step on a request's tags and internal notes,
 * idempotent like the actions, with who took it and when. Steps on one
 * request are serialised by its row's lock; they need no version, since
 * adding and removing a tag or adding a note commute with the buyer's and
 * the platform's changes. */
#include "config.h"

#include "core/shou-annotation.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-keyed.h"
#include "shou-hub-routes.h"

static const char *const fields[] = { "op", "tag", "text", NULL };

/* The checked step of @body, else a 400 failure in *@failure. */
static gboolean
read_step (JsonObject        *body,
           ShouAnnotationOp  *op,
           const char       **value,
           ShouHubFailure   **failure)
{
  const char *op_name = NULL;
  const char *reason;
  const char *field;

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "op", TRUE, &op_name, failure))
    return FALSE;
  if (!shou_annotation_op_from_string (op_name, op))
    {
      *failure = shou_hub_failure_bad ("op", "unknown_op", "Unknown op \"%s\"", op_name);
      return FALSE;
    }
  field = *op == SHOU_ANNOTATION_ADD_NOTE ? "text" : "tag";
  if (!shou_hub_input_string (body, field, TRUE, value, failure))
    return FALSE;
  if ((reason = shou_annotation_check_value (*op, *value)) != NULL)
    {
      *failure = shou_hub_failure_bad (field, reason, "The %s is not acceptable (%s)", field, reason);
      return FALSE;
    }
  return TRUE;
}

void
shou_hub_route_post_annotation (ShouHubContext    *ctx,
                                SoupServerMessage *msg,
                                const char        *merchant,
                                const char        *id)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) annotation = NULL;
  g_autoptr(JsonObject) by = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *scope = NULL;
  const char *key, *value = NULL, *reason = NULL;
  ShouAnnotationOp op = SHOU_ANNOTATION_ADD_TAG;
  gint64 now = shou_hub_platform_now (ctx->platform);
  guint status = 200;

  body = shou_hub_keyed_body (ctx, msg, &key);
  if (body == NULL)
    return;
  scope = g_strconcat ("annotation:", id, NULL);
  hash = shou_hub_input_hash (scope, body);
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key))
    return;
  if (shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return;
  /* The request's row, locked until commit: steps on it take turns.
   * Another merchant's request answers as one that does not exist. */
  as = shou_hub_store_get_aftersale (ctx->store, merchant, id);
  if (as == NULL)
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such after-sales request");
      return;
    }
  if (!read_step (body, &op, &value, &failure))
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  annotation = shou_hub_store_get_annotation (ctx->store, merchant, id);
  if (annotation == NULL)
    annotation = shou_annotation_new (id, as->shop_id);
  by = shou_hub_team_holder (ctx, merchant, shou_hub_http_caller_key (ctx));
  if (shou_annotation_apply (annotation, op, value, by, now, &reason))
    {
      if (!shou_hub_store_put_annotation (ctx->store, merchant, annotation, &error))
        {
          shou_hub_store_rollback (ctx->store);
          shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
          return;
        }
    }
  else if (reason != NULL)
    {
      failure = shou_hub_failure_new (422, "not_allowed", "The request has too many %s",
                                      op == SHOU_ANNOTATION_ADD_NOTE ? "notes" : "tags");
      failure->reason = g_strdup (reason);
    }
  if (failure != NULL)
    {
      status = failure->status;
      response = shou_hub_failure_to_json (failure);
    }
  else
    {
      /* A tag already there (or already gone) changes nothing: 200 all
       * the same, so that a retried or repeated step is harmless. */
      response = json_object_new ();
      json_object_set_object_member (response, "annotation", json_object_ref (annotation));
    }
  shou_hub_keyed_finish (ctx, msg, merchant, key, hash, status, response, now);
}
