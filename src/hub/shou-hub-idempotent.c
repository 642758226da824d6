/* shou-hub-idempotent.c: the frame of an idempotent write */
#include "config.h"

#include <string.h>

#include "hub/shou-hub-idempotent.h"
#include "hub/shou-hub-input.h"
#include "hub/shou-hub-keyed.h"
#include "shou-hub-routes.h"

gboolean
shou_hub_idempotent_begin (ShouHubContext     *ctx,
                           SoupServerMessage  *msg,
                           const char         *merchant,
                           const char         *scope_id,
                           JsonObject        **out_body,
                           const char        **out_key,
                           char              **out_hash)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *hash = NULL;
  const char *key = NULL;

  body = shou_hub_keyed_body (ctx, msg, &key);
  if (body == NULL)
    return FALSE;
  hash = shou_hub_input_hash (scope_id, body);
  /* One transaction from the key's lookup to its answer: another hub
   * process with the same key waits for this one and then replays it. */
  if (!shou_hub_keyed_begin (ctx, msg, merchant, key) ||
      shou_hub_keyed_replayed (ctx, msg, merchant, key, hash))
    return FALSE;
  *out_body = g_steal_pointer (&body);
  *out_key = key;
  *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

void
shou_hub_idempotent_finish (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            const char        *merchant,
                            const char        *key,
                            const char        *hash,
                            const char        *action,
                            const char        *aftersale_id,
                            gint64             amount_fen,
                            gint64             now,
                            guint              status,
                            char              *text)
{
  g_autofree char *owned = text;
  g_autofree char *day = shou_hub_team_day (now);
  g_autoptr(GError) error = NULL;

  if (!shou_hub_store_add_audit (ctx->store, merchant, ctx->caller ? ctx->caller->staff_id : NULL,
                                 action, aftersale_id, amount_fen, day, status, now, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  shou_hub_keyed_commit_text (ctx, msg, merchant, key, hash, status, g_steal_pointer (&owned), now);
}
