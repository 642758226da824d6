/* shou-detail-pane.h: one request in full, with the seller's actions. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "store/shou-store.h"
#include "shou-clock.h"

G_BEGIN_DECLS

#define SHOU_TYPE_DETAIL_PANE (shou_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (ShouDetailPane, shou_detail_pane, SHOU, DETAIL_PANE, GtkWidget)

/* Signals:
 *   "toast" (const char *message): something the seller should read briefly
 *     ("Done, waiting to sync", or why the action was refused).
 *   "action-queued" (const char *request_id): an action other than a message
 *     went to the outbox (the window then selects the next request).
 * Actions (prefix "request."): agree-refund, agree-return, confirm-receipt,
 *   refuse-receipt, reply, reject, ship-exchange, upload-refund-proof,
 *   add-evidence (under intervention), copy-order-no, copy-tracking-no,
 *   review-again. Their Ctrl+Shift shortcuts work wherever the focus is in
 *   the window. Every enabled action is allowed by the server; reject (which
 *   opens the negotiation) only when the negotiation's next step is. */
void         shou_detail_pane_setup             (ShouDetailPane *self,
                                                 ShouStore      *store,
                                                 ShouClock      *clock);
ShouStore   *shou_detail_pane_get_store         (ShouDetailPane *self);
ShouClock   *shou_detail_pane_get_clock         (ShouDetailPane *self);
void         shou_detail_pane_set_request_id    (ShouDetailPane *self,
                                                 const char     *request_id);
const char  *shou_detail_pane_get_request_id    (ShouDetailPane *self);
/* (transfer none): the request as last loaded, or %NULL. */
JsonObject  *shou_detail_pane_get_request       (ShouDetailPane *self);
/* Re-reads the request from the store now. */
void         shou_detail_pane_reload            (ShouDetailPane *self);

/* Queues @action with @params against the version the seller saw and
 * reports the outcome with "toast". */
gboolean     shou_detail_pane_enqueue           (ShouDetailPane *self,
                                                 ShouAction      action,
                                                 JsonObject     *params,
                                                 GError        **error);
/* The button for a "request.*" action name (without prefix), for tests. */
GtkWidget   *shou_detail_pane_get_action_button (ShouDetailPane *self,
                                                 const char     *action_name);
/* The dialog of the action @name ("agree-refund"…, see
 * shou_action_dialog_new ()) for the request shown, not yet presented: it
 * queues the confirmed action through shou_detail_pane_enqueue (). */
AdwMessageDialog *shou_detail_pane_new_action_dialog (ShouDetailPane *self,
                                                      const char     *name);
/* The open action dialog, or %NULL. */
GtkWindow   *shou_detail_pane_get_dialog        (ShouDetailPane *self);
void         shou_detail_pane_set_dialog        (ShouDetailPane *self,
                                                 GtkWindow      *dialog);
/* Moves focus to the first enabled action (Enter in the queue). */
void         shou_detail_pane_focus_actions     (ShouDetailPane *self);
/* Whether "request.<name>" is enabled now (the action bar's actions). */
gboolean     shou_detail_pane_is_action_enabled (ShouDetailPane *self,
                                                 const char     *action_name);
/* With @count >= 2, shows no request but a summary of the queue's
 * selection (its count and total); below 2, the empty page again. */
void         shou_detail_pane_show_selection    (ShouDetailPane *self,
                                                 guint           count,
                                                 gint64          total_fen);

G_END_DECLS
