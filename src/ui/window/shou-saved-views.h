/* shou-saved-views.h: the seller's saved views under the sidebar: a named
 * filter of a queue view, kept in GSettings ("saved-views"), each with its
 * live count. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store.h"
#include "shou-sidebar.h"

G_BEGIN_DECLS

#define SHOU_TYPE_SAVED_VIEWS (shou_saved_views_get_type ())
G_DECLARE_FINAL_TYPE (ShouSavedViews, shou_saved_views, SHOU, SAVED_VIEWS, GtkWidget)

/* Signal: "activated" (const char *view_name, const char *terms): the
 * seller chose a saved view. */
GtkWidget *shou_saved_views_new      (ShouStore      *store,
                                      ShouSidebar    *sidebar,
                                      GSettings      *settings);
/* Asks for a name, then saves @terms with the sidebar's current view. */
void       shou_saved_views_ask_save (ShouSavedViews *self,
                                      const char     *terms);
/* Saves at once (replacing a view of that name). */
void       shou_saved_views_save     (ShouSavedViews *self,
                                      const char     *name,
                                      const char     *view_name,
                                      const char     *terms);
/* The count shown beside a saved view, or -1 if there is none of that name. */
int        shou_saved_views_get_count (ShouSavedViews *self,
                                       const char     *name);

G_END_DECLS
