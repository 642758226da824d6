/* shou-store-bulk.c: the initial sync's pages announced together: a
 * "changed" for everything at most once an interval, so that the window
 * follows a sync without spending it on refreshes. */
#include "config.h"

#include <time.h>

#include "shou-store-private.h"

#define BULK_CHANGED_INTERVAL (G_USEC_PER_SEC)
#define BULK_MAX_BACKOFF 4

/* CPU time of the calling thread, in µs (0 when unknown). */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

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
  gint64 interval = MAX (MAX (self->bulk_backoff, 1) * BULK_CHANGED_INTERVAL, self->bulk_interval);

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
  gint64 start, cpu;

  g_return_if_fail (SHOU_IS_STORE (self));

  if (!self->bulk_pending)
    return;
  start = g_get_monotonic_time ();
  cpu = thread_cpu_usec ();
  /* The share of the time since the last announcement that this thread
   * (the window's) was busy: the refresh and what followed it (counts,
   * frames, the seller's own keys). Over a quarter: announce half as
   * often; under a tenth: twice as often again, down to once a second. */
  if (self->bulk_started_at > 0 && cpu > 0 && start > self->bulk_started_at)
    {
      double share = (double) (cpu - self->bulk_cpu_at) / (double) (start - self->bulk_started_at);

      if (share > 0.25)
        self->bulk_backoff = MIN (MAX (self->bulk_backoff, 1) * 2, BULK_MAX_BACKOFF);
      else if (share < 0.1)
        self->bulk_backoff = MAX (self->bulk_backoff / 2, 1);
    }
  self->bulk_started_at = start;
  self->bulk_cpu_at = cpu;
  shou_store_emit_changed (self, NULL);
  /* What the window does with "changed" (rebuilding its visible rows) may
   * take a tenth of a second on a slow machine: then wait longer, so that
   * it stays a twentieth of the sync. */
  self->bulk_changed_at = g_get_monotonic_time ();
  self->bulk_interval = 20 * (self->bulk_changed_at - start);
}
