/* shou-autorule-notifier.c: "notify me" as a desktop notification. The
 * log is read again after the store changes (coalesced in an idle), and
 * every notify entry newer than the last one seen is sent once. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/shou-store-autorules.h"
#include "shou-autorule-notifier.h"

#define DATA_KEY "shou-autorule-notifier"
/* Entries read per check: more new notify entries at once wait for the next. */
#define LOG_PAGE 50
/* More than this many at once become one summary. */
#define NOTIFY_MAX_SINGLE 3

typedef struct
{
  GApplication *app;       /* owns this */
  ShouStore    *store;
  gint64        last_id;
  guint         idle_id;
  gulong        changed_id;
} Notifier;

static void
notifier_free (Notifier *n)
{
  g_clear_handle_id (&n->idle_id, g_source_remove);
  g_clear_signal_handler (&n->changed_id, n->store);
  g_clear_object (&n->store);
  g_free (n);
}

static void
send (Notifier                   *n,
      const ShouAutoruleLogEntry *e)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strdup_printf ("autorule-%" G_GINT64_FORMAT, e->id);
  g_autofree char *title = g_strdup_printf (_("Rule: %s"), e->rule_name);
  g_autofree char *body = NULL;

  /* Translators: %s is the order number */
  body = g_strdup_printf (_("Order %s needs you."), e->order_no ? e->order_no : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-request", "s", e->request_key);
  g_application_send_notification (n->app, id, notification);
}

/* Many at once (a rule just turned on) become one notification. */
static void
send_summary (Notifier                   *n,
              const ShouAutoruleLogEntry *first,
              guint                       count)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = g_strdup_printf (_("Rule: %s"), first->rule_name);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request needs you.",
                                                        "%u requests need you.", count), count);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-request", "s", first->request_key);
  g_application_send_notification (n->app, "autorule-summary", notification);
}

static guint
check (Notifier *n)
{
  g_autoptr(GPtrArray) log = shou_store_list_autorule_log (n->store, NULL, NULL, LOG_PAGE, g_get_real_time ());
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  gint64 newest = n->last_id;

  /* Newest first: the new ones oldest first. */
  for (guint i = log->len; i > 0; i--)
    {
      const ShouAutoruleLogEntry *e = log->pdata[i - 1];

      if (e->id <= n->last_id)
        continue;
      newest = MAX (newest, e->id);
      if (e->action == SHOU_AUTORULE_NOTIFY && e->state == SHOU_AUTORULE_LOG_DONE)
        g_ptr_array_add (fresh, (gpointer) e);
    }
  n->last_id = newest;
  if (fresh->len > NOTIFY_MAX_SINGLE)
    send_summary (n, fresh->pdata[0], fresh->len);
  else
    for (guint i = 0; i < fresh->len; i++)
      send (n, fresh->pdata[i]);
  return fresh->len;
}

static gboolean
on_idle_cb (gpointer user_data)
{
  Notifier *n = user_data;

  n->idle_id = 0;
  check (n);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouStore  *store,
                     const char *request_key,
                     gpointer    user_data)
{
  Notifier *n = user_data;

  if (n->idle_id == 0)
    n->idle_id = g_idle_add (on_idle_cb, n);
}

void
shou_autorule_notifier_attach (GApplication *app,
                               ShouStore    *store)
{
  Notifier *n;
  g_autoptr(GPtrArray) log = NULL;

  g_return_if_fail (G_IS_APPLICATION (app));
  g_return_if_fail (SHOU_IS_STORE (store));

  n = g_new0 (Notifier, 1);
  n->app = app;
  n->store = g_object_ref (store);
  log = shou_store_list_autorule_log (store, NULL, NULL, 1, g_get_real_time ());
  if (log->len > 0)
    n->last_id = ((ShouAutoruleLogEntry *) log->pdata[0])->id;
  n->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), n);
  g_object_set_data_full (G_OBJECT (app), DATA_KEY, n, (GDestroyNotify) notifier_free);
}

guint
shou_autorule_notifier_check (GApplication *app)
{
  Notifier *n = g_object_get_data (G_OBJECT (app), DATA_KEY);

  g_return_val_if_fail (n != NULL, 0);
  return check (n);
}
