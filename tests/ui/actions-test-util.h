/* actions-test-util.h: what test-actions.c, test-actions-keys.c and
 * test-actions-flow.c share: the shared simulator, store and window, HTTP to
 * the simulator, opening requests and action dialogs.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/evidence/shou-logistics-dialog.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-order-cancel-dialog.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define SYNC_TIMEOUT_MS 30000

typedef struct
{
  ShouWindow     *window;
  ShouDetailPane *pane;
} Fixture;

/* ---- HTTP to the simulator --------------------------------------------- */

typedef struct
{
  gboolean  done;
  GBytes   *body;
} HttpWait;

extern char           *shared_dir;
extern ShouTestSim    *shared_sim;
extern ShouStore      *shared_store;
extern ShouSyncEngine *shared_engine;
extern char           *shared_account_id;
extern SoupSession    *shared_http;

void on_http_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);
gboolean http_done_cb (gpointer user_data);
guint http (const char  *method,
            const char  *path,
            JsonObject  *body,
            JsonObject **out);
void expect_ok (guint       status,
                JsonObject *reply,
                const char *what);
JsonObject *get_aftersale (const char *id);
JsonObject *new_order (const char *shop_id,
                       const char *state,
                       gboolean    cod);
char *buyer_open (JsonObject *order,
                  const char *type);
void buyer_move (const char *id,
                 const char *action);
char *first_address_id (const char *shop_id);
char *upload_photo (const char *id);
void seller_move (const char *id,
                  const char *shop_id,
                  const char *action);
void shared_set_up (void);
void shared_tear_down (void);
gboolean window_ready_cb (gpointer user_data);
void fixture_set_up (Fixture       *fixture,
                     gconstpointer  data);
void fixture_tear_down (Fixture       *fixture,
                        gconstpointer  data);
void open_request (Fixture    *fixture,
                   const char *id);
gboolean json_array_has (JsonObject *object,
                         const char *member,
                         const char *value);
gboolean dialog_mapped_cb (gpointer user_data);
GtkWindow *open_action (Fixture    *fixture,
                        const char *id,
                        const char *name);
gboolean outbox_empty (void);
void respond (GtkWindow  *dialog,
              const char *response);
GBytes *make_png (void);
