/* shou-nego-round1-page.h: round 1 of the negotiation: scripts, the
 * message to the buyer, the buyer's phone. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_ROUND1_PAGE (shou_nego_round1_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoRound1Page, shou_nego_round1_page, SHOU, NEGO_ROUND1_PAGE, AdwBin)

/* Follows @ctx (a new copy of the request, the profile's limits). */
void  shou_nego_round1_page_set_context (ShouNegoRound1Page    *self,
                                         const ShouNegoContext *ctx);
/* The page is shown anew: its scripts are listed again. */
void  shou_nego_round1_page_enter       (ShouNegoRound1Page    *self);
void  shou_nego_round1_page_set_phone   (ShouNegoRound1Page    *self,
                                         const char            *shown,
                                         gboolean               can_reveal);

G_END_DECLS
