/* shou-queue-copy.c: copying order numbers from the queue's rows: Ctrl+C
 * on the chosen rows, and the rows' context menu (right click, Menu or
 * Shift+F10), each with a toast.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

      g_menu_append (menu, _("_Copy Order Number"), "queue.copy-order-no");
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
  popup_menu (self, point.x, point.y);
}

static void
activate_menu (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

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
}
