/* shou-application.h: the application: store, sync engine, window, demo. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"
#include "shou-deadline-notifier.h"

G_BEGIN_DECLS

#define SHOU_TYPE_APPLICATION (shou_application_get_type ())
G_DECLARE_FINAL_TYPE (ShouApplication, shou_application, SHOU, APPLICATION, AdwApplication)

ShouApplication *shou_application_new             (void);
/* NULL until the first activation opened the store. */
ShouStore       *shou_application_get_store       (ShouApplication *self);
ShouSyncEngine  *shou_application_get_sync_engine (ShouApplication *self);
/* Starts the bundled simulator, connects to it and syncs. */
void             shou_application_start_demo      (ShouApplication *self);
/* NULL until the store is open. */
ShouDeadlineNotifier *shou_application_get_notifier (ShouApplication *self);
/* TRUE while "run-in-background" keeps the app running without windows. */
gboolean         shou_application_get_running_in_background (ShouApplication *self);

G_END_DECLS
