/* shou-hub-autorules.h: the hub's runner of automatic rules (issue 26):
 * where a team has a hub, the rules run here, once per merchant, with
 * core's decisions (shou-autorule.h), the derived idempotency keys, the
 * day caps in Asia/Shanghai days and the undo window. */
#pragma once

#include "hub/shou-hub-http.h"

G_BEGIN_DECLS

/* The default undo window (API.md "Automatic rules"). */
#define SHOU_HUB_AUTORULE_UNDO_WINDOW     (G_GINT64_CONSTANT (120) * G_USEC_PER_SEC)
/* An action goes at the latest this long before its request's deadline. */
#define SHOU_HUB_AUTORULE_DEADLINE_MARGIN (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
/* A dry run looks this far back. */
#define SHOU_HUB_AUTORULE_DRY_RUN_DAYS    30

/* (transfer full): what @rule does, without its name and whether it is
 * on: enabling needs a dry run of exactly this. */
char       *shou_hub_autorule_text    (const ShouAutorule *rule);

/* FALSE for an action the hub cannot take by itself (a negotiation's
 * scripts live on the desktops). */
gboolean    shou_hub_autorule_runs_here (const ShouAutorule *rule);

/* One round: judges the requests of every merchant with an enabled rule
 * that changed since the last round (at most a page of them), then sends
 * the held actions whose window ended. Returns: the actions queued and
 * sent. */
guint       shou_hub_autorules_run    (ShouHubContext     *ctx,
                                       gint64              undo_window);

/* The dry run of @rule over the merchant's requests of the last 30 days,
 * each judged as it arrived (API.md "POST /v1/autorules/dry-run"); it is
 * remembered as the rule's dry run. (transfer full) */
JsonObject *shou_hub_autorules_dry_run (ShouHubContext     *ctx,
                                        const char         *merchant,
                                        const ShouAutorule *rule,
                                        GError            **error);

G_END_DECLS
