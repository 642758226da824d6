/* shou-platform-pace.h: spacing of calls per app and per shop, as the
 * platforms' flow control asks, and the backoff after a flow-control
 * answer. The clock and the sleep are the caller's, so that tests run on
 * virtual time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   (*now)   (gpointer user_data);               /* monotonic microseconds */
  void     (*sleep) (gpointer user_data, gint64 usec);
  gpointer   user_data;
} ShouPlatformClock;

/* The real clock: g_get_monotonic_time() and g_usleep(). */
const ShouPlatformClock *shou_platform_clock_real (void);

typedef struct _ShouPlatformPace ShouPlatformPace;

ShouPlatformPace *shou_platform_pace_new       (gint64                   app_interval,
                                                gint64                   shop_interval,
                                                const ShouPlatformClock *clock);
void              shou_platform_pace_free      (ShouPlatformPace        *self);
/* Waits until a call for @shop_id (%NULL: the app alone) is allowed, then
 * counts it as made. */
void              shou_platform_pace_wait      (ShouPlatformPace        *self,
                                                const char              *shop_id);
/* Waits the backoff after the @attempt'th (1, 2, …) flow-control answer:
 * base * 2^(attempt-1), at most @cap. */
void              shou_platform_pace_backoff   (ShouPlatformPace        *self,
                                                guint                    attempt,
                                                gint64                   base,
                                                gint64                   cap);
/* Microseconds waited so far (spacing and backoff). */
gint64            shou_platform_pace_get_waited (ShouPlatformPace       *self);
/* One call's tries: after a retryable answer (flow control, the platform
 * unavailable: shou_protocol_error_is_retryable()) the backoff, then again,
 * at most @max_attempts tries in all. */
typedef struct
{
  gint64 backoff_base;
  gint64 backoff_cap;
  guint  max_attempts;
} ShouPlatformRetry;

/* One try of a call: its answer, or %NULL with @error. */
typedef gpointer (*ShouPlatformAttempt) (gpointer   user_data,
                                         GError   **error);

/* Spaces and tries @attempt for @shop_id as @retry says; @retries counts
 * the tries repeated. (transfer full) */
gpointer          shou_platform_pace_call      (ShouPlatformPace        *self,
                                                const char              *shop_id,
                                                const ShouPlatformRetry *retry,
                                                ShouPlatformAttempt      attempt,
                                                gpointer                 user_data,
                                                guint                   *retries,
                                                GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformPace, shou_platform_pace_free)

G_END_DECLS
