/* shou-filter-bar.h: the queue's filters as removable chips above the list,
 * the form that adds them (Ctrl+Shift+F), and the window action
 * win.show-filtered ("reason:<code>" or "sku:<sku>", from the statistics
 * page): it shows the queue (待处理 unless a request view is shown) with
 * that filter alone. */
#pragma once

#include <adwaita.h>

#include "store/shou-request-list.h"
#include "store/shou-store.h"
#include "shou-sidebar.h"

G_BEGIN_DECLS

#define SHOU_TYPE_FILTER_BAR (shou_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (ShouFilterBar, shou_filter_bar, SHOU, FILTER_BAR, GtkWidget)

/* Property: "filter-text" (string, read-only): the filter as terms, one a
 * line, "" for none. */
GtkWidget  *shou_filter_bar_new         (ShouRequestList         *list,
                                         ShouStore               *store);
/* Puts the bar above the queue, its saved views under the sidebar (kept in
 * @settings, none without it), and adds win.show-filtered to @window. */
ShouFilterBar *shou_filter_bar_attach   (GtkWidget               *window,
                                         GtkBox                  *queue_box,
                                         GtkBox                  *sidebar_box,
                                         ShouSidebar             *sidebar,
                                         ShouRequestList         *list,
                                         ShouStore               *store,
                                         GSettings               *settings);
const ShouRequestFilter *shou_filter_bar_get_filter (ShouFilterBar *self);
void        shou_filter_bar_set_filter  (ShouFilterBar           *self,
                                         const ShouRequestFilter *filter);
/* When filters are set, makes @page (the queue's empty page) say that the
 * filters leave no request, with a button that clears them, and returns
 * TRUE; else takes any such button away and returns FALSE. */
gboolean    shou_filter_bar_explain_empty (ShouFilterBar         *self,
                                           AdwStatusPage         *page);
/* Sets one condition ("kind:value"); FALSE for a bad term. */
gboolean    shou_filter_bar_add_term    (ShouFilterBar           *self,
                                         const char              *term);

void           shou_filter_bar_add_columns_button (ShouFilterBar *self,
                                                   GMenuModel    *menu);

G_END_DECLS
