/* shou-visit.h: return visits (回访, seed 000 ⑹). After a complaint or a
 * bad review is settled, or for an order whose after-sales service card
 * the seller registered, the shop asks the buyer again after a week, a
 * month, 3 months, 6 months and a year. A shop's own practice, the same
 * on every platform. Pure rules: when each visit is due, which one is
 * next, and how long it may wait before it is late. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_VISIT_SOURCE_SERVICE_CARD,
  SHOU_VISIT_SOURCE_COMPLAINT,
  SHOU_VISIT_SOURCE_REVIEW,
  SHOU_N_VISIT_SOURCES
} ShouVisitSource;

typedef enum
{
  SHOU_VISIT_WEEK,
  SHOU_VISIT_MONTH,
  SHOU_VISIT_QUARTER,    /* 3 months */
  SHOU_VISIT_HALF_YEAR,  /* 6 months */
  SHOU_VISIT_YEAR,
  SHOU_N_VISIT_STEPS
} ShouVisitStep;

typedef enum
{
  SHOU_VISIT_OUTCOME_PENDING,    /* not done yet */
  SHOU_VISIT_OUTCOME_SATISFIED,
  SHOU_VISIT_OUTCOME_NO_ANSWER,
  SHOU_VISIT_OUTCOME_PROBLEM,    /* the buyer has a problem: a complaint opens, visits stop */
  SHOU_VISIT_OUTCOME_DECLINED,   /* the buyer asks not to be contacted again: visits stop */
  SHOU_N_VISIT_OUTCOMES
} ShouVisitOutcome;

typedef enum
{
  SHOU_VISIT_STATE_UPCOMING,   /* the next visit is not due yet */
  SHOU_VISIT_STATE_DUE,        /* due now, within its window */
  SHOU_VISIT_STATE_LATE,       /* past its window, still to be done */
  SHOU_VISIT_STATE_FINISHED,   /* every visit done, or stopped */
} ShouVisitState;

typedef struct
{
  ShouVisitState state;
  ShouVisitStep  step;      /* the next visit (undefined when finished) */
  gint64         due_at;    /* when it falls due (0 when finished) */
  gint64         late_at;   /* when it becomes late (0 when finished) */
} ShouVisitPlan;

const char *shou_visit_source_to_string   (ShouVisitSource   source);
gboolean    shou_visit_source_from_string (const char       *text,
                                           ShouVisitSource  *out);
const char *shou_visit_outcome_to_string  (ShouVisitOutcome  outcome);
gboolean    shou_visit_outcome_from_string (const char       *text,
                                            ShouVisitOutcome *out);

/* When visit @step falls due after @anchor (the settlement or the card's
 * registration): 7 days, or 1, 3, 6, 12 calendar months in China Standard
 * Time (the 31st becomes the month's last day), at the anchor's time of day. */
gint64      shou_visit_due_at             (gint64            anchor,
                                           ShouVisitStep     step);
/* How long a due visit may wait before it is late: 2 days for the first
 * week's visit, 7 days for the others. */
gint64      shou_visit_window             (ShouVisitStep     step);

/* The next visit and its state at @now, given the outcomes recorded so
 * far (@outcomes[step], SHOU_N_VISIT_STEPS of them). The next visit is
 * the first still pending; a problem or a refusal stops the visits. */
ShouVisitPlan shou_visit_plan             (gint64                  anchor,
                                           const ShouVisitOutcome *outcomes,
                                           gint64                  now);

G_END_DECLS
