/* shou-sim-server.h: shouhou-sim, the hub (src/hub/API.md) with the
 * simulated platform and test controls, as a real HTTP server. Usable
 * in-process: tests create one on 127.0.0.1:0 in their own main loop and
 * talk to it over HTTP. */
#pragma once

#include "hub/shou-hub-server.h"
#include "shou-sim-world.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_SIM_FLAG_NONE          = 0,
  SHOU_SIM_FLAG_TEST_CONTROLS = 1 << 0,  /* serve /v1/test/… */
  SHOU_SIM_FLAG_BUYERS        = 1 << 1,  /* simulated buyers act on a timer */
  SHOU_SIM_FLAG_QUIET         = 1 << 2,  /* no console log of requests */
} ShouSimFlags;

#define SHOU_TYPE_SIM_SERVER (shou_sim_server_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimServer, shou_sim_server, SHOU, SIM_SERVER, GObject)

/**
 * shou_sim_server_new:
 * @db_path: the simulator's SQLite file (created if missing), or a
 *   `postgresql://` URL
 *
 * Returns: (transfer full): a server not yet listening, or %NULL
 */
ShouSimServer *shou_sim_server_new            (const char     *db_path,
                                               ShouSimFlags    flags,
                                               GError        **error);
/* Serve HTTPS with this certificate and key (PEM files). Before listen(). */
gboolean       shou_sim_server_set_tls_files  (ShouSimServer  *self,
                                               const char     *cert_file,
                                               const char     *key_file,
                                               GError        **error);
/* Binds 127.0.0.1:@port (0 = any free port). Returns: the port, 0 on error. */
guint          shou_sim_server_listen         (ShouSimServer  *self,
                                               guint           port,
                                               GError        **error);
/* "http://127.0.0.1:PORT" (no trailing slash), or %NULL before listen(). */
const char    *shou_sim_server_get_url        (ShouSimServer  *self);

/* Seeded demo data (API.md "Demo data"); does nothing if the database
 * already has merchants. */
gboolean       shou_sim_server_add_demo       (ShouSimServer  *self,
                                               guint32         seed,
                                               GError        **error);
/* Days of ended requests and orders add_demo() makes before its ~month
 * of requests (`--demo` uses 90; 0, the default, none). */
void           shou_sim_server_set_demo_history_days (ShouSimServer *self,
                                                      guint          days);
/* @n more orders with a request each, spread over every state, in one
 * transaction; for benchmarks. Creates a merchant "scale" if needed. */
gboolean       shou_sim_server_add_scale      (ShouSimServer  *self,
                                               guint           n,
                                               guint32         seed,
                                               GError        **error);
/* (transfer full): "MERCHANT TOKEN" lines in creation order */
GStrv          shou_sim_server_dup_tokens     (ShouSimServer  *self);
/* (transfer full): token of @merchant_id, or %NULL */
char          *shou_sim_server_dup_token      (ShouSimServer  *self,
                                               const char     *merchant_id);

/* Small fixtures for tests. */
gboolean       shou_sim_server_add_merchant   (ShouSimServer  *self,
                                               const char     *merchant_id,
                                               const char     *name,
                                               const char     *token,
                                               GError        **error);
/* A staff member of @merchant_id's team: @role "owner" or "agent" (with
 * amount caps in fen). */
gboolean       shou_sim_server_add_staff      (ShouSimServer  *self,
                                               const char     *merchant_id,
                                               const char     *staff_id,
                                               const char     *name,
                                               const char     *token,
                                               const char     *role,
                                               gint64          cap_action_fen,
                                               gint64          cap_day_fen,
                                               GError        **error);
gboolean       shou_sim_server_add_shop       (ShouSimServer  *self,
                                               const char     *shop_id,
                                               const char     *merchant_id,
                                               ShouPlatform    platform,
                                               const char     *name,
                                               GError        **error);

ShouSimWorld  *shou_sim_server_get_world      (ShouSimServer  *self);
/* (transfer none): the hub it serves through */
ShouHubServer *shou_sim_server_get_hub        (ShouSimServer  *self);
gint64         shou_sim_server_now            (ShouSimServer  *self);
/* Advances the virtual clock and lapses what became due. */
void           shou_sim_server_advance_clock  (ShouSimServer  *self,
                                               gint64          usec);
void           shou_sim_server_set_lapse_grace (ShouSimServer *self,
                                                gint64         grace);
/* Starts or stops the simulated buyers; @interval_ms between their moves. */
void           shou_sim_server_set_buyers     (ShouSimServer  *self,
                                               gboolean        enabled,
                                               guint           interval_ms);
/* Demo speed (> 0, default 1): buyers answer a fresh negotiation round
 * 90 s / @speed after it was sent. */
void           shou_sim_server_set_demo_speed (ShouSimServer *self,
                                               double         speed);
/* One simulated buyer move now. Returns: (transfer full) (nullable): what
 * happened, as logged on the console. */
char          *shou_sim_server_step_buyers    (ShouSimServer  *self);
/* Faults on /v1/ endpoints other than test controls (API.md). @kinds is a
 * NULL-terminated list of "latency", "5xx", "timeout", "drop", "truncate",
 * "malformed"; @rate 0 turns faults off. */
gboolean       shou_sim_server_set_faults     (ShouSimServer  *self,
                                               double          rate,
                                               const char * const *kinds,
                                               guint           latency_ms,
                                               guint32         seed,
                                               GError        **error);
/* SHA-256 over the database's tables, for "nothing changed" checks. */
char          *shou_sim_server_checksum       (ShouSimServer  *self);

G_END_DECLS
