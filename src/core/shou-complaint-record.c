/* shou-complaint-record.c: a complaint's steps (shou-complaint-record.h). */
#include "config.h"

#include "shou-complaint-record.h"
#include "shou-names-private.h"

static const char *const channel_names[] = {
  "platform", "heimao", "12315", "consumer_association", "courier_hq", "after_window", "visit",
};
static const char *const action_names[] = { "handle", "compensate", "intervene", "evidence", "finish" };
static const char *const outcome_names[] = { "resolved", "withdrawn", "seller_fault", "seller_cleared" };

G_STATIC_ASSERT (G_N_ELEMENTS (channel_names) == SHOU_N_COMPLAINT_CHANNELS);
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == SHOU_N_COMPLAINT_ACTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == SHOU_N_COMPLAINT_OUTCOMES);

SHOU_DEFINE_NAMES (shou_complaint_channel, ShouComplaintChannel, channel_names)
SHOU_DEFINE_NAMES (shou_complaint_action, ShouComplaintAction, action_names)
SHOU_DEFINE_NAMES (shou_complaint_outcome, ShouComplaintOutcome, outcome_names)

static gint64
time_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

void
shou_complaint_times_from_json (JsonObject         *complaint,
                                ShouComplaintTimes *times)
{
  times->opened_at = time_member (complaint, "opened_at");
  times->handled_at = time_member (complaint, "handled_at");
  times->compensated_at = time_member (complaint, "compensated_at");
  times->intervention_at = time_member (complaint, "intervention_at");
  times->finished_at = time_member (complaint, "finished_at");
}

static gboolean
on_platform (JsonObject *complaint)
{
  return g_strcmp0 (json_object_get_string_member_with_default (complaint, "channel", "platform"),
                    "platform") == 0;
}

const char *
shou_complaint_check_action (JsonObject           *complaint,
                             ShouComplaintAction   action,
                             ShouComplaintOutcome  outcome,
                             const ShouProfile    *profile,
                             gint64                now)
{
  ShouComplaintTimes t;

  shou_complaint_times_from_json (complaint, &t);
  if (t.finished_at > 0)
    return "complaint_finished";
  switch (action)
    {
    case SHOU_COMPLAINT_ACTION_HANDLE:
      return t.handled_at > 0 ? "already_handled" : NULL;
    case SHOU_COMPLAINT_ACTION_COMPENSATE:
      return t.compensated_at > 0 ? "already_compensated" : NULL;
    case SHOU_COMPLAINT_ACTION_INTERVENE:
      if (!on_platform (complaint))
        return "not_platform";
      return t.intervention_at > 0 ? "already_intervened" : NULL;
    case SHOU_COMPLAINT_ACTION_EVIDENCE:
      if (t.intervention_at == 0)
        return "not_intervened";
      if (profile != NULL && t.opened_at > 0)
        {
          ShouComplaintEvaluation eval;

          if (shou_complaint_evaluate (profile, &t, now, &eval) && !eval.evidence_open)
            return "evidence_closed";
        }
      return NULL;
    case SHOU_COMPLAINT_ACTION_FINISH:
      if ((outcome == SHOU_COMPLAINT_OUTCOME_SELLER_FAULT || outcome == SHOU_COMPLAINT_OUTCOME_SELLER_CLEARED) &&
          on_platform (complaint) && t.intervention_at == 0)
        return "not_intervened";
      return NULL;
    case SHOU_N_COMPLAINT_ACTIONS:
    default:
      g_return_val_if_reached ("unknown_action");
    }
}

void
shou_complaint_apply_step (JsonObject          *complaint,
                           ShouComplaintAction  action,
                           JsonObject          *params,
                           gint64               now)
{
  switch (action)
    {
    case SHOU_COMPLAINT_ACTION_COMPENSATE:
      json_object_set_int_member (complaint, "compensated_at", now);
      json_object_set_int_member (complaint, "compensation_fen",
                                  json_object_get_int_member_with_default (params, "amount_fen", 0));
      /* Paying is handling it. */
      if (time_member (complaint, "handled_at") == 0)
        json_object_set_int_member (complaint, "handled_at", now);
      break;
    case SHOU_COMPLAINT_ACTION_HANDLE:
      json_object_set_int_member (complaint, "handled_at", now);
      break;
    case SHOU_COMPLAINT_ACTION_INTERVENE:
      json_object_set_int_member (complaint, "intervention_at", now);
      break;
    case SHOU_COMPLAINT_ACTION_EVIDENCE:
      {
        JsonNode *node = json_object_get_member (complaint, "evidence");
        JsonObject *item = json_object_new ();

        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
          json_object_set_array_member (complaint, "evidence", json_array_new ());
        json_object_set_string_member (item, "note",
                                       json_object_get_string_member_with_default (params, "note", ""));
        json_object_set_int_member (item, "at", now);
        json_array_add_object_element (json_object_get_array_member (complaint, "evidence"), item);
      }
      break;
    case SHOU_COMPLAINT_ACTION_FINISH:
      json_object_set_int_member (complaint, "finished_at", now);
      json_object_set_string_member (complaint, "outcome",
                                     json_object_get_string_member_with_default (params, "outcome", "resolved"));
      break;
    case SHOU_N_COMPLAINT_ACTIONS:
    default:
      g_return_if_reached ();
    }
  if (action != SHOU_COMPLAINT_ACTION_EVIDENCE && action != SHOU_COMPLAINT_ACTION_FINISH &&
      json_object_has_member (params, "note"))
    json_object_set_string_member (complaint, "note", json_object_get_string_member_with_default (params, "note", ""));
}

gint64
shou_complaint_next_deadline (JsonObject            *complaint,
                              const ShouProfile     *profile,
                              gint64                 now,
                              ShouComplaintDeadline *which)
{
  static const ShouComplaintDeadline order[] = {
    SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE, SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS,
    SHOU_COMPLAINT_DEADLINE_EVIDENCE, SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM,
  };
  ShouComplaintTimes t;
  ShouComplaintEvaluation eval;

  shou_complaint_times_from_json (complaint, &t);
  if (profile == NULL || t.opened_at <= 0 || !on_platform (complaint) ||
      !shou_complaint_evaluate (profile, &t, now, &eval) || eval.stage == SHOU_COMPLAINT_FINISHED)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      /* The seller's preprocessing is done once it gave evidence. */
      if (order[i] == SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS && json_object_has_member (complaint, "evidence") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (complaint, "evidence")) &&
          json_array_get_length (json_object_get_array_member (complaint, "evidence")) > 0)
        continue;
      if (eval.deadline_at[order[i]] > 0)
        {
          if (which != NULL)
            *which = order[i];
          return eval.deadline_at[order[i]];
        }
    }
  return 0;
}
