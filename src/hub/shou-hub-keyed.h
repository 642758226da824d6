/* shou-hub-keyed.h: the steps every idempotent write takes: read the
 * Idempotency-Key and the body, lock the key in a transaction, replay a
 * stored answer, store the answer and commit.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shou-hub-http.h"

G_BEGIN_DECLS

/* (transfer full): the JSON body of a request with a good Idempotency-Key
 * (in *@key), else answers 400/413 and returns %NULL. */
JsonObject *shou_hub_keyed_body     (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char        **key);
/* Begins the transaction and takes the key's lock, else answers 500. */
gboolean    shou_hub_keyed_begin    (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char         *merchant,
                                     const char         *key);
/* Inside the transaction, under the key's lock: answers a stored response
 * (or 422 idempotency_mismatch) and returns TRUE when the key was used. */
gboolean    shou_hub_keyed_replayed (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char         *merchant,
                                     const char         *key,
                                     const char         *hash);
/* Stores the answer under the key, commits and sends it. */
void        shou_hub_keyed_finish   (ShouHubContext     *ctx,
                                     SoupServerMessage  *msg,
                                     const char         *merchant,
                                     const char         *key,
                                     const char         *hash,
                                     guint               status,
                                     JsonObject         *response,
                                     gint64              now);

/* The same with the answer's text, taken (transfer full), for a write
 * that stores more in the transaction first (an audit row). */
void        shou_hub_keyed_commit_text (ShouHubContext    *ctx,
                                        SoupServerMessage *msg,
                                        const char        *merchant,
                                        const char        *key,
                                        const char        *hash,
                                        guint              status,
                                        char              *text,
                                        gint64             now);

G_END_DECLS
