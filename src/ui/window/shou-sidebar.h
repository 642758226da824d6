/* shou-sidebar.h: views with live counts, then shops (all shops together by
 * default). */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* The sidebar's extra views after the ShouView request views: orders,
 * then statistics (src/ui/stats, SHOU_STATS_VIEW_NAME), then bad reviews
 * (src/ui/care, SHOU_CARE_VIEW_NAME), then the orders at risk of a late
 * shipment (shou-shipping-rows.c). */
#define SHOU_SIDEBAR_VIEW_ORDERS "orders"
#define SHOU_SIDEBAR_VIEW_STATS "stats"
#define SHOU_SIDEBAR_VIEW_REVIEWS "reviews"
#define SHOU_SIDEBAR_VIEW_SHIPPING "shipping"
/* The request views come first (index 0 to 5). */
#define SHOU_SIDEBAR_N_REQUEST_VIEWS 6
#define SHOU_SIDEBAR_N_VIEWS 10

#define SHOU_TYPE_SIDEBAR (shou_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (ShouSidebar, shou_sidebar, SHOU, SIDEBAR, GtkWidget)

/* Properties: "view-name" (string: a shou_view_to_string () name,
 * "orders", "stats" or "reviews"), "shop-id" (string, NULL = all shops). */
GtkWidget  *shou_sidebar_new            (ShouStore   *store);
const char *shou_sidebar_get_view_name  (ShouSidebar *self);
/* Returns %FALSE for an unknown name. */
gboolean    shou_sidebar_set_view_name  (ShouSidebar *self,
                                         const char  *view_name);
/* 1-based, as Alt+1… */
gboolean    shou_sidebar_set_view_index (ShouSidebar *self,
                                         guint        index);
const char *shou_sidebar_get_shop_id    (ShouSidebar *self);
void        shou_sidebar_set_shop_id    (ShouSidebar *self,
                                         const char  *shop_id);
/* The count shown beside a view, or -1 when it shows none. */
int         shou_sidebar_get_count      (ShouSidebar *self,
                                         const char  *view_name);
/* Re-reads counts and shops now instead of at idle. */
void        shou_sidebar_refresh        (ShouSidebar *self);
/* The window clock's time (UTC usec): counts follow it, so 即将超时 grows
 * as deadlines draw near. Recounts when the minute changes. */
void        shou_sidebar_set_now        (ShouSidebar *self,
                                         gint64       now);

G_END_DECLS
