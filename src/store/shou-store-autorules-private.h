/* shou-store-autorules-private.h: shared by the rules' store files. */
#pragma once

#include "shou-store-autorules.h"

G_BEGIN_DECLS

/* Returns: (transfer full) (element-type gint64): when the buyer's other
 * requests (on @platform, across the account's shops) opened in the 90
 * days up to @at. */
GArray *shou_store_autorule_history (ShouStore  *self,
                                     const char *account_id,
                                     const char *platform,
                                     const char *buyer,
                                     const char *request_key,
                                     gint64      at);

G_END_DECLS
