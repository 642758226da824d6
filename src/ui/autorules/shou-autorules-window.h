/* shou-autorules-window.h: 自动处理规则 — the account's rules in order
 * (enable, order, edit, dry run) and the log of what they did, with undo
 * while an action waits in its undo window. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

#define SHOU_TYPE_AUTORULES_WINDOW (shou_autorules_window_get_type ())
G_DECLARE_FINAL_TYPE (ShouAutorulesWindow, shou_autorules_window, SHOU, AUTORULES_WINDOW, AdwWindow)

/* With @engine (nullable), an account whose team hub runs the rules
 * (GET /v1/me "autorules": "hub") edits and watches the hub's rules; else
 * the cache's, which this desktop runs. */
GtkWindow *shou_autorules_window_new      (GtkWindow      *parent,
                                           ShouStore      *store,
                                           ShouSyncEngine *engine,
                                           const char     *account_id);
/* Shows the dry run of the rule at @position (for tests and screenshots). */
void       shou_autorules_window_dry_run  (ShouAutorulesWindow *self,
                                           guint                position);
void       shou_autorules_window_show_log (ShouAutorulesWindow *self);

G_END_DECLS
