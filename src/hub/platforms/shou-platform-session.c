/* shou-platform-session.c: a shop's authorisation, refreshed or lapsed. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-platform-session.h"

void
shou_platform_session_note_error (const ShouPlatformSession *session,
                                  const char                *shop_id,
                                  const GError              *error)
{
  g_autoptr(GError) local = NULL;

  if (!g_error_matches (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED))
    return;
  g_message ("%s shop %s: authorisation lapsed (%s); the seller must authorise again",
             session->platform, shop_id, error->message);
  if (!shou_platform_tokens_set_lapsed (session->tokens, shop_id, &local))
    g_warning ("%s shop %s: %s", session->platform, shop_id, local->message);
}

char *
shou_platform_session_token (const ShouPlatformSession *session,
                             const char                *shop_id,
                             gint64                     now)
{
  g_autoptr(ShouPlatformToken) token = shou_platform_tokens_get (session->tokens, shop_id);
  g_autoptr(ShouPlatformToken) fresh = NULL;
  g_autoptr(GError) error = NULL;

  if (token == NULL || token->lapsed || token->access_token == NULL)
    return NULL;
  if (token->expires_at > now + session->refresh_ahead)
    return g_strdup (token->access_token);
  if (token->refresh_token != NULL &&
      (token->refresh_expires_at == 0 || token->refresh_expires_at > now))
    fresh = session->refresh (session->user_data, token->refresh_token, now, &error);
  if (fresh != NULL && shou_platform_tokens_put (session->tokens, shop_id, fresh, &error))
    return g_strdup (fresh->access_token);
  if (token->expires_at > now && (error == NULL ||
                                  !g_error_matches (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED)))
    return g_strdup (token->access_token);  /* refresh failed for now; the old one still works */
  if (error == NULL)
    error = g_error_new (SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED, "token expired");
  else if (error->domain == SHOU_PROTOCOL_ERROR)
    error->code = SHOU_PROTOCOL_ERROR_SESSION_EXPIRED;
  shou_platform_session_note_error (session, shop_id, error);
  return NULL;
}

const char *
shou_platform_session_state (const ShouPlatformSession *session,
                             const char                *shop_id)
{
  g_autoptr(ShouPlatformToken) token = shou_platform_tokens_get (session->tokens, shop_id);

  return token == NULL ? "none" : token->lapsed ? "lapsed" : "authorised";
}

gboolean
shou_platform_session_put (const ShouPlatformSession *session,
                           const char                *shop_id,
                           const char                *access_token,
                           const char                *refresh_token,
                           gint64                     expires_at,
                           GError                   **error)
{
  ShouPlatformToken token = {
    .access_token = (char *) access_token,
    .refresh_token = (char *) refresh_token,
    .expires_at = expires_at,
  };

  return shou_platform_tokens_put (session->tokens, shop_id, &token, error);
}

char *
shou_platform_oauth_url (const char *page,
                         const char *client_id,
                         const char *redirect_uri,
                         const char *state)
{
  g_autofree char *id = g_uri_escape_string (client_id, NULL, FALSE);
  g_autofree char *uri = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *st = g_uri_escape_string (state ? state : "", NULL, FALSE);

  return g_strdup_printf ("%s?response_type=code&client_id=%s&redirect_uri=%s&state=%s&view=web",
                          page, id, uri, st);
}

char *
shou_platform_code_from_paste (const char *pasted)
{
  g_autofree char *text = g_strstrip (g_strdup (pasted ? pasted : ""));
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  const char *code;

  if (*text == '\0')
    return NULL;
  if (strchr (text, '?') == NULL && strchr (text, '=') == NULL)
    return g_steal_pointer (&text);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));
  else if (uri == NULL)
    query = soup_form_decode (strchr (text, '?') ? strchr (text, '?') + 1 : text);
  code = query ? g_hash_table_lookup (query, "code") : NULL;
  return code && *code ? g_strdup (code) : NULL;
}

gboolean
shou_platform_session_authorise (const ShouPlatformSession *session,
                                 const char                *shop_id,
                                 const char                *pasted,
                                 ShouPlatformExchangeFunc   exchange,
                                 gpointer                   user_data,
                                 GError                   **error)
{
  g_autofree char *code = shou_platform_code_from_paste (pasted);
  g_autoptr(ShouPlatformToken) token = NULL;

  if (code == NULL)
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                           SHOU_PLATFORM_NO_CODE_MESSAGE);
      return FALSE;
    }
  token = exchange (user_data, code, error);
  return token != NULL && shou_platform_tokens_put (session->tokens, shop_id, token, error);
}
