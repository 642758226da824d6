/* shou-hub-server.h: shouhou-hub, the v1 contract (API.md) as a real HTTP
 * server over a store and a platform. Usable in-process: tests and
 * shouhou-sim create one on 127.0.0.1:0 in their own main loop. */
#pragma once

#include "hub/shou-hub-guard.h"
#include "hub/shou-hub-http.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_HUB_SERVER_NONE          = 0,
  SHOU_HUB_SERVER_TEST_CONTROLS = 1 << 0,  /* serve /v1/test/… through the test handler */
  SHOU_HUB_SERVER_QUIET         = 1 << 2,  /* no console log of requests */
  SHOU_HUB_SERVER_SIMULATOR     = 1 << 3,  /* says "shouhou-sim" in its Server header */
} ShouHubServerFlags;

/* Answers POST|GET /v1/test/@what; returns %FALSE for an unknown @what
 * (the server answers 404). */
typedef gboolean (*ShouHubTestHandler) (ShouHubContext    *ctx,
                                        SoupServerMessage *msg,
                                        const char        *method,
                                        const char        *what,
                                        gpointer           user_data);

#define SHOU_TYPE_HUB_SERVER (shou_hub_server_get_type ())
G_DECLARE_FINAL_TYPE (ShouHubServer, shou_hub_server, SHOU, HUB_SERVER, GObject)

/* Returns: (transfer full): a server not yet listening */
ShouHubServer  *shou_hub_server_new              (ShouHubStore       *store,
                                                  ShouHubPlatform    *platform,
                                                  ShouHubServerFlags  flags);
/* Serve HTTPS with this certificate and key (PEM files). Before listen(). */
gboolean        shou_hub_server_set_tls_files    (ShouHubServer      *self,
                                                  const char         *cert_file,
                                                  const char         *key_file,
                                                  GError            **error);
/* Binds @host (an IP address; %NULL: 127.0.0.1) on @port (0 = any free
 * port). Returns: the port, 0 on error. */
guint           shou_hub_server_listen           (ShouHubServer      *self,
                                                  const char         *host,
                                                  guint               port,
                                                  GError            **error);
/* "http://127.0.0.1:PORT" (no trailing slash), or %NULL before listen(). */
const char     *shou_hub_server_get_url          (ShouHubServer      *self);
void            shou_hub_server_set_test_handler (ShouHubServer      *self,
                                                  ShouHubTestHandler  handler,
                                                  gpointer            user_data);
/* (transfer none): the store, platform and counters the routes share */
ShouHubContext *shou_hub_server_get_context      (ShouHubServer      *self);
guint           shou_hub_server_get_open_connections (ShouHubServer  *self);
/* 0 keeps the default (shou-hub-guard.h). */
void            shou_hub_server_set_connection_limits (ShouHubServer *self,
                                                       guint          max_connections,
                                                       guint          header_timeout_ms,
                                                       guint          body_timeout_ms);
/* (transfer none) */
ShouHubGuard   *shou_hub_server_get_guard        (ShouHubServer      *self);

/* Faults on /v1/ endpoints other than test controls (API.md). @kinds is a
 * NULL-terminated list of "latency", "5xx", "timeout", "drop", "truncate",
 * "malformed"; @rate 0 turns faults off. */
gboolean        shou_hub_server_set_faults       (ShouHubServer      *self,
                                                  double              rate,
                                                  const char * const *kinds,
                                                  guint               latency_ms,
                                                  guint32             seed,
                                                  GError            **error);
double          shou_hub_server_get_fault_rate   (ShouHubServer      *self);
guint           shou_hub_server_get_fault_timeout (ShouHubServer     *self);
void            shou_hub_server_set_fault_timeout (ShouHubServer     *self,
                                                   guint              timeout_ms);

/* Whether this hub runs its merchants' automatic rules (a team's hub
 * does; the simulator for a lone desktop does not), and their undo window
 * (usec). GET /v1/me tells desktops, which then leave them to the hub. */
void        shou_hub_server_set_autorules        (ShouHubServer      *self,
                                                  gboolean            run,
                                                  gint64              undo_window);

G_END_DECLS
