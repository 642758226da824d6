/* shou-visit-record.c: a return-visit record (shou-visit-record.h). */
#include "config.h"

#include "shou-visit-record.h"

static const char *const step_names[] = { "week", "month", "quarter", "half_year", "year" };

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == SHOU_N_VISIT_STEPS);

const char *
shou_visit_step_to_string (ShouVisitStep step)
{
  return (guint) step < SHOU_N_VISIT_STEPS ? step_names[step] : NULL;
}

static void
set_optional (JsonObject *object,
              const char *name,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
shou_visit_record_new (const char      *id,
                       const char      *shop_id,
                       const char      *buyer_nick,
                       const char      *order_id,
                       const char      *order_no,
                       ShouVisitSource  source,
                       const char      *source_id,
                       gint64           anchor_at,
                       gint64           now)
{
  JsonObject *visit = json_object_new ();
  JsonArray *outcomes = json_array_new ();

  for (guint i = 0; i < SHOU_N_VISIT_STEPS; i++)
    json_array_add_string_element (outcomes, shou_visit_outcome_to_string (SHOU_VISIT_OUTCOME_PENDING));
  json_object_set_string_member (visit, "id", id);
  json_object_set_string_member (visit, "shop_id", shop_id);
  json_object_set_string_member (visit, "buyer_nick", buyer_nick);
  set_optional (visit, "order_id", order_id);
  set_optional (visit, "order_no", order_no);
  json_object_set_string_member (visit, "source", shou_visit_source_to_string (source));
  set_optional (visit, "source_id", source_id);
  json_object_set_int_member (visit, "anchor_at", anchor_at);
  json_object_set_array_member (visit, "outcomes", outcomes);
  json_object_set_array_member (visit, "done", json_array_new ());
  json_object_set_int_member (visit, "created_at", now);
  json_object_set_int_member (visit, "updated_at", now);
  json_object_set_int_member (visit, "version", 1);
  return visit;
}

static void
outcomes_of (JsonObject       *visit,
             ShouVisitOutcome *outcomes)
{
  JsonNode *node = json_object_get_member (visit, "outcomes");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; i < SHOU_N_VISIT_STEPS; i++)
    {
      const char *name = array && i < json_array_get_length (array) ? json_array_get_string_element (array, i)
                                                                     : NULL;

      if (!shou_visit_outcome_from_string (name, &outcomes[i]))
        outcomes[i] = SHOU_VISIT_OUTCOME_PENDING;
    }
}

ShouVisitPlan
shou_visit_record_plan (JsonObject *visit,
                        gint64      now)
{
  ShouVisitOutcome outcomes[SHOU_N_VISIT_STEPS];

  outcomes_of (visit, outcomes);
  return shou_visit_plan (json_object_get_int_member_with_default (visit, "anchor_at", now), outcomes, now);
}

const char *
shou_visit_record_check (JsonObject *visit,
                         gint64      now)
{
  ShouVisitPlan plan = shou_visit_record_plan (visit, now);

  if (plan.state == SHOU_VISIT_STATE_FINISHED)
    return "visits_finished";
  if (plan.state == SHOU_VISIT_STATE_UPCOMING)
    return "not_due";
  return NULL;
}

void
shou_visit_record_apply (JsonObject       *visit,
                         ShouVisitOutcome  outcome,
                         const char       *note,
                         gint64            now)
{
  ShouVisitPlan plan = shou_visit_record_plan (visit, now);
  JsonArray *outcomes = json_array_new ();
  ShouVisitOutcome current[SHOU_N_VISIT_STEPS];
  JsonObject *done = json_object_new ();
  JsonNode *node;

  g_return_if_fail (plan.state != SHOU_VISIT_STATE_FINISHED);
  outcomes_of (visit, current);
  current[plan.step] = outcome;
  for (guint i = 0; i < SHOU_N_VISIT_STEPS; i++)
    json_array_add_string_element (outcomes, shou_visit_outcome_to_string (current[i]));
  json_object_set_array_member (visit, "outcomes", outcomes);
  json_object_set_string_member (done, "step", shou_visit_step_to_string (plan.step));
  json_object_set_string_member (done, "outcome", shou_visit_outcome_to_string (outcome));
  json_object_set_string_member (done, "note", note ? note : "");
  json_object_set_int_member (done, "at", now);
  node = json_object_get_member (visit, "done");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    json_object_set_array_member (visit, "done", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (visit, "done"), done);
}
