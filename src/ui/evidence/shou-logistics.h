/* shou-logistics.h: shipments shown as a tracking timeline, and logistics
 * entry for an exchange or resend (carrier picker + validated tracking no). */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_TRACKING_VIEW (shou_tracking_view_get_type ())
G_DECLARE_FINAL_TYPE (ShouTrackingView, shou_tracking_view, SHOU, TRACKING_VIEW, GtkWidget)

GtkWidget *shou_tracking_view_new          (void);
/* @shipment: API "return_shipment" object or NULL; @stall_usec: profile limit. */
void       shou_tracking_view_set_shipment (ShouTrackingView *self,
                                            JsonObject       *shipment,
                                            gint64            stall_usec,
                                            gint64            now);

/* Dialog that queues ship_exchange for @request_id. */
GtkWindow *shou_logistics_dialog_new       (GtkWindow        *parent,
                                            ShouStore        *store,
                                            const char       *request_id);

G_END_DECLS
