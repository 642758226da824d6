#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "core/shou-json-check.h"
#include "shou-api-client.h"
#include "shou-api-decode.h"
#include "shou-api-fetch.h"
#include "shou-api-error.h"
#include "shou-api-errors.h"

char *
shou_api_certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

char *
shou_api_format_fingerprint (const char *sha256)
{
  GString *text;

  if (sha256 == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (gsize i = 0; sha256[i] != '\0'; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (text, ':');
      g_string_append_c (text, g_ascii_toupper (sha256[i]));
    }
  return g_string_free (text, FALSE);
}

struct _ShouApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base_uri;
  char        *base_url;
  char        *authorization;
  char        *trusted_sha256;  /* a certificate the seller trusted, or NULL */
  gint64       clock_offset;
  ShouApiTimeouts timeouts;
};

G_DEFINE_TYPE (ShouApiClient, shou_api_client, G_TYPE_OBJECT)

static void
shou_api_client_finalize (GObject *object)
{
  ShouApiClient *self = (ShouApiClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  /* The token is a secret: do not leave it in freed memory. */
  if (self->authorization)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_free (self->trusted_sha256);

  G_OBJECT_CLASS (shou_api_client_parent_class)->finalize (object);
}

static void
shou_api_client_class_init (ShouApiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shou_api_client_finalize;
}

static void
shou_api_client_init (ShouApiClient *self)
{
  self->timeouts.connect_s = SHOU_API_CONNECT_TIMEOUT_S;
  self->timeouts.header_s = SHOU_API_HEADER_TIMEOUT_S;
  self->timeouts.total_s = SHOU_API_TOTAL_TIMEOUT_S;
}

/* Addresses only, not "localhost": a name goes through the resolver (and
 * /etc/hosts), which may send it to another machine. */
gboolean
shou_api_is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0;
}

ShouApiClient *
shou_api_client_new (const char  *base_url,
                     const char  *token,
                     GError     **error)
{
  g_autoptr(ShouApiClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_REQUEST,
                   _("“%s” is not a web address"), base_url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && shou_api_is_loopback_host (g_uri_get_host (uri))))
    {
      g_set_error (error, SHOU_API_ERROR, SHOU_API_ERROR_INSECURE,
                   _("Refusing to send the shop’s data unencrypted to %s: use an https:// address"),
                   g_uri_get_host (uri));
      return NULL;
    }

  self = g_object_new (SHOU_TYPE_API_CLIENT, NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  if (token)
    self->authorization = g_strconcat ("Bearer ", token, NULL);
  /* TLS certificates are verified by default in libsoup 3; nothing here
   * turns that off. */
  /* Connections: the sync engine keeps up to 16 agreements in flight
   * (so that a hub can group them), and a pull beside them. */
  self->session = soup_session_new_with_options ("timeout", 30,
                                                 "idle-timeout", 60,
                                                 "max-conns", 24,
                                                 "max-conns-per-host", 20,
                                                 "user-agent", "Shouhou/" PACKAGE_VERSION,
                                                 NULL);
  return g_steal_pointer (&self);
}

const char *
shou_api_client_get_base_url (ShouApiClient *self)
{
  g_return_val_if_fail (SHOU_IS_API_CLIENT (self), NULL);
  return self->base_url;
}

void
shou_api_client_set_timeout (ShouApiClient *self,
                             guint          seconds)
{
  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
  /* @seconds bounds the whole exchange; each stage gets no more. */
  self->timeouts.total_s = seconds > 0 ? seconds : SHOU_API_TOTAL_TIMEOUT_S;
  self->timeouts.header_s = MIN (SHOU_API_HEADER_TIMEOUT_S, self->timeouts.total_s);
  self->timeouts.connect_s = MIN (SHOU_API_CONNECT_TIMEOUT_S, self->timeouts.total_s);
}

void
shou_api_client_set_trusted_certificate (ShouApiClient *self,
                                         const char    *sha256)
{
  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  g_free (self->trusted_sha256);
  self->trusted_sha256 = sha256 != NULL && *sha256 != '\0' ? g_ascii_strdown (sha256, -1) : NULL;
}

gint64
shou_api_client_get_clock_offset (ShouApiClient *self)
{
  g_return_val_if_fail (SHOU_IS_API_CLIENT (self), 0);
  return self->clock_offset;
}

/* ---- requests ---------------------------------------------------------- */

typedef gpointer (*DecodeFunc) (GBytes *bytes, GError **error);

typedef struct
{
  SoupMessage          *msg;
  DecodeFunc            decode;
  GDestroyNotify        free_result;
  GBytes               *body;
  gboolean              empty_ok;
  gsize                 max_bytes;
  guint                 max_changes;  /* a change page: the limit asked for */
  GTlsCertificateFlags  tls_errors;   /* why the certificate was refused */
  char                 *peer_sha256;  /* of the refused certificate */
  char                 *trusted_sha256;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->peer_sha256);
  g_free (call->trusted_sha256);
  g_free (call);
}

/* Before json-glib builds a tree (it recurses once per level): strict
 * nesting depth, and for a change page no more changes than asked for. */
static gboolean
prescan (GBytes  *body,
         guint    max_changes,
         GError **error)
{
  ShouJsonCheckLimits limits = { 0, TRUE, max_changes > 0 ? "changes" : NULL, max_changes };
  g_autoptr(GError) local = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  GError *result;

  if (length == 0 || shou_json_check (data, length, &limits, NULL, &local))
    return TRUE;
  g_debug ("Refused answer: %s", local->message);
  if (g_error_matches (local, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_TOO_MANY))
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                    _("The server sent more changes than were asked for. Nothing of them was saved."));
      shou_api_error_set_code (result, "too_many_changes");
    }
  else if (g_error_matches (local, SHOU_JSON_CHECK_ERROR, SHOU_JSON_CHECK_ERROR_DEPTH))
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                    _("The server’s answer is nested too deeply to be read safely. Nothing of it was saved."));
      shou_api_error_set_code (result, "too_deep");
    }
  else
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                    _("The server’s answer is not valid JSON. Nothing of it was saved."));
      shou_api_error_set_code (result, "bad_json");
    }
  g_propagate_error (error, result);
  return FALSE;
}

static void
set_status_error (GError      **error,
                  guint         status,
                  GBytes       *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;
  gint64 current_version = -1;
  ShouApiError kind;

  /* An error body is read only in part, and decoded only when safe. */
  if (prescan (body, 0, NULL))
    shou_api_decode_error (body, &code, &message, &reason, &current_version);

  if (status == 401)
    kind = SHOU_API_ERROR_AUTH;
  else if (status == 403)
    kind = SHOU_API_ERROR_FORBIDDEN;
  else if (status == 404)
    kind = SHOU_API_ERROR_NOT_FOUND;
  else if (status == 409)
    kind = SHOU_API_ERROR_CONFLICT;
  else if (status == 422)
    kind = SHOU_API_ERROR_NOT_ALLOWED;
  else if (status == 400 || status == 413 || status == 415)
    kind = SHOU_API_ERROR_BAD_REQUEST;
  else if (status >= 500)
    kind = SHOU_API_ERROR_SERVER;
  else
    kind = SHOU_API_ERROR_BAD_RESPONSE;

  /* The server's message is English for developers: the log gets it, the
   * seller reads the translated text for its code. */
  if (message != NULL)
    g_debug ("HTTP %u %s: %s", status, code ? code : "", message);
  g_clear_pointer (&message, g_free);
  if (code != NULL)
    message = shou_api_error_describe (code, reason);
  else
    {
      switch (kind)
        {
        case SHOU_API_ERROR_AUTH:
          message = g_strdup (_("The server refused the API token"));
          break;
        case SHOU_API_ERROR_SERVER:
          message = g_strdup_printf (_("The server had a problem (HTTP %u)"), status);
          break;
        case SHOU_API_ERROR_NETWORK:
        case SHOU_API_ERROR_FORBIDDEN:
        case SHOU_API_ERROR_NOT_FOUND:
        case SHOU_API_ERROR_CONFLICT:
        case SHOU_API_ERROR_NOT_ALLOWED:
        case SHOU_API_ERROR_BAD_REQUEST:
        case SHOU_API_ERROR_BAD_RESPONSE:
        case SHOU_API_ERROR_INSECURE:
        case SHOU_API_ERROR_CERTIFICATE:
        default:
          message = g_strdup_printf (_("The server answered HTTP %u"), status);
          break;
        }
    }

  g_set_error_literal (error, SHOU_API_ERROR, kind, message);
  if (error != NULL && *error != NULL)
    shou_api_error_set_details (*error, code, reason, current_version);
  if (error != NULL && *error != NULL && g_strcmp0 (code, "claimed") == 0)
    {
      g_autofree char *staff_id = NULL;
      g_autofree char *name = NULL;

      if (shou_api_decode_error_holder (body, &staff_id, &name))
        shou_api_error_set_holder (*error, staff_id, name);
    }
}

/* libsoup asks before refusing a certificate: accept only the one the
 * seller trusted, byte for byte (its SHA-256); else remember why, and
 * refuse. */
static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          Call                 *call)
{
  g_free (call->peer_sha256);
  call->peer_sha256 = shou_api_certificate_sha256 (certificate);
  if (call->trusted_sha256 != NULL && call->peer_sha256 != NULL &&
      g_str_equal (call->trusted_sha256, call->peer_sha256))
    return TRUE;
  call->tls_errors = errors;
  return FALSE;
}

static GError *
tls_error_new (const GError         *error,
               GTlsCertificateFlags  flags,
               const char           *peer_sha256,
               const char           *trusted_sha256)
{
  const char *code;
  const char *why;
  GError *result;

  /* The seller trusted one certificate and the server now shows another:
   * someone may be in between. Nothing goes until the seller looks. */
  if (trusted_sha256 != NULL && peer_sha256 != NULL && flags != 0)
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE,
                                    _("The server’s certificate has changed since you trusted it. Shouhou sends nothing to this server until you check the new certificate."));
      shou_api_error_set_code (result, "certificate_changed");
      shou_api_error_set_certificate_sha256 (result, peer_sha256);
      return result;
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE,
                                    _("The server does not answer over a secure connection (https://). Check the address."));
      shou_api_error_set_code (result, "not_tls");
      return result;
    }

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      code = "unknown_ca";
      why = _("it is self-signed or comes from an unknown authority");
    }
  else if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      code = "bad_identity";
      why = _("it was issued for another address");
    }
  else if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    {
      code = "expired";
      why = _("it has expired or is not valid yet");
    }
  else if (flags & G_TLS_CERTIFICATE_REVOKED)
    {
      code = "revoked";
      why = _("it has been revoked");
    }
  else if (flags != 0)
    {
      code = "insecure";
      why = _("it is not safe enough");
    }
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      code = "unknown_ca";
      why = _("it could not be verified");
    }
  else
    {
      g_debug ("TLS failed: %s", error->message);
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE,
                                    _("A secure connection to the server could not be set up. Ask the API provider to check its certificate."));
      shou_api_error_set_code (result, "tls_failed");
      return result;
    }

  /* Translators: %s says why, e.g. "it was issued for another address" */
  result = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_CERTIFICATE,
                        _("The server’s certificate is not trusted: %s. Shouhou sends nothing to this server until the API provider installs a valid certificate."),
                        why);
  shou_api_error_set_code (result, code);
  shou_api_error_set_certificate_sha256 (result, peer_sha256);
  return result;
}

static GError *
transport_error_new (const GError *error,
                     const Call   *call)
{
  GError *result;
  const char *why;

  if (error->domain == G_TLS_ERROR)
    return tls_error_new (error, call->tls_errors, call->peer_sha256, call->trusted_sha256);

  /* GLib's and libsoup's messages may be English: the log gets them, the
   * seller a translated summary. */
  g_debug ("Transport error: %s", error->message);
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                _("The server’s answer is not HTTP."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      result = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                    _("The server’s answer is too large to be read safely. Nothing of it was saved."));
      shou_api_error_set_code (result, "too_large");
      return result;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    why = _("it did not answer in time");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    why = _("it refused the connection");
  else if (error->domain == G_RESOLVER_ERROR)
    why = _("its address was not found");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    why = _("the network is unreachable");
  else
    why = _("the connection broke off");
  /* Translators: %s says why, e.g. "it refused the connection" */
  result = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_NETWORK,
                        _("Could not reach the server: %s"), why);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    shou_api_error_set_code (result, "timed_out");
  return result;
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result;

  if (!prescan (call->body, call->max_changes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  result = call->decode (call->body, &error);

  if (result == NULL && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, call->free_result);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShouApiClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers;
  const char *date;
  guint status;

  body = shou_api_fetch_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, transport_error_new (error, call));
      return;
    }

  headers = soup_message_get_response_headers (call->msg);
  date = soup_message_headers_get_one (headers, "Date");
  if (date != NULL)
    {
      g_autoptr(GDateTime) dt = soup_date_time_new_from_http_string (date);
      if (dt != NULL)
        {
          gint64 offset = g_date_time_to_unix (dt) * G_USEC_PER_SEC - g_get_real_time ();
          /* Date has whole seconds: only trust it beyond that. */
          if (ABS (offset - self->clock_offset) > 2 * G_USEC_PER_SEC)
            self->clock_offset = offset;
        }
    }

  status = soup_message_get_status (call->msg);
  if (status < 200 || status >= 300)
    {
      set_status_error (&error, status, body);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (call->empty_ok && (status == 204 || g_bytes_get_size (body) == 0))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  call->body = g_steal_pointer (&body);
  g_task_run_in_thread (task, decode_in_thread);
}

static void
send_request (ShouApiClient       *self,
              const char          *method,
              const char          *path,
              const char          *query,
              GBytes              *body,
              const char          *content_type,
              const char          *idempotency_key,
              DecodeFunc           decode,
              GDestroyNotify       free_result,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *full_path = NULL;
  SoupMessageHeaders *headers;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  full_path = g_strconcat (g_uri_get_path (self->base_uri), path, NULL);
  {
    /* base path "/" + "/v1/…" → "//v1" is avoided */
    char *p = full_path;
    while (p[0] == '/' && p[1] == '/')
      p++;
    uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_PATH,
                       g_uri_get_scheme (self->base_uri), NULL,
                       g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                       p, query, NULL);
  }

  call = g_new0 (Call, 1);
  call->msg = soup_message_new_from_uri (method, uri);
  /* A redirect could carry the token to another host. */
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (call->msg, "accept-certificate",
                    G_CALLBACK (on_accept_certificate_cb), call);
  call->decode = decode;
  call->free_result = free_result;
  call->empty_ok = g_str_equal (method, "DELETE");
  call->max_bytes = g_str_equal (path, "/v1/changes") ? SHOU_API_MAX_PAGE_BYTES : SHOU_API_MAX_BODY_BYTES;
  if (g_str_equal (path, "/v1/changes") && query != NULL && strstr (query, "limit=") != NULL)
    call->max_changes = (guint) g_ascii_strtoull (strstr (query, "limit=") + 6, NULL, 10);
  call->trusted_sha256 = g_strdup (self->trusted_sha256);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  headers = soup_message_get_request_headers (call->msg);
  if (self->authorization)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (idempotency_key)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body)
    soup_message_set_request_body_from_bytes (call->msg, content_type, body);

  shou_api_fetch_async (self->session, call->msg, call->max_bytes, &self->timeouts,
                        cancellable, on_sent_cb, g_steal_pointer (&task));
}

static GBytes *
object_to_bytes (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;
  gsize len;

  json_node_set_object (node, obj);
  text = json_to_string (node, FALSE);
  len = strlen (text);
  return g_bytes_new_take (text, len);
}

static char *
escape_segment (const char *s)
{
  return g_uri_escape_string (s, NULL, FALSE);
}

/* ---- endpoints --------------------------------------------------------- */

void
shou_api_client_get_changes_async (ShouApiClient       *self,
                                   const char          *cursor,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));

  escaped = g_uri_escape_string (cursor ? cursor : "", NULL, FALSE);
  query = g_strdup_printf ("cursor=%s&limit=%u", escaped, limit ? limit : 500);
  send_request (self, "GET", "/v1/changes", query, NULL, NULL, NULL,
                (DecodeFunc) shou_api_decode_changes_page,
                (GDestroyNotify) shou_changes_page_free,
                shou_api_client_get_changes_async, cancellable, callback, user_data);
}

ShouChangesPage *
shou_api_client_get_changes_finish (ShouApiClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  ShouChangesPage *page;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page && page->server_time > 0)
    self->clock_offset = page->server_time - g_get_real_time ();
  return page;
}

void
shou_api_client_get_shops_async (ShouApiClient       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  send_request (self, "GET", "/v1/shops", NULL, NULL, NULL, NULL,
                (DecodeFunc) shou_api_decode_shops, (GDestroyNotify) g_ptr_array_unref,
                shou_api_client_get_shops_async, cancellable, callback, user_data);
}

GPtrArray *
shou_api_client_get_shops_finish (ShouApiClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_get_aftersale_async (ShouApiClient       *self,
                                     const char          *id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *escaped = escape_segment (id);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", escaped);

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  send_request (self, "GET", path, NULL, NULL, NULL, NULL,
                (DecodeFunc) shou_api_decode_aftersale, (GDestroyNotify) json_object_unref,
                shou_api_client_get_aftersale_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_get_aftersale_finish (ShouApiClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_post_action_async (ShouApiClient       *self,
                                   const char          *request_id,
                                   const char          *action,
                                   JsonObject          *params,
                                   gint64               expected_version,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = escape_segment (request_id);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", escaped);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);

  json_object_set_string_member (body, "action", action);
  json_object_set_int_member (body, "expected_version", expected_version);
  json_object_set_object_member (body, "params",
                                 params ? json_object_ref (params) : json_object_new ());
  bytes = object_to_bytes (body);
  send_request (self, "POST", path, NULL, bytes, "application/json", idempotency_key,
                (DecodeFunc) shou_api_decode_aftersale, (GDestroyNotify) json_object_unref,
                shou_api_client_post_action_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_post_action_finish (ShouApiClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_upload_evidence_async (ShouApiClient       *self,
                                       const char          *request_id,
                                       const char          *kind,
                                       const char          *content_type,
                                       GBytes              *bytes,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = escape_segment (request_id);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence", escaped);
  g_autofree char *kind_escaped = g_uri_escape_string (kind ? kind : "other", NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("kind=%s", kind_escaped);

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  send_request (self, "POST", path, query, bytes, content_type, NULL,
                (DecodeFunc) shou_api_decode_evidence, (GDestroyNotify) json_object_unref,
                shou_api_client_upload_evidence_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_upload_evidence_finish (ShouApiClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_address_async (ShouApiClient       *self,
                               const char          *method,
                               const char          *shop_id,
                               const char          *address_id,
                               JsonObject          *fields,
                               gint64               expected_version,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *shop = escape_segment (shop_id);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));

  if (g_str_equal (method, "POST"))
    path = g_strdup_printf ("/v1/shops/%s/return-addresses", shop);
  else
    {
      g_autofree char *aid = escape_segment (address_id);
      path = g_strdup_printf ("/v1/shops/%s/return-addresses/%s", shop, aid);
    }
  if (!g_str_equal (method, "DELETE"))
    {
      g_autoptr(JsonObject) body = json_object_new ();
      GList *members = fields ? json_object_get_members (fields) : NULL;

      for (GList *l = members; l; l = l->next)
        json_object_set_member (body, l->data,
                                json_node_copy (json_object_get_member (fields, l->data)));
      g_list_free (members);
      if (g_str_equal (method, "PUT"))
        json_object_set_int_member (body, "expected_version", expected_version);
      bytes = object_to_bytes (body);
    }
  send_request (self, method, path, NULL, bytes, "application/json", NULL,
                (DecodeFunc) shou_api_decode_address, (GDestroyNotify) json_object_unref,
                shou_api_client_address_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_address_finish (ShouApiClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_post_json_async (ShouApiClient       *self,
                                 const char          *path,
                                 JsonObject          *body,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  bytes = object_to_bytes (body);
  send_request (self, "POST", path, NULL, bytes, "application/json", idempotency_key,
                (DecodeFunc) shou_api_decode_object, (GDestroyNotify) json_object_unref,
                shou_api_client_post_json_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_post_json_finish (ShouApiClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_get_json_async (ShouApiClient       *self,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *p = g_strdup (path);
  char *q = strchr (p, '?');

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  if (q)
    *q++ = '\0';
  send_request (self, "GET", p, q, NULL, NULL, NULL,
                (DecodeFunc) shou_api_decode_object, (GDestroyNotify) json_object_unref,
                shou_api_client_get_json_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_get_json_finish (ShouApiClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_claim_async (ShouApiClient       *self,
                             const char          *request_id,
                             gboolean             release,
                             gboolean             take_over,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));

  id = escape_segment (request_id);
  path = g_strdup_printf ("/v1/aftersales/%s/claim", id);
  if (!release)
    {
      const char *body = take_over ? "{\"take_over\":true}" : "{}";

      bytes = g_bytes_new_static (body, strlen (body));
    }
  send_request (self, release ? "DELETE" : "POST", path, NULL, bytes, "application/json", NULL,
                (DecodeFunc) shou_api_decode_claim, (GDestroyNotify) json_object_unref,
                shou_api_client_claim_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_claim_finish (ShouApiClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_send_json_async (ShouApiClient       *self,
                                 const char          *method,
                                 const char          *path,
                                 JsonObject          *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *p = g_strdup (path);
  char *q = strchr (p, '?');

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  if (q)
    *q++ = '\0';
  if (body != NULL)
    bytes = object_to_bytes (body);
  send_request (self, method, p, q, bytes, bytes ? "application/json" : NULL, NULL,
                (DecodeFunc) shou_api_decode_object, (GDestroyNotify) json_object_unref,
                shou_api_client_send_json_async, cancellable, callback, user_data);
}

JsonObject *
shou_api_client_send_json_finish (ShouApiClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
