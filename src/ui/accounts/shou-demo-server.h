/* shou-demo-server.h: the bundled `shouhou-sim --demo` as a child process
 * on 127.0.0.1, stopped with the app (and killed by the kernel if the app
 * dies first). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Tried first so the demo account keeps its URL across runs; the demo falls
 * back to any free port when it is taken. */
#define SHOU_DEMO_SERVER_DEFAULT_PORT 47370

#define SHOU_TYPE_DEMO_SERVER (shou_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (ShouDemoServer, shou_demo_server, SHOU, DEMO_SERVER, GObject)

/* Properties:
 *   "db-path"        string, construct: default <user data dir>/shouhou/demo-sim.db
 *                    (kept across runs, so the seller's demo work stays)
 *   "port"           uint, construct: default SHOU_DEMO_SERVER_DEFAULT_PORT, 0 = any
 *   "test-controls"  boolean, construct: pass --test-controls (tests only)
 *   "timeout"        uint seconds to wait for the child to be ready (default 10)
 *   "url", "running" read-only
 */
ShouDemoServer *shou_demo_server_new          (void);
/* Starts the child with its own db under the data dir, waits for
 * "listening on …" and the demo tokens. */
void            shou_demo_server_start_async  (ShouDemoServer      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        shou_demo_server_start_finish (ShouDemoServer      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
const char     *shou_demo_server_get_url      (ShouDemoServer      *self);
/* (transfer none): token of the first demo merchant */
const char     *shou_demo_server_get_token    (ShouDemoServer      *self);
gboolean        shou_demo_server_get_running  (ShouDemoServer      *self);
/* The child's process id as a string, NULL when none is running. */
const char     *shou_demo_server_get_identifier (ShouDemoServer    *self);
/* Stops the child (SIGTERM, then waits). Also done on dispose. */
void            shou_demo_server_stop         (ShouDemoServer      *self);

G_END_DECLS
