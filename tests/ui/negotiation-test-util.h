/* negotiation-test-util.h: what test-negotiation.c and
 * test-negotiation-flow.c share: the fixture (simulator, store, window),
 * HTTP and the clock, the dialog's steps, screenshots.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include "shou-resources.h"
#include "sim/shou-sim-demo.h"
#include "sim/shou-sim-server.h"
#include "store/shou-store.h"
#include "sync/shou-secrets.h"
#include "sync/shou-sync-engine.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/negotiation/shou-script-editor.h"
#include "shou-test-fs.h"

#define TOKEN "tok-negotiation-test-m1"

typedef struct
{
  char                  *tmpdir;
  ShouSimServer         *sim;
  ShouStore             *store;
  ShouSyncEngine        *sync;
  SoupSession           *http;
  ShouPlatform           platform;
  char                  *request_id;
  gint64                 amount_fen;
  ShouNegotiationDialog *dialog;
} Fixture;

/* ---- HTTP to the simulator --------------------------------------------- */

typedef struct
{
  gboolean  done;
  GBytes   *body;
} HttpWait;

void pump (guint ms);
void wait_for (gboolean *flag,
               guint     timeout_ms);
void on_http_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);
guint http (Fixture     *fx,
            const char  *method,
            const char  *path,
            JsonObject  *body,
            JsonObject **out);
void advance_clock (Fixture *fx,
                    gint64   usec);
gint64 sim_now (gpointer user_data);
void on_sync_finished_cb (gboolean *done,
                          gboolean  ok,
                          gpointer  engine);
void sync_now (Fixture *fx);
JsonObject *cached_request (Fixture *fx);
const ShouProfile *fx_profile (Fixture *fx);
void fixture_set_up (Fixture       *fx,
                     gconstpointer  data);
void close_dialog (Fixture *fx);
void fixture_tear_down (Fixture       *fx,
                        gconstpointer  data);
gpointer child (Fixture    *fx,
                const char *name);
void open_dialog (Fixture *fx);
void assert_step (Fixture    *fx,
                  const char *step);
void click (Fixture    *fx,
            const char *name);
void screenshot (Fixture    *fx,
                 const char *step);
void screenshot_end (Fixture    *fx,
                     const char *step,
                     const char *button);
guint count_rows (GtkListBox *list);
void pick_first_script (Fixture    *fx,
                        const char *list_name);
AdwMessageDialog *find_message_dialog (void);
void respond (AdwMessageDialog *dialog,
              const char       *response);
