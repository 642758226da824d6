/* shou-filter-popover.h: the form that sets the queue's filters: platform,
 * shop, type, reason, SKU, amount range and deadline. It shows the filter it
 * is given and hands back the one the seller applies. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-request-filter.h"
#include "store/shou-store.h"

G_BEGIN_DECLS

typedef void (*ShouFilterApplyFunc) (const ShouRequestFilter *filter,
                                     gpointer                 user_data);

GtkWidget *shou_filter_popover_new  (ShouStore               *store,
                                     ShouFilterApplyFunc      apply,
                                     gpointer                 user_data);
/* Fills the form from @filter (the shops are read again). */
void       shou_filter_popover_load (GtkWidget               *popover,
                                     const ShouRequestFilter *filter);

/* The words of one condition, as its chip says it ("原因：质量问题"). */
char      *shou_filter_term_label   (ShouStore               *store,
                                     ShouFilterKind           kind,
                                     const char              *value);

G_END_DECLS
