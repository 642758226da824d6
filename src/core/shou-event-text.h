/* shou-event-text.h: a request's timeline entries in the UI's language.
 *
 * The platform writes each timeline entry as a Chinese sentence (Simplified,
 * whatever the seller's language). The UI says the entry from its kind and
 * parameters instead (amounts in fen, carrier, round, reason codes), and
 * falls back to the platform's sentence only for a kind it does not know. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @event: a timeline entry {"at", "actor", "kind", "text", "params"?,
 * "local"?} (API.md). Returns: (transfer full): the sentence to show, as
 * plain text (never markup). The words a person wrote (a buyer's reply, a
 * seller's message, params "note") are quoted as they are. */
char *shou_event_text_format (JsonObject *event);

/* Every lapse outcome a "lapse" entry may name in params "lapse", with the
 * status it lapsed from in "before": for tests. */
char *shou_event_text_lapse  (const char *lapse,
                              const char *before);

G_END_DECLS
