/* shou-complaint.c: deadlines and penalty status of a complaint (001 篇二) */
#include "config.h"

#include <string.h>

#include "shou-complaint.h"
#include "shou-time.h"

/* The profile facts that state the rule, in ShouComplaintDeadline order,
 * then the no-penalty window. */
static const char * const fact_ids[] = {
  "complaint-seller-handle",
  "complaint-buyer-confirm",
  "complaint-seller-preprocess",
  "complaint-evidence-period",
  "complaint-platform-handle",
  "complaint-compensate-no-penalty",
};
#define NO_PENALTY_FACT (G_N_ELEMENTS (fact_ids) - 1)

static const char * const stage_names[] = { "negotiation", "intervention", "finished" };
static const char * const deadline_names[] = {
  "seller_handle", "buyer_confirm", "seller_preprocess", "evidence", "platform_handle",
};
static const char * const penalty_names[] = { "avoidable", "none", "possible" };

G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == SHOU_N_COMPLAINT_STAGES);
G_STATIC_ASSERT (G_N_ELEMENTS (deadline_names) == SHOU_N_COMPLAINT_DEADLINES);
G_STATIC_ASSERT (G_N_ELEMENTS (penalty_names) == SHOU_N_COMPLAINT_PENALTIES);
G_STATIC_ASSERT (G_N_ELEMENTS (fact_ids) == SHOU_N_COMPLAINT_DEADLINES + 1);

gboolean
shou_complaint_rule_known (const ShouProfile *profile)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fact_ids); i++)
    {
      const ShouProfileFact *fact = shou_profile_find_fact (profile, fact_ids[i]);

      if (fact == NULL || (fact->duration <= 0 && fact->working_days <= 0))
        return FALSE;
    }
  return TRUE;
}

/* @start plus the fact's length (hours, or the platform's working days). */
static gint64
fact_end (const ShouProfile *profile,
          guint              index,
          gint64             start,
          gboolean          *approximate)
{
  const ShouProfileFact *fact = shou_profile_find_fact (profile, fact_ids[index]);

  if (fact->working_days > 0)
    return shou_profile_add_working_days (profile, start, fact->working_days, approximate);
  return start + fact->duration;
}

gboolean
shou_complaint_evaluate (const ShouProfile        *profile,
                         const ShouComplaintTimes *times,
                         gint64                    now,
                         ShouComplaintEvaluation  *eval)
{
  gboolean approximate = FALSE;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (times != NULL, FALSE);
  g_return_val_if_fail (times->opened_at > 0, FALSE);
  g_return_val_if_fail (eval != NULL, FALSE);

  memset (eval, 0, sizeof *eval);
  if (!shou_complaint_rule_known (profile))
    return FALSE;

  eval->no_penalty_until = fact_end (profile, NO_PENALTY_FACT, times->opened_at, NULL);
  if (times->compensated_at > 0 && times->compensated_at <= eval->no_penalty_until)
    eval->penalty = SHOU_COMPLAINT_PENALTY_NONE;
  else if (times->finished_at == 0 && now < eval->no_penalty_until)
    eval->penalty = SHOU_COMPLAINT_PENALTY_AVOIDABLE;
  else
    eval->penalty = SHOU_COMPLAINT_PENALTY_POSSIBLE;

  if (times->finished_at > 0)
    {
      eval->stage = SHOU_COMPLAINT_FINISHED;
      return TRUE;
    }

  if (times->intervention_at > 0)
    {
      gint64 evidence_end = fact_end (profile, SHOU_COMPLAINT_DEADLINE_EVIDENCE,
                                      times->intervention_at, NULL);

      eval->stage = SHOU_COMPLAINT_INTERVENTION;
      eval->deadline_at[SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS] =
        fact_end (profile, SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS, times->intervention_at, NULL);
      eval->deadline_at[SHOU_COMPLAINT_DEADLINE_EVIDENCE] = evidence_end;
      /* The platform rules on the evidence: its days run once the period ends. */
      eval->deadline_at[SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE] =
        fact_end (profile, SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE, evidence_end, &approximate);
      eval->evidence_open = now < evidence_end;
      eval->approximate = approximate;
      return TRUE;
    }

  eval->stage = SHOU_COMPLAINT_NEGOTIATION;
  if (times->handled_at > 0)
    eval->deadline_at[SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM] =
      fact_end (profile, SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM, times->handled_at, NULL);
  else
    eval->deadline_at[SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE] =
      fact_end (profile, SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE, times->opened_at, NULL);
  return TRUE;
}

ShouActor
shou_complaint_deadline_get_actor (ShouComplaintDeadline deadline)
{
  switch (deadline)
    {
    case SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE:
    case SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS:
      return SHOU_ACTOR_SELLER;
    case SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM:
      return SHOU_ACTOR_BUYER;
    case SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE:
      return SHOU_ACTOR_PLATFORM;
    case SHOU_COMPLAINT_DEADLINE_EVIDENCE:
    case SHOU_N_COMPLAINT_DEADLINES:
    default:
      return SHOU_ACTOR_SYSTEM;
    }
}

const char *
shou_complaint_stage_to_string (ShouComplaintStage stage)
{
  g_return_val_if_fail ((guint) stage < SHOU_N_COMPLAINT_STAGES, NULL);
  return stage_names[stage];
}

const char *
shou_complaint_deadline_to_string (ShouComplaintDeadline deadline)
{
  g_return_val_if_fail ((guint) deadline < SHOU_N_COMPLAINT_DEADLINES, NULL);
  return deadline_names[deadline];
}

const char *
shou_complaint_penalty_to_string (ShouComplaintPenalty penalty)
{
  g_return_val_if_fail ((guint) penalty < SHOU_N_COMPLAINT_PENALTIES, NULL);
  return penalty_names[penalty];
}
