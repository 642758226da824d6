/* shou-api-errors.h: what the seller reads for each error code of the
 * remote API (src/sim/API.md) and of this client, in the UI's language.
 * The server's own message is English for developers: it goes to the debug
 * log, never to the screen. Unknown codes get a general sentence. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @code: the API's error code ("version_conflict", "not_allowed",
 * "bad_request"…) or one of the client's ("timed_out", "unknown_ca"…);
 * @reason: for "not_allowed" the reason (a core reason code, or
 * "address_in_use", "already_open", "not_returned"), for "bad_request" the
 * detail ("invalid_tracking_no"…); may be NULL. Returns one translated
 * sentence (transfer full). */
char    *shou_api_error_describe        (const char   *code,
                                         const char   *reason);
/* The same for an error of any domain: SHOU_API_ERROR by its code and
 * reason; others (keyring, files, the cache's SQLite) by a translated
 * summary. The raw message goes to g_debug. */
char    *shou_api_error_describe_error  (const GError *error);
/* The code to store for @error (an outbox entry's last error): its own
 * code, else one for its kind ("network", "unavailable", "unauthorized",
 * "bad_response"…). Stored codes are said in the UI's language when shown. */
const char *shou_api_error_code_for     (const GError *error);
/* What the seller reads about a stored last error: the text for @code, or
 * a general sentence for anything else (older caches stored text). */
char    *shou_api_error_describe_attempt (const char *code);
/* Every code shou_api_error_describe() knows (NULL-terminated, for tests). */
const char * const *shou_api_error_known_codes (void);

G_END_DECLS
