/* shou-order-row.h: a row of the 全部订单 view: the order, its after-sales
 * state, and opened, its lines and its requests. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @order: an order of shou_store_list_orders (). Each request row has the
 * request's key as "request-id" data and is added to @request_ids; its
 * "activated" signal calls @activated swapped, with @owner. The row has the
 * order's key as "order-id" data, its state as "aftersales-state". */
GtkWidget *shou_order_row_new (JsonObject *order,
                               GHashTable *request_ids,
                               GCallback   activated,
                               GObject    *owner);

/* Replaces the rows of @list with one per order of @orders (a "No orders"
 * row when there is none), keeping open the orders that were open;
 * @request_ids is emptied and refilled as by shou_order_row_new (). */
void       shou_order_rows_replace (GtkListBox *list,
                                    GPtrArray  *orders,
                                    GHashTable *request_ids,
                                    GCallback   activated,
                                    GObject    *owner);

G_END_DECLS
