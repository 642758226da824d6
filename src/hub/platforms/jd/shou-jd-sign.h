/* shou-jd-sign.h: JD open platform (JOS, routerjson) request signing.
 *
 * Rule (open.jd.com "签名算法", dev-guide listId 2643, whose worked example
 * is reproduced in the tests; JD's PHP SDK JdClient generateSign): every
 * parameter sent except sign — app_key, method, timestamp, v=2.0,
 * 360buy_param_json, access_token — sorted by name in byte order (so
 * 360buy_param_json comes first), concatenated as name+value, empty values
 * left out, wrapped in the secret: UPPER-case hex of MD5(secret + concat +
 * secret). 360buy_param_json: the business parameters as compact JSON with
 * sorted keys and nulls kept (the example's own text).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns: (transfer full): 32 upper-case hex digits. */
char       *shou_jd_sign                (GHashTable  *params,
                                         const char  *secret);

/* "yyyy-MM-dd HH:mm:ss.SSS+0800" in China Standard Time, as the example. */
char       *shou_jd_timestamp           (gint64       now_usec);

/* Every parameter of one call, signed. NULL with @error when @params cannot
 * be serialised (see shou_protocol_sorted_json()). */
GHashTable *shou_jd_request_params      (const char  *app_key,
                                         const char  *secret,
                                         const char  *method,
                                         const char  *access_token,
                                         gint64       now_usec,
                                         JsonNode    *params,
                                         GError     **error);

gboolean    shou_jd_verify              (GHashTable  *params,
                                         const char  *secret);

G_END_DECLS
