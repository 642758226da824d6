/* shou-accounts.c: checking and saving an account (base URL + token).
 *
 * The token goes to the keyring only; it is sent in one header and never
 * logged or kept in the database.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/shou-core.h"
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

typedef struct
{
  ShouApiClient *client;
  char          *display;   /* host[:port] for messages */
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->client);
  g_free (data->display);
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
      g_task_return_error (task, classify_error (error, data->display));
      return;
    }

  /* The sidebar needs a name for every shop. */
  for (guint i = 0; i < shops->len; i++)
    if (json_object_get_string_member_with_default (g_ptr_array_index (shops, i), "name", NULL) == NULL)
      {
        g_task_return_error (task, not_api_error (data->display));
        return;
      }

  g_task_return_pointer (task, g_steal_pointer (&shops), (GDestroyNotify) g_ptr_array_unref);
}

void
shou_accounts_check_async (const char          *url,
                           const char          *token,
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
  g_task_set_source_tag (task, shou_accounts_check_async);

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
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  /* The same client the sync engine uses: TLS verified, no redirects
   * (one could carry the token to another host), typed errors. */
  data->client = shou_api_client_new (base, token, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, classify_error (error, data->display));
      return;
    }
  shou_api_client_set_timeout (data->client, CHECK_TIMEOUT_SECONDS);
  shou_api_client_get_shops_async (data->client, cancellable, on_shops_cb,
                                   g_steal_pointer (&task));
}

GPtrArray *
shou_accounts_check_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

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

char *
shou_accounts_connect_with_shops (ShouStore   *store,
                                  const char  *url,
                                  const char  *token,
                                  const char  *label,
                                  GPtrArray   *shops,
                                  GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *account_id = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean created = FALSE;

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

  /* One API may serve several merchants: the URL alone does not name an
   * account, the URL and the token (or its shops) do. */
  accounts = shou_store_list_accounts (store);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      JsonObject *account = g_ptr_array_index (accounts, i);
      const char *id = json_object_get_string_member_with_default (account, "id", NULL);

      if (id != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (account, "base_url", NULL), base) == 0 &&
          account_matches (store, id, token, shops))
        {
          account_id = g_strdup (id);
          break;
        }
    }

  if (account_id == NULL)
    {
      g_autofree char *fallback = NULL;

      if (label == NULL || *label == '\0')
        {
          g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

          fallback = g_strdup (uri != NULL ? g_uri_get_host (uri) : base);
          label = fallback;
        }

      if (!(account_id = shou_store_add_account (store, base, label, error)))
        return NULL;
      created = TRUE;
    }

  if (!shou_secrets_store_token (account_id, base, token, error))
    {
      /* An account without a token would only ever fail to sync. */
      if (created)
        shou_store_remove_account (store, account_id, NULL);
      return NULL;
    }

  /* A renewed token on a known account: the sync engine drops clients that
   * still hold the old one. */
  if (!created)
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
shou_accounts_connect (ShouStore   *store,
                       const char  *url,
                       const char  *token,
                       const char  *label,
                       GError     **error)
{
  return shou_accounts_connect_with_shops (store, url, token, label, NULL, error);
}
