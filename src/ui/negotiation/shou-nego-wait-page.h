/* shou-nego-wait-page.h: waiting for the buyer's reply to a round: the
 * countdown on the server's clock, the message sent, the reply. */
#pragma once

#include "shou-nego-page.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGO_WAIT_PAGE (shou_nego_wait_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegoWaitPage, shou_nego_wait_page, SHOU, NEGO_WAIT_PAGE, AdwBin)

/* Shows the wait after @round (1 or 2). @entering: the page is shown anew,
 * so a lapsed wait asks for a sync again. */
void  shou_nego_wait_page_update         (ShouNegoWaitPage      *self,
                                          const ShouNegoContext *ctx,
                                          guint                  round,
                                          gint64                 now,
                                          gboolean               entering);
/* Called every second while the page shows. */
void  shou_nego_wait_page_tick           (ShouNegoWaitPage      *self,
                                          gint64                 now);
/* NULL @why_not: the seller may reject now. */
void  shou_nego_wait_page_set_can_reject (ShouNegoWaitPage      *self,
                                          const char            *why_not);
void  shou_nego_wait_page_set_phone      (ShouNegoWaitPage      *self,
                                          const char            *shown,
                                          gboolean               can_reveal);

G_END_DECLS
