/* shou-api-error.h: the SHOU_API_ERROR domain of the remote API's client,
 * with what the server said beside the message: its machine code, reason,
 * current version and, for certificate errors, the certificate's SHA-256.
 * What the seller reads for each code is in shou-api-errors.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHOU_API_ERROR (shou_api_error_quark ())

typedef enum
{
  SHOU_API_ERROR_NETWORK,       /* unreachable, timed out */
  SHOU_API_ERROR_AUTH,          /* 401: token missing or refused */
  SHOU_API_ERROR_FORBIDDEN,     /* 403 */
  SHOU_API_ERROR_NOT_FOUND,     /* 404 */
  SHOU_API_ERROR_CONFLICT,      /* 409: version changed */
  SHOU_API_ERROR_NOT_ALLOWED,   /* 422: the rules refuse it now (see reason) */
  SHOU_API_ERROR_BAD_REQUEST,   /* 400, 413, 415 */
  SHOU_API_ERROR_BAD_RESPONSE,  /* not the JSON the contract promises */
  SHOU_API_ERROR_SERVER,        /* 5xx */
  SHOU_API_ERROR_INSECURE,      /* plain HTTP to another machine */
  SHOU_API_ERROR_CERTIFICATE,   /* TLS: certificate not trusted (self-signed,
                                 * unknown authority, other host, expired) or
                                 * no secure connection at all */
} ShouApiError;

GQuark      shou_api_error_quark          (void);
/* The server's machine code ("version_conflict"), reason ("negotiation_waiting")
 * and current version of a SHOU_API_ERROR, when the server sent them.
 * Errors found on this side have codes too: "timed_out" (NETWORK), and for
 * CERTIFICATE "unknown_ca", "bad_identity", "expired", "revoked",
 * "insecure", "not_tls" (the server does not speak TLS) or "tls_failed". */
const char *shou_api_error_get_code       (const GError *error);
const char *shou_api_error_get_reason     (const GError *error);
gint64      shou_api_error_get_current_version (const GError *error);
/* For a CERTIFICATE error: the SHA-256 (lowercase hex) of the certificate
 * the server showed, so the seller can compare and choose to trust it.
 * The code is "certificate_changed" when it is not the one trusted before. */
const char *shou_api_error_get_certificate_sha256 (const GError *error);
/* TRUE for errors worth retrying later with the same request. A
 * certificate error is not: it stays until someone fixes the server or the
 * address. */
gboolean    shou_api_error_is_transient   (const GError *error);

/* For the code that builds SHOU_API_ERRORs (the client): set what the
 * getters above return. @error must be a SHOU_API_ERROR. */
void        shou_api_error_set_code       (GError       *error,
                                           const char   *code);
void        shou_api_error_set_details    (GError       *error,
                                           const char   *code,
                                           const char   *reason,
                                           gint64        current_version);
void        shou_api_error_set_certificate_sha256 (GError       *error,
                                                   const char   *sha256);
/* For a 409 "claimed": who holds the request (the name is the server's
 * text; NULL staff id: the merchant's own token). */
const char *shou_api_error_get_holder_name     (const GError *error);
const char *shou_api_error_get_holder_staff_id (const GError *error);
void        shou_api_error_set_holder          (GError       *error,
                                                const char   *staff_id,
                                                const char   *name);

G_END_DECLS
