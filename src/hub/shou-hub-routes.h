/* shou-hub-routes.h: the contract's endpoints (API.md), one file per
 * resource. The server authenticates and routes; each answers @msg. */
#pragma once

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

G_END_DECLS
