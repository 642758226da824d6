/* shou-sync-status.h: the sync and account state shown in the window's
 * header (subtitle, progress) and in its banner (offline, refused token,
 * certificate), with the fix the banner's button offers. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"
#include "shou-clock.h"

G_BEGIN_DECLS

/* The widgets it updates, all unowned; @window holds the win.* actions. */
typedef struct
{
  GtkWidget      *window;
  AdwWindowTitle *window_title;
  GtkProgressBar *sync_progress;
  GtkProgressBar *loading_progress;
  GtkInfoBar     *offline_bar;
  GtkLabel       *offline_label;
  GtkButton      *banner_button;
} ShouSyncStatusWidgets;

/* @engine may be NULL. @status_text: the subtitle shown, replaced when it
 * changes. */
void shou_sync_status_update (const ShouSyncStatusWidgets *widgets,
                              ShouStore                   *store,
                              ShouSyncEngine              *engine,
                              ShouClock                   *clock,
                              char                       **status_text);

G_END_DECLS
