/* shou-queue-selection.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shou-queue-selection.h"

struct _ShouQueueSelection
{
  GObject          parent_instance;

  ShouRequestList *list;
  /* Without "all", the chosen keys; with it, the keys unselected since. */
  GHashTable      *ids;
  gboolean         all;
  /* Count and total of every row of the list, while the list's rows stay
   * the same: Ctrl+A reads them once, and each Ctrl-click after it only
   * the rows it takes out. */
  gboolean         all_valid;
  guint            all_n;
  gint64           all_fen;
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouQueueSelection, shou_queue_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
shou_queue_selection_get_item_type (GListModel *model)
{
  return SHOU_TYPE_REQUEST_ITEM;
}

static guint
shou_queue_selection_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (SHOU_QUEUE_SELECTION (model)->list));
}

static gpointer
shou_queue_selection_get_item (GListModel *model,
                               guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (SHOU_QUEUE_SELECTION (model)->list), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = shou_queue_selection_get_item_type;
  iface->get_n_items = shou_queue_selection_get_n_items;
  iface->get_item = shou_queue_selection_get_item;
}

static char *
dup_key_at (ShouQueueSelection *self,
            guint               position)
{
  g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  return item ? g_strdup (shou_request_item_get_id (item)) : NULL;
}

/* Rows only re-read their state when they are told: the rows the view
 * shows are the only ones that ask, so telling all of them is cheap. */
static void
announce (ShouQueueSelection *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
shou_queue_selection_is_selected (GtkSelectionModel *model,
                                  guint              position)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (model);
  g_autofree char *key = NULL;

  if (self->all && g_hash_table_size (self->ids) == 0)
    return position < g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (!self->all && g_hash_table_size (self->ids) == 0)
    return FALSE;
  key = dup_key_at (self, position);
  return key != NULL && g_hash_table_contains (self->ids, key) != self->all;
}

static void
choose (ShouQueueSelection *self,
        const char         *key,
        gboolean            chosen)
{
  if (chosen != self->all)
    g_hash_table_add (self->ids, g_strdup (key));
  else
    g_hash_table_remove (self->ids, key);
}

static gboolean
shou_queue_selection_select_item (GtkSelectionModel *model,
                                  guint              position,
                                  gboolean           unselect_rest)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (model);
  g_autofree char *key = dup_key_at (self, position);

  if (key == NULL)
    return FALSE;
  if (unselect_rest)
    {
      self->all = FALSE;
      g_hash_table_remove_all (self->ids);
    }
  choose (self, key, TRUE);
  announce (self);
  return TRUE;
}

static gboolean
shou_queue_selection_unselect_item (GtkSelectionModel *model,
                                    guint              position)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (model);
  g_autofree char *key = dup_key_at (self, position);

  /* The last chosen row stays chosen, as the single selection's did: the
   * detail pane keeps showing it. */
  if (key == NULL || (!self->all && g_hash_table_size (self->ids) <= 1))
    return FALSE;
  choose (self, key, FALSE);
  announce (self);
  return TRUE;
}

static gboolean
change_range (ShouQueueSelection *self,
              guint               position,
              guint               n_items,
              gboolean            chosen,
              gboolean            unselect_rest)
{
  g_autoptr(GPtrArray) keys = shou_request_list_keys_in_range (self->list, position, n_items);

  if (keys->len == 0)
    return FALSE;
  if (unselect_rest)
    {
      self->all = FALSE;
      g_hash_table_remove_all (self->ids);
    }
  for (guint i = 0; i < keys->len; i++)
    choose (self, keys->pdata[i], chosen);
  announce (self);
  return TRUE;
}

static gboolean
shou_queue_selection_select_range (GtkSelectionModel *model,
                                   guint              position,
                                   guint              n_items,
                                   gboolean           unselect_rest)
{
  return change_range (SHOU_QUEUE_SELECTION (model), position, n_items, TRUE, unselect_rest);
}

static gboolean
shou_queue_selection_unselect_range (GtkSelectionModel *model,
                                     guint              position,
                                     guint              n_items)
{
  return change_range (SHOU_QUEUE_SELECTION (model), position, n_items, FALSE, FALSE);
}

static gboolean
shou_queue_selection_select_all (GtkSelectionModel *model)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (model);

  self->all = TRUE;
  g_hash_table_remove_all (self->ids);
  announce (self);
  return TRUE;
}

/* Ctrl+Shift+A is the seller's 同意退款, never "unselect all": Escape
 * clears the selection (the queue view). */
static gboolean
shou_queue_selection_unselect_all (GtkSelectionModel *model)
{
  return FALSE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = shou_queue_selection_is_selected;
  iface->select_item = shou_queue_selection_select_item;
  iface->unselect_item = shou_queue_selection_unselect_item;
  iface->select_range = shou_queue_selection_select_range;
  iface->unselect_range = shou_queue_selection_unselect_range;
  iface->select_all = shou_queue_selection_select_all;
  iface->unselect_all = shou_queue_selection_unselect_all;
}

static void
on_list_items_changed_cb (ShouQueueSelection *self,
                          guint               position,
                          guint               removed,
                          guint               added)
{
  /* Rows revealed at the end (a view shown a screenful first) were in the
   * query already; anything else may change what "all" holds. */
  if (removed > 0 || shou_request_list_get_searching (self->list) ||
      position + added != g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    self->all_valid = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
shou_queue_selection_dispose (GObject *object)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (shou_queue_selection_parent_class)->dispose (object);
}

static void
shou_queue_selection_finalize (GObject *object)
{
  ShouQueueSelection *self = SHOU_QUEUE_SELECTION (object);

  g_hash_table_unref (self->ids);

  G_OBJECT_CLASS (shou_queue_selection_parent_class)->finalize (object);
}

static void
shou_queue_selection_class_init (ShouQueueSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_queue_selection_dispose;
  object_class->finalize = shou_queue_selection_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
shou_queue_selection_init (ShouQueueSelection *self)
{
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ShouQueueSelection *
shou_queue_selection_new (ShouRequestList *list)
{
  ShouQueueSelection *self;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (list), NULL);

  self = g_object_new (SHOU_TYPE_QUEUE_SELECTION, NULL);
  self->list = g_object_ref (list);
  g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

void
shou_queue_selection_set_only (ShouQueueSelection *self,
                               const char         *request_id)
{
  g_return_if_fail (SHOU_IS_QUEUE_SELECTION (self));

  if (!self->all && g_hash_table_size (self->ids) == (request_id ? 1u : 0u) &&
      (request_id == NULL || g_hash_table_contains (self->ids, request_id)))
    return;
  self->all = FALSE;
  g_hash_table_remove_all (self->ids);
  if (request_id != NULL)
    g_hash_table_add (self->ids, g_strdup (request_id));
  announce (self);
}

const char *
shou_queue_selection_get_single (ShouQueueSelection *self)
{
  GHashTableIter iter;
  gpointer key = NULL;

  g_return_val_if_fail (SHOU_IS_QUEUE_SELECTION (self), NULL);

  if (self->all || g_hash_table_size (self->ids) != 1)
    return NULL;
  g_hash_table_iter_init (&iter, self->ids);
  g_hash_table_iter_next (&iter, &key, NULL);
  return key;
}

gboolean
shou_queue_selection_is_multiple (ShouQueueSelection *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_SELECTION (self), FALSE);

  return self->all || g_hash_table_size (self->ids) > 1;
}

guint
shou_queue_selection_summarize (ShouQueueSelection *self,
                                gint64             *total_fen)
{
  gint64 out = 0;
  guint n;

  g_return_val_if_fail (SHOU_IS_QUEUE_SELECTION (self), 0);

  if (!self->all)
    return shou_request_list_summarize (self->list, FALSE, self->ids, total_fen);
  if (!self->all_valid)
    {
      self->all_n = shou_request_list_summarize (self->list, TRUE, NULL, &self->all_fen);
      self->all_valid = TRUE;
    }
  /* Keys not in the list count for nothing on either side. */
  n = shou_request_list_summarize (self->list, FALSE, self->ids, &out);
  if (total_fen != NULL)
    *total_fen = self->all_fen - out;
  return self->all_n - MIN (n, self->all_n);
}

GPtrArray *
shou_queue_selection_get_keys (ShouQueueSelection *self)
{
  g_return_val_if_fail (SHOU_IS_QUEUE_SELECTION (self), NULL);

  return shou_request_list_selected_keys (self->list, self->all, self->ids);
}
