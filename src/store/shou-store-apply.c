/* shou-store-apply.c: applying pages of the change feed on a worker thread
 * with a connection of its own (shou_store_apply_changes_async()), so that
 * a page of the first sync (a thousand changes, its indexes, its search
 * index and now and then a WAL checkpoint) never holds up the window. */
#include "config.h"

#include "shou-store-private.h"

typedef struct
{
  char              *account_id;
  GPtrArray         *changes;
  GPtrArray         *data_texts;
  char              *next_cursor;
  gpointer           owner;
  GDestroyNotify     owner_free;
  /* set by the worker */
  ShouStoreAnnounce  what;
  char              *request_id;
} ApplyData;

static void
apply_data_free (gpointer user_data)
{
  ApplyData *data = user_data;

  if (data->owner_free != NULL && data->owner != NULL)
    data->owner_free (data->owner);
  g_free (data->account_id);
  g_free (data->next_cursor);
  g_free (data->request_id);
  g_free (data);
}

static void
apply_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ShouStore *self = source_object;
  ApplyData *data = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  /* One page at a time, in the order they were given: GTask's pool may
   * start the next one before this one is done. */
  g_mutex_lock (&self->writer_lock);
  if (self->writer == NULL)
    {
      self->writer = shou_store_open_connection (self->path, &error);
      if (self->writer != NULL)
        shou_db_share_waiting_writers (self->writer->db, &self->waiting_writers);
    }
  if (self->writer != NULL)
    {
      /* An action of the window's thread waiting for the lock goes first. */
      shou_db_yield_to_writers (self->writer->db);
      ok = shou_store_apply_changes_txn (self->writer, data->account_id, data->changes,
                                         data->data_texts, data->next_cursor, TRUE, &error);
    }
  g_mutex_unlock (&self->writer_lock);

  if (ok)
    data->what = shou_store_changes_announcement (data->changes, &data->request_id);
  /* Freeing a page's JSON is a tenth of its cost: here, not in the window. */
  if (data->owner_free != NULL && data->owner != NULL)
    g_clear_pointer (&data->owner, data->owner_free);
  data->changes = data->data_texts = NULL;

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
shou_store_can_apply_async (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  /* The window's connection reads a live migration's TEMP views, which
   * another connection does not have; and ":memory:" is one connection. */
  return !self->live_views && !self->migrating && self->path != NULL &&
         !g_str_equal (self->path, ":memory:") && !g_str_has_prefix (self->path, "file:");
}

void
shou_store_apply_changes_async (ShouStore           *self,
                                const char          *account_id,
                                GPtrArray           *changes,
                                GPtrArray           *data_texts,
                                const char          *next_cursor,
                                gpointer             owner,
                                GDestroyNotify       owner_free,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_return_if_fail (SHOU_IS_STORE (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (changes != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, shou_store_apply_changes_async);
  data = g_new0 (ApplyData, 1);
  data->account_id = g_strdup (account_id);
  data->changes = changes;
  data->data_texts = data_texts;
  data->next_cursor = g_strdup (next_cursor);
  data->owner = owner;
  data->owner_free = owner_free;
  g_task_set_task_data (task, data, apply_data_free);
  /* A write of this thread (BEGIN IMMEDIATE) counts itself as waiting, so
   * that the worker lets it in between two pages. */
  shou_db_share_waiting_writers (self->db, &self->waiting_writers);
  g_task_run_in_thread (task, apply_thread_cb);
}

gboolean
shou_store_apply_changes_finish (ShouStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  ApplyData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* In the caller's thread: the window's models listen to "changed". */
  data = g_task_get_task_data (G_TASK (result));
  shou_store_announce (self, data->account_id, data->what, data->request_id);
  return TRUE;
}
