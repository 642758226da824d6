/* shou-pdd-client.c: Pinduoduo gateway calls. */
#include "config.h"

#include "shou-pdd-client.h"
#include "shou-pdd-error.h"
#include "shou-pdd-sign.h"

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
  shou_pdd_sign_request (params, call->type, self->app_key, self->app_secret, call->access_token,
                         shou_platform_client_now (self) / G_USEC_PER_SEC);
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

  return shou_platform_client_call (self, shop_id, attempt, &call, error);
}
