/* shou-protocol.h: what the real platforms' protocol modules share: one
 * error domain for a platform's error envelope, the fault it carried, and
 * strict parsers for the platforms' amount and parameter texts.
 *
 * Pure: GLib only, no I/O. The platform words live in taobao/, douyin/, jd/.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-types.h"

G_BEGIN_DECLS

#define SHOU_PROTOCOL_ERROR (shou_protocol_error_quark ())

/* What the hub does about a platform's error, whatever its own code was. */
typedef enum
{
  SHOU_PROTOCOL_ERROR_MALFORMED,        /* not the platform's envelope at all */
  SHOU_PROTOCOL_ERROR_SESSION_EXPIRED,  /* the shop's authorisation lapsed: refresh or re-authorise */
  SHOU_PROTOCOL_ERROR_RATE_LIMITED,     /* flow control: retry later with backoff */
  SHOU_PROTOCOL_ERROR_NO_PERMISSION,    /* the app lacks the API or the shop's grant */
  SHOU_PROTOCOL_ERROR_SIGNATURE,        /* the platform refused our signature */
  SHOU_PROTOCOL_ERROR_BAD_REQUEST,      /* a parameter was missing or invalid */
  SHOU_PROTOCOL_ERROR_UNAVAILABLE,      /* the platform's service failed: retry later */
  SHOU_PROTOCOL_ERROR_BUSINESS,         /* the platform refused the operation; see sub-code */
  SHOU_PROTOCOL_ERROR_OTHER,            /* a code the tables do not know */
} ShouProtocolError;

GQuark      shou_protocol_error_quark     (void);
const char *shou_protocol_error_to_string (ShouProtocolError kind);
/* %TRUE for the kinds worth retrying with the same request. */
gboolean    shou_protocol_error_is_retryable (ShouProtocolError kind);

/* The platform's own words for one error, kept for support and the log. */
typedef struct
{
  ShouProtocolError kind;
  char *code;          /* top-level code as text: "27", "40003", "19" */
  char *message;       /* msg / zh_desc */
  char *sub_code;      /* sub_code, or NULL */
  char *sub_message;   /* sub_msg, or NULL */
  char *request_id;    /* request_id / log_id, or NULL */
} ShouProtocolFault;

ShouProtocolFault *shou_protocol_fault_new  (ShouProtocolError  kind,
                                             const char        *code,
                                             const char        *message,
                                             const char        *sub_code,
                                             const char        *sub_message,
                                             const char        *request_id);
void               shou_protocol_fault_free (ShouProtocolFault *fault);
/* Sets @error from @fault: domain SHOU_PROTOCOL_ERROR, code fault->kind, a
 * message naming the platform's code, sub-code and text. */
void               shou_protocol_fault_set_error (const ShouProtocolFault *fault,
                                                  const char              *platform,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouProtocolFault, shou_protocol_fault_free)

/**
 * shou_protocol_parse_yuan:
 * @text: a yuan amount as the platform sends it: "12.30", "12.3", "12", "0.01"
 * @out_fen: (out): the amount in fen
 *
 * Exact, no floating point. Refuses signs, spaces, exponents, more than two
 * decimals, a bare or trailing ".", and amounts above SHOU_MONEY_MAX_FEN.
 * Returns: %TRUE on success, else sets a #SHOU_PROTOCOL_ERROR_MALFORMED error.
 */
gboolean shou_protocol_parse_yuan   (const char  *text,
                                     gint64      *out_fen,
                                     GError     **error);

/* A whole number of fen as a platform sends it (a JSON integer or a string of
 * digits): 0 ≤ fen ≤ SHOU_MONEY_MAX_FEN. */
gboolean shou_protocol_check_fen    (gint64       fen,
                                     GError     **error);

/* key1value1key2value2… over @params (char * → char *) sorted by key in byte
 * order, skipping the key @skip (NULL for none) and, when @skip_empty, empty
 * values. */
char    *shou_protocol_concat_sorted (GHashTable *params,
                                      const char *skip,
                                      gboolean    skip_empty);

/* Lower-case hex digest of @data: md5 (G_CHECKSUM_MD5), or an HMAC keyed with
 * @key when @key is not NULL. */
char    *shou_protocol_digest        (GChecksumType  type,
                                      const char    *key,
                                      const char    *data);

/* Formats @usec (UTC microseconds) as "yyyy-MM-dd HH:mm:ss" in China
 * Standard Time (UTC+8, no daylight saving), the timestamp TOP and JD sign. */
char    *shou_protocol_format_cst    (gint64 usec);

/* A platform's time: unix seconds as digits, or "yyyy-MM-dd HH:mm:ss" in
 * China Standard Time (TOP's and Pinduoduo's text). UTC microseconds; 0
 * when empty or unreadable. */
gint64   shou_protocol_parse_time    (const char *text);

/* The index of @text in @names (n entries), for the platforms' fixed words. */
gboolean shou_protocol_name_index    (const char * const *names,
                                      guint               n,
                                      const char         *text,
                                      guint              *out_index);

/* A new char * → char * table holding the parameters every platform sends:
 * app_key, method, timestamp and v. */
GHashTable *shou_protocol_params_new (const char *app_key,
                                      const char *method,
                                      char       *timestamp,
                                      const char *v);

/* The string member @name of @object, or NULL (absent, not a string). */
const char *shou_protocol_json_string (JsonObject *object,
                                       const char *name);
/* The member @name as text when it is a string or an integer (platforms send
 * codes as either), else NULL. Returns: (transfer full) (nullable). */
char       *shou_protocol_json_code   (JsonObject *object,
                                       const char *name);
/* Parses @body as a JSON object; %NULL with SHOU_PROTOCOL_ERROR_MALFORMED
 * naming @platform otherwise. The object belongs to @parser. */
JsonObject *shou_protocol_parse_object (JsonParser *parser,
                                        const char *body,
                                        gssize      length,
                                        const char *platform,
                                        GError    **error);

/* A platform's intervention flag over a request's mapped status: while the
 * platform intervenes a running request shows as intervention; a finished
 * one (success, closed) stays finished. */
ShouRequestStatus shou_protocol_with_intervention (ShouRequestStatus status,
                                                   gboolean          intervention);

/* Constant-time comparison of two signatures, ignoring ASCII case. */
gboolean shou_protocol_sign_equal    (const char *a,
                                      const char *b);

/**
 * shou_protocol_sorted_json:
 * @params: (nullable): a JSON object (NULL means {})
 * @error: set when @params is not an object, nests deeper than 64, or holds
 *   a non-integer number (its text would depend on the serialiser)
 *
 * The canonical text the platforms sign: compact, object keys sorted by byte
 * order at every level, nulls kept, no HTML escaping; strings escaped as Go's
 * encoding/json and Gson write them (\" \\ \n \r \t \b \f, other controls
 * as \u00xx, U+2028/U+2029 as \u2028/\u2029).
 * Returns: (transfer full): the text, or NULL.
 */
char    *shou_protocol_sorted_json   (JsonNode    *params,
                                      GError     **error);

G_END_DECLS
