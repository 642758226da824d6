/* shou-hub-server.c: the hub's HTTP server: connections (plain or TLS),
 * routing to the contract's endpoints, and the faults test controls can
 * inject. The endpoints are in shou-hub-routes-*.c. */
#include "config.h"

#include <stdio.h>

#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-routes.h"
#include "shou-hub-server.h"

#define TIMEOUT_FAULT_MS 20000

typedef enum
{
  FAULT_NONE,
  FAULT_LATENCY,
  FAULT_5XX,
  FAULT_TIMEOUT,
  FAULT_DROP,
  FAULT_TRUNCATE,
  FAULT_MALFORMED,
  N_FAULTS
} Fault;

static const char *const fault_names[N_FAULTS] = {
  "none", "latency", "5xx", "timeout", "drop", "truncate", "malformed",
};

struct _ShouHubServer
{
  GObject         parent_instance;

  ShouHubContext  ctx;
  SoupServer     *soup;
  GSocketService *service;      /* accepts; the SoupServer only serves */
  ShouHubGuard   *guard;        /* its accept loop, limits and timeouts */
  GHashTable     *connections;  /* client port → GSocket, weak */
  GTlsCertificate *tls_cert;
  ShouHubServerFlags flags;
  char           *url;
  guint           pull_source;
  gint64          checkpoint;   /* the platform's, for pull_changes() */
  GPtrArray      *held;         /* SoupServerMessage paused by faults */
  ShouHubTestHandler test_handler;
  gpointer        test_data;

  double          fault_rate;
  guint           fault_kinds;  /* 1 << Fault */
  guint           latency_ms;
  guint           timeout_ms;
  GRand          *fault_rand;
};

G_DEFINE_FINAL_TYPE (ShouHubServer, shou_hub_server, G_TYPE_OBJECT)

static void held_free (gpointer data);
static void handle_request (SoupServer        *server,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query,
                            gpointer           user_data);

/* Connections */

static void
on_connection_gone_cb (gpointer  user_data,
                       GObject  *where_the_object_was)
{
  ShouHubServer *self = user_data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
forget_connection (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  g_object_weak_unref (value, on_connection_gone_cb, user_data);
}

/* Every connection is accepted here and handed to the SoupServer as a
 * stream: libsoup then holds no GSocket of its own, so a closed connection
 * leaves nothing behind (libsoup 3.2 kept ~340 bytes of each one it had
 * accepted itself, without bound over a long run). */
static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  ShouHubServer *self = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GIOStream) stream = NULL;
  GSocket *socket = g_socket_connection_get_socket (connection);
  gpointer port;
  GSocket *before;

  /* A client that connected and went at once: nothing to serve. */
  if (local == NULL || remote == NULL)
    return TRUE;
  if (self->tls_cert != NULL)
    {
      stream = g_tls_server_connection_new (G_IO_STREAM (connection), self->tls_cert, NULL);
      if (stream == NULL)
        return TRUE;
      g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (stream), FALSE);
    }
  else
    stream = g_object_ref (G_IO_STREAM (connection));

  /* Known before libsoup reads from it: a request already waiting is
   * served (and may be faulted) within accept_iostream(). The socket
   * outlives every object that holds it: when it goes, the connection is
   * entirely let go of. A port in use again replaces a socket that is
   * closed but not yet gone. */
  port = GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
  before = g_hash_table_lookup (self->connections, port);
  if (before != NULL)
    g_object_weak_unref (G_OBJECT (before), on_connection_gone_cb, self);
  g_object_weak_ref (G_OBJECT (socket), on_connection_gone_cb, self);
  g_hash_table_replace (self->connections, port, socket);

  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
  return TRUE;
}

static void
on_guard_accept_cb (GSocketConnection *connection,
                    gpointer           user_data)
{
  on_incoming_cb (NULL, connection, NULL, user_data);
}

/* (transfer none) (nullable): the socket @msg came in on */
static GSocket *
message_socket (ShouHubServer     *self,
                SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  return g_hash_table_lookup (self->connections,
                              GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
}

/* Object */

/* What changed on the platform reaches the store before it is served. */
static void
pull (ShouHubServer *self)
{
  g_autoptr(GError) error = NULL;
  gint64 checkpoint = shou_hub_platform_pull_changes (self->ctx.platform, self->checkpoint, &error);

  if (checkpoint < 0)
    g_warning ("shouhou-hub: pulling changes: %s", error->message);
  else
    self->checkpoint = checkpoint;
}

static gboolean
on_pull_timer_cb (gpointer user_data)
{
  ShouHubServer *self = user_data;

  pull (self);
  if (self->ctx.autorules)
    shou_hub_autorules_run (&self->ctx, self->ctx.autorule_undo);
  return G_SOURCE_CONTINUE;
}

static void
shou_hub_server_dispose (GObject *object)
{
  ShouHubServer *self = SHOU_HUB_SERVER (object);

  g_clear_handle_id (&self->pull_source, g_source_remove);
  g_clear_pointer (&self->guard, shou_hub_guard_free);
  g_clear_pointer (&self->ctx.gather, shou_hub_gather_free);
  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->connections != NULL)
    {
      g_hash_table_foreach (self->connections, forget_connection, self);
      g_hash_table_remove_all (self->connections);
    }
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->service);
  g_clear_object (&self->soup);
  g_clear_object (&self->tls_cert);
  g_clear_pointer (&self->ctx.caller, shou_hub_staff_free);
  g_clear_object (&self->ctx.platform);
  g_clear_object (&self->ctx.store);

  G_OBJECT_CLASS (shou_hub_server_parent_class)->dispose (object);
}

static void
shou_hub_server_finalize (GObject *object)
{
  ShouHubServer *self = SHOU_HUB_SERVER (object);

  g_free (self->url);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->connections, g_hash_table_unref);

  G_OBJECT_CLASS (shou_hub_server_parent_class)->finalize (object);
}

static void
shou_hub_server_class_init (ShouHubServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_hub_server_dispose;
  object_class->finalize = shou_hub_server_finalize;
}

static void
shou_hub_server_init (ShouHubServer *self)
{
  self->held = g_ptr_array_new_with_free_func (held_free);
  self->connections = g_hash_table_new (NULL, NULL);
  self->fault_rand = g_rand_new_with_seed (1);
  self->latency_ms = 300;
  self->timeout_ms = TIMEOUT_FAULT_MS;
  self->ctx.autorule_undo = SHOU_HUB_AUTORULE_UNDO_WINDOW;
}

ShouHubServer *
shou_hub_server_new (ShouHubStore       *store,
                     ShouHubPlatform    *platform,
                     ShouHubServerFlags  flags)
{
  ShouHubServer *self;
  const char *name = (flags & SHOU_HUB_SERVER_SIMULATOR) ? "shouhou-sim/" PACKAGE_VERSION " "
                                                         : "shouhou-hub/" PACKAGE_VERSION " ";

  g_return_val_if_fail (SHOU_IS_HUB_STORE (store), NULL);
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (platform), NULL);

  self = g_object_new (SHOU_TYPE_HUB_SERVER, NULL);
  self->flags = flags;
  self->ctx.store = g_object_ref (store);
  self->ctx.platform = g_object_ref (platform);
  self->ctx.gather = shou_hub_gather_new (&self->ctx, shou_hub_action_apply_many);
  self->soup = soup_server_new ("server-header", name, NULL);
  soup_server_add_handler (self->soup, "/v1", handle_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  /* The guard accepts on the service's sockets (backing off on errors,
   * within a connection limit): the service's own loop stays stopped. */
  self->service = g_socket_service_new ();
  g_socket_service_stop (self->service);
  self->guard = shou_hub_guard_new (self->soup, G_SOCKET_LISTENER (self->service),
                                    on_guard_accept_cb, self);
  self->pull_source = g_timeout_add_seconds (1, on_pull_timer_cb, self);

  return self;
}

gboolean
shou_hub_server_set_tls_files (ShouHubServer  *self,
                               const char     *cert_file,
                               const char     *key_file,
                               GError        **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), FALSE);

  cert = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (cert == NULL)
    return FALSE;
  g_set_object (&self->tls_cert, cert);
  shou_hub_guard_set_tls (self->guard, TRUE);
  return TRUE;
}

guint
shou_hub_server_listen (ShouHubServer  *self,
                        const char     *host,
                        guint           port,
                        GError        **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *shown = NULL;
  guint bound;

  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), 0);

  if (host == NULL)
    inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else if ((inet = g_inet_address_new_from_string (host)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", host);
      return 0;
    }
  address = g_inet_socket_address_new (inet, port);
  /* Our own socket for a longer accept queue than GLib's default of 10:
   * hundreds of clients connecting at once must wait, not be refused. */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return 0;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      (local = g_socket_get_local_address (socket, error)) == NULL ||
      !g_socket_listener_add_socket (G_SOCKET_LISTENER (self->service), socket, NULL, error))
    return 0;
  bound = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  shou_hub_guard_start (self->guard);

  shown = g_inet_address_to_string (inet);
  g_free (self->url);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("%s://[%s]:%u", self->tls_cert != NULL ? "https" : "http", shown, bound);
  else
    self->url = g_strdup_printf ("%s://%s:%u", self->tls_cert != NULL ? "https" : "http", shown, bound);
  pull (self);
  return bound;
}

const char *
shou_hub_server_get_url (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), NULL);
  return self->url;
}

gboolean
shou_hub_server_set_faults (ShouHubServer      *self,
                            double              rate,
                            const char * const *kinds,
                            guint               latency_ms,
                            guint32             seed,
                            GError            **error)
{
  guint mask = 0;

  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), FALSE);

  if (!(rate >= 0.0 && rate <= 1.0))
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_BAD_REQUEST,
                   "The fault rate must be between 0 and 1");
      return FALSE;
    }
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      guint f;

      for (f = FAULT_LATENCY; f < N_FAULTS; f++)
        if (g_str_equal (kinds[i], fault_names[f]))
          break;
      if (f == N_FAULTS)
        {
          g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_BAD_REQUEST,
                       "Unknown fault kind \"%s\"", kinds[i]);
          return FALSE;
        }
      mask |= 1u << f;
    }
  if (mask == 0 && rate > 0)
    mask = (1u << N_FAULTS) - 2;

  self->fault_rate = rate;
  self->fault_kinds = mask;
  self->latency_ms = latency_ms > 0 ? MIN (latency_ms, 60000) : 300;
  /* A held response must outlast the client's timeout but stay bounded. */
  self->timeout_ms = MAX (TIMEOUT_FAULT_MS, self->latency_ms);
  g_rand_set_seed (self->fault_rand, seed);
  return TRUE;
}

/* Routing: path segments after /v1. */
static void
dispatch (ShouHubServer     *self,
          SoupServerMessage *msg,
          const char        *method,
          char             **seg,
          guint              n,
          GHashTable        *query)
{
  g_autofree char *merchant = NULL;
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");
  gboolean known = TRUE;
  gboolean allowed = FALSE;
  /* The seller's care records (shou-hub-routes-care.c). */
  gboolean care = n >= 1 && (g_str_equal (seg[0], "reviews") || g_str_equal (seg[0], "complaints") ||
                                g_str_equal (seg[0], "visits") || g_str_equal (seg[0], "incidents"));

  /* Classify before auth so unknown paths are 404 and wrong methods 405. */
  if (n == 1 && (g_str_equal (seg[0], "shops") || g_str_equal (seg[0], "me")))
    allowed = get;
  else if (n == 1 && (g_str_equal (seg[0], "carriers") || g_str_equal (seg[0], "reasons") ||
                      g_str_equal (seg[0], "changes")))
    allowed = get;
  else if (n == 2 && (g_str_equal (seg[0], "orders") || g_str_equal (seg[0], "aftersales")))
    allowed = get;
  else if (n == 3 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "actions"))
    allowed = post;
  else if (n == 3 && g_str_equal (seg[0], "orders") && g_str_equal (seg[2], "cancel"))
    allowed = post;
  else if (n == 3 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "evidence"))
    allowed = post;
  else if (n == 4 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "evidence"))
    allowed = get;
  else if (n == 3 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "claim"))
    allowed = post || g_str_equal (method, "DELETE");
  else if (n == 3 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "annotations"))
    allowed = post;
  else if (n == 1 && g_str_equal (seg[0], "audit"))
    allowed = get;
  else if (n == 1 && g_str_equal (seg[0], "autorules"))
    allowed = get || g_str_equal (method, "PUT");
  else if (n == 2 && g_str_equal (seg[0], "autorules") && g_str_equal (seg[1], "dry-run"))
    allowed = post;
  else if (n == 2 && g_str_equal (seg[0], "autorules") && g_str_equal (seg[1], "log"))
    allowed = get;
  else if (n == 3 && g_str_equal (seg[0], "autorules") && g_str_equal (seg[1], "log") &&
           g_str_equal (seg[2], "undo"))
    allowed = post;
  else if (n == 1 && care)
    allowed = post;
  else if (n == 2 && care)
    allowed = get;
  else if (n == 3 && care && g_str_equal (seg[2], "actions"))
    allowed = post;
  else if (n == 1 && g_str_equal (seg[0], "staff"))
    allowed = get || post;
  else if (n == 2 && g_str_equal (seg[0], "staff"))
    allowed = g_str_equal (method, "DELETE");
  else if (n == 3 && g_str_equal (seg[0], "shops") && g_str_equal (seg[2], "return-addresses"))
    allowed = get || post;
  else if (n == 3 && g_str_equal (seg[0], "shops") && g_str_equal (seg[2], "authorisation"))
    allowed = get || post;
  else if (n == 4 && g_str_equal (seg[0], "shops") && g_str_equal (seg[2], "return-addresses"))
    allowed = g_str_equal (method, "PUT") || g_str_equal (method, "DELETE");
  else
    known = FALSE;

  if (!known)
    {
      shou_hub_http_send_error (&self->ctx, msg, 404, "not_found", "No such endpoint");
      return;
    }
  if (!allowed)
    {
      shou_hub_http_send_error (&self->ctx, msg, 405, "method_not_allowed", "This method is not allowed here");
      return;
    }

  merchant = shou_hub_http_authenticate (&self->ctx, msg);
  if (merchant == NULL)
    return;

  if (n == 1 && g_str_equal (seg[0], "shops"))
    shou_hub_route_get_shops (&self->ctx, msg, merchant);
  else if (n == 1 && g_str_equal (seg[0], "me"))
    shou_hub_route_get_me (&self->ctx, msg, merchant);
  else if (n == 1 && g_str_equal (seg[0], "carriers"))
    shou_hub_route_get_carriers (&self->ctx, msg);
  else if (n == 1 && g_str_equal (seg[0], "reasons"))
    shou_hub_route_get_reasons (&self->ctx, msg, query);
  else if (n == 1 && g_str_equal (seg[0], "changes"))
    shou_hub_route_get_changes (&self->ctx, msg, merchant, query);
  else if (n == 1 && care)
    shou_hub_route_post_care (&self->ctx, msg, seg[0], merchant);
  else if (n == 2 && care)
    shou_hub_route_get_care (&self->ctx, msg, seg[0], merchant, seg[1]);
  else if (n == 3 && care)
    shou_hub_route_post_care_action (&self->ctx, msg, seg[0], merchant, seg[1]);
  else if (g_str_equal (seg[0], "autorules"))
    shou_hub_route_autorules (&self->ctx, msg, merchant, method, seg, n, query);
  else if (g_str_equal (seg[0], "staff"))
    shou_hub_route_staff (&self->ctx, msg, merchant, method, n == 2 ? seg[1] : NULL);
  else if (n == 2 && g_str_equal (seg[0], "orders"))
    shou_hub_route_get_order (&self->ctx, msg, merchant, seg[1]);
  else if (n == 2)
    shou_hub_route_get_aftersale (&self->ctx, msg, merchant, seg[1]);
  else if (n == 1 && g_str_equal (seg[0], "audit"))
    shou_hub_route_get_audit (&self->ctx, msg, merchant, query);
  else if (n == 3 && g_str_equal (seg[0], "orders"))
    shou_hub_route_post_order_cancel (&self->ctx, msg, merchant, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "claim"))
    shou_hub_route_claim (&self->ctx, msg, merchant, method, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "actions"))
    shou_hub_route_post_action (&self->ctx, msg, merchant, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "annotations"))
    shou_hub_route_post_annotation (&self->ctx, msg, merchant, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "evidence"))
    shou_hub_route_post_evidence (&self->ctx, msg, merchant, seg[1], query);
  else if (n == 4 && g_str_equal (seg[2], "evidence"))
    shou_hub_route_get_evidence (&self->ctx, msg, merchant, seg[1], seg[3]);
  else if (n == 3 && g_str_equal (seg[2], "authorisation"))
    shou_hub_route_authorisation (&self->ctx, msg, merchant, method, seg[1], query);
  else
    shou_hub_route_addresses (&self->ctx, msg, merchant, method, seg[1], n == 4 ? seg[3] : NULL);
}

/* Faults */

static Fault
roll_fault (ShouHubServer *self)
{
  guint candidates[N_FAULTS];
  guint n = 0;

  if (self->fault_rate <= 0 || self->fault_kinds == 0)
    return FAULT_NONE;
  if (g_rand_double (self->fault_rand) >= self->fault_rate)
    return FAULT_NONE;
  for (guint f = FAULT_LATENCY; f < N_FAULTS; f++)
    if (self->fault_kinds & (1u << f))
      candidates[n++] = f;
  return n > 0 ? candidates[g_rand_int_range (self->fault_rand, 0, n)] : FAULT_NONE;
}

static void
drop_connection (ShouHubServer     *self,
                 SoupServerMessage *msg)
{
  GSocket *socket = message_socket (self, msg);

  /* Shutting the socket down makes the client see the connection end
   * without a response; libsoup then cleans the connection up. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  soup_server_message_set_status (msg, 500, NULL);
}

typedef struct
{
  ShouHubServer     *self;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  Fault              fault;
  guint              source;
} Held;

static void
held_free (gpointer data)
{
  Held *held = data;

  g_clear_handle_id (&held->source, g_source_remove);
  g_clear_object (&held->msg);
  g_free (held->path);
  g_clear_pointer (&held->query, g_hash_table_unref);
  g_free (held);
}

static void serve (ShouHubServer     *self,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query);

static gboolean
on_held_timeout_cb (gpointer user_data)
{
  Held *held = user_data;
  ShouHubServer *self = held->self;
  guint index;

  held->source = 0;
  if (g_ptr_array_find (self->held, held, &index))
    g_ptr_array_steal_index_fast (self->held, index);
  if (held->fault == FAULT_TIMEOUT)
    drop_connection (self, held->msg);
  else
    serve (self, held->msg, held->path, held->query);
  soup_server_message_unpause (held->msg);
  held_free (held);
  return G_SOURCE_REMOVE;
}

static void
hold (ShouHubServer     *self,
      SoupServerMessage *msg,
      const char        *path,
      GHashTable        *query,
      Fault              fault,
      guint              ms)
{
  Held *held = g_new0 (Held, 1);

  held->self = self;
  held->msg = g_object_ref (msg);
  held->path = g_strdup (path);
  held->query = query ? g_hash_table_ref (query) : NULL;
  held->fault = fault;
  g_ptr_array_add (self->held, held);
  soup_server_message_pause (msg);
  held->source = g_timeout_add (ms, on_held_timeout_cb, held);
}

static void
corrupt_response (SoupServerMessage *msg,
                  Fault              fault)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);

  soup_message_body_truncate (body);
  if (fault == FAULT_MALFORMED)
    {
      static const char junk[] = "{\"aftersale\": {\"id\": \"as-\x01, ]]";

      soup_message_body_append (body, SOUP_MEMORY_COPY, data, length / 3);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, junk, sizeof junk - 1);
      return;
    }
  /* Truncate: announce the full length, send half, close. The body is
   * marked complete, so libsoup ends the message after the half and closes
   * (otherwise it waits for the announced rest and keeps the connection,
   * its message and socket, for good). */
  soup_message_body_append (body, SOUP_MEMORY_COPY, data, length / 2);
  soup_message_body_complete (body);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
  soup_message_headers_set_content_length (headers, length);
  soup_message_headers_replace (headers, "Connection", "close");
}

static void
serve (ShouHubServer     *self,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) seg = NULL;
  guint n;

  if (!g_str_has_prefix (path, "/v1/"))
    {
      shou_hub_http_send_error (&self->ctx, msg, 404, "not_found", "No such endpoint");
      return;
    }
  seg = g_strsplit (path + 4, "/", 6);
  n = g_strv_length (seg);
  for (guint i = 0; i < n; i++)
    if (*seg[i] == '\0')
      {
        shou_hub_http_send_error (&self->ctx, msg, 404, "not_found", "No such endpoint");
        return;
      }

  if (g_str_equal (seg[0], "test"))
    {
      if (!(self->flags & SHOU_HUB_SERVER_TEST_CONTROLS) || n != 2)
        shou_hub_http_send_error (&self->ctx, msg, 404, "not_found", "No such endpoint");
      else
        {
          if (self->test_handler == NULL ||
              !self->test_handler (&self->ctx, msg, method, seg[1], self->test_data))
            shou_hub_http_send_error (&self->ctx, msg, 404, "not_found", "No such endpoint");
        }
      return;
    }

  pull (self);
  dispatch (self, msg, method, seg, n, query);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ShouHubServer *self = user_data;
  gboolean is_test = g_str_has_prefix (path, "/v1/test/");
  Fault fault = FAULT_NONE;

  /* Already answered 413 by the guard, before its body was read. */
  if (shou_hub_guard_is_rejected (msg))
    {
      soup_server_message_set_status (msg, 413, NULL);
      return;
    }

  self->ctx.requests++;
  if (!(self->flags & SHOU_HUB_SERVER_QUIET))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

      g_print ("%s %s %s\n", stamp, soup_server_message_get_method (msg), path);
    }

  if (!is_test)
    fault = roll_fault (self);

  switch (fault)
    {
    case FAULT_LATENCY:
      hold (self, msg, path, query, fault, self->latency_ms);
      return;
    case FAULT_TIMEOUT:
      hold (self, msg, path, query, fault, self->timeout_ms);
      return;
    case FAULT_5XX:
      shou_hub_http_send_error (&self->ctx, msg, 503, "unavailable", "Simulated outage; retry later");
      return;
    case FAULT_DROP:
      drop_connection (self, msg);
      return;
    case FAULT_TRUNCATE:
    case FAULT_MALFORMED:
      serve (self, msg, path, query);
      corrupt_response (msg, fault);
      return;
    case FAULT_NONE:
    case N_FAULTS:
    default:
      serve (self, msg, path, query);
      return;
    }
}

void
shou_hub_server_set_test_handler (ShouHubServer      *self,
                                  ShouHubTestHandler  handler,
                                  gpointer            user_data)
{
  g_return_if_fail (SHOU_IS_HUB_SERVER (self));
  self->test_handler = handler;
  self->test_data = user_data;
}

ShouHubContext *
shou_hub_server_get_context (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), NULL);
  return &self->ctx;
}

void
shou_hub_server_set_connection_limits (ShouHubServer *self,
                                       guint          max_connections,
                                       guint          header_timeout_ms,
                                       guint          body_timeout_ms)
{
  g_return_if_fail (SHOU_IS_HUB_SERVER (self));
  shou_hub_guard_set_limits (self->guard, max_connections, header_timeout_ms, body_timeout_ms);
}

ShouHubGuard *
shou_hub_server_get_guard (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), NULL);
  return self->guard;
}

guint
shou_hub_server_get_open_connections (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), 0);
  return g_hash_table_size (self->connections);
}

double
shou_hub_server_get_fault_rate (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), 0);
  return self->fault_rate;
}

guint
shou_hub_server_get_fault_timeout (ShouHubServer *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_SERVER (self), 0);
  return self->timeout_ms;
}

void
shou_hub_server_set_fault_timeout (ShouHubServer *self,
                                   guint          timeout_ms)
{
  g_return_if_fail (SHOU_IS_HUB_SERVER (self));
  self->timeout_ms = timeout_ms;
}

void
shou_hub_server_set_autorules (ShouHubServer *self,
                               gboolean       run,
                               gint64         undo_window)
{
  g_return_if_fail (SHOU_IS_HUB_SERVER (self));
  g_return_if_fail (undo_window >= 0);
  self->ctx.autorules = run;
  self->ctx.autorule_undo = undo_window;
}
