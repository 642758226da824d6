/* shou-platform-client.c: the gateway client every adapter shares. */
#include "config.h"

#include <string.h>

#include "shou-platform-client.h"

static gint64
real_now (gpointer user_data)
{
  return g_get_real_time ();
}

ShouPlatformClient *
shou_platform_client_new (const ShouPlatformClientOptions *options,
                          const char                      *gateway)
{
  ShouPlatformClient *self = g_new0 (ShouPlatformClient, 1);

  self->http = shou_platform_http_new (30);
  self->pace = shou_platform_pace_new (options->app_interval, options->shop_interval, options->clock);
  self->retry = options->retry;
  self->app_key = g_strdup (options->app_key);
  self->app_secret = g_strdup (options->app_secret);
  self->endpoint = g_strdup (options->endpoint ? options->endpoint : gateway);
  while (g_str_has_suffix (self->endpoint, "/"))
    self->endpoint[strlen (self->endpoint) - 1] = '\0';
  self->now = options->now ? options->now : real_now;
  self->user_data = options->user_data;
  return self;
}

void
shou_platform_client_free (ShouPlatformClient *self)
{
  if (self == NULL)
    return;
  shou_platform_http_free (self->http);
  shou_platform_pace_free (self->pace);
  g_free (self->app_key);
  if (self->app_secret != NULL)
    memset (self->app_secret, 0, strlen (self->app_secret));
  g_free (self->app_secret);
  g_free (self->endpoint);
  g_free (self);
}

gint64
shou_platform_client_now (ShouPlatformClient *self)
{
  return self->now (self->user_data);
}

gpointer
shou_platform_client_call (ShouPlatformClient  *self,
                           const char          *shop_id,
                           ShouPlatformAttempt  attempt,
                           gpointer             data,
                           GError             **error)
{
  return shou_platform_pace_call (self->pace, shop_id, &self->retry, attempt, data, &self->retries, error);
}

guint
shou_platform_client_get_calls (ShouPlatformClient *self)
{
  return shou_platform_http_get_calls (self->http);
}
