/* shou-nego-risks-page.h: step 1 of the negotiation, the risk check: what
 * the request is, each risk a rejection runs, and the platform's plan. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_RISKS_PAGE (shou_nego_risks_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoRisksPage, shou_nego_risks_page, SHOU, NEGO_RISKS_PAGE, AdwBin)

void  shou_nego_risks_page_update (ShouNegoRisksPage     *self,
                                   const ShouNegoContext *ctx,
                                   gint64                 now);

G_END_DECLS
