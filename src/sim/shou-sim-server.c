#include "config.h"

#include <stdio.h>

#include "shou-sim-buyers.h"
#include "shou-sim-demo.h"
#include "shou-sim-input.h"
#include "shou-sim-server.h"

/* Largest evidence upload read at all; profiles set the real limit. */
#define MAX_UPLOAD_BYTES (32 * 1024 * 1024)
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

struct _ShouSimServer
{
  GObject        parent_instance;

  SoupServer    *soup;
  GSocketService *service;     /* accepts; the SoupServer only serves */
  GHashTable    *connections;  /* client port → GSocket, weak */
  GTlsCertificate *tls_cert;
  ShouSimDb     *db;
  ShouSimClock  *clock;
  ShouSimWorld  *world;
  ShouSimDemo   *demo;
  ShouSimBuyers *buyers;
  ShouSimFlags   flags;
  char          *url;
  guint          lapse_source;
  GPtrArray     *held;         /* SoupServerMessage paused by faults */

  double         fault_rate;
  guint          fault_kinds;  /* 1 << Fault */
  guint          latency_ms;
  guint          timeout_ms;
  GRand         *fault_rand;

  guint64        requests;
  guint64        actions_applied;
  guint64        replays;
};

G_DEFINE_FINAL_TYPE (ShouSimServer, shou_sim_server, G_TYPE_OBJECT)

static void held_free (gpointer data);
static void handle_request (SoupServer        *server,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query,
                            gpointer           user_data);

/* Responses */

static void
set_common_headers (ShouSimServer     *self,
                    SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 now = shou_sim_clock_now (self->clock);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autofree char *date = g_date_time_format (dt, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *us = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "X-Shou-Server-Time", us);
  /* libsoup before 3.3, on connections it accepts itself, never closes a
   * kept-alive connection that the client closed (CLOSE_WAIT, a descriptor
   * each) and keeps the GSocket of every connection it closed. Ours are
   * accepted by our own service (see on_incoming_cb), which avoids both;
   * closing after every answer there stays, so that the behaviour clients
   * were tested against (a new connection per request) does not change. */
  if (soup_get_major_version () == 3 && soup_get_minor_version () < 3)
    soup_message_headers_replace (headers, "Connection", "close");
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static void
send_text (ShouSimServer     *self,
           SoupServerMessage *msg,
           guint              status,
           char              *text)
{
  set_common_headers (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  if (status == 204)
    {
      g_free (text);
      return;
    }
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
send_json (ShouSimServer     *self,
           SoupServerMessage *msg,
           guint              status,
           JsonObject        *body)
{
  send_text (self, msg, status, object_to_string (body));
}

static void
send_failure (ShouSimServer     *self,
              SoupServerMessage *msg,
              ShouSimFailure    *failure)
{
  g_autoptr(JsonObject) body = shou_sim_failure_to_json (failure);

  if (failure->status == 401)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"shouhou-sim\"");
  send_json (self, msg, failure->status, body);
}

static void
send_error (ShouSimServer     *self,
            SoupServerMessage *msg,
            guint              status,
            const char        *code,
            const char        *message)
{
  g_autoptr(ShouSimFailure) failure = shou_sim_failure_new (status, code, "%s", message);

  send_failure (self, msg, failure);
}

static void
send_one (ShouSimServer     *self,
          SoupServerMessage *msg,
          guint              status,
          const char        *name,
          JsonObject        *object)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_object_member (body, name, object);
  send_json (self, msg, status, body);
}

/* Connections */

static void
on_connection_gone_cb (gpointer  user_data,
                       GObject  *where_the_object_was)
{
  ShouSimServer *self = user_data;
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
  ShouSimServer *self = user_data;
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

/* (transfer none) (nullable): the socket @msg came in on */
static GSocket *
message_socket (ShouSimServer     *self,
                SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  return g_hash_table_lookup (self->connections,
                              GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
}

/* Object */

static gboolean
on_lapse_timer_cb (gpointer user_data)
{
  ShouSimServer *self = user_data;

  shou_sim_world_process_lapses (self->world);
  return G_SOURCE_CONTINUE;
}

static void
shou_sim_server_dispose (GObject *object)
{
  ShouSimServer *self = SHOU_SIM_SERVER (object);

  g_clear_handle_id (&self->lapse_source, g_source_remove);
  if (self->buyers != NULL)
    shou_sim_buyers_stop (self->buyers);
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
  g_clear_object (&self->buyers);
  g_clear_object (&self->demo);
  g_clear_object (&self->world);
  g_clear_object (&self->clock);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (shou_sim_server_parent_class)->dispose (object);
}

static void
shou_sim_server_finalize (GObject *object)
{
  ShouSimServer *self = SHOU_SIM_SERVER (object);

  g_free (self->url);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->connections, g_hash_table_unref);

  G_OBJECT_CLASS (shou_sim_server_parent_class)->finalize (object);
}

static void
shou_sim_server_class_init (ShouSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_sim_server_dispose;
  object_class->finalize = shou_sim_server_finalize;
}

static void
shou_sim_server_init (ShouSimServer *self)
{
  self->held = g_ptr_array_new_with_free_func (held_free);
  self->connections = g_hash_table_new (NULL, NULL);
  self->fault_rand = g_rand_new_with_seed (1);
  self->latency_ms = 300;
  self->timeout_ms = TIMEOUT_FAULT_MS;
}

ShouSimServer *
shou_sim_server_new (const char    *db_path,
                     ShouSimFlags   flags,
                     GError       **error)
{
  g_autoptr(ShouSimServer) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (SHOU_TYPE_SIM_SERVER, NULL);
  self->flags = flags;
  self->db = shou_sim_db_new (db_path, error);
  if (self->db == NULL)
    return NULL;
  self->clock = shou_sim_clock_new ();
  self->world = shou_sim_world_new (self->db, self->clock);
  self->demo = shou_sim_demo_new (self->world, 20261111);
  self->buyers = shou_sim_buyers_new (self->world, self->demo);
  self->soup = soup_server_new ("server-header", "shouhou-sim/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup, "/v1", handle_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming_cb), self);
  self->lapse_source = g_timeout_add_seconds (1, on_lapse_timer_cb, self);

  return g_steal_pointer (&self);
}

gboolean
shou_sim_server_set_tls_files (ShouSimServer  *self,
                               const char     *cert_file,
                               const char     *key_file,
                               GError        **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  cert = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (cert == NULL)
    return FALSE;
  g_set_object (&self->tls_cert, cert);
  return TRUE;
}

guint
shou_sim_server_listen (ShouSimServer  *self,
                        guint           port,
                        GError        **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  guint bound;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), 0);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  /* Our own socket for a longer accept queue than GLib's default of 10:
   * hundreds of clients connecting at once must wait, not be refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return 0;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      (local = g_socket_get_local_address (socket, error)) == NULL ||
      !g_socket_listener_add_socket (G_SOCKET_LISTENER (self->service), socket, NULL, error))
    return 0;
  bound = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_socket_service_start (self->service);

  g_free (self->url);
  self->url = g_strdup_printf ("%s://127.0.0.1:%u", self->tls_cert != NULL ? "https" : "http", bound);
  shou_sim_world_process_lapses (self->world);
  return bound;
}

const char *
shou_sim_server_get_url (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return self->url;
}

gboolean
shou_sim_server_add_demo (ShouSimServer  *self,
                          guint32         seed,
                          GError        **error)
{
  g_autoptr(ShouSimDemo) demo = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  if (!shou_sim_db_is_empty (self->db))
    return TRUE;
  demo = shou_sim_demo_new (self->world, seed);
  return shou_sim_demo_populate (demo, error);
}

gboolean
shou_sim_server_add_scale (ShouSimServer  *self,
                           guint           n,
                           guint32         seed,
                           GError        **error)
{
  g_autoptr(ShouSimDemo) demo = NULL;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  demo = shou_sim_demo_new (self->world, seed);
  return shou_sim_demo_scale (demo, n, error);
}

GStrv
shou_sim_server_dup_tokens (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_sim_db_list_tokens (self->db);
}

char *
shou_sim_server_dup_token (ShouSimServer *self,
                           const char    *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_sim_db_get_token (self->db, merchant_id);
}

gboolean
shou_sim_server_add_merchant (ShouSimServer  *self,
                              const char     *merchant_id,
                              const char     *name,
                              const char     *token,
                              GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_sim_db_add_merchant (self->db, merchant_id, name, token, error);
}

gboolean
shou_sim_server_add_shop (ShouSimServer  *self,
                          const char     *shop_id,
                          const char     *merchant_id,
                          ShouPlatform    platform,
                          const char     *name,
                          GError        **error)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);
  return shou_sim_db_add_shop (self->db, shop_id, merchant_id, platform, name, error);
}

ShouSimWorld *
shou_sim_server_get_world (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return self->world;
}

gint64
shou_sim_server_now (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), 0);
  return shou_sim_clock_now (self->clock);
}

void
shou_sim_server_advance_clock (ShouSimServer *self,
                               gint64         usec)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));

  shou_sim_clock_advance (self->clock, MAX (usec, 0));
  shou_sim_world_process_lapses (self->world);
}

void
shou_sim_server_set_lapse_grace (ShouSimServer *self,
                                 gint64         grace)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));
  shou_sim_world_set_lapse_grace (self->world, grace);
}

void
shou_sim_server_set_buyers (ShouSimServer *self,
                            gboolean       enabled,
                            guint          interval_ms)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));

  if (enabled)
    shou_sim_buyers_start (self->buyers, interval_ms);
  else
    shou_sim_buyers_stop (self->buyers);
}

void
shou_sim_server_set_demo_speed (ShouSimServer *self,
                                double         speed)
{
  g_return_if_fail (SHOU_IS_SIM_SERVER (self));
  shou_sim_buyers_set_speed (self->buyers, speed);
}

char *
shou_sim_server_step_buyers (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_sim_buyers_step (self->buyers);
}

gboolean
shou_sim_server_set_faults (ShouSimServer      *self,
                            double              rate,
                            const char * const *kinds,
                            guint               latency_ms,
                            guint32             seed,
                            GError            **error)
{
  guint mask = 0;

  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), FALSE);

  if (!(rate >= 0.0 && rate <= 1.0))
    {
      g_set_error (error, SHOU_SIM_ERROR, SHOU_SIM_ERROR_BAD_REQUEST,
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
          g_set_error (error, SHOU_SIM_ERROR, SHOU_SIM_ERROR_BAD_REQUEST,
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

char *
shou_sim_server_checksum (ShouSimServer *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_SERVER (self), NULL);
  return shou_sim_db_checksum (self->db);
}

/* Auth and lookups */

static char *
authenticate (ShouSimServer     *self,
              SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  char *merchant = NULL;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    {
      g_autofree char *token = g_strstrip (g_strdup (auth + 7));

      if (*token != '\0')
        merchant = shou_sim_db_lookup_token (self->db, token);
    }
  if (merchant == NULL)
    send_error (self, msg, 401, "unauthorized",
                auth == NULL ? "An Authorization: Bearer token is required"
                             : "The token is not valid");
  return merchant;
}

/* Loads an after-sales request of @merchant, else answers 404. */
static ShouSimAftersale *
load_aftersale (ShouSimServer     *self,
                SoupServerMessage *msg,
                const char        *merchant,
                const char        *id)
{
  ShouSimAftersale *as = shou_sim_db_get_aftersale (self->db, id);

  if (as == NULL || g_strcmp0 (as->merchant_id, merchant) != 0)
    {
      g_clear_pointer (&as, shou_sim_aftersale_free);
      send_error (self, msg, 404, "not_found", "No such after-sales request");
    }
  return as;
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return soup_message_body_flatten (body);
}

static JsonObject *
parse_body (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = request_body (msg);
  g_autoptr(ShouSimFailure) failure = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object = shou_sim_input_parse (data, length, &failure);

  if (object == NULL)
    send_failure (self, msg, failure);
  return object;
}

/* GET endpoints */

static void
get_shops (ShouSimServer     *self,
           SoupServerMessage *msg,
           const char        *merchant)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_array_member (body, "shops", shou_sim_db_list_shops (self->db, merchant));
  send_json (self, msg, 200, body);
}

/* Who the token belongs to: a client tells two merchants (and, once teams
 * exist, two staff members) on one server apart by this. */
static void
get_me (ShouSimServer     *self,
        SoupServerMessage *msg,
        const char        *merchant)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *name = shou_sim_db_get_merchant_name (self->db, merchant);

  json_object_set_string_member (body, "merchant_id", merchant);
  json_object_set_string_member (body, "merchant_name", name != NULL ? name : merchant);
  json_object_set_null_member (body, "staff_id");
  send_json (self, msg, 200, body);
}

static void
get_carriers (ShouSimServer     *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *list = json_array_new ();
  guint n = 0;
  const ShouCarrier *carriers = shou_carriers_get_all (&n);

  for (guint i = 0; i < n && carriers[i].code != NULL; i++)
    {
      JsonObject *c = json_object_new ();

      json_object_set_string_member (c, "code", carriers[i].code);
      json_object_set_string_member (c, "name", shou_sim_carrier_name (carriers[i].code));
      json_array_add_object_element (list, c);
    }
  json_object_set_array_member (body, "carriers", list);
  send_json (self, msg, 200, body);
}

static void
get_reasons (ShouSimServer     *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(JsonObject) body = json_object_new ();
  const char *name = query ? g_hash_table_lookup (query, "platform") : NULL;
  const ShouRejectReason *reasons;
  const ShouProfile *profile;
  ShouPlatform platform;
  JsonArray *list;
  guint n = 0;

  if (name == NULL || !shou_platform_from_string (name, &platform))
    {
      g_autoptr(ShouSimFailure) f = shou_sim_failure_bad ("platform", "unknown_platform",
                                                          "The query parameter platform must be one of "
                                                          "taobao, tmall, pdd, douyin, jd");
      send_failure (self, msg, f);
      return;
    }
  profile = shou_sim_world_get_profile (self->world, platform);
  reasons = shou_profile_get_reject_reasons (profile, &n);
  list = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "code", reasons[i].code);
      json_object_set_string_member (r, "text", reasons[i].text);
      json_object_set_boolean_member (r, "evidence_required", reasons[i].evidence_required);
      json_array_add_object_element (list, r);
    }
  json_object_set_string_member (body, "platform", shou_platform_to_string (platform));
  json_object_set_string_member (body, "profile_version", shou_profile_get_version (profile));
  json_object_set_array_member (body, "reasons", list);
  send_json (self, msg, 200, body);
}

static gboolean
parse_uint_param (const char *text,
                  guint64     max,
                  guint64    *out)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (strlen (text) > 18)
    return FALSE;
  *out = g_ascii_strtoull (text, NULL, 10);
  return *out <= max;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
get_changes (ShouSimServer     *self,
             SoupServerMessage *msg,
             const char        *merchant,
             GHashTable        *query)
{
  g_autoptr(GString) body = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *cursor_text = query ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 cursor = 0;
  guint64 limit = 500;
  gboolean has_more;

  if (cursor_text != NULL && *cursor_text != '\0' &&
      !parse_uint_param (cursor_text, G_MAXINT64, &cursor))
    {
      g_autoptr(ShouSimFailure) f = shou_sim_failure_bad ("cursor", "bad_cursor",
                                                          "The cursor is not one this server gave out");
      send_failure (self, msg, f);
      return;
    }
  if (limit_text != NULL && (!parse_uint_param (limit_text, 1000, &limit) || limit == 0))
    {
      g_autoptr(ShouSimFailure) f = shou_sim_failure_bad ("limit", "out_of_range",
                                                          "The limit must be between 1 and 1000");
      send_failure (self, msg, f);
      return;
    }

  changes = shou_sim_db_list_changes (self->db, merchant, cursor, limit + 1);
  has_more = changes->len > limit;
  if (has_more)
    g_ptr_array_set_size (changes, limit);

  /* Written as text entry by entry: a page of 1,000 built as one tree and
   * then serialised cost the feed twice its time, orders (stored as JSON)
   * most of all. */
  body = g_string_sized_new (2048 * (changes->len + 1));
  g_string_append (body, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      ShouSimChange *c = changes->pdata[i];
      g_autofree char *data = NULL;
      const char *kind = "order";

      switch (c->kind)
        {
        case SHOU_SIM_CHANGE_ORDER:
          data = shou_sim_db_get_order_text (self->db, c->id);
          break;
        case SHOU_SIM_CHANGE_AFTERSALE:
          {
            g_autoptr(ShouSimAftersale) as = shou_sim_db_get_aftersale (self->db, c->id);

            kind = "aftersale";
            if (as != NULL)
              {
                g_autoptr(JsonObject) obj = shou_sim_world_render_aftersale (self->world, as);
                data = object_to_string (obj);
              }
          }
          break;
        case SHOU_SIM_CHANGE_ADDRESS:
          {
            g_autoptr(JsonObject) obj = shou_sim_db_get_address (self->db, c->id);

            kind = "address";
            if (obj != NULL)
              data = object_to_string (obj);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append_printf (body, "{\"seq\":%" G_GINT64_FORMAT ",\"kind\":\"%s\",\"id\":", c->seq, kind);
      append_json_string (body, c->id);
      g_string_append (body, ",\"data\":");
      g_string_append (body, data ? data : "null");
      g_string_append_c (body, '}');
      cursor = c->seq;
    }
  g_string_append_printf (body, "],\"next_cursor\":\"%" G_GUINT64_FORMAT "\",\"has_more\":%s,"
                          "\"server_time\":%" G_GINT64_FORMAT "}",
                          cursor, has_more ? "true" : "false", shou_sim_clock_now (self->clock));
  send_text (self, msg, 200, g_string_free (g_steal_pointer (&body), FALSE));
}

static void
get_order (ShouSimServer     *self,
           SoupServerMessage *msg,
           const char        *merchant,
           const char        *id)
{
  g_autofree char *owner = NULL;
  JsonObject *order = shou_sim_db_get_order (self->db, id, &owner);

  if (order == NULL || g_strcmp0 (owner, merchant) != 0)
    {
      g_clear_pointer (&order, json_object_unref);
      send_error (self, msg, 404, "not_found", "No such order");
      return;
    }
  send_one (self, msg, 200, "order", order);
}

static void
get_aftersale (ShouSimServer     *self,
               SoupServerMessage *msg,
               const char        *merchant,
               const char        *id)
{
  g_autoptr(ShouSimAftersale) as = load_aftersale (self, msg, merchant, id);

  if (as != NULL)
    send_one (self, msg, 200, "aftersale", shou_sim_world_render_aftersale (self->world, as));
}

/* Actions */

static const char *const action_fields[] = { "action", "expected_version", "params", NULL };

static const char *const *
params_for_action (ShouAction action)
{
  static const char *const agree_refund[] = { "amount_fen", NULL };
  static const char *const agree_return[] = { "address_id", "message", NULL };
  static const char *const negotiate[] = { "round", "text", "scripts", "proposal", "amount_fen", "evidence", NULL };
  static const char *const reject[] = { "reason_code", "explanation", "evidence", NULL };
  static const char *const none[] = { NULL };
  static const char *const refuse_receipt[] = { "reason", "evidence", NULL };
  static const char *const ship_exchange[] = { "carrier", "tracking_no", NULL };
  static const char *const refund_proof[] = { "evidence", NULL };
  static const char *const message[] = { "text", NULL };

  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND: return agree_refund;
    case SHOU_ACTION_AGREE_RETURN: return agree_return;
    case SHOU_ACTION_NEGOTIATE: return negotiate;
    case SHOU_ACTION_REJECT: return reject;
    case SHOU_ACTION_CONFIRM_RECEIPT: return none;
    case SHOU_ACTION_REFUSE_RECEIPT: return refuse_receipt;
    case SHOU_ACTION_SHIP_EXCHANGE: return ship_exchange;
    case SHOU_ACTION_UPLOAD_REFUND_PROOF: return refund_proof;
    case SHOU_ACTION_MESSAGE: return message;
    case SHOU_N_ACTIONS:
    default: return none;
    }
}

static gboolean
check_evidence_refs (ShouSimAftersale  *as,
                     JsonArray         *refs,
                     guint             *n,
                     ShouSimFailure   **failure)
{
  *n = refs ? json_array_get_length (refs) : 0;
  for (guint i = 0; i < *n; i++)
    {
      const char *sha = json_array_get_string_element (refs, i);

      if (!shou_sim_world_has_evidence (as, sha))
        {
          *failure = shou_sim_failure_bad ("evidence", "unknown_evidence",
                                           "Evidence %s was not uploaded to this request", sha);
          return FALSE;
        }
    }
  return TRUE;
}

/* Validates the action's params into @event/@extra. */
static gboolean
prepare_action (ShouSimServer     *self,
                ShouSimAftersale  *as,
                ShouAction         action,
                JsonObject        *params,
                ShouEvent         *event,
                JsonObject        *extra,
                ShouSimFailure   **failure)
{
  const ShouProfile *profile = shou_sim_world_get_profile (self->world, as->state.platform);
  JsonArray *evidence = NULL;
  JsonArray *scripts = NULL;
  const char *s = NULL;
  gint64 n = 0;

  if (!shou_sim_input_check_fields (params, params_for_action (action), "params", failure))
    return FALSE;

  event->kind = shou_action_to_event (action);
  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND:
      event->amount_fen = as->state.amount_fen;
      if (!shou_sim_input_amount (params, "amount_fen", FALSE, &event->amount_fen, failure))
        return FALSE;
      break;
    case SHOU_ACTION_AGREE_RETURN:
      {
        g_autoptr(JsonObject) address = NULL;

        if (!shou_sim_input_string (params, "address_id", TRUE, &event->address_id, failure) ||
            !shou_sim_input_string (params, "message", FALSE, &event->text, failure) ||
            !shou_sim_input_text (profile, "message", event->text, failure))
          return FALSE;
        address = shou_sim_db_get_address (self->db, event->address_id);
        if (address == NULL ||
            g_strcmp0 (json_object_get_string_member (address, "shop_id"), as->shop_id) != 0 ||
            json_object_get_boolean_member (address, "deleted"))
          {
            *failure = shou_sim_failure_bad ("address_id", "unknown_address",
                                             "No return address %s in this shop", event->address_id);
            return FALSE;
          }
        json_object_set_object_member (extra, "address", g_steal_pointer (&address));
      }
      break;
    case SHOU_ACTION_NEGOTIATE:
      if (!shou_sim_input_int (params, "round", TRUE, &n, failure))
        return FALSE;
      if (n != 1 && n != 2)
        {
          *failure = shou_sim_failure_bad ("round", "out_of_range", "The round must be 1 or 2");
          return FALSE;
        }
      event->round = n;
      if (!shou_sim_input_string (params, "text", TRUE, &event->text, failure) ||
          !shou_sim_input_text (profile, "text", event->text, failure) ||
          !shou_sim_input_strings (params, "scripts", &scripts, failure) ||
          !shou_sim_input_string (params, "proposal", FALSE, &s, failure) ||
          !shou_sim_input_amount (params, "amount_fen", FALSE, &event->amount_fen, failure) ||
          !shou_sim_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (s != NULL && !shou_proposal_from_string (s, &event->proposal))
        {
          *failure = shou_sim_failure_bad ("proposal", "unknown_proposal", "Unknown proposal \"%s\"", s);
          return FALSE;
        }
      if (scripts != NULL)
        json_object_set_array_member (extra, "scripts", json_array_ref (scripts));
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_REJECT:
      if (!shou_sim_input_string (params, "reason_code", FALSE, &event->reason_code, failure) ||
          !shou_sim_input_string (params, "explanation", FALSE, &event->text, failure) ||
          !shou_sim_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (event->reason_code != NULL && *event->reason_code != '\0' &&
          shou_profile_find_reject_reason (profile, event->reason_code) == NULL)
        {
          *failure = shou_sim_failure_bad ("reason_code", "unknown_reason",
                                           "Unknown rejection reason \"%s\" for this platform",
                                           event->reason_code);
          return FALSE;
        }
      if (event->reason_code != NULL && *event->reason_code == '\0')
        event->reason_code = NULL;
      if (event->text != NULL && *event->text != '\0')
        {
          glong len = g_utf8_strlen (event->text, -1);

          if (len > (glong) shou_profile_get_explanation_max (profile) &&
              shou_profile_get_explanation_max (profile) > 0)
            {
              *failure = shou_sim_failure_bad ("explanation", "too_long",
                                               "The explanation is %ld characters; at most %u are allowed",
                                               len, shou_profile_get_explanation_max (profile));
              return FALSE;
            }
          if (len < (glong) shou_profile_get_explanation_min (profile))
            {
              *failure = shou_sim_failure_bad ("explanation", "too_short",
                                               "The explanation is %ld characters; at least %u are needed",
                                               len, shou_profile_get_explanation_min (profile));
              return FALSE;
            }
          if (!shou_sim_input_text (profile, "explanation", NULL, failure))
            return FALSE;
          if (!shou_validate_no_sensitive (event->text, NULL))
            {
              *failure = shou_sim_failure_bad ("explanation", "sensitive_word",
                                               "The explanation mentions a third-party platform or payment channel");
              return FALSE;
            }
        }
      else
        event->text = NULL;
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_CONFIRM_RECEIPT:
      break;
    case SHOU_ACTION_REFUSE_RECEIPT:
      if (!shou_sim_input_string (params, "reason", FALSE, &event->reason_code, failure) ||
          !shou_sim_input_text (profile, "reason", event->reason_code, failure) ||
          !shou_sim_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      break;
    case SHOU_ACTION_SHIP_EXCHANGE:
      if (!shou_sim_input_string (params, "carrier", TRUE, &event->carrier, failure) ||
          !shou_sim_input_string (params, "tracking_no", TRUE, &event->tracking_no, failure) ||
          !shou_sim_input_tracking (event->carrier, event->tracking_no, failure))
        return FALSE;
      break;
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
      if (!shou_sim_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_MESSAGE:
      if (!shou_sim_input_string (params, "text", TRUE, &event->text, failure) ||
          !shou_sim_input_text (profile, "text", event->text, failure))
        return FALSE;
      break;
    case SHOU_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
post_action (ShouSimServer     *self,
             SoupServerMessage *msg,
             const char        *merchant,
             const char        *id)
{
  g_autoptr(ShouSimAftersale) as = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  g_autofree char *text = NULL;
  const char *key;
  const char *action_name = NULL;
  JsonNode *params_node;
  JsonObject *params = NULL;
  ShouEvent event = { 0 };
  ShouAction action;
  guint stored_status = 0;
  guint status;
  gint64 expected = 0;
  gint64 now = shou_sim_clock_now (self->clock);

  as = load_aftersale (self, msg, merchant, id);
  if (as == NULL)
    return;

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  if (key == NULL || strlen (key) < 8 || strlen (key) > 128)
    {
      failure = shou_sim_failure_bad ("Idempotency-Key", key ? "bad_key" : "missing_field",
                                      "An Idempotency-Key header of 8 to 128 characters is required");
      send_failure (self, msg, failure);
      return;
    }

  body = parse_body (self, msg);
  if (body == NULL)
    return;

  hash = shou_sim_input_hash (id, body);
  if (shou_sim_db_get_idempotent (self->db, merchant, key, &stored_hash, &stored_status, &stored_body))
    {
      if (!g_str_equal (stored_hash, hash))
        {
          failure = shou_sim_failure_new (422, "idempotency_mismatch",
                                          "This Idempotency-Key was used with a different request");
          send_failure (self, msg, failure);
          return;
        }
      self->replays++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Idempotent-Replayed", "true");
      send_text (self, msg, stored_status, g_steal_pointer (&stored_body));
      return;
    }

  params_node = json_object_get_member (body, "params");
  if (params_node != NULL && !JSON_NODE_HOLDS_NULL (params_node) && !JSON_NODE_HOLDS_OBJECT (params_node))
    failure = shou_sim_failure_bad ("params", "wrong_type", "The field \"params\" must be an object");
  else if (params_node != NULL && JSON_NODE_HOLDS_OBJECT (params_node))
    params = json_node_get_object (params_node);

  if (failure == NULL &&
      shou_sim_input_check_fields (body, action_fields, NULL, &failure) &&
      shou_sim_input_string (body, "action", TRUE, &action_name, &failure) &&
      shou_sim_input_int (body, "expected_version", TRUE, &expected, &failure))
    {
      if (!shou_action_from_string (action_name, &action))
        failure = shou_sim_failure_bad ("action", "unknown_action", "Unknown action \"%s\"", action_name);
      else
        prepare_action (self, as, action, params ? params : extra, &event, extra, &failure);
    }
  if (failure != NULL)
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      send_failure (self, msg, failure);
      return;
    }

  if (!shou_sim_db_begin (self->db, &error))
    {
      send_error (self, msg, 500, "internal", error->message);
      return;
    }

  if (expected != as->state.version)
    {
      failure = shou_sim_failure_new (409, "version_conflict",
                                      "The request changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")",
                                      as->state.version, expected);
      failure->current_version = as->state.version;
    }
  else if (shou_sim_world_apply (self->world, as, &event, extra, now, &failure))
    {
      if (!shou_sim_world_save (self->world, as, &error))
        {
          shou_sim_db_rollback (self->db);
          send_error (self, msg, 500, "internal", error->message);
          return;
        }
    }

  if (failure != NULL)
    {
      status = failure->status;
      response = shou_sim_failure_to_json (failure);
    }
  else
    {
      status = 200;
      response = json_object_new ();
      json_object_set_object_member (response, "aftersale",
                                     shou_sim_world_render_aftersale (self->world, as));
    }
  text = object_to_string (response);
  if (!shou_sim_db_put_idempotent (self->db, merchant, key, hash, status, text, now, &error) ||
      !shou_sim_db_commit (self->db, &error))
    {
      shou_sim_db_rollback (self->db);
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  if (status == 200)
    self->actions_applied++;
  send_text (self, msg, status, g_steal_pointer (&text));
}

/* Evidence */

static void
post_evidence (ShouSimServer     *self,
               SoupServerMessage *msg,
               const char        *merchant,
               const char        *id,
               GHashTable        *query)
{
  g_autoptr(ShouSimAftersale) as = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) sum = NULL;
  g_autoptr(ShouSimFailure) failure = NULL;
  const char *kind_name = query ? g_hash_table_lookup (query, "kind") : NULL;
  const char *declared;
  const char *content_type = NULL;
  const ShouProfile *profile;
  ShouEvidenceKind kind;
  const guint8 *data;
  const char *sha;
  gsize length;
  JsonArray *list;

  as = load_aftersale (self, msg, merchant, id);
  if (as == NULL)
    return;
  profile = shou_sim_world_get_profile (self->world, as->state.platform);

  if (kind_name == NULL)
    kind_name = "other";
  if (!shou_evidence_kind_from_string (kind_name, &kind))
    {
      failure = shou_sim_failure_bad ("kind", "unknown_kind", "Unknown evidence kind \"%s\"", kind_name);
      send_failure (self, msg, failure);
      return;
    }

  bytes = request_body (msg);
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      failure = shou_sim_failure_bad ("body", "empty", "The upload is empty");
      send_failure (self, msg, failure);
      return;
    }

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, data, length);
  sha = g_checksum_get_string (sum);

  declared = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  content_type = shou_sniff_content_type (data, length);
  if (declared != NULL && !g_str_equal (declared, "application/octet-stream") &&
      g_strcmp0 (declared, content_type) != 0)
    {
      failure = shou_sim_failure_new (415, "unsupported_type",
                                      "The file is declared as %s but its content is %s",
                                      declared, content_type ? content_type : "not a known type");
      send_failure (self, msg, failure);
      return;
    }

  if (shou_sim_world_has_evidence (as, sha))
    {
      list = json_object_get_array_member (as->doc, "evidence");
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *e = json_array_get_object_element (list, i);

          if (g_str_equal (json_object_get_string_member (e, "id"), sha))
            {
              send_one (self, msg, 200, "evidence", json_object_ref (e));
              return;
            }
        }
    }

  if (!shou_validate_evidence (profile, data, length,
                               shou_sim_world_count_evidence (as, SHOU_ACTOR_SELLER),
                               &content_type, &error))
    {
      if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG))
        failure = shou_sim_failure_new (413, "too_large", "%s", error->message);
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_MANY))
        failure = shou_sim_failure_new (422, "too_many", "%s", error->message);
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY))
        failure = shou_sim_failure_bad ("body", "empty", "%s", error->message);
      else
        failure = shou_sim_failure_new (415, "unsupported_type", "%s", error->message);
      send_failure (self, msg, failure);
      return;
    }

  if (!shou_sim_db_begin (self->db, &error))
    {
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  shou_sim_world_attach_evidence (as, sha, content_type, length,
                                  shou_evidence_kind_to_string (kind), SHOU_ACTOR_SELLER,
                                  shou_sim_clock_now (self->clock));
  as->updated_at = shou_sim_clock_now (self->clock);
  if (!shou_sim_db_put_evidence (self->db, sha, content_type, bytes, &error) ||
      !shou_sim_world_save (self->world, as, &error) ||
      !shou_sim_db_commit (self->db, &error))
    {
      shou_sim_db_rollback (self->db);
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  list = json_object_get_array_member (as->doc, "evidence");
  send_one (self, msg, 201, "evidence",
            json_object_ref (json_array_get_object_element (list, json_array_get_length (list) - 1)));
}

static void
get_evidence (ShouSimServer     *self,
              SoupServerMessage *msg,
              const char        *merchant,
              const char        *id,
              const char        *sha)
{
  g_autoptr(ShouSimAftersale) as = load_aftersale (self, msg, merchant, id);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;

  if (as == NULL)
    return;
  if (!shou_sim_world_has_evidence (as, sha) ||
      (bytes = shou_sim_db_get_evidence (self->db, sha, &content_type)) == NULL)
    {
      send_error (self, msg, 404, "not_found", "No such evidence on this request");
      return;
    }
  set_common_headers (self, msg);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Return addresses */

/* Read-only members (id, shop_id, version, deleted) are accepted and
 * ignored so that a client may send back the object it received. */
static const char *const address_fields[] = {
  "name", "phone", "province", "city", "district", "street", "postcode", "is_default",
  "expected_version", "id", "shop_id", "version", "deleted", NULL
};

static JsonObject *
validate_address (JsonObject       *body,
                  gboolean          update,
                  gint64           *expected,
                  ShouSimFailure  **failure)
{
  static const char *const required[] = { "name", "phone", "province", "city", "street" };
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *s = NULL;
  gboolean is_default = FALSE;

  if (!shou_sim_input_check_fields (body, address_fields, NULL, failure))
    return NULL;
  if (!update && json_object_has_member (body, "expected_version"))
    {
      *failure = shou_sim_failure_bad ("expected_version", "unknown_field",
                                       "A new address has no version");
      return NULL;
    }
  if (update && !shou_sim_input_int (body, "expected_version", TRUE, expected, failure))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!shou_sim_input_string (body, required[i], TRUE, &s, failure))
        return NULL;
      if (g_utf8_strlen (s, -1) > 120)
        {
          *failure = shou_sim_failure_bad (required[i], "too_long", "The field \"%s\" is too long", required[i]);
          return NULL;
        }
      json_object_set_string_member (address, required[i], s);
    }
  if (!shou_sim_input_string (body, "district", FALSE, &s, failure))
    return NULL;
  json_object_set_string_member (address, "district", s ? s : "");
  if (!shou_validate_phone (json_object_get_string_member (address, "phone"), &error))
    {
      *failure = shou_sim_failure_bad ("phone", "invalid_phone", "%s", error->message);
      return NULL;
    }
  if (!shou_sim_input_string (body, "postcode", FALSE, &s, failure))
    return NULL;
  if (s != NULL && *s != '\0' && !shou_validate_postcode (s, &error))
    {
      *failure = shou_sim_failure_bad ("postcode", "invalid_postcode", "%s", error->message);
      return NULL;
    }
  json_object_set_string_member (address, "postcode", s ? s : "");
  if (!shou_sim_input_bool (body, "is_default", &is_default, failure))
    return NULL;
  json_object_set_boolean_member (address, "is_default", is_default);
  return g_steal_pointer (&address);
}

static void
addresses (ShouSimServer     *self,
           SoupServerMessage *msg,
           const char        *merchant,
           const char        *method,
           const char        *shop_id,
           const char        *address_id)
{
  g_autofree char *owner = shou_sim_db_get_shop (self->db, shop_id, NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) address = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  gint64 expected = 0;
  gint64 version = 1;

  /* A missing shop answers like another merchant's, so shop ids cannot be
   * probed. */
  if (owner == NULL || !g_str_equal (owner, merchant))
    {
      send_error (self, msg, 403, "forbidden", "This shop is not one of the merchant's shops");
      return;
    }

  if (address_id == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonObject) list = json_object_new ();

      json_object_set_array_member (list, "addresses", shou_sim_db_list_addresses (self->db, shop_id));
      send_json (self, msg, 200, list);
      return;
    }

  if (address_id != NULL)
    {
      current = shou_sim_db_get_address (self->db, address_id);
      if (current == NULL || json_object_get_boolean_member (current, "deleted") ||
          g_strcmp0 (json_object_get_string_member (current, "shop_id"), shop_id) != 0)
        {
          send_error (self, msg, 404, "not_found", "No such return address");
          return;
        }
    }

  if (g_str_equal (method, "DELETE"))
    {
      if (shou_sim_db_address_in_use (self->db, address_id))
        {
          failure = shou_sim_failure_new (422, "not_allowed",
                                          "An open after-sales request uses this return address");
          failure->reason = g_strdup ("address_in_use");
          send_failure (self, msg, failure);
          return;
        }
      json_object_set_boolean_member (current, "is_default", FALSE);
      if (!shou_sim_db_begin (self->db, &error) ||
          !shou_sim_db_put_address (self->db, address_id, shop_id, merchant, current,
                                    json_object_get_int_member (current, "version") + 1, TRUE, &error) ||
          !shou_sim_db_commit (self->db, &error))
        {
          shou_sim_db_rollback (self->db);
          send_error (self, msg, 500, "internal", error->message);
          return;
        }
      send_text (self, msg, 204, NULL);
      return;
    }

  body = parse_body (self, msg);
  if (body == NULL)
    return;
  address = validate_address (body, address_id != NULL, &expected, &failure);
  if (address == NULL)
    {
      send_failure (self, msg, failure);
      return;
    }
  if (current != NULL)
    {
      version = json_object_get_int_member (current, "version");
      if (expected != version)
        {
          failure = shou_sim_failure_new (409, "version_conflict",
                                          "The address changed (version %" G_GINT64_FORMAT ")", version);
          failure->current_version = version;
          send_failure (self, msg, failure);
          return;
        }
      version++;
    }
  else
    {
      new_id = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_sim_db_next_id (self->db, "address"));
      address_id = new_id;
    }

  if (!shou_sim_db_begin (self->db, &error))
    {
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  if ((json_object_get_boolean_member (address, "is_default") &&
       !shou_sim_db_clear_default (self->db, shop_id, address_id, &error)) ||
      !shou_sim_db_put_address (self->db, address_id, shop_id, merchant, address, version, FALSE, &error) ||
      !shou_sim_db_commit (self->db, &error))
    {
      shou_sim_db_rollback (self->db);
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  send_one (self, msg, current ? 200 : 201, "address", shou_sim_db_get_address (self->db, address_id));
}

/* Test controls */

static void
test_clock (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  static const char *const fields[] = { "advance_us", NULL };
  g_autoptr(JsonObject) body = parse_body (self, msg);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(ShouSimFailure) failure = NULL;
  gint64 advance = 0;
  guint lapsed;

  if (body == NULL)
    return;
  if (!shou_sim_input_check_fields (body, fields, NULL, &failure) ||
      !shou_sim_input_int (body, "advance_us", TRUE, &advance, &failure))
    {
      send_failure (self, msg, failure);
      return;
    }
  if (advance < 0 || advance > 3650 * SHOU_USEC_PER_DAY)
    {
      failure = shou_sim_failure_bad ("advance_us", "out_of_range",
                                      "The clock moves forward only, by at most ten years");
      send_failure (self, msg, failure);
      return;
    }
  shou_sim_clock_advance (self->clock, advance);
  lapsed = shou_sim_world_process_lapses (self->world);
  reply = json_object_new ();
  json_object_set_int_member (reply, "now", shou_sim_clock_now (self->clock));
  json_object_set_int_member (reply, "offset_us", shou_sim_clock_get_offset (self->clock));
  json_object_set_int_member (reply, "lapsed", lapsed);
  send_json (self, msg, 200, reply);
}

static void
test_buyer (ShouSimServer     *self,
            SoupServerMessage *msg,
            gboolean           logistics)
{
  g_autoptr(JsonObject) body = parse_body (self, msg);
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(ShouSimAftersale) as = NULL;

  if (body == NULL)
    return;
  as = logistics ? shou_sim_buyers_logistics (self->buyers, body, &failure)
                 : shou_sim_buyers_act (self->buyers, body, &failure);
  if (as == NULL)
    {
      send_failure (self, msg, failure);
      return;
    }
  send_one (self, msg, 200, "aftersale", shou_sim_world_render_aftersale (self->world, as));
}

static void
test_order (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  static const char *const fields[] = { "shop_id", "state", NULL };
  g_autoptr(JsonObject) body = parse_body (self, msg);
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *order_id = NULL;
  const char *shop_id = NULL;
  const char *state_name = NULL;
  ShouOrderState state = SHOU_ORDER_COMPLETED;

  if (body == NULL)
    return;
  if (!shou_sim_input_check_fields (body, fields, NULL, &failure) ||
      !shou_sim_input_string (body, "shop_id", TRUE, &shop_id, &failure) ||
      !shou_sim_input_string (body, "state", FALSE, &state_name, &failure))
    {
      send_failure (self, msg, failure);
      return;
    }
  if (state_name != NULL && !shou_order_state_from_string (state_name, &state))
    {
      failure = shou_sim_failure_bad ("state", "unknown_state", "Unknown order state \"%s\"", state_name);
      send_failure (self, msg, failure);
      return;
    }
  owner = shou_sim_db_get_shop (self->db, shop_id, NULL);
  if (owner == NULL)
    {
      send_error (self, msg, 404, "not_found", "No such shop");
      return;
    }
  if (!shou_sim_db_begin (self->db, &error) ||
      (order_id = shou_sim_demo_add_order (self->demo, shop_id, state,
                                           shou_sim_clock_now (self->clock), &error)) == NULL ||
      !shou_sim_db_commit (self->db, &error))
    {
      shou_sim_db_rollback (self->db);
      send_error (self, msg, 500, "internal", error->message);
      return;
    }
  send_one (self, msg, 201, "order", shou_sim_db_get_order (self->db, order_id, NULL));
}

static void
test_faults (ShouSimServer     *self,
             SoupServerMessage *msg)
{
  static const char *const fields[] = { "rate", "kinds", "latency_ms", "timeout_ms", "seed", NULL };
  g_autoptr(JsonObject) body = parse_body (self, msg);
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *kind_list = NULL;
  JsonNode *rate_node;
  double rate = 0;
  gint64 latency = 0;
  gint64 timeout = 0;
  gint64 seed = 1;

  if (body == NULL)
    return;
  rate_node = json_object_get_member (body, "rate");
  if (!shou_sim_input_check_fields (body, fields, NULL, &failure) ||
      !shou_sim_input_strings (body, "kinds", &kind_list, &failure) ||
      !shou_sim_input_int (body, "latency_ms", FALSE, &latency, &failure) ||
      !shou_sim_input_int (body, "timeout_ms", FALSE, &timeout, &failure) ||
      !shou_sim_input_int (body, "seed", FALSE, &seed, &failure))
    {
      send_failure (self, msg, failure);
      return;
    }
  if (rate_node == NULL || !JSON_NODE_HOLDS_VALUE (rate_node) ||
      (json_node_get_value_type (rate_node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (rate_node) != G_TYPE_INT64))
    {
      failure = shou_sim_failure_bad ("rate", "wrong_type", "The field \"rate\" must be a number from 0 to 1");
      send_failure (self, msg, failure);
      return;
    }
  rate = json_node_get_double (rate_node);
  for (guint i = 0; kind_list && i < json_array_get_length (kind_list); i++)
    g_ptr_array_add (kinds, (gpointer) json_array_get_string_element (kind_list, i));
  g_ptr_array_add (kinds, NULL);
  if (latency < 0 || latency > 60000 ||
      !shou_sim_server_set_faults (self, rate, (const char * const *) kinds->pdata,
                                   latency, (guint32) seed, &error))
    {
      failure = shou_sim_failure_bad (error ? "kinds" : "latency_ms", "out_of_range", "%s",
                                      error ? error->message : "latency_ms must be 0 to 60000");
      send_failure (self, msg, failure);
      return;
    }
  if (timeout < 0 || timeout > 60000)
    {
      failure = shou_sim_failure_bad ("timeout_ms", "out_of_range", "timeout_ms must be 0 to 60000");
      send_failure (self, msg, failure);
      return;
    }
  if (timeout > 0)
    self->timeout_ms = timeout;
  json_object_set_double_member (reply, "rate", self->fault_rate);
  json_object_set_int_member (reply, "timeout_ms", self->timeout_ms);
  send_json (self, msg, 200, reply);
}

/* Simulated buyers' moves on request, for tests that drive the simulator
 * from another process instead of letting its timer run. */
static void
test_step (ShouSimServer     *self,
           SoupServerMessage *msg)
{
  static const char *const fields[] = { "moves", NULL };
  g_autoptr(JsonObject) body = parse_body (self, msg);
  g_autoptr(ShouSimFailure) failure = NULL;
  g_autoptr(JsonObject) reply = NULL;
  JsonArray *moved;
  gint64 moves = 1;

  if (body == NULL)
    return;
  if (!shou_sim_input_check_fields (body, fields, NULL, &failure) ||
      !shou_sim_input_int (body, "moves", FALSE, &moves, &failure))
    {
      send_failure (self, msg, failure);
      return;
    }
  if (moves < 1 || moves > 1000)
    {
      failure = shou_sim_failure_bad ("moves", "out_of_range", "moves must be 1 to 1000");
      send_failure (self, msg, failure);
      return;
    }
  moved = json_array_new ();
  for (gint64 i = 0; i < moves; i++)
    {
      g_autofree char *what = shou_sim_buyers_step (self->buyers);

      if (what == NULL)
        continue;
      if (!(self->flags & SHOU_SIM_FLAG_QUIET))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

          g_print ("%s buyer %s\n", stamp, what);
        }
      json_array_add_string_element (moved, what);
    }
  reply = json_object_new ();
  json_object_set_int_member (reply, "attempted", moves);
  json_object_set_array_member (reply, "moves", moved);
  json_object_set_int_member (reply, "events", shou_sim_world_get_events_applied (self->world));
  send_json (self, msg, 200, reply);
}

static void
test_stats (ShouSimServer     *self,
            SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_int_member (reply, "actions_applied", self->actions_applied);
  json_object_set_int_member (reply, "requests", self->requests);
  json_object_set_int_member (reply, "events", shou_sim_world_get_events_applied (self->world));
  json_object_set_int_member (reply, "idempotent_replays", self->replays);
  json_object_set_int_member (reply, "open_connections", g_hash_table_size (self->connections));
  json_object_set_int_member (reply, "now", shou_sim_clock_now (self->clock));
  send_json (self, msg, 200, reply);
}

static void
dispatch_test (ShouSimServer     *self,
               SoupServerMessage *msg,
               const char        *method,
               const char        *what)
{
  gboolean post = g_str_equal (method, "POST");

  if (g_str_equal (what, "clock") && post)
    test_clock (self, msg);
  else if (g_str_equal (what, "buyer") && post)
    test_buyer (self, msg, FALSE);
  else if (g_str_equal (what, "logistics") && post)
    test_buyer (self, msg, TRUE);
  else if (g_str_equal (what, "order") && post)
    test_order (self, msg);
  else if (g_str_equal (what, "faults") && post)
    test_faults (self, msg);
  else if (g_str_equal (what, "step") && post)
    test_step (self, msg);
  else if (g_str_equal (what, "stats") && g_str_equal (method, "GET"))
    test_stats (self, msg);
  else if (g_strv_contains ((const char *const[]) { "clock", "buyer", "logistics", "order", "faults", "step",
                                                    "stats", NULL }, what))
    send_error (self, msg, 405, "method_not_allowed", "This method is not allowed here");
  else
    send_error (self, msg, 404, "not_found", "No such endpoint");
}

/* Routing: path segments after /v1. */
static void
dispatch (ShouSimServer     *self,
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
  else if (n == 3 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "evidence"))
    allowed = post;
  else if (n == 4 && g_str_equal (seg[0], "aftersales") && g_str_equal (seg[2], "evidence"))
    allowed = get;
  else if (n == 3 && g_str_equal (seg[0], "shops") && g_str_equal (seg[2], "return-addresses"))
    allowed = get || post;
  else if (n == 4 && g_str_equal (seg[0], "shops") && g_str_equal (seg[2], "return-addresses"))
    allowed = g_str_equal (method, "PUT") || g_str_equal (method, "DELETE");
  else
    known = FALSE;

  if (!known)
    {
      send_error (self, msg, 404, "not_found", "No such endpoint");
      return;
    }
  if (!allowed)
    {
      send_error (self, msg, 405, "method_not_allowed", "This method is not allowed here");
      return;
    }

  merchant = authenticate (self, msg);
  if (merchant == NULL)
    return;

  if (n == 1 && g_str_equal (seg[0], "shops"))
    get_shops (self, msg, merchant);
  else if (n == 1 && g_str_equal (seg[0], "me"))
    get_me (self, msg, merchant);
  else if (n == 1 && g_str_equal (seg[0], "carriers"))
    get_carriers (self, msg);
  else if (n == 1 && g_str_equal (seg[0], "reasons"))
    get_reasons (self, msg, query);
  else if (n == 1 && g_str_equal (seg[0], "changes"))
    get_changes (self, msg, merchant, query);
  else if (n == 2 && g_str_equal (seg[0], "orders"))
    get_order (self, msg, merchant, seg[1]);
  else if (n == 2)
    get_aftersale (self, msg, merchant, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "actions"))
    post_action (self, msg, merchant, seg[1]);
  else if (n == 3 && g_str_equal (seg[2], "evidence"))
    post_evidence (self, msg, merchant, seg[1], query);
  else if (n == 4 && g_str_equal (seg[2], "evidence"))
    get_evidence (self, msg, merchant, seg[1], seg[3]);
  else
    addresses (self, msg, merchant, method, seg[1], n == 4 ? seg[3] : NULL);
}

/* Faults */

static Fault
roll_fault (ShouSimServer *self)
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
drop_connection (ShouSimServer     *self,
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
  ShouSimServer     *self;
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

static void serve (ShouSimServer *self, SoupServerMessage *msg, const char *path, GHashTable *query);

static gboolean
on_held_timeout_cb (gpointer user_data)
{
  Held *held = user_data;
  ShouSimServer *self = held->self;
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
hold (ShouSimServer     *self,
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
serve (ShouSimServer     *self,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) seg = NULL;
  guint n;

  if (!g_str_has_prefix (path, "/v1/"))
    {
      send_error (self, msg, 404, "not_found", "No such endpoint");
      return;
    }
  seg = g_strsplit (path + 4, "/", 6);
  n = g_strv_length (seg);
  for (guint i = 0; i < n; i++)
    if (*seg[i] == '\0')
      {
        send_error (self, msg, 404, "not_found", "No such endpoint");
        return;
      }

  if (g_str_equal (seg[0], "test"))
    {
      if (!(self->flags & SHOU_SIM_FLAG_TEST_CONTROLS) || n != 2)
        send_error (self, msg, 404, "not_found", "No such endpoint");
      else
        dispatch_test (self, msg, method, seg[1]);
      return;
    }

  shou_sim_world_process_lapses (self->world);
  dispatch (self, msg, method, seg, n, query);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ShouSimServer *self = user_data;
  gboolean is_test = g_str_has_prefix (path, "/v1/test/");
  Fault fault = FAULT_NONE;

  self->requests++;
  if (!(self->flags & SHOU_SIM_FLAG_QUIET))
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
      send_error (self, msg, 503, "unavailable", "Simulated outage; retry later");
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
