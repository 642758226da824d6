/* shou-taobao-client.h: signed calls to TOP's gateway (POST form to
 * https://eco.taobao.com/router/rest, hmac-sha256 as TOP's newest official
 * SDK signs), spaced per app and shop, flow-control and unavailable answers
 * retried after a growing wait a bounded number of times; and the shop's
 * authorisation: the authorisation page, the code exchanged through
 * taobao.top.auth.token.create and refreshed through
 * taobao.top.auth.token.refresh. Sources: tests/data/platforms/README.md
 * "Taobao/Tmall adapter". */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/shou-platform-client.h"
#include "hub/platforms/shou-platform-tokens.h"

G_BEGIN_DECLS

#define SHOU_TAOBAO_GATEWAY   "https://eco.taobao.com/router/rest"
#define SHOU_TAOBAO_AUTH_PAGE "https://oauth.taobao.com/authorize"

/* The shared client (shou_platform_client_new with SHOU_TAOBAO_GATEWAY). */
typedef ShouPlatformClient ShouTaobaoClient;

/* Calls @method with @biz (the API's own parameters) for @shop_id with
 * @session, and returns the "<api>_response" object. Errors are
 * SHOU_PROTOCOL_ERROR, from TOP's error_response. (transfer full) */
JsonObject        *shou_taobao_client_call    (ShouTaobaoClient   *self,
                                               const char         *shop_id,
                                               const char         *method,
                                               const char         *session,
                                               ShouPlatformParams *biz,
                                               GError            **error);

/* A byte[] parameter of a TOP API (e.g. taobao.refund.refuse's
 * refuse_proof, taobao.refund.message.add's image). */
typedef struct
{
  const char *field;
  const char *name;          /* the file name sent in the part */
  const char *content_type;
  GBytes     *bytes;
} ShouTaobaoFile;

/* shou_taobao_client_call() with @file: the call goes as
 * multipart/form-data, the text parameters signed as usual and the file
 * left out of the sign, as TOP signs a byte[] parameter. (transfer full) */
JsonObject        *shou_taobao_client_call_file (ShouTaobaoClient     *self,
                                                 const char           *shop_id,
                                                 const char           *method,
                                                 const char           *session,
                                                 ShouPlatformParams   *biz,
                                                 const ShouTaobaoFile *file,
                                                 GError              **error);

/* The authorisation page (view=web) for @redirect_uri. (transfer full) */
char              *shou_taobao_oauth_url      (const char         *app_key,
                                               const char         *redirect_uri,
                                               const char         *state);
/* Exchanges @code (taobao.top.auth.token.create). (transfer full) */
ShouPlatformToken *shou_taobao_oauth_exchange (ShouTaobaoClient   *self,
                                               const char         *code,
                                               GError            **error);
/* taobao.top.auth.token.refresh. (transfer full) */
ShouPlatformToken *shou_taobao_oauth_refresh  (ShouTaobaoClient   *self,
                                               const char         *refresh_token,
                                               GError            **error);

G_END_DECLS
