/* shou-negotiation-dialog.h: the guided two-round negotiation before a
 * rejection (platform-rules §3). A window the seller can close and reopen:
 * its state lives in the store and on the server. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_NEGOTIATION_DIALOG (shou_negotiation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShouNegotiationDialog, shou_negotiation_dialog, SHOU, NEGOTIATION_DIALOG, AdwWindow)

/* @now_func: the window's clock (server-corrected now); may be NULL for real time. */
ShouNegotiationDialog *shou_negotiation_dialog_new (GtkWindow  *parent,
                                                    ShouStore  *store,
                                                    const char *request_id);

G_END_DECLS
