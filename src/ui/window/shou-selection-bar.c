/* shou-selection-bar.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-batch-dialog.h"
#include "shou-batch-tag.h"
#include "shou-batch-text.h"
#include "shou-selection-bar.h"

struct _ShouSelectionBar
{
  GtkWidget           parent_instance;

  ShouQueueView      *queue;    /* unowned: the bar lives in its window */
  ShouDetailPane     *pane;     /* unowned */
  ShouQueueSelection *selection;
  GtkWidget          *box;
  GtkWidget          *label;
  guint               update_id;
  guint               count;
  gint64              total_fen;
};

G_DEFINE_FINAL_TYPE (ShouSelectionBar, shou_selection_bar, GTK_TYPE_WIDGET)

static void
update (ShouSelectionBar *self)
{
  gboolean multiple = shou_queue_selection_is_multiple (self->selection);
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  self->count = multiple ? shou_queue_selection_summarize (self->selection, &self->total_fen) : 0;
  if (!multiple)
    self->total_fen = 0;
  total = shou_money_format (self->total_fen);
  /* Translators: the selection bar: how many requests are chosen, then
   * their total amount ("已选 30 条 · 合计 ¥1,234.00") */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected · total %s",
                                       "%u selected · total %s", self->count),
                          self->count, total);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_widget_set_visible (GTK_WIDGET (self), multiple);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.agree-refund", self->count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.agree-return", self->count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.clear", multiple);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.tag", self->count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.reply", self->count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.negotiate", self->count > 0);
  shou_detail_pane_show_selection (self->pane, self->count, self->total_fen);
}

static gboolean
on_update_idle_cb (gpointer user_data)
{
  ShouSelectionBar *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* The list changes many times in a burst (a sync, a search as it types):
 * one count when it is over. The choice itself is counted at once. */
static void
on_list_items_changed_cb (ShouSelectionBar *self)
{
  if (self->update_id == 0 && shou_queue_selection_is_multiple (self->selection))
    self->update_id = g_idle_add (on_update_idle_cb, self);
}

static void
on_selection_changed_cb (ShouSelectionBar *self)
{
  g_clear_handle_id (&self->update_id, g_source_remove);
  update (self);
}

static void
on_batch_finished_cb (gpointer user_data)
{
  ShouSelectionBar *self = user_data;

  shou_queue_view_unselect (self->queue);
}

/* 同意退款, 同意退货, and the text batches 用常用语回复 and 发起协商（第一轮）:
 * the confirmation for the chosen requests. */
static void
activate_batch (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouSelectionBar *self = SHOU_SELECTION_BAR (widget);
  g_autoptr(GPtrArray) keys = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  ShouStore *store = shou_detail_pane_get_store (self->pane);

  if (!shou_queue_selection_is_multiple (self->selection))
    return;
  keys = shou_queue_selection_get_keys (self->selection);
  if (g_str_equal (action_name, "batch.reply") || g_str_equal (action_name, "batch.negotiate"))
    shou_batch_text_confirm (parent, store, keys,
                             g_str_equal (action_name, "batch.negotiate") ? SHOU_ACTION_NEGOTIATE
                                                                          : SHOU_ACTION_MESSAGE,
                             on_batch_finished_cb, self);
  else
    shou_batch_confirm (parent, store, keys,
                        g_str_equal (action_name, "batch.agree-return") ? SHOU_ACTION_AGREE_RETURN
                                                                        : SHOU_ACTION_AGREE_REFUND,
                        on_batch_finished_cb, self);
}

static void
activate_tag (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShouSelectionBar *self = SHOU_SELECTION_BAR (widget);
  g_autoptr(GPtrArray) keys = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!shou_queue_selection_is_multiple (self->selection))
    return;
  keys = shou_queue_selection_get_keys (self->selection);
  shou_batch_tag_ask (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->pane, keys);
}

static void
activate_clear (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShouSelectionBar *self = SHOU_SELECTION_BAR (widget);

  shou_queue_view_unselect (self->queue);
  shou_queue_view_focus_list (self->queue);
}

static void
shou_selection_bar_dispose (GObject *object)
{
  ShouSelectionBar *self = SHOU_SELECTION_BAR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (shou_selection_bar_parent_class)->dispose (object);
}

static void
shou_selection_bar_class_init (ShouSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_selection_bar_dispose;

  gtk_widget_class_install_action (widget_class, "batch.agree-refund", NULL, activate_batch);
  gtk_widget_class_install_action (widget_class, "batch.agree-return", NULL, activate_batch);
  gtk_widget_class_install_action (widget_class, "batch.clear", NULL, activate_clear);
  gtk_widget_class_install_action (widget_class, "batch.tag", NULL, activate_tag);
  gtk_widget_class_install_action (widget_class, "batch.reply", NULL, activate_batch);
  gtk_widget_class_install_action (widget_class, "batch.negotiate", NULL, activate_batch);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "selection-bar");
}

static GtkWidget *
add_button (ShouSelectionBar *self,
            const char       *label,
            const char       *action,
            gboolean          suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (self->box), button);
  return button;
}

static void
shou_selection_bar_init (ShouSelectionBar *self)
{
  GtkEventController *shortcuts;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->box, "toolbar");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_box_append (GTK_BOX (self->box), self->label);
  add_button (self, _("C_lear Selection"), "batch.clear", FALSE);
  {
    /* The batches that are not a decision on the money go in a menu, so
     * that the bar fits under the queue at 1024 px; their shortcuts stay. */
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkWidget *more = gtk_menu_button_new ();

    /* Translators: the selection bar's menu item: one tag on every chosen request */
    g_menu_append (menu, _("Add Ta_g…"), "batch.tag");
    /* Translators: the selection bar's menu item: one saved phrase (常用语) to every chosen request */
    g_menu_append (menu, _("Reply with a _Phrase…"), "batch.reply");
    /* Translators: the selection bar's menu item: round 1 of the negotiation with one script */
    g_menu_append (menu, _("_Negotiate (Round 1)…"), "batch.negotiate");
    /* Translators: the selection bar's menu of the other batch actions */
    gtk_menu_button_set_label (GTK_MENU_BUTTON (more), _("_More"));
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (more), TRUE);
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
    gtk_widget_set_name (more, "batch-more");
    gtk_box_append (GTK_BOX (self->box), more);
  }
  add_button (self, _("Agree Re_turn…"), "batch.agree-return", FALSE);
  add_button (self, _("_Agree Refund…"), "batch.agree-refund", TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Selection"), -1);

  /* As the detail pane's: wherever the focus is, before the list's own
   * bindings. Disabled (one request chosen), they let the key go on to the
   * pane's single-request shortcuts. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("batch.agree-refund")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("batch.agree-return")));
  /* As the pane's 回复买家 (Ctrl+Shift+M) and 拒绝/协商 (Ctrl+Shift+J). */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("batch.reply")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("batch.negotiate")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
shou_selection_bar_new (ShouQueueView  *queue,
                        ShouDetailPane *pane)
{
  ShouSelectionBar *self;

  g_return_val_if_fail (SHOU_IS_QUEUE_VIEW (queue), NULL);
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (pane), NULL);

  self = g_object_new (SHOU_TYPE_SELECTION_BAR, NULL);
  self->queue = queue;
  self->pane = pane;
  self->selection = g_object_ref (shou_queue_view_get_selection (queue));
  g_signal_connect_object (self->selection, "changed", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

guint
shou_selection_bar_get_count (ShouSelectionBar *self,
                              gint64           *total_fen)
{
  g_return_val_if_fail (SHOU_IS_SELECTION_BAR (self), 0);

  if (total_fen != NULL)
    *total_fen = self->total_fen;
  return self->count;
}
