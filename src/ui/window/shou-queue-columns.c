/* shou-queue-columns.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-queue-columns.h"

#define KEY_ORDER "queue-column-order"
#define KEY_HIDDEN "queue-hidden-columns"
#define KEY_WIDTHS "queue-column-widths"
/* A resize notifies on every pointer motion: save once it rests. */
#define SAVE_WIDTHS_DELAY_MS 400

typedef struct
{
  GtkColumnViewColumn *column;
  ShouQueueColumnSpec  spec;
  GSimpleAction       *action;
  gboolean             chosen;
  gboolean             forced_hidden;
} Col;

struct _ShouQueueColumns
{
  GtkColumnView      *view;
  Col                *cols;
  guint               n_cols;
  GSettings          *settings;
  GSimpleActionGroup *actions;
  GMenu              *menu;
  guint               save_widths_id;
  gboolean            applying;
};

static Col *
find_col (ShouQueueColumns *self,
          const char       *id)
{
  for (guint i = 0; i < self->n_cols; i++)
    if (g_strcmp0 (self->cols[i].spec.id, id) == 0)
      return &self->cols[i];
  return NULL;
}

static Col *
find_col_by_column (ShouQueueColumns    *self,
                    GtkColumnViewColumn *column)
{
  for (guint i = 0; i < self->n_cols; i++)
    if (self->cols[i].column == column)
      return &self->cols[i];
  return NULL;
}

static void
update_visibility (ShouQueueColumns *self)
{
  guint n_chosen = 0;

  for (guint i = 0; i < self->n_cols; i++)
    {
      Col *col = &self->cols[i];

      gtk_column_view_column_set_visible (col->column, col->chosen && !col->forced_hidden);
      if (col->spec.choosable && col->chosen)
        n_chosen++;
    }
  /* The last column shown cannot be hidden: a queue with no column is a
   * blank pane with nothing to click to bring one back. */
  for (guint i = 0; i < self->n_cols; i++)
    if (self->cols[i].action != NULL)
      {
        g_simple_action_set_state (self->cols[i].action, g_variant_new_boolean (self->cols[i].chosen));
        g_simple_action_set_enabled (self->cols[i].action, !(self->cols[i].chosen && n_chosen == 1));
      }
}

static void
save_hidden (ShouQueueColumns *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  if (self->settings == NULL || self->applying)
    return;
  for (guint i = 0; i < self->n_cols; i++)
    if (self->cols[i].spec.choosable && !self->cols[i].chosen)
      g_strv_builder_add (builder, self->cols[i].spec.id);
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, KEY_HIDDEN, (const char * const *) hidden);
}

static void
save_order (ShouQueueColumns *self)
{
  GListModel *model = gtk_column_view_get_columns (self->view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;
  guint n = g_list_model_get_n_items (model);

  if (self->settings == NULL || self->applying)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);
      Col *col = find_col_by_column (self, column);

      if (col != NULL)
        g_strv_builder_add (builder, col->spec.id);
    }
  order = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, KEY_ORDER, (const char * const *) order);
}

static void
save_widths (ShouQueueColumns *self)
{
  GVariantBuilder builder;

  g_clear_handle_id (&self->save_widths_id, g_source_remove);
  if (self->settings == NULL)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{si}"));
  /* Only what the seller changed: a later release's defaults still apply
   * to the others. */
  for (guint i = 0; i < self->n_cols; i++)
    {
      int width = gtk_column_view_column_get_fixed_width (self->cols[i].column);

      if (width != self->cols[i].spec.default_width)
        g_variant_builder_add (&builder, "{si}", self->cols[i].spec.id, width);
    }
  g_settings_set_value (self->settings, KEY_WIDTHS, g_variant_builder_end (&builder));
}

static gboolean
save_widths_cb (gpointer user_data)
{
  ShouQueueColumns *self = user_data;

  self->save_widths_id = 0;
  save_widths (self);
  return G_SOURCE_REMOVE;
}

static void
on_fixed_width_notify_cb (GtkColumnViewColumn *column,
                          GParamSpec          *pspec,
                          ShouQueueColumns    *self)
{
  if (self->applying || self->settings == NULL)
    return;
  g_clear_handle_id (&self->save_widths_id, g_source_remove);
  self->save_widths_id = g_timeout_add (SAVE_WIDTHS_DELAY_MS, save_widths_cb, self);
}

static void
on_columns_changed_cb (GListModel       *model,
                       guint             position,
                       guint             removed,
                       guint             added,
                       ShouQueueColumns *self)
{
  /* A header dragged to a new place: GTK removes the column and puts it
   * back. Only the second change leaves every column in. */
  if (g_list_model_get_n_items (model) == self->n_cols)
    save_order (self);
}

static void
on_show_change_state_cb (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  ShouQueueColumns *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  Col *col = find_col (self, name + strlen ("show-"));

  g_return_if_fail (col != NULL);
  col->chosen = g_variant_get_boolean (value);
  update_visibility (self);
  save_hidden (self);
}

static void
apply_order (ShouQueueColumns   *self,
             const char * const *order)
{
  guint position = 0;

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      Col *col = find_col (self, order[i]);

      /* Unknown ids (a column a later release dropped) are skipped; new
       * columns keep their default place after the saved ones. */
      if (col != NULL)
        gtk_column_view_insert_column (self->view, position++, col->column);
    }
}

static void
apply_settings (ShouQueueColumns *self)
{
  g_auto(GStrv) order = g_settings_get_strv (self->settings, KEY_ORDER);
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, KEY_HIDDEN);
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, KEY_WIDTHS);

  self->applying = TRUE;
  apply_order (self, (const char * const *) order);
  for (guint i = 0; i < self->n_cols; i++)
    {
      Col *col = &self->cols[i];
      int width;

      col->chosen = !col->spec.choosable || !g_strv_contains ((const char * const *) hidden, col->spec.id);
      if (!g_variant_lookup (widths, col->spec.id, "i", &width))
        width = col->spec.default_width;
      gtk_column_view_column_set_fixed_width (col->column, width);
    }
  update_visibility (self);
  self->applying = FALSE;
}

static void
on_reset_activate_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ShouQueueColumns *self = user_data;

  if (self->settings != NULL)
    {
      g_settings_reset (self->settings, KEY_ORDER);
      g_settings_reset (self->settings, KEY_HIDDEN);
      g_settings_reset (self->settings, KEY_WIDTHS);
    }
  g_clear_handle_id (&self->save_widths_id, g_source_remove);
  self->applying = TRUE;
  for (guint i = 0; i < self->n_cols; i++)
    {
      gtk_column_view_insert_column (self->view, i, self->cols[i].column);
      gtk_column_view_column_set_fixed_width (self->cols[i].column, self->cols[i].spec.default_width);
      self->cols[i].chosen = TRUE;
    }
  update_visibility (self);
  self->applying = FALSE;
}

ShouQueueColumns *
shou_queue_columns_new (GtkColumnView              *view,
                        GtkColumnViewColumn *const *columns,
                        const ShouQueueColumnSpec  *specs,
                        guint                       n_columns)
{
  ShouQueueColumns *self = g_new0 (ShouQueueColumns, 1);
  g_autoptr(GMenu) shown = g_menu_new ();
  g_autoptr(GSimpleAction) reset = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  self->view = view;
  self->n_cols = n_columns;
  self->cols = g_new0 (Col, n_columns);
  self->actions = g_simple_action_group_new ();
  self->menu = g_menu_new ();

  for (guint i = 0; i < n_columns; i++)
    {
      Col *col = &self->cols[i];

      col->column = columns[i];
      col->spec = specs[i];
      col->chosen = TRUE;
      g_signal_connect (col->column, "notify::fixed-width", G_CALLBACK (on_fixed_width_notify_cb), self);
      if (col->spec.choosable)
        {
          g_autofree char *name = g_strconcat ("show-", col->spec.id, NULL);
          g_autofree char *detailed = g_strconcat ("columns.", name, NULL);

          col->action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (TRUE));
          g_signal_connect (col->action, "change-state", G_CALLBACK (on_show_change_state_cb), self);
          g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (col->action));
          g_menu_append (shown, gtk_column_view_column_get_title (col->column), detailed);
        }
    }
  reset = g_simple_action_new ("reset", NULL);
  g_signal_connect (reset, "activate", G_CALLBACK (on_reset_activate_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (reset));

  /* Translators: the heading of the column chooser's list of columns */
  g_menu_append_section (self->menu, _("Columns"), G_MENU_MODEL (shown));
  {
    g_autoptr(GMenu) more = g_menu_new ();

    /* Translators: puts the queue's columns, their order and widths back */
    g_menu_append (more, _("_Reset Columns"), "columns.reset");
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (more));
  }
  for (guint i = 0; i < n_columns; i++)
    gtk_column_view_column_set_header_menu (self->cols[i].column, G_MENU_MODEL (self->menu));

  gtk_column_view_set_reorderable (view, TRUE);
  g_signal_connect (gtk_column_view_get_columns (view), "items-changed",
                    G_CALLBACK (on_columns_changed_cb), self);

  return self;
}

void
shou_queue_columns_bind (ShouQueueColumns *self,
                         GSettings        *settings)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  apply_settings (self);
}

void
shou_queue_columns_free (ShouQueueColumns *self)
{
  if (self == NULL)
    return;

  /* A resize still waiting to be saved is saved now. */
  if (self->save_widths_id != 0)
    save_widths (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_columns (self->view), self);
  for (guint i = 0; i < self->n_cols; i++)
    {
      g_signal_handlers_disconnect_by_data (self->cols[i].column, self);
      g_clear_object (&self->cols[i].action);
    }
  g_free (self->cols);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_free (self);
}

GActionGroup *
shou_queue_columns_get_actions (ShouQueueColumns *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return G_ACTION_GROUP (self->actions);
}

GMenuModel *
shou_queue_columns_get_menu (ShouQueueColumns *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return G_MENU_MODEL (self->menu);
}

void
shou_queue_columns_set_forced_hidden (ShouQueueColumns *self,
                                      const char       *id,
                                      gboolean          hidden)
{
  Col *col;

  g_return_if_fail (self != NULL);

  col = find_col (self, id);
  g_return_if_fail (col != NULL);
  if (col->forced_hidden == !!hidden)
    return;
  col->forced_hidden = !!hidden;
  gtk_column_view_column_set_visible (col->column, col->chosen && !col->forced_hidden);
}

gboolean
shou_queue_columns_get_chosen (ShouQueueColumns *self,
                               const char       *id)
{
  Col *col;

  g_return_val_if_fail (self != NULL, FALSE);

  col = find_col (self, id);
  g_return_val_if_fail (col != NULL, FALSE);
  return col->chosen;
}
