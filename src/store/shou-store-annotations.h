/* shou-store-annotations.h: a request's tags and internal notes in the
 * cache, the feed's kind "annotation" (API.md "annotation"). The seller's
 * steps (add or remove a tag, add a note) go through the outbox like an
 * action: shown at once on top of the server's copy, queued with their own
 * idempotency key in the same transaction, sent when the server is
 * reachable. Steps commute, so they never wait for a version; a refused
 * step (too many tags) is kept as the annotation's conflict. */
#pragma once

#include "core/shou-annotation.h"
#include "shou-store.h"

G_BEGIN_DECLS

/* (transfer full): the request's annotation as shown (API.md's object,
 * the queued steps applied), with "pending" (steps not yet sent) and
 * "conflict" ({"code", "reason", "op", "value"}, or absent); an empty one
 * for a request with none; %NULL for an unknown key. */
JsonObject *shou_store_get_annotation      (ShouStore         *self,
                                            const char        *key);
/* Queues one step on the request with key @key. A value core refuses is
 * SHOU_STORE_ERROR_INVALID with the reason in words; a step that would
 * change nothing (the tag is there already) queues nothing and is TRUE. */
gboolean    shou_store_annotate            (ShouStore         *self,
                                            const char        *key,
                                            ShouAnnotationOp   op,
                                            const char        *value,
                                            GError           **error);
/* The same step on each of @keys, one outbox entry (and key) per request,
 * each in its own transaction. Returns how many were queued. */
guint       shou_store_annotate_many       (ShouStore         *self,
                                            const char *const *keys,
                                            ShouAnnotationOp   op,
                                            const char        *value,
                                            GError           **error);
/* The request's annotation conflict is seen: it goes. */
gboolean    shou_store_dismiss_annotation_conflict (ShouStore  *self,
                                            const char        *key,
                                            GError           **error);
/* (transfer full): every tag in the cache, sorted (the filter's choices). */
GStrv       shou_store_list_tags           (ShouStore         *self);

G_END_DECLS
