/* shou-visit.c: the return-visit schedule (shou-visit.h). */
#include "config.h"

#include "shou-names-private.h"
#include "shou-time.h"
#include "shou-visit.h"

static const char *const source_names[] = { "service_card", "complaint", "review" };
static const char *const outcome_names[] = { "pending", "satisfied", "no_answer", "problem", "declined" };

G_STATIC_ASSERT (G_N_ELEMENTS (source_names) == SHOU_N_VISIT_SOURCES);
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == SHOU_N_VISIT_OUTCOMES);

/* China Standard Time has no daylight saving time. */
#define CST_OFFSET_SEC (8 * 3600)

SHOU_DEFINE_NAMES (shou_visit_source, ShouVisitSource, source_names)
SHOU_DEFINE_NAMES (shou_visit_outcome, ShouVisitOutcome, outcome_names)

static gint64
add_months (gint64 anchor,
            int    months)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (CST_OFFSET_SEC);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (anchor / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) due = NULL;
  int year, month, day, last;
  gint64 within_second = anchor % G_USEC_PER_SEC;

  if (start == NULL)
    return anchor;
  local = g_date_time_to_timezone (start, tz);
  g_date_time_get_ymd (local, &year, &month, &day);
  month += months;
  year += (month - 1) / 12;
  month = (month - 1) % 12 + 1;
  last = g_date_get_days_in_month (month, year);
  due = g_date_time_new (tz, year, month, MIN (day, last), g_date_time_get_hour (local),
                         g_date_time_get_minute (local), g_date_time_get_second (local));
  if (due == NULL)
    return anchor;
  return g_date_time_to_unix (due) * G_USEC_PER_SEC + within_second;
}

gint64
shou_visit_due_at (gint64        anchor,
                   ShouVisitStep step)
{
  switch (step)
    {
    case SHOU_VISIT_WEEK:
      return anchor + 7 * SHOU_USEC_PER_DAY;
    case SHOU_VISIT_MONTH:
      return add_months (anchor, 1);
    case SHOU_VISIT_QUARTER:
      return add_months (anchor, 3);
    case SHOU_VISIT_HALF_YEAR:
      return add_months (anchor, 6);
    case SHOU_VISIT_YEAR:
      return add_months (anchor, 12);
    case SHOU_N_VISIT_STEPS:
    default:
      g_return_val_if_reached (anchor);
    }
}

gint64
shou_visit_window (ShouVisitStep step)
{
  return step == SHOU_VISIT_WEEK ? 2 * SHOU_USEC_PER_DAY : 7 * SHOU_USEC_PER_DAY;
}

ShouVisitPlan
shou_visit_plan (gint64                  anchor,
                 const ShouVisitOutcome *outcomes,
                 gint64                  now)
{
  ShouVisitPlan plan = { SHOU_VISIT_STATE_FINISHED, SHOU_N_VISIT_STEPS, 0, 0 };

  for (guint i = 0; i < SHOU_N_VISIT_STEPS; i++)
    {
      ShouVisitOutcome o = outcomes ? outcomes[i] : SHOU_VISIT_OUTCOME_PENDING;

      if (o == SHOU_VISIT_OUTCOME_PROBLEM || o == SHOU_VISIT_OUTCOME_DECLINED)
        return plan;
      if (o != SHOU_VISIT_OUTCOME_PENDING)
        continue;
      plan.step = i;
      plan.due_at = shou_visit_due_at (anchor, i);
      plan.late_at = plan.due_at + shou_visit_window (i);
      plan.state = now < plan.due_at ? SHOU_VISIT_STATE_UPCOMING
                 : now < plan.late_at ? SHOU_VISIT_STATE_DUE : SHOU_VISIT_STATE_LATE;
      return plan;
    }
  return plan;
}
