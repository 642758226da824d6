/* shou-negotiation-state.h: where a request stands in the negotiation flow,
 * read from the store's JSON (API shape) and explained with core. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_NEGO_STEP_RISKS,     /* risk check before anything is sent */
  SHOU_NEGO_STEP_ROUND1,    /* pick and send round-1 scripts */
  SHOU_NEGO_STEP_WAIT1,     /* waiting for the buyer's reply to round 1 */
  SHOU_NEGO_STEP_ROUND2,    /* propose a resolution with evidence */
  SHOU_NEGO_STEP_WAIT2,     /* waiting for the buyer's reply to round 2 */
  SHOU_NEGO_STEP_REJECT,    /* rejection with reason, explanation, evidence */
  SHOU_NEGO_STEP_DONE,      /* resolved, rejected or not at a rejectable step */
  SHOU_N_NEGO_STEPS
} ShouNegoStep;

const char   *shou_nego_step_to_string      (ShouNegoStep        step);

/* Fills @state from an aftersale object (with "order" embedded). */
gboolean      shou_nego_state_from_json     (JsonObject         *aftersale,
                                             ShouRequestState   *state);

/* The step the dialog opens on. @risks_seen: the seller went past the risk
 * check in this session. */
ShouNegoStep  shou_nego_step_for            (JsonObject         *aftersale,
                                             const ShouProfile  *profile,
                                             gboolean            risks_seen);

/* Whether a rejection may be queued now, else the reason (never NONE). */
gboolean      shou_nego_can_reject          (JsonObject         *aftersale,
                                             const ShouProfile  *profile,
                                             ShouReason         *out_reason);

/* Risk bit mask (1 << ShouRisk) at @now. */
guint         shou_nego_check_risks         (JsonObject         *aftersale,
                                             const ShouProfile  *profile,
                                             gint64              now);

/* The round object for @round (1 or 2), or NULL. */
JsonObject   *shou_nego_get_round           (JsonObject         *aftersale,
                                             guint               round);

/* Seller actions saved locally and not yet accepted by the server. */
guint         shou_nego_count_pending       (JsonObject         *aftersale);
gboolean      shou_nego_has_pending         (JsonObject         *aftersale);

gint64        shou_nego_json_get_time       (JsonObject         *object,
                                             const char         *member);
/* @member of @object if it is an object (a string), else NULL; @object
 * may be NULL. */
JsonObject   *shou_nego_json_get_object     (JsonObject         *object,
                                             const char         *member);
const char   *shou_nego_json_get_string     (JsonObject         *object,
                                             const char         *member);

G_END_DECLS
