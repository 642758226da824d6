/* shou-claim-bar.h: the detail pane's line "张三 处理中" when another staff
 * member of the team handles the request shown, and the question asked
 * before acting on such a request. Showing a request asks the sync engine
 * (through the store's "claim-wanted") to claim it. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store.h"
#include "shou-clock.h"

G_BEGIN_DECLS

#define SHOU_TYPE_CLAIM_BAR (shou_claim_bar_get_type ())
G_DECLARE_FINAL_TYPE (ShouClaimBar, shou_claim_bar, SHOU, CLAIM_BAR, GtkBox)

void        shou_claim_bar_setup        (ShouClaimBar *self,
                                         ShouStore    *store,
                                         ShouClock    *clock);
/* The request the pane shows (a key, NULL: none); claims it. */
void        shou_claim_bar_set_request  (ShouClaimBar *self,
                                         const char   *request_key);
/* The name of the other staff member holding it, or NULL. */
const char *shou_claim_bar_get_holder   (ShouClaimBar *self);
/* Before the action @action_name of @widget runs: when someone else holds
 * the request, asks whether to take it over and returns TRUE (the action
 * is activated again once the seller agreed and the claim was asked for);
 * else FALSE (go on). */
gboolean    shou_claim_bar_ask_first    (ShouClaimBar *self,
                                         GtkWidget    *widget,
                                         const char   *action_name);

G_END_DECLS
