/* shou-visit-record.h: a return visit (回访) as the contract has it (API.md
 * "visit"): one record per settled complaint or bad review, or registered
 * service card, holding the five visits' outcomes. Pure rules over the
 * JSON object, shared by the hub and the desktop's cache; the schedule is
 * shou-visit.h's. */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-visit.h"

G_BEGIN_DECLS

/* The step's contract name: "week", "month", "quarter", "half_year", "year". */
const char   *shou_visit_step_to_string   (ShouVisitStep     step);

/* Makes a visit record at version 1 (@order_id, @order_no, @source_id may
 * be %NULL). (transfer full) */
JsonObject   *shou_visit_record_new       (const char       *id,
                                           const char       *shop_id,
                                           const char       *buyer_nick,
                                           const char       *order_id,
                                           const char       *order_no,
                                           ShouVisitSource   source,
                                           const char       *source_id,
                                           gint64            anchor_at,
                                           gint64            now);
/* The next visit of @visit and its state at @now. */
ShouVisitPlan shou_visit_record_plan      (JsonObject       *visit,
                                           gint64            now);
/* %NULL when the next visit's @outcome may be recorded at @now, else the
 * reason the API answers with 422: "visits_finished" or "not_due" (the
 * next visit is not due yet). */
const char   *shou_visit_record_check     (JsonObject       *visit,
                                           gint64            now);
/* Records @outcome (not pending) with @note (may be %NULL) on the next
 * visit at @now. The version is the caller's. */
void          shou_visit_record_apply     (JsonObject       *visit,
                                           ShouVisitOutcome  outcome,
                                           const char       *note,
                                           gint64            now);

G_END_DECLS
