/* shou-accounts.h: checking and saving an account (base URL + token), its
 * identity and errors. The welcome page, the accounts dialog and the demo
 * server have their own headers. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "store/shou-store.h"

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
  SHOU_ACCOUNTS_ERROR_CERTIFICATE_CHANGED, /* not the certificate trusted before */
} ShouAccountsError;

/* What a connection test learnt: the token's shops and who the server says
 * the token belongs to (GET /v1/me; all NULL for a server without it). */
typedef struct
{
  GPtrArray *shops;               /* (element-type JsonObject) (nullable) */
  char      *merchant_id;
  char      *merchant_name;
  char      *staff_id;            /* NULL until teams exist */
  char      *certificate_sha256;  /* the self-signed certificate trusted for it */
} ShouAccountIdentity;

#define SHOU_TYPE_ACCOUNT_IDENTITY (shou_account_identity_get_type ())
GType                shou_account_identity_get_type (void) G_GNUC_CONST;
ShouAccountIdentity *shou_account_identity_copy     (const ShouAccountIdentity *identity);
void                 shou_account_identity_free     (ShouAccountIdentity       *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAccountIdentity, shou_account_identity_free)

typedef enum
{
  SHOU_ACCOUNTS_SAVE_DEMO = 1 << 0,   /* the one demo account, whatever its URL */
} ShouAccountsSaveFlags;

GQuark      shou_accounts_error_quark        (void);

/* The label to show: the demo's in today's language, else the stored one. */
const char *shou_accounts_get_display_label  (JsonObject           *account);

/* Saves @token for the account at @url that @identity names: the same URL,
 * merchant and staff member update the token of the account they already
 * have; another merchant or staff member is another account. Without an
 * identity (or a merchant in it), an account of the same URL with that
 * token or one of @identity's shops is the same. With
 * SHOU_ACCOUNTS_SAVE_DEMO, the demo account (created once) gets @url.
 * @identity's shops are saved at once, its certificate is trusted.
 * Returns: (transfer full): the account id. */
char       *shou_accounts_save               (ShouStore                  *store,
                                              const char                 *url,
                                              const char                 *token,
                                              const char                 *label,
                                              const ShouAccountIdentity  *identity,
                                              ShouAccountsSaveFlags       flags,
                                              GError                    **error);
/* Tests @url and @token (shops and /v1/me), then saves as above. */
void        shou_accounts_connect_async      (ShouStore             *store,
                                              const char            *url,
                                              const char            *token,
                                              const char            *label,
                                              ShouAccountsSaveFlags  flags,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
char       *shou_accounts_connect_finish     (ShouStore             *store,
                                              GAsyncResult          *result,
                                              GError               **error);

/* Adds (or finds) the account for @url, with @token saved in the keyring,
 * without asking the server (shou_accounts_save without an identity). */
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
/* The same, then GET /v1/me. A certificate whose SHA-256 is
 * @trusted_sha256 is accepted although no authority vouches for it. On a
 * certificate error, *@untrusted_sha256 is the server's certificate's
 * SHA-256 (for the seller to compare and trust). */
void        shou_accounts_check_identity_async (const char         *url,
                                              const char           *token,
                                              const char           *trusted_sha256,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
ShouAccountIdentity *
            shou_accounts_check_identity_finish (GAsyncResult      *result,
                                              char                **untrusted_sha256,
                                              GError              **error);

G_END_DECLS
