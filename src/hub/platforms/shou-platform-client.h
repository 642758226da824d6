/* shou-platform-client.h: what a platform's gateway client holds and does
 * alike: the app's key and secret, the gateway, one HTTP session, calls
 * spaced per app and shop, and each call's tries (flow control and
 * unavailable answers retried after a growing wait, a bounded number of
 * times). Each platform's client signs and reads its own envelope in the
 * attempt it passes to shou_platform_client_call(). */
#pragma once

#include "hub/platforms/shou-platform-http.h"
#include "hub/platforms/shou-platform-pace.h"

G_BEGIN_DECLS

typedef struct
{
  const char              *app_key;
  const char              *app_secret;
  const char              *endpoint;       /* %NULL: the platform's gateway */
  const ShouPlatformClock *clock;          /* %NULL: the real one */
  gint64                   app_interval;   /* microseconds between two calls of the app */
  gint64                   shop_interval;  /* … of one shop */
  ShouPlatformRetry        retry;
  gint64                 (*now) (gpointer user_data);  /* UTC µs for timestamps; %NULL: real */
  gpointer                 user_data;
} ShouPlatformClientOptions;

typedef struct
{
  ShouPlatformHttp  *http;
  ShouPlatformPace  *pace;
  ShouPlatformRetry  retry;
  char              *app_key;
  char              *app_secret;
  char              *endpoint;      /* without a trailing slash */
  gint64           (*now) (gpointer user_data);
  gpointer           user_data;
  guint              retries;
} ShouPlatformClient;

/* @gateway: the platform's, used when options->endpoint is %NULL. */
ShouPlatformClient *shou_platform_client_new   (const ShouPlatformClientOptions *options,
                                                const char                      *gateway);
/* Wipes the secret. */
void                shou_platform_client_free  (ShouPlatformClient *self);
/* UTC microseconds (the platform's timestamps). */
gint64              shou_platform_client_now   (ShouPlatformClient *self);
/* Spaces and tries @attempt for @shop_id (%NULL: the app alone). (transfer full) */
gpointer            shou_platform_client_call  (ShouPlatformClient  *self,
                                                const char          *shop_id,
                                                ShouPlatformAttempt  attempt,
                                                gpointer             data,
                                                GError             **error);
guint               shou_platform_client_get_calls (ShouPlatformClient *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformClient, shou_platform_client_free)

G_END_DECLS
