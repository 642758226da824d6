/* shou-hub-incident.c: making and following up a logistics incident
 * (shou-hub-incident.h). */
#include "config.h"

#include "core/shou-validate.h"
#include "hub/shou-hub-input.h"
#include "hub/shou-hub-review.h"
#include "shou-hub-incident.h"

const char *const shou_hub_incident_fields[] = {
  "shop_id", "order_id", "aftersale_id", "buyer_nick", "kind", "carrier", "tracking_no", "text", "opened_at", NULL,
};

JsonObject *
shou_hub_incident_create (ShouHubStore     *store,
                          const char       *merchant,
                          JsonObject       *body,
                          const char       *source,
                          gint64            now,
                          ShouHubFailure  **failure)
{
  ShouHubCareInput in = { NULL };
  const char *kind_name = NULL, *carrier = NULL, *tracking = NULL;
  gint64 opened_at = now;
  ShouIncidentKind kind;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *normal = NULL;
  JsonObject *incident;

  if (!shou_hub_care_input (body, shou_hub_incident_fields, &in, failure) ||
      !shou_hub_input_string (body, "kind", TRUE, &kind_name, failure) ||
      !shou_hub_input_string (body, "carrier", FALSE, &carrier, failure) ||
      !shou_hub_input_string (body, "tracking_no", FALSE, &tracking, failure) ||
      !shou_hub_input_int (body, "opened_at", FALSE, &opened_at, failure))
    return NULL;
  if (!shou_incident_kind_from_string (kind_name, &kind))
    {
      *failure = shou_hub_failure_bad ("kind", "unknown_kind", "Unknown incident kind \"%s\"", kind_name);
      return NULL;
    }
  /* The stalled parcel's tracking, when given, is a real one. */
  if ((carrier != NULL || tracking != NULL) && !shou_hub_input_tracking (carrier, tracking, failure))
    return NULL;
  if (opened_at <= 0 || opened_at > now)
    {
      *failure = shou_hub_failure_bad ("opened_at", "out_of_range", "The incident cannot be in the future");
      return NULL;
    }
  if (!shou_hub_care_find_order (store, merchant, in.shop_id, in.order_id, in.aftersale_id, &order, failure))
    return NULL;
  normal = tracking ? shou_tracking_number_normalize (tracking) : NULL;
  incident = shou_hub_care_new (store, "incident", "in", in.shop_id, order, in.aftersale_id, in.nick);
  json_object_set_string_member (incident, "kind", shou_incident_kind_to_string (kind));
  shou_hub_care_set_optional (incident, "carrier", carrier);
  shou_hub_care_set_optional (incident, "tracking_no", normal);
  json_object_set_string_member (incident, "text", in.text ? in.text : "");
  json_object_set_string_member (incident, "source", source);
  json_object_set_int_member (incident, "opened_at", opened_at);
  json_object_set_null_member (incident, "courier_contacted_at");
  json_object_set_null_member (incident, "buyer_told_at");
  json_object_set_null_member (incident, "resend");
  json_object_set_null_member (incident, "claim");
  json_object_set_null_member (incident, "closed_at");
  shou_hub_care_set_times (incident, now);
  return incident;
}

gboolean
shou_hub_incident_apply (JsonObject          *incident,
                         ShouIncidentAction   action,
                         JsonObject          *params,
                         gint64               now,
                         ShouHubFailure     **failure)
{
  static const char *const note_fields[] = { "note", NULL };
  static const char *const resend_fields[] = { "carrier", "tracking_no", "note", NULL };
  static const char *const claim_fields[] = { "amount_fen", "note", NULL };
  static const char *const result_fields[] = { "status", "recovered_fen", "note", NULL };
  static const char *const *const fields[] = { note_fields, note_fields, resend_fields, claim_fields,
                                               result_fields, note_fields };
  const char *note = NULL, *carrier = NULL, *tracking = NULL, *status_name = NULL, *reason;
  ShouIncidentClaimStatus status = SHOU_INCIDENT_CLAIM_FILED;
  gint64 amount = 0, recovered = 0;
  g_autoptr(JsonObject) checked = json_object_new ();
  g_autofree char *normal = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == SHOU_N_INCIDENT_ACTIONS);
  g_return_val_if_fail ((guint) action < SHOU_N_INCIDENT_ACTIONS, FALSE);
  /* Input first (400), then the rules (422), as for requests. */
  if (!shou_hub_input_check_fields (params, fields[action], "params", failure) ||
      !shou_hub_input_string (params, "note", FALSE, &note, failure) ||
      !shou_hub_care_check_text ("note", note, FALSE, failure) ||
      !shou_hub_input_string (params, "carrier", action == SHOU_INCIDENT_ACTION_RESEND, &carrier, failure) ||
      !shou_hub_input_string (params, "tracking_no", action == SHOU_INCIDENT_ACTION_RESEND, &tracking, failure) ||
      (action == SHOU_INCIDENT_ACTION_RESEND && !shou_hub_input_tracking (carrier, tracking, failure)) ||
      !shou_hub_input_amount (params, "amount_fen", action == SHOU_INCIDENT_ACTION_CLAIM, &amount, failure) ||
      !shou_hub_input_string (params, "status", action == SHOU_INCIDENT_ACTION_CLAIM_RESULT, &status_name,
                              failure) ||
      !shou_hub_input_amount (params, "recovered_fen", FALSE, &recovered, failure))
    return FALSE;
  if (action == SHOU_INCIDENT_ACTION_CLAIM && amount < 1)
    {
      *failure = shou_hub_failure_bad ("amount_fen", "amount_out_of_range", "A claim is at least 1 fen");
      return FALSE;
    }
  if (status_name != NULL && (!shou_incident_claim_status_from_string (status_name, &status) ||
                              status == SHOU_INCIDENT_CLAIM_FILED))
    {
      *failure = shou_hub_failure_bad ("status", "unknown_kind", "A claim's result is paid or refused");
      return FALSE;
    }
  if (action == SHOU_INCIDENT_ACTION_CLAIM_RESULT && status == SHOU_INCIDENT_CLAIM_PAID && recovered < 1)
    {
      *failure = shou_hub_failure_bad ("recovered_fen", "amount_out_of_range", "A paid claim recovered at least 1 fen");
      return FALSE;
    }
  if (note != NULL && !shou_validate_no_sensitive (note, NULL))
    {
      *failure = shou_hub_failure_bad ("note", "sensitive_word",
                                       "The note mentions a third-party platform or payment channel");
      return FALSE;
    }
  reason = shou_incident_check_action (incident, action);
  if (reason == NULL && action == SHOU_INCIDENT_ACTION_CLAIM_RESULT && status == SHOU_INCIDENT_CLAIM_PAID &&
      recovered > json_object_get_int_member (json_object_get_object_member (incident, "claim"), "amount_fen"))
    reason = "over_claim";
  if (reason != NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "Not allowed now (%s)", reason);
      (*failure)->reason = g_strdup (reason);
      return FALSE;
    }
  if (note != NULL)
    json_object_set_string_member (checked, "note", note);
  if (carrier != NULL)
    {
      normal = shou_tracking_number_normalize (tracking);
      json_object_set_string_member (checked, "carrier", carrier);
      json_object_set_string_member (checked, "tracking_no", normal);
    }
  json_object_set_int_member (checked, "amount_fen", amount);
  json_object_set_int_member (checked, "recovered_fen", recovered);
  json_object_set_string_member (checked, "status", shou_incident_claim_status_to_string (status));
  shou_incident_apply_step (incident, action, checked, now);
  json_object_set_int_member (incident, "updated_at", now);
  json_object_set_int_member (incident, "version", json_object_get_int_member (incident, "version") + 1);
  return TRUE;
}
