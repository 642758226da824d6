/* shou-window-search.c: the search's scope (everywhere, or this view
 * only), the results' view and shop column, and opening a result where it
 * lives.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-filter-bar.h"
#include "shou-window-private.h"

static gboolean
searching_everywhere (ShouWindow *self)
{
  return shou_request_list_get_search (self->list) != NULL &&
         shou_request_list_get_search_everywhere (self->list);
}

static void
update_where_column (ShouWindow *self)
{
  shou_queue_view_set_show_where (self->queue_view, searching_everywhere (self));
}

static void
on_scope_toggled_cb (GtkToggleButton *toggle,
                     ShouWindow      *self)
{
  shou_request_list_set_search_everywhere (self->list, !gtk_toggle_button_get_active (toggle));
  update_where_column (self);
}

static ShouFilterBar *
find_filter_bar (ShouWindow *self)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->queue_box));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (SHOU_IS_FILTER_BAR (c))
      return SHOU_FILTER_BAR (c);
  return NULL;
}

/* Two frames on (one laid the new rows out), scrolls to the chosen row. */
static gboolean
scroll_when_laid_out_cb (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  ShouQueueView *queue = SHOU_QUEUE_VIEW (widget);
  int ticks = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "shou-scroll-ticks"));

  g_object_set_data (G_OBJECT (widget), "shou-scroll-ticks", GINT_TO_POINTER (ticks + 1));
  if (ticks < 1)
    return G_SOURCE_CONTINUE;
  if (g_strcmp0 (shou_queue_view_get_selected_id (queue), user_data) == 0)
    shou_queue_view_select_id (queue, user_data);
  return G_SOURCE_REMOVE;
}

/* Leaves the search for the result's own view and shop, chosen there. A
 * filter that would hide it goes; a request of no sidebar view stays in
 * the results. */
static void
on_queue_activated_cb (ShouWindow *self,
                       const char *request_id)
{
  g_autofree char *id = g_strdup (request_id);
  g_autofree char *shop = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  const char *sidebar_shop;
  ShouFilterBar *filters;
  ShouView home;
  int pos;

  if (!searching_everywhere (self) || (pos = shou_request_list_find (self->list, id)) < 0)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->list), (guint) pos);
  if (item == NULL || (home = shou_request_item_get_home_view (item)) == SHOU_VIEW_ALL)
    return;
  shop = g_strdup (shou_request_item_get_shop_id (item));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  shou_request_list_set_search (self->list, NULL);
  sidebar_shop = shou_sidebar_get_shop_id (self->sidebar);
  if (sidebar_shop != NULL && g_strcmp0 (sidebar_shop, shop) != 0)
    shou_sidebar_set_shop_id (self->sidebar, shop);
  shou_sidebar_set_view_name (self->sidebar, shou_view_to_string (home));
  filters = find_filter_bar (self);
  if (shou_request_list_find (self->list, id) < 0 && filters != NULL)
    shou_filter_bar_set_filter (filters, NULL);
  /* In the list, where the seller goes on (Ctrl+C, Down): focused first,
   * since the list's focus would take it back to its first row, then
   * scrolled to the request's row, again once the new view is laid out
   * (until then the scroll range is the old view's). */
  shou_queue_view_focus_list (self->queue_view);
  shou_queue_view_select_id (self->queue_view, id);
  shou_detail_pane_set_request_id (self->detail_pane, id);
  g_object_set_data (G_OBJECT (self->queue_view), "shou-scroll-ticks", GINT_TO_POINTER (0));
  gtk_widget_add_tick_callback (GTK_WIDGET (self->queue_view), scroll_when_laid_out_cb,
                                g_steal_pointer (&id), g_free);
}

void
shou_global_search_attach (ShouWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("This View _Only"));
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  gtk_widget_set_name (toggle, "search-scope");
  gtk_widget_set_tooltip_text (toggle, _("Search the shown view and shop only, not every shop and view"));
  g_object_ref (entry);
  gtk_search_bar_set_child (self->search_bar, NULL);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), toggle);
  gtk_search_bar_set_child (self->search_bar, box);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (entry));
  g_object_unref (entry);

  shou_request_list_set_search_everywhere (self->list, TRUE);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_scope_toggled_cb), self, 0);
  g_signal_connect_object (self->list, "notify::search",
                           G_CALLBACK (update_where_column), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "activated",
                           G_CALLBACK (on_queue_activated_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
