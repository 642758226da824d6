/* shou-platform-pace.c: per-app and per-shop call spacing. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-platform-pace.h"

struct _ShouPlatformPace
{
  gint64                   app_interval;
  gint64                   shop_interval;
  ShouPlatformClock        clock;
  gint64                   app_last;
  GHashTable              *shop_last;   /* shop id -> gint64* */
  gint64                   waited;
};

static gint64
real_now (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
real_sleep (gpointer user_data,
            gint64   usec)
{
  g_usleep (usec);
}

const ShouPlatformClock *
shou_platform_clock_real (void)
{
  static const ShouPlatformClock real = { real_now, real_sleep, NULL };

  return &real;
}

ShouPlatformPace *
shou_platform_pace_new (gint64                   app_interval,
                        gint64                   shop_interval,
                        const ShouPlatformClock *clock)
{
  ShouPlatformPace *self = g_new0 (ShouPlatformPace, 1);

  self->app_interval = app_interval;
  self->shop_interval = shop_interval;
  self->clock = *(clock ? clock : shou_platform_clock_real ());
  self->app_last = G_MININT64 / 2;
  self->shop_last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
shou_platform_pace_free (ShouPlatformPace *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->shop_last);
  g_free (self);
}

static void
wait_for (ShouPlatformPace *self,
          gint64            until)
{
  gint64 now = self->clock.now (self->clock.user_data);

  if (until > now)
    {
      self->clock.sleep (self->clock.user_data, until - now);
      self->waited += until - now;
    }
}

void
shou_platform_pace_wait (ShouPlatformPace *self,
                         const char       *shop_id)
{
  gint64 *shop_last = shop_id ? g_hash_table_lookup (self->shop_last, shop_id) : NULL;
  gint64 until = self->app_last + self->app_interval;
  gint64 now;

  if (shop_last != NULL)
    until = MAX (until, *shop_last + self->shop_interval);
  wait_for (self, until);
  now = self->clock.now (self->clock.user_data);
  self->app_last = now;
  if (shop_id != NULL)
    {
      if (shop_last == NULL)
        {
          shop_last = g_new (gint64, 1);
          g_hash_table_insert (self->shop_last, g_strdup (shop_id), shop_last);
        }
      *shop_last = now;
    }
}

void
shou_platform_pace_backoff (ShouPlatformPace *self,
                            guint             attempt,
                            gint64            base,
                            gint64            cap)
{
  gint64 delay = base;

  for (guint i = 1; i < attempt && delay < cap; i++)
    delay *= 2;
  wait_for (self, self->clock.now (self->clock.user_data) + MIN (delay, cap));
}

gint64
shou_platform_pace_get_waited (ShouPlatformPace *self)
{
  return self->waited;
}

gpointer
shou_platform_pace_call (ShouPlatformPace        *self,
                         const char              *shop_id,
                         const ShouPlatformRetry *retry,
                         ShouPlatformAttempt      attempt,
                         gpointer                 user_data,
                         guint                   *retries,
                         GError                 **error)
{
  for (guint n = 1;; n++)
    {
      g_autoptr(GError) local = NULL;
      gpointer answer;

      shou_platform_pace_wait (self, shop_id);
      answer = attempt (user_data, &local);
      if (answer != NULL)
        return answer;
      if (local->domain != SHOU_PROTOCOL_ERROR || !shou_protocol_error_is_retryable (local->code) ||
          n >= MAX (retry->max_attempts, 1))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      (*retries)++;
      shou_platform_pace_backoff (self, n, retry->backoff_base, retry->backoff_cap);
    }
}
