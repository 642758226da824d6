/* sync-test-util.h: an in-process simulator on 127.0.0.1:0, stores that
 * talk to it through the real sync engine, and a small blocking HTTP
 * helper that keeps the main context turning (the server lives in it). */
#pragma once

#include <libsoup/soup.h>

#include "sim/shou-sim-server.h"
#include "store/shou-request-list.h"
#include "store/shou-store.h"
#include "sync/shou-api-client.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  char          *dir;
  char          *sim_db;
  ShouSimServer *sim;
  guint          port;
  char          *url;
  char          *merchant;     /* first demo merchant */
  char          *token;
  SoupSession   *session;
} SyncFixture;

/* setlocale, the in-memory secret backend, g_test_init. */
void         tu_init             (int          *argc,
                                  char       ***argv);
void         tu_setup            (SyncFixture  *f,
                                  gconstpointer data);
void         tu_teardown         (SyncFixture  *f,
                                  gconstpointer data);
/* Stops the simulator (the port closes); tu_sim_start brings it back on
 * the same port with the same database. */
void         tu_sim_stop         (SyncFixture  *f);
void         tu_sim_start        (SyncFixture  *f);

/* A store in @f->dir/<name>/ with one account for the fixture's merchant. */
ShouStore   *tu_store_new        (SyncFixture  *f,
                                  const char   *name,
                                  char        **out_account_id);
ShouSyncEngine *tu_engine_new    (ShouStore    *store);
/* Runs one sync to its end; returns its result. */
gboolean     tu_sync             (ShouSyncEngine *engine);
/* Repeats sync until it succeeds with nothing pending (bounded). */
gboolean     tu_sync_until_clean (ShouSyncEngine *engine,
                                  guint           max_runs);

/* HTTP to the simulator; returns the status, *out_json the parsed body. */
guint        tu_http             (SyncFixture  *f,
                                  const char   *method,
                                  const char   *path,
                                  const char   *token,
                                  const char   *json_body,
                                  JsonObject  **out_json);
gint64       tu_actions_applied  (SyncFixture  *f);
void         tu_set_faults       (SyncFixture  *f,
                                  double        rate,
                                  guint32       seed);
/* Every aftersale the merchant's token sees now: id → aftersale (full feed). */
GHashTable  *tu_server_aftersales (SyncFixture *f);
/* Asserts the store holds exactly the server's aftersales and versions. */
void         tu_assert_cache_equals_server (SyncFixture *f,
                                            ShouStore   *store);
/* First cached request of @store allowing @action, or NULL. */
char        *tu_find_request     (ShouStore    *store,
                                  const char   *action);

char        *tu_make_tmpdir      (void);
void        tu_rm_rf             (const char   *path);

G_END_DECLS
