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

#include "hub/platforms/shou-platform-http.h"
#include "hub/platforms/shou-platform-pace.h"
#include "hub/platforms/shou-platform-tokens.h"

G_BEGIN_DECLS

#define SHOU_DOUYIN_GATEWAY   "https://openapi-fxg.jinritemai.com"
#define SHOU_DOUYIN_AUTH_PAGE "https://fuwu.jinritemai.com/authorize"

typedef struct _ShouDouyinClient ShouDouyinClient;

typedef struct
{
  const char              *app_key;
  const char              *app_secret;
  const char              *endpoint;       /* %NULL: SHOU_DOUYIN_GATEWAY */
  const ShouPlatformClock *clock;          /* %NULL: the real one */
  gint64                   app_interval;   /* microseconds between two calls of the app */
  gint64                   shop_interval;  /* … of one shop */
  ShouPlatformRetry        retry;
  gint64                 (*now) (gpointer user_data);  /* UTC µs for the timestamp; %NULL: real */
  gpointer                 user_data;
} ShouDouyinClientOptions;

ShouDouyinClient  *shou_douyin_client_new     (const ShouDouyinClientOptions *options);
void               shou_douyin_client_free    (ShouDouyinClient   *self);
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
guint              shou_douyin_client_get_calls   (ShouDouyinClient *self);
guint              shou_douyin_client_get_retries (ShouDouyinClient *self);

/* The service market's authorisation page of the app's @service_id
 * (?service_id=…&state=…; the redirect is the one registered there).
 * (transfer full) */
char              *shou_douyin_oauth_url      (const char         *service_id,
                                               const char         *state);
/* Exchanges @code (token/create, grant_type authorization_code). (transfer full) */
ShouPlatformToken *shou_douyin_oauth_exchange (ShouDouyinClient   *self,
                                               const char         *code,
                                               GError            **error);
/* token/refresh (grant_type refresh_token). (transfer full) */
ShouPlatformToken *shou_douyin_oauth_refresh  (ShouDouyinClient   *self,
                                               const char         *refresh_token,
                                               GError            **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouDouyinClient, shou_douyin_client_free)

G_END_DECLS
