/* shou-pdd-client.h: signed calls to Pinduoduo's gateway (POST form to
 * https://gw-api.pinduoduo.com/api/router) through the shared gateway
 * client (shou-platform-client: spacing per app and shop, flow-control and
 * unavailable answers retried after a growing wait, a bounded number of
 * times); this file only signs and reads Pinduoduo's envelope. */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/shou-platform-client.h"

G_BEGIN_DECLS

#define SHOU_PDD_GATEWAY "https://gw-api.pinduoduo.com/api/router"

/* The shared client (shou_platform_client_new with SHOU_PDD_GATEWAY). */
typedef ShouPlatformClient ShouPddClient;

/* Calls @type with @biz (business parameters; the common ones and the
 * sign are added to a copy) and returns the answer's @response_key
 * member, or the whole answer when @response_key is %NULL. Errors are
 * SHOU_PROTOCOL_ERROR. (transfer full) */
JsonObject    *shou_pdd_client_call     (ShouPddClient  *self,
                                         const char     *shop_id,
                                         const char     *type,
                                         const char     *access_token,
                                         ShouPlatformParams *biz,
                                         const char     *response_key,
                                         GError        **error);

G_END_DECLS
