/* shou-visits-page.h: 回访 — return visits after a finished complaint, a
 * settled bad review or a registered service card (000 ⑹): the ones due
 * with their countdowns, a suggested script, and the outcome recorded
 * (satisfied, no answer, a problem, or the buyer declines further visits). */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

#define SHOU_TYPE_VISITS_PAGE (shou_visits_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouVisitsPage, shou_visits_page, SHOU, VISITS_PAGE, GtkWidget)

GtkWidget *shou_visits_page_new     (ShouStore      *store);
void       shou_visits_page_reload  (ShouVisitsPage *self);
/* The time the countdowns count from (UTC µs); 0: the real time. */
void       shou_visits_page_set_now (ShouVisitsPage *self,
                                     gint64          now);

G_END_DECLS
