/* shou-platform-config.h: which upstream shouhou-hub serves, from its
 * configuration file (README "The hub"):
 *
 *   [platform]
 *   kind = pdd | taobao             (absent or "simulated": the simulator)
 *   client-id = …
 *   client-secret-file = pdd.secret
 *   token-key-file = token.key      (32 bytes or 64 hex digits)
 *   token-store = pdd-tokens.enc    (default, beside the configuration)
 *   checkpoint-file = pdd-checkpoints.ini
 *   endpoint = https://gw-api.pinduoduo.com/api/router
 *   pull-from-hours = 24            (how far back a new shop's first pull reads)
 *   redirect-uri = https://…        (the app's registered redirect URL, for
 *                                    the desktop's 授权店铺)
 *
 *   [shop ID]
 *   merchant = MERCHANT-ID
 *   platform = pdd                  (kind taobao: taobao or tmall)
 *   name = …
 *   access-token-file = …           (optional: a token obtained elsewhere)
 *
 * Paths are relative to the configuration file; secrets are files. */
#pragma once

#include "hub/shou-hub-platform.h"

G_BEGIN_DECLS

/* The configured platform adapter, with its shops added to @store, or
 * %NULL: with @error on a mistake, without when the simulator is meant. */
ShouHubPlatform *shou_platform_config_create (GKeyFile      *file,
                                              const char    *config_path,
                                              ShouHubStore  *store,
                                              GError       **error);

/* The configured redirect-uri of @platform (nullable), or %NULL. */
const char      *shou_platform_config_get_redirect_uri (ShouHubPlatform *platform);

G_END_DECLS
