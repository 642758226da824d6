/* shou-hub-incident.h: a logistics incident (物流异常) as the contract
 * renders it (API.md "incident"), made from a create body and changed by
 * the seller's steps under core's rules (core/shou-incident.h). Shared by
 * the routes and the simulated platform's demo. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-incident.h"
#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* A create body's members (POST /v1/incidents). */
extern const char *const shou_hub_incident_fields[];

/* Checks @body (shop_id already the merchant's) and makes the incident at
 * version 1 with a new id. Nothing is stored. (transfer full): the
 * incident, or %NULL with a 400 @failure */
JsonObject *shou_hub_incident_create (ShouHubStore        *store,
                                      const char          *merchant,
                                      JsonObject          *body,
                                      const char          *source,
                                      gint64               now,
                                      ShouHubFailure     **failure);

/* Checks @params of @action (400) and core's rules (422), then changes
 * @incident (new version and updated_at). */
gboolean    shou_hub_incident_apply  (JsonObject          *incident,
                                      ShouIncidentAction   action,
                                      JsonObject          *params,
                                      gint64               now,
                                      ShouHubFailure     **failure);

G_END_DECLS
