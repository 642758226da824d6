/* shou-hub-sqlite-team.h: the team's tables on the SQLite engine; the
 * engine's class points its team operations here. */
#pragma once

#include "hub/shou-hub-sqlite.h"

G_BEGIN_DECLS

gboolean      shou_hub_sqlite_add_staff    (ShouHubStore        *self,
                                            const ShouHubStaff  *staff,
                                            const char          *token,
                                            GError             **error);
ShouHubStaff *shou_hub_sqlite_lookup_staff (ShouHubStore        *self,
                                            const char          *token);
ShouHubStaff *shou_hub_sqlite_get_staff    (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            const char          *staff_id);
char         *shou_hub_sqlite_get_claim    (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            const char          *aftersale_id,
                                            gint64              *out_expires_at);
gboolean      shou_hub_sqlite_put_claim    (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            const char          *aftersale_id,
                                            const char          *staff_id,
                                            gint64               expires_at,
                                            GError             **error);
gboolean      shou_hub_sqlite_add_audit    (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            const char          *staff_id,
                                            const char          *action,
                                            const char          *aftersale_id,
                                            gint64               amount_fen,
                                            const char          *day,
                                            guint                status,
                                            gint64               at,
                                            GError             **error);
JsonArray    *shou_hub_sqlite_list_audit   (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            guint                limit);
gint64        shou_hub_sqlite_day_total    (ShouHubStore        *self,
                                            const char          *merchant_id,
                                            const char          *staff_id,
                                            const char          *day);

G_END_DECLS
