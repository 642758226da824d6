/* shou-douyin-client.h: signed calls to the 抖店 open platform
 * (POST https://openapi-fxg.jinritemai.com/<path>?app_key=…&method=…&v=2&
 * timestamp=…&sign_method=hmac-sha256&sign=…&access_token=…, body
 * param_json, header x-open-no-old-err-code: 1, as the official Go SDK's
 * core/doudian_op_api_client.go sends them), spaced per app and shop,
 * flow-control and unavailable answers retried after a growing wait a
 * bounded number of times; and the shop's authorisation: the service
 * market's authorisation page, the code exchanged through token/create
 * (grant_type authorization_code) and refreshed through token/refresh.
 * Sources: tests/data/platforms/README.md "Douyin shop adapter". */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/shou-platform-client.h"
#include "hub/platforms/shou-platform-tokens.h"

G_BEGIN_DECLS

#define SHOU_DOUYIN_GATEWAY   "https://openapi-fxg.jinritemai.com"
#define SHOU_DOUYIN_AUTH_PAGE "https://fuwu.jinritemai.com/authorize"

/* The shared client (shou_platform_client_new with SHOU_DOUYIN_GATEWAY). */
typedef ShouPlatformClient ShouDouyinClient;

/* Calls the API at @path ("afterSale/List") with the business parameters
 * @params (an object, nullable) for @shop_id with @access_token (nullable
 * for the token calls), and returns the envelope's "data". Errors are
 * SHOU_PROTOCOL_ERROR, from the envelope's code and sub_code. (transfer full) */
JsonObject        *shou_douyin_client_call    (ShouDouyinClient   *self,
                                               const char         *shop_id,
                                               const char         *path,
                                               const char         *access_token,
                                               JsonObject         *params,
                                               GError            **error);

/* The service market's authorisation page of the app's @service_id
 * (?service_id=…&state=…; the redirect is the one registered there).
 * (transfer full) */
char              *shou_douyin_oauth_url      (const char         *service_id,
                                               const char         *state);
/* What a seller with a self-use (自用型) app pastes instead of a code:
 * "self:" and the shop's 抖店 id. */
#define SHOU_DOUYIN_SELF_PREFIX "self:"
/* Exchanges @code (token/create, grant_type authorization_code), or for
 * "self:SHOPID" takes the self-use app's token (grant_type
 * authorization_self with shop_id). (transfer full) */
ShouPlatformToken *shou_douyin_oauth_exchange (ShouDouyinClient   *self,
                                               const char         *code,
                                               GError            **error);
/* token/refresh (grant_type refresh_token). (transfer full) */
ShouPlatformToken *shou_douyin_oauth_refresh  (ShouDouyinClient   *self,
                                               const char         *refresh_token,
                                               GError            **error);

G_END_DECLS
