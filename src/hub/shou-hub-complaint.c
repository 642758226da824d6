/* shou-hub-complaint.c: making and following up a complaint (shou-hub-complaint.h). */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "hub/shou-hub-review.h"
#include "shou-hub-complaint.h"

const char *const shou_hub_complaint_fields[] = {
  "shop_id", "order_id", "aftersale_id", "buyer_nick", "channel", "text", "opened_at", NULL,
};

JsonObject *
shou_hub_complaint_create (ShouHubStore     *store,
                           const char       *merchant,
                           JsonObject       *body,
                           const char       *source,
                           gint64            now,
                           ShouHubFailure  **failure)
{
  ShouHubCareInput in = { NULL };
  const char *channel_name = NULL;
  gint64 opened_at = now;
  ShouComplaintChannel channel = SHOU_COMPLAINT_CHANNEL_PLATFORM;
  g_autoptr(JsonObject) order = NULL;
  JsonObject *complaint;

  if (!shou_hub_care_input (body, shou_hub_complaint_fields, &in, failure) ||
      !shou_hub_input_string (body, "channel", FALSE, &channel_name, failure) ||
      !shou_hub_input_int (body, "opened_at", FALSE, &opened_at, failure))
    return NULL;
  if (channel_name != NULL && !shou_complaint_channel_from_string (channel_name, &channel))
    {
      *failure = shou_hub_failure_bad ("channel", "unknown_kind", "Unknown complaint channel \"%s\"", channel_name);
      return NULL;
    }
  if (opened_at <= 0 || opened_at > now)
    {
      *failure = shou_hub_failure_bad ("opened_at", "out_of_range", "The complaint cannot be in the future");
      return NULL;
    }
  if (!shou_hub_care_find_order (store, merchant, in.shop_id, in.order_id, in.aftersale_id, &order, failure))
    return NULL;
  complaint = shou_hub_care_new (store, "complaint", "cp", in.shop_id, order, in.aftersale_id, in.nick);
  json_object_set_string_member (complaint, "channel", shou_complaint_channel_to_string (channel));
  json_object_set_string_member (complaint, "text", in.text ? in.text : "");
  json_object_set_string_member (complaint, "source", source);
  json_object_set_int_member (complaint, "opened_at", opened_at);
  json_object_set_null_member (complaint, "handled_at");
  json_object_set_null_member (complaint, "compensated_at");
  json_object_set_int_member (complaint, "compensation_fen", 0);
  json_object_set_null_member (complaint, "intervention_at");
  json_object_set_array_member (complaint, "evidence", json_array_new ());
  json_object_set_null_member (complaint, "finished_at");
  json_object_set_null_member (complaint, "outcome");
  shou_hub_care_set_times (complaint, now);
  return complaint;
}

gboolean
shou_hub_complaint_apply (JsonObject           *complaint,
                          ShouComplaintAction   action,
                          JsonObject           *params,
                          const ShouProfile    *profile,
                          gint64                now,
                          ShouHubFailure      **failure)
{
  static const char *const note_fields[] = { "note", NULL };
  static const char *const compensate_fields[] = { "amount_fen", "note", NULL };
  static const char *const no_fields[] = { NULL };
  static const char *const finish_fields[] = { "outcome", NULL };
  static const char *const *const fields[] = { note_fields, compensate_fields, no_fields, note_fields,
                                               finish_fields };
  const char *note = NULL, *outcome_name = NULL, *reason;
  ShouComplaintOutcome outcome = SHOU_COMPLAINT_OUTCOME_RESOLVED;
  gint64 amount = 0;
  g_autoptr(JsonObject) checked = json_object_new ();

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == SHOU_N_COMPLAINT_ACTIONS);
  g_return_val_if_fail ((guint) action < SHOU_N_COMPLAINT_ACTIONS, FALSE);
  /* Input first (400), then the rules (422), as for requests. */
  if (!shou_hub_input_check_fields (params, fields[action], "params", failure) ||
      !shou_hub_input_string (params, "note", action == SHOU_COMPLAINT_ACTION_EVIDENCE, &note, failure) ||
      !shou_hub_care_check_text ("note", note, action == SHOU_COMPLAINT_ACTION_EVIDENCE, failure) ||
      !shou_hub_input_amount (params, "amount_fen", action == SHOU_COMPLAINT_ACTION_COMPENSATE, &amount, failure) ||
      !shou_hub_input_string (params, "outcome", action == SHOU_COMPLAINT_ACTION_FINISH, &outcome_name, failure))
    return FALSE;
  if (action == SHOU_COMPLAINT_ACTION_COMPENSATE && amount < 1)
    {
      *failure = shou_hub_failure_bad ("amount_fen", "amount_out_of_range", "Compensation is at least 1 fen");
      return FALSE;
    }
  if (outcome_name != NULL && !shou_complaint_outcome_from_string (outcome_name, &outcome))
    {
      *failure = shou_hub_failure_bad ("outcome", "unknown_kind", "Unknown outcome \"%s\"", outcome_name);
      return FALSE;
    }
  if (note != NULL && !shou_validate_no_sensitive (note, NULL))
    {
      *failure = shou_hub_failure_bad ("note", "sensitive_word",
                                       "The note mentions a third-party platform or payment channel");
      return FALSE;
    }
  reason = shou_complaint_check_action (complaint, action, outcome, profile, now);
  if (reason != NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "Not allowed now (%s)", reason);
      (*failure)->reason = g_strdup (reason);
      return FALSE;
    }
  if (note != NULL)
    json_object_set_string_member (checked, "note", note);
  json_object_set_int_member (checked, "amount_fen", amount);
  json_object_set_string_member (checked, "outcome", shou_complaint_outcome_to_string (outcome));
  shou_complaint_apply_step (complaint, action, checked, now);
  json_object_set_int_member (complaint, "updated_at", now);
  json_object_set_int_member (complaint, "version", json_object_get_int_member (complaint, "version") + 1);
  return TRUE;
}
