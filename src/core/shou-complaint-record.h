/* shou-complaint-record.h: a complaint (投诉) as the contract has it
 * (API.md "complaint") and the seller's steps on it (001 篇二, 002 ⑤).
 * Pure rules over the JSON object: which step is allowed now, and what a
 * step changes. The deadlines themselves are shou-complaint.h's. Shared by
 * the hub and the desktop's cache, like shou-review.h. */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-complaint.h"

G_BEGIN_DECLS

/* Where the complaint was filed. Only a platform complaint runs on the
 * platform's deadlines; the others get the same follow-up. */
typedef enum
{
  SHOU_COMPLAINT_CHANNEL_PLATFORM,             /* the platform's own 投诉 */
  SHOU_COMPLAINT_CHANNEL_HEIMAO,               /* 黑猫投诉 */
  SHOU_COMPLAINT_CHANNEL_12315,                /* 12315 */
  SHOU_COMPLAINT_CHANNEL_CONSUMER_ASSOCIATION, /* 消费者协会 */
  SHOU_COMPLAINT_CHANNEL_COURIER_HQ,           /* the courier's head office */
  SHOU_COMPLAINT_CHANNEL_AFTER_WINDOW,         /* after the platform's after-sales window */
  SHOU_COMPLAINT_CHANNEL_VISIT,                /* a problem a return visit found (000 ⑹) */
  SHOU_N_COMPLAINT_CHANNELS
} ShouComplaintChannel;

typedef enum
{
  SHOU_COMPLAINT_ACTION_HANDLE,      /* the seller handled it (answered the buyer) */
  SHOU_COMPLAINT_ACTION_COMPENSATE,  /* 主动赔付: amount_fen */
  SHOU_COMPLAINT_ACTION_INTERVENE,   /* the platform intervened */
  SHOU_COMPLAINT_ACTION_EVIDENCE,    /* evidence given under intervention: note */
  SHOU_COMPLAINT_ACTION_FINISH,      /* 投诉完结: outcome */
  SHOU_N_COMPLAINT_ACTIONS
} ShouComplaintAction;

typedef enum
{
  SHOU_COMPLAINT_OUTCOME_RESOLVED,       /* the buyer confirmed it was handled */
  SHOU_COMPLAINT_OUTCOME_WITHDRAWN,      /* the buyer withdrew it */
  SHOU_COMPLAINT_OUTCOME_SELLER_FAULT,   /* the platform ruled against the seller */
  SHOU_COMPLAINT_OUTCOME_SELLER_CLEARED, /* the platform ruled for the seller */
  SHOU_N_COMPLAINT_OUTCOMES
} ShouComplaintOutcome;

/* Longest text (the buyer's words, a note), in characters. */
#define SHOU_COMPLAINT_TEXT_MAX 500

const char *shou_complaint_channel_to_string   (ShouComplaintChannel  channel);
gboolean    shou_complaint_channel_from_string (const char           *text,
                                                ShouComplaintChannel *out);
const char *shou_complaint_action_to_string    (ShouComplaintAction   action);
gboolean    shou_complaint_action_from_string  (const char           *text,
                                                ShouComplaintAction  *out);
const char *shou_complaint_outcome_to_string   (ShouComplaintOutcome  outcome);
gboolean    shou_complaint_outcome_from_string (const char           *text,
                                                ShouComplaintOutcome *out);

/* The timestamps of @complaint (opened_at, handled_at, …; null → 0). */
void        shou_complaint_times_from_json     (JsonObject           *complaint,
                                                ShouComplaintTimes   *times);

/* %NULL when @action is allowed on @complaint at @now, else the reason
 * the API answers with 422: "complaint_finished", "already_handled",
 * "already_compensated", "already_intervened", "not_intervened" (evidence
 * or a ruling needs the intervention), "evidence_closed" (the 72 h evidence
 * period of @profile ran out; no check without @profile or for a complaint
 * from outside the platform), "not_platform" (only a platform complaint is
 * intervened in). @outcome is the finish step's. */
const char *shou_complaint_check_action        (JsonObject           *complaint,
                                                ShouComplaintAction   action,
                                                ShouComplaintOutcome  outcome,
                                                const ShouProfile    *profile,
                                                gint64                now);

/* Applies a checked step at @now: handled_at, compensated_at and
 * compensation_fen (compensating also handles it), intervention_at,
 * evidence (appends {"note", "at"}), finished_at and outcome. @params as
 * POST /v1/complaints/{id}/actions takes them. The version is the caller's. */
void        shou_complaint_apply_step          (JsonObject           *complaint,
                                                ShouComplaintAction   action,
                                                JsonObject           *params,
                                                gint64                now);

/* The next deadline still running for the seller or the buyer at @now
 * under @profile (0 when none: finished, not a platform complaint, or a
 * profile without the rule), and which one it is. */
gint64      shou_complaint_next_deadline       (JsonObject           *complaint,
                                                const ShouProfile    *profile,
                                                gint64                now,
                                                ShouComplaintDeadline *which);

G_END_DECLS
