/* shou-window.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sync/shou-api-client.h"
#include "ui/accounts/shou-accounts-dialog.h"
#include "ui/accounts/shou-welcome-page.h"
#include "ui/accounts/shou-account-status.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/shou-ui-util.h"
#include "ui/autorules/shou-autorules-window.h"
#include "ui/care/shou-care-page.h"
#include "ui/stats/shou-stats-page.h"
#include "shou-filter-bar.h"
#include "shou-frame-log.h"
#include "shou-order-row.h"
#include "shou-shipping-rows.h"
#include "shou-selection-bar.h"
#include "shou-sync-status.h"
#include "shou-window-private.h"

#define ORDERS_PAGE 200

G_DEFINE_FINAL_TYPE (ShouWindow, shou_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  DEMO_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_orders_view (ShouWindow *self)
{
  const char *name = shou_sidebar_get_view_name (self->sidebar);

  /* 发货时限 lists orders too, in the same list. */
  return g_strcmp0 (name, SHOU_SIDEBAR_VIEW_ORDERS) == 0 || g_strcmp0 (name, SHOU_SIDEBAR_VIEW_SHIPPING) == 0;
}

static void
update_empty_state (ShouWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n_items;

  if (is_orders_view (self))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "orders");
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  /* Matches still arriving: not "No Results" yet. */
  if (n_items > 0 || shou_request_list_get_searching (self->list))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (search == NULL || *search == '\0')
    {
      if (self->filter_bar != NULL && shou_filter_bar_explain_empty (self->filter_bar, self->empty_page))
        {
          gtk_stack_set_visible_child_name (self->list_stack, "empty");
          return;
        }
    }
  else
    adw_status_page_set_child (self->empty_page, NULL);

  if (search != NULL && *search != '\0')
    {
      g_autofree char *description = NULL;

      /* Translators: %s is what the seller searched for */
      description = g_strdup_printf (shou_request_list_get_search_everywhere (self->list)
                                     ? _("Nothing in any shop or view matches “%s”. Search finds order numbers, buyer nicknames, goods and reasons.")
                                     : _("Nothing in this view matches “%s”. Search finds order numbers, buyer nicknames, goods and reasons."),
                                     search);
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      shou_ui_status_page_set_text (self->empty_page, description);
    }
  else if (g_strcmp0 (shou_sidebar_get_view_name (self->sidebar),
                      shou_view_to_string (SHOU_VIEW_PENDING)) == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->empty_page, _("All Caught Up"));
      adw_status_page_set_description (self->empty_page,
                                       _("No request needs you right now. New requests appear here as buyers open them."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing Here"));
      adw_status_page_set_description (self->empty_page,
                                       _("No request is in this view. Pick another view in the sidebar."));
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* The detail shows a request of the list (or of a listed order), or
 * nothing: never one that the shop, view or search has left out. */
static void
keep_detail_in_list (ShouWindow *self)
{
  const char *shown = shou_detail_pane_get_request_id (self->detail_pane);

  if (shown == NULL)
    return;

  if (is_orders_view (self))
    {
      if (!g_hash_table_contains (self->order_requests, shown))
        {
          shou_queue_view_unselect (self->queue_view);
          shou_detail_pane_set_request_id (self->detail_pane, NULL);
        }
      return;
    }

  /* Matches still arriving: the request may be among them. */
  if (shou_request_list_get_searching (self->list))
    return;
  if (shou_request_list_find (self->list, shown) >= 0)
    return;

  shou_queue_view_unselect (self->queue_view);
  shou_detail_pane_set_request_id (self->detail_pane, NULL);
}

static void
on_list_items_changed_cb (ShouWindow *self)
{
  if (shou_request_list_is_replacing (self->list))
    return;
  update_empty_state (self);
  keep_detail_in_list (self);
}

static void
on_order_request_row_activated_cb (ShouWindow   *self,
                                   AdwActionRow *row)
{
  const char *request_id = g_object_get_data (G_OBJECT (row), "request-id");

  if (request_id != NULL)
    shou_detail_pane_set_request_id (self->detail_pane, request_id);
}

static void
reload_orders (ShouWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) orders = NULL;

  if (g_strcmp0 (shou_sidebar_get_view_name (self->sidebar), SHOU_SIDEBAR_VIEW_SHIPPING) == 0)
    {
      orders = shou_store_list_shipping_orders (self->store, shou_sidebar_get_shop_id (self->sidebar), 0);
      g_hash_table_remove_all (self->order_requests);
      shou_shipping_rows_replace (self->orders_list, orders, shou_clock_get_now (self->clock));
      keep_detail_in_list (self);
      return;
    }
  orders = shou_store_list_orders (self->store, shou_sidebar_get_shop_id (self->sidebar),
                                   (search != NULL && *search != '\0') ? search : NULL,
                                   0, ORDERS_PAGE);
  shou_order_rows_replace (self->orders_list, orders, self->order_requests,
                           G_CALLBACK (on_order_request_row_activated_cb), G_OBJECT (self));
  keep_detail_in_list (self);
}

static void
on_sidebar_view_name_notify_cb (ShouWindow *self)
{
  const char *name = shou_sidebar_get_view_name (self->sidebar);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", name);

  if (is_orders_view (self))
    {
      reload_orders (self);
      update_empty_state (self);
      return;
    }

  for (guint view = 0; view < SHOU_N_VIEWS; view++)
    if (g_strcmp0 (shou_view_to_string (view), name) == 0)
      shou_request_list_set_view (self->list, view);

  update_empty_state (self);
  keep_detail_in_list (self);
  /* Back from 全部订单 with a request open: the list shows it chosen. */
  if (shou_detail_pane_get_request_id (self->detail_pane) != NULL &&
      g_strcmp0 (shou_queue_view_get_selected_id (self->queue_view),
                 shou_detail_pane_get_request_id (self->detail_pane)) != 0)
    shou_queue_view_select_id (self->queue_view, shou_detail_pane_get_request_id (self->detail_pane));
}

static void
on_sidebar_shop_id_notify_cb (ShouWindow *self)
{
  shou_request_list_set_shop_id (self->list, shou_sidebar_get_shop_id (self->sidebar));
  if (is_orders_view (self))
    reload_orders (self);
  update_empty_state (self);
  keep_detail_in_list (self);
}

static void
on_queue_selected_id_notify_cb (ShouWindow *self)
{
  const char *selected_id = shou_queue_view_get_selected_id (self->queue_view);

  /* Where "next" is, remembered now: an action may move or drop the row
   * before the window hears of it. A selection that went away with its
   * row keeps what was remembered for it. */
  if (selected_id == NULL)
    {
      shou_detail_pane_set_request_id (self->detail_pane, NULL);
      return;
    }
  g_free (self->acted_id);
  self->acted_id = g_strdup (selected_id);
  self->selected_position = shou_request_list_find (self->list, selected_id);
  g_clear_pointer (&self->next_id, g_free);
  if (self->selected_position >= 0)
    {
      g_autoptr(ShouRequestItem) next = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                               (guint) self->selected_position + 1);

      if (next != NULL)
        self->next_id = g_strdup (shou_request_item_get_id (next));
    }
  shou_detail_pane_set_request_id (self->detail_pane,
                                   shou_queue_view_get_selected_id (self->queue_view));
}

/* Opening a request (Enter, a notification) shows the detail pane the
 * seller had collapsed (Ctrl+F9); choosing rows does not. */
static void
reveal_detail_pane (ShouWindow *self)
{
  if (self->settings != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->detail_pane)))
    g_settings_set_boolean (self->settings, "show-detail-pane", TRUE);
}

static void
on_queue_activated_cb (ShouWindow *self,
                       const char *request_id)
{
  reveal_detail_pane (self);
  shou_detail_pane_set_request_id (self->detail_pane, request_id);
  shou_detail_pane_focus_actions (self->detail_pane);
}

static void
on_search_entry_search_changed_cb (ShouWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  shou_request_list_set_search (self->list, (text != NULL && *text != '\0') ? text : NULL);
  if (is_orders_view (self))
    reload_orders (self);
  update_empty_state (self);
  keep_detail_in_list (self);
}

static void
on_search_entry_stop_search_cb (ShouWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  shou_queue_view_focus_list (self->queue_view);
}

static void
on_search_entry_activate_cb (ShouWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      shou_queue_view_select_position (self->queue_view, 0);
      shou_queue_view_focus_list (self->queue_view);
    }
}

static void
on_detail_pane_toast_cb (ShouWindow *self,
                         const char *message)
{
  shou_ui_toast (self->toast_overlay, message, 4);
}

/* After an action the seller usually wants the next request: the row
 * below the one acted on (a preference, on by default). The acted row may
 * leave the view later; the selection stays on the row chosen here. */
static void
on_detail_pane_action_queued_cb (ShouWindow *self,
                                 const char *request_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  int pos;

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "advance-after-action"))
    return;
  /* The action may already have taken its row out of the list (and so
   * cleared the selection) when this runs. */
  if (g_strcmp0 (self->acted_id, request_id) != 0 ||
      (shou_queue_view_get_selected_id (self->queue_view) != NULL &&
       g_strcmp0 (shou_queue_view_get_selected_id (self->queue_view), request_id) != 0))
    return;

  pos = shou_request_list_find (self->list, request_id);
  if (pos >= 0 && pos == self->selected_position)
    {
      /* The row stayed where it was: the one below it. */
      if ((guint) pos + 1 < n)
        shou_queue_view_select_position (self->queue_view, pos + 1);
    }
  else if (self->next_id != NULL && shou_request_list_find (self->list, self->next_id) >= 0)
    {
      g_autofree char *next_id = g_strdup (self->next_id);

      /* The row moved or left the view: the one that was below it. */
      shou_queue_view_select_id (self->queue_view, next_id);
    }
  else if (pos < 0 && self->selected_position >= 0 && (guint) self->selected_position < n)
    shou_queue_view_select_position (self->queue_view, self->selected_position);
}

/* Sync state in the header */

void
shou_window_update_sync_status (ShouWindow *self)
{
  const ShouSyncStatusWidgets widgets = {
    GTK_WIDGET (self), self->window_title, self->sync_progress, self->loading_progress,
    self->offline_bar, self->offline_label, self->banner_button,
  };

  shou_sync_status_update (&widgets, self->store, self->engine, self->clock, &self->status_text);
}

void
shou_window_update_pages (ShouWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean loading;
  const char *page;

  g_return_if_fail (SHOU_IS_WINDOW (self));

  accounts = shou_store_list_accounts (self->store);
  loading = self->engine != NULL &&
            shou_sync_engine_get_last_synced (self->engine) == 0 &&
            shou_sync_engine_get_state (self->engine) == SHOU_SYNC_SYNCING &&
            shou_store_count_view (self->store, SHOU_VIEW_ALL, NULL) == 0;

  if (accounts == NULL || accounts->len == 0)
    page = "welcome";
  else if (loading)
    page = "loading";
  else
    page = "queue";

  gtk_stack_set_visible_child_name (self->main_stack, page);
}

static void
on_clock_tick_cb (ShouWindow *self)
{
  self->ticks++;
  shou_sidebar_set_now (self->sidebar, shou_clock_get_now (self->clock));
  if (g_strcmp0 (shou_sidebar_get_view_name (self->sidebar), SHOU_SIDEBAR_VIEW_SHIPPING) == 0)
    shou_shipping_rows_tick (self->orders_list, shou_clock_get_now (self->clock));
  if (self->ticks % 30 == 0)
    shou_window_update_sync_status (self);
}

static void
on_engine_notify_cb (ShouWindow *self)
{
  shou_window_update_sync_status (self);
}

static void
on_engine_state_notify_cb (ShouWindow *self)
{
  shou_window_update_pages (self);
}

static void
on_engine_sync_finished_cb (ShouWindow *self,
                            gboolean    ok)
{
  shou_window_update_sync_status (self);
  shou_window_update_pages (self);
}

static void
on_store_accounts_changed_cb (ShouWindow *self)
{
  shou_window_update_pages (self);
}

static void
on_store_changed_cb (ShouWindow *self)
{
  shou_window_update_sync_status (self);
  /* The first sync's first rows: the queue, not the loading page, while
   * the rest comes (the sync shows its progress in the header). */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0)
    shou_window_update_pages (self);
  if (is_orders_view (self))
    reload_orders (self);
}

static void
on_welcome_demo_requested_cb (ShouWindow *self)
{
  g_signal_emit (self, signals[DEMO_REQUESTED], 0);
}

static void
on_welcome_connect_requested_cb (ShouWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.accounts", NULL);
}

/* The toggle says what it does now: hide a shown sidebar, show a hidden one. */
static void
on_flap_reveal_notify_cb (ShouWindow *self)
{
  const char *text = adw_flap_get_reveal_flap (self->flap) ? _("Hide Sidebar (F9)") : _("Show Sidebar (F9)");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_button), text);
}

/* Window state */

static void
load_window_state (ShouWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
shou_window_close_request (GtkWindow *window)
{
  ShouWindow *self = SHOU_WINDOW (window);
  int width;
  int height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (shou_window_parent_class)->close_request (window);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema == NULL)
    {
      /* Running from a build tree without compiled schemas: keep defaults. */
      g_debug ("GSettings schema %s not installed; window state is not kept", BASE_ID);
      return NULL;
    }

  return g_settings_new (BASE_ID);
}

static void
shou_window_dispose (GObject *object)
{
  ShouWindow *self = SHOU_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_WINDOW);
  /* The settings action lives as long as its GSettings: cut it off from
   * this window's action group, which goes away with the window. */
  g_action_map_remove_action (G_ACTION_MAP (self), "advance-after-action");
  g_action_map_remove_action (G_ACTION_MAP (self), "show-detail-pane");

  g_clear_object (&self->list);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->next_id, g_free);
  g_clear_pointer (&self->acted_id, g_free);

  G_OBJECT_CLASS (shou_window_parent_class)->dispose (object);
}

static void
shou_window_finalize (GObject *object)
{
  ShouWindow *self = SHOU_WINDOW (object);

  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_clear_pointer (&self->order_requests, g_hash_table_unref);
  g_free (self->status_text);

  G_OBJECT_CLASS (shou_window_parent_class)->finalize (object);
}

static void
shou_window_class_init (ShouWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shou_window_dispose;
  object_class->finalize = shou_window_finalize;
  window_class->close_request = shou_window_close_request;

  signals[DEMO_REQUESTED] =
    g_signal_new ("demo-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SHOU_TYPE_DETAIL_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/window/shou-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, queue_box);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, orders_list);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, ShouWindow, welcome_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_pane_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_pane_action_queued_cb);

  shou_window_class_install_actions (widget_class);
}

static void
shou_window_init (ShouWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clock = shou_clock_new ();
  self->order_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected_position = -1;
  self->settings = settings_new_if_installed ();

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_notify_cb), self, G_CONNECT_SWAPPED);
  on_flap_reveal_notify_cb (self);
  /* GTK 4.8: the menu button's focusable part is its inner toggle, which
   * screen readers name after its icon ("GtkImage") unless told. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->menu_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  load_window_state (self);
  if (self->settings != NULL)
    {
      g_autoptr(GAction) advance = g_settings_create_action (self->settings, "advance-after-action");
      g_autoptr(GAction) detail = g_settings_create_action (self->settings, "show-detail-pane");

      g_action_map_add_action (G_ACTION_MAP (self), advance);
      /* Ctrl+F9 collapses the detail pane: the list takes its width. */
      g_action_map_add_action (G_ACTION_MAP (self), detail);
      g_settings_bind (self->settings, "show-detail-pane", self->detail_pane, "visible", G_SETTINGS_BIND_GET);
    }
}

static void
frame_log_state (gpointer     owner,
                 const char **view,
                 const char **detail,
                 gboolean    *syncing)
{
  ShouWindow *self = owner;
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  *view = g_strcmp0 (page, "queue") != 0 ? page : is_orders_view (self) ? SHOU_SIDEBAR_VIEW_ORDERS : NULL;
  *detail = shou_detail_pane_get_request_id (self->detail_pane);
  *syncing = self->engine != NULL && shou_sync_engine_is_running (self->engine);
}

static void
shou_window_build (ShouWindow *self)
{
  g_autofree char *last_view = NULL;

  self->list = shou_request_list_new (self->store);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->list, "notify::searching",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->sidebar = SHOU_SIDEBAR (shou_sidebar_new (self->store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->sidebar), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar), 200, -1);
  gtk_box_append (self->sidebar_box, GTK_WIDGET (self->sidebar));
  g_signal_connect_object (self->sidebar, "notify::view-name",
                           G_CALLBACK (on_sidebar_view_name_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::shop-id",
                           G_CALLBACK (on_sidebar_shop_id_notify_cb), self, G_CONNECT_SWAPPED);
  /* 售后关怀 first: it gives the content back before 统计 takes it. */
  shou_care_page_attach (self->flap, G_OBJECT (self->sidebar), self->store);
  shou_stats_page_attach (self->flap, G_OBJECT (self->sidebar), self->store);

  self->queue_view = SHOU_QUEUE_VIEW (shou_queue_view_new (self->list, self->clock));
  gtk_widget_set_hexpand (GTK_WIDGET (self->queue_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->queue_view), TRUE);
  gtk_box_append (self->queue_box, GTK_WIDGET (self->queue_view));
  g_signal_connect_object (self->queue_view, "notify::selected-id",
                           G_CALLBACK (on_queue_selected_id_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "activated",
                           G_CALLBACK (on_queue_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->queue_box, shou_selection_bar_new (self->queue_view, self->detail_pane));
  self->filter_bar = shou_filter_bar_attach (GTK_WIDGET (self), self->queue_box, self->sidebar_box,
                                             self->sidebar, self->list, self->store, self->settings);
  if (self->settings != NULL)
    shou_queue_view_bind_settings (self->queue_view, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  shou_queue_view_get_column_actions (self->queue_view));
  shou_filter_bar_add_columns_button (self->filter_bar, shou_queue_view_get_column_menu (self->queue_view));
  shou_global_search_attach (self);
  shou_detail_pane_setup (self->detail_pane, self->store, self->clock);

  self->welcome_page = shou_welcome_page_new ();
  gtk_widget_set_vexpand (self->welcome_page, TRUE);
  gtk_box_append (self->welcome_box, self->welcome_page);
  g_signal_connect_object (self->welcome_page, "demo-requested",
                           G_CALLBACK (on_welcome_demo_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->welcome_page, "connect-requested",
                           G_CALLBACK (on_welcome_connect_requested_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->store, "accounts-changed",
                           G_CALLBACK (on_store_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::migration-progress",
                           G_CALLBACK (shou_window_update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::migrating",
                           G_CALLBACK (shou_window_update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "tick",
                           G_CALLBACK (on_clock_tick_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    last_view = g_settings_get_string (self->settings, "last-view");
  if (last_view == NULL || !shou_sidebar_set_view_name (self->sidebar, last_view))
    shou_sidebar_set_view_name (self->sidebar, shou_view_to_string (SHOU_VIEW_PENDING));
  on_sidebar_view_name_notify_cb (self);

  shou_window_update_sync_status (self);
  shou_window_update_pages (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
  if (shou_frame_log_enabled ())
    shou_frame_log_watch (GTK_WIDGET (self), self->list, frame_log_state, self);
}

ShouWindow *
shou_window_new (GtkApplication *app,
                 ShouStore      *store,
                 ShouSyncEngine *engine)
{
  ShouWindow *self;

  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (engine == NULL || SHOU_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (SHOU_TYPE_WINDOW,
                       "application", app,
                       NULL);
  self->store = g_object_ref (store);
  shou_window_build (self);
  shou_window_set_sync_engine (self, engine);

  return self;
}

ShouStore *
shou_window_get_store (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->store;
}

ShouSyncEngine *
shou_window_get_sync_engine (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->engine;
}

void
shou_window_set_sync_engine (ShouWindow     *self,
                             ShouSyncEngine *engine)
{
  g_return_if_fail (SHOU_IS_WINDOW (self));
  g_return_if_fail (engine == NULL || SHOU_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "notify",
                               G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::state",
                               G_CALLBACK (on_engine_state_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "sync-finished",
                               G_CALLBACK (on_engine_sync_finished_cb), self, G_CONNECT_SWAPPED);
    }

  shou_window_update_sync_status (self);
  shou_window_update_pages (self);
}

ShouClock *
shou_window_get_clock (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->clock;
}

ShouSidebar *
shou_window_get_sidebar (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->sidebar;
}

ShouQueueView *
shou_window_get_queue_view (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->queue_view;
}

ShouDetailPane *
shou_window_get_detail_pane (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->detail_pane;
}

const char *
shou_window_get_list_page (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

const char *
shou_window_get_main_page (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
shou_window_get_status_text (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->status_text;
}

/* Makes the list show @request_id: without the search, then in all shops,
 * then in the first view (sidebar order) that has it. */
static gboolean
reveal_request (ShouWindow *self,
                const char *request_id)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (!is_orders_view (self) && shou_request_list_find (self->list, request_id) >= 0)
    return TRUE;

  if (search != NULL && *search != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      shou_request_list_set_search (self->list, NULL);
      if (!is_orders_view (self) && shou_request_list_find (self->list, request_id) >= 0)
        return TRUE;
    }

  if (shou_sidebar_get_shop_id (self->sidebar) != NULL)
    {
      shou_sidebar_set_shop_id (self->sidebar, NULL);
      if (!is_orders_view (self) && shou_request_list_find (self->list, request_id) >= 0)
        return TRUE;
    }

  /* The request views only, not 全部订单 and the pages after it. */
  for (guint i = 1; i <= SHOU_SIDEBAR_N_REQUEST_VIEWS; i++)
    {
      shou_sidebar_set_view_index (self->sidebar, i);
      if (shou_request_list_find (self->list, request_id) >= 0)
        return TRUE;
    }

  return FALSE;
}

void
shou_window_open_request (ShouWindow *self,
                          const char *request_id)
{
  g_return_if_fail (SHOU_IS_WINDOW (self));
  g_return_if_fail (request_id != NULL);

  reveal_detail_pane (self);
  if (is_orders_view (self) && g_hash_table_contains (self->order_requests, request_id))
    shou_detail_pane_set_request_id (self->detail_pane, request_id);
  else if (reveal_request (self, request_id))
    {
      shou_queue_view_select_id (self->queue_view, request_id);
      shou_detail_pane_set_request_id (self->detail_pane, request_id);
    }
  gtk_window_present (GTK_WINDOW (self));
}

GtkListBox *
shou_window_get_orders_list (ShouWindow *self)
{
  g_return_val_if_fail (SHOU_IS_WINDOW (self), NULL);

  return self->orders_list;
}

void
shou_window_set_demo_state (ShouWindow *self,
                            gboolean    busy,
                            const char *error_message)
{
  g_return_if_fail (SHOU_IS_WINDOW (self));

  shou_welcome_page_set_busy (SHOU_WELCOME_PAGE (self->welcome_page), busy);
  shou_welcome_page_set_error (SHOU_WELCOME_PAGE (self->welcome_page), error_message);
}
