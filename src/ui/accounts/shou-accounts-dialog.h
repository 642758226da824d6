/* shou-accounts-dialog.h: lists the accounts, adds one after testing it,
 * removes one after confirmation. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ACCOUNTS_DIALOG (shou_accounts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShouAccountsDialog, shou_accounts_dialog, SHOU, ACCOUNTS_DIALOG, AdwWindow)

/* Actions on the dialog: "accounts.show-add", "accounts.show-list",
 * "accounts.test", "accounts.add", "accounts.remove" (s: account id),
 * "accounts.fix" (s: account id): the action that fixes the account's
 * state, "accounts.review-new-certificate": trust the certificate the last
 * test was refused.
 * Property "busy": a connection test is running. */
GtkWindow *shou_accounts_dialog_new      (GtkWindow          *parent,
                                          ShouStore          *store);
gboolean   shou_accounts_dialog_get_busy (ShouAccountsDialog *self);
/* Opens the "add account" page with @url and @token filled in (either may
 * be NULL), e.g. from --api-url. */
void       shou_accounts_dialog_show_add (ShouAccountsDialog *self,
                                          const char         *url,
                                          const char         *token);
/* Shows each account's state from @engine, with the action fixing it. */
void       shou_accounts_dialog_set_engine (ShouAccountsDialog *self,
                                          ShouSyncEngine     *engine);
/* Enter its token again, review its certificate or retry: what its state asks. */
void       shou_accounts_dialog_fix_account (ShouAccountsDialog *self,
                                          const char         *account_id);

G_END_DECLS
