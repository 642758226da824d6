/* shou-pdd-platform.h: the hub's upstream for Pinduoduo shops
 * (ShouHubPlatform): incremental pull over pdd.refund.list.increment.get,
 * details from pdd.refund.information.get, and the actions Pinduoduo's
 * published API offers (pdd.refund.agree, pdd.refund.returngoods.agree). */
#pragma once

#include "hub/shou-hub-platform.h"
#include "hub/platforms/shou-platform-base.h"

G_BEGIN_DECLS

typedef ShouPlatformOptions ShouPddPlatformOptions;

#define SHOU_TYPE_PDD_PLATFORM (shou_pdd_platform_get_type ())
G_DECLARE_FINAL_TYPE (ShouPddPlatform, shou_pdd_platform, SHOU, PDD_PLATFORM, GObject)

ShouPddPlatform *shou_pdd_platform_new           (ShouHubStore                 *store,
                                                  const ShouPddPlatformOptions *options,
                                                  GError                      **error);
/* "authorised", "lapsed" (the seller must authorise again) or "none". */
const char      *shou_pdd_platform_get_shop_state (ShouPddPlatform *self,
                                                   const char      *shop_id);
/* Stores a shop's token (after shou_pdd_platform_authorise() or from a
 * file at setup). */
gboolean         shou_pdd_platform_set_token     (ShouPddPlatform *self,
                                                  const char      *shop_id,
                                                  const char      *access_token,
                                                  const char      *refresh_token,
                                                  gint64           expires_at,
                                                  GError         **error);
/* Exchanges what the seller pasted (code or redirect URL) for @shop_id. */
gboolean         shou_pdd_platform_authorise     (ShouPddPlatform *self,
                                                  const char      *shop_id,
                                                  const char      *pasted,
                                                  GError         **error);
/* The authorisation page for @redirect_uri. (transfer full) */
char            *shou_pdd_platform_auth_url      (ShouPddPlatform *self,
                                                  const char      *redirect_uri,
                                                  const char      *state);
/* How many windows one pull reads per shop (at least 1). */
void             shou_pdd_platform_set_windows_per_pull (ShouPddPlatform *self,
                                                         guint            windows);
/* Gateway calls made, flow-control retries, microseconds waited. */
void             shou_pdd_platform_get_stats     (ShouPddPlatform *self,
                                                  guint           *out_calls,
                                                  guint           *out_retries,
                                                  gint64          *out_waited);

G_END_DECLS
