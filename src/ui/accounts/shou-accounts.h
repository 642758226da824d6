/* shou-accounts.h: first run (welcome page), account dialog, and the bundled
 * demo simulator started as a child process. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_WELCOME_PAGE (shou_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouWelcomePage, shou_welcome_page, SHOU, WELCOME_PAGE, AdwBin)

/* Signals: "demo-requested", "connect-requested". */
GtkWidget *shou_welcome_page_new     (void);

/* Tests a base URL + token (GET /v1/shops), shows the shops or a translated
 * error; on "add" stores the account (token to the keyring). Manages the
 * list of accounts and their removal too. */
GtkWindow *shou_accounts_dialog_new  (GtkWindow  *parent,
                                      ShouStore  *store);

/* The bundled `shouhou-sim --demo` as a child on 127.0.0.1:0. */
#define SHOU_TYPE_DEMO_SERVER (shou_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (ShouDemoServer, shou_demo_server, SHOU, DEMO_SERVER, GObject)

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
/* Stops the child (SIGTERM, then waits). Also done on dispose. */
void            shou_demo_server_stop         (ShouDemoServer      *self);

/* Adds (or finds) the account for @url, with @token saved in the keyring. */
char           *shou_accounts_connect         (ShouStore           *store,
                                               const char          *url,
                                               const char          *token,
                                               const char          *label,
                                               GError             **error);

G_END_DECLS
