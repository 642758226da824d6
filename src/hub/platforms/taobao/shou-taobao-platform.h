/* shou-taobao-platform.h: the hub's upstream for Taobao and Tmall shops
 * (ShouHubPlatform) over TOP: incremental pull over
 * taobao.refunds.receive.get, details from taobao.refund.get, and the
 * actions TOP offers with the refund's refund_version (taobao.rp.refunds.agree,
 * with the SMS verification code a large refund asks for, and
 * taobao.rp.returngoods.agree). Sources: tests/data/platforms/README.md
 * "Taobao/Tmall adapter". */
#pragma once

#include "hub/shou-hub-platform.h"
#include "hub/platforms/shou-platform-base.h"

G_BEGIN_DECLS

typedef ShouPlatformOptions ShouTaobaoPlatformOptions;

#define SHOU_TYPE_TAOBAO_PLATFORM (shou_taobao_platform_get_type ())
G_DECLARE_FINAL_TYPE (ShouTaobaoPlatform, shou_taobao_platform, SHOU, TAOBAO_PLATFORM, GObject)

ShouTaobaoPlatform *shou_taobao_platform_new            (ShouHubStore                    *store,
                                                         const ShouTaobaoPlatformOptions *options,
                                                         GError                         **error);
/* "authorised", "lapsed" (the seller must authorise again) or "none". */
const char         *shou_taobao_platform_get_shop_state (ShouTaobaoPlatform *self,
                                                         const char         *shop_id);
gboolean            shou_taobao_platform_set_token      (ShouTaobaoPlatform *self,
                                                         const char         *shop_id,
                                                         const char         *access_token,
                                                         const char         *refresh_token,
                                                         gint64              expires_at,
                                                         GError            **error);
/* Exchanges what the seller pasted (code or redirect URL) for @shop_id. */
gboolean            shou_taobao_platform_authorise      (ShouTaobaoPlatform *self,
                                                         const char         *shop_id,
                                                         const char         *pasted,
                                                         GError            **error);
/* The authorisation page for @redirect_uri. (transfer full) */
char               *shou_taobao_platform_auth_url       (ShouTaobaoPlatform *self,
                                                         const char         *redirect_uri,
                                                         const char         *state);
/* Gateway calls made and flow-control retries. */
void                shou_taobao_platform_get_stats      (ShouTaobaoPlatform *self,
                                                         guint              *out_calls,
                                                         guint              *out_retries);

G_END_DECLS
