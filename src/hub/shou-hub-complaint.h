/* shou-hub-complaint.h: a complaint (投诉) as the contract renders it
 * (API.md "complaint"), made from a create body and changed by the
 * seller's steps under core's rules (core/shou-complaint-record.h). Shared
 * by the routes and the simulated platform's buyers. */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/shou-hub-failure.h"
#include "core/shou-complaint-record.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* A create body's members (POST /v1/complaints). */
extern const char *const shou_hub_complaint_fields[];

/* Checks @body (shop_id already the merchant's; order and request ids the
 * merchant's, in the shop) and makes the complaint at version 1 with a new
 * id, "platform" the shop's. Nothing is stored. (transfer full): the
 * complaint, or %NULL with a 400 @failure */
JsonObject *shou_hub_complaint_create (ShouHubStore        *store,
                                       const char          *merchant,
                                       JsonObject          *body,
                                       const char          *source,
                                       gint64               now,
                                       ShouHubFailure     **failure);

/* Checks @params of @action (400) and core's rules under @profile (422),
 * then changes @complaint (new version and updated_at). */
gboolean    shou_hub_complaint_apply  (JsonObject          *complaint,
                                       ShouComplaintAction  action,
                                       JsonObject          *params,
                                       const ShouProfile   *profile,
                                       gint64               now,
                                       ShouHubFailure     **failure);

G_END_DECLS
