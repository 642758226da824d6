/* shou-sync-engine-pull.c: fetching the change feed page by page and
 * applying it to the store. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "store/shou-store-autorules.h"
#include "shou-sync-engine-private.h"

/* -- pull -- */

typedef struct
{
  ShouSyncEngine *self;
  guint           generation;
  char           *cursor;       /* the page asked for */
} PullData;

static void fetch_page (ShouSyncEngine *self,
                        const char     *cursor);

void
shou_sync_pull_reset (ShouSyncEngine *self)
{
  /* Answers still on their way belong to an older generation. */
  self->pull_generation++;
  g_queue_clear_full (&self->pages, (GDestroyNotify) shou_changes_page_free);
  g_clear_pointer (&self->next_cursor, g_free);
  g_clear_handle_id (&self->apply_id, g_source_remove);
  self->fetching = FALSE;
  self->last_received = FALSE;
  /* The pull is over (or starts again): the window shows every page. */
  if (self->store != NULL)
    shou_store_flush_changed (self->store);
}

static gboolean on_apply_idle_cb (gpointer user_data);

static void
schedule_apply (ShouSyncEngine *self)
{
  if (self->apply_id == 0 && !self->applying)
    /* Default priority: at a lower one a busy UI (an animating spinner
     * under software rendering) starved the first sync for ever. The short
     * delay lets libsoup write the request for the next page first, so the
     * server prepares it while this one is written. */
    self->apply_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 5, on_apply_idle_cb,
                                         g_object_ref (self), g_object_unref);
}

/* A lone desktop runs the account's automatic rules on what it pulled
 * (issue 26); what they queue is held for the undo window and goes with
 * the push when it is due. Our own writes: no new run for them. */
static void
run_autorules (ShouSyncEngine *self)
{
  gboolean writing = self->writing;
  GHashTable *judged;
  guint n_judged = 0;
  guint n;

  /* A team's hub runs them (GET /v1/me): desktops only edit and watch;
   * until the hub said which (offline), nothing runs here either. */
  if (g_hash_table_contains (self->hub_autorules, shou_sync_run_account (self)) ||
      !g_hash_table_contains (self->identified, shou_sync_run_account (self)))
    return;
  judged = g_hash_table_lookup (self->autorule_judged, shou_sync_run_account (self));
  if (judged == NULL)
    {
      judged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->autorule_judged, g_strdup (shou_sync_run_account (self)), judged);
    }
  self->writing = TRUE;
  /* Only what changed since it was last judged (issue 26). */
  n = shou_store_run_autorules_changed (self->store, shou_sync_run_account (self), g_get_real_time (),
                                        self->autorule_undo, judged, &n_judged);
  self->writing = writing;
  g_debug ("automatic rules: %u judged, %u acted", n_judged, n);
  if (n > 0)
    shou_sync_update_pending (self);
}

/* After a page is in: fetch or apply the next one, or end the pull. */
static gboolean
page_applied (ShouSyncEngine *self)
{
  if (!self->fetching && self->next_cursor != NULL)
    {
      g_autofree char *cursor = g_steal_pointer (&self->next_cursor);
      fetch_page (self, cursor);
    }

  if (!g_queue_is_empty (&self->pages))
    return G_SOURCE_CONTINUE;

  /* The caller's source ends: the reset below must not remove it. */
  self->apply_id = 0;
  if (self->last_received && !self->fetching)
    {
      shou_sync_pull_reset (self);
      run_autorules (self);
      shou_sync_push_next (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_page_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PullData *data = user_data;
  g_autoptr(ShouSyncEngine) self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean stale = data->generation != self->pull_generation;
  gboolean ok;

  g_free (data);
  self->applying = FALSE;
  /* Committed or not, a page of an older pull says nothing about this one
   * (its cursor is read again when a pull starts; pages re-apply
   * harmlessly). It announces what it wrote all the same. */
  ok = shou_store_apply_changes_finish (SHOU_STORE (object), result, &error);
  if (stale)
    {
      if (!g_queue_is_empty (&self->pages))
        schedule_apply (self);
      return;
    }
  if (!ok)
    {
      shou_sync_pull_reset (self);
      shou_sync_account_failed (self, error);
      return;
    }
  if (page_applied (self) == G_SOURCE_CONTINUE)
    schedule_apply (self);
}

static gboolean
on_apply_idle_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;
  g_autoptr(ShouChangesPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->applying)
    {
      self->apply_id = 0;
      return G_SOURCE_REMOVE;
    }
  page = g_queue_pop_head (&self->pages);
  if (page == NULL)
    {
      self->apply_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* A page of the first sync is written on a worker with its own
   * connection: the window stays responsive meanwhile. */
  if (page->changes->len >= 200 && shou_store_can_apply_async (self->store))
    {
      PullData *data = g_new0 (PullData, 1);
      ShouChangesPage *owned = g_steal_pointer (&page);

      data->self = g_object_ref (self);
      data->generation = self->pull_generation;
      self->applying = TRUE;
      self->apply_id = 0;
      shou_store_apply_changes_async (self->store, shou_sync_run_account (self), owned->changes,
                                      owned->data_texts, owned->next_cursor, owned,
                                      (GDestroyNotify) shou_changes_page_free,
                                      on_page_written_cb, data);
      return G_SOURCE_REMOVE;
    }

  /* The page and its cursor land in one transaction. */
  self->writing = TRUE;
  ok = shou_store_apply_changes_full (self->store, shou_sync_run_account (self), page->changes,
                                                page->data_texts, page->next_cursor, &error);
  self->writing = FALSE;
  if (!ok)
    {
      self->apply_id = 0;
      shou_sync_pull_reset (self);
      shou_sync_account_failed (self, error);
      return G_SOURCE_REMOVE;
    }

  return page_applied (self);
}

static void
on_changes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PullData *data = user_data;
  g_autoptr(ShouSyncEngine) self = data->self;
  g_autoptr(ShouChangesPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stale = data->generation != self->pull_generation;
  g_autofree char *asked = g_steal_pointer (&data->cursor);
  gboolean more;

  g_free (data);
  page = shou_api_client_get_changes_finish (SHOU_API_CLIENT (object), result, &error);
  /* "More" with the cursor that was asked for would ask for ever. */
  if (page != NULL && page->has_more && page->changes->len > 0 && asked != NULL && *asked != '\0' &&
      g_strcmp0 (page->next_cursor, asked) == 0)
    {
      g_clear_pointer (&page, shou_changes_page_free);
      error = g_error_new_literal (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
                                   _("The server keeps sending the same page of changes. Syncing stopped; what was saved stays."));
      shou_api_error_set_code (error, "cursor_stuck");
    }
  if (stale)
    return;
  self->fetching = FALSE;
  if (page == NULL)
    {
      if (shou_sync_is_cancelled (error))
        shou_sync_on_cancelled (self);
      else
        {
          shou_sync_pull_reset (self);
          shou_sync_account_failed (self, error);
        }
      return;
    }
  shou_sync_set_clock_offset (self, shou_api_client_get_clock_offset (SHOU_API_CLIENT (object)));

  more = page->has_more && page->changes->len > 0;
  if (more)
    {
      /* Ask for the next page now: the server prepares it while this one
       * is written. At most two pages wait in memory. */
      if (g_queue_get_length (&self->pages) < 1)
        fetch_page (self, page->next_cursor);
      else
        {
          g_free (self->next_cursor);
          self->next_cursor = g_strdup (page->next_cursor);
        }
    }
  else
    self->last_received = TRUE;

  g_queue_push_tail (&self->pages, g_steal_pointer (&page));
  schedule_apply (self);
}

static void
fetch_page (ShouSyncEngine *self,
            const char     *cursor)
{
  PullData *data = g_new0 (PullData, 1);

  data->self = g_object_ref (self);
  data->generation = self->pull_generation;
  data->cursor = g_strdup (cursor);
  self->fetching = TRUE;
  shou_api_client_get_changes_async (self->run_client, cursor, self->page_limit,
                                     self->cancellable, on_changes_cb, data);
}

void
shou_sync_pull (ShouSyncEngine *self)
{
  g_autofree char *cursor = shou_store_get_cursor (self->store, shou_sync_run_account (self));

  shou_sync_pull_reset (self);
  fetch_page (self, cursor);
}
