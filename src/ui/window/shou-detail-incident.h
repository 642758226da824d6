/* shou-detail-incident.h: the detail pane's 物流异常 group: for a request
 * with an outbound or return parcel, a button that registers a logistics
 * incident prefilled with the request's order, carrier and tracking
 * number; and when that parcel's tracking stalled (物流断更, the profile's
 * logistics_stall, as the risk check uses), a suggestion to register one,
 * shown until an incident for the parcel exists. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_DETAIL_INCIDENT (shou_detail_incident_get_type ())
G_DECLARE_FINAL_TYPE (ShouDetailIncident, shou_detail_incident, SHOU, DETAIL_INCIDENT, AdwPreferencesGroup)

void        shou_detail_incident_setup       (ShouDetailIncident *self,
                                              ShouStore          *store);
/* @request: the cached request (with "order"), or %NULL: hides the group. */
void        shou_detail_incident_set_request (ShouDetailIncident *self,
                                              JsonObject         *request,
                                              ShouPlatform        platform,
                                              gint64              now);
/* For tests: whether the stall suggestion shows; the register button. */
gboolean    shou_detail_incident_suggests    (ShouDetailIncident *self);
GtkWidget  *shou_detail_incident_get_button  (ShouDetailIncident *self);

G_END_DECLS
