/* shou-frame-log.h: with SHOU_FRAME_LOG set, one line on stderr after each
 * painted frame of a window, saying what its request list showed in that
 * frame. tests/bench/bench-latency.py times key presses to these lines. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-request-list.h"

G_BEGIN_DECLS

/* What the window showed besides the list: its view ("orders" for the
 * order list, "loading" or "welcome" for those pages, else NULL: the
 * list's), the request in its detail and whether a sync was running. */
typedef void (*ShouFrameLogFunc) (gpointer     owner,
                                  const char **view,
                                  const char **detail,
                                  gboolean    *syncing);

gboolean shou_frame_log_enabled (void);
void     shou_frame_log_watch   (GtkWidget        *window,
                                 ShouRequestList  *list,
                                 ShouFrameLogFunc  func,
                                 gpointer          owner);

G_END_DECLS
