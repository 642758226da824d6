/* shou-hub-visit.c: return visits (shou-hub-visit.h). */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "hub/shou-hub-review.h"
#include "shou-hub-visit.h"

JsonObject *
shou_hub_visit_create (ShouHubStore     *store,
                       const char       *merchant,
                       JsonObject       *body,
                       gint64            now,
                       ShouHubFailure  **failure)
{
  static const char *const fields[] = { "shop_id", "order_id", "anchor_at", NULL };
  const char *shop_id = NULL, *order_id = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *id = NULL;
  JsonObject *buyer;
  gint64 anchor = now;

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "shop_id", TRUE, &shop_id, failure) ||
      !shou_hub_input_string (body, "order_id", TRUE, &order_id, failure) ||
      !shou_hub_input_int (body, "anchor_at", FALSE, &anchor, failure) ||
      !shou_hub_care_find_order (store, merchant, shop_id, order_id, NULL, &order, failure))
    return NULL;
  if (anchor <= 0 || anchor > now)
    {
      *failure = shou_hub_failure_bad ("anchor_at", "out_of_range", "The card cannot be registered in the future");
      return NULL;
    }
  buyer = json_object_get_object_member (order, "buyer");
  id = g_strdup_printf ("vs-%" G_GINT64_FORMAT, shou_hub_store_next_id (store, "visit"));
  return shou_visit_record_new (id, shop_id,
                                buyer ? json_object_get_string_member_with_default (buyer, "nick", "") : "",
                                order_id, json_object_get_string_member (order, "order_no"),
                                SHOU_VISIT_SOURCE_SERVICE_CARD, NULL, anchor, now);
}

gboolean
shou_hub_visit_follow (ShouHubStore     *store,
                       const char       *merchant,
                       JsonObject       *settled,
                       ShouVisitSource   source,
                       gint64            now,
                       GError          **error)
{
  const char *settled_at = source == SHOU_VISIT_SOURCE_REVIEW ? "settled_at" : "finished_at";
  JsonNode *node = json_object_get_member (settled, settled_at);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) visit = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  id = g_strdup_printf ("vs-%" G_GINT64_FORMAT, shou_hub_store_next_id (store, "visit"));
  visit = shou_visit_record_new (id, json_object_get_string_member (settled, "shop_id"),
                                 json_object_get_string_member_with_default (settled, "buyer_nick", ""),
                                 json_object_get_string_member_with_default (settled, "order_id", NULL),
                                 json_object_get_string_member_with_default (settled, "order_no", NULL),
                                 source, json_object_get_string_member (settled, "id"), now, now);
  return shou_hub_store_put_care (store, merchant, "visit", visit, error);
}

gboolean
shou_hub_visit_apply (JsonObject       *visit,
                      JsonObject       *params,
                      gint64            now,
                      ShouHubFailure  **failure)
{
  static const char *const fields[] = { "outcome", "note", NULL };
  const char *outcome_name = NULL, *note = NULL, *reason;
  ShouVisitOutcome outcome;

  if (!shou_hub_input_check_fields (params, fields, "params", failure) ||
      !shou_hub_input_string (params, "outcome", TRUE, &outcome_name, failure) ||
      !shou_hub_input_string (params, "note", FALSE, &note, failure) ||
      !shou_hub_care_check_text ("note", note, FALSE, failure))
    return FALSE;
  if (!shou_visit_outcome_from_string (outcome_name, &outcome) || outcome == SHOU_VISIT_OUTCOME_PENDING)
    {
      *failure = shou_hub_failure_bad ("outcome", "unknown_kind", "Unknown outcome \"%s\"", outcome_name);
      return FALSE;
    }
  reason = shou_visit_record_check (visit, now);
  if (reason != NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "Not allowed now (%s)", reason);
      (*failure)->reason = g_strdup (reason);
      return FALSE;
    }
  shou_visit_record_apply (visit, outcome, note, now);
  json_object_set_int_member (visit, "updated_at", now);
  json_object_set_int_member (visit, "version", json_object_get_int_member (visit, "version") + 1);
  return TRUE;
}
