/* shou-api-client.h: the remote after-sales API (src/sim/API.md) over one
 * SoupSession. Typed errors, timeouts, TLS verification on, no redirects;
 * plain HTTP only to this machine's loopback addresses (127.0.0.1, ::1). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "shou-api-decode.h"
#include "shou-api-error.h"

G_BEGIN_DECLS

/* (transfer full): SHA-256 of the certificate's DER bytes, lowercase hex */
char       *shou_api_certificate_sha256   (GTlsCertificate *certificate);
/* (transfer full): "AB:CD:…", the way certificate viewers show it */
char       *shou_api_format_fingerprint   (const char   *sha256);

/* TRUE for the hosts plain http:// may go to: 127.0.0.1 and ::1. */
gboolean    shou_api_is_loopback_host     (const char   *host);

#define SHOU_TYPE_API_CLIENT (shou_api_client_get_type ())
G_DECLARE_FINAL_TYPE (ShouApiClient, shou_api_client, SHOU, API_CLIENT, GObject)

ShouApiClient *shou_api_client_new            (const char     *base_url,
                                               const char     *token,
                                               GError        **error);
const char    *shou_api_client_get_base_url   (ShouApiClient  *self);
/* A certificate no authority vouches for (a shop's own server) is accepted
 * only when its SHA-256 is @sha256 (hex, any case; NULL: none). Any other
 * certificate error still fails, with the code "certificate_changed". */
void           shou_api_client_set_trusted_certificate (ShouApiClient *self,
                                               const char     *sha256);
/* Seconds before a request gives up (default 30). */
void           shou_api_client_set_timeout    (ShouApiClient  *self,
                                               guint           seconds);
/* Server clock minus local clock, from the last response's Date header or
 * server_time, in usec. */
gint64         shou_api_client_get_clock_offset (ShouApiClient *self);

void             shou_api_client_get_changes_async  (ShouApiClient       *self,
                                                     const char          *cursor,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
ShouChangesPage *shou_api_client_get_changes_finish (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* (element-type JsonObject): the token's shops */
void             shou_api_client_get_shops_async    (ShouApiClient       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray       *shou_api_client_get_shops_finish   (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

void             shou_api_client_get_aftersale_async  (ShouApiClient       *self,
                                                       const char          *id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonObject      *shou_api_client_get_aftersale_finish (ShouApiClient       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* POST /v1/aftersales/{id}/actions; returns the new aftersale. */
void             shou_api_client_post_action_async  (ShouApiClient       *self,
                                                     const char          *request_id,
                                                     const char          *action,
                                                     JsonObject          *params,
                                                     gint64               expected_version,
                                                     const char          *idempotency_key,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_post_action_finish (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /v1/aftersales/{id}/evidence; returns the evidence object. */
void             shou_api_client_upload_evidence_async  (ShouApiClient       *self,
                                                         const char          *request_id,
                                                         const char          *kind,
                                                         const char          *content_type,
                                                         GBytes              *bytes,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonObject      *shou_api_client_upload_evidence_finish (ShouApiClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Return addresses: @method "POST" (create), "PUT" (update) or "DELETE".
 * Returns the address, or NULL without error for DELETE. */
void             shou_api_client_address_async      (ShouApiClient       *self,
                                                     const char          *method,
                                                     const char          *shop_id,
                                                     const char          *address_id,
                                                     JsonObject          *fields,
                                                     gint64               expected_version,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_address_finish     (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST (take or renew, @take_over: from its holder) or, with @release,
 * DELETE /v1/aftersales/{id}/claim. Returns the claim {"aftersale_id",
 * "holder", "expires_at"}, or NULL without error for a release. A 409
 * "claimed" names the holder (shou_api_error_get_holder_name()). */
void             shou_api_client_claim_async        (ShouApiClient       *self,
                                                     const char          *request_id,
                                                     gboolean             release,
                                                     gboolean             take_over,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_claim_finish       (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* @method @path with an optional JSON @body; the parsed answer, or NULL
 * without error for a DELETE's 204 (the team's staff endpoints). */
void             shou_api_client_send_json_async    (ShouApiClient       *self,
                                                     const char          *method,
                                                     const char          *path,
                                                     JsonObject          *body,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_send_json_finish   (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A POST of a JSON @body (with an Idempotency-Key when given): the parsed
 * answer, e.g. {"review": …} of POST /v1/reviews. */
void             shou_api_client_post_json_async    (ShouApiClient       *self,
                                                     const char          *path,
                                                     JsonObject          *body,
                                                     const char          *idempotency_key,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_post_json_finish   (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Any GET returning JSON (tests, diagnostics): the parsed body. */
void             shou_api_client_get_json_async     (ShouApiClient       *self,
                                                     const char          *path,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
JsonObject      *shou_api_client_get_json_finish    (ShouApiClient       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
