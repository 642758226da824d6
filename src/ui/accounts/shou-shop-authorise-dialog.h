/* shou-shop-authorise-dialog.h: 授权店铺 for a shop on a hub account. The
 * hub builds the platform's authorisation page; the seller opens it in the
 * browser, agrees as the shop, and pastes the code (or the whole address
 * the browser was sent to) back; the hub exchanges it for the shop's
 * tokens. Platforms redirect only to a registered public address, which a
 * hub on a shop's own network does not have: hence the paste. */
#pragma once

#include <adwaita.h>

#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

/* @shop_id: the hub's id of the shop; @shop_name: for the text. */
GtkWindow *shou_shop_authorise_dialog_new (GtkWindow      *parent,
                                           ShouSyncEngine *engine,
                                           const char     *account_id,
                                           const char     *shop_id,
                                           const char     *shop_name);

G_END_DECLS
