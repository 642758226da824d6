/* shou-hub-idempotent.h: the frame of an idempotent write (API.md: actions,
 * order cancellation): the Idempotency-Key, one transaction from the key's
 * lookup to its stored answer, replays, the audit entry. */
#pragma once

#include "hub/shou-hub-http.h"

G_BEGIN_DECLS

/* Checks the Idempotency-Key header and the body, opens the transaction and
 * locks the key. Returns %TRUE with the transaction open (@out_body,
 * @out_key, @out_hash set; the hash scoped by @scope_id); %FALSE when @msg
 * was answered: bad key or body, an error, or the stored first answer (a
 * replay). */
gboolean shou_hub_idempotent_begin  (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char         *merchant,
                                     const char         *scope_id,
                                     JsonObject        **out_body,
                                     const char        **out_key,
                                     char              **out_hash);
/* Records the audit entry and the answer @status/@text (transfer full),
 * commits and sends it. */
void     shou_hub_idempotent_finish (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char         *merchant,
                                     const char         *key,
                                     const char         *hash,
                                     const char         *action,
                                     const char         *aftersale_id,
                                     gint64              amount_fen,
                                     gint64              now,
                                     guint               status,
                                     char               *text);

G_END_DECLS
