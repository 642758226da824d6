/* shou-hub-staff.h: managing a merchant's staff (GET|POST /v1/staff,
 * DELETE /v1/staff/{id}): listing and revoking on both engines. */
#pragma once

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* (transfer full) (element-type ShouHubStaff): @merchant_id's staff, by id */
GPtrArray *shou_hub_sqlite_list_staff   (ShouHubStore  *self,
                                         const char    *merchant_id);
/* Removes the staff member and their claims; FALSE without error when
 * there is no such staff member. */
gboolean   shou_hub_sqlite_remove_staff (ShouHubStore  *self,
                                         const char    *merchant_id,
                                         const char    *staff_id,
                                         GError       **error);
GPtrArray *shou_hub_pg_list_staff       (ShouHubStore  *self,
                                         const char    *merchant_id);
gboolean   shou_hub_pg_remove_staff     (ShouHubStore  *self,
                                         const char    *merchant_id,
                                         const char    *staff_id,
                                         GError       **error);

G_END_DECLS
