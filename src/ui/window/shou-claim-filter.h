/* shou-claim-filter.h: the queue's "All / Mine / Others'" switch of a
 * team (shown when an account is a staff member's token). */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-request-list.h"

G_BEGIN_DECLS

GtkWidget *shou_claim_filter_new (ShouRequestList *list);

G_END_DECLS
