/* shou-audit-dialog.h: the owner's view of the team's work: who did what
 * on which request and when, from the hub's audit (GET /v1/audit). */
#pragma once

#include <adwaita.h>

#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

/* A window over @parent listing @account_id's audit, newest first. */
GtkWindow *shou_audit_dialog_new (GtkWindow      *parent,
                                  ShouSyncEngine *engine,
                                  const char     *account_id);

G_END_DECLS
