/* shou-account-status.h: the words and the fixing action for an account's
 * sync state, shared by the accounts dialog and the window's banner. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_ACCOUNT_FIX_NONE,
  SHOU_ACCOUNT_FIX_TOKEN,        /* enter the token (again) */
  SHOU_ACCOUNT_FIX_RETRY,        /* sync now */
  SHOU_ACCOUNT_FIX_CERTIFICATE,  /* review the server's certificate */
} ShouAccountFix;

/* One line: "Synced 3 minutes ago", "Offline since 2026-12-06 14:02",
 * "Token missing", "Token refused", "Certificate not trusted", … */
char           *shou_account_status_describe   (const ShouAccountStatus *status);
ShouAccountFix  shou_account_status_get_fix    (const ShouAccountStatus *status);
/* The fixing button's label, with a mnemonic; NULL for FIX_NONE. */
const char     *shou_account_status_fix_label  (ShouAccountFix           fix);
/* TRUE when the seller has to act (everything but syncing, synced, not
 * synced yet and offline). */
gboolean        shou_account_status_needs_seller (const ShouAccountStatus *status);

/* For the window's banner: the account that needs the seller most (a
 * changed certificate first, then a refused or missing token, an untrusted
 * certificate, another failure). Returns: (transfer full) (nullable): its
 * id; *@message is the banner text, *@status its state. */
char           *shou_account_status_pick       (ShouStore               *store,
                                                ShouSyncEngine          *engine,
                                                ShouAccountStatus      **status,
                                                char                   **message);

G_END_DECLS
