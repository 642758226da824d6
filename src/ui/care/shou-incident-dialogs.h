/* shou-incident-dialogs.h: the 物流异常 tab's small windows: register an
 * incident, tell the buyer (with a script), resend, claim from the
 * courier and record what the courier paid. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

void        shou_incident_dialog_register   (GtkWidget  *parent,
                                             ShouStore  *store);
/* The register dialog raised from a request: @prefill (nullable) may hold
 * "shop_key", "buyer_nick", "order_no", "carrier" (a ShouCarrier code),
 * "tracking_no" and "aftersale_id" (the request's server id). Returns:
 * (transfer none): the window, presented. */
GtkWindow  *shou_incident_dialog_register_for (GtkWidget  *parent,
                                               ShouStore  *store,
                                               JsonObject *prefill);
/* @step: "tell_buyer", "resend", "claim" or "claim_paid". */
void        shou_incident_dialog_step       (GtkWidget  *parent,
                                             ShouStore  *store,
                                             const char *key,
                                             const char *step);

/* The words for an incident kind ("lost"). */
const char *shou_incident_kind_label        (const char *kind);
/* What to tell the buyer about an incident of @kind (001 篇七). */
const char *shou_incident_script            (const char *kind);

G_END_DECLS
