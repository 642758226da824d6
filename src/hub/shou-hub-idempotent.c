/* shou-hub-idempotent.c: the frame of an idempotent write */
#include "config.h"

#include <string.h>

#include "hub/shou-hub-idempotent.h"
#include "hub/shou-hub-input.h"
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
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  guint stored_status = 0;
  const char *key;

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  if (key == NULL || strlen (key) < 8 || strlen (key) > 128)
    {
      failure = shou_hub_failure_bad ("Idempotency-Key", key ? "bad_key" : "missing_field",
                                      "An Idempotency-Key header of 8 to 128 characters is required");
      shou_hub_http_send_failure (ctx, msg, failure);
      return FALSE;
    }
  body = shou_hub_http_parse_body (ctx, msg);
  if (body == NULL)
    return FALSE;

  hash = shou_hub_input_hash (scope_id, body);
  /* One transaction from the key's lookup to its answer: another hub
   * process with the same key waits for this one and then replays it. */
  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, key, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return FALSE;
    }
  if (shou_hub_store_get_idempotent (ctx->store, merchant, key, &stored_hash, &stored_status, &stored_body))
    {
      shou_hub_store_rollback (ctx->store);
      if (!g_str_equal (stored_hash, hash))
        {
          failure = shou_hub_failure_new (422, "idempotency_mismatch",
                                          "This Idempotency-Key was used with a different request");
          shou_hub_http_send_failure (ctx, msg, failure);
          return FALSE;
        }
      ctx->replays++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Idempotent-Replayed", "true");
      shou_hub_http_send_text (ctx, msg, stored_status, g_steal_pointer (&stored_body));
      return FALSE;
    }
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
                                 action, aftersale_id, amount_fen, day, status, now, &error) ||
      !shou_hub_store_put_idempotent (ctx->store, merchant, key, hash, status, owned, now, &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (status == 200)
    ctx->actions_applied++;
  shou_hub_http_send_text (ctx, msg, status, g_steal_pointer (&owned));
}
