/* shou-order-parcel.h: the order's own parcel in the detail pane: where it
 * is, the shipping deadline it must meet and its penalty, and for a
 * refund-only request the refused-delivery wait (the refund comes once the
 * parcel is back). */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ORDER_PARCEL (shou_order_parcel_get_type ())
G_DECLARE_FINAL_TYPE (ShouOrderParcel, shou_order_parcel, SHOU, ORDER_PARCEL, AdwPreferencesGroup)

/* @request: the cached request with "order" embedded (or NULL); hides the
 * group when the order has no parcel and no shipping deadline. */
void        shou_order_parcel_set_request (ShouOrderParcel *self,
                                           JsonObject      *request,
                                           ShouPlatform     platform,
                                           gint64           now);

/**
 * shou_order_parcel_describe_due:
 * @order: an order object (API.md "order")
 * @platform: its shop's platform
 * @now: UTC microseconds
 * @out_due: (out) (optional): the open deadline
 *
 * Returns: (transfer full) (nullable): "Ship and have it collected: 5 h
 * left · late: ¥5.00 deducted", or %NULL when nothing is due.
 */
char       *shou_order_parcel_describe_due (JsonObject  *order,
                                            ShouPlatform platform,
                                            gint64       now,
                                            ShouShipDue *out_due);

/* The refused-delivery step of a refund-only request on a shipped order, in
 * the seller's words, or NULL when it does not apply. (transfer full) */
/* An express refund (极速退款): the money is already paid out; the return's
 * countdown, or the appeal. Returns: (transfer full) (nullable): the text,
 * %NULL when @request is not an express refund. */
/* The clock ticked: the countdowns' texts only (the rows stay as they are). */
void        shou_order_parcel_tick (ShouOrderParcel *self,
                                    JsonObject      *request,
                                    ShouPlatform     platform,
                                    gint64           now);
char       *shou_order_parcel_describe_express (JsonObject *request,
                                                gint64      now);
char       *shou_order_parcel_describe_wait (JsonObject *request,
                                             gboolean   *out_returned);

G_END_DECLS
