/* shou-platform-session.h: a shop's authorisation as every adapter uses
 * it: the stored token, refreshed through the platform's own call before it
 * expires; a shop whose session expired is marked lapsed (the seller must
 * authorise it again) and shows so in GET /v1/shops. */
#pragma once

#include "hub/platforms/shou-platform-tokens.h"

G_BEGIN_DECLS

/* The platform's refresh call for @refresh_token. (transfer full) */
typedef ShouPlatformToken *(*ShouPlatformRefreshFunc) (gpointer     user_data,
                                                       const char  *refresh_token,
                                                       gint64       now_unix,
                                                       GError     **error);

typedef struct
{
  ShouPlatformTokens      *tokens;
  const char              *platform;       /* for the log: "Pinduoduo", "Taobao" */
  gint64                   refresh_ahead;  /* seconds before expiry a token is refreshed */
  ShouPlatformRefreshFunc  refresh;
  gpointer                 user_data;
} ShouPlatformSession;

/* The shop's usable access token, refreshed when due; %NULL when the shop
 * has none or its authorisation lapsed (then marked so). (transfer full) */
char       *shou_platform_session_token      (const ShouPlatformSession *session,
                                              const char                *shop_id,
                                              gint64                     now_unix);
/* Marks @shop_id lapsed when @error says its session expired. */
void        shou_platform_session_note_error (const ShouPlatformSession *session,
                                              const char                *shop_id,
                                              const GError              *error);
/* "authorised", "lapsed" (the seller must authorise again) or "none". */
const char *shou_platform_session_state      (const ShouPlatformSession *session,
                                              const char                *shop_id);
/* Stores @token for @shop_id (after an authorisation, or set at setup). */
gboolean    shou_platform_session_put        (const ShouPlatformSession *session,
                                              const char                *shop_id,
                                              const char                *access_token,
                                              const char                *refresh_token,
                                              gint64                     expires_at,
                                              GError                   **error);

/* The platform's exchange of an authorisation code. (transfer full) */
typedef ShouPlatformToken *(*ShouPlatformExchangeFunc) (gpointer     user_data,
                                                        const char  *code,
                                                        GError     **error);

/* The message of the SHOU_PROTOCOL_ERROR_BAD_REQUEST error when nothing
 * pasted holds a code (the route tells it apart from a refused code). */
#define SHOU_PLATFORM_NO_CODE_MESSAGE "No authorisation code in what was pasted"

/* Finds the code in what the seller pasted (shou_platform_code_from_paste),
 * exchanges it through @exchange and stores the shop's new tokens. */
gboolean    shou_platform_session_authorise  (const ShouPlatformSession *session,
                                              const char                *shop_id,
                                              const char                *pasted,
                                              ShouPlatformExchangeFunc   exchange,
                                              gpointer                   user_data,
                                              GError                   **error);

/* @page?response_type=code&client_id=…&redirect_uri=…&state=…&view=web:
 * the OAuth 2 authorisation page as Taobao and Pinduoduo both lay it out.
 * (transfer full) */
char       *shou_platform_oauth_url          (const char *page,
                                              const char *client_id,
                                              const char *redirect_uri,
                                              const char *state);
/* The code in what the seller pasted: a bare code, or the redirect URL with
 * ?code=. (transfer full) (nullable) */
char       *shou_platform_code_from_paste    (const char *pasted);

G_END_DECLS
