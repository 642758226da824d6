/* shou-store-bulk.c: the initial sync's pages announced together: a
 * "changed" for everything at most once an interval, so that the window
 * follows a sync without spending it on refreshes. */
#include "config.h"

#include "shou-store-private.h"

#define BULK_CHANGED_INTERVAL (G_USEC_PER_SEC)

static gboolean
on_bulk_changed_cb (gpointer user_data)
{
  ShouStore *self = user_data;

  self->bulk_changed_id = 0;
  shou_store_flush_changed (self);
  return G_SOURCE_REMOVE;
}

void
shou_store_emit_bulk_changed (ShouStore *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 interval = MAX (BULK_CHANGED_INTERVAL, self->bulk_interval);

  self->bulk_pending = TRUE;
  if (self->bulk_changed_id != 0)
    return;
  if (now - self->bulk_changed_at >= interval)
    {
      shou_store_flush_changed (self);
      return;
    }
  self->bulk_changed_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                              (interval - (now - self->bulk_changed_at)) / 1000 + 1,
                                              on_bulk_changed_cb, self, NULL);
}

void
shou_store_flush_changed (ShouStore *self)
{
  gint64 start;

  g_return_if_fail (SHOU_IS_STORE (self));

  if (!self->bulk_pending)
    return;
  start = g_get_monotonic_time ();
  shou_store_emit_changed (self, NULL);
  /* What the window does with "changed" (rebuilding its visible rows) may
   * take a tenth of a second on a slow machine: then wait longer, so that
   * it stays a twentieth of the sync. */
  self->bulk_changed_at = g_get_monotonic_time ();
  self->bulk_interval = 20 * (self->bulk_changed_at - start);
}
