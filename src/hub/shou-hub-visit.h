/* shou-hub-visit.h: return visits (回访) as the contract renders them
 * (API.md "visit"): made when a complaint is finished or a bad review is
 * settled, or by hand for an order whose after-sales service card the
 * seller registered; each visit's outcome recorded under core's rules
 * (core/shou-visit-record.h). */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-visit-record.h"
#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* POST /v1/visits's body (shop_id already the merchant's): a service card
 * on an order of the shop. (transfer full): the visit, or %NULL with a 400
 * @failure. Nothing is stored. */
JsonObject *shou_hub_visit_create (ShouHubStore     *store,
                                   const char       *merchant,
                                   JsonObject       *body,
                                   gint64            now,
                                   ShouHubFailure  **failure);
/* Inside a transaction: the visits that follow @settled (a complaint just
 * finished or a review just settled, @source), anchored at @now; stored.
 * Nothing when @settled is not settled. */
gboolean    shou_hub_visit_follow (ShouHubStore     *store,
                                   const char       *merchant,
                                   JsonObject       *settled,
                                   ShouVisitSource   source,
                                   gint64            now,
                                   GError          **error);
/* Checks @params ({"outcome", "note"}: 400) and core's rules (422), then
 * records the next visit's outcome (new version and updated_at). */
gboolean    shou_hub_visit_apply  (JsonObject       *visit,
                                   JsonObject       *params,
                                   gint64            now,
                                   ShouHubFailure  **failure);

G_END_DECLS
