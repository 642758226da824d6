/* shou-nego-done-page.h: the negotiation's last page: how the request
 * ended, or that the seller's final action waits to be sent. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_DONE_PAGE (shou_nego_done_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoDonePage, shou_nego_done_page, SHOU, NEGO_DONE_PAGE, AdwBin)

/* @final_action: what the seller queued in this session to end the flow
 * (SHOU_N_ACTIONS: none); @blocked: why nothing can be rejected now. */
void  shou_nego_done_page_update     (ShouNegoDonePage *self,
                                      JsonObject       *request,
                                      ShouAction        final_action,
                                      ShouReason        blocked);
/* The request could not be read. */
void  shou_nego_done_page_show_error (ShouNegoDonePage *self,
                                      const char       *message);

G_END_DECLS
