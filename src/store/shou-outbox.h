/* shou-outbox.h: when each outbox entry may go again. A failing entry
 * waits on its own (next_attempt_at, with backoff), so one request that the
 * server keeps failing does not hold back the others; later entries of the
 * same request still wait for it, in order. The rest of the outbox API is
 * in shou-store.h. */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

/* A retryable failure (5xx, unreadable answer, network): the entry goes
 * back to the queue with its idempotency key and is not handed out by
 * shou_store_outbox_next() before @next_attempt_at (UTC usec). */
gboolean     shou_store_outbox_defer          (ShouStore    *self,
                                               gint64        entry_id,
                                               const char   *message,
                                               gint64        next_attempt_at,
                                               GError      **error);
/* Every waiting entry may go now (the seller asked for a sync); their
 * attempts still count for the next backoff. A rule's action still in its
 * undo window keeps waiting. */
gboolean     shou_store_outbox_retry_all_now  (ShouStore    *self,
                                               GError      **error);
/* The earliest next_attempt_at after @after among unsent entries, or 0. */
gint64       shou_store_outbox_next_attempt_at (ShouStore   *self,
                                                gint64       after);
/* An entry's state ("queued", "sending", "done", "conflict"…), attempts
 * and next attempt time, for tests and diagnostics. FALSE when unknown. */
gboolean     shou_store_outbox_get_retry      (ShouStore    *self,
                                               gint64        entry_id,
                                               char        **state,
                                               guint        *attempts,
                                               gint64       *next_attempt_at);

G_END_DECLS
