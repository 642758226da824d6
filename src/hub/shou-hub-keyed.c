/* shou-hub-keyed.c: the steps every idempotent write takes (reviews,
 * annotations): the Idempotency-Key header and body, the key's lock in a
 * transaction, a replay of a stored answer, and storing the answer with
 * the commit.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shou-hub-keyed.h"

/* The Idempotency-Key header, else answers 400. */
static const char *
idempotency_key (ShouHubContext    *ctx,
                 SoupServerMessage *msg)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");

  if (key == NULL || strlen (key) < 8 || strlen (key) > 128)
    {
      g_autoptr(ShouHubFailure) failure = NULL;

      failure = shou_hub_failure_bad ("Idempotency-Key", key ? "bad_key" : "missing_field",
                                      "An Idempotency-Key header of 8 to 128 characters is required");
      shou_hub_http_send_failure (ctx, msg, failure);
      return NULL;
    }
  return key;
}

/* (transfer full): the JSON body of a request with a good Idempotency-Key
 * (in *@key), else answers 400/413 and returns %NULL. */
JsonObject *
shou_hub_keyed_body (ShouHubContext     *ctx,
                     SoupServerMessage  *msg,
                     const char        **key)
{
  *key = idempotency_key (ctx, msg);
  return *key != NULL ? shou_hub_http_parse_body (ctx, msg) : NULL;
}

/* Inside the transaction, under the key's lock: answers a stored response
 * (or 422 idempotency_mismatch) and returns TRUE when the key was used. */
gboolean
shou_hub_keyed_replayed (ShouHubContext    *ctx,
                         SoupServerMessage *msg,
                         const char        *merchant,
                         const char        *key,
                         const char        *hash)
{
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  guint stored_status = 0;

  if (!shou_hub_store_get_idempotent (ctx->store, merchant, key, &stored_hash, &stored_status, &stored_body))
    return FALSE;
  shou_hub_store_rollback (ctx->store);
  if (!g_str_equal (stored_hash, hash))
    {
      g_autoptr(ShouHubFailure) failure = NULL;

      failure = shou_hub_failure_new (422, "idempotency_mismatch",
                                      "This Idempotency-Key was used with a different request");
      shou_hub_http_send_failure (ctx, msg, failure);
      return TRUE;
    }
  ctx->replays++;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Idempotent-Replayed", "true");
  shou_hub_http_send_text (ctx, msg, stored_status, g_steal_pointer (&stored_body));
  return TRUE;
}

gboolean
shou_hub_keyed_begin (ShouHubContext    *ctx,
                      SoupServerMessage *msg,
                      const char        *merchant,
                      const char        *key)
{
  g_autoptr(GError) error = NULL;

  if (shou_hub_store_begin (ctx->store, &error) && shou_hub_store_lock_key (ctx->store, merchant, key, &error))
    return TRUE;
  shou_hub_store_rollback (ctx->store);
  shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
  return FALSE;
}

/* Stores the answer under the key, commits and sends it. */
void
shou_hub_keyed_finish (ShouHubContext    *ctx,
                       SoupServerMessage *msg,
                       const char        *merchant,
                       const char        *key,
                       const char        *hash,
                       guint              status,
                       JsonObject        *response,
                       gint64             now)
{
  shou_hub_keyed_commit_text (ctx, msg, merchant, key, hash, status, shou_hub_http_to_string (response), now);
}

void
shou_hub_keyed_commit_text (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            const char        *merchant,
                            const char        *key,
                            const char        *hash,
                            guint              status,
                            char              *text,
                            gint64             now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned = text;

  if (!shou_hub_store_put_idempotent (ctx->store, merchant, key, hash, status, owned, now, &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  if (status < 300)
    ctx->actions_applied++;
  shou_hub_http_send_text (ctx, msg, status, g_steal_pointer (&owned));
}
