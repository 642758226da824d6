/* shou-window.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-request-list.h"
#include "sync/shou-api-client.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/accounts/shou-account-status.h"
#include "shou-window.h"

/* Requests that cross this line before their deadline notify the seller. */
#define NOTIFY_BEFORE (2 * SHOU_USEC_PER_HOUR)
/* More than this many at once become one summary notification. */
#define NOTIFY_MAX_SINGLE 3
#define ORDERS_PAGE 200

struct _ShouWindow
{
  AdwApplicationWindow  parent_instance;

  ShouStore            *store;
  ShouSyncEngine       *engine;
  ShouClock            *clock;
  ShouRequestList      *list;
  GSettings            *settings;
  GHashTable           *notified;
  GtkWidget            *welcome_page;
  char                 *status_text;
  guint                 ticks;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *sync_button;
  GtkProgressBar       *sync_progress;
  GtkInfoBar           *offline_bar;
  GtkLabel             *offline_label;
  GtkButton            *banner_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  GtkBox               *sidebar_box;
  GtkStack             *list_stack;
  GtkBox               *queue_box;
  AdwStatusPage        *empty_page;
  GtkListBox           *orders_list;
  ShouDetailPane       *detail_pane;
  GtkProgressBar       *loading_progress;
  GtkBox               *welcome_box;

  /* Built in code: they need the store */
  ShouSidebar          *sidebar;
  ShouQueueView        *queue_view;
};

G_DEFINE_FINAL_TYPE (ShouWindow, shou_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  DEMO_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_orders_view (ShouWindow *self)
{
  return g_strcmp0 (shou_sidebar_get_view_name (self->sidebar), SHOU_SIDEBAR_VIEW_ORDERS) == 0;
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

  if (search != NULL && *search != '\0')
    {
      g_autofree char *description = NULL;

      /* Translators: %s is what the seller searched for */
      description = g_strdup_printf (_("Nothing in this view matches “%s”. Search finds order numbers, buyer nicknames, goods and reasons."),
                                     search);
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, description);
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

static void
on_list_items_changed_cb (ShouWindow *self)
{
  update_empty_state (self);
}

static void
reload_orders (ShouWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) orders = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->orders_list))) != NULL)
    gtk_list_box_remove (self->orders_list, child);

  orders = shou_store_list_orders (self->store, shou_sidebar_get_shop_id (self->sidebar),
                                   (search != NULL && *search != '\0') ? search : NULL,
                                   0, ORDERS_PAGE);

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      JsonObject *order = g_ptr_array_index (orders, i);
      JsonArray *lines = json_object_has_member (order, "lines") ? json_object_get_array_member (order, "lines") : NULL;
      JsonArray *aftersales = json_object_has_member (order, "aftersales") ? json_object_get_array_member (order, "aftersales") : NULL;
      JsonObject *buyer = json_object_has_member (order, "buyer") ? json_object_get_object_member (order, "buyer") : NULL;
      JsonObject *line = (lines != NULL && json_array_get_length (lines) > 0) ? json_array_get_object_element (lines, 0) : NULL;
      ShouOrderState state = SHOU_ORDER_COMPLETED;
      g_autofree char *paid = shou_money_format (json_object_get_int_member_with_default (order, "paid_fen", 0));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GString) suffix = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""), &state);
      title = g_strdup_printf ("%s · %s",
                               json_object_get_string_member_with_default (order, "order_no", ""),
                               shou_order_state_get_label (state));
      subtitle = g_strdup_printf ("%s · %s · %s",
                                  line != NULL ? json_object_get_string_member_with_default (line, "title", "") : "",
                                  buyer != NULL ? json_object_get_string_member_with_default (buyer, "nick", "") : "",
                                  paid);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      for (guint j = 0; aftersales != NULL && j < json_array_get_length (aftersales); j++)
        {
          JsonObject *aftersale = json_array_get_object_element (aftersales, j);
          ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
          ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;

          shou_request_type_from_string (json_object_get_string_member_with_default (aftersale, "type", ""), &type);
          shou_status_from_string (json_object_get_string_member_with_default (aftersale, "status", ""), &status);
          if (suffix->len > 0)
            g_string_append_c (suffix, '\n');
          g_string_append_printf (suffix, "%s · %s", shou_request_type_get_label (type),
                                  shou_status_get_label (status));
          if (j == 0)
            {
              g_object_set_data_full (G_OBJECT (row), "request-id",
                                      g_strdup (json_object_get_string_member_with_default (aftersale, "key", NULL)),
                                      g_free);
              gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
            }
        }

      label = gtk_label_new (suffix->len > 0 ? suffix->str : _("No after-sales"));
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (label, suffix->len > 0 ? "accent" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->orders_list, row);
    }

  if (orders == NULL || orders->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No orders"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->orders_list, row);
    }
}

static void
on_orders_list_row_activated_cb (ShouWindow    *self,
                                 GtkListBoxRow *row)
{
  const char *request_id = g_object_get_data (G_OBJECT (row), "request-id");

  if (request_id != NULL)
    shou_detail_pane_set_request_id (self->detail_pane, request_id);
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
}

static void
on_sidebar_shop_id_notify_cb (ShouWindow *self)
{
  shou_request_list_set_shop_id (self->list, shou_sidebar_get_shop_id (self->sidebar));
  if (is_orders_view (self))
    reload_orders (self);
  update_empty_state (self);
}

static void
on_queue_selected_id_notify_cb (ShouWindow *self)
{
  shou_detail_pane_set_request_id (self->detail_pane,
                                   shou_queue_view_get_selected_id (self->queue_view));
}

static void
on_queue_activated_cb (ShouWindow *self,
                       const char *request_id)
{
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
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Sync state in the header */

static void
update_sync_status (ShouWindow *self)
{
  ShouSyncState state = SHOU_SYNC_IDLE;
  guint pending = self->store != NULL ? shou_store_count_pending (self->store) : 0;
  gint64 last = 0;
  double progress = -1;
  const char *error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *waiting = NULL;
  gboolean offline = FALSE;
  gboolean certificate = FALSE;

  if (self->engine != NULL)
    {
      gint64 offset = 0;
      int code = -1;

      state = shou_sync_engine_get_state (self->engine);
      last = shou_sync_engine_get_last_synced (self->engine);
      progress = shou_sync_engine_get_progress (self->engine);
      error = shou_sync_engine_get_error_message (self->engine);
      g_object_get (self->engine, "clock-offset", &offset, "error-code", &code, NULL);
      shou_clock_set_offset (self->clock, offset);
      certificate = state == SHOU_SYNC_ERROR && code == SHOU_API_ERROR_CERTIFICATE;
    }

  if (pending > 0)
    waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action waiting to sync",
                                            "%u actions waiting to sync", pending),
                               pending);

  switch (state)
    {
    case SHOU_SYNC_SYNCING:
      if (progress >= 0)
        /* Translators: %d is a percentage */
        text = g_strdup_printf (_("Syncing… %d%%"), (int) (progress * 100));
      else
        text = g_strdup (_("Syncing…"));
      break;
    case SHOU_SYNC_OFFLINE:
      text = g_strdup (_("Offline"));
      offline = TRUE;
      break;
    case SHOU_SYNC_AUTH_FAILED:
      text = g_strdup (_("Token refused: check the account"));
      offline = TRUE;
      break;
    case SHOU_SYNC_ERROR:
      if (certificate)
        text = g_strdup (_("Server certificate not trusted"));
      else
        text = g_strdup (error != NULL ? error : _("Sync failed"));
      offline = TRUE;
      break;
    case SHOU_SYNC_IDLE:
    default:
      if (self->engine == NULL)
        text = g_strdup (_("Not connected"));
      else if (last == 0)
        text = g_strdup (_("Not synced yet"));
      else
        {
          g_autofree char *ago = shou_time_format_relative (last, g_get_real_time ());
          /* Translators: %s is "3 minutes ago" or similar */
          text = g_strdup_printf (_("Synced %s"), ago);
        }
      break;
    }

  if (waiting != NULL)
    {
      char *both = g_strdup_printf ("%s · %s", text, waiting);
      g_free (text);
      text = both;
    }

  if (g_strcmp0 (text, self->status_text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&text);
      adw_window_title_set_subtitle (self->window_title, self->status_text);
    }

  /* No spinner: a sync runs often, and an animation redraws the window at
   * every frame (costly with software rendering) for news the subtitle and
   * the progress bar already give. */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), state == SHOU_SYNC_SYNCING && progress >= 0);
  if (progress >= 0)
    {
      gtk_progress_bar_set_fraction (self->sync_progress, CLAMP (progress, 0.0, 1.0));
      gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (progress, 0.0, 1.0));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 self->engine != NULL && state != SHOU_SYNC_SYNCING);

  /* Each account's own state: a missing token is not a refused one, and
   * the button is the action that fixes it. */
  {
    g_autoptr(ShouAccountStatus) status = NULL;
    g_autofree char *message = NULL;
    g_autofree char *account_id = shou_account_status_pick (self->store, self->engine,
                                                            &status, &message);
    ShouAccountFix fix = status != NULL ? shou_account_status_get_fix (status) : SHOU_ACCOUNT_FIX_NONE;

    if (account_id != NULL && message != NULL && state != SHOU_SYNC_SYNCING)
      {
        gtk_label_set_text (self->offline_label, message);
        gtk_button_set_label (self->banner_button, shou_account_status_fix_label (fix));
        /* No name while the target changes: the two never mismatch. */
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), NULL);
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->banner_button),
                                                fix == SHOU_ACCOUNT_FIX_RETRY ? NULL : g_variant_new_string (account_id));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button),
                                        fix == SHOU_ACCOUNT_FIX_RETRY ? "win.sync" : "win.fix-account");
        gtk_info_bar_set_message_type (self->offline_bar,
                                       status->state == SHOU_ACCOUNT_OFFLINE ? GTK_MESSAGE_WARNING : GTK_MESSAGE_ERROR);
        gtk_info_bar_set_revealed (self->offline_bar, TRUE);
        return;
      }
    gtk_button_set_label (self->banner_button, _("_Retry"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), NULL);
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->banner_button), NULL);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "win.sync");
  }

  gtk_info_bar_set_revealed (self->offline_bar, offline);
  if (offline)
    {
      g_autofree char *message = NULL;

      if (state == SHOU_SYNC_OFFLINE)
        message = g_strdup (_("You are offline. What you see is from the local cache; your actions are saved and sent when the connection is back."));
      else if (state == SHOU_SYNC_AUTH_FAILED)
        message = g_strdup (_("The platform refused the access token. Open Accounts and Shops in the menu to reconnect; your saved actions are kept."));
      else if (certificate)
        /* Translators: %s is the reason, "The server’s certificate is not trusted: …" */
        message = g_strdup_printf (_("%s Your actions are saved; sync waits until the certificate is fixed (Retry to try now)."),
                                   error != NULL ? error : "");
      else
        message = g_strdup_printf (_("Sync failed: %s. Your actions are saved and will be sent on the next try."),
                                   error != NULL ? error : _("unknown error"));
      gtk_label_set_text (self->offline_label, message);
      gtk_info_bar_set_message_type (self->offline_bar,
                                     certificate ? GTK_MESSAGE_ERROR : GTK_MESSAGE_WARNING);
    }
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

/* Deadline notifications */

static void
send_deadline_notification (ShouWindow      *self,
                            GApplication    *app,
                            ShouRequestItem *item,
                            gint64           now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strconcat ("deadline-", shou_request_item_get_id (item), NULL);
  g_autofree char *left = shou_countdown_format (shou_request_item_get_deadline_at (item), now);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  ShouLapse lapse = shou_request_item_get_on_lapse (item);

  /* Translators: first %s is the time left ("剩余 1小时"), second the order number */
  title = g_strdup_printf (_("%s: order %s"), left, shou_request_item_get_order_no (item));
  body = g_strdup_printf ("%s · %s · %s\n%s",
                          shou_request_item_get_shop_name (item),
                          shou_request_type_get_label (shou_request_item_get_request_type (item)),
                          shou_request_item_get_goods_title (item),
                          lapse != SHOU_LAPSE_NONE ? shou_lapse_get_description (lapse) : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.open-request", "s",
                                                shou_request_item_get_id (item));
  g_application_send_notification (app, id, notification);
}

static void
check_deadlines (ShouWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(ShouRequestList) urgent = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = shou_clock_get_now (self->clock);
  guint n;

  if (app == NULL || (self->settings != NULL && !g_settings_get_boolean (self->settings, "notify-deadlines")))
    return;

  /* Sorted by deadline: stop at the first one more than 2 h away. */
  urgent = shou_request_list_new (self->store);
  shou_request_list_set_view (urgent, SHOU_VIEW_URGENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (urgent));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (urgent), i);
      gint64 deadline = shou_request_item_get_deadline_at (item);

      if (deadline == 0 || deadline - now > NOTIFY_BEFORE)
        break;
      if (deadline <= now || g_hash_table_contains (self->notified, shou_request_item_get_id (item)))
        continue;

      g_hash_table_add (self->notified, g_strdup (shou_request_item_get_id (item)));
      g_ptr_array_add (fresh, g_steal_pointer (&item));
    }

  if (fresh->len == 0)
    return;

  if (fresh->len <= NOTIFY_MAX_SINGLE)
    {
      for (guint i = 0; i < fresh->len; i++)
        send_deadline_notification (self, app, g_ptr_array_index (fresh, i), now);
    }
  else
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u request is due within 2 hours",
                                                             "%u requests are due within 2 hours",
                                                             fresh->len),
                                                fresh->len);
      g_autofree char *body = NULL;

      /* Translators: %s is the name of the view for requests due soon */
      body = g_strdup_printf (_("Open “%s” to handle them before they lapse."),
                              shou_view_get_label (SHOU_VIEW_URGENT));
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action_and_target (notification, "app.open-request", "s",
                                                    shou_request_item_get_id (g_ptr_array_index (fresh, 0)));
      g_application_send_notification (app, "deadline-summary", notification);
    }
}

static void
on_clock_tick_cb (ShouWindow *self)
{
  self->ticks++;
  shou_sidebar_set_now (self->sidebar, shou_clock_get_now (self->clock));
  if (self->ticks % 30 == 0)
    update_sync_status (self);
  if (self->ticks % 60 == 0)
    check_deadlines (self);
}

static void
on_engine_notify_cb (ShouWindow *self)
{
  update_sync_status (self);
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
  update_sync_status (self);
  shou_window_update_pages (self);
  if (ok)
    check_deadlines (self);
}

static void
on_store_accounts_changed_cb (ShouWindow *self)
{
  shou_window_update_pages (self);
}

static void
on_store_changed_cb (ShouWindow *self)
{
  update_sync_status (self);
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

/* Actions */

static void
sync_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  if (self->engine != NULL)
    shou_sync_engine_sync_now (self->engine);
  update_sync_status (self);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  if (shou_sidebar_set_view_index (self->sidebar, g_variant_get_uint32 (parameter)))
    shou_queue_view_focus_list (self->queue_view);
}

static void
toggle_sidebar_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
accounts_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);
  GtkWindow *dialog = shou_accounts_dialog_new (GTK_WINDOW (self), self->store);

  shou_accounts_dialog_set_engine (SHOU_ACCOUNTS_DIALOG (dialog), self->engine);
  gtk_window_present (dialog);
  /* From the banner: straight to what fixes that account. */
  if (parameter != NULL)
    shou_accounts_dialog_fix_account (SHOU_ACCOUNTS_DIALOG (dialog), g_variant_get_string (parameter, NULL));
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

  g_clear_object (&self->list);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shou_window_parent_class)->dispose (object);
}

static void
shou_window_finalize (GObject *object)
{
  ShouWindow *self = SHOU_WINDOW (object);

  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_clear_pointer (&self->notified, g_hash_table_unref);
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
  gtk_widget_class_bind_template_callback (widget_class, on_orders_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "u", show_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "win.accounts", NULL, accounts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.fix-account", "s", accounts_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  for (guint i = 1; i <= SHOU_SIDEBAR_N_VIEWS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK,
                                         "win.show-view", "u", i);
}

static void
shou_window_init (ShouWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clock = shou_clock_new ();
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = settings_new_if_installed ();

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  load_window_state (self);
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

  self->queue_view = SHOU_QUEUE_VIEW (shou_queue_view_new (self->list, self->clock));
  gtk_widget_set_hexpand (GTK_WIDGET (self->queue_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->queue_view), TRUE);
  gtk_box_append (self->queue_box, GTK_WIDGET (self->queue_view));
  g_signal_connect_object (self->queue_view, "notify::selected-id",
                           G_CALLBACK (on_queue_selected_id_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "activated",
                           G_CALLBACK (on_queue_activated_cb), self, G_CONNECT_SWAPPED);

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
  g_signal_connect_object (self->clock, "tick",
                           G_CALLBACK (on_clock_tick_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    last_view = g_settings_get_string (self->settings, "last-view");
  if (last_view == NULL || !shou_sidebar_set_view_name (self->sidebar, last_view))
    shou_sidebar_set_view_name (self->sidebar, shou_view_to_string (SHOU_VIEW_PENDING));
  on_sidebar_view_name_notify_cb (self);

  update_sync_status (self);
  shou_window_update_pages (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
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

  update_sync_status (self);
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

void
shou_window_open_request (ShouWindow *self,
                          const char *request_id)
{
  g_return_if_fail (SHOU_IS_WINDOW (self));
  g_return_if_fail (request_id != NULL);

  if (!is_orders_view (self))
    shou_queue_view_select_id (self->queue_view, request_id);
  shou_detail_pane_set_request_id (self->detail_pane, request_id);
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
