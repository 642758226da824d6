/* shou-accounts.h: first run (welcome page), account dialog, and the bundled
 * demo simulator started as a child process. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "shou-welcome-page.h"
#include "shou-accounts-dialog.h"
#include "shou-demo-server.h"

G_BEGIN_DECLS

#define SHOU_ACCOUNTS_ERROR (shou_accounts_error_quark ())

/* Why an account cannot be used; every message is translated. */
typedef enum
{
  SHOU_ACCOUNTS_ERROR_INVALID_URL,
  SHOU_ACCOUNTS_ERROR_INSECURE_URL,    /* http:// to anything but this computer */
  SHOU_ACCOUNTS_ERROR_NO_TOKEN,
  SHOU_ACCOUNTS_ERROR_CANNOT_CONNECT,  /* refused, host not found, timeout */
  SHOU_ACCOUNTS_ERROR_CERTIFICATE,     /* TLS certificate not trusted */
  SHOU_ACCOUNTS_ERROR_TOKEN_REFUSED,   /* 401 / 403 */
  SHOU_ACCOUNTS_ERROR_NOT_API,         /* 404, HTML, JSON without "shops" */
  SHOU_ACCOUNTS_ERROR_SERVER,          /* 5xx */
} ShouAccountsError;

GQuark      shou_accounts_error_quark        (void);

/* Adds (or finds) the account for @url, with @token saved in the keyring.
 * An existing account with the same URL is reused when its stored token is
 * @token; the store's "accounts-changed" tells the sync engine. */
char       *shou_accounts_connect            (ShouStore            *store,
                                              const char           *url,
                                              const char           *token,
                                              const char           *label,
                                              GError              **error);
/* The same, when a connection test found @shops (element-type JsonObject,
 * nullable): a new token for an account's shops replaces the old one rather
 * than adding a second account, and the shops are saved at once. */
char       *shou_accounts_connect_with_shops (ShouStore            *store,
                                              const char           *url,
                                              const char           *token,
                                              const char           *label,
                                              GPtrArray            *shops,
                                              GError              **error);

/* Trims, adds https:// when no scheme is given, drops a trailing slash;
 * refuses http:// except for 127.0.0.1 and ::1 (not "localhost": a name
 * may resolve elsewhere).
 * Returns: (transfer full): the base URL, or %NULL with a translated error. */
char       *shou_accounts_normalize_url      (const char           *url,
                                              GError              **error);

/* GET /v1/shops with @token through ShouApiClient (TLS verified, no
 * redirects); its typed errors become SHOU_ACCOUNTS_ERRORs. Finishes with the shops
 * (element-type JsonObject, validated: "id", "platform", "name") or a
 * translated SHOU_ACCOUNTS_ERROR (or G_IO_ERROR_CANCELLED). */
void        shou_accounts_check_async        (const char           *url,
                                              const char           *token,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray  *shou_accounts_check_finish       (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
