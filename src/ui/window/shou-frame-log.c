/* shou-frame-log.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "shou-frame-log.h"

typedef struct
{
  GtkWidget        *window;
  ShouRequestList  *list;
  ShouFrameLogFunc  func;
  gpointer          owner;
} FrameLog;

gboolean
shou_frame_log_enabled (void)
{
  return g_getenv ("SHOU_FRAME_LOG") != NULL;
}

/* After the paint: what the list holds now is what this frame laid out. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameLog      *log)
{
  GListModel *model = G_LIST_MODEL (log->list);
  g_autoptr(ShouRequestItem) first = NULL;
  const char *search = shou_request_list_get_search (log->list);
  const char *view = NULL;
  const char *detail = NULL;
  gboolean syncing = FALSE;

  log->func (log->owner, &view, &detail, &syncing);

  if (g_list_model_get_n_items (model) > 0)
    first = g_list_model_get_item (model, 0);
  fprintf (stderr, "frame %" G_GINT64_FORMAT " view=%s n=%u searching=%d first=%s detail=%s sync=%d search=%s\n",
           g_get_monotonic_time (),
           view ? view : shou_view_to_string (shou_request_list_get_view (log->list)),
           g_list_model_get_n_items (model),
           /* still filling: matches or revealed rows to come */
           shou_request_list_get_searching (log->list) || shou_request_list_get_revealing (log->list),
           first ? shou_request_item_get_id (first) : "-",
           detail ? detail : "-",
           syncing ? 1 : 0,
           search ? search : "");
  fflush (stderr);
}

static void
on_realize_cb (GtkWidget *window,
               FrameLog  *log)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), log);
}

void
shou_frame_log_watch (GtkWidget        *window,
                      ShouRequestList  *list,
                      ShouFrameLogFunc  func,
                      gpointer          owner)
{
  FrameLog *log;

  g_return_if_fail (GTK_IS_WIDGET (window));
  g_return_if_fail (SHOU_IS_REQUEST_LIST (list));

  /* Lives as long as the window (the process, in the benchmark). */
  log = g_new0 (FrameLog, 1);
  log->window = window;
  log->list = list;
  log->func = func;
  log->owner = owner;
  g_object_set_data_full (G_OBJECT (window), "shou-frame-log", log, g_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), log);
}
