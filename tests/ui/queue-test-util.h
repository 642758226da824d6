/* queue-test-util.h: what test-queue.c and test-queue-state.c share: the
 * shared simulator, store and window, the queue's model, action dialogs.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/shou-store-care.h"
#include <glib/gi18n.h>
#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-countdown-label.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

typedef struct
{
  char           *dir;
  ShouTestSim    *sim;
  ShouStore      *store;
  ShouSyncEngine *engine;
  ShouWindow     *window;
  ShouDetailPane *pane;
  char           *account_id;
} Fixture;

extern char           *shared_dir;
extern ShouTestSim    *shared_sim;
extern ShouStore      *shared_store;
extern ShouSyncEngine *shared_engine;
extern char           *shared_account_id;

gboolean window_ready_cb (gpointer user_data);
void shared_set_up (void);
void shared_tear_down (void);
void fixture_set_up (Fixture       *fixture,
                     gconstpointer  data);
void fixture_tear_down (Fixture       *fixture,
                        gconstpointer  data);
GListModel *queue_model (Fixture *fixture);
gboolean revealed_cb (gpointer user_data);
guint queue_n_items (Fixture *fixture);
gboolean json_array_has_string (JsonObject *object,
                                const char *member,
                                const char *value);
char *find_request (Fixture    *fixture,
                    const char *action,
                    const char *status,
                    const char *platform);
gboolean dialog_mapped_cb (gpointer user_data);
GtkWindow *open_action (Fixture    *fixture,
                        const char *request_id,
                        const char *action_name);
void respond (GtkWindow  *dialog,
              const char *response);
