/* shou-pdd-client.h: signed calls to Pinduoduo's gateway (POST form to
 * https://gw-api.pinduoduo.com/api/router), spaced per app and shop, with
 * flow-control and unavailable answers (shou_protocol_error_is_retryable)
 * retried after a growing wait, a bounded number of times. */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/shou-platform-http.h"
#include "hub/platforms/shou-platform-pace.h"

G_BEGIN_DECLS

#define SHOU_PDD_GATEWAY "https://gw-api.pinduoduo.com/api/router"

typedef struct _ShouPddClient ShouPddClient;

typedef struct
{
  const char              *client_id;
  const char              *client_secret;
  const char              *endpoint;       /* %NULL: SHOU_PDD_GATEWAY */
  const ShouPlatformClock *clock;          /* %NULL: the real one */
  gint64                   app_interval;   /* microseconds between two calls of the app */
  gint64                   shop_interval;  /* … of one shop */
  gint64                   backoff_base;   /* first wait after flow control */
  gint64                   backoff_cap;
  guint                    max_attempts;   /* tries of one call, >= 1 */
  gint64                 (*unix_now) (gpointer user_data);  /* %NULL: real seconds */
  gpointer                 user_data;
} ShouPddClientOptions;

ShouPddClient *shou_pdd_client_new      (const ShouPddClientOptions *options);
void           shou_pdd_client_free     (ShouPddClient  *self);
/* Calls @type with @biz (business parameters; the common ones and the
 * sign are added to a copy) and returns the answer's @response_key
 * member, or the whole answer when @response_key is %NULL. Errors are
 * SHOU_PROTOCOL_ERROR. (transfer full) */
JsonObject    *shou_pdd_client_call     (ShouPddClient  *self,
                                         const char     *shop_id,
                                         const char     *type,
                                         const char     *access_token,
                                         ShouPlatformParams *biz,
                                         const char     *response_key,
                                         GError        **error);
guint          shou_pdd_client_get_calls     (ShouPddClient *self);
guint          shou_pdd_client_get_retries   (ShouPddClient *self);
ShouPlatformPace *shou_pdd_client_get_pace   (ShouPddClient *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPddClient, shou_pdd_client_free)

G_END_DECLS
