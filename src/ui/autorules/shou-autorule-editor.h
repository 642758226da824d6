/* shou-autorule-editor.h: the window that creates or changes one rule. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-autorules.h"

G_BEGIN_DECLS

/* Called after the rule was saved. */
typedef void (*ShouAutoruleSaved) (gpointer data);

/* Presents the editor for @rule (NULL: a new one) of @account_id. */
GtkWindow *shou_autorule_editor_present (GtkWindow          *parent,
                                         ShouStore          *store,
                                         const char         *account_id,
                                         const ShouAutorule *rule,
                                         ShouAutoruleSaved   saved,
                                         gpointer            data);

/* Where the rules are kept elsewhere (a team's hub): Save hands the rule
 * to @commit instead of the cache and waits, with everything the seller
 * wrote kept, until shou_autorule_editor_finish() says how it went. */
typedef void (*ShouAutoruleCommit) (GtkWindow          *editor,
                                    const ShouAutorule *rule,
                                    gpointer            data);

void       shou_autorule_editor_set_commit (GtkWindow          *editor,
                                            ShouAutoruleCommit  commit,
                                            gpointer            data);
/* @message NULL: saved (the editor closes); else the editor says it
 * (translated) and stays open. */
void       shou_autorule_editor_finish     (GtkWindow          *editor,
                                            const char         *message);

G_END_DECLS
