/* shou-nego-reject-page.h: the rejection form: the negotiation so far, a
 * coded reason, the explanation and evidence, checked in that order. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_REJECT_PAGE (shou_nego_reject_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoRejectPage, shou_nego_reject_page, SHOU, NEGO_REJECT_PAGE, AdwBin)

/* Follows @ctx; the first one with a profile lists its reasons, the first
 * with a store adds the evidence picker. */
void  shou_nego_reject_page_set_context (ShouNegoRejectPage    *self,
                                         const ShouNegoContext *ctx);
/* Shows the rounds sent so far. */
void  shou_nego_reject_page_update      (ShouNegoRejectPage    *self);

G_END_DECLS
