/* shou-platform-window.h: the time windows of an incremental pull. A
 * platform's list API takes an updated-at window of limited length; the
 * pull walks from the checkpoint to now in windows of at most that length,
 * each starting a little before the last one ended, so that an item updated
 * on a window's edge (or committed late on the platform) is read again
 * rather than missed. Reading one twice is harmless; missing one is not. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 max_length;   /* the platform's limit, seconds (Pinduoduo: 1800) */
  gint64 overlap;      /* how far each window reaches back, seconds */
  gint64 settle;       /* the newest seconds are left for the next pull */
  gint64 first_from;   /* where a shop without a checkpoint starts */
  gint64 min_step;     /* no window until the checkpoint is this far behind (the
                        * hub pulls before every request: not a call each time) */
} ShouPlatformWindowPolicy;

/* The next window after @checkpoint (unix seconds, 0: none yet) at @now:
 * [*out_from, *out_to], both inclusive as the platforms document, with
 * *out_to - *out_from <= max_length. %FALSE when the checkpoint is already
 * within @settle + @min_step of @now. */
gboolean shou_platform_window_next (const ShouPlatformWindowPolicy *policy,
                                    gint64                          checkpoint,
                                    gint64                          now,
                                    gint64                         *out_from,
                                    gint64                         *out_to);

G_END_DECLS
