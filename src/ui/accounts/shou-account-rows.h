/* shou-account-rows.h: the rows of the accounts dialog: an account (its
 * state and the action that fixes it, its shops, remove) and a shop. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

/* A shop: its name, platform and authorisation; a stored shop (with
 * "account_id") of a real platform also gets the button that activates
 * "accounts.authorise" with (account id, shop id, shop name), unless
 * !@may_authorise (an agent: only the owner authorises). */
GtkWidget *shou_account_shop_row_new (JsonObject     *shop,
                                      gboolean        may_authorise);
/* The shop's authorisation said in the UI's language ("授权已过期"), or
 * %NULL for a platform without one. */
const char *shou_account_shop_authorisation_text (JsonObject *shop);
/* TRUE when the shop's platform authorisation is missing or lapsed. */
gboolean   shou_account_shop_needs_authorisation (JsonObject *shop);
/* An expander row for @account with its shops (of @shops, every account's)
 * and its state from @engine (nullable); @waiting (nullable): the ids of
 * accounts whose removal waits for their queued actions. The row's buttons
 * activate "accounts.fix" and "accounts.remove" with the account's id. */
GtkWidget *shou_account_row_new      (ShouStore      *store,
                                      ShouSyncEngine *engine,
                                      JsonObject     *account,
                                      GPtrArray      *shops,
                                      GHashTable     *waiting);

G_END_DECLS
