/* shou-hub-guard.c: connection limit, header and body timeouts, body caps
 * and an accept loop that backs off. */
#include "config.h"

#include <sys/resource.h>

#include "hub/shou-hub-input.h"
#include "shou-hub-guard.h"

#define RESERVED_FDS 64
#define MAX_CONNECTIONS 4096
#define REJECT_LINGER_MS 2000
#define TICK_MS 250

typedef enum
{
  CONN_WAITING,    /* no request, or its headers not complete yet */
  CONN_BODY,       /* headers read, reading the body */
  CONN_HANDLING,   /* the request is being answered */
  CONN_REJECTED,   /* answered 413; closed after a short linger */
  CONN_CLOSING,    /* shut down; gone when libsoup lets go of it */
} ConnState;

typedef struct
{
  ShouHubGuard *guard;
  GSocket      *socket;    /* weak */
  guint         port;
  ConnState     state;
  gint64        since;     /* µs, monotonic: accepted or last answered */
  gint64        deadline;  /* µs, monotonic: for BODY and REJECTED */
  goffset       bytes;
  goffset       cap;
} Conn;

struct _ShouHubGuard
{
  SoupServer             *soup;
  GSocketListener        *listener;
  ShouHubGuardAcceptFunc  accept;
  gpointer                user_data;
  GCancellable           *cancellable;
  GHashTable             *conns;     /* port → Conn */
  guint                   max_connections;
  guint                   header_timeout_ms;
  guint                   body_timeout_ms;
  guint                   tick_source;
  guint                   backoff_source;
  guint                   backoff_ms;
  gulong                  handlers[4];
  guint64                 evicted;
  guint64                 timed_out;
  guint64                 accept_errors;
  gboolean                tls;
};

static void on_socket_gone_cb (gpointer user_data, GObject *where_the_object_was);

static void
conn_free (gpointer data)
{
  Conn *conn = data;

  if (conn->socket != NULL)
    g_object_weak_unref (G_OBJECT (conn->socket), on_socket_gone_cb, conn);
  g_free (conn);
}

static void
on_socket_gone_cb (gpointer  user_data,
                   GObject  *where_the_object_was)
{
  Conn *conn = user_data;

  conn->socket = NULL;
  g_hash_table_remove (conn->guard->conns, GUINT_TO_POINTER (conn->port));
}

static guint
default_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return MAX_CONNECTIONS;
  if (limit.rlim_cur <= 2 * RESERVED_FDS)
    return (guint) MAX (limit.rlim_cur / 2, 1);
  return (guint) MIN (limit.rlim_cur - RESERVED_FDS, MAX_CONNECTIONS);
}

static void
conn_close (Conn *conn)
{
  if (conn->socket != NULL)
    g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  conn->state = CONN_CLOSING;
}

static Conn *
message_conn (ShouHubGuard      *self,
              SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  return g_hash_table_lookup (self->conns,
                              GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
}

static guint
count_open (ShouHubGuard *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Conn *) value)->state != CONN_CLOSING)
      n++;
  return n;
}

/* At the limit the connection that has waited longest for a request goes,
 * not the new one: idle clients cannot starve others. */
static gboolean
evict_longest_idle (ShouHubGuard *self)
{
  GHashTableIter iter;
  gpointer value;
  Conn *oldest = NULL;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Conn *conn = value;

      if (conn->state == CONN_WAITING && (oldest == NULL || conn->since < oldest->since))
        oldest = conn;
    }
  if (oldest == NULL)
    return FALSE;
  conn_close (oldest);
  self->evicted++;
  return TRUE;
}

static void
admit (ShouHubGuard      *self,
       GSocketConnection *connection)
{
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  GSocket *socket = g_socket_connection_get_socket (connection);
  Conn *conn;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return;
  if (count_open (self) >= self->max_connections && !evict_longest_idle (self))
    {
      /* Every connection is busy with a request: this one must wait its turn
       * elsewhere. */
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }

  conn = g_new0 (Conn, 1);
  conn->guard = self;
  conn->socket = socket;
  conn->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote));
  conn->state = CONN_WAITING;
  conn->since = g_get_monotonic_time ();
  g_object_weak_ref (G_OBJECT (socket), on_socket_gone_cb, conn);
  /* A port in use again replaces a connection closed but not yet gone. */
  g_hash_table_replace (self->conns, GUINT_TO_POINTER (conn->port), conn);

  self->accept (connection, self->user_data);
}

static void accept_next (ShouHubGuard *self);

static gboolean
on_backoff_cb (gpointer user_data)
{
  ShouHubGuard *self = user_data;

  self->backoff_source = 0;
  accept_next (self);
  return G_SOURCE_REMOVE;
}

static void
on_accepted_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  ShouHubGuard *self;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the guard may be gone */
  self = user_data;
  if (connection == NULL)
    {
      /* Out of descriptors (EMFILE) or memory: retrying at once would spin
       * at 100 % CPU. Wait, longer each time, up to a second. */
      self->accept_errors++;
      self->backoff_ms = self->backoff_ms == 0 ? 10 : MIN (self->backoff_ms * 2, 1000);
      g_debug ("shouhou-hub: accepting failed (%s); next try in %u ms", error->message, self->backoff_ms);
      self->backoff_source = g_timeout_add (self->backoff_ms, on_backoff_cb, self);
      return;
    }
  self->backoff_ms = 0;
  admit (self, connection);
  accept_next (self);
}

static void
accept_next (ShouHubGuard *self)
{
  g_socket_listener_accept_async (self->listener, self->cancellable, on_accepted_cb, self);
}

static goffset
cap_for (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (g_str_equal (soup_server_message_get_method (msg), "POST") && path != NULL &&
      g_str_has_suffix (path, "/evidence"))
    return SHOU_HUB_MAX_UPLOAD_BYTES;
  return SHOU_HUB_MAX_JSON_BYTES;
}

/* Answers 413 before the body is read, and stops reading it: the 2 GB a
 * client announces are never held. Over TLS the answer cannot be written
 * past libsoup: the connection is closed. */
static void
reject_too_large (ShouHubGuard      *self,
                  Conn              *conn,
                  SoupServerMessage *msg)
{
  static const char body[] =
    "{\"error\": {\"code\": \"too_large\", \"message\": \"The body is larger than this endpoint accepts\"}}";
  g_autofree char *response = NULL;

  g_object_set_data (G_OBJECT (msg), "shou-hub-rejected", GINT_TO_POINTER (1));
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  if (conn->socket == NULL || conn->state == CONN_REJECTED || conn->state == CONN_CLOSING)
    return;
  if (self->tls)
    {
      conn_close (conn);
      return;
    }
  response = g_strdup_printf ("HTTP/1.1 413 Payload Too Large\r\n"
                              "Content-Type: application/json; charset=utf-8\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                              "Connection: close\r\n\r\n%s", sizeof body - 1, body);
  g_socket_send (conn->socket, response, strlen (response), NULL, NULL);
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  conn->state = CONN_REJECTED;
  conn->deadline = g_get_monotonic_time () + REJECT_LINGER_MS * 1000;
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                   ShouHubGuard      *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Conn *conn = message_conn (self, msg);

  if (conn == NULL || conn->state == CONN_CLOSING)
    return;
  conn->state = CONN_BODY;
  conn->deadline = g_get_monotonic_time () + (gint64) self->body_timeout_ms * 1000;
  conn->bytes = 0;
  conn->cap = cap_for (msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > conn->cap)
    reject_too_large (self, conn, msg);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 ShouHubGuard      *self)
{
  Conn *conn = message_conn (self, msg);

  if (conn == NULL || conn->state != CONN_BODY)
    return;
  conn->bytes += g_bytes_get_size (chunk);
  if (conn->bytes > conn->cap)
    reject_too_large (self, conn, msg);
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       ShouHubGuard      *self)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self);
}

static void
on_request_read_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    ShouHubGuard      *self)
{
  Conn *conn = message_conn (self, msg);

  if (conn != NULL && conn->state == CONN_BODY)
    conn->state = CONN_HANDLING;
}

static void
on_request_done_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    ShouHubGuard      *self)
{
  Conn *conn = message_conn (self, msg);

  g_signal_handlers_disconnect_by_data (msg, self);
  if (conn != NULL && (conn->state == CONN_BODY || conn->state == CONN_HANDLING))
    {
      conn->state = CONN_WAITING;
      conn->since = g_get_monotonic_time ();
    }
}

static gboolean
on_tick_cb (gpointer user_data)
{
  ShouHubGuard *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Conn *conn = value;

      if ((conn->state == CONN_WAITING && now - conn->since > (gint64) self->header_timeout_ms * 1000) ||
          (conn->state == CONN_BODY && now > conn->deadline))
        {
          conn_close (conn);
          self->timed_out++;
        }
      else if (conn->state == CONN_REJECTED && now > conn->deadline)
        conn_close (conn);
    }
  return G_SOURCE_CONTINUE;
}

ShouHubGuard *
shou_hub_guard_new (SoupServer             *soup,
                    GSocketListener        *listener,
                    ShouHubGuardAcceptFunc  accept,
                    gpointer                user_data)
{
  ShouHubGuard *self;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  g_return_val_if_fail (G_IS_SOCKET_LISTENER (listener), NULL);
  g_return_val_if_fail (accept != NULL, NULL);

  self = g_new0 (ShouHubGuard, 1);
  self->soup = g_object_ref (soup);
  self->listener = g_object_ref (listener);
  self->accept = accept;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  self->conns = g_hash_table_new_full (NULL, NULL, NULL, conn_free);
  shou_hub_guard_set_limits (self, 0, 0, 0);
  self->handlers[0] = g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  self->handlers[1] = g_signal_connect (soup, "request-read", G_CALLBACK (on_request_read_cb), self);
  self->handlers[2] = g_signal_connect (soup, "request-finished", G_CALLBACK (on_request_done_cb), self);
  self->handlers[3] = g_signal_connect (soup, "request-aborted", G_CALLBACK (on_request_done_cb), self);
  return self;
}

void
shou_hub_guard_start (ShouHubGuard *self)
{
  g_return_if_fail (self != NULL);

  if (self->tick_source != 0)
    return;
  self->tick_source = g_timeout_add (TICK_MS, on_tick_cb, self);
  accept_next (self);
}

void
shou_hub_guard_free (ShouHubGuard *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->backoff_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->soup);
  g_hash_table_destroy (self->conns);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->listener);
  g_clear_object (&self->soup);
  g_free (self);
}

void
shou_hub_guard_set_limits (ShouHubGuard *self,
                           guint         max_connections,
                           guint         header_timeout_ms,
                           guint         body_timeout_ms)
{
  g_return_if_fail (self != NULL);

  self->max_connections = max_connections > 0 ? max_connections : default_limit ();
  self->header_timeout_ms = header_timeout_ms > 0 ? header_timeout_ms : SHOU_HUB_HEADER_TIMEOUT_MS;
  self->body_timeout_ms = body_timeout_ms > 0 ? body_timeout_ms : SHOU_HUB_BODY_TIMEOUT_MS;
}

void
shou_hub_guard_set_tls (ShouHubGuard *self,
                        gboolean      tls)
{
  g_return_if_fail (self != NULL);
  self->tls = tls;
}

guint
shou_hub_guard_get_max_connections (ShouHubGuard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_connections;
}

guint64
shou_hub_guard_get_evicted (ShouHubGuard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->evicted;
}

guint64
shou_hub_guard_get_timed_out (ShouHubGuard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->timed_out;
}

guint64
shou_hub_guard_get_accept_errors (ShouHubGuard *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->accept_errors;
}

gboolean
shou_hub_guard_is_rejected (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "shou-hub-rejected") != NULL;
}
