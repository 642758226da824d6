/* shou-queue-copy.c: copying order numbers from the queue's rows: Ctrl+C
 * on the chosen rows, and the rows' context menu (right click, Menu or
 * Shift+F10), each copy with a toast. The menu also copies the row's
 * tracking number and filters the queue by its buyer or SKU.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-store.h"
#include "shou-detail-sections.h"
#include "ui/shou-ui-util.h"
#include "shou-queue-copy.h"
#include "shou-queue-selection.h"

/* Ctrl+C over a large selection copies at most this many numbers. */
#define COPY_MAX 500

static void
toast (GtkWidget  *widget,
       const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    shou_ui_toast (ADW_TOAST_OVERLAY (overlay), message, 4);
}

static char *
order_no_of (ShouRequestList *list,
             const char      *request_id)
{
  int pos = shou_request_list_find (list, request_id);
  g_autoptr(ShouRequestItem) item = NULL;

  if (pos < 0)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (list), (guint) pos);
  if (item == NULL || shou_request_item_get_order_no (item) == NULL ||
      *shou_request_item_get_order_no (item) == '\0')
    return NULL;
  return g_strdup (shou_request_item_get_order_no (item));
}

static void
activate_copy_order_no (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShouQueueSelection *selection = g_object_get_data (G_OBJECT (widget), "shou-queue-selection");
  ShouRequestList *list = g_object_get_data (G_OBJECT (widget), "shou-queue-list");
  g_autoptr(GPtrArray) keys = shou_queue_selection_get_keys (selection);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *message = NULL;
  guint n = 0;

  for (guint i = 0; keys != NULL && i < keys->len && n < COPY_MAX; i++)
    {
      g_autofree char *order_no = order_no_of (list, keys->pdata[i]);

      if (order_no == NULL)
        continue;
      if (n++ > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, order_no);
    }
  if (n == 0)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  if (n == 1)
    /* Translators: %s is an order number */
    message = g_strdup_printf (_("Order number %s copied"), text->str);
  else
    /* Translators: %u is how many order numbers were copied, one a line */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order number copied",
                                            "%u order numbers copied", n), n);
  toast (widget, message);
}

static const char * const menu_values[] = {
  "queue.copy-tracking-no", "queue.filter-buyer", "queue.filter-sku",
};

/* What a menu item acts on, kept on the queue under its action's name;
 * NULL turns the item off. Takes @value. */
static void
set_menu_value (GtkWidget  *self,
                const char *action,
                char       *value)
{
  gtk_widget_action_set_enabled (self, action, value != NULL);
  g_object_set_data_full (G_OBJECT (self), action, value, g_free);
}

/* The request the menu opens on: the row under the pointer or the focus,
 * else the first chosen one. Its return and exchange tracking numbers (one
 * a line), and win.show-filtered's terms for its buyer and its SKU. */
static void
set_menu_row (GtkWidget  *self,
              const char *key)
{
  ShouRequestList *list = g_object_get_data (G_OBJECT (self), "shou-queue-list");
  ShouQueueSelection *selection = g_object_get_data (G_OBJECT (self), "shou-queue-selection");
  static const char * const roles[] = { "return_shipment", "exchange_shipment" };
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  GString *tracking = g_string_new (NULL);
  const char *buyer = NULL;
  const char *sku = NULL;
  int pos;

  if (key == NULL && (keys = shou_queue_selection_get_keys (selection)) != NULL && keys->len > 0)
    key = keys->pdata[0];
  pos = key ? shou_request_list_find (list, key) : -1;
  g_object_get (list, "store", &store, NULL);
  if (pos >= 0 && store != NULL)
    {
      item = g_list_model_get_item (G_LIST_MODEL (list), (guint) pos);
      request = shou_store_get_request (store, key, NULL);
      sku = shou_request_item_get_sku (item);
      /* The platform's buyer id says who the buyer is where the request
       * has one; the nick (as the row shows it) only where it has not
       * (shou-request-filter.h). */
      buyer = shou_json_get_string (request, "buyer_id");
      if (buyer == NULL || *buyer == '\0')
        buyer = shou_request_item_get_buyer (item);
    }
  for (guint i = 0; request != NULL && i < G_N_ELEMENTS (roles); i++)
    {
      const char *no = shou_json_get_string (shou_json_get_object (request, roles[i]), "tracking_no");

      if (no != NULL && *no != '\0')
        g_string_append_printf (tracking, "%s%s", tracking->len ? "\n" : "", no);
    }
  /* Freed, not kept, when empty: NULL turns the item off. */
  set_menu_value (self, "queue.copy-tracking-no", g_string_free (tracking, tracking->len == 0));
  set_menu_value (self, "queue.filter-buyer", buyer && *buyer ? g_strconcat ("buyer:", buyer, NULL) : NULL);
  set_menu_value (self, "queue.filter-sku", sku && *sku ? g_strconcat ("sku:", sku, NULL) : NULL);
}

static void
activate_copy_tracking_no (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  const char *tracking = g_object_get_data (G_OBJECT (widget), action_name);
  g_autofree char *message = NULL;

  if (tracking == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), tracking);
  /* Translators: %s is a tracking number (two, for a return and an exchange's resend) */
  message = g_strdup_printf (_("Tracking number %s copied"), tracking);
  g_strdelimit (message, "\n", ' ');
  toast (widget, message);
}

/* 筛选此买家, 筛选此 SKU: the queue with that filter alone. */
static void
activate_filter_row (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *term = g_object_get_data (G_OBJECT (widget), action_name);

  if (term != NULL)
    gtk_widget_activate_action (widget, "win.show-filtered", "s", term);
}

/* One menu per queue, made at its first use, kept as a child of the
 * queue (a menu item acts after its popover closes). */
static void
popup_menu (GtkWidget     *self,
            double         x,
            double         y)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (self), "shou-queue-menu");
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  if (popover == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) filters = g_menu_new ();
      g_autoptr(GMenu) copies = g_menu_new ();

      g_menu_append (copies, _("_Copy Order Number"), "queue.copy-order-no");
      /* Translators: the queue row's menu: the return's (or an exchange's) tracking number */
      g_menu_append (copies, _("Copy _Tracking Number"), "queue.copy-tracking-no");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (copies));
      /* Translators: the queue row's menu: show only this buyer's requests */
      g_menu_append (filters, _("Filter by This _Buyer"), "queue.filter-buyer");
      /* Translators: the queue row's menu: show only the requests for this SKU */
      g_menu_append (filters, _("Filter by This _SKU"), "queue.filter-sku");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (filters));
      popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (popover, self);
      gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
      gtk_widget_set_halign (popover, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (self), "shou-queue-menu", popover);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &at);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* The row's item of a cell: the queue's cells carry their list item. */
static GtkListItem *
list_item_at (GtkWidget *picked)
{
  for (GtkWidget *w = picked; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (w), "shou-list-item");

      if (list_item != NULL)
        return list_item;
      /* A row's box holds its cells: the cell under it is a child. */
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        if ((list_item = g_object_get_data (G_OBJECT (c), "shou-list-item")) != NULL)
          return list_item;
    }
  return NULL;
}

static void
on_right_click_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkWidget       *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = picked ? list_item_at (picked) : NULL;
  ShouRequestItem *item = list_item ? gtk_list_item_get_item (list_item) : NULL;
  graphene_point_t point;

  if (item == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* A right click on a row outside the selection chooses it alone, as
   * file managers do; inside it, the menu acts on all of it. */
  if (!gtk_selection_model_is_selected (g_object_get_data (G_OBJECT (self), "shou-queue-selection"),
                                        gtk_list_item_get_position (list_item)))
    gtk_selection_model_select_item (g_object_get_data (G_OBJECT (self), "shou-queue-selection"),
                                     gtk_list_item_get_position (list_item), TRUE);
  if (!gtk_widget_compute_point (view, self, &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT ((float) x, (float) y);
  set_menu_row (self, shou_request_item_get_id (item));
  popup_menu (self, point.x, point.y);
}

static void
activate_menu (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkListItem *list_item = focus && gtk_widget_is_ancestor (focus, widget) ? list_item_at (focus) : NULL;
  ShouRequestItem *item = list_item ? gtk_list_item_get_item (list_item) : NULL;
  graphene_rect_t bounds;

  set_menu_row (widget, item ? shou_request_item_get_id (item) : NULL);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget) ||
      !gtk_widget_compute_bounds (focus, widget, &bounds))
    {
      popup_menu (widget, 24, 24);
      return;
    }
  popup_menu (widget, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
}

void
shou_queue_copy_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "queue.copy-order-no", NULL, activate_copy_order_no);
  gtk_widget_class_install_action (widget_class, "queue.copy-tracking-no", NULL, activate_copy_tracking_no);
  gtk_widget_class_install_action (widget_class, "queue.filter-buyer", NULL, activate_filter_row);
  gtk_widget_class_install_action (widget_class, "queue.filter-sku", NULL, activate_filter_row);
  gtk_widget_class_install_action (widget_class, "queue.menu", NULL, activate_menu);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "queue.copy-order-no", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "queue.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "queue.menu", NULL);
}

void
shou_queue_copy_attach (GtkWidget          *self,
                        GtkWidget          *column_view,
                        ShouRequestList    *list,
                        ShouQueueSelection *selection)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data (G_OBJECT (self), "shou-queue-list", list);
  g_object_set_data (G_OBJECT (self), "shou-queue-selection", selection);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_right_click_cb), self, 0);
  gtk_widget_add_controller (column_view, GTK_EVENT_CONTROLLER (click));
}

void
shou_queue_copy_dispose (GtkWidget *self)
{
  GtkWidget *popover = g_object_steal_data (G_OBJECT (self), "shou-queue-menu");

  if (popover != NULL)
    gtk_widget_unparent (popover);
  for (guint i = 0; i < G_N_ELEMENTS (menu_values); i++)
    g_object_set_data (G_OBJECT (self), menu_values[i], NULL);
}
