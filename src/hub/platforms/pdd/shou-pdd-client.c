/* shou-pdd-client.c: Pinduoduo gateway calls. */
#include "config.h"

#include <string.h>

#include "shou-pdd-client.h"
#include "shou-pdd-error.h"
#include "shou-pdd-sign.h"

struct _ShouPddClient
{
  ShouPlatformHttp  *http;
  ShouPlatformPace  *pace;
  char              *client_id;
  char              *client_secret;
  char              *endpoint;
  gint64             backoff_base;
  gint64             backoff_cap;
  guint              max_attempts;
  gint64           (*unix_now) (gpointer user_data);
  gpointer           user_data;
  guint              retries;
};

static gint64
real_unix_now (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

ShouPddClient *
shou_pdd_client_new (const ShouPddClientOptions *options)
{
  ShouPddClient *self = g_new0 (ShouPddClient, 1);

  self->http = shou_platform_http_new (30);
  self->pace = shou_platform_pace_new (options->app_interval, options->shop_interval, options->clock);
  self->client_id = g_strdup (options->client_id);
  self->client_secret = g_strdup (options->client_secret);
  self->endpoint = g_strdup (options->endpoint ? options->endpoint : SHOU_PDD_GATEWAY);
  self->backoff_base = options->backoff_base > 0 ? options->backoff_base : G_USEC_PER_SEC;
  self->backoff_cap = options->backoff_cap > 0 ? options->backoff_cap : 30 * G_USEC_PER_SEC;
  self->max_attempts = MAX (options->max_attempts, 1);
  self->unix_now = options->unix_now ? options->unix_now : real_unix_now;
  self->user_data = options->user_data;
  return self;
}

void
shou_pdd_client_free (ShouPddClient *self)
{
  if (self == NULL)
    return;
  shou_platform_http_free (self->http);
  shou_platform_pace_free (self->pace);
  g_free (self->client_id);
  if (self->client_secret != NULL)
    memset (self->client_secret, 0, strlen (self->client_secret));
  g_free (self->client_secret);
  g_free (self->endpoint);
  g_free (self);
}

static gboolean
copy_param (gpointer key,
            gpointer value,
            gpointer user_data)
{
  shou_platform_params_set (user_data, key, value);
  return FALSE;
}

JsonObject *
shou_pdd_client_call (ShouPddClient       *self,
                      const char          *shop_id,
                      const char          *type,
                      const char          *access_token,
                      ShouPlatformParams  *biz,
                      const char          *response_key,
                      GError             **error)
{
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GTree) params = shou_platform_params_new ();
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(GError) local = NULL;
      JsonObject *body;

      if (biz != NULL)
        g_tree_foreach (biz, copy_param, params);
      shou_pdd_sign_request (params, type, self->client_id, self->client_secret, access_token,
                             self->unix_now (self->user_data));
      shou_platform_pace_wait (self->pace, shop_id);
      answer = shou_platform_http_post (self->http, self->endpoint, params, FALSE, &local);
      if (answer != NULL)
        {
          g_autoptr(ShouProtocolFault) fault = shou_pdd_error_read (answer);

          if (fault != NULL)
            shou_protocol_fault_set_error (fault, "pdd", &local);
          else
            {
              body = response_key ? shou_pdd_error_check (answer, response_key, &local) : answer;
              if (body != NULL)
                return json_object_ref (body);
            }
        }
      if (local->domain != SHOU_PROTOCOL_ERROR || !shou_protocol_error_is_retryable (local->code) ||
          attempt >= self->max_attempts)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      self->retries++;
      shou_platform_pace_backoff (self->pace, attempt, self->backoff_base, self->backoff_cap);
    }
}

guint
shou_pdd_client_get_calls (ShouPddClient *self)
{
  return shou_platform_http_get_calls (self->http);
}

guint
shou_pdd_client_get_retries (ShouPddClient *self)
{
  return self->retries;
}

ShouPlatformPace *
shou_pdd_client_get_pace (ShouPddClient *self)
{
  return self->pace;
}
