/* shou-deadline-notifier.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-request-list.h"
#include "shou-deadline-notifier.h"

/* More than this many at once become one summary notification. */
#define NOTIFY_MAX_SINGLE 3
#define CHECK_INTERVAL_S 60

struct _ShouDeadlineNotifier
{
  GObject       parent_instance;

  GApplication *app;      /* weak: the app owns the notifier */
  ShouStore    *store;
  GSettings    *settings;
  GHashTable   *notified;
  gint64        offset;
  guint         timer_id;
};

G_DEFINE_FINAL_TYPE (ShouDeadlineNotifier, shou_deadline_notifier, G_TYPE_OBJECT)

static void
send_one (ShouDeadlineNotifier *self,
          ShouRequestItem      *item,
          gint64                now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strconcat ("deadline-", shou_request_item_get_id (item), NULL);
  g_autofree char *left = shou_countdown_format (shou_request_item_get_deadline_at (item), now);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  ShouLapse lapse = shou_request_item_get_on_lapse (item);

  /* Translators: first %s is the time left ("剩余 1小时"), second the order number */
  title = g_strdup_printf (_("%s: order %s"), left, shou_request_item_get_order_no (item));
  body = g_strdup_printf ("%s · %s · %s\n%s",
                          shou_request_item_get_shop_name (item),
                          shou_request_type_get_label (shou_request_item_get_request_type (item)),
                          shou_request_item_get_goods_title (item),
                          lapse != SHOU_LAPSE_NONE ? shou_lapse_get_description (lapse) : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.open-request", "s",
                                                shou_request_item_get_id (item));
  g_application_send_notification (self->app, id, notification);
}

guint
shou_deadline_notifier_check (ShouDeadlineNotifier *self,
                              gint64                now)
{
  g_autoptr(ShouRequestList) urgent = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (SHOU_IS_DEADLINE_NOTIFIER (self), 0);

  if (self->app == NULL || self->store == NULL ||
      (self->settings != NULL && !g_settings_get_boolean (self->settings, "notify-deadlines")))
    return 0;
  if (now == 0)
    now = g_get_real_time () + self->offset;

  /* Sorted by deadline: stop at the first one more than 2 h away. */
  urgent = shou_request_list_new (self->store);
  shou_request_list_set_view (urgent, SHOU_VIEW_URGENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (urgent));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (urgent), i);
      gint64 deadline = shou_request_item_get_deadline_at (item);

      if (deadline == 0 || deadline - now > SHOU_NOTIFY_BEFORE)
        break;
      if (deadline <= now || g_hash_table_contains (self->notified, shou_request_item_get_id (item)))
        continue;

      g_hash_table_add (self->notified, g_strdup (shou_request_item_get_id (item)));
      g_ptr_array_add (fresh, g_steal_pointer (&item));
    }

  if (fresh->len == 0)
    return 0;

  if (fresh->len <= NOTIFY_MAX_SINGLE)
    {
      for (guint i = 0; i < fresh->len; i++)
        send_one (self, g_ptr_array_index (fresh, i), now);
    }
  else
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u request is due within 2 hours",
                                                             "%u requests are due within 2 hours",
                                                             fresh->len),
                                                fresh->len);
      g_autofree char *body = NULL;

      /* Translators: %s is the name of the view for requests due soon */
      body = g_strdup_printf (_("Open “%s” to handle them before they lapse."),
                              shou_view_get_label (SHOU_VIEW_URGENT));
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action_and_target (notification, "app.open-request", "s",
                                                    shou_request_item_get_id (g_ptr_array_index (fresh, 0)));
      g_application_send_notification (self->app, "deadline-summary", notification);
    }

  return fresh->len;
}

static gboolean
on_timer_cb (gpointer user_data)
{
  shou_deadline_notifier_check (user_data, 0);

  return G_SOURCE_CONTINUE;
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);

  return schema != NULL ? g_settings_new (BASE_ID) : NULL;
}

static void
shou_deadline_notifier_dispose (GObject *object)
{
  ShouDeadlineNotifier *self = SHOU_DEADLINE_NOTIFIER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_weak_pointer (&self->app);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shou_deadline_notifier_parent_class)->dispose (object);
}

static void
shou_deadline_notifier_finalize (GObject *object)
{
  ShouDeadlineNotifier *self = SHOU_DEADLINE_NOTIFIER (object);

  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (shou_deadline_notifier_parent_class)->finalize (object);
}

static void
shou_deadline_notifier_class_init (ShouDeadlineNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_deadline_notifier_dispose;
  object_class->finalize = shou_deadline_notifier_finalize;
}

static void
shou_deadline_notifier_init (ShouDeadlineNotifier *self)
{
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ShouDeadlineNotifier *
shou_deadline_notifier_new (GApplication *app,
                            ShouStore    *store)
{
  ShouDeadlineNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  self = g_object_new (SHOU_TYPE_DEADLINE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->store = g_object_ref (store);
  self->settings = settings_new_if_installed ();
  self->timer_id = g_timeout_add_seconds (CHECK_INTERVAL_S, on_timer_cb, self);

  return self;
}

void
shou_deadline_notifier_set_offset (ShouDeadlineNotifier *self,
                                   gint64                offset)
{
  g_return_if_fail (SHOU_IS_DEADLINE_NOTIFIER (self));

  self->offset = offset;
}
