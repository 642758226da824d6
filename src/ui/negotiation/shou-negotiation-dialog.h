/* shou-negotiation-dialog.h: the guided two-round negotiation before a
 * rejection (platform-rules §3). A window the seller can close and reopen:
 * its state lives in the store and on the server. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGOTIATION_DIALOG (shou_negotiation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegotiationDialog, shou_negotiation_dialog, SHOU, NEGOTIATION_DIALOG, AdwWindow)

/* Returns "now", UTC microseconds (the window's server-corrected clock). */
typedef gint64 (*ShouNegotiationNowFunc) (gpointer user_data);

ShouNegotiationDialog *shou_negotiation_dialog_new (GtkWindow  *parent,
                                                    ShouStore  *store,
                                                    const char *request_id);

/* The clock; without one the dialog uses real time. Re-evaluates at once. */
void        shou_negotiation_dialog_set_now_func (ShouNegotiationDialog *self,
                                                  ShouNegotiationNowFunc            now_func,
                                                  gpointer               user_data,
                                                  GDestroyNotify         destroy);
/* Re-reads the request from the store (also done on the store's "changed"). */
void        shou_negotiation_dialog_reload       (ShouNegotiationDialog *self);
/* The visible step: "risks", "round1", "wait1", "round2", "wait2", "reject"
 * or "done". */
const char *shou_negotiation_dialog_get_step     (ShouNegotiationDialog *self);
const char *shou_negotiation_dialog_get_request_id (ShouNegotiationDialog *self);

G_END_DECLS
