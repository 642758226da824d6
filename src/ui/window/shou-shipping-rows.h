/* shou-shipping-rows.h: the rows of the 发货时限 view: orders paid and not
 * yet on their way, nearest shipping deadline first, each with its
 * countdown and what a late shipment costs. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Replaces the rows of @list with one per order of @orders (from
 * shou_store_list_shipping_orders ()) that has a shipping deadline open at
 * @now, nearest first; an "all shipped in time" row when there is none.
 * Each row has the order's key as "order-id" data and "late" set when the
 * deadline passed. Returns: the number of orders shown. */
guint shou_shipping_rows_replace (GtkListBox *list,
                                  GPtrArray  *orders,
                                  gint64      now);

/* The clock ticked: each row says its countdown again (and turns red once
 * late), without reading the store. */
void  shou_shipping_rows_tick    (GtkListBox *list,
                                  gint64      now);

/* How many of @orders have a shipping deadline open at @now: the sidebar's
 * count of the view. */
guint shou_shipping_rows_count   (GPtrArray  *orders,
                                  gint64      now);

G_END_DECLS
