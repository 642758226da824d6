/* shou-staff-dialog.h: the owner manages the team on a hub: lists the
 * staff, adds an agent with amount caps (the hub makes the token, shown
 * once to hand over) and revokes a member's token. */
#pragma once

#include <adwaita.h>

#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

GtkWindow *shou_staff_dialog_new (GtkWindow      *parent,
                                  ShouSyncEngine *engine,
                                  const char     *account_id);

G_END_DECLS
