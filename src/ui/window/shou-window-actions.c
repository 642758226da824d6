/* shou-window-actions.c: the window's win.* actions (sync, search, views,
 * sidebar, accounts, automatic rules, return addresses, preferences, an
 * order's cancellation) and the keys that activate them.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui/accounts/shou-accounts-dialog.h"
#include "ui/autorules/shou-autorules-window.h"
#include "ui/evidence/shou-address-book.h"
#include "shou-order-cancel-dialog.h"
#include "shou-preferences-window.h"
#include "shou-window-private.h"

static void
sync_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  if (self->engine != NULL)
    shou_sync_engine_sync_now (self->engine);
  shou_window_update_sync_status (self);
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

static void
autorules_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (self->store);

  if (accounts->len > 0)
    gtk_window_present (shou_autorules_window_new (GTK_WINDOW (self), self->store, self->engine,
                                                   json_object_get_string_member (accounts->pdata[0], "id")));
}

/* The shop selected in the sidebar first; the book lists every shop. */
static void
addresses_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);
  GtkWindow *book = shou_address_book_new_any_shop (GTK_WINDOW (self), self->store,
                                                    shou_sidebar_get_shop_id (self->sidebar));

  if (book != NULL)
    gtk_window_present (book);
}

static void
preferences_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (shou_preferences_window_new (GTK_WINDOW (widget)));
}

/* An order row's 取消订单 (target: the order's key). */
static void
cancel_order_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShouWindow *self = SHOU_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (shou_order_cancel_dialog_new (GTK_WINDOW (self), self->store,
                                                                g_variant_get_string (parameter, NULL))));
}

void
shou_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "u", show_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "win.accounts", NULL, accounts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.fix-account", "s", accounts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.autorules", NULL, autorules_action_cb);
  gtk_widget_class_install_action (widget_class, "win.addresses", NULL, addresses_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-order", "s", cancel_order_action_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  /* F9 is the sidebar (GNOME's key for it); the detail pane on the other
   * side takes Ctrl+F9, as GNOME Builder's right panel does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_CONTROL_MASK, "win.show-detail-pane", NULL);
  /* Alt+1 … Alt+9, and Alt+0 for the tenth view. */
  for (guint i = 1; i <= SHOU_SIDEBAR_N_VIEWS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i % 10, GDK_ALT_MASK,
                                         "win.show-view", "u", i);
}
