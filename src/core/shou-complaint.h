/* shou-complaint.h: the complaint rule (投诉, 001 篇二).
 *
 * A complaint goes 买家申请投诉 → 买卖双方协商处理 → 淘宝介入处理 → 投诉完结.
 * While the two sides negotiate, the seller handles it within 24 h and the
 * buyer then confirms within 48 h whether it was handled properly. Once the
 * platform intervenes, both sides have a 72 h evidence period (举证期), the
 * seller a 24 h pre-processing period (预处理期), and the platform handles it
 * in 4 working days. A seller who compensates (主动赔付) within 24 h of the
 * complaint ends it with no penalty (投诉完结对卖家不扣分).
 *
 * Pure functions over the complaint's timestamps: the complaint record (its
 * storage, its UI) lives elsewhere and asks core for deadlines and the
 * penalty status. The numbers are the profile's complaint facts; a profile
 * without them (a platform whose complaint rule no seed states) has none.
 */
#pragma once

#include <glib.h>

#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_COMPLAINT_NEGOTIATION,   /* 买卖双方协商处理 */
  SHOU_COMPLAINT_INTERVENTION,  /* 淘宝介入处理 */
  SHOU_COMPLAINT_FINISHED,      /* 投诉完结 */
  SHOU_N_COMPLAINT_STAGES
} ShouComplaintStage;

typedef enum
{
  SHOU_COMPLAINT_DEADLINE_SELLER_HANDLE,     /* seller: 24 h from the complaint */
  SHOU_COMPLAINT_DEADLINE_BUYER_CONFIRM,     /* buyer: 48 h from the seller's handling */
  SHOU_COMPLAINT_DEADLINE_SELLER_PREPROCESS, /* seller: 24 h from the intervention */
  SHOU_COMPLAINT_DEADLINE_EVIDENCE,          /* both: 72 h from the intervention */
  SHOU_COMPLAINT_DEADLINE_PLATFORM_HANDLE,   /* platform: 4 working days after the evidence period */
  SHOU_N_COMPLAINT_DEADLINES
} ShouComplaintDeadline;

typedef enum
{
  SHOU_COMPLAINT_PENALTY_AVOIDABLE, /* compensating before no_penalty_until ends it with no penalty */
  SHOU_COMPLAINT_PENALTY_NONE,      /* compensated within 24 h: no penalty */
  SHOU_COMPLAINT_PENALTY_POSSIBLE,  /* not compensated within 24 h: the platform's ruling decides */
  SHOU_N_COMPLAINT_PENALTIES
} ShouComplaintPenalty;

/* What happened to the complaint, UTC microseconds; 0 = not (yet). */
typedef struct
{
  gint64 opened_at;        /* the buyer filed it */
  gint64 handled_at;       /* the seller handled it (answered, compensated) while negotiating */
  gint64 compensated_at;   /* the seller paid compensation (主动赔付) */
  gint64 intervention_at;  /* the platform intervened (e.g. the seller judged itself
                            * not at fault, 自判无责, and refused) */
  gint64 finished_at;      /* 投诉完结 */
} ShouComplaintTimes;

typedef struct
{
  ShouComplaintStage   stage;
  /* The deadlines of the current stage (0 = not this stage's); a passed
   * one stays reported, the caller compares it with "now". */
  gint64               deadline_at[SHOU_N_COMPLAINT_DEADLINES];
  /* Whether evidence may still be given (intervention, evidence period running). */
  gboolean             evidence_open;
  ShouComplaintPenalty penalty;
  gint64               no_penalty_until; /* end of the 24 h for compensating */
  /* The platform's working days were counted Monday to Friday: the
   * profile has no holiday table for the year (show it as 约). */
  gboolean             approximate;
} ShouComplaintEvaluation;

/**
 * shou_complaint_evaluate:
 * @times: the complaint's timestamps (opened_at > 0)
 * @now: UTC microseconds
 * @eval: (out): its stage, deadlines and penalty status at @now
 *
 * Returns: %FALSE (and @eval zeroed) if @profile states no complaint rule.
 */
gboolean    shou_complaint_evaluate              (const ShouProfile        *profile,
                                                  const ShouComplaintTimes *times,
                                                  gint64                    now,
                                                  ShouComplaintEvaluation  *eval);
/* Whether @profile states the complaint rule (its complaint-* facts). */
gboolean    shou_complaint_rule_known            (const ShouProfile        *profile);
/* Who must act by the deadline (%SHOU_ACTOR_SYSTEM for "both sides"). */
ShouActor   shou_complaint_deadline_get_actor    (ShouComplaintDeadline     deadline);
/* Contract codes: "negotiation", "seller_handle", "avoidable", … */
const char *shou_complaint_stage_to_string       (ShouComplaintStage        stage);
const char *shou_complaint_deadline_to_string    (ShouComplaintDeadline     deadline);
const char *shou_complaint_penalty_to_string     (ShouComplaintPenalty      penalty);

G_END_DECLS
