/* shou-hub-routes.h: the contract's endpoints (API.md), one file per
 * resource. The server authenticates and routes; each answers @msg. */
#pragma once

#include "hub/shou-hub-gather.h"
#include "hub/shou-hub-http.h"

G_BEGIN_DECLS

/* shou-hub-routes-info.c */
void shou_hub_route_get_shops     (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant);
void shou_hub_route_get_me        (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant);
void shou_hub_route_get_carriers  (ShouHubContext    *ctx,
                                   SoupServerMessage *msg);
void shou_hub_route_get_reasons   (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   GHashTable        *query);
void shou_hub_route_get_order     (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id);
void shou_hub_route_get_aftersale (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id);
/* shou-hub-routes-changes.c */
void shou_hub_route_get_changes   (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   GHashTable        *query);
/* shou-hub-routes-actions.c */
void shou_hub_route_post_action   (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id);
/* The action's whole idempotent path (POST …/actions without HTTP): the
 * answer's status and JSON text (transfer full); @out_replayed when it is
 * a stored answer. The rule runner sends its held actions through it. */
guint shou_hub_action_apply       (ShouHubContext    *ctx,
                                   const char        *merchant,
                                   const char        *id,
                                   const char        *key,
                                   JsonObject        *body,
                                   char             **out_text,
                                   gboolean          *out_replayed);
/* The idempotent path of @n actions in one store transaction, the ones
 * that pass the checks carried together (shou_hub_platform_perform_batch):
 * each job gets its own answer, stored under its own key, as
 * shou_hub_action_apply() would give it (which takes a job alone). A key
 * twice in @jobs: the later one replays the first one's answer. The
 * gathering's ShouHubGatherFunc. */
void  shou_hub_action_apply_many  (ShouHubContext    *ctx,
                                   ShouHubActionJob **jobs,
                                   guint              n);
/* shou-hub-routes-autorules.c: GET|PUT /v1/autorules,
 * POST /v1/autorules/dry-run, GET /v1/autorules/log,
 * POST /v1/autorules/log/undo */
void shou_hub_route_autorules     (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *method,
                                   char             **seg,
                                   guint              n,
                                   GHashTable        *query);
/* shou-hub-routes-orders.c */
void shou_hub_route_post_order_cancel (ShouHubContext    *ctx,
                                       SoupServerMessage *msg,
                                       const char        *merchant,
                                       const char        *id);
/* shou-hub-routes-evidence.c */
void shou_hub_route_post_evidence (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id,
                                   GHashTable        *query);
void shou_hub_route_get_evidence  (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *id,
                                   const char        *sha);
/* shou-hub-routes-addresses.c */
void shou_hub_route_addresses     (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *method,
                                   const char        *shop_id,
                                   const char        *address_id);
/* shou-hub-routes-care.c: POST /v1/{reviews,complaints,visits}, GET
 * …/{id}, POST …/{id}/actions; @collection "reviews", "complaints" or "visits" */
void shou_hub_route_post_care     (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *collection,
                                   const char        *merchant);
void shou_hub_route_get_care      (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *collection,
                                   const char        *merchant,
                                   const char        *id);
void shou_hub_route_post_care_action (ShouHubContext    *ctx,
                                      SoupServerMessage *msg,
                                      const char        *collection,
                                      const char        *merchant,
                                      const char        *id);

/* shou-hub-routes-annotations.c: POST /v1/aftersales/{id}/annotations */
void shou_hub_route_post_annotation (ShouHubContext    *ctx,
                                     SoupServerMessage *msg,
                                     const char        *merchant,
                                     const char        *id);
/* shou-hub-routes-team.c: (transfer full) {"staff_id"|null, "name"} of a
 * claim holder or caller key ("" = the merchant's own token). */
JsonObject *shou_hub_team_holder (ShouHubContext *ctx,
                                  const char     *merchant,
                                  const char     *holder);

/* shou-hub-routes-authorisation.c */
void shou_hub_route_authorisation (ShouHubContext    *ctx,
                                   SoupServerMessage *msg,
                                   const char        *merchant,
                                   const char        *method,
                                   const char        *shop_id,
                                   GHashTable        *query);

/* shou-hub-routes-team.c */
void     shou_hub_route_claim      (ShouHubContext     *ctx,
                                    SoupServerMessage  *msg,
                                    const char         *merchant,
                                    const char         *method,
                                    const char         *id);
void     shou_hub_route_get_audit  (ShouHubContext     *ctx,
                                    SoupServerMessage  *msg,
                                    const char         *merchant,
                                    GHashTable         *query);
/* shou-hub-routes-staff.c: GET|POST /v1/staff, DELETE /v1/staff/{id} */
void     shou_hub_route_staff      (ShouHubContext     *ctx,
                                    SoupServerMessage  *msg,
                                    const char         *merchant,
                                    const char         *method,
                                    const char         *staff_id);
/* In an action's transaction: 409 claimed when another staff member holds
 * the request. */
gboolean shou_hub_team_check_claim (ShouHubContext     *ctx,
                                    const char         *merchant,
                                    const char         *id,
                                    gint64              now,
                                    ShouHubFailure    **failure);
/* 422 not_allowed (over_action_cap, over_day_cap) for an agent's amount. */
gboolean shou_hub_team_check_caps  (ShouHubContext     *ctx,
                                    const char         *merchant,
                                    gint64              amount_fen,
                                    const char         *day,
                                    ShouHubFailure    **failure);
/* (transfer full): "YYYY-MM-DD", the Asia/Shanghai day of @at */
char    *shou_hub_team_day         (gint64              at);

G_END_DECLS
