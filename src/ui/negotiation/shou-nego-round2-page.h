/* shou-nego-round2-page.h: round 2 of the negotiation: a proposal (with an
 * amount when it is money), scripts, the message and evidence. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_ROUND2_PAGE (shou_nego_round2_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoRound2Page, shou_nego_round2_page, SHOU, NEGO_ROUND2_PAGE, AdwBin)

/* Follows @ctx; the first one with a store adds the evidence picker. */
void  shou_nego_round2_page_set_context (ShouNegoRound2Page    *self,
                                         const ShouNegoContext *ctx);
/* Shows round 1's outcome; @entering: the page is shown anew, so its
 * scripts are listed again. */
void  shou_nego_round2_page_update      (ShouNegoRound2Page    *self,
                                         gboolean               entering);

G_END_DECLS
