/* shou-douyin-sign.h: Douyin shop (抖店) open platform request signing.
 *
 * Rule (the official Go SDK, doudian.com/open/sdk_golang: core/
 * doudian_op_api_client.go and utils/sign_util.go; the official guide's Java
 * sample is the same):
 *   param_json = the business parameters as compact JSON, object keys sorted
 *                at every level, no HTML escaping
 *   pattern    = "app_key" K "method" M "param_json" P "timestamp" T "v" "2"
 *   sign       = lower-case hex of HMAC-SHA256(key = secret, secret + pattern + secret)
 * with M the API path's slashes as dots ("afterSale/List" → "afterSale.List"),
 * T Unix seconds, sign_method=hmac-sha256. access_token is sent but not
 * signed. Older public SDKs use md5(secret + pattern + secret); the official
 * one signs hmac-sha256, and so do we (md5 is still verified for the fakes).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_DOUYIN_SIGN_HMAC_SHA256,
  SHOU_DOUYIN_SIGN_MD5,
} ShouDouyinSignMethod;

/* "/afterSale/List" or "afterSale/List" → "afterSale.List". */
char       *shou_douyin_method_from_path        (const char           *path);

/**
 * shou_douyin_param_json:
 * @params: (nullable): the business parameters (an object; NULL means {})
 * @error: set when @params holds a non-integer number (its text would depend
 *   on the serialiser, so the signature could not be reproduced)
 *
 * Returns: (transfer full): the canonical param_json, or NULL.
 */
char       *shou_douyin_param_json              (JsonNode             *params,
                                                 GError              **error);

char       *shou_douyin_sign                    (const char           *app_key,
                                                 const char           *secret,
                                                 const char           *method,
                                                 gint64                timestamp,
                                                 const char           *param_json,
                                                 ShouDouyinSignMethod  sign_method);

/* Every query parameter of one call (app_key, method, timestamp, v=2,
 * sign_method=hmac-sha256, sign, access_token when given); @out_body gets
 * the param_json to POST. NULL with @error as shou_douyin_param_json(). */
GHashTable *shou_douyin_request_params          (const char           *app_key,
                                                 const char           *secret,
                                                 const char           *path,
                                                 const char           *access_token,
                                                 gint64                now_usec,
                                                 JsonNode             *params,
                                                 char                **out_body,
                                                 GError              **error);

/* What the gateway checks: the query's sign over its app_key, method,
 * timestamp and v, and @param_json as received. */
gboolean    shou_douyin_verify                  (GHashTable           *query,
                                                 const char           *param_json,
                                                 const char           *secret);

G_END_DECLS
