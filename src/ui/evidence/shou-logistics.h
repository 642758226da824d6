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
gboolean   shou_tracking_view_get_stalled  (ShouTrackingView *self);
guint      shou_tracking_view_get_n_events (ShouTrackingView *self);

/**
 * shou_logistics_get_stall:
 * @shipment: (nullable): an API shipment object
 * @stall_usec: the profile's limit (shou_profile_get_logistics_stall())
 * @now: UTC microseconds
 * @out_idle: (out) (optional): time since the last event (or since shipping
 *   when there is none)
 *
 * For the request list and the risk check: whether a shipment has had no
 * tracking event for longer than @stall_usec (物流断更).
 */
gboolean   shou_logistics_get_stall        (JsonObject       *shipment,
                                            gint64            stall_usec,
                                            gint64            now,
                                            gint64           *out_idle);
/* (transfer full): "No tracking update for 3 days", or NULL when not stalled. */
char      *shou_logistics_describe_stall   (JsonObject       *shipment,
                                            gint64            stall_usec,
                                            gint64            now);

/* Dialog that queues ship_exchange for @request_id. */
GtkWindow *shou_logistics_dialog_new       (GtkWindow        *parent,
                                            ShouStore        *store,
                                            const char       *request_id);

/* The seller's own checks of a returned parcel (received, damaged, missing
 * parts) with photos as evidence; queues confirm_receipt or refuse_receipt. */
GtkWindow *shou_receipt_check_dialog_new   (GtkWindow        *parent,
                                            ShouStore        *store,
                                            const char       *request_id);

G_END_DECLS
