/* shou-pdd-oauth.h: a shop's authorisation of the app. The seller opens
 * the authorisation page, Pinduoduo redirects to the app's registered URL
 * with ?code=…, and the seller pastes that code (or the whole URL) into the
 * hub, which exchanges it (pdd.pop.auth.token.create) and later refreshes
 * it (pdd.pop.auth.token.refresh) before it expires. */
#pragma once

#include "hub/platforms/shou-platform-tokens.h"
#include "shou-pdd-client.h"

G_BEGIN_DECLS

#define SHOU_PDD_AUTH_PAGE "https://fuwu.pinduoduo.com/service-market/auth"

/* The merchant authorisation page (view=web) for @redirect_uri. (transfer full) */
char              *shou_pdd_oauth_url           (const char     *client_id,
                                                 const char     *redirect_uri,
                                                 const char     *state);
/* The code in what the seller pasted: a bare code, or a URL with ?code=.
 * (transfer full) (nullable) */
char              *shou_pdd_oauth_code_from_paste (const char   *pasted);
/* Exchanges @code; the client's clock gives expires_at when the answer
 * only has expires_in. (transfer full) */
ShouPlatformToken *shou_pdd_oauth_exchange      (ShouPddClient  *client,
                                                 const char     *code,
                                                 GError        **error);
ShouPlatformToken *shou_pdd_oauth_refresh       (ShouPddClient  *client,
                                                 const char     *refresh_token,
                                                 GError        **error);

G_END_DECLS
