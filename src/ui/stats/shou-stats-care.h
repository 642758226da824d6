/* shou-stats-care.h: the 统计 page's 售后关怀 group — bad reviews by
 * reason and how many changed, complaints by outcome and the compensation
 * paid, for the period shown (store/shou-store-care.h's counts). */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

GtkWidget *shou_stats_care_new    (void);
/* Shows the counts of [@from, @to) in the shop with key @shop_id (%NULL:
 * every shop), as the page's other figures. */
void       shou_stats_care_update (GtkWidget  *group,
                                   ShouStore  *store,
                                   const char *shop_id,
                                   gint64      from,
                                   gint64      to);

G_END_DECLS
