/* shou-window.h: the main window: sidebar | queue | detail, with the sync
 * state in the header. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"
#include "shou-clock.h"
#include "shou-detail-pane.h"
#include "shou-queue-view.h"
#include "shou-sidebar.h"

G_BEGIN_DECLS

#define SHOU_TYPE_WINDOW (shou_window_get_type ())
G_DECLARE_FINAL_TYPE (ShouWindow, shou_window, SHOU, WINDOW, AdwApplicationWindow)

/* Signals: "demo-requested": the welcome page asked for the demo.
 * @app and @engine may be NULL (tests without a GApplication or network). */
ShouWindow     *shou_window_new             (GtkApplication *app,
                                             ShouStore      *store,
                                             ShouSyncEngine *engine);
ShouStore      *shou_window_get_store       (ShouWindow     *self);
ShouSyncEngine *shou_window_get_sync_engine (ShouWindow     *self);
void            shou_window_set_sync_engine (ShouWindow     *self,
                                             ShouSyncEngine *engine);
ShouClock      *shou_window_get_clock       (ShouWindow     *self);
ShouSidebar    *shou_window_get_sidebar     (ShouWindow     *self);
ShouQueueView  *shou_window_get_queue_view  (ShouWindow     *self);
ShouDetailPane *shou_window_get_detail_pane (ShouWindow     *self);
/* "queue", "empty" or "orders" (list area), and the main stack:
 * "queue", "loading" or "welcome". */
const char     *shou_window_get_list_page   (ShouWindow     *self);
const char     *shou_window_get_main_page   (ShouWindow     *self);
/* The header's sync status line. */
const char     *shou_window_get_status_text (ShouWindow     *self);
/* Shows the request: selects it in the queue if it is in the current view,
 * else in 全部 (all requests) context, and fills the detail. */
void            shou_window_open_request    (ShouWindow     *self,
                                             const char     *request_id);
/* Re-evaluates which page to show (welcome / loading / queue). */
void            shou_window_update_pages    (ShouWindow     *self);
GtkListBox     *shou_window_get_orders_list (ShouWindow     *self);
/* The welcome page while the demo starts, and why it failed (or NULL). */
void            shou_window_set_demo_state  (ShouWindow     *self,
                                             gboolean        busy,
                                             const char     *error_message);

G_END_DECLS
