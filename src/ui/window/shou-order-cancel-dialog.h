/* shou-order-cancel-dialog.h: the seller cancels a cash-on-delivery order
 * before it ships (Douyin, seed 004 1、), after saying that they talked to
 * the buyer; the order row's refusal and pending texts. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_ORDER_CANCEL_RESPONSE "cancel-order"

/* A confirmation naming the rule; its "cancel-order" response is enabled
 * only once the seller ticked "I talked to the buyer" (the check button
 * named "buyer-consulted"). Answering it queues the cancellation
 * (shou_store_cancel_order ()); a local refusal is said in the dialog's
 * body, which then stays open. The dialog is named "order-cancel-dialog". */
AdwMessageDialog *shou_order_cancel_dialog_new (GtkWindow  *parent,
                                                ShouStore  *store,
                                                const char *order_key);

/* The seller's words for a refused cancellation (@refusal: the order's
 * "cancel_refused", a reason or error code); never the server's text. */
char *shou_order_cancel_refusal_text (const char *refusal);

G_END_DECLS
