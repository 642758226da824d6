/* shou-rules-private.h: helpers shared by the state machine's files
 * (evaluation in shou-rules.c, events and lapses in shou-rules-apply.c). */
#pragma once

#include "shou-rules.h"

G_BEGIN_DECLS

gboolean                shou_rules_set_reason          (GError                **error,
                                                        ShouReason              reason);
/* A deadline whose passing changes no status: "none" (a platform's own
 * timing) or the end of an evidence period. */
gboolean                shou_rules_lapse_is_milestone  (ShouLapse               lapse);
gboolean                shou_rules_nego_waiting        (const ShouRequestState *state);
gint64                  shou_rules_rule_deadline       (const ShouProfile      *profile,
                                                        const ShouDeadlineRule *rule,
                                                        gint64                  since,
                                                        gboolean               *approximate);
gboolean                shou_rules_rule_matches        (const ShouDeadlineRule *rule,
                                                        ShouRequestStatus       status,
                                                        const ShouRequestState *state);
const ShouDeadlineRule *shou_rules_find_running_rule   (const ShouProfile      *profile,
                                                        const ShouRequestState *state,
                                                        gint64                  now,
                                                        gint64                 *out_deadline);
gboolean                shou_rules_has_refund_proof_step (const ShouProfile      *profile,
                                                          const ShouRequestState *state);
gboolean                shou_rules_is_refund_type      (ShouRequestType         type);
gboolean                shou_rules_needs_return        (ShouRequestType         type);

G_END_DECLS
