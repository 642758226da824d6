/* shou-accounts.c: checking and saving an account (base URL + token).
 *
 * The token goes to the keyring only; it is sent in one header and never
 * logged or kept in the database.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/shou-core.h"
#include "store/shou-store-accounts.h"
#include "sync/shou-api-client.h"
#include "sync/shou-secrets.h"
#include "shou-accounts.h"

#define CHECK_TIMEOUT_SECONDS 15

G_DEFINE_QUARK (shou-accounts-error-quark, shou_accounts_error)

static const char insecure_message[] =
  N_("Use an https:// address: over plain http:// the token and your customers’ data could be read on the way. Plain http:// is allowed only for this computer’s own address (127.0.0.1 or ::1).");

char *
shou_accounts_normalize_url (const char  *url,
                             GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (url != NULL ? url : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_INVALID_URL,
                           _("Enter the address of the after-sales API, for example https://api.example.com."));
      return NULL;
    }

  if (strstr (text, "://") == NULL)
    with_scheme = g_strconcat ("https://", text, NULL);
  else
    with_scheme = g_strdup (text);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    {
      scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
      if (g_uri_get_host (uri) != NULL)
        host = g_ascii_strdown (g_uri_get_host (uri), -1);
    }

  if (uri == NULL || host == NULL || *host == '\0' ||
      (strcmp (scheme, "https") != 0 && strcmp (scheme, "http") != 0) ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_INVALID_URL,
                           _("This is not a web address. Enter the address of the after-sales API, for example https://api.example.com."));
      return NULL;
    }

  if (strcmp (scheme, "http") == 0 && !shou_api_is_loopback_host (host))
    {
      g_set_error_literal (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_INSECURE_URL,
                           _(insecure_message));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host,
                     g_uri_get_port (uri), path, NULL, NULL);
}

G_DEFINE_BOXED_TYPE (ShouAccountIdentity, shou_account_identity,
                     shou_account_identity_copy, shou_account_identity_free)

ShouAccountIdentity *
shou_account_identity_copy (const ShouAccountIdentity *identity)
{
  ShouAccountIdentity *copy = g_new0 (ShouAccountIdentity, 1);

  copy->shops = identity->shops != NULL ? g_ptr_array_ref (identity->shops) : NULL;
  copy->merchant_id = g_strdup (identity->merchant_id);
  copy->merchant_name = g_strdup (identity->merchant_name);
  copy->staff_id = g_strdup (identity->staff_id);
  copy->certificate_sha256 = g_strdup (identity->certificate_sha256);
  return copy;
}

void
shou_account_identity_free (ShouAccountIdentity *identity)
{
  if (identity == NULL)
    return;
  g_clear_pointer (&identity->shops, g_ptr_array_unref);
  g_free (identity->merchant_id);
  g_free (identity->merchant_name);
  g_free (identity->staff_id);
  g_free (identity->certificate_sha256);
  g_free (identity);
}

const char *
shou_accounts_get_display_label (JsonObject *account)
{
  if (account == NULL)
    return "";
  /* Stored in English, shown in the language of today. */
  if (json_object_get_boolean_member_with_default (account, "is_demo", FALSE) ||
      g_strcmp0 (json_object_get_string_member_with_default (account, "label", NULL),
                 SHOU_STORE_DEMO_LABEL) == 0)
    return _("Demo shops");
  return json_object_get_string_member_with_default (account, "label", "");
}

typedef struct
{
  ShouApiClient       *client;
  char                *display;   /* host[:port] for messages */
  gboolean             identity;  /* ask /v1/me too */
  ShouAccountIdentity *result;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->client);
  g_free (data->display);
  shou_account_identity_free (data->result);
  g_free (data);
}

static GError *
not_api_error (const char *display)
{
  return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_NOT_API,
                      _("%s does not answer like an after-sales API. Check that this is the API address, not the address of a web page."),
                      display);
}

/* The API client's typed errors, in the words of this dialog. */
static GError *
classify_error (const GError *error,
                const char   *display)
{
  const char *code;

  if (error->domain != SHOU_API_ERROR)
    return g_error_copy (error);

  code = shou_api_error_get_code (error);
  switch ((ShouApiError) error->code)
    {
    case SHOU_API_ERROR_CERTIFICATE:
      if (g_strcmp0 (code, "certificate_changed") == 0)
        return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CERTIFICATE_CHANGED,
                            _("The certificate of %s is not the one you trusted. Someone may be between this computer and the server; check the new certificate with the server’s owner before you trust it."),
                            display);
      if (g_strcmp0 (code, "not_tls") == 0)
        return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_NOT_API,
                            _("%s does not answer over https://. Check the address."),
                            display);
      if (g_strcmp0 (code, "tls_failed") == 0)
        return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CERTIFICATE,
                            _("A secure connection to %s could not be set up. Ask the provider of the API to check its certificate."),
                            display);
      return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CERTIFICATE,
                          _("The certificate of %s is not trusted, so Shouhou cannot be sure it is talking to the right server. Ask the provider of the API for a valid certificate."),
                          display);

    case SHOU_API_ERROR_NETWORK:
      if (g_strcmp0 (code, "timed_out") == 0)
        return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CANNOT_CONNECT,
                            _("%s did not answer in time. Check the address and your network connection, then try again."),
                            display);
      return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_CANNOT_CONNECT,
                          _("Cannot connect to %s. Check the address and your network connection, and that the service is running."),
                          display);

    case SHOU_API_ERROR_AUTH:
    case SHOU_API_ERROR_FORBIDDEN:
      return g_error_new_literal (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_TOKEN_REFUSED,
                                  _("The API refused this token. Check that it was copied completely and has not expired or been revoked."));

    case SHOU_API_ERROR_SERVER:
      return g_error_new (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_SERVER,
                          _("%s has a problem of its own. Try again later."),
                          display);

    case SHOU_API_ERROR_INSECURE:
      return g_error_new_literal (SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_INSECURE_URL,
                                  _(insecure_message));

    case SHOU_API_ERROR_NOT_FOUND:
    case SHOU_API_ERROR_CONFLICT:
    case SHOU_API_ERROR_NOT_ALLOWED:
    case SHOU_API_ERROR_BAD_REQUEST:
    case SHOU_API_ERROR_BAD_RESPONSE:
    default:
      return not_api_error (display);
    }
}

/* Ends the check with @api_error in this dialog's words, keeping the
 * fingerprint of an untrusted certificate for the finish function. */
static void
check_fail (GTask        *task,
            const GError *api_error)
{
  CheckData *data = g_task_get_task_data (task);
  const char *sha = api_error->domain == SHOU_API_ERROR
                    ? shou_api_error_get_certificate_sha256 (api_error) : NULL;

  if (sha != NULL)
    g_object_set_data_full (G_OBJECT (task), "certificate-sha256", g_strdup (sha), g_free);
  g_task_return_error (task, classify_error (api_error, data->display));
}

static void
on_me_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = NULL;
  const char *merchant;

  me = shou_api_client_get_json_finish (SHOU_API_CLIENT (source), result, &error);
  if (me == NULL)
    {
      /* A server from before /v1/me: the identity stays unknown and the
       * token or its shops tell accounts apart, as before. */
      if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NOT_FOUND))
        {
          g_task_return_pointer (task, g_steal_pointer (&data->result),
                                 (GDestroyNotify) shou_account_identity_free);
          return;
        }
      g_debug ("Account check of %s failed: %s", data->display, error->message);
      check_fail (task, error);
      return;
    }

  merchant = json_object_get_string_member_with_default (me, "merchant_id", NULL);
  if (merchant == NULL || *merchant == '\0')
    {
      g_task_return_error (task, not_api_error (data->display));
      return;
    }
  data->result->merchant_id = g_strdup (merchant);
  data->result->merchant_name = g_strdup (json_object_get_string_member_with_default (me, "merchant_name", NULL));
  data->result->staff_id = g_strdup (json_object_get_string_member_with_default (me, "staff_id", NULL));
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) shou_account_identity_free);
}

static void
on_shops_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shops = NULL;

  shops = shou_api_client_get_shops_finish (SHOU_API_CLIENT (source), result, &error);
  if (shops == NULL)
    {
      g_debug ("Account check of %s failed: %s", data->display, error->message);
      check_fail (task, error);
      return;
    }

  /* The sidebar needs a name for every shop. */
  for (guint i = 0; i < shops->len; i++)
    if (json_object_get_string_member_with_default (g_ptr_array_index (shops, i), "name", NULL) == NULL)
      {
        g_task_return_error (task, not_api_error (data->display));
        return;
      }

  data->result->shops = g_steal_pointer (&shops);
  if (!data->identity)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->result->shops),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* Who the token belongs to: the same merchant (and staff member) on the
   * same server is the same account. */
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    shou_api_client_get_json_async (data->client, "/v1/me", cancellable,
                                    on_me_cb, g_steal_pointer (&task));
  }
}

static void
check_start (const char          *url,
             const char          *token,
             const char          *trusted_sha256,
             gboolean             identity,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  CheckData *data;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!(base = shou_accounts_normalize_url (url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (token == NULL || *token == '\0' || strpbrk (token, " \t\r\n") != NULL)
    {
      g_task_return_new_error (task, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_NO_TOKEN,
                               _("Enter the API token, without spaces."));
      return;
    }

  uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  g_assert (uri != NULL);

  data = g_new0 (CheckData, 1);
  data->display = g_uri_get_port (uri) > 0
                  ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                  : g_strdup (g_uri_get_host (uri));
  data->identity = identity;
  data->result = g_new0 (ShouAccountIdentity, 1);
  data->result->certificate_sha256 = g_strdup (trusted_sha256);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  /* The same client the sync engine uses: TLS verified, no redirects
   * (one could carry the token to another host), typed errors. */
  data->client = shou_api_client_new (base, token, &error);
  if (data->client == NULL)
    {
      check_fail (task, error);
      return;
    }
  shou_api_client_set_trusted_certificate (data->client, trusted_sha256);
  shou_api_client_set_timeout (data->client, CHECK_TIMEOUT_SECONDS);
  shou_api_client_get_shops_async (data->client, cancellable, on_shops_cb,
                                   g_steal_pointer (&task));
}

void
shou_accounts_check_async (const char          *url,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  check_start (url, token, NULL, FALSE, shou_accounts_check_async,
               cancellable, callback, user_data);
}

GPtrArray *
shou_accounts_check_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_accounts_check_identity_async (const char          *url,
                                    const char          *token,
                                    const char          *trusted_sha256,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  check_start (url, token, trusted_sha256, TRUE, shou_accounts_check_identity_async,
               cancellable, callback, user_data);
}

ShouAccountIdentity *
shou_accounts_check_identity_finish (GAsyncResult  *result,
                                     char         **untrusted_sha256,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (untrusted_sha256 != NULL)
    *untrusted_sha256 = g_strdup (g_object_get_data (G_OBJECT (result), "certificate-sha256"));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
account_matches (ShouStore  *store,
                 const char *account_id,
                 const char *token,
                 GPtrArray  *shops)
{
  g_autofree char *stored = shou_secrets_lookup_token (account_id, NULL);
  g_autoptr(GPtrArray) known = NULL;

  if (stored != NULL && strcmp (stored, token) == 0)
    return TRUE;
  if (shops == NULL)
    return FALSE;

  /* A new token for shops this account already has: the token was renewed. */
  known = shou_store_list_shops (store);
  for (guint i = 0; known != NULL && i < known->len; i++)
    {
      JsonObject *shop = g_ptr_array_index (known, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (shop, "account_id", NULL), account_id) != 0)
        continue;
      for (guint j = 0; j < shops->len; j++)
        if (g_strcmp0 (json_object_get_string_member_with_default (shop, "id", NULL),
                       json_object_get_string_member_with_default (g_ptr_array_index (shops, j), "id", "")) == 0)
          return TRUE;
    }

  return FALSE;
}

/* An account at @base the old way, for accounts saved before identities
 * (or a server without /v1/me): its token or one of its shops. */
static char *
find_unidentified (ShouStore  *store,
                   const char *base,
                   const char *token,
                   GPtrArray  *shops)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const char *id = json_object_get_string_member_with_default (accounts->pdata[i], "id", NULL);
      g_autoptr(JsonObject) account = shou_store_get_account (store, id);

      if (account == NULL ||
          json_object_get_boolean_member_with_default (account, "is_demo", FALSE) ||
          json_object_get_string_member_with_default (account, "merchant_id", NULL) != NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (account, "base_url", NULL), base) != 0)
        continue;
      if (account_matches (store, id, token, shops))
        return g_strdup (id);
    }
  return NULL;
}

char *
shou_accounts_save (ShouStore                  *store,
                    const char                 *url,
                    const char                 *token,
                    const char                 *label,
                    const ShouAccountIdentity  *identity,
                    ShouAccountsSaveFlags       flags,
                    GError                    **error)
{
  g_autofree char *base = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(JsonObject) account = NULL;
  GPtrArray *shops = identity != NULL ? identity->shops : NULL;
  const char *merchant = identity != NULL ? identity->merchant_id : NULL;
  const char *staff = identity != NULL ? identity->staff_id : NULL;
  gboolean demo = (flags & SHOU_ACCOUNTS_SAVE_DEMO) != 0;
  gboolean created = FALSE;
  gboolean changed = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(base = shou_accounts_normalize_url (url, error)))
    return NULL;

  if (token == NULL || *token == '\0' || strpbrk (token, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_NO_TOKEN,
                           _("Enter the API token, without spaces."));
      return NULL;
    }

  /* The demo is one account, whatever port its simulator got this time.
   * Any other account is its URL plus the identity the server reported;
   * a different merchant or staff member is a different account. */
  if (demo)
    account_id = shou_store_find_demo_account (store);
  else if (merchant != NULL)
    account_id = shou_store_find_account (store, base, merchant, staff);
  if (account_id == NULL && !demo)
    account_id = find_unidentified (store, base, token, shops);

  if (account_id == NULL)
    {
      if (label == NULL || *label == '\0')
        {
          g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

          if (identity != NULL && identity->merchant_name != NULL && *identity->merchant_name != '\0')
            fallback = g_strdup (identity->merchant_name);
          else
            fallback = g_strdup (uri != NULL ? g_uri_get_host (uri) : base);
          label = fallback;
        }

      /* The token first: the sync that the new account starts must find
       * it (a missing token would show, for a moment, as one). */
      new_id = g_uuid_string_random ();
      if (!shou_secrets_store_token (new_id, base, token, error))
        return NULL;
      if (!(account_id = shou_store_add_account_full (store, new_id, base, label, merchant, staff, demo, error)))
        {
          shou_secrets_clear_token (new_id, NULL);
          return NULL;
        }
      created = TRUE;
    }
  else if (!shou_secrets_store_token (account_id, base, token, error))
    return NULL;

  if (!created)
    {
      g_autoptr(GError) local_error = NULL;

      account = shou_store_get_account (store, account_id);
      if (demo && g_strcmp0 (json_object_get_string_member_with_default (account, "base_url", NULL), base) != 0 &&
          !shou_store_set_account_base_url (store, account_id, base, &local_error))
        g_warning ("Could not move the demo account to %s: %s", base, local_error->message);
      g_clear_error (&local_error);
      if (merchant != NULL &&
          (g_strcmp0 (json_object_get_string_member_with_default (account, "merchant_id", NULL), merchant) != 0 ||
           g_strcmp0 (json_object_get_string_member_with_default (account, "staff_id", NULL), staff) != 0) &&
          !shou_store_set_account_identity (store, account_id, merchant, staff, &local_error))
        g_warning ("Could not save who the account is: %s", local_error->message);
      changed = TRUE;
    }

  /* A certificate the seller confirmed for this server. */
  if (identity != NULL && identity->certificate_sha256 != NULL &&
      (account == NULL ||
       g_strcmp0 (json_object_get_string_member_with_default (account, "cert_sha256", NULL),
                  identity->certificate_sha256) != 0))
    {
      if (!shou_store_set_account_certificate (store, account_id, identity->certificate_sha256, error))
        return NULL;
      changed = FALSE;   /* that emitted "accounts-changed" */
    }

  /* A renewed token on a known account: the sync engine drops clients that
   * still hold the old one. */
  if (changed)
    g_signal_emit_by_name (store, "accounts-changed");

  /* The sidebar shows the shops at once, before the first sync. */
  if (shops != NULL && shops->len > 0)
    {
      g_autoptr(GError) shops_error = NULL;

      if (!shou_store_upsert_shops (store, account_id, shops, &shops_error))
        g_warning ("Could not save the shops of the new account: %s", shops_error->message);
    }

  return g_steal_pointer (&account_id);
}

char *
shou_accounts_connect_with_shops (ShouStore   *store,
                                  const char  *url,
                                  const char  *token,
                                  const char  *label,
                                  GPtrArray   *shops,
                                  GError     **error)
{
  ShouAccountIdentity identity = { .shops = shops };

  return shou_accounts_save (store, url, token, label, &identity, 0, error);
}

char *
shou_accounts_connect (ShouStore   *store,
                       const char  *url,
                       const char  *token,
                       const char  *label,
                       GError     **error)
{
  return shou_accounts_save (store, url, token, label, NULL, 0, error);
}

typedef struct
{
  ShouStore             *store;
  char                  *url;
  char                  *token;
  char                  *label;
  ShouAccountsSaveFlags  flags;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  g_clear_object (&data->store);
  g_free (data->url);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data->label);
  g_free (data);
}

static void
on_connect_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(ShouAccountIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  char *account_id;

  identity = shou_accounts_check_identity_finish (result, NULL, &error);
  if (identity == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  account_id = shou_accounts_save (data->store, data->url, data->token, data->label,
                                   identity, data->flags, &error);
  if (account_id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account_id, g_free);
}

void
shou_accounts_connect_async (ShouStore             *store,
                             const char            *url,
                             const char            *token,
                             const char            *label,
                             ShouAccountsSaveFlags  flags,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ConnectData *data;

  g_return_if_fail (SHOU_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_accounts_connect_async);
  data = g_new0 (ConnectData, 1);
  data->store = g_object_ref (store);
  data->url = g_strdup (url);
  data->token = g_strdup (token);
  data->label = g_strdup (label);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);

  shou_accounts_check_identity_async (url, token, NULL, cancellable,
                                      on_connect_checked_cb, g_steal_pointer (&task));
}

char *
shou_accounts_connect_finish (ShouStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
