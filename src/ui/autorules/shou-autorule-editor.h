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

G_END_DECLS
