/* shou-platform-window.c: overlapping windows within a platform's limit. */
#include "config.h"

#include "shou-platform-window.h"

gboolean
shou_platform_window_next (const ShouPlatformWindowPolicy *policy,
                           gint64                          checkpoint,
                           gint64                          now,
                           gint64                         *out_from,
                           gint64                         *out_to)
{
  gint64 from;
  gint64 to;
  gint64 limit = now - policy->settle;

  g_return_val_if_fail (policy->max_length > policy->overlap && policy->overlap >= 0, FALSE);
  from = checkpoint > 0 ? checkpoint - policy->overlap : policy->first_from;
  if (checkpoint > 0 && checkpoint + MAX (policy->min_step, 1) > limit)
    return FALSE;
  if (from >= limit)
    return FALSE;
  to = MIN (from + policy->max_length, limit);
  *out_from = from;
  *out_to = to;
  return TRUE;
}
