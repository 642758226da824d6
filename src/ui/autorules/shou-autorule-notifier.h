/* shou-autorule-notifier.h: a rule whose action is "notify me" shows a
 * desktop notification (GNotification) for each request it matched;
 * activating it opens the request ("app.open-request"). */
#pragma once

#include <gio/gio.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* Watches @store for the app's lifetime (kept on @app); what the log
 * already holds is not shown again. */
void  shou_autorule_notifier_attach (GApplication *app,
                                     ShouStore    *store);
/* Sends what is new in the log now. Returns: how many were sent. */
guint shou_autorule_notifier_check  (GApplication *app);

G_END_DECLS
