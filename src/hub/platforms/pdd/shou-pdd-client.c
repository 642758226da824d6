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
  ShouPlatformRetry  retry;
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
  self->retry.backoff_base = options->backoff_base > 0 ? options->backoff_base : G_USEC_PER_SEC;
  self->retry.backoff_cap = options->backoff_cap > 0 ? options->backoff_cap : 30 * G_USEC_PER_SEC;
  self->retry.max_attempts = MAX (options->max_attempts, 1);
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

typedef struct
{
  ShouPddClient      *self;
  const char         *type;
  const char         *access_token;
  ShouPlatformParams *biz;
  const char         *response_key;
} Call;

static gpointer
attempt (gpointer   user_data,
         GError   **error)
{
  Call *call = user_data;
  ShouPddClient *self = call->self;
  g_autoptr(GTree) params = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(ShouProtocolFault) fault = NULL;
  JsonObject *body;

  if (call->biz != NULL)
    g_tree_foreach (call->biz, copy_param, params);
  shou_pdd_sign_request (params, call->type, self->client_id, self->client_secret, call->access_token,
                         self->unix_now (self->user_data));
  answer = shou_platform_http_post (self->http, self->endpoint, params, FALSE, error);
  if (answer == NULL)
    return NULL;
  fault = shou_pdd_error_read (answer);
  if (fault != NULL)
    {
      shou_protocol_fault_set_error (fault, "pdd", error);
      return NULL;
    }
  body = call->response_key ? shou_pdd_error_check (answer, call->response_key, error) : answer;
  return body ? json_object_ref (body) : NULL;
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
  Call call = { self, type, access_token, biz, response_key };

  return shou_platform_pace_call (self->pace, shop_id, &self->retry, attempt, &call, &self->retries, error);
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
