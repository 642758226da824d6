/* shou-deadline-notifier.h: desktop notifications for deadlines close at
 * hand. Owned by the application, not a window, so that reminders still
 * arrive while the app runs in the background with its window closed. */
#pragma once

#include <gio/gio.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* Requests that cross this line before their deadline notify the seller. */
#define SHOU_NOTIFY_BEFORE (2 * SHOU_USEC_PER_HOUR)

#define SHOU_TYPE_DEADLINE_NOTIFIER (shou_deadline_notifier_get_type ())
G_DECLARE_FINAL_TYPE (ShouDeadlineNotifier, shou_deadline_notifier, SHOU, DEADLINE_NOTIFIER, GObject)

/* Checks once a minute from now on. Each notification's default action is
 * "app.open-request" with the request's key ("s") as target. */
ShouDeadlineNotifier *shou_deadline_notifier_new        (GApplication         *app,
                                                         ShouStore            *store);
/* Server minus local clock, as the sync engine measured it. */
void                  shou_deadline_notifier_set_offset (ShouDeadlineNotifier *self,
                                                         gint64                offset);
/* Checks at @now (UTC usec; 0 for the corrected real time) and sends what
 * is due. Returns how many requests it notified about. */
guint                 shou_deadline_notifier_check      (ShouDeadlineNotifier *self,
                                                         gint64                now);

G_END_DECLS
