/* shou-platform-http.h: the calls every platform adapter makes: a request's
 * parameters in name order (what every platform's signature walks), a form
 * or JSON POST over one HTTP session, and the JSON answer. Synchronous: the
 * hub's pull runs it on its own schedule. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Parameter name -> value, sorted by the names' bytes (strcmp). */
typedef GTree ShouPlatformParams;

ShouPlatformParams *shou_platform_params_new      (void);
void                shou_platform_params_set      (ShouPlatformParams  *params,
                                                   const char          *name,
                                                   const char          *value);
void                shou_platform_params_set_int  (ShouPlatformParams  *params,
                                                   const char          *name,
                                                   gint64               value);
/* Sets @name to @object serialised as compact JSON (the exact text is what
 * is signed and sent). */
void                shou_platform_params_set_json (ShouPlatformParams  *params,
                                                   const char          *name,
                                                   JsonObject          *object);
const char         *shou_platform_params_get      (ShouPlatformParams  *params,
                                                   const char          *name);
/* application/x-www-form-urlencoded, names in order. (transfer full) */
char               *shou_platform_params_to_form  (ShouPlatformParams  *params);
/* A JSON object of the string values. (transfer full) */
JsonObject         *shou_platform_params_to_json  (ShouPlatformParams  *params);
/* From a form body or query (what a fake receives). (transfer full) */
ShouPlatformParams *shou_platform_params_from_form (const char         *form);

typedef struct _ShouPlatformHttp ShouPlatformHttp;

ShouPlatformHttp *shou_platform_http_new       (guint                timeout_seconds);
void              shou_platform_http_free      (ShouPlatformHttp    *http);
/* POSTs @params as a form (or, with @as_json, as a JSON object) and parses
 * the answer. No answer or HTTP other than 200 is SHOU_PROTOCOL_ERROR_UNAVAILABLE,
 * a body that is not a JSON object _MALFORMED. (transfer full) */
JsonObject       *shou_platform_http_post      (ShouPlatformHttp    *http,
                                                const char          *url,
                                                ShouPlatformParams  *params,
                                                gboolean             as_json,
                                                GError             **error);
/* POSTs @params as multipart/form-data (RFC 7578, libsoup's
 * SoupMultipart), each a text field in name order, then @file as the file
 * field @file_field named @file_name of type @file_type; the answer as
 * shou_platform_http_post() reads it. What TOP's SDKs send for a byte[]
 * parameter (bububa/opentaobao core/client.go postMultipart). (transfer full) */
JsonObject       *shou_platform_http_post_multipart (ShouPlatformHttp   *http,
                                                     const char         *url,
                                                     ShouPlatformParams *params,
                                                     const char         *file_field,
                                                     const char         *file_name,
                                                     const char         *file_type,
                                                     GBytes             *file,
                                                     GError            **error);
/* POSTs @body (taken) as @content_type to @url, with @header (nullable)
 * set to @header_value; the answer's bytes. No answer or HTTP other than
 * 200 is SHOU_PROTOCOL_ERROR_UNAVAILABLE. (transfer full) */
GBytes           *shou_platform_http_send      (ShouPlatformHttp    *http,
                                                const char          *url,
                                                const char          *content_type,
                                                char                *body,
                                                const char          *header,
                                                const char          *header_value,
                                                GError             **error);
guint             shou_platform_http_get_calls (ShouPlatformHttp    *http);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformHttp, shou_platform_http_free)

G_END_DECLS
