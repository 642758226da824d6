/* shou-taobao-sign.h: Taobao/Tmall Open Platform (TOP) request signing.
 *
 * Rule (open.taobao.com docId 101617 "API调用方法详解"; bububa/opentaobao
 * core/client.go; the official Java SDK's TaobaoUtils.signTopRequest): every
 * text parameter except sign and file parameters, sorted by name in byte
 * order, concatenated as name+value with empty values left out;
 *   md5:          MD5(secret + concat + secret)
 *   hmac:         HMAC-MD5(key = secret, concat)
 *   hmac-sha256:  HMAC-SHA256(key = secret, concat)
 * and the digest as UPPER-case hex. See tests/data/platforms/README.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_TAOBAO_SIGN_MD5,
  SHOU_TAOBAO_SIGN_HMAC,         /* HMAC-MD5 */
  SHOU_TAOBAO_SIGN_HMAC_SHA256,
} ShouTaobaoSignMethod;

/* The sign_method parameter's value: "md5", "hmac", "hmac-sha256". */
const char *shou_taobao_sign_method_to_string   (ShouTaobaoSignMethod  method);
gboolean    shou_taobao_sign_method_from_string (const char           *text,
                                                 ShouTaobaoSignMethod *out);

/* The sign of @params (char * → char *; a "sign" entry is ignored).
 * Returns: (transfer full): 32 or 64 upper-case hex digits. */
char       *shou_taobao_sign                    (GHashTable           *params,
                                                 const char           *secret,
                                                 ShouTaobaoSignMethod  method);

/**
 * shou_taobao_request_params:
 * @app_key: the app's key
 * @method: the API, e.g. "taobao.refunds.receive.get"
 * @session: (nullable): the shop's session (access token)
 * @now_usec: UTC microseconds; sent as GMT+8 "yyyy-MM-dd HH:mm:ss"
 * @api_params: (nullable): the API's own parameters (char * → char *)
 *
 * Every parameter of one call — app_key, method, timestamp, format=json,
 * v=2.0, sign_method, session and the API's non-empty ones — with its sign.
 * hmac-sha256 is what TOP's newest official SDK sends by default.
 * Returns: (transfer full): a new table of char * → char *.
 */
GHashTable *shou_taobao_request_params          (const char           *app_key,
                                                 const char           *secret,
                                                 const char           *method,
                                                 const char           *session,
                                                 gint64                now_usec,
                                                 ShouTaobaoSignMethod  sign_method,
                                                 GHashTable           *api_params);

/* What the gateway checks: @params carries sign and sign_method (a missing
 * sign_method means md5, as the TOP documentation says); the sign matches. */
gboolean    shou_taobao_verify                  (GHashTable           *params,
                                                 const char           *secret);

G_END_DECLS
